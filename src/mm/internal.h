/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mm/internal.h - mm-private interfaces, grouped by the file that defines them
 */
#ifndef MMSIM_MM_INTERNAL_H
#define MMSIM_MM_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "mm/gfp.h"
#include "mm/mmzone.h"
#include "mm/vmstat.h"

/* Internal allocation flags (mm/internal.h ALLOC_*), kernel 6.2 values. */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_HIGH	WMARK_HIGH
#define ALLOC_NO_WATERMARKS	0x04
#define ALLOC_WMARK_MASK	(ALLOC_NO_WATERMARKS - 1)
#define ALLOC_OOM		0x08
#define ALLOC_HARDER		0x10
#define ALLOC_HIGH		0x20
#define ALLOC_CPUSET		0x40
#define ALLOC_CMA		0x80
#define ALLOC_NOFRAGMENT	0x100
#define ALLOC_KSWAPD		0x800

/**
 * struct mm_node_layout - one NUMA node's memory
 * @pages: 4 KiB pages on the node
 * @movable_pages: pages at the node's top that form ZONE_MOVABLE (movablecore=)
 */
struct mm_node_layout {
	unsigned long pages;
	unsigned long movable_pages;
};

/** struct mm_layout - the machine's memory, nodes laid out from pfn 0 up */
struct mm_layout {
	int nr_nodes;
	struct mm_node_layout node[MAX_NUMNODES];
	unsigned int nr_cpus;
	/* sysctls; 0 means the kernel's default */
	unsigned long min_free_kbytes;
	unsigned int watermark_scale_factor;
	unsigned int watermark_boost_factor;	/* default 15000; UINT_MAX asks for 0 */
	const unsigned int *cpu_node;		/* node of each CPU; NULL: all on node 0 */
};

/* Counters of the model beyond /proc/vmstat. */
struct mm_alloc_stats {
	uint64_t extfrag_events;	/* mm_page_alloc_extfrag tracepoints */
	uint64_t pageblock_steals;	/* extfrag events that changed a block's owner */
	uint64_t alloc_fail;		/* __alloc_pages() returned NULL */
};

enum compact_result {
	COMPACT_NOT_SUITABLE_ZONE,
	COMPACT_SKIPPED,
	COMPACT_DEFERRED,
	COMPACT_NO_SUITABLE_PAGE,
	COMPACT_CONTINUE,
	COMPACT_COMPLETE,
	COMPACT_PARTIAL_SKIPPED,
	COMPACT_CONTENDED,
	COMPACT_SUCCESS,
};

enum compact_priority {
	COMPACT_PRIO_SYNC_FULL,
	MIN_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_FULL,
	COMPACT_PRIO_SYNC_LIGHT,
	MIN_COMPACT_COSTLY_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	DEF_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	COMPACT_PRIO_ASYNC,
	INIT_COMPACT_PRIORITY = COMPACT_PRIO_ASYNC,
};

#define MAX_RECLAIM_RETRIES	16
#define MAX_COMPACT_RETRIES	16

/**
 * struct alloc_context - what one allocation works with (mm/internal.h)
 * @zonelist: zones to try, in order (node fallback order, then zone order)
 * @nr_zones: entries in @zonelist
 * @nodemask: allowed nodes, bit per node; 0 = all
 * @preferred_zone: first usable zone of @zonelist
 * @migratetype: from the gfp mobility bits
 * @highest_zoneidx: from gfp_zone()
 * @cpu: the CPU allocating (its pcp lists, its node for numa_local)
 */
struct alloc_context {
	struct zone *zonelist[MAX_NUMNODES * MAX_NR_ZONES];
	int nr_zones;
	uint64_t nodemask;
	struct zone *preferred_zone;
	int migratetype;
	enum zone_type highest_zoneidx;
	unsigned int cpu;
};

struct mm_state;

/* CPU work the mm charges to the task doing it (struct mm_reclaim_ops.charge) */
enum mm_work {
	MM_WORK_COMPACT_SCAN,		/* a pfn looked at by a compaction scanner */
	MM_WORK_MIGRATE_PAGE,		/* a base page migrated: unmap, copy, remap */
	MM_WORK_RECLAIM_SCAN,		/* a page looked at by reclaim's LRU scan */
	NR_MM_WORK
};

