// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_memory.c - address spaces, faults and the LRU lists
 *
 * kind=mem jobs on small machines with exact expectations: faults, LRU
 * list sizes, content tags after migration; every run ends with the
 * invariant checkers (allocator, LRU lists, reverse map and tags).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "helpers.h"
#include "mmsim/stats.h"
#include "workload/memjob.h"

#include <errno.h>

/*
 * 16 MiB touched twice in order: the first pass faults every page in (4096
 * faults, each a zeroed page on the inactive anonymous list), the second
 * finds them all present.
 */
Test(memory, sequential_passes_fault_each_page_once)
{
	mmsim_t *sim = test_run("[global]\nruntime=10s\n[machine]\ncpus=1\nmemory=64M\n"
				"[m]\nkind=mem\nsize=16M\nloops=2\nwrites=100\n", 1, NULL, NULL);
	struct mmsim_job_stats js = job(sim, 0);

	cr_assert(eq(u64, js.mem_accesses, 2 * 4096));
	cr_assert(eq(u64, js.mem_faults, 4096));
	cr_assert(eq(u64, js.rss_pages, 4096));
	cr_assert(eq(u64, js.loops, 2));
	cr_assert(eq(u64, vmstat(sim, "pgfault"), 4096));
	cr_assert(eq(u64, vmstat(sim, "nr_inactive_anon"), 4096));
	cr_assert(eq(u64, vmstat(sim, "nr_active_anon"), 0));
	mmsim_free(sim);
}

/*
 * With costs: each access to a present page costs mem_access, each fault
 * page_alloc plus clear_page; one pass over 1,000 pages then 9 more.
 */
Test(memory, fault_and_access_costs)
{
	mmsim_t *sim = test_run("[global]\nruntime=10s\n[machine]\ncpus=1\nmemory=64M\n"
				"[cost]\nmem_access=10\npage_alloc=150\nclear_page=250\n"
				"[m]\nkind=mem\nsize=4000K\nloops=10\nwrites=0\n", 1, NULL, NULL);
	struct mmsim_job_stats js = job(sim, 0);

	cr_assert(eq(u64, js.mem_faults, 1000));
	cr_assert(eq(u64, js.fault_max_ns, 400), "page_alloc + clear_page");
	cr_assert(eq(u64, js.cpu_time_ns, 1000 * 400 + 9000 * 10));
	mmsim_free(sim);
}

/*
 * Zipf accesses from two threads sharing the mapping: a pass touches far
 * fewer pages than the mapping has, and two runs agree (determinism).
 */
Test(memory, random_pattern_is_deterministic)
{
	const char *ini = "[global]\nruntime=10s\n[machine]\ncpus=2\nmemory=64M\n"
			  "[m]\nkind=mem\nsize=8M\nloops=1\npattern=zipf:0.99\nthreads=2\n";
	mmsim_t *a = test_run(ini, 0, NULL, NULL);
	mmsim_t *b = test_run(ini, 0, NULL, NULL);

	cr_assert(eq(u64, job(a, 0).mem_faults, job(b, 0).mem_faults));
	cr_assert(eq(u64, job(a, 0).cpu_time_ns, job(b, 0).cpu_time_ns));
	cr_assert(job(a, 0).mem_faults < 2048, "zipf touches fewer than all pages");
	/* two threads may fault the same page at once: both count, one page stays */
	cr_assert(job(a, 0).rss_pages <= job(a, 0).mem_faults);
	cr_assert(job(a, 0).rss_pages + 16 > job(a, 0).mem_faults);
	mmsim_free(a);
	mmsim_free(b);
}

/*
 * Mapped pages are movable.  A fragmenter keeps a quarter of every
 * pageblock, a mem job's faults then fill the holes, and huge page
 * allocations compact by migrating both kinds of pages; the PTEs follow,
 * the LRU keeps every mapped page, and the mem job's second pass (after
 * the compaction, half of it loads) reads the tags back; mmsim_check() in
 * test_run() checks every one again.
 */
