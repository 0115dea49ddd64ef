// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace/reader.c - scheduler tracepoints from perf script, ftrace and trace-cmd text
 *
 * Each line is taken apart around its timestamp: "SECONDS.FRACTION:" (6 or
 * 9 digits, or any other count) followed by the event name.  What precedes
 * it is the common part, which ends in "[CPU]" and, for ftrace, the latency
 * flags; before the CPU stands either "comm-pid" (ftrace, trace-cmd),
 * optionally followed by a "(tgid)" column, or "comm tid" / "comm pid/tid"
 * (perf script).  Comms may contain spaces and dashes, so the pid is the
 * last token.  After the event name ("sched_switch" or
 * "sched:sched_switch") comes the TP_printk payload of kernel 4.3 and
 * later, or the sched plugin's form of trace-cmd report
 * ("prev_comm:prev_pid [prio] S ==> next_comm:next_pid [prio]").  Fields
 * holding comms are cut at the next known key, so comms with spaces
 * survive.  Everything else (other events, comments, headers) is skipped.
 *
 * Timestamps are converted to integer ns without floating point; a
 * 6-digit (µs) ftrace timestamp becomes a multiple of 1000.
 */
#include "trace/reader.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/*
 * The comm strings of all records: each distinct string once, in chunks that
 * never move, found through an open-addressing hash table.  A trace has a few
 * hundred distinct comms and millions of records, so records hold pointers
 * here rather than copies (the record shrinks from 264 to 96 bytes).
 */
#define COMM_CHUNK	(64 * 1024)

struct comm_chunk {
	struct comm_chunk *prev;
	size_t used;
	char data[COMM_CHUNK];
};

struct trace_reader {
	gzFile gz;
	struct comm_chunk *chunk;	/* newest chunk, linked to older ones */
	const char **comm_slots;	/* hash table, power-of-two size */
	size_t comm_mask, nr_comms;
	char *path;
	char buf[1 << 16];		/* input chunk */
	size_t pos, end;
	char *line;
	size_t cap;
	unsigned long binary_lines;	/* lines with NUL bytes, skipped */
	unsigned long lineno;
	enum trace_format format;
	int nr_cpus;
	bool has_waking;
	char err[512];
};

static const struct {
	const char *name;
	enum sched_record_type type;
} known_events[] = {
	{ "sched_switch", SCHED_REC_SWITCH },
	{ "sched_waking", SCHED_REC_WAKING },
	{ "sched_wakeup", SCHED_REC_WAKEUP },
	{ "sched_wakeup_new", SCHED_REC_WAKEUP_NEW },
	{ "sched_migrate_task", SCHED_REC_MIGRATE },
	{ "sched_process_fork", SCHED_REC_FORK },
	{ "sched_process_exit", SCHED_REC_EXIT },
};

struct trace_reader *trace_reader_open(const char *path, char *err, size_t errlen)
{
	struct trace_reader *r = calloc(1, sizeof(*r));

	if (!r) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	r->gz = strcmp(path, "-") ? gzopen(path, "rb") : gzdopen(0, "rb");
	r->path = strdup(strcmp(path, "-") ? path : "<stdin>");
	r->cap = 4096;
	r->line = malloc(r->cap);
	if (!r->gz || !r->path || !r->line) {
		snprintf(err, errlen, "cannot open '%s': %s", path, errno ? strerror(errno) : "out of memory");
		trace_reader_close(r);
		return NULL;
	}
	return r;
}

void trace_reader_close(struct trace_reader *r)
{
	if (!r)
		return;
	if (r->gz)
		gzclose(r->gz);
	while (r->chunk) {
		struct comm_chunk *prev = r->chunk->prev;

		free(r->chunk);
		r->chunk = prev;
	}
	free(r->comm_slots);
	free(r->path);
	free(r->line);
	free(r);
}

const char *trace_reader_error(const struct trace_reader *r)
{
	return r->err;
}

enum trace_format trace_reader_format(const struct trace_reader *r)
{
	return r->format;
}

