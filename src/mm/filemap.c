// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/filemap.c - the page cache, its readahead, and fsync
 *
 * Each [file.NAME] of the scenario is an address_space over a run of 4K
 * blocks of its device.  Reads look pages up and, on a miss, read them
 * with the kernel's on-demand readahead (mm/readahead.c of 6.x): the
 * initial window from get_init_ra_size(), growing by get_next_ra_size() up
 * to 32 pages (128 KiB), a PG_readahead marker async_size pages before the
 * window's end that starts the next window asynchronously when a read
 * reaches it, and a sequential miss (the page after the previous read)
 * starting a new window; a random miss reads just what was asked.  Pages
 * are added locked, read with one bio per contiguous run, and unlocked
 * (waking waiters) when the bio ends.  New pages go on the inactive file
 * LRU list; mark_page_accessed() activates a page on its second access.
 * Page faults read around instead (do_sync_mmap_readahead()): 32 pages
 * centred on the missing one, its marker 8 from the end, until the file's
 * faults have missed 100 times more than they found a cached page
 * (mmap_miss), when a miss reads just its page; a fault that finds its
 * page cached counts a hit and starts the next window at a marker
 * (do_async_mmap_readahead()).  madvise hints override: MADV_RANDOM reads
 * the page alone, MADV_SEQUENTIAL a whole on-demand window.
 *
 * Writes of whole pages need no read: the page is found or added, given a
 * new content tag and marked dirty (mm/page-writeback.c accounts it and
 * may pause the writer in balance_dirty_pages()).  The flushers write
 * dirty pages back; fsync() writes what is dirty itself and waits for it.
 * A page added where an evicted one left a shadow entry is checked for a
 * refault (mm/workingset.c).
 *
 * Content tags: the mapping remembers the tag last written to each page;
 * a page read from the device must carry it (dirty data reaches the device
 * only through writeback, and only clean pages ever leave the cache).
 *
 * Clean pages leave the cache through reclaim (mm/vmscan.c).
 *
 * Simplified (for now): no context readahead (try_context_readahead()), no
 * fault-around (filemap_map_pages(): a fault maps only its own page), one
 * file_ra_state per file, shared by read() and faults, no partial-page
 * writes, no large folios.
 */
#include "mm/filemap.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "block/blk.h"
#include "lib/bigarray.h"
#include "lib/compiler.h"
#include "mm/mm_sim.h"
#include "mm/writeback.h"
#include "sim/sim.h"


static uint64_t cache_handle(const struct address_space *mapping, unsigned long index)
{
	return ((uint64_t)mapping->id << 40) | index;
}

static struct address_space *handle_mapping(struct mm_sim *ms, const struct page *page,
					    unsigned long *index)
{
	unsigned int id = (unsigned int)(page->private_data >> 40);

	*index = (unsigned long)(page->private_data & ((1ULL << 40) - 1));
	return id < ms->nr_mappings ? ms->mappings[id] : NULL;
}

/* ---- LRU aging ---- */

void mark_page_accessed(struct mm_state *mm, struct page *page)
{
	if (!(page->flags & PG_referenced)) {
		page->flags |= PG_referenced;
		return;
	}
	if ((page->flags & (PG_active | PG_lru)) == PG_lru) {
		/* folio_activate(): to the head of the active list */
		lru_del(mm, page);
		page->flags |= PG_active;
		page->flags &= ~PG_referenced;
		lru_add(mm, page);
		mm->events[PGACTIVATE]++;
		workingset_activation(mm, page);
	}
}

/* ---- I/O ---- */

