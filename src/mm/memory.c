// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/memory.c - page faults and what the MMU does on an access
 *
 * access_page() is a load or store by the workload: a present PTE gets its
 * accessed bit (and dirty bit on a store) as the hardware sets them; a
 * missing one is a page fault, handled as do_anonymous_page() does for a
 * private anonymous mapping: a zeroed movable page (GFP_HIGHUSER_MOVABLE |
 * __GFP_ZERO, through the page allocator's slow path if need be), put on
 * the inactive anonymous LRU list and mapped.  Counted as pgfault.  In a
 * file mapping a fault maps the page cache page (read from the device, a
 * major fault, if it was not cached): writable in a MAP_SHARED mapping,
 * where a store dirties the page (set_page_dirty()), read-only in a
 * MAP_PRIVATE one, where the first store copies it to an anonymous page
 * (wp_page_copy()).
 *
 * Content tags: a store gives the page a new tag and records it in the
 * VMA; a load checks that the page still holds the last one written, so a
 * page lost, mis-migrated or read back stale counts as an error and fails
 * mmsim_check().
 *
 * A PTE holding a swap entry is do_swap_page(): from the swap cache, or
 * read with readahead (mm/swap_state.c); on a SWP_SYNCHRONOUS_IO area with
 * one reference, without readahead and keeping no swap copy.  A PTE
 * holding a DAX swap entry is served from pmem (dax_access()).
 *
 * Simplified: no zero-page mapping for read faults (the kernel maps the
 * shared zero page and copies on write), no fault-around, no THP faults
 * yet, no mm locks (one task runs at a time and a fault completes before
 * another starts on the same PTE, except across the allocator's waits,
 * after which the PTE is checked again).
 */
#include "lib/compiler.h"
#include "mm/filemap.h"
#include "mm/mm.h"
#include "mm/mm_sim.h"
#include "mm/swap.h"
#include "mm/writeback.h"

/* do_anonymous_page(): a zeroed page for a missing PTE. */
static enum fault_result do_anonymous_page(struct vm_area_struct *vma, unsigned long index)
{
	struct mm_sim *ms = vma->vm_mm->ms;
	struct page *page;

	ms->mm.events[PGFAULT]++;
	page = mem_cgroup_alloc_page(ms, GFP_HIGHUSER_MOVABLE | GFPF_ZERO, current_memcg(ms));
	if (!page)
		return FAULT_OOM;
	if (vma->ptes[index] & PTE_PRESENT) {
		/* another thread of the address space mapped it while we waited */
		sim_free_pages(ms->sim, page, 0);
		return FAULT_MINOR;
	}
	/* zero-filled: what a never-written page reads */
	map_new_anon_page(vma, index, page, 0, vma->vm_flags & VM_WRITE ? PTE_WRITE : 0);
	return FAULT_MINOR;
}

void map_new_anon_page(struct vm_area_struct *vma, unsigned long index, struct page *page,
		       uint64_t tag, uint64_t pte_flags)
{
	struct mm_sim *ms = vma->vm_mm->ms;

	page->tag = tag;
	page->owner = (uint32_t)ms->rmap_owner;
	page->private_data = rmap_handle(vma, index);
	page->flags |= PG_swapbacked;
	lru_add(&ms->mm, page);
	vma->ptes[index] = pfn_pte(page_to_pfn(&ms->mm, page), PTE_PRESENT | pte_flags);
	vma->vm_mm->rss_anon++;
}

/* Map a page cache page at @index of a file VMA, read-only for MAP_PRIVATE. */
static void map_file_page(struct vm_area_struct *vma, unsigned long index, struct page *page)
{
	struct mm_sim *ms = vma->vm_mm->ms;
	bool writable = (vma->vm_flags & (VM_SHARED | VM_WRITE)) == (VM_SHARED | VM_WRITE);

	vma->ptes[index] = pfn_pte(page_to_pfn(&ms->mm, page),
				   PTE_PRESENT | (writable ? PTE_WRITE : 0));
	vma->vm_file->rmap[index] = rmap_handle(vma, index);
	vma->vm_mm->rss_file++;
}

/* The page cache page at @index, read with readahead if not cached (a major fault). */
static struct page *file_fault_page(struct vm_area_struct *vma, unsigned long index,
				    enum fault_result *ret)
{
	struct address_space *file = vma->vm_file;
	struct mm_sim *ms = vma->vm_mm->ms;
	bool major = file->pages[index] == PFN_NONE;
	struct page *page = filemap_fault_page(file, index, vma->vm_flags);

	if (!page) {
		*ret = file->pages[index] == PFN_NONE ? FAULT_OOM : FAULT_SIGBUS;
		return NULL;
	}
	if (major)
		ms->mm.events[PGMAJFAULT]++;
	*ret = major ? FAULT_MAJOR : FAULT_MINOR;
	return page;
}

/*
 * wp_page_copy(), do_cow_fault(): a store to a MAP_PRIVATE file page gets an
 * anonymous copy of @src, which takes (or replaces) the PTE.
 */
static bool cow_page(struct vm_area_struct *vma, unsigned long index, struct page *src)
{
	struct mm_sim *ms = vma->vm_mm->ms;
	uint64_t src_tag = src->tag;
	struct page *page = mem_cgroup_alloc_page(ms, GFP_HIGHUSER_MOVABLE, current_memcg(ms));

	if (!page)
		return false;
	cpu_charge(ms->sim, sim_cost(ms->sim, MMSIM_COST_COPY_PAGE));
	if (vma->ptes[index] & PTE_PRESENT) {
		/* the read-only PTE of the page cache page goes */
		vma->vm_file->rmap[index] = 0;
		vma->vm_mm->rss_file--;
	}
	vma->tags[index] = src_tag;
	map_new_anon_page(vma, index, page, src_tag, PTE_WRITE);
	return true;
}

/* A missing PTE in a file mapping: do_read_fault, do_shared_fault or do_cow_fault. */
static enum fault_result do_file_fault(struct vm_area_struct *vma, unsigned long index,
				       bool write)
{
	enum fault_result ret;
	struct page *page;

	vma->vm_mm->ms->mm.events[PGFAULT]++;
	page = file_fault_page(vma, index, &ret);
	if (!page || (vma->ptes[index] & PTE_PRESENT))
		return ret;	/* failed, or another thread mapped it meanwhile */
	if (write && !(vma->vm_flags & VM_SHARED))
		return cow_page(vma, index, page) ? ret : FAULT_OOM;
	map_file_page(vma, index, page);
	return ret;
}

/*
 * do_swap_page(): the PTE holds a swap entry.  The swap cache may have the
 * page (a minor fault: readahead or an earlier swap-out left it there);
 * else it is read with readahead (a major fault).  Once its read is done
 * the page is mapped writable, the PTE's reference on the slot dropped,
 * and the swap copy freed if swap is more than half full or this is a
 * store (should_try_to_free_swap()); otherwise it stays in the swap cache
 * so that reclaim need not write the page again while it is clean.
 */
static enum fault_result do_swap_page(struct vm_area_struct *vma, unsigned long index,
				      bool write)
{
	struct mm_sim *ms = vma->vm_mm->ms;
	uint64_t orig = vma->ptes[index], entry = pte_to_swp_entry(orig);
	bool sync = swap_info(ms, entry)->flags & SWP_SYNCHRONOUS_IO;
	enum fault_result ret = FAULT_MINOR;
	bool bypass = false;
	struct page *page;

	ms->mm.events[PGFAULT]++;
	for (;;) {
		page = swap_cache_get(ms, entry);
		if (page) {
			swap_update_readahead(ms, page, vma, index);
		} else if (sync && swap_count(ms, entry) == 1) {
			/*
			 * SWP_SYNCHRONOUS_IO with the only reference: no readahead,
			 * and the page does not stay in the swap cache (the kernel
			 * skips it; here it passes through)
			 */
			bypass = true;
			page = swapin_one(ms, entry);
			if (vma->ptes[index] != orig)
				return ret;
			if (!page)
				return FAULT_OOM;
			if (ret != FAULT_MAJOR) {
				ret = FAULT_MAJOR;
				ms->mm.events[PGMAJFAULT]++;
			}
		} else {
			page = swapin_readahead(ms, entry, vma, index);
			if (vma->ptes[index] != orig)
				return ret;	/* another thread of the mm swapped it in */
			if (!page)
				return FAULT_OOM;
			if (ret != FAULT_MAJOR) {
				ret = FAULT_MAJOR;
				ms->mm.events[PGMAJFAULT]++;
			}
		}
		/* folio_lock_or_retry(): wait for the read in flight */
		wait_event(folio_waitqueue(ms, page), !(page->flags & PG_locked) ||
			   vma->ptes[index] != orig || swap_cache_get(ms, entry) != page);
		if (vma->ptes[index] != orig)
			return ret;
		if (swap_cache_get(ms, entry) == page)
			break;
		/* reclaimed between its read and our turn: again */
	}
	if (page->flags & PG_error)
		return FAULT_SIGBUS;
	vma->ptes[index] = pfn_pte(page_to_pfn(&ms->mm, page),
				   PTE_PRESENT | (vma->vm_flags & VM_WRITE ? PTE_WRITE : 0));
	vma->vm_mm->rss_anon++;
	vma->vm_mm->swapents--;
	swap_free(ms, entry);
	if (bypass || vm_swap_full(ms) || write)
		folio_free_swap(ms, page);
	return ret;
}

enum fault_result access_page(struct vm_area_struct *vma, unsigned long index, bool write)
{
	struct mm_struct *mm = vma->vm_mm;
	struct address_space *file = vma->vm_file;
	enum fault_result ret = FAULT_HIT;
	struct page *page;
	uint64_t *ptep;

	MM_BUG_ON(index >= vma->nr_pages);
again:
	if (pte_is_dax(vma->ptes[index])) {
		/* left on pmem by DAX swap: no fault, the access is served there */
		if (dax_access(vma, index, write))
			return FAULT_HIT;
	}
	if (pte_is_swap(vma->ptes[index])) {
		ret = do_swap_page(vma, index, write);
		if (ret == FAULT_OOM || ret == FAULT_SIGBUS)
			return ret;
	} else if (!(vma->ptes[index] & PTE_PRESENT)) {
		ret = file ? do_file_fault(vma, index, write) : do_anonymous_page(vma, index);
		if (ret == FAULT_OOM || ret == FAULT_SIGBUS)
			return ret;
	} else if (write && file && !(vma->ptes[index] & PTE_WRITE)) {
		/* do_wp_page() on a MAP_PRIVATE file page */
		mm->ms->mm.events[PGFAULT]++;
		if (!cow_page(vma, index, pfn_to_page(&mm->ms->mm, pte_pfn(vma->ptes[index]))))
			return FAULT_OOM;
		ret = FAULT_MINOR;
	}
	ptep = &vma->ptes[index];
	if (!(*ptep & PTE_PRESENT))
		goto again;	/* changed under a fault that slept: fault again */
	page = pfn_to_page(&mm->ms->mm, pte_pfn(*ptep));
	if (file && page->owner == (uint32_t)mm->ms->pagecache_owner) {
		/* a page cache page: its content is the file's */
		if (write) {
			page->tag = ++file->tag_seq;
			file->tags[index] = page->tag;
			*ptep |= PTE_ACCESSED | PTE_DIRTY;
			/* the write fault's fault_dirty_shared_page() */
			if (set_page_dirty(file, page))
				balance_dirty_pages_ratelimited(file);
		} else {
			if (page->tag != file->tags[index])
				mm->tag_errors++;
			*ptep |= PTE_ACCESSED;
		}
		return ret;
	}
	if (write) {
		page->tag = ++mm->tag_seq;
		vma->tags[index] = page->tag;
		*ptep |= PTE_ACCESSED | PTE_DIRTY;
	} else {
		if (page->tag != vma->tags[index])
			mm->tag_errors++;
		*ptep |= PTE_ACCESSED;
	}
	return ret;
}