int trace_reader_nr_cpus(const struct trace_reader *r)
{
	return r->nr_cpus;
}

unsigned long trace_reader_lines(const struct trace_reader *r)
{
	return r->lineno;
}

unsigned long trace_reader_binary_lines(const struct trace_reader *r)
{
	return r->binary_lines;
}

bool trace_reader_has_waking(const struct trace_reader *r)
{
	return r->has_waking;
}

/*
 * Read one line (any length) into r->line; 1, 0 at EOF, -EIO.  Input is
 * taken in large chunks and split here, so NUL bytes cannot hide line
 * ends; a line with a NUL in it is flagged binary (r->binary_lines).
 */
static int read_line(struct trace_reader *r, size_t *len_out)
{
	size_t len = 0;
	bool nul = false;

	for (;;) {
		char *nl;
		size_t take;

		if (r->pos == r->end) {
			int n = gzread(r->gz, r->buf, sizeof(r->buf));

			if (n < 0)
				return -EIO;
			if (n == 0) {
				int errnum;

				gzerror(r->gz, &errnum);
				if (errnum != Z_OK && errnum != Z_STREAM_END)
					return -EIO;
				if (len == 0)
					return 0;
				break;
			}
			r->pos = 0;
			r->end = (size_t)n;
		}
		nl = memchr(r->buf + r->pos, '\n', r->end - r->pos);
		take = (nl ? (size_t)(nl - r->buf) : r->end) - r->pos;
		if (len + take + 1 > r->cap) {
			size_t cap = r->cap;
			char *grown;

			while (len + take + 1 > cap)
				cap *= 2;
			grown = realloc(r->line, cap);
			if (!grown)
				return -EIO;
			r->line = grown;
			r->cap = cap;
		}
		memcpy(r->line + len, r->buf + r->pos, take);
		if (memchr(r->buf + r->pos, '\0', take))
			nul = true;
		len += take;
		r->pos += take + (nl ? 1 : 0);
		if (nl)
			break;
	}
	r->line[len] = '\0';
	r->lineno++;
	if (nul) {
		r->binary_lines++;
		len = 0;
		r->line[0] = '\0';
	}
	while (len && r->line[len - 1] == '\r')
		r->line[--len] = '\0';
	*len_out = len;
	return 1;
}

/* Parse "SEC.FRAC" at @s into ns; returns the end, or NULL. */
static const char *parse_timestamp(const char *s, uint64_t *ns)
{
	uint64_t sec = 0, frac = 0;
	int digits = 0;

	if (!isdigit((unsigned char)*s))
		return NULL;
	while (isdigit((unsigned char)*s)) {
		if (sec > UINT64_MAX / 10 - 10)
			return NULL;
		sec = sec * 10 + (uint64_t)(*s++ - '0');
	}
	if (*s != '.')
		return NULL;
	s++;
	while (isdigit((unsigned char)*s)) {
		if (digits < 9) {
			frac = frac * 10 + (uint64_t)(*s - '0');
			digits++;
		}
		s++;
	}
	if (!digits || *s != ':')
		return NULL;
	while (digits++ < 9)
		frac *= 10;
	if (sec > UINT64_MAX / 1000000000ULL - 1)
		return NULL;
	*ns = sec * 1000000000ULL + frac;
	return s;
}

/*
 * Find the timestamp token: digits '.' digits ':' preceded by a blank and
 * followed by a blank, the first such after a "[cpu]" field.
 */
static char *find_timestamp(char *line, uint64_t *ns, char **cpu_open)
{
	for (char *p = line; (p = strchr(p, '[')) != NULL; p++) {
		char *q = p + 1, *t;

		if (!isdigit((unsigned char)*q))
			continue;
		while (isdigit((unsigned char)*q))
			q++;
		if (*q != ']')
			continue;
		/* after the CPU: optional flags, then the timestamp */
		t = q + 1;
		while (*t == ' ')
			t++;
		for (int tries = 0; tries < 2 && *t; tries++) {
			const char *end = parse_timestamp(t, ns);

			if (end && (end[1] == ' ' || end[1] == '\0')) {
				*cpu_open = p;
				return t;
			}
			/* skip a flags column ("d..2.", "dNh1.", "....") */
			while (*t && *t != ' ')
				t++;
			while (*t == ' ')
				t++;
		}
	}
	return NULL;
}

