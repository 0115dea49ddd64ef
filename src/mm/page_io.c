// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/page_io.c - swap I/O through the block layer (6.x)
 *
 * swap_writepage() writes a dirty swap cache page to its slot with one bio
 * (the block layer merges neighbours, as the kernel's plug does); the page
 * is under writeback until the bio ends, and then, if reclaim marked it
 * PG_reclaim, rotated to the inactive tail to be freed next
 * (folio_rotate_reclaimable()).  swap_read_folio() reads a locked swap
 * cache page; the end of the read unlocks it and wakes the faults waiting.
 * Each bio carries the pages' content tags, so a page read back must be
 * the one last written to the slot.  Counted as pswpout and pswpin.
 *
 * A page never written (content tag 0: all zeroes) is not written at all:
 * its slot's zeromap bit says so, and reading it back fills zeroes without
 * I/O (6.12+; counted as swpout_zero and swpin_zero, not as pswpout and
 * pswpin).
 *
 * Simplified: no swap plugging of its own; on SWP_SYNCHRONOUS_IO areas
 * (ram, pmem) do_swap_page() reads without readahead and drops the swap
 * copy at once, as the kernel's swap cache bypass does, but the page
 * passes through the swap cache on the way.
 */
#include "mm/swap.h"

#include <stdlib.h>

#include "block/blk.h"
#include "lib/compiler.h"
#include "lib/list.h"
#include "mm/filemap.h"
#include "mm/mm_sim.h"
#include "mm/writeback.h"

struct swap_bio {
	struct list_head node;		/* first: ms->bios frees it if the run ends first */
	struct bio bio;
	struct mm_sim *ms;
	uint64_t entry;
	uint64_t tag;
};

static uint64_t swap_sector(const struct swap_info_struct *si, uint64_t entry)
{
	return (si->start_block + swp_offset(entry)) * BLK_SECTORS_PER_BLOCK;
}

static struct swap_bio *swap_bio_alloc(struct mm_sim *ms, uint64_t entry, unsigned int opf)
{
	struct swap_info_struct *si = swap_info(ms, entry);
	struct swap_bio *sb = malloc(sizeof(*sb));

	MM_BUG_ON(!sb);		/* out of host memory */
	bio_init(&sb->bio, si->bdev, opf, swap_sector(si, entry), BLK_BLOCK_SIZE);
	sb->bio.bi_tags = &sb->tag;
	sb->bio.bi_private = sb;
	list_add_tail(&sb->node, &ms->bios);
	sb->ms = ms;
	sb->entry = entry;
	return sb;
}

static void end_swap_bio_write(struct bio *bio)
{
	struct swap_bio *sb = container_of(bio, struct swap_bio, bio);
	struct mm_sim *ms = sb->ms;
	struct mm_state *mm = &ms->mm;
	struct swap_info_struct *si = swap_info(ms, sb->entry);
	unsigned long offset = swp_offset(sb->entry);
	struct page *page = pfn_to_page(mm, si->cache[offset]);

	MM_BUG_ON(si->cache[offset] == PFN_NONE || !(page->flags & PG_writeback));
	if (bio->bi_status) {
		/* the data stays in memory, dirty: written again later */
		ms->swap.io_errors++;
		page->flags |= PG_dirty;
		page->flags &= ~PG_reclaim;
	}
	folio_end_writeback(ms, page);
	wake_up_all(folio_waitqueue(ms, page));
	list_del_init(&sb->node);
	free(sb);
}

void swap_writepage(struct mm_sim *ms, struct page *page)
{
	uint64_t entry = page->private_data;
	struct swap_bio *sb;

	MM_BUG_ON(!(page->flags & PG_swapcache) || (page->flags & PG_writeback));
	if (!page->tag) {
		/* is_folio_zero_filled(): swap_zeromap_folio_set(), no I/O */
		struct swap_info_struct *si = swap_info(ms, entry);

		si->zeromap[swp_offset(entry) / 64] |= 1ULL << (swp_offset(entry) % 64);
		page->flags &= ~(PG_dirty | PG_reclaim);
		ms->mm.events[SWPOUT_ZERO]++;
		return;
	}
	swap_info(ms, entry)->zeromap[swp_offset(entry) / 64] &=
		~(1ULL << (swp_offset(entry) % 64));
	page->flags &= ~PG_dirty;
	folio_start_writeback(ms, page);
	sb = swap_bio_alloc(ms, entry, REQ_OP_WRITE);
	sb->tag = page->tag;
	sb->bio.bi_end_io = end_swap_bio_write;
	ms->mm.events[PSWPOUT]++;
	swap_info(ms, entry)->nr_swapout++;
	/* may sleep for a request: the page is under writeback meanwhile */
	submit_bio(&sb->bio);
}

static void end_swap_bio_read(struct bio *bio)
{
	struct swap_bio *sb = container_of(bio, struct swap_bio, bio);
	struct mm_sim *ms = sb->ms;
	struct swap_info_struct *si = swap_info(ms, sb->entry);
	unsigned long offset = swp_offset(sb->entry);
	struct page *page = pfn_to_page(&ms->mm, si->cache[offset]);

	MM_BUG_ON(si->cache[offset] == PFN_NONE || !(page->flags & PG_locked));
	if (bio->bi_status) {
		ms->swap.io_errors++;
		page->flags |= PG_error;
	} else {
		page->tag = sb->tag;
	}
	page->flags &= ~PG_locked;
	wake_up_all(folio_waitqueue(ms, page));
	list_del_init(&sb->node);
	free(sb);
}

void swap_read_folio(struct mm_sim *ms, struct page *page)
{
	uint64_t entry = page->private_data;
	struct swap_bio *sb;

	MM_BUG_ON(!(page->flags & PG_swapcache) || !(page->flags & PG_locked));
	if (swap_info(ms, entry)->zeromap[swp_offset(entry) / 64] &
	    (1ULL << (swp_offset(entry) % 64))) {
		/* swap_read_folio_zeromap(): zeroes, no I/O */
		page->tag = 0;
		page->flags &= ~PG_locked;
		ms->mm.events[SWPIN_ZERO]++;
		return;
	}
	sb = swap_bio_alloc(ms, entry, REQ_OP_READ);
	sb->tag = 0;
	sb->bio.bi_end_io = end_swap_bio_read;
	ms->mm.events[PSWPIN]++;
	swap_info(ms, entry)->nr_swapin++;
	submit_bio(&sb->bio);
}
