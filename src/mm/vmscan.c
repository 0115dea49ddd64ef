// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/vmscan.c - page reclaim: the LRU scan and direct reclaim
 *
 * The kernel's mm/vmscan.c of 6.18 without MGLRU.  shrink_node() prepares
 * the scan on the target's lruvec (the node's for global reclaim, a
 * cgroup's for its limit: prepare_scan_control(): the active lists may be
 * aged when the target's workingset activations, as the memcg statistics
 * flushed every 2 s show them, changed since the last reclaim ended, or
 * the inactive list is low (inactive_is_low() with the kernel's sqrt
 * ratio, a cgroup's list sizes as of that flush too: [model] memcg_stats)),
 * then shrink_node_memcgs() walks the cgroups (all for kswapd, on
 * from the last stop for direct reclaim) and shrink_lruvec() scans each
 * list by its size shifted by the priority (12 down to 0) and weighed by
 * get_scan_count() (swappiness, lru_note_cost()), in batches of 32 in
 * turn, stopping proportionally once enough is reclaimed (not direct
 * global reclaim at DEF_PRIORITY), and refills the inactive anonymous list
 * a batch when it is low; its pageout writes are held in a block plug, so
 * neighbouring slots go out as one request.  Cgroup v1 reclaim (try_to_free_mem_cgroup_pages())
 * is counted in the cgroup, not in pgscan_direct, skips too_many_isolated()
 * and the NOPROGRESS/CONGESTED throttles, and waits for a page under
 * writeback it meets marked already (shrink_folio_list()'s case 3).  shrink_inactive_list() isolates pages from the
 * tail in batches of 32 (counted in nr_isolated_file while the scan's CPU
 * time passes) and looks at each (shrink_folio_list()): locked: kept;
 * under writeback: marked PG_reclaim and activated (kswapd meeting it
 * again on a node flagged PGDAT_WRITEBACK counts it nr_immediate);
 * referenced through a PTE (the accessed bit, test-and-cleared through
 * the reverse map) when already referenced before, or twice: activated;
 * referenced once: kept with PG_referenced; then unmapped (the PTE's dirty
 * bit moves to the page); dirty: PG_reclaim and activated
 * (nr_vmscan_immediate_reclaim), unless kswapd meets it again on a node
 * flagged PGDAT_DIRTY, which writes it (pageout(), mm_vmscan_write_folio);
 * else removed from the page cache, leaving a shadow entry
 * (mm/workingset.c), and freed.  A batch that was all unqueued dirty pages
 * wakes the flushers.
 * shrink_active_list() moves pages to the inactive list, clearing their
 * accessed bits, keeping the referenced executable ones (none yet).
 *
 * try_to_free_pages() is direct reclaim, the slow path's hook: SWAP_CLUSTER_MAX
 * pages wanted, priority by priority over the allowed zones' nodes, counted
 * as allocstall_<zone>, pgscan_direct and pgsteal_direct.
 *
 * kswapd per node: woken by wakeup_kswapd() when the node is not balanced
 * (no eligible zone above its high watermark at the order) or a watermark
 * is boosted; otherwise a caller that cannot compact directly wakes
 * kcompactd.  balance_pgdat() reclaims priority by priority until the node
 * is balanced (for a high order, once compact_gap() pages are freed order 0
 * will do), or a boost's worth; then it drops the boosts and wakes
 * kcompactd for a pageblock.  kswapd_try_to_sleep() wakes kcompactd for the
 * order it was woken for, naps HZ/10 (a wakeup meanwhile makes the sleep
 * premature: kswapd_low_wmark_hit_quickly) and then sleeps until woken.
 * A run that reclaims nothing counts as a failure; after
 * MAX_RECLAIM_RETRIES the node is hopeless until one succeeds.
 * Simplified: no kswapd_shrink_node() per-zone shrinking, no should_continue_reclaim()
 * loop for compaction.  The pfmemalloc throttle (throttle_direct_reclaim())
 * holds direct reclaimers while the first node's free pages are under half
 * its min watermarks, until kswapd lets them go.
 *
 * Throttling ([model] reclaim_throttle): 5.16's reclaim_throttle() with
 * the later fix (per-node queues; WRITEBACK for kswapd meeting immediate
 * pages, woken once 32 pages per waiter were written; ISOLATED from
 * too_many_isolated(), woken when isolation drops; NOPROGRESS at priority
 * 1 with nothing reclaimed and CONGESTED for direct reclaim on a node
 * kswapd found congested, one jiffy each and only when over half the
 * reclaimable memory is dirty; kernel threads but kswapd exempt), the
 * series as merged for 5.16-rc1 (congested direct reclaim on WRITEBACK,
 * NOPROGRESS HZ/2 below priority 10), or 5.15 (congestion_wait(), always
 * to its timeout; wait_iff_congested(), never sleeping; msleep(100) in
 * too_many_isolated(); and the allocator's congestion_wait() in
 * should_reclaim_retry()).  Compaction's too_many_isolated() is not
 * modelled (its isolation is not counted in nr_isolated_*).
 */
#include <stdio.h>
#include <string.h>

#include "lib/bigarray.h"
#include "lib/compiler.h"
#include "sim/sim.h"
#include "sim/wait.h"
#include "mm/filemap.h"
#include "mm/mm.h"
#include "mm/mm_sim.h"
#include "mm/writeback.h"

#define DEF_PRIORITY	12
#define JIFFY_USECS	(1000000L / HZ)

struct scan_control {
	unsigned long nr_to_reclaim;
	unsigned long nr_scanned;
	unsigned long nr_reclaimed;
	enum zone_type reclaim_idx;	/* highest zone whose pages are wanted */
	gfp_t gfp_mask;
	int priority;
	bool kswapd;
	bool may_writepage;
	bool ignore_references;		/* reclaim_pages(): MADV_PAGEOUT */
	unsigned int target_memcg;	/* the cgroup reclaimed (its limit), 0 = global */
	bool memcg_full_walk;		/* visit every cgroup, not a partial walk */
	bool force_deactivate;		/* age the active lists whatever the ratios say */
	bool skipped_deactivate;	/* an active list was left alone */
	/* prepare_scan_control() */
	bool deactivate_anon;
	bool deactivate_file;
	bool cache_trim_mode;
	bool file_is_tiny;
	unsigned long anon_cost;	/* the target lruvec's, for get_scan_count() */
	unsigned long file_cost;
	/* what shrink_folio_list() met, per shrink_node() */
	struct {
		unsigned long dirty;
		unsigned long unqueued_dirty;
		unsigned long congested;
		unsigned long writeback;
		unsigned long immediate;
		unsigned long file_taken;
		unsigned long taken;
	} nr;
};

struct reclaim_stat {
	unsigned long nr_dirty;
	unsigned long nr_unqueued_dirty;
	unsigned long nr_congested;
	unsigned long nr_writeback;
	unsigned long nr_immediate;
	unsigned long nr_activate;
	unsigned long nr_ref_keep;
	unsigned long nr_unmap_fail;
	unsigned long nr_pageout;
	bool retry;			/* waited for the page's write: look at it again */
};

static bool throttle_5_15(const struct mm_sim *ms)
{
	return ms->reclaim_throttle == MMSIM_THROTTLE_CONGESTION_WAIT;
}

/* 5.16-rc1: the series before "mm: vmscan: Reduce throttling due to a failure to make progress" */
static bool throttle_rc1(const struct mm_sim *ms)
{
	return ms->reclaim_throttle == MMSIM_THROTTLE_RC1;
}

/* int_sqrt() */
static unsigned long int_sqrt_ul(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

/* can_reclaim_anon_pages(): swap space left */
static bool can_reclaim_anon_pages(const struct mm_sim *ms)
{
	return get_nr_swap_pages(ms) > 0;
}

/* cgroup_reclaim(): reclaim for a cgroup's limit, not for the node's watermarks */
static bool cgroup_reclaim(const struct scan_control *sc)
{
	return sc->target_memcg;
}

/*
 * writeback_throttling_sane(): balance_dirty_pages() throttles writers in
 * global reclaim; cgroup v1 has no per-cgroup dirty throttling, so its
 * reclaim waits on writeback itself (shrink_folio_list()'s case 3)
 */
static bool writeback_throttling_sane(const struct scan_control *sc)
{
	return !cgroup_reclaim(sc);
}

/* lruvec_lru_size(): @lruvec's own pages on @lru in zones up to @zone_idx */
static unsigned long lruvec_lru_size(const struct lruvec *lruvec, enum lru_list lru,
				     enum zone_type zone_idx)
{
	unsigned long n = 0;

	for (int z = 0; z <= (int)zone_idx; z++)
		n += lruvec->lru_zone_size[z][lru];
	return n;
}

/* The node's pages on @lru in zones up to @reclaim_idx, every cgroup's */
static unsigned long node_lru_size(const pg_data_t *pgdat, enum lru_list lru,
				   enum zone_type reclaim_idx)
{
	unsigned long n = 0;

	for (int z = 0; z <= (int)reclaim_idx; z++)
		n += pgdat->node_zones[z].nr_lru[lru];
	return n;
}

/*
 * inactive_is_low(): inactive * ratio < active in the subtree of @lruvec's
 * cgroup (the node's for the root), ratio = sqrt(10 * GiB) (1 below 1 GiB);
 * a cgroup's sizes are those of the last flush of the memcg statistics, as
 * lruvec_page_state() reads them, so an active list that outgrew its
 * inactive one is noticed only at the next flush, and aged until the
 * flush after that shows the balance restored (lruvec_page_state_lru())
 */
static bool inactive_is_low(struct mm_sim *ms, struct lruvec *lruvec, enum lru_list inactive_lru)
{
	struct mm_state *mm = &ms->mm;
	uint64_t now = ms->sim->now;
	unsigned long inactive = lruvec_page_state_lru(mm, lruvec, inactive_lru, now);
	unsigned long active = lruvec_page_state_lru(mm, lruvec, inactive_lru + 1, now);
	unsigned long gb = (inactive + active) >> (30 - PAGE_SHIFT);
	unsigned long ratio = gb ? int_sqrt_ul(10 * gb) : 1;

	return inactive * ratio < active;
}

/* mem_cgroup_swappiness(): a v1 cgroup's own, the sysctl for the root */
static unsigned int lruvec_swappiness(const struct mm_sim *ms, const struct lruvec *lruvec)
{
	return lruvec->memcg_id ? ms->mm.memcgs[lruvec->memcg_id].swappiness : ms->swappiness;
}

/* The PTE mapping a page cache page, or NULL. */
static uint64_t *file_page_pte(struct mm_sim *ms, const struct page *page,
			       struct address_space **mappingp, unsigned long *indexp)
{
	unsigned int id = (unsigned int)(page->private_data >> 40);
	unsigned long index = (unsigned long)(page->private_data & ((1ULL << 40) - 1)), vindex;
	struct address_space *mapping = id < ms->nr_mappings ? ms->mappings[id] : NULL;
	struct vm_area_struct *vma;
	struct page handle;

	MM_BUG_ON(!mapping);
	*mappingp = mapping;
	*indexp = index;
	if (!mapping->rmap || !mapping->rmap[index])
		return NULL;
	handle.private_data = mapping->rmap[index];
	vma = rmap_vma(ms, &handle, &vindex);
	MM_BUG_ON(!vma);
	return &vma->ptes[vindex];
}

/* A lazily freeable anonymous page (MADV_FREE): on the file LRU, no swap backing. */
static bool page_is_lazyfree(const struct mm_sim *ms, const struct page *page)
{
	return page->owner == (uint32_t)ms->rmap_owner && !(page->flags & PG_swapbacked);
}

/* The PTE mapping a page on an LRU list, or NULL. */
static uint64_t *page_pte(struct mm_sim *ms, const struct page *page)
{
	struct address_space *mapping;
	unsigned long index;

	if (page->flags & PG_swapcache)
		return swapcache_pte(ms, page);
	if (page_is_lazyfree(ms, page) || page->owner == (uint32_t)ms->rmap_owner) {
		struct vm_area_struct *vma = rmap_vma(ms, page, &index);

		/* NULL: unmapped while reclaim had it isolated */
		return vma ? &vma->ptes[index] : NULL;
	}
	return file_page_pte(ms, page, &mapping, &index);
}

/* folio_referenced(): test and clear the accessed bit of the page's PTE. */
static bool page_referenced_ptes(struct mm_sim *ms, struct page *page)
{
	uint64_t *pte = page_pte(ms, page);

	if (!pte || !(*pte & PTE_ACCESSED))
		return false;
	*pte &= ~PTE_ACCESSED;
	return true;
}

enum page_references {
	PAGEREF_RECLAIM,
	PAGEREF_RECLAIM_CLEAN,
	PAGEREF_KEEP,
	PAGEREF_ACTIVATE,
};

/* folio_check_references() for a file page */
static enum page_references page_check_references(struct mm_sim *ms, struct page *page)
{
	bool ptes = page_referenced_ptes(ms, page);
	bool referenced = page->flags & PG_referenced;

	page->flags &= ~PG_referenced;
	if (ptes) {
		/* mapped and used: a second look keeps it, a repeated one activates it */
		page->flags |= PG_referenced;
		return referenced ? PAGEREF_ACTIVATE : PAGEREF_KEEP;
	}
	/* only accessed through read()/write(): reclaim if clean, defer dirty to writeback */
	return referenced ? PAGEREF_RECLAIM_CLEAN : PAGEREF_RECLAIM;
}

/* try_to_unmap(): the PTE goes; its dirty bit moves to the page. */
static void unmap_file_page(struct mm_sim *ms, struct page *page)
{
	struct address_space *mapping;
	unsigned long index, vindex;
	uint64_t *pte = file_page_pte(ms, page, &mapping, &index);
	struct vm_area_struct *vma;
	struct page handle;

	if (!pte)
		return;
	if (*pte & PTE_DIRTY)
		set_page_dirty(mapping, page);
	handle.private_data = mapping->rmap[index];
	vma = rmap_vma(ms, &handle, &vindex);
	vma->ptes[vindex] = 0;
	vma->vm_mm->rss_file--;
	mapping->rmap[index] = 0;
}

/* __remove_mapping() of a clean, unmapped page cache page; then freed. */
static void remove_file_page(struct mm_sim *ms, struct page *page, unsigned int target_memcg)
{
	unsigned long index;
	struct address_space *mapping;
	unsigned long pfn = page_to_pfn(&ms->mm, page);

	file_page_pte(ms, page, &mapping, &index);
	if (!mapping->shadow) {
		mapping->shadow = big_calloc(mapping->nr_pages, sizeof(*mapping->shadow));
		MM_BUG_ON(!mapping->shadow);	/* out of host memory */
	}
	workingset_eviction(ms, &mapping->shadow[index], page, target_memcg);
	mapping->pages[index] = PFN_NONE;
	mapping->nrpages--;
	page->owner = 0;
	page->private_data = 0;
	page->flags &= ~(PG_referenced | PG_active | PG_readahead | PG_reclaim | PG_workingset);
	free_to_buddy(&ms->mm, pfn, 0);
}

/* Isolate up to @nr pages from the tail of @lru, of zones up to reclaim_idx. */
static unsigned long isolate_lru_pages(struct mm_state *mm, struct lruvec *lruvec,
				       enum lru_list lru, unsigned long nr, struct scan_control *sc,
				       unsigned long *isolated, unsigned long *scanned)
{
	struct page_list *list = &lruvec->lists[lru];
	unsigned long n = 0, seen = 0, limit = list->nr;

	*scanned = 0;
	while (n < nr && seen < limit && list->head != PFN_NONE) {
		unsigned long pfn = pfn_to_page(mm, list->head)->prev;	/* the tail */
		struct page *page = pfn_to_page(mm, pfn);

		seen++;
		if (pfn_zone(mm, pfn)->idx > sc->reclaim_idx) {
			/* not wanted: to the head, looked at later */
			lru_del(mm, page);
			lru_add(mm, page);
			continue;
		}
		(*scanned)++;
		lru_del(mm, page);
		isolated[n++] = pfn;
	}
	return n;
}

/*
 * try_to_unmap_one() of a MADV_FREE page: written since (its PTE dirty)
 * it is anonymous memory again (PG_swapbacked, activated); else it is
 * discarded: unmapped, reads zeroes from now on, freed (pglazyfreed).
 */
static bool discard_lazyfree_page(struct mm_sim *ms, struct page *page,
				  struct reclaim_stat *stat, bool *activate)
{
	unsigned long index, pfn = page_to_pfn(&ms->mm, page);
	struct vm_area_struct *vma = rmap_vma(ms, page, &index);

	if (vma && (vma->ptes[index] & PTE_DIRTY)) {
		page->flags |= PG_swapbacked;
		stat->nr_unmap_fail++;
		*activate = true;
		return false;
	}
	if (vma) {
		vma->ptes[index] = 0;
		vma->tags[index] = 0;
		vma->vm_mm->rss_anon--;
	}	/* else unmapped while isolated (zap_vma_pages() left it to us) */
	page->owner = 0;
	page->private_data = 0;
	page->flags &= ~(PG_referenced | PG_active);
	ms->mm.events[PGLAZYFREED]++;
	free_to_buddy(&ms->mm, pfn, 0);
	return true;
}

/* ======================================================================
 * Throttling: reclaim_throttle() (5.16+) and congestion_wait() (5.15)
 * ====================================================================== */

static const char *const throttle_names[NR_VMSCAN_THROTTLE] = {
	"VMSCAN_THROTTLE_WRITEBACK", "VMSCAN_THROTTLE_ISOLATED",
	"VMSCAN_THROTTLE_NOPROGRESS", "VMSCAN_THROTTLE_CONGESTED",
};

static unsigned long zone_reclaimable(const struct zone *zone)
{
	unsigned long nr = zone->nr_lru[LRU_INACTIVE_FILE] + zone->nr_lru[LRU_ACTIVE_FILE];

	/* anonymous pages need swap; with nothing reclaimable, the free pages */
	return nr ? nr : zone->nr_free_pages;
}

/* skip_throttle_noprogress(): hopeless, or under half the reclaimable memory is dirty */
static bool skip_throttle_noprogress(struct mm_sim *ms, pg_data_t *pgdat)
{
	unsigned long reclaimable = 0, write_pending = 0;

	if (ms->kswapd[pgdat->node_id].failures >= MAX_RECLAIM_RETRIES)
		return true;
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &pgdat->node_zones[z];

		if (!zone->managed_pages)
			continue;
		reclaimable += zone_reclaimable(zone);
		write_pending += zone->nr_write_pending;
	}
	return 2 * write_pending <= reclaimable;
}

static void reclaim_throttle(struct mm_sim *ms, pg_data_t *pgdat,
			     enum vmscan_throttle_state reason)
{
	struct mmsim *sim = ms->sim;
	struct task_struct *p = sim->current;
	struct reclaim_wait *rw = &ms->reclaim_wait[pgdat->node_id];
	struct wait_queue_entry wait;
	long timeout, ret;
	uint64_t start;

	/* kernel threads other than kswapd may be what reclaim waits for */
	if ((p->flags & PF_KTHREAD) && !(p->flags & PF_KSWAPD)) {
		cond_resched(sim);
		return;
	}
	switch (reason) {
	case VMSCAN_THROTTLE_WRITEBACK:
		timeout = HZ / 10;
		if (rw->nr_writeback_throttled++ == 0)
			rw->nr_reclaim_start = pgdat->stat[NR_THROTTLED_WRITTEN];
		break;
	case VMSCAN_THROTTLE_CONGESTED:
	case VMSCAN_THROTTLE_NOPROGRESS:
		if (throttle_rc1(ms)) {
			/* a19594ca4a8b: half a second, whatever is dirty */
			timeout = HZ / 2;
			break;
		}
		if (skip_throttle_noprogress(ms, pgdat)) {
			cond_resched(sim);
			return;
		}
		timeout = 1;
		break;
	case VMSCAN_THROTTLE_ISOLATED:
	default:
		timeout = HZ / 50;
		break;
	}
	start = sim->now;
	init_wait_entry(&wait, p, 0);
	prepare_to_wait_event(&rw->wait[reason], &wait, TASK_UNINTERRUPTIBLE);
	ret = schedule_timeout(sim, timeout);
	finish_wait(&rw->wait[reason], &wait);
	if (reason == VMSCAN_THROTTLE_WRITEBACK)
		rw->nr_writeback_throttled--;
	rw->throttled[reason]++;
	rw->throttled_ns[reason] += sim->now - start;
	rw->woken_early[reason] += ret > 0;
	sim_stall_add(sim, MMSIM_STALL_THROTTLE, sim->now - start);
	if (mm_trace_on(&ms->mm, MM_TRACE_VMSCAN_THROTTLED))
		mm_trace(&ms->mm, MM_TRACE_VMSCAN_THROTTLED,
			 "nid=%d usec_timeout=%ld usect_delayed=%ld reason=%s", pgdat->node_id,
			 timeout * JIFFY_USECS, (timeout - ret) * JIFFY_USECS,
			 throttle_names[reason]);
}

void acct_reclaim_writeback(struct mm_sim *ms, pg_data_t *pgdat, unsigned long nr)
{
	struct reclaim_wait *rw = &ms->reclaim_wait[pgdat->node_id];
	unsigned long written;

	if (!rw->nr_writeback_throttled)
		return;
	mod_node_state(pgdat, NR_THROTTLED_WRITTEN, (long)nr);
	written = pgdat->stat[NR_THROTTLED_WRITTEN] - rw->nr_reclaim_start;
	if (written > SWAP_CLUSTER_MAX * (unsigned long)rw->nr_writeback_throttled)
		wake_up(&rw->wait[VMSCAN_THROTTLE_WRITEBACK]);
}

/*
 * 5.15's congestion_wait(BLK_RW_ASYNC, @timeout): sleep in D on the global
 * queue that only clear_bdi_congested() wakes, which no blk-mq device
 * calls: always to the timeout.
 */
static void congestion_wait(struct mm_sim *ms, long timeout)
{
	struct mmsim *sim = ms->sim;
	struct wait_queue_entry wait;
	uint64_t start = sim->now, start_jiffies = jiffies(sim);

	init_wait_entry(&wait, sim->current, 0);
	prepare_to_wait_event(&ms->congestion_wqh, &wait, TASK_UNINTERRUPTIBLE);
	io_schedule_timeout(sim, timeout);
	finish_wait(&ms->congestion_wqh, &wait);
	ms->congestion.congestion_wait++;
	ms->congestion.congestion_wait_ns += sim->now - start;
	sim_stall_add(sim, MMSIM_STALL_THROTTLE, sim->now - start);
	if (mm_trace_on(&ms->mm, MM_TRACE_WRITEBACK_CONGESTION_WAIT))
		mm_trace(&ms->mm, MM_TRACE_WRITEBACK_CONGESTION_WAIT,
			 "usec_timeout=%ld usec_delayed=%llu", timeout * JIFFY_USECS,
			 (unsigned long long)(jiffies(sim) - start_jiffies) * JIFFY_USECS);
}

/* 5.15's wait_iff_congested(): no BDI is ever congested, so only cond_resched() */
static void wait_iff_congested(struct mm_sim *ms, long timeout)
{
	ms->congestion.wait_iff_congested++;
	cond_resched(ms->sim);
	if (mm_trace_on(&ms->mm, MM_TRACE_WRITEBACK_WAIT_IFF_CONGESTED))
		mm_trace(&ms->mm, MM_TRACE_WRITEBACK_WAIT_IFF_CONGESTED,
			 "usec_timeout=%ld usec_delayed=0", timeout * JIFFY_USECS);
}

void reclaim_retry_congestion_wait(struct mm_state *mm)
{
	congestion_wait(container_of(mm, struct mm_sim, mm), HZ / 10);
}

/* folio_wait_writeback(): sleep until the write of isolated @page completes */
static void folio_wait_writeback(struct mm_sim *ms, struct page *page)
{
	struct wait_queue_head *wq = folio_waitqueue(ms, page);

	if (!(page->flags & PG_swapcache)) {
		struct address_space *mapping;
		unsigned long index;

		file_page_pte(ms, page, &mapping, &index);
		wq = &mapping->wait;
	}
	wait_event(wq, !(page->flags & PG_writeback));
}

/* may_enter_fs(): the write a reclaimer would wait for needs __GFP_FS (__GFP_IO for swap) */
static bool may_enter_fs(const struct page *page, gfp_t gfp)
{
	return (gfp & GFPF_FS) || ((page->flags & PG_swapcache) && (gfp & GFPF_IO));
}

/*
 * The part of shrink_folio_list() every page goes through: a page being
 * read is kept; the dirty and writeback counts (folio_check_dirty_writeback():
 * page cache pages only, @file); a page under writeback is marked for
 * immediate reclaim (case 2), or counted immediate when kswapd meets it
 * again on a node flagged PGDAT_WRITEBACK (case 1), and activated; cgroup
 * v1 reclaim meeting it marked already waits for the write, and the
 * caller looks at it again (case 3: stat->retry); then its references
 * decide.  Returns true if reclaim goes on with the page, as *@ref says;
 * else it is put back (activated if *@activate).
 */
static bool shrink_folio_start(struct mm_sim *ms, pg_data_t *pgdat, struct page *page,
			       struct scan_control *sc, struct reclaim_stat *stat, bool file,
			       bool *activate, enum page_references *ref)
{
	bool dirty = page->flags & PG_dirty, writeback = page->flags & PG_writeback;

	*activate = false;
	if (page->flags & PG_locked)
		return false;		/* a read in flight: keep */
	if (file) {
		if (dirty || writeback)
			stat->nr_dirty++;
		if (dirty && !writeback)
			stat->nr_unqueued_dirty++;
		if (writeback && (page->flags & PG_reclaim))
			stat->nr_congested++;
	}
	if (writeback) {
		if (sc->kswapd && (page->flags & PG_reclaim) && (pgdat->flags & PGDAT_WRITEBACK)) {
			/* case 1: cycling through the LRU faster than it is written */
			stat->nr_immediate++;
		} else if (writeback_throttling_sane(sc) || !(page->flags & PG_reclaim) ||
			   !may_enter_fs(page, sc->gfp_mask)) {
			/* case 2: mark it for immediate reclaim once written */
			page->flags |= PG_reclaim;
			stat->nr_writeback++;
		} else {
			/* case 3: legacy memcg has no dirty throttling: wait, try again */
			folio_wait_writeback(ms, page);
			stat->retry = true;
			return false;
		}
		*activate = true;
		return false;
	}
	*ref = sc->ignore_references ? PAGEREF_RECLAIM : page_check_references(ms, page);
	if (*ref == PAGEREF_ACTIVATE) {
		*activate = true;
		return false;
	}
	if (*ref == PAGEREF_KEEP) {
		stat->nr_ref_keep++;
		return false;
	}
	return true;
}

/*
 * shrink_folio_list() for one isolated file page: where it goes.  Return
 * true if it was freed; else it is put back (activated if *@activate).
 */
static bool shrink_file_page(struct mm_sim *ms, pg_data_t *pgdat, struct page *page,
			     struct scan_control *sc, struct reclaim_stat *stat, bool *activate)
{
	enum page_references ref;
	struct address_space *mapping;
	unsigned long index;

	if (!shrink_folio_start(ms, pgdat, page, sc, stat, true, activate, &ref))
		return false;
	if (page_is_lazyfree(ms, page))
		return discard_lazyfree_page(ms, page, stat, activate);
	unmap_file_page(ms, page);
	if (page->flags & PG_dirty) {
		/*
		 * Only kswapd writes file pages, and only pages it met dirty
		 * before (PG_reclaim) on a node full of unqueued dirty pages.
		 */
		if (!sc->kswapd || !(page->flags & PG_reclaim) || !(pgdat->flags & PGDAT_DIRTY)) {
			mod_node_state(pgdat, NR_VMSCAN_IMMEDIATE, 1);
			page->flags |= PG_reclaim;
			*activate = true;
			return false;
		}
		if (ref == PAGEREF_RECLAIM_CLEAN || !(sc->gfp_mask & GFPF_FS) || !sc->may_writepage)
			return false;
		mapping = NULL;
		file_page_pte(ms, page, &mapping, &index);
		pageout(mapping, page);
		return false;		/* under writeback now: back on the inactive list */
	}
	remove_file_page(ms, page, sc->target_memcg);
	return true;
}

/* try_to_unmap() of an anonymous page in the swap cache: the PTE takes its swap entry. */
static void unmap_anon_page(struct mm_sim *ms, struct page *page)
{
	uint64_t *pte = swapcache_pte(ms, page), entry = page->private_data;
	struct swap_info_struct *si = swap_info(ms, entry);
	struct page handle = { .private_data = si->rmap[swp_offset(entry)] };
	struct vm_area_struct *vma;
	unsigned long index;

	if (!pte)
		return;
	if (*pte & PTE_DIRTY)
		page->flags |= PG_dirty;
	vma = rmap_vma(ms, &handle, &index);
	swap_duplicate(ms, entry);
	*pte = swp_entry_to_pte(entry);
	vma->vm_mm->rss_anon--;
	vma->vm_mm->swapents++;
}

/*
 * shrink_folio_list() for one isolated anonymous page: a slot
 * (add_to_swap()), unmapped (the PTE holds the entry), written if dirty
 * (pageout(): it stays under writeback, to be freed once written), freed
 * once clean.  Returns true if it was freed.
 */
static bool shrink_anon_page(struct mm_sim *ms, pg_data_t *pgdat, struct page *page,
			     struct scan_control *sc, struct reclaim_stat *stat, bool *activate)
{
	struct swap_info_struct *si;
	enum page_references ref;

	*activate = false;
	if (!(page->flags & (PG_swapcache | PG_locked)) && !page->private_data) {
		/* unmapped while isolated (zap_vma_pages() left it to us): the last reference */
		page->owner = 0;
		free_to_buddy(&ms->mm, page_to_pfn(&ms->mm, page), 0);
		return true;
	}
	if (!shrink_folio_start(ms, pgdat, page, sc, stat, false, activate, &ref))
		return false;
	if (!(page->flags & PG_swapcache)) {
		if (!(sc->gfp_mask & GFPF_IO))
			return false;
		if (!add_to_swap(ms, page, ms->sim->current->cpu)) {
			*activate = true;	/* no slot: activate_locked_split */
			return false;
		}
	}
	if (swap_info(ms, page->private_data)->dax && swapcache_pte(ms, page)) {
		/* DAX swap: the page goes to pmem and stays mapped from there */
		dax_swap_out(ms, page);
		return true;
	}
	unmap_anon_page(ms, page);
	if (page->flags & PG_dirty) {
		/* may_enter_fs(): swap needs only __GFP_IO */
		if (!(sc->gfp_mask & GFPF_IO) || !sc->may_writepage)
			return false;
		/* pageout(): marked for reclaim, rotated to the tail once written */
		page->flags |= PG_reclaim;
		swap_writepage(ms, page);
		if (mm_trace_on(&ms->mm, MM_TRACE_VMSCAN_WRITE_FOLIO)) {
			unsigned long pfn = page_to_pfn(&ms->mm, page);

			mm_trace(&ms->mm, MM_TRACE_VMSCAN_WRITE_FOLIO,
				 "page=%016lx pfn=0x%lx flags=RECLAIM_WB_ANON|RECLAIM_WB_ASYNC",
				 MM_VMEMMAP_BASE + pfn * MM_KERNEL_STRUCT_PAGE_SIZE, pfn);
		}
		mod_node_state(pgdat, NR_VMSCAN_WRITE, 1);
		stat->nr_pageout++;
		/* written at once (a zero page, a synchronous device): free it now */
		if (page->flags & (PG_writeback | PG_dirty))
			return false;
	}
	/*
	 * __remove_mapping(): clean and unmapped, the swap copy is the page;
	 * unless a fault mapped it again while a synchronous write let other
	 * tasks run (the kernel's refcount freeze fails then)
	 */
	if (swapcache_pte(ms, page))
		return false;
	si = swap_info(ms, page->private_data);
	workingset_eviction(ms, &si->shadow[swp_offset(page->private_data)], page,
			    sc->target_memcg);
	delete_from_swap_cache(ms, page);
	free_to_buddy(&ms->mm, page_to_pfn(&ms->mm, page), 0);
	return true;
}

/*
 * lru_note_cost(): reclaim of one type cost @nr_io writes (32 each) and
 * @nr_rotated pages put back, noted in @lruvec and the root's above it;
 * each lruvec's costs halve once they pass a quarter of its subtree's LRU
 * pages, so get_scan_count() weighs recent work.
 */
void lru_note_cost(struct mm_state *mm, struct lruvec *lruvec, bool file, unsigned long nr_io,
		   unsigned long nr_rotated)
{
	unsigned long cost = nr_io * SWAP_CLUSTER_MAX + nr_rotated;

	for (;;) {
		unsigned long lrusize = 0;

		for (int l = 0; l < LRU_UNEVICTABLE; l++)
			lrusize += lruvec_lru_pages(mm, lruvec, (enum lru_list)l);
		if (file)
			lruvec->file_cost += cost;
		else
			lruvec->anon_cost += cost;
		if (lruvec->file_cost + lruvec->anon_cost > lrusize / 4) {
			lruvec->file_cost /= 2;
			lruvec->anon_cost /= 2;
		}
		if (!lruvec->memcg_id)
			break;
		lruvec = &lruvec_pgdat(mm, lruvec)->lruvec;	/* parent_lruvec() */
	}
}

/*
 * too_many_isolated(): more isolated than inactive (an eighth for
 * __GFP_IO|__GFP_FS); never for kswapd or cgroup v1 reclaim
 */
static bool too_many_isolated(struct mm_sim *ms, pg_data_t *pgdat, bool file,
			      struct scan_control *sc)
{
	unsigned long inactive, isolated;
	bool too_many;

	if (sc->kswapd || !writeback_throttling_sane(sc))
		return false;
	inactive = node_lru_size(pgdat, file ? LRU_INACTIVE_FILE : LRU_INACTIVE_ANON,
				 MAX_NR_ZONES - 1);
	isolated = pgdat->stat[file ? NR_ISOLATED_FILE : NR_ISOLATED_ANON];
	if ((sc->gfp_mask & (GFPF_IO | GFPF_FS)) == (GFPF_IO | GFPF_FS))
		inactive >>= 3;
	too_many = isolated > inactive;
	/* wake_throttle_isolated() */
	if (!too_many && !throttle_5_15(ms) &&
	    waitqueue_active(&ms->reclaim_wait[pgdat->node_id].wait[VMSCAN_THROTTLE_ISOLATED]))
		wake_up(&ms->reclaim_wait[pgdat->node_id].wait[VMSCAN_THROTTLE_ISOLATED]);
	return too_many;
}

/* msleep(): schedule_timeout_uninterruptible() of one jiffy more than asked */
static long msleep_jiffies(unsigned int msecs)
{
	return (long)((msecs * HZ + 999) / 1000) + 1;
}

/* shrink_inactive_list(): one batch of at most SWAP_CLUSTER_MAX pages */
static unsigned long shrink_inactive_list(struct mm_sim *ms, struct lruvec *lruvec,
					  enum lru_list lru, unsigned long nr_to_scan,
					  struct scan_control *sc)
{
	bool file = lru == LRU_INACTIVE_FILE;
	struct mm_state *mm = &ms->mm;
	pg_data_t *pgdat = lruvec_pgdat(mm, lruvec);
	struct mem_cgroup *memcg = &mm->memcgs[lruvec->memcg_id];
	struct mmsim *sim = ms->sim;
	unsigned long isolated[SWAP_CLUSTER_MAX];
	unsigned long scanned, n, reclaimed = 0;
	struct reclaim_stat stat = { 0 };
	bool stalled = false;

	while (too_many_isolated(ms, pgdat, file, sc)) {
		if (stalled)
			return 0;
		stalled = true;
		if (throttle_5_15(ms)) {
			/* 5.15: "wait a bit for the reclaimer" */
			uint64_t start = sim->now;

			schedule_timeout_uninterruptible(sim, msleep_jiffies(100));
			ms->congestion.isolated_msleep++;
			ms->congestion.isolated_msleep_ns += sim->now - start;
			sim_stall_add(sim, MMSIM_STALL_THROTTLE, sim->now - start);
		} else {
			reclaim_throttle(ms, pgdat, VMSCAN_THROTTLE_ISOLATED);
		}
	}
	n = isolate_lru_pages(mm, lruvec, lru,
			      min_t(unsigned long, nr_to_scan, SWAP_CLUSTER_MAX), sc, isolated,
			      &scanned);
	if (!n)
		return 0;
	mod_node_state(pgdat, file ? NR_ISOLATED_FILE : NR_ISOLATED_ANON, (long)n);
	sc->nr_scanned += scanned;
	/* cgroup reclaim counts as the cgroup's, not in /proc/vmstat's pgscan_kswapd/direct */
	if (!cgroup_reclaim(sc))
		mm->events[sc->kswapd ? PGSCAN_KSWAPD : PGSCAN_DIRECT] += scanned;
	memcg->events[sc->kswapd ? MEMCG_PGSCAN_KSWAPD : MEMCG_PGSCAN_DIRECT] += scanned;
	mm->events[file ? PGSCAN_FILE : PGSCAN_ANON] += scanned;
	/*
	 * the work is done with the pages isolated: other reclaimers run
	 * meanwhile.  Charged for the batch up front, so a batch's swap slots
	 * are taken together: charged page by page, two reclaimers' slots
	 * interleave page by page, and the swap comparison with the kernel
	 * (docs/EXPERIMENTS.md) goes from within 8% to 20% off on cluster
	 * readahead with two faulting threads
	 */
	mm_charge(mm, MM_WORK_RECLAIM_SCAN, scanned);
	for (unsigned long i = 0; i < n; i++) {
		struct page *page = pfn_to_page(mm, isolated[i]);
		bool activate, freed;

		do {
			stat.retry = false;
			freed = file ? shrink_file_page(ms, pgdat, page, sc, &stat, &activate) :
				shrink_anon_page(ms, pgdat, page, sc, &stat, &activate);
		} while (!freed && stat.retry);
		if (freed) {
			reclaimed++;
			continue;
		}
		/* activate_locked: a page staying in memory needs no swap copy if swap is short */
		if (activate && (page->flags & PG_swapcache) && vm_swap_full(ms))
			folio_free_swap(ms, page);
		if (activate) {
			page->flags |= PG_active;
			mm->events[PGACTIVATE]++;
			stat.nr_activate++;
			/* move_folios_to_lru(): an activation ages the nonresident clock */
			workingset_activation(mm, page);
		}
		lru_add(mm, page);
	}
	mod_node_state(pgdat, file ? NR_ISOLATED_FILE : NR_ISOLATED_ANON, -(long)n);
	sc->nr_reclaimed += reclaimed;
	if (!cgroup_reclaim(sc))
		mm->events[sc->kswapd ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT] += reclaimed;
	memcg->events[sc->kswapd ? MEMCG_PGSTEAL_KSWAPD : MEMCG_PGSTEAL_DIRECT] += reclaimed;
	mm->events[file ? PGSTEAL_FILE : PGSTEAL_ANON] += reclaimed;
	lru_note_cost(mm, lruvec, file, stat.nr_pageout, scanned - reclaimed);
	sc->nr.dirty += stat.nr_dirty;
	sc->nr.congested += stat.nr_congested;
	sc->nr.unqueued_dirty += stat.nr_unqueued_dirty;
	sc->nr.writeback += stat.nr_writeback;
	sc->nr.immediate += stat.nr_immediate;
	sc->nr.taken += n;
	if (file)
		sc->nr.file_taken += n;
	/* every page isolated was dirty and not queued: the flushers are behind */
	if (file && stat.nr_unqueued_dirty == n) {
		wakeup_flusher_threads(ms);
		/* cgroup v1 throttles here instead of in balance_dirty_pages() */
		if (!writeback_throttling_sane(sc) && !throttle_5_15(ms))
			reclaim_throttle(ms, pgdat, VMSCAN_THROTTLE_WRITEBACK);
	}
	if (mm_trace_on(mm, MM_TRACE_VMSCAN_LRU_SHRINK_INACTIVE))
		mm_trace(mm, MM_TRACE_VMSCAN_LRU_SHRINK_INACTIVE,
			 "nid=%d nr_scanned=%lu nr_reclaimed=%lu nr_dirty=%lu nr_writeback=%lu "
			 "nr_congested=%lu nr_immediate=%lu nr_activate_anon=%lu "
			 "nr_activate_file=%lu nr_ref_keep=%lu nr_unmap_fail=%lu priority=%d "
			 "flags=%s|RECLAIM_WB_ASYNC", pgdat->node_id, scanned,
			 reclaimed, stat.nr_dirty, stat.nr_writeback, stat.nr_congested,
			 stat.nr_immediate, file ? 0 : stat.nr_activate, file ? stat.nr_activate : 0,
			 stat.nr_ref_keep, stat.nr_unmap_fail, sc->priority,
			 file ? "RECLAIM_WB_FILE" : "RECLAIM_WB_ANON");
	return reclaimed;
}

void reclaim_page(struct mm_sim *ms, struct page *page)
{
	struct mm_state *mm = &ms->mm;
	pg_data_t *pgdat = page_zone(mm, page)->zone_pgdat;
	struct scan_control sc = {
		.gfp_mask = GFP_KERNEL,
		.priority = DEF_PRIORITY,
		.may_writepage = true,
		.ignore_references = true,
	};
	struct reclaim_stat stat = { 0 };
	bool activate = false;

	MM_BUG_ON(!(page->flags & PG_lru));
	lru_del(mm, page);
	if (page->flags & PG_swapbacked) {
		if (shrink_anon_page(ms, pgdat, page, &sc, &stat, &activate))
			return;
	} else if (shrink_file_page(ms, pgdat, page, &sc, &stat, &activate)) {
		return;
	}
	if (activate && !(page->flags & PG_active)) {
		page->flags |= PG_active;
		mm->events[PGACTIVATE]++;
	}
	lru_add(mm, page);
}

static void shrink_active_list(struct mm_sim *ms, struct lruvec *lruvec, enum lru_list lru,
			       unsigned long nr_to_scan, struct scan_control *sc)
{
	struct mm_state *mm = &ms->mm;
	unsigned long isolated[SWAP_CLUSTER_MAX];

	while (nr_to_scan) {
		unsigned long scanned, n;

		n = isolate_lru_pages(mm, lruvec, lru,
				      min_t(unsigned long, nr_to_scan, SWAP_CLUSTER_MAX), sc,
				      isolated, &scanned);
		if (!n)
			break;
		nr_to_scan -= min_t(unsigned long, nr_to_scan, n);
		/* cgroup reclaim's scan shows in the cgroup's memory.stat, not in /proc/vmstat */
		if (!cgroup_reclaim(sc))
			mm->events[PGREFILL] += scanned;
		for (unsigned long i = 0; i < n; i++) {
			struct page *page = pfn_to_page(mm, isolated[i]);

			/*
			 * The accessed bit is cleared; only executable file pages
			 * would stay active, and there are none yet.  PG_referenced
			 * stays: a deactivated page used again comes back at once
			 * (folio_check_references())
			 */
			page_referenced_ptes(ms, page);
			page->flags &= ~PG_active;
			page->flags |= PG_workingset;	/* it was active: workingset */
			lru_add(mm, page);
			mm->events[PGDEACTIVATE]++;
		}
	}
}

enum scan_balance {
	SCAN_EQUAL,
	SCAN_FRACT,
	SCAN_ANON,
	SCAN_FILE,
};

/*
 * get_scan_count(): how much of each of @lruvec's lists to scan at this
 * priority.  Without swap only the file lists; cgroup reclaim with
 * swappiness 0 likewise; else anonymous and file pages in proportion to
 * the cgroup's swappiness weighed by what reclaiming each cost lately in
 * the target's subtree (lru_note_cost()), except at priority 0 (both
 * alike), when the file lists are too small to matter (anon only), or
 * when the inactive file list is big and not refaulting (cache trim: file
 * only).
 */
static void get_scan_count(struct mm_sim *ms, struct lruvec *lruvec, struct scan_control *sc,
			   unsigned long nr[NR_LRU_LISTS])
{
	unsigned long fraction[2] = { 0, 0 }, denominator = 0;
	unsigned int swappiness = lruvec_swappiness(ms, lruvec);
	enum scan_balance balance;

	if (!can_reclaim_anon_pages(ms)) {
		balance = SCAN_FILE;
	} else if (cgroup_reclaim(sc) && !swappiness) {
		balance = SCAN_FILE;
	} else if (!sc->priority && swappiness) {
		balance = SCAN_EQUAL;
	} else if (sc->file_is_tiny) {
		balance = SCAN_ANON;
	} else if (sc->cache_trim_mode) {
		balance = SCAN_FILE;
	} else {
		unsigned long total = sc->anon_cost + sc->file_cost;
		unsigned long anon_cost = total + sc->anon_cost;
		unsigned long file_cost = total + sc->file_cost;

		total = anon_cost + file_cost;
		fraction[0] = swappiness * (total + 1) / (anon_cost + 1);
		fraction[1] = (200 - swappiness) * (total + 1) / (file_cost + 1);
		denominator = fraction[0] + fraction[1];
		balance = SCAN_FRACT;
	}
	for (int l = 0; l < LRU_UNEVICTABLE; l++) {
		enum lru_list lru = (enum lru_list)l;
		bool file = lru >= LRU_INACTIVE_FILE;
		unsigned long size = lruvec_lru_size(lruvec, lru, sc->reclaim_idx);
		unsigned long scan = size >> sc->priority;

		switch (balance) {
		case SCAN_EQUAL:
			break;
		case SCAN_FRACT:
			scan = denominator ? scan * fraction[file] / denominator : 0;
			break;
		case SCAN_FILE:
		case SCAN_ANON:
			if ((balance == SCAN_FILE) != file)
				scan = 0;
			/* a small list is still scanned a little at a high priority */
			if (!scan && size && lru == LRU_INACTIVE_FILE && balance == SCAN_FILE &&
			    sc->priority < DEF_PRIORITY)
				scan = min_t(unsigned long, size, SWAP_CLUSTER_MAX);
			break;
		}
		nr[lru] = scan;
	}
}

/*
 * lruvec_page_state(WORKINGSET_ACTIVATE_*) of the target, for the refault
 * check: as of the last flush of the memcg statistics
 */
static unsigned long lruvec_activations(struct mm_sim *ms, struct lruvec *lruvec, bool file)
{
	lruvec_stats_flush(&ms->mm, lruvec, ms->sim->now);
	return lruvec->workingset_activate_flushed[file];
}

/*
 * prepare_scan_control(): on the target cgroup's lruvec (the node's for
 * global reclaim): the costs get_scan_count() weighs, whether the active
 * lists may be aged (refaults since the last reclaim ended, the inactive
 * list low, or forced), cache trim mode and (global reclaim) tiny file
 * lists.
 */
static void prepare_scan_control(struct mm_sim *ms, pg_data_t *pgdat, struct scan_control *sc)
{
	struct mm_state *mm = &ms->mm;
	struct lruvec *target = mem_cgroup_lruvec(mm, sc->target_memcg, pgdat);
	unsigned long file, free = 0, high = 0;

	sc->anon_cost = target->anon_cost;
	sc->file_cost = target->file_cost;
	if (sc->force_deactivate) {
		sc->deactivate_anon = sc->deactivate_file = true;
	} else {
		sc->deactivate_anon = lruvec_activations(ms, target, false) != target->refaults[0] ||
				      inactive_is_low(ms, target, LRU_INACTIVE_ANON);
		sc->deactivate_file = lruvec_activations(ms, target, true) != target->refaults[1] ||
				      inactive_is_low(ms, target, LRU_INACTIVE_FILE);
	}
	file = lruvec_page_state_lru(mm, target, LRU_INACTIVE_FILE, ms->sim->now);
	sc->cache_trim_mode = (file >> sc->priority) && !sc->deactivate_file;
	sc->file_is_tiny = false;
	if (cgroup_reclaim(sc))
		return;
	/* global reclaim: the file lists small against the watermarks? (node_page_state()) */
	file = lruvec_lru_pages(mm, target, LRU_INACTIVE_FILE) +
	       lruvec_lru_pages(mm, target, LRU_ACTIVE_FILE);
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		free += pgdat->node_zones[z].nr_free_pages;
		high += high_wmark_pages(&pgdat->node_zones[z]);
	}
	sc->file_is_tiny = file + free <= high && !sc->deactivate_anon &&
			   (lruvec_lru_pages(mm, target, LRU_INACTIVE_ANON) >> sc->priority);
}

/* snapshot_refaults(): the target's activations when reclaim ends */
static void snapshot_refaults(struct mm_sim *ms, unsigned int target_memcg, pg_data_t *pgdat)
{
	struct lruvec *target = mem_cgroup_lruvec(&ms->mm, target_memcg, pgdat);

	target->refaults[0] = lruvec_activations(ms, target, false);
	target->refaults[1] = lruvec_activations(ms, target, true);
}

/*
 * shrink_list(): an inactive list is shrunk; an active one aged only if
 * prepare_scan_control() allowed it for its type
 */
static unsigned long shrink_list(struct mm_sim *ms, enum lru_list lru, unsigned long nr_to_scan,
				 struct lruvec *lruvec, struct scan_control *sc)
{
	if (lru == LRU_ACTIVE_ANON || lru == LRU_ACTIVE_FILE) {
		if (lru == LRU_ACTIVE_FILE ? sc->deactivate_file : sc->deactivate_anon)
			shrink_active_list(ms, lruvec, lru, nr_to_scan, sc);
		else
			sc->skipped_deactivate = true;
		return 0;
	}
	return shrink_inactive_list(ms, lruvec, lru, nr_to_scan, sc);
}

/*
 * shrink_lruvec(): the four lists in batches of SWAP_CLUSTER_MAX in turn
 * until their shares are scanned.  Direct global reclaim at DEF_PRIORITY
 * scans them all; otherwise, once enough is reclaimed, the type with less
 * left stops and the other is cut to the same proportion of its target
 * (once; with one type already done, reclaim stops).  Then the inactive
 * anonymous list is refilled a batch if it is low.
 */
static void shrink_lruvec(struct mm_sim *ms, struct lruvec *lruvec, struct scan_control *sc)
{
	static const enum lru_list evictable[] = {
		LRU_INACTIVE_ANON, LRU_ACTIVE_ANON, LRU_INACTIVE_FILE, LRU_ACTIVE_FILE,
	};
	unsigned long nr[NR_LRU_LISTS], targets[NR_LRU_LISTS];
	unsigned long nr_reclaimed = 0, nr_to_reclaim = sc->nr_to_reclaim;
	bool proportional = !cgroup_reclaim(sc) && !sc->kswapd && sc->priority == DEF_PRIORITY;
	struct blk_plug plug;

	get_scan_count(ms, lruvec, sc, nr);
	memcpy(targets, nr, sizeof(nr));
	/* pageout writes of neighbouring slots and blocks merge */
	blk_start_plug(ms->sim, &plug);
	while (nr[LRU_INACTIVE_ANON] || nr[LRU_ACTIVE_FILE] || nr[LRU_INACTIVE_FILE]) {
		unsigned long nr_anon, nr_file, percentage, scanned;
		enum lru_list lru;

		for (unsigned int k = 0; k < ARRAY_SIZE(evictable); k++) {
			unsigned long batch = min_t(unsigned long, nr[evictable[k]], SWAP_CLUSTER_MAX);

			if (!batch)
				continue;
			nr[evictable[k]] -= batch;
			nr_reclaimed += shrink_list(ms, evictable[k], batch, lruvec, sc);
		}
		if (nr_reclaimed < nr_to_reclaim || proportional)
			continue;
		nr_file = nr[LRU_INACTIVE_FILE] + nr[LRU_ACTIVE_FILE];
		nr_anon = nr[LRU_INACTIVE_ANON] + nr[LRU_ACTIVE_ANON];
		if (!nr_file || !nr_anon)
			break;
		if (nr_file > nr_anon) {
			lru = LRU_INACTIVE_ANON;
			percentage = nr_anon * 100 /
				     (targets[LRU_INACTIVE_ANON] + targets[LRU_ACTIVE_ANON] + 1);
		} else {
			lru = LRU_INACTIVE_FILE;
			percentage = nr_file * 100 /
				     (targets[LRU_INACTIVE_FILE] + targets[LRU_ACTIVE_FILE] + 1);
		}
		/* stop the smaller; the other to its target's remaining proportion */
		nr[lru] = nr[lru + 1] = 0;
		lru = lru == LRU_INACTIVE_FILE ? LRU_INACTIVE_ANON : LRU_INACTIVE_FILE;
		for (int a = 0; a < 2; a++) {
			scanned = targets[lru + a] - nr[lru + a];
			nr[lru + a] = targets[lru + a] * (100 - percentage) / 100;
			nr[lru + a] -= min_t(unsigned long, nr[lru + a], scanned);
		}
		proportional = true;
	}
	blk_finish_plug(ms->sim, &plug);
	sc->nr_reclaimed += nr_reclaimed;
	/* keep reclaim candidates for the next round */
	if (can_reclaim_anon_pages(ms) && inactive_is_low(ms, lruvec, LRU_INACTIVE_ANON))
		shrink_active_list(ms, lruvec, LRU_ACTIVE_ANON, SWAP_CLUSTER_MAX, sc);
}

/*
 * shrink_node_memcgs(): each cgroup under the target (the root, then its
 * children, for global reclaim): kswapd and a full walk visit all; direct
 * reclaim walks on from where the node's last partial walk stopped, to
 * the end, and stops once it has reclaimed enough.
 */
static void shrink_node_memcgs(struct mm_sim *ms, pg_data_t *pgdat, struct scan_control *sc)
{
	struct mm_state *mm = &ms->mm;
	unsigned int nr = mm->nr_memcgs, *iter = &pgdat->memcg_reclaim_iter;
	bool partial = !sc->kswapd && !sc->memcg_full_walk;

	if (cgroup_reclaim(sc)) {
		/* no child cgroups: the target's own lruvec */
		shrink_lruvec(ms, mem_cgroup_lruvec(mm, sc->target_memcg, pgdat), sc);
		return;
	}
	for (unsigned int id = partial ? *iter : 0; id < nr; id++) {
		shrink_lruvec(ms, mem_cgroup_lruvec(mm, id, pgdat), sc);
		if (partial) {
			*iter = id + 1 < nr ? id + 1 : 0;
			if (sc->nr_reclaimed >= sc->nr_to_reclaim)
				break;
		}
	}
}

/*
 * shrink_node(): prepare_scan_control(), then the cgroups' lruvecs; then
 * what the batches met decides the node's flags and whether the caller
 * waits.
 */
static void shrink_node(struct mm_sim *ms, pg_data_t *pgdat, struct scan_control *sc)
{
	unsigned long reclaimed_before = sc->nr_reclaimed;

	memset(&sc->nr, 0, sizeof(sc->nr));
	prepare_scan_control(ms, pgdat, sc);
	shrink_node_memcgs(ms, pgdat, sc);
	/* progress revives a kswapd that gave up on the node */
	if (sc->nr_reclaimed > reclaimed_before)
		ms->kswapd[pgdat->node_id].failures = 0;
	if (sc->kswapd) {
		/* every page met under writeback: the LRU cycles faster than the disk */
		if (sc->nr.writeback && sc->nr.writeback == sc->nr.taken)
			pgdat->flags |= PGDAT_WRITEBACK;
		/* every file page met dirty, not queued: kswapd may write them */
		if (sc->nr.unqueued_dirty && sc->nr.unqueued_dirty == sc->nr.file_taken)
			pgdat->flags |= PGDAT_DIRTY;
		/* pages marked for immediate reclaim came round again before their I/O ended */
		if (sc->nr.immediate) {
			if (throttle_5_15(ms))
				congestion_wait(ms, HZ / 10);
			else
				reclaim_throttle(ms, pgdat, VMSCAN_THROTTLE_WRITEBACK);
		}
		if (sc->nr.dirty && sc->nr.dirty == sc->nr.congested)
			pgdat->flags |= LRUVEC_NODE_CONGESTED;
	}
	/*
	 * direct reclaim on a node kswapd found congested waits for the I/O;
	 * the flag is the root lruvec's: a cgroup v1 target never has it
	 */
	if (!sc->kswapd && !cgroup_reclaim(sc) && (pgdat->flags & LRUVEC_NODE_CONGESTED)) {
		if (throttle_5_15(ms))
			wait_iff_congested(ms, HZ / 10);
		else if (throttle_rc1(ms))
			reclaim_throttle(ms, pgdat, VMSCAN_THROTTLE_WRITEBACK);
		else
			reclaim_throttle(ms, pgdat, VMSCAN_THROTTLE_CONGESTED);
	}
}

/* consider_reclaim_throttle(): after a round of direct reclaim over the zonelist */
static void consider_reclaim_throttle(struct mm_sim *ms, pg_data_t *pgdat,
				      struct scan_control *sc)
{
	struct wait_queue_head *wq = &ms->reclaim_wait[pgdat->node_id].wait[VMSCAN_THROTTLE_NOPROGRESS];

	/* more than 1/8 of what was scanned reclaimed: progress, release the waiters */
	if (sc->nr_reclaimed > (sc->nr_scanned >> 3)) {
		if (waitqueue_active(wq))
			wake_up(wq);
		return;
	}
	/* kswapd throttles on writeback; cgroup reclaim has its own */
	if (sc->kswapd || cgroup_reclaim(sc))
		return;
	/* 5.16-rc1 throttled at every priority below DEF_PRIORITY - 2 */
	if (throttle_rc1(ms) ? sc->priority < DEF_PRIORITY - 2 :
	    sc->priority == 1 && !sc->nr_reclaimed)
		reclaim_throttle(ms, pgdat, VMSCAN_THROTTLE_NOPROGRESS);
}

/*
 * allow_direct_reclaim(): the free pages of the zones up to ZONE_NORMAL that
 * have something to reclaim are above half their min watermarks (the
 * pfmemalloc reserve), or kswapd gave up on the node.  If not, kswapd is
 * woken for ZONE_NORMAL at most.
 */
static bool allow_direct_reclaim(struct mm_sim *ms, pg_data_t *pgdat)
{
	struct kswapd *k = &ms->kswapd[pgdat->node_id];
	unsigned long reserve = 0, free = 0;
	bool ok;

	if (k->failures >= MAX_RECLAIM_RETRIES)
		return true;
	for (int z = 0; z <= ZONE_NORMAL; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (!zone->managed_pages || !zone_reclaimable_pages(&ms->mm, zone))
			continue;
		reserve += min_wmark_pages(zone);
		free += zone->nr_free_pages;
	}
	if (!reserve)
		return true;
	ok = free > reserve / 2;
	if (!ok && waitqueue_active(&k->wait)) {
		if (k->highest_zoneidx == MAX_NR_ZONES || k->highest_zoneidx > ZONE_NORMAL)
			k->highest_zoneidx = ZONE_NORMAL;
		k->woken = true;
		wake_up_interruptible(&k->wait);
	}
	return ok;
}

/*
 * throttle_direct_reclaim(): a user task about to reclaim directly while
 * the first node's reserves are nearly gone waits for kswapd instead
 * (pgscan_direct_throttle): a second at most without __GFP_FS, else until
 * kswapd lets it go.  Return: true if it was killed meanwhile.
 */
static bool throttle_direct_reclaim(struct mm_sim *ms, const struct alloc_context *ac, gfp_t gfp)
{
	struct mmsim *sim = ms->sim;
	struct task_struct *p = sim->current;
	pg_data_t *pgdat = NULL;
	uint64_t start;

	if (!p || (p->flags & PF_KTHREAD) || fatal_signal_pending(p))
		return false;
	for (int i = 0; i < ac->nr_zones; i++) {
		if (ac->zonelist[i]->idx > ZONE_NORMAL)
			continue;
		pgdat = ac->zonelist[i]->zone_pgdat;
		if (allow_direct_reclaim(ms, pgdat))
			return false;
		break;
	}
	if (!pgdat)
		return false;
	ms->mm.events[PGSCAN_DIRECT_THROTTLE]++;
	start = sim->now;
	if (!(gfp & GFPF_FS))
		wait_event_interruptible_timeout(&ms->pfmemalloc_wait[pgdat->node_id],
						 allow_direct_reclaim(ms, pgdat), HZ);
	else
		/* wait_event_killable() */
		wait_event_interruptible_timeout(&ms->pfmemalloc_wait[pgdat->node_id],
						 allow_direct_reclaim(ms, pgdat) ||
						 fatal_signal_pending(p), MAX_SCHEDULE_TIMEOUT);
	sim_stall_add(sim, MMSIM_STALL_THROTTLE, sim->now - start);
	return fatal_signal_pending(p);
}

/*
 * do_try_to_free_pages(): priority by priority over nodes @nids until
 * enough is reclaimed (scanning count restarts each priority); then the
 * targets' refaults are snapshotted.  Nothing reclaimed: once more with a
 * full walk of the cgroups, then once more aging the active lists
 * whatever their ratios say.
 */
static unsigned long do_try_to_free_pages(struct mm_sim *ms, const int *nids, int nr_nids,
					  struct scan_control *sc)
{
	pg_data_t *first = nr_nids ? &ms->mm.nodes[nids[0]] : NULL;

retry:
	for (sc->priority = DEF_PRIORITY; sc->priority >= 0; sc->priority--) {
		sc->nr_scanned = 0;
		/* shrink_zones(): each node of the zonelist once */
		for (int i = 0; i < nr_nids && sc->nr_reclaimed < sc->nr_to_reclaim; i++)
			shrink_node(ms, &ms->mm.nodes[nids[i]], sc);
		if (!throttle_5_15(ms) && first)
			consider_reclaim_throttle(ms, first, sc);
		if (sc->nr_reclaimed >= sc->nr_to_reclaim)
			break;
	}
	for (int i = 0; i < nr_nids; i++)
		snapshot_refaults(ms, sc->target_memcg, &ms->mm.nodes[nids[i]]);
	if (sc->nr_reclaimed)
		return sc->nr_reclaimed;
	if (!sc->memcg_full_walk) {
		sc->memcg_full_walk = true;
		goto retry;
	}
	if (sc->skipped_deactivate) {
		sc->force_deactivate = true;
		sc->skipped_deactivate = false;
		goto retry;
	}
	return 0;
}

unsigned long try_to_free_pages(struct mm_state *mm, const struct alloc_context *ac, gfp_t gfp,
				unsigned int order)
{
	struct mm_sim *ms = container_of(mm, struct mm_sim, mm);
	struct mmsim *sim = ms->sim;
	struct task_stats *stats = sim->current ? sim->current->stats : NULL;
	uint64_t start = sim->now, throttled = stats ? stats->stall_ns[MMSIM_STALL_THROTTLE] : 0;
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.reclaim_idx = ac->highest_zoneidx,
		.gfp_mask = gfp,
		.may_writepage = true,
	};
	int nids[MAX_NUMNODES], nr_nids = 0;
	unsigned long nr_reclaimed;

	if (throttle_direct_reclaim(ms, ac, gfp))
		return 1;
	/* the zonelist's nodes, in order */
	for (int i = 0; i < ac->nr_zones; i++) {
		int nid = ac->zonelist[i]->zone_pgdat->node_id;

		if (!nr_nids || nids[nr_nids - 1] != nid)
			nids[nr_nids++] = nid;
	}
	if (mm_trace_on(mm, MM_TRACE_VMSCAN_DIRECT_RECLAIM_BEGIN)) {
		char flags[256];

		mm_trace(mm, MM_TRACE_VMSCAN_DIRECT_RECLAIM_BEGIN, "order=%u gfp_flags=%s", order,
			 gfp_format(gfp, flags, sizeof(flags)));
	}
	mm->events[ALLOCSTALL_DMA + ac->highest_zoneidx]++;
	nr_reclaimed = do_try_to_free_pages(ms, nids, nr_nids, &sc);
	if (mm_trace_on(mm, MM_TRACE_VMSCAN_DIRECT_RECLAIM_END))
		mm_trace(mm, MM_TRACE_VMSCAN_DIRECT_RECLAIM_END, "nr_reclaimed=%lu", nr_reclaimed);
	if (stats)
		stats->stall_ns[MMSIM_STALL_RECLAIM] += sim->now - start -
			(stats->stall_ns[MMSIM_STALL_THROTTLE] - throttled);
	return nr_reclaimed;
}

