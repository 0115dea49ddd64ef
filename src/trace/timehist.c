// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace/timehist.c - `perf sched timehist` on scheduler records
 *
 * Mirrors tools/perf/builtin-sched.c of perf 6.1.187 (and, with
 * TIMEHIST_COMPAT_UPSTREAM, of current perf): timehist_sched_change_event(),
 * timehist_update_runtime_stats(), timehist_print_sample(), the wakeup and
 * migration handlers and timehist_print_summary(), as specified in
 * ../shared/reference/timehist.md (§4-§8).  Statistics follow
 * tools/perf/util/stat.c (Welford, double, relative stddev in a float).
 *
 * Simplifications: perf names tasks from side-band records (COMM, FORK,
 * EXIT); we only have the tracepoints, so (timehist.md §6.3):
 *   - comm = the leading comm column of the task's own records (for
 *     `perf script` input that column is perf's own comm, e.g. the
 *     "kworker/0:0-eve" perf read from /proc), the most recent one as the
 *     trace goes.  Before a task's first own record it is named by its
 *     first own record's comm looked up in advance (perf knew pre-existing
 *     tasks from /proc), or, for a task whose sched_process_fork the trace
 *     shows, by the prev_comm/next_comm/comm=/child_comm fields naming it;
 *   - tgid = the record's tgid column when present, else tid; the context
 *     pid 0 is perf's global "swapper" thread (tgid 0, printed bare);
 *   - ppid = parent_pid of sched_process_fork (as its parent's tgid when
 *     known), else -1 (perf reads it from /proc: 2 for kthreads, ...);
 *   - "Terminated tasks" (6.1) = tasks with a sched_process_exit record or
 *     whose switch-out state was Z or X (their final schedule; `perf sched
 *     record` does not record sched_process_exit).
 * On the two real traces of tests/data/perf-sched this reproduces every
 * row and name of perf 6.1.187 except one wakee perf had no comm for
 * (":70") and the parent pids of tasks that existed before the recording.
 * Invariants: tasks are keyed by tid (one object per tid, never freed
 * while reporting); output order never depends on pointers or hashing:
 * summary rows are sorted by (tid % 256, tid) in 6.1 mode, by tid upstream.
 */
#include "trace/timehist.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ */
/* State                                                               */
/* ------------------------------------------------------------------ */

/* tools/perf/util/stat.h: struct stats */
struct th_stats {
	double n, mean, m2;
	uint64_t max, min;
};

enum th_wait_class {
	TH_WAIT_SLEEP,
	TH_WAIT_IOWAIT,
	TH_WAIT_PREEMPT,
};

/* builtin-sched.c: struct thread_runtime */
struct th_runtime {
	uint64_t last_time;		/* last sched-out, unclipped */
	uint64_t dt_run, dt_sleep, dt_iowait, dt_preempt, dt_delay;
	uint64_t ready_to_run;		/* first wakeup since last sched-out */
	struct th_stats run_stats;
	uint64_t total_run_time, total_sleep_time, total_iowait_time;
	uint64_t total_preempt_time, total_delay_time;
	enum th_wait_class last_class;	/* how last_state classifies */
	uint64_t migrations;
};

struct th_task {
	int tid;
	int tgid;			/* 0: printed without brackets */
	int ppid;
	bool comm_self;			/* comm from the task's own record */
	bool forked;			/* a sched_process_fork created it */
	bool exited;			/* sched_process_exit, or switched out dead */
	struct th_task *last_thread;	/* idle objects with -I */
	char comm[SCHED_COMM_MAX];
	char name[32];			/* task_name()'s cache (perf's str[32]) */
	int name_len;
	bool name_ok;
	struct th_runtime rt;
};

struct timehist {
	const struct timehist_opts *o;
	FILE *out;
	bool upstream;
	bool has_waking;

	struct th_task **tasks;		/* in creation order */
	size_t nr_tasks, cap_tasks;
	uint32_t *hash;			/* open addressing: index + 1, 0 = empty */
	size_t hash_size;		/* power of two */

	struct th_task **idle;		/* per CPU, NULL until created */
	uint64_t *last_switch;		/* per CPU: evsel__get_time() */
	int nr_cpu_slots;

	int max_cpu;			/* sched->max_cpu */
	int comm_width;
	uint64_t hist_start, hist_end;
	uint64_t skipped_samples;
};

static void stats_init(struct th_stats *s)
{
	s->n = 0.0;
	s->mean = 0.0;
	s->m2 = 0.0;
	s->max = 0;
	s->min = UINT64_MAX;
}

/* as update_stats() in tools/perf/util/stat.c */
static void stats_update(struct th_stats *s, uint64_t val)
{
	double delta;

	s->n++;
	delta = (double)val - s->mean;
	s->mean += delta / s->n;
	s->m2 += delta * ((double)val - s->mean);
	if (val > s->max)
		s->max = val;
	if (val < s->min)
		s->min = val;
}

static double stats_stddev(const struct th_stats *s)
{
	double variance, variance_mean;

	if (s->n < 2)
		return 0.0;
	variance = s->m2 / (s->n - 1);
	variance_mean = variance / s->n;
	return sqrt(variance_mean);
}

