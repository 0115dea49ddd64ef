// SPDX-License-Identifier: GPL-2.0-only
/*
 * workload/scenario-keys.c - the scenario key table and its value syntaxes
 *
 * Every key is one entry of the key table below (name, section, type,
 * default, range, help, offset), in the manner of the kernel's ctl_table
 * and Redis' static_configs: parsing, defaults, overrides, range checks,
 * `--list-keys` and the report header's list of changed keys all walk the
 * same table, and docs/scenario.md documents it (a test keeps them equal).
 *
 * Each key type (u64, size, duration, dist, cpulist, enum, gfp, ...) is one
 * entry of a type table: its parser, its formatter (the shortest text the
 * parser reads back to the same value), how the key's min and max apply,
 * and how the value is stored in struct mmsim_config.  parse_checked()
 * puts them together for the reader and for --set: it parses a value,
 * checks its range and alignment, and says what is wrong with it.
 */
#include "workload/scenario.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "lib/compiler.h"
#include "mm/gfp.h"
#include "sim/cost.h"
#include "workload/memjob.h"
#include "workload/pattern.h"
#include "workload/scenario-internal.h"

#define NSEC_PER_USEC		1000ULL
#define NSEC_PER_MSEC		1000000ULL
#define NSEC_PER_SEC		1000000000ULL
#define MAX_DURATION_NS		(100000ULL * NSEC_PER_SEC)
/* include/linux/page_counter.h on 64-bit: LONG_MAX / PAGE_SIZE, the "-1" of a limit */
#define PAGE_COUNTER_MAX	((uint64_t)INT64_MAX >> PAGE_SHIFT)

/* ------------------------------------------------------------------ */
/* Sections and the key table                                          */
/* ------------------------------------------------------------------ */

const char *const scenario_section_names[NR_SCN_SECTIONS] = {
	[SCN_GLOBAL]	= "global",
	[SCN_MACHINE]	= "machine",
	[SCN_SYSCTL]	= "sysctl",
	[SCN_SYSFS]	= "sysfs",
	[SCN_COST]	= "cost",
	[SCN_FAULT]	= "fault",
	[SCN_MODEL]	= "model",
	[SCN_JOB]	= "job",
	[SCN_DEVICE]	= "device.NAME",
	[SCN_NODE]	= "node.N",
	[SCN_FILE]	= "file.NAME",
	[SCN_SWAP]	= "swap.NAME",
	[SCN_CGROUP]	= "cgroup.NAME",
};

const char *const scenario_job_kind_names[NR_MMSIM_JOB_KINDS] = {
	[MMSIM_JOB_CPU]		= "cpu",
	[MMSIM_JOB_PIPE]	= "pipe",
	[MMSIM_JOB_MESSAGING]	= "messaging",
	[MMSIM_JOB_IO]		= "io",
	[MMSIM_JOB_ALLOC]	= "alloc",
	[MMSIM_JOB_FRAGMENTER]	= "fragmenter",
	[MMSIM_JOB_MEM]		= "mem",
	[MMSIM_JOB_FILE]	= "file",
	[MMSIM_JOB_REPLAY]	= "replay",
};

static const char *const io_rw_names[NR_MMSIM_RW] = {
	[MMSIM_RW_READ]		= "read",
	[MMSIM_RW_WRITE]	= "write",
	[MMSIM_RW_RANDREAD]	= "randread",
	[MMSIM_RW_RANDWRITE]	= "randwrite",
	[MMSIM_RW_RANDRW]	= "randrw",
};

