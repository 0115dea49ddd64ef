// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/page-writeback.c - dirty pages: accounting, writeback, the flushers,
 * and balance_dirty_pages() (mm/page-writeback.c and fs/fs-writeback.c of 6.x)
 *
 * Accounting: a page cache page made dirty counts in its node's nr_dirty
 * (NR_FILE_DIRTY) and nr_dirtied, its zone's NR_ZONE_WRITE_PENDING, and its
 * file's dirty count; the file remembers when it became dirty (the inode's
 * dirtied_when).  clear_page_dirty_for_io() and the writeback bit move it
 * to nr_writeback; the bio's end moves it out and counts nr_written, wakes
 * reclaim throttled on writeback (acct_reclaim_writeback()), and rotates a
 * page reclaim marked PG_reclaim to the tail of the inactive list
 * (folio_rotate_reclaimable(), counted as pgrotated).
 *
 * Dirty limits (domain_dirty_limits()): the dirtyable memory is the free
 * pages above the zones' high watermarks and reserves (totalreserve_pages)
 * plus the file LRU pages; vm.dirty_ratio and vm.dirty_background_ratio
 * percent of it are the limit and the background threshold (half the
 * limit if not below it).
 *
 * Flushers: one per block device holding files, a kernel thread standing
 * for the kernel's per-bdi wb_workfn() work.  It is woken for background
 * writeback (over the background threshold, by balance_dirty_pages()), by
 * reclaim (wakeup_flusher_threads(): everything dirty), and every
 * vm.dirty_writeback_centisecs while the device has dirty files, when it
 * writes the files dirty for longer than vm.dirty_expire_centisecs
 * (kupdate).  It writes file by file, oldest dirtied first, in chunks of
 * writeback_chunk_size() pages (half a second of bandwidth, at least 4 MiB,
 * rounded to 4 MiB); bios block when the device's requests run out, which
 * paces it.
 *
 * balance_dirty_pages(): every nr_dirtied_pause pages a writer checks the
 * machine's dirty + writeback pages.  At or below the freerun ceiling
 * (halfway between the background threshold and the limit) it goes on;
 * above, it sleeps (state D) for pages_dirtied / task_ratelimit, where
 * task_ratelimit = dirty_ratelimit * pos_ratio, pos_ratio the kernel's
 * cubic 1 + ((setpoint - dirty) / (limit - setpoint))^3 in fixed point,
 * and dirty_ratelimit is balanced every 200 ms towards write_bandwidth *
 * task_ratelimit / dirty_rate, so N writers share the device's bandwidth;
 * at most 200 ms per pause (max_pause), repeated while over the limit.
 *
 * Simplified: the global dirty domain only (no per-wb or memcg domains,
 * no wb_dirty share of the limit, no strictlimit); no vm.dirty_bytes;
 * the step limits of wb_update_dirty_ratelimit() are a plain average;
 * write_bandwidth is estimated as the kernel does but without
 * avg_write_bandwidth; files are written whole pages, no b_more_io lists.
 */
#include "mm/writeback.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "block/blk.h"
#include "lib/compiler.h"
#include "mm/filemap.h"
#include "mm/mm_sim.h"
#include "sim/sim.h"

#define MIN_WRITEBACK_PAGES	(4096UL >> (PAGE_SHIFT - 10))	/* 4 MiB */
#define BANDWIDTH_INTERVAL_NS	(200 * NSEC_PER_MSEC)
#define BW_SMOOTH_NS		(3 * NSEC_PER_SEC)
#define INIT_BW			(100UL << (20 - PAGE_SHIFT))	/* 100 MB/s, pages */
#define RATELIMIT_CALC_SHIFT	10
#define MAX_PAUSE		(HZ / 5)

/* ---- accounting ---- */

static struct bdi_writeback *mapping_wb(const struct address_space *mapping)
{
	return mapping->wb;
}

static void wb_wakeup_delayed(struct bdi_writeback *wb);

