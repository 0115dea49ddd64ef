// SPDX-License-Identifier: GPL-2.0-only
/*
 * workload/scenario-check.c - scenario validation, the NUMA node and file layouts
 *
 * Each key is checked alone as it is read (scenario-keys.c); what is left
 * are the values that must agree with each other, checked here by
 * mmsim_config_validate() once the scenario and every --set are applied:
 * keys a job set that its kind does not use, kernelcore= against
 * movablecore= and memory=, [node.N] sections against [machine], each
 * device's sizes, zones and seek times, each file's device and size and
 * the layout of the files on their devices, each swap area's device, dax=
 * and room on its device, an io job's device= and bs=,
 * the file= of mem and file jobs, the cgroup= of every job, and the CPUs,
 * node and datasize= of each job.  A message names where the offending
 * value came from: its line, the section header for a default, or the
 * --set that wrote it.
 *
 * Files: the [file.NAME] sections of a device lie back to back from byte 0
 * in file order (mmsim_config_file_offset()), a plain layout with no file
 * system, and must fit in the device's size, or its model's default size
 * (blk_config_size()).
 *
 * Swap areas: the [swap.NAME] sections of a device lie after all the files
 * of that device, back to back in section order
 * (mmsim_config_swap_offset()); size=0 takes the rest of the device
 * (mmsim_config_swap_size()), which must be at least mkswap's 10 pages.
 *
 * Nodes: [machine] memory, cpus and nodes describe the machine; a [node.N]
 * section may fix node N's memory and CPUs, mmsim_config_resolve_nodes()
 * shares the rest out equally, and places ZONE_MOVABLE as the kernel's
 * kernelcore= and movablecore= boot options do
 * (find_zone_movable_pfns_for_nodes(), simplified to a proportional split).
 */
#include "workload/scenario.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "block/blk.h"
#include "lib/compiler.h"
#include "workload/memjob.h"
#include "workload/pattern.h"
#include "workload/scenario-internal.h"

/* ------------------------------------------------------------------ */
/* Validation                                                          */
/* ------------------------------------------------------------------ */

/* A [machine] (or other fixed section) key by name, for messages. */
static const struct scenario_key *fixed_key(enum scn_section section, const char *name)
{
	for (size_t i = 0; i < FIXED_KEYS; i++)
		if (scenario_keys[i].section == section && !strcmp(scenario_keys[i].name, name))
			return &scenario_keys[i];
	MM_BUG();
	return NULL;
}

/*
 * Where a job's value of @slot came from, for messages: its line, the job
 * header's line for defaults, or the --set that wrote it.
 */
static void job_key_where(const struct mmsim_config *cfg, const struct mmsim_job_config *job,
			  enum job_key slot, struct where *w, char *assignment, size_t size)
{
	const struct scenario_key *key = job_key(slot);
	unsigned int line = job->key_line[slot];
	char value[VALUE_MAX];
	union value v;

	*w = (struct where){
		.file = cfg->source[0] ? cfg->source : "scenario",
		.line = line ? line : job->line,
		.section = SCN_JOB,
		.job = job,
	};
	if (line != LINE_SET)
		return;
	load_value(key_cptr(cfg, job, key), key, &v);
	format_value(key, &v, value, sizeof(value));
	snprintf(assignment, size, "%s.%s=%s",
		 (job->set_mask & (1ULL << slot)) ? job->name : "global", key->name, value);
	w->assignment = assignment;
}

/* Keys a job set itself that its kind does not use (burst in a pipe job). */
int check_job_kinds(const struct mmsim_config *cfg, struct mmsim_error *err)
{
	char assignment[KEY_TEXT_MAX + VALUE_MAX];
	unsigned int i;
	int s;

	for (i = 0; i < cfg->nr_jobs; i++) {
		const struct mmsim_job_config *job = &cfg->jobs[i];

		for (s = 0; s < NR_JOB_KEYS; s++) {
			struct where w;

			if (!(job->set_mask & (1ULL << s)) ||
			    (job_key(s)->kinds & (1u << job->kind)))
				continue;
			job_key_where(cfg, job, s, &w, assignment, sizeof(assignment));
			return error_not_for_kind(&w, job_key(s), job->kind, err);
		}
	}
	return 0;
}

/* A device's own checks: sizes in whole 4K blocks, zones within the device. */
static int check_device(const struct mmsim_config *cfg, const struct mmsim_device_config *dev,
			struct mmsim_error *err)
{
	const char *file = cfg->source[0] ? cfg->source : "scenario";
	static const struct { enum dev_key slot; size_t offset; } sizes[] = {
		{ DK_SIZE, DEV(size) }, { DK_ZONE_SIZE, DEV(zone_size) },
	};
	struct msg m;

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		uint64_t n;

		memcpy(&n, (const char *)dev + sizes[i].offset, sizeof(n));
		if (n % 4096) {
			unsigned int line = dev->key_line[sizes[i].slot];

			msg_start(&m, err);
			msg_add(&m, "%s:%u: %s of [device.%s] is %" PRIu64 " bytes, not a "
				"multiple of 4K", file, line && line != LINE_SET ? line : dev->line,
				scenario_keys[DEV_KEY0 + sizes[i].slot].name, dev->name, n);
			return -EINVAL;
		}
	}
	if (dev->size && dev->zone_size > dev->size) {
		msg_start(&m, err);
		msg_add(&m, "%s:%u: zone_size of [device.%s] is larger than its size", file,
			dev->line, dev->name);
		return -EINVAL;
	}
	if (dev->seek_min_ns && dev->seek_max_ns && dev->seek_min_ns > dev->seek_max_ns) {
		msg_start(&m, err);
		msg_add(&m, "%s:%u: seek_min of [device.%s] is larger than its seek_max", file,
			dev->line, dev->name);
		return -EINVAL;
	}
	return 0;
}

