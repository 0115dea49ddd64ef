/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workload/lackey.h - reading valgrind lackey memory traces
 *
 * `valgrind --tool=lackey --trace-mem=yes prog 2> trace` writes one line
 * per guest memory access:
 *
 *   I  0401a3c2,3         instruction fetch
 *    L 1ffefffd78,8       load
 *    S 1ffefffd70,8       store
 *    M 0601050,4          modify (a load and a store of the same bytes)
 *
 * with the address in hex and the size in decimal bytes, among valgrind's
 * own "==pid==" lines.  The reader streams such a file, one record per
 * access line, in input order.
 *
 * What counts as what:
 *   record   optional blanks, one of I L S M, one or more blanks, 1 or more
 *            hex digits (value < 2^64), ',', a decimal size in
 *            [1, LACKEY_MAX_SIZE], optional trailing blanks; a blank is a
 *            space, a tab or (trailing only) a '\r'
 *   skipped  lines starting with "==" (valgrind's messages), "--<digits>--"
 *            and "**<digits>**" (its -v and internal messages), and lackey's
 *            own "SB <hex>" lines from --trace-superblocks=yes
 *   blank    empty or blanks only
 *   bad      anything else, including lines longer than the buffer allows
 *            and NUL bytes; counted, and the first one's line number kept
 * Every line is exactly one of these, so stats.lines = records + skipped +
 * blank + bad.  A last line without '\n' counts as a line.
 */
#ifndef MMSIM_WORKLOAD_LACKEY_H
#define MMSIM_WORKLOAD_LACKEY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * lackey itself asserts sizes of 1..512 bytes (MAX_DSIZE in lk_main.c; an
 * instruction is at most 15 on x86); larger sizes are taken for garbage.
 * At most 4096, a record touches at most two pages of 4 KiB or more.
 */
#define LACKEY_MAX_SIZE		4096
#define LACKEY_DEFAULT_BUFSIZE	(256 * 1024)
#define LACKEY_MIN_BUFSIZE	16

enum lackey_kind {
	LACKEY_INSTR,		/* "I" */
	LACKEY_LOAD,		/* "L" */
	LACKEY_STORE,		/* "S" */
	LACKEY_MODIFY,		/* "M" */
	NR_LACKEY_KINDS
};

/* "instr", "load", "store", "modify", indexed by enum lackey_kind */
extern const char *const lackey_kind_names[NR_LACKEY_KINDS];

struct lackey_record {
	enum lackey_kind kind;
	uint64_t addr;			/* first byte */
	uint32_t size;			/* bytes, 1..LACKEY_MAX_SIZE */
	unsigned long lineno;		/* 1-based, in the input */
};

/* Counts so far; the reader updates them as it reads. */
struct lackey_stats {
	unsigned long lines;
	unsigned long records;
	unsigned long by_kind[NR_LACKEY_KINDS];	/* records of each kind */
	unsigned long skipped;
	unsigned long blank;
	unsigned long bad;
	unsigned long first_bad;	/* line number, 0 if none so far */
};

struct lackey_reader;

/**
 * lackey_reader_create - a reader of @f
 * @f: open for reading; the caller keeps ownership and closes it after
 *     lackey_reader_free()
 * @bufsize: bytes read per chunk, which is also the longest line the
 *           reader can hold (longer lines are bad, not fatal): 0 for
 *           LACKEY_DEFAULT_BUFSIZE, less than LACKEY_MIN_BUFSIZE is
 *           raised to it; lines of up to @bufsize - 1 bytes plus '\n' fit
 *
 * Return: the reader, or NULL if out of memory.
 */
struct lackey_reader *lackey_reader_create(FILE *f, size_t bufsize);

/** lackey_reader_free - free @r (NULL is fine); does not close its FILE */
void lackey_reader_free(struct lackey_reader *r);

/**
 * lackey_next - the next access record
 * @r: reader
 * @rec: filled in when 1 is returned
 *
 * Skips comment, blank and bad lines (counting them).
 *
 * Return: 1 for a record, 0 at the end of the input, -EIO if reading
 * failed (ferror() on the FILE; then -EIO again on every call).
 */
int lackey_next(struct lackey_reader *r, struct lackey_record *rec);

/** lackey_reader_stats - line counts so far (valid until @r is freed) */
const struct lackey_stats *lackey_reader_stats(const struct lackey_reader *r);

/**
 * lackey_record_pages - the pages a record touches
 * @rec: a record from lackey_next()
 * @page_shift: log2 of the page size, 0..63 (12 for 4 KiB); more is taken
 *              as 63
 * @first: set to the page number of the record's first byte
 *
 * An access that crosses a page boundary touches every page from @first
 * to the page of its last byte; with a page of 4 KiB or more that is one
 * page or two.  An access running past the top of the address space ends
 * at its last page.
 *
 * Return: the number of pages, @first to @first + n - 1, at least 1.
 */
uint64_t lackey_record_pages(const struct lackey_record *rec,
			     unsigned int page_shift, uint64_t *first);

#endif /* MMSIM_WORKLOAD_LACKEY_H */
