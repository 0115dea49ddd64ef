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

/* The report's cgroup table and the JSON rows name the cgroup. */
Test(memcg, report_rows)
{
	mmsim_t *sim = test_run(BOX("16M", NVME_SWAP, "24M", "1"), 0, NULL, NULL);
	struct mmsim_mm_stats ms;

	mmsim_mm_stats(sim, &ms);
	cr_assert(eq(str, (char *)ms.memcgs[0].name, "/box"));
	cr_assert(eq(u64, ms.memcgs[0].limit_kib, 16384));
	mmsim_free(sim);
}