static void filemap_read_end(struct bio *bio)
{
	struct filemap_bio *fb = container_of(bio, struct filemap_bio, bio);
	struct address_space *mapping = fb->mapping;
	struct mm_state *mm = &mapping->ms->mm;

	for (unsigned int i = 0; i < fb->nr; i++) {
		unsigned long index = fb->index + i;
		struct page *page = pfn_to_page(mm, mapping->pages[index]);

		if (bio->bi_status) {
			/* not uptodate: readers get -EIO */
			mapping->io_errors++;
			page->flags |= PG_error;
		} else {
			page->tag = fb->tags[i];
			if (page->tag != mapping->tags[index])
				mapping->tag_errors++;
		}
		page->flags &= ~PG_locked;
	}
	wake_up_all(&mapping->wait);
	list_del_init(&fb->node);
	free(fb);
}

struct filemap_bio *filemap_bio_alloc(struct address_space *mapping, unsigned int opf,
					     unsigned long index, unsigned int nr)
{
	struct filemap_bio *fb = malloc(sizeof(*fb) + nr * sizeof(fb->tags[0]));

	if (!fb)
		return NULL;
	bio_init(&fb->bio, mapping->bdev, opf,
		 (mapping->start_block + index) * BLK_SECTORS_PER_BLOCK,
		 nr * BLK_BLOCK_SIZE);
	fb->bio.bi_tags = fb->tags;
	fb->bio.bi_private = fb;
	list_add_tail(&fb->node, &mapping->ms->bios);
	fb->mapping = mapping;
	fb->index = index;
	fb->nr = nr;
	return fb;
}

/*
 * Add a new page at @index (locked when it is to be read).  NULL if there
 * was no memory, or (with *@raced set) if another task added one while
 * this one waited for memory: that page is returned, not added by us.
 */
static struct page *add_to_page_cache(struct address_space *mapping, unsigned long index,
				      gfp_t gfp, bool locked, bool *raced)
{
	struct mm_sim *ms = mapping->ms;
	/* filemap_add_folio(): charged to the task adding it */
	struct page *page = mem_cgroup_alloc_page(ms, gfp, current_memcg(ms));

	*raced = false;
	if (!page)
		return NULL;
	if (mapping->pages[index] != PFN_NONE) {
		sim_free_pages(ms->sim, page, 0);
		*raced = true;
		return pfn_to_page(&ms->mm, mapping->pages[index]);
	}
	page->owner = (uint32_t)ms->pagecache_owner;
	page->private_data = cache_handle(mapping, index);
	page->tag = 0;
	if (locked)
		page->flags |= PG_locked;
	if (mapping->shadow)
		workingset_refault(ms, &mapping->shadow[index], page, true);
	lru_add(&ms->mm, page);
	mapping->pages[index] = (uint32_t)page_to_pfn(&ms->mm, page);
	mapping->nrpages++;
	return page;
}

static void submit_read(struct address_space *mapping, unsigned long start, unsigned long end)
{
	struct filemap_bio *fb;

	if (end <= start)
		return;
	fb = filemap_bio_alloc(mapping, REQ_OP_READ, start, (unsigned int)(end - start));
	MM_BUG_ON(!fb);		/* out of host memory */
	fb->bio.bi_end_io = filemap_read_end;
	submit_bio(&fb->bio);
}

/*
 * do_page_cache_ra(): add and read the missing pages of [start, start + nr),
 * marking the page @lookahead before the end; one bio per contiguous run of
 * pages added.  Stops at the first allocation failure (readahead is a hint).
 */
static void do_page_cache_ra(struct address_space *mapping, unsigned long start,
			     unsigned long nr, unsigned long lookahead)
{
	gfp_t gfp = GFP_HIGHUSER_MOVABLE | GFPF_NORETRY | GFPF_NOWARN;
	unsigned long end = min_t(unsigned long, start + nr, mapping->nr_pages);
	unsigned long run = start, i;

	for (i = start; i < end; i++) {
		struct page *page;
		bool raced;

		if (mapping->pages[i] != PFN_NONE) {
			submit_read(mapping, run, i);
			run = i + 1;
			continue;
		}
		page = add_to_page_cache(mapping, i, gfp, true, &raced);
		if (!page)
			break;
		if (raced) {
			submit_read(mapping, run, i);
			run = i + 1;
			continue;
		}
		if (i == start + nr - lookahead)
			page->flags |= PG_readahead;
	}
	submit_read(mapping, run, i);
}

