/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sim/cost.h - the cost model: what each kind of CPU work costs in virtual ns
 */
#ifndef MMSIM_SIM_COST_H
#define MMSIM_SIM_COST_H

#include <stdint.h>

#include "mmsim/config.h"

/**
 * struct cost_desc - one entry of the cost table
 * @name: the [cost] key
 * @default_ns: value used when the scenario does not set it
 * @rationale: where the number comes from, printed by `mmsim run --help-costs`
 */
struct cost_desc {
	const char *name;
	uint64_t default_ns;
	const char *rationale;
};

/**
 * cost_desc - the table entry of @item
 * @item: a cost, < NR_MMSIM_COSTS
 *
 * Return: a pointer into a static const table.
 */
const struct cost_desc *cost_desc(enum mmsim_cost_item item);

#endif /* MMSIM_SIM_COST_H */
