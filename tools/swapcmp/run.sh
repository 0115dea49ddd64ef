#!/usr/bin/env bash
# swapcmp/run.sh - measure how the running Linux kernel swaps a small
# anonymous-memory workload (tools/swapcmp/swaptouch) inside a cgroup-v1
# memory limit, with VMA-based and with cluster (physical) swap readahead.
#
# Run as root on an otherwise idle machine:  sudo tools/swapcmp/run.sh [options]
# See tools/swapcmp/README.md, or --help.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# ---------------------------------------------------------------- defaults
SIZE=384M            # region size (swaptouch --size)
LIMIT=256M           # memory.limit_in_bytes
SEQ_PASSES=3         # seq case: passes
RAND_ACCESSES=""     # rand case: accesses (default 2 * region pages)
MIXED_PASSES=1       # mixed case: passes of the sequential thread
MIXED_ACCESSES=""    # mixed case: accesses of the random thread (default region pages)
WRITE_PCT=0
SEED=1
REPEAT=3
CASES="seq,rand,mixed"
VMA_RA="true,false"
PAGE_CLUSTER=3
SWAPPINESS=60
SWAP_SIZE=1G
SWAPFILE=/var/tmp/swapcmp.swap
BACKEND="file"       # file: swapon the file; loop: swapon a non-rotational loop device over it
CG_ROOT=/sys/fs/cgroup/memory
CG_NAME=swapcmp
OUT="$SCRIPT_DIR/results.tsv"

usage() {
	cat <<EOF
usage: sudo $0 [options]

Workload (tools/swapcmp/swaptouch, built from swaptouch.c if needed):
  --size SIZE            anonymous region size, K/M/G suffix   (default $SIZE)
  --limit SIZE           cgroup memory.limit_in_bytes          (default $LIMIT)
  --cases LIST           comma list of seq,rand,mixed          (default $CASES)
  --seq-passes N         seq: sequential passes                (default $SEQ_PASSES)
  --rand-accesses N      rand: random page accesses            (default 2 x region pages)
  --mixed-passes N       mixed: passes of the sequential thread (default $MIXED_PASSES)
  --mixed-accesses N     mixed: accesses of the random thread  (default region pages)
  --write-pct P          percent of accesses that store        (default $WRITE_PCT)
  --seed S               PRNG seed of the random accesses      (default $SEED)
  --repeat N             runs of every case x vma_ra setting   (default $REPEAT)

Kernel settings during the runs (restored afterwards):
  --vma-ra LIST          /sys/kernel/mm/swap/vma_ra_enabled values to test
                         (default $VMA_RA; false = cluster readahead)
  --page-cluster N       /proc/sys/vm/page-cluster             (default $PAGE_CLUSTER)
  --swappiness N         vm.swappiness and the cgroup's memory.swappiness (default $SWAPPINESS)
  zswap (if present) is disabled during the runs.

Swap device (created and removed by this script):
  --swapfile PATH        (default $SWAPFILE; must not exist)
  --swap-size SIZE       (default $SWAP_SIZE)
  --backend file|loop    file: swapon PATH itself (the swap device's rotational
                         flag is the filesystem's disk's); loop: swapon a loop
                         device (direct I/O) over PATH, marked non-rotational
                         so VMA readahead can be used even on a rotational
                         disk (default $BACKEND)
  --cgroup NAME          cgroup v1 memory group to create under $CG_ROOT
                         (default $CG_NAME; must not exist)

Output:
  --out FILE             TSV, one row per run (default $OUT)
EOF
}

die() { echo "swapcmp: error: $*" >&2; exit 1; }
log() { echo "swapcmp: $*" >&2; }

