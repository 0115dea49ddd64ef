// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_coro.c - coroutine switching, stacks and their checks
 *
 * Nothing here calls cr_assert on a coroutine stack: a failed assertion
 * longjmps to the runner on the host stack, which must not happen from
 * another stack.  Coroutines record what they see in shared structs and the
 * host asserts afterwards.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <errno.h>
#include <fenv.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define TEST_VALGRIND 1
#endif
#endif
#ifndef TEST_VALGRIND
#define TEST_VALGRIND 0
#endif

#if defined(__SANITIZE_ADDRESS__)
#define TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_ASAN 1
#endif
#endif
#ifndef TEST_ASAN
#define TEST_ASAN 0
#endif

#include "lib/compiler.h"
#include "sim/coro.h"

static struct coro_pool pool;
static struct coro host;

static void setup(void)
{
	coro_pool_init(&pool, 0);
	coro_init_host(&host);
}

static void teardown(void)
{
	cr_expect(eq(u64, pool.nr_in_use, 0), "test left coroutines in use");
	/* releasing would MM_BUG_ON: just leak, the worker exits anyway */
	if (pool.nr_in_use == 0) {
		coro_pool_release(&pool);
		cr_expect(eq(u64, pool.nr_mapped, 0));
	}
}

/*
 * No .timeout: Criterion 2.4.1's watchdog now and then leaks its 48-byte
 * context in the runner, which LeakSanitizer reports.  meson's own test
 * timeout catches a switch that loops forever.
 */
TestSuite(coro, .init = setup, .fini = teardown);

/* ------------------------------------------------------------------ */
/* ping-pong between the host and two coroutines                      */
/* ------------------------------------------------------------------ */

struct pingpong {
	struct coro a, b;
	int value;		/* handed from context to context */
	int log[32];
	int n;
};

static void pp_record(struct pingpong *pp, int who)
{
	if (pp->n < (int)ARRAY_SIZE(pp->log))
		pp->log[pp->n++] = who * 100 + pp->value;
	pp->value++;
}

static void pp_a(void *arg)
{
	struct pingpong *pp = arg;
	int i;

	for (i = 0; i < 3; i++) {
		pp_record(pp, 'A');
		coro_switch(&pp->a, &pp->b);
	}
	pp_record(pp, 'A');
	coro_exit_to(&pp->a, &pp->b);	/* exit to a coroutine, not the host */
}

static void pp_b(void *arg)
{
	struct pingpong *pp = arg;
	int i;

	for (i = 0; i < 3; i++) {
		pp_record(pp, 'B');
		coro_switch(&pp->b, &host);
	}
	pp_record(pp, 'B');
	coro_exit_to(&pp->b, &host);
}

Test(coro, ping_pong_runs_in_exact_order)
{
	static const int expected[] = {
		'A' * 100 + 0, 'B' * 100 + 1, 'H' * 100 + 2,
		'A' * 100 + 3, 'B' * 100 + 4, 'H' * 100 + 5,
		'A' * 100 + 6, 'B' * 100 + 7, 'H' * 100 + 8,
		'A' * 100 + 9, 'B' * 100 + 10, 'H' * 100 + 11,
	};
	struct pingpong pp = { .n = 0 };
	int i;

	cr_assert(eq(int, coro_create(&pool, &pp.a, pp_a, &pp), 0));
	cr_assert(eq(int, coro_create(&pool, &pp.b, pp_b, &pp), 0));
	cr_assert(eq(int, pp.n, 0), "nothing may run before the first switch");
	cr_assert(eq(u64, pool.nr_in_use, 2));

	for (i = 0; i < 4; i++) {
		coro_switch(&host, &pp.a);
		pp_record(&pp, 'H');
	}

	cr_assert(eq(int, pp.n, (int)ARRAY_SIZE(expected)));
	for (i = 0; i < (int)ARRAY_SIZE(expected); i++)
		cr_assert(eq(int, pp.log[i], expected[i]), "step %d: %c%d", i,
			  pp.log[i] / 100, pp.log[i] % 100);
	cr_assert(eq(int, pp.value, 12));

	coro_destroy(&pool, &pp.a);
	coro_destroy(&pool, &pp.b);
	cr_assert(eq(u64, pool.nr_in_use, 0));
	cr_assert(eq(u64, pool.nr_mapped, 2));
}

/* ------------------------------------------------------------------ */
/* registers and locals survive switches                              */
/* ------------------------------------------------------------------ */

