// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/mm_sim.c - the memory model inside a simulation
 *
 * Builds the machine's memory from the scenario the way the kernel sets it
 * up at boot (free_area_init() and friends, mm/mm_init.c): nodes laid out
 * from pfn 0 up with the sizes and CPUs of [machine] and [node.N], zones
 * per node, ZONE_MOVABLE from kernelcore=/movablecore=, the vm.* sysctls
 * applied as their sysctl handlers would.  It then connects the
 * allocator's hooks to the simulation: CPU time through the cost model,
 * cond_resched(), tracepoints, kswapd wakeups, direct reclaim (mm/vmscan.c)
 * and direct compaction, the OOM killer (mm/oom_kill.c), and starts one
 * kcompactd and one kswapd per node.
 */
#include "mm/mm_sim.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lib/compiler.h"
#include "mm/filemap.h"
#include "mm/writeback.h"
#include "mm/oom.h"
#include "mmsim/sim.h"
#include "mmsim/stats.h"
#include "sim/sched.h"
#include "trace/trace.h"

static struct mm_sim *mm_to_sim(struct mm_state *mm)
{
	return container_of(mm, struct mm_sim, mm);
}

struct mm_state *sim_mm(struct mmsim *sim)
{
	return &sim->mm->mm;
}

int sim_cpu_node(const struct mmsim *sim, unsigned int cpu)
{
	return (int)sim->mm->mm.cpu_node[cpu];
}

static void sim_charge(struct mm_state *mm, enum mm_work work, unsigned long n)
{
	static const enum mmsim_cost_item cost_of[NR_MM_WORK] = {
		[MM_WORK_COMPACT_SCAN] = MMSIM_COST_COMPACT_SCAN,
		[MM_WORK_MIGRATE_PAGE] = MMSIM_COST_MIGRATE_PAGE,
		[MM_WORK_RECLAIM_SCAN] = MMSIM_COST_RECLAIM_SCAN,
	};
	struct mm_sim *ms = mm_to_sim(mm);
	struct mmsim *sim = ms->sim;
	uint64_t ns;

	if (!sim->current)
		return;
	ns = sim_cost(sim, cost_of[work]) * n;
	ms->work_ns[work][!!(sim->current->flags & PF_KTHREAD)] += ns;
	cpu_charge(sim, ns);
}

/* try_to_compact_pages(), its virtual time counted as the caller's compaction stall */
static enum compact_result sim_try_to_compact_pages(struct mm_state *mm,
						    const struct alloc_context *ac, gfp_t gfp,
						    unsigned int order, unsigned int alloc_flags,
						    enum compact_priority prio, struct page **capture)
{
	struct mmsim *sim = mm_to_sim(mm)->sim;
	uint64_t start = sim->now;
	enum compact_result ret = try_to_compact_pages(mm, ac, gfp, order, alloc_flags, prio,
						       capture);

	sim_stall_add(sim, MMSIM_STALL_COMPACT, sim->now - start);
	return ret;
}

static void sim_cond_resched(struct mm_state *mm)
{
	struct mmsim *sim = mm_to_sim(mm)->sim;

	if (sim->current)
		cond_resched(sim);
}

