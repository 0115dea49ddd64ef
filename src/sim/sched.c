// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim/sched.c - the CPU scheduler: runqueues, CFS, wakeups, preemption
 *
 * Models kernel 6.1's CFS (kernel/sched/core.c and fair.c, before EEVDF):
 * vruntime advanced by calc_delta_fair(), an indexed heap standing in for
 * the rbtree, sched_slice() from sched_latency/min_granularity scaled by
 * 1 + ilog2(nr_cpus) (sched_tunable_scaling=1), place_entity() with
 * START_DEBIT for new tasks and GENTLE_FAIR_SLEEPERS for wakeups,
 * check_preempt_wakeup() with the wakeup granularity and the NEXT/LAST
 * buddies, and check_preempt_tick() on a 1000 Hz tick that only runs while
 * a CPU has more than one runnable task.
 *
 * Simplified against the kernel:
 *  - One flat CFS class: no RT/deadline classes, no cgroups, no
 *    autogroups; nice maps to the kernel's weight table and the division
 *    in calc_delta_fair() is exact instead of the fixed-point inverse.
 *  - Wake-up placement is "previous CPU if idle, else the first idle
 *    allowed CPU after it, else the previous CPU" (no wake_affine, no
 *    LLC domains); new tasks go to the first idle allowed CPU, else the
 *    least loaded one.
 *  - Load balancing is new-idle pulling only: a CPU that goes idle pulls
 *    the next task to run from the busiest CPU.  There is no periodic
 *    balancing between busy CPUs and no PELT load tracking.
 *  - Preemption model: preempt=voluntary by default, as Debian's
 *    PREEMPT_DYNAMIC kernels boot: user-mode work (cpu_charge_user) is
 *    preempted at once; kernel work (cpu_charge) runs to the end of its
 *    charge and the task reschedules at its next cond_resched(), user
 *    charge or sleep.  preempt=full makes kernel work preemptible too.
 *  - The context switch cost is charged to the incoming task.
 *
 * Invariants (sched_check_invariants): a queued task is in exactly one
 * rq's heap; rq->nr_running and rq->load count the queued tasks plus a
 * real curr; curr is never in the heap; min_vruntime never decreases.
 */
#include "sim/sched.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/compiler.h"
#include "lib/hist.h"
#include "sim/sim.h"
#include "trace/trace.h"

/* sched_prio_to_weight[]: each nice step is about 10% of CPU. */
static const unsigned long prio_to_weight[40] = {
	88761, 71755, 56483, 46273, 36291,	/* -20 */
	29154, 23254, 18705, 14949, 11916,	/* -15 */
	9548, 7620, 6100, 4904, 3906,		/* -10 */
	3121, 2501, 1991, 1586, 1277,		/*  -5 */
	1024, 820, 655, 526, 423,		/*   0 */
	335, 272, 215, 172, 137,		/*   5 */
	110, 87, 70, 56, 45,			/*  10 */
	36, 29, 23, 18, 15,			/*  15 */
};

unsigned long nice_to_weight(int nice)
{
	MM_BUG_ON(nice < -20 || nice > 19);
	return prio_to_weight[nice + 20];
}

struct rq *cpu_rq(struct mmsim *sim, unsigned int cpu)
{
	MM_DEBUG_ON(cpu >= sim->nr_cpus);
	return &sim->rqs[cpu];
}

struct rq *task_rq(struct task_struct *p)
{
	return cpu_rq(p->sim, p->cpu);
}

struct task_struct *current_task(const struct mmsim *sim)
{
	return sim->current;
}

static bool task_allowed_on(const struct task_struct *p, unsigned int cpu)
{
	return !p->cpus_ptr || mmsim_cpumask_test(p->cpus_ptr, cpu);
}

/* ======================================================================
 * CFS arithmetic (fair.c)
 * ====================================================================== */

