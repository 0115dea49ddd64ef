// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_swap.c - swap areas, slots, the swap cache and readahead
 *
 * White-box tests of the slot allocator on a simulation that has not run
 * (slots taken and given back by hand, as reclaim and faults would), and
 * whole runs whose swap traffic follows from the algorithms: every run
 * ends with the checkers (swap_map against the swap cache and the page
 * tables, cluster counts and lists, content tags of every page).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <string.h>

#include "helpers.h"
#include "mm/filemap.h"
#include "mm/mm_sim.h"
#include "mm/swap.h"
#include "sim/sim.h"

/* A simulation that has not run, with the scenario's swap areas on. */
static mmsim_t *create(const char *ini)
{
	struct mmsim_config *cfg = test_config(ini, 0);
	struct mmsim_error err;
	mmsim_t *sim = mmsim_create(cfg, &err);

	cr_assert(sim != NULL, "%s", err.msg);
	free(cfg);
	return sim;
}

#define SSD_8M								\
	"[global]\nruntime=1s\n[machine]\ncpus=2\nmemory=64M\n"		\
	"[device.ssd]\ntype=nvme\nsize=8M\n[swap.s]\ndevice=ssd\n"	\
	"[j]\nkind=cpu\n"

static unsigned long off(uint64_t entry)
{
	return swp_offset(entry);
}

/*
 * Give back every slot taken by hand (they hold SWAP_HAS_CACHE without a
 * page), then check: every slot free again, each cluster back on the
 * free list or, with the header, the order-0 nonfull list.
 */
static void release_all_and_check(struct mm_sim *ms)
{
	for (unsigned int t = 0; t < ms->swap.nr_swapfiles; t++) {
		struct swap_info_struct *si = ms->swap.info[t];

		for (unsigned long o = 1; o < si->max; o++)
			if (si->swap_map[o] == SWAP_HAS_CACHE)
				put_swap_folio(ms, swp_entry(t, o));
		cr_assert(eq(u64, si->inuse_pages, 0));
		cr_assert(eq(u32, si->free_clusters.nr + si->nonfull_clusters[0].nr, si->nr_clusters));
		cr_assert(eq(u32, si->cluster_info[0].flags, CLUSTER_FLAG_NONFULL));
	}
	cr_assert(eq(i64, get_nr_swap_pages(ms), ms->swap.total_swap_pages));
	cr_assert(swap_check(ms));
}

/*
 * An 8 MiB area has 2048 slots in 4 clusters; slot 0 is the header, so
 * cluster 0 starts on the nonfull list and is used first: slots 1..511,
 * then the free clusters in order.  A second CPU takes a cluster of its
 * own (its first allocation finds cluster 0 isolated on the frag list,
 * nonfull empty, and takes the first free one).
 */
Test(swap, clusters_are_taken_in_order_one_per_cpu)
{
	mmsim_t *sim = create(SSD_8M);
	struct mm_sim *ms = sim->mm;
	struct swap_info_struct *si = ms->swap.info[0];

	cr_assert(eq(u64, si->max, 2048));
	cr_assert(eq(i64, get_nr_swap_pages(ms), 2047));
	for (unsigned long want = 1; want < 512; want++)
		cr_assert(eq(u64, off(folio_alloc_swap(ms, 0)), want));
	cr_assert(eq(u32, si->full_clusters.nr, 1), "cluster 0 is full");
	cr_assert(eq(u64, off(folio_alloc_swap(ms, 1)), 512), "CPU 1: the first free cluster");
	cr_assert(eq(u64, off(folio_alloc_swap(ms, 0)), 1024), "CPU 0: the next free one");
	cr_assert(eq(u64, off(folio_alloc_swap(ms, 1)), 513), "CPU 1 keeps its cluster");
	cr_assert(eq(u64, off(folio_alloc_swap(ms, 0)), 1025));
	cr_assert(eq(i64, get_nr_swap_pages(ms), 2047 - 515));
	release_all_and_check(ms);
	mmsim_free(sim);
}

/*
 * Freed slots put their cluster on the nonfull list, which a CPU without
 * a usable current cluster takes before any free cluster; its fast path
 * then goes on after the slot it got.
 */
