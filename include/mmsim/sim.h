/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmsim/sim.h - create, run and inspect a simulation
 *
 * Typical use:
 *
 *     struct mmsim_error err;
 *     mmsim_t *sim = mmsim_create(cfg, &err);
 *     mmsim_trace_start(sim, "sched:*", &err);       (optional)
 *     mmsim_run(sim);
 *     mmsim_trace_write(sim, stdout);                (optional)
 *     mmsim_job_stats(sim, 0, &stats);
 *     mmsim_free(sim);
 *
 * A simulation owns all its state; several may exist in one process.
 */
#ifndef MMSIM_SIM_H
#define MMSIM_SIM_H

#include <stdbool.h>
#include <stdio.h>

#include "mmsim/config.h"
#include "mmsim/stats.h"

typedef struct mmsim mmsim_t;

/**
 * mmsim_create - build a simulation from a validated configuration
 * @cfg: configuration (copied; the caller may free it afterwards)
 * @err: filled on failure
 *
 * Return: the simulation, or NULL (out of memory, or @cfg fails
 * mmsim_config_validate(); @err says which).
 */
mmsim_t *mmsim_create(const struct mmsim_config *cfg, struct mmsim_error *err);

/**
 * mmsim_trace_start - record tracepoints from now on
 * @sim: simulation, not yet run
 * @events: -e style filter ("sched:*", "sched_switch,sched_waking"), NULL for all
 * @err: filled on failure
 *
 * Return: 0, -EINVAL for an unknown event, -EIO if no temporary file.
 */
int mmsim_trace_start(mmsim_t *sim, const char *events, struct mmsim_error *err);

/**
 * mmsim_trace_write - write the recorded trace in ftrace text format
 * @sim: simulation after mmsim_run()
 * @out: destination
 *
 * Return: 0 or -EIO.
 */
int mmsim_trace_write(mmsim_t *sim, FILE *out);

/**
 * mmsim_run - play the scenario until every job is done or [global] runtime
 * @sim: simulation
 *
 * Return: 0, or -ELOOP if virtual time stopped advancing (ten million
 * events at one instant: a scenario whose costs are all 0 and whose tasks
 * wake each other forever), or -ENOMEM if the OOM killer found no process
 * it could kill (the kernel panics: "Out of memory and no killable
 * processes..."; the kernel log, mmsim_dmesg(), says more); the run is
 * then cut short at that instant.  Bugs abort (MM_BUG_ON).
 */
int mmsim_run(mmsim_t *sim);

/**
 * mmsim_dmesg - write the kernel log, as `dmesg` prints it
 * @sim: simulation
 * @out: destination
 *
 * Lines "[seconds.micros] message" in virtual time: the OOM killer's
 * reports so far.  Empty if nothing was logged.
 *
 * Return: 0 or -EIO.
 */
int mmsim_dmesg(const mmsim_t *sim, FILE *out);

/**
 * mmsim_check - run every invariant checker
 *
 * Return: true if all hold; otherwise each broken invariant is printed to
 * stderr.
 */
bool mmsim_check(mmsim_t *sim);

/** mmsim_free - release everything @sim owns (NULL is fine) */
void mmsim_free(mmsim_t *sim);

/** mmsim_config_of - the configuration @sim runs (its own copy) */
const struct mmsim_config *mmsim_config_of(const mmsim_t *sim);

/** mmsim_effective_sysctl - sysctls in force, with "auto" (0) values resolved */
void mmsim_effective_sysctl(const mmsim_t *sim, struct mmsim_sysctl *out);

/** mmsim_job_stats - results of job @idx (0 .. cfg->nr_jobs - 1) */
void mmsim_job_stats(const mmsim_t *sim, unsigned int idx, struct mmsim_job_stats *out);

/** mmsim_cpu_stats - results of CPU @cpu */
void mmsim_cpu_stats(const mmsim_t *sim, unsigned int cpu, struct mmsim_cpu_stats *out);

/** mmsim_nr_devices - number of block devices ([device.NAME] sections) */
unsigned int mmsim_nr_devices(const mmsim_t *sim);

/** mmsim_device_stats - /proc/diskstats-like counters of device @idx (file order) */
void mmsim_device_stats(const mmsim_t *sim, unsigned int idx, struct mmsim_device_stats *out);

/**
 * mmsim_storage_check - run the storage test suite (`mmsim check`)
 * @out: one line per check
 * @nr_seeds: power cuts per device model and mode
 *
 * Flush verification with a power-cut sweep on every model with a write
 * cache (and the broken-flush mode, which must be caught), the zoned
 * rules, hot-unplug.  Each check runs its own simulations.
 *
 * Return: the number of failed checks, or -ENOMEM.
 */
int mmsim_storage_check(FILE *out, unsigned int nr_seeds);

/** mmsim_mm_stats - the memory model's counters */
void mmsim_mm_stats(const mmsim_t *sim, struct mmsim_mm_stats *out);

/*
 * The /proc and debugfs files mmsim_proc_show() writes, by the path they
 * have on a real machine: "buddyinfo", "pagetypeinfo", "zoneinfo",
 * "vmstat", "extfrag/extfrag_index", "extfrag/unusable_index"; a NULL ends
 * the list.
 */
extern const char *const mmsim_proc_files[];

/**
 * mmsim_proc_show - write one of mmsim_proc_files[] in the kernel's format
 *
 * Return: 0, or -ENOENT for a name not in the list.
 */
int mmsim_proc_show(mmsim_t *sim, const char *name, FILE *out);

/**
 * mmsim_every - call @fn(@sim, @arg) every @interval_ns of virtual time
 * @sim: simulation, not yet run
 * @interval_ns: > 0
 * @fn: called between events (no task runs), at @interval_ns, 2 * @interval_ns, ...
 * @arg: passed to @fn
 *
 * One periodic callback per simulation; a second call replaces the first.
 */
void mmsim_every(mmsim_t *sim, uint64_t interval_ns, void (*fn)(mmsim_t *sim, void *arg),
		 void *arg);

/** mmsim_engine_stats - figures about the run itself */
void mmsim_engine_stats(const mmsim_t *sim, struct mmsim_engine_stats *out);

#endif /* MMSIM_SIM_H */