/* delta * NICE_0_LOAD / weight, exactly and without overflow. */
static uint64_t calc_delta_fair(uint64_t delta, const struct task_struct *p)
{
	if (p->weight == NICE_0_LOAD)
		return delta;
	return delta / p->weight * NICE_0_LOAD + delta % p->weight * NICE_0_LOAD / p->weight;
}

/* delta * weight / load, for sched_slice(). */
static uint64_t scale_by_load(uint64_t delta, unsigned long weight, unsigned long load)
{
	return delta / load * weight + delta % load * weight / load;
}

static uint64_t sched_period(const struct mmsim *sim, unsigned int nr_running)
{
	if (nr_running > sim->sched.nr_latency)
		return nr_running * sim->sched.min_granularity;
	return sim->sched.latency;
}

/* The wall-clock slice @p is due on @rq (sched_slice(), with BASE_SLICE). */
static uint64_t sched_slice(const struct mmsim *sim, const struct rq *rq,
			    const struct task_struct *p)
{
	unsigned int nr = rq->nr_running + !p->on_rq;
	unsigned long load = rq->load + (p->on_rq ? 0 : p->weight);
	uint64_t slice = scale_by_load(sched_period(sim, nr), p->weight, load);

	return slice < sim->sched.min_granularity ? sim->sched.min_granularity : slice;
}

static bool vruntime_before(uint64_t a, uint64_t b)
{
	return (int64_t)(a - b) < 0;
}

static void update_min_vruntime(struct rq *rq)
{
	struct heap_node *left = heap_min(&rq->cfs);
	struct task_struct *curr = rq->curr->is_idle ? NULL : rq->curr;
	uint64_t vruntime = rq->min_vruntime;

	if (curr)
		vruntime = curr->vruntime;
	if (left) {
		struct task_struct *lt = container_of(left, struct task_struct, run_node);

		if (!curr || vruntime_before(lt->vruntime, vruntime))
			vruntime = lt->vruntime;
	}
	if (vruntime_before(rq->min_vruntime, vruntime))
		rq->min_vruntime = vruntime;
}

/* Account curr's CPU time up to now (update_curr()). */
static void update_curr(struct mmsim *sim, struct rq *rq)
{
	struct task_struct *curr = rq->curr;
	uint64_t delta;

	if (curr->is_idle)
		return;
	delta = sim->now - curr->exec_start;
	if (!delta)
		return;
	curr->exec_start = sim->now;
	curr->sum_exec_runtime += delta;
	curr->stats->sum_exec_runtime += delta;
	curr->vruntime += calc_delta_fair(delta, curr);
	update_min_vruntime(rq);
	trace_sched_stat_runtime(sim, rq->cpu, curr, delta);
}

/* Returns 1 if @se should preempt @curr (wakeup_preempt_entity()). */
static int wakeup_preempt_entity(const struct mmsim *sim, const struct task_struct *curr,
				 const struct task_struct *se)
{
	int64_t vdiff = (int64_t)(curr->vruntime - se->vruntime);
	uint64_t gran;

	if (vdiff <= 0)
		return -1;
	gran = calc_delta_fair(sim->sched.wakeup_granularity, se);
	return (uint64_t)vdiff > gran ? 1 : 0;
}

static void place_entity(struct mmsim *sim, struct rq *rq, struct task_struct *p, bool initial)
{
	uint64_t vruntime = rq->min_vruntime;

	if (initial) {
		/* START_DEBIT: a new task starts one virtual slice behind. */
		vruntime += calc_delta_fair(sched_slice(sim, rq, p), p);
	} else {
		/* GENTLE_FAIR_SLEEPERS: sleepers get at most half a latency of credit. */
		vruntime -= sim->sched.latency / 2;
	}
	if (initial || vruntime_before(p->vruntime, vruntime))
		p->vruntime = vruntime;
}

/* ======================================================================
 * Runqueue bookkeeping
 * ====================================================================== */

static void rq_heap_insert(struct mmsim *sim, struct rq *rq, struct task_struct *p)
{
	if (heap_insert(&rq->cfs, &p->run_node, p->vruntime, ++sim->event_seq))
		MM_BUG();	/* the heap grows by doubling; failure here is OOM */
}

