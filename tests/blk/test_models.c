// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/blk/test_models.c - exact timing of each device model on small cases
 *
 * Every test runs kernel-style task bodies on a 1-CPU machine with every
 * cost 0, so the times asserted follow from the model parameters only; the
 * expected values are derived by hand in the comments.  Each test checks
 * the block layer's invariants (mmsim_check) in .fini.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <errno.h>

#include "block/blk.h"
#include "lib/hist.h"
#include "mmsim/sim.h"
#include "sim/sim.h"
#include "sim/wait.h"

#define US	NSEC_PER_USEC
#define MS	NSEC_PER_MSEC

static struct mmsim *sim;
static struct task_stats stats;

static void setup(void)
{
	struct mmsim_config *cfg = malloc(sizeof(*cfg));

	cr_assert(cfg != NULL);
	mmsim_config_init(cfg);
	cfg->nr_cpus = 1;
	cfg->runtime_ns = 100 * NSEC_PER_SEC;
	for (int i = 0; i < NR_MMSIM_COSTS; i++)
		cfg->cost[i] = 0;
	sim = sim_create(cfg);
	free(cfg);
	cr_assert(sim != NULL);
	memset(&stats, 0, sizeof(stats));
	stats.wakeup_latency = lat_hist_create();
}

static void teardown(void)
{
	cr_assert(mmsim_check(sim), "block layer invariants broken");
	mmsim_free(sim);
	lat_hist_free(stats.wakeup_latency);
}

TestSuite(blk_models, .init = setup, .fini = teardown);

static struct block_device *add_dev(struct mmsim_device_config *cfg, const char *name)
{
	struct block_device *bdev;

	snprintf(cfg->name, sizeof(cfg->name), "%s", name);
	bdev = blk_add_device(sim, cfg);
	cr_assert(bdev != NULL);
	return bdev;
}

static void spawn(void (*fn)(struct task_struct *, void *), void *arg)
{
	struct task_create_args args = { .comm = "t", .fn = fn, .arg = arg, .stats = &stats };

	cr_assert(task_create(sim, &args) != NULL);
}

/* A list of I/Os a task submits one after another, each waited for. */
struct step {
	unsigned int opf;
	uint64_t block;
	unsigned int nr_blocks;
	uint64_t done_at;	/* filled: when submit_bio_wait() returned */
	int ret;
	uint64_t tag;		/* write: tag to store; read: tag returned */
};

struct script {
	struct block_device *bdev;
	struct step *steps;
	unsigned int nr;
};

static void run_script(struct task_struct *p, void *arg)
{
	struct script *s = arg;

	for (unsigned int i = 0; i < s->nr; i++) {
		struct step *st = &s->steps[i];
		struct bio bio;

		bio_init(&bio, s->bdev, st->opf, st->block * BLK_SECTORS_PER_BLOCK,
			 st->nr_blocks * BLK_BLOCK_SIZE);
		bio.bi_tag = st->tag;
		st->ret = submit_bio_wait(&bio);
		st->done_at = p->sim->now;
		if (bio_op(&bio) == REQ_OP_READ)
			st->tag = bio.bi_tag;
	}
}

/*
 * hdd: 6000 rpm (one revolution 10 ms), 1002 tracks of 1000 blocks, seeks
 * 1 ms (one track) to 11 ms (1001 tracks, the full stroke), so a seek of d
 * tracks is 1 + 10 * sqrt((d - 1) / 1000) ms; 4096000 B/s (1 ms per 4K
 * block), 1 us command overhead.  The head starts at block 0.
 */
