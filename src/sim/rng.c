// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim/rng.c - xoshiro256** (Blackman and Vigna, 2018) seeded by splitmix64
 *
 * Determinism: integer arithmetic everywhere except the exponential
 * distribution, which uses log() from libm; glibc's log is correctly
 * rounded in practice, so results are the same on every x86-64 and aarch64
 * glibc build.
 */
#include "sim/rng.h"

#include <math.h>

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void rng_init(struct rng *rng, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed;
	uint64_t mixed;

	/* Mix the stream id in through a second splitmix pass of its own. */
	mixed = splitmix64(&x);
	x = mixed ^ (stream * 0xd1342543de82ef95ULL + 0x2545f4914f6cdd1dULL);
	for (int i = 0; i < 4; i++)
		rng->s[i] = splitmix64(&x);
}

uint64_t rng_next(struct rng *rng)
{
	uint64_t *s = rng->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t rng_below(struct rng *rng, uint64_t n)
{
	uint64_t limit, r;

	if (n == 0)
		return 0;
	/* Reject the top partial range so every residue is equally likely. */
	limit = UINT64_MAX - UINT64_MAX % n;
	do {
		r = rng_next(rng);
	} while (r >= limit);
	return r % n;
}

uint64_t rng_dist(struct rng *rng, const struct mmsim_dist *dist)
{
	double u, v;

	switch (dist->kind) {
	case MMSIM_DIST_FIXED:
		return dist->a;
	case MMSIM_DIST_UNIFORM:
		if (dist->b - dist->a == UINT64_MAX)
			return rng_next(rng);
		return dist->a + rng_below(rng, dist->b - dist->a + 1);
	case MMSIM_DIST_EXPONENTIAL:
		u = (double)((rng_next(rng) >> 11) + 1) * 0x1.0p-53;	/* (0, 1] */
		v = -(double)dist->a * log(u);
		return v >= 1.8e19 ? UINT64_MAX : (uint64_t)v;
	default:
		break;
	}
	return dist->a;
}
