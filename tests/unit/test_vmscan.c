// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_vmscan.c - reclaim: kswapd's watermarks, dirty pages and
 * writeback, the flushers, and reclaim throttling both ways
 *
 * Small machines, file I/O through the page cache.  The kswapd test hooks
 * the mm's tracepoints (white box) to read the zone's free pages at the
 * instant kswapd is woken and at the instant it goes to sleep.  Every run
 * ends with the checkers: page cache back-pointers, content tags (a page
 * reclaimed before its data reached the device would read back stale),
 * dirty and writeback counts.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "helpers.h"
#include "mm/mm_sim.h"
#include "sim/sim.h"

/* ---- kswapd wakes below the low watermark and sleeps above the high one ---- */

struct kswapd_watch {
	unsigned int wakeups, wakes, sleeps;
	unsigned int wakeups_above_low, sleeps_below_high;
	unsigned long low, high;
};

static struct kswapd_watch watch;

static bool watch_on(struct mm_state *mm, enum mm_trace_event ev)
{
	(void)mm;
	return ev == MM_TRACE_VMSCAN_WAKEUP_KSWAPD || ev == MM_TRACE_VMSCAN_KSWAPD_WAKE ||
	       ev == MM_TRACE_VMSCAN_KSWAPD_SLEEP;
}

/* zone_watermark_ok() at order 0 for a DMA32 request: above @mark plus the lowmem reserve */
static bool zone_above(const struct zone *zone, unsigned long mark)
{
	return zone->nr_free_pages > mark + (unsigned long)zone->lowmem_reserve[ZONE_DMA32];
}

static void watch_event(struct mm_state *mm, enum mm_trace_event ev, const char *payload)
{
	/* one node: ZONE_DMA (16M) and ZONE_DMA32 */
	const struct zone *dma = &mm->nodes[0].node_zones[ZONE_DMA];
	const struct zone *dma32 = &mm->nodes[0].node_zones[ZONE_DMA32];

	(void)payload;
	watch.low = low_wmark_pages(dma32);
	watch.high = high_wmark_pages(dma32);
	switch (ev) {
	case MM_TRACE_VMSCAN_WAKEUP_KSWAPD:
		/* the slow path: every zone of the zonelist failed its low watermark */
		watch.wakeups++;
		watch.wakeups_above_low += zone_above(dma32, low_wmark_pages(dma32)) ||
					   zone_above(dma, low_wmark_pages(dma));
		break;
	case MM_TRACE_VMSCAN_KSWAPD_WAKE:
		watch.wakes++;
		break;
	default:
		/* pgdat_balanced(): some zone above its high watermark */
		watch.sleeps++;
		watch.sleeps_below_high += !zone_above(dma32, high_wmark_pages(dma32)) &&
					   !zone_above(dma, high_wmark_pages(dma));
		break;
	}
}

/*
 * A reader streams a 256M file through 64M: every allocation that finds
 * the zone at or below its low watermark wakes kswapd, which reclaims
 * until the zone is above its high watermark and only then sleeps.  (The
 * 64-page gap between the low and min watermarks of so small a machine is
 * too narrow for kswapd to stay ahead of a null device's reads: the reader
 * also reclaims directly at times.)
 */
