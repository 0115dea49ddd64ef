/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mm/mm.h - address spaces, page tables, faults and the LRU lists
 *
 * The shapes of include/linux/mm_types.h, mm.h and mmzone.h's lruvec, cut
 * to what the model needs.  A process's address space (struct mm_struct)
 * holds VMAs; each VMA keeps its page table as a dense array of 64-bit
 * entries, one per page (present bit, accessed and dirty bits, the pfn),
 * so a lookup is an index.  Every mapped page knows its one mapping
 * (page->private_data: mm, VMA and page index), which is the reverse map
 * reclaim and migration use.  The workload's writes give a page a new
 * content tag and reads check it, so a lost or stale page shows at once.
 */
#ifndef MMSIM_MM_MM_H
#define MMSIM_MM_MM_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/internal.h"

struct address_space;
struct mm_sim;
struct mm_struct;

/* ---- page table entries ---- */

#define PTE_PRESENT	(1ULL << 0)
#define PTE_WRITE	(1ULL << 1)	/* writable (not write-protected) */
#define PTE_ACCESSED	(1ULL << 5)	/* x86 _PAGE_BIT_ACCESSED */
#define PTE_DIRTY	(1ULL << 6)	/* x86 _PAGE_BIT_DIRTY */
#define PTE_PFN_SHIFT	12

static inline unsigned long pte_pfn(uint64_t pte)
{
	return (unsigned long)(pte >> PTE_PFN_SHIFT);
}

static inline uint64_t pfn_pte(unsigned long pfn, uint64_t flags)
{
	return ((uint64_t)pfn << PTE_PFN_SHIFT) | flags;
}

/* ---- VMAs ---- */

#define VM_READ		0x01u
#define VM_WRITE	0x02u
#define VM_SHARED	0x08u
#define VM_SEQ_READ	0x8000u		/* MADV_SEQUENTIAL */
#define VM_RAND_READ	0x10000u	/* MADV_RANDOM */
#define VM_HUGEPAGE	0x20000000u	/* MADV_HUGEPAGE, for the THP issue */
#define VM_NOHUGEPAGE	0x40000000u	/* MADV_NOHUGEPAGE */

/**
 * struct vm_area_struct - one mapping
 * @start: first virtual page number
 * @nr_pages: length in pages
 * @ptes: the page table of the range, one entry per page
 * @tags: the content tag last written to each anonymous page, 0 = never
 *        written (what a read must find); a file page's is in its mapping
 * @vm_file: the file mapped (MAP_SHARED with VM_SHARED, else MAP_PRIVATE),
 *           NULL for anonymous memory
 */
struct vm_area_struct {
	struct mm_struct *vm_mm;
	struct address_space *vm_file;
	unsigned long start;
	unsigned long nr_pages;
	unsigned int vm_flags;
	unsigned int idx;		/* in vm_mm->vmas */
	uint64_t *ptes;
	uint64_t *tags;
	uint64_t swap_readahead_info;	/* swap_vma_readahead(): page << 12 | window << 6 | hits */
};

#define MM_MAX_VMAS	64

/* mm->flags (include/linux/sched/coredump.h MMF_*) */
#define MMF_OOM_SKIP	(1u << 21)	/* torn down: the OOM killer looks past it */
#define MMF_OOM_VICTIM	(1u << 25)	/* chosen by the OOM killer (mark_oom_victim()) */

/**
 * struct mm_struct - an address space, shared by a job's threads
 * @id: index in the simulation's address space table (the rmap handle's top bits)
 * @rss_anon: MM_ANONPAGES
 * @mm_users: threads running in it (mmget() when a thread starts, mmput() at its exit)
 * @flags: MMF_OOM_VICTIM, MMF_OOM_SKIP
 * @oom_kill_ns: when the OOM killer chose it (the model's own, for the report)
 */
struct mm_struct {
	struct mm_sim *ms;
	unsigned int id;
	unsigned int nr_vmas;
	struct vm_area_struct vmas[MM_MAX_VMAS];
	unsigned long next_vpn;		/* where the next mmap() goes */
	uint64_t rss_anon;
	uint64_t rss_file;		/* MM_FILEPAGES */
	uint64_t swapents;		/* MM_SWAPENTS: PTEs holding a swap entry */
	uint64_t tag_seq;		/* content tags handed out by writes */
	uint64_t tag_errors;		/* reads that found another tag */
	unsigned int mm_users;
	unsigned int flags;
	uint64_t oom_kill_ns;
};

/*
 * The reverse map handle in page->private_data: which mm (id + 1, so that
 * no handle is 0, which means "not mapped"), VMA and page.
 */
static inline uint64_t rmap_handle(const struct vm_area_struct *vma, unsigned long index)
{
	return ((uint64_t)(vma->vm_mm->id + 1) << 48) | ((uint64_t)vma->idx << 40) | index;
}

/* ---- LRU lists (mm/swap.c) ---- */

enum lru_list {
	LRU_INACTIVE_ANON,
	LRU_ACTIVE_ANON,
	LRU_INACTIVE_FILE,
	LRU_ACTIVE_FILE,
	LRU_UNEVICTABLE,
	NR_LRU_LISTS
};

