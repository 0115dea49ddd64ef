/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lib/heap.h - indexed binary min-heap ordered by (key, seq)
 *
 * Used for the event queue (key = virtual time) and for CFS runqueues (key
 * = vruntime).  Elements embed a struct heap_node that remembers its slot,
 * so any element can be removed or re-keyed in O(log n), as the kernel does
 * with hrtimers and the CFS rbtree.  The array stores the key and sequence
 * number by value next to the node pointer, so sifting compares without
 * touching the elements.  Ties on key are broken by the smaller seq: the
 * caller hands out increasing sequence numbers, which makes order among
 * equal keys first-in first-out and the whole structure deterministic.
 */
#ifndef MMSIM_LIB_HEAP_H
#define MMSIM_LIB_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HEAP_NOT_QUEUED	UINT32_MAX

/** struct heap_node - embed in each element; idx is private */
struct heap_node {
	uint32_t idx;		/* slot in heap->slots, or HEAP_NOT_QUEUED */
};

struct heap_slot {
	uint64_t key;
	uint64_t seq;
	struct heap_node *node;
};

struct heap {
	struct heap_slot *slots;
	uint32_t nr;
	uint32_t capacity;
};

/** heap_init - make an empty heap */
void heap_init(struct heap *heap);

/** heap_release - free the heap's array; queued nodes are simply forgotten */
void heap_release(struct heap *heap);

/** heap_node_init - mark @node as not queued */
static inline void heap_node_init(struct heap_node *node)
{
	node->idx = HEAP_NOT_QUEUED;
}

/** heap_node_queued - true if @node is in a heap */
static inline bool heap_node_queued(const struct heap_node *node)
{
	return node->idx != HEAP_NOT_QUEUED;
}

/**
 * heap_insert - add @node with (@key, @seq)
 * @heap: the heap
 * @node: an element that is not queued
 * @key: primary order
 * @seq: tie breaker, unique among queued elements
 *
 * Return: 0, or -ENOMEM if the array could not grow.
 */
int heap_insert(struct heap *heap, struct heap_node *node, uint64_t key, uint64_t seq);

/** heap_remove - take @node (which must be queued in @heap) out */
void heap_remove(struct heap *heap, struct heap_node *node);

/** heap_min - the element with the smallest (key, seq), or NULL if empty */
static inline struct heap_node *heap_min(const struct heap *heap)
{
	return heap->nr ? heap->slots[0].node : NULL;
}

/** heap_min_key - key of heap_min(); only valid if the heap is not empty */
static inline uint64_t heap_min_key(const struct heap *heap)
{
	return heap->slots[0].key;
}

/** heap_key - the key @node is queued with */
static inline uint64_t heap_key(const struct heap *heap, const struct heap_node *node)
{
	return heap->slots[node->idx].key;
}

/** heap_pop - remove and return the minimum, or NULL if empty */
struct heap_node *heap_pop(struct heap *heap);

/**
 * heap_check - verify the heap property and the back-indexes
 *
 * Return: true if consistent.  O(n); for tests and MMSIM_DEBUG >= 3.
 */
bool heap_check(const struct heap *heap);

#endif /* MMSIM_LIB_HEAP_H */
