// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/page_alloc.c - the buddy allocator: zones, free lists, fallback, pcp, watermarks
 *
 * Models mm/page_alloc.c of kernel 6.2 (../shared/reference/kernel_mm.md
 * §2): __free_one_page() merging (no merging of isolated/highatomic/CMA
 * blocks with others at pageblock order and above), expand(),
 * __rmqueue_smallest(), the fallback table and __rmqueue_fallback() with
 * its "largest first, smallest for movable that cannot steal" search,
 * steal_suitable_fallback() with boost_watermark() and the half-a-block
 * claim rule, the per-CPU lists (one per migratetype and order 0..3, one
 * for the THP order) with rmqueue_bulk() refills scaled by order,
 * free_factor and nr_pcp_free() batches, __setup_per_zone_wmarks(),
 * setup_per_zone_lowmem_reserve() and __zone_watermark_ok().
 *
 * Simplified: no CMA pages and no memory hotplug; only pfn 0 is reserved
 * (the kernel reserves more below 1 MiB and for its own image); pcp
 * high/batch are the 6.2 static values (no 6.7 auto-tuning); no page
 * poisoning, guard pages or shuffling; the per-CPU lists take no locks.
 * The slow path, reclaim and compaction come with later modules.
 *
 * Invariants (mm_check_invariants): every page is in exactly one place; a
 * free block is aligned to its order, inside its zone, on the list of its
 * recorded migratetype; list lengths, nr_free and NR_FREE_PAGES agree.
 */
#include "lib/bigarray.h"
#include "mm/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/compiler.h"

const char *const zone_names[MAX_NR_ZONES] = {
	"DMA", "DMA32", "Normal", "Movable", "Device",
};

const char *const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable", "Movable", "Reclaimable", "HighAtomic", "CMA", "Isolate",
};

/* sysctl_lowmem_reserve_ratio[] defaults */
static const unsigned int default_lowmem_reserve_ratio[MAX_NR_ZONES] = {
	[ZONE_DMA] = 256, [ZONE_DMA32] = 256, [ZONE_NORMAL] = 32,
};

#define DMA_END_PFN	(16UL << (20 - PAGE_SHIFT))	/* 16 MiB */
#define DMA32_END_PFN	(4UL << (30 - PAGE_SHIFT))	/* 4 GiB */

/* ======================================================================
 * pfn-linked lists
 * ====================================================================== */

void plist_add(struct mm_state *mm, struct page_list *list, unsigned long pfn, bool tail)
{
	struct page *page = pfn_to_page(mm, pfn);

	if (list->head == PFN_NONE) {
		page->next = page->prev = (uint32_t)pfn;
		list->head = (uint32_t)pfn;
	} else {
		struct page *first = pfn_to_page(mm, list->head);
		uint32_t last = first->prev;

		page->next = list->head;
		page->prev = last;
		pfn_to_page(mm, last)->next = (uint32_t)pfn;
		first->prev = (uint32_t)pfn;
		if (!tail)
			list->head = (uint32_t)pfn;
	}
	list->nr++;
}

static inline void __plist_del(struct mm_state *mm, struct page_list *list, unsigned long pfn)
{
	struct page *page = pfn_to_page(mm, pfn);

	MM_DEBUG_ON(!list->nr);
	if (page->next == pfn) {
		list->head = PFN_NONE;
	} else {
		pfn_to_page(mm, page->prev)->next = page->next;
		pfn_to_page(mm, page->next)->prev = page->prev;
		if (list->head == pfn)
			list->head = page->next;
	}
	page->next = page->prev = PFN_NONE;
	list->nr--;
}

void plist_del(struct mm_state *mm, struct page_list *list, unsigned long pfn)
{
	__plist_del(mm, list, pfn);
}

static unsigned long plist_last(const struct mm_state *mm, const struct page_list *list)
{
	return list->head == PFN_NONE ? PFN_NONE : pfn_to_page(mm, list->head)->prev;
}

/* ======================================================================
 * Pageblocks and zones
 * ====================================================================== */

int get_pageblock_migratetype(const struct mm_state *mm, unsigned long pfn)
{
	return mm->pageblock_flags[pfn >> pageblock_order] & PB_MIGRATE_MASK;
}

void set_pageblock_migratetype(struct mm_state *mm, unsigned long pfn, int migratetype)
{
	uint8_t *f = &mm->pageblock_flags[pfn >> pageblock_order];

	*f = (uint8_t)((*f & ~PB_MIGRATE_MASK) | (unsigned int)migratetype);
}

struct zone *pfn_zone(struct mm_state *mm, unsigned long pfn)
{
	for (int nid = 0; nid < mm->nr_nodes; nid++) {
		pg_data_t *pgdat = &mm->nodes[nid];

		for (int z = 0; z < MAX_NR_ZONES; z++)
			if (populated_zone(&pgdat->node_zones[z]) &&
			    zone_spans_pfn(&pgdat->node_zones[z], pfn))
				return &pgdat->node_zones[z];
	}
	return NULL;
}

static bool migratetype_is_mergeable(int mt)
{
	return mt < MIGRATE_PCPTYPES;
}

/* ======================================================================
 * Free lists
 * ====================================================================== */

static void add_to_free_list(struct mm_state *mm, struct zone *zone, unsigned long pfn,
			     unsigned int order, int mt, bool tail)
{
	struct page *page = pfn_to_page(mm, pfn);

	page->flags = PG_buddy;
	page->order = (uint8_t)order;
	page->list_mt = (uint8_t)mt;
	plist_add(mm, &zone->free_area[order].free_list[mt], pfn, tail);
	zone->free_area[order].nr_free++;
}

static void del_page_from_free_list(struct mm_state *mm, struct zone *zone, unsigned long pfn,
				    unsigned int order)
{
	struct page *page = pfn_to_page(mm, pfn);

	MM_DEBUG_ON(!(page->flags & PG_buddy) || page->order != order);
	plist_del(mm, &zone->free_area[order].free_list[page->list_mt], pfn);
	page->flags &= ~PG_buddy;
	zone->free_area[order].nr_free--;
}

static void move_to_free_list(struct mm_state *mm, struct zone *zone, unsigned long pfn,
			      unsigned int order, int mt)
{
	del_page_from_free_list(mm, zone, pfn, order);
	add_to_free_list(mm, zone, pfn, order, mt, true);
}

static bool page_is_buddy(const struct mm_state *mm, const struct zone *zone,
			  unsigned long buddy_pfn, unsigned int order)
{
	const struct page *buddy;

	if (!zone_spans_pfn(zone, buddy_pfn))
		return false;
	buddy = pfn_to_page(mm, buddy_pfn);
	return (buddy->flags & PG_buddy) && buddy->order == order;
}

/*
 * __free_one_page(): merge with free buddies as far as possible.  A freed
 * block goes to the tail of its list when its merged buddy one order up
 * is free (buddy_merge_likely()): it will probably merge soon.
 */
static void prep_new_page(struct mm_state *mm, unsigned long pfn, unsigned int order, int mt);

static int capc_mt(const struct mm_state *mm)
{
	return mm->capc->migratetype;
}

/* compaction_capture(): hand a block of the wanted order to the direct compactor. */
static bool compaction_capture(struct mm_state *mm, struct zone *zone, unsigned long pfn,
			       unsigned int order, int mt)
{
	struct capture_control *capc = mm->capc;

	if (!capc || capc->page || capc->zone != zone || order != capc->order)
		return false;
	if (mt == MIGRATE_CMA || mt == MIGRATE_ISOLATE)
		return false;
	/* Do not let lower-order unmovable requests pollute a movable pageblock. */
	if (order < pageblock_order && mt == MIGRATE_MOVABLE && capc->migratetype != MIGRATE_MOVABLE)
		return false;
	capc->page = pfn_to_page(mm, pfn);
	return true;
}

