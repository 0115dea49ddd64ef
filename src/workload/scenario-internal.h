/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workload/scenario-internal.h - what the scenario files share
 *
 * Private to src/workload/scenario*.c: the key table's types, the
 * message helpers and the functions one scenario file calls in another,
 * grouped by the file that defines them (as in mm/internal.h).
 * scenario.c reads scenario files and --set overrides, scenario-keys.c
 * holds the key table and the value syntaxes, scenario-check.c validates
 * and lays out the nodes, scenario-print.c prints.  The public side is
 * mmsim/config.h and workload/scenario.h.
 */
#ifndef MMSIM_WORKLOAD_SCENARIO_INTERNAL_H
#define MMSIM_WORKLOAD_SCENARIO_INTERNAL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mm/mmzone.h"
#include "mmsim/config.h"

#define SZ_16M			(16ULL << 20)
#define SZ_16T			(16ULL << 40)
/* 2M: memory sizes are whole pageblocks, as mm_init() builds zones of them */
#define PAGEBLOCK_BYTES		((uint64_t)pageblock_nr_pages << PAGE_SHIFT)
#define MIN_NODE_BYTES		SZ_16M	/* the smallest node mmsim builds */
#define SWAP_MIN_BYTES		(10ULL << 12)	/* mkswap's minimum: 10 pages */

/* key_line value of a key set by mmsim_config_set(), not by a file line */
#define LINE_SET		UINT_MAX

/* Longest formatted value: a CPU list of 1024 CPUs at its most ragged. */
#define VALUE_MAX		4096
#define KEY_TEXT_MAX		(MMSIM_JOB_NAME_MAX + 64)

/* A key_line value that is a line of the file: not 0 (none), not LINE_SET. */
static inline bool line_is_file(unsigned int line)
{
	return line && line != LINE_SET;
}

/* ------------------------------------------------------------------ */
/* Sections, types and the key table                                   */
/* ------------------------------------------------------------------ */

enum scn_section {
	SCN_GLOBAL,
	SCN_MACHINE,
	SCN_SYSCTL,
	SCN_SYSFS,		/* /sys/kernel knobs, keys named by their path there */
	SCN_COST,
	SCN_FAULT,
	SCN_MODEL,
	SCN_JOB,		/* any other section: a job */
	SCN_DEVICE,		/* [device.NAME]: a block device */
	SCN_NODE,		/* [node.N]: a NUMA node */
	SCN_FILE,		/* [file.NAME]: a file on a block device */
	SCN_SWAP,		/* [swap.NAME]: a swap area on a block device */
	SCN_CGROUP,		/* [cgroup.NAME]: a memory cgroup */
	NR_SCN_SECTIONS
};

#define NR_FIXED_SECTIONS	SCN_JOB

enum key_type {
	KT_U64,
	KT_UINT,
	KT_INT,
	KT_S64,
	KT_BOOL,
	KT_PERCENT,
	KT_SIZE,
	KT_DURATION,
	KT_DIST,
	KT_CPULIST,
	KT_ENUM,
	KT_NAME,
	KT_UINT4,		/* 4 unsigned ints: vm.lowmem_reserve_ratio */
	KT_GFP,			/* GFP flag names joined by '|' */
	KT_NODE_CPUS,		/* a cpulist, or "none" */
	KT_PATTERN,		/* an access pattern: seq, zipf:0.99, ... */
	KT_PATH,		/* a file path */
	KT_LIMIT,		/* a memcg limit: a size rounded down to 4K, or -1 / max */
	NR_KEY_TYPES
};

#define NR_UINT4	4

/* A parsed value, whatever the key's type. */
union value {
	uint64_t u;			/* u64, uint, bool, percent, size, duration, enum, gfp */
	int64_t s;			/* int, s64 */
	struct mmsim_dist dist;
	struct mmsim_cpumask mask;
	char name[MMSIM_JOB_NAME_MAX];	/* name */
	char path[MMSIM_PATH_MAX];	/* path */
	uint64_t u4[NR_UINT4];		/* uint4 */
	struct {
		struct mmsim_cpumask mask;
		bool none;		/* "none": a memory-only node */
	} ncpus;			/* node_cpus */
};

