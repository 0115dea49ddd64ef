#!/bin/bash
# tools/swapcmp/mmsim.sh - run.sh's cases in mmsim, for the comparison in
# docs/EXPERIMENTS.md ("Swap: mmsim against this machine's kernel").
#
#   tools/swapcmp/mmsim.sh [MMSIM] > mmsim.tsv
#
# As run.sh: a 1 GiB machine whose job runs in a cgroup v1 memory cgroup
# limited to 256M (reclaim at the limit, in the faulting threads; kswapd
# never wakes), the region 384M; swaptouch's cases as mem jobs: populate= is its
# first pass, seq three passes, rand 2 x region pages accesses (two
# passes of rand), mixed a sequential thread (one pass) and a random one
# (region pages accesses) over one mapping.  Two backends as run.sh's:
# vda, the VM's virtio disk, fast but reporting itself rotational (so
# cluster readahead whatever vma_ra_enabled says, one shared cluster): an
# nvme model with rotational=on; and loop, the non-rotational loop device:
# the same model non-rotational.  The model is set to vda's measured
# latencies (4K reads 83 us p50, writes 81 us) and the guest's CPU costs
# fitted to swaptouch's (a request 88 us, the doorbell's VM exit; a page
# scanned 5.2 us): docs/EXPERIMENTS.md.  The TSV has the /proc/vmstat
# counters, the run's virtual time and CPU, and the device's requests;
# compare.py sets it beside run.sh's.
set -euo pipefail

MMSIM=${1:-build-rel/mmsim}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

COUNTERS=(pswpin pswpout pgmajfault swap_ra swap_ra_hit pgscan_anon pgsteal_anon
	pgscan_kswapd pgscan_direct workingset_refault_anon workingset_activate_anon
	workingset_restore_anon pgactivate pgdeactivate)
# from the JSON report: the run's virtual time and CPU, the device's requests
JSON_KEYS=(engine.virtual_time_ns job.swaptouch.cpu_time_ns device.disk.reads
	device.disk.reads_merged device.disk.writes device.disk.writes_merged)

scenario() {	# case backend
	local pattern loops threads=1
	case $1 in
	seq)	pattern=seq; loops=3 ;;
	rand)	pattern=rand; loops=2 ;;
	mixed)	pattern=seq+rand; loops=1; threads=2 ;;
	esac
	cat <<INI
[global]
runtime=3600s
[machine]
cpus=2
memory=1G
[cost]
io_submit=88000
reclaim_scan=5200
[device.disk]
type=nvme
size=2G
rotational=$([ "$2" = vda ] && echo on || echo off)
read_lat=80us
write_lat=80us
write_cache=off
read_bw=2G
write_bw=2G
lat_jitter=exp:10us
[swap.swapfile]
device=disk
size=1G
[cgroup.swaptouch]
memory.limit_in_bytes=256M
[swaptouch]
kind=mem
cgroup=swaptouch
size=384M
populate=on
writes=0
pattern=$pattern
loops=$loops
threads=$threads
INI
}

printf 'case\tbackend\tvma_ra\thost_s'
printf '\t%s' "${COUNTERS[@]}" "${JSON_KEYS[@]}"
printf '\n'
for backend in vda loop; do
	for cas in seq rand mixed; do
		for vma in true false; do
			scenario "$cas" "$backend" > "$TMP/s.ini"
			start=$(date +%s.%N)
			"$MMSIM" run "$TMP/s.ini" --set "sysfs.mm/swap/vma_ra_enabled=$vma" \
				--proc "$TMP/proc" --json "$TMP/r.json" > /dev/null 2>&1
			end=$(date +%s.%N)
			printf '%s\t%s\t%s\t%.3f' "$cas" "$backend" "$vma" "$(echo "$end - $start" | bc)"
			for c in "${COUNTERS[@]}"; do
				printf '\t%s' "$(awk -v k="$c" '$1 == k { print $2 }' "$TMP/proc/vmstat")"
			done
			for k in "${JSON_KEYS[@]}"; do
				printf '\t%s' "$(awk -v k="\"$k\":" '$1 == k { sub(",", "", $2); print $2 }' \
					"$TMP/r.json")"
			done
			printf '\n'
		done
	done
done
