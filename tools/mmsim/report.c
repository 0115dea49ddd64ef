// SPDX-License-Identifier: GPL-2.0-only
/*
 * tools/mmsim/report.c - the run report: text, side-by-side variants, JSON
 *
 * Everything printed here is deterministic (virtual time, counters and the
 * configuration), so the same scenario and seed give byte-identical
 * reports.  Times are printed in milliseconds truncated to microseconds,
 * as perf does; JSON carries exact nanoseconds.
 */
#include "report.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "mmsim/config.h"
#include "mmsim/stats.h"

/* I/Os (or bytes) per second of virtual time. */
static uint64_t per_sec(uint64_t n, uint64_t ns)
{
	/* IEEE double: deterministic, and exact enough for a rate */
	return ns ? (uint64_t)((double)n * 1e9 / (double)ns) : 0;
}

/* "%.3f" of ns in ms, truncated, without floating point. */
static const char *fmt_ms(char *buf, size_t len, uint64_t ns)
{
	snprintf(buf, len, "%" PRIu64 ".%03" PRIu64, ns / 1000000, ns / 1000 % 1000);
	return buf;
}

static const char *fmt_us(char *buf, size_t len, uint64_t ns)
{
	snprintf(buf, len, "%" PRIu64 ".%03" PRIu64, ns / 1000, ns % 1000);
	return buf;
}

/* ---- a run flattened into (key, value) rows, for side by side and JSON ---- */

struct row {
	char key[128];
	char val[64];
	bool number;		/* JSON: print unquoted */
};

struct rows {
	struct row *v;
	size_t nr, cap;
};

__attribute__((format(printf, 4, 5)))
static void row_add(struct rows *rows, const char *key, bool number, const char *fmt, ...)
{
	va_list ap;
	struct row *r;

	if (rows->nr == rows->cap) {
		rows->cap = rows->cap ? rows->cap * 2 : 64;
		rows->v = realloc(rows->v, rows->cap * sizeof(*rows->v));
		if (!rows->v) {
			fprintf(stderr, "mmsim: out of memory\n");
			exit(1);
		}
	}
	r = &rows->v[rows->nr++];
	snprintf(r->key, sizeof(r->key), "%s", key);
	r->number = number;
	va_start(ap, fmt);
	vsnprintf(r->val, sizeof(r->val), fmt, ap);
	va_end(ap);
}

struct setting_ctx {
	struct rows *rows;
};

static void add_setting(const char *key, const char *value, void *arg)
{
	struct setting_ctx *ctx = arg;
	char k[128];

	snprintf(k, sizeof(k), "setting.%s", key);
	row_add(ctx->rows, k, false, "%s", value);
}

static void mm_rows(const struct run_result *run, struct rows *rows)
{
	struct mmsim_mm_stats ms;
	char k[64];

	mmsim_mm_stats(run->sim, &ms);
#define MM_ROW(field) row_add(rows, "mm." #field, true, "%" PRIu64, (uint64_t)ms.field)
	MM_ROW(managed_pages);
	MM_ROW(free_pages);
	for (unsigned int nid = 0; nid < ms.nr_nodes; nid++) {
		snprintf(k, sizeof(k), "mm.node%u.fragmentation_score", nid);
		row_add(rows, k, true, "%u", ms.fragmentation_score[nid]);
	}
	MM_ROW(compact_stall);
	MM_ROW(compact_fail);
	MM_ROW(compact_success);
	MM_ROW(compact_migrate_scanned);
	MM_ROW(compact_free_scanned);
	MM_ROW(compact_isolated);
	MM_ROW(compact_daemon_wake);
	MM_ROW(compact_daemon_migrate_scanned);
	MM_ROW(compact_daemon_free_scanned);
	MM_ROW(pgmigrate_success);
	MM_ROW(pgmigrate_fail);
	MM_ROW(extfrag_events);
	MM_ROW(alloc_fail);
	MM_ROW(oom_kill);
	MM_ROW(kcompactd_proactive_rounds);
	MM_ROW(kcompactd_proactive_deferred);
	MM_ROW(kcompactd_babka_rounds);
	MM_ROW(kcompactd_babka_met);
	MM_ROW(kcompactd_babka_backoffs);
	MM_ROW(pgscan_kswapd);
	MM_ROW(pgscan_direct);
	MM_ROW(pgsteal_kswapd);
	MM_ROW(pgsteal_direct);
	MM_ROW(allocstall);
	MM_ROW(nr_vmscan_write);
	MM_ROW(nr_dirtied);
	MM_ROW(nr_written);
	MM_ROW(pgmajfault);
	MM_ROW(pgscan_anon);
	MM_ROW(pgsteal_anon);
	MM_ROW(pswpin);
	MM_ROW(pswpout);
	MM_ROW(swap_ra);
	MM_ROW(swap_ra_hit);
	MM_ROW(swpin_zero);
	MM_ROW(swpout_zero);
	MM_ROW(nr_swapcached);
	MM_ROW(dax_swapout);
	MM_ROW(dax_reads);
	MM_ROW(dax_writes);
	MM_ROW(dax_promotions);
	for (unsigned int t = 0; t < ms.nr_swaps; t++) {
		snprintf(k, sizeof(k), "mm.swap.%s.used_kib", ms.swaps[t].name);
		row_add(rows, k, true, "%" PRIu64, ms.swaps[t].used_kib);
	}
	for (unsigned int c = 0; c < ms.nr_memcgs; c++) {
		const struct mmsim_memcg_stats *m = &ms.memcgs[c];

		snprintf(k, sizeof(k), "mm.memcg.%s.max_usage_kib", m->name + 1);
		row_add(rows, k, true, "%" PRIu64, m->max_usage_kib);
		snprintf(k, sizeof(k), "mm.memcg.%s.failcnt", m->name + 1);
		row_add(rows, k, true, "%" PRIu64, m->failcnt);
		snprintf(k, sizeof(k), "mm.memcg.%s.pgscan", m->name + 1);
		row_add(rows, k, true, "%" PRIu64, m->pgscan);
		snprintf(k, sizeof(k), "mm.memcg.%s.pgsteal", m->name + 1);
		row_add(rows, k, true, "%" PRIu64, m->pgsteal);
		snprintf(k, sizeof(k), "mm.memcg.%s.oom_kill", m->name + 1);
		row_add(rows, k, true, "%" PRIu64, m->oom_kill);
	}
#undef MM_ROW
}

