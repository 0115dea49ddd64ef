/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sim/fault.h - fault injection with the kernel's fault_attr semantics
 *
 * Models lib/fault-inject.c (should_fail()): each point has probability,
 * interval, times and space knobs, set in the scenario's [fault] section.
 * Decisions draw from the point's own seeded random stream.
 */
#ifndef MMSIM_SIM_FAULT_H
#define MMSIM_SIM_FAULT_H

#include <stdbool.h>
#include <stdint.h>

#include "mmsim/config.h"
#include "sim/rng.h"

struct fault_state {
	struct mmsim_fault_attr attr;
	int64_t times_left;		/* -1 = unlimited */
	uint64_t space_left;
	uint64_t count;			/* calls seen */
	uint64_t nr_failed;		/* failures injected */
	struct rng rng;
};

/**
 * fault_init - arm a point from its configuration
 * @fs: state to fill
 * @attr: the [fault] knobs
 * @seed: simulation seed
 * @item: which point (selects the random stream)
 */
void fault_init(struct fault_state *fs, const struct mmsim_fault_attr *attr,
		uint64_t seed, enum mmsim_fault_item item);

/**
 * should_fail - decide whether this call at the point fails
 * @fs: the point
 * @size: bytes involved, counted against @space as the kernel does
 *
 * Return: true if the caller must fail the operation.
 */
bool should_fail(struct fault_state *fs, uint64_t size);

#endif /* MMSIM_SIM_FAULT_H */