unsigned long try_to_free_mem_cgroup_pages(struct mm_sim *ms, unsigned int memcg_id,
					   unsigned long nr_pages, gfp_t gfp)
{
	struct mm_state *mm = &ms->mm;
	struct mmsim *sim = ms->sim;
	struct task_stats *stats = sim->current ? sim->current->stats : NULL;
	uint64_t start = sim->now, throttled = stats ? stats->stall_ns[MMSIM_STALL_THROTTLE] : 0;
	struct scan_control sc = {
		.nr_to_reclaim = max_t(unsigned long, nr_pages, SWAP_CLUSTER_MAX),
		.reclaim_idx = MAX_NR_ZONES - 1,
		.gfp_mask = gfp,
		.may_writepage = true,
		.target_memcg = memcg_id,
	};
	int nids[MAX_NUMNODES], nr_nids = 0;
	int local = sim->current ? (int)mm->cpu_node[sim->current->cpu] : 0;
	unsigned long nr_reclaimed;

	/* the local node's zonelist: it first, then the others */
	nids[nr_nids++] = local;
	for (int nid = 0; nid < mm->nr_nodes; nid++)
		if (nid != local)
			nids[nr_nids++] = nid;
	if (mm_trace_on(mm, MM_TRACE_VMSCAN_MEMCG_RECLAIM_BEGIN)) {
		char flags[256];

		mm_trace(mm, MM_TRACE_VMSCAN_MEMCG_RECLAIM_BEGIN, "order=0 gfp_flags=%s",
			 gfp_format(gfp, flags, sizeof(flags)));
	}
	mm->memcgs[memcg_id].events[MEMCG_RECLAIM]++;
	nr_reclaimed = do_try_to_free_pages(ms, nids, nr_nids, &sc);
	if (mm_trace_on(mm, MM_TRACE_VMSCAN_MEMCG_RECLAIM_END))
		mm_trace(mm, MM_TRACE_VMSCAN_MEMCG_RECLAIM_END, "nr_reclaimed=%lu", nr_reclaimed);
	if (stats)
		stats->stall_ns[MMSIM_STALL_RECLAIM] += sim->now - start -
			(stats->stall_ns[MMSIM_STALL_THROTTLE] - throttled);
	return nr_reclaimed;
}

