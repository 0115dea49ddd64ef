// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/swap_state.c - the swap cache and swap-in readahead (6.18)
 *
 * A page enters the swap cache when reclaim gives it a slot
 * (add_to_swap()) or when a fault or readahead reads a slot back.  While
 * cached, the page is owned by the swap cache (page->private_data holds
 * its entry); the slot's rmap entry says which PTE uses it, mapped or not.
 *
 * Swap-in readahead, both of the kernel's ways, chosen as
 * swap_use_vma_readahead() does (vma_ra_enabled and no rotational area):
 *
 *   cluster  swap_cluster_readahead(): the naturally aligned block of
 *            slots around the faulting one, its size from
 *            __swapin_nr_pages() over one global hit count and the
 *            previous offset; at most 2^vm.page-cluster slots
 *   VMA      swap_vma_readahead(): the PTEs around the faulting address,
 *            a window from __swapin_nr_pages() over the VMA's own
 *            (address, window, hits), forward after a fault on the next
 *            page, backward after one on the previous, else centred;
 *            clamped to the VMA and its 2 MiB PMD; at most
 *            2^min(page-cluster, 5) pages
 *
 * Either way the window's reads are issued under a block plug: adjacent
 * slots merge into one request, as the kernel's diskstats show.  Tasks
 * wait for a locked swap cache page on a bucket of a page wait table.
 *
 * Pages read speculatively are PG_readahead (swap_ra); a fault that finds
 * one counts swap_ra_hit and a hit for the window.  (The kernel has no
 * tracepoints for swap-in readahead; these counters are what it shows.)
 *
 * A page reclaimed from the swap cache leaves a workingset shadow in its
 * slot; reading the slot back checks it (workingset_refault_anon, and
 * activation if it refaulted soon enough).
 *
 * Simplified: no large folios.
 */
#include "mm/swap.h"

#include <errno.h>

#include "block/blk.h"
#include "lib/compiler.h"
#include "mm/filemap.h"
#include "mm/mm_sim.h"

/* ---- the swap cache ---- */

static void swap_cache_add(struct mm_sim *ms, struct page *page, uint64_t entry)
{
	struct swap_info_struct *si = swap_info(ms, entry);

	si->cache[swp_offset(entry)] = (uint32_t)page_to_pfn(&ms->mm, page);
	page->owner = (uint32_t)ms->swap.swapcache_owner;
	page->private_data = entry;
	page->flags |= PG_swapcache | PG_swapbacked;
	mod_node_state(page_zone(&ms->mm, page)->zone_pgdat, NR_SWAPCACHE, 1);
}

struct page *swap_cache_get(struct mm_sim *ms, uint64_t entry)
{
	struct swap_info_struct *si = swap_info(ms, entry);
	uint32_t pfn = si->cache[swp_offset(entry)];

	return pfn == PFN_NONE ? NULL : pfn_to_page(&ms->mm, pfn);
}

uint64_t *swapcache_pte(struct mm_sim *ms, const struct page *page)
{
	struct swap_info_struct *si = swap_info(ms, page->private_data);
	struct page handle = { .private_data = si->rmap[swp_offset(page->private_data)] };
	struct vm_area_struct *vma;
	unsigned long index;

	if (!handle.private_data)
		return NULL;
	vma = rmap_vma(ms, &handle, &index);
	if (!vma || !(vma->ptes[index] & PTE_PRESENT) ||
	    pte_pfn(vma->ptes[index]) != page_to_pfn(&ms->mm, page))
		return NULL;
	return &vma->ptes[index];
}

