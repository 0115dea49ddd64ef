// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim/coro.c - coroutine stacks and context switching
 *
 * Every simulated task runs on a stack of its own, as a kernel task runs on
 * its THREAD_SIZE kernel stack.  The stack handling mirrors the kernel's:
 * like CONFIG_VMAP_STACK, each stack has an unmapped (here PROT_NONE) guard
 * page below it so that an overflow faults at once; like STACK_END_MAGIC,
 * checked by schedule_debug() -> task_stack_end_corrupted(), a canary word
 * at the lowest usable address is checked whenever a coroutine is switched
 * away from.  Freed stacks are cached on a per-pool free list, as the kernel
 * caches vmap'd stacks per CPU (cached_stacks[] in kernel/fork.c).
 *
 * Simplifications and choices:
 *  - Stacks never shrink: the pool unmaps them only in coro_pool_release().
 *  - The stack's bookkeeping (struct coro_stack) sits in the top 64 bytes of
 *    its own mapping, so creating a coroutine allocates nothing else.
 *  - A guarded stack costs two VMAs (guard + stack).  After
 *    CORO_MAX_GUARDED of them (half of the default vm.max_map_count, so
 *    the rest of the process keeps room for its own mappings), or when
 *    mmap/mprotect fail with ENOMEM, the pool gives up guard pages for
 *    good and carves the rest of its stacks, one
 *    at a time, out of an "arena": one large MAP_NORESERVE mapping of
 *    CORO_ARENA_BYTES (16 GiB of address space, 262144 default stacks),
 *    i.e. one VMA for all of them.  So large because at the limit
 *    do_mmap() refuses any new mapping once the count exceeds the limit,
 *    even one that would merge with its neighbour: depending on parity the
 *    first arena may well be the last.  Its pages cost nothing until a
 *    stack is carved and touched.
 *  - The switch itself lives in coro_<arch>.S (callee-saved registers and
 *    FPU control state only), or in glibc's swapcontext() when built with
 *    MMSIM_CORO_UCONTEXT (one sigprocmask syscall per switch, but valgrind
 *    understands it).
 *  - Under AddressSanitizer each switch is announced as a fiber switch;
 *    under valgrind (when its header is available) each stack is
 *    registered, so neither mistakes a switch for a wild stack pointer.
 *
 * Invariants: nr_mapped = nr_in_use + length of free_list; every stack on
 * the free list or in use has an intact canary unless a coroutine
 * overflowed, which MM_BUG_ON catches at its next switch.
 */
#include "sim/coro.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lib/compiler.h"

#if defined(__SANITIZE_ADDRESS__)
#define CORO_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CORO_ASAN 1
#endif
#endif
#ifndef CORO_ASAN
#define CORO_ASAN 0
#endif

#if CORO_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define CORO_VALGRIND 1
#endif
#endif
#ifndef CORO_VALGRIND
#define CORO_VALGRIND 0
#endif

/* ASan-instrumented frames are much larger (redzones) */
#if CORO_ASAN
#define CORO_DEFAULT_STACK_SIZE	(256 * 1024)
#else
#define CORO_DEFAULT_STACK_SIZE	(64 * 1024)
#endif

/* bytes at the top of each stack reserved for struct coro_stack */
#define CORO_HDR_SIZE		64

/* guarded stacks (two VMAs each) before the pool switches to arenas */
#define CORO_MAX_GUARDED	16384

/* address space per arena of unguarded stacks (halved until mmap agrees) */
#if SIZE_MAX > 0xffffffffu
#define CORO_ARENA_BYTES	((size_t)1 << 34)
#else
#define CORO_ARENA_BYTES	((size_t)1 << 28)
#endif

/* "mmsimSTK", mixed with the stack's address so a stale copy never matches */
#define CORO_CANARY		0x6d6d73696d53544bULL

#define CORO_MAP_FLAGS	(MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK)

/**
 * struct coro_stack - one stack, living in its own top CORO_HDR_SIZE bytes
 * @next: free list link (and release list link in coro_pool_release())
 * @map_addr: start of the mapping this stack owns, or NULL for a stack
 *            carved from an arena that another stack owns
 * @map_len: length of that mapping
 * @bottom: lowest usable address; the canary word lives here
 * @vg_id: valgrind's id for the registered stack
 * @guarded: a PROT_NONE guard page lies just below @bottom
 */
struct coro_stack {
	struct coro_stack *next;
	void *map_addr;
	size_t map_len;
	char *bottom;
	unsigned int vg_id;
	bool guarded;
};

_Static_assert(sizeof(struct coro_stack) <= CORO_HDR_SIZE,
	       "struct coro_stack must fit in the reserved top of the stack");

