/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mm/mm_sim.h - the memory model inside a simulation
 *
 * struct mm_sim joins the allocator (struct mm_state) to the simulation it
 * lives in: the machine's nodes and zones built from the scenario, the
 * slow path's hooks wired to the scheduler (CPU time, cond_resched,
 * tracepoints), and one kcompactd thread per node.  Code running in a task
 * allocates with sim_alloc_pages() and frees with sim_free_pages(), which
 * charge the cost model's CPU time.
 */
#ifndef MMSIM_MM_MM_SIM_H
#define MMSIM_MM_MM_SIM_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/internal.h"
#include "mm/mm.h"
#include "mm/swap.h"
#include "sim/sim.h"
#include "lib/list.h"
#include "sim/wait.h"

/**
 * struct kcompactd - one node's compaction daemon (pgdat->kcompactd*)
 * @max_order: kcompactd_max_order, raised by wakeups
 * @highest_zoneidx: kcompactd_highest_zoneidx
 * @proactive_trigger: proactive_compact_trigger (a sysctl write)
 */
struct kcompactd {
	struct mm_sim *ms;
	pg_data_t *pgdat;
	struct task_struct *task;
	struct wait_queue_head wait;
	char comm[16];
	unsigned int max_order;
	enum zone_type highest_zoneidx;
	bool proactive_trigger;
	bool booting;			/* still in the sleep it was created in */
	/* the model's own counters, for the report */
	uint64_t proactive_runs;	/* compact_node(proactive) rounds */
	uint64_t proactive_deferred;	/* rounds after which it backed off for 32 s */
	uint64_t babka_runs;		/* target-driven rounds (Babka policy) */
	uint64_t babka_successes;
	uint64_t babka_backoffs;
};

/** struct kswapd - one node's page reclaim daemon (pgdat->kswapd*) */
struct kswapd {
	struct mm_sim *ms;
	pg_data_t *pgdat;
	struct task_struct *task;
	struct wait_queue_head wait;
	char comm[16];
	unsigned int order;		/* kswapd_order: the highest order asked for */
	int highest_zoneidx;		/* kswapd_highest_zoneidx, MAX_NR_ZONES = none */
	unsigned int failures;		/* kswapd_failures: runs that reclaimed nothing */
	bool booting;
	bool woken;			/* a wake_up() of @wait while kswapd was on it */
};

/* enum vmscan_throttle_state (include/linux/mmzone.h) */
enum vmscan_throttle_state {
	VMSCAN_THROTTLE_WRITEBACK,
	VMSCAN_THROTTLE_ISOLATED,
	VMSCAN_THROTTLE_NOPROGRESS,
	VMSCAN_THROTTLE_CONGESTED,
	NR_VMSCAN_THROTTLE,
};

/**
 * struct reclaim_wait - one node's reclaim throttling state (pg_data_t's
 * reclaim_wait[], nr_writeback_throttled, nr_reclaim_start), and what the
 * model counts of it
 */
struct reclaim_wait {
	struct wait_queue_head wait[NR_VMSCAN_THROTTLE];
	int nr_writeback_throttled;
	unsigned long nr_reclaim_start;	/* NR_THROTTLED_WRITTEN when the first waiter came */
	uint64_t throttled[NR_VMSCAN_THROTTLE];	/* sleeps */
	uint64_t throttled_ns[NR_VMSCAN_THROTTLE];
	uint64_t woken_early[NR_VMSCAN_THROTTLE];	/* sleeps ended before the timeout */
};

/* 5.15's congestion_wait() and friends, as the model counts them */
struct congestion_stats {
	uint64_t congestion_wait;	/* calls; each sleeps to its timeout */
	uint64_t congestion_wait_ns;
	uint64_t wait_iff_congested;	/* calls; none sleeps (no BDI is congested) */
	uint64_t isolated_msleep;	/* too_many_isolated()'s msleep(100) */
	uint64_t isolated_msleep_ns;
};

struct bdi_writeback;