Test(blk_models, hdd_seek_rotation_transfer)
{
	struct mmsim_device_config cfg = {
		.type = MMSIM_DEV_HDD, .size = 1002ULL * 1000 * 4096, .rpm = 6000,
		.tracks = 1002, .seek_min_ns = 1 * MS, .seek_max_ns = 11 * MS,
		.read_bw = 4096000, .write_bw = 4096000, .read_lat_ns = 1 * US,
		.write_lat_ns = 1 * US,
	};
	struct step steps[] = {
		/* 1 us overhead; seek 1001 tracks = 11 ms, at 11.001 ms the platter is
		 * 1.001 ms into its turn, block 500 of the track passes at 5 ms: wait
		 * 3.999 ms; transfer 1 ms: done at 16 ms. */
		{ .opf = REQ_OP_READ, .block = 1001 * 1000 + 500, .nr_blocks = 1 },
		/* the next block: sequential, no seek, no rotation: 16 + 0.001 + 1 */
		{ .opf = REQ_OP_READ, .block = 1001 * 1000 + 501, .nr_blocks = 1 },
		/* to track 750, block 0 of it: 251 tracks, seek 1 + 10 *
		 * sqrt(250 / 1000) = 6 ms: 17.002 -> 23.002 ms; 3.002 ms into
		 * the turn, block 0 passes at 0: wait 6.998 ms; transfer 1 ms: 31 ms */
		{ .opf = REQ_OP_READ, .block = 750 * 1000, .nr_blocks = 1 },
		/* one track back (seek_min), 2 blocks at position 100 (1 ms into the
		 * turn): 31.001 + 1 = 32.001 ms is 2.001 ms in: wait 8.999 ms to 41 ms,
		 * then 2 ms: 43 ms */
		{ .opf = REQ_OP_READ, .block = 749 * 1000 + 100, .nr_blocks = 2 },
	};
	struct script s = { .steps = steps, .nr = 4 };
	struct mmsim_device_stats ds;

	s.bdev = add_dev(&cfg, "sda");
	cr_assert(eq(u64, hdd_seek_time(&s.bdev->cfg, 0), 0));
	cr_assert(eq(u64, hdd_seek_time(&s.bdev->cfg, 1), 1 * MS));
	cr_assert(eq(u64, hdd_seek_time(&s.bdev->cfg, 251), 6 * MS));
	cr_assert(eq(u64, hdd_seek_time(&s.bdev->cfg, 1001), 11 * MS));
	cr_assert(eq(u64, hdd_seek_time(&s.bdev->cfg, 5000), 11 * MS), "at most a full stroke");
	spawn(run_script, &s);
	mmsim_run(sim);
	cr_assert(eq(u64, steps[0].done_at, 16 * MS));
	cr_assert(eq(u64, steps[1].done_at, 17 * MS + 1 * US));
	cr_assert(eq(u64, steps[2].done_at, 31 * MS));
	cr_assert(eq(u64, steps[3].done_at, 43 * MS));
	/* all of it in state D, counted as iowait */
	cr_assert(eq(u64, stats.iowait_time, 43 * MS));
	mmsim_device_stats(sim, 0, &ds);
	cr_assert(eq(u64, ds.reads, 4));
	cr_assert(eq(u64, ds.sectors_read, 5 * 8));
	cr_assert(eq(u64, ds.read_ns, 43 * MS));
	cr_assert(eq(u64, ds.io_ticks_ns, 43 * MS));
}

/* hdd with its cache: a write is acknowledged after write_lat, no seek. */
Test(blk_models, hdd_cached_write_then_flush)
{
	struct mmsim_device_config cfg = {
		.type = MMSIM_DEV_HDD, .size = 1001ULL * 1000 * 4096, .rpm = 6000,
		.tracks = 1001, .seek_min_ns = 1 * MS, .seek_max_ns = 11 * MS,
		.read_bw = 4096000, .write_bw = 4096000, .read_lat_ns = 1 * US,
		.write_lat_ns = 50 * US, .flush_lat_ns = 2 * MS, .write_cache = true,
	};
	struct step steps[] = {
		{ .opf = REQ_OP_WRITE, .block = 500000, .nr_blocks = 1, .tag = 7 },	/* 50 us */
		{ .opf = REQ_OP_WRITE, .block = 10, .nr_blocks = 2, .tag = 9 },	/* 100 us */
		/* flush: 2 ms + 3 dirty blocks at 1 ms each = 5 ms: 5.1 ms */
		{ .opf = REQ_OP_WRITE | REQ_PREFLUSH, .block = 0, .nr_blocks = 0 },
	};
	struct script s = { .steps = steps, .nr = 3 };

	s.bdev = add_dev(&cfg, "sda");
	spawn(run_script, &s);
	mmsim_run(sim);
	cr_assert(eq(u64, steps[0].done_at, 50 * US));
	cr_assert(eq(u64, steps[1].done_at, 100 * US));
	cr_assert(eq(u64, steps[2].done_at, 5 * MS + 100 * US));
	cr_assert(eq(u64, blk_media_tag(s.bdev, 500000), 7));
	cr_assert(eq(u64, blk_media_tag(s.bdev, 11), 10), "block i of a bio gets tag + i");
}

