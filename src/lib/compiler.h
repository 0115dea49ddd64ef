/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lib/compiler.h - assertions, debug tiers and small compiler helpers
 *
 * MM_BUG_ON(cond) aborts with file and line: it is for bugs in mmsim, never
 * for bad user input (that gets -EINVAL and a message).  MMSIM_DEBUG is set
 * by the meson option debug_level: 1 cheap asserts (MM_DEBUG_ON), 2
 * per-operation invariants, 3 full-walk checkers after every event.
 */
#ifndef MMSIM_LIB_COMPILER_H
#define MMSIM_LIB_COMPILER_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef MMSIM_DEBUG
#define MMSIM_DEBUG 1
#endif

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define container_of(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))

#define MM_BUG_ON(cond)							\
	do {								\
		if (unlikely(cond)) {					\
			fprintf(stderr, "mmsim: BUG at %s:%d: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

#define MM_BUG()	MM_BUG_ON(1)

/* Cheap checks, compiled in at debug_level >= 1. */
#if MMSIM_DEBUG >= 1
#define MM_DEBUG_ON(cond)	MM_BUG_ON(cond)
#else
#define MM_DEBUG_ON(cond)	do { (void)sizeof(cond); } while (0)
#endif

static inline int mm_warn_report(int cond, const char *file, int line, const char *what)
{
	if (unlikely(cond))
		fprintf(stderr, "mmsim: WARNING at %s:%d: %s\n", file, line, what);
	return cond;
}

/* Report @cond if true and return it, so it can guard a recovery path. */
#define MM_WARN_ON(cond)	mm_warn_report(!!(cond), __FILE__, __LINE__, #cond)

#define min_t(type, a, b)	((type)(a) < (type)(b) ? (type)(a) : (type)(b))
#define max_t(type, a, b)	((type)(a) > (type)(b) ? (type)(a) : (type)(b))
#define clamp_t(type, v, lo, hi)	min_t(type, max_t(type, v, lo), hi)

#endif /* MMSIM_LIB_COMPILER_H */
