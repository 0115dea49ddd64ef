// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/compaction.c - memory compaction: migration and free scanners
 *
 * Models mm/compaction.c of the 6.x kernels (../shared/reference/
 * kernel_mm.md §3): compact_zone() runs a migration scanner up from the
 * bottom of the zone and a free scanner down from the top, one pageblock
 * at a time; the migration scanner isolates up to COMPACT_CLUSTER_MAX
 * movable pages from a suitable source block (async direct compaction:
 * only blocks of the request's mobility), the free scanner isolates free
 * pages from Movable blocks until there are as many as pages to migrate,
 * never splitting a free block of pageblock order, and never taking the
 * zone below its min watermark.  Blocks where nothing could be isolated
 * get their skip bit; cached scanner positions let the next run resume.
 * compact_finished() stops when the scanners meet or, at a pageblock
 * boundary of the migration scanner, when a free block of the order is
 * there (directly or by stealing).  Direct compaction captures the block
 * the moment it forms (compaction_capture()), so nobody else can split it.
 * compaction_suitable(), deferral (defer_shift up to 6) and
 * try_to_compact_pages() with its priorities are the kernel's, and so are
 * proactive compaction's fragmentation scores (extfrag at order 9, the
 * node's zones weighted by size), score watermarks from
 * vm.compaction_proactiveness and compact_node().
 *
 * The free scanner first tries the fast free-page search of 5.1+
 * (fast_isolate_freepages(): the Movable free lists below the request's
 * order, from their tails, for a block in the top quarter of the scan
 * space), then walks pageblocks down.
 *
 * Simplified: order-0 pages migrate, compound pages are skipped; the
 * fast migrate-block search (fast_find_migrateblock) is not modelled, the
 * migration scanner walks linearly; no lock contention, so async
 * compaction never aborts as contended; the free scanner's stride is one
 * pfn.  kcompactd, which runs all this in the background, is
 * mm/kcompactd.c.
 */
#include <errno.h>

#include "lib/compiler.h"
#include "mm/internal.h"

enum isolate_result {
	ISOLATE_ABORT,
	ISOLATE_NONE,
	ISOLATE_SUCCESS,
};

static unsigned long pageblock_start(unsigned long pfn)
{
	return pfn & ~(pageblock_nr_pages - 1);
}

static unsigned long pageblock_end(unsigned long pfn)
{
	return pageblock_start(pfn) + pageblock_nr_pages;
}

static bool isolation_suitable(const struct mm_state *mm, const struct compact_control *cc,
			       unsigned long pfn)
{
	return cc->ignore_skip_hint || !(mm->pageblock_flags[pfn >> pageblock_order] & PB_SKIP);
}

static void set_pageblock_skip(struct mm_state *mm, unsigned long pfn)
{
	mm->pageblock_flags[pfn >> pageblock_order] |= PB_SKIP;
}

void reset_isolation_suitable(struct mm_state *mm, struct zone *zone)
{
	for (unsigned long pfn = pageblock_start(zone->zone_start_pfn); pfn < zone_end_pfn(zone);
	     pfn += pageblock_nr_pages)
		mm->pageblock_flags[pfn >> pageblock_order] &= (uint8_t)~PB_SKIP;
	zone->compact_cached_migrate_pfn[0] = zone->compact_cached_migrate_pfn[1] =
		zone->zone_start_pfn;
	zone->compact_cached_free_pfn = pageblock_start(zone_end_pfn(zone) - 1);
	/* the kernel finds the highest block suitable as a target; the top block here */
	zone->compact_init_free_pfn = zone->compact_cached_free_pfn;
	zone->compact_blockskip_flush = false;
}

/* ======================================================================
 * Deferral
 * ====================================================================== */

void defer_compaction(struct zone *zone, int order)
{
	zone->compact_considered = 0;
	if (++zone->compact_defer_shift > COMPACT_MAX_DEFER_SHIFT)
		zone->compact_defer_shift = COMPACT_MAX_DEFER_SHIFT;
	if (order < zone->compact_order_failed)
		zone->compact_order_failed = order;
}

bool compaction_deferred(struct zone *zone, int order)
{
	unsigned long defer_limit = 1UL << zone->compact_defer_shift;

	if (order < zone->compact_order_failed)
		return false;
	if (++zone->compact_considered >= defer_limit) {
		zone->compact_considered = (unsigned int)defer_limit;
		return false;
	}
	return true;
}

void compaction_defer_reset(struct zone *zone, int order, bool alloc_success)
{
	if (alloc_success) {
		zone->compact_considered = 0;
		zone->compact_defer_shift = 0;
	}
	if (order >= zone->compact_order_failed)
		zone->compact_order_failed = order + 1;
}

bool compaction_restarting(const struct zone *zone, int order)
{
	if (order < zone->compact_order_failed)
		return false;
	return zone->compact_defer_shift == COMPACT_MAX_DEFER_SHIFT &&
	       zone->compact_considered >= 1UL << zone->compact_defer_shift;
}

/* ======================================================================
 * Suitability
 * ====================================================================== */

bool compaction_suitable(struct mm_state *mm, struct zone *zone, int order, int highest_zoneidx)
{
	unsigned long watermark = order > PAGE_ALLOC_COSTLY_ORDER ? low_wmark_pages(zone) :
								   min_wmark_pages(zone);

	/* compact_gap(): free pages to migrate into, twice the request */
	watermark += 2UL << order;
	if (!zone_watermark_ok(zone, 0, watermark, highest_zoneidx, ALLOC_CMA))
		return false;
	/* A costly request failing for lack of memory, not fragmentation: reclaim instead. */
	if (order > PAGE_ALLOC_COSTLY_ORDER) {
		int fragindex = fragmentation_index(zone, (unsigned int)order);

		if (fragindex >= 0 && fragindex <= (int)mm->extfrag_threshold)
			return false;
	}
	return true;
}

enum compact_result compaction_suit_allocation_order(struct mm_state *mm, struct zone *zone,
						     int order, int highest_zoneidx,
						     unsigned int alloc_flags)
{
	unsigned long watermark = wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK);

	if (zone_watermark_ok(zone, (unsigned int)order, watermark, highest_zoneidx, alloc_flags))
		return COMPACT_SUCCESS;
	if (!compaction_suitable(mm, zone, order, highest_zoneidx))
		return COMPACT_SKIPPED;
	return COMPACT_CONTINUE;
}

