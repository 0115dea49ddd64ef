// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/swapfile.c - swap areas and the slot allocator (6.18)
 *
 * swapon() lays an area out as the kernel's setup_clusters() does: slot 0
 * is the header (SWAP_MAP_BAD), so cluster 0 starts on the order-0
 * nonfull list; every other cluster of 512 slots starts free, in index
 * order.  A slot is allocated the way folio_alloc_swap() does:
 *
 *   swap_alloc_fast()  this CPU's current cluster for the order, if it is
 *                      still usable (on a rotational area the area's one
 *                      global cluster instead)
 *   swap_alloc_slow()  the areas by priority, equal priorities in turn
 *                      (plist_requeue), each through
 *                      cluster_alloc_swap_entry(): the nonfull clusters of
 *                      the order, then a free cluster, then (swap more
 *                      than half full) reclaim of slots only the swap cache
 *                      holds in full clusters, then one fragmented
 *                      cluster, then for order 0 the clusters of other
 *                      orders
 *
 * A cluster being scanned is isolated (on no list); relocate_cluster()
 * then files it by its count: free, full, or fragmented (partly used).
 * Freeing a slot moves a cluster to the nonfull list of its order, or to
 * the free list once empty.  swap_map[] counts page table references plus
 * SWAP_HAS_CACHE; a slot is free when both are gone.
 *
 * Simplified: order-0 allocations only for now (the per-order lists are
 * kept for THP swap); no discard (SWP_PAGE_DISCARD), no swap count
 * continuation (no fork, so a count never passes 1), no zeromap, no
 * swapoff.
 */
#include "mm/swap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "block/blk.h"
#include "lib/bigarray.h"
#include "lib/compiler.h"
#include "mm/filemap.h"
#include "mm/mm_sim.h"

/* ---- cluster lists ---- */

static void cl_init(struct cluster_list *l)
{
	l->head = CLUSTER_NONE;
	l->nr = 0;
}

static void cl_add_tail(struct swap_info_struct *si, struct cluster_list *l, uint32_t idx)
{
	struct swap_cluster_info *ci = &si->cluster_info[idx];

	if (l->head == CLUSTER_NONE) {
		ci->prev = ci->next = idx;
		l->head = idx;
	} else {
		struct swap_cluster_info *head = &si->cluster_info[l->head];
		uint32_t tail = head->prev;

		ci->prev = tail;
		ci->next = l->head;
		si->cluster_info[tail].next = idx;
		head->prev = idx;
	}
	l->nr++;
}

static void cl_del(struct swap_info_struct *si, struct cluster_list *l, uint32_t idx)
{
	struct swap_cluster_info *ci = &si->cluster_info[idx];

	if (ci->next == idx) {
		l->head = CLUSTER_NONE;
	} else {
		si->cluster_info[ci->prev].next = ci->next;
		si->cluster_info[ci->next].prev = ci->prev;
		if (l->head == idx)
			l->head = ci->next;
	}
	ci->prev = ci->next = CLUSTER_NONE;
	l->nr--;
}

/* The list a cluster is on, by its flags; NULL if isolated. */
static struct cluster_list *cluster_list_of(struct swap_info_struct *si,
					    const struct swap_cluster_info *ci)
{
	switch (ci->flags) {
	case CLUSTER_FLAG_FREE:
		return &si->free_clusters;
	case CLUSTER_FLAG_NONFULL:
		return &si->nonfull_clusters[ci->order];
	case CLUSTER_FLAG_FRAG:
		return &si->frag_clusters[ci->order];
	case CLUSTER_FLAG_FULL:
		return &si->full_clusters;
	default:
		return NULL;
	}
}

static inline uint32_t cluster_index(const struct swap_info_struct *si,
				     const struct swap_cluster_info *ci)
{
	return (uint32_t)(ci - si->cluster_info);
}

static inline unsigned long cluster_offset(const struct swap_info_struct *si,
					   const struct swap_cluster_info *ci)
{
	return (unsigned long)cluster_index(si, ci) * SWAPFILE_CLUSTER;
}

