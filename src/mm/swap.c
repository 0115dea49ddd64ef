// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/swap.c - the LRU lists: adding, removing, checking
 *
 * Each node has one lruvec (no memory cgroups) with the kernel's five
 * lists, linked through the same pfn links a free page uses for its free
 * list (the kernel's page->lru and buddy_list share a union too).  New
 * pages go on the head of their list as lru_cache_add() puts them there
 * (the kernel batches through per-CPU folio batches first; here the add
 * is immediate).  Anonymous pages start inactive, as they do since 5.9.
 */
#include <stdio.h>
#include <stdlib.h>

#include "lib/compiler.h"
#include "mm/mm.h"

void lru_add(struct mm_state *mm, struct page *page)
{
	unsigned long pfn = page_to_pfn(mm, page);
	struct zone *zone = pfn_zone(mm, pfn);
	enum lru_list lru = page_lru(page);

	MM_BUG_ON(page->flags & PG_lru);
	page->flags |= PG_lru;
	plist_add(mm, &zone->zone_pgdat->lruvec.lists[lru], pfn, false);
	zone->nr_lru[lru]++;
}

void lru_add_tail(struct mm_state *mm, struct page *page)
{
	unsigned long pfn = page_to_pfn(mm, page);
	struct zone *zone = pfn_zone(mm, pfn);
	enum lru_list lru = page_lru(page);

	MM_BUG_ON(page->flags & PG_lru);
	page->flags |= PG_lru;
	plist_add(mm, &zone->zone_pgdat->lruvec.lists[lru], pfn, true);
	zone->nr_lru[lru]++;
}

void lru_del(struct mm_state *mm, struct page *page)
{
	unsigned long pfn = page_to_pfn(mm, page);
	struct zone *zone = pfn_zone(mm, pfn);
	enum lru_list lru = page_lru(page);

	MM_BUG_ON(!(page->flags & PG_lru));
	plist_del(mm, &zone->zone_pgdat->lruvec.lists[lru], pfn);
	zone->nr_lru[lru]--;
	page->flags &= ~PG_lru;
}

bool lru_check(struct mm_state *mm)
{
	unsigned long on_lists = 0, flagged = 0;
	bool ok = true;

	for (int nid = 0; nid < mm->nr_nodes; nid++) {
		const pg_data_t *pgdat = &mm->nodes[nid];

		for (int l = 0; l < NR_LRU_LISTS; l++) {
			const struct page_list *list = &pgdat->lruvec.lists[l];
			unsigned long n = 0, pfn = list->head;

			while (pfn != PFN_NONE) {
				const struct page *page = pfn_to_page(mm, pfn);

				if (!(page->flags & PG_lru) || page_lru(page) != (enum lru_list)l ||
				    pfn_zone(mm, pfn)->zone_pgdat != pgdat) {
					fprintf(stderr, "mmsim: node %d LRU list %d holds pfn %lu with flags %#x\n",
						nid, l, pfn, page->flags);
					ok = false;
				}
				n++;
				pfn = page->next;
				if (pfn == list->head || n > mm->nr_pfns)
					break;
			}
			if (n != list->nr) {
				fprintf(stderr, "mmsim: node %d LRU list %d: %lu pages linked, %u counted\n",
					nid, l, n, list->nr);
				ok = false;
			}
			on_lists += n;
		}
	}
	for (unsigned long pfn = 0; pfn < mm->nr_pfns; pfn++)
		flagged += !!(mm->mem_map[pfn].flags & PG_lru);
	for (int nid = 0; nid < mm->nr_nodes; nid++)
		for (int l = 0; l < NR_LRU_LISTS; l++) {
			unsigned long zones = 0;

			for (int z = 0; z < MAX_NR_ZONES; z++)
				zones += mm->nodes[nid].node_zones[z].nr_lru[l];
			if (zones != mm->nodes[nid].lruvec.lists[l].nr) {
				fprintf(stderr, "mmsim: node %d LRU list %d: zones count %lu, list %u\n",
					nid, l, zones, mm->nodes[nid].lruvec.lists[l].nr);
				ok = false;
			}
		}
	if (flagged != on_lists) {
		fprintf(stderr, "mmsim: %lu pages are PG_lru, %lu on LRU lists\n", flagged, on_lists);
		ok = false;
	}
	return ok;
}