static double rel_stddev(double stddev, double avg)
{
	double pct = 0.0;

	if (avg)
		pct = 100.0 * stddev / avg;
	return pct;
}

static struct th_task *task_new(int tid, int tgid)
{
	struct th_task *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->tid = tid;
	t->tgid = tgid;
	t->ppid = -1;
	stats_init(&t->rt.run_stats);
	return t;
}

static size_t tid_hash(int tid, size_t size)
{
	uint32_t h = (uint32_t)tid * 2654435761u;

	return h & (size - 1);
}

static int hash_grow(struct timehist *th)
{
	size_t size = th->hash_size ? th->hash_size * 2 : 1024;
	uint32_t *hash = calloc(size, sizeof(*hash));

	if (!hash)
		return -ENOMEM;
	for (size_t i = 0; i < th->nr_tasks; i++) {
		size_t h = tid_hash(th->tasks[i]->tid, size);

		while (hash[h])
			h = (h + 1) & (size - 1);
		hash[h] = (uint32_t)i + 1;
	}
	free(th->hash);
	th->hash = hash;
	th->hash_size = size;
	return 0;
}

static struct th_task *task_find(struct timehist *th, int tid)
{
	size_t h;

	if (!th->hash_size)
		return NULL;
	for (h = tid_hash(tid, th->hash_size); th->hash[h]; h = (h + 1) & (th->hash_size - 1))
		if (th->tasks[th->hash[h] - 1]->tid == tid)
			return th->tasks[th->hash[h] - 1];
	return NULL;
}

/*
 * machine__findnew_thread(): the task of @tid, created if new.  The global
 * swapper thread (tid 0) has tgid 0 and comm "swapper" as in perf.
 */
static struct th_task *task_findnew(struct timehist *th, int tid)
{
	struct th_task *t = task_find(th, tid);
	size_t h;

	if (t)
		return t;
	if ((th->nr_tasks + 1) * 2 > th->hash_size && hash_grow(th))
		return NULL;
	if (th->nr_tasks == th->cap_tasks) {
		size_t cap = th->cap_tasks ? th->cap_tasks * 2 : 256;
		struct th_task **tasks = realloc(th->tasks, cap * sizeof(*tasks));

		if (!tasks)
			return NULL;
		th->tasks = tasks;
		th->cap_tasks = cap;
	}
	t = task_new(tid, tid);
	if (!t)
		return NULL;
	if (tid == 0)
		strcpy(t->comm, "swapper");
	th->tasks[th->nr_tasks++] = t;
	for (h = tid_hash(tid, th->hash_size); th->hash[h]; h = (h + 1) & (th->hash_size - 1))
		;
	th->hash[h] = (uint32_t)th->nr_tasks;
	return t;
}

/* get_idle_thread(): the per-CPU "<idle>" object, tid 0, tgid 0 */
static struct th_task *idle_task(struct timehist *th, int cpu)
{
	if (!th->idle[cpu]) {
		th->idle[cpu] = task_new(0, 0);
		if (th->idle[cpu])
			strcpy(th->idle[cpu]->comm, "<idle>");
	}
	return th->idle[cpu];
}

static bool is_idle(const struct th_task *t)
{
	return t->tid == 0;
}

static void set_comm(struct th_task *t, const char *comm)
{
	size_t n = strlen(comm);

	if (n >= sizeof(t->comm))
		n = sizeof(t->comm) - 1;
	memcpy(t->comm, comm, n);
	t->comm[n] = '\0';
	t->name_ok = false;
}

/* A comm named in a field: used only until the task's own record is seen. */
static void note_field_comm(struct timehist *th, int tid, const char *comm)
{
	struct th_task *t;

	if (tid <= 0 || !comm[0])
		return;
	t = task_findnew(th, tid);
	if (t && !t->comm_self)
		set_comm(t, comm);
}

/* ------------------------------------------------------------------ */
/* Output helpers                                                      */
/* ------------------------------------------------------------------ */

/*
 * timehist_get_commstr(): "comm", "comm[tid]" or "comm[tid/tgid]", cut at
 * 31 characters; also widens the sticky comm_width.  Cached per task
 * until its comm or tgid changes.
 */
static const char *task_name(struct timehist *th, struct th_task *t)
{
	if (!t->name_ok) {
		char unknown[24];
		const char *comm = t->comm;
		int n;

		if (!comm[0]) {
			snprintf(unknown, sizeof(unknown), ":%d", t->tid);
			comm = unknown;
		}
		if (t->tgid == 0)
			n = snprintf(t->name, sizeof(t->name), "%s", comm);
		else if (t->tid != t->tgid)
			n = snprintf(t->name, sizeof(t->name), "%s[%d/%d]", comm, t->tid, t->tgid);
		else
			n = snprintf(t->name, sizeof(t->name), "%s[%d]", comm, t->tid);
		/* scnprintf(): what was written, not what would have been */
		if (n > (int)sizeof(t->name) - 1)
			n = (int)sizeof(t->name) - 1;
		t->name_len = n;
		t->name_ok = true;
	}
	if (t->name_len > th->comm_width)
		th->comm_width = t->name_len;
	return t->name;
}