bool set_page_dirty(struct address_space *mapping, struct page *page)
{
	struct mm_sim *ms = mapping->ms;
	struct mmsim *sim = ms->sim;
	struct zone *zone = page_zone(&ms->mm, page);

	if (page->flags & PG_dirty)
		return false;
	page->flags |= PG_dirty;
	mod_node_state(zone->zone_pgdat, NR_FILE_DIRTY, 1);
	mod_node_state(zone->zone_pgdat, NR_DIRTIED, 1);
	zone->nr_write_pending++;
	if (!mapping->nr_dirty++) {
		/* __mark_inode_dirty(): the first dirty page dates the file */
		mapping->dirtied_when = jiffies(sim);
		wb_wakeup_delayed(mapping_wb(mapping));
	}
	mapping_wb(mapping)->dirtied++;
	if (sim->current)
		sim->current->nr_dirtied++;
	return true;
}

/* clear_page_dirty_for_io(): the PTE's dirty bit goes too (page_mkclean()). */
static void clear_page_dirty_for_io(struct address_space *mapping, struct page *page,
				    unsigned long index)
{
	struct mm_sim *ms = mapping->ms;
	struct zone *zone = page_zone(&ms->mm, page);

	MM_BUG_ON(!(page->flags & PG_dirty));
	if (mapping->rmap && mapping->rmap[index]) {
		struct page handle = { .private_data = mapping->rmap[index] };
		unsigned long vindex;
		struct vm_area_struct *vma = rmap_vma(ms, &handle, &vindex);

		vma->ptes[vindex] &= ~PTE_DIRTY;
	}
	page->flags &= ~PG_dirty;
	mod_node_state(zone->zone_pgdat, NR_FILE_DIRTY, -1);
	zone->nr_write_pending--;
	mapping->nr_dirty--;
}

void folio_start_writeback(struct mm_sim *ms, struct page *page)
{
	struct zone *zone = page_zone(&ms->mm, page);

	page->flags |= PG_writeback;
	mod_node_state(zone->zone_pgdat, NR_WRITEBACK, 1);
	zone->nr_write_pending++;
}

static void set_page_writeback(struct address_space *mapping, struct page *page)
{
	folio_start_writeback(mapping->ms, page);
	mapping->nr_writeback++;
}

void folio_end_writeback(struct mm_sim *ms, struct page *page)
{
	struct mm_state *mm = &ms->mm;
	struct zone *zone = page_zone(mm, page);

	if (page->flags & PG_reclaim) {
		/* folio_rotate_reclaimable(): reclaim it next */
		page->flags &= ~PG_reclaim;
		if ((page->flags & (PG_lru | PG_locked | PG_dirty)) == PG_lru) {
			lru_del(mm, page);
			page->flags &= ~PG_active;
			lru_add_tail(mm, page);
			mm->events[PGROTATED]++;
		}
	}
	page->flags &= ~PG_writeback;
	mod_node_state(zone->zone_pgdat, NR_WRITEBACK, -1);
	mod_node_state(zone->zone_pgdat, NR_WRITTEN, 1);
	zone->nr_write_pending--;
	acct_reclaim_writeback(ms, zone->zone_pgdat, 1);
}

static void end_page_writeback(struct address_space *mapping, struct page *page)
{
	folio_end_writeback(mapping->ms, page);
	mapping->nr_writeback--;
	mapping_wb(mapping)->written++;
}

/* ---- I/O ---- */

static void writeback_end_io(struct bio *bio)
{
	struct filemap_bio *wbio = container_of(bio, struct filemap_bio, bio);
	struct address_space *mapping = wbio->mapping;
	struct mm_state *mm = &mapping->ms->mm;

	for (unsigned int i = 0; i < wbio->nr; i++) {
		struct page *page = pfn_to_page(mm, mapping->pages[wbio->index + i]);

		if (bio->bi_status) {
			/* mapping_set_error(): the data stays dirty in memory */
			mapping->io_errors++;
			page->flags &= ~PG_reclaim;
			set_page_dirty(mapping, page);
		}
		end_page_writeback(mapping, page);
	}
	wake_up_all(&mapping->wait);
	list_del_init(&wbio->node);
	free(wbio);
}

