/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmsim/config.h - scenario configuration: what a scenario file describes
 *
 * A struct mmsim_config is plain data: the machine, the sysctls and sysfs
 * knobs, the cost model, the block devices, the files and swap areas on
 * them, the memory cgroups, and the jobs.  It is filled from defaults
 * (mmsim_config_init), then from an INI scenario file, then from
 * "section.key=value" overrides, and is read-only once a simulation has
 * been created from it.
 *
 * Every key lives in one table in src/workload/scenario-keys.c (name, type,
 * default, range, help); docs/scenario.md documents the same table.
 */
#ifndef MMSIM_CONFIG_H
#define MMSIM_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MMSIM_MAX_CPUS		1024
#define MMSIM_MAX_JOBS		256
#define MMSIM_JOB_NAME_MAX	64
#define MMSIM_MAX_NODES		64
#define MMSIM_PATH_MAX		256

/* Sizes of the private bookkeeping below, owned by src/workload/scenario*.c. */
#define MMSIM_JOB_KEYS_MAX	48	/* keys a job section can hold */
#define MMSIM_CONFIG_KEYS_MAX	160	/* entries of the whole key table */
#define MMSIM_CONFIG_SECTIONS	7	/* [global] [machine] [sysctl] [sysfs] [cost] [fault]
					 * [model] */
#define MMSIM_NODE_KEYS_MAX	8	/* keys a [node.N] section can hold */

/**
 * struct mmsim_error - a message for the user
 * @msg: "file:line: what is wrong; what is accepted", no trailing newline
 *
 * Every API that can reject user input fills one of these and returns
 * -EINVAL (or another -errno).  The CLI prints it and exits with code 2.
 */
struct mmsim_error {
	char msg[1024];
};

/** struct mmsim_cpumask - a set of CPU numbers, bit n = CPU n */
struct mmsim_cpumask {
	uint64_t bits[MMSIM_MAX_CPUS / 64];
};

/* Random distributions for job timings ("2ms", "uniform:1ms..3ms", "exp:2ms"). */
enum mmsim_dist_kind {
	MMSIM_DIST_FIXED,		/* always @a */
	MMSIM_DIST_UNIFORM,		/* uniform integer in [@a, @b] */
	MMSIM_DIST_EXPONENTIAL,		/* exponential with mean @a */
	NR_MMSIM_DIST_KINDS
};

struct mmsim_dist {
	enum mmsim_dist_kind kind;
	uint64_t a;
	uint64_t b;
};

/* fio's rw= patterns for kind=io */
enum mmsim_io_rw {
	MMSIM_RW_READ,
	MMSIM_RW_WRITE,
	MMSIM_RW_RANDREAD,
	MMSIM_RW_RANDWRITE,
	MMSIM_RW_RANDRW,
	NR_MMSIM_RW
};

enum mmsim_job_kind {
	MMSIM_JOB_CPU,		/* CPU bursts with think time */
	MMSIM_JOB_PIPE,		/* ping-pong pairs, like `perf bench sched pipe` */
	MMSIM_JOB_MESSAGING,	/* sender/receiver groups, like `perf bench sched messaging` */
	MMSIM_JOB_IO,		/* direct I/O to a device, like fio with libaio */
	MMSIM_JOB_ALLOC,	/* physical page allocations of one order, timed */
	MMSIM_JOB_FRAGMENTER,	/* fills memory with pages, frees most of each pageblock */
	MMSIM_JOB_MEM,		/* a mapping (anonymous or of a file) touched in a pattern */
	MMSIM_JOB_FILE,		/* buffered read()/write()/fsync() of a file */
	MMSIM_JOB_REPLAY,	/* a valgrind lackey memory trace, replayed page by page */
	NR_MMSIM_JOB_KINDS
};

/**
 * struct mmsim_job_config - one [job] section
 *
 * Keys not set in the job's section take the value from [global] (as fio
 * does), else the documented default.
 */
