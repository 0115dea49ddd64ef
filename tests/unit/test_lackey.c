// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_lackey.c - the valgrind lackey trace parser
 *
 * tests/data/lackey-small.txt is a real trace, cut down: on Debian 12
 * (valgrind 3.19.0, x86-64),
 *
 *   valgrind --tool=lackey --trace-mem=yes /bin/true 2> out
 *   { head -n 180 out; tail -n 25 out; } > tests/data/lackey-small.txt
 *
 * keeps valgrind's 5-line banner, the first 175 accesses (the dynamic
 * loader's), the last 6 and the 19-line summary.  The expected counts and
 * records below were taken from the file with a separate Python script
 * (split on blanks and ','), not with this parser.  The other inputs are
 * written here.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workload/lackey.h"

#ifndef MMSIM_SOURCE_DIR
#define MMSIM_SOURCE_DIR "."
#endif

#define SAMPLE		MMSIM_SOURCE_DIR "/tests/data/lackey-small.txt"
#define SAMPLE_RECORDS	181

/* @len bytes of @text in an unlinked temporary file, at its start */
static FILE *text_file(const char *text, size_t len)
{
	FILE *f = tmpfile();

	cr_assert(f != NULL);
	cr_assert(eq(sz, fwrite(text, 1, len, f), len));
	rewind(f);
	return f;
}

/* Read all of @f with a buffer of @bufsize; return the record count. */
static size_t read_all(FILE *f, size_t bufsize, struct lackey_record *recs, size_t max,
		       struct lackey_stats *stats)
{
	struct lackey_reader *r = lackey_reader_create(f, bufsize);
	struct lackey_record rec;
	size_t n = 0;
	int ret;

	cr_assert(r != NULL);
	while ((ret = lackey_next(r, &rec)) == 1) {
		cr_assert(n < max, "more records than expected");
		recs[n++] = rec;
	}
	cr_assert(eq(int, ret, 0));
	cr_assert(eq(int, lackey_next(r, &rec), 0), "the end stays the end");
	*stats = *lackey_reader_stats(r);
	lackey_reader_free(r);
	return n;
}

static size_t read_text(const char *text, size_t len, size_t bufsize,
			struct lackey_record *recs, size_t max, struct lackey_stats *stats)
{
	FILE *f = text_file(text, len);
	size_t n = read_all(f, bufsize, recs, max, stats);

	fclose(f);
	return n;
}

static void check_stats_add_up(const struct lackey_stats *st)
{
	unsigned long kinds = 0;

	for (int k = 0; k < NR_LACKEY_KINDS; k++)
		kinds += st->by_kind[k];
	cr_assert(eq(ulong, kinds, st->records));
	cr_assert(eq(ulong, st->records + st->skipped + st->blank + st->bad, st->lines));
	cr_assert(eq(int, st->bad == 0, st->first_bad == 0));
}

static void expect_record(const struct lackey_record *rec, enum lackey_kind kind,
			  uint64_t addr, uint32_t size, unsigned long lineno)
{
	cr_assert(eq(int, rec->kind, kind), "line %lu", lineno);
	cr_assert(eq(u64, rec->addr, addr), "line %lu", lineno);
	cr_assert(eq(u32, rec->size, size), "line %lu", lineno);
	cr_assert(eq(ulong, rec->lineno, lineno));
}

Test(lackey, kind_names)
{
	cr_assert(eq(str, (char *)lackey_kind_names[LACKEY_INSTR], "instr"));
	cr_assert(eq(str, (char *)lackey_kind_names[LACKEY_LOAD], "load"));
	cr_assert(eq(str, (char *)lackey_kind_names[LACKEY_STORE], "store"));
	cr_assert(eq(str, (char *)lackey_kind_names[LACKEY_MODIFY], "modify"));
}

/* ---------------------------------------------------------------------
 * The real trace
 * ------------------------------------------------------------------- */