Test(swap, nonfull_clusters_come_before_free_ones)
{
	mmsim_t *sim = create(SSD_8M);
	struct mm_sim *ms = sim->mm;
	struct swap_info_struct *si = ms->swap.info[0];

	for (unsigned long i = 1; i < 512; i++)
		folio_alloc_swap(ms, 0);
	/* slots 100 and 300 come back: cluster 0 is nonfull again */
	put_swap_folio(ms, swp_entry(0, 100));
	put_swap_folio(ms, swp_entry(0, 300));
	cr_assert(eq(u32, si->nonfull_clusters[0].nr, 1));
	cr_assert(eq(u64, off(folio_alloc_swap(ms, 0)), 100));
	cr_assert(eq(u64, off(folio_alloc_swap(ms, 0)), 300), "the fast path, after 100");
	cr_assert(eq(u64, off(folio_alloc_swap(ms, 0)), 512), "then a free cluster");
	release_all_and_check(ms);
	mmsim_free(sim);
}

/* On a rotational area all CPUs share one current cluster (si->global_cluster). */
Test(swap, an_hdd_area_has_one_current_cluster)
{
	mmsim_t *sim = create("[global]\nruntime=1s\n[machine]\ncpus=2\nmemory=64M\n"
			      "[device.hdd]\ntype=hdd\nsize=8M\n[swap.s]\ndevice=hdd\n"
			      "[j]\nkind=cpu\n");
	struct mm_sim *ms = sim->mm;

	cr_assert(eq(u64, off(folio_alloc_swap(ms, 0)), 1));
	cr_assert(eq(u64, off(folio_alloc_swap(ms, 1)), 2));
	cr_assert(eq(u64, off(folio_alloc_swap(ms, 0)), 3));
	cr_assert(eq(u32, ms->swap.nr_rotate_swap, 1), "no VMA readahead");
	mmsim_free(sim);
}

/*
 * What counts is what the device reports (rotational=): an nvme model that
 * reports itself rotational, as a virtual disk may, gets the hdd's one
 * shared cluster and no VMA readahead; an hdd that reports itself
 * non-rotational gets a cluster per CPU.
 */
Test(swap, rotational_is_what_the_device_reports)
{
	mmsim_t *nvme = create("[global]\nruntime=1s\n[machine]\ncpus=2\nmemory=64M\n"
			       "[device.d]\ntype=nvme\nsize=8M\nrotational=on\n[swap.s]\ndevice=d\n"
			       "[j]\nkind=cpu\n");
	mmsim_t *hdd = create("[global]\nruntime=1s\n[machine]\ncpus=2\nmemory=64M\n"
			      "[device.d]\ntype=hdd\nsize=8M\nrotational=off\n[swap.s]\ndevice=d\n"
			      "[j]\nkind=cpu\n");
	struct mm_sim *ms = nvme->mm;

	cr_assert(eq(u64, off(folio_alloc_swap(ms, 0)), 1));
	cr_assert(eq(u64, off(folio_alloc_swap(ms, 1)), 2), "one cluster for both CPUs");
	cr_assert(eq(u32, ms->swap.nr_rotate_swap, 1), "no VMA readahead");
	cr_assert(eq(u32, ms->swap.info[0]->flags & SWP_SOLIDSTATE, 0));
	ms = hdd->mm;
	cr_assert(eq(u64, off(folio_alloc_swap(ms, 0)), 1));
	cr_assert(eq(u64, off(folio_alloc_swap(ms, 1)), 512), "CPU 1 takes a cluster of its own");
	cr_assert(eq(u32, ms->swap.nr_rotate_swap, 0));
	mmsim_free(nvme);
	mmsim_free(hdd);
}

/*
 * Priorities: the higher area is used until it is full; two areas of
 * equal priority take turns, a cluster at a time (each slow-path visit
 * puts the area behind its equals; the fast path stays in its cluster).
 */
Test(swap, priorities_and_round_robin)
{
	mmsim_t *sim = create("[global]\nruntime=1s\n[machine]\ncpus=1\nmemory=64M\n"
			      "[device.d]\ntype=nvme\nsize=32M\n"
			      "[swap.a]\ndevice=d\nsize=2M\npriority=5\n"
			      "[swap.b]\ndevice=d\nsize=2M\npriority=5\n"
			      "[swap.c]\ndevice=d\nsize=2M\npriority=10\n[j]\nkind=cpu\n");
	struct mm_sim *ms = sim->mm;
	uint64_t e;

	/* c: 511 usable slots, all its own before a and b see any */
	for (unsigned long i = 1; i < 512; i++) {
		e = folio_alloc_swap(ms, 0);
		cr_assert(eq(u32, swp_type(e), 2));
		cr_assert(eq(u64, off(e), i));
	}
	e = folio_alloc_swap(ms, 0);
	cr_assert(eq(u32, swp_type(e), 0), "then a");
	for (unsigned long i = 2; i < 512; i++)
		cr_assert(eq(u32, swp_type(folio_alloc_swap(ms, 0)), 0), "a's cluster first");
	e = folio_alloc_swap(ms, 0);
	cr_assert(eq(u32, swp_type(e), 1), "then b, its equal");
	cr_assert(eq(u64, off(e), 1));
	cr_assert(eq(i32, ms->swap.info[0]->prio, 5));
	release_all_and_check(ms);
	mmsim_free(sim);
}