static void free_one_page_nolock(struct mm_state *mm, struct zone *zone, unsigned long pfn,
				 unsigned int order, int mt)
{
	bool to_tail = false;

	zone->nr_free_pages += 1UL << order;
	while (order < MAX_PAGE_ORDER) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);

		if (compaction_capture(mm, zone, pfn, order, mt)) {
			zone->nr_free_pages -= 1UL << order;
			prep_new_page(mm, pfn, order, capc_mt(mm));
			return;
		}

		if (!page_is_buddy(mm, zone, buddy_pfn, order))
			break;
		if (order >= pageblock_order) {
			int buddy_mt = get_pageblock_migratetype(mm, buddy_pfn);

			if (mt != buddy_mt &&
			    (!migratetype_is_mergeable(mt) || !migratetype_is_mergeable(buddy_mt)))
				break;
		}
		del_page_from_free_list(mm, zone, buddy_pfn, order);
		pfn &= buddy_pfn;
		order++;
	}
	if (order < MAX_PAGE_ORDER - 1) {
		unsigned long higher = pfn & ~((2UL << order) - 1);
		unsigned long higher_buddy = higher ^ (2UL << order);

		to_tail = page_is_buddy(mm, zone, higher_buddy, order + 1);
	}
	add_to_free_list(mm, zone, pfn, order, mt, to_tail);
}

/* expand(): split a 2^high block down to 2^low, freeing the upper halves. */
static void expand(struct mm_state *mm, struct zone *zone, unsigned long pfn,
		   unsigned int low, unsigned int high, int mt)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		add_to_free_list(mm, zone, pfn + size, high, mt, false);
	}
}

static unsigned long rmqueue_smallest(struct mm_state *mm, struct zone *zone,
				      unsigned int order, int mt)
{
	for (unsigned int o = order; o < NR_PAGE_ORDERS; o++) {
		unsigned long pfn = zone->free_area[o].free_list[mt].head;

		if (pfn == PFN_NONE)
			continue;
		del_page_from_free_list(mm, zone, pfn, o);
		expand(mm, zone, pfn, order, o, mt);
		pfn_to_page(mm, pfn)->list_mt = (uint8_t)mt;	/* set_pcppage_migratetype() */
		zone->nr_free_pages -= 1UL << order;
		return pfn;
	}
	return PFN_NONE;
}

/* ======================================================================
 * Fallback and stealing
 * ====================================================================== */