#define NR_ROUNDS	5

struct regs_ctx {
	struct coro co[2];
	volatile uint64_t seed[2];
	int bad[2];		/* mismatches seen by each coroutine */
	int rounds[2];
};

struct regs_arg {
	struct regs_ctx *ctx;
	int id;
};

static inline uint64_t live_value(uint64_t seed, int i)
{
	return seed * 0x9e3779b97f4a7c15ULL + (uint64_t)i * 0x100000001b3ULL;
}

static inline double live_double(uint64_t seed, int i)
{
	return (double)(seed >> 11) * 0.5 + i * 1.25;
}

/*
 * Make the compiler forget how a value was computed, so it has to keep it
 * (in a callee-saved register or a stack slot) instead of recomputing it.
 */
#if defined(__GNUC__)
#define OPAQUE4(a, b, c, d) __asm__ __volatile__("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d))
#else
#define OPAQUE4(a, b, c, d) do { } while (0)
#endif

/*
 * Sixteen integers and eight doubles live across each switch: more than
 * there are callee-saved registers, so both the registers and the spill
 * slots on this stack are checked.
 */
static int check_live_across_switch(struct coro *self, struct coro *to,
				    volatile uint64_t *seedp)
{
	uint64_t seed = *seedp;
	uint64_t v0 = live_value(seed, 0), v1 = live_value(seed, 1);
	uint64_t v2 = live_value(seed, 2), v3 = live_value(seed, 3);
	uint64_t v4 = live_value(seed, 4), v5 = live_value(seed, 5);
	uint64_t v6 = live_value(seed, 6), v7 = live_value(seed, 7);
	uint64_t v8 = live_value(seed, 8), v9 = live_value(seed, 9);
	uint64_t v10 = live_value(seed, 10), v11 = live_value(seed, 11);
	uint64_t v12 = live_value(seed, 12), v13 = live_value(seed, 13);
	uint64_t v14 = live_value(seed, 14), v15 = live_value(seed, 15);
	double d0 = live_double(seed, 0), d1 = live_double(seed, 1);
	double d2 = live_double(seed, 2), d3 = live_double(seed, 3);
	double d4 = live_double(seed, 4), d5 = live_double(seed, 5);
	double d6 = live_double(seed, 6), d7 = live_double(seed, 7);
	int bad = 0;

	OPAQUE4(v0, v1, v2, v3);
	OPAQUE4(v4, v5, v6, v7);
	OPAQUE4(v8, v9, v10, v11);
	OPAQUE4(v12, v13, v14, v15);

	coro_switch(self, to);

	seed = *seedp;
	bad += v0 != live_value(seed, 0);
	bad += v1 != live_value(seed, 1);
	bad += v2 != live_value(seed, 2);
	bad += v3 != live_value(seed, 3);
	bad += v4 != live_value(seed, 4);
	bad += v5 != live_value(seed, 5);
	bad += v6 != live_value(seed, 6);
	bad += v7 != live_value(seed, 7);
	bad += v8 != live_value(seed, 8);
	bad += v9 != live_value(seed, 9);
	bad += v10 != live_value(seed, 10);
	bad += v11 != live_value(seed, 11);
	bad += v12 != live_value(seed, 12);
	bad += v13 != live_value(seed, 13);
	bad += v14 != live_value(seed, 14);
	bad += v15 != live_value(seed, 15);
	bad += d0 != live_double(seed, 0);
	bad += d1 != live_double(seed, 1);
	bad += d2 != live_double(seed, 2);
	bad += d3 != live_double(seed, 3);
	bad += d4 != live_double(seed, 4);
	bad += d5 != live_double(seed, 5);
	bad += d6 != live_double(seed, 6);
	bad += d7 != live_double(seed, 7);
	return bad;
}

static void regs_fn(void *arg)
{
	struct regs_arg *ra = arg;
	struct regs_ctx *ctx = ra->ctx;
	int id = ra->id, r;

	for (r = 0; r < NR_ROUNDS; r++) {
		ctx->bad[id] += check_live_across_switch(&ctx->co[id], &host,
							 &ctx->seed[id]);
		ctx->rounds[id]++;
	}
	coro_exit_to(&ctx->co[id], &host);
}

