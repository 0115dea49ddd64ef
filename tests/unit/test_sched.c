// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_sched.c - the scheduler on small scenarios, exact results
 *
 * Costs are 0 unless a test says otherwise, so every time below follows
 * from the CFS rules alone.  One CPU: sched_latency 6 ms, min_granularity
 * 0.75 ms, wakeup_granularity 1 ms (factor 1); two CPUs: factor 2.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include "helpers.h"

/*
 * Two nice-0 hogs on one CPU.  b (created second, START_DEBIT of half a
 * period) preempts a before it runs; then each runs until the first tick
 * after its 3 ms slice is used up, i.e. 4 ms, alternating: b gets 13 of
 * the 25 slices in 100 ms.
 */
Test(sched, equal_hogs_alternate_in_tick_rounded_slices)
{
	char *trace = NULL;
	mmsim_t *sim = test_run("[global]\nruntime=100ms\n[machine]\ncpus=1\n"
				"[a]\nburst=1s\n[b]\nburst=1s\n", 1, "sched_switch", &trace);

	cr_assert(eq(u64, job(sim, 0).cpu_time_ns, 48000000));
	cr_assert(eq(u64, job(sim, 1).cpu_time_ns, 52000000));
	/* a: preempted by b at 0 before running, then 12 slices */
	cr_assert(eq(u64, job(sim, 0).nr_involuntary_switches, 13));
	cr_assert(eq(u64, job(sim, 1).nr_involuntary_switches, 12));
	cr_assert(eq(str, (char *)find_line(trace, "0.004000000"),
		     "               b-1001    [000] d..2.     0.004000000: sched_switch: "
		     "prev_comm=b prev_pid=1001 prev_prio=120 prev_state=R+ ==> "
		     "next_comm=a next_pid=1000 next_prio=120"));
	free(trace);
	mmsim_free(sim);
}

/* Weights: nice 0 against nice 5 (1024 : 335) over one second. */
Test(sched, hogs_share_cpu_by_weight)
{
	mmsim_t *sim = test_run("[global]\nruntime=1s\n[machine]\ncpus=1\n"
				"[heavy]\nburst=10s\n[light]\nburst=10s\nnice=5\n", 1, NULL, NULL);
	uint64_t h = job(sim, 0).cpu_time_ns, l = job(sim, 1).cpu_time_ns;

	cr_assert(eq(u64, h + l, 1000000000ULL), "the CPU is never idle");
	/* 1024/1359 = 75.35%; tick rounding keeps it within half a percent */
	cr_assert(h > 748000000ULL && h < 758000000ULL, "heavy got %llu ns", (unsigned long long)h);
	mmsim_free(sim);
}

/*
 * A sleeper wakes at 10.15 ms (10 ms nanosleep + 50 us slack, after a
 * 100 us burst from 0): its vruntime is placed half a latency (3 ms)
 * behind the hog's, more than the 1 ms wakeup granularity, so it preempts
 * the hog (user-mode work) at once: the hog is switched out R+ at the
 * wakeup instant and the sleeper's wakeup latency is 0.
 */
Test(sched, wakeup_preempts_beyond_granularity)
{
	char *trace = NULL;
	mmsim_t *sim = test_run("[global]\nruntime=30ms\n[machine]\ncpus=1\n"
				"[hog]\nburst=1s\n[sleeper]\nburst=100us\nthink=10ms\nloops=2\n",
				1, "sched_switch", &trace);

	cr_assert(eq(str, (char *)find_line(trace, "0.010150000"),
		     "             hog-1000    [000] d..2.     0.010150000: sched_switch: "
		     "prev_comm=hog prev_pid=1000 prev_prio=120 prev_state=R+ ==> "
		     "next_comm=sleeper next_pid=1001 next_prio=120"));
	cr_assert(eq(u64, job(sim, 1).lat_max_ns, 0));
	cr_assert(eq(u64, job(sim, 1).cpu_time_ns, 200000));
	free(trace);
	mmsim_free(sim);
}

/*
 * The same with kernel.sched_wakeup_granularity_ns=5ms.  At creation the
 * sleeper's 3 ms lead is not enough to preempt; at the 1 ms tick
 * check_preempt_tick() sees the hog 4 ms of vruntime ahead of it (more
 * than the 3 ms ideal slice) and switches, so the sleeper runs 1-1.1 ms
 * and wakes at 11.15 ms.  Again a 3 ms lead, again no wakeup preemption:
 * it waits for the hog's next tick (12 ms), where the hog is far past its
 * slice: latency 0.85 ms.
 */