bool add_to_swap(struct mm_sim *ms, struct page *page, unsigned int cpu)
{
	uint64_t handle = page->private_data, entry;

	MM_BUG_ON(page->owner != (uint32_t)ms->rmap_owner || (page->flags & PG_swapcache));
	entry = folio_alloc_swap(ms, cpu);
	if (!entry)
		return false;
	swap_info(ms, entry)->rmap[swp_offset(entry)] = handle;
	/* swap_cgroup_record(): whose page the slot holds, charged again at swap-in */
	if (swap_info(ms, entry)->memcg_ids)
		swap_info(ms, entry)->memcg_ids[swp_offset(entry)] = page->memcg_id;
	swap_cache_add(ms, page, entry);
	/* the slot holds nothing yet: the page must be written */
	page->flags |= PG_dirty;
	return true;
}

void delete_from_swap_cache(struct mm_sim *ms, struct page *page)
{
	uint64_t entry = page->private_data;
	struct swap_info_struct *si = swap_info(ms, entry);
	unsigned long offset = swp_offset(entry);
	uint64_t *pte = swapcache_pte(ms, page);

	MM_BUG_ON(!(page->flags & PG_swapcache) || si->cache[offset] != page_to_pfn(&ms->mm, page));
	si->cache[offset] = PFN_NONE;
	page->flags &= ~(PG_swapcache | PG_readahead);
	mod_node_state(page_zone(&ms->mm, page)->zone_pgdat, NR_SWAPCACHE, -1);
	if (pte) {
		/* mapped: plain anonymous memory of that PTE again */
		page->owner = (uint32_t)ms->rmap_owner;
		page->private_data = si->rmap[offset];
	} else {
		page->owner = 0;
		page->private_data = 0;
	}
	put_swap_folio(ms, entry);
}

bool folio_free_swap(struct mm_sim *ms, struct page *page)
{
	if (!(page->flags & PG_swapcache) || (page->flags & (PG_writeback | PG_locked)))
		return false;
	if (swap_count(ms, page->private_data) || !swapcache_pte(ms, page))
		return false;
	delete_from_swap_cache(ms, page);
	page->flags |= PG_dirty;	/* the only copy now */
	return true;
}

void free_swap_and_cache(struct mm_sim *ms, uint64_t entry)
{
	struct swap_info_struct *si = swap_info(ms, entry);
	unsigned long offset = swp_offset(entry);
	struct page *page;

	si->rmap[offset] = 0;		/* the PTE that held it is gone */
	swap_free(ms, entry);
	if (si->swap_map[offset] != SWAP_HAS_CACHE)
		return;
	/* __try_to_reclaim_swap(TTRS_UNMAPPED): nothing else wants the cached page */
	page = swap_cache_get(ms, entry);
	if (page->flags & (PG_locked | PG_writeback) || !(page->flags & PG_lru))
		return;		/* reclaim frees it once idle */
	lru_del(&ms->mm, page);
	delete_from_swap_cache(ms, page);
	free_to_buddy(&ms->mm, page_to_pfn(&ms->mm, page), 0);
}

/* ---- migration of swap cache pages ---- */

static bool swapcache_isolate(struct mm_state *mm, struct page *page, void *ctx)
{
	(void)ctx;
	if (!(page->flags & PG_lru) || (page->flags & (PG_locked | PG_writeback)))
		return false;
	lru_del(mm, page);
	return true;
}

static int swapcache_migrate(struct mm_state *mm, struct page *dst, struct page *src, void *ctx)
{
	struct mm_sim *ms = ctx;
	uint64_t entry = src->private_data;
	uint64_t *pte = swapcache_pte(ms, src);
	const uint32_t moved = PG_active | PG_referenced | PG_swapbacked | PG_dirty | PG_swapcache |
			       PG_readahead | PG_workingset;

	swap_info(ms, entry)->cache[swp_offset(entry)] = (uint32_t)page_to_pfn(mm, dst);
	if (pte)
		*pte = pfn_pte(page_to_pfn(mm, dst), *pte & ((1ULL << PTE_PFN_SHIFT) - 1));
	dst->flags |= src->flags & moved;
	src->flags &= ~moved;
	mod_node_state(page_zone(mm, src)->zone_pgdat, NR_SWAPCACHE, -1);
	mod_node_state(page_zone(mm, dst)->zone_pgdat, NR_SWAPCACHE, 1);
	lru_add(mm, dst);
	return 0;
}