/* ======================================================================
 * The migration scanner
 * ====================================================================== */

static bool compact_scanners_met(const struct compact_control *cc)
{
	return cc->free_pfn >> pageblock_order <= cc->migrate_pfn >> pageblock_order;
}

static bool suitable_migration_source(const struct mm_state *mm, const struct compact_control *cc,
				      unsigned long pfn)
{
	int block_mt;

	if (cc->mode != MIGRATE_ASYNC || !cc->direct_compaction)
		return true;
	block_mt = get_pageblock_migratetype(mm, pfn);
	if (cc->migratetype == MIGRATE_MOVABLE)
		return block_mt == MIGRATE_MOVABLE || block_mt == MIGRATE_CMA;
	return block_mt == cc->migratetype;
}

static unsigned long isolate_migratepages_block(struct mm_state *mm, struct compact_control *cc,
						unsigned long low_pfn, unsigned long end_pfn)
{
	unsigned long nr_isolated = 0;

	for (; low_pfn < end_pfn; low_pfn++) {
		struct page *page = pfn_to_page(mm, low_pfn);

		cc->total_migrate_scanned++;
		if (page->flags & PG_buddy) {
			/* a free block: skip it whole, counting it as scanned as the kernel does */
			low_pfn += (1UL << page->order) - 1;
			cc->total_migrate_scanned += (1UL << page->order) - 1;
			continue;
		}
		if (page->flags & (PG_pcp | PG_reserved | PG_isolated | PG_tail))
			continue;
		if (page->flags & PG_head) {
			/* compound pages do not migrate here: skip_isolation_on_order() */
			low_pfn += (1UL << page->order) - 1;
			cc->total_migrate_scanned += (1UL << page->order) - 1;
			continue;
		}
		if (!page->owner || !isolate_movable_page(mm, page))
			continue;
		page->flags |= PG_isolated;
		cc->migratepages[cc->nr_migratepages++] = low_pfn;
		nr_isolated++;
		if (cc->nr_migratepages >= COMPACT_CLUSTER_MAX) {
			low_pfn++;
			break;
		}
	}
	if (low_pfn >= end_pfn && !nr_isolated) {
		/* nothing to take from this block: skip it until the hints are reset */
		set_pageblock_skip(mm, end_pfn - 1);
		cc->zone->compact_cached_migrate_pfn[cc->mode != MIGRATE_ASYNC] = end_pfn;
	}
	mm->events[COMPACTISOLATED] += nr_isolated;
	return low_pfn;
}

static enum isolate_result isolate_migratepages(struct mm_state *mm, struct compact_control *cc)
{
	unsigned long low_pfn = cc->migrate_pfn;
	unsigned long block_end = pageblock_end(low_pfn);

	for (; block_end <= cc->free_pfn; low_pfn = block_end, block_end += pageblock_nr_pages) {
		unsigned long block_start = max_t(unsigned long, pageblock_start(low_pfn),
						  cc->zone->zone_start_pfn);

		if (block_end > zone_end_pfn(cc->zone))
			break;
		if (low_pfn == block_start && !isolation_suitable(mm, cc, low_pfn))
			continue;
		if (!suitable_migration_source(mm, cc, block_start))
			continue;
		cc->migrate_pfn = isolate_migratepages_block(mm, cc, low_pfn, block_end);
		return cc->nr_migratepages ? ISOLATE_SUCCESS : ISOLATE_NONE;
	}
	cc->migrate_pfn = low_pfn;
	return ISOLATE_NONE;
}

