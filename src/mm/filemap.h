/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mm/filemap.h - the page cache of files on block devices
 */
#ifndef MMSIM_MM_FILEMAP_H
#define MMSIM_MM_FILEMAP_H

#include <stdbool.h>
#include <stdint.h>

#include "block/blk.h"
#include "lib/list.h"
#include "mm/mm.h"
#include "sim/wait.h"

struct bdi_writeback;
struct block_device;
struct mmsim;

#define VM_READAHEAD_PAGES	32	/* VM_READAHEAD_PAGES: 128 KiB with 4K pages */

/**
 * struct file_ra_state - readahead state (include/linux/fs.h)
 * @start: where the current window starts
 * @size: pages in the current window
 * @async_size: the last @async_size pages of the window start the next
 *              asynchronous readahead when hit (the PG_readahead page)
 * @prev_index: the last page read, for sequential detection
 */
struct file_ra_state {
	unsigned long start;
	unsigned int size;
	unsigned int async_size;
	unsigned int ra_pages;
	unsigned int mmap_miss;		/* faults that missed the cache, less those that hit */
	unsigned long prev_index;
};

/**
 * struct address_space - one file's page cache
 * @pages: the cached page of each index (pfn), PFN_NONE when not cached;
 *         the kernel's xarray, here a dense array
 * @tags: the content tag last written to each page (what a read must see)
 */
struct address_space {
	struct mm_sim *ms;
	unsigned int id;
	const char *name;
	struct block_device *bdev;
	uint64_t start_block;		/* first 4K block of the file on the device */
	unsigned long nr_pages;		/* the file's size */
	uint32_t *pages;
	uint64_t *tags;
	uint32_t *shadow;		/* workingset shadow entries of evicted pages (workingset.c),
					 * allocated at the first eviction */
	uint64_t *rmap;			/* the PTE mapping each page (rmap handle), 0 = none;
					 * a page cache page has at most one mapping */
	unsigned long nrpages;		/* pages cached */
	unsigned long nr_dirty;
	unsigned long nr_writeback;
	uint64_t dirtied_when;		/* jiffies the first of the dirty pages was dirtied */
	unsigned long writeback_index;	/* where the next cyclic writeback starts */
	struct bdi_writeback *wb;	/* the device's flusher */
	uint64_t wb_pass;		/* the flusher pass that last wrote it */
	struct file_ra_state ra;	/* one open file per mapping */
	struct wait_queue_head wait;	/* tasks waiting for a locked page */
	uint64_t tag_seq;
	uint64_t tag_errors;		/* reads that found another tag */
	uint64_t io_errors;
};

/* Page cache pages' flags beyond mm.h's */
#define PG_locked	(1u << 13)	/* I/O in flight: wait for it */
#define PG_readahead	(1u << 14)	/* hitting it starts the next readahead */
#define PG_writeback	(1u << 15)
#define PG_error	(1u << 16)	/* the read failed: not uptodate */
#define PG_reclaim	(1u << 17)	/* reclaim wants it once written: rotate to the
					 * inactive tail then (the kernel shares the bit
					 * with PG_readahead) */
#define PG_workingset	(1u << 18)	/* was active: part of the workingset */

/* A read or write of a contiguous run of a file's pages, and the tags it carries. */
struct filemap_bio {
	struct list_head node;		/* first: ms->bios frees it if the run ends first */
	struct bio bio;
	struct address_space *mapping;
	unsigned long index;
	unsigned int nr;
	uint64_t tags[];
};

/**
 * filemap_bio_alloc - a bio for pages [@index, @index + @nr) of @mapping,
 * on the simulation's list of bios in flight; the caller sets bi_end_io
 */
struct filemap_bio *filemap_bio_alloc(struct address_space *mapping, unsigned int opf,
				      unsigned long index, unsigned int nr);

/** filemap_init - a page cache for every [file.NAME] of the scenario (after blk_init) */
int filemap_init(struct mmsim *sim);

/** filemap_release - forget the page caches (their pages go with the allocator);
 * after every address space mapping them is gone */
void filemap_release(struct mmsim *sim);

/** filemap_lookup - the mapping of [file.NAME] @name, or NULL */
struct address_space *filemap_lookup(struct mm_sim *ms, const char *name);

/**
 * filemap_read_page - the uptodate page at @index, read from the device if
 * need be with readahead (page_cache_sync/async_readahead()); in task context
 *
 * Return: the page, or NULL (no memory, or an I/O error).
 */
struct page *filemap_read_page(struct address_space *mapping, unsigned long index);

/**
 * filemap_get_page - filemap_read_page() without marking the page accessed,
 * as a page fault reads it (the PTE's accessed bit tells reclaim instead)
 */
struct page *filemap_get_page(struct address_space *mapping, unsigned long index);

/**
 * filemap_fault_page - filemap_get_page() for a page fault: mmap read-around
 * on a miss (unless the file's faults mostly miss), or the VMA's
 * VM_RAND_READ / VM_SEQ_READ hint
 */
struct page *filemap_fault_page(struct address_space *mapping, unsigned long index,
				unsigned int vm_flags);

/**
 * filemap_write_page - a buffered write of the whole page at @index: the
 * page is found or added (no read for a full-page write), given a new
 * content tag and marked dirty
 *
 * Return: 0, or -ENOMEM.
 */
int filemap_write_page(struct address_space *mapping, unsigned long index);

/**
 * filemap_fsync - write back every dirty page of @mapping and wait, then
 * flush the device's cache (vfs_fsync_range() + blkdev_issue_flush())
 *
 * Return: 0 or -EIO.
 */
int filemap_fsync(struct address_space *mapping);

/** mark_page_accessed - the second access of an inactive page activates it */
void mark_page_accessed(struct mm_state *mm, struct page *page);

/** filemap_check - cached pages point back at their index; false and messages if not */
bool filemap_check(struct mm_sim *ms);

#endif /* MMSIM_MM_FILEMAP_H */
