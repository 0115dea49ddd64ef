// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_compaction.c - compaction, migration and deferral
 *
 * The fragmenter of Gupta's proactive-compaction test at small scale: a
 * 16 MiB machine (8 pageblocks, pfn 0 reserved) filled with order-0
 * movable pages owned by a test owner that tracks where each object
 * lives, then 3 of every 4 pages freed (the ones with pfn % 4 != 3).
 * Every test checks that each object's content tag survived.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mm/internal.h"

#define NPAGES 4096

static struct mm_state mm;

/* The owner: object i lives at pfn where[i] and holds tag 1000 + i. */
struct owner {
	unsigned long where[NPAGES];
	int nr;
	int refuse;		/* refuse this many migrations (-EAGAIN) */
	int isolated, migrated, putback;
};

static struct owner own;
static int owner_id;

static bool own_isolate(struct mm_state *m, struct page *page, void *ctx)
{
	struct owner *o = ctx;

	o->isolated++;
	return true;
}

static int own_migrate(struct mm_state *m, struct page *dst, struct page *src, void *ctx)
{
	struct owner *o = ctx;

	if (o->refuse) {
		o->refuse--;
		return -EAGAIN;
	}
	cr_assert(eq(u64, o->where[src->private_data], page_to_pfn(m, src)));
	o->where[dst->private_data] = page_to_pfn(m, dst);
	o->migrated++;
	return 0;
}

static void own_putback(struct mm_state *m, struct page *page, void *ctx)
{
	struct owner *o = ctx;

	o->putback++;
}

static const struct movable_operations own_ops = {
	.isolate_page = own_isolate,
	.migrate_page = own_migrate,
	.putback_page = own_putback,
};

static void check_tags(void)
{
	for (int i = 0; i < own.nr; i++) {
		struct page *page = pfn_to_page(&mm, own.where[i]);

		if (own.where[i] == PFN_NONE)
			continue;
		cr_assert(eq(u64, page->tag, 1000 + (uint64_t)i), "object %d at pfn %lu", i, own.where[i]);
		cr_assert(eq(u32, page->owner, owner_id));
		cr_assert(eq(u64, page->private_data, (uint64_t)i));
	}
}

static void fini(void)
{
	check_tags();
	cr_assert(mm_check_invariants(&mm), "allocator invariants");
	mm_release(&mm);
}

/* Fill memory with owned order-0 pages, then free those with pfn % 4 != 3. */
static struct zone *fragment(void)
{
	struct mm_layout layout = { .nr_nodes = 1, .nr_cpus = 1,
				    .watermark_boost_factor = UINT32_MAX };
	struct zone *z;
	struct page *p;

	layout.node[0].pages = NPAGES;
	cr_assert(eq(int, mm_init(&mm, &layout), 0));
	memset(&own, 0, sizeof(own));
	owner_id = mm_register_owner(&mm, &own_ops, &own);
	cr_assert(owner_id > 0);
	z = &mm.nodes[0].node_zones[ZONE_DMA];
	while ((p = rmqueue(&mm, z, 0, 0, MIGRATE_MOVABLE, 0)) != NULL) {
		p->owner = (uint32_t)owner_id;
		p->private_data = (uint64_t)own.nr;
		p->tag = 1000 + (uint64_t)own.nr;
		own.where[own.nr++] = page_to_pfn(&mm, p);
	}
	cr_assert(eq(int, own.nr, NPAGES - 1));
	for (int i = 0; i < own.nr; i++)
		if (own.where[i] % 4 != 3) {
			free_pages_cpu(&mm, pfn_to_page(&mm, own.where[i]), 0, 0);
			own.where[i] = PFN_NONE;
		}
	drain_all_pages(&mm, NULL);
	cr_assert(mm_check_invariants(&mm));
	return z;
}

TestSuite(compaction, .fini = fini);