Test(vmscan, kswapd_wakes_at_low_and_sleeps_at_high)
{
	struct mmsim_config *cfg = test_config(
		"[global]\nruntime=100s\n[machine]\ncpus=2\nmemory=64M\n"
		"[device.d0]\ntype=null\nsize=512M\n[file.f]\ndevice=d0\nsize=256M\n"
		"[r]\nkind=file\nfile=f\nrw=read\nbs=64K\nloops=4096\n"
		"[late]\nkind=mem\nsize=64K\nloops=1\nstart_delay=2s\n", 0);
	struct mmsim_error err;
	mmsim_t *sim = mmsim_create(cfg, &err);
	struct mm_state *mm;
	unsigned long hit_quickly;

	cr_assert(sim != NULL, "%s", err.msg);
	free(cfg);
	mm = sim_mm(sim);
	memset(&watch, 0, sizeof(watch));
	mm->ops.trace_on = watch_on;
	mm->ops.trace = watch_event;
	mmsim_run(sim);
	cr_assert(mmsim_check(sim));
	cr_assert(eq(u64, job(sim, 0).io_reads, 4096));
	cr_assert(gt(u32, watch.wakeups, 0), "kswapd was woken");
	cr_assert(eq(u32, watch.wakeups_above_low, 0),
		  "woken only with every zone at or below its low watermark (DMA32: %lu)",
		  watch.low);
	/*
	 * kswapd_try_to_sleep() between two runs: a full sleep, or a nap cut
	 * short by a wakeup (low_wmark_hit_quickly), or not balanced at all
	 * (high_wmark_hit_quickly); the first run is kswapd_run()'s wake.
	 */
	hit_quickly = vmstat(sim, "kswapd_low_wmark_hit_quickly") +
		      vmstat(sim, "kswapd_high_wmark_hit_quickly");
	cr_assert(watch.wakes == 1 + watch.sleeps + hit_quickly ||
		  watch.wakes == watch.sleeps + hit_quickly,
		  "%u wakes, %u sleeps, %lu hit quickly", watch.wakes, watch.sleeps, hit_quickly);
	cr_assert(gt(u64, vmstat(sim, "kswapd_low_wmark_hit_quickly"), 0),
		  "the stream wakes kswapd within its HZ/10 nap");
	cr_assert(gt(u32, watch.sleeps, 0), "asleep once the stream is over");
	cr_assert(eq(u32, watch.sleeps_below_high, 0),
		  "asleep only with a zone above its high watermark (DMA32: %lu)", watch.high);
	cr_assert(gt(u64, vmstat(sim, "pgsteal_kswapd"), 16384), "kswapd freed more than memory");
	cr_assert(eq(u64, vmstat(sim, "pgsteal_kswapd"), vmstat(sim, "pgscan_kswapd")),
		  "streamed pages, read once: every page scanned is reclaimed");
	mmsim_free(sim);
}

/* ---- dirty pages and writeback ---- */

/*
 * The flusher writes in the background once nr_dirty passes the
 * background threshold, and balance_dirty_pages() holds the writer near
 * the limit: 64M of writes, in 2 s of virtual time, to a device that takes
 * 50 ms per write (one at a time, at most 640K each: 12.8 MB/s)
 * cannot all be cached, so the writer spends most of its time paused, and
 * dirty + writeback never passes nr_dirty_threshold by more than what the
 * writer dirties between two looks.
 */
Test(vmscan, balance_dirty_pages_holds_writers_to_the_limit)
{
	mmsim_t *sim = test_run("[global]\nruntime=2s\n[machine]\ncpus=2\nmemory=64M\n"
				"[device.d0]\ntype=null\nsize=256M\nwrite_lat=50ms\nqueue_depth=1\n"
				"[file.f]\ndevice=d0\nsize=64M\n"
				"[w]\nkind=file\nfile=f\nrw=write\nbs=64K\nloops=1024\n",
				1, NULL, NULL);
	struct mmsim_job_stats w = job(sim, 0);
	unsigned long long thresh = vmstat(sim, "nr_dirty_threshold");

	cr_assert(lt(u64, w.io_writes, 1024), "the writer was held back");
	cr_assert(gt(u64, w.stall_dirty_ns, 1000000000ULL), "paused over half the run: %llu ns",
		  (unsigned long long)w.stall_dirty_ns);
	cr_assert(le(u64, vmstat(sim, "nr_dirty") + vmstat(sim, "nr_writeback"), thresh + 64),
		  "dirty + writeback within the limit (%llu)", thresh);
	cr_assert(gt(u64, vmstat(sim, "nr_written"), 0), "the flusher wrote in the background");
	/* every page of every completed write, and those of the one cut off by the end */
	cr_assert(ge(u64, vmstat(sim, "nr_dirtied"), w.io_writes * 16));
	cr_assert(le(u64, vmstat(sim, "nr_dirtied"), w.io_writes * 16 + 16));
	mmsim_free(sim);
}

/*
 * A page under writeback is not reclaimed until written.  A writer dirties
 * 32M of a file on a slow device (200 ms per write, one at a time: 10 s for
 * the 32M),
 * fsyncs nothing and stops; a reader then streams 256M through the 64M
 * machine, so reclaim meets the written file's pages while the flusher is
 * still writing them out.  Reclaim counts them (nr_writeback in the
 * mm_vmscan_lru_shrink_inactive lines), marks them PG_reclaim, and frees
 * each only after its I/O ended (pgrotated: moved to the inactive tail when
 * written).  A last pass re-reads the written file: a page freed before its
 * write reached the device would read back the old content, which the
 * content tags catch (mmsim_check()).
 */