/* The mm's tracepoints (include/trace/events/compaction.h, kmem.h) */
enum mm_trace_event {
	MM_TRACE_COMPACTION_BEGIN,
	MM_TRACE_COMPACTION_END,
	MM_TRACE_COMPACTION_MIGRATEPAGES,
	MM_TRACE_COMPACTION_FAST_ISOLATE_FREEPAGES,
	MM_TRACE_COMPACTION_TRY_TO_COMPACT_PAGES,
	MM_TRACE_COMPACTION_WAKEUP_KCOMPACTD,
	MM_TRACE_COMPACTION_KCOMPACTD_WAKE,
	MM_TRACE_COMPACTION_KCOMPACTD_SLEEP,
	MM_TRACE_PAGE_ALLOC_EXTFRAG,
	MM_TRACE_VMSCAN_DIRECT_RECLAIM_BEGIN,
	MM_TRACE_VMSCAN_DIRECT_RECLAIM_END,
	MM_TRACE_VMSCAN_MEMCG_RECLAIM_BEGIN,
	MM_TRACE_VMSCAN_MEMCG_RECLAIM_END,
	MM_TRACE_VMSCAN_LRU_SHRINK_INACTIVE,
	MM_TRACE_VMSCAN_KSWAPD_WAKE,
	MM_TRACE_VMSCAN_KSWAPD_SLEEP,
	MM_TRACE_VMSCAN_WAKEUP_KSWAPD,
	MM_TRACE_VMSCAN_WRITE_FOLIO,
	MM_TRACE_VMSCAN_THROTTLED,
	MM_TRACE_WRITEBACK_CONGESTION_WAIT,
	MM_TRACE_WRITEBACK_WAIT_IFF_CONGESTED,
	MM_TRACE_MARK_VICTIM,
	NR_MM_TRACE_EVENTS
};

/**
 * struct mm_reclaim_ops - how the slow path reaches reclaim, compaction, OOM
 *
 * Filled in by the modules that implement them (vmscan, compaction,
 * oom_kill).  Any may be NULL: the slow path then behaves as a kernel
 * without that feature: no kswapd to wake, no progress from reclaim,
 * COMPACT_SKIPPED, no OOM kill.
 */
struct mm_reclaim_ops {
	/* wakeup_kswapd() for @zone's node */
	void (*wakeup_kswapd)(struct mm_state *mm, struct zone *zone, gfp_t gfp,
			      unsigned int order, enum zone_type highest_zoneidx);
	/* try_to_free_pages(): pages reclaimed (progress) */
	unsigned long (*try_to_free_pages)(struct mm_state *mm, const struct alloc_context *ac,
					   gfp_t gfp, unsigned int order);
	/* try_to_compact_pages(); may hand over a captured block in *@capture */
	enum compact_result (*try_to_compact_pages)(struct mm_state *mm,
						    const struct alloc_context *ac, gfp_t gfp,
						    unsigned int order, unsigned int alloc_flags,
						    enum compact_priority prio, struct page **capture);
	/* out_of_memory(): true if the allocation may retry (a kill, or one in flight) */
	bool (*out_of_memory)(struct mm_state *mm, const struct alloc_context *ac, gfp_t gfp,
			      unsigned int order);
	/*
	 * 5.15's should_reclaim_retry(): congestion_wait(BLK_RW_ASYNC, HZ/10)
	 * when reclaim made no progress and over half of what is reclaimable
	 * is dirty or under writeback; NULL since 5.16
	 */
	void (*congestion_wait)(struct mm_state *mm);
	/* tsk_is_oom_victim(current): the OOM killer chose the allocating task's process */
	bool (*tsk_is_oom_victim)(struct mm_state *mm);
	/* zone_reclaimable_pages() for should_reclaim_retry() */
	unsigned long (*zone_reclaimable_pages)(struct mm_state *mm, struct zone *zone);
	/* cond_resched() in the allocating task; NULL outside a simulation */
	void (*cond_resched)(struct mm_state *mm);
	/* spend the CPU time of @n units of @work; other tasks may run meanwhile */
	void (*charge)(struct mm_state *mm, enum mm_work work, unsigned long n);
	/* tracepoints: is @ev recorded; record @ev with its TP_printk payload */
	bool (*trace_on)(struct mm_state *mm, enum mm_trace_event ev);
	void (*trace)(struct mm_state *mm, enum mm_trace_event ev, const char *payload);
};

/** mm_trace_on - is tracepoint @ev being recorded? */
static inline bool mm_trace_on(struct mm_state *mm, enum mm_trace_event ev);