/* The requests three bios become, submitted at once (no waiting). */
struct burst {
	struct block_device *bdev;
	struct bio bio[4];
	uint64_t done_at[4];
	unsigned int nr;
	unsigned int opf[4];
	uint64_t block[4];
	unsigned int nr_blocks[4];
	struct wait_queue_head wq;
	unsigned int left;
	bool plug;		/* submit under blk_start_plug() */
	bool finish_plug;	/* ... and blk_finish_plug() before waiting */
};

static void burst_endio(struct bio *bio)
{
	struct burst *b = bio->bi_private;

	b->done_at[bio - b->bio] = sim->now;
	b->left--;
	wake_up(&b->wq);
}

static void run_burst(struct task_struct *p, void *arg)
{
	struct burst *b = arg;

	struct blk_plug plug;

	b->left = b->nr;
	if (b->plug)
		blk_start_plug(p->sim, &plug);
	for (unsigned int i = 0; i < b->nr; i++) {
		bio_init(&b->bio[i], b->bdev, b->opf[i], b->block[i] * BLK_SECTORS_PER_BLOCK,
			 b->nr_blocks[i] * BLK_BLOCK_SIZE);
		b->bio[i].bi_tag = 100 + i;
		b->bio[i].bi_end_io = burst_endio;
		b->bio[i].bi_private = b;
		submit_bio(&b->bio[i]);
	}
	if (b->plug && b->finish_plug)
		blk_finish_plug(p->sim, &plug);
	/* a plug still held is issued when the task goes to sleep here */
	io_wait_event_timeout(&b->wq, !b->left, MAX_SCHEDULE_TIMEOUT);
	if (b->plug && !b->finish_plug)
		blk_finish_plug(p->sim, &plug);
}

/*
 * nvme-like flash: 2 channels, 10 us read latency, 4096e6 B/s (1 us per
 * 4K).  Three reads at t=0: #0 on channel 0: 10 us, link 10-11: done 11 us.
 * #1 on channel 1: 10 us, the link is busy until 11: done 12 us.  #2 waits
 * for the first free channel (0, free at 11): 21 us, link free: 22 us.
 */
Test(blk_models, flash_channels_and_link)
{
	struct mmsim_device_config cfg = {
		.type = MMSIM_DEV_NVME, .size = 1ULL << 30, .channels = 2,
		.read_lat_ns = 10 * US, .read_bw = 4096000000ULL,
	};
	struct burst b = { .nr = 3, .opf = { 0, 0, 0 }, .block = { 1, 100, 7 },
			   .nr_blocks = { 1, 1, 1 } };

	b.bdev = add_dev(&cfg, "nvme0n1");
	init_waitqueue_head(sim, &b.wq);
	spawn(run_burst, &b);
	mmsim_run(sim);
	cr_assert(eq(u64, b.done_at[0], 11 * US));
	cr_assert(eq(u64, b.done_at[1], 12 * US));
	cr_assert(eq(u64, b.done_at[2], 22 * US));
}

/*
 * ssd, uncached media write vs cached write: write_lat 50 us, 4096e6 B/s.
 * Uncached (FUA): transfer 1 us then 50 us: 51 us.  Cached: 1 us.
 */
Test(blk_models, ssd_fua_write_pays_media_latency)
{
	struct mmsim_device_config cfg = {
		.type = MMSIM_DEV_SSD, .size = 1ULL << 30, .channels = 1,
		.write_lat_ns = 50 * US, .write_bw = 4096000000ULL, .write_cache = true,
	};
	struct step steps[] = {
		{ .opf = REQ_OP_WRITE | REQ_FUA, .block = 3, .nr_blocks = 1, .tag = 5 },
		{ .opf = REQ_OP_WRITE, .block = 4, .nr_blocks = 1, .tag = 6 },
		{ .opf = REQ_OP_READ, .block = 4, .nr_blocks = 1 },
	};
	struct script s = { .steps = steps, .nr = 3 };

	s.bdev = add_dev(&cfg, "sdb");
	spawn(run_script, &s);
	mmsim_run(sim);
	cr_assert(eq(u64, steps[0].done_at, 51 * US));
	cr_assert(eq(u64, steps[1].done_at, 52 * US));
	cr_assert(eq(u64, blk_media_tag(s.bdev, 3), 5), "FUA: durable");
	cr_assert(eq(u64, blk_media_tag(s.bdev, 4), 0), "cached: not yet durable");
	cr_assert(eq(u64, steps[2].tag, 6), "a read returns the cached data");
	blk_power_cut(s.bdev);
	blk_power_on(s.bdev);
	cr_assert(eq(u64, blk_peek_tag(s.bdev, 4), 0), "the cache is lost with the power");
	cr_assert(eq(u64, blk_peek_tag(s.bdev, 3), 5));
}

