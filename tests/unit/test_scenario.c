// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_scenario.c - scenario files (src/workload/scenario.c)
 *
 * Defaults, a full scenario's exact values, [global] job defaults, every
 * error message word for word, --set on each kind of section, variants,
 * the non-default listing, the value syntaxes (tables), the built-in
 * scenario against scenarios/default.ini, and docs/scenario.md against the
 * key table.
 *
 * Parameter tables hold char arrays, not pointers: Criterion runs each
 * parameterised test in a fresh process, where pointers into the parent's
 * string literals are not valid.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mmsim/config.h"
#include "sim/cost.h"
#include "workload/scenario.h"

#ifndef MMSIM_SOURCE_DIR
#define MMSIM_SOURCE_DIR "."
#endif

#define MS	1000000ULL
#define US	1000ULL
#define SEC	1000000000ULL

static struct mmsim_config *cfg;
static struct mmsim_error err;

static void setup(void)
{
	cfg = malloc(sizeof(*cfg));
	cr_assert_not_null(cfg);
	mmsim_config_init(cfg);
	memset(&err, 0, sizeof(err));
}

static void teardown(void)
{
	free(cfg);
}

TestSuite(scenario, .init = setup, .fini = teardown);

static int load(const char *text)
{
	return mmsim_config_load_string(cfg, "t.ini", text, &err);
}

static void load_ok(const char *text)
{
	int ret = load(text);

	cr_assert_eq(ret, 0, "load failed (%d): %s", ret, err.msg);
}

static void set_ok(const char *assignment)
{
	int ret = mmsim_config_set(cfg, assignment, &err);

	cr_assert_eq(ret, 0, "set '%s' failed (%d): %s", assignment, ret, err.msg);
}

static void assert_error(int ret, const char *msg)
{
	cr_assert_eq(ret, -EINVAL, "expected -EINVAL, got %d (%s)", ret, err.msg);
	cr_assert_str_eq(err.msg, msg);
}

static const struct mmsim_job_config *job_named(const char *name)
{
	for (unsigned int i = 0; i < cfg->nr_jobs; i++)
		if (!strcmp(cfg->jobs[i].name, name))
			return &cfg->jobs[i];
	cr_assert_fail("no job '%s'", name);
	return NULL;
}