/**
 * struct movable_operations - how the owner of movable pages lets them move
 * @isolate_page: take @page out of the owner's use for migration; false if busy
 * @migrate_page: @dst now holds @src's content (tag copied): repoint the
 *                owner's reference from @src to @dst; 0, or -EAGAIN to refuse
 * @putback_page: migration gave up: @page is the owner's again, unchanged
 *
 * The kernel's movable_operations (include/linux/migrate.h) for non-LRU
 * pages; here every movable page, LRU or not, goes through one of these.
 */
struct movable_operations {
	bool (*isolate_page)(struct mm_state *mm, struct page *page, void *ctx);
	int (*migrate_page)(struct mm_state *mm, struct page *dst, struct page *src, void *ctx);
	void (*putback_page)(struct mm_state *mm, struct page *page, void *ctx);
};

struct mm_owner {
	const struct movable_operations *ops;
	void *ctx;
};

#define MM_MAX_OWNERS	256

/* compaction_capture(): a block freed during direct compaction goes straight to the compactor */
struct capture_control {
	struct zone *zone;
	unsigned int order;
	int migratetype;
	struct page *page;
};

/* memory cgroup events (memory.stat, memory.events), counted per cgroup */
enum memcg_event_item {
	MEMCG_PGSCAN_KSWAPD,
	MEMCG_PGSCAN_DIRECT,
	MEMCG_PGSTEAL_KSWAPD,
	MEMCG_PGSTEAL_DIRECT,
	MEMCG_RECLAIM,		/* try_to_free_mem_cgroup_pages() calls (the model's) */
	MEMCG_OOM,		/* memory.events oom */
	MEMCG_OOM_KILL,		/* memory.events oom_kill */
	NR_MEMCG_EVENTS
};

/**
 * struct mem_cgroup - a memory cgroup of the cgroup v1 controller
 *
 * mm->memcgs[0] is the root: no limit, nothing charged, the nodes' own
 * lruvecs.  The others are [cgroup.NAME] sections, each a child of the
 * root with an lruvec per node; a page charged to one carries its id in
 * page->memcg_id from the charge until it is freed.
 */
struct mem_cgroup {
	char name[65];			/* "/" and a [cgroup.NAME] NAME (at most 63) */
	unsigned short id;		/* index in mm->memcgs; 0 = root */
	unsigned long limit;		/* memory.limit_in_bytes, pages; ULONG_MAX = none */
	unsigned long usage;		/* the page_counter: pages charged */
	unsigned long watermark;	/* memory.max_usage_in_bytes, pages */
	unsigned long failcnt;		/* memory.failcnt: charges that met the limit */
	unsigned int swappiness;	/* memory.swappiness */
	struct lruvec *lruvec;		/* [nr_nodes]; NULL for the root */
	unsigned long events[NR_MEMCG_EVENTS];
};

struct mm_state {
	struct page *mem_map;
	unsigned long nr_pfns;
	uint8_t *pageblock_flags;	/* per pageblock: migratetype | PB_SKIP */
	pg_data_t nodes[MAX_NUMNODES];
	int nr_nodes;
	unsigned int nr_cpus;
	unsigned long min_free_kbytes;
	unsigned int watermark_scale_factor;
	unsigned int watermark_boost_factor;
	bool page_group_by_mobility_disabled;
	unsigned int cpu_node[1024];	/* cpu -> node, for numa_local/other */
	struct mm_reclaim_ops ops;
	struct mm_owner owners[MM_MAX_OWNERS];	/* [0] unused: owner 0 = none */
	unsigned int nr_owners;
	struct capture_control *capc;	/* the direct compactor's, while it runs */
	unsigned int extfrag_threshold;	/* vm.extfrag_threshold, default 500 */
	unsigned int lowmem_reserve_ratio[MAX_NR_ZONES];	/* vm.lowmem_reserve_ratio */
	unsigned int compaction_proactiveness;	/* vm.compaction_proactiveness, default 20 */
	unsigned int dirty_ratio;		/* vm.dirty_ratio, default 20 */
	unsigned int dirty_background_ratio;	/* vm.dirty_background_ratio, default 10 */
	uint64_t events[NR_VM_EVENT_ITEMS];
	struct mm_alloc_stats stats;
	uint64_t next_tag;		/* content tags handed out by writers */
	bool track_demand;		/* Babka policy: the slow path records demand */
	bool memcg_stats_exact;		/* [model] memcg_stats=every_reclaim */
	/* memory cgroups (mm/memcontrol.c): [0] the root; none before mem_cgroup_init() */
	struct mem_cgroup *memcgs;
	unsigned int nr_memcgs;
};

