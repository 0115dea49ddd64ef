// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace/ftrace.c - the ftrace text writer (kernel/trace/trace_output.c format)
 *
 * Lines look like /sys/kernel/tracing/trace with the default options:
 *
 *     <comm>-<pid> [<cpu>] <flags> <sec>.<nsec>: <event>: <payload>
 *
 * with "%16s-%-7d", "[%03u]", five latency-flag characters, and the
 * timestamp printed with nine decimals (the kernel prints six; perf script
 * --ns prints nine, and timehist needs ns).  Payloads follow each event's
 * TP_printk in kernel 6.x.  Simplified: the flags column is fixed per event
 * ("d..2." inside the scheduler), there is no tgid column, and the comm is
 * the task's current comm rather than the saved-cmdlines cache.
 *
 * The header carries the entry count, so events go to a temporary file and
 * trace_finish() writes header then events.
 */
#include "trace/trace.h"

#include <errno.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "block/blk.h"
#include "sim/sched.h"

struct trace_event_desc {
	const char *system;
	const char *name;
};

static const struct trace_event_desc trace_events[NR_TRACE_EVENTS] = {
#define TRACE_EVENT_DESC(id, sys, nm) [TRACE_##id] = { sys, nm },
	TRACE_EVENTS(TRACE_EVENT_DESC)
#undef TRACE_EVENT_DESC
};

const char *trace_event_name(enum trace_event_id id, const char **system)
{
	if (system)
		*system = trace_events[id].system;
	return trace_events[id].name;
}

static uint64_t match_pattern(const char *pat)
{
	uint64_t mask = 0;

	for (int i = 0; i < NR_TRACE_EVENTS; i++) {
		char full[128];

		snprintf(full, sizeof(full), "%s:%s", trace_events[i].system,
			 trace_events[i].name);
		if (!fnmatch(pat, full, 0) || !fnmatch(pat, trace_events[i].name, 0) ||
		    !fnmatch(pat, trace_events[i].system, 0))
			mask |= 1ULL << i;
	}
	return mask;
}

int trace_parse_events(const char *spec, uint64_t *mask, struct mmsim_error *err)
{
	char buf[1024];
	char *save = NULL;

	*mask = 0;
	if (!spec || !*spec) {
		*mask = (1ULL << NR_TRACE_EVENTS) - 1;
		return 0;
	}
	if (strlen(spec) >= sizeof(buf)) {
		snprintf(err->msg, sizeof(err->msg), "event list '%.40s...' is too long", spec);
		return -EINVAL;
	}
	strcpy(buf, spec);
	for (char *pat = strtok_r(buf, ",", &save); pat; pat = strtok_r(NULL, ",", &save)) {
		uint64_t m = match_pattern(pat);
		size_t len;

		if (!m) {
			len = (size_t)snprintf(err->msg, sizeof(err->msg),
					       "unknown trace event '%s'; events:", pat);
			for (int i = 0; i < NR_TRACE_EVENTS && len < sizeof(err->msg); i++)
				len += (size_t)snprintf(err->msg + len, sizeof(err->msg) - len,
							"%s %s:%s", i ? "," : "",
							trace_events[i].system, trace_events[i].name);
			return -EINVAL;
		}
		*mask |= m;
	}
	return 0;
}

static const char *trace_comm(const struct task_struct *p)
{
	return p->pid == 0 ? "<idle>" : p->comm;
}

/* The kernel prio the sched events print: 120 + nice for CFS tasks. */
static int task_prio(const struct task_struct *p)
{
	return 120 + p->nice;
}

/* Write one line: the common prefix, then the payload from @fmt. */
__attribute__((format(printf, 6, 7)))
static void trace_line(struct mmsim *sim, enum trace_event_id id, unsigned int cpu,
		       const struct task_struct *ctx, const char *flags,
		       const char *fmt, ...)
{
	FILE *f = sim->trace->body;
	va_list ap;

	fprintf(f, "%16s-%-7d [%03u] %s %5" PRIu64 ".%09" PRIu64 ": %s: ",
		trace_comm(ctx), ctx->pid, cpu, flags,
		sim->now / NSEC_PER_SEC, sim->now % NSEC_PER_SEC,
		trace_events[id].name);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	sim->trace->nr_entries++;
}