/* in coro_<arch>.S */
void *coro_arch_switch(void **save_sp, void *load_sp, void *transfer);
void *coro_arch_make(void *top, void (*entry)(struct coro *, struct coro *),
		     struct coro *co);

/* ------------------------------------------------------------------ */
/* stacks                                                             */
/* ------------------------------------------------------------------ */

static inline char *coro_stack_top(const struct coro_stack *stack)
{
	return (char *)stack;
}

static inline uint64_t coro_canary_value(const struct coro_stack *stack)
{
	return CORO_CANARY ^ (uint64_t)(uintptr_t)stack->bottom;
}

static inline bool coro_canary_intact(const struct coro_stack *stack)
{
	return *(const uint64_t *)(const void *)stack->bottom ==
	       coro_canary_value(stack);
}

/*
 * Lay out a stack in [bottom, bottom + pool->stack_size): its header at the
 * top, the canary at the bottom.  The caller fills in the mapping fields.
 */
static struct coro_stack *coro_stack_setup(struct coro_pool *pool, char *bottom,
					   bool guarded)
{
	struct coro_stack *stack;

	stack = (struct coro_stack *)(void *)(bottom + pool->stack_size -
					      CORO_HDR_SIZE);
#if CORO_ASAN
	/* the address range may have been someone's stack before */
	ASAN_UNPOISON_MEMORY_REGION(bottom, pool->stack_size);
#endif
	memset(stack, 0, sizeof(*stack));
	stack->bottom = bottom;
	stack->guarded = guarded;
	*(uint64_t *)(void *)bottom = coro_canary_value(stack);
#if CORO_VALGRIND
	/* valgrind wants the highest addressable byte, not the end */
	stack->vg_id = VALGRIND_STACK_REGISTER(bottom, coro_stack_top(stack) - 1);
#endif
	return stack;
}

static void coro_stack_push(struct coro_pool *pool, struct coro_stack *stack)
{
	stack->next = pool->free_list;
	pool->free_list = stack;
}

/* One stack with a PROT_NONE guard page below it.  Return 0 or -errno. */
static int coro_map_guarded(struct coro_pool *pool)
{
	size_t len = pool->page_size + pool->stack_size;
	struct coro_stack *stack;
	char *map;
	int err;

	map = mmap(NULL, len, PROT_READ | PROT_WRITE, CORO_MAP_FLAGS, -1, 0);
	if (map == MAP_FAILED)
		return -errno;
	if (mprotect(map, pool->page_size, PROT_NONE)) {
		err = -errno;
		/* give the VMA back: the fallback may need it */
		MM_WARN_ON(munmap(map, len));
		return err;
	}
	stack = coro_stack_setup(pool, map + pool->page_size, true);
	stack->map_addr = map;
	stack->map_len = len;
	coro_stack_push(pool, stack);
	pool->nr_mapped++;
	return 0;
}

/*
 * Map a new arena for unguarded stacks; as large as the kernel allows, down
 * to a single stack.  Return 0 or -errno.
 */
static int coro_map_arena(struct coro_pool *pool)
{
	size_t nr = max_t(size_t, pool->arena_max / pool->stack_size, 1);
	char *map;

	for (;;) {
		map = mmap(NULL, nr * pool->stack_size, PROT_READ | PROT_WRITE,
			   CORO_MAP_FLAGS, -1, 0);
		if (map != MAP_FAILED)
			break;
		/* RLIMIT_AS or strict overcommit: try smaller */
		if (errno != ENOMEM || nr == 1)
			return -errno;
		nr /= 2;
	}
	pool->arena_base = map;
	pool->arena_len = nr * pool->stack_size;
	pool->arena_used = 0;
	return 0;
}

/* Carve one unguarded stack from the arena.  Return 0 or -errno. */
static int coro_carve_unguarded(struct coro_pool *pool)
{
	struct coro_stack *stack;
	int err;

	if (pool->arena_used == pool->arena_len) {
		err = coro_map_arena(pool);
		if (err)
			return err;
	}
	stack = coro_stack_setup(pool, pool->arena_base + pool->arena_used,
				 false);
	/* the first stack carved owns the whole arena */
	if (pool->arena_used == 0) {
		stack->map_addr = pool->arena_base;
		stack->map_len = pool->arena_len;
	}
	pool->arena_used += pool->stack_size;
	coro_stack_push(pool, stack);
	pool->nr_mapped++;
	pool->nr_unguarded++;
	return 0;
}