static void move_cluster(struct swap_info_struct *si, struct swap_cluster_info *ci,
			 struct cluster_list *list, uint8_t flags)
{
	struct cluster_list *from = cluster_list_of(si, ci);

	if (from)
		cl_del(si, from, cluster_index(si, ci));
	ci->flags = flags;
	cl_add_tail(si, list, cluster_index(si, ci));
}

static struct swap_cluster_info *isolate_cluster(struct swap_info_struct *si,
						 struct cluster_list *list)
{
	struct swap_cluster_info *ci;

	if (list->head == CLUSTER_NONE)
		return NULL;
	ci = &si->cluster_info[list->head];
	cl_del(si, list, list->head);
	ci->flags = CLUSTER_FLAG_NONE;
	return ci;
}

static void free_cluster(struct swap_info_struct *si, struct swap_cluster_info *ci)
{
	MM_BUG_ON(ci->count);
	move_cluster(si, ci, &si->free_clusters, CLUSTER_FLAG_FREE);
	ci->order = 0;
}

static void partial_free_cluster(struct swap_info_struct *si, struct swap_cluster_info *ci)
{
	MM_BUG_ON(!ci->count || ci->count == SWAPFILE_CLUSTER);
	if (ci->flags != CLUSTER_FLAG_NONFULL)
		move_cluster(si, ci, &si->nonfull_clusters[ci->order], CLUSTER_FLAG_NONFULL);
}

/* After a scan: file the cluster by how full it is. */
static void relocate_cluster(struct swap_info_struct *si, struct swap_cluster_info *ci)
{
	if (!ci->count) {
		if (ci->flags != CLUSTER_FLAG_FREE)
			free_cluster(si, ci);
	} else if (ci->count != SWAPFILE_CLUSTER) {
		if (ci->flags != CLUSTER_FLAG_FRAG)
			move_cluster(si, ci, &si->frag_clusters[ci->order], CLUSTER_FLAG_FRAG);
	} else if (ci->flags != CLUSTER_FLAG_FULL) {
		move_cluster(si, ci, &si->full_clusters, CLUSTER_FLAG_FULL);
	}
}

static bool cluster_is_usable(const struct swap_cluster_info *ci, unsigned int order)
{
	if (ci->flags > CLUSTER_FLAG_USABLE)
		return false;
	return !order || !ci->count || order == ci->order;
}

/* ---- the areas ---- */

bool vm_swap_full(const struct mm_sim *ms)
{
	return ms->swap.nr_swap_pages * 2 < ms->swap.total_swap_pages;
}

long get_nr_swap_pages(const struct mm_sim *ms)
{
	return ms->swap.nr_swap_pages;
}

struct swap_info_struct *swap_info(struct mm_sim *ms, uint64_t entry)
{
	unsigned int type = swp_type(entry);

	MM_BUG_ON(type >= ms->swap.nr_swapfiles);
	MM_BUG_ON(swp_offset(entry) >= ms->swap.info[type]->max);
	return ms->swap.info[type];
}

static void del_from_avail_list(struct swap_state *ss, unsigned int type)
{
	for (unsigned int i = 0; i < ss->nr_avail; i++) {
		if (ss->avail[i] != type)
			continue;
		memmove(&ss->avail[i], &ss->avail[i + 1], (ss->nr_avail - i - 1) * sizeof(ss->avail[0]));
		ss->nr_avail--;
		return;
	}
}

/* plist order: by priority, highest first; a newcomer after its equals */
static void add_to_avail_list(struct swap_state *ss, unsigned int type)
{
	int prio = ss->info[type]->prio;
	unsigned int i = 0;

	while (i < ss->nr_avail && ss->info[ss->avail[i]]->prio >= prio)
		i++;
	memmove(&ss->avail[i + 1], &ss->avail[i], (ss->nr_avail - i) * sizeof(ss->avail[0]));
	ss->avail[i] = type;
	ss->nr_avail++;
}