struct mmsim_job_config {
	char name[MMSIM_JOB_NAME_MAX];
	unsigned int line;		/* line of the [name] header, 0 if none */
	enum mmsim_job_kind kind;	/* kind= */
	unsigned int threads;		/* threads=: tasks (cpu), pairs (pipe),
					 * senders = receivers per group (messaging) */
	int nice;			/* nice=, -20..19 */
	struct mmsim_cpumask cpus_allowed; /* cpus_allowed=, empty = all CPUs */
	uint64_t runtime_ns;		/* runtime=, 0 = until [global] runtime */
	uint64_t loops;			/* loops=, 0 = unlimited */
	uint64_t start_delay_ns;	/* start_delay= */
	char cgroup[MMSIM_JOB_NAME_MAX]; /* cgroup=: NAME of a [cgroup.NAME] whose memory the
					 * job's tasks are charged to; "" (default) = the
					 * root cgroup */
	struct mmsim_dist burst;	/* burst= (cpu): CPU time per iteration */
	struct mmsim_dist think;	/* think= (cpu): sleep per iteration */
	unsigned int groups;		/* groups= (messaging) */
	uint64_t datasize;		/* datasize= (pipe, messaging): bytes per message */
	uint64_t pipe_size;		/* pipe_size= (pipe, messaging): pipe capacity, bytes */
	uint64_t timer_slack_ns;	/* timer_slack= (cpu): hrtimer slack of think sleeps */
	char device[MMSIM_JOB_NAME_MAX]; /* device= (io): NAME of a [device.NAME] */
	unsigned int rw;		/* rw= (io): enum mmsim_io_rw */
	uint64_t bs;			/* bs= (io): bytes per I/O */
	unsigned int iodepth;		/* iodepth= (io): I/Os in flight per thread */
	uint64_t io_size;		/* size= (io): bytes of the device region used; 0 = all */
	unsigned int rwmixread;		/* rwmixread= (io, randrw): percent reads */
	uint64_t fsync;			/* fsync= (io): a FLUSH after every N writes; 0 = never */
	bool fua;			/* fua= (io): writes are FUA */
	unsigned int order;		/* order= (alloc): 0..10, pages per block = 2^order */
	uint32_t gfp;			/* gfp= (alloc, fragmenter): gfp_t, written as
					 * "GFP_KERNEL|__GFP_NORETRY" (src/mm/gfp.h names) */
	bool hold;			/* hold= (alloc): keep the blocks to the end, else
					 * free each one right after allocating it */
	int node;			/* node= (alloc, fragmenter): preferred node, -1 = the
					 * allocating CPU's node */
	uint64_t demand;		/* demand= (alloc): blocks of order= declared needed
					 * (Babka policy's registration); 0 = none */
	unsigned int fill;		/* fill= (fragmenter): percent of the node's managed
					 * pages to allocate */
	unsigned int keep;		/* keep= (fragmenter): pages kept per pageblock of 512,
					 * spread evenly; the rest are freed */
	char pattern[MMSIM_JOB_NAME_MAX]; /* pattern= (mem): seq, rand, zipf:S,
					 * stride:PAGES, hotcold:HOT%:ACCESS% */
	unsigned int writes;		/* writes= (mem): percent of accesses that are stores */
	char file[MMSIM_JOB_NAME_MAX];	/* file= (mem, file): NAME of a [file.NAME]; mem: map
					 * that file instead of anonymous memory */
	bool shared;			/* shared= (mem with file=): MAP_SHARED, else MAP_PRIVATE */
	bool remap;			/* remap= (mem): drop the pages after each pass */
	bool populate;			/* populate= (mem): store to every page once, in order,
					 * before the passes */
	unsigned int madvise;		/* madvise= (mem): enum mmsim_madvise, at mmap */
	unsigned int pass_madvise;	/* pass_madvise= (mem): enum mmsim_pass_madvise */
	char trace[MMSIM_PATH_MAX];	/* trace= (replay): a `valgrind --tool=lackey
					 * --trace-mem=yes` output, relative to the
					 * working directory */
	int oom_score_adj;		/* oom_score_adj= (mem, replay): -1000..1000 added to
					 * the OOM killer's score in thousandths of memory;
					 * -1000 = never killed */

	/* private to src/workload/scenario*.c */
	uint64_t set_mask;		/* keys set in the job's own section or by --set on it */
	unsigned int key_line[MMSIM_JOB_KEYS_MAX]; /* where each value was written:
					 * 0 default, a file line, or set by --set */
};

/* The cost model: named CPU costs in ns; the table with rationale is in src/sim/cost.c. */
#define MMSIM_COSTS(X)					\
	X(CONTEXT_SWITCH, "context_switch")		\
	X(WAKEUP, "wakeup")				\
	X(SYSCALL, "syscall")				\
	X(PIPE_READ, "pipe_read")			\
	X(PIPE_WRITE, "pipe_write")			\
	X(TASK_CREATE, "task_create")			\
	X(MIGRATE_TASK, "migrate_task")			\
	X(PAGE_ALLOC, "page_alloc")			\
	X(PAGE_FREE, "page_free")			\
	X(CLEAR_PAGE, "clear_page")			\
	X(COMPACT_SCAN, "compact_scan")			\
	X(MIGRATE_PAGE, "migrate_page")			\
	X(MEM_ACCESS, "mem_access")			\
	X(COPY_PAGE, "copy_page")			\
	X(RECLAIM_SCAN, "reclaim_scan")			\
	X(IO_SUBMIT, "io_submit")