/** mem_cgroup_uncharge - @page is freed: its cgroup's charge goes (page_counter_uncharge()) */
static inline void mem_cgroup_uncharge(struct mm_state *mm, struct page *page)
{
	mm->memcgs[page->memcg_id].usage--;
	page->memcg_id = 0;
}

static inline bool mm_trace_on(struct mm_state *mm, enum mm_trace_event ev)
{
	return mm->ops.trace_on && mm->ops.trace_on(mm, ev);
}

/**
 * mm_trace - record tracepoint @ev with a TP_printk-style payload
 *
 * Call only when mm_trace_on(): the payload is formatted for nothing otherwise.
 */
__attribute__((format(printf, 3, 4)))
void mm_trace(struct mm_state *mm, enum mm_trace_event ev, const char *fmt, ...);

/** current_is_oom_victim - tsk_is_oom_victim(current): ALLOC_OOM, and no looping */
static inline bool current_is_oom_victim(struct mm_state *mm)
{
	return mm->ops.tsk_is_oom_victim && mm->ops.tsk_is_oom_victim(mm);
}

/** mm_charge - spend the CPU time of @n units of @work in the current task */
static inline void mm_charge(struct mm_state *mm, enum mm_work work, unsigned long n)
{
	if (mm->ops.charge && n)
		mm->ops.charge(mm, work, n);
}

/* Where the kernel's struct pages would be (x86-64 vmemmap), for %p-style fields */
#define MM_VMEMMAP_BASE			0xffffea0000000000UL
#define MM_KERNEL_STRUCT_PAGE_SIZE	64UL

#define PB_MIGRATE_MASK	0x07
#define PB_SKIP		0x08

#define COMPACT_CLUSTER_MAX	SWAP_CLUSTER_MAX
#define COMPACT_MAX_DEFER_SHIFT	6

enum migrate_mode {
	MIGRATE_ASYNC,
	MIGRATE_SYNC_LIGHT,
	MIGRATE_SYNC,
};

/**
 * struct compact_control - one compaction run (mm/internal.h)
 *
 * Isolated free pages wait on @freepages, one pfn list per order, out of
 * the buddy lists; isolated pages to migrate are in @migratepages.
 */
struct compact_control {
	struct page_list freepages[NR_PAGE_ORDERS];
	unsigned long nr_freepages;
	unsigned long migratepages[COMPACT_CLUSTER_MAX];
	unsigned long nr_migratepages;
	unsigned long free_pfn;		/* free scanner: from the top, moving down */
	int search_order;		/* fast free search: where the last one succeeded */
	unsigned int fast_search_fail;	/* fast searches that found nothing, in a row */
	unsigned long migrate_pfn;	/* migration scanner: from the bottom, moving up */
	unsigned long total_migrate_scanned;
	unsigned long total_free_scanned;
	unsigned long nr_migrated;
	unsigned long nr_free_isolated;	/* free pages taken as targets, in all */
	unsigned long charged_scanned;	/* work already charged as CPU time */
	unsigned long charged_migrated;
	struct zone *zone;
	int order;			/* -1: compact the whole zone */
	int migratetype;
	unsigned int alloc_flags;
	int highest_zoneidx;
	enum migrate_mode mode;
	bool ignore_skip_hint;
	bool ignore_block_suitable;
	bool direct_compaction;
	bool proactive_compaction;
	bool target_driven;		/* Babka policy: stop when kcompactd_finished() */
	bool whole_zone;
};

/* in mm/page_alloc.c */

/**
 * mm_init - lay out nodes and zones, free all memory into the buddy lists
 * @mm: state to fill
 * @layout: machine memory
 *
 * Zones as on x86-64: DMA below 16 MiB, DMA32 below 4 GiB, Normal above,
 * on node 0 only for the low ones; ZONE_MOVABLE at the top of each node if
 * asked.  pfn 0 is reserved, as the kernel never hands it out.  Watermarks
 * are set up as __setup_per_zone_wmarks() does.
 *
 * Return: 0, -EINVAL for an impossible layout, -ENOMEM.
 */
int mm_init(struct mm_state *mm, const struct mm_layout *layout);

/** mm_release - free everything mm_init() allocated */
void mm_release(struct mm_state *mm);