static void clear_buddies(struct rq *rq, const struct task_struct *p);

static void tick_update(struct mmsim *sim, struct rq *rq);

/* enqueue_task(): @p becomes runnable on @rq (not running yet). */
static void enqueue_task(struct mmsim *sim, struct rq *rq, struct task_struct *p)
{
	MM_DEBUG_ON(p->on_rq || p->cpu != rq->cpu);
	rq_heap_insert(sim, rq, p);
	rq->nr_running++;
	rq->load += p->weight;
	p->on_rq = true;
	tick_update(sim, rq);
}

/* dequeue_task(): @p, queued or running on @rq, is no longer runnable there. */
static void dequeue_task(struct mmsim *sim, struct rq *rq, struct task_struct *p)
{
	MM_DEBUG_ON(!p->on_rq || p->cpu != rq->cpu);
	if (heap_node_queued(&p->run_node))
		heap_remove(&rq->cfs, &p->run_node);
	clear_buddies(rq, p);
	rq->nr_running--;
	rq->load -= p->weight;
	p->on_rq = false;
	update_min_vruntime(rq);
	tick_update(sim, rq);
}

/* set_task_cpu(): move a task that is not running to another CPU. */
static void set_task_cpu(struct mmsim *sim, struct task_struct *p, unsigned int new_cpu,
			 unsigned int event_cpu, const struct task_struct *ctx)
{
	struct rq *src = task_rq(p);
	struct rq *dst = cpu_rq(sim, new_cpu);

	trace_sched_migrate_task(sim, event_cpu, ctx, p, p->cpu, new_cpu);
	/* vruntime is relative to the runqueue it was earned on. */
	p->vruntime = p->vruntime - src->min_vruntime + dst->min_vruntime;
	p->cpu = new_cpu;
	p->stats->nr_migrations++;
}

/* Buddies: NEXT_BUDDY off, LAST_BUDDY on, as the 6.1 defaults. */
static void clear_buddies(struct rq *rq, const struct task_struct *p)
{
	if (rq->next_buddy == p)
		rq->next_buddy = NULL;
	if (rq->last_buddy == p)
		rq->last_buddy = NULL;
}

/* ======================================================================
 * Switching
 * ====================================================================== */

static void arm_run_event(struct mmsim *sim, struct rq *rq, struct task_struct *next)
{
	event_schedule(sim, &rq->run_ev, sim->now + next->charge_left);
	/* Its saved registers and its own data will be needed soon: start fetching them. */
	coro_prefetch(&next->coro);
	__builtin_prefetch(next->arg);
}

/* Pull the next task to run from the busiest other CPU (newidle balance). */
static struct task_struct *newidle_balance(struct mmsim *sim, struct rq *this_rq)
{
	struct rq *busiest = NULL;
	struct task_struct *best = NULL;

	for (unsigned int i = 1; i < sim->nr_cpus; i++) {
		struct rq *rq = cpu_rq(sim, (this_rq->cpu + i) % sim->nr_cpus);

		if (rq->cfs.nr == 0)
			continue;
		if (!busiest || rq->cfs.nr > busiest->cfs.nr)
			busiest = rq;
	}
	if (!busiest)
		return NULL;
	for (uint32_t i = 0; i < busiest->cfs.nr; i++) {
		struct task_struct *p = container_of(busiest->cfs.slots[i].node,
						     struct task_struct, run_node);

		if (!task_allowed_on(p, this_rq->cpu))
			continue;
		if (!best || vruntime_before(p->vruntime, best->vruntime) ||
		    (p->vruntime == best->vruntime && p->pid < best->pid))
			best = p;
	}
	if (!best)
		return NULL;
	dequeue_task(sim, busiest, best);
	set_task_cpu(sim, best, this_rq->cpu, this_rq->cpu, &this_rq->idle);
	best->charge_left += sim_cost(sim, MMSIM_COST_MIGRATE_TASK);
	enqueue_task(sim, this_rq, best);
	return best;
}

