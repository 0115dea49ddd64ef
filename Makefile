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
	fuzz_reader=skip; fuzz_lackey=skip; \
	if command -v clang >/dev/null 2>&1; then \
	  rm -f $(BUILD)/fuzz/*.result; \
	  $(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_SECONDS) || status=1; \
	  fuzz_reader=$$(cat $(BUILD)/fuzz/fuzz_reader.result 2>/dev/null || echo fail); \
	  fuzz_lackey=$$(cat $(BUILD)/fuzz/fuzz_lackey.result 2>/dev/null || echo fail); \
	fi; \
	python3 scripts/test-summary.py --extra fuzz_reader=$$fuzz_reader \
	  --extra fuzz_lackey=$$fuzz_lackey $(BUILD)/meson-logs/testlog.json \
	  $(ASAN_BUILD)/meson-logs/testlog.json || status=1; \
	exit $$status

# libFuzzer, FUZZ_SECONDS per target, one after the other (needs clang and
# its runtime): fuzz_reader on the trace reader, seeded with
# tests/fuzz/corpus-reader, and fuzz_lackey on the lackey parser, seeded with
# tests/data/lackey-small.txt.  Each prints its verdict and the last lines
# of its log ($(BUILD)/fuzz/NAME.log) and writes pass or fail to
# $(BUILD)/fuzz/NAME.result for the summary line of `make test`; crash
# inputs are saved as $(BUILD)/fuzz/NAME-crash-*.
FUZZERS     = fuzz_reader fuzz_lackey
FUZZ_CFLAGS = -g -O1 -std=c11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined \
	      -fno-sanitize-recover=all -Iinclude -Isrc

fuzz:
	@mkdir -p $(BUILD)/fuzz; status=0; \
	for t in $(FUZZERS); do \
	  case $$t in \
	  fuzz_reader) src="src/trace/reader.c -lz"; seed="tests/fuzz/corpus-reader/*";; \
	  fuzz_lackey) src="src/workload/lackey.c"; seed="tests/data/lackey-small.txt";; \
	  esac; \
	  rm -rf $(BUILD)/fuzz/$$t.result $(BUILD)/fuzz/$$t.log $(BUILD)/fuzz/corpus-$$t; \
	  mkdir -p $(BUILD)/fuzz/corpus-$$t && cp $$seed $(BUILD)/fuzz/corpus-$$t/; \
	  echo "clang $(FUZZ_CFLAGS) tests/fuzz/$$t.c $$src -o $(BUILD)/fuzz/$$t"; \
	  if clang $(FUZZ_CFLAGS) tests/fuzz/$$t.c $$src -o $(BUILD)/fuzz/$$t && \
	     $(BUILD)/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=5 \
	       -artifact_prefix=$(BUILD)/fuzz/$$t- $(BUILD)/fuzz/corpus-$$t \
	       >$(BUILD)/fuzz/$$t.log 2>&1; \
	  then r=pass; else r=fail; status=1; fi; \
	  echo "$$t: $$r"; tail -2 $(BUILD)/fuzz/$$t.log 2>/dev/null; \
	  echo $$r >$(BUILD)/fuzz/$$t.result; \
	done; \
	exit $$status

bench: build
	@echo "see docs/PERFORMANCE.md for the benchmark commands"

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
