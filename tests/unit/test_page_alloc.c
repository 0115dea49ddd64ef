// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_page_alloc.c - the buddy allocator with exact expectations
 *
 * Two layouts: "small" is one node of 16 MiB (4096 pages, all ZONE_DMA,
 * pfn 0 reserved), "gig" one node of 1 GiB (DMA + DMA32).  Every test ends
 * with the invariant checker.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "mm/internal.h"

static struct mm_state mm;

static void init_layout(unsigned long pages, unsigned int cpus, bool boost)
{
	struct mm_layout layout = { .nr_nodes = 1, .nr_cpus = cpus };

	layout.node[0].pages = pages;
	if (!boost)
		layout.watermark_boost_factor = UINT32_MAX;	/* vm.watermark_boost_factor=0 */
	cr_assert(eq(int, mm_init(&mm, &layout), 0));
}

static void init_pages(unsigned long pages, unsigned int cpus)
{
	init_layout(pages, cpus, true);
}

static void fini(void)
{
	cr_assert(mm_check_invariants(&mm), "allocator invariants");
	mm_release(&mm);
}

TestSuite(page_alloc, .fini = fini);

static struct zone *zone_of(enum zone_type z)
{
	return &mm.nodes[0].node_zones[z];
}

static void buddyinfo(const struct zone *z, unsigned long out[NR_PAGE_ORDERS])
{
	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		out[o] = z->free_area[o].nr_free;
}

/*
 * 4096 pages, pfn 0 reserved: [1, 4096) is freed as one block of each
 * order 0..9 (1, 2-3, 4-7, ..., 512-1023), then 1024, 2048 and 3072 at
 * order 10.  min_free_kbytes = int_sqrt(4095 * 4 * 16) = 511 KB = 127
 * pages; gap = max(127 / 4, 4095 * 10 / 10000) = 31.
 */
Test(page_alloc, boot_layout_and_watermarks)
{
	unsigned long bi[NR_PAGE_ORDERS];
	struct zone *z;

	init_pages(4096, 1);
	z = zone_of(ZONE_DMA);
	buddyinfo(z, bi);
	for (int o = 0; o < MAX_PAGE_ORDER; o++)
		cr_assert(eq(u64, bi[o], 1), "order %d", o);
	cr_assert(eq(u64, bi[MAX_PAGE_ORDER], 3));
	cr_assert(eq(u64, z->nr_free_pages, 4095));
	cr_assert(eq(u64, z->managed_pages, 4095));
	cr_assert(eq(u64, z->present_pages, 4096));
	cr_assert(eq(u64, mm.min_free_kbytes, 511));
	cr_assert(eq(u64, z->_watermark[WMARK_MIN], 127));
	cr_assert(eq(u64, z->_watermark[WMARK_LOW], 158));
	cr_assert(eq(u64, z->_watermark[WMARK_HIGH], 189));
	cr_assert(eq(u64, z->_watermark[WMARK_PROMO], 220));
	cr_assert(eq(int, z->pcp[0].batch, 1));
	cr_assert(eq(int, z->pcp[0].high, 158));
	cr_assert(not(populated_zone(zone_of(ZONE_DMA32))));
	cr_assert(eq(int, mm.page_group_by_mobility_disabled, 0));
}

