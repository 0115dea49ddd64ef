// SPDX-License-Identifier: GPL-2.0-only
/*
 * block/blk-models.c - device timing models and their default parameters
 *
 * Each model answers one question: a request starts on the device at
 * time T, when does it complete?  Resources are tracked as "free at"
 * times, so a completion is known at dispatch and costs one event:
 *  - flash (ssd, nvme, zoned, usb): `channels` internal units run commands
 *    in parallel; a command holds the earliest free unit for its latency,
 *    and its data crosses one shared host link at read_bw/write_bw
 *    (reads: latency then transfer; media writes: transfer then latency;
 *    cached writes: transfer only).  IOPS at queue depth Q is therefore
 *    min(Q, channels) / (latency + bs / bw), capped by bw / bs.
 *  - hdd: one actuator, FIFO (no NCQ reordering): command overhead, seek
 *    by track distance (square-root profile), rotational wait to the
 *    target sector (the platter angle is (time mod revolution)), transfer
 *    at the media rate; a request that starts where the last one ended is
 *    sequential: no seek and no rotation (track buffer).
 *  - null (null_blk irqmode=softirq): read_lat/write_lat, unlimited parallelism.
 *  - ram (brd) and pmem (DAX): synchronous in the submitter, latency plus
 *    bytes at the copy bandwidth, charged as CPU time.
 * A flush costs flush_lat plus the dirty data at write_bw (destaging).
 * Defaults and their sources are listed in docs/block.md.
 */
#include "block/blk.h"

#include "lib/compiler.h"
#include "sim/sim.h"

#define KiB	(1ULL << 10)
#define MiB	(1ULL << 20)
#define GiB	(1ULL << 30)
#define MB	1000000ULL

#define DEF(field, value)			\
	do {					\
		if (!cfg->field)		\
			cfg->field = (value);	\
	} while (0)

uint64_t blk_xfer_ns(uint64_t bytes, uint64_t bw)
{
	if (!bw)
		return 0;
	/* bytes * 1e9 / bw, rounded up, without overflow for bytes < 2^34 */
	return (bytes * NSEC_PER_SEC + bw - 1) / bw;
}