enum mmsim_cost_item {
#define MMSIM_COST_ENUM(id, name) MMSIM_COST_##id,
	MMSIM_COSTS(MMSIM_COST_ENUM)
#undef MMSIM_COST_ENUM
	NR_MMSIM_COSTS
};

/*
 * Fault injection points ([fault] section), with the kernel's fault_attr
 * knobs (Documentation/fault-injection/fault-injection.rst): a call fails
 * when its turn comes up every @interval calls, with @probability percent,
 * after @space bytes have passed, at most @times times (-1: no limit).
 */
#define MMSIM_FAULTS(X)					\
	X(FAIL_USERCOPY, "fail_usercopy")		\
	X(FAIL_MAKE_REQUEST, "fail_make_request")

enum mmsim_fault_item {
#define MMSIM_FAULT_ENUM(id, name) MMSIM_FAULT_##id,
	MMSIM_FAULTS(MMSIM_FAULT_ENUM)
#undef MMSIM_FAULT_ENUM
	NR_MMSIM_FAULTS
};

struct mmsim_fault_attr {
	unsigned int probability;	/* percent, 0..100; 0 = off */
	uint64_t interval;		/* >= 1 */
	int64_t times;			/* -1 = unlimited */
	uint64_t space;			/* bytes that pass before any call may fail */
};

#define MMSIM_MAX_DEVICES	16
#define MMSIM_MAX_FILES		64

/**
 * struct mmsim_file_config - one [file.NAME] section: a file on a device
 *
 * Files of a device are laid out back to back from block 0 in file order;
 * the page cache reads and writes them through the block layer.
 */
struct mmsim_file_config {
	char name[MMSIM_JOB_NAME_MAX];	/* NAME of [file.NAME] */
	unsigned int line;		/* line of the section header */
	char device[MMSIM_JOB_NAME_MAX]; /* device=: NAME of a [device.NAME] (required) */
	uint64_t size;			/* size=: bytes, a multiple of 4K (required) */

	/* private to src/workload/scenario*.c */
	uint32_t set_mask;
	unsigned int key_line[MMSIM_NODE_KEYS_MAX];
};

#define MMSIM_MAX_SWAPS		8

/**
 * struct mmsim_swap_config - one [swap.NAME] section: a swap area on a device
 *
 * The swap areas of a device lie after all the files of that device, back
 * to back in section order (mmsim_config_swap_offset()), as swap partitions
 * after the data; each is swapon'ed at the start of the run.
 */
struct mmsim_swap_config {
	char name[MMSIM_JOB_NAME_MAX];	/* NAME of [swap.NAME] */
	unsigned int line;		/* line of the section header */
	char device[MMSIM_JOB_NAME_MAX]; /* device=: NAME of a [device.NAME] (required) */
	uint64_t size;			/* size=: bytes, multiple of 4K, at least 40K (mkswap's
					 * 10 pages); 0 (the default) = the rest of the device
					 * after its files and the swap areas before it
					 * (mmsim_config_swap_size()) */
	int priority;			/* priority=: 0..32767 as swapon -p; -1 (default) = not
					 * given: swapon gives -2, -3, ... in section order, as
					 * the kernel's least_priority */
	bool dax;			/* dax=: on = pages are used in place on a pmem device
					 * (DAX swap); only with a device of type pmem */

	/* private to src/workload/scenario*.c */
	uint32_t set_mask;
	unsigned int key_line[MMSIM_NODE_KEYS_MAX];
};

#define MMSIM_MAX_CGROUPS	16

/**
 * struct mmsim_cgroup_config - one [cgroup.NAME] section: a memory cgroup
 * (cgroup v1 memory controller, a child of the root), holding the jobs
 * whose cgroup= names it
 *
 * Keys are named after the v1 control files.  The jobs' anonymous pages,
 * the page cache pages they read or write and the pages they swap in are
 * charged to it; at memory_limit the charging task reclaims from the
 * cgroup's own LRU lists (try_to_free_mem_cgroup_pages()).
 */
