// SPDX-License-Identifier: GPL-2.0-only
/*
 * lib/heap.c - indexed binary min-heap (see heap.h)
 *
 * A d-ary array heap: the children of slot i are d*i+1 .. d*i+d.  d = 2
 * (binary) is the fastest on bench_events at 1,000 tasks: 6.5-6.8 M
 * events/s against 6.1-6.2 for d = 4 and 6.0-6.1 for d = 8, measured in
 * one run (docs/PERFORMANCE.md); build with -DHEAP_ARITY=N to compare.
 * Sifting moves a hole instead of swapping, and writes each node's new
 * slot as it goes.
 */
#include "lib/heap.h"

#include <errno.h>
#include <stdlib.h>

#include "lib/compiler.h"

#ifndef HEAP_ARITY
#define HEAP_ARITY	2
#endif
#define HEAP_PARENT(i)	(((i) - 1) / HEAP_ARITY)
#define HEAP_CHILD(i)	(HEAP_ARITY * (i) + 1)

static inline bool slot_less(const struct heap_slot *a, const struct heap_slot *b)
{
	return a->key < b->key || (a->key == b->key && a->seq < b->seq);
}

void heap_init(struct heap *heap)
{
	heap->slots = NULL;
	heap->nr = 0;
	heap->capacity = 0;
}

void heap_release(struct heap *heap)
{
	free(heap->slots);
	heap_init(heap);
}

static void sift_up(struct heap *heap, uint32_t i, struct heap_slot s)
{
	struct heap_slot *slots = heap->slots;

	while (i > 0) {
		uint32_t parent = HEAP_PARENT(i);

		if (!slot_less(&s, &slots[parent]))
			break;
		slots[i] = slots[parent];
		slots[i].node->idx = i;
		i = parent;
	}
	slots[i] = s;
	s.node->idx = i;
}

/* The smallest child of slot @i, or UINT32_MAX if @i is a leaf. */
static inline uint32_t min_child(const struct heap *heap, uint32_t i)
{
	uint32_t first = HEAP_CHILD(i), end, child;

	if (first >= heap->nr)
		return UINT32_MAX;
	end = first + HEAP_ARITY < heap->nr ? first + HEAP_ARITY : heap->nr;
	child = first;
	for (uint32_t c = first + 1; c < end; c++)
		if (slot_less(&heap->slots[c], &heap->slots[child]))
			child = c;
	return child;
}

static void sift_down(struct heap *heap, uint32_t i, struct heap_slot s)
{
	struct heap_slot *slots = heap->slots;

	for (;;) {
		uint32_t child = min_child(heap, i);

		if (child == UINT32_MAX || !slot_less(&slots[child], &s))
			break;
		slots[i] = slots[child];
		slots[i].node->idx = i;
		i = child;
	}
	slots[i] = s;
	s.node->idx = i;
}

int heap_insert(struct heap *heap, struct heap_node *node, uint64_t key, uint64_t seq)
{
	MM_DEBUG_ON(heap_node_queued(node));
	if (heap->nr == heap->capacity) {
		uint32_t cap = heap->capacity ? heap->capacity * 2 : 64;
		struct heap_slot *slots;

		if (cap <= heap->capacity)
			return -ENOMEM;
		slots = realloc(heap->slots, (size_t)cap * sizeof(*slots));
		if (!slots)
			return -ENOMEM;
		heap->slots = slots;
		heap->capacity = cap;
	}
	sift_up(heap, heap->nr++, (struct heap_slot){ key, seq, node });
	return 0;
}

#ifndef HEAP_FLOYD
#define HEAP_FLOYD 1
#endif

/*
 * Floyd's trick for removal: walk the hole down to a leaf along the
 * smaller children (one comparison per level instead of two), then sift
 * the displaced last element up from there; it usually belongs near the
 * bottom, so that walk is short.
 */
static void remove_floyd(struct heap *heap, uint32_t i, struct heap_slot last)
{
	struct heap_slot *slots = heap->slots;

	for (;;) {
		uint32_t child = min_child(heap, i);

		if (child == UINT32_MAX)
			break;
		slots[i] = slots[child];
		slots[i].node->idx = i;
		i = child;
	}
	sift_up(heap, i, last);
}

void heap_remove(struct heap *heap, struct heap_node *node)
{
	uint32_t i = node->idx;
	struct heap_slot last;

	MM_DEBUG_ON(i >= heap->nr || heap->slots[i].node != node);
	node->idx = HEAP_NOT_QUEUED;
	last = heap->slots[--heap->nr];
	if (i == heap->nr)
		return;
	/* Put the last element in the hole and move it whichever way it must go. */
	if (i > 0 && slot_less(&last, &heap->slots[HEAP_PARENT(i)]))
		sift_up(heap, i, last);
	else if (HEAP_FLOYD)
		remove_floyd(heap, i, last);
	else
		sift_down(heap, i, last);
}

struct heap_node *heap_pop(struct heap *heap)
{
	struct heap_node *node = heap_min(heap);

	if (node)
		heap_remove(heap, node);
	return node;
}

bool heap_check(const struct heap *heap)
{
	for (uint32_t i = 0; i < heap->nr; i++) {
		if (heap->slots[i].node->idx != i)
			return false;
		if (i > 0 && slot_less(&heap->slots[i], &heap->slots[HEAP_PARENT(i)]))
			return false;
	}
	return true;
}