/* 1 GiB: DMA [0, 4096) and DMA32 [4096, 262144); watermarks split by size. */
Test(page_alloc, zones_of_a_gigabyte)
{
	struct zone *dma, *dma32;

	init_pages(262144, 2);
	dma = zone_of(ZONE_DMA);
	dma32 = zone_of(ZONE_DMA32);
	cr_assert(eq(u64, dma->zone_start_pfn, 0));
	cr_assert(eq(u64, dma->spanned_pages, 4096));
	cr_assert(eq(u64, dma32->zone_start_pfn, 4096));
	cr_assert(eq(u64, dma32->managed_pages, 258048));
	/* int_sqrt(262143 * 4 * 16) = 4095 KB = 1023 pages, split 4095 : 258048 */
	cr_assert(eq(u64, mm.min_free_kbytes, 4095));
	cr_assert(eq(u64, dma->_watermark[WMARK_MIN], 15));
	cr_assert(eq(u64, dma32->_watermark[WMARK_MIN], 1007));
	cr_assert(eq(u64, dma32->_watermark[WMARK_LOW], 1007 + 258));
	cr_assert(eq(u64, dma32->_watermark[WMARK_HIGH], 1007 + 2 * 258));
	/* lowmem_reserve: DMA keeps 258048 / 256 pages from requests that may use DMA32 */
	cr_assert(eq(i64, dma->lowmem_reserve[ZONE_DMA32], 1008));
	cr_assert(eq(i64, dma->lowmem_reserve[ZONE_NORMAL], 1008));
	cr_assert(eq(i64, dma32->lowmem_reserve[ZONE_NORMAL], 0));
	/* zone_batchsize: 258048 >> 10 = 252, / 4 = 63, rounddown_pow2(94) - 1 = 63 */
	cr_assert(eq(int, dma32->pcp[0].batch, 63));
	/* zone_highsize: low watermark 1265 split over 2 CPUs */
	cr_assert(eq(int, dma32->pcp[1].high, 632));
}

/* An order-5 block is split off the smallest fitting block and merges back. */
Test(page_alloc, split_then_merge_restores_the_layout)
{
	unsigned long before[NR_PAGE_ORDERS], after[NR_PAGE_ORDERS];
	struct zone *z;
	struct page *a, *b;

	init_pages(4096, 1);
	z = zone_of(ZONE_DMA);
	buddyinfo(z, before);
	a = rmqueue(&mm, z, 0, 5, MIGRATE_MOVABLE, 0);
	cr_assert(a != NULL);
	cr_assert(eq(u64, page_to_pfn(&mm, a), 32), "the free order-5 block at pfn 32");
	cr_assert(eq(u64, z->free_area[5].nr_free, 0));
	/* the next one splits the order-6 block at 64: 64 returned, 96 left at order 5 */
	b = rmqueue(&mm, z, 0, 5, MIGRATE_MOVABLE, 0);
	cr_assert(eq(u64, page_to_pfn(&mm, b), 64));
	cr_assert(eq(u64, z->free_area[6].nr_free, 0));
	cr_assert(eq(u64, z->free_area[5].nr_free, 1));
	cr_assert(eq(u64, z->free_area[5].free_list[MIGRATE_MOVABLE].head, 96));
	cr_assert(eq(u64, z->nr_free_pages, 4095 - 64));
	cr_assert(mm_check_invariants(&mm));
	free_pages_cpu(&mm, a, 5, 0);
	free_pages_cpu(&mm, b, 5, 0);
	buddyinfo(z, after);
	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		cr_assert(eq(u64, after[o], before[o]), "order %d", o);
	cr_assert(eq(u64, z->nr_free_pages, 4095));
	cr_assert(eq(u64, mm.events[PGALLOC_DMA], 64));
	cr_assert(eq(u64, mm.events[PGFREE], 64));
}

/*
 * An unmovable order-5 request in an all-movable zone falls back to the
 * largest movable block (order 10 at pfn 3072, the list head), which as a
 * whole-pageblock steal changes both its pageblocks to Unmovable; the
 * retry then splits it: 3072 is returned, 3104..3584 stay free at orders
 * 5..9 on the Unmovable lists.
 */
Test(page_alloc, unmovable_fallback_steals_whole_blocks)
{
	struct zone *z;
	struct page *p;

	init_pages(4096, 1);
	z = zone_of(ZONE_DMA);
	p = rmqueue(&mm, z, 0, 5, MIGRATE_UNMOVABLE, 0);
	cr_assert(eq(u64, page_to_pfn(&mm, p), 3072));
	cr_assert(eq(int, get_pageblock_migratetype(&mm, 3072), MIGRATE_UNMOVABLE));
	cr_assert(eq(int, get_pageblock_migratetype(&mm, 3584), MIGRATE_UNMOVABLE));
	cr_assert(eq(int, get_pageblock_migratetype(&mm, 2048), MIGRATE_MOVABLE));
	for (int o = 5; o <= 9; o++)
		cr_assert(eq(u64, z->free_area[o].free_list[MIGRATE_UNMOVABLE].head,
			     3072 + (1UL << o)), "order %d", o);
	cr_assert(eq(u64, mm.stats.extfrag_events, 1));
	free_pages_cpu(&mm, p, 5, 0);
	/* freed into an Unmovable block, it merges back into one order-10 block */
	cr_assert(eq(u64, z->free_area[10].free_list[MIGRATE_UNMOVABLE].nr, 1));
}

