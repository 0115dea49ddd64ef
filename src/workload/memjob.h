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

/** mem_thread_fn - body of a kind=mem thread (@arg: its struct job_thread) */
void mem_thread_fn(struct task_struct *p, void *arg);

#endif /* MMSIM_WORKLOAD_MEMJOB_H */