/*
 * The table has one row per switch (millions for a long recording), so
 * its numbers are formatted by hand rather than with printf.
 */

/* @v in decimal, at least @digits digits (zero-padded), ending at @end */
static char *fmt_u64(char *end, uint64_t v, int digits)
{
	char *p = end;

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
		digits--;
	} while (v || digits > 0);
	return p;
}

/* timestamp__scnprintf_usec(): "%lu.%06lu", truncated to µs */
static void format_usec(char *buf, size_t len, uint64_t t)
{
	char tmp[32], *end = tmp + sizeof(tmp), *p;
	size_t n;

	p = fmt_u64(end, (t % 1000000000) / 1000, 6);
	*--p = '.';
	p = fmt_u64(p, t / 1000000000, 1);
	n = (size_t)(end - p);
	if (n >= len)
		n = len - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
}

static void put_blanks(FILE *out, int n)
{
	static const char blanks[] = "                                                                ";

	while (n > 0) {
		int k = n < (int)sizeof(blanks) - 1 ? n : (int)sizeof(blanks) - 1;

		fwrite_unlocked(blanks, 1, (size_t)k, out);
		n -= k;
	}
}

/* @s right-aligned in @width, as "%*s" */
static void put_right(FILE *out, const char *s, size_t len, int width)
{
	put_blanks(out, width - (int)len);
	fwrite_unlocked(s, 1, len, out);
}

/* @s left-aligned in @width, as "%-*s" */
static void put_left(FILE *out, const char *s, int width)
{
	size_t len = strlen(s);

	fwrite_unlocked(s, 1, len, out);
	put_blanks(out, width - (int)len);
}

/* print_sched_time(): "%*lu.%03lu " with msec.usec truncated */
static void print_sched_time(FILE *out, uint64_t ns, int width)
{
	uint64_t msecs = ns / 1000000;
	uint64_t usecs = (ns - msecs * 1000000) / 1000;
	char tmp[40], *end = tmp + sizeof(tmp) - 1, *p;

	*end = ' ';
	p = fmt_u64(end, usecs, 3);
	*--p = '.';
	p = fmt_u64(p, msecs, 1);
	/* the width applies to the msec part */
	put_right(out, p, (size_t)(end + 1 - p), width + 5);
}

/* "%15s [%04d] ": the time and cpu columns of every line */
static void put_time_cpu(FILE *out, uint64_t t, int cpu)
{
	char tstr[32];

	format_usec(tstr, sizeof(tstr), t);
	put_right(out, tstr, strlen(tstr), 15);
	if (cpu >= 0 && cpu <= 9999) {
		char c[9] = { ' ', '[', '0', '0', '0', '0', ']', ' ', 0 };

		fmt_u64(c + 6, (uint64_t)cpu, 4);
		fwrite_unlocked(c, 1, 8, out);
	} else {
		fprintf(out, " [%04d] ", cpu);
	}
}

static const char dashes[] =
	"--------------------------------------------------------------------------------"
	"--------------------------------------------------------------------------------";

static bool cpu_listed(const struct timehist *th, int cpu)
{
	const uint64_t *m = th->o->cpu_mask;

	if (!m)
		return true;
	return cpu >= 0 && cpu < TIMEHIST_MAX_CPUS && (m[cpu / 64] >> (cpu % 64)) & 1;
}

static bool int_listed(const int *list, size_t nr, int v)
{
	for (size_t i = 0; i < nr; i++)
		if (list[i] == v)
			return true;
	return false;
}

/* thread__is_filtered() */
static bool task_filtered(const struct timehist *th, const struct th_task *t)
{
	if (th->o->pids && !int_listed(th->o->pids, th->o->nr_pids, t->tgid))
		return true;
	if (th->o->tids && !int_listed(th->o->tids, th->o->nr_tids, t->tid))
		return true;
	return false;
}

/* timehist_skip_sample() for a non-switch event */
static bool skip_other_sample(struct timehist *th, const struct th_task *t)
{
	bool rc = false;

	if (task_filtered(th, t)) {
		rc = true;
		th->skipped_samples++;
	}
	if (th->o->idle_hist)
		rc = true;
	return rc;
}

/* timehist_header() */
static void print_header(struct timehist *th)
{
	const struct timehist_opts *o = th->o;
	FILE *out = th->out;
	int ncol = th->max_cpu + 1;

	fprintf(out, "%15s %6s ", "time", "cpu");
	if (o->cpu_visual) {
		fprintf(out, " ");
		for (int i = 0, j = 0; i < ncol; i++) {
			fprintf(out, "%x", j++);
			if (j > 15)
				j = 0;
		}
		fprintf(out, " ");
	}
	fprintf(out, " %-*s  %9s  %9s  %9s", th->comm_width, "task name",
		"wait time", "sch delay", "run time");
	if (o->state)
		fprintf(out, "  %s", "state");
	fprintf(out, "\n");

	fprintf(out, "%15s %-6s ", "", "");
	if (o->cpu_visual)
		fprintf(out, " %*s ", ncol, "");
	fprintf(out, " %-*s  %9s  %9s  %9s", th->comm_width, "[tid/pid]",
		"(msec)", "(msec)", "(msec)");
	if (o->state && !th->upstream)
		fprintf(out, "  %5s", "");
	fprintf(out, "\n");

	fprintf(out, "%.15s %.6s ", dashes, dashes);
	if (o->cpu_visual)
		fprintf(out, " %.*s ", ncol, dashes);
	fprintf(out, " %.*s  %.9s  %.9s  %.9s", th->comm_width, dashes, dashes, dashes, dashes);
	if (o->state)
		fprintf(out, "  %.5s", dashes);
	fprintf(out, "\n");
}

