/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * block/blk.h - block devices, bios and the request queue (block/, 6.x)
 *
 * The kernel's block layer cut down to what storage tests and swap need:
 * tasks build a struct bio and call submit_bio() (or submit_bio_wait(),
 * which sleeps in state D through io_schedule); blk-mq turns bios into
 * requests, merges a bio into an adjacent queued request, holds requests
 * while the device's tags are all in use, and dispatches them in FIFO
 * order.  A device model (struct blk_model_ops, src/block/blk-models.c)
 * says when a dispatched request completes; the completion is an event
 * whose handler ends each bio (bio_endio) and wakes its submitter.
 *
 * Data is not stored, only a 64-bit content tag per 4 KiB logical block,
 * so reads return the tag of the last write and tests can verify
 * integrity.  Units: sectors are 512 bytes as in the kernel; I/O must be
 * 4 KiB aligned (logical_block_size 4096, as a 4Kn device).
 */
#ifndef MMSIM_BLOCK_BLK_H
#define MMSIM_BLOCK_BLK_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/list.h"
#include "mmsim/config.h"
#include "mmsim/stats.h"
#include "sim/event.h"
#include "sim/rng.h"
#include "sim/wait.h"

#define SECTOR_SHIFT		9
#define SECTOR_SIZE		(1u << SECTOR_SHIFT)
#define BLK_BLOCK_SHIFT		12		/* logical block: 4 KiB */
#define BLK_BLOCK_SIZE		(1u << BLK_BLOCK_SHIFT)
#define BLK_SECTORS_PER_BLOCK	(BLK_BLOCK_SIZE >> SECTOR_SHIFT)
#define BLK_MAX_SECTORS		2560		/* max_sectors_kb = 1280, the kernel's default */

/* Operations (enum req_op) and flags (enum req_flag_bits), as in blk_types.h. */
enum req_op {
	REQ_OP_READ		= 0,
	REQ_OP_WRITE		= 1,
	REQ_OP_FLUSH		= 2,
	REQ_OP_ZONE_OPEN	= 10,
	REQ_OP_ZONE_CLOSE	= 11,
	REQ_OP_ZONE_FINISH	= 12,
	REQ_OP_ZONE_RESET	= 15,
};

#define REQ_OP_MASK		0xffu
#define REQ_FUA			(1u << 8)	/* forced unit access: durable on completion */
#define REQ_PREFLUSH		(1u << 9)	/* flush the volatile cache first */
#define REQ_SYNC		(1u << 10)

struct bio;
struct block_device;
typedef void (*bio_end_io_t)(struct bio *bio);

/**
 * struct bio - one I/O as a task submits it
 * @bi_bdev: target device
 * @bi_opf: enum req_op | REQ_* flags
 * @bi_sector: first sector (512 bytes)
 * @bi_size: bytes, a multiple of 4096 (0 for flushes and zone operations)
 * @bi_tag: writes: content tag stored in every block (block i gets
 *          @bi_tag + i); reads: the tag of the first block, on completion
 * @bi_tags: optional per-block tags: written from, or read into
 * @bi_status: 0 or -errno once ended (-EIO for a device error,
 *             -ETOOMANYREFS when a zoned device has no open zone left)
 * @bi_end_io: called once when the bio ends, possibly in an event handler
 *             (sim->current == NULL): it must not block
 * @bi_private: for @bi_end_io
 */
struct bio {
	struct block_device *bi_bdev;
	unsigned int bi_opf;
	uint64_t bi_sector;
	uint32_t bi_size;
	uint64_t bi_tag;
	uint64_t *bi_tags;
	int bi_status;
	bio_end_io_t bi_end_io;
	void *bi_private;
	/* private to the block layer */
	struct bio *bi_next;		/* next bio of the same request */
	uint64_t bi_start;		/* submission time */
	bool bi_done;
};

/** bio_op - the operation of @bio, without its flags */
static inline enum req_op bio_op(const struct bio *bio)
{
	return (enum req_op)(bio->bi_opf & REQ_OP_MASK);
}