static inline struct page *pfn_to_page(const struct mm_state *mm, unsigned long pfn)
{
	return &mm->mem_map[pfn];
}

static inline unsigned long page_to_pfn(const struct mm_state *mm, const struct page *page)
{
	return (unsigned long)(page - mm->mem_map);
}

/** plist_add - link @pfn into @list, at the head or (@tail) the tail */
void plist_add(struct mm_state *mm, struct page_list *list, unsigned long pfn, bool tail);

/** plist_del - unlink @pfn from @list */
void plist_del(struct mm_state *mm, struct page_list *list, unsigned long pfn);

/** pfn_zone - the zone @pfn belongs to */
struct zone *pfn_zone(struct mm_state *mm, unsigned long pfn);

/** page_zone - the zone @page belongs to */
static inline struct zone *page_zone(struct mm_state *mm, const struct page *page)
{
	return pfn_zone(mm, page_to_pfn(mm, page));
}

int get_pageblock_migratetype(const struct mm_state *mm, unsigned long pfn);
void set_pageblock_migratetype(struct mm_state *mm, unsigned long pfn, int migratetype);

/**
 * zone_watermark_ok - __zone_watermark_ok() on the zone's free page count
 * @z: zone
 * @order: allocation order
 * @mark: watermark in pages
 * @highest_zoneidx: the highest zone the request may use (lowmem_reserve index)
 * @alloc_flags: ALLOC_*
 */
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags);

/**
 * rmqueue - take a block of 2^@order pages of @migratetype from @zone
 * @mm: memory
 * @zone: zone (its watermark is not checked here)
 * @cpu: the CPU whose per-CPU lists are used for small orders
 * @order: order
 * @migratetype: MIGRATE_UNMOVABLE/MOVABLE/RECLAIMABLE
 * @alloc_flags: ALLOC_NOFRAGMENT, ALLOC_HARDER, ALLOC_KSWAPD, ...
 *
 * Small orders come from the CPU's pcp list (refilled in batches), others
 * from the buddy lists, falling back to other migratetypes as
 * __rmqueue_fallback() does.
 *
 * Return: the first page, or NULL.
 */
struct page *rmqueue(struct mm_state *mm, struct zone *zone, unsigned int cpu,
		     unsigned int order, int migratetype, unsigned int alloc_flags);

/**
 * free_pages_cpu - free 2^@order pages starting at @page, from CPU @cpu
 *
 * Small orders go to the CPU's pcp list (and back to the buddy in batches
 * when it is over high), others straight to the buddy lists.
 */
void free_pages_cpu(struct mm_state *mm, struct page *page, unsigned int order, unsigned int cpu);

/**
 * alloc_pages_node - __alloc_pages(): allocate 2^@order pages
 * @mm: memory
 * @gfp: GFP flags
 * @order: 0..MAX_PAGE_ORDER
 * @preferred_nid: the node to try first
 * @nodemask: allowed nodes (bit per node), 0 for all
 * @cpu: the allocating CPU
 *
 * The fast path (get_page_from_freelist() at the low watermark, with
 * ALLOC_NOFRAGMENT when DMA32 sits below Normal) and, when it fails, the
 * slow path of kernel 6.2 (kernel_mm.md §2.8) through @mm->ops.
 *
 * Return: the head page, or NULL.
 */
struct page *alloc_pages_node(struct mm_state *mm, gfp_t gfp, unsigned int order,
			      int preferred_nid, uint64_t nodemask, unsigned int cpu);

/**
 * get_page_from_freelist - try every zone of @ac at the watermark of @alloc_flags
 *
 * Return: the head page, or NULL.
 */
struct page *get_page_from_freelist(struct mm_state *mm, gfp_t gfp, unsigned int order,
				    unsigned int alloc_flags, const struct alloc_context *ac);

/** zone_has_free_block - a free block >= @order usable by @migratetype (directly or by stealing) */
bool zone_has_free_block(const struct mm_state *mm, const struct zone *zone, unsigned int order,
			 int migratetype);

/**
 * isolate_free_page - take the free block at @pfn out of the buddy lists
 *
 * Return: pages isolated (2^@order), or 0 if that would take the zone
 * below its min watermark (__isolate_free_page()).
 */
unsigned long isolate_free_page(struct mm_state *mm, struct zone *zone, unsigned long pfn,
				unsigned int order);