/* Take every free Movable block, each at its own order, so nothing falls back. */
static void take_all_movable(struct zone *z)
{
	for (int o = MAX_PAGE_ORDER; o >= 0; o--)
		while (z->free_area[o].free_list[MIGRATE_MOVABLE].head != PFN_NONE) {
			unsigned long pfn = z->free_area[o].free_list[MIGRATE_MOVABLE].head;
			struct page *q = rmqueue(&mm, z, 0, (unsigned int)o, MIGRATE_MOVABLE, 0);

			cr_assert(eq(u64, page_to_pfn(&mm, q), pfn));
		}
}

/*
 * Build the pageblock [3584, 4096) as Unmovable with its upper half free:
 * an unmovable order-9 request steals the order-10 block at 3072 (both
 * its pageblocks become Unmovable) and gets 3072; an order-8 one gets
 * 3584, leaving 3840 free at order 8.  With @extra_order7, 3840 is taken
 * too and only 3968 (order 7, 128 pages) stays free.  Then all Movable
 * memory is taken.
 */
static struct zone *half_free_unmovable_block(bool extra_order7)
{
	struct zone *z;

	init_pages(4096, 1);
	z = zone_of(ZONE_DMA);
	cr_assert(eq(u64, page_to_pfn(&mm, rmqueue(&mm, z, 0, 9, MIGRATE_UNMOVABLE, 0)), 3072));
	cr_assert(eq(u64, page_to_pfn(&mm, rmqueue(&mm, z, 0, 8, MIGRATE_UNMOVABLE, 0)), 3584));
	if (extra_order7)
		cr_assert(eq(u64, page_to_pfn(&mm, rmqueue(&mm, z, 0, 7, MIGRATE_UNMOVABLE, 0)), 3840));
	take_all_movable(z);
	cr_assert(eq(u64, mm.stats.extfrag_events, 1));
	return z;
}

/*
 * A movable order-0 request now falls back: the search from order 10 down
 * meets the Unmovable order-8 block at 3840 first; order 8 >= 9/2 lets a
 * movable request steal.  Stealing boosts the watermark (by a pageblock,
 * the cap being max(512, 189 * 15000 / 10000)), moves the block's 256
 * free pages to the Movable lists and, 256 + 0 alike >= 256, claims the
 * block.
 */
Test(page_alloc, movable_claims_a_half_free_block)
{
	struct zone *z = half_free_unmovable_block(false);
	struct page *p = rmqueue(&mm, z, 0, 0, MIGRATE_MOVABLE, 0);

	cr_assert(eq(u64, page_to_pfn(&mm, p), 3840));
	cr_assert(eq(int, get_pageblock_migratetype(&mm, 3584), MIGRATE_MOVABLE));
	cr_assert(eq(int, get_pageblock_migratetype(&mm, 3072), MIGRATE_UNMOVABLE));
	cr_assert(eq(u64, z->watermark_boost, 512));
	cr_assert(eq(u64, mm.stats.extfrag_events, 2));
	cr_assert(eq(u64, mm.stats.pageblock_steals, 1));
}