/* plist_requeue(): @type goes behind the areas of its priority */
static void requeue_avail(struct swap_state *ss, unsigned int pos)
{
	unsigned int type = ss->avail[pos], end = pos;
	int prio = ss->info[type]->prio;

	while (end + 1 < ss->nr_avail && ss->info[ss->avail[end + 1]]->prio == prio)
		end++;
	memmove(&ss->avail[pos], &ss->avail[pos + 1], (end - pos) * sizeof(ss->avail[0]));
	ss->avail[end] = type;
}

static void swap_range_alloc(struct swap_info_struct *si, unsigned int nr)
{
	struct swap_state *ss = &si->ms->swap;

	si->inuse_pages += nr;
	ss->nr_swap_pages -= nr;
	if (si->inuse_pages == si->pages)
		del_from_avail_list(ss, si->type);
}

static void swap_range_free(struct swap_info_struct *si, unsigned int nr)
{
	struct swap_state *ss = &si->ms->swap;

	if (si->inuse_pages == si->pages && (si->flags & SWP_WRITEOK))
		add_to_avail_list(ss, si->type);
	si->inuse_pages -= nr;
	ss->nr_swap_pages += nr;
}

/*
 * __try_to_reclaim_swap() for a slot only the swap cache holds, when swap
 * is more than half full: the cached copy goes (an unmapped page is
 * freed, a mapped one is plain anonymous memory again, dirty).
 */
static bool try_to_reclaim_swap(struct swap_info_struct *si, unsigned long offset)
{
	struct mm_sim *ms = si->ms;
	struct page *page;

	if (si->cache[offset] == PFN_NONE)
		return false;
	page = pfn_to_page(&ms->mm, si->cache[offset]);
	if (page->flags & (PG_locked | PG_writeback) || !(page->flags & PG_lru))
		return false;
	if (si->rmap[offset]) {
		/* mapped: the page stays, its copy goes */
		return folio_free_swap(ms, page);
	}
	lru_del(&ms->mm, page);
	delete_from_swap_cache(ms, page);
	free_to_buddy(&ms->mm, page_to_pfn(&ms->mm, page), 0);
	return true;
}

static bool cluster_scan_range(struct swap_info_struct *si, unsigned long start,
			       unsigned int nr_pages)
{
	for (unsigned long offset = start; offset < start + nr_pages; offset++) {
		uint8_t usage = si->swap_map[offset];

		if (!usage)
			continue;
		if (usage != SWAP_HAS_CACHE || !vm_swap_full(si->ms) ||
		    !try_to_reclaim_swap(si, offset))
			return false;
	}
	return true;
}

static void cluster_alloc_range(struct swap_info_struct *si, struct swap_cluster_info *ci,
				unsigned long start, unsigned int order)
{
	unsigned int nr_pages = 1u << order;

	if (!ci->count)
		ci->order = (uint8_t)order;
	memset(si->swap_map + start, SWAP_HAS_CACHE, nr_pages);
	swap_range_alloc(si, nr_pages);
	ci->count = (uint16_t)(ci->count + nr_pages);
}

static struct percpu_swap_cluster *this_cpu_cluster(struct mm_sim *ms, unsigned int cpu)
{
	return &ms->swap.percpu[cpu];
}

/*
 * alloc_swap_scan_cluster(): the first free slot(s) of isolated @ci from
 * @offset on; the next slot to try becomes this CPU's (or the area's)
 * current one.  Returns the slot, or SWAP_ENTRY_INVALID.
 */