unsigned long zone_reclaimable_pages(struct mm_state *mm, struct zone *zone)
{
	struct mm_sim *ms = container_of(mm, struct mm_sim, mm);
	unsigned long nr = zone->nr_lru[LRU_INACTIVE_FILE] + zone->nr_lru[LRU_ACTIVE_FILE];

	/* anonymous pages only while there is swap to put them */
	if (can_reclaim_anon_pages(ms))
		nr += zone->nr_lru[LRU_INACTIVE_ANON] + zone->nr_lru[LRU_ACTIVE_ANON];
	return nr;
}

/* ======================================================================
 * kswapd
 * ====================================================================== */

/* pgdat_balanced(): some eligible zone meets its high watermark at @order. */
static bool pgdat_balanced(pg_data_t *pgdat, unsigned int order, int highest_zoneidx)
{
	bool any = false;

	for (int z = 0; z <= highest_zoneidx; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (!populated_zone(zone))
			continue;
		any = true;
		if (zone_watermark_ok(zone, order, high_wmark_pages(zone), highest_zoneidx, 0))
			return true;
	}
	return !any;
}

static bool pgdat_watermark_boosted(const pg_data_t *pgdat, int highest_zoneidx)
{
	for (int z = highest_zoneidx; z >= 0; z--)
		if (pgdat->node_zones[z].watermark_boost)
			return true;
	return false;
}

