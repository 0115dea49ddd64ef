// SPDX-License-Identifier: GPL-2.0-only
/*
 * workload/scenario.c - scenario files: INI text to struct mmsim_config
 *
 * A scenario is an INI file in the style of fio job files: fixed sections
 * ([global], [machine], [sysctl], [sysfs], [cost], [fault], [model]), one
 * [node.N] section per NUMA node that needs one, one [device.NAME] section
 * per block device, one [file.NAME] section per file on a device, one
 * [swap.NAME] section per swap area on a device, one [cgroup.NAME] section
 * per memory cgroup, and one section per job.
 * This file reads it: the defaults (mmsim_config_init()), the INI reader
 * and its sections, mmsim_config_load_file() and
 * mmsim_config_load_string(), mmsim_config_find_file(),
 * mmsim_config_find_swap() and mmsim_config_cgroup_index(), overrides
 * (mmsim_config_set()) and their variants, and the messages all the
 * scenario files share.  The key table and the value syntaxes are in
 * scenario-keys.c, validation and the node layout in scenario-check.c,
 * --list-keys, the changed keys and the built-in scenario in
 * scenario-print.c; workload/scenario-internal.h joins them.
 *
 * libinih splits lines into sections and key=value pairs, but it tells its
 * handler neither line numbers nor section headers.  So the reader callback
 * given to ini_parse_stream() counts lines, strips leading blanks (which
 * also turns off inih's multi-line continuation values), recognises section
 * headers and syntax errors itself, and stops the parse at the first error
 * by returning NULL.  Each line reaches inih whole, so inih's own line
 * count (its return value for syntax errors) equals ours.
 *
 * Job keys may also be written in [global]: they become the default of
 * every job that does not set the key itself (as in fio), including jobs
 * whose section comes earlier and jobs changed later by mmsim_config_set().
 * The private fields at the end of struct mmsim_job_config and struct
 * mmsim_config record which keys a job set itself and the line each value
 * was written on, for duplicate detection and for messages; struct
 * mmsim_device_config, struct mmsim_file_config, struct mmsim_swap_config,
 * struct mmsim_cgroup_config and struct mmsim_node_config keep the same per
 * section.
 */
#include "workload/scenario.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "lib/compiler.h"
#include "workload/scenario-internal.h"

/* The sections a message lists, in the order docs/scenario.md has them. */
#define SECTION_LIST	"global, machine, sysctl, sysfs, cost, fault, model, node.N, " \
			"device.NAME, file.NAME, swap.NAME, cgroup.NAME"

/* ------------------------------------------------------------------ */
/* Messages                                                            */
/* ------------------------------------------------------------------ */

void msg_start(struct msg *m, struct mmsim_error *err)
{
	m->buf = err->msg;
	m->size = sizeof(err->msg);
	m->len = 0;
	m->buf[0] = '\0';
}

