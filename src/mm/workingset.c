// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/workingset.c - shadow entries and refault detection (mm/workingset.c of 6.x)
 *
 * Each node's lruvec counts a nonresident age: one tick per page evicted
 * and per page activated.  A page cache page reclaimed leaves a shadow
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
 * packing a valid bit, PG_workingset,
 * the node and the age >> bucket_order, where bucket_order leaves enough
 * of the age to tell distances across all of memory apart (as the kernel
 * sizes it in workingset_init()).  Simplified: no memcg, no shadow node
 * shrinker (workingset_nodes / workingset_nodereclaim).
 */

#include "lib/compiler.h"
#include "mm/filemap.h"
#include "mm/mm_sim.h"

#define SHADOW_VALID		0x1u
#define SHADOW_WORKINGSET	0x2u
#define SHADOW_NODE_SHIFT	2
#define SHADOW_NODE_BITS	6
#define SHADOW_AGE_SHIFT	(SHADOW_NODE_SHIFT + SHADOW_NODE_BITS)
#define EVICTION_BITS		(32 - SHADOW_AGE_SHIFT)
#define EVICTION_MASK		((1UL << EVICTION_BITS) - 1)

_Static_assert(MAX_NUMNODES <= (1 << SHADOW_NODE_BITS), "the node fits the shadow");

void workingset_init(struct mm_sim *ms)
{
	unsigned long pages = 0;
	unsigned int order = 0;

	for (int nid = 0; nid < ms->mm.nr_nodes; nid++)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			pages += ms->mm.nodes[nid].node_zones[z].managed_pages;
	/* enough bits of the age to measure distances up to all of memory */
	while ((pages >> order) > EVICTION_MASK)
		order++;
	ms->bucket_order = order;
}

/* workingset_age_nonresident() */
static void age_nonresident(pg_data_t *pgdat, unsigned long nr)
{
	pgdat->nonresident_age += nr;
}

void workingset_activation(struct mm_state *mm, struct page *page)
{
	age_nonresident(page_zone(mm, page)->zone_pgdat, 1);
}

void workingset_eviction(struct mm_sim *ms, uint32_t *shadow, struct page *page)
{
	pg_data_t *pgdat = page_zone(&ms->mm, page)->zone_pgdat;
	unsigned long eviction = (pgdat->nonresident_age >> ms->bucket_order) & EVICTION_MASK;

	age_nonresident(pgdat, 1);
	*shadow = SHADOW_VALID |
		((page->flags & PG_workingset) ? SHADOW_WORKINGSET : 0) |
		((uint32_t)pgdat->node_id << SHADOW_NODE_SHIFT) |
		((uint32_t)eviction << SHADOW_AGE_SHIFT);
}

void workingset_refault(struct mm_sim *ms, uint32_t *shadowp, struct page *page, bool file)
{
	uint32_t shadow = shadowp ? *shadowp : 0;
	pg_data_t *pgdat, *here;
	unsigned long eviction, refault, distance, workingset_size;
	const struct page_list *lists;

	if (!(shadow & SHADOW_VALID))
		return;
	*shadowp = 0;
	pgdat = &ms->mm.nodes[(shadow >> SHADOW_NODE_SHIFT) & ((1u << SHADOW_NODE_BITS) - 1)];
	here = page_zone(&ms->mm, page)->zone_pgdat;
	mod_node_state(here, file ? WORKINGSET_REFAULT_FILE : WORKINGSET_REFAULT_ANON, 1);
	/* workingset_test_recent(): distances are measured on the evicting node */
	eviction = (unsigned long)(shadow >> SHADOW_AGE_SHIFT) << ms->bucket_order;
	refault = pgdat->nonresident_age;
	distance = (refault - eviction) & ((EVICTION_MASK << ms->bucket_order) |
					   ((1UL << ms->bucket_order) - 1));
	/*
	 * workingset_test_recent(): the lists the page had to beat: the active
	 * file list, plus the inactive one for an anonymous page, plus the
	 * anonymous lists while there is swap (the active one, and the
	 * inactive one for a file page)
	 */
	lists = pgdat->lruvec.lists;
	workingset_size = lists[LRU_ACTIVE_FILE].nr;
	if (!file)
		workingset_size += lists[LRU_INACTIVE_FILE].nr;
	if (get_nr_swap_pages(ms) > 0) {
		workingset_size += lists[LRU_ACTIVE_ANON].nr;
		if (file)
			workingset_size += lists[LRU_INACTIVE_ANON].nr;
	}
	if (distance > workingset_size)
		return;
	page->flags |= PG_active;
	age_nonresident(here, 1);
	mod_node_state(here, file ? WORKINGSET_ACTIVATE_FILE : WORKINGSET_ACTIVATE_ANON, 1);
	if (shadow & SHADOW_WORKINGSET) {
		page->flags |= PG_workingset;
		/* lru_note_cost_refault(): a workingset page had to come back */
		lru_note_cost(here, file, 1, 0);
		mod_node_state(here, file ? WORKINGSET_RESTORE_FILE : WORKINGSET_RESTORE_ANON, 1);
	}
}
