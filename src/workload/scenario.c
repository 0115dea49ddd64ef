// SPDX-License-Identifier: GPL-2.0-only
/*
 * workload/scenario.c - scenario files: INI text to struct mmsim_config
 *
 * A scenario is an INI file in the style of fio job files: fixed sections
 * ([global], [machine], [sysctl], [cost], [fault], [model]), one [node.N]
 * section per NUMA node that needs one, one [device.NAME] section per block
 * device, and one section per job.
 * Every key is one entry of the key table below (name, section, type,
 * default, range, help, offset), in the manner of the kernel's ctl_table
 * and Redis' static_configs: parsing, defaults, overrides, range checks,
 * `--list-keys` and the report header's list of changed keys all walk the
 * same table, and docs/scenario.md documents it (a test keeps them equal).
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
 * mmsim_device_config and struct mmsim_node_config keep the same per
 * section.
 *
 * Nodes: [machine] memory, cpus and nodes describe the machine; a [node.N]
 * section may fix node N's memory and CPUs, mmsim_config_resolve_nodes()
 * shares the rest out equally, and places ZONE_MOVABLE as the kernel's
 * kernelcore= and movablecore= boot options do
 * (find_zone_movable_pfns_for_nodes(), simplified to a proportional split).
 */
#include "workload/scenario.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "lib/compiler.h"
#include "mm/gfp.h"
#include "sim/cost.h"

#define NSEC_PER_USEC		1000ULL
#define NSEC_PER_MSEC		1000000ULL
#define NSEC_PER_SEC		1000000000ULL
#define MAX_DURATION_NS		(100000ULL * NSEC_PER_SEC)

#define SZ_16M			(16ULL << 20)
#define SZ_16T			(16ULL << 40)
/* 2M: memory sizes are whole pageblocks, as mm_init() builds zones of them */
#define PAGEBLOCK_BYTES		((uint64_t)pageblock_nr_pages << PAGE_SHIFT)
#define MIN_NODE_BYTES		SZ_16M	/* the smallest node mmsim builds */

/* key_line value of a key set by mmsim_config_set(), not by a file line */
#define LINE_SET		UINT_MAX

/* Longest formatted value: a CPU list of 1024 CPUs at its most ragged. */
#define VALUE_MAX		4096
#define KEY_TEXT_MAX		(MMSIM_JOB_NAME_MAX + 64)

/* ------------------------------------------------------------------ */
/* Sections, types and the key table                                   */
/* ------------------------------------------------------------------ */

enum scn_section {
	SCN_GLOBAL,
	SCN_MACHINE,
	SCN_SYSCTL,
	SCN_COST,
	SCN_FAULT,
	SCN_MODEL,
	SCN_JOB,		/* any other section: a job */
	SCN_DEVICE,		/* [device.NAME]: a block device */
	SCN_NODE,		/* [node.N]: a NUMA node */
	NR_SCN_SECTIONS
};

#define NR_FIXED_SECTIONS	SCN_JOB

static const char *const section_names[NR_SCN_SECTIONS] = {
	[SCN_GLOBAL]	= "global",
	[SCN_MACHINE]	= "machine",
	[SCN_SYSCTL]	= "sysctl",
	[SCN_COST]	= "cost",
	[SCN_FAULT]	= "fault",
	[SCN_MODEL]	= "model",
	[SCN_JOB]	= "job",
	[SCN_DEVICE]	= "device.NAME",
	[SCN_NODE]	= "node.N",
};

/* The sections a message lists, in the order docs/scenario.md has them. */
#define SECTION_LIST	"global, machine, sysctl, cost, fault, model, node.N, device.NAME"

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
	NR_JOB_KEYS
};

/* The keys of a [node.N] section, in table order (just before the device keys). */
enum node_key {
	NK_MEMORY,
	NK_CPUS,
	NR_NODE_KEYS
};

