// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_madvise.c - madvise() of mem jobs' mappings
 *
 * madvise= is given right after mmap(), pass_madvise= to the whole
 * mapping after each pass.  Every run ends with the checkers (content
 * tags: a page MADV_FREE discarded must read zeroes again).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "helpers.h"
#include "mm/mm_sim.h"
#include "sim/sim.h"

#define MACHINE_64M							\
	"[global]\nruntime=100s\n[machine]\ncpus=2\nmemory=64M\n"	\
	"[device.d0]\ntype=null\nsize=512M\n[file.m]\ndevice=d0\nsize=16M\n"	\
	"[file.s]\ndevice=d0\nsize=256M\n"

/*
 * MADV_FREE: 16M of anonymous memory written once, then freed lazily: its
 * 4096 pages move to the inactive file list (pglazyfree); a stream of 256M
 * through the 64M machine then makes reclaim discard every one of them,
 * clean as they are (pglazyfreed), instead of needing swap.  The job's
 * second pass, after the stream, reads zeroes from fresh pages.
 */
Test(madvise, free_pages_are_discarded_by_reclaim)
{
	mmsim_t *sim = test_run(MACHINE_64M
				"[a]\nkind=mem\nsize=16M\nwrites=100\nloops=2\nthink=10s\n"
				"pass_madvise=free\n"
				"[s]\nkind=file\nfile=s\nrw=read\nbs=64K\nloops=4096\nstart_delay=1s\n",
				0, NULL, NULL);

	cr_assert(eq(u64, vmstat(sim, "pglazyfree"), 4096 + 4096), "both passes' pages");
	cr_assert(eq(u64, vmstat(sim, "pglazyfreed"), 4096), "the first pass's, by the stream");
	cr_assert(eq(u64, job(sim, 0).mem_faults, 4096 + 4096), "the second pass faults again");
	cr_assert(eq(u64, job(sim, 0).errors, 0));
	mmsim_free(sim);
}

/* Without the advice the same anonymous pages stay: reclaim cannot take them (no swap). */
Test(madvise, without_free_anonymous_pages_stay)
{
	mmsim_t *sim = test_run(MACHINE_64M
				"[a]\nkind=mem\nsize=16M\nwrites=100\nloops=2\nthink=10s\n"
				"[s]\nkind=file\nfile=s\nrw=read\nbs=64K\nloops=4096\nstart_delay=1s\n",
				0, NULL, NULL);

	cr_assert(eq(u64, vmstat(sim, "pglazyfree"), 0));
	cr_assert(eq(u64, vmstat(sim, "pglazyfreed"), 0));
	cr_assert(eq(u64, job(sim, 0).mem_faults, 4096));
	cr_assert(eq(u64, job(sim, 0).rss_pages, 4096));
	mmsim_free(sim);
}

/*
 * MADV_RANDOM: a 16M file mapping read in order faults every page in by
 * itself (no readahead: 4096 major faults); without the hint readahead
 * brings the pages in windows and almost every fault is minor.
 */
Test(madvise, random_turns_readahead_off)
{
	mmsim_t *rnd = test_run(MACHINE_64M "[a]\nkind=mem\nfile=m\nwrites=0\nloops=1\n"
				"madvise=random\n", 0, NULL, NULL);
	mmsim_t *seq = test_run(MACHINE_64M "[a]\nkind=mem\nfile=m\nwrites=0\nloops=1\n"
				"madvise=sequential\n", 0, NULL, NULL);

	cr_assert(eq(u64, job(rnd, 0).mem_major_faults, 4096));
	cr_assert(eq(u64, job(rnd, 0).mem_faults, 4096));
	cr_assert(lt(u64, job(seq, 0).mem_major_faults, 4096 / 16),
		  "%llu", (unsigned long long)job(seq, 0).mem_major_faults);
	mmsim_free(rnd);
	mmsim_free(seq);
}