static const char *const rotational_names[NR_MMSIM_ROTATIONAL] = {
	[MMSIM_ROTATIONAL_AUTO]	= "auto",
	[MMSIM_ROTATIONAL_OFF]	= "off",
	[MMSIM_ROTATIONAL_ON]	= "on",
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

static const char *const madvise_names[NR_MMSIM_MADV] = {
	[MMSIM_MADV_NORMAL]	= "normal",
	[MMSIM_MADV_RANDOM]	= "random",
	[MMSIM_MADV_SEQUENTIAL]	= "sequential",
	[MMSIM_MADV_HUGEPAGE]	= "hugepage",
	[MMSIM_MADV_NOHUGEPAGE]	= "nohugepage",
};

static const char *const pass_madvise_names[NR_MMSIM_PASS_MADV] = {
	[MMSIM_PASS_MADV_NONE]		= "none",
	[MMSIM_PASS_MADV_DONTNEED]	= "dontneed",
	[MMSIM_PASS_MADV_FREE]		= "free",
	[MMSIM_PASS_MADV_COLD]		= "cold",
	[MMSIM_PASS_MADV_PAGEOUT]	= "pageout",
};

static const char *const memcg_stats_names[NR_MMSIM_MEMCG_STATS] = {
	[MMSIM_MEMCG_STATS_AUTO]	= "auto",
	[MMSIM_MEMCG_STATS_RATELIMITED]	= "ratelimited",
	[MMSIM_MEMCG_STATS_EVERY_RECLAIM] = "every_reclaim",
};

static const char *const reclaim_throttle_names[NR_MMSIM_THROTTLE] = {
	[MMSIM_THROTTLE_RECLAIM]	= "throttle",
	[MMSIM_THROTTLE_CONGESTION_WAIT] = "congestion_wait",
	[MMSIM_THROTTLE_RC1]		= "throttle_rc1",
};

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

const struct scenario_key scenario_keys[] = {
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
	{ .name = "vm.dirty_ratio", .section = SCN_SYSCTL, .type = KT_UINT,
	  .def = "20", .min = 1, .max = 100, .offset = CFG(sysctl.dirty_ratio),
	  .help = "percent of dirtyable memory (free + file pages) that may be dirty before "
		  "writers are throttled in balance_dirty_pages()" },
	{ .name = "vm.dirty_background_ratio", .section = SCN_SYSCTL, .type = KT_UINT,
	  .def = "10", .min = 0, .max = 100, .offset = CFG(sysctl.dirty_background_ratio),
	  .help = "percent of dirtyable memory dirty before the flusher writes in the "
		  "background (half of dirty_ratio if not below it)" },
	{ .name = "vm.dirty_expire_centisecs", .section = SCN_SYSCTL, .type = KT_UINT,
	  .def = "3000", .min = 0, .max = 8640000, .offset = CFG(sysctl.dirty_expire_centisecs),
	  .help = "a file dirty for longer than this is written by the periodic writeback" },
	{ .name = "vm.dirty_writeback_centisecs", .section = SCN_SYSCTL, .type = KT_UINT,
	  .def = "500", .min = 0, .max = 8640000,
	  .offset = CFG(sysctl.dirty_writeback_centisecs),
	  .help = "interval of the flusher's periodic writeback; 0 = none" },
	{ .name = "vm.swappiness", .section = SCN_SYSCTL, .type = KT_UINT,
	  .def = "60", .min = 0, .max = 200, .offset = CFG(sysctl.swappiness),
	  .help = "the relative I/O cost of swapping vs file reclaim, as get_scan_count() "
		  "weighs it: anon pages by swappiness, file pages by 200 - swappiness" },
	{ .name = "vm.page-cluster", .section = SCN_SYSCTL, .type = KT_UINT,
	  .def = "3", .min = 0, .max = 31, .offset = CFG(sysctl.page_cluster),
	  .help = "swap readahead reads up to 2^page-cluster pages; 0 = no readahead" },

	/* [sysfs]: keys named by their path under /sys/kernel/ */
	{ .name = "mm/swap/vma_ra_enabled", .section = SCN_SYSFS, .type = KT_BOOL,
	  .def = "on", .offset = CFG(sysfs.vma_ra_enabled),
	  .help = "VMA-based swap readahead (Huang Ying's 4.14 algorithm); off = the physical "
		  "cluster readahead; the kernel also falls back to cluster readahead while any "
		  "rotational (hdd) swap device is active" },

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
	{ .name = "reclaim_throttle", .section = SCN_MODEL, .type = KT_ENUM, .def = "throttle",
	  .offset = CFG(model.reclaim_throttle), .values = reclaim_throttle_names,
	  .nr_values = NR_MMSIM_THROTTLE,
	  .help = "how reclaim waits: throttle = reclaim_throttle() of 5.16+ (per-node wait "
		  "queues woken by written-back pages, with the no-progress fix); "
		  "congestion_wait = 5.15, sleeping to the timeout as blk-mq never clears "
		  "congestion; throttle_rc1 = 5.16-rc1, the series as Gorman measured it, "
		  "before the no-progress fix" },
	{ .name = "memcg_stats", .section = SCN_MODEL, .type = KT_ENUM, .def = "auto",
	  .offset = CFG(model.memcg_stats), .values = memcg_stats_names,
	  .nr_values = NR_MMSIM_MEMCG_STATS,
	  .help = "the memcg statistics reclaim reads (refaults; a cgroup's LRU sizes for "
		  "inactive_is_low() and the refault distance): ratelimited = 6.11+, as of the "
		  "periodic flush every 2 s; every_reclaim = up to 6.10, flushed by each "
		  "reclaim; auto = ratelimited with reclaim_throttle=throttle, every_reclaim "
		  "with the 5.15 and 5.16-rc1 ones" },
	{ .name = "dax_swap_promote", .section = SCN_MODEL, .type = KT_UINT, .def = "8",
	  .min = 1, .max = 1000000, .offset = CFG(model.dax_swap_promote),
	  .help = "DAX swap: a page left in place on pmem moves back to DRAM once its access "
		  "score reaches this; a read adds 1, a write adds dax_swap_write_weight" },
	{ .name = "dax_swap_write_weight", .section = SCN_MODEL, .type = KT_UINT, .def = "4",
	  .min = 1, .max = 1000, .offset = CFG(model.dax_swap_write_weight),
	  .help = "DAX swap: what a write to a page left in place on pmem adds to its access "
		  "score (a read adds 1)" },

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
	{ .name = "lat_jitter", .section = SCN_DEVICE, .type = KT_DIST, .def = "0",
	  .min = 0, .max = 10 * NSEC_PER_SEC, .offset = DEV(lat_jitter), .slot = DK_LAT_JITTER,
	  .help = "extra delay of each completion, drawn per command (e.g. exp:10us): the noise "
		  "of a host, hypervisor or firmware; completions then arrive out of order; "
		  "0 = none (not for pmem and ram, which complete in the submitter)" },
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
	{ .name = "rotational", .section = SCN_DEVICE, .type = KT_ENUM, .def = "auto",
	  .offset = DEV(rotational), .slot = DK_ROTATIONAL,
	  .values = rotational_names, .nr_values = NR_MMSIM_ROTATIONAL,
	  .help = "what the device reports in /sys/block/DEV/queue/rotational, whatever its "
		  "model: auto = hdd on, the others off; a rotational swap area gets one shared "
		  "cluster and cluster readahead (as a virtual disk that reports rotational does)" },
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

	/* [file.NAME]: in enum file_key order; both keys are required */
	{ .name = "device", .section = SCN_FILE, .type = KT_NAME, .def = "",
	  .offset = FILE_CFG(device), .slot = FK_DEVICE,
	  .help = "NAME of the [device.NAME] the file lives on (required; not a zoned device)" },
	{ .name = "size", .section = SCN_FILE, .type = KT_SIZE, .def = "0",
	  .min = 4ULL << 10, .max = 1ULL << 50, .offset = FILE_CFG(size), .slot = FK_SIZE,
	  .help = "bytes, a multiple of 4K (required); the files of a device lie back to back "
		  "from offset 0 in file order" },

	/* [swap.NAME]: in enum swap_key order */
	{ .name = "device", .section = SCN_SWAP, .type = KT_NAME, .def = "",
	  .offset = SWAP_CFG(device), .slot = SK_DEVICE,
	  .help = "NAME of the [device.NAME] the swap area is on (required; not a zoned device)" },
	{ .name = "size", .section = SCN_SWAP, .type = KT_SIZE, .def = "0",
	  .min = SWAP_MIN_BYTES, .max = 1ULL << 50, .flags = KEY_ZERO_AUTO, .align = 4096,
	  .offset = SWAP_CFG(size), .slot = SK_SIZE,
	  .help = "bytes, a multiple of 4K, at least 40K (mkswap's 10 pages); 0 = the rest of "
		  "the device; swap areas lie after the device's files, in section order" },
	{ .name = "priority", .section = SCN_SWAP, .type = KT_INT, .def = "-1",
	  .min = -1, .max = 32767, .offset = SWAP_CFG(priority), .slot = SK_PRIORITY,
	  .help = "swapon -p priority, 0..32767: higher is used first, equal ones round-robin; "
		  "-1 = not given: -2, -3, ... in section order (the kernel's least_priority)" },
	{ .name = "dax", .section = SCN_SWAP, .type = KT_BOOL, .def = "off",
	  .offset = SWAP_CFG(dax), .slot = SK_DAX,
	  .help = "DAX swap: swapped-out pages are used in place on the pmem device until "
		  "promoted ([model] dax_swap_promote); only on a device of type pmem" },

	/* [cgroup.NAME]: in enum cgroup_key order, named as the v1 control files */
	{ .name = "memory.limit_in_bytes", .section = SCN_CGROUP, .type = KT_LIMIT,
	  .def = "max", .min = 0, .max = UINT64_MAX, .offset = CGROUP_CFG(memory_limit),
	  .slot = CK_LIMIT,
	  .help = "bytes charged to the cgroup at most, rounded down to a multiple of 4K as the "
		  "kernel does; -1 or max = no limit; at the limit the charging task reclaims "
		  "from the cgroup's own LRU lists" },
	{ .name = "memory.swappiness", .section = SCN_CGROUP, .type = KT_INT, .def = "-1",
	  .min = -1, .max = 200, .offset = CGROUP_CFG(swappiness), .slot = CK_SWAPPINESS,
	  .help = "vm.swappiness for reclaim from the cgroup, 0..200; -1 = vm.swappiness (a v1 "
		  "memcg inherits the sysctl)" },

	/* jobs: last, in enum job_key order */
	{ .name = "kind", .section = SCN_JOB, .type = KT_ENUM, .def = "cpu",
	  .offset = JOB(kind), .kinds = ALL_KINDS, .slot = JK_KIND,
	  .values = scenario_job_kind_names, .nr_values = NR_MMSIM_JOB_KINDS,
	  .help = "cpu: bursts and think time; pipe: ping-pong pairs; messaging: sender/receiver "
		  "groups; io: direct I/O; alloc: timed page allocations; fragmenter: fills memory, "
		  "then frees most of each pageblock; mem: a mapping touched in a pattern; file: "
		  "buffered file I/O; replay: a lackey memory trace" },
	{ .name = "threads", .section = SCN_JOB, .type = KT_UINT, .def = "1",
	  .min = 1, .max = 100000, .offset = JOB(threads), .kinds = ALL_KINDS,
	  .slot = JK_THREADS,
	  .help = "tasks (cpu, io, alloc, mem, file; a fragmenter runs one), pairs (pipe), or "
		  "senders = receivers per group (messaging)" },
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
	  .help = "iterations per task before it exits (mem: passes over the mapping; io, "
		  "file: I/Os); 0 = unlimited" },
	{ .name = "start_delay", .section = SCN_JOB, .type = KT_DURATION, .def = "0",
	  .min = 0, .max = MAX_DURATION_NS, .offset = JOB(start_delay_ns),
	  .kinds = ALL_KINDS, .slot = JK_START_DELAY,
	  .help = "virtual time before the job's tasks start" },
	{ .name = "cgroup", .section = SCN_JOB, .type = KT_NAME, .def = "",
	  .offset = JOB(cgroup), .kinds = ALL_KINDS, .slot = JK_CGROUP,
	  .help = "NAME of the [cgroup.NAME] the job's tasks are charged to (anonymous pages, "
		  "page cache pages they read or write, swapped-in pages); empty = the root "
		  "cgroup" },
	{ .name = "burst", .section = SCN_JOB, .type = KT_DIST, .def = "1ms",
	  .min = 1, .max = MAX_DURATION_NS, .offset = JOB(burst),
	  .kinds = KIND(CPU), .slot = JK_BURST,
	  .help = "CPU time of each iteration" },
	{ .name = "think", .section = SCN_JOB, .type = KT_DIST, .def = "0",
	  .min = 0, .max = MAX_DURATION_NS, .offset = JOB(think),
	  .kinds = KIND(CPU) | KIND(ALLOC) | KIND(MEM) | KIND(FILE) | KIND(REPLAY),
	  .slot = JK_THINK,
	  .help = "sleep after each burst (cpu), allocation (alloc), pass (mem, replay) or I/O (file); "
		  "0 = none" },
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
	  .offset = JOB(rw), .kinds = KIND(IO) | KIND(FILE), .slot = JK_RW,
	  .values = io_rw_names, .nr_values = NR_MMSIM_RW,
	  .help = "I/O pattern, as fio's rw= (io: of the device; file: read()/write() of the "
		  "file)" },
	{ .name = "bs", .section = SCN_JOB, .type = KT_SIZE, .def = "4K",
	  .min = 4ULL << 10, .max = 1ULL << 20, .offset = JOB(bs), .kinds = KIND(IO) | KIND(FILE),
	  .slot = JK_BS, .help = "bytes per I/O (file: per read() or write()), a multiple of 4K" },
	{ .name = "iodepth", .section = SCN_JOB, .type = KT_UINT, .def = "1",
	  .min = 1, .max = 4096, .offset = JOB(iodepth), .kinds = KIND(IO),
	  .slot = JK_IODEPTH, .help = "I/Os in flight per thread (libaio)" },
	{ .name = "size", .section = SCN_JOB, .type = KT_SIZE, .def = "0",
	  .min = 0, .max = 1ULL << 50, .offset = JOB(io_size), .kinds = KIND(IO) | KIND(MEM),
	  .slot = JK_SIZE, .help = "io: bytes of the device from offset 0 the job uses, 0 = the "
		  "whole device; mem: bytes mapped, a multiple of 4K (with file=: from the "
		  "file's start, at most its size, 0 = the whole file)" },
	{ .name = "rwmixread", .section = SCN_JOB, .type = KT_PERCENT, .def = "50",
	  .min = 0, .max = 100, .offset = JOB(rwmixread), .kinds = KIND(IO) | KIND(FILE),
	  .slot = JK_RWMIXREAD, .help = "randrw: percent of I/Os that are reads" },
	{ .name = "fsync", .section = SCN_JOB, .type = KT_U64, .def = "0",
	  .min = 0, .max = UINT64_MAX, .offset = JOB(fsync), .kinds = KIND(IO) | KIND(FILE),
	  .slot = JK_FSYNC, .help = "io: a FLUSH after every N writes (fio fsync=); file: an "
		  "fsync() after every N write() calls; 0 = never" },
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
	{ .name = "pattern", .section = SCN_JOB, .type = KT_PATTERN, .def = "seq",
	  .offset = JOB(pattern), .kinds = KIND(MEM), .slot = JK_PATTERN,
	  .help = "page access pattern: seq, rand, zipf:SKEW, stride:PAGES, hotcold:HOT%:ACCESS%; "
		  "or phases PATTERN*PASSES/PATTERN*PASSES/... cycled pass by pass, each phase "
		  "with hot pages of its own" },
	{ .name = "writes", .section = SCN_JOB, .type = KT_PERCENT, .def = "50",
	  .min = 0, .max = 100, .offset = JOB(writes), .kinds = KIND(MEM),
	  .slot = JK_WRITES, .help = "percent of the accesses that are stores" },
	{ .name = "file", .section = SCN_JOB, .type = KT_NAME, .def = "",
	  .offset = JOB(file), .kinds = KIND(MEM) | KIND(FILE), .slot = JK_FILE,
	  .help = "NAME of a [file.NAME]: the file the job reads and writes (file, required), "
		  "or maps instead of anonymous memory (mem)" },
	{ .name = "shared", .section = SCN_JOB, .type = KT_BOOL, .def = "on",
	  .offset = JOB(shared), .kinds = KIND(MEM), .slot = JK_SHARED,
	  .help = "mem with file=: MAP_SHARED (stores reach the file); off = MAP_PRIVATE "
		  "(copy on write); only with file=" },
	{ .name = "remap", .section = SCN_JOB, .type = KT_BOOL, .def = "off",
	  .offset = JOB(remap), .kinds = KIND(MEM), .slot = JK_REMAP,
	  .help = "mem: after each pass drop the mapping's pages (munmap and mmap again), "
		  "so every pass faults them in: mmtests' stutterp latency probe" },
	{ .name = "populate", .section = SCN_JOB, .type = KT_BOOL, .def = "off",
	  .offset = JOB(populate), .kinds = KIND(MEM), .slot = JK_POPULATE,
	  .help = "mem: before the passes, store to every page once in order (each thread its "
		  "share), so that no page is all zeroes: what a benchmark's initialisation "
		  "does; not counted as a pass" },
	{ .name = "madvise", .section = SCN_JOB, .type = KT_ENUM, .def = "normal",
	  .offset = JOB(madvise), .kinds = KIND(MEM), .slot = JK_MADVISE,
	  .values = madvise_names, .nr_values = NR_MMSIM_MADV,
	  .help = "mem: madvise() of the mapping right after mmap(): random = no readahead on "
		  "file faults, sequential = the whole readahead window at once, hugepage / "
		  "nohugepage = recorded for THP" },
	{ .name = "pass_madvise", .section = SCN_JOB, .type = KT_ENUM, .def = "none",
	  .offset = JOB(pass_madvise), .kinds = KIND(MEM), .slot = JK_PASS_MADVISE,
	  .values = pass_madvise_names, .nr_values = NR_MMSIM_PASS_MADV,
	  .help = "mem: madvise() of the whole mapping after each pass: dontneed (drop the "
		  "pages), free (MADV_FREE: lazily freeable, anonymous only), cold (deactivate), "
		  "pageout (reclaim now)" },
	{ .name = "trace", .section = SCN_JOB, .type = KT_PATH, .def = "",
	  .offset = JOB(trace), .kinds = KIND(REPLAY), .slot = JK_TRACE,
	  .help = "replay: the valgrind lackey trace to replay (valgrind --tool=lackey "
		  "--trace-mem=yes), relative to the working directory" },
	{ .name = "oom_score_adj", .section = SCN_JOB, .type = KT_INT, .def = "0",
	  .min = -1000, .max = 1000, .offset = JOB(oom_score_adj),
	  .kinds = KIND(MEM) | KIND(REPLAY), .slot = JK_OOM_SCORE_ADJ,
	  .help = "/proc/PID/oom_score_adj of the job's process: added to its OOM killer score "
		  "in thousandths of RAM + swap; -1000 = never OOM-killed, 1000 = killed first" },
};

