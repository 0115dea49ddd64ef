/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workload/memjob.h - kind=mem jobs: an anonymous mapping touched in a pattern
 */
#ifndef MMSIM_WORKLOAD_MEMJOB_H
#define MMSIM_WORKLOAD_MEMJOB_H

#include "sim/sched.h"

struct job;
struct pattern_cfg;

/**
 * mem_pattern_parse - a pattern= value: "seq", "rand", "zipf:SKEW",
 * "stride:PAGES" or "hotcold:HOT%:ACCESS%" (the % signs optional)
 *
 * Return: 0 with @cfg filled (perm_key 0), or -EINVAL.
 */
int mem_pattern_parse(const char *text, struct pattern_cfg *cfg);

/** mem_job_setup - the job's address space and mapping; 0, -ENOMEM or -EINVAL */
int mem_job_setup(struct job *job);

/** mem_job_release - what mem_job_setup() allocated (the mapping goes with the mm) */
void mem_job_release(struct job *job);

struct job_thread;

/**
 * mem_access_one - one access of a mem or replay thread to page @index of
 * its job's mapping: batched user time, the fault and its latency counted
 * @batch: the thread's accesses not yet charged
 *
 * Return: false if the thread must stop (no memory, an unreadable page, or
 * SIGKILL pending).
 */
bool mem_access_one(struct task_struct *p, struct job *job, unsigned long index, bool write,
		    unsigned int *batch);

/** mem_pass_done - the end of a pass: the rest of the user time, the loop, think time */
void mem_pass_done(struct task_struct *p, struct job_thread *t, unsigned int batch);

/** mem_thread_fn - body of a kind=mem thread (@arg: its struct job_thread) */
void mem_thread_fn(struct task_struct *p, void *arg);

#endif /* MMSIM_WORKLOAD_MEMJOB_H */