Test(coro, callee_saved_registers_and_locals_survive)
{
	struct regs_ctx ctx = { .bad = { 0, 0 } };
	struct regs_arg args[2] = { { &ctx, 0 }, { &ctx, 1 } };
	volatile uint64_t host_seed = 0x0123456789abcdefULL;
	int host_bad = 0, r, i;

	ctx.seed[0] = 0xdeadbeefcafef00dULL;
	ctx.seed[1] = 0x5555aaaa3333ccccULL;
	for (i = 0; i < 2; i++)
		cr_assert(eq(int, coro_create(&pool, &ctx.co[i], regs_fn, &args[i]), 0));

	/* start both, so each is suspended inside check_live_across_switch() */
	coro_switch(&host, &ctx.co[0]);
	coro_switch(&host, &ctx.co[1]);
	/* the host's own registers must survive too, interleaved with theirs */
	for (r = 0; r < NR_ROUNDS; r++) {
		host_bad += check_live_across_switch(&host, &ctx.co[0], &host_seed);
		host_bad += check_live_across_switch(&host, &ctx.co[1], &host_seed);
	}

	cr_assert(eq(int, host_bad, 0));
	for (i = 0; i < 2; i++) {
		cr_assert(eq(int, ctx.rounds[i], NR_ROUNDS));
		cr_assert(eq(int, ctx.bad[i], 0), "coroutine %d lost values", i);
		coro_destroy(&pool, &ctx.co[i]);
	}
}

struct round_ctx {
	struct coro co;
	int seen_inside[2];	/* fegetround() after each resume */
	double third_up;	/* 1/3 rounded upward, before the first switch */
	double third_inside[2];	/* 1/3 computed after each resume */
};

static volatile double one = 1.0, three = 3.0;

static void rounding_fn(void *arg)
{
	struct round_ctx *rc = arg;

	fesetround(FE_UPWARD);
	rc->third_up = one / three;
	coro_switch(&rc->co, &host);
	rc->seen_inside[0] = fegetround();
	rc->third_inside[0] = one / three;
	coro_switch(&rc->co, &host);
	rc->seen_inside[1] = fegetround();
	rc->third_inside[1] = one / three;
	coro_exit_to(&rc->co, &host);
}

/* valgrind does not honour the rounding mode in SSE arithmetic */
static bool arith_rounding_works(void)
{
#if TEST_VALGRIND
	return !RUNNING_ON_VALGRIND;
#else
	return true;
#endif
}

/*
 * The FPU control state is callee-saved in the ABI, so it is per context.
 * fegetround() reads the x87 control word on x86-64 while double division
 * obeys MXCSR, so checking both covers both registers.
 */
Test(coro, fpu_rounding_mode_is_per_context)
{
	struct round_ctx rc = { .seen_inside = { -1, -1 } };
	double third_nearest = one / three;
	bool arith = arith_rounding_works();

	cr_assert(eq(int, fegetround(), FE_TONEAREST));
	cr_assert(eq(int, coro_create(&pool, &rc.co, rounding_fn, &rc), 0));
	coro_switch(&host, &rc.co);
	cr_assert(eq(int, fegetround(), FE_TONEAREST),
		  "the coroutine's rounding mode leaked into the host");
	if (arith) {
		cr_assert(eq(dbl, one / three, third_nearest),
			  "the coroutine's rounding mode leaked into the host's arithmetic");
		cr_assert(gt(dbl, rc.third_up, third_nearest), "FE_UPWARD had no effect");
	}

	fesetround(FE_DOWNWARD);
	coro_switch(&host, &rc.co);
	cr_assert(eq(int, fegetround(), FE_DOWNWARD));
	cr_assert(eq(int, rc.seen_inside[0], FE_UPWARD),
		  "the host's rounding mode leaked into the coroutine");
	if (arith) {
		cr_assert(lt(dbl, one / three, rc.third_up));
		cr_assert(eq(dbl, rc.third_inside[0], rc.third_up),
			  "the host's rounding mode leaked into the coroutine's arithmetic");
	}

	fesetround(FE_TONEAREST);
	coro_switch(&host, &rc.co);
	cr_assert(eq(int, rc.seen_inside[1], FE_UPWARD));
	cr_assert(eq(int, fegetround(), FE_TONEAREST));
	if (arith) {
		cr_assert(eq(dbl, rc.third_inside[1], rc.third_up));
		cr_assert(eq(dbl, one / three, third_nearest));
	}
	coro_destroy(&pool, &rc.co);
}

/* ------------------------------------------------------------------ */
/* ABI stack alignment                                                */
/* ------------------------------------------------------------------ */

