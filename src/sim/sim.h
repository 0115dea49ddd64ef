/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sim/sim.h - struct mmsim: the whole state of one simulation
 *
 * Everything a simulation owns hangs off this structure (no global mutable
 * state anywhere in src/), so two simulations can run in one process.
 * Subsystems reach each other only through the functions their headers
 * declare.
 */
#ifndef MMSIM_SIM_SIM_H
#define MMSIM_SIM_SIM_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/heap.h"
#include "lib/list.h"
#include "mmsim/config.h"
#include "sim/coro.h"
#include "sim/event.h"
#include "sim/fault.h"
#include "sim/rng.h"
#include "sim/sched.h"

#define NSEC_PER_USEC	((uint64_t)1000)
#define NSEC_PER_MSEC	((uint64_t)1000000)
#define NSEC_PER_SEC	((uint64_t)1000000000)
#define HZ		1000
#define TICK_NSEC	(NSEC_PER_SEC / HZ)
#define MAX_SCHEDULE_TIMEOUT	INT64_MAX

struct trace;
struct job;
struct blk_state;
struct mm_sim;

/* The scheduler tunables in force, after sched_update_scaling(). */
struct sched_tunables {
	uint64_t latency;		/* sysctl_sched_latency */
	uint64_t min_granularity;	/* sysctl_sched_min_granularity */
	uint64_t wakeup_granularity;	/* sysctl_sched_wakeup_granularity */
	unsigned int nr_latency;	/* sched_nr_latency */
	unsigned int factor;		/* get_update_sysctl_factor() */
	bool preempt_full;		/* kernel work is preemptible (preempt=full) */
};

struct mmsim {
	struct mmsim_config cfg;

	/* virtual time and the event queue */
	uint64_t now;
	struct heap events;
	uint64_t event_seq;
	uint64_t nr_events;		/* events taken from the queue */
	uint64_t nr_inline_charges;	/* cpu_charge() calls that needed no event */
	uint64_t end_time;
	struct sim_event end_ev;
	bool stopped;

	/* tasks and CPUs */
	struct coro host;		/* the engine's own context */
	struct coro_pool stacks;
	struct task_struct *current;	/* task executing now, NULL in the engine */
	struct task_struct *exiting;	/* finished task whose stack the next context frees */
	struct task_struct *resume;	/* set by an event handler: run this task now */
	int run_error;			/* -ELOOP: virtual time stopped advancing */
	uint64_t same_instant;		/* events in a row at the current time */
	unsigned int nr_cpus;
	struct rq *rqs;
	struct sched_tunables sched;
	struct list_head tasks;
	unsigned int nr_tasks;		/* alive */
	uint64_t nr_forks;
	int next_pid;
	int next_kthread_pid;
	unsigned int nr_user_tasks;	/* alive job tasks; the run ends at 0 */
	unsigned int nr_jobs_pending;	/* jobs whose start_delay has not passed */
	struct task_stats kthread_stats;

	uint64_t cost[NR_MMSIM_COSTS];
	struct fault_state faults[NR_MMSIM_FAULTS];
	struct trace *trace;

	/* workload */
	struct job *jobs;
	unsigned int nr_jobs;

	/* block devices (src/block) */
	struct blk_state *blk;

	/* memory (src/mm) */
	struct mm_sim *mm;

	/* the kernel log (src/sim/printk.c): dmesg's lines, the newest LOG_BUF_LEN bytes */
	char *log_buf;
	size_t log_len, log_cap;

	/* mmsim_every() */
	struct sim_event periodic_ev;
	uint64_t periodic_interval;
	void (*periodic_fn)(struct mmsim *sim, void *arg);
	void *periodic_arg;
};

/** jiffies - the tick count at the current virtual time */
static inline uint64_t jiffies(const struct mmsim *sim)
{
	return sim->now / TICK_NSEC;
}

/** sim_stall_add - count @ns of kernel stall for @why against the current task's job */
static inline void sim_stall_add(struct mmsim *sim, enum mmsim_stall why, uint64_t ns)
{
	if (sim->current && sim->current->stats)
		sim->current->stats->stall_ns[why] += ns;
}

/** sim_cost - the cost model's value for @item in ns */
static inline uint64_t sim_cost(const struct mmsim *sim, enum mmsim_cost_item item)
{
	return sim->cost[item];
}

/** sim_next_event_time - when the earliest queued event fires (UINT64_MAX if none) */
static inline uint64_t sim_next_event_time(const struct mmsim *sim)
{
	return sim->events.nr ? heap_min_key(&sim->events) : UINT64_MAX;
}

/**
 * sim_create - build a simulation without validating @cfg
 *
 * For tests that start their own tasks: a configuration with no jobs is
 * fine here.  mmsim_create() is this plus mmsim_config_validate().
 *
 * Return: the simulation or NULL (out of memory).
 */
struct mmsim *sim_create(const struct mmsim_config *cfg);

/**
 * sim_run_events - the engine loop: take events until one resumes a task
 * @sim: simulation
 *
 * Runs on whatever stack is current (the host's or a yielding task's);
 * handlers run with sim->current == NULL.
 *
 * Return: the task to run now, or NULL when the run is over (stopped, no
 * events left, or virtual time stuck: sim->run_error).
 */
struct task_struct *sim_run_events(struct mmsim *sim);

/** sim_reap - free the task that exited just before the switch to this context */
void sim_reap(struct mmsim *sim);

/** sim_stop - end the run after the current event */
void sim_stop(struct mmsim *sim);

#endif /* MMSIM_SIM_SIM_H */
