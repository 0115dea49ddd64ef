// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_timehist.c - perf sched timehist on hand-built records
 *
 * The worked examples of timehist.md §9 (events from a real 6.1 recording,
 * rows as perf 6.1.187 printed them), the 6.1/upstream differences (V2,
 * V1, V4, V5), --time clipping (§9.7, V3), the summary statistics (§9.6)
 * and the option variants of Appendix B.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace/timehist.h"

#define NS(sec, nsec)	((uint64_t)(sec) * 1000000000ULL + (uint64_t)(nsec))

struct rec_buf {
	struct sched_record recs[64];
	size_t nr;
};

static struct sched_record *rec_add(struct rec_buf *b, enum sched_record_type type, uint64_t time,
				    int cpu, const char *comm, int tid)
{
	struct sched_record *r;

	cr_assert(b->nr < sizeof(b->recs) / sizeof(b->recs[0]));
	r = &b->recs[b->nr++];
	memset(r, 0, sizeof(*r));
	r->type = type;
	r->time = time;
	r->cpu = cpu;
	r->tid = tid;
	r->tgid = -1;
	r->comm = comm;
	r->lineno = b->nr;
	return r;
}

static unsigned int state_value(const char *s)
{
	static const char letters[] = "SDTtXZPI";
	const char *p;

	if (s[0] == 'R')
		return s[1] == '+' ? SCHED_STATE_PREEMPTED : 0;
	p = strchr(letters, s[0]);
	cr_assert(p != NULL);
	return 1u << (p - letters);
}

/* a switch recorded in prev's context ("comm" = perf's comm of prev) */
static void sw(struct rec_buf *b, uint64_t time, int cpu, const char *prev, int prev_pid,
	       const char *state, const char *next, int next_pid)
{
	struct sched_record *r = rec_add(b, SCHED_REC_SWITCH, time, cpu,
					 prev_pid ? prev : "swapper", prev_pid);

	r->sw.prev_comm = prev;
	r->sw.prev_pid = prev_pid;
	r->sw.prev_prio = 120;
	r->sw.prev_state = state_value(state);
	snprintf(r->sw.prev_state_text, sizeof(r->sw.prev_state_text), "%s", state);
	r->sw.next_comm = next;
	r->sw.next_pid = next_pid;
	r->sw.next_prio = 120;
}

static void waking(struct rec_buf *b, uint64_t time, int cpu, const char *waker, int waker_tid,
		   const char *comm, int pid)
{
	struct sched_record *r = rec_add(b, SCHED_REC_WAKING, time, cpu, waker, waker_tid);

	r->wake.comm = comm;
	r->wake.pid = pid;
	r->wake.prio = 120;
	r->wake.target_cpu = cpu;
}

/* Run the report and return its output (free() it). */
static char *report(const struct timehist_opts *o, const struct rec_buf *b, int *ret)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	int rc;

	cr_assert(out != NULL);
	rc = timehist_report(o, b->recs, b->nr, true, out);
	fclose(out);
	if (ret)
		*ret = rc;
	else
		cr_assert(eq(int, rc, 0));
	return text;
}

/* The line of @text starting with @prefix (after leading blanks), or "" */
static char *line_at(const char *text, const char *prefix, char *buf, size_t len)
{
	const char *p = text;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		const char *s = p;

		while (*s == ' ' && s < p + n)
			s++;
		if (!strncmp(s, prefix, strlen(prefix))) {
			if (n >= len)
				n = len - 1;
			memcpy(buf, p, n);
			buf[n] = '\0';
			return buf;
		}
		p = nl ? nl + 1 : NULL;
	}
	buf[0] = '\0';
	return buf;
}

static void expect_line(const char *text, const char *prefix, const char *want)
{
	char buf[512];

	cr_expect(eq(str, line_at(text, prefix, buf, sizeof(buf)), (char *)want),
		  "line '%s'", prefix);
}