/* null_blk: a fixed completion time, any number in parallel. */
Test(blk_models, null_fixed_latency)
{
	struct mmsim_device_config cfg = {
		.type = MMSIM_DEV_NULL, .read_lat_ns = 5 * US, .write_lat_ns = 7 * US,
	};
	struct burst b = { .nr = 3, .opf = { REQ_OP_READ, REQ_OP_WRITE, REQ_OP_READ },
			   .block = { 1, 100, 7 }, .nr_blocks = { 1, 1, 256 } };

	b.bdev = add_dev(&cfg, "nullb0");
	init_waitqueue_head(sim, &b.wq);
	spawn(run_burst, &b);
	mmsim_run(sim);
	cr_assert(eq(u64, b.done_at[0], 5 * US));
	cr_assert(eq(u64, b.done_at[1], 7 * US));
	cr_assert(eq(u64, b.done_at[2], 5 * US), "size does not matter to null_blk");
}

/*
 * usb stick: one command at a time, no cache, write_lat 2 ms, 4096000 B/s.
 * A (block 0) is issued at once: 1 ms transfer + 2 ms = 3 ms.  B (block 10)
 * waits in the queue; C (block 11) merges behind B (a back merge): one 8K
 * request from 3 ms: 2 ms transfer + 2 ms = 7 ms for both.
 */
Test(blk_models, usb_queue_depth_one_and_merge)
{
	struct mmsim_device_config cfg = {
		.type = MMSIM_DEV_USB, .size = 1ULL << 30, .write_lat_ns = 2 * MS,
		.write_bw = 4096000,
	};
	struct burst b = { .nr = 3, .opf = { REQ_OP_WRITE, REQ_OP_WRITE, REQ_OP_WRITE },
			   .block = { 0, 10, 11 }, .nr_blocks = { 1, 1, 1 } };
	struct mmsim_device_stats ds;

	b.bdev = add_dev(&cfg, "sdc");
	cr_assert(eq(u32, b.bdev->cfg.queue_depth, 1));
	init_waitqueue_head(sim, &b.wq);
	spawn(run_burst, &b);
	mmsim_run(sim);
	cr_assert(eq(u64, b.done_at[0], 3 * MS));
	cr_assert(eq(u64, b.done_at[1], 7 * MS));
	cr_assert(eq(u64, b.done_at[2], 7 * MS));
	mmsim_device_stats(sim, 0, &ds);
	cr_assert(eq(u64, ds.writes, 2), "two requests");
	cr_assert(eq(u64, ds.writes_merged, 1));
	cr_assert(eq(u64, ds.sectors_written, 24));
	/* time in queue: A 3 ms, B+C 7 ms (allocated at 0) */
	cr_assert(eq(u64, ds.time_in_queue_ns, 10 * MS));
	cr_assert(eq(u64, blk_media_tag(b.bdev, 11), 102));
}

/* Front merge: C (block 9) in front of the queued B (block 10). */
Test(blk_models, front_merge)
{
	struct mmsim_device_config cfg = {
		.type = MMSIM_DEV_USB, .size = 1ULL << 30, .write_lat_ns = 2 * MS,
		.write_bw = 4096000,
	};
	struct burst b = { .nr = 3, .opf = { REQ_OP_WRITE, REQ_OP_WRITE, REQ_OP_WRITE },
			   .block = { 0, 10, 9 }, .nr_blocks = { 1, 1, 1 } };
	struct mmsim_device_stats ds;

	b.bdev = add_dev(&cfg, "sdc");
	init_waitqueue_head(sim, &b.wq);
	spawn(run_burst, &b);
	mmsim_run(sim);
	cr_assert(eq(u64, b.done_at[2], 7 * MS));
	mmsim_device_stats(sim, 0, &ds);
	cr_assert(eq(u64, ds.writes_merged, 1));
	cr_assert(eq(u64, blk_media_tag(b.bdev, 9), 102));
	cr_assert(eq(u64, blk_media_tag(b.bdev, 10), 101));
}

