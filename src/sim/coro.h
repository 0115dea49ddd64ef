/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sim/coro.h - coroutines: the execution contexts that simulated tasks run on
 *
 * Every simulated task (workload thread, kswapd, flusher, ...) runs kernel-
 * style code on a stack of its own; the engine runs on the host's stack (the
 * "host" coroutine).  Switching is a plain user-space register swap: hand-
 * written assembly for x86-64 and aarch64 (the default), or glibc ucontext
 * when meson is configured with -Dcoro=ucontext (slower: a sigprocmask
 * syscall per switch, but understood by valgrind).
 *
 * Stacks are mmap'd with a PROT_NONE guard page below them; a canary word at
 * the lowest usable address is checked when a coroutine is switched away
 * from.  When the kernel refuses more mappings (vm.max_map_count: a guarded
 * stack costs two), the pool makes the rest of its stacks without guard
 * pages, thousands per mapping, and relies on the canary alone.  Freed stacks
 * go to a per-pool free list and are reused, so creating and exiting many
 * tasks does not mmap/munmap each time; stacks are unmapped only by
 * coro_pool_release().
 *
 * Under AddressSanitizer every switch is announced with
 * __sanitizer_start_switch_fiber / __sanitizer_finish_switch_fiber.
 */
#ifndef MMSIM_SIM_CORO_H
#define MMSIM_SIM_CORO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(MMSIM_CORO_UCONTEXT)
#include <ucontext.h>
#endif

struct coro_stack;

/**
 * struct coro - one execution context
 *
 * Embedded in its owner (struct task), which must stay put (no realloc,
 * no struct copy) from coro_create() to coro_destroy(): suspended frames
 * hold its address, and a ucontext_t points into itself.  All fields are
 * private to coro.c; tests may read the stack bounds.  Everything here is
 * single-threaded: a pool and its coroutines belong to one host thread.
 */
struct coro {
#if defined(MMSIM_CORO_UCONTEXT)
	ucontext_t uc;
	struct coro *resumer;		/* context that last switched to us */
#else
	void *sp;			/* saved stack pointer while switched out */
#endif
	struct coro_stack *stack;	/* NULL for the host context */
	void (*fn)(void *arg);		/* NULL once exited (or for the host) */
	void *arg;
	void *asan_fake_stack;		/* ASan bookkeeping, unused otherwise */
	/*
	 * Usable stack [asan_bottom, asan_bottom + asan_size); the canary is
	 * the word at asan_bottom and the guard page (if any) lies just
	 * below it.  Set for every coroutine by coro_create(); for the host,
	 * filled in under ASan only (learned at the first switch away).
	 */
	const void *asan_bottom;
	size_t asan_size;
};

/**
 * struct coro_pool - stacks of one size, with a free list for reuse
 *
 * One per simulation (no global state).  Fields are private to coro.c
 * except the counters, which benchmarks and tests may read.
 */
struct coro_pool {
	size_t stack_size;		/* usable bytes per stack, page multiple */
	size_t page_size;		/* host page size, the guard's size */
	struct coro_stack *free_list;
	bool guard_pages;		/* false once the map limit or budget was hit */
	uint64_t max_guarded;		/* guarded stacks made before arenas take over */
	char *arena_base;		/* unguarded stacks are carved from here */
	size_t arena_len;
	size_t arena_used;		/* bytes carved so far */
	size_t arena_max;		/* bytes to ask for per arena */
	/* counters, public (read-only) */
	uint64_t nr_mapped;		/* stacks currently mmap'd (in use + free) */
	uint64_t nr_in_use;
	uint64_t nr_unguarded;		/* stacks made without a guard page */
};

/**
 * coro_pool_init - prepare a pool
 * @pool: the pool
 * @stack_size: usable stack bytes per coroutine; rounded up to whole pages;
 *              0 selects the default (64 KiB, 256 KiB under ASan).  The top
 *              64 bytes hold the stack's own bookkeeping.
 *
 * Maps nothing yet: stacks are mapped on demand by coro_create().
 */
void coro_pool_init(struct coro_pool *pool, size_t stack_size);

/**
 * coro_pool_release - unmap every stack of @pool
 * @pool: the pool; every coroutine made from it must have been given back
 *        with coro_destroy() (MM_BUG_ON otherwise)
 *
 * The pool may be initialised again afterwards.
 */
void coro_pool_release(struct coro_pool *pool);

/**
 * coro_init_host - make @host describe the calling (host) context
 * @host: context to fill
 *
 * The host context has no stack of its own; the first coro_switch() away
 * from it saves the caller's registers in it.
 */
void coro_init_host(struct coro *host);

/**
 * coro_create - make a coroutine that will run @fn(@arg) on a fresh stack
 * @pool: where the stack comes from
 * @co: context to fill
 * @fn: entry point; it must never return: its last act is coro_exit_to()
 * @arg: passed to @fn
 *
 * Nothing runs until the first coro_switch() to @co.
 *
 * Return: 0, or -ENOMEM if no stack could be mapped.
 */
int coro_create(struct coro_pool *pool, struct coro *co,
		void (*fn)(void *arg), void *arg);

/**
 * coro_switch - save the current context in @from and resume @to
 * @from: the context now running (its registers are saved here)
 * @to: a context that is switched out (or fresh from coro_create())
 *
 * Returns when something switches back to @from.  Checks @from's stack
 * canary and aborts (MM_BUG_ON) if it was overwritten.  @to must not have
 * exited (checked when MMSIM_DEBUG >= 1).  Any context may switch to any
 * other: host to coroutine, coroutine to host, or coroutine to coroutine.
 */
void coro_switch(struct coro *from, struct coro *to);

/**
 * coro_exit_to - leave the running coroutine @from for the last time
 * @from: the running coroutine, which is finished
 * @to: the context to resume (normally the host)
 *
 * Never returns.  @from's stack stays mapped until coro_destroy(); the
 * caller (running on @to) must call coro_destroy(@from) afterwards.
 */
void coro_exit_to(struct coro *from, struct coro *to) __attribute__((noreturn));

/**
 * coro_prefetch - hint that @co will be switched to soon
 *
 * Starts loading the top of its saved stack into the cache; a switch to a
 * coroutine that has not run for a while otherwise stalls on it.
 */
static inline void coro_prefetch(const struct coro *co)
{
#if !defined(MMSIM_CORO_UCONTEXT)
	if (co->sp) {
		__builtin_prefetch(co->sp);
		__builtin_prefetch((const char *)co->sp + 64);
	}
#else
	(void)co;
#endif
}

/**
 * coro_destroy - give @co's stack back to @pool
 * @pool: the pool it came from
 * @co: a coroutine that is not running: exited, never started, or
 *      suspended in coro_switch() (its frames are then dropped without any
 *      unwinding, as when a simulation is torn down with tasks still
 *      blocked; under ASan with detect_stack_use_after_return its fake
 *      frames leak)
 *
 * Checks the canary once more.  @co may be passed to coro_create() again.
 */
void coro_destroy(struct coro_pool *pool, struct coro *co);

#endif /* MMSIM_SIM_CORO_H */
