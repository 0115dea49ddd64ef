// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench/bench_block.c - block layer throughput: simulated I/Os per host second
 *
 * usage: bench_block [CASE...]     (default: every case below)
 *
 * Each case is a scenario with one device and one kind=io job (fio-like
 * random reads of 4K); it runs for a fixed virtual time and reports the
 * I/Os completed, the simulated IOPS, and the I/Os, events and switches
 * per host second.  The null cases measure the block layer's own cost
 * (submit_bio, request allocation, completion event, wakeup, reaping);
 * the nvme cases add the model with queueing in the device.  Run from a
 * release build (docs/PERFORMANCE.md).
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
	{ "null-qd1", "[global]\nruntime=2s\n[machine]\ncpus=1\n[device.nb]\ntype=null\n"
		      "[fio]\nkind=io\ndevice=nb\nrw=randread\niodepth=1\n" },
	{ "null-qd32", "[global]\nruntime=2s\n[machine]\ncpus=1\n[device.nb]\ntype=null\n"
		       "[fio]\nkind=io\ndevice=nb\nrw=randread\niodepth=32\n" },
	{ "null-qd32-10us-4t", "[global]\nruntime=1s\n[machine]\ncpus=4\n[device.nb]\n"
			      "type=null\nread_lat=10us\n"
			      "[fio]\nkind=io\ndevice=nb\nrw=randread\niodepth=32\nthreads=4\n" },
	{ "nvme-qd1", "[global]\nruntime=10s\n[machine]\ncpus=1\n[device.nv]\ntype=nvme\n"
		      "[fio]\nkind=io\ndevice=nv\nrw=randread\niodepth=1\n" },
	{ "nvme-qd32", "[global]\nruntime=4s\n[machine]\ncpus=1\n[device.nv]\ntype=nvme\n"
		       "[fio]\nkind=io\ndevice=nv\nrw=randread\niodepth=32\n" },
	{ "nvme-qd128-4t", "[global]\nruntime=2s\n[machine]\ncpus=4\n[device.nv]\ntype=nvme\n"
			   "queue_depth=256\n"
			   "[fio]\nkind=io\ndevice=nv\nrw=randread\niodepth=128\nthreads=4\n" },
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
	struct mmsim_engine_stats es;
	struct mmsim_job_stats js;
	struct mmsim_error err;
	double t0, t1, ios;
	mmsim_t *sim;

	if (!cfg)
		return 1;
	mmsim_config_init(cfg);
	if (mmsim_config_load_string(cfg, c->name, c->ini, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	sim = mmsim_create(cfg, &err);
	free(cfg);
	if (!sim) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	t0 = now_s();
	mmsim_run(sim);
	t1 = now_s();
	mmsim_engine_stats(sim, &es);
	mmsim_job_stats(sim, 0, &js);
	ios = (double)(js.io_reads + js.io_writes);
	printf("%-18s %10.0f I/Os in %6.3f s: %6.2f M I/Os/s host, %8.0f IOPS simulated, "
	       "%6.2f M events/s, %5.2f switches/I/O\n",
	       c->name, ios, t1 - t0, ios / (t1 - t0) / 1e6,
	       ios * 1e9 / (double)js.io_elapsed_ns, (double)es.nr_events / (t1 - t0) / 1e6,
	       (double)es.nr_switches / ios);
	mmsim_free(sim);
	return 0;
}

int main(int argc, char **argv)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool wanted = argc < 2;

		for (int a = 1; a < argc; a++)
			wanted = wanted || !strcmp(argv[a], cases[i].name);
		if (wanted && bench(&cases[i]))
			return 1;
	}
	return 0;
}
