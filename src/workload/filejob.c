// SPDX-License-Identifier: GPL-2.0-only
/*
 * workload/filejob.c - kind=file: buffered file I/O through the page cache
 *
 * Each thread issues loops= read() or write() calls of bs= bytes to the
 * job's file, as rw= says (fio's patterns: read, write, randread,
 * randwrite, randrw with rwmixread=), an fsync() after every fsync=
 * writes, and sleeps think= after each call.  A call costs a syscall plus
 * a page copy (copy_to_user/copy_from_user) per page, and whatever the page
 * cache does: readahead I/O and waiting for it on a read, nothing on a
 * write until fsync() writes the dirty pages back.  Sequential threads
 * each keep their own position, starting at the beginning and wrapping at
 * the end.  The report gives reads, writes, bytes and the latency of each
 * call (clat), as for kind=io.
 */
#include "workload/filejob.h"

#include <errno.h>

#include "lib/hist.h"
#include "mm/filemap.h"
#include "mm/mm_sim.h"
#include "sim/sim.h"
#include "sim/wait.h"
#include "workload/job.h"

int file_job_setup(struct job *job)
{
	job->mapping = filemap_lookup(job->sim->mm, job->cfg->file);
	if (!job->mapping || job->cfg->bs >> PAGE_SHIFT > job->mapping->nr_pages)
		return -EINVAL;
	job->clat = lat_hist_create();
	return job->clat ? 0 : -ENOMEM;
}

static bool file_op_is_read(struct job_thread *t, unsigned int rw, unsigned int mixread)
{
	switch (rw) {
	case MMSIM_RW_READ:
	case MMSIM_RW_RANDREAD:
		return true;
	case MMSIM_RW_RANDRW:
		return rng_below(&t->rng, 100) < mixread;
	default:
		return false;
	}
}

void file_thread_fn(struct task_struct *p, void *arg)
{
	struct job_thread *t = arg;
	struct job *job = t->job;
	const struct mmsim_job_config *cfg = job->cfg;
	struct mmsim *sim = p->sim;
	struct address_space *mapping = job->mapping;
	unsigned long bs_pages = cfg->bs >> PAGE_SHIFT, pos = 0, writes = 0;
	bool random = cfg->rw == MMSIM_RW_RANDREAD || cfg->rw == MMSIM_RW_RANDWRITE ||
		      cfg->rw == MMSIM_RW_RANDRW;

	for (uint64_t i = 0; job_more(job, i); i++) {
		bool read = file_op_is_read(t, cfg->rw, cfg->rwmixread);
		unsigned long index, done = 0;
		uint64_t start = sim->now, think;

		if (random) {
			index = rng_below(&t->rng, mapping->nr_pages / bs_pages) * bs_pages;
		} else {
			if (pos + bs_pages > mapping->nr_pages)
				pos = 0;
			index = pos;
			pos += bs_pages;
		}
		cpu_charge(sim, sim_cost(sim, MMSIM_COST_SYSCALL));
		for (unsigned long n = 0; n < bs_pages; n++) {
			if (read ? !filemap_read_page(mapping, index + n) :
				   filemap_write_page(mapping, index + n) != 0)
				break;
			cpu_charge(sim, sim_cost(sim, MMSIM_COST_COPY_PAGE));
			done++;
		}
		if (done < bs_pages)
			job->errors++;
		if (!read && cfg->fsync && ++writes % cfg->fsync == 0 && filemap_fsync(mapping))
			job->errors++;
		lat_hist_add(job->clat, sim->now - start);
		job->ios[!read]++;
		job->bytes[!read] += done << PAGE_SHIFT;
		job->loops_done++;
		think = rng_dist(&t->rng, &cfg->think);
		if (think) {
			p->state = TASK_INTERRUPTIBLE;
			schedule_hrtimeout_range(sim, think, cfg->timer_slack_ns);
		}
	}
	if (!--job->threads_left)
		job->end = sim->now;
}
