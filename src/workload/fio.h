/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workload/fio.h - kind=io jobs: fio-like direct I/O to a block device
 */
#ifndef MMSIM_WORKLOAD_FIO_H
#define MMSIM_WORKLOAD_FIO_H

#include "sim/sched.h"

struct job;

/**
 * io_job_setup - per-thread I/O state of a kind=io job
 * @job: the job, threads allocated
 *
 * Return: 0, -EINVAL if its device does not exist, or -ENOMEM.
 */
int io_job_setup(struct job *job);

/** io_job_release - free what io_job_setup() allocated (partial setups too) */
void io_job_release(struct job *job);

/** io_thread_fn - body of one kind=io thread (@arg: its struct job_thread) */
void io_thread_fn(struct task_struct *p, void *arg);

#endif /* MMSIM_WORKLOAD_FIO_H */
