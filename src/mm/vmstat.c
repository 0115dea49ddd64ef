// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/vmstat.c - counter names and the /proc formats of the allocator
 *
 * vmstat_text[] of mm/vmstat.c for the event counters the model keeps.
 */
#include "mm/vmstat.h"

#include "lib/compiler.h"

static const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
#define MM_VM_EVENT_NAME(id, name) [id] = name,
	MM_VM_EVENTS(MM_VM_EVENT_NAME)
#undef MM_VM_EVENT_NAME
};

const char *vm_event_name(enum vm_event_item item)
{
	MM_BUG_ON((unsigned int)item >= NR_VM_EVENT_ITEMS);
	return vm_event_names[item];
}
