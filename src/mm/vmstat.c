// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/vmstat.c - counter names and the /proc formats of the allocator
 *
 * vmstat_text[] of mm/vmstat.c for the event counters the model keeps, and
 * the allocator's /proc and debugfs files in the kernel's formats:
 * buddyinfo, pagetypeinfo, zoneinfo (watermarks, counts, pagesets),
 * vmstat, extfrag/extfrag_index and extfrag/unusable_index, with
 * __fragmentation_index(), unusable_free_index() and extfrag_for_order().
 * Simplified: zoneinfo prints only the per-zone items the model keeps.
 */
#include "mm/vmstat.h"

#include <stdarg.h>

#include "lib/compiler.h"
#include "mm/internal.h"

static const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
#define MM_VM_EVENT_NAME(id, name) [id] = name,
	MM_VM_EVENTS(MM_VM_EVENT_NAME)
#undef MM_VM_EVENT_NAME
};

static const char *const node_stat_names[NR_VM_NODE_STAT_ITEMS] = {
#define MM_NODE_STAT_NAME(id, name) [id] = name,
	MM_NODE_STATS(MM_NODE_STAT_NAME)
#undef MM_NODE_STAT_NAME
};

const char *node_stat_name(enum node_stat_item item)
{
	return node_stat_names[item];
}

const char *vm_event_name(enum vm_event_item item)
{
	MM_BUG_ON((unsigned int)item >= NR_VM_EVENT_ITEMS);
	return vm_event_names[item];
}

void mm_trace(struct mm_state *mm, enum mm_trace_event ev, const char *fmt, ...)
{
	char payload[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(payload, sizeof(payload), fmt, ap);
	va_end(ap);
	mm->ops.trace(mm, ev, payload);
}

/* ======================================================================
 * /proc formats (mm/vmstat.c: frag_show_print, pagetypeinfo_show,
 * zoneinfo_show_print, extfrag_show_print, unusable_show_print)
 * ====================================================================== */

#define for_each_populated_zone_of(mm, pgdat, zone)				\
	for (int nid_ = 0; nid_ < (mm)->nr_nodes; nid_++)			\
		for (int z_ = 0; z_ < MAX_NR_ZONES; z_++)			\
			if (((pgdat) = &(mm)->nodes[nid_]),			\
			    ((zone) = &(pgdat)->node_zones[z_]),		\
			    populated_zone(zone))

void mm_show_buddyinfo(FILE *out, struct mm_state *mm)
{
	pg_data_t *pgdat;
	struct zone *zone;

	for_each_populated_zone_of(mm, pgdat, zone) {
		fprintf(out, "Node %d, zone %8s ", pgdat->node_id, zone->name);
		for (int o = 0; o < NR_PAGE_ORDERS; o++)
			fprintf(out, "%6lu ", zone->free_area[o].nr_free);
		fputc('\n', out);
	}
}

void mm_show_pagetypeinfo(FILE *out, struct mm_state *mm)
{
	pg_data_t *pgdat;
	struct zone *zone;

	fprintf(out, "Page block order: %d\n", pageblock_order);
	fprintf(out, "Pages per block:  %lu\n\n", pageblock_nr_pages);
	fprintf(out, "%-43s ", "Free pages count per migrate type at order");
	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		fprintf(out, "%6d ", o);
	fputc('\n', out);
	for_each_populated_zone_of(mm, pgdat, zone)
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			fprintf(out, "Node %4d, zone %8s, type %12s ", pgdat->node_id, zone->name,
				migratetype_names[mt]);
			for (int o = 0; o < NR_PAGE_ORDERS; o++) {
				unsigned long n = zone->free_area[o].free_list[mt].nr;
				/* the kernel stops counting at 100000 and prints ">100000" */
				fprintf(out, "%s%6lu ", n >= 100000 ? ">" : "", n >= 100000 ? 100000 : n);
			}
			fputc('\n', out);
		}
	fprintf(out, "\n%-23s", "Number of blocks type ");
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		fprintf(out, "%12s ", migratetype_names[mt]);
	fputc('\n', out);
	for_each_populated_zone_of(mm, pgdat, zone) {
		unsigned long count[MIGRATE_TYPES] = { 0 };
		unsigned long start = zone->zone_start_pfn & ~(pageblock_nr_pages - 1);

		for (unsigned long pfn = start; pfn < zone_end_pfn(zone); pfn += pageblock_nr_pages)
			if (zone_spans_pfn(zone, pfn))
				count[get_pageblock_migratetype(mm, pfn)]++;
		fprintf(out, "Node %d, zone %8s ", pgdat->node_id, zone->name);
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			fprintf(out, "%12lu ", count[mt]);
		fputc('\n', out);
	}
}

