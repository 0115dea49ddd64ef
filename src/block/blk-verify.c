// SPDX-License-Identifier: GPL-2.0-only
/*
 * block/blk-verify.c - the storage test suite: flush verification, zones, unplug
 *
 * The method Jens Axboe describes for fio's verify with power cuts: write
 * tagged blocks with periodic FLUSH and some FUA writes, cut the power at
 * a deterministic point, restart, and check that every write acknowledged
 * before a completed FLUSH, and every acknowledged FUA write, is on the
 * media; the media may hold a newer write than that (it was destaged
 * early), never an older one, and never a tag that was not written to that
 * block.  Each check builds its own simulation (one CPU, every cost 0), so
 * `mmsim check` and tests/blk run the same code.  The sweep varies the
 * seed, which moves the power cut and the write pattern: odd seeds cut
 * after 1..N completed requests (between requests), even seeds at a
 * random virtual time within the uncut run's length (also in the middle
 * of a write or a flush).  It runs against correct devices and against
 * broken_flush devices, which the checker must catch.
 */
#include "block/blk-verify.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "block/blk.h"
#include "lib/compiler.h"
#include "lib/hist.h"
#include "mmsim/sim.h"
#include "sim/rng.h"
#include "sim/sim.h"
#include "sim/wait.h"

#define VERIFY_BLOCKS	64		/* region written, in 4K blocks */
#define VERIFY_WRITES	400		/* writes per run (the cut comes first) */

struct verify_run {
	struct block_device *bdev;
	struct rng rng;
	uint64_t acked[VERIFY_BLOCKS];	/* last acknowledged tag per block */
	uint64_t durable[VERIFY_BLOCKS];	/* tag that must have survived */
	uint64_t submitted[VERIFY_BLOCKS];	/* last submitted tag per block */
	uint64_t nr_acked, nr_flushes;
	unsigned int flush_every;
};

/* Tags encode their block, so a tag found in the wrong block is caught. */
static uint64_t verify_tag(uint64_t seq, unsigned int block)
{
	return seq * VERIFY_BLOCKS + block + 1;
}

static void verify_writer(struct task_struct *p, void *arg)
{
	struct verify_run *v = arg;
	struct block_device *bdev = v->bdev;

	(void)p;
	for (uint64_t seq = 1; seq <= VERIFY_WRITES; seq++) {
		unsigned int b = (unsigned int)rng_below(&v->rng, VERIFY_BLOCKS);
		bool fua = rng_below(&v->rng, 10) == 0;
		struct bio bio;

		bio_init(&bio, bdev, REQ_OP_WRITE | REQ_SYNC | (fua ? REQ_FUA : 0),
			 (uint64_t)b * BLK_SECTORS_PER_BLOCK, BLK_BLOCK_SIZE);
		bio.bi_tag = verify_tag(seq, b);
		v->submitted[b] = bio.bi_tag;
		if (submit_bio_wait(&bio))
			return;		/* the power is gone */
		v->acked[b] = bio.bi_tag;
		v->nr_acked++;
		if (fua)
			v->durable[b] = bio.bi_tag;
		if (seq % v->flush_every == 0) {
			uint64_t snap[VERIFY_BLOCKS];

			/* what was acknowledged when the flush was issued */
			memcpy(snap, v->acked, sizeof(snap));
			if (blkdev_issue_flush(bdev))
				return;
			v->nr_flushes++;
			for (unsigned int i = 0; i < VERIFY_BLOCKS; i++)
				if (snap[i] > v->durable[i])
					v->durable[i] = snap[i];
		}
	}
}

/* After the restart: count blocks that break the durability promise. */
static uint64_t verify_check(const struct verify_run *v)
{
	uint64_t bad = 0;

	for (unsigned int b = 0; b < VERIFY_BLOCKS; b++) {
		uint64_t t = blk_media_tag(v->bdev, b);

		if (t < v->durable[b] || t > v->submitted[b] ||
		    (t && (t - 1) % VERIFY_BLOCKS != b))
			bad++;
	}
	return bad;
}

static struct mmsim *verify_sim(uint64_t seed)
{
	struct mmsim_config *cfg = malloc(sizeof(*cfg));
	struct mmsim *sim;

	if (!cfg)
		return NULL;
	mmsim_config_init(cfg);
	cfg->seed = seed;
	cfg->nr_cpus = 1;
	cfg->runtime_ns = 1000 * NSEC_PER_SEC;
	for (int i = 0; i < NR_MMSIM_COSTS; i++)
		cfg->cost[i] = 0;
	sim = sim_create(cfg);
	free(cfg);
	return sim;
}

