// SPDX-License-Identifier: GPL-2.0-only
/*
 * workload/pattern.c - page-access pattern generators (seq, rand, zipf,
 * stride, hotcold)
 *
 * Models the address streams a memory job uses to touch its mapping, not
 * any kernel code: the kernel sees only the resulting page faults and
 * accessed bits.  The patterns follow the usual benchmark ones: fio's
 * sequential and random, YCSB's scrambled zipfian, a strided sweep, and a
 * hot/cold split.
 *
 * zipf uses rejection-inversion sampling (W. Hörmann and G. Derflinger,
 * "Rejection-inversion to generate variates from monotone discrete
 * distributions", ACM TOMACS 6(3), 1996), as in Apache Commons RNG's
 * RejectionInversionZipfSampler: exact for every N and s > 0, O(1) setup
 * and O(1) expected per sample, where Gray et al.'s generator (YCSB) needs
 * the O(N) harmonic number up front and is only approximate for s != 1.
 * YCSB scrambles ranks with an FNV hash modulo N, which is not a bijection
 * (some pages get two ranks, some none); we use a true permutation
 * (struct pattern_perm) instead.
 *
 * Determinism: everything but zipf is integer arithmetic.  zipf uses
 * log(), exp(), log1p() and expm1() from libm on IEEE doubles and relies on
 * the build not contracting a*b+c into FMA (the default for -std=c11 with
 * gcc), so a seed gives the same pages on every glibc build we support.
 */
#include "workload/pattern.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "sim/rng.h"

#define PATTERN_KIND_NAME(id, name)	[PATTERN_##id] = name,
const char *const pattern_kind_names[NR_PATTERN_KINDS] = {
	PATTERN_KINDS(PATTERN_KIND_NAME)
};
#undef PATTERN_KIND_NAME

int pattern_kind_parse(const char *name)
{
	for (int k = 0; k < NR_PATTERN_KINDS; k++)
		if (strcmp(name, pattern_kind_names[k]) == 0)
			return k;
	return -EINVAL;
}

const char *pattern_kind_name(enum pattern_kind kind)
{
	if ((unsigned int)kind >= NR_PATTERN_KINDS)
		return "?";
	return pattern_kind_names[kind];
}

/* ---------------------------------------------------------------------
 * The rank-to-page permutation
 * ------------------------------------------------------------------- */

static uint64_t perm_splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Odd multipliers: each is invertible modulo any power of two. */
static const uint64_t perm_mul[4] = {
	0x9e3779b97f4a7c15ULL, 0xbf58476d1ce4e5b9ULL,
	0x94d049bb133111ebULL, 0xd1342543de82ef95ULL,
};

void pattern_perm_init(struct pattern_perm *p, uint64_t n, uint64_t key)
{
	unsigned int bits = 0;
	uint64_t x = key;

	while (bits < 64 && (1ULL << bits) < n)
		bits++;
	p->n = n;
	p->mask = bits == 64 ? UINT64_MAX : (1ULL << bits) - 1;
	p->shift = (bits + 1) / 2;
	if (p->shift == 0)
		p->shift = 1;
	for (int i = 0; i < 4; i++)
		p->key[i] = perm_splitmix64(&x) & p->mask;
}

/*
 * One pass of the mixer, a bijection of [0, 2^bits): xor with a key,
 * multiplication by an odd number and x ^= x >> shift are each invertible
 * modulo 2^bits.  The multiplications carry low bits up, the xorshifts
 * carry high bits down.
 */
static inline uint64_t perm_mix(const struct pattern_perm *p, uint64_t x)
{
	for (int i = 0; i < 4; i++) {
		x = ((x ^ p->key[i]) * perm_mul[i]) & p->mask;
		x ^= x >> p->shift;
	}
	return x;
}

uint64_t pattern_perm_map(const struct pattern_perm *p, uint64_t x)
{
	/*
	 * Cycle-walking (Black and Rogaway): follow x's cycle of the mixer
	 * until it is back in [0, n).  It terminates, because the cycle
	 * returns to x itself, and restricted this way the mixer is still a
	 * bijection of [0, n).
	 */
	do {
		x = perm_mix(p, x);
	} while (x >= p->n);
	return x;
}

/* ---------------------------------------------------------------------
 * zipf: rejection-inversion
 *
 * For the 1-based rank k in [1, N], h(x) = x^-s is the unnormalised
 * probability and H(x) = (x^(1-s) - 1) / (1 - s) (log x for s = 1) its
 * integral.  A sample draws u uniformly in (H(1.5) - 1, H(N + 0.5)],
 * inverts x = H^-1(u), rounds it to k and accepts k unless u falls in the
 * sliver under the step between H(k + 0.5) - h(k) and H(k + 0.5); the
 * s_cut test accepts most samples without evaluating H again.
 * ------------------------------------------------------------------- */

/* log(1 + x) / x, continuous at 0 */
static double zipf_helper1(double x)
{
	if (fabs(x) > 1e-8)
		return log1p(x) / x;
	return 1.0 - x * (0.5 - x * (1.0 / 3.0 - x * 0.25));
}

/* (exp(x) - 1) / x, continuous at 0 */
static double zipf_helper2(double x)
{
	if (fabs(x) > 1e-8)
		return expm1(x) / x;
	return 1.0 + x * 0.5 * (1.0 + x * (1.0 / 3.0) * (1.0 + x * 0.25));
}

static double zipf_h(double s, double x)
{
	return exp(-s * log(x));
}

static double zipf_h_integral(double s, double x)
{
	double log_x = log(x);

	return zipf_helper2((1.0 - s) * log_x) * log_x;
}