# Sizes as bytes: 384M -> 402653184.
to_bytes() {
	local s=$1 n unit
	[[ $s =~ ^([0-9]+)([KkMmGg]?)(i?B?)$ ]] || die "bad size '$s' (use e.g. 384M, 1G)"
	n=${BASH_REMATCH[1]}; unit=${BASH_REMATCH[2]}
	case $unit in
	K|k) echo $((n << 10)) ;;
	M|m) echo $((n << 20)) ;;
	G|g) echo $((n << 30)) ;;
	*) echo "$n" ;;
	esac
}
is_uint() { [[ $1 =~ ^[0-9]+$ ]]; }

while (($#)); do
	opt=$1
	case $opt in
	-h|--help) usage; exit 0 ;;
	esac
	(($# >= 2)) || die "option '$opt' needs a value (or is unknown); see --help"
	val=$2; shift 2
	case $opt in
	--size) SIZE=$val ;;
	--limit) LIMIT=$val ;;
	--cases) CASES=$val ;;
	--seq-passes) SEQ_PASSES=$val ;;
	--rand-accesses) RAND_ACCESSES=$val ;;
	--mixed-passes) MIXED_PASSES=$val ;;
	--mixed-accesses) MIXED_ACCESSES=$val ;;
	--write-pct) WRITE_PCT=$val ;;
	--seed) SEED=$val ;;
	--repeat) REPEAT=$val ;;
	--vma-ra) VMA_RA=$val ;;
	--page-cluster) PAGE_CLUSTER=$val ;;
	--swappiness) SWAPPINESS=$val ;;
	--swapfile) SWAPFILE=$val ;;
	--swap-size) SWAP_SIZE=$val ;;
	--backend) BACKEND=$val ;;
	--cgroup) CG_NAME=$val ;;
	--out) OUT=$val ;;
	*) die "unknown option '$opt'; see --help" ;;
	esac
done

# ---------------------------------------------------------------- validate
SIZE_B=$(to_bytes "$SIZE")
LIMIT_B=$(to_bytes "$LIMIT")
SWAP_B=$(to_bytes "$SWAP_SIZE")
PAGE=$(getconf PAGESIZE)
NPAGES=$(((SIZE_B + PAGE - 1) / PAGE))
[[ -n $RAND_ACCESSES ]] || RAND_ACCESSES=$((2 * NPAGES))
[[ -n $MIXED_ACCESSES ]] || MIXED_ACCESSES=$NPAGES
for v in SEQ_PASSES RAND_ACCESSES MIXED_PASSES MIXED_ACCESSES WRITE_PCT SEED REPEAT PAGE_CLUSTER SWAPPINESS; do
	is_uint "${!v}" || die "--$(tr 'A-Z_' 'a-z-' <<<"$v") must be a non-negative integer, not '${!v}'"
done
((WRITE_PCT <= 100)) || die "--write-pct must be 0..100"
((SWAPPINESS <= 200)) || die "--swappiness must be 0..200"
((REPEAT >= 1)) || die "--repeat must be >= 1"
IFS=, read -r -a CASE_LIST <<<"$CASES"
for c in "${CASE_LIST[@]}"; do
	[[ $c == seq || $c == rand || $c == mixed ]] || die "unknown case '$c' (seq, rand, mixed)"
done
IFS=, read -r -a VMA_LIST <<<"$VMA_RA"
for v in "${VMA_LIST[@]}"; do
	[[ $v == true || $v == false ]] || die "--vma-ra values are true/false, not '$v'"
done
[[ $BACKEND == file || $BACKEND == loop ]] || die "--backend is file or loop, not '$BACKEND'"
[[ $CG_NAME =~ ^[A-Za-z0-9._-]+$ ]] || die "bad --cgroup name '$CG_NAME'"
CG="$CG_ROOT/$CG_NAME"
((LIMIT_B < SIZE_B)) || log "warning: --limit ($LIMIT) >= --size ($SIZE): nothing will need to swap"
((SWAP_B >= SIZE_B - LIMIT_B + (64 << 20))) ||
	log "warning: --swap-size ($SWAP_SIZE) is small for size-limit = $(((SIZE_B - LIMIT_B) >> 20))M: the workload may be OOM-killed"