void blk_verify_device_config(enum mmsim_dev_type type, struct mmsim_device_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	snprintf(cfg->name, sizeof(cfg->name), "%s0", blk_dev_type_name(type));
	cfg->type = type;
	cfg->write_cache = true;
	if (type == MMSIM_DEV_HDD)
		cfg->size = 1ULL << 30;		/* small, so seeks are short */
}

/* One run of the writer; with @cut_at == 0 and @cut_after == 0, no cut. */
static int verify_one(enum mmsim_dev_type type, bool broken_flush, uint64_t seed,
		      uint64_t cut_at, uint64_t cut_after, struct verify_run *v,
		      uint64_t *end, struct blk_verify_result *res)
{
	struct mmsim_device_config dcfg;
	struct task_stats stats = { 0 };
	struct mmsim *sim = verify_sim(seed);
	struct task_create_args args = {
		.comm = "verify", .fn = verify_writer, .arg = v, .stats = &stats,
	};
	int ret = -ENOMEM;

	stats.wakeup_latency = lat_hist_create();
	if (!sim || !stats.wakeup_latency)
		goto out;
	blk_verify_device_config(type, &dcfg);
	dcfg.broken_flush = broken_flush;
	dcfg.power_cut_at_ns = cut_at;
	dcfg.power_cut_after = cut_after;
	v->bdev = blk_add_device(sim, &dcfg);
	if (!v->bdev || !task_create(sim, &args))
		goto out;
	mmsim_run(sim);
	*end = sim->now;
	if (res) {
		uint64_t bad;

		if (!mmsim_check(sim))
			res->checker_failures++;
		blk_power_on(v->bdev);
		bad = verify_check(v);
		res->runs++;
		res->writes_acked += v->nr_acked;
		res->flushes += v->nr_flushes;
		res->violations += bad;
		res->failed_runs += bad != 0;
		if (v->bdev->state != BLK_DEV_LIVE || sim->nr_user_tasks)
			res->hung_runs++;
	}
	ret = 0;
out:
	mmsim_free(sim);
	lat_hist_free(stats.wakeup_latency);
	return ret;
}

/* A fresh writer state for @seed: the same writes every time. */
static void verify_run_init(struct verify_run *v, uint64_t seed)
{
	memset(v, 0, sizeof(*v));
	rng_init(&v->rng, seed, 0xb10c);
	v->flush_every = 2 + (unsigned int)rng_below(&v->rng, 15);
}

int blk_verify_flush(enum mmsim_dev_type type, bool broken_flush, unsigned int nr_seeds,
		     struct blk_verify_result *res)
{
	struct verify_run *v = malloc(sizeof(*v));
	int ret = 0;

	memset(res, 0, sizeof(*res));
	if (!v)
		return -ENOMEM;
	for (unsigned int seed = 1; seed <= nr_seeds && !ret; seed++) {
		struct rng cut;
		uint64_t end;

		rng_init(&cut, seed, 0xc07);
		verify_run_init(v, seed);
		if (seed % 2) {
			/* between requests: after 1..VERIFY_WRITES completions */
			ret = verify_one(type, broken_flush, seed, 0,
					 1 + rng_below(&cut, VERIFY_WRITES), v, &end, res);
			continue;
		}
		/* at any instant of the uncut run, mid-request included */
		ret = verify_one(type, broken_flush, seed, 0, 0, v, &end, NULL);
		if (ret)
			break;
		verify_run_init(v, seed);
		ret = verify_one(type, broken_flush, seed, 1 + rng_below(&cut, end), 0, v,
				 &end, res);
	}
	free(v);
	return ret;
}

/* ---- zoned rules ---- */

struct zoned_run {
	struct block_device *bdev;
	int ret[16];
	uint64_t wp_after_reset;
};

static int zone_write(struct block_device *bdev, uint64_t block, unsigned int nr_blocks)
{
	struct bio bio;

	bio_init(&bio, bdev, REQ_OP_WRITE, block * BLK_SECTORS_PER_BLOCK,
		 nr_blocks << BLK_BLOCK_SHIFT);
	bio.bi_tag = block + 1;
	return submit_bio_wait(&bio);
}

static int zone_op(struct block_device *bdev, unsigned int op, uint64_t block)
{
	struct bio bio;

	bio_init(&bio, bdev, op, block * BLK_SECTORS_PER_BLOCK, 0);
	return submit_bio_wait(&bio);
}