static const enum trace_event_id trace_id_of[NR_MM_TRACE_EVENTS] = {
	[MM_TRACE_COMPACTION_BEGIN] = TRACE_MM_COMPACTION_BEGIN,
	[MM_TRACE_COMPACTION_END] = TRACE_MM_COMPACTION_END,
	[MM_TRACE_COMPACTION_MIGRATEPAGES] = TRACE_MM_COMPACTION_MIGRATEPAGES,
	[MM_TRACE_COMPACTION_FAST_ISOLATE_FREEPAGES] = TRACE_MM_COMPACTION_FAST_ISOLATE_FREEPAGES,
	[MM_TRACE_COMPACTION_TRY_TO_COMPACT_PAGES] = TRACE_MM_COMPACTION_TRY_TO_COMPACT_PAGES,
	[MM_TRACE_COMPACTION_WAKEUP_KCOMPACTD] = TRACE_MM_COMPACTION_WAKEUP_KCOMPACTD,
	[MM_TRACE_COMPACTION_KCOMPACTD_WAKE] = TRACE_MM_COMPACTION_KCOMPACTD_WAKE,
	[MM_TRACE_COMPACTION_KCOMPACTD_SLEEP] = TRACE_MM_COMPACTION_KCOMPACTD_SLEEP,
	[MM_TRACE_PAGE_ALLOC_EXTFRAG] = TRACE_MM_PAGE_ALLOC_EXTFRAG,
	[MM_TRACE_VMSCAN_DIRECT_RECLAIM_BEGIN] = TRACE_MM_VMSCAN_DIRECT_RECLAIM_BEGIN,
	[MM_TRACE_VMSCAN_DIRECT_RECLAIM_END] = TRACE_MM_VMSCAN_DIRECT_RECLAIM_END,
	[MM_TRACE_VMSCAN_MEMCG_RECLAIM_BEGIN] = TRACE_MM_VMSCAN_MEMCG_RECLAIM_BEGIN,
	[MM_TRACE_VMSCAN_MEMCG_RECLAIM_END] = TRACE_MM_VMSCAN_MEMCG_RECLAIM_END,
	[MM_TRACE_VMSCAN_LRU_SHRINK_INACTIVE] = TRACE_MM_VMSCAN_LRU_SHRINK_INACTIVE,
	[MM_TRACE_VMSCAN_KSWAPD_WAKE] = TRACE_MM_VMSCAN_KSWAPD_WAKE,
	[MM_TRACE_VMSCAN_KSWAPD_SLEEP] = TRACE_MM_VMSCAN_KSWAPD_SLEEP,
	[MM_TRACE_VMSCAN_WAKEUP_KSWAPD] = TRACE_MM_VMSCAN_WAKEUP_KSWAPD,
	[MM_TRACE_VMSCAN_WRITE_FOLIO] = TRACE_MM_VMSCAN_WRITE_FOLIO,
	[MM_TRACE_VMSCAN_THROTTLED] = TRACE_MM_VMSCAN_THROTTLED,
	[MM_TRACE_WRITEBACK_CONGESTION_WAIT] = TRACE_WRITEBACK_CONGESTION_WAIT,
	[MM_TRACE_WRITEBACK_WAIT_IFF_CONGESTED] = TRACE_WRITEBACK_WAIT_IFF_CONGESTED,
	[MM_TRACE_MARK_VICTIM] = TRACE_MARK_VICTIM,
};

static bool sim_trace_on(struct mm_state *mm, enum mm_trace_event ev)
{
	return trace_on(mm_to_sim(mm)->sim, trace_id_of[ev]);
}

static void sim_trace(struct mm_state *mm, enum mm_trace_event ev, const char *payload)
{
	trace_mm_event(mm_to_sim(mm)->sim, trace_id_of[ev], payload);
}

static void layout_from_config(const struct mmsim_config *cfg, struct mm_sim *ms,
			       struct mm_layout *layout)
{
	uint64_t memory[MMSIM_MAX_NODES], movable[MMSIM_MAX_NODES];