# ---------------------------------------------------------------- prerequisites
((EUID == 0)) || die "must run as root (sudo $0)"
[[ $(uname -s) == Linux ]] || die "Linux only"
grep -qE "^[^ ]+ $CG_ROOT cgroup [^ ]*\bmemory\b" /proc/mounts ||
	die "no cgroup v1 memory controller mounted at $CG_ROOT"
[[ -w $CG_ROOT/cgroup.procs && -e $CG_ROOT/memory.limit_in_bytes ]] ||
	die "$CG_ROOT does not look like a cgroup v1 memory hierarchy"
[[ ! -e $CG ]] || die "$CG already exists (left over from an earlier run? check, then rmdir it)"
if (($(wc -l </proc/swaps) > 1)); then
	echo "swapcmp: error: swap is already active; refusing to disturb it:" >&2
	cat /proc/swaps >&2
	exit 1
fi
[[ ! -e $SWAPFILE ]] || die "$SWAPFILE already exists; refusing to overwrite it"
VMA_KNOB=/sys/kernel/mm/swap/vma_ra_enabled
ZSWAP_KNOB=/sys/module/zswap/parameters/enabled
[[ -w $VMA_KNOB ]] || die "$VMA_KNOB missing (kernel without swap VMA readahead?)"
[[ -w /proc/sys/vm/page-cluster && -w /proc/sys/vm/swappiness && -w /proc/sys/vm/drop_caches ]] ||
	die "/proc/sys/vm/{page-cluster,swappiness,drop_caches} not writable"
for t in mkswap swapon swapoff getconf; do
	command -v "$t" >/dev/null || die "'$t' not found"
done
[[ $BACKEND == file ]] || command -v losetup >/dev/null || die "'losetup' not found (needed by --backend loop)"
OUT_DIR=$(dirname "$OUT")
[[ -d $OUT_DIR && -w $OUT_DIR ]] || die "output directory '$OUT_DIR' missing or not writable"

# Build swaptouch next to its source when missing or stale.
SWAPTOUCH="$SCRIPT_DIR/swaptouch"
if [[ ! -x $SWAPTOUCH || $SCRIPT_DIR/swaptouch.c -nt $SWAPTOUCH ]]; then
	command -v cc >/dev/null || die "no 'cc' to build $SWAPTOUCH"
	log "building $SWAPTOUCH"
	cc -O2 -Wall -Wextra -Werror -pthread -o "$SWAPTOUCH" "$SCRIPT_DIR/swaptouch.c"
fi

# ---------------------------------------------------------------- state & cleanup
declare -a SAVED_PATHS=() SAVED_VALUES=()
SWAP_ACTIVE=""      # what we swapon'ed
LOOPDEV=""
MADE_SWAPFILE=""
WORKER_PID=""
TMPD=$(mktemp -d /tmp/swapcmp.XXXXXX)
# The memory cgroup this script runs in: tasks left in $CG go back there.
HOME_CG="$CG_ROOT$(awk -F: '$2 ~ /(^|,)memory(,|$)/ {print $3; exit}' /proc/self/cgroup)"
[[ -d $HOME_CG ]] || HOME_CG=$CG_ROOT

# set_knob PATH VALUE: remember PATH's value the first time, then write VALUE.
set_knob() {
	local path=$1 value=$2 i known=""
	for i in "${!SAVED_PATHS[@]}"; do
		[[ ${SAVED_PATHS[i]} == "$path" ]] && known=1
	done
	if [[ -z $known ]]; then
		SAVED_PATHS+=("$path")
		SAVED_VALUES+=("$(cat "$path")")
	fi
	echo "$value" >"$path"
}

