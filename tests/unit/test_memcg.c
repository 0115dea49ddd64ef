// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_memcg.c - memory cgroups: charging, limit reclaim, OOM
 *
 * Whole runs with a [cgroup.NAME] limit: the cgroup's job reclaims its own
 * pages in its own threads while the machine has plenty free (kswapd
 * never wakes, a job outside keeps every page), the usage never passes
 * the limit, swap-ins are charged back, and with nothing to reclaim the
 * cgroup's OOM killer takes its task only.  Every run ends with the
 * checkers (the cgroups' usage against the pages charged, the lruvecs'
 * lists and counts).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "mm/mm.h"
#include "mm/mm_sim.h"
#include "mmsim/stats.h"
#include "sim/sim.h"

#define BOX(limit, swap, hog_size, loops)					\
	"[global]\nruntime=60s\n[machine]\ncpus=2\nmemory=128M\n" swap		\
	"[cgroup.box]\nmemory.limit_in_bytes=" limit "\n"			\
	"[hog]\nkind=mem\ncgroup=box\nsize=" hog_size "\npopulate=on\npattern=seq\n"	\
	"loops=" loops "\n"							\
	"[bystander]\nkind=mem\nsize=16M\npopulate=on\npattern=seq\nloops=2\n"

#define NVME_SWAP "[device.ssd]\ntype=nvme\nsize=256M\n[swap.s]\ndevice=ssd\n"

static struct mmsim_memcg_stats box(mmsim_t *sim)
{
	struct mmsim_mm_stats ms;

	mmsim_mm_stats(sim, &ms);
	cr_assert(eq(u32, ms.nr_memcgs, 1));
	return ms.memcgs[0];
}

/*
 * A 24M job in a 16M cgroup on a 128M machine: its two passes in order
 * each swap the whole region in again (6144 pages each), while the 16M
 * job outside, on the root's LRU, is never touched: its 4096 pages fault
 * once.  All the reclaim is the cgroup's, in the hog's own thread:
 * pgscan_anon is the cgroup's pgscan, /proc/vmstat's pgscan_kswapd and
 * pgscan_direct stay 0 (cgroup reclaim is not counted there), no
 * allocstall.  The usage peaks at the limit exactly.
 */
Test(memcg, limit_reclaim_stays_in_the_cgroup)
{
	mmsim_t *sim = test_run(BOX("16M", NVME_SWAP, "24M", "2"), 0, NULL, NULL);
	struct mmsim_memcg_stats m = box(sim);

	cr_assert(eq(u64, job(sim, 0).errors + job(sim, 1).errors, 0));
	cr_assert(eq(u64, vmstat(sim, "pswpin"), 2 * 6144));
	cr_assert(eq(u64, vmstat(sim, "workingset_refault_anon"), 2 * 6144));
	cr_assert(eq(u64, vmstat(sim, "pgfault"), 3 * 6144 + 4096));
	cr_assert(eq(u64, vmstat(sim, "pgscan_kswapd") + vmstat(sim, "pgscan_direct"), 0));
	cr_assert(eq(u64, vmstat(sim, "allocstall_normal") + vmstat(sim, "allocstall_dma32"), 0));
	cr_assert(gt(u64, m.pgscan, 0));
	cr_assert(eq(u64, m.pgscan, vmstat(sim, "pgscan_anon")), "every page scanned was the box's");
	cr_assert(eq(u64, m.pgsteal, vmstat(sim, "pgsteal_anon")));
	cr_assert(eq(u64, m.max_usage_kib, 16384), "up to the limit, not past it");
	cr_assert(le(u64, m.usage_kib, 16384));
	cr_assert(eq(u64, m.reclaims, m.failcnt), "each charge over the limit reclaimed once");
	cr_assert(gt(u64, m.failcnt, 0));
	cr_assert(eq(u64, m.oom_kill, 0));
	cr_assert(eq(str, (char *)m.name, "/box"));
	cr_assert(eq(u64, m.limit_kib, 16384));
	mmsim_free(sim);
}

/*
 * The same hog without a cgroup fits the machine: no reclaim at all.  So
 * the reclaim above is the limit's.
 */
