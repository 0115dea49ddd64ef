// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/oom_kill.c - the OOM killer
 *
 * The kernel's mm/oom_kill.c of 6.8: when the page allocator's slow path
 * has nothing left to try, out_of_memory() walks the processes in creation
 * order (for_each_process()) and scores each with oom_badness(): its rss
 * (anonymous and file pages mapped; no shmem yet), swap entries and page
 * table pages, plus oom_score_adj thousandths
 * of RAM + swap.  Kernel threads, processes without an address space and
 * oom_score_adj -1000 are never chosen; the highest score wins, and as
 * oom_evaluate_task() keeps a new process on equal points, a tie goes to
 * the one found last.  The victim's threads all get SIGKILL; its memory
 * comes back when they have exited.  While a victim still holds its memory
 * nobody else is killed (oom_evaluate_task()'s abort); a task that has
 * SIGKILL pending is marked a victim itself (task_will_free_mem()), gets
 * the ALLOC_OOM reserve, and fails its allocation rather than loop.  With
 * no process to kill the kernel panics; the simulation stops with an
 * error.  dmesg gets the kernel's report: "invoked oom-killer", the task
 * table of dump_tasks(), the oom-kill summary and "Killed process",
 * counted as oom_kill in /proc/vmstat; mark_oom_victim() records the
 * oom:mark_victim tracepoint.
 *
 * Simplified: no oom_reaper thread: the victim's address space is torn
 * down when its last thread exits (mm/mmap.c, mmput()), which is also when
 * MMF_OOM_SKIP is set.  An allocator that finds a victim still exiting (or
 * that cannot enter the FS, !__GFP_FS) sleeps one jiffy before it retries,
 * as allocators contending for oom_lock do: the victim needs virtual time
 * to run, where the kernel's allocator would spin in reclaim while the
 * reaper works.  A cgroup at its limit has its own OOM
 * (out_of_memory_memcg(), CONSTRAINT_MEMCG: its tasks only, scored
 * against its limit, "Memory cgroup out of memory", no panic).  No
 * oom_lock (choosing and killing never yields), no cpuset or mempolicy
 * constraints, no OOM notifiers, no vm.panic_on_oom or
 * vm.oom_kill_allocating_task (vm.oom_dump_tasks is 1); dump_header()
 * prints no stack or meminfo (a cgroup's: its usage line) and is not rate
 * limited; every task has UID 0.
 */
#include "mm/oom.h"

#include <errno.h>
#include <limits.h>

#include "lib/compiler.h"
#include "mm/mm.h"
#include "mm/mm_sim.h"
#include "sim/printk.h"
#include "sim/sched.h"
#include "sim/wait.h"

#define K(x)	((x) << (PAGE_SHIFT - 10))

enum oom_constraint {
	CONSTRAINT_NONE,
	CONSTRAINT_CPUSET,
	CONSTRAINT_MEMORY_POLICY,
	CONSTRAINT_MEMCG,
};

static const char *const oom_constraint_text[] = {
	[CONSTRAINT_NONE] = "CONSTRAINT_NONE",
	[CONSTRAINT_CPUSET] = "CONSTRAINT_CPUSET",
	[CONSTRAINT_MEMORY_POLICY] = "CONSTRAINT_MEMORY_POLICY",
	[CONSTRAINT_MEMCG] = "CONSTRAINT_MEMCG",
};

/**
 * struct oom_control - one invocation of the OOM killer (include/linux/oom.h)
 * @chosen: the victim so far, NULL if none
 * @aborted: a victim still holds its memory: the kernel's chosen == -1
 */
struct oom_control {
	struct mm_sim *ms;
	gfp_t gfp_mask;
	int order;
	unsigned long totalpages;
	enum oom_constraint constraint;
	unsigned int memcg;		/* a cgroup's OOM: its id; 0 = global */
	struct task_struct *chosen;
	long chosen_points;
	bool aborted;
};

static struct mm_sim *oom_mm_sim(struct mm_state *mm)
{
	return container_of(mm, struct mm_sim, mm);
}

/* get_mm_rss(): MM_FILEPAGES + MM_ANONPAGES + MM_SHMEMPAGES */
static unsigned long get_mm_rss(const struct mm_struct *mm)
{
	return (unsigned long)(mm->rss_file + mm->rss_anon);
}

static bool tsk_is_oom_victim(const struct task_struct *p)
{
	return p->mm && (p->mm->flags & MMF_OOM_VICTIM);
}

bool oom_tsk_is_victim(struct mm_state *mm)
{
	struct task_struct *p = oom_mm_sim(mm)->sim->current;

	return p && tsk_is_oom_victim(p);
}

/*
 * for_each_process(): a process is a thread group; the kernel visits its
 * leader and find_lock_task_mm() takes the first thread that still has an
 * address space.  A job's threads are created together, so that is the
 * first thread of the group in sim->tasks with p->mm set.  Kernel threads
 * (and jobs without an address space) have none and are never visited,
 * as oom_unkillable_task() and find_lock_task_mm() would skip them.
 * Stops at the first @fn that returns true.
 */
static void for_each_process_mm(struct mmsim *sim,
				bool (*fn)(struct task_struct *p, void *arg), void *arg)
{
	struct list_head *pos;
	int last_tgid = 0;

	list_for_each(pos, &sim->tasks) {
		struct task_struct *p = list_entry(pos, struct task_struct, tasks);

		if (!p->mm || p->tgid == last_tgid)
			continue;
		last_tgid = p->tgid;
		if (fn(p, arg))
			return;
	}
}

long oom_badness(const struct task_struct *p, unsigned long totalpages)
{
	long points, adj;

	if (!p->mm)
		return LONG_MIN;
	/*
	 * Do not even consider tasks which are explicitly marked oom
	 * unkillable or have been already oom reaped.
	 */
	adj = p->oom_score_adj;
	if (adj == OOM_SCORE_ADJ_MIN || (p->mm->flags & MMF_OOM_SKIP))
		return LONG_MIN;
	/* rss, swap entries and page tables */
	points = (long)(get_mm_rss(p->mm) + p->mm->swapents + mm_pgtables_bytes(p->mm) / PAGE_SIZE);
	/* Normalize to oom_score_adj units: the kernel divides first */
	adj *= (long)(totalpages / 1000);
	return points + adj;
}

/* oom_evaluate_task(): true stops the walk (abort) */
static bool oom_evaluate_task(struct task_struct *task, void *arg)
{
	struct oom_control *oc = arg;
	long points;

	/* mem_cgroup_scan_tasks(): a cgroup's OOM looks at its own tasks only */
	if (oc->memcg && task->memcg_id != oc->memcg)
		return false;
	/*
	 * This task already has access to memory reserves and is being killed.
	 * Don't allow any other task to have access to the reserves unless
	 * the task has MMF_OOM_SKIP because chances that it would release
	 * any memory is quite low.
	 */
	if (tsk_is_oom_victim(task)) {
		if (task->mm->flags & MMF_OOM_SKIP)
			return false;
		oc->chosen = NULL;
		oc->aborted = true;
		return true;
	}
	points = oom_badness(task, oc->totalpages);
	if (points == LONG_MIN || points < oc->chosen_points)
		return false;
	oc->chosen = task;
	oc->chosen_points = points;
	return false;
}

static void select_bad_process(struct oom_control *oc)
{
	oc->chosen_points = LONG_MIN;
	for_each_process_mm(oc->ms->sim, oom_evaluate_task, oc);
}

static bool dump_task(struct task_struct *task, void *arg)
{
	const struct oom_control *oc = arg;
	const struct mm_struct *mm = task->mm;

	if (oc->memcg && task->memcg_id != oc->memcg)
		return false;
	printk(task->sim, "[%7d] %5d %5d %8lu %8lu %8lu %8lu %9lu %8ld %8lu         %5hd %s",
	       task->pid, 0, task->tgid, mm_total_vm(mm), get_mm_rss(mm),
	       (unsigned long)mm->rss_anon, (unsigned long)mm->rss_file, 0UL,
	       (long)mm_pgtables_bytes(mm), (unsigned long)mm->swapents, task->oom_score_adj,
	       task->comm);
	(void)arg;
	return false;
}

/* dump_header(): who asked, and every process's memory (vm.oom_dump_tasks=1) */
static void dump_header(struct oom_control *oc)
{
	struct mmsim *sim = oc->ms->sim;
	const struct task_struct *cur = sim->current;
	char flags[256];

	printk(sim, "%s invoked oom-killer: gfp_mask=%#x(%s), order=%d, oom_score_adj=%hd",
	       cur ? cur->comm : "swapper/0", oc->gfp_mask,
	       gfp_format(oc->gfp_mask, flags, sizeof(flags)), oc->order,
	       cur ? cur->oom_score_adj : 0);
	if (oc->memcg) {
		const struct mem_cgroup *memcg = &oc->ms->mm.memcgs[oc->memcg];

		/* mem_cgroup_print_oom_meminfo() */
		printk(sim, "memory: usage %lukB, limit %lukB, failcnt %lu", K(memcg->usage),
		       K(memcg->limit), memcg->failcnt);
	}
	printk(sim, "Tasks state (memory values in pages):");
	printk(sim, "[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem "
	       "pgtables_bytes swapents oom_score_adj name");
	for_each_process_mm(sim, dump_task, oc);
}

/* dump_oom_victim(): the one-line summary */
static void dump_oom_victim(struct oom_control *oc, const struct task_struct *victim)
{
	struct mmsim *sim = oc->ms->sim;
	int nr_nodes = oc->ms->mm.nr_nodes;
	const struct mem_cgroup *memcgs = oc->ms->mm.memcgs;
	char mems[16], memcg[80];

	if (nr_nodes > 1)
		snprintf(mems, sizeof(mems), "0-%d", nr_nodes - 1);
	else
		snprintf(mems, sizeof(mems), "0");
	/* mem_cgroup_print_oom_context(): which cgroup ran out, the victim's */
	if (oc->memcg)
		snprintf(memcg, sizeof(memcg), "oom_memcg=%s", memcgs[oc->memcg].name);
	else
		snprintf(memcg, sizeof(memcg), "global_oom");
	printk(sim, "oom-kill:constraint=%s,nodemask=(null),cpuset=/,mems_allowed=%s,"
	       "%s,task_memcg=%s,task=%s,pid=%d,uid=%d",
	       oom_constraint_text[oc->constraint], mems, memcg,
	       victim->memcg_id ? memcgs[victim->memcg_id].name : "/", victim->comm, victim->pid,
	       0);
}

static void mark_oom_victim(struct mm_sim *ms, struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	/* OOM killer might race with memcg OOM */
	if (tsk->memdie)
		return;
	tsk->memdie = true;
	/* oom_mm is bound to the signal struct life time */
	if (!(mm->flags & MMF_OOM_VICTIM)) {
		mm->flags |= MMF_OOM_VICTIM;
		mm->oom_kill_ns = ms->sim->now;
	}
	if (mm_trace_on(&ms->mm, MM_TRACE_MARK_VICTIM))
		mm_trace(&ms->mm, MM_TRACE_MARK_VICTIM, "pid=%d comm=%s total-vm=%lukB "
			 "anon-rss=%lukB file-rss:%lukB shmem-rss:%lukB uid=%u pgtables=%lukB "
			 "oom_score_adj=%hd", tsk->pid, tsk->comm, K(mm_total_vm(mm)),
			 K((unsigned long)mm->rss_anon), K((unsigned long)mm->rss_file), 0UL, 0u,
			 mm_pgtables_bytes(mm) >> 10, tsk->oom_score_adj);
}

/*
 * task_will_free_mem(): @task is exiting with its whole process, so its
 * memory is coming back: SIGKILL pending (the only signal here, sent to
 * the whole group) and the address space not torn down yet.
 */
static bool task_will_free_mem(const struct task_struct *task)
{
	return task->mm && fatal_signal_pending(task) && !(task->mm->flags & MMF_OOM_SKIP);
}

static void oom_kill_process_core(struct oom_control *oc, struct task_struct *victim,
				  const char *message)
{
	struct mm_sim *ms = oc->ms;
	struct mm_struct *mm = victim->mm;

	ms->mm.events[OOM_KILL]++;
	if (victim->memcg_id)
		ms->mm.memcgs[victim->memcg_id].events[MEMCG_OOM_KILL]++;
	/*
	 * We should send SIGKILL before granting access to memory reserves
	 * in order to prevent the OOM victim from depleting the memory
	 * reserves from the user space under its control.
	 */
	do_send_sigkill(victim);
	mark_oom_victim(ms, victim);
	printk(ms->sim, "%s: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, "
	       "file-rss:%lukB, shmem-rss:%lukB, UID:%u pgtables:%lukB oom_score_adj:%hd",
	       message, victim->pid, victim->comm, K(mm_total_vm(mm)),
	       K((unsigned long)mm->rss_anon), K((unsigned long)mm->rss_file), 0UL, 0u,
	       mm_pgtables_bytes(mm) >> 10, victim->oom_score_adj);
	/* no other process shares the mm; the victim frees it as it exits (no oom_reaper) */
}

static void oom_kill_process(struct oom_control *oc, const char *message)
{
	struct task_struct *victim = oc->chosen;

	/*
	 * If the task is already exiting, don't alarm the sysadmin or kill
	 * its children or threads, just give it access to memory reserves
	 * so it can die quickly.
	 */
	if (task_will_free_mem(victim)) {
		mark_oom_victim(oc->ms, victim);
		return;
	}
	dump_header(oc);
	dump_oom_victim(oc, victim);
	oom_kill_process_core(oc, victim, message);
}

/* totalram_pages() + total_swap_pages */
static unsigned long oom_totalpages(const struct mm_sim *ms)
{
	const struct mm_state *mm = &ms->mm;
	unsigned long pages = (unsigned long)ms->swap.total_swap_pages;

	for (int nid = 0; nid < mm->nr_nodes; nid++)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			pages += mm->nodes[nid].node_zones[z].managed_pages;
	return pages;
}

bool out_of_memory(struct mm_state *mm, const struct alloc_context *ac, gfp_t gfp,
		   unsigned int order)
{
	struct mm_sim *ms = oom_mm_sim(mm);
	struct mmsim *sim = ms->sim;
	struct task_struct *cur = sim->current;
	struct oom_control oc = {
		.ms = ms,
		.gfp_mask = gfp,
		.order = (int)order,
		.constraint = CONSTRAINT_NONE,
	};

	(void)ac;
	/*
	 * If current has a pending SIGKILL or is exiting, then automatically
	 * select it.  The goal is to allow it to allocate so that it may
	 * quickly exit and free its memory.
	 */
	if (cur && task_will_free_mem(cur)) {
		mark_oom_victim(ms, cur);
		return true;
	}
	/*
	 * The OOM killer does not compensate for IO-less reclaim: the
	 * allocation waits for someone else to make progress.
	 */
	if (!(gfp & GFPF_FS))
		goto retry_later;
	oc.totalpages = oom_totalpages(ms);
	select_bad_process(&oc);
	if (oc.aborted)
		goto retry_later;
	/* Found nothing?!?! */
	if (!oc.chosen) {
		dump_header(&oc);
		printk(sim, "Out of memory and no killable processes...");
		/*
		 * If we got here due to an actual allocation at the system
		 * level, we cannot survive this and will enter an endless
		 * loop in the allocator.  Bail out now.
		 */
		panic(sim, -ENOMEM, "System is deadlocked on memory");
		return false;
	}
	oom_kill_process(&oc, "Out of memory");
	return true;
retry_later:
	/* the victim, or whoever frees memory, needs time to run (see the header) */
	if (cur)
		schedule_timeout_uninterruptible(sim, 1);
	return true;
}

bool out_of_memory_memcg(struct mm_sim *ms, unsigned int memcg_id, gfp_t gfp, unsigned int order)
{
	struct task_struct *cur = ms->sim->current;
	const struct mem_cgroup *memcg = &ms->mm.memcgs[memcg_id];
	struct oom_control oc = {
		.ms = ms,
		.gfp_mask = gfp,
		.order = (int)order,
		.constraint = CONSTRAINT_MEMCG,
		.memcg = memcg_id,
	};

	if (cur && task_will_free_mem(cur)) {
		mark_oom_victim(ms, cur);
		return true;
	}
	/* mem_cgroup_get_max(): the limit, plus the swap it may use (v1: none at swappiness 0) */
	oc.totalpages = memcg->limit +
			(memcg->swappiness ? (unsigned long)ms->swap.total_swap_pages : 0);
	if (!oc.totalpages)
		oc.totalpages = 1;
	select_bad_process(&oc);
	if (oc.aborted) {
		/* the victim needs time to exit (see the header) */
		if (cur)
			schedule_timeout_uninterruptible(ms->sim, 1);
		return true;
	}
	if (!oc.chosen) {
		dump_header(&oc);
		printk(ms->sim, "Out of memory and no killable processes...");
		return false;		/* a cgroup's OOM does not panic */
	}
	oom_kill_process(&oc, "Memory cgroup out of memory");
	return true;
}