struct mmsim_cgroup_config {
	char name[MMSIM_JOB_NAME_MAX];	/* NAME of [cgroup.NAME] */
	unsigned int line;		/* line of the section header, 0 if none */
	uint64_t memory_limit;		/* memory.limit_in_bytes=: bytes, a multiple of 4K;
					 * UINT64_MAX = unlimited (the default, or "-1" as
					 * the v1 file accepts, or v2's "max") */
	int swappiness;			/* memory.swappiness=: 0..200, -1 (default) =
					 * vm.swappiness (v1 memcgs inherit the sysctl) */

	/* private to src/workload/scenario*.c */
	uint32_t set_mask;
	unsigned int key_line[MMSIM_NODE_KEYS_MAX];
};

/* Block device models ([device.NAME] type=); docs/block.md has their parameters. */
enum mmsim_dev_type {
	MMSIM_DEV_NULL,		/* null_blk: fixed latency, no data */
	MMSIM_DEV_RAM,		/* brd: memory copy */
	MMSIM_DEV_HDD,		/* seek by distance, rotation, media rate */
	MMSIM_DEV_SSD,		/* SATA SSD: latency, bandwidth, channels, NCQ 32 */
	MMSIM_DEV_NVME,		/* NVMe SSD: like ssd with deep queues */
	MMSIM_DEV_PMEM,		/* DAX pmem: synchronous, no queue */
	MMSIM_DEV_ZONED,	/* host-managed zoned (SMR/ZNS) */
	MMSIM_DEV_USB,		/* USB stick: one command at a time, slow writes */
	NR_MMSIM_DEV_TYPES
};

/* [device.NAME] rotational=: /sys/block/DEV/queue/rotational */
enum mmsim_rotational {
	MMSIM_ROTATIONAL_AUTO,	/* the model's: hdd rotational, the others not */
	MMSIM_ROTATIONAL_OFF,
	MMSIM_ROTATIONAL_ON,
	NR_MMSIM_ROTATIONAL
};

/**
 * struct mmsim_device_config - one [device.NAME] section
 *
 * A 0 in a model parameter means "the model's default" (docs/block.md
 * lists them per type); parameters a model does not use are ignored.
 */
struct mmsim_device_config {
	char name[MMSIM_JOB_NAME_MAX];	/* NAME of [device.NAME] */
	unsigned int line;		/* line of the section header */
	enum mmsim_dev_type type;	/* type= */
	uint64_t size;			/* size=, bytes */
	unsigned int queue_depth;	/* queue_depth=: device tags (commands in flight) */
	unsigned int channels;		/* channels=: internal parallelism (ssd, nvme, zoned) */
	uint64_t read_lat_ns;		/* read_lat=: per-command read latency */
	uint64_t write_lat_ns;		/* write_lat=: per-command media write latency */
	uint64_t flush_lat_ns;		/* flush_lat=: fixed part of a cache flush */
	struct mmsim_dist lat_jitter;	/* lat_jitter=: extra delay of each completion */
	uint64_t read_bw;		/* read_bw=: bytes/s of the link (hdd: media rate) */
	uint64_t write_bw;		/* write_bw=: bytes/s */
	unsigned int rpm;		/* rpm= (hdd) */
	unsigned int tracks;		/* tracks= (hdd): cylinders across the surface */
	uint64_t seek_min_ns;		/* seek_min= (hdd): track-to-track seek */
	uint64_t seek_max_ns;		/* seek_max= (hdd): full-stroke seek */
	uint64_t zone_size;		/* zone_size= (zoned), bytes */
	unsigned int max_open_zones;	/* max_open_zones= (zoned) */
	bool write_cache;		/* write_cache=: volatile write cache present */
	unsigned int rotational;	/* rotational=: enum mmsim_rotational */
	bool broken_flush;		/* broken_flush=: ack FLUSH without persisting (tests) */
	bool make_it_fail;		/* make_it_fail=: fail_make_request applies */
	uint64_t power_cut_at_ns;	/* power_cut_at=: 0 = never */
	uint64_t power_cut_after;	/* power_cut_after=: after N completions; 0 = never */
	uint64_t unplug_at_ns;		/* unplug_at=: hot-unplug time; 0 = never */

	/* private to src/workload/scenario*.c */
	uint32_t set_mask;		/* keys set in the section or by --set */
	unsigned int key_line[MMSIM_JOB_KEYS_MAX]; /* where each value was written */
};

