/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * block/blk-verify.h - the storage test suite (tests/blk and `mmsim check`)
 */
#ifndef MMSIM_BLOCK_BLK_VERIFY_H
#define MMSIM_BLOCK_BLK_VERIFY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "mmsim/config.h"

/**
 * struct blk_verify_result - outcome of a power-cut sweep
 * @runs: power cuts tried (one per seed)
 * @failed_runs: runs where acknowledged-durable data was missing or wrong
 * @violations: blocks found wrong, over all runs
 * @writes_acked: writes acknowledged before the cuts, over all runs
 * @flushes: flushes completed before the cuts
 * @hung_runs: runs whose writer did not finish (should be 0)
 * @checker_failures: runs after which mmsim_check() failed
 */
struct blk_verify_result {
	unsigned int runs;
	unsigned int failed_runs;
	uint64_t violations;
	uint64_t writes_acked;
	uint64_t flushes;
	unsigned int hung_runs;
	unsigned int checker_failures;
};

/** blk_verify_device_config - the device a check uses: defaults, write cache on */
void blk_verify_device_config(enum mmsim_dev_type type, struct mmsim_device_config *cfg);

/**
 * blk_verify_flush - flush verification with a power-cut seed sweep
 * @type: device model (one with a write cache: hdd, ssd, nvme, usb)
 * @broken_flush: run the broken device mode (FLUSH acknowledged, not persisted)
 * @nr_seeds: seeds 1..@nr_seeds, each a run with its own cut point
 * @res: filled
 *
 * Return: 0 or -ENOMEM.
 */
int blk_verify_flush(enum mmsim_dev_type type, bool broken_flush, unsigned int nr_seeds,
		     struct blk_verify_result *res);

/**
 * blk_verify_zoned - the zoned rules, step by step
 * @err: where to describe a failed step, or NULL
 *
 * Return: true if every step returned what a zoned device returns.
 */
bool blk_verify_zoned(FILE *err);

/**
 * blk_verify_unplug - hot-unplug under load
 * @err: where to describe a failure, or NULL
 *
 * Return: true if in-flight I/O ended with -EIO, a later submission failed
 * at once with -EIO, and the run ended with no task left.
 */
bool blk_verify_unplug(FILE *err);

/**
 * blk_check_suite - everything above, one line per check on @out
 * @out: report
 * @nr_seeds: power cuts per device model and mode
 *
 * Return: the number of failed checks (0 = all pass), or -ENOMEM.
 */
int blk_check_suite(FILE *out, unsigned int nr_seeds);

#endif /* MMSIM_BLOCK_BLK_VERIFY_H */