static bool all_digits(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static size_t comm_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;	/* FNV-1a */

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	return (size_t)(h ^ (h >> 29));
}

static bool comm_table_grow(struct trace_reader *r)
{
	size_t mask = r->comm_mask ? r->comm_mask * 2 + 1 : 255;
	const char **slots = calloc(mask + 1, sizeof(*slots));

	if (!slots)
		return false;
	for (size_t i = 0; r->comm_slots && i <= r->comm_mask; i++) {
		const char *c = r->comm_slots[i];
		size_t j;

		if (!c)
			continue;
		for (j = comm_hash(c, strlen(c)) & mask; slots[j]; j = (j + 1) & mask)
			;
		slots[j] = c;
	}
	free(r->comm_slots);
	r->comm_slots = slots;
	r->comm_mask = mask;
	return true;
}

/*
 * The pooled copy of @src[0..@n), cut to SCHED_COMM_MAX - 1 bytes; NULL when
 * out of memory.
 */
static const char *intern_comm(struct trace_reader *r, const char *src, size_t n)
{
	size_t i;
	char *dst;

	if (n >= SCHED_COMM_MAX)
		n = SCHED_COMM_MAX - 1;
	if (2 * (r->nr_comms + 1) > r->comm_mask && !comm_table_grow(r))
		return NULL;
	for (i = comm_hash(src, n) & r->comm_mask; r->comm_slots[i]; i = (i + 1) & r->comm_mask) {
		const char *c = r->comm_slots[i];

		if (!strncmp(c, src, n) && c[n] == '\0')
			return c;
	}
	if (!r->chunk || r->chunk->used + n + 1 > COMM_CHUNK) {
		struct comm_chunk *c = malloc(sizeof(*c));

		if (!c)
			return NULL;
		c->prev = r->chunk;
		c->used = 0;
		r->chunk = c;
	}
	dst = r->chunk->data + r->chunk->used;
	memcpy(dst, src, n);
	dst[n] = '\0';
	r->chunk->used += n + 1;
	r->comm_slots[i] = dst;
	r->nr_comms++;
	return dst;
}

static bool copy_comm(struct trace_reader *r, const char **dst, const char *src, size_t n)
{
	*dst = intern_comm(r, src, n);
	return *dst != NULL;
}

/* The common part before "[cpu]": comm and pid (and tgid) of the context. */
static bool parse_common(struct trace_reader *r, char *start, char *end, struct sched_record *rec)
{
	char *tok;
	size_t toklen;

	while (start < end && *start == ' ')
		start++;
	while (end > start && end[-1] == ' ')
		end--;
	rec->tgid = -1;
	/* ftrace record-tgid column "(  123)" or "(-------)" */
	if (end > start && end[-1] == ')') {
		char *open = end - 1;

		while (open > start && *open != '(')
			open--;
		if (*open == '(') {
			char *n = open + 1;

			while (*n == ' ')
				n++;
			if (isdigit((unsigned char)*n))
				rec->tgid = atoi(n);
			end = open;
			while (end > start && end[-1] == ' ')
				end--;
		}
	}
	if (end <= start)
		return false;
	tok = end;
	while (tok > start && tok[-1] != ' ')
		tok--;
	toklen = (size_t)(end - tok);
	if (all_digits(tok, toklen) || (memchr(tok, '/', toklen) && tok[0] != '<' &&
					 isdigit((unsigned char)tok[0]))) {
		/* perf script: "comm tid" or "comm pid/tid" */
		char *slash = memchr(tok, '/', toklen);
		char *c_end = tok;

		if (slash) {
			if (!all_digits(tok, (size_t)(slash - tok)) ||
			    !all_digits(slash + 1, (size_t)(end - slash - 1)))
				return false;
			rec->tgid = atoi(tok);
			rec->tid = atoi(slash + 1);
		} else {
			rec->tid = atoi(tok);
		}
		while (c_end > start && c_end[-1] == ' ')
			c_end--;
		if (r->format == TRACE_FMT_UNKNOWN)
			r->format = TRACE_FMT_PERF_SCRIPT;
		return copy_comm(r, &rec->comm, start, (size_t)(c_end - start));
	}
	/* ftrace: "comm-pid", the pid after the last dash */
	{
		char *dash = end - 1;

		while (dash > start && *dash != '-')
			dash--;
		if (*dash != '-' || !all_digits(dash + 1, (size_t)(end - dash - 1)))
			return false;
		rec->tid = atoi(dash + 1);
		if (r->format == TRACE_FMT_UNKNOWN)
			r->format = TRACE_FMT_FTRACE;
		return copy_comm(r, &rec->comm, start, (size_t)(dash - start));
	}
}

