// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/memory.c - page faults and what the MMU does on an access
 *
 * access_page() is a load or store by the workload: a present PTE gets its
 * accessed bit (and dirty bit on a store) as the hardware sets them; a
 * missing one is a page fault, handled as do_anonymous_page() does for a
 * private anonymous mapping: a zeroed movable page (GFP_HIGHUSER_MOVABLE |
 * __GFP_ZERO, through the page allocator's slow path if need be), put on
 * the inactive anonymous LRU list and mapped.  Counted as pgfault.
 *
 * Content tags: a store gives the page a new tag and records it in the
 * VMA; a load checks that the page still holds the last one written, so a
 * page lost, mis-migrated or read back stale counts as an error and fails
 * mmsim_check().
 *
 * Simplified: no zero-page mapping for read faults (the kernel maps the
 * shared zero page and copies on write), no fault-around, no THP faults
 * yet, no mm locks (one task runs at a time and a fault completes before
 * another starts on the same PTE, except across the allocator's waits,
 * after which the PTE is checked again).
 */
#include "lib/compiler.h"
#include "mm/mm.h"
#include "mm/mm_sim.h"

/* do_anonymous_page(): a zeroed page for a missing PTE. */
static enum fault_result do_anonymous_page(struct vm_area_struct *vma, unsigned long index)
{
	struct mm_sim *ms = vma->vm_mm->ms;
	struct page *page;

	ms->mm.events[PGFAULT]++;
	page = sim_alloc_pages(ms->sim, GFP_HIGHUSER_MOVABLE | GFPF_ZERO, 0, -1);
	if (!page)
		return FAULT_OOM;
	if (vma->ptes[index] & PTE_PRESENT) {
		/* another thread of the address space mapped it while we waited */
		sim_free_pages(ms->sim, page, 0);
		return FAULT_MINOR;
	}
	page->tag = 0;			/* zero-filled: what a never-written page reads */
	page->owner = (uint32_t)ms->rmap_owner;
	page->private_data = rmap_handle(vma, index);
	page->flags |= PG_swapbacked;
	lru_add(&ms->mm, page);
	vma->ptes[index] = pfn_pte(page_to_pfn(&ms->mm, page),
				   PTE_PRESENT | (vma->vm_flags & VM_WRITE ? PTE_WRITE : 0));
	vma->vm_mm->rss_anon++;
	return FAULT_MINOR;
}

enum fault_result access_page(struct vm_area_struct *vma, unsigned long index, bool write)
{
	struct mm_struct *mm = vma->vm_mm;
	enum fault_result ret = FAULT_HIT;
	struct page *page;
	uint64_t *ptep;

	MM_BUG_ON(index >= vma->nr_pages);
	if (!(vma->ptes[index] & PTE_PRESENT)) {
		ret = do_anonymous_page(vma, index);
		if (ret == FAULT_OOM)
			return ret;
	}
	ptep = &vma->ptes[index];
	page = pfn_to_page(&mm->ms->mm, pte_pfn(*ptep));
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