static void swapcache_putback(struct mm_state *mm, struct page *page, void *ctx)
{
	(void)ctx;
	lru_add(mm, page);
}

static const struct movable_operations swapcache_ops = {
	.isolate_page = swapcache_isolate,
	.migrate_page = swapcache_migrate,
	.putback_page = swapcache_putback,
};

int swap_cache_init(struct mm_sim *ms)
{
	ms->swap.swapcache_owner = mm_register_owner(&ms->mm, &swapcache_ops, ms);
	return ms->swap.swapcache_owner < 0 ? ms->swap.swapcache_owner : 0;
}

/* ---- readahead ---- */

/* vma->swap_readahead_info: the last fault's page, the window and the hits */
#define SWAP_RA_WIN_SHIFT	6
#define SWAP_RA_HITS_MASK	((1UL << SWAP_RA_WIN_SHIFT) - 1)
#define SWAP_RA_HITS_MAX	SWAP_RA_HITS_MASK
#define SWAP_RA_WIN_MASK	(((1UL << 12) - 1) & ~SWAP_RA_HITS_MASK)
#define SWAP_RA_ORDER_CEILING	5

static inline uint64_t swap_ra_val(unsigned long vpn, unsigned int win, unsigned int hits)
{
	return ((uint64_t)vpn << 12) | ((uint64_t)win << SWAP_RA_WIN_SHIFT) | hits;
}

/* GET_SWAP_RA_VAL(): 4 hits to start with a small window */
static inline uint64_t get_swap_ra_val(const struct vm_area_struct *vma)
{
	return vma->swap_readahead_info ? vma->swap_readahead_info : 4;
}

unsigned int swapin_nr_pages_window(unsigned long prev_offset, unsigned long offset,
				    unsigned int hits, unsigned int max_pages,
				    unsigned int prev_win)
{
	unsigned int pages = hits + 2, last_ra;

	if (pages == 2) {
		/* no hits: readahead only right after a sequential fault */
		if (offset != prev_offset + 1 && offset != prev_offset - 1)
			pages = 1;
	} else {
		unsigned int roundup = 4;

		while (roundup < pages)
			roundup <<= 1;
		pages = roundup;
	}
	if (pages > max_pages)
		pages = max_pages;
	/* don't shrink readahead too fast */
	last_ra = prev_win / 2;
	if (pages < last_ra)
		pages = last_ra;
	return pages;
}

static bool swap_use_vma_readahead(const struct mm_sim *ms)
{
	return ms->swap.vma_ra_enabled && !ms->swap.nr_rotate_swap;
}

struct wait_queue_head *folio_waitqueue(struct mm_sim *ms, const struct page *page)
{
	uint64_t pfn = page_to_pfn(&ms->mm, page);

	return &ms->swap.wait[(pfn * 0x61C8864680B583EBULL) >> (64 - PAGE_WAIT_TABLE_BITS)];
}

void swap_update_readahead(struct mm_sim *ms, struct page *page, struct vm_area_struct *vma,
			   unsigned long index)
{
	bool vma_ra = swap_use_vma_readahead(ms), readahead = page->flags & PG_readahead;

	page->flags &= ~PG_readahead;
	if (vma_ra) {
		uint64_t ra_val = get_swap_ra_val(vma);
		unsigned int win = (unsigned int)((ra_val & SWAP_RA_WIN_MASK) >> SWAP_RA_WIN_SHIFT);
		unsigned int hits = (unsigned int)(ra_val & SWAP_RA_HITS_MASK);

		if (readahead)
			hits = min_t(unsigned int, hits + 1, SWAP_RA_HITS_MAX);
		vma->swap_readahead_info = swap_ra_val(vma->start + index, win, hits);
	}
	if (readahead) {
		ms->mm.events[SWAP_RA_HIT]++;
		if (!vma_ra)
			ms->swap.swapin_readahead_hits++;
	}
}