/* "d0, d1", or "none (add a [device.NAME] section)": the end of a message */
static void msg_device_list(struct msg *m, const struct mmsim_config *cfg)
{
	for (unsigned int i = 0; i < cfg->nr_devices; i++)
		msg_add(m, "%s%s", i ? ", " : "", cfg->devices[i].name);
	if (!cfg->nr_devices)
		msg_add(m, "none (add a [device.NAME] section)");
}

/* "a, b", or "none (add a [file.NAME] section)": the end of a message */
static void msg_file_list(struct msg *m, const struct mmsim_config *cfg)
{
	for (unsigned int i = 0; i < cfg->nr_files; i++)
		msg_add(m, "%s%s", i ? ", " : "", cfg->files[i].name);
	if (!cfg->nr_files)
		msg_add(m, "none (add a [file.NAME] section)");
}

/* "a, b", or "none (add a [cgroup.NAME] section)": the end of a message */
static void msg_cgroup_list(struct msg *m, const struct mmsim_config *cfg)
{
	for (unsigned int i = 0; i < cfg->nr_cgroups; i++)
		msg_add(m, "%s%s", i ? ", " : "", cfg->cgroups[i].name);
	if (!cfg->nr_cgroups)
		msg_add(m, "none (add a [cgroup.NAME] section)");
}

/* Where a file's value of @slot came from: its line, the [file.NAME] header, or a --set. */
static void file_key_where(const struct mmsim_config *cfg, const struct mmsim_file_config *file,
			   enum file_key slot, struct where *w, char *assignment, size_t size)
{
	const struct scenario_key *key = file_key(slot);
	unsigned int line = file->key_line[slot];
	char value[VALUE_MAX];
	union value v;

	*w = (struct where){
		.file = cfg->source[0] ? cfg->source : "scenario",
		.line = line_is_file(line) ? line : file->line,
		.section = SCN_FILE,
		.file_cfg = file,
	};
	if (line != LINE_SET)
		return;
	load_value((const char *)file + key->offset, key, &v);
	format_value(key, &v, value, sizeof(value));
	snprintf(assignment, size, "file.%s.%s=%s", file->name, key->name, value);
	w->assignment = assignment;
}

uint64_t mmsim_config_file_offset(const struct mmsim_config *cfg, unsigned int file_idx)
{
	const struct mmsim_file_config *file;
	uint64_t offset = 0;

	MM_BUG_ON(file_idx >= cfg->nr_files);
	file = &cfg->files[file_idx];
	for (unsigned int i = 0; i < file_idx; i++)
		if (!strcmp(cfg->files[i].device, file->device))
			offset += cfg->files[i].size;
	return offset;
}

/*
 * A file's checks: a [device.NAME] that exists and is not zoned (the page
 * cache writes blocks back in place, which a zoned device refuses off its
 * write pointers), a size of whole 4K blocks, and room on the device after
 * the files before it.  Files are checked in file order, so the first file
 * that does not fit is the one named.
 */
static int check_file(const struct mmsim_config *cfg, unsigned int idx, struct mmsim_error *err)
{
	const struct mmsim_file_config *file = &cfg->files[idx];
	char assignment[KEY_TEXT_MAX + VALUE_MAX], a[32], b[32], c[32], d[32];
	const struct mmsim_device_config *dev;
	uint64_t offset, dev_size;
	struct where w;
	struct msg m;
	int i;

	i = find_device(cfg, file->device, strlen(file->device));
	if (i < 0) {
		file_key_where(cfg, file, FK_DEVICE, &w, assignment, sizeof(assignment));
		msg_start(&m, err);
		msg_prefix(&m, &w);
		if (file->device[0])
			msg_add(&m, "device '%s' of [file.%s] is not defined; devices: ",
				file->device, file->name);
		else
			msg_add(&m, "[file.%s] needs device=NAME; devices: ", file->name);
		msg_device_list(&m, cfg);
		return -EINVAL;
	}
	dev = &cfg->devices[i];
	if (dev->type == MMSIM_DEV_ZONED) {
		file_key_where(cfg, file, FK_DEVICE, &w, assignment, sizeof(assignment));
		msg_start(&m, err);
		msg_prefix(&m, &w);
		msg_add(&m, "[file.%s] is on zoned device [device.%s]; files are not supported "
			"on zoned devices (the page cache writes in place)", file->name, dev->name);
		return -EINVAL;
	}
	if (!file->size || file->size % 4096) {
		file_key_where(cfg, file, FK_SIZE, &w, assignment, sizeof(assignment));
		msg_start(&m, err);
		msg_prefix(&m, &w);
		if (!file->size)
			msg_add(&m, "[file.%s] needs size= (bytes, a multiple of 4K)", file->name);
		else
			msg_add(&m, "size of [file.%s] is %" PRIu64 " bytes, not a multiple of 4K",
				file->name, file->size);
		return -EINVAL;
	}
	offset = mmsim_config_file_offset(cfg, idx);
	dev_size = blk_config_size(dev);
	if (offset + file->size <= dev_size)
		return 0;
	file_key_where(cfg, file, FK_SIZE, &w, assignment, sizeof(assignment));
	format_size(file->size, a, sizeof(a));
	format_size(offset, b, sizeof(b));
	format_size(offset + file->size, c, sizeof(c));
	format_size(dev_size, d, sizeof(d));
	msg_start(&m, err);
	msg_prefix(&m, &w);
	msg_add(&m, "[file.%s] (%s at offset %s) ends at %s, past the end of [device.%s] (%s",
		file->name, a, b, c, dev->name, d);
	if (!dev->size)
		msg_add(&m, ", the default size of a %s device", blk_dev_type_name(dev->type));
	msg_add(&m, "); the files of a device lie back to back from offset 0 in file order");
	return -EINVAL;
}

/* Where a swap area's value of @slot came from: its line, the [swap.NAME] header, or a --set. */
static void swap_key_where(const struct mmsim_config *cfg, const struct mmsim_swap_config *swap,
			   enum swap_key slot, struct where *w, char *assignment, size_t size)
{
	const struct scenario_key *key = swap_key(slot);
	unsigned int line = swap->key_line[slot];
	char value[VALUE_MAX];
	union value v;

