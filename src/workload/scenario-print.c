// SPDX-License-Identifier: GPL-2.0-only
/*
 * workload/scenario-print.c - printing the key table and a scenario's keys
 *
 * Walks of the key table for output: mmsim_config_foreach_nondefault() for
 * the report header's list of changed keys (a value is changed when its
 * text differs from the default's: the formatters print the shortest text
 * the parser reads back), mmsim_config_print_keys() for
 * `mmsim run --list-keys` (section, key, type, default, range and help of
 * each key), and scenario_key_name() and scenario_key_section() for tests
 * and documentation checks.  Also here: the names of job kinds and fault
 * points, and the built-in default scenario (scenarios/default.ini).
 */
#include "workload/scenario.h"

#include <stdio.h>
#include <string.h>

#include "lib/compiler.h"
#include "sim/cost.h"
#include "workload/scenario-internal.h"

/* ------------------------------------------------------------------ */
/* Printing                                                            */
/* ------------------------------------------------------------------ */

/* Where a device key's value lives. */
static const void *dev_key_cptr(const struct mmsim_device_config *dev,
				const struct scenario_key *key)
{
	return (const char *)dev + key->offset;
}

void mmsim_config_foreach_nondefault(const struct mmsim_config *cfg,
				     void (*fn)(const char *key, const char *value, void *arg),
				     void *arg)
{
	char name[KEY_TEXT_MAX], cur[VALUE_MAX], def[VALUE_MAX];
	union value v;
	unsigned int i;
	size_t k;

	/* [global] ... [model]; aliases and [global] job defaults show in the jobs */
	for (k = 0; k < FIXED_KEYS; k++) {
		const struct scenario_key *key = &scenario_keys[k];
		const struct scenario_key *alias = alias_of(key);

		if (alias && alias->section > key->section)
			continue;
		load_value(key_cptr(cfg, NULL, key), key, &v);
		format_value(key, &v, cur, sizeof(cur));
		key_default(key, &v);
		format_value(key, &v, def, sizeof(def));
		if (!strcmp(cur, def))
			continue;
		snprintf(name, sizeof(name), "%s.%s", scenario_section_names[key->section],
			 key->name);
		fn(name, cur, arg);
	}
	for (i = 0; i < MMSIM_MAX_NODES; i++) {
		const struct mmsim_node_config *node = &cfg->nodes[i];

		for (k = NODE_KEY0; k < DEV_KEY0; k++) {
			const struct scenario_key *key = &scenario_keys[k];

			load_value((const char *)node + key->offset, key, &v);
			format_value(key, &v, cur, sizeof(cur));
			key_default(key, &v);
			format_value(key, &v, def, sizeof(def));
			if (!strcmp(cur, def))
				continue;
			snprintf(name, sizeof(name), "node.%u.%s", i, key->name);
			fn(name, cur, arg);
		}
	}
	for (i = 0; i < cfg->nr_devices; i++) {
		const struct mmsim_device_config *dev = &cfg->devices[i];

		for (k = DEV_KEY0; k < FILE_KEY0; k++) {
			const struct scenario_key *key = &scenario_keys[k];

			load_value(dev_key_cptr(dev, key), key, &v);
			format_value(key, &v, cur, sizeof(cur));
			key_default(key, &v);
			format_value(key, &v, def, sizeof(def));
			if (!strcmp(cur, def))
				continue;
			snprintf(name, sizeof(name), "device.%s.%s", dev->name, key->name);
			fn(name, cur, arg);
		}
	}
	for (i = 0; i < cfg->nr_files; i++) {
		const struct mmsim_file_config *file = &cfg->files[i];

		for (k = FILE_KEY0; k < SWAP_KEY0; k++) {
			const struct scenario_key *key = &scenario_keys[k];

			load_value((const char *)file + key->offset, key, &v);
			format_value(key, &v, cur, sizeof(cur));
			key_default(key, &v);
			format_value(key, &v, def, sizeof(def));
			if (!strcmp(cur, def))
				continue;
			snprintf(name, sizeof(name), "file.%s.%s", file->name, key->name);
			fn(name, cur, arg);
		}
	}
	for (i = 0; i < cfg->nr_swaps; i++) {
		const struct mmsim_swap_config *swap = &cfg->swaps[i];

		for (k = SWAP_KEY0; k < CGROUP_KEY0; k++) {
			const struct scenario_key *key = &scenario_keys[k];

			load_value((const char *)swap + key->offset, key, &v);
			format_value(key, &v, cur, sizeof(cur));
			key_default(key, &v);
			format_value(key, &v, def, sizeof(def));
			if (!strcmp(cur, def))
				continue;
			snprintf(name, sizeof(name), "swap.%s.%s", swap->name, key->name);
			fn(name, cur, arg);
		}
	}
	for (i = 0; i < cfg->nr_cgroups; i++) {
		const struct mmsim_cgroup_config *cg = &cfg->cgroups[i];

		for (k = CGROUP_KEY0; k < JOB_KEY0; k++) {
			const struct scenario_key *key = &scenario_keys[k];

			load_value((const char *)cg + key->offset, key, &v);
			format_value(key, &v, cur, sizeof(cur));
			key_default(key, &v);
			format_value(key, &v, def, sizeof(def));
			if (!strcmp(cur, def))
				continue;
			snprintf(name, sizeof(name), "cgroup.%s.%s", cg->name, key->name);
			fn(name, cur, arg);
		}
	}
	for (i = 0; i < cfg->nr_jobs; i++) {
		const struct mmsim_job_config *job = &cfg->jobs[i];

		for (k = JOB_KEY0; k < NR_KEYS; k++) {
			const struct scenario_key *key = &scenario_keys[k];

			if (!(key->kinds & (1u << job->kind)))
				continue;
			load_value(key_cptr(cfg, job, key), key, &v);
			format_value(key, &v, cur, sizeof(cur));
			key_default(key, &v);
			format_value(key, &v, def, sizeof(def));
			if (!strcmp(cur, def))
				continue;
			snprintf(name, sizeof(name), "%s.%s", job->name, key->name);
			fn(name, cur, arg);
		}
	}
}

