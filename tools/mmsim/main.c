// SPDX-License-Identifier: GPL-2.0-only
/*
 * tools/mmsim/main.c - the mmsim command: argument parsing and dispatch
 *
 * No model logic lives here: the command loads a scenario, applies
 * overrides, creates and runs simulations through mmsim/sim.h and renders
 * reports.  Exit codes: 0 success, 1 an internal or I/O failure, 2 bad
 * input (scenario file, option or value), 3 an invariant checker failed.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "mmsim/config.h"
#include "mmsim/sim.h"
#include "report.h"
#include "timehist.h"
#include "workload/scenario.h"

#define EXIT_BADINPUT	2
#define EXIT_CHECK	3

static const char usage_main[] =
	"usage: mmsim <command> [options]\n"
	"\n"
	"mmsim is a deterministic model of the Linux memory-management subsystem\n"
	"and scheduler, run in virtual time.\n"
	"\n"
	"commands:\n"
	"  run [SCENARIO.ini]   play a scenario (the built-in default without a file)\n"
	"  timehist [FILE|-]    perf sched timehist on a perf, ftrace or mmsim trace\n"
	"                       (docs/timehist.md; 'mmsim timehist --help')\n"
	"  check [--seeds N]    the storage test suite: flush verification with power\n"
	"                       cuts, zoned rules, hot-unplug (docs/block.md)\n"
	"  version              print the version\n"
	"  help [COMMAND]       this text, or a command's help\n"
	"\n"
	"See 'mmsim run --help', docs/mmsim.md and docs/scenario.md.\n";

static const char usage_run[] =
	"usage: mmsim run [SCENARIO.ini] [options]\n"
	"\n"
	"Play SCENARIO.ini (or the built-in default scenario) in virtual time and\n"
	"print a report: per-job CPU, wait and sleep time, wakeup latency\n"
	"percentiles and context switches, per-CPU busy time, engine figures.\n"
	"\n"
	"options:\n"
	"  --seed N             seed of the run (overrides [global] seed)\n"
	"  --set S.KEY=VALUE    override a key: section.key or jobname.key, e.g.\n"
	"                       --set machine.cpus=4 --set hog.nice=5\n"
	"                       --set sysctl.kernel.sched_latency_ns=24000000\n"
	"                       Several values (machine.cpus=2,4,8; CPU lists with ';')\n"
	"                       run one variant each, reported side by side; several\n"
	"                       such options run every combination.\n"
	"  --trace FILE         write tracepoints in ftrace text format (ns timestamps);\n"
	"                       with variants, FILE.1, FILE.2, ...\n"
	"  -e, --event LIST     events to trace: sched:*, sched_switch,sched_waking, ...\n"
	"                       (default: all; repeatable)\n"
	"  --json FILE          also write the report as JSON ('-' for stdout)\n"
	"  --proc DIR           write /proc/buddyinfo, pagetypeinfo, zoneinfo, vmstat, swaps\n"
	"                       and debugfs extfrag/{extfrag,unusable}_index into DIR at\n"
	"                       the end (with variants DIR.1, DIR.2, ...)\n"
	"  --proc-interval T    also every T of virtual time (e.g. 100ms), into\n"
	"                       DIR/SSSSSS.NNNNNNNNN/ named by the virtual time\n"
	"  --timehist[=OPTS]    after the report, perf sched timehist of the run's\n"
	"                       trace; OPTS are timehist options separated by spaces,\n"
	"                       e.g. --timehist='-S -w' (see 'mmsim timehist --help')\n"
	"  --list-keys          print every scenario key with default and range\n"
	"  --list-costs         print the cost model with the rationale of each value\n"
	"  --print-default      print the built-in default scenario\n"
	"  -h, --help           this text\n"
	"\n"
	"The report goes to stdout and is byte-identical for the same scenario and\n"
	"seed; the host time of the run goes to stderr.\n";

struct run_opts {
	const char *scenario;
	const char *trace;
	char events[1024];
	const char *json;
	const char *timehist;		/* NULL: no analysis; "": default table */
	const char *proc_dir;
	uint64_t proc_interval;		/* ns, 0 = only at the end */
	const char *seed;
	const char **sets;
	size_t nr_sets;
};