static const int fallbacks[MIGRATE_PCPTYPES][2] = {
	[MIGRATE_UNMOVABLE]	= { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
	[MIGRATE_MOVABLE]	= { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
	[MIGRATE_RECLAIMABLE]	= { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE },
};

static bool can_steal_fallback(const struct mm_state *mm, unsigned int order, int start_mt)
{
	if (order >= pageblock_order)
		return true;
	return order >= pageblock_order / 2 || start_mt == MIGRATE_RECLAIMABLE ||
	       start_mt == MIGRATE_UNMOVABLE || mm->page_group_by_mobility_disabled;
}

static int find_suitable_fallback_only(const struct mm_state *mm, const struct free_area *area,
				       unsigned int order, int mt, bool only_stealable, bool *can_steal)
{
	*can_steal = false;
	if (!area->nr_free)
		return -1;
	for (int i = 0; i < 2; i++) {
		int fmt = fallbacks[mt][i];

		if (area->free_list[fmt].head == PFN_NONE)
			continue;
		if (can_steal_fallback(mm, order, mt))
			*can_steal = true;
		if (!only_stealable || *can_steal)
			return fmt;
	}
	return -1;
}

static int find_suitable_fallback(const struct mm_state *mm, const struct free_area *area,
				  unsigned int order, int mt, bool *can_steal)
{
	return find_suitable_fallback_only(mm, area, order, mt, false, can_steal);
}

bool zone_has_free_block(const struct mm_state *mm, const struct zone *zone, unsigned int order,
			 int migratetype)
{
	for (unsigned int o = order; o < NR_PAGE_ORDERS; o++) {
		const struct free_area *area = &zone->free_area[o];
		bool can_steal;

		if (area->free_list[migratetype].head != PFN_NONE)
			return true;
		if (migratetype < MIGRATE_PCPTYPES &&
		    find_suitable_fallback_only(mm, area, o, migratetype, true, &can_steal) != -1)
			return true;
	}
	return false;
}

unsigned long isolate_free_page(struct mm_state *mm, struct zone *zone, unsigned long pfn,
				unsigned int order)
{
	/* __isolate_free_page(): never take the zone below its min watermark */
	if (!zone_watermark_ok(zone, 0, zone->_watermark[WMARK_MIN] + (1UL << order), 0, ALLOC_CMA))
		return 0;
	del_page_from_free_list(mm, zone, pfn, order);
	zone->nr_free_pages -= 1UL << order;
	return 1UL << order;
}

void free_to_buddy(struct mm_state *mm, unsigned long pfn, unsigned int order)
{
	struct zone *zone = pfn_zone(mm, pfn);

	for (unsigned long i = 0; i < (1UL << order); i++) {
		struct page *p = pfn_to_page(mm, pfn + i);

		p->flags = 0;
		p->owner = 0;
		if (p->memcg_id)
			mem_cgroup_uncharge(mm, p);
	}
	free_one_page_nolock(mm, zone, pfn, order, get_pageblock_migratetype(mm, pfn));
}

/* boost_watermark(): after a fallback, reclaim a little to undo it. */
static bool boost_watermark(const struct mm_state *mm, struct zone *zone)
{
	unsigned long max_boost;

	if (!mm->watermark_boost_factor)
		return false;
	if (pageblock_nr_pages * 4 > zone->managed_pages)
		return false;
	max_boost = zone->_watermark[WMARK_HIGH] * mm->watermark_boost_factor / 10000;
	if (!max_boost)
		return false;
	if (max_boost < pageblock_nr_pages)
		max_boost = pageblock_nr_pages;
	zone->watermark_boost += pageblock_nr_pages;
	if (zone->watermark_boost > max_boost)
		zone->watermark_boost = max_boost;
	return true;
}

/*
 * move_freepages_block(): move the free pages of @pfn's pageblock to @mt's
 * lists; count the allocated movable pages.  Returns the free pages moved,
 * 0 if the block is not wholly inside the zone.
 */
static unsigned long move_freepages_block(struct mm_state *mm, struct zone *zone,
					  unsigned long pfn, int mt, unsigned long *movable)
{
	unsigned long start = pfn & ~(pageblock_nr_pages - 1);
	unsigned long end = start + pageblock_nr_pages;
	unsigned long moved = 0;

	*movable = 0;
	if (!zone_spans_pfn(zone, start) || !zone_spans_pfn(zone, end - 1))
		return 0;
	for (unsigned long p = start; p < end;) {
		struct page *page = pfn_to_page(mm, p);

		if (!(page->flags & PG_buddy)) {
			if (page->flags & PG_movable)
				(*movable)++;
			p++;
			continue;
		}
		move_to_free_list(mm, zone, p, page->order, mt);
		moved += 1UL << page->order;
		p += 1UL << page->order;
	}
	return moved;
}

static void steal_suitable_fallback(struct mm_state *mm, struct zone *zone, unsigned long pfn,
				    unsigned int alloc_flags, int start_type, bool whole_block)
{
	unsigned int current_order = pfn_to_page(mm, pfn)->order;
	int old_type = get_pageblock_migratetype(mm, pfn);
	unsigned long free_pages, movable_pages, alike_pages;

	if (old_type == MIGRATE_HIGHATOMIC)
		goto single_page;
	if (current_order >= pageblock_order) {
		/* change_pageblock_range(): take every block the page covers */
		for (unsigned long p = pfn; p < pfn + (1UL << current_order); p += pageblock_nr_pages)
			set_pageblock_migratetype(mm, p, start_type);
		goto single_page;
	}
	if (boost_watermark(mm, zone) && (alloc_flags & ALLOC_KSWAPD))
		zone->boosted_watermark = true;
	if (!whole_block)
		goto single_page;
	free_pages = move_freepages_block(mm, zone, pfn, start_type, &movable_pages);
	if (!free_pages)
		goto single_page;
	if (start_type == MIGRATE_MOVABLE)
		alike_pages = movable_pages;
	else if (old_type == MIGRATE_MOVABLE)
		alike_pages = pageblock_nr_pages - (free_pages + movable_pages);
	else
		alike_pages = 0;
	if (free_pages + alike_pages >= (1UL << (pageblock_order - 1)) ||
	    mm->page_group_by_mobility_disabled) {
		set_pageblock_migratetype(mm, pfn, start_type);
		mm->stats.pageblock_steals++;
	}
	return;
single_page:
	move_to_free_list(mm, zone, pfn, current_order, start_type);
}

static bool rmqueue_fallback(struct mm_state *mm, struct zone *zone, unsigned int order,
			     int start_mt, unsigned int alloc_flags)
{
	unsigned int min_order = (alloc_flags & ALLOC_NOFRAGMENT) ? pageblock_order : order;
	int current_order, fallback_mt = -1;
	unsigned long pfn;
	bool can_steal = false;

	for (current_order = MAX_PAGE_ORDER; current_order >= (int)min_order; current_order--) {
		fallback_mt = find_suitable_fallback(mm, &zone->free_area[current_order],
						     (unsigned int)current_order, start_mt, &can_steal);
		if (fallback_mt == -1)
			continue;
		/* A movable request that cannot steal takes the smallest fallback instead. */
		if (!can_steal && start_mt == MIGRATE_MOVABLE && (unsigned int)current_order > order) {
			for (current_order = (int)order; current_order < NR_PAGE_ORDERS; current_order++) {
				fallback_mt = find_suitable_fallback(mm, &zone->free_area[current_order],
								     (unsigned int)current_order,
								     start_mt, &can_steal);
				if (fallback_mt != -1)
					break;
			}
			MM_BUG_ON(current_order == NR_PAGE_ORDERS);
		}
		pfn = zone->free_area[current_order].free_list[fallback_mt].head;
		steal_suitable_fallback(mm, zone, pfn, alloc_flags, start_mt, can_steal);
		mm->stats.extfrag_events++;
		if (mm_trace_on(mm, MM_TRACE_PAGE_ALLOC_EXTFRAG))
			mm_trace(mm, MM_TRACE_PAGE_ALLOC_EXTFRAG,
				 "page=%016lx pfn=0x%lx alloc_order=%u fallback_order=%d "
				 "pageblock_order=%d alloc_migratetype=%d fallback_migratetype=%d "
				 "fragmenting=%d change_ownership=%d",
				 MM_VMEMMAP_BASE + pfn * MM_KERNEL_STRUCT_PAGE_SIZE, pfn, order,
				 current_order, pageblock_order, start_mt, fallback_mt,
				 current_order < pageblock_order,
				 get_pageblock_migratetype(mm, pfn) == start_mt);
		return true;
	}
	return false;
}

static unsigned long rmqueue_nopcp(struct mm_state *mm, struct zone *zone, unsigned int order,
				   int mt, unsigned int alloc_flags)
{
	unsigned long pfn;

	for (;;) {
		pfn = rmqueue_smallest(mm, zone, order, mt);
		if (pfn != PFN_NONE || !rmqueue_fallback(mm, zone, order, mt, alloc_flags))
			return pfn;
	}
}

/* ======================================================================
 * Per-CPU lists
 * ====================================================================== */

static bool pcp_allowed_order(unsigned int order)
{
	return order <= PAGE_ALLOC_COSTLY_ORDER || order == pageblock_order;
}

static unsigned int order_to_pindex(int mt, unsigned int order)
{
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		return NR_LOWORDER_PCP_LISTS;
	return MIGRATE_PCPTYPES * order + (unsigned int)mt;
}

static unsigned int pindex_to_order(unsigned int pindex)
{
	return pindex == NR_LOWORDER_PCP_LISTS ? pageblock_order : pindex / MIGRATE_PCPTYPES;
}

/* free_pcppages_bulk(): give @count pages back to the buddy, round robin from @pindex. */
static void free_pcppages_bulk(struct mm_state *mm, struct zone *zone, int count,
			       struct per_cpu_pages *pcp, unsigned int pindex)
{
	if (count > pcp->count)
		count = pcp->count;
	pindex = pindex ? pindex - 1 : NR_PCP_LISTS - 1;
	while (count > 0) {
		struct page_list *list;
		unsigned int order;

		do {
			if (++pindex > NR_PCP_LISTS - 1)
				pindex = 0;
			list = &pcp->lists[pindex];
		} while (list->head == PFN_NONE);
		order = pindex_to_order(pindex);
		do {
			unsigned long pfn = plist_last(mm, list);
			struct page *page = pfn_to_page(mm, pfn);

			plist_del(mm, list, pfn);
			page->flags &= ~PG_pcp;
			count -= 1 << order;
			pcp->count -= 1 << order;
			free_one_page_nolock(mm, zone, pfn, order, page->list_mt);
		} while (count > 0 && list->head != PFN_NONE);
	}
}

/*
 * The fast path pushes and pops at the head of a pcp list: these are
 * plist_add(.., false) and plist_del() of the head, inline so that an
 * order-0 alloc/free pair makes no calls.  Same links, same result.
 */
static inline void pcp_list_push(struct mm_state *mm, struct page_list *list, unsigned long pfn)
{
	struct page *page = pfn_to_page(mm, pfn);
	uint32_t first = list->head;

	if (first == PFN_NONE) {
		page->next = page->prev = (uint32_t)pfn;
	} else {
		struct page *head = pfn_to_page(mm, first);
		uint32_t last = head->prev;

		page->next = first;
		page->prev = last;
		pfn_to_page(mm, last)->next = (uint32_t)pfn;
		head->prev = (uint32_t)pfn;
	}
	list->head = (uint32_t)pfn;
	list->nr++;
}

static inline unsigned long pcp_list_pop(struct mm_state *mm, struct page_list *list)
{
	uint32_t pfn = list->head;

	__plist_del(mm, list, pfn);
	return pfn;
}

static unsigned long rmqueue_pcplist(struct mm_state *mm, struct zone *zone, unsigned int cpu,
				     unsigned int order, int mt, unsigned int alloc_flags)
{
	struct per_cpu_pages *pcp = &zone->pcp[cpu];
	struct page_list *list = &pcp->lists[order_to_pindex(mt, order)];
	unsigned long pfn;

	pcp->free_factor >>= 1;
	if (unlikely(list->head == PFN_NONE)) {
		int batch = pcp->batch, alloced = 0;

		if (batch > 1)
			batch = max_t(int, batch >> order, 2);
		/* rmqueue_bulk() */
		for (; alloced < batch; alloced++) {
			pfn = rmqueue_nopcp(mm, zone, order, mt, alloc_flags);
			if (pfn == PFN_NONE)
				break;
			pfn_to_page(mm, pfn)->flags |= PG_pcp;
			pfn_to_page(mm, pfn)->order = (uint8_t)order;
			plist_add(mm, list, pfn, true);
		}
		pcp->count += alloced << order;
		if (!alloced)
			return PFN_NONE;
	}
	pfn = pcp_list_pop(mm, list);
	pfn_to_page(mm, pfn)->flags &= ~PG_pcp;
	pcp->count -= 1 << order;
	return pfn;
}

static int nr_pcp_high(const struct per_cpu_pages *pcp, const struct zone *zone, bool free_high)
{
	if (!pcp->high || free_high)
		return 0;
	if (!zone->reclaim_active)
		return pcp->high;
	return min_t(int, pcp->batch << 2, pcp->high);
}

static int nr_pcp_free(struct per_cpu_pages *pcp, int high, int batch, bool free_high)
{
	int min_nr_free, max_nr_free;

	if (free_high)
		return pcp->count;
	if (high < batch)
		return 1;
	min_nr_free = batch;
	max_nr_free = high - batch;
	batch <<= pcp->free_factor;
	if (batch < max_nr_free)
		pcp->free_factor++;
	return batch < min_nr_free ? min_nr_free : batch > max_nr_free ? max_nr_free : batch;
}

/* ======================================================================
 * Allocation and freeing
 * ====================================================================== */

static void prep_new_page(struct mm_state *mm, unsigned long pfn, unsigned int order, int mt)
{
	uint32_t flags = mt == MIGRATE_MOVABLE ? PG_movable : 0;

	for (unsigned long i = 0; i < (1UL << order); i++)
		pfn_to_page(mm, pfn + i)->flags = flags | (i ? PG_tail : 0);
	pfn_to_page(mm, pfn)->flags |= order ? PG_head : 0;
	pfn_to_page(mm, pfn)->order = (uint8_t)order;
}

struct page *rmqueue(struct mm_state *mm, struct zone *zone, unsigned int cpu,
		     unsigned int order, int migratetype, unsigned int alloc_flags)
{
	unsigned long pfn = PFN_NONE;

	MM_BUG_ON(migratetype >= MIGRATE_PCPTYPES || cpu >= mm->nr_cpus);
	if (pcp_allowed_order(order))
		pfn = rmqueue_pcplist(mm, zone, cpu, order, migratetype, alloc_flags);
	if (pfn == PFN_NONE) {
		if (order > 0 && (alloc_flags & ALLOC_HARDER))
			pfn = rmqueue_smallest(mm, zone, order, MIGRATE_HIGHATOMIC);
		if (pfn == PFN_NONE)
			pfn = rmqueue_nopcp(mm, zone, order, migratetype, alloc_flags);
	}
	/* ZONE_BOOSTED_WATERMARK: a fallback boosted the watermark; kswapd reclaims to it */
	if (unlikely(zone->boosted_watermark)) {
		zone->boosted_watermark = false;
		if (mm->ops.wakeup_kswapd)
			mm->ops.wakeup_kswapd(mm, zone, 0, 0, zone->idx);
	}
	if (pfn == PFN_NONE)
		return NULL;
	if (likely(!order)) {
		/* prep_new_page() of one page, inlined */
		struct page *page = pfn_to_page(mm, pfn);

		page->flags = migratetype == MIGRATE_MOVABLE ? PG_movable : 0;
		page->order = 0;
	} else {
		prep_new_page(mm, pfn, order, migratetype);
	}
	mm->events[PGALLOC_DMA + zone->idx] += 1UL << order;
	return pfn_to_page(mm, pfn);
}

/*
 * pfn_zone() for the free fast path: the node whose span holds @pfn, then
 * its populated zone spanning @pfn, from the top (most pages are in the
 * highest zone).  The same answer as pfn_zone(): mm_init() lays nodes and
 * the zones inside each node out as disjoint pfn ranges, so at most one
 * populated zone spans @pfn.
 */
static inline struct zone *free_pages_zone(struct mm_state *mm, unsigned long pfn)
{
	for (int nid = 0; nid < mm->nr_nodes; nid++) {
		pg_data_t *pgdat = &mm->nodes[nid];

		if (pfn - pgdat->node_start_pfn >= pgdat->node_spanned_pages)
			continue;
		for (int z = pgdat->nr_zones - 1; z >= 0; z--)
			if (populated_zone(&pgdat->node_zones[z]) &&
			    zone_spans_pfn(&pgdat->node_zones[z], pfn))
				return &pgdat->node_zones[z];
		break;
	}
	return NULL;
}

void free_pages_cpu(struct mm_state *mm, struct page *page, unsigned int order, unsigned int cpu)
{
	unsigned long pfn = page_to_pfn(mm, page);
	struct zone *zone = free_pages_zone(mm, pfn);
	/* get_pageblock_migratetype(), inlined */
	int mt = mm->pageblock_flags[pfn >> pageblock_order] & PB_MIGRATE_MASK;
	struct per_cpu_pages *pcp;
	unsigned int pindex;
	bool free_high;
	int high;

	MM_BUG_ON(!zone || (page->flags & (PG_buddy | PG_pcp | PG_tail | PG_reserved)));
	MM_BUG_ON(order && (!(page->flags & PG_head) || page->order != order));
	mm->events[PGFREE] += 1UL << order;
	for (unsigned long i = 0; i < (1UL << order); i++) {
		struct page *p = pfn_to_page(mm, pfn + i);

		p->flags = 0;
		p->owner = 0;
		if (p->memcg_id)
			mem_cgroup_uncharge(mm, p);
	}
	if (!pcp_allowed_order(order) || mt == MIGRATE_ISOLATE) {
		free_one_page_nolock(mm, zone, pfn, order, mt);
		return;
	}
	/* free_unref_page(): highatomic and CMA pages go to the movable list */
	page->list_mt = (uint8_t)mt;
	if (mt >= MIGRATE_PCPTYPES)
		mt = MIGRATE_MOVABLE;
	/* free_unref_page_commit() */
	pcp = &zone->pcp[cpu];
	pindex = order_to_pindex(mt, order);
	page->flags = PG_pcp;
	page->order = (uint8_t)order;
	pcp_list_push(mm, &pcp->lists[pindex], pfn);
	pcp->count += 1 << order;
	free_high = pcp->free_factor && order && order <= PAGE_ALLOC_COSTLY_ORDER;
	high = nr_pcp_high(pcp, zone, free_high);
	if (pcp->count >= high)
		free_pcppages_bulk(mm, zone, nr_pcp_free(pcp, high, pcp->batch, free_high), pcp, pindex);
}

void drain_all_pages(struct mm_state *mm, struct zone *only)
{
	for (int nid = 0; nid < mm->nr_nodes; nid++)
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &mm->nodes[nid].node_zones[z];

			if (!populated_zone(zone) || (only && zone != only))
				continue;
			for (unsigned int cpu = 0; cpu < mm->nr_cpus; cpu++)
				free_pcppages_bulk(mm, zone, zone->pcp[cpu].count, &zone->pcp[cpu], 0);
		}
}

/* ======================================================================
 * __alloc_pages(): the fast path
 * ====================================================================== */

/* zone_watermark_fast(): the order-0 shortcut, then the full check. */
static inline bool zone_watermark_fast(struct zone *z, unsigned int order, unsigned long mark,
				       int highest_zoneidx, unsigned int alloc_flags, gfp_t gfp)
{
	if (!order) {
		long usable = (long)z->nr_free_pages;
		long reserved = (alloc_flags & (ALLOC_HARDER | ALLOC_OOM)) ? 0 :
				(long)z->nr_reserved_highatomic;

		usable -= usable < reserved ? usable : reserved;
		if (usable > (long)mark + z->lowmem_reserve[highest_zoneidx])
			return true;
	}
	if (zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags))
		return true;
	/* A GFP_ATOMIC order-0 request may ignore the boost at the min watermark. */
	if (!order && (gfp & GFPF_ATOMIC) && z->watermark_boost &&
	    (alloc_flags & ALLOC_WMARK_MASK) == WMARK_MIN)
		return zone_watermark_ok(z, order, z->_watermark[WMARK_MIN], highest_zoneidx,
					 alloc_flags);
	return false;
}