static struct task_struct *pick_next_task(struct mmsim *sim, struct rq *rq)
{
	struct heap_node *node = heap_min(&rq->cfs);
	struct task_struct *left, *se;

	if (!node) {
		if (!newidle_balance(sim, rq))
			return &rq->idle;
		node = heap_min(&rq->cfs);
	}
	left = se = container_of(node, struct task_struct, run_node);
	if (rq->next_buddy && wakeup_preempt_entity(sim, rq->next_buddy, left) < 1)
		se = rq->next_buddy;
	else if (rq->last_buddy && wakeup_preempt_entity(sim, rq->last_buddy, left) < 1)
		se = rq->last_buddy;
	clear_buddies(rq, se);
	heap_remove(&rq->cfs, &se->run_node);
	return se;
}

static const char *switch_state(const struct task_struct *prev, bool preempt)
{
	if (preempt)
		return "R+";
	switch (prev->state) {
	case TASK_RUNNING:
		return "R";
	case TASK_INTERRUPTIBLE:
		return "S";
	case TASK_UNINTERRUPTIBLE:
		return "D";
	case TASK_DEAD:
		/* A thread is reaped at once (X); a group leader stays a zombie. */
		return prev->pid == prev->tgid ? "Z" : "X";
	default:
		return "R";
	}
}

/*
 * The core of schedule(): take @rq's curr off the CPU (dequeuing it if it
 * is going to sleep, requeueing it if it is preempted or yields), pick the
 * next task and make it curr.  Runs in task or engine context; it never
 * switches coroutines itself.  The new curr's code resumes from
 * rq->run_ev once its pending CPU work is done.
 */
static void sched_core(struct mmsim *sim, struct rq *rq, bool preempt)
{
	struct task_struct *prev = rq->curr;
	struct task_struct *next;
	const char *state;

	bool sleeping = !preempt && prev->state != TASK_RUNNING;

	update_curr(sim, rq);
	rq->need_resched = false;
	if (!prev->is_idle) {
		event_cancel(sim, &rq->run_ev);
		prev->on_cpu = false;
		if (sleeping) {
			dequeue_task(sim, rq, prev);
			prev->sleep_start = sim->now;
		} else {
			rq_heap_insert(sim, rq, prev);
			prev->last_queued = sim->now;
			prev->wakeup_pending = false;
		}
	} else {
		rq->idle_time += sim->now - rq->idle_start;
	}
	state = switch_state(prev, preempt);

	next = pick_next_task(sim, rq);
	next->on_cpu = true;
	rq->curr = next;
	if (next->is_idle) {
		rq->idle_start = sim->now;
	} else {
		uint64_t waited = sim->now - next->last_queued;

		next->exec_start = sim->now;
		next->prev_sum_exec_runtime = next->sum_exec_runtime;
		next->stats->run_delay += waited;
		if (next->wakeup_pending) {
			lat_hist_add(next->stats->wakeup_latency, waited);
			next->wakeup_pending = false;
		}
	}
	if (next != prev) {
		rq->nr_switches++;
		/* nvcsw counts sleeps, nivcsw preemptions and yields. */
		if (sleeping)
			prev->stats->nr_voluntary_switches++;
		else if (!prev->is_idle)
			prev->stats->nr_involuntary_switches++;
		trace_sched_switch(sim, rq->cpu, prev, state, next);
		if (!next->is_idle)
			next->charge_left += sim_cost(sim, MMSIM_COST_CONTEXT_SWITCH);
	}
	if (!next->is_idle && next != sim->current)
		arm_run_event(sim, rq, next);
	tick_update(sim, rq);
}

/* Take a suspended (not executing) curr off @rq now. */
static void preempt_suspended(struct mmsim *sim, struct rq *rq)
{
	struct task_struct *curr = rq->curr;

	if (!curr->is_idle && event_pending(&rq->run_ev)) {
		curr->charge_left = event_expires(sim, &rq->run_ev) - sim->now;
		event_cancel(sim, &rq->run_ev);
	}
	sched_core(sim, rq, !curr->is_idle);
}

