// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_oom_kill.c - the OOM killer
 *
 * kind=mem jobs of known sizes on a 64 MiB machine without swap, so that
 * their anonymous pages cannot be reclaimed and the last job to fault runs
 * the allocator out of memory.  Each test says which job must die (by
 * oom_badness(): rss + page table pages + oom_score_adj thousandths of
 * RAM), checks the oom_kill count, that the others finish, that the
 * victim's pages all went back to the free lists (free + pcp + what the
 * survivors map = managed, exactly), the kernel log, and (test_run()) every
 * invariant checker after the run.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <errno.h>

#include "helpers.h"
#include "mmsim/stats.h"

/* The whole output of a /proc file of @sim (to free). */
static char *proc_text(mmsim_t *sim, const char *name)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	cr_assert(f != NULL);
	cr_assert(eq(int, mmsim_proc_show(sim, name, f), 0));
	fclose(f);
	return text;
}

/* Pages on the per-CPU lists: the "count:" of every pageset in /proc/zoneinfo. */
static unsigned long long pcp_pages(mmsim_t *sim)
{
	char *text = proc_text(sim, "zoneinfo");
	unsigned long long n = 0;

	for (char *p = strstr(text, "count: "); p; p = strstr(p + 1, "count: "))
		n += strtoull(p + strlen("count: "), NULL, 10);
	free(text);
	return n;
}

/*
 * Every page is free, on a pcp list, or mapped by a job that is still
 * there: nothing of the victims is left, on the LRU lists either.
 */
static void assert_victims_freed(mmsim_t *sim, unsigned long long survivors_rss)
{
	struct mmsim_mm_stats ms;

	mmsim_mm_stats(sim, &ms);
	cr_assert(eq(u64, ms.managed_pages - ms.free_pages - pcp_pages(sim), survivors_rss),
		  "managed %llu free %llu pcp %llu", (unsigned long long)ms.managed_pages,
		  (unsigned long long)ms.free_pages, pcp_pages(sim));
	cr_assert(eq(u64, vmstat(sim, "nr_inactive_anon") + vmstat(sim, "nr_active_anon"),
		     survivors_rss));
}

#define MACHINE "[global]\nruntime=60s\n[machine]\ncpus=1\nmemory=64M\n"

/*
 * hog maps the most (28M) but has oom_score_adj=-1000; big (20M) sleeps
 * between its passes; small (16M) runs out of memory part way through its
 * first pass.  big is the largest eligible process and is killed; small's
 * fault retries and succeeds; hog and small finish their two passes.
 */
Test(oom_kill, kills_the_largest_eligible_process)
{
	mmsim_t *sim = test_run(MACHINE
				"[hog]\nkind=mem\nsize=28M\nloops=2\nthink=2s\noom_score_adj=-1000\n"
				"[big]\nkind=mem\nsize=20M\nloops=2\nthink=2s\nstart_delay=100ms\n"
				"[small]\nkind=mem\nsize=16M\nloops=2\nstart_delay=200ms\n",
				1, NULL, NULL);
	struct mmsim_job_stats hog = job(sim, 0), big = job(sim, 1), small = job(sim, 2);
	char *log = test_dmesg(sim);

	cr_assert(big.oom_killed);
	cr_assert(hog.oom_killed == 0);
	cr_assert(small.oom_killed == 0);
	cr_assert(eq(u64, vmstat(sim, "oom_kill"), 1));
	cr_assert(eq(u64, hog.loops, 2));
	cr_assert(eq(u64, small.loops, 2));
	cr_assert(eq(u64, big.loops, 1), "killed in its think time after the first pass");
	cr_assert(eq(u64, big.oom_kill_ns, 200 * 1000000ULL), "small's first faults");
	cr_assert(eq(u64, hog.rss_pages, 7168));
	cr_assert(eq(u64, small.rss_pages, 4096));
	cr_assert(eq(u64, big.rss_pages, 0));
	cr_assert(eq(u64, hog.errors + big.errors + small.errors, 0));
	assert_victims_freed(sim, hog.rss_pages + small.rss_pages);
	/* rss 5120 pages, page tables 20M / 2M = 10 pages of 4K */
	cr_assert(strstr(log, "] small invoked oom-killer: gfp_mask=0x100dca"
			 "(GFP_HIGHUSER_MOVABLE|__GFP_ZERO), order=0, oom_score_adj=0\n") != NULL, "%s", log);
	cr_assert(strstr(log, "] [   1000]     0  1000     7168     7168     7168        0"
			 "         0    57344        0         -1000 hog\n") != NULL, "%s", log);
	cr_assert(strstr(log, "] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,"
			 "mems_allowed=0,global_oom,task_memcg=/,task=big,pid=1001,uid=0\n") != NULL,
		  "%s", log);
	cr_assert(strstr(log, "] Out of memory: Killed process 1001 (big) total-vm:20480kB, "
			 "anon-rss:20480kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:40kB "
			 "oom_score_adj:0\n") != NULL, "%s", log);
	cr_assert(eq(int, count_lines(log, "Killed process"), 1));
	free(log);
	mmsim_free(sim);
}

