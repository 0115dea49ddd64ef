// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim/wait.c - wait queues, timeouts and mutexes (see wait.h)
 *
 * Models kernel/sched/wait.c (__wake_up_common: non-exclusive waiters at
 * the head, exclusive ones at the tail, stop after nr_exclusive exclusive
 * wakeups), kernel/time/timer.c (schedule_timeout, calc_wheel_index with
 * LVL_CLK_SHIFT 3, LVL_BITS 6, LVL_DEPTH 9 as for HZ=1000) and
 * kernel/time/hrtimer.c (schedule_hrtimeout_range).  Timers are events on
 * the simulation's queue rather than per-CPU wheels, so a timer does not
 * coalesce with others and is never delayed by interrupts being off.
 */
#include "sim/wait.h"

#include <errno.h>

#include "lib/compiler.h"

/* Timer wheel geometry for HZ > 100 (kernel/time/timer.c). */
#define LVL_CLK_SHIFT	3
#define LVL_BITS	6
#define LVL_SIZE	(1ULL << LVL_BITS)
#define LVL_DEPTH	9
#define LVL_SHIFT(n)	((n) * LVL_CLK_SHIFT)
#define LVL_START(n)	((LVL_SIZE - 1) << (((n) - 1) * LVL_CLK_SHIFT))
#define WHEEL_TIMEOUT_CUTOFF	(LVL_START(LVL_DEPTH))
#define WHEEL_TIMEOUT_MAX	(WHEEL_TIMEOUT_CUTOFF - (1ULL << LVL_SHIFT(LVL_DEPTH - 1)))

uint64_t timer_wheel_expiry(uint64_t clk, uint64_t expires)
{
	uint64_t delta = expires - clk;
	unsigned int lvl;

	if ((int64_t)delta < 0)
		return clk;
	if (delta >= WHEEL_TIMEOUT_CUTOFF) {
		expires = clk + WHEEL_TIMEOUT_MAX;
		lvl = LVL_DEPTH - 1;
	} else {
		for (lvl = 0; lvl < LVL_DEPTH - 1; lvl++)
			if (delta < LVL_START(lvl + 1))
				break;
	}
	/* Round up to the level's granularity so the timer is never early. */
	return ((expires >> LVL_SHIFT(lvl)) + 1) << LVL_SHIFT(lvl);
}

void init_waitqueue_head(struct mmsim *sim, struct wait_queue_head *wq_head)
{
	wq_head->sim = sim;
	INIT_LIST_HEAD(&wq_head->head);
}

static int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode)
{
	int ret = try_to_wake_up(wq_entry->private, mode);

	if (ret)
		list_del_init(&wq_entry->entry);
	return ret;
}

void init_wait_entry(struct wait_queue_entry *wq_entry, struct task_struct *p, unsigned int flags)
{
	MM_BUG_ON(!p);
	wq_entry->flags = flags;
	wq_entry->private = p;
	wq_entry->func = autoremove_wake_function;
	INIT_LIST_HEAD(&wq_entry->entry);
}

void prepare_to_wait_event(struct wait_queue_head *wq_head,
			   struct wait_queue_entry *wq_entry, unsigned int state)
{
	if (list_empty(&wq_entry->entry)) {
		if (wq_entry->flags & WQ_FLAG_EXCLUSIVE)
			list_add_tail(&wq_entry->entry, &wq_head->head);
		else
			list_add(&wq_entry->entry, &wq_head->head);
	}
	wq_entry->private->state = state;
}

void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	(void)wq_head;
	wq_entry->private->state = TASK_RUNNING;
	if (!list_empty(&wq_entry->entry))
		list_del_init(&wq_entry->entry);
}

int wake_up_nr(struct wait_queue_head *wq_head, unsigned int mode, int nr_exclusive)
{
	struct list_head *pos, *n;
	int woken = 0;

	list_for_each_safe(pos, n, &wq_head->head) {
		struct wait_queue_entry *curr = list_entry(pos, struct wait_queue_entry, entry);
		unsigned int flags = curr->flags;
		int ret = curr->func(curr, mode);

		woken += ret > 0;
		if (ret && (flags & WQ_FLAG_EXCLUSIVE) && !--nr_exclusive)
			break;
	}
	return woken;
}