struct align_ctx {
	struct coro co;
	uintptr_t misalign[2];	/* in the entry function, one call deeper */
};

/* through a volatile, or the compiler folds the answer to 0 */
static uintptr_t misalignment(uintptr_t p)
{
	volatile uintptr_t addr = p;

	return addr % _Alignof(max_align_t);
}

static void __attribute__((noinline)) align_probe(uintptr_t *out)
{
	max_align_t slot;

	*out = misalignment((uintptr_t)&slot);
}

static void align_fn(void *arg)
{
	struct align_ctx *ac = arg;
	max_align_t slot;

	/* the compiler trusts the incoming sp: a bad one shows here */
	ac->misalign[0] = misalignment((uintptr_t)&slot);
	align_probe(&ac->misalign[1]);
	coro_exit_to(&ac->co, &host);
}

Test(coro, entry_stack_is_abi_aligned)
{
	struct align_ctx ac = { .misalign = { 1, 1 } };

	cr_assert(eq(int, coro_create(&pool, &ac.co, align_fn, &ac), 0));
	coro_switch(&host, &ac.co);
	cr_assert(eq(uptr, ac.misalign[0], 0));
	cr_assert(eq(uptr, ac.misalign[1], 0));
	coro_destroy(&pool, &ac.co);
}

/* ------------------------------------------------------------------ */
/* the whole stack is usable                                          */
/* ------------------------------------------------------------------ */

struct deep_ctx {
	struct coro co;
	uintptr_t bottom;	/* stop this close to the end of the stack */
	uintptr_t lowest;	/* deepest frame reached */
	unsigned int depth;
	unsigned long sum;
};

static unsigned long deep_recurse(struct deep_ctx *dc, unsigned int depth)
{
	volatile unsigned char buf[512];
	uintptr_t frame = (uintptr_t)__builtin_frame_address(0);

	buf[0] = (unsigned char)depth;
	buf[511] = (unsigned char)(depth * 7);
	if (frame - dc->bottom < 8192) {
		dc->lowest = frame;
		dc->depth = depth;
		/* pause at the deepest point: every frame must survive */
		coro_switch(&dc->co, &host);
		return 1;
	}
	return deep_recurse(dc, depth + 1) + buf[0] + buf[511];
}

static void deep_fn(void *arg)
{
	struct deep_ctx *dc = arg;

	dc->sum = deep_recurse(dc, 1);
	coro_exit_to(&dc->co, &host);
}

Test(coro, deep_recursion_uses_whole_stack)
{
	struct coro_pool big;
	struct deep_ctx dc = { .depth = 0 };
	unsigned long expected = 1;
	uintptr_t top;
	unsigned int d;

	coro_pool_init(&big, 512 * 1024);
	cr_assert(eq(sz, big.stack_size, 512 * 1024));
	cr_assert(eq(int, coro_create(&big, &dc.co, deep_fn, &dc), 0));
	dc.bottom = (uintptr_t)dc.co.asan_bottom;
	top = dc.bottom + dc.co.asan_size;
	cr_assert(ge(sz, dc.co.asan_size, 512 * 1024 - 64));

	coro_switch(&host, &dc.co);
	cr_assert(gt(uptr, dc.lowest, dc.bottom), "ran off the stack");
	cr_assert(lt(uptr, dc.lowest, dc.bottom + 8192));
	cr_assert(gt(uptr, top - dc.lowest, 400 * 1024),
		  "only %zu bytes of stack used", (size_t)(top - dc.lowest));

	coro_switch(&host, &dc.co);
	for (d = 1; d < dc.depth; d++)
		expected += (unsigned char)d + (unsigned char)(d * 7);
	cr_assert(eq(ulong, dc.sum, expected), "depth %u", dc.depth);

	coro_destroy(&big, &dc.co);
	coro_pool_release(&big);
}

/* ------------------------------------------------------------------ */
/* stack reuse and many coroutines                                    */
/* ------------------------------------------------------------------ */

struct counter_ctx {
	struct coro co;
	unsigned int id;
	unsigned int runs;
	unsigned int bad;
	bool done;
};

static void counter_fn(void *arg)
{
	struct counter_ctx *cc = arg;
	unsigned int id = cc->id;	/* a local on this coroutine's stack */
	int i;

	for (i = 0; i < 3; i++) {
		cc->runs++;
		coro_switch(&cc->co, &host);
		cc->bad += id != cc->id;
	}
	cc->done = true;
	coro_exit_to(&cc->co, &host);
}