/* ======================================================================
 * The free scanner
 * ====================================================================== */

static bool suitable_migration_target(const struct mm_state *mm, const struct compact_control *cc,
				      unsigned long pfn)
{
	const struct page *page = pfn_to_page(mm, pfn);

	/* never split a free block of pageblock order */
	if ((page->flags & PG_buddy) && page->order >= pageblock_order)
		return false;
	if (cc->ignore_block_suitable)
		return true;
	return get_pageblock_migratetype(mm, pfn) == MIGRATE_MOVABLE;
}

/* Take the free block of @order at @pfn for the compactor; its pages, or 0. */
static unsigned long isolate_free_block(struct mm_state *mm, struct compact_control *cc,
					unsigned long pfn, unsigned int order)
{
	struct page *page = pfn_to_page(mm, pfn);
	unsigned long isolated = isolate_free_page(mm, cc->zone, pfn, order);

	if (!isolated)
		return 0;
	page->flags = PG_isolated;
	page->order = (uint8_t)order;
	/* the page's free-list links serve the compactor's own list */
	plist_add(mm, &cc->freepages[order], pfn, true);
	cc->nr_freepages += isolated;
	cc->nr_free_isolated += isolated;
	mm->events[COMPACTISOLATED] += isolated;	/* free pages count, as migrated ones do */
	return isolated;
}

/* Isolate free pages of [start, end) until there are enough; returns where it stopped. */
static unsigned long isolate_freepages_block(struct mm_state *mm, struct compact_control *cc,
					     unsigned long start, unsigned long end,
					     unsigned long *nr_isolated)
{
	unsigned long pfn;

	*nr_isolated = 0;
	for (pfn = start; pfn < end; pfn++) {
		struct page *page = pfn_to_page(mm, pfn);
		unsigned int order;
		unsigned long isolated;

		cc->total_free_scanned++;
		if (!(page->flags & PG_buddy))
			continue;
		order = page->order;
		isolated = isolate_free_block(mm, cc, pfn, order);
		if (!isolated)
			break;		/* the zone is at its min watermark */
		*nr_isolated += isolated;
		pfn += isolated - 1;
		if (cc->nr_freepages >= cc->nr_migratepages) {
			pfn++;
			break;
		}
	}
	return pfn;
}

/* freelist_scan_limit(): the fast searches look less far after each failure */
static unsigned int freelist_scan_limit(const struct compact_control *cc)
{
	unsigned int shift = cc->fast_search_fail < 31 ? cc->fast_search_fail : 31;

	return (COMPACT_CLUSTER_MAX >> shift) + 1;
}

/* next_search_order(): the orders below the request, round robin */
static int next_search_order(struct compact_control *cc, int order)
{
	order--;
	if (order < 0)
		order = cc->order - 1;
	if (order == cc->search_order) {
		/* wrapped around: start one lower next time */
		if (--cc->search_order < 0)
			cc->search_order = cc->order - 1;
		return -1;
	}
	return order;
}

/* fast_isolate_around(): the rest of the free pages of the block a fast search picked */
static void fast_isolate_around(struct mm_state *mm, struct compact_control *cc, unsigned long pfn)
{
	unsigned long start = max_t(unsigned long, pageblock_start(pfn), cc->zone->zone_start_pfn);
	unsigned long end = min_t(unsigned long, pageblock_end(pfn), zone_end_pfn(cc->zone));
	unsigned long nr_isolated;

	if (cc->nr_freepages >= cc->nr_migratepages)
		return;
	if (cc->direct_compaction && cc->mode == MIGRATE_ASYNC)
		return;		/* as little scanning as possible */
	if (isolate_freepages_block(mm, cc, start, end, &nr_isolated) == end)
		set_pageblock_skip(mm, start);	/* full or nearly: skip it next time */
}

/*
 * fast_isolate_freepages() (Mel Gorman, 5.1): before scanning pageblocks,
 * look at the Movable free lists of the orders below the request for a
 * free block in the top quarter of the space between the scanners (or,
 * failing that, the top half), a few entries per order, from the list
 * tails.  The list is rotated so the next search starts with entries not
 * seen yet.  A block found is isolated with the free pages around it.
 */