/* ------------------------------------------------------------------ */
/* prev_state                                                          */
/* ------------------------------------------------------------------ */

/* 6.1: task_state_char() with TASK_STATE_TO_CHAR_STR; upstream: evsel__taskstate() */
static char state_letter(const struct timehist *th, unsigned int raw)
{
	static const char old_table[] = "RSDTtZXxKWP";
	static const char new_table[] = "SDTtXZPI";
	int bit = raw ? ffs((int)raw) : 0;

	if (!th->upstream)
		return bit < (int)sizeof(old_table) - 1 ? old_table[bit] : '?';
	if (bit == 0 || bit > (int)sizeof(new_table) - 1)
		return 'R';
	return new_table[bit - 1];
}

static enum th_wait_class state_class(const struct timehist *th, unsigned int raw)
{
	if (!th->upstream) {
		/* 6.1 compares the raw value: R+ (0x100) counts as sleep */
		if (raw == 0)
			return TH_WAIT_PREEMPT;
		return raw == 2 ? TH_WAIT_IOWAIT : TH_WAIT_SLEEP;
	}
	switch (state_letter(th, raw)) {
	case 'R':
		return TH_WAIT_PREEMPT;
	case 'D':
		return TH_WAIT_IOWAIT;
	default:
		return TH_WAIT_SLEEP;
	}
}

/* ------------------------------------------------------------------ */
/* Event handlers                                                      */
/* ------------------------------------------------------------------ */

/* timehist_update_runtime_stats() */
static void update_runtime_stats(struct th_runtime *r, uint64_t t, uint64_t tprev)
{
	r->dt_delay = 0;
	r->dt_sleep = 0;
	r->dt_iowait = 0;
	r->dt_preempt = 0;
	r->dt_run = 0;

	if (tprev) {
		r->dt_run = t - tprev;
		/* "time travel" (wakeup after the previous switch): no delay */
		if (r->ready_to_run && r->ready_to_run <= tprev)
			r->dt_delay = tprev - r->ready_to_run;
		if (r->last_time && r->last_time <= tprev) {
			uint64_t dt_wait = tprev - r->last_time;

			if (r->last_class == TH_WAIT_PREEMPT)
				r->dt_preempt = dt_wait;
			else if (r->last_class == TH_WAIT_IOWAIT)
				r->dt_iowait = dt_wait;
			else
				r->dt_sleep = dt_wait;
		}
	}

	stats_update(&r->run_stats, r->dt_run);

	r->total_run_time += r->dt_run;
	r->total_delay_time += r->dt_delay;
	r->total_sleep_time += r->dt_sleep;
	r->total_iowait_time += r->dt_iowait;
	r->total_preempt_time += r->dt_preempt;
}

/* timehist_print_sample() */
static void print_sample(struct timehist *th, const struct sched_record *rec,
			 struct th_task *t, uint64_t time, char state)
{
	const struct timehist_opts *o = th->o;
	const struct th_runtime *tr = &t->rt;
	FILE *out = th->out;
	const char *name;

	if (!cpu_listed(th, rec->cpu))
		return;
	put_time_cpu(out, time, rec->cpu);
	if (o->cpu_visual) {
		fputc_unlocked(' ', out);
		for (int i = 0; i < th->max_cpu + 1; i++)
			fputc_unlocked(i == rec->cpu ? (is_idle(t) ? 'i' : 's') : ' ', out);
		fputc_unlocked(' ', out);
	}
	name = task_name(th, t);
	fputc_unlocked(' ', out);
	put_left(out, name, th->comm_width);
	fputc_unlocked(' ', out);
	print_sched_time(out, tr->dt_sleep + tr->dt_iowait + tr->dt_preempt, 6);
	print_sched_time(out, tr->dt_delay, 6);
	print_sched_time(out, tr->dt_run, 6);
	if (o->state)
		fprintf(out, " %5c ", is_idle(t) ? 'I' : state);
	if (o->next) {
		char nstr[SCHED_COMM_MAX + 32];

		/* perf's buffer holds 30 bytes: "next: comm[pid]" cut at 29 chars */
		snprintf(nstr, sizeof(nstr), "next: %s[%d]", rec->sw.next_comm, rec->sw.next_pid);
		nstr[29] = '\0';
		fprintf(out, " %-*s", th->comm_width, nstr);
	}
	if (o->wakeups && !o->next) {
		fputs("  ", out);
		put_left(out, "", th->comm_width);
	}
	fputc_unlocked('\n', out);
}