/* Clean [index, index + nr) for I/O, mark it under writeback, and submit it. */
static void submit_write(struct address_space *mapping, unsigned long index, unsigned int nr,
			 bool sync)
{
	struct mm_state *mm = &mapping->ms->mm;
	struct filemap_bio *wbio;

	if (!nr)
		return;
	wbio = filemap_bio_alloc(mapping, REQ_OP_WRITE | (sync ? REQ_SYNC : 0), index, nr);
	MM_BUG_ON(!wbio);	/* out of host memory */
	wbio->bio.bi_end_io = writeback_end_io;
	for (unsigned int i = 0; i < nr; i++) {
		struct page *page = pfn_to_page(mm, mapping->pages[index + i]);

		clear_page_dirty_for_io(mapping, page, index + i);
		set_page_writeback(mapping, page);
		wbio->tags[i] = page->tag;
	}
	/* may sleep for a request: the pages are under writeback meanwhile */
	submit_bio(&wbio->bio);
}

static bool page_writable_now(struct address_space *mapping, unsigned long index)
{
	const struct page *page;

	if (mapping->pages[index] == PFN_NONE)
		return false;
	page = pfn_to_page(&mapping->ms->mm, mapping->pages[index]);
	return (page->flags & (PG_dirty | PG_writeback | PG_locked)) == PG_dirty;
}

long write_cache_pages(struct address_space *mapping, struct writeback_control *wbc)
{
	struct mm_state *mm = &mapping->ms->mm;
	const unsigned long max_run = BLK_MAX_SECTORS / BLK_SECTORS_PER_BLOCK;
	bool sync = wbc->sync_mode == WB_SYNC_ALL;
	unsigned long start = sync ? 0 : mapping->writeback_index, done = 0;
	long written = 0;

	/* range_cyclic: from writeback_index to the end, then from 0 */
	while (done < mapping->nr_pages && wbc->nr_to_write > 0) {
		unsigned long i = (start + done) % mapping->nr_pages, run;
		unsigned long pfn = mapping->pages[i];
		struct page *page;

		if (pfn == PFN_NONE) {
			done++;
			continue;
		}
		page = pfn_to_page(mm, pfn);
		if (sync && (page->flags & PG_writeback) && (page->flags & PG_dirty)) {
			/* folio_wait_writeback() before writing it again */
			wait_event(&mapping->wait, mapping->pages[i] != pfn ||
				   !(page->flags & PG_writeback));
			continue;	/* look again: it may be gone */
		}
		if (!page_writable_now(mapping, i)) {
			done++;
			continue;
		}
		run = 1;
		while (run < max_run && run < (unsigned long)wbc->nr_to_write &&
		       i + run < mapping->nr_pages && done + run < mapping->nr_pages &&
		       page_writable_now(mapping, i + run))
			run++;
		submit_write(mapping, i, (unsigned int)run, sync);
		wbc->nr_to_write -= (long)run;
		written += (long)run;
		done += run;
		mapping->writeback_index = (i + run) % mapping->nr_pages;
	}
	if (sync) {
		/* __filemap_fdatawait_range(): pages written before this call too */
		for (unsigned long i = 0; i < mapping->nr_pages; i++) {
			unsigned long pfn = mapping->pages[i];

			if (pfn == PFN_NONE || !(pfn_to_page(mm, pfn)->flags & PG_writeback))
				continue;
			wait_event(&mapping->wait, mapping->pages[i] != pfn ||
				   !(pfn_to_page(mm, pfn)->flags & PG_writeback));
		}
	}
	return written;
}

