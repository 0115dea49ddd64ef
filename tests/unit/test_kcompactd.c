// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_kcompactd.c - the memory model in a running simulation
 *
 * Small machines (64 MiB: ZONE_DMA 16 MiB + ZONE_DMA32 48 MiB, one CPU),
 * fragmented by a fragmenter job that keeps 128 pages of every pageblock,
 * then kcompactd (proactive or the Babka policy) and direct compaction for
 * huge page allocations.  Costs are 0 unless a test sets them, so times
 * follow from the timers and the cost a test sets alone.  Every run ends
 * with the invariant checkers, content tags of the held pages included.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "helpers.h"
#include "mmsim/stats.h"

#define FRAGMENTED_64M							\
	"[machine]\ncpus=1\nmemory=64M\n"				\
	"[fragment]\nkind=fragmenter\nfill=99\nkeep=128\n"

static struct mmsim_mm_stats mm_stats(mmsim_t *sim)
{
	struct mmsim_mm_stats ms;

	mmsim_mm_stats(sim, &ms);
	return ms;
}

/*
 * The fragmenter asks for 99% of the 16383 managed pages but stops at its
 * first failure: GFP_HIGHUSER_MOVABLE may not take a zone below its low
 * watermark.  It then frees 3 of every 4 pages it got (it keeps those
 * whose pfn is a multiple of 4), so nothing is free at order 9.
 */
Test(kcompactd, fragmenter_keeps_a_quarter_of_each_pageblock)
{
	mmsim_t *sim = test_run("[global]\nruntime=1s\n" FRAGMENTED_64M
				"[sysctl]\nvm.compaction_proactiveness=0\n", 1, NULL, NULL);
	struct mmsim_job_stats js = job(sim, 0);
	struct mmsim_mm_stats ms = mm_stats(sim);

	cr_assert(eq(u64, ms.managed_pages, 16383), "pfn 0 is reserved");
	cr_assert(eq(u64, js.alloc_failures, 1));
	cr_assert(js.allocs < 16383 * 99 / 100);
	cr_assert(eq(u64, js.pages_held + js.pages_freed, js.allocs));
	/* a quarter, give or take the partly taken pageblocks */
	cr_assert(js.pages_held * 4 > js.allocs - 512 && js.pages_held * 4 < js.allocs + 512,
		  "held %llu of %llu", (unsigned long long)js.pages_held,
		  (unsigned long long)js.allocs);
	cr_assert(ms.fragmentation_score[0] > 90, "score %u", ms.fragmentation_score[0]);
	cr_assert(eq(u64, ms.kcompactd_proactive_rounds, 0), "proactiveness 0: no timer");
	mmsim_free(sim);
}

/*
 * Proactiveness 20: score watermarks low 80, high 90.  kcompactd's first
 * timeout (500 jiffies, rounded up by the timer wheel to the level-1
 * granularity of 8 jiffies: 504 ms) finds the node above 90 and compacts
 * every zone until its own score is at most 80.
 */
Test(kcompactd, proactive_round_at_the_first_timeout)
{
	char *trace = NULL;
	mmsim_t *sim = test_run("[global]\nruntime=2s\n" FRAGMENTED_64M
				"[wait]\nstart_delay=1s\nburst=1us\nloops=1\n", 1,
				"compaction:*", &trace);
	struct mmsim_mm_stats ms = mm_stats(sim);

	cr_assert(eq(u64, ms.kcompactd_proactive_rounds, 1));
	cr_assert(eq(u64, ms.kcompactd_proactive_deferred, 0));
	cr_assert(ms.fragmentation_score[0] <= 80, "score %u", ms.fragmentation_score[0]);
	cr_assert(ms.compact_daemon_migrate_scanned > 0);
	cr_assert(eq(u64, ms.compact_daemon_wake, 0), "a proactive round is not a wakeup");
	cr_assert(eq(u64, ms.compact_stall, 0));
	/* each page moved was isolated, and so was a free page to move it to */
	cr_assert(ms.compact_isolated >= 2 * ms.pgmigrate_success);
	cr_assert(ms.pgmigrate_success > 0);
	cr_assert(strstr(trace, "kcompactd0-30      [000] .....     0.504000000: mm_compaction_begin: "
			 "zone_start=0x0 migrate_pfn=0x0 free_pfn=0xe00 zone_end=0x1000, mode=sync\n")
		  != NULL, "the DMA zone first, at 504 ms:\n%.2000s", trace);
	cr_assert(eq(u32, count_lines(trace, ": mm_compaction_begin:"), 2), "DMA and DMA32");
	cr_assert(eq(u32, count_lines(trace, ": mm_compaction_end:"), 2));
	free(trace);
	mmsim_free(sim);
}

