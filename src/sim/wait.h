/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sim/wait.h - sleeping and waking: wait queues, timeouts, hrtimer sleeps, mutexes
 *
 * The kernel's API with the kernel's semantics (include/linux/wait.h,
 * kernel/sched/wait.c, kernel/time/timer.c, kernel/locking/mutex.c), for
 * code running in a simulated task.  The queue head remembers its
 * simulation, which stands in for the kernel's implicit `current`.
 *
 * Timer wheel: schedule_timeout() expires on the tick the kernel's timer
 * wheel would (calc_wheel_index(): level granularity 8^n jiffies, rounded
 * up so a timer never fires early), so a 1-jiffy timeout sleeps 1-2 ticks
 * and HZ/10 sleeps 100-108 ms, as on a real kernel.  hrtimer sleeps expire
 * at their hard deadline (soft expiry + the task's timer slack).
 */
#ifndef MMSIM_SIM_WAIT_H
#define MMSIM_SIM_WAIT_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/list.h"
#include "sim/sched.h"
#include "sim/sim.h"

#define WQ_FLAG_EXCLUSIVE	0x01

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry, unsigned int mode);

struct wait_queue_entry {
	unsigned int flags;
	struct task_struct *private;
	wait_queue_func_t func;
	struct list_head entry;
};

struct wait_queue_head {
	struct mmsim *sim;
	struct list_head head;
};

/** init_waitqueue_head - make an empty queue for simulation @sim */
void init_waitqueue_head(struct mmsim *sim, struct wait_queue_head *wq_head);

/** waitqueue_active - true if anyone waits on @wq_head */
static inline bool waitqueue_active(const struct wait_queue_head *wq_head)
{
	return !list_empty(&wq_head->head);
}

/** init_wait_entry - an entry for the current task that removes itself when woken */
void init_wait_entry(struct wait_queue_entry *wq_entry, struct task_struct *p, unsigned int flags);

/**
 * prepare_to_wait_event - queue @wq_entry (if not queued) and set the task state
 * @wq_head: queue
 * @wq_entry: the current task's entry
 * @state: TASK_INTERRUPTIBLE or TASK_UNINTERRUPTIBLE
 */
void prepare_to_wait_event(struct wait_queue_head *wq_head,
			   struct wait_queue_entry *wq_entry, unsigned int state);

/** finish_wait - set the task running and unqueue @wq_entry if still queued */
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);

/**
 * wake_up_nr - wake every non-exclusive waiter and up to @nr_exclusive exclusive ones
 * @wq_head: queue
 * @mode: task states to wake (TASK_NORMAL, TASK_INTERRUPTIBLE)
 * @nr_exclusive: 0 = all
 *
 * Return: the number of tasks woken.
 */
int wake_up_nr(struct wait_queue_head *wq_head, unsigned int mode, int nr_exclusive);

#define wake_up(wq)			wake_up_nr((wq), TASK_NORMAL, 1)
#define wake_up_all(wq)			wake_up_nr((wq), TASK_NORMAL, 0)
#define wake_up_interruptible(wq)	wake_up_nr((wq), TASK_INTERRUPTIBLE, 1)

/**
 * schedule_timeout - sleep until woken or @timeout jiffies have passed
 * @sim: simulation
 * @timeout: jiffies, or MAX_SCHEDULE_TIMEOUT for no timer
 *
 * The caller sets the task state first, as in the kernel; with
 * TASK_RUNNING it returns at once.
 *
 * Return: the jiffies left (0 if the timer expired).
 */
long schedule_timeout(struct mmsim *sim, long timeout);

/** schedule_timeout_uninterruptible - set TASK_UNINTERRUPTIBLE, then schedule_timeout() */
long schedule_timeout_uninterruptible(struct mmsim *sim, long timeout);

/**
 * task_sleep_timeout - arm the timeout of a task created asleep (a kernel
 * thread that went to sleep at boot): it is woken after @timeout jiffies
 * unless something wakes it first; it cancels p->timer when it runs.
 */
void task_sleep_timeout(struct task_struct *p, long timeout);

/** schedule_timeout_interruptible - set TASK_INTERRUPTIBLE, then schedule_timeout() */
long schedule_timeout_interruptible(struct mmsim *sim, long timeout);

