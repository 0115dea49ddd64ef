// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench/bench_ctxsw.c - cost of one coroutine switch
 *
 * Measures, in host wall-clock time:
 *  - coro_switch: two coroutines switching straight to each other;
 *  - coro_switch via host: the engine's pattern, host -> task -> host;
 *  - swapcontext: the same ping-pong with raw glibc ucontext calls, for
 *    comparison (it makes a sigprocmask system call on every switch).
 * Each figure is the best of three runs, after a short warm-up.
 *
 * Usage: bench_ctxsw [switches]
 *   switches  coro_switch count per run (default 20000000); swapcontext
 *             runs a tenth of that, being some 50 times slower.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <ucontext.h>

#include "lib/compiler.h"
#include "sim/coro.h"

#define NR_RUNS		3
#define UC_STACK_SIZE	(64 * 1024)

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ------------------------------------------------------------------ */
/* coro_switch                                                        */
/* ------------------------------------------------------------------ */

struct player;

struct match {
	struct coro host;
	struct coro_pool pool;
	uint64_t left;		/* switches still to make */
};

struct player {
	struct coro co;
	struct player *other;
	struct match *m;
};

/* Switch to the other player until the count runs out. */
static void player_fn(void *arg)
{
	struct player *p = arg;
	struct match *m = p->m;

	while (m->left) {
		m->left--;
		coro_switch(&p->co, &p->other->co);
	}
	coro_exit_to(&p->co, &m->host);
}

static double bench_direct(struct match *m, uint64_t nr)
{
	struct player a = { .m = m }, b = { .m = m };
	uint64_t t0, t1;

	a.other = &b;
	b.other = &a;
	MM_BUG_ON(coro_create(&m->pool, &a.co, player_fn, &a));
	MM_BUG_ON(coro_create(&m->pool, &b.co, player_fn, &b));
	m->left = nr;
	t0 = now_ns();
	coro_switch(&m->host, &a.co);
	t1 = now_ns();
	/* one of the two is left suspended */
	coro_destroy(&m->pool, &a.co);
	coro_destroy(&m->pool, &b.co);
	return (double)(t1 - t0) / (double)nr;
}

struct echo {
	struct coro co;
	struct match *m;
};

static void echo_fn(void *arg)
{
	struct echo *e = arg;

	for (;;)
		coro_switch(&e->co, &e->m->host);
}

static double bench_via_host(struct match *m, uint64_t nr)
{
	struct echo e = { .m = m };
	uint64_t t0, t1, i;

	MM_BUG_ON(coro_create(&m->pool, &e.co, echo_fn, &e));
	t0 = now_ns();
	for (i = 0; i < nr / 2; i++)
		coro_switch(&m->host, &e.co);
	t1 = now_ns();
	coro_destroy(&m->pool, &e.co);
	return (double)(t1 - t0) / (double)(nr / 2 * 2);
}

/* ------------------------------------------------------------------ */
/* glibc swapcontext                                                  */
/* ------------------------------------------------------------------ */

struct uc_match {
	ucontext_t host, uc[2];
	uint64_t left;
};

struct uc_player {
	struct uc_match *m;
	int me;
};

/* makecontext() passes ints: the pointer comes in two halves */
static void uc_player_fn(int hi, int lo)
{
	uint64_t v = (uint64_t)(unsigned int)hi << 32 | (unsigned int)lo;
	struct uc_player *p = (struct uc_player *)(uintptr_t)v;
	struct uc_match *m = p->m;

	while (m->left) {
		m->left--;
		swapcontext(&m->uc[p->me], &m->uc[!p->me]);
	}
	swapcontext(&m->uc[p->me], &m->host);
}

static double bench_swapcontext(uint64_t nr)
{
	struct uc_match m;
	struct uc_player p[2];
	void *stacks[2];
	uint64_t t0, t1, v;
	int i;

	for (i = 0; i < 2; i++) {
		stacks[i] = malloc(UC_STACK_SIZE);
		MM_BUG_ON(!stacks[i]);
		p[i].m = &m;
		p[i].me = i;
		v = (uint64_t)(uintptr_t)&p[i];
		MM_BUG_ON(getcontext(&m.uc[i]));
		m.uc[i].uc_stack.ss_sp = stacks[i];
		m.uc[i].uc_stack.ss_size = UC_STACK_SIZE;
		m.uc[i].uc_link = NULL;
		makecontext(&m.uc[i], (void (*)(void))uc_player_fn, 2,
			    (int)(unsigned int)(v >> 32), (int)(unsigned int)v);
	}
	m.left = nr;
	t0 = now_ns();
	swapcontext(&m.host, &m.uc[0]);
	t1 = now_ns();
	free(stacks[0]);
	free(stacks[1]);
	return (double)(t1 - t0) / (double)nr;
}

/* ------------------------------------------------------------------ */

static double best_of(double (*fn)(struct match *, uint64_t), struct match *m,
		      uint64_t nr)
{
	double best = 0, ns;
	int run;

	fn(m, nr / 100 + 1);	/* warm-up: fault in stacks, train predictors */
	for (run = 0; run < NR_RUNS; run++) {
		ns = fn(m, nr);
		if (run == 0 || ns < best)
			best = ns;
	}
	return best;
}

int main(int argc, char **argv)
{
	uint64_t nr = 20000000, nr_uc;
	struct match m;
	double ns, best = 0;
	char *end;
	int run;

	if (argc > 1) {
		errno = 0;
		nr = strtoull(argv[1], &end, 10);
		if (errno || *end || nr < 100) {
			fprintf(stderr, "usage: %s [switches >= 100]\n", argv[0]);
			return 2;
		}
	}
	nr_uc = nr / 10;

	coro_pool_init(&m.pool, 0);
	coro_init_host(&m.host);
#if defined(MMSIM_CORO_UCONTEXT)
	printf("# coro backend: ucontext; %" PRIu64 " switches per run, best of %d\n",
	       nr, NR_RUNS);
#else
	printf("# coro backend: asm; %" PRIu64 " switches per run, best of %d\n",
	       nr, NR_RUNS);
#endif
	printf("coro_switch: %.1f ns/switch\n", best_of(bench_direct, &m, nr));
	printf("coro_switch via host: %.1f ns/switch\n",
	       best_of(bench_via_host, &m, nr));
	coro_pool_release(&m.pool);

	bench_swapcontext(nr_uc / 100 + 1);
	for (run = 0; run < NR_RUNS; run++) {
		ns = bench_swapcontext(nr_uc);
		if (run == 0 || ns < best)
			best = ns;
	}
	printf("swapcontext: %.1f ns/switch (%" PRIu64 " switches)\n", best, nr_uc);
	return 0;
}
