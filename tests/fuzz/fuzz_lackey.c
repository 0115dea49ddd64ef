// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/fuzz/fuzz_lackey.c - libFuzzer target for the lackey trace parser
 *
 * Feeds arbitrary bytes to lackey_next() through a memfd, twice: with a
 * buffer larger than the input, where every line fits, and with a small
 * one (16 to 79 bytes, picked by the first byte) so that chunk boundaries
 * fall inside lines.  The parser must never crash, hang or read out of
 * bounds, and the two runs must agree: the same line count, every record
 * of the small run also in the large run on the same line, and everything
 * the same when no line is too long for the small buffer.  Records must be
 * in range and the line counters must add up.  (An off-by-one in the
 * too-long-line test is found within seconds.)  Built with clang
 * -fsanitize=fuzzer,address,undefined by `make fuzz` (seeded with
 * tests/data/lackey-small.txt) and run briefly by `make test` when clang
 * is installed.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "workload/lackey.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)	do { if (!(cond)) abort(); } while (0)

static FILE *open_input(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz", 0);
	FILE *f;

	if (fd < 0)
		return NULL;
	if (write(fd, data, size) != (ssize_t)size || lseek(fd, 0, SEEK_SET) != 0 ||
	    !(f = fdopen(fd, "r"))) {
		close(fd);
		return NULL;
	}
	return f;
}

static void check_record(const struct lackey_record *rec, unsigned long prev_lineno)
{
	uint64_t first, n;

	CHECK((unsigned int)rec->kind < NR_LACKEY_KINDS);
	CHECK(rec->size >= 1 && rec->size <= LACKEY_MAX_SIZE);
	CHECK(rec->lineno > prev_lineno);
	n = lackey_record_pages(rec, 12, &first);
	CHECK(first == rec->addr >> 12 && (n == 1 || n == 2));
	n = lackey_record_pages(rec, 0, &first);
	CHECK(first == rec->addr);
	CHECK(n == rec->size || (n < rec->size && first + (n - 1) == UINT64_MAX));
}

static void check_stats(const struct lackey_stats *st)
{
	unsigned long kinds = 0;

	for (int k = 0; k < NR_LACKEY_KINDS; k++)
		kinds += st->by_kind[k];
	CHECK(kinds == st->records);
	CHECK(st->records + st->skipped + st->blank + st->bad == st->lines);
	CHECK((st->bad == 0) == (st->first_bad == 0));
	CHECK(st->first_bad <= st->lines);
}

/* The longest line, '\n' not counted */
static size_t longest_line(const uint8_t *data, size_t size)
{
	size_t longest = 0, start = 0;

	for (size_t i = 0; i <= size; i++) {
		if (i == size || data[i] == '\n') {
			if (i - start > longest)
				longest = i - start;
			start = i + 1;
		}
	}
	return longest;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t small = LACKEY_MIN_BUFSIZE + (size ? data[0] % 64 : 0);
	bool all_fit = longest_line(data, size) < small;
	struct lackey_record a, b;
	struct lackey_reader *ra = NULL, *rb = NULL;
	FILE *fa = open_input(data, size), *fb = open_input(data, size);
	unsigned long prev_a = 0, prev_b = 0;
	int ret_a, ret_b = 1;

	if (!fa || !fb)
		goto out;
	ra = lackey_reader_create(fa, small);
	/* as good as the default for this input (every line fits), and cheaper */
	rb = lackey_reader_create(fb, size + 1);
	if (!ra || !rb)
		goto out;

	while ((ret_a = lackey_next(ra, &a)) == 1) {
		check_record(&a, prev_a);
		prev_a = a.lineno;
		/* the large buffer has the same record on the same line */
		do {
			ret_b = lackey_next(rb, &b);
			CHECK(ret_b == 1);
			check_record(&b, prev_b);
			prev_b = b.lineno;
			CHECK(!all_fit || b.lineno == a.lineno);
		} while (b.lineno < a.lineno);
		CHECK(b.lineno == a.lineno && b.kind == a.kind && b.addr == a.addr &&
		      b.size == a.size);
	}
	CHECK(ret_a == 0);
	while ((ret_b = lackey_next(rb, &b)) == 1) {
		CHECK(!all_fit);
		check_record(&b, prev_b);
		prev_b = b.lineno;
	}
	CHECK(ret_b == 0);
	CHECK(lackey_next(ra, &a) == 0 && lackey_next(rb, &b) == 0);

	check_stats(lackey_reader_stats(ra));
	check_stats(lackey_reader_stats(rb));
	CHECK(lackey_reader_stats(ra)->lines == lackey_reader_stats(rb)->lines);
	if (all_fit)
		CHECK(memcmp(lackey_reader_stats(ra), lackey_reader_stats(rb),
			     sizeof(struct lackey_stats)) == 0);
out:
	lackey_reader_free(ra);
	lackey_reader_free(rb);
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return 0;
}