Test(lackey, reads_the_real_sample)
{
	static struct lackey_record recs[SAMPLE_RECORDS];
	struct lackey_stats st;
	uint64_t addr_sum = 0, size_sum = 0;
	FILE *f = fopen(SAMPLE, "r");
	size_t n;

	cr_assert(f != NULL, "cannot open %s", SAMPLE);
	n = read_all(f, 0, recs, SAMPLE_RECORDS, &st);
	fclose(f);

	cr_assert(eq(sz, n, SAMPLE_RECORDS));
	cr_assert(eq(ulong, st.lines, 205));
	cr_assert(eq(ulong, st.by_kind[LACKEY_INSTR], 142));
	cr_assert(eq(ulong, st.by_kind[LACKEY_LOAD], 14));
	cr_assert(eq(ulong, st.by_kind[LACKEY_STORE], 24));
	cr_assert(eq(ulong, st.by_kind[LACKEY_MODIFY], 1));
	cr_assert(eq(ulong, st.skipped, 24), "the ==9477== lines");
	cr_assert(eq(ulong, st.blank, 0));
	cr_assert(eq(ulong, st.bad, 0));
	cr_assert(eq(ulong, st.first_bad, 0));
	check_stats_add_up(&st);

	expect_record(&recs[0], LACKEY_INSTR, 0x0401ab70, 3, 6);
	expect_record(&recs[1], LACKEY_INSTR, 0x0401ab73, 5, 7);
	expect_record(&recs[2], LACKEY_STORE, 0x1fff000628, 8, 8);
	expect_record(&recs[3], LACKEY_INSTR, 0x0401b770, 1, 9);
	expect_record(&recs[4], LACKEY_STORE, 0x1fff000620, 8, 10);
	expect_record(&recs[5], LACKEY_INSTR, 0x0401b771, 7, 11);
	expect_record(&recs[28], LACKEY_MODIFY, 0x04033e06, 1, 34);
	expect_record(&recs[SAMPLE_RECORDS - 1], LACKEY_INSTR, 0x0491b407, 2, 186);
	for (size_t i = 0; i < n; i++) {
		addr_sum += recs[i].addr;
		size_sum += recs[i].size;
	}
	cr_assert(eq(u64, addr_sum, 0x122abc2e490ULL));
	cr_assert(eq(u64, size_sum, 836));
}

/*
 * Chunk boundaries fall everywhere: the records are the same for every
 * buffer that holds the longest access line (16 bytes and '\n'), and so are
 * all the counts once it holds the longest line (75 bytes).
 */
Test(lackey, any_buffer_size_gives_the_same_records)
{
	static struct lackey_record want[SAMPLE_RECORDS], got[SAMPLE_RECORDS];
	struct lackey_stats want_st, st;
	FILE *f = fopen(SAMPLE, "r");

	cr_assert(f != NULL, "cannot open %s", SAMPLE);
	cr_assert(eq(sz, read_all(f, 0, want, SAMPLE_RECORDS, &want_st), SAMPLE_RECORDS));
	for (size_t bufsize = LACKEY_MIN_BUFSIZE; bufsize <= 100; bufsize++) {
		size_t n;

		rewind(f);
		n = read_all(f, bufsize, got, SAMPLE_RECORDS, &st);
		check_stats_add_up(&st);
		cr_assert(eq(ulong, st.lines, want_st.lines), "bufsize %zu", bufsize);
		if (bufsize < 17)
			continue;
		cr_assert(eq(sz, n, SAMPLE_RECORDS), "bufsize %zu", bufsize);
		for (size_t i = 0; i < n; i++)
			expect_record(&got[i], want[i].kind, want[i].addr, want[i].size,
				      want[i].lineno);
		/* too-long comment lines become bad lines, nothing else changes */
		cr_assert(eq(ulong, st.skipped + st.bad, want_st.skipped), "bufsize %zu", bufsize);
		if (bufsize >= 76)
			cr_assert(eq(ulong, st.bad, 0), "bufsize %zu", bufsize);
	}
	fclose(f);
}

/* ---------------------------------------------------------------------
 * Written inputs
 * ------------------------------------------------------------------- */

Test(lackey, exact_records_of_every_form)
{
	static const char text[] =
		"I  0401a3c2,3\n"			/* 1: as lackey writes them */
		" L 1ffefffd78,8\n"
		" S 1ffefffd70,8\n"
		" M 0601050,4\n"
		"I\t0401A3C5,15   \n"			/* 5: tab, upper case, trailing blanks */
		" L ffffffffffffffff,1\r\n"		/* 6: DOS line end, the top byte */
		"   S    0,512\n"				/* 7: any blanks, address 0 */
		" M 00000000000000000000000000abc,4096\n"	/* 8: leading zeros */
		"SB 0401a3c2\n";			/* 9: --trace-superblocks */
	struct lackey_record recs[8];
	struct lackey_stats st;

	cr_assert(eq(sz, read_text(text, sizeof(text) - 1, 0, recs, 8, &st), 8));
	expect_record(&recs[0], LACKEY_INSTR, 0x0401a3c2, 3, 1);
	expect_record(&recs[1], LACKEY_LOAD, 0x1ffefffd78, 8, 2);
	expect_record(&recs[2], LACKEY_STORE, 0x1ffefffd70, 8, 3);
	expect_record(&recs[3], LACKEY_MODIFY, 0x0601050, 4, 4);
	expect_record(&recs[4], LACKEY_INSTR, 0x0401a3c5, 15, 5);
	expect_record(&recs[5], LACKEY_LOAD, UINT64_MAX, 1, 6);
	expect_record(&recs[6], LACKEY_STORE, 0, 512, 7);
	expect_record(&recs[7], LACKEY_MODIFY, 0xabc, 4096, 8);
	cr_assert(eq(ulong, st.lines, 9));
	cr_assert(eq(ulong, st.skipped, 1));
	cr_assert(eq(ulong, st.bad, 0));
	check_stats_add_up(&st);
}