/*
 * resched_curr(): @rq's current task should give up the CPU.  An idle CPU
 * switches at once; a task executing right now does so at its next
 * preemption point; a suspended task is preempted now if its pending work
 * is preemptible, else when it next reaches a preemption point.
 */
static void resched_curr(struct mmsim *sim, struct rq *rq)
{
	struct task_struct *curr = rq->curr;

	if (rq->need_resched)
		return;
	rq->need_resched = true;
	if (curr == sim->current)
		return;
	if (curr->is_idle || curr->charge_preemptible)
		preempt_suspended(sim, rq);
}

/* ======================================================================
 * The tick (scheduler_tick -> task_tick_fair -> check_preempt_tick)
 * ====================================================================== */

static void check_preempt_tick(struct mmsim *sim, struct rq *rq)
{
	struct task_struct *curr = rq->curr;
	uint64_t ideal = sched_slice(sim, rq, curr);
	uint64_t delta_exec = curr->sum_exec_runtime - curr->prev_sum_exec_runtime;
	struct heap_node *node;
	struct task_struct *left;

	if (delta_exec > ideal) {
		clear_buddies(rq, curr);
		resched_curr(sim, rq);
		return;
	}
	if (delta_exec < sim->sched.min_granularity)
		return;
	node = heap_min(&rq->cfs);
	if (!node)
		return;
	left = container_of(node, struct task_struct, run_node);
	if ((int64_t)(curr->vruntime - left->vruntime) > (int64_t)ideal)
		resched_curr(sim, rq);
}

static void tick_event(struct mmsim *sim, struct sim_event *ev)
{
	struct rq *rq = container_of(ev, struct rq, tick_ev);

	if (rq->curr->is_idle || rq->nr_running < 2)
		return;
	update_curr(sim, rq);
	check_preempt_tick(sim, rq);
	tick_update(sim, rq);
}

/* Keep the tick armed exactly while a real task shares its CPU. */
static void tick_update(struct mmsim *sim, struct rq *rq)
{
	if (rq->curr->is_idle || rq->nr_running < 2) {
		event_cancel(sim, &rq->tick_ev);
		return;
	}
	if (!event_pending(&rq->tick_ev))
		event_schedule(sim, &rq->tick_ev, (sim->now / TICK_NSEC + 1) * TICK_NSEC);
}

/* ======================================================================
 * Running task code: the run event, charges, schedule()
 * ====================================================================== */

/*
 * The running task gives the engine control.  The engine loop runs right
 * here, on this task's stack, until an event resumes a task: if that is
 * this task, it simply carries on (no switch at all); otherwise control
 * goes straight to that task (or to the host when the run is over), one
 * coroutine switch instead of a round trip through the host.
 */
static void task_yield_to_engine(struct mmsim *sim, struct task_struct *p)
{
	struct task_struct *next;

	sim->current = NULL;
	next = sim_run_events(sim);
	sim->current = next;
	if (next == p)
		return;
	coro_switch(&p->coro, next ? &next->coro : &sim->host);
	/* Resumed by whoever ran the loop: sim->current is p again. */
	MM_DEBUG_ON(sim->current != p);
	sim_reap(sim);
}

static void run_event(struct mmsim *sim, struct sim_event *ev)
{
	struct rq *rq = container_of(ev, struct rq, run_ev);
	struct task_struct *p = rq->curr;

	MM_DEBUG_ON(p->is_idle);
	p->charge_left = 0;
	p->charge_preemptible = false;
	sim->resume = p;
}

/*
 * Spend @ns of CPU on the current task.  Fast path: when nothing else can
 * happen before the work is done, virtual time simply moves on.
 */