static void zoned_body(struct task_struct *p, void *arg)
{
	struct zoned_run *z = arg;
	struct block_device *bdev = z->bdev;
	uint64_t len = bdev->zones[0].len;	/* blocks per zone */

	(void)p;
	z->ret[0] = zone_write(bdev, 0, 1);		/* at the wp: ok */
	z->ret[1] = zone_write(bdev, 1, 2);		/* at the wp: ok */
	z->ret[2] = zone_write(bdev, 5, 1);		/* beyond the wp: -EIO */
	z->ret[3] = zone_write(bdev, 0, 1);		/* behind the wp: -EIO */
	z->ret[4] = zone_op(bdev, REQ_OP_ZONE_RESET, 0);
	z->wp_after_reset = bdev->zones[0].wp;
	z->ret[5] = zone_write(bdev, 0, 1);		/* after reset: ok */
	z->ret[6] = zone_op(bdev, REQ_OP_ZONE_FINISH, 0);
	z->ret[7] = zone_write(bdev, 1, 1);		/* full zone: -EIO */
	z->ret[8] = zone_write(bdev, len - 1, 1);	/* still full: -EIO */
	z->ret[9] = zone_write(bdev, len, (unsigned int)len);	/* whole zone 1: ok */
	z->ret[10] = zone_write(bdev, 2 * len - 1, 1);	/* zone 1 full: -EIO */
	z->ret[11] = zone_write(bdev, 2 * len + len - 1, 2); /* crosses a zone end: -EIO */
	/* open-zone limit: explicitly open max_open_zones zones, then one more */
	for (unsigned int i = 0; i < bdev->cfg.max_open_zones; i++)
		zone_op(bdev, REQ_OP_ZONE_OPEN, (uint64_t)(4 + i) * len);
	z->ret[12] = zone_write(bdev, 3 * len, 1);	/* would open one more */
	z->ret[13] = zone_op(bdev, REQ_OP_ZONE_CLOSE, 4 * len);
	z->ret[14] = zone_write(bdev, 3 * len, 1);	/* room again: ok */
}

static const int zoned_expect[15] = {
	0, 0, -EIO, -EIO, 0, 0, 0, -EIO, -EIO, 0, -EIO, -EIO, -ETOOMANYREFS, 0, 0,
};

bool blk_verify_zoned(FILE *err)
{
	struct mmsim *sim = verify_sim(1);
	struct mmsim_device_config dcfg;
	struct task_stats stats = { 0 };
	struct zoned_run z = { 0 };
	struct task_create_args args = {
		.comm = "zoned", .fn = zoned_body, .arg = &z, .stats = &stats,
	};
	bool ok = true;

	stats.wakeup_latency = lat_hist_create();
	MM_BUG_ON(!sim || !stats.wakeup_latency);
	blk_verify_device_config(MMSIM_DEV_ZONED, &dcfg);
	dcfg.size = 64ULL << 20;
	dcfg.zone_size = 1ULL << 20;	/* 256 blocks per zone, 64 zones */
	dcfg.max_open_zones = 4;
	z.bdev = blk_add_device(sim, &dcfg);
	MM_BUG_ON(!z.bdev || !task_create(sim, &args));
	mmsim_run(sim);
	for (unsigned int i = 0; i < ARRAY_SIZE(zoned_expect); i++) {
		if (z.ret[i] != zoned_expect[i]) {
			if (err)
				fprintf(err, "zoned step %u: returned %d, expected %d\n", i,
					z.ret[i], zoned_expect[i]);
			ok = false;
		}
	}
	if (z.wp_after_reset != 0) {
		if (err)
			fprintf(err, "zoned: reset left the write pointer at %llu\n",
				(unsigned long long)z.wp_after_reset);
		ok = false;
	}
	ok = mmsim_check(sim) && ok;
	mmsim_free(sim);
	lat_hist_free(stats.wakeup_latency);
	return ok;
}

/* ---- hot-unplug ---- */

struct unplug_run {
	struct block_device *bdev;
	struct wait_queue_head wq;
	unsigned int inflight;
	uint64_t ok_before, eio_in_flight, eio_after, other;
	uint64_t unplug_time, after_submit_time, after_done_time;
};

static void unplug_endio(struct bio *bio)
{
	struct unplug_run *u = bio->bi_private;

	if (!bio->bi_status)
		u->ok_before++;
	else if (bio->bi_status == -EIO)
		u->eio_in_flight++;
	else
		u->other++;
	u->inflight--;
	free(bio);
	wake_up(&u->wq);
}

