// SPDX-License-Identifier: GPL-2.0-only
/*
 * workload/job.c - job kinds: CPU bursts, pipe ping-pong, messaging groups
 *
 * Each job becomes simulated threads when its start_delay has passed:
 *  - cpu: each thread loops { user-mode CPU burst; sleep think time on an
 *    hrtimer (nanosleep, ending timer_slack= late: 50 us by default) }.
 *  - pipe: `perf bench sched pipe`: each pair is two threads joined by two
 *    pipes; the first writes then reads, the second reads then writes; one
 *    round trip is one loop.
 *  - messaging: `perf bench sched messaging` with pipes: per group,
 *    threads= receivers each own a pipe and threads= senders write loops=
 *    messages of datasize= bytes to every receiver of the group; a receiver
 *    reads threads * loops messages.
 *  - io: fio-like direct I/O to a block device (workload/fio.c); a loop is
 *    one I/O.
 *  - alloc, fragmenter: physical page allocations (workload/alloc.c); a
 *    loop is one block (alloc) or one page kept (fragmenter).
 *  - mem: an anonymous mapping touched in an access pattern
 *    (workload/memjob.c); a loop is one pass.
 *  - file: buffered read()/write()/fsync() through the page cache
 *    (workload/filejob.c); a loop is one call.
 *  - replay: a valgrind lackey trace replayed page by page
 *    (workload/replay.c); a loop is one pass over the trace.
 * A thread stops starting loops when loops= are done or the job's runtime=
 * has passed; it then closes its pipe ends so its peers see end-of-file or
 * EPIPE and finish too, as real processes would.  A job with an address
 * space (mem, replay) is a process the OOM killer may choose: its threads
 * run in it with the job's oom_score_adj=, and one that gets SIGKILL
 * starts no more loops.
 */
#include "workload/job.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/compiler.h"
#include "lib/hist.h"
#include "mm/mm.h"
#include "sim/sim.h"
#include "sim/wait.h"
#include "workload/alloc.h"
#include "workload/filejob.h"
#include "workload/fio.h"
#include "workload/memjob.h"
#include "workload/replay.h"

bool job_more(const struct job *job, uint64_t done)
{
	const struct task_struct *p = job->sim->current;

	if (p && fatal_signal_pending(p))
		return false;
	if (job->cfg->loops && done >= job->cfg->loops)
		return false;
	return job->sim->now < job->deadline;
}

static void cpu_thread(struct task_struct *p, void *arg)
{
	struct job_thread *t = arg;
	struct job *job = t->job;
	struct mmsim *sim = p->sim;

	for (uint64_t i = 0; job_more(job, i); i++) {
		uint64_t think;

		cpu_charge_user(sim, rng_dist(&t->rng, &job->cfg->burst));
		think = rng_dist(&t->rng, &job->cfg->think);
		if (think) {
			p->state = TASK_INTERRUPTIBLE;
			schedule_hrtimeout_range(sim, think, job->cfg->timer_slack_ns);
		}
		job->loops_done++;
	}
}

static bool io_ok(struct job *job, int64_t ret)
{
	if (ret > 0)
		return true;
	if (ret < 0)
		job->errors++;
	return false;
}

static void pipe_thread(struct task_struct *p, void *arg)
{
	struct job_thread *t = arg;
	struct job *job = t->job;
	struct mmsim *sim = p->sim;
	uint64_t len = job->cfg->datasize;

	for (uint64_t i = 0; job_more(job, i); i++) {
		if (t->sender) {
			if (!io_ok(job, pipe_write(sim, t->out, len)) ||
			    !io_ok(job, pipe_read(sim, t->in, len)))
				break;
			job->loops_done++;
		} else {
			if (!io_ok(job, pipe_read(sim, t->in, len)) ||
			    !io_ok(job, pipe_write(sim, t->out, len)))
				break;
		}
	}
	pipe_close_writer(t->out);
	pipe_close_reader(t->in);
}