/* 1024 pages in use, one in four of each block: nothing of order 3 or more is free. */
Test(compaction, fragmenter_leaves_no_high_order_block)
{
	struct zone *z = fragment();

	cr_assert(eq(u64, z->nr_free_pages, 4095 - 1024));
	for (int o = 2; o < NR_PAGE_ORDERS; o++)
		cr_assert(eq(u64, z->free_area[o].nr_free, 0), "order %d", o);
	cr_assert(eq(u64, z->free_area[1].nr_free, 1023));
	/* order 9: 1000 - (1000 + 3071000 / 512) / 2047 = 997: fragmentation, not lack of memory */
	cr_assert(eq(int, fragmentation_index(z, 9), 997));
	cr_assert(compaction_suitable(&mm, z, 9, ZONE_DMA));
}

/*
 * Compacting for order 9: the migration scanner empties block 0 (128
 * pages, in four batches of 32), which cannot become an order-9 block
 * (pfn 0 is reserved), then block 512; when its last batch is moved the
 * block merges into a free order-9 block and compaction succeeds.  The
 * targets come from the top of the zone.
 */
Test(compaction, compact_zone_frees_an_order9_block)
{
	struct zone *z = fragment();
	struct compact_control cc = {
		.zone = z, .order = 9, .migratetype = MIGRATE_MOVABLE,
		.highest_zoneidx = ZONE_DMA, .mode = MIGRATE_SYNC_LIGHT, .whole_zone = true,
	};

	cr_assert(eq(int, compact_zone(&mm, &cc, NULL), COMPACT_SUCCESS));
	cr_assert(eq(u64, cc.nr_migrated, 256));
	cr_assert(eq(int, own.migrated, 256));
	cr_assert(eq(u64, z->free_area[9].nr_free, 1));
	cr_assert(eq(u64, z->free_area[9].free_list[MIGRATE_MOVABLE].head, 512));
	for (int i = 0; i < own.nr; i++)
		if (own.where[i] != PFN_NONE)
			cr_assert(own.where[i] >= 1024, "object %d left in the low blocks", i);
	cr_assert(eq(u64, mm.events[PGMIGRATE_SUCCESS], 256));
	/* compact_isolated counts the free pages taken as targets too */
	cr_assert(eq(u64, mm.events[COMPACTISOLATED], 256 + cc.nr_free_isolated));
	cr_assert(cc.nr_free_isolated >= 256);
	cr_assert(mm.events[COMPACTFREE_SCANNED] > 0);
	cr_assert(eq(u64, mm.events[COMPACTMIGRATE_SCANNED], 1024), "two whole blocks scanned");
	cr_assert(eq(u64, z->nr_free_pages, 4095 - 1024), "migration moves pages, it frees none");
}

/*
 * The free scanner's fast search (fast_isolate_freepages()): for an
 * order-9 request it looks at the Movable lists of orders 8..0 from their
 * tails for a free block in the top quarter of the space between the
 * scanners, pageblocks [2560, 4096) here (free_pfn 3584, migrate_pfn 0),
 * and takes the free pages around it.  So every page moved lands up there,
 * and the fast searches succeed without a linear scan of the lower blocks.
 */
Test(compaction, fast_free_search_takes_targets_from_the_top_quarter)
{
	struct zone *z = fragment();
	struct compact_control cc = {
		.zone = z, .order = 9, .migratetype = MIGRATE_MOVABLE,
		.highest_zoneidx = ZONE_DMA, .mode = MIGRATE_SYNC_LIGHT, .whole_zone = true,
	};
	int moved = 0;

	cr_assert(eq(int, compact_zone(&mm, &cc, NULL), COMPACT_SUCCESS));
	for (int i = 0; i < own.nr; i++)
		if (own.where[i] != PFN_NONE && own.where[i] % 4 != 3) {
			moved++;
			cr_assert(own.where[i] >= 2560, "object %d moved to %u", i, own.where[i]);
		}
	cr_assert(eq(int, moved, 256));
	cr_assert(eq(u32, cc.fast_search_fail, 0));
	/*
	 * Targets are taken until each batch of 32 has one; free pages come as
	 * order-1 pairs and single pages, so a batch may take one page more:
	 * eight batches, at most 264.
	 */
	cr_assert(cc.nr_free_isolated >= 256 && cc.nr_free_isolated <= 264, "took %lu",
		  cc.nr_free_isolated);
}

