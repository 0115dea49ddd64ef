/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmsim/stats.h - what a finished run reports
 *
 * Plain data filled by the mmsim_*_stats() functions of mmsim/sim.h.
 * Times are virtual nanoseconds.
 */
#ifndef MMSIM_STATS_H
#define MMSIM_STATS_H

#include <stdint.h>

#include "mmsim/config.h"

struct mmsim_job_stats {
	const char *name;
	enum mmsim_job_kind kind;
	unsigned int nr_tasks;
	uint64_t cpu_time_ns;		/* sum_exec_runtime */
	uint64_t wait_time_ns;		/* runnable, waiting for a CPU (run_delay) */
	uint64_t sleep_time_ns;		/* blocked in S or D */
	uint64_t iowait_time_ns;	/* part of sleep_time_ns in io_schedule */
	uint64_t nr_wakeups;
	uint64_t lat_count;		/* wakeup latency samples (wakeup -> on CPU) */
	uint64_t lat_avg_ns;
	uint64_t lat_p50_ns;
	uint64_t lat_p99_ns;
	uint64_t lat_max_ns;
	uint64_t nr_voluntary_switches;
	uint64_t nr_involuntary_switches;
	uint64_t nr_migrations;
	uint64_t loops;			/* loops completed (cpu: bursts, pipe: round trips,
					 * messaging: sender rounds) */
	uint64_t errors;		/* failed reads/writes (fault injection) */
};

struct mmsim_cpu_stats {
	uint64_t busy_ns;
	uint64_t idle_ns;
	uint64_t nr_switches;
};

struct mmsim_engine_stats {
	uint64_t virtual_time_ns;	/* where the run ended */
	uint64_t nr_events;		/* events taken from the queue */
	uint64_t nr_inline_charges;	/* CPU charges that needed no event */
	uint64_t nr_forks;
	uint64_t nr_switches;
	uint64_t nr_tasks_left;		/* tasks still alive at the end */
	uint64_t nr_faults_injected;
};

#endif /* MMSIM_STATS_H */