Test(coro, free_list_reuses_stacks)
{
	struct counter_ctx cc[8];
	const void *first_bottom = NULL;
	int round, i, r;

	for (round = 0; round < 200; round++) {
		memset(&cc[0], 0, sizeof(cc[0]));
		cr_assert(eq(int, coro_create(&pool, &cc[0].co, counter_fn, &cc[0]), 0));
		if (round == 0)
			first_bottom = cc[0].co.asan_bottom;
		cr_assert(eq(ptr, (void *)cc[0].co.asan_bottom, (void *)first_bottom),
			  "round %d got another stack", round);
		for (r = 0; r < 4; r++)
			coro_switch(&host, &cc[0].co);
		cr_assert(cc[0].done);
		coro_destroy(&pool, &cc[0].co);
		cr_assert(eq(u64, pool.nr_mapped, 1), "round %d", round);
		cr_assert(eq(u64, pool.nr_in_use, 0));
	}

	/* several at once, then again: the same eight stacks serve */
	for (round = 0; round < 3; round++) {
		for (i = 0; i < 8; i++) {
			memset(&cc[i], 0, sizeof(cc[i]));
			cc[i].id = (unsigned int)i;
			cr_assert(eq(int, coro_create(&pool, &cc[i].co, counter_fn, &cc[i]), 0));
		}
		cr_assert(eq(u64, pool.nr_in_use, 8));
		for (r = 0; r < 4; r++)
			for (i = 0; i < 8; i++)
				coro_switch(&host, &cc[i].co);
		for (i = 0; i < 8; i++) {
			cr_assert(cc[i].done);
			cr_assert(eq(uint, cc[i].bad, 0));
			coro_destroy(&pool, &cc[i].co);
		}
		cr_assert(eq(u64, pool.nr_mapped, 8), "round %d", round);
	}
}

/* Teardown with tasks still blocked: destroying a suspended coroutine. */
Test(coro, suspended_coroutine_can_be_destroyed)
{
	struct counter_ctx cc = { .id = 7 };

	cr_assert(eq(int, coro_create(&pool, &cc.co, counter_fn, &cc), 0));
	coro_switch(&host, &cc.co);
	cr_assert(eq(uint, cc.runs, 1));
	coro_destroy(&pool, &cc.co);
	cr_assert(eq(u64, pool.nr_in_use, 0));

	/* the abandoned stack serves a new coroutine from scratch */
	memset(&cc, 0, sizeof(cc));
	cc.id = 9;
	cr_assert(eq(int, coro_create(&pool, &cc.co, counter_fn, &cc), 0));
	cr_assert(eq(u64, pool.nr_mapped, 1));
	while (!cc.done)
		coro_switch(&host, &cc.co);
	cr_assert(eq(uint, cc.runs, 3));
	cr_assert(eq(uint, cc.bad, 0));
	coro_destroy(&pool, &cc.co);

	/* never started */
	cr_assert(eq(int, coro_create(&pool, &cc.co, counter_fn, &cc), 0));
	coro_destroy(&pool, &cc.co);
	cr_assert(eq(u64, pool.nr_mapped, 1));
}

#define NR_MANY		1000

Test(coro, thousand_coroutines_alive_at_once)
{
	struct counter_ctx *cc = calloc(NR_MANY, sizeof(*cc));
	int i, r;

	cr_assert(not(eq(ptr, cc, NULL)));
	for (i = 0; i < NR_MANY; i++) {
		cc[i].id = (unsigned int)i;
		cr_assert(eq(int, coro_create(&pool, &cc[i].co, counter_fn, &cc[i]), 0),
			  "coroutine %d", i);
	}
	cr_assert(eq(u64, pool.nr_in_use, NR_MANY));
	cr_assert(eq(u64, pool.nr_mapped, NR_MANY));

	for (r = 0; r < 3; r++) {
		for (i = 0; i < NR_MANY; i++)
			coro_switch(&host, &cc[i].co);
		for (i = 0; i < NR_MANY; i++)
			cr_assert(eq(uint, cc[i].runs, (unsigned int)r + 1),
				  "coroutine %d after round %d", i, r);
	}
	/* in reverse, so the order of resumption does not matter */
	for (i = NR_MANY - 1; i >= 0; i--)
		coro_switch(&host, &cc[i].co);
	for (i = 0; i < NR_MANY; i++) {
		cr_assert(cc[i].done, "coroutine %d", i);
		cr_assert(eq(uint, cc[i].bad, 0), "coroutine %d", i);
		coro_destroy(&pool, &cc[i].co);
	}
	cr_assert(eq(u64, pool.nr_in_use, 0));
	cr_assert(eq(u64, pool.nr_mapped, NR_MANY), "stacks stay for reuse");
	cr_assert(eq(u64, pool.nr_unguarded, 0));
	free(cc);
}

