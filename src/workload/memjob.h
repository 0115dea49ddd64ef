/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workload/memjob.h - kind=mem jobs: an anonymous mapping touched in a pattern
 */
#ifndef MMSIM_WORKLOAD_MEMJOB_H
#define MMSIM_WORKLOAD_MEMJOB_H

#include "sim/sched.h"
#include "workload/pattern.h"

struct job;

#define MEM_MAX_PHASES	8

/*
 * A pattern= value: one pattern, or phases of passes each with a pattern
 * of its own, cycled through ("seq*2/zipf:0.99*10": two passes in order,
 * ten Zipf passes, then again).  Each phase permutes its hot pages with a
 * key of its own, so "hotcold:10:90*5/hotcold:10:90*5" moves the working set.
 */
struct mem_phases {
	unsigned int nr;
	struct pattern_cfg cfg[MEM_MAX_PHASES];
	uint64_t passes[MEM_MAX_PHASES];	/* passes of each phase, >= 1 */
	uint64_t cycle;				/* passes of all the phases */
};

#define MEM_MAX_THREAD_PATTERNS	4

/*
 * A whole pattern= value: phases per thread, joined by '+' ("seq+rand":
 * thread 0 in order, thread 1 at random; thread t takes the (t mod n)th).
 */
struct mem_pattern {
	unsigned int nr;
	struct mem_phases thread[MEM_MAX_THREAD_PATTERNS];
};

/** mem_pattern_value_parse - a pattern= value; 0 or -EINVAL */
int mem_pattern_value_parse(const char *text, struct mem_pattern *mp);

/**
 * mem_pattern_parse - one pattern: "seq", "rand", "zipf:SKEW",
 * "stride:PAGES" or "hotcold:HOT%:ACCESS%" (the % signs optional)
 *
 * Return: 0 with @cfg filled (perm_key 0), or -EINVAL.
 */
int mem_pattern_parse(const char *text, struct pattern_cfg *cfg);

/**
 * mem_phases_parse - a whole pattern= value: PATTERN, or PATTERN*PASSES
 * phases joined by '/' (up to MEM_MAX_PHASES; "*1" may be left out)
 *
 * Return: 0 with @ph filled (perm_keys 0), or -EINVAL.
 */
int mem_phases_parse(const char *text, struct mem_phases *ph);

/** mem_phase_of - the phase of pass @pass (0-based) */
unsigned int mem_phase_of(const struct mem_phases *ph, uint64_t pass);

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