void wakeup_kswapd(struct mm_state *mm, struct zone *zone, gfp_t gfp, unsigned int order,
		   enum zone_type highest_zoneidx)
{
	struct mm_sim *ms = container_of(mm, struct mm_sim, mm);
	pg_data_t *pgdat = zone->zone_pgdat;
	struct kswapd *k = &ms->kswapd[pgdat->node_id];

	if (!populated_zone(zone))
		return;
	if (k->highest_zoneidx == MAX_NR_ZONES || k->highest_zoneidx < (int)highest_zoneidx)
		k->highest_zoneidx = (int)highest_zoneidx;
	if (k->order < order)
		k->order = order;
	if (!waitqueue_active(&k->wait) && !k->booting)
		return;		/* running already */
	if (k->failures >= MAX_RECLAIM_RETRIES ||
	    (pgdat_balanced(pgdat, order, (int)highest_zoneidx) &&
	     !pgdat_watermark_boosted(pgdat, (int)highest_zoneidx))) {
		/*
		 * Enough free memory, maybe too fragmented for @order: kcompactd
		 * (compaction_suitable() decides), unless the caller compacts itself.
		 */
		if (!(gfp & GFPF_DIRECT_RECLAIM))
			wakeup_kcompactd(ms, pgdat->node_id, order, highest_zoneidx);
		return;
	}
	if (mm_trace_on(mm, MM_TRACE_VMSCAN_WAKEUP_KSWAPD)) {
		char flags[256];

		mm_trace(mm, MM_TRACE_VMSCAN_WAKEUP_KSWAPD, "nid=%d order=%u gfp_flags=%s",
			 pgdat->node_id, order, gfp_format(gfp, flags, sizeof(flags)));
	}
	if (k->booting) {
		wake_up_process(k->task);
	} else {
		k->woken = true;
		wake_up_interruptible(&k->wait);
	}
}