static void charge(struct mmsim *sim, uint64_t ns, bool user)
{
	struct task_struct *p = sim->current;
	struct rq *rq = task_rq(p);
	bool preemptible = user || sim->sched.preempt_full;
	uint64_t end;

	MM_BUG_ON(!p);
	ns += p->charge_debt;
	p->charge_debt = 0;
	if (rq->need_resched && preemptible) {
		p->charge_left = ns;
		p->charge_preemptible = preemptible;
		sched_core(sim, rq, true);
		if (rq->curr != p) {
			task_yield_to_engine(sim, p);
			return;		/* the work was done while we were away */
		}
		ns = p->charge_left;
		p->charge_left = 0;
	}
	if (!ns)
		return;
	end = sim->now + ns;
	if (end < sim_next_event_time(sim)) {
		sim->now = end;
		sim->nr_inline_charges++;
		return;
	}
	p->charge_left = ns;
	p->charge_preemptible = preemptible;
	event_schedule(sim, &rq->run_ev, end);
	task_yield_to_engine(sim, p);
}

void cpu_charge(struct mmsim *sim, uint64_t ns)
{
	charge(sim, ns, false);
}

void cpu_charge_user(struct mmsim *sim, uint64_t ns)
{
	charge(sim, ns, true);
}

void schedule(struct mmsim *sim)
{
	struct task_struct *p = sim->current;
	struct rq *rq;

	MM_BUG_ON(!p);
	/* sched_submit_work(): a task going to sleep issues its plugged I/O first */
	if (p->plug && p->state != TASK_RUNNING)
		blk_flush_plug(p->plug, true);
	if (p->charge_debt) {
		/* Pay for the wakeups done on the way here; may be preempted. */
		uint64_t debt = p->charge_debt;
		unsigned int state = p->state;

		p->charge_debt = 0;
		charge(sim, debt, false);
		/* A wakeup while paying set us running: nothing to sleep for. */
		if (p->state != state)
			return;
	}
	rq = task_rq(p);
	sched_core(sim, rq, false);
	if (p->state == TASK_DEAD)
		task_exit_switch(sim, p);
	if (rq->curr != p)
		task_yield_to_engine(sim, p);
}

void cond_resched(struct mmsim *sim)
{
	struct task_struct *p = sim->current;
	struct rq *rq = task_rq(p);

	if (!rq->need_resched)
		return;
	sched_core(sim, rq, true);
	if (rq->curr != p)
		task_yield_to_engine(sim, p);
}

/* ======================================================================
 * Wakeups
 * ====================================================================== */

/* idle_cpu(): nr_running counts a running task, so 0 means idle and nothing queued. */
static bool cpu_idle(struct mmsim *sim, unsigned int cpu)
{
	return cpu_rq(sim, cpu)->nr_running == 0;
}

static unsigned int first_allowed(struct mmsim *sim, const struct task_struct *p)
{
	for (unsigned int c = 0; c < sim->nr_cpus; c++)
		if (task_allowed_on(p, c))
			return c;
	MM_BUG();
	return 0;
}

/* select_task_rq() for wakeups, see the file header. */
static unsigned int select_task_rq(struct mmsim *sim, const struct task_struct *p)
{
	unsigned int prev = p->cpu;

	if (task_allowed_on(p, prev) && cpu_idle(sim, prev))
		return prev;
	for (unsigned int i = 1; i < sim->nr_cpus; i++) {
		unsigned int c = (prev + i) % sim->nr_cpus;

		if (task_allowed_on(p, c) && cpu_idle(sim, c))
			return c;
	}
	return task_allowed_on(p, prev) ? prev : first_allowed(sim, p);
}

/* The CPU and task a wakeup is done from: the running task, or an interrupt. */
static void waker_context(struct mmsim *sim, const struct task_struct *p,
			  unsigned int *cpu, const struct task_struct **ctx)
{
	if (sim->current) {
		*cpu = sim->current->cpu;
		*ctx = sim->current;
	} else {
		/* Timers fire on the CPU the sleeper last ran on. */
		*cpu = p->cpu;
		*ctx = cpu_rq(sim, p->cpu)->curr;
	}
}

