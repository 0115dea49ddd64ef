// SPDX-License-Identifier: GPL-2.0-only
/*
 * block/blk-core.c - bio submission, blk-mq request queue, write cache, power
 *
 * Models block/blk-core.c, blk-mq.c, blk-merge.c and blk-flush.c of Linux
 * 6.x for one hardware queue: submit_bio() checks the bio (device alive,
 * end of device, fail_make_request), tries a back or front merge with a
 * request still waiting in the queue (blk_attempt_plug_merge /
 * blk_mq_sched_try_merge), else allocates a request (sleeping in state D
 * in blk_mq_get_tag() when all nr_requests are in use) and issues it
 * directly when the device has a free tag (blk_mq_try_issue_directly).
 * Completion is an event at the time the model says; its handler applies
 * the data, updates the diskstats counters, ends each bio and issues the
 * next waiting request.
 *
 * Write cache (blk-flush.c semantics): with a volatile cache a write is
 * acknowledged once cached; REQ_OP_FLUSH/REQ_PREFLUSH writes the cache to
 * the media; REQ_FUA writes the media.  Without a cache, flushes end at
 * once and FUA is dropped, as the kernel does.  Simplified: a flush makes
 * everything cached at its completion durable (a superset of what the
 * kernel guarantees), and a power cut loses the whole cache.  No I/O
 * scheduler reordering (FIFO dispatch, like "none"), no splitting (a bio
 * larger than max_sectors is simply one request).
 *
 * Plugging (blk_start_plug()): a task's requests, tags taken, are held
 * in its plug, a bio adjacent to the plug's last request merging into it,
 * and issued at blk_finish_plug(), before the plug takes a request past
 * BLK_MAX_REQUEST_COUNT or after one of BLK_PLUG_FLUSH_SIZE, and when the
 * task goes to sleep (sched_submit_work()).  cost.io_submit is paid per
 * request by its submitter; lat_jitter delays completions at random.
 */
#include "block/blk.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/compiler.h"
#include "mmsim/sim.h"
#include "sim/fault.h"
#include "sim/sim.h"
#include "trace/trace.h"

/* ------------------------------------------------------------------ */
/* Tag storage                                                          */
/* ------------------------------------------------------------------ */

static int tagmap_init(struct tagmap *m, uint64_t nr_blocks)
{
	m->nr_chunks = (nr_blocks + (1ULL << TAGMAP_CHUNK_SHIFT) - 1) >> TAGMAP_CHUNK_SHIFT;
	m->chunks = calloc(m->nr_chunks ? m->nr_chunks : 1, sizeof(*m->chunks));
	return m->chunks ? 0 : -ENOMEM;
}

static void tagmap_release(struct tagmap *m)
{
	for (uint64_t i = 0; m->chunks && i < m->nr_chunks; i++)
		free(m->chunks[i]);
	free(m->chunks);
	m->chunks = NULL;
}

static uint64_t tagmap_get(const struct tagmap *m, uint64_t block)
{
	const uint64_t *c = m->chunks[block >> TAGMAP_CHUNK_SHIFT];

	return c ? c[block & ((1ULL << TAGMAP_CHUNK_SHIFT) - 1)] : 0;
}

static void tagmap_set(struct tagmap *m, uint64_t block, uint64_t tag)
{
	uint64_t **c = &m->chunks[block >> TAGMAP_CHUNK_SHIFT];

	if (!*c) {
		if (!tag)
			return;
		*c = calloc(1ULL << TAGMAP_CHUNK_SHIFT, sizeof(**c));
		MM_BUG_ON(!*c);		/* out of host memory */
	}
	(*c)[block & ((1ULL << TAGMAP_CHUNK_SHIFT) - 1)] = tag;
}

uint64_t blk_peek_tag(const struct block_device *bdev, uint64_t block)
{
	uint64_t tag = tagmap_get(&bdev->cache, block);

	return tag ? tag : tagmap_get(&bdev->media, block);
}

uint64_t blk_media_tag(const struct block_device *bdev, uint64_t block)
{
	return tagmap_get(&bdev->media, block);
}

static void blk_store(struct block_device *bdev, uint64_t block, uint64_t tag, bool durable);

void blk_dax_store(struct block_device *bdev, uint64_t block, uint64_t tag)
{
	blk_store(bdev, block, tag, true);
}