/* With only 128 of 512 pages free the block is not claimed; its free pages still move. */
Test(page_alloc, movable_does_not_claim_a_quarter_free_block)
{
	struct zone *z = half_free_unmovable_block(true);
	struct page *p = rmqueue(&mm, z, 0, 0, MIGRATE_MOVABLE, 0);

	cr_assert(eq(u64, page_to_pfn(&mm, p), 3968));
	cr_assert(eq(int, get_pageblock_migratetype(&mm, 3584), MIGRATE_UNMOVABLE));
	cr_assert(eq(u64, mm.stats.pageblock_steals, 0));
	/* the rest of 3968's order-7 block is now on Movable lists, orders 0..6 */
	for (int o = 0; o < 7; o++)
		cr_assert(eq(u32, z->free_area[o].free_list[MIGRATE_MOVABLE].nr, 1), "order %d", o);
}

/* Nothing free anywhere: the request fails and nothing changes. */
Test(page_alloc, empty_zone_fails_cleanly)
{
	struct zone *z = half_free_unmovable_block(true);

	cr_assert(rmqueue(&mm, z, 0, 0, MIGRATE_MOVABLE, 0) != NULL);
	take_all_movable(z);
	cr_assert(eq(ptr, rmqueue(&mm, z, 0, 0, MIGRATE_MOVABLE, 0), NULL));
	cr_assert(eq(ptr, rmqueue(&mm, z, 0, 3, MIGRATE_UNMOVABLE, 0), NULL));
	cr_assert(eq(u64, z->nr_free_pages, 0));
}

/* __zone_watermark_ok() at the boundaries, on a copy of the zone. */
Test(page_alloc, watermark_boundaries)
{
	struct zone z;

	init_pages(4096, 1);
	z = *zone_of(ZONE_DMA);
	z.nr_free_pages = 128;
	cr_assert(zone_watermark_ok(&z, 0, 127, ZONE_DMA, 0), "128 > 127");
	z.nr_free_pages = 127;
	cr_assert(not(zone_watermark_ok(&z, 0, 127, ZONE_DMA, 0)), "127 <= 127");
	/* ALLOC_HIGH: min 127 - 63 = 64 */
	z.nr_free_pages = 65;
	cr_assert(zone_watermark_ok(&z, 0, 127, ZONE_DMA, ALLOC_HIGH));
	z.nr_free_pages = 64;
	cr_assert(not(zone_watermark_ok(&z, 0, 127, ZONE_DMA, ALLOC_HIGH)));
	/* ALLOC_HARDER: 127 - 31 = 96; with ALLOC_HIGH: 64 - 16 = 48; OOM: 64 - 32 = 32 */
	z.nr_free_pages = 97;
	cr_assert(zone_watermark_ok(&z, 0, 127, ZONE_DMA, ALLOC_HARDER));
	z.nr_free_pages = 96;
	cr_assert(not(zone_watermark_ok(&z, 0, 127, ZONE_DMA, ALLOC_HARDER)));
	z.nr_free_pages = 48;
	cr_assert(not(zone_watermark_ok(&z, 0, 127, ZONE_DMA, ALLOC_HIGH | ALLOC_HARDER)));
	z.nr_free_pages = 49;
	cr_assert(zone_watermark_ok(&z, 0, 127, ZONE_DMA, ALLOC_HIGH | ALLOC_HARDER));
	z.nr_free_pages = 33;
	cr_assert(zone_watermark_ok(&z, 0, 127, ZONE_DMA, ALLOC_HIGH | ALLOC_OOM));
	z.nr_free_pages = 32;
	cr_assert(not(zone_watermark_ok(&z, 0, 127, ZONE_DMA, ALLOC_HIGH | ALLOC_OOM)));
	/* order 3 subtracts 7 pages, and needs a free block of order >= 3 (there is) */
	z.nr_free_pages = 135;
	cr_assert(zone_watermark_ok(&z, 3, 127, ZONE_DMA, 0));
	z.nr_free_pages = 134;
	cr_assert(not(zone_watermark_ok(&z, 3, 127, ZONE_DMA, 0)));
	/* a reserve for higher zones raises the bar */
	z.nr_free_pages = 200;
	z.lowmem_reserve[ZONE_NORMAL] = 73;
	cr_assert(not(zone_watermark_ok(&z, 0, 127, ZONE_NORMAL, 0)), "200 <= 127 + 73");
	cr_assert(zone_watermark_ok(&z, 0, 127, ZONE_DMA, 0));
}

