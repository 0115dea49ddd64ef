/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mm/swap.h - swap devices, slots, the swap cache and swap-in readahead
 *
 * The shapes of include/linux/swap.h, mm/swap.h and the swap_info_struct
 * of 6.18, cut to what the model needs.  A swap entry names a slot of a
 * swap area: its type (the area) and offset (the slot; slot 0 is the
 * header).  swap_map[] counts the page table entries that hold the entry,
 * with SWAP_HAS_CACHE while the swap cache holds a page for it.  The swap
 * cache is one pfn per slot (the kernel's swap table).  A swap cache page
 * is owned by the swap cache (page->owner = swapcache_owner) and carries
 * its entry in page->private_data (the kernel's folio->swap); the model
 * keeps, per slot, the rmap handle of the one page table entry that uses
 * the slot (anonymous memory is mapped once: no fork), so reclaim can
 * unmap a mapped swap cache page and compaction can move it.
 */
#ifndef MMSIM_MM_SWAP_H
#define MMSIM_MM_SWAP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "mm/mm.h"
#include "sim/wait.h"

struct block_device;
struct mm_sim;
struct mmsim;

#define MAX_SWAPFILES		8
#define PAGE_WAIT_TABLE_BITS	8
#define PAGE_WAIT_TABLE_SIZE	(1 << PAGE_WAIT_TABLE_BITS)
#define SWAPFILE_CLUSTER	512	/* HPAGE_PMD_NR: CONFIG_THP_SWAP on x86-64 */
#define SWAP_NR_ORDERS		10	/* orders 0..PMD_ORDER */
#define SWAP_ENTRY_INVALID	0	/* slot 0 is the header: never a valid next slot */

/* swap_map[] values */
#define SWAP_HAS_CACHE		0x40	/* the swap cache holds a page for the slot */
#define SWAP_MAP_MAX		0x3e	/* most page table references one byte counts */
#define SWAP_MAP_BAD		0x3f	/* the header, or a bad block */

/* swap_info_struct.flags */
#define SWP_USED		(1u << 0)
#define SWP_WRITEOK		(1u << 1)
#define SWP_SOLIDSTATE		(1u << 4)	/* not rotational: per-CPU clusters */
#define SWP_BLKDEV		(1u << 6)
#define SWP_SYNCHRONOUS_IO	(1u << 13)	/* ram, pmem: I/O done in the submitter */

/* swap_cluster_info.flags, in the kernel's order: up to FRAG a cluster is usable */
enum {
	CLUSTER_FLAG_NONE,	/* isolated: being scanned, on no list */
	CLUSTER_FLAG_FREE,
	CLUSTER_FLAG_NONFULL,
	CLUSTER_FLAG_FRAG,
	CLUSTER_FLAG_FULL,
};
#define CLUSTER_FLAG_USABLE	CLUSTER_FLAG_FRAG

/* Swap entries: type in the high bits, slot offset in the low 40 */
#define SWP_OFFSET_BITS		40

static inline uint64_t swp_entry(unsigned int type, unsigned long offset)
{
	return ((uint64_t)type << SWP_OFFSET_BITS) | offset;
}

static inline unsigned int swp_type(uint64_t entry)
{
	return (unsigned int)(entry >> SWP_OFFSET_BITS);
}

static inline unsigned long swp_offset(uint64_t entry)
{
	return (unsigned long)(entry & ((1ULL << SWP_OFFSET_BITS) - 1));
}

/* A non-present PTE holding a swap entry (the kernel's swp_pte) */
#define PTE_SWAP		(1ULL << 2)
/* ... of a page left in place on a DAX swap area: accessed there, no fault */
#define PTE_DAX			(1ULL << 3)

static inline bool pte_is_swap(uint64_t pte)
{
	return (pte & (PTE_PRESENT | PTE_SWAP | PTE_DAX)) == PTE_SWAP;
}

static inline bool pte_is_dax(uint64_t pte)
{
	return (pte & (PTE_PRESENT | PTE_SWAP | PTE_DAX)) == (PTE_SWAP | PTE_DAX);
}

static inline uint64_t swp_entry_to_pte(uint64_t entry)
{
	return (entry << PTE_PFN_SHIFT) | PTE_SWAP;
}

static inline uint64_t pte_to_swp_entry(uint64_t pte)
{
	return pte >> PTE_PFN_SHIFT;
}

/* Page flag of a swap cache page (PG_swapcache, the kernel's PG_owner_priv_1) */
#define PG_swapcache		(1u << 19)

/* A list of clusters, linked through their indexes (the kernel's list_head) */
struct cluster_list {
	uint32_t head;			/* CLUSTER_NONE if empty */
	uint32_t nr;
};

#define CLUSTER_NONE		UINT32_MAX

struct swap_cluster_info {
	uint16_t count;			/* slots in use (the header counts) */
	uint8_t flags;
	uint8_t order;			/* the order it serves */
	uint32_t prev, next;		/* on one of the lists, unless isolated */
};

/**
 * struct swap_info_struct - one swap area (swapon)
 * @max: slots, the header included
 * @pages: usable slots
 * @swap_map: per slot, page table references | SWAP_HAS_CACHE
 * @cache: per slot, the swap cache page's pfn or PFN_NONE
 * @rmap: per slot, the rmap handle of the page table entry using it, 0 = none
 * @global_next: the next slot per order on a rotational device (si->global_cluster)
 */
struct swap_info_struct {
	struct mm_sim *ms;
	const char *name;
	unsigned int type;
	unsigned int flags;
	int prio;
	struct block_device *bdev;
	uint64_t start_block;		/* first 4K block of the area on the device */
	unsigned long max;
	unsigned long pages;
	unsigned long inuse_pages;
	uint8_t *swap_map;
	uint32_t *cache;
	uint64_t *rmap;
	uint64_t *zeromap;		/* per slot, a bit: the page was all zeroes, not written */
	uint32_t *shadow;		/* per slot, the workingset shadow of the page swapped out */
	uint16_t *memcg_ids;		/* per slot, the cgroup of the page swapped out
					 * (swap_cgroup); NULL without cgroups */
	bool dax;			/* pages stay in place, mapped from the device (pmem) */
	uint32_t *dax_score;		/* DAX: per slot, accesses since swap-out (writes weigh more) */
	struct swap_cluster_info *cluster_info;
	unsigned long nr_clusters;
	struct cluster_list free_clusters;
	struct cluster_list full_clusters;
	struct cluster_list nonfull_clusters[SWAP_NR_ORDERS];
	struct cluster_list frag_clusters[SWAP_NR_ORDERS];
	unsigned long global_next[SWAP_NR_ORDERS];
	uint64_t nr_swapin;		/* pages read back (the report's) */
	uint64_t nr_swapout;		/* pages written */
};

/* percpu_swap_cluster: each CPU's current cluster per order */
struct percpu_swap_cluster {
	int type[SWAP_NR_ORDERS];	/* swap area, -1 = none */
	unsigned long offset[SWAP_NR_ORDERS];
};

/**
 * struct swap_state - swapon'ed areas and the swap-in readahead state
 * @avail: the areas by priority, highest first; equal priorities rotate
 *         (swap_avail_head, plist_requeue())
 * @nr_swap_pages: free slots of all areas
 * @swapin_readahead_hits: cluster readahead's global hit count (starts at 4)
 */
struct swap_state {
	struct swap_info_struct *info[MAX_SWAPFILES];
	unsigned int nr_swapfiles;
	unsigned int avail[MAX_SWAPFILES];
	unsigned int nr_avail;
	long nr_swap_pages;
	long total_swap_pages;
	unsigned int nr_rotate_swap;	/* rotational areas: no VMA readahead */
	struct percpu_swap_cluster *percpu;	/* one per CPU */
	unsigned int page_cluster;	/* vm.page-cluster */
	bool vma_ra_enabled;		/* /sys/kernel/mm/swap/vma_ra_enabled */
	unsigned int swapin_readahead_hits;
	unsigned long prev_offset;
	unsigned int last_readahead_pages;
	int swapcache_owner;		/* movable owner id of swap cache pages */
	/*
	 * tasks waiting for a swap cache page to be unlocked or written:
	 * the kernel's page_wait_table, hashed by page; its wake function
	 * also filters on the page, here a waiter whose page shares the
	 * bucket wakes and looks again
	 */
	struct wait_queue_head wait[PAGE_WAIT_TABLE_SIZE];
	uint64_t tag_errors;		/* swap-ins that read another tag than was written */
	uint64_t io_errors;
	/* DAX swap ([model] dax_swap_promote, dax_swap_write_weight) */
	unsigned int dax_promote;
	unsigned int dax_write_weight;
	uint64_t dax_swapout;		/* pages left in place on pmem */
	uint64_t dax_reads;		/* accesses served from pmem */
	uint64_t dax_writes;
	uint64_t dax_promotions;	/* pages brought back to DRAM */
};

/* ---- mm/swapfile.c ---- */

/**
 * swap_init - the swap state of @ms: no area yet
 * @nr_cpus: CPUs (each has its current clusters)
 */
int swap_init(struct mm_sim *ms, unsigned int nr_cpus);

/** swap_release - free every area and the swap state */
void swap_release(struct mm_sim *ms);

/**
 * swapon - add a swap area of @nr_slots slots (the header is slot 0)
 * @prio: 0..32767, or -1 for the next of -2, -3, ... as the kernel's least_priority
 * @solidstate: a non-rotational device (per-CPU clusters; rotational ones
 *              share one current cluster and turn VMA readahead off)
 *
 * Return: the area's type, or -EINVAL (too small) / -ENOMEM / -ENOSPC.
 */
int swapon(struct mm_sim *ms, const char *name, struct block_device *bdev, uint64_t start_block,
	   unsigned long nr_slots, int prio, bool solidstate, bool dax, bool synchronous);

/**
 * folio_alloc_swap - a free slot for a page about to be swapped out, from
 * the areas by priority (this CPU's current cluster first); the slot's
 * swap_map is SWAP_HAS_CACHE
 * @cpu: the CPU allocating
 *
 * Return: the entry, or 0 if every area is full.
 */
uint64_t folio_alloc_swap(struct mm_sim *ms, unsigned int cpu);

/** swap_info - the area of @entry */
struct swap_info_struct *swap_info(struct mm_sim *ms, uint64_t entry);

/** swap_duplicate - one more page table entry holds @entry (swap_map + 1) */
void swap_duplicate(struct mm_sim *ms, uint64_t entry);

/**
 * swap_free - a page table entry dropped @entry: one reference less; the
 * slot is free once nothing (no PTE, no swap cache page) holds it
 */
void swap_free(struct mm_sim *ms, uint64_t entry);

/**
 * put_swap_folio - the swap cache let go of @entry (SWAP_HAS_CACHE cleared);
 * the slot is free if no PTE holds it
 */
void put_swap_folio(struct mm_sim *ms, uint64_t entry);

/** swap_count - page table references of @entry */
unsigned int swap_count(struct mm_sim *ms, uint64_t entry);

/** vm_swap_full - more than half of all swap is in use */
bool vm_swap_full(const struct mm_sim *ms);

/** get_nr_swap_pages - free slots of all areas */
long get_nr_swap_pages(const struct mm_sim *ms);

/** swap_show - /proc/swaps */
void swap_show(FILE *out, struct mm_state *mm);

/** swap_bdev_name - the [device.NAME] an area is on */
const char *swap_bdev_name(const struct swap_info_struct *si);

/** swapon_config - swapon every [swap.NAME] of the scenario (after blk_init) */
int swapon_config(struct mmsim *sim);

/** swap_check - swap_map, clusters and counts agree; false (and messages) if not */
bool swap_check(struct mm_sim *ms);

/* ---- mm/swap_state.c ---- */

/**
 * add_to_swap - give anonymous @page a slot and put it in the swap cache
 * (dirty: the slot holds nothing yet); @page keeps its mapping
 *
 * Return: false if no slot was free.
 */
bool add_to_swap(struct mm_sim *ms, struct page *page, unsigned int cpu);

/**
 * delete_from_swap_cache - take @page out of the swap cache (the slot keeps
 * its PTE references); the page becomes plain anonymous memory of the
 * PTE that maps it, if one does
 */
void delete_from_swap_cache(struct mm_sim *ms, struct page *page);

/**
 * folio_free_swap - drop the swap cache copy of a mapped @page no PTE
 * shares by entry: the page is dirty again, its slot freed
 *
 * Return: true if it did.
 */
bool folio_free_swap(struct mm_sim *ms, struct page *page);

/** swapcache_pte - the PTE that maps swap cache @page, or NULL if none does */
uint64_t *swapcache_pte(struct mm_sim *ms, const struct page *page);

/** swap_cache_get - the swap cache page of @entry, or NULL */
struct page *swap_cache_get(struct mm_sim *ms, uint64_t entry);

/**
 * free_swap_and_cache - a PTE holding @entry is zapped: one reference
 * less, and the swap cache page goes too once nothing else holds the slot
 * (unless it is locked or under writeback: reclaim frees it later)
 */
void free_swap_and_cache(struct mm_sim *ms, uint64_t entry);

/**
 * swapin_readahead - read the page of @entry (and, with readahead, its
 * neighbours) into the swap cache, for a fault on @vma's page @index
 *
 * Return: the page (possibly still locked: its read in flight), or NULL
 * without memory.
 */
struct page *swapin_readahead(struct mm_sim *ms, uint64_t entry, struct vm_area_struct *vma,
			      unsigned long index);

/**
 * swapin_one - read the page of @entry into the swap cache without
 * readahead (the SWP_SYNCHRONOUS_IO path); NULL without memory
 */
struct page *swapin_one(struct mm_sim *ms, uint64_t entry);

/**
 * folio_waitqueue - the wait queue of swap cache page @page: a bucket of
 * the page wait table, hashed by its frame as hash_ptr() hashes the folio
 */
struct wait_queue_head *folio_waitqueue(struct mm_sim *ms, const struct page *page);

/**
 * swap_update_readahead - a fault found @page in the swap cache: count a
 * readahead hit if readahead brought it (swap_ra_hit)
 */
void swap_update_readahead(struct mm_sim *ms, struct page *page, struct vm_area_struct *vma,
			   unsigned long index);

/** swapin_nr_pages - __swapin_nr_pages(): the readahead window after @hits */
unsigned int swapin_nr_pages_window(unsigned long prev_offset, unsigned long offset,
				    unsigned int hits, unsigned int max_pages,
				    unsigned int prev_win);

/**
 * swapin_nr_pages - cluster readahead's window for a fault on slot @offset:
 * __swapin_nr_pages() over the global hit count (taken and reset), the
 * previous offset and window
 */
unsigned int swapin_nr_pages(struct mm_sim *ms, unsigned long offset);

/**
 * swap_vma_ra_win - VMA readahead's window for a fault on @vma's page
 * @index: its size, and the virtual pages [*@startp, *@endp) it covers
 * (clamped to the VMA and its PMD); the VMA's state is updated
 */
unsigned int swap_vma_ra_win(struct mm_sim *ms, struct vm_area_struct *vma, unsigned long index,
			     unsigned long *startp, unsigned long *endp);

/** swap_cache_init - register the swap cache's movable operations */
int swap_cache_init(struct mm_sim *ms);

/* ---- DAX swap (mm/swap_state.c) ---- */

/**
 * dax_swap_out - swap cache @page has a slot on a DAX area: write it there,
 * map the slot in its place (the PTE holds the entry with PTE_DAX) and
 * free the DRAM page
 */
void dax_swap_out(struct mm_sim *ms, struct page *page);

/**
 * dax_access - a load or store to page @index of @vma, left on pmem: served
 * in place (the device's latency); once its score reaches dax_swap_promote
 * the page moves back to DRAM and the access is done there
 *
 * Return: true if it was served on pmem, false if the page is in DRAM now
 * (the caller does the access).
 */
bool dax_access(struct vm_area_struct *vma, unsigned long index, bool write);

/* ---- mm/page_io.c ---- */

/** swap_writepage - write dirty swap cache @page to its slot (PG_writeback until done) */
void swap_writepage(struct mm_sim *ms, struct page *page);

/** swap_read_folio - read swap cache @page (locked) from its slot; unlocked when done */
void swap_read_folio(struct mm_sim *ms, struct page *page);

#endif /* MMSIM_MM_SWAP_H */