/** free_to_buddy - return 2^@order pages at @pfn to the buddy lists, bypassing the pcp */
void free_to_buddy(struct mm_state *mm, unsigned long pfn, unsigned int order);

/** drain_all_pages - give every pcp page of @zone (NULL: all zones) back to the buddy */
void drain_all_pages(struct mm_state *mm, struct zone *zone);

/** setup_per_zone_wmarks - recompute min/low/high/promo from the sysctls */
void setup_per_zone_wmarks(struct mm_state *mm);

/** setup_per_zone_lowmem_reserve - recompute lowmem_reserve[] from mm->lowmem_reserve_ratio */
void setup_per_zone_lowmem_reserve(struct mm_state *mm);

/** zone_batchsize / zone_highsize - the pcp batch and high of @zone */
int zone_batchsize(const struct zone *zone);
int zone_highsize(const struct zone *zone, int batch, unsigned int nr_cpus);

/**
 * mm_check_invariants - verify the buddy allocator's bookkeeping
 *
 * Every page is in exactly one place (a buddy list, a pcp list, or
 * allocated); free counts equal list lengths; free blocks are aligned to
 * their order, inside their zone, and not overlapping; nr_free per order
 * and NR_FREE_PAGES match.  Prints what is wrong.
 *
 * Return: true if all hold.
 */
bool mm_check_invariants(struct mm_state *mm);

/* in mm/migrate.c */

/** mm_register_owner - register the owner of movable pages; returns its id (> 0) or -ENOSPC */
int mm_register_owner(struct mm_state *mm, const struct movable_operations *ops, void *ctx);
/** isolate_movable_page - ask @page's owner to let it go for migration */
bool isolate_movable_page(struct mm_state *mm, struct page *page);
/** putback_movable_page - give an isolated page back to its owner */
void putback_movable_page(struct mm_state *mm, struct page *page);
/**
 * migrate_one_page - move an isolated page's content to @dst
 *
 * Return: 0 (@dst holds the content, the owner points to it; @src is the
 * caller's to free), or the owner's -EAGAIN (nothing changed).
 */
int migrate_one_page(struct mm_state *mm, struct page *dst, struct page *src);

/* in mm/compaction.c */

/**
 * compact_zone - run the migration and free scanners over one zone
 * @mm: memory
 * @cc: the request, with zone, order, migratetype, mode and flags set
 * @capc: a direct compactor's capture control, or NULL
 *
 * Return: COMPACT_SUCCESS when a block of cc->order is free (or captured),
 * COMPACT_SKIPPED when the zone is unsuitable, COMPACT_COMPLETE /
 * COMPACT_PARTIAL_SKIPPED when the scanners met, ...
 */
enum compact_result compact_zone(struct mm_state *mm, struct compact_control *cc,
				 struct capture_control *capc);

/**
 * compaction_suit_allocation_order - would compacting @zone help an @order request?
 *
 * Return: COMPACT_SUCCESS (the watermark of @alloc_flags is already met for
 * @order), COMPACT_SKIPPED (not enough free memory to compact with), or
 * COMPACT_CONTINUE.
 */
enum compact_result compaction_suit_allocation_order(struct mm_state *mm, struct zone *zone,
						     int order, int highest_zoneidx,
						     unsigned int alloc_flags);

/** compaction_suitable - enough free pages to migrate into, and not a lack of memory */
bool compaction_suitable(struct mm_state *mm, struct zone *zone, int order, int highest_zoneidx);

/** defer_compaction / compaction_deferred / compaction_defer_reset / compaction_restarting */
void defer_compaction(struct zone *zone, int order);
bool compaction_deferred(struct zone *zone, int order);
void compaction_defer_reset(struct zone *zone, int order, bool alloc_success);
bool compaction_restarting(const struct zone *zone, int order);

/** try_to_compact_pages - direct compaction of every zone of @ac (an mm_reclaim_ops hook) */
enum compact_result try_to_compact_pages(struct mm_state *mm, const struct alloc_context *ac,
					 gfp_t gfp, unsigned int order, unsigned int alloc_flags,
					 enum compact_priority prio, struct page **capture);

#define COMPACTION_HPAGE_ORDER	pageblock_order