static int bad_input(const char *msg)
{
	fprintf(stderr, "mmsim: error: %s\n", msg);
	return EXIT_BADINPUT;
}

static double host_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Load the scenario and the plain (single-valued) parts of the command line. */
static int load_base(const struct run_opts *o, struct mmsim_config *cfg)
{
	struct mmsim_error err;
	int ret;

	mmsim_config_init(cfg);
	if (o->scenario)
		ret = mmsim_config_load_file(cfg, o->scenario, &err);
	else
		ret = mmsim_config_load_string(cfg, "built-in default", mmsim_default_scenario(), &err);
	if (ret)
		return bad_input(err.msg);
	if (o->seed) {
		char assign[64];

		snprintf(assign, sizeof(assign), "global.seed=%s", o->seed);
		if (mmsim_config_set(cfg, assign, &err))
			return bad_input(err.msg);
	}
	return 0;
}

struct variant_set {
	struct mmsim_variants *per_set;	/* one expansion per --set */
	size_t nr_sets;
	size_t nr_variants;		/* product of the expansions */
};

static int expand_sets(const struct run_opts *o, const struct mmsim_config *cfg,
		       struct variant_set *vs)
{
	struct mmsim_error err;

	vs->nr_sets = o->nr_sets;
	vs->per_set = calloc(o->nr_sets ? o->nr_sets : 1, sizeof(*vs->per_set));
	if (!vs->per_set)
		return 1;
	vs->nr_variants = 1;
	for (size_t i = 0; i < o->nr_sets; i++) {
		if (mmsim_config_split_variants(cfg, o->sets[i], &vs->per_set[i], &err))
			return bad_input(err.msg);
		vs->nr_variants *= vs->per_set[i].nr;
		if (vs->nr_variants > 4096)
			return bad_input("more than 4096 variants; split the sweep into several runs");
	}
	return 0;
}

/* Build the configuration of variant @n (mixed-radix over the --set lists). */
static int variant_config(const struct run_opts *o, const struct variant_set *vs, size_t n,
			  struct mmsim_config *cfg, char *label, size_t label_len)
{
	struct mmsim_error err;
	size_t len = 0;
	int ret = load_base(o, cfg);

	if (ret)
		return ret;
	label[0] = '\0';
	for (size_t i = 0; i < vs->nr_sets; i++) {
		const char *a = vs->per_set[i].v[n % vs->per_set[i].nr];

		n /= vs->per_set[i].nr;
		if (mmsim_config_set(cfg, a, &err))
			return bad_input(err.msg);
		if (vs->per_set[i].nr > 1 && len < label_len)
			len += (size_t)snprintf(label + len, label_len - len, "%s%s",
						len ? " " : "", a);
	}
	if (mmsim_config_validate(cfg, &err))
		return bad_input(err.msg);
	return 0;
}

/* mkdir -p for a directory the user named (and the ones we make under it) */
static int make_dir(const char *path)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0777) && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(buf, 0777) && errno != EEXIST)
		return -errno;
	return 0;
}

/* Write every mmsim_proc_files[] entry under @dir. */
static int write_proc(mmsim_t *sim, const char *dir)
{
	char path[4096];

	if (make_dir(dir)) {
		fprintf(stderr, "mmsim: error: cannot create '%s': %s\n", dir, strerror(errno));
		return 1;
	}
	for (int i = 0; mmsim_proc_files[i]; i++) {
		FILE *f;

		if (strchr(mmsim_proc_files[i], '/')) {
			snprintf(path, sizeof(path), "%s/%s", dir, mmsim_proc_files[i]);
			*strrchr(path, '/') = '\0';
			if (make_dir(path)) {
				fprintf(stderr, "mmsim: error: cannot create '%s': %s\n", path,
					strerror(errno));
				return 1;
			}
		}
		snprintf(path, sizeof(path), "%s/%s", dir, mmsim_proc_files[i]);
		f = fopen(path, "w");
		if (!f) {
			fprintf(stderr, "mmsim: error: cannot write '%s': %s\n", path, strerror(errno));
			return 1;
		}
		mmsim_proc_show(sim, mmsim_proc_files[i], f);
		if (fclose(f)) {
			fprintf(stderr, "mmsim: error: writing '%s' failed\n", path);
			return 1;
		}
	}
	return 0;
}

