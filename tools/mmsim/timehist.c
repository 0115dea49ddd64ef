// SPDX-License-Identifier: GPL-2.0-only
/*
 * tools/mmsim/timehist.c - `mmsim timehist`: perf sched timehist on a trace
 *
 * Option parsing as perf's `perf sched timehist` (builtin-sched.c,
 * timehist_options[]), reading with the trace reader (src/trace/reader.h),
 * a stable sort by timestamp (perf's ordered-events queue; ties keep input
 * order) and the analysis in src/trace/timehist.c.  No analysis here.
 *
 * Extensions over perf: --compat=6.1|upstream, FILE or '-' instead of -i,
 * and the percent forms of --time (P%/N, A%-B%) that perf only accepts in
 * perf script/report; they are taken relative to the first and last
 * record of the trace.
 */
#include "timehist.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace/reader.h"
#include "trace/timehist.h"

#define EXIT_IOERR	1
#define EXIT_BADINPUT	2

static const char usage_timehist[] =
	"usage: mmsim timehist [options] [FILE|-]\n"
	"\n"
	"perf sched timehist on a scheduler trace: `perf script` output (best with\n"
	"--ns), ftrace text, `trace-cmd report`, or mmsim's own --trace output,\n"
	"optionally gzip-compressed.  Reads stdin without FILE or with '-'.\n"
	"\n"
	"options:\n"
	"  -s, --summary         show only the summary (implies -S)\n"
	"  -S, --with-summary    show all events and the summary\n"
	"  -w, --wakeups         show wakeup events\n"
	"  -M, --migrations      show migration events\n"
	"  -n, --next            show the next task\n"
	"  -V, --cpu-visual      add a CPU visual\n"
	"  -I, --idle-hist       show idle events only\n"
	"      --state           show the task state when it switched out\n"
	"  -p, --pid LIST        only these process ids (tgids), comma separated\n"
	"  -t, --tid LIST        only these thread ids, comma separated\n"
	"  -C, --cpu LIST        only these CPUs: 0,2-3\n"
	"      --time START,STOP only this window: SEC[.FRACTION], either side may\n"
	"                        be empty; or P%/N (the N-th slice of P percent), A%-B%\n"
	"      --compat=VERSION  6.1 (perf 6.1.187, the default) or upstream\n"
	"  -i, --input FILE      the trace (as the FILE argument)\n"
	"  -h, --help            this text\n";

enum {
	OPT_STATE = 256,
	OPT_TIME,
	OPT_COMPAT,
};

