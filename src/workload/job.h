/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workload/job.h - the jobs of a scenario, run as simulated tasks
 */
#ifndef MMSIM_WORKLOAD_JOB_H
#define MMSIM_WORKLOAD_JOB_H

#include <stdint.h>

#include "mmsim/config.h"
#include "sim/rng.h"
#include "sim/sched.h"
#include "workload/memjob.h"
#include "workload/pattern.h"
#include "workload/pipe.h"

struct job;
struct io_thread;
struct block_device;
struct lat_hist;
struct alloc_state;
struct mm_struct;
struct address_space;
struct vm_area_struct;

struct job_thread {
	struct job *job;
	unsigned int idx;		/* thread number within the job */
	struct rng rng;
	struct pipe_inode_info *in;	/* pipe kinds: where it reads */
	struct pipe_inode_info *out;	/* pipe: where it writes */
	struct pipe_inode_info **outs;	/* messaging senders: every receiver's pipe */
	unsigned int nr_outs;
	bool sender;			/* messaging: sender (else receiver); pipe: pinger */
	struct io_thread *io;		/* io: in-flight I/O state (workload/fio.c) */
};

struct job {
	const struct mmsim_job_config *cfg;
	struct mmsim *sim;
	unsigned int idx;
	struct task_stats stats;
	uint64_t loops_done;
	uint64_t errors;
	uint64_t start;			/* virtual time it started */
	uint64_t deadline;		/* threads stop starting loops at this time */
	unsigned int nr_threads;
	struct job_thread *threads;
	unsigned int nr_pipes;
	struct pipe_inode_info *pipes;
	struct pipe_inode_info **out_tables;
	struct sim_event start_ev;
	/* kind=io */
	struct block_device *bdev;
	struct lat_hist *clat;		/* completion latency of each I/O */
	uint64_t ios[2];		/* reads, writes completed without error */
	uint64_t bytes[2];
	uint64_t nr_flushes;
	uint64_t tag_seq;		/* content tags handed out */
	uint64_t end;			/* when its last thread finished */
	unsigned int threads_left;
	/* kind=alloc, kind=fragmenter (workload/alloc.c) */
	struct alloc_state *alloc;	/* the blocks it holds */
	struct lat_hist *alloc_lat;	/* virtual time of each allocation call */
	uint64_t alloc_ok;
	uint64_t alloc_fail;
	uint64_t pages_freed;		/* fragmenter: pages given back */
	/* kind=mem (workload/memjob.c) */
	struct mm_struct *mm;		/* the threads' address space */
	struct vm_area_struct *vma;	/* the mapping they touch */
	struct mem_pattern pattern;	/* pattern= */
	struct wait_queue_head populate_wait;	/* threads waiting for populate= */
	bool populated;
	struct lat_hist *fault_lat;	/* virtual time of each page fault */
	uint64_t mem_accesses;
	uint64_t mem_faults;
	uint64_t mem_major_faults;
	/* kind=replay (workload/replay.c): page index << 1 | store, per access */
	uint32_t *replay;
	size_t nr_replay;
	/* kind=file (workload/filejob.c) */
	struct address_space *mapping;
};

/**
 * jobs_init - set up every job of the configuration and schedule its start
 * @sim: simulation, with sim->cfg filled in
 *
 * Return: 0 or -ENOMEM.
 */
int jobs_init(struct mmsim *sim);

/** job_more - may a thread that has done @done loops start another one? */
bool job_more(const struct job *job, uint64_t done);

/** jobs_release - free what jobs_init() allocated */
void jobs_release(struct mmsim *sim);

#endif /* MMSIM_WORKLOAD_JOB_H */