static void run_rows(const struct run_result *run, struct rows *rows)
{
	const struct mmsim_config *cfg = mmsim_config_of(run->sim);
	struct setting_ctx ctx = { rows };
	struct mmsim_engine_stats es;
	struct mmsim_sysctl sc;
	char k[160];

	row_add(rows, "seed", true, "%" PRIu64, cfg->seed);
	mmsim_config_foreach_nondefault(cfg, add_setting, &ctx);
	mmsim_effective_sysctl(run->sim, &sc);
	row_add(rows, "sysctl.kernel.sched_latency_ns", true, "%" PRIu64, sc.sched_latency_ns);
	row_add(rows, "sysctl.kernel.sched_min_granularity_ns", true, "%" PRIu64,
		sc.sched_min_granularity_ns);
	row_add(rows, "sysctl.kernel.sched_wakeup_granularity_ns", true, "%" PRIu64,
		sc.sched_wakeup_granularity_ns);
	row_add(rows, "sysctl.kernel.sched_tunable_scaling", true, "%u", sc.sched_tunable_scaling);
	for (int i = 0; i < NR_MMSIM_COSTS; i++) {
		snprintf(k, sizeof(k), "cost.%s", mmsim_cost_name((enum mmsim_cost_item)i));
		row_add(rows, k, true, "%" PRIu64, cfg->cost[i]);
	}
	for (unsigned int j = 0; j < cfg->nr_jobs; j++) {
		struct mmsim_job_stats js;

		mmsim_job_stats(run->sim, j, &js);
#define JOB_ROW(field, val) \
		snprintf(k, sizeof(k), "job.%s.%s", js.name, field); \
		row_add(rows, k, true, "%" PRIu64, (uint64_t)(val))
		snprintf(k, sizeof(k), "job.%s.kind", js.name);
		row_add(rows, k, false, "%s", mmsim_job_kind_name(js.kind));
		JOB_ROW("tasks", js.nr_tasks);
		JOB_ROW("loops", js.loops);
		JOB_ROW("cpu_time_ns", js.cpu_time_ns);
		JOB_ROW("wait_time_ns", js.wait_time_ns);
		JOB_ROW("sleep_time_ns", js.sleep_time_ns);
		JOB_ROW("wakeups", js.nr_wakeups);
		JOB_ROW("lat_count", js.lat_count);
		JOB_ROW("lat_avg_ns", js.lat_avg_ns);
		JOB_ROW("lat_p50_ns", js.lat_p50_ns);
		JOB_ROW("lat_p99_ns", js.lat_p99_ns);
		JOB_ROW("lat_max_ns", js.lat_max_ns);
		JOB_ROW("nvcsw", js.nr_voluntary_switches);
		JOB_ROW("nivcsw", js.nr_involuntary_switches);
		JOB_ROW("migrations", js.nr_migrations);
		JOB_ROW("errors", js.errors);
		if (js.kind == MMSIM_JOB_IO || js.kind == MMSIM_JOB_FILE) {
			JOB_ROW("io_reads", js.io_reads);
			JOB_ROW("io_writes", js.io_writes);
			JOB_ROW("io_read_bytes", js.io_read_bytes);
			JOB_ROW("io_write_bytes", js.io_write_bytes);
			JOB_ROW("io_flushes", js.io_flushes);
			JOB_ROW("io_elapsed_ns", js.io_elapsed_ns);
			JOB_ROW("iops", per_sec(js.io_reads + js.io_writes, js.io_elapsed_ns));
			JOB_ROW("bw_bytes_per_s", per_sec(js.io_read_bytes + js.io_write_bytes,
							  js.io_elapsed_ns));
			JOB_ROW("clat_avg_ns", js.clat_avg_ns);
			JOB_ROW("clat_p50_ns", js.clat_p50_ns);
			JOB_ROW("clat_p99_ns", js.clat_p99_ns);
			JOB_ROW("clat_max_ns", js.clat_max_ns);
		}
		if (js.kind == MMSIM_JOB_ALLOC || js.kind == MMSIM_JOB_FRAGMENTER) {
			JOB_ROW("allocs", js.allocs);
			JOB_ROW("alloc_failures", js.alloc_failures);
			JOB_ROW("alloc_avg_ns", js.alloc_avg_ns);
			JOB_ROW("alloc_p50_ns", js.alloc_p50_ns);
			JOB_ROW("alloc_p90_ns", js.alloc_p90_ns);
			JOB_ROW("alloc_p95_ns", js.alloc_p95_ns);
			JOB_ROW("alloc_p99_ns", js.alloc_p99_ns);
			JOB_ROW("alloc_max_ns", js.alloc_max_ns);
			JOB_ROW("pages_held", js.pages_held);
			JOB_ROW("pages_freed", js.pages_freed);
		}
		if (js.kind == MMSIM_JOB_MEM || js.kind == MMSIM_JOB_REPLAY) {
			JOB_ROW("mem_accesses", js.mem_accesses);
			JOB_ROW("mem_faults", js.mem_faults);
			JOB_ROW("mem_major_faults", js.mem_major_faults);
			JOB_ROW("fault_avg_ns", js.fault_avg_ns);
			JOB_ROW("fault_p50_ns", js.fault_p50_ns);
			JOB_ROW("fault_p90_ns", js.fault_p90_ns);
			JOB_ROW("fault_p99_ns", js.fault_p99_ns);
			JOB_ROW("fault_max_ns", js.fault_max_ns);
			JOB_ROW("rss_pages", js.rss_pages);
			JOB_ROW("oom_killed", js.oom_killed);
			if (js.oom_killed) {
				JOB_ROW("oom_kill_ns", js.oom_kill_ns);
			}
		}
#undef JOB_ROW
	}
	for (unsigned int c = 0; c < cfg->nr_cpus; c++) {
		struct mmsim_cpu_stats cs;

		mmsim_cpu_stats(run->sim, c, &cs);
		snprintf(k, sizeof(k), "cpu.%u.busy_ns", c);
		row_add(rows, k, true, "%" PRIu64, cs.busy_ns);
		snprintf(k, sizeof(k), "cpu.%u.switches", c);
		row_add(rows, k, true, "%" PRIu64, cs.nr_switches);
	}
	for (unsigned int d = 0; d < mmsim_nr_devices(run->sim); d++) {
		struct mmsim_device_stats ds;

		mmsim_device_stats(run->sim, d, &ds);
#define DEV_ROW(field, val) \
		snprintf(k, sizeof(k), "device.%s.%s", ds.name, field); \
		row_add(rows, k, true, "%" PRIu64, (uint64_t)(val))
		snprintf(k, sizeof(k), "device.%s.type", ds.name);
		row_add(rows, k, false, "%s", ds.type);
		snprintf(k, sizeof(k), "device.%s.state", ds.name);
		row_add(rows, k, false, "%s", ds.state);
		DEV_ROW("reads", ds.reads);
		DEV_ROW("reads_merged", ds.reads_merged);
		DEV_ROW("sectors_read", ds.sectors_read);
		DEV_ROW("read_ns", ds.read_ns);
		DEV_ROW("writes", ds.writes);
		DEV_ROW("writes_merged", ds.writes_merged);
		DEV_ROW("sectors_written", ds.sectors_written);
		DEV_ROW("write_ns", ds.write_ns);
		DEV_ROW("in_flight", ds.in_flight);
		DEV_ROW("io_ticks_ns", ds.io_ticks_ns);
		DEV_ROW("time_in_queue_ns", ds.time_in_queue_ns);
		DEV_ROW("flushes", ds.flushes);
		DEV_ROW("flush_ns", ds.flush_ns);
		DEV_ROW("errors", ds.errors);
#undef DEV_ROW
	}
	mm_rows(run, rows);
	mmsim_engine_stats(run->sim, &es);
	row_add(rows, "engine.virtual_time_ns", true, "%" PRIu64, es.virtual_time_ns);
	row_add(rows, "engine.events", true, "%" PRIu64, es.nr_events);
	row_add(rows, "engine.inline_charges", true, "%" PRIu64, es.nr_inline_charges);
	row_add(rows, "engine.forks", true, "%" PRIu64, es.nr_forks);
	row_add(rows, "engine.switches", true, "%" PRIu64, es.nr_switches);
	row_add(rows, "engine.tasks_left", true, "%" PRIu64, es.nr_tasks_left);
	row_add(rows, "engine.faults_injected", true, "%" PRIu64, es.nr_faults_injected);
}