static const struct option timehist_longopts[] = {
	{ "summary", no_argument, NULL, 's' },
	{ "with-summary", no_argument, NULL, 'S' },
	{ "wakeups", no_argument, NULL, 'w' },
	{ "migrations", no_argument, NULL, 'M' },
	{ "next", no_argument, NULL, 'n' },
	{ "cpu-visual", no_argument, NULL, 'V' },
	{ "idle-hist", no_argument, NULL, 'I' },
	{ "state", no_argument, NULL, OPT_STATE },
	{ "pid", required_argument, NULL, 'p' },
	{ "tid", required_argument, NULL, 't' },
	{ "cpu", required_argument, NULL, 'C' },
	{ "time", required_argument, NULL, OPT_TIME },
	{ "compat", required_argument, NULL, OPT_COMPAT },
	{ "input", required_argument, NULL, 'i' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* perf's intlist: "1,2,3" */
static int parse_int_list(const char *s, int **list, size_t *nr)
{
	const char *p = s;

	for (;;) {
		char *end;
		long v;
		int *l;

		errno = 0;
		v = strtol(p, &end, 10);
		if (end == p || errno || v < 0 || v > INT32_MAX || (*end && *end != ','))
			return -EINVAL;
		l = realloc(*list, (*nr + 1) * sizeof(**list));
		if (!l)
			return -ENOMEM;
		*list = l;
		l[(*nr)++] = (int)v;
		if (!*end)
			return 0;
		p = end + 1;
	}
}

/* perf_cpu_map__new(): "0,2-3" */
static int parse_cpu_list(const char *s, uint64_t *mask)
{
	const char *p = s;

	for (;;) {
		char *end;
		long a, b;

		a = strtol(p, &end, 10);
		if (end == p || a < 0 || a >= TIMEHIST_MAX_CPUS)
			return -EINVAL;
		b = a;
		if (*end == '-') {
			p = end + 1;
			b = strtol(p, &end, 10);
			if (end == p || b < a || b >= TIMEHIST_MAX_CPUS)
				return -EINVAL;
		}
		if (*end && *end != ',')
			return -EINVAL;
		for (long c = a; c <= b; c++)
			mask[c / 64] |= 1ULL << (c % 64);
		if (!*end)
			return 0;
		p = end + 1;
	}
}

/* parse_nsec_time(): SEC[.FRACTION], at most 9 fraction digits */
static int parse_nsec_time(const char *s, size_t len, uint64_t *ns)
{
	uint64_t sec = 0, frac = 0;
	size_t i = 0, digits = 0;

	if (!len)
		return -EINVAL;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
		if (sec > UINT64_MAX / 10 / 1000000000)
			return -EINVAL;
		sec = sec * 10 + (uint64_t)(s[i] - '0');
	}
	if (i == 0)
		return -EINVAL;
	if (i < len) {
		if (s[i++] != '.')
			return -EINVAL;
		for (; i < len; i++, digits++) {
			if (s[i] < '0' || s[i] > '9' || digits == 9)
				return -EINVAL;
			frac = frac * 10 + (uint64_t)(s[i] - '0');
		}
		for (; digits < 9; digits++)
			frac *= 10;
	}
	*ns = sec * 1000000000 + frac;
	return 0;
}

static int parse_percent(const char *s, size_t len, double *pct)
{
	char buf[32];
	char *end;

	if (!len || len >= sizeof(buf) || s[len - 1] != '%')
		return -EINVAL;
	memcpy(buf, s, len - 1);
	buf[len - 1] = '\0';
	*pct = strtod(buf, &end);
	if (end == buf || *end || *pct < 0 || *pct > 100)
		return -EINVAL;
	*pct /= 100;
	return 0;
}

/*
 * --time: "START,STOP" as perf_time__parse_str(); the percent forms need
 * the trace's first and last timestamps and are resolved later.
 */
static int parse_time_window(const char *s, uint64_t first, uint64_t last,
			     uint64_t *start, uint64_t *end)
{
	const char *comma = strchr(s, ',');
	const char *slash, *dash;
	uint64_t total = last - first;

	*start = 0;
	*end = 0;
	if (strchr(s, '%')) {
		double a, b;
		char *e;
		long n;

		if (comma)
			return -EINVAL;
		slash = strchr(s, '/');
		dash = strchr(s, '-');
		if (slash) {
			if (parse_percent(s, (size_t)(slash - s), &a))
				return -EINVAL;
			n = strtol(slash + 1, &e, 10);
			if (e == slash + 1 || *e || n <= 0 || a <= 0 || a * (double)n > 1.0 + 1e-9)
				return -EINVAL;
			*start = first + (uint64_t)llround(a * (double)(n - 1) * (double)total);
			*end = first + (uint64_t)llround(a * (double)n * (double)total);
		} else if (dash) {
			if (parse_percent(s, (size_t)(dash - s), &a) ||
			    parse_percent(dash + 1, strlen(dash + 1), &b) || a > b)
				return -EINVAL;
			*start = first + (uint64_t)llround(a * (double)total);
			*end = first + (uint64_t)llround(b * (double)total);
		} else {
			return -EINVAL;
		}
		if (*end > last)
			*end = last;
		return 0;
	}
	if (!comma)
		return -EINVAL;
	if (comma > s && parse_nsec_time(s, (size_t)(comma - s), start))
		return -EINVAL;
	if (comma[1] && parse_nsec_time(comma + 1, strlen(comma + 1), end))
		return -EINVAL;
	if (*start && *end && *start > *end)
		return -EINVAL;
	return 0;
}

struct rec_key {
	uint64_t time;
	size_t index;
};

static int cmp_rec_key(const void *a, const void *b)
{
	const struct rec_key *x = a, *y = b;

	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

/* Stable sort by time, for input that is out of order. */
static int sort_records(struct sched_record **recs, size_t nr)
{
	struct sched_record *sorted;
	struct rec_key *keys;

	keys = malloc(nr * sizeof(*keys));
	sorted = malloc(nr * sizeof(*sorted));
	if (!keys || !sorted) {
		free(keys);
		free(sorted);
		return -ENOMEM;
	}
	for (size_t i = 0; i < nr; i++) {
		keys[i].time = (*recs)[i].time;
		keys[i].index = i;
	}
	qsort(keys, nr, sizeof(*keys), cmp_rec_key);
	for (size_t i = 0; i < nr; i++)
		sorted[i] = (*recs)[keys[i].index];
	free(keys);
	free(*recs);
	*recs = sorted;
	return 0;
}

static int bad_option(const char *fmt, const char *arg)
{
	fprintf(stderr, "mmsim timehist: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s", usage_timehist);
	return EXIT_BADINPUT;
}

/* The command line of `mmsim timehist`: what cmd_timehist() runs. */
struct timehist_cmd {
	struct timehist_opts o;
	uint64_t *cpu_mask;
	int *pids, *tids;
	const char *path, *time_str;
	bool help;
};

static void timehist_cmd_release(struct timehist_cmd *cmd)
{
	free(cmd->pids);
	free(cmd->tids);
	free(cmd->cpu_mask);
}

/* Parse @argv into @cmd: 0, or the exit code with the message printed. */
static int parse_args(int argc, char **argv, struct timehist_cmd *cmd)
{
	int ret = 0, c;

	memset(cmd, 0, sizeof(*cmd));
	cmd->o.compat = TIMEHIST_COMPAT_6_1;
	optind = 0;	/* GNU getopt: a full re-initialisation, for a second call */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":sSwMnVIp:t:C:i:h", timehist_longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			cmd->o.summary_only = true;
			break;
		case 'S':
			cmd->o.with_summary = true;
			break;
		case 'w':
			cmd->o.wakeups = true;
			break;
		case 'M':
			cmd->o.migrations = true;
			break;
		case 'n':
			cmd->o.next = true;
			break;
		case 'V':
			cmd->o.cpu_visual = true;
			break;
		case 'I':
			cmd->o.idle_hist = true;
			break;
		case OPT_STATE:
			cmd->o.state = true;
			break;
		case 'p':
			if (parse_int_list(optarg, &cmd->pids, &cmd->o.nr_pids)) {
				ret = bad_option("bad pid list '%s'", optarg);
				return ret;
			}
			break;
		case 't':
			if (parse_int_list(optarg, &cmd->tids, &cmd->o.nr_tids)) {
				ret = bad_option("bad tid list '%s'", optarg);
				return ret;
			}
			break;
		case 'C':
			if (!cmd->cpu_mask)
				cmd->cpu_mask = calloc(TIMEHIST_MAX_CPUS / 64, sizeof(*cmd->cpu_mask));
			if (!cmd->cpu_mask) {
				ret = EXIT_IOERR;
				return ret;
			}
			if (parse_cpu_list(optarg, cmd->cpu_mask)) {
				ret = bad_option("bad cpu list '%s' (want e.g. 0,2-3)", optarg);
				return ret;
			}
			break;
		case OPT_TIME:
			cmd->time_str = optarg;
			break;
		case OPT_COMPAT:
			if (!strcmp(optarg, "6.1")) {
				cmd->o.compat = TIMEHIST_COMPAT_6_1;
			} else if (!strcmp(optarg, "upstream")) {
				cmd->o.compat = TIMEHIST_COMPAT_UPSTREAM;
			} else {
				ret = bad_option("unknown --compat '%s' (accepted: 6.1, upstream)", optarg);
				return ret;
			}
			break;
		case 'i':
			cmd->path = optarg;
			break;
		case 'h':
			cmd->help = true;
			return 0;
		case ':':
			ret = bad_option("option '%s' needs a value", argv[optind - 1]);
			return ret;
		default:
			ret = bad_option("unknown option '%s'", argv[optind - 1]);
			return ret;
		}
	}
	if (optind < argc) {
		if (cmd->path || optind + 1 < argc) {
			ret = bad_option("more than one input file ('%s')", argv[argc - 1]);
			return ret;
		}
		cmd->path = argv[optind];
	}
	if (!cmd->path)
		cmd->path = "-";
	if (cmd->o.summary_only && (cmd->o.wakeups || cmd->o.next)) {
		fprintf(stderr, " Error: -s and -[n|w] are mutually exclusive.\n\n%s", usage_timehist);
		ret = EXIT_BADINPUT;
		return ret;
	}
	if (cmd->time_str) {
		uint64_t s, e;

		/* check the syntax before reading (percent forms need the trace) */
		if (parse_time_window(cmd->time_str, 0, 0, &s, &e)) {
			ret = bad_option("invalid time string '%s'", cmd->time_str);
			return ret;
		}
	}
	cmd->o.pids = cmd->pids;
	cmd->o.tids = cmd->tids;
	cmd->o.cpu_mask = cmd->cpu_mask;
	return 0;
}