void pageout(struct address_space *mapping, struct page *page)
{
	struct mm_sim *ms = mapping->ms;
	struct mm_state *mm = &ms->mm;
	unsigned long index = (unsigned long)(page->private_data & ((1ULL << 40) - 1));
	unsigned long pfn = page_to_pfn(mm, page);

	MM_BUG_ON(mapping->pages[index] != pfn);
	page->flags |= PG_reclaim;
	mod_node_state(page_zone(mm, page)->zone_pgdat, NR_VMSCAN_WRITE, 1);
	if (mm_trace_on(mm, MM_TRACE_VMSCAN_WRITE_FOLIO))
		mm_trace(mm, MM_TRACE_VMSCAN_WRITE_FOLIO,
			 "page=%016lx pfn=0x%lx flags=RECLAIM_WB_FILE|RECLAIM_WB_ASYNC",
			 MM_VMEMMAP_BASE + pfn * MM_KERNEL_STRUCT_PAGE_SIZE, pfn);
	submit_write(mapping, index, 1, false);
}

/* ---- dirty limits ---- */

void global_dirty_limits(struct mm_state *mm, unsigned long *bg, unsigned long *thresh)
{
	unsigned long avail = 0;
	pg_data_t *pgdat;
	struct zone *zone;

	for (int nid = 0; nid < mm->nr_nodes; nid++) {
		pgdat = &mm->nodes[nid];
		for (int z = 0; z < pgdat->nr_zones; z++) {
			long reserve;

			zone = &pgdat->node_zones[z];
			if (!populated_zone(zone))
				continue;
			/* calculate_totalreserve_pages(): high watermark + largest lowmem reserve */
			reserve = (long)high_wmark_pages(zone);
			{
				long max = 0;

				for (int j = 0; j < MAX_NR_ZONES; j++)
					max = max_t(long, max, zone->lowmem_reserve[j]);
				reserve += max;
			}
			if ((long)zone->nr_free_pages > reserve)
				avail += zone->nr_free_pages - (unsigned long)reserve;
			avail += zone->nr_lru[LRU_INACTIVE_FILE] + zone->nr_lru[LRU_ACTIVE_FILE];
		}
	}
	*thresh = avail * mm->dirty_ratio / 100;
	*bg = avail * mm->dirty_background_ratio / 100;
	if (*bg >= *thresh)
		*bg = *thresh / 2;
}

static void global_dirty_pages(struct mm_state *mm, unsigned long *reclaimable,
			       unsigned long *dirty)
{
	unsigned long d = 0, wb = 0;

	for (int nid = 0; nid < mm->nr_nodes; nid++) {
		d += mm->nodes[nid].stat[NR_FILE_DIRTY];
		wb += mm->nodes[nid].stat[NR_WRITEBACK];
	}
	*reclaimable = d;
	*dirty = d + wb;
}

/* ---- the flushers ---- */

static void wb_wakeup(struct bdi_writeback *wb, unsigned int work)
{
	wb->work |= work;
	if (wb->booting) {
		/* still in the sleep it was created in */
		wb->booting = false;
		wake_up_process(wb->task);
		return;
	}
	wake_up(&wb->wait);
}

static void wb_dwork_fn(struct mmsim *sim, struct sim_event *ev)
{
	struct bdi_writeback *wb = container_of(ev, struct bdi_writeback, dwork);

	(void)sim;
	wb_wakeup(wb, WB_WORK_PERIODIC);
}

/* wb_wakeup_delayed(): the periodic writeback, dirty_writeback_interval from now */
static void wb_wakeup_delayed(struct bdi_writeback *wb)
{
	struct mmsim *sim = wb->ms->sim;
	unsigned int interval = sim->cfg.sysctl.dirty_writeback_centisecs;
	uint64_t expiry;

	if (!interval || event_pending(&wb->dwork))
		return;
	expiry = timer_wheel_expiry(jiffies(sim), jiffies(sim) + (uint64_t)interval * HZ / 100);
	event_schedule(sim, &wb->dwork, expiry * TICK_NSEC);
}

static bool wb_has_dirty_io(const struct bdi_writeback *wb)
{
	const struct mm_sim *ms = wb->ms;

	for (unsigned int i = 0; i < ms->nr_mappings; i++)
		if (ms->mappings[i]->wb == wb && ms->mappings[i]->nr_dirty)
			return true;
	return false;
}

static bool over_bground_thresh(struct mm_state *mm)
{
	unsigned long bg, thresh, reclaimable, dirty;

	global_dirty_limits(mm, &bg, &thresh);
	global_dirty_pages(mm, &reclaimable, &dirty);
	return reclaimable > bg;
}