/* Put at least one stack on the free list.  Return 0 or -errno. */
static int coro_pool_grow(struct coro_pool *pool)
{
	int err;

	/*
	 * Two VMAs per guarded stack: past the budget (half of the default
	 * vm.max_map_count) go on without guards, so the rest of the
	 * process (malloc's large blocks, the event heap) still finds room
	 * for mappings.
	 */
	if (pool->guard_pages && pool->nr_mapped - pool->nr_unguarded >= pool->max_guarded)
		pool->guard_pages = false;
	if (!pool->guard_pages)
		return coro_carve_unguarded(pool);

	err = coro_map_guarded(pool);
	if (err != -ENOMEM)
		return err;
	/*
	 * Almost always vm.max_map_count: mmap() cannot add a VMA, or
	 * mprotect() cannot split off the guard.  Carry on without
	 * guards, but only if that works: a request too large for the
	 * address space fails both ways and must leave the pool as it was.
	 */
	err = coro_carve_unguarded(pool);
	if (!err)
		pool->guard_pages = false;
	return err;
}

void coro_pool_init(struct coro_pool *pool, size_t stack_size)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	MM_BUG_ON(page == 0 || (page & (page - 1)));
	memset(pool, 0, sizeof(*pool));
	if (stack_size == 0)
		stack_size = CORO_DEFAULT_STACK_SIZE;
	/* absurd sizes just make coro_create() fail, without overflow */
	if (stack_size > SIZE_MAX / 4)
		stack_size = SIZE_MAX / 4;
	pool->stack_size = (stack_size + page - 1) & ~(page - 1);
	pool->page_size = page;
	pool->guard_pages = true;
	pool->max_guarded = CORO_MAX_GUARDED;
	pool->arena_max = CORO_ARENA_BYTES;
}

static void coro_unmap_list(struct coro_stack *list)
{
	struct coro_stack *stack, *next;

	for (stack = list; stack; stack = next) {
		next = stack->next;	/* the header goes away with the mapping */
		MM_WARN_ON(munmap(stack->map_addr, stack->map_len));
	}
}

void coro_pool_release(struct coro_pool *pool)
{
	struct coro_stack *stack, *next;
	struct coro_stack *guarded = NULL, *arenas = NULL;

	MM_BUG_ON(pool->nr_in_use);

	/*
	 * Stacks carved from an arena live inside their owner's mapping:
	 * collect the owners before unmapping anything, so that no header is
	 * read after its memory is gone.
	 */
	for (stack = pool->free_list; stack; stack = next) {
		next = stack->next;
#if CORO_VALGRIND
		VALGRIND_STACK_DEREGISTER(stack->vg_id);
#endif
#if CORO_ASAN
		/* leave no stale redzones to whoever maps this range next */
		ASAN_UNPOISON_MEMORY_REGION(stack->bottom, pool->stack_size -
					    CORO_HDR_SIZE);
#endif
		if (!stack->map_addr)
			continue;
		if (stack->guarded) {
			stack->next = guarded;
			guarded = stack;
		} else {
			stack->next = arenas;
			arenas = stack;
		}
	}
	pool->free_list = NULL;

	/*
	 * Guarded stacks first: each hands back two VMAs, which unmapping an
	 * arena that the kernel merged with a neighbour may need for a split.
	 */
	coro_unmap_list(guarded);
	coro_unmap_list(arenas);
	pool->nr_mapped = 0;
	pool->arena_base = NULL;
	pool->arena_len = 0;
	pool->arena_used = 0;
}

/* ------------------------------------------------------------------ */
/* switching                                                          */
/* ------------------------------------------------------------------ */

/* Tell ASan we are about to leave the running fiber for @to. */
static inline void coro_asan_start(void **fake_stack_save, const struct coro *to)
{
#if CORO_ASAN
	__sanitizer_start_switch_fiber(fake_stack_save, to->asan_bottom,
				       to->asan_size);
#else
	(void)fake_stack_save;
	(void)to;
#endif
}

/*
 * Tell ASan the switch is done; it reports the stack we came from, which is
 * how the host's stack bounds become known.
 */
static inline void coro_asan_finish(void *fake_stack, struct coro *prev)
{
#if CORO_ASAN
	__sanitizer_finish_switch_fiber(fake_stack, &prev->asan_bottom,
					&prev->asan_size);
#else
	(void)fake_stack;
	(void)prev;
#endif
}

static inline void coro_check_switch(const struct coro *from,
				     const struct coro *to)
{
	/*
	 * As schedule_debug() checks task_stack_end_corrupted(), but only at
	 * debug_level >= 2: the canary sits at the cold bottom of the stack,
	 * and reading it on every switch cost about a fifth of the engine's
	 * time with 10,000 tasks.  Exit and destroy always check it, and
	 * guard pages catch overflows at once on all but huge task counts.
	 */
#if MMSIM_DEBUG >= 2
	if (from->stack)
		MM_BUG_ON(!coro_canary_intact(from->stack));
#endif
	MM_DEBUG_ON(from == to);
	/* an exited or destroyed coroutine has no fn */
	MM_DEBUG_ON(to->stack && !to->fn);
}