/* check_preempt_wakeup() */
static void check_preempt_wakeup(struct mmsim *sim, struct rq *rq, struct task_struct *p)
{
	struct task_struct *curr = rq->curr;

	if (curr->is_idle) {
		resched_curr(sim, rq);
		return;
	}
	if (rq->need_resched)
		return;
	update_curr(sim, rq);
	if (wakeup_preempt_entity(sim, curr, p) == 1) {
		rq->next_buddy = p;
		resched_curr(sim, rq);
		if (rq->nr_running >= sim->sched.nr_latency)
			rq->last_buddy = curr;
	}
}

bool try_to_wake_up(struct task_struct *p, unsigned int state)
{
	struct mmsim *sim = p->sim;
	const struct task_struct *ctx;
	unsigned int wcpu, cpu;
	struct rq *rq;

	if (!(p->state & state))
		return false;
	waker_context(sim, p, &wcpu, &ctx);
	trace_sched_wake(sim, TRACE_SCHED_WAKING, wcpu, ctx, p, p->cpu);
	if (sim->current)
		sim->current->charge_debt += sim_cost(sim, MMSIM_COST_WAKEUP);
	p->state = TASK_RUNNING;
	p->stats->nr_wakeups++;
	if (p->on_rq) {
		/* ttwu_runnable(): it had not yet gone to sleep. */
		trace_sched_wake(sim, TRACE_SCHED_WAKEUP, wcpu, ctx, p, p->cpu);
		return true;
	}
	p->stats->sleep_time += sim->now - p->sleep_start;
	if (p->in_iowait)
		p->stats->iowait_time += sim->now - p->sleep_start;
	cpu = select_task_rq(sim, p);
	if (cpu != p->cpu)
		set_task_cpu(sim, p, cpu, wcpu, ctx);
	rq = cpu_rq(sim, cpu);
	update_curr(sim, rq);
	place_entity(sim, rq, p, false);
	p->last_queued = sim->now;
	enqueue_task(sim, rq, p);
	p->wakeup_pending = true;
	trace_sched_wake(sim, TRACE_SCHED_WAKEUP, wcpu, ctx, p, cpu);
	check_preempt_wakeup(sim, rq, p);
	return true;
}

bool wake_up_process(struct task_struct *p)
{
	return try_to_wake_up(p, TASK_NORMAL);
}

void wake_up_new_task(struct task_struct *p)
{
	struct mmsim *sim = p->sim;
	const struct task_struct *parent;
	unsigned int start = sim->current ? sim->current->cpu : 0;
	unsigned int best = UINT32_MAX;
	struct rq *rq;

	/* find_idlest_cpu(), simplified: an idle CPU, else the least loaded. */
	for (unsigned int i = 0; i < sim->nr_cpus; i++) {
		unsigned int c = (start + i) % sim->nr_cpus;

		if (!task_allowed_on(p, c))
			continue;
		if (cpu_idle(sim, c)) {
			best = c;
			break;
		}
		if (best == UINT32_MAX || cpu_rq(sim, c)->nr_running < cpu_rq(sim, best)->nr_running)
			best = c;
	}
	MM_BUG_ON(best == UINT32_MAX);
	p->cpu = best;
	rq = cpu_rq(sim, best);
	/* Tasks the engine starts (jobs) are forked from CPU 0's idle task. */
	parent = sim->current ? sim->current : &cpu_rq(sim, start)->idle;
	trace_sched_process_fork(sim, start, parent, p);
	update_curr(sim, rq);
	p->state = TASK_RUNNING;
	place_entity(sim, rq, p, true);
	p->last_queued = sim->now;
	enqueue_task(sim, rq, p);
	p->wakeup_pending = true;
	trace_sched_wake(sim, TRACE_SCHED_WAKEUP_NEW, start, parent, p, best);
	check_preempt_wakeup(sim, rq, p);
}

/* ======================================================================
 * Setup and teardown
 * ====================================================================== */

