// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_scenario.c - scenario files (src/workload/scenario*.c)
 *
 * Defaults, a full scenario's exact values, [global] job defaults, every
 * error message word for word, --set on each kind of section, variants,
 * the non-default listing, the value syntaxes (tables), the memory model's
 * keys ([machine] memory and nodes, [node.N], vm sysctls, [model], alloc
 * and fragmenter jobs) with mmsim_config_resolve_nodes() on exact layouts,
 * [file.NAME] sections with mmsim_config_file_offset() and file jobs,
 * [swap.NAME] sections with mmsim_config_swap_offset() and
 * mmsim_config_swap_size(), the swap sysctls, [sysfs] and the DAX swap
 * [model] keys, [cgroup.NAME] sections with mmsim_config_cgroup_index() and
 * the cgroup= of jobs,
 * the built-in scenario against scenarios/default.ini, and docs/scenario.md
 * against the key table.
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

#include "mm/gfp.h"
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
	char msg[640];
};

#define JOB_KEYS_ALL "kind, threads, nice, cpus_allowed, runtime, loops, start_delay, cgroup, " \
	"burst, think, groups, datasize, pipe_size, timer_slack, device, rw, bs, iodepth, " \
	"size, rwmixread, fsync, fua, order, gfp, hold, node, demand, fill, keep, pattern, " \
	"writes, file, shared, remap, populate, madvise, pass_madvise, trace, oom_score_adj"
#define JOB_KEYS_PIPE "kind, threads, nice, cpus_allowed, runtime, loops, start_delay, cgroup, " \
	"datasize, pipe_size"
#define JOB_KEYS_ALLOC "kind, threads, nice, cpus_allowed, runtime, loops, start_delay, cgroup, " \
	"think, order, gfp, hold, node, demand"
#define JOB_KEYS_FRAGMENTER "kind, threads, nice, cpus_allowed, runtime, loops, " \
	"start_delay, cgroup, gfp, node, fill, keep"
#define MODEL_KEYS "kcompactd, babka_min_success, reclaim_throttle, memcg_stats, dax_swap_promote, " \
	"dax_swap_write_weight"
#define MACHINE_KEYS "cpus, preempt, memory, nodes, kernelcore, movablecore"
#define SYSCTL_KEYS "kernel.sched_latency_ns, kernel.sched_min_granularity_ns, " \
	"kernel.sched_wakeup_granularity_ns, kernel.sched_tunable_scaling, " \
	"vm.min_free_kbytes, vm.watermark_scale_factor, vm.watermark_boost_factor, " \
	"vm.lowmem_reserve_ratio, vm.extfrag_threshold, vm.compaction_proactiveness, " \
	"vm.dirty_ratio, vm.dirty_background_ratio, vm.dirty_expire_centisecs, " \
	"vm.dirty_writeback_centisecs, vm.swappiness, vm.page-cluster"
#define KINDS "cpu, pipe, messaging, io, alloc, fragmenter, mem, file, replay"
#define PATTERNS "seq, rand, zipf:SKEW (0 < SKEW <= 10, e.g. zipf:0.99), stride:PAGES or " \
	"hotcold:HOT%:ACCESS% (e.g. hotcold:10:90); or phases PATTERN*PASSES joined by '/' " \
	"(e.g. seq*2/zipf:0.99*10), up to 8, cycled; or one of those per thread joined by " \
	"'+' (e.g. seq+rand), up to 4; 63 characters at most"
#define SECTIONS "global, machine, sysctl, sysfs, cost, fault, model, node.N, device.NAME, " \
	"file.NAME, swap.NAME, cgroup.NAME"
#define SECTIONS_RULE "accepted sections: " SECTIONS ", or a job name (1-63 characters " \
	"of A-Z a-z 0-9 _ -)"

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
		  "t.ini:2: unknown key 'cpu' in [machine]; accepted keys: " MACHINE_KEYS },
		{ "[global]\nsed=1\n",
		  "t.ini:2: unknown key 'sed' in [global]; accepted keys: seed, runtime, cpus, "
		  "kind, threads, nice, cpus_allowed, loops, start_delay, cgroup, burst, think, "
		  "groups, datasize, pipe_size, timer_slack, device, rw, bs, iodepth, size, "
		  "rwmixread, fsync, fua, order, gfp, hold, node, demand, fill, keep, pattern, "
		  "writes, file, shared, remap, populate, madvise, pass_madvise, trace, "
		  "oom_score_adj" },
		{ "[sysctl]\nkernel.sched_latency=1\n",
		  "t.ini:2: unknown key 'kernel.sched_latency' in [sysctl]; accepted keys: "
		  SYSCTL_KEYS },
		{ "[fault]\nfail_usercopy.prob=1\n",
		  "t.ini:2: unknown key 'fail_usercopy.prob' in [fault]; accepted keys: "
		  "fail_usercopy.probability, fail_usercopy.interval, fail_usercopy.times, "
		  "fail_usercopy.space, fail_make_request.probability, "
		  "fail_make_request.interval, fail_make_request.times, "
		  "fail_make_request.space" },
		{ "[hog]\n[numa.0]\n",
		  "t.ini:2: unknown section [numa.0]; " SECTIONS_RULE },
		{ "[my job]\n",
		  "t.ini:1: unknown section [my job]; " SECTIONS_RULE },
		{ "[]\n",
		  "t.ini:1: unknown section []; " SECTIONS_RULE },
		{ "[jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj]\n",
		  "t.ini:1: unknown section [jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj"
		  "jjjjjjjjj]; " SECTIONS_RULE },
		{ "[hog]\nkind=fast\n",
		  "t.ini:2: bad value 'fast' for 'kind' in job [hog]; accepted values: " KINDS },
		{ "[hog]\nkind = fast ; inline comment\n",
		  "t.ini:2: bad value 'fast' for 'kind' in job [hog]; accepted values: " KINDS },
		{ "[m]\nkind=mem\nsize=1M\npattern=seq*0\n",
		  "t.ini:4: bad value 'seq*0' for 'pattern' in job [m]; expected " PATTERNS },
		{ "[m]\nkind=mem\nsize=1M\npattern=seq*2/\n",
		  "t.ini:4: bad value 'seq*2/' for 'pattern' in job [m]; expected " PATTERNS },
		{ "[m]\nkind=mem\nsize=1M\npattern=seq*2%/rand\n",
		  "t.ini:4: bad value 'seq*2%/rand' for 'pattern' in job [m]; expected " PATTERNS },
		{ "[m]\nkind=mem\nsize=1M\npattern=seq/rand/seq/rand/seq/rand/seq/rand/seq\n",
		  "t.ini:4: bad value 'seq/rand/seq/rand/seq/rand/seq/rand/seq' for 'pattern' in "
		  "job [m]; expected " PATTERNS },
		{ "[m]\nkind=mem\nsize=1M\npattern=seq*2/zipf:0*3\n",
		  "t.ini:4: bad value 'seq*2/zipf:0*3' for 'pattern' in job [m]; expected " PATTERNS },
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
		{ "[m]\nkind=mem\noom_score_adj=1001\n",
		  "t.ini:3: value '1001' for 'oom_score_adj' in job [m] is out of range "
		  "-1000..1000" },
		{ "[m]\nkind=mem\noom_score_adj=-1001\n",
		  "t.ini:3: value '-1001' for 'oom_score_adj' in job [m] is out of range "
		  "-1000..1000" },
		{ "[hog]\noom_score_adj=5\n",
		  "t.ini:2: key 'oom_score_adj' does not apply to job [hog] of kind cpu; keys for "
		  "kind cpu: kind, threads, nice, cpus_allowed, runtime, loops, start_delay, "
		  "cgroup, burst, think, timer_slack" },
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
		  "cpu: kind, threads, nice, cpus_allowed, runtime, loops, start_delay, cgroup, "
		  "burst, think, timer_slack" },
	};

	return cr_make_param_array(struct error_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct error_case *c, scenario, load_error_message)
{
	assert_error(load(c->text), c->msg);
}

/* The [cost] keys are MMSIM_COSTS(), which grows with the model: list them from it. */
Test(scenario, unknown_cost_key_lists_every_cost)
{
	char msg[1024];
	size_t len;

	len = (size_t)snprintf(msg, sizeof(msg), "t.ini:2: unknown key 'ctx' in [cost]; "
			       "accepted keys: ");
	for (int i = 0; i < NR_MMSIM_COSTS; i++)
		len += (size_t)snprintf(msg + len, sizeof(msg) - len, "%s%s", i ? ", " : "",
					mmsim_cost_name((enum mmsim_cost_item)i));
	cr_assert_str_eq(mmsim_cost_name(MMSIM_COST_CONTEXT_SWITCH), "context_switch");
	assert_error(load("[cost]\nctx=1\n"), msg);
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
	char msg[600];
};

ParameterizedTestParameters(scenario, set_error_message)
{
	static struct set_error_case cases[] = {
		{ "machine.cpu=4",
		  "--set 'machine.cpu=4': unknown key 'cpu' in [machine]; accepted keys: "
		  MACHINE_KEYS },
		{ "nosuchjob.nice=1",
		  "--set 'nosuchjob.nice=1': no section or job 'nosuchjob'; sections: " SECTIONS
		  "; jobs: hog, pp" },
		{ "x", "--set 'x': expected section.key=value" },
		{ "machine.cpus", "--set 'machine.cpus': expected section.key=value" },
		{ "cpus=4", "--set 'cpus=4': expected section.key=value" },
		{ ".cpus=4", "--set '.cpus=4': expected section.key=value" },
		{ "machine.=4", "--set 'machine.=4': expected section.key=value" },
		{ "hog.thread=2",
		  "--set 'hog.thread=2': unknown key 'thread' in job [hog]; accepted keys: kind, "
		  "threads, nice, cpus_allowed, runtime, loops, start_delay, cgroup, burst, think, "
		  "timer_slack" },
		{ "sysctl.kernel.nope=1",
		  "--set 'sysctl.kernel.nope=1': unknown key 'kernel.nope' in [sysctl]; accepted "
		  "keys: " SYSCTL_KEYS },
		{ "hog.nice=40",
		  "--set 'hog.nice=40': value '40' for 'nice' in job [hog] is out of range -20..19" },
		{ "hog.kind=fast",
		  "--set 'hog.kind=fast': bad value 'fast' for 'kind' in job [hog]; accepted "
		  "values: " KINDS },
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
		     "--set 'hog.nice=1': no section or job 'hog'; sections: " SECTIONS
		     "; jobs: none");
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
		     "--set 'machine.cpu=2,4': unknown key 'cpu' in [machine]; accepted keys: "
		     MACHINE_KEYS);
	cr_assert_eq(vars.nr, 0);
	cr_assert_null(vars.v);
	assert_error(mmsim_config_split_variants(cfg, "x", &vars, &err),
		     "--set 'x': expected section.key=value");
	assert_error(mmsim_config_split_variants(cfg, "pp.nice=1,2", &vars, &err),
		     "--set 'pp.nice=1,2': no section or job 'pp'; sections: " SECTIONS
		     "; jobs: hog");
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
		{ "io", OK, MMSIM_JOB_IO },
		{ "alloc", OK, MMSIM_JOB_ALLOC },
		{ "fragmenter", OK, MMSIM_JOB_FRAGMENTER },
		{ "CPU", BAD, 0 },
		{ "fragment", BAD, 0 },
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
/* Memory: [machine] memory and nodes, [node.N], vm sysctls, [model],  */
/* alloc and fragmenter jobs                                           */
/* ------------------------------------------------------------------ */

#define MB	(1ULL << 20)
#define GB	(1ULL << 30)
#define TB	(1ULL << 40)

/* src/mm/gfp.c's gfp_flag_names[], as a bad gfp= lists them */
#define GFP_NAMES "GFP_TRANSHUGE, GFP_TRANSHUGE_LIGHT, GFP_HIGHUSER_MOVABLE, GFP_HIGHUSER, " \
	"GFP_USER, GFP_KERNEL, GFP_NOFS, GFP_ATOMIC, GFP_NOIO, GFP_NOWAIT, GFP_DMA32, " \
	"__GFP_DMA, __GFP_HIGHMEM, __GFP_DMA32, __GFP_MOVABLE, __GFP_RECLAIMABLE, " \
	"__GFP_HIGH, __GFP_IO, __GFP_FS, __GFP_ZERO, __GFP_ATOMIC, __GFP_RECLAIM, " \
	"__GFP_DIRECT_RECLAIM, __GFP_KSWAPD_RECLAIM, __GFP_WRITE, __GFP_NOWARN, " \
	"__GFP_RETRY_MAYFAIL, __GFP_NOFAIL, __GFP_NORETRY, __GFP_MEMALLOC, __GFP_COMP, " \
	"__GFP_NOMEMALLOC, __GFP_HARDWALL, __GFP_THISNODE, __GFP_ACCOUNT, or none"

Test(scenario, memory_keys_have_the_kernel_defaults)
{
	static const unsigned int ratio[4] = { 256, 256, 32, 0 };

	cr_assert_eq(cfg->memory, 1 * GB);
	cr_assert_eq(cfg->nr_nodes, 1);
	cr_assert_eq(cfg->kernelcore, 0);
	cr_assert_eq(cfg->movablecore, 0);
	for (int n = 0; n < MMSIM_MAX_NODES; n++) {
		cr_assert_eq(cfg->nodes[n].line, 0);
		cr_assert_eq(cfg->nodes[n].memory, 0);
		cr_assert(mmsim_cpumask_empty(&cfg->nodes[n].cpus));
		cr_assert_not(cfg->nodes[n].no_cpus);
	}
	cr_assert_eq(cfg->sysctl.min_free_kbytes, 0);
	cr_assert_eq(cfg->sysctl.watermark_scale_factor, 10);
	cr_assert_eq(cfg->sysctl.watermark_boost_factor, 15000);
	cr_assert_arr_eq(cfg->sysctl.lowmem_reserve_ratio, ratio, sizeof(ratio));
	cr_assert_eq(cfg->sysctl.extfrag_threshold, 500);
	cr_assert_eq(cfg->sysctl.compaction_proactiveness, 20);
	cr_assert_eq(cfg->model.kcompactd, MMSIM_KCOMPACTD_PROACTIVE);
	cr_assert_eq(cfg->model.babka_min_success, 10);
}

Test(scenario, alloc_and_fragmenter_jobs_have_defaults)
{
	const struct mmsim_job_config *a, *f;

	load_ok("[a]\nkind=alloc\n[f]\nkind=fragmenter\n");
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	a = job_named("a");
	cr_assert_eq(a->kind, MMSIM_JOB_ALLOC);
	cr_assert_eq(a->order, 0);
	cr_assert_eq(a->gfp, GFP_HIGHUSER_MOVABLE);
	cr_assert_eq(a->gfp, 0x100cca);
	cr_assert(a->hold);
	cr_assert_eq(a->node, -1);
	cr_assert_eq(a->demand, 0);
	cr_assert_eq(a->think.a, 0);
	f = job_named("f");
	cr_assert_eq(f->kind, MMSIM_JOB_FRAGMENTER);
	cr_assert_eq(f->gfp, GFP_HIGHUSER_MOVABLE);
	cr_assert_eq(f->node, -1);
	cr_assert_eq(f->fill, 90);
	cr_assert_eq(f->keep, 128);
}

static const char memory_scenario[] =
	"[machine]\n"
	"cpus = 8\n"
	"memory = 4G\n"
	"nodes = 3\n"
	"movablecore = 1G\n"
	"\n"
	"[node.0]\n"
	"memory = 2G\n"
	"cpus = 0-3\n"
	"\n"
	"[node.2]\n"
	"cpus = none\n"
	"\n"
	"[sysctl]\n"
	"vm.min_free_kbytes = 65536\n"
	"vm.watermark_scale_factor = 200\n"
	"vm.watermark_boost_factor = 0\n"
	"vm.lowmem_reserve_ratio = 1\t2   3 4\n"
	"vm.extfrag_threshold = 1000\n"
	"vm.compaction_proactiveness = 0\n"
	"\n"
	"[model]\n"
	"kcompactd = babka\n"
	"babka_min_success = 25%\n"
	"\n"
	"[thp]\n"
	"kind = alloc\n"
	"order = 9\n"
	"gfp = GFP_TRANSHUGE | __GFP_THISNODE\n"
	"hold = off\n"
	"node = 1\n"
	"demand = 64\n"
	"think = 1ms\n"
	"loops = 1000\n"
	"\n"
	"[frag]\n"
	"kind = fragmenter\n"
	"gfp = GFP_KERNEL\n"
	"node = 0\n"
	"fill = 50%\n"
	"keep = 1\n";

Test(scenario, memory_scenario_loads_exact_values)
{
	static const unsigned int ratio[4] = { 1, 2, 3, 4 };
	const struct mmsim_job_config *thp, *frag;

	load_ok(memory_scenario);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	cr_assert_eq(cfg->memory, 4 * GB);
	cr_assert_eq(cfg->nr_nodes, 3);
	cr_assert_eq(cfg->kernelcore, 0);
	cr_assert_eq(cfg->movablecore, 1 * GB);
	cr_assert_eq(cfg->nodes[0].line, 7);
	cr_assert_eq(cfg->nodes[0].memory, 2 * GB);
	cr_assert_eq(cfg->nodes[0].cpus.bits[0], 0xf);
	cr_assert_not(cfg->nodes[0].no_cpus);
	cr_assert_eq(cfg->nodes[1].line, 0);
	cr_assert_eq(cfg->nodes[2].line, 11);
	cr_assert_eq(cfg->nodes[2].memory, 0);
	cr_assert(cfg->nodes[2].no_cpus);
	cr_assert(mmsim_cpumask_empty(&cfg->nodes[2].cpus));
	cr_assert_eq(cfg->sysctl.min_free_kbytes, 65536);
	cr_assert_eq(cfg->sysctl.watermark_scale_factor, 200);
	cr_assert_eq(cfg->sysctl.watermark_boost_factor, 0);
	cr_assert_arr_eq(cfg->sysctl.lowmem_reserve_ratio, ratio, sizeof(ratio));
	cr_assert_eq(cfg->sysctl.extfrag_threshold, 1000);
	cr_assert_eq(cfg->sysctl.compaction_proactiveness, 0);
	cr_assert_eq(cfg->model.kcompactd, MMSIM_KCOMPACTD_BABKA);
	cr_assert_eq(cfg->model.babka_min_success, 25);

	thp = job_named("thp");
	cr_assert_eq(thp->kind, MMSIM_JOB_ALLOC);
	cr_assert_eq(thp->order, 9);
	cr_assert_eq(thp->gfp, GFP_TRANSHUGE | GFPF_THISNODE);
	cr_assert_not(thp->hold);
	cr_assert_eq(thp->node, 1);
	cr_assert_eq(thp->demand, 64);
	cr_assert_eq(thp->think.a, 1 * MS);
	cr_assert_eq(thp->loops, 1000);
	frag = job_named("frag");
	cr_assert_eq(frag->kind, MMSIM_JOB_FRAGMENTER);
	cr_assert_eq(frag->gfp, GFP_KERNEL);
	cr_assert_eq(frag->node, 0);
	cr_assert_eq(frag->fill, 50);
	cr_assert_eq(frag->keep, 1);
}