static int zone_nid(const struct zone *zone)
{
	return zone->zone_pgdat->node_id;
}

/* zone_statistics(): numa_hit/miss/foreign and numa_local/other. */
static void zone_statistics(struct mm_state *mm, const struct zone *preferred,
			    const struct zone *z, unsigned int cpu, unsigned long nr)
{
	if (zone_nid(z) == zone_nid(preferred)) {
		mm->events[NUMA_HIT] += nr;
	} else {
		mm->events[NUMA_MISS] += nr;
		mm->events[NUMA_FOREIGN] += nr;
	}
	mm->events[(int)mm->cpu_node[cpu] == zone_nid(z) ? NUMA_LOCAL : NUMA_OTHER] += nr;
}

/* alloc_pages_pcp_first_zone() repeats this loop's first iteration: keep the two in step. */
struct page *get_page_from_freelist(struct mm_state *mm, gfp_t gfp, unsigned int order,
				    unsigned int alloc_flags, const struct alloc_context *ac)
{
	bool no_fallback;

retry:
	no_fallback = alloc_flags & ALLOC_NOFRAGMENT;
	for (int i = 0; i < ac->nr_zones; i++) {
		struct zone *zone = ac->zonelist[i];
		unsigned long mark;
		struct page *page;

		if (ac->nodemask && !((ac->nodemask >> zone_nid(zone)) & 1))
			continue;
		/* Locality beats fragmentation avoidance: on a remote node drop NOFRAGMENT. */
		if (no_fallback && mm->nr_nodes > 1 && zone_nid(zone) != zone_nid(ac->preferred_zone)) {
			alloc_flags &= ~ALLOC_NOFRAGMENT;
			goto retry;
		}
		mark = wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK);
		if (!(alloc_flags & ALLOC_NO_WATERMARKS) &&
		    !zone_watermark_fast(zone, order, mark, ac->highest_zoneidx, alloc_flags, gfp))
			continue;	/* node_reclaim() would go here; node_reclaim_mode is 0 */
		page = rmqueue(mm, zone, ac->cpu, order, ac->migratetype, alloc_flags);
		if (page) {
			zone_statistics(mm, ac->preferred_zone, zone, ac->cpu, 1);
			return page;
		}
	}
	if (no_fallback) {
		alloc_flags &= ~ALLOC_NOFRAGMENT;
		goto retry;
	}
	return NULL;
}