/* pmem (DAX): no queue, no sleep: 300 ns + 4K at 4096e6 B/s = 1.3 us of CPU. */
Test(blk_models, pmem_is_synchronous_cpu_time)
{
	struct mmsim_device_config cfg = {
		.type = MMSIM_DEV_PMEM, .size = 1ULL << 30, .read_lat_ns = 300,
		.write_lat_ns = 300, .read_bw = 4096000000ULL, .write_bw = 4096000000ULL,
	};
	struct step steps[] = {
		{ .opf = REQ_OP_WRITE, .block = 3, .nr_blocks = 1, .tag = 77 },
		{ .opf = REQ_OP_READ, .block = 3, .nr_blocks = 1 },
	};
	struct script s = { .steps = steps, .nr = 2 };

	s.bdev = add_dev(&cfg, "pmem0");
	spawn(run_script, &s);
	mmsim_run(sim);
	cr_assert(eq(u64, steps[0].done_at, 1300));
	cr_assert(eq(u64, steps[1].done_at, 2600));
	cr_assert(eq(u64, steps[1].tag, 77));
	cr_assert(eq(u64, stats.iowait_time, 0), "DAX never sleeps");
	cr_assert(eq(u64, stats.sum_exec_runtime, 2600));
}

/* ram (brd): synchronous memcpy at 10 GiB/s by default. */
Test(blk_models, ram_default_copy_rate)
{
	struct mmsim_device_config cfg = { .type = MMSIM_DEV_RAM };
	struct step steps[] = {
		{ .opf = REQ_OP_WRITE, .block = 0, .nr_blocks = 256, .tag = 1 },	/* 1 MiB */
	};
	struct script s = { .steps = steps, .nr = 1 };

	s.bdev = add_dev(&cfg, "ram0");
	spawn(run_script, &s);
	mmsim_run(sim);
	/* 2^20 bytes at 10 * 2^30 B/s = 97656.25 ns, rounded up */
	cr_assert(eq(u64, steps[0].done_at, 97657));
	cr_assert(eq(u64, blk_media_tag(s.bdev, 255), 256));
}

/* Bad bios end at once: beyond the device -EIO, misaligned -EINVAL. */
Test(blk_models, bad_bios_fail_at_submission)
{
	struct mmsim_device_config cfg = { .type = MMSIM_DEV_NVME, .size = 1ULL << 20 };
	struct step steps[] = {
		{ .opf = REQ_OP_READ, .block = 255, .nr_blocks = 2 },
		{ .opf = REQ_OP_READ, .block = 256, .nr_blocks = 1 },
	};
	struct script s = { .steps = steps, .nr = 2 };

	s.bdev = add_dev(&cfg, "nvme0n1");
	spawn(run_script, &s);
	mmsim_run(sim);
	cr_assert(eq(int, steps[0].ret, -EIO));
	cr_assert(eq(int, steps[1].ret, -EIO));
	cr_assert(eq(u64, steps[1].done_at, 0));
}

/* A flush on a device without a write cache completes at once (blk-flush.c). */
Test(blk_models, flush_without_cache_is_free)
{
	struct mmsim_device_config cfg = { .type = MMSIM_DEV_SSD, .size = 1ULL << 30 };
	struct step steps[] = {
		{ .opf = REQ_OP_FLUSH, .block = 0, .nr_blocks = 0 },
	};
	struct script s = { .steps = steps, .nr = 1 };
	struct mmsim_device_stats ds;

	s.bdev = add_dev(&cfg, "sdb");
	spawn(run_script, &s);
	mmsim_run(sim);
	cr_assert(eq(u64, steps[0].done_at, 0));
	cr_assert(eq(int, steps[0].ret, 0));
	mmsim_device_stats(sim, 0, &ds);
	cr_assert(eq(u64, ds.flushes, 0));
}