static unsigned long alloc_swap_scan_cluster(struct swap_info_struct *si,
					     struct swap_cluster_info *ci, unsigned long offset,
					     unsigned int order, unsigned int cpu)
{
	unsigned long start = offset & ~(unsigned long)(SWAPFILE_CLUSTER - 1);
	unsigned long end = min_t(unsigned long, start + SWAPFILE_CLUSTER, si->max);
	unsigned int nr_pages = 1u << order;
	unsigned long next = SWAP_ENTRY_INVALID, found = SWAP_ENTRY_INVALID;

	if (end >= nr_pages && cluster_is_usable(ci, order)) {
		end -= nr_pages;
		for (; offset <= end; offset += nr_pages) {
			if (!cluster_scan_range(si, offset, nr_pages))
				continue;
			cluster_alloc_range(si, ci, offset, order);
			found = offset;
			offset += nr_pages;
			if (ci->count < SWAPFILE_CLUSTER && offset <= end)
				next = offset;
			break;
		}
	}
	relocate_cluster(si, ci);
	if (si->flags & SWP_SOLIDSTATE) {
		struct percpu_swap_cluster *pcp = this_cpu_cluster(si->ms, cpu);

		pcp->offset[order] = next;
		pcp->type[order] = (int)si->type;
	} else {
		si->global_next[order] = next;
	}
	return found;
}

static unsigned long scan_isolated(struct swap_info_struct *si, struct cluster_list *list,
				   unsigned int order, unsigned int cpu)
{
	struct swap_cluster_info *ci = isolate_cluster(si, list);

	if (!ci)
		return SWAP_ENTRY_INVALID;
	return alloc_swap_scan_cluster(si, ci, cluster_offset(si, ci), order, cpu);
}

/* swap_reclaim_full_clusters(si, false): one full cluster's cache-only slots */
static void swap_reclaim_full_clusters(struct swap_info_struct *si)
{
	struct swap_cluster_info *ci;
	unsigned long offset, end;

	if (si->full_clusters.head == CLUSTER_NONE)
		return;
	ci = &si->cluster_info[si->full_clusters.head];
	/* to the tail first, so the next call looks at another one */
	move_cluster(si, ci, &si->full_clusters, CLUSTER_FLAG_FULL);
	offset = cluster_offset(si, ci);
	end = min_t(unsigned long, si->max, offset + SWAPFILE_CLUSTER);
	for (; offset < end; offset++)
		if (si->swap_map[offset] == SWAP_HAS_CACHE)
			try_to_reclaim_swap(si, offset);
}

static unsigned long cluster_alloc_swap_entry(struct swap_info_struct *si, unsigned int order,
					      unsigned int cpu)
{
	unsigned long found = SWAP_ENTRY_INVALID;

	if (!(si->flags & SWP_SOLIDSTATE)) {
		unsigned long offset = si->global_next[order];

		if (offset != SWAP_ENTRY_INVALID) {
			struct swap_cluster_info *ci = &si->cluster_info[offset / SWAPFILE_CLUSTER];

			if (cluster_is_usable(ci, order)) {
				if (!ci->count)
					offset = cluster_offset(si, ci);
				found = alloc_swap_scan_cluster(si, ci, offset, order, cpu);
				if (found)
					return found;
			}
		}
	}
	if (order < SWAP_NR_ORDERS - 1) {
		while (si->nonfull_clusters[order].head != CLUSTER_NONE) {
			found = scan_isolated(si, &si->nonfull_clusters[order], order, cpu);
			if (found)
				return found;
		}
	}
	found = scan_isolated(si, &si->free_clusters, order, cpu);
	if (found)
		return found;
	if (vm_swap_full(si->ms))
		swap_reclaim_full_clusters(si);
	if (order < SWAP_NR_ORDERS - 1) {
		found = scan_isolated(si, &si->frag_clusters[order], order, cpu);
		if (found)
			return found;
	}
	if (!order) {
		/* order 0 steals from clusters of higher orders */
		for (unsigned int o = 1; o < SWAP_NR_ORDERS; o++) {
			found = scan_isolated(si, &si->frag_clusters[o], 0, cpu);
			if (found)
				return found;
			found = scan_isolated(si, &si->nonfull_clusters[o], 0, cpu);
			if (found)
				return found;
		}
	}
	return SWAP_ENTRY_INVALID;
}

