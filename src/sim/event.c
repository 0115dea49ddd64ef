// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim/event.c - the event queue (see event.h)
 *
 * A binary heap keyed by (time, sequence).  Measured against the targets in
 * docs/PERFORMANCE.md before anything cleverer (calendar queue, timer
 * wheel) was considered.
 */
#include "sim/event.h"

#include "lib/compiler.h"
#include "sim/sim.h"

void event_schedule(struct mmsim *sim, struct sim_event *ev, uint64_t when)
{
	MM_DEBUG_ON(when < sim->now);
	if (event_pending(ev))
		heap_remove(&sim->events, &ev->node);
	if (heap_insert(&sim->events, &ev->node, when, ++sim->event_seq))
		MM_BUG();	/* growing the queue failed: out of host memory */
}

void event_cancel(struct mmsim *sim, struct sim_event *ev)
{
	if (event_pending(ev))
		heap_remove(&sim->events, &ev->node);
}

uint64_t event_expires(const struct mmsim *sim, const struct sim_event *ev)
{
	MM_DEBUG_ON(!event_pending(ev));
	return heap_key(&sim->events, &ev->node);
}