/*
 * Unmovable fragmentation (gfp=GFP_KERNEL).  The fragmenter's allocations
 * steal Movable pageblocks, which boosts the watermark: kswapd (its stand-in
 * here) drops the boost and asks kcompactd for a pageblock-order block, but
 * kcompactd is still in the sleep it was created in, due at 504 ms (500
 * jiffies rounded up by the timer wheel to level 1's 8-jiffy granularity),
 * and not suitable to wake early.  At 504 ms it does that work, for nothing:
 * nothing can move.  Its next timeout (1008 ms) is a proactive round; the
 * score does not drop, so it backs off for 500 ms << 6 = 32 s: the next
 * round is at 1008 + 32000 jiffies rounded up to level 4's 512-jiffy
 * granularity, 33.280 s, and backs off again.
 */
Test(kcompactd, proactive_backs_off_32s_when_the_score_does_not_drop)
{
	char *trace = NULL;
	mmsim_t *sim = test_run("[global]\nruntime=40s\n"
				"[machine]\ncpus=1\nmemory=64M\n"
				"[fragment]\nkind=fragmenter\nfill=99\nkeep=128\ngfp=GFP_KERNEL\n"
				"[wait]\nstart_delay=39s\nburst=1us\nloops=1\n", 1,
				"compaction:mm_compaction_kcompactd_sleep,mm_compaction_kcompactd_wake",
				&trace);
	struct mmsim_mm_stats ms = mm_stats(sim);

	cr_assert(eq(u64, ms.kcompactd_proactive_rounds, 2));
	cr_assert(eq(u64, ms.kcompactd_proactive_deferred, 2));
	cr_assert(eq(u64, ms.compact_daemon_wake, 1));
	cr_assert(eq(u64, ms.pgmigrate_success, 0));
	cr_assert(eq(u32, count_lines(trace, "mm_compaction_kcompactd_sleep: nid=0"), 3));
	cr_assert(strstr(trace, "     0.504000000: mm_compaction_kcompactd_wake: nid=0 order=9 ") != NULL,
		  "%s", trace);
	cr_assert(strstr(trace, "     0.504000000: mm_compaction_kcompactd_sleep") != NULL, "%s", trace);
	cr_assert(strstr(trace, "     1.008000000: mm_compaction_kcompactd_sleep") != NULL, "%s", trace);
	cr_assert(strstr(trace, "    33.280000000: mm_compaction_kcompactd_sleep") != NULL, "%s", trace);
	free(trace);
	mmsim_free(sim);
}

/*
 * No proactive compaction: a huge page allocation compacts directly.  The
 * migration scanner starts at the bottom of DMA32 (the highest zone), the
 * first pageblock holds 128 kept pages; moving them frees the block, which
 * is captured.  With only migrate_page costing (4 us), the allocation
 * takes exactly 128 * 4 us.
 */
Test(kcompactd, direct_compaction_migrates_one_pageblock)
{
	mmsim_t *sim = test_run("[global]\nruntime=2s\n" FRAGMENTED_64M
				"[sysctl]\nvm.compaction_proactiveness=0\n"
				"[cost]\nmigrate_page=4000\n"
				"[thp]\nkind=alloc\nstart_delay=1s\norder=9\ngfp=GFP_TRANSHUGE\nloops=1\n",
				1, NULL, NULL);
	struct mmsim_job_stats js = job(sim, 1);
	struct mmsim_mm_stats ms = mm_stats(sim);

	cr_assert(eq(u64, js.allocs, 1));
	cr_assert(eq(u64, js.pages_held, 512));
	cr_assert(eq(u64, ms.compact_stall, 1));
	cr_assert(eq(u64, ms.compact_success, 1));
	cr_assert(eq(u64, ms.pgmigrate_success, 128));
	cr_assert(eq(u64, js.alloc_max_ns, 128 * 4000));
	mmsim_free(sim);
}