Test(memory, compaction_migrates_mapped_pages)
{
	mmsim_t *sim = test_run("[global]\nruntime=10s\n[machine]\ncpus=1\nmemory=64M\n"
				"[sysctl]\nvm.compaction_proactiveness=0\n"
				"[fragment]\nkind=fragmenter\nfill=95\nkeep=128\n"
				"[m]\nkind=mem\nstart_delay=100ms\nsize=20M\nloops=2\nthink=1500ms\n"
				"[thp]\nkind=alloc\nstart_delay=1s\norder=9\ngfp=GFP_TRANSHUGE\nloops=8\n",
				1, NULL, NULL);
	struct mmsim_job_stats m = job(sim, 1), thp = job(sim, 2);

	cr_assert(eq(u64, m.rss_pages, 5120));
	cr_assert(eq(u64, thp.allocs, 8));
	cr_assert(vmstat(sim, "pgmigrate_success") >= 8 * 128, "%llu",
		  vmstat(sim, "pgmigrate_success"));
	cr_assert(eq(u64, vmstat(sim, "nr_inactive_anon"), m.rss_pages));
	mmsim_free(sim);
}

/*
 * A valgrind lackey trace replayed (tests/data/lackey-small.txt, a real
 * trace of /bin/true): every record is an access to each page it touches,
 * the distinct pages are faulted in once.  The expectations are counted
 * here from the file with a parser of its own.
 */
Test(memory, replay_of_a_lackey_trace)
{
	char ini[512], line[256];
	unsigned long long pages[4096];
	unsigned int nr_pages = 0, accesses = 0;
	FILE *f = fopen(MMSIM_SOURCE_DIR "/tests/data/lackey-small.txt", "r");
	mmsim_t *sim;

	cr_assert(f != NULL);
	while (fgets(line, sizeof(line), f)) {
		unsigned long long addr, first, last;
		unsigned int size;
		char kind;

		if (sscanf(line, " %c %llx,%u", &kind, &addr, &size) != 3 || !strchr("ILSM", kind))
			continue;
		first = addr >> 12;
		last = (addr + size - 1) >> 12;
		for (unsigned long long p = first; p <= last; p++) {
			unsigned int i;

			accesses++;
			for (i = 0; i < nr_pages && pages[i] != p; i++)
				;
			if (i == nr_pages)
				pages[nr_pages++] = p;
		}
	}
	fclose(f);
	snprintf(ini, sizeof(ini), "[global]\nruntime=10s\n[machine]\ncpus=1\nmemory=64M\n"
		 "[r]\nkind=replay\ntrace=%s/tests/data/lackey-small.txt\nloops=3\n",
		 MMSIM_SOURCE_DIR);
	sim = test_run(ini, 1, NULL, NULL);
	cr_assert(eq(u64, job(sim, 0).mem_accesses, 3ULL * accesses));
	cr_assert(eq(u64, job(sim, 0).mem_faults, nr_pages));
	cr_assert(eq(u64, job(sim, 0).rss_pages, nr_pages));
	cr_assert(eq(u64, job(sim, 0).loops, 3));
	mmsim_free(sim);
}

/*
 * Phases: 10% of 16 MiB gets every access (hotcold:10:100), so a pass of
 * 4096 accesses over the 409 hot pages touches all of them (each missed
 * with probability e^-10).  Two passes of one phase fault exactly the
 * hot set in; a second phase of the same pattern has hot pages of its
 * own, so passes 3 and 4 fault in another 409 less the pages the two sets
 * share (about a tenth); a single phase for four passes stays at 409.
 */
