/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workload/scenario.h - scenario files: what the CLI needs beyond mmsim/config.h
 *
 * mmsim/config.h declares loading, overriding and validating a scenario.
 * This header adds what only the command line uses: expanding an override
 * with several values into variants ("--set machine.cpus=2,4,8"), printing
 * the key table for `mmsim run --list-keys`, and access to the key table
 * and the value parsers for tests and documentation checks.
 */
#ifndef MMSIM_WORKLOAD_SCENARIO_H
#define MMSIM_WORKLOAD_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "mmsim/config.h"

/**
 * struct mmsim_variants - the assignments one "--set" expands to
 * @nr: number of assignments, at least 1 once filled
 * @v: @nr strings "section.key=value", each allocated with malloc()
 *
 * Release with mmsim_variants_release().
 */
struct mmsim_variants {
	size_t nr;
	char **v;
};

/**
 * mmsim_config_split_variants - expand "section.key=v1,v2,..." into assignments
 * @cfg: the loaded configuration, used to resolve job names
 * @assignment: one --set argument
 * @out: filled with one assignment per value, in the order given
 * @err: filled on failure
 *
 * The value is split on ',', except for keys whose type is a CPU list
 * (cpus_allowed, a node's cpus): CPU lists contain commas, so their variants
 * are separated by ';' ("hog.cpus_allowed=0-1;0-3", "node.1.cpus=4-7;none").
 * A value without a separator gives one variant.  The section and key are resolved as mmsim_config_set()
 * does, with the same messages; the values themselves are checked only
 * when each variant is applied with mmsim_config_set().  Empty pieces are
 * kept (an empty CPU list means all CPUs).
 *
 * Return: 0 with @out filled; -EINVAL (malformed assignment, unknown
 * section, job or key) or -ENOMEM with @err filled and @out empty.
 */
int mmsim_config_split_variants(const struct mmsim_config *cfg, const char *assignment,
				struct mmsim_variants *out, struct mmsim_error *err);

/**
 * mmsim_variants_release - free the assignments of @vars and empty it
 * @vars: filled by mmsim_config_split_variants(), or zeroed
 */
void mmsim_variants_release(struct mmsim_variants *vars);

/**
 * mmsim_config_print_keys - print the key table, for `mmsim run --list-keys`
 * @out: stream to write to
 *
 * One line per key: section (for job keys, the job kinds the key applies
 * to), key, type, default, accepted range and help, in table order, after a
 * header line.  Columns are padded with spaces.
 */
void mmsim_config_print_keys(FILE *out);

/**
 * scenario_key_name - name of entry @i of the key table
 * @i: index, from 0
 *
 * For tests and documentation checks: the name as written in the file
 * ("seed", "kernel.sched_latency_ns", "fail_usercopy.probability").
 *
 * Return: the name, or NULL when @i is past the end of the table.
 */
const char *scenario_key_name(size_t i);

/**
 * scenario_key_section - section of entry @i of the key table
 * @i: index, from 0
 *
 * Return: "global", "machine", "sysctl", "sysfs", "cost", "fault", "model",
 * "node.N", "device.NAME", "file.NAME", "swap.NAME", "cgroup.NAME" or "job";
 * NULL when @i is past the end of the table.
 */
const char *scenario_key_section(size_t i);

/**
 * scenario_parse_bool - parse a bool value as the scenario file accepts it
 * @text: "0", "1", "true", "false", "yes", "no", "on" or "off" (any case)
 * @out: the value
 *
 * Return: 0, or -EINVAL for anything else (@out untouched).
 */
int scenario_parse_bool(const char *text, bool *out);

#endif /* MMSIM_WORKLOAD_SCENARIO_H */