/* Order > 0 needs a block that large on a usable list, whatever the count says. */
Test(page_alloc, high_order_watermark_needs_a_block)
{
	struct zone z;

	init_pages(4096, 1);
	z = *zone_of(ZONE_DMA);
	for (int o = 4; o < NR_PAGE_ORDERS; o++) {
		z.free_area[o].nr_free = 0;
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			z.free_area[o].free_list[mt].head = PFN_NONE;
	}
	z.nr_free_pages = 4000;
	cr_assert(zone_watermark_ok(&z, 3, 127, ZONE_DMA, 0));
	cr_assert(not(zone_watermark_ok(&z, 4, 127, ZONE_DMA, 0)));
}

/*
 * pcp on the 1 GiB DMA32 zone (batch 63, high = low watermark 1265 with
 * one CPU).  1300 order-0 allocations refill the list 21 times (1323
 * pages) and leave 23 on it.  Freeing them back: at 1265 the list is over
 * high and nr_pcp_free() gives back a batch (63 << free_factor 0), then 58
 * more frees end at 1260 with free_factor 1.  Those pages are not in
 * NR_FREE_PAGES; draining restores the boot layout exactly.
 */
Test(page_alloc, pcp_batches_and_drain)
{
	unsigned long before[NR_PAGE_ORDERS], after[NR_PAGE_ORDERS], free0;
	struct page **pages = malloc(1300 * sizeof(*pages));
	struct zone *z;

	init_pages(262144, 1);
	z = zone_of(ZONE_DMA32);
	buddyinfo(z, before);
	free0 = z->nr_free_pages;
	cr_assert(eq(int, z->pcp[0].high, 1265));
	for (int i = 0; i < 1300; i++) {
		pages[i] = rmqueue(&mm, z, 0, 0, MIGRATE_MOVABLE, 0);
		cr_assert(pages[i] != NULL);
	}
	cr_assert(eq(int, z->pcp[0].count, 23));
	cr_assert(eq(u64, z->nr_free_pages, free0 - 1323));
	for (int i = 0; i < 1300; i++)
		free_pages_cpu(&mm, pages[i], 0, 0);
	cr_assert(eq(int, z->pcp[0].count, 1260));
	cr_assert(eq(int, z->pcp[0].free_factor, 1));
	cr_assert(eq(u64, z->nr_free_pages, free0 - 1260));
	cr_assert(mm_check_invariants(&mm));
	drain_all_pages(&mm, NULL);
	cr_assert(eq(int, z->pcp[0].count, 0));
	cr_assert(eq(u64, z->nr_free_pages, free0));
	buddyinfo(z, after);
	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		cr_assert(eq(u64, after[o], before[o]), "order %d", o);
	free(pages);
}

/* Allocating everything, order by order, and freeing it all, in a scrambled order. */
Test(page_alloc, exhaust_and_refill)
{
	enum { N = 4095 };
	static struct page *pages[N + 1];	/* the last slot receives the failing NULL */
	unsigned long before[NR_PAGE_ORDERS], after[NR_PAGE_ORDERS];
	struct zone *z;
	int n = 0;

	init_pages(4096, 2);
	z = zone_of(ZONE_DMA);
	buddyinfo(z, before);
	while ((pages[n] = rmqueue(&mm, z, (unsigned int)n % 2, 0, MIGRATE_MOVABLE, 0)) != NULL)
		n++;
	cr_assert(eq(int, n, N), "every page can be allocated once");
	cr_assert(eq(u64, z->nr_free_pages, 0));
	cr_assert(mm_check_invariants(&mm));
	for (int i = 0; i < N; i++)
		free_pages_cpu(&mm, pages[(i * 8) % N], 0, (unsigned int)i % 2);	/* 8 is coprime to 4095 */
	drain_all_pages(&mm, NULL);
	buddyinfo(z, after);
	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		cr_assert(eq(u64, after[o], before[o]), "order %d", o);
}

