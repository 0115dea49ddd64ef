// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/workingset.c - shadow entries and refault detection (mm/workingset.c of 6.x)
 *
 * Each lruvec counts a nonresident age: one tick per page evicted and
 * per page activated, in its cgroup and the root above it (the node's).  A page cache page reclaimed leaves a shadow
 * entry in its file's slot with the age at eviction, its node and whether
 * it was part of the workingset (PG_workingset: it had been active).  When
 * the page is read in again the refault distance is the age now minus the
 * age then: how many pages were evicted or activated while it was out.  If
 * that is no more than the active file list (the pages it would have had
 * to beat to stay: the kernel adds the anonymous lists when swap exists),
 * the page would have stayed with a bigger inactive list, so it is
 * activated at once (workingset_activate_file), and counted as a restore
 * if it had been in the workingset before (workingset_restore_file).
 * Every refault counts as workingset_refault_file.
 *
 * Swapped-out anonymous pages leave shadows the same way, in their swap
 * slot (the kernel's swap table), checked when the slot is read back
 * (workingset_*_anon).
 *
 * Shadows live in a per-file array beside the page array, and per swap
 * area (the kernel keeps them in the xarray or swap table slot): 32 bits
 * packing a valid bit, PG_workingset, the node, the id of the cgroup
 * reclaim worked on (the root for global reclaim: only as many bits as the
 * cgroups need) and the age of that cgroup's lruvec >> bucket_order, where
 * bucket_order leaves enough of the age to tell distances across all of
 * memory apart (as the kernel sizes it in workingset_init()).  A refault
 * is measured against that lruvec's age and lists, the decision made where
 * the eviction happened, as the kernel does.  Simplified: no shadow node
 * shrinker (workingset_nodes / workingset_nodereclaim).
 */

#include "lib/compiler.h"
#include "mm/filemap.h"
#include "mm/mm_sim.h"

#define SHADOW_VALID		0x1u
#define SHADOW_WORKINGSET	0x2u
#define SHADOW_NODE_SHIFT	2
#define SHADOW_NODE_BITS	6
#define SHADOW_MEMCG_SHIFT	(SHADOW_NODE_SHIFT + SHADOW_NODE_BITS)

_Static_assert(MAX_NUMNODES <= (1 << SHADOW_NODE_BITS), "the node fits the shadow");

/* The cgroup id's bits, then the age's: the rest of the 32 */
static unsigned int age_shift(const struct mm_sim *ms)
{
	return SHADOW_MEMCG_SHIFT + ms->shadow_memcg_bits;
}

static unsigned long eviction_mask(const struct mm_sim *ms)
{
	return (1UL << (32 - age_shift(ms))) - 1;
}

void workingset_init(struct mm_sim *ms)
{
	unsigned long pages = 0;
	unsigned int order = 0, bits = 0;

	/* enough bits for every cgroup's id (none without cgroups) */
	while (ms->mm.nr_memcgs > (1u << bits))
		bits++;
	ms->shadow_memcg_bits = bits;
	for (int nid = 0; nid < ms->mm.nr_nodes; nid++)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			pages += ms->mm.nodes[nid].node_zones[z].managed_pages;
	/* enough bits of the age to measure distances up to all of memory */
	while ((pages >> order) > eviction_mask(ms))
		order++;
	ms->bucket_order = order;
}

/* workingset_age_nonresident(): @lruvec and its parent, the root's (the node's) */
static void age_nonresident(struct mm_state *mm, struct lruvec *lruvec, unsigned long nr)
{
	lruvec->nonresident_age += nr;
	if (lruvec->memcg_id)
		lruvec_pgdat(mm, lruvec)->lruvec.nonresident_age += nr;
}

void workingset_activation(struct mm_state *mm, struct page *page)
{
	age_nonresident(mm, folio_lruvec(mm, page), 1);
}

void workingset_eviction(struct mm_sim *ms, uint32_t *shadow, struct page *page,
			 unsigned int target_memcg)
{
	pg_data_t *pgdat = page_zone(&ms->mm, page)->zone_pgdat;
	/* the age of the cgroup reclaim works on: the root's for global reclaim */
	struct lruvec *lruvec = mem_cgroup_lruvec(&ms->mm, target_memcg, pgdat);
	unsigned long eviction = (lruvec->nonresident_age >> ms->bucket_order) & eviction_mask(ms);

	age_nonresident(&ms->mm, lruvec, 1);
	*shadow = SHADOW_VALID |
		((page->flags & PG_workingset) ? SHADOW_WORKINGSET : 0) |
		((uint32_t)pgdat->node_id << SHADOW_NODE_SHIFT) |
		((uint32_t)target_memcg << SHADOW_MEMCG_SHIFT) |
		((uint32_t)eviction << age_shift(ms));
}

void workingset_refault(struct mm_sim *ms, uint32_t *shadowp, struct page *page, bool file)
{
	struct mm_state *mm = &ms->mm;
	uint32_t shadow = shadowp ? *shadowp : 0;
	pg_data_t *pgdat, *here;
	struct lruvec *eviction_lruvec, *lruvec;
	unsigned long eviction, refault, distance, workingset_size, mask = eviction_mask(ms);
	uint64_t now = ms->sim->now;
	unsigned int memcg_id;

	if (!(shadow & SHADOW_VALID))
		return;
	*shadowp = 0;
	pgdat = &mm->nodes[(shadow >> SHADOW_NODE_SHIFT) & ((1u << SHADOW_NODE_BITS) - 1)];
	memcg_id = (shadow >> SHADOW_MEMCG_SHIFT) & ((1u << ms->shadow_memcg_bits) - 1);
	here = page_zone(mm, page)->zone_pgdat;
	lruvec = folio_lruvec(mm, page);
	mod_node_state(here, file ? WORKINGSET_REFAULT_FILE : WORKINGSET_REFAULT_ANON, 1);
	/*
	 * workingset_test_recent(): the distance is measured where the
	 * eviction happened: the evicting node, the cgroup reclaim worked on
	 */
	eviction_lruvec = mem_cgroup_lruvec(mm, memcg_id, pgdat);
	eviction = (unsigned long)(shadow >> age_shift(ms)) << ms->bucket_order;
	refault = eviction_lruvec->nonresident_age;
	distance = (refault - eviction) & ((mask << ms->bucket_order) |
					   ((1UL << ms->bucket_order) - 1));
	/*
	 * the lists the page had to beat: the active file list, plus the
	 * inactive one for an anonymous page, plus the anonymous lists while
	 * there is swap (the active one, and the inactive one for a file page)
	 */
	workingset_size = lruvec_page_state_lru(mm, eviction_lruvec, LRU_ACTIVE_FILE, now);
	if (!file)
		workingset_size += lruvec_page_state_lru(mm, eviction_lruvec, LRU_INACTIVE_FILE, now);
	if (get_nr_swap_pages(ms) > 0) {
		workingset_size += lruvec_page_state_lru(mm, eviction_lruvec, LRU_ACTIVE_ANON, now);
		if (file)
			workingset_size += lruvec_page_state_lru(mm, eviction_lruvec, LRU_INACTIVE_ANON, now);
	}
	if (distance > workingset_size)
		return;
	page->flags |= PG_active;
	age_nonresident(mm, lruvec, 1);
	mod_node_state(here, file ? WORKINGSET_ACTIVATE_FILE : WORKINGSET_ACTIVATE_ANON, 1);
	/* mod_lruvec_state(): the cgroup's count and the root's above it */
	for (struct lruvec *l = lruvec; l; l = l->memcg_id ? &here->lruvec : NULL) {
		lruvec_stats_flush(mm, l, ms->sim->now);
		l->workingset_activate[file]++;
	}
	if (shadow & SHADOW_WORKINGSET) {
		page->flags |= PG_workingset;
		/* lru_note_cost_refault(): a workingset page had to come back */
		lru_note_cost(mm, lruvec, file, 1, 0);
		mod_node_state(here, file ? WORKINGSET_RESTORE_FILE : WORKINGSET_RESTORE_ANON, 1);
	}
}