/* §9.1 and §9.4: CPU 0 of x.data */
static void build_cpu0(struct rec_buf *b)
{
	waking(b, NS(269, 672524710), 0, "perf", 4004, "migration/0", 18);
	sw(b, NS(269, 672533223), 0, "perf", 4004, "D", "migration/0", 18);
	sw(b, NS(269, 672556076), 0, "migration/0", 18, "S", "swapper/0", 0);
	waking(b, NS(269, 673016810), 0, "swapper", 0, "kworker/0:0", 9);
	sw(b, NS(269, 673033935), 0, "swapper/0", 0, "R", "kworker/0:0", 9);
	b->recs[b->nr - 1].tid = 0;
	sw(b, NS(269, 673056489), 0, "kworker/0:0", 9, "I", "swapper/0", 0);
	/* perf's comm for the kworker comes from /proc: "kworker/0:0-vir" */
	b->recs[b->nr - 1].comm = "kworker/0:0-vir";
	sw(b, NS(269, 673198980), 0, "swapper/0", 0, "R", "kworker/0:0", 9);
}

/* §9.2 and §9.3: CPU 1 of x.data (one switch in between simplified) */
static void build_cpu1(struct rec_buf *b)
{
	waking(b, NS(269, 672905770), 1, "perf", 4004, "perf-exec", 4011);
	sw(b, NS(269, 672945499), 1, "touch", 3899, "D", "perf-exec", 4011);
	waking(b, NS(269, 672985028), 1, "perf-exec", 4011, "touch", 3899);
	sw(b, NS(269, 672993951), 1, "perf-exec", 4011, "R", "touch", 3899);
	sw(b, NS(269, 673019159), 1, "touch", 3899, "D", "perf", 4004);
	sw(b, NS(269, 673074781), 1, "perf", 4004, "S", "touch", 3899);
	sw(b, NS(269, 673142612), 1, "touch", 3899, "D", "perf-exec", 4011);
	sw(b, NS(269, 673199366), 1, "perf-exec", 4011, "R", "touch", 3899);
}

TestSuite(timehist);

Test(timehist, header_and_first_appearance_with_wakeup)
{
	struct timehist_opts o = { .nr_cpus = 2 };
	struct rec_buf b = { .nr = 0 };
	char *out;

	build_cpu0(&b);
	out = report(&o, &b, NULL);
	cr_assert(eq(int, strncmp(out,
		"           time    cpu  task name                       wait time  sch delay   run time\n"
		"                        [tid/pid]                          (msec)     (msec)     (msec)\n"
		"--------------- ------  ------------------------------  ---------  ---------  ---------\n"
		"     269.672533 [0000]  perf[4004]                          0.000      0.000      0.000 \n"
		"     269.672556 [0000]  migration/0[18]                     0.000      0.008      0.022 \n",
		409), 0), "%s", out);
	free(out);
}

Test(timehist, idle_rows_6_1)
{
	struct timehist_opts o = { .nr_cpus = 2 };
	struct rec_buf b = { .nr = 0 };
	char *out;

	build_cpu0(&b);
	out = report(&o, &b, NULL);
	expect_line(out, "269.673033",
		    "     269.673033 [0000]  <idle>                              0.000      0.000      0.477 ");
	expect_line(out, "269.673056",
		    "     269.673056 [0000]  kworker/0:0-vir[9]                  0.000      0.017      0.022 ");
	expect_line(out, "269.673198",
		    "     269.673198 [0000]  <idle>                              0.022      0.000      0.142 ");
	free(out);
}

Test(timehist, idle_rows_upstream_count_busy_time_as_delay)
{
	struct timehist_opts o = { .nr_cpus = 2, .compat = TIMEHIST_COMPAT_UPSTREAM };
	struct rec_buf b = { .nr = 0 };
	char *out;

	build_cpu0(&b);
	out = report(&o, &b, NULL);
	expect_line(out, "269.673198",
		    "     269.673198 [0000]  <idle>                              0.022      0.022      0.142 ");
	free(out);
}