/* ------------------------------------------------------------------ */
/* overflow detection                                                 */
/* ------------------------------------------------------------------ */

struct smash_ctx {
	struct coro co;
	bool exit;		/* leave with coro_exit_to() rather than switch */
};

/* Clobber one bit of the canary: the word at the lowest usable address. */
static void smash_fn(void *arg)
{
	struct smash_ctx *sc = arg;

	*(volatile uint64_t *)(uintptr_t)sc->co.asan_bottom ^= 1;
	if (sc->exit)
		coro_exit_to(&sc->co, &host);
	coro_switch(&sc->co, &host);
	coro_exit_to(&sc->co, &host);
}

#if MMSIM_DEBUG >= 2
Test(coro, canary_corruption_aborts_on_switch, .signal = SIGABRT)
{
	struct smash_ctx sc = { .exit = false };

	cr_assert(eq(int, coro_create(&pool, &sc.co, smash_fn, &sc), 0));
	coro_switch(&host, &sc.co);
	cr_fail("corrupted canary went unnoticed by coro_switch");
}
#endif

Test(coro, canary_corruption_aborts_on_exit, .signal = SIGABRT)
{
	struct smash_ctx sc = { .exit = true };

	cr_assert(eq(int, coro_create(&pool, &sc.co, smash_fn, &sc), 0));
	coro_switch(&host, &sc.co);
	cr_fail("corrupted canary went unnoticed by coro_exit_to");
}

Test(coro, canary_corruption_aborts_on_destroy, .signal = SIGABRT)
{
	struct smash_ctx sc = { .exit = true };

	cr_assert(eq(int, coro_create(&pool, &sc.co, smash_fn, &sc), 0));
	*(volatile uint64_t *)(uintptr_t)sc.co.asan_bottom = 0;
	coro_destroy(&pool, &sc.co);
	cr_fail("corrupted canary went unnoticed by coro_destroy");
}

/*
 * Under ASan (and valgrind) the SIGSEGV would be caught and turned into a
 * report and exit code; the test wants the plain signal, so take the default
 * action back, and keep valgrind from reporting the deliberate bad access.
 */
static void expect_segv(void)
{
	signal(SIGSEGV, SIG_DFL);
#if TEST_VALGRIND
	VALGRIND_DISABLE_ERROR_REPORTING;
#endif
}

Test(coro, guard_page_below_stack_faults, .signal = SIGSEGV)
{
	struct smash_ctx sc = { .exit = true };

	cr_assert(eq(int, coro_create(&pool, &sc.co, smash_fn, &sc), 0));
	cr_assert(pool.guard_pages);
	cr_assert(eq(u64, pool.nr_unguarded, 0));
	expect_segv();
	*((volatile char *)(uintptr_t)sc.co.asan_bottom - 1) = 1;
	cr_fail("the guard page is writable");
}

struct runaway_ctx {
	struct coro co;
	volatile bool stop;	/* never set: recursion is unbounded */
};

static unsigned long runaway(struct runaway_ctx *rc, unsigned long depth)
{
	volatile unsigned char buf[256];

	buf[0] = (unsigned char)depth;
	if (rc->stop)
		return depth;
	return runaway(rc, depth + 1) + buf[0];
}

static void runaway_fn(void *arg)
{
	struct runaway_ctx *rc = arg;

	runaway(rc, 0);
	coro_exit_to(&rc->co, &host);
}

Test(coro, runaway_recursion_hits_guard_page, .signal = SIGSEGV)
{
	struct runaway_ctx rc = { .stop = false };

	cr_assert(eq(int, coro_create(&pool, &rc.co, runaway_fn, &rc), 0));
	expect_segv();
	coro_switch(&host, &rc.co);
	cr_fail("stack overflow went unnoticed");
}

static void exit_at_once_fn(void *arg)
{
	struct coro *co = arg;

	coro_exit_to(co, &host);
}