/* Columns of `--list-keys`. */
#define COL_WIDTH	512

enum key_column {
	COL_SECTION,
	COL_KEY,
	COL_TYPE,
	COL_DEFAULT,
	COL_RANGE,
	COL_HELP,
	NR_KEY_COLUMNS
};

static void key_columns(const struct scenario_key *key, char cols[][COL_WIDTH])
{
	const char *sep = "";
	union value v;
	unsigned int i;
	size_t len;

	snprintf(cols[COL_SECTION], COL_WIDTH, "%s", scenario_section_names[key->section]);
	if (key->section == SCN_JOB && key->kinds != ALL_KINDS) {
		len = strlen(cols[COL_SECTION]);
		for (i = 0; i < NR_MMSIM_JOB_KINDS; i++) {
			if (!(key->kinds & (1u << i)))
				continue;
			len += (size_t)snprintf(cols[COL_SECTION] + len, COL_WIDTH - len, "%s%s",
						*sep ? sep : ":", scenario_job_kind_names[i]);
			sep = ",";
		}
	}
	snprintf(cols[COL_KEY], COL_WIDTH, "%s", key->name);
	snprintf(cols[COL_TYPE], COL_WIDTH, "%s", key_type(key)->name);
	key_default(key, &v);
	format_value(key, &v, cols[COL_DEFAULT], COL_WIDTH);
	if (!cols[COL_DEFAULT][0])
		snprintf(cols[COL_DEFAULT], COL_WIDTH, "(empty)");
	switch (key->type) {
	case KT_ENUM:
		len = 0;
		for (i = 0; i < key->nr_values; i++)
			len += (size_t)snprintf(cols[COL_RANGE] + len, COL_WIDTH - len, "%s%s",
						i ? "|" : "", key->values[i]);
		break;
	case KT_BOOL:
		snprintf(cols[COL_RANGE], COL_WIDTH, "true|false");
		break;
	case KT_CPULIST:
		snprintf(cols[COL_RANGE], COL_WIDTH, "CPUs 0-%d", MMSIM_MAX_CPUS - 1);
		break;
	case KT_NODE_CPUS:
		snprintf(cols[COL_RANGE], COL_WIDTH, "CPUs 0-%d or none", MMSIM_MAX_CPUS - 1);
		break;
	case KT_GFP:
		snprintf(cols[COL_RANGE], COL_WIDTH, "flags joined by |, or none");
		break;
	case KT_LIMIT:
		format_range(key, cols[COL_RANGE], COL_WIDTH);
		len = strlen(cols[COL_RANGE]);
		snprintf(cols[COL_RANGE] + len, COL_WIDTH - len, ", or -1|max");
		break;
	default:
		format_range(key, cols[COL_RANGE], COL_WIDTH);
		if (key->flags & KEY_ZERO_AUTO) {
			char r[128];

			snprintf(r, sizeof(r), "%s", cols[COL_RANGE]);
			snprintf(cols[COL_RANGE], COL_WIDTH, "0 or %s", r);
		}
		if (key->align) {
			char al[32];

			len = strlen(cols[COL_RANGE]);
			key_type(key)->format_bound(key->align, al, sizeof(al));
			snprintf(cols[COL_RANGE] + len, COL_WIDTH - len, ", a multiple of %s", al);
		}
		break;
	}
	if (key->help)
		snprintf(cols[COL_HELP], COL_WIDTH, "%s", key->help);
	else
		snprintf(cols[COL_HELP], COL_WIDTH, "ns; %s",
			 cost_desc((enum mmsim_cost_item)key->slot)->rationale);
}

