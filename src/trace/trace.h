/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * trace/trace.h - tracepoints, written in the kernel's ftrace text format
 *
 * Each tracepoint has the kernel's system, name and TP_printk payload, so
 * `mmsim run --trace` output reads like /sys/kernel/tracing/trace (with
 * nanosecond timestamps, as `perf script --ns` prints them) and tools that
 * parse ftrace text accept it.
 */
#ifndef MMSIM_TRACE_TRACE_H
#define MMSIM_TRACE_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "mmsim/config.h"
#include "sim/sim.h"

#define TRACE_EVENTS(X)						\
	X(SCHED_SWITCH, "sched", "sched_switch")		\
	X(SCHED_WAKING, "sched", "sched_waking")		\
	X(SCHED_WAKEUP, "sched", "sched_wakeup")		\
	X(SCHED_WAKEUP_NEW, "sched", "sched_wakeup_new")	\
	X(SCHED_MIGRATE_TASK, "sched", "sched_migrate_task")	\
	X(SCHED_PROCESS_FORK, "sched", "sched_process_fork")	\
	X(SCHED_PROCESS_EXIT, "sched", "sched_process_exit")	\
	X(SCHED_STAT_RUNTIME, "sched", "sched_stat_runtime")	\
	X(BLOCK_BIO_QUEUE, "block", "block_bio_queue")		\
	X(BLOCK_RQ_ISSUE, "block", "block_rq_issue")		\
	X(BLOCK_RQ_COMPLETE, "block", "block_rq_complete")	\
	X(MM_COMPACTION_BEGIN, "compaction", "mm_compaction_begin") \
	X(MM_COMPACTION_END, "compaction", "mm_compaction_end")	\
	X(MM_COMPACTION_MIGRATEPAGES, "compaction", "mm_compaction_migratepages") \
	X(MM_COMPACTION_FAST_ISOLATE_FREEPAGES, "compaction", "mm_compaction_fast_isolate_freepages") \
	X(MM_COMPACTION_TRY_TO_COMPACT_PAGES, "compaction", "mm_compaction_try_to_compact_pages") \
	X(MM_COMPACTION_WAKEUP_KCOMPACTD, "compaction", "mm_compaction_wakeup_kcompactd") \
	X(MM_COMPACTION_KCOMPACTD_WAKE, "compaction", "mm_compaction_kcompactd_wake") \
	X(MM_COMPACTION_KCOMPACTD_SLEEP, "compaction", "mm_compaction_kcompactd_sleep") \
	X(MM_PAGE_ALLOC_EXTFRAG, "kmem", "mm_page_alloc_extfrag") \
	X(MM_VMSCAN_DIRECT_RECLAIM_BEGIN, "vmscan", "mm_vmscan_direct_reclaim_begin") \
	X(MM_VMSCAN_DIRECT_RECLAIM_END, "vmscan", "mm_vmscan_direct_reclaim_end") \
	X(MM_VMSCAN_MEMCG_RECLAIM_BEGIN, "vmscan", "mm_vmscan_memcg_reclaim_begin") \
	X(MM_VMSCAN_MEMCG_RECLAIM_END, "vmscan", "mm_vmscan_memcg_reclaim_end") \
	X(MM_VMSCAN_LRU_SHRINK_INACTIVE, "vmscan", "mm_vmscan_lru_shrink_inactive") \
	X(MM_VMSCAN_KSWAPD_WAKE, "vmscan", "mm_vmscan_kswapd_wake") \
	X(MM_VMSCAN_KSWAPD_SLEEP, "vmscan", "mm_vmscan_kswapd_sleep") \
	X(MM_VMSCAN_WAKEUP_KSWAPD, "vmscan", "mm_vmscan_wakeup_kswapd") \
	X(MM_VMSCAN_WRITE_FOLIO, "vmscan", "mm_vmscan_write_folio") \
	X(MM_VMSCAN_THROTTLED, "vmscan", "mm_vmscan_throttled") \
	X(WRITEBACK_CONGESTION_WAIT, "writeback", "writeback_congestion_wait") \
	X(WRITEBACK_WAIT_IFF_CONGESTED, "writeback", "writeback_wait_iff_congested") \
	X(MARK_VICTIM, "oom", "mark_victim")			\
	X(PRINTK_CONSOLE, "printk", "console")

