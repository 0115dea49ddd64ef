/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workload/pipe.h - pipes between simulated tasks (a model of fs/pipe.c)
 */
#ifndef MMSIM_WORKLOAD_PIPE_H
#define MMSIM_WORKLOAD_PIPE_H

#include <stdint.h>

#include "sim/wait.h"

struct pipe_inode_info {
	struct mutex mutex;		/* __pipe_lock() */
	struct wait_queue_head rd_wait;
	struct wait_queue_head wr_wait;
	uint64_t bytes;			/* data in the pipe */
	uint64_t capacity;		/* bytes it can hold (pipe_size) */
	unsigned int readers;
	unsigned int writers;
};

/** pipe_init - an empty pipe of @capacity bytes with @readers and @writers open ends */
void pipe_init(struct mmsim *sim, struct pipe_inode_info *pipe, uint64_t capacity,
	       unsigned int readers, unsigned int writers);

/**
 * pipe_read - read(2) up to @len bytes (blocking)
 *
 * Return: bytes read, 0 at end of file (no writers left), or -EFAULT when
 * the fail_usercopy fault point fires.
 */
int64_t pipe_read(struct mmsim *sim, struct pipe_inode_info *pipe, uint64_t len);

/**
 * pipe_write - write(2) @len bytes (blocking until they fit)
 *
 * Return: @len, -EPIPE if no reader is left, -EFAULT from fail_usercopy.
 */
int64_t pipe_write(struct mmsim *sim, struct pipe_inode_info *pipe, uint64_t len);

/** pipe_close_reader - close(2) of a read end */
void pipe_close_reader(struct pipe_inode_info *pipe);

/** pipe_close_writer - close(2) of a write end */
void pipe_close_writer(struct pipe_inode_info *pipe);

#endif /* MMSIM_WORKLOAD_PIPE_H */