struct proc_snapshots {
	char dir[4096];
	int error;
};

static void proc_snapshot(mmsim_t *sim, void *arg)
{
	struct proc_snapshots *ps = arg;
	struct mmsim_engine_stats es;
	char dir[4200];

	if (ps->error)
		return;
	mmsim_engine_stats(sim, &es);
	snprintf(dir, sizeof(dir), "%s/%06" PRIu64 ".%09" PRIu64, ps->dir,
		 es.virtual_time_ns / 1000000000, es.virtual_time_ns % 1000000000);
	ps->error = write_proc(sim, dir);
}

/* "100ms", "1s", "500us", "2000000ns", or plain ns */
static int parse_duration(const char *s, uint64_t *out)
{
	static const struct { const char *unit; uint64_t mul; } units[] = {
		{ "ns", 1 }, { "us", 1000 }, { "ms", 1000000 }, { "s", 1000000000 }, { "", 1 },
	};
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || s[0] == '-')
		return -EINVAL;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(end, units[i].unit)) {
			if (v > UINT64_MAX / units[i].mul)
				return -EINVAL;
			*out = v * units[i].mul;
			return *out ? 0 : -EINVAL;
		}
	return -EINVAL;
}

static int write_trace(mmsim_t *sim, const char *path, size_t idx, size_t nr)
{
	char name[4096];
	FILE *f;
	int ret;

	if (nr > 1)
		snprintf(name, sizeof(name), "%s.%zu", path, idx + 1);
	else
		snprintf(name, sizeof(name), "%s", path);
	f = strcmp(name, "-") ? fopen(name, "w") : stdout;
	if (!f) {
		fprintf(stderr, "mmsim: error: cannot write trace '%s': %s\n", name, strerror(errno));
		return 1;
	}
	ret = mmsim_trace_write(sim, f);
	if (f != stdout && fclose(f))
		ret = -EIO;
	if (ret) {
		fprintf(stderr, "mmsim: error: writing trace '%s' failed\n", name);
		return 1;
	}
	return 0;
}

#define TIMEHIST_MAX_ARGS	60

/*
 * Split --timehist's OPTS at blanks into @argv ("timehist", the options,
 * room for the trace file and NULL); the strings point into @copy.
 * Return: the count, or -1 (message printed).
 */
