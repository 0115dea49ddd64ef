// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_filemap.c - the page cache: readahead windows, fsync
 *
 * A 1 MiB file on a null device; kind=file jobs of 4K calls.  The block
 * tracepoints show each bio the page cache submits, so the readahead
 * windows are checked exactly against mm/readahead.c's arithmetic.  Every
 * run ends with the checkers (page cache back-pointers, content tags).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "helpers.h"
#include "mmsim/stats.h"

#define FILE_1M								\
	"[global]\nruntime=10s\n[machine]\ncpus=1\nmemory=64M\n"	\
	"[device.d0]\ntype=null\nsize=16M\n"				\
	"[file.f]\ndevice=d0\nsize=1M\n"

/* The sector counts of the block_rq_issue lines of @op ('R' or 'W'), in order. */
static unsigned int issued(const char *trace, char op, unsigned int *sectors, unsigned int max)
{
	unsigned int n = 0;

	for (const char *l = strstr(trace, "block_rq_issue: "); l && n < max;
	     l = strstr(l + 1, "block_rq_issue: ")) {
		const char *plus = strstr(l, " + ");
		char rwbs[8];

		if (sscanf(l, "block_rq_issue: %*u,%*u %7s", rwbs) != 1 || rwbs[0] != op || !plus)
			continue;
		sectors[n++] = (unsigned int)strtoul(plus + 3, NULL, 10);
	}
	return n;
}

/*
 * Sequential 4K reads from the start: the initial window is
 * get_init_ra_size(1, 32) = 4 pages with its marker on page 1
 * (async_size 3); each marker hit moves the window on and grows it by
 * get_next_ra_size(): 8, 16, 32, then 32 pages (the 128K maximum).  The
 * markers are pages 1, 4, 12, 28 and 60, so reading pages 0..60 issues six
 * bios, in sectors 32, 64, 128, 256, 256, 256 (pages 0..123 read).
 */
Test(filemap, sequential_readahead_windows_grow_to_128k)
{
	char *trace = NULL;
	mmsim_t *sim = test_run(FILE_1M "[r]\nkind=file\nfile=f\nrw=read\nbs=4K\nloops=61\n", 1,
				"block:block_rq_issue", &trace);
	unsigned int s[16], n = issued(trace, 'R', s, 16);

	cr_assert(eq(u32, n, 6), "%u bios:\n%s", n, trace);
	cr_assert(eq(u32, s[0], 32));
	cr_assert(eq(u32, s[1], 64));
	cr_assert(eq(u32, s[2], 128));
	cr_assert(eq(u32, s[3], 256));
	cr_assert(eq(u32, s[4], 256));
	cr_assert(eq(u32, s[5], 256));
	cr_assert(eq(u64, job(sim, 0).io_reads, 61));
	cr_assert(eq(u64, job(sim, 0).errors, 0));
	free(trace);
	mmsim_free(sim);
}

/* Random 4K reads: each miss reads just its page, the readahead state untouched. */
Test(filemap, random_reads_read_one_page_each)
{
	char *trace = NULL;
	mmsim_t *sim = test_run(FILE_1M "[r]\nkind=file\nfile=f\nrw=randread\nbs=4K\nloops=20\n",
				1, "block:block_rq_issue", &trace);
	unsigned int s[64], n = issued(trace, 'R', s, 64);

	cr_assert(n >= 15 && n <= 20, "%u bios", n);
	for (unsigned int i = 0; i < n; i++)
		cr_assert(s[i] == 8 || s[i] == 32, "bio %u: %u sectors", i, s[i]);
	free(trace);
	mmsim_free(sim);
}

/*
 * Writes dirty pages without I/O; fsync() writes every dirty page back,
 * one bio per contiguous run, then flushes; reading the file back (a
 * second job, after the page cache has the data) needs no I/O at all.
 */
Test(filemap, fsync_writes_dirty_runs_back)
{
	char *trace = NULL;
	mmsim_t *sim = test_run(FILE_1M "[w]\nkind=file\nfile=f\nrw=write\nbs=16K\nloops=4\nfsync=4\n"
				"[r]\nkind=file\nfile=f\nrw=read\nbs=16K\nloops=4\nstart_delay=1s\n",
				1, "block:block_rq_issue", &trace);
	unsigned int s[16], n = issued(trace, 'W', s, 16);

	cr_assert(eq(u32, n, 1), "one write of 16 pages:\n%s", trace);
	cr_assert(eq(u32, s[0], 128));
	cr_assert(eq(u32, issued(trace, 'R', s, 16), 0), "the reads hit the page cache");
	cr_assert(eq(u64, job(sim, 1).io_reads, 4));
	free(trace);
	mmsim_free(sim);
}

/*
 * A MAP_SHARED mapping of the file: the first pass reads it through page
 * faults with readahead.  Only the first fault finds its page missing (a
 * major fault, as the kernel counts it): it reads around, 32 pages from
 * page 0 (the window centred on it, clipped at the start of the file)
 * with the marker at page 24; each marker then reads the next 32 pages
 * asynchronously: 8 bios of 128K for 256 pages (read() ramps up 4, 8,
 * 16, 32 instead: 11 bios).  Stores dirty the page
 * cache pages; a second job then reads the file with read() and finds the
 * stored tags without I/O (the checkers compare every tag too).
 */