Test(scenario, memory_keys_set_by_set)
{
	static const unsigned int ratio[4] = { 256, 256, 64, 8 };

	load_ok("[a]\nkind=alloc\n");
	set_ok("machine.memory=8G");
	set_ok("machine.nodes=2");
	set_ok("machine.kernelcore=2G");
	set_ok("sysctl.vm.min_free_kbytes=1024");
	set_ok("sysctl.vm.watermark_scale_factor=3000");
	set_ok("sysctl.vm.watermark_boost_factor=4294967295");
	set_ok("sysctl.vm.lowmem_reserve_ratio=256 256 64 8");
	set_ok("sysctl.vm.extfrag_threshold=0");
	set_ok("sysctl.vm.compaction_proactiveness=100");
	set_ok("model.babka_min_success=0");
	set_ok("a.order=10");
	set_ok("a.gfp=GFP_KERNEL|__GFP_NORETRY");
	set_ok("a.hold=no");
	set_ok("a.node=1");
	set_ok("a.demand=18446744073709551615");
	cr_assert_eq(cfg->memory, 8 * GB);
	cr_assert_eq(cfg->nr_nodes, 2);
	cr_assert_eq(cfg->kernelcore, 2 * GB);
	cr_assert_eq(cfg->sysctl.min_free_kbytes, 1024);
	cr_assert_eq(cfg->sysctl.watermark_scale_factor, 3000);
	cr_assert_eq(cfg->sysctl.watermark_boost_factor, UINT32_MAX);
	cr_assert_arr_eq(cfg->sysctl.lowmem_reserve_ratio, ratio, sizeof(ratio));
	cr_assert_eq(cfg->sysctl.extfrag_threshold, 0);
	cr_assert_eq(cfg->sysctl.compaction_proactiveness, 100);
	cr_assert_eq(cfg->model.babka_min_success, 0);
	cr_assert_eq(job_named("a")->order, 10);
	cr_assert_eq(job_named("a")->gfp, GFP_KERNEL | GFPF_NORETRY);
	cr_assert_not(job_named("a")->hold);
	cr_assert_eq(job_named("a")->node, 1);
	cr_assert_eq(job_named("a")->demand, UINT64_MAX);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
}

Test(scenario, model_kcompactd_by_set_and_variants)
{
	struct mmsim_variants vars;

	load_ok("[model]\nkcompactd = babka\n[a]\nkind=alloc\n");
	cr_assert_eq(cfg->model.kcompactd, MMSIM_KCOMPACTD_BABKA);
	set_ok("model.kcompactd=proactive");
	cr_assert_eq(cfg->model.kcompactd, MMSIM_KCOMPACTD_PROACTIVE);
	assert_error(mmsim_config_set(cfg, "model.kcompactd=none", &err),
		     "--set 'model.kcompactd=none': bad value 'none' for 'kcompactd' in [model]; "
		     "accepted values: proactive, babka");
	assert_error(mmsim_config_set(cfg, "model.kcompactd=Babka", &err),
		     "--set 'model.kcompactd=Babka': bad value 'Babka' for 'kcompactd' in "
		     "[model]; accepted values: proactive, babka");
	assert_error(mmsim_config_set(cfg, "model.babka=1", &err),
		     "--set 'model.babka=1': unknown key 'babka' in [model]; accepted keys: "
		     MODEL_KEYS);
	assert_error(mmsim_config_set(cfg, "model.babka_min_success=101", &err),
		     "--set 'model.babka_min_success=101': value '101' for 'babka_min_success' "
		     "in [model] is out of range 0..100");
	cr_assert_eq(mmsim_config_split_variants(cfg, " model . kcompactd = proactive,babka",
						 &vars, &err), 0, "%s", err.msg);
	cr_assert_eq(vars.nr, 2);
	cr_assert_str_eq(vars.v[0], "model.kcompactd=proactive");
	cr_assert_str_eq(vars.v[1], "model.kcompactd=babka");
	set_ok(vars.v[1]);
	cr_assert_eq(cfg->model.kcompactd, MMSIM_KCOMPACTD_BABKA);
	set_ok(vars.v[0]);
	cr_assert_eq(cfg->model.kcompactd, MMSIM_KCOMPACTD_PROACTIVE);
	mmsim_variants_release(&vars);
}

Test(scenario, think_applies_to_alloc_jobs)
{
	load_ok("[a]\nkind=alloc\nthink=uniform:1ms..2ms\n");
	cr_assert_eq(job_named("a")->think.kind, MMSIM_DIST_UNIFORM);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
}

Test(scenario, global_alloc_keys_reach_only_the_kinds_they_apply_to)
{
	load_ok("[global]\nnode=0\ngfp=GFP_KERNEL\norder=3\n[a]\nkind=alloc\n[f]\nkind=fragmenter\n"
		"[c]\n");
	cr_assert_eq(job_named("a")->order, 3);
	cr_assert_eq(job_named("a")->gfp, GFP_KERNEL);
	cr_assert_eq(job_named("f")->gfp, GFP_KERNEL);
	cr_assert_eq(job_named("f")->node, 0);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
}

/* Load errors of the memory keys, word for word. */
struct mem_error_case {
	char text[160];
	char msg[1000];
};

ParameterizedTestParameters(scenario, memory_load_error_message)
{
	static struct mem_error_case cases[] = {
		/* [machine] */
		{ "[machine]\nmemory=1001M\n",
		  "t.ini:2: value '1001M' for 'memory' in [machine] is not a multiple of 2M "
		  "(a pageblock)" },
		{ "[machine]\nmemory=1073741825\n",
		  "t.ini:2: value '1073741825' for 'memory' in [machine] is not a multiple of 2M "
		  "(a pageblock)" },
		{ "[machine]\nmemory=8M\n",
		  "t.ini:2: value '8M' for 'memory' in [machine] is out of range 16M..16T" },
		{ "[machine]\nmemory=17T\n",
		  "t.ini:2: value '17T' for 'memory' in [machine] is out of range 16M..16T" },
		{ "[machine]\nmemory=1.5G\n",
		  "t.ini:2: bad value '1.5G' for 'memory' in [machine]; expected a size in bytes "
		  "with optional suffix K, M, G or T (e.g. 64K)" },
		{ "[machine]\nnodes=0\n",
		  "t.ini:2: value '0' for 'nodes' in [machine] is out of range 1..64" },
		{ "[machine]\nnodes=65\n",
		  "t.ini:2: value '65' for 'nodes' in [machine] is out of range 1..64" },
		{ "[machine]\nkernelcore=17T\n",
		  "t.ini:2: value '17T' for 'kernelcore' in [machine] is out of range 0..16T" },
		{ "[machine]\nmovablecore=-1\n",
		  "t.ini:2: value '-1' for 'movablecore' in [machine] is out of range 0..16T" },
		{ "[machine]\nmemory=1G\nmemory=2G\n",
		  "t.ini:3: duplicate key 'memory' in [machine] (first at line 2)" },
		/* [node.N] */
		{ "[node.1]\nmemory=8M\n",
		  "t.ini:2: value '8M' for 'memory' in [node.1] is out of range 16M..16T (or 0 for "
		  "an equal share)" },
		{ "[node.1]\nmemory=17M\n",
		  "t.ini:2: value '17M' for 'memory' in [node.1] is not a multiple of 2M "
		  "(a pageblock)" },
		{ "[node.0]\ncpus=3-1\n",
		  "t.ini:2: bad value '3-1' for 'cpus' in [node.0]; expected a CPU list such as "
		  "0-3,8,10-11 (CPUs 0-1023, ranges ascending), or none" },
		{ "[node.0]\ncpus=None\n",
		  "t.ini:2: bad value 'None' for 'cpus' in [node.0]; expected a CPU list such as "
		  "0-3,8,10-11 (CPUs 0-1023, ranges ascending), or none" },
		{ "[node.63]\nmem=1G\n",
		  "t.ini:2: unknown key 'mem' in [node.63]; accepted keys: memory, cpus" },
		{ "[node.1]\n\n[node.1]\n",
		  "t.ini:3: duplicate section [node.1] (first at line 1)" },
		{ "[node.0]\nmemory=1G\nmemory=2G\n",
		  "t.ini:3: duplicate key 'memory' in [node.0] (first at line 2)" },
		{ "[node.01]\n",
		  "t.ini:1: bad section [node.01]; expected [node.N] with N = 0..63, without "
		  "leading zeros" },
		{ "[node.64]\n",
		  "t.ini:1: bad section [node.64]; expected [node.N] with N = 0..63, without "
		  "leading zeros" },
		{ "[node.x]\n",
		  "t.ini:1: bad section [node.x]; expected [node.N] with N = 0..63, without "
		  "leading zeros" },
		{ "[node.]\n",
		  "t.ini:1: bad section [node.]; expected [node.N] with N = 0..63, without "
		  "leading zeros" },
		{ "[node.-1]\n",
		  "t.ini:1: bad section [node.-1]; expected [node.N] with N = 0..63, without "
		  "leading zeros" },
		/* [sysctl] vm.* */
		{ "[sysctl]\nvm.min_free_kbytes=67108865\n",
		  "t.ini:2: value '67108865' for 'vm.min_free_kbytes' in [sysctl] is out of range "
		  "0..67108864" },
		{ "[sysctl]\nvm.watermark_scale_factor=0\n",
		  "t.ini:2: value '0' for 'vm.watermark_scale_factor' in [sysctl] is out of range "
		  "1..3000" },
		{ "[sysctl]\nvm.watermark_scale_factor=3001\n",
		  "t.ini:2: value '3001' for 'vm.watermark_scale_factor' in [sysctl] is out of "
		  "range 1..3000" },
		{ "[sysctl]\nvm.watermark_boost_factor=4294967296\n",
		  "t.ini:2: value '4294967296' for 'vm.watermark_boost_factor' in [sysctl] is out "
		  "of range 0..4294967295" },
		{ "[sysctl]\nvm.extfrag_threshold=1001\n",
		  "t.ini:2: value '1001' for 'vm.extfrag_threshold' in [sysctl] is out of range "
		  "0..1000" },
		{ "[sysctl]\nvm.compaction_proactiveness=101\n",
		  "t.ini:2: value '101' for 'vm.compaction_proactiveness' in [sysctl] is out of "
		  "range 0..100" },
		{ "[sysctl]\nvm.lowmem_reserve_ratio=256 256 32\n",
		  "t.ini:2: bad value '256 256 32' for 'vm.lowmem_reserve_ratio' in [sysctl]; "
		  "expected 4 unsigned integers separated by blanks (e.g. 256 256 32 0)" },
		{ "[sysctl]\nvm.lowmem_reserve_ratio=256 256 32 0 0\n",
		  "t.ini:2: bad value '256 256 32 0 0' for 'vm.lowmem_reserve_ratio' in [sysctl]; "
		  "expected 4 unsigned integers separated by blanks (e.g. 256 256 32 0)" },
		{ "[sysctl]\nvm.lowmem_reserve_ratio=256,256,32,0\n",
		  "t.ini:2: bad value '256,256,32,0' for 'vm.lowmem_reserve_ratio' in [sysctl]; "
		  "expected 4 unsigned integers separated by blanks (e.g. 256 256 32 0)" },
		{ "[sysctl]\nvm.lowmem_reserve_ratio=256 256 32 -1\n",
		  "t.ini:2: value '256 256 32 -1' for 'vm.lowmem_reserve_ratio' in [sysctl] is out "
		  "of range 0..2147483647 each" },
		{ "[sysctl]\nvm.vfs_cache_pressure=100\n",
		  "t.ini:2: unknown key 'vm.vfs_cache_pressure' in [sysctl]; accepted keys: "
		  SYSCTL_KEYS },
		/* [model] */
		{ "[model]\nkcompactd=lazy\n",
		  "t.ini:2: bad value 'lazy' for 'kcompactd' in [model]; accepted values: "
		  "proactive, babka" },
		{ "[model]\nbabka_min_success=101\n",
		  "t.ini:2: value '101' for 'babka_min_success' in [model] is out of range 0..100" },
		{ "[model]\nx=1\n",
		  "t.ini:2: unknown key 'x' in [model]; accepted keys: " MODEL_KEYS },
		{ "[model]\n[model]\n",
		  "t.ini:2: duplicate section [model] (first at line 1)" },
		/* job keys */
		{ "[a]\nkind=alloc\norder=11\n",
		  "t.ini:3: value '11' for 'order' in job [a] is out of range 0..10" },
		{ "[a]\nkind=alloc\nnode=-2\n",
		  "t.ini:3: value '-2' for 'node' in job [a] is out of range -1..63" },
		{ "[a]\nkind=alloc\nnode=64\n",
		  "t.ini:3: value '64' for 'node' in job [a] is out of range -1..63" },
		{ "[a]\nkind=alloc\nhold=maybe\n",
		  "t.ini:3: bad value 'maybe' for 'hold' in job [a]; expected 0, 1, true, false, "
		  "yes, no, on or off" },
		{ "[a]\nkind=alloc\ndemand=-1\n",
		  "t.ini:3: value '-1' for 'demand' in job [a] is out of range "
		  "0..18446744073709551615" },
		{ "[f]\nkind=fragmenter\nfill=0\n",
		  "t.ini:3: value '0' for 'fill' in job [f] is out of range 1..100" },
		{ "[f]\nkind=fragmenter\nfill=101%\n",
		  "t.ini:3: value '101%' for 'fill' in job [f] is out of range 1..100" },
		{ "[f]\nkind=fragmenter\nkeep=0\n",
		  "t.ini:3: value '0' for 'keep' in job [f] is out of range 1..511" },
		{ "[f]\nkind=fragmenter\nkeep=512\n",
		  "t.ini:3: value '512' for 'keep' in job [f] is out of range 1..511" },
		{ "[a]\nkind=alloc\ngfp=GFP_KERNEL|__GFP_FOO\n",
		  "t.ini:3: bad value 'GFP_KERNEL|__GFP_FOO' for 'gfp' in job [a]; unknown flag "
		  "'__GFP_FOO'; accepted flags, joined by '|': " GFP_NAMES },
		{ "[a]\nkind=alloc\ngfp=gfp_kernel\n",
		  "t.ini:3: bad value 'gfp_kernel' for 'gfp' in job [a]; unknown flag "
		  "'gfp_kernel'; accepted flags, joined by '|': " GFP_NAMES },
		{ "[f]\nkind=fragmenter\ngfp=GFP_KERNEL | __GFP_NOWARM\n",
		  "t.ini:3: bad value 'GFP_KERNEL | __GFP_NOWARM' for 'gfp' in job [f]; unknown "
		  "flag '__GFP_NOWARM'; accepted flags, joined by '|': " GFP_NAMES },
		{ "[a]\nkind=alloc\ngfp=GFP_KERNEL|\n",
		  "t.ini:3: bad value 'GFP_KERNEL|' for 'gfp' in job [a]; empty flag name; "
		  "accepted flags, joined by '|': " GFP_NAMES },
		{ "[a]\nkind=alloc\ngfp=\n",
		  "t.ini:3: bad value '' for 'gfp' in job [a]; empty flag name; accepted flags, "
		  "joined by '|': " GFP_NAMES },
		{ "[a]\nkind=alloc\ngfp=GFP_KERNEL,__GFP_ZERO\n",
		  "t.ini:3: bad value 'GFP_KERNEL,__GFP_ZERO' for 'gfp' in job [a]; unknown flag "
		  "'GFP_KERNEL,__GFP_ZERO'; accepted flags, joined by '|': " GFP_NAMES },
		/* keys of another kind */
		{ "[a]\nkind=alloc\nfill=50\n",
		  "t.ini:3: key 'fill' does not apply to job [a] of kind alloc; keys for kind "
		  "alloc: " JOB_KEYS_ALLOC },
		{ "[a]\nburst=1ms\nkind=alloc\n",
		  "t.ini:2: key 'burst' does not apply to job [a] of kind alloc; keys for kind "
		  "alloc: " JOB_KEYS_ALLOC },
		{ "[f]\nkind=fragmenter\norder=3\n",
		  "t.ini:3: key 'order' does not apply to job [f] of kind fragmenter; keys for "
		  "kind fragmenter: " JOB_KEYS_FRAGMENTER },
		{ "[f]\nkind=fragmenter\nthink=1ms\n",
		  "t.ini:3: key 'think' does not apply to job [f] of kind fragmenter; keys for "
		  "kind fragmenter: " JOB_KEYS_FRAGMENTER },
		{ "[f]\nhold=off\nkind=fragmenter\n",
		  "t.ini:2: key 'hold' does not apply to job [f] of kind fragmenter; keys for "
		  "kind fragmenter: " JOB_KEYS_FRAGMENTER },
		{ "[c]\ngfp=GFP_KERNEL\n",
		  "t.ini:2: key 'gfp' does not apply to job [c] of kind cpu; keys for kind cpu: "
		  "kind, threads, nice, cpus_allowed, runtime, loops, start_delay, cgroup, burst, "
		  "think, timer_slack" },
		{ "[p]\nkind=pipe\nnode=0\n",
		  "t.ini:3: key 'node' does not apply to job [p] of kind pipe; keys for kind "
		  "pipe: " JOB_KEYS_PIPE },
		{ "[a]\nkind=alloc\nx=1\n",
		  "t.ini:3: unknown key 'x' in job [a]; accepted keys: " JOB_KEYS_ALLOC },
	};

	return cr_make_param_array(struct mem_error_case, cases,
				   sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct mem_error_case *c, scenario, memory_load_error_message)
{
	assert_error(load(c->text), c->msg);
}

/* Cross-checks of mmsim_config_validate(), word for word. */
ParameterizedTestParameters(scenario, memory_validate_error_message)
{
	static struct mem_error_case cases[] = {
		{ "[machine]\nnodes=2\n[node.2]\nmemory=64M\n[j]\n",
		  "t.ini:3: there is no node 2: [machine] nodes is 2 (nodes 0-1)" },
		{ "[node.1]\n[j]\n",
		  "t.ini:1: there is no node 1: [machine] nodes is 1 (node 0)" },
		{ "[machine]\nmemory=4G\nnodes=3\n[node.0]\nmemory=2G\n[node.1]\nmemory=3G\n[j]\n",
		  "t.ini:7: memory 3G of [node.1] brings the nodes' memory to 5G, more than "
		  "[machine] memory 4G" },
		{ "[machine]\nmemory=1G\nnodes=3\n[node.0]\nmemory=1000M\n[j]\n",
		  "t.ini:5: the nodes' memory takes 1000M of [machine] memory 1G, which leaves "
		  "12M for each of the 2 nodes without memory; each needs at least 16M" },
		{ "[machine]\nmemory=1G\nnodes=2\n[node.1]\nmemory=1G\n[j]\n",
		  "t.ini:5: the nodes' memory takes 1G of [machine] memory 1G, which leaves 0 for "
		  "each of the 1 nodes without memory; each needs at least 16M" },
		{ "[machine]\nmemory=16M\nnodes=2\n[j]\n",
		  "t.ini:2: [machine] memory 16M gives each of the 2 nodes 8M; each needs at least "
		  "16M" },
		{ "[machine]\nnodes=64\nmemory=1000M\n[j]\n",
		  "t.ini:3: [machine] memory 1000M gives each of the 64 nodes 14M; each needs at "
		  "least 16M" },
		{ "[machine]\nnodes=64\n[j]\n",
		  "" },
		{ "[machine]\nmemory=4G\nnodes=2\n[node.0]\nmemory=1G\n[node.1]\nmemory=2G\n[j]\n",
		  "t.ini:7: the nodes' memory adds up to 3G but [machine] memory is 4G; when every "
		  "node sets memory they must be equal" },
		{ "[machine]\nmemory=3G\nnodes=2\n[node.0]\nmemory=1G\n[node.1]\nmemory=2G\n[j]\n",
		  "" },
		{ "[machine]\ncpus=4\nnodes=2\n[node.0]\ncpus=0-2\n[node.1]\ncpus=2-3\n[j]\n",
		  "t.ini:7: cpus '2-3' of [node.1] names CPU 2, which is also in the cpus of "
		  "[node.0]" },
		{ "[machine]\ncpus=4\nnodes=2\n[node.1]\ncpus=3-5\n[j]\n",
		  "t.ini:5: cpus '3-5' of [node.1] names CPU 4 but the machine has 4 CPUs (0-3)" },
		{ "[machine]\ncpus=1\n[node.0]\ncpus=0-1\n[j]\n",
		  "t.ini:4: cpus '0-1' of [node.0] names CPU 1 but the machine has 1 CPU (0)" },
		{ "[machine]\ncpus=8\nnodes=2\n[node.0]\ncpus=0-3\n[node.1]\ncpus=4-5\n[j]\n",
		  "t.ini:7: CPUs 6-7 of the machine are in no node: every node sets cpus; add them "
		  "to a node's cpus" },
		{ "[machine]\ncpus=8\nnodes=2\n[node.1]\ncpus=4-6\n[node.0]\ncpus=0-3\n[j]\n",
		  "t.ini:5: CPU 7 of the machine is in no node: every node sets cpus; add it to a "
		  "node's cpus" },
		{ "[machine]\ncpus=2\n[node.0]\ncpus=none\n[j]\n",
		  "t.ini:4: CPUs 0-1 of the machine are in no node: every node sets cpus; add them "
		  "to a node's cpus" },
		{ "[machine]\ncpus=4\nnodes=3\n[node.0]\ncpus=0,2\n[node.2]\ncpus=none\n[j]\n",
		  "" },
		{ "[machine]\nkernelcore=512M\nmovablecore=256M\n[j]\n",
		  "t.ini:3: kernelcore and movablecore are both set in [machine]; set one of them" },
		{ "[machine]\nmovablecore=256M\nkernelcore=512M\n[j]\n",
		  "t.ini:3: kernelcore and movablecore are both set in [machine]; set one of them" },
		{ "[machine]\nkernelcore=1G\n[j]\n",
		  "t.ini:2: kernelcore 1G of [machine] is not less than its memory 1G" },
		{ "[machine]\nmemory=2G\nmovablecore=3G\n[j]\n",
		  "t.ini:3: movablecore 3G of [machine] is not less than its memory 2G" },
		{ "[machine]\nkernelcore=1023M\n[j]\n",
		  "" },
		{ "[machine]\nnodes=2\n[a]\nkind=alloc\nnode=2\n",
		  "t.ini:5: node 2 of job [a] does not exist: [machine] nodes is 2 (nodes 0-1)" },
		{ "[global]\nnode=1\n[f]\nkind=fragmenter\n",
		  "t.ini:2: node 1 of job [f] does not exist: [machine] nodes is 1 (node 0)" },
		{ "[global]\nnode=1\n[c]\nkind=cpu\n",
		  "" },
	};

	return cr_make_param_array(struct mem_error_case, cases,
				   sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct mem_error_case *c, scenario, memory_validate_error_message)
{
	load_ok(c->text);
	if (!c->msg[0])
		cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	else
		assert_error(mmsim_config_validate(cfg, &err), c->msg);
}

Test(scenario, validate_node_errors_name_the_set)
{
	load_ok("[machine]\nmemory=2G\n[j]\nkind=alloc\n");
	set_ok("node.3.memory=64M");
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'node.3.memory=64M': there is no node 3: [machine] nodes is 1 (node 0)");
	set_ok("machine.nodes=4");
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	set_ok("node.1.cpus=0-2");
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'node.1.cpus=0-2': cpus '0-2' of [node.1] names CPU 2 but the "
		     "machine has 2 CPUs (0-1)");
	set_ok("node.1.cpus=1");
	set_ok("node.2.cpus=1");
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'node.2.cpus=1': cpus '1' of [node.2] names CPU 1, which is also in "
		     "the cpus of [node.1]");
	set_ok("node.2.cpus=");
	set_ok("node.3.memory=0");
	set_ok("node.0.memory=2G");
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'node.0.memory=2G': the nodes' memory takes 2G of [machine] memory "
		     "2G, which leaves 0 for each of the 3 nodes without memory; each needs at "
		     "least 16M");
	set_ok("machine.movablecore=2G");
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'machine.movablecore=2G': movablecore 2G of [machine] is not less "
		     "than its memory 2G");
	set_ok("machine.kernelcore=1G");
	/* two --set: which came last is not recorded */
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'machine.movablecore=2G': kernelcore and movablecore are both set in "
		     "[machine]; set one of them");
	set_ok("j.node=5");
	set_ok("machine.movablecore=0");
	set_ok("node.0.memory=0");
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'j.node=5': node 5 of job [j] does not exist: [machine] nodes is 4 "
		     "(nodes 0-3)");
}

