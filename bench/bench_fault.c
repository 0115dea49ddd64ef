// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench/bench_fault.c - simulated page faults per host second
 *
 * usage: bench_fault [CASE...]     (default: every case below)
 *
 * Each case is one kind=mem job; it reports the faults and accesses
 * simulated and the faults per host second of mmsim_run() alone (the
 * machine's setup is timed apart: it writes the page array once).  The
 * anonymous cases measure do_anonymous_page() with the allocator's fast
 * path, zeroing cost and LRU insertion; the file case adds the page cache
 * and readahead over a null device.  Run from a release build
 * (docs/PERFORMANCE.md).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mmsim/config.h"
#include "mmsim/sim.h"

struct bench_case {
	const char *name;
	const char *ini;
};

static const struct bench_case cases[] = {
	{ "anon-seq-6g", "[global]\nruntime=100s\n[machine]\ncpus=4\nmemory=8G\n"
			 "[m]\nkind=mem\nsize=6G\nloops=1\nwrites=100\n" },
	{ "anon-rand-6g-4t", "[global]\nruntime=100s\n[machine]\ncpus=4\nmemory=8G\n"
			     "[m]\nkind=mem\nsize=6G\nloops=1\nwrites=50\npattern=rand\nthreads=4\n" },
	{ "file-seq-4g", "[global]\nruntime=100s\n[machine]\ncpus=4\nmemory=8G\n"
			 "[device.d0]\ntype=null\nsize=4G\n[file.f]\ndevice=d0\nsize=4G\n"
			 "[m]\nkind=mem\nfile=f\nloops=1\nwrites=0\n" },
	/* LRU-heavy: a 16G file mapped on a 4G machine, so every major fault reclaims */
	{ "file-lru-16g-4g", "[global]\nruntime=1000s\n[machine]\ncpus=4\nmemory=4G\n"
			     "[device.d0]\ntype=null\nsize=16G\n[file.f]\ndevice=d0\nsize=16G\n"
			     "[m]\nkind=mem\nfile=f\nloops=1\nwrites=0\n" },
	/*
	 * A 64G machine under pressure for 60 virtual seconds: a hog holds 48G,
	 * a mapped 64G file is read at random by 4 threads from an nvme drive,
	 * and a writer streams 1M writes through the page cache.
	 */
	{ "pressure-64g-60s", "[global]\nruntime=60s\n[machine]\ncpus=16\nmemory=64G\n"
			      "[device.d0]\ntype=nvme\nsize=256G\n"
			      "[file.f]\ndevice=d0\nsize=64G\n[file.w]\ndevice=d0\nsize=64G\n"
			      "[m]\nkind=mem\nfile=f\nloops=0\nwrites=0\npattern=rand\nthreads=4\n"
			      "[hog]\nkind=mem\nsize=48G\nloops=1\nwrites=100\n"
			      "[w]\nkind=file\nfile=w\nrw=write\nbs=1M\nloops=0\n" },
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int bench(const struct bench_case *c)
{
	struct mmsim_config *cfg = malloc(sizeof(*cfg));
	struct mmsim_job_stats js;
	struct mmsim_error err;
	double t0, t1, t2;
	mmsim_t *sim;

	if (!cfg)
		return 1;
	mmsim_config_init(cfg);
	if (mmsim_config_load_string(cfg, c->name, c->ini, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		free(cfg);
		return 1;
	}
	t0 = now_s();
	sim = mmsim_create(cfg, &err);
	free(cfg);
	if (!sim) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	t1 = now_s();
	mmsim_run(sim);
	t2 = now_s();
	mmsim_job_stats(sim, 0, &js);
	printf("%-16s setup %6.3f s, run %6.3f s: %9" PRIu64 " faults (%7" PRIu64 " major), "
	       "%10" PRIu64 " accesses, %5.2f M faults/s, %5.1f M accesses/s\n", c->name,
	       t1 - t0, t2 - t1, js.mem_faults, js.mem_major_faults, js.mem_accesses,
	       (double)js.mem_faults / (t2 - t1) / 1e6, (double)js.mem_accesses / (t2 - t1) / 1e6);
	mmsim_free(sim);
	return 0;
}

int main(int argc, char **argv)
{
	int ret = 0;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool want = argc < 2;

		for (int a = 1; a < argc; a++)
			want |= !strcmp(argv[a], cases[i].name);
		if (want)
			ret |= bench(&cases[i]);
	}
	return ret;
}
