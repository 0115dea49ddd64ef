// SPDX-License-Identifier: GPL-2.0-only
/*
 * workload/memjob.c - kind=mem: an anonymous mapping touched in a pattern
 *
 * The job maps size= bytes of private anonymous memory once, or with
 * file= the file [file.NAME] (MAP_SHARED with shared=on, else
 * MAP_PRIVATE; size=0 maps all of it), and its threads share the address
 * space, as a process's threads do; each thread then
 * makes loops= passes of as many accesses as the mapping has pages, each
 * to the page pattern= picks (workload/pattern.c), a store with
 * probability writes= percent, sleeping think= after each pass.  An access
 * to a present page costs cost.mem_access of user time; a missing page is
 * a page fault (mm/memory.c), whose virtual duration, slow path included,
 * is recorded.  With remap=on the pages are dropped after each pass (munmap
 * and mmap again), so each pass times mmap + first touch (stutterp).  A
 * thread with SIGKILL pending (from the OOM killer) stops after the access
 * it is doing, and after a pass's think time, and exits.  A fault that
 * finds no memory (VM_FAULT_OOM) in a task that was not killed ends the
 * thread with an error.
 */
#include "workload/memjob.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/compiler.h"
#include "lib/hist.h"
#include "mm/filemap.h"
#include "mm/mm.h"
#include "mm/mm_sim.h"
#include "sim/sim.h"
#include "sim/wait.h"
#include "workload/job.h"
#include "workload/pattern.h"

/* User time is charged in batches: per fault, and at least every this many accesses. */
#define MEM_CHARGE_BATCH	256

static int parse_uint(const char **s, uint64_t *out)
{
	char *end;

	if (**s < '0' || **s > '9')
		return -EINVAL;
	*out = strtoull(*s, &end, 10);
	*s = end;
	if (*end == '%')
		(*s)++;
	return 0;
}

int mem_pattern_parse(const char *text, struct pattern_cfg *cfg)
{
	const char *colon = strchr(text, ':'), *s;
	char kind[16];
	size_t len = colon ? (size_t)(colon - text) : strlen(text);
	int k;

	memset(cfg, 0, sizeof(*cfg));
	if (len >= sizeof(kind))
		return -EINVAL;
	memcpy(kind, text, len);
	kind[len] = '\0';
	k = pattern_kind_parse(kind);
	if (k < 0)
		return -EINVAL;
	cfg->kind = (enum pattern_kind)k;
	s = colon ? colon + 1 : NULL;
	switch (cfg->kind) {
	case PATTERN_SEQ:
	case PATTERN_RAND:
		return s ? -EINVAL : 0;
	case PATTERN_ZIPF: {
		char *end;

		if (!s || *s < '0' || *s > '9')
			return -EINVAL;
		cfg->zipf_skew = strtod(s, &end);
		if (*end)
			return -EINVAL;
		break;
	}
	case PATTERN_STRIDE:
		if (!s || parse_uint(&s, &cfg->stride) || *s)
			return -EINVAL;
		break;
	case PATTERN_HOTCOLD: {
		uint64_t hot, access;

		if (!s || parse_uint(&s, &hot) || *s != ':')
			return -EINVAL;
		s++;
		if (parse_uint(&s, &access) || *s || hot > 100 || access > 100)
			return -EINVAL;
		cfg->hot_pct = (unsigned int)hot;
		cfg->hot_access_pct = (unsigned int)access;
		cfg->hot_scatter = true;
		break;
	}
	default:
		return -EINVAL;
	}
	return pattern_cfg_check(cfg, PATTERN_MAX_PAGES);
}

int mem_phases_parse(const char *text, struct mem_phases *ph)
{
	const char *s = text;

	memset(ph, 0, sizeof(*ph));
	for (;;) {
		const char *end = strchr(s, '/'), *star;
		size_t len = end ? (size_t)(end - s) : strlen(s);
		char one[MMSIM_JOB_NAME_MAX];
		uint64_t passes = 1;

		if (ph->nr == MEM_MAX_PHASES || !len || len >= sizeof(one))
			return -EINVAL;
		memcpy(one, s, len);
		one[len] = '\0';
		star = strchr(one, '*');
		if (star) {
			const char *n = star + 1;

			if (parse_uint(&n, &passes) || *n || n[-1] == '%' || !passes ||
			    passes > UINT32_MAX)
				return -EINVAL;
			one[star - one] = '\0';
		}
		if (mem_pattern_parse(one, &ph->cfg[ph->nr]))
			return -EINVAL;
		ph->passes[ph->nr++] = passes;
		ph->cycle += passes;
		if (!end)
			return 0;
		s = end + 1;
	}
}

