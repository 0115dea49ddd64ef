// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim/task.c - task creation and exit (kernel/fork.c, kernel/exit.c)
 *
 * task_create() is clone() plus wake_up_new_task(): the task gets a pid, a
 * coroutine stack, and is queued on a CPU; its body runs when it is first
 * scheduled.  When the body returns the task exits: it lets go of its
 * address space (exit_mm()), then sched_process_exit, a final switch away
 * in state Z (group leader) or X (thread), and the engine frees its stack.
 * Pids are handed out in creation order from 1000 up, so traces do not
 * depend on anything but the scenario.
 *
 * Signals: only SIGKILL, from the OOM killer, to a whole thread group
 * (do_send_sigkill()).  It is a per-task pending flag; the task's code
 * checks fatal_signal_pending() at its return points and exits.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/compiler.h"
#include "mm/mm.h"
#include "sim/sched.h"
#include "sim/sim.h"
#include "trace/trace.h"

/* exit_mm(): the task stops using its address space; the last user may tear it down. */
static void exit_mm(struct task_struct *p)
{
	struct mm_struct *mm = p->mm;

	p->mm = NULL;
	mmput(mm);
}

static void do_exit(struct task_struct *p)
{
	struct mmsim *sim = p->sim;

	if (p->mm)
		exit_mm(p);
	if (p->charge_debt)
		cpu_charge(sim, 0);
	trace_sched_process_exit(sim, p->cpu, p, p->pid == p->tgid);
	sim->nr_tasks--;
	if (p->stats != &sim->kthread_stats && --sim->nr_user_tasks == 0 && !sim->nr_jobs_pending)
		sim_stop(sim);
	p->state = TASK_DEAD;
	schedule(sim);	/* picks another task; this one is never picked again */
	MM_BUG();
}

static void task_entry(void *arg)
{
	struct task_struct *p = arg;

	p->fn(p, p->arg);
	do_exit(p);
}

/*
 * The last switch of an exiting task: sched_core() already took it off the
 * CPU.  The engine loop runs on its stack one last time to find what runs
 * next; the context it leaves for frees its stack (sim_reap()).
 */
void task_exit_switch(struct mmsim *sim, struct task_struct *p)
{
	struct task_struct *next;

	sim->exiting = p;
	sim->current = NULL;
	next = sim_run_events(sim);
	MM_BUG_ON(next == p);
	sim->current = next;
	coro_exit_to(&p->coro, next ? &next->coro : &sim->host);
}

void sim_reap(struct mmsim *sim)
{
	struct task_struct *dead = sim->exiting;

	if (!dead)
		return;
	sim->exiting = NULL;
	coro_destroy(&sim->stacks, &dead->coro);
	list_del_init(&dead->tasks);
	free(dead);
}

struct task_struct *task_create(struct mmsim *sim, const struct task_create_args *args)
{
	size_t size = (sizeof(struct task_struct) + 63) & ~(size_t)63;
	struct task_struct *p = aligned_alloc(64, size);
	unsigned int nr_allowed = 0;

	if (!p)
		return NULL;
	memset(p, 0, size);
	p->sim = sim;
	/* kernel threads take low pids, as those started at boot do */
	p->pid = args->stats ? sim->next_pid++ : sim->next_kthread_pid++;
	p->tgid = args->tgid ? args->tgid : p->pid;
	snprintf(p->comm, sizeof(p->comm), "%s", args->comm);
	p->nice = args->nice;
	p->flags = args->stats ? 0 : PF_KTHREAD;	/* only kernel threads have no job */
	p->nr_dirtied_pause = 32;	/* 128 KiB before the first balance_dirty_pages() */
	p->weight = nice_to_weight(args->nice);
	p->cpus_ptr = args->cpus && !mmsim_cpumask_empty(args->cpus) ? args->cpus : NULL;
	for (unsigned int c = 0; c < sim->nr_cpus; c++)
		nr_allowed += !p->cpus_ptr || mmsim_cpumask_test(p->cpus_ptr, c);
	MM_BUG_ON(nr_allowed == 0);
	p->nr_cpus_allowed = nr_allowed;
	p->stats = args->stats ? args->stats : &sim->kthread_stats;
	p->fn = args->fn;
	p->arg = args->arg;
	p->state = TASK_RUNNING;
	heap_node_init(&p->run_node);
	heap_node_init(&p->timer.node);
	if (coro_create(&sim->stacks, &p->coro, task_entry, p)) {
		free(p);
		return NULL;
	}
	list_add_tail(&p->tasks, &sim->tasks);
	sim->nr_tasks++;
	if (args->asleep) {
		MM_BUG_ON(args->stats);
		p->state = TASK_INTERRUPTIBLE;
		while (p->cpus_ptr && !mmsim_cpumask_test(p->cpus_ptr, p->cpu))
			p->cpu++;
		p->sleep_start = sim->now;
		return p;
	}
	sim->nr_forks++;
	if (args->stats)
		sim->nr_user_tasks++;
	if (sim->current)
		sim->current->charge_debt += sim_cost(sim, MMSIM_COST_TASK_CREATE);
	wake_up_new_task(p);
	return p;
}

void do_send_sigkill(struct task_struct *p)
{
	struct mmsim *sim = p->sim;
	struct list_head *pos;
	int tgid = p->tgid;

	list_for_each(pos, &sim->tasks) {
		struct task_struct *t = list_entry(pos, struct task_struct, tasks);

		if (t->tgid != tgid || t->state == TASK_DEAD)
			continue;
		t->sigkill = true;
		/* signal_wake_up(): SIGKILL ends an interruptible sleep */
		try_to_wake_up(t, TASK_INTERRUPTIBLE);
	}
}

void task_free_all(struct mmsim *sim)
{
	struct list_head *pos, *n;

	list_for_each_safe(pos, n, &sim->tasks) {
		struct task_struct *p = list_entry(pos, struct task_struct, tasks);

		list_del_init(&p->tasks);
		coro_destroy(&sim->stacks, &p->coro);
		free(p);
	}
	sim->nr_tasks = 0;
}