static char *read_source_file(const char *rel, size_t *len)
{
	char path[512];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", MMSIM_SOURCE_DIR, rel);
	f = fopen(path, "rb");
	cr_assert_not_null(f, "cannot open %s", path);
	cr_assert_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	cr_assert_geq(n, 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	cr_assert_not_null(buf);
	cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* ------------------------------------------------------------------ */
/* Defaults and loading                                                */
/* ------------------------------------------------------------------ */

Test(scenario, init_sets_documented_defaults)
{
	cr_assert_eq(cfg->seed, 1);
	cr_assert_eq(cfg->runtime_ns, SEC);
	cr_assert_eq(cfg->nr_cpus, 2);
	cr_assert_eq(cfg->sysctl.sched_latency_ns, 0);
	cr_assert_eq(cfg->sysctl.sched_min_granularity_ns, 0);
	cr_assert_eq(cfg->sysctl.sched_wakeup_granularity_ns, 0);
	cr_assert_eq(cfg->sysctl.sched_tunable_scaling, 1);
	for (int i = 0; i < NR_MMSIM_COSTS; i++)
		cr_assert_eq(cfg->cost[i], cost_desc((enum mmsim_cost_item)i)->default_ns,
			     "cost %s", mmsim_cost_name((enum mmsim_cost_item)i));
	for (int i = 0; i < NR_MMSIM_FAULTS; i++) {
		cr_assert_eq(cfg->fault[i].probability, 0);
		cr_assert_eq(cfg->fault[i].interval, 1);
		cr_assert_eq(cfg->fault[i].times, 1);
		cr_assert_eq(cfg->fault[i].space, 0);
	}
	cr_assert_eq(cfg->nr_jobs, 0);
}

Test(scenario, empty_job_section_is_a_job_with_defaults)
{
	const struct mmsim_job_config *j;

	load_ok("\n[hog]\n");
	cr_assert_eq(cfg->nr_jobs, 1);
	j = &cfg->jobs[0];
	cr_assert_str_eq(j->name, "hog");
	cr_assert_eq(j->line, 2);
	cr_assert_eq(j->kind, MMSIM_JOB_CPU);
	cr_assert_eq(j->threads, 1);
	cr_assert_eq(j->nice, 0);
	cr_assert(mmsim_cpumask_empty(&j->cpus_allowed));
	cr_assert_eq(j->runtime_ns, 0);
	cr_assert_eq(j->loops, 0);
	cr_assert_eq(j->start_delay_ns, 0);
	cr_assert_eq(j->burst.kind, MMSIM_DIST_FIXED);
	cr_assert_eq(j->burst.a, 1 * MS);
	cr_assert_eq(j->think.kind, MMSIM_DIST_FIXED);
	cr_assert_eq(j->think.a, 0);
	cr_assert_eq(j->groups, 1);
	cr_assert_eq(j->datasize, 100);
	cr_assert_eq(j->pipe_size, 64 * 1024);
	cr_assert_str_eq(cfg->source, "t.ini");
}

static const char full_scenario[] =
	"; a scenario with every section\n"
	"# and both comment styles\n"
	"[global]\n"
	"seed = 42\n"
	"runtime = 1.5s\n"
	"\n"
	"[machine]\n"
	"cpus = 8\n"
	"\n"
	"[sysctl]\n"
	"kernel.sched_latency_ns = 24000000\n"
	"kernel.sched_min_granularity_ns = 3000000\n"
	"kernel.sched_wakeup_granularity_ns = 4000000\n"
	"kernel.sched_tunable_scaling = 0\n"
	"\n"
	"[cost]\n"
	"context_switch = 2000\n"
	"wakeup = 0\n"
	"\n"
	"[fault]\n"
	"fail_usercopy.probability = 5%\n"
	"fail_usercopy.interval = 3\n"
	"fail_usercopy.times = -1\n"
	"fail_usercopy.space = 4096\n"
	"\n"
	"[hog]\n"
	"kind = cpu\n"
	"threads = 3\n"
	"nice = -5\n"
	"cpus_allowed = 0-3,6\n"
	"runtime = 500ms\n"
	"loops = 1000\n"
	"start_delay = 250us\n"
	"burst = uniform:1ms..3ms\n"
	"think = exp:1.5ms\n"
	"\n"
	"[pp]\n"
	"kind = pipe\n"
	"threads = 2\n"
	"datasize = 4K\n"
	"pipe_size = 1M\n"
	"\n"
	"[msg]\n"
	"kind = messaging\n"
	"groups = 10\n"
	"datasize = 512B\n"
	"pipe_size = 16k\n";

Test(scenario, full_scenario_loads_exact_values)
{
	const struct mmsim_job_config *hog, *pp, *msg;

	load_ok(full_scenario);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	cr_assert_eq(cfg->seed, 42);
	cr_assert_eq(cfg->runtime_ns, 1500 * MS);
	cr_assert_eq(cfg->nr_cpus, 8);
	cr_assert_eq(cfg->sysctl.sched_latency_ns, 24000000);
	cr_assert_eq(cfg->sysctl.sched_min_granularity_ns, 3000000);
	cr_assert_eq(cfg->sysctl.sched_wakeup_granularity_ns, 4000000);
	cr_assert_eq(cfg->sysctl.sched_tunable_scaling, 0);
	cr_assert_eq(cfg->cost[MMSIM_COST_CONTEXT_SWITCH], 2000);
	cr_assert_eq(cfg->cost[MMSIM_COST_WAKEUP], 0);
	cr_assert_eq(cfg->cost[MMSIM_COST_SYSCALL], cost_desc(MMSIM_COST_SYSCALL)->default_ns);
	cr_assert_eq(cfg->fault[MMSIM_FAULT_FAIL_USERCOPY].probability, 5);
	cr_assert_eq(cfg->fault[MMSIM_FAULT_FAIL_USERCOPY].interval, 3);
	cr_assert_eq(cfg->fault[MMSIM_FAULT_FAIL_USERCOPY].times, -1);
	cr_assert_eq(cfg->fault[MMSIM_FAULT_FAIL_USERCOPY].space, 4096);
	cr_assert_eq(cfg->nr_jobs, 3);

	hog = &cfg->jobs[0];
	cr_assert_str_eq(hog->name, "hog");
	cr_assert_eq(hog->line, 26);
	cr_assert_eq(hog->kind, MMSIM_JOB_CPU);
	cr_assert_eq(hog->threads, 3);
	cr_assert_eq(hog->nice, -5);
	cr_assert_eq(hog->cpus_allowed.bits[0], 0x4f);
	for (int i = 1; i < MMSIM_MAX_CPUS / 64; i++)
		cr_assert_eq(hog->cpus_allowed.bits[i], 0);
	cr_assert_eq(hog->runtime_ns, 500 * MS);
	cr_assert_eq(hog->loops, 1000);
	cr_assert_eq(hog->start_delay_ns, 250 * US);
	cr_assert_eq(hog->burst.kind, MMSIM_DIST_UNIFORM);
	cr_assert_eq(hog->burst.a, 1 * MS);
	cr_assert_eq(hog->burst.b, 3 * MS);
	cr_assert_eq(hog->think.kind, MMSIM_DIST_EXPONENTIAL);
	cr_assert_eq(hog->think.a, 1500 * US);

	pp = &cfg->jobs[1];
	cr_assert_str_eq(pp->name, "pp");
	cr_assert_eq(pp->line, 37);
	cr_assert_eq(pp->kind, MMSIM_JOB_PIPE);
	cr_assert_eq(pp->threads, 2);
	cr_assert_eq(pp->datasize, 4096);
	cr_assert_eq(pp->pipe_size, 1024 * 1024);

	msg = &cfg->jobs[2];
	cr_assert_str_eq(msg->name, "msg");
	cr_assert_eq(msg->kind, MMSIM_JOB_MESSAGING);
	cr_assert_eq(msg->groups, 10);
	cr_assert_eq(msg->datasize, 512);
	cr_assert_eq(msg->pipe_size, 16 * 1024);
	cr_assert_eq(msg->threads, 1);
}

Test(scenario, global_job_keys_are_defaults_a_job_overrides)
{
	load_ok("[global]\n"
		"nice = 5\n"
		"burst = 2ms\n"
		"[a]\n"
		"[b]\n"
		"nice = -1\n");
	cr_assert_eq(job_named("a")->nice, 5);
	cr_assert_eq(job_named("a")->burst.a, 2 * MS);
	cr_assert_eq(job_named("b")->nice, -1);
	cr_assert_eq(job_named("b")->burst.a, 2 * MS);
}

Test(scenario, global_after_jobs_applies_to_earlier_jobs)
{
	load_ok("[a]\n"
		"[global]\n"
		"threads = 4\n"
		"[b]\n"
		"threads = 2\n"
		"[c]\n");
	cr_assert_eq(job_named("a")->threads, 4);
	cr_assert_eq(job_named("b")->threads, 2);
	cr_assert_eq(job_named("c")->threads, 4);
}

Test(scenario, global_runtime_is_the_run_limit_not_a_job_default)
{
	load_ok("[global]\nruntime = 5s\n[a]\n");
	cr_assert_eq(cfg->runtime_ns, 5 * SEC);
	cr_assert_eq(job_named("a")->runtime_ns, 0);
}

Test(scenario, global_cpus_is_an_alias_of_machine_cpus)
{
	load_ok("[global]\ncpus = 6\n[a]\n");
	cr_assert_eq(cfg->nr_cpus, 6);
}

Test(scenario, global_kind_sets_the_kind_of_jobs)
{
	load_ok("[global]\nkind = pipe\ndatasize = 1K\n[a]\n[b]\nkind = cpu\n");
	cr_assert_eq(job_named("a")->kind, MMSIM_JOB_PIPE);
	cr_assert_eq(job_named("a")->datasize, 1024);
	/* a [global] key that a job's kind does not use is no error */
	cr_assert_eq(job_named("b")->kind, MMSIM_JOB_CPU);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
}

/* ------------------------------------------------------------------ */
/* Parse edge cases                                                    */
/* ------------------------------------------------------------------ */

Test(scenario, blanks_around_everything_are_ignored)
{
	/* indented keys are keys, not inih continuation lines */
	load_ok("  [ hog ]  \n"
		"   nice   =   -3   \n"
		"\tthreads\t=\t2\n"
		"\n"
		"   \n");
	cr_assert_eq(job_named("hog")->nice, -3);
	cr_assert_eq(job_named("hog")->threads, 2);
}

Test(scenario, comments_in_both_styles)
{
	load_ok("; semicolon comment\n"
		"# hash comment\n"
		"[hog] ; after a header\n"
		"nice = 1 ; after a value\n"
		"  # nice = 5\n"
		"; nice = 6\n");
	cr_assert_eq(job_named("hog")->nice, 1);
}

Test(scenario, crlf_line_endings)
{
	load_ok("[hog]\r\nnice=2\r\nburst=3ms\r\n\r\n[pp]\r\nkind=pipe\r\n");
	cr_assert_eq(job_named("hog")->nice, 2);
	cr_assert_eq(job_named("hog")->burst.a, 3 * MS);
	cr_assert_eq(job_named("pp")->kind, MMSIM_JOB_PIPE);
	cr_assert_eq(job_named("pp")->line, 5);
}

Test(scenario, crlf_error_names_the_value_without_cr)
{
	assert_error(load("[hog]\r\nnice=40\r\n"),
		     "t.ini:2: value '40' for 'nice' in job [hog] is out of range -20..19");
}

Test(scenario, utf8_bom_and_missing_final_newline)
{
	load_ok("\xEF\xBB\xBF[hog]\nnice=4");
	cr_assert_eq(job_named("hog")->nice, 4);
}

Test(scenario, colon_separator_as_inih_accepts)
{
	load_ok("[hog]\nnice: 4\nburst: exp:2ms\n");
	cr_assert_eq(job_named("hog")->nice, 4);
	cr_assert_eq(job_named("hog")->burst.kind, MMSIM_DIST_EXPONENTIAL);
}

Test(scenario, job_names_of_63_characters_are_kept_whole)
{
	char text[128], name[64];

	memset(name, 'j', 63);
	name[63] = '\0';
	snprintf(text, sizeof(text), "[%s]\nnice=1\n", name);
	load_ok(text);
	cr_assert_str_eq(cfg->jobs[0].name, name);
	cr_assert_eq(cfg->jobs[0].nice, 1);
}

Test(scenario, job_names_may_use_digits_underscore_and_dash)
{
	load_ok("[Job_1-a]\n[9]\n");
	cr_assert_eq(cfg->nr_jobs, 2);
	cr_assert_str_eq(cfg->jobs[0].name, "Job_1-a");
	cr_assert_str_eq(cfg->jobs[1].name, "9");
}

Test(scenario, empty_cpulist_means_all_cpus)
{
	load_ok("[hog]\ncpus_allowed =\n");
	cr_assert(mmsim_cpumask_empty(&job_named("hog")->cpus_allowed));
}

/* ------------------------------------------------------------------ */
/* Load errors, word for word                                          */
/* ------------------------------------------------------------------ */

struct error_case {
	char text[160];
	char msg[480];
};

#define JOB_KEYS_ALL "kind, threads, nice, cpus_allowed, runtime, loops, start_delay, " \
	"burst, think, groups, datasize, pipe_size, timer_slack, device, rw, bs, iodepth, " \
	"size, rwmixread, fsync, fua"
#define JOB_KEYS_PIPE "kind, threads, nice, cpus_allowed, runtime, loops, start_delay, " \
	"datasize, pipe_size"
#define SECTIONS_RULE "accepted sections: global, machine, sysctl, cost, fault, " \
	"device.NAME, or a job name (1-63 characters of A-Z a-z 0-9 _ -)"

ParameterizedTestParameters(scenario, load_error_message)
{
	static struct error_case cases[] = {
		{ "[hog]\nthread=2\n",
		  "t.ini:2: unknown key 'thread' in job [hog]; accepted keys: " JOB_KEYS_ALL },
		{ "[pp]\nkind=pipe\nburst_=1\n",
		  "t.ini:3: unknown key 'burst_' in job [pp]; accepted keys: " JOB_KEYS_PIPE },
		{ "[global]\nkind=pipe\n[pp]\nx=1\n",
		  "t.ini:4: unknown key 'x' in job [pp]; accepted keys: " JOB_KEYS_PIPE },
		{ "[machine]\ncpu=4\n",
		  "t.ini:2: unknown key 'cpu' in [machine]; accepted keys: cpus, preempt" },
		{ "[global]\nsed=1\n",
		  "t.ini:2: unknown key 'sed' in [global]; accepted keys: seed, runtime, cpus, "
		  "kind, threads, nice, cpus_allowed, loops, start_delay, burst, think, groups, "
		  "datasize, pipe_size, timer_slack, device, rw, bs, iodepth, size, rwmixread, "
		  "fsync, fua" },
		{ "[sysctl]\nkernel.sched_latency=1\n",
		  "t.ini:2: unknown key 'kernel.sched_latency' in [sysctl]; accepted keys: "
		  "kernel.sched_latency_ns, kernel.sched_min_granularity_ns, "
		  "kernel.sched_wakeup_granularity_ns, kernel.sched_tunable_scaling" },
		{ "[cost]\nctx=1\n",
		  "t.ini:2: unknown key 'ctx' in [cost]; accepted keys: context_switch, wakeup, "
		  "syscall, pipe_read, pipe_write, task_create, migrate_task" },
		{ "[fault]\nfail_usercopy.prob=1\n",
		  "t.ini:2: unknown key 'fail_usercopy.prob' in [fault]; accepted keys: "
		  "fail_usercopy.probability, fail_usercopy.interval, fail_usercopy.times, "
		  "fail_usercopy.space, fail_make_request.probability, "
		  "fail_make_request.interval, fail_make_request.times, "
		  "fail_make_request.space" },
		{ "[hog]\n[node.0]\n",
		  "t.ini:2: unknown section [node.0]; " SECTIONS_RULE },
		{ "[my job]\n",
		  "t.ini:1: unknown section [my job]; " SECTIONS_RULE },
		{ "[]\n",
		  "t.ini:1: unknown section []; " SECTIONS_RULE },
		{ "[jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj]\n",
		  "t.ini:1: unknown section [jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj"
		  "jjjjjjjjj]; " SECTIONS_RULE },
		{ "[hog]\nkind=fast\n",
		  "t.ini:2: bad value 'fast' for 'kind' in job [hog]; accepted values: cpu, pipe, "
		  "messaging, io" },
		{ "[hog]\nkind = fast ; inline comment\n",
		  "t.ini:2: bad value 'fast' for 'kind' in job [hog]; accepted values: cpu, pipe, "
		  "messaging, io" },
		{ "[hog]\nruntime=10x\n",
		  "t.ini:2: bad value '10x' for 'runtime' in job [hog]; expected a duration with "
		  "unit ns, us, ms or s (e.g. 500ms)" },
		{ "[hog]\nruntime=0.5ns\n",
		  "t.ini:2: bad value '0.5ns' for 'runtime' in job [hog]; expected a whole number "
		  "of nanoseconds" },
		{ "[hog]\nburst=uniform:3ms..1ms\n",
		  "t.ini:2: bad value 'uniform:3ms..1ms' for 'burst' in job [hog]; expected "
		  "uniform:A..B with A <= B" },
		{ "[hog]\nburst=gauss:2ms\n",
		  "t.ini:2: bad value 'gauss:2ms' for 'burst' in job [hog]; expected a duration "
		  "(2ms), fixed:2ms, uniform:1ms..3ms, exp:2ms or exponential:2ms" },
		{ "[hog]\ncpus_allowed=3-1\n",
		  "t.ini:2: bad value '3-1' for 'cpus_allowed' in job [hog]; expected a CPU list "
		  "such as 0-3,8,10-11 (CPUs 0-1023, ranges ascending)" },
		{ "[pp]\nkind=pipe\npipe_size=64Q\n",
		  "t.ini:3: bad value '64Q' for 'pipe_size' in job [pp]; expected a size in bytes "
		  "with optional suffix K, M, G or T (e.g. 64K)" },
		{ "[hog]\nthreads=two\n",
		  "t.ini:2: bad value 'two' for 'threads' in job [hog]; expected an unsigned "
		  "integer" },
		{ "[hog]\nnice=x\n",
		  "t.ini:2: bad value 'x' for 'nice' in job [hog]; expected an integer" },
		{ "[fault]\nfail_usercopy.probability=5%%\n",
		  "t.ini:2: bad value '5%%' for 'fail_usercopy.probability' in [fault]; expected "
		  "a whole percentage (e.g. 5 or 5%)" },
		{ "[hog]\nnice=40\n",
		  "t.ini:2: value '40' for 'nice' in job [hog] is out of range -20..19" },
		{ "[hog]\nthreads=-1\n",
		  "t.ini:2: value '-1' for 'threads' in job [hog] is out of range 1..100000" },
		{ "[global]\nruntime=99999999999999999999s\n",
		  "t.ini:2: value '99999999999999999999s' for 'runtime' in [global] is out of "
		  "range 1us..100000s" },
		{ "[global]\nseed=18446744073709551616\n",
		  "t.ini:2: value '18446744073709551616' for 'seed' in [global] is out of range "
		  "0..18446744073709551615" },
		{ "[pp]\nkind=pipe\npipe_size=2M\n",
		  "t.ini:3: value '2M' for 'pipe_size' in job [pp] is out of range 4K..1M" },
		{ "[sysctl]\nkernel.sched_latency_ns=5\n",
		  "t.ini:2: value '5' for 'kernel.sched_latency_ns' in [sysctl] is out of range "
		  "100000..1000000000 (or 0 for the kernel's default)" },
		{ "[fault]\nfail_usercopy.times=-2\n",
		  "t.ini:2: value '-2' for 'fail_usercopy.times' in [fault] is out of range "
		  "-1..9223372036854775807" },
		{ "[fault]\nfail_usercopy.probability=101\n",
		  "t.ini:2: value '101' for 'fail_usercopy.probability' in [fault] is out of "
		  "range 0..100" },
		{ "[cost]\ncontext_switch=1000000001\n",
		  "t.ini:2: value '1000000001' for 'context_switch' in [cost] is out of range "
		  "0..1000000000" },
		{ "[hog]\nburst=0\n",
		  "t.ini:2: value '0' for 'burst' in job [hog] is out of range 1ns..100000s" },
		{ "[hog]\n\n\n[hog]\n",
		  "t.ini:4: duplicate job [hog] (first at line 1)" },
		{ "[hog]\nnice=1\nnice=2\n",
		  "t.ini:3: duplicate key 'nice' in job [hog] (first at line 2)" },
		{ "[global]\nnice=1\n; x\nnice=2\n",
		  "t.ini:4: duplicate key 'nice' in [global] (first at line 2)" },
		{ "[sysctl]\nkernel.sched_tunable_scaling=0\nkernel.sched_tunable_scaling=1\n",
		  "t.ini:3: duplicate key 'kernel.sched_tunable_scaling' in [sysctl] (first at "
		  "line 2)" },
		{ "[machine]\ncpus=2\n[machine]\n",
		  "t.ini:3: duplicate section [machine] (first at line 1)" },
		{ "[global]\n[hog]\n[global]\n",
		  "t.ini:3: duplicate section [global] (first at line 1)" },
		{ "[global]\ncpus=4\n[machine]\ncpus=8\n",
		  "t.ini:4: key 'cpus' is set in both [global] (line 2) and [machine] (line 4); "
		  "keep one" },
		{ "[machine]\ncpus=8\n[global]\ncpus=4\n",
		  "t.ini:4: key 'cpus' is set in both [global] (line 4) and [machine] (line 2); "
		  "keep one" },
		{ "[hog]\nthreads 4\n",
		  "t.ini:2: syntax error: 'threads 4' is neither key=value nor a [section] header" },
		{ "[hog]\nthreads ;= 4\n",
		  "t.ini:2: syntax error: 'threads' is neither key=value nor a [section] header" },
		{ "[hog\nnice=1\n",
		  "t.ini:1: syntax error: section header '[hog' has no closing ']'" },
		{ "[hog ;]\n",
		  "t.ini:1: syntax error: section header '[hog' has no closing ']'" },
		{ "[hog] nice=1\n",
		  "t.ini:1: syntax error: unexpected 'nice=1' after section header" },
		{ "[hog]\n=5\n",
		  "t.ini:2: syntax error: no key name before '='" },
		{ "; comment\nseed=1\n",
		  "t.ini:2: key 'seed' comes before any section; put it under [global] or a job "
		  "section" },
		{ "[pp]\nburst=2ms\nkind=pipe\n",
		  "t.ini:2: key 'burst' does not apply to job [pp] of kind pipe; keys for kind "
		  "pipe: " JOB_KEYS_PIPE },
		{ "[m]\nkind=messaging\n[hog]\ngroups=2\n",
		  "t.ini:4: key 'groups' does not apply to job [hog] of kind cpu; keys for kind "
		  "cpu: kind, threads, nice, cpus_allowed, runtime, loops, start_delay, burst, "
		  "think, timer_slack" },
	};

	return cr_make_param_array(struct error_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct error_case *c, scenario, load_error_message)
{
	assert_error(load(c->text), c->msg);
}

Test(scenario, first_error_wins)
{
	assert_error(load("[hog]\nnice=40\nthreads=0\n[node.0]\n"),
		     "t.ini:2: value '40' for 'nice' in job [hog] is out of range -20..19");
}

Test(scenario, too_many_jobs)
{
	size_t size = (MMSIM_MAX_JOBS + 1) * 16, len = 0;
	char *text = malloc(size), msg[128];

	cr_assert_not_null(text);
	for (int i = 0; i <= MMSIM_MAX_JOBS; i++)
		len += (size_t)snprintf(text + len, size - len, "[j%d]\n", i);
	snprintf(msg, sizeof(msg), "t.ini:%d: too many jobs: [j%d] would be job %d, at most "
		 "%d are allowed", MMSIM_MAX_JOBS + 1, MMSIM_MAX_JOBS, MMSIM_MAX_JOBS + 1,
		 MMSIM_MAX_JOBS);
	assert_error(load(text), msg);
	free(text);
}

Test(scenario, line_too_long)
{
	char text[400];
	const char *prefix = "t.ini:2: line too long (302 characters, at most ";

	memset(text, 'x', sizeof(text));
	memcpy(text, "[hog]\n; ", 8);
	text[6 + 302] = '\n';
	text[6 + 303] = '\0';
	cr_assert_eq(load(text), -EINVAL);
	cr_assert_eq(strncmp(err.msg, prefix, strlen(prefix)), 0, "%s", err.msg);
	cr_assert_eq(err.msg[strlen(err.msg) - 1], ')');
}

static char *write_temp(const char *data, size_t len)
{
	char *path = strdup("/tmp/mmsim-test-XXXXXX");
	int fd;

	cr_assert_not_null(path);
	fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

Test(scenario, nul_byte_in_a_file)
{
	static const char data[] = "[hog]\nni\0ce=1\n";
	char *path = write_temp(data, sizeof(data) - 1), msg[256];
	int ret = mmsim_config_load_file(cfg, path, &err);

	snprintf(msg, sizeof(msg), "%s:2: syntax error: NUL byte in line", path);
	unlink(path);
	assert_error(ret, msg);
	free(path);
}

Test(scenario, load_file_reads_a_file)
{
	static const char data[] = "[hog]\nnice=3\n";
	char *path = write_temp(data, sizeof(data) - 1);
	int ret = mmsim_config_load_file(cfg, path, &err);

	unlink(path);
	cr_assert_eq(ret, 0, "%s", err.msg);
	cr_assert_eq(job_named("hog")->nice, 3);
	cr_assert_str_eq(cfg->source, path);
	free(path);
}

Test(scenario, file_that_cannot_be_opened)
{
	int ret = mmsim_config_load_file(cfg, "/nonexistent/mmsim.ini", &err);

	cr_assert_eq(ret, -ENOENT);
	cr_assert_str_eq(err.msg, "cannot open scenario '/nonexistent/mmsim.ini': "
			 "No such file or directory");
}

Test(scenario, directory_cannot_be_read)
{
	int ret = mmsim_config_load_file(cfg, MMSIM_SOURCE_DIR "/scenarios", &err);

	cr_assert_eq(ret, -EISDIR, "%d %s", ret, err.msg);
	cr_assert_str_eq(err.msg, "cannot read scenario '" MMSIM_SOURCE_DIR "/scenarios': "
			 "Is a directory");
}

/* ------------------------------------------------------------------ */
/* Validation                                                          */
/* ------------------------------------------------------------------ */

Test(scenario, validate_no_jobs)
{
	load_ok("[global]\nseed=3\n");
	assert_error(mmsim_config_validate(cfg, &err),
		     "t.ini: no jobs; add a job section, e.g. [hog] with kind=cpu");
}

Test(scenario, validate_no_jobs_without_a_scenario)
{
	assert_error(mmsim_config_validate(cfg, &err),
		     "scenario: no jobs; add a job section, e.g. [hog] with kind=cpu");
}

Test(scenario, validate_cpus_allowed_beyond_the_machine)
{
	load_ok("[machine]\ncpus=4\n[hog]\ncpus_allowed=4-7\n");
	assert_error(mmsim_config_validate(cfg, &err),
		     "t.ini:4: cpus_allowed '4-7' of job [hog] names CPU 4 but the machine "
		     "has 4 CPUs (0-3)");
}

Test(scenario, validate_cpus_allowed_one_cpu_machine)
{
	load_ok("[machine]\ncpus=1\n[hog]\ncpus_allowed=0,2\n");
	assert_error(mmsim_config_validate(cfg, &err),
		     "t.ini:4: cpus_allowed '0,2' of job [hog] names CPU 2 but the machine "
		     "has 1 CPU (0)");
}

Test(scenario, validate_cpus_allowed_from_global_names_its_line)
{
	load_ok("[global]\ncpus_allowed=1-2\n[hog]\n");
	assert_error(mmsim_config_validate(cfg, &err),
		     "t.ini:2: cpus_allowed '1-2' of job [hog] names CPU 2 but the machine "
		     "has 2 CPUs (0-1)");
}

Test(scenario, validate_cpus_allowed_after_machine_shrinks_by_set)
{
	load_ok("[machine]\ncpus=8\n[hog]\ncpus_allowed=0-5\n");
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	set_ok("machine.cpus=2");
	assert_error(mmsim_config_validate(cfg, &err),
		     "t.ini:4: cpus_allowed '0-5' of job [hog] names CPU 2 but the machine "
		     "has 2 CPUs (0-1)");
}

Test(scenario, validate_cpus_allowed_set_by_set)
{
	load_ok("[hog]\n");
	set_ok("hog.cpus_allowed=0-3");
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'hog.cpus_allowed=0-3': cpus_allowed '0-3' of job [hog] names CPU 2 "
		     "but the machine has 2 CPUs (0-1)");
}

Test(scenario, validate_cpus_allowed_set_in_global_by_set)
{
	load_ok("[hog]\n");
	set_ok("global.cpus_allowed=1,3");
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'global.cpus_allowed=1,3': cpus_allowed '1,3' of job [hog] names "
		     "CPU 3 but the machine has 2 CPUs (0-1)");
}

Test(scenario, validate_key_orphaned_by_a_kind_change)
{
	load_ok("[hog]\nburst=2ms\n");
	set_ok("hog.kind=pipe");
	assert_error(mmsim_config_validate(cfg, &err),
		     "t.ini:2: key 'burst' does not apply to job [hog] of kind pipe; keys for "
		     "kind pipe: " JOB_KEYS_PIPE);
}

Test(scenario, validate_datasize_larger_than_pipe_size)
{
	load_ok("[pp]\nkind=pipe\ndatasize=128K\n");
	assert_error(mmsim_config_validate(cfg, &err),
		     "t.ini:3: datasize 128K of job [pp] is larger than its pipe_size 64K");
}

Test(scenario, validate_datasize_after_pipe_size_shrinks)
{
	load_ok("[m]\nkind=messaging\npipe_size=4K\n");
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	set_ok("m.datasize=8K");
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'm.datasize=8K': datasize 8K of job [m] is larger than its "
		     "pipe_size 4K");
}

Test(scenario, validate_ignores_datasize_of_cpu_jobs)
{
	load_ok("[global]\ndatasize=1M\n[hog]\n");
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
}

/* ------------------------------------------------------------------ */
/* --set                                                               */
/* ------------------------------------------------------------------ */

Test(scenario, set_every_kind_of_section)
{
	load_ok("[hog]\n[pp]\nkind=pipe\n");
	set_ok("global.seed=99");
	set_ok("global.runtime=2.5s");
	set_ok("global.cpus=3");
	cr_assert_eq(cfg->nr_cpus, 3);
	set_ok("machine.cpus=16");
	set_ok("sysctl.kernel.sched_latency_ns=24000000");
	set_ok("sysctl.kernel.sched_tunable_scaling=2");
	set_ok("cost.context_switch=2000");
	set_ok("fault.fail_usercopy.probability=5");
	set_ok("fault.fail_usercopy.times=-1");
	set_ok("hog.nice=5");
	set_ok("hog.burst=exp:3ms");
	set_ok("pp.pipe_size=128K");
	set_ok(" hog.threads = 7 ");
	cr_assert_eq(cfg->seed, 99);
	cr_assert_eq(cfg->runtime_ns, 2500 * MS);
	cr_assert_eq(cfg->nr_cpus, 16);
	cr_assert_eq(cfg->sysctl.sched_latency_ns, 24000000);
	cr_assert_eq(cfg->sysctl.sched_tunable_scaling, 2);
	cr_assert_eq(cfg->cost[MMSIM_COST_CONTEXT_SWITCH], 2000);
	cr_assert_eq(cfg->fault[MMSIM_FAULT_FAIL_USERCOPY].probability, 5);
	cr_assert_eq(cfg->fault[MMSIM_FAULT_FAIL_USERCOPY].times, -1);
	cr_assert_eq(job_named("hog")->nice, 5);
	cr_assert_eq(job_named("hog")->burst.kind, MMSIM_DIST_EXPONENTIAL);
	cr_assert_eq(job_named("hog")->burst.a, 3 * MS);
	cr_assert_eq(job_named("hog")->threads, 7);
	cr_assert_eq(job_named("pp")->pipe_size, 128 * 1024);
	cr_assert_eq(job_named("pp")->nice, 0);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
}

Test(scenario, set_global_job_key_reaches_jobs_that_did_not_set_it)
{
	load_ok("[a]\n[b]\nnice=1\n[c]\n");
	set_ok("c.nice=2");
	set_ok("global.nice=7");
	cr_assert_eq(job_named("a")->nice, 7);
	cr_assert_eq(job_named("b")->nice, 1);
	cr_assert_eq(job_named("c")->nice, 2);
	set_ok("global.nice=-3");
	cr_assert_eq(job_named("a")->nice, -3);
	cr_assert_eq(job_named("b")->nice, 1);
}

Test(scenario, set_global_over_a_file_global)
{
	load_ok("[global]\nthreads=2\n[a]\n[b]\nthreads=5\n");
	set_ok("global.threads=9");
	cr_assert_eq(job_named("a")->threads, 9);
	cr_assert_eq(job_named("b")->threads, 5);
}

Test(scenario, set_may_repeat_a_key_of_the_file)
{
	load_ok("[machine]\ncpus=4\n[hog]\nnice=1\n");
	set_ok("machine.cpus=8");
	set_ok("global.cpus=6");
	set_ok("hog.nice=2");
	set_ok("hog.nice=3");
	cr_assert_eq(cfg->nr_cpus, 6);
	cr_assert_eq(job_named("hog")->nice, 3);
}

struct set_error_case {
	char assignment[64];
	char msg[400];
};

ParameterizedTestParameters(scenario, set_error_message)
{
	static struct set_error_case cases[] = {
		{ "machine.cpu=4",
		  "--set 'machine.cpu=4': unknown key 'cpu' in [machine]; accepted keys: cpus, preempt" },
		{ "nosuchjob.nice=1",
		  "--set 'nosuchjob.nice=1': no section or job 'nosuchjob'; sections: global, "
		  "machine, sysctl, cost, fault; jobs: hog, pp" },
		{ "x", "--set 'x': expected section.key=value" },
		{ "machine.cpus", "--set 'machine.cpus': expected section.key=value" },
		{ "cpus=4", "--set 'cpus=4': expected section.key=value" },
		{ ".cpus=4", "--set '.cpus=4': expected section.key=value" },
		{ "machine.=4", "--set 'machine.=4': expected section.key=value" },
		{ "hog.thread=2",
		  "--set 'hog.thread=2': unknown key 'thread' in job [hog]; accepted keys: kind, "
		  "threads, nice, cpus_allowed, runtime, loops, start_delay, burst, think, "
		  "timer_slack" },
		{ "sysctl.kernel.nope=1",
		  "--set 'sysctl.kernel.nope=1': unknown key 'kernel.nope' in [sysctl]; accepted "
		  "keys: kernel.sched_latency_ns, kernel.sched_min_granularity_ns, "
		  "kernel.sched_wakeup_granularity_ns, kernel.sched_tunable_scaling" },
		{ "hog.nice=40",
		  "--set 'hog.nice=40': value '40' for 'nice' in job [hog] is out of range -20..19" },
		{ "hog.kind=fast",
		  "--set 'hog.kind=fast': bad value 'fast' for 'kind' in job [hog]; accepted "
		  "values: cpu, pipe, messaging, io" },
		{ "hog.runtime=10x",
		  "--set 'hog.runtime=10x': bad value '10x' for 'runtime' in job [hog]; expected a "
		  "duration with unit ns, us, ms or s (e.g. 500ms)" },
		{ "global.runtime=0",
		  "--set 'global.runtime=0': value '0' for 'runtime' in [global] is out of range "
		  "1us..100000s" },
		{ "global.nice=-21",
		  "--set 'global.nice=-21': value '-21' for 'nice' in [global] is out of range "
		  "-20..19" },
		{ "pp.burst=2ms",
		  "--set 'pp.burst=2ms': key 'burst' does not apply to job [pp] of kind pipe; keys "
		  "for kind pipe: " JOB_KEYS_PIPE },
		{ "fault.fail_usercopy.probability=200",
		  "--set 'fault.fail_usercopy.probability=200': value '200' for "
		  "'fail_usercopy.probability' in [fault] is out of range 0..100" },
		{ "cost.context_switch=-5",
		  "--set 'cost.context_switch=-5': value '-5' for 'context_switch' in [cost] is "
		  "out of range 0..1000000000" },
		{ "machine.cpus=0",
		  "--set 'machine.cpus=0': value '0' for 'cpus' in [machine] is out of range "
		  "1..1024" },
	};

	return cr_make_param_array(struct set_error_case, cases,
				   sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct set_error_case *c, scenario, set_error_message)
{
	load_ok("[hog]\n[pp]\nkind=pipe\n");
	assert_error(mmsim_config_set(cfg, c->assignment, &err), c->msg);
}

Test(scenario, set_names_no_jobs_when_there_are_none)
{
	assert_error(mmsim_config_set(cfg, "hog.nice=1", &err),
		     "--set 'hog.nice=1': no section or job 'hog'; sections: global, machine, "
		     "sysctl, cost, fault; jobs: none");
}

Test(scenario, long_messages_end_in_an_ellipsis)
{
	size_t size = 40 * 80, len = 0;
	char *text = malloc(size);

	cr_assert_not_null(text);
	for (int i = 0; i < 40; i++)
		len += (size_t)snprintf(text + len, size - len,
					"[job_with_a_long_name_for_the_listing_of_all_jobs_%02d]\n", i);
	load_ok(text);
	free(text);
	cr_assert_eq(mmsim_config_set(cfg, "nosuchjob.nice=1", &err), -EINVAL);
	cr_assert_eq(strlen(err.msg), sizeof(err.msg) - 1);
	cr_assert_str_eq(err.msg + sizeof(err.msg) - 4, "...");
	cr_assert_eq(strncmp(err.msg, "--set 'nosuchjob.nice=1': no section or job 'nosuchjob'; ",
			     57), 0, "%s", err.msg);
}

Test(scenario, failed_set_changes_nothing)
{
	load_ok("[hog]\nnice=3\n");
	cr_assert_eq(mmsim_config_set(cfg, "hog.nice=40", &err), -EINVAL);
	cr_assert_eq(mmsim_config_set(cfg, "global.nice=x", &err), -EINVAL);
	cr_assert_eq(job_named("hog")->nice, 3);
}

/* ------------------------------------------------------------------ */
/* Variants                                                            */
/* ------------------------------------------------------------------ */

struct variant_case {
	char assignment[64];
	size_t nr;
	char v[4][40];
};

ParameterizedTestParameters(scenario, split_variants)
{
	static struct variant_case cases[] = {
		{ "machine.cpus=2,4,8", 3,
		  { "machine.cpus=2", "machine.cpus=4", "machine.cpus=8" } },
		{ "hog.nice=3", 1, { "hog.nice=3" } },
		{ "hog.cpus_allowed=0-1;0-3,8", 2,
		  { "hog.cpus_allowed=0-1", "hog.cpus_allowed=0-3,8" } },
		{ "global.cpus_allowed=0,1;2", 2,
		  { "global.cpus_allowed=0,1", "global.cpus_allowed=2" } },
		{ "hog.cpus_allowed=0-1;", 2, { "hog.cpus_allowed=0-1", "hog.cpus_allowed=" } },
		{ "sysctl.kernel.sched_latency_ns=0,24000000", 2,
		  { "sysctl.kernel.sched_latency_ns=0", "sysctl.kernel.sched_latency_ns=24000000" } },
		{ "fault.fail_usercopy.probability=0,5,50", 3,
		  { "fault.fail_usercopy.probability=0", "fault.fail_usercopy.probability=5",
		    "fault.fail_usercopy.probability=50" } },
		{ "hog.burst=1ms,uniform:1ms..3ms", 2,
		  { "hog.burst=1ms", "hog.burst=uniform:1ms..3ms" } },
		{ " hog . nice = 1,2 ", 2, { "hog.nice=1", "hog.nice=2" } },
		{ "cost.wakeup=", 1, { "cost.wakeup=" } },
	};

	return cr_make_param_array(struct variant_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct variant_case *c, scenario, split_variants)
{
	struct mmsim_variants vars;
	int ret;

	load_ok("[hog]\n");
	ret = mmsim_config_split_variants(cfg, c->assignment, &vars, &err);
	cr_assert_eq(ret, 0, "%s", err.msg);
	cr_assert_eq(vars.nr, c->nr);
	for (size_t i = 0; i < c->nr; i++)
		cr_assert_str_eq(vars.v[i], c->v[i]);
	mmsim_variants_release(&vars);
	cr_assert_eq(vars.nr, 0);
	cr_assert_null(vars.v);
}

Test(scenario, split_variants_can_be_applied)
{
	struct mmsim_variants vars;

	load_ok("[hog]\n");
	cr_assert_eq(mmsim_config_split_variants(cfg, "hog.cpus_allowed=0;0-1", &vars, &err), 0);
	cr_assert_eq(vars.nr, 2);
	set_ok(vars.v[1]);
	cr_assert_eq(job_named("hog")->cpus_allowed.bits[0], 0x3);
	mmsim_variants_release(&vars);
}

Test(scenario, split_variants_errors)
{
	struct mmsim_variants vars;

	load_ok("[hog]\n");
	assert_error(mmsim_config_split_variants(cfg, "machine.cpu=2,4", &vars, &err),
		     "--set 'machine.cpu=2,4': unknown key 'cpu' in [machine]; accepted keys: cpus, preempt");
	cr_assert_eq(vars.nr, 0);
	cr_assert_null(vars.v);
	assert_error(mmsim_config_split_variants(cfg, "x", &vars, &err),
		     "--set 'x': expected section.key=value");
	assert_error(mmsim_config_split_variants(cfg, "pp.nice=1,2", &vars, &err),
		     "--set 'pp.nice=1,2': no section or job 'pp'; sections: global, machine, "
		     "sysctl, cost, fault; jobs: hog");
}

/* ------------------------------------------------------------------ */
/* Non-default listing                                                 */
/* ------------------------------------------------------------------ */

struct listing {
	char text[2048];
	size_t len;
};

static void collect(const char *key, const char *value, void *arg)
{
	struct listing *l = arg;

	l->len += (size_t)snprintf(l->text + l->len, sizeof(l->text) - l->len, "%s=%s\n",
				   key, value);
}

Test(scenario, foreach_nondefault_lists_changed_keys_in_order)
{
	struct listing l = { .len = 0 };

	load_ok("[hog]\n"
		"burst=1500us\n"
		"think=uniform:1ms..2ms\n"
		"cpus_allowed=3,0-1\n"
		"runtime=2000ms\n"
		"nice=0\n"
		"[pp]\n"
		"kind=pipe\n"
		"pipe_size=131072\n"
		"datasize=1K\n"
		"[x]\n"
		"burst=exponential:1.5ms\n"
		"[global]\n"
		"seed=7\n"
		"cpus=4\n"
		"[sysctl]\n"
		"kernel.sched_latency_ns=12000000\n"
		"[cost]\n"
		"wakeup=600\n"
		"[fault]\n"
		"fail_usercopy.probability=10%\n"
		"fail_usercopy.times=-1\n");
	set_ok("x.start_delay=1000000ns");
	mmsim_config_foreach_nondefault(cfg, collect, &l);
	cr_assert_str_eq(l.text,
			 "global.seed=7\n"
			 "machine.cpus=4\n"
			 "sysctl.kernel.sched_latency_ns=12000000\n"
			 "cost.wakeup=600\n"
			 "fault.fail_usercopy.probability=10\n"
			 "fault.fail_usercopy.times=-1\n"
			 "hog.cpus_allowed=0-1,3\n"
			 "hog.runtime=2s\n"
			 "hog.burst=1500us\n"
			 "hog.think=uniform:1ms..2ms\n"
			 "pp.kind=pipe\n"
			 "pp.datasize=1K\n"
			 "pp.pipe_size=128K\n"
			 "x.start_delay=1ms\n"
			 "x.burst=exp:1500us\n");
}

Test(scenario, foreach_nondefault_shows_global_job_keys_in_each_job)
{
	struct listing l = { .len = 0 };

	load_ok("[global]\nnice=5\n[a]\n[b]\nnice=0\n");
	mmsim_config_foreach_nondefault(cfg, collect, &l);
	cr_assert_str_eq(l.text, "a.nice=5\n");
}

Test(scenario, foreach_nondefault_output_reads_back)
{
	struct listing l = { .len = 0 };
	struct mmsim_config *copy = malloc(sizeof(*copy));
	char *line, *save = NULL;

	cr_assert_not_null(copy);
	load_ok(full_scenario);
	mmsim_config_foreach_nondefault(cfg, collect, &l);
	mmsim_config_init(copy);
	cr_assert_eq(mmsim_config_load_string(copy, "t.ini", "[hog]\n[pp]\n[msg]\n", &err), 0);
	for (line = strtok_r(l.text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		cr_assert_eq(mmsim_config_set(copy, line, &err), 0, "%s: %s", line, err.msg);
	cr_assert_eq(copy->seed, cfg->seed);
	cr_assert_eq(copy->runtime_ns, cfg->runtime_ns);
	cr_assert_eq(copy->fault[0].times, cfg->fault[0].times);
	for (unsigned int i = 0; i < 3; i++) {
		const struct mmsim_job_config *a = &cfg->jobs[i], *b = &copy->jobs[i];

		cr_assert_eq(memcmp(&a->cpus_allowed, &b->cpus_allowed, sizeof(a->cpus_allowed)), 0);
		cr_assert_eq(a->burst.kind, b->burst.kind);
		cr_assert_eq(a->burst.a, b->burst.a);
		cr_assert_eq(a->burst.b, b->burst.b);
		cr_assert_eq(a->think.a, b->think.a);
		cr_assert_eq(a->pipe_size, b->pipe_size);
		cr_assert_eq(a->datasize, b->datasize);
		cr_assert_eq(a->start_delay_ns, b->start_delay_ns);
	}
	free(copy);
}

/* ------------------------------------------------------------------ */
/* Value syntaxes                                                      */
/* ------------------------------------------------------------------ */

enum expect {
	OK,
	BAD,		/* "bad value ...; expected ..." */
	RANGE,		/* "... is out of range ..." */
	INEXACT,	/* "...; expected a whole number of nanoseconds" */
	ORDER,		/* "...; expected uniform:A..B with A <= B" */
};

static void check_outcome(int ret, enum expect expect, const char *what)
{
	static const char *const needle[] = {
		[BAD] = "': bad value '",
		[RANGE] = " is out of range ",
		[INEXACT] = "; expected a whole number of nanoseconds",
		[ORDER] = "; expected uniform:A..B with A <= B",
	};

	if (expect == OK) {
		cr_assert_eq(ret, 0, "%s: %s", what, err.msg);
		return;
	}
	cr_assert_eq(ret, -EINVAL, "%s should fail", what);
	cr_assert_not_null(strstr(err.msg, needle[expect]), "%s: %s", what, err.msg);
}

struct u64_case {
	char assignment[64];
	enum expect expect;
	uint64_t value;
};

/* Each job key below is read back through this. */
static uint64_t read_u64_key(const char *assignment)
{
	const struct mmsim_job_config *j = job_named("hog");

	if (!strncmp(assignment, "hog.start_delay=", 16))
		return j->start_delay_ns;
	if (!strncmp(assignment, "hog.datasize=", 13))
		return j->datasize;
	if (!strncmp(assignment, "hog.pipe_size=", 14))
		return j->pipe_size;
	if (!strncmp(assignment, "hog.loops=", 10))
		return j->loops;
	if (!strncmp(assignment, "hog.threads=", 12))
		return j->threads;
	if (!strncmp(assignment, "global.seed=", 12))
		return cfg->seed;
	if (!strncmp(assignment, "global.runtime=", 15))
		return cfg->runtime_ns;
	if (!strncmp(assignment, "fault.fail_usercopy.probability=", 32))
		return cfg->fault[0].probability;
	if (!strncmp(assignment, "sysctl.kernel.sched_latency_ns=", 31))
		return cfg->sysctl.sched_latency_ns;
	cr_assert_fail("no reader for %s", assignment);
	return 0;
}

ParameterizedTestParameters(scenario, unsigned_values)
{
	static struct u64_case cases[] = {
		/* durations */
		{ "hog.start_delay=0", OK, 0 },
		{ "hog.start_delay=00", OK, 0 },
		{ "hog.start_delay=0ms", OK, 0 },
		{ "hog.start_delay=1ns", OK, 1 },
		{ "hog.start_delay=500us", OK, 500 * US },
		{ "hog.start_delay=1.5ms", OK, 1500 * US },
		{ "hog.start_delay=1.50ms", OK, 1500 * US },
		{ "hog.start_delay=1.000001ms", OK, 1000001 },
		{ "hog.start_delay=0.000000001s", OK, 1 },
		{ "hog.start_delay=2s", OK, 2 * SEC },
		{ "hog.start_delay=100000s", OK, 100000 * SEC },
		{ "hog.start_delay=5", BAD, 0 },
		{ "hog.start_delay=1.5", BAD, 0 },
		{ "hog.start_delay=ms", BAD, 0 },
		{ "hog.start_delay=1.ms", BAD, 0 },
		{ "hog.start_delay=.5ms", BAD, 0 },
		{ "hog.start_delay=1 ms", BAD, 0 },
		{ "hog.start_delay=1MS", BAD, 0 },
		{ "hog.start_delay=1h", BAD, 0 },
		{ "hog.start_delay=1e3ns", BAD, 0 },
		{ "hog.start_delay=", BAD, 0 },
		{ "hog.start_delay=-1ms", RANGE, 0 },
		{ "hog.start_delay=100001s", RANGE, 0 },
		{ "hog.start_delay=99999999999999999999s", RANGE, 0 },
		{ "hog.start_delay=18446744073709551615s", RANGE, 0 },
		{ "hog.start_delay=99999999999999999999x", BAD, 0 },
		{ "hog.start_delay=0.5ns", INEXACT, 0 },
		{ "hog.start_delay=1.0000000001s", INEXACT, 0 },
		{ "global.runtime=1us", OK, US },
		{ "global.runtime=999ns", RANGE, 0 },
		/* sizes */
		{ "hog.datasize=1", OK, 1 },
		{ "hog.datasize=100", OK, 100 },
		{ "hog.datasize=4K", OK, 4096 },
		{ "hog.datasize=4k", OK, 4096 },
		{ "hog.datasize=4KB", OK, 4096 },
		{ "hog.datasize=4kb", OK, 4096 },
		{ "hog.datasize=512B", OK, 512 },
		{ "hog.datasize=1M", OK, 1 << 20 },
		{ "hog.datasize=1m", OK, 1 << 20 },
		{ "hog.datasize=K", BAD, 0 },
		{ "hog.datasize=4X", BAD, 0 },
		{ "hog.datasize=4KK", BAD, 0 },
		{ "hog.datasize=4 K", BAD, 0 },
		{ "hog.datasize=1.5K", BAD, 0 },
		{ "hog.datasize=", BAD, 0 },
		{ "hog.datasize=0", RANGE, 0 },
		{ "hog.datasize=2M", RANGE, 0 },
		{ "hog.datasize=1T", RANGE, 0 },
		{ "hog.datasize=-1", RANGE, 0 },
		{ "hog.datasize=17179869184G", RANGE, 0 },
		{ "hog.datasize=99999999999999999999", RANGE, 0 },
		{ "hog.pipe_size=4K", OK, 4096 },
		{ "hog.pipe_size=4095", RANGE, 0 },
		/* integers */
		{ "hog.loops=0", OK, 0 },
		{ "hog.loops=18446744073709551615", OK, UINT64_MAX },
		{ "hog.loops=18446744073709551616", RANGE, 0 },
		{ "hog.loops=-1", RANGE, 0 },
		{ "hog.loops=+1", BAD, 0 },
		{ "hog.loops=1.0", BAD, 0 },
		{ "hog.loops=0x10", BAD, 0 },
		{ "hog.loops=1k", BAD, 0 },
		{ "hog.threads=1", OK, 1 },
		{ "hog.threads=100000", OK, 100000 },
		{ "hog.threads=0", RANGE, 0 },
		{ "hog.threads=100001", RANGE, 0 },
		{ "hog.threads=4294967297", RANGE, 0 },
		{ "global.seed=0", OK, 0 },
		{ "global.seed=18446744073709551615", OK, UINT64_MAX },
		{ "global.seed=-1", RANGE, 0 },
		{ "sysctl.kernel.sched_latency_ns=0", OK, 0 },
		{ "sysctl.kernel.sched_latency_ns=100000", OK, 100000 },
		{ "sysctl.kernel.sched_latency_ns=99999", RANGE, 0 },
		{ "sysctl.kernel.sched_latency_ns=1000000001", RANGE, 0 },
		/* percent */
		{ "fault.fail_usercopy.probability=0", OK, 0 },
		{ "fault.fail_usercopy.probability=100", OK, 100 },
		{ "fault.fail_usercopy.probability=5%", OK, 5 },
		{ "fault.fail_usercopy.probability=100%", OK, 100 },
		{ "fault.fail_usercopy.probability=101", RANGE, 0 },
		{ "fault.fail_usercopy.probability=-1", RANGE, 0 },
		{ "fault.fail_usercopy.probability=%", BAD, 0 },
		{ "fault.fail_usercopy.probability=5%%", BAD, 0 },
		{ "fault.fail_usercopy.probability=0.5", BAD, 0 },
	};

	return cr_make_param_array(struct u64_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct u64_case *c, scenario, unsigned_values)
{
	uint64_t before;

	load_ok("[hog]\nkind=pipe\n");
	before = read_u64_key(c->assignment);
	check_outcome(mmsim_config_set(cfg, c->assignment, &err), c->expect, c->assignment);
	if (c->expect == OK)
		cr_assert_eq(read_u64_key(c->assignment), c->value, "%s: got %" PRIu64,
			     c->assignment, read_u64_key(c->assignment));
	else
		cr_assert_eq(read_u64_key(c->assignment), before, "%s changed the value",
			     c->assignment);
}

struct s64_case {
	char assignment[64];
	enum expect expect;
	int64_t value;
};

ParameterizedTestParameters(scenario, signed_values)
{
	static struct s64_case cases[] = {
		{ "hog.nice=-20", OK, -20 },
		{ "hog.nice=19", OK, 19 },
		{ "hog.nice=0", OK, 0 },
		{ "hog.nice=-0", OK, 0 },
		{ "hog.nice=-21", RANGE, 0 },
		{ "hog.nice=20", RANGE, 0 },
		{ "hog.nice=-9223372036854775809", RANGE, 0 },
		{ "hog.nice=+1", BAD, 0 },
		{ "hog.nice=-", BAD, 0 },
		{ "hog.nice=1-", BAD, 0 },
		{ "fault.fail_usercopy.times=-1", OK, -1 },
		{ "fault.fail_usercopy.times=0", OK, 0 },
		{ "fault.fail_usercopy.times=9223372036854775807", OK, INT64_MAX },
		{ "fault.fail_usercopy.times=9223372036854775808", RANGE, 0 },
		{ "fault.fail_usercopy.times=-2", RANGE, 0 },
		{ "fault.fail_usercopy.times=-9223372036854775808", RANGE, 0 },
	};

	return cr_make_param_array(struct s64_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct s64_case *c, scenario, signed_values)
{
	bool nice = !strncmp(c->assignment, "hog.", 4);

	load_ok("[hog]\n");
	check_outcome(mmsim_config_set(cfg, c->assignment, &err), c->expect, c->assignment);
	if (c->expect != OK)
		return;
	if (nice)
		cr_assert_eq(job_named("hog")->nice, c->value, "%s", c->assignment);
	else
		cr_assert_eq(cfg->fault[0].times, c->value, "%s", c->assignment);
}

struct dist_case {
	char value[48];
	enum expect expect;
	enum mmsim_dist_kind kind;
	uint64_t a, b;
};

ParameterizedTestParameters(scenario, dist_values)
{
	static struct dist_case cases[] = {
		{ "2ms", OK, MMSIM_DIST_FIXED, 2 * MS, 0 },
		{ "0", OK, MMSIM_DIST_FIXED, 0, 0 },
		{ "fixed:2ms", OK, MMSIM_DIST_FIXED, 2 * MS, 0 },
		{ "uniform:1ms..3ms", OK, MMSIM_DIST_UNIFORM, 1 * MS, 3 * MS },
		{ "uniform:1ms..1ms", OK, MMSIM_DIST_UNIFORM, 1 * MS, 1 * MS },
		{ "uniform:1.5ms..2s", OK, MMSIM_DIST_UNIFORM, 1500 * US, 2 * SEC },
		{ "uniform:0..1us", OK, MMSIM_DIST_UNIFORM, 0, US },
		{ "exp:2ms", OK, MMSIM_DIST_EXPONENTIAL, 2 * MS, 0 },
		{ "exponential:2.5us", OK, MMSIM_DIST_EXPONENTIAL, 2500, 0 },
		{ "uniform:1ms", BAD, 0, 0, 0 },
		{ "uniform:1ms..", BAD, 0, 0, 0 },
		{ "uniform:..1ms", BAD, 0, 0, 0 },
		{ "uniform:1ms...2ms", BAD, 0, 0, 0 },
		{ "gauss:1ms", BAD, 0, 0, 0 },
		{ "exp:", BAD, 0, 0, 0 },
		{ "fixed:", BAD, 0, 0, 0 },
		{ "Exp:2ms", BAD, 0, 0, 0 },
		{ "2", BAD, 0, 0, 0 },
		{ "uniform:3ms..1ms", ORDER, 0, 0, 0 },
		{ "uniform:0..100001s", RANGE, 0, 0, 0 },
		{ "exp:0.5ns", INEXACT, 0, 0, 0 },
		{ "uniform:-1ms..1ms", RANGE, 0, 0, 0 },
	};

	return cr_make_param_array(struct dist_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct dist_case *c, scenario, dist_values)
{
	char assignment[80];
	const struct mmsim_job_config *j;

	load_ok("[hog]\n");
	snprintf(assignment, sizeof(assignment), "hog.think=%s", c->value);
	check_outcome(mmsim_config_set(cfg, assignment, &err), c->expect, assignment);
	j = job_named("hog");
	if (c->expect != OK) {
		cr_assert_eq(j->think.kind, MMSIM_DIST_FIXED);
		cr_assert_eq(j->think.a, 0);
		return;
	}
	cr_assert_eq(j->think.kind, c->kind, "%s", assignment);
	cr_assert_eq(j->think.a, c->a, "%s", assignment);
	cr_assert_eq(j->think.b, c->b, "%s", assignment);
}

struct cpulist_case {
	char value[48];
	enum expect expect;
	uint64_t word0;		/* CPUs 0-63 */
	uint64_t word15;	/* CPUs 960-1023 */
	unsigned int count;
};

ParameterizedTestParameters(scenario, cpulist_values)
{
	static struct cpulist_case cases[] = {
		{ "0", OK, 0x1, 0, 1 },
		{ "0-3,8,10-11", OK, 0xd0f, 0, 7 },
		{ "3,1", OK, 0xa, 0, 2 },
		{ "1,1,0-1", OK, 0x3, 0, 2 },
		{ "1023", OK, 0, 1ULL << 63, 1 },
		{ "0-1023", OK, UINT64_MAX, UINT64_MAX, 1024 },
		{ "", OK, 0, 0, 0 },
		{ "3-1", BAD, 0, 0, 0 },
		{ "1024", BAD, 0, 0, 0 },
		{ "0-1024", BAD, 0, 0, 0 },
		{ "99999999999999999999", BAD, 0, 0, 0 },
		{ "a", BAD, 0, 0, 0 },
		{ "1,", BAD, 0, 0, 0 },
		{ ",1", BAD, 0, 0, 0 },
		{ "1-", BAD, 0, 0, 0 },
		{ "-1", BAD, 0, 0, 0 },
		{ "0 - 3", BAD, 0, 0, 0 },
		{ "1;2", BAD, 0, 0, 0 },
		{ "0-7:2", BAD, 0, 0, 0 },
	};

	return cr_make_param_array(struct cpulist_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct cpulist_case *c, scenario, cpulist_values)
{
	char assignment[80];
	const struct mmsim_cpumask *m;
	unsigned int count = 0;

	load_ok("[hog]\ncpus_allowed=5\n");
	snprintf(assignment, sizeof(assignment), "hog.cpus_allowed=%s", c->value);
	check_outcome(mmsim_config_set(cfg, assignment, &err), c->expect, assignment);
	m = &job_named("hog")->cpus_allowed;
	for (unsigned int cpu = 0; cpu < MMSIM_MAX_CPUS; cpu++)
		count += mmsim_cpumask_test(m, cpu);
	if (c->expect != OK) {
		cr_assert_eq(m->bits[0], 1u << 5, "%s changed the mask", assignment);
		cr_assert_eq(count, 1);
		return;
	}
	cr_assert_eq(m->bits[0], c->word0, "%s", assignment);
	cr_assert_eq(m->bits[15], c->word15, "%s", assignment);
	cr_assert_eq(count, c->count, "%s", assignment);
}

struct enum_case {
	char value[16];
	enum expect expect;
	enum mmsim_job_kind kind;
};

ParameterizedTestParameters(scenario, kind_values)
{
	static struct enum_case cases[] = {
		{ "cpu", OK, MMSIM_JOB_CPU },
		{ "pipe", OK, MMSIM_JOB_PIPE },
		{ "messaging", OK, MMSIM_JOB_MESSAGING },
		{ "CPU", BAD, 0 },
		{ "", BAD, 0 },
		{ "pipes", BAD, 0 },
	};

	return cr_make_param_array(struct enum_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct enum_case *c, scenario, kind_values)
{
	char text[64];

	snprintf(text, sizeof(text), "[j]\nkind=%s\n", c->value);
	if (c->expect == OK) {
		load_ok(text);
		cr_assert_eq(cfg->jobs[0].kind, c->kind);
	} else {
		cr_assert_eq(load(text), -EINVAL);
		cr_assert_not_null(strstr(err.msg, "accepted values: cpu, pipe, messaging"));
	}
}

struct bool_case {
	char text[8];
	int ret;
	bool value;
};

ParameterizedTestParameters(scenario, bool_values)
{
	static struct bool_case cases[] = {
		{ "0", 0, false }, { "1", 0, true },
		{ "false", 0, false }, { "true", 0, true },
		{ "no", 0, false }, { "yes", 0, true },
		{ "off", 0, false }, { "on", 0, true },
		{ "TRUE", 0, true }, { "Off", 0, false },
		{ "2", -EINVAL, false }, { "", -EINVAL, false },
		{ "tru", -EINVAL, false }, { "onn", -EINVAL, false },
	};

	return cr_make_param_array(struct bool_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct bool_case *c, scenario, bool_values)
{
	bool b = !c->value;

	cr_assert_eq(scenario_parse_bool(c->text, &b), c->ret, "'%s'", c->text);
	if (!c->ret)
		cr_assert_eq(b, c->value, "'%s'", c->text);
	else
		cr_assert_eq(b, !c->value, "'%s' wrote the output", c->text);
}

/* ------------------------------------------------------------------ */
/* Built-in scenario, key table, docs                                  */
/* ------------------------------------------------------------------ */

Test(scenario, default_scenario_is_scenarios_default_ini)
{
	size_t len;
	char *file = read_source_file("scenarios/default.ini", &len);
	const char *builtin = mmsim_default_scenario();

	cr_assert_eq(strlen(builtin), len, "built-in %zu bytes, file %zu",
		     strlen(builtin), len);
	cr_assert_eq(memcmp(builtin, file, len), 0,
		     "mmsim_default_scenario() differs from scenarios/default.ini");
	free(file);
}

Test(scenario, default_scenario_loads_and_validates)
{
	load_ok(mmsim_default_scenario());
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	cr_assert_eq(cfg->nr_cpus, 4);
	cr_assert_eq(cfg->runtime_ns, 200 * MS);
	cr_assert_eq(cfg->nr_jobs, 4);
	cr_assert_eq(job_named("pingpong")->kind, MMSIM_JOB_PIPE);
	cr_assert_eq(job_named("messaging")->groups, 2);
	cr_assert_eq(job_named("interactive")->think.kind, MMSIM_DIST_UNIFORM);
	cr_assert_eq(job_named("batch")->cpus_allowed.bits[0], 0x3);
}

Test(scenario, default_scenario_file_loads)
{
	cr_assert_eq(mmsim_config_load_file(cfg, MMSIM_SOURCE_DIR "/scenarios/default.ini",
					    &err), 0, "%s", err.msg);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
}

Test(scenario, key_table_is_consistent)
{
	size_t n = 0;

	while (scenario_key_name(n))
		n++;
	cr_assert_gt(n, 20);
	cr_assert_null(scenario_key_section(n));
	for (size_t i = 0; i < n; i++) {
		cr_assert_not_null(scenario_key_section(i));
		for (size_t j = i + 1; j < n; j++)
			cr_assert(strcmp(scenario_key_name(i), scenario_key_name(j)) ||
				  strcmp(scenario_key_section(i), scenario_key_section(j)),
				  "key %s listed twice in [%s]", scenario_key_name(i),
				  scenario_key_section(i));
	}
}

Test(scenario, docs_describe_every_key)
{
	size_t len;
	char *doc = read_source_file("docs/scenario.md", &len);
	char needle[128];

	for (size_t i = 0; scenario_key_name(i); i++) {
		snprintf(needle, sizeof(needle), "`%s`", scenario_key_name(i));
		cr_expect_not_null(strstr(doc, needle), "docs/scenario.md lacks %s", needle);
	}
	free(doc);
}

Test(scenario, docs_full_example_loads_and_validates)
{
	size_t len, n = 0;
	char *doc = read_source_file("docs/scenario.md", &len);
	char *p = strstr(doc, "## A full example\n\n"), *text = malloc(len + 1);

	cr_assert_not_null(p, "docs/scenario.md has no full example");
	cr_assert_not_null(text);
	p = strchr(p, '\n') + 2;
	/* the example is the indented block after the heading */
	while (!strncmp(p, "    ", 4) || *p == '\n') {
		char *eol = strchr(p, '\n');
		size_t l = eol ? (size_t)(eol - p) + 1 : strlen(p);

		if (*p != '\n') {
			memcpy(text + n, p + 4, l - 4);
			n += l - 4;
		} else {
			text[n++] = '\n';
		}
		p += l;
		if (!*p)
			break;
	}
	text[n] = '\0';
	cr_assert_gt(n, 100);
	load_ok(text);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	cr_assert_eq(cfg->nr_jobs, 5);
	cr_assert_eq(cfg->nr_devices, 1);
	cr_assert_eq(job_named("chat")->runtime_ns, 1500 * MS);
	cr_assert_eq(job_named("randread")->iodepth, 32);
	free(text);
	free(doc);
}

Test(scenario, print_keys_lists_every_key)
{
	char *buf = NULL, line[256];
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	cr_assert_not_null(f);
	mmsim_config_print_keys(f);
	fclose(f);
	cr_assert_eq(strncmp(buf, "SECTION ", 8), 0, "%s", buf);
	for (size_t i = 0; scenario_key_name(i); i++) {
		snprintf(line, sizeof(line), " %s ", scenario_key_name(i));
		cr_expect_not_null(strstr(buf, line), "--list-keys lacks %s", line);
	}
	cr_assert_not_null(strstr(buf, "job:pipe,messaging  datasize "));
	cr_assert_not_null(strstr(buf, " 64K "));
	cr_assert_not_null(strstr(buf, " cpu|pipe|messaging|io "));
	cr_assert_not_null(strstr(buf, " 1us..100000s "));
	free(buf);
}

Test(scenario, names)
{
	cr_assert_str_eq(mmsim_job_kind_name(MMSIM_JOB_CPU), "cpu");
	cr_assert_str_eq(mmsim_job_kind_name(MMSIM_JOB_PIPE), "pipe");
	cr_assert_str_eq(mmsim_job_kind_name(MMSIM_JOB_MESSAGING), "messaging");
	cr_assert_str_eq(mmsim_fault_name(MMSIM_FAULT_FAIL_USERCOPY), "fail_usercopy");
}