/* Direct compaction captures the block as it forms: nobody else can take it. */
Test(compaction, direct_compaction_captures_the_block)
{
	struct zone *z = fragment();
	struct alloc_context ac = { .nr_zones = 1, .preferred_zone = z,
				    .migratetype = MIGRATE_MOVABLE, .highest_zoneidx = ZONE_DMA };
	struct page *captured = NULL;

	ac.zonelist[0] = z;
	cr_assert(eq(int, try_to_compact_pages(&mm, &ac, GFP_HIGHUSER_MOVABLE, 9, ALLOC_WMARK_MIN,
					       DEF_COMPACT_PRIORITY, &captured), COMPACT_SUCCESS));
	cr_assert(captured != NULL);
	cr_assert(eq(u64, page_to_pfn(&mm, captured), 512));
	cr_assert(eq(u64, z->free_area[9].nr_free, 0), "captured, not left on a free list");
	cr_assert(eq(u64, z->nr_free_pages, 4095 - 1024 - 512));
	cr_assert(eq(u32, captured->flags & PG_head, PG_head), "flags %#x", captured->flags);
	free_pages_cpu(&mm, captured, 9, 0);
	cr_assert(eq(u64, z->free_area[9].nr_free, 1));
}

/* Through the page allocator: a THP-like request succeeds by direct compaction. */
Test(compaction, alloc_pages_compacts_for_a_huge_page)
{
	struct zone *z = fragment();
	struct page *huge;

	mm.ops.try_to_compact_pages = try_to_compact_pages;
	huge = alloc_pages_node(&mm, GFP_TRANSHUGE, 9, 0, 0, 0);
	cr_assert(huge != NULL);
	cr_assert(eq(u64, page_to_pfn(&mm, huge), 512));
	cr_assert(eq(u64, mm.events[COMPACTSTALL], 1));
	cr_assert(eq(u64, mm.events[COMPACTSUCCESS], 1));
	free_pages_cpu(&mm, huge, 9, 0);
	(void)z;
}

/* An owner that refuses keeps its pages where they are; content is untouched. */
Test(compaction, refused_migration_puts_the_page_back)
{
	struct zone *z = fragment();
	struct compact_control cc = {
		.zone = z, .order = 9, .migratetype = MIGRATE_MOVABLE,
		.highest_zoneidx = ZONE_DMA, .mode = MIGRATE_SYNC_LIGHT, .whole_zone = true,
	};

	own.refuse = 5;
	cr_assert(eq(int, compact_zone(&mm, &cc, NULL), COMPACT_SUCCESS));
	cr_assert(eq(u64, mm.events[PGMIGRATE_FAIL], 5));
	cr_assert(eq(int, own.putback, 5));
	/* the five refused pages stay in block 0, so block 512 is still the one freed */
	cr_assert(eq(u64, z->free_area[9].free_list[MIGRATE_MOVABLE].head, 512));
}

/* Async direct compaction for an unmovable request uses only unmovable source blocks. */
Test(compaction, async_unmovable_skips_movable_sources)
{
	struct zone *z = fragment();
	struct compact_control cc = {
		.zone = z, .order = 9, .migratetype = MIGRATE_UNMOVABLE,
		.highest_zoneidx = ZONE_DMA, .mode = MIGRATE_ASYNC, .direct_compaction = true,
		.whole_zone = true,
	};
	enum compact_result r = compact_zone(&mm, &cc, NULL);

	cr_assert(eq(int, r, COMPACT_COMPLETE));
	cr_assert(eq(u64, cc.nr_migrated, 0));
	cr_assert(z->compact_blockskip_flush, "direct compaction that met asks for the skip bits to be flushed");
}

/* compaction_suitable(): not without free pages to migrate into. */
Test(compaction, unsuitable_without_room)
{
	struct zone *z = fragment();
	struct zone copy = *z;

	copy.nr_free_pages = low_wmark_pages(z) + 1024;	/* low + compact_gap(9) */
	cr_assert(not(compaction_suitable(&mm, &copy, 9, ZONE_DMA)));
	copy.nr_free_pages++;
	cr_assert(compaction_suitable(&mm, &copy, 9, ZONE_DMA));
	/* order 3 (not costly) checks min + 16 and ignores the fragmentation index */
	copy.nr_free_pages = min_wmark_pages(z) + 17;
	cr_assert(compaction_suitable(&mm, &copy, 3, ZONE_DMA));
}

