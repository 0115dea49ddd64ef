// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim/cost.c - the cost model table
 *
 * mmsim charges virtual CPU time for kernel work from this one table.  The
 * defaults are order-of-magnitude figures for a current x86-64 server core
 * (the rationale of each says where it comes from); a scenario overrides any
 * of them in its [cost] section, and the run header prints every value used.
 * Costs are deliberately few and coarse: the model is about which decisions
 * the kernel takes and how waiting composes, not cycle accuracy.
 */
#include "sim/cost.h"

#include "lib/compiler.h"

static const struct cost_desc cost_table[NR_MMSIM_COSTS] = {
	[MMSIM_COST_CONTEXT_SWITCH] = {
		"context_switch", 1200,
		"__schedule() + switch_mm + cache refill; lmbench lat_ctx 2p/0K is "
		"about 1-2 us on 2020s x86-64, perf bench sched pipe ~5 us per round trip"
	},
	[MMSIM_COST_WAKEUP] = {
		"wakeup", 500,
		"try_to_wake_up(): select_task_rq, enqueue, check_preempt; a few "
		"hundred ns, more with a cross-CPU IPI"
	},
	[MMSIM_COST_SYSCALL] = {
		"syscall", 100,
		"entry/exit of a trivial syscall with mitigations, ~100 ns"
	},
	[MMSIM_COST_PIPE_READ] = {
		"pipe_read", 400,
		"pipe_read() of a small message: syscall, pipe lock, copy_to_user"
	},
	[MMSIM_COST_PIPE_WRITE] = {
		"pipe_write", 500,
		"pipe_write() of a small message: syscall, pipe lock, buffer "
		"merge or page allocation, copy_from_user"
	},
	[MMSIM_COST_TASK_CREATE] = {
		"task_create", 25000,
		"clone() of a thread: copy_process + wake_up_new_task, ~20-30 us"
	},
	[MMSIM_COST_MIGRATE_TASK] = {
		"migrate_task", 2000,
		"load-balance pull of one task: rq locks, detach/attach, cold cache"
	},
	[MMSIM_COST_PAGE_ALLOC] = {
		"page_alloc", 150,
		"__alloc_pages() fast path: a per-CPU list or the zone lock and a "
		"buddy split; page fault benchmarks put it at 100-200 ns per page"
	},
	[MMSIM_COST_PAGE_FREE] = {
		"page_free", 100,
		"free_pages(): to the per-CPU list, or buddy merging under the zone lock"
	},
	[MMSIM_COST_CLEAR_PAGE] = {
		"clear_page", 250,
		"clear_page_erms of 4 KiB at 16-20 GB/s (__GFP_ZERO, per base page)"
	},
	[MMSIM_COST_COMPACT_SCAN] = {
		"compact_scan", 20,
		"a compaction scanner's look at one pfn: one struct page cache line "
		"(isolate_migratepages_block / isolate_freepages_block)"
	},
	[MMSIM_COST_MIGRATE_PAGE] = {
		"migrate_page", 4000,
		"migrate_pages() of one mapped 4 KiB page: rmap walk, unmap, TLB "
		"shootdown IPIs, copy, remap; move_pages(2) moves 0.5-1 GB/s of base pages"
	},
	[MMSIM_COST_MEM_ACCESS] = {
		"mem_access", 10,
		"a load or store to a mapped page by a mem job, TLB hit: a few ns from "
		"cache, ~100 ns from DRAM; 10 as an average over a large working set"
	},
	[MMSIM_COST_COPY_PAGE] = {
		"copy_page", 300,
		"copy_to_user/copy_from_user of 4 KiB by read()/write() through the page "
		"cache: rep movsb at ~15 GB/s plus the page cache lookup"
	},
	[MMSIM_COST_RECLAIM_SCAN] = {
		"reclaim_scan", 200,
		"shrink_folio_list() per page: isolate, lock, check references through "
		"the rmap, unmap and remove from the page cache; 0.1-0.5 us per page"
	},
	[MMSIM_COST_IO_SUBMIT] = {
		"io_submit", 0,
		"a request sent to the device by the task submitting it (blk-mq dispatch, "
		"the driver's doorbell), a bio merged into one costs nothing: 0 on bare "
		"metal, where it is a microsecond or two and counted in the device latency; "
		"a VM exits on the doorbell write: 88 us fitted on the 2-CPU PVM guest of "
		"tools/swapcmp, where perf puts iowrite16 under __submit_bio first"
	},
};

const struct cost_desc *cost_desc(enum mmsim_cost_item item)
{
	MM_BUG_ON((unsigned int)item >= NR_MMSIM_COSTS);
	return &cost_table[item];
}

const char *mmsim_cost_name(enum mmsim_cost_item item)
{
	return cost_desc(item)->name;
}

const char *mmsim_cost_rationale(enum mmsim_cost_item item)
{
	return cost_desc(item)->rationale;
}