/* The zonelist of ZONELIST_FALLBACK: nodes from the preferred one on, zones high to low. */
static void prepare_alloc_pages(struct mm_state *mm, gfp_t gfp, int preferred_nid,
				uint64_t nodemask, unsigned int cpu, struct alloc_context *ac)
{
	int nr_nodes = (gfp & GFPF_THISNODE) ? 1 : mm->nr_nodes;

	/*
	 * No memset of the whole context: it is 2.6 KB for 320 zonelist slots,
	 * and every reader stops at nr_zones, so only those entries are set.
	 */
	ac->nr_zones = 0;
	ac->preferred_zone = NULL;
	ac->highest_zoneidx = gfp_zone(gfp);
	ac->migratetype = gfp_migratetype(gfp);
	ac->nodemask = nodemask;
	ac->cpu = cpu;
	for (int n = 0, nid = preferred_nid; n < nr_nodes; n++) {
		/* (preferred_nid + n) % nr_nodes without a division per node */
		pg_data_t *pgdat = &mm->nodes[nid];

		if (++nid == mm->nr_nodes)
			nid = 0;

		for (int z = ac->highest_zoneidx; z >= 0; z--)
			if (populated_zone(&pgdat->node_zones[z]))
				ac->zonelist[ac->nr_zones++] = &pgdat->node_zones[z];
	}
	for (int i = 0; i < ac->nr_zones; i++)
		if (!nodemask || ((nodemask >> zone_nid(ac->zonelist[i])) & 1)) {
			ac->preferred_zone = ac->zonelist[i];
			break;
		}
}

/* alloc_flags_nofragment(): avoid fragmenting Normal while DMA32 sits below it. */
static unsigned int alloc_flags_nofragment(const struct mm_state *mm, const struct zone *zone,
					   gfp_t gfp)
{
	unsigned int flags = (gfp & GFPF_KSWAPD_RECLAIM) ? ALLOC_KSWAPD : 0;

	if (!zone || zone->idx != ZONE_NORMAL)
		return flags;
	if (mm->nr_nodes > 1 && !populated_zone(&zone->zone_pgdat->node_zones[ZONE_DMA32]))
		return flags;
	return flags | ALLOC_NOFRAGMENT;
}

/* ======================================================================
 * __alloc_pages_slowpath()
 * ====================================================================== */

static unsigned int gfp_to_alloc_flags(gfp_t gfp)
{
	unsigned int flags = ALLOC_WMARK_MIN | ALLOC_CPUSET;

	if (gfp & GFPF_HIGH)
		flags |= ALLOC_HIGH;
	if (gfp & GFPF_KSWAPD_RECLAIM)
		flags |= ALLOC_KSWAPD;
	if ((gfp & GFPF_ATOMIC) && !(gfp & GFPF_NOMEMALLOC)) {
		flags |= ALLOC_HARDER;
		flags &= ~ALLOC_CPUSET;
	}
	if (gfp_migratetype(gfp) == MIGRATE_MOVABLE)
		flags |= ALLOC_CMA;
	return flags;
}

static void wake_all_kswapds(struct mm_state *mm, unsigned int order, gfp_t gfp,
			     const struct alloc_context *ac)
{
	int last_nid = -1;

	if (!mm->ops.wakeup_kswapd)
		return;
	for (int i = 0; i < ac->nr_zones; i++) {
		struct zone *zone = ac->zonelist[i];

		if (zone_nid(zone) == last_nid)
			continue;
		last_nid = zone_nid(zone);
		mm->ops.wakeup_kswapd(mm, zone, gfp, order, ac->highest_zoneidx);
	}
}

static struct page *alloc_pages_direct_compact(struct mm_state *mm, gfp_t gfp, unsigned int order,
					       unsigned int alloc_flags,
					       const struct alloc_context *ac,
					       enum compact_priority prio,
					       enum compact_result *result)
{
	struct page *page = NULL;

	*result = COMPACT_SKIPPED;
	if (!order || !mm->ops.try_to_compact_pages || !(gfp & GFPF_IO))
		return NULL;
	*result = mm->ops.try_to_compact_pages(mm, ac, gfp, order, alloc_flags, prio, &page);
	if (*result == COMPACT_SKIPPED)
		return NULL;
	mm->events[COMPACTSTALL]++;
	if (!page)
		page = get_page_from_freelist(mm, gfp, order, alloc_flags, ac);
	if (page) {
		mm->events[COMPACTSUCCESS]++;
		return page;
	}
	mm->events[COMPACTFAIL]++;
	if (mm->ops.cond_resched)
		mm->ops.cond_resched(mm);
	return NULL;
}

static struct page *alloc_pages_direct_reclaim(struct mm_state *mm, gfp_t gfp, unsigned int order,
					       unsigned int alloc_flags,
					       const struct alloc_context *ac,
					       unsigned long *progress)
{
	struct page *page;

	*progress = 0;
	if (mm->ops.cond_resched)
		mm->ops.cond_resched(mm);
	/* try_to_free_pages() counts allocstall_<zone> itself, as do_try_to_free_pages() does */
	if (mm->ops.try_to_free_pages)
		*progress = mm->ops.try_to_free_pages(mm, ac, gfp, order);
	if (!*progress)
		return NULL;
	page = get_page_from_freelist(mm, gfp, order, alloc_flags, ac);
	if (!page) {
		/* unreserve_highatomic_pageblock() comes with the highatomic reserve */
		drain_all_pages(mm, NULL);
		page = get_page_from_freelist(mm, gfp, order, alloc_flags, ac);
	}
	return page;
}

/* should_reclaim_retry(): is there enough reclaimable memory to keep trying? */
static bool should_reclaim_retry(struct mm_state *mm, gfp_t gfp, unsigned int order,
				 const struct alloc_context *ac, unsigned int alloc_flags,
				 bool did_some_progress, int *no_progress_loops)
{
	if (did_some_progress && order <= PAGE_ALLOC_COSTLY_ORDER)
		*no_progress_loops = 0;
	else
		(*no_progress_loops)++;
	if (*no_progress_loops > MAX_RECLAIM_RETRIES)
		return false;
	for (int i = 0; i < ac->nr_zones; i++) {
		struct zone *zone = ac->zonelist[i];
		unsigned long available = zone->nr_free_pages;
		struct zone snapshot;

		if (mm->ops.zone_reclaimable_pages)
			available += mm->ops.zone_reclaimable_pages(mm, zone);
		snapshot = *zone;
		snapshot.nr_free_pages = available;
		if (zone_watermark_ok(&snapshot, order, min_wmark_pages(zone), ac->highest_zoneidx,
				      alloc_flags)) {
			if (!did_some_progress && mm->ops.congestion_wait &&
			    2 * zone->nr_write_pending > available - zone->nr_free_pages) {
				/* 5.15: wait for the writeback of what is reclaimable */
				mm->ops.congestion_wait(mm);
				return true;
			}
			if (mm->ops.cond_resched)
				mm->ops.cond_resched(mm);
			return true;
		}
	}
	return false;
}

/* should_compact_retry() */
static bool should_compact_retry(unsigned int order, enum compact_result result,
				 enum compact_priority *prio, int *compaction_retries)
{
	int max_retries = MAX_COMPACT_RETRIES;
	enum compact_priority min_priority;