/* Areas without priority= get -2, -3, ... as swapon gives them. */
Test(swap, default_priorities_go_down_from_minus_two)
{
	mmsim_t *sim = create("[global]\nruntime=1s\n[machine]\ncpus=1\nmemory=64M\n"
			      "[device.d]\ntype=nvme\nsize=32M\n"
			      "[swap.a]\ndevice=d\nsize=2M\n[swap.b]\ndevice=d\nsize=2M\n"
			      "[j]\nkind=cpu\n");

	cr_assert(eq(i32, sim->mm->swap.info[0]->prio, -2));
	cr_assert(eq(i32, sim->mm->swap.info[1]->prio, -3));
	mmsim_free(sim);
}

/*
 * swap_map counts page table references plus SWAP_HAS_CACHE: a slot with
 * a cached page and two PTEs (as after fork) is free only once the cache
 * let go and both PTEs dropped it.
 */
Test(swap, slot_reference_counts)
{
	mmsim_t *sim = create(SSD_8M);
	struct mm_sim *ms = sim->mm;
	struct swap_info_struct *si = ms->swap.info[0];
	uint64_t e = folio_alloc_swap(ms, 0);

	cr_assert(eq(u8, si->swap_map[off(e)], SWAP_HAS_CACHE));
	swap_duplicate(ms, e);
	swap_duplicate(ms, e);
	cr_assert(eq(u8, si->swap_map[off(e)], SWAP_HAS_CACHE | 2));
	cr_assert(eq(u32, swap_count(ms, e), 2));
	put_swap_folio(ms, e);
	cr_assert(eq(u8, si->swap_map[off(e)], 2), "the cache let go; the PTEs hold it");
	swap_free(ms, e);
	cr_assert(eq(i64, get_nr_swap_pages(ms), 2046));
	swap_free(ms, e);
	cr_assert(eq(u8, si->swap_map[off(e)], 0));
	cr_assert(eq(i64, get_nr_swap_pages(ms), 2047), "free again");
	cr_assert(eq(u16, si->cluster_info[0].count, 1), "the header only");
	cr_assert(swap_check(ms));
	mmsim_free(sim);
}

/*
 * __swapin_nr_pages(): hits + 2 rounded up to a power of two (at least
 * 4), capped; no hits means 2 pages after a sequential fault, else 1; a
 * window never shrinks below half the previous one.
 */
Test(swap, readahead_window_sizes)
{
	/* prev_offset, offset, hits, max, prev_win -> pages */
	static const unsigned int cases[][6] = {
		{ 10, 11, 0, 8, 0, 2 },		/* sequential, no hits */
		{ 10, 9, 0, 8, 0, 2 },		/* backwards too */
		{ 10, 50, 0, 8, 0, 1 },		/* random, no hits */
		{ 10, 50, 1, 8, 0, 4 },		/* 3 -> 4 */
		{ 10, 50, 2, 8, 0, 4 },
		{ 10, 50, 3, 8, 0, 8 },		/* 5 -> 8 */
		{ 10, 50, 4, 8, 0, 8 },		/* the initial 4 hits */
		{ 10, 50, 30, 8, 0, 8 },	/* capped at 2^page-cluster */
		{ 10, 50, 30, 32, 0, 32 },	/* VMA readahead's ceiling */
		{ 10, 50, 0, 8, 8, 4 },		/* half the previous window */
		{ 10, 50, 0, 8, 4, 2 },
		{ 10, 50, 0, 8, 2, 1 },
	};

	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		cr_assert(eq(u32, swapin_nr_pages_window(cases[i][0], cases[i][1], cases[i][2],
							 cases[i][3], cases[i][4]), cases[i][5]),
			  "case %u", i);
}

