#!/bin/bash
# bench/swap.sh - host time of mmsim simulating tools/swapcmp's swap
# workloads against the real kernel's wall time for them (issue target:
# mmsim at least 10x faster).
#
#   bench/swap.sh [MMSIM]          # default build-rel/mmsim
#
# The real times are swaptouch's own (st_total_s: fill + accesses) from the
# recorded runs of tools/swapcmp/run.sh on this machine (results.tsv: the
# swapfile on the rotational disk; results-loop.tsv: on a loop device),
# averaged over their repeats; mmsim's are the host time of one run of
# each case (tools/swapcmp/mmsim.sh), vda for the first, loop for the
# second.
set -euo pipefail

cd "$(dirname "$0")/.."
MMSIM=${1:-build-rel/mmsim}
SIM=$(mktemp)
trap 'rm -f "$SIM"' EXIT
tools/swapcmp/mmsim.sh "$MMSIM" > "$SIM"

real_mean() {	# file case vma_ra
	awk -F'\t' -v c="$2" -v v="$3" '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$col["case"] == c && $col["vma_ra"] == v { s += $col["st_total_s"]; n++ }
		END { if (n) printf "%.3f", s / n }' "$1"
}

printf '%-6s %-8s %-6s %10s %10s %8s\n' case backend vma_ra real_s mmsim_s ratio
for backend in vda loop; do
	file=tools/swapcmp/results.tsv
	[ "$backend" = loop ] && file=tools/swapcmp/results-loop.tsv
	for cas in seq rand mixed; do
		for vma in true false; do
			real=$(real_mean "$file" "$cas" "$vma")
			sim=$(awk -F'\t' -v c="$cas" -v b="$backend" -v v="$vma" \
				'$1 == c && $2 == b && $3 == v { print $4 }' "$SIM")
			printf '%-6s %-8s %-6s %10s %10s %8.0f\n' "$cas" "$backend" "$vma" "$real" "$sim" \
				"$(echo "$real / $sim" | bc -l)"
		done
	done
done
