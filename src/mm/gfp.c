// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/gfp.c - GFP flag names, gfp_zone() and gfp_migratetype()
 *
 * Names and combinations as include/trace/events/mmflags.h prints them
 * (__def_gfpflag_names): combinations first, then the single bits, so the
 * printed form of GFP_KERNEL is "GFP_KERNEL", not its bits.
 */
#include "mm/gfp.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

const struct gfp_name gfp_flag_names[] = {
	{ "GFP_TRANSHUGE", GFP_TRANSHUGE },
	{ "GFP_TRANSHUGE_LIGHT", GFP_TRANSHUGE_LIGHT },
	{ "GFP_HIGHUSER_MOVABLE", GFP_HIGHUSER_MOVABLE },
	{ "GFP_HIGHUSER", GFP_HIGHUSER },
	{ "GFP_USER", GFP_USER },
	{ "GFP_KERNEL", GFP_KERNEL },
	{ "GFP_NOFS", GFP_NOFS },
	{ "GFP_ATOMIC", GFP_ATOMIC },
	{ "GFP_NOIO", GFP_NOIO },
	{ "GFP_NOWAIT", GFP_NOWAIT },
	{ "GFP_DMA32", GFP_DMA32 },
	{ "__GFP_DMA", GFPF_DMA },
	{ "__GFP_HIGHMEM", GFPF_HIGHMEM },
	{ "__GFP_DMA32", GFPF_DMA32 },
	{ "__GFP_MOVABLE", GFPF_MOVABLE },
	{ "__GFP_RECLAIMABLE", GFPF_RECLAIMABLE },
	{ "__GFP_HIGH", GFPF_HIGH },
	{ "__GFP_IO", GFPF_IO },
	{ "__GFP_FS", GFPF_FS },
	{ "__GFP_ZERO", GFPF_ZERO },
	{ "__GFP_ATOMIC", GFPF_ATOMIC },
	{ "__GFP_RECLAIM", GFPF_RECLAIM },
	{ "__GFP_DIRECT_RECLAIM", GFPF_DIRECT_RECLAIM },
	{ "__GFP_KSWAPD_RECLAIM", GFPF_KSWAPD_RECLAIM },
	{ "__GFP_WRITE", GFPF_WRITE },
	{ "__GFP_NOWARN", GFPF_NOWARN },
	{ "__GFP_RETRY_MAYFAIL", GFPF_RETRY_MAYFAIL },
	{ "__GFP_NOFAIL", GFPF_NOFAIL },
	{ "__GFP_NORETRY", GFPF_NORETRY },
	{ "__GFP_MEMALLOC", GFPF_MEMALLOC },
	{ "__GFP_COMP", GFPF_COMP },
	{ "__GFP_NOMEMALLOC", GFPF_NOMEMALLOC },
	{ "__GFP_HARDWALL", GFPF_HARDWALL },
	{ "__GFP_THISNODE", GFPF_THISNODE },
	{ "__GFP_ACCOUNT", GFPF_ACCOUNT },
};

const size_t nr_gfp_flag_names = sizeof(gfp_flag_names) / sizeof(gfp_flag_names[0]);

int gfp_parse(const char *text, gfp_t *out)
{
	gfp_t mask = 0;

	while (*text) {
		size_t len = strcspn(text, "|");
		size_t i;

		while (len && text[len - 1] == ' ')
			len--;
		for (i = 0; i < nr_gfp_flag_names; i++)
			if (strlen(gfp_flag_names[i].name) == len &&
			    !strncmp(gfp_flag_names[i].name, text, len))
				break;
		if (i == nr_gfp_flag_names)
			return -EINVAL;
		mask |= gfp_flag_names[i].mask;
		text += strcspn(text, "|");
		if (*text == '|')
			text++;
		while (*text == ' ')
			text++;
	}
	*out = mask;
	return 0;
}

const char *gfp_format(gfp_t gfp, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < nr_gfp_flag_names && gfp; i++) {
		gfp_t m = gfp_flag_names[i].mask;

		if ((gfp & m) != m)
			continue;
		gfp &= ~m;
		used += (size_t)snprintf(buf + used, used < len ? len - used : 0, "%s%s",
					 used ? "|" : "", gfp_flag_names[i].name);
	}
	if (gfp)
		used += (size_t)snprintf(buf + used, used < len ? len - used : 0, "%s%#x",
					 used ? "|" : "", gfp);
	if (!used)
		snprintf(buf, len, "none");
	return buf;
}

enum zone_type gfp_zone(gfp_t gfp)
{
	if (gfp & GFPF_DMA)
		return ZONE_DMA;
	if (gfp & GFPF_DMA32)
		return ZONE_DMA32;
	/* __GFP_MOVABLE with __GFP_HIGHMEM may use ZONE_MOVABLE (GFP_ZONE_TABLE) */
	if ((gfp & (GFPF_MOVABLE | GFPF_HIGHMEM)) == (GFPF_MOVABLE | GFPF_HIGHMEM))
		return ZONE_MOVABLE;
	return ZONE_NORMAL;
}

int gfp_migratetype(gfp_t gfp)
{
	if (gfp & GFPF_MOVABLE)
		return MIGRATE_MOVABLE;
	if (gfp & GFPF_RECLAIMABLE)
		return MIGRATE_RECLAIMABLE;
	return MIGRATE_UNMOVABLE;
}
