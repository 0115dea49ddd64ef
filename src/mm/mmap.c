// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/mmap.c - address spaces and their mappings
 *
 * An mm_struct per process (a job's threads share one), registered with
 * the simulation so the reverse map can find it by id.  do_mmap_anon()
 * places anonymous private mappings one after another from a fixed base,
 * like the kernel's top-down allocator would leave them side by side, and
 * populates nothing: pages come on first touch (mm/memory.c).
 *
 * Simplified: no VMA tree (a small array, MM_MAX_VMAS), no merging or
 * splitting, munmap only of whole mappings (zap_vma_pages(), and at exit); the page table is a
 * dense array per VMA instead of a radix tree of page tables.
 *
 * Exit: mm_users counts the threads running in an address space; when the
 * last exits (mmput()), an OOM victim's is torn down at once (exit_mmap():
 * every page unmapped, anonymous ones freed), standing in for exit_mmap()
 * and the oom_reaper.  Any other keeps its pages until the simulation is
 * freed, so a finished job still shows what it had mapped.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/bigarray.h"
#include "lib/compiler.h"
#include "mm/filemap.h"
#include "mm/mm.h"
#include "mm/mm_sim.h"
#include "mm/swap.h"

#define MMAP_BASE_VPN	(0x7f0000000000UL >> PAGE_SHIFT)

struct mm_struct *mm_create(struct mm_sim *ms)
{
	struct mm_struct *mm;

	if (ms->nr_mms == ms->cap_mms) {
		unsigned int cap = ms->cap_mms ? 2 * ms->cap_mms : 16;
		struct mm_struct **n = realloc(ms->mms, cap * sizeof(*n));

		if (!n || cap > 0xffff)
			return NULL;
		ms->mms = n;
		ms->cap_mms = cap;
	}
	mm = calloc(1, sizeof(*mm));
	if (!mm)
		return NULL;
	mm->ms = ms;
	mm->id = ms->nr_mms;
	mm->next_vpn = MMAP_BASE_VPN;
	ms->mms[ms->nr_mms++] = mm;
	return mm;
}

/*
 * zap_pte_range() of a whole mapping: every present page is unmapped, and
 * freed unless it is a page cache page.  Returns the pages freed.
 */
unsigned long zap_vma_pages(struct vm_area_struct *vma)
{
	struct mm_state *mm = &vma->vm_mm->ms->mm;
	unsigned long freed = 0;

	for (unsigned long i = 0; i < vma->nr_pages; i++) {
		uint64_t pte = vma->ptes[i];
		struct mm_sim *ms = vma->vm_mm->ms;
		struct page *page;

		if (pte_is_swap(pte) || pte_is_dax(pte)) {
			vma->ptes[i] = 0;
			vma->tags[i] = 0;
			vma->vm_mm->swapents--;
			free_swap_and_cache(ms, pte_to_swp_entry(pte));
			continue;
		}
		if (!(pte & PTE_PRESENT))
			continue;
		page = pfn_to_page(mm, pte_pfn(pte));
		vma->ptes[i] = 0;
		if (page->owner == (uint32_t)vma->vm_mm->ms->pagecache_owner) {
			/* a page cache page stays in the cache: only the mapping goes */
			vma->vm_file->rmap[i] = 0;
			vma->vm_mm->rss_file--;
			continue;
		}
		/* no task is between isolating and migrating a page when another runs */
		MM_BUG_ON(page->flags & PG_isolated);
		vma->vm_mm->rss_anon--;
		vma->tags[i] = 0;	/* what a new mapping reads: zeroes */
		if (page->flags & PG_swapcache) {
			/* free_swap_cache(): the slot has no user left */
			uint64_t entry = page->private_data;

			swap_info(ms, entry)->rmap[swp_offset(entry)] = 0;
			if ((page->flags & (PG_lru | PG_locked | PG_writeback)) != PG_lru)
				continue;	/* reclaim has it, or I/O: reclaim frees it */
			lru_del(mm, page);
			delete_from_swap_cache(ms, page);
			free_to_buddy(mm, pte_pfn(pte), 0);
			freed++;
			continue;
		}
		if (!(page->flags & PG_lru)) {
			/*
			 * A MADV_FREE page reclaim holds isolated while its scan's
			 * time passes: unmapped now, reclaim frees it when it gets
			 * to it (the kernel's isolation reference).
			 */
			page->private_data = 0;
			continue;
		}
		lru_del(mm, page);
		page->owner = 0;
		page->private_data = 0;
		free_to_buddy(mm, pte_pfn(pte), 0);
		freed++;
	}
	return freed;
}

