/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mm/gfp.h - GFP flags (include/linux/gfp_types.h, kernel 6.2 bit values)
 *
 * The kernel spells the modifier bits __GFP_IO etc.; C reserves names
 * with a leading double underscore, so here they are GFPF_IO etc.  Every
 * printed or parsed form (tracepoints, scenario files) uses the kernel's
 * spelling: gfp_flag_names[] maps one to the other.
 */
#ifndef MMSIM_MM_GFP_H
#define MMSIM_MM_GFP_H

#include <stddef.h>
#include <stdint.h>

#include "mm/mmzone.h"

typedef uint32_t gfp_t;

#define GFPF_DMA		0x01u
#define GFPF_HIGHMEM		0x02u
#define GFPF_DMA32		0x04u
#define GFPF_MOVABLE		0x08u
#define GFPF_RECLAIMABLE	0x10u
#define GFPF_HIGH		0x20u
#define GFPF_IO			0x40u
#define GFPF_FS			0x80u
#define GFPF_ZERO		0x100u
#define GFPF_ATOMIC		0x200u	/* removed in 6.3; ALLOC_HARDER before that */
#define GFPF_DIRECT_RECLAIM	0x400u
#define GFPF_KSWAPD_RECLAIM	0x800u
#define GFPF_WRITE		0x1000u
#define GFPF_NOWARN		0x2000u
#define GFPF_RETRY_MAYFAIL	0x4000u
#define GFPF_NOFAIL		0x8000u
#define GFPF_NORETRY		0x10000u
#define GFPF_MEMALLOC		0x20000u
#define GFPF_COMP		0x40000u
#define GFPF_NOMEMALLOC		0x80000u
#define GFPF_HARDWALL		0x100000u
#define GFPF_THISNODE		0x200000u
#define GFPF_ACCOUNT		0x400000u

#define GFPF_RECLAIM		(GFPF_DIRECT_RECLAIM | GFPF_KSWAPD_RECLAIM)

#define GFP_ATOMIC		(GFPF_HIGH | GFPF_ATOMIC | GFPF_KSWAPD_RECLAIM)
#define GFP_KERNEL		(GFPF_RECLAIM | GFPF_IO | GFPF_FS)
#define GFP_NOWAIT		(GFPF_KSWAPD_RECLAIM)
#define GFP_NOIO		(GFPF_RECLAIM)
#define GFP_NOFS		(GFPF_RECLAIM | GFPF_IO)
#define GFP_USER		(GFPF_RECLAIM | GFPF_IO | GFPF_FS | GFPF_HARDWALL)
#define GFP_DMA32		(GFPF_DMA32)
#define GFP_HIGHUSER		(GFP_USER | GFPF_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE	(GFP_HIGHUSER | GFPF_MOVABLE)
#define GFP_TRANSHUGE_LIGHT	((GFP_HIGHUSER_MOVABLE | GFPF_COMP | GFPF_NOMEMALLOC | \
				  GFPF_NOWARN) & ~GFPF_RECLAIM)
#define GFP_TRANSHUGE		(GFP_TRANSHUGE_LIGHT | GFPF_DIRECT_RECLAIM)

/** struct gfp_name - one flag or combination as the kernel spells it */
struct gfp_name {
	const char *name;
	gfp_t mask;
};

/* Combinations first (longest match wins when printing), then single bits. */
extern const struct gfp_name gfp_flag_names[];
extern const size_t nr_gfp_flag_names;

/**
 * gfp_parse - "GFP_KERNEL|__GFP_NORETRY" to a mask
 * @text: names joined by '|'
 * @out: the mask
 *
 * Return: 0, or -EINVAL for an unknown name.
 */
int gfp_parse(const char *text, gfp_t *out);

/**
 * gfp_format - a mask as the kernel's show_gfp_flags() prints it
 * @gfp: mask
 * @buf: output
 * @len: size of @buf
 *
 * Return: @buf ("GFP_KERNEL|__GFP_NORETRY", or "none").
 */
const char *gfp_format(gfp_t gfp, char *buf, size_t len);

/** gfp_zone - the highest zone a request may use (gfp_zone()) */
enum zone_type gfp_zone(gfp_t gfp);

/** gfp_migratetype - MIGRATE_MOVABLE / RECLAIMABLE / UNMOVABLE from the mobility bits */
int gfp_migratetype(gfp_t gfp);

#endif /* MMSIM_MM_GFP_H */
