// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_wait.c - wait queues, timeouts, hrtimers and mutexes
 *
 * Kernel-style task bodies run on a 2-CPU machine with every cost 0, so
 * the virtual times asserted follow from the timer and wakeup rules only.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "lib/hist.h"
#include "mmsim/sim.h"
#include "sim/sim.h"
#include "sim/wait.h"

static struct mmsim *sim;
static struct task_stats stats;

static void setup(void)
{
	struct mmsim_config *cfg = malloc(sizeof(*cfg));

	cr_assert(cfg != NULL);
	mmsim_config_init(cfg);
	cfg->nr_cpus = 2;
	cfg->runtime_ns = 10 * NSEC_PER_SEC;
	for (int i = 0; i < NR_MMSIM_COSTS; i++)
		cfg->cost[i] = 0;
	sim = sim_create(cfg);
	free(cfg);
	cr_assert(sim != NULL);
	memset(&stats, 0, sizeof(stats));
	stats.wakeup_latency = lat_hist_create();
}

static void teardown(void)
{
	cr_assert(mmsim_check(sim));
	mmsim_free(sim);
	lat_hist_free(stats.wakeup_latency);
}

TestSuite(wait, .init = setup, .fini = teardown);

static struct task_struct *spawn(const char *comm, void (*fn)(struct task_struct *, void *),
				 void *arg)
{
	struct task_create_args args = {
		.comm = comm, .fn = fn, .arg = arg, .stats = &stats,
	};
	struct task_struct *p = task_create(sim, &args);

	cr_assert(p != NULL);
	return p;
}

struct probe {
	long ret;
	uint64_t at;
	struct wait_queue_head wq;
	bool cond;
	int order[8];
	int nr;
};

/* calc_wheel_index(): level 0 rounds up by one jiffy, level 1 to 8 jiffies. */
Test(wait, timer_wheel_rounding)
{
	cr_assert(eq(u64, timer_wheel_expiry(0, 1), 2));
	cr_assert(eq(u64, timer_wheel_expiry(0, 62), 63));
	cr_assert(eq(u64, timer_wheel_expiry(0, 63), 64));	/* level 1 */
	cr_assert(eq(u64, timer_wheel_expiry(0, 100), 104));
	cr_assert(eq(u64, timer_wheel_expiry(5, 105), 112));
	cr_assert(eq(u64, timer_wheel_expiry(0, 504), 512));	/* level 2: 64 jiffies */
	cr_assert(eq(u64, timer_wheel_expiry(10, 9), 10), "already expired: fire now");
}

static void sleep_hz10(struct task_struct *p, void *arg)
{
	struct probe *pr = arg;

	cpu_charge(p->sim, 300000);		/* 0.3 ms: jiffies is 0 */
	pr->ret = schedule_timeout_uninterruptible(p->sim, HZ / 10);
	pr->at = p->sim->now;
}

/* HZ/10 from 0.3 ms: expires at jiffy 100, level-1 bucket 104: 104 ms, 0 left. */
Test(wait, schedule_timeout_fires_on_wheel_bucket)
{
	struct probe pr = { 0 };

	spawn("sleeper", sleep_hz10, &pr);
	mmsim_run(sim);
	cr_assert(eq(u64, pr.at, 104 * NSEC_PER_MSEC));
	cr_assert(eq(i64, pr.ret, 0));
}

static void one_jiffy(struct task_struct *p, void *arg)
{
	struct probe *pr = arg;

	cpu_charge(p->sim, 999999);
	pr->ret = schedule_timeout_interruptible(p->sim, 1);
	pr->at = p->sim->now;
}

/* A 1-jiffy timeout armed just before the 1 ms tick still sleeps past it: 2 ms. */
Test(wait, one_jiffy_timeout_is_never_early)
{
	struct probe pr = { 0 };

	spawn("sleeper", one_jiffy, &pr);
	mmsim_run(sim);
	cr_assert(eq(u64, pr.at, 2 * NSEC_PER_MSEC));
}

static void waiter(struct task_struct *p, void *arg)
{
	struct probe *pr = arg;

	pr->ret = wait_event_timeout(&pr->wq, pr->cond, HZ / 10);
	pr->at = p->sim->now;
}

