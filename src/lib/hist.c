// SPDX-License-Identifier: GPL-2.0-only
/*
 * lib/hist.c - log-linear latency histogram (see hist.h)
 */
#include "lib/hist.h"

#include <stdlib.h>

static unsigned int bucket_of(uint64_t v)
{
	unsigned int e;

	if (v < LAT_HIST_LINEAR)
		return (unsigned int)v;
	e = 63 - (unsigned int)__builtin_clzll(v);	/* 8..63 */
	return LAT_HIST_LINEAR + (e - 8) * (1u << LAT_HIST_SUB_BITS) +
	       (unsigned int)((v >> (e - LAT_HIST_SUB_BITS)) & ((1u << LAT_HIST_SUB_BITS) - 1));
}

static uint64_t bucket_low(unsigned int b)
{
	unsigned int e, sub;

	if (b < LAT_HIST_LINEAR)
		return b;
	b -= LAT_HIST_LINEAR;
	e = 8 + b / (1u << LAT_HIST_SUB_BITS);
	sub = b % (1u << LAT_HIST_SUB_BITS);
	return (1ULL << e) | ((uint64_t)sub << (e - LAT_HIST_SUB_BITS));
}

struct lat_hist *lat_hist_create(void)
{
	struct lat_hist *h = calloc(1, sizeof(*h));

	if (h)
		h->min = UINT64_MAX;
	return h;
}

void lat_hist_free(struct lat_hist *h)
{
	free(h);
}

void lat_hist_add(struct lat_hist *h, uint64_t value)
{
	h->count++;
	h->sum += value;
	if (value < h->min)
		h->min = value;
	if (value > h->max)
		h->max = value;
	h->buckets[bucket_of(value)]++;
}

uint64_t lat_hist_percentile(const struct lat_hist *h, unsigned int permille)
{
	uint64_t rank, seen = 0;

	if (!h->count)
		return 0;
	if (permille >= 1000)
		return h->max;
	/* nearest rank: ceil(count * permille / 1000), at least 1 */
	rank = (h->count * permille + 999) / 1000;
	if (!rank)
		rank = 1;
	for (unsigned int b = 0; b < LAT_HIST_BUCKETS; b++) {
		seen += h->buckets[b];
		if (seen >= rank) {
			uint64_t v = bucket_low(b);

			return v < h->min ? h->min : v > h->max ? h->max : v;
		}
	}
	return h->max;
}
