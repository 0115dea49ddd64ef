// SPDX-License-Identifier: GPL-2.0-only
/*
 * workload/lackey.c - streaming parser for valgrind lackey memory traces
 *
 * Reads the output of `valgrind --tool=lackey --trace-mem=yes` (lackey's
 * trace_instr/trace_load/trace_store/trace_modify in lackey/lk_main.c,
 * valgrind 3.x: "I  %08lx,%lu", " L %08lx,%lu", " S ..." and " M ...") and
 * yields one record per access, so that a memory job can replay a real
 * program's page references.  The format and what counts as a bad line are
 * described in lackey.h.
 *
 * Simplifications: the trace carries no time and no thread; a modify is
 * one record (the caller decides whether it is a load and a store); the
 * program's own stderr lines, when they land in the same file, are simply
 * bad lines.
 *
 * Invariants: the buffer holds buf[start, end) unread bytes and never more
 * than one partial line; a line is classified exactly once (a line too long
 * for the buffer when it fills, the rest of it then discarded), so the four
 * line counters always add up to stats.lines.  The parser never reads past
 * a line's length and treats a NUL byte like any other bad character.
 */
#include "workload/lackey.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

const char *const lackey_kind_names[NR_LACKEY_KINDS] = {
	[LACKEY_INSTR]	= "instr",
	[LACKEY_LOAD]	= "load",
	[LACKEY_STORE]	= "store",
	[LACKEY_MODIFY]	= "modify",
};

struct lackey_reader {
	FILE *f;			/* not owned */
	char *buf;
	size_t size;			/* capacity of buf */
	size_t start, end;		/* unread bytes: buf[start, end) */
	bool eof;			/* f has no more bytes */
	bool error;			/* reading failed: -EIO from now on */
	bool discarding;		/* in a too-long line, already counted */
	struct lackey_stats stats;
};

enum lackey_line {
	LINE_RECORD,
	LINE_SKIPPED,
	LINE_BLANK,
	LINE_BAD,
};

/* ---------------------------------------------------------------------
 * One line
 * ------------------------------------------------------------------- */

static inline bool lackey_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static inline int lackey_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Hex digits at *@p (at least one, value < 2^64); advances *@p past them. */
static bool lackey_parse_hex(const char *s, size_t len, size_t *p, uint64_t *val)
{
	size_t i = *p;
	uint64_t v = 0;
	int d;

	while (i < len && (d = lackey_hex_digit(s[i])) >= 0) {
		if (v >> 60)
			return false;		/* a 17th significant digit */
		v = v << 4 | (uint64_t)d;
		i++;
	}
	if (i == *p)
		return false;
	*p = i;
	*val = v;
	return true;
}

/*
 * Decimal digits at *@p (at least one); a value above LACKEY_MAX_SIZE is
 * returned as LACKEY_MAX_SIZE + 1 however long, so it cannot overflow.
 */
static bool lackey_parse_size(const char *s, size_t len, size_t *p, uint32_t *val)
{
	size_t i = *p;
	uint32_t v = 0;

	while (i < len && s[i] >= '0' && s[i] <= '9') {
		v = v * 10 + (uint32_t)(s[i] - '0');
		if (v > LACKEY_MAX_SIZE)
			v = LACKEY_MAX_SIZE + 1;
		i++;
	}
	if (i == *p)
		return false;
	*p = i;
	*val = v;
	return true;
}

/* valgrind's "--1234--" and "**1234**" prefixes (@c is '-' or '*') */
static bool lackey_is_valgrind_tag(const char *s, size_t len, char c)
{
	size_t i = 2;

	if (len < 5 || s[0] != c || s[1] != c)
		return false;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	return i > 2 && i + 1 < len && s[i] == c && s[i + 1] == c;
}

static enum lackey_line lackey_parse_line(const char *s, size_t len,
					  struct lackey_record *rec)
{
	size_t p = 0;
	uint64_t addr;
	uint32_t size;

	/* trailing blanks, and the '\r' of a file that went through DOS */
	while (len > 0 && (lackey_is_blank(s[len - 1]) || s[len - 1] == '\r'))
		len--;
	if (len >= 2 && s[0] == '=' && s[1] == '=')
		return LINE_SKIPPED;
	if (lackey_is_valgrind_tag(s, len, '-') || lackey_is_valgrind_tag(s, len, '*'))
		return LINE_SKIPPED;
	while (p < len && lackey_is_blank(s[p]))
		p++;
	if (p == len)
		return LINE_BLANK;

	/* "SB <hex>" from --trace-superblocks=yes */
	if (s[p] == 'S' && p + 1 < len && s[p + 1] == 'B') {
		p += 2;
		if (p == len || !lackey_is_blank(s[p]))
			return LINE_BAD;
		while (p < len && lackey_is_blank(s[p]))
			p++;
		if (!lackey_parse_hex(s, len, &p, &addr) || p != len)
			return LINE_BAD;
		return LINE_SKIPPED;
	}