Test(vmscan, page_under_writeback_is_kept_until_written)
{
	char *trace = NULL;
	mmsim_t *sim = test_run("[global]\nruntime=600s\n[machine]\ncpus=2\nmemory=64M\n"
				"[device.slow]\ntype=null\nsize=64M\nwrite_lat=200ms\nqueue_depth=1\n"
				"[device.fast]\ntype=null\nsize=512M\n"
				"[file.w]\ndevice=slow\nsize=32M\n[file.f]\ndevice=fast\nsize=256M\n"
				"[w]\nkind=file\nfile=w\nrw=write\nbs=64K\nloops=512\n"
				"[r]\nkind=file\nfile=f\nrw=read\nbs=64K\nloops=4096\nstart_delay=1s\n"
				"[v]\nkind=file\nfile=w\nrw=read\nbs=64K\nloops=512\nstart_delay=300s\n",
				1, "vmscan:mm_vmscan_lru_shrink_inactive", &trace);
	unsigned int met_writeback = 0;

	for (const char *l = strstr(trace, " nr_writeback="); l; l = strstr(l + 1, " nr_writeback="))
		met_writeback += strtoul(l + 14, NULL, 10) > 0;
	cr_assert(gt(u32, met_writeback, 0), "reclaim met pages under writeback");
	cr_assert(gt(u64, vmstat(sim, "pgrotated"), 0), "written PG_reclaim pages went to the tail");
	cr_assert(eq(u64, job(sim, 0).io_writes, 512));
	cr_assert(eq(u64, job(sim, 2).io_reads, 512));
	cr_assert(eq(u64, job(sim, 0).errors + job(sim, 1).errors + job(sim, 2).errors, 0));
	cr_assert(eq(u64, vmstat(sim, "nr_writeback"), 0));
	free(trace);
	mmsim_free(sim);
}

/* ---- reclaim throttling, both ways ---- */

/*
 * stutterp in small: a hog maps, writes and unmaps 106M of a 128M machine
 * over and over while a writer keeps the page cache full of dirty pages of
 * a device that takes 20 ms per write (one at a time).  Reclaim keeps
 * meeting dirty pages and pages under writeback.
 */
#define STUTTER_128M							\
	"[global]\nruntime=10s\n[machine]\ncpus=4\nmemory=128M\n"	\
	"[device.d]\ntype=null\nsize=1G\nwrite_lat=20ms\nqueue_depth=1\n" \
	"[file.f]\ndevice=d\nsize=512M\n"				\
	"[hog]\nkind=mem\nsize=106M\nwrites=100%\nremap=on\nloops=0\n"	\
	"[dd]\nkind=file\nfile=f\nrw=write\nbs=1M\nloops=0\n"

/* The value of "@key=" in @line, which must have it. */
static long field(const char *line, const char *key)
{
	const char *p = strstr(line, key);

	cr_assert(p != NULL, "no %s in %.200s", key, line);
	return strtol(p + strlen(key), NULL, 10);
}

/*
 * 5.16+: kswapd throttles on VMSCAN_THROTTLE_WRITEBACK when it meets pages
 * it marked for immediate reclaim still under writeback; the end of
 * writeback wakes it once more than 32 pages per waiter were written since
 * it slept, long before the HZ/10 timeout (a write ends every 20 ms here).
 * NOPROGRESS and CONGESTED sleep one jiffy; nothing sleeps on 5.15's
 * congestion queue.
 */
Test(vmscan, writeback_throttle_wakes_on_written_pages_before_its_timeout)
{
	char *trace = NULL;
	mmsim_t *sim = test_run(STUTTER_128M "[model]\nreclaim_throttle=throttle\n", 0,
				"vmscan:mm_vmscan_throttled,writeback:*", &trace);
	unsigned int writeback = 0, early = 0, short_sleeps = 0, one_jiffy = 0;

	for (const char *l = strstr(trace, "mm_vmscan_throttled: "); l;
	     l = strstr(l + 1, "mm_vmscan_throttled: ")) {
		if (strstr(l, "reason=VMSCAN_THROTTLE_WRITEBACK") < strchr(l, '\n') &&
		    strstr(l, "reason=VMSCAN_THROTTLE_WRITEBACK")) {
			writeback++;
			cr_assert(eq(long, field(l, "usec_timeout="), 100000));
			early += field(l, "usect_delayed=") < 100000;
		} else if (strstr(l, "reason=VMSCAN_THROTTLE_ISOLATED") < strchr(l, '\n') &&
			   strstr(l, "reason=VMSCAN_THROTTLE_ISOLATED")) {
			cr_assert(eq(long, field(l, "usec_timeout="), 20000));
		} else {
			short_sleeps++;
			one_jiffy += field(l, "usec_timeout=") == 1000;
		}
	}
	cr_assert(gt(u32, writeback, 0), "kswapd throttled on writeback:\n%.2000s", trace);
	cr_assert(eq(u32, early, writeback), "every writeback throttle woken early");
	cr_assert(gt(u64, vmstat(sim, "nr_throttled_written"), 32));
	cr_assert(gt(u32, short_sleeps, 0));
	cr_assert(eq(u32, one_jiffy, short_sleeps), "NOPROGRESS and CONGESTED: one jiffy");
	cr_assert(eq(u32, count_lines(trace, "writeback_congestion_wait"), 0));
	free(trace);
	mmsim_free(sim);
}