static int timehist_argv(char *copy, char *argv[TIMEHIST_MAX_ARGS + 3])
{
	char *tok, *save;
	int argc = 0;

	argv[argc++] = (char *)"timehist";
	for (tok = strtok_r(copy, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		if (argc > TIMEHIST_MAX_ARGS) {
			bad_input("--timehist: more than 60 options");
			return -1;
		}
		argv[argc++] = tok;
	}
	argv[argc] = NULL;
	return argc;
}

/* Bad --timehist options stop the command before anything runs. */
static int check_timehist(const char *opts)
{
	char *copy = strdup(opts), *argv[TIMEHIST_MAX_ARGS + 3];
	int argc, ret;

	if (!copy)
		return 1;
	argc = timehist_argv(copy, argv);
	if (argc >= 0) {
		argv[argc++] = (char *)"the run's trace";	/* as run_timehist() adds it */
		argv[argc] = NULL;
	}
	ret = argc < 0 ? EXIT_BADINPUT : timehist_check_args(argc, argv);
	free(copy);
	return ret;
}

/*
 * --timehist: write @sim's trace to a temporary file and run `mmsim timehist
 * OPTS FILE` on it, so the analysis is exactly the standalone command's.
 */
static int run_timehist(mmsim_t *sim, const char *opts, const char *label)
{
	const char *tmpdir = getenv("TMPDIR");
	char path[4096], *copy = strdup(opts), *argv[TIMEHIST_MAX_ARGS + 3];
	int argc, fd, ret;
	FILE *f;

	if (!copy)
		return 1;
	argc = timehist_argv(copy, argv);
	if (argc < 0) {
		free(copy);
		return EXIT_BADINPUT;
	}
	snprintf(path, sizeof(path), "%s/mmsim-timehist-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	fd = mkstemp(path);
	f = fd < 0 ? NULL : fdopen(fd, "w");
	if (!f) {
		fprintf(stderr, "mmsim: error: cannot create a temporary trace '%s': %s\n", path,
			strerror(errno));
		if (fd >= 0)
			close(fd);
		free(copy);
		return 1;
	}
	ret = mmsim_trace_write(sim, f);
	if (fclose(f) || ret) {
		fprintf(stderr, "mmsim: error: writing the temporary trace '%s' failed\n", path);
		unlink(path);
		free(copy);
		return 1;
	}
	argv[argc++] = path;
	argv[argc] = NULL;
	if (label[0])
		printf("\n# timehist: %s\n", label);
	else
		putchar('\n');
	fflush(stdout);
	ret = cmd_timehist(argc, argv);
	unlink(path);
	free(copy);
	return ret;
}

static int cmd_run_main(const struct run_opts *o)
{
	struct mmsim_config *base = malloc(sizeof(*base));
	struct mmsim_config *cfg = malloc(sizeof(*cfg));
	struct variant_set vs = { 0 };
	struct run_result *runs = NULL;
	char (*labels)[512] = NULL;
	struct proc_snapshots *snaps = NULL;
	uint64_t total_events = 0;
	double t0, host;
	int ret = 1;

	if (!base || !cfg)
		goto out;
	ret = load_base(o, base);
	if (!ret && o->timehist)
		ret = check_timehist(o->timehist);
	if (ret)
		goto out;
	ret = expand_sets(o, base, &vs);
	if (ret)
		goto out;
	runs = calloc(vs.nr_variants, sizeof(*runs));
	labels = calloc(vs.nr_variants, sizeof(*labels));
	snaps = o->proc_dir ? calloc(vs.nr_variants, sizeof(*snaps)) : NULL;
	ret = 1;
	if (!runs || !labels || (o->proc_dir && !snaps))
		goto out;
	/* Check every variant before running any. */
	for (size_t n = 0; n < vs.nr_variants; n++) {
		ret = variant_config(o, &vs, n, cfg, labels[n], sizeof(labels[n]));
		if (ret)
			goto out;
	}
	t0 = host_seconds();
	for (size_t n = 0; n < vs.nr_variants; n++) {
		struct mmsim_engine_stats es;
		struct mmsim_error err;
		int rc;

		variant_config(o, &vs, n, cfg, labels[n], sizeof(labels[n]));
		runs[n].label = labels[n];
		runs[n].sim = mmsim_create(cfg, &err);
		if (!runs[n].sim) {
			ret = bad_input(err.msg);
			goto out;
		}
		if ((o->trace || o->timehist) && mmsim_trace_start(runs[n].sim, o->events[0] ? o->events : NULL, &err)) {
			ret = bad_input(err.msg);
			goto out;
		}
		if (o->proc_dir) {
			if (vs.nr_variants > 1)
				snprintf(snaps[n].dir, sizeof(snaps[n].dir), "%s.%zu", o->proc_dir, n + 1);
			else
				snprintf(snaps[n].dir, sizeof(snaps[n].dir), "%s", o->proc_dir);
			if (o->proc_interval)
				mmsim_every(runs[n].sim, o->proc_interval, proc_snapshot, &snaps[n]);
		}
		rc = mmsim_run(runs[n].sim);
		if (rc == -ELOOP) {
			mmsim_engine_stats(runs[n].sim, &es);
			fprintf(stderr, "mmsim: error: virtual time stopped advancing at %" PRIu64
				" ns%s%s: ten million events at one instant; are the [cost] values all 0?\n",
				es.virtual_time_ns, labels[n][0] ? " in variant " : "", labels[n]);
			ret = EXIT_BADINPUT;
			goto out;
		}
		if (rc == -ENOMEM) {
			mmsim_engine_stats(runs[n].sim, &es);
			fprintf(stderr, "mmsim: error: out of memory and no killable processes at %"
				PRIu64 " ns%s%s: the kernel panics here (every job with memory has "
				"oom_score_adj=-1000, or none has any); the kernel log:\n",
				es.virtual_time_ns, labels[n][0] ? " in variant " : "", labels[n]);
			mmsim_dmesg(runs[n].sim, stderr);
			ret = 1;
			goto out;
		}
		if (!mmsim_check(runs[n].sim)) {
			fprintf(stderr, "mmsim: invariant check failed after the run\n");
			ret = EXIT_CHECK;
			goto out;
		}
		if (o->trace && write_trace(runs[n].sim, o->trace, n, vs.nr_variants)) {
			ret = 1;
			goto out;
		}
		if (o->proc_dir && (snaps[n].error || write_proc(runs[n].sim, snaps[n].dir))) {
			ret = 1;
			goto out;
		}
		mmsim_engine_stats(runs[n].sim, &es);
		total_events += es.nr_events + es.nr_inline_charges;
	}
	host = host_seconds() - t0;
	ret = 1;
	if (vs.nr_variants == 1)
		report_text(stdout, &runs[0]);
	else
		report_side_by_side(stdout, runs, vs.nr_variants);
	if (o->json) {
		FILE *f = strcmp(o->json, "-") ? fopen(o->json, "w") : stdout;

		if (!f) {
			fprintf(stderr, "mmsim: error: cannot write '%s': %s\n", o->json, strerror(errno));
			goto out;
		}
		report_json(f, runs, vs.nr_variants);
		if (f != stdout && fclose(f)) {
			fprintf(stderr, "mmsim: error: writing '%s' failed\n", o->json);
			goto out;
		}
	}
	for (size_t n = 0; o->timehist && n < vs.nr_variants; n++) {
		int rc = run_timehist(runs[n].sim, o->timehist, labels[n]);

		if (rc) {
			ret = rc;
			goto out;
		}
	}
	fprintf(stderr, "mmsim: host time %.3f s for %" PRIu64 " events and charges (%.2f M/s)\n",
		host, total_events, host > 0 ? (double)total_events / host / 1e6 : 0.0);
	ret = fflush(stdout) ? 1 : 0;
out:
	if (runs)
		for (size_t n = 0; n < vs.nr_variants; n++)
			mmsim_free(runs[n].sim);
	for (size_t i = 0; i < vs.nr_sets; i++)
		mmsim_variants_release(&vs.per_set[i]);
	free(vs.per_set);
	free(runs);
	free(labels);
	free(snaps);
	free(base);
	free(cfg);
	return ret;
}

static void print_costs(void)
{
	struct mmsim_config *cfg = malloc(sizeof(*cfg));

	if (!cfg)
		return;
	mmsim_config_init(cfg);
	for (int i = 0; i < NR_MMSIM_COSTS; i++)
		printf("%-16s %8" PRIu64 " ns  %s\n", mmsim_cost_name((enum mmsim_cost_item)i),
		       cfg->cost[i], mmsim_cost_rationale((enum mmsim_cost_item)i));
	free(cfg);
}

static int cmd_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "seed", required_argument, NULL, 'S' },
		{ "set", required_argument, NULL, 's' },
		{ "trace", required_argument, NULL, 't' },
		{ "event", required_argument, NULL, 'e' },
		{ "json", required_argument, NULL, 'j' },
		{ "timehist", optional_argument, NULL, 'T' },
		{ "proc", required_argument, NULL, 'P' },
		{ "proc-interval", required_argument, NULL, 'I' },
		{ "list-keys", no_argument, NULL, 'K' },
		{ "list-costs", no_argument, NULL, 'C' },
		{ "print-default", no_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct run_opts o = { 0 };
	int c, ret;

	o.sets = calloc((size_t)argc, sizeof(*o.sets));
	if (!o.sets)
		return 1;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":he:", longopts, NULL)) != -1) {
		switch (c) {
		case 'S':
			o.seed = optarg;
			break;
		case 's':
			o.sets[o.nr_sets++] = optarg;
			break;
		case 't':
			o.trace = optarg;
			break;
		case 'e':
			if (strlen(o.events) + strlen(optarg) + 2 > sizeof(o.events)) {
				free(o.sets);
				return bad_input("event list too long");
			}
			if (o.events[0])
				strcat(o.events, ",");
			strcat(o.events, optarg);
			break;
		case 'j':
			o.json = optarg;
			break;
		case 'T':
			o.timehist = optarg ? optarg : "";
			break;
		case 'P':
			o.proc_dir = optarg;
			break;
		case 'I':
			if (parse_duration(optarg, &o.proc_interval)) {
				fprintf(stderr, "mmsim: error: bad value '%s' for --proc-interval; "
					"expected a duration > 0 such as 100ms, 1s, 500us\n", optarg);
				free(o.sets);
				return EXIT_BADINPUT;
			}
			break;
		case 'K':
			mmsim_config_print_keys(stdout);
			free(o.sets);
			return 0;
		case 'C':
			print_costs();
			free(o.sets);
			return 0;
		case 'D':
			fputs(mmsim_default_scenario(), stdout);
			free(o.sets);
			return 0;
		case 'h':
			fputs(usage_run, stdout);
			free(o.sets);
			return 0;
		case ':':
			fprintf(stderr, "mmsim: error: option '%s' needs a value\n", argv[optind - 1]);
			free(o.sets);
			return EXIT_BADINPUT;
		default:
			fprintf(stderr, "mmsim: error: unknown option '%s'; see 'mmsim run --help'\n",
				argv[optind - 1]);
			free(o.sets);
			return EXIT_BADINPUT;
		}
	}
	if (optind < argc)
		o.scenario = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "mmsim: error: unexpected argument '%s'; one scenario file at most\n",
			argv[optind]);
		free(o.sets);
		return EXIT_BADINPUT;
	}
	if (o.proc_interval && !o.proc_dir) {
		free(o.sets);
		return bad_input("--proc-interval needs --proc DIR");
	}
	if (o.events[0] && !o.trace && !o.timehist) {
		free(o.sets);
		return bad_input("-e selects trace events; it needs --trace FILE or --timehist");
	}
	ret = cmd_run_main(&o);
	free(o.sets);
	return ret;
}