/* First C code on a fresh stack; @prev is the context that switched to us. */
static void coro_entry(struct coro *co, struct coro *prev)
{
	coro_asan_finish(NULL, prev);
	co->fn(co->arg);
	/* @fn must leave with coro_exit_to(): there is nothing to return to */
	MM_BUG();
}

#if defined(MMSIM_CORO_UCONTEXT)

/* makecontext() passes only ints: the pointer comes in two halves. */
static void coro_uc_entry(int hi, int lo)
{
	uint64_t v = (uint64_t)(unsigned int)hi << 32 | (unsigned int)lo;
	struct coro *co = (struct coro *)(uintptr_t)v;

	coro_entry(co, co->resumer);
}

static void coro_make_context(struct coro *co)
{
	uint64_t v = (uint64_t)(uintptr_t)co;

	MM_BUG_ON(getcontext(&co->uc));
	co->uc.uc_stack.ss_sp = (void *)co->stack->bottom;
	co->uc.uc_stack.ss_size = co->asan_size;
	co->uc.uc_link = NULL;
	makecontext(&co->uc, (void (*)(void))coro_uc_entry, 2,
		    (int)(unsigned int)(v >> 32), (int)(unsigned int)v);
}

void coro_switch(struct coro *from, struct coro *to)
{
	coro_check_switch(from, to);
	coro_asan_start(&from->asan_fake_stack, to);
	to->resumer = from;
	MM_BUG_ON(swapcontext(&from->uc, &to->uc));
	coro_asan_finish(from->asan_fake_stack, from->resumer);
}

void coro_exit_to(struct coro *from, struct coro *to)
{
	MM_BUG_ON(!coro_canary_intact(from->stack));
	coro_check_switch(from, to);
	from->fn = NULL;
	/* NULL: the fiber is dead, ASan may free its fake stack */
	coro_asan_start(NULL, to);
	to->resumer = from;
	/* swapcontext, not setcontext: resuming @from must hit the MM_BUG */
	swapcontext(&from->uc, &to->uc);
	MM_BUG();
}

#else /* !MMSIM_CORO_UCONTEXT */

static void coro_make_context(struct coro *co)
{
	co->sp = coro_arch_make(coro_stack_top(co->stack), coro_entry, co);
}

void coro_switch(struct coro *from, struct coro *to)
{
	struct coro *prev;

	coro_check_switch(from, to);
	/* a host context that never switched away has nothing to resume */
	MM_DEBUG_ON(!to->sp);
	coro_asan_start(&from->asan_fake_stack, to);
	prev = coro_arch_switch(&from->sp, to->sp, from);
	coro_asan_finish(from->asan_fake_stack, prev);
}

void coro_exit_to(struct coro *from, struct coro *to)
{
	MM_BUG_ON(!coro_canary_intact(from->stack));
	coro_check_switch(from, to);
	from->fn = NULL;
	/* NULL: the fiber is dead, ASan may free its fake stack */
	coro_asan_start(NULL, to);
	coro_arch_switch(&from->sp, to->sp, from);
	MM_BUG();
}

#endif /* MMSIM_CORO_UCONTEXT */

/* ------------------------------------------------------------------ */
/* lifecycle                                                          */
/* ------------------------------------------------------------------ */

void coro_init_host(struct coro *host)
{
	memset(host, 0, sizeof(*host));
}

int coro_create(struct coro_pool *pool, struct coro *co,
		void (*fn)(void *arg), void *arg)
{
	struct coro_stack *stack;

	MM_BUG_ON(!fn);
	if (!pool->free_list && coro_pool_grow(pool))
		return -ENOMEM;
	stack = pool->free_list;
	pool->free_list = stack->next;
	stack->next = NULL;
	pool->nr_in_use++;

	memset(co, 0, sizeof(*co));
	co->stack = stack;
	co->fn = fn;
	co->arg = arg;
	co->asan_bottom = stack->bottom;
	co->asan_size = (size_t)(coro_stack_top(stack) - stack->bottom);
#if CORO_ASAN
	/* a reused stack still carries the redzones of frames never unwound */
	ASAN_UNPOISON_MEMORY_REGION(stack->bottom, co->asan_size);
#endif
	coro_make_context(co);
	return 0;
}

void coro_destroy(struct coro_pool *pool, struct coro *co)
{
	struct coro_stack *stack = co->stack;

	/* the host, or destroyed twice */
	MM_BUG_ON(!stack);
	MM_BUG_ON(!coro_canary_intact(stack));
	MM_BUG_ON(pool->nr_in_use == 0);
	co->stack = NULL;
	co->fn = NULL;
	coro_stack_push(pool, stack);
	pool->nr_in_use--;
}