/* The checker notices a corrupted counter. */
Test(blk_models, checker_catches_bad_counter)
{
	struct mmsim_device_config cfg = { .type = MMSIM_DEV_NVME, .size = 1ULL << 30 };
	struct block_device *bdev = add_dev(&cfg, "nvme0n1");

	cr_assert(blk_check_invariants(bdev));
	bdev->in_flight++;
	cr_assert_not(blk_check_invariants(bdev));
	bdev->in_flight--;
}

/*
 * Tag exhaustion: usb, queue_depth 1, so nr_requests = 2.  Four writes to
 * scattered blocks: A is issued (0-3 ms), B waits in the queue, C finds no
 * free request and its submitter sleeps in D (blk_mq_get_tag) until A
 * completes at 3 ms; D waits until B completes at 6 ms.  Issue order A B C
 * D, 3 ms each: 3, 6, 9, 12 ms.  Time in queue: 3 + 6 + (9 - 3) + (12 - 6).
 */
Test(blk_models, submitter_sleeps_for_a_free_request)
{
	struct mmsim_device_config cfg = {
		.type = MMSIM_DEV_USB, .size = 1ULL << 30, .write_lat_ns = 2 * MS,
		.write_bw = 4096000,
	};
	struct burst b = { .nr = 4, .opf = { REQ_OP_WRITE, REQ_OP_WRITE, REQ_OP_WRITE, REQ_OP_WRITE },
			   .block = { 0, 10, 20, 30 }, .nr_blocks = { 1, 1, 1, 1 } };
	struct mmsim_device_stats ds;

	b.bdev = add_dev(&cfg, "sdc");
	cr_assert(eq(u32, b.bdev->nr_requests, 2));
	init_waitqueue_head(sim, &b.wq);
	spawn(run_burst, &b);
	mmsim_run(sim);
	cr_assert(eq(u64, b.done_at[0], 3 * MS));
	cr_assert(eq(u64, b.done_at[1], 6 * MS));
	cr_assert(eq(u64, b.done_at[2], 9 * MS));
	cr_assert(eq(u64, b.done_at[3], 12 * MS));
	mmsim_device_stats(sim, 0, &ds);
	cr_assert(eq(u64, ds.time_in_queue_ns, 21 * MS));
	cr_assert(eq(u64, stats.iowait_time, 12 * MS), "asleep in D throughout");
}

/*
 * Reads of blocks 1, 2, 50 and 3, submitted at once with or without a
 * plug, on the device of flash_channels_and_link (2 channels, 10 us, 1 us
 * per 4K on the link), with cost.io_submit 5 us.
 */
static void read_1_2_50_3(struct burst *b, bool plug, struct mmsim_device_stats *ds)
{
	struct mmsim_device_config cfg = {
		.type = MMSIM_DEV_NVME, .size = 1ULL << 30, .channels = 2,
		.read_lat_ns = 10 * US, .read_bw = 4096000000ULL,
	};

	*b = (struct burst){ .nr = 4, .block = { 1, 2, 50, 3 }, .nr_blocks = { 1, 1, 1, 1 },
			     .plug = plug, .finish_plug = true };
	sim->cost[MMSIM_COST_IO_SUBMIT] = 5 * US;
	b->bdev = add_dev(&cfg, "nvme0n1");
	init_waitqueue_head(sim, &b->wq);
	spawn(run_burst, b);
	mmsim_run(sim);
	mmsim_device_stats(sim, 0, ds);
}

/*
 * A plug: bios 1, 2 (back merge with the plug's last request), 50 (a
 * request of its own), 3 (adjacent to the first request, but the plug
 * tries its last one only: a third request) become three requests, issued
 * together at blk_finish_plug().  [1,2]: channel 0, 10 us, link 10-12;
 * [50]: channel 1, 10 us, link 12-13; [3]: channel 0 (free at 12), 22 us,
 * link 22-23.  cost.io_submit is paid per request: 15 us of CPU, before
 * the device sees any of them.
 */