const size_t nr_scenario_keys = ARRAY_SIZE(scenario_keys);

_Static_assert(ARRAY_SIZE(scenario_keys) <= MMSIM_CONFIG_KEYS_MAX,
	       "raise MMSIM_CONFIG_KEYS_MAX in mmsim/config.h");
_Static_assert(NR_JOB_KEYS <= MMSIM_JOB_KEYS_MAX && NR_JOB_KEYS <= 64,
	       "raise MMSIM_JOB_KEYS_MAX (and widen set_mask) in mmsim/config.h");
_Static_assert(NR_FIXED_SECTIONS == MMSIM_CONFIG_SECTIONS,
	       "MMSIM_CONFIG_SECTIONS must count the fixed sections");
_Static_assert(sizeof(enum mmsim_job_kind) == sizeof(unsigned int),
	       "enum keys are stored as unsigned int");

_Static_assert(NR_DEV_KEYS <= MMSIM_JOB_KEYS_MAX && NR_DEV_KEYS <= 32,
	       "raise MMSIM_JOB_KEYS_MAX (and widen set_mask) in mmsim/config.h");
_Static_assert(NR_NODE_KEYS <= MMSIM_NODE_KEYS_MAX && NR_NODE_KEYS <= 32,
	       "raise MMSIM_NODE_KEYS_MAX (and widen set_mask) in mmsim/config.h");
