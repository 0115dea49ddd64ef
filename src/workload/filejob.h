/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workload/filejob.h - kind=file jobs: buffered read()/write()/fsync()
 */
#ifndef MMSIM_WORKLOAD_FILEJOB_H
#define MMSIM_WORKLOAD_FILEJOB_H

#include "sim/sched.h"

struct job;

/** file_job_setup - find the job's file and its latency histogram; 0, -EINVAL or -ENOMEM */
int file_job_setup(struct job *job);

/** file_thread_fn - body of a kind=file thread (@arg: its struct job_thread) */
void file_thread_fn(struct task_struct *p, void *arg);

#endif /* MMSIM_WORKLOAD_FILEJOB_H */