/*
 * 5.15: the same machine waits in congestion_wait(BLK_RW_ASYNC, HZ/10),
 * which nothing wakes: every call sleeps its whole timeout, on the timer
 * wheel's granularity (100-108 ms); wait_iff_congested() finds no
 * congested device and never sleeps.  No reclaim_throttle().
 */
Test(vmscan, congestion_wait_sleeps_to_its_timeout)
{
	char *trace = NULL;
	mmsim_t *sim = test_run(STUTTER_128M "[model]\nreclaim_throttle=congestion_wait\n", 0,
				"vmscan:mm_vmscan_throttled,writeback:*", &trace);
	unsigned int waits = 0, iff = 0;

	for (const char *l = strstr(trace, "writeback_congestion_wait: "); l;
	     l = strstr(l + 1, "writeback_congestion_wait: ")) {
		waits++;
		cr_assert(eq(long, field(l, "usec_timeout="), 100000));
		cr_assert(ge(long, field(l, "usec_delayed="), 100000));
		cr_assert(le(long, field(l, "usec_delayed="), 108000));
	}
	for (const char *l = strstr(trace, "writeback_wait_iff_congested: "); l;
	     l = strstr(l + 1, "writeback_wait_iff_congested: ")) {
		iff++;
		cr_assert(eq(long, field(l, "usec_delayed="), 0));
	}
	cr_assert(gt(u32, waits, 0));
	cr_assert(gt(u32, iff, 0));
	cr_assert(eq(u32, count_lines(trace, "mm_vmscan_throttled"), 0));
	cr_assert(eq(u64, vmstat(sim, "nr_throttled_written"), 0));
	free(trace);
	mmsim_free(sim);
}

/*
 * 5.16-rc1, before the fix: a direct reclaimer that reclaims under an
 * eighth of what it scans below priority 10 sleeps HZ/2 on NOPROGRESS
 * (nothing wakes it here: no reclaimer does better meanwhile), and so
 * scans far less than with the fix.
 */
Test(vmscan, rc1_noprogress_throttle_sleeps_half_a_second)
{
	char *trace = NULL;
	mmsim_t *rc1 = test_run(STUTTER_128M "[model]\nreclaim_throttle=throttle_rc1\n", 0,
				"vmscan:mm_vmscan_throttled", &trace);
	mmsim_t *fixed = test_run(STUTTER_128M "[model]\nreclaim_throttle=throttle\n", 0, NULL,
				  NULL);
	unsigned int noprogress = 0;

	for (const char *l = strstr(trace, "reason=VMSCAN_THROTTLE_NOPROGRESS"); l;
	     l = strstr(l + 1, "reason=VMSCAN_THROTTLE_NOPROGRESS")) {
		const char *start = l;

		while (start > trace && start[-1] != '\n')
			start--;
		noprogress++;
		cr_assert(eq(long, field(start, "usec_timeout="), 500000));
	}
	cr_assert(gt(u32, noprogress, 0));
	cr_assert(lt(u64, vmstat(rc1, "pgscan_direct") * 10, vmstat(fixed, "pgscan_direct")),
		  "rc1 %llu, fixed %llu", vmstat(rc1, "pgscan_direct"),
		  vmstat(fixed, "pgscan_direct"));
	free(trace);
	mmsim_free(rc1);
	mmsim_free(fixed);
}

/* ---- workingset: shadow entries and refaults ---- */

/*
 * An 8M file read over and over (every 5 ms, 64K at a time) while a
 * stream of 256M goes through the 64M machine from 1 s on.  Before the
 * stream, each page of the small file is activated by its second read;
 * once the stream runs, some of its pages are evicted between two reads
 * and refault: a refault whose distance (pages evicted or activated since
 * its eviction) is within the active file list is activated at once
 * (workingset_activate_file) instead of on its next access.  Either way
 * each of the 2048 pages is activated once (again if reclaim aged it off
 * the active list), and at the end the working set is exactly the active
 * list; the streamed pages, read once,
 * never are.
 */
