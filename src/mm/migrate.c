// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/migrate.c - page migration through the owners of movable pages
 *
 * The kernel migrates LRU folios through their address_space and other
 * movable pages through movable_operations (isolate_page, migrate_page,
 * putback_page).  Here every migratable page has an owner registered with
 * the allocator (a workload's block list now; anonymous memory, the page
 * cache and slab with movable objects later), and one interface serves
 * all of them, so compaction never needs to know who owns a page.
 *
 * migrate_one_page() copies the content tag to the new page, lets the
 * owner repoint its references, and frees the old page to the buddy
 * allocator.  The CPU cost of the copy and remap is charged by the caller
 * (compaction runs in a task).  Simplified: only order-0 pages migrate;
 * no rmap walk, no writeback or dirty handling (there is no page cache
 * yet), no -EAGAIN retries beyond the owner's own refusal.
 */
#include <errno.h>

#include "lib/compiler.h"
#include "mm/internal.h"

int mm_register_owner(struct mm_state *mm, const struct movable_operations *ops, void *ctx)
{
	if (mm->nr_owners + 1 >= MM_MAX_OWNERS)
		return -ENOSPC;
	mm->nr_owners++;
	mm->owners[mm->nr_owners].ops = ops;
	mm->owners[mm->nr_owners].ctx = ctx;
	return (int)mm->nr_owners;
}

static const struct mm_owner *page_owner_of(const struct mm_state *mm, const struct page *page)
{
	if (!page->owner || page->owner > mm->nr_owners)
		return NULL;
	return &mm->owners[page->owner];
}

bool isolate_movable_page(struct mm_state *mm, struct page *page)
{
	const struct mm_owner *o = page_owner_of(mm, page);

	if (!o || !o->ops->isolate_page)
		return false;
	return o->ops->isolate_page(mm, page, o->ctx);
}

void putback_movable_page(struct mm_state *mm, struct page *page)
{
	const struct mm_owner *o = page_owner_of(mm, page);

	if (o && o->ops->putback_page)
		o->ops->putback_page(mm, page, o->ctx);
}

int migrate_one_page(struct mm_state *mm, struct page *dst, struct page *src)
{
	const struct mm_owner *o = page_owner_of(mm, src);
	int ret;

	MM_BUG_ON(!o);
	dst->tag = src->tag;
	dst->owner = src->owner;
	dst->private_data = src->private_data;
	dst->flags |= src->flags & PG_movable;
	/* mem_cgroup_migrate(): the charge moves with the page (its LRU is the cgroup's) */
	dst->memcg_id = src->memcg_id;
	ret = o->ops->migrate_page(mm, dst, src, o->ctx);
	if (ret) {
		dst->owner = 0;
		dst->private_data = 0;
		dst->memcg_id = 0;
		mm->events[PGMIGRATE_FAIL]++;
		return ret;
	}
	mm->events[PGMIGRATE_SUCCESS]++;
	src->memcg_id = 0;
	src->owner = 0;
	src->private_data = 0;
	return 0;
}