static void fast_isolate_freepages(struct mm_state *mm, struct compact_control *cc)
{
	unsigned int limit = max_t(unsigned int, 1, freelist_scan_limit(cc) >> 1);
	unsigned long nr_scanned = 0, total_isolated = 0, highest = 0, distance, low_pfn, min_pfn;
	unsigned long page_pfn = PFN_NONE;
	struct zone *zone = cc->zone;
	bool scan_start = false;
	int order;

	if (cc->order <= 0)
		return;		/* whole-zone compaction scans linearly */
	if (cc->free_pfn >= zone->compact_init_free_pfn) {
		/* a scan that is starting looks deeper and falls back on the highest pfn seen */
		limit = pageblock_nr_pages >> 1;
		scan_start = true;
	}
	distance = cc->free_pfn - cc->migrate_pfn;
	low_pfn = pageblock_start(cc->free_pfn - (distance >> 2));
	min_pfn = pageblock_start(cc->free_pfn - (distance >> 1));
	if (cc->search_order > cc->order - 1)
		cc->search_order = cc->order - 1;

	for (order = cc->search_order; page_pfn == PFN_NONE && order >= 0;
	     order = next_search_order(cc, order)) {
		struct page_list *list = &zone->free_area[order].free_list[MIGRATE_MOVABLE];
		unsigned long high_pfn = 0, pfn = PFN_NONE, last = PFN_NONE;
		unsigned int order_scanned = 0;

		if (list->head == PFN_NONE)
			continue;
		/* from the tail backwards */
		for (pfn = pfn_to_page(mm, list->head)->prev;; pfn = pfn_to_page(mm, pfn)->prev) {
			order_scanned++;
			nr_scanned++;
			last = pfn;
			if (pfn >= highest)
				highest = max_t(unsigned long, pageblock_start(pfn),
						zone->zone_start_pfn);
			if (pfn >= low_pfn) {
				cc->fast_search_fail = 0;
				cc->search_order = order;
				page_pfn = pfn;
				break;
			}
			if (pfn >= min_pfn && pfn > high_pfn) {
				high_pfn = pfn;
				limit >>= 1;	/* a candidate: shorten the search */
			}
			if (order_scanned >= limit || pfn == list->head)
				break;
		}
		if (page_pfn == PFN_NONE && high_pfn)
			page_pfn = last = high_pfn;
		/* move_freelist_head(): the entries not looked at come first next time */
		list->head = (uint32_t)last;
		if (page_pfn != PFN_NONE) {
			unsigned long n = isolate_free_block(mm, cc, page_pfn, (unsigned int)order);

			if (n) {
				nr_scanned += n - 1;
				total_isolated += n;
			} else {
				/* at the min watermark: stop searching */
				order = cc->search_order + 1;
				page_pfn = PFN_NONE;
			}
		}
		if (cc->nr_freepages >= cc->nr_migratepages)
			break;
		if (order_scanned >= limit)
			limit = max_t(unsigned int, 1, limit >> 1);
	}
	if (mm_trace_on(mm, MM_TRACE_COMPACTION_FAST_ISOLATE_FREEPAGES))
		mm_trace(mm, MM_TRACE_COMPACTION_FAST_ISOLATE_FREEPAGES,
			 "range=(0x%lx ~ 0x%lx) nr_scanned=%lu nr_taken=%lu", min_pfn, cc->free_pfn,
			 nr_scanned, total_isolated);
	if (page_pfn == PFN_NONE) {
		cc->fast_search_fail++;
		if (scan_start) {
			/* the highest pfn seen above min, else (direct compaction) min itself */
			if (highest >= min_pfn) {
				page_pfn = highest;
				cc->free_pfn = highest;
			} else if (cc->direct_compaction) {
				page_pfn = min_pfn;
				cc->free_pfn = min_pfn;
			}
		}
	}
	if (highest && highest >= zone->compact_cached_free_pfn)
		zone->compact_cached_free_pfn = highest - pageblock_nr_pages;
	cc->total_free_scanned += nr_scanned;
	if (page_pfn != PFN_NONE)
		fast_isolate_around(mm, cc, page_pfn);
}

static void isolate_freepages(struct mm_state *mm, struct compact_control *cc)
{
	unsigned long block_start = pageblock_start(cc->free_pfn);
	unsigned long low_pfn = pageblock_end(cc->migrate_pfn);
	unsigned long isolate_start = cc->free_pfn;

	fast_isolate_freepages(mm, cc);
	if (cc->nr_freepages)
		return;
	block_start = pageblock_start(cc->free_pfn);
	isolate_start = cc->free_pfn;
	for (; block_start >= low_pfn; block_start -= pageblock_nr_pages,
	     isolate_start = block_start) {
		unsigned long block_end = min_t(unsigned long, block_start + pageblock_nr_pages,
						zone_end_pfn(cc->zone));
		unsigned long first = max_t(unsigned long, isolate_start, cc->zone->zone_start_pfn);
		unsigned long nr_isolated, stop;

		if (first < block_start)
			first = block_start;
		if (!suitable_migration_target(mm, cc, block_start) ||
		    !isolation_suitable(mm, cc, block_start))
			goto next;
		stop = isolate_freepages_block(mm, cc, first, block_end, &nr_isolated);
		if (!nr_isolated && stop >= block_end && first == block_start)
			set_pageblock_skip(mm, block_start);
		if (cc->nr_freepages >= cc->nr_migratepages) {
			/* resume here next time if the block was not finished */
			cc->free_pfn = stop < block_end ? stop : block_start - pageblock_nr_pages;
			return;
		}
next:
		if (block_start < pageblock_nr_pages)
			break;
	}
	/* nothing more below: the free scanner has met the migration scanner */
	cc->free_pfn = low_pfn >= pageblock_nr_pages ? low_pfn - pageblock_nr_pages : 0;
}