	mmsim_config_resolve_nodes(cfg, memory, movable, ms->node_cpus);
	memset(layout, 0, sizeof(*layout));
	layout->nr_nodes = (int)cfg->nr_nodes;
	layout->nr_cpus = cfg->nr_cpus;
	for (unsigned int nid = 0; nid < cfg->nr_nodes; nid++) {
		layout->node[nid].pages = memory[nid] >> PAGE_SHIFT;
		layout->node[nid].movable_pages = movable[nid] >> PAGE_SHIFT;
	}
	for (unsigned int cpu = 0; cpu < cfg->nr_cpus; cpu++)
		for (unsigned int nid = 0; nid < cfg->nr_nodes; nid++)
			if (mmsim_cpumask_test(&ms->node_cpus[nid], cpu))
				ms->cpu_node[cpu] = nid;
	layout->cpu_node = ms->cpu_node;
	layout->min_free_kbytes = cfg->sysctl.min_free_kbytes;
	layout->watermark_scale_factor = cfg->sysctl.watermark_scale_factor;
	/* mm_layout's 0 means "the default"; UINT32_MAX asks for a real 0 */
	layout->watermark_boost_factor = cfg->sysctl.watermark_boost_factor ?
					 cfg->sysctl.watermark_boost_factor : UINT32_MAX;
}

int mm_sim_init(struct mmsim *sim)
{
	const struct mmsim_config *cfg = &sim->cfg;
	struct mm_layout *layout = malloc(sizeof(*layout));
	struct mm_sim *ms = calloc(1, sizeof(*ms));
	struct mm_state *mm;
	int ret = -ENOMEM;

	if (!ms || !layout)
		goto fail;
	sim->mm = ms;
	ms->sim = sim;
	ms->policy = cfg->model.kcompactd;
	ms->babka_min_success = cfg->model.babka_min_success;
	ms->reclaim_throttle = cfg->model.reclaim_throttle;
	init_waitqueue_head(sim, &ms->congestion_wqh);
	INIT_LIST_HEAD(&ms->bios);
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		for (int r = 0; r < NR_VMSCAN_THROTTLE; r++)
			init_waitqueue_head(sim, &ms->reclaim_wait[nid].wait[r]);
		init_waitqueue_head(sim, &ms->pfmemalloc_wait[nid]);
	}
	layout_from_config(cfg, ms, layout);
	mm = &ms->mm;
	ret = mm_init(mm, layout);
	if (ret)
		goto fail;
	mm->extfrag_threshold = cfg->sysctl.extfrag_threshold;
	mm->compaction_proactiveness = cfg->sysctl.compaction_proactiveness;
	mm->dirty_ratio = cfg->sysctl.dirty_ratio;
	mm->dirty_background_ratio = cfg->sysctl.dirty_background_ratio;
	for (int z = 0; z < 4 && z < MAX_NR_ZONES; z++)
		mm->lowmem_reserve_ratio[z] = cfg->sysctl.lowmem_reserve_ratio[z];
	setup_per_zone_lowmem_reserve(mm);
	ms->swappiness = cfg->sysctl.swappiness;
	ret = mem_cgroup_init(ms, cfg);
	if (ret)
		goto fail;
	workingset_init(ms);
	mm->track_demand = ms->policy == MMSIM_KCOMPACTD_BABKA;
	mm->memcg_stats_exact =
		cfg->model.memcg_stats == MMSIM_MEMCG_STATS_EVERY_RECLAIM ||
		(cfg->model.memcg_stats == MMSIM_MEMCG_STATS_AUTO &&
		 cfg->model.reclaim_throttle != MMSIM_THROTTLE_RECLAIM);
	mm->ops.wakeup_kswapd = wakeup_kswapd;
	mm->ops.try_to_compact_pages = sim_try_to_compact_pages;
	mm->ops.try_to_free_pages = try_to_free_pages;
	mm->ops.zone_reclaimable_pages = zone_reclaimable_pages;
	if (ms->reclaim_throttle == MMSIM_THROTTLE_CONGESTION_WAIT)
		mm->ops.congestion_wait = reclaim_retry_congestion_wait;
	mm->ops.out_of_memory = out_of_memory;
	mm->ops.tsk_is_oom_victim = oom_tsk_is_victim;
	mm->ops.cond_resched = sim_cond_resched;
	mm->ops.charge = sim_charge;
	mm->ops.trace_on = sim_trace_on;
	mm->ops.trace = sim_trace;
	ret = rmap_init(ms);
	if (ret)
		goto fail;
	ret = swap_init(ms, cfg->nr_cpus);
	if (ret)
		goto fail;
	ms->swap.page_cluster = cfg->sysctl.page_cluster;
	ms->swap.dax_promote = cfg->model.dax_swap_promote;
	ms->swap.dax_write_weight = cfg->model.dax_swap_write_weight;
	ms->swap.vma_ra_enabled = cfg->sysfs.vma_ra_enabled;
	/* kcompactd first: its pids are the lower, as on a booted machine */
	for (int nid = 0; nid < mm->nr_nodes; nid++)
		kcompactd_run(ms, nid);
	for (int nid = 0; nid < mm->nr_nodes; nid++)
		kswapd_run(ms, nid);
	free(layout);
	return 0;