/* wb_update_bandwidth(): every 200 ms, the write bandwidth and the dirty ratelimit */
static void wb_update_bandwidth(struct bdi_writeback *wb, unsigned long pos_ratio)
{
	uint64_t now = wb->ms->sim->now, elapsed = now - wb->bw_time;
	unsigned long written = wb->written - wb->written_stamp;
	unsigned long dirtied = wb->dirtied - wb->dirtied_stamp;

	if (elapsed < BANDWIDTH_INTERVAL_NS)
		return;
	if (written) {
		uint64_t bw = (uint64_t)written * NSEC_PER_SEC / elapsed;

		if (elapsed > BW_SMOOTH_NS)
			wb->write_bandwidth = (unsigned long)bw;
		else
			wb->write_bandwidth = (unsigned long)(((uint64_t)wb->write_bandwidth *
							       (BW_SMOOTH_NS - elapsed) +
							       bw * elapsed) / BW_SMOOTH_NS);
		wb->write_bandwidth = max_t(unsigned long, wb->write_bandwidth, 1);
	}
	if (dirtied && pos_ratio) {
		/* balanced_dirty_ratelimit = task_ratelimit * write_bw / dirty_rate */
		uint64_t dirty_rate = (uint64_t)dirtied * NSEC_PER_SEC / elapsed;
		uint64_t task = (uint64_t)wb->dirty_ratelimit * pos_ratio >> RATELIMIT_CALC_SHIFT;
		uint64_t balanced = task * wb->write_bandwidth / (dirty_rate | 1);

		wb->dirty_ratelimit = (unsigned long)clamp_t(uint64_t,
							     (wb->dirty_ratelimit + balanced) / 2,
							     1, wb->write_bandwidth);
	}
	wb->bw_time = now;
	wb->written_stamp = wb->written;
	wb->dirtied_stamp = wb->dirtied;
}

/* writeback_chunk_size(): half a second of bandwidth, in 4 MiB steps */
static long writeback_chunk_size(struct bdi_writeback *wb, long nr_pages)
{
	unsigned long bg, thresh, pages = wb->write_bandwidth / 2;

	global_dirty_limits(&wb->ms->mm, &bg, &thresh);
	pages = min_t(unsigned long, pages, thresh / 8);
	pages = min_t(unsigned long, pages, (unsigned long)nr_pages);
	return (long)((pages + MIN_WRITEBACK_PAGES) / MIN_WRITEBACK_PAGES * MIN_WRITEBACK_PAGES);
}

/*
 * wb_writeback(): write the device's dirty files, oldest dirtied first,
 * a chunk each per pass, until @nr_pages are written, the work's condition
 * ends (background: below the threshold; kupdate: no file dirty before
 * @older_than) or a pass writes nothing.
 */
static void wb_writeback(struct bdi_writeback *wb, long nr_pages, bool background,
			 bool kupdate)
{
	struct mm_sim *ms = wb->ms;
	struct mmsim *sim = ms->sim;
	uint64_t older_than = jiffies(sim) -
		min_t(uint64_t, jiffies(sim),
		      (uint64_t)sim->cfg.sysctl.dirty_expire_centisecs * HZ / 100);

	wb->running = true;
	while (nr_pages > 0) {
		long pass = 0;

		if (background && !over_bground_thresh(&ms->mm))
			break;
		/* one pass: each dirty file once, in dirtied_when order */
		wb->pass++;
		for (;;) {
			struct address_space *next = NULL;
			struct writeback_control wbc = { .sync_mode = WB_SYNC_NONE };

			for (unsigned int i = 0; i < ms->nr_mappings; i++) {
				struct address_space *m = ms->mappings[i];

				if (m->wb != wb || !m->nr_dirty || m->wb_pass == wb->pass)
					continue;
				if (kupdate && m->dirtied_when > older_than)
					continue;
				if (!next || m->dirtied_when < next->dirtied_when)
					next = m;
			}
			if (!next || nr_pages <= 0)
				break;
			next->wb_pass = wb->pass;
			wbc.nr_to_write = writeback_chunk_size(wb, nr_pages);
			{
				long n = write_cache_pages(next, &wbc);

				pass += n;
				nr_pages -= n;
			}
			if (!next->nr_dirty)
				next->dirtied_when = 0;
			cond_resched(sim);
		}
		wb->pages_written += (uint64_t)pass;
		if (!pass)
			break;
	}
	wb->running = false;
}