_Static_assert(NR_FILE_KEYS <= MMSIM_NODE_KEYS_MAX && NR_FILE_KEYS <= 32,
	       "raise MMSIM_NODE_KEYS_MAX (and widen set_mask) in mmsim/config.h");
_Static_assert(NR_SWAP_KEYS <= MMSIM_NODE_KEYS_MAX && NR_SWAP_KEYS <= 32,
	       "raise MMSIM_NODE_KEYS_MAX (and widen set_mask) in mmsim/config.h");
_Static_assert(NR_CGROUP_KEYS <= MMSIM_NODE_KEYS_MAX && NR_CGROUP_KEYS <= 32,
	       "raise MMSIM_NODE_KEYS_MAX (and widen set_mask) in mmsim/config.h");
_Static_assert(NR_MMSIM_JOB_KINDS <= 32, "job key kinds are a 32-bit mask");
_Static_assert(sizeof(((struct mmsim_job_config *)0)->gfp) == sizeof(unsigned int),
	       "gfp= is stored as unsigned int");
_Static_assert(sizeof(((struct mmsim_sysctl *)0)->lowmem_reserve_ratio) ==
	       NR_UINT4 * sizeof(unsigned int), "vm.lowmem_reserve_ratio holds 4 values");

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

/*
 * A memcg limit as page_counter_memparse() reads memory.limit_in_bytes: "-1"
 * (v1's word for none) or "max" (v2's) is no limit, UINT64_MAX; a size is
 * rounded down to whole pages, and one of PAGE_COUNTER_MAX pages or more is
 * no limit too, as the kernel clamps it there.
 */