/* ---- whole runs ---- */

#define HOG_96M_ON_64M(dev, extra)						\
	"[global]\nruntime=100s\n[machine]\ncpus=2\nmemory=64M\n"		\
	"[device.d]\ntype=" dev "\nsize=256M\n[swap.s]\ndevice=d\n" extra	\
	"[hog]\nkind=mem\nsize=96M\nwrites=100\nloops=3\n"

/*
 * Three passes in order over 96M of anonymous memory on a 64M machine:
 * LRU order evicts nearly every page before its next use, so passes 2
 * and 3 fault in all 24,576 pages again (73,728 faults in all).  Not all
 * are read back: reclaim holds its writes in its plug until it has
 * scanned its batch, so the other reclaimer (kswapd or the hog) meets
 * pages still under writeback and activates them (case 2 of
 * shrink_folio_list()), and a pass coming back to such a page finds it
 * in the swap cache: 3,560 minor faults without a read.  VMA readahead
 * finds each fault one page after the last and reads 8 pages
 * (2^page-cluster) a time: every page read is either the faulting one or
 * a readahead hit, and none is read in vain.
 */
Test(swap, sequential_passes_swap_in_every_page_once_with_vma_readahead)
{
	char *trace = NULL;
	mmsim_t *sim = test_run(HOG_96M_ON_64M("nvme", ""), 0, "vmscan:mm_vmscan_write_folio",
				&trace);

	cr_assert(eq(u64, job(sim, 0).errors, 0));
	cr_assert(eq(u32, count_lines(trace, "flags=RECLAIM_WB_ANON|RECLAIM_WB_ASYNC"),
		     vmstat(sim, "pswpout")), "one mm_vmscan_write_folio per page written");
	free(trace);
	cr_assert(eq(u64, vmstat(sim, "pgfault"), 3 * 24576));
	cr_assert(eq(u64, vmstat(sim, "pswpin"), 2 * 24576 - 3560));
	cr_assert(gt(u64, vmstat(sim, "pgactivate"), 3560), "met under writeback, activated");
	cr_assert(eq(u64, vmstat(sim, "swap_ra_hit"), vmstat(sim, "swap_ra")), "none in vain");
	cr_assert(eq(u64, vmstat(sim, "pgmajfault") + vmstat(sim, "swap_ra_hit"),
		     vmstat(sim, "pswpin")));
	cr_assert(eq(u64, vmstat(sim, "pswpin"), vmstat(sim, "pgmajfault") + vmstat(sim, "swap_ra")));
	cr_assert(lt(u64, vmstat(sim, "pgmajfault"), 2 * 24576 / 8 + 1000), "windows of 8");
	cr_assert(ge(u64, vmstat(sim, "pswpout"), vmstat(sim, "pswpin")), "written before read back");
	cr_assert(eq(u64, vmstat(sim, "swpout_zero"), 0), "every page was written");
	mmsim_free(sim);
}

/*
 * The same with cluster readahead: slots were given in eviction order,
 * which is mostly the address order.
 */
Test(swap, sequential_passes_with_cluster_readahead)
{
	mmsim_t *sim = test_run(HOG_96M_ON_64M("nvme", "[sysfs]\nmm/swap/vma_ra_enabled=off\n"),
				0, NULL, NULL);

	cr_assert(eq(u64, job(sim, 0).errors, 0));
	cr_assert(eq(u64, vmstat(sim, "pswpin"), 45650));
	cr_assert(eq(u64, vmstat(sim, "pgmajfault") + vmstat(sim, "swap_ra_hit"), 45577),
		  "each page read back: a fault's own or a readahead hit");
	cr_assert(eq(u64, vmstat(sim, "pswpin"), vmstat(sim, "pgmajfault") + vmstat(sim, "swap_ra")),
		  "reads: the faults' pages and every readahead page, used or not");
	cr_assert(eq(u64, vmstat(sim, "pgmajfault"), 5921), "mostly windows of 8");
	cr_assert(gt(u64, vmstat(sim, "swap_ra"), vmstat(sim, "swap_ra_hit")),
		  "aligned blocks overshoot where eviction order left the address order");
	mmsim_free(sim);
}

/*
 * A rotational (hdd) area turns VMA readahead off (swap_use_vma_readahead()):
 * the run with vma_ra_enabled on is the run with it off, counter for counter.
 */
