// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/blk/test_suite.c - the storage test suite and the io job kind
 *
 * Flush verification with a power-cut seed sweep on every model with a
 * write cache, and proof that it catches a device that acknowledges FLUSH
 * without persisting; the zoned rules; hot-unplug; fail_make_request;
 * fio-like jobs whose IOPS and bandwidth agree with the model parameters;
 * the block tracepoints; the [device.NAME] keys.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <errno.h>

#include "../unit/helpers.h"
#include "block/blk-verify.h"
#include "mmsim/sim.h"

/* ---- flush verification ---- */

struct flush_case {
	enum mmsim_dev_type type;
};

ParameterizedTestParameters(blk_suite, flush_verify_sweep)
{
	static struct flush_case cases[] = {
		{ MMSIM_DEV_HDD }, { MMSIM_DEV_SSD }, { MMSIM_DEV_NVME }, { MMSIM_DEV_USB },
	};

	return cr_make_param_array(struct flush_case, cases, sizeof(cases) / sizeof(cases[0]));
}

/* 200 power cuts per model: nothing acknowledged as durable is ever lost. */
ParameterizedTest(struct flush_case *c, blk_suite, flush_verify_sweep)
{
	struct blk_verify_result r;

	cr_assert(eq(int, blk_verify_flush(c->type, false, 200, &r), 0));
	cr_assert(eq(u32, r.runs, 200));
	cr_assert(eq(u32, r.failed_runs, 0), "%u runs lost data", r.failed_runs);
	cr_assert(eq(u32, r.hung_runs, 0));
	cr_assert(eq(u32, r.checker_failures, 0));
	cr_assert(gt(u64, r.flushes, 1000), "the sweep must flush");
	cr_assert(gt(u64, r.writes_acked, 10000));
}

ParameterizedTestParameters(blk_suite, flush_verify_catches_broken_flush)
{
	static struct flush_case cases[] = {
		{ MMSIM_DEV_HDD }, { MMSIM_DEV_SSD }, { MMSIM_DEV_NVME }, { MMSIM_DEV_USB },
	};

	return cr_make_param_array(struct flush_case, cases, sizeof(cases) / sizeof(cases[0]));
}

/* The same sweep on a device that acknowledges FLUSH without persisting. */
ParameterizedTest(struct flush_case *c, blk_suite, flush_verify_catches_broken_flush)
{
	struct blk_verify_result r;

	cr_assert(eq(int, blk_verify_flush(c->type, true, 200, &r), 0));
	/* every run whose cut comes after the first completed flush loses data */
	cr_assert(gt(u32, r.failed_runs, 180), "only %u of 200 runs caught", r.failed_runs);
	cr_assert(gt(u64, r.violations, r.failed_runs));
	cr_assert(eq(u32, r.hung_runs, 0));
}

Test(blk_suite, zoned_rules)
{
	cr_assert(blk_verify_zoned(stderr));
}

Test(blk_suite, hot_unplug_fails_in_flight_and_later_io)
{
	cr_assert(blk_verify_unplug(stderr));
}

Test(blk_suite, check_command_suite_passes)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	cr_assert(f != NULL);
	cr_assert(eq(int, mmsim_storage_check(f, 20), 0));
	fclose(f);
	cr_assert(eq(u32, count_lines(buf, "ok "), 10), "%s", buf);
	cr_assert(eq(u32, count_lines(buf, "FAIL"), 0), "%s", buf);
	free(buf);
}

/* ---- the io job kind against the model parameters ---- */

static struct mmsim_job_stats io_job_costs(const char *ini, struct mmsim_device_stats *ds,
					  int zero_costs)
{
	mmsim_t *sim = test_run(ini, zero_costs, NULL, NULL);
	struct mmsim_job_stats js;

	mmsim_job_stats(sim, 0, &js);
	if (ds)
		mmsim_device_stats(sim, 0, ds);
	mmsim_free(sim);
	return js;
}

/* With the default CPU costs: the submitter's work is part of the result. */
static struct mmsim_job_stats io_job(const char *ini, struct mmsim_device_stats *ds)
{
	return io_job_costs(ini, ds, 0);
}

static double iops_of(const struct mmsim_job_stats *js)
{
	return (double)(js->io_reads + js->io_writes) * 1e9 / (double)js->io_elapsed_ns;
}

