/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tools/mmsim/report.h - rendering a finished run as text or JSON
 */
#ifndef MMSIM_TOOLS_REPORT_H
#define MMSIM_TOOLS_REPORT_H

#include <stdio.h>

#include "mmsim/sim.h"

/**
 * struct run_result - one finished run, as the report needs it
 * @sim: the simulation (after mmsim_run())
 * @label: the variant's assignments ("machine.cpus=4"), or "" for a single run
 */
struct run_result {
	mmsim_t *sim;
	const char *label;
};

/** report_text - the text report of one run */
void report_text(FILE *out, const struct run_result *run);

/** report_side_by_side - several variants' reports as one table, a column each */
void report_side_by_side(FILE *out, const struct run_result *runs, size_t nr);

/** report_json - the same content as JSON; an array when @nr > 1 */
void report_json(FILE *out, const struct run_result *runs, size_t nr);

#endif /* MMSIM_TOOLS_REPORT_H */
