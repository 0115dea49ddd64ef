// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_printk.c - the kernel log and panic()
 *
 * printk() outside any task on an empty simulation: dmesg's line format
 * with the virtual time, the ring buffer dropping the oldest whole lines,
 * the printk:console tracepoint, and panic() stopping the run.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <errno.h>

#include "helpers.h"
#include "mmsim/sim.h"
#include "sim/printk.h"
#include "sim/sim.h"

static struct mmsim *sim;

static void setup(void)
{
	struct mmsim_config *cfg = malloc(sizeof(*cfg));

	cr_assert(cfg != NULL);
	mmsim_config_init(cfg);
	sim = sim_create(cfg);
	free(cfg);
	cr_assert(sim != NULL);
}

static void teardown(void)
{
	mmsim_free(sim);
}

TestSuite(printk, .init = setup, .fini = teardown);

Test(printk, lines_carry_the_virtual_time_as_dmesg_prints_it)
{
	char *log;

	log = test_dmesg(sim);
	cr_assert(eq(str, log, ""), "empty before anything is logged");
	free(log);
	printk(sim, "first %d", 1);
	sim->now = 12 * NSEC_PER_SEC + 345678901;
	printk(sim, "second");
	log = test_dmesg(sim);
	cr_assert(eq(str, log, "[    0.000000] first 1\n[   12.345678] second\n"));
	free(log);
}

/* 128 KiB are kept: the oldest lines go whole, the newest stay. */
Test(printk, the_buffer_keeps_the_newest_lines)
{
	char *log;
	unsigned int n = 0;

	/* 100 characters a line with the timestamp and newline */
	for (unsigned int i = 0; i < 3000; i++)
		printk(sim, "line %05u %73s", i, "x");
	log = test_dmesg(sim);
	cr_assert(strlen(log) <= LOG_BUF_LEN);
	cr_assert(strlen(log) > LOG_BUF_LEN - 100);
	cr_assert(eq(int, strncmp(log, "[    0.000000] line ", 20), 0), "starts with a whole line");
	cr_assert(strstr(log, "line 02999 ") != NULL);
	cr_assert(strstr(log, "line 00000 ") == NULL);
	for (const char *p = log; *p; p++)
		n += *p == '\n';
	cr_assert(eq(u32, n, LOG_BUF_LEN / 100));
	free(log);
}

Test(printk, messages_are_printk_console_tracepoints)
{
	struct mmsim_error err;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	cr_assert(eq(int, mmsim_trace_start(sim, "printk:console", &err), 0), "%s", err.msg);
	printk(sim, "Out of memory: %s", "hello");
	f = open_memstream(&text, &len);
	cr_assert(f != NULL);
	cr_assert(eq(int, mmsim_trace_write(sim, f), 0));
	fclose(f);
	cr_assert(eq(int, count_lines(text, ": console: Out of memory: hello"), 1), "%s", text);
	free(text);
}

Test(printk, panic_logs_and_stops_the_run_with_its_error)
{
	char *log;

	panic(sim, -ENOMEM, "System is deadlocked on %s", "memory");
	cr_assert(sim->stopped);
	cr_assert(eq(int, mmsim_run(sim), -ENOMEM));
	log = test_dmesg(sim);
	cr_assert(eq(str, log, "[    0.000000] Kernel panic - not syncing: System is deadlocked "
		     "on memory\n"));
	free(log);
}
