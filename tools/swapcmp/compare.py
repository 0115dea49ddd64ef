#!/usr/bin/env python3
"""tools/swapcmp/compare.py - mmsim against the kernel, case by case.

    tools/swapcmp/mmsim.sh build-rel/mmsim > mmsim.tsv
    tools/swapcmp/compare.py mmsim.tsv tools/swapcmp/results.tsv tools/swapcmp/results-loop.tsv

Prints one Markdown table per backend: for each case and vma_ra setting
the kernel's mean over its runs (with the range when the runs spread over
more than 10%), mmsim's value and the difference.  A difference over 10%
on a count above 1,000 is marked in bold.  vda runs with vma_ra_enabled
false are left out: a rotational swap device uses cluster readahead
either way, so they repeat the true ones.
"""
import csv
import statistics
import sys

# (label, kernel column, mmsim column)
ROWS = [
    ("pswpin", "pswpin", "pswpin"),
    ("pswpout", "pswpout", "pswpout"),
    ("pgmajfault", "pgmajfault", "pgmajfault"),
    ("swap_ra", "swap_ra", "swap_ra"),
    ("swap_ra_hit", "swap_ra_hit", "swap_ra_hit"),
    ("pgscan_anon", "pgscan_anon", "pgscan_anon"),
    ("pgsteal_anon", "pgsteal_anon", "pgsteal_anon"),
    ("workingset_activate_anon", "workingset_activate_anon", "workingset_activate_anon"),
    ("workingset_restore_anon", "workingset_restore_anon", "workingset_restore_anon"),
    ("pgactivate", "pgactivate", "pgactivate"),
    ("pgdeactivate", "pgdeactivate", "pgdeactivate"),
    ("device reads", "dev_reads", "device.disk.reads"),
    ("device reads merged", "dev_rmerge", "device.disk.reads_merged"),
    ("device writes", "dev_writes", "device.disk.writes"),
    ("device writes merged", "dev_wmerge", "device.disk.writes_merged"),
    ("run time (s)", "st_total_s", "engine.virtual_time_ns"),
]


def kernel_runs(path):
    runs = {}
    for r in csv.DictReader(open(path), delimiter="\t"):
        if r["status"] == "ok":
            runs.setdefault((r["case"], r["vma_ra"]), []).append(r)
    return runs


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: compare.py MMSIM.tsv KERNEL-VDA.tsv KERNEL-LOOP.tsv")
    mmsim = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
    kernel = {"vda": kernel_runs(sys.argv[2]), "loop": kernel_runs(sys.argv[3])}
    for backend in ("vda", "loop"):
        print(f"\n{backend}:\n")
        print("| case | vma_ra | counter | kernel | mmsim | difference |")
        print("|---|---|---|---|---|---|")
        for m in mmsim:
            if m["backend"] != backend or (backend == "vda" and m["vma_ra"] == "false"):
                continue
            runs = kernel[backend].get((m["case"], m["vma_ra"]))
            if not runs:
                continue
            for label, kcol, mcol in ROWS:
                values = [number(r.get(kcol)) for r in runs]
                values = [v for v in values if v is not None]
                mine = number(m.get(mcol))
                if not values or mine is None:
                    continue
                if mcol == "engine.virtual_time_ns":
                    mine /= 1e9
                mean = statistics.mean(values)
                fmt = "{:,.1f}" if label.startswith("run time") else "{:,.0f}"
                ktext = fmt.format(mean)
                if min(values) < 0.9 * mean or max(values) > 1.1 * mean:
                    ktext += " (" + fmt.format(min(values)) + " - " + fmt.format(max(values)) + ")"
                if mean:
                    diff = (mine - mean) / mean * 100
                    dtext = f"{diff:+.1f}%"
                    if abs(diff) > 10 and mean > 1000:
                        dtext = f"**{dtext}**"
                else:
                    dtext = "=" if not mine else "(from 0)"
                print(f"| {m['case']} | {m['vma_ra']} | {label} | {ktext} | "
                      f"{fmt.format(mine)} | {dtext} |")


if __name__ == "__main__":
    main()
