/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lib/hist.h - log-linear latency histogram (HdrHistogram-style)
 *
 * Values below 256 ns have a bucket each; above, every power of two is
 * split into 128 buckets, so a reported percentile is the lower bound of
 * its bucket and at most 0.8% below the true value.  Count, sum, min and
 * max are exact.
 */
#ifndef MMSIM_LIB_HIST_H
#define MMSIM_LIB_HIST_H

#include <stdint.h>

#define LAT_HIST_LINEAR		256
#define LAT_HIST_SUB_BITS	7
#define LAT_HIST_BUCKETS	(LAT_HIST_LINEAR + (64 - 8) * (1 << LAT_HIST_SUB_BITS))

struct lat_hist {
	uint64_t count;
	uint64_t sum;
	uint64_t min;
	uint64_t max;
	uint64_t buckets[LAT_HIST_BUCKETS];
};

/** lat_hist_create - a new empty histogram, or NULL on -ENOMEM */
struct lat_hist *lat_hist_create(void);

/** lat_hist_free - free @h (NULL is fine) */
void lat_hist_free(struct lat_hist *h);

/** lat_hist_add - record one value */
void lat_hist_add(struct lat_hist *h, uint64_t value);

/**
 * lat_hist_percentile - nearest-rank percentile
 * @h: histogram
 * @permille: 500 for p50, 990 for p99, 1000 for the maximum
 *
 * Return: the smallest bucket lower bound v such that at least
 * @permille/1000 of the values are in buckets up to v, clamped to
 * [min, max]; 0 if the histogram is empty.
 */
uint64_t lat_hist_percentile(const struct lat_hist *h, unsigned int permille);

#endif /* MMSIM_LIB_HIST_H */
