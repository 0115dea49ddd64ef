// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench/bench_page_alloc.c - the page allocator: host ns per alloc/free, compaction, memory
 *
 * usage: bench_page_alloc [--quick] [pcp|order9|compact|memory|startup|all]...
 *        (default: all; --quick runs the pcp and order9 loops 100 times
 *        shorter, for valgrind --tool=callgrind or a smoke test)
 *
 * pcp      order-0 alloc_pages_node() + free_pages_cpu() pairs on an 8 GiB
 *          one-node machine with 4 CPUs (allocating on CPU 0): a steady
 *          alloc/free loop that never leaves the per-CPU list, then bursts
 *          of a window of pages (allocate W, free W) so the list refills
 *          from and drains to the buddy lists in batches; also rmqueue()
 *          directly, without the zonelist and watermark of the fast path.
 * order9   order-9 pairs (THP-sized: the 6.2 kernel keeps them on a pcp
 *          list), bursts of 64 order-9 blocks (beyond pcp high: buddy
 *          splits and merges), and order-10 pairs (buddy lists only).
 * compact  a 1 GiB DMA32 zone filled with order-0 movable pages of a
 *          registered owner, every other page freed (no free block above
 *          order 0), then compact_zone() over the whole zone (order -1,
 *          MIGRATE_SYNC): pages scanned by both scanners and pages
 *          migrated per host second, best of 3.
 * memory   host bytes per simulated page: the static share (struct page,
 *          pageblock flags, pcp) and the RSS growth of mm_init() for 16 GiB.
 * startup  mm_init() and mm_release() of 256 GiB, one node and 4 x 64 GiB:
 *          host time, RSS and host page faults.
 *
 * Host timing uses CLOCK_MONOTONIC (allowed here, never in src/); each
 * loop is timed in 5 chunks, and the best chunk and the mean are printed.
 * pcp, order9 and compact end with mm_check_invariants().  A run takes 20 to
 * 40 s on a 2-core VM, most of it the host page faults of the two 256 GiB
 * mem_maps (2.5 GiB each); see docs/PERFORMANCE.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "lib/compiler.h"
#include "mm/internal.h"

#define GIB_PAGES(g)	((unsigned long)(g) << (30 - PAGE_SHIFT))

/* --quick divides the pcp and order9 loop counts by this */
static unsigned long iter_divisor = 1;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Resident set size in bytes, from /proc/self/statm. */
static unsigned long rss_bytes(void)
{
	unsigned long size = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (!f)
		return 0;
	if (fscanf(f, "%lu %lu", &size, &resident) != 2)
		resident = 0;
	fclose(f);
	return resident * (unsigned long)sysconf(_SC_PAGESIZE);
}

static unsigned long rss_growth_since(unsigned long rss0)
{
	unsigned long rss = rss_bytes();

	return rss > rss0 ? rss - rss0 : 0;
}

/* struct mm_state is a few hundred KB: on the heap, touched before any RSS baseline. */
static struct mm_state *mm_create(const struct mm_layout *layout)
{
	struct mm_state *mm = malloc(sizeof(*mm));
	int err;

	if (!mm)
		return NULL;
	memset(mm, 0, sizeof(*mm));
	err = mm_init(mm, layout);
	if (err) {
		fprintf(stderr, "bench_page_alloc: mm_init: %s\n", strerror(-err));
		free(mm);
		return NULL;
	}
	return mm;
}

static void mm_destroy(struct mm_state *mm)
{
	mm_release(mm);
	free(mm);
}

static int check(struct mm_state *mm, const char *what)
{
	if (mm_check_invariants(mm))
		return 0;
	fprintf(stderr, "bench_page_alloc: allocator invariants broken after %s\n", what);
	return 1;
}

static struct mm_state *machine_8g(void)
{
	struct mm_layout layout = { .nr_nodes = 1, .nr_cpus = 4 };

	layout.node[0].pages = GIB_PAGES(8);
	return mm_create(&layout);
}

/* ======================================================================
 * pcp and order-9: host ns per alloc+free pair
 * ====================================================================== */

/*
 * Every figure is taken over NR_CHUNKS equal chunks of the loop: the best
 * chunk and the mean of all are printed, because the shared VMs these run
 * on vary by tens of percent from one second to the next.
 */
#define NR_CHUNKS	5

struct pair_timing {
	double best_ns, mean_ns;	/* per pair; best_ns < 0: an allocation failed */
	unsigned long pairs;		/* timed, in all chunks */
};