/*
 * kswapd_age_node(): while the node's inactive anonymous list is low, a
 * batch off each cgroup's active anonymous list
 */
static void kswapd_age_node(struct mm_sim *ms, pg_data_t *pgdat, struct scan_control *sc)
{
	struct mm_state *mm = &ms->mm;

	if (!can_reclaim_anon_pages(ms) || !inactive_is_low(ms, &pgdat->lruvec, LRU_INACTIVE_ANON))
		return;
	for (unsigned int id = 0; id < mm->nr_memcgs; id++)
		shrink_active_list(ms, mem_cgroup_lruvec(mm, id, pgdat), LRU_ACTIVE_ANON,
				   SWAP_CLUSTER_MAX, sc);
}

/*
 * balance_pgdat(): reclaim until the node is balanced at @order, or a
 * boosted watermark's worth; priority by priority.  Return: the order it
 * reclaimed for (0 once compact_gap() pages were freed for a high order).
 */
static unsigned int balance_pgdat(struct kswapd *k, unsigned int order, int highest_zoneidx)
{
	struct mm_sim *ms = k->ms;
	struct mm_state *mm = &ms->mm;
	pg_data_t *pgdat = k->pgdat;
	unsigned long zone_boosts[MAX_NR_ZONES] = { 0 }, nr_boost_reclaim = 0;
	struct scan_control sc = {
		.reclaim_idx = (enum zone_type)highest_zoneidx,
		.gfp_mask = GFP_KERNEL,
		.kswapd = true,
	};
	unsigned int sc_order = order;
	bool boosted;

	for (int z = 0; z <= highest_zoneidx; z++) {
		zone_boosts[z] = pgdat->node_zones[z].watermark_boost;
		nr_boost_reclaim += zone_boosts[z];
	}
	boosted = nr_boost_reclaim;
	mm->events[PAGEOUTRUN]++;
	for (sc.priority = DEF_PRIORITY; sc.priority >= 1; sc.priority--) {
		unsigned long before = sc.nr_reclaimed;
		bool balanced = pgdat_balanced(pgdat, sc_order, highest_zoneidx);

		if (!balanced && nr_boost_reclaim)
			nr_boost_reclaim = 0;	/* a real shortage: reclaim for it instead */
		if (!nr_boost_reclaim && balanced)
			break;
		/* boosted reclaim neither writes nor goes below DEF_PRIORITY - 2 */
		sc.may_writepage = !nr_boost_reclaim;
		if (nr_boost_reclaim && sc.priority < DEF_PRIORITY - 2)
			break;
		/* kswapd_age_node(): background aging, to give pages a chance to be referenced */
		kswapd_age_node(ms, pgdat, &sc);
		/* kswapd_shrink_node(): the high watermarks' worth, at least a batch */
		sc.nr_to_reclaim = 0;
		sc.nr_scanned = 0;
		for (int z = 0; z <= highest_zoneidx; z++)
			if (populated_zone(&pgdat->node_zones[z]))
				sc.nr_to_reclaim += max_t(unsigned long,
							  high_wmark_pages(&pgdat->node_zones[z]),
							  SWAP_CLUSTER_MAX);
		shrink_node(ms, pgdat, &sc);
		if (waitqueue_active(&ms->pfmemalloc_wait[pgdat->node_id]) &&
		    allow_direct_reclaim(ms, pgdat))
			wake_up_all(&ms->pfmemalloc_wait[pgdat->node_id]);
		/* enough freed for compaction to work with: balanced at order 0 will do */
		if (sc_order && sc.nr_reclaimed >= (2UL << sc_order))
			sc_order = 0;
		if (nr_boost_reclaim) {
			unsigned long got = sc.nr_reclaimed - before;

			nr_boost_reclaim -= min_t(unsigned long, nr_boost_reclaim, got);
			if (!nr_boost_reclaim)
				break;
		}
		/*
		 * kswapd_shrink_node() scanned its target and reclaimed
		 * something: stay at this priority; else raise it.
		 */
		if (sc.nr_scanned >= sc.nr_to_reclaim && sc.nr_reclaimed > before)
			sc.priority++;
		if (mm->ops.cond_resched)
			mm->ops.cond_resched(mm);
	}
	if (!sc.nr_reclaimed)
		k->failures++;
	else
		k->failures = 0;
	snapshot_refaults(ms, 0, pgdat);
	if (boosted) {
		for (int z = 0; z <= highest_zoneidx; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			zone->watermark_boost -= min_t(unsigned long, zone->watermark_boost,
						       zone_boosts[z]);
		}
		/* there is likely space now: defragment pageblocks */
		wakeup_kcompactd(ms, pgdat->node_id, pageblock_order,
				 (enum zone_type)highest_zoneidx);
	}
	return sc_order;
}