Test(sched, wakeup_within_granularity_waits_for_tick)
{
	char *trace = NULL;
	mmsim_t *sim = test_run("[global]\nruntime=30ms\n[machine]\ncpus=1\n"
				"[sysctl]\nkernel.sched_wakeup_granularity_ns=5000000\n"
				"[hog]\nburst=1s\n[sleeper]\nburst=100us\nthink=10ms\nloops=1\n",
				1, "sched_switch", &trace);

	cr_assert(eq(str, (char *)find_line(trace, "0.001000000"),
		     "             hog-1000    [000] d..2.     0.001000000: sched_switch: "
		     "prev_comm=hog prev_pid=1000 prev_prio=120 prev_state=R+ ==> "
		     "next_comm=sleeper next_pid=1001 next_prio=120"));
	cr_assert(eq(str, (char *)find_line(trace, "0.012000000"),
		     "             hog-1000    [000] d..2.     0.012000000: sched_switch: "
		     "prev_comm=hog prev_pid=1000 prev_prio=120 prev_state=R+ ==> "
		     "next_comm=sleeper next_pid=1001 next_prio=120"));
	/* two samples: the fork at 0 ran at 1 ms, the wakeup waited 0.85 ms */
	cr_assert(eq(u64, job(sim, 1).lat_count, 2));
	cr_assert(eq(u64, job(sim, 1).lat_p50_ns, 850000));
	cr_assert(eq(u64, job(sim, 1).lat_max_ns, 1000000));
	free(trace);
	mmsim_free(sim);
}

/*
 * Two CPUs.  "short" is pinned to CPU 1 and exits at 5 ms; both hogs were
 * placed on CPU 0 (CPU 1 was busy), so when CPU 1 goes idle it pulls the
 * waiting hog: one sched_migrate_task 0 -> 1 at 5 ms, and from then on both
 * CPUs are busy.
 */
Test(sched, idle_cpu_pulls_waiting_task)
{
	char *trace = NULL;
	mmsim_t *sim = test_run("[global]\nruntime=50ms\n[machine]\ncpus=2\n"
				"[short]\nburst=5ms\nloops=1\ncpus_allowed=1\n"
				"[hogs]\nthreads=2\nburst=1s\n", 1, "sched_migrate_task", &trace);
	struct mmsim_cpu_stats c0, c1;

	cr_assert(eq(u32, count_lines(trace, "sched_migrate_task:"), 1));
	cr_assert(eq(int, strstr(find_line(trace, "sched_migrate_task:"),
				 "0.005000000: sched_migrate_task: comm=hogs") != NULL, 1),
		  "%s", find_line(trace, "sched_migrate_task:"));
	cr_assert(eq(int, strstr(find_line(trace, "sched_migrate_task:"),
				 "orig_cpu=0 dest_cpu=1") != NULL, 1));
	mmsim_cpu_stats(sim, 0, &c0);
	mmsim_cpu_stats(sim, 1, &c1);
	cr_assert(eq(u64, c0.busy_ns, 50000000));
	cr_assert(eq(u64, c1.busy_ns, 50000000));
	cr_assert(eq(u64, job(sim, 1).cpu_time_ns, 95000000));
	free(trace);
	mmsim_free(sim);
}

/* A task pinned to a busy CPU is never pulled to an idle one. */
Test(sched, pinned_task_is_not_pulled)
{
	char *trace = NULL;
	mmsim_t *sim = test_run("[global]\nruntime=20ms\n[machine]\ncpus=2\n"
				"[pinned]\nthreads=2\nburst=1s\ncpus_allowed=0\n", 1,
				"sched_migrate_task", &trace);
	struct mmsim_cpu_stats c1;

	cr_assert(eq(u32, count_lines(trace, "sched_migrate_task:"), 0));
	mmsim_cpu_stats(sim, 1, &c1);
	cr_assert(eq(u64, c1.busy_ns, 0));
	free(trace);
	mmsim_free(sim);
}