static void messaging_thread(struct task_struct *p, void *arg)
{
	struct job_thread *t = arg;
	struct job *job = t->job;
	struct mmsim *sim = p->sim;
	uint64_t len = job->cfg->datasize;

	if (t->sender) {
		for (uint64_t i = 0; job_more(job, i); i++) {
			for (unsigned int j = 0; j < t->nr_outs; j++)
				if (!io_ok(job, pipe_write(sim, t->outs[j], len)))
					goto out;
			job->loops_done++;
		}
out:
		for (unsigned int j = 0; j < t->nr_outs; j++)
			pipe_close_writer(t->outs[j]);
	} else {
		/* Read until every sender of the group has closed its end. */
		while (io_ok(job, pipe_read(sim, t->in, len)))
			;
		pipe_close_reader(t->in);
	}
}

static int job_setup_threads(struct job *job)
{
	const struct mmsim_job_config *cfg = job->cfg;
	struct mmsim *sim = job->sim;
	unsigned int n = cfg->threads;

	switch (cfg->kind) {
	case MMSIM_JOB_CPU:
		job->nr_threads = n;
		break;
	case MMSIM_JOB_PIPE:
		job->nr_threads = 2 * n;
		job->nr_pipes = 2 * n;
		break;
	case MMSIM_JOB_IO:
	case MMSIM_JOB_ALLOC:
	case MMSIM_JOB_MEM:
	case MMSIM_JOB_FILE:
	case MMSIM_JOB_REPLAY:
		job->nr_threads = n;
		break;
	case MMSIM_JOB_FRAGMENTER:
		job->nr_threads = 1;	/* fill, then fragment: one pass over the node */
		break;
	case MMSIM_JOB_MESSAGING:
		job->nr_threads = 2 * n * cfg->groups;
		job->nr_pipes = n * cfg->groups;
		job->out_tables = calloc((size_t)n * cfg->groups, sizeof(*job->out_tables));
		if (!job->out_tables)
			return -ENOMEM;
		break;
	default:
		MM_BUG();
	}
	job->threads = calloc(job->nr_threads, sizeof(*job->threads));
	job->pipes = job->nr_pipes ? calloc(job->nr_pipes, sizeof(*job->pipes)) : NULL;
	if (!job->threads || (job->nr_pipes && !job->pipes))
		return -ENOMEM;
	for (unsigned int i = 0; i < job->nr_threads; i++) {
		struct job_thread *t = &job->threads[i];

		t->job = job;
		t->idx = i;
		rng_init(&t->rng, sim->cfg.seed, ((uint64_t)job->idx << 32) | i);
	}
	if (cfg->kind == MMSIM_JOB_IO)
		return io_job_setup(job);
	if (cfg->kind == MMSIM_JOB_ALLOC || cfg->kind == MMSIM_JOB_FRAGMENTER)
		return alloc_job_setup(job);
	if (cfg->kind == MMSIM_JOB_MEM)
		return mem_job_setup(job);
	if (cfg->kind == MMSIM_JOB_FILE)
		return file_job_setup(job);
	if (cfg->kind == MMSIM_JOB_REPLAY)
		return replay_job_setup(job);
	if (cfg->kind == MMSIM_JOB_PIPE) {
		for (unsigned int pair = 0; pair < n; pair++) {
			struct pipe_inode_info *ab = &job->pipes[2 * pair];
			struct pipe_inode_info *ba = &job->pipes[2 * pair + 1];
			struct job_thread *a = &job->threads[2 * pair];
			struct job_thread *b = &job->threads[2 * pair + 1];

			pipe_init(sim, ab, cfg->pipe_size, 1, 1);
			pipe_init(sim, ba, cfg->pipe_size, 1, 1);
			a->sender = true;
			a->out = ab;
			a->in = ba;
			b->out = ba;
			b->in = ab;
		}
	} else if (cfg->kind == MMSIM_JOB_MESSAGING) {
		for (unsigned int g = 0; g < cfg->groups; g++) {
			struct pipe_inode_info *pipes = &job->pipes[g * n];
			struct pipe_inode_info **outs = &job->out_tables[g * n];
			struct job_thread *group = &job->threads[2 * n * g];

			/* perf creates the receivers first, then the senders. */
			for (unsigned int r = 0; r < n; r++) {
				pipe_init(sim, &pipes[r], cfg->pipe_size, 1, n);
				outs[r] = &pipes[r];
				group[r].in = &pipes[r];
			}
			for (unsigned int s = 0; s < n; s++) {
				group[n + s].sender = true;
				group[n + s].outs = outs;
				group[n + s].nr_outs = n;
			}
		}
	}
	return 0;
}