Test(swap, an_hdd_area_means_cluster_readahead)
{
	mmsim_t *on = test_run(HOG_96M_ON_64M("hdd", ""), 0, NULL, NULL);
	mmsim_t *off = test_run(HOG_96M_ON_64M("hdd", "[sysfs]\nmm/swap/vma_ra_enabled=off\n"),
				0, NULL, NULL);
	static const char *const names[] = { "pswpin", "pswpout", "pgmajfault", "swap_ra",
					     "swap_ra_hit", "pgscan_anon" };

	for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		cr_assert(eq(u64, vmstat(on, names[i]), vmstat(off, names[i])), "%s", names[i]);
	cr_assert(gt(u64, vmstat(on, "swap_ra_hit"), 0));
	mmsim_free(on);
	mmsim_free(off);
}

/*
 * Two threads at random over 96M, half stores: pages first touched by a
 * load are all zeroes (tag 0) and go to the zeromap instead of the device
 * (swpout_zero) and come back without I/O (swpin_zero); every other page
 * read back carries the tag last written (the access checks and the
 * end-of-run checker: swap_map against page tables and swap cache).
 */
Test(swap, random_threads_keep_every_page)
{
	mmsim_t *sim = test_run("[global]\nruntime=100s\n[machine]\ncpus=2\nmemory=64M\n"
				"[device.d]\ntype=nvme\nsize=256M\n[swap.s]\ndevice=d\n"
				"[hog]\nkind=mem\nsize=96M\nwrites=50\nloops=1\npattern=rand\n"
				"threads=2\n", 0, NULL, NULL);

	cr_assert(eq(u64, job(sim, 0).errors, 0));
	cr_assert(gt(u64, vmstat(sim, "pswpin"), 1000));
	cr_assert(gt(u64, vmstat(sim, "swpout_zero"), 1000));
	cr_assert(gt(u64, vmstat(sim, "swpin_zero"), 500));
	cr_assert(eq(u64, vmstat(sim, "oom_kill"), 0));
	mmsim_free(sim);
}

/* ---- a page swapped out next to a readahead page still being read ---- */

static struct mm_sim *watched;
static unsigned long beside_inflight;

static bool ra_watch_on(struct mm_state *mm, enum mm_trace_event ev)
{
	(void)mm;
	return ev == MM_TRACE_VMSCAN_LRU_SHRINK_INACTIVE;
}

/* After each reclaim batch: swapped-out PTEs next to a readahead page whose read is in flight */
static void ra_watch(struct mm_state *mm, enum mm_trace_event ev, const char *payload)
{
	struct vm_area_struct *vma = &watched->mms[0]->vmas[0];

	(void)mm;
	(void)ev;
	if (!strstr(payload, "RECLAIM_WB_ANON"))
		return;
	for (unsigned long i = 0; i + 1 < vma->nr_pages; i++) {
		uint64_t a = vma->ptes[i], b = vma->ptes[i + 1];
		struct page *ra;

		if (!pte_is_swap(a) || !pte_is_swap(b) || swap_cache_get(watched, pte_to_swp_entry(a)))
			continue;
		ra = swap_cache_get(watched, pte_to_swp_entry(b));
		if (ra && (ra->flags & (PG_locked | PG_readahead)) == (PG_locked | PG_readahead))
			beside_inflight++;
	}
}

/*
 * A slow disk (an hdd: reads wait behind each other) and two threads, one
 * in order and one at random over the same 96M on 64M: readahead pages
 * are often still being read when reclaim swaps out the page next to
 * them.  The hook counts such moments after reclaim batches; every page
 * still reads back what was last written (the accesses' checks and the
 * checker at the end).
 */
Test(swap, swap_out_beside_a_readahead_page_in_flight)
{
	struct mmsim_config *cfg = test_config(
		"[global]\nruntime=20s\n[machine]\ncpus=2\nmemory=64M\n"
		"[device.d]\ntype=hdd\nsize=256M\n[swap.s]\ndevice=d\n"
		"[hog]\nkind=mem\nsize=96M\nwrites=30\npopulate=on\nloops=2\n"
		"pattern=seq*1/rand*1\nthreads=2\n", 0);
	struct mmsim_error err;
	mmsim_t *sim = mmsim_create(cfg, &err);

	cr_assert(sim != NULL, "%s", err.msg);
	free(cfg);
	watched = sim->mm;
	beside_inflight = 0;
	sim->mm->mm.ops.trace_on = ra_watch_on;
	sim->mm->mm.ops.trace = ra_watch;
	mmsim_run(sim);
	cr_assert(mmsim_check(sim));
	cr_assert(gt(u64, beside_inflight, 0), "the case happened");
	cr_assert(gt(u64, vmstat(sim, "swap_ra"), 0));
	cr_assert(eq(u64, job(sim, 0).errors, 0));
	mmsim_free(sim);
}