Test(timehist, iowait_and_preempted_6_1)
{
	struct timehist_opts o = { .nr_cpus = 2 };
	struct rec_buf b = { .nr = 0 };
	char *out;

	build_cpu1(&b);
	out = report(&o, &b, NULL);
	expect_line(out, "269.672945",
		    "     269.672945 [0001]  touch[3899]                         0.000      0.000      0.000 ");
	expect_line(out, "269.672993",
		    "     269.672993 [0001]  perf-exec[4011]                     0.000      0.039      0.048 ");
	expect_line(out, "269.673019",
		    "     269.673019 [0001]  touch[3899]                         0.048      0.008      0.025 ");
	expect_line(out, "269.673074",
		    "     269.673074 [0001]  perf[4004]                          0.000      0.000      0.055 ");
	expect_line(out, "269.673142",
		    "     269.673142 [0001]  touch[3899]                         0.055      0.000      0.067 ");
	/* §9.3: the wait of a task switched out runnable is not sch delay in 6.1 */
	expect_line(out, "269.673199",
		    "     269.673199 [0001]  perf-exec[4011]                     0.148      0.000      0.056 ");
	free(out);
}

Test(timehist, preempted_upstream_wait_is_sch_delay)
{
	struct timehist_opts o = { .nr_cpus = 2, .compat = TIMEHIST_COMPAT_UPSTREAM };
	struct rec_buf b = { .nr = 0 };
	char *out;

	build_cpu1(&b);
	out = report(&o, &b, NULL);
	expect_line(out, "269.673142",
		    "     269.673142 [0001]  touch[3899]                         0.055      0.000      0.067 ");
	expect_line(out, "269.673199",
		    "     269.673199 [0001]  perf-exec[4011]                     0.148      0.148      0.056 ");
	free(out);
}

Test(timehist, state_letters_differ_between_versions)
{
	struct timehist_opts o = { .nr_cpus = 1, .state = true };
	struct rec_buf b = { .nr = 0 };
	char *out;

	sw(&b, NS(1, 0), 0, "a", 10, "R+", "b", 11);
	sw(&b, NS(1, 1000000), 0, "b", 11, "I", "a", 10);
	sw(&b, NS(1, 2000000), 0, "a", 10, "X", "b", 11);
	out = report(&o, &b, NULL);
	/* 6.1: the pre-4.14 table "RSDTtZXxKWP" (timehist.md §5.5) */
	expect_line(out, "1.000000", "       1.000000 [0000]  a[10]                               "
		    "0.000      0.000      0.000      W ");
	expect_line(out, "1.001000", "       1.001000 [0000]  b[11]                               "
		    "0.000      0.000      1.000      K ");
	/* R+ (0x100) is not raw 0: its wait counts as sleep, still printed */
	expect_line(out, "1.002000", "       1.002000 [0000]  a[10]                               "
		    "1.000      0.000      1.000      Z ");
	/* the units row has 7 trailing blanks in 6.1 */
	cr_expect(strstr(out, "(msec)       \n") != NULL);
	free(out);

	o.compat = TIMEHIST_COMPAT_UPSTREAM;
	out = report(&o, &b, NULL);
	expect_line(out, "1.000000", "       1.000000 [0000]  a[10]                               "
		    "0.000      0.000      0.000      R ");
	expect_line(out, "1.001000", "       1.001000 [0000]  b[11]                               "
		    "0.000      0.000      1.000      I ");
	/* R+ is preempt upstream: a's wait becomes sch delay too (V1, V2) */
	expect_line(out, "1.002000", "       1.002000 [0000]  a[10]                               "
		    "1.000      1.000      1.000      X ");
	cr_expect(strstr(out, "(msec)       \n") == NULL);
	free(out);
}

Test(timehist, r_plus_counts_as_sleep_in_6_1_wait_summary)
{
	struct timehist_opts o = { .nr_cpus = 1, .state = true, .summary_only = true };
	struct rec_buf b = { .nr = 0 };
	char *out;

	sw(&b, NS(1, 0), 0, "a", 10, "R+", "b", 11);
	sw(&b, NS(1, 1000000), 0, "b", 11, "S", "a", 10);
	sw(&b, NS(1, 2000000), 0, "a", 10, "R", "b", 11);
	sw(&b, NS(1, 5000000), 0, "b", 11, "S", "a", 10);
	sw(&b, NS(1, 6000000), 0, "a", 10, "S", "b", 11);
	out = report(&o, &b, NULL);
	/* a waited 1 ms after R+ (sleep in 6.1) and 3 ms after R (preempt) */
	expect_line(out, "a[10]", "                         a[10]      -1          3        2.000 "
		    "     1.000       0.000       3.000       0.000 ");
	free(out);
}