/*
 * mem_cgroup_swapin_charge_folio()'s cgroup: the one the slot records
 * (lookup_swap_cgroup_id()), else the faulting task's
 */
static unsigned int swapin_memcg(const struct mm_sim *ms, const struct swap_info_struct *si,
				 unsigned long offset)
{
	return si->memcg_ids && si->memcg_ids[offset] ? si->memcg_ids[offset] : current_memcg(ms);
}

/*
 * __read_swap_cache_async(): the swap cache page of @entry, read from the
 * device into a new page if there is none.  NULL if the slot is free
 * (nothing to read) or there is no memory.  *@new says it was read now.
 */
static struct page *read_swap_cache_async(struct mm_sim *ms, uint64_t entry, bool *new)
{
	struct swap_info_struct *si = swap_info(ms, entry);
	unsigned long offset = swp_offset(entry);
	struct page *page;

	*new = false;
	for (;;) {
		page = swap_cache_get(ms, entry);
		if (page)
			return page;
		/* swapcache_prepare(): only a slot a PTE still holds */
		if (!(si->swap_map[offset] & ~SWAP_HAS_CACHE) || si->swap_map[offset] == SWAP_MAP_BAD)
			return NULL;
		page = mem_cgroup_alloc_page(ms, GFP_HIGHUSER_MOVABLE, swapin_memcg(ms, si, offset));
		if (!page)
			return NULL;
		/* the allocation may have slept: someone may have read it, or freed the slot */
		if (si->cache[offset] != PFN_NONE ||
		    !(si->swap_map[offset] & ~SWAP_HAS_CACHE)) {
			sim_free_pages(ms->sim, page, 0);
			continue;
		}
		break;
	}
	si->swap_map[offset] |= SWAP_HAS_CACHE;
	swap_cache_add(ms, page, entry);
	page->flags |= PG_locked;
	page->tag = 0;
	workingset_refault(ms, &si->shadow[offset], page, false);
	lru_add(&ms->mm, page);
	swap_read_folio(ms, page);
	*new = true;
	return page;
}

/* Read @entry ahead (@readahead) or for the fault itself. */
static struct page *read_one(struct mm_sim *ms, uint64_t entry, bool readahead)
{
	bool new;
	struct page *page = read_swap_cache_async(ms, entry, &new);

	if (page && new && readahead) {
		page->flags |= PG_readahead;
		ms->mm.events[SWAP_RA]++;
	}
	return page;
}

unsigned int swapin_nr_pages(struct mm_sim *ms, unsigned long offset)
{
	struct swap_state *ss = &ms->swap;
	unsigned int max_pages = 1u << ss->page_cluster, hits, pages;

	if (max_pages <= 1)
		return 1;
	hits = ss->swapin_readahead_hits;
	ss->swapin_readahead_hits = 0;
	pages = swapin_nr_pages_window(ss->prev_offset, offset, hits, max_pages,
				       ss->last_readahead_pages);
	if (!hits)
		ss->prev_offset = offset;
	ss->last_readahead_pages = pages;
	return pages;
}

static struct page *swap_cluster_readahead(struct mm_sim *ms, uint64_t entry)
{
	struct swap_info_struct *si = swap_info(ms, entry);
	unsigned long offset = swp_offset(entry), start, end;
	unsigned int pages = swapin_nr_pages(ms, offset);

	if (pages > 1) {
		struct blk_plug plug;

		start = offset & ~(unsigned long)(pages - 1);
		end = offset | (pages - 1);
		if (!start)
			start = 1;	/* the header */
		if (end >= si->max)
			end = si->max - 1;
		/* adjacent slots merge into one request */
		blk_start_plug(ms->sim, &plug);
		for (unsigned long o = start; o <= end; o++)
			read_one(ms, swp_entry(si->type, o), o != offset);
		blk_finish_plug(ms->sim, &plug);
	}
	return read_one(ms, entry, false);
}