enum parse_result {
	PARSE_OK,
	PARSE_BAD,			/* not the type's syntax */
	PARSE_RANGE,			/* a number, but outside the key's range */
	PARSE_INEXACT,			/* a duration that is not whole ns */
	PARSE_ORDER,			/* uniform:A..B with A > B */
	PARSE_ALIGN,			/* a size that is not a multiple of the key's @align */
};

/* The keys of a job section; the table holds them last, in this order. */
enum job_key {
	JK_KIND,
	JK_THREADS,
	JK_NICE,
	JK_CPUS_ALLOWED,
	JK_RUNTIME,
	JK_LOOPS,
	JK_START_DELAY,
	JK_CGROUP,
	JK_BURST,
	JK_THINK,
	JK_GROUPS,
	JK_DATASIZE,
	JK_PIPE_SIZE,
	JK_TIMER_SLACK,
	JK_DEVICE,
	JK_RW,
	JK_BS,
	JK_IODEPTH,
	JK_SIZE,
	JK_RWMIXREAD,
	JK_FSYNC,
	JK_FUA,
	JK_ORDER,
	JK_GFP,
	JK_HOLD,
	JK_NODE,
	JK_DEMAND,
	JK_FILL,
	JK_KEEP,
	JK_PATTERN,
	JK_WRITES,
	JK_FILE,
	JK_SHARED,
	JK_REMAP,
	JK_POPULATE,
	JK_MADVISE,
	JK_PASS_MADVISE,
	JK_TRACE,
	JK_OOM_SCORE_ADJ,
	NR_JOB_KEYS
};

/* The keys of a [node.N] section, in table order (just before the device keys). */
enum node_key {
	NK_MEMORY,
	NK_CPUS,
	NR_NODE_KEYS
};

/* The keys of a [device.NAME] section, in table order (just before the file keys). */
enum dev_key {
	DK_TYPE,
	DK_SIZE,
	DK_QUEUE_DEPTH,
	DK_CHANNELS,
	DK_READ_LAT,
	DK_WRITE_LAT,
	DK_FLUSH_LAT,
	DK_LAT_JITTER,
	DK_READ_BW,
	DK_WRITE_BW,
	DK_RPM,
	DK_TRACKS,
	DK_SEEK_MIN,
	DK_SEEK_MAX,
	DK_ZONE_SIZE,
	DK_MAX_OPEN_ZONES,
	DK_WRITE_CACHE,
	DK_ROTATIONAL,
	DK_BROKEN_FLUSH,
	DK_MAKE_IT_FAIL,
	DK_POWER_CUT_AT,
	DK_POWER_CUT_AFTER,
	DK_UNPLUG_AT,
	NR_DEV_KEYS
};

/* The keys of a [file.NAME] section, in table order (just before the swap keys). */
enum file_key {
	FK_DEVICE,
	FK_SIZE,
	NR_FILE_KEYS
};

/* The keys of a [swap.NAME] section, in table order (just before the cgroup keys). */
enum swap_key {
	SK_DEVICE,
	SK_SIZE,
	SK_PRIORITY,
	SK_DAX,
	NR_SWAP_KEYS
};

/* The keys of a [cgroup.NAME] section, in table order (just before the job keys). */
enum cgroup_key {
	CK_LIMIT,		/* memory.limit_in_bytes */
	CK_SWAPPINESS,		/* memory.swappiness */
	NR_CGROUP_KEYS
};

enum key_flags {
	KEY_ZERO_AUTO	= 1 << 0,	/* 0 is accepted outside min..max: "auto" */
};

/**
 * struct scenario_key - one key of a scenario file
 * @name: key as written in its section
 * @section: where it may appear (job keys may also appear in [global])
 * @type: value syntax and storage
 * @def: default in the key's own syntax; NULL for [cost] keys, whose
 *       default is cost_desc(@slot)->default_ns
 * @min: smallest accepted value (dist: of each bound)
 * @max: largest accepted value
 * @offset: into struct mmsim_config, or struct mmsim_job_config for jobs
 * @kinds: job keys: mask of the job kinds the key applies to
 * @flags: enum key_flags
 * @align: size keys: the value must be a multiple of this; 0 = any
 * @slot: job keys: enum job_key; device keys: enum dev_key; file keys:
 *        enum file_key; swap keys: enum swap_key; cgroup keys: enum
 *        cgroup_key; node keys: enum node_key; [cost] keys: enum
 *        mmsim_cost_item
 * @values: enum keys: the names, indexed by value
 * @nr_values: enum keys: number of @values
 * @help: one line for `--list-keys` (NULL for [cost]: the cost rationale)
 */
