// SPDX-License-Identifier: GPL-2.0-only
/*
 * lib/bigarray.c - zeroed arrays of simulated-machine size (see bigarray.h)
 */
#include "lib/bigarray.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#define BIG_ARRAY_MIN	(2UL << 20)	/* one x86-64 huge page */

static bool big_size(size_t nmemb, size_t size, size_t *bytes)
{
	if (size && nmemb > SIZE_MAX / size)
		return false;
	*bytes = nmemb * size;
	return true;
}

void *big_calloc(size_t nmemb, size_t size)
{
	size_t bytes;
	void *p;

	if (!big_size(nmemb, size, &bytes))
		return NULL;
	if (bytes < BIG_ARRAY_MIN)
		return calloc(nmemb, size);
	p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	madvise(p, bytes, MADV_HUGEPAGE);	/* a hint: fine if THP is off */
	return p;
}

void big_free(void *p, size_t nmemb, size_t size)
{
	size_t bytes = nmemb * size;

	if (!p)
		return;
	if (bytes < BIG_ARRAY_MIN)
		free(p);
	else
		munmap(p, bytes);
}