static double bw_of(const struct mmsim_job_stats *js)
{
	return (double)(js->io_read_bytes + js->io_write_bytes) * 1e9 / (double)js->io_elapsed_ns;
}

#define cr_assert_within(val, want, pct)					\
	do {									\
		double v_ = (val), w_ = (want);					\
		bool in_ = v_ >= w_ * (1 - (pct) / 100.0) &&			\
			   v_ <= w_ * (1 + (pct) / 100.0);			\
									\
		cr_assert(in_, "%s = %.0f, expected %.0f within %d%%", #val, v_,	\
			  w_, (int)(pct));					\
	} while (0)

/*
 * nvme 4K randread at iodepth 32: 32 commands in parallel (64 channels),
 * each 70 us + 4096 B / 3500 MB/s = 71.17 us: 32 / 71.17 us = 449.6 K IOPS.
 */
Test(blk_suite, nvme_randread_qd32_reaches_configured_iops)
{
	struct mmsim_job_stats js = io_job(
		"[global]\nruntime=100ms\n[device.nv]\ntype=nvme\n"
		"[fio]\nkind=io\ndevice=nv\nrw=randread\nbs=4K\niodepth=32\n", NULL);
	double want = 32 / ((70000 + 4096 / 3.5) * 1e-9);

	cr_assert_within(iops_of(&js), want, 5);
	cr_assert(eq(u64, js.errors, 0));
	cr_assert(gt(u64, js.clat_p50_ns, 71000));
}

/* ssd 4K randread at iodepth 32: 8 channels: 8 / (80 us + 4096 / 550 MB/s) = 91.5 K. */
Test(blk_suite, ssd_randread_limited_by_channels)
{
	struct mmsim_job_stats js = io_job(
		"[global]\nruntime=200ms\n[device.sd]\ntype=ssd\n"
		"[fio]\nkind=io\ndevice=sd\nrw=randread\niodepth=32\n", NULL);
	double want = 8 / ((80000 + 4096 / 0.55) * 1e-9);

	cr_assert_within(iops_of(&js), want, 5);
}

/* nvme 128K sequential reads at depth 32: the link's 3500 MB/s is the limit. */
Test(blk_suite, nvme_seqread_reaches_bandwidth)
{
	struct mmsim_job_stats js = io_job(
		"[global]\nruntime=100ms\n[device.nv]\ntype=nvme\n"
		"[fio]\nkind=io\ndevice=nv\nrw=read\nbs=128K\niodepth=32\n", NULL);

	cr_assert_within(bw_of(&js), 3500e6, 5);
}

/* hdd sequential 128K reads, depth 1: each 50 us + 131072 B / 160 MB/s = 869.2 us. */
Test(blk_suite, hdd_sequential_read_near_media_rate)
{
	struct mmsim_job_stats js = io_job(
		"[global]\nruntime=1s\n[device.hd]\ntype=hdd\n"
		"[fio]\nkind=io\ndevice=hd\nrw=read\nbs=128K\n", NULL);

	cr_assert_within(bw_of(&js), 131072 / ((50000 + 131072 / 0.16) * 1e-9), 5);
}

/*
 * hdd 4K random reads over the whole disk, depth 1: an average seek of
 * 1 + 15 * E[sqrt(U)] with U the distance fraction (E = 8/15 for the
 * difference of two uniform points) = 9 ms, half a turn at 7200 rpm =
 * 4.17 ms, 25.6 us of transfer and 50 us of overhead: 13.24 ms, 75.5 IOPS.
 */
Test(blk_suite, hdd_random_read_seek_bound)
{
	struct mmsim_job_stats js = io_job(
		"[global]\nruntime=20s\n[device.hd]\ntype=hdd\n"
		"[fio]\nkind=io\ndevice=hd\nrw=randread\n", NULL);

	cr_assert_within(iops_of(&js), 1e9 / (1e6 + 15e6 * 8 / 15 + 60e9 / 7200 / 2 + 25600 + 50000), 5);
}