struct scenario_key {
	const char *name;
	enum scn_section section;
	enum key_type type;
	const char *def;
	int64_t min;
	uint64_t max;
	size_t offset;
	unsigned int kinds;
	unsigned int flags;
	uint64_t align;
	int slot;
	const char *const *values;
	unsigned int nr_values;
	const char *help;
};

/* Offsets and job kind masks, for the key table and the checks. */
#define CFG(field)	offsetof(struct mmsim_config, field)
#define JOB(field)	offsetof(struct mmsim_job_config, field)
#define DEV(field)	offsetof(struct mmsim_device_config, field)
#define NODE(field)	offsetof(struct mmsim_node_config, field)
#define FILE_CFG(field)	offsetof(struct mmsim_file_config, field)
#define SWAP_CFG(field)	offsetof(struct mmsim_swap_config, field)
#define CGROUP_CFG(field) offsetof(struct mmsim_cgroup_config, field)
#define KIND(k)		(1u << MMSIM_JOB_##k)
#define ALL_KINDS	((1u << NR_MMSIM_JOB_KINDS) - 1)

enum value_storage {
	ST_U64,
	ST_UINT,
	ST_INT,
	ST_S64,
	ST_BOOL,
	ST_DIST,
	ST_MASK,
	ST_NAME,
	ST_UINT4,			/* unsigned int[4] */
	ST_NODE_CPUS,			/* struct mmsim_node_config: cpus, and no_cpus */
	ST_PATH,			/* char[MMSIM_PATH_MAX] */
};

enum range_kind {
	RANGE_NONE,
	RANGE_UNSIGNED,			/* v.u in [min, max] */
	RANGE_SIGNED,			/* v.s in [min, max] */
	RANGE_DIST,			/* v.dist.a (and .b if uniform) in [min, max] */
	RANGE_EACH,			/* every v.u4[i] in [min, max] */
};

/**
 * struct type_desc - how one key type is parsed, checked, stored and printed
 * @name: type name for `--list-keys` and docs/scenario.md
 * @expect: end of a "bad value" message: "expected @expect"
 * @storage: C type of the field the key's offset points to
 * @range: how min and max apply
 * @parse: text to value (range not checked)
 * @format: value to text, in the syntax @parse accepts
 * @format_bound: a min or max in the type's syntax (unsigned ranges)
 */
struct type_desc {
	const char *name;
	const char *expect;
	enum value_storage storage;
	enum range_kind range;
	enum parse_result (*parse)(const struct scenario_key *key, const char *s,
				   union value *v);
	void (*format)(const struct scenario_key *key, const union value *v,
		       char *buf, size_t size);
	void (*format_bound)(uint64_t n, char *buf, size_t size);
};

/* ------------------------------------------------------------------ */
/* Messages                                                            */
/* ------------------------------------------------------------------ */

/* Appends to a struct mmsim_error, ending a message that does not fit in "...". */
struct msg {
	char *buf;
	size_t size;
	size_t len;
};

/**
 * struct where - what a message is about
 * @file: scenario name, for "FILE:LINE: " (NULL with @assignment)
 * @line: line in @file; 0 for none
 * @assignment: a --set argument, for "--set 'ASSIGNMENT': "
 * @section: section the key is in
 * @job: the job, when @section is SCN_JOB
 * @dev: the device, when @section is SCN_DEVICE
 * @nid: the node number, when @section is SCN_NODE
 * @file_cfg: the file, when @section is SCN_FILE
 * @swap_cfg: the swap area, when @section is SCN_SWAP
 * @cgroup_cfg: the memory cgroup, when @section is SCN_CGROUP
 */
struct where {
	const char *file;
	unsigned int line;
	const char *assignment;
	enum scn_section section;
	const struct mmsim_job_config *job;
	const struct mmsim_device_config *dev;
	unsigned int nid;
	const struct mmsim_file_config *file_cfg;
	const struct mmsim_swap_config *swap_cfg;
	const struct mmsim_cgroup_config *cgroup_cfg;
};

/* in workload/scenario-keys.c */

/*
 * The key table: the keys of the fixed sections first, then those of
 * [node.N], [device.NAME], [file.NAME], [swap.NAME], [cgroup.NAME] and
 * jobs, each in the order of its enum.
 */