	if (!order)
		return false;
	if (result == COMPACT_SUCCESS)
		(*compaction_retries)++;
	if (result == COMPACT_COMPLETE || result == COMPACT_DEFERRED ||
	    result == COMPACT_CONTENDED || result == COMPACT_PARTIAL_SKIPPED)
		goto check_priority;
	if (result == COMPACT_SKIPPED)
		return false;	/* compaction_zonelist_suitable() needs the compaction module */
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		max_retries /= 4;
	if (*compaction_retries <= max_retries)
		return true;
check_priority:
	min_priority = order > PAGE_ALLOC_COSTLY_ORDER ? MIN_COMPACT_COSTLY_PRIORITY :
							 MIN_COMPACT_PRIORITY;
	if (*prio > min_priority) {
		(*prio)--;
		*compaction_retries = 0;
		return true;
	}
	return false;
}

/*
 * __alloc_pages_slowpath() of 6.2, step by step (kernel_mm.md §2.8).  Not
 * modelled: cpuset and zonelist change retries, the highatomic reserve,
 * PF_MEMALLOC reserves, __GFP_NOFAIL's cpuset fallback.  An OOM victim
 * gets ALLOC_OOM (half the min watermark) but keeps the nodemask.
 */
static struct page *alloc_pages_slowpath(struct mm_state *mm, gfp_t gfp, unsigned int order,
					 struct alloc_context *ac)
{
	bool can_direct_reclaim = gfp & GFPF_DIRECT_RECLAIM;
	bool costly = order > PAGE_ALLOC_COSTLY_ORDER;
	enum compact_priority prio = DEF_COMPACT_PRIORITY;
	enum compact_result compact_result;
	int compaction_retries = 0, no_progress_loops = 0;
	unsigned long did_some_progress;
	unsigned int alloc_flags = gfp_to_alloc_flags(gfp);
	struct page *page;

	/* Babka's RFC records every high-order slow path entry failing for fragmentation */
	if (order && mm->track_demand)
		kcompactd_inc_free_target(mm, ac, order);
	if (alloc_flags & ALLOC_KSWAPD)
		wake_all_kswapds(mm, order, gfp, ac);
	page = get_page_from_freelist(mm, gfp, order, alloc_flags, ac);
	if (page)
		return page;
	/* Costly orders and unmovable high orders try async compaction first. */
	if (can_direct_reclaim && (costly || (order > 0 && ac->migratetype != MIGRATE_MOVABLE))) {
		page = alloc_pages_direct_compact(mm, gfp, order, alloc_flags, ac,
						  INIT_COMPACT_PRIORITY, &compact_result);
		if (page)
			return page;
		if (costly && (gfp & GFPF_NORETRY)) {
			if (compact_result == COMPACT_SKIPPED || compact_result == COMPACT_DEFERRED)
				goto nopage;
			prio = INIT_COMPACT_PRIORITY;
		}
	}
	for (;;) {
		if (alloc_flags & ALLOC_KSWAPD)
			wake_all_kswapds(mm, order, gfp, ac);
		/* __gfp_pfmemalloc_flags(): an OOM victim may use part of the reserve */
		if (!(gfp & GFPF_NOMEMALLOC) && current_is_oom_victim(mm))
			alloc_flags = ALLOC_OOM | (alloc_flags & (ALLOC_KSWAPD | ALLOC_CMA));
		page = get_page_from_freelist(mm, gfp, order, alloc_flags, ac);
		if (page)
			return page;
		if (!can_direct_reclaim)
			goto nopage;
		page = alloc_pages_direct_reclaim(mm, gfp, order, alloc_flags, ac, &did_some_progress);
		if (page)
			return page;
		page = alloc_pages_direct_compact(mm, gfp, order, alloc_flags, ac, prio,
						  &compact_result);
		if (page)
			return page;
		if (gfp & GFPF_NORETRY)
			goto nopage;
		if (costly && !(gfp & GFPF_RETRY_MAYFAIL))
			goto nopage;
		if (should_reclaim_retry(mm, gfp, order, ac, alloc_flags, did_some_progress,
					 &no_progress_loops))
			continue;
		if (did_some_progress > 0 &&
		    should_compact_retry(order, compact_result, &prio, &compaction_retries))
			continue;
		/* __alloc_pages_may_oom() */
		page = get_page_from_freelist(mm, gfp & ~GFPF_DIRECT_RECLAIM, order,
					      ALLOC_WMARK_HIGH | ALLOC_CPUSET, ac);
		if (page)
			return page;
		if (costly || (gfp & (GFPF_RETRY_MAYFAIL | GFPF_THISNODE)) ||
		    ac->highest_zoneidx < ZONE_NORMAL || !mm->ops.out_of_memory ||
		    !mm->ops.out_of_memory(mm, ac, gfp, order))
			goto nopage;
		/* a victim that failed even with the reserves must not loop: it exits */
		if ((alloc_flags & ALLOC_OOM) ||
		    ((gfp & GFPF_NOMEMALLOC) && current_is_oom_victim(mm)))
			goto nopage;
		no_progress_loops = 0;
	}
nopage:
	if (gfp & GFPF_NOFAIL) {
		/* Looping forever needs reclaim; without it, this fails like the rest. */
		MM_WARN_ON(!mm->ops.try_to_free_pages);
	}
	mm->stats.alloc_fail++;
	return NULL;
}

/*
 * The first iteration of get_page_from_freelist() without the zonelist.
 * The zonelist starts with the highest populated zone of the preferred
 * node, which is then also the preferred zone (if the nodemask allows the
 * node).  When that zone passes the low watermark and its pcp list for
 * the request has a page, get_page_from_freelist() takes that page on its
 * first iteration, and so does this, with the same watermark check, the
 * same rmqueue() and the same statistics.  Anything else (an empty pcp
 * list, a failed watermark, a remote or unpopulated node) returns NULL
 * having changed nothing, and the allocation goes the long way.
 */
static struct page *alloc_pages_pcp_first_zone(struct mm_state *mm, gfp_t gfp, unsigned int order,
					       int preferred_nid, uint64_t nodemask,
					       unsigned int cpu)
{
	pg_data_t *pgdat = &mm->nodes[preferred_nid];
	enum zone_type highest_zoneidx;
	unsigned int alloc_flags;
	struct zone *zone;
	struct page *page;
	int z, mt;

	if (!pcp_allowed_order(order) || (nodemask && !((nodemask >> preferred_nid) & 1)))
		return NULL;
	highest_zoneidx = gfp_zone(gfp);
	for (z = (int)highest_zoneidx; z >= 0 && !populated_zone(&pgdat->node_zones[z]); z--)
		;
	if (z < 0)
		return NULL;
	zone = &pgdat->node_zones[z];
	mt = gfp_migratetype(gfp);
	if (zone->pcp[cpu].lists[order_to_pindex(mt, order)].head == PFN_NONE)
		return NULL;
	alloc_flags = ALLOC_WMARK_LOW | alloc_flags_nofragment(mm, zone, gfp);
	if (!zone_watermark_fast(zone, order, wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK),
				 (int)highest_zoneidx, alloc_flags, gfp))
		return NULL;
	page = rmqueue(mm, zone, cpu, order, mt, alloc_flags);
	zone_statistics(mm, zone, zone, cpu, 1);
	return page;
}

struct page *alloc_pages_node(struct mm_state *mm, gfp_t gfp, unsigned int order,
			      int preferred_nid, uint64_t nodemask, unsigned int cpu)
{
	struct alloc_context ac;
	unsigned int alloc_flags;
	struct page *page;

	if (order > MAX_PAGE_ORDER || preferred_nid < 0 || preferred_nid >= mm->nr_nodes ||
	    cpu >= mm->nr_cpus) {
		MM_WARN_ON(order > MAX_PAGE_ORDER);
		return NULL;
	}
	page = alloc_pages_pcp_first_zone(mm, gfp, order, preferred_nid, nodemask, cpu);
	if (likely(page))
		return page;
	prepare_alloc_pages(mm, gfp, preferred_nid, nodemask, cpu, &ac);
	if (!ac.preferred_zone) {
		/* no usable zone in the nodemask: a failure all the same */
		mm->stats.alloc_fail++;
		return NULL;
	}
	alloc_flags = ALLOC_WMARK_LOW | alloc_flags_nofragment(mm, ac.preferred_zone, gfp);
	page = get_page_from_freelist(mm, gfp, order, alloc_flags, &ac);
	if (!page)
		page = alloc_pages_slowpath(mm, gfp, order, &ac);
	return page;
}

