// SPDX-License-Identifier: GPL-2.0-only
/*
 * workload/alloc.c - kind=alloc and kind=fragmenter: physical page jobs
 *
 * alloc: each loop allocates one block of 2^order pages with gfp= on the
 * preferred node, as a kernel module calling alloc_pages() would (the way
 * Nitin Gupta measured huge page allocation latency for proactive
 * compaction), records the virtual time the call took (slow path, direct
 * compaction and waiting for a CPU included), writes a content tag into
 * the block, and holds it to the end (hold=on) or frees it at once.  With
 * demand=N it declares when the scenario is set up, through the Babka
 * policy's registration, that node= (node 0 for -1) should keep N free
 * blocks of its order.
 *
 * fragmenter: allocates order-0 pages with gfp= until fill= percent of the
 * node's managed pages are taken, then in every pageblock frees all but
 * keep= of its pages, spread evenly (keep=128 frees 3/4 of the base pages
 * of every 2 MB region, as in Gupta's test).  What it keeps stays held by
 * the job after its thread has exited.
 *
 * Order-0 pages of a movable gfp are registered with the allocator as
 * movable (struct movable_operations): compaction may migrate them and
 * tells the job where they went.  Every held block's tag is checked at the
 * end (alloc_jobs_check()), so a page lost or corrupted by migration shows.
 */
#include "workload/alloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/compiler.h"
#include "lib/hist.h"
#include "mm/mm_sim.h"
#include "sim/sim.h"
#include "workload/job.h"

/* One block a job holds. */
struct held_block {
	uint32_t pfn;
	uint8_t order;
	uint64_t tag;
};

struct alloc_state {
	struct held_block *blocks;
	size_t nr, cap;
	int owner;			/* movable owner id, > 0 */
};

static bool held_isolate(struct mm_state *mm, struct page *page, void *ctx)
{
	(void)mm;
	(void)page;
	(void)ctx;
	return true;	/* a job's page is never busy */
}

/* The page moved: the block list follows it (remove_migration_ptes()). */
static int held_migrate(struct mm_state *mm, struct page *dst, struct page *src, void *ctx)
{
	struct alloc_state *as = ctx;
	struct held_block *b = &as->blocks[src->private_data];

	MM_BUG_ON(b->pfn != page_to_pfn(mm, src));
	b->pfn = (uint32_t)page_to_pfn(mm, dst);
	return 0;
}

static void held_putback(struct mm_state *mm, struct page *page, void *ctx)
{
	(void)mm;
	(void)page;
	(void)ctx;
}

static const struct movable_operations held_ops = {
	.isolate_page = held_isolate,
	.migrate_page = held_migrate,
	.putback_page = held_putback,
};

int alloc_job_setup(struct job *job)
{
	struct mm_state *mm = sim_mm(job->sim);
	struct alloc_state *as = calloc(1, sizeof(*as));

	if (!as)
		return -ENOMEM;
	job->alloc = as;
	job->alloc_lat = lat_hist_create();
	if (!job->alloc_lat)
		return -ENOMEM;
	as->owner = mm_register_owner(mm, &held_ops, as);
	/* declared when the scenario is set up, as a driver would at probe time */
	if (job->cfg->kind == MMSIM_JOB_ALLOC && job->cfg->demand)
		compaction_register_demand(&mm->nodes[job->cfg->node >= 0 ? job->cfg->node : 0],
					   job->cfg->order, job->cfg->demand);
	return as->owner < 0 ? as->owner : 0;
}

void alloc_job_release(struct job *job)
{
	if (job->alloc)
		free(job->alloc->blocks);
	free(job->alloc);
	job->alloc = NULL;
	lat_hist_free(job->alloc_lat);
	job->alloc_lat = NULL;
}

/* Write a new content tag into a block the job now holds, and list it. */
static bool hold_block(struct job *job, struct page *page, unsigned int order, bool movable)
{
	struct alloc_state *as = job->alloc;
	struct mm_state *mm = sim_mm(job->sim);

	if (as->nr == as->cap) {
		size_t cap = as->cap ? as->cap * 2 : 1024;
		struct held_block *b = realloc(as->blocks, cap * sizeof(*b));

		if (!b)
			return false;
		as->blocks = b;
		as->cap = cap;
	}
	page->tag = ++job->tag_seq;
	if (movable && !order) {
		page->owner = (uint32_t)as->owner;
		page->private_data = as->nr;
	}
	as->blocks[as->nr++] = (struct held_block){
		.pfn = (uint32_t)page_to_pfn(mm, page), .order = (uint8_t)order, .tag = page->tag,
	};
	return true;
}

