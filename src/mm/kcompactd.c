// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/kcompactd.c - the per-node compaction daemon
 *
 * kcompactd() of mm/compaction.c, kernel 6.x before the 2025 watermark
 * change (../shared/reference/kernel_mm.md §3.7-3.8): one kernel thread per
 * node, bound to the node's CPUs, sleeping interruptibly on kcompactd_wait
 * with a 500 ms timeout (HPAGE_FRAG_CHECK_INTERVAL_MSEC; no timeout when
 * vm.compaction_proactiveness is 0).  Woken for work (wakeup_kcompactd()),
 * it runs kcompactd_do_work() for the pending order; on a timeout it does
 * proactive compaction when the node's fragmentation score is above the
 * high score watermark, and backs off for 32 s (500 ms << 6) when a round
 * did not lower the score.
 *
 * The seed's alternative is selectable ([model] kcompactd=babka): Babka's
 * 2017 RFC, where every run turns the recorded per-order demand into
 * free-block targets and compacts each zone until they are met
 * (kcompactd_finished()).  The RFC's cover letter also asks for feedback
 * from the recent success rate; here a run that misses its targets lowers
 * an average, and below [model] babka_min_success percent the daemon
 * backs off for 32 s, then tries again.  The RFC was woken by kswapd only;
 * here it also runs on the 500 ms timer so targets decay when demand stops.
 *
 * kswapd (mm/vmscan.c) wakes it when it goes back to sleep on a balanced
 * node (kswapd_try_to_sleep()), after boosted reclaim, and instead of
 * waking itself for a caller that cannot compact directly on a node with
 * enough free memory.  Not modelled: freezing, psi memstall accounting,
 * the sysctl-write trigger (the proactiveness is fixed per run).
 */
#include "mm/mm_sim.h"

#include <stdio.h>
#include <string.h>

#include "lib/compiler.h"
#include "sim/sched.h"

#define HPAGE_FRAG_CHECK_INTERVAL_MSEC	500

static bool kcompactd_work_requested(const struct kcompactd *kcd)
{
	return kcd->max_order > 0 || kcd->proactive_trigger;
}

/* Some zone up to highest_zoneidx would gain from compacting for max_order. */
static bool kcompactd_node_suitable(struct kcompactd *kcd)
{
	struct mm_state *mm = &kcd->ms->mm;

	for (int z = 0; z <= (int)kcd->highest_zoneidx; z++) {
		struct zone *zone = &kcd->pgdat->node_zones[z];

		if (populated_zone(zone) &&
		    compaction_suit_allocation_order(mm, zone, (int)kcd->max_order, z,
						     ALLOC_WMARK_MIN) == COMPACT_CONTINUE)
			return true;
	}
	return false;
}

static void trace_kcompactd(struct mm_state *mm, enum mm_trace_event ev, int nid,
			    unsigned int order, enum zone_type zidx)
{
	if (mm_trace_on(mm, ev))
		mm_trace(mm, ev, "nid=%d order=%u classzone_idx=%-8s", nid, order, zone_names[zidx]);
}

void wakeup_kcompactd(struct mm_sim *ms, int nid, unsigned int order,
		      enum zone_type highest_zoneidx)
{
	struct kcompactd *kcd = &ms->kcompactd[nid];

	if (!order)
		return;
	if (kcd->max_order < order)
		kcd->max_order = order;
	if (kcd->highest_zoneidx > highest_zoneidx)
		kcd->highest_zoneidx = highest_zoneidx;
	if (!waitqueue_active(&kcd->wait) && !kcd->booting)
		return;
	if (!kcompactd_node_suitable(kcd))
		return;
	trace_kcompactd(&ms->mm, MM_TRACE_COMPACTION_WAKEUP_KCOMPACTD, nid, order, highest_zoneidx);
	if (kcd->booting)
		wake_up_process(kcd->task);
	else
		wake_up_interruptible(&kcd->wait);
}