/* §9.6: perf[4004] had rows of 0, 0, 55 622 and 250 051 ns */
Test(timehist, summary_statistics_as_perf_stat_c)
{
	struct timehist_opts o = { .nr_cpus = 2, .summary_only = true };
	struct rec_buf b = { .nr = 0 };
	char *out;

	sw(&b, NS(1, 0), 0, "perf", 4004, "S", "b", 200);
	sw(&b, NS(1, 10000), 1, "perf", 4004, "S", "c", 300);
	sw(&b, NS(1, 100000), 0, "b", 200, "S", "perf", 4004);
	sw(&b, NS(1, 155622), 0, "perf", 4004, "S", "b", 200);
	sw(&b, NS(1, 200000), 0, "b", 200, "S", "perf", 4004);
	sw(&b, NS(1, 450051), 0, "perf", 4004, "S", "swapper/0", 0);
	out = report(&o, &b, NULL);
	expect_line(out, "perf[4004]", "                    perf[4004]      -1          4        0.305 "
		    "     0.000       0.076       0.250   77.66       0");
	/* b: rows of 100 000, 44 378 ns (n = 2) */
	expect_line(out, "b[200]", "                        b[200]      -1          2        0.144 "
		    "     0.044       0.072       0.100   38.53       0");
	expect_line(out, "Runtime summary", "Runtime summary");
	expect_line(out, "CPU  0", "    CPU  0 idle entire time window");
	expect_line(out, "CPU  1", "    CPU  1 idle entire time window");
	expect_line(out, "Total number of unique", "    Total number of unique tasks: 2");
	expect_line(out, "Total number of context", "Total number of context switches: 6");
	expect_line(out, "Total run time", "           Total run time (msec):  0.450 ");
	expect_line(out, "Total scheduling", "    Total scheduling time (msec):  0.450  (x 2)");
	/* no rows with -s */
	cr_expect(strstr(out, "[0000]") == NULL);
	free(out);
}

Test(timehist, summary_order_and_terminated_tasks_6_1)
{
	struct timehist_opts o = { .nr_cpus = 1, .summary_only = true };
	struct rec_buf b = { .nr = 0 };
	struct sched_record *r;
	char *out, *p300, *p44, *p257, *term;

	sw(&b, NS(1, 0), 0, "x", 300, "S", "y", 44);
	sw(&b, NS(1, 1000), 0, "y", 44, "S", "z", 257);
	sw(&b, NS(1, 2000), 0, "z", 257, "S", "x", 300);
	r = rec_add(&b, SCHED_REC_EXIT, NS(1, 2500), 0, "x", 300);
	r->exit.comm = "x";
	r->exit.pid = 300;
	sw(&b, NS(1, 3000), 0, "x", 300, "S", "swapper/0", 0);
	out = report(&o, &b, NULL);
	/* tid % 256: 257 -> 1, 300 -> 44, 44 -> 44 (then by tid) */
	p257 = strstr(out, "z[257]");
	p44 = strstr(out, "y[44]");
	p300 = strstr(out, "x[300]");
	term = strstr(out, "Terminated tasks:");
	cr_assert(p257 && p44 && p300 && term, "%s", out);
	cr_expect(p257 < p44);
	cr_expect(p44 < term);
	cr_expect(term < p300, "x exited: listed under Terminated tasks");
	free(out);

	o.compat = TIMEHIST_COMPAT_UPSTREAM;
	out = report(&o, &b, NULL);
	cr_expect(strstr(out, "Terminated tasks:") == NULL);
	p44 = strstr(out, "y[44]");
	p257 = strstr(out, "z[257]");
	p300 = strstr(out, "x[300]");
	cr_assert(p44 && p257 && p300);
	cr_expect(p44 < p257 && p257 < p300, "upstream: by tid");
	free(out);
}