int timehist_check_args(int argc, char **argv)
{
	struct timehist_cmd cmd;
	int ret = parse_args(argc, argv, &cmd);

	timehist_cmd_release(&cmd);
	return ret;
}

int cmd_timehist(int argc, char **argv)
{
	struct timehist_cmd cmd;
	struct timehist_opts *o = &cmd.o;
	struct trace_reader *r = NULL;
	struct sched_record *recs = NULL;
	size_t nr = 0, cap = 0, warnings = 0;
	int max_cpu = -1, ret, rc;
	bool in_order = true;
	const char *path;
	char err[512];

	ret = parse_args(argc, argv, &cmd);
	if (ret || cmd.help) {
		if (cmd.help)
			fputs(usage_timehist, stdout);
		goto out;
	}
	path = cmd.path;
	r = trace_reader_open(path, err, sizeof(err));
	if (!r) {
		fprintf(stderr, "mmsim timehist: %s\n", err);
		ret = EXIT_BADINPUT;
		goto out;
	}
	for (;;) {
		if (nr == cap) {
			size_t ncap = cap ? cap * 2 : 4096;
			struct sched_record *n = realloc(recs, ncap * sizeof(*recs));

			if (!n) {
				fprintf(stderr, "mmsim timehist: out of memory\n");
				ret = EXIT_IOERR;
				goto out;
			}
			recs = n;
			cap = ncap;
		}
		rc = trace_reader_next(r, &recs[nr]);
		if (rc == 0)
			break;
		if (rc == -EINVAL) {
			fprintf(stderr, "mmsim timehist: warning: %s\n", trace_reader_error(r));
			warnings++;
			continue;
		}
		if (rc < 0) {
			fprintf(stderr, "mmsim timehist: %s\n", trace_reader_error(r));
			ret = EXIT_IOERR;
			goto out;
		}
		if (recs[nr].type != SCHED_REC_LOST && recs[nr].cpu > max_cpu)
			max_cpu = recs[nr].cpu;
		if (nr && recs[nr].time < recs[nr - 1].time)
			in_order = false;
		nr++;
	}
	if (!nr) {
		const char *name = strcmp(path, "-") ? path : "<stdin>";
		unsigned long lines = trace_reader_lines(r);

		if (!lines)
			fprintf(stderr, "mmsim timehist: '%s' is empty\n", name);
		else if (trace_reader_binary_lines(r))
			fprintf(stderr, "mmsim timehist: '%s' is not a trace: %lu of %lu lines hold binary data\n",
				name, trace_reader_binary_lines(r), lines);
		else if (warnings)
			fprintf(stderr, "mmsim timehist: '%s': no usable scheduler event (%zu malformed lines)\n",
				name, warnings);
		else
			fprintf(stderr, "mmsim timehist: '%s' is not a scheduler trace: no sched_* events in %lu lines\n",
				name, lines);
		ret = EXIT_BADINPUT;
		goto out;
	}
	if (!in_order && sort_records(&recs, nr)) {
		fprintf(stderr, "mmsim timehist: out of memory\n");
		ret = EXIT_IOERR;
		goto out;
	}
	if (cmd.time_str &&
	    parse_time_window(cmd.time_str, recs[0].time, recs[nr - 1].time, &o->time_start, &o->time_end)) {
		ret = bad_option("invalid time string '%s'", cmd.time_str);
		goto out;
	}
	o->nr_cpus = trace_reader_nr_cpus(r);
	if (o->nr_cpus <= 0)
		o->nr_cpus = max_cpu + 1;
	if (o->nr_cpus <= 0)
		o->nr_cpus = 1;

	rc = timehist_report(o, recs, nr, trace_reader_has_waking(r), stdout);
	if (rc == -EINVAL) {
		fprintf(stderr, "No sched_switch events found. Have you run 'perf sched record'?\n");
		ret = EXIT_BADINPUT;
	} else if (rc) {
		fprintf(stderr, "mmsim timehist: %s\n", strerror(-rc));
		ret = EXIT_IOERR;
	}
	if (fflush(stdout) && !ret)
		ret = EXIT_IOERR;
out:
	trace_reader_close(r);
	free(recs);
	timehist_cmd_release(&cmd);
	return ret;
}