/* The kernel's comm for a task in a payload: idle tasks are swapper/N. */
static const char *payload_comm(const struct task_struct *p)
{
	return p->comm;
}

void trace_sched_switch(struct mmsim *sim, unsigned int cpu,
			const struct task_struct *prev, const char *prev_state,
			const struct task_struct *next)
{
	if (!trace_on(sim, TRACE_SCHED_SWITCH))
		return;
	trace_line(sim, TRACE_SCHED_SWITCH, cpu, prev, "d..2.",
		   "prev_comm=%s prev_pid=%d prev_prio=%d prev_state=%s ==> "
		   "next_comm=%s next_pid=%d next_prio=%d",
		   payload_comm(prev), prev->pid, task_prio(prev), prev_state,
		   payload_comm(next), next->pid, task_prio(next));
}

void trace_sched_wake(struct mmsim *sim, enum trace_event_id id, unsigned int cpu,
		      const struct task_struct *ctx, const struct task_struct *p,
		      unsigned int target_cpu)
{
	if (!trace_on(sim, id))
		return;
	trace_line(sim, id, cpu, ctx, "d..2.", "comm=%s pid=%d prio=%d target_cpu=%03u",
		   payload_comm(p), p->pid, task_prio(p), target_cpu);
}

void trace_sched_migrate_task(struct mmsim *sim, unsigned int cpu,
			      const struct task_struct *ctx, const struct task_struct *p,
			      unsigned int orig_cpu, unsigned int dest_cpu)
{
	if (!trace_on(sim, TRACE_SCHED_MIGRATE_TASK))
		return;
	trace_line(sim, TRACE_SCHED_MIGRATE_TASK, cpu, ctx, "d..2.",
		   "comm=%s pid=%d prio=%d orig_cpu=%u dest_cpu=%u",
		   payload_comm(p), p->pid, task_prio(p), orig_cpu, dest_cpu);
}

void trace_sched_process_fork(struct mmsim *sim, unsigned int cpu,
			      const struct task_struct *parent, const struct task_struct *child)
{
	if (!trace_on(sim, TRACE_SCHED_PROCESS_FORK))
		return;
	trace_line(sim, TRACE_SCHED_PROCESS_FORK, cpu, parent, ".....",
		   "comm=%s pid=%d child_comm=%s child_pid=%d",
		   payload_comm(parent), parent->pid, payload_comm(child), child->pid);
}

void trace_sched_process_exit(struct mmsim *sim, unsigned int cpu,
			      const struct task_struct *p, bool group_dead)
{
	if (!trace_on(sim, TRACE_SCHED_PROCESS_EXIT))
		return;
	trace_line(sim, TRACE_SCHED_PROCESS_EXIT, cpu, p, ".....",
		   "comm=%s pid=%d prio=%d group_dead=%s",
		   payload_comm(p), p->pid, task_prio(p), group_dead ? "true" : "false");
}

void trace_sched_stat_runtime(struct mmsim *sim, unsigned int cpu,
			      const struct task_struct *p, uint64_t runtime)
{
	if (!trace_on(sim, TRACE_SCHED_STAT_RUNTIME))
		return;
	trace_line(sim, TRACE_SCHED_STAT_RUNTIME, cpu, p, "d..2.",
		   "comm=%s pid=%d runtime=%" PRIu64 " [ns] vruntime=%" PRIu64 " [ns]",
		   payload_comm(p), p->pid, runtime, p->vruntime);
}