static unsigned long get_init_ra_size(unsigned long size, unsigned long max)
{
	unsigned long newsize = 1;

	while (newsize < size)
		newsize <<= 1;
	if (newsize <= max / 32)
		newsize *= 4;
	else if (newsize <= max / 4)
		newsize *= 2;
	else
		newsize = max;
	return newsize;
}

static unsigned long get_next_ra_size(const struct file_ra_state *ra, unsigned long max)
{
	unsigned long cur = ra->size;

	if (cur < max / 16)
		return 4 * cur;
	if (cur <= max / 2)
		return 2 * cur;
	return max;
}

/*
 * ondemand_readahead(): @hit_marker when a read reached a PG_readahead
 * page (page_cache_async_ra()), else a miss (page_cache_sync_ra()).
 */
static void ondemand_readahead(struct address_space *mapping, unsigned long index,
			       unsigned long req_size, bool hit_marker)
{
	struct file_ra_state *ra = &mapping->ra;
	unsigned long max = ra->ra_pages, add;

	if (!max) {
		do_page_cache_ra(mapping, index, req_size, 0);
		return;
	}
	if (!index)
		goto initial;
	/* the expected marker, or the window's end: sequential, ramp up */
	if (index == ra->start + ra->size - ra->async_size || index == ra->start + ra->size) {
		ra->start += ra->size;
		ra->size = (unsigned int)get_next_ra_size(ra, max);
		ra->async_size = ra->size;
		goto readit;
	}
	if (hit_marker) {
		/* a marker of some other window: start anew from here */
		ra->start = index;
		ra->size = (unsigned int)get_next_ra_size(ra, max);
		ra->async_size = ra->size;
		goto readit;
	}
	/* a sequential miss continues from the previous read */
	if (index - ra->prev_index <= 1)
		goto initial;
	/* a small random read: read it, leave the readahead state alone */
	do_page_cache_ra(mapping, index, req_size, 0);
	return;
initial:
	ra->start = index;
	ra->size = (unsigned int)get_init_ra_size(req_size, max);
	ra->async_size = ra->size > req_size ? (unsigned int)(ra->size - req_size) : ra->size;
readit:
	/* a window whose marker is its first page: merge the next window in now */
	if (index == ra->start && ra->size == ra->async_size) {
		add = get_next_ra_size(ra, max);
		if (ra->size + add <= max) {
			ra->async_size = (unsigned int)add;
			ra->size += (unsigned int)add;
		} else {
			ra->size = (unsigned int)max;
			ra->async_size = (unsigned int)(max >> 1);
		}
	}
	do_page_cache_ra(mapping, ra->start, ra->size, ra->async_size);
}

struct page *filemap_read_page(struct address_space *mapping, unsigned long index)
{
	struct page *page = filemap_get_page(mapping, index);

	if (page)
		mark_page_accessed(&mapping->ms->mm, page);
	return page;
}

#define MMAP_LOTSAMISS	100

/*
 * do_sync_mmap_readahead(): a fault that missed the cache.  VM_RAND_READ
 * reads the page alone, VM_SEQ_READ a whole window; otherwise the fault
 * reads around: ra_pages centred on the page, the marker a quarter from
 * the end, unless the file's faults miss far more than they hit
 * (mmap_miss above MMAP_LOTSAMISS), when read-around only hurts.
 */
static void sync_mmap_readahead(struct address_space *mapping, unsigned long index,
				unsigned int vm_flags)
{
	struct file_ra_state *ra = &mapping->ra;

	if ((vm_flags & VM_RAND_READ) || !ra->ra_pages) {
		do_page_cache_ra(mapping, index, 1, 0);
		return;
	}
	if (vm_flags & VM_SEQ_READ) {
		ondemand_readahead(mapping, index, ra->ra_pages, false);
		return;
	}
	if (ra->mmap_miss < MMAP_LOTSAMISS * 10)
		ra->mmap_miss++;
	if (ra->mmap_miss > MMAP_LOTSAMISS) {
		do_page_cache_ra(mapping, index, 1, 0);
		return;
	}
	ra->start = index > ra->ra_pages / 2 ? index - ra->ra_pages / 2 : 0;
	ra->size = ra->ra_pages;
	ra->async_size = ra->ra_pages / 4;
	do_page_cache_ra(mapping, ra->start, ra->size, ra->async_size);
}

