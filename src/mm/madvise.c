// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/madvise.c - madvise() of a whole mapping (mm/madvise.c of 6.x)
 *
 * MADV_NORMAL, MADV_RANDOM and MADV_SEQUENTIAL set the VMA's readahead
 * hints, which file faults follow (no readahead for VM_RAND_READ, the
 * whole window at once for VM_SEQ_READ); MADV_HUGEPAGE and
 * MADV_NOHUGEPAGE only record VM_HUGEPAGE / VM_NOHUGEPAGE (the THP issue
 * reads them).  MADV_DONTNEED zaps the range.  MADV_COLD deactivates the
 * mapped pages (clearing their accessed bits and PG_referenced, counted as
 * pgdeactivate); MADV_PAGEOUT reclaims them now, as reclaim_pages() does:
 * clean page cache pages leave the cache, dirty ones are marked for
 * immediate reclaim, anonymous ones are swapped out (they stay without
 * swap space).
 * MADV_FREE (anonymous mappings only) makes the pages lazily freeable:
 * their PTEs are cleaned and aged and they move to the inactive file list
 * without PG_swapbacked (pglazyfree); reclaim then discards those not
 * written since (pglazyfreed), and a discarded page reads zeroes.
 *
 * Simplified: whole mappings only, no mapcount checks (a page has one
 * mapping here), no MADV_WILLNEED / MADV_REMOVE / KSM / guard advice.
 */
#include <errno.h>

#include "lib/compiler.h"
#include "mm/filemap.h"
#include "mm/mm.h"
#include "mm/mm_sim.h"

/* folio_deactivate(): an active page to the head of its inactive list */
static void deactivate_page(struct mm_state *mm, struct page *page)
{
	page->flags &= ~PG_referenced;
	if ((page->flags & (PG_lru | PG_active)) != (PG_lru | PG_active))
		return;
	lru_del(mm, page);
	page->flags &= ~PG_active;
	lru_add(mm, page);
	mm->events[PGDEACTIVATE]++;
}

/* folio_mark_lazyfree(): an anonymous page becomes a clean file-LRU page */
static void mark_lazyfree(struct mm_state *mm, struct page *page)
{
	if ((page->flags & (PG_lru | PG_swapbacked)) != (PG_lru | PG_swapbacked))
		return;
	lru_del(mm, page);
	page->flags &= ~(PG_active | PG_referenced | PG_swapbacked);
	lru_add(mm, page);
	mm->events[PGLAZYFREE]++;
}

int do_madvise(struct vm_area_struct *vma, int advice)
{
	struct mm_sim *ms = vma->vm_mm->ms;
	struct mm_state *mm = &ms->mm;

	switch (advice) {
	case MADV_NORMAL:
		vma->vm_flags &= ~(VM_SEQ_READ | VM_RAND_READ);
		return 0;
	case MADV_RANDOM:
		vma->vm_flags = (vma->vm_flags & ~VM_SEQ_READ) | VM_RAND_READ;
		return 0;
	case MADV_SEQUENTIAL:
		vma->vm_flags = (vma->vm_flags & ~VM_RAND_READ) | VM_SEQ_READ;
		return 0;
	case MADV_HUGEPAGE:
		vma->vm_flags = (vma->vm_flags & ~VM_NOHUGEPAGE) | VM_HUGEPAGE;
		return 0;
	case MADV_NOHUGEPAGE:
		vma->vm_flags = (vma->vm_flags & ~VM_HUGEPAGE) | VM_NOHUGEPAGE;
		return 0;
	case MADV_DONTNEED:
		zap_vma_pages(vma);
		return 0;
	case MADV_FREE:
		if (vma->vm_file)
			return -EINVAL;	/* anonymous mappings only */
		break;
	case MADV_COLD:
	case MADV_PAGEOUT:
		break;
	default:
		return -EINVAL;
	}
	for (unsigned long i = 0; i < vma->nr_pages; i++) {
		uint64_t *pte = &vma->ptes[i];
		struct page *page;

		if (advice == MADV_FREE && (pte_is_swap(*pte) || pte_is_dax(*pte))) {
			/* madvise_free_pte_range(): swapped out, the content goes */
			uint64_t entry = pte_to_swp_entry(*pte);

			*pte = 0;
			vma->tags[i] = 0;
			vma->vm_mm->swapents--;
			free_swap_and_cache(ms, entry);
			continue;
		}
		if (!(*pte & PTE_PRESENT))
			continue;
		page = pfn_to_page(mm, pte_pfn(*pte));
		if (!(page->flags & PG_lru))
			continue;	/* isolated by reclaim or compaction right now */
		/* a swap cache page is freed of its swap copy first, or left alone */
		if (advice == MADV_FREE && (page->flags & PG_swapcache) && !folio_free_swap(ms, page))
			continue;
		*pte &= ~PTE_ACCESSED;	/* ptep_test_and_clear_young() */
		if (advice == MADV_FREE) {
			*pte &= ~PTE_DIRTY;	/* the content may go: clean */
			mark_lazyfree(mm, page);
		} else if (advice == MADV_COLD) {
			deactivate_page(mm, page);
		} else {
			page->flags &= ~PG_referenced;
			reclaim_page(ms, page);
		}
	}
	return 0;
}
