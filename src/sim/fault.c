// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim/fault.c - fault injection (lib/fault-inject.c, kernel 6.x)
 *
 * should_fail() follows the kernel's order of tests: an exhausted @times
 * never fails; @space absorbs the first bytes; @interval lets only every
 * Nth call be considered; @probability (percent) decides.  Not modelled:
 * task-filter, require-start/end stack filters and verbose logging.
 */
#include "sim/fault.h"

void fault_init(struct fault_state *fs, const struct mmsim_fault_attr *attr,
		uint64_t seed, enum mmsim_fault_item item)
{
	fs->attr = *attr;
	fs->times_left = attr->times;
	fs->space_left = attr->space;
	fs->count = 0;
	fs->nr_failed = 0;
	rng_init(&fs->rng, seed, 0xfa017000ULL + (uint64_t)item);
}

bool should_fail(struct fault_state *fs, uint64_t size)
{
	if (fs->times_left == 0)
		return false;
	if (fs->space_left > size) {
		fs->space_left -= size;
		return false;
	}
	if (fs->attr.interval > 1 && ++fs->count % fs->attr.interval)
		return false;
	if (fs->attr.probability <= rng_below(&fs->rng, 100))
		return false;
	if (fs->times_left > 0)
		fs->times_left--;
	fs->nr_failed++;
	return true;
}
