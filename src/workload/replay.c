// SPDX-License-Identifier: GPL-2.0-only
/*
 * workload/replay.c - kind=replay: a valgrind lackey trace, page by page
 *
 * The trace (`valgrind --tool=lackey --trace-mem=yes prog`) is read once
 * when the scenario is set up: every record becomes one access per page it
 * touches (a record that crosses a page boundary touches two), loads and
 * instruction fetches as loads, stores and modifies as stores.  The
 * distinct pages, in the order the trace first touches them, get the
 * consecutive pages of one private anonymous mapping, so the program's
 * footprint and reuse are kept while its addresses are not (nothing here
 * depends on where the program's pages were).  Each thread then replays
 * the whole sequence loops= times, sleeping think= between passes, as a
 * kind=mem job does with its pattern: the same costs, faults and report.
 */
#include "workload/replay.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/hist.h"
#include "mm/mm.h"
#include "mm/mm_sim.h"
#include "sim/sim.h"
#include "workload/job.h"
#include "workload/lackey.h"
#include "workload/memjob.h"

/* Page number -> index in the mapping, open addressing. */
struct page_index {
	uint64_t *pages;		/* page number + 1; 0 = empty slot */
	uint32_t *index;
	size_t mask, nr;
};

static int page_index_grow(struct page_index *pi)
{
	size_t mask = pi->mask ? pi->mask * 2 + 1 : 1023;
	uint64_t *pages = calloc(mask + 1, sizeof(*pages));
	uint32_t *index = calloc(mask + 1, sizeof(*index));

	if (!pages || !index) {
		free(pages);
		free(index);
		return -ENOMEM;
	}
	for (size_t i = 0; pi->pages && i <= pi->mask; i++) {
		size_t j;

		if (!pi->pages[i])
			continue;
		for (j = (pi->pages[i] * 0x9e3779b97f4a7c15ULL) >> 20 & mask; pages[j];
		     j = (j + 1) & mask)
			;
		pages[j] = pi->pages[i];
		index[j] = pi->index[i];
	}
	free(pi->pages);
	free(pi->index);
	pi->pages = pages;
	pi->index = index;
	pi->mask = mask;
	return 0;
}

/* The mapping index of trace page @page, a new one the first time. */
static int page_index_get(struct page_index *pi, uint64_t page, uint32_t *out)
{
	size_t j;

	if (2 * (pi->nr + 1) > pi->mask && page_index_grow(pi))
		return -ENOMEM;
	for (j = ((page + 1) * 0x9e3779b97f4a7c15ULL) >> 20 & pi->mask; pi->pages[j];
	     j = (j + 1) & pi->mask)
		if (pi->pages[j] == page + 1) {
			*out = pi->index[j];
			return 0;
		}
	if (pi->nr >= UINT32_MAX >> 1)
		return -ENOMEM;
	pi->pages[j] = page + 1;
	pi->index[j] = (uint32_t)pi->nr++;
	*out = pi->index[j];
	return 0;
}

int replay_job_setup(struct job *job)
{
	struct page_index pi = { 0 };
	struct lackey_reader *r;
	struct lackey_record rec;
	size_t cap = 0;
	int ret = 0, rc;
	FILE *f = fopen(job->cfg->trace, "r");

	if (!f)
		return -EIO;
	r = lackey_reader_create(f, 0);
	if (!r) {
		fclose(f);
		return -ENOMEM;
	}
	while ((rc = lackey_next(r, &rec)) == 1) {
		uint64_t first, n = lackey_record_pages(&rec, PAGE_SHIFT, &first);
		bool write = rec.kind == LACKEY_STORE || rec.kind == LACKEY_MODIFY;

		for (uint64_t p = 0; p < n; p++) {
			uint32_t idx;

			if (job->nr_replay == cap) {
				size_t ncap = cap ? cap * 2 : 4096;
				uint32_t *a = realloc(job->replay, ncap * sizeof(*a));

				if (!a) {
					ret = -ENOMEM;
					goto out;
				}
				job->replay = a;
				cap = ncap;
			}
			if (page_index_get(&pi, first + p, &idx)) {
				ret = -ENOMEM;
				goto out;
			}
			/* the access: page index and a store bit */
			job->replay[job->nr_replay++] = idx << 1 | write;
		}
	}
	if (rc < 0)
		ret = -EIO;
	else if (!job->nr_replay)
		ret = -EINVAL;
	if (ret)
		goto out;
	job->mm = mm_create(job->sim->mm);
	job->vma = job->mm ? do_mmap_anon(job->mm, pi.nr, VM_READ | VM_WRITE) : NULL;
	job->fault_lat = lat_hist_create();
	if (!job->vma || !job->fault_lat)
		ret = -ENOMEM;
out:
	lackey_reader_free(r);
	fclose(f);
	free(pi.pages);
	free(pi.index);
	return ret;
}

void replay_job_release(struct job *job)
{
	free(job->replay);
	job->replay = NULL;
}

void replay_thread_fn(struct task_struct *p, void *arg)
{
	struct job_thread *t = arg;
	struct job *job = t->job;

	for (uint64_t pass = 0; job_more(job, pass); pass++) {
		unsigned int batch = 0;

		for (size_t i = 0; i < job->nr_replay; i++)
			if (!mem_access_one(p, job, job->replay[i] >> 1, job->replay[i] & 1, &batch))
				return;
		mem_pass_done(p, t, batch);
	}
}