/* usb stick, 4K random writes (no cache, one command at a time): 0.4096 + 2 ms each. */
Test(blk_suite, usb_random_write_iops)
{
	struct mmsim_job_stats js = io_job(
		"[global]\nruntime=1s\n[device.st]\ntype=usb\nwrite_cache=off\n"
		"[fio]\nkind=io\ndevice=st\nrw=randwrite\niodepth=4\n", NULL);

	cr_assert_within(iops_of(&js), 1e9 / (4096 / 0.01 + 2e6), 5);
}

/*
 * null_blk with 10 us completions at depth 16: 1.6 M IOPS when the CPU is
 * free (every cost 0).  With the default costs the submitting CPU's work
 * per I/O (a context switch, a wakeup, the syscall: 1.8 us) adds to the
 * 10 us: 16 / 11.8 us = 1.36 M, as fio on null_blk is CPU-bound too.
 */
Test(blk_suite, null_iops_is_depth_over_latency)
{
	const char *ini = "[global]\nruntime=20ms\n[device.nb]\ntype=null\nread_lat=10us\n"
			  "[fio]\nkind=io\ndevice=nb\nrw=randread\niodepth=16\n";
	struct mmsim_job_stats js = io_job_costs(ini, NULL, 1);

	cr_assert_within(iops_of(&js), 16 / 10e-6, 1);
	js = io_job(ini, NULL);
	cr_assert_within(iops_of(&js), 16 / 11.8e-6, 5);
}

/* randrw with rwmixread=70: about 70% reads; fsync=8 gives a flush per 8 writes. */
Test(blk_suite, randrw_mix_and_fsync)
{
	struct mmsim_device_stats ds;
	struct mmsim_job_stats js = io_job(
		"[global]\nruntime=50ms\n[device.nv]\ntype=nvme\n"
		"[fio]\nkind=io\ndevice=nv\nrw=randrw\nrwmixread=70\nfsync=8\niodepth=4\n", &ds);
	double reads = (double)js.io_reads / (double)(js.io_reads + js.io_writes);

	bool mix_ok = reads > 0.67 && reads < 0.73;

	cr_assert(mix_ok, "read fraction %.3f", reads);
	cr_assert(eq(u64, js.io_flushes, js.io_writes / 8));
	cr_assert(eq(u64, ds.flushes, js.io_flushes));
	cr_assert(eq(u64, ds.reads, js.io_reads));
	cr_assert(eq(u64, ds.writes, js.io_writes));
}

/* The same scenario twice: the same numbers. */
Test(blk_suite, io_runs_are_deterministic)
{
	const char *ini = "[global]\nruntime=30ms\nseed=9\n[device.nv]\ntype=nvme\n"
			  "[fio]\nkind=io\ndevice=nv\nrw=randrw\nthreads=3\niodepth=8\n";
	struct mmsim_device_stats a, b;
	struct mmsim_job_stats ja = io_job(ini, &a), jb = io_job(ini, &b);

	cr_assert(eq(u64, ja.io_reads, jb.io_reads));
	cr_assert(eq(u64, ja.clat_p99_ns, jb.clat_p99_ns));
	cr_assert(eq(u64, a.time_in_queue_ns, b.time_in_queue_ns));
	cr_assert(eq(u64, a.sectors_written, b.sectors_written));
}

/* ---- faults ---- */

/* fail_make_request at the 5th request: one error, and fio stops (continue_on_error=none). */
Test(blk_suite, fail_make_request_at_nth_request)
{
	struct mmsim_device_stats ds;
	struct mmsim_job_stats js = io_job(
		"[global]\nruntime=10ms\n[fault]\nfail_make_request.probability=100\n"
		"fail_make_request.interval=5\n[device.nv]\ntype=nvme\nmake_it_fail=on\n"
		"[fio]\nkind=io\ndevice=nv\nrw=randread\n", &ds);

	cr_assert(eq(u64, js.errors, 1));
	cr_assert(eq(u64, js.io_reads, 4));
	cr_assert(eq(u64, ds.errors, 1));
	cr_assert(eq(u64, ds.reads, 4), "the failed bio never reached the device");
}

/* make_it_fail is off by default, as /sys/block/DEV/make-it-fail */
Test(blk_suite, fail_make_request_needs_make_it_fail)
{
	struct mmsim_job_stats js = io_job(
		"[global]\nruntime=1ms\n[fault]\nfail_make_request.probability=100\n"
		"fail_make_request.times=-1\n[device.nv]\ntype=nvme\n"
		"[fio]\nkind=io\ndevice=nv\nrw=randread\n", NULL);

	cr_assert(eq(u64, js.errors, 0));
}