Test(memcg, without_the_limit_nothing_is_reclaimed)
{
	mmsim_t *sim = test_run(BOX("max", NVME_SWAP, "24M", "2"), 0, NULL, NULL);
	struct mmsim_memcg_stats m = box(sim);

	cr_assert(eq(u64, m.limit_kib, UINT64_MAX));
	cr_assert(eq(u64, m.max_usage_kib, 24576), "charged, but never over a limit");
	cr_assert(eq(u64, m.usage_kib, 24576));
	cr_assert(eq(u64, m.failcnt + m.pgscan, 0));
	cr_assert(eq(u64, vmstat(sim, "pswpout") + vmstat(sim, "pgscan_anon"), 0));
	cr_assert(eq(u64, vmstat(sim, "pgfault"), 6144 + 4096));
	mmsim_free(sim);
}

/*
 * Without swap a 16M job in an 8M cgroup has nothing to reclaim: after
 * MAX_RECLAIM_RETRIES reclaims that free nothing the cgroup's OOM killer
 * kills it (not the job outside, which has as much memory), the charge
 * of the dying task then fails, and its pages go back: usage 0.
 */
Test(memcg, oom_kills_inside_the_cgroup)
{
	mmsim_t *sim = test_run(BOX("8M", "", "16M", "1"), 0, NULL, NULL);
	struct mmsim_memcg_stats m = box(sim);
	char *log = test_dmesg(sim);

	cr_assert(eq(u64, vmstat(sim, "oom_kill"), 1));
	cr_assert(eq(u64, m.oom_kill, 1));
	cr_assert(eq(u64, m.oom, 1), "the dying task's failing charge met no second OOM");
	cr_assert(eq(u64, m.max_usage_kib, 8192));
	cr_assert(eq(u64, m.usage_kib, 0), "the victim's pages were uncharged as it exited");
	cr_assert(eq(u64, m.pgscan, 0), "nothing to scan without swap");
	cr_assert(eq(u64, m.reclaims, 2 * (MAX_RECLAIM_RETRIES + 1)),
		  "17 reclaims before the OOM, 17 more before the dying task gives up");
	cr_assert(eq(u64, job(sim, 1).loops, 2), "the bystander ran to the end");
	cr_assert(strstr(log, "Memory cgroup out of memory: Killed process") != NULL, "%s", log);
	cr_assert(strstr(log, "constraint=CONSTRAINT_MEMCG") != NULL, "%s", log);
	cr_assert(strstr(log, "oom_memcg=/box,task_memcg=/box,task=hog") != NULL, "%s", log);
	cr_assert(strstr(log, "memory: usage 8192kB, limit 8192kB, failcnt 17") != NULL, "%s", log);
	cr_assert(strstr(log, "bystander") == NULL, "only the cgroup's tasks are listed");
	free(log);
	mmsim_free(sim);
}

/*
 * Swapped-out pages are charged back at swap-in to the cgroup recorded on
 * their slot (swap_cgroup), the readahead pages too: the checker's count
 * of pages charged matches the usage at the end, and the usage never
 * passed the limit although every pass read the region back.
 */
Test(memcg, swap_ins_are_charged_to_the_owner)
{
	mmsim_t *sim = test_run(BOX("16M", NVME_SWAP, "24M", "3"), 0, NULL, NULL);
	struct mm_sim *ms = sim->mm;
	struct mmsim_memcg_stats m = box(sim);
	unsigned long charged = 0;

	for (unsigned long pfn = 0; pfn < ms->mm.nr_pfns; pfn++)
		charged += ms->mm.mem_map[pfn].memcg_id == 1;
	cr_assert(eq(u64, charged * 4, m.usage_kib));
	cr_assert(gt(u64, vmstat(sim, "swap_ra"), 0), "readahead pages were read for the box");
	cr_assert(eq(u64, m.max_usage_kib, 16384));
	cr_assert(mem_cgroup_check(ms));
	mmsim_free(sim);
}

/*
 * A 4M job in a 1M cgroup swapping to a USB stick (slow writes): its
 * reclaim meets pages it wrote out (PG_reclaim) still under writeback.
 * Cgroup v1 has no dirty throttling, so reclaim waits for the write and
 * frees the page (shrink_folio_list()'s case 3) instead of activating it
 * as global reclaim would (case 2): nothing is activated and the job
 * finishes.  With case 2 here the cgroup runs out of candidates and
 * OOM-kills the job (17,695 activations, oom_kill 1 when tried).
 */