/* Write @tag for @block into the cache (volatile) or the media (durable). */
static void blk_store(struct block_device *bdev, uint64_t block, uint64_t tag, bool durable)
{
	if (durable) {
		tagmap_set(&bdev->media, block, tag);
		/* A cached older copy must not overwrite it at the next flush. */
		if (tagmap_get(&bdev->cache, block))
			tagmap_set(&bdev->cache, block, tag);
		return;
	}
	if (!tagmap_get(&bdev->cache, block)) {
		if (bdev->nr_dirty == bdev->dirty_cap) {
			uint64_t cap = bdev->dirty_cap ? 2 * bdev->dirty_cap : 1024;
			uint64_t *d = realloc(bdev->dirty, cap * sizeof(*d));

			MM_BUG_ON(!d);
			bdev->dirty = d;
			bdev->dirty_cap = cap;
		}
		bdev->dirty[bdev->nr_dirty++] = block;
	}
	tagmap_set(&bdev->cache, block, tag);
}

/* The cache goes to the media (a completed flush). */
static void blk_destage(struct block_device *bdev)
{
	for (uint64_t i = 0; i < bdev->nr_dirty; i++) {
		uint64_t b = bdev->dirty[i];

		tagmap_set(&bdev->media, b, tagmap_get(&bdev->cache, b));
		tagmap_set(&bdev->cache, b, 0);
	}
	bdev->nr_dirty = 0;
}

/* The cache is lost (power cut). */
static void blk_drop_cache(struct block_device *bdev)
{
	for (uint64_t i = 0; i < bdev->nr_dirty; i++)
		tagmap_set(&bdev->cache, bdev->dirty[i], 0);
	bdev->nr_dirty = 0;
}

/* ------------------------------------------------------------------ */
/* Devices                                                              */
/* ------------------------------------------------------------------ */

static void request_done_event(struct mmsim *sim, struct sim_event *ev);

static void power_cut_event(struct mmsim *sim, struct sim_event *ev)
{
	(void)sim;
	blk_power_cut(container_of(ev, struct block_device, power_ev));
}

static void unplug_event(struct mmsim *sim, struct sim_event *ev)
{
	(void)sim;
	blk_mark_disk_dead(container_of(ev, struct block_device, unplug_ev));
}

/* Major numbers as Linux assigns them: sd 8, nvme/pmem 259 (blkext), brd 1. */
static void blk_assign_devt(struct block_device *bdev, unsigned int idx)
{
	switch (bdev->cfg.type) {
	case MMSIM_DEV_RAM:
		bdev->major = 1;
		bdev->minor = idx;
		break;
	case MMSIM_DEV_NVME:
	case MMSIM_DEV_PMEM:
		bdev->major = 259;
		bdev->minor = idx;
		break;
	case MMSIM_DEV_NULL:
		bdev->major = 251;	/* dynamic in the kernel; 251 is typical */
		bdev->minor = idx;
		break;
	default:
		bdev->major = 8;
		bdev->minor = 16 * idx;
		break;
	}
}

static int blk_device_setup(struct mmsim *sim, struct block_device *bdev,
			    const struct mmsim_device_config *cfg, unsigned int idx)
{
	const struct blk_model_ops *ops = blk_model(cfg->type);

	memset(bdev, 0, sizeof(*bdev));
	bdev->sim = sim;
	bdev->cfg = *cfg;
	bdev->ops = ops;
	ops->defaults(&bdev->cfg);
	rng_init(&bdev->rng, sim->cfg.seed, 0xb10c0000 + idx);
	bdev->nr_blocks = bdev->cfg.size >> BLK_BLOCK_SHIFT;
	bdev->write_cache = bdev->cfg.write_cache && !ops->synchronous &&
			    cfg->type != MMSIM_DEV_NULL;
	bdev->state = BLK_DEV_LIVE;
	blk_assign_devt(bdev, idx);
	if (tagmap_init(&bdev->media, bdev->nr_blocks) ||
	    tagmap_init(&bdev->cache, bdev->nr_blocks))
		return -ENOMEM;
	/* blk_mq_init_sched(): nr_requests = 2 * min(queue_depth, BLKDEV_DEFAULT_RQ) */
	bdev->nr_requests = 2 * min_t(unsigned int, bdev->cfg.queue_depth, 128);
	bdev->rqs = calloc(bdev->nr_requests, sizeof(*bdev->rqs));
	bdev->chan_free = calloc(bdev->cfg.channels, sizeof(*bdev->chan_free));
	if (!bdev->rqs || !bdev->chan_free)
		return -ENOMEM;
	INIT_LIST_HEAD(&bdev->free);
	INIT_LIST_HEAD(&bdev->queue);
	for (unsigned int i = 0; i < bdev->nr_requests; i++) {
		struct request *rq = &bdev->rqs[i];

		rq->bdev = bdev;
		event_init(&rq->done_ev, request_done_event);
		list_add_tail(&rq->queuelist, &bdev->free);
	}
	init_waitqueue_head(sim, &bdev->tag_wait);
	if (bdev->cfg.rpm)
		bdev->rev_ns = 60 * NSEC_PER_SEC / bdev->cfg.rpm;
	if (cfg->type == MMSIM_DEV_ZONED && blk_zones_init(bdev))
		return -ENOMEM;
	event_init(&bdev->power_ev, power_cut_event);
	event_init(&bdev->unplug_ev, unplug_event);
	if (bdev->cfg.power_cut_at_ns)
		event_schedule(sim, &bdev->power_ev, bdev->cfg.power_cut_at_ns);
	if (bdev->cfg.unplug_at_ns)
		event_schedule(sim, &bdev->unplug_ev, bdev->cfg.unplug_at_ns);
	return 0;
}