int mem_pattern_value_parse(const char *text, struct mem_pattern *mp)
{
	const char *s = text;

	memset(mp, 0, sizeof(*mp));
	for (;;) {
		const char *end = strchr(s, '+');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		char one[MMSIM_JOB_NAME_MAX];

		if (mp->nr == MEM_MAX_THREAD_PATTERNS || !len || len >= sizeof(one))
			return -EINVAL;
		memcpy(one, s, len);
		one[len] = '\0';
		if (mem_phases_parse(one, &mp->thread[mp->nr++]))
			return -EINVAL;
		if (!end)
			return 0;
		s = end + 1;
	}
}

unsigned int mem_phase_of(const struct mem_phases *ph, uint64_t pass)
{
	uint64_t at = pass % ph->cycle;
	unsigned int i = 0;

	while (at >= ph->passes[i])
		at -= ph->passes[i++];
	return i;
}

static const int map_advice[NR_MMSIM_MADV] = {
	[MMSIM_MADV_NORMAL]	= MADV_NORMAL,
	[MMSIM_MADV_RANDOM]	= MADV_RANDOM,
	[MMSIM_MADV_SEQUENTIAL]	= MADV_SEQUENTIAL,
	[MMSIM_MADV_HUGEPAGE]	= MADV_HUGEPAGE,
	[MMSIM_MADV_NOHUGEPAGE]	= MADV_NOHUGEPAGE,
};

static const int pass_advice[NR_MMSIM_PASS_MADV] = {
	[MMSIM_PASS_MADV_DONTNEED]	= MADV_DONTNEED,
	[MMSIM_PASS_MADV_FREE]		= MADV_FREE,
	[MMSIM_PASS_MADV_COLD]		= MADV_COLD,
	[MMSIM_PASS_MADV_PAGEOUT]	= MADV_PAGEOUT,
};

int mem_job_setup(struct job *job)
{
	const struct mmsim_job_config *cfg = job->cfg;
	unsigned long nr_pages = cfg->io_size >> PAGE_SHIFT;
	struct address_space *file = NULL;

	if (cfg->file[0]) {
		file = filemap_lookup(job->sim->mm, cfg->file);
		if (!file)
			return -EINVAL;
		if (!nr_pages)
			nr_pages = file->nr_pages;
	}
	if (mem_pattern_value_parse(cfg->pattern, &job->pattern))
		return -EINVAL;
	for (unsigned int t = 0; t < job->pattern.nr; t++) {
		struct mem_phases *ph = &job->pattern.thread[t];

		for (unsigned int i = 0; i < ph->nr; i++) {
			if (pattern_cfg_check(&ph->cfg[i], nr_pages))
				return -EINVAL;
			/* every thread agrees on which pages are hot; each phase has its own */
			ph->cfg[i].perm_key = ((uint64_t)job->sim->cfg.seed << 16) ^ job->idx ^
					      ((uint64_t)i << 48);
		}
	}
	init_waitqueue_head(job->sim, &job->populate_wait);
	job->mm = mm_create(job->sim->mm);
	if (!job->mm)
		return -ENOMEM;
	job->vma = file ? do_mmap_file(job->mm, file, nr_pages,
				       VM_READ | VM_WRITE | (cfg->shared ? VM_SHARED : 0)) :
			  do_mmap_anon(job->mm, nr_pages, VM_READ | VM_WRITE);
	job->fault_lat = lat_hist_create();
	if (!job->vma || !job->fault_lat)
		return -ENOMEM;
	return do_madvise(job->vma, map_advice[cfg->madvise]);
}

void mem_job_release(struct job *job)
{
	lat_hist_free(job->fault_lat);
	job->fault_lat = NULL;
}