/* ---- the text report of a single run ---- */

static void print_setting(const char *key, const char *value, void *arg)
{
	FILE *out = arg;

	fprintf(out, "  %s=%s\n", key, value);
}

/* fio's summary line per kind=io job */
static void report_io_jobs(FILE *out, const struct run_result *run)
{
	const struct mmsim_config *cfg = mmsim_config_of(run->sim);
	char a[32], b[32], c[32], d[32];
	bool header = false;

	for (unsigned int j = 0; j < cfg->nr_jobs; j++) {
		struct mmsim_job_stats js;
		uint64_t ios, bytes;

		mmsim_job_stats(run->sim, j, &js);
		if (js.kind != MMSIM_JOB_IO && js.kind != MMSIM_JOB_FILE)
			continue;
		if (!header) {
			fprintf(out, "\n%-16s %10s %10s %10s %10s %11s %10s %10s %10s\n",
				"io job", "reads", "writes", "IOPS", "MiB/s", "clatavg us",
				"clat50 us", "clat99 us", "clatmax us");
			header = true;
		}
		ios = js.io_reads + js.io_writes;
		bytes = js.io_read_bytes + js.io_write_bytes;
		fprintf(out, "%-16s %10" PRIu64 " %10" PRIu64 " %10" PRIu64 " %10" PRIu64
			" %11s %10s %10s %10s\n", js.name, js.io_reads, js.io_writes,
			per_sec(ios, js.io_elapsed_ns), per_sec(bytes, js.io_elapsed_ns) >> 20,
			fmt_us(a, sizeof(a), js.clat_avg_ns), fmt_us(b, sizeof(b), js.clat_p50_ns),
			fmt_us(c, sizeof(c), js.clat_p99_ns), fmt_us(d, sizeof(d), js.clat_max_ns));
	}
}