/* "key=" as a whole key in @payload at or after @p, or NULL. */
static const char *find_key(const char *payload, const char *p, const char *key, size_t klen)
{
	for (;;) {
		p = strstr(p, key);
		if (!p)
			return NULL;
		/* a whole key: at the start or after a blank */
		if ((p == payload || p[-1] == ' ') && p[klen] == '=')
			return p;
		p += klen;
	}
}

/*
 * The value after "key=" in @payload, up to the next " ", or to " @stop" for
 * comms.  Fields come in the kernel's order, so the search starts at *@from,
 * the end of the previous field, and falls back to the whole payload; *@from
 * moves past the value found.
 */
static const char *field(const char *payload, const char **from, const char *key,
			 const char *stop, size_t *len)
{
	size_t klen = strlen(key);
	const char *p = find_key(payload, *from, key, klen);

	if (!p && *from != payload)
		p = find_key(payload, payload, key, klen);
	if (!p)
		return NULL;
	p += klen + 1;
	if (stop) {
		const char *e = strstr(p, stop);

		if (!e)
			return NULL;
		*len = (size_t)(e - p);
	} else {
		*len = strcspn(p, " ");
	}
	*from = p + *len;
	return p;
}

static bool field_int(const char *payload, const char **from, const char *key, int *out)
{
	size_t len;
	const char *v = field(payload, from, key, NULL, &len);
	char *end;
	long x;

	if (!v || !len)
		return false;
	errno = 0;
	x = strtol(v, &end, 10);
	if (errno || end != v + len || x < -2147483647L - 1 || x > 2147483647L)
		return false;
	*out = (int)x;
	return true;
}

static bool field_comm(struct trace_reader *r, const char *payload, const char **from,
		       const char *key, const char *stop, const char **out)
{
	size_t len;
	const char *v = field(payload, from, key, stop, &len);

	return v && copy_comm(r, out, v, len);
}

/* prev_state text -> the kernel's value (timehist.md §5.5, §14.4). */
static unsigned int state_value(const char *s)
{
	static const struct {
		char letter;
		unsigned int value;
	} letters[] = {
		{ 'S', 0x01 }, { 'D', 0x02 }, { 'T', 0x04 }, { 't', 0x08 },
		{ 'X', 0x10 }, { 'Z', 0x20 }, { 'P', 0x40 }, { 'I', 0x80 },
		/* pre-4.14 letters */
		{ 'x', 0x40 }, { 'K', 0x80 }, { 'W', 0x100 }, { 'N', 0x400 },
	};

	if (s[0] == 'R')
		return s[1] == '+' ? SCHED_STATE_PREEMPTED : 0;
	for (size_t i = 0; i < sizeof(letters) / sizeof(letters[0]); i++)
		if (s[0] == letters[i].letter)
			return letters[i].value;
	return 0;
}

