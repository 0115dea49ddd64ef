// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_pattern.c - page-access pattern generators
 *
 * Exact sequences for seq and stride, range and reproducibility for every
 * kind, the zipf sampler against the analytic distribution (generalized
 * harmonic numbers computed here), the hot/cold split, and the rank-to-page
 * permutation being a bijection.
 *
 * Statistical checks use fixed seeds, so they are deterministic; their
 * tolerances are 5 binomial standard deviations, sqrt(p(1-p)/n), unless
 * stated: loose enough for any seed, tight enough (0.3% of the share for
 * the hottest page at n = 1e6) to catch a wrong normalisation or an
 * off-by-one rank.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/rng.h"
#include "workload/pattern.h"

/* H(n, s) = sum 1/k^s for k = 1..n, smallest terms first */
static double harmonic(uint64_t n, double s)
{
	double sum = 0.0;

	for (uint64_t k = n; k >= 1; k--)
		sum += pow((double)k, -s);
	return sum;
}

static double sigma(double p, double n)
{
	return sqrt(p * (1.0 - p) / n);
}

static void init_or_fail(struct pattern_gen *g, const struct pattern_cfg *cfg,
			 uint64_t n, struct rng *rng)
{
	int ret = pattern_init(g, cfg, n, rng);

	cr_assert(eq(int, ret, 0), "pattern_init(%s, %llu) = %d",
		  pattern_kind_name(cfg->kind), (unsigned long long)n, ret);
}

/* ---------------------------------------------------------------------
 * Names and parameters
 * ------------------------------------------------------------------- */

Test(pattern, kind_names_round_trip)
{
	static const char *const names[] = { "seq", "rand", "zipf", "stride", "hotcold" };

	cr_assert(eq(int, NR_PATTERN_KINDS, 5));
	for (int k = 0; k < NR_PATTERN_KINDS; k++) {
		cr_assert(eq(str, (char *)pattern_kind_name(k), (char *)names[k]));
		cr_assert(eq(int, pattern_kind_parse(names[k]), k));
	}
	cr_assert(eq(int, pattern_kind_parse("zipfian"), -EINVAL));
	cr_assert(eq(int, pattern_kind_parse(""), -EINVAL));
	cr_assert(eq(int, pattern_kind_parse("SEQ"), -EINVAL));
	cr_assert(eq(str, (char *)pattern_kind_name(NR_PATTERN_KINDS), "?"));
}

struct cfg_case {
	struct pattern_cfg cfg;
	uint64_t nr_pages;
	int ret;
};