void mmsim_config_print_keys(FILE *out)
{
	static const char *const titles[NR_KEY_COLUMNS] = {
		"SECTION", "KEY", "TYPE", "DEFAULT", "RANGE", "HELP",
	};
	char cols[NR_KEY_COLUMNS][COL_WIDTH];
	int width[NR_KEY_COLUMNS];
	size_t k;
	int c;

	for (c = 0; c < NR_KEY_COLUMNS; c++)
		width[c] = (int)strlen(titles[c]);
	for (k = 0; k < NR_KEYS; k++) {
		key_columns(&scenario_keys[k], cols);
		for (c = 0; c < NR_KEY_COLUMNS; c++)
			if ((int)strlen(cols[c]) > width[c])
				width[c] = (int)strlen(cols[c]);
	}
	for (c = 0; c < COL_HELP; c++)
		fprintf(out, "%-*s  ", width[c], titles[c]);
	fprintf(out, "%s\n", titles[COL_HELP]);
	for (k = 0; k < NR_KEYS; k++) {
		key_columns(&scenario_keys[k], cols);
		for (c = 0; c < COL_HELP; c++)
			fprintf(out, "%-*s  ", width[c], cols[c]);
		fprintf(out, "%s\n", cols[COL_HELP]);
	}
}

const char *scenario_key_name(size_t i)
{
	return i < NR_KEYS ? scenario_keys[i].name : NULL;
}

const char *scenario_key_section(size_t i)
{
	return i < NR_KEYS ? scenario_section_names[scenario_keys[i].section] : NULL;
}

/* ------------------------------------------------------------------ */
/* Names and the built-in scenario                                     */
/* ------------------------------------------------------------------ */

const char *mmsim_job_kind_name(enum mmsim_job_kind kind)
{
	MM_BUG_ON((unsigned int)kind >= NR_MMSIM_JOB_KINDS);
	return scenario_job_kind_names[kind];
}

const char *mmsim_fault_name(enum mmsim_fault_item item)
{
	static const char *const names[NR_MMSIM_FAULTS] = {
#define FAULT_NAME(id, nm) [MMSIM_FAULT_##id] = nm,
		MMSIM_FAULTS(FAULT_NAME)
#undef FAULT_NAME
	};

	MM_BUG_ON((unsigned int)item >= NR_MMSIM_FAULTS);
	return names[item];
}

/* scenarios/default.ini, byte for byte (tests/unit/test_scenario.c checks) */
static const char default_scenario[] =
	"; mmsim built-in default scenario (what `mmsim run` runs without a file).\n"
	"; A small machine under memory pressure: 512 MiB of memory, an NVMe drive\n"
	"; holding a 1 GiB file and a 1 GiB swap area.  An anonymous working set\n"
	"; bigger than memory (swap), a reader streaming the file and a writer\n"
	"; dirtying it (page cache reclaim, writeback), a job asking for huge pages\n"
	"; now and then (compaction), and a pipe ping-pong timing the scheduler.\n"
	"\n"
	"[global]\n"
	"seed=1\n"
	"runtime=5s\n"
	"\n"
	"[machine]\n"
	"cpus=4\n"
	"memory=512M\n"
	"\n"
	"[device.nvme]\n"
	"type=nvme\n"
	"size=4G\n"
	"\n"
	"[file.data]\n"
	"device=nvme\n"
	"size=1G\n"
	"\n"
	"[swap.swap]\n"
	"device=nvme\n"
	"size=1G\n"
	"\n"
	"[hog]\n"
	"kind=mem\n"
	"size=640M\n"
	"populate=on\n"
	"writes=30\n"
	"pattern=hotcold:25:90\n"
	"think=50ms\n"
	"loops=1000000\n"
	"\n"
	"[reader]\n"
	"kind=file\n"
	"file=data\n"
	"rw=read\n"
	"bs=128K\n"
	"loops=1000000\n"
	"think=1ms\n"
	"\n"
	"[writer]\n"
	"kind=file\n"
	"file=data\n"
	"rw=randwrite\n"
	"bs=64K\n"
	"loops=1000000\n"
	"think=5ms\n"
	"\n"
	"[thp]\n"
	"kind=alloc\n"
	"order=9\n"
	"gfp=GFP_TRANSHUGE\n"
	"hold=off\n"
	"think=200ms\n"
	"loops=1000000\n"
	"\n"
	"[pingpong]\n"
	"kind=pipe\n"
	"loops=20000\n";

const char *mmsim_default_scenario(void)
{
	return default_scenario;
}