/** op_is_write - true for operations that move data to the device (odd ops) */
static inline bool op_is_write(unsigned int op)
{
	return op & 1;
}

/**
 * struct request - a bio or several merged ones, holding one tag
 */
struct request {
	struct block_device *bdev;
	unsigned int cmd_flags;		/* op | flags of the first bio */
	uint64_t sector;
	uint32_t bytes;
	struct bio *bio, *biotail;
	uint64_t start_time;		/* allocated (first bio submitted) */
	uint64_t issue_time;		/* dispatched to the device */
	int status;
	bool in_flight;			/* dispatched, completion pending */
	unsigned int cpu;		/* submitting CPU: completions run there (rq_affinity=1) */
	struct list_head queuelist;	/* dev->queue while waiting; dev->free otherwise */
	struct sim_event done_ev;	/* the device completes it */
};

/* Zones (include/uapi/linux/blkzoned.h). */
enum blk_zone_cond {
	BLK_ZONE_COND_EMPTY	= 0x1,
	BLK_ZONE_COND_IMP_OPEN	= 0x2,
	BLK_ZONE_COND_EXP_OPEN	= 0x3,
	BLK_ZONE_COND_CLOSED	= 0x4,
	BLK_ZONE_COND_FULL	= 0xe,
};

struct blk_zone {
	uint64_t start;			/* first block */
	uint64_t len;			/* blocks */
	uint64_t wp;			/* write pointer, a block number */
	enum blk_zone_cond cond;
};

/*
 * A sparse array of tags, one per block, allocated 4096 blocks at a time
 * on first write: a 1 TiB disk costs 2 MiB of chunk pointers until used.
 */
#define TAGMAP_CHUNK_SHIFT	12
struct tagmap {
	uint64_t **chunks;
	uint64_t nr_chunks;
};

enum blk_dev_state {
	BLK_DEV_LIVE,
	BLK_DEV_POWER_OFF,		/* power cut: volatile cache lost */
	BLK_DEV_DEAD,			/* hot-unplugged (blk_mark_disk_dead) */
};

/**
 * struct blk_model_ops - a device model
 * @name: type name as in [device.NAME] type=
 * @defaults: fill the parameters left 0 in @cfg with the model's defaults
 * @service: a request starts on the device now; return when it completes.
 *           May keep state in @bdev (head position, busy channels).
 * @synchronous: bio-based driver that completes in the submitter's
 *               context by charging CPU (pmem/DAX); no queue, no tags
 */
struct blk_model_ops {
	const char *name;
	void (*defaults)(struct mmsim_device_config *cfg);
	uint64_t (*service)(struct block_device *bdev, const struct request *rq, uint64_t now);
	bool synchronous;
};

/** struct disk_stats - /proc/diskstats counters (block/genhd.c diskstats_show) */
struct disk_stats {
	uint64_t ios[2];		/* reads, writes completed */
	uint64_t merges[2];
	uint64_t sectors[2];
	uint64_t nsecs[2];		/* time spent reading/writing (ns) */
	uint64_t flush_ios;
	uint64_t flush_nsecs;
	uint64_t io_ticks;		/* ns with at least one request in flight */
	uint64_t time_in_queue;		/* ns, sum over requests (weighted) */
	uint64_t errors;		/* requests ended with an error */
};

/**
 * struct block_device - a disk and its request queue
 */
struct block_device {
	struct mmsim *sim;
	struct mmsim_device_config cfg;	/* with the model's defaults filled in */
	const struct blk_model_ops *ops;
	unsigned int major, minor;
	uint64_t nr_blocks;
	enum blk_dev_state state;
	bool write_cache;

	/* content: durable media, and the volatile write cache over it */
	struct tagmap media;		/* tag per block, 0 = never written */
	struct tagmap cache;		/* tag per block, 0 = not in the cache */
	uint64_t *dirty;		/* blocks in the cache, in write order */
	uint64_t nr_dirty, dirty_cap;