/* Deferral: 1, 2, 4, ... 64 attempts skipped after each failure. */
Test(compaction, deferral_arithmetic)
{
	struct zone *z = fragment();
	int skipped = 0;

	z->compact_order_failed = 9;
	defer_compaction(z, 9);
	defer_compaction(z, 9);
	defer_compaction(z, 9);
	cr_assert(eq(u32, z->compact_defer_shift, 3));
	while (compaction_deferred(z, 9))
		skipped++;
	cr_assert(eq(int, skipped, 7), "the 8th attempt (1 << 3) may run");
	cr_assert(not(compaction_deferred(z, 8)), "lower orders than the failed one are never deferred");
	for (int i = 0; i < 10; i++)
		defer_compaction(z, 9);
	cr_assert(eq(u32, z->compact_defer_shift, COMPACT_MAX_DEFER_SHIFT));
	cr_assert(not(compaction_restarting(z, 9)));
	while (compaction_deferred(z, 9))
		;
	cr_assert(compaction_restarting(z, 9), "64 considered at the maximum shift");
	compaction_defer_reset(z, 9, true);
	cr_assert(eq(u32, z->compact_defer_shift, 0));
	cr_assert(eq(int, z->compact_order_failed, 10));
}

/*
 * Proactive compaction on the fragmenter: all 3071 free pages are in
 * blocks below order 9, so the zone score is 100 and the node score
 * 4096 * 100 / 4097 = 99, above the high watermark 90 (proactiveness 20).
 * compact_node() stops the zone at the low watermark 80: after block 512
 * the score is (3071 - 512) * 100 / 3071 = 83, after block 1024 it is 66.
 * That takes three blocks' worth of migrations, 384 pages.
 */
Test(compaction, proactive_compaction_stops_at_the_low_score)
{
	struct zone *z = fragment();
	pg_data_t *pgdat = &mm.nodes[0];

	cr_assert(eq(u32, fragmentation_score_zone(z), 100));
	cr_assert(eq(u32, fragmentation_score_node(pgdat), 99));
	cr_assert(eq(u32, fragmentation_score_wmark(&mm, true), 80));
	cr_assert(eq(u32, fragmentation_score_wmark(&mm, false), 90));
	cr_assert(should_proactive_compact_node(&mm, pgdat));
	compact_node(&mm, pgdat, true);
	cr_assert(eq(u32, fragmentation_score_zone(z), 66));
	cr_assert(eq(int, own.migrated, 384));
	cr_assert(eq(u64, z->free_area[9].nr_free, 2));
	cr_assert(not(should_proactive_compact_node(&mm, pgdat)));
	cr_assert(mm.events[KCOMPACTD_MIGRATE_SCANNED] > 0);
	/* proactiveness 0 switches it off; 100 puts the low watermark at its floor of 5 */
	mm.compaction_proactiveness = 0;
	cr_assert(not(should_proactive_compact_node(&mm, pgdat)));
	mm.compaction_proactiveness = 100;
	cr_assert(eq(u32, fragmentation_score_wmark(&mm, true), 5));
	cr_assert(eq(u32, fragmentation_score_wmark(&mm, false), 15));
}

/* vm.compact_memory: compact everything, as far as the scanners go. */
Test(compaction, compact_memory_compacts_the_whole_zone)
{
	struct zone *z = fragment();

	compact_node(&mm, &mm.nodes[0], false);
	/* the scanners meet in the middle: the low half is emptied into the high half */
	cr_assert(z->free_area[9].nr_free + 2 * z->free_area[10].nr_free >= 3,
		  "order-9 blocks: %lu, order-10: %lu", z->free_area[9].nr_free,
		  z->free_area[10].nr_free);
	cr_assert(eq(u32, fragmentation_score_zone(z) < 50, 1));
}