/* unplug_at in a scenario: the job ends with errors, the run ends early. */
Test(blk_suite, unplug_in_scenario_ends_job)
{
	mmsim_t *sim = test_run("[global]\nruntime=1s\n[device.nv]\ntype=nvme\nunplug_at=5ms\n"
				"[fio]\nkind=io\ndevice=nv\nrw=randwrite\niodepth=8\nthreads=2\n",
				0, NULL, NULL);
	struct mmsim_engine_stats es;
	struct mmsim_device_stats ds;
	struct mmsim_job_stats js;

	mmsim_engine_stats(sim, &es);
	mmsim_job_stats(sim, 0, &js);
	mmsim_device_stats(sim, 0, &ds);
	cr_assert(eq(u64, es.nr_tasks_left, 0));
	cr_assert(lt(u64, es.virtual_time_ns, 6000000), "nothing hangs");
	/* each thread had its 8 I/Os in flight, less one being reaped at 5 ms */
	cr_assert(ge(u64, js.errors, 14), "the I/O in flight failed");
	cr_assert(le(u64, js.errors, 16));
	cr_assert(eq(str, (char *)ds.state, "removed"));
	cr_assert(eq(u64, ds.in_flight, 0));
	mmsim_free(sim);
}

/* power_cut_at: the cache is lost, I/O in flight fails. */
Test(blk_suite, power_cut_in_scenario)
{
	mmsim_t *sim = test_run("[global]\nruntime=1s\n[device.sd]\ntype=ssd\npower_cut_at=2ms\n"
				"[fio]\nkind=io\ndevice=sd\nrw=write\niodepth=4\n", 0, NULL, NULL);
	struct mmsim_device_stats ds;

	mmsim_device_stats(sim, 0, &ds);
	cr_assert(eq(str, (char *)ds.state, "power-off"));
	cr_assert(gt(u64, ds.writes, 0));
	mmsim_free(sim);
}

/* ---- tracepoints ---- */

Test(blk_suite, block_tracepoints_kernel_format)
{
	char *trace;
	mmsim_t *sim = test_run("[global]\nruntime=1s\n[device.sd]\ntype=usb\nwrite_lat=2ms\n"
				"write_bw=4096000\nwrite_cache=off\n"
				"[fio]\nkind=io\ndevice=sd\nrw=write\nloops=2\n",
				1, "block:*", &trace);

	/* 6.1 TP_printk: "%d,%d %s %llu + %u [%s]", "%d,%d %s %u (%s) %llu + %u [%s]",
	 * "%d,%d %s (%s) %llu + %u [%d]" */
	cr_assert(eq(u32, count_lines(trace, "block_bio_queue: 8,0 WS 0 + 8 [fio]"), 1), "%s", trace);
	cr_assert(eq(u32, count_lines(trace, "block_rq_issue: 8,0 WS 4096 () 0 + 8 [fio]"), 1),
		  "%s", trace);
	cr_assert(eq(u32, count_lines(trace, "block_rq_complete: 8,0 WS () 0 + 8 [0]"), 1),
		  "%s", trace);
	cr_assert(eq(u32, count_lines(trace, "block_rq_complete: 8,0 WS () 8 + 8 [0]"), 1),
		  "%s", trace);
	/* the first completes at 1 ms transfer + 2 ms */
	cr_assert_not_null(strstr(find_line(trace, "block_rq_complete: 8,0 WS () 0 + 8"),
				  " 0.003000000: "), "%s", trace);
	free(trace);
	mmsim_free(sim);
}

/* ---- the [device.NAME] keys ---- */

