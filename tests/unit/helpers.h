/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tests/unit/helpers.h - building and running small simulations in tests
 */
#ifndef MMSIM_TESTS_HELPERS_H
#define MMSIM_TESTS_HELPERS_H

#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmsim/config.h"
#include "mmsim/sim.h"
#include "mmsim/stats.h"

/* A configuration from INI text, with every cost set to 0 unless the text sets it. */
static inline struct mmsim_config *test_config(const char *ini, int zero_costs)
{
	struct mmsim_config *cfg = malloc(sizeof(*cfg));
	struct mmsim_error err;

	cr_assert(cfg != NULL);
	mmsim_config_init(cfg);
	if (zero_costs)
		for (int i = 0; i < NR_MMSIM_COSTS; i++)
			cfg->cost[i] = 0;
	cr_assert(mmsim_config_load_string(cfg, "test", ini, &err) == 0, "%s", err.msg);
	return cfg;
}

/* Run @ini; return the simulation and, if @trace is not NULL, the whole trace text. */
static inline mmsim_t *test_run(const char *ini, int zero_costs, const char *events, char **trace)
{
	struct mmsim_config *cfg = test_config(ini, zero_costs);
	struct mmsim_error err;
	mmsim_t *sim = mmsim_create(cfg, &err);

	cr_assert(sim != NULL, "%s", err.msg);
	free(cfg);
	if (trace)
		cr_assert(mmsim_trace_start(sim, events, &err) == 0, "%s", err.msg);
	mmsim_run(sim);
	cr_assert(mmsim_check(sim), "invariants broken after the run");
	if (trace) {
		size_t len = 0;
		FILE *f = open_memstream(trace, &len);

		cr_assert(f != NULL);
		cr_assert(mmsim_trace_write(sim, f) == 0);
		fclose(f);
	}
	return sim;
}

/* The statistics of job @i of @sim. */
static inline struct mmsim_job_stats job(mmsim_t *sim, unsigned int i)
{
	struct mmsim_job_stats js;

	mmsim_job_stats(sim, i, &js);
	return js;
}

/* One /proc/vmstat item of @sim. */
static inline unsigned long long vmstat(mmsim_t *sim, const char *item)
{
	char *text = NULL;
	size_t len = 0, n = strlen(item);
	unsigned long long v = ~0ULL;
	FILE *f = open_memstream(&text, &len);

	cr_assert(f != NULL);
	cr_assert(eq(int, mmsim_proc_show(sim, "vmstat", f), 0));
	fclose(f);
	for (char *line = text; line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		if (!strncmp(line, item, n) && line[n] == ' ')
			v = strtoull(line + n + 1, NULL, 10);
	free(text);
	cr_assert(v != ~0ULL, "no %s in /proc/vmstat", item);
	return v;
}

/* The kernel log as mmsim_dmesg() writes it (to free). */
static inline char *test_dmesg(mmsim_t *sim)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	cr_assert(f != NULL);
	cr_assert(eq(int, mmsim_dmesg(sim, f), 0));
	fclose(f);
	return text;
}

/* Number of lines of @text containing @needle. */
static inline unsigned int count_lines(const char *text, const char *needle)
{
	unsigned int n = 0;

	for (const char *line = text; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);

		if (memmem(line, len, needle, strlen(needle)))
			n++;
		line = end ? end + 1 : NULL;
	}
	return n;
}

/* The first line containing @needle (static buffer), or "" */
static inline const char *find_line(const char *text, const char *needle)
{
	static char buf[512];
	const char *hit = strstr(text, needle);
	const char *start, *end;

	if (!hit)
		return "";
	start = hit;
	while (start > text && start[-1] != '\n')
		start--;
	end = strchr(hit, '\n');
	snprintf(buf, sizeof(buf), "%.*s", (int)(end ? end - start : (long)strlen(start)), start);
	return buf;
}

#endif /* MMSIM_TESTS_HELPERS_H */