static void process_timeout(struct mmsim *sim, struct sim_event *ev)
{
	(void)sim;
	wake_up_process(container_of(ev, struct task_struct, timer));
}

long schedule_timeout(struct mmsim *sim, long timeout)
{
	struct task_struct *p = sim->current;
	uint64_t expire, when;
	long left;

	MM_BUG_ON(!p);
	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule(sim);
		return timeout;
	}
	if (MM_WARN_ON(timeout < 0)) {
		p->state = TASK_RUNNING;
		return 0;
	}
	expire = jiffies(sim) + (uint64_t)timeout;
	when = timer_wheel_expiry(jiffies(sim), expire) * TICK_NSEC;
	event_init(&p->timer, process_timeout);
	event_schedule(sim, &p->timer, when);
	schedule(sim);
	event_cancel(sim, &p->timer);
	left = (long)(expire - jiffies(sim));
	return left < 0 ? 0 : left;
}

void task_sleep_timeout(struct task_struct *p, long timeout)
{
	struct mmsim *sim = p->sim;

	if (timeout == MAX_SCHEDULE_TIMEOUT)
		return;
	event_init(&p->timer, process_timeout);
	event_schedule(sim, &p->timer,
		       timer_wheel_expiry(jiffies(sim), jiffies(sim) + (uint64_t)timeout) * TICK_NSEC);
}

long schedule_timeout_uninterruptible(struct mmsim *sim, long timeout)
{
	sim->current->state = TASK_UNINTERRUPTIBLE;
	return schedule_timeout(sim, timeout);
}

long schedule_timeout_interruptible(struct mmsim *sim, long timeout)
{
	sim->current->state = TASK_INTERRUPTIBLE;
	return schedule_timeout(sim, timeout);
}

long io_schedule_timeout(struct mmsim *sim, long timeout)
{
	struct task_struct *p = sim->current;
	long ret;

	p->in_iowait = true;
	ret = schedule_timeout(sim, timeout);
	p->in_iowait = false;
	return ret;
}

static void hrtimer_wakeup(struct mmsim *sim, struct sim_event *ev)
{
	struct task_struct *p = container_of(ev, struct task_struct, timer);

	(void)sim;
	p->timer_fired = true;
	wake_up_process(p);
}

int schedule_hrtimeout_range(struct mmsim *sim, uint64_t delta_ns, uint64_t slack_ns)
{
	struct task_struct *p = sim->current;

	MM_BUG_ON(!p);
	p->timer_fired = false;
	event_init(&p->timer, hrtimer_wakeup);
	event_schedule(sim, &p->timer, sim->now + delta_ns + slack_ns);
	schedule(sim);
	event_cancel(sim, &p->timer);
	return p->timer_fired ? 0 : -EINTR;
}

void mutex_init(struct mmsim *sim, struct mutex *lock)
{
	lock->owner = NULL;
	lock->nr_contended = 0;
	init_waitqueue_head(sim, &lock->wait);
}

bool mutex_trylock(struct mutex *lock)
{
	if (lock->owner)
		return false;
	lock->owner = lock->wait.sim->current;
	return true;
}

void mutex_lock(struct mutex *lock)
{
	struct mmsim *sim = lock->wait.sim;

	MM_BUG_ON(!sim->current || lock->owner == sim->current);
	if (mutex_trylock(lock))
		return;
	lock->nr_contended++;
	do {
		struct wait_queue_entry wq_entry;

		init_wait_entry(&wq_entry, sim->current, WQ_FLAG_EXCLUSIVE);
		prepare_to_wait_event(&lock->wait, &wq_entry, TASK_UNINTERRUPTIBLE);
		if (lock->owner)
			schedule(sim);
		finish_wait(&lock->wait, &wq_entry);
	} while (!mutex_trylock(lock));
}

void mutex_unlock(struct mutex *lock)
{
	MM_BUG_ON(lock->owner != lock->wait.sim->current);
	lock->owner = NULL;
	wake_up(&lock->wait);
}
