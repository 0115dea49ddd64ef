/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mm/vmstat.h - /proc/vmstat event counters (include/linux/vm_event_item.h)
 *
 * One X-macro list generates the enum and the names, so the two cannot
 * drift.  Names are the kernel's /proc/vmstat names.
 */
#ifndef MMSIM_MM_VMSTAT_H
#define MMSIM_MM_VMSTAT_H

#include <stdint.h>
#include <stdio.h>

#define MM_VM_EVENTS(X)						\
	X(PSWPIN, "pswpin")					\
	X(PSWPOUT, "pswpout")					\
	X(PGALLOC_DMA, "pgalloc_dma")				\
	X(PGALLOC_DMA32, "pgalloc_dma32")			\
	X(PGALLOC_NORMAL, "pgalloc_normal")			\
	X(PGALLOC_MOVABLE, "pgalloc_movable")			\
	X(PGALLOC_DEVICE, "pgalloc_device")			\
	X(ALLOCSTALL_DMA, "allocstall_dma")			\
	X(ALLOCSTALL_DMA32, "allocstall_dma32")			\
	X(ALLOCSTALL_NORMAL, "allocstall_normal")		\
	X(ALLOCSTALL_MOVABLE, "allocstall_movable")		\
	X(ALLOCSTALL_DEVICE, "allocstall_device")		\
	X(PGFREE, "pgfree")					\
	X(PGACTIVATE, "pgactivate")				\
	X(PGREFILL, "pgrefill")					\
	X(PGSTEAL_KSWAPD, "pgsteal_kswapd")			\
	X(PGSTEAL_DIRECT, "pgsteal_direct")			\
	X(PGSCAN_KSWAPD, "pgscan_kswapd")			\
	X(PGSCAN_DIRECT, "pgscan_direct")			\
	X(PGSCAN_DIRECT_THROTTLE, "pgscan_direct_throttle")	\
	X(PGSCAN_ANON, "pgscan_anon")				\
	X(PGSCAN_FILE, "pgscan_file")				\
	X(KSWAPD_LOW_WMARK_HIT_QUICKLY, "kswapd_low_wmark_hit_quickly") \
	X(KSWAPD_HIGH_WMARK_HIT_QUICKLY, "kswapd_high_wmark_hit_quickly") \
	X(PAGEOUTRUN, "pageoutrun")				\
	X(PGROTATED, "pgrotated")				\
	X(PGSTEAL_ANON, "pgsteal_anon")				\
	X(PGSTEAL_FILE, "pgsteal_file")				\
	X(PGDEACTIVATE, "pgdeactivate")				\
	X(PGLAZYFREE, "pglazyfree")				\
	X(PGLAZYFREED, "pglazyfreed")				\
	X(PGFAULT, "pgfault")					\
	X(PGMAJFAULT, "pgmajfault")				\
	X(OOM_KILL, "oom_kill")					\
	X(COMPACTMIGRATE_SCANNED, "compact_migrate_scanned")	\
	X(COMPACTFREE_SCANNED, "compact_free_scanned")		\
	X(COMPACTISOLATED, "compact_isolated")			\
	X(COMPACTSTALL, "compact_stall")			\
	X(COMPACTFAIL, "compact_fail")				\
	X(COMPACTSUCCESS, "compact_success")			\
	X(KCOMPACTD_WAKE, "compact_daemon_wake")		\
	X(KCOMPACTD_MIGRATE_SCANNED, "compact_daemon_migrate_scanned") \
	X(KCOMPACTD_FREE_SCANNED, "compact_daemon_free_scanned") \
	X(PGMIGRATE_SUCCESS, "pgmigrate_success")		\
	X(PGMIGRATE_FAIL, "pgmigrate_fail")			\
	X(NUMA_HIT, "numa_hit")					\
	X(NUMA_MISS, "numa_miss")				\
	X(NUMA_FOREIGN, "numa_foreign")				\
	X(NUMA_LOCAL, "numa_local")				\
	X(NUMA_OTHER, "numa_other")				\
	X(SWAP_RA, "swap_ra")					\
	X(SWAP_RA_HIT, "swap_ra_hit")				\
	X(SWPIN_ZERO, "swpin_zero")				\
	X(SWPOUT_ZERO, "swpout_zero")

/* Node counters (enum node_stat_item) the model keeps, in the kernel's order */
#define MM_NODE_STATS(X)					\
	X(NR_ISOLATED_ANON, "nr_isolated_anon")			\
	X(NR_ISOLATED_FILE, "nr_isolated_file")			\
	X(WORKINGSET_REFAULT_ANON, "workingset_refault_anon")	\
	X(WORKINGSET_REFAULT_FILE, "workingset_refault_file")	\
	X(WORKINGSET_ACTIVATE_ANON, "workingset_activate_anon")	\
	X(WORKINGSET_ACTIVATE_FILE, "workingset_activate_file")	\
	X(WORKINGSET_RESTORE_ANON, "workingset_restore_anon")	\
	X(WORKINGSET_RESTORE_FILE, "workingset_restore_file")	\
	X(NR_FILE_DIRTY, "nr_dirty")				\
	X(NR_WRITEBACK, "nr_writeback")				\
	X(NR_VMSCAN_WRITE, "nr_vmscan_write")			\
	X(NR_VMSCAN_IMMEDIATE, "nr_vmscan_immediate_reclaim")	\
	X(NR_DIRTIED, "nr_dirtied")				\
	X(NR_WRITTEN, "nr_written")				\
	X(NR_THROTTLED_WRITTEN, "nr_throttled_written")		\
	X(NR_SWAPCACHE, "nr_swapcached")

enum node_stat_item {
#define MM_NODE_STAT_ENUM(id, name) id,
	MM_NODE_STATS(MM_NODE_STAT_ENUM)
#undef MM_NODE_STAT_ENUM
	NR_VM_NODE_STAT_ITEMS
};

enum vm_event_item {
#define MM_VM_EVENT_ENUM(id, name) id,
	MM_VM_EVENTS(MM_VM_EVENT_ENUM)
#undef MM_VM_EVENT_ENUM
	NR_VM_EVENT_ITEMS
};

/** node_stat_name - the /proc/vmstat name of @item */
const char *node_stat_name(enum node_stat_item item);

/** vm_event_name - the /proc/vmstat name of @item */
const char *vm_event_name(enum vm_event_item item);

#endif /* MMSIM_MM_VMSTAT_H */