/* allocation latency per kind=alloc / kind=fragmenter job */
static void report_alloc_jobs(FILE *out, const struct run_result *run)
{
	const struct mmsim_config *cfg = mmsim_config_of(run->sim);
	char a[32], b[32], c[32], d[32], e[32], f[32];
	bool header = false;

	for (unsigned int j = 0; j < cfg->nr_jobs; j++) {
		struct mmsim_job_stats js;

		mmsim_job_stats(run->sim, j, &js);
		if (js.kind != MMSIM_JOB_ALLOC && js.kind != MMSIM_JOB_FRAGMENTER)
			continue;
		if (!header) {
			fprintf(out, "\n%-16s %9s %7s %10s %10s %10s %10s %10s %10s %9s %9s\n",
				"alloc job", "allocs", "failed", "avg us", "p50 us", "p90 us",
				"p95 us", "p99 us", "max us", "held pg", "freed pg");
			header = true;
		}
		fprintf(out, "%-16s %9" PRIu64 " %7" PRIu64 " %10s %10s %10s %10s %10s %10s %9" PRIu64
			" %9" PRIu64 "\n", js.name, js.allocs, js.alloc_failures,
			fmt_us(a, sizeof(a), js.alloc_avg_ns), fmt_us(b, sizeof(b), js.alloc_p50_ns),
			fmt_us(c, sizeof(c), js.alloc_p90_ns), fmt_us(d, sizeof(d), js.alloc_p95_ns),
			fmt_us(e, sizeof(e), js.alloc_p99_ns), fmt_us(f, sizeof(f), js.alloc_max_ns),
			js.pages_held, js.pages_freed);
	}
}

/* page faults per kind=mem job */
static void report_mem_jobs(FILE *out, const struct run_result *run)
{
	const struct mmsim_config *cfg = mmsim_config_of(run->sim);
	char a[32], b[32], c[32], d[32], e[32];
	bool header = false;

	for (unsigned int j = 0; j < cfg->nr_jobs; j++) {
		struct mmsim_job_stats js;

		mmsim_job_stats(run->sim, j, &js);
		if (js.kind != MMSIM_JOB_MEM && js.kind != MMSIM_JOB_REPLAY)
			continue;
		if (!header) {
			fprintf(out, "\n%-16s %12s %10s %10s %10s %10s %10s %10s %10s\n", "mem job",
				"accesses", "faults", "avg us", "p50 us", "p90 us", "p99 us",
				"max us", "rss pg");
			header = true;
		}
		fprintf(out, "%-16s %12" PRIu64 " %10" PRIu64 " %10s %10s %10s %10s %10s %10" PRIu64
			"\n", js.name, js.mem_accesses, js.mem_faults,
			fmt_us(a, sizeof(a), js.fault_avg_ns), fmt_us(b, sizeof(b), js.fault_p50_ns),
			fmt_us(c, sizeof(c), js.fault_p90_ns), fmt_us(d, sizeof(d), js.fault_p99_ns),
			fmt_us(e, sizeof(e), js.fault_max_ns), js.rss_pages);
	}
}

