#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/scenario/cli.sh - the mmsim command as a user runs it (TAP output)
#
# usage: cli.sh MMSIM SOURCE_DIR
# Determinism of reports and traces, variants, JSON, and the exit code 2
# with a clear message for every kind of bad input.
set -u
MMSIM=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
fails=0

ok() {	# ok DESCRIPTION COMMAND...: the command must succeed
	n=$((n + 1)); d=$1; shift
	if "$@" >"$T/out" 2>"$T/err"; then echo "ok $n - $d"
	else echo "not ok $n - $d"; sed 's/^/# /' "$T/err" | head -20; fails=$((fails + 1)); fi
}

bad() {	# bad DESCRIPTION EXPECTED-STDERR-TEXT ARGS...: exit code 2 and the message
	n=$((n + 1)); d=$1; want=$2; shift 2
	"$MMSIM" "$@" >"$T/out" 2>"$T/err"; rc=$?
	if [ $rc -eq 2 ] && grep -qF -- "$want" "$T/err" && [ ! -s "$T/out" ]; then
		echo "ok $n - $d"
	else
		echo "not ok $n - $d (exit $rc)"; echo "# wanted: $want"
		sed 's/^/# got: /' "$T/err" | head -5; fails=$((fails + 1))
	fi
}

# --- determinism ---------------------------------------------------------
"$MMSIM" run --trace "$T/t1" --json "$T/j1" >"$T/r1" 2>/dev/null
"$MMSIM" run --trace "$T/t2" --json "$T/j2" >"$T/r2" 2>/dev/null
"$MMSIM" run --seed 2 --trace "$T/t3" >"$T/r3" 2>/dev/null
ok "same seed: byte-identical report" cmp "$T/r1" "$T/r2"
ok "same seed: byte-identical trace" cmp "$T/t1" "$T/t2"
ok "same seed: byte-identical JSON" cmp "$T/j1" "$T/j2"
ok "different seed: different trace" sh -c "! cmp -s '$T/t1' '$T/t3'"
ok "trace has the ftrace header with #P:4" grep -q '^# entries-in-buffer/entries-written: [0-9]*/[0-9]*   #P:4$' "$T/t1"
ok "trace lines have ns timestamps" grep -qE '^ +<idle>-0 +\[000\] d\.\.2\. +0\.000000000: sched_switch: prev_comm=swapper/0 ' "$T/t1"
ok "scenarios/default.ini is the built-in default" sh -c "'$MMSIM' run '$SRC/scenarios/default.ini' 2>/dev/null | tail -n +2 > '$T/r4' && tail -n +2 '$T/r1' | cmp - '$T/r4'"
ok "-e filters events" sh -c "'$MMSIM' run --trace '$T/t5' -e 'sched:sched_switch' >/dev/null 2>&1 && ! grep -v '^#' '$T/t5' | grep -qv ': sched_switch: '"

