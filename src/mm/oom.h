/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mm/oom.h - the OOM killer (include/linux/oom.h)
 *
 * out_of_memory() is the page allocator's last resort (the slow path's
 * out_of_memory hook, wired by mm_sim.c): it picks the process whose
 * memory is worth most to kill and sends it SIGKILL; the victim's threads
 * exit at their next return point and the last one frees the address
 * space (mm/mmap.c, mmput()).
 */
#ifndef MMSIM_MM_OOM_H
#define MMSIM_MM_OOM_H

#include <stdbool.h>

#include "mm/internal.h"

struct mm_sim;
struct mm_struct;
struct task_struct;

#define OOM_SCORE_ADJ_MIN	(-1000)	/* never killed */
#define OOM_SCORE_ADJ_MAX	1000	/* killed first */

/**
 * out_of_memory - kill the "best" process when the allocator is out of options
 * @mm: the allocator (of a struct mm_sim)
 * @ac: the failing allocation's context
 * @gfp: its GFP flags
 * @order: its order
 *
 * In task context.  If the current task has a SIGKILL pending it is marked
 * a victim and nothing is killed.  Otherwise the process with the highest
 * oom_badness() is sent SIGKILL; if a victim still holds its memory nobody
 * new is killed and the task sleeps a jiffy; with no process to kill the
 * simulation panics (mmsim_run() returns -ENOMEM).
 *
 * Return: true if the allocation should be retried, false (the panic) if
 * it must fail.
 */
bool out_of_memory(struct mm_state *mm, const struct alloc_context *ac, gfp_t gfp,
		   unsigned int order);

/**
 * out_of_memory_memcg - out_of_memory() for cgroup @memcg_id at its limit
 * (CONSTRAINT_MEMCG): only the cgroup's tasks are candidates, their
 * badness weighed against the cgroup's limit plus swap; with none to
 * kill, no panic.  Return: true if a victim was chosen (or one is still
 * exiting, or the current task is dying): the charge retries.
 */
bool out_of_memory_memcg(struct mm_sim *ms, unsigned int memcg_id, gfp_t gfp, unsigned int order);

/** oom_tsk_is_victim - tsk_is_oom_victim(current), the allocator's hook */
bool oom_tsk_is_victim(struct mm_state *mm);

/**
 * oom_badness - how much killing @p would free, in pages, adjusted
 * @p: a thread of the process
 * @totalpages: RAM and swap, in pages
 *
 * rss + swap entries + page table pages, plus oom_score_adj thousandths of
 * @totalpages (rounded down to a multiple of a thousandth first, as the
 * kernel does).
 *
 * Return: the points, or LONG_MIN for a process that must not be killed
 * (no address space, oom_score_adj -1000, or already torn down).
 */
long oom_badness(const struct task_struct *p, unsigned long totalpages);

#endif /* MMSIM_MM_OOM_H */