/* ---- Babka's 2017 RFC policy ---- */

static struct alloc_context zone_ac(struct zone *z)
{
	struct alloc_context ac = { .nr_zones = 1, .preferred_zone = z,
				    .migratetype = MIGRATE_MOVABLE, .highest_zoneidx = ZONE_DMA };

	ac.zonelist[0] = z;
	return ac;
}

/*
 * Three order-4 requests fail for fragmentation (order 0 at the same size
 * would pass): the next adjustment targets 3 order-4 blocks, which then
 * decays by halves (rounded up) without new failures.  A declared need is a
 * floor.  The cap is the node's high watermark: 189 pages, 11 order-4 blocks.
 */
Test(compaction, babka_demand_becomes_targets)
{
	struct zone *z = fragment();
	struct alloc_context ac = zone_ac(z);
	pg_data_t *pgdat = &mm.nodes[0];

	for (int i = 0; i < 3; i++)
		kcompactd_inc_free_target(&mm, &ac, 4);
	cr_assert(eq(u64, pgdat->compact_free_target_demand[4], 3));
	kcompactd_adjust_free_targets(pgdat);
	cr_assert(eq(u64, z->compact_free_target[4], 3));
	cr_assert(eq(u64, pgdat->compact_free_target_demand[4], 0));
	kcompactd_adjust_free_targets(pgdat);
	cr_assert(eq(u64, z->compact_free_target[4], 2));
	kcompactd_adjust_free_targets(pgdat);
	cr_assert(eq(u64, z->compact_free_target[4], 1));
	for (int i = 0; i < 50; i++)
		kcompactd_inc_free_target(&mm, &ac, 4);
	kcompactd_adjust_free_targets(pgdat);
	cr_assert(eq(u64, z->compact_free_target[4], 11), "capped at 189 >> 4");
	compaction_register_demand(pgdat, 7, 2);
	kcompactd_adjust_free_targets(pgdat);
	cr_assert(eq(u64, z->compact_free_target[7], 2), "declared needs are a floor (cap: 189 >> 7 = 1)");
}

/*
 * Target-driven background compaction stops as soon as the targets are
 * met: the first batch of 32 pages out of block 0 frees [1, 128), which
 * holds an order-6, an order-5 and an order-4 block: 4 + 2 + 1 = 7
 * order-4 blocks' worth >= 3.
 */
Test(compaction, babka_compaction_stops_at_the_target)
{
	struct zone *z = fragment();
	struct compact_control cc = {
		.zone = z, .order = -1, .mode = MIGRATE_SYNC_LIGHT, .whole_zone = true,
		.ignore_skip_hint = true, .target_driven = true, .highest_zoneidx = ZONE_DMA,
	};

	z->compact_free_target[4] = 3;
	cr_assert(eq(int, kcompactd_finished(z), COMPACT_CONTINUE));
	cr_assert(eq(int, compact_zone(&mm, &cc, NULL), COMPACT_SUCCESS));
	cr_assert(eq(u64, cc.nr_migrated, 32));
	cr_assert(eq(u64, z->free_area[6].nr_free, 1));
	cr_assert(eq(int, kcompactd_finished(z), COMPACT_SUCCESS));
	/* no targets at all: nothing to do */
	z->compact_free_target[4] = 0;
	cr_assert(eq(int, kcompactd_finished(z), COMPACT_COMPLETE));
}

Test(compaction, babka_backs_off_when_success_is_low)
{
	pg_data_t *pgdat;

	fragment();
	pgdat = &mm.nodes[0];
	kcompactd_record_result(pgdat, true);
	cr_assert(eq(u32, pgdat->compact_success_ema, 500));
	kcompactd_record_result(pgdat, false);
	kcompactd_record_result(pgdat, false);
	cr_assert(eq(u32, pgdat->compact_success_ema, 125));
	cr_assert(kcompactd_should_back_off(pgdat, 250));
	kcompactd_record_result(pgdat, true);
	cr_assert(not(kcompactd_should_back_off(pgdat, 250)), "562 per mille");
}