/**
 * struct mmsim_node_config - one [node.N] section (N = 0..nodes-1)
 *
 * Nodes without a section, and keys left at 0/empty, share what is left of
 * [machine] memory and cpus equally.
 */
struct mmsim_node_config {
	unsigned int line;		/* line of the [node.N] header, 0 if none */
	uint64_t memory;		/* memory=, bytes; 0 = an equal share */
	struct mmsim_cpumask cpus;	/* cpus=; empty = an equal share (may be none) */
	bool no_cpus;			/* cpus=none: a memory-only node */

	/* private to src/workload/scenario*.c */
	uint32_t set_mask;
	unsigned int key_line[MMSIM_NODE_KEYS_MAX];
};

/**
 * struct mmsim_sysctl - the kernel tunables the model reads
 *
 * Names follow the sysctls (kernel.sched_latency_ns, ...).  A value of 0 in
 * the scheduler fields means "the kernel's default for this CPU count" (the
 * base value scaled by sched_tunable_scaling, as sched_update_scaling() does).
 */
struct mmsim_sysctl {
	uint64_t sched_latency_ns;
	uint64_t sched_min_granularity_ns;
	uint64_t sched_wakeup_granularity_ns;
	unsigned int sched_tunable_scaling;	/* 0 none, 1 log (default), 2 linear */
	/* vm.* (Documentation/admin-guide/sysctl/vm.rst), kernel defaults */
	uint64_t min_free_kbytes;		/* 0 = computed from lowmem, as at boot */
	unsigned int watermark_scale_factor;	/* 10 */
	unsigned int watermark_boost_factor;	/* 15000 */
	unsigned int lowmem_reserve_ratio[4];	/* DMA DMA32 Normal Movable: 256 256 32 0 */
	unsigned int extfrag_threshold;		/* 500 */
	unsigned int compaction_proactiveness;	/* 20 */
	unsigned int dirty_ratio;		/* 20 (percent of dirtyable memory) */
	unsigned int dirty_background_ratio;	/* 10 */
	unsigned int dirty_expire_centisecs;	/* 3000 */
	unsigned int dirty_writeback_centisecs;	/* 500; 0 = no periodic writeback */
	unsigned int swappiness;		/* 60, 0..200: the relative I/O cost of
						 * swapping vs file reclaim (get_scan_count()) */
	unsigned int page_cluster;		/* 3, 0..31: swap readahead reads up to
						 * 2^page_cluster pages; 0 = no readahead */
};

/**
 * struct mmsim_sysfs - [sysfs]: knobs under /sys/kernel/, keys named by their path there
 */
struct mmsim_sysfs {
	bool vma_ra_enabled;			/* mm/swap/vma_ra_enabled, on: VMA-based swap
						 * readahead; off = the physical cluster
						 * readahead (also used while any hdd swap
						 * device is active) */
};

/* kcompactd's policy ([model] kcompactd=) */
enum mmsim_kcompactd_policy {
	MMSIM_KCOMPACTD_PROACTIVE,	/* mainline since 5.9: fragmentation score, 500 ms */
	MMSIM_KCOMPACTD_BABKA,		/* Babka's 2017 RFC: per-order demand targets */
	NR_MMSIM_KCOMPACTD
};

/* madvise= of a mem job: advice given right after mmap() */
enum mmsim_madvise {
	MMSIM_MADV_NORMAL,
	MMSIM_MADV_RANDOM,
	MMSIM_MADV_SEQUENTIAL,
	MMSIM_MADV_HUGEPAGE,
	MMSIM_MADV_NOHUGEPAGE,
	NR_MMSIM_MADV
};

/* pass_madvise= of a mem job: advice given to the whole mapping after each pass */
enum mmsim_pass_madvise {
	MMSIM_PASS_MADV_NONE,
	MMSIM_PASS_MADV_DONTNEED,
	MMSIM_PASS_MADV_FREE,
	MMSIM_PASS_MADV_COLD,
	MMSIM_PASS_MADV_PAGEOUT,
	NR_MMSIM_PASS_MADV
};

/* How reclaim waits when it cannot make progress ([model] reclaim_throttle=) */
enum mmsim_reclaim_throttle {
	MMSIM_THROTTLE_RECLAIM,		/* 5.16 final on: reclaim_throttle(), with the
					 * no-progress fix (CONGESTED, 1 jiffy) */
	MMSIM_THROTTLE_CONGESTION_WAIT,	/* 5.15: congestion_wait() / wait_iff_congested() */
	MMSIM_THROTTLE_RC1,		/* 5.16-rc1: Gorman's series as measured, before the
					 * fix (NOPROGRESS HZ/2 below priority 10,
					 * congested direct reclaim on WRITEBACK) */
	NR_MMSIM_THROTTLE
};

