/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sim/event.h - the event queue: everything that happens at a virtual time
 *
 * An event is embedded in the object it belongs to (a CPU's run event, a
 * task's timer), like a kernel hrtimer, so scheduling one never allocates.
 * The queue is an indexed binary heap ordered by (time, sequence number):
 * events due at the same instant run in the order they were scheduled.
 */
#ifndef MMSIM_SIM_EVENT_H
#define MMSIM_SIM_EVENT_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/heap.h"

struct mmsim;
struct sim_event;

typedef void (*sim_event_fn)(struct mmsim *sim, struct sim_event *ev);

struct sim_event {
	struct heap_node node;
	sim_event_fn fn;
};

/** event_init - prepare @ev to call @fn when it fires */
static inline void event_init(struct sim_event *ev, sim_event_fn fn)
{
	heap_node_init(&ev->node);
	ev->fn = fn;
}

/** event_pending - true if @ev is queued */
static inline bool event_pending(const struct sim_event *ev)
{
	return heap_node_queued(&ev->node);
}

/**
 * event_schedule - queue @ev to fire at @when (re-queue it if pending)
 * @sim: simulation
 * @ev: event
 * @when: virtual time in ns, >= the current time
 *
 * A re-queued event takes a new sequence number, so it runs after events
 * already queued for the same instant.
 */
void event_schedule(struct mmsim *sim, struct sim_event *ev, uint64_t when);

/** event_cancel - dequeue @ev if it is pending */
void event_cancel(struct mmsim *sim, struct sim_event *ev);

/** event_expires - the time a pending @ev fires at */
uint64_t event_expires(const struct mmsim *sim, const struct sim_event *ev);

#endif /* MMSIM_SIM_EVENT_H */
