// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim/printk.c - the kernel log and panic()
 *
 * A small model of kernel/printk: printk() stores each message as a line
 * of `dmesg` output, "[%5lu.%06lu] message", timestamped with the virtual
 * time (local_clock() of the kernel), in a buffer that keeps the newest
 * LOG_BUF_LEN bytes as the kernel's ring buffer does, and records it as the
 * printk:console tracepoint (include/trace/events/printk.h, the message
 * without its newline).  Simplified: no log levels, no console, no
 * continuation lines (pr_cont()); a message is one line.
 *
 * panic() is the kernel's: "Kernel panic - not syncing: reason".  The
 * simulation cannot halt mid-task, so the run stops after the current
 * event and mmsim_run() returns the caller's error.
 */
#include "sim/printk.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/compiler.h"
#include "mmsim/sim.h"
#include "trace/trace.h"

/* Room for @len more bytes: grow the buffer, or drop the oldest lines. */
static bool log_make_room(struct mmsim *sim, size_t len)
{
	if (len > LOG_BUF_LEN)
		return false;
	while (sim->log_len + len > LOG_BUF_LEN) {
		char *eol = memchr(sim->log_buf, '\n', sim->log_len);
		size_t drop = eol ? (size_t)(eol - sim->log_buf) + 1 : sim->log_len;

		memmove(sim->log_buf, sim->log_buf + drop, sim->log_len - drop);
		sim->log_len -= drop;
	}
	if (sim->log_len + len > sim->log_cap) {
		size_t cap = sim->log_cap ? sim->log_cap : 4096;
		char *buf;

		while (cap < sim->log_len + len)
			cap *= 2;
		buf = realloc(sim->log_buf, cap);
		MM_BUG_ON(!buf);	/* out of host memory */
		sim->log_buf = buf;
		sim->log_cap = cap;
	}
	return true;
}

static void vprintk(struct mmsim *sim, const char *fmt, va_list ap)
{
	char msg[512], line[560];
	int n;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = snprintf(line, sizeof(line), "[%5llu.%06llu] %s\n",
		     (unsigned long long)(sim->now / NSEC_PER_SEC),
		     (unsigned long long)(sim->now % NSEC_PER_SEC / NSEC_PER_USEC), msg);
	if (n > (int)sizeof(line) - 1)
		n = (int)sizeof(line) - 1;
	if (log_make_room(sim, (size_t)n)) {
		memcpy(sim->log_buf + sim->log_len, line, (size_t)n);
		sim->log_len += (size_t)n;
	}
	if (trace_on(sim, TRACE_PRINTK_CONSOLE))
		trace_mm_event(sim, TRACE_PRINTK_CONSOLE, msg);
}

void printk(struct mmsim *sim, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(sim, fmt, ap);
	va_end(ap);
}

void panic(struct mmsim *sim, int error, const char *fmt, ...)
{
	char reason[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	printk(sim, "Kernel panic - not syncing: %s", reason);
	if (!sim->run_error)
		sim->run_error = error;
	sim_stop(sim);
}

void log_release(struct mmsim *sim)
{
	free(sim->log_buf);
	sim->log_buf = NULL;
	sim->log_len = sim->log_cap = 0;
}

int mmsim_dmesg(const mmsim_t *sim, FILE *out)
{
	if (sim->log_len && fwrite(sim->log_buf, 1, sim->log_len, out) != sim->log_len)
		return -EIO;
	return 0;
}