/* What reclaim's memcg statistics readers see ([model] memcg_stats=) */
enum mmsim_memcg_stats_mode {
	MMSIM_MEMCG_STATS_AUTO,		/* as the kernel reclaim_throttle= selects: ratelimited
					 * for throttle, every_reclaim for the 5.15/5.16 ones */
	MMSIM_MEMCG_STATS_RATELIMITED,	/* 6.11+: the periodic flush, every 2 s */
	MMSIM_MEMCG_STATS_EVERY_RECLAIM, /* up to 6.10: prepare_scan_control() flushes */
	NR_MMSIM_MEMCG_STATS
};

/**
 * struct mmsim_model - [model]: choices between mechanisms, not kernel tunables
 */
struct mmsim_model {
	unsigned int kcompactd;		/* enum mmsim_kcompactd_policy */
	unsigned int babka_min_success;	/* percent: back off below this recent success */
	unsigned int reclaim_throttle;	/* enum mmsim_reclaim_throttle */
	unsigned int memcg_stats;	/* enum mmsim_memcg_stats_mode */
	unsigned int dax_swap_promote;	/* DAX swap: a page left in place on pmem moves
					 * back to DRAM once its access score reaches this */
	unsigned int dax_swap_write_weight; /* DAX swap: what a write adds to the access
					 * score (a read adds 1) */
};

/* The kernel's preemption model (the preempt= boot option of PREEMPT_DYNAMIC). */
enum mmsim_preempt_model {
	MMSIM_PREEMPT_VOLUNTARY,	/* kernel work runs to its next preemption point */
	MMSIM_PREEMPT_FULL,		/* kernel work is preemptible too */
	NR_MMSIM_PREEMPT
};

struct mmsim_config {
	/* [global] */
	uint64_t seed;
	uint64_t runtime_ns;		/* virtual time limit of the run */
	/* [machine] */
	unsigned int nr_cpus;
	unsigned int preempt;		/* enum mmsim_preempt_model */
	uint64_t memory;		/* memory=, bytes */
	unsigned int nr_nodes;		/* nodes= */
	uint64_t kernelcore;		/* kernelcore=: non-movable memory, spread over
					 * the nodes; the rest is ZONE_MOVABLE; 0 = unset */
	uint64_t movablecore;		/* movablecore=: ZONE_MOVABLE size; 0 = unset */
	struct mmsim_node_config nodes[MMSIM_MAX_NODES];	/* [node.N] */
	/* [sysctl] */
	struct mmsim_sysctl sysctl;
	/* [sysfs] */
	struct mmsim_sysfs sysfs;
	/* [cost] */
	uint64_t cost[NR_MMSIM_COSTS];
	/* [fault] */
	struct mmsim_fault_attr fault[NR_MMSIM_FAULTS];
	/* [model] */
	struct mmsim_model model;
	/* jobs, in file order */
	unsigned int nr_jobs;
	struct mmsim_job_config jobs[MMSIM_MAX_JOBS];
	/* [device.NAME] sections, in file order */
	unsigned int nr_devices;
	struct mmsim_device_config devices[MMSIM_MAX_DEVICES];
	/* [file.NAME] sections, in file order */
	unsigned int nr_files;
	struct mmsim_file_config files[MMSIM_MAX_FILES];
	/* [swap.NAME] sections, in file order */
	unsigned int nr_swaps;
	struct mmsim_swap_config swaps[MMSIM_MAX_SWAPS];
	/* [cgroup.NAME] sections, in file order */
	unsigned int nr_cgroups;
	struct mmsim_cgroup_config cgroups[MMSIM_MAX_CGROUPS];
	/* where it came from, for the report header */
	char source[256];		/* the file path or name given to the loader */

	/* private to src/workload/scenario*.c */
	struct mmsim_job_config job_defaults; /* job keys as [global] sets them */
	unsigned int key_line[MMSIM_CONFIG_KEYS_MAX]; /* by key table index: where
					 * the value was written, 0 = default */
	unsigned int section_line[MMSIM_CONFIG_SECTIONS]; /* [global]... header lines */
};

/**
 * mmsim_config_init - fill @cfg with the documented defaults and no jobs
 * @cfg: configuration to fill
 */
void mmsim_config_init(struct mmsim_config *cfg);

