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
	uint64_t errors;		/* failed reads/writes (fault injection, I/O errors) */
	/* kind=io jobs, as fio reports them */
	uint64_t io_reads;		/* read I/Os completed without error */
	uint64_t io_writes;
	uint64_t io_read_bytes;
	uint64_t io_write_bytes;
	uint64_t io_flushes;		/* fsync= flushes issued */
	uint64_t io_elapsed_ns;		/* from the job's start to its last thread's end */
	uint64_t clat_avg_ns;		/* completion latency: submit_bio to reaped */
	uint64_t clat_p50_ns;
	uint64_t clat_p99_ns;
	uint64_t clat_max_ns;
	/* kind=alloc and kind=fragmenter jobs */
	uint64_t allocs;		/* allocation calls that succeeded */
	uint64_t alloc_failures;	/* calls that returned NULL */
	uint64_t alloc_avg_ns;		/* virtual time per call, slow path included */
	uint64_t alloc_p50_ns;
	uint64_t alloc_p90_ns;
	uint64_t alloc_p95_ns;
	uint64_t alloc_p99_ns;
	uint64_t alloc_max_ns;
	uint64_t pages_held;		/* base pages the job holds at the end */
	uint64_t pages_freed;		/* fragmenter: pages it gave back */
	/* kind=mem jobs */
	uint64_t mem_accesses;		/* loads and stores */
	uint64_t mem_faults;		/* page faults (pgfault) */
	uint64_t mem_major_faults;	/* of which read the page from a device (pgmajfault) */
	uint64_t fault_avg_ns;		/* virtual time per fault, slow path included */
	uint64_t fault_p50_ns;
	uint64_t fault_p90_ns;
	uint64_t fault_p99_ns;
	uint64_t fault_max_ns;
	uint64_t rss_pages;		/* pages mapped at the end */
	/* time the job's tasks stalled in the kernel, by cause */
	uint64_t stall_reclaim_ns;	/* direct reclaim, less its throttle sleeps */
	uint64_t stall_compact_ns;	/* direct compaction */
	uint64_t stall_throttle_ns;	/* reclaim_throttle() / congestion_wait() / msleep() */
	uint64_t stall_dirty_ns;	/* balance_dirty_pages() pauses */
	/* kind=mem and kind=replay: the OOM killer */
	bool oom_killed;		/* chosen by the OOM killer (its threads got SIGKILL) */
	uint64_t oom_kill_ns;		/* when */
};

/**
 * struct mmsim_device_stats - one block device, like a /proc/diskstats line
 *
 * Times are in ns where the kernel prints ms.  time_in_queue is the
 * kernel's weighted field: the sum of every request's time from
 * allocation to completion.
 */
struct mmsim_device_stats {
	const char *name;		/* NAME of [device.NAME] */
	const char *type;		/* model: null, hdd, nvme, ... */
	const char *state;		/* "live", "power-off" or "removed" */
	unsigned int major, minor;
	uint64_t reads;			/* reads completed */
	uint64_t reads_merged;
	uint64_t sectors_read;
	uint64_t read_ns;		/* time spent reading */
	uint64_t writes;
	uint64_t writes_merged;
	uint64_t sectors_written;
	uint64_t write_ns;
	uint64_t in_flight;		/* requests dispatched and not completed */
	uint64_t io_ticks_ns;		/* time with at least one request in flight */
	uint64_t time_in_queue_ns;
	uint64_t flushes;
	uint64_t flush_ns;
	uint64_t errors;		/* I/Os failed (not a diskstats field) */
};

/**
 * struct mmsim_mm_stats - the memory model at the end of a run
 *
 * The /proc/vmstat compaction counters by their kernel names, the node
 * fragmentation scores proactive compaction acts on, and kcompactd's rounds
 * (the model's own counters).
 */