_Static_assert(NR_LRU_LISTS == NR_LRU_LISTS_MAX, "struct lruvec holds every LRU list");

/* Page flags of allocated pages beyond mmzone.h's: the LRU state. */
#define PG_lru		(1u << 8)	/* on an LRU list */
#define PG_active	(1u << 9)
#define PG_referenced	(1u << 10)
#define PG_swapbacked	(1u << 11)	/* anonymous (or shmem): needs swap to be reclaimed */
#define PG_dirty	(1u << 12)

/** folio_lru_list - the list a page belongs on by its flags */
static inline enum lru_list page_lru(const struct page *page)
{
	unsigned int file = !(page->flags & PG_swapbacked);

	return (enum lru_list)(2 * file + !!(page->flags & PG_active));
}

/**
 * map_new_anon_page - @page, new and charged, becomes the anonymous page at
 * @index of @vma (folio_add_new_anon_rmap(), folio_add_lru_vma(),
 * set_pte_at()): content tag @tag, PTE present with @pte_flags
 */
void map_new_anon_page(struct vm_area_struct *vma, unsigned long index, struct page *page,
		       uint64_t tag, uint64_t pte_flags);

/** mem_cgroup_lruvec - the lruvec of memory cgroup @memcg_id on @pgdat */
static inline struct lruvec *mem_cgroup_lruvec(struct mm_state *mm, unsigned int memcg_id,
					       pg_data_t *pgdat)
{
	return memcg_id ? &mm->memcgs[memcg_id].lruvec[pgdat->node_id] : &pgdat->lruvec;
}

/** folio_lruvec - the lruvec @page belongs on: its cgroup's, on its node */
static inline struct lruvec *folio_lruvec(struct mm_state *mm, const struct page *page)
{
	return mem_cgroup_lruvec(mm, page->memcg_id, page_zone(mm, page)->zone_pgdat);
}

/**
 * lruvec_lru_pages - lruvec_page_state(NR_LRU_BASE + @lru): the pages on
 * @lru in the subtree of @lruvec's cgroup: the node's for the root
 */
static inline unsigned long lruvec_lru_pages(struct mm_state *mm, const struct lruvec *lruvec,
					     enum lru_list lru)
{
	unsigned long n = 0;

	if (lruvec->memcg_id)
		return lruvec->lists[lru].nr;
	for (int z = 0; z < MAX_NR_ZONES; z++)
		n += mm->nodes[lruvec->nid].node_zones[z].nr_lru[lru];
	return n;
}

/* memcontrol.c's FLUSH_TIME: the periodic flush of the memcg statistics, 2 s */
#define MEMCG_FLUSH_NS	2000000000ULL

/**
 * lruvec_stats_flush - the statistics readers of @lruvec see are those of
 * the last periodic flush (flush_memcg_stats_dwork() every FLUSH_TIME):
 * call before each update and read at @now.  The flush is taken at the
 * first update or read of a period; the kernel's at the period's start.
 * With [model] memcg_stats=every_reclaim (kernels up to 6.10, whose
 * prepare_scan_control() flushed) readers see the current values.
 */
static inline void lruvec_stats_flush(struct mm_state *mm, struct lruvec *lruvec, uint64_t now)
{
	if ((mm && mm->memcg_stats_exact) ||
	    now / MEMCG_FLUSH_NS != lruvec->stats_updated_ns / MEMCG_FLUSH_NS) {
		lruvec->workingset_activate_flushed[0] = lruvec->workingset_activate[0];
		lruvec->workingset_activate_flushed[1] = lruvec->workingset_activate[1];
		for (int l = 0; lruvec->memcg_id && l < NR_LRU_LISTS_MAX; l++)
			lruvec->lru_flushed[l] = lruvec->lists[l].nr;
	}
	lruvec->stats_updated_ns = now;
}

/**
 * lruvec_page_state_lru - lruvec_page_state(NR_LRU_BASE + @lru) as the
 * kernel's readers see it with memory cgroups enabled: the subtree's
 * pages on @lru at the last flush of the statistics.  A cgroup's only:
 * the root's are read current (simplification: the kernel reads the
 * root's as of the flush too, but with them the model OOM-kills
 * scenarios/swap-readahead.ini's random reader at 2.7 s with 2 GiB of
 * swap free, its active list holding all but 35 pages; not understood)
 */
static inline unsigned long lruvec_page_state_lru(struct mm_state *mm, struct lruvec *lruvec,
						  enum lru_list lru, uint64_t now)
{
	lruvec_stats_flush(mm, lruvec, now);
	return lruvec->memcg_id ? lruvec->lru_flushed[lru] : lruvec_lru_pages(mm, lruvec, lru);
}

/** lruvec_pgdat - the node of @lruvec */
static inline pg_data_t *lruvec_pgdat(struct mm_state *mm, const struct lruvec *lruvec)
{
	return &mm->nodes[lruvec->nid];
}

/** lru_add - put an allocated page on its lruvec (lru_cache_add, no pagevec) */
void lru_add(struct mm_state *mm, struct page *page);