static void timing_add(struct pair_timing *t, int chunk, double seconds, unsigned long pairs)
{
	double ns = seconds * 1e9 / (double)pairs;

	if (!chunk || ns < t->best_ns)
		t->best_ns = ns;
	t->mean_ns += ns / NR_CHUNKS;
	t->pairs += pairs;
}

/* Allocate and free one block, @iters times in all. */
static struct pair_timing pair_loop(struct mm_state *mm, gfp_t gfp, unsigned int order,
				    unsigned long iters)
{
	struct pair_timing t = { 0, 0, 0 };
	const struct pair_timing failed = { -1, -1, 0 };

	/* start from empty pcp lists, then warm up: the first refill steals a block */
	drain_all_pages(mm, NULL);
	for (int i = 0; i < 1000; i++) {
		struct page *page = alloc_pages_node(mm, gfp, order, 0, 0, 0);

		if (!page)
			return failed;
		free_pages_cpu(mm, page, order, 0);
	}
	for (int c = 0; c < NR_CHUNKS; c++) {
		double t0 = now_s();

		for (unsigned long i = 0; i < iters / NR_CHUNKS; i++) {
			struct page *page = alloc_pages_node(mm, gfp, order, 0, 0, 0);

			if (!page)
				return failed;
			free_pages_cpu(mm, page, order, 0);
		}
		timing_add(&t, c, now_s() - t0, iters / NR_CHUNKS);
	}
	return t;
}

/* Bursts: allocate @window blocks, free them in the same order; @pairs in all. */
static struct pair_timing window_loop(struct mm_state *mm, gfp_t gfp, unsigned int order,
				      unsigned long window, unsigned long pairs)
{
	struct page **pages = malloc(window * sizeof(*pages));
	unsigned long rounds = pairs / window / NR_CHUNKS;
	struct pair_timing t = { -1, -1, 0 };

	if (!pages || !rounds)
		goto out;
	t.mean_ns = 0;
	drain_all_pages(mm, NULL);
	/* chunk -1 is the warm-up */
	for (int c = -1; c < NR_CHUNKS; c++) {
		double t0 = now_s();

		for (unsigned long r = 0; r < rounds; r++) {
			for (unsigned long i = 0; i < window; i++) {
				pages[i] = alloc_pages_node(mm, gfp, order, 0, 0, 0);
				if (!pages[i]) {
					t.best_ns = t.mean_ns = -1;
					goto out;
				}
			}
			for (unsigned long i = 0; i < window; i++)
				free_pages_cpu(mm, pages[i], order, 0);
		}
		if (c >= 0)
			timing_add(&t, c, now_s() - t0, rounds * window);
	}
out:
	free(pages);
	return t;
}

/* rmqueue() + free_pages_cpu(): the pcp list without the zonelist and watermark. */
static struct pair_timing rmqueue_loop(struct mm_state *mm, struct zone *zone, int mt,
				       unsigned long iters)
{
	struct pair_timing t = { 0, 0, 0 };
	const struct pair_timing failed = { -1, -1, 0 };

	drain_all_pages(mm, NULL);
	for (int c = 0; c < NR_CHUNKS; c++) {
		double t0 = now_s();

		for (unsigned long i = 0; i < iters / NR_CHUNKS; i++) {
			struct page *page = rmqueue(mm, zone, 0, 0, mt, ALLOC_WMARK_LOW);

			if (!page)
				return failed;
			free_pages_cpu(mm, page, 0, 0);
		}
		timing_add(&t, c, now_s() - t0, iters / NR_CHUNKS);
	}
	return t;
}

static int report_pairs(const char *what, gfp_t gfp, struct pair_timing t)
{
	char name[128];

	if (t.best_ns < 0) {
		fprintf(stderr, "bench_page_alloc: %s: allocation failed\n", what);
		return 1;
	}
	printf("%-36s %-22s %9lu pairs: %8.1f ns/pair best, %8.1f mean\n", what,
	       gfp ? gfp_format(gfp, name, sizeof(name)) : "-", t.pairs, t.best_ns, t.mean_ns);
	return 0;
}