struct mmsim_mm_stats {
	unsigned int nr_nodes;
	uint64_t managed_pages;
	uint64_t free_pages;
	unsigned int fragmentation_score[MMSIM_MAX_NODES];	/* 0..100, node-weighted */
	uint64_t compact_stall;
	uint64_t compact_fail;
	uint64_t compact_success;
	uint64_t compact_migrate_scanned;
	uint64_t compact_free_scanned;
	uint64_t compact_isolated;
	uint64_t compact_daemon_wake;
	uint64_t compact_daemon_migrate_scanned;
	uint64_t compact_daemon_free_scanned;
	uint64_t pgmigrate_success;
	uint64_t pgmigrate_fail;
	uint64_t extfrag_events;		/* mm_page_alloc_extfrag */
	uint64_t alloc_fail;			/* __alloc_pages() returned NULL */
	uint64_t oom_kill;			/* processes the OOM killer killed */
	uint64_t kcompactd_proactive_rounds;	/* compact_node(proactive) */
	uint64_t kcompactd_proactive_deferred;	/* rounds followed by the 32 s back-off */
	uint64_t kcompactd_babka_rounds;	/* Babka policy: target-driven rounds */
	uint64_t kcompactd_babka_met;		/* rounds that met every target */
	uint64_t kcompactd_babka_backoffs;
	/* reclaim: /proc/vmstat counters by their kernel names */
	uint64_t pgscan_kswapd;
	uint64_t pgscan_direct;
	uint64_t pgsteal_kswapd;
	uint64_t pgsteal_direct;
	uint64_t allocstall;			/* allocstall_* summed */
	uint64_t nr_vmscan_write;
	uint64_t nr_vmscan_immediate_reclaim;
	uint64_t pgrotated;
	uint64_t nr_dirtied;
	uint64_t nr_written;
	uint64_t nr_throttled_written;
	/* the model's own: CPU time of reclaim's LRU scan, by who did it */
	uint64_t reclaim_cpu_direct_ns;
	uint64_t reclaim_cpu_kswapd_ns;
	/* reclaim_throttle() sleeps by reason (VMSCAN_THROTTLE_*), summed over nodes */
	uint64_t throttled[4];
	uint64_t throttled_ns[4];
	uint64_t throttled_woken_early[4];	/* ended before their timeout */
	/* 5.15 */
	uint64_t congestion_wait;
	uint64_t congestion_wait_ns;
	uint64_t wait_iff_congested;
	uint64_t isolated_msleep;
	uint64_t isolated_msleep_ns;
	/* balance_dirty_pages() */
	uint64_t dirty_pauses;
	uint64_t dirty_pause_ns;
	/* swap: /proc/vmstat counters, and the areas as /proc/swaps shows them */
	uint64_t pswpin;
	uint64_t pswpout;
	uint64_t pgmajfault;
	uint64_t pgscan_anon;
	uint64_t pgsteal_anon;
	uint64_t swap_ra;
	uint64_t swap_ra_hit;
	uint64_t swpin_zero;
	uint64_t swpout_zero;
	uint64_t nr_swapcached;
	bool swap_vma_readahead;		/* swap_use_vma_readahead() */
	/* DAX swap: pages left on pmem, accesses served there, pages brought back */
	uint64_t dax_swapout;
	uint64_t dax_reads;
	uint64_t dax_writes;
	uint64_t dax_promotions;
	unsigned int dax_promote;		/* [model] dax_swap_promote */
	unsigned int dax_write_weight;
	unsigned int nr_swaps;
	struct mmsim_swap_stats {
		const char *name;		/* [swap.NAME] */
		const char *device;		/* its [device.NAME] */
		uint64_t size_kib;		/* usable slots, in KiB */
		uint64_t used_kib;
		int priority;
		bool dax;
	} swaps[8];
	/* memory cgroups ([cgroup.NAME]), their memory.* files and reclaim */
	unsigned int nr_memcgs;
	struct mmsim_memcg_stats {
		const char *name;		/* "/NAME" */
		uint64_t limit_kib;		/* memory.limit_in_bytes / 1024; UINT64_MAX none */
		uint64_t usage_kib;		/* memory.usage_in_bytes / 1024 */
		uint64_t max_usage_kib;		/* memory.max_usage_in_bytes / 1024 */
		uint64_t failcnt;		/* memory.failcnt */
		uint64_t reclaims;		/* try_to_free_mem_cgroup_pages() calls */
		uint64_t pgscan;		/* memory.stat pgscan (kswapd + direct) */
		uint64_t pgsteal;
		uint64_t oom;			/* memory.events oom: OOMs met (a kill or not) */
		uint64_t oom_kill;		/* memory.events oom_kill */
	} memcgs[16];
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
	uint64_t nr_tasks_left;		/* job tasks still alive at the end (kernel threads live on) */
	uint64_t nr_faults_injected;
};

#endif /* MMSIM_STATS_H */