/* time in the kernel's stalls, per job that had any */
static void report_stalls(FILE *out, const struct run_result *run)
{
	const struct mmsim_config *cfg = mmsim_config_of(run->sim);
	bool header = false;

	for (unsigned int j = 0; j < cfg->nr_jobs; j++) {
		struct mmsim_job_stats js;

		mmsim_job_stats(run->sim, j, &js);
		if (!js.stall_reclaim_ns && !js.stall_compact_ns && !js.stall_throttle_ns &&
		    !js.stall_dirty_ns)
			continue;
		if (!header) {
			fprintf(out, "\n%-16s %12s %12s %12s %12s\n", "stall ms", "reclaim",
				"compaction", "throttle", "dirty");
			header = true;
		}
		fprintf(out, "%-16s %12.3f %12.3f %12.3f %12.3f\n", js.name,
			js.stall_reclaim_ns / 1e6, js.stall_compact_ns / 1e6,
			js.stall_throttle_ns / 1e6, js.stall_dirty_ns / 1e6);
	}
}

/* reclaim's counters, and how it waited */
static void report_reclaim(FILE *out, const struct mmsim_config *cfg,
			   const struct mmsim_mm_stats *ms)
{
	static const char *const reason[4] = { "WRITEBACK", "ISOLATED", "NOPROGRESS", "CONGESTED" };

	if (!ms->pgscan_kswapd && !ms->pgscan_direct && !ms->nr_dirtied)
		return;
	fprintf(out, "pgscan_kswapd %" PRIu64 " pgscan_direct %" PRIu64 " pgsteal_kswapd %" PRIu64
		" pgsteal_direct %" PRIu64 " allocstall %" PRIu64 " pgrotated %" PRIu64 "\n",
		ms->pgscan_kswapd, ms->pgscan_direct, ms->pgsteal_kswapd, ms->pgsteal_direct,
		ms->allocstall, ms->pgrotated);
	fprintf(out, "nr_dirtied %" PRIu64 " nr_written %" PRIu64 " nr_vmscan_write %" PRIu64
		" nr_vmscan_immediate_reclaim %" PRIu64 " nr_throttled_written %" PRIu64 "\n",
		ms->nr_dirtied, ms->nr_written, ms->nr_vmscan_write,
		ms->nr_vmscan_immediate_reclaim, ms->nr_throttled_written);
	fprintf(out, "reclaim scan CPU: direct %.3f ms, kswapd %.3f ms; balance_dirty_pages: %"
		PRIu64 " pauses, %.3f ms\n", ms->reclaim_cpu_direct_ns / 1e6,
		ms->reclaim_cpu_kswapd_ns / 1e6, ms->dirty_pauses, ms->dirty_pause_ns / 1e6);
	if (cfg->model.reclaim_throttle == MMSIM_THROTTLE_CONGESTION_WAIT) {
		fprintf(out, "reclaim waits (5.15): congestion_wait %" PRIu64 " (%.3f ms), "
			"wait_iff_congested %" PRIu64 " (never sleeps), too_many_isolated msleep %"
			PRIu64 " (%.3f ms)\n", ms->congestion_wait, ms->congestion_wait_ns / 1e6,
			ms->wait_iff_congested, ms->isolated_msleep, ms->isolated_msleep_ns / 1e6);
		return;
	}
	fprintf(out, "reclaim_throttle (5.16+):");
	for (int r = 0; r < 4; r++)
		fprintf(out, " %s %" PRIu64 " (%.3f ms, %" PRIu64 " woken early)", reason[r],
			ms->throttled[r], ms->throttled_ns[r] / 1e6, ms->throttled_woken_early[r]);
	fputc('\n', out);
}

/* the swap areas as /proc/swaps lists them, and the swap counters */
static void report_swap(FILE *out, const struct mmsim_mm_stats *ms)
{
	if (!ms->nr_swaps)
		return;
	fprintf(out, "%-24s %-10s %12s %12s %8s\n", "swap (/proc/swaps)", "device", "Size KiB",
		"Used KiB", "Priority");
	for (unsigned int t = 0; t < ms->nr_swaps; t++)
		fprintf(out, "%-24s %-10s %12" PRIu64 " %12" PRIu64 " %8d%s\n", ms->swaps[t].name,
			ms->swaps[t].device, ms->swaps[t].size_kib, ms->swaps[t].used_kib,
			ms->swaps[t].priority, ms->swaps[t].dax ? "  dax" : "");
	fprintf(out, "pswpin %" PRIu64 " pswpout %" PRIu64 " pgmajfault %" PRIu64 " pgscan_anon %"
		PRIu64 " pgsteal_anon %" PRIu64 " nr_swapcached %" PRIu64 " swpin_zero %" PRIu64
		" swpout_zero %" PRIu64 "\n", ms->pswpin, ms->pswpout, ms->pgmajfault,
		ms->pgscan_anon, ms->pgsteal_anon, ms->nr_swapcached, ms->swpin_zero, ms->swpout_zero);
	fprintf(out, "swap readahead (%s): swap_ra %" PRIu64 " swap_ra_hit %" PRIu64,
		ms->swap_vma_readahead ? "VMA" : "cluster", ms->swap_ra, ms->swap_ra_hit);
	if (ms->swap_ra)
		fprintf(out, " (%.2f%% hit)", 100.0 * (double)ms->swap_ra_hit / (double)ms->swap_ra);
	fputc('\n', out);
	if (ms->dax_swapout)
		fprintf(out, "DAX swap (promote at %u, a write counts %u): %" PRIu64 " pages left on "
			"pmem, accesses served there %" PRIu64 " (reads %" PRIu64 ", writes %"
			PRIu64 "), promoted to DRAM %" PRIu64 "\n", ms->dax_promote,
			ms->dax_write_weight, ms->dax_swapout, ms->dax_reads + ms->dax_writes,
			ms->dax_reads, ms->dax_writes, ms->dax_promotions);
}

