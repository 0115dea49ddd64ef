// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/unit/test_reader.c - parsing scheduler traces in every text format
 *
 * tests/data/ftrace-sched.txt and ftrace-tgid.txt were captured from
 * /sys/kernel/tracing/trace on a Debian 12 VM (kernel 6.18); the other
 * inputs are written here line by line in the formats of timehist.md §10.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "trace/reader.h"

#ifndef MMSIM_SOURCE_DIR
#define MMSIM_SOURCE_DIR "."
#endif

static char tmp_path[256];

static const char *write_tmp(const char *text, size_t len)
{
	FILE *f;

	snprintf(tmp_path, sizeof(tmp_path), "/tmp/mmsim-reader-%d.txt", (int)getpid());
	f = fopen(tmp_path, "w");
	cr_assert(f != NULL);
	cr_assert(eq(sz, fwrite(text, 1, len, f), len));
	fclose(f);
	return tmp_path;
}

static struct trace_reader *open_text(const char *text)
{
	char err[256];
	struct trace_reader *r = trace_reader_open(write_tmp(text, strlen(text)), err, sizeof(err));

	cr_assert(r != NULL, "%s", err);
	return r;
}

static void next_ok(struct trace_reader *r, struct sched_record *rec)
{
	int ret = trace_reader_next(r, rec);

	cr_assert(eq(int, ret, 1), "%s", trace_reader_error(r));
}

Test(reader, real_ftrace_capture)
{
	char err[256];
	struct trace_reader *r = trace_reader_open(MMSIM_SOURCE_DIR "/tests/data/ftrace-sched.txt",
						   err, sizeof(err));
	unsigned int count[NR_SCHED_REC_TYPES] = { 0 };
	struct sched_record rec;
	int ret;

	cr_assert(r != NULL, "%s", err);
	next_ok(r, &rec);
	cr_assert(eq(int, rec.type, SCHED_REC_FORK));
	cr_assert(eq(u64, rec.time, 3265501526000ULL), "µs timestamps become ns");
	cr_assert(eq(int, rec.tid, 12799));
	cr_assert(eq(str, (char *)rec.comm, "bash"));
	cr_assert(eq(int, rec.fork.child_pid, 12801));
	count[rec.type]++;
	while ((ret = trace_reader_next(r, &rec)) == 1)
		count[rec.type]++;
	cr_assert(eq(int, ret, 0), "%s", trace_reader_error(r));
	cr_assert(eq(u32, count[SCHED_REC_SWITCH], 46));
	cr_assert(eq(u32, count[SCHED_REC_WAKING], 25));
	cr_assert(eq(u32, count[SCHED_REC_WAKEUP], 25));
	cr_assert(eq(u32, count[SCHED_REC_WAKEUP_NEW], 7));
	cr_assert(eq(u32, count[SCHED_REC_MIGRATE], 5));
	cr_assert(eq(u32, count[SCHED_REC_FORK], 7));
	cr_assert(eq(u32, count[SCHED_REC_EXIT], 7));
	cr_assert(eq(int, trace_reader_nr_cpus(r), 2));
	cr_assert(eq(int, trace_reader_format(r), TRACE_FMT_FTRACE));
	cr_assert(trace_reader_has_waking(r));
	trace_reader_close(r);
}

Test(reader, ftrace_tgid_column)
{
	char err[256];
	struct trace_reader *r = trace_reader_open(MMSIM_SOURCE_DIR "/tests/data/ftrace-tgid.txt",
						   err, sizeof(err));
	struct sched_record rec;

	cr_assert(r != NULL, "%s", err);
	next_ok(r, &rec);
	cr_assert(eq(int, rec.type, SCHED_REC_SWITCH));
	cr_assert(eq(int, rec.tid, 12824));
	cr_assert(eq(int, rec.tgid, 12824));
	cr_assert(eq(str, (char *)rec.sw.prev_comm, "bash"));
	cr_assert(eq(int, rec.sw.prev_state, 0x01));
	cr_assert(eq(str, (char *)rec.sw.next_comm, "swapper/0"));
	cr_assert(eq(int, rec.sw.next_pid, 0));
	trace_reader_close(r);
}