/*
 * MADV_PAGEOUT: a clean 16M file mapping read once and paged out leaves
 * the page cache at once (no memory pressure needed); anonymous pages
 * cannot be paged out without swap and are activated instead.
 */
Test(madvise, pageout_drops_clean_file_pages_and_keeps_anonymous_ones)
{
	mmsim_t *file = test_run(MACHINE_64M "[a]\nkind=mem\nfile=m\nwrites=0\nloops=1\n"
				 "pass_madvise=pageout\n", 0, NULL, NULL);
	mmsim_t *anon = test_run(MACHINE_64M "[a]\nkind=mem\nsize=16M\nwrites=100\nloops=1\n"
				 "pass_madvise=pageout\n", 0, NULL, NULL);

	cr_assert(eq(u64, vmstat(file, "nr_inactive_file") + vmstat(file, "nr_active_file"), 0));
	cr_assert(eq(u64, job(file, 0).rss_pages, 0));
	cr_assert(eq(u64, vmstat(anon, "pgactivate"), 4096));
	cr_assert(eq(u64, vmstat(anon, "nr_active_anon"), 4096));
	cr_assert(eq(u64, job(anon, 0).rss_pages, 4096));
	mmsim_free(file);
	mmsim_free(anon);
}

/*
 * MADV_COLD: a reader reads the 16M file twice, which activates its 4096
 * pages (mark_page_accessed()); a mem job then maps the file, touches every
 * page and advises MADV_COLD: all 4096 go back to the inactive list.
 */
Test(madvise, cold_deactivates)
{
	mmsim_t *sim = test_run(MACHINE_64M
				"[r]\nkind=file\nfile=m\nrw=read\nbs=64K\nloops=512\n"
				"[a]\nkind=mem\nfile=m\nwrites=0\nloops=1\nstart_delay=1s\n"
				"pass_madvise=cold\n", 0, NULL, NULL);

	cr_assert(eq(u64, vmstat(sim, "pgactivate"), 4096));
	cr_assert(eq(u64, vmstat(sim, "pgdeactivate"), 4096));
	cr_assert(eq(u64, vmstat(sim, "nr_active_file"), 0));
	cr_assert(eq(u64, vmstat(sim, "nr_inactive_file"), 4096));
	cr_assert(eq(u64, job(sim, 1).rss_pages, 4096), "still mapped");
	mmsim_free(sim);
}

/*
 * The run ends (runtime=) while kswapd holds 32 of the MADV_FREE pages
 * isolated, between charging their scan and discarding them: the
 * end-of-run checker accepts a lazyfree page off the LRU (reclaim owns
 * it), where an anonymous page that reclaim cannot take must be on it.
 * 1005.439 ms is inside such a window in this scenario.
 */
Test(madvise, run_ends_with_free_pages_isolated)
{
	mmsim_t *sim = test_run("[global]\nruntime=1005439us\n[machine]\ncpus=2\nmemory=64M\n"
				"[device.d0]\ntype=null\nsize=512M\n[file.s]\ndevice=d0\nsize=256M\n"
				"[a]\nkind=mem\nsize=16M\nwrites=100\nloops=2\nthink=10s\n"
				"pass_madvise=free\n"
				"[s]\nkind=file\nfile=s\nrw=read\nbs=64K\nloops=4096\nstart_delay=1s\n",
				0, NULL, NULL);
	unsigned long lazy_off_lru = 0;

	struct mm_sim *ms = sim->mm;

	for (unsigned long pfn = 0; pfn < ms->mm.nr_pfns; pfn++) {
		const struct page *page = &ms->mm.mem_map[pfn];

		if (page->owner == (uint32_t)ms->rmap_owner &&
		    !(page->flags & (PG_lru | PG_swapbacked)))
			lazy_off_lru++;
	}
	cr_assert(gt(u64, lazy_off_lru, 0), "the run ends inside a reclaim batch");
	cr_assert(eq(u64, vmstat(sim, "pglazyfree"), 4096));
	cr_assert(eq(u64, job(sim, 0).errors, 0));
	mmsim_free(sim);
}