/* the memory cgroups: their memory.* files, and reclaim at their limits */
static void report_memcg(FILE *out, const struct mmsim_mm_stats *ms)
{
	if (!ms->nr_memcgs)
		return;
	fprintf(out, "%-24s %12s %12s %12s %10s %10s %10s %10s %6s %8s\n", "memory cgroup (v1)",
		"limit KiB", "usage KiB", "max KiB", "failcnt", "reclaims", "pgscan", "pgsteal",
		"oom", "oom_kill");
	for (unsigned int c = 0; c < ms->nr_memcgs; c++) {
		const struct mmsim_memcg_stats *m = &ms->memcgs[c];
		char limit[24];

		if (m->limit_kib == UINT64_MAX)
			snprintf(limit, sizeof(limit), "max");
		else
			snprintf(limit, sizeof(limit), "%" PRIu64, m->limit_kib);
		fprintf(out, "%-24s %12s %12" PRIu64 " %12" PRIu64 " %10" PRIu64 " %10" PRIu64
			" %10" PRIu64 " %10" PRIu64 " %6" PRIu64 " %8" PRIu64 "\n", m->name, limit,
			m->usage_kib, m->max_usage_kib, m->failcnt, m->reclaims, m->pgscan,
			m->pgsteal, m->oom, m->oom_kill);
	}
}

/* the compaction counters of /proc/vmstat and what kcompactd did */
static void report_mm(FILE *out, const struct run_result *run)
{
	const struct mmsim_config *cfg = mmsim_config_of(run->sim);
	struct mmsim_mm_stats ms;

	mmsim_mm_stats(run->sim, &ms);
	fprintf(out, "\nmemory: %" PRIu64 " MiB managed, %" PRIu64 " MiB free, fragmentation score",
		ms.managed_pages >> 8, ms.free_pages >> 8);
	for (unsigned int nid = 0; nid < ms.nr_nodes; nid++)
		fprintf(out, " node%u %u", nid, ms.fragmentation_score[nid]);
	fprintf(out, "\ncompact_stall %" PRIu64 " compact_fail %" PRIu64 " compact_success %" PRIu64
		" compact_migrate_scanned %" PRIu64 " compact_free_scanned %" PRIu64
		" compact_isolated %" PRIu64 "\n", ms.compact_stall, ms.compact_fail,
		ms.compact_success, ms.compact_migrate_scanned, ms.compact_free_scanned,
		ms.compact_isolated);
	fprintf(out, "compact_daemon_wake %" PRIu64 " compact_daemon_migrate_scanned %" PRIu64
		" compact_daemon_free_scanned %" PRIu64 " pgmigrate_success %" PRIu64
		" pgmigrate_fail %" PRIu64 "\n", ms.compact_daemon_wake,
		ms.compact_daemon_migrate_scanned, ms.compact_daemon_free_scanned,
		ms.pgmigrate_success, ms.pgmigrate_fail);
	if (ms.oom_kill)
		fprintf(out, "oom_kill %" PRIu64 "\n", ms.oom_kill);
	if (cfg->model.kcompactd == MMSIM_KCOMPACTD_BABKA)
		fprintf(out, "kcompactd (babka): %" PRIu64 " rounds, %" PRIu64 " met their targets, %"
			PRIu64 " back-offs\n", ms.kcompactd_babka_rounds, ms.kcompactd_babka_met,
			ms.kcompactd_babka_backoffs);
	else
		fprintf(out, "kcompactd (proactive, vm.compaction_proactiveness=%u): %" PRIu64
			" proactive rounds, %" PRIu64 " followed by the 32 s back-off\n",
			cfg->sysctl.compaction_proactiveness, ms.kcompactd_proactive_rounds,
			ms.kcompactd_proactive_deferred);
	report_reclaim(out, cfg, &ms);
	report_swap(out, &ms);
	report_memcg(out, &ms);
}

