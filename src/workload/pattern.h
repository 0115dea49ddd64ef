/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workload/pattern.h - page-access patterns over a region of N pages
 *
 * A generator yields page indexes in [0, N), one per call, deterministic
 * given its configuration and the rng stream it draws from:
 *
 *   seq      0, 1, ..., N-1, 0, 1, ...                       (no rng draws)
 *   rand     uniform in [0, N)                                (1 draw*)
 *   zipf     rank r with probability (r+1)^-s / H(N,s), rank 0 the
 *            hottest, mapped to a page by a fixed pseudo-random
 *            permutation of [0, N) (struct pattern_perm)       (>= 1 draw)
 *   stride   0, k, 2k, ... while < N, then 1, 1+k, 1+2k, ..., then 2, ...
 *            up to offset k-1, then again: every pass of N accesses
 *            visits every page exactly once                   (no rng draws)
 *   hotcold  hot_pct% of the pages get hot_access_pct% of the accesses,
 *            uniform within the hot and within the cold set    (2 draws*)
 *
 * (*: rng_below() rejects and draws again with probability < N / 2^64.)
 *
 * N may be anything in [1, PATTERN_MAX_PAGES].  The generator keeps a
 * pointer to the caller's rng: it must outlive the generator, and nothing
 * else should draw from it if the sequence is to be reproducible.
 */
#ifndef MMSIM_WORKLOAD_PATTERN_H
#define MMSIM_WORKLOAD_PATTERN_H

#include <stdbool.h>
#include <stdint.h>

struct rng;

#define PATTERN_MAX_PAGES	(1ULL << 32)
#define PATTERN_ZIPF_MAX_SKEW	10.0

/* One list makes both the enum and the name table. */
#define PATTERN_KINDS(X)			\
	X(SEQ,		"seq")			\
	X(RAND,		"rand")			\
	X(ZIPF,		"zipf")			\
	X(STRIDE,	"stride")		\
	X(HOTCOLD,	"hotcold")

#define PATTERN_KIND_ENUM(id, name)	PATTERN_##id,
enum pattern_kind {
	PATTERN_KINDS(PATTERN_KIND_ENUM)
	NR_PATTERN_KINDS
};
#undef PATTERN_KIND_ENUM

/* Names as written in configurations, indexed by enum pattern_kind. */
extern const char *const pattern_kind_names[NR_PATTERN_KINDS];

/*
 * A bijection of [0, n): a 4-round invertible mixer over the smallest
 * power of two >= n (xor with a key, multiply by an odd constant and a
 * right xorshift, all modulo 2^bits), with cycle-walking back into [0, n).
 * The domain is less than 2n, so a lookup takes fewer than two mixer
 * passes on average.
 */
struct pattern_perm {
	uint64_t n;
	uint64_t mask;		/* 2^bits - 1 */
	unsigned int shift;	/* xorshift distance: ceil(bits / 2) */
	uint64_t key[4];	/* round keys, from the permutation key */
};

/*
 * Parameters.  Zero-initialise and set what the kind needs; fields of
 * other kinds are ignored.
 */
struct pattern_cfg {
	enum pattern_kind kind;
	double zipf_skew;		/* zipf: s in (0, 10]; 0.99 as in YCSB */
	uint64_t stride;		/* stride: step in pages, >= 1 */
	unsigned int hot_pct;		/* hotcold: hot set, 1..99 % of the pages */
	unsigned int hot_access_pct;	/* hotcold: its share of accesses, 0..100 % */
	/*
	 * hotcold: false puts the hot set at pages [0, H); true spreads it
	 * over the region with the permutation zipf uses.
	 */
	bool hot_scatter;
	/*
	 * Key of the rank-to-page permutation (zipf, and hotcold with
	 * hot_scatter).  It is not drawn from the rng, so every generator
	 * over one region with the same key (the threads of one job, each
	 * with a stream of its own) agrees on which pages are hot.
	 */
	uint64_t perm_key;
};

/* A generator.  Private: use the functions below. */
struct pattern_gen {
	enum pattern_kind kind;
	uint64_t nr_pages;
	struct rng *rng;		/* not owned */
	uint64_t pos;			/* seq, stride: the next page */
	uint64_t offset;		/* stride: start of the current sweep */
	uint64_t stride;		/* stride: step */
	uint64_t hot_pages;		/* hotcold: H, at least 1 */
	unsigned int hot_access_pct;
	bool permute;			/* zipf, hotcold scatter: map via perm */
	struct pattern_perm perm;
	/* zipf: rejection-inversion constants (Hörmann and Derflinger) */
	double skew;
	double h_x1;			/* H(1.5) - 1 */
	double h_n;			/* H(N + 0.5) */
	double s_cut;			/* 2 - H^-1(H(2.5) - h(2)) */
};

/**
 * pattern_kind_parse - the kind named @name ("seq", "rand", ...)
 *
 * Return: the kind, or -EINVAL if @name is not one.
 */
int pattern_kind_parse(const char *name);

/** pattern_kind_name - the name of @kind, or "?" if it is out of range */
const char *pattern_kind_name(enum pattern_kind kind);

/**
 * pattern_cfg_check - validate a configuration for @nr_pages pages
 *
 * Return: 0, or -EINVAL if the kind is unknown, @nr_pages is 0 or above
 * PATTERN_MAX_PAGES, or a parameter of the kind is out of range.
 */
int pattern_cfg_check(const struct pattern_cfg *cfg, uint64_t nr_pages);

/**
 * pattern_init - set up a generator
 * @g: generator to fill
 * @cfg: parameters (copied; not referenced afterwards)
 * @nr_pages: size of the region in pages, 1..PATTERN_MAX_PAGES
 * @rng: stream to draw from; kept by pointer, must outlive @g; may be
 *       NULL for seq and stride, which draw nothing
 *
 * Setup is O(1) for every kind: zipf needs no table.  Nothing is
 * allocated, so there is no release function.
 *
 * Return: 0, or -EINVAL (as pattern_cfg_check(), or a NULL @rng for a kind
 * that draws); @g is unusable after an error.
 */
int pattern_init(struct pattern_gen *g, const struct pattern_cfg *cfg,
		 uint64_t nr_pages, struct rng *rng);

/**
 * pattern_next - the next page index
 * @g: an initialised generator
 *
 * O(1): at most a few integer operations for seq, stride, rand and
 * hotcold; zipf is O(1) expected (a log and an exp per try, fewer than
 * 1.1 tries on average) plus the permutation's expected < 2 mixer passes.
 *
 * Return: a page index in [0, nr_pages).
 */
uint64_t pattern_next(struct pattern_gen *g);

/**
 * pattern_page_of_rank - the page that zipf rank @rank (or hotcold hot/cold
 * index @rank) maps to; the identity for kinds that do not permute
 * @g: an initialised generator
 * @rank: in [0, nr_pages)
 *
 * Return: the page index.
 */
uint64_t pattern_page_of_rank(const struct pattern_gen *g, uint64_t rank);

/**
 * pattern_perm_init - a pseudo-random bijection of [0, @n)
 * @p: permutation to fill
 * @n: domain size, at least 1
 * @key: selects the permutation; the same key and @n give the same one
 */
void pattern_perm_init(struct pattern_perm *p, uint64_t n, uint64_t key);

/**
 * pattern_perm_map - the image of @x under @p
 *
 * Return: a value in [0, n); @x must be below n.
 */
uint64_t pattern_perm_map(const struct pattern_perm *p, uint64_t x);

#endif /* MMSIM_WORKLOAD_PATTERN_H */