static void blk_device_release(struct block_device *bdev)
{
	tagmap_release(&bdev->media);
	tagmap_release(&bdev->cache);
	free(bdev->dirty);
	free(bdev->rqs);
	free(bdev->chan_free);
	free(bdev->zones);
}

int blk_init(struct mmsim *sim)
{
	sim->blk = calloc(1, sizeof(*sim->blk));
	if (!sim->blk)
		return -ENOMEM;
	sim->blk->devices = calloc(MMSIM_MAX_DEVICES, sizeof(*sim->blk->devices));
	if (!sim->blk->devices)
		return -ENOMEM;
	for (unsigned int i = 0; i < sim->cfg.nr_devices; i++)
		if (!blk_add_device(sim, &sim->cfg.devices[i]))
			return -ENOMEM;
	return 0;
}

uint64_t blk_config_size(const struct mmsim_device_config *cfg)
{
	struct mmsim_device_config c = *cfg;

	/* as blk_device_setup() fills the model's defaults */
	blk_model(c.type)->defaults(&c);
	return c.size;
}

struct block_device *blk_add_device(struct mmsim *sim, const struct mmsim_device_config *cfg)
{
	struct blk_state *blk = sim->blk;
	struct block_device *bdev;

	if (blk->nr_devices == MMSIM_MAX_DEVICES)
		return NULL;
	bdev = &blk->devices[blk->nr_devices];
	if (blk_device_setup(sim, bdev, cfg, blk->nr_devices)) {
		blk_device_release(bdev);
		return NULL;
	}
	blk->nr_devices++;
	return bdev;
}

void blk_release(struct mmsim *sim)
{
	if (!sim->blk)
		return;
	for (unsigned int i = 0; sim->blk->devices && i < sim->blk->nr_devices; i++)
		blk_device_release(&sim->blk->devices[i]);
	free(sim->blk->devices);
	free(sim->blk);
	sim->blk = NULL;
}