/** fragmentation_score_zone - extfrag_for_order() at the huge page order, 0..100 */
unsigned int fragmentation_score_zone(const struct zone *zone);
/** fragmentation_score_node - the node's zone scores weighted by present pages */
unsigned int fragmentation_score_node(const pg_data_t *pgdat);
/**
 * global_dirty_limits - domain_dirty_limits() of the whole machine, in pages
 * @bg: the background writeback threshold (nr_dirty_background_threshold)
 * @thresh: the dirty limit (nr_dirty_threshold)
 *
 * Of the dirtyable memory: free pages above the zones' reserves plus the
 * file LRU pages (global_dirtyable_memory()).
 */
void global_dirty_limits(struct mm_state *mm, unsigned long *bg, unsigned long *thresh);

static inline void mod_node_state(pg_data_t *pgdat, enum node_stat_item item, long delta)
{
	pgdat->stat[item] += (unsigned long)delta;
}

/** fragmentation_score_wmark - low (or high) score watermark from vm.compaction_proactiveness */
unsigned int fragmentation_score_wmark(const struct mm_state *mm, bool low);
/** should_proactive_compact_node - the node's score is above the high watermark */
bool should_proactive_compact_node(const struct mm_state *mm, const pg_data_t *pgdat);
/**
 * compact_node - compact every zone of @pgdat as a whole (order -1)
 * @proactive: stop each zone at the low score watermark (kcompactd), else
 *             compact everything (vm.compact_memory)
 */
void compact_node(struct mm_state *mm, pg_data_t *pgdat, bool proactive);

/* Babka's 2017 RFC kcompactd policy (model only, not in the kernel) */

/** kcompactd_inc_free_target - count a high-order failure due to fragmentation (slow path) */
void kcompactd_inc_free_target(struct mm_state *mm, const struct alloc_context *ac,
			       unsigned int order);
/** compaction_register_demand - a subsystem declares it needs @nr_blocks of @order on @pgdat */
void compaction_register_demand(pg_data_t *pgdat, unsigned int order, unsigned long nr_blocks);
/** kcompactd_adjust_free_targets - turn the demand counts into per-zone targets (EMA 1/2) */
void kcompactd_adjust_free_targets(pg_data_t *pgdat);
/**
 * kcompactd_finished - have the free blocks of @zone met every order's target?
 *
 * Return: COMPACT_SUCCESS (met), COMPACT_CONTINUE (not yet),
 * COMPACT_PARTIAL_SKIPPED (below the low watermark: give up),
 * COMPACT_COMPLETE (no target at all).
 */
enum compact_result kcompactd_finished(const struct zone *zone);
/** kcompactd_record_result - feed a background run's outcome to the success average */
void kcompactd_record_result(pg_data_t *pgdat, bool success);
/** kcompactd_should_back_off - recent success (per mille) below @min_success_permille */
bool kcompactd_should_back_off(const pg_data_t *pgdat, unsigned int min_success_permille);

/** reset_isolation_suitable - clear every pageblock skip bit of @zone */
void reset_isolation_suitable(struct mm_state *mm, struct zone *zone);

/* in mm/vmstat.c */

/** mm_show_buddyinfo - /proc/buddyinfo */
void mm_show_buddyinfo(FILE *out, struct mm_state *mm);
/** mm_show_pagetypeinfo - /proc/pagetypeinfo */
void mm_show_pagetypeinfo(FILE *out, struct mm_state *mm);
/** mm_show_zoneinfo - /proc/zoneinfo (the items the model keeps) */
void mm_show_zoneinfo(FILE *out, struct mm_state *mm);
/** mm_show_vmstat - /proc/vmstat (the items the model keeps) */
void mm_show_vmstat(FILE *out, struct mm_state *mm);
/** mm_show_extfrag_index - debugfs extfrag/extfrag_index */
void mm_show_extfrag_index(FILE *out, struct mm_state *mm);
/** mm_show_unusable_index - debugfs extfrag/unusable_index */
void mm_show_unusable_index(FILE *out, struct mm_state *mm);

/**
 * fragmentation_index - __fragmentation_index(): 0..1000, or -1000 if @order would succeed
 *
 * Toward 0 the failure is for lack of memory, toward 1000 for fragmentation.
 */
int fragmentation_index(const struct zone *zone, unsigned int order);

/** unusable_free_index - free memory unusable for @order, in thousandths (1000 if none free) */
int unusable_free_index(const struct zone *zone, unsigned int order);

/** extfrag_for_order - percent of free memory in blocks smaller than @order */
unsigned int extfrag_for_order(const struct zone *zone, unsigned int order);

#endif /* MMSIM_MM_INTERNAL_H */
