/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sim/rng.h - seeded pseudo-random numbers: xoshiro256** with named streams
 *
 * All randomness in a simulation comes from its seed.  Each component draws
 * from a stream of its own, derived from (seed, stream id), so adding draws
 * in one job does not shift the numbers another job sees.
 */
#ifndef MMSIM_SIM_RNG_H
#define MMSIM_SIM_RNG_H

#include <stdint.h>

#include "mmsim/config.h"

struct rng {
	uint64_t s[4];
};

/**
 * rng_init - seed a stream
 * @rng: state to fill
 * @seed: the simulation seed
 * @stream: stream id (e.g. job index + thread index); different ids give
 *          independent sequences for the same seed
 */
void rng_init(struct rng *rng, uint64_t seed, uint64_t stream);

/** rng_next - next 64 random bits (xoshiro256**) */
uint64_t rng_next(struct rng *rng);

/** rng_below - uniform integer in [0, @n), without modulo bias; 0 if @n == 0 */
uint64_t rng_below(struct rng *rng, uint64_t n);

/**
 * rng_dist - draw a value from a configured distribution
 * @rng: stream
 * @dist: fixed, uniform [a, b] or exponential with mean a
 *
 * The exponential draw uses -mean * ln(U) with U in (0, 1] from 53 random
 * bits; the result is rounded down to whole ns.
 *
 * Return: the value in ns.
 */
uint64_t rng_dist(struct rng *rng, const struct mmsim_dist *dist);

#endif /* MMSIM_SIM_RNG_H */