/* compaction_alloc(): the smallest isolated free block, split down to one page. */
static unsigned long compaction_alloc(struct mm_state *mm, struct compact_control *cc)
{
	for (int pass = 0; pass < 2; pass++) {
		for (unsigned int o = 0; o < NR_PAGE_ORDERS; o++) {
			struct page_list *list = &cc->freepages[o];
			unsigned long pfn = list->head;
			struct page *page;

			if (pfn == PFN_NONE)
				continue;
			page = pfn_to_page(mm, pfn);
			plist_del(mm, list, pfn);
			/* keep the upper halves, each still isolated */
			while (o > 0) {
				unsigned long half = pfn + (1UL << (o - 1));
				struct page *hp = pfn_to_page(mm, half);

				hp->flags = PG_isolated;
				hp->order = (uint8_t)--o;
				plist_add(mm, &cc->freepages[o], half, true);
			}
			page->flags = 0;
			page->order = 0;
			cc->nr_freepages--;
			return pfn;
		}
		if (pass == 0)
			isolate_freepages(mm, cc);
	}
	return PFN_NONE;
}

static void release_freepages(struct mm_state *mm, struct compact_control *cc)
{
	for (unsigned int o = 0; o < NR_PAGE_ORDERS; o++) {
		struct page_list *list = &cc->freepages[o];

		while (list->head != PFN_NONE) {
			unsigned long pfn = list->head;

			plist_del(mm, list, pfn);
			cc->nr_freepages -= 1UL << o;
			free_to_buddy(mm, pfn, o);
		}
	}
}

static void putback_movable_pages(struct mm_state *mm, struct compact_control *cc, unsigned long from)
{
	for (unsigned long i = from; i < cc->nr_migratepages; i++) {
		struct page *page = pfn_to_page(mm, cc->migratepages[i]);

		page->flags &= ~PG_isolated;
		putback_movable_page(mm, page);
	}
	cc->nr_migratepages = 0;
}

/* migrate_pages() with compaction_alloc() as the target allocator. */
static int migrate_pages(struct mm_state *mm, struct compact_control *cc)
{
	for (unsigned long i = 0; i < cc->nr_migratepages; i++) {
		unsigned long src_pfn = cc->migratepages[i];
		struct page *src = pfn_to_page(mm, src_pfn);
		unsigned long dst_pfn = compaction_alloc(mm, cc);
		struct page *dst;

		if (dst_pfn == PFN_NONE) {
			putback_movable_pages(mm, cc, i);
			return -ENOMEM;
		}
		dst = pfn_to_page(mm, dst_pfn);
		src->flags &= ~PG_isolated;
		if (migrate_one_page(mm, dst, src)) {
			putback_movable_page(mm, src);
			free_to_buddy(mm, dst_pfn, 0);
			continue;
		}
		cc->nr_migrated++;
		free_to_buddy(mm, src_pfn, 0);
	}
	cc->nr_migratepages = 0;
	return 0;
}

/* ======================================================================
 * compact_zone()
 * ====================================================================== */

static enum compact_result compact_finished(struct mm_state *mm, struct compact_control *cc)
{
	struct zone *zone = cc->zone;

	if (compact_scanners_met(cc)) {
		zone->compact_cached_migrate_pfn[0] = zone->compact_cached_migrate_pfn[1] =
			zone->zone_start_pfn;
		zone->compact_cached_free_pfn = pageblock_start(zone_end_pfn(zone) - 1);
		if (cc->direct_compaction)
			zone->compact_blockskip_flush = true;
		return cc->whole_zone ? COMPACT_COMPLETE : COMPACT_PARTIAL_SKIPPED;
	}
	if (cc->target_driven) {
		enum compact_result r = kcompactd_finished(zone);

		return r == COMPACT_CONTINUE ? COMPACT_CONTINUE : r;
	}
	if (cc->proactive_compaction) {
		/* stop once this zone's own score is at the low watermark */
		return fragmentation_score_zone(zone) > fragmentation_score_wmark(mm, true) ?
		       COMPACT_CONTINUE : COMPACT_SUCCESS;
	}
	if (cc->order == -1)
		return COMPACT_CONTINUE;
	/* only check for success when the migration scanner finished a block */
	if (cc->migrate_pfn & (pageblock_nr_pages - 1))
		return COMPACT_CONTINUE;
	if (zone_has_free_block(mm, zone, (unsigned int)cc->order, cc->migratetype))
		return COMPACT_SUCCESS;
	return COMPACT_CONTINUE;
}

static const char *const compact_result_names[] = {
	[COMPACT_NOT_SUITABLE_ZONE] = "not_suitable_zone",
	[COMPACT_SKIPPED] = "skipped",
	[COMPACT_DEFERRED] = "deferred",
	[COMPACT_NO_SUITABLE_PAGE] = "no_suitable_page",
	[COMPACT_CONTINUE] = "continue",
	[COMPACT_COMPLETE] = "complete",
	[COMPACT_PARTIAL_SKIPPED] = "partial_skipped",
	[COMPACT_CONTENDED] = "contended",
	[COMPACT_SUCCESS] = "success",
};