	*w = (struct where){
		.file = cfg->source[0] ? cfg->source : "scenario",
		.line = line_is_file(line) ? line : swap->line,
		.section = SCN_SWAP,
		.swap_cfg = swap,
	};
	if (line != LINE_SET)
		return;
	load_value((const char *)swap + key->offset, key, &v);
	format_value(key, &v, value, sizeof(value));
	snprintf(assignment, size, "swap.%s.%s=%s", swap->name, key->name, value);
	w->assignment = assignment;
}

/*
 * Where swap area @swap_idx starts (*@offset) on its device, whose size is
 * *@dev_size (0 if the device is not defined): after every file of the
 * device, then after the earlier swap areas on it, each at its size or,
 * for size 0, the rest of the device.
 */
static void swap_layout(const struct mmsim_config *cfg, unsigned int swap_idx,
			uint64_t *offset, uint64_t *dev_size)
{
	const struct mmsim_swap_config *swap;
	uint64_t off = 0, size = 0;
	int d;

	MM_BUG_ON(swap_idx >= cfg->nr_swaps);
	swap = &cfg->swaps[swap_idx];
	d = find_device(cfg, swap->device, strlen(swap->device));
	if (d >= 0)
		size = blk_config_size(&cfg->devices[d]);
	for (unsigned int i = 0; i < cfg->nr_files; i++)
		if (!strcmp(cfg->files[i].device, swap->device))
			off += cfg->files[i].size;
	for (unsigned int i = 0; i < swap_idx; i++) {
		const struct mmsim_swap_config *o = &cfg->swaps[i];

		if (strcmp(o->device, swap->device))
			continue;
		if (o->size)
			off += o->size;
		else if (size > off)
			off += (size - off) / 4096 * 4096;
	}
	*offset = off;
	*dev_size = size;
}

uint64_t mmsim_config_swap_offset(const struct mmsim_config *cfg, unsigned int swap_idx)
{
	uint64_t offset, dev_size;

	swap_layout(cfg, swap_idx, &offset, &dev_size);
	return offset;
}

uint64_t mmsim_config_swap_size(const struct mmsim_config *cfg, unsigned int swap_idx)
{
	uint64_t offset, dev_size;

	swap_layout(cfg, swap_idx, &offset, &dev_size);
	if (cfg->swaps[swap_idx].size)
		return cfg->swaps[swap_idx].size;
	return dev_size > offset ? (dev_size - offset) / 4096 * 4096 : 0;
}

/*
 * A swap area's checks: a [device.NAME] that exists and is not zoned
 * (swapon refuses zoned block devices), dax=on only on a pmem device, and
 * room on the device after its files and the swap areas before it: all of
 * size=, or for size=0 at least mkswap's 10 pages.  Its size= is a
 * multiple of 4K and at least 40K already (the key's range).
 */
static int check_swap(const struct mmsim_config *cfg, unsigned int idx, struct mmsim_error *err)
{
	const struct mmsim_swap_config *swap = &cfg->swaps[idx];
	char assignment[KEY_TEXT_MAX + VALUE_MAX], a[32], b[32], c[32], d[32];
	const struct mmsim_device_config *dev;
	uint64_t offset, dev_size, rest;
	struct where w;
	struct msg m;
	int i;

	i = find_device(cfg, swap->device, strlen(swap->device));
	if (i < 0) {
		swap_key_where(cfg, swap, SK_DEVICE, &w, assignment, sizeof(assignment));
		msg_start(&m, err);
		msg_prefix(&m, &w);
		if (swap->device[0])
			msg_add(&m, "device '%s' of [swap.%s] is not defined; devices: ",
				swap->device, swap->name);
		else
			msg_add(&m, "[swap.%s] needs device=NAME; devices: ", swap->name);
		msg_device_list(&m, cfg);
		return -EINVAL;
	}
	dev = &cfg->devices[i];
	if (dev->type == MMSIM_DEV_ZONED) {
		swap_key_where(cfg, swap, SK_DEVICE, &w, assignment, sizeof(assignment));
		msg_start(&m, err);
		msg_prefix(&m, &w);
		msg_add(&m, "[swap.%s] is on zoned device [device.%s]; swap is not supported on "
			"zoned devices (swapon refuses them)", swap->name, dev->name);
		return -EINVAL;
	}
	if (swap->dax && dev->type != MMSIM_DEV_PMEM) {
		swap_key_where(cfg, swap, SK_DAX, &w, assignment, sizeof(assignment));
		msg_start(&m, err);
		msg_prefix(&m, &w);
		msg_add(&m, "dax of [swap.%s] is on but [device.%s] is of type %s; DAX swap needs "
			"a device of type pmem", swap->name, dev->name, blk_dev_type_name(dev->type));
		return -EINVAL;
	}
	swap_layout(cfg, idx, &offset, &dev_size);
	rest = dev_size > offset ? (dev_size - offset) / 4096 * 4096 : 0;
	if (swap->size ? offset + swap->size <= dev_size : rest >= SWAP_MIN_BYTES)
		return 0;
	swap_key_where(cfg, swap, SK_SIZE, &w, assignment, sizeof(assignment));
	format_size(offset, b, sizeof(b));
	format_size(dev_size, d, sizeof(d));
	msg_start(&m, err);
	msg_prefix(&m, &w);
	if (swap->size) {
		format_size(swap->size, a, sizeof(a));
		format_size(offset + swap->size, c, sizeof(c));
		msg_add(&m, "[swap.%s] (%s at offset %s) ends at %s, past the end of [device.%s] (%s",
			swap->name, a, b, c, dev->name, d);
	} else {
		format_size(rest, a, sizeof(a));
		format_size(SWAP_MIN_BYTES, c, sizeof(c));
		msg_add(&m, "[swap.%s] has size 0, the rest of [device.%s] (%s", swap->name,
			dev->name, d);
	}
	if (!dev->size)
		msg_add(&m, ", the default size of a %s device", blk_dev_type_name(dev->type));
	if (!swap->size)
		msg_add(&m, ") after offset %s, which is %s; a swap area needs at least %s "
			"(mkswap's 10 pages)", b, a, c);
	else
		msg_add(&m, ")");
	msg_add(&m, "; swap areas lie after the files of their device, back to back in "
		"section order");
	return -EINVAL;
}