#if MMSIM_DEBUG >= 1
Test(coro, switch_to_exited_coroutine_aborts, .signal = SIGABRT)
{
	struct coro co;

	cr_assert(eq(int, coro_create(&pool, &co, exit_at_once_fn, &co), 0));
	coro_switch(&host, &co);
	coro_switch(&host, &co);
	cr_fail("resumed an exited coroutine");
}
#endif

/* ------------------------------------------------------------------ */
/* running out                                                        */
/* ------------------------------------------------------------------ */

Test(coro, impossible_stack_size_gives_enomem)
{
	struct coro_pool huge;
	struct coro co;

	coro_pool_init(&huge, SIZE_MAX / 8);
	cr_assert(eq(int, coro_create(&huge, &co, exit_at_once_fn, &co), -ENOMEM));
	cr_assert(eq(u64, huge.nr_mapped, 0));
	cr_assert(eq(u64, huge.nr_in_use, 0));
	cr_assert(huge.guard_pages, "ENOMEM for size alone must not drop guards");
	coro_pool_release(&huge);
}

static long read_proc_long(const char *path)
{
	FILE *f = fopen(path, "r");
	long v = -1;

	if (!f)
		return -1;
	if (fscanf(f, "%ld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

static int count_maps(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	int c, n = 0;

	if (!f)
		return -1;
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

static bool page_unmapped(const void *addr)
{
	uintptr_t mask = ~((uintptr_t)sysconf(_SC_PAGESIZE) - 1);
	unsigned char vec;

	/* mincore() fails with ENOMEM on unmapped memory */
	return mincore((void *)((uintptr_t)addr & mask), 1, &vec) && errno == ENOMEM;
}

/* What the pool does after the fallback, without exhausting anything. */
Test(coro, unguarded_stacks_span_several_arenas)
{
	struct counter_ctx cc[10];
	const void *bottoms[10];
	int round, i, r;

	pool.guard_pages = false;		/* as after hitting the limit */
	pool.arena_max = 4 * pool.stack_size;	/* 4 + 4 + 2 */
	for (round = 0; round < 2; round++) {
		for (i = 0; i < 10; i++) {
			memset(&cc[i], 0, sizeof(cc[i]));
			cc[i].id = (unsigned int)i;
			cr_assert(eq(int, coro_create(&pool, &cc[i].co, counter_fn, &cc[i]), 0));
			if (round == 0)
				bottoms[i] = cc[i].co.asan_bottom;
		}
		cr_assert(eq(u64, pool.nr_unguarded, 10), "round %d", round);
		cr_assert(eq(u64, pool.nr_mapped, 10), "round %d", round);
		for (r = 0; r < 4; r++)
			for (i = 0; i < 10; i++)
				coro_switch(&host, &cc[i].co);
		for (i = 0; i < 10; i++) {
			cr_assert(cc[i].done);
			cr_assert(eq(uint, cc[i].bad, 0));
			coro_destroy(&pool, &cc[i].co);
		}
	}
	/* carved bottom up, back to back within an arena */
	for (i = 1; i < 4; i++)
		cr_assert(eq(ptr, (void *)bottoms[i],
			     (void *)((const char *)bottoms[0] + i * pool.stack_size)));
	coro_pool_release(&pool);
	for (i = 0; i < 10; i++)
		cr_assert(page_unmapped(bottoms[i]), "stack %d still mapped", i);
	cr_assert(eq(u64, pool.nr_mapped, 0));
}

struct fill_result {
	size_t n;		/* coroutines created */
	int err;		/* first coro_create() failure, or 0 */
	bool guard_after;	/* pool.guard_pages at the end */
	uint64_t unguarded;
	bool ran;		/* first and last coroutine ran to completion */
	bool unmapped;		/* first and last stack gone after release */
	int maps_before, maps_after;
};

/*
 * Create one-page coroutines until @want of them are unguarded (or @cap in
 * all), run the first and the last, destroy all and release the pool.
 * Asserts nothing: at the map limit even Criterion may fail to mmap.
 */
static void fill_to_map_limit(struct counter_ctx *cc, size_t cap, uint64_t want,
			      struct fill_result *res)
{
	struct coro_pool small;
	struct counter_ctx *last;
	size_t i;
	int r;

	memset(cc, 0, cap * sizeof(*cc));
	memset(res, 0, sizeof(*res));
	res->maps_before = count_maps();
	coro_pool_init(&small, 1);
	small.max_guarded = UINT64_MAX;	/* reach the real vm.max_map_count */
	while (res->n < cap && small.nr_unguarded < want) {
		res->err = coro_create(&small, &cc[res->n].co, counter_fn,
				       &cc[res->n]);
		if (res->err)
			break;
		cc[res->n].id = (unsigned int)res->n;
		res->n++;
	}
	res->guard_after = small.guard_pages;
	res->unguarded = small.nr_unguarded;

	last = res->n ? &cc[res->n - 1] : NULL;
	for (r = 0; last && r < 4; r++) {
		coro_switch(&host, &last->co);
		coro_switch(&host, &cc[0].co);
	}
	res->ran = last && last->done && cc[0].done && !last->bad && !cc[0].bad;
	for (i = 0; i < res->n; i++)
		coro_destroy(&small, &cc[i].co);
	coro_pool_release(&small);
	res->maps_after = count_maps();
	res->unmapped = last && page_unmapped(cc[0].co.asan_bottom) &&
			page_unmapped(last->co.asan_bottom);
}

/*
 * Exhaust vm.max_map_count with guarded one-page stacks (two VMAs each):
 * the pool must switch to unguarded stacks instead of failing, keep
 * handing out working stacks past the limit, and give every VMA back on
 * release.  Whether the limit is first hit by mmap() or by mprotect()
 * depends on the parity of the mappings the process already has, so run
 * twice, with one extra mapping the second time.  About 128 MiB of
 * page-sized stacks each time at the usual limit.
 */
Test(coro, map_limit_falls_back_to_unguarded_stacks)
{
	long max_maps = read_proc_long("/proc/sys/vm/max_map_count");
	const uint64_t want = 8192;	/* more than one arena's worth */
	struct fill_result res[2];
	struct counter_ctx *cc;
	void *extra;
	size_t cap;
	int parity;

	if (max_maps <= 0 || max_maps > 262144)
		cr_skip("vm.max_map_count is %ld: too costly to exhaust", max_maps);
	if (TEST_ASAN)
		cr_skip("ASan's runtime needs mappings of its own at the limit");
#if TEST_VALGRIND
	if (RUNNING_ON_VALGRIND)
		cr_skip("valgrind cannot track that many mappings");
#endif
	cap = (size_t)max_maps / 2 + want + 4096;
	/* allocate up front: at the limit, malloc's own mmap may fail */
	cc = calloc(cap, sizeof(*cc));
	cr_assert(not(eq(ptr, cc, NULL)));

	for (parity = 0; parity < 2; parity++) {
		extra = MAP_FAILED;
		if (parity) {
			extra = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			cr_assert(not(eq(ptr, extra, MAP_FAILED)));
		}
		fill_to_map_limit(cc, cap, want, &res[parity]);
		if (extra != MAP_FAILED)
			munmap(extra, 4096);
	}
	free(cc);

	for (parity = 0; parity < 2; parity++) {
		struct fill_result *fr = &res[parity];

		cr_assert(eq(int, fr->err, 0), "parity %d: coro_create failed after %zu stacks",
			  parity, fr->n);
		cr_assert(not(fr->guard_after), "parity %d: %zu stacks, no fallback",
			  parity, fr->n);
		cr_assert(ge(u64, fr->unguarded, want));
		cr_assert(gt(sz, fr->n - fr->unguarded, (size_t)max_maps / 4),
			  "parity %d: fell back early, after %zu guarded stacks",
			  parity, fr->n - (size_t)fr->unguarded);
		cr_assert(fr->ran, "parity %d: a coroutine did not run", parity);
		cr_assert(fr->unmapped, "parity %d: stacks still mapped after release",
			  parity);
		cr_assert(le(int, fr->maps_after, fr->maps_before + 8),
			  "parity %d: %d mappings before, %d after release", parity,
			  fr->maps_before, fr->maps_after);
	}
}

/* Past max_guarded the pool carves unguarded stacks from arenas by itself. */
Test(coro, guard_budget_switches_to_arenas)
{
	struct coro co[6];
	int i;

	pool.max_guarded = 4;
	for (i = 0; i < 6; i++)
		cr_assert(eq(int, coro_create(&pool, &co[i], exit_at_once_fn, NULL), 0));
	cr_assert(eq(u64, pool.nr_unguarded, 2));
	cr_assert(eq(int, pool.guard_pages, 0));
	for (i = 0; i < 6; i++)
		coro_destroy(&pool, &co[i]);
}