/* Criterion copies parameters into each worker: arrays, not pointers. */
struct page_case {
	char line[32];
	unsigned int shift;
	uint64_t first, nr;
};

ParameterizedTestParameters(lackey, pages_of_a_record)
{
	static struct page_case cases[] = {
		{ " L 0fff,1", 12, 0, 1 },
		{ " L 0fff,2", 12, 0, 2 },		/* crosses into page 1 */
		{ " L 0ffc,4", 12, 0, 1 },		/* ends on the last byte */
		{ " L 0ffd,4", 12, 0, 2 },
		{ " S 1000,1", 12, 1, 1 },
		{ " S 1001,4096", 12, 1, 2 },		/* a whole page's worth */
		{ " S 1000,4096", 12, 1, 1 },
		{ "I  1fffff,8", 21, 0, 2 },		/* 2 MiB pages */
		{ "I  1fffff,8", 12, 0x1ff, 2 },
		{ "I  1ffff8,8", 21, 0, 1 },
		{ " M 100,8", 0, 0x100, 8 },		/* byte "pages" */
		{ " M fffffffffffffffe,8", 12, 0xfffffffffffffULL, 1 },	/* past 2^64: clamped */
		{ " M fffffffffffffffe,8", 0, UINT64_MAX - 1, 2 },
		{ " M fffffffffffffffe,8", 64, 1, 1 },	/* shift above 63: 63 */
		{ " M 7fffffffffffffff,2", 63, 0, 2 },
	};

	return cr_make_param_array(struct page_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct page_case *c, lackey, pages_of_a_record)
{
	struct lackey_record rec;
	struct lackey_stats st;
	uint64_t first = 42, nr;

	cr_assert(eq(sz, read_text(c->line, strlen(c->line), 0, &rec, 1, &st), 1), "%s", c->line);
	nr = lackey_record_pages(&rec, c->shift, &first);
	cr_assert(eq(u64, first, c->first), "'%s' shift %u", c->line, c->shift);
	cr_assert(eq(u64, nr, c->nr), "'%s' shift %u", c->line, c->shift);
}

Test(lackey, bad_lines_are_counted_and_skipped)
{
	static const char text[] =
		"I  10,1\n"				/*  1 record */
		"hello, world\n"			/*  2 bad: the first */
		"I\n"					/*  3 bad */
		"I  \n"
		"I  12\n"				/*  5 */
		"I  ,3\n"
		"I  12,\n"
		"I  12,0\n"				/*  8: size 0 */
		"I  12,4097\n"				/*  9: above LACKEY_MAX_SIZE */
		"I  12,99999999999999999999999\n"
		"I  12,3x\n"
		"X 12,3\n"
		"I12,3\n"				/* 13: no blank after the kind */
		"I  g12,3\n"
		"I  12345678901234567,1\n"		/* 15: 17 significant digits */
		"I  12 ,3\n"
		" S 12, 3\n"
		"I  0x12,3\n"
		"SB\n"
		"SB 12x\n"				/* 20 */
		"SBx\n"
		"=x\n"
		"--x--\n"
		"--12-\n"
		"I  1\r2,3\n"				/* 25: '\r' inside */
		"I  1\0002,3\n"				/* 26: a NUL byte */
		" L 20,2\n"				/* 27 record */
		"==4321== a valgrind message\n"		/* 28 skipped */
		"==\n"
		"--4321-- verbose\n"			/* 30 */
		"**4321** internal\n"
		"SB 0401ab70\n"
		"\n"					/* 33 blank */
		"   \t\r\n"
		"M  30,3";				/* 35 record, no '\n' */
	struct lackey_record recs[3];
	struct lackey_stats st;

	cr_assert(eq(sz, read_text(text, sizeof(text) - 1, 0, recs, 3, &st), 3));
	expect_record(&recs[0], LACKEY_INSTR, 0x10, 1, 1);
	expect_record(&recs[1], LACKEY_LOAD, 0x20, 2, 27);
	expect_record(&recs[2], LACKEY_MODIFY, 0x30, 3, 35);
	cr_assert(eq(ulong, st.lines, 35));
	cr_assert(eq(ulong, st.bad, 25));
	cr_assert(eq(ulong, st.first_bad, 2));
	cr_assert(eq(ulong, st.skipped, 5));
	cr_assert(eq(ulong, st.blank, 2));
	check_stats_add_up(&st);
}

Test(lackey, empty_input)
{
	struct lackey_record rec;
	struct lackey_stats st;

	cr_assert(eq(sz, read_text("", 0, 0, &rec, 1, &st), 0));
	cr_assert(eq(ulong, st.lines, 0));
	cr_assert(eq(ulong, st.records, 0));
	cr_assert(eq(ulong, st.bad, 0));
	cr_assert(eq(ulong, st.first_bad, 0));

	/* a lone newline is one blank line */
	cr_assert(eq(sz, read_text("\n", 1, 0, &rec, 1, &st), 0));
	cr_assert(eq(ulong, st.lines, 1));
	cr_assert(eq(ulong, st.blank, 1));
}

Test(lackey, only_comments_give_no_records)
{
	static const char text[] = "==1== Lackey\n==1== Command: /bin/true\n==1==\n";
	struct lackey_record rec;
	struct lackey_stats st;

	cr_assert(eq(sz, read_text(text, sizeof(text) - 1, 0, &rec, 1, &st), 0));
	cr_assert(eq(ulong, st.lines, 3));
	cr_assert(eq(ulong, st.skipped, 3));
	cr_assert(eq(ulong, st.bad, 0));
}

/* A line longer than the buffer is one bad line; the next line reads fine. */
Test(lackey, line_longer_than_the_buffer)
{
	char text[512];
	struct lackey_record recs[4];
	struct lackey_stats st;
	int len;

	len = snprintf(text, sizeof(text), "I  10,1\n%s\n L 20,2\n%s\nI  fits_no,1\n S 30,3\n%s",
		       "this line is much longer than the sixteen bytes of the buffer",
		       "I                                                  40,4",
		       "and a last long line without a newline at the end");
	cr_assert(len > 0 && (size_t)len < sizeof(text));
	cr_assert(eq(sz, read_text(text, (size_t)len, LACKEY_MIN_BUFSIZE, recs, 4, &st), 3));
	expect_record(&recs[0], LACKEY_INSTR, 0x10, 1, 1);
	expect_record(&recs[1], LACKEY_LOAD, 0x20, 2, 3);
	expect_record(&recs[2], LACKEY_STORE, 0x30, 3, 6);
	cr_assert(eq(ulong, st.lines, 7));
	cr_assert(eq(ulong, st.bad, 4), "3 too long, 1 malformed");
	cr_assert(eq(ulong, st.first_bad, 2));
	check_stats_add_up(&st);

	/* the same text with the default buffer: only the long record changes */
	cr_assert(eq(sz, read_text(text, (size_t)len, 0, recs, 4, &st), 4));
	expect_record(&recs[2], LACKEY_INSTR, 0x40, 4, 4);
	cr_assert(eq(ulong, st.bad, 3));
}

/* The longest line a buffer holds: bufsize - 1 bytes and '\n', or at EOF. */
Test(lackey, line_of_exactly_the_buffer_size)
{
	static const char fits[] = "I  1234567890,2\n";		/* 15 + '\n' */
	static const char too_long[] = "I  12345678901,2\n";	/* 16 + '\n' */
	struct lackey_record rec;
	struct lackey_stats st;

	cr_assert(eq(sz, read_text(fits, 16, 16, &rec, 1, &st), 1));
	expect_record(&rec, LACKEY_INSTR, 0x1234567890ULL, 2, 1);
	cr_assert(eq(sz, read_text(fits, 15, 16, &rec, 1, &st), 1), "no '\\n'");
	cr_assert(eq(sz, read_text(fits, 16, 1, &rec, 1, &st), 1), "1 is raised to 16");
	cr_assert(eq(sz, read_text(too_long, 17, 16, &rec, 1, &st), 0));
	cr_assert(eq(ulong, st.bad, 1));
	cr_assert(eq(ulong, st.lines, 1));
	cr_assert(eq(sz, read_text(too_long, 16, 16, &rec, 1, &st), 0), "no '\\n'");
	cr_assert(eq(ulong, st.bad, 1));
	cr_assert(eq(ulong, st.lines, 1));
	cr_assert(eq(sz, read_text(too_long, 17, 17, &rec, 1, &st), 1));
	expect_record(&rec, LACKEY_INSTR, 0x12345678901ULL, 2, 1);
}

Test(lackey, read_error_is_eio_and_sticks)
{
	FILE *f = fopen("/dev/null", "w");	/* reading a write-only stream fails */
	struct lackey_reader *r;
	struct lackey_record rec;

	cr_assert(f != NULL);
	r = lackey_reader_create(f, 0);
	cr_assert(r != NULL);
	cr_assert(eq(int, lackey_next(r, &rec), -EIO));
	cr_assert(eq(int, lackey_next(r, &rec), -EIO));
	lackey_reader_free(r);
	lackey_reader_free(NULL);
	fclose(f);
}