extern const struct scenario_key scenario_keys[];
extern const size_t nr_scenario_keys;

#define NR_KEYS		nr_scenario_keys
#define JOB_KEY0	(NR_KEYS - NR_JOB_KEYS)
#define CGROUP_KEY0	(JOB_KEY0 - NR_CGROUP_KEYS)
#define SWAP_KEY0	(CGROUP_KEY0 - NR_SWAP_KEYS)
#define FILE_KEY0	(SWAP_KEY0 - NR_FILE_KEYS)
#define DEV_KEY0	(FILE_KEY0 - NR_DEV_KEYS)
#define NODE_KEY0	(DEV_KEY0 - NR_NODE_KEYS)
#define FIXED_KEYS	NODE_KEY0	/* keys of the fixed sections come first */

/* Section names, for messages and `--list-keys`: "global", "job", "node.N". */
extern const char *const scenario_section_names[NR_SCN_SECTIONS];

/* The values of kind=, indexed by enum mmsim_job_kind. */
extern const char *const scenario_job_kind_names[NR_MMSIM_JOB_KINDS];

static inline const struct scenario_key *job_key(enum job_key slot)
{
	return &scenario_keys[JOB_KEY0 + slot];
}

static inline const struct scenario_key *node_key(enum node_key slot)
{
	return &scenario_keys[NODE_KEY0 + slot];
}

static inline const struct scenario_key *file_key(enum file_key slot)
{
	return &scenario_keys[FILE_KEY0 + slot];
}

static inline const struct scenario_key *swap_key(enum swap_key slot)
{
	return &scenario_keys[SWAP_KEY0 + slot];
}

static inline const struct scenario_key *cgroup_key(enum cgroup_key slot)
{
	return &scenario_keys[CGROUP_KEY0 + slot];
}

/* @key's index in scenario_keys[], and in struct mmsim_config's key_line[]. */
static inline size_t key_index(const struct scenario_key *key)
{
	return (size_t)(key - scenario_keys);
}

/**
 * key_type - the type table entry of @key
 * @key: an entry of scenario_keys[]
 *
 * Return: how @key's values are parsed, checked, stored and printed.
 */
const struct type_desc *key_type(const struct scenario_key *key);

/**
 * format_size - a byte count with the largest suffix that divides it ("64K", "100")
 * @n: the count
 * @buf: the text, NUL-terminated
 * @size: size of @buf
 */
void format_size(uint64_t n, char *buf, size_t size);

/**
 * format_cpulist - a CPU mask in kernel cpulist syntax ("0-3,8"); "" if empty
 * @mask: the CPUs
 * @buf: the text, NUL-terminated; VALUE_MAX bytes hold any mask
 * @size: size of @buf
 */
void format_cpulist(const struct mmsim_cpumask *mask, char *buf, size_t size);

/**
 * format_range - @key's range as "min..max" in the key's own syntax
 * @key: an entry of scenario_keys[]
 * @buf: the text; "" for a key without a range
 * @size: size of @buf
 */
void format_range(const struct scenario_key *key, char *buf, size_t size);

/**
 * load_value - read the value of @key stored at @p
 * @p: the field @key's offset points to, in the struct the key belongs to
 * @key: an entry of scenario_keys[]
 * @v: the value, zeroed first
 */
void load_value(const void *p, const struct scenario_key *key, union value *v);

/**
 * store_value - write @v as @key's value at @p
 * @p: the field @key's offset points to
 * @key: an entry of scenario_keys[]
 * @v: a value that passed the key's range check, so narrowing cannot truncate
 */
void store_value(void *p, const struct scenario_key *key, const union value *v);

/**
 * key_default - the default value of @key
 * @key: an entry of scenario_keys[]
 * @v: the value: the key's def parsed, or for [cost] keys the cost model's
 *     default
 */
void key_default(const struct scenario_key *key, union value *v);

/**
 * format_value - @v as text, in the syntax @key's parser reads back
 * @key: an entry of scenario_keys[]
 * @v: the value
 * @buf: the text; VALUE_MAX bytes hold any value
 * @size: size of @buf
 */
void format_value(const struct scenario_key *key, const union value *v,
		  char *buf, size_t size);

