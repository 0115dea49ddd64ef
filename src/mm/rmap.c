// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/rmap.c - the reverse map of mapped pages, and their migration
 *
 * Every page an address space maps has exactly one mapping here (private
 * anonymous memory; shared mappings come with the page cache), recorded in
 * page->private_data as (mm id, VMA, page index): rmap_walk() is one
 * lookup.  Mapped pages are movable through the allocator's owner
 * interface (struct movable_operations), the way LRU folios are in the
 * kernel: isolate takes the page off its LRU list (isolate_lru_page()),
 * migrate repoints the PTE to the new page and puts that on the LRU with
 * the old page's state (remove_migration_ptes(), folio_migrate_flags()),
 * putback returns a page that did not move to its list.
 */
#include <errno.h>
#include <stdio.h>

#include "lib/compiler.h"
#include "mm/filemap.h"
#include "mm/mm.h"
#include "mm/mm_sim.h"

struct vm_area_struct *rmap_vma(struct mm_sim *ms, const struct page *page, unsigned long *index)
{
	uint64_t h = page->private_data;
	unsigned int id = (unsigned int)(h >> 48) - 1, v = (unsigned int)(h >> 40) & 0xff;
	struct mm_struct *mm;

	if (!(h >> 48) || id >= ms->nr_mms || !(mm = ms->mms[id]) || v >= mm->nr_vmas)
		return NULL;
	*index = (unsigned long)(h & 0xffffffffffULL);
	return &mm->vmas[v];
}

static bool mapped_isolate(struct mm_state *mm, struct page *page, void *ctx)
{
	(void)ctx;
	if (!(page->flags & PG_lru))
		return false;
	lru_del(mm, page);
	return true;
}

static int mapped_migrate(struct mm_state *mm, struct page *dst, struct page *src, void *ctx)
{
	struct mm_sim *ms = ctx;
	unsigned long index;
	struct vm_area_struct *vma = rmap_vma(ms, src, &index);
	uint64_t pte;

	MM_BUG_ON(!vma);
	pte = vma->ptes[index];
	MM_BUG_ON(!(pte & PTE_PRESENT) || pte_pfn(pte) != page_to_pfn(mm, src));
	vma->ptes[index] = pfn_pte(page_to_pfn(mm, dst), pte & ((1ULL << PTE_PFN_SHIFT) - 1));
	dst->flags |= src->flags & (PG_active | PG_referenced | PG_swapbacked | PG_dirty);
	src->flags &= ~(PG_active | PG_referenced | PG_swapbacked | PG_dirty);
	lru_add(mm, dst);
	return 0;
}

static void mapped_putback(struct mm_state *mm, struct page *page, void *ctx)
{
	(void)ctx;
	lru_add(mm, page);
}

static const struct movable_operations mapped_ops = {
	.isolate_page = mapped_isolate,
	.migrate_page = mapped_migrate,
	.putback_page = mapped_putback,
};

int rmap_init(struct mm_sim *ms)
{
	ms->rmap_owner = mm_register_owner(&ms->mm, &mapped_ops, ms);
	return ms->rmap_owner < 0 ? ms->rmap_owner : 0;
}

bool mm_rmap_check(struct mm_sim *ms)
{
	unsigned long off_lru = 0, isolated = 0;
	bool ok = true;

	for (unsigned int id = 0; id < ms->nr_mms; id++) {
		struct mm_struct *mm = ms->mms[id];
		unsigned long swaps = 0;

		if (!mm)
			continue;
		if (mm->tag_errors) {
			fprintf(stderr, "mmsim: address space %u: %llu reads found a stale tag\n", id,
				(unsigned long long)mm->tag_errors);
			ok = false;
		}
		for (unsigned int v = 0; v < mm->nr_vmas; v++) {
			struct vm_area_struct *vma = &mm->vmas[v];

			for (unsigned long i = 0; i < vma->nr_pages; i++) {
				uint64_t pte = vma->ptes[i];
				const struct page *page;

				if (pte_is_swap(pte) || pte_is_dax(pte)) {
					/* the slot is held, and knows this PTE */
					uint64_t entry = pte_to_swp_entry(pte);

					swaps++;
					if (swap_count(ms, entry) != 1 ||
					    swap_info(ms, entry)->rmap[swp_offset(entry)] !=
					    rmap_handle(vma, i)) {
						fprintf(stderr, "mmsim: mm %u vma %u page %lu: swap entry "
							"%#llx count %u\n", id, v, i,
							(unsigned long long)entry, swap_count(ms, entry));
						ok = false;
					}
					continue;
				}
				if (!(pte & PTE_PRESENT))
					continue;
				page = pfn_to_page(&ms->mm, pte_pfn(pte));
				if (vma->vm_file && page->owner == (uint32_t)ms->pagecache_owner) {
					/* a page cache page: the file points back at this PTE */
					if (vma->vm_file->rmap[i] != rmap_handle(vma, i) ||
					    vma->vm_file->pages[i] != pte_pfn(pte)) {
						fprintf(stderr, "mmsim: mm %u vma %u page %lu maps "
							"pfn %lu, not the file's page %u\n", id, v,
							i, pte_pfn(pte), vma->vm_file->pages[i]);
						ok = false;
					}
					continue;
				}
				if (page->flags & PG_swapcache) {
					/* a swap cache page: its slot points back at this PTE */
					uint64_t entry = page->private_data;

					if (page->owner != (uint32_t)ms->swap.swapcache_owner ||
					    swap_info(ms, entry)->rmap[swp_offset(entry)] !=
					    rmap_handle(vma, i) || swap_count(ms, entry) ||
					    (vma->tags[i] && page->tag != vma->tags[i])) {
						fprintf(stderr, "mmsim: mm %u vma %u page %lu: swap cache "
							"pfn %lu entry %#llx count %u tag %llu (wrote %llu)\n",
							id, v, i, pte_pfn(pte),
							(unsigned long long)entry, swap_count(ms, entry),
							(unsigned long long)page->tag,
							(unsigned long long)vma->tags[i]);
						ok = false;
					}
					continue;
				}
				/* off the LRU only while reclaim holds it isolated */
				off_lru += !(page->flags & PG_lru);
				if (page->owner != (uint32_t)ms->rmap_owner ||
				    page->private_data != rmap_handle(vma, i) ||
				    (vma->tags[i] && page->tag != vma->tags[i])) {
					fprintf(stderr, "mmsim: mm %u vma %u page %lu: pfn %lu owner %u handle "
						"%#llx tag %llu (wrote %llu) flags %#x\n", id, v, i,
						pte_pfn(pte), page->owner,
						(unsigned long long)page->private_data,
						(unsigned long long)page->tag,
						(unsigned long long)vma->tags[i], page->flags);
					ok = false;
				}
			}
		}
		if (swaps != mm->swapents) {
			fprintf(stderr, "mmsim: address space %u: %lu swap PTEs, MM_SWAPENTS %llu\n",
				id, swaps, (unsigned long long)mm->swapents);
			ok = false;
		}
	}
	for (int nid = 0; nid < ms->mm.nr_nodes; nid++)
		isolated += ms->mm.nodes[nid].stat[NR_ISOLATED_ANON] +
			    ms->mm.nodes[nid].stat[NR_ISOLATED_FILE];
	if (off_lru > isolated) {
		fprintf(stderr, "mmsim: %lu mapped anonymous pages off the LRU, %lu isolated\n",
			off_lru, isolated);
		ok = false;
	}
	return ok;
}