/* The bs= of io and file jobs: whole 4K blocks. */
static int check_job_bs(const struct mmsim_config *cfg, const struct mmsim_job_config *job,
			struct mmsim_error *err)
{
	char assignment[KEY_TEXT_MAX + VALUE_MAX];
	struct where w;
	struct msg m;

	if (!(job->bs % 4096))
		return 0;
	job_key_where(cfg, job, JK_BS, &w, assignment, sizeof(assignment));
	msg_start(&m, err);
	msg_prefix(&m, &w);
	msg_add(&m, "bs %" PRIu64 " of job [%s] is not a multiple of 4K", job->bs, job->name);
	return -EINVAL;
}

/* kind=io: device= names a [device.NAME]; bs is whole 4K blocks. */
static int check_io_job(const struct mmsim_config *cfg, const struct mmsim_job_config *job,
			struct mmsim_error *err)
{
	char assignment[KEY_TEXT_MAX + VALUE_MAX];
	struct where w;
	struct msg m;

	if (find_device(cfg, job->device, strlen(job->device)) < 0) {
		job_key_where(cfg, job, JK_DEVICE, &w, assignment, sizeof(assignment));
		msg_start(&m, err);
		msg_prefix(&m, &w);
		if (job->device[0])
			msg_add(&m, "device '%s' of job [%s] is not defined; devices: ",
				job->device, job->name);
		else
			msg_add(&m, "job [%s] of kind io needs device=NAME; devices: ", job->name);
		msg_device_list(&m, cfg);
		return -EINVAL;
	}
	return check_job_bs(cfg, job, err);
}

/*
 * The file= of a mem or file job: a [file.NAME] that exists, required for
 * kind=file.  *@file is that file, or NULL (a mem job of anonymous memory).
 */
static int check_job_file(const struct mmsim_config *cfg, const struct mmsim_job_config *job,
			  const struct mmsim_file_config **file, struct mmsim_error *err)
{
	char assignment[KEY_TEXT_MAX + VALUE_MAX];
	struct where w;
	struct msg m;
	int i;

	*file = NULL;
	if (!job->file[0] && job->kind != MMSIM_JOB_FILE)
		return 0;
	i = find_file(cfg, job->file, strlen(job->file));
	if (i >= 0) {
		*file = &cfg->files[i];
		return 0;
	}
	job_key_where(cfg, job, JK_FILE, &w, assignment, sizeof(assignment));
	msg_start(&m, err);
	msg_prefix(&m, &w);
	if (job->file[0])
		msg_add(&m, "file '%s' of job [%s] is not defined; files: ", job->file, job->name);
	else
		msg_add(&m, "job [%s] of kind file needs file=NAME; files: ", job->name);
	msg_file_list(&m, cfg);
	return -EINVAL;
}

/* Any kind: cgroup=, if set, names a [cgroup.NAME]; empty is the root cgroup. */
static int check_job_cgroup(const struct mmsim_config *cfg, const struct mmsim_job_config *job,
			    struct mmsim_error *err)
{
	char assignment[KEY_TEXT_MAX + VALUE_MAX];
	struct where w;
	struct msg m;

	if (!job->cgroup[0] || find_cgroup(cfg, job->cgroup, strlen(job->cgroup)) >= 0)
		return 0;
	job_key_where(cfg, job, JK_CGROUP, &w, assignment, sizeof(assignment));
	msg_start(&m, err);
	msg_prefix(&m, &w);
	msg_add(&m, "cgroup '%s' of job [%s] is not defined; cgroups: ", job->cgroup, job->name);
	msg_cgroup_list(&m, cfg);
	return -EINVAL;
}

/* kind=file: file= names a [file.NAME]; bs is whole 4K blocks, within the file. */
static int check_file_job(const struct mmsim_config *cfg, const struct mmsim_job_config *job,
			  struct mmsim_error *err)
{
	char assignment[KEY_TEXT_MAX + VALUE_MAX], a[32], b[32];
	const struct mmsim_file_config *file;
	struct where w;
	struct msg m;
	int ret;

	ret = check_job_file(cfg, job, &file, err);
	if (!ret)
		ret = check_job_bs(cfg, job, err);
	if (ret || job->bs <= file->size)
		return ret;
	job_key_where(cfg, job, JK_BS, &w, assignment, sizeof(assignment));
	format_size(job->bs, a, sizeof(a));
	format_size(file->size, b, sizeof(b));
	msg_start(&m, err);
	msg_prefix(&m, &w);
	msg_add(&m, "bs %s of job [%s] is larger than its file [file.%s] (%s)", a, job->name,
		file->name, b);
	return -EINVAL;
}

/* "[machine] nodes is 2 (nodes 0-1)" */
static void msg_nodes(struct msg *m, const struct mmsim_config *cfg)
{
	if (cfg->nr_nodes > 1)
		msg_add(m, "[machine] nodes is %u (nodes 0-%u)", cfg->nr_nodes, cfg->nr_nodes - 1);
	else
		msg_add(m, "[machine] nodes is 1 (node 0)");
}

/* "4 CPUs (0-3)" or "1 CPU (0)" */
static void format_machine_cpus(const struct mmsim_config *cfg, char *buf, size_t size)
{
	if (cfg->nr_cpus > 1)
		snprintf(buf, size, "%u CPUs (0-%u)", cfg->nr_cpus, cfg->nr_cpus - 1);
	else
		snprintf(buf, size, "1 CPU (0)");
}

/*
 * Where the value of a fixed-section key came from, for messages: its
 * line, the --set that wrote it, or just the file for a default.
 */