/* ---- DAX swap ---- */

#define DAX_HOG(promote)							\
	"[global]\nruntime=10s\n[machine]\ncpus=2\nmemory=64M\n"		\
	"[device.pm]\ntype=pmem\nsize=256M\n[swap.s]\ndevice=pm\ndax=on\n"	\
	"[model]\ndax_swap_promote=" promote "\n"				\
	"[hog]\nkind=mem\nsize=96M\nwrites=20\npopulate=on\nloops=20\npattern=hotcold:20:90\n"

static struct mmsim_mm_stats mm_stats(mmsim_t *sim)
{
	struct mmsim_mm_stats ms;

	mmsim_mm_stats(sim, &ms);
	return ms;
}

/*
 * A page swapped out to a DAX area stays mapped from pmem: no swap-in
 * ever (no pswpin, no major fault), the accesses are served there until
 * a page's score reaches dax_swap_promote (a read adds 1, a write 4), and
 * every value read, from pmem or after promotion, is the last written.
 */
Test(swap, dax_pages_are_used_in_place_until_promoted)
{
	mmsim_t *sim = test_run(DAX_HOG("8"), 0, NULL, NULL);
	struct mmsim_mm_stats ms = mm_stats(sim);

	cr_assert(eq(u64, job(sim, 0).errors, 0));
	cr_assert(eq(u64, vmstat(sim, "pswpin"), 0));
	cr_assert(eq(u64, vmstat(sim, "pgmajfault"), 0));
	cr_assert(eq(u64, ms.dax_swapout, vmstat(sim, "pswpout")));
	cr_assert(gt(u64, ms.dax_reads, 0));
	cr_assert(gt(u64, ms.dax_writes, 0));
	cr_assert(gt(u64, ms.dax_promotions, 0));
	mmsim_free(sim);
}

/* The threshold decides: 1 promotes at the first access, 4 at the first write, 1e6 never. */
Test(swap, dax_promotion_threshold)
{
	mmsim_t *now = test_run(DAX_HOG("1"), 0, NULL, NULL);
	mmsim_t *write = test_run(DAX_HOG("4"), 0, NULL, NULL);
	mmsim_t *never = test_run(DAX_HOG("1000000"), 0, NULL, NULL);
	struct mmsim_mm_stats a = mm_stats(now), b = mm_stats(write), c = mm_stats(never);

	cr_assert(eq(u64, a.dax_reads + a.dax_writes, 0), "nothing served from pmem");
	cr_assert(gt(u64, a.dax_promotions, 0));
	cr_assert(eq(u64, b.dax_writes, 0), "a write reaches 4 at once: promoted first");
	cr_assert(gt(u64, b.dax_reads, 0));
	cr_assert(eq(u64, c.dax_promotions, 0));
	cr_assert(gt(u64, c.dax_reads + c.dax_writes, b.dax_reads + b.dax_writes));
	cr_assert(eq(u64, job(never, 0).errors + job(write, 0).errors + job(now, 0).errors, 0));
	mmsim_free(now);
	mmsim_free(write);
	mmsim_free(never);
}

/*
 * A synchronous swap device (pmem without DAX): the write of a page's
 * swap-out completes in the reclaimer, whose CPU time lets the page's own
 * process fault it back in from the swap cache meanwhile; reclaim must
 * then keep it (it was freed while mapped once: stale reads).
 */
Test(swap, a_page_faulted_in_during_its_synchronous_write_is_kept)
{
	mmsim_t *sim = test_run("[global]\nruntime=10s\n[machine]\ncpus=2\nmemory=64M\n"
				"[device.pm]\ntype=pmem\nsize=256M\n[swap.s]\ndevice=pm\n"
				"[hog]\nkind=mem\nsize=96M\nwrites=20\npopulate=on\nloops=20\n"
				"pattern=hotcold:20:90\n", 0, NULL, NULL);

	cr_assert(eq(u64, job(sim, 0).errors, 0));
	cr_assert(gt(u64, vmstat(sim, "pswpin"), 0));
	/* SWP_SYNCHRONOUS_IO: no readahead, and a page read back keeps no swap copy */
	cr_assert(eq(u64, vmstat(sim, "swap_ra"), 0));
	cr_assert(eq(u64, vmstat(sim, "pgmajfault"), vmstat(sim, "pswpin")));
	mmsim_free(sim);
}

