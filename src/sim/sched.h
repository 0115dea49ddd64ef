/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sim/sched.h - tasks, CPUs and the fair scheduler
 *
 * struct task_struct is a simulated thread: a coroutine plus the scheduler
 * state the kernel keeps in its task_struct and sched_entity.  struct rq is
 * one CPU's runqueue.  Kernel-style code running in a task calls
 * cpu_charge() to spend CPU time, schedule() and the wait primitives of
 * sim/wait.h to block; all of it reads as it does in the kernel.
 */
#ifndef MMSIM_SIM_SCHED_H
#define MMSIM_SIM_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/heap.h"
#include "lib/list.h"
#include "mmsim/config.h"
#include "sim/coro.h"
#include "sim/event.h"

struct mmsim;
struct blk_plug;

/* block/blk-core.c: issue what a plug holds (sched_submit_work() calls it) */
void blk_flush_plug(struct blk_plug *plug, bool from_schedule);
struct job;
struct mm_struct;

#define TASK_COMM_LEN		16
#define TASK_FIRST_PID		1000	/* pids are handed out from here, in creation order */
#define KTHREAD_FIRST_PID	30	/* kernel threads' pids (kcompactd0, ...) */
#define NICE_0_LOAD		1024

/* Task states as the kernel numbers them (include/linux/sched.h). */
#define TASK_RUNNING		0x0000
#define TASK_INTERRUPTIBLE	0x0001
#define TASK_UNINTERRUPTIBLE	0x0002
#define TASK_DEAD		0x0080	/* the kernel's EXIT_DEAD is 0x10; only the model reads this */
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

/* The prev_state values sched_switch reports (TASK_REPORT, kernel >= 4.14). */
#define TASK_REPORT_MAX		0x100	/* "R+": preempted */

/**
 * struct task_stats - what the report says about a group of tasks (a job)
 *
 * Shared by all threads of a job; each field is a sum over them.
 */
/* Why a task stalled in the kernel (the report's stall time by cause) */
enum mmsim_stall {
	MMSIM_STALL_RECLAIM,		/* direct reclaim, less its throttle sleeps */
	MMSIM_STALL_COMPACT,		/* direct compaction */
	MMSIM_STALL_THROTTLE,		/* reclaim_throttle(), congestion_wait(), msleep() */
	MMSIM_STALL_DIRTY,		/* balance_dirty_pages() pauses */
	NR_MMSIM_STALLS
};

struct task_stats {
	uint64_t sum_exec_runtime;	/* ns on a CPU */
	uint64_t run_delay;		/* ns runnable but waiting for a CPU */
	uint64_t sleep_time;		/* ns in S or D */
	uint64_t iowait_time;		/* part of sleep_time in io_schedule_timeout() */
	uint64_t nr_voluntary_switches;	/* blocked (nvcsw) */
	uint64_t nr_involuntary_switches; /* preempted (nivcsw) */
	uint64_t nr_wakeups;
	uint64_t nr_migrations;
	struct lat_hist *wakeup_latency; /* wakeup -> on CPU, ns */
	uint64_t stall_ns[NR_MMSIM_STALLS];
};

/*
 * Field order matters: the first cache line holds what a wakeup touches
 * (the timer's heap slot index is rewritten whenever the event heap
 * sifts past it), the second what a switch touches.  Tasks are allocated
 * cache-line aligned.
 */
/* task_struct.flags, the kernel's values */
#define PF_KTHREAD	0x00200000	/* a kernel thread: exempt from reclaim throttling */
#define PF_KSWAPD	0x00020000	/* kswapd: a kernel thread that reclaim throttles */

struct task_struct {
	/* cache line 0: wakeup */
	struct sim_event timer;		/* schedule_timeout() and hrtimer sleeps */
	unsigned int state;		/* TASK_RUNNING, TASK_INTERRUPTIBLE, ... */
	unsigned int cpu;		/* task_cpu() */
	struct heap_node run_node;	/* in rq->cfs while queued and not running */
	bool on_rq;			/* queued or running (the kernel's on_rq) */
	bool on_cpu;			/* it is some rq's curr */
	bool wakeup_pending;		/* woken, not yet run: latency sample due */
	bool in_iowait;			/* sleeping in io_schedule_timeout() (D) */
	unsigned long weight;		/* sched_prio_to_weight[nice + 20] */
	uint64_t vruntime;		/* CFS sched_entity */
	uint64_t last_queued;		/* when it last became runnable and not running */
	uint64_t sleep_start;		/* when it last blocked */