/* Freeing a page twice is a bug the allocator catches at once. */
Test(page_alloc, double_free_aborts, .signal = SIGABRT)
{
	struct page *p;

	init_pages(4096, 1);
	p = rmqueue(&mm, zone_of(ZONE_DMA), 0, 5, MIGRATE_MOVABLE, 0);
	free_pages_cpu(&mm, p, 5, 0);
	free_pages_cpu(&mm, p, 5, 0);
}

/* ---- GFP flags and __alloc_pages() ---- */

Test(page_alloc, gfp_names_round_trip)
{
	char buf[256];
	gfp_t gfp;

	cr_assert(eq(int, gfp_parse("GFP_KERNEL|__GFP_NORETRY", &gfp), 0));
	cr_assert(eq(u32, gfp, GFP_KERNEL | GFPF_NORETRY));
	cr_assert(eq(str, (char *)gfp_format(gfp, buf, sizeof(buf)), "GFP_KERNEL|__GFP_NORETRY"));
	cr_assert(eq(str, (char *)gfp_format(GFP_TRANSHUGE, buf, sizeof(buf)), "GFP_TRANSHUGE"));
	cr_assert(eq(str, (char *)gfp_format(0, buf, sizeof(buf)), "none"));
	cr_assert(eq(int, gfp_parse("GFP_KERNAL", &gfp), -EINVAL));
	cr_assert(eq(int, gfp_zone(GFP_KERNEL), ZONE_NORMAL));
	cr_assert(eq(int, gfp_zone(GFP_HIGHUSER_MOVABLE), ZONE_MOVABLE));
	cr_assert(eq(int, gfp_zone(GFP_DMA32 | GFP_KERNEL), ZONE_DMA32));
	cr_assert(eq(int, gfp_migratetype(GFP_HIGHUSER_MOVABLE), MIGRATE_MOVABLE));
	cr_assert(eq(int, gfp_migratetype(GFP_KERNEL), MIGRATE_UNMOVABLE));
}

/*
 * GFP_KERNEL on a 16 MiB machine (only ZONE_DMA, min 127 pages), without
 * watermark boosting: the fast path stops at the low watermark, the slow
 * path at min; with nothing to reclaim, the 3969th order-0 page fails.
 * GFP_ATOMIC then goes down to 48 (min halved for __GFP_HIGH, less a
 * quarter for ALLOC_HARDER).
 */
Test(page_alloc, allocation_stops_at_the_watermarks)
{
	struct zone *z;
	int n = 0;

	init_layout(4096, 1, false);
	z = zone_of(ZONE_DMA);
	while (alloc_pages_node(&mm, GFP_KERNEL, 0, 0, 0, 0))
		n++;
	cr_assert(eq(int, n, 4095 - 127));
	cr_assert(eq(u64, z->nr_free_pages, 127));
	cr_assert(eq(u64, mm.stats.alloc_fail, 1));
	n = 0;
	while (alloc_pages_node(&mm, GFP_ATOMIC, 0, 0, 0, 0))
		n++;
	cr_assert(eq(int, n, 127 - 48));
	cr_assert(eq(u64, mm.events[NUMA_HIT], 4095 - 48));
	cr_assert(eq(u64, mm.events[NUMA_LOCAL], 4095 - 48));
	cr_assert(eq(u64, mm.events[PGALLOC_DMA], 4095 - 48));
}

/* Normal above DMA32: GFP_KERNEL gets ALLOC_NOFRAGMENT and steals only whole blocks. */
Test(page_alloc, nofragment_steals_whole_pageblocks)
{
	struct zone *normal;
	struct page *p;
	unsigned long pfn;
	int unmovable = 0;

	init_pages(5UL << 18, 1);		/* 5 GiB: DMA, DMA32 and 1 GiB of Normal */
	normal = zone_of(ZONE_NORMAL);
	cr_assert(eq(u64, normal->zone_start_pfn, 1UL << 20));
	p = alloc_pages_node(&mm, GFP_KERNEL, 0, 0, 0, 0);
	pfn = page_to_pfn(&mm, p);
	cr_assert(zone_spans_pfn(normal, pfn), "Normal is preferred");
	for (unsigned long b = normal->zone_start_pfn; b < zone_end_pfn(normal); b += pageblock_nr_pages)
		unmovable += get_pageblock_migratetype(&mm, b) == MIGRATE_UNMOVABLE;
	cr_assert(eq(int, unmovable, 2), "one order-10 block changed owner, no partial steal");
	cr_assert(eq(u64, normal->watermark_boost, 0), "whole-block steals do not boost");
}