static void waker_at_50ms(struct task_struct *p, void *arg)
{
	struct probe *pr = arg;

	p->state = TASK_INTERRUPTIBLE;
	schedule_hrtimeout_range(p->sim, 50 * NSEC_PER_MSEC, 0);
	pr->cond = true;
	wake_up(&pr->wq);
}

/* Woken at 50 ms with the condition true: 100 - 50 = 50 jiffies left. */
Test(wait, wait_event_timeout_returns_jiffies_left)
{
	struct probe pr = { 0 };

	init_waitqueue_head(sim, &pr.wq);
	spawn("waiter", waiter, &pr);
	spawn("waker", waker_at_50ms, &pr);
	mmsim_run(sim);
	cr_assert(eq(i64, pr.ret, 50));
	cr_assert(eq(u64, pr.at, 50 * NSEC_PER_MSEC));
}

/* Nobody sets the condition: 0 at the wheel bucket (104 ms). */
Test(wait, wait_event_timeout_times_out_with_zero)
{
	struct probe pr = { 0 };

	init_waitqueue_head(sim, &pr.wq);
	spawn("waiter", waiter, &pr);
	mmsim_run(sim);
	cr_assert(eq(i64, pr.ret, 0));
	cr_assert(eq(u64, pr.at, 104 * NSEC_PER_MSEC));
}

static void spurious_then_true(struct task_struct *p, void *arg)
{
	struct probe *pr = arg;

	p->state = TASK_INTERRUPTIBLE;
	schedule_hrtimeout_range(p->sim, 10 * NSEC_PER_MSEC, 0);
	wake_up(&pr->wq);		/* condition still false: waiter sleeps again */
	p->state = TASK_INTERRUPTIBLE;
	schedule_hrtimeout_range(p->sim, 10 * NSEC_PER_MSEC, 0);
	pr->cond = true;
	wake_up(&pr->wq);
}

/* A wakeup with the condition false does not end the wait. */
Test(wait, spurious_wakeup_keeps_waiting)
{
	struct probe pr = { 0 };

	init_waitqueue_head(sim, &pr.wq);
	spawn("waiter", waiter, &pr);
	spawn("waker", spurious_then_true, &pr);
	mmsim_run(sim);
	cr_assert(eq(u64, pr.at, 20 * NSEC_PER_MSEC));
	cr_assert(eq(i64, pr.ret, 80));
}

struct excl {
	struct wait_queue_head wq;
	int tokens;
	int woke[4];
	int nr;
};

static void excl_waiter(struct task_struct *p, void *arg)
{
	struct excl *e = arg;

	wait_event_interruptible_exclusive(&e->wq, e->tokens > 0);
	e->tokens--;
	e->woke[e->nr++] = p->pid;
}

static void excl_waker(struct task_struct *p, void *arg)
{
	struct excl *e = arg;

	p->state = TASK_INTERRUPTIBLE;
	schedule_hrtimeout_range(p->sim, NSEC_PER_MSEC, 0);
	e->tokens = 1;
	cr_assert(eq(int, wake_up(&e->wq), 1), "one exclusive waiter per wake_up");
	p->state = TASK_INTERRUPTIBLE;
	schedule_hrtimeout_range(p->sim, NSEC_PER_MSEC, 0);
	cr_assert(eq(int, e->nr, 1));
	e->tokens = 2;
	cr_assert(eq(int, wake_up_all(&e->wq), 2));
}

/* Exclusive waiters are woken one per wake_up(), first come first served. */
Test(wait, exclusive_waiters_wake_one_at_a_time)
{
	struct excl e = { 0 };

	init_waitqueue_head(sim, &e.wq);
	spawn("w", excl_waiter, &e);
	spawn("w", excl_waiter, &e);
	spawn("w", excl_waiter, &e);
	spawn("waker", excl_waker, &e);
	mmsim_run(sim);
	cr_assert(eq(int, e.nr, 3));
	cr_assert(eq(int, e.woke[0], TASK_FIRST_PID));
}

struct locktest {
	struct mutex lock;
	int inside;
	int max_inside;
	int done;
};