struct block_device *blk_lookup(struct mmsim *sim, const char *name)
{
	for (unsigned int i = 0; i < sim->blk->nr_devices; i++)
		if (!strcmp(sim->blk->devices[i].cfg.name, name))
			return &sim->blk->devices[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Completion                                                           */
/* ------------------------------------------------------------------ */

static void bio_endio(struct bio *bio, int status)
{
	bio->bi_status = status;
	bio->bi_done = true;
	if (bio->bi_end_io)
		bio->bi_end_io(bio);
}

/* blk_account_io_done() and the io_ticks part of update_io_ticks() */
static void blk_account_done(struct block_device *bdev, struct request *rq)
{
	struct disk_stats *st = &bdev->stats;
	uint64_t now = bdev->sim->now;
	unsigned int op = rq->cmd_flags & REQ_OP_MASK;

	if (op == REQ_OP_READ || op == REQ_OP_WRITE) {
		int dir = op_is_write(op);

		st->ios[dir]++;
		st->sectors[dir] += rq->bytes >> SECTOR_SHIFT;
		st->nsecs[dir] += now - rq->start_time;
	} else if (op == REQ_OP_FLUSH) {
		st->flush_ios++;
		st->flush_nsecs += now - rq->start_time;
	}
	st->time_in_queue += now - rq->start_time;
	if (rq->status)
		st->errors++;
}

static void blk_io_ticks_start(struct block_device *bdev)
{
	if (!bdev->in_flight)
		bdev->busy_since = bdev->sim->now;
}

static void blk_io_ticks_stop(struct block_device *bdev)
{
	if (!bdev->in_flight)
		bdev->stats.io_ticks += bdev->sim->now - bdev->busy_since;
}

static void blk_apply(struct block_device *bdev, struct request *rq)
{
	unsigned int op = rq->cmd_flags & REQ_OP_MASK;

	if (op == REQ_OP_FLUSH || (rq->cmd_flags & REQ_PREFLUSH)) {
		if (!bdev->cfg.broken_flush)
			blk_destage(bdev);
	}
	for (struct bio *bio = rq->bio; bio; bio = bio->bi_next) {
		uint64_t block = bio->bi_sector / BLK_SECTORS_PER_BLOCK;
		uint64_t n = bio->bi_size >> BLK_BLOCK_SHIFT;

		if (op == REQ_OP_READ) {
			for (uint64_t i = 0; i < n; i++) {
				uint64_t tag = blk_peek_tag(bdev, block + i);

				if (bio->bi_tags)
					bio->bi_tags[i] = tag;
				if (!i)
					bio->bi_tag = tag;
			}
		} else if (op == REQ_OP_WRITE) {
			bool durable = !bdev->write_cache || (rq->cmd_flags & REQ_FUA);

			for (uint64_t i = 0; i < n; i++)
				blk_store(bdev, block + i,
					  bio->bi_tags ? bio->bi_tags[i] : bio->bi_tag + i, durable);
		}
	}
}

static void blk_run_queue(struct block_device *bdev);

/* Ends @rq with its status; the caller has taken it off the device. */
static void blk_mq_end_request(struct block_device *bdev, struct request *rq)
{
	struct mmsim *sim = bdev->sim;
	struct bio *bio = rq->bio;

	if (trace_on(sim, TRACE_BLOCK_RQ_COMPLETE))
		trace_block_rq_complete(sim, bdev, rq);
	blk_account_done(bdev, rq);
	rq->bio = rq->biotail = NULL;
	list_add_tail(&rq->queuelist, &bdev->free);
	/* bio_endio() last: an end_io may free its bio (a chain of them here) */
	while (bio) {
		struct bio *next = bio->bi_next;

		bio->bi_next = NULL;
		bio_endio(bio, rq->status);
		bio = next;
	}
	wake_up(&bdev->tag_wait);
}

static void request_done_event(struct mmsim *sim, struct sim_event *ev)
{
	struct request *rq = container_of(ev, struct request, done_ev);
	struct block_device *bdev = rq->bdev;

	(void)sim;
	rq->in_flight = false;
	bdev->in_flight--;
	blk_io_ticks_stop(bdev);
	if (!rq->status)
		blk_apply(bdev, rq);
	blk_mq_end_request(bdev, rq);
	bdev->nr_completed++;
	if (bdev->cfg.power_cut_after && bdev->nr_completed == bdev->cfg.power_cut_after) {
		blk_power_cut(bdev);
		return;
	}
	blk_run_queue(bdev);
}

/* ------------------------------------------------------------------ */
/* Dispatch                                                             */
/* ------------------------------------------------------------------ */

static void blk_mq_start_request(struct block_device *bdev, struct request *rq)
{
	struct mmsim *sim = bdev->sim;
	unsigned int op = rq->cmd_flags & REQ_OP_MASK;
	uint64_t done;

	rq->issue_time = sim->now;
	rq->in_flight = true;
	blk_io_ticks_start(bdev);
	bdev->in_flight++;
	if (trace_on(sim, TRACE_BLOCK_RQ_ISSUE))
		trace_block_rq_issue(sim, bdev, rq);
	if (bdev->zones) {
		if (op == REQ_OP_WRITE)
			rq->status = blk_zone_check_write(bdev, rq);
		else if (op >= REQ_OP_ZONE_OPEN)
			rq->status = blk_zone_mgmt(bdev, rq);
	}
	/* A rejected zoned write fails in the device's command overhead. */
	done = rq->status ? sim->now : bdev->ops->service(bdev, rq, sim->now);
	/* lat_jitter: the completion reaches the host later by a random delay */
	if (!rq->status && bdev->cfg.lat_jitter.a)
		done += rng_dist(&bdev->rng, &bdev->cfg.lat_jitter);
	event_schedule(sim, &rq->done_ev, done);
}

static void blk_run_queue(struct block_device *bdev)
{
	while (bdev->state == BLK_DEV_LIVE && bdev->nr_queued &&
	       bdev->in_flight < bdev->cfg.queue_depth) {
		struct request *rq = list_first_entry(&bdev->queue, struct request, queuelist);

		list_del_init(&rq->queuelist);
		bdev->nr_queued--;
		blk_mq_start_request(bdev, rq);
	}
}

/* Fail everything queued or in flight (power cut, removal). */
static void blk_abort_all(struct block_device *bdev)
{
	for (unsigned int i = 0; i < bdev->nr_requests; i++) {
		struct request *rq = &bdev->rqs[i];

		if (!rq->in_flight)
			continue;
		event_cancel(bdev->sim, &rq->done_ev);
		rq->in_flight = false;
		bdev->in_flight--;
		blk_io_ticks_stop(bdev);
		rq->status = -EIO;
		blk_mq_end_request(bdev, rq);
	}
	while (bdev->nr_queued) {
		struct request *rq = list_first_entry(&bdev->queue, struct request, queuelist);

		list_del_init(&rq->queuelist);
		bdev->nr_queued--;
		rq->status = -EIO;
		blk_mq_end_request(bdev, rq);
	}
	wake_up_all(&bdev->tag_wait);
}

void blk_power_cut(struct block_device *bdev)
{
	if (bdev->state != BLK_DEV_LIVE)
		return;
	bdev->state = BLK_DEV_POWER_OFF;
	event_cancel(bdev->sim, &bdev->power_ev);
	blk_abort_all(bdev);
	blk_drop_cache(bdev);
}

void blk_power_on(struct block_device *bdev)
{
	if (bdev->state != BLK_DEV_POWER_OFF)
		return;
	bdev->state = BLK_DEV_LIVE;
	for (unsigned int c = 0; c < bdev->cfg.channels; c++)
		bdev->chan_free[c] = 0;
	bdev->link_free = 0;
	bdev->head_block = 0;
}

void blk_mark_disk_dead(struct block_device *bdev)
{
	if (bdev->state == BLK_DEV_DEAD)
		return;
	bdev->state = BLK_DEV_DEAD;
	event_cancel(bdev->sim, &bdev->unplug_ev);
	event_cancel(bdev->sim, &bdev->power_ev);
	blk_abort_all(bdev);
}

/* ------------------------------------------------------------------ */
/* Submission                                                           */
/* ------------------------------------------------------------------ */

void bio_init(struct bio *bio, struct block_device *bdev, unsigned int opf,
	      uint64_t sector, uint32_t size)
{
	memset(bio, 0, sizeof(*bio));
	bio->bi_bdev = bdev;
	bio->bi_opf = opf;
	bio->bi_sector = sector;
	bio->bi_size = size;
}

/* bio_check_eod() and the alignment rule of direct I/O */
static int bio_check(const struct block_device *bdev, const struct bio *bio)
{
	uint64_t nr_sectors = bdev->nr_blocks * BLK_SECTORS_PER_BLOCK;
	uint64_t sectors = bio->bi_size >> SECTOR_SHIFT;

	if (bio->bi_size % BLK_BLOCK_SIZE || bio->bi_sector % BLK_SECTORS_PER_BLOCK)
		return -EINVAL;
	if (bio->bi_sector > nr_sectors || sectors > nr_sectors - bio->bi_sector)
		return -EIO;
	return 0;
}

/*
 * bio_attempt_back_merge() / bio_attempt_front_merge(): @bio joins the
 * request *@headp .. *@tailp (starting at *@sector, *@rq_bytes long, flags
 * @opf) if it is adjacent; diskstats count the bio merged
 */
static bool bio_merge(struct block_device *bdev, unsigned int opf, uint64_t *sector,
		      uint32_t *rq_bytes, struct bio **headp, struct bio **tailp, struct bio *bio)
{
	unsigned int op = opf & REQ_OP_MASK;

	if (op != REQ_OP_READ && op != REQ_OP_WRITE)
		return false;
	if (opf != bio->bi_opf ||
	    ((uint64_t)*rq_bytes + bio->bi_size) >> SECTOR_SHIFT > BLK_MAX_SECTORS)
		return false;
	if (*sector + (*rq_bytes >> SECTOR_SHIFT) == bio->bi_sector) {		/* back merge */
		(*tailp)->bi_next = bio;
		*tailp = bio;
	} else if (bio->bi_sector + (bio->bi_size >> SECTOR_SHIFT) == *sector) {	/* front merge */
		bio->bi_next = *headp;
		*headp = bio;
		*sector = bio->bi_sector;
	} else {
		return false;
	}
	*rq_bytes += bio->bi_size;
	bdev->stats.merges[op_is_write(op)]++;
	return true;
}

/* blk_mq_sched_try_merge() over the last few waiting requests */
static bool blk_try_merge(struct block_device *bdev, struct bio *bio)
{
	struct list_head *pos = bdev->queue.prev;

	for (int n = 0; n < 8 && pos != &bdev->queue; n++, pos = pos->prev) {
		struct request *rq = list_entry(pos, struct request, queuelist);

		if (bio_merge(bdev, rq->cmd_flags, &rq->sector, &rq->bytes, &rq->bio,
			      &rq->biotail, bio))
			return true;
	}
	return false;
}

/* Synchronous bio-based drivers (pmem, brd): the submitter does the copy. */
static void blk_submit_sync(struct block_device *bdev, struct bio *bio)
{
	struct mmsim *sim = bdev->sim;
	struct request rq = {
		.bdev = bdev, .cmd_flags = bio->bi_opf, .sector = bio->bi_sector,
		.bytes = bio->bi_size, .bio = bio, .biotail = bio, .start_time = sim->now,
	};
	uint64_t t = bdev->ops->service(bdev, &rq, sim->now) - sim->now;

	cpu_charge(sim, t);
	blk_apply(bdev, &rq);
	blk_account_done(bdev, &rq);
	bdev->stats.io_ticks += t;
	bio_endio(bio, 0);
}

/*
 * blk_mq_get_tag(): sleep in D, exclusively (sbitmap_queue wakes waiters
 * one batch at a time, not all of them), until a request is free.
 */
static void blk_mq_wait_tag(struct block_device *bdev)
{
	struct mmsim *sim = bdev->sim;
	struct wait_queue_entry wq_entry;

	init_wait_entry(&wq_entry, sim->current, WQ_FLAG_EXCLUSIVE);
	for (;;) {
		prepare_to_wait_event(&bdev->tag_wait, &wq_entry, TASK_UNINTERRUPTIBLE);
		if (!list_empty(&bdev->free) || bdev->state != BLK_DEV_LIVE)
			break;
		io_schedule_timeout(sim, MAX_SCHEDULE_TIMEOUT);
	}
	finish_wait(&bdev->tag_wait, &wq_entry);
}

/*
 * blk_mq_get_new_requests(): a request (a tag) for @bio, sleeping in D
 * while all are in use (which issues the sleeper's own plugged requests
 * first); the submitter pays cost.io_submit, the doorbell.  NULL if the
 * device died meanwhile (the bio has ended with -EIO).
 */
static struct request *blk_mq_get_request(struct block_device *bdev, struct bio *bio)
{
	struct mmsim *sim = bdev->sim;
	struct request *rq;

	if (sim->current && sim_cost(sim, MMSIM_COST_IO_SUBMIT))
		cpu_charge(sim, sim_cost(sim, MMSIM_COST_IO_SUBMIT));
	if (list_empty(&bdev->free))
		blk_mq_wait_tag(bdev);
	if (bdev->state != BLK_DEV_LIVE) {
		bio_endio(bio, -EIO);
		return NULL;
	}
	rq = list_first_entry(&bdev->free, struct request, queuelist);
	list_del_init(&rq->queuelist);
	rq->cmd_flags = bio->bi_opf;
	rq->sector = bio->bi_sector;
	rq->bytes = bio->bi_size;
	rq->bio = rq->biotail = bio;
	rq->start_time = sim->now;
	rq->status = 0;
	rq->cpu = sim->current ? sim->current->cpu : 0;
	return rq;
}

/* blk_mq_insert_request() + blk_mq_run_hw_queue(): the device takes it when it has room */
static void blk_mq_queue_request(struct block_device *bdev, struct request *rq)
{
	if (bdev->state != BLK_DEV_LIVE) {
		/* it died while the request sat in a plug: as blk_abort_all() ends a queued one */
		rq->status = -EIO;
		blk_mq_end_request(bdev, rq);
		return;
	}
	list_add_tail(&rq->queuelist, &bdev->queue);
	bdev->nr_queued++;
	blk_run_queue(bdev);
}

/*
 * blk_attempt_plug_merge(), against the plug's last request only, then
 * blk_add_rq_to_plug(): a full plug, or one whose last request has grown
 * to BLK_PLUG_FLUSH_SIZE, is issued before it takes the new request
 */
static void blk_add_to_plug(struct blk_plug *plug, struct bio *bio)
{
	struct block_device *bdev = bio->bi_bdev;
	struct request *rq;

	if (plug->nr) {
		struct request *last = plug->rq[plug->nr - 1];

		if (last->bdev == bdev &&
		    bio_merge(bdev, last->cmd_flags, &last->sector, &last->bytes, &last->bio,
			      &last->biotail, bio))
			return;
	}
	rq = blk_mq_get_request(bdev, bio);	/* may sleep, which flushes the plug */
	if (!rq)
		return;
	if (plug->nr && (plug->nr == BLK_MAX_REQUEST_COUNT ||
			 plug->rq[plug->nr - 1]->bytes >= BLK_PLUG_FLUSH_SIZE))
		blk_flush_plug(plug, false);
	plug->rq[plug->nr++] = rq;
}

void blk_flush_plug(struct blk_plug *plug, bool from_schedule)
{
	unsigned int nr = plug->nr;

	(void)from_schedule;	/* the requests hold their tags: issuing never sleeps */
	plug->nr = 0;
	for (unsigned int i = 0; i < nr; i++)
		blk_mq_queue_request(plug->rq[i]->bdev, plug->rq[i]);
}

void blk_start_plug(struct mmsim *sim, struct blk_plug *plug)
{
	struct task_struct *p = sim->current;

	if (p->plug)
		return;
	plug->nr = 0;
	p->plug = plug;
}

void blk_finish_plug(struct mmsim *sim, struct blk_plug *plug)
{
	struct task_struct *p = sim->current;

	if (p->plug != plug)
		return;
	blk_flush_plug(plug, false);
	p->plug = NULL;
}

void submit_bio(struct bio *bio)
{
	struct request *rq;
	struct block_device *bdev = bio->bi_bdev;
	struct mmsim *sim = bdev->sim;
	unsigned int op = bio_op(bio);
	int ret;

	bio->bi_start = sim->now;
	bio->bi_done = false;
	bio->bi_next = NULL;
	if (trace_on(sim, TRACE_BLOCK_BIO_QUEUE))
		trace_block_bio_queue(sim, bdev, bio);
	if (bdev->state != BLK_DEV_LIVE) {
		bio_endio(bio, -EIO);
		return;
	}
	ret = bio_check(bdev, bio);
	if (!ret && bdev->cfg.make_it_fail &&
	    should_fail(&sim->faults[MMSIM_FAULT_FAIL_MAKE_REQUEST], bio->bi_size))
		ret = -EIO;
	if (ret) {
		bdev->stats.errors++;
		bio_endio(bio, ret);
		return;
	}
	/* blk-flush.c: without a volatile cache there is nothing to flush. */
	if (!bdev->write_cache) {
		bio->bi_opf &= ~(REQ_PREFLUSH | REQ_FUA);
		if (op == REQ_OP_FLUSH || (op == REQ_OP_WRITE && !bio->bi_size)) {
			bio_endio(bio, 0);
			return;
		}
	} else if (op == REQ_OP_WRITE && !bio->bi_size && (bio->bi_opf & REQ_PREFLUSH)) {
		/* blkdev_issue_flush(): an empty preflush becomes a flush request */
		bio->bi_opf = REQ_OP_FLUSH;
	}
	if (bdev->ops->synchronous) {
		blk_submit_sync(bdev, bio);
		return;
	}
	if (sim->current && sim->current->plug && (op == REQ_OP_READ || op == REQ_OP_WRITE) &&
	    !(bio->bi_opf & (REQ_PREFLUSH | REQ_FUA))) {
		blk_add_to_plug(sim->current->plug, bio);
		return;
	}
	if (blk_try_merge(bdev, bio))
		return;
	rq = blk_mq_get_request(bdev, bio);
	if (rq)
		blk_mq_queue_request(bdev, rq);
}

static void submit_bio_wait_endio(struct bio *bio)
{
	wake_up(bio->bi_private);
}

int submit_bio_wait(struct bio *bio)
{
	struct wait_queue_head wq;

	init_waitqueue_head(bio->bi_bdev->sim, &wq);
	bio->bi_private = &wq;
	bio->bi_end_io = submit_bio_wait_endio;
	submit_bio(bio);
	io_wait_event_timeout(&wq, bio->bi_done, MAX_SCHEDULE_TIMEOUT);
	return bio->bi_status;
}

int blkdev_issue_flush(struct block_device *bdev)
{
	struct bio bio;

	bio_init(&bio, bdev, REQ_OP_WRITE | REQ_PREFLUSH, 0, 0);
	return submit_bio_wait(&bio);
}

/* ------------------------------------------------------------------ */
/* Checker                                                              */
/* ------------------------------------------------------------------ */

#define BLK_CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "mmsim: block device %s: ", bdev->cfg.name); \
			fprintf(stderr, __VA_ARGS__);			\
			fputc('\n', stderr);				\
			ok = false;					\
		}							\
	} while (0)