Test(memcg, v1_reclaim_waits_for_writeback_instead_of_oom)
{
	mmsim_t *sim = test_run("[global]\nruntime=60s\n[machine]\ncpus=2\nmemory=128M\n"
				"[device.stick]\ntype=usb\nsize=256M\n[swap.s]\ndevice=stick\n"
				"[cgroup.box]\nmemory.limit_in_bytes=1M\n"
				"[hog]\nkind=mem\ncgroup=box\nsize=4M\npopulate=on\npattern=seq\n"
				"loops=1\n", 0, NULL, NULL);
	struct mmsim_memcg_stats m = box(sim);

	cr_assert(eq(u64, vmstat(sim, "oom_kill"), 0));
	cr_assert(eq(u64, vmstat(sim, "pgactivate"), 0), "waited for, not activated");
	cr_assert(eq(u64, job(sim, 0).loops, 1));
	cr_assert(eq(u64, job(sim, 0).errors, 0));
	cr_assert(ge(u64, vmstat(sim, "pswpout"), 1024 - 256), "all that did not fit was written");
	cr_assert(eq(u64, m.max_usage_kib, 1024));
	mmsim_free(sim);
}

/*
 * memory.swappiness=0 in a v1 cgroup keeps its reclaim off the anonymous
 * lists altogether (get_scan_count(): SCAN_FILE for cgroup reclaim), even
 * with swap free: nothing is scanned, and the cgroup's OOM killer takes
 * the job.
 */
Test(memcg, swappiness_0_keeps_the_cgroup_out_of_swap)
{
	mmsim_t *sim = test_run("[global]\nruntime=60s\n[machine]\ncpus=2\nmemory=128M\n" NVME_SWAP
				"[cgroup.box]\nmemory.limit_in_bytes=16M\nmemory.swappiness=0\n"
				"[hog]\nkind=mem\ncgroup=box\nsize=24M\npopulate=on\npattern=seq\n"
				"loops=2\n", 0, NULL, NULL);
	struct mmsim_memcg_stats m = box(sim);

	cr_assert(eq(u64, vmstat(sim, "pswpout") + vmstat(sim, "pgscan_anon"), 0));
	cr_assert(eq(u64, m.oom_kill, 1));
	cr_assert(eq(u64, m.max_usage_kib, 16384));
	mmsim_free(sim);
}

/*
 * Random reads over 48M in a 16M cgroup age its active list (refaults
 * are activated, the active list outgrows the inactive one): the scan
 * of the active list shows as pgdeactivate but, cgroup reclaim, not as
 * /proc/vmstat's pgrefill.  /proc/vmstat's nr_*_anon count the cgroup's
 * pages: its usage, less the swap cache pages off the LRU, at most.
 */
Test(memcg, cgroup_reclaim_counts_in_proc_vmstat_as_the_kernel_does)
{
	mmsim_t *sim = test_run("[global]\nruntime=60s\n[machine]\ncpus=1\nmemory=128M\n"
				NVME_SWAP "[cgroup.box]\nmemory.limit_in_bytes=16M\n"
				"[hog]\nkind=mem\ncgroup=box\nsize=48M\npopulate=on\n"
				"pattern=rand\nloops=2\n", 0, NULL, NULL);
	struct mmsim_memcg_stats m = box(sim);

	cr_assert(eq(u64, job(sim, 0).errors, 0));
	cr_assert(gt(u64, vmstat(sim, "pgdeactivate"), 0));
	cr_assert(eq(u64, vmstat(sim, "pgrefill"), 0));
	cr_assert(gt(u64, vmstat(sim, "nr_inactive_anon") + vmstat(sim, "nr_active_anon"),
		     m.usage_kib / 4 / 2), "the cgroup's pages are the node's");
	cr_assert(le(u64, vmstat(sim, "nr_inactive_anon") + vmstat(sim, "nr_active_anon"),
		     m.usage_kib / 4));
	mmsim_free(sim);
}

/*
 * [model] memcg_stats=every_reclaim (kernels up to 6.10): readers see the
 * current values, whatever the time.
 */