/* swap_alloc_fast(): this CPU's current cluster, if still usable */
static uint64_t swap_alloc_fast(struct mm_sim *ms, unsigned int order, unsigned int cpu)
{
	struct percpu_swap_cluster *pcp = this_cpu_cluster(ms, cpu);
	struct swap_info_struct *si;
	struct swap_cluster_info *ci;
	unsigned long offset = pcp->offset[order], found;

	if (pcp->type[order] < 0 || offset == SWAP_ENTRY_INVALID)
		return 0;
	si = ms->swap.info[pcp->type[order]];
	if (!(si->flags & SWP_WRITEOK))
		return 0;
	ci = &si->cluster_info[offset / SWAPFILE_CLUSTER];
	if (!cluster_is_usable(ci, order))
		return 0;
	if (!ci->count)
		offset = cluster_offset(si, ci);
	found = alloc_swap_scan_cluster(si, ci, offset, order, cpu);
	return found ? swp_entry(si->type, found) : 0;
}

uint64_t folio_alloc_swap(struct mm_sim *ms, unsigned int cpu)
{
	struct swap_state *ss = &ms->swap;
	unsigned int order[MAX_SWAPFILES], n = ss->nr_avail;
	uint64_t entry;

	if (ss->nr_swap_pages <= 0)
		return 0;
	entry = swap_alloc_fast(ms, 0, cpu);
	if (entry)
		return entry;
	/* swap_alloc_slow(): the areas by priority, each visited goes behind its equals */
	memcpy(order, ss->avail, n * sizeof(order[0]));
	for (unsigned int k = 0; k < n; k++) {
		unsigned long offset;
		unsigned int pos = 0;

		while (pos < ss->nr_avail && ss->avail[pos] != order[k])
			pos++;
		if (pos == ss->nr_avail)
			continue;	/* filled up meanwhile */
		requeue_avail(ss, pos);
		offset = cluster_alloc_swap_entry(ss->info[order[k]], 0, cpu);
		if (offset)
			return swp_entry(order[k], offset);
	}
	return 0;
}

/* ---- references ---- */

/* swap_entries_free(): the slot's last reference went */
static void swap_entry_free(struct swap_info_struct *si, unsigned long offset)
{
	struct swap_cluster_info *ci = &si->cluster_info[offset / SWAPFILE_CLUSTER];

	si->swap_map[offset] = 0;
	si->rmap[offset] = 0;
	si->zeromap[offset / 64] &= ~(1ULL << (offset % 64));
	si->shadow[offset] = 0;		/* clear_shadow_from_swap_cache() */
	if (si->memcg_ids)
		si->memcg_ids[offset] = 0;	/* swap_cgroup_clear() */
	if (si->dax_score)
		si->dax_score[offset] = 0;
	MM_BUG_ON(!ci->count);
	ci->count--;
	if (!ci->count)
		free_cluster(si, ci);
	else
		partial_free_cluster(si, ci);
	swap_range_free(si, 1);
}

void swap_duplicate(struct mm_sim *ms, uint64_t entry)
{
	struct swap_info_struct *si = swap_info(ms, entry);
	unsigned long offset = swp_offset(entry);
	uint8_t count = si->swap_map[offset] & ~SWAP_HAS_CACHE;

	MM_BUG_ON(!si->swap_map[offset] || count >= SWAP_MAP_MAX);
	si->swap_map[offset]++;
}

unsigned int swap_count(struct mm_sim *ms, uint64_t entry)
{
	struct swap_info_struct *si = swap_info(ms, entry);

	return si->swap_map[swp_offset(entry)] & ~SWAP_HAS_CACHE;
}

void swap_free(struct mm_sim *ms, uint64_t entry)
{
	struct swap_info_struct *si = swap_info(ms, entry);
	unsigned long offset = swp_offset(entry);
	uint8_t usage = si->swap_map[offset];

	MM_BUG_ON(!(usage & ~SWAP_HAS_CACHE));
	usage--;
	si->swap_map[offset] = usage;
	if (!usage)
		swap_entry_free(si, offset);
}