/* timehist_sched_change_event() */
static void handle_switch(struct timehist *th, const struct sched_record *rec)
{
	const struct timehist_opts *o = th->o;
	unsigned int raw = rec->sw.prev_state;
	enum th_wait_class cls;
	struct th_task *task, *last;
	struct th_runtime *tr = NULL;
	uint64_t t = rec->time, tprev;
	int cpu = rec->cpu;
	bool skip = false;
	char state;

	if (rec->sw.prev_pid == 0) {
		task = idle_task(th, cpu);
	} else {
		int tid = rec->tid ? rec->tid : (rec->tgid > 0 ? rec->tgid : 0);

		task = task_findnew(th, tid);
		/* upstream V8: a thread without a comm takes prev_comm */
		if (task && th->upstream && !task->comm[0])
			set_comm(task, rec->sw.prev_comm);
		if (task && o->idle_hist) {
			struct th_task *idle = idle_task(th, cpu);

			if (idle)
				idle->last_thread = task;
		}
	}
	if (!task)
		goto save_time;
	cls = state_class(th, raw);
	state = state_letter(th, raw);

	/* timehist_skip_sample() */
	if (task_filtered(th, task)) {
		skip = true;
		th->skipped_samples++;
	}
	if (o->idle_hist && rec->sw.prev_pid != 0 && rec->sw.next_pid != 0)
		skip = true;
	if (skip)
		goto out;

	tr = &task->rt;
	tprev = th->last_switch[cpu];

	if (o->time_start && o->time_start > t)
		goto out;
	if (tprev && o->time_start > tprev)
		tprev = o->time_start;
	if (o->time_end) {
		/* 6.1.187 and upstream: an unknown sched-in gives no row (V3) */
		if (!tprev || tprev > o->time_end)
			goto out;
		if (t > o->time_end)
			t = o->time_end;
	}

	if (!o->idle_hist || is_idle(task)) {
		if (cpu_listed(th, cpu))
			update_runtime_stats(tr, t, tprev);
		if (o->idle_hist) {
			last = task->last_thread;
			if (!last)
				goto out;
			/* the idle period is charged to the task that went idle */
			update_runtime_stats(&last->rt, t, tprev);
			last->rt.dt_run = 0;
			last->rt.dt_delay = 0;
			last->rt.dt_sleep = 0;
			last->rt.dt_iowait = 0;
			last->rt.dt_preempt = 0;
			task->last_thread = NULL;
		}
		if (th->upstream && !o->summary_only)
			print_sample(th, rec, task, t, state);
	}
	if (!th->upstream && !o->summary_only)
		print_sample(th, rec, task, t, state);

out:
	if (th->hist_start == 0 && t >= o->time_start)
		th->hist_start = t;
	if (o->time_end == 0 || t <= o->time_end)
		th->hist_end = t;
	/* the final schedule of an exiting task: prev_state Z or X */
	if (raw & (0x10 | 0x20))
		task->exited = true;
	if (tr) {
		tr->last_time = rec->time;
		tr->last_class = cls;
		if (th->upstream)
			/* V2: a runnable task's wait counts as sch delay */
			tr->ready_to_run = cls == TH_WAIT_PREEMPT ? t : 0;
		else
			tr->ready_to_run = 0;
	}
save_time:
	th->last_switch[cpu] = rec->time;
}

static struct th_task *context_task(struct timehist *th, const struct sched_record *rec)
{
	int tid = rec->tid ? rec->tid : (rec->tgid > 0 ? rec->tgid : 0);

	return task_findnew(th, tid);
}

/* timehist_sched_wakeup_event() and timehist_print_wakeup_event() */
static void handle_wakeup(struct timehist *th, const struct sched_record *rec)
{
	const struct timehist_opts *o = th->o;
	struct th_task *wakee, *waker;
	const char *name;

	/* "prefer sched_waking": sched_wakeup is ignored when waking exists */
	if (rec->type == SCHED_REC_WAKEUP && th->has_waking)
		return;
	wakee = task_findnew(th, rec->wake.pid);
	if (!wakee)
		return;
	if (wakee->rt.ready_to_run == 0)
		wakee->rt.ready_to_run = rec->time;

	if (!o->wakeups || (o->time_start && o->time_start > rec->time) ||
	    (o->time_end && o->time_end < rec->time))
		return;
	waker = context_task(th, rec);
	if (!waker)
		return;
	if (skip_other_sample(th, waker) && skip_other_sample(th, wakee))
		return;
	put_time_cpu(th->out, rec->time, rec->cpu);
	if (o->cpu_visual)
		fprintf(th->out, " %*s ", th->max_cpu + 1, "");
	name = task_name(th, waker);
	fprintf(th->out, " %-*s ", th->comm_width, name);
	fprintf(th->out, "  %9s  %9s  %9s ", "", "", "");
	fprintf(th->out, "awakened: %s\n", task_name(th, wakee));
}