bool blk_check_invariants(const struct block_device *bdev)
{
	unsigned int nr_free = 0, nr_queued = 0, nr_in_flight = 0, nr_plugged = 0;
	const struct list_head *pos;
	bool ok = true;

	list_for_each(pos, &bdev->free)
		nr_free++;
	list_for_each(pos, &bdev->queue)
		nr_queued++;
	/* a task stopped inside blk_start_plug() .. blk_finish_plug() holds some */
	list_for_each(pos, &bdev->sim->tasks) {
		const struct task_struct *p = list_entry(pos, struct task_struct, tasks);

		for (unsigned int i = 0; p->plug && i < p->plug->nr; i++)
			nr_plugged += p->plug->rq[i]->bdev == bdev;
	}
	for (unsigned int i = 0; i < bdev->nr_requests; i++) {
		const struct request *rq = &bdev->rqs[i];

		if (rq->in_flight) {
			nr_in_flight++;
			BLK_CHECK(event_pending(&rq->done_ev), "request %u in flight without completion", i);
		}
	}
	BLK_CHECK(nr_queued == bdev->nr_queued, "queue holds %u requests, counter says %u",
		  nr_queued, bdev->nr_queued);
	BLK_CHECK(nr_in_flight == bdev->in_flight, "%u requests in flight, counter says %u",
		  nr_in_flight, bdev->in_flight);
	BLK_CHECK(nr_free + nr_queued + nr_plugged + nr_in_flight == bdev->nr_requests,
		  "requests: %u free + %u queued + %u plugged + %u in flight != %u", nr_free,
		  nr_queued, nr_plugged, nr_in_flight, bdev->nr_requests);
	BLK_CHECK(bdev->in_flight <= bdev->cfg.queue_depth, "%u in flight > queue_depth %u",
		  bdev->in_flight, bdev->cfg.queue_depth);
	BLK_CHECK(bdev->state == BLK_DEV_LIVE || (!bdev->in_flight && !bdev->nr_queued),
		  "I/O left on a dead or powered-off device");
	BLK_CHECK(bdev->write_cache || !bdev->nr_dirty, "dirty blocks without a write cache");
	for (uint64_t i = 0; i < bdev->nr_dirty; i++) {
		uint64_t b = bdev->dirty[i];

		BLK_CHECK(b < bdev->nr_blocks && tagmap_get(&bdev->cache, b),
			  "dirty list entry %llu (block %llu) is not cached",
			  (unsigned long long)i, (unsigned long long)b);
	}
	if (bdev->zones)
		ok = blk_zones_check(bdev) && ok;
	return ok;
}

