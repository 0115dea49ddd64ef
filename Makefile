# SPDX-License-Identifier: GPL-2.0-only
# Thin wrapper around meson: `make run` and `make test` are the two commands
# the README promises.  Both install missing Debian packages first.

BUILD      ?= build
ASAN_BUILD ?= build-asan
MESON_OPTS ?= --buildtype=debugoptimized

.PHONY: all deps build run test test-asan bench clean

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

# Every test in the normal build, then the unit tests under ASan/UBSan;
# the last line counts both runs' Criterion tests.
test: build $(ASAN_BUILD)/build.ninja
	@status=0; \
	meson test -C $(BUILD) --print-errorlogs || status=1; \
	ninja -C $(ASAN_BUILD) >/dev/null && \
	  meson test -C $(ASAN_BUILD) --suite unit --print-errorlogs || status=1; \
	python3 scripts/test-summary.py $(BUILD)/meson-logs/testlog.json \
	  $(ASAN_BUILD)/meson-logs/testlog.json || status=1; \
	exit $$status

bench: build
	@echo "see docs/PERFORMANCE.md for the benchmark commands"

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