remove_cgroup() {
	[[ -d $CG ]] || return 0
	local pid
	for _ in 1 2 3 4 5; do
		while read -r pid; do
			[[ -n $pid ]] && echo "$pid" >"$HOME_CG/cgroup.procs" 2>/dev/null
		done <"$CG/cgroup.procs"
		rmdir "$CG" 2>/dev/null && return 0
		sleep 0.5
	done
	log "warning: could not rmdir $CG"
	return 1
}

cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	set +e
	if [[ -n $WORKER_PID ]] && kill -0 "$WORKER_PID" 2>/dev/null; then
		kill -KILL "$WORKER_PID" 2>/dev/null
		wait "$WORKER_PID" 2>/dev/null
	fi
	remove_cgroup
	if [[ -n $SWAP_ACTIVE ]]; then
		swapoff "$SWAP_ACTIVE" || log "warning: swapoff $SWAP_ACTIVE failed"
	fi
	if [[ -n $LOOPDEV ]]; then
		losetup -d "$LOOPDEV" || log "warning: losetup -d $LOOPDEV failed"
	fi
	if [[ -n $MADE_SWAPFILE ]]; then
		rm -f "$MADE_SWAPFILE" || log "warning: could not remove $MADE_SWAPFILE"
	fi
	local i
	for ((i = ${#SAVED_PATHS[@]} - 1; i >= 0; i--)); do
		echo "${SAVED_VALUES[i]}" >"${SAVED_PATHS[i]}" ||
			log "warning: could not restore ${SAVED_PATHS[i]} to '${SAVED_VALUES[i]}'"
	done
	rm -rf "$TMPD"
	if ((${#SAVED_PATHS[@]})) || [[ -n $MADE_SWAPFILE ]]; then
		log "cleanup done: swap off, swapfile removed, cgroup removed, settings restored:"
		for i in "${!SAVED_PATHS[@]}"; do
			log "  ${SAVED_PATHS[i]} = $(cat "${SAVED_PATHS[i]}")"
		done
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

# ---------------------------------------------------------------- swap device
# rotational flag of the disk under a block device number MAJ:MIN
rotational_of_devno() {
	local sys="/sys/dev/block/$1"
	[[ -e $sys ]] || { echo "?"; return; }
	if [[ -e $sys/partition ]]; then sys="$sys/.."; fi
	cat "$sys/queue/rotational" 2>/dev/null || echo "?"
}

try_swapon() { # FILE-OR-DEV
	mkswap -q "$1" >/dev/null 2>"$TMPD/mkswap.err" || { cat "$TMPD/mkswap.err" >&2; return 1; }
	swapon "$1" 2>"$TMPD/swapon.err" || return 1
	SWAP_ACTIVE=$1
}

make_file() { # METHOD: fallocate or dd
	rm -f "$SWAPFILE"
	MADE_SWAPFILE=$SWAPFILE
	if [[ $1 == fallocate ]]; then
		fallocate -l "$SWAP_B" "$SWAPFILE" 2>"$TMPD/falloc.err" || return 1
	else
		dd if=/dev/zero of="$SWAPFILE" bs=1M count=$((SWAP_B >> 20)) conv=fsync status=none
	fi
	chmod 600 "$SWAPFILE"
}

setup_swap() {
	local method
	for method in fallocate dd; do
		if [[ $method == fallocate ]] && ! command -v fallocate >/dev/null; then continue; fi
		make_file "$method" || { log "fallocate failed: $(cat "$TMPD/falloc.err")"; continue; }
		if [[ $BACKEND == file ]]; then
			if try_swapon "$SWAPFILE"; then SWAP_METHOD=$method; break; fi
		else
			LOOPDEV=$(losetup --find --show --direct-io=on "$SWAPFILE")
			# Non-rotational before swapon: the kernel counts rotational swap
			# devices at swapon time and uses VMA readahead only if there are none.
			echo 0 >"/sys/block/${LOOPDEV#/dev/}/queue/rotational"
			if try_swapon "$LOOPDEV"; then SWAP_METHOD=$method; break; fi
			losetup -d "$LOOPDEV"; LOOPDEV=""
		fi
		log "swapon of a $method-created file failed: $(cat "$TMPD/swapon.err")"
	done
	[[ -n $SWAP_ACTIVE ]] || die "could not activate swap on $SWAPFILE"
	local devno
	devno=$(stat -c '%d' "$SWAPFILE")
	FS_DEVNO="$((devno >> 8 & 0xfff)):$(((devno & 0xff) | (devno >> 12 & 0xfff00)))"
	FS_DEV=$(basename "$(readlink -f "/sys/dev/block/$FS_DEVNO" 2>/dev/null)" 2>/dev/null || echo "?")
	FS_ROT=$(rotational_of_devno "$FS_DEVNO")
	if [[ $BACKEND == file ]]; then
		SWAP_ROT=$FS_ROT
		SWAP_DESC="swapfile $SWAPFILE ($SWAP_METHOD) on /dev/$FS_DEV ($FS_DEVNO), rotational=$FS_ROT"
	else
		SWAP_ROT=$(cat "/sys/block/${LOOPDEV#/dev/}/queue/rotational")
		SWAP_DESC="$LOOPDEV (direct I/O, rotational=$SWAP_ROT) over $SWAPFILE ($SWAP_METHOD) on /dev/$FS_DEV, rotational=$FS_ROT"
	fi
}

# ---------------------------------------------------------------- counters
VM_KEYS=(pswpin pswpout pgmajfault pgfault swap_ra swap_ra_hit
	pgscan_direct pgscan_kswapd pgsteal_direct pgsteal_kswapd
	pgscan_anon pgsteal_anon workingset_refault_anon workingset_activate_anon
	workingset_restore_anon zswpout pgactivate pgdeactivate pgrefill pgrotated)
CG_KEYS=(pgfault pgmajfault pgpgin pgpgout
	total_pgfault total_pgmajfault total_pgpgin total_pgpgout)
ST_KEYS=(populate_s access_s total_s seq_s rand_s seq_cpu_s rand_cpu_s seq_majflt rand_majflt accesses reads writes
	populate_minflt populate_majflt access_minflt access_majflt)

read_kv() { # FILE ARRAY-NAME: "key value" lines into an associative array
	local -n _a=$2
	local k v
	_a=()
	while read -r k v; do [[ -n $k ]] && _a[$k]=$v; done <"$1"
}

# ---------------------------------------------------------------- one run
declare -a ROWS=()
FAILED=0

tsv_header() {
	local h=(case vma_ra run status backend swap_rotational size_bytes limit_bytes page_cluster
		swappiness passes rand_accesses write_pct seed wall_s)
	local k
	for k in "${ST_KEYS[@]}"; do h+=("st_$k"); done
	for k in "${VM_KEYS[@]}"; do h+=("$k"); done
	for k in "${CG_KEYS[@]}"; do h+=("cg_$k"); done
	h+=(cg_swap_max_sampled cg_max_usage_bytes cg_memsw_max_usage_bytes cg_failcnt)
	h+=(dev_reads dev_rmerge dev_writes dev_wmerge)
	(IFS=$'\t'; echo "${h[*]}")
}

swap_blockdev() { # the block device the swap I/O goes to: the loop device, or the file's disk
	if [[ -n $LOOPDEV ]]; then echo "${LOOPDEV#/dev/}"; else echo "$FS_DEV"; fi
}

run_one() { # CASE VMA_RA RUN
	local cas=$1 vma=$2 run=$3 args passes accesses
	case $cas in
	seq) passes=$SEQ_PASSES; accesses=0
		args=(--pattern seq --passes "$SEQ_PASSES") ;;
	rand) passes=0; accesses=$RAND_ACCESSES
		args=(--pattern rand --accesses "$RAND_ACCESSES" --seed "$SEED") ;;
	mixed) passes=$MIXED_PASSES; accesses=$MIXED_ACCESSES
		args=(--pattern mixed --passes "$MIXED_PASSES" --accesses "$MIXED_ACCESSES" --seed "$SEED") ;;
	esac
	args+=(--size "$SIZE_B" --write-pct "$WRITE_PCT")

	set_knob "$VMA_KNOB" "$vma"
	sync
	echo 3 >/proc/sys/vm/drop_caches

	mkdir "$CG"
	echo "$LIMIT_B" >"$CG/memory.limit_in_bytes"
	echo "$SWAPPINESS" >"$CG/memory.swappiness"

	declare -A vm0 vm1 cg1 st
	local io0 io1
	read_kv /proc/vmstat vm0
	read -r -a io0 <"/sys/class/block/$(swap_blockdev)/stat"
	local t0 t1 rc=0 swap_max=0 s
	t0=$(date +%s.%N)
	(
		echo "$BASHPID" >"$CG/cgroup.procs"
		exec "$SWAPTOUCH" "${args[@]}"
	) >"$TMPD/out" 2>"$TMPD/err" &
	WORKER_PID=$!
	# Sample the cgroup's swap usage while the workload runs, as memsw minus
	# memory usage: page counters.  Not memory.stat: reading it flushes the
	# cgroup's statistics (mem_cgroup_flush_stats()), and reclaim decides
	# from them, so sampling it would change what is measured.
	local mem memsw
	while kill -0 "$WORKER_PID" 2>/dev/null; do
		mem=$(cat "$CG/memory.usage_in_bytes" 2>/dev/null || echo 0)
		memsw=$(cat "$CG/memory.memsw.usage_in_bytes" 2>/dev/null || echo 0)
		s=$((memsw > mem ? memsw - mem : 0))
		((s > swap_max)) && swap_max=$s
		sleep 0.2
	done
	wait "$WORKER_PID" || rc=$?
	WORKER_PID=""
	t1=$(date +%s.%N)
	read_kv /proc/vmstat vm1
	read -r -a io1 <"/sys/class/block/$(swap_blockdev)/stat"
	read_kv "$CG/memory.stat" cg1
	local max_usage memsw_max failcnt
	max_usage=$(cat "$CG/memory.max_usage_in_bytes")
	memsw_max=$(cat "$CG/memory.memsw.max_usage_in_bytes" 2>/dev/null || echo NA)
	failcnt=$(cat "$CG/memory.failcnt")
	remove_cgroup

	local status=ok line
	line=$(grep -m1 '^result=' "$TMPD/out" || true)
	for kv in $line; do st[${kv%%=*}]=${kv#*=}; done
	if ((rc != 0)) || [[ ${st[result]:-} != ok ]]; then
		status="FAIL(rc=$rc,${st[result]:-noresult})"
		FAILED=1
		log "run $cas vma_ra=$vma #$run FAILED (exit $rc):"
		sed 's/^/    /' "$TMPD/err" "$TMPD/out" >&2
		((rc == 137)) && log "    exit 137 = SIGKILL: OOM kill? see dmesg and memory.oom_control"
	fi

	local row=("$cas" "$vma" "$run" "$status" "$BACKEND" "$SWAP_ROT" "$SIZE_B" "$LIMIT_B"
		"$PAGE_CLUSTER" "$SWAPPINESS" "$passes" "$accesses" "$WRITE_PCT" "$SEED"
		"$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')")
	local k
	for k in "${ST_KEYS[@]}"; do row+=("${st[$k]:-NA}"); done
	for k in "${VM_KEYS[@]}"; do
		if [[ -n ${vm0[$k]:-} && -n ${vm1[$k]:-} ]]; then
			row+=($((vm1[$k] - vm0[$k])))
		else
			row+=(NA)
		fi
	done
	for k in "${CG_KEYS[@]}"; do row+=("${cg1[$k]:-NA}"); done
	row+=("$((swap_max / PAGE))" "$max_usage" "$memsw_max" "$failcnt")
	# the swap device's requests: /sys/class/block/DEV/stat fields 1, 2, 5, 6
	row+=("$((io1[0] - io0[0]))" "$((io1[1] - io0[1]))" "$((io1[4] - io0[4]))" "$((io1[5] - io0[5]))")
	local joined
	joined=$(IFS=$'\t'; echo "${row[*]}")
	ROWS+=("$joined")
	echo "$joined" >>"$OUT"
	log "$(printf 'run %-5s vma_ra=%-5s #%d: %s wall=%ss access=%ss pswpin=%s pswpout=%s swap_ra=%s swap_ra_hit=%s majflt=%s' \
		"$cas" "$vma" "$run" "$status" "${row[14]}" "${st[access_s]:-NA}" \
		"$((vm1[pswpin] - vm0[pswpin]))" "$((vm1[pswpout] - vm0[pswpout]))" \
		"$((vm1[swap_ra] - vm0[swap_ra]))" "$((vm1[swap_ra_hit] - vm0[swap_ra_hit]))" \
		"${st[access_majflt]:-NA}")"
}

# ---------------------------------------------------------------- tables
print_tables() {
	local tsv="$TMPD/all.tsv"
	{ tsv_header; printf '%s\n' "${ROWS[@]}"; } >"$tsv"
	echo
	echo "== per run: swap-in/out and readahead (global /proc/vmstat deltas; st_* = swaptouch's own) =="
	awk -F'\t' '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
			print "case vma_ra run status wall_s access_s accesses pswpin pswpout swap_ra swap_ra_hit ra_hit% pgmajfault proc_majflt proc_minflt pgfault refault_anon"; next }
		{ ra = $c["swap_ra"]; hit = $c["swap_ra_hit"]
		  pct = (ra > 0) ? sprintf("%.1f", 100 * hit / ra) : "-"
		  print $c["case"], $c["vma_ra"], $c["run"], $c["status"], $c["wall_s"], $c["st_access_s"],
			$c["st_accesses"], $c["pswpin"], $c["pswpout"], ra, hit, pct, $c["pgmajfault"],
			$c["st_populate_majflt"] + $c["st_access_majflt"], $c["st_populate_minflt"] + $c["st_access_minflt"],
			$c["pgfault"], $c["workingset_refault_anon"] }' "$tsv" | column -t
	echo
	echo "== per run: reclaim (global /proc/vmstat deltas) and the cgroup's memory.stat =="
	awk -F'\t' '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i
			print "case vma_ra run pgscan_direct pgscan_kswapd pgsteal_direct pgsteal_kswapd pgscan_anon pgsteal_anon ws_activate_anon ws_restore_anon zswpout cg_pgfault cg_pgmajfault cg_pgpgin cg_pgpgout cg_swap_max(pages) cg_max_usage(MiB) cg_failcnt"; next }
		{ print $c["case"], $c["vma_ra"], $c["run"], $c["pgscan_direct"], $c["pgscan_kswapd"],
			$c["pgsteal_direct"], $c["pgsteal_kswapd"], $c["pgscan_anon"], $c["pgsteal_anon"],
			$c["workingset_activate_anon"], $c["workingset_restore_anon"], $c["zswpout"],
			$c["cg_pgfault"], $c["cg_pgmajfault"], $c["cg_pgpgin"], $c["cg_pgpgout"],
			$c["cg_swap_max_sampled"], sprintf("%.1f", $c["cg_max_usage_bytes"] / 1048576), $c["cg_failcnt"] }' "$tsv" | column -t
	echo
	echo "== mean over runs =="
	awk -F'\t' '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ k = $c["case"] " " $c["vma_ra"]
		  if (!(k in n)) order[++nk] = k
		  n[k]++; wall[k] += $c["wall_s"]; acc[k] += $c["st_access_s"]
		  in_[k] += $c["pswpin"]; out[k] += $c["pswpout"]; ra[k] += $c["swap_ra"]
		  hit[k] += $c["swap_ra_hit"]; maj[k] += $c["st_populate_majflt"] + $c["st_access_majflt"] }
		END { print "case vma_ra runs wall_s access_s pswpin pswpout swap_ra swap_ra_hit ra_hit% proc_majflt"
		  for (i = 1; i <= nk; i++) { k = order[i]
		    printf "%s %d %.2f %.2f %.0f %.0f %.0f %.0f %s %.0f\n", k, n[k], wall[k] / n[k], acc[k] / n[k],
			in_[k] / n[k], out[k] / n[k], ra[k] / n[k], hit[k] / n[k],
			(ra[k] > 0 ? sprintf("%.1f", 100 * hit[k] / ra[k]) : "-"), maj[k] / n[k] } }' "$tsv" | column -t
}

# ---------------------------------------------------------------- main
echo "swapcmp: kernel $(uname -r), $(nproc) CPUs, $((($(awk '/^MemTotal/ {print $2}' /proc/meminfo)) >> 10)) MiB RAM, page size $PAGE"
echo "swapcmp: load average $(cut -d' ' -f1-3 /proc/loadavg) (vmstat counters are global: keep the machine idle)"

if [[ -e $ZSWAP_KNOB ]]; then
	ZSWAP_WAS=$(cat "$ZSWAP_KNOB")
	set_knob "$ZSWAP_KNOB" N
	echo "swapcmp: zswap present, enabled=$ZSWAP_WAS (set to N for the runs)"
else
	ZSWAP_WAS=absent
	echo "swapcmp: zswap not present"
fi
set_knob /proc/sys/vm/page-cluster "$PAGE_CLUSTER"
set_knob /proc/sys/vm/swappiness "$SWAPPINESS"
set_knob "$VMA_KNOB" "$(cat "$VMA_KNOB")"
echo "swapcmp: page-cluster=$PAGE_CLUSTER (was $(
	for i in "${!SAVED_PATHS[@]}"; do [[ ${SAVED_PATHS[i]} == /proc/sys/vm/page-cluster ]] && echo "${SAVED_VALUES[i]}"; done
)), swappiness=$SWAPPINESS (was $(
	for i in "${!SAVED_PATHS[@]}"; do [[ ${SAVED_PATHS[i]} == /proc/sys/vm/swappiness ]] && echo "${SAVED_VALUES[i]}"; done
)), vma_ra_enabled was $(cat "$VMA_KNOB")"