void alloc_thread_fn(struct task_struct *p, void *arg)
{
	struct job_thread *t = arg;
	struct job *job = t->job;
	const struct mmsim_job_config *cfg = job->cfg;
	struct mmsim *sim = p->sim;
	bool movable = gfp_migratetype(cfg->gfp) == MIGRATE_MOVABLE;
	gfp_t gfp = cfg->gfp | (cfg->order ? GFPF_COMP : 0);

	for (uint64_t i = 0; job_more(job, i); i++) {
		uint64_t start = sim->now, think;
		struct page *page = sim_alloc_pages(sim, gfp, cfg->order, cfg->node);

		lat_hist_add(job->alloc_lat, sim->now - start);
		if (!page) {
			job->alloc_fail++;
		} else {
			job->alloc_ok++;
			if (!cfg->hold || !hold_block(job, page, cfg->order, movable))
				sim_free_pages(sim, page, cfg->order);
		}
		job->loops_done++;
		think = rng_dist(&t->rng, &cfg->think);
		if (think) {
			p->state = TASK_INTERRUPTIBLE;
			schedule_hrtimeout_range(sim, think, cfg->timer_slack_ns);
		}
	}
}

/* keep= pages of each pageblock, spread evenly: offsets o with o * keep mod 512 < keep. */
static bool fragmenter_keeps(unsigned long pfn, unsigned int keep)
{
	unsigned long off = pfn & (pageblock_nr_pages - 1);

	return (off * keep) % pageblock_nr_pages < keep;
}

void fragmenter_thread_fn(struct task_struct *p, void *arg)
{
	struct job_thread *t = arg;
	struct job *job = t->job;
	const struct mmsim_job_config *cfg = job->cfg;
	struct mmsim *sim = p->sim;
	struct mm_state *mm = sim_mm(sim);
	struct alloc_state *as = job->alloc;
	int nid = cfg->node >= 0 ? cfg->node : sim_cpu_node(sim, p->cpu);
	unsigned long managed = 0, target;
	bool movable = gfp_migratetype(cfg->gfp) == MIGRATE_MOVABLE;
	size_t first = as->nr, kept;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		managed += mm->nodes[nid].node_zones[z].managed_pages;
	/* each thread takes its share of the node */
	target = managed * cfg->fill / 100 / job->nr_threads;
	for (unsigned long n = 0; n < target; n++) {
		uint64_t start = sim->now;
		struct page *page = sim_alloc_pages(sim, cfg->gfp | GFPF_THISNODE, 0, nid);

		lat_hist_add(job->alloc_lat, sim->now - start);
		if (!page) {
			job->alloc_fail++;
			break;
		}
		job->alloc_ok++;
		if (!hold_block(job, page, 0, movable)) {
			sim_free_pages(sim, page, 0);
			break;
		}
	}
	/* free all but keep= pages of every pageblock; the block list stays dense */
	kept = first;
	for (size_t i = first; i < as->nr; i++) {
		struct held_block b = as->blocks[i];
		struct page *page = pfn_to_page(mm, b.pfn);

		if (fragmenter_keeps(b.pfn, cfg->keep)) {
			if (page->owner)
				page->private_data = kept;
			as->blocks[kept++] = b;
			continue;
		}
		page->owner = 0;
		sim_free_pages(sim, page, 0);
		job->pages_freed++;
	}
	as->nr = kept;
	job->loops_done = as->nr;
}

uint64_t alloc_job_pages_held(const struct job *job)
{
	uint64_t pages = 0;

	for (size_t i = 0; job->alloc && i < job->alloc->nr; i++)
		pages += 1ULL << job->alloc->blocks[i].order;
	return pages;
}

bool alloc_jobs_check(struct mmsim *sim)
{
	bool ok = true;

	for (unsigned int j = 0; j < sim->nr_jobs; j++) {
		struct job *job = &sim->jobs[j];
		struct alloc_state *as = job->alloc;
		struct mm_state *mm;

		if (!as)
			continue;
		mm = sim_mm(sim);
		for (size_t i = 0; i < as->nr; i++) {
			const struct held_block *b = &as->blocks[i];
			const struct page *page = pfn_to_page(mm, b->pfn);

			if (page->tag != b->tag || (page->flags & (PG_buddy | PG_pcp)) ||
			    (b->order && !(page->flags & PG_head))) {
				fprintf(stderr, "mmsim: job %s: block %zu at pfn %u reads tag %llu, "
					"wrote %llu (flags %#x)\n", job->cfg->name, i, b->pfn,
					(unsigned long long)page->tag, (unsigned long long)b->tag,
					page->flags);
				ok = false;
				break;
			}
		}
	}
	return ok;
}
