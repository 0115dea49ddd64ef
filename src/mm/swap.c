// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/swap.c - the LRU lists: adding, removing, checking
 *
 * Each memory cgroup has an lruvec per node (the root's is the node's
 * own) with the kernel's five lists, linked through the same pfn links a
 * free page uses for its free list (the kernel's page->lru and buddy_list
 * share a union too); the zones count every cgroup's pages.  New
 * pages go on the head of their list as lru_cache_add() puts them there
 * (the kernel batches through per-CPU folio batches first; here the add
 * is immediate).  Anonymous pages start inactive, as they do since 5.9.
 */
#include <stdio.h>
#include <stdlib.h>

#include "lib/compiler.h"
#include "mm/mm.h"

static void lru_link(struct mm_state *mm, struct page *page, bool tail)
{
	unsigned long pfn = page_to_pfn(mm, page);
	struct zone *zone = pfn_zone(mm, pfn);
	struct lruvec *lruvec = mem_cgroup_lruvec(mm, page->memcg_id, zone->zone_pgdat);
	enum lru_list lru = page_lru(page);

	MM_BUG_ON(page->flags & PG_lru);
	page->flags |= PG_lru;
	plist_add(mm, &lruvec->lists[lru], pfn, tail);
	lruvec->lru_zone_size[zone->idx][lru]++;
	zone->nr_lru[lru]++;
}

void lru_add(struct mm_state *mm, struct page *page)
{
	lru_link(mm, page, false);
}

void lru_add_tail(struct mm_state *mm, struct page *page)
{
	lru_link(mm, page, true);
}

void lru_del(struct mm_state *mm, struct page *page)
{
	unsigned long pfn = page_to_pfn(mm, page);
	struct zone *zone = pfn_zone(mm, pfn);
	struct lruvec *lruvec = mem_cgroup_lruvec(mm, page->memcg_id, zone->zone_pgdat);
	enum lru_list lru = page_lru(page);

	MM_BUG_ON(!(page->flags & PG_lru));
	plist_del(mm, &lruvec->lists[lru], pfn);
	lruvec->lru_zone_size[zone->idx][lru]--;
	zone->nr_lru[lru]--;
	page->flags &= ~PG_lru;
}

/* One lruvec's lists: linked pages belong there, counts agree. */
static bool lruvec_check(struct mm_state *mm, const struct lruvec *lruvec,
			 unsigned long *on_lists)
{
	bool ok = true;

	for (int l = 0; l < NR_LRU_LISTS; l++) {
		const struct page_list *list = &lruvec->lists[l];
		unsigned long n = 0, zones = 0, pfn = list->head;

		while (pfn != PFN_NONE) {
			const struct page *page = pfn_to_page(mm, pfn);

			if (!(page->flags & PG_lru) || page_lru(page) != (enum lru_list)l ||
			    pfn_zone(mm, pfn)->zone_pgdat->node_id != lruvec->nid ||
			    page->memcg_id != lruvec->memcg_id) {
				fprintf(stderr, "mmsim: node %d memcg %u LRU list %d holds pfn %lu "
					"with flags %#x, memcg %u\n", lruvec->nid, lruvec->memcg_id, l,
					pfn, page->flags, page->memcg_id);
				ok = false;
			}
			n++;
			pfn = page->next;
			if (pfn == list->head || n > mm->nr_pfns)
				break;
		}
		for (int z = 0; z < MAX_NR_ZONES; z++)
			zones += lruvec->lru_zone_size[z][l];
		if (n != list->nr || zones != n) {
			fprintf(stderr, "mmsim: node %d memcg %u LRU list %d: %lu pages linked, "
				"%u counted, %lu in its zone counts\n", lruvec->nid, lruvec->memcg_id,
				l, n, list->nr, zones);
			ok = false;
		}
		*on_lists += n;
	}
	return ok;
}

bool lru_check(struct mm_state *mm)
{
	unsigned long on_lists = 0, flagged = 0;
	bool ok = true;

	for (int nid = 0; nid < mm->nr_nodes; nid++) {
		pg_data_t *pgdat = &mm->nodes[nid];

		for (unsigned int id = 0; id < mm->nr_memcgs; id++)
			ok &= lruvec_check(mm, mem_cgroup_lruvec(mm, id, pgdat), &on_lists);
		/* the zones count every cgroup's pages */
		for (int z = 0; z < MAX_NR_ZONES; z++)
			for (int l = 0; l < NR_LRU_LISTS; l++) {
				unsigned long sum = 0;

				for (unsigned int id = 0; id < mm->nr_memcgs; id++)
					sum += mem_cgroup_lruvec(mm, id, pgdat)->lru_zone_size[z][l];
				if (sum != pgdat->node_zones[z].nr_lru[l]) {
					fprintf(stderr, "mmsim: node %d zone %d LRU list %d: zone count "
						"%lu, lruvecs %lu\n", nid, z, l,
						pgdat->node_zones[z].nr_lru[l], sum);
					ok = false;
				}
			}
	}
	for (unsigned long pfn = 0; pfn < mm->nr_pfns; pfn++)
		flagged += !!(mm->mem_map[pfn].flags & PG_lru);
	if (flagged != on_lists) {
		fprintf(stderr, "mmsim: %lu pages are PG_lru, %lu on LRU lists\n", flagged, on_lists);
		ok = false;
	}
	return ok;
}