/* ======================================================================
 * Watermarks
 * ====================================================================== */

bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags)
{
	bool alloc_harder = alloc_flags & (ALLOC_HARDER | ALLOC_OOM);
	long free_pages = (long)z->nr_free_pages;
	long min = (long)mark;

	free_pages -= (1L << order) - 1;
	if (!alloc_harder)
		free_pages -= (long)z->nr_reserved_highatomic;
	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (alloc_harder)
		min -= (alloc_flags & ALLOC_OOM) ? min / 2 : min / 4;
	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;
	for (unsigned int o = order; o < NR_PAGE_ORDERS; o++) {
		const struct free_area *area = &z->free_area[o];

		if (!area->nr_free)
			continue;
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			if (area->free_list[mt].head != PFN_NONE)
				return true;
		if (alloc_harder && area->free_list[MIGRATE_HIGHATOMIC].head != PFN_NONE)
			return true;
	}
	return false;
}

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0;

	for (unsigned long bit = 1UL << 62; bit; bit >>= 2) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
	}
	return r;
}

#define for_each_populated_zone(mm, zone)						\
	for (int zi_ = 0; zi_ < (mm)->nr_nodes * MAX_NR_ZONES; zi_++)			\
		if (((zone) = &(mm)->nodes[zi_ / MAX_NR_ZONES].node_zones[zi_ % MAX_NR_ZONES]), \
		    populated_zone(zone))

void setup_per_zone_wmarks(struct mm_state *mm)
{
	unsigned long pages_min = mm->min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	struct zone *zone;

	for_each_populated_zone(mm, zone)
		if (zone->idx != ZONE_MOVABLE && zone->idx != ZONE_DEVICE)
			lowmem_pages += zone->managed_pages;
	for_each_populated_zone(mm, zone) {
		unsigned long tmp = lowmem_pages ? pages_min * zone->managed_pages / lowmem_pages : 0;
		unsigned long scaled = zone->managed_pages * mm->watermark_scale_factor / 10000;

		if (zone->idx == ZONE_MOVABLE || zone->idx == ZONE_DEVICE) {
			unsigned long min_pages = zone->managed_pages / 1024;

			if (min_pages < SWAP_CLUSTER_MAX)
				min_pages = SWAP_CLUSTER_MAX;
			if (min_pages > 128)
				min_pages = 128;
			zone->_watermark[WMARK_MIN] = min_pages;
		} else {
			zone->_watermark[WMARK_MIN] = tmp;
		}
		tmp = max_t(unsigned long, tmp >> 2, scaled);
		zone->watermark_boost = 0;
		zone->_watermark[WMARK_LOW] = zone->_watermark[WMARK_MIN] + tmp;
		zone->_watermark[WMARK_HIGH] = zone->_watermark[WMARK_LOW] + tmp;
		zone->_watermark[WMARK_PROMO] = zone->_watermark[WMARK_HIGH] + tmp;
	}
}

void setup_per_zone_lowmem_reserve(struct mm_state *mm)
{
	for (int nid = 0; nid < mm->nr_nodes; nid++) {
		pg_data_t *pgdat = &mm->nodes[nid];

		for (int i = 0; i < MAX_NR_ZONES - 1; i++) {
			struct zone *zone = &pgdat->node_zones[i];
			unsigned int ratio = mm->lowmem_reserve_ratio[i];
			bool clear = !ratio || !zone->managed_pages;
			unsigned long managed = 0;

			for (int j = i + 1; j < MAX_NR_ZONES; j++) {
				managed += pgdat->node_zones[j].managed_pages;
				zone->lowmem_reserve[j] = clear ? 0 : (long)(managed / ratio);
			}
		}
	}
}

int zone_batchsize(const struct zone *zone)
{
	unsigned long batch = zone->managed_pages >> 10;
	unsigned long pow = 1;

	if (batch > (1UL << 20) / PAGE_SIZE)
		batch = (1UL << 20) / PAGE_SIZE;
	batch /= 4;
	if (batch < 1)
		batch = 1;
	batch += batch / 2;
	while (pow * 2 <= batch)
		pow *= 2;
	return (int)pow - 1 > 0 ? (int)pow - 1 : 1;
}

int zone_highsize(const struct zone *zone, int batch, unsigned int nr_cpus)
{
	unsigned long high = low_wmark_pages(zone) / (nr_cpus ? nr_cpus : 1);

	return (int)max_t(unsigned long, high, (unsigned long)batch << 2);
}

/* ======================================================================
 * Setup
 * ====================================================================== */

static void zone_init(struct zone *zone, pg_data_t *pgdat, enum zone_type idx,
		      unsigned long start, unsigned long end)
{
	zone->zone_pgdat = pgdat;
	zone->idx = idx;
	zone->name = zone_names[idx];
	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			zone->free_area[o].free_list[mt].head = PFN_NONE;
	if (end <= start)
		return;
	zone->zone_start_pfn = start;
	zone->spanned_pages = end - start;
	zone->present_pages = end - start;
	zone->managed_pages = end - start;
}

/* Free [start, end) of @zone in the largest aligned blocks (memblock_free_pages()). */
static void free_range(struct mm_state *mm, struct zone *zone, unsigned long start, unsigned long end)
{
	while (start < end) {
		unsigned int order = MAX_PAGE_ORDER;

		while (order && ((start & ((1UL << order) - 1)) || start + (1UL << order) > end))
			order--;
		free_one_page_nolock(mm, zone, start, order, get_pageblock_migratetype(mm, start));
		start += 1UL << order;
	}
}