/**
 * mmsim_config_load_file - read a scenario file into @cfg
 * @cfg: configuration, normally fresh from mmsim_config_init()
 * @path: INI file
 * @err: filled on failure
 *
 * Return: 0, or -EINVAL for a bad file (unknown section or key, bad value,
 * duplicate job, syntax error) with @err naming file:line, the key and the
 * accepted keys or values; -ENOENT etc. if the file cannot be read.  After
 * a failure @cfg is partly filled and must not be used.
 */
int mmsim_config_load_file(struct mmsim_config *cfg, const char *path,
			   struct mmsim_error *err);

/**
 * mmsim_config_load_string - like mmsim_config_load_file() on text in memory
 * @cfg: configuration
 * @name: name used in messages in place of a file path
 * @text: the INI text
 * @err: filled on failure
 *
 * Return: 0 or -EINVAL.
 */
int mmsim_config_load_string(struct mmsim_config *cfg, const char *name,
			     const char *text, struct mmsim_error *err);

/**
 * mmsim_config_set - apply one override "section.key=value"
 * @cfg: configuration, with its scenario already loaded
 * @assignment: e.g. "machine.cpus=4", "sysctl.kernel.sched_latency_ns=24000000",
 *              "cost.context_switch=2000", "hog.nice=5" (job "hog"),
 *              "file.data.size=1G", "swap.s0.priority=5",
 *              "sysfs.mm/swap/vma_ra_enabled=off",
 *              "cgroup.box.memory.limit_in_bytes=128M"
 * @err: filled on failure
 *
 * Return: 0 or -EINVAL (unknown section, job or key, bad value).
 */
int mmsim_config_set(struct mmsim_config *cfg, const char *assignment,
		     struct mmsim_error *err);

/**
 * mmsim_config_validate - cross-key checks once everything is loaded
 * @cfg: configuration
 * @err: filled on failure
 *
 * Checks what no single key can: cpus_allowed within [machine] cpus, at
 * least one job, datasize within pipe_size, keys that apply to each job's
 * kind, each [file.NAME] on a defined, non-zoned device with the files of
 * a device fitting in it, each [swap.NAME] on a defined, non-zoned device
 * (pmem for dax=on), fitting after the files and the earlier swap areas of
 * that device with at least 40K, the file= of mem and file jobs, the
 * cgroup= of every job naming a [cgroup.NAME].  (Every run ends: [global]
 * runtime is at least 1 us.)
 *
 * Return: 0 or -EINVAL.
 */
int mmsim_config_validate(const struct mmsim_config *cfg, struct mmsim_error *err);

/**
 * mmsim_config_find_file - look up a [file.NAME] section
 * @cfg: configuration
 * @name: NAME, NUL-terminated
 *
 * Return: the index of the file in @cfg->files, or -1 if there is none.
 */
int mmsim_config_find_file(const struct mmsim_config *cfg, const char *name);

/**
 * mmsim_config_file_offset - where a file starts on its device
 * @cfg: configuration
 * @file_idx: index in @cfg->files, below @cfg->nr_files (a bug otherwise)
 *
 * The files of a device lie back to back from byte 0 in file order, so a
 * file starts at the sum of the sizes of the earlier files on the same
 * device.  mmsim_config_validate() checks that they fit in the device.
 *
 * Return: the byte offset, a multiple of 4K in a validated configuration.
 */
uint64_t mmsim_config_file_offset(const struct mmsim_config *cfg, unsigned int file_idx);

/**
 * mmsim_config_find_swap - look up a [swap.NAME] section
 * @cfg: configuration
 * @name: NAME, NUL-terminated
 *
 * Return: the index of the swap area in @cfg->swaps, or -1 if there is none.
 */
int mmsim_config_find_swap(const struct mmsim_config *cfg, const char *name);

/**
 * mmsim_config_swap_offset - where a swap area starts on its device
 * @cfg: configuration
 * @swap_idx: index in @cfg->swaps, below @cfg->nr_swaps (a bug otherwise)
 *
 * The swap areas of a device lie after all the files of that device
 * (wherever their sections are), back to back in section order: a swap
 * area starts at the sum of the sizes of the device's files and of the
 * earlier swap areas on it, each at its mmsim_config_swap_size().
 *
 * Return: the byte offset, a multiple of 4K in a validated configuration.
 */
uint64_t mmsim_config_swap_offset(const struct mmsim_config *cfg, unsigned int swap_idx);