for f in "$SRC"/scenarios/*.ini; do
	ok "scenario $(basename "$f") runs and passes the checkers" "$MMSIM" run "$f"
done
ok "sched-pipe: 100000 round trips of 4.4 us each" sh -c \
	"'$MMSIM' run '$SRC/scenarios/sched-pipe.ini' 2>/dev/null | grep -q '^engine: virtual time 440.001 ms'"

# --- variants and JSON ---------------------------------------------------
ok "--set with three values runs three variants side by side" sh -c \
	"'$MMSIM' run --set global.cpus=2,4,8 2>/dev/null | grep -E '^variant +global.cpus=2 +global.cpus=4 +global.cpus=8$'"
ok "variants x variants: 4 columns" sh -c \
	"'$MMSIM' run --set machine.cpus=2,4 --set hog.writes=10,50 2>/dev/null | grep -q "machine.cpus=4 hog.writes=50""
ok "JSON is valid and has the job figures" python3 -c "import json,sys; d=json.load(open('$T/j1')); assert d['job.pingpong.loops']==20000, d"
ok "--list-keys prints the table" sh -c "'$MMSIM' run --list-keys | grep -q 'kernel.sched_latency_ns'"
ok "--help" sh -c "'$MMSIM' run --help | grep -q 'usage: mmsim run'"

# --- bad input: exit 2, a message naming the problem, nothing on stdout ---
printf '[machine]\ncpus=4\n[hog]\nthread=2\n' >"$T/badkey.ini"
bad "unknown key names file:line and accepted keys" "badkey.ini:4: unknown key 'thread' in job [hog]; accepted keys:" run "$T/badkey.ini"
printf '[machine]\ncpus=abc\n[hog]\n' >"$T/badval.ini"
bad "bad value names the key" "badval.ini:2: bad value 'abc' for 'cpus'" run "$T/badval.ini"
printf '[numa.0]\nmemory=1G\n' >"$T/badsec.ini"
bad "unknown section" "badsec.ini:1: unknown section [numa.0]" run "$T/badsec.ini"
printf '[hog]\nruntime=10x\n' >"$T/badsuffix.ini"
bad "bad duration suffix" "bad value '10x' for 'runtime'" run "$T/badsuffix.ini"
printf '[hog]\nnice=1\n[hog]\nnice=2\n' >"$T/dupjob.ini"
bad "duplicate job" "dupjob.ini:3: duplicate job [hog] (first at line 1)" run "$T/dupjob.ini"
printf '[hog]\nnice=40\n' >"$T/range.ini"
bad "out of range" "value '40' for 'nice' in job [hog] is out of range -20..19" run "$T/range.ini"
printf '[m]\nkind=mem\nsize=4M\noom_score_adj=1001\n' >"$T/oomadj.ini"
bad "oom_score_adj out of range" "oomadj.ini:4: value '1001' for 'oom_score_adj' in job [m] is out of range -1000..1000" run "$T/oomadj.ini"
printf '[machine]\ncpus=2\n' >"$T/nojobs.ini"
bad "no jobs" "no jobs" run "$T/nojobs.ini"
printf '[machine]\ncpus=2\n[hog]\ncpus_allowed=3\n' >"$T/cpus.ini"
bad "cpus_allowed beyond the machine" "names CPU 3 but the machine has 2 CPUs" run "$T/cpus.ini"
printf '\000\001\002binary' >"$T/binary.ini"
bad "binary file" "binary.ini:1:" run "$T/binary.ini"
bad "missing file" "cannot open scenario" run "$T/nonexistent.ini"
bad "bad --set key" "unknown key 'cpu' in [machine]" run --set machine.cpu=4
bad "bad --set job" "no section or job 'nosuch'" run --set nosuch.nice=1
bad "bad --set value in a variant" "bad value 'x' for 'cpus'" run --set machine.cpus=2,x
bad "unknown option" "unknown option '--bogus'" run --bogus
bad "unknown trace event" "unknown trace event 'sched:nope'" run --trace "$T/x" -e sched:nope
bad "-e without --trace" "needs --trace" run -e sched:*
bad "two scenario files" "unexpected argument" run a.ini b.ini
bad "unknown command" "unknown command 'walk'" walk
printf '[cost]\ncontext_switch=0\nwakeup=0\nsyscall=0\npipe_read=0\npipe_write=0\ntask_create=0\n[p]\nkind=pipe\n' >"$T/zero.ini"
bad "all costs 0: livelock is reported, not a hang" "virtual time stopped advancing at 0 ns" run "$T/zero.ini"

# --- memory (docs/EXPERIMENTS.md) -------------------------------------------
printf '[global]\nruntime=2s\n[machine]\ncpus=2\nmemory=256M\n[fragment]\nkind=fragmenter\nfill=95\n[thp]\nkind=alloc\nstart_delay=1200ms\norder=9\ngfp=GFP_TRANSHUGE\nloops=5\n' >"$T/mem.ini"
ok "--proc writes the kernel's files" sh -c "'$MMSIM' run '$T/mem.ini' --proc '$T/proc' >/dev/null 2>&1 && grep -qE '^Node 0, zone    DMA32( +[0-9]+){11} \$' '$T/proc/buddyinfo' && grep -q '^compact_daemon_migrate_scanned [1-9]' '$T/proc/vmstat' && grep -q '^Node 0, zone      DMA ' '$T/proc/extfrag/unusable_index' && grep -q '^Page block order: 9' '$T/proc/pagetypeinfo' && grep -q 'pages free' '$T/proc/zoneinfo' && grep -qx 'Filename.*Priority' '$T/proc/swaps'"
ok "--proc-interval writes snapshots named by virtual time" sh -c "'$MMSIM' run '$T/mem.ini' --proc '$T/pi' --proc-interval 500ms >/dev/null 2>&1 && ls '$T/pi' | tr '\n' ' ' | grep -qx '000000.500000000 000001.000000000 buddyinfo extfrag pagetypeinfo swaps vmstat zoneinfo '"
bad "--proc-interval without --proc" "--proc-interval needs --proc DIR" run --proc-interval 1s
bad "--proc-interval with a bad duration" "bad value '1x' for --proc-interval" run --proc "$T/x" --proc-interval 1x
ok "the report has the compaction counters" sh -c "'$MMSIM' run '$T/mem.ini' 2>/dev/null | grep -qE '^compact_stall [0-9]+ compact_fail'"
printf '[global]\nruntime=10s\n[machine]\ncpus=1\nmemory=64M\n[big]\nkind=mem\nsize=20M\nloops=2\nthink=1s\n[grow]\nkind=mem\nsize=48M\nloops=1\nstart_delay=100ms\n' >"$T/oom.ini"
ok "the OOM killer: the job is marked and dmesg has the kill" sh -c \
	"'$MMSIM' run '$T/oom.ini' >'$T/oomr' 2>/dev/null && grep -qx ' *killed by the OOM killer at 10[0-9][.][0-9]* ms' '$T/oomr' && grep -qE '^oom_kill 1\$' '$T/oomr' && grep -qE '^\[ +0\.[0-9]{6}\] Out of memory: Killed process 1001 \(grow\) total-vm:49152kB, ' '$T/oomr'"
printf '[global]\nruntime=10s\n[machine]\ncpus=1\nmemory=64M\n[pin]\nkind=mem\nsize=80M\noom_score_adj=-1000\n' >"$T/oompanic.ini"
ok "nothing to kill: exit 1, a message and the kernel log, no report" sh -c \
	"'$MMSIM' run '$T/oompanic.ini' >'$T/po' 2>'$T/pe'; [ \$? -eq 1 ] && [ ! -s '$T/po' ] && grep -q '^mmsim: error: out of memory and no killable processes at [0-9]* ns' '$T/pe' && grep -q 'Kernel panic - not syncing: System is deadlocked on memory\$' '$T/pe'"

printf '[r]\nkind=replay\nloops=1\ntrace=%s/tests/data/lackey-small.txt\n[machine]\nmemory=64M\n' "$SRC" >"$T/replay3.ini"
printf '[r]\nkind=replay\n' >"$T/replay1.ini"
bad "replay without a trace" "replay1.ini:1: job [r] of kind replay needs trace=PATH" run "$T/replay1.ini"
printf '[r]\nkind=replay\ntrace=%s/none.txt\n' "$T" >"$T/replay2.ini"
bad "replay of a missing trace" "replay2.ini:3: cannot open trace '$T/none.txt' of job [r]: No such file or directory" run "$T/replay2.ini"
ok "replay of a lackey trace" sh -c "'$MMSIM' run '$T/replay3.ini' 2>/dev/null | grep -qE '^r +181 +7 '"

# --- timehist (docs/timehist.md) --------------------------------------------
bad "--timehist with a bad option: nothing run" "mmsim timehist: unknown option '-x'" run --timehist=-x
bad "--timehist with -i: the run's trace is the input" "more than one input file" run --timehist='-i f'
bad "timehist of a missing file" "cannot open '$T/none'" timehist "$T/none"
ok "--timehist with two variants: two analyses" sh -c \
	"'$MMSIM' run '$SRC/scenarios/sched-pipe.ini' --set pipe.loops=10 --set machine.cpus=1,2 --timehist=-s 2>/dev/null | grep -c -e '^# timehist: machine.cpus=[12]\$' -e '^Runtime summary\$' | grep -qx 4"
ok "--timehist equals timehist of --trace" sh -c \
	"'$MMSIM' run --trace '$T/th.trace' --timehist='-w -M' 2>/dev/null | sed '1,/^engine:/d' | tail -n +2 >'$T/th1' && '$MMSIM' timehist -w -M '$T/th.trace' >'$T/th2' && cmp '$T/th1' '$T/th2' && [ \$(wc -l <'$T/th2') -gt 1000 ]"
ok "help timehist" sh -c "'$MMSIM' help timehist | grep -q 'usage: mmsim timehist'"

# --- block devices (docs/block.md) -------------------------------------------
ok "mmsim check: the storage suite passes" sh -c "'$MMSIM' check --seeds 20 | grep -q '^PASS: 0 failed$'"
ok "io jobs report IOPS and diskstats" sh -c \
	"'$MMSIM' run '$SRC/scenarios/block-devices.ini' 2>/dev/null | grep -qE '^nvme0n1 +nvme +259:0 '"
ok "io job JSON has iops and device counters" sh -c \
	"'$MMSIM' run '$SRC/scenarios/block-devices.ini' --json '$T/jb' >/dev/null 2>&1 && python3 -c \"import json; d=json.load(open('$T/jb')); assert d['job.randread.iops'] > 400000 and d['device.sda.reads'] > 0, d\""
printf '[device.d0]\ntype=floppy\n[j]\n' >"$T/dev.ini"
bad "bad device type" "dev.ini:2: bad value 'floppy' for 'type' in [device.d0]; accepted values: null, ram, hdd, ssd, nvme, pmem, zoned, usb" run "$T/dev.ini"
printf '[device.d0]\n[fio]\nkind=io\ndevice=sdz\n' >"$T/nodev.ini"
bad "io job on an undefined device" "nodev.ini:4: device 'sdz' of job [fio] is not defined; devices: d0" run "$T/nodev.ini"
bad "bad --set device key" "unknown key 'rmp' in [device.sda]" run "$SRC/scenarios/block-devices.ini" --set device.sda.rmp=5400
bad "check --seeds 0" "bad value '0' for --seeds" check --seeds 0

echo "1..$n"
[ $fails -eq 0 ]
