/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mm/mmzone.h - physical memory: pages, pageblocks, zones, nodes
 *
 * The shapes of include/linux/mmzone.h and mm_types.h (kernel 6.x), cut
 * to what the model needs.  Page metadata lives in one array indexed by
 * pfn (mem_map); list links are 32-bit pfns, not pointers, so a page costs
 * 40 bytes here (the kernel's struct page is 64).  Free lists are circular
 * doubly linked lists of pfns with a head holding the first pfn or
 * PFN_NONE.
 */
#ifndef MMSIM_MM_MMZONE_H
#define MMSIM_MM_MMZONE_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/vmstat.h"

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define MAX_PAGE_ORDER		10
#define NR_PAGE_ORDERS		(MAX_PAGE_ORDER + 1)
#define PAGE_ALLOC_COSTLY_ORDER	3
#define HPAGE_PMD_ORDER		9
#define HPAGE_PMD_NR		(1UL << HPAGE_PMD_ORDER)
#define pageblock_order		9
#define pageblock_nr_pages	(1UL << pageblock_order)
#define SWAP_CLUSTER_MAX	32UL
#define PFN_NONE		UINT32_MAX
#define MAX_NUMNODES		64

enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_PCPTYPES,			/* the number of types on the pcp lists */
	MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES,
	MIGRATE_CMA,
	MIGRATE_ISOLATE,
	MIGRATE_TYPES
};

enum zone_type {
	ZONE_DMA,
	ZONE_DMA32,
	ZONE_NORMAL,
	ZONE_MOVABLE,
	ZONE_DEVICE,
	MAX_NR_ZONES
};

/* The LRU lists of a node (enum lru_list in mm/mm.h names them). */
#define NR_LRU_LISTS_MAX	5

enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	WMARK_PROMO,
	NR_WMARK
};

/* page->flags bits (a subset of the kernel's page flags) */
enum pageflags {
	PG_buddy	= 1u << 0,	/* free, in a buddy free list (PageBuddy) */
	PG_reserved	= 1u << 1,	/* never handed out (memblock reserved) */
	PG_head		= 1u << 2,	/* first page of a compound allocation */
	PG_tail		= 1u << 3,
	PG_pcp		= 1u << 4,	/* free, on a per-CPU list */
	PG_movable	= 1u << 5,	/* allocated as MIGRATE_MOVABLE (PageLRU/__PageMovable) */
	PG_isolated	= 1u << 6,	/* taken by compaction: a migration source or target */
};

/**
 * struct page - what the model keeps per 4 KiB page (40 bytes)
 *
 * @next/@prev link the page into one free list (buddy or pcp) while free.
 * @order is the buddy order while PG_buddy, the compound order of a head.
 * @list_mt is the migratetype of the free list it is on.
 * @owner and @private_data say who holds an allocated movable page and
 * how to migrate it (struct movable_operations).
 * @tag is the content tag: the version last written, checked after moves.
 */
struct page {
	uint32_t flags;
	uint32_t next;
	uint32_t prev;
	uint8_t order;
	uint8_t list_mt;
	uint16_t memcg_id;		/* the memory cgroup charged for it, 0 = root (none) */
	uint32_t owner;			/* index into mm->owners, 0 = none (not migratable) */
	uint64_t tag;
	uint64_t private_data;		/* the owner's cookie for this page */
};

/** struct page_list - head of a pfn-linked list */
struct page_list {
	uint32_t head;
	uint32_t nr;
};

struct free_area {
	struct page_list free_list[MIGRATE_TYPES];
	unsigned long nr_free;		/* blocks of this order, all types */
};

/* per_cpu_pages lists: one per (pcp migratetype, order 0..3), one shared for the THP order */
#define NR_LOWORDER_PCP_LISTS	(MIGRATE_PCPTYPES * (PAGE_ALLOC_COSTLY_ORDER + 1))
#define NR_PCP_LISTS		(NR_LOWORDER_PCP_LISTS + 1)

struct per_cpu_pages {
	int count;			/* pages on the lists */
	int high;
	int batch;
	short free_factor;
	struct page_list lists[NR_PCP_LISTS];
};