__attribute__((format(printf, 2, 3)))
void msg_add(struct msg *m, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (m->len + 1 >= m->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(m->buf + m->len, m->size - m->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= m->size - m->len) {
		m->len = m->size - 1;
		memcpy(m->buf + m->size - 4, "...", 3);
		return;
	}
	m->len += (size_t)n;
}

void msg_prefix(struct msg *m, const struct where *w)
{
	if (w->assignment)
		msg_add(m, "--set '%s': ", w->assignment);
	else if (w->line)
		msg_add(m, "%s:%u: ", w->file, w->line);
	else
		msg_add(m, "%s: ", w->file);
}

/* "job [hog]" or "[machine]" */
void msg_place(struct msg *m, const struct where *w)
{
	if (w->section == SCN_JOB)
		msg_add(m, "job [%s]", w->job->name);
	else if (w->section == SCN_DEVICE)
		msg_add(m, "[device.%s]", w->dev->name);
	else if (w->section == SCN_FILE)
		msg_add(m, "[file.%s]", w->file_cfg->name);
	else if (w->section == SCN_SWAP)
		msg_add(m, "[swap.%s]", w->swap_cfg->name);
	else if (w->section == SCN_CGROUP)
		msg_add(m, "[cgroup.%s]", w->cgroup_cfg->name);
	else if (w->section == SCN_NODE)
		msg_add(m, "[node.%u]", w->nid);
	else
		msg_add(m, "[%s]", scenario_section_names[w->section]);
}

/* Keys accepted in @section, for jobs those of the kinds in @kinds. */
static void msg_key_list(struct msg *m, enum scn_section section, unsigned int kinds)
{
	const char *sep = "";
	size_t i, j;

	for (i = 0; i < NR_KEYS; i++) {
		const struct scenario_key *key = &scenario_keys[i];

		if (section == SCN_GLOBAL && key->section == SCN_JOB) {
			/* [global] runtime is the run's, not a job default */
			for (j = 0; j < JOB_KEY0; j++)
				if (scenario_keys[j].section == SCN_GLOBAL &&
				    !strcmp(scenario_keys[j].name, key->name))
					break;
			if (j < JOB_KEY0)
				continue;
		} else if (key->section != section) {
			continue;
		} else if (section == SCN_JOB && !(key->kinds & kinds)) {
			continue;
		}
		msg_add(m, "%s%s", sep, key->name);
		sep = ", ";
	}
}

static int error_unknown_key(const struct where *w, const char *name, unsigned int kinds,
			     struct mmsim_error *err)
{
	struct msg m;

	msg_start(&m, err);
	msg_prefix(&m, w);
	msg_add(&m, "unknown key '%s' in ", name);
	msg_place(&m, w);
	msg_add(&m, "; accepted keys: ");
	msg_key_list(&m, w->section, kinds);
	return -EINVAL;
}

int error_not_for_kind(const struct where *w, const struct scenario_key *key,
		       enum mmsim_job_kind kind, struct mmsim_error *err)
{
	struct msg m;

	msg_start(&m, err);
	msg_prefix(&m, w);
	msg_add(&m, "key '%s' does not apply to job [%s] of kind %s; keys for kind %s: ",
		key->name, w->job->name, scenario_job_kind_names[kind],
		scenario_job_kind_names[kind]);
	msg_key_list(&m, SCN_JOB, 1u << kind);
	return -EINVAL;
}

/* ------------------------------------------------------------------ */
/* Lookups and assignment                                              */
/* ------------------------------------------------------------------ */

static const struct scenario_key *find_key(enum scn_section section, const char *name)
{
	size_t i;

	for (i = 0; i < NR_KEYS; i++)
		if (scenario_keys[i].section == section && !strcmp(scenario_keys[i].name, name))
			return &scenario_keys[i];
	/* fio semantics: job keys in [global] are defaults for every job */
	if (section == SCN_GLOBAL)
		return find_key(SCN_JOB, name);
	return NULL;
}

/* A fixed section named @name (@len bytes), or SCN_JOB if none. */
static enum scn_section find_section(const char *name, size_t len)
{
	int s;

	for (s = 0; s < NR_FIXED_SECTIONS; s++)
		if (strlen(scenario_section_names[s]) == len &&
		    !memcmp(scenario_section_names[s], name, len))
			return (enum scn_section)s;
	return SCN_JOB;
}

static int find_job(const struct mmsim_config *cfg, const char *name, size_t len)
{
	unsigned int i;

	for (i = 0; i < cfg->nr_jobs; i++)
		if (strlen(cfg->jobs[i].name) == len && !memcmp(cfg->jobs[i].name, name, len))
			return (int)i;
	return -1;
}

int find_device(const struct mmsim_config *cfg, const char *name, size_t len)
{
	unsigned int i;

	for (i = 0; i < cfg->nr_devices; i++)
		if (strlen(cfg->devices[i].name) == len && !memcmp(cfg->devices[i].name, name, len))
			return (int)i;
	return -1;
}

int find_file(const struct mmsim_config *cfg, const char *name, size_t len)
{
	unsigned int i;

	for (i = 0; i < cfg->nr_files; i++)
		if (strlen(cfg->files[i].name) == len && !memcmp(cfg->files[i].name, name, len))
			return (int)i;
	return -1;
}

int mmsim_config_find_file(const struct mmsim_config *cfg, const char *name)
{
	return find_file(cfg, name, strlen(name));
}

int find_swap(const struct mmsim_config *cfg, const char *name, size_t len)
{
	unsigned int i;

	for (i = 0; i < cfg->nr_swaps; i++)
		if (strlen(cfg->swaps[i].name) == len && !memcmp(cfg->swaps[i].name, name, len))
			return (int)i;
	return -1;
}

int mmsim_config_find_swap(const struct mmsim_config *cfg, const char *name)
{
	return find_swap(cfg, name, strlen(name));
}

int find_cgroup(const struct mmsim_config *cfg, const char *name, size_t len)
{
	unsigned int i;

	for (i = 0; i < cfg->nr_cgroups; i++)
		if (strlen(cfg->cgroups[i].name) == len && !memcmp(cfg->cgroups[i].name, name, len))
			return (int)i;
	return -1;
}

int mmsim_config_cgroup_index(const struct mmsim_config *cfg, const char *name)
{
	return find_cgroup(cfg, name, strlen(name));
}

/*
 * N of "node.N" (@len bytes at @name): decimal, no leading zeros, below
 * MMSIM_MAX_NODES.  Return: false if @name is not such a number.
 */
static bool node_id_ok(const char *name, size_t len, unsigned int *nid)
{
	unsigned int n = 0;

	if (len < 1 || len > 2 || (len > 1 && name[0] == '0'))
		return false;
	for (size_t i = 0; i < len; i++) {
		if (!isdigit((unsigned char)name[i]))
			return false;
		n = n * 10 + (unsigned int)(name[i] - '0');
	}
	if (n >= MMSIM_MAX_NODES)
		return false;
	*nid = n;
	return true;
}

static bool job_name_ok(const char *name, size_t len)
{
	size_t i;

	if (len < 1 || len >= MMSIM_JOB_NAME_MAX)
		return false;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		if (!isalnum(c) && c != '_' && c != '-')
			return false;
	}
	return true;
}

/* The kinds whose keys an unknown-key message lists for @job. */
static unsigned int job_known_kinds(const struct mmsim_job_config *job)
{
	return job->key_line[JK_KIND] ? 1u << job->kind : ALL_KINDS;
}

/*
 * Set @key to @v in @job (job keys in a job), in @cfg's job defaults and
 * every job that did not set the key itself (job keys in [global]), or in
 * @cfg (other keys); @line records where it was written.
 */
static void apply_dev_key(struct mmsim_device_config *dev, const struct scenario_key *key,
			  const union value *v, unsigned int line)
{
	store_value((char *)dev + key->offset, key, v);
	dev->set_mask |= 1u << key->slot;
	dev->key_line[key->slot] = line;
}

static void apply_file_key(struct mmsim_file_config *file, const struct scenario_key *key,
			   const union value *v, unsigned int line)
{
	store_value((char *)file + key->offset, key, v);
	file->set_mask |= 1u << key->slot;
	file->key_line[key->slot] = line;
}

static void apply_swap_key(struct mmsim_swap_config *swap, const struct scenario_key *key,
			   const union value *v, unsigned int line)
{
	store_value((char *)swap + key->offset, key, v);
	swap->set_mask |= 1u << key->slot;
	swap->key_line[key->slot] = line;
}

static void apply_cgroup_key(struct mmsim_cgroup_config *cg, const struct scenario_key *key,
			     const union value *v, unsigned int line)
{
	store_value((char *)cg + key->offset, key, v);
	cg->set_mask |= 1u << key->slot;
	cg->key_line[key->slot] = line;
}

static void apply_node_key(struct mmsim_node_config *node, const struct scenario_key *key,
			   const union value *v, unsigned int line)
{
	store_value((char *)node + key->offset, key, v);
	node->set_mask |= 1u << key->slot;
	node->key_line[key->slot] = line;
}

static void apply_key(struct mmsim_config *cfg, struct mmsim_job_config *job,
		      const struct scenario_key *key, const union value *v, unsigned int line)
{
	unsigned int i;

	if (key->section != SCN_JOB) {
		store_value((char *)cfg + key->offset, key, v);
		cfg->key_line[key_index(key)] = line;
		return;
	}
	if (job) {
		store_value((char *)job + key->offset, key, v);
		job->set_mask |= 1ULL << key->slot;
		job->key_line[key->slot] = line;
		return;
	}
	store_value((char *)&cfg->job_defaults + key->offset, key, v);
	cfg->key_line[key_index(key)] = line;
	for (i = 0; i < cfg->nr_jobs; i++) {
		struct mmsim_job_config *j = &cfg->jobs[i];

		if (j->set_mask & (1ULL << key->slot))
			continue;
		store_value((char *)j + key->offset, key, v);
		j->key_line[key->slot] = line;
	}
}

