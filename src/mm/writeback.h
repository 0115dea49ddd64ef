/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mm/writeback.h - dirty page accounting, writeback and the flushers
 * (include/linux/writeback.h, backing-dev-defs.h)
 */
#ifndef MMSIM_MM_WRITEBACK_H
#define MMSIM_MM_WRITEBACK_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/event.h"
#include "sim/wait.h"

struct address_space;
struct block_device;
struct mm_sim;
struct mmsim;
struct page;

enum writeback_sync_modes {
	WB_SYNC_NONE,	/* don't wait on anything */
	WB_SYNC_ALL,	/* wait on every page (fsync) */
};

/** struct writeback_control - one call of write_cache_pages() */
struct writeback_control {
	long nr_to_write;		/* pages left to write; decremented */
	enum writeback_sync_modes sync_mode;
};

/* What a flusher was asked to do (the kernel's wb_writeback_work reasons) */
#define WB_WORK_START_ALL	0x1u	/* wakeup_flusher_threads(WB_REASON_VMSCAN) */
#define WB_WORK_BACKGROUND	0x2u	/* wb_start_background_writeback() */
#define WB_WORK_PERIODIC	0x4u	/* the delayed work of dirty_writeback_interval */

/**
 * struct bdi_writeback - one block device's flusher (the kernel's per-bdi
 * wb and its wb_workfn() work item, run here by a kernel thread of its own)
 * @dwork: the delayed-work timer of the periodic (kupdate) writeback
 * @write_bandwidth: estimated pages per second the device writes
 * @dirty_ratelimit: pages per second a dirtier may dirty at the setpoint
 */
struct bdi_writeback {
	struct mm_sim *ms;
	struct block_device *bdev;
	struct task_struct *task;
	struct wait_queue_head wait;
	struct sim_event dwork;
	char comm[16];
	unsigned int work;		/* WB_WORK_* pending */
	bool running;			/* writeback_in_progress() */
	bool booting;			/* still in the sleep it was created in */
	uint64_t pass;			/* wb_writeback() passes, to visit each file once */
	uint64_t last_old_flush;	/* jiffies of the last periodic writeback */
	/* wb_update_bandwidth() */
	uint64_t bw_time;		/* ns */
	unsigned long written_stamp, dirtied_stamp;
	unsigned long written;		/* pages whose writeback ended */
	unsigned long dirtied;		/* pages dirtied */
	unsigned long write_bandwidth;
	unsigned long dirty_ratelimit;
	/* the model's counters, for the report */
	uint64_t pages_written;		/* pages the flusher submitted */
	uint64_t dirty_pauses;		/* balance_dirty_pages() sleeps */
	uint64_t dirty_pause_ns;
};

/** writeback_init - a flusher for every device that holds files (after filemap_init) */
int writeback_init(struct mmsim *sim);

/** writeback_release - free the flushers */
void writeback_release(struct mmsim *sim);

/**
 * set_page_dirty - mark a page cache page dirty (folio_mark_dirty()), with
 * the node, zone and file counts, and the file's dirtied_when when it is
 * the file's first; counts against the current task's dirty ratelimit
 *
 * Return: true if it was clean.
 */
bool set_page_dirty(struct address_space *mapping, struct page *page);

/**
 * write_cache_pages - submit the dirty pages of @mapping from where the
 * last call stopped (cyclic), one bio per contiguous run; in WB_SYNC_ALL
 * mode wait first for pages already under writeback
 *
 * Return: the pages submitted.
 */
long write_cache_pages(struct address_space *mapping, struct writeback_control *wbc);

/**
 * pageout - kswapd writes one dirty page for reclaim: clean for I/O,
 * PG_reclaim (it rotates to the inactive tail when written), async
 */
void pageout(struct address_space *mapping, struct page *page);

/** folio_start_writeback - @page goes under writeback (nr_writeback) */
void folio_start_writeback(struct mm_sim *ms, struct page *page);

/**
 * folio_end_writeback - @page's write ended: a page reclaim marked
 * PG_reclaim rotates to the inactive tail (folio_rotate_reclaimable(),
 * pgrotated), and reclaim throttled on writeback hears of it
 */
void folio_end_writeback(struct mm_sim *ms, struct page *page);

/**
 * balance_dirty_pages_ratelimited - called after dirtying pages: every
 * nr_dirtied_pause pages, throttle the writer (balance_dirty_pages()) when
 * the machine's dirty pages are over the freerun ceiling, and start
 * background writeback over the background threshold
 */
void balance_dirty_pages_ratelimited(struct address_space *mapping);

/** wakeup_flusher_threads - write back everything dirty (WB_REASON_VMSCAN) */
void wakeup_flusher_threads(struct mm_sim *ms);

#endif /* MMSIM_MM_WRITEBACK_H */