Test(vmscan, refaults_within_the_active_list_are_activated)
{
	mmsim_t *sim = test_run("[global]\nruntime=100s\n[machine]\ncpus=2\nmemory=64M\n"
				"[device.d0]\ntype=null\nsize=512M\n"
				"[file.ws]\ndevice=d0\nsize=8M\n[file.s]\ndevice=d0\nsize=256M\n"
				"[a]\nkind=file\nfile=ws\nrw=read\nbs=64K\nloops=0\nthink=5ms\n"
				"[s]\nkind=file\nfile=s\nrw=read\nbs=64K\nloops=4096\nthink=100us\n"
				"start_delay=1s\n", 0, NULL, NULL);
	unsigned long long refaults = vmstat(sim, "workingset_refault_file");
	unsigned long long activated = vmstat(sim, "workingset_activate_file");

	cr_assert(gt(u64, refaults, 0), "the working set was evicted and read again");
	cr_assert(gt(u64, activated, 0), "some refaults were recent enough");
	cr_assert(lt(u64, activated, refaults), "not every refault: distances vary");
	/*
	 * refaults activated since the last reclaim let reclaim age the
	 * active list a little (prepare_scan_control()): what it deactivated
	 * was used again and activated again
	 */
	cr_assert(eq(u64, vmstat(sim, "pgactivate") + activated,
		     2048 + vmstat(sim, "pgdeactivate")),
		  "each page of the working set activated once, and again after a deactivation");
	cr_assert(eq(u64, vmstat(sim, "nr_active_file"), 2048));
	cr_assert(eq(u64, vmstat(sim, "workingset_refault_anon"), 0));
	mmsim_free(sim);
}

/* A stream read once leaves shadows, but nothing reads them: no refault. */
Test(vmscan, a_stream_read_once_never_refaults)
{
	mmsim_t *sim = test_run("[global]\nruntime=100s\n[machine]\ncpus=2\nmemory=64M\n"
				"[device.d0]\ntype=null\nsize=512M\n[file.s]\ndevice=d0\nsize=256M\n"
				"[s]\nkind=file\nfile=s\nrw=read\nbs=64K\nloops=4096\n", 0, NULL, NULL);

	cr_assert(gt(u64, vmstat(sim, "pgsteal_file"), 16384));
	cr_assert(eq(u64, vmstat(sim, "workingset_refault_file"), 0));
	cr_assert(eq(u64, vmstat(sim, "workingset_activate_file"), 0));
	mmsim_free(sim);
}

/*
 * The pfmemalloc throttle: an alloc job takes GFP_ATOMIC pages (which may
 * dig below the min watermark, to 3/8 of it) and holds them while a reader
 * streams a file.  Once the free pages are under half the min watermark,
 * the reader's direct reclaim waits for kswapd (pgscan_direct_throttle)
 * instead of scanning; without the atomic job it never does.
 */
#define PFMEMALLOC_64M							\
	"[global]\nruntime=20s\n[machine]\ncpus=2\nmemory=64M\n"	\
	"[device.d0]\ntype=null\nsize=512M\n[file.f]\ndevice=d0\nsize=256M\n" \
	"[r]\nkind=file\nfile=f\nrw=read\nbs=64K\nloops=0\nthink=1ms\n"

Test(vmscan, direct_reclaim_waits_for_kswapd_below_half_the_min_watermark)
{
	mmsim_t *sim = test_run(PFMEMALLOC_64M
				"[atomic]\nkind=alloc\ngfp=GFP_ATOMIC\norder=0\nhold=on\n"
				"loops=20000\nthink=100us\nstart_delay=1s\n", 0, NULL, NULL);
	mmsim_t *plain = test_run(PFMEMALLOC_64M, 0, NULL, NULL);

	cr_assert(gt(u64, vmstat(sim, "pgscan_direct_throttle"), 0));
	cr_assert(gt(u64, job(sim, 0).stall_throttle_ns, 0), "the reader waited");
	cr_assert(gt(u64, job(sim, 1).alloc_failures, 0), "the atomic job hit its watermark");
	cr_assert(eq(u64, vmstat(plain, "pgscan_direct_throttle"), 0));
	cr_assert(eq(u64, job(plain, 0).stall_throttle_ns, 0));
	mmsim_free(sim);
	mmsim_free(plain);
}
