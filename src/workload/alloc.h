/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workload/alloc.h - kind=alloc and kind=fragmenter jobs: physical pages
 */
#ifndef MMSIM_WORKLOAD_ALLOC_H
#define MMSIM_WORKLOAD_ALLOC_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/sched.h"

struct job;
struct mmsim;

/**
 * alloc_job_setup - the block list and movable-owner registration of a job
 *
 * Return: 0, -ENOMEM, or -ENOSPC (too many movable owners).
 */
int alloc_job_setup(struct job *job);

/** alloc_job_release - free what alloc_job_setup() allocated */
void alloc_job_release(struct job *job);

/** alloc_thread_fn - body of a kind=alloc thread (@arg: its struct job_thread) */
void alloc_thread_fn(struct task_struct *p, void *arg);

/** fragmenter_thread_fn - body of a kind=fragmenter thread */
void fragmenter_thread_fn(struct task_struct *p, void *arg);

/** alloc_job_pages_held - base pages @job holds */
uint64_t alloc_job_pages_held(const struct job *job);

/**
 * alloc_jobs_check - every block a job holds is where the job thinks and
 * reads back the content tag last written (after any migration)
 *
 * Return: true if all hold (false and a message on stderr otherwise).
 */
bool alloc_jobs_check(struct mmsim *sim);

#endif /* MMSIM_WORKLOAD_ALLOC_H */