setup_swap
echo "swapcmp: swap on $SWAP_DESC, $((SWAP_B >> 20)) MiB"
if [[ $SWAP_ROT == 1 ]]; then
	echo "swapcmp: NOTE: the swap device is rotational: the kernel then uses cluster readahead" \
		"whatever vma_ra_enabled says (VMA readahead needs every active swap device to be" \
		"non-rotational); try --backend loop"
fi
echo "swapcmp: workload $SIZE ($NPAGES pages) in cgroup $CG with limit $LIMIT ($((LIMIT_B / PAGE)) pages);" \
	"cases ${CASES//,/ }; vma_ra ${VMA_RA//,/ }; $REPEAT run(s) each"
echo "swapcmp: seq: $SEQ_PASSES passes; rand: $RAND_ACCESSES accesses; mixed: $MIXED_PASSES pass(es) +" \
	"$MIXED_ACCESSES random accesses; write-pct $WRITE_PCT; seed $SEED"

tsv_header >"$OUT"
for cas in "${CASE_LIST[@]}"; do
	for vma in "${VMA_LIST[@]}"; do
		for ((run = 1; run <= REPEAT; run++)); do
			run_one "$cas" "$vma" "$run"
		done
	done
done
print_tables
echo
echo "swapcmp: TSV written to $OUT"
if ((FAILED)); then
	log "some runs FAILED (content mismatch, OOM kill or error): see above"
	exit 1
fi