/* timehist_migrate_task_event() and timehist_print_migration_event() */
static void handle_migrate(struct timehist *th, const struct sched_record *rec)
{
	const struct timehist_opts *o = th->o;
	struct th_task *task, *ctx;
	const char *name;

	/* the handler is registered only with -M */
	if (!o->migrations)
		return;
	task = task_findnew(th, rec->migrate.pid);
	if (!task)
		return;
	task->rt.migrations++;
	if (o->summary_only)
		return;
	ctx = context_task(th, rec);
	if (!ctx)
		return;
	if (skip_other_sample(th, ctx) && skip_other_sample(th, task))
		return;
	put_time_cpu(th->out, rec->time, rec->cpu);
	if (o->cpu_visual) {
		fprintf(th->out, "  ");
		for (int i = 0; i < th->max_cpu + 1; i++)
			fputc(i == rec->cpu ? 'm' : ' ', th->out);
		fprintf(th->out, "  ");
	}
	name = task_name(th, ctx);
	fprintf(th->out, " %-*s ", th->comm_width, name);
	fprintf(th->out, "  %9s  %9s  %9s ", "", "", "");
	fprintf(th->out, "migrated: %s", task_name(th, task));
	fprintf(th->out, " cpu %d => %d\n", rec->migrate.orig_cpu, rec->migrate.dest_cpu);
}

/* process_lost() */
static void handle_lost(struct timehist *th, const struct sched_record *rec)
{
	char tstr[64];

	format_usec(tstr, sizeof(tstr), rec->time);
	fprintf(th->out, "%15s ", tstr);
	fprintf(th->out, "lost %" PRIu64 " events on cpu %d\n", rec->lost.count, rec->cpu);
}

/*
 * perf names a task that existed before the recording from /proc (its
 * synthesized COMM), so even where a wakeup names it before any event of
 * its own, perf prints the comm its own events later show (a kworker's
 * "kworker/0:0-eve", not the tracepoint's "kworker/0:0").  Take a task's
 * first own-context comm in advance unless the trace shows its fork.
 */
static int prescan_comms(struct timehist *th, const struct sched_record *recs, size_t nr)
{
	for (size_t i = 0; i < nr; i++) {
		const struct sched_record *rec = &recs[i];
		struct th_task *t;

		if (rec->type == SCHED_REC_FORK && rec->fork.child_pid > 0) {
			t = task_findnew(th, rec->fork.child_pid);
			if (!t)
				return -ENOMEM;
			if (!t->comm_self)
				t->forked = true;
		}
		if (rec->type == SCHED_REC_LOST || rec->tid <= 0 || !rec->comm[0] ||
		    !strcmp(rec->comm, "<...>"))
			continue;
		t = task_findnew(th, rec->tid);
		if (!t)
			return -ENOMEM;
		if (!t->forked && !t->comm_self) {
			set_comm(t, rec->comm);
			t->comm_self = true;
		}
	}
	return 0;
}

/* Naming and identity from the record (timehist.md §6.3, file comment). */
static void note_identity(struct timehist *th, const struct sched_record *rec)
{
	struct th_task *t;

	if (rec->type != SCHED_REC_LOST && rec->tid > 0) {
		t = task_findnew(th, rec->tid);
		if (t) {
			if (rec->comm[0] && strcmp(rec->comm, "<...>")) {
				set_comm(t, rec->comm);
				t->comm_self = true;
			}
			if (rec->tgid > 0 && t->tgid != rec->tgid) {
				t->tgid = rec->tgid;
				t->name_ok = false;
			}
		}
	}
	switch (rec->type) {
	case SCHED_REC_SWITCH:
		note_field_comm(th, rec->sw.prev_pid, rec->sw.prev_comm);
		note_field_comm(th, rec->sw.next_pid, rec->sw.next_comm);
		break;
	case SCHED_REC_WAKING:
	case SCHED_REC_WAKEUP:
	case SCHED_REC_WAKEUP_NEW:
		note_field_comm(th, rec->wake.pid, rec->wake.comm);
		break;
	case SCHED_REC_MIGRATE:
		note_field_comm(th, rec->migrate.pid, rec->migrate.comm);
		break;
	case SCHED_REC_FORK:
		note_field_comm(th, rec->fork.child_pid, rec->fork.child_comm);
		if (rec->fork.child_pid > 0) {
			struct th_task *parent = task_find(th, rec->fork.parent_pid);

			t = task_findnew(th, rec->fork.child_pid);
			if (t)
				t->ppid = parent ? parent->tgid : rec->fork.parent_pid;
		}
		break;
	case SCHED_REC_EXIT:
		if (rec->exit.pid > 0) {
			t = task_findnew(th, rec->exit.pid);
			if (t)
				t->exited = true;
		}
		break;
	default:
		break;
	}
}

/* ------------------------------------------------------------------ */
/* Summary                                                             */
/* ------------------------------------------------------------------ */

struct th_totals {
	uint64_t task_count, sched_count, total_run_time;
};