	/* cache line 1: switching and CPU accounting */
	struct task_stats *stats;	/* the job's counters, or the engine's own */
	const struct mmsim_cpumask *cpus_ptr;
	uint64_t exec_start;
	uint64_t sum_exec_runtime;
	uint64_t prev_sum_exec_runtime;
	uint64_t charge_left;		/* CPU work to do before its code continues */
	uint64_t charge_debt;		/* small costs (wakeups) paid at the next charge */
	struct mmsim *sim;

	/* the rest */
	struct coro coro;
	bool charge_preemptible;	/* the pending charge is user-mode work */
	bool timer_fired;
	bool is_idle;			/* a CPU's swapper task */
	unsigned int flags;		/* PF_* */
	unsigned int nr_dirtied;	/* pages dirtied since balance_dirty_pages() */
	unsigned int nr_dirtied_pause;	/* call balance_dirty_pages() at this many */
	int pid;
	int tgid;
	int nice;
	unsigned int nr_cpus_allowed;
	char comm[TASK_COMM_LEN];
	void (*fn)(struct task_struct *p, void *arg);
	void *arg;
	struct list_head tasks;		/* sim->tasks, in creation order */
	/* the process: address space and signals (kernel/signal.c, mm/oom_kill.c) */
	struct mm_struct *mm;		/* the address space it runs in; NULL: a kernel thread
					 * or a job without one */
	short oom_score_adj;		/* signal->oom_score_adj, -1000..1000 */
	unsigned short memcg_id;	/* the memory cgroup it runs in, 0 = the root */
	bool sigkill;			/* SIGKILL pending: fatal_signal_pending() */
	struct blk_plug *plug;		/* bios held back by blk_start_plug() */
	bool memdie;			/* TIF_MEMDIE: marked by the OOM killer */
};

/**
 * struct rq - one CPU's runqueue (the CFS part of the kernel's struct rq)
 *
 * curr is not in @cfs, as in the kernel where the running entity is taken
 * out of the rbtree.  @nr_running and @load count curr when it is a real
 * task.
 */
struct rq {
	unsigned int cpu;
	struct task_struct *curr;
	struct task_struct idle;	/* swapper/N, pid 0 */
	struct heap cfs;		/* queued tasks by vruntime */
	unsigned int nr_running;
	unsigned long load;
	uint64_t min_vruntime;
	bool need_resched;
	struct task_struct *next_buddy;	/* wakee that preempted: run it next */
	struct task_struct *last_buddy;	/* task it preempted: run it after */
	struct sim_event run_ev;	/* curr's pending CPU work completes */
	struct sim_event tick_ev;	/* scheduler tick while nr_running > 1 */
	/* counters */
	uint64_t nr_switches;
	uint64_t idle_time;
	uint64_t idle_start;
};

/* ---- sched/core.c and fair.c equivalents (src/sim/sched.c) ---- */

/**
 * sched_init - set up @nr_cpus runqueues with their idle tasks
 *
 * Return: 0 or -ENOMEM.
 */
int sched_init(struct mmsim *sim, unsigned int nr_cpus);

/** sched_release - free the runqueues; tasks must already be gone */
void sched_release(struct mmsim *sim);

/** sched_finish - account every CPU's current task up to now, at the end of a run */
void sched_finish(struct mmsim *sim);

/**
 * wake_up_new_task - make a freshly created task runnable
 * @p: the new task, not yet on any runqueue
 *
 * Places it on the least loaded allowed CPU (an idle one first), with the
 * START_DEBIT vruntime, and emits sched_wakeup_new.
 */
void wake_up_new_task(struct task_struct *p);

/**
 * try_to_wake_up - wake @p if its state matches @state
 * @p: task
 * @state: TASK_NORMAL, TASK_INTERRUPTIBLE, ...
 *
 * Chooses a CPU (prev if idle, else an idle allowed CPU, else prev),
 * enqueues @p and checks whether it preempts that CPU's current task.
 * Emits sched_waking, sched_migrate_task when the CPU changes, and
 * sched_wakeup.
 *
 * Return: true if @p was woken.
 */