static void locker(struct task_struct *p, void *arg)
{
	struct locktest *t = arg;

	for (int i = 0; i < 5; i++) {
		mutex_lock(&t->lock);
		t->inside++;
		if (t->inside > t->max_inside)
			t->max_inside = t->inside;
		cpu_charge(p->sim, 100000);	/* hold it across a suspension */
		t->inside--;
		mutex_unlock(&t->lock);
		cpu_charge(p->sim, 10000);
	}
	t->done++;
}

/* Mutual exclusion holds across suspensions, and every locker finishes. */
Test(wait, mutex_excludes_and_makes_progress)
{
	struct locktest t = { 0 };

	mutex_init(sim, &t.lock);
	for (int i = 0; i < 4; i++)
		spawn("locker", locker, &t);
	mmsim_run(sim);
	cr_assert(eq(int, t.done, 4));
	cr_assert(eq(int, t.max_inside, 1));
	cr_assert(t.lock.nr_contended > 0);
}

static void io_sleeper(struct task_struct *p, void *arg)
{
	struct probe *pr = arg;

	p->state = TASK_UNINTERRUPTIBLE;
	pr->ret = io_schedule_timeout(p->sim, 5);
	pr->at = p->sim->now;
}

/* io_schedule_timeout sleeps in D and is accounted as iowait. */
Test(wait, io_schedule_timeout_counts_iowait)
{
	struct probe pr = { 0 };

	spawn("io", io_sleeper, &pr);
	mmsim_run(sim);
	cr_assert(eq(u64, pr.at, 6 * NSEC_PER_MSEC));
	cr_assert(eq(u64, stats.iowait_time, 6 * NSEC_PER_MSEC));
	cr_assert(eq(u64, stats.sleep_time, 6 * NSEC_PER_MSEC));
}

struct preempt_probe {
	uint64_t woke_running_at;
};

static void kernel_worker(struct task_struct *p, void *arg)
{
	(void)arg;
	cpu_charge(p->sim, 10 * NSEC_PER_MSEC);		/* 10 ms of kernel work */
}

static void waking_sleeper(struct task_struct *p, void *arg)
{
	struct preempt_probe *pr = arg;

	p->state = TASK_INTERRUPTIBLE;
	schedule_hrtimeout_range(p->sim, NSEC_PER_MSEC, 0);
	pr->woke_running_at = p->sim->now;
}

/* Rebuild the fixture's simulation with one CPU and the given preemption model. */
static void one_cpu_sim(enum mmsim_preempt_model model)
{
	struct mmsim_config *cfg = malloc(sizeof(*cfg));

	mmsim_free(sim);
	mmsim_config_init(cfg);
	cfg->nr_cpus = 1;
	cfg->preempt = model;
	for (int i = 0; i < NR_MMSIM_COSTS; i++)
		cfg->cost[i] = 0;
	sim = sim_create(cfg);
	free(cfg);
	cr_assert(sim != NULL);
}

/*
 * The sleeper wakes at 1 ms with more vruntime than the worker (it was
 * created first, with a whole slice of START_DEBIT), so it does not
 * preempt on wakeup; the tick does, once the worker has used up its 3 ms
 * slice: at the 4 ms tick.  preempt=voluntary: the worker's 10 ms of
 * kernel work cannot be interrupted, so the sleeper runs at 10 ms;
 * preempt=full: at 4 ms.
 */
Test(wait, voluntary_preemption_waits_for_kernel_work)
{
	struct preempt_probe pr = { 0 };

	one_cpu_sim(MMSIM_PREEMPT_VOLUNTARY);
	spawn("sleeper", waking_sleeper, &pr);
	spawn("kworker", kernel_worker, NULL);
	mmsim_run(sim);
	cr_assert(eq(u64, pr.woke_running_at, 10 * NSEC_PER_MSEC));
}

Test(wait, full_preemption_interrupts_kernel_work)
{
	struct preempt_probe pr = { 0 };

	one_cpu_sim(MMSIM_PREEMPT_FULL);
	spawn("sleeper", waking_sleeper, &pr);
	spawn("kworker", kernel_worker, NULL);
	mmsim_run(sim);
	cr_assert(eq(u64, pr.woke_running_at, 4 * NSEC_PER_MSEC));
}