Test(memcg, every_reclaim_statistics_are_current)
{
	static struct mm_state mm = { .memcg_stats_exact = true };
	struct lruvec l = { .memcg_id = 1 };

	l.lists[LRU_INACTIVE_ANON].nr = 7;
	cr_assert(eq(u64, lruvec_page_state_lru(&mm, &l, LRU_INACTIVE_ANON, 100), 7));
	l.lists[LRU_INACTIVE_ANON].nr = 9;
	l.workingset_activate[0] = 4;
	cr_assert(eq(u64, lruvec_page_state_lru(&mm, &l, LRU_INACTIVE_ANON, 101), 9));
	cr_assert(eq(u64, l.workingset_activate_flushed[0], 4));
}

/*
 * The memcg statistics reclaim reads (lruvec_page_state()) are those of
 * the last periodic flush, every 2 s: activations and LRU sizes counted
 * within a period show only once the next one has begun.
 */
Test(memcg, statistics_show_at_the_next_flush)
{
	struct lruvec l = { .memcg_id = 1 };	/* a cgroup's: its own lists, no node needed */

	lruvec_stats_flush(NULL, &l, 100);
	l.workingset_activate[0] += 3;
	l.lists[LRU_ACTIVE_ANON].nr = 40;
	lruvec_stats_flush(NULL, &l, MEMCG_FLUSH_NS - 1);
	l.workingset_activate[1] += 1;
	cr_assert(eq(u64, l.workingset_activate_flushed[0], 0), "still the period of the updates");
	cr_assert(eq(u64, lruvec_page_state_lru(NULL, &l, LRU_ACTIVE_ANON, MEMCG_FLUSH_NS - 1), 0));
	cr_assert(eq(u64, lruvec_page_state_lru(NULL, &l, LRU_ACTIVE_ANON, MEMCG_FLUSH_NS), 40));
	cr_assert(eq(u64, l.workingset_activate_flushed[0], 3));
	cr_assert(eq(u64, l.workingset_activate_flushed[1], 1));
	l.workingset_activate[0] += 2;
	l.lists[LRU_ACTIVE_ANON].nr = 10;
	cr_assert(eq(u64, lruvec_page_state_lru(NULL, &l, LRU_ACTIVE_ANON, 2 * MEMCG_FLUSH_NS - 1), 40),
		  "shrunk within the period: still the flushed size");
	lruvec_stats_flush(NULL, &l, 3 * MEMCG_FLUSH_NS + 5);	/* a period with no reader */
	cr_assert(eq(u64, l.workingset_activate_flushed[0], 5));
	cr_assert(eq(u64, lruvec_page_state_lru(NULL, &l, LRU_ACTIVE_ANON, 3 * MEMCG_FLUSH_NS + 6), 10));
}

/*
 * A page evicted by its cgroup's reclaim records the cgroup in its shadow
 * and the age of the cgroup's lruvec: at refault the distance is the
 * cgroup's evictions and activations since, compared with the cgroup's
 * lists, whatever happened in the root.  Three cgroups (root + 2) take 2
 * bits of the shadow.
 */
Test(memcg, refault_distance_is_measured_in_the_evicting_cgroup)
{
	struct mmsim_config *cfg = test_config("[global]\nruntime=1s\n[machine]\ncpus=1\nmemory=64M\n"
					       "[cgroup.a]\n[cgroup.b]\n[j]\nkind=cpu\n", 0);
	struct mmsim_error err;
	mmsim_t *sim = mmsim_create(cfg, &err);
	struct mm_sim *ms;
	struct page *page;
	struct lruvec *a;
	uint32_t shadow;

	cr_assert(sim != NULL, "%s", err.msg);
	free(cfg);
	ms = sim->mm;
	cr_assert(eq(u32, ms->shadow_memcg_bits, 2));
	page = alloc_pages_node(&ms->mm, GFP_KERNEL, 0, 0, 0, 0);
	cr_assert(page != NULL);
	page->memcg_id = 1;
	a = mem_cgroup_lruvec(&ms->mm, 1, page_zone(&ms->mm, page)->zone_pgdat);
	a->lists[LRU_ACTIVE_FILE].nr = 100;	/* the cgroup's workingset, by hand, */
	a->lru_flushed[LRU_ACTIVE_FILE] = 100;	/* as the last flush saw it */
	for (int far = 0; far < 2; far++) {
		workingset_eviction(ms, &shadow, page, 1);
		a->nonresident_age += 99 + far;		/* + 1 by the eviction itself */
		ms->mm.nodes[0].lruvec.nonresident_age += 1000000;	/* the root: no matter */
		page->flags &= ~PG_active;
		workingset_refault(ms, &shadow, page, true);
		cr_assert(eq(int, !!(page->flags & PG_active), !far), "distance %d", 100 + far);
	}
	a->lists[LRU_ACTIVE_FILE].nr = 0;
	page->flags = 0;
	page->memcg_id = 0;
	free_to_buddy(&ms->mm, page_to_pfn(&ms->mm, page), 0);
	mmsim_free(sim);
}