fail:
	free(layout);
	return ret;
}

void mm_sim_release(struct mmsim *sim)
{
	if (!sim->mm)
		return;
	/* address spaces first: unmapping a file needs its page cache */
	for (unsigned int id = 0; id < sim->mm->nr_mms; id++)
		mm_destroy(sim->mm->mms[id]);
	free(sim->mm->mms);
	writeback_release(sim);
	{
		struct list_head *pos, *n;

		/* bios the run ended before: their completions never come */
		list_for_each_safe(pos, n, &sim->mm->bios) {
			list_del_init(pos);
			free(pos);
		}
	}
	filemap_release(sim);
	swap_release(sim->mm);
	mem_cgroup_release(&sim->mm->mm);
	mm_release(&sim->mm->mm);
	free(sim->mm);
	sim->mm = NULL;
}

bool mm_sim_check(struct mmsim *sim)
{
	if (!sim->mm)
		return true;
	/* all three, so every broken invariant is reported */
	return mm_check_invariants(&sim->mm->mm) & lru_check(&sim->mm->mm) &
	       mm_rmap_check(sim->mm) & filemap_check(sim->mm) & swap_check(sim->mm) &
	       mem_cgroup_check(sim->mm);
}

struct page *sim_alloc_pages(struct mmsim *sim, gfp_t gfp, unsigned int order, int nid)
{
	struct mm_state *mm = sim_mm(sim);
	unsigned int cpu = sim->current->cpu;
	struct page *page;

	if (nid < 0)
		nid = (int)mm->cpu_node[cpu];
	cpu_charge(sim, sim_cost(sim, MMSIM_COST_PAGE_ALLOC));
	page = alloc_pages_node(mm, gfp, order, nid, 0, cpu);
	if (page && (gfp & GFPF_ZERO))
		cpu_charge(sim, sim_cost(sim, MMSIM_COST_CLEAR_PAGE) << order);
	return page;
}

void sim_free_pages(struct mmsim *sim, struct page *page, unsigned int order)
{
	struct mm_state *mm = sim_mm(sim);

	free_pages_cpu(mm, page, order, sim->current->cpu);
	cpu_charge(sim, sim_cost(sim, MMSIM_COST_PAGE_FREE));
}

/* ---- the public view (mmsim/sim.h) ---- */

