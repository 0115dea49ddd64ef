// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/memcontrol.c - memory cgroups: charging pages against a limit
 *
 * The cgroup v1 memory controller of 6.18 (mm/memcontrol.c,
 * memcontrol-v1.c) for the cgroups of [cgroup.NAME] sections, each a child
 * of the root with memory.limit_in_bytes and memory.swappiness.  A job's
 * tasks run in its cgroup= cgroup; the pages they fault in (anonymous,
 * copies on write), the page cache pages they add and the pages swapped in
 * for them are charged to it (swap-ins to the cgroup recorded on the swap
 * entry at swap-out: swap_cgroup), and carry its id in page->memcg_id
 * until freed, when the charge goes.  A charged page sits on its cgroup's
 * lruvec, so global reclaim walks the cgroups and a cgroup's reclaim
 * scans only its own pages.
 *
 * try_charge_memcg(): a charge that would pass the limit counts in
 * memory.failcnt and makes the charging task reclaim from the cgroup
 * (try_to_free_mem_cgroup_pages(), SWAP_CLUSTER_MAX pages wanted), then
 * try again: while reclaim made progress, or up to MAX_RECLAIM_RETRIES
 * more times, then the cgroup's OOM killer chooses among the cgroup's
 * tasks ("Memory cgroup out of memory"); while it finds a victim (or one
 * is still exiting) the charge is retried, else it fails (-ENOMEM: the
 * fault fails as a global OOM would).  A dying task's charge fails at
 * once after an OOM; __GFP_NOFAIL charges pass the limit.
 *
 * Simplified: one level (no nested cgroups, no use_hierarchy), no per-CPU
 * charge stock (the kernel charges 64 pages at a time and keeps the rest
 * per CPU, so its usage runs up to 64 pages per CPU ahead of what is in
 * use; here usage is exactly the pages charged), no memory+swap counter
 * (memory.memsw.*) or kernel memory, no soft limit, no memory.high or
 * memory.low (cgroup v2), no oom_kill_disable, no moving charges.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/compiler.h"
#include "mm/mm.h"
#include "mm/mm_sim.h"
#include "mm/oom.h"
#include "sim/sched.h"

int mem_cgroup_init(struct mm_sim *ms, const struct mmsim_config *cfg)
{
	struct mm_state *mm = &ms->mm;

	mm->nr_memcgs = cfg->nr_cgroups + 1;
	mm->memcgs = calloc(mm->nr_memcgs, sizeof(*mm->memcgs));
	if (!mm->memcgs)
		return -ENOMEM;
	snprintf(mm->memcgs[0].name, sizeof(mm->memcgs[0].name), "/");
	mm->memcgs[0].limit = ULONG_MAX;
	mm->memcgs[0].swappiness = ms->swappiness;
	for (unsigned int id = 1; id < mm->nr_memcgs; id++) {
		const struct mmsim_cgroup_config *cg = &cfg->cgroups[id - 1];
		struct mem_cgroup *memcg = &mm->memcgs[id];

		snprintf(memcg->name, sizeof(memcg->name), "/%s", cg->name);
		memcg->id = (unsigned short)id;
		memcg->limit = cg->memory_limit == UINT64_MAX ? ULONG_MAX :
			       (unsigned long)(cg->memory_limit >> PAGE_SHIFT);
		/* a v1 cgroup takes its parent's swappiness when it is created */
		memcg->swappiness = cg->swappiness < 0 ? ms->swappiness :
				    (unsigned int)cg->swappiness;
		memcg->lruvec = calloc((size_t)mm->nr_nodes, sizeof(*memcg->lruvec));
		if (!memcg->lruvec)
			return -ENOMEM;
		for (int nid = 0; nid < mm->nr_nodes; nid++) {
			struct lruvec *lruvec = &memcg->lruvec[nid];

			lruvec->memcg_id = memcg->id;
			lruvec->nid = nid;
			for (int l = 0; l < NR_LRU_LISTS; l++)
				lruvec->lists[l].head = PFN_NONE;
		}
	}
	return 0;
}

void mem_cgroup_release(struct mm_state *mm)
{
	for (unsigned int id = 1; id < mm->nr_memcgs; id++)
		free(mm->memcgs[id].lruvec);
	free(mm->memcgs);
	mm->memcgs = NULL;
	mm->nr_memcgs = 0;
}

unsigned int current_memcg(const struct mm_sim *ms)
{
	const struct task_struct *p = ms->sim->current;

	return p ? p->memcg_id : 0;
}

/* task_is_dying(): an OOM victim, or SIGKILL pending */
static bool task_is_dying(const struct task_struct *p)
{
	return p && (p->memdie || fatal_signal_pending(p));
}

/* page_counter_charge(): one page more, limit or not; the high watermark follows */
static void page_counter_charge(struct mem_cgroup *memcg)
{
	memcg->usage++;
	if (memcg->usage > memcg->watermark)
		memcg->watermark = memcg->usage;
}