/* The keys of a [device.NAME] section, in table order. */
enum dev_key {
	DK_TYPE,
	DK_SIZE,
	DK_QUEUE_DEPTH,
	DK_CHANNELS,
	DK_READ_LAT,
	DK_WRITE_LAT,
	DK_FLUSH_LAT,
	DK_READ_BW,
	DK_WRITE_BW,
	DK_RPM,
	DK_TRACKS,
	DK_SEEK_MIN,
	DK_SEEK_MAX,
	DK_ZONE_SIZE,
	DK_MAX_OPEN_ZONES,
	DK_WRITE_CACHE,
	DK_BROKEN_FLUSH,
	DK_MAKE_IT_FAIL,
	DK_POWER_CUT_AT,
	DK_POWER_CUT_AFTER,
	DK_UNPLUG_AT,
	NR_DEV_KEYS
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
 * @slot: job keys: enum job_key; device keys: enum dev_key; node keys:
 *        enum node_key; [cost] keys: enum mmsim_cost_item
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

static const char *const job_kind_names[NR_MMSIM_JOB_KINDS] = {
	[MMSIM_JOB_CPU]		= "cpu",
	[MMSIM_JOB_PIPE]	= "pipe",
	[MMSIM_JOB_MESSAGING]	= "messaging",
	[MMSIM_JOB_IO]		= "io",
	[MMSIM_JOB_ALLOC]	= "alloc",
	[MMSIM_JOB_FRAGMENTER]	= "fragmenter",
};

static const char *const io_rw_names[NR_MMSIM_RW] = {
	[MMSIM_RW_READ]		= "read",
	[MMSIM_RW_WRITE]	= "write",
	[MMSIM_RW_RANDREAD]	= "randread",
	[MMSIM_RW_RANDWRITE]	= "randwrite",
	[MMSIM_RW_RANDRW]	= "randrw",
};

static const char *const dev_type_names[NR_MMSIM_DEV_TYPES] = {
	[MMSIM_DEV_NULL]	= "null",
	[MMSIM_DEV_RAM]		= "ram",
	[MMSIM_DEV_HDD]		= "hdd",
	[MMSIM_DEV_SSD]		= "ssd",
	[MMSIM_DEV_NVME]	= "nvme",
	[MMSIM_DEV_PMEM]	= "pmem",
	[MMSIM_DEV_ZONED]	= "zoned",
	[MMSIM_DEV_USB]		= "usb",
};

static const char *const preempt_names[NR_MMSIM_PREEMPT] = {
	[MMSIM_PREEMPT_VOLUNTARY]	= "voluntary",
	[MMSIM_PREEMPT_FULL]		= "full",
};

static const char *const kcompactd_names[NR_MMSIM_KCOMPACTD] = {
	[MMSIM_KCOMPACTD_PROACTIVE]	= "proactive",
	[MMSIM_KCOMPACTD_BABKA]		= "babka",
};

#define CFG(field)	offsetof(struct mmsim_config, field)
#define JOB(field)	offsetof(struct mmsim_job_config, field)
#define DEV(field)	offsetof(struct mmsim_device_config, field)
#define NODE(field)	offsetof(struct mmsim_node_config, field)
#define KIND(k)		(1u << MMSIM_JOB_##k)
#define ALL_KINDS	((1u << NR_MMSIM_JOB_KINDS) - 1)

#define COST_KEY(id, nm)						\
	{ .name = nm, .section = SCN_COST, .type = KT_U64, .def = NULL,	\
	  .min = 0, .max = NSEC_PER_SEC,				\
	  .offset = CFG(cost[MMSIM_COST_##id]), .slot = MMSIM_COST_##id },

#define FAULT_KEYS(id, nm)						\
	{ .name = nm ".probability", .section = SCN_FAULT,		\
	  .type = KT_PERCENT, .def = "0", .min = 0, .max = 100,	\
	  .offset = CFG(fault[MMSIM_FAULT_##id].probability),		\
	  .help = "percent of the calls considered that fail; 0 = off" }, \
	{ .name = nm ".interval", .section = SCN_FAULT,			\
	  .type = KT_U64, .def = "1", .min = 1, .max = UINT64_MAX,	\
	  .offset = CFG(fault[MMSIM_FAULT_##id].interval),		\
	  .help = "only every interval-th call is considered" },	\
	{ .name = nm ".times", .section = SCN_FAULT,			\
	  .type = KT_S64, .def = "1", .min = -1, .max = INT64_MAX,	\
	  .offset = CFG(fault[MMSIM_FAULT_##id].times),		\
	  .help = "at most this many failures; -1 = no limit" },	\
	{ .name = nm ".space", .section = SCN_FAULT,			\
	  .type = KT_U64, .def = "0", .min = 0, .max = UINT64_MAX,	\
	  .offset = CFG(fault[MMSIM_FAULT_##id].space),		\
	  .help = "bytes that pass before any call may fail" },

static const struct scenario_key keys[] = {
	/* [global] */
	{ .name = "seed", .section = SCN_GLOBAL, .type = KT_U64, .def = "1",
	  .min = 0, .max = UINT64_MAX, .offset = CFG(seed),
	  .help = "seed of all randomness; the same seed and scenario give the same run" },
	{ .name = "runtime", .section = SCN_GLOBAL, .type = KT_DURATION, .def = "1s",
	  .min = NSEC_PER_USEC, .max = MAX_DURATION_NS, .offset = CFG(runtime_ns),
	  .help = "virtual time limit of the run" },
	{ .name = "cpus", .section = SCN_GLOBAL, .type = KT_UINT, .def = "2",
	  .min = 1, .max = MMSIM_MAX_CPUS, .offset = CFG(nr_cpus),
	  .help = "alias of [machine] cpus (set it in one place only)" },

	/* [machine] */
	{ .name = "cpus", .section = SCN_MACHINE, .type = KT_UINT, .def = "2",
	  .min = 1, .max = MMSIM_MAX_CPUS, .offset = CFG(nr_cpus),
	  .help = "number of CPUs" },
	{ .name = "preempt", .section = SCN_MACHINE, .type = KT_ENUM, .def = "voluntary",
	  .offset = CFG(preempt), .values = preempt_names, .nr_values = NR_MMSIM_PREEMPT,
	  .help = "preemption model (preempt= boot option): voluntary: kernel work runs to its "
		  "next preemption point; full: kernel work is preemptible too" },
	{ .name = "memory", .section = SCN_MACHINE, .type = KT_SIZE, .def = "1G",
	  .min = SZ_16M, .max = SZ_16T, .align = PAGEBLOCK_BYTES, .offset = CFG(memory),
	  .help = "memory of the machine, a multiple of 2M (a pageblock)" },
	{ .name = "nodes", .section = SCN_MACHINE, .type = KT_UINT, .def = "1",
	  .min = 1, .max = MMSIM_MAX_NODES, .offset = CFG(nr_nodes),
	  .help = "NUMA nodes; [node.N] may set a node's memory and CPUs, the rest is shared equally" },
	{ .name = "kernelcore", .section = SCN_MACHINE, .type = KT_SIZE, .def = "0",
	  .min = 0, .max = SZ_16T, .offset = CFG(kernelcore),
	  .help = "kernelcore= boot option: memory for non-movable allocations, spread over the "
		  "nodes in proportion to their memory; the rest is ZONE_MOVABLE; 0 = unset" },
	{ .name = "movablecore", .section = SCN_MACHINE, .type = KT_SIZE, .def = "0",
	  .min = 0, .max = SZ_16T, .offset = CFG(movablecore),
	  .help = "movablecore= boot option: ZONE_MOVABLE size, spread over the nodes in proportion "
		  "to their memory; 0 = unset; set kernelcore or movablecore, not both" },

	/* [sysctl] */
	{ .name = "kernel.sched_latency_ns", .section = SCN_SYSCTL, .type = KT_U64,
	  .def = "0", .min = 100000, .max = NSEC_PER_SEC, .flags = KEY_ZERO_AUTO,
	  .offset = CFG(sysctl.sched_latency_ns),
	  .help = "CFS targeted preemption latency; 0 = the kernel's default for the CPU count (6 ms scaled)" },
	{ .name = "kernel.sched_min_granularity_ns", .section = SCN_SYSCTL, .type = KT_U64,
	  .def = "0", .min = 100000, .max = NSEC_PER_SEC, .flags = KEY_ZERO_AUTO,
	  .offset = CFG(sysctl.sched_min_granularity_ns),
	  .help = "CFS minimal preemption granularity; 0 = the kernel's default (0.75 ms scaled)" },
	{ .name = "kernel.sched_wakeup_granularity_ns", .section = SCN_SYSCTL, .type = KT_U64,
	  .def = "0", .min = 0, .max = NSEC_PER_SEC,
	  .offset = CFG(sysctl.sched_wakeup_granularity_ns),
	  .help = "CFS wakeup preemption granularity; 0 = the kernel's default (1 ms scaled), not zero" },
	{ .name = "kernel.sched_tunable_scaling", .section = SCN_SYSCTL, .type = KT_UINT,
	  .def = "1", .min = 0, .max = 2,
	  .offset = CFG(sysctl.sched_tunable_scaling),
	  .help = "how the defaults scale with the CPU count: 0 none, 1 log, 2 linear" },
	{ .name = "vm.min_free_kbytes", .section = SCN_SYSCTL, .type = KT_U64,
	  .def = "0", .min = 0, .max = 65536ULL * 1024, .offset = CFG(sysctl.min_free_kbytes),
	  .help = "KiB kept free (the min watermarks of all zones together); 0 = computed as at "
		  "boot: 4 * sqrt(lowmem KiB), within 128..262144" },
	{ .name = "vm.watermark_scale_factor", .section = SCN_SYSCTL, .type = KT_UINT,
	  .def = "10", .min = 1, .max = 3000, .offset = CFG(sysctl.watermark_scale_factor),
	  .help = "gap between the min, low and high watermarks, in 1/10000 of a zone's memory" },
	{ .name = "vm.watermark_boost_factor", .section = SCN_SYSCTL, .type = KT_UINT,
	  .def = "15000", .min = 0, .max = UINT_MAX,
	  .offset = CFG(sysctl.watermark_boost_factor),
	  .help = "watermark boost after a fragmenting fallback, in 1/10000 of the high "
		  "watermark; 0 = off" },
	{ .name = "vm.lowmem_reserve_ratio", .section = SCN_SYSCTL, .type = KT_UINT4,
	  .def = "256 256 32 0", .min = 0, .max = INT_MAX,
	  .offset = CFG(sysctl.lowmem_reserve_ratio),
	  .help = "per zone, DMA DMA32 Normal Movable: a zone keeps 1/ratio of the memory of the "
		  "zones above it from allocations that could use those; 0 = no reserve" },
	{ .name = "vm.extfrag_threshold", .section = SCN_SYSCTL, .type = KT_UINT,
	  .def = "500", .min = 0, .max = 1000, .offset = CFG(sysctl.extfrag_threshold),
	  .help = "a high-order request compacts only if the zone's fragmentation index is above "
		  "this, else it reclaims (the index nears 1000 as free memory is in small blocks)" },
	{ .name = "vm.compaction_proactiveness", .section = SCN_SYSCTL, .type = KT_UINT,
	  .def = "20", .min = 0, .max = 100, .offset = CFG(sysctl.compaction_proactiveness),
	  .help = "proactive compaction: kcompactd keeps each node's fragmentation score near "
		  "100 - this; 0 = off" },

	/* [cost] */
	MMSIM_COSTS(COST_KEY)

	/* [fault] */
	MMSIM_FAULTS(FAULT_KEYS)

	/* [model] */
	{ .name = "kcompactd", .section = SCN_MODEL, .type = KT_ENUM, .def = "proactive",
	  .offset = CFG(model.kcompactd), .values = kcompactd_names,
	  .nr_values = NR_MMSIM_KCOMPACTD,
	  .help = "kcompactd's policy: proactive = mainline since 5.9, fragmentation score "
		  "checked every 500 ms; babka = Babka's 2017 RFC, per-order demand targets and "
		  "success feedback" },
	{ .name = "babka_min_success", .section = SCN_MODEL, .type = KT_PERCENT, .def = "10",
	  .min = 0, .max = 100, .offset = CFG(model.babka_min_success),
	  .help = "babka: kcompactd backs off when its recent success rate is below this" },

	/* [node.N]: in enum node_key order */
	{ .name = "memory", .section = SCN_NODE, .type = KT_SIZE, .def = "0",
	  .min = MIN_NODE_BYTES, .max = SZ_16T, .flags = KEY_ZERO_AUTO,
	  .align = PAGEBLOCK_BYTES, .offset = NODE(memory), .slot = NK_MEMORY,
	  .help = "memory of the node, a multiple of 2M; 0 = an equal share of what the nodes "
		  "with memory= leave" },
	{ .name = "cpus", .section = SCN_NODE, .type = KT_NODE_CPUS, .def = "",
	  .offset = NODE(cpus), .slot = NK_CPUS,
	  .help = "CPUs of the node, or none for a memory-only node; empty = an equal share of "
		  "the CPUs no node lists" },

	/* [device.NAME]: 0 = the model's default (docs/block.md) */
	{ .name = "type", .section = SCN_DEVICE, .type = KT_ENUM, .def = "null",
	  .offset = DEV(type), .slot = DK_TYPE,
	  .values = dev_type_names, .nr_values = NR_MMSIM_DEV_TYPES,
	  .help = "device model: null, ram, hdd, ssd, nvme, pmem (DAX), zoned (SMR/ZNS), usb" },
	{ .name = "size", .section = SCN_DEVICE, .type = KT_SIZE, .def = "0",
	  .min = 1ULL << 20, .max = 1ULL << 50, .flags = KEY_ZERO_AUTO, .offset = DEV(size),
	  .slot = DK_SIZE, .help = "capacity, a multiple of 4K; 0 = the model's default" },
	{ .name = "queue_depth", .section = SCN_DEVICE, .type = KT_UINT, .def = "0",
	  .min = 1, .max = 65535, .flags = KEY_ZERO_AUTO, .offset = DEV(queue_depth),
	  .slot = DK_QUEUE_DEPTH, .help = "commands the device accepts at once (tags)" },
	{ .name = "channels", .section = SCN_DEVICE, .type = KT_UINT, .def = "0",
	  .min = 1, .max = 4096, .flags = KEY_ZERO_AUTO, .offset = DEV(channels),
	  .slot = DK_CHANNELS, .help = "internal parallelism: commands serviced at once (ssd, nvme, zoned, usb)" },
	{ .name = "read_lat", .section = SCN_DEVICE, .type = KT_DURATION, .def = "0",
	  .min = 1, .max = 10 * NSEC_PER_SEC, .flags = KEY_ZERO_AUTO, .offset = DEV(read_lat_ns),
	  .slot = DK_READ_LAT, .help = "latency of a read command (hdd: command overhead)" },
	{ .name = "write_lat", .section = SCN_DEVICE, .type = KT_DURATION, .def = "0",
	  .min = 1, .max = 10 * NSEC_PER_SEC, .flags = KEY_ZERO_AUTO, .offset = DEV(write_lat_ns),
	  .slot = DK_WRITE_LAT, .help = "latency of a media write (hdd: command overhead, or cache ack)" },
	{ .name = "flush_lat", .section = SCN_DEVICE, .type = KT_DURATION, .def = "0",
	  .min = 1, .max = 10 * NSEC_PER_SEC, .flags = KEY_ZERO_AUTO, .offset = DEV(flush_lat_ns),
	  .slot = DK_FLUSH_LAT, .help = "fixed cost of a cache flush, on top of writing the dirty data" },
	{ .name = "read_bw", .section = SCN_DEVICE, .type = KT_SIZE, .def = "0",
	  .min = 1ULL << 10, .max = 1ULL << 40, .flags = KEY_ZERO_AUTO, .offset = DEV(read_bw),
	  .slot = DK_READ_BW, .help = "read bandwidth, bytes per second (hdd: media rate)" },
	{ .name = "write_bw", .section = SCN_DEVICE, .type = KT_SIZE, .def = "0",
	  .min = 1ULL << 10, .max = 1ULL << 40, .flags = KEY_ZERO_AUTO, .offset = DEV(write_bw),
	  .slot = DK_WRITE_BW, .help = "write bandwidth, bytes per second" },
	{ .name = "rpm", .section = SCN_DEVICE, .type = KT_UINT, .def = "0",
	  .min = 1000, .max = 20000, .flags = KEY_ZERO_AUTO, .offset = DEV(rpm),
	  .slot = DK_RPM, .help = "hdd: spindle speed" },
	{ .name = "tracks", .section = SCN_DEVICE, .type = KT_UINT, .def = "0",
	  .min = 2, .max = 10000000, .flags = KEY_ZERO_AUTO, .offset = DEV(tracks),
	  .slot = DK_TRACKS, .help = "hdd: tracks (cylinders) from the outer to the inner edge" },
	{ .name = "seek_min", .section = SCN_DEVICE, .type = KT_DURATION, .def = "0",
	  .min = 1, .max = NSEC_PER_SEC, .flags = KEY_ZERO_AUTO, .offset = DEV(seek_min_ns),
	  .slot = DK_SEEK_MIN, .help = "hdd: track-to-track seek" },
	{ .name = "seek_max", .section = SCN_DEVICE, .type = KT_DURATION, .def = "0",
	  .min = 1, .max = NSEC_PER_SEC, .flags = KEY_ZERO_AUTO, .offset = DEV(seek_max_ns),
	  .slot = DK_SEEK_MAX, .help = "hdd: full-stroke seek" },
	{ .name = "zone_size", .section = SCN_DEVICE, .type = KT_SIZE, .def = "0",
	  .min = 1ULL << 20, .max = 1ULL << 40, .flags = KEY_ZERO_AUTO, .offset = DEV(zone_size),
	  .slot = DK_ZONE_SIZE, .help = "zoned: zone size, a multiple of 4K" },
	{ .name = "max_open_zones", .section = SCN_DEVICE, .type = KT_UINT, .def = "0",
	  .min = 1, .max = 1000000, .flags = KEY_ZERO_AUTO, .offset = DEV(max_open_zones),
	  .slot = DK_MAX_OPEN_ZONES, .help = "zoned: zones that may be open at once" },
	{ .name = "write_cache", .section = SCN_DEVICE, .type = KT_BOOL, .def = "on",
	  .offset = DEV(write_cache), .slot = DK_WRITE_CACHE,
	  .help = "volatile write cache (hdd, ssd, nvme, zoned, usb): writes are durable after FLUSH or with FUA" },
	{ .name = "broken_flush", .section = SCN_DEVICE, .type = KT_BOOL, .def = "off",
	  .offset = DEV(broken_flush), .slot = DK_BROKEN_FLUSH,
	  .help = "a broken device that acknowledges FLUSH without persisting (to test the tests)" },
	{ .name = "make_it_fail", .section = SCN_DEVICE, .type = KT_BOOL, .def = "off",
	  .offset = DEV(make_it_fail), .slot = DK_MAKE_IT_FAIL,
	  .help = "[fault] fail_make_request applies to this device (/sys/block/DEV/make-it-fail)" },
	{ .name = "power_cut_at", .section = SCN_DEVICE, .type = KT_DURATION, .def = "0",
	  .min = 0, .max = MAX_DURATION_NS, .offset = DEV(power_cut_at_ns),
	  .slot = DK_POWER_CUT_AT, .help = "cut the power at this virtual time; 0 = never" },
	{ .name = "power_cut_after", .section = SCN_DEVICE, .type = KT_U64, .def = "0",
	  .min = 0, .max = UINT64_MAX, .offset = DEV(power_cut_after),
	  .slot = DK_POWER_CUT_AFTER, .help = "cut the power when this many requests have completed; 0 = never" },
	{ .name = "unplug_at", .section = SCN_DEVICE, .type = KT_DURATION, .def = "0",
	  .min = 0, .max = MAX_DURATION_NS, .offset = DEV(unplug_at_ns),
	  .slot = DK_UNPLUG_AT, .help = "hot-unplug the device at this virtual time; 0 = never" },

	/* jobs: last, in enum job_key order */
	{ .name = "kind", .section = SCN_JOB, .type = KT_ENUM, .def = "cpu",
	  .offset = JOB(kind), .kinds = ALL_KINDS, .slot = JK_KIND,
	  .values = job_kind_names, .nr_values = NR_MMSIM_JOB_KINDS,
	  .help = "cpu: bursts and think time; pipe: ping-pong pairs; messaging: sender/receiver "
		  "groups; io: direct I/O; alloc: timed page allocations; fragmenter: fills memory, "
		  "then frees most of each pageblock" },
	{ .name = "threads", .section = SCN_JOB, .type = KT_UINT, .def = "1",
	  .min = 1, .max = 100000, .offset = JOB(threads), .kinds = ALL_KINDS,
	  .slot = JK_THREADS,
	  .help = "tasks (cpu, io, alloc, fragmenter), pairs (pipe), or senders = receivers per "
		  "group (messaging)" },
	{ .name = "nice", .section = SCN_JOB, .type = KT_INT, .def = "0",
	  .min = -20, .max = 19, .offset = JOB(nice), .kinds = ALL_KINDS,
	  .slot = JK_NICE, .help = "nice value of the job's tasks" },
	{ .name = "cpus_allowed", .section = SCN_JOB, .type = KT_CPULIST, .def = "",
	  .offset = JOB(cpus_allowed), .kinds = ALL_KINDS, .slot = JK_CPUS_ALLOWED,
	  .help = "CPUs the tasks may run on (sched_setaffinity); empty = all" },
	{ .name = "runtime", .section = SCN_JOB, .type = KT_DURATION, .def = "0",
	  .min = 0, .max = MAX_DURATION_NS, .offset = JOB(runtime_ns),
	  .kinds = ALL_KINDS, .slot = JK_RUNTIME,
	  .help = "the job stops this long after it starts; 0 = at the end of the run" },
	{ .name = "loops", .section = SCN_JOB, .type = KT_U64, .def = "0",
	  .min = 0, .max = UINT64_MAX, .offset = JOB(loops), .kinds = ALL_KINDS,
	  .slot = JK_LOOPS,
	  .help = "iterations per task before it exits; 0 = unlimited" },
	{ .name = "start_delay", .section = SCN_JOB, .type = KT_DURATION, .def = "0",
	  .min = 0, .max = MAX_DURATION_NS, .offset = JOB(start_delay_ns),
	  .kinds = ALL_KINDS, .slot = JK_START_DELAY,
	  .help = "virtual time before the job's tasks start" },
	{ .name = "burst", .section = SCN_JOB, .type = KT_DIST, .def = "1ms",
	  .min = 1, .max = MAX_DURATION_NS, .offset = JOB(burst),
	  .kinds = KIND(CPU), .slot = JK_BURST,
	  .help = "CPU time of each iteration" },
	{ .name = "think", .section = SCN_JOB, .type = KT_DIST, .def = "0",
	  .min = 0, .max = MAX_DURATION_NS, .offset = JOB(think),
	  .kinds = KIND(CPU) | KIND(ALLOC), .slot = JK_THINK,
	  .help = "sleep after each burst (cpu) or allocation (alloc); 0 = none" },
	{ .name = "groups", .section = SCN_JOB, .type = KT_UINT, .def = "1",
	  .min = 1, .max = 10000, .offset = JOB(groups), .kinds = KIND(MESSAGING),
	  .slot = JK_GROUPS, .help = "number of sender/receiver groups" },
	{ .name = "datasize", .section = SCN_JOB, .type = KT_SIZE, .def = "100",
	  .min = 1, .max = 1ULL << 20, .offset = JOB(datasize),
	  .kinds = KIND(PIPE) | KIND(MESSAGING), .slot = JK_DATASIZE,
	  .help = "bytes per message; at most pipe_size" },
	{ .name = "pipe_size", .section = SCN_JOB, .type = KT_SIZE, .def = "64K",
	  .min = 4ULL << 10, .max = 1ULL << 20, .offset = JOB(pipe_size),
	  .kinds = KIND(PIPE) | KIND(MESSAGING), .slot = JK_PIPE_SIZE,
	  .help = "capacity of each pipe (F_SETPIPE_SZ)" },
	{ .name = "timer_slack", .section = SCN_JOB, .type = KT_DURATION, .def = "50us",
	  .min = 0, .max = NSEC_PER_SEC, .offset = JOB(timer_slack_ns),
	  .kinds = KIND(CPU), .slot = JK_TIMER_SLACK,
	  .help = "hrtimer slack of the think-time sleeps (PR_SET_TIMERSLACK); they end this much late" },
	{ .name = "device", .section = SCN_JOB, .type = KT_NAME, .def = "",
	  .offset = JOB(device), .kinds = KIND(IO), .slot = JK_DEVICE,
	  .help = "NAME of the [device.NAME] the job does I/O to" },
	{ .name = "rw", .section = SCN_JOB, .type = KT_ENUM, .def = "read",
	  .offset = JOB(rw), .kinds = KIND(IO), .slot = JK_RW,
	  .values = io_rw_names, .nr_values = NR_MMSIM_RW,
	  .help = "I/O pattern, as fio's rw=" },
	{ .name = "bs", .section = SCN_JOB, .type = KT_SIZE, .def = "4K",
	  .min = 4ULL << 10, .max = 1ULL << 20, .offset = JOB(bs), .kinds = KIND(IO),
	  .slot = JK_BS, .help = "bytes per I/O, a multiple of 4K" },
	{ .name = "iodepth", .section = SCN_JOB, .type = KT_UINT, .def = "1",
	  .min = 1, .max = 4096, .offset = JOB(iodepth), .kinds = KIND(IO),
	  .slot = JK_IODEPTH, .help = "I/Os in flight per thread (libaio)" },
	{ .name = "size", .section = SCN_JOB, .type = KT_SIZE, .def = "0",
	  .min = 0, .max = 1ULL << 50, .offset = JOB(io_size), .kinds = KIND(IO),
	  .slot = JK_SIZE, .help = "bytes of the device from offset 0 the job uses; 0 = the whole device" },
	{ .name = "rwmixread", .section = SCN_JOB, .type = KT_PERCENT, .def = "50",
	  .min = 0, .max = 100, .offset = JOB(rwmixread), .kinds = KIND(IO),
	  .slot = JK_RWMIXREAD, .help = "randrw: percent of I/Os that are reads" },
	{ .name = "fsync", .section = SCN_JOB, .type = KT_U64, .def = "0",
	  .min = 0, .max = UINT64_MAX, .offset = JOB(fsync), .kinds = KIND(IO),
	  .slot = JK_FSYNC, .help = "a FLUSH after every N writes (fio fsync=); 0 = never" },
	{ .name = "fua", .section = SCN_JOB, .type = KT_BOOL, .def = "off",
	  .offset = JOB(fua), .kinds = KIND(IO), .slot = JK_FUA,
	  .help = "writes are REQ_FUA (durable on completion)" },
	{ .name = "order", .section = SCN_JOB, .type = KT_UINT, .def = "0",
	  .min = 0, .max = 10, .offset = JOB(order), .kinds = KIND(ALLOC),
	  .slot = JK_ORDER, .help = "each allocation is a block of 2^order pages" },
	{ .name = "gfp", .section = SCN_JOB, .type = KT_GFP, .def = "GFP_HIGHUSER_MOVABLE",
	  .offset = JOB(gfp), .kinds = KIND(ALLOC) | KIND(FRAGMENTER), .slot = JK_GFP,
	  .help = "GFP flags of the allocations: kernel names joined by '|' "
		  "(GFP_KERNEL|__GFP_NORETRY)" },
	{ .name = "hold", .section = SCN_JOB, .type = KT_BOOL, .def = "on",
	  .offset = JOB(hold), .kinds = KIND(ALLOC), .slot = JK_HOLD,
	  .help = "keep every block until the job ends; off = free each block right away" },
	{ .name = "node", .section = SCN_JOB, .type = KT_INT, .def = "-1",
	  .min = -1, .max = MMSIM_MAX_NODES - 1, .offset = JOB(node),
	  .kinds = KIND(ALLOC) | KIND(FRAGMENTER), .slot = JK_NODE,
	  .help = "preferred node of the allocations; -1 = the node of the task's CPU" },
	{ .name = "demand", .section = SCN_JOB, .type = KT_U64, .def = "0",
	  .min = 0, .max = UINT64_MAX, .offset = JOB(demand), .kinds = KIND(ALLOC),
	  .slot = JK_DEMAND,
	  .help = "blocks of this order the job declares it needs (the babka kcompactd's "
		  "target); 0 = none" },
	{ .name = "fill", .section = SCN_JOB, .type = KT_PERCENT, .def = "90",
	  .min = 1, .max = 100, .offset = JOB(fill), .kinds = KIND(FRAGMENTER),
	  .slot = JK_FILL, .help = "percent of the node's managed pages to allocate" },
	{ .name = "keep", .section = SCN_JOB, .type = KT_UINT, .def = "128",
	  .min = 1, .max = 511, .offset = JOB(keep), .kinds = KIND(FRAGMENTER),
	  .slot = JK_KEEP,
	  .help = "pages kept in each pageblock of 512, spread evenly; the others are freed" },
};

#define NR_KEYS		ARRAY_SIZE(keys)
#define JOB_KEY0	(NR_KEYS - NR_JOB_KEYS)
#define DEV_KEY0	(JOB_KEY0 - NR_DEV_KEYS)
#define NODE_KEY0	(DEV_KEY0 - NR_NODE_KEYS)
#define FIXED_KEYS	NODE_KEY0	/* keys of the fixed sections come first */

_Static_assert(ARRAY_SIZE(keys) <= MMSIM_CONFIG_KEYS_MAX,
	       "raise MMSIM_CONFIG_KEYS_MAX in mmsim/config.h");
_Static_assert(NR_JOB_KEYS <= MMSIM_JOB_KEYS_MAX && NR_JOB_KEYS <= 32,
	       "raise MMSIM_JOB_KEYS_MAX (and widen set_mask) in mmsim/config.h");
_Static_assert(NR_FIXED_SECTIONS == MMSIM_CONFIG_SECTIONS,
	       "MMSIM_CONFIG_SECTIONS must count the fixed sections");
_Static_assert(sizeof(enum mmsim_job_kind) == sizeof(unsigned int),
	       "enum keys are stored as unsigned int");

_Static_assert(NR_DEV_KEYS <= MMSIM_JOB_KEYS_MAX && NR_DEV_KEYS <= 32,
	       "raise MMSIM_JOB_KEYS_MAX (and widen set_mask) in mmsim/config.h");
_Static_assert(NR_NODE_KEYS <= MMSIM_NODE_KEYS_MAX && NR_NODE_KEYS <= 32,
	       "raise MMSIM_NODE_KEYS_MAX (and widen set_mask) in mmsim/config.h");
_Static_assert(NR_MMSIM_JOB_KINDS <= 32, "job key kinds are a 32-bit mask");
_Static_assert(sizeof(((struct mmsim_job_config *)0)->gfp) == sizeof(unsigned int),
	       "gfp= is stored as unsigned int");
_Static_assert(sizeof(((struct mmsim_sysctl *)0)->lowmem_reserve_ratio) ==
	       NR_UINT4 * sizeof(unsigned int), "vm.lowmem_reserve_ratio holds 4 values");

static const struct scenario_key *job_key(enum job_key slot)
{
	return &keys[JOB_KEY0 + slot];
}

static const struct scenario_key *node_key(enum node_key slot)
{
	return &keys[NODE_KEY0 + slot];
}

/* A [machine] (or other fixed section) key by name, for messages. */
static const struct scenario_key *fixed_key(enum scn_section section, const char *name)
{
	for (size_t i = 0; i < FIXED_KEYS; i++)
		if (keys[i].section == section && !strcmp(keys[i].name, name))
			return &keys[i];
	MM_BUG();
	return NULL;
}

static size_t key_index(const struct scenario_key *key)
{
	return (size_t)(key - keys);
}

/* ------------------------------------------------------------------ */
/* Value syntaxes                                                      */
/* ------------------------------------------------------------------ */

static const uint64_t pow10_table[] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
	1000000000,
};

/*
 * Decimal digits at *@sp (before @end) into *@out, saturating and setting
 * *@overflow past UINT64_MAX.  Return: false if there is no digit.
 */
static bool scan_digits(const char **sp, const char *end, uint64_t *out, bool *overflow)
{
	const char *s = *sp;
	uint64_t n = 0;

	for (; s < end && isdigit((unsigned char)*s); s++) {
		unsigned int d = (unsigned int)(*s - '0');

		if (n > (UINT64_MAX - d) / 10) {
			*overflow = true;
			n = UINT64_MAX;
		} else {
			n = n * 10 + d;
		}
	}
	if (s == *sp)
		return false;
	*sp = s;
	*out = n;
	return true;
}

/* An unsigned integer; negative numbers are out of every unsigned range. */
static enum parse_result parse_unsigned_n(const char *s, const char *end, uint64_t *out)
{
	bool neg = false, over = false;
	uint64_t n;

	if (s < end && *s == '-') {
		neg = true;
		s++;
	}
	if (!scan_digits(&s, end, &n, &over) || s != end)
		return PARSE_BAD;
	if (over || (neg && n))
		return PARSE_RANGE;
	*out = n;
	return PARSE_OK;
}

static const struct duration_unit {
	const char *name;
	unsigned int exp;		/* ns = 10^exp */
} duration_units[] = {
	{ "ns", 0 },
	{ "us", 3 },
	{ "ms", 6 },
	{ "s", 9 },
};

/* "500us", "1.5ms", "0": a whole number of ns, unit required except for 0. */
static enum parse_result parse_duration_n(const char *s, const char *end, uint64_t *ns)
{
	const struct duration_unit *unit = NULL;
	const char *frac = NULL, *frac_end = NULL;
	bool neg = false, over = false;
	uint64_t whole, frac_ns = 0, mult;
	size_t i, k;

	if (s < end && *s == '-') {
		neg = true;
		s++;
	}
	if (!scan_digits(&s, end, &whole, &over))
		return PARSE_BAD;
	if (s < end && *s == '.') {
		frac = ++s;
		while (s < end && isdigit((unsigned char)*s))
			s++;
		frac_end = s;
		if (frac == frac_end)
			return PARSE_BAD;
	}
	if (s == end) {
		/* only zero may go without a unit */
		if (frac || over || whole)
			return PARSE_BAD;
		*ns = 0;
		return PARSE_OK;
	}
	for (i = 0; i < ARRAY_SIZE(duration_units); i++) {
		if (strlen(duration_units[i].name) == (size_t)(end - s) &&
		    !memcmp(duration_units[i].name, s, (size_t)(end - s))) {
			unit = &duration_units[i];
			break;
		}
	}
	if (!unit)
		return PARSE_BAD;
	if (over)
		return PARSE_RANGE;
	mult = pow10_table[unit->exp];
	if (frac) {
		uint64_t f = 0;

		/* 1.50ms is 1.5ms: only significant digits must fit the unit */
		while (frac_end > frac && frac_end[-1] == '0')
			frac_end--;
		k = (size_t)(frac_end - frac);
		if (k > unit->exp)
			return PARSE_INEXACT;
		for (; frac < frac_end; frac++)
			f = f * 10 + (uint64_t)(*frac - '0');
		frac_ns = f * pow10_table[unit->exp - k];
	}
	if (whole > (UINT64_MAX - frac_ns) / mult)
		return PARSE_RANGE;
	whole = whole * mult + frac_ns;
	if (neg && whole)
		return PARSE_RANGE;
	*ns = whole;
	return PARSE_OK;
}

static const struct size_suffix {
	char letter;
	unsigned int shift;
} size_suffixes[] = {
	{ 'K', 10 },
	{ 'M', 20 },
	{ 'G', 30 },
	{ 'T', 40 },
};

/* "100", "64K", "64k", "64KB", "1M": binary multiples, case-insensitive. */
static enum parse_result parse_size_n(const char *s, const char *end, uint64_t *out)
{
	bool neg = false, over = false;
	unsigned int shift = 0;
	uint64_t n;
	size_t i;

	if (s < end && *s == '-') {
		neg = true;
		s++;
	}
	if (!scan_digits(&s, end, &n, &over))
		return PARSE_BAD;
	if (s < end) {
		for (i = 0; i < ARRAY_SIZE(size_suffixes); i++) {
			if (toupper((unsigned char)*s) == size_suffixes[i].letter) {
				shift = size_suffixes[i].shift;
				s++;
				break;
			}
		}
	}
	if (s < end && toupper((unsigned char)*s) == 'B')
		s++;
	if (s != end)
		return PARSE_BAD;
	if (over || n > (UINT64_MAX >> shift))
		return PARSE_RANGE;
	n <<= shift;
	if (neg && n)
		return PARSE_RANGE;
	*out = n;
	return PARSE_OK;
}

static const struct dist_prefix {
	const char *prefix;
	enum mmsim_dist_kind kind;
} dist_prefixes[] = {
	{ "fixed:", MMSIM_DIST_FIXED },
	{ "uniform:", MMSIM_DIST_UNIFORM },
	{ "exp:", MMSIM_DIST_EXPONENTIAL },
	{ "exponential:", MMSIM_DIST_EXPONENTIAL },
};

/* The worse of two results, so that a syntax error wins over a range error. */
static enum parse_result worse(enum parse_result a, enum parse_result b)
{
	static const int rank[] = {
		[PARSE_OK] = 0, [PARSE_ORDER] = 1, [PARSE_RANGE] = 2,
		[PARSE_INEXACT] = 3, [PARSE_BAD] = 4,
	};

	return rank[a] >= rank[b] ? a : b;
}

static enum parse_result parse_dist_n(const char *s, const char *end, struct mmsim_dist *d)
{
	enum mmsim_dist_kind kind = MMSIM_DIST_FIXED;
	enum parse_result ra, rb;
	uint64_t a = 0, b = 0;
	const char *dots;
	size_t i, len;

	for (i = 0; i < ARRAY_SIZE(dist_prefixes); i++) {
		len = strlen(dist_prefixes[i].prefix);
		if ((size_t)(end - s) >= len && !memcmp(s, dist_prefixes[i].prefix, len)) {
			kind = dist_prefixes[i].kind;
			s += len;
			break;
		}
	}
	if (kind != MMSIM_DIST_UNIFORM) {
		ra = parse_duration_n(s, end, &a);
		if (ra != PARSE_OK)
			return ra;
		*d = (struct mmsim_dist){ .kind = kind, .a = a };
		return PARSE_OK;
	}
	for (dots = s; dots + 1 < end; dots++)
		if (dots[0] == '.' && dots[1] == '.')
			break;
	if (dots + 1 >= end)
		return PARSE_BAD;
	ra = parse_duration_n(s, dots, &a);
	rb = parse_duration_n(dots + 2, end, &b);
	if (ra != PARSE_OK || rb != PARSE_OK)
		return worse(ra, rb);
	if (a > b)
		return PARSE_ORDER;
	*d = (struct mmsim_dist){ .kind = kind, .a = a, .b = b };
	return PARSE_OK;
}

/* Kernel cpulist syntax (bitmap_parselist() without strides): "0-3,8". */
static enum parse_result parse_cpulist_n(const char *s, const char *end,
					 struct mmsim_cpumask *mask)
{
	memset(mask, 0, sizeof(*mask));
	if (s == end)
		return PARSE_OK;	/* empty: all CPUs */
	for (;;) {
		bool over = false;
		uint64_t a, b, cpu;

		if (!scan_digits(&s, end, &a, &over))
			return PARSE_BAD;
		b = a;
		if (s < end && *s == '-') {
			s++;
			if (!scan_digits(&s, end, &b, &over))
				return PARSE_BAD;
		}
		if (over || a > b || b >= MMSIM_MAX_CPUS)
			return PARSE_BAD;
		for (cpu = a; cpu <= b; cpu++)
			mmsim_cpumask_set(mask, (unsigned int)cpu);
		if (s == end)
			return PARSE_OK;
		if (*s != ',')
			return PARSE_BAD;
		s++;
	}
}

static const struct bool_name {
	const char *name;
	bool value;
} bool_names[] = {
	{ "0", false }, { "1", true },
	{ "false", false }, { "true", true },
	{ "no", false }, { "yes", true },
	{ "off", false }, { "on", true },
};

int scenario_parse_bool(const char *text, bool *out)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bool_names); i++) {
		if (!strcasecmp(text, bool_names[i].name)) {
			*out = bool_names[i].value;
			return 0;
		}
	}
	return -EINVAL;
}

/* Parsers by type, on a NUL-terminated value (inih strips the blanks). */

static enum parse_result parse_unsigned(const struct scenario_key *key, const char *s,
					union value *v)
{
	(void)key;
	return parse_unsigned_n(s, s + strlen(s), &v->u);
}

static enum parse_result parse_signed(const struct scenario_key *key, const char *s,
				      union value *v)
{
	const char *end = s + strlen(s);
	bool neg = false, over = false;
	uint64_t n;

	(void)key;
	if (s < end && *s == '-') {
		neg = true;
		s++;
	}
	if (!scan_digits(&s, end, &n, &over) || s != end)
		return PARSE_BAD;
	if (over || n > (uint64_t)INT64_MAX + neg)
		return PARSE_RANGE;
	if (neg)
		v->s = n ? -(int64_t)(n - 1) - 1 : 0;
	else
		v->s = (int64_t)n;
	return PARSE_OK;
}

static enum parse_result parse_bool_value(const struct scenario_key *key, const char *s,
					  union value *v)
{
	bool b;

	(void)key;
	if (scenario_parse_bool(s, &b))
		return PARSE_BAD;
	v->u = b;
	return PARSE_OK;
}

static enum parse_result parse_percent(const struct scenario_key *key, const char *s,
				       union value *v)
{
	const char *end = s + strlen(s);

	(void)key;
	if (end > s && end[-1] == '%')
		end--;
	return parse_unsigned_n(s, end, &v->u);
}

static enum parse_result parse_size(const struct scenario_key *key, const char *s,
				    union value *v)
{
	(void)key;
	return parse_size_n(s, s + strlen(s), &v->u);
}

static enum parse_result parse_duration(const struct scenario_key *key, const char *s,
					union value *v)
{
	(void)key;
	return parse_duration_n(s, s + strlen(s), &v->u);
}

static enum parse_result parse_dist(const struct scenario_key *key, const char *s,
				    union value *v)
{
	(void)key;
	return parse_dist_n(s, s + strlen(s), &v->dist);
}

static enum parse_result parse_cpulist(const struct scenario_key *key, const char *s,
				       union value *v)
{
	(void)key;
	return parse_cpulist_n(s, s + strlen(s), &v->mask);
}

static enum parse_result parse_enum(const struct scenario_key *key, const char *s,
				    union value *v)
{
	unsigned int i;

	for (i = 0; i < key->nr_values; i++) {
		if (!strcmp(s, key->values[i])) {
			v->u = i;
			return PARSE_OK;
		}
	}
	return PARSE_BAD;
}

/* A device name: empty, or what a job or device section name may be. */
static enum parse_result parse_name(const struct scenario_key *key, const char *s,
				    union value *v)
{
	size_t len = strlen(s);

	(void)key;
	if (len >= MMSIM_JOB_NAME_MAX)
		return PARSE_BAD;
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '-')
			return PARSE_BAD;
	memcpy(v->name, s, len + 1);
	return PARSE_OK;
}

/* "256 256 32 0": as /proc/sys/vm/lowmem_reserve_ratio, blanks or tabs between. */
static enum parse_result parse_uint4(const struct scenario_key *key, const char *s,
				     union value *v)
{
	enum parse_result res = PARSE_OK;
	const char *end = s + strlen(s);

	(void)key;
	for (size_t i = 0; i < NR_UINT4; i++) {
		const char *e;

		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		for (e = s; e < end && *e != ' ' && *e != '\t'; e++)
			;
		if (s == e)
			return PARSE_BAD;	/* fewer than 4 */
		res = worse(res, parse_unsigned_n(s, e, &v->u4[i]));
		s = e;
	}
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s == end ? res : PARSE_BAD;
}

/*
 * The first name of @text that gfp_parse() does not know: its start in
 * *@name and its length.  Return: false if every name is known.
 */
static bool gfp_unknown_name(const char *text, const char **name, size_t *len)
{
	for (;;) {
		size_t n = strcspn(text, "|"), i;
		const char *s = text, *e = text + n;

		while (s < e && *s == ' ')
			s++;
		while (e > s && e[-1] == ' ')
			e--;
		for (i = 0; i < nr_gfp_flag_names; i++)
			if (strlen(gfp_flag_names[i].name) == (size_t)(e - s) &&
			    !memcmp(gfp_flag_names[i].name, s, (size_t)(e - s)))
				break;
		if (i == nr_gfp_flag_names) {
			*name = s;
			*len = (size_t)(e - s);
			return true;
		}
		if (!text[n])
			return false;
		text += n + 1;
	}
}

/* "GFP_KERNEL|__GFP_NORETRY", or "none" for no flag (as show_gfp_flags() prints 0). */
static enum parse_result parse_gfp(const struct scenario_key *key, const char *s,
				   union value *v)
{
	const char *name;
	gfp_t gfp;
	size_t len;

	(void)key;
	if (!strcmp(s, "none")) {
		v->u = 0;
		return PARSE_OK;
	}
	/* gfp_parse() takes "" and "A|" as valid; a flag list here names a flag each time */
	if (gfp_unknown_name(s, &name, &len) || gfp_parse(s, &gfp))
		return PARSE_BAD;
	v->u = gfp;
	return PARSE_OK;
}

static enum parse_result parse_node_cpus(const struct scenario_key *key, const char *s,
					 union value *v)
{
	(void)key;
	if (!strcmp(s, "none")) {
		memset(&v->ncpus.mask, 0, sizeof(v->ncpus.mask));
		v->ncpus.none = true;
		return PARSE_OK;
	}
	v->ncpus.none = false;
	return parse_cpulist_n(s, s + strlen(s), &v->ncpus.mask);
}

/* Formatters: the shortest text the parser reads back to the same value. */

static void format_decimal(uint64_t n, char *buf, size_t size)
{
	snprintf(buf, size, "%" PRIu64, n);
}

static void format_duration(uint64_t ns, char *buf, size_t size)
{
	size_t i = ARRAY_SIZE(duration_units);

	if (!ns) {
		snprintf(buf, size, "0");
		return;
	}
	/* the largest unit that divides exactly: 1500us, 2ms, 1s */
	while (--i > 0 && ns % pow10_table[duration_units[i].exp])
		;
	snprintf(buf, size, "%" PRIu64 "%s", ns / pow10_table[duration_units[i].exp],
		 duration_units[i].name);
}

static void format_size(uint64_t n, char *buf, size_t size)
{
	size_t i = ARRAY_SIZE(size_suffixes);

	while (i-- > 0) {
		uint64_t mult = 1ULL << size_suffixes[i].shift;

		if (n && !(n % mult)) {
			snprintf(buf, size, "%" PRIu64 "%c", n / mult, size_suffixes[i].letter);
			return;
		}
	}
	format_decimal(n, buf, size);
}

static void format_cpulist(const struct mmsim_cpumask *mask, char *buf, size_t size)
{
	size_t len = 0;
	unsigned int cpu = 0, last;
	int n;

	buf[0] = '\0';
	while (cpu < MMSIM_MAX_CPUS) {
		if (!mmsim_cpumask_test(mask, cpu)) {
			cpu++;
			continue;
		}
		for (last = cpu; last + 1 < MMSIM_MAX_CPUS &&
		     mmsim_cpumask_test(mask, last + 1); last++)
			;
		if (last > cpu)
			n = snprintf(buf + len, size - len, "%s%u-%u", len ? "," : "", cpu, last);
		else
			n = snprintf(buf + len, size - len, "%s%u", len ? "," : "", cpu);
		if (n < 0 || (size_t)n >= size - len)
			return;		/* truncated; VALUE_MAX avoids this */
		len += (size_t)n;
		cpu = last + 1;
	}
}

static void format_unsigned_value(const struct scenario_key *key, const union value *v,
				  char *buf, size_t size)
{
	(void)key;
	format_decimal(v->u, buf, size);
}

static void format_signed_value(const struct scenario_key *key, const union value *v,
				char *buf, size_t size)
{
	(void)key;
	snprintf(buf, size, "%" PRId64, v->s);
}

static void format_bool_value(const struct scenario_key *key, const union value *v,
			      char *buf, size_t size)
{
	(void)key;
	snprintf(buf, size, "%s", v->u ? "true" : "false");
}

static void format_size_value(const struct scenario_key *key, const union value *v,
			      char *buf, size_t size)
{
	(void)key;
	format_size(v->u, buf, size);
}

static void format_duration_value(const struct scenario_key *key, const union value *v,
				  char *buf, size_t size)
{
	(void)key;
	format_duration(v->u, buf, size);
}

static void format_dist_value(const struct scenario_key *key, const union value *v,
			      char *buf, size_t size)
{
	char a[32], b[32];

	(void)key;
	format_duration(v->dist.a, a, sizeof(a));
	switch (v->dist.kind) {
	case MMSIM_DIST_UNIFORM:
		format_duration(v->dist.b, b, sizeof(b));
		snprintf(buf, size, "uniform:%s..%s", a, b);
		break;
	case MMSIM_DIST_EXPONENTIAL:
		snprintf(buf, size, "exp:%s", a);
		break;
	default:
		snprintf(buf, size, "%s", a);
		break;
	}
}

static void format_cpulist_value(const struct scenario_key *key, const union value *v,
				 char *buf, size_t size)
{
	(void)key;
	format_cpulist(&v->mask, buf, size);
}

static void format_enum_value(const struct scenario_key *key, const union value *v,
			      char *buf, size_t size)
{
	snprintf(buf, size, "%s", v->u < key->nr_values ? key->values[v->u] : "?");
}

static void format_name_value(const struct scenario_key *key, const union value *v,
			      char *buf, size_t size)
{
	(void)key;
	snprintf(buf, size, "%s", v->name);
}

static void format_uint4_value(const struct scenario_key *key, const union value *v,
			       char *buf, size_t size)
{
	(void)key;
	snprintf(buf, size, "%" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64,
		 v->u4[0], v->u4[1], v->u4[2], v->u4[3]);
}

static void format_gfp_value(const struct scenario_key *key, const union value *v,
			     char *buf, size_t size)
{
	(void)key;
	gfp_format((gfp_t)v->u, buf, size);
}

static void format_node_cpus_value(const struct scenario_key *key, const union value *v,
				   char *buf, size_t size)
{
	(void)key;
	if (v->ncpus.none)
		snprintf(buf, size, "none");
	else
		format_cpulist(&v->ncpus.mask, buf, size);
}

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
};

/* ST_NODE_CPUS: where no_cpus is, from the key's offset (that of cpus) */
#define NODE_NO_CPUS_DELTA	(NODE(no_cpus) - NODE(cpus))

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

static const struct type_desc types[NR_KEY_TYPES] = {
	[KT_U64] = { "u64", "an unsigned integer", ST_U64, RANGE_UNSIGNED,
		     parse_unsigned, format_unsigned_value, format_decimal },
	[KT_UINT] = { "uint", "an unsigned integer", ST_UINT, RANGE_UNSIGNED,
		      parse_unsigned, format_unsigned_value, format_decimal },
	[KT_INT] = { "int", "an integer", ST_INT, RANGE_SIGNED,
		     parse_signed, format_signed_value, NULL },
	[KT_S64] = { "s64", "an integer", ST_S64, RANGE_SIGNED,
		     parse_signed, format_signed_value, NULL },
	[KT_BOOL] = { "bool", "0, 1, true, false, yes, no, on or off", ST_BOOL, RANGE_NONE,
		      parse_bool_value, format_bool_value, NULL },
	[KT_PERCENT] = { "percent", "a whole percentage (e.g. 5 or 5%)", ST_UINT,
			 RANGE_UNSIGNED, parse_percent, format_unsigned_value,
			 format_decimal },
	[KT_SIZE] = { "size", "a size in bytes with optional suffix K, M, G or T (e.g. 64K)",
		      ST_U64, RANGE_UNSIGNED, parse_size, format_size_value, format_size },
	[KT_DURATION] = { "duration", "a duration with unit ns, us, ms or s (e.g. 500ms)",
			  ST_U64, RANGE_UNSIGNED, parse_duration, format_duration_value,
			  format_duration },
	[KT_DIST] = { "dist",
		      "a duration (2ms), fixed:2ms, uniform:1ms..3ms, exp:2ms or exponential:2ms",
		      ST_DIST, RANGE_DIST, parse_dist, format_dist_value, format_duration },
	[KT_CPULIST] = { "cpulist",
			 "a CPU list such as 0-3,8,10-11 (CPUs 0-1023, ranges ascending)",
			 ST_MASK, RANGE_NONE, parse_cpulist, format_cpulist_value, NULL },
	[KT_ENUM] = { "enum", NULL, ST_UINT, RANGE_NONE, parse_enum, format_enum_value, NULL },
	[KT_NAME] = { "name", "a name of up to 63 characters of A-Z a-z 0-9 _ -", ST_NAME,
		      RANGE_NONE, parse_name, format_name_value, NULL },
	[KT_UINT4] = { "uint[4]", "4 unsigned integers separated by blanks (e.g. 256 256 32 0)",
		       ST_UINT4, RANGE_EACH, parse_uint4, format_uint4_value, format_decimal },
	[KT_GFP] = { "gfp", "GFP flag names joined by '|' (e.g. GFP_KERNEL|__GFP_NORETRY)",
		     ST_UINT, RANGE_NONE, parse_gfp, format_gfp_value, NULL },
	[KT_NODE_CPUS] = { "cpulist|none",
			   "a CPU list such as 0-3,8,10-11 (CPUs 0-1023, ranges ascending), "
			   "or none", ST_NODE_CPUS, RANGE_NONE, parse_node_cpus,
			   format_node_cpus_value, NULL },
};

static const struct type_desc *key_type(const struct scenario_key *key)
{
	return &types[key->type];
}

static bool in_range_u(const struct scenario_key *key, uint64_t n)
{
	return n >= (uint64_t)key->min && n <= key->max;
}

static bool in_range(const struct scenario_key *key, const union value *v)
{
	switch (key_type(key)->range) {
	case RANGE_UNSIGNED:
		return in_range_u(key, v->u) || ((key->flags & KEY_ZERO_AUTO) && !v->u);
	case RANGE_SIGNED:
		return v->s >= key->min && (v->s < 0 || (uint64_t)v->s <= key->max);
	case RANGE_DIST:
		return in_range_u(key, v->dist.a) &&
		       (v->dist.kind != MMSIM_DIST_UNIFORM || in_range_u(key, v->dist.b));
	case RANGE_EACH:
		for (size_t i = 0; i < NR_UINT4; i++)
			if (!in_range_u(key, v->u4[i]))
				return false;
		return true;
	default:
		return true;
	}
}

/* "min..max" in the key's own syntax; "" for keys without a range. */
static void format_range(const struct scenario_key *key, char *buf, size_t size)
{
	const struct type_desc *t = key_type(key);
	char lo[32], hi[32];

	switch (t->range) {
	case RANGE_SIGNED:
		snprintf(buf, size, "%" PRId64 "..%" PRIu64, key->min, key->max);
		return;
	case RANGE_UNSIGNED:
	case RANGE_DIST:
	case RANGE_EACH:
		t->format_bound((uint64_t)key->min, lo, sizeof(lo));
		t->format_bound(key->max, hi, sizeof(hi));
		snprintf(buf, size, "%s..%s%s", lo, hi, t->range == RANGE_EACH ? " each" : "");
		return;
	default:
		buf[0] = '\0';
		return;
	}
}

static void load_value(const void *p, const struct scenario_key *key, union value *v)
{
	memset(v, 0, sizeof(*v));
	switch (key_type(key)->storage) {
	case ST_U64:
		memcpy(&v->u, p, sizeof(uint64_t));
		break;
	case ST_UINT: {
		unsigned int n;

		memcpy(&n, p, sizeof(n));
		v->u = n;
		break;
	}
	case ST_INT: {
		int n;

		memcpy(&n, p, sizeof(n));
		v->s = n;
		break;
	}
	case ST_S64:
		memcpy(&v->s, p, sizeof(int64_t));
		break;
	case ST_BOOL: {
		bool b;

		memcpy(&b, p, sizeof(b));
		v->u = b;
		break;
	}
	case ST_DIST:
		memcpy(&v->dist, p, sizeof(v->dist));
		break;
	case ST_MASK:
		memcpy(&v->mask, p, sizeof(v->mask));
		break;
	case ST_NAME:
		memcpy(v->name, p, sizeof(v->name));
		break;
	case ST_UINT4: {
		unsigned int n[NR_UINT4];

		memcpy(n, p, sizeof(n));
		for (size_t i = 0; i < NR_UINT4; i++)
			v->u4[i] = n[i];
		break;
	}
	case ST_NODE_CPUS:
		memcpy(&v->ncpus.mask, p, sizeof(v->ncpus.mask));
		memcpy(&v->ncpus.none, (const char *)p + NODE_NO_CPUS_DELTA, sizeof(bool));
		break;
	}
}

/* Store a value that passed in_range(), so narrowing cannot truncate. */
static void store_value(void *p, const struct scenario_key *key, const union value *v)
{
	switch (key_type(key)->storage) {
	case ST_U64:
		memcpy(p, &v->u, sizeof(uint64_t));
		break;
	case ST_UINT: {
		unsigned int n = (unsigned int)v->u;

		memcpy(p, &n, sizeof(n));
		break;
	}
	case ST_INT: {
		int n = (int)v->s;

		memcpy(p, &n, sizeof(n));
		break;
	}
	case ST_S64:
		memcpy(p, &v->s, sizeof(int64_t));
		break;
	case ST_BOOL: {
		bool b = v->u != 0;

		memcpy(p, &b, sizeof(b));
		break;
	}
	case ST_DIST:
		memcpy(p, &v->dist, sizeof(v->dist));
		break;
	case ST_MASK:
		memcpy(p, &v->mask, sizeof(v->mask));
		break;
	case ST_NAME:
		memcpy(p, v->name, sizeof(v->name));
		break;
	case ST_UINT4: {
		unsigned int n[NR_UINT4];

		for (size_t i = 0; i < NR_UINT4; i++)
			n[i] = (unsigned int)v->u4[i];
		memcpy(p, n, sizeof(n));
		break;
	}
	case ST_NODE_CPUS:
		memcpy(p, &v->ncpus.mask, sizeof(v->ncpus.mask));
		memcpy((char *)p + NODE_NO_CPUS_DELTA, &v->ncpus.none, sizeof(bool));
		break;
	}
}

static void key_default(const struct scenario_key *key, union value *v)
{
	memset(v, 0, sizeof(*v));
	if (!key->def) {
		v->u = cost_desc((enum mmsim_cost_item)key->slot)->default_ns;
		return;
	}
	MM_BUG_ON(key_type(key)->parse(key, key->def, v) != PARSE_OK);
}

static void format_value(const struct scenario_key *key, const union value *v,
			 char *buf, size_t size)
{
	key_type(key)->format(key, v, buf, size);
}

/* Where @key's value lives: in @job for job keys, else in @cfg. */
static const void *key_cptr(const struct mmsim_config *cfg,
			    const struct mmsim_job_config *job,
			    const struct scenario_key *key)
{
	if (key->section == SCN_JOB)
		return (const char *)job + key->offset;
	return (const char *)cfg + key->offset;
}

/* Where a device key's value lives. */
static const void *dev_key_cptr(const struct mmsim_device_config *dev,
				const struct scenario_key *key)
{
	return (const char *)dev + key->offset;
}

/* ------------------------------------------------------------------ */
/* Messages                                                            */
/* ------------------------------------------------------------------ */

/* Appends to a struct mmsim_error, ending a message that does not fit in "...". */
struct msg {
	char *buf;
	size_t size;
	size_t len;
};

static void msg_start(struct msg *m, struct mmsim_error *err)
{
	m->buf = err->msg;
	m->size = sizeof(err->msg);
	m->len = 0;
	m->buf[0] = '\0';
}

__attribute__((format(printf, 2, 3)))
static void msg_add(struct msg *m, const char *fmt, ...)
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

/**
 * struct where - what a message is about
 * @file: scenario name, for "FILE:LINE: " (NULL with @assignment)
 * @line: line in @file; 0 for none
 * @assignment: a --set argument, for "--set 'ASSIGNMENT': "
 * @section: section the key is in
 * @job: the job, when @section is SCN_JOB
 * @dev: the device, when @section is SCN_DEVICE
 * @nid: the node number, when @section is SCN_NODE
 */
struct where {
	const char *file;
	unsigned int line;
	const char *assignment;
	enum scn_section section;
	const struct mmsim_job_config *job;
	const struct mmsim_device_config *dev;
	unsigned int nid;
};

static void msg_prefix(struct msg *m, const struct where *w)
{
	if (w->assignment)
		msg_add(m, "--set '%s': ", w->assignment);
	else if (w->line)
		msg_add(m, "%s:%u: ", w->file, w->line);
	else
		msg_add(m, "%s: ", w->file);
}

/* "job [hog]" or "[machine]" */
static void msg_place(struct msg *m, const struct where *w)
{
	if (w->section == SCN_JOB)
		msg_add(m, "job [%s]", w->job->name);
	else if (w->section == SCN_DEVICE)
		msg_add(m, "[device.%s]", w->dev->name);
	else if (w->section == SCN_NODE)
		msg_add(m, "[node.%u]", w->nid);
	else
		msg_add(m, "[%s]", section_names[w->section]);
}

/* Keys accepted in @section, for jobs those of the kinds in @kinds. */
static void msg_key_list(struct msg *m, enum scn_section section, unsigned int kinds)
{
	const char *sep = "";
	size_t i, j;

	for (i = 0; i < NR_KEYS; i++) {
		const struct scenario_key *key = &keys[i];

		if (section == SCN_GLOBAL && key->section == SCN_JOB) {
			/* [global] runtime is the run's, not a job default */
			for (j = 0; j < JOB_KEY0; j++)
				if (keys[j].section == SCN_GLOBAL &&
				    !strcmp(keys[j].name, key->name))
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

static void msg_enum_list(struct msg *m, const struct scenario_key *key)
{
	unsigned int i;

	for (i = 0; i < key->nr_values; i++)
		msg_add(m, "%s%s", i ? ", " : "", key->values[i]);
}

/* Why a gfp= value is bad, and the flag names it may use. */
static void msg_gfp_error(struct msg *m, const char *text)
{
	const char *name;
	size_t len;

	if (gfp_unknown_name(text, &name, &len) && len)
		msg_add(m, "; unknown flag '%.*s'", (int)len, name);
	else
		msg_add(m, "; empty flag name");
	msg_add(m, "; accepted flags, joined by '|': ");
	for (size_t i = 0; i < nr_gfp_flag_names; i++)
		msg_add(m, "%s, ", gfp_flag_names[i].name);
	msg_add(m, "or none");
}

/* "(a pageblock)" after an alignment that has a name */
static const char *align_name(uint64_t align)
{
	return align == PAGEBLOCK_BYTES ? " (a pageblock)" : "";
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

static int error_not_for_kind(const struct where *w, const struct scenario_key *key,
			      enum mmsim_job_kind kind, struct mmsim_error *err)
{
	struct msg m;

	msg_start(&m, err);
	msg_prefix(&m, w);
	msg_add(&m, "key '%s' does not apply to job [%s] of kind %s; keys for kind %s: ",
		key->name, w->job->name, job_kind_names[kind], job_kind_names[kind]);
	msg_key_list(&m, SCN_JOB, 1u << kind);
	return -EINVAL;
}

/*
 * Parse @text for @key and check its range; on failure fill @err with a
 * message for @w.
 */
static int parse_checked(const struct scenario_key *key, const char *text, union value *v,
			 const struct where *w, struct mmsim_error *err)
{
	const struct type_desc *t = key_type(key);
	enum parse_result res;
	char range[96];
	struct msg m;

	memset(v, 0, sizeof(*v));
	res = t->parse(key, text, v);
	if (res == PARSE_OK && !in_range(key, v))
		res = PARSE_RANGE;
	if (res == PARSE_OK && key->align && v->u % key->align)
		res = PARSE_ALIGN;
	if (res == PARSE_OK)
		return 0;

	msg_start(&m, err);
	msg_prefix(&m, w);
	if (res == PARSE_RANGE) {
		format_range(key, range, sizeof(range));
		msg_add(&m, "value '%s' for '%s' in ", text, key->name);
		msg_place(&m, w);
		msg_add(&m, " is out of range %s", range);
		if (key->flags & KEY_ZERO_AUTO)
			msg_add(&m, " (or 0 for %s)",
				key->section == SCN_DEVICE ? "the model's default" :
				key->section == SCN_NODE ? "an equal share" : "the kernel's default");
		return -EINVAL;
	}
	if (res == PARSE_ALIGN) {
		key_type(key)->format_bound(key->align, range, sizeof(range));
		msg_add(&m, "value '%s' for '%s' in ", text, key->name);
		msg_place(&m, w);
		msg_add(&m, " is not a multiple of %s%s", range, align_name(key->align));
		return -EINVAL;
	}
	msg_add(&m, "bad value '%s' for '%s' in ", text, key->name);
	msg_place(&m, w);
	switch (res) {
	case PARSE_INEXACT:
		msg_add(&m, "; expected a whole number of nanoseconds");
		break;
	case PARSE_ORDER:
		msg_add(&m, "; expected uniform:A..B with A <= B");
		break;
	default:
		if (key->type == KT_ENUM) {
			msg_add(&m, "; accepted values: ");
			msg_enum_list(&m, key);
		} else if (key->type == KT_GFP) {
			msg_gfp_error(&m, text);
		} else {
			msg_add(&m, "; expected %s", t->expect);
		}
		break;
	}
	return -EINVAL;
}

/* ------------------------------------------------------------------ */
/* Lookups and assignment                                              */
/* ------------------------------------------------------------------ */

static const struct scenario_key *find_key(enum scn_section section, const char *name)
{
	size_t i;

	for (i = 0; i < NR_KEYS; i++)
		if (keys[i].section == section && !strcmp(keys[i].name, name))
			return &keys[i];
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
		if (strlen(section_names[s]) == len && !memcmp(section_names[s], name, len))
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

static int find_device(const struct mmsim_config *cfg, const char *name, size_t len)
{
	unsigned int i;

	for (i = 0; i < cfg->nr_devices; i++)
		if (strlen(cfg->devices[i].name) == len && !memcmp(cfg->devices[i].name, name, len))
			return (int)i;
	return -1;
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

static bool line_is_file(unsigned int line)
{
	return line && line != LINE_SET;
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
		job->set_mask |= 1u << key->slot;
		job->key_line[key->slot] = line;
		return;
	}
	store_value((char *)&cfg->job_defaults + key->offset, key, v);
	cfg->key_line[key_index(key)] = line;
	for (i = 0; i < cfg->nr_jobs; i++) {
		struct mmsim_job_config *j = &cfg->jobs[i];

		if (j->set_mask & (1u << key->slot))
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
		MM_DEBUG_ON(keys[DEV_KEY0 + i].section != SCN_DEVICE ||
			    keys[DEV_KEY0 + i].slot != (int)i);
	for (i = 0; i < NR_NODE_KEYS; i++)
		MM_DEBUG_ON(node_key(i)->section != SCN_NODE || node_key(i)->slot != (int)i);

	memset(cfg, 0, sizeof(*cfg));
	for (i = 0; i < NR_KEYS; i++) {
		const struct scenario_key *key = &keys[i];
		char *base = key->section == SCN_JOB ? (char *)&cfg->job_defaults : (char *)cfg;

		if (key->section == SCN_DEVICE || key->section == SCN_NODE)
			continue;	/* each device is filled when its section starts */
		key_default(key, &v);
		store_value(base + key->offset, key, &v);
	}
	/* every node exists, with or without a [node.N] section */
	for (unsigned int n = 0; n < MMSIM_MAX_NODES; n++) {
		for (i = NODE_KEY0; i < DEV_KEY0; i++) {
			key_default(&keys[i], &v);
			store_value((char *)&cfg->nodes[n] + keys[i].offset, &keys[i], &v);
		}
	}
}

static void device_config_init(struct mmsim_device_config *dev)
{
	union value v;

	memset(dev, 0, sizeof(*dev));
	for (size_t i = DEV_KEY0; i < JOB_KEY0; i++) {
		key_default(&keys[i], &v);
		store_value((char *)dev + keys[i].offset, &keys[i], &v);
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
				  section_names[s], cfg->section_line[s]);
			return;
		}
		cfg->section_line[s] = ctx->lineno;
		ctx->in_section = true;
		ctx->section = s;
		ctx->job = NULL;
		ctx->dev = NULL;
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
		return (ctx->job->set_mask & (1u << key->slot)) ? ctx->job->key_line[key->slot] : 0;
	if (key->section == SCN_DEVICE)
		return (ctx->dev->set_mask & (1u << key->slot)) ? ctx->dev->key_line[key->slot] : 0;
	if (key->section == SCN_NODE)
		return (ctx->node->set_mask & (1u << key->slot)) ? ctx->node->key_line[key->slot] : 0;
	return ctx->cfg->key_line[key_index(key)];
}

/* Another non-job key storing to the same field (global cpus, machine cpus). */
static const struct scenario_key *alias_of(const struct scenario_key *key)
{
	size_t i;

	if (key->section == SCN_JOB || key->section == SCN_DEVICE || key->section == SCN_NODE)
		return NULL;
	for (i = 0; i < FIXED_KEYS; i++)
		if (&keys[i] != key && keys[i].offset == key->offset)
			return &keys[i];
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
			  section_names[a->section], a == key ? ctx->lineno : cfg->key_line[key_index(a)],
			  section_names[b->section], b == key ? ctx->lineno : cfg->key_line[key_index(b)]);
		return -EINVAL;
	}
	if (parse_checked(key, value, &v, &w, ctx->err))
		return -EINVAL;
	if (ctx->dev)
		apply_dev_key(ctx->dev, key, &v, ctx->lineno);
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
		 (job->set_mask & (1u << slot)) ? job->name : "global", key->name, value);
	w->assignment = assignment;
}

/* Keys a job set itself that its kind does not use (burst in a pipe job). */
static int check_job_kinds(const struct mmsim_config *cfg, struct mmsim_error *err)
{
	char assignment[KEY_TEXT_MAX + VALUE_MAX];
	unsigned int i;
	int s;

	for (i = 0; i < cfg->nr_jobs; i++) {
		const struct mmsim_job_config *job = &cfg->jobs[i];

		for (s = 0; s < NR_JOB_KEYS; s++) {
			struct where w;

			if (!(job->set_mask & (1u << s)) ||
			    (job_key(s)->kinds & (1u << job->kind)))
				continue;
			job_key_where(cfg, job, s, &w, assignment, sizeof(assignment));
			return error_not_for_kind(&w, job_key(s), job->kind, err);
		}
	}
	return 0;
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
 * @node: the node number, or -1
 */
struct assignment {
	char *buf;
	const char *value;
	const struct scenario_key *key;
	enum scn_section section;
	int job;
	int dev;
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

	*a = (struct assignment){ .job = -1, .dev = -1, .node = -1 };
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
			    .nid = a.node >= 0 ? (unsigned int)a.node : 0 };
	if (job && !(a.key->kinds & (1u << job->kind)))
		ret = error_not_for_kind(&w, a.key, job->kind, err);
	else
		ret = parse_checked(a.key, a.value, &v, &w, err);
	if (!ret && a.dev >= 0)
		apply_dev_key(&cfg->devices[a.dev], a.key, &v, LINE_SET);
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
	else if (a.node >= 0)
		snprintf(lhs, sizeof(lhs), "node.%d.%s", a.node, a.key->name);
	else
		snprintf(lhs, sizeof(lhs), "%s.%s",
			 a.job >= 0 ? cfg->jobs[a.job].name : section_names[a.section],
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

/* ------------------------------------------------------------------ */
/* Validation                                                          */
/* ------------------------------------------------------------------ */

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
				keys[DEV_KEY0 + sizes[i].slot].name, dev->name, n);
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
		for (unsigned int i = 0; i < cfg->nr_devices; i++)
			msg_add(&m, "%s%s", i ? ", " : "", cfg->devices[i].name);
		if (!cfg->nr_devices)
			msg_add(&m, "none (add a [device.NAME] section)");
		return -EINVAL;
	}
	if (job->bs % 4096) {
		job_key_where(cfg, job, JK_BS, &w, assignment, sizeof(assignment));
		msg_start(&m, err);
		msg_prefix(&m, &w);
		msg_add(&m, "bs %" PRIu64 " of job [%s] is not a multiple of 4K", job->bs,
			job->name);
		return -EINVAL;
	}
	return 0;
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
	snprintf(assignment, size, "%s.%s=%s", section_names[key->section], key->name, value);
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
		if (job->kind == MMSIM_JOB_IO) {
			ret = check_io_job(cfg, job, err);
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

/* ------------------------------------------------------------------ */
/* Printing                                                            */
/* ------------------------------------------------------------------ */

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
		const struct scenario_key *key = &keys[k];
		const struct scenario_key *alias = alias_of(key);

		if (alias && alias->section > key->section)
			continue;
		load_value(key_cptr(cfg, NULL, key), key, &v);
		format_value(key, &v, cur, sizeof(cur));
		key_default(key, &v);
		format_value(key, &v, def, sizeof(def));
		if (!strcmp(cur, def))
			continue;
		snprintf(name, sizeof(name), "%s.%s", section_names[key->section], key->name);
		fn(name, cur, arg);
	}
	for (i = 0; i < MMSIM_MAX_NODES; i++) {
		const struct mmsim_node_config *node = &cfg->nodes[i];

		for (k = NODE_KEY0; k < DEV_KEY0; k++) {
			const struct scenario_key *key = &keys[k];

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

		for (k = DEV_KEY0; k < JOB_KEY0; k++) {
			const struct scenario_key *key = &keys[k];

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
	for (i = 0; i < cfg->nr_jobs; i++) {
		const struct mmsim_job_config *job = &cfg->jobs[i];

		for (k = JOB_KEY0; k < NR_KEYS; k++) {
			const struct scenario_key *key = &keys[k];

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

	snprintf(cols[COL_SECTION], COL_WIDTH, "%s", section_names[key->section]);
	if (key->section == SCN_JOB && key->kinds != ALL_KINDS) {
		len = strlen(cols[COL_SECTION]);
		for (i = 0; i < NR_MMSIM_JOB_KINDS; i++) {
			if (!(key->kinds & (1u << i)))
				continue;
			len += (size_t)snprintf(cols[COL_SECTION] + len, COL_WIDTH - len, "%s%s",
						*sep ? sep : ":", job_kind_names[i]);
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
		key_columns(&keys[k], cols);
		for (c = 0; c < NR_KEY_COLUMNS; c++)
			if ((int)strlen(cols[c]) > width[c])
				width[c] = (int)strlen(cols[c]);
	}
	for (c = 0; c < COL_HELP; c++)
		fprintf(out, "%-*s  ", width[c], titles[c]);
	fprintf(out, "%s\n", titles[COL_HELP]);
	for (k = 0; k < NR_KEYS; k++) {
		key_columns(&keys[k], cols);
		for (c = 0; c < COL_HELP; c++)
			fprintf(out, "%-*s  ", width[c], cols[c]);
		fprintf(out, "%s\n", cols[COL_HELP]);
	}
}

const char *scenario_key_name(size_t i)
{
	return i < NR_KEYS ? keys[i].name : NULL;
}

const char *scenario_key_section(size_t i)
{
	return i < NR_KEYS ? section_names[keys[i].section] : NULL;
}

/* ------------------------------------------------------------------ */
/* Names and the built-in scenario                                     */
/* ------------------------------------------------------------------ */

const char *mmsim_job_kind_name(enum mmsim_job_kind kind)
{
	MM_BUG_ON((unsigned int)kind >= NR_MMSIM_JOB_KINDS);
	return job_kind_names[kind];
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
	"; A 4-CPU machine with a perf-bench-style pipe ping-pong, a small messaging\n"
	"; benchmark, two interactive CPU users and a niced batch job pinned to CPUs 0-1.\n"
	"\n"
	"[global]\n"
	"seed=1\n"
	"runtime=200ms\n"
	"\n"
	"[machine]\n"
	"cpus=4\n"
	"\n"
	"[pingpong]\n"
	"kind=pipe\n"
	"loops=2000\n"
	"\n"
	"[messaging]\n"
	"kind=messaging\n"
	"groups=2\n"
	"threads=4\n"
	"loops=50\n"
	"\n"
	"[interactive]\n"
	"kind=cpu\n"
	"threads=2\n"
	"burst=exp:2ms\n"
	"think=uniform:1ms..3ms\n"
	"\n"
	"[batch]\n"
	"kind=cpu\n"
	"threads=2\n"
	"nice=10\n"
	"burst=20ms\n"
	"cpus_allowed=0-1\n";

const char *mmsim_default_scenario(void)
{
	return default_scenario;
}