int trace_finish(struct trace *trace, FILE *out, unsigned int nr_cpus)
{
	char buf[1 << 16];
	size_t n;

	fprintf(out,
		"# tracer: nop\n"
		"#\n"
		"# entries-in-buffer/entries-written: %" PRIu64 "/%" PRIu64 "   #P:%u\n"
		"#\n"
		"#                                _-----=> irqs-off/BH-disabled\n"
		"#                               / _----=> need-resched\n"
		"#                              | / _---=> hardirq/softirq\n"
		"#                              || / _--=> preempt-depth\n"
		"#                              ||| / _-=> migrate-disable\n"
		"#                              |||| /     delay\n"
		"#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n"
		"#              | |         |   |||||     |         |\n",
		trace->nr_entries, trace->nr_entries, nr_cpus);
	if (fflush(trace->body) || fseek(trace->body, 0, SEEK_SET))
		return -EIO;
	while ((n = fread(buf, 1, sizeof(buf), trace->body)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			return -EIO;
	if (ferror(trace->body) || fflush(out))
		return -EIO;
	return 0;
}

/* ---- block tracepoints (include/trace/events/block.h, Linux 6.1) ---- */

/* blk_fill_rwbs() */
static void blk_fill_rwbs(char *rwbs, unsigned int opf)
{
	int i = 0;

	if (opf & REQ_PREFLUSH)
		rwbs[i++] = 'F';
	switch (opf & REQ_OP_MASK) {
	case REQ_OP_WRITE:
		rwbs[i++] = 'W';
		break;
	case REQ_OP_FLUSH:
		rwbs[i++] = 'F';
		break;
	case REQ_OP_READ:
		rwbs[i++] = 'R';
		break;
	default:
		rwbs[i++] = 'N';
	}
	if (opf & REQ_FUA)
		rwbs[i++] = 'F';
	if (opf & REQ_SYNC)
		rwbs[i++] = 'S';
	rwbs[i] = '\0';
}

/* Where a block event is reported: the task, or the interrupted one on @cpu. */
static const struct task_struct *block_ctx(struct mmsim *sim, unsigned int cpu,
					   const char **flags)
{
	if (sim->current) {
		*flags = ".....";
		return sim->current;
	}
	*flags = "d.h1.";
	return cpu_rq(sim, cpu)->curr;
}

void trace_block_bio_queue(struct mmsim *sim, const struct block_device *bdev,
			   const struct bio *bio)
{
	const char *flags;
	unsigned int cpu = sim->current ? sim->current->cpu : 0;
	const struct task_struct *ctx = block_ctx(sim, cpu, &flags);
	char rwbs[8];

	blk_fill_rwbs(rwbs, bio->bi_opf);
	trace_line(sim, TRACE_BLOCK_BIO_QUEUE, cpu, ctx, flags, "%u,%u %s %" PRIu64 " + %u [%s]",
		   bdev->major, bdev->minor, rwbs, bio->bi_sector,
		   bio->bi_size >> SECTOR_SHIFT, ctx->comm);
}

void trace_block_rq_issue(struct mmsim *sim, const struct block_device *bdev,
			  const struct request *rq)
{
	const char *flags;
	const struct task_struct *ctx = block_ctx(sim, rq->cpu, &flags);
	char rwbs[8];

	blk_fill_rwbs(rwbs, rq->cmd_flags);
	trace_line(sim, TRACE_BLOCK_RQ_ISSUE, sim->current ? sim->current->cpu : rq->cpu, ctx,
		   flags, "%u,%u %s %u () %" PRIu64 " + %u [%s]",
		   bdev->major, bdev->minor, rwbs, rq->bytes, rq->sector,
		   rq->bytes >> SECTOR_SHIFT, ctx->comm);
}

void trace_block_rq_complete(struct mmsim *sim, const struct block_device *bdev,
			     const struct request *rq)
{
	const char *flags;
	const struct task_struct *ctx = block_ctx(sim, rq->cpu, &flags);
	char rwbs[8];

	blk_fill_rwbs(rwbs, rq->cmd_flags);
	trace_line(sim, TRACE_BLOCK_RQ_COMPLETE, sim->current ? sim->current->cpu : rq->cpu, ctx,
		   flags, "%u,%u %s () %" PRIu64 " + %u [%d]",
		   bdev->major, bdev->minor, rwbs, rq->sector,
		   rq->bytes >> SECTOR_SHIFT, rq->status);
}

void trace_mm_event(struct mmsim *sim, enum trace_event_id id, const char *payload)
{
	const struct task_struct *ctx = sim->current ? sim->current : cpu_rq(sim, 0)->curr;
	unsigned int cpu = sim->current ? sim->current->cpu : 0;

	if (!trace_on(sim, id))
		return;
	trace_line(sim, id, cpu, ctx, ".....", "%s", payload);
}