static void job_start(struct mmsim *sim, struct sim_event *ev)
{
	struct job *job = container_of(ev, struct job, start_ev);
	const struct mmsim_job_config *cfg = job->cfg;
	void (*fn)(struct task_struct *, void *) =
		cfg->kind == MMSIM_JOB_CPU ? cpu_thread :
		cfg->kind == MMSIM_JOB_PIPE ? pipe_thread :
		cfg->kind == MMSIM_JOB_IO ? io_thread_fn :
		cfg->kind == MMSIM_JOB_ALLOC ? alloc_thread_fn :
		cfg->kind == MMSIM_JOB_FRAGMENTER ? fragmenter_thread_fn :
		cfg->kind == MMSIM_JOB_MEM ? mem_thread_fn :
		cfg->kind == MMSIM_JOB_FILE ? file_thread_fn :
		cfg->kind == MMSIM_JOB_REPLAY ? replay_thread_fn : messaging_thread;
	int tgid = 0;

	job->start = sim->now;
	job->threads_left = job->nr_threads;
	sim->nr_jobs_pending--;
	job->deadline = cfg->runtime_ns ? sim->now + cfg->runtime_ns : UINT64_MAX;
	for (unsigned int i = 0; i < job->nr_threads; i++) {
		struct task_create_args args = {
			.comm = cfg->name,
			.tgid = tgid,
			.nice = cfg->nice,
			.cpus = &cfg->cpus_allowed,
			.fn = fn,
			.arg = &job->threads[i],
			.stats = &job->stats,
		};
		struct task_struct *p = task_create(sim, &args);

		MM_BUG_ON(!p);	/* out of host memory for stacks */
		if (!tgid)
			tgid = p->pid;
		/* clone(CLONE_VM | CLONE_THREAD): the job's address space */
		if (job->mm) {
			p->mm = job->mm;
			mmget(job->mm);
			p->oom_score_adj = (short)cfg->oom_score_adj;
		}
		/* cgroup.procs: the job's tasks run in its cgroup (ids count from 1) */
		p->memcg_id = (unsigned short)(mmsim_config_cgroup_index(&sim->cfg, cfg->cgroup) + 1);
	}
}

int jobs_init(struct mmsim *sim)
{
	sim->nr_jobs = sim->cfg.nr_jobs;
	sim->jobs = calloc(sim->nr_jobs ? sim->nr_jobs : 1, sizeof(*sim->jobs));
	if (!sim->jobs)
		return -ENOMEM;
	for (unsigned int i = 0; i < sim->nr_jobs; i++) {
		struct job *job = &sim->jobs[i];
		int ret;

		job->cfg = &sim->cfg.jobs[i];
		job->sim = sim;
		job->idx = i;
		job->stats.wakeup_latency = lat_hist_create();
		if (!job->stats.wakeup_latency)
			return -ENOMEM;
		ret = job_setup_threads(job);
		if (ret)
			return ret;
		sim->nr_jobs_pending++;
		event_init(&job->start_ev, job_start);
		event_schedule(sim, &job->start_ev, job->cfg->start_delay_ns);
	}
	return 0;
}

void jobs_release(struct mmsim *sim)
{
	for (unsigned int i = 0; i < sim->nr_jobs; i++) {
		struct job *job = &sim->jobs[i];

		lat_hist_free(job->stats.wakeup_latency);
		if (job->cfg->kind == MMSIM_JOB_IO)
			io_job_release(job);
		if (job->cfg->kind == MMSIM_JOB_FILE)
			lat_hist_free(job->clat);
		alloc_job_release(job);
		mem_job_release(job);
		replay_job_release(job);
		free(job->threads);
		free(job->pipes);
		free(job->out_tables);
	}
	free(sim->jobs);
	sim->jobs = NULL;
	sim->nr_jobs = 0;
}