/* ---- readahead windows after given sequences of faults and hits ---- */

/*
 * Cluster readahead (page-cluster 3: at most 8): the global state starts
 * with 4 hits, so the first fault reads 8; faults without hits shrink the
 * window, by half at most each time (prev_win / 2); adjacent faults keep
 * 2; hits since the last fault grow it again to the power of two above
 * hits + 2.
 */
Test(swap, cluster_readahead_windows_after_faults_and_hits)
{
	mmsim_t *sim = create(SSD_8M);
	struct mm_sim *ms = sim->mm;

	ms->swap.vma_ra_enabled = false;
	cr_assert(eq(u32, swapin_nr_pages(ms, 100), 8), "the initial 4 hits");
	cr_assert(eq(u32, swapin_nr_pages(ms, 200), 4), "no hits, far: 1, but half of 8");
	cr_assert(eq(u32, swapin_nr_pages(ms, 201), 2), "adjacent: 2");
	ms->swap.swapin_readahead_hits = 3;	/* three readahead pages found since */
	cr_assert(eq(u32, swapin_nr_pages(ms, 500), 8), "3 + 2 -> 8");
	cr_assert(eq(u32, swapin_nr_pages(ms, 900), 4));
	cr_assert(eq(u32, swapin_nr_pages(ms, 1000), 2));
	cr_assert(eq(u32, swapin_nr_pages(ms, 1100), 1));
	cr_assert(eq(u32, swapin_nr_pages(ms, 1300), 1));
	ms->swap.swapin_readahead_hits = 1;
	cr_assert(eq(u32, swapin_nr_pages(ms, 1400), 4), "1 + 2 -> 4");
	ms->swap.page_cluster = 0;
	cr_assert(eq(u32, swapin_nr_pages(ms, 1500), 1), "page-cluster 0: no readahead");
	mmsim_free(sim);
}

/*
 * VMA readahead: the VMA's own (address, window, hits); forward after a
 * fault on the next page, backward after one on the previous, else
 * centred; clamped to the 2 MiB PMD.  Hits come from faults that find a
 * readahead page (swap_update_readahead()).
 */
Test(swap, vma_readahead_windows_after_faults_and_hits)
{
	mmsim_t *sim = create("[global]\nruntime=1s\n[machine]\ncpus=1\nmemory=64M\n"
			      "[device.ssd]\ntype=nvme\nsize=8M\n[swap.s]\ndevice=ssd\n"
			      "[m]\nkind=mem\nsize=16M\n");
	struct mm_sim *ms = sim->mm;
	struct vm_area_struct *vma = &ms->mms[0]->vmas[0];
	unsigned long s = vma->start, start, end;
	struct page ra = { 0 };

	cr_assert(eq(u64, s % 512, 0), "a 16M mapping is PMD-aligned");
	cr_assert(eq(u32, swap_vma_ra_win(ms, vma, 1000, &start, &end), 8), "the initial 4 hits");
	cr_assert(eq(u64, start, s + 997), "centred: 3 before");
	cr_assert(eq(u64, end, s + 1005), "4 after");
	cr_assert(eq(u32, swap_vma_ra_win(ms, vma, 1001, &start, &end), 4), "no hits: half of 8");
	cr_assert(eq(u64, start, s + 1001), "forward");
	cr_assert(eq(u64, end, s + 1005));
	for (unsigned long i = 1002; i <= 1004; i++) {
		ra.flags = PG_readahead;
		swap_update_readahead(ms, &ra, vma, i);
	}
	cr_assert(eq(u64, vmstat(sim, "swap_ra_hit"), 3));
	cr_assert(eq(u32, swap_vma_ra_win(ms, vma, 1005, &start, &end), 8), "3 hits: 5 -> 8");
	cr_assert(eq(u64, start, s + 1005));
	cr_assert(eq(u64, end, s + 1013));
	cr_assert(eq(u32, swap_vma_ra_win(ms, vma, 1004, &start, &end), 4), "backward, no hits");
	cr_assert(eq(u64, start, s + 1001));
	cr_assert(eq(u64, end, s + 1005));
	cr_assert(eq(u32, swap_vma_ra_win(ms, vma, 1023, &start, &end), 2), "far: 1, half of 4");
	cr_assert(eq(u64, start, s + 1023));
	cr_assert(eq(u64, end, s + 1024), "not past the PMD's end");
	cr_assert(eq(u32, swap_vma_ra_win(ms, vma, 3000, &start, &end), 1), "far, nothing left");
	ms->swap.page_cluster = 6;
	for (unsigned long i = 3001; i <= 3040; i++) {
		ra.flags = PG_readahead;
		swap_update_readahead(ms, &ra, vma, i);
	}
	cr_assert(eq(u32, swap_vma_ra_win(ms, vma, 3041, &start, &end), 32),
		  "40 hits, capped at 2^SWAP_RA_ORDER_CEILING");
	mmsim_free(sim);
}

