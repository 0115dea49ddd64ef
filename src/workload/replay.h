/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workload/replay.h - kind=replay jobs: a lackey memory trace, page by page
 */
#ifndef MMSIM_WORKLOAD_REPLAY_H
#define MMSIM_WORKLOAD_REPLAY_H

#include "sim/sched.h"

struct job;

/**
 * replay_job_setup - read the job's trace, map one anonymous page per
 * distinct page it touches
 *
 * Return: 0, -EINVAL (no usable record), -EIO (unreadable) or -ENOMEM.
 */
int replay_job_setup(struct job *job);

/** replay_job_release - what replay_job_setup() allocated */
void replay_job_release(struct job *job);

/** replay_thread_fn - body of a kind=replay thread (@arg: its struct job_thread) */
void replay_thread_fn(struct task_struct *p, void *arg);

#endif /* MMSIM_WORKLOAD_REPLAY_H */