Test(timehist, final_switch_dead_is_terminated)
{
	struct timehist_opts o = { .nr_cpus = 1, .summary_only = true };
	struct rec_buf b = { .nr = 0 };
	char *out, *term;

	sw(&b, NS(1, 0), 0, "x", 300, "S", "y", 44);
	sw(&b, NS(1, 1000), 0, "y", 44, "Z", "x", 300);
	out = report(&o, &b, NULL);
	term = strstr(out, "Terminated tasks:");
	cr_assert(term != NULL);
	cr_expect(strstr(term, "y[44]") != NULL, "%s", out);
	cr_expect(strstr(term, "x[300]") == NULL);
	free(out);
}

/* §9.7 */
Test(timehist, time_window_clips_slices)
{
	struct timehist_opts o = {
		.nr_cpus = 1, .with_summary = true,
		.time_start = NS(10, 200000000), .time_end = NS(10, 400000000),
	};
	struct rec_buf b = { .nr = 0 };
	char *out;

	sw(&b, NS(10, 0), 0, "a", 100, "S", "swapper/0", 0);
	sw(&b, NS(10, 100000000), 0, "swapper/0", 0, "R", "a", 100);
	sw(&b, NS(10, 300000000), 0, "a", 100, "S", "swapper/0", 0);
	sw(&b, NS(10, 500000000), 0, "swapper/0", 0, "R", "a", 100);
	sw(&b, NS(10, 600000000), 0, "a", 100, "S", "swapper/0", 0);
	out = report(&o, &b, NULL);
	cr_expect(strstr(out, "10.000000 [") == NULL, "before the window");
	cr_expect(strstr(out, "10.100000 [") == NULL, "before the window");
	/* the slice 10.1-10.3 starts at 10.2; wait counted from the clipped tprev */
	expect_line(out, "10.300000",
		    "      10.300000 [0000]  a[100]                            200.000      0.000    100.000 ");
	/* t clipped to END and printed as END */
	expect_line(out, "10.400000",
		    "      10.400000 [0000]  <idle>                            200.000      0.000    100.000 ");
	cr_expect(strstr(out, "10.600000 [") == NULL, "slice starts after the window");
	expect_line(out, "Total scheduling", "    Total scheduling time (msec): 100.000  (x 1)");
	expect_line(out, "CPU  0", "    CPU  0 idle for    100.000  msec  (100.00%)");
	free(out);
}

Test(timehist, time_end_drops_rows_with_unknown_sched_in)
{
	struct timehist_opts o = { .nr_cpus = 1, .time_end = NS(10, 350000000) };
	struct rec_buf b = { .nr = 0 };
	char *out;

	sw(&b, NS(10, 0), 0, "a", 100, "S", "swapper/0", 0);
	sw(&b, NS(10, 100000000), 0, "swapper/0", 0, "R", "a", 100);
	sw(&b, NS(10, 300000000), 0, "a", 100, "S", "swapper/0", 0);
	sw(&b, NS(10, 500000000), 0, "swapper/0", 0, "R", "a", 100);
	out = report(&o, &b, NULL);
	/* V3 (6.1.187): the first row on the CPU has tprev == 0 and is dropped */
	cr_expect(strstr(out, "10.000000 [") == NULL, "%s", out);
	expect_line(out, "10.100000",
		    "      10.100000 [0000]  <idle>                              0.000      0.000    100.000 ");
	expect_line(out, "10.350000",
		    "      10.350000 [0000]  <idle>                            200.000      0.000     50.000 ");
	free(out);
}