unsigned int swap_vma_ra_win(struct mm_sim *ms, struct vm_area_struct *vma, unsigned long index,
			     unsigned long *startp, unsigned long *endp)
{
	unsigned int max_win = 1u << min_t(unsigned int, ms->swap.page_cluster,
					   SWAP_RA_ORDER_CEILING);
	unsigned long fpfn = vma->start + index, pfn, lpfn, rpfn, pmd;
	uint64_t ra_val = get_swap_ra_val(vma);
	unsigned int prev_win, hits, win;

	*startp = fpfn;
	*endp = fpfn + 1;
	if (max_win == 1)
		return 1;
	pfn = (unsigned long)(ra_val >> 12);
	prev_win = (unsigned int)((ra_val & SWAP_RA_WIN_MASK) >> SWAP_RA_WIN_SHIFT);
	hits = (unsigned int)(ra_val & SWAP_RA_HITS_MASK);
	win = swapin_nr_pages_window(pfn, fpfn, hits, max_win, prev_win);
	vma->swap_readahead_info = swap_ra_val(fpfn, win, 0);
	if (win == 1)
		return 1;
	if (fpfn == pfn + 1) {
		lpfn = fpfn;
		rpfn = fpfn + win;
	} else if (pfn == fpfn + 1) {
		lpfn = fpfn + 1 > win ? fpfn + 1 - win : 0;
		rpfn = fpfn + 1;
	} else {
		unsigned long left = (win - 1) / 2;

		lpfn = fpfn > left ? fpfn - left : 0;
		rpfn = fpfn + win - left;
	}
	pmd = fpfn & ~(unsigned long)(HPAGE_PMD_NR - 1);
	*startp = max_t(unsigned long, max_t(unsigned long, lpfn, vma->start), pmd);
	*endp = min_t(unsigned long, min_t(unsigned long, rpfn, vma->start + vma->nr_pages),
		      pmd + HPAGE_PMD_NR);
	return win;
}

static struct page *swap_vma_readahead(struct mm_sim *ms, uint64_t entry,
				       struct vm_area_struct *vma, unsigned long index)
{
	unsigned long fpfn = vma->start + index, start, end;
	struct blk_plug plug;

	if (swap_vma_ra_win(ms, vma, index, &start, &end) == 1)
		return read_one(ms, entry, false);
	blk_start_plug(ms->sim, &plug);
	for (unsigned long vpn = start; vpn < end; vpn++) {
		uint64_t pte = vma->ptes[vpn - vma->start];

		if (!pte_is_swap(pte))
			continue;
		read_one(ms, pte_to_swp_entry(pte), vpn != fpfn);
		if (!pte_is_swap(vma->ptes[index]) || pte_to_swp_entry(vma->ptes[index]) != entry)
			break;	/* the allocation slept and someone faulted our page in */
	}
	blk_finish_plug(ms->sim, &plug);
	return read_one(ms, entry, false);
}

struct page *swapin_one(struct mm_sim *ms, uint64_t entry)
{
	return read_one(ms, entry, false);
}

struct page *swapin_readahead(struct mm_sim *ms, uint64_t entry, struct vm_area_struct *vma,
			      unsigned long index)
{
	return swap_use_vma_readahead(ms) ? swap_vma_readahead(ms, entry, vma, index)
					  : swap_cluster_readahead(ms, entry);
}

/* ---- DAX swap ---- */

static bool zeromap_test(const struct swap_info_struct *si, unsigned long offset)
{
	return si->zeromap[offset / 64] & (1ULL << (offset % 64));
}