/**
 * mmsim_config_swap_size - the size of a swap area, with size=0 resolved
 * @cfg: configuration
 * @swap_idx: index in @cfg->swaps, below @cfg->nr_swaps (a bug otherwise)
 *
 * Return: size= if set, else the rest of the device (its size=, or the
 * model's default size) from mmsim_config_swap_offset(), 0 if none is left
 * or the device is not defined.  At least 40K and a multiple of 4K in a
 * validated configuration.
 */
uint64_t mmsim_config_swap_size(const struct mmsim_config *cfg, unsigned int swap_idx);

/**
 * mmsim_config_cgroup_index - look up a [cgroup.NAME] section
 * @cfg: configuration
 * @name: NAME, NUL-terminated; "" (a job's default cgroup=) is the root cgroup
 *
 * Return: the index of the memory cgroup in @cfg->cgroups, or -1 if there is
 * none, always for "" (the root cgroup has no section).
 */
int mmsim_config_cgroup_index(const struct mmsim_config *cfg, const char *name);

/**
 * mmsim_config_resolve_nodes - each node's memory, ZONE_MOVABLE part and CPUs
 * @cfg: a validated configuration
 * @memory: out: bytes of each of cfg->nr_nodes nodes
 * @movable: out: bytes of ZONE_MOVABLE at the top of each node
 * @cpus: out: the CPUs of each node
 *
 * Nodes without memory= share what the others leave equally, in whole
 * pageblocks (2M), the last of them taking the remainder.  Nodes without
 * cpus= (and not cpus=none) share the CPUs no node lists, in contiguous runs
 * of equal size in node order, the remainder one each to the first of them.
 * movablecore= is spread over the nodes in proportion to their memory,
 * each part rounded down to 2M; kernelcore= K leaves each node
 * K * node memory / memory for the other zones, rounded up so that its
 * ZONE_MOVABLE is whole pageblocks.  Entries past cfg->nr_nodes are 0 and
 * empty.  @cfg must have passed mmsim_config_validate() (a bug otherwise).
 */
void mmsim_config_resolve_nodes(const struct mmsim_config *cfg,
				uint64_t memory[MMSIM_MAX_NODES],
				uint64_t movable[MMSIM_MAX_NODES],
				struct mmsim_cpumask cpus[MMSIM_MAX_NODES]);

/**
 * mmsim_config_foreach_nondefault - visit every key whose value is not its default
 * @cfg: configuration
 * @fn: called with "section.key" (jobs: "jobname.key") and the value as text
 * @arg: passed to @fn
 *
 * Order: the fixed sections, [node.N], [device.NAME], [file.NAME]
 * ("file.NAME.key"), [swap.NAME] ("swap.NAME.key") and [cgroup.NAME]
 * ("cgroup.NAME.key") sections in the order of the key table, then jobs in
 * file order, each in table order.  Values are printed in the same syntax
 * the file accepts.
 */
void mmsim_config_foreach_nondefault(const struct mmsim_config *cfg,
				     void (*fn)(const char *key, const char *value, void *arg),
				     void *arg);

/**
 * mmsim_default_scenario - the built-in scenario's INI text
 *
 * Return: a static string; scenarios/default.ini holds the same text.
 */
const char *mmsim_default_scenario(void);

/** mmsim_job_kind_name - "cpu", "pipe" or "messaging" */
const char *mmsim_job_kind_name(enum mmsim_job_kind kind);

/** mmsim_fault_name - the [fault] point name of @item, e.g. "fail_usercopy" */
const char *mmsim_fault_name(enum mmsim_fault_item item);

/** mmsim_cost_name - the [cost] key of @item */
const char *mmsim_cost_name(enum mmsim_cost_item item);

/** mmsim_cost_rationale - where the default value of @item comes from */
const char *mmsim_cost_rationale(enum mmsim_cost_item item);

/* cpumask helpers */
static inline void mmsim_cpumask_set(struct mmsim_cpumask *m, unsigned int cpu)
{
	m->bits[cpu / 64] |= 1ULL << (cpu % 64);
}

static inline bool mmsim_cpumask_test(const struct mmsim_cpumask *m, unsigned int cpu)
{
	return (m->bits[cpu / 64] >> (cpu % 64)) & 1;
}

static inline bool mmsim_cpumask_empty(const struct mmsim_cpumask *m)
{
	for (size_t i = 0; i < MMSIM_MAX_CPUS / 64; i++)
		if (m->bits[i])
			return false;
	return true;
}

#endif /* MMSIM_CONFIG_H */
