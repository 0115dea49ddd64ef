# SPDX-License-Identifier: GPL-2.0-only
# Thin wrapper around meson: `make run` and `make test` are the two commands
# the README promises.  Both install missing Debian packages first.

BUILD      ?= build
ASAN_BUILD ?= build-asan
MESON_OPTS ?= --buildtype=debugoptimized

FUZZ_SECONDS ?= 10

.PHONY: all deps build run test test-asan bench fuzz clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja:
	@scripts/install-deps.sh
	meson setup $(BUILD) $(MESON_OPTS)

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

run: build
	./$(BUILD)/mmsim run

$(ASAN_BUILD)/build.ninja:
	@scripts/install-deps.sh
	meson setup $(ASAN_BUILD) -Db_sanitize=address,undefined -Dbuildtype=debug -Ddebug_level=2

# Every test in the normal build, then the unit and block tests under ASan/UBSan;
# the last line counts both runs' Criterion tests.
test: build $(ASAN_BUILD)/build.ninja
	@status=0; \
	meson test -C $(BUILD) --print-errorlogs || status=1; \
	ninja -C $(ASAN_BUILD) >/dev/null && \
	  meson test -C $(ASAN_BUILD) --suite unit --suite blk --print-errorlogs || status=1; \
	fuzz=skip; \
	if command -v clang >/dev/null 2>&1; then \
	  if $(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_SECONDS); then fuzz=pass; \
	  else fuzz=fail; status=1; fi; \
	fi; \
	python3 scripts/test-summary.py --extra fuzz_reader=$$fuzz $(BUILD)/meson-logs/testlog.json \
	  $(ASAN_BUILD)/meson-logs/testlog.json || status=1; \
	exit $$status

# libFuzzer on the trace reader for FUZZ_SECONDS (needs clang and its runtime).
fuzz:
	@mkdir -p $(BUILD)/fuzz
	clang -g -O1 -std=c11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined \
	  -fno-sanitize-recover=all -Iinclude -Isrc tests/fuzz/fuzz_reader.c \
	  src/trace/reader.c -lz -o $(BUILD)/fuzz/fuzz_reader
	@rm -rf $(BUILD)/fuzz/corpus && cp -r tests/fuzz/corpus-reader $(BUILD)/fuzz/corpus
	@$(BUILD)/fuzz/fuzz_reader -max_total_time=$(FUZZ_SECONDS) -timeout=5 \
	  -artifact_prefix=$(BUILD)/fuzz/ $(BUILD)/fuzz/corpus >$(BUILD)/fuzz/log 2>&1; \
	rc=$$?; tail -2 $(BUILD)/fuzz/log; exit $$rc

bench: build
	@echo "see docs/PERFORMANCE.md for the benchmark commands"

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