/*
 * Every wait or allocation lets other tasks run, and reclaim may take a
 * page that is neither locked nor under writeback meanwhile: so the page
 * at @index is looked up again after each, and used only once it is seen
 * present and idle with nothing run in between.  A read() (@fault false)
 * reads ahead on a miss and at a PG_readahead marker; a fault follows
 * the VMA's hints (@vm_flags) with do_sync_mmap_readahead() and
 * do_async_mmap_readahead().  A page readahead could not allocate is
 * read by itself on the second miss; a third means no memory.
 */
static struct page *find_get_page(struct address_space *mapping, unsigned long index,
				  bool fault, unsigned int vm_flags)
{
	struct mm_state *mm = &mapping->ms->mm;
	bool rand = fault && (vm_flags & VM_RAND_READ), async_done = false;
	unsigned int misses = 0;
	struct page *page;

	MM_BUG_ON(index >= mapping->nr_pages);
	for (;;) {
		unsigned long pfn = mapping->pages[index];

		if (pfn == PFN_NONE) {
			if (misses++ == 2)
				return NULL;
			if (misses == 2 || !mapping->ra.ra_pages)
				do_page_cache_ra(mapping, index, 1, 0);
			else if (fault)
				sync_mmap_readahead(mapping, index, vm_flags);
			else
				ondemand_readahead(mapping, index, 1, false);	/* page_cache_sync_ra() */
			continue;
		}
		page = pfn_to_page(mm, pfn);
		if (fault && !rand && !misses && !async_done) {
			/* do_async_mmap_readahead(): a hit makes read-around worth it again */
			async_done = true;
			if (mapping->ra.mmap_miss)
				mapping->ra.mmap_miss--;
		}
		if ((page->flags & PG_readahead) && !rand) {
			page->flags &= ~PG_readahead;
			ondemand_readahead(mapping, index, 1, true);	/* page_cache_async_ra() */
			continue;
		}
		if (page->flags & PG_locked) {
			/* folio_wait_locked(): the read in flight */
			wait_event(&mapping->wait,
				   mapping->pages[index] != pfn || !(page->flags & PG_locked));
			continue;
		}
		break;
	}
	if (!fault)
		mapping->ra.prev_index = index;	/* only read() moves the file position */
	if (page->flags & PG_error)
		return NULL;
	return page;
}

struct page *filemap_get_page(struct address_space *mapping, unsigned long index)
{
	return find_get_page(mapping, index, false, 0);
}

struct page *filemap_fault_page(struct address_space *mapping, unsigned long index,
				unsigned int vm_flags)
{
	return find_get_page(mapping, index, true, vm_flags);
}

int filemap_write_page(struct address_space *mapping, unsigned long index)
{
	struct mm_state *mm = &mapping->ms->mm;
	struct page *page;

	MM_BUG_ON(index >= mapping->nr_pages);
	for (;;) {
		unsigned long pfn = mapping->pages[index];
		bool raced;

		if (pfn == PFN_NONE) {
			if (!add_to_page_cache(mapping, index, GFP_HIGHUSER_MOVABLE, false, &raced))
				return -ENOMEM;
			continue;
		}
		page = pfn_to_page(mm, pfn);
		if (page->flags & (PG_locked | PG_writeback)) {
			/* a read in flight, or stable pages under writeback */
			wait_event(&mapping->wait, mapping->pages[index] != pfn ||
				   !(page->flags & (PG_locked | PG_writeback)));
			continue;
		}
		break;
	}
	page->tag = ++mapping->tag_seq;
	mapping->tags[index] = page->tag;
	set_page_dirty(mapping, page);
	page->flags &= ~PG_error;	/* a whole page written is uptodate again */
	mark_page_accessed(mm, page);
	balance_dirty_pages_ratelimited(mapping);
	return 0;
}

