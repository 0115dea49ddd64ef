/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * trace/timehist.h - `perf sched timehist` on scheduler records
 *
 * The analysis and output of perf 6.1's `perf sched timehist` (and, with
 * compat=upstream, of current perf), as specified in
 * ../shared/reference/timehist.md: one row per sched_switch for the task
 * switched out, with wait time, scheduling delay and run time; wakeup and
 * migration lines; the runtime, wait-time and idle-time summaries.
 */
#ifndef MMSIM_TRACE_TIMEHIST_H
#define MMSIM_TRACE_TIMEHIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "trace/reader.h"

enum timehist_compat {
	TIMEHIST_COMPAT_6_1,		/* perf 6.1.187, what Debian 12 ships (default) */
	TIMEHIST_COMPAT_UPSTREAM,	/* current perf: V1-V8 of timehist.md §2 */
};

#define TIMEHIST_MAX_CPUS	4096

struct timehist_opts {
	enum timehist_compat compat;
	bool summary_only;		/* -s */
	bool with_summary;		/* -S */
	bool wakeups;			/* -w */
	bool migrations;		/* -M */
	bool next;			/* -n */
	bool cpu_visual;		/* -V */
	bool idle_hist;			/* -I */
	bool state;			/* --state */
	const int *pids;		/* -p: tgids, or NULL */
	size_t nr_pids;
	const int *tids;		/* -t */
	size_t nr_tids;
	const uint64_t *cpu_mask;	/* -C: bitmap of TIMEHIST_MAX_CPUS bits, or NULL */
	uint64_t time_start;		/* --time: ns, 0 = open */
	uint64_t time_end;		/* --time: ns, 0 = open */
	int nr_cpus;			/* nr_cpus_online: "#P:N", else highest CPU seen + 1 */
};

/**
 * timehist_report - analyse @recs and print perf's timehist output
 * @o: options
 * @recs: records in time order (stable-sorted by the caller)
 * @nr: number of records
 * @has_waking: the input contains sched_waking events (then sched_wakeup
 *              records are ignored, as perf does)
 * @out: where the table and summary go
 *
 * Return: 0, or -EINVAL if there is no sched_switch record ("No
 * sched_switch events found. Have you run 'perf sched record'?").
 */
int timehist_report(const struct timehist_opts *o, const struct sched_record *recs,
		    size_t nr, bool has_waking, FILE *out);

#endif /* MMSIM_TRACE_TIMEHIST_H */