Test(blk_models, plug_merges_with_its_last_request)
{
	struct burst b;
	struct mmsim_device_stats ds;

	read_1_2_50_3(&b, true, &ds);
	cr_assert(eq(u64, stats.sum_exec_runtime, 15 * US), "three doorbells");
	cr_assert(eq(u64, b.done_at[0], 15 * US + 12 * US));
	cr_assert(eq(u64, b.done_at[1], 15 * US + 12 * US), "one request with bio 0");
	cr_assert(eq(u64, b.done_at[2], 15 * US + 13 * US));
	cr_assert(eq(u64, b.done_at[3], 15 * US + 23 * US));
	cr_assert(eq(u64, ds.reads, 3));
	cr_assert(eq(u64, ds.reads_merged, 1));
	cr_assert(eq(u64, ds.sectors_read, 4 * 8));
}

/*
 * Without a plug the same bios go to the idle device one by one: four
 * requests, four doorbells (20 us of CPU), none merged.
 */
Test(blk_models, unplugged_bios_are_requests_of_their_own)
{
	struct burst b;
	struct mmsim_device_stats ds;

	read_1_2_50_3(&b, false, &ds);
	cr_assert(eq(u64, stats.sum_exec_runtime, 20 * US));
	cr_assert(eq(u64, ds.reads, 4));
	cr_assert(eq(u64, ds.reads_merged, 0));
}

/*
 * A plugged submitter that must sleep for a request issues its plug first
 * (sched_submit_work()), or it would wait for tags its own plug holds: the
 * usb stick of submitter_sleeps_for_a_free_request (2 requests, one command
 * at a time, 3 ms a write) gives the same times with the plug as without.
 * The last request is issued when the task sleeps for the completions.
 */
Test(blk_models, plugged_submitter_sleeping_for_a_tag_issues_its_plug)
{
	struct mmsim_device_config cfg = {
		.type = MMSIM_DEV_USB, .size = 1ULL << 30, .write_lat_ns = 2 * MS,
		.write_bw = 4096000,
	};
	struct burst b = { .nr = 4, .opf = { REQ_OP_WRITE, REQ_OP_WRITE, REQ_OP_WRITE, REQ_OP_WRITE },
			   .block = { 0, 10, 20, 30 }, .nr_blocks = { 1, 1, 1, 1 }, .plug = true };

	b.bdev = add_dev(&cfg, "sdc");
	init_waitqueue_head(sim, &b.wq);
	spawn(run_burst, &b);
	mmsim_run(sim);
	cr_assert(eq(u64, b.done_at[0], 3 * MS));
	cr_assert(eq(u64, b.done_at[1], 6 * MS));
	cr_assert(eq(u64, b.done_at[2], 9 * MS));
	cr_assert(eq(u64, b.done_at[3], 12 * MS));
}

/* Many reads, one at a time, to a null device with lat_jitter. */
static uint64_t jittered_reads(uint64_t seed, uint64_t *first, uint64_t *second)
{
	struct mmsim_device_config cfg = {
		.type = MMSIM_DEV_NULL, .read_lat_ns = 5 * US,
		.lat_jitter = { .kind = MMSIM_DIST_EXPONENTIAL, .a = 10 * US },
	};
	static struct step steps[1000];
	struct script s = { .steps = steps, .nr = 1000 };

	sim->cfg.seed = seed;
	memset(steps, 0, sizeof(steps));
	for (unsigned int i = 0; i < s.nr; i++)
		steps[i] = (struct step){ .opf = REQ_OP_READ, .block = i, .nr_blocks = 1 };
	s.bdev = add_dev(&cfg, "nullb0");
	spawn(run_script, &s);
	mmsim_run(sim);
	*first = steps[0].done_at;
	*second = steps[1].done_at - steps[0].done_at;
	return steps[999].done_at;
}

/*
 * lat_jitter=exp:10us on a 5 us null device: 1000 reads in a row take
 * 5 ms plus 1000 draws of mean 10 us, 15 ms within the spread of a sum of
 * exponentials (sd 0.32 ms); the draws come from the run's seed.
 */
Test(blk_models, lat_jitter_adds_a_random_delay_per_completion)
{
	uint64_t first, second, total = jittered_reads(1, &first, &second);

	cr_assert(gt(u64, total, 14 * MS));
	cr_assert(lt(u64, total, 16 * MS));
	cr_assert(ne(u64, first, second), "each completion draws its own delay");
	cr_assert(ge(u64, first, 5 * US));
}