struct zone {
	struct pglist_data *zone_pgdat;
	enum zone_type idx;
	const char *name;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;
	unsigned long present_pages;
	unsigned long managed_pages;
	unsigned long _watermark[NR_WMARK];
	unsigned long watermark_boost;
	unsigned long nr_reserved_highatomic;
	long lowmem_reserve[MAX_NR_ZONES];
	bool boosted_watermark;		/* ZONE_BOOSTED_WATERMARK */
	bool reclaim_active;		/* ZONE_RECLAIM_ACTIVE */
	struct free_area free_area[NR_PAGE_ORDERS];
	unsigned long nr_free_pages;	/* NR_FREE_PAGES */
	unsigned long nr_lru[NR_LRU_LISTS_MAX];	/* NR_ZONE_INACTIVE_ANON, ... */
	unsigned long nr_write_pending;	/* NR_ZONE_WRITE_PENDING: dirty + writeback */
	struct per_cpu_pages *pcp;	/* one per CPU */
	/* compaction */
	unsigned long compact_cached_free_pfn;
	unsigned long compact_init_free_pfn;	/* where a fresh free scan starts */
	unsigned long compact_cached_migrate_pfn[2];	/* [0] async, [1] sync */
	unsigned int compact_considered;
	unsigned int compact_defer_shift;
	int compact_order_failed;
	bool compact_blockskip_flush;
	/* Babka's 2017 RFC policy (model only): free blocks wanted per order */
	unsigned long compact_free_target[NR_PAGE_ORDERS];
};

/**
 * struct lruvec - the LRU lists of one memory cgroup on one node
 *
 * The root cgroup's are the node's (pg_data_t.lruvec); a [cgroup.NAME]'s
 * are in its struct mem_cgroup.  The counts a reclaimer reads for a whole
 * subtree (lruvec_page_state()) are, for the root, the node's: every
 * cgroup is a child of the root.
 */
struct lruvec {
	struct page_list lists[NR_LRU_LISTS_MAX];
	/* mem_cgroup_per_node.lru_zone_size: this lruvec's pages per zone */
	unsigned long lru_zone_size[MAX_NR_ZONES][NR_LRU_LISTS_MAX];
	/* lru_note_cost(): what reclaiming each type cost lately (I/O weighs 32x) */
	unsigned long anon_cost;
	unsigned long file_cost;
	/* workingset activations at the last reclaim (snapshot_refaults()) */
	unsigned long refaults[2];
	/* evictions + activations in the subtree (mm/workingset.c) */
	unsigned long nonresident_age;
	/*
	 * WORKINGSET_ACTIVATE_ANON/FILE of the subtree, and as readers see
	 * them: the memcg statistics are flushed (rstat) every FLUSH_TIME;
	 * likewise a cgroup's LRU sizes (NR_LRU_BASE + lru; the root's are
	 * read current, lruvec_page_state_lru())
	 */
	unsigned long workingset_activate[2];
	unsigned long workingset_activate_flushed[2];
	unsigned long lru_flushed[NR_LRU_LISTS_MAX];
	uint64_t stats_updated_ns;	/* when they last changed or were read */
	unsigned short memcg_id;	/* whose: 0 = the root */
	int nid;
};

/* pg_data_t.flags (enum pgdat_flags, and the lruvec's LRUVEC_NODE_CONGESTED) */
#define PGDAT_DIRTY		(1UL << 0)	/* reclaim met pages dirty, not queued for I/O */
#define PGDAT_WRITEBACK		(1UL << 1)	/* reclaim met only pages under writeback */
#define LRUVEC_NODE_CONGESTED	(1UL << 2)	/* every dirty page met is under writeback
						 * for reclaim (5.15: LRUVEC_CONGESTED) */

typedef struct pglist_data {
	int node_id;
	struct zone node_zones[MAX_NR_ZONES];
	int nr_zones;			/* highest populated zone + 1 */
	unsigned long node_start_pfn;
	unsigned long node_spanned_pages;
	struct lruvec lruvec;		/* the root cgroup's */
	unsigned int memcg_reclaim_iter;	/* where direct reclaim's next cgroup walk starts */
	unsigned long stat[NR_VM_NODE_STAT_ITEMS];	/* node_page_state() */
	unsigned long flags;		/* PGDAT_DIRTY, PGDAT_WRITEBACK, LRUVEC_NODE_CONGESTED */
	/* Babka's 2017 RFC policy (model only) */
	unsigned long compact_free_target_demand[NR_PAGE_ORDERS];	/* failures since last run */
	unsigned long compact_free_target_ema[NR_PAGE_ORDERS];
	unsigned long compact_free_target_registered[NR_PAGE_ORDERS];	/* declared needs */
	unsigned int compact_success_ema;	/* recent background success, per mille */
} pg_data_t;

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return pfn >= zone->zone_start_pfn && pfn < zone_end_pfn(zone);
}

static inline unsigned long wmark_pages(const struct zone *z, enum zone_watermarks w)
{
	return z->_watermark[w] + z->watermark_boost;
}

static inline unsigned long min_wmark_pages(const struct zone *z)
{
	return wmark_pages(z, WMARK_MIN);
}

static inline unsigned long low_wmark_pages(const struct zone *z)
{
	return wmark_pages(z, WMARK_LOW);
}

static inline unsigned long high_wmark_pages(const struct zone *z)
{
	return wmark_pages(z, WMARK_HIGH);
}

extern const char *const zone_names[MAX_NR_ZONES];
extern const char *const migratetype_names[MIGRATE_TYPES];

#endif /* MMSIM_MM_MMZONE_H */