static void zeromap_assign(struct swap_info_struct *si, unsigned long offset, bool zero)
{
	if (zero)
		si->zeromap[offset / 64] |= 1ULL << (offset % 64);
	else
		si->zeromap[offset / 64] &= ~(1ULL << (offset % 64));
}

void dax_swap_out(struct mm_sim *ms, struct page *page)
{
	uint64_t entry = page->private_data, *pte = swapcache_pte(ms, page);
	struct swap_info_struct *si = swap_info(ms, entry);
	unsigned long offset = swp_offset(entry);
	struct page handle = { .private_data = si->rmap[offset] };
	struct vm_area_struct *vma;
	unsigned long index;

	MM_BUG_ON(!si->dax || !pte);
	vma = rmap_vma(ms, &handle, &index);
	/* the copy to pmem: a store per page, no bio; its time is charged last */
	zeromap_assign(si, offset, !page->tag);
	if (page->tag)
		blk_dax_store(si->bdev, si->start_block + offset, page->tag);
	swap_duplicate(ms, entry);
	*pte = swp_entry_to_pte(entry) | PTE_DAX;
	vma->vm_mm->rss_anon--;
	vma->vm_mm->swapents++;
	si->dax_score[offset] = 0;
	ms->mm.events[PSWPOUT]++;
	si->nr_swapout++;
	ms->swap.dax_swapout++;
	delete_from_swap_cache(ms, page);
	free_to_buddy(&ms->mm, page_to_pfn(&ms->mm, page), 0);
	/* now that an access finds the page on pmem: the time may let others run */
	cpu_charge(ms->sim, sim_cost(ms->sim, MMSIM_COST_COPY_PAGE));
}

bool dax_access(struct vm_area_struct *vma, unsigned long index, bool write)
{
	struct mm_struct *mm = vma->vm_mm;
	struct mm_sim *ms = mm->ms;
	uint64_t entry = pte_to_swp_entry(vma->ptes[index]);
	struct swap_info_struct *si = swap_info(ms, entry);
	unsigned long offset = swp_offset(entry);
	uint64_t block = si->start_block + offset;
	struct page *page;

	si->dax_score[offset] += write ? ms->swap.dax_write_weight : 1;
	if (si->dax_score[offset] >= ms->swap.dax_promote) {
		/* hot: back to DRAM (a copy, as a swap-in without I/O) */
		page = mem_cgroup_alloc_page(ms, GFP_HIGHUSER_MOVABLE, swapin_memcg(ms, si, offset));
		if (vma->ptes[index] != (swp_entry_to_pte(entry) | PTE_DAX)) {
			if (page)
				sim_free_pages(ms->sim, page, 0);
			return false;	/* someone else promoted it while we waited */
		}
		if (page) {
			cpu_charge(ms->sim, sim_cost(ms->sim, MMSIM_COST_COPY_PAGE));
			map_new_anon_page(vma, index, page,
					  zeromap_test(si, offset) ? 0 : blk_peek_tag(si->bdev, block),
					  vma->vm_flags & VM_WRITE ? PTE_WRITE : 0);
			mm->swapents--;
			si->rmap[offset] = 0;
			swap_free(ms, entry);
			ms->swap.dax_promotions++;
			return false;
		}
		/* no DRAM to be had: served in place this time */
	}
	if (write) {
		uint64_t tag = ++mm->tag_seq;

		blk_dax_store(si->bdev, block, tag);
		zeromap_assign(si, offset, false);
		vma->tags[index] = tag;
		cpu_charge_user(ms->sim, si->bdev->cfg.write_lat_ns);
		ms->swap.dax_writes++;
	} else {
		uint64_t tag = zeromap_test(si, offset) ? 0 : blk_peek_tag(si->bdev, block);

		if (tag != vma->tags[index])
			mm->tag_errors++;
		cpu_charge_user(ms->sim, si->bdev->cfg.read_lat_ns);
		ms->swap.dax_reads++;
	}
	return true;
}