static void wb_workfn(struct task_struct *p, void *arg)
{
	struct bdi_writeback *wb = arg;
	struct mm_sim *ms = wb->ms;
	struct mmsim *sim = p->sim;
	unsigned int interval = sim->cfg.sysctl.dirty_writeback_centisecs;

	for (;;) {
		unsigned int work;

		wait_event_interruptible_timeout(&wb->wait, wb->work, MAX_SCHEDULE_TIMEOUT);
		work = wb->work;
		wb->work = 0;
		if (work & WB_WORK_START_ALL) {
			unsigned long reclaimable, dirty;

			global_dirty_pages(&ms->mm, &reclaimable, &dirty);
			wb_writeback(wb, (long)reclaimable, false, false);
		}
		/* wb_check_background_flush() */
		if (over_bground_thresh(&ms->mm))
			wb_writeback(wb, LONG_MAX, true, false);
		/* wb_check_old_data_flush() */
		if (interval && jiffies(sim) >= wb->last_old_flush + (uint64_t)interval * HZ / 100) {
			wb->last_old_flush = jiffies(sim);
			wb_writeback(wb, LONG_MAX, false, true);
		}
		if (wb_has_dirty_io(wb))
			wb_wakeup_delayed(wb);
	}
}

void wakeup_flusher_threads(struct mm_sim *ms)
{
	for (unsigned int i = 0; i < ms->nr_wbs; i++)
		if (wb_has_dirty_io(&ms->wbs[i]))
			wb_wakeup(&ms->wbs[i], WB_WORK_START_ALL);
}

/* ---- balance_dirty_pages() ---- */

/* dirty_poll_interval(): check again after sqrt(headroom) pages */
static unsigned int dirty_poll_interval(unsigned long dirty, unsigned long thresh)
{
	unsigned long gap;
	int log = 0;

	if (thresh <= dirty)
		return 1;
	gap = thresh - dirty;
	while (gap >>= 1)
		log++;
	return 1u << (log >> 1);
}

/* pos_ratio in 1 << RATELIMIT_CALC_SHIFT units: 1 + x^3, x = (setpoint - dirty) / span */
static unsigned long dirty_pos_ratio(unsigned long dirty, unsigned long freerun,
				     unsigned long limit)
{
	long setpoint = (long)(freerun + limit) / 2, span = (long)limit - setpoint + 1, x, pos;

	if (dirty >= limit)
		return 0;
	/* signed fixed point: multiply and divide, never shift a negative value */
	x = ((long)setpoint - (long)dirty) * (1L << RATELIMIT_CALC_SHIFT) / span;
	pos = x;
	pos = pos * x / (1L << RATELIMIT_CALC_SHIFT);
	pos = pos * x / (1L << RATELIMIT_CALC_SHIFT);
	pos += 1L << RATELIMIT_CALC_SHIFT;
	return (unsigned long)clamp_t(long, pos, 0, 2L << RATELIMIT_CALC_SHIFT);
}