/* kcompactd_do_work(): compact for the order an allocation asked for. */
static void kcompactd_do_work(struct kcompactd *kcd)
{
	struct mm_state *mm = &kcd->ms->mm;
	int order = (int)kcd->max_order;
	enum zone_type zidx = kcd->highest_zoneidx;

	mm->events[KCOMPACTD_WAKE]++;
	trace_kcompactd(mm, MM_TRACE_COMPACTION_KCOMPACTD_WAKE, kcd->pgdat->node_id,
			(unsigned int)order, zidx);
	for (int z = 0; z <= (int)zidx; z++) {
		struct zone *zone = &kcd->pgdat->node_zones[z];
		struct compact_control cc = {
			.zone = zone,
			.order = order,
			.highest_zoneidx = (int)zidx,
			.mode = MIGRATE_SYNC_LIGHT,
			.migratetype = MIGRATE_MOVABLE,
		};
		enum compact_result status;

		if (!populated_zone(zone) || compaction_deferred(zone, order))
			continue;
		if (compaction_suit_allocation_order(mm, zone, order, (int)zidx, ALLOC_WMARK_MIN) !=
		    COMPACT_CONTINUE)
			continue;
		status = compact_zone(mm, &cc, NULL);
		if (status == COMPACT_SUCCESS) {
			compaction_defer_reset(zone, order, false);
		} else if (status == COMPACT_PARTIAL_SKIPPED || status == COMPACT_COMPLETE) {
			drain_all_pages(mm, zone);
			defer_compaction(zone, order);
		}
		mm->events[KCOMPACTD_MIGRATE_SCANNED] += cc.total_migrate_scanned;
		mm->events[KCOMPACTD_FREE_SCANNED] += cc.total_free_scanned;
	}
	/* a wakeup for a higher order while this ran stays pending */
	if ((int)kcd->max_order <= order)
		kcd->max_order = 0;
	if (kcd->highest_zoneidx >= zidx)
		kcd->highest_zoneidx = (enum zone_type)(kcd->pgdat->nr_zones - 1);
}

/* One round of the Babka policy: compact every zone toward its targets. */
static void kcompactd_babka_round(struct kcompactd *kcd)
{
	struct mm_state *mm = &kcd->ms->mm;
	pg_data_t *pgdat = kcd->pgdat;
	bool any = false, met = true;

	kcompactd_adjust_free_targets(pgdat);
	for (int z = 0; z < pgdat->nr_zones; z++) {
		struct zone *zone = &pgdat->node_zones[z];
		struct compact_control cc = {
			.zone = zone,
			.order = -1,
			.highest_zoneidx = z,
			.mode = MIGRATE_SYNC_LIGHT,
			.migratetype = MIGRATE_MOVABLE,
			.target_driven = true,
		};
		enum compact_result r;

		if (!populated_zone(zone) || kcompactd_finished(zone) != COMPACT_CONTINUE)
			continue;
		if (!any) {
			mm->events[KCOMPACTD_WAKE]++;
			trace_kcompactd(mm, MM_TRACE_COMPACTION_KCOMPACTD_WAKE, pgdat->node_id, 0,
					(enum zone_type)(pgdat->nr_zones - 1));
		}
		any = true;
		r = compact_zone(mm, &cc, NULL);
		if (r != COMPACT_SUCCESS)
			met = false;
		mm->events[KCOMPACTD_MIGRATE_SCANNED] += cc.total_migrate_scanned;
		mm->events[KCOMPACTD_FREE_SCANNED] += cc.total_free_scanned;
	}
	if (!any)
		return;
	kcd->babka_runs++;
	kcd->babka_successes += met;
	kcompactd_record_result(pgdat, met);
}

/* No timer when proactive compaction is off (the mainline policy). */
static long kcompactd_timeout(const struct mm_sim *ms, long timeout)
{
	if (ms->policy != MMSIM_KCOMPACTD_BABKA && !ms->mm.compaction_proactiveness)
		return MAX_SCHEDULE_TIMEOUT;
	return timeout;
}