/* page_counter_try_charge() of one page: a charge that would pass the limit fails */
static bool page_counter_try_charge(struct mem_cgroup *memcg)
{
	if (memcg->usage >= memcg->limit) {
		memcg->failcnt++;
		return false;
	}
	page_counter_charge(memcg);
	return true;
}

/* mem_cgroup_oom(): the cgroup's OOM; true if the charge should be retried */
static bool mem_cgroup_oom(struct mm_sim *ms, unsigned int memcg_id, gfp_t gfp,
			   unsigned int order)
{
	struct mem_cgroup *memcg = &ms->mm.memcgs[memcg_id];

	if (order > PAGE_ALLOC_COSTLY_ORDER)
		return false;
	memcg->events[MEMCG_OOM]++;
	/* mem_cgroup_out_of_memory(): room again meanwhile, or we are dying: no kill */
	if (memcg->usage + (1UL << order) <= memcg->limit)
		return true;
	if (task_is_dying(ms->sim->current))
		return true;
	return out_of_memory_memcg(ms, memcg_id, gfp, order);
}

/*
 * try_charge_memcg() of new page @page (not on an LRU yet) to cgroup
 * @memcg_id: reclaim from the cgroup at its limit and, as a last resort,
 * OOM-kill in it.  Return: 0 (page->memcg_id set; nothing to do for the
 * root), or -ENOMEM.
 */
static int mem_cgroup_charge(struct mm_sim *ms, struct page *page, unsigned int memcg_id,
			     gfp_t gfp)
{
	struct mm_state *mm = &ms->mm;
	struct task_struct *p = ms->sim->current;
	struct mem_cgroup *memcg;
	int nr_retries = MAX_RECLAIM_RETRIES;
	bool passed_oom = false;

	MM_BUG_ON(page->memcg_id);
	if (!memcg_id)
		return 0;		/* the root: not limited, not counted */
	memcg = &mm->memcgs[memcg_id];
	for (;;) {
		unsigned long nr_reclaimed;

		if (page_counter_try_charge(memcg))
			break;
		if (!(gfp & GFPF_DIRECT_RECLAIM))
			goto nomem;
		nr_reclaimed = try_to_free_mem_cgroup_pages(ms, memcg_id, 1, gfp);
		if (memcg->usage < memcg->limit)
			continue;
		if (gfp & GFPF_NORETRY)
			goto nomem;
		if (nr_reclaimed)
			continue;
		if (nr_retries--)
			continue;
		if (gfp & GFPF_RETRY_MAYFAIL)
			goto nomem;
		/* a dying task bypassed by the OOM killer: no endless loop */
		if (passed_oom && task_is_dying(p))
			goto nomem;
		if (mem_cgroup_oom(ms, memcg_id, gfp, 0)) {
			passed_oom = true;
			nr_retries = MAX_RECLAIM_RETRIES;
			continue;
		}
nomem:
		if (!(gfp & (GFPF_NOFAIL | GFPF_HIGH)))
			return -ENOMEM;
		/* force: past the limit */
		page_counter_charge(memcg);
		break;
	}
	page->memcg_id = (uint16_t)memcg_id;
	return 0;
}

struct page *mem_cgroup_alloc_page(struct mm_sim *ms, gfp_t gfp, unsigned int memcg_id)
{
	struct page *page = sim_alloc_pages(ms->sim, gfp, 0, -1);

	if (page && mem_cgroup_charge(ms, page, memcg_id, gfp)) {
		sim_free_pages(ms->sim, page, 0);
		return NULL;
	}
	return page;
}

bool mem_cgroup_check(struct mm_sim *ms)
{
	struct mm_state *mm = &ms->mm;
	unsigned long *charged;
	bool ok = true;

	charged = calloc(mm->nr_memcgs, sizeof(*charged));
	MM_BUG_ON(!charged);	/* out of host memory */
	for (unsigned long pfn = 0; pfn < mm->nr_pfns; pfn++) {
		const struct page *page = &mm->mem_map[pfn];

		if (page->memcg_id >= mm->nr_memcgs) {
			fprintf(stderr, "mmsim: pfn %lu charged to cgroup %u of %u\n", pfn,
				page->memcg_id, mm->nr_memcgs);
			ok = false;
			continue;
		}
		if (page->memcg_id && (page->flags & (PG_buddy | PG_pcp))) {
			fprintf(stderr, "mmsim: free pfn %lu still charged to %s\n", pfn,
				mm->memcgs[page->memcg_id].name);
			ok = false;
		}
		charged[page->memcg_id]++;
	}
	for (unsigned int id = 1; id < mm->nr_memcgs; id++) {
		const struct mem_cgroup *memcg = &mm->memcgs[id];

		if (charged[id] != memcg->usage) {
			fprintf(stderr, "mmsim: cgroup %s: usage %lu pages, %lu pages charged\n",
				memcg->name, memcg->usage, charged[id]);
			ok = false;
		}
	}
	free(charged);
	return ok;
}