bool mem_access_one(struct task_struct *p, struct job *job, unsigned long index, bool write,
		    unsigned int *batch)
{
	struct mmsim *sim = p->sim;
	struct vm_area_struct *vma = job->vma;
	uint64_t start;
	enum fault_result r;

	/* user time in batches: before each fault, and every MEM_CHARGE_BATCH accesses */
	if (!(vma->ptes[index] & PTE_PRESENT) || ++*batch == MEM_CHARGE_BATCH) {
		cpu_charge_user(sim, sim_cost(sim, MMSIM_COST_MEM_ACCESS) * *batch);
		*batch = 0;
	}
	start = sim->now;
	r = access_page(vma, index, write);
	job->mem_accesses++;
	if (r == FAULT_MINOR || r == FAULT_MAJOR) {
		job->mem_faults++;
		job->mem_major_faults += r == FAULT_MAJOR;
		lat_hist_add(job->fault_lat, sim->now - start);
	} else if (r == FAULT_OOM || r == FAULT_SIGBUS) {
		/* a killed task's failed fault is its way out (pagefault_out_of_memory()) */
		if (!fatal_signal_pending(p))
			job->errors++;
		return false;
	}
	/* back to user mode: a pending SIGKILL ends the thread */
	return !fatal_signal_pending(p);
}

void mem_pass_done(struct task_struct *p, struct job_thread *t, unsigned int batch)
{
	struct job *job = t->job;
	struct mmsim *sim = p->sim;
	uint64_t think;

	cpu_charge_user(sim, sim_cost(sim, MMSIM_COST_MEM_ACCESS) * batch);
	job->loops_done++;
	if (job->cfg->remap) {
		/* munmap() and mmap() again: the next pass faults every page in */
		unsigned long freed = zap_vma_pages(job->vma);

		cpu_charge(sim, sim_cost(sim, MMSIM_COST_SYSCALL) * 2 +
			   sim_cost(sim, MMSIM_COST_PAGE_FREE) * freed);
	}
	if (job->cfg->pass_madvise != MMSIM_PASS_MADV_NONE) {
		/* the syscall only: its per-page work is not charged */
		cpu_charge(sim, sim_cost(sim, MMSIM_COST_SYSCALL));
		do_madvise(job->vma, pass_advice[job->cfg->pass_madvise]);
	}
	think = rng_dist(&t->rng, &job->cfg->think);
	if (think) {
		p->state = TASK_INTERRUPTIBLE;
		schedule_hrtimeout_range(sim, think, job->cfg->timer_slack_ns);
	}
}

void mem_thread_fn(struct task_struct *p, void *arg)
{
	struct job_thread *t = arg;
	struct job *job = t->job;
	const struct mmsim_job_config *cfg = job->cfg;
	const struct mem_phases *phases = &job->pattern.thread[t->idx % job->pattern.nr];
	struct pattern_gen gen;
	unsigned int phase = 0;

	if (pattern_init(&gen, &phases->cfg[0], job->vma->nr_pages, &t->rng))
		return;
	if (cfg->populate && !t->idx) {
		/* the first thread stores to every page in order; the others wait for it */
		unsigned int batch = 0;

		for (unsigned long i = 0; i < job->vma->nr_pages; i++)
			if (!mem_access_one(p, job, i, true, &batch))
				break;
		cpu_charge_user(p->sim, sim_cost(p->sim, MMSIM_COST_MEM_ACCESS) * batch);
		job->populated = true;
		wake_up_all(&job->populate_wait);
		if (fatal_signal_pending(p))
			return;
	} else if (cfg->populate) {
		wait_event(&job->populate_wait, job->populated || fatal_signal_pending(p));
	}
	for (uint64_t pass = 0; job_more(job, pass); pass++) {
		unsigned int batch = 0;

		if (phases->nr > 1 && mem_phase_of(phases, pass) != phase) {
			phase = mem_phase_of(phases, pass);
			if (pattern_init(&gen, &phases->cfg[phase], job->vma->nr_pages,
					 &t->rng))
				return;
		}

		for (unsigned long i = 0; i < job->vma->nr_pages; i++) {
			unsigned long index = pattern_next(&gen);
			bool write = cfg->writes && rng_below(&t->rng, 100) < cfg->writes;

			if (!mem_access_one(p, job, index, write, &batch))
				return;
		}
		mem_pass_done(p, t, batch);
	}
}