struct mm_sim {
	struct mm_state mm;
	struct mmsim *sim;
	struct kcompactd kcompactd[MAX_NUMNODES];
	struct kswapd kswapd[MAX_NUMNODES];
	struct mmsim_cpumask node_cpus[MAX_NUMNODES];
	unsigned int cpu_node[MMSIM_MAX_CPUS];
	unsigned int policy;		/* enum mmsim_kcompactd_policy */
	/* address spaces (mm/mmap.c), found by the rmap handle's id */
	struct mm_struct **mms;
	unsigned int nr_mms, cap_mms;
	int rmap_owner;			/* movable owner id of mapped pages (mm/rmap.c) */
	/* the page caches of the scenario's files (mm/filemap.c) */
	struct address_space **mappings;
	unsigned int nr_mappings;
	int pagecache_owner;
	unsigned int babka_min_success;	/* percent */
	unsigned int reclaim_throttle;	/* enum mmsim_reclaim_throttle */
	unsigned int swappiness;	/* vm.swappiness */
	struct reclaim_wait reclaim_wait[MAX_NUMNODES];
	struct wait_queue_head pfmemalloc_wait[MAX_NUMNODES];	/* pgdat->pfmemalloc_wait */
	struct wait_queue_head congestion_wqh;	/* congestion_wqh[BLK_RW_ASYNC] (5.15) */
	struct congestion_stats congestion;
	/* the flushers (mm/page-writeback.c), one per device holding files */
	struct bdi_writeback *wbs;
	unsigned int nr_wbs;
	unsigned int bucket_order;	/* workingset shadows: age bits dropped */
	unsigned int shadow_memcg_bits;	/* workingset shadows: bits of the cgroup id */
	/* page cache bios in flight (filemap.c, page-writeback.c), freed at release if the
	 * run ends before they do; each starts with a struct list_head */
	struct list_head bios;
	struct swap_state swap;		/* swap areas, swap cache, readahead (mm/swapfile.c) */
	/* CPU time of the mm's work, [work][0] in user tasks (direct), [1] in kernel threads */
	uint64_t work_ns[NR_MM_WORK][2];
};

/**
 * mm_sim_init - lay out the scenario's memory and start kcompactd
 * @sim: simulation with its configuration and scheduler set up
 *
 * Return: 0, or -ENOMEM / -EINVAL (an impossible layout).
 */
int mm_sim_init(struct mmsim *sim);

/** mm_sim_release - free the memory model */
void mm_sim_release(struct mmsim *sim);

/** mm_sim_check - the allocator's invariants; false (and messages) if broken */
bool mm_sim_check(struct mmsim *sim);

/** sim_mm - the allocator of @sim */
struct mm_state *sim_mm(struct mmsim *sim);

/** sim_cpu_node - the node CPU @cpu belongs to */
int sim_cpu_node(const struct mmsim *sim, unsigned int cpu);

/**
 * sim_alloc_pages - alloc_pages_node() from the current task, with its CPU time
 * @sim: simulation (in task context)
 * @gfp: GFP flags
 * @order: block order
 * @nid: preferred node, -1 for the current CPU's node
 *
 * Charges the fast path's cost, and clear_page per base page for
 * __GFP_ZERO; the slow path charges its own work (compaction).
 *
 * Return: the head page or NULL.
 */
struct page *sim_alloc_pages(struct mmsim *sim, gfp_t gfp, unsigned int order, int nid);

/** sim_free_pages - free a block from the current task, with its CPU time */
void sim_free_pages(struct mmsim *sim, struct page *page, unsigned int order);

/**
 * wakeup_kcompactd - ask node @nid's kcompactd to compact for @order
 *
 * As the kernel's: ignored for order 0, raises the pending order, wakes
 * the thread only if it sleeps and some zone is suitable for compaction.
 */
void wakeup_kcompactd(struct mm_sim *ms, int nid, unsigned int order,
		      enum zone_type highest_zoneidx);

/** rmap_init - register mapped pages' movable operations */
int rmap_init(struct mm_sim *ms);

/** rmap_vma - the VMA and page index that map @page, or NULL */
struct vm_area_struct *rmap_vma(struct mm_sim *ms, const struct page *page, unsigned long *index);

/* mm/vmscan.c: the slow path's reclaim hooks (struct mm_reclaim_ops) */
unsigned long try_to_free_pages(struct mm_state *mm, const struct alloc_context *ac, gfp_t gfp,
				unsigned int order);