static void print_task_runtime(struct timehist *th, struct th_task *t)
{
	const char *name;
	const struct th_runtime *r = &t->rt;
	double mean = r->run_stats.mean;
	float stddev;
	FILE *out = th->out;

	name = task_name(th, t);
	fprintf(out, "%*s   %5d  %9" PRIu64 " ", th->comm_width, name, t->ppid,
		(uint64_t)r->run_stats.n);
	print_sched_time(out, r->total_run_time, 8);
	stddev = (float)rel_stddev(stats_stddev(&r->run_stats), mean);
	print_sched_time(out, r->run_stats.min, 6);
	fputc(' ', out);
	print_sched_time(out, (uint64_t)mean, 6);
	fputc(' ', out);
	print_sched_time(out, r->run_stats.max, 6);
	fprintf(out, "  ");
	fprintf(out, "%5.2f", stddev);
	fprintf(out, "   %5" PRIu64 "\n", r->migrations);
}

static void print_task_waittime(struct timehist *th, struct th_task *t)
{
	const char *name;
	const struct th_runtime *r = &t->rt;
	FILE *out = th->out;

	name = task_name(th, t);
	fprintf(out, "%*s   %5d  %9" PRIu64 " ", th->comm_width, name, t->ppid,
		(uint64_t)r->run_stats.n);
	print_sched_time(out, r->total_run_time, 8);
	print_sched_time(out, r->total_sleep_time, 6);
	fputc(' ', out);
	print_sched_time(out, r->total_iowait_time, 6);
	fputc(' ', out);
	print_sched_time(out, r->total_preempt_time, 6);
	fputc(' ', out);
	print_sched_time(out, r->total_delay_time, 6);
	fputc('\n', out);
}

/* show_thread_runtime(): listed iff not filtered and it has rows */
static void show_task(struct timehist *th, struct th_task *t, struct th_totals *tot)
{
	if (task_filtered(th, t) || !t->rt.run_stats.n)
		return;
	tot->task_count++;
	tot->sched_count += (uint64_t)t->rt.run_stats.n;
	tot->total_run_time += t->rt.total_run_time;
	if (th->o->state)
		print_task_waittime(th, t);
	else
		print_task_runtime(th, t);
}

static int cmp_tid_bucket(const void *a, const void *b)
{
	const struct th_task *x = *(const struct th_task *const *)a;
	const struct th_task *y = *(const struct th_task *const *)b;
	/* perf 6.1's threads: 256 buckets by tid % 256, each an rbtree by tid */
	unsigned int bx = (unsigned int)x->tid % 256, by = (unsigned int)y->tid % 256;

	if (bx != by)
		return bx < by ? -1 : 1;
	return (x->tid > y->tid) - (x->tid < y->tid);
}

static int cmp_tid(const void *a, const void *b)
{
	const struct th_task *x = *(const struct th_task *const *)a;
	const struct th_task *y = *(const struct th_task *const *)b;

	return (x->tid > y->tid) - (x->tid < y->tid);
}