int filemap_fsync(struct address_space *mapping)
{
	struct writeback_control wbc = { .nr_to_write = LONG_MAX, .sync_mode = WB_SYNC_ALL };
	unsigned long errors = mapping->io_errors;

	write_cache_pages(mapping, &wbc);
	if (blkdev_issue_flush(mapping->bdev))
		mapping->io_errors++;
	return mapping->io_errors != errors ? -EIO : 0;
}

/* ---- migration of page cache pages ---- */

static bool cache_isolate(struct mm_state *mm, struct page *page, void *ctx)
{
	(void)ctx;
	if ((page->flags & (PG_lru | PG_locked | PG_writeback)) != PG_lru)
		return false;
	lru_del(mm, page);
	return true;
}

static int cache_migrate(struct mm_state *mm, struct page *dst, struct page *src, void *ctx)
{
	unsigned long index;
	struct address_space *mapping = handle_mapping(ctx, src, &index);
	const uint32_t moved = PG_active | PG_referenced | PG_dirty | PG_readahead | PG_workingset;

	MM_BUG_ON(!mapping || mapping->pages[index] != page_to_pfn(mm, src));
	mapping->pages[index] = (uint32_t)page_to_pfn(mm, dst);
	if (mapping->rmap && mapping->rmap[index]) {
		/* remove_migration_ptes(): the one PTE mapping it follows */
		struct page fake = { .private_data = mapping->rmap[index] };
		unsigned long vindex;
		struct vm_area_struct *vma = rmap_vma(ctx, &fake, &vindex);
		uint64_t pte;

		MM_BUG_ON(!vma);
		pte = vma->ptes[vindex];
		MM_BUG_ON(pte_pfn(pte) != page_to_pfn(mm, src));
		vma->ptes[vindex] = pfn_pte(page_to_pfn(mm, dst),
					    pte & ((1ULL << PTE_PFN_SHIFT) - 1));
	}
	if ((src->flags & PG_dirty) && page_zone(mm, src) != page_zone(mm, dst)) {
		/* the dirty counts follow the data to the new node and zone */
		struct zone *from = page_zone(mm, src), *to = page_zone(mm, dst);

		mod_node_state(from->zone_pgdat, NR_FILE_DIRTY, -1);
		from->nr_write_pending--;
		mod_node_state(to->zone_pgdat, NR_FILE_DIRTY, 1);
		to->nr_write_pending++;
	}
	dst->flags |= src->flags & moved;
	src->flags &= ~moved;
	lru_add(mm, dst);
	return 0;
}

static void cache_putback(struct mm_state *mm, struct page *page, void *ctx)
{
	(void)ctx;
	lru_add(mm, page);
}

static const struct movable_operations cache_ops = {
	.isolate_page = cache_isolate,
	.migrate_page = cache_migrate,
	.putback_page = cache_putback,
};

/* ---- setup ---- */

