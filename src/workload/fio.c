// SPDX-License-Identifier: GPL-2.0-only
/*
 * workload/fio.c - kind=io: direct I/O to a block device, like fio with libaio
 *
 * Each thread owns an equal slice of the job's region (size=, or the whole
 * device) and keeps up to iodepth= I/Os of bs= bytes in flight: it
 * submits until the depth is reached (io_submit: one syscall cost per
 * I/O), then sleeps in state D until at least one completes
 * (io_getevents with min_nr=1; counted as iowait, as io_uring does since
 * 6.x) and reaps every completion there is.  rw= picks the offsets as fio
 * does: sequential from the slice's start, wrapping; or uniform random
 * bs-aligned offsets from the thread's own random stream.  fsync=N drains
 * the queue and issues a FLUSH after every N writes; fua=1 makes writes
 * REQ_FUA.  Each write stores a new content tag (job-wide counter), so
 * later reads can be checked.  A failed I/O stops the thread after
 * draining (fio's default continue_on_error=none).
 * Simplified: no O_DIRECT alignment or page-cache path (I/O goes straight
 * to submit_bio), no io_submit batching cost model beyond one syscall each.
 */
#include "workload/fio.h"

#include <errno.h>
#include <stdlib.h>

#include "block/blk.h"
#include "lib/compiler.h"
#include "lib/hist.h"
#include "sim/sim.h"
#include "sim/wait.h"
#include "workload/job.h"

struct io_unit {
	struct bio bio;
	struct io_thread *io;
	uint64_t start;
	bool busy;
};

struct io_thread {
	struct wait_queue_head wq;
	struct io_unit *units;
	unsigned int *done;		/* ring of completed unit numbers */
	unsigned int done_head, nr_done;
	unsigned int depth;
	uint64_t first, nr_slots;	/* the thread's slice, in bs units */
	uint64_t next_seq;		/* sequential position within the slice */
};

static void io_endio(struct bio *bio)
{
	struct io_unit *u = bio->bi_private;
	struct io_thread *io = u->io;

	io->done[(io->done_head + io->nr_done++) % io->depth] = (unsigned int)(u - io->units);
	wake_up(&io->wq);
}

int io_job_setup(struct job *job)
{
	const struct mmsim_job_config *cfg = job->cfg;
	struct mmsim *sim = job->sim;
	uint64_t bytes, slots;

	job->bdev = blk_lookup(sim, cfg->device);
	if (!job->bdev)
		return -EINVAL;
	job->clat = lat_hist_create();
	if (!job->clat)
		return -ENOMEM;
	bytes = job->bdev->nr_blocks << BLK_BLOCK_SHIFT;
	if (cfg->io_size && cfg->io_size < bytes)
		bytes = cfg->io_size;
	slots = bytes / cfg->bs;
	for (unsigned int i = 0; i < job->nr_threads; i++) {
		struct job_thread *t = &job->threads[i];
		struct io_thread *io = calloc(1, sizeof(*io));

		if (!io)
			return -ENOMEM;
		t->io = io;
		io->depth = cfg->iodepth;
		io->units = calloc(io->depth, sizeof(*io->units));
		io->done = calloc(io->depth, sizeof(*io->done));
		if (!io->units || !io->done)
			return -ENOMEM;
		init_waitqueue_head(sim, &io->wq);
		for (unsigned int u = 0; u < io->depth; u++)
			io->units[u].io = io;
		io->first = slots * i / job->nr_threads;
		io->nr_slots = slots * (i + 1) / job->nr_threads - io->first;
	}
	return 0;
}

void io_job_release(struct job *job)
{
	for (unsigned int i = 0; job->threads && i < job->nr_threads; i++) {
		struct io_thread *io = job->threads[i].io;

		if (!io)
			continue;
		free(io->units);
		free(io->done);
		free(io);
	}
	lat_hist_free(job->clat);
}

static bool io_is_write(struct job_thread *t)
{
	const struct mmsim_job_config *cfg = t->job->cfg;

	switch (cfg->rw) {
	case MMSIM_RW_WRITE:
	case MMSIM_RW_RANDWRITE:
		return true;
	case MMSIM_RW_RANDRW:
		return rng_below(&t->rng, 100) >= cfg->rwmixread;
	default:
		return false;
	}
}