/* perf script: default (µs), --ns, and -F comm,pid,tid,... with "pid/tid". */
Test(reader, perf_script_forms)
{
	struct trace_reader *r = open_text(
		"            perf  6671 [000]   399.694498: sched:sched_waking: comm=migration/0 pid=18 prio=0 target_cpu=000\n"
		"            perf  6671 [000]   399.694504855:       sched:sched_switch: prev_comm=perf prev_pid=6671 prev_prio=120 prev_state=D ==> next_comm=migration/0 next_pid=18 next_prio=0\n"
		"            perf  4004/4004  [000]   269.672533223:       sched:sched_switch: prev_comm=perf prev_pid=4004 prev_prio=120 prev_state=R+ ==> next_comm=migration/0 next_pid=18 next_prio=0\n"
		"            perf  6671 [000]   399.694490735: sched:sched_stat_runtime: comm=perf pid=6671 runtime=58437 [ns]\n"
		"     migration/0    18 [001]   399.694538: sched:sched_migrate_task: comm=perf pid=6671 prio=120 orig_cpu=0 dest_cpu=1\n");
	struct sched_record rec;

	next_ok(r, &rec);
	cr_assert(eq(int, rec.type, SCHED_REC_WAKING));
	cr_assert(eq(u64, rec.time, 399694498000ULL));
	cr_assert(eq(int, rec.tid, 6671));
	cr_assert(eq(int, rec.tgid, -1));
	cr_assert(eq(int, rec.wake.pid, 18));
	cr_assert(eq(int, rec.wake.target_cpu, 0));
	next_ok(r, &rec);
	cr_assert(eq(u64, rec.time, 399694504855ULL));
	cr_assert(eq(int, rec.sw.prev_state, 0x02));
	cr_assert(eq(int, rec.sw.next_prio, 0));
	next_ok(r, &rec);
	cr_assert(eq(int, rec.tgid, 4004));
	cr_assert(eq(int, rec.tid, 4004));
	cr_assert(eq(int, rec.sw.prev_state, SCHED_STATE_PREEMPTED));
	cr_assert(eq(str, rec.sw.prev_state_text, "R+"));
	/* sched_stat_runtime is not a record: skipped */
	next_ok(r, &rec);
	cr_assert(eq(int, rec.type, SCHED_REC_MIGRATE));
	cr_assert(eq(int, rec.cpu, 1));
	cr_assert(eq(int, rec.migrate.orig_cpu, 0));
	cr_assert(eq(int, rec.migrate.dest_cpu, 1));
	cr_assert(eq(int, trace_reader_format(r), TRACE_FMT_PERF_SCRIPT));
	cr_assert(eq(int, trace_reader_next(r, &rec), 0));
	trace_reader_close(r);
}

/* Comms with spaces and dashes, in the common column and in payloads. */
Test(reader, comms_with_spaces_and_dashes)
{
	struct trace_reader *r = open_text(
		" tokio rt-worker-77      [001] d..2.   100.000001000: sched_switch: prev_comm=tokio rt-worker prev_pid=77 prev_prio=120 prev_state=S ==> next_comm=kworker/1:0-events next_pid=9 next_prio=120\n"
		"  my-app-42  1234 [000]   5.000000001: sched:sched_waking: comm=a b c pid=99 prio=120 target_cpu=001\n");
	struct sched_record rec;

	next_ok(r, &rec);
	cr_assert(eq(str, (char *)rec.comm, "tokio rt-worker"));
	cr_assert(eq(int, rec.tid, 77));
	cr_assert(eq(str, (char *)rec.sw.prev_comm, "tokio rt-worker"));
	cr_assert(eq(str, (char *)rec.sw.next_comm, "kworker/1:0-events"));
	next_ok(r, &rec);
	cr_assert(eq(str, (char *)rec.comm, "my-app-42"));
	cr_assert(eq(int, rec.tid, 1234));
	cr_assert(eq(str, (char *)rec.wake.comm, "a b c"));
	cr_assert(eq(int, rec.wake.target_cpu, 1));
	trace_reader_close(r);
}

/* prev_state text back to the kernel's values (timehist.md §5.5, §14.4). */
Test(reader, prev_state_values)
{
	static const struct {
		const char *text;
		unsigned int value;
	} cases[] = {
		{ "R", 0 }, { "R+", 0x100 }, { "S", 0x01 }, { "D", 0x02 }, { "T", 0x04 },
		{ "t", 0x08 }, { "X", 0x10 }, { "Z", 0x20 }, { "P", 0x40 }, { "I", 0x80 },
		{ "D|K", 0x02 }, { "K", 0x80 }, { "W", 0x100 },
	};
	char text[8192];
	size_t len = 0;
	struct trace_reader *r;
	struct sched_record rec;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
			"a-1 [000] d..2. 1.%06zu: sched_switch: prev_comm=a prev_pid=1 prev_prio=120 "
			"prev_state=%s ==> next_comm=b next_pid=2 next_prio=120\n", i, cases[i].text);
	r = open_text(text);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		next_ok(r, &rec);
		cr_assert(eq(u32, rec.sw.prev_state, cases[i].value), "%s", cases[i].text);
	}
	trace_reader_close(r);
}