Test(scenario, validate_nodes_shrunk_by_set_names_the_section)
{
	load_ok("[machine]\nnodes=4\n[node.3]\ncpus=none\n[j]\n");
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	set_ok("machine.nodes=2");
	assert_error(mmsim_config_validate(cfg, &err),
		     "t.ini:3: there is no node 3: [machine] nodes is 2 (nodes 0-1)");
}

Test(scenario, validate_memory_shrunk_below_kernelcore_by_set)
{
	load_ok("[machine]\nkernelcore=512M\n[j]\n");
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	set_ok("machine.memory=512M");
	assert_error(mmsim_config_validate(cfg, &err),
		     "t.ini:2: kernelcore 512M of [machine] is not less than its memory 512M");
}

Test(scenario, set_node_keys)
{
	load_ok("[machine]\nmemory=4G\nnodes=2\ncpus=4\n[node.1]\ncpus=2-3\n[j]\n");
	set_ok("node.1.memory=3G");
	set_ok(" node . 0 . cpus = none ");
	cr_assert_eq(cfg->nodes[1].memory, 3 * GB);
	cr_assert_eq(cfg->nodes[1].cpus.bits[0], 0xc);
	cr_assert(cfg->nodes[0].no_cpus);
	/* at the last node that lists CPUs */
	assert_error(mmsim_config_validate(cfg, &err),
		     "t.ini:6: CPUs 0-1 of the machine are in no node: every node sets cpus; add "
		     "them to a node's cpus");
	set_ok("node.0.cpus=0-1");
	cr_assert_not(cfg->nodes[0].no_cpus);
	cr_assert_eq(cfg->nodes[0].cpus.bits[0], 0x3);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	/* naming a node the machine lacks is an error, even with a default value */
	set_ok("node.63.memory=0");
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'node.63.memory=0': there is no node 63: [machine] nodes is 2 "
		     "(nodes 0-1)");
	set_ok("machine.nodes=64");
	set_ok("machine.memory=64G");
	set_ok("machine.cpus=64");
	set_ok("node.1.cpus=");
	cr_assert(mmsim_cpumask_empty(&cfg->nodes[1].cpus));
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
}

Test(scenario, set_node_errors)
{
	load_ok("[j]\n");
	assert_error(mmsim_config_set(cfg, "node.64.memory=1G", &err),
		     "--set 'node.64.memory=1G': bad node '64'; expected node.N.key with N = 0..63, "
		     "without leading zeros");
	assert_error(mmsim_config_set(cfg, "node.01.memory=1G", &err),
		     "--set 'node.01.memory=1G': bad node '01'; expected node.N.key with N = 0..63, "
		     "without leading zeros");
	assert_error(mmsim_config_set(cfg, "node.x.memory=1G", &err),
		     "--set 'node.x.memory=1G': bad node 'x'; expected node.N.key with N = 0..63, "
		     "without leading zeros");
	assert_error(mmsim_config_set(cfg, "node.memory=1G", &err),
		     "--set 'node.memory=1G': expected section.key=value");
	assert_error(mmsim_config_set(cfg, "node.1.mem=1G", &err),
		     "--set 'node.1.mem=1G': unknown key 'mem' in [node.1]; accepted keys: memory, "
		     "cpus");
	assert_error(mmsim_config_set(cfg, "node.1.memory=3M", &err),
		     "--set 'node.1.memory=3M': value '3M' for 'memory' in [node.1] is out of range "
		     "16M..16T (or 0 for an equal share)");
	assert_error(mmsim_config_set(cfg, "node.1.memory=33M", &err),
		     "--set 'node.1.memory=33M': value '33M' for 'memory' in [node.1] is not a "
		     "multiple of 2M (a pageblock)");
	assert_error(mmsim_config_set(cfg, "node.1.cpus=all", &err),
		     "--set 'node.1.cpus=all': bad value 'all' for 'cpus' in [node.1]; expected a "
		     "CPU list such as 0-3,8,10-11 (CPUs 0-1023, ranges ascending), or none");
	assert_error(mmsim_config_set(cfg, "machine.memory=100M1", &err),
		     "--set 'machine.memory=100M1': bad value '100M1' for 'memory' in [machine]; "
		     "expected a size in bytes with optional suffix K, M, G or T (e.g. 64K)");
	assert_error(mmsim_config_set(cfg, "j.gfp=GFP_KERNEL", &err),
		     "--set 'j.gfp=GFP_KERNEL': key 'gfp' does not apply to job [j] of kind cpu; "
		     "keys for kind cpu: kind, threads, nice, cpus_allowed, runtime, loops, "
		     "start_delay, cgroup, burst, think, timer_slack");
	for (int n = 0; n < MMSIM_MAX_NODES; n++)
		cr_assert_eq(cfg->nodes[n].set_mask, 0, "node %d changed", n);
}

Test(scenario, a_job_named_node_keeps_its_name)
{
	load_ok("[node]\n");
	set_ok("node.nice=3");
	cr_assert_eq(job_named("node")->nice, 3);
}

Test(scenario, split_node_variants)
{
	struct mmsim_variants vars;

	load_ok("[j]\n");
	cr_assert_eq(mmsim_config_split_variants(cfg, "node.1.cpus=0-1;2-3,5;none", &vars,
						 &err), 0, "%s", err.msg);
	cr_assert_eq(vars.nr, 3);
	cr_assert_str_eq(vars.v[0], "node.1.cpus=0-1");
	cr_assert_str_eq(vars.v[1], "node.1.cpus=2-3,5");
	cr_assert_str_eq(vars.v[2], "node.1.cpus=none");
	mmsim_variants_release(&vars);
	cr_assert_eq(mmsim_config_split_variants(cfg, "node.0.memory=0,512M", &vars, &err), 0,
		     "%s", err.msg);
	cr_assert_eq(vars.nr, 2);
	cr_assert_str_eq(vars.v[0], "node.0.memory=0");
	cr_assert_str_eq(vars.v[1], "node.0.memory=512M");
	set_ok(vars.v[1]);
	cr_assert_eq(cfg->nodes[0].memory, 512 * MB);
	mmsim_variants_release(&vars);
	cr_assert_eq(mmsim_config_split_variants(cfg, "sysctl.vm.lowmem_reserve_ratio=256 256 32 0,"
						 "1 1 1 0", &vars, &err), 0, "%s", err.msg);
	cr_assert_eq(vars.nr, 2);
	cr_assert_str_eq(vars.v[1], "sysctl.vm.lowmem_reserve_ratio=1 1 1 0");
	mmsim_variants_release(&vars);
	assert_error(mmsim_config_split_variants(cfg, "node.99.cpus=1;2", &vars, &err),
		     "--set 'node.99.cpus=1;2': bad node '99'; expected node.N.key with N = 0..63, "
		     "without leading zeros");
}

struct gfp_case {
	char value[64];
	enum expect expect;
	uint32_t gfp;
	char printed[64];
};