static void balance_dirty_pages(struct address_space *mapping, unsigned long pages_dirtied)
{
	struct mm_sim *ms = mapping->ms;
	struct mmsim *sim = ms->sim;
	struct task_struct *p = sim->current;
	struct bdi_writeback *wb = mapping_wb(mapping);
	unsigned long bg, thresh, reclaimable, dirty;

	for (;;) {
		unsigned long freerun, pos_ratio, task_ratelimit;
		long pause;
		uint64_t start;

		global_dirty_limits(&ms->mm, &bg, &thresh);
		global_dirty_pages(&ms->mm, &reclaimable, &dirty);
		freerun = (thresh + bg) / 2;
		if (dirty <= freerun) {
			p->nr_dirtied = 0;
			p->nr_dirtied_pause = dirty_poll_interval(dirty, thresh);
			break;
		}
		if (!wb->running)
			wb_wakeup(wb, WB_WORK_BACKGROUND);
		pos_ratio = dirty_pos_ratio(dirty, freerun, thresh);
		wb_update_bandwidth(wb, pos_ratio);
		task_ratelimit = (unsigned long)((uint64_t)wb->dirty_ratelimit * pos_ratio >>
						 RATELIMIT_CALC_SHIFT);
		pause = task_ratelimit ? (long)((uint64_t)HZ * pages_dirtied / task_ratelimit) :
			MAX_PAUSE;
		if (pause < 1 && dirty < thresh) {
			/* less than a tick: dirty more before the next look */
			p->nr_dirtied_pause = min_t(unsigned int, 2 * p->nr_dirtied_pause, 1024);
			break;
		}
		pause = clamp_t(long, pause, 1, MAX_PAUSE);
		start = sim->now;
		p->state = TASK_UNINTERRUPTIBLE;	/* TASK_KILLABLE */
		io_schedule_timeout(sim, pause);
		wb->dirty_pauses++;
		wb->dirty_pause_ns += sim->now - start;
		sim_stall_add(sim, MMSIM_STALL_DIRTY, sim->now - start);
		p->nr_dirtied = 0;
		pages_dirtied = 0;
		p->nr_dirtied_pause = (unsigned int)clamp_t(unsigned long, task_ratelimit / 10, 8,
							    1024);
		if (dirty < thresh)
			break;
	}
	if (reclaimable > bg && !wb->running)
		wb_wakeup(wb, WB_WORK_BACKGROUND);
}

void balance_dirty_pages_ratelimited(struct address_space *mapping)
{
	struct task_struct *p = mapping->ms->sim->current;

	if (!p || (p->flags & PF_KTHREAD) || p->nr_dirtied < p->nr_dirtied_pause)
		return;
	balance_dirty_pages(mapping, p->nr_dirtied);
}

/* ---- setup ---- */

int writeback_init(struct mmsim *sim)
{
	struct mm_sim *ms = sim->mm;

	if (!ms->nr_mappings)
		return 0;
	ms->wbs = calloc(ms->nr_mappings, sizeof(*ms->wbs));
	if (!ms->wbs)
		return -ENOMEM;
	for (unsigned int i = 0; i < ms->nr_mappings; i++) {
		struct address_space *mapping = ms->mappings[i];
		struct bdi_writeback *wb = NULL;

		for (unsigned int j = 0; j < ms->nr_wbs; j++)
			if (ms->wbs[j].bdev == mapping->bdev)
				wb = &ms->wbs[j];
		if (!wb) {
			struct task_create_args args = { .fn = wb_workfn, .asleep = true };

			wb = &ms->wbs[ms->nr_wbs++];
			wb->ms = ms;
			wb->bdev = mapping->bdev;
			wb->write_bandwidth = INIT_BW;
			wb->dirty_ratelimit = INIT_BW;
			wb->booting = true;
			init_waitqueue_head(sim, &wb->wait);
			event_init(&wb->dwork, wb_dwork_fn);
			/* the kernel's kworker/u<N>:<M>+flush-<major>:<minor>, as ps cuts it */
			snprintf(wb->comm, sizeof(wb->comm), "flush-%u:%u", mapping->bdev->major,
				 mapping->bdev->minor);
			args.comm = wb->comm;
			args.arg = wb;
			wb->task = task_create(sim, &args);
			if (!wb->task)
				return -ENOMEM;
		}
		mapping->wb = wb;
	}
	return 0;
}

void writeback_release(struct mmsim *sim)
{
	struct mm_sim *ms = sim->mm;

	if (!ms || !ms->wbs)
		return;
	/* the event queue goes with the simulation: the timers are not cancelled */
	free(ms->wbs);
	ms->wbs = NULL;
	ms->nr_wbs = 0;
}