/* trace-cmd report: the sched plugin's forms and its "cpus=N" header. */
Test(reader, trace_cmd_plugin_forms)
{
	struct trace_reader *r = open_text(
		"cpus=4\n"
		"          <idle>-0     [002]  1234.567890: sched_switch:         swapper/2:0 [120] R ==> bash:123 [120]\n"
		"            bash-123   [002]  1234.567990: sched_wakeup:         sleep:124 [120] success=1 CPU:003\n");
	struct sched_record rec;

	next_ok(r, &rec);
	cr_assert(eq(int, rec.type, SCHED_REC_SWITCH));
	cr_assert(eq(str, (char *)rec.comm, "<idle>"));
	cr_assert(eq(str, (char *)rec.sw.prev_comm, "swapper/2"));
	cr_assert(eq(int, rec.sw.prev_pid, 0));
	cr_assert(eq(int, rec.sw.prev_state, 0));
	cr_assert(eq(str, (char *)rec.sw.next_comm, "bash"));
	cr_assert(eq(int, rec.sw.next_pid, 123));
	next_ok(r, &rec);
	cr_assert(eq(int, rec.type, SCHED_REC_WAKEUP));
	cr_assert(eq(int, rec.wake.pid, 124));
	cr_assert(eq(int, rec.wake.target_cpu, 3));
	cr_assert(eq(int, trace_reader_nr_cpus(r), 4));
	cr_assert(eq(int, trace_reader_format(r), TRACE_FMT_TRACE_CMD));
	trace_reader_close(r);
}

/* A cut-off sched_switch line is an error naming its line; reading goes on. */
Test(reader, truncated_line_is_reported_with_its_number)
{
	struct trace_reader *r = open_text(
		"# tracer: nop\n"
		"a-1 [000] d..2. 1.000001: sched_switch: prev_comm=a prev_pid=1 prev_pr\n"
		"a-1 [000] d..2. 1.000002: sched_waking: comm=b pid=2 prio=120 target_cpu=000\n");
	struct sched_record rec;

	cr_assert(eq(int, trace_reader_next(r, &rec), -EINVAL));
	cr_assert(strstr(trace_reader_error(r), ":2: cannot parse this sched_switch line") != NULL,
		  "%s", trace_reader_error(r));
	next_ok(r, &rec);
	cr_assert(eq(int, rec.type, SCHED_REC_WAKING));
	trace_reader_close(r);
}

/* Binary input: lines with NUL bytes are skipped and counted; nothing is read. */
Test(reader, binary_input_yields_nothing)
{
	static const char junk[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\n\0\x01\x02[000] 1.5: x\n\xff\xfe\n";
	char err[256];
	struct trace_reader *r = trace_reader_open(write_tmp(junk, sizeof(junk) - 1), err, sizeof(err));
	struct sched_record rec;

	cr_assert(r != NULL);
	cr_assert(eq(int, trace_reader_next(r, &rec), 0));
	cr_assert(eq(u64, trace_reader_binary_lines(r), 2));
	cr_assert(eq(u64, trace_reader_lines(r), 3));
	trace_reader_close(r);
}

Test(reader, empty_and_missing_files)
{
	char err[256];
	struct trace_reader *r = open_text("");
	struct sched_record rec;

	cr_assert(eq(int, trace_reader_next(r, &rec), 0));
	cr_assert(eq(u64, trace_reader_lines(r), 0));
	trace_reader_close(r);
	cr_assert(eq(ptr, trace_reader_open("/nonexistent/trace.txt", err, sizeof(err)), NULL));
	cr_assert(strstr(err, "cannot open '/nonexistent/trace.txt'") != NULL, "%s", err);
}

/* Gzip-compressed input is read transparently. */
Test(reader, gzip_input)
{
	char path[256], err[256];
	struct trace_reader *r;
	struct sched_record rec;
	gzFile gz;

	snprintf(path, sizeof(path), "/tmp/mmsim-reader-%d.txt.gz", (int)getpid());
	gz = gzopen(path, "wb");
	cr_assert(gz != NULL);
	for (int i = 0; i < 1000; i++)
		gzprintf(gz, "  x-5 [001] d..2. 2.%09d: sched_waking: comm=y pid=6 prio=120 target_cpu=001\n", i);
	gzclose(gz);
	r = trace_reader_open(path, err, sizeof(err));
	cr_assert(r != NULL, "%s", err);
	for (int i = 0; i < 1000; i++) {
		next_ok(r, &rec);
		cr_assert(eq(u64, rec.time, 2000000000ULL + (uint64_t)i));
	}
	cr_assert(eq(int, trace_reader_next(r, &rec), 0));
	trace_reader_close(r);
	remove(path);
}

/* Lost events in ftrace text. */
Test(reader, ftrace_lost_events)
{
	struct trace_reader *r = open_text("CPU:1 [LOST 42 EVENTS]\n");
	struct sched_record rec;

	next_ok(r, &rec);
	cr_assert(eq(int, rec.type, SCHED_REC_LOST));
	cr_assert(eq(int, rec.cpu, 1));
	cr_assert(eq(u64, rec.lost.count, 42));
	trace_reader_close(r);
}