/*
 * Spend the CPU time of the work done since the last call: the pfns both
 * scanners looked at and the pages migrated.  Other tasks run meanwhile
 * (the kernel drops the zone lock between batches and calls cond_resched()),
 * so the capture control is this task's only while it runs: it is put
 * aside for the wait, as current->capture_control would be.
 */
static void compact_charge(struct mm_state *mm, struct compact_control *cc,
			   struct capture_control *capc)
{
	unsigned long scanned = cc->total_migrate_scanned + cc->total_free_scanned;

	if (!mm->ops.charge)
		return;
	mm->capc = NULL;
	mm_charge(mm, MM_WORK_COMPACT_SCAN, scanned - cc->charged_scanned);
	mm_charge(mm, MM_WORK_MIGRATE_PAGE, cc->nr_migrated - cc->charged_migrated);
	if (mm->ops.cond_resched)
		mm->ops.cond_resched(mm);
	mm->capc = capc;
	cc->charged_scanned = scanned;
	cc->charged_migrated = cc->nr_migrated;
}

static void trace_compaction(struct mm_state *mm, enum mm_trace_event ev,
			     const struct compact_control *cc, enum compact_result status)
{
	const struct zone *zone = cc->zone;

	mm_trace(mm, ev, "zone_start=0x%lx migrate_pfn=0x%lx free_pfn=0x%lx zone_end=0x%lx, "
		 "mode=%s%s%s", zone->zone_start_pfn, cc->migrate_pfn,
		 cc->free_pfn, zone_end_pfn(zone), cc->mode != MIGRATE_ASYNC ? "sync" : "async",
		 ev == MM_TRACE_COMPACTION_END ? " status=" : "",
		 ev == MM_TRACE_COMPACTION_END ? compact_result_names[status] : "");
}

enum compact_result compact_zone(struct mm_state *mm, struct compact_control *cc,
				 struct capture_control *capc)
{
	struct zone *zone = cc->zone;
	unsigned long start = zone->zone_start_pfn, end = zone_end_pfn(zone);
	bool sync = cc->mode != MIGRATE_ASYNC;
	enum compact_result ret;

	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		cc->freepages[o] = (struct page_list){ PFN_NONE, 0 };
	cc->nr_freepages = cc->nr_migratepages = 0;
	cc->search_order = cc->order;
	if (cc->order != -1) {
		ret = compaction_suit_allocation_order(mm, zone, cc->order, cc->highest_zoneidx,
						       cc->alloc_flags);
		if (ret != COMPACT_CONTINUE)
			return ret;
	}
	if (compaction_restarting(zone, cc->order))
		reset_isolation_suitable(mm, zone);
	if (!zone->compact_cached_free_pfn || !zone_spans_pfn(zone, zone->compact_cached_free_pfn))
		zone->compact_cached_free_pfn = pageblock_start(end - 1);
	if (!zone_spans_pfn(zone, zone->compact_cached_migrate_pfn[sync]))
		zone->compact_cached_migrate_pfn[sync] = start;
	if (cc->whole_zone) {
		cc->migrate_pfn = start;
		cc->free_pfn = pageblock_start(end - 1);
	} else {
		cc->migrate_pfn = zone->compact_cached_migrate_pfn[sync];
		cc->free_pfn = zone->compact_cached_free_pfn;
		if (cc->migrate_pfn == start)
			cc->whole_zone = true;
	}
	if (mm_trace_on(mm, MM_TRACE_COMPACTION_BEGIN))
		trace_compaction(mm, MM_TRACE_COMPACTION_BEGIN, cc, COMPACT_CONTINUE);
	mm->capc = capc;
	while ((ret = compact_finished(mm, cc)) == COMPACT_CONTINUE) {
		unsigned long migrated = cc->nr_migrated, isolated;
		int err;

		if (isolate_migratepages(mm, cc) == ISOLATE_NONE) {
			/* a pageblock's worth of scanning between charges */
			if (cc->total_migrate_scanned + cc->total_free_scanned -
			    cc->charged_scanned >= pageblock_nr_pages)
				compact_charge(mm, cc, capc);
			continue;
		}
		isolated = cc->nr_migratepages;
		err = migrate_pages(mm, cc);
		if (mm_trace_on(mm, MM_TRACE_COMPACTION_MIGRATEPAGES))
			mm_trace(mm, MM_TRACE_COMPACTION_MIGRATEPAGES, "nr_migrated=%lu nr_failed=%lu",
				 cc->nr_migrated - migrated,
				 err ? 0 : isolated - (cc->nr_migrated - migrated));
		compact_charge(mm, cc, capc);
		if (err == -ENOMEM && !compact_scanners_met(cc)) {
			ret = COMPACT_CONTENDED;
			break;
		}
		if (capc && capc->page) {
			ret = COMPACT_SUCCESS;
			break;
		}
	}
	compact_charge(mm, cc, capc);
	mm->capc = NULL;
	putback_movable_pages(mm, cc, 0);
	release_freepages(mm, cc);
	if (!compact_scanners_met(cc)) {
		/* the next run resumes where these scanners stopped */
		zone->compact_cached_free_pfn = pageblock_start(max_t(unsigned long, cc->free_pfn, start));
		zone->compact_cached_migrate_pfn[sync] = cc->migrate_pfn;
	}
	mm->events[COMPACTMIGRATE_SCANNED] += cc->total_migrate_scanned;
	mm->events[COMPACTFREE_SCANNED] += cc->total_free_scanned;
	if (mm_trace_on(mm, MM_TRACE_COMPACTION_END))
		trace_compaction(mm, MM_TRACE_COMPACTION_END, cc, ret);
	return ret;
}