/*
 * oom_score_adj=1000 adds all of memory to tiny's score: tiny (4M, asleep
 * in its think time) dies rather than big (24M) or the allocating small.
 * Its 1024 pages are enough for small to finish.
 */
Test(oom_kill, score_adj_1000_makes_the_smallest_the_victim)
{
	char *trace;
	mmsim_t *sim = test_run(MACHINE
				"[tiny]\nkind=mem\nsize=4M\nloops=2\nthink=10s\noom_score_adj=1000\n"
				"[big]\nkind=mem\nsize=24M\nloops=2\nthink=2s\nstart_delay=100ms\n"
				"[small]\nkind=mem\nsize=36M\nloops=2\nstart_delay=200ms\n",
				1, "oom:mark_victim,sched:sched_wakeup,sched:sched_process_exit", &trace);
	struct mmsim_job_stats tiny = job(sim, 0), big = job(sim, 1), small = job(sim, 2);

	cr_assert(tiny.oom_killed);
	cr_assert(big.oom_killed == 0 && small.oom_killed == 0);
	cr_assert(eq(u64, vmstat(sim, "oom_kill"), 1));
	cr_assert(eq(u64, tiny.loops, 1), "woken from its 10 s sleep, it starts no second pass");
	cr_assert(eq(u64, big.loops, 2));
	cr_assert(eq(u64, small.loops, 2));
	cr_assert(eq(u64, tiny.rss_pages, 0));
	cr_assert(eq(u64, small.rss_pages, 9216));
	assert_victims_freed(sim, big.rss_pages + small.rss_pages);
	cr_assert(eq(int, count_lines(trace, "mark_victim: pid=1000 comm=tiny total-vm=4096kB "
				      "anon-rss=4096kB file-rss:0kB shmem-rss:0kB uid=0 "
				      "pgtables=8kB oom_score_adj=1000"), 1), "%s", trace);
	cr_assert(eq(int, count_lines(trace, "sched_wakeup: comm=tiny pid=1000"), 1),
		  "the kill wakes it: %s", trace);
	cr_assert(eq(int, count_lines(trace, "sched_process_exit: comm=tiny pid=1000"), 1));
	free(trace);
	mmsim_free(sim);
}

/*
 * The allocating process is the largest: grow (two threads, 80M) kills
 * itself.  Its threads get the OOM reserve, fail rather than loop, exit,
 * and the last one to exit frees the address space; keep finishes.  The
 * failed faults of a killed task are not errors, and the victim is marked
 * once.
 */
Test(oom_kill, allocating_process_can_be_the_victim)
{
	char *trace;
	mmsim_t *sim = test_run(MACHINE
				"[keep]\nkind=mem\nsize=8M\nloops=2\nthink=1s\n"
				"[grow]\nkind=mem\nsize=80M\nloops=1\nthreads=2\nstart_delay=100ms\n",
				1, "oom:*", &trace);
	struct mmsim_job_stats keep = job(sim, 0), grow = job(sim, 1);

	cr_assert(grow.oom_killed);
	cr_assert(keep.oom_killed == 0);
	cr_assert(eq(u64, vmstat(sim, "oom_kill"), 1));
	cr_assert(eq(u64, keep.loops, 2));
	cr_assert(eq(u64, grow.loops, 0));
	cr_assert(eq(u64, grow.errors, 0));
	cr_assert(eq(u64, grow.rss_pages, 0));
	assert_victims_freed(sim, keep.rss_pages);
	cr_assert(eq(int, count_lines(trace, "mark_victim: pid=1001 comm=grow"), 1), "%s", trace);
	free(trace);
	mmsim_free(sim);
}