void put_swap_folio(struct mm_sim *ms, uint64_t entry)
{
	struct swap_info_struct *si = swap_info(ms, entry);
	unsigned long offset = swp_offset(entry);

	MM_BUG_ON(!(si->swap_map[offset] & SWAP_HAS_CACHE));
	si->swap_map[offset] &= ~SWAP_HAS_CACHE;
	if (!si->swap_map[offset])
		swap_entry_free(si, offset);
}

/* ---- swapon ---- */

int swap_init(struct mm_sim *ms, unsigned int nr_cpus)
{
	struct swap_state *ss = &ms->swap;

	memset(ss, 0, sizeof(*ss));
	ss->percpu = calloc(nr_cpus, sizeof(*ss->percpu));
	if (!ss->percpu)
		return -ENOMEM;
	for (unsigned int c = 0; c < nr_cpus; c++)
		for (unsigned int o = 0; o < SWAP_NR_ORDERS; o++)
			ss->percpu[c].type[o] = -1;
	ss->page_cluster = 3;
	ss->vma_ra_enabled = true;
	ss->swapin_readahead_hits = 4;
	for (unsigned int i = 0; i < PAGE_WAIT_TABLE_SIZE; i++)
		init_waitqueue_head(ms->sim, &ss->wait[i]);
	return swap_cache_init(ms);
}

void swap_release(struct mm_sim *ms)
{
	struct swap_state *ss = &ms->swap;

	for (unsigned int t = 0; t < ss->nr_swapfiles; t++) {
		struct swap_info_struct *si = ss->info[t];

		big_free(si->swap_map, si->max, sizeof(*si->swap_map));
		big_free(si->cache, si->max, sizeof(*si->cache));
		big_free(si->rmap, si->max, sizeof(*si->rmap));
		big_free(si->zeromap, si->max / 64 + 1, sizeof(*si->zeromap));
		big_free(si->shadow, si->max, sizeof(*si->shadow));
		big_free(si->memcg_ids, si->max, sizeof(*si->memcg_ids));
		big_free(si->dax_score, si->max, sizeof(*si->dax_score));
		big_free(si->cluster_info, si->nr_clusters, sizeof(*si->cluster_info));
		free(si);
	}
	free(ss->percpu);
	memset(ss, 0, sizeof(*ss));
}