/* prepare_kswapd_sleep(): hopeless, or balanced (then no longer congested). */
static bool prepare_kswapd_sleep(struct kswapd *k, unsigned int order, int highest_zoneidx)
{
	struct wait_queue_head *pfmemalloc_wait = &k->ms->pfmemalloc_wait[k->pgdat->node_id];

	/* throttled direct reclaimers are let go before kswapd sleeps or gives up */
	if (waitqueue_active(pfmemalloc_wait))
		wake_up_all(pfmemalloc_wait);
	if (k->failures >= MAX_RECLAIM_RETRIES)
		return true;
	if (!pgdat_balanced(k->pgdat, order, highest_zoneidx))
		return false;
	/* clear_pgdat_congested() */
	k->pgdat->flags &= ~(LRUVEC_NODE_CONGESTED | PGDAT_DIRTY | PGDAT_WRITEBACK);
	return true;
}

/*
 * kswapd_try_to_sleep(): balanced (or hopeless), kswapd wakes kcompactd
 * and naps for HZ/10; woken within the nap, the sleep was premature
 * (kswapd_low_wmark_hit_quickly) and it goes back to work at the larger
 * of the orders.  Still balanced after the nap, it sleeps until
 * wakeup_kswapd(); not balanced at all, it goes on at once
 * (kswapd_high_wmark_hit_quickly).  Only a wake_up() while kswapd is on
 * the queue counts: a wakeup_kswapd() while it runs just leaves its order.
 */