/* trace-cmd's sched plugin: "comm:pid [prio]" */
static bool plugin_task(struct trace_reader *r, const char *s, const char *end,
			const char **comm, int *pid, int *prio, const char **after)
{
	const char *colon = NULL, *p;

	for (p = s; p < end && *p != '['; p++)
		if (*p == ':')
			colon = p;
	if (!colon || p >= end || !copy_comm(r, comm, s, (size_t)(colon - s)))
		return false;
	*pid = atoi(colon + 1);
	*prio = atoi(p + 1);
	p = strchr(p, ']');
	if (!p)
		return false;
	*after = p + 1;
	return true;
}

static bool parse_switch_plugin(struct trace_reader *r, const char *payload,
				struct sched_record *rec)
{
	const char *arrow = strstr(payload, " ==> "), *after, *st;
	char state[8];
	size_t n = 0;

	while (*payload == ' ')
		payload++;
	if (!arrow || !plugin_task(r, payload, arrow, &rec->sw.prev_comm, &rec->sw.prev_pid,
				   &rec->sw.prev_prio, &after))
		return false;
	st = after;
	while (*st == ' ')
		st++;
	while (st < arrow && *st != ' ' && n < sizeof(state) - 1)
		state[n++] = *st++;
	state[n] = '\0';
	snprintf(rec->sw.prev_state_text, sizeof(rec->sw.prev_state_text), "%s", state);
	rec->sw.prev_state = state_value(state);
	return plugin_task(r, arrow + 5, arrow + strlen(arrow), &rec->sw.next_comm,
			   &rec->sw.next_pid, &rec->sw.next_prio, &after);
}

static bool parse_payload(struct trace_reader *r, struct sched_record *rec, const char *p)
{
	const char *q = p, *v;
	size_t len;

	switch (rec->type) {
	case SCHED_REC_SWITCH:
		if (!strstr(p, "prev_comm="))
			return parse_switch_plugin(r, p, rec);
		if (!field_comm(r, p, &q, "prev_comm", " prev_pid=", &rec->sw.prev_comm) ||
		    !field_int(p, &q, "prev_pid", &rec->sw.prev_pid) ||
		    !field_int(p, &q, "prev_prio", &rec->sw.prev_prio))
			return false;
		v = field(p, &q, "prev_state", NULL, &len);
		if (!v || !len ||
		    !field_comm(r, p, &q, "next_comm", " next_pid=", &rec->sw.next_comm) ||
		    !field_int(p, &q, "next_pid", &rec->sw.next_pid) ||
		    !field_int(p, &q, "next_prio", &rec->sw.next_prio))
			return false;
		if (len > 7)
			len = 7;
		memcpy(rec->sw.prev_state_text, v, len);
		rec->sw.prev_state_text[len] = '\0';
		rec->sw.prev_state = state_value(rec->sw.prev_state_text);
		return true;
	case SCHED_REC_WAKING:
	case SCHED_REC_WAKEUP:
	case SCHED_REC_WAKEUP_NEW:
		if (!strstr(p, "comm=")) {
			/* plugin: "comm:pid [prio] [success=1 ]CPU:003" */
			const char *after, *cpu;

			while (*p == ' ')
				p++;
			if (!plugin_task(r, p, p + strlen(p), &rec->wake.comm, &rec->wake.pid,
					 &rec->wake.prio, &after))
				return false;
			cpu = strstr(after, "CPU:");
			rec->wake.target_cpu = cpu ? atoi(cpu + 4) : -1;
			return true;
		}
		if (!field_comm(r, p, &q, "comm", " pid=", &rec->wake.comm) ||
		    !field_int(p, &q, "pid", &rec->wake.pid) || !field_int(p, &q, "prio", &rec->wake.prio))
			return false;
		if (!field_int(p, &q, "target_cpu", &rec->wake.target_cpu))
			rec->wake.target_cpu = -1;
		return true;
	case SCHED_REC_MIGRATE:
		return field_comm(r, p, &q, "comm", " pid=", &rec->migrate.comm) &&
		       field_int(p, &q, "pid", &rec->migrate.pid) &&
		       field_int(p, &q, "prio", &rec->migrate.prio) &&
		       field_int(p, &q, "orig_cpu", &rec->migrate.orig_cpu) &&
		       field_int(p, &q, "dest_cpu", &rec->migrate.dest_cpu);
	case SCHED_REC_FORK:
		return field_comm(r, p, &q, "comm", " pid=", &rec->fork.parent_comm) &&
		       field_int(p, &q, "pid", &rec->fork.parent_pid) &&
		       field_comm(r, p, &q, "child_comm", " child_pid=", &rec->fork.child_comm) &&
		       field_int(p, &q, "child_pid", &rec->fork.child_pid);
	case SCHED_REC_EXIT:
		return field_comm(r, p, &q, "comm", " pid=", &rec->exit.comm) &&
		       field_int(p, &q, "pid", &rec->exit.pid);
	default:
		return false;
	}
}