/* /proc/diskstats fields (ms there, ms with us here) */
static void report_diskstats(FILE *out, const struct run_result *run)
{
	unsigned int nr = mmsim_nr_devices(run->sim);
	char a[32], b[32], c[32], d[32];

	if (!nr)
		return;
	fprintf(out, "\n%-12s %-5s %7s %9s %7s %11s %12s %9s %7s %11s %12s %5s %11s %12s %7s %6s\n",
		"device", "type", "maj:min", "reads", "rmerge", "rsect", "read ms", "writes",
		"wmerge", "wsect", "write ms", "infl", "io ms", "queue ms", "flushes", "errors");
	for (unsigned int i = 0; i < nr; i++) {
		struct mmsim_device_stats ds;
		char devt[16];

		mmsim_device_stats(run->sim, i, &ds);
		snprintf(devt, sizeof(devt), "%u:%u", ds.major, ds.minor);
		fprintf(out, "%-12s %-5s %7s %9" PRIu64 " %7" PRIu64 " %11" PRIu64 " %12s %9" PRIu64
			" %7" PRIu64 " %11" PRIu64 " %12s %5" PRIu64 " %11s %12s %7" PRIu64
			" %6" PRIu64 "%s%s\n",
			ds.name, ds.type, devt, ds.reads, ds.reads_merged, ds.sectors_read,
			fmt_ms(a, sizeof(a), ds.read_ns), ds.writes, ds.writes_merged,
			ds.sectors_written, fmt_ms(b, sizeof(b), ds.write_ns), ds.in_flight,
			fmt_ms(c, sizeof(c), ds.io_ticks_ns), fmt_ms(d, sizeof(d), ds.time_in_queue_ns),
			ds.flushes, ds.errors, strcmp(ds.state, "live") ? "  " : "",
			strcmp(ds.state, "live") ? ds.state : "");
	}
}

/* the kernel log, if the kernel said anything (the OOM killer) */
static void report_dmesg(FILE *out, const struct run_result *run)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return;
	mmsim_dmesg(run->sim, f);
	fclose(f);
	if (len)
		fprintf(out, "\nkernel log (dmesg):\n%s", text);
	free(text);
}

void report_text(FILE *out, const struct run_result *run)
{
	const struct mmsim_config *cfg = mmsim_config_of(run->sim);
	struct mmsim_engine_stats es;
	struct mmsim_sysctl sc;
	char a[32], b[32], c[32], d[32], e[32], f[32];

	fprintf(out, "mmsim %s  seed %" PRIu64 "  scenario %s\n", MMSIM_VERSION, cfg->seed,
		cfg->source);
	fprintf(out, "settings (not default):\n");
	mmsim_config_foreach_nondefault(cfg, print_setting, out);
	mmsim_effective_sysctl(run->sim, &sc);
	fprintf(out, "sysctl: kernel.sched_latency_ns=%" PRIu64
		" kernel.sched_min_granularity_ns=%" PRIu64
		" kernel.sched_wakeup_granularity_ns=%" PRIu64
		" kernel.sched_tunable_scaling=%u\n",
		sc.sched_latency_ns, sc.sched_min_granularity_ns,
		sc.sched_wakeup_granularity_ns, sc.sched_tunable_scaling);
	fprintf(out, "cost (ns):");
	for (int i = 0; i < NR_MMSIM_COSTS; i++)
		fprintf(out, " %s=%" PRIu64, mmsim_cost_name((enum mmsim_cost_item)i), cfg->cost[i]);
	fprintf(out, "\n\n");

	fprintf(out, "%-16s %-10s %5s %8s %11s %11s %11s %9s %9s %9s %8s %8s %6s\n",
		"job", "kind", "tasks", "loops", "cpu ms", "wait ms", "sleep ms",
		"lat50 us", "lat99 us", "latmax us", "nvcsw", "nivcsw", "migr");
	for (unsigned int j = 0; j < cfg->nr_jobs; j++) {
		struct mmsim_job_stats js;

		mmsim_job_stats(run->sim, j, &js);
		fprintf(out, "%-16s %-10s %5u %8" PRIu64 " %11s %11s %11s %9s %9s %9s %8" PRIu64
			" %8" PRIu64 " %6" PRIu64 "\n",
			js.name, mmsim_job_kind_name(js.kind), js.nr_tasks, js.loops,
			fmt_ms(a, sizeof(a), js.cpu_time_ns), fmt_ms(b, sizeof(b), js.wait_time_ns),
			fmt_ms(c, sizeof(c), js.sleep_time_ns), fmt_us(d, sizeof(d), js.lat_p50_ns),
			fmt_us(e, sizeof(e), js.lat_p99_ns), fmt_us(f, sizeof(f), js.lat_max_ns),
			js.nr_voluntary_switches, js.nr_involuntary_switches, js.nr_migrations);
		if (js.errors)
			fprintf(out, "%-16s %" PRIu64 " %s\n", "", js.errors,
				js.kind == MMSIM_JOB_MEM || js.kind == MMSIM_JOB_REPLAY ?
				"failed accesses (VM_FAULT_OOM or VM_FAULT_SIGBUS)" :
				"failed calls (I/O errors, injected faults, or no memory)");
		if (js.oom_killed)
			fprintf(out, "%-16s killed by the OOM killer at %s ms\n", "",
				fmt_ms(a, sizeof(a), js.oom_kill_ns));
	}
	report_io_jobs(out, run);
	report_alloc_jobs(out, run);
	report_mem_jobs(out, run);
	report_stalls(out, run);
	report_diskstats(out, run);
	report_mm(out, run);
	fprintf(out, "\n%-5s %11s %11s %9s\n", "cpu", "busy ms", "idle ms", "switches");
	for (unsigned int cpu = 0; cpu < cfg->nr_cpus; cpu++) {
		struct mmsim_cpu_stats cs;

		mmsim_cpu_stats(run->sim, cpu, &cs);
		fprintf(out, "%-5u %11s %11s %9" PRIu64 "\n", cpu, fmt_ms(a, sizeof(a), cs.busy_ns),
			fmt_ms(b, sizeof(b), cs.idle_ns), cs.nr_switches);
	}
	mmsim_engine_stats(run->sim, &es);
	fprintf(out, "\nengine: virtual time %s ms, %" PRIu64 " events, %" PRIu64
		" inline charges, %" PRIu64 " forks, %" PRIu64 " switches, %" PRIu64
		" tasks left\n",
		fmt_ms(a, sizeof(a), es.virtual_time_ns), es.nr_events, es.nr_inline_charges,
		es.nr_forks, es.nr_switches, es.nr_tasks_left);
	if (es.nr_faults_injected)
		fprintf(out, "faults injected: %" PRIu64 "\n", es.nr_faults_injected);
	report_dmesg(out, run);
}

