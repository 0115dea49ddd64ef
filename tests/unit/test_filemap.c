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

static struct mmsim_job_stats job(mmsim_t *sim, unsigned int i)
{
	struct mmsim_job_stats js;

	mmsim_job_stats(sim, i, &js);
	return js;
}

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