void mmsim_mm_stats(const mmsim_t *sim, struct mmsim_mm_stats *out)
{
	const struct mm_sim *ms = sim->mm;
	const struct mm_state *mm = &ms->mm;

	memset(out, 0, sizeof(*out));
	out->nr_nodes = (unsigned int)mm->nr_nodes;
	for (int nid = 0; nid < mm->nr_nodes; nid++) {
		const pg_data_t *pgdat = &mm->nodes[nid];
		const struct kcompactd *kcd = &ms->kcompactd[nid];

		for (int z = 0; z < MAX_NR_ZONES; z++) {
			out->managed_pages += pgdat->node_zones[z].managed_pages;
			out->free_pages += pgdat->node_zones[z].nr_free_pages;
		}
		out->fragmentation_score[nid] = fragmentation_score_node(pgdat);
		out->kcompactd_proactive_rounds += kcd->proactive_runs;
		out->kcompactd_proactive_deferred += kcd->proactive_deferred;
		out->kcompactd_babka_rounds += kcd->babka_runs;
		out->kcompactd_babka_met += kcd->babka_successes;
		out->kcompactd_babka_backoffs += kcd->babka_backoffs;
	}
	out->compact_stall = mm->events[COMPACTSTALL];
	out->compact_fail = mm->events[COMPACTFAIL];
	out->compact_success = mm->events[COMPACTSUCCESS];
	out->compact_migrate_scanned = mm->events[COMPACTMIGRATE_SCANNED];
	out->compact_free_scanned = mm->events[COMPACTFREE_SCANNED];
	out->compact_isolated = mm->events[COMPACTISOLATED];
	out->compact_daemon_wake = mm->events[KCOMPACTD_WAKE];
	out->compact_daemon_migrate_scanned = mm->events[KCOMPACTD_MIGRATE_SCANNED];
	out->compact_daemon_free_scanned = mm->events[KCOMPACTD_FREE_SCANNED];
	out->pgmigrate_success = mm->events[PGMIGRATE_SUCCESS];
	out->pgmigrate_fail = mm->events[PGMIGRATE_FAIL];
	out->extfrag_events = mm->stats.extfrag_events;
	out->alloc_fail = mm->stats.alloc_fail;
	out->pgscan_kswapd = mm->events[PGSCAN_KSWAPD];
	out->pgscan_direct = mm->events[PGSCAN_DIRECT];
	out->pgsteal_kswapd = mm->events[PGSTEAL_KSWAPD];
	out->pgsteal_direct = mm->events[PGSTEAL_DIRECT];
	for (int z = 0; z < MAX_NR_ZONES; z++)
		out->allocstall += mm->events[ALLOCSTALL_DMA + z];
	out->pgrotated = mm->events[PGROTATED];
	for (int nid = 0; nid < mm->nr_nodes; nid++) {
		const pg_data_t *pgdat = &mm->nodes[nid];
		const struct reclaim_wait *rw = &ms->reclaim_wait[nid];

		out->nr_vmscan_write += pgdat->stat[NR_VMSCAN_WRITE];
		out->nr_vmscan_immediate_reclaim += pgdat->stat[NR_VMSCAN_IMMEDIATE];
		out->nr_dirtied += pgdat->stat[NR_DIRTIED];
		out->nr_written += pgdat->stat[NR_WRITTEN];
		out->nr_throttled_written += pgdat->stat[NR_THROTTLED_WRITTEN];
		for (int r = 0; r < NR_VMSCAN_THROTTLE; r++) {
			out->throttled[r] += rw->throttled[r];
			out->throttled_ns[r] += rw->throttled_ns[r];
			out->throttled_woken_early[r] += rw->woken_early[r];
		}
	}
	out->reclaim_cpu_direct_ns = ms->work_ns[MM_WORK_RECLAIM_SCAN][0];
	out->reclaim_cpu_kswapd_ns = ms->work_ns[MM_WORK_RECLAIM_SCAN][1];
	out->congestion_wait = ms->congestion.congestion_wait;
	out->congestion_wait_ns = ms->congestion.congestion_wait_ns;
	out->wait_iff_congested = ms->congestion.wait_iff_congested;
	out->isolated_msleep = ms->congestion.isolated_msleep;
	out->isolated_msleep_ns = ms->congestion.isolated_msleep_ns;
	for (unsigned int i = 0; i < ms->nr_wbs; i++) {
		out->dirty_pauses += ms->wbs[i].dirty_pauses;
		out->dirty_pause_ns += ms->wbs[i].dirty_pause_ns;
	}
	out->oom_kill = mm->events[OOM_KILL];
	out->pswpin = mm->events[PSWPIN];
	out->pswpout = mm->events[PSWPOUT];
	out->pgmajfault = mm->events[PGMAJFAULT];
	out->pgscan_anon = mm->events[PGSCAN_ANON];
	out->pgsteal_anon = mm->events[PGSTEAL_ANON];
	out->swap_ra = mm->events[SWAP_RA];
	out->swap_ra_hit = mm->events[SWAP_RA_HIT];
	out->swpin_zero = mm->events[SWPIN_ZERO];
	out->swpout_zero = mm->events[SWPOUT_ZERO];
	for (int nid = 0; nid < mm->nr_nodes; nid++)
		out->nr_swapcached += mm->nodes[nid].stat[NR_SWAPCACHE];
	out->swap_vma_readahead = ms->swap.vma_ra_enabled && !ms->swap.nr_rotate_swap;
	out->dax_swapout = ms->swap.dax_swapout;
	out->dax_reads = ms->swap.dax_reads;
	out->dax_writes = ms->swap.dax_writes;
	out->dax_promotions = ms->swap.dax_promotions;
	out->dax_promote = ms->swap.dax_promote;
	out->dax_write_weight = ms->swap.dax_write_weight;
	out->nr_swaps = ms->swap.nr_swapfiles;
	for (unsigned int t = 0; t < ms->swap.nr_swapfiles && t < 8; t++) {
		const struct swap_info_struct *si = ms->swap.info[t];

		out->swaps[t].name = si->name;
		out->swaps[t].device = swap_bdev_name(si);
		out->swaps[t].size_kib = si->pages * (PAGE_SIZE / 1024);
		out->swaps[t].used_kib = si->inuse_pages * (PAGE_SIZE / 1024);
		out->swaps[t].priority = si->prio;
		out->swaps[t].dax = si->dax;
	}
	out->nr_memcgs = mm->nr_memcgs - 1;
	for (unsigned int id = 1; id < mm->nr_memcgs; id++) {
		const struct mem_cgroup *memcg = &mm->memcgs[id];
		struct mmsim_memcg_stats *m = &out->memcgs[id - 1];

		m->name = memcg->name;
		m->limit_kib = memcg->limit == ULONG_MAX ? UINT64_MAX :
			       (uint64_t)memcg->limit * (PAGE_SIZE / 1024);
		m->usage_kib = (uint64_t)memcg->usage * (PAGE_SIZE / 1024);
		m->max_usage_kib = (uint64_t)memcg->watermark * (PAGE_SIZE / 1024);
		m->failcnt = memcg->failcnt;
		m->reclaims = memcg->events[MEMCG_RECLAIM];
		m->pgscan = memcg->events[MEMCG_PGSCAN_KSWAPD] + memcg->events[MEMCG_PGSCAN_DIRECT];
		m->pgsteal = memcg->events[MEMCG_PGSTEAL_KSWAPD] +
			     memcg->events[MEMCG_PGSTEAL_DIRECT];
		m->oom = memcg->events[MEMCG_OOM];
		m->oom_kill = memcg->events[MEMCG_OOM_KILL];
	}
}

const char *const mmsim_proc_files[] = {
	"buddyinfo",
	"pagetypeinfo",
	"zoneinfo",
	"vmstat",
	"extfrag/extfrag_index",
	"extfrag/unusable_index",
	"swaps",
	NULL,
};

int mmsim_proc_show(mmsim_t *sim, const char *name, FILE *out)
{
	static void (*const show[])(FILE *, struct mm_state *) = {
		mm_show_buddyinfo,
		mm_show_pagetypeinfo,
		mm_show_zoneinfo,
		mm_show_vmstat,
		mm_show_extfrag_index,
		mm_show_unusable_index,
		swap_show,
	};

	for (int i = 0; mmsim_proc_files[i]; i++)
		if (!strcmp(name, mmsim_proc_files[i])) {
			show[i](out, sim_mm(sim));
			return 0;
		}
	return -ENOENT;
}