static void fixed_key_where(const struct mmsim_config *cfg, const struct scenario_key *key,
			    struct where *w, char *assignment, size_t size)
{
	unsigned int line = cfg->key_line[key_index(key)];
	char value[VALUE_MAX];
	union value v;

	*w = (struct where){
		.file = cfg->source[0] ? cfg->source : "scenario",
		.line = line == LINE_SET ? 0 : line,
		.section = key->section,
	};
	if (line != LINE_SET)
		return;
	load_value(key_cptr(cfg, NULL, key), key, &v);
	format_value(key, &v, value, sizeof(value));
	snprintf(assignment, size, "%s.%s=%s", scenario_section_names[key->section], key->name,
		 value);
	w->assignment = assignment;
}

/* Where node @nid's value of @slot came from: its line, the [node.N] header, or a --set. */
static void node_key_where(const struct mmsim_config *cfg, unsigned int nid, enum node_key slot,
			   struct where *w, char *assignment, size_t size)
{
	const struct mmsim_node_config *node = &cfg->nodes[nid];
	const struct scenario_key *key = node_key(slot);
	unsigned int line = node->key_line[slot];
	char value[VALUE_MAX];
	union value v;

	*w = (struct where){
		.file = cfg->source[0] ? cfg->source : "scenario",
		.line = line_is_file(line) ? line : node->line,
		.section = SCN_NODE,
		.nid = nid,
	};
	if (line != LINE_SET)
		return;
	load_value((const char *)node + key->offset, key, &v);
	format_value(key, &v, value, sizeof(value));
	snprintf(assignment, size, "node.%u.%s=%s", nid, key->name, value);
	w->assignment = assignment;
}

/* kind=replay: a trace that can be read. */
static int check_replay_job(const struct mmsim_config *cfg, const struct mmsim_job_config *job,
			    struct mmsim_error *err)
{
	char assignment[KEY_TEXT_MAX + VALUE_MAX];
	struct where w;
	struct msg m;
	FILE *f;

	f = job->trace[0] ? fopen(job->trace, "r") : NULL;
	if (f) {
		fclose(f);
		return 0;
	}
	job_key_where(cfg, job, JK_TRACE, &w, assignment, sizeof(assignment));
	msg_start(&m, err);
	msg_prefix(&m, &w);
	if (job->trace[0])
		msg_add(&m, "cannot open trace '%s' of job [%s]: %s", job->trace, job->name,
			strerror(errno));
	else
		msg_add(&m, "job [%s] of kind replay needs trace=PATH (a valgrind lackey "
			"--trace-mem=yes output)", job->name);
	return -EINVAL;
}

/*
 * kind=mem: a mapping of whole pages (of the file= if any, size 0 meaning
 * the whole file), shared= only with a file, and a pattern that fits.
 */
static int check_mem_job(const struct mmsim_config *cfg, const struct mmsim_job_config *job,
			 struct mmsim_error *err)
{
	char assignment[KEY_TEXT_MAX + VALUE_MAX], a[32], b[32];
	const struct mmsim_file_config *file;
	uint64_t size = job->io_size, nr_pages;
	struct mem_pattern mp;
	int bad;
	struct where w;
	struct msg m;
	int ret;

	ret = check_job_file(cfg, job, &file, err);
	if (ret)
		return ret;
	if (!file && (job->set_mask & (1ULL << JK_SHARED))) {
		job_key_where(cfg, job, JK_SHARED, &w, assignment, sizeof(assignment));
		msg_start(&m, err);
		msg_prefix(&m, &w);
		msg_add(&m, "shared of job [%s] applies only to a mapping of a file; set file= "
			"or drop shared=", job->name);
		return -EINVAL;
	}
	if (file && job->pass_madvise == MMSIM_PASS_MADV_FREE) {
		job_key_where(cfg, job, JK_PASS_MADVISE, &w, assignment, sizeof(assignment));
		msg_start(&m, err);
		msg_prefix(&m, &w);
		msg_add(&m, "pass_madvise=free of job [%s] applies only to anonymous memory "
			"(MADV_FREE of a file mapping is EINVAL); drop file= or choose dontneed, "
			"cold or pageout", job->name);
		return -EINVAL;
	}
	if (file) {
		/* one PTE mapping per page cache page, for now: one mem job per file */
		for (const struct mmsim_job_config *o = cfg->jobs; o < job; o++) {
			if (o->kind != MMSIM_JOB_MEM || strcmp(o->file, job->file))
				continue;
			job_key_where(cfg, job, JK_FILE, &w, assignment, sizeof(assignment));
			msg_start(&m, err);
			msg_prefix(&m, &w);
			msg_add(&m, "file '%s' is mapped by jobs [%s] and [%s]; mmsim maps a file "
				"into one mem job at most (its threads share the mapping)",
				job->file, o->name, job->name);
			return -EINVAL;
		}
	}
	if (file && !size)
		size = file->size;
	nr_pages = size >> 12;
	if (file && (size % 4096 || nr_pages > PATTERN_MAX_PAGES || size > file->size)) {
		job_key_where(cfg, job, JK_SIZE, &w, assignment, sizeof(assignment));
		format_size(file->size, a, sizeof(a));
		format_size(job->io_size, b, sizeof(b));
		msg_start(&m, err);
		msg_prefix(&m, &w);
		msg_add(&m, "job [%s] of kind mem maps size= bytes of [file.%s]: 0 for the whole "
			"file, or 4K to 16T, a multiple of 4K, at most the file's %s; it is %s",
			job->name, file->name, a, b);
		return -EINVAL;
	}
	if (!size || size % 4096 || nr_pages > PATTERN_MAX_PAGES) {
		job_key_where(cfg, job, JK_SIZE, &w, assignment, sizeof(assignment));
		msg_start(&m, err);
		msg_prefix(&m, &w);
		msg_add(&m, "job [%s] of kind mem needs size= of 4K to 16T, a multiple of 4K "
			"(the bytes it maps); it is %" PRIu64, job->name, job->io_size);
		return -EINVAL;
	}
	bad = mem_pattern_value_parse(job->pattern, &mp);
	for (unsigned int t = 0; !bad && t < mp.nr; t++)
		for (unsigned int i = 0; !bad && i < mp.thread[t].nr; i++)
			bad = pattern_cfg_check(&mp.thread[t].cfg[i], nr_pages);
	if (bad) {
		job_key_where(cfg, job, JK_PATTERN, &w, assignment, sizeof(assignment));
		msg_start(&m, err);
		msg_prefix(&m, &w);
		msg_add(&m, "pattern '%s' of job [%s] does not fit its %" PRIu64 " pages",
			job->pattern, job->name, nr_pages);
		return -EINVAL;
	}
	return 0;
}