static void kswapd_try_to_sleep(struct kswapd *k, unsigned int alloc_order,
				unsigned int reclaim_order, int highest_zoneidx)
{
	struct mm_state *mm = &k->ms->mm;
	int nid = k->pgdat->node_id;
	long remaining = 0;

	if (prepare_kswapd_sleep(k, reclaim_order, highest_zoneidx)) {
		wakeup_kcompactd(k->ms, nid, alloc_order, (enum zone_type)highest_zoneidx);
		k->woken = false;
		remaining = wait_event_interruptible_timeout(&k->wait, k->woken, HZ / 10);
		if (remaining) {
			if (k->highest_zoneidx == MAX_NR_ZONES ||
			    k->highest_zoneidx < highest_zoneidx)
				k->highest_zoneidx = highest_zoneidx;
			if (k->order < reclaim_order)
				k->order = reclaim_order;
		}
	}
	if (!remaining && prepare_kswapd_sleep(k, reclaim_order, highest_zoneidx)) {
		if (mm_trace_on(mm, MM_TRACE_VMSCAN_KSWAPD_SLEEP))
			mm_trace(mm, MM_TRACE_VMSCAN_KSWAPD_SLEEP, "nid=%d", nid);
		k->woken = false;
		wait_event_interruptible_timeout(&k->wait, k->woken, MAX_SCHEDULE_TIMEOUT);
	} else {
		mm->events[remaining ? KSWAPD_LOW_WMARK_HIT_QUICKLY :
			   KSWAPD_HIGH_WMARK_HIT_QUICKLY]++;
	}
}