/**
 * io_schedule_timeout - schedule_timeout() counted as I/O wait
 *
 * The caller sets TASK_UNINTERRUPTIBLE (state D); the time is accounted as
 * iowait.
 */
long io_schedule_timeout(struct mmsim *sim, long timeout);

/**
 * schedule_hrtimeout_range - sleep on a high-resolution timer
 * @sim: simulation
 * @delta_ns: relative expiry
 * @slack_ns: allowed lateness; the timer fires at delta + slack
 *
 * The caller sets the task state first.
 *
 * Return: 0 if the timer expired, -EINTR if the task was woken earlier.
 */
int schedule_hrtimeout_range(struct mmsim *sim, uint64_t delta_ns, uint64_t slack_ns);

/**
 * timer_wheel_expiry - the jiffy a timer for @expires fires on
 * @clk: the timer base's clock (jiffies when armed)
 * @expires: requested expiry in jiffies
 *
 * Return: the bucket expiry of calc_wheel_index().
 */
uint64_t timer_wheel_expiry(uint64_t clk, uint64_t expires);

/*
 * wait_event_timeout - sleep (state D) until @condition or @timeout jiffies
 *
 * Returns 0 if the timeout elapsed with @condition false, else the jiffies
 * left (at least 1).  Evaluates @condition once per wakeup, as the kernel.
 */
#define wait_event_state_timeout(wq, condition, state, timeout, sched)		\
	__extension__ ({							\
		long wq_ret_ = (timeout);					\
		if (!(condition)) {						\
			struct wait_queue_entry wq_entry_;			\
			init_wait_entry(&wq_entry_, (wq)->sim->current, 0);	\
			for (;;) {						\
				prepare_to_wait_event((wq), &wq_entry_, (state)); \
				if (condition) {				\
					if (!wq_ret_)				\
						wq_ret_ = 1;			\
					break;					\
				}						\
				if (!wq_ret_)					\
					break;					\
				wq_ret_ = sched((wq)->sim, wq_ret_);		\
			}							\
			finish_wait((wq), &wq_entry_);				\
		}								\
		wq_ret_;							\
	})

#define wait_event_timeout(wq, condition, timeout) \
	wait_event_state_timeout(wq, condition, TASK_UNINTERRUPTIBLE, timeout, schedule_timeout)

#define wait_event_interruptible_timeout(wq, condition, timeout) \
	wait_event_state_timeout(wq, condition, TASK_INTERRUPTIBLE, timeout, schedule_timeout)

#define io_wait_event_timeout(wq, condition, timeout) \
	wait_event_state_timeout(wq, condition, TASK_UNINTERRUPTIBLE, timeout, io_schedule_timeout)

/* wait_event - sleep (state D) until @condition, no timeout. */
#define wait_event(wq, condition) \
	((void)wait_event_timeout(wq, condition, MAX_SCHEDULE_TIMEOUT))

/* wait_event_interruptible_exclusive - state S, woken one at a time (pipes). */
#define wait_event_interruptible_exclusive(wq, condition)			\
	__extension__ ({							\
		if (!(condition)) {						\
			struct wait_queue_entry wq_entry_;			\
			init_wait_entry(&wq_entry_, (wq)->sim->current,	\
					WQ_FLAG_EXCLUSIVE);			\
			for (;;) {						\
				prepare_to_wait_event((wq), &wq_entry_,		\
						      TASK_INTERRUPTIBLE);	\
				if (condition)					\
					break;					\
				schedule((wq)->sim);				\
			}							\
			finish_wait((wq), &wq_entry_);				\
		}								\
		0;								\
	})

/**
 * struct mutex - a sleeping lock (kernel/locking/mutex.c, simplified)
 *
 * No optimistic spinning and no hand-off: unlock wakes the first waiter,
 * which retries and may lose the lock to a task that is running.
 */
struct mutex {
	struct task_struct *owner;
	struct wait_queue_head wait;
	uint64_t nr_contended;
};

void mutex_init(struct mmsim *sim, struct mutex *lock);
void mutex_lock(struct mutex *lock);
bool mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);

#endif /* MMSIM_SIM_WAIT_H */