ParameterizedTestParameters(pattern, checks_parameters)
{
	static struct cfg_case cases[] = {
		{ { .kind = PATTERN_SEQ }, 1, 0 },
		{ { .kind = PATTERN_SEQ }, PATTERN_MAX_PAGES, 0 },
		{ { .kind = PATTERN_SEQ }, 0, -EINVAL },
		{ { .kind = PATTERN_RAND }, PATTERN_MAX_PAGES + 1, -EINVAL },
		{ { .kind = NR_PATTERN_KINDS }, 10, -EINVAL },
		{ { .kind = PATTERN_ZIPF, .zipf_skew = 0.99 }, 10, 0 },
		{ { .kind = PATTERN_ZIPF, .zipf_skew = 10.0 }, 10, 0 },
		{ { .kind = PATTERN_ZIPF, .zipf_skew = 1e-9 }, 10, 0 },
		{ { .kind = PATTERN_ZIPF, .zipf_skew = 0.0 }, 10, -EINVAL },
		{ { .kind = PATTERN_ZIPF, .zipf_skew = -1.0 }, 10, -EINVAL },
		{ { .kind = PATTERN_ZIPF, .zipf_skew = 10.01 }, 10, -EINVAL },
		{ { .kind = PATTERN_ZIPF, .zipf_skew = NAN }, 10, -EINVAL },
		{ { .kind = PATTERN_ZIPF, .zipf_skew = INFINITY }, 10, -EINVAL },
		{ { .kind = PATTERN_STRIDE, .stride = 1 }, 10, 0 },
		{ { .kind = PATTERN_STRIDE, .stride = UINT64_MAX }, 10, 0 },
		{ { .kind = PATTERN_STRIDE, .stride = 0 }, 10, -EINVAL },
		{ { .kind = PATTERN_HOTCOLD, .hot_pct = 1, .hot_access_pct = 0 }, 10, 0 },
		{ { .kind = PATTERN_HOTCOLD, .hot_pct = 99, .hot_access_pct = 100 }, 10, 0 },
		{ { .kind = PATTERN_HOTCOLD, .hot_pct = 0, .hot_access_pct = 90 }, 10, -EINVAL },
		{ { .kind = PATTERN_HOTCOLD, .hot_pct = 100, .hot_access_pct = 90 }, 10, -EINVAL },
		{ { .kind = PATTERN_HOTCOLD, .hot_pct = 10, .hot_access_pct = 101 }, 10, -EINVAL },
	};

	return cr_make_param_array(struct cfg_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct cfg_case *c, pattern, checks_parameters)
{
	struct pattern_gen g;
	struct rng rng;

	rng_init(&rng, 1, 0);
	cr_assert(eq(int, pattern_cfg_check(&c->cfg, c->nr_pages), c->ret),
		  "kind %d pages %llu", c->cfg.kind, (unsigned long long)c->nr_pages);
	cr_assert(eq(int, pattern_init(&g, &c->cfg, c->nr_pages, &rng), c->ret));
}

Test(pattern, kinds_that_draw_need_an_rng)
{
	struct pattern_cfg seq = { .kind = PATTERN_SEQ }, stride = { .kind = PATTERN_STRIDE, .stride = 2 };
	struct pattern_cfg rnd = { .kind = PATTERN_RAND }, zipf = { .kind = PATTERN_ZIPF, .zipf_skew = 1 };
	struct pattern_cfg hc = { .kind = PATTERN_HOTCOLD, .hot_pct = 10, .hot_access_pct = 90 };
	struct pattern_gen g;

	cr_assert(eq(int, pattern_init(&g, &seq, 4, NULL), 0));
	cr_assert(eq(int, pattern_init(&g, &stride, 4, NULL), 0));
	cr_assert(eq(int, pattern_init(&g, &rnd, 4, NULL), -EINVAL));
	cr_assert(eq(int, pattern_init(&g, &zipf, 4, NULL), -EINVAL));
	cr_assert(eq(int, pattern_init(&g, &hc, 4, NULL), -EINVAL));
}

/* ---------------------------------------------------------------------
 * Exact sequences
 * ------------------------------------------------------------------- */

static void expect_sequence(const struct pattern_cfg *cfg, uint64_t n,
			    const uint64_t *want, size_t len)
{
	struct pattern_gen g;

	init_or_fail(&g, cfg, n, NULL);
	for (size_t i = 0; i < len; i++) {
		uint64_t page = pattern_next(&g);

		cr_assert(eq(u64, page, want[i]), "%s n=%llu stride=%llu: access %zu",
			  pattern_kind_name(cfg->kind), (unsigned long long)n,
			  (unsigned long long)cfg->stride, i);
	}
}

Test(pattern, seq_wraps_after_a_pass)
{
	struct pattern_cfg cfg = { .kind = PATTERN_SEQ };
	static const uint64_t five[] = { 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1 };
	static const uint64_t one[] = { 0, 0, 0 };

	expect_sequence(&cfg, 5, five, 12);
	expect_sequence(&cfg, 1, one, 3);
}

Test(pattern, seq_wraps_at_the_largest_region)
{
	struct pattern_cfg cfg = { .kind = PATTERN_SEQ };
	struct pattern_gen g;

	init_or_fail(&g, &cfg, PATTERN_MAX_PAGES, NULL);
	g.pos = PATTERN_MAX_PAGES - 2;	/* white box: skip 4 billion calls */
	cr_assert(eq(u64, pattern_next(&g), PATTERN_MAX_PAGES - 2));
	cr_assert(eq(u64, pattern_next(&g), PATTERN_MAX_PAGES - 1));
	cr_assert(eq(u64, pattern_next(&g), 0));
}

Test(pattern, stride_sweeps_then_shifts_by_one)
{
	struct pattern_cfg cfg = { .kind = PATTERN_STRIDE, .stride = 3 };
	static const uint64_t ten_by_3[] = {
		0, 3, 6, 9, 1, 4, 7, 2, 5, 8,		/* a pass */
		0, 3, 6, 9, 1,				/* the next one */
	};
	static const uint64_t eight_by_4[] = { 0, 4, 1, 5, 2, 6, 3, 7, 0, 4 };
	static const uint64_t three_by_5[] = { 0, 1, 2, 0, 1 };
	static const uint64_t four_by_1[] = { 0, 1, 2, 3, 0, 1 };
	static const uint64_t five_by_4[] = { 0, 4, 1, 2, 3, 0, 4 };

	expect_sequence(&cfg, 10, ten_by_3, 15);
	cfg.stride = 4;
	expect_sequence(&cfg, 8, eight_by_4, 10);
	expect_sequence(&cfg, 5, five_by_4, 7);
	cfg.stride = 5;
	expect_sequence(&cfg, 3, three_by_5, 5);
	cfg.stride = 1;
	expect_sequence(&cfg, 4, four_by_1, 6);
	cfg.stride = UINT64_MAX;			/* no overflow on pos + stride */
	expect_sequence(&cfg, 3, three_by_5, 5);
}

struct stride_case {
	uint64_t n, stride;
};

ParameterizedTestParameters(pattern, stride_pass_visits_every_page_once)
{
	static struct stride_case cases[] = {
		{ 1, 1 }, { 1, 7 }, { 2, 1 }, { 2, 2 }, { 7, 2 }, { 7, 3 }, { 12, 4 },
		{ 12, 5 }, { 100, 10 }, { 100, 99 }, { 100, 100 }, { 100, 101 },
		{ 1000, 64 }, { 1000, 333 }, { 4096, 512 }, { 4099, 512 },
	};

	return cr_make_param_array(struct stride_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct stride_case *c, pattern, stride_pass_visits_every_page_once)
{
	struct pattern_cfg cfg = { .kind = PATTERN_STRIDE, .stride = c->stride };
	unsigned char *seen = calloc(c->n, 1);
	struct pattern_gen g;

	cr_assert(seen != NULL);
	init_or_fail(&g, &cfg, c->n, NULL);
	for (int pass = 0; pass < 2; pass++) {
		memset(seen, 0, c->n);
		for (uint64_t i = 0; i < c->n; i++) {
			uint64_t page = pattern_next(&g);

			cr_assert(page < c->n);
			cr_assert(seen[page] == 0, "n=%llu stride=%llu pass %d: page %llu twice",
				  (unsigned long long)c->n, (unsigned long long)c->stride,
				  pass, (unsigned long long)page);
			seen[page] = 1;
		}
	}
	free(seen);
}

/* ---------------------------------------------------------------------
 * Every kind: range and reproducibility
 * ------------------------------------------------------------------- */

static const struct pattern_cfg all_kinds[] = {
	{ .kind = PATTERN_SEQ },
	{ .kind = PATTERN_RAND },
	{ .kind = PATTERN_ZIPF, .zipf_skew = 0.99 },
	{ .kind = PATTERN_ZIPF, .zipf_skew = 1.0 },
	{ .kind = PATTERN_ZIPF, .zipf_skew = 0.01 },
	{ .kind = PATTERN_ZIPF, .zipf_skew = 10.0 },
	{ .kind = PATTERN_STRIDE, .stride = 3 },
	{ .kind = PATTERN_STRIDE, .stride = 1000003 },
	{ .kind = PATTERN_HOTCOLD, .hot_pct = 10, .hot_access_pct = 90 },
	{ .kind = PATTERN_HOTCOLD, .hot_pct = 10, .hot_access_pct = 90, .hot_scatter = true },
	{ .kind = PATTERN_HOTCOLD, .hot_pct = 99, .hot_access_pct = 0, .hot_scatter = true },
};

Test(pattern, every_kind_stays_in_range)
{
	static const uint64_t sizes[] = {
		1, 2, 3, 7, 1000, 4097, PATTERN_MAX_PAGES - 1, PATTERN_MAX_PAGES,
	};

	for (size_t k = 0; k < sizeof(all_kinds) / sizeof(all_kinds[0]); k++) {
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			struct pattern_gen g;
			struct rng rng;

			rng_init(&rng, 42, k);
			init_or_fail(&g, &all_kinds[k], sizes[i], &rng);
			for (int j = 0; j < 3000; j++) {
				uint64_t page = pattern_next(&g);

				cr_assert(page < sizes[i], "%s #%zu n=%llu: page %llu",
					  pattern_kind_name(all_kinds[k].kind), k,
					  (unsigned long long)sizes[i], (unsigned long long)page);
			}
		}
	}
}

Test(pattern, same_seed_same_pages_other_seed_other_pages)
{
	for (size_t k = 0; k < sizeof(all_kinds) / sizeof(all_kinds[0]); k++) {
		const struct pattern_cfg *cfg = &all_kinds[k];
		bool draws = cfg->kind != PATTERN_SEQ && cfg->kind != PATTERN_STRIDE;
		struct pattern_gen a, b, c;
		struct rng ra, rb, rc;
		int differ = 0;

		rng_init(&ra, 7, 1);
		rng_init(&rb, 7, 1);
		rng_init(&rc, 8, 1);
		init_or_fail(&a, cfg, 100000, &ra);
		init_or_fail(&b, cfg, 100000, &rb);
		init_or_fail(&c, cfg, 100000, &rc);
		for (int i = 0; i < 1000; i++) {
			uint64_t x = pattern_next(&a);

			cr_assert(eq(u64, x, pattern_next(&b)), "%s #%zu: access %d",
				  pattern_kind_name(cfg->kind), k, i);
			differ += x != pattern_next(&c);
		}
		/*
		 * Skewed kinds repeat their hottest page often, so ask only for a
		 * clear difference; zipf at s = 10 is rank 0 99.9% of the time.
		 */
		if (cfg->kind == PATTERN_ZIPF && cfg->zipf_skew > 2)
			cr_assert(differ > 0, "zipf s=10: no difference at all");
		else if (draws)
			cr_assert(differ > 100, "%s #%zu: only %d of 1000 differ",
				  pattern_kind_name(cfg->kind), k, differ);
		else
			cr_assert(eq(int, differ, 0));
	}
}

/*
 * Pinned prefixes (seed 1, stream 0, 1000 pages): a change to a sampler,
 * to the permutation or to the number of draws per access changes every
 * scenario using the pattern, so it must show here first.
 */
Test(pattern, first_pages_are_pinned)
{
	static const struct {
		struct pattern_cfg cfg;
		uint64_t pages[8];
	} pinned[] = {
		{ { .kind = PATTERN_RAND }, { 647, 927, 997, 28, 843, 951, 255, 397 } },
		{ { .kind = PATTERN_ZIPF, .zipf_skew = 0.99 },
		  { 42, 992, 839, 749, 6, 795, 941, 717 } },
		{ { .kind = PATTERN_HOTCOLD, .hot_pct = 10, .hot_access_pct = 90, .hot_scatter = true },
		  { 502, 166, 353, 555, 120, 717, 360, 17 } },
	};

	for (size_t k = 0; k < sizeof(pinned) / sizeof(pinned[0]); k++) {
		struct pattern_gen g;
		struct rng rng;

		rng_init(&rng, 1, 0);
		init_or_fail(&g, &pinned[k].cfg, 1000, &rng);
		for (int i = 0; i < 8; i++)
			cr_assert(eq(u64, pattern_next(&g), pinned[k].pages[i]), "%s: access %d",
				  pattern_kind_name(pinned[k].cfg.kind), i);
	}
}

/* ---------------------------------------------------------------------
 * zipf
 * ------------------------------------------------------------------- */

/* The samples' share of ranks [0, top) and of rank 0, by page. */
static void zipf_shares(double s, uint64_t n, unsigned int samples, uint64_t top,
			uint64_t seed, double *p0, double *ptop, bool *rank0_hottest)
{
	struct pattern_cfg cfg = { .kind = PATTERN_ZIPF, .zipf_skew = s, .perm_key = seed };
	unsigned int *count = calloc(n, sizeof(*count));
	struct pattern_gen g;
	struct rng rng;
	uint64_t in_top = 0, best = 0;

	cr_assert(count != NULL);
	rng_init(&rng, seed, 0);
	init_or_fail(&g, &cfg, n, &rng);
	for (unsigned int i = 0; i < samples; i++)
		count[pattern_next(&g)]++;
	for (uint64_t r = 0; r < top; r++)
		in_top += count[pattern_page_of_rank(&g, r)];
	for (uint64_t p = 1; p < n; p++)
		if (count[p] > count[best])
			best = p;
	*p0 = (double)count[pattern_page_of_rank(&g, 0)] / samples;
	*ptop = (double)in_top / samples;
	*rank0_hottest = best == pattern_page_of_rank(&g, 0);
	free(count);
}

Test(pattern, zipf_099_matches_the_analytic_shares)
{
	const uint64_t n = 10000, top = n / 100;
	const unsigned int samples = 1000000;
	double h_n = harmonic(n, 0.99), want0 = 1.0 / h_n, want_top = harmonic(top, 0.99) / h_n;
	double p0, ptop;
	bool rank0_is_hottest;

	zipf_shares(0.99, n, samples, top, 1, &p0, &ptop, &rank0_is_hottest);
	cr_assert(rank0_is_hottest, "rank 0's page is not the most accessed");
	/* want0 ~ 0.0951 (sigma 0.0003), want_top ~ 0.530 (sigma 0.0005) */
	cr_assert(fabs(p0 - want0) < 5 * sigma(want0, samples),
		  "hottest page: %.5f, expected %.5f", p0, want0);
	cr_assert(fabs(ptop - want_top) < 5 * sigma(want_top, samples),
		  "top 1%%: %.5f, expected %.5f", ptop, want_top);
}

struct zipf_case {
	double s;
	uint64_t n;
};

ParameterizedTestParameters(pattern, zipf_matches_other_skews)
{
	static struct zipf_case cases[] = {
		{ 0.2, 10000 }, { 0.5, 1000 }, { 1.0, 10000 }, { 1.0 + 1e-10, 10000 },
		{ 1.5, 100000 }, { 2.0, 3 }, { 4.0, 1000 }, { 10.0, 50 },
	};

	return cr_make_param_array(struct zipf_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct zipf_case *c, pattern, zipf_matches_other_skews)
{
	const unsigned int samples = 200000;
	uint64_t top = c->n >= 100 ? c->n / 100 : 2;
	double h_n = harmonic(c->n, c->s), want0 = 1.0 / h_n, want_top = harmonic(top, c->s) / h_n;
	double p0, ptop;
	bool rank0_is_hottest;

	zipf_shares(c->s, c->n, samples, top, 3, &p0, &ptop, &rank0_is_hottest);
	/* with s = 0.2 over 10000 pages the ranks are too close to order */
	if (c->s >= 0.5)
		cr_assert(rank0_is_hottest, "s=%g n=%llu", c->s, (unsigned long long)c->n);
	/* + 1e-9: at s = 10 both shares are 1 - 1e-3, sigma almost 0 */
	cr_assert(fabs(p0 - want0) < 5 * sigma(want0, samples) + 1e-9,
		  "s=%g n=%llu rank 0: %.5f, expected %.5f", c->s,
		  (unsigned long long)c->n, p0, want0);
	cr_assert(fabs(ptop - want_top) < 5 * sigma(want_top, samples) + 1e-9,
		  "s=%g n=%llu top %llu: %.5f, expected %.5f", c->s,
		  (unsigned long long)c->n, (unsigned long long)top, ptop, want_top);
}

Test(pattern, zipf_on_one_page_is_page_0)
{
	struct pattern_cfg cfg = { .kind = PATTERN_ZIPF, .zipf_skew = 0.99 };
	struct pattern_gen g;
	struct rng rng;

	rng_init(&rng, 1, 0);
	init_or_fail(&g, &cfg, 1, &rng);
	for (int i = 0; i < 100; i++)
		cr_assert(eq(u64, pattern_next(&g), 0));
}

/* The threads of a job share a region: with one key they share hot pages. */
Test(pattern, perm_key_not_rng_picks_the_hot_pages)
{
	struct pattern_cfg cfg = { .kind = PATTERN_ZIPF, .zipf_skew = 0.99, .perm_key = 5 };
	struct pattern_gen a, b, c;
	struct rng ra, rb;
	int same = 0;

	rng_init(&ra, 1, 0);
	rng_init(&rb, 1, 1);
	init_or_fail(&a, &cfg, 10000, &ra);
	init_or_fail(&b, &cfg, 10000, &rb);
	cfg.perm_key = 6;
	init_or_fail(&c, &cfg, 10000, &ra);
	for (uint64_t r = 0; r < 100; r++) {
		cr_assert(eq(u64, pattern_page_of_rank(&a, r), pattern_page_of_rank(&b, r)));
		same += pattern_page_of_rank(&a, r) == pattern_page_of_rank(&c, r);
	}
	cr_assert(same < 5, "keys 5 and 6 share %d of the 100 hottest pages", same);
}

/* ---------------------------------------------------------------------
 * hotcold
 * ------------------------------------------------------------------- */

static void check_hotcold(bool scatter)
{
	struct pattern_cfg cfg = {
		.kind = PATTERN_HOTCOLD, .hot_pct = 10, .hot_access_pct = 90,
		.hot_scatter = scatter, .perm_key = 11,
	};
	const uint64_t n = 10000, hot = 1000;
	const unsigned int samples = 1000000;
	unsigned int *count = calloc(n, sizeof(*count));
	unsigned char *is_hot = calloc(n, 1);
	unsigned int min_hot = UINT32_MAX, max_hot = 0, in_first = 0;
	uint64_t hits = 0;
	struct pattern_gen g;
	struct rng rng;
	double share;

	cr_assert(count && is_hot);
	rng_init(&rng, 9, 0);
	init_or_fail(&g, &cfg, n, &rng);
	for (uint64_t i = 0; i < hot; i++) {
		uint64_t page = pattern_page_of_rank(&g, i);

		cr_assert(is_hot[page] == 0);
		is_hot[page] = 1;
		in_first += page < hot;
	}
	/* contiguous: exactly [0, H); scattered: about 10% of it in [0, H) */
	if (scatter)
		cr_assert(in_first < 200, "%u of the hot set in [0, H)", in_first);
	else
		cr_assert(eq(u32, in_first, (unsigned int)hot));

	for (unsigned int i = 0; i < samples; i++)
		count[pattern_next(&g)]++;
	for (uint64_t p = 0; p < n; p++) {
		if (!is_hot[p])
			continue;
		hits += count[p];
		min_hot = count[p] < min_hot ? count[p] : min_hot;
		max_hot = count[p] > max_hot ? count[p] : max_hot;
	}
	share = (double)hits / samples;
	cr_assert(fabs(share - 0.90) <= 0.01, "hot share %.4f", share);
	/* uniform within the hot set: 900 each, sigma 30 */
	cr_assert(min_hot > 700 && max_hot < 1100, "hot pages got %u..%u", min_hot, max_hot);
	free(count);
	free(is_hot);
}

Test(pattern, hotcold_10_90_contiguous)
{
	check_hotcold(false);
}

Test(pattern, hotcold_10_90_scattered)
{
	check_hotcold(true);
}

Test(pattern, hotcold_all_hot_or_all_cold)
{
	struct pattern_cfg cfg = { .kind = PATTERN_HOTCOLD, .hot_pct = 50, .hot_access_pct = 100 };
	struct pattern_gen g;
	struct rng rng;

	rng_init(&rng, 2, 0);
	init_or_fail(&g, &cfg, 10, &rng);
	for (int i = 0; i < 1000; i++)
		cr_assert(pattern_next(&g) < 5);
	cfg.hot_access_pct = 0;
	init_or_fail(&g, &cfg, 10, &rng);
	for (int i = 0; i < 1000; i++)
		cr_assert(pattern_next(&g) >= 5);
	/* one page: the hot set is that page and the cold set is empty */
	init_or_fail(&g, &cfg, 1, &rng);
	for (int i = 0; i < 100; i++)
		cr_assert(eq(u64, pattern_next(&g), 0));
}

/* ---------------------------------------------------------------------
 * The permutation
 * ------------------------------------------------------------------- */

ParameterizedTestParameters(pattern, perm_is_a_bijection)
{
	static uint64_t sizes[] = {
		1, 2, 3, 4, 5, 7, 10, 100, 1000, 1023, 1024, 1025, 4096, 10000,
		65535, 65537, 100003, 1 << 20, (1 << 20) + 1,
	};

	return cr_make_param_array(uint64_t, sizes, sizeof(sizes) / sizeof(sizes[0]));
}

ParameterizedTest(uint64_t *n, pattern, perm_is_a_bijection)
{
	static const uint64_t keys[] = { 0, 1, 0x123456789abcdefULL };
	unsigned char *hit = malloc(*n);

	cr_assert(hit != NULL);
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		struct pattern_perm p;
		uint64_t fixed = 0;

		pattern_perm_init(&p, *n, keys[k]);
		memset(hit, 0, *n);
		for (uint64_t x = 0; x < *n; x++) {
			uint64_t y = pattern_perm_map(&p, x);

			cr_assert(y < *n, "n=%llu: %llu -> %llu", (unsigned long long)*n,
				  (unsigned long long)x, (unsigned long long)y);
			cr_assert(hit[y] == 0, "n=%llu key %zu: %llu hit twice",
				  (unsigned long long)*n, k, (unsigned long long)y);
			hit[y] = 1;
			fixed += x == y;
		}
		/* n distinct images in [0, n): every value, once */
		if (*n >= 1000)
			cr_assert(fixed < *n / 100, "n=%llu: %llu fixed points",
				  (unsigned long long)*n, (unsigned long long)fixed);
	}
	free(hit);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

Test(pattern, perm_of_the_largest_region_stays_distinct)
{
	static const uint64_t sizes[] = { PATTERN_MAX_PAGES, PATTERN_MAX_PAGES - 1, (1ULL << 31) + 1 };
	enum { SAMPLES = 100000 };
	uint64_t *img = malloc(SAMPLES * sizeof(*img));

	cr_assert(img != NULL);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct pattern_perm p;

		pattern_perm_init(&p, sizes[i], 77);
		for (uint64_t x = 0; x < SAMPLES; x++) {
			/* the low ranks and a stretch just below n */
			uint64_t in = x < SAMPLES / 2 ? x : sizes[i] - 1 - (x - SAMPLES / 2);

			img[x] = pattern_perm_map(&p, in);
			cr_assert(img[x] < sizes[i]);
		}
		qsort(img, SAMPLES, sizeof(*img), cmp_u64);
		for (int x = 1; x < SAMPLES; x++)
			cr_assert(img[x - 1] != img[x], "n=%llu: a repeated image",
				  (unsigned long long)sizes[i]);
	}
	free(img);
}

/* The hottest ranks land all over the region, not at its start. */
Test(pattern, perm_scatters_the_low_ranks)
{
	const uint64_t n = 10000;
	struct pattern_perm p;
	unsigned int decile[10] = { 0 };

	pattern_perm_init(&p, n, 0);
	for (uint64_t r = 0; r < 1000; r++)
		decile[pattern_perm_map(&p, r) * 10 / n]++;
	/* 100 expected per tenth of the region; sigma about 9.5 */
	for (int d = 0; d < 10; d++)
		cr_assert(decile[d] > 50 && decile[d] < 150, "tenth %d holds %u of ranks 0..999",
			  d, decile[d]);
}
