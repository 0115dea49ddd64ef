// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim/sim.c - the simulation: creation, the event loop, results
 *
 * The loop takes the earliest event, sets the clock to its time and runs
 * its handler, until a [global] runtime end event fires or the last job
 * task exits.  Handlers that resume a task switch to its coroutine; the
 * task runs until it blocks, is preempted or needs virtual time to pass,
 * then switches back here.  Nothing else ever moves the clock except
 * cpu_charge()'s fast path, which only does so when no event is due
 * before the charged work ends.
 */
#include "mmsim/sim.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "block/blk.h"
#include "lib/compiler.h"
#include "lib/hist.h"
#include "mm/filemap.h"
#include "mm/mm.h"
#include "mm/mm_sim.h"
#include "mm/writeback.h"
#include "sim/cost.h"
#include "sim/printk.h"
#include "sim/sim.h"
#include "trace/trace.h"
#include "workload/alloc.h"
#include "workload/job.h"

static unsigned int ilog2_u(unsigned int v)
{
	unsigned int r = 0;

	while (v >>= 1)
		r++;
	return r;
}

/* sched_init_granularity() / sched_update_scaling() */
static void sched_tunables_init(struct sched_tunables *t, const struct mmsim_config *cfg)
{
	unsigned int cpus = cfg->nr_cpus < 8 ? cfg->nr_cpus : 8;

	switch (cfg->sysctl.sched_tunable_scaling) {
	case 0:
		t->factor = 1;
		break;
	case 2:
		t->factor = cpus;
		break;
	default:
		t->factor = 1 + ilog2_u(cpus);
		break;
	}
	t->latency = cfg->sysctl.sched_latency_ns;
	if (!t->latency)
		t->latency = 6000000ULL * t->factor;
	t->min_granularity = cfg->sysctl.sched_min_granularity_ns;
	if (!t->min_granularity)
		t->min_granularity = 750000ULL * t->factor;
	t->wakeup_granularity = cfg->sysctl.sched_wakeup_granularity_ns;
	if (!t->wakeup_granularity)
		t->wakeup_granularity = 1000000ULL * t->factor;
	t->nr_latency = (unsigned int)((t->latency + t->min_granularity - 1) / t->min_granularity);
	t->preempt_full = cfg->preempt == MMSIM_PREEMPT_FULL;
}

static void end_event(struct mmsim *sim, struct sim_event *ev)
{
	(void)ev;
	sim_stop(sim);
}

void sim_stop(struct mmsim *sim)
{
	sim->stopped = true;
}

struct mmsim *sim_create(const struct mmsim_config *cfg)
{
	struct mmsim *sim = calloc(1, sizeof(*sim));

	if (!sim)
		return NULL;
	sim->cfg = *cfg;
	heap_init(&sim->events);
	INIT_LIST_HEAD(&sim->tasks);
	coro_init_host(&sim->host);
	coro_pool_init(&sim->stacks, 0);
	sim->next_pid = TASK_FIRST_PID;
	sim->next_kthread_pid = KTHREAD_FIRST_PID;
	sim->kthread_stats.wakeup_latency = lat_hist_create();
	for (int i = 0; i < NR_MMSIM_COSTS; i++)
		sim->cost[i] = cfg->cost[i];
	for (int i = 0; i < NR_MMSIM_FAULTS; i++)
		fault_init(&sim->faults[i], &cfg->fault[i], cfg->seed, (enum mmsim_fault_item)i);
	sched_tunables_init(&sim->sched, cfg);
	if (!sim->kthread_stats.wakeup_latency || sched_init(sim, cfg->nr_cpus) ||
	    mm_sim_init(sim) || blk_init(sim) || filemap_init(sim) || swapon_config(sim) ||
	    writeback_init(sim) || jobs_init(sim))
		goto nomem;
	sim->end_time = cfg->runtime_ns;
	event_init(&sim->end_ev, end_event);
	event_schedule(sim, &sim->end_ev, sim->end_time);
	return sim;
nomem:
	mmsim_free(sim);
	return NULL;
}

mmsim_t *mmsim_create(const struct mmsim_config *cfg, struct mmsim_error *err)
{
	struct mmsim *sim;

	if (mmsim_config_validate(cfg, err))
		return NULL;
	sim = sim_create(cfg);
	if (!sim)
		snprintf(err->msg, sizeof(err->msg), "out of memory creating the simulation");
	return sim;
}

static void periodic_event(struct mmsim *sim, struct sim_event *ev)
{
	sim->periodic_fn(sim, sim->periodic_arg);
	event_schedule(sim, ev, sim->now + sim->periodic_interval);
}

