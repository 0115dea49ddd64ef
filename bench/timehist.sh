#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench/timehist.sh - mmsim timehist against perf sched timehist, one run each
#
# usage: bench/timehist.sh [MMSIM] [LOOPS]      (root: perf sched record)
# Records `perf bench sched pipe -l LOOPS` (default 100000), converts it with
# `perf script --ns`, then times perf sched timehist on perf.data and mmsim
# timehist on the text, both writing to /dev/null, and prints the ratio.
set -eu
MMSIM=${1:-build/mmsim}
LOOPS=${2:-100000}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

now() { date +%s.%N; }

perf sched record -o "$T/perf.data" -- perf bench sched pipe -l "$LOOPS" >/dev/null 2>&1
perf script --ns -i "$T/perf.data" >"$T/script.txt" 2>/dev/null
events=$(wc -l <"$T/script.txt")
bytes=$(wc -c <"$T/script.txt")

# warm the page cache for both inputs
cat "$T/perf.data" "$T/script.txt" >/dev/null

t0=$(now)
perf sched timehist -i "$T/perf.data" >"$T/perf.out" 2>/dev/null
t1=$(now)
"$MMSIM" timehist "$T/script.txt" >"$T/mmsim.out"
t2=$(now)

# the two must agree on the rows' numbers before their speed means anything
rows=$(grep -c '^ *[0-9]*\.[0-9]* \[' "$T/perf.out" || true)
mrows=$(grep -c '^ *[0-9]*\.[0-9]* \[' "$T/mmsim.out" || true)

awk -v a="$t0" -v b="$t1" -v c="$t2" -v ev="$events" -v by="$bytes" \
    -v r="$rows" -v m="$mrows" 'BEGIN {
	p = b - a; s = c - b
	printf "trace: %d events, %.1f MB of perf script --ns text\n", ev, by / 1e6
	printf "rows: perf %d, mmsim %d\n", r, m
	printf "perf sched timehist (perf.data): %.3f s\n", p
	printf "mmsim timehist (text):           %.3f s\n", s
	printf "ratio mmsim/perf: %.2f\n", s / p
}'