static enum parse_result parse_limit(const struct scenario_key *key, const char *s,
				     union value *v)
{
	enum parse_result res;
	uint64_t n;

	(void)key;
	if (!strcmp(s, "-1") || !strcmp(s, "max")) {
		v->u = UINT64_MAX;
		return PARSE_OK;
	}
	res = parse_size_n(s, s + strlen(s), &n);
	if (res != PARSE_OK)
		return res;
	n >>= PAGE_SHIFT;
	v->u = n >= PAGE_COUNTER_MAX ? UINT64_MAX : n << PAGE_SHIFT;
	return PARSE_OK;
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

/* A file path: any printable text up to MMSIM_PATH_MAX - 1 bytes. */
static enum parse_result parse_path(const struct scenario_key *key, const char *s,
				    union value *v)
{
	size_t len = strlen(s);

	(void)key;
	if (len >= MMSIM_PATH_MAX)
		return PARSE_BAD;
	for (size_t i = 0; i < len; i++)
		if (!isprint((unsigned char)s[i]))
			return PARSE_BAD;
	memcpy(v->path, s, len + 1);
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

/* A mem job's access pattern, kept as written: "zipf:0.99" */
static enum parse_result parse_pattern(const struct scenario_key *key, const char *s,
				       union value *v)
{
	struct mem_pattern mp;