static void idle_task_init(struct mmsim *sim, struct rq *rq)
{
	struct task_struct *idle = &rq->idle;

	memset(idle, 0, sizeof(*idle));
	idle->sim = sim;
	idle->pid = 0;
	idle->tgid = 0;
	snprintf(idle->comm, sizeof(idle->comm), "swapper/%u", rq->cpu);
	idle->is_idle = true;
	idle->on_cpu = true;
	idle->cpu = rq->cpu;
	idle->weight = NICE_0_LOAD;
	idle->stats = &sim->kthread_stats;
	heap_node_init(&idle->run_node);
	INIT_LIST_HEAD(&idle->tasks);
}

int sched_init(struct mmsim *sim, unsigned int nr_cpus)
{
	sim->rqs = calloc(nr_cpus, sizeof(*sim->rqs));
	if (!sim->rqs)
		return -ENOMEM;
	sim->nr_cpus = nr_cpus;
	for (unsigned int cpu = 0; cpu < nr_cpus; cpu++) {
		struct rq *rq = &sim->rqs[cpu];

		rq->cpu = cpu;
		heap_init(&rq->cfs);
		idle_task_init(sim, rq);
		rq->curr = &rq->idle;
		event_init(&rq->run_ev, run_event);
		event_init(&rq->tick_ev, tick_event);
	}
	return 0;
}

void sched_finish(struct mmsim *sim)
{
	for (unsigned int cpu = 0; cpu < sim->nr_cpus; cpu++) {
		struct rq *rq = cpu_rq(sim, cpu);

		update_curr(sim, rq);
		if (rq->curr->is_idle) {
			rq->idle_time += sim->now - rq->idle_start;
			rq->idle_start = sim->now;
		}
	}
	/* Close the open waiting and sleeping intervals so the totals add up. */
	for (struct list_head *pos = sim->tasks.next; pos != &sim->tasks; pos = pos->next) {
		struct task_struct *p = list_entry(pos, struct task_struct, tasks);

		if (p->on_cpu)
			continue;
		if (p->on_rq) {
			p->stats->run_delay += sim->now - p->last_queued;
			p->last_queued = sim->now;
		} else if (p->state != TASK_DEAD) {
			p->stats->sleep_time += sim->now - p->sleep_start;
			p->sleep_start = sim->now;
		}
	}
}

void sched_release(struct mmsim *sim)
{
	for (unsigned int cpu = 0; cpu < sim->nr_cpus; cpu++)
		heap_release(&sim->rqs[cpu].cfs);
	free(sim->rqs);
	sim->rqs = NULL;
}

bool sched_check_invariants(struct mmsim *sim)
{
	bool ok = true;

	for (unsigned int cpu = 0; cpu < sim->nr_cpus; cpu++) {
		struct rq *rq = cpu_rq(sim, cpu);
		unsigned int nr = rq->cfs.nr + !rq->curr->is_idle;
		unsigned long load = rq->curr->is_idle ? 0 : rq->curr->weight;

		for (uint32_t i = 0; i < rq->cfs.nr; i++) {
			struct task_struct *p = container_of(rq->cfs.slots[i].node,
							     struct task_struct, run_node);

			load += p->weight;
			if (!p->on_rq || p->on_cpu || p->cpu != cpu || p->state != TASK_RUNNING) {
				fprintf(stderr, "mmsim: cpu %u: queued task %d in a bad state\n",
					cpu, p->pid);
				ok = false;
			}
		}
		if (!heap_check(&rq->cfs) || nr != rq->nr_running || load != rq->load) {
			fprintf(stderr, "mmsim: cpu %u: nr_running %u (counted %u), load %lu (counted %lu)\n",
				cpu, rq->nr_running, nr, rq->load, load);
			ok = false;
		}
		if (heap_node_queued(&rq->curr->run_node)) {
			fprintf(stderr, "mmsim: cpu %u: curr %d is queued\n", cpu, rq->curr->pid);
			ok = false;
		}
	}
	return ok;
}
