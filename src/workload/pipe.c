// SPDX-License-Identifier: GPL-2.0-only
/*
 * workload/pipe.c - pipes (fs/pipe.c, kernel 6.x)
 *
 * pipe_read() and pipe_write() follow the kernel's structure: the pipe
 * mutex is held while data moves; a reader that finds the pipe empty
 * drops the mutex and sleeps exclusively on rd_wait; a writer that finds
 * no room sleeps exclusively on wr_wait; a write into an empty pipe wakes
 * one reader, a read from a full pipe wakes one writer, and each side
 * wakes the next waiter of its own kind when it leaves data (or room)
 * behind (wake_next_reader / wake_next_writer).  Every call pays the
 * syscall cost, then pipe_read/pipe_write for the copy, and returns to user
 * mode through a preemption point.
 *
 * Simplified: capacity is counted in bytes (the kernel counts page-sized
 * slots, merging small writes into the last page); wakeups are not sync
 * (WF_SYNC) wakeups; reads and writes are all-or-nothing for one message.
 */
#include "workload/pipe.h"

#include <errno.h>

#include "lib/compiler.h"
#include "sim/fault.h"

void pipe_init(struct mmsim *sim, struct pipe_inode_info *pipe, uint64_t capacity,
	       unsigned int readers, unsigned int writers)
{
	mutex_init(sim, &pipe->mutex);
	init_waitqueue_head(sim, &pipe->rd_wait);
	init_waitqueue_head(sim, &pipe->wr_wait);
	pipe->bytes = 0;
	pipe->capacity = capacity;
	pipe->readers = readers;
	pipe->writers = writers;
}

static bool pipe_full(const struct pipe_inode_info *pipe, uint64_t len)
{
	return pipe->bytes + len > pipe->capacity;
}

/* Return to user space: the point where a pending reschedule is honoured. */
static void syscall_exit(struct mmsim *sim)
{
	cond_resched(sim);
}

int64_t pipe_read(struct mmsim *sim, struct pipe_inode_info *pipe, uint64_t len)
{
	bool was_full, wake_next_reader = false;
	int64_t ret = 0;

	cpu_charge(sim, sim_cost(sim, MMSIM_COST_SYSCALL));
	mutex_lock(&pipe->mutex);
	was_full = pipe_full(pipe, len);
	for (;;) {
		if (pipe->bytes) {
			uint64_t chars = pipe->bytes < len ? pipe->bytes : len;

			cpu_charge(sim, sim_cost(sim, MMSIM_COST_PIPE_READ));
			if (should_fail(&sim->faults[MMSIM_FAULT_FAIL_USERCOPY], chars)) {
				ret = -EFAULT;
				break;
			}
			pipe->bytes -= chars;
			ret = (int64_t)chars;
			break;
		}
		if (!pipe->writers)
			break;
		mutex_unlock(&pipe->mutex);
		if (was_full)
			wake_up_interruptible(&pipe->wr_wait);
		wait_event_interruptible_exclusive(&pipe->rd_wait,
						   pipe->bytes || !pipe->writers);
		mutex_lock(&pipe->mutex);
		was_full = pipe_full(pipe, len);
		wake_next_reader = true;
	}
	if (!pipe->bytes)
		wake_next_reader = false;
	mutex_unlock(&pipe->mutex);
	if (was_full)
		wake_up_interruptible(&pipe->wr_wait);
	if (wake_next_reader)
		wake_up_interruptible(&pipe->rd_wait);
	syscall_exit(sim);
	return ret;
}

int64_t pipe_write(struct mmsim *sim, struct pipe_inode_info *pipe, uint64_t len)
{
	bool was_empty = false, wake_next_writer = false;
	int64_t ret;

	MM_BUG_ON(len > pipe->capacity);
	cpu_charge(sim, sim_cost(sim, MMSIM_COST_SYSCALL));
	mutex_lock(&pipe->mutex);
	for (;;) {
		if (!pipe->readers) {
			ret = -EPIPE;
			break;
		}
		if (!pipe_full(pipe, len)) {
			cpu_charge(sim, sim_cost(sim, MMSIM_COST_PIPE_WRITE));
			if (should_fail(&sim->faults[MMSIM_FAULT_FAIL_USERCOPY], len)) {
				ret = -EFAULT;
				break;
			}
			was_empty = was_empty || !pipe->bytes;
			pipe->bytes += len;
			ret = (int64_t)len;
			break;
		}
		mutex_unlock(&pipe->mutex);
		if (was_empty)
			wake_up_interruptible(&pipe->rd_wait);
		wait_event_interruptible_exclusive(&pipe->wr_wait,
						   !pipe_full(pipe, len) || !pipe->readers);
		mutex_lock(&pipe->mutex);
		was_empty = !pipe->bytes;
		wake_next_writer = true;
	}
	if (pipe_full(pipe, len))
		wake_next_writer = false;
	mutex_unlock(&pipe->mutex);
	if (was_empty)
		wake_up_interruptible(&pipe->rd_wait);
	if (wake_next_writer)
		wake_up_interruptible(&pipe->wr_wait);
	syscall_exit(sim);
	return ret;
}

void pipe_close_reader(struct pipe_inode_info *pipe)
{
	MM_BUG_ON(!pipe->readers);
	if (!--pipe->readers)
		wake_up_all(&pipe->wr_wait);
}

void pipe_close_writer(struct pipe_inode_info *pipe)
{
	MM_BUG_ON(!pipe->writers);
	if (!--pipe->writers)
		wake_up_all(&pipe->rd_wait);
}