/* Every switch, wakeup and fork of a run shows up in the trace. */
Test(sched, trace_counts_match_stats)
{
	char *trace = NULL;
	mmsim_t *sim = test_run("[global]\nruntime=20ms\n[machine]\ncpus=2\n"
				"[p]\nkind=pipe\nloops=100\n", 0, NULL, &trace);
	struct mmsim_engine_stats es;
	struct mmsim_job_stats js = job(sim, 0);

	mmsim_engine_stats(sim, &es);
	cr_assert(eq(u32, count_lines(trace, ": sched_switch:"), es.nr_switches));
	cr_assert(eq(u32, count_lines(trace, ": sched_waking:"), js.nr_wakeups));
	cr_assert(eq(u32, count_lines(trace, ": sched_process_fork:"), 2));
	cr_assert(eq(u32, count_lines(trace, ": sched_process_exit:"), 2));
	cr_assert(eq(u64, js.loops, 100));
	cr_assert(eq(u64, es.nr_tasks_left, 0));
	free(trace);
	mmsim_free(sim);
}

/* Timestamps (ns) of the lines containing @needle, in order; returns how many. */
static unsigned int stamps(const char *trace, const char *needle, uint64_t *out, unsigned int max)
{
	unsigned int n = 0;

	for (const char *p = strstr(trace, needle); p && n < max; p = strstr(p + 1, needle)) {
		const char *colon = p;
		unsigned long long sec, nsec;

		while (colon > trace && colon[-1] != '\n')
			colon--;
		/* "... [cpu] flags  SSS.NNNNNNNNN: event: ..." */
		colon = strstr(colon, "] ");
		cr_assert(colon && sscanf(colon + 8, "%llu.%llu:", &sec, &nsec) == 2);
		out[n++] = sec * 1000000000ULL + nsec;
	}
	return n;
}

/*
 * perf-bench-style pipe ping-pong on two idle CPUs with the default costs:
 * syscall 100, pipe_write 500, pipe_read 400, context switch 1200 (charged
 * to the task switched in), wakeup 500 (paid by the waker off the critical
 * path).  One round trip is, per side, switch-in + read + write:
 * 2 * (1200 + 400 + 100 + 500) = 4400 ns; each side runs
 * 1200 + 400 + 100 + 500 + 100 + 500 (the next read's syscall and the
 * wakeup it paid for) = 2800 ns and sleeps the other 1600 ns.
 */
Test(sched, pipe_pingpong_round_trip_follows_cost_model)
{
	char *trace = NULL;
	mmsim_t *sim = test_run("[global]\nruntime=1s\n[machine]\ncpus=2\n"
				"[pp]\nkind=pipe\nloops=100\n", 0, "sched_switch", &trace);
	uint64_t out[200], in[200];
	unsigned int nout = stamps(trace, "prev_pid=1001 prev_prio=120 prev_state=S", out, 200);
	unsigned int nin = stamps(trace, "next_pid=1001 next_prio=120", in, 200);

	cr_assert(nout >= 99 && nin >= 99, "%u %u", nout, nin);
	for (unsigned int i = 3, j = 0; i < 98; i++) {
		/* the switch-in that began the slice ending at out[i] */
		while (j + 1 < nin && in[j + 1] < out[i])
			j++;
		cr_assert(eq(u64, out[i + 1] - out[i], 4400), "round trip %u", i);
		cr_assert(eq(u64, out[i] - in[j], 2800), "run slice %u", i);
		cr_assert(eq(u64, in[j + 1] - out[i], 1600), "sleep %u", i);
	}
	cr_assert(eq(u64, job(sim, 0).loops, 100));
	free(trace);
	mmsim_free(sim);
}

/*
 * fail_usercopy with probability 100 and times 1: the pinger's first
 * write fails with -EFAULT, it gives up and closes its ends, and its
 * partner sees end-of-file: no loop done, one error, one fault injected,
 * both tasks gone.
 */
Test(sched, fault_injection_fails_one_pipe_write)
{
	mmsim_t *sim = test_run("[global]\nruntime=10ms\n[machine]\ncpus=2\n"
				"[fault]\nfail_usercopy.probability=100\nfail_usercopy.times=1\n"
				"[p]\nkind=pipe\nloops=10\n", 0, NULL, NULL);
	struct mmsim_engine_stats es;

	mmsim_engine_stats(sim, &es);
	cr_assert(eq(u64, job(sim, 0).errors, 1));
	cr_assert(eq(u64, job(sim, 0).loops, 0));
	cr_assert(eq(u64, es.nr_faults_injected, 1));
	cr_assert(eq(u64, es.nr_tasks_left, 0));
	mmsim_free(sim);
}