	switch (s[p]) {
	case 'I':
		rec->kind = LACKEY_INSTR;
		break;
	case 'L':
		rec->kind = LACKEY_LOAD;
		break;
	case 'S':
		rec->kind = LACKEY_STORE;
		break;
	case 'M':
		rec->kind = LACKEY_MODIFY;
		break;
	default:
		return LINE_BAD;
	}
	p++;
	if (p == len || !lackey_is_blank(s[p]))
		return LINE_BAD;
	while (p < len && lackey_is_blank(s[p]))
		p++;
	if (!lackey_parse_hex(s, len, &p, &addr))
		return LINE_BAD;
	if (p == len || s[p] != ',')
		return LINE_BAD;
	p++;
	if (!lackey_parse_size(s, len, &p, &size) || p != len)
		return LINE_BAD;
	if (size == 0 || size > LACKEY_MAX_SIZE)
		return LINE_BAD;
	rec->addr = addr;
	rec->size = size;
	return LINE_RECORD;
}

/* ---------------------------------------------------------------------
 * The reader
 * ------------------------------------------------------------------- */

struct lackey_reader *lackey_reader_create(FILE *f, size_t bufsize)
{
	struct lackey_reader *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	if (bufsize == 0)
		bufsize = LACKEY_DEFAULT_BUFSIZE;
	if (bufsize < LACKEY_MIN_BUFSIZE)
		bufsize = LACKEY_MIN_BUFSIZE;
	r->buf = malloc(bufsize);
	if (!r->buf) {
		free(r);
		return NULL;
	}
	r->f = f;
	r->size = bufsize;
	return r;
}

void lackey_reader_free(struct lackey_reader *r)
{
	if (!r)
		return;
	free(r->buf);
	free(r);
}

const struct lackey_stats *lackey_reader_stats(const struct lackey_reader *r)
{
	return &r->stats;
}

static void lackey_count_bad(struct lackey_reader *r)
{
	r->stats.bad++;
	if (!r->stats.first_bad)
		r->stats.first_bad = r->stats.lines;
}

/*
 * Make room and read the next chunk.  Called only when buf[start, end)
 * holds no complete line.  Return: 0, or -EIO.
 */
static int lackey_fill(struct lackey_reader *r)
{
	size_t avail = r->end - r->start, n;

	if (r->discarding) {
		/* still inside a too-long line: drop what we have of it */
		r->start = r->end = 0;
	} else if (avail == r->size) {
		/* a full buffer without '\n': the line cannot fit */
		r->stats.lines++;
		lackey_count_bad(r);
		r->discarding = true;
		r->start = r->end = 0;
	} else if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, avail);
		r->start = 0;
		r->end = avail;
	}
	n = fread(r->buf + r->end, 1, r->size - r->end, r->f);
	r->end += n;
	if (n == 0) {
		if (ferror(r->f)) {
			r->error = true;
			return -EIO;
		}
		r->eof = true;
	}
	return 0;
}

int lackey_next(struct lackey_reader *r, struct lackey_record *rec)
{
	for (;;) {
		char *line = r->buf + r->start;
		size_t avail = r->end - r->start;
		char *nl = avail ? memchr(line, '\n', avail) : NULL;
		size_t len;

		if (r->error)
			return -EIO;
		if (nl) {
			len = (size_t)(nl - line);
			r->start += len + 1;
		} else if (r->eof) {
			if (avail == 0)
				return 0;
			len = avail;		/* the last line, without '\n' */
			r->start = r->end;
		} else {
			if (lackey_fill(r))
				return -EIO;
			continue;
		}
		if (r->discarding) {
			/* the end of a too-long line, counted when it filled the buffer */
			r->discarding = false;
			continue;
		}

		r->stats.lines++;
		switch (lackey_parse_line(line, len, rec)) {
		case LINE_RECORD:
			rec->lineno = r->stats.lines;
			r->stats.records++;
			r->stats.by_kind[rec->kind]++;
			return 1;
		case LINE_SKIPPED:
			r->stats.skipped++;
			break;
		case LINE_BLANK:
			r->stats.blank++;
			break;
		case LINE_BAD:
			lackey_count_bad(r);
			break;
		}
	}
}

uint64_t lackey_record_pages(const struct lackey_record *rec,
			     unsigned int page_shift, uint64_t *first)
{
	uint64_t last_byte = rec->addr + (rec->size ? rec->size - 1 : 0);

	if (page_shift > 63)
		page_shift = 63;
	if (last_byte < rec->addr)
		last_byte = UINT64_MAX;		/* wrapped past 2^64 */
	*first = rec->addr >> page_shift;
	return (last_byte >> page_shift) - *first + 1;
}