static uint64_t isqrt64(uint64_t v)
{
	uint64_t r = 0, bit = 1ULL << 62;

	while (bit > v)
		bit >>= 2;
	while (bit) {
		if (v >= r + bit) {
			v -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

uint64_t hdd_seek_time(const struct mmsim_device_config *cfg, uint64_t distance)
{
	uint64_t span = cfg->tracks > 2 ? cfg->tracks - 2 : 1;
	uint64_t frac;		/* sqrt((distance - 1) / span) in 1/65536 */

	if (!distance)
		return 0;
	if (distance > span + 1)
		distance = span + 1;
	frac = isqrt64(((distance - 1) << 32) / span);
	return cfg->seek_min_ns + (((cfg->seek_max_ns - cfg->seek_min_ns) * frac) >> 16);
}

static uint64_t flush_cost(const struct block_device *bdev, const struct request *rq)
{
	unsigned int op = rq->cmd_flags & REQ_OP_MASK;

	if (op != REQ_OP_FLUSH && !(rq->cmd_flags & REQ_PREFLUSH))
		return 0;
	return bdev->cfg.flush_lat_ns +
	       blk_xfer_ns(bdev->nr_dirty << BLK_BLOCK_SHIFT, bdev->cfg.write_bw);
}

static bool rq_cached_write(const struct block_device *bdev, const struct request *rq)
{
	return bdev->write_cache && !(rq->cmd_flags & REQ_FUA);
}

/* ---- flash: ssd, nvme, zoned, usb ---- */

static uint64_t flash_service(struct block_device *bdev, const struct request *rq, uint64_t now)
{
	const struct mmsim_device_config *cfg = &bdev->cfg;
	unsigned int op = rq->cmd_flags & REQ_OP_MASK;
	unsigned int c = 0;
	uint64_t t, done;

	/* the earliest free unit, lowest number on ties */
	for (unsigned int i = 1; i < cfg->channels; i++)
		if (bdev->chan_free[i] < bdev->chan_free[c])
			c = i;
	t = max_t(uint64_t, now, bdev->chan_free[c]) + flush_cost(bdev, rq);
	switch (op) {
	case REQ_OP_READ:
		t += cfg->read_lat_ns;
		done = max_t(uint64_t, t, bdev->link_free) + blk_xfer_ns(rq->bytes, cfg->read_bw);
		bdev->link_free = done;
		break;
	case REQ_OP_WRITE:
		done = max_t(uint64_t, t, bdev->link_free) + blk_xfer_ns(rq->bytes, cfg->write_bw);
		bdev->link_free = done;
		if (!rq_cached_write(bdev, rq))
			done += cfg->write_lat_ns;
		break;
	case REQ_OP_FLUSH:
		done = t;
		break;
	default:		/* zone management: one media operation */
		done = t + cfg->write_lat_ns;
		break;
	}
	bdev->chan_free[c] = done;
	return done;
}

/* ---- hdd ---- */

static uint64_t hdd_service(struct block_device *bdev, const struct request *rq, uint64_t now)
{
	const struct mmsim_device_config *cfg = &bdev->cfg;
	unsigned int op = rq->cmd_flags & REQ_OP_MASK;
	uint64_t bpt = bdev->nr_blocks / cfg->tracks;	/* blocks per track */
	uint64_t block = rq->sector / BLK_SECTORS_PER_BLOCK;
	uint64_t t = max_t(uint64_t, now, bdev->chan_free[0]) + flush_cost(bdev, rq);

	if (!bpt)
		bpt = 1;
	if (op == REQ_OP_FLUSH) {
		bdev->chan_free[0] = t;
		return t;
	}
	if (op == REQ_OP_WRITE && rq_cached_write(bdev, rq)) {
		/* acknowledged from the drive's buffer: no mechanical work now */
		t += cfg->write_lat_ns;
	} else if (op == REQ_OP_READ || op == REQ_OP_WRITE) {
		t += op == REQ_OP_READ ? cfg->read_lat_ns : cfg->write_lat_ns;
		if (block != bdev->head_block) {
			uint64_t from = bdev->head_block / bpt, to = block / bpt;
			uint64_t target = (block % bpt) * bdev->rev_ns / bpt;

			t += hdd_seek_time(cfg, from > to ? from - to : to - from);
			t += (target + bdev->rev_ns - t % bdev->rev_ns) % bdev->rev_ns;
		}
		t += blk_xfer_ns(rq->bytes, op == REQ_OP_READ ? cfg->read_bw : cfg->write_bw);
		bdev->head_block = block + (rq->bytes >> BLK_BLOCK_SHIFT);
	} else {
		t += cfg->write_lat_ns;
	}
	bdev->chan_free[0] = t;
	return t;
}

/* ---- null, ram, pmem ---- */

static uint64_t null_service(struct block_device *bdev, const struct request *rq, uint64_t now)
{
	unsigned int op = rq->cmd_flags & REQ_OP_MASK;

	return now + (op == REQ_OP_READ ? bdev->cfg.read_lat_ns : bdev->cfg.write_lat_ns);
}

static uint64_t copy_service(struct block_device *bdev, const struct request *rq, uint64_t now)
{
	const struct mmsim_device_config *cfg = &bdev->cfg;

	if ((rq->cmd_flags & REQ_OP_MASK) == REQ_OP_READ)
		return now + cfg->read_lat_ns + blk_xfer_ns(rq->bytes, cfg->read_bw);
	return now + cfg->write_lat_ns + blk_xfer_ns(rq->bytes, cfg->write_bw);
}

/* ---- defaults (docs/block.md gives the sources) ---- */

static void common_defaults(struct mmsim_device_config *cfg)
{
	DEF(channels, 1);
	DEF(queue_depth, 32);
}

static void null_defaults(struct mmsim_device_config *cfg)
{
	DEF(size, 250 * GiB);		/* null_blk gb=250 */
	DEF(queue_depth, 64);		/* null_blk hw_queue_depth=64 */
	common_defaults(cfg);
}

static void ram_defaults(struct mmsim_device_config *cfg)
{
	DEF(size, 64 * MiB);
	DEF(read_bw, 10 * GiB);		/* memcpy of a 4K page, one core */
	DEF(write_bw, 10 * GiB);
	common_defaults(cfg);
}

static void hdd_defaults(struct mmsim_device_config *cfg)
{
	DEF(size, 1024 * GiB);
	DEF(rpm, 7200);
	DEF(tracks, 100000);
	DEF(seek_min_ns, 1 * NSEC_PER_MSEC);
	DEF(seek_max_ns, 16 * NSEC_PER_MSEC);
	DEF(read_bw, 160 * MB);
	DEF(write_bw, 160 * MB);
	DEF(read_lat_ns, 50 * NSEC_PER_USEC);	/* command overhead */
	DEF(write_lat_ns, 50 * NSEC_PER_USEC);
	DEF(flush_lat_ns, 10 * NSEC_PER_MSEC);
	common_defaults(cfg);
}

static void ssd_defaults(struct mmsim_device_config *cfg)
{
	DEF(size, 256 * GiB);
	DEF(read_lat_ns, 80 * NSEC_PER_USEC);
	DEF(write_lat_ns, 50 * NSEC_PER_USEC);
	DEF(flush_lat_ns, 500 * NSEC_PER_USEC);
	DEF(read_bw, 550 * MB);
	DEF(write_bw, 520 * MB);
	DEF(channels, 8);
	common_defaults(cfg);
}

static void nvme_defaults(struct mmsim_device_config *cfg)
{
	DEF(size, 1024 * GiB);
	DEF(read_lat_ns, 70 * NSEC_PER_USEC);
	DEF(write_lat_ns, 20 * NSEC_PER_USEC);
	DEF(flush_lat_ns, 200 * NSEC_PER_USEC);
	DEF(read_bw, 3500 * MB);
	DEF(write_bw, 3300 * MB);
	DEF(channels, 64);
	DEF(queue_depth, 1023);		/* nvme io_queue_depth=1024, one slot kept empty */
	common_defaults(cfg);
}

static void pmem_defaults(struct mmsim_device_config *cfg)
{
	DEF(size, 16 * GiB);
	DEF(read_lat_ns, 300);
	DEF(write_lat_ns, 100);
	DEF(read_bw, 6600 * MB);
	DEF(write_bw, 2300 * MB);
	common_defaults(cfg);
}

static void zoned_defaults(struct mmsim_device_config *cfg)
{
	DEF(size, 4 * GiB);
	DEF(zone_size, 256 * MiB);	/* null_blk zone_size, SMR drives */
	DEF(max_open_zones, 14);	/* WD Ultrastar DC ZN540 */
	DEF(read_lat_ns, 80 * NSEC_PER_USEC);
	DEF(write_lat_ns, 20 * NSEC_PER_USEC);
	DEF(flush_lat_ns, 200 * NSEC_PER_USEC);
	DEF(read_bw, 3200 * MB);
	DEF(write_bw, 2000 * MB);
	DEF(channels, 16);
	common_defaults(cfg);
}

static void usb_defaults(struct mmsim_device_config *cfg)
{
	DEF(size, 16 * GiB);
	DEF(read_lat_ns, 500 * NSEC_PER_USEC);
	DEF(write_lat_ns, 2 * NSEC_PER_MSEC);
	DEF(flush_lat_ns, 5 * NSEC_PER_MSEC);
	DEF(read_bw, 30 * MB);
	DEF(write_bw, 10 * MB);
	DEF(queue_depth, 1);		/* usb-storage bulk-only: one command at a time */
	common_defaults(cfg);
}

static const struct blk_model_ops blk_models[NR_MMSIM_DEV_TYPES] = {
	[MMSIM_DEV_NULL]  = { .name = "null",  .defaults = null_defaults,  .service = null_service },
	[MMSIM_DEV_RAM]   = { .name = "ram",   .defaults = ram_defaults,   .service = copy_service,
			      .synchronous = true },
	[MMSIM_DEV_HDD]   = { .name = "hdd",   .defaults = hdd_defaults,   .service = hdd_service },
	[MMSIM_DEV_SSD]   = { .name = "ssd",   .defaults = ssd_defaults,   .service = flash_service },
	[MMSIM_DEV_NVME]  = { .name = "nvme",  .defaults = nvme_defaults,  .service = flash_service },
	[MMSIM_DEV_PMEM]  = { .name = "pmem",  .defaults = pmem_defaults,  .service = copy_service,
			      .synchronous = true },
	[MMSIM_DEV_ZONED] = { .name = "zoned", .defaults = zoned_defaults, .service = flash_service },
	[MMSIM_DEV_USB]   = { .name = "usb",   .defaults = usb_defaults,   .service = flash_service },
};

const struct blk_model_ops *blk_model(enum mmsim_dev_type type)
{
	MM_BUG_ON((unsigned int)type >= NR_MMSIM_DEV_TYPES);
	return &blk_models[type];
}

const char *blk_dev_type_name(enum mmsim_dev_type type)
{
	return blk_model(type)->name;
}