/*
 * Global reclaim on a machine too small for three jobs, two of them in
 * unlimited cgroups: kswapd and direct reclaim walk every cgroup's lruvec
 * (the root's too), so what /proc/vmstat counts as pgscan_kswapd +
 * pgscan_direct is the sum of the cgroups' pgscan, each of them scanned.
 */
Test(memcg, global_reclaim_scans_every_cgroup)
{
	mmsim_t *sim = test_run("[global]\nruntime=60s\n[machine]\ncpus=2\nmemory=64M\n" NVME_SWAP
				"[cgroup.a]\n[cgroup.b]\n"
				"[ja]\nkind=mem\ncgroup=a\nsize=32M\npopulate=on\npattern=seq\nloops=2\n"
				"[jb]\nkind=mem\ncgroup=b\nsize=32M\npopulate=on\npattern=seq\nloops=2\n"
				"[jr]\nkind=mem\nsize=16M\npopulate=on\npattern=seq\nloops=2\n",
				0, NULL, NULL);
	const struct mem_cgroup *memcgs = sim->mm->mm.memcgs;
	unsigned long long sum = 0;

	for (unsigned int id = 0; id < 3; id++) {
		unsigned long long scanned = memcgs[id].events[MEMCG_PGSCAN_KSWAPD] +
					     memcgs[id].events[MEMCG_PGSCAN_DIRECT];

		cr_assert(gt(u64, scanned, 0), "cgroup %s", memcgs[id].name);
		sum += scanned;
	}
	cr_assert(eq(u64, sum, vmstat(sim, "pgscan_kswapd") + vmstat(sim, "pgscan_direct")));
	cr_assert(eq(u64, memcgs[1].failcnt + memcgs[2].failcnt, 0), "no limit met");
	mmsim_free(sim);
}

/*
 * Compaction's migration of a charged page (migrate_one_page()) moves the
 * charge with it (mem_cgroup_migrate()): the new page is the cgroup's and
 * on its lruvec, the old one uncharged, the usage the same.
 */
Test(memcg, migration_moves_the_charge)
{
	mmsim_t *sim = test_run(BOX("max", "", "4M", "1"), 0, NULL, NULL);
	struct mm_state *mm = &sim->mm->mm;
	unsigned long usage = mm->memcgs[1].usage, pfn;
	struct page *src = NULL, *dst;

	for (pfn = 0; pfn < mm->nr_pfns && !src; pfn++)
		if (mm->mem_map[pfn].memcg_id == 1 && (mm->mem_map[pfn].flags & PG_lru))
			src = &mm->mem_map[pfn];
	cr_assert(src != NULL);
	cr_assert(isolate_movable_page(mm, src) == true);
	dst = alloc_pages_node(mm, GFP_HIGHUSER_MOVABLE, 0, 0, 0, 0);
	cr_assert(dst != NULL);
	cr_assert(eq(int, migrate_one_page(mm, dst, src), 0));
	free_to_buddy(mm, page_to_pfn(mm, src), 0);
	cr_assert(eq(u32, dst->memcg_id, 1));
	cr_assert(ne(u32, dst->flags & PG_lru, 0), "on the cgroup's lruvec");
	cr_assert(eq(u64, mm->memcgs[1].usage, usage));
	cr_assert(mmsim_check(sim));
	mmsim_free(sim);
}