/* Appendix B: -n, -w, -V, -M line layouts */
Test(timehist, next_wakeup_visual_and_migration_layouts)
{
	struct timehist_opts o = { .nr_cpus = 2, .next = true };
	struct rec_buf b = { .nr = 0 };
	struct sched_record *r;
	char *out;

	build_cpu0(&b);
	out = report(&o, &b, NULL);
	expect_line(out, "269.672533", "     269.672533 [0000]  perf[4004]                          "
		    "0.000      0.000      0.000  next: migration/0[18]         ");
	free(out);

	o.next = false;
	o.wakeups = true;
	out = report(&o, &b, NULL);
	expect_line(out, "269.672524", "     269.672524 [0000]  perf[4004]                          "
		    "                             awakened: migration/0[18]");
	expect_line(out, "269.672533", "     269.672533 [0000]  perf[4004]                          "
		    "0.000      0.000      0.000                                 ");
	/* a wakeup from idle context names perf's global "swapper" thread */
	expect_line(out, "269.673016", "     269.673016 [0000]  swapper                             "
		    "                             awakened: kworker/0:0-vir[9]");
	free(out);

	o.wakeups = false;
	o.cpu_visual = true;
	o.migrations = true;
	b.nr = 0;
	sw(&b, NS(269, 672913000), 1, "perf", 4004, "S", "swapper/1", 0);
	r = rec_add(&b, SCHED_REC_MIGRATE, NS(269, 672938000), 0, "migration/0", 18);
	r->migrate.comm = "perf";
	r->migrate.pid = 4004;
	r->migrate.orig_cpu = 0;
	r->migrate.dest_cpu = 1;
	out = report(&o, &b, NULL);
	expect_line(out, "time", "           time    cpu  012  task name                       "
		    "wait time  sch delay   run time");
	expect_line(out, "269.672913", "     269.672913 [0001]   s   perf[4004]                          "
		    "0.000      0.000      0.000 ");
	expect_line(out, "269.672938", "     269.672938 [0000]   m     migration/0[18]                "
		    "                                  migrated: perf[4004] cpu 0 => 1");
	free(out);
}

/* -I: only switches from or to idle; 6.1 prints the non-idle side with zeros (V4) */
Test(timehist, idle_hist_rows_and_summary)
{
	struct timehist_opts o = { .nr_cpus = 1, .idle_hist = true, .with_summary = true };
	struct rec_buf b = { .nr = 0 };
	char *out;

	sw(&b, NS(5, 0), 0, "a", 100, "S", "b", 101);
	sw(&b, NS(5, 1000000), 0, "b", 101, "S", "swapper/0", 0);
	sw(&b, NS(5, 4000000), 0, "swapper/0", 0, "R", "a", 100);
	sw(&b, NS(5, 5000000), 0, "a", 100, "S", "swapper/0", 0);
	sw(&b, NS(5, 7000000), 0, "swapper/0", 0, "R", "a", 100);
	out = report(&o, &b, NULL);
	cr_expect(strstr(out, "5.000000 [") == NULL, "a->b does not involve idle");
	expect_line(out, "5.001000", "       5.001000 [0000]  b[101]                              "
		    "0.000      0.000      0.000 ");
	expect_line(out, "5.004000", "       5.004000 [0000]  <idle>                              "
		    "0.000      0.000      3.000 ");
	expect_line(out, "5.007000", "       5.007000 [0000]  <idle>                              "
		    "1.000      0.000      2.000 ");
	expect_line(out, "Idle-time summary", "Idle-time summary");
	/* b's idle period of 3 ms and a's of 2 ms are charged to them */
	expect_line(out, "b[101]      ", "                        b[101]      -1          1        3.000 "
		    "     3.000       3.000       3.000    0.00       0");
	expect_line(out, "a[100]      ", "                        a[100]      -1          1        2.000 "
		    "     2.000       2.000       2.000    0.00       0");
	free(out);

	o.compat = TIMEHIST_COMPAT_UPSTREAM;
	out = report(&o, &b, NULL);
	cr_expect(strstr(out, "5.001000 [") == NULL, "upstream: no non-idle rows");
	/* idle's first sched-out: nothing to count as delay yet */
	expect_line(out, "5.004000", "       5.004000 [0000]  <idle>                              "
		    "0.000      0.000      3.000 ");
	/* V2: the busy period before idle's second sched-out is also sch delay */
	expect_line(out, "5.007000", "       5.007000 [0000]  <idle>                              "
		    "1.000      1.000      2.000 ");
	free(out);
}