int filemap_init(struct mmsim *sim)
{
	const struct mmsim_config *cfg = &sim->cfg;
	struct mm_sim *ms = sim->mm;

	ms->pagecache_owner = mm_register_owner(&ms->mm, &cache_ops, ms);
	if (ms->pagecache_owner < 0)
		return ms->pagecache_owner;
	if (!cfg->nr_files)
		return 0;
	ms->mappings = calloc(cfg->nr_files, sizeof(*ms->mappings));
	if (!ms->mappings)
		return -ENOMEM;
	for (unsigned int i = 0; i < cfg->nr_files; i++) {
		const struct mmsim_file_config *fc = &cfg->files[i];
		struct address_space *mapping = calloc(1, sizeof(*mapping));

		if (!mapping)
			return -ENOMEM;
		ms->mappings[ms->nr_mappings++] = mapping;
		mapping->ms = ms;
		mapping->id = i;
		mapping->name = fc->name;
		mapping->bdev = blk_lookup(sim, fc->device);
		mapping->start_block = mmsim_config_file_offset(cfg, i) >> BLK_BLOCK_SHIFT;
		mapping->nr_pages = fc->size >> PAGE_SHIFT;
		mapping->ra.ra_pages = VM_READAHEAD_PAGES;
		mapping->ra.prev_index = ~0UL;
		init_waitqueue_head(sim, &mapping->wait);
		mapping->pages = big_calloc(mapping->nr_pages, sizeof(*mapping->pages));
		mapping->tags = big_calloc(mapping->nr_pages, sizeof(*mapping->tags));
		if (!mapping->bdev || !mapping->pages || !mapping->tags)
			return -ENOMEM;
		for (unsigned long p = 0; p < mapping->nr_pages; p++)
			mapping->pages[p] = PFN_NONE;
	}
	return 0;
}

void filemap_release(struct mmsim *sim)
{
	struct mm_sim *ms = sim->mm;

	if (!ms)
		return;
	for (unsigned int i = 0; i < ms->nr_mappings; i++) {
		struct address_space *mapping = ms->mappings[i];
		unsigned long n = mapping->nr_pages;

		big_free(mapping->pages, n, sizeof(*mapping->pages));
		big_free(mapping->tags, n, sizeof(*mapping->tags));
		big_free(mapping->rmap, n, sizeof(*mapping->rmap));
		big_free(mapping->shadow, n, sizeof(*mapping->shadow));
		free(mapping);
	}
	free(ms->mappings);
	ms->mappings = NULL;
	ms->nr_mappings = 0;
}

struct address_space *filemap_lookup(struct mm_sim *ms, const char *name)
{
	for (unsigned int i = 0; i < ms->nr_mappings; i++)
		if (!strcmp(ms->mappings[i]->name, name))
			return ms->mappings[i];
	return NULL;
}

bool filemap_check(struct mm_sim *ms)
{
	bool ok = true;

	for (unsigned int i = 0; i < ms->nr_mappings; i++) {
		struct address_space *mapping = ms->mappings[i];
		unsigned long cached = 0, dirty = 0, writeback = 0;

		if (mapping->tag_errors) {
			fprintf(stderr, "mmsim: file %s: %llu reads found a stale tag\n", mapping->name,
				(unsigned long long)mapping->tag_errors);
			ok = false;
		}
		for (unsigned long p = 0; p < mapping->nr_pages; p++) {
			const struct page *page;
			unsigned long index;

			if (mapping->pages[p] == PFN_NONE)
				continue;
			cached++;
			page = pfn_to_page(&ms->mm, mapping->pages[p]);
			dirty += !!(page->flags & PG_dirty);
			writeback += !!(page->flags & PG_writeback);
			if (page->owner != (uint32_t)ms->pagecache_owner ||
			    handle_mapping(ms, page, &index) != mapping || index != p ||
			    (!(page->flags & (PG_locked | PG_error)) && page->tag != mapping->tags[p])) {
				fprintf(stderr, "mmsim: file %s page %lu: pfn %u owner %u tag %llu "
					"(wrote %llu) flags %#x\n", mapping->name, p, mapping->pages[p],
					page->owner, (unsigned long long)page->tag,
					(unsigned long long)mapping->tags[p], page->flags);
				ok = false;
			}
		}
		if (cached != mapping->nrpages || dirty != mapping->nr_dirty ||
		    writeback != mapping->nr_writeback) {
			fprintf(stderr, "mmsim: file %s: %lu pages cached (counted %lu), %lu dirty "
				"(counted %lu), %lu under writeback (counted %lu)\n", mapping->name,
				cached, mapping->nrpages, dirty, mapping->nr_dirty, writeback,
				mapping->nr_writeback);
			ok = false;
		}
	}
	return ok;
}