static uint64_t io_next_slot(struct job_thread *t)
{
	struct io_thread *io = t->io;
	unsigned int rw = t->job->cfg->rw;

	if (rw == MMSIM_RW_READ || rw == MMSIM_RW_WRITE) {
		uint64_t s = io->next_seq++;

		if (io->next_seq == io->nr_slots)
			io->next_seq = 0;
		return io->first + s;
	}
	return io->first + rng_below(&t->rng, io->nr_slots);
}

static void io_submit_one(struct job_thread *t, struct io_unit *u)
{
	struct job *job = t->job;
	const struct mmsim_job_config *cfg = job->cfg;
	bool write = io_is_write(t);
	uint64_t bs_blocks = cfg->bs >> BLK_BLOCK_SHIFT;
	uint64_t sector = io_next_slot(t) * cfg->bs >> SECTOR_SHIFT;
	unsigned int opf = write ? REQ_OP_WRITE | REQ_SYNC : REQ_OP_READ;

	if (write && cfg->fua)
		opf |= REQ_FUA;
	bio_init(&u->bio, job->bdev, opf, sector, (uint32_t)cfg->bs);
	if (write) {
		u->bio.bi_tag = job->tag_seq + 1;
		job->tag_seq += bs_blocks;
	}
	u->bio.bi_end_io = io_endio;
	u->bio.bi_private = u;
	u->start = job->sim->now;
	u->busy = true;
	submit_bio(&u->bio);
}

/* Reap every completion there is; false if one failed. */
static bool io_reap(struct job_thread *t, unsigned int *inflight)
{
	struct io_thread *io = t->io;
	struct job *job = t->job;
	bool ok = true;

	while (io->nr_done) {
		struct io_unit *u = &io->units[io->done[io->done_head]];
		int dir = op_is_write(bio_op(&u->bio));

		io->done_head = (io->done_head + 1) % io->depth;
		io->nr_done--;
		u->busy = false;
		(*inflight)--;
		if (u->bio.bi_status) {
			job->errors++;
			ok = false;
			continue;
		}
		lat_hist_add(job->clat, job->sim->now - u->start);
		job->loops_done++;
		job->ios[dir]++;
		job->bytes[dir] += u->bio.bi_size;
	}
	return ok;
}

static void io_wait(struct mmsim *sim, struct io_thread *io)
{
	io_wait_event_timeout(&io->wq, io->nr_done > 0, MAX_SCHEDULE_TIMEOUT);
	(void)sim;
}

void io_thread_fn(struct task_struct *p, void *arg)
{
	struct job_thread *t = arg;
	struct job *job = t->job;
	const struct mmsim_job_config *cfg = job->cfg;
	struct io_thread *io = t->io;
	struct mmsim *sim = p->sim;
	unsigned int inflight = 0;
	uint64_t issued = 0, writes = 0;
	bool ok = io->nr_slots > 0;

	while (ok) {
		while (inflight < io->depth && ok && job_more(job, issued)) {
			struct io_unit *u = io->units;

			while (u->busy)
				u++;
			cpu_charge(sim, sim_cost(sim, MMSIM_COST_SYSCALL));
			io_submit_one(t, u);
			inflight++;
			issued++;
			if (op_is_write(bio_op(&u->bio)) && cfg->fsync && !(++writes % cfg->fsync)) {
				/* fsync(): wait for the writes, then flush the cache */
				while (inflight) {
					io_wait(sim, io);
					ok = io_reap(t, &inflight) && ok;
				}
				cpu_charge(sim, sim_cost(sim, MMSIM_COST_SYSCALL));
				if (blkdev_issue_flush(job->bdev)) {
					job->errors++;
					ok = false;
				}
				job->nr_flushes++;
			}
		}
		if (!inflight)
			break;
		io_wait(sim, io);
		ok = io_reap(t, &inflight) && ok;
		cond_resched(sim);
	}
	while (inflight) {
		io_wait(sim, io);
		io_reap(t, &inflight);
	}
	if (!--job->threads_left)
		job->end = sim->now;
}