void mmsim_every(mmsim_t *sim, uint64_t interval_ns, void (*fn)(mmsim_t *sim, void *arg),
		 void *arg)
{
	if (sim->periodic_fn)
		event_cancel(sim, &sim->periodic_ev);
	sim->periodic_fn = fn;
	sim->periodic_arg = arg;
	sim->periodic_interval = interval_ns;
	event_init(&sim->periodic_ev, periodic_event);
	event_schedule(sim, &sim->periodic_ev, sim->now + interval_ns);
}

int mmsim_trace_start(mmsim_t *sim, const char *events, struct mmsim_error *err)
{
	uint64_t mask;
	int ret = trace_parse_events(events, &mask, err);

	if (ret)
		return ret;
	if (!sim->trace) {
		sim->trace = calloc(1, sizeof(*sim->trace));
		if (!sim->trace)
			return -ENOMEM;
		sim->trace->body = tmpfile();
		if (!sim->trace->body) {
			free(sim->trace);
			sim->trace = NULL;
			snprintf(err->msg, sizeof(err->msg), "cannot create a temporary file for the trace");
			return -EIO;
		}
	}
	sim->trace->enabled = mask;
	return 0;
}

int mmsim_trace_write(mmsim_t *sim, FILE *out)
{
	if (!sim->trace)
		return -EINVAL;
	return trace_finish(sim->trace, out, sim->nr_cpus);
}

/*
 * A run whose clock stops moving (every cost 0 and tasks that wake each
 * other forever) would never end; this many events at one instant is taken
 * as that livelock.
 */
#define MAX_EVENTS_AT_ONE_INSTANT	10000000ULL

struct task_struct *sim_run_events(struct mmsim *sim)
{
	while (!sim->stopped) {
		struct heap_node *node = heap_min(&sim->events);
		struct sim_event *ev;
		uint64_t when;

		if (!node)
			break;
		when = heap_min_key(&sim->events);
		if (when != sim->now) {
			sim->same_instant = 0;
		} else if (++sim->same_instant > MAX_EVENTS_AT_ONE_INSTANT) {
			sim->run_error = -ELOOP;
			sim->stopped = true;
			break;
		}
		sim->now = when;
		heap_remove(&sim->events, node);
		/* The next event's owner (a task, for timers) is likely cold. */
		if (sim->events.nr)
			__builtin_prefetch(heap_min(&sim->events));
		ev = container_of(node, struct sim_event, node);
		sim->nr_events++;
		ev->fn(sim, ev);
#if MMSIM_DEBUG >= 3
		MM_BUG_ON(!sched_check_invariants(sim));
#endif
		if (sim->resume) {
			struct task_struct *p = sim->resume;

			sim->resume = NULL;
			return p;
		}
	}
	return NULL;
}

int mmsim_run(mmsim_t *sim)
{
	struct task_struct *next = sim_run_events(sim);

	if (next) {
		/* Tasks hand control to each other; it comes back here at the end. */
		sim->current = next;
		coro_switch(&sim->host, &next->coro);
		sim->current = NULL;
		sim_reap(sim);
	}
	sched_finish(sim);
	return sim->run_error;
}

bool mmsim_check(mmsim_t *sim)
{
	bool ok = sched_check_invariants(sim);

	if (!heap_check(&sim->events)) {
		fprintf(stderr, "mmsim: event queue heap is inconsistent\n");
		ok = false;
	}
	if (!blk_check_all(sim))
		ok = false;
	if (!mm_sim_check(sim) || !alloc_jobs_check(sim))
		ok = false;
	return ok;
}

void mmsim_free(mmsim_t *sim)
{
	if (!sim)
		return;
	task_free_all(sim);
	jobs_release(sim);
	blk_release(sim);
	mm_sim_release(sim);
	if (sim->rqs)
		sched_release(sim);
	heap_release(&sim->events);
	coro_pool_release(&sim->stacks);
	lat_hist_free(sim->kthread_stats.wakeup_latency);
	log_release(sim);
	if (sim->trace) {
		fclose(sim->trace->body);
		free(sim->trace);
	}
	free(sim);
}

const struct mmsim_config *mmsim_config_of(const mmsim_t *sim)
{
	return &sim->cfg;
}

void mmsim_effective_sysctl(const mmsim_t *sim, struct mmsim_sysctl *out)
{
	out->sched_latency_ns = sim->sched.latency;
	out->sched_min_granularity_ns = sim->sched.min_granularity;
	out->sched_wakeup_granularity_ns = sim->sched.wakeup_granularity;
	out->sched_tunable_scaling = sim->cfg.sysctl.sched_tunable_scaling;
}