Test(filemap, shared_mapping_faults_read_and_dirty_the_cache)
{
	char *trace = NULL;
	mmsim_t *sim = test_run(FILE_1M "[m]\nkind=mem\nfile=f\nloops=1\nwrites=50\n"
				"[r]\nkind=file\nfile=f\nrw=read\nbs=4K\nloops=256\nstart_delay=1s\n",
				1, "block:block_rq_issue", &trace);
	struct mmsim_job_stats m = job(sim, 0);
	unsigned int s[64], n = issued(trace, 'R', s, 64);

	cr_assert(eq(u64, m.mem_faults, 256));
	cr_assert(eq(u64, m.mem_major_faults, 1));
	cr_assert(eq(u64, m.rss_pages, 256));
	cr_assert(eq(u32, n, 8), "%u bios", n);
	for (unsigned int i = 0; i < n; i++)
		cr_assert(eq(u32, s[i], 256), "bio %u: %u sectors", i, s[i]);
	cr_assert(eq(u64, job(sim, 1).io_reads, 256));
	free(trace);
	mmsim_free(sim);
}

/*
 * Random faults on a 256M file mapping: each miss reads around (32 pages
 * centred on the page) while mmap_miss, the misses less the faults that
 * found their page cached, is at most MMAP_LOTSAMISS (100).  With 64K
 * pages and 32 read per miss, hits are rare at first (under 5% after 100
 * misses), so the 101st miss or so stops read-around: from then on a
 * miss reads its page alone.  (The 100
 * windows make 101 bios: one window was split around a page an earlier
 * window had cached.)
 */
Test(filemap, random_faults_stop_reading_around_after_100_misses)
{
	char *trace = NULL;
	mmsim_t *sim = test_run("[global]\nruntime=100s\n[machine]\ncpus=1\nmemory=512M\n"
				"[device.d0]\ntype=null\nsize=512M\n[file.f]\ndevice=d0\nsize=256M\n"
				"[m]\nkind=mem\nfile=f\nloops=1\nwrites=0\npattern=rand\n",
				0, "block:block_rq_issue", &trace);
	static unsigned int s[65536];
	unsigned int n = issued(trace, 'R', s, 65536), first_single = n, windows = 0, singles = 0;

	for (unsigned int i = 0; i < n; i++) {
		if (s[i] == 8 && first_single == n)
			first_single = i;
		if (s[i] == 256 && first_single == n)
			windows++;
		singles += s[i] == 8;
	}
	cr_assert(eq(u32, windows, 100), "read-around windows before the first single page");
	cr_assert(eq(u32, first_single, 101));
	cr_assert(gt(u32, singles, 38000), "then single pages: %u of %u bios", singles, n);
	cr_assert(eq(u64, job(sim, 0).mem_major_faults, vmstat(sim, "pgmajfault")));
	free(trace);
	mmsim_free(sim);
}

/*
 * A MAP_PRIVATE mapping: stores copy the page (copy on write) and leave
 * the file's pages clean; a second pass reads the copies back.
 */
Test(filemap, private_mapping_copies_on_write)
{
	mmsim_t *sim = test_run(FILE_1M "[m]\nkind=mem\nfile=f\nshared=off\nloops=2\nwrites=100\n"
				"[w]\nkind=file\nfile=f\nrw=write\nbs=4K\nloops=1\nfsync=1\n"
				"start_delay=1s\n", 1, "block:block_rq_issue", NULL);
	struct mmsim_job_stats m = job(sim, 0);

	/* each first store faults once (do_cow_fault: read the page, copy it) */
	cr_assert(eq(u64, m.mem_faults, 256));
	cr_assert(eq(u64, m.rss_pages, 256), "all anonymous copies now");
	mmsim_free(sim);
}

/*
 * Page cache pages are movable, mapped ones included: a fragmenter keeps a
 * quarter of every pageblock, a MAP_SHARED mapping of an 8M file fills the
 * holes, huge page allocations compact; the mapping's pages and PTEs
 * follow, and the mem job's second pass reads every page back (half of it
 * loads that check the tags; the checkers compare them all again).
 */
Test(filemap, compaction_migrates_mapped_page_cache_pages)
{
	mmsim_t *sim = test_run("[global]\nruntime=10s\n[machine]\ncpus=1\nmemory=64M\n"
				"[sysctl]\nvm.compaction_proactiveness=0\n"
				"[device.d0]\ntype=null\nsize=16M\n[file.f]\ndevice=d0\nsize=8M\n"
				"[fragment]\nkind=fragmenter\nfill=95\nkeep=128\n"
				"[m]\nkind=mem\nfile=f\nstart_delay=100ms\nloops=2\nthink=1500ms\n"
				"[thp]\nkind=alloc\nstart_delay=1s\norder=9\ngfp=GFP_TRANSHUGE\nloops=8\n",
				1, NULL, NULL);
	struct mmsim_job_stats m = job(sim, 1), thp = job(sim, 2);
	struct mmsim_mm_stats ms;

	mmsim_mm_stats(sim, &ms);
	cr_assert(eq(u64, m.rss_pages, 2048));
	cr_assert(eq(u64, thp.allocs, 8));
	cr_assert(ms.pgmigrate_success >= 8 * 128, "%llu", (unsigned long long)ms.pgmigrate_success);
	cr_assert(eq(u64, m.errors, 0));
	mmsim_free(sim);
}