/* ---- several variants side by side ---- */

static const struct row *find_row(const struct rows *rows, const char *key)
{
	for (size_t i = 0; i < rows->nr; i++)
		if (!strcmp(rows->v[i].key, key))
			return &rows->v[i];
	return NULL;
}

void report_side_by_side(FILE *out, const struct run_result *runs, size_t nr)
{
	struct rows *all = calloc(nr, sizeof(*all));
	size_t keyw = 8, colw = 12;

	if (!all) {
		fprintf(stderr, "mmsim: out of memory\n");
		exit(1);
	}
	for (size_t i = 0; i < nr; i++) {
		run_rows(&runs[i], &all[i]);
		if (strlen(runs[i].label) > colw)
			colw = strlen(runs[i].label);
	}
	/* Keys in the order of the first run, then any only later runs have. */
	for (size_t i = 0; i < nr; i++)
		for (size_t r = 0; r < all[i].nr; r++) {
			size_t l = strlen(all[i].v[r].key);

			if (l > keyw)
				keyw = l;
			l = strlen(all[i].v[r].val);
			if (l > colw)
				colw = l;
		}
	fprintf(out, "mmsim %s  %zu variants\n\n%-*s", MMSIM_VERSION, nr, (int)keyw, "variant");
	for (size_t i = 0; i < nr; i++)
		fprintf(out, "  %*s", (int)colw, runs[i].label);
	fputc('\n', out);
	for (size_t i = 0; i < nr; i++) {
		for (size_t r = 0; r < all[i].nr; r++) {
			const char *key = all[i].v[r].key;
			bool seen = false;

			for (size_t p = 0; p < i && !seen; p++)
				seen = find_row(&all[p], key) != NULL;
			if (seen)
				continue;
			fprintf(out, "%-*s", (int)keyw, key);
			for (size_t v = 0; v < nr; v++) {
				const struct row *row = find_row(&all[v], key);

				fprintf(out, "  %*s", (int)colw, row ? row->val : "-");
			}
			fputc('\n', out);
		}
	}
	for (size_t i = 0; i < nr; i++)
		free(all[i].v);
	free(all);
}

/* ---- JSON ---- */

static void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(out, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(out, "\\u%04x", ch);
		else
			fputc(ch, out);
	}
	fputc('"', out);
}

static void json_run(FILE *out, const struct run_result *run)
{
	const struct mmsim_config *cfg = mmsim_config_of(run->sim);
	struct rows rows = { 0 };

	run_rows(run, &rows);
	fprintf(out, "{\n  \"version\": ");
	json_string(out, MMSIM_VERSION);
	fprintf(out, ",\n  \"scenario\": ");
	json_string(out, cfg->source);
	fprintf(out, ",\n  \"variant\": ");
	json_string(out, run->label);
	for (size_t i = 0; i < rows.nr; i++) {
		fprintf(out, ",\n  ");
		json_string(out, rows.v[i].key);
		fprintf(out, ": ");
		if (rows.v[i].number)
			fputs(rows.v[i].val, out);
		else
			json_string(out, rows.v[i].val);
	}
	fprintf(out, "\n}");
	free(rows.v);
}

void report_json(FILE *out, const struct run_result *runs, size_t nr)
{
	if (nr == 1) {
		json_run(out, &runs[0]);
		fputc('\n', out);
		return;
	}
	fputs("[\n", out);
	for (size_t i = 0; i < nr; i++) {
		json_run(out, &runs[i]);
		fputs(i + 1 < nr ? ",\n" : "\n", out);
	}
	fputs("]\n", out);
}