	/* request queue (blk-mq, one hardware queue) */
	struct request *rqs;		/* nr_requests of them */
	unsigned int nr_requests;
	struct list_head free;		/* unallocated requests */
	struct list_head queue;		/* allocated, waiting for a device tag */
	unsigned int nr_queued;
	unsigned int in_flight;		/* dispatched, at most cfg.queue_depth */
	struct wait_queue_head tag_wait;	/* submitters waiting for a request */

	/* model state */
	uint64_t *chan_free;		/* when each internal channel is free */
	uint64_t link_free;		/* when the host link is free */
	uint64_t head_block;		/* hdd: block after the last transfer */
	uint64_t rev_ns;		/* hdd: one revolution */
	struct rng rng;			/* lat_jitter draws */

	/* zones */
	struct blk_zone *zones;
	unsigned int nr_zones;
	unsigned int nr_open;

	/* lifetime and faults */
	uint64_t nr_completed;
	struct sim_event power_ev;
	struct sim_event unplug_ev;
	uint64_t busy_since;		/* io_ticks accounting */
	struct disk_stats stats;
};

struct blk_state {
	unsigned int nr_devices;
	struct block_device *devices;
};

/* ---- block/blk-core.c ---- */

/**
 * blk_init - create the devices of sim->cfg (sim->blk)
 *
 * Return: 0 or -ENOMEM.
 */
int blk_init(struct mmsim *sim);

/** blk_release - free sim->blk */
void blk_release(struct mmsim *sim);

/**
 * blk_add_device - create one device (tests; blk_init uses it)
 * @sim: simulation
 * @cfg: its configuration; zero parameters take the model's defaults
 *
 * Return: the device, or NULL (-ENOMEM).  Devices live until blk_release().
 */
struct block_device *blk_add_device(struct mmsim *sim, const struct mmsim_device_config *cfg);

/**
 * blk_config_size - the capacity a device of @cfg has once created
 * @cfg: a device configuration; size 0 means the model's default
 *
 * Return: bytes: @cfg->size, or the default size of its type's model.
 */
uint64_t blk_config_size(const struct mmsim_device_config *cfg);

/** blk_lookup - the device named @name, or NULL */
struct block_device *blk_lookup(struct mmsim *sim, const char *name);

/**
 * bio_init - prepare @bio
 * @bio: the bio
 * @bdev: target
 * @opf: enum req_op | REQ_* flags
 * @sector: first sector
 * @size: bytes
 */
void bio_init(struct bio *bio, struct block_device *bdev, unsigned int opf,
	      uint64_t sector, uint32_t size);

/**
 * submit_bio - hand @bio to the block layer
 *
 * Called by a task.  May sleep (state D) while every request of the
 * queue is in use; synchronous devices (pmem) complete it before
 * returning.  @bio->bi_end_io runs once the bio ends, with bi_status 0 or
 * -errno (-EIO: device error, removed or powered off, or
 * fail_make_request; -EINVAL: beyond the device or misaligned).
 */
void submit_bio(struct bio *bio);

/* blk-mq.c: a plug holding this many requests is flushed before it takes another */
#define BLK_MAX_REQUEST_COUNT	32
/* ... and one whose last request holds this many bytes */
#define BLK_PLUG_FLUSH_SIZE	(128 * 1024)

/**
 * struct blk_plug - requests a task submits between blk_start_plug() and
 * blk_finish_plug(), held back (with their tags) so that neighbouring bios
 * merge before the device sees them
 */
struct blk_plug {
	struct request *rq[BLK_MAX_REQUEST_COUNT];
	unsigned int nr;
};

/**
 * blk_start_plug - hold the current task's bios in @plug (unless it already
 * holds a plug: an inner plug then does nothing, as in the kernel)
 */
void blk_start_plug(struct mmsim *sim, struct blk_plug *plug);

/** blk_finish_plug - issue what @plug holds and end it */
void blk_finish_plug(struct mmsim *sim, struct blk_plug *plug);

/**
 * submit_bio_wait - submit @bio and sleep in state D (io_schedule) until it ends
 *
 * Return: bio->bi_status.
 */