ParameterizedTestParameters(scenario, gfp_values)
{
	static struct gfp_case cases[] = {
		{ "GFP_KERNEL", OK, GFP_KERNEL, "GFP_KERNEL" },
		{ "GFP_KERNEL|__GFP_NORETRY", OK, GFP_KERNEL | GFPF_NORETRY,
		  "GFP_KERNEL|__GFP_NORETRY" },
		{ "__GFP_NORETRY | GFP_KERNEL", OK, GFP_KERNEL | GFPF_NORETRY,
		  "GFP_KERNEL|__GFP_NORETRY" },
		{ "__GFP_IO|__GFP_FS|__GFP_RECLAIM", OK, GFP_KERNEL, "GFP_KERNEL" },
		{ "GFP_TRANSHUGE_LIGHT", OK, GFP_TRANSHUGE_LIGHT, "GFP_TRANSHUGE_LIGHT" },
		{ "GFP_HIGHUSER_MOVABLE|__GFP_COMP", OK, GFP_HIGHUSER_MOVABLE | GFPF_COMP,
		  "GFP_HIGHUSER_MOVABLE|__GFP_COMP" },
		{ "GFP_NOWAIT", OK, GFPF_KSWAPD_RECLAIM, "GFP_NOWAIT" },
		{ "none", OK, 0, "none" },
		{ "GFP_KERNEL|GFP_KERNEL", OK, GFP_KERNEL, "GFP_KERNEL" },
		{ "GFP_KERNEL|", BAD, 0, "" },
		{ "|GFP_KERNEL", BAD, 0, "" },
		{ "GFP_KERNEL||__GFP_ZERO", BAD, 0, "" },
		{ "gfp_kernel", BAD, 0, "" },
		{ "NONE", BAD, 0, "" },
		{ "none|GFP_KERNEL", BAD, 0, "" },
		{ "0x10", BAD, 0, "" },
		{ "", BAD, 0, "" },
	};

	return cr_make_param_array(struct gfp_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct gfp_case *c, scenario, gfp_values)
{
	struct listing l = { .len = 0 };
	char assignment[96], want[96];

	load_ok("[a]\nkind=alloc\n");
	snprintf(assignment, sizeof(assignment), "a.gfp=%s", c->value);
	check_outcome(mmsim_config_set(cfg, assignment, &err), c->expect, assignment);
	if (c->expect != OK) {
		cr_assert_eq(job_named("a")->gfp, GFP_HIGHUSER_MOVABLE, "%s changed gfp",
			     assignment);
		cr_assert_not_null(strstr(err.msg, "; accepted flags, joined by '|': GFP_TRANSHUGE, "),
				   "%s", err.msg);
		return;
	}
	cr_assert_eq(job_named("a")->gfp, c->gfp, "%s: %#x", assignment, job_named("a")->gfp);
	/* the report header prints it back as the kernel does */
	mmsim_config_foreach_nondefault(cfg, collect, &l);
	snprintf(want, sizeof(want), "a.kind=alloc\na.gfp=%s\n", c->printed);
	cr_assert_str_eq(l.text, want);
}

struct uint4_case {
	char value[64];
	enum expect expect;
	unsigned int v[4];
};

ParameterizedTestParameters(scenario, lowmem_reserve_ratio_values)
{
	static struct uint4_case cases[] = {
		{ "256 256 32 0", OK, { 256, 256, 32, 0 } },
		{ "1\t2\t3\t4", OK, { 1, 2, 3, 4 } },
		{ "1  2 \t 3    4", OK, { 1, 2, 3, 4 } },
		{ "0 0 0 0", OK, { 0, 0, 0, 0 } },
		{ "2147483647 0 0 1", OK, { 2147483647, 0, 0, 1 } },
		{ "2147483648 0 0 0", RANGE, { 0 } },
		{ "-1 0 0 0", RANGE, { 0 } },
		{ "1 2 3", BAD, { 0 } },
		{ "1 2 3 4 5", BAD, { 0 } },
		{ "1,2,3,4", BAD, { 0 } },
		{ "a b c d", BAD, { 0 } },
		{ "1 2 3 4x", BAD, { 0 } },
		{ "1 2 3 -", BAD, { 0 } },
		{ "", BAD, { 0 } },
	};

	return cr_make_param_array(struct uint4_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct uint4_case *c, scenario, lowmem_reserve_ratio_values)
{
	static const unsigned int def[4] = { 256, 256, 32, 0 };
	char assignment[96];

	load_ok("[j]\n");
	snprintf(assignment, sizeof(assignment), "sysctl.vm.lowmem_reserve_ratio=%s", c->value);
	check_outcome(mmsim_config_set(cfg, assignment, &err), c->expect, assignment);
	if (c->expect == OK)
		cr_assert_arr_eq(cfg->sysctl.lowmem_reserve_ratio, c->v, sizeof(c->v), "%s",
				 assignment);
	else
		cr_assert_arr_eq(cfg->sysctl.lowmem_reserve_ratio, def, sizeof(def), "%s",
				 assignment);
}

Test(scenario, foreach_nondefault_lists_memory_keys)
{
	struct listing l = { .len = 0 };

	load_ok(memory_scenario);
	set_ok("node.1.memory=1G");
	mmsim_config_foreach_nondefault(cfg, collect, &l);
	cr_assert_str_eq(l.text,
			 "machine.cpus=8\n"
			 "machine.memory=4G\n"
			 "machine.nodes=3\n"
			 "machine.movablecore=1G\n"
			 "sysctl.vm.min_free_kbytes=65536\n"
			 "sysctl.vm.watermark_scale_factor=200\n"
			 "sysctl.vm.watermark_boost_factor=0\n"
			 "sysctl.vm.lowmem_reserve_ratio=1 2 3 4\n"
			 "sysctl.vm.extfrag_threshold=1000\n"
			 "sysctl.vm.compaction_proactiveness=0\n"
			 "model.kcompactd=babka\n"
			 "model.babka_min_success=25\n"
			 "node.0.memory=2G\n"
			 "node.0.cpus=0-3\n"
			 "node.1.memory=1G\n"
			 "node.2.cpus=none\n"
			 "thp.kind=alloc\n"
			 "thp.loops=1000\n"
			 "thp.think=1ms\n"
			 "thp.order=9\n"
			 "thp.gfp=GFP_TRANSHUGE|__GFP_THISNODE\n"
			 "thp.hold=false\n"
			 "thp.node=1\n"
			 "thp.demand=64\n"
			 "frag.kind=fragmenter\n"
			 "frag.gfp=GFP_KERNEL\n"
			 "frag.node=0\n"
			 "frag.fill=50\n"
			 "frag.keep=1\n");
}

Test(scenario, foreach_nondefault_memory_keys_read_back)
{
	struct listing l = { .len = 0 };
	struct mmsim_config *copy = malloc(sizeof(*copy));
	char *line, *save = NULL;

	cr_assert_not_null(copy);
	load_ok(memory_scenario);
	mmsim_config_foreach_nondefault(cfg, collect, &l);
	mmsim_config_init(copy);
	cr_assert_eq(mmsim_config_load_string(copy, "t.ini", "[thp]\nkind=alloc\n[frag]\n"
					      "kind=fragmenter\n", &err), 0, "%s", err.msg);
	for (line = strtok_r(l.text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		cr_assert_eq(mmsim_config_set(copy, line, &err), 0, "%s: %s", line, err.msg);
	cr_assert_eq(mmsim_config_validate(copy, &err), 0, "%s", err.msg);
	cr_assert_eq(copy->memory, cfg->memory);
	cr_assert_eq(copy->nr_nodes, cfg->nr_nodes);
	cr_assert_eq(copy->movablecore, cfg->movablecore);
	cr_assert_arr_eq(&copy->sysctl, &cfg->sysctl, sizeof(cfg->sysctl));
	cr_assert_arr_eq(&copy->model, &cfg->model, sizeof(cfg->model));
	for (int n = 0; n < 3; n++) {
		cr_assert_eq(copy->nodes[n].memory, cfg->nodes[n].memory);
		cr_assert_arr_eq(&copy->nodes[n].cpus, &cfg->nodes[n].cpus, sizeof(cfg->nodes[n].cpus));
		cr_assert_eq(copy->nodes[n].no_cpus, cfg->nodes[n].no_cpus);
	}
	for (unsigned int i = 0; i < 2; i++) {
		const struct mmsim_job_config *a = &cfg->jobs[i], *b = &copy->jobs[i];

		cr_assert_eq(a->kind, b->kind);
		cr_assert_eq(a->order, b->order);
		cr_assert_eq(a->gfp, b->gfp);
		cr_assert_eq(a->hold, b->hold);
		cr_assert_eq(a->node, b->node);
		cr_assert_eq(a->demand, b->demand);
		cr_assert_eq(a->fill, b->fill);
		cr_assert_eq(a->keep, b->keep);
	}
	free(copy);
}

/* mmsim_config_resolve_nodes() on a layout; nodes past nr_nodes must be zero and empty. */
struct layout {
	uint64_t memory[MMSIM_MAX_NODES];
	uint64_t movable[MMSIM_MAX_NODES];
	struct mmsim_cpumask cpus[MMSIM_MAX_NODES];
};

static struct layout *resolve(const char *text)
{
	struct layout *lo = malloc(sizeof(*lo));

	cr_assert_not_null(lo);
	memset(lo, 0xa5, sizeof(*lo));
	load_ok(text);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	mmsim_config_resolve_nodes(cfg, lo->memory, lo->movable, lo->cpus);
	for (unsigned int n = cfg->nr_nodes; n < MMSIM_MAX_NODES; n++) {
		cr_assert_eq(lo->memory[n], 0, "node %u", n);
		cr_assert_eq(lo->movable[n], 0, "node %u", n);
		cr_assert(mmsim_cpumask_empty(&lo->cpus[n]), "node %u", n);
	}
	return lo;
}

static void assert_node(const struct layout *lo, unsigned int nid, uint64_t memory,
			uint64_t movable, uint64_t cpus_word0)
{
	cr_assert_eq(lo->memory[nid], memory, "node %u memory %" PRIu64 " MiB", nid,
		     lo->memory[nid] >> 20);
	cr_assert_eq(lo->movable[nid], movable, "node %u movable %" PRIu64 " MiB", nid,
		     lo->movable[nid] >> 20);
	cr_assert_eq(lo->cpus[nid].bits[0], cpus_word0, "node %u cpus %#" PRIx64, nid,
		     lo->cpus[nid].bits[0]);
	for (size_t i = 1; i < MMSIM_MAX_CPUS / 64; i++)
		cr_assert_eq(lo->cpus[nid].bits[i], 0, "node %u", nid);
}

Test(scenario, resolve_nodes_default_machine)
{
	struct layout *lo = resolve("[j]\n");

	assert_node(lo, 0, 1 * GB, 0, 0x3);
	free(lo);
}

Test(scenario, resolve_nodes_equal_shares)
{
	/* 1024M / 3 = 341.3M: 340M, 340M and the remainder 344M; 10 CPUs: 4, 3, 3 */
	struct layout *lo = resolve("[machine]\nmemory=1G\nnodes=3\ncpus=10\n[j]\n");

	assert_node(lo, 0, 340 * MB, 0, 0x00f);
	assert_node(lo, 1, 340 * MB, 0, 0x070);
	assert_node(lo, 2, 344 * MB, 0, 0x380);
	free(lo);
}

Test(scenario, resolve_nodes_more_nodes_than_cpus)
{
	struct layout *lo = resolve("[machine]\nnodes=4\ncpus=2\n[j]\n");

	assert_node(lo, 0, 256 * MB, 0, 0x1);
	assert_node(lo, 1, 256 * MB, 0, 0x2);
	assert_node(lo, 2, 256 * MB, 0, 0);
	assert_node(lo, 3, 256 * MB, 0, 0);
	free(lo);
}

Test(scenario, resolve_nodes_explicit_nodes_and_movablecore)
{
	/*
	 * 4096M - 1002M = 3094M over nodes 0, 2, 3: 1030M, 1030M, 1034M.
	 * CPUs 8-9 are node 2's; 0-7 go to nodes 0 and 3, 4 each.
	 * movablecore 1G in proportion: 1024M * memory / 4096M, rounded down
	 * to 2M: 257.5M -> 256M, 250.5M -> 250M, 256M, 258.5M -> 258M.
	 */
	struct layout *lo = resolve("[machine]\nmemory=4G\nnodes=4\ncpus=10\nmovablecore=1G\n"
				    "[node.1]\nmemory=1002M\ncpus=none\n"
				    "[node.2]\ncpus=8-9\n[j]\n");

	assert_node(lo, 0, 1030 * MB, 256 * MB, 0x00f);
	assert_node(lo, 1, 1002 * MB, 250 * MB, 0);
	assert_node(lo, 2, 1030 * MB, 256 * MB, 0x300);
	assert_node(lo, 3, 1034 * MB, 258 * MB, 0x0f0);
	free(lo);
}

Test(scenario, resolve_nodes_kernelcore)
{
	/*
	 * kernelcore 1000M over 1G + 2G: node 0 keeps 333.3M, so 690.7M is
	 * movable, 690M in whole pageblocks; node 1 keeps 666.7M, 1381.3M ->
	 * 1380M.  3 CPUs over 2 nodes: 2 and 1.
	 */
	struct layout *lo = resolve("[machine]\nmemory=3G\nnodes=2\ncpus=3\nkernelcore=1000M\n"
				    "[node.0]\nmemory=1G\n[j]\n");

	assert_node(lo, 0, 1 * GB, 690 * MB, 0x3);
	assert_node(lo, 1, 2 * GB, 1380 * MB, 0x4);
	free(lo);
}

Test(scenario, resolve_nodes_16T_does_not_overflow)
{
	/*
	 * 16T / 3 = 5592405.3M: 5592404M twice and 5592408M.  The products
	 * 8T * 5.3T overflow 64 bits; movablecore 8T is half of each node.
	 */
	struct layout *lo = resolve("[machine]\nmemory=16T\nnodes=3\nmovablecore=8T\n"
				    "[node.1]\ncpus=none\n[j]\n");

	assert_node(lo, 0, 5592404 * MB, 2796202 * MB, 0x1);
	assert_node(lo, 1, 5592404 * MB, 2796202 * MB, 0);
	assert_node(lo, 2, 5592408 * MB, 2796204 * MB, 0x2);
	free(lo);
	/* kernelcore 4T keeps a quarter: 3/4 of 5592404M is 4194303M -> 4194302M */
	mmsim_config_init(cfg);
	lo = resolve("[machine]\nmemory=16T\nnodes=3\nkernelcore=4T\n[j]\n");
	assert_node(lo, 0, 5592404 * MB, 4194302 * MB, 0x1);
	assert_node(lo, 1, 5592404 * MB, 4194302 * MB, 0x2);
	assert_node(lo, 2, 5592408 * MB, 4194306 * MB, 0);
	free(lo);
}

Test(scenario, resolve_nodes_set_by_set)
{
	struct layout *lo = malloc(sizeof(*lo));

	cr_assert_not_null(lo);
	load_ok("[machine]\nmemory=4G\nnodes=2\ncpus=4\n[j]\n");
	set_ok("node.1.memory=3G");
	set_ok("node.0.cpus=3");
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	mmsim_config_resolve_nodes(cfg, lo->memory, lo->movable, lo->cpus);
	assert_node(lo, 0, 1 * GB, 0, 0x8);
	assert_node(lo, 1, 3 * GB, 0, 0x7);
	free(lo);
}

/* ------------------------------------------------------------------ */
/* Files on block devices, and file jobs                               */
/* ------------------------------------------------------------------ */

#define JOB_KEYS_FILE "kind, threads, nice, cpus_allowed, runtime, loops, start_delay, cgroup, " \
	"think, rw, bs, rwmixread, fsync, file"
#define JOB_KEYS_MEM "kind, threads, nice, cpus_allowed, runtime, loops, start_delay, cgroup, " \
	"think, size, pattern, writes, file, shared, remap, populate, madvise, pass_madvise, oom_score_adj"
/* lines 1-4: a 1M file [file.a] on a null device */
#define ONE_FILE "[device.d0]\n[file.a]\ndevice=d0\nsize=1M\n"

Test(scenario, files_and_file_job_keys_have_defaults)
{
	const struct mmsim_job_config *m, *f;

	load_ok("[file.a]\n[m]\nkind=mem\n[f]\nkind=file\n");
	cr_assert_eq(cfg->nr_files, 1);
	cr_assert_str_eq(cfg->files[0].name, "a");
	cr_assert_eq(cfg->files[0].line, 1);
	cr_assert_str_eq(cfg->files[0].device, "");
	cr_assert_eq(cfg->files[0].size, 0);
	m = job_named("m");
	cr_assert_eq(m->kind, MMSIM_JOB_MEM);
	cr_assert_str_eq(m->file, "");
	cr_assert(m->shared);
	f = job_named("f");
	cr_assert_eq(f->kind, MMSIM_JOB_FILE);
	cr_assert_str_eq(f->file, "");
	cr_assert_eq(f->rw, MMSIM_RW_READ);
	cr_assert_eq(f->bs, 4096);
	cr_assert_eq(f->rwmixread, 50);
	cr_assert_eq(f->fsync, 0);
	cr_assert_eq(f->think.kind, MMSIM_DIST_FIXED);
	cr_assert_eq(f->think.a, 0);
	cr_assert_eq(f->threads, 1);
	cr_assert_eq(f->loops, 0);
}

/* oom_score_adj: 0 by default, -1000..1000 for the jobs with an address space */
Test(scenario, oom_score_adj_loads_exact_values)
{
	load_ok("[d]\nkind=mem\n[m]\nkind=mem\noom_score_adj=1000\n"
		"[r]\nkind=replay\noom_score_adj=-7\n");
	cr_assert_eq(job_named("d")->oom_score_adj, 0);
	cr_assert_eq(job_named("m")->oom_score_adj, 1000);
	cr_assert_eq(job_named("r")->oom_score_adj, -7);
}

Test(scenario, oom_score_adj_from_global)
{
	load_ok("[global]\noom_score_adj=-1000\n[d]\nkind=mem\n[m]\nkind=mem\n"
		"oom_score_adj=3\n");
	cr_assert_eq(job_named("d")->oom_score_adj, -1000);
	cr_assert_eq(job_named("m")->oom_score_adj, 3);
}

Test(scenario, file_sections_and_file_jobs_load_exact_values)
{
	const struct mmsim_job_config *f, *m;

	load_ok("[device.d0]\ntype=ssd\n"
		"[file.data]\n"
		"device = d0\n"
		"size = 64M\n"
		"[file.log-1]\n"
		"size=4K\n"
		"device=d0\n"
		"[f]\n"
		"kind=file\n"
		"file=data\n"
		"threads=2\n"
		"nice=3\n"
		"cpus_allowed=1\n"
		"runtime=50ms\n"
		"loops=100\n"
		"start_delay=5ms\n"
		"think=uniform:1ms..2ms\n"
		"rw=randrw\n"
		"bs=16K\n"
		"rwmixread=70%\n"
		"fsync=8\n"
		"[m]\n"
		"kind=mem\n"
		"file=log-1\n"
		"shared=off\n"
		"size=4K\n"
		"pattern=rand\n");
	cr_assert_eq(cfg->nr_files, 2);
	cr_assert_str_eq(cfg->files[0].name, "data");
	cr_assert_eq(cfg->files[0].line, 3);
	cr_assert_str_eq(cfg->files[0].device, "d0");
	cr_assert_eq(cfg->files[0].size, 64 * MB);
	cr_assert_str_eq(cfg->files[1].name, "log-1");
	cr_assert_eq(cfg->files[1].line, 6);
	cr_assert_str_eq(cfg->files[1].device, "d0");
	cr_assert_eq(cfg->files[1].size, 4096);
	f = job_named("f");
	cr_assert_eq(f->kind, MMSIM_JOB_FILE);
	cr_assert_str_eq(f->file, "data");
	cr_assert_eq(f->threads, 2);
	cr_assert_eq(f->nice, 3);
	cr_assert_eq(f->cpus_allowed.bits[0], 0x2);
	cr_assert_eq(f->runtime_ns, 50 * MS);
	cr_assert_eq(f->loops, 100);
	cr_assert_eq(f->start_delay_ns, 5 * MS);
	cr_assert_eq(f->think.kind, MMSIM_DIST_UNIFORM);
	cr_assert_eq(f->think.a, 1 * MS);
	cr_assert_eq(f->think.b, 2 * MS);
	cr_assert_eq(f->rw, MMSIM_RW_RANDRW);
	cr_assert_eq(f->bs, 16 * 1024);
	cr_assert_eq(f->rwmixread, 70);
	cr_assert_eq(f->fsync, 8);
	m = job_named("m");
	cr_assert_str_eq(m->file, "log-1");
	cr_assert_not(m->shared);
	cr_assert_eq(m->io_size, 4096);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
}

Test(scenario, file_offsets_of_three_files_on_two_devices)
{
	load_ok("[device.d0]\ntype=ram\n[device.d1]\ntype=ram\n"
		"[file.a]\ndevice=d0\nsize=1M\n"
		"[file.b]\ndevice=d1\nsize=2M\n"
		"[file.c]\ndevice=d0\nsize=3M\n"
		"[j]\n");
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	cr_assert_eq(mmsim_config_find_file(cfg, "a"), 0);
	cr_assert_eq(mmsim_config_find_file(cfg, "b"), 1);
	cr_assert_eq(mmsim_config_find_file(cfg, "c"), 2);
	cr_assert_eq(mmsim_config_find_file(cfg, "d"), -1);
	cr_assert_eq(mmsim_config_find_file(cfg, ""), -1);
	cr_assert_eq(mmsim_config_file_offset(cfg, 0), 0);
	cr_assert_eq(mmsim_config_file_offset(cfg, 1), 0);
	cr_assert_eq(mmsim_config_file_offset(cfg, 2), 1 * MB);
	/* moving b onto d0 puts it after a, and c after both */
	set_ok("file.b.device=d0");
	cr_assert_eq(mmsim_config_file_offset(cfg, 1), 1 * MB);
	cr_assert_eq(mmsim_config_file_offset(cfg, 2), 3 * MB);
	set_ok("file.a.size=4M");
	cr_assert_eq(mmsim_config_file_offset(cfg, 2), 6 * MB);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
}

ParameterizedTestParameters(scenario, file_load_error_message)
{
	static struct mem_error_case cases[] = {
		{ "[file.a]\n[device.d0]\n[file.a]\n",
		  "t.ini:3: duplicate section [file.a] (first at line 1)" },
		{ "[file.a]\nsize=0\n",
		  "t.ini:2: value '0' for 'size' in [file.a] is out of range 4K..1024T" },
		{ "[file.a]\nsize=2048T\n",
		  "t.ini:2: value '2048T' for 'size' in [file.a] is out of range 4K..1024T" },
		{ "[file.a]\nsize=1X\n",
		  "t.ini:2: bad value '1X' for 'size' in [file.a]; expected a size in bytes with "
		  "optional suffix K, M, G or T (e.g. 64K)" },
		{ "[file.a]\ndevice=d 0\n",
		  "t.ini:2: bad value 'd 0' for 'device' in [file.a]; expected a name of up to 63 "
		  "characters of A-Z a-z 0-9 _ -" },
		{ "[file.a]\ndev=d0\n",
		  "t.ini:2: unknown key 'dev' in [file.a]; accepted keys: device, size" },
		{ "[file.a]\ndevice=d0\n\ndevice=d1\n",
		  "t.ini:4: duplicate key 'device' in [file.a] (first at line 2)" },
		{ "[file.]\n",
		  "t.ini:1: unknown section [file.]; " SECTIONS_RULE },
		{ "[file.a.b]\n",
		  "t.ini:1: unknown section [file.a.b]; " SECTIONS_RULE },
		{ "[f]\nkind=file\niodepth=4\n",
		  "t.ini:3: key 'iodepth' does not apply to job [f] of kind file; keys for kind "
		  "file: " JOB_KEYS_FILE },
		{ "[f]\nkind=file\nshared=off\n",
		  "t.ini:3: key 'shared' does not apply to job [f] of kind file; keys for kind "
		  "file: " JOB_KEYS_FILE },
		{ "[f]\nsize=1M\nkind=file\n",
		  "t.ini:2: key 'size' does not apply to job [f] of kind file; keys for kind "
		  "file: " JOB_KEYS_FILE },
		{ "[m]\nkind=mem\nrw=write\n",
		  "t.ini:3: key 'rw' does not apply to job [m] of kind mem; keys for kind mem: "
		  JOB_KEYS_MEM },
		{ "[c]\nfile=a\n",
		  "t.ini:2: key 'file' does not apply to job [c] of kind cpu; keys for kind cpu: "
		  "kind, threads, nice, cpus_allowed, runtime, loops, start_delay, cgroup, burst, "
		  "think, timer_slack" },
		{ "[f]\nkind=file\nx=1\n",
		  "t.ini:3: unknown key 'x' in job [f]; accepted keys: " JOB_KEYS_FILE },
		{ "[m]\nkind=mem\nshared=maybe\n",
		  "t.ini:3: bad value 'maybe' for 'shared' in job [m]; expected 0, 1, true, false, "
		  "yes, no, on or off" },
		{ "[f]\nkind=file\nbs=2M\n",
		  "t.ini:3: value '2M' for 'bs' in job [f] is out of range 4K..1M" },
	};

	return cr_make_param_array(struct mem_error_case, cases,
				   sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct mem_error_case *c, scenario, file_load_error_message)
{
	assert_error(load(c->text), c->msg);
}

/* Cross-checks of files and of mem and file jobs, word for word ("" = valid). */
ParameterizedTestParameters(scenario, file_validate_error_message)
{
	static struct mem_error_case cases[] = {
		/* [file.NAME] */
		{ "[device.d0]\n[device.d1]\n[file.a]\ndevice=sdz\nsize=4K\n[j]\n",
		  "t.ini:4: device 'sdz' of [file.a] is not defined; devices: d0, d1" },
		{ "[file.a]\nsize=4K\n[j]\n",
		  "t.ini:1: [file.a] needs device=NAME; devices: none (add a [device.NAME] "
		  "section)" },
		{ "[device.d0]\n[file.a]\ndevice=d0\n[j]\n",
		  "t.ini:2: [file.a] needs size= (bytes, a multiple of 4K)" },
		{ "[device.d0]\n[file.a]\ndevice=d0\nsize=5000\n[j]\n",
		  "t.ini:4: size of [file.a] is 5000 bytes, not a multiple of 4K" },
		{ "[device.d0]\ntype=ram\nsize=8M\n[file.a]\ndevice=d0\nsize=6M\n"
		  "[file.b]\ndevice=d0\nsize=4M\n[j]\n",
		  "t.ini:9: [file.b] (4M at offset 6M) ends at 10M, past the end of [device.d0] "
		  "(8M); the files of a device lie back to back from offset 0 in file order" },
		{ "[device.d0]\ntype=ram\nsize=8M\n[file.a]\ndevice=d0\nsize=6M\n"
		  "[file.b]\ndevice=d0\nsize=2M\n[j]\n",
		  "" },
		{ "[device.r]\ntype=ram\n[file.a]\ndevice=r\nsize=65M\n[j]\n",
		  "t.ini:5: [file.a] (65M at offset 0) ends at 65M, past the end of [device.r] "
		  "(64M, the default size of a ram device); the files of a device lie back to "
		  "back from offset 0 in file order" },
		{ "[device.n]\n[file.a]\ndevice=n\nsize=250G\n[file.b]\ndevice=n\nsize=4K\n[j]\n",
		  "t.ini:7: [file.b] (4K at offset 250G) ends at 262144004K, past the end of "
		  "[device.n] (250G, the default size of a null device); the files of a device "
		  "lie back to back from offset 0 in file order" },
		{ "[device.z]\ntype=zoned\n[file.a]\ndevice=z\nsize=1M\n[j]\n",
		  "t.ini:4: [file.a] is on zoned device [device.z]; files are not supported on "
		  "zoned devices (the page cache writes in place)" },
		/* kind=file */
		{ ONE_FILE "[f]\nkind=file\n",
		  "t.ini:5: job [f] of kind file needs file=NAME; files: a" },
		{ "[f]\nkind=file\n",
		  "t.ini:1: job [f] of kind file needs file=NAME; files: none (add a [file.NAME] "
		  "section)" },
		{ ONE_FILE "[f]\nkind=file\nfile=b\n",
		  "t.ini:7: file 'b' of job [f] is not defined; files: a" },
		{ ONE_FILE "[f]\nkind=file\nfile=a\nbs=6K\n",
		  "t.ini:8: bs 6144 of job [f] is not a multiple of 4K" },
		{ "[device.d0]\n[file.a]\ndevice=d0\nsize=4K\n[f]\nkind=file\nfile=a\nbs=8K\n",
		  "t.ini:8: bs 8K of job [f] is larger than its file [file.a] (4K)" },
		{ ONE_FILE "[f]\nkind=file\nfile=a\nrw=randwrite\nbs=1M\nfsync=1\n",
		  "" },
		{ "[global]\nfile=a\n" ONE_FILE "[f]\nkind=file\n[m]\nkind=mem\n[c]\n",
		  "" },
		/* kind=mem with file= */
		{ ONE_FILE "[m]\nkind=mem\nfile=b\n",
		  "t.ini:7: file 'b' of job [m] is not defined; files: a" },
		{ "[m]\nkind=mem\nsize=1M\nshared=off\n",
		  "t.ini:4: shared of job [m] applies only to a mapping of a file; set file= or "
		  "drop shared=" },
		{ ONE_FILE "[m]\nkind=mem\nfile=a\npass_madvise=free\n",
		  "t.ini:8: pass_madvise=free of job [m] applies only to anonymous memory "
		  "(MADV_FREE of a file mapping is EINVAL); drop file= or choose dontneed, cold or "
		  "pageout" },
		{ "[global]\nshared=off\n[m]\nkind=mem\nsize=1M\n",
		  "" },
		{ ONE_FILE "[m]\nkind=mem\nfile=a\nsize=2M\n",
		  "t.ini:8: job [m] of kind mem maps size= bytes of [file.a]: 0 for the whole "
		  "file, or 4K to 16T, a multiple of 4K, at most the file's 1M; it is 2M" },
		{ ONE_FILE "[m]\nkind=mem\nfile=a\nsize=5000\n",
		  "t.ini:8: job [m] of kind mem maps size= bytes of [file.a]: 0 for the whole "
		  "file, or 4K to 16T, a multiple of 4K, at most the file's 1M; it is 5000" },
		{ ONE_FILE "[m]\nkind=mem\nfile=a\nshared=off\n",
		  "" },
		{ ONE_FILE "[m]\nkind=mem\nfile=a\nsize=1M\npattern=stride:255\n",
		  "" },
		{ "[m]\nkind=mem\n",
		  "t.ini:1: job [m] of kind mem needs size= of 4K to 16T, a multiple of 4K (the "
		  "bytes it maps); it is 0" },
	};

	return cr_make_param_array(struct mem_error_case, cases,
				   sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct mem_error_case *c, scenario, file_validate_error_message)
{
	load_ok(c->text);
	if (!c->msg[0])
		cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	else
		assert_error(mmsim_config_validate(cfg, &err), c->msg);
}

Test(scenario, too_many_files)
{
	size_t size = (MMSIM_MAX_FILES + 1) * 16, len = 0;
	char *text = malloc(size), msg[128];

	cr_assert_not_null(text);
	for (int i = 0; i <= MMSIM_MAX_FILES; i++)
		len += (size_t)snprintf(text + len, size - len, "[file.f%d]\n", i);
	snprintf(msg, sizeof(msg), "t.ini:%d: too many files: [file.f%d] would be file %d, at "
		 "most %d are allowed", MMSIM_MAX_FILES + 1, MMSIM_MAX_FILES, MMSIM_MAX_FILES + 1,
		 MMSIM_MAX_FILES);
	assert_error(load(text), msg);
	free(text);
}

Test(scenario, set_file_keys)
{
	load_ok(ONE_FILE "[device.d1]\ntype=ram\n[f]\nkind=file\nfile=a\n");
	set_ok("file.a.size=2M");
	set_ok(" file . a . device = d1 ");
	cr_assert_eq(cfg->files[0].size, 2 * MB);
	cr_assert_str_eq(cfg->files[0].device, "d1");
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	/* validation names the --set that wrote the value */
	set_ok("file.a.size=5000");
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'file.a.size=5000': size of [file.a] is 5000 bytes, not a multiple "
		     "of 4K");
	set_ok("file.a.size=65M");
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'file.a.size=65M': [file.a] (65M at offset 0) ends at 65M, past the "
		     "end of [device.d1] (64M, the default size of a ram device); the files of a "
		     "device lie back to back from offset 0 in file order");
	set_ok(" device . d1 . size = 128M ");	/* blanks around the device name too */
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	set_ok("file.a.device=nope");
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'file.a.device=nope': device 'nope' of [file.a] is not defined; "
		     "devices: d0, d1");
	set_ok("file.a.device=d0");
	/* file job keys */
	set_ok("f.rw=write");
	set_ok("f.fsync=16");
	set_ok("f.think=exp:1ms");
	cr_assert_eq(job_named("f")->rw, MMSIM_RW_WRITE);
	cr_assert_eq(job_named("f")->fsync, 16);
	cr_assert_eq(job_named("f")->think.kind, MMSIM_DIST_EXPONENTIAL);
	set_ok("f.file=b");
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'f.file=b': file 'b' of job [f] is not defined; files: a");
}

Test(scenario, set_file_errors)
{
	assert_error(mmsim_config_set(cfg, "file.a.size=1M", &err),
		     "--set 'file.a.size=1M': no file 'a'; files: none");
	load_ok(ONE_FILE "[m]\nkind=mem\nsize=1M\n");
	assert_error(mmsim_config_set(cfg, "file.x.size=1M", &err),
		     "--set 'file.x.size=1M': no file 'x'; files: a");
	assert_error(mmsim_config_set(cfg, "file.size=1M", &err),
		     "--set 'file.size=1M': expected section.key=value");
	assert_error(mmsim_config_set(cfg, "file.a.sz=1M", &err),
		     "--set 'file.a.sz=1M': unknown key 'sz' in [file.a]; accepted keys: device, "
		     "size");
	assert_error(mmsim_config_set(cfg, "file.a.size=0", &err),
		     "--set 'file.a.size=0': value '0' for 'size' in [file.a] is out of range "
		     "4K..1024T");
	assert_error(mmsim_config_set(cfg, "m.rw=read", &err),
		     "--set 'm.rw=read': key 'rw' does not apply to job [m] of kind mem; keys for "
		     "kind mem: " JOB_KEYS_MEM);
	cr_assert_eq(cfg->files[0].size, 1 * MB);
	cr_assert_eq(cfg->files[0].key_line[1], 4);
	/* shared= set on the job by --set, without file= */
	set_ok("m.shared=on");
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'm.shared=true': shared of job [m] applies only to a mapping of a "
		     "file; set file= or drop shared=");
	set_ok("m.file=a");
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
}

Test(scenario, a_job_named_file_keeps_its_name)
{
	load_ok("[file]\n");
	set_ok("file.nice=3");
	cr_assert_eq(job_named("file")->nice, 3);
}

Test(scenario, split_file_variants)
{
	struct mmsim_variants vars;

	load_ok(ONE_FILE "[j]\n");
	cr_assert_eq(mmsim_config_split_variants(cfg, " file . a . size = 4K,2M", &vars, &err),
		     0, "%s", err.msg);
	cr_assert_eq(vars.nr, 2);
	cr_assert_str_eq(vars.v[0], "file.a.size=4K");
	cr_assert_str_eq(vars.v[1], "file.a.size=2M");
	set_ok(vars.v[1]);
	cr_assert_eq(cfg->files[0].size, 2 * MB);
	mmsim_variants_release(&vars);
	assert_error(mmsim_config_split_variants(cfg, "file.b.size=4K,8K", &vars, &err),
		     "--set 'file.b.size=4K,8K': no file 'b'; files: a");
}

static const char file_scenario[] =
	"[device.d0]\ntype=ram\n"
	"[file.a]\ndevice=d0\nsize=1M\n"
	"[file.b]\ndevice=d0\nsize=4K\n"
	"[f]\nkind=file\nfile=a\nrw=randrw\nbs=8K\nrwmixread=70\nfsync=4\nthink=1ms\n"
	"[m]\nkind=mem\nfile=b\nshared=off\n";

Test(scenario, foreach_nondefault_lists_file_keys)
{
	struct listing l = { .len = 0 };

	load_ok(file_scenario);
	mmsim_config_foreach_nondefault(cfg, collect, &l);
	cr_assert_str_eq(l.text,
			 "device.d0.type=ram\n"
			 "file.a.device=d0\n"
			 "file.a.size=1M\n"
			 "file.b.device=d0\n"
			 "file.b.size=4K\n"
			 "f.kind=file\n"
			 "f.think=1ms\n"
			 "f.rw=randrw\n"
			 "f.bs=8K\n"
			 "f.rwmixread=70\n"
			 "f.fsync=4\n"
			 "f.file=a\n"
			 "m.kind=mem\n"
			 "m.file=b\n"
			 "m.shared=false\n");
}

Test(scenario, foreach_nondefault_file_keys_read_back)
{
	struct listing l = { .len = 0 };
	struct mmsim_config *copy = malloc(sizeof(*copy));
	char *line, *save = NULL;

	cr_assert_not_null(copy);
	load_ok(file_scenario);
	mmsim_config_foreach_nondefault(cfg, collect, &l);
	mmsim_config_init(copy);
	cr_assert_eq(mmsim_config_load_string(copy, "t.ini",
					      "[device.d0]\n[file.a]\n[file.b]\n[f]\n[m]\n", &err),
		     0, "%s", err.msg);
	for (line = strtok_r(l.text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		cr_assert_eq(mmsim_config_set(copy, line, &err), 0, "%s: %s", line, err.msg);
	for (unsigned int i = 0; i < 2; i++) {
		cr_assert_str_eq(copy->files[i].device, cfg->files[i].device);
		cr_assert_eq(copy->files[i].size, cfg->files[i].size);
	}
	for (unsigned int i = 0; i < 2; i++) {
		const struct mmsim_job_config *a = &cfg->jobs[i], *b = &copy->jobs[i];

		cr_assert_eq(a->kind, b->kind);
		cr_assert_str_eq(a->file, b->file);
		cr_assert_eq(a->shared, b->shared);
		cr_assert_eq(a->rw, b->rw);
		cr_assert_eq(a->bs, b->bs);
		cr_assert_eq(a->rwmixread, b->rwmixread);
		cr_assert_eq(a->fsync, b->fsync);
		cr_assert_eq(a->think.kind, b->think.kind);
		cr_assert_eq(a->think.a, b->think.a);
	}
	cr_assert_eq(mmsim_config_validate(copy, &err), 0, "%s", err.msg);
	free(copy);
}

/* ------------------------------------------------------------------ */
/* Swap areas, the swap sysctls, [sysfs] and the DAX swap model keys   */
/* ------------------------------------------------------------------ */

#define SWAP_KEYS "device, size, priority, dax"
#define SWAP_LAYOUT "swap areas lie after the files of their device, back to back in section " \
	"order"

Test(scenario, swap_sysctl_sysfs_and_model_keys_have_defaults)
{
	load_ok("[j]\n");
	cr_assert_eq(cfg->nr_swaps, 0);
	cr_assert_eq(cfg->sysctl.swappiness, 60);
	cr_assert_eq(cfg->sysctl.page_cluster, 3);
	cr_assert(cfg->sysfs.vma_ra_enabled);
	cr_assert_eq(cfg->model.dax_swap_promote, 8);
	cr_assert_eq(cfg->model.dax_swap_write_weight, 4);
}

Test(scenario, swap_section_defaults)
{
	load_ok("[device.d0]\n[swap.a]\ndevice=d0\n[j]\n");
	cr_assert_eq(cfg->nr_swaps, 1);
	cr_assert_str_eq(cfg->swaps[0].name, "a");
	cr_assert_eq(cfg->swaps[0].line, 2);
	cr_assert_str_eq(cfg->swaps[0].device, "d0");
	cr_assert_eq(cfg->swaps[0].size, 0);
	cr_assert_eq(cfg->swaps[0].priority, -1);
	cr_assert_not(cfg->swaps[0].dax);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	/* size 0: the rest of the device, here all of a null device's default 250G */
	cr_assert_eq(mmsim_config_swap_offset(cfg, 0), 0);
	cr_assert_eq(mmsim_config_swap_size(cfg, 0), 250 * GB);
	cr_assert_eq(mmsim_config_find_swap(cfg, "a"), 0);
	cr_assert_eq(mmsim_config_find_swap(cfg, "b"), -1);
	cr_assert_eq(mmsim_config_find_swap(cfg, ""), -1);
}

Test(scenario, swap_section_loads_exact_values)
{
	load_ok("[device.pm]\ntype=pmem\nsize=1G\n"
		"[swap.pmem-0]\n"
		"device = pm\n"
		"size = 256M\n"
		"priority = 32767\n"
		"dax = on\n"
		"[swap.b]\n"
		"dax=off\n"
		"priority=0\n"
		"size=40K\n"
		"device=pm\n"
		"[j]\n");
	cr_assert_eq(cfg->nr_swaps, 2);
	cr_assert_str_eq(cfg->swaps[0].name, "pmem-0");
	cr_assert_eq(cfg->swaps[0].line, 4);
	cr_assert_str_eq(cfg->swaps[0].device, "pm");
	cr_assert_eq(cfg->swaps[0].size, 256 * MB);
	cr_assert_eq(cfg->swaps[0].priority, 32767);
	cr_assert(cfg->swaps[0].dax);
	cr_assert_str_eq(cfg->swaps[1].name, "b");
	cr_assert_eq(cfg->swaps[1].line, 9);
	cr_assert_str_eq(cfg->swaps[1].device, "pm");
	cr_assert_eq(cfg->swaps[1].size, 40960);
	cr_assert_eq(cfg->swaps[1].priority, 0);
	cr_assert_not(cfg->swaps[1].dax);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	cr_assert_eq(mmsim_config_swap_offset(cfg, 0), 0);
	cr_assert_eq(mmsim_config_swap_size(cfg, 0), 256 * MB);
	cr_assert_eq(mmsim_config_swap_offset(cfg, 1), 256 * MB);
	cr_assert_eq(mmsim_config_swap_size(cfg, 1), 40960);
}

/* Swap areas come after all the files of their device, then in section order. */
Test(scenario, swap_offsets_after_the_files_of_the_device)
{
	load_ok("[device.d0]\ntype=ssd\nsize=1G\n"
		"[swap.s1]\ndevice=d0\nsize=64M\n"
		"[file.data]\ndevice=d0\nsize=512M\n"
		"[swap.s2]\ndevice=d0\n"
		"[device.d1]\ntype=ram\n"
		"[swap.s3]\ndevice=d1\nsize=40K\n"
		"[file.log]\ndevice=d1\nsize=4K\n"
		"[j]\n");
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	cr_assert_eq(mmsim_config_swap_offset(cfg, 0), 536870912);	/* 512M */
	cr_assert_eq(mmsim_config_swap_size(cfg, 0), 67108864);		/* 64M */
	cr_assert_eq(mmsim_config_swap_offset(cfg, 1), 603979776);	/* 576M */
	cr_assert_eq(mmsim_config_swap_size(cfg, 1), 469762048);	/* 1G - 576M */
	cr_assert_eq(mmsim_config_swap_offset(cfg, 2), 4096);		/* after log */
	cr_assert_eq(mmsim_config_swap_size(cfg, 2), 40960);
	cr_assert_eq(mmsim_config_file_offset(cfg, 0), 0);
	/* a bigger s1 moves s2 and shrinks it */
	set_ok("swap.s1.size=128M");
	cr_assert_eq(mmsim_config_swap_offset(cfg, 1), 671088640);	/* 640M */
	cr_assert_eq(mmsim_config_swap_size(cfg, 1), 402653184);	/* 384M */
	/* a bigger file moves both */
	set_ok("file.data.size=768M");
	cr_assert_eq(mmsim_config_swap_offset(cfg, 0), 805306368);	/* 768M */
	cr_assert_eq(mmsim_config_swap_offset(cfg, 1), 939524096);	/* 896M */
	cr_assert_eq(mmsim_config_swap_size(cfg, 1), 134217728);	/* 128M */
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	/* s1 taking the rest leaves s2 nothing */
	set_ok("swap.s1.size=0");
	cr_assert_eq(mmsim_config_swap_size(cfg, 0), 268435456);	/* 256M */
	cr_assert_eq(mmsim_config_swap_offset(cfg, 1), 1073741824);	/* 1G */
	cr_assert_eq(mmsim_config_swap_size(cfg, 1), 0);
	assert_error(mmsim_config_validate(cfg, &err),
		     "t.ini:10: [swap.s2] has size 0, the rest of [device.d0] (1G) after offset "
		     "1G, which is 0; a swap area needs at least 40K (mkswap's 10 pages); "
		     SWAP_LAYOUT);
}

ParameterizedTestParameters(scenario, swap_load_error_message)
{
	static struct mem_error_case cases[] = {
		/* [swap.NAME] keys */
		{ "[swap.a]\nsize=45000\n",
		  "t.ini:2: value '45000' for 'size' in [swap.a] is not a multiple of 4K" },
		{ "[swap.a]\nsize=36K\n",
		  "t.ini:2: value '36K' for 'size' in [swap.a] is out of range 40K..1024T (or 0 "
		  "for the rest of the device)" },
		{ "[swap.a]\nsize=4K\n",
		  "t.ini:2: value '4K' for 'size' in [swap.a] is out of range 40K..1024T (or 0 "
		  "for the rest of the device)" },
		{ "[swap.a]\nsize=2048T\n",
		  "t.ini:2: value '2048T' for 'size' in [swap.a] is out of range 40K..1024T (or 0 "
		  "for the rest of the device)" },
		{ "[swap.a]\npriority=32768\n",
		  "t.ini:2: value '32768' for 'priority' in [swap.a] is out of range -1..32767" },
		{ "[swap.a]\npriority=-2\n",
		  "t.ini:2: value '-2' for 'priority' in [swap.a] is out of range -1..32767" },
		{ "[swap.a]\npriority=high\n",
		  "t.ini:2: bad value 'high' for 'priority' in [swap.a]; expected an integer" },
		{ "[swap.a]\ndax=maybe\n",
		  "t.ini:2: bad value 'maybe' for 'dax' in [swap.a]; expected 0, 1, true, false, "
		  "yes, no, on or off" },
		{ "[swap.a]\ndevice=d 0\n",
		  "t.ini:2: bad value 'd 0' for 'device' in [swap.a]; expected a name of up to 63 "
		  "characters of A-Z a-z 0-9 _ -" },
		{ "[swap.a]\nprio=1\n",
		  "t.ini:2: unknown key 'prio' in [swap.a]; accepted keys: " SWAP_KEYS },
		{ "[swap.a]\npriority=1\n\npriority=2\n",
		  "t.ini:4: duplicate key 'priority' in [swap.a] (first at line 2)" },
		{ "[swap.a]\n[device.d0]\n[swap.a]\n",
		  "t.ini:3: duplicate section [swap.a] (first at line 1)" },
		{ "[swap.]\n",
		  "t.ini:1: unknown section [swap.]; " SECTIONS_RULE },
		{ "[swap.a.b]\n",
		  "t.ini:1: unknown section [swap.a.b]; " SECTIONS_RULE },
		/* the swap sysctls */
		{ "[sysctl]\nvm.swappiness=201\n",
		  "t.ini:2: value '201' for 'vm.swappiness' in [sysctl] is out of range 0..200" },
		{ "[sysctl]\nvm.swappiness=-1\n",
		  "t.ini:2: value '-1' for 'vm.swappiness' in [sysctl] is out of range 0..200" },
		{ "[sysctl]\nvm.page-cluster=32\n",
		  "t.ini:2: value '32' for 'vm.page-cluster' in [sysctl] is out of range 0..31" },
		{ "[sysctl]\nvm.page_cluster=3\n",
		  "t.ini:2: unknown key 'vm.page_cluster' in [sysctl]; accepted keys: "
		  SYSCTL_KEYS },
		/* [sysfs] */
		{ "[sysfs]\nmm/swap/vma_ra_enabled=maybe\n",
		  "t.ini:2: bad value 'maybe' for 'mm/swap/vma_ra_enabled' in [sysfs]; expected 0, "
		  "1, true, false, yes, no, on or off" },
		{ "[sysfs]\nmm/swap/vma_ra=off\n",
		  "t.ini:2: unknown key 'mm/swap/vma_ra' in [sysfs]; accepted keys: "
		  "mm/swap/vma_ra_enabled" },
		{ "[sysfs]\nvm.swappiness=60\n",
		  "t.ini:2: unknown key 'vm.swappiness' in [sysfs]; accepted keys: "
		  "mm/swap/vma_ra_enabled" },
		{ "[sysfs]\nmm/swap/vma_ra_enabled=on\nmm/swap/vma_ra_enabled=off\n",
		  "t.ini:3: duplicate key 'mm/swap/vma_ra_enabled' in [sysfs] (first at line 2)" },
		{ "[sysfs]\n[sysfs]\n",
		  "t.ini:2: duplicate section [sysfs] (first at line 1)" },
		/* [model] */
		{ "[model]\ndax_swap_promote=0\n",
		  "t.ini:2: value '0' for 'dax_swap_promote' in [model] is out of range "
		  "1..1000000" },
		{ "[model]\ndax_swap_promote=1000001\n",
		  "t.ini:2: value '1000001' for 'dax_swap_promote' in [model] is out of range "
		  "1..1000000" },
		{ "[model]\ndax_swap_write_weight=0\n",
		  "t.ini:2: value '0' for 'dax_swap_write_weight' in [model] is out of range "
		  "1..1000" },
		{ "[model]\ndax_swap_write_weight=1001\n",
		  "t.ini:2: value '1001' for 'dax_swap_write_weight' in [model] is out of range "
		  "1..1000" },
	};

	return cr_make_param_array(struct mem_error_case, cases,
				   sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct mem_error_case *c, scenario, swap_load_error_message)
{
	assert_error(load(c->text), c->msg);
}

/* Cross-checks of swap areas, word for word ("" = valid). */
ParameterizedTestParameters(scenario, swap_validate_error_message)
{
	static struct mem_error_case cases[] = {
		{ "[device.d0]\n[device.d1]\n[swap.a]\ndevice=sdz\n[j]\n",
		  "t.ini:4: device 'sdz' of [swap.a] is not defined; devices: d0, d1" },
		{ "[swap.a]\nsize=1M\n[j]\n",
		  "t.ini:1: [swap.a] needs device=NAME; devices: none (add a [device.NAME] "
		  "section)" },
		{ "[device.d0]\n[swap.a]\n[j]\n",
		  "t.ini:2: [swap.a] needs device=NAME; devices: d0" },
		/* too big: after the files, after the earlier swap areas */
		{ "[device.d0]\ntype=ram\nsize=8M\n[file.a]\ndevice=d0\nsize=6M\n"
		  "[swap.s]\ndevice=d0\nsize=4M\n[j]\n",
		  "t.ini:9: [swap.s] (4M at offset 6M) ends at 10M, past the end of [device.d0] "
		  "(8M); " SWAP_LAYOUT },
		{ "[device.d0]\ntype=ram\nsize=8M\n[swap.s]\ndevice=d0\nsize=6M\n"
		  "[swap.t]\ndevice=d0\nsize=3M\n[j]\n",
		  "t.ini:9: [swap.t] (3M at offset 6M) ends at 9M, past the end of [device.d0] "
		  "(8M); " SWAP_LAYOUT },
		{ "[device.d0]\ntype=ram\nsize=8M\n[swap.s]\ndevice=d0\nsize=4M\n"
		  "[file.a]\ndevice=d0\nsize=6M\n[j]\n",
		  "t.ini:6: [swap.s] (4M at offset 6M) ends at 10M, past the end of [device.d0] "
		  "(8M); " SWAP_LAYOUT },
		{ "[device.r]\ntype=ram\n[swap.s]\ndevice=r\nsize=65M\n[j]\n",
		  "t.ini:5: [swap.s] (65M at offset 0) ends at 65M, past the end of [device.r] "
		  "(64M, the default size of a ram device); " SWAP_LAYOUT },
		{ "[device.d0]\ntype=ram\nsize=8M\n[file.a]\ndevice=d0\nsize=6M\n"
		  "[swap.s]\ndevice=d0\nsize=2M\n[j]\n",
		  "" },
		/* size 0: at least 40K must be left */
		{ "[device.d0]\ntype=ram\nsize=1M\n[file.a]\ndevice=d0\nsize=1000K\n"
		  "[swap.s]\ndevice=d0\n[j]\n",
		  "t.ini:7: [swap.s] has size 0, the rest of [device.d0] (1M) after offset 1000K, "
		  "which is 24K; a swap area needs at least 40K (mkswap's 10 pages); " SWAP_LAYOUT },
		{ "[device.d0]\ntype=ram\nsize=1M\n[file.a]\ndevice=d0\nsize=984K\n"
		  "[swap.s]\ndevice=d0\n[j]\n",
		  "" },
		{ "[device.d0]\ntype=ram\nsize=8M\n[swap.a]\ndevice=d0\n[swap.b]\ndevice=d0\n"
		  "[j]\n",
		  "t.ini:6: [swap.b] has size 0, the rest of [device.d0] (8M) after offset 8M, "
		  "which is 0; a swap area needs at least 40K (mkswap's 10 pages); " SWAP_LAYOUT },
		{ "[device.r]\ntype=ram\n[file.a]\ndevice=r\nsize=64M\n[swap.s]\ndevice=r\n[j]\n",
		  "t.ini:6: [swap.s] has size 0, the rest of [device.r] (64M, the default size "
		  "of a ram device) after offset 64M, which is 0; a swap area needs at least 40K "
		  "(mkswap's 10 pages); " SWAP_LAYOUT },
		/* dax only on pmem */
		{ "[device.d0]\ntype=ssd\n[swap.s]\ndevice=d0\ndax=on\n[j]\n",
		  "t.ini:5: dax of [swap.s] is on but [device.d0] is of type ssd; DAX swap needs a "
		  "device of type pmem" },
		{ "[device.d0]\ntype=ram\n[swap.s]\ndax=yes\ndevice=d0\n[j]\n",
		  "t.ini:4: dax of [swap.s] is on but [device.d0] is of type ram; DAX swap needs a "
		  "device of type pmem" },
		{ "[device.p]\ntype=pmem\n[swap.s]\ndevice=p\ndax=on\n[j]\n",
		  "" },
		/* zoned devices */
		{ "[device.z]\ntype=zoned\n[swap.s]\ndevice=z\n[j]\n",
		  "t.ini:4: [swap.s] is on zoned device [device.z]; swap is not supported on zoned "
		  "devices (swapon refuses them)" },
		/* files are checked first */
		{ "[device.d0]\ntype=ram\nsize=8M\n[swap.s]\ndevice=d0\nsize=4M\n"
		  "[file.a]\ndevice=d0\nsize=9M\n[j]\n",
		  "t.ini:9: [file.a] (9M at offset 0) ends at 9M, past the end of [device.d0] "
		  "(8M); the files of a device lie back to back from offset 0 in file order" },
	};

	return cr_make_param_array(struct mem_error_case, cases,
				   sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct mem_error_case *c, scenario, swap_validate_error_message)
{
	load_ok(c->text);
	if (!c->msg[0])
		cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	else
		assert_error(mmsim_config_validate(cfg, &err), c->msg);
}

Test(scenario, too_many_swap_areas)
{
	char text[256], msg[128];
	size_t len = 0;

	for (int i = 0; i <= MMSIM_MAX_SWAPS; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "[swap.s%d]\n", i);
	snprintf(msg, sizeof(msg), "t.ini:%d: too many swap areas: [swap.s%d] would be swap "
		 "area %d, at most %d are allowed", MMSIM_MAX_SWAPS + 1, MMSIM_MAX_SWAPS,
		 MMSIM_MAX_SWAPS + 1, MMSIM_MAX_SWAPS);
	cr_assert_str_eq(msg, "t.ini:9: too many swap areas: [swap.s8] would be swap area 9, "
			 "at most 8 are allowed");
	assert_error(load(text), msg);
}

Test(scenario, eight_swap_areas_fit)
{
	char text[512];
	size_t len = 0;

	len += (size_t)snprintf(text + len, sizeof(text) - len, "[device.d0]\ntype=ram\n");
	for (int i = 0; i < MMSIM_MAX_SWAPS; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"[swap.s%d]\ndevice=d0\nsize=1M\n", i);
	snprintf(text + len, sizeof(text) - len, "[j]\n");
	load_ok(text);
	cr_assert_eq(cfg->nr_swaps, MMSIM_MAX_SWAPS);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	for (unsigned int i = 0; i < MMSIM_MAX_SWAPS; i++)
		cr_assert_eq(mmsim_config_swap_offset(cfg, i), i * MB);
}

Test(scenario, swap_sysctls_sysfs_and_model_load_exact_values)
{
	load_ok("[sysctl]\n"
		"vm.swappiness = 200\n"
		"vm.page-cluster = 0\n"
		"[sysfs]\n"
		"mm/swap/vma_ra_enabled = off\n"
		"[model]\n"
		"dax_swap_promote = 1000000\n"
		"dax_swap_write_weight = 1\n"
		"[j]\n");
	cr_assert_eq(cfg->sysctl.swappiness, 200);
	cr_assert_eq(cfg->sysctl.page_cluster, 0);
	cr_assert_not(cfg->sysfs.vma_ra_enabled);
	cr_assert_eq(cfg->model.dax_swap_promote, 1000000);
	cr_assert_eq(cfg->model.dax_swap_write_weight, 1);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	set_ok("sysctl.vm.swappiness=0");
	set_ok("sysctl.vm.page-cluster=31");
	set_ok(" sysfs . mm/swap/vma_ra_enabled = yes ");
	set_ok("model.dax_swap_promote=1");
	set_ok("model.dax_swap_write_weight=1000");
	cr_assert_eq(cfg->sysctl.swappiness, 0);
	cr_assert_eq(cfg->sysctl.page_cluster, 31);
	cr_assert(cfg->sysfs.vma_ra_enabled);
	cr_assert_eq(cfg->model.dax_swap_promote, 1);
	cr_assert_eq(cfg->model.dax_swap_write_weight, 1000);
	assert_error(mmsim_config_set(cfg, "sysctl.vm.page-cluster=32", &err),
		     "--set 'sysctl.vm.page-cluster=32': value '32' for 'vm.page-cluster' in "
		     "[sysctl] is out of range 0..31");
	assert_error(mmsim_config_set(cfg, "sysfs.mm/swap/vma_ra_enabled=2", &err),
		     "--set 'sysfs.mm/swap/vma_ra_enabled=2': bad value '2' for "
		     "'mm/swap/vma_ra_enabled' in [sysfs]; expected 0, 1, true, false, yes, no, "
		     "on or off");
	assert_error(mmsim_config_set(cfg, "sysfs.mm/swap/nope=1", &err),
		     "--set 'sysfs.mm/swap/nope=1': unknown key 'mm/swap/nope' in [sysfs]; "
		     "accepted keys: mm/swap/vma_ra_enabled");
	cr_assert_eq(cfg->sysctl.page_cluster, 31);
	cr_assert(cfg->sysfs.vma_ra_enabled);
}

/* lines 1-4: a pmem device and a swap area [swap.a] on a null device */
#define ONE_SWAP "[device.d0]\n[device.pm]\ntype=pmem\n[swap.a]\ndevice=d0\nsize=1M\n"

Test(scenario, set_swap_keys)
{
	load_ok(ONE_SWAP "[j]\n");
	set_ok("swap.a.size=2M");
	set_ok(" swap . a . priority = 7 ");
	cr_assert_eq(cfg->swaps[0].size, 2 * MB);
	cr_assert_eq(cfg->swaps[0].priority, 7);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	/* validation names the --set that wrote the value */
	set_ok("swap.a.dax=on");
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'swap.a.dax=true': dax of [swap.a] is on but [device.d0] is of type "
		     "null; DAX swap needs a device of type pmem");
	set_ok("swap.a.device=pm");
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	set_ok("swap.a.size=17G");
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'swap.a.size=17G': [swap.a] (17G at offset 0) ends at 17G, past the "
		     "end of [device.pm] (16G, the default size of a pmem device); " SWAP_LAYOUT);
	set_ok("swap.a.size=0");
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	cr_assert_eq(mmsim_config_swap_size(cfg, 0), 16 * GB);
	set_ok("swap.a.device=nope");
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'swap.a.device=nope': device 'nope' of [swap.a] is not defined; "
		     "devices: d0, pm");
}

Test(scenario, set_swap_errors)
{
	assert_error(mmsim_config_set(cfg, "swap.a.size=1M", &err),
		     "--set 'swap.a.size=1M': no swap area 'a'; swap areas: none");
	load_ok(ONE_SWAP "[swap.b]\ndevice=pm\n[j]\n");
	assert_error(mmsim_config_set(cfg, "swap.x.size=1M", &err),
		     "--set 'swap.x.size=1M': no swap area 'x'; swap areas: a, b");
	assert_error(mmsim_config_set(cfg, "swap.size=1M", &err),
		     "--set 'swap.size=1M': expected section.key=value");
	assert_error(mmsim_config_set(cfg, "swap.a.prio=1", &err),
		     "--set 'swap.a.prio=1': unknown key 'prio' in [swap.a]; accepted keys: "
		     SWAP_KEYS);
	assert_error(mmsim_config_set(cfg, "swap.a.size=36K", &err),
		     "--set 'swap.a.size=36K': value '36K' for 'size' in [swap.a] is out of range "
		     "40K..1024T (or 0 for the rest of the device)");
	assert_error(mmsim_config_set(cfg, "swap.a.size=41000", &err),
		     "--set 'swap.a.size=41000': value '41000' for 'size' in [swap.a] is not a "
		     "multiple of 4K");
	assert_error(mmsim_config_set(cfg, "swap.b.priority=40000", &err),
		     "--set 'swap.b.priority=40000': value '40000' for 'priority' in [swap.b] is "
		     "out of range -1..32767");
	/* a failed --set changes nothing */
	cr_assert_eq(cfg->swaps[0].size, 1 * MB);
	cr_assert_eq(cfg->swaps[0].key_line[1], 6);
	cr_assert_eq(cfg->swaps[1].priority, -1);
}

Test(scenario, a_job_named_swap_keeps_its_name)
{
	load_ok("[swap]\n");
	set_ok("swap.nice=3");
	cr_assert_eq(job_named("swap")->nice, 3);
	cr_assert_eq(cfg->nr_swaps, 0);
}

Test(scenario, split_swap_variants)
{
	struct mmsim_variants vars;

	load_ok(ONE_SWAP "[j]\n");
	cr_assert_eq(mmsim_config_split_variants(cfg, " swap . a . priority = 1,2,-1", &vars,
						 &err), 0, "%s", err.msg);
	cr_assert_eq(vars.nr, 3);
	cr_assert_str_eq(vars.v[0], "swap.a.priority=1");
	cr_assert_str_eq(vars.v[1], "swap.a.priority=2");
	cr_assert_str_eq(vars.v[2], "swap.a.priority=-1");
	set_ok(vars.v[1]);
	cr_assert_eq(cfg->swaps[0].priority, 2);
	mmsim_variants_release(&vars);
	cr_assert_eq(mmsim_config_split_variants(cfg, "sysfs.mm/swap/vma_ra_enabled=on,off",
						 &vars, &err), 0, "%s", err.msg);
	cr_assert_eq(vars.nr, 2);
	cr_assert_str_eq(vars.v[0], "sysfs.mm/swap/vma_ra_enabled=on");
	cr_assert_str_eq(vars.v[1], "sysfs.mm/swap/vma_ra_enabled=off");
	mmsim_variants_release(&vars);
	assert_error(mmsim_config_split_variants(cfg, "swap.b.size=1M,2M", &vars, &err),
		     "--set 'swap.b.size=1M,2M': no swap area 'b'; swap areas: a");
}

/* The layout example of docs/scenario.md ## [swap.NAME], word for word. */
Test(scenario, docs_swap_layout_example)
{
	size_t len;
	char *doc = read_source_file("docs/scenario.md", &len);

	cr_assert_not_null(strstr(doc, "    [swap.fast]\n    device = sda\n    size = 256M\n"
				       "    priority = 10\n\n    [swap.rest]\n    device = sda\n"));
	cr_assert_not_null(strstr(doc, "`fast` takes bytes 576M to 832M of `sda` and `rest` the "
				       "192M after it"));
	free(doc);
	load_ok("[device.sda]\ntype = ssd\nsize = 1G\n"
		"[file.data]\ndevice = sda\nsize = 512M\n"
		"[file.log]\ndevice = sda\nsize = 64M\n"
		"[swap.fast]\ndevice = sda\nsize = 256M\npriority = 10\n"
		"[swap.rest]\ndevice = sda\n"
		"[j]\n");
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	cr_assert_eq(mmsim_config_swap_offset(cfg, 0), 576 * MB);
	cr_assert_eq(mmsim_config_swap_size(cfg, 0), 256 * MB);
	cr_assert_eq(mmsim_config_swap_offset(cfg, 1), 832 * MB);
	cr_assert_eq(mmsim_config_swap_size(cfg, 1), 192 * MB);
	cr_assert_eq(cfg->swaps[0].priority, 10);
	cr_assert_eq(cfg->swaps[1].priority, -1);
}

static const char swap_scenario[] =
	"[sysctl]\nvm.swappiness=100\nvm.page-cluster=0\n"
	"[sysfs]\nmm/swap/vma_ra_enabled=off\n"
	"[model]\ndax_swap_promote=16\ndax_swap_write_weight=2\n"
	"[device.d0]\ntype=ssd\n"
	"[device.pm]\ntype=pmem\n"
	"[file.a]\ndevice=d0\nsize=1M\n"
	"[swap.s0]\ndevice=d0\nsize=64M\npriority=5\n"
	"[swap.s1]\ndevice=pm\ndax=on\n"
	"[m]\nkind=mem\nsize=1M\n";

Test(scenario, foreach_nondefault_lists_swap_keys)
{
	struct listing l = { .len = 0 };

	load_ok(swap_scenario);
	mmsim_config_foreach_nondefault(cfg, collect, &l);
	cr_assert_str_eq(l.text,
			 "sysctl.vm.swappiness=100\n"
			 "sysctl.vm.page-cluster=0\n"
			 "sysfs.mm/swap/vma_ra_enabled=false\n"
			 "model.dax_swap_promote=16\n"
			 "model.dax_swap_write_weight=2\n"
			 "device.d0.type=ssd\n"
			 "device.pm.type=pmem\n"
			 "file.a.device=d0\n"
			 "file.a.size=1M\n"
			 "swap.s0.device=d0\n"
			 "swap.s0.size=64M\n"
			 "swap.s0.priority=5\n"
			 "swap.s1.device=pm\n"
			 "swap.s1.dax=true\n"
			 "m.kind=mem\n"
			 "m.size=1M\n");
}

Test(scenario, foreach_nondefault_swap_keys_read_back)
{
	struct listing l = { .len = 0 };
	struct mmsim_config *copy = malloc(sizeof(*copy));
	char *line, *save = NULL;

	cr_assert_not_null(copy);
	load_ok(swap_scenario);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	mmsim_config_foreach_nondefault(cfg, collect, &l);
	mmsim_config_init(copy);
	cr_assert_eq(mmsim_config_load_string(copy, "t.ini",
					      "[device.d0]\n[device.pm]\n[file.a]\n[swap.s0]\n"
					      "[swap.s1]\n[m]\n", &err),
		     0, "%s", err.msg);
	for (line = strtok_r(l.text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		cr_assert_eq(mmsim_config_set(copy, line, &err), 0, "%s: %s", line, err.msg);
	cr_assert_eq(copy->sysctl.swappiness, 100);
	cr_assert_eq(copy->sysctl.page_cluster, 0);
	cr_assert_not(copy->sysfs.vma_ra_enabled);
	cr_assert_eq(copy->model.dax_swap_promote, 16);
	cr_assert_eq(copy->model.dax_swap_write_weight, 2);
	for (unsigned int i = 0; i < 2; i++) {
		cr_assert_str_eq(copy->swaps[i].device, cfg->swaps[i].device);
		cr_assert_eq(copy->swaps[i].size, cfg->swaps[i].size);
		cr_assert_eq(copy->swaps[i].priority, cfg->swaps[i].priority);
		cr_assert_eq(copy->swaps[i].dax, cfg->swaps[i].dax);
		cr_assert_eq(mmsim_config_swap_offset(copy, i), mmsim_config_swap_offset(cfg, i));
		cr_assert_eq(mmsim_config_swap_size(copy, i), mmsim_config_swap_size(cfg, i));
	}
	cr_assert_eq(mmsim_config_swap_offset(cfg, 0), 1 * MB);
	cr_assert_eq(mmsim_config_swap_size(cfg, 1), 16 * GB);	/* a pmem device's default */
	cr_assert_eq(mmsim_config_validate(copy, &err), 0, "%s", err.msg);
	free(copy);
}

/* ------------------------------------------------------------------ */
/* Memory cgroups ([cgroup.NAME]) and the cgroup= of jobs              */
/* ------------------------------------------------------------------ */

#define CGROUP_KEYS "memory.limit_in_bytes, memory.swappiness"
#define LIMIT_EXPECT "expected a size in bytes with optional suffix K, M, G or T (e.g. 128M), " \
	"or -1 or max for no limit"
#define LIMIT_RANGE "is out of range 0..18446744073709551615 (or -1 or max for no limit)"
#define CGROUP_RULE "expected [cgroup.NAME] with NAME 1-63 characters of A-Z a-z 0-9 _ -"

Test(scenario, cgroup_defaults)
{
	load_ok("[j]\n");
	cr_assert_eq(cfg->nr_cgroups, 0);
	cr_assert_str_eq(job_named("j")->cgroup, "");
	cr_assert_eq(mmsim_config_cgroup_index(cfg, ""), -1);
	cr_assert_eq(mmsim_config_cgroup_index(cfg, "j"), -1);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
}

Test(scenario, cgroup_section_defaults)
{
	load_ok("[j]\n[cgroup.a]\n");
	cr_assert_eq(cfg->nr_cgroups, 1);
	cr_assert_str_eq(cfg->cgroups[0].name, "a");
	cr_assert_eq(cfg->cgroups[0].line, 2);
	cr_assert_eq(cfg->cgroups[0].memory_limit, UINT64_MAX);
	cr_assert_eq(cfg->cgroups[0].swappiness, -1);
	cr_assert_str_eq(job_named("j")->cgroup, "");
	cr_assert_eq(mmsim_config_cgroup_index(cfg, "a"), 0);
	cr_assert_eq(mmsim_config_cgroup_index(cfg, "b"), -1);
	cr_assert_eq(mmsim_config_cgroup_index(cfg, "A"), -1);
	cr_assert_eq(mmsim_config_cgroup_index(cfg, ""), -1);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
}

Test(scenario, cgroup_sections_and_job_cgroups_load_exact_values)
{
	load_ok("[global]\n"
		"cgroup = box\n"
		"[cgroup.box]\n"
		"memory.limit_in_bytes = 128M\n"
		"memory.swappiness = 0\n"
		"[cgroup.batch-2]\n"
		"memory.swappiness=200\n"
		"memory.limit_in_bytes=5000\n"
		"[cgroup.free]\n"
		"memory.limit_in_bytes=-1\n"
		"[c]\n"
		"[p]\nkind=pipe\ncgroup=batch-2\n"
		"[m]\ncgroup = free\nkind = mem\nsize = 1M\n"
		"[r]\nkind=replay\ntrace=x.trace\ncgroup=\n");
	cr_assert_eq(cfg->nr_cgroups, 3);
	cr_assert_str_eq(cfg->cgroups[0].name, "box");
	cr_assert_eq(cfg->cgroups[0].line, 3);
	cr_assert_eq(cfg->cgroups[0].memory_limit, 128 * MB);
	cr_assert_eq(cfg->cgroups[0].swappiness, 0);
	cr_assert_str_eq(cfg->cgroups[1].name, "batch-2");
	cr_assert_eq(cfg->cgroups[1].line, 6);
	cr_assert_eq(cfg->cgroups[1].memory_limit, 4096);	/* 5000 rounded down */
	cr_assert_eq(cfg->cgroups[1].swappiness, 200);
	cr_assert_str_eq(cfg->cgroups[2].name, "free");
	cr_assert_eq(cfg->cgroups[2].line, 9);
	cr_assert_eq(cfg->cgroups[2].memory_limit, UINT64_MAX);
	cr_assert_eq(cfg->cgroups[2].swappiness, -1);
	/* [global] cgroup= reaches every job that does not set its own */
	cr_assert_str_eq(job_named("c")->cgroup, "box");
	cr_assert_str_eq(job_named("p")->cgroup, "batch-2");
	cr_assert_str_eq(job_named("m")->cgroup, "free");
	cr_assert_str_eq(job_named("r")->cgroup, "");	/* back to the root cgroup */
	cr_assert_eq(mmsim_config_cgroup_index(cfg, "box"), 0);
	cr_assert_eq(mmsim_config_cgroup_index(cfg, "batch-2"), 1);
	cr_assert_eq(mmsim_config_cgroup_index(cfg, "free"), 2);
	cr_assert_eq(mmsim_config_cgroup_index(cfg, job_named("r")->cgroup), -1);
}

/* Every job kind may name a cgroup: it is a property of the tasks. */
Test(scenario, every_job_kind_takes_cgroup)
{
	char text[256];

	for (int k = 0; k < NR_MMSIM_JOB_KINDS; k++) {
		mmsim_config_init(cfg);
		snprintf(text, sizeof(text), "[cgroup.g]\n[j]\nkind=%s\ncgroup=g\n",
			 mmsim_job_kind_name((enum mmsim_job_kind)k));
		load_ok(text);
		cr_assert_str_eq(job_named("j")->cgroup, "g", "kind %d", k);
	}
}

/* memory.limit_in_bytes as page_counter_memparse() reads it, and as it prints. */
struct limit_case {
	char text[32];
	uint64_t value;
	char printed[32];	/* in the non-default listing; "" = the default */
	char msg[200];		/* "" = accepted; else the message after "FILE:LINE: " */
};

ParameterizedTestParameters(scenario, cgroup_limit_values)
{
	static struct limit_case cases[] = {
		{ "max", UINT64_MAX, "", "" },
		{ "-1", UINT64_MAX, "", "" },
		{ "0", 0, "0", "" },
		{ "00", 0, "0", "" },
		{ "4095", 0, "0", "" },
		{ "4096", 4096, "4K", "" },
		{ "4097", 4096, "4K", "" },
		{ "8191", 4096, "4K", "" },
		{ "12K", 12288, "12K", "" },
		{ "13k", 12288, "12K", "" },
		{ "128M", 128 * MB, "128M", "" },
		{ "128mb", 128 * MB, "128M", "" },
		{ "1G", GB, "1G", "" },
		{ "3T", 3 * TB, "3T", "" },
		{ "8192T", 8192 * TB, "8192T", "" },
		/* page counters stop at LONG_MAX / PAGE_SIZE pages: that is no limit */
		{ "9223372036854767616", 9223372036854767616ULL, "9007199254740984K", "" },
		{ "9223372036854771711", 9223372036854767616ULL, "9007199254740984K", "" },
		{ "9223372036854771712", UINT64_MAX, "", "" },
		{ "18446744073709551615", UINT64_MAX, "", "" },
		{ "16777215T", UINT64_MAX, "", "" },
		{ "16777216T",  0, "", "value '16777216T' for 'memory.limit_in_bytes' in "
		  "[cgroup.a] " LIMIT_RANGE },
		{ "18446744073709551616", 0, "", "value '18446744073709551616' for "
		  "'memory.limit_in_bytes' in [cgroup.a] " LIMIT_RANGE },
		{ "-2", 0, "", "value '-2' for 'memory.limit_in_bytes' in [cgroup.a] "
		  LIMIT_RANGE },
		{ "-1K", 0, "", "value '-1K' for 'memory.limit_in_bytes' in [cgroup.a] "
		  LIMIT_RANGE },
		{ "MAX", 0, "", "bad value 'MAX' for 'memory.limit_in_bytes' in [cgroup.a]; "
		  LIMIT_EXPECT },
		{ "unlimited", 0, "", "bad value 'unlimited' for 'memory.limit_in_bytes' in "
		  "[cgroup.a]; " LIMIT_EXPECT },
		{ "1.5G", 0, "", "bad value '1.5G' for 'memory.limit_in_bytes' in [cgroup.a]; "
		  LIMIT_EXPECT },
		{ "64X", 0, "", "bad value '64X' for 'memory.limit_in_bytes' in [cgroup.a]; "
		  LIMIT_EXPECT },
		{ "", 0, "", "bad value '' for 'memory.limit_in_bytes' in [cgroup.a]; "
		  LIMIT_EXPECT },
	};

	return cr_make_param_array(struct limit_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct limit_case *c, scenario, cgroup_limit_values)
{
	struct listing l = { .len = 0 };
	char text[128], set[128], msg[400];

	/* in the file */
	snprintf(text, sizeof(text), "[cgroup.a]\nmemory.limit_in_bytes=%s\n[j]\n", c->text);
	if (c->msg[0]) {
		snprintf(msg, sizeof(msg), "t.ini:2: %s", c->msg);
		assert_error(load(text), msg);
	} else {
		load_ok(text);
		cr_assert_eq(cfg->cgroups[0].memory_limit, c->value, "%s: got %" PRIu64,
			     c->text, cfg->cgroups[0].memory_limit);
		mmsim_config_foreach_nondefault(cfg, collect, &l);
		if (c->printed[0])
			snprintf(msg, sizeof(msg), "cgroup.a.memory.limit_in_bytes=%s\n",
				 c->printed);
		else
			msg[0] = '\0';
		cr_assert_str_eq(l.text, msg);
	}

	/* by --set, over a limit of 1M; a failed --set changes nothing */
	mmsim_config_init(cfg);
	load_ok("[cgroup.a]\nmemory.limit_in_bytes=1M\n[j]\n");
	snprintf(set, sizeof(set), "cgroup.a.memory.limit_in_bytes=%s", c->text);
	if (c->msg[0]) {
		snprintf(msg, sizeof(msg), "--set '%s': %s", set, c->msg);
		assert_error(mmsim_config_set(cfg, set, &err), msg);
		cr_assert_eq(cfg->cgroups[0].memory_limit, 1 * MB);
		return;
	}
	set_ok(set);
	cr_assert_eq(cfg->cgroups[0].memory_limit, c->value, "--set %s", c->text);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
}

ParameterizedTestParameters(scenario, cgroup_load_error_message)
{
	static struct mem_error_case cases[] = {
		/* [cgroup.NAME] keys */
		{ "[cgroup.a]\nmemory.limit=1M\n",
		  "t.ini:2: unknown key 'memory.limit' in [cgroup.a]; accepted keys: " CGROUP_KEYS },
		{ "[cgroup.a]\nmemory.max=1M\n",
		  "t.ini:2: unknown key 'memory.max' in [cgroup.a]; accepted keys: " CGROUP_KEYS },
		{ "[cgroup.a]\nnice=1\n",
		  "t.ini:2: unknown key 'nice' in [cgroup.a]; accepted keys: " CGROUP_KEYS },
		{ "[cgroup.a]\ncgroup=a\n",
		  "t.ini:2: unknown key 'cgroup' in [cgroup.a]; accepted keys: " CGROUP_KEYS },
		{ "[cgroup.a]\nmemory.swappiness=201\n",
		  "t.ini:2: value '201' for 'memory.swappiness' in [cgroup.a] is out of range "
		  "-1..200" },
		{ "[cgroup.a]\nmemory.swappiness=-2\n",
		  "t.ini:2: value '-2' for 'memory.swappiness' in [cgroup.a] is out of range "
		  "-1..200" },
		{ "[cgroup.a]\nmemory.swappiness=high\n",
		  "t.ini:2: bad value 'high' for 'memory.swappiness' in [cgroup.a]; expected an "
		  "integer" },
		{ "[cgroup.a]\nmemory.limit_in_bytes=1X\n",
		  "t.ini:2: bad value '1X' for 'memory.limit_in_bytes' in [cgroup.a]; "
		  LIMIT_EXPECT },
		{ "[cgroup.a]\nmemory.limit_in_bytes=1M\n\nmemory.limit_in_bytes=2M\n",
		  "t.ini:4: duplicate key 'memory.limit_in_bytes' in [cgroup.a] (first at line 2)" },
		{ "[cgroup.a]\nmemory.swappiness=1\nmemory.swappiness=1\n",
		  "t.ini:3: duplicate key 'memory.swappiness' in [cgroup.a] (first at line 2)" },
		/* sections */
		{ "[cgroup.a]\n[swap.a]\n[device.a]\n[cgroup.a]\n",
		  "t.ini:4: duplicate section [cgroup.a] (first at line 1)" },
		{ "[j]\n[cgroup.]\n",
		  "t.ini:2: bad section [cgroup.]; " CGROUP_RULE },
		{ "[cgroup.a.b]\n",
		  "t.ini:1: bad section [cgroup.a.b]; " CGROUP_RULE },
		{ "[cgroup.a b]\n",
		  "t.ini:1: bad section [cgroup.a b]; " CGROUP_RULE },
		{ "[cgroup.0123456789012345678901234567890123456789012345678901234567890123]\n",
		  "t.ini:1: bad section "
		  "[cgroup.0123456789012345678901234567890123456789012345678901234567890123]; "
		  CGROUP_RULE },
		{ "[cgroups.a]\n",
		  "t.ini:1: unknown section [cgroups.a]; " SECTIONS_RULE },
		/* the cgroup= of jobs, and cgroup keys outside their section */
		{ "[j]\ncgroup=a b\n",
		  "t.ini:2: bad value 'a b' for 'cgroup' in job [j]; expected a name of up to 63 "
		  "characters of A-Z a-z 0-9 _ -" },
		{ "[global]\ncgroup=a.b\n",
		  "t.ini:2: bad value 'a.b' for 'cgroup' in [global]; expected a name of up to 63 "
		  "characters of A-Z a-z 0-9 _ -" },
		{ "[j]\ncgroup=a\ncgroup=b\n",
		  "t.ini:3: duplicate key 'cgroup' in job [j] (first at line 2)" },
		{ "[j]\nkind=pipe\nmemory.limit_in_bytes=1M\n",
		  "t.ini:3: unknown key 'memory.limit_in_bytes' in job [j]; accepted keys: kind, "
		  "threads, nice, cpus_allowed, runtime, loops, start_delay, cgroup, datasize, "
		  "pipe_size" },
		{ "[sysctl]\nmemory.swappiness=10\n",
		  "t.ini:2: unknown key 'memory.swappiness' in [sysctl]; accepted keys: "
		  SYSCTL_KEYS },
	};

	return cr_make_param_array(struct mem_error_case, cases,
				   sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct mem_error_case *c, scenario, cgroup_load_error_message)
{
	assert_error(load(c->text), c->msg);
}

/* A job's cgroup= names a [cgroup.NAME] (checked at validation), word for word ("" = valid). */
ParameterizedTestParameters(scenario, cgroup_validate_error_message)
{
	static struct mem_error_case cases[] = {
		{ "[cgroup.box]\n[cgroup.b2]\n[j]\nnice=1\ncgroup=bx\n",
		  "t.ini:5: cgroup 'bx' of job [j] is not defined; cgroups: box, b2" },
		{ "[j]\ncgroup=box\n",
		  "t.ini:2: cgroup 'box' of job [j] is not defined; cgroups: none (add a "
		  "[cgroup.NAME] section)" },
		/* names are case-sensitive, and a job name is not a cgroup */
		{ "[cgroup.box]\n[Box]\nkind=pipe\ncgroup=Box\n",
		  "t.ini:4: cgroup 'Box' of job [Box] is not defined; cgroups: box" },
		/* from [global]: the line in [global], for the first job it reaches */
		{ "[global]\nseed=2\ncgroup=nope\n[cgroup.a]\n[x]\n[y]\ncgroup=a\n",
		  "t.ini:3: cgroup 'nope' of job [x] is not defined; cgroups: a" },
		/* the cgroup section may come after the job */
		{ "[j]\nkind=mem\nsize=1M\ncgroup=late\n[cgroup.late]\n", "" },
		{ "[global]\ncgroup=a\n[j]\nkind=io\ndevice=d\n[device.d]\n[cgroup.a]\n", "" },
		{ "[cgroup.a]\n[j]\ncgroup=\n", "" },
	};

	return cr_make_param_array(struct mem_error_case, cases,
				   sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct mem_error_case *c, scenario, cgroup_validate_error_message)
{
	load_ok(c->text);
	if (!c->msg[0])
		cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	else
		assert_error(mmsim_config_validate(cfg, &err), c->msg);
}

Test(scenario, too_many_cgroups)
{
	char text[512], msg[128];
	size_t len = 0;

	for (int i = 0; i <= MMSIM_MAX_CGROUPS; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "[cgroup.c%d]\n", i);
	snprintf(msg, sizeof(msg), "t.ini:%d: too many cgroups: [cgroup.c%d] would be cgroup "
		 "%d, at most %d are allowed", MMSIM_MAX_CGROUPS + 1, MMSIM_MAX_CGROUPS,
		 MMSIM_MAX_CGROUPS + 1, MMSIM_MAX_CGROUPS);
	cr_assert_str_eq(msg, "t.ini:17: too many cgroups: [cgroup.c16] would be cgroup 17, "
			 "at most 16 are allowed");
	assert_error(load(text), msg);
}

Test(scenario, sixteen_cgroups_fit)
{
	char text[1024], name[16];
	size_t len = 0;

	for (int i = 0; i < MMSIM_MAX_CGROUPS; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"[cgroup.c%d]\nmemory.limit_in_bytes=%dM\n", i, i + 1);
	snprintf(text + len, sizeof(text) - len, "[j]\ncgroup=c15\n");
	load_ok(text);
	cr_assert_eq(cfg->nr_cgroups, MMSIM_MAX_CGROUPS);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	for (unsigned int i = 0; i < MMSIM_MAX_CGROUPS; i++) {
		snprintf(name, sizeof(name), "c%u", i);
		cr_assert_eq(mmsim_config_cgroup_index(cfg, name), (int)i);
		cr_assert_eq(cfg->cgroups[i].memory_limit, (i + 1) * MB);
		cr_assert_eq(cfg->cgroups[i].line, 2 * i + 1);
	}
}

/* lines 1-3: [cgroup.a] with a 1M limit, [cgroup.b] with defaults */
#define TWO_CGROUPS "[cgroup.a]\nmemory.limit_in_bytes=1M\n[cgroup.b]\n"

Test(scenario, set_cgroup_keys)
{
	load_ok(TWO_CGROUPS "[j]\n[k]\nkind=pipe\ncgroup=a\n");
	set_ok("cgroup.a.memory.limit_in_bytes=128M");
	set_ok(" cgroup . b . memory.swappiness = 0 ");
	set_ok("cgroup.b.memory.limit_in_bytes=9000");
	cr_assert_eq(cfg->cgroups[0].memory_limit, 128 * MB);
	cr_assert_eq(cfg->cgroups[0].swappiness, -1);
	cr_assert_eq(cfg->cgroups[1].memory_limit, 8192);
	cr_assert_eq(cfg->cgroups[1].swappiness, 0);
	set_ok("cgroup.a.memory.limit_in_bytes=max");
	set_ok("cgroup.b.memory.swappiness=-1");
	cr_assert_eq(cfg->cgroups[0].memory_limit, UINT64_MAX);
	cr_assert_eq(cfg->cgroups[1].swappiness, -1);
	/* cgroup= of jobs: [global] reaches the jobs that did not set it */
	set_ok("global.cgroup=b");
	cr_assert_str_eq(job_named("j")->cgroup, "b");
	cr_assert_str_eq(job_named("k")->cgroup, "a");
	set_ok("k.cgroup=");
	cr_assert_str_eq(job_named("k")->cgroup, "");
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	/* validation names the --set that wrote the value */
	set_ok("j.cgroup=c");
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'j.cgroup=c': cgroup 'c' of job [j] is not defined; cgroups: a, b");
	set_ok("j.cgroup=a");
	set_ok("global.cgroup=nope");
	cr_assert_str_eq(job_named("k")->cgroup, "");	/* set by its own --set */
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	mmsim_config_init(cfg);
	load_ok(TWO_CGROUPS "[j]\n");
	set_ok("global.cgroup=nope");
	assert_error(mmsim_config_validate(cfg, &err),
		     "--set 'global.cgroup=nope': cgroup 'nope' of job [j] is not defined; "
		     "cgroups: a, b");
}

Test(scenario, set_cgroup_errors)
{
	assert_error(mmsim_config_set(cfg, "cgroup.a.memory.swappiness=1", &err),
		     "--set 'cgroup.a.memory.swappiness=1': no cgroup 'a'; cgroups: none");
	load_ok(TWO_CGROUPS "[j]\n");
	assert_error(mmsim_config_set(cfg, "cgroup.x.memory.limit_in_bytes=1M", &err),
		     "--set 'cgroup.x.memory.limit_in_bytes=1M': no cgroup 'x'; cgroups: a, b");
	assert_error(mmsim_config_set(cfg, "cgroup.a=1M", &err),
		     "--set 'cgroup.a=1M': expected section.key=value");
	assert_error(mmsim_config_set(cfg, "cgroup.a.memory.limit=1M", &err),
		     "--set 'cgroup.a.memory.limit=1M': unknown key 'memory.limit' in [cgroup.a]; "
		     "accepted keys: " CGROUP_KEYS);
	assert_error(mmsim_config_set(cfg, "cgroup.a.memory.limit_in_bytes=lots", &err),
		     "--set 'cgroup.a.memory.limit_in_bytes=lots': bad value 'lots' for "
		     "'memory.limit_in_bytes' in [cgroup.a]; " LIMIT_EXPECT);
	assert_error(mmsim_config_set(cfg, "cgroup.b.memory.swappiness=201", &err),
		     "--set 'cgroup.b.memory.swappiness=201': value '201' for 'memory.swappiness' "
		     "in [cgroup.b] is out of range -1..200");
	assert_error(mmsim_config_set(cfg, "j.cgroup=a.b", &err),
		     "--set 'j.cgroup=a.b': bad value 'a.b' for 'cgroup' in job [j]; expected a "
		     "name of up to 63 characters of A-Z a-z 0-9 _ -");
	/* a failed --set changes nothing */
	cr_assert_eq(cfg->cgroups[0].memory_limit, 1 * MB);
	cr_assert_eq(cfg->cgroups[0].key_line[0], 2);
	cr_assert_eq(cfg->cgroups[1].swappiness, -1);
	cr_assert_str_eq(job_named("j")->cgroup, "");
}

Test(scenario, a_job_named_cgroup_keeps_its_name)
{
	load_ok("[cgroup]\n[cgroup.cgroup]\n");
	cr_assert_eq(cfg->nr_jobs, 1);
	cr_assert_eq(cfg->nr_cgroups, 1);
	set_ok("cgroup.nice=3");
	set_ok("cgroup.cgroup=cgroup");
	cr_assert_eq(job_named("cgroup")->nice, 3);
	cr_assert_str_eq(job_named("cgroup")->cgroup, "cgroup");
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	/* and [cgroup.NAME] keys cannot be reached by --set while it exists */
	assert_error(mmsim_config_set(cfg, "cgroup.cgroup.memory.swappiness=1", &err),
		     "--set 'cgroup.cgroup.memory.swappiness=1': unknown key "
		     "'cgroup.memory.swappiness' in job [cgroup]; accepted keys: kind, threads, "
		     "nice, cpus_allowed, runtime, loops, start_delay, cgroup, burst, think, "
		     "timer_slack");
}

Test(scenario, split_cgroup_variants)
{
	struct mmsim_variants vars;

	load_ok(TWO_CGROUPS "[j]\n");
	cr_assert_eq(mmsim_config_split_variants(cfg, " cgroup . a . memory.limit_in_bytes = "
						 "128M,256M", &vars, &err), 0, "%s", err.msg);
	cr_assert_eq(vars.nr, 2);
	cr_assert_str_eq(vars.v[0], "cgroup.a.memory.limit_in_bytes=128M");
	cr_assert_str_eq(vars.v[1], "cgroup.a.memory.limit_in_bytes=256M");
	set_ok(vars.v[1]);
	cr_assert_eq(cfg->cgroups[0].memory_limit, 256 * MB);
	mmsim_variants_release(&vars);
	cr_assert_eq(mmsim_config_split_variants(cfg, "cgroup.b.memory.swappiness=0,100,-1",
						 &vars, &err), 0, "%s", err.msg);
	cr_assert_eq(vars.nr, 3);
	cr_assert_str_eq(vars.v[0], "cgroup.b.memory.swappiness=0");
	cr_assert_str_eq(vars.v[1], "cgroup.b.memory.swappiness=100");
	cr_assert_str_eq(vars.v[2], "cgroup.b.memory.swappiness=-1");
	set_ok(vars.v[1]);
	cr_assert_eq(cfg->cgroups[1].swappiness, 100);
	mmsim_variants_release(&vars);
	cr_assert_eq(mmsim_config_split_variants(cfg, "j.cgroup=a,b,", &vars, &err), 0, "%s",
		     err.msg);
	cr_assert_eq(vars.nr, 3);
	cr_assert_str_eq(vars.v[0], "j.cgroup=a");
	cr_assert_str_eq(vars.v[1], "j.cgroup=b");
	cr_assert_str_eq(vars.v[2], "j.cgroup=");
	mmsim_variants_release(&vars);
	assert_error(mmsim_config_split_variants(cfg, "cgroup.c.memory.swappiness=1,2", &vars,
						 &err),
		     "--set 'cgroup.c.memory.swappiness=1,2': no cgroup 'c'; cgroups: a, b");
}

/* The example of docs/scenario.md ## [cgroup.NAME], word for word. */
Test(scenario, docs_cgroup_example)
{
	size_t len;
	char *doc = read_source_file("docs/scenario.md", &len);

	cr_assert_not_null(strstr(doc, "    [cgroup.box]\n    memory.limit_in_bytes = 128M\n"
				       "    memory.swappiness = 100\n\n    [hog]\n    kind = mem\n"
				       "    size = 256M\n    cgroup = box\n"));
	free(doc);
	load_ok("[cgroup.box]\nmemory.limit_in_bytes = 128M\nmemory.swappiness = 100\n\n"
		"[hog]\nkind = mem\nsize = 256M\ncgroup = box\n");
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	cr_assert_eq(cfg->cgroups[0].memory_limit, 128 * MB);
	cr_assert_eq(cfg->cgroups[0].swappiness, 100);
	cr_assert_eq(mmsim_config_cgroup_index(cfg, job_named("hog")->cgroup), 0);
	set_ok("cgroup.box.memory.limit_in_bytes=256M");
	cr_assert_eq(cfg->cgroups[0].memory_limit, 256 * MB);
}

static const char cgroup_scenario[] =
	"[global]\ncgroup=b\n"
	"[cgroup.a]\nmemory.limit_in_bytes=5000\nmemory.swappiness=0\n"
	"[cgroup.b]\nmemory.swappiness=200\n"
	"[cgroup.c]\n"
	"[cgroup.d]\nmemory.limit_in_bytes=0\nmemory.swappiness=-1\n"
	"[swap.s]\ndevice=d0\nsize=1M\n"
	"[device.d0]\n"
	"[m]\nkind=mem\nsize=1M\ncgroup=a\n"
	"[p]\nkind=pipe\n"
	"[r]\ncgroup=\n";

Test(scenario, foreach_nondefault_lists_cgroup_keys)
{
	struct listing l = { .len = 0 };

	load_ok(cgroup_scenario);
	mmsim_config_foreach_nondefault(cfg, collect, &l);
	cr_assert_str_eq(l.text,
			 "swap.s.device=d0\n"
			 "swap.s.size=1M\n"
			 "cgroup.a.memory.limit_in_bytes=4K\n"
			 "cgroup.a.memory.swappiness=0\n"
			 "cgroup.b.memory.swappiness=200\n"
			 "cgroup.d.memory.limit_in_bytes=0\n"
			 "m.kind=mem\n"
			 "m.cgroup=a\n"
			 "m.size=1M\n"
			 "p.kind=pipe\n"
			 "p.cgroup=b\n");
}

Test(scenario, foreach_nondefault_cgroup_keys_read_back)
{
	struct listing l = { .len = 0 };
	struct mmsim_config *copy = malloc(sizeof(*copy));
	char *line, *save = NULL;

	cr_assert_not_null(copy);
	load_ok(cgroup_scenario);
	cr_assert_eq(mmsim_config_validate(cfg, &err), 0, "%s", err.msg);
	mmsim_config_foreach_nondefault(cfg, collect, &l);
	mmsim_config_init(copy);
	cr_assert_eq(mmsim_config_load_string(copy, "t.ini",
					      "[device.d0]\n[swap.s]\n[cgroup.a]\n[cgroup.b]\n"
					      "[cgroup.c]\n[cgroup.d]\n[m]\n[p]\n[r]\n", &err),
		     0, "%s", err.msg);
	for (line = strtok_r(l.text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		cr_assert_eq(mmsim_config_set(copy, line, &err), 0, "%s: %s", line, err.msg);
	cr_assert_eq(copy->nr_cgroups, 4);
	for (unsigned int i = 0; i < 4; i++) {
		cr_assert_str_eq(copy->cgroups[i].name, cfg->cgroups[i].name);
		cr_assert_eq(copy->cgroups[i].memory_limit, cfg->cgroups[i].memory_limit);
		cr_assert_eq(copy->cgroups[i].swappiness, cfg->cgroups[i].swappiness);
	}
	for (unsigned int i = 0; i < 3; i++)
		cr_assert_str_eq(copy->jobs[i].cgroup, cfg->jobs[i].cgroup);
	cr_assert_eq(cfg->cgroups[0].memory_limit, 4096);
	cr_assert_eq(cfg->cgroups[2].memory_limit, UINT64_MAX);
	cr_assert_eq(cfg->cgroups[3].memory_limit, 0);
	cr_assert_str_eq(cfg->jobs[2].cgroup, "");
	cr_assert_eq(mmsim_config_validate(copy, &err), 0, "%s", err.msg);
	free(copy);
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
	cr_assert_eq(cfg->runtime_ns, 5000 * MS);
	cr_assert_eq(cfg->nr_jobs, 5);
	cr_assert_eq(cfg->nr_swaps, 1);
	cr_assert_eq(cfg->nr_files, 1);
	cr_assert_eq(job_named("hog")->kind, MMSIM_JOB_MEM);
	cr_assert(job_named("hog")->populate);
	cr_assert_eq(job_named("thp")->order, 9);
	cr_assert_eq(job_named("pingpong")->kind, MMSIM_JOB_PIPE);
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
	/* the widest section column */
	cr_assert_not_null(strstr(buf, "job:cpu,alloc,mem,file,replay  think "));
	cr_assert_not_null(strstr(buf, "job:alloc,fragmenter           gfp "));
	cr_assert_not_null(strstr(buf, "job:pipe,messaging             datasize "));
	cr_assert_not_null(strstr(buf, "job:io,file                    rw "));
	cr_assert_not_null(strstr(buf, "job:mem,file                   file "));
	cr_assert_not_null(strstr(buf, "job:mem                        shared "));
	cr_assert_not_null(strstr(buf, "\nfile.NAME                      device "));
	cr_assert_not_null(strstr(buf, "\nfile.NAME                      size "));
	cr_assert_not_null(strstr(buf, "\nswap.NAME                      device "));
	cr_assert_not_null(strstr(buf, "\nswap.NAME                      priority "));
	cr_assert_not_null(strstr(buf, "\nsysfs                          mm/swap/vma_ra_enabled "));
	cr_assert_not_null(strstr(buf, "\ncgroup.NAME                    memory.limit_in_bytes "));
	cr_assert_not_null(strstr(buf, " limit         max                   0..18446744073709551615, "
				       "or -1|max "));
	cr_assert_not_null(strstr(buf, "\ncgroup.NAME                    memory.swappiness "));
	cr_assert_not_null(strstr(buf, " -1..200 "));
	cr_assert_not_null(strstr(buf, "\njob                            cgroup "));
	cr_assert_not_null(strstr(buf, " 0 or 40K..1024T, a multiple of 4K "));
	cr_assert_not_null(strstr(buf, " -1..32767 "));
	cr_assert_not_null(strstr(buf, " 64K "));
	cr_assert_not_null(strstr(buf, " cpu|pipe|messaging|io|alloc|fragmenter|mem|file|replay "));
	cr_assert_not_null(strstr(buf, " 1us..100000s "));
	cr_assert_not_null(strstr(buf, "\nnode.N "));
	cr_assert_not_null(strstr(buf, "\nmodel "));
	cr_assert_not_null(strstr(buf, " 16M..16T, a multiple of 2M "));
	cr_assert_not_null(strstr(buf, " 0 or 16M..16T, a multiple of 2M "));
	cr_assert_not_null(strstr(buf, " CPUs 0-1023 or none "));
	cr_assert_not_null(strstr(buf, " 256 256 32 0 "));
	cr_assert_not_null(strstr(buf, " 0..2147483647 each "));
	cr_assert_not_null(strstr(buf, " GFP_HIGHUSER_MOVABLE "));
	cr_assert_not_null(strstr(buf, " proactive|babka "));
	free(buf);
}

Test(scenario, names)
{
	cr_assert_str_eq(mmsim_job_kind_name(MMSIM_JOB_CPU), "cpu");
	cr_assert_str_eq(mmsim_job_kind_name(MMSIM_JOB_PIPE), "pipe");
	cr_assert_str_eq(mmsim_job_kind_name(MMSIM_JOB_MESSAGING), "messaging");
	cr_assert_str_eq(mmsim_job_kind_name(MMSIM_JOB_IO), "io");
	cr_assert_str_eq(mmsim_job_kind_name(MMSIM_JOB_ALLOC), "alloc");
	cr_assert_str_eq(mmsim_job_kind_name(MMSIM_JOB_FRAGMENTER), "fragmenter");
	cr_assert_str_eq(mmsim_job_kind_name(MMSIM_JOB_MEM), "mem");
	cr_assert_str_eq(mmsim_job_kind_name(MMSIM_JOB_FILE), "file");
	cr_assert_str_eq(mmsim_fault_name(MMSIM_FAULT_FAIL_USERCOPY), "fail_usercopy");
}

/* rotational= overrides what a device model reports; auto is the model's. */
Test(scenario, device_rotational)
{
	load_ok("[device.d]\ntype=nvme\nrotational=on\n[device.e]\ntype=hdd\n[j]\nkind=cpu\n");
	cr_assert_eq(cfg->devices[0].rotational, MMSIM_ROTATIONAL_ON);
	cr_assert_eq(cfg->devices[1].rotational, MMSIM_ROTATIONAL_AUTO);
	set_ok("device.e.rotational=off");
	cr_assert_eq(cfg->devices[1].rotational, MMSIM_ROTATIONAL_OFF);
	assert_error(mmsim_config_set(cfg, "device.d.rotational=1", &err),
		     "--set 'device.d.rotational=1': bad value '1' for 'rotational' in [device.d]; "
		     "accepted values: auto, off, on");
	assert_error(load("[device.f]\ntype=ssd\nrotational=yes\n"),
		     "t.ini:3: bad value 'yes' for 'rotational' in [device.f]; "
		     "accepted values: auto, off, on");
}