bool try_to_wake_up(struct task_struct *p, unsigned int state);

/** wake_up_process - try_to_wake_up(@p, TASK_NORMAL) */
bool wake_up_process(struct task_struct *p);

/**
 * schedule - give up the CPU (called by the running task)
 *
 * If the task set a sleeping state it is dequeued and sleeps until woken;
 * if it is still TASK_RUNNING it stays queued and runs again when picked.
 */
void schedule(struct mmsim *sim);

/** cond_resched - reschedule if the current task's CPU needs it */
void cond_resched(struct mmsim *sim);

/**
 * cpu_charge - spend @ns of CPU time in kernel mode on the current task
 *
 * Virtual time moves on by @ns of this task's CPU time; if the task is
 * preempted (or the CPU is shared) it takes longer in wall time.  Kernel
 * work is not preempted mid-way unless the machine runs preempt=full.
 */
void cpu_charge(struct mmsim *sim, uint64_t ns);

/** cpu_charge_user - like cpu_charge() for user-mode work: preemptible at any point */
void cpu_charge_user(struct mmsim *sim, uint64_t ns);

/** current_task - the task whose code is executing, or NULL in the engine */
struct task_struct *current_task(const struct mmsim *sim);

/** task_rq - the runqueue of @p's CPU */
struct rq *task_rq(struct task_struct *p);

/** cpu_rq - runqueue of CPU @cpu */
struct rq *cpu_rq(struct mmsim *sim, unsigned int cpu);

/** sched_check_invariants - verify runqueue accounting; false (and a message) if broken */
bool sched_check_invariants(struct mmsim *sim);

/* ---- task lifetime (src/sim/task.c) ---- */

/**
 * struct task_create_args - what a new task is
 * @comm: its name (truncated to 15 characters as the kernel does)
 * @tgid: thread group, 0 = its own pid
 * @nice: -20..19
 * @cpus: allowed CPUs, or NULL for all; must outlive the task
 * @fn: its body; the task exits when @fn returns
 * @arg: passed to @fn
 * @stats: counters to add to, or NULL for the engine's kernel-thread counters
 * @asleep: a kernel thread that went to sleep at boot: created in state S
 *          on its first allowed CPU, not queued, no fork traced or counted;
 *          its body starts when something wakes it (wake_up_process())
 */
struct task_create_args {
	const char *comm;
	int tgid;
	int nice;
	const struct mmsim_cpumask *cpus;
	void (*fn)(struct task_struct *p, void *arg);
	void *arg;
	struct task_stats *stats;
	bool asleep;
};

/**
 * task_create - make a task and wake it up (clone + wake_up_new_task)
 * @sim: simulation
 * @args: description
 *
 * Return: the task, or NULL on -ENOMEM (no stack).
 */
struct task_struct *task_create(struct mmsim *sim, const struct task_create_args *args);

/**
 * task_exit_switch - the final switch of an exiting task (from schedule())
 *
 * Never returns; the engine frees the task's stack and memory.
 */
void task_exit_switch(struct mmsim *sim, struct task_struct *p) __attribute__((noreturn));

/** task_free_all - free every task (at the end of a simulation) */
void task_free_all(struct mmsim *sim);

/**
 * fatal_signal_pending - @p has a SIGKILL pending
 *
 * The task must stop what it does at its next return point (a fault or an
 * allocation returning, the end of a loop) and exit, as a task returning
 * to user mode with a fatal signal does.
 */
static inline bool fatal_signal_pending(const struct task_struct *p)
{
	return p->sigkill;
}

/**
 * do_send_sigkill - SIGKILL to every thread of @p's thread group
 *
 * do_send_sig_info(SIGKILL, SEND_SIG_PRIV, @p, PIDTYPE_TGID): each thread
 * gets the signal pending, and one sleeping interruptibly is woken
 * (signal_wake_up()); one in TASK_UNINTERRUPTIBLE sees it when its wait
 * ends.  A thread already dead is left alone.
 */
void do_send_sigkill(struct task_struct *p);

/* nice -> load weight, as sched_prio_to_weight[] */
unsigned long nice_to_weight(int nice);

#endif /* MMSIM_SIM_SCHED_H */