unsigned long zone_reclaimable_pages(struct mm_state *mm, struct zone *zone);
void wakeup_kswapd(struct mm_state *mm, struct zone *zone, gfp_t gfp, unsigned int order,
		   enum zone_type highest_zoneidx);
void reclaim_retry_congestion_wait(struct mm_state *mm);
/**
 * try_to_free_mem_cgroup_pages - reclaim from cgroup @memcg_id's lruvecs
 * (its limit was met): at least SWAP_CLUSTER_MAX of @nr_pages wanted, in
 * the current task, priority by priority over the local node first.
 * Counted as the cgroup's pgscan/pgsteal, not /proc/vmstat's
 * pgscan_direct; no allocstall.  Return: pages reclaimed.
 */
unsigned long try_to_free_mem_cgroup_pages(struct mm_sim *ms, unsigned int memcg_id,
					   unsigned long nr_pages, gfp_t gfp);
/** reclaim_page - reclaim_pages() of one mapped page now (MADV_PAGEOUT); it must be on an LRU */
void reclaim_page(struct mm_sim *ms, struct page *page);

/**
 * acct_reclaim_writeback - @nr pages of node @pgdat finished writeback:
 * wake the tasks throttled on VMSCAN_THROTTLE_WRITEBACK once more than
 * SWAP_CLUSTER_MAX pages per waiter were written since the first came
 */
void acct_reclaim_writeback(struct mm_sim *ms, pg_data_t *pgdat, unsigned long nr);

/* mm/workingset.c: shadow entries and refault activation */
void workingset_init(struct mm_sim *ms);
/**
 * workingset_eviction - @page is reclaimed from the page cache or the swap
 * cache by reclaim of cgroup @target_memcg (0: global): age that cgroup's
 * lruvec and leave a shadow entry in *@shadow (its slot)
 */
void workingset_eviction(struct mm_sim *ms, uint32_t *shadow, struct page *page,
			 unsigned int target_memcg);
/**
 * workingset_refault - @page was just read in where *@shadow may hold a
 * shadow entry (taken): activate it if it refaulted soon enough; @file for
 * page cache pages, else swapped anonymous ones
 */
void workingset_refault(struct mm_sim *ms, uint32_t *shadow, struct page *page, bool file);
/**
 * lru_note_cost - reclaim of one type on @lruvec cost @nr_io I/Os and
 * @nr_rotated rotations (noted in the cgroup's lruvec and the root's)
 */
void lru_note_cost(struct mm_state *mm, struct lruvec *lruvec, bool file, unsigned long nr_io,
		   unsigned long nr_rotated);
/** workingset_activation - @page was activated: it ages the node's nonresident clock */
void workingset_activation(struct mm_state *mm, struct page *page);

/* mm/memcontrol.c: memory cgroups */
/**
 * mem_cgroup_init - the root (always: mm->nr_memcgs >= 1 from here on) and
 * the [cgroup.NAME] cgroups with their lruvecs
 */
int mem_cgroup_init(struct mm_sim *ms, const struct mmsim_config *cfg);
void mem_cgroup_release(struct mm_state *mm);
/** current_memcg - the cgroup of the current task (get_mem_cgroup_from_mm()), 0 = root */
unsigned int current_memcg(const struct mm_sim *ms);
/**
 * mem_cgroup_alloc_page - an order-0 page from sim_alloc_pages(), charged
 * to cgroup @memcg_id (folio_prealloc(), filemap_alloc_folio() + the
 * charge of filemap_add_folio()): at the cgroup's limit the task reclaims
 * from the cgroup and, as a last resort, OOM-kills in it
 * (try_charge_memcg()).  In task context.
 *
 * Return: the page, not on an LRU yet, or NULL (no memory, or the charge
 * failed: the page went back).
 */
struct page *mem_cgroup_alloc_page(struct mm_sim *ms, gfp_t gfp, unsigned int memcg_id);
/** mem_cgroup_check - every cgroup's usage is the pages charged to it; none free */
bool mem_cgroup_check(struct mm_sim *ms);

/** kswapd_run - node @nid's kswapd, asleep from boot */
void kswapd_run(struct mm_sim *ms, int nid);

/** kcompactd_run - start node @nid's kcompactd thread when the run begins */
void kcompactd_run(struct mm_sim *ms, int nid);

#endif /* MMSIM_MM_MM_SIM_H */