/*
 * Unmapping and MADV_FREE with swap: munmap (remap=on after each pass)
 * frees the slots of swapped-out and DAX-mapped pages; MADV_FREE drops
 * swapped-out pages (they read zeroes after) and frees the swap copy of
 * a swap cache page before making it lazily freeable.  The checker
 * counts every slot against the PTEs and the swap cache.
 */
Test(swap, munmap_and_madv_free_give_slots_back)
{
	mmsim_t *remap = test_run("[global]\nruntime=10s\n[machine]\ncpus=2\nmemory=64M\n"
				  "[device.pm]\ntype=pmem\nsize=256M\n[swap.s]\ndevice=pm\ndax=on\n"
				  "[hog]\nkind=mem\nsize=96M\nwrites=20\npopulate=on\nloops=4\n"
				  "pattern=hotcold:20:90\nremap=on\n", 0, NULL, NULL);
	mmsim_t *lazy = test_run("[global]\nruntime=30s\n[machine]\ncpus=2\nmemory=64M\n"
				 "[device.d]\ntype=nvme\nsize=256M\n[swap.s]\ndevice=d\n"
				 "[hog]\nkind=mem\nsize=96M\nwrites=50\nloops=4\npattern=rand\n"
				 "pass_madvise=free\n", 0, NULL, NULL);
	struct mmsim_mm_stats ms;

	mmsim_mm_stats(remap, &ms);
	cr_assert(gt(u64, ms.dax_swapout, 0));
	cr_assert(eq(u64, ms.swaps[0].used_kib, 0), "every slot given back by the last munmap");
	cr_assert(eq(u64, job(remap, 0).errors, 0));
	cr_assert(gt(u64, vmstat(lazy, "pglazyfree"), 0));
	cr_assert(gt(u64, vmstat(lazy, "pswpout"), 0));
	cr_assert(eq(u64, job(lazy, 0).errors, 0));
	mmsim_free(remap);
	mmsim_free(lazy);
}

/*
 * A task waiting for a swap cache page sleeps on its bucket of the page
 * wait table, so a completion wakes the waiters of that page (and of
 * pages hashed with it), not every waiter: neighbouring frames spread
 * over the table's 256 buckets.
 */
Test(swap, page_wait_table_spreads_neighbouring_pages)
{
	mmsim_t *sim = create(SSD_8M);
	struct mm_sim *ms = sim->mm;
	bool used[PAGE_WAIT_TABLE_SIZE] = { false };
	unsigned int buckets = 0;

	for (unsigned long pfn = 0; pfn < PAGE_WAIT_TABLE_SIZE; pfn++) {
		struct wait_queue_head *wq = folio_waitqueue(ms, pfn_to_page(&ms->mm, pfn));
		unsigned int b = (unsigned int)(wq - ms->swap.wait);

		cr_assert(lt(u32, b, PAGE_WAIT_TABLE_SIZE));
		buckets += !used[b];
		used[b] = true;
	}
	cr_assert(gt(u32, buckets, PAGE_WAIT_TABLE_SIZE / 2), "%u buckets", buckets);
	mmsim_free(sim);
}

/* /proc/swaps as the kernel prints it: tabs, KiB, the area named after its device */
Test(swap, proc_swaps_format)
{
	mmsim_t *sim = create(SSD_8M);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	cr_assert(f != NULL);
	folio_alloc_swap(sim->mm, 0);
	cr_assert(eq(int, mmsim_proc_show(sim, "swaps", f), 0));
	fclose(f);
	cr_assert(eq(str, text, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
		     "/dev/ssd:s                              partition\t8188\t\t4\t\t-2\n"));
	free(text);
	mmsim_free(sim);
}