struct mock {
	int reclaim_calls, compact_calls, kswapd_wakeups, oom_calls;
	int prio[8];
	struct page *stash[64];
	int nr_stash;
};

static struct mock mock;

static unsigned long mock_reclaim(struct mm_state *m, const struct alloc_context *ac, gfp_t gfp,
				  unsigned int order)
{
	int freed = 0;

	mock.reclaim_calls++;
	while (mock.nr_stash) {
		free_pages_cpu(m, mock.stash[--mock.nr_stash], 0, ac->cpu);
		freed++;
	}
	drain_all_pages(m, NULL);
	return (unsigned long)freed;
}

static enum compact_result mock_compact(struct mm_state *m, const struct alloc_context *ac,
					gfp_t gfp, unsigned int order, unsigned int alloc_flags,
					enum compact_priority prio, struct page **capture)
{
	mock.prio[mock.compact_calls++] = prio;
	return COMPACT_COMPLETE;
}

static void mock_kswapd(struct mm_state *m, struct zone *zone, gfp_t gfp, unsigned int order,
			enum zone_type highest)
{
	mock.kswapd_wakeups++;
}

/*
 * With boosting (the default), the unmovable requests take the three
 * order-10 blocks and the order-9 block whole (3584 pages, no boost), then
 * steal the order-8 block of the first pageblock, which is a partial steal:
 * the watermark is boosted by a pageblock (512, the cap), min becomes 639
 * and the next request fails with 510 pages free.  kswapd would reclaim
 * to undo the boost; there is none here.
 */
Test(page_alloc, partial_steal_boosts_the_watermark)
{
	struct zone *z;
	int n = 0;

	init_pages(4096, 1);
	z = zone_of(ZONE_DMA);
	while (alloc_pages_node(&mm, GFP_KERNEL, 0, 0, 0, 0))
		n++;
	cr_assert(eq(int, n, 3585));
	cr_assert(eq(u64, z->watermark_boost, 512));
	cr_assert(eq(u64, z->nr_free_pages, 510));
	cr_assert(eq(u64, min_wmark_pages(z), 639));
}

/* The slow path wakes kswapd, reclaims through the ops and retries. */
Test(page_alloc, slowpath_reclaims_through_the_ops)
{
	int n = 0;

	init_layout(4096, 1, false);
	memset(&mock, 0, sizeof(mock));
	/* 40 pages that "reclaim" will find, then everything down to min */
	for (int i = 0; i < 40; i++)
		mock.stash[mock.nr_stash++] = alloc_pages_node(&mm, GFP_KERNEL, 0, 0, 0, 0);
	while (alloc_pages_node(&mm, GFP_KERNEL, 0, 0, 0, 0))
		n++;
	cr_assert(eq(int, n, 4095 - 127 - 40));
	mm.ops.try_to_free_pages = mock_reclaim;
	mm.ops.wakeup_kswapd = mock_kswapd;
	cr_assert(alloc_pages_node(&mm, GFP_KERNEL, 0, 0, 0, 0) != NULL, "succeeds after reclaim");
	cr_assert(eq(int, mock.reclaim_calls, 1));
	cr_assert(eq(int, mock.kswapd_wakeups, 2), "woken on entry and on the retry");
	/* now nothing is left to reclaim: one more try, no progress, failure */
	while (alloc_pages_node(&mm, GFP_KERNEL, 0, 0, 0, 0))
		;
	cr_assert(eq(int, mock.reclaim_calls, 2));
}