Test(timehist, pid_and_cpu_filters)
{
	struct timehist_opts o = { .nr_cpus = 2, .with_summary = true };
	static const int tids[] = { 3899 };
	static uint64_t mask[TIMEHIST_MAX_CPUS / 64];
	struct rec_buf b = { .nr = 0 };
	char *out;

	build_cpu1(&b);
	build_cpu0(&b);
	o.tids = tids;
	o.nr_tids = 1;
	out = report(&o, &b, NULL);
	cr_expect(strstr(out, "perf-exec[4011]") == NULL);
	expect_line(out, "269.673019",
		    "     269.673019 [0001]  touch[3899]                         0.048      0.008      0.025 ");
	/* filtered samples: no idle stats and no totals */
	cr_expect(strstr(out, "Idle stats") == NULL);
	free(out);

	o.tids = NULL;
	o.nr_tids = 0;
	mask[0] = 1;	/* CPU 0 only */
	o.cpu_mask = mask;
	out = report(&o, &b, NULL);
	cr_expect(strstr(out, "[0001]") == NULL, "%s", out);
	expect_line(out, "269.672556",
		    "     269.672556 [0000]  migration/0[18]                     0.000      0.008      0.022 ");
	cr_expect(strstr(out, "CPU  1") == NULL);
	cr_expect(strstr(out, "touch[3899]") == NULL, "no rows on CPU 1, so not in the summary");
	free(out);
}

Test(timehist, tgid_and_long_names)
{
	struct timehist_opts o = { .nr_cpus = 1 };
	struct rec_buf b = { .nr = 0 };
	char *out;

	sw(&b, NS(1, 0), 0, "worker", 101, "S", "averyveryverylongcommandname-with-more", 102);
	b.recs[0].tgid = 100;
	sw(&b, NS(1, 1000), 0, "averyveryverylongcommandname-with-more", 102, "S", "worker", 101);
	out = report(&o, &b, NULL);
	expect_line(out, "1.000000", "       1.000000 [0000]  worker[101/100]                     "
		    "0.000      0.000      0.000 ");
	/* names are cut at 31 characters; comm_width grows to 31 and stays */
	expect_line(out, "1.000001", "       1.000001 [0000]  averyveryverylongcommandname-wi      "
		    "0.000      0.000      0.001 ");
	free(out);
}

Test(timehist, lost_events_line)
{
	struct timehist_opts o = { .nr_cpus = 1 };
	struct rec_buf b = { .nr = 0 };
	struct sched_record *r;
	char *out;

	sw(&b, NS(1, 0), 0, "a", 100, "S", "swapper/0", 0);
	r = rec_add(&b, SCHED_REC_LOST, NS(1, 500000), 0, "", -1);
	r->lost.count = 42;
	out = report(&o, &b, NULL);
	expect_line(out, "1.000500", "       1.000500 lost 42 events on cpu 0");
	free(out);
}

Test(timehist, no_switch_is_an_error)
{
	struct timehist_opts o = { .nr_cpus = 1 };
	struct rec_buf b = { .nr = 0 };
	char *out;
	int ret;

	waking(&b, NS(1, 0), 0, "a", 100, "b", 101);
	out = report(&o, &b, &ret);
	cr_expect(eq(int, ret, -EINVAL));
	free(out);
}

Test(timehist, sched_wakeup_ignored_when_waking_exists)
{
	struct timehist_opts o = { .nr_cpus = 1 };
	struct rec_buf b = { .nr = 0 };
	struct sched_record *r;
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	sw(&b, NS(1, 0), 0, "a", 100, "S", "swapper/0", 0);
	r = rec_add(&b, SCHED_REC_WAKEUP, NS(1, 1000000), 0, "swapper", 0);
	r->wake.comm = "a";
	r->wake.pid = 100;
	sw(&b, NS(1, 3000000), 0, "swapper/0", 0, "R", "a", 100);
	sw(&b, NS(1, 4000000), 0, "a", 100, "S", "swapper/0", 0);

	out = open_memstream(&text, &len);
	cr_assert(eq(int, timehist_report(&o, b.recs, b.nr, true, out), 0));
	fclose(out);
	expect_line(text, "1.004000", "       1.004000 [0000]  a[100]                              "
		    "3.000      0.000      1.000 ");
	free(text);

	text = NULL;
	out = open_memstream(&text, &len);
	cr_assert(eq(int, timehist_report(&o, b.recs, b.nr, false, out), 0));
	fclose(out);
	expect_line(text, "1.004000", "       1.004000 [0000]  a[100]                              "
		    "3.000      2.000      1.000 ");
	free(text);
}