int submit_bio_wait(struct bio *bio);

/**
 * blkdev_issue_flush - an empty REQ_PREFLUSH write, waited for
 *
 * Return: 0 or -EIO.
 */
int blkdev_issue_flush(struct block_device *bdev);

/**
 * blk_power_cut - cut the power now (also done by power_cut_at/after)
 *
 * Requests in flight or queued end with -EIO, the volatile cache is lost
 * (unless nothing was cached), later submissions fail with -EIO until
 * blk_power_on().
 */
void blk_power_cut(struct block_device *bdev);

/** blk_power_on - restart a powered-off device: empty cache, media as it was */
void blk_power_on(struct block_device *bdev);

/**
 * blk_mark_disk_dead - hot-unplug: in-flight and queued I/O ends with -EIO,
 * later submissions fail at once with -EIO
 */
void blk_mark_disk_dead(struct block_device *bdev);

/** blk_peek_tag - what a read of @block would return now (no timing) */
uint64_t blk_peek_tag(const struct block_device *bdev, uint64_t block);

/** blk_media_tag - the durable tag of @block (what survives a power cut) */
uint64_t blk_media_tag(const struct block_device *bdev, uint64_t block);

/**
 * blk_dax_store - a CPU store to @block of a DAX-mapped device (pmem):
 * durable at once, no bio
 */
void blk_dax_store(struct block_device *bdev, uint64_t block, uint64_t tag);

/**
 * blk_check_invariants - request counts, cache and zone state agree
 *
 * Return: true if they hold; otherwise each broken one is printed to stderr.
 */
bool blk_check_invariants(const struct block_device *bdev);

/** blk_check_all - blk_check_invariants() on every device of @sim */
bool blk_check_all(struct mmsim *sim);

/* ---- block/blk-models.c ---- */

/** blk_model - the ops of @type */
const struct blk_model_ops *blk_model(enum mmsim_dev_type type);

/** blk_dev_type_name - "null", "ram", "hdd", ... */
const char *blk_dev_type_name(enum mmsim_dev_type type);

/**
 * hdd_seek_time - seek over @distance tracks
 *
 * 0 for 0 tracks; else seek_min + (seek_max - seek_min) * sqrt((d - 1) / (tracks - 2)),
 * so one track costs seek_min and the full stroke (tracks - 1) seek_max:
 * the square-root profile of a voice-coil actuator that accelerates then
 * brakes (Ruemmler & Wilkes, "An introduction to disk drive modeling", 1994),
 * computed in integers.
 */
uint64_t hdd_seek_time(const struct mmsim_device_config *cfg, uint64_t distance);

/** blk_xfer_ns - time to move @bytes at @bw bytes/s (0 bw: no limit), rounded up */
uint64_t blk_xfer_ns(uint64_t bytes, uint64_t bw);

/* ---- block/blk-zoned.c ---- */

/** blk_zones_init - lay out the zones of a zoned device; 0 or -ENOMEM */
int blk_zones_init(struct block_device *bdev);

/**
 * blk_zone_check_write - at dispatch: may @rq be applied?  Advances the wp.
 *
 * Return: 0, -EIO for a write off the write pointer or into a full zone
 * (BLK_STS_IOERR, as null_blk and SMR drives), -ETOOMANYREFS when opening
 * one more zone would exceed max_open_zones (BLK_STS_ZONE_OPEN_RESOURCE).
 */
int blk_zone_check_write(struct block_device *bdev, const struct request *rq);

/** blk_zone_mgmt - apply a zone open/close/finish/reset request; 0 or -EIO */
int blk_zone_mgmt(struct block_device *bdev, const struct request *rq);

/** blk_zones_check - zone invariants (wp within the zone, cond matches) */
bool blk_zones_check(const struct block_device *bdev);

/** blk_zone_of - the zone holding @block */
static inline struct blk_zone *blk_zone_of(const struct block_device *bdev, uint64_t block)
{
	return &bdev->zones[block / bdev->zones[0].len];
}

#endif /* MMSIM_BLOCK_BLK_H */