/* ======================================================================
 * Proactive compaction (kernel 5.9+, Nitin Gupta)
 * ====================================================================== */

unsigned int fragmentation_score_zone(const struct zone *zone)
{
	return extfrag_for_order(zone, COMPACTION_HPAGE_ORDER);
}

/* The zone's score weighted by its share of the node, so small zones count little. */
static unsigned int fragmentation_score_zone_weighted(const struct zone *zone)
{
	const pg_data_t *pgdat = zone->zone_pgdat;
	unsigned long node_present = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		node_present += pgdat->node_zones[z].present_pages;
	return (unsigned int)(zone->present_pages * fragmentation_score_zone(zone) / (node_present + 1));
}

unsigned int fragmentation_score_node(const pg_data_t *pgdat)
{
	unsigned int score = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		if (populated_zone(&pgdat->node_zones[z]))
			score += fragmentation_score_zone_weighted(&pgdat->node_zones[z]);
	return score;
}

/* fragmentation_score_wmark() of 6.x before the 2025 leeway change. */
unsigned int fragmentation_score_wmark(const struct mm_state *mm, bool low)
{
	unsigned int wmark_low = 100 - mm->compaction_proactiveness;

	if (wmark_low < 5)
		wmark_low = 5;
	return low ? wmark_low : min_t(unsigned int, wmark_low + 10, 100);
}

bool should_proactive_compact_node(const struct mm_state *mm, const pg_data_t *pgdat)
{
	if (!mm->compaction_proactiveness)
		return false;
	/* a running kswapd would also make this false; kswapd comes with reclaim */
	return fragmentation_score_node(pgdat) > fragmentation_score_wmark(mm, false);
}

void compact_node(struct mm_state *mm, pg_data_t *pgdat, bool proactive)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];
		struct compact_control cc = {
			.zone = zone,
			.order = -1,
			.mode = proactive ? MIGRATE_SYNC_LIGHT : MIGRATE_SYNC,
			.ignore_skip_hint = true,
			.whole_zone = true,
			.proactive_compaction = proactive,
			.highest_zoneidx = z,
		};

		if (!populated_zone(zone))
			continue;
		compact_zone(mm, &cc, NULL);
		if (proactive) {
			mm->events[KCOMPACTD_MIGRATE_SCANNED] += cc.total_migrate_scanned;
			mm->events[KCOMPACTD_FREE_SCANNED] += cc.total_free_scanned;
		}
	}
}

/* ======================================================================
 * Direct compaction
 * ====================================================================== */

enum compact_result try_to_compact_pages(struct mm_state *mm, const struct alloc_context *ac,
					 gfp_t gfp, unsigned int order, unsigned int alloc_flags,
					 enum compact_priority prio, struct page **capture)
{
	enum compact_result rc = COMPACT_SKIPPED;

	/* gfp_compaction_allowed() */
	if (!(gfp & GFPF_IO))
		return COMPACT_SKIPPED;
	if (mm_trace_on(mm, MM_TRACE_COMPACTION_TRY_TO_COMPACT_PAGES)) {
		char flags[256];

		mm_trace(mm, MM_TRACE_COMPACTION_TRY_TO_COMPACT_PAGES, "order=%u gfp_mask=%s priority=%d",
			 order, gfp_format(gfp, flags, sizeof(flags)), (int)prio);
	}
	for (int i = 0; i < ac->nr_zones; i++) {
		struct zone *zone = ac->zonelist[i];
		struct capture_control capc = { zone, order, ac->migratetype, NULL };
		struct compact_control cc = {
			.zone = zone,
			.order = (int)order,
			.migratetype = ac->migratetype,
			.alloc_flags = alloc_flags,
			.highest_zoneidx = ac->highest_zoneidx,
			.mode = prio == COMPACT_PRIO_ASYNC ? MIGRATE_ASYNC : MIGRATE_SYNC_LIGHT,
			.direct_compaction = true,
			.whole_zone = prio == MIN_COMPACT_PRIORITY,
			.ignore_skip_hint = prio == MIN_COMPACT_PRIORITY,
			.ignore_block_suitable = prio == MIN_COMPACT_PRIORITY,
		};
		enum compact_result status;

		if (ac->nodemask && !((ac->nodemask >> zone->zone_pgdat->node_id) & 1))
			continue;
		if (prio > MIN_COMPACT_PRIORITY && compaction_deferred(zone, (int)order)) {
			rc = max_t(int, rc, COMPACT_DEFERRED);
			continue;
		}
		status = compact_zone(mm, &cc, &capc);
		if (capc.page)
			*capture = capc.page;
		rc = max_t(int, rc, status);
		if (status == COMPACT_SUCCESS) {
			compaction_defer_reset(zone, (int)order, false);
			break;
		}
		if (prio != COMPACT_PRIO_ASYNC &&
		    (status == COMPACT_COMPLETE || status == COMPACT_PARTIAL_SKIPPED))
			defer_compaction(zone, (int)order);
	}
	return rc;
}

