// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/vmscan.c - page reclaim: the LRU scan and direct reclaim
 *
 * The kernel's mm/vmscan.c of 6.x without MGLRU, for the page cache so
 * far: anonymous pages need swap (the swap issue), so get_scan_count()
 * scans only the file lists.  shrink_node() scans each list by its size
 * shifted by the priority (12 down to 0), refilling the inactive file list
 * from the active one while it is smaller (inactive_is_low() with the
 * kernel's sqrt ratio).  shrink_inactive_list() isolates pages from the
 * tail in batches of 32 and looks at each (shrink_folio_list()):
 * locked or under writeback: kept; referenced through a PTE (the accessed
 * bit, test-and-cleared through the reverse map) when already referenced
 * before, or twice: activated; referenced once: kept with PG_referenced;
 * dirty: kept (no writeback from reclaim yet: flushers come next); else
 * unmapped and removed from the page cache, and freed.
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
 * order it was woken for and sleeps.  A run that reclaims nothing counts
 * as a failure; after MAX_RECLAIM_RETRIES the node is hopeless until one
 * succeeds.  Simplified: no short HZ/10 nap before the full sleep, no
 * kswapd_shrink_node() per-zone shrinking.  Dirty page writeback and the
 * reclaim throttling of the issue are the next steps.
 */
#include <stdio.h>

#include "lib/compiler.h"
#include "sim/sim.h"
#include "sim/wait.h"
#include "mm/filemap.h"
#include "mm/mm.h"
#include "mm/mm_sim.h"

#define DEF_PRIORITY	12

struct scan_control {
	unsigned long nr_to_reclaim;
	unsigned long nr_scanned;
	unsigned long nr_reclaimed;
	enum zone_type reclaim_idx;	/* highest zone whose pages are wanted */
	int priority;
	bool kswapd;
};

/* int_sqrt() */
static unsigned long int_sqrt_ul(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

static unsigned long node_lru_size(const pg_data_t *pgdat, enum lru_list lru,
				   enum zone_type reclaim_idx)
{
	unsigned long n = 0;

	for (int z = 0; z <= (int)reclaim_idx; z++)
		n += pgdat->node_zones[z].nr_lru[lru];
	return n;
}

/* inactive_is_low(): inactive * ratio < active, ratio = sqrt(10 * GiB) (1 below 1 GiB) */
static bool inactive_file_is_low(const pg_data_t *pgdat, enum zone_type reclaim_idx)
{
	unsigned long inactive = node_lru_size(pgdat, LRU_INACTIVE_FILE, reclaim_idx);
	unsigned long active = node_lru_size(pgdat, LRU_ACTIVE_FILE, reclaim_idx);
	unsigned long gb = (inactive + active) >> (30 - PAGE_SHIFT);
	unsigned long ratio = gb ? int_sqrt_ul(10 * gb) : 1;

	return inactive * ratio < active;
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

/* folio_referenced(): test and clear the accessed bit of the page's PTE. */
static bool page_referenced_ptes(struct mm_sim *ms, struct page *page)
{
	struct address_space *mapping;
	unsigned long index;
	uint64_t *pte = file_page_pte(ms, page, &mapping, &index);

	if (!pte || !(*pte & PTE_ACCESSED))
		return false;
	*pte &= ~PTE_ACCESSED;
	return true;
}

enum page_references {
	PAGEREF_RECLAIM,
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
	/* only accessed through read(): reclaim it, clean as it is */
	return PAGEREF_RECLAIM;
}

/* try_to_unmap() + __remove_mapping() of a clean page cache page; then freed. */
static bool reclaim_file_page(struct mm_sim *ms, struct page *page)
{
	struct address_space *mapping;
	unsigned long index;
	uint64_t *pte = file_page_pte(ms, page, &mapping, &index);
	unsigned long pfn = page_to_pfn(&ms->mm, page);

	if (pte) {
		if (*pte & PTE_DIRTY) {
			/* the PTE's dirty bit moves to the page: it must be written first */
			*pte &= ~PTE_DIRTY;
			page->flags |= PG_dirty;
			mapping->nr_dirty++;
			return false;
		}
		{
			struct page handle = { .private_data = mapping->rmap[index] };
			unsigned long vindex;
			struct vm_area_struct *vma = rmap_vma(ms, &handle, &vindex);

			vma->ptes[vindex] = 0;
			vma->vm_mm->rss_file--;
		}
		mapping->rmap[index] = 0;
	}
	mapping->pages[index] = PFN_NONE;
	mapping->nrpages--;
	page->owner = 0;
	page->private_data = 0;
	page->flags &= ~(PG_referenced | PG_active | PG_readahead);
	free_to_buddy(&ms->mm, pfn, 0);
	return true;
}

/* Isolate up to @nr pages from the tail of @lru, of zones up to reclaim_idx. */
static unsigned long isolate_lru_pages(struct mm_state *mm, pg_data_t *pgdat, enum lru_list lru,
				       unsigned long nr, struct scan_control *sc,
				       unsigned long *isolated, unsigned long *scanned)
{
	struct page_list *list = &pgdat->lruvec.lists[lru];
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

static void shrink_inactive_list(struct mm_sim *ms, pg_data_t *pgdat, unsigned long nr_to_scan,
				 struct scan_control *sc)
{
	struct mm_state *mm = &ms->mm;
	unsigned long isolated[SWAP_CLUSTER_MAX];

	while (nr_to_scan) {
		unsigned long scanned, n, reclaimed = 0, dirty = 0, writeback = 0, activated = 0;
		unsigned long ref_keep = 0;

		n = isolate_lru_pages(mm, pgdat, LRU_INACTIVE_FILE,
				      min_t(unsigned long, nr_to_scan, SWAP_CLUSTER_MAX), sc,
				      isolated, &scanned);
		if (!n)
			break;
		nr_to_scan -= min_t(unsigned long, nr_to_scan, n);
		sc->nr_scanned += scanned;
		mm->events[sc->kswapd ? PGSCAN_KSWAPD : PGSCAN_DIRECT] += scanned;
		mm->events[PGSCAN_FILE] += scanned;
		for (unsigned long i = 0; i < n; i++) {
			struct page *page = pfn_to_page(mm, isolated[i]);
			enum page_references ref;

			if (page->flags & (PG_locked | PG_writeback | PG_dirty)) {
				dirty += !!(page->flags & PG_dirty);
				writeback += !!(page->flags & PG_writeback);
				lru_add(mm, page);
				continue;
			}
			ref = page_check_references(ms, page);
			if (ref == PAGEREF_ACTIVATE) {
				page->flags |= PG_active;
				lru_add(mm, page);
				mm->events[PGACTIVATE]++;
				activated++;
				continue;
			}
			if (ref == PAGEREF_KEEP || !reclaim_file_page(ms, page)) {
				ref_keep += ref == PAGEREF_KEEP;
				dirty += !!(page->flags & PG_dirty);
				lru_add(mm, page);
				continue;
			}
			reclaimed++;
		}
		if (mm_trace_on(mm, MM_TRACE_VMSCAN_LRU_SHRINK_INACTIVE))
			mm_trace(mm, MM_TRACE_VMSCAN_LRU_SHRINK_INACTIVE,
				 "nid=%d nr_scanned=%lu nr_reclaimed=%lu nr_dirty=%lu nr_writeback=%lu "
				 "nr_congested=0 nr_immediate=0 nr_activate_anon=0 nr_activate_file=%lu "
				 "nr_ref_keep=%lu nr_unmap_fail=0 priority=%d "
				 "flags=RECLAIM_WB_FILE|RECLAIM_WB_ASYNC", pgdat->node_id, scanned,
				 reclaimed, dirty, writeback, activated, ref_keep, sc->priority);
		sc->nr_reclaimed += reclaimed;
		mm->events[sc->kswapd ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT] += reclaimed;
		mm->events[PGSTEAL_FILE] += reclaimed;
		/* the kernel drops the lru lock between batches; time passes here */
		mm_charge(mm, MM_WORK_RECLAIM_SCAN, scanned);
	}
}

static void shrink_active_list(struct mm_sim *ms, pg_data_t *pgdat, unsigned long nr_to_scan,
			       struct scan_control *sc)
{
	struct mm_state *mm = &ms->mm;
	unsigned long isolated[SWAP_CLUSTER_MAX];

	while (nr_to_scan) {
		unsigned long scanned, n;

		n = isolate_lru_pages(mm, pgdat, LRU_ACTIVE_FILE,
				      min_t(unsigned long, nr_to_scan, SWAP_CLUSTER_MAX), sc,
				      isolated, &scanned);
		if (!n)
			break;
		nr_to_scan -= min_t(unsigned long, nr_to_scan, n);
		mm->events[PGREFILL] += scanned;
		for (unsigned long i = 0; i < n; i++) {
			struct page *page = pfn_to_page(mm, isolated[i]);

			/* the accessed bit is cleared; no executable file pages to keep yet */
			page_referenced_ptes(ms, page);
			page->flags &= ~(PG_active | PG_referenced);
			lru_add(mm, page);
			mm->events[PGDEACTIVATE]++;
		}
	}
}

/* shrink_node(): get_scan_count() with no swap: the file lists, size >> priority. */
static void shrink_node(struct mm_sim *ms, pg_data_t *pgdat, struct scan_control *sc)
{
	unsigned long inactive = node_lru_size(pgdat, LRU_INACTIVE_FILE, sc->reclaim_idx);
	unsigned long active = node_lru_size(pgdat, LRU_ACTIVE_FILE, sc->reclaim_idx);
	unsigned long scan_inactive = inactive >> sc->priority;
	unsigned long scan_active = active >> sc->priority;

	/* a small list is still scanned a little at a high priority */
	if (!scan_inactive && inactive && sc->priority < DEF_PRIORITY)
		scan_inactive = min_t(unsigned long, inactive, SWAP_CLUSTER_MAX);
	if (inactive_file_is_low(pgdat, sc->reclaim_idx))
		shrink_active_list(ms, pgdat, max_t(unsigned long, scan_active, SWAP_CLUSTER_MAX),
				   sc);
	shrink_inactive_list(ms, pgdat, scan_inactive, sc);
}

unsigned long try_to_free_pages(struct mm_state *mm, const struct alloc_context *ac, gfp_t gfp,
				unsigned int order)
{
	struct mm_sim *ms = container_of(mm, struct mm_sim, mm);
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.reclaim_idx = ac->highest_zoneidx,
	};

	if (mm_trace_on(mm, MM_TRACE_VMSCAN_DIRECT_RECLAIM_BEGIN)) {
		char flags[256];

		mm_trace(mm, MM_TRACE_VMSCAN_DIRECT_RECLAIM_BEGIN, "order=%u gfp_flags=%s", order,
			 gfp_format(gfp, flags, sizeof(flags)));
	}
	mm->events[ALLOCSTALL_DMA + ac->highest_zoneidx]++;
	for (sc.priority = DEF_PRIORITY; sc.priority >= 0; sc.priority--) {
		int last_nid = -1;

		for (int i = 0; i < ac->nr_zones && sc.nr_reclaimed < sc.nr_to_reclaim; i++) {
			pg_data_t *pgdat = ac->zonelist[i]->zone_pgdat;

			if (pgdat->node_id == last_nid)
				continue;
			last_nid = pgdat->node_id;
			shrink_node(ms, pgdat, &sc);
		}
		if (sc.nr_reclaimed >= sc.nr_to_reclaim)
			break;
	}
	if (mm_trace_on(mm, MM_TRACE_VMSCAN_DIRECT_RECLAIM_END))
		mm_trace(mm, MM_TRACE_VMSCAN_DIRECT_RECLAIM_END, "nr_reclaimed=%lu", sc.nr_reclaimed);
	return sc.nr_reclaimed;
}

unsigned long zone_reclaimable_pages(struct mm_state *mm, struct zone *zone)
{
	(void)mm;
	/* file pages; anonymous ones need swap */
	return zone->nr_lru[LRU_INACTIVE_FILE] + zone->nr_lru[LRU_ACTIVE_FILE];
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
	if (k->booting)
		wake_up_process(k->task);
	else
		wake_up_interruptible(&k->wait);
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
		/* kswapd_shrink_node(): the high watermarks' worth, at least a batch */
		sc.nr_to_reclaim = 0;
		for (int z = 0; z <= highest_zoneidx; z++)
			if (populated_zone(&pgdat->node_zones[z]))
				sc.nr_to_reclaim += max_t(unsigned long,
							  high_wmark_pages(&pgdat->node_zones[z]),
							  SWAP_CLUSTER_MAX);
		shrink_node(ms, pgdat, &sc);
		/* enough freed for compaction to work with: balanced at order 0 will do */
		if (sc_order && sc.nr_reclaimed >= (2UL << sc_order))
			sc_order = 0;
		if (nr_boost_reclaim) {
			unsigned long got = sc.nr_reclaimed - before;

			nr_boost_reclaim -= min_t(unsigned long, nr_boost_reclaim, got);
			if (!nr_boost_reclaim)
				break;
		}
		if (sc.nr_reclaimed > before)
			sc.priority++;	/* progress: stay at this priority */
		if (mm->ops.cond_resched)
			mm->ops.cond_resched(mm);
	}
	if (!sc.nr_reclaimed)
		k->failures++;
	else
		k->failures = 0;
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

/* prepare_kswapd_sleep(): balanced, or hopeless. */
static bool prepare_kswapd_sleep(struct kswapd *k, unsigned int order, int highest_zoneidx)
{
	return k->failures >= MAX_RECLAIM_RETRIES ||
	       pgdat_balanced(k->pgdat, order, highest_zoneidx);
}

static void kswapd(struct task_struct *p, void *arg)
{
	struct kswapd *k = arg;
	struct mm_state *mm = &k->ms->mm;
	struct mmsim *sim = p->sim;
	int nid = k->pgdat->node_id;
	unsigned int alloc_order = 0, reclaim_order = 0;
	int highest_zoneidx = k->pgdat->nr_zones - 1;

	for (;;) {
		if (k->booting) {
			/* woken from the sleep it was created in (kswapd_run()) */
			k->booting = false;
		} else if (prepare_kswapd_sleep(k, reclaim_order, highest_zoneidx)) {
			/* kswapd_try_to_sleep(): kcompactd for the order it was woken for */
			wakeup_kcompactd(k->ms, nid, alloc_order, (enum zone_type)highest_zoneidx);
			if (mm_trace_on(mm, MM_TRACE_VMSCAN_KSWAPD_SLEEP))
				mm_trace(mm, MM_TRACE_VMSCAN_KSWAPD_SLEEP, "nid=%d", nid);
			wait_event_interruptible_timeout(&k->wait, k->order ||
							 k->highest_zoneidx != MAX_NR_ZONES,
							 MAX_SCHEDULE_TIMEOUT);
		} else {
			mm->events[KSWAPD_HIGH_WMARK_HIT_QUICKLY]++;
		}
		alloc_order = k->order;
		highest_zoneidx = k->highest_zoneidx == MAX_NR_ZONES ? k->pgdat->nr_zones - 1 :
			k->highest_zoneidx;
		k->order = 0;
		k->highest_zoneidx = MAX_NR_ZONES;
		if (mm_trace_on(mm, MM_TRACE_VMSCAN_KSWAPD_WAKE))
			mm_trace(mm, MM_TRACE_VMSCAN_KSWAPD_WAKE, "nid=%d order=%u", nid, alloc_order);
		reclaim_order = balance_pgdat(k, alloc_order, highest_zoneidx);
		if (reclaim_order < alloc_order)
			reclaim_order = 0;
		(void)sim;
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
	k->booting = true;
}