enum trace_event_id {
#define TRACE_EVENT_ENUM(id, sys, name) TRACE_##id,
	TRACE_EVENTS(TRACE_EVENT_ENUM)
#undef TRACE_EVENT_ENUM
	NR_TRACE_EVENTS
};

struct trace {
	FILE *body;			/* event lines; the header is written at the end */
	uint64_t enabled;		/* bit per enum trace_event_id */
	uint64_t nr_entries;
};

/**
 * trace_parse_events - turn an -e specification into an event mask
 * @spec: comma-separated patterns, each "system:event", "event" or a glob
 *        such as "sched:*" or "*"; NULL or "" selects every event
 * @mask: result
 * @err: filled on failure
 *
 * Return: 0, or -EINVAL if a pattern matches no event (the message lists
 * the events there are).
 */
int trace_parse_events(const char *spec, uint64_t *mask, struct mmsim_error *err);

/** trace_event_name - "system:event" of @id */
const char *trace_event_name(enum trace_event_id id, const char **system);

/**
 * trace_finish - write the ftrace header and then the events to @out
 * @trace: the trace
 * @out: destination
 * @nr_cpus: for the "#P:N" field
 *
 * Return: 0 or -EIO.
 */
int trace_finish(struct trace *trace, FILE *out, unsigned int nr_cpus);

/** trace_on - true if @id is being recorded */
static inline bool trace_on(const struct mmsim *sim, enum trace_event_id id)
{
	return sim->trace && (sim->trace->enabled >> id) & 1;
}

/* Tracepoints.  @cpu is where the event happens; @ctx the task on whose
 * behalf (common_pid), a CPU's idle task in interrupt context. */
void trace_sched_switch(struct mmsim *sim, unsigned int cpu,
			const struct task_struct *prev, const char *prev_state,
			const struct task_struct *next);
void trace_sched_wake(struct mmsim *sim, enum trace_event_id id, unsigned int cpu,
		      const struct task_struct *ctx, const struct task_struct *p,
		      unsigned int target_cpu);
void trace_sched_migrate_task(struct mmsim *sim, unsigned int cpu,
			      const struct task_struct *ctx, const struct task_struct *p,
			      unsigned int orig_cpu, unsigned int dest_cpu);
void trace_sched_process_fork(struct mmsim *sim, unsigned int cpu,
			      const struct task_struct *parent, const struct task_struct *child);
void trace_sched_process_exit(struct mmsim *sim, unsigned int cpu,
			      const struct task_struct *p, bool group_dead);
void trace_sched_stat_runtime(struct mmsim *sim, unsigned int cpu,
			      const struct task_struct *p, uint64_t runtime);

/* Block tracepoints (include/trace/events/block.h, 6.1 formats); the
 * device is a struct block_device, the request a struct request. */
struct block_device;
struct request;
struct bio;
void trace_block_bio_queue(struct mmsim *sim, const struct block_device *bdev,
			   const struct bio *bio);
void trace_block_rq_issue(struct mmsim *sim, const struct block_device *bdev,
			  const struct request *rq);
void trace_block_rq_complete(struct mmsim *sim, const struct block_device *bdev,
			     const struct request *rq);

/*
 * trace_mm_event - a memory-management tracepoint with its formatted payload,
 * in the context of the running task (or CPU 0's idle task outside one)
 */
void trace_mm_event(struct mmsim *sim, enum trace_event_id id, const char *payload);

#endif /* MMSIM_TRACE_TRACE_H */