int swapon(struct mm_sim *ms, const char *name, struct block_device *bdev, uint64_t start_block,
	   unsigned long nr_slots, int prio, bool solidstate, bool dax, bool synchronous)
{
	static const int least_priority_base = -1;
	struct swap_state *ss = &ms->swap;
	struct swap_info_struct *si;

	if (ss->nr_swapfiles == MAX_SWAPFILES)
		return -ENOSPC;
	if (nr_slots < 2 || nr_slots >= (1UL << SWP_OFFSET_BITS))
		return -EINVAL;
	si = calloc(1, sizeof(*si));
	if (!si)
		return -ENOMEM;
	si->ms = ms;
	si->name = name;
	si->type = ss->nr_swapfiles;
	si->bdev = bdev;
	si->start_block = start_block;
	si->max = nr_slots;
	si->pages = nr_slots - 1;
	si->nr_clusters = (nr_slots + SWAPFILE_CLUSTER - 1) / SWAPFILE_CLUSTER;
	si->swap_map = big_calloc(si->max, sizeof(*si->swap_map));
	si->cache = big_calloc(si->max, sizeof(*si->cache));
	si->rmap = big_calloc(si->max, sizeof(*si->rmap));
	si->zeromap = big_calloc(si->max / 64 + 1, sizeof(*si->zeromap));
	si->shadow = big_calloc(si->max, sizeof(*si->shadow));
	if (ms->mm.nr_memcgs > 1)
		si->memcg_ids = big_calloc(si->max, sizeof(*si->memcg_ids));
	si->dax = dax;
	if (dax)
		si->dax_score = big_calloc(si->max, sizeof(*si->dax_score));
	si->cluster_info = big_calloc(si->nr_clusters, sizeof(*si->cluster_info));
	if (!si->swap_map || !si->cache || !si->rmap || !si->zeromap || !si->shadow ||
	    !si->cluster_info || (ms->mm.nr_memcgs > 1 && !si->memcg_ids) ||
	    (dax && !si->dax_score)) {
		ss->info[si->type] = si;
		ss->nr_swapfiles++;
		return -ENOMEM;		/* swap_release() frees it */
	}
	memset(si->cache, 0xff, si->max * sizeof(*si->cache));	/* PFN_NONE */
	/* the kernel's least_priority: -2, -3, ... for areas given none */
	if (prio < 0) {
		int least = least_priority_base;

		for (unsigned int t = 0; t < ss->nr_swapfiles; t++)
			if (ss->info[t]->prio < least)
				least = ss->info[t]->prio;
		prio = least - 1;
	}
	si->prio = prio;
	si->flags = SWP_USED | SWP_WRITEOK | SWP_BLKDEV | (solidstate ? SWP_SOLIDSTATE : 0) |
		    (synchronous ? SWP_SYNCHRONOUS_IO : 0);
	cl_init(&si->free_clusters);
	cl_init(&si->full_clusters);
	for (unsigned int o = 0; o < SWAP_NR_ORDERS; o++) {
		cl_init(&si->nonfull_clusters[o]);
		cl_init(&si->frag_clusters[o]);
	}
	/* setup_clusters(): the header, and the slots past the end of the last cluster */
	si->swap_map[0] = SWAP_MAP_BAD;
	si->cluster_info[0].count = 1;
	si->cluster_info[si->nr_clusters - 1].count =
		(uint16_t)(si->cluster_info[si->nr_clusters - 1].count +
			   si->nr_clusters * SWAPFILE_CLUSTER - si->max);
	for (uint32_t i = 0; i < si->nr_clusters; i++) {
		struct swap_cluster_info *ci = &si->cluster_info[i];

		ci->prev = ci->next = CLUSTER_NONE;
		if (ci->count) {
			ci->flags = CLUSTER_FLAG_NONFULL;
			cl_add_tail(si, &si->nonfull_clusters[0], i);
		} else {
			ci->flags = CLUSTER_FLAG_FREE;
			cl_add_tail(si, &si->free_clusters, i);
		}
	}
	if (!solidstate)
		ss->nr_rotate_swap++;
	ss->info[si->type] = si;
	ss->nr_swapfiles++;
	ss->nr_swap_pages += (long)si->pages;
	ss->total_swap_pages += (long)si->pages;
	add_to_avail_list(ss, si->type);
	return (int)si->type;
}

/* ---- checker ---- */