void mmsim_config_init(struct mmsim_config *cfg)
{
	union value v;
	size_t i;

	for (i = 0; i < NR_JOB_KEYS; i++)
		MM_DEBUG_ON(job_key(i)->section != SCN_JOB || job_key(i)->slot != (int)i);
	for (i = 0; i < NR_DEV_KEYS; i++)
		MM_DEBUG_ON(scenario_keys[DEV_KEY0 + i].section != SCN_DEVICE ||
			    scenario_keys[DEV_KEY0 + i].slot != (int)i);
	for (i = 0; i < NR_FILE_KEYS; i++)
		MM_DEBUG_ON(file_key(i)->section != SCN_FILE || file_key(i)->slot != (int)i);
	for (i = 0; i < NR_SWAP_KEYS; i++)
		MM_DEBUG_ON(swap_key(i)->section != SCN_SWAP || swap_key(i)->slot != (int)i);
	for (i = 0; i < NR_CGROUP_KEYS; i++)
		MM_DEBUG_ON(cgroup_key(i)->section != SCN_CGROUP || cgroup_key(i)->slot != (int)i);
	for (i = 0; i < NR_NODE_KEYS; i++)
		MM_DEBUG_ON(node_key(i)->section != SCN_NODE || node_key(i)->slot != (int)i);

	memset(cfg, 0, sizeof(*cfg));
	for (i = 0; i < NR_KEYS; i++) {
		const struct scenario_key *key = &scenario_keys[i];
		char *base = key->section == SCN_JOB ? (char *)&cfg->job_defaults : (char *)cfg;

		if (key->section == SCN_DEVICE || key->section == SCN_FILE ||
		    key->section == SCN_SWAP || key->section == SCN_CGROUP ||
		    key->section == SCN_NODE)
			continue;	/* each device, file, swap area or cgroup is filled
					 * when its section starts */
		key_default(key, &v);
		store_value(base + key->offset, key, &v);
	}
	/* every node exists, with or without a [node.N] section */
	for (unsigned int n = 0; n < MMSIM_MAX_NODES; n++) {
		for (i = NODE_KEY0; i < DEV_KEY0; i++) {
			key_default(&scenario_keys[i], &v);
			store_value((char *)&cfg->nodes[n] + scenario_keys[i].offset,
				    &scenario_keys[i], &v);
		}
	}
}

static void device_config_init(struct mmsim_device_config *dev)
{
	union value v;

	memset(dev, 0, sizeof(*dev));
	for (size_t i = DEV_KEY0; i < FILE_KEY0; i++) {
		key_default(&scenario_keys[i], &v);
		store_value((char *)dev + scenario_keys[i].offset, &scenario_keys[i], &v);
	}
}

static void file_config_init(struct mmsim_file_config *file)
{
	union value v;

	memset(file, 0, sizeof(*file));
	for (size_t i = FILE_KEY0; i < SWAP_KEY0; i++) {
		key_default(&scenario_keys[i], &v);
		store_value((char *)file + scenario_keys[i].offset, &scenario_keys[i], &v);
	}
}

static void swap_config_init(struct mmsim_swap_config *swap)
{
	union value v;

	memset(swap, 0, sizeof(*swap));
	for (size_t i = SWAP_KEY0; i < CGROUP_KEY0; i++) {
		key_default(&scenario_keys[i], &v);
		store_value((char *)swap + scenario_keys[i].offset, &scenario_keys[i], &v);
	}
}

static void cgroup_config_init(struct mmsim_cgroup_config *cg)
{
	union value v;

	memset(cg, 0, sizeof(*cg));
	for (size_t i = CGROUP_KEY0; i < JOB_KEY0; i++) {
		key_default(&scenario_keys[i], &v);
		store_value((char *)cg + scenario_keys[i].offset, &scenario_keys[i], &v);
	}
}

/* ------------------------------------------------------------------ */
/* Loading a file                                                      */
/* ------------------------------------------------------------------ */

/**
 * struct load_ctx - one parse, shared by the reader and the handler
 * @cfg: configuration being filled
 * @file: name for messages
 * @err: message of the first error
 * @str: input text, or NULL when reading @fp
 * @fp: input stream
 * @lineno: lines read so far (the current line's number)
 * @in_section: a section header was seen
 * @section: the current section
 * @job: the current job, when @section is SCN_JOB
 * @dev: the current device, when @section is SCN_DEVICE
 * @file_cfg: the current file, when @section is SCN_FILE
 * @swap_cfg: the current swap area, when @section is SCN_SWAP
 * @cgroup_cfg: the current memory cgroup, when @section is SCN_CGROUP
 * @node: the current node, when @section is SCN_NODE
 * @nid: its number
 * @err_line: line of the first error, 0 if none; the reader stops there
 * @io_errno: errno of a read error
 */
struct load_ctx {
	struct mmsim_config *cfg;
	const char *file;
	struct mmsim_error *err;
	const char *str;
	FILE *fp;
	unsigned int lineno;
	bool in_section;
	enum scn_section section;
	struct mmsim_job_config *job;
	struct mmsim_device_config *dev;
	struct mmsim_file_config *file_cfg;
	struct mmsim_swap_config *swap_cfg;
	struct mmsim_cgroup_config *cgroup_cfg;
	struct mmsim_node_config *node;
	unsigned int nid;
	unsigned int err_line;
	int io_errno;
};

static void ctx_where(const struct load_ctx *ctx, struct where *w)
{
	*w = (struct where){
		.file = ctx->file,
		.line = ctx->lineno,
		.section = ctx->section,
		.job = ctx->job,
		.dev = ctx->dev,
		.nid = ctx->nid,
		.file_cfg = ctx->file_cfg,
		.swap_cfg = ctx->swap_cfg,
		.cgroup_cfg = ctx->cgroup_cfg,
	};
}