/* A costly GFP_KERNEL request: async compaction first, then once at the default priority. */
Test(page_alloc, slowpath_compaction_priorities)
{
	init_pages(4096, 1);
	memset(&mock, 0, sizeof(mock));
	mm.ops.try_to_compact_pages = mock_compact;
	/* take every order >= 9 block so order 9 cannot be had */
	while (alloc_pages_node(&mm, GFP_KERNEL, 9, 0, 0, 0))
		;
	cr_assert(eq(int, mock.compact_calls, 2));
	cr_assert(eq(int, mock.prio[0], COMPACT_PRIO_ASYNC));
	cr_assert(eq(int, mock.prio[1], DEF_COMPACT_PRIORITY));
	cr_assert(eq(u64, mm.events[COMPACTSTALL], 2));
	cr_assert(eq(u64, mm.events[COMPACTFAIL], 2));
}

/* ---- /proc formats and fragmentation indexes ---- */

static char *capture(void (*show)(FILE *, struct mm_state *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	show(f, &mm);
	fclose(f);
	return buf;
}

Test(page_alloc, proc_buddyinfo_and_zoneinfo)
{
	char *s;

	init_pages(4096, 1);
	s = capture(mm_show_buddyinfo);
	cr_assert(eq(str, s, "Node 0, zone      DMA      1      1      1      1      1      1"
			     "      1      1      1      1      3 \n"));
	free(s);
	s = capture(mm_show_zoneinfo);
	cr_assert(strstr(s, "Node 0, zone      DMA\n  pages free     4095\n        boost    0\n"
			    "        min      127\n        low      158\n        high     189\n"
			    "        promo    220\n        spanned  4096\n        present  4096\n"
			    "        managed  4095\n        cma      0\n"
			    "        protection: (0, 0, 0, 0, 0)\n") != NULL, "%s", s);
	cr_assert(strstr(s, "Node 0, zone    DMA32\n  pages free     0\n") != NULL);
	cr_assert(strstr(s, "\n    cpu: 0\n              count: 0\n              high:  158\n"
			    "              batch: 1\n") != NULL);
	free(s);
	s = capture(mm_show_pagetypeinfo);
	cr_assert(strstr(s, "Node    0, zone      DMA, type      Movable      1      1      1      1"
			    "      1      1      1      1      1      1      3 \n") != NULL, "%s", s);
	cr_assert(strstr(s, "Node 0, zone      DMA            0            8            0            0"
			    "            0            0 \n") != NULL, "%s", s);
	free(s);
}

/*
 * With the order-10 and order-9 blocks taken, one block of each order 0..8
 * is left (511 pages in 9 blocks).  An order-9 request: fragmentation
 * index 1000 - (1000 + 511000 / 512) / 9 = 778, all free memory unusable;
 * order 4: 31 order-4 blocks' worth (496 pages) usable, 15 of 511 not.
 */
Test(page_alloc, fragmentation_indexes)
{
	struct zone *z;
	char *s;

	init_pages(4096, 1);
	z = zone_of(ZONE_DMA);
	cr_assert(eq(int, fragmentation_index(z, 10), -1000));
	for (int i = 0; i < 3; i++)
		cr_assert(rmqueue(&mm, z, 0, 10, MIGRATE_MOVABLE, 0) != NULL);
	cr_assert(rmqueue(&mm, z, 0, 9, MIGRATE_MOVABLE, 0) != NULL);
	cr_assert(eq(int, fragmentation_index(z, 9), 778));
	cr_assert(eq(int, unusable_free_index(z, 9), 1000));
	cr_assert(eq(int, unusable_free_index(z, 4), 29));
	cr_assert(eq(u32, extfrag_for_order(z, 9), 100));
	cr_assert(eq(u32, extfrag_for_order(z, 0), 0));
	s = capture(mm_show_extfrag_index);
	cr_assert(strstr(s, "-1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000 -1.000  0.778 ") != NULL,
		  "%s", s);
	free(s);
	s = capture(mm_show_unusable_index);
	cr_assert(strstr(s, " 0.000 0.001 0.005 0.013 0.029 ") != NULL, "%s", s);
	free(s);
}