/* kernelcore= and movablecore=: one of them, and less than the memory. */
static int check_machine(const struct mmsim_config *cfg, struct mmsim_error *err)
{
	const struct scenario_key *kc = fixed_key(SCN_MACHINE, "kernelcore");
	const struct scenario_key *mc = fixed_key(SCN_MACHINE, "movablecore");
	const struct scenario_key *core[] = { kc, mc };
	char assignment[KEY_TEXT_MAX + VALUE_MAX], a[32], b[32];
	struct where w;
	struct msg m;

	if (cfg->kernelcore && cfg->movablecore) {
		/* at the one written last: a --set comes after every line */
		bool kc_last = cfg->key_line[key_index(kc)] > cfg->key_line[key_index(mc)];

		fixed_key_where(cfg, kc_last ? kc : mc, &w, assignment, sizeof(assignment));
		msg_start(&m, err);
		msg_prefix(&m, &w);
		msg_add(&m, "kernelcore and movablecore are both set in [machine]; set one of them");
		return -EINVAL;
	}
	for (size_t i = 0; i < ARRAY_SIZE(core); i++) {
		uint64_t n;

		memcpy(&n, (const char *)cfg + core[i]->offset, sizeof(n));
		if (!n || n < cfg->memory)
			continue;
		fixed_key_where(cfg, core[i], &w, assignment, sizeof(assignment));
		format_size(n, a, sizeof(a));
		format_size(cfg->memory, b, sizeof(b));
		msg_start(&m, err);
		msg_prefix(&m, &w);
		msg_add(&m, "%s %s of [machine] is not less than its memory %s", core[i]->name, a, b);
		return -EINVAL;
	}
	return 0;
}

/* A node with a [node.N] section or a value set by --set. */
static bool node_mentioned(const struct mmsim_node_config *node)
{
	return node->line || node->set_mask;
}

/*
 * [node.N] sections against [machine]: N below nodes, the memory= values
 * within memory with at least MIN_NODE_BYTES for each node that shares the
 * rest, each CPU of a cpus= on the machine and in one node only, and every
 * CPU in some node once the unlisted ones are shared out.
 */
static int check_nodes(const struct mmsim_config *cfg, struct mmsim_error *err)
{
	char assignment[KEY_TEXT_MAX + VALUE_MAX], a[VALUE_MAX], b[32], c[32];
	unsigned char owner[MMSIM_MAX_CPUS] = { 0 };	/* node + 1 */
	unsigned int nid, cpu, implicit = 0, sharing = 0, last_mem = 0, last_cpus = 0;
	struct mmsim_cpumask unlisted;
	uint64_t sum = 0, share;
	struct where w;
	struct msg m;

	for (nid = cfg->nr_nodes; nid < MMSIM_MAX_NODES; nid++) {
		const struct mmsim_node_config *node = &cfg->nodes[nid];
		enum node_key slot = NK_MEMORY;

		if (!node_mentioned(node))
			continue;
		/* the section header, else the first key a --set gave it */
		while (!node->line && !(node->set_mask & (1u << slot)))
			slot++;
		node_key_where(cfg, nid, slot, &w, assignment, sizeof(assignment));
		if (node->line) {
			w.line = node->line;
			w.assignment = NULL;
		}
		msg_start(&m, err);
		msg_prefix(&m, &w);
		msg_add(&m, "there is no node %u: ", nid);
		msg_nodes(&m, cfg);
		return -EINVAL;
	}

	for (nid = 0; nid < cfg->nr_nodes; nid++) {
		const struct mmsim_node_config *node = &cfg->nodes[nid];

		if (!node->memory) {
			implicit++;
			continue;
		}
		sum += node->memory;
		last_mem = nid;
		if (sum <= cfg->memory)
			continue;
		node_key_where(cfg, nid, NK_MEMORY, &w, assignment, sizeof(assignment));
		format_size(node->memory, a, sizeof(a));
		format_size(sum, b, sizeof(b));
		format_size(cfg->memory, c, sizeof(c));
		msg_start(&m, err);
		msg_prefix(&m, &w);
		msg_add(&m, "memory %s of [node.%u] brings the nodes' memory to %s, more than "
			"[machine] memory %s", a, nid, b, c);
		return -EINVAL;
	}
	if (!implicit && sum != cfg->memory) {
		node_key_where(cfg, last_mem, NK_MEMORY, &w, assignment, sizeof(assignment));
		format_size(sum, a, sizeof(a));
		format_size(cfg->memory, b, sizeof(b));
		msg_start(&m, err);
		msg_prefix(&m, &w);
		msg_add(&m, "the nodes' memory adds up to %s but [machine] memory is %s; when every "
			"node sets memory they must be equal", a, b);
		return -EINVAL;
	}
	share = implicit ? (cfg->memory - sum) / implicit / PAGEBLOCK_BYTES * PAGEBLOCK_BYTES : 0;
	if (implicit && share < MIN_NODE_BYTES) {
		format_size(cfg->memory, a, sizeof(a));
		format_size(share, b, sizeof(b));
		msg_start(&m, err);
		if (sum) {
			node_key_where(cfg, last_mem, NK_MEMORY, &w, assignment, sizeof(assignment));
			format_size(sum, c, sizeof(c));
			msg_prefix(&m, &w);
			msg_add(&m, "the nodes' memory takes %s of [machine] memory %s, which leaves "
				"%s for each of the %u nodes without memory; each needs at least 16M",
				c, a, b, implicit);
		} else {
			fixed_key_where(cfg, fixed_key(SCN_MACHINE, "memory"), &w, assignment,
					sizeof(assignment));
			msg_prefix(&m, &w);
			msg_add(&m, "[machine] memory %s gives each of the %u nodes %s; each needs at "
				"least 16M", a, implicit, b);
		}
		return -EINVAL;
	}

	for (nid = 0; nid < cfg->nr_nodes; nid++) {
		const struct mmsim_node_config *node = &cfg->nodes[nid];

		if (node->no_cpus)
			continue;
		if (mmsim_cpumask_empty(&node->cpus)) {
			sharing++;
			continue;
		}
		last_cpus = nid;
		for (cpu = 0; cpu < MMSIM_MAX_CPUS; cpu++) {
			if (!mmsim_cpumask_test(&node->cpus, cpu))
				continue;
			if (cpu < cfg->nr_cpus && !owner[cpu]) {
				owner[cpu] = (unsigned char)(nid + 1);
				continue;
			}
			node_key_where(cfg, nid, NK_CPUS, &w, assignment, sizeof(assignment));
			format_cpulist(&node->cpus, a, sizeof(a));
			msg_start(&m, err);
			msg_prefix(&m, &w);
			if (cpu >= cfg->nr_cpus) {
				format_machine_cpus(cfg, b, sizeof(b));
				msg_add(&m, "cpus '%s' of [node.%u] names CPU %u but the machine has %s",
					a, nid, cpu, b);
			} else {
				msg_add(&m, "cpus '%s' of [node.%u] names CPU %u, which is also in the "
					"cpus of [node.%u]", a, nid, cpu, owner[cpu] - 1u);
			}
			return -EINVAL;
		}
	}
	if (sharing)
		return 0;
	memset(&unlisted, 0, sizeof(unlisted));
	for (cpu = 0; cpu < cfg->nr_cpus; cpu++)
		if (!owner[cpu])
			mmsim_cpumask_set(&unlisted, cpu);
	if (mmsim_cpumask_empty(&unlisted))
		return 0;
	/* every node has cpus= or cpus=none: the last one that lists CPUs, else node 0 */
	node_key_where(cfg, last_cpus, NK_CPUS, &w, assignment, sizeof(assignment));
	format_cpulist(&unlisted, a, sizeof(a));
	msg_start(&m, err);
	msg_prefix(&m, &w);
	msg_add(&m, "CPU%s %s of the machine %s in no node: every node sets cpus; add %s to a "
		"node's cpus", strpbrk(a, ",-") ? "s" : "", a, strpbrk(a, ",-") ? "are" : "is",
		strpbrk(a, ",-") ? "them" : "it");
	return -EINVAL;
}

