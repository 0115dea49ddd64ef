// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_lib.c - the indexed heap and the latency histogram
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdlib.h>

#include "lib/heap.h"
#include "lib/hist.h"
#include "sim/rng.h"

struct item {
	struct heap_node node;
	uint64_t key;
	uint64_t seq;
};

/* Random inserts, removals from the middle and pops agree with a brute-force minimum. */
Test(heap, random_operations_match_reference)
{
	enum { N = 2000 };
	static struct item items[N];
	struct heap heap;
	struct rng rng;
	uint64_t seq = 0;

	heap_init(&heap);
	rng_init(&rng, 42, 0);
	for (int i = 0; i < N; i++)
		heap_node_init(&items[i].node);
	for (int step = 0; step < 200000; step++) {
		struct item *it = &items[rng_below(&rng, N)];
		unsigned int op = (unsigned int)rng_below(&rng, 3);

		if (op == 0 && !heap_node_queued(&it->node)) {
			it->key = rng_below(&rng, 50);	/* many ties */
			it->seq = ++seq;
			cr_assert(eq(int, heap_insert(&heap, &it->node, it->key, it->seq), 0));
		} else if (op == 1 && heap_node_queued(&it->node)) {
			heap_remove(&heap, &it->node);
		} else if (op == 2 && heap.nr) {
			struct item *best = NULL, *got;

			for (int i = 0; i < N; i++) {
				struct item *c = &items[i];

				if (heap_node_queued(&c->node) &&
				    (!best || c->key < best->key ||
				     (c->key == best->key && c->seq < best->seq)))
					best = c;
			}
			cr_assert(eq(u64, heap_min_key(&heap), best->key));
			got = (struct item *)(void *)heap_pop(&heap);
			cr_assert(eq(ptr, got, best), "ties must break on the sequence number");
		}
		if (step % 1000 == 0)
			cr_assert(heap_check(&heap));
	}
	cr_assert(heap_check(&heap));
	heap_release(&heap);
}

Test(heap, empty_heap_has_no_minimum)
{
	struct heap heap;

	heap_init(&heap);
	cr_assert(eq(ptr, heap_min(&heap), NULL));
	cr_assert(eq(ptr, heap_pop(&heap), NULL));
	heap_release(&heap);
}

/* Below 256 ns every value has its own bucket: exact percentiles. */
Test(hist, small_values_are_exact)
{
	struct lat_hist *h = lat_hist_create();

	for (uint64_t v = 1; v <= 100; v++)
		lat_hist_add(h, v);
	cr_assert(eq(u64, h->count, 100));
	cr_assert(eq(u64, lat_hist_percentile(h, 500), 50));
	cr_assert(eq(u64, lat_hist_percentile(h, 990), 99));
	cr_assert(eq(u64, lat_hist_percentile(h, 1000), 100));
	cr_assert(eq(u64, h->sum, 5050));
	lat_hist_free(h);
}

/* Large values: within 1/128 below the true value, never above it. */
Test(hist, large_values_within_bucket_precision)
{
	struct lat_hist *h = lat_hist_create();
	struct rng rng;

	rng_init(&rng, 7, 1);
	for (int i = 0; i < 10000; i++) {
		uint64_t v = 1000 + rng_below(&rng, 1ULL << 40);

		lat_hist_add(h, v);
		lat_hist_add(h, v);	/* median of pairs is the value itself */
		cr_assert(lat_hist_percentile(h, 1000) >= v);
	}
	for (unsigned int pm = 10; pm <= 990; pm += 10) {
		uint64_t p = lat_hist_percentile(h, pm);

		cr_assert(p >= h->min && p <= h->max);
	}
	lat_hist_free(h);

	h = lat_hist_create();
	lat_hist_add(h, 1000000);
	lat_hist_add(h, 3000000);
	lat_hist_add(h, 5000000);
	/* 3,000,000 >> 14 = 183: bucket 2^21 + 55 * 2^14, reported as 2,998,272 */
	cr_assert(eq(u64, lat_hist_percentile(h, 500), 2998272));
	cr_assert(eq(u64, lat_hist_percentile(h, 1), 1000000), "clamped to the exact minimum");
	cr_assert(eq(u64, lat_hist_percentile(h, 1000), 5000000));
	lat_hist_free(h);
}

Test(hist, empty_histogram_reports_zero)
{
	struct lat_hist *h = lat_hist_create();

	cr_assert(eq(u64, lat_hist_percentile(h, 500), 0));
	lat_hist_free(h);
}