/**
 * key_cptr - where @key's value lives
 * @cfg: the configuration, for keys of the fixed sections
 * @job: the job, for job keys (may be NULL for other keys)
 * @key: a key of a fixed section or of a job
 *
 * Return: the field in @job for job keys, else in @cfg.
 */
const void *key_cptr(const struct mmsim_config *cfg,
		     const struct mmsim_job_config *job,
		     const struct scenario_key *key);

/**
 * parse_checked - parse a value for @key and check its range and alignment
 * @key: an entry of scenario_keys[]
 * @text: the value as written, without surrounding blanks
 * @v: the value
 * @w: what a message is about
 * @err: filled on failure
 *
 * Return: 0 with @v filled; -EINVAL with @err's message naming @w.
 */
int parse_checked(const struct scenario_key *key, const char *text, union value *v,
		  const struct where *w, struct mmsim_error *err);

/* in workload/scenario.c */

/** msg_start - begin an empty message in @err->msg */
void msg_start(struct msg *m, struct mmsim_error *err);

/**
 * msg_add - append to a message, printf() style
 * @m: started by msg_start()
 * @fmt: format
 *
 * A message that does not fit ends in "..."; later text is dropped.
 */
__attribute__((format(printf, 2, 3)))
void msg_add(struct msg *m, const char *fmt, ...);

/** msg_prefix - append "--set 'ASSIGNMENT': ", "FILE:LINE: " or "FILE: " for @w */
void msg_prefix(struct msg *m, const struct where *w);

/**
 * msg_place - append "job [NAME]", "[device.NAME]", "[file.NAME]", "[swap.NAME]",
 * "[cgroup.NAME]", "[node.N]" or "[SECTION]" for @w
 */
void msg_place(struct msg *m, const struct where *w);

/**
 * error_not_for_kind - fail on a job key that @kind does not use
 * @w: where the key was set; @w->job is the job
 * @key: a job key
 * @kind: the job's kind
 * @err: filled with the message, which lists the keys of @kind
 *
 * Return: -EINVAL.
 */
int error_not_for_kind(const struct where *w, const struct scenario_key *key,
		       enum mmsim_job_kind kind, struct mmsim_error *err);

/**
 * find_device - look a device up by name
 * @cfg: the configuration
 * @name: the name, @len bytes (need not be NUL-terminated)
 * @len: its length
 *
 * Return: the device's index in @cfg->devices, or -1.
 */
int find_device(const struct mmsim_config *cfg, const char *name, size_t len);

/**
 * find_file - look a file up by name
 * @cfg: the configuration
 * @name: the name, @len bytes (need not be NUL-terminated)
 * @len: its length
 *
 * Return: the file's index in @cfg->files, or -1.
 */
int find_file(const struct mmsim_config *cfg, const char *name, size_t len);

/**
 * find_swap - look a swap area up by name
 * @cfg: the configuration
 * @name: the name, @len bytes (need not be NUL-terminated)
 * @len: its length
 *
 * Return: the swap area's index in @cfg->swaps, or -1.
 */
int find_swap(const struct mmsim_config *cfg, const char *name, size_t len);

/**
 * find_cgroup - look a memory cgroup up by name
 * @cfg: the configuration
 * @name: the name, @len bytes (need not be NUL-terminated)
 * @len: its length
 *
 * Return: the cgroup's index in @cfg->cgroups, or -1 (always for @len 0).
 */
int find_cgroup(const struct mmsim_config *cfg, const char *name, size_t len);

/**
 * alias_of - another key of a fixed section that stores to @key's field
 * @key: an entry of scenario_keys[]
 *
 * [global] cpus and [machine] cpus are one setting written in two places.
 *
 * Return: the other key, or NULL (always for job, device, file, swap, cgroup
 * and node keys).
 */
const struct scenario_key *alias_of(const struct scenario_key *key);

/* in workload/scenario-check.c */

/**
 * check_job_kinds - fail on keys a job set itself that its kind does not use
 * @cfg: the configuration
 * @err: filled on failure
 *
 * As burst= in a pipe job.  Run at the end of every load, and again by
 * mmsim_config_validate() after the --set overrides.
 *
 * Return: 0, or -EINVAL with @err filled for the first such key.
 */
int check_job_kinds(const struct mmsim_config *cfg, struct mmsim_error *err);

#endif /* MMSIM_WORKLOAD_SCENARIO_INTERNAL_H */