int mmsim_config_validate(const struct mmsim_config *cfg, struct mmsim_error *err)
{
	const char *file = cfg->source[0] ? cfg->source : "scenario";
	char assignment[KEY_TEXT_MAX + VALUE_MAX], a[VALUE_MAX], b[32];
	unsigned int i, cpu;
	struct where w;
	struct msg m;
	int ret;

	if (!cfg->nr_jobs) {
		msg_start(&m, err);
		msg_add(&m, "%s: no jobs; add a job section, e.g. [hog] with kind=cpu", file);
		return -EINVAL;
	}
	ret = check_job_kinds(cfg, err);
	if (ret)
		return ret;
	ret = check_machine(cfg, err);
	if (ret)
		return ret;
	ret = check_nodes(cfg, err);
	if (ret)
		return ret;
	for (i = 0; i < cfg->nr_devices; i++) {
		ret = check_device(cfg, &cfg->devices[i], err);
		if (ret)
			return ret;
	}
	for (i = 0; i < cfg->nr_files; i++) {
		ret = check_file(cfg, i, err);
		if (ret)
			return ret;
	}
	for (i = 0; i < cfg->nr_swaps; i++) {
		ret = check_swap(cfg, i, err);
		if (ret)
			return ret;
	}
	for (i = 0; i < cfg->nr_jobs; i++) {
		const struct mmsim_job_config *job = &cfg->jobs[i];

		for (cpu = cfg->nr_cpus; cpu < MMSIM_MAX_CPUS; cpu++)
			if (mmsim_cpumask_test(&job->cpus_allowed, cpu))
				break;
		if (cpu < MMSIM_MAX_CPUS) {
			job_key_where(cfg, job, JK_CPUS_ALLOWED, &w, assignment,
				      sizeof(assignment));
			format_cpulist(&job->cpus_allowed, a, sizeof(a));
			format_machine_cpus(cfg, b, sizeof(b));
			msg_start(&m, err);
			msg_prefix(&m, &w);
			msg_add(&m, "cpus_allowed '%s' of job [%s] names CPU %u but the "
				"machine has %s", a, job->name, cpu, b);
			return -EINVAL;
		}
		ret = check_job_cgroup(cfg, job, err);
		if (ret)
			return ret;
		if (job->kind == MMSIM_JOB_IO) {
			ret = check_io_job(cfg, job, err);
			if (ret)
				return ret;
		}
		if (job->kind == MMSIM_JOB_MEM) {
			ret = check_mem_job(cfg, job, err);
			if (ret)
				return ret;
		}
		if (job->kind == MMSIM_JOB_REPLAY) {
			ret = check_replay_job(cfg, job, err);
			if (ret)
				return ret;
		}
		if (job->kind == MMSIM_JOB_FILE) {
			ret = check_file_job(cfg, job, err);
			if (ret)
				return ret;
		}
		if ((job_key(JK_NODE)->kinds & (1u << job->kind)) &&
		    job->node >= (int)cfg->nr_nodes) {
			job_key_where(cfg, job, JK_NODE, &w, assignment, sizeof(assignment));
			msg_start(&m, err);
			msg_prefix(&m, &w);
			msg_add(&m, "node %d of job [%s] does not exist: ", job->node, job->name);
			msg_nodes(&m, cfg);
			return -EINVAL;
		}
		if ((job_key(JK_DATASIZE)->kinds & (1u << job->kind)) &&
		    job->datasize > job->pipe_size) {
			enum job_key slot = job->key_line[JK_DATASIZE] ? JK_DATASIZE : JK_PIPE_SIZE;

			job_key_where(cfg, job, slot, &w, assignment, sizeof(assignment));
			format_size(job->datasize, a, sizeof(a));
			format_size(job->pipe_size, b, sizeof(b));
			msg_start(&m, err);
			msg_prefix(&m, &w);
			msg_add(&m, "datasize %s of job [%s] is larger than its pipe_size %s",
				a, job->name, b);
			return -EINVAL;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Node layout                                                         */
/* ------------------------------------------------------------------ */

/*
 * @a * @b / @c rounded down, through a 128-bit product (schoolbook, in
 * 32-bit halves) and a bit-by-bit long division: sizes of up to 16T
 * multiplied overflow 64 bits.  @c is not 0 and the quotient fits 64 bits.
 */
static uint64_t mul_div_u64(uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t a_lo = a & 0xffffffffu, a_hi = a >> 32, b_lo = b & 0xffffffffu, b_hi = b >> 32;
	uint64_t ll = a_lo * b_lo, hl = a_hi * b_lo, lh = a_lo * b_hi, hh = a_hi * b_hi;
	uint64_t mid = hl + (ll >> 32), mid2 = lh + (mid & 0xffffffffu);
	uint64_t hi = hh + (mid >> 32) + (mid2 >> 32), lo = (mid2 << 32) | (ll & 0xffffffffu);
	uint64_t q = 0, r = 0;

	MM_BUG_ON(!c);
	for (int i = 127; i >= 0; i--) {
		bool carry = r >> 63;

		r = (r << 1) | ((i >= 64 ? hi >> (i - 64) : lo >> i) & 1);
		if (carry || r >= c) {
			r -= c;
			if (i < 64)
				q |= 1ULL << i;
		}
	}
	return q;
}

static uint64_t round_down_pageblock(uint64_t n)
{
	return n / PAGEBLOCK_BYTES * PAGEBLOCK_BYTES;
}

void mmsim_config_resolve_nodes(const struct mmsim_config *cfg, uint64_t memory[MMSIM_MAX_NODES],
				uint64_t movable[MMSIM_MAX_NODES],
				struct mmsim_cpumask cpus[MMSIM_MAX_NODES])
{
	unsigned int nr = cfg->nr_nodes, implicit = 0, sharing = 0, nr_unlisted = 0, next = 0;
	unsigned int nid, cpu, k, last = 0, unlisted[MMSIM_MAX_CPUS];
	struct mmsim_cpumask listed;
	uint64_t left = cfg->memory, total = 0, share;

	MM_BUG_ON(nr < 1 || nr > MMSIM_MAX_NODES);
	memset(memory, 0, MMSIM_MAX_NODES * sizeof(*memory));
	memset(movable, 0, MMSIM_MAX_NODES * sizeof(*movable));
	memset(cpus, 0, MMSIM_MAX_NODES * sizeof(*cpus));

	/* memory: nodes without memory= share what the others leave, in whole pageblocks */
	for (nid = 0; nid < nr; nid++) {
		if (!cfg->nodes[nid].memory) {
			implicit++;
			last = nid;
			continue;
		}
		MM_BUG_ON(cfg->nodes[nid].memory > left);	/* mmsim_config_validate() */
		memory[nid] = cfg->nodes[nid].memory;
		left -= memory[nid];
	}
	share = implicit ? round_down_pageblock(left / implicit) : 0;
	for (nid = 0; nid < nr; nid++) {
		if (cfg->nodes[nid].memory)
			continue;
		memory[nid] = nid == last ? left - share * (implicit - 1) : share;
	}
	for (nid = 0; nid < nr; nid++)
		total += memory[nid];

	/* CPUs: the listed ones where they are; the others in runs, in node order */
	memset(&listed, 0, sizeof(listed));
	for (nid = 0; nid < nr; nid++) {
		const struct mmsim_node_config *node = &cfg->nodes[nid];

		if (node->no_cpus)
			continue;
		if (mmsim_cpumask_empty(&node->cpus)) {
			sharing++;
			continue;
		}
		cpus[nid] = node->cpus;
		for (size_t i = 0; i < ARRAY_SIZE(listed.bits); i++)
			listed.bits[i] |= node->cpus.bits[i];
	}
	for (cpu = 0; cpu < cfg->nr_cpus; cpu++)
		if (!mmsim_cpumask_test(&listed, cpu))
			unlisted[nr_unlisted++] = cpu;
	for (nid = 0, k = 0; nid < nr && sharing; nid++) {
		const struct mmsim_node_config *node = &cfg->nodes[nid];
		unsigned int n;

		if (node->no_cpus || !mmsim_cpumask_empty(&node->cpus))
			continue;
		/* equal runs; the remainder one each to the first sharing nodes */
		n = nr_unlisted / sharing + (k++ < nr_unlisted % sharing);
		while (n--)
			mmsim_cpumask_set(&cpus[nid], unlisted[next++]);
	}

	/* ZONE_MOVABLE at the top of each node, in proportion to its memory */
	for (nid = 0; nid < nr && total; nid++) {
		if (cfg->movablecore) {
			movable[nid] = round_down_pageblock(mul_div_u64(cfg->movablecore,
									memory[nid], total));
		} else if (cfg->kernelcore) {
			uint64_t kernel = mul_div_u64(cfg->kernelcore, memory[nid], total);

			/* the kernel part rounded up: at least kernelcore, as in the kernel */
			movable[nid] = kernel >= memory[nid] ? 0 :
				       round_down_pageblock(memory[nid] - kernel);
		}
		MM_BUG_ON(movable[nid] > memory[nid]);
	}
}