bool blk_check_all(struct mmsim *sim)
{
	bool ok = true;

	for (unsigned int i = 0; sim->blk && i < sim->blk->nr_devices; i++)
		ok = blk_check_invariants(&sim->blk->devices[i]) && ok;
	return ok;
}

/* ------------------------------------------------------------------ */
/* Public counters                                                      */
/* ------------------------------------------------------------------ */

unsigned int mmsim_nr_devices(const mmsim_t *sim)
{
	return sim->blk ? sim->blk->nr_devices : 0;
}

void mmsim_device_stats(const mmsim_t *sim, unsigned int idx, struct mmsim_device_stats *out)
{
	static const char *const states[] = {
		[BLK_DEV_LIVE] = "live", [BLK_DEV_POWER_OFF] = "power-off",
		[BLK_DEV_DEAD] = "removed",
	};
	const struct block_device *bdev = &sim->blk->devices[idx];
	const struct disk_stats *st = &bdev->stats;

	memset(out, 0, sizeof(*out));
	out->name = bdev->cfg.name;
	out->type = bdev->ops->name;
	out->state = states[bdev->state];
	out->major = bdev->major;
	out->minor = bdev->minor;
	out->reads = st->ios[0];
	out->reads_merged = st->merges[0];
	out->sectors_read = st->sectors[0];
	out->read_ns = st->nsecs[0];
	out->writes = st->ios[1];
	out->writes_merged = st->merges[1];
	out->sectors_written = st->sectors[1];
	out->write_ns = st->nsecs[1];
	out->in_flight = bdev->in_flight;
	out->io_ticks_ns = st->io_ticks + (bdev->in_flight ? sim->now - bdev->busy_since : 0);
	out->time_in_queue_ns = st->time_in_queue;
	out->flushes = st->flush_ios;
	out->flush_ns = st->flush_nsecs;
	out->errors = st->errors;
}