Test(blk_suite, device_section_keys)
{
	struct mmsim_config *cfg = test_config(
		"[device.disk-0]\ntype=hdd\nrpm=5400\nsize=2G\nwrite_cache=off\n"
		"[device.z]\ntype=zoned\nzone_size=256M\nmax_open_zones=8\n"
		"[fio]\nkind=io\ndevice=z\nrw=write\nbs=64K\n", 0);
	struct mmsim_error err;

	cr_assert(eq(u32, cfg->nr_devices, 2));
	cr_assert(eq(str, cfg->devices[0].name, "disk-0"));
	cr_assert(eq(u32, cfg->devices[0].type, MMSIM_DEV_HDD));
	cr_assert(eq(u32, cfg->devices[0].rpm, 5400));
	cr_assert(eq(u64, cfg->devices[0].size, 2ULL << 30));
	cr_assert_not(cfg->devices[0].write_cache);
	cr_assert(cfg->devices[1].write_cache, "write_cache defaults to on");
	cr_assert(eq(u32, cfg->devices[1].max_open_zones, 8));
	cr_assert(eq(str, cfg->jobs[0].device, "z"));
	cr_assert(eq(u64, cfg->jobs[0].bs, 65536));
	cr_assert(eq(int, mmsim_config_set(cfg, "device.disk-0.rpm=7200", &err), 0), "%s", err.msg);
	cr_assert(eq(u32, cfg->devices[0].rpm, 7200));
	cr_assert(eq(int, mmsim_config_validate(cfg, &err), 0), "%s", err.msg);
	free(cfg);
}

struct bad_case {
	char text[200];
	char msg[320];
};

ParameterizedTestParameters(blk_suite, device_errors)
{
	static struct bad_case cases[] = {
		{ "[device.d0]\ntype=floppy\n",
		  "t.ini:2: bad value 'floppy' for 'type' in [device.d0]; accepted values: null, "
		  "ram, hdd, ssd, nvme, pmem, zoned, usb" },
		{ "[device.d0]\nrpm=10\n",
		  "t.ini:2: value '10' for 'rpm' in [device.d0] is out of range 1000..20000 (or 0 "
		  "for the model's default)" },
		{ "[device.d0]\ncolour=red\n",
		  "t.ini:2: unknown key 'colour' in [device.d0]; accepted keys: type, size, "
		  "queue_depth, channels, read_lat, write_lat, flush_lat, lat_jitter, read_bw, write_bw, "
		  "rpm, "
		  "tracks, seek_min, seek_max, zone_size, max_open_zones, write_cache, "
		  "rotational, broken_flush, make_it_fail, power_cut_at, power_cut_after, unplug_at" },
		{ "[device.d0]\nrpm=5400\nrpm=7200\n",
		  "t.ini:3: duplicate key 'rpm' in [device.d0] (first at line 2)" },
		{ "[device.d0]\n[device.d0]\n",
		  "t.ini:2: duplicate section [device.d0] (first at line 1)" },
		{ "[device.d0]\nwrite_cache=maybe\n",
		  "t.ini:2: bad value 'maybe' for 'write_cache' in [device.d0]; expected 0, 1, "
		  "true, false, yes, no, on or off" },
		{ "[device.d0]\n[fio]\nkind=io\ndevice=sdz\n",
		  "t.ini:4: device 'sdz' of job [fio] is not defined; devices: d0" },
		{ "[fio]\nkind=io\n",
		  "t.ini:1: job [fio] of kind io needs device=NAME; devices: none (add a "
		  "[device.NAME] section)" },
		{ "[device.d0]\nsize=1000000000\n[j]\n",
		  "t.ini:2: size of [device.d0] is 1000000000 bytes, not a multiple of 4K" },
		{ "[device.d0]\n[fio]\nkind=io\ndevice=d0\nbs=6K\n",
		  "t.ini:5: bs 6144 of job [fio] is not a multiple of 4K" },
		{ "[device.d0]\n[fio]\nkind=cpu\nrw=read\n",
		  "t.ini:4: key 'rw' does not apply to job [fio] of kind cpu; keys for kind cpu: "
		  "kind, threads, nice, cpus_allowed, runtime, loops, start_delay, cgroup, burst, "
		  "think, timer_slack" },
	};

	return cr_make_param_array(struct bad_case, cases, sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct bad_case *c, blk_suite, device_errors)
{
	struct mmsim_config *cfg = malloc(sizeof(*cfg));
	struct mmsim_error err;
	int ret;

	cr_assert(cfg != NULL);
	mmsim_config_init(cfg);
	ret = mmsim_config_load_string(cfg, "t.ini", c->text, &err);
	if (!ret)
		ret = mmsim_config_validate(cfg, &err);
	cr_assert(eq(int, ret, -EINVAL));
	cr_assert(eq(str, err.msg, c->msg));
	free(cfg);
}