/** lru_del - take a page off its LRU list (it must be on one) */
void lru_del(struct mm_state *mm, struct page *page);

/** lru_add_tail - put @page at the tail of its list, reclaimed next (lru_move_tail()) */
void lru_add_tail(struct mm_state *mm, struct page *page);

/** lru_check - LRU lists hold exactly the PG_lru pages, counts agree; prints what is wrong */
bool lru_check(struct mm_state *mm);

/* ---- address spaces (mm/mmap.c) ---- */

/**
 * mm_create - a new, empty address space registered with the simulation
 *
 * Return: it, or NULL (out of memory or too many address spaces).
 */
struct mm_struct *mm_create(struct mm_sim *ms);

/** mm_destroy - unmap everything (pages freed) and forget the address space */
void mm_destroy(struct mm_struct *mm);

/** mmget - one more thread runs in @mm (mm_users) */
static inline void mmget(struct mm_struct *mm)
{
	mm->mm_users++;
}

/**
 * mmput - a thread of @mm exits (exit_mm())
 *
 * When the last one leaves an address space the OOM killer chose, it is
 * torn down (exit_mmap()) in the exiting task, which is charged
 * cost.page_free per page freed.  Any other keeps its pages until the end
 * of the run, so the report can show what the job had mapped.
 */
void mmput(struct mm_struct *mm);

/**
 * exit_mmap - unmap every VMA of @mm and remove them
 *
 * Anonymous pages (and private copies of file pages) go back to the buddy
 * allocator; page cache pages are unmapped and stay cached.  Sets
 * MMF_OOM_SKIP.  The mm_struct itself stays, empty.
 *
 * Return: the pages freed.
 */
unsigned long exit_mmap(struct mm_struct *mm);

/** mm_total_vm - total_vm: pages of every VMA */
unsigned long mm_total_vm(const struct mm_struct *mm);

/**
 * mm_pgtables_bytes - the page table memory of @mm
 *
 * The model's page table is the dense PTE array of each VMA, 8 bytes an
 * entry as on x86-64, so this counts one 4 KiB page per 512 PTEs of each
 * VMA, rounded up: the PTE pages of a fully populated mapping.  The kernel
 * allocates them on first touch of each 2 MiB and counts the PMD and PUD
 * pages too.
 */
unsigned long mm_pgtables_bytes(const struct mm_struct *mm);

/**
 * do_mmap - map @nr_pages anonymous pages (private)
 *
 * Return: the VMA (nothing populated), or NULL.
 */
struct vm_area_struct *do_mmap_anon(struct mm_struct *mm, unsigned long nr_pages,
				    unsigned int vm_flags);

/**
 * do_mmap_file - map @nr_pages of @file from its start; VM_SHARED in
 * @vm_flags for MAP_SHARED, else MAP_PRIVATE (copy on write)
 *
 * Return: the VMA (nothing populated), or NULL.
 */
struct vm_area_struct *do_mmap_file(struct mm_struct *mm, struct address_space *file,
				    unsigned long nr_pages, unsigned int vm_flags);

/**
 * zap_vma_pages - drop every page of @vma (munmap + mmap of the same range,
 * or MADV_DONTNEED): anonymous pages are freed and read as zeroes after,
 * page cache pages are only unmapped; returns the pages freed
 */
unsigned long zap_vma_pages(struct vm_area_struct *vma);

/* madvise() advice, the UAPI values (include/uapi/asm-generic/mman-common.h) */
#define MADV_NORMAL	0
#define MADV_RANDOM	1
#define MADV_SEQUENTIAL	2
#define MADV_DONTNEED	4
#define MADV_FREE	8
#define MADV_HUGEPAGE	14
#define MADV_NOHUGEPAGE	15
#define MADV_COLD	20
#define MADV_PAGEOUT	21

/**
 * do_madvise - madvise(@advice) of the whole of @vma (mm/madvise.c)
 *
 * Return: 0, or -EINVAL (an unknown advice, MADV_FREE of a file mapping).
 */
int do_madvise(struct vm_area_struct *vma, int advice);

/* ---- faults (mm/memory.c) ---- */

enum fault_result {
	FAULT_HIT,		/* present: no fault */
	FAULT_MINOR,		/* a page was mapped without I/O */
	FAULT_MAJOR,		/* the fault read the page from the device */
	FAULT_OOM,		/* no page could be had: VM_FAULT_OOM */
	FAULT_SIGBUS,		/* the page could not be read: VM_FAULT_SIGBUS */
};

/**
 * access_page - the workload touches page @index of @vma
 * @vma: the mapping
 * @index: page within it
 * @write: a store (new content tag) rather than a load (tag checked)
 *
 * In task context: a missing page is faulted in (handle_mm_fault()), which
 * allocates, zeroes and may enter the slow path; the accessed (and dirty)
 * bits are set as the MMU would.
 */
enum fault_result access_page(struct vm_area_struct *vma, unsigned long index, bool write);

/** mm_rmap_check - every mapped page points back at its PTE and reads its tag */
bool mm_rmap_check(struct mm_sim *ms);

#endif /* MMSIM_MM_MM_H */
