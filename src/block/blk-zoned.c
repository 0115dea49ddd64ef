// SPDX-License-Identifier: GPL-2.0-only
/*
 * block/blk-zoned.c - host-managed zoned devices (SMR drives, ZNS SSDs)
 *
 * Zone state follows the ZBC/ZNS state machine as null_blk implements it
 * (drivers/block/null_blk/zoned.c, Linux 6.x): a write must start at the
 * zone's write pointer and stay inside the zone, else it fails with
 * BLK_STS_IOERR (-EIO); a write to an empty or closed zone opens it
 * implicitly, which needs a free open-zone resource
 * (BLK_STS_ZONE_OPEN_RESOURCE, -ETOOMANYREFS, when max_open_zones are
 * open; null_blk closes an implicitly open zone instead, we do the same
 * before failing); a zone that reaches its end is FULL.  Zone
 * management: RESET rewinds the write pointer (EMPTY), OPEN/CLOSE move
 * between EXP_OPEN and CLOSED, FINISH makes the zone FULL.
 * Simplified: no conventional zones, no zone append, no active-zone limit,
 * zone capacity equals zone size, all checks happen at dispatch.
 */
#include "block/blk.h"

#include <errno.h>
#include <stdlib.h>

#include "lib/compiler.h"

int blk_zones_init(struct block_device *bdev)
{
	uint64_t len = bdev->cfg.zone_size >> BLK_BLOCK_SHIFT;

	if (!len)
		len = 1;
	bdev->nr_zones = (unsigned int)(bdev->nr_blocks / len);
	if (!bdev->nr_zones)
		bdev->nr_zones = 1;
	bdev->nr_blocks = bdev->nr_zones * len;	/* a partial last zone is unused */
	bdev->zones = calloc(bdev->nr_zones, sizeof(*bdev->zones));
	if (!bdev->zones)
		return -ENOMEM;
	for (unsigned int i = 0; i < bdev->nr_zones; i++) {
		struct blk_zone *z = &bdev->zones[i];

		z->start = (uint64_t)i * len;
		z->len = len;
		z->wp = z->start;
		z->cond = BLK_ZONE_COND_EMPTY;
	}
	return 0;
}

static bool zone_is_open(const struct blk_zone *z)
{
	return z->cond == BLK_ZONE_COND_IMP_OPEN || z->cond == BLK_ZONE_COND_EXP_OPEN;
}

/* null_close_imp_open_zone(): make room by closing the first implicitly open zone */
static bool zone_close_imp_open(struct block_device *bdev)
{
	for (unsigned int i = 0; i < bdev->nr_zones; i++) {
		struct blk_zone *z = &bdev->zones[i];

		if (z->cond == BLK_ZONE_COND_IMP_OPEN) {
			z->cond = z->wp == z->start ? BLK_ZONE_COND_EMPTY : BLK_ZONE_COND_CLOSED;
			bdev->nr_open--;
			return true;
		}
	}
	return false;
}

/* null_check_open(): may one more zone be opened? */
static int zone_check_open(struct block_device *bdev)
{
	if (!bdev->cfg.max_open_zones || bdev->nr_open < bdev->cfg.max_open_zones)
		return 0;
	return zone_close_imp_open(bdev) ? 0 : -ETOOMANYREFS;
}

int blk_zone_check_write(struct block_device *bdev, const struct request *rq)
{
	uint64_t block = rq->sector / BLK_SECTORS_PER_BLOCK;
	uint64_t n = rq->bytes >> BLK_BLOCK_SHIFT;
	struct blk_zone *z = blk_zone_of(bdev, block);
	int ret;

	if (z->cond == BLK_ZONE_COND_FULL || block != z->wp || block + n > z->start + z->len)
		return -EIO;
	if (!zone_is_open(z)) {
		ret = zone_check_open(bdev);
		if (ret)
			return ret;
		z->cond = BLK_ZONE_COND_IMP_OPEN;
		bdev->nr_open++;
	}
	z->wp += n;
	if (z->wp == z->start + z->len) {
		z->cond = BLK_ZONE_COND_FULL;
		bdev->nr_open--;
	}
	return 0;
}

int blk_zone_mgmt(struct block_device *bdev, const struct request *rq)
{
	struct blk_zone *z = blk_zone_of(bdev, rq->sector / BLK_SECTORS_PER_BLOCK);
	bool was_open = zone_is_open(z);
	int ret;

	switch (rq->cmd_flags & REQ_OP_MASK) {
	case REQ_OP_ZONE_RESET:
		z->wp = z->start;
		z->cond = BLK_ZONE_COND_EMPTY;
		break;
	case REQ_OP_ZONE_FINISH:
		z->wp = z->start + z->len;
		z->cond = BLK_ZONE_COND_FULL;
		break;
	case REQ_OP_ZONE_OPEN:
		if (z->cond == BLK_ZONE_COND_FULL)
			return -EIO;
		if (z->cond == BLK_ZONE_COND_EXP_OPEN)
			return 0;
		if (!was_open) {
			ret = zone_check_open(bdev);
			if (ret)
				return ret;
			bdev->nr_open++;
		}
		z->cond = BLK_ZONE_COND_EXP_OPEN;
		return 0;
	case REQ_OP_ZONE_CLOSE:
		if (!was_open)
			return z->cond == BLK_ZONE_COND_FULL ? -EIO : 0;
		z->cond = z->wp == z->start ? BLK_ZONE_COND_EMPTY : BLK_ZONE_COND_CLOSED;
		break;
	default:
		return -EIO;
	}
	if (was_open)
		bdev->nr_open--;
	return 0;
}

bool blk_zones_check(const struct block_device *bdev)
{
	unsigned int nr_open = 0;
	bool ok = true;

	for (unsigned int i = 0; i < bdev->nr_zones; i++) {
		const struct blk_zone *z = &bdev->zones[i];
		bool bad = z->wp < z->start || z->wp > z->start + z->len ||
			   (z->cond == BLK_ZONE_COND_FULL) != (z->wp == z->start + z->len) ||
			   (z->cond == BLK_ZONE_COND_EMPTY && z->wp != z->start) ||
			   (z->cond == BLK_ZONE_COND_CLOSED && z->wp == z->start);

		if (bad) {
			fprintf(stderr, "mmsim: block device %s: zone %u cond %d wp %llu "
				"inconsistent\n", bdev->cfg.name, i, (int)z->cond,
				(unsigned long long)z->wp);
			ok = false;
		}
		nr_open += zone_is_open(z);
	}
	if (nr_open != bdev->nr_open) {
		fprintf(stderr, "mmsim: block device %s: %u open zones, counter says %u\n",
			bdev->cfg.name, nr_open, bdev->nr_open);
		ok = false;
	}
	return ok;
}