static int bench_pcp(void)
{
	static const gfp_t gfps[] = { GFP_KERNEL, GFP_HIGHUSER_MOVABLE };
	static const unsigned long windows[] = { 256, 4096 };
	const unsigned long iters = 10000000 / iter_divisor, burst_pairs = 4000000 / iter_divisor;
	struct mm_state *mm = machine_8g();
	struct zone *normal;
	int ret = 0;

	if (!mm)
		return 1;
	normal = &mm->nodes[0].node_zones[ZONE_NORMAL];
	printf("pcp: 8 GiB, 1 node, 4 CPUs; Normal zone pcp batch %d, high %d\n",
	       normal->pcp[0].batch, normal->pcp[0].high);
	for (size_t g = 0; g < ARRAY_SIZE(gfps) && !ret; g++) {
		ret = report_pairs("order-0 pair, steady (pcp only)", gfps[g],
				   pair_loop(mm, gfps[g], 0, iters));
		for (size_t w = 0; w < ARRAY_SIZE(windows) && !ret; w++) {
			char what[64];

			snprintf(what, sizeof(what), "order-0 pair, bursts of %lu", windows[w]);
			ret = report_pairs(what, gfps[g],
					   window_loop(mm, gfps[g], 0, windows[w], burst_pairs));
		}
	}
	if (!ret)
		ret = report_pairs("order-0 rmqueue+free, Movable", 0,
				   rmqueue_loop(mm, normal, MIGRATE_MOVABLE, iters));
	ret = ret || check(mm, "pcp");
	mm_destroy(mm);
	return ret;
}

static int bench_order9(void)
{
	const unsigned long iters = 200000 / iter_divisor;
	struct mm_state *mm = machine_8g();
	int ret;

	if (!mm)
		return 1;
	printf("order9: 8 GiB, 1 node, 4 CPUs\n");
	ret = report_pairs("order-9 pair, steady (pcp THP list)", GFP_TRANSHUGE_LIGHT,
			   pair_loop(mm, GFP_TRANSHUGE_LIGHT, 9, iters));
	ret = ret || report_pairs("order-9 pair, bursts of 64 (buddy)", GFP_TRANSHUGE_LIGHT,
				  window_loop(mm, GFP_TRANSHUGE_LIGHT, 9, 64, iters));
	ret = ret || report_pairs("order-10 pair, steady (buddy)", GFP_KERNEL | GFPF_COMP,
				  pair_loop(mm, GFP_KERNEL | GFPF_COMP, 10, iters / 2));
	ret = ret || check(mm, "order9");
	mm_destroy(mm);
	return ret;
}

/* ======================================================================
 * compaction
 * ====================================================================== */

/* The owner of the movable pages: object i lives at where[i], its tag is i + 1. */
struct bench_owner {
	unsigned long *where;
	unsigned long nr;
};

static bool owner_isolate(struct mm_state *mm, struct page *page, void *ctx)
{
	return true;
}

static int owner_migrate(struct mm_state *mm, struct page *dst, struct page *src, void *ctx)
{
	struct bench_owner *o = ctx;

	o->where[dst->private_data] = page_to_pfn(mm, dst);
	return 0;
}

static void owner_putback(struct mm_state *mm, struct page *page, void *ctx)
{
}

static const struct movable_operations owner_ops = {
	.isolate_page = owner_isolate,
	.migrate_page = owner_migrate,
	.putback_page = owner_putback,
};

struct compact_figures {
	double seconds;
	unsigned long migrate_scanned, free_scanned, migrated;
	unsigned long huge_before, huge_after;	/* free pageblocks, counted in 512 pages */
	enum compact_result result;
};

static unsigned long free_pageblocks(const struct zone *zone)
{
	unsigned long n = 0;

	for (unsigned int o = pageblock_order; o < NR_PAGE_ORDERS; o++)
		n += zone->free_area[o].nr_free << (o - pageblock_order);
	return n;
}