/* Header lines: ftrace "#P:N", trace-cmd "cpus=N". */
static void parse_header(struct trace_reader *r, const char *line)
{
	const char *p = strstr(line, "#P:");

	if (line[0] == '#' && p) {
		r->nr_cpus = atoi(p + 3);
		if (r->format == TRACE_FMT_UNKNOWN)
			r->format = TRACE_FMT_FTRACE;
	} else if (!strncmp(line, "cpus=", 5)) {
		r->nr_cpus = atoi(line + 5);
		r->format = TRACE_FMT_TRACE_CMD;
	}
}

int trace_reader_next(struct trace_reader *r, struct sched_record *rec)
{
	for (;;) {
		char *line, *ts, *cpu_open, *ev, *ev_end, *payload;
		size_t len, evlen;
		uint64_t ns;
		unsigned long lost;
		int cpu, ret = read_line(r, &len);

		if (ret < 0) {
			snprintf(r->err, sizeof(r->err), "%s:%lu: read error (corrupt gzip data?)",
				 r->path, r->lineno + 1);
			return -EIO;
		}
		if (ret == 0)
			return 0;
		line = r->line;
		if (line[0] == '#' || !strncmp(line, "cpus=", 5)) {
			parse_header(r, line);
			continue;
		}
		memset(rec, 0, sizeof(*rec));
		rec->comm = "";
		rec->lineno = r->lineno;
		/* ftrace: "CPU:1 [LOST 123 EVENTS]" */
		if (!strncmp(line + strspn(line, " "), "CPU:", 4) &&
		    sscanf(line, " CPU:%d [LOST %lu EVENTS]", &cpu, &lost) == 2) {
			rec->type = SCHED_REC_LOST;
			rec->cpu = cpu;
			rec->lost.count = lost;
			return 1;
		}
		ts = find_timestamp(line, &ns, &cpu_open);
		if (!ts)
			continue;	/* not an event line */
		ev = strchr(ts, ':') + 1;
		while (*ev == ' ')
			ev++;
		ev_end = strstr(ev, ": ");
		if (!ev_end) {
			ev_end = ev + strlen(ev);
			if (ev_end == ev || ev_end[-1] != ':')
				continue;
			ev_end--;
		}
		payload = *ev_end ? ev_end + 1 : ev_end;
		*ev_end = '\0';
		/* perf prints "sched:sched_switch" */
		if (!strncmp(ev, "sched:", 6))
			ev += 6;
		evlen = strlen(ev);
		rec->type = NR_SCHED_REC_TYPES;
		for (size_t i = 0; i < sizeof(known_events) / sizeof(known_events[0]); i++)
			if (evlen == strlen(known_events[i].name) && !strcmp(ev, known_events[i].name))
				rec->type = known_events[i].type;
		if (rec->type == NR_SCHED_REC_TYPES)
			continue;	/* another event: ignored */
		rec->time = ns;
		rec->cpu = atoi(cpu_open + 1);
		if (!parse_common(r, line, cpu_open, rec) || !parse_payload(r, rec, payload)) {
			snprintf(r->err, sizeof(r->err), "%s:%lu: cannot parse this %s line",
				 r->path, r->lineno, ev);
			return -EINVAL;
		}
		if (rec->type == SCHED_REC_WAKING)
			r->has_waking = true;
		return 1;
	}
}