static void unplug_body(struct task_struct *p, void *arg)
{
	struct unplug_run *u = arg;
	struct mmsim *sim = p->sim;
	uint64_t n = 0;
	struct bio bio;

	/* 8 reads in flight until the device goes away */
	while (u->bdev->state == BLK_DEV_LIVE) {
		while (u->inflight < 8) {
			struct bio *b = malloc(sizeof(*b));

			MM_BUG_ON(!b);
			bio_init(b, u->bdev, REQ_OP_READ, (n++ % 1024) * BLK_SECTORS_PER_BLOCK,
				 BLK_BLOCK_SIZE);
			b->bi_end_io = unplug_endio;
			b->bi_private = u;
			u->inflight++;
			submit_bio(b);
		}
		io_wait_event_timeout(&u->wq, u->inflight < 8, MAX_SCHEDULE_TIMEOUT);
	}
	io_wait_event_timeout(&u->wq, u->inflight == 0, MAX_SCHEDULE_TIMEOUT);
	/* a later submission fails at once */
	u->after_submit_time = sim->now;
	bio_init(&bio, u->bdev, REQ_OP_READ, 0, BLK_BLOCK_SIZE);
	if (submit_bio_wait(&bio) == -EIO)
		u->eio_after++;
	u->after_done_time = sim->now;
}

bool blk_verify_unplug(FILE *err)
{
	struct mmsim *sim = verify_sim(1);
	struct mmsim_device_config dcfg;
	struct task_stats stats = { 0 };
	struct unplug_run u = { 0 };
	struct task_create_args args = {
		.comm = "unplug", .fn = unplug_body, .arg = &u, .stats = &stats,
	};
	bool ok;

	stats.wakeup_latency = lat_hist_create();
	MM_BUG_ON(!sim || !stats.wakeup_latency);
	blk_verify_device_config(MMSIM_DEV_NVME, &dcfg);
	dcfg.unplug_at_ns = 1 * NSEC_PER_MSEC + 12345;
	u.bdev = blk_add_device(sim, &dcfg);
	init_waitqueue_head(sim, &u.wq);
	MM_BUG_ON(!u.bdev || !task_create(sim, &args));
	mmsim_run(sim);
	ok = u.ok_before > 0 && u.eio_in_flight == 8 && u.eio_after == 1 && !u.other &&
	     u.after_done_time == u.after_submit_time && sim->nr_user_tasks == 0 &&
	     sim->now < sim->end_time && u.bdev->in_flight == 0;
	if (!ok && err)
		fprintf(err, "unplug: %llu ok, %llu -EIO in flight (want 8), %llu -EIO after "
			"(want 1), %llu other, late submission took %llu ns, %u tasks left\n",
			(unsigned long long)u.ok_before, (unsigned long long)u.eio_in_flight,
			(unsigned long long)u.eio_after, (unsigned long long)u.other,
			(unsigned long long)(u.after_done_time - u.after_submit_time),
			sim->nr_user_tasks);
	ok = mmsim_check(sim) && ok;
	mmsim_free(sim);
	lat_hist_free(stats.wakeup_latency);
	return ok;
}

/* ---- the whole suite ---- */

static const enum mmsim_dev_type cached_types[] = {
	MMSIM_DEV_HDD, MMSIM_DEV_SSD, MMSIM_DEV_NVME, MMSIM_DEV_USB,
};

int blk_check_suite(FILE *out, unsigned int nr_seeds)
{
	int failures = 0;

	for (size_t i = 0; i < ARRAY_SIZE(cached_types); i++) {
		for (int broken = 0; broken <= 1; broken++) {
			struct blk_verify_result r;
			bool pass;

			if (blk_verify_flush(cached_types[i], broken, nr_seeds, &r))
				return -ENOMEM;
			/* a correct device never fails; a broken one must be caught */
			pass = broken ? r.failed_runs > 0 : !r.failed_runs;
			pass = pass && !r.hung_runs && !r.checker_failures;
			fprintf(out, "%-4s flush-verify %-5s %-6s %3u power cuts, %6llu writes acked, "
				"%5llu flushes, %3u runs lost acknowledged data%s\n",
				pass ? "ok" : "FAIL", blk_dev_type_name(cached_types[i]),
				broken ? "broken" : "", r.runs, (unsigned long long)r.writes_acked,
				(unsigned long long)r.flushes, r.failed_runs,
				broken ? " (must be > 0)" : "");
			failures += !pass;
		}
	}
	if (blk_verify_zoned(out)) {
		fprintf(out, "ok   zoned rules: writes at the write pointer only, reset, full zones, open limit\n");
	} else {
		fprintf(out, "FAIL zoned rules\n");
		failures++;
	}
	if (blk_verify_unplug(out)) {
		fprintf(out, "ok   hot-unplug: in-flight I/O ends with -EIO, later I/O fails at once, no hang\n");
	} else {
		fprintf(out, "FAIL hot-unplug\n");
		failures++;
	}
	return failures;
}

int mmsim_storage_check(FILE *out, unsigned int nr_seeds)
{
	return blk_check_suite(out, nr_seeds);
}