__attribute__((format(printf, 2, 3)))
static void ctx_error(struct load_ctx *ctx, const char *fmt, ...)
{
	struct msg m;
	char text[sizeof(ctx->err->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	msg_start(&m, ctx->err);
	msg_add(&m, "%s:%u: %s", ctx->file, ctx->lineno, text);
	ctx->err_line = ctx->lineno;
}

static void begin_section(struct load_ctx *ctx, const char *name, size_t len)
{
	struct mmsim_config *cfg = ctx->cfg;
	enum scn_section s = find_section(name, len);
	struct mmsim_job_config *job;
	int i;

	if (s != SCN_JOB) {
		if (cfg->section_line[s]) {
			ctx_error(ctx, "duplicate section [%s] (first at line %u)",
				  scenario_section_names[s], cfg->section_line[s]);
			return;
		}
		cfg->section_line[s] = ctx->lineno;
		ctx->in_section = true;
		ctx->section = s;
		ctx->job = NULL;
		ctx->dev = NULL;
		ctx->file_cfg = NULL;
		ctx->swap_cfg = NULL;
		ctx->cgroup_cfg = NULL;
		ctx->node = NULL;
		return;
	}
	if (len >= 5 && !memcmp(name, "node.", 5)) {
		unsigned int nid;

		if (!node_id_ok(name + 5, len - 5, &nid)) {
			ctx_error(ctx, "bad section [%.*s]; expected [node.N] with N = 0..%d, "
				  "without leading zeros", (int)len, name, MMSIM_MAX_NODES - 1);
			return;
		}
		if (cfg->nodes[nid].line) {
			ctx_error(ctx, "duplicate section [%.*s] (first at line %u)", (int)len,
				  name, cfg->nodes[nid].line);
			return;
		}
		cfg->nodes[nid].line = ctx->lineno;
		ctx->in_section = true;
		ctx->section = SCN_NODE;
		ctx->job = NULL;
		ctx->dev = NULL;
		ctx->file_cfg = NULL;
		ctx->swap_cfg = NULL;
		ctx->cgroup_cfg = NULL;
		ctx->node = &cfg->nodes[nid];
		ctx->nid = nid;
		return;
	}
	if (len > 7 && !memcmp(name, "device.", 7) && job_name_ok(name + 7, len - 7)) {
		struct mmsim_device_config *dev;

		i = find_device(cfg, name + 7, len - 7);
		if (i >= 0) {
			ctx_error(ctx, "duplicate section [%.*s] (first at line %u)", (int)len,
				  name, cfg->devices[i].line);
			return;
		}
		if (cfg->nr_devices >= MMSIM_MAX_DEVICES) {
			ctx_error(ctx, "too many devices: [%.*s] would be device %d, at most %d "
				  "are allowed", (int)len, name, MMSIM_MAX_DEVICES + 1,
				  MMSIM_MAX_DEVICES);
			return;
		}
		dev = &cfg->devices[cfg->nr_devices++];
		device_config_init(dev);
		memcpy(dev->name, name + 7, len - 7);
		dev->name[len - 7] = '\0';
		dev->line = ctx->lineno;
		ctx->in_section = true;
		ctx->section = SCN_DEVICE;
		ctx->job = NULL;
		ctx->dev = dev;
		ctx->file_cfg = NULL;
		ctx->swap_cfg = NULL;
		ctx->cgroup_cfg = NULL;
		ctx->node = NULL;
		return;
	}
	if (len > 5 && !memcmp(name, "file.", 5) && job_name_ok(name + 5, len - 5)) {
		struct mmsim_file_config *file;

		i = find_file(cfg, name + 5, len - 5);
		if (i >= 0) {
			ctx_error(ctx, "duplicate section [%.*s] (first at line %u)", (int)len,
				  name, cfg->files[i].line);
			return;
		}
		if (cfg->nr_files >= MMSIM_MAX_FILES) {
			ctx_error(ctx, "too many files: [%.*s] would be file %d, at most %d "
				  "are allowed", (int)len, name, MMSIM_MAX_FILES + 1,
				  MMSIM_MAX_FILES);
			return;
		}
		file = &cfg->files[cfg->nr_files++];
		file_config_init(file);
		memcpy(file->name, name + 5, len - 5);
		file->name[len - 5] = '\0';
		file->line = ctx->lineno;
		ctx->in_section = true;
		ctx->section = SCN_FILE;
		ctx->job = NULL;
		ctx->dev = NULL;
		ctx->file_cfg = file;
		ctx->swap_cfg = NULL;
		ctx->cgroup_cfg = NULL;
		ctx->node = NULL;
		return;
	}
	if (len > 5 && !memcmp(name, "swap.", 5) && job_name_ok(name + 5, len - 5)) {
		struct mmsim_swap_config *swap;

		i = find_swap(cfg, name + 5, len - 5);
		if (i >= 0) {
			ctx_error(ctx, "duplicate section [%.*s] (first at line %u)", (int)len,
				  name, cfg->swaps[i].line);
			return;
		}
		if (cfg->nr_swaps >= MMSIM_MAX_SWAPS) {
			ctx_error(ctx, "too many swap areas: [%.*s] would be swap area %d, at most "
				  "%d are allowed", (int)len, name, MMSIM_MAX_SWAPS + 1,
				  MMSIM_MAX_SWAPS);
			return;
		}
		swap = &cfg->swaps[cfg->nr_swaps++];
		swap_config_init(swap);
		memcpy(swap->name, name + 5, len - 5);
		swap->name[len - 5] = '\0';
		swap->line = ctx->lineno;
		ctx->in_section = true;
		ctx->section = SCN_SWAP;
		ctx->job = NULL;
		ctx->dev = NULL;
		ctx->file_cfg = NULL;
		ctx->swap_cfg = swap;
		ctx->cgroup_cfg = NULL;
		ctx->node = NULL;
		return;
	}
	if (len >= 7 && !memcmp(name, "cgroup.", 7)) {
		struct mmsim_cgroup_config *cg;

		/* no job name has a dot: [cgroup.X] is a cgroup or an error */
		if (!job_name_ok(name + 7, len - 7)) {
			ctx_error(ctx, "bad section [%.*s]; expected [cgroup.NAME] with NAME 1-%d "
				  "characters of A-Z a-z 0-9 _ -", (int)len, name,
				  MMSIM_JOB_NAME_MAX - 1);
			return;
		}
		i = find_cgroup(cfg, name + 7, len - 7);
		if (i >= 0) {
			ctx_error(ctx, "duplicate section [%.*s] (first at line %u)", (int)len,
				  name, cfg->cgroups[i].line);
			return;
		}
		if (cfg->nr_cgroups >= MMSIM_MAX_CGROUPS) {
			ctx_error(ctx, "too many cgroups: [%.*s] would be cgroup %d, at most %d "
				  "are allowed", (int)len, name, MMSIM_MAX_CGROUPS + 1,
				  MMSIM_MAX_CGROUPS);
			return;
		}
		cg = &cfg->cgroups[cfg->nr_cgroups++];
		cgroup_config_init(cg);
		memcpy(cg->name, name + 7, len - 7);
		cg->name[len - 7] = '\0';
		cg->line = ctx->lineno;
		ctx->in_section = true;
		ctx->section = SCN_CGROUP;
		ctx->job = NULL;
		ctx->dev = NULL;
		ctx->file_cfg = NULL;
		ctx->swap_cfg = NULL;
		ctx->cgroup_cfg = cg;
		ctx->node = NULL;
		return;
	}
	if (!job_name_ok(name, len)) {
		ctx_error(ctx, "unknown section [%.*s]; accepted sections: " SECTION_LIST ", or "
			  "a job name (1-%d characters of A-Z a-z 0-9 _ -)", (int)len, name,
			  MMSIM_JOB_NAME_MAX - 1);
		return;
	}
	i = find_job(cfg, name, len);
	if (i >= 0) {
		ctx_error(ctx, "duplicate job [%.*s] (first at line %u)", (int)len, name,
			  cfg->jobs[i].line);
		return;
	}
	if (cfg->nr_jobs >= MMSIM_MAX_JOBS) {
		ctx_error(ctx, "too many jobs: [%.*s] would be job %d, at most %d are allowed",
			  (int)len, name, MMSIM_MAX_JOBS + 1, MMSIM_MAX_JOBS);
		return;
	}
	/* a new job starts from the [global] job keys, wherever [global] is */
	job = &cfg->jobs[cfg->nr_jobs++];
	*job = cfg->job_defaults;
	memcpy(job->name, name, len);
	job->name[len] = '\0';
	job->line = ctx->lineno;
	job->set_mask = 0;
	for (i = 0; i < NR_JOB_KEYS; i++)
		job->key_line[i] = cfg->key_line[JOB_KEY0 + (size_t)i];
	ctx->in_section = true;
	ctx->section = SCN_JOB;
	ctx->job = job;
	ctx->dev = NULL;
	ctx->file_cfg = NULL;
	ctx->swap_cfg = NULL;
	ctx->cgroup_cfg = NULL;
	ctx->node = NULL;
}

/*
 * Like inih's ini_find_chars_or_comment(): the first of @chars in [s, e),
 * or the ';' of an inline comment (one that follows a blank), or @e.
 */
static const char *find_chars_or_comment(const char *s, const char *e, const char *chars)
{
	bool was_space = false;

	for (; s < e; s++) {
		if (strchr(chars, *s) || (was_space && *s == ';'))
			return s;
		was_space = isspace((unsigned char)*s);
	}
	return e;
}

static const char *rskip(const char *s, const char *e)
{
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	return e;
}

static const char *lskip(const char *s, const char *e)
{
	while (s < e && isspace((unsigned char)*s))
		s++;
	return s;
}

/* Section headers and malformed lines, which inih would not report well. */
static void check_line(struct load_ctx *ctx, const char *s, const char *e)
{
	const char *close, *name, *name_end, *rest;

	if (s == e || *s == ';' || *s == '#')
		return;
	if (*s != '[') {
		const char *sep = find_chars_or_comment(s, e, "=:");

		if (sep == e || *sep == ';') {
			sep = rskip(s, sep);
			ctx_error(ctx, "syntax error: '%.*s' is neither key=value nor a [section] header",
				  (int)(sep - s), s);
		}
		return;
	}
	close = find_chars_or_comment(s + 1, e, "]");
	if (close == e || *close != ']') {
		close = rskip(s, close);
		ctx_error(ctx, "syntax error: section header '%.*s' has no closing ']'",
			  (int)(close - s), s);
		return;
	}
	rest = lskip(close + 1, e);
	if (rest < e && *rest != ';' && *rest != '#') {
		ctx_error(ctx, "syntax error: unexpected '%.*s' after section header",
			  (int)(e - rest), rest);
		return;
	}
	name = lskip(s + 1, close);
	name_end = rskip(name, close);
	begin_section(ctx, name, (size_t)(name_end - name));
}

static int src_getc(struct load_ctx *ctx)
{
	if (ctx->fp)
		return getc(ctx->fp);
	if (!*ctx->str)
		return EOF;
	return (unsigned char)*ctx->str++;
}

/*
 * The ini_reader: one whole line per call, without leading blanks, always
 * ending in '\n' (so that inih never splits it); NULL at the end of the
 * input or after the first error.
 */
static char *scenario_reader(char *str, int num, void *stream)
{
	struct load_ctx *ctx = stream;
	size_t cap = num > 2 ? (size_t)num - 2 : 0, len = 0, total = 0;
	bool nul = false;
	const char *s, *e;
	int c;

	if (ctx->err_line || ctx->io_errno)
		return NULL;
	while ((c = src_getc(ctx)) != EOF && c != '\n') {
		if (c == '\0')
			nul = true;
		if (len < cap)
			str[len++] = (char)c;
		total++;
	}
	if (c == EOF && ctx->fp && ferror(ctx->fp)) {
		ctx->io_errno = errno ? errno : EIO;
		return NULL;
	}
	if (c == EOF && !total)
		return NULL;
	ctx->lineno++;
	if (total > cap) {
		ctx_error(ctx, "line too long (%zu characters, at most %zu)", total, cap);
		return NULL;
	}
	if (nul) {
		ctx_error(ctx, "syntax error: NUL byte in line");
		return NULL;
	}
	str[len] = '\0';
	s = str;
	if (ctx->lineno == 1 && len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		s += 3;		/* UTF-8 byte order mark */
	e = rskip(s, str + len);
	s = lskip(s, e);
	check_line(ctx, s, e);
	if (ctx->err_line)
		return NULL;
	/* hand inih the line without leading blanks: no continuation lines */
	len = (size_t)(e - s);
	memmove(str, s, len);
	str[len] = '\n';
	str[len + 1] = '\0';
	return str;
}

/* The line @key was already set on in this file (0 if none), for duplicates. */
static unsigned int first_line(const struct load_ctx *ctx, const struct scenario_key *key)
{
	if (key->section == SCN_JOB && ctx->job)
		return (ctx->job->set_mask & (1ULL << key->slot)) ? ctx->job->key_line[key->slot] : 0;
	if (key->section == SCN_DEVICE)
		return (ctx->dev->set_mask & (1u << key->slot)) ? ctx->dev->key_line[key->slot] : 0;
	if (key->section == SCN_FILE)
		return (ctx->file_cfg->set_mask & (1u << key->slot)) ?
		       ctx->file_cfg->key_line[key->slot] : 0;
	if (key->section == SCN_SWAP)
		return (ctx->swap_cfg->set_mask & (1u << key->slot)) ?
		       ctx->swap_cfg->key_line[key->slot] : 0;
	if (key->section == SCN_CGROUP)
		return (ctx->cgroup_cfg->set_mask & (1u << key->slot)) ?
		       ctx->cgroup_cfg->key_line[key->slot] : 0;
	if (key->section == SCN_NODE)
		return (ctx->node->set_mask & (1u << key->slot)) ? ctx->node->key_line[key->slot] : 0;
	return ctx->cfg->key_line[key_index(key)];
}

/* Another non-job key storing to the same field (global cpus, machine cpus). */
const struct scenario_key *alias_of(const struct scenario_key *key)
{
	size_t i;

	if (key->section == SCN_JOB || key->section == SCN_DEVICE || key->section == SCN_FILE ||
	    key->section == SCN_SWAP || key->section == SCN_CGROUP || key->section == SCN_NODE)
		return NULL;
	for (i = 0; i < FIXED_KEYS; i++)
		if (&scenario_keys[i] != key && scenario_keys[i].offset == key->offset)
			return &scenario_keys[i];
	return NULL;
}

static int load_key(struct load_ctx *ctx, const char *name, const char *value)
{
	struct mmsim_config *cfg = ctx->cfg;
	const struct scenario_key *key, *alias;
	unsigned int first;
	union value v;
	struct where w;

	ctx_where(ctx, &w);
	if (!ctx->in_section) {
		ctx_error(ctx, "key '%s' comes before any section; put it under [global] "
			  "or a job section", name);
		return -EINVAL;
	}
	if (!*name) {
		ctx_error(ctx, "syntax error: no key name before '='");
		return -EINVAL;
	}
	key = find_key(ctx->section, name);
	if (!key)
		return error_unknown_key(&w, name,
					 ctx->job ? job_known_kinds(ctx->job) : ALL_KINDS,
					 ctx->err);
	first = first_line(ctx, key);
	if (line_is_file(first)) {
		struct msg m;

		msg_start(&m, ctx->err);
		msg_prefix(&m, &w);
		msg_add(&m, "duplicate key '%s' in ", name);
		msg_place(&m, &w);
		msg_add(&m, " (first at line %u)", first);
		return -EINVAL;
	}
	alias = alias_of(key);
	if (alias && line_is_file(cfg->key_line[key_index(alias)])) {
		const struct scenario_key *a = alias < key ? alias : key;
		const struct scenario_key *b = alias < key ? key : alias;

		ctx_error(ctx, "key '%s' is set in both [%s] (line %u) and [%s] (line %u); "
			  "keep one", name,
			  scenario_section_names[a->section],
			  a == key ? ctx->lineno : cfg->key_line[key_index(a)],
			  scenario_section_names[b->section],
			  b == key ? ctx->lineno : cfg->key_line[key_index(b)]);
		return -EINVAL;
	}
	if (parse_checked(key, value, &v, &w, ctx->err))
		return -EINVAL;
	if (ctx->dev)
		apply_dev_key(ctx->dev, key, &v, ctx->lineno);
	else if (ctx->file_cfg)
		apply_file_key(ctx->file_cfg, key, &v, ctx->lineno);
	else if (ctx->swap_cfg)
		apply_swap_key(ctx->swap_cfg, key, &v, ctx->lineno);
	else if (ctx->cgroup_cfg)
		apply_cgroup_key(ctx->cgroup_cfg, key, &v, ctx->lineno);
	else if (ctx->node)
		apply_node_key(ctx->node, key, &v, ctx->lineno);
	else
		apply_key(cfg, ctx->job, key, &v, ctx->lineno);
	return 0;
}

static int scenario_handler(void *user, const char *section, const char *name,
			    const char *value)
{
	struct load_ctx *ctx = user;

	(void)section;		/* inih truncates long names; the reader tracks it */
	if (ctx->err_line)
		return 0;
	if (load_key(ctx, name, value)) {
		ctx->err_line = ctx->lineno;
		return 0;
	}
	return 1;
}

static int load(struct load_ctx *ctx)
{
	struct mmsim_config *cfg = ctx->cfg;
	struct msg m;
	int ret;

	snprintf(cfg->source, sizeof(cfg->source), "%s", ctx->file);
	ret = ini_parse_stream(scenario_reader, ctx, scenario_handler, ctx);
	if (ctx->io_errno) {
		msg_start(&m, ctx->err);
		msg_add(&m, "cannot read scenario '%s': %s", ctx->file, strerror(ctx->io_errno));
		return -ctx->io_errno;
	}
	/* the reader reports every syntax error inih knows; this is a fallback */
	if (ret > 0 && (!ctx->err_line || (unsigned int)ret < ctx->err_line)) {
		msg_start(&m, ctx->err);
		msg_add(&m, "%s:%d: syntax error", ctx->file, ret);
		return -EINVAL;
	}
	if (ctx->err_line)
		return -EINVAL;
	if (ret < 0) {
		msg_start(&m, ctx->err);
		msg_add(&m, "%s: cannot parse (inih error %d)", ctx->file, ret);
		return -ENOMEM;
	}
	return check_job_kinds(cfg, ctx->err);
}

int mmsim_config_load_file(struct mmsim_config *cfg, const char *path,
			   struct mmsim_error *err)
{
	struct load_ctx ctx = { .cfg = cfg, .file = path, .err = err };
	struct msg m;
	int ret;

	ctx.fp = fopen(path, "r");
	if (!ctx.fp) {
		ret = errno ? errno : EIO;
		msg_start(&m, err);
		msg_add(&m, "cannot open scenario '%s': %s", path, strerror(ret));
		return -ret;
	}
	ret = load(&ctx);
	fclose(ctx.fp);
	return ret;
}

int mmsim_config_load_string(struct mmsim_config *cfg, const char *name,
			     const char *text, struct mmsim_error *err)
{
	struct load_ctx ctx = { .cfg = cfg, .file = name, .err = err, .str = text };

	return load(&ctx);
}

/* ------------------------------------------------------------------ */
/* Overrides: --set section.key=value                                  */
/* ------------------------------------------------------------------ */

/**
 * struct assignment - a resolved "section.key=value"
 * @buf: allocated copy of the assignment, cut into the strings below
 * @value: the value, without surrounding blanks
 * @key: the table entry
 * @section: SCN_JOB for a job
 * @job: index of the job, or -1
 * @dev: index of the device, or -1
 * @file: index of the file, or -1
 * @swap: index of the swap area, or -1
 * @cgroup: index of the memory cgroup, or -1
 * @node: the node number, or -1
 */
struct assignment {
	char *buf;
	const char *value;
	const struct scenario_key *key;
	enum scn_section section;
	int job;
	int dev;
	int file;
	int swap;
	int cgroup;
	int node;
};

static char *trim(char *s)
{
	char *e = s + strlen(s);

	while (isspace((unsigned char)*s))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int resolve_assignment(const struct mmsim_config *cfg, const char *assignment,
			      struct assignment *a, struct mmsim_error *err)
{
	char *eq, *dot, *section, *name, *lhs;
	struct where w = { .assignment = assignment };
	struct msg m;
	unsigned int i;

	*a = (struct assignment){ .job = -1, .dev = -1, .file = -1, .swap = -1, .cgroup = -1,
				  .node = -1 };
	msg_start(&m, err);
	a->buf = strdup(assignment);
	if (!a->buf) {
		msg_add(&m, "--set '%s': out of memory", assignment);
		return -ENOMEM;
	}
	eq = strchr(a->buf, '=');
	if (eq)
		*eq = '\0';
	lhs = trim(a->buf);
	dot = strchr(lhs, '.');
	if (!eq || !dot)
		goto syntax;
	a->value = trim(eq + 1);
	*dot = '\0';
	section = trim(lhs);
	name = trim(dot + 1);
	if (!*section || !*name)
		goto syntax;

	a->section = find_section(section, strlen(section));
	if (a->section == SCN_JOB && !strcmp(section, "device") &&
	    find_job(cfg, section, strlen(section)) < 0) {
		/* device.NAME.key=value */
		char *kdot = strchr(name, '.');

		if (!kdot)
			goto syntax;
		*kdot = '\0';
		name = trim(name);
		a->dev = find_device(cfg, name, strlen(name));
		if (a->dev < 0) {
			msg_add(&m, "--set '%s': no device '%s'; devices: ", assignment, name);
			for (i = 0; i < cfg->nr_devices; i++)
				msg_add(&m, "%s%s", i ? ", " : "", cfg->devices[i].name);
			if (!cfg->nr_devices)
				msg_add(&m, "none");
			goto fail;
		}
		name = trim(kdot + 1);
		a->section = SCN_DEVICE;
		w.dev = &cfg->devices[a->dev];
	} else if (a->section == SCN_JOB && !strcmp(section, "file") &&
		   find_job(cfg, section, strlen(section)) < 0) {
		/* file.NAME.key=value */
		char *kdot = strchr(name, '.');

		if (!kdot)
			goto syntax;
		*kdot = '\0';
		name = trim(name);
		a->file = find_file(cfg, name, strlen(name));
		if (a->file < 0) {
			msg_add(&m, "--set '%s': no file '%s'; files: ", assignment, name);
			for (i = 0; i < cfg->nr_files; i++)
				msg_add(&m, "%s%s", i ? ", " : "", cfg->files[i].name);
			if (!cfg->nr_files)
				msg_add(&m, "none");
			goto fail;
		}
		name = trim(kdot + 1);
		a->section = SCN_FILE;
		w.file_cfg = &cfg->files[a->file];
	} else if (a->section == SCN_JOB && !strcmp(section, "swap") &&
		   find_job(cfg, section, strlen(section)) < 0) {
		/* swap.NAME.key=value */
		char *kdot = strchr(name, '.');

		if (!kdot)
			goto syntax;
		*kdot = '\0';
		name = trim(name);
		a->swap = find_swap(cfg, name, strlen(name));
		if (a->swap < 0) {
			msg_add(&m, "--set '%s': no swap area '%s'; swap areas: ", assignment, name);
			for (i = 0; i < cfg->nr_swaps; i++)
				msg_add(&m, "%s%s", i ? ", " : "", cfg->swaps[i].name);
			if (!cfg->nr_swaps)
				msg_add(&m, "none");
			goto fail;
		}
		name = trim(kdot + 1);
		a->section = SCN_SWAP;
		w.swap_cfg = &cfg->swaps[a->swap];
	} else if (a->section == SCN_JOB && !strcmp(section, "cgroup") &&
		   find_job(cfg, section, strlen(section)) < 0) {
		/* cgroup.NAME.key=value: the key, memory.limit_in_bytes, has dots of its own */
		char *kdot = strchr(name, '.');

		if (!kdot)
			goto syntax;
		*kdot = '\0';
		name = trim(name);
		a->cgroup = find_cgroup(cfg, name, strlen(name));
		if (a->cgroup < 0) {
			msg_add(&m, "--set '%s': no cgroup '%s'; cgroups: ", assignment, name);
			for (i = 0; i < cfg->nr_cgroups; i++)
				msg_add(&m, "%s%s", i ? ", " : "", cfg->cgroups[i].name);
			if (!cfg->nr_cgroups)
				msg_add(&m, "none");
			goto fail;
		}
		name = trim(kdot + 1);
		a->section = SCN_CGROUP;
		w.cgroup_cfg = &cfg->cgroups[a->cgroup];
	} else if (a->section == SCN_JOB && !strcmp(section, "node") &&
		   find_job(cfg, section, strlen(section)) < 0) {
		/* node.N.key=value: every node 0..63 may be set, [node.N] or not */
		char *kdot = strchr(name, '.'), *id;
		unsigned int nid;

		if (!kdot)
			goto syntax;
		*kdot = '\0';
		id = trim(name);
		if (!node_id_ok(id, strlen(id), &nid)) {
			msg_add(&m, "--set '%s': bad node '%s'; expected node.N.key with N = 0..%d, "
				"without leading zeros", assignment, id, MMSIM_MAX_NODES - 1);
			goto fail;
		}
		a->node = (int)nid;
		name = trim(kdot + 1);
		a->section = SCN_NODE;
		w.nid = nid;
	} else if (a->section == SCN_JOB) {
		a->job = find_job(cfg, section, strlen(section));
		if (a->job < 0) {
			msg_add(&m, "--set '%s': no section or job '%s'; sections: " SECTION_LIST
				"; jobs: ", assignment, section);
			for (i = 0; i < cfg->nr_jobs; i++)
				msg_add(&m, "%s%s", i ? ", " : "", cfg->jobs[i].name);
			if (!cfg->nr_jobs)
				msg_add(&m, "none");
			goto fail;
		}
		w.job = &cfg->jobs[a->job];
	}
	w.section = a->section;
	a->key = find_key(a->section, name);
	if (!a->key) {
		error_unknown_key(&w, name, w.job ? 1u << w.job->kind : ALL_KINDS, err);
		goto fail;
	}
	return 0;

syntax:
	msg_add(&m, "--set '%s': expected section.key=value", assignment);
fail:
	free(a->buf);
	a->buf = NULL;
	return -EINVAL;
}

int mmsim_config_set(struct mmsim_config *cfg, const char *assignment,
		     struct mmsim_error *err)
{
	struct mmsim_job_config *job = NULL;
	struct assignment a;
	struct where w;
	union value v;
	int ret;

	ret = resolve_assignment(cfg, assignment, &a, err);
	if (ret)
		return ret;
	if (a.job >= 0)
		job = &cfg->jobs[a.job];
	w = (struct where){ .assignment = assignment, .section = a.section, .job = job,
			    .dev = a.dev >= 0 ? &cfg->devices[a.dev] : NULL,
			    .file_cfg = a.file >= 0 ? &cfg->files[a.file] : NULL,
			    .swap_cfg = a.swap >= 0 ? &cfg->swaps[a.swap] : NULL,
			    .cgroup_cfg = a.cgroup >= 0 ? &cfg->cgroups[a.cgroup] : NULL,
			    .nid = a.node >= 0 ? (unsigned int)a.node : 0 };
	if (job && !(a.key->kinds & (1u << job->kind)))
		ret = error_not_for_kind(&w, a.key, job->kind, err);
	else
		ret = parse_checked(a.key, a.value, &v, &w, err);
	if (!ret && a.dev >= 0)
		apply_dev_key(&cfg->devices[a.dev], a.key, &v, LINE_SET);
	else if (!ret && a.file >= 0)
		apply_file_key(&cfg->files[a.file], a.key, &v, LINE_SET);
	else if (!ret && a.swap >= 0)
		apply_swap_key(&cfg->swaps[a.swap], a.key, &v, LINE_SET);
	else if (!ret && a.cgroup >= 0)
		apply_cgroup_key(&cfg->cgroups[a.cgroup], a.key, &v, LINE_SET);
	else if (!ret && a.node >= 0)
		apply_node_key(&cfg->nodes[a.node], a.key, &v, LINE_SET);
	else if (!ret)
		apply_key(cfg, job, a.key, &v, LINE_SET);
	free(a.buf);
	return ret;
}

void mmsim_variants_release(struct mmsim_variants *vars)
{
	size_t i;

	for (i = 0; i < vars->nr; i++)
		free(vars->v[i]);
	free(vars->v);
	vars->v = NULL;
	vars->nr = 0;
}

int mmsim_config_split_variants(const struct mmsim_config *cfg, const char *assignment,
				struct mmsim_variants *out, struct mmsim_error *err)
{
	char lhs[KEY_TEXT_MAX];
	struct assignment a;
	const char *p, *piece;
	char sep;
	size_t n = 1, klen;
	int ret;

	out->nr = 0;
	out->v = NULL;
	ret = resolve_assignment(cfg, assignment, &a, err);
	if (ret)
		return ret;
	/* CPU lists contain commas, so their variants are separated by ';' */
	sep = a.key->type == KT_CPULIST || a.key->type == KT_NODE_CPUS ? ';' : ',';
	for (p = a.value; *p; p++)
		n += *p == sep;
	out->v = calloc(n, sizeof(*out->v));
	if (!out->v)
		goto nomem;
	/* the canonical "section.key", whatever blanks the argument had */
	if (a.dev >= 0)
		snprintf(lhs, sizeof(lhs), "device.%s.%s", cfg->devices[a.dev].name, a.key->name);
	else if (a.file >= 0)
		snprintf(lhs, sizeof(lhs), "file.%s.%s", cfg->files[a.file].name, a.key->name);
	else if (a.swap >= 0)
		snprintf(lhs, sizeof(lhs), "swap.%s.%s", cfg->swaps[a.swap].name, a.key->name);
	else if (a.cgroup >= 0)
		snprintf(lhs, sizeof(lhs), "cgroup.%s.%s", cfg->cgroups[a.cgroup].name,
			 a.key->name);
	else if (a.node >= 0)
		snprintf(lhs, sizeof(lhs), "node.%d.%s", a.node, a.key->name);
	else
		snprintf(lhs, sizeof(lhs), "%s.%s",
			 a.job >= 0 ? cfg->jobs[a.job].name : scenario_section_names[a.section],
			 a.key->name);
	klen = strlen(lhs);
	for (piece = a.value; out->nr < n; out->nr++) {
		const char *end = strchr(piece, sep);
		size_t vlen;
		char *s;

		if (!end)
			end = piece + strlen(piece);
		vlen = (size_t)(end - piece);
		s = malloc(klen + vlen + 2);
		if (!s)
			goto nomem;
		memcpy(s, lhs, klen);
		s[klen] = '=';
		memcpy(s + klen + 1, piece, vlen);
		s[klen + 1 + vlen] = '\0';
		out->v[out->nr] = s;
		piece = *end ? end + 1 : end;
	}
	free(a.buf);
	return 0;

nomem:
	free(a.buf);
	mmsim_variants_release(out);
	snprintf(err->msg, sizeof(err->msg), "--set '%s': out of memory", assignment);
	return -ENOMEM;
}
