// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench/bench_events.c - engine throughput: events per host second
 *
 * usage: bench_events [TASKS...]     (default: 16 1000 10000 100000)
 *
 * For each task count, a 16-CPU machine runs one cpu job with that many
 * threads, each looping { exp(20 us) CPU burst; exp(think) nanosleep },
 * with think chosen so the CPUs are about 80% busy whatever the task
 * count.  Every loop costs a timer event, a wakeup, switches and a run
 * event, so this exercises the event queue, the runqueues and coroutine
 * switches together.  Prints events (taken from the queue) per second and
 * events plus inline charges per second; run from a release build.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "mmsim/config.h"
#include "mmsim/sim.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int bench(unsigned int tasks)
{
	struct mmsim_config *cfg = malloc(sizeof(*cfg));
	struct mmsim_engine_stats es;
	struct mmsim_error err;
	char ini[512];
	uint64_t think_us, runtime_ms;
	double t0, t1;
	mmsim_t *sim;

	if (!cfg)
		return 1;
	/* 16 CPUs at 80%: each task runs 20 us per (20 us + think). */
	think_us = (uint64_t)tasks * 20 * 100 / (16 * 80);
	think_us = think_us > 20 ? think_us - 20 : 1;
	/* about 4 million loops in all */
	runtime_ms = 4000000ULL * (20 + think_us) / tasks / 1000;
	if (runtime_ms < 10)
		runtime_ms = 10;
	snprintf(ini, sizeof(ini),
		 "[global]\nruntime=%" PRIu64 "ms\n[machine]\ncpus=16\n"
		 "[load]\nthreads=%u\nburst=exp:20us\nthink=exp:%" PRIu64 "us\n",
		 runtime_ms, tasks, think_us);
	mmsim_config_init(cfg);
	if (mmsim_config_load_string(cfg, "bench", ini, &err)) {
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
	printf("tasks %6u: %10" PRIu64 " events in %6.3f s: %6.2f M events/s, "
	       "%6.2f M events+charges/s, %" PRIu64 " switches\n",
	       tasks, es.nr_events, t1 - t0, (double)es.nr_events / (t1 - t0) / 1e6,
	       (double)(es.nr_events + es.nr_inline_charges) / (t1 - t0) / 1e6, es.nr_switches);
	mmsim_free(sim);
	return 0;
}

int main(int argc, char **argv)
{
	static const unsigned int defaults[] = { 16, 1000, 10000, 100000 };

	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			if (bench((unsigned int)strtoul(argv[i], NULL, 10)))
				return 1;
		return 0;
	}
	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		if (bench(defaults[i]))
			return 1;
	return 0;
}