/* mmsim check [--seeds N]: the storage test suite of docs/block.md */
static int cmd_check(int argc, char **argv)
{
	unsigned long seeds = 100;
	char *end;
	int failed;

	if (argc == 3 && !strcmp(argv[1], "--seeds")) {
		errno = 0;
		seeds = strtoul(argv[2], &end, 10);
		if (errno || *end || !seeds || seeds > 100000 || argv[2][0] == '-') {
			fprintf(stderr, "mmsim: error: bad value '%s' for --seeds; expected 1..100000\n",
				argv[2]);
			return EXIT_BADINPUT;
		}
	} else if (argc != 1) {
		fprintf(stderr, "usage: mmsim check [--seeds N]\n");
		return EXIT_BADINPUT;
	}
	failed = mmsim_storage_check(stdout, (unsigned int)seeds);
	if (failed < 0) {
		fprintf(stderr, "mmsim: error: out of memory\n");
		return 1;
	}
	printf("%s: %d failed\n", failed ? "FAIL" : "PASS", failed);
	return failed ? EXIT_CHECK : 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_main, stderr);
		return EXIT_BADINPUT;
	}
	if (!strcmp(argv[1], "run"))
		return cmd_run(argc - 1, argv + 1);
	if (!strcmp(argv[1], "timehist")) {
		/* one row per context switch: write in large blocks */
		setvbuf(stdout, NULL, _IOFBF, 1 << 16);
		return cmd_timehist(argc - 1, argv + 1);
	}
	if (!strcmp(argv[1], "check"))
		return cmd_check(argc - 1, argv + 1);
	if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version")) {
		printf("mmsim %s\n", MMSIM_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		if (argc > 2 && !strcmp(argv[2], "run")) {
			fputs(usage_run, stdout);
		} else if (argc > 2 && !strcmp(argv[2], "timehist")) {
			char *h[] = { argv[2], (char *)"--help", NULL };

			return cmd_timehist(2, h);
		} else {
			fputs(usage_main, stdout);
		}
		return 0;
	}
	fprintf(stderr, "mmsim: error: unknown command '%s'; commands: run, timehist, check, version, help\n", argv[1]);
	return EXIT_BADINPUT;
}
