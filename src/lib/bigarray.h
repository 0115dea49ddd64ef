/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lib/bigarray.h - zeroed arrays of simulated-machine size
 *
 * The page array and the per-file and per-mapping slot arrays are as big
 * as the simulated memory or file (a 16 GiB file: 4 M slots of each).
 * Filling them in touches every host page once; with 4 KiB host pages
 * those first-touch faults were a tenth of a reclaim-heavy run.  Arrays
 * of 2 MiB and more are mmap()ed and asked to be backed by transparent
 * huge pages (a hint: the host may refuse); smaller ones come from calloc().
 */
#ifndef MMSIM_LIB_BIGARRAY_H
#define MMSIM_LIB_BIGARRAY_H

#include <stddef.h>

/** big_calloc - @nmemb zeroed elements of @size bytes, or NULL */
void *big_calloc(size_t nmemb, size_t size);

/** big_free - free what big_calloc(@nmemb, @size) returned (NULL is fine) */
void big_free(void *p, size_t nmemb, size_t size);

#endif /* MMSIM_LIB_BIGARRAY_H */