bool swap_check(struct mm_sim *ms)
{
	struct swap_state *ss = &ms->swap;
	long free_slots = 0;
	bool ok = true;

	for (unsigned int t = 0; t < ss->nr_swapfiles; t++) {
		struct swap_info_struct *si = ss->info[t];
		unsigned long inuse = 0, on_lists = 0;

		for (unsigned long c = 0; c < si->nr_clusters; c++) {
			const struct swap_cluster_info *ci = &si->cluster_info[c];
			unsigned long start = c * SWAPFILE_CLUSTER, used = 0;
			unsigned long end = min_t(unsigned long, start + SWAPFILE_CLUSTER, si->max);

			for (unsigned long o = start; o < end; o++) {
				uint8_t usage = si->swap_map[o];

				if (!usage)
					continue;
				used++;
				if (usage == SWAP_MAP_BAD)
					continue;
				inuse++;
				if (!!(usage & SWAP_HAS_CACHE) != (si->cache[o] != PFN_NONE)) {
					fprintf(stderr, "mmsim: swap %u slot %lu: swap_map %#x, cache pfn %u\n",
						t, o, usage, si->cache[o]);
					ok = false;
				}
			}
			used += start + SWAPFILE_CLUSTER - end;	/* past the area's end */
			if (used != ci->count) {
				fprintf(stderr, "mmsim: swap %u cluster %lu counts %u, holds %lu\n", t, c,
					ci->count, used);
				ok = false;
			}
			if ((ci->flags == CLUSTER_FLAG_FREE) != !ci->count ||
			    (ci->flags == CLUSTER_FLAG_FULL) != (ci->count == SWAPFILE_CLUSTER) ||
			    ci->flags == CLUSTER_FLAG_NONE) {
				fprintf(stderr, "mmsim: swap %u cluster %lu: flags %u with count %u\n", t, c,
					ci->flags, ci->count);
				ok = false;
			}
		}
		on_lists = si->free_clusters.nr + si->full_clusters.nr;
		for (unsigned int o = 0; o < SWAP_NR_ORDERS; o++)
			on_lists += si->nonfull_clusters[o].nr + si->frag_clusters[o].nr;
		if (on_lists != si->nr_clusters || inuse != si->inuse_pages) {
			fprintf(stderr, "mmsim: swap %u: %lu of %lu clusters on lists, %lu slots used "
				"(counted %lu)\n", t, on_lists, si->nr_clusters, inuse, si->inuse_pages);
			ok = false;
		}
		free_slots += (long)(si->pages - si->inuse_pages);
	}
	if (free_slots != ss->nr_swap_pages) {
		fprintf(stderr, "mmsim: %ld free swap slots, nr_swap_pages %ld\n", free_slots,
			ss->nr_swap_pages);
		ok = false;
	}
	return ok;
}

int swapon_config(struct mmsim *sim)
{
	const struct mmsim_config *cfg = &sim->cfg;

	for (unsigned int i = 0; i < cfg->nr_swaps; i++) {
		const struct mmsim_swap_config *sc = &cfg->swaps[i];
		struct block_device *bdev = blk_lookup(sim, sc->device);
		uint64_t size = mmsim_config_swap_size(cfg, i);
		bool rotational;
		int type;

		if (!bdev)
			return -EINVAL;
		/* bdev_nonrot(): the device's queue/rotational */
		rotational = bdev->cfg.rotational == MMSIM_ROTATIONAL_AUTO ?
			     bdev->cfg.type == MMSIM_DEV_HDD :
			     bdev->cfg.rotational == MMSIM_ROTATIONAL_ON;
		type = swapon(sim->mm, sc->name, bdev,
			      mmsim_config_swap_offset(cfg, i) >> BLK_BLOCK_SHIFT, size >> PAGE_SHIFT,
			      sc->priority, !rotational, sc->dax,
			      /* brd and pmem complete bios in the submitter (BLK_FEAT_SYNCHRONOUS) */
			      bdev->cfg.type == MMSIM_DEV_RAM || bdev->cfg.type == MMSIM_DEV_PMEM);
		if (type < 0)
			return type;
	}
	return 0;
}

const char *swap_bdev_name(const struct swap_info_struct *si)
{
	return si->bdev->cfg.name;
}

/*
 * /proc/swaps (swap_show()): an area is named /dev/DEVICE:NAME after its
 * device and section (the model's areas are partitions of no path).
 */
void swap_show(FILE *out, struct mm_state *mm)
{
	struct mm_sim *ms = container_of(mm, struct mm_sim, mm);

	fputs("Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n", out);
	for (unsigned int t = 0; t < ms->swap.nr_swapfiles; t++) {
		const struct swap_info_struct *si = ms->swap.info[t];
		unsigned long bytes = si->pages * (PAGE_SIZE / 1024);
		unsigned long inuse = si->inuse_pages * (PAGE_SIZE / 1024);
		char name[160];
		int len = snprintf(name, sizeof(name), "/dev/%s:%s", swap_bdev_name(si), si->name);

		fprintf(out, "%s%*s%s\t%lu\t%s%lu\t%s%d\n", name, len < 40 ? 40 - len : 1, " ",
			"partition", bytes, bytes < 10000000 ? "\t" : "", inuse,
			inuse < 10000000 ? "\t" : "", si->prio);
	}
}