	(void)key;
	if (strlen(s) >= sizeof(v->name) || mem_pattern_value_parse(s, &mp))
		return PARSE_BAD;
	snprintf(v->name, sizeof(v->name), "%s", s);
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

void format_size(uint64_t n, char *buf, size_t size)
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

void format_cpulist(const struct mmsim_cpumask *mask, char *buf, size_t size)
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

static void format_limit_value(const struct scenario_key *key, const union value *v,
			       char *buf, size_t size)
{
	(void)key;
	if (v->u == UINT64_MAX)
		snprintf(buf, size, "max");
	else
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

static void format_path_value(const struct scenario_key *key, const union value *v,
			      char *buf, size_t size)
{
	(void)key;
	snprintf(buf, size, "%s", v->path);
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

/* ST_NODE_CPUS: where no_cpus is, from the key's offset (that of cpus) */
#define NODE_NO_CPUS_DELTA	(NODE(no_cpus) - NODE(cpus))

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
	[KT_LIMIT] = { "limit", "a size in bytes with optional suffix K, M, G or T (e.g. 128M), "
		       "or -1 or max for no limit", ST_U64, RANGE_UNSIGNED, parse_limit,
		       format_limit_value, format_decimal },
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
	[KT_PATH] = { "path", "a file path of up to 255 printable characters", ST_PATH,
		      RANGE_NONE, parse_path, format_path_value, NULL },
	[KT_PATTERN] = { "pattern", "seq, rand, zipf:SKEW (0 < SKEW <= 10, e.g. zipf:0.99), "
			 "stride:PAGES or hotcold:HOT%:ACCESS% (e.g. hotcold:10:90); or phases "
			 "PATTERN*PASSES joined by '/' (e.g. seq*2/zipf:0.99*10), up to 8, cycled; "
			 "or one of those per thread joined by '+' (e.g. seq+rand), up to 4; "
			 "63 characters at most", ST_NAME,
			 RANGE_NONE, parse_pattern, format_name_value, NULL },
	[KT_NODE_CPUS] = { "cpulist|none",
			   "a CPU list such as 0-3,8,10-11 (CPUs 0-1023, ranges ascending), "
			   "or none", ST_NODE_CPUS, RANGE_NONE, parse_node_cpus,
			   format_node_cpus_value, NULL },
};

const struct type_desc *key_type(const struct scenario_key *key)
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
void format_range(const struct scenario_key *key, char *buf, size_t size)
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

void load_value(const void *p, const struct scenario_key *key, union value *v)
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
	case ST_PATH:
		memcpy(v->path, p, sizeof(v->path));
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
void store_value(void *p, const struct scenario_key *key, const union value *v)
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
	case ST_PATH:
		memcpy(p, v->path, sizeof(v->path));
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

void key_default(const struct scenario_key *key, union value *v)
{
	memset(v, 0, sizeof(*v));
	if (!key->def) {
		v->u = cost_desc((enum mmsim_cost_item)key->slot)->default_ns;
		return;
	}
	MM_BUG_ON(key_type(key)->parse(key, key->def, v) != PARSE_OK);
}

void format_value(const struct scenario_key *key, const union value *v,
		  char *buf, size_t size)
{
	key_type(key)->format(key, v, buf, size);
}

/* Where @key's value lives: in @job for job keys, else in @cfg. */
const void *key_cptr(const struct mmsim_config *cfg,
		     const struct mmsim_job_config *job,
		     const struct scenario_key *key)
{
	if (key->section == SCN_JOB)
		return (const char *)job + key->offset;
	return (const char *)cfg + key->offset;
}

/* ------------------------------------------------------------------ */
/* Parsing a value, with messages                                      */
/* ------------------------------------------------------------------ */

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

/*
 * Parse @text for @key and check its range; on failure fill @err with a
 * message for @w.
 */
int parse_checked(const struct scenario_key *key, const char *text, union value *v,
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
				key->section == SCN_NODE ? "an equal share" :
				key->section == SCN_SWAP ? "the rest of the device" :
				"the kernel's default");
		if (key->type == KT_LIMIT)
			msg_add(&m, " (or -1 or max for no limit)");
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