/* The same allocation after a proactive round is served from the free lists. */
Test(kcompactd, after_proactive_compaction_no_stall)
{
	mmsim_t *sim = test_run("[global]\nruntime=2s\n" FRAGMENTED_64M
				"[cost]\nmigrate_page=4000\npage_alloc=150\n"
				"[thp]\nkind=alloc\nstart_delay=1s\norder=9\ngfp=GFP_TRANSHUGE\nloops=4\n",
				1, NULL, NULL);
	struct mmsim_job_stats js = job(sim, 1);
	struct mmsim_mm_stats ms = mm_stats(sim);

	cr_assert(eq(u64, js.allocs, 4));
	cr_assert(eq(u64, ms.compact_stall, 0));
	cr_assert(eq(u64, js.alloc_max_ns, 150), "the fast path only");
	mmsim_free(sim);
}

/*
 * Babka policy: a job declares it needs 4 order-9 blocks (demand=4).  At
 * 504 ms kcompactd turns that into targets spread over the zones by size
 * (DMA 1, DMA32 3, rounded up) and compacts until they are met; the four
 * allocations at 1 s then need no direct compaction.
 */
Test(kcompactd, babka_registered_demand_is_met_in_the_background)
{
	mmsim_t *sim = test_run("[global]\nruntime=2s\n" FRAGMENTED_64M
				"[model]\nkcompactd=babka\n"
				"[thp]\nkind=alloc\nstart_delay=1s\norder=9\ngfp=GFP_TRANSHUGE\n"
				"loops=4\ndemand=4\nnode=0\n", 1, NULL, NULL);
	struct mmsim_job_stats js = job(sim, 1);
	struct mmsim_mm_stats ms = mm_stats(sim);

	cr_assert(eq(u64, js.allocs, 4));
	cr_assert(eq(u64, ms.compact_stall, 0));
	cr_assert(ms.kcompactd_babka_rounds >= 1);
	cr_assert(eq(u64, ms.kcompactd_babka_met, ms.kcompactd_babka_rounds));
	cr_assert(eq(u64, ms.kcompactd_proactive_rounds, 0));
	mmsim_free(sim);
}

/* Two runs of the same scenario: the same counters (determinism with kcompactd). */
Test(kcompactd, deterministic)
{
	const char *ini = "[global]\nruntime=3s\n[machine]\ncpus=2\nmemory=128M\n"
			  "[fragment]\nkind=fragmenter\nfill=95\nkeep=100\n"
			  "[thp]\nkind=alloc\nstart_delay=200ms\norder=9\ngfp=GFP_TRANSHUGE\n"
			  "loops=40\nthink=20ms\nthreads=2\n";
	mmsim_t *a = test_run(ini, 0, NULL, NULL);
	mmsim_t *b = test_run(ini, 0, NULL, NULL);
	struct mmsim_mm_stats ma = mm_stats(a), mb = mm_stats(b);

	cr_assert(eq(int, memcmp(&ma, &mb, sizeof(ma)), 0));
	cr_assert(eq(u64, job(a, 1).alloc_p50_ns, job(b, 1).alloc_p50_ns));
	cr_assert(ma.pgmigrate_success > 0);
	mmsim_free(a);
	mmsim_free(b);
}

/*
 * Unmovable pages on a fresh machine: every pageblock is Movable at boot,
 * so GFP_KERNEL falls back and steals, from the largest free block down:
 * the first steal takes the order-10 block at the top of DMA32 (pfn
 * 0x3c00) and claims its pageblocks.  Each steal is one
 * mm_page_alloc_extfrag line in the kernel's format.
 */
Test(kcompactd, unmovable_allocations_steal_movable_blocks)
{
	char *trace = NULL;
	mmsim_t *sim = test_run("[global]\nruntime=1s\n[machine]\ncpus=1\nmemory=64M\n"
				"[fragment]\nkind=fragmenter\nfill=50\ngfp=GFP_KERNEL\n", 1,
				"kmem:mm_page_alloc_extfrag", &trace);
	struct mmsim_mm_stats ms = mm_stats(sim);

	cr_assert(ms.extfrag_events > 0);
	cr_assert(eq(u32, count_lines(trace, ": mm_page_alloc_extfrag: "), ms.extfrag_events));
	cr_assert(eq(str, (char *)find_line(trace, "mm_page_alloc_extfrag"),
		     "        fragment-1000    [000] .....     0.000000000: mm_page_alloc_extfrag: "
		     "page=ffffea00000f0000 pfn=0x3c00 alloc_order=0 fallback_order=10 "
		     "pageblock_order=9 alloc_migratetype=0 fallback_migratetype=1 "
		     "fragmenting=0 change_ownership=1"));
	free(trace);
	mmsim_free(sim);
}