int mm_init(struct mm_state *mm, const struct mm_layout *layout)
{
	unsigned long pfn = 0, lowmem_kbytes = 0;
	struct zone *zone;

	memset(mm, 0, sizeof(*mm));
	if (layout->nr_nodes < 1 || layout->nr_nodes > MAX_NUMNODES || !layout->nr_cpus)
		return -EINVAL;
	for (int nid = 0; nid < layout->nr_nodes; nid++) {
		if (!layout->node[nid].pages || layout->node[nid].movable_pages > layout->node[nid].pages)
			return -EINVAL;
		mm->nr_pfns += layout->node[nid].pages;
	}
	if (mm->nr_pfns >= PFN_NONE)
		return -EINVAL;
	mm->nr_nodes = layout->nr_nodes;
	mm->nr_cpus = layout->nr_cpus;
	mm->watermark_scale_factor = layout->watermark_scale_factor ? layout->watermark_scale_factor : 10;
	mm->extfrag_threshold = 500;
	mm->compaction_proactiveness = 20;
	memcpy(mm->lowmem_reserve_ratio, default_lowmem_reserve_ratio, sizeof(mm->lowmem_reserve_ratio));
	mm->watermark_boost_factor = layout->watermark_boost_factor == UINT32_MAX ? 0 :
				     layout->watermark_boost_factor ? layout->watermark_boost_factor : 15000;
	mm->mem_map = big_calloc(mm->nr_pfns, sizeof(*mm->mem_map));
	mm->pageblock_flags = calloc((mm->nr_pfns + pageblock_nr_pages - 1) >> pageblock_order, 1);
	if (!mm->mem_map || !mm->pageblock_flags) {
		mm_release(mm);
		return -ENOMEM;
	}
	for (unsigned long i = 0; i < mm->nr_pfns; i++)
		mm->mem_map[i].next = mm->mem_map[i].prev = PFN_NONE;
	/* memmap_init(): every pageblock starts out MIGRATE_MOVABLE */
	for (unsigned long b = 0; b < (mm->nr_pfns + pageblock_nr_pages - 1) >> pageblock_order; b++)
		mm->pageblock_flags[b] = MIGRATE_MOVABLE;
	for (int nid = 0; nid < mm->nr_nodes; nid++) {
		pg_data_t *pgdat = &mm->nodes[nid];
		unsigned long start = pfn, end = pfn + layout->node[nid].pages;
		unsigned long movable = end - layout->node[nid].movable_pages;
		unsigned long bounds[MAX_NR_ZONES + 1] = {
			start,
			max_t(unsigned long, start, min_t(unsigned long, DMA_END_PFN, movable)),
			max_t(unsigned long, start, min_t(unsigned long, DMA32_END_PFN, movable)),
			movable, end, end,
		};

		pgdat->node_id = nid;
		pgdat->lruvec.nid = nid;
		for (int l = 0; l < NR_LRU_LISTS_MAX; l++)
			pgdat->lruvec.lists[l].head = PFN_NONE;
		pgdat->node_start_pfn = start;
		pgdat->node_spanned_pages = end - start;
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			unsigned long zs = max_t(unsigned long, bounds[z], start);

			zone_init(&pgdat->node_zones[z], pgdat, (enum zone_type)z, zs, bounds[z + 1]);
			if (populated_zone(&pgdat->node_zones[z]))
				pgdat->nr_zones = z + 1;
		}
		pfn = end;
	}
	mm->page_group_by_mobility_disabled = mm->nr_pfns < pageblock_nr_pages * MIGRATE_TYPES;
	for_each_populated_zone(mm, zone) {
		unsigned long start = zone->zone_start_pfn;

		zone->pcp = calloc(mm->nr_cpus, sizeof(*zone->pcp));
		if (!zone->pcp) {
			mm_release(mm);
			return -ENOMEM;
		}
		for (unsigned int cpu = 0; cpu < mm->nr_cpus; cpu++)
			for (int l = 0; l < NR_PCP_LISTS; l++)
				zone->pcp[cpu].lists[l].head = PFN_NONE;
		if (start == 0) {
			/* pfn 0 is never handed out */
			mm->mem_map[0].flags = PG_reserved;
			zone->managed_pages--;
			start = 1;
		}
		free_range(mm, zone, start, zone_end_pfn(zone));
		if (zone->idx <= ZONE_NORMAL)
			lowmem_kbytes += zone->managed_pages << (PAGE_SHIFT - 10);
	}
	if (layout->min_free_kbytes) {
		mm->min_free_kbytes = layout->min_free_kbytes;
	} else {
		/* calculate_min_free_kbytes() */
		mm->min_free_kbytes = int_sqrt(lowmem_kbytes * 16);
		if (mm->min_free_kbytes < 128)
			mm->min_free_kbytes = 128;
		if (mm->min_free_kbytes > 262144)
			mm->min_free_kbytes = 262144;
	}
	setup_per_zone_wmarks(mm);
	setup_per_zone_lowmem_reserve(mm);
	if (layout->cpu_node)
		for (unsigned int cpu = 0; cpu < mm->nr_cpus; cpu++)
			mm->cpu_node[cpu] = layout->cpu_node[cpu];
	for_each_populated_zone(mm, zone) {
		int batch = zone_batchsize(zone);
		unsigned int node_cpus = 0;
		int high;

		/* the high mark is split over the CPUs of the zone's node, all for a CPU-less node */
		for (unsigned int cpu = 0; cpu < mm->nr_cpus; cpu++)
			node_cpus += mm->cpu_node[cpu] == (unsigned int)zone->zone_pgdat->node_id;
		high = zone_highsize(zone, batch, node_cpus ? node_cpus : mm->nr_cpus);

		for (unsigned int cpu = 0; cpu < mm->nr_cpus; cpu++) {
			zone->pcp[cpu].batch = batch;
			zone->pcp[cpu].high = high;
		}
	}
	return 0;
}

void mm_release(struct mm_state *mm)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			free(mm->nodes[nid].node_zones[z].pcp);
	if (mm->mem_map)
		big_free(mm->mem_map, mm->nr_pfns, sizeof(*mm->mem_map));
	free(mm->pageblock_flags);
	memset(mm, 0, sizeof(*mm));
}

/* ======================================================================
 * Checker
 * ====================================================================== */

bool mm_check_invariants(struct mm_state *mm)
{
	uint8_t *seen = calloc(mm->nr_pfns ? mm->nr_pfns : 1, 1);
	struct zone *zone;
	bool ok = true;

#define CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "mmsim: mm: " __VA_ARGS__);	\
			fputc('\n', stderr);				\
			ok = false;					\
		}							\
	} while (0)

	if (!seen)
		return false;
	for_each_populated_zone(mm, zone) {
		unsigned long free_pages = 0;

		for (unsigned int o = 0; o < NR_PAGE_ORDERS; o++) {
			unsigned long blocks = 0;

			for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
				const struct page_list *list = &zone->free_area[o].free_list[mt];
				unsigned long n = 0;
				uint32_t pfn = list->head;

				if (pfn != PFN_NONE) {
					do {
						const struct page *page = pfn_to_page(mm, pfn);

						CHECK(page->flags & PG_buddy, "pfn %u on a free list without PG_buddy", pfn);
						CHECK(page->order == o, "pfn %u order %u on order-%u list", pfn, page->order, o);
						CHECK(page->list_mt == mt, "pfn %u list_mt %u on %s list", pfn, page->list_mt, migratetype_names[mt]);
						CHECK(!(pfn & ((1u << o) - 1)), "pfn %u not aligned to order %u", pfn, o);
						CHECK(zone_spans_pfn(zone, pfn) && zone_spans_pfn(zone, pfn + (1UL << o) - 1),
						      "free block %u/%u outside zone %s", pfn, o, zone->name);
						for (unsigned long i = 0; i < (1UL << o) && pfn + i < mm->nr_pfns; i++) {
							CHECK(!seen[pfn + i], "pfn %lu is in two places", pfn + i);
							seen[pfn + i] = 1;
						}
						n++;
						pfn = page->next;
					} while (pfn != list->head && n <= list->nr);
				}
				CHECK(n == list->nr, "zone %s order %u %s: list has %lu, count %u",
				      zone->name, o, migratetype_names[mt], n, list->nr);
				blocks += n;
				free_pages += n << o;
			}
			CHECK(blocks == zone->free_area[o].nr_free, "zone %s order %u: %lu blocks, nr_free %lu",
			      zone->name, o, blocks, zone->free_area[o].nr_free);
		}
		CHECK(free_pages == zone->nr_free_pages, "zone %s: %lu free pages listed, NR_FREE_PAGES %lu",
		      zone->name, free_pages, zone->nr_free_pages);
		for (unsigned int cpu = 0; cpu < mm->nr_cpus; cpu++) {
			const struct per_cpu_pages *pcp = &zone->pcp[cpu];
			long count = 0;

			for (unsigned int l = 0; l < NR_PCP_LISTS; l++) {
				const struct page_list *list = &pcp->lists[l];
				unsigned int order = pindex_to_order(l);
				uint32_t pfn = list->head;
				unsigned long n = 0;

				if (pfn != PFN_NONE) {
					do {
						const struct page *page = pfn_to_page(mm, pfn);

						CHECK(page->flags & PG_pcp, "pfn %u on a pcp list without PG_pcp", pfn);
						CHECK(zone_spans_pfn(zone, pfn), "pcp pfn %u outside zone %s", pfn, zone->name);
						for (unsigned long i = 0; i < (1UL << order) && pfn + i < mm->nr_pfns; i++) {
							CHECK(!seen[pfn + i], "pfn %lu is in two places", pfn + i);
							seen[pfn + i] = 1;
						}
						n++;
						pfn = page->next;
					} while (pfn != list->head && n <= list->nr);
				}
				CHECK(n == list->nr, "pcp list %u of cpu %u: %lu pages, count %u", l, cpu, n, list->nr);
				count += (long)(n << order);
			}
			CHECK(count == pcp->count, "zone %s cpu %u: pcp count %d, lists hold %ld",
			      zone->name, cpu, pcp->count, count);
		}
	}
	/* Pages not on any list must not claim to be free. */
	for (unsigned long pfn = 0; pfn < mm->nr_pfns; pfn++)
		if (!seen[pfn])
			CHECK(!(mm->mem_map[pfn].flags & (PG_buddy | PG_pcp)),
			      "pfn %lu marked free but on no list", pfn);
#undef CHECK
	free(seen);
	return ok;
}