static void kcompactd(struct task_struct *p, void *arg)
{
	struct kcompactd *kcd = arg;
	struct mm_sim *ms = kcd->ms;
	struct mm_state *mm = &ms->mm;
	struct mmsim *sim = p->sim;
	pg_data_t *pgdat = kcd->pgdat;
	long default_timeout = HPAGE_FRAG_CHECK_INTERVAL_MSEC * HZ / 1000;
	long timeout = default_timeout;
	bool babka = ms->policy == MMSIM_KCOMPACTD_BABKA;

	for (;;) {
		long ret;

		if (kcd->booting) {
			/* woken from the sleep it was created in (kcompactd_run()) */
			kcd->booting = false;
			event_cancel(sim, &p->timer);
			ret = kcompactd_work_requested(kcd);
		} else {
			timeout = kcompactd_timeout(ms, timeout);
			if (mm_trace_on(mm, MM_TRACE_COMPACTION_KCOMPACTD_SLEEP))
				mm_trace(mm, MM_TRACE_COMPACTION_KCOMPACTD_SLEEP, "nid=%d",
					 pgdat->node_id);
			ret = wait_event_interruptible_timeout(&kcd->wait,
							       kcompactd_work_requested(kcd),
							       timeout);
		}
		if (babka) {
			timeout = default_timeout;
			if (kcd->max_order)
				kcompactd_do_work(kcd);
			if (kcompactd_should_back_off(pgdat, ms->babka_min_success * 10)) {
				/* too little success lately: wait 32 s, then try again */
				kcd->babka_backoffs++;
				pgdat->compact_success_ema = ms->babka_min_success * 10;
				timeout = default_timeout << COMPACT_MAX_DEFER_SHIFT;
				continue;
			}
			kcompactd_babka_round(kcd);
			continue;
		}
		if (ret && !kcd->proactive_trigger) {
			kcompactd_do_work(kcd);
			timeout = default_timeout;
			continue;
		}
		timeout = default_timeout;
		if (should_proactive_compact_node(mm, pgdat)) {
			unsigned int prev_score = fragmentation_score_node(pgdat), score;

			kcd->proactive_runs++;
			compact_node(mm, pgdat, true);
			score = fragmentation_score_node(pgdat);
			if (score >= prev_score) {
				kcd->proactive_deferred++;
				timeout = default_timeout << COMPACT_MAX_DEFER_SHIFT;
			}
		}
		kcd->proactive_trigger = false;
	}
}

void kcompactd_run(struct mm_sim *ms, int nid)
{
	struct kcompactd *kcd = &ms->kcompactd[nid];
	struct task_create_args args = {
		.comm = kcd->comm,
		.fn = kcompactd,
		.arg = kcd,
		.asleep = true,
	};

	kcd->ms = ms;
	kcd->pgdat = &ms->mm.nodes[nid];
	kcd->highest_zoneidx = (enum zone_type)(kcd->pgdat->nr_zones - 1);
	snprintf(kcd->comm, sizeof(kcd->comm), "kcompactd%d", nid);
	init_waitqueue_head(ms->sim, &kcd->wait);
	if (ms->policy == MMSIM_KCOMPACTD_BABKA)
		kcd->pgdat->compact_success_ema = 1000;
	/* bound to the node's CPUs; a CPU-less node's thread may run anywhere */
	if (!mmsim_cpumask_empty(&ms->node_cpus[nid]))
		args.cpus = &ms->node_cpus[nid];
	/*
	 * Started at boot, long before the workload: the run begins with the
	 * thread asleep in its first wait, due back after the first timeout.
	 */
	kcd->task = task_create(ms->sim, &args);
	MM_BUG_ON(!kcd->task);	/* out of host memory for stacks */
	kcd->booting = true;
	task_sleep_timeout(kcd->task, kcompactd_timeout(ms, HPAGE_FRAG_CHECK_INTERVAL_MSEC * HZ / 1000));
}