/* ======================================================================
 * The seed's alternative: Babka's 2017 "proactive kcompactd" RFC
 *
 * Not merged in the kernel; selectable as a kcompactd policy.  Demand is
 * recorded per order when an allocation fails for fragmentation (the
 * high-order check fails where an order-0 check of the same size would
 * pass); at each kcompactd run the counts become targets through a moving
 * average with coefficient 1/2, capped at the node's high watermark, and
 * are spread over the zones by size; a subsystem may also declare blocks
 * it needs (compaction_register_demand()).  Background compaction of a
 * zone stops when, walking from the highest order down, the free blocks
 * meet every order's target.  The model adds the RFC's second input as
 * its cover letter describes it: the recent success rate of background
 * runs; kcompactd_should_back_off() says when it is too low to go on.
 * ====================================================================== */

void kcompactd_inc_free_target(struct mm_state *mm, const struct alloc_context *ac,
			       unsigned int order)
{
	int last_nid = -1;

	if (!order)
		return;
	for (int i = 0; i < ac->nr_zones; i++) {
		struct zone *zone = ac->zonelist[i];
		unsigned long mark = low_wmark_pages(zone);

		/* the highest zone of each node */
		if (zone->zone_pgdat->node_id == last_nid)
			continue;
		last_nid = zone->zone_pgdat->node_id;
		if (!zone_watermark_ok(zone, order, mark, ac->highest_zoneidx, 0) &&
		    zone_watermark_ok(zone, 0, mark + (1UL << order) - 1, ac->highest_zoneidx, 0))
			zone->zone_pgdat->compact_free_target_demand[order]++;
	}
	(void)mm;
}

void compaction_register_demand(pg_data_t *pgdat, unsigned int order, unsigned long nr_blocks)
{
	pgdat->compact_free_target_registered[order] = nr_blocks;
}

void kcompactd_adjust_free_targets(pg_data_t *pgdat)
{
	unsigned long high = 0, managed = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		high += high_wmark_pages(&pgdat->node_zones[z]);
		managed += pgdat->node_zones[z].managed_pages;
	}
	for (unsigned int o = 1; o < NR_PAGE_ORDERS; o++) {
		unsigned long target = pgdat->compact_free_target_demand[o];

		pgdat->compact_free_target_demand[o] = 0;
		if (target)
			target += pgdat->compact_free_target_ema[o];	/* not enough last time */
		else
			target = (pgdat->compact_free_target_ema[o] + 1) / 2;	/* decay */
		if (target > high >> o)
			target = high >> o;
		pgdat->compact_free_target_ema[o] = target;
		if (target < pgdat->compact_free_target_registered[o])
			target = pgdat->compact_free_target_registered[o];
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			zone->compact_free_target[o] = managed ?
				(target * zone->managed_pages + managed - 1) / managed : 0;
		}
	}
}

enum compact_result kcompactd_finished(const struct zone *zone)
{
	unsigned long sum_nr_free = 0;
	bool any = false;

	if (zone->nr_free_pages < low_wmark_pages(zone))
		return COMPACT_PARTIAL_SKIPPED;
	for (int o = MAX_PAGE_ORDER; o > 0; o--) {
		unsigned long target = zone->compact_free_target[o];

		/* one free block of order o+1 makes two of order o */
		sum_nr_free = sum_nr_free * 2 + zone->free_area[o].nr_free;
		if (!target)
			continue;
		any = true;
		if (sum_nr_free < min_t(unsigned long, target, zone->nr_free_pages >> o))
			return COMPACT_CONTINUE;
	}
	return any ? COMPACT_SUCCESS : COMPACT_COMPLETE;
}

void kcompactd_record_result(pg_data_t *pgdat, bool success)
{
	/* moving average of background successes, coefficient 1/2, per mille */
	pgdat->compact_success_ema = (pgdat->compact_success_ema + (success ? 1000 : 0)) / 2;
}

bool kcompactd_should_back_off(const pg_data_t *pgdat, unsigned int min_success_permille)
{
	return pgdat->compact_success_ema < min_success_permille;
}