static unsigned long unmap_vma(struct vm_area_struct *vma)
{
	unsigned long freed = zap_vma_pages(vma);

	big_free(vma->ptes, vma->nr_pages, sizeof(*vma->ptes));
	big_free(vma->tags, vma->nr_pages, sizeof(*vma->tags));
	vma->ptes = NULL;
	vma->tags = NULL;
	return freed;
}

unsigned long exit_mmap(struct mm_struct *mm)
{
	unsigned long freed = 0;

	for (unsigned int v = 0; v < mm->nr_vmas; v++)
		freed += unmap_vma(&mm->vmas[v]);
	/* remove_vma(): the rmap finds no VMA of this mm any more */
	mm->nr_vmas = 0;
	MM_BUG_ON(mm->rss_anon || mm->rss_file);
	mm->flags |= MMF_OOM_SKIP;
	return freed;
}

void mmput(struct mm_struct *mm)
{
	struct mmsim *sim = mm->ms->sim;
	unsigned long freed;

	MM_BUG_ON(!mm->mm_users);
	if (--mm->mm_users || !(mm->flags & MMF_OOM_VICTIM))
		return;
	freed = exit_mmap(mm);
	if (sim->current)
		cpu_charge(sim, sim_cost(sim, MMSIM_COST_PAGE_FREE) * freed);
}

unsigned long mm_total_vm(const struct mm_struct *mm)
{
	unsigned long pages = 0;

	for (unsigned int v = 0; v < mm->nr_vmas; v++)
		pages += mm->vmas[v].nr_pages;
	return pages;
}

unsigned long mm_pgtables_bytes(const struct mm_struct *mm)
{
	unsigned long ptes_per_page = PAGE_SIZE / sizeof(uint64_t), pages = 0;

	for (unsigned int v = 0; v < mm->nr_vmas; v++)
		pages += (mm->vmas[v].nr_pages + ptes_per_page - 1) / ptes_per_page;
	return pages * PAGE_SIZE;
}

void mm_destroy(struct mm_struct *mm)
{
	if (!mm)
		return;
	for (unsigned int v = 0; v < mm->nr_vmas; v++)
		unmap_vma(&mm->vmas[v]);
	mm->ms->mms[mm->id] = NULL;
	free(mm);
}

struct vm_area_struct *do_mmap_file(struct mm_struct *mm, struct address_space *file,
				    unsigned long nr_pages, unsigned int vm_flags)
{
	struct vm_area_struct *vma;

	if (nr_pages > file->nr_pages)
		return NULL;
	if (!file->rmap) {
		file->rmap = big_calloc(file->nr_pages, sizeof(*file->rmap));
		if (!file->rmap)
			return NULL;
	}
	vma = do_mmap_anon(mm, nr_pages, vm_flags);
	if (vma)
		vma->vm_file = file;
	return vma;
}

struct vm_area_struct *do_mmap_anon(struct mm_struct *mm, unsigned long nr_pages,
				    unsigned int vm_flags)
{
	struct vm_area_struct *vma;

	if (!nr_pages || mm->nr_vmas == MM_MAX_VMAS || nr_pages >= 1UL << 40)
		return NULL;
	vma = &mm->vmas[mm->nr_vmas];
	memset(vma, 0, sizeof(*vma));
	vma->ptes = big_calloc(nr_pages, sizeof(*vma->ptes));
	vma->tags = big_calloc(nr_pages, sizeof(*vma->tags));
	if (!vma->ptes || !vma->tags) {
		big_free(vma->ptes, nr_pages, sizeof(*vma->ptes));
		big_free(vma->tags, nr_pages, sizeof(*vma->tags));
		return NULL;
	}
	vma->vm_mm = mm;
	vma->idx = mm->nr_vmas++;
	/* a whole number of 2 MiB: PMD-aligned, as __get_unmapped_area() places it (6.7+) */
	if (!(nr_pages % HPAGE_PMD_NR))
		mm->next_vpn = (mm->next_vpn + HPAGE_PMD_NR - 1) & ~(unsigned long)(HPAGE_PMD_NR - 1);
	vma->start = mm->next_vpn;
	vma->nr_pages = nr_pages;
	vma->vm_flags = vm_flags;
	/* one unmapped page between mappings */
	mm->next_vpn += nr_pages + 1;
	return vma;
}