/*
 * a and b map the same and score the same; oom_evaluate_task() of 6.x
 * keeps a later process on equal points (points < chosen_points skips,
 * equal does not), so b, found after a, is the victim.
 */
Test(oom_kill, equal_scores_kill_the_process_found_last)
{
	mmsim_t *sim = test_run(MACHINE
				"[a]\nkind=mem\nsize=16M\nloops=2\nthink=2s\n"
				"[b]\nkind=mem\nsize=16M\nloops=2\nthink=2s\nstart_delay=100ms\n"
				"[c]\nkind=mem\nsize=40M\nloops=2\nstart_delay=200ms\n"
				"oom_score_adj=-1000\n", 1, NULL, NULL);

	cr_assert(job(sim, 0).oom_killed == 0);
	cr_assert(job(sim, 1).oom_killed);
	cr_assert(job(sim, 2).oom_killed == 0);
	cr_assert(eq(u64, vmstat(sim, "oom_kill"), 1));
	cr_assert(eq(u64, job(sim, 2).loops, 2));
	mmsim_free(sim);
}

/*
 * Nothing can be killed (the only process is -1000, the other job has no
 * address space): the kernel panics, the run stops with -ENOMEM at that
 * instant, and the kernel log says why; the model is still consistent.
 */
Test(oom_kill, no_killable_process_ends_the_run)
{
	struct mmsim_config *cfg = test_config(MACHINE
					       "[pin]\nkind=mem\nsize=80M\nloops=1\n"
					       "oom_score_adj=-1000\n"
					       "[cpu]\nkind=cpu\nloops=1000\nthink=10ms\n", 1);
	struct mmsim_error err;
	mmsim_t *sim = mmsim_create(cfg, &err);
	struct mmsim_engine_stats es;
	char *log;

	cr_assert(sim != NULL, "%s", err.msg);
	free(cfg);
	cr_assert(eq(int, mmsim_run(sim), -ENOMEM));
	cr_assert(mmsim_check(sim));
	mmsim_engine_stats(sim, &es);
	cr_assert(es.virtual_time_ns < 1000000000ULL, "stopped at the panic");
	cr_assert(eq(u64, vmstat(sim, "oom_kill"), 0));
	cr_assert(job(sim, 0).oom_killed == 0);
	log = test_dmesg(sim);
	cr_assert(strstr(log, "] pin invoked oom-killer: ") != NULL, "%s", log);
	cr_assert(strstr(log, "] Out of memory and no killable processes...\n") != NULL, "%s", log);
	cr_assert(strstr(log, "] Kernel panic - not syncing: System is deadlocked on memory\n") != NULL,
		  "%s", log);
	free(log);
	mmsim_free(sim);
}

/* With the default costs the run and the choice are the same, and two runs agree. */
Test(oom_kill, kill_is_deterministic_with_costs)
{
	const char *ini = MACHINE
			  "[hog]\nkind=mem\nsize=28M\nloops=2\nthink=2s\noom_score_adj=-1000\n"
			  "[big]\nkind=mem\nsize=20M\nloops=2\nthink=2s\nstart_delay=100ms\n"
			  "[small]\nkind=mem\nsize=16M\nloops=2\nstart_delay=200ms\nthreads=2\n";
	mmsim_t *a = test_run(ini, 0, NULL, NULL);
	mmsim_t *b = test_run(ini, 0, NULL, NULL);
	char *la = test_dmesg(a), *lb = test_dmesg(b);

	cr_assert(job(a, 1).oom_killed);
	cr_assert(eq(u64, vmstat(a, "oom_kill"), 1));
	cr_assert(eq(u64, job(a, 2).loops, 4));
	cr_assert(eq(str, la, lb));
	cr_assert(eq(u64, job(a, 2).cpu_time_ns, job(b, 2).cpu_time_ns));
	assert_victims_freed(a, job(a, 0).rss_pages + job(a, 2).rss_pages);
	free(la);
	free(lb);
	mmsim_free(a);
	mmsim_free(b);
}