static int compact_round(struct compact_figures *f)
{
	/* DMA32 is [16 MiB, 4 GiB): with 16 MiB more than 1 GiB it is exactly 1 GiB */
	struct mm_layout layout = { .nr_nodes = 1, .nr_cpus = 1 };
	struct bench_owner own = { 0 };
	struct compact_control cc;
	struct mm_state *mm;
	struct zone *zone;
	struct page *page;
	int owner, ret = 1;
	double t0;

	layout.node[0].pages = GIB_PAGES(1) + (16UL << (20 - PAGE_SHIFT));
	mm = mm_create(&layout);
	if (!mm)
		return 1;
	zone = &mm->nodes[0].node_zones[ZONE_DMA32];
	own.where = malloc(zone->spanned_pages * sizeof(*own.where));
	owner = mm_register_owner(mm, &owner_ops, &own);
	if (!own.where || owner <= 0)
		goto out;
	/* fill the zone: rmqueue() takes it all, below the watermarks too */
	while ((page = rmqueue(mm, zone, 0, 0, MIGRATE_MOVABLE, 0)) != NULL) {
		page->owner = (uint32_t)owner;
		page->private_data = own.nr;
		page->tag = own.nr + 1;
		own.where[own.nr++] = page_to_pfn(mm, page);
	}
	/* free every other page: nothing above order 0 is left free */
	for (unsigned long i = 0; i < own.nr; i++)
		if (own.where[i] & 1) {
			free_pages_cpu(mm, pfn_to_page(mm, own.where[i]), 0, 0);
			own.where[i] = PFN_NONE;
		}
	drain_all_pages(mm, NULL);
	if (zone->free_area[1].nr_free) {
		fprintf(stderr, "bench_page_alloc: compact: the zone is not fragmented\n");
		goto out;
	}
	cc = (struct compact_control){
		.zone = zone, .order = -1, .mode = MIGRATE_SYNC, .ignore_skip_hint = true,
		.whole_zone = true, .highest_zoneidx = ZONE_DMA32,
	};
	f->huge_before = free_pageblocks(zone);
	t0 = now_s();
	f->result = compact_zone(mm, &cc, NULL);
	f->seconds = now_s() - t0;
	f->huge_after = free_pageblocks(zone);
	f->migrate_scanned = cc.total_migrate_scanned;
	f->free_scanned = cc.total_free_scanned;
	f->migrated = cc.nr_migrated;
	/* every object kept its content */
	for (unsigned long i = 0; i < own.nr; i++) {
		if (own.where[i] == PFN_NONE)
			continue;
		page = pfn_to_page(mm, own.where[i]);
		if (page->tag != i + 1 || page->private_data != i ||
		    page->owner != (uint32_t)owner) {
			fprintf(stderr, "bench_page_alloc: compact: object %lu lost\n", i);
			goto out;
		}
	}
	ret = check(mm, "compaction");
out:
	free(own.where);
	mm_destroy(mm);
	return ret;
}

static const char *const compact_result_names[] = {
	[COMPACT_NOT_SUITABLE_ZONE] = "not_suitable_zone", [COMPACT_SKIPPED] = "skipped",
	[COMPACT_DEFERRED] = "deferred", [COMPACT_NO_SUITABLE_PAGE] = "no_suitable_page",
	[COMPACT_CONTINUE] = "continue", [COMPACT_COMPLETE] = "complete",
	[COMPACT_PARTIAL_SKIPPED] = "partial_skipped", [COMPACT_CONTENDED] = "contended",
	[COMPACT_SUCCESS] = "success",
};

static int bench_compact(void)
{
	struct compact_figures best = { .seconds = 0 };

	for (int round = 0; round < 3; round++) {
		struct compact_figures f;

		if (compact_round(&f))
			return 1;
		if (!round || f.seconds < best.seconds)
			best = f;
	}
	printf("compact: 1 GiB DMA32 zone, every other page free, compact_zone(order -1, sync); "
	       "free pageblocks %lu before, %lu after\n", best.huge_before, best.huge_after);
	printf("compaction %lu scanned (%lu migrate + %lu free), %lu migrated in %.2f ms: "
	       "%.1f M pages scanned/s, %.1f M pages migrated/s (best of 3, %s)\n",
	       best.migrate_scanned + best.free_scanned, best.migrate_scanned, best.free_scanned,
	       best.migrated, best.seconds * 1e3,
	       (double)(best.migrate_scanned + best.free_scanned) / best.seconds / 1e6,
	       (double)best.migrated / best.seconds / 1e6, compact_result_names[best.result]);
	return 0;
}

/* ======================================================================
 * memory and start-up
 * ====================================================================== */

struct startup_figures {
	unsigned long pages;
	double init_s, release_s;
	unsigned long rss_growth, rss_after_release;
	long minor_faults;		/* host page faults taken by mm_init() */
};