static double zipf_h_integral_inv(double s, double y)
{
	double t = y * (1.0 - s);

	/* Rounding can take t just below -1, where log1p is undefined. */
	if (t < -1.0)
		t = -1.0;
	return exp(zipf_helper1(t) * y);
}

static void zipf_setup(struct pattern_gen *g)
{
	double s = g->skew;

	g->h_x1 = zipf_h_integral(s, 1.5) - 1.0;
	g->h_n = zipf_h_integral(s, (double)g->nr_pages + 0.5);
	g->s_cut = 2.0 - zipf_h_integral_inv(s, zipf_h_integral(s, 2.5) - zipf_h(s, 2.0));
}

/* A uniform double in [0, 1) from the top 53 bits of a draw. */
static inline double rng_unit(struct rng *rng)
{
	return (double)(rng_next(rng) >> 11) * 0x1.0p-53;
}

/* A 0-based zipf rank in [0, N). */
static uint64_t zipf_rank(struct pattern_gen *g)
{
	double s = g->skew, n = (double)g->nr_pages;

	for (;;) {
		double u = g->h_n + rng_unit(g->rng) * (g->h_x1 - g->h_n);
		double x = zipf_h_integral_inv(s, u);
		double kd = floor(x + 0.5);
		uint64_t k;

		/* NaN and out-of-range values clamp, never convert */
		if (!(kd >= 1.0))
			kd = 1.0;
		else if (kd > n)
			kd = n;
		k = (uint64_t)kd;
		if (kd - x <= g->s_cut || u >= zipf_h_integral(s, kd + 0.5) - zipf_h(s, kd))
			return k - 1;
	}
}

/* ---------------------------------------------------------------------
 * Generators
 * ------------------------------------------------------------------- */

int pattern_cfg_check(const struct pattern_cfg *cfg, uint64_t nr_pages)
{
	if (nr_pages == 0 || nr_pages > PATTERN_MAX_PAGES)
		return -EINVAL;
	switch (cfg->kind) {
	case PATTERN_SEQ:
	case PATTERN_RAND:
		return 0;
	case PATTERN_ZIPF:
		/* written so that NaN fails too */
		if (!(cfg->zipf_skew > 0.0 && cfg->zipf_skew <= PATTERN_ZIPF_MAX_SKEW))
			return -EINVAL;
		return 0;
	case PATTERN_STRIDE:
		return cfg->stride >= 1 ? 0 : -EINVAL;
	case PATTERN_HOTCOLD:
		if (cfg->hot_pct < 1 || cfg->hot_pct > 99 || cfg->hot_access_pct > 100)
			return -EINVAL;
		return 0;
	default:
		break;
	}
	return -EINVAL;
}

int pattern_init(struct pattern_gen *g, const struct pattern_cfg *cfg,
		 uint64_t nr_pages, struct rng *rng)
{
	int ret = pattern_cfg_check(cfg, nr_pages);

	if (ret)
		return ret;
	if (!rng && cfg->kind != PATTERN_SEQ && cfg->kind != PATTERN_STRIDE)
		return -EINVAL;

	memset(g, 0, sizeof(*g));
	g->kind = cfg->kind;
	g->nr_pages = nr_pages;
	g->rng = rng;
	pattern_perm_init(&g->perm, nr_pages, cfg->perm_key);

	switch (cfg->kind) {
	case PATTERN_ZIPF:
		g->permute = true;
		g->skew = cfg->zipf_skew;
		zipf_setup(g);
		break;
	case PATTERN_STRIDE:
		g->stride = cfg->stride;
		break;
	case PATTERN_HOTCOLD:
		g->permute = cfg->hot_scatter;
		/* nr_pages <= 2^32, so the product cannot overflow */
		g->hot_pages = nr_pages * cfg->hot_pct / 100;
		if (g->hot_pages == 0)
			g->hot_pages = 1;	/* only the cold set can be empty */
		g->hot_access_pct = cfg->hot_access_pct;
		break;
	default:
		break;
	}
	return 0;
}

uint64_t pattern_page_of_rank(const struct pattern_gen *g, uint64_t rank)
{
	return g->permute ? pattern_perm_map(&g->perm, rank) : rank;
}

static uint64_t stride_next(struct pattern_gen *g)
{
	uint64_t page = g->pos;

	/* compared as a difference: pos + stride may overflow */
	if (g->nr_pages - g->pos <= g->stride) {
		/* end of a sweep: the next one starts one page further on */
		g->offset++;
		if (g->offset >= g->stride || g->offset >= g->nr_pages)
			g->offset = 0;
		g->pos = g->offset;
	} else {
		g->pos += g->stride;
	}
	return page;
}

static uint64_t hotcold_next(struct pattern_gen *g)
{
	uint64_t cold = g->nr_pages - g->hot_pages;
	/* always two draws, so the stream advances the same way either side */
	bool hot = rng_below(g->rng, 100) < g->hot_access_pct || cold == 0;
	uint64_t idx;

	if (hot)
		idx = rng_below(g->rng, g->hot_pages);
	else
		idx = g->hot_pages + rng_below(g->rng, cold);
	return pattern_page_of_rank(g, idx);
}

uint64_t pattern_next(struct pattern_gen *g)
{
	uint64_t page;

	switch (g->kind) {
	case PATTERN_SEQ:
		page = g->pos;
		g->pos = page + 1 == g->nr_pages ? 0 : page + 1;
		return page;
	case PATTERN_RAND:
		return rng_below(g->rng, g->nr_pages);
	case PATTERN_ZIPF:
		return pattern_perm_map(&g->perm, zipf_rank(g));
	case PATTERN_STRIDE:
		return stride_next(g);
	case PATTERN_HOTCOLD:
		return hotcold_next(g);
	default:
		break;
	}
	return 0;
}