void mmsim_job_stats(const mmsim_t *sim, unsigned int idx, struct mmsim_job_stats *out)
{
	const struct job *job = &sim->jobs[idx];
	const struct task_stats *st = &job->stats;
	const struct lat_hist *h = st->wakeup_latency;

	memset(out, 0, sizeof(*out));
	out->name = job->cfg->name;
	out->kind = job->cfg->kind;
	out->nr_tasks = job->nr_threads;
	out->cpu_time_ns = st->sum_exec_runtime;
	out->wait_time_ns = st->run_delay;
	out->sleep_time_ns = st->sleep_time;
	out->iowait_time_ns = st->iowait_time;
	out->nr_wakeups = st->nr_wakeups;
	out->lat_count = h->count;
	out->lat_avg_ns = h->count ? h->sum / h->count : 0;
	out->lat_p50_ns = lat_hist_percentile(h, 500);
	out->lat_p99_ns = lat_hist_percentile(h, 990);
	out->lat_max_ns = lat_hist_percentile(h, 1000);
	out->nr_voluntary_switches = st->nr_voluntary_switches;
	out->nr_involuntary_switches = st->nr_involuntary_switches;
	out->nr_migrations = st->nr_migrations;
	out->loops = job->loops_done;
	out->errors = job->errors;
	if ((job->cfg->kind == MMSIM_JOB_IO || job->cfg->kind == MMSIM_JOB_FILE) && job->clat) {
		const struct lat_hist *c = job->clat;

		out->io_reads = job->ios[0];
		out->io_writes = job->ios[1];
		out->io_read_bytes = job->bytes[0];
		out->io_write_bytes = job->bytes[1];
		out->io_flushes = job->nr_flushes;
		if (sim->now > job->start || job->end > job->start)
			out->io_elapsed_ns = (job->end ? job->end : sim->now) - job->start;
		out->clat_avg_ns = c->count ? c->sum / c->count : 0;
		out->clat_p50_ns = lat_hist_percentile(c, 500);
		out->clat_p99_ns = lat_hist_percentile(c, 990);
		out->clat_max_ns = lat_hist_percentile(c, 1000);
	}
	if (job->alloc_lat) {
		const struct lat_hist *a = job->alloc_lat;

		out->allocs = job->alloc_ok;
		out->alloc_failures = job->alloc_fail;
		out->alloc_avg_ns = a->count ? a->sum / a->count : 0;
		out->alloc_p50_ns = lat_hist_percentile(a, 500);
		out->alloc_p90_ns = lat_hist_percentile(a, 900);
		out->alloc_p95_ns = lat_hist_percentile(a, 950);
		out->alloc_p99_ns = lat_hist_percentile(a, 990);
		out->alloc_max_ns = lat_hist_percentile(a, 1000);
		out->pages_held = alloc_job_pages_held(job);
		out->pages_freed = job->pages_freed;
	}
	out->stall_reclaim_ns = st->stall_ns[MMSIM_STALL_RECLAIM];
	out->stall_compact_ns = st->stall_ns[MMSIM_STALL_COMPACT];
	out->stall_throttle_ns = st->stall_ns[MMSIM_STALL_THROTTLE];
	out->stall_dirty_ns = st->stall_ns[MMSIM_STALL_DIRTY];
	if (job->fault_lat) {
		const struct lat_hist *f = job->fault_lat;

		out->mem_accesses = job->mem_accesses;
		out->mem_faults = job->mem_faults;
		out->mem_major_faults = job->mem_major_faults;
		out->fault_avg_ns = f->count ? f->sum / f->count : 0;
		out->fault_p50_ns = lat_hist_percentile(f, 500);
		out->fault_p90_ns = lat_hist_percentile(f, 900);
		out->fault_p99_ns = lat_hist_percentile(f, 990);
		out->fault_max_ns = lat_hist_percentile(f, 1000);
		out->rss_pages = job->mm ? job->mm->rss_anon + job->mm->rss_file : 0;
		out->oom_killed = job->mm && (job->mm->flags & MMF_OOM_VICTIM);
		out->oom_kill_ns = out->oom_killed ? job->mm->oom_kill_ns : 0;
	}
}

void mmsim_cpu_stats(const mmsim_t *sim, unsigned int cpu, struct mmsim_cpu_stats *out)
{
	const struct rq *rq = &sim->rqs[cpu];

	out->idle_ns = rq->idle_time;
	out->busy_ns = sim->now - rq->idle_time;
	out->nr_switches = rq->nr_switches;
}

void mmsim_engine_stats(const mmsim_t *sim, struct mmsim_engine_stats *out)
{
	memset(out, 0, sizeof(*out));
	out->virtual_time_ns = sim->now;
	out->nr_events = sim->nr_events;
	out->nr_inline_charges = sim->nr_inline_charges;
	out->nr_forks = sim->nr_forks;
	out->nr_tasks_left = sim->nr_user_tasks;
	for (unsigned int cpu = 0; cpu < sim->nr_cpus; cpu++)
		out->nr_switches += sim->rqs[cpu].nr_switches;
	for (int i = 0; i < NR_MMSIM_FAULTS; i++)
		out->nr_faults_injected += sim->faults[i].nr_failed;
}