/* timehist_print_summary() */
static int print_summary(struct timehist *th)
{
	const struct timehist_opts *o = th->o;
	uint64_t hist_time = th->hist_end - th->hist_start;
	struct th_totals tot = { 0 };
	struct th_task **sorted;
	FILE *out = th->out;
	uint64_t live;

	sorted = malloc((th->nr_tasks ? th->nr_tasks : 1) * sizeof(*sorted));
	if (!sorted)
		return -ENOMEM;
	memcpy(sorted, th->tasks, th->nr_tasks * sizeof(*sorted));
	qsort(sorted, th->nr_tasks, sizeof(*sorted), th->upstream ? cmp_tid : cmp_tid_bucket);

	if (o->idle_hist) {
		fprintf(out, "\nIdle-time summary\n");
		fprintf(out, "%*s  parent  sched-out  ", th->comm_width, "comm");
		fprintf(out, "  idle-time   min-idle    avg-idle    max-idle  stddev  migrations\n");
	} else if (o->state) {
		fprintf(out, "\nWait-time summary\n");
		fprintf(out, "%*s  parent   sched-in  ", th->comm_width, "comm");
		fprintf(out, "   run-time      sleep      iowait     preempt       delay\n");
	} else {
		fprintf(out, "\nRuntime summary\n");
		fprintf(out, "%*s  parent   sched-in  ", th->comm_width, "comm");
		fprintf(out, "   run-time    min-run     avg-run     max-run  stddev  migrations\n");
	}
	fprintf(out, "%*s            (count)  ", th->comm_width, "");
	fprintf(out, "     (msec)     (msec)      (msec)      (msec)       %s\n",
		o->state ? "(msec)" : "%");
	fprintf(out, "%.117s\n", dashes);

	for (size_t i = 0; i < th->nr_tasks; i++)
		if (th->upstream || !sorted[i]->exited)
			show_task(th, sorted[i], &tot);
	live = tot.task_count;
	if (!live)
		fprintf(out, "<no still running tasks>\n");
	if (!th->upstream) {
		/* 6.1: perf's dead threads (here: sched_process_exit seen) */
		fprintf(out, "\nTerminated tasks:\n");
		for (size_t i = 0; i < th->nr_tasks; i++)
			if (sorted[i]->exited)
				show_task(th, sorted[i], &tot);
		if (live == tot.task_count)
			fprintf(out, "<no terminated tasks>\n");
	}
	free(sorted);

	/* CPU idle stats are not tracked when samples were skipped */
	if (th->skipped_samples && !o->idle_hist)
		return 0;

	fprintf(out, "\nIdle stats:\n");
	for (int i = 0; i < th->nr_cpu_slots; i++) {
		const struct th_runtime *r;

		if (!cpu_listed(th, i) || !th->idle[i])
			continue;
		r = &th->idle[i]->rt;
		if (r->run_stats.n) {
			tot.sched_count += (uint64_t)r->run_stats.n;
			fprintf(out, "    CPU %2d idle for ", i);
			print_sched_time(out, r->total_run_time, 6);
			fprintf(out, " msec  (%6.2f%%)\n", 100.0 * (double)r->total_run_time / (double)hist_time);
		} else {
			fprintf(out, "    CPU %2d idle entire time window\n", i);
		}
	}
	fprintf(out, "\n    Total number of unique tasks: %" PRIu64 "\n"
		"Total number of context switches: %" PRIu64 "\n", tot.task_count, tot.sched_count);
	fprintf(out, "           Total run time (msec): ");
	print_sched_time(out, tot.total_run_time, 2);
	fprintf(out, "\n");
	fprintf(out, "    Total scheduling time (msec): ");
	print_sched_time(out, hist_time, 2);
	fprintf(out, " (x %d)\n", th->max_cpu);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Entry point                                                         */
/* ------------------------------------------------------------------ */

static void timehist_release(struct timehist *th)
{
	for (size_t i = 0; i < th->nr_tasks; i++)
		free(th->tasks[i]);
	free(th->tasks);
	free(th->hash);
	if (th->idle)
		for (int i = 0; i < th->nr_cpu_slots; i++)
			free(th->idle[i]);
	free(th->idle);
	free(th->last_switch);
}

int timehist_report(const struct timehist_opts *o, const struct sched_record *recs,
		    size_t nr, bool has_waking, FILE *out)
{
	struct timehist th = {
		.o = o,
		.out = out,
		.upstream = o->compat == TIMEHIST_COMPAT_UPSTREAM,
		.has_waking = has_waking,
		.comm_width = 30,
	};
	bool have_switch = false;
	int slots, ret = 0;

	/* perf: nr_cpus_online from the header, 4 if it says 0 */
	th.max_cpu = o->nr_cpus > 0 ? o->nr_cpus : 4;
	if (th.max_cpu > TIMEHIST_MAX_CPUS)
		th.max_cpu = TIMEHIST_MAX_CPUS;
	slots = th.max_cpu;
	for (size_t i = 0; i < nr; i++) {
		if (recs[i].type == SCHED_REC_SWITCH)
			have_switch = true;
		if (recs[i].cpu >= slots && recs[i].cpu < TIMEHIST_MAX_CPUS)
			slots = recs[i].cpu + 1;
	}
	if (!have_switch)
		return -EINVAL;

	th.nr_cpu_slots = slots;
	th.idle = calloc((size_t)slots, sizeof(*th.idle));
	th.last_switch = calloc((size_t)slots, sizeof(*th.last_switch));
	if (!th.idle || !th.last_switch) {
		ret = -ENOMEM;
		goto out;
	}
	/* init_idle_threads(): CPUs 0 .. nr_cpus_online-1 exist from the start */
	for (int i = 0; i < th.max_cpu; i++)
		if (!idle_task(&th, i)) {
			ret = -ENOMEM;
			goto out;
		}

	ret = prescan_comms(&th, recs, nr);
	if (ret)
		goto out;
	if (!o->summary_only)
		print_header(&th);

	for (size_t i = 0; i < nr; i++) {
		const struct sched_record *rec = &recs[i];

		if (rec->type != SCHED_REC_LOST &&
		    (rec->cpu < 0 || rec->cpu >= TIMEHIST_MAX_CPUS))
			continue;
		note_identity(&th, rec);
		switch (rec->type) {
		case SCHED_REC_SWITCH:
		case SCHED_REC_WAKING:
		case SCHED_REC_WAKEUP:
		case SCHED_REC_WAKEUP_NEW:
		case SCHED_REC_MIGRATE:
			/* perf_timehist__process_sample() */
			if (rec->cpu > th.max_cpu)
				th.max_cpu = rec->cpu;
			break;
		default:
			break;
		}
		switch (rec->type) {
		case SCHED_REC_SWITCH:
			handle_switch(&th, rec);
			break;
		case SCHED_REC_WAKING:
		case SCHED_REC_WAKEUP:
		case SCHED_REC_WAKEUP_NEW:
			handle_wakeup(&th, rec);
			break;
		case SCHED_REC_MIGRATE:
			handle_migrate(&th, rec);
			break;
		case SCHED_REC_LOST:
			handle_lost(&th, rec);
			break;
		default:
			break;
		}
	}

	if (o->summary_only || o->with_summary)
		ret = print_summary(&th);
out:
	timehist_release(&th);
	return ret;
}