static void kswapd(struct task_struct *p, void *arg)
{
	struct kswapd *k = arg;
	struct mm_state *mm = &k->ms->mm;
	int nid = k->pgdat->node_id;
	unsigned int alloc_order = 0, reclaim_order = 0;
	int highest_zoneidx = k->pgdat->nr_zones - 1;
	bool fell_back = false;

	(void)p;
	for (;;) {
		if (k->booting) {
			k->booting = false;	/* woken from kswapd_run()'s sleep */
		} else {
			/*
			 * Balanced at the order it reclaimed for: try to sleep
			 * at whatever order was asked meanwhile.  Having fallen
			 * back to order 0 for compaction, at order 0 (the
			 * kernel's goto kswapd_try_sleep).
			 */
			if (!fell_back) {
				alloc_order = reclaim_order = k->order;
				if (k->highest_zoneidx != MAX_NR_ZONES)
					highest_zoneidx = k->highest_zoneidx;
			}
			kswapd_try_to_sleep(k, alloc_order, reclaim_order, highest_zoneidx);
		}
		alloc_order = k->order;
		if (k->highest_zoneidx != MAX_NR_ZONES)
			highest_zoneidx = k->highest_zoneidx;
		k->order = 0;
		k->highest_zoneidx = MAX_NR_ZONES;
		if (mm_trace_on(mm, MM_TRACE_VMSCAN_KSWAPD_WAKE))
			mm_trace(mm, MM_TRACE_VMSCAN_KSWAPD_WAKE, "nid=%d order=%u", nid, alloc_order);
		reclaim_order = balance_pgdat(k, alloc_order, highest_zoneidx);
		fell_back = reclaim_order < alloc_order;
	}
}

void kswapd_run(struct mm_sim *ms, int nid)
{
	struct kswapd *k = &ms->kswapd[nid];
	struct task_create_args args = {
		.comm = k->comm,
		.fn = kswapd,
		.arg = k,
		.asleep = true,
	};

	k->ms = ms;
	k->pgdat = &ms->mm.nodes[nid];
	k->highest_zoneidx = MAX_NR_ZONES;
	snprintf(k->comm, sizeof(k->comm), "kswapd%d", nid);
	init_waitqueue_head(ms->sim, &k->wait);
	if (!mmsim_cpumask_empty(&ms->node_cpus[nid]))
		args.cpus = &ms->node_cpus[nid];
	k->task = task_create(ms->sim, &args);
	MM_BUG_ON(!k->task);	/* out of host memory for stacks */
	k->task->flags |= PF_KSWAPD;
	k->booting = true;
}