Test(memory, phases_move_the_hot_set)
{
	const char *fmt = "[global]\nruntime=10s\n[machine]\ncpus=1\nmemory=64M\n"
			  "[m]\nkind=mem\nsize=16M\nwrites=100\nloops=%d\npattern=%s\n";
	const char *phases = "hotcold:10:100*2/hotcold:10:100*2";
	char ini[256];
	mmsim_t *sim;
	uint64_t faults;

	snprintf(ini, sizeof(ini), fmt, 2, phases);
	sim = test_run(ini, 1, NULL, NULL);
	cr_assert(eq(u64, job(sim, 0).mem_faults, 409), "the first phase's hot set");
	mmsim_free(sim);

	snprintf(ini, sizeof(ini), fmt, 4, phases);
	sim = test_run(ini, 1, NULL, NULL);
	faults = job(sim, 0).mem_faults;
	cr_assert(faults > 409 + 300 && faults < 2 * 409,
		  "another hot set, overlapping a little: %lu faults", (unsigned long)faults);
	cr_assert(eq(u64, job(sim, 0).loops, 4));
	mmsim_free(sim);

	snprintf(ini, sizeof(ini), fmt, 4, "hotcold:10:100");
	sim = test_run(ini, 1, NULL, NULL);
	cr_assert(eq(u64, job(sim, 0).mem_faults, 409), "one hot set for all four passes");
	mmsim_free(sim);
}

/* Phases cycle: seq*2/rand*3 is phase 0 for passes 0-1 and 5-6, phase 1 for 2-4 and 7-9. */
Test(memory, phases_cycle_pass_by_pass)
{
	struct mem_phases ph;
	static const unsigned int want[10] = { 0, 0, 1, 1, 1, 0, 0, 1, 1, 1 };

	cr_assert(eq(int, mem_phases_parse("seq*2/rand*3", &ph), 0));
	cr_assert(eq(u32, ph.nr, 2));
	cr_assert(eq(u64, ph.cycle, 5));
	for (uint64_t pass = 0; pass < 10; pass++)
		cr_assert(eq(u32, mem_phase_of(&ph, pass), want[pass]), "pass %lu",
			  (unsigned long)pass);
	cr_assert(eq(int, mem_phases_parse("zipf:0.99", &ph), 0));
	cr_assert(eq(u32, ph.nr, 1));
	cr_assert(eq(u64, ph.passes[0], 1));
	cr_assert(eq(int, mem_phases_parse("seq*1x", &ph), -EINVAL));
	cr_assert(eq(int, mem_phases_parse("*2", &ph), -EINVAL));
}

/*
 * Per-thread patterns ('+'): thread 0 takes the first, thread 1 the
 * second.  populate=on: the first thread stores to every page before any
 * pass (4096 faults, no other), the second waits for it.
 */
Test(memory, per_thread_patterns_and_populate)
{
	struct mem_pattern mp;
	mmsim_t *sim;

	cr_assert(eq(int, mem_pattern_value_parse("seq+rand*2/zipf:0.9", &mp), 0));
	cr_assert(eq(u32, mp.nr, 2));
	cr_assert(eq(int, mp.thread[0].cfg[0].kind, PATTERN_SEQ));
	cr_assert(eq(u32, mp.thread[1].nr, 2));
	cr_assert(eq(int, mp.thread[1].cfg[1].kind, PATTERN_ZIPF));
	cr_assert(eq(int, mem_pattern_value_parse("seq+seq+seq+seq+seq", &mp), -EINVAL));
	cr_assert(eq(int, mem_pattern_value_parse("seq+", &mp), -EINVAL));

	sim = test_run("[global]\nruntime=10s\n[machine]\ncpus=2\nmemory=64M\n"
		       "[m]\nkind=mem\nsize=16M\nthreads=2\npopulate=on\nwrites=0\nloops=1\n"
		       "pattern=seq+rand\n", 1, NULL, NULL);
	cr_assert(eq(u64, job(sim, 0).mem_faults, 4096), "populate only");
	cr_assert(eq(u64, job(sim, 0).mem_accesses, 4096 + 2 * 4096));
	cr_assert(eq(u64, job(sim, 0).errors, 0));
	mmsim_free(sim);
}