static long minor_faults(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

static int startup_run(const struct mm_layout *layout, struct startup_figures *f)
{
	struct mm_state *mm = malloc(sizeof(*mm));
	unsigned long rss0;
	double t0, t1;
	int err;

	if (!mm)
		return 1;
	memset(mm, 0, sizeof(*mm));
	rss0 = rss_bytes();
	f->minor_faults = minor_faults();
	t0 = now_s();
	err = mm_init(mm, layout);
	t1 = now_s();
	f->minor_faults = minor_faults() - f->minor_faults;
	if (err) {
		fprintf(stderr, "bench_page_alloc: mm_init: %s\n", strerror(-err));
		free(mm);
		return 1;
	}
	f->pages = mm->nr_pfns;
	f->init_s = t1 - t0;
	f->rss_growth = rss_growth_since(rss0);
	t0 = now_s();
	mm_release(mm);
	f->release_s = now_s() - t0;
	f->rss_after_release = rss_growth_since(rss0);
	free(mm);
	return 0;
}

static int bench_memory(void)
{
	struct mm_layout layout = { .nr_nodes = 1, .nr_cpus = 64 };
	double pb = 1.0 / (double)pageblock_nr_pages;
	struct startup_figures f;

	printf("memory: struct page %zu B, pageblock flags %.4f B/page, struct per_cpu_pages %zu B "
	       "per zone and CPU, struct mm_state %zu B\n",
	       sizeof(struct page), pb, sizeof(struct per_cpu_pages), sizeof(struct mm_state));
	layout.node[0].pages = GIB_PAGES(16);
	if (startup_run(&layout, &f))
		return 1;
	printf("bytes per page: %.3f static (struct page + pageblock flags), "
	       "%.3f measured (RSS growth of mm_init, 16 GiB, 64 CPUs: %.1f MiB / %lu pages)\n",
	       (double)sizeof(struct page) + pb, (double)f.rss_growth / (double)f.pages,
	       (double)f.rss_growth / (1 << 20), f.pages);
	return 0;
}

static int bench_startup(void)
{
	struct mm_layout one = { .nr_nodes = 1, .nr_cpus = 64 };
	struct mm_layout four = { .nr_nodes = 4, .nr_cpus = 64 };
	const struct { const char *name; const struct mm_layout *layout; } runs[] = {
		{ "256 GiB, 1 node", &one }, { "256 GiB, 4 x 64 GiB", &four },
	};

	one.node[0].pages = GIB_PAGES(256);
	for (int nid = 0; nid < 4; nid++)
		four.node[nid].pages = GIB_PAGES(64);
	for (size_t i = 0; i < ARRAY_SIZE(runs); i++) {
		struct startup_figures f;

		if (startup_run(runs[i].layout, &f))
			return 1;
		printf("startup %-20s 64 CPUs: mm_init %7.3f s, RSS +%7.1f MiB (%.2f B/page), "
		       "%ld host page faults; mm_release %.3f s, RSS left %.1f MiB\n",
		       runs[i].name, f.init_s, (double)f.rss_growth / (1 << 20),
		       (double)f.rss_growth / (double)f.pages, f.minor_faults, f.release_s,
		       (double)f.rss_after_release / (1 << 20));
	}
	return 0;
}

/* ======================================================================
 * main
 * ====================================================================== */

static const struct {
	const char *name;
	int (*run)(void);
} parts[] = {
	{ "pcp", bench_pcp },
	{ "order9", bench_order9 },
	{ "compact", bench_compact },
	{ "memory", bench_memory },
	{ "startup", bench_startup },
};

static bool part_named(const char *arg, const char *name)
{
	return !strcmp(arg, "all") || !strcmp(arg, name);
}

int main(int argc, char **argv)
{
	int first = 1, nr_named = 0;

	if (argc > 1 && !strcmp(argv[1], "--quick")) {
		iter_divisor = 100;
		first = 2;
	}
	for (int a = first; a < argc; a++) {
		bool known = !strcmp(argv[a], "all");

		for (size_t i = 0; i < ARRAY_SIZE(parts); i++)
			known = known || !strcmp(argv[a], parts[i].name);
		if (!known) {
			fprintf(stderr, "bench_page_alloc: unknown part '%s'\n"
				"usage: bench_page_alloc [--quick] "
				"[pcp|order9|compact|memory|startup|all]...\n", argv[a]);
			return 2;
		}
		nr_named++;
	}
	for (size_t i = 0; i < ARRAY_SIZE(parts); i++) {
		bool wanted = !nr_named;

		for (int a = first; a < argc; a++)
			wanted = wanted || part_named(argv[a], parts[i].name);
		if (wanted && parts[i].run())
			return 1;
		fflush(stdout);
	}
	return 0;
}