void mm_show_zoneinfo(FILE *out, struct mm_state *mm)
{
	for (int nid = 0; nid < mm->nr_nodes; nid++) {
		pg_data_t *pgdat = &mm->nodes[nid];

		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			fprintf(out, "Node %d, zone %8s", nid, zone_names[z]);
			fprintf(out,
				"\n  pages free     %lu"
				"\n        boost    %lu"
				"\n        min      %lu"
				"\n        low      %lu"
				"\n        high     %lu"
				"\n        promo    %lu"
				"\n        spanned  %lu"
				"\n        present  %lu"
				"\n        managed  %lu"
				"\n        cma      %lu",
				zone->nr_free_pages, zone->watermark_boost,
				min_wmark_pages(zone), low_wmark_pages(zone),
				high_wmark_pages(zone), wmark_pages(zone, WMARK_PROMO),
				zone->spanned_pages, zone->present_pages, zone->managed_pages, 0UL);
			fprintf(out, "\n        protection: (%ld", zone->lowmem_reserve[0]);
			for (int i = 1; i < MAX_NR_ZONES; i++)
				fprintf(out, ", %ld", zone->lowmem_reserve[i]);
			fputc(')', out);
			if (!populated_zone(zone)) {
				fputc('\n', out);
				continue;
			}
			fprintf(out, "\n      %-12s %lu", "nr_free_pages", zone->nr_free_pages);
			fprintf(out, "\n  pagesets");
			for (unsigned int cpu = 0; cpu < mm->nr_cpus; cpu++)
				fprintf(out,
					"\n    cpu: %u"
					"\n              count: %d"
					"\n              high:  %d"
					"\n              batch: %d",
					cpu, zone->pcp[cpu].count, zone->pcp[cpu].high,
					zone->pcp[cpu].batch);
			fprintf(out, "\n  node_unreclaimable:  %u\n  start_pfn:           %lu\n",
				0u, zone->zone_start_pfn);
		}
	}
}

void mm_show_vmstat(FILE *out, struct mm_state *mm)
{
	unsigned long nr_free = 0;
	pg_data_t *pgdat;
	struct zone *zone;

	static const char *const lru_names[NR_LRU_LISTS_MAX] = {
		"nr_inactive_anon", "nr_active_anon", "nr_inactive_file", "nr_active_file",
		"nr_unevictable",
	};
	unsigned long lru[NR_LRU_LISTS_MAX] = { 0 };

	/* the node's pages on each list, every cgroup's: the zones count them all */
	for_each_populated_zone_of(mm, pgdat, zone) {
		nr_free += zone->nr_free_pages;
		for (int l = 0; l < NR_LRU_LISTS_MAX; l++)
			lru[l] += zone->nr_lru[l];
	}
	fprintf(out, "nr_free_pages %lu\n", nr_free);
	/* the kernel's zone and node items come first, in its order */
	for (int l = 0; l < NR_LRU_LISTS_MAX; l++)
		fprintf(out, "%s %lu\n", lru_names[l], lru[l]);
	for (int i = 0; i < NR_VM_NODE_STAT_ITEMS; i++) {
		unsigned long v = 0;

		for (int nid = 0; nid < mm->nr_nodes; nid++)
			v += mm->nodes[nid].stat[i];
		fprintf(out, "%s %lu\n", node_stat_names[i], v);
	}
	{
		unsigned long bg, thresh;

		global_dirty_limits(mm, &bg, &thresh);
		fprintf(out, "nr_dirty_threshold %lu\nnr_dirty_background_threshold %lu\n",
			thresh, bg);
	}
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		fprintf(out, "%s %llu\n", vm_event_names[i], (unsigned long long)mm->events[i]);
}

/* fill_contig_page_info() */
struct contig_page_info {
	unsigned long free_pages;
	unsigned long free_blocks_total;
	unsigned long free_blocks_suitable;
};

static void fill_contig_page_info(const struct zone *zone, unsigned int suitable_order,
				  struct contig_page_info *info)
{
	info->free_pages = info->free_blocks_total = info->free_blocks_suitable = 0;
	for (unsigned int o = 0; o < NR_PAGE_ORDERS; o++) {
		unsigned long blocks = zone->free_area[o].nr_free;

		info->free_blocks_total += blocks;
		info->free_pages += blocks << o;
		if (o >= suitable_order)
			info->free_blocks_suitable += blocks << (o - suitable_order);
	}
}

int fragmentation_index(const struct zone *zone, unsigned int order)
{
	struct contig_page_info info;
	unsigned long requested = 1UL << order;

	fill_contig_page_info(zone, order, &info);
	if (!info.free_blocks_total)
		return 0;
	if (info.free_blocks_suitable)
		return -1000;
	return (int)(1000 - ((1000 + info.free_pages * 1000 / requested) / info.free_blocks_total));
}

int unusable_free_index(const struct zone *zone, unsigned int order)
{
	struct contig_page_info info;

	fill_contig_page_info(zone, order, &info);
	if (!info.free_pages)
		return 1000;
	return (int)((info.free_pages - (info.free_blocks_suitable << order)) * 1000 / info.free_pages);
}

unsigned int extfrag_for_order(const struct zone *zone, unsigned int order)
{
	struct contig_page_info info;

	fill_contig_page_info(zone, order, &info);
	if (!info.free_pages)
		return 0;
	return (unsigned int)((info.free_pages - (info.free_blocks_suitable << order)) * 100 /
			      info.free_pages);
}

/* One line per zone of @index at every order, printed as index/1000 with @fmt. */
static void show_index(FILE *out, struct mm_state *mm, int (*index)(const struct zone *, unsigned int),
		       const char *fmt)
{
	pg_data_t *pgdat;
	struct zone *zone;

	for_each_populated_zone_of(mm, pgdat, zone) {
		fprintf(out, "Node %d, zone %8s ", pgdat->node_id, zone->name);
		for (unsigned int o = 0; o < NR_PAGE_ORDERS; o++) {
			int v = index(zone, o);

			/* index/1000 and the remainder, so -1000 prints as -1.000 */
			fprintf(out, fmt, v / 1000, (v < 0 ? -v : v) % 1000);
		}
		fputc('\n', out);
	}
}

void mm_show_extfrag_index(FILE *out, struct mm_state *mm)
{
	show_index(out, mm, fragmentation_index, "%2d.%03d ");
}

void mm_show_unusable_index(FILE *out, struct mm_state *mm)
{
	show_index(out, mm, unusable_free_index, "%d.%03d ");
}