/*
 * A file twice the size of memory, written (fsync every 1M, so the pages
 * become clean) and then read back: the page cache fills memory; kswapd,
 * woken at the low watermark, and direct reclaim, when allocations outrun
 * it, evict the inactive file pages from the tail (referenced once, by
 * read(): reclaimed clean).  Every I/O completes and every page read back
 * from the device carries the tag it was written with (the checkers).
 * GFP_HIGHUSER_MOVABLE stalls count as allocstall_movable, reclaim_idx
 * being ZONE_MOVABLE as gfp_zone() says.
 */
Test(filemap, reclaim_evicts_clean_file_pages)
{
	char *trace = NULL;
	mmsim_t *sim = test_run("[global]\nruntime=100s\n[machine]\ncpus=1\nmemory=64M\n"
				"[device.d0]\ntype=null\nsize=256M\n[file.f]\ndevice=d0\nsize=128M\n"
				"[w]\nkind=file\nfile=f\nrw=write\nbs=64K\nloops=2048\nfsync=16\n"
				"[r]\nkind=file\nfile=f\nrw=read\nbs=64K\nloops=2048\nstart_delay=10s\n",
				1, "vmscan:*", &trace);
	struct mmsim_mm_stats ms;

	mmsim_mm_stats(sim, &ms);
	cr_assert(eq(u64, job(sim, 0).io_writes, 2048));
	cr_assert(eq(u64, job(sim, 1).io_reads, 2048));
	cr_assert(eq(u64, job(sim, 0).errors + job(sim, 1).errors, 0));
	cr_assert(vmstat(sim, "pgsteal_file") > 16384, "more than memory was evicted");
	cr_assert(eq(u64, vmstat(sim, "pgsteal_file"), vmstat(sim, "pgscan_file")),
		  "nothing referenced twice: every page scanned is reclaimed");
	cr_assert(eq(u64, vmstat(sim, "pgsteal_kswapd") + vmstat(sim, "pgsteal_direct"),
		     vmstat(sim, "pgsteal_file")));
	cr_assert(vmstat(sim, "pgsteal_kswapd") > 0, "kswapd did its share");
	cr_assert(vmstat(sim, "pageoutrun") > 0);
	cr_assert(vmstat(sim, "nr_inactive_file") + ms.free_pages <= ms.managed_pages);
	/* one begin/end pair per stall, in the kernel's format */
	cr_assert(eq(u32, count_lines(trace, ": mm_vmscan_direct_reclaim_begin: order=0 "
				      "gfp_flags=GFP_HIGHUSER_MOVABLE"),
		     vmstat(sim, "allocstall_movable")));
	cr_assert(eq(u32, count_lines(trace, ": mm_vmscan_direct_reclaim_end: nr_reclaimed="),
		     vmstat(sim, "allocstall_movable")));
	cr_assert(count_lines(trace, "flags=RECLAIM_WB_FILE|RECLAIM_WB_ASYNC") > 0);
	free(trace);
	mmsim_free(sim);
}

/*
 * A mapped working set survives a streaming read: a mem job touches all
 * 4096 pages of a 16M file mapping every 20 ms while a reader streams a
 * 128M file through 64M of memory.  Reclaim finds each mapped page
 * referenced through its PTE: the first time it keeps it (PG_referenced),
 * the second it activates it (folio_check_references()), so exactly the
 * working set ends on the active list, still mapped, while the streamed
 * pages, referenced once by read(), are reclaimed.
 */
Test(filemap, mapped_working_set_is_activated_and_kept)
{
	mmsim_t *sim = test_run("[global]\nruntime=100s\n[machine]\ncpus=2\nmemory=64M\n"
				"[device.d0]\ntype=null\nsize=256M\n"
				"[file.m]\ndevice=d0\nsize=16M\n[file.f]\ndevice=d0\nsize=128M\n"
				"[m]\nkind=mem\nfile=m\nwrites=0\nloops=100\nthink=20ms\n"
				"[r]\nkind=file\nfile=f\nrw=read\nbs=64K\nloops=2048\nthink=1ms\n",
				1, NULL, NULL);

	cr_assert(eq(u64, vmstat(sim, "pgactivate"), 4096));
	cr_assert(eq(u64, vmstat(sim, "nr_active_file"), 4096));
	cr_assert(eq(u64, job(sim, 0).rss_pages, 4096));
	cr_assert(eq(u64, job(sim, 0).mem_faults, 4096), "never evicted, never faulted again");
	cr_assert(vmstat(sim, "pgsteal_file") > 16384);
	mmsim_free(sim);
}
