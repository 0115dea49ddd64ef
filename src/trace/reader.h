/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * trace/reader.h - reading scheduler traces: perf script, ftrace, trace-cmd
 *
 * A reader turns trace text into a sequence of struct sched_record, one per
 * scheduler tracepoint line, in input order.  Formats are detected per
 * input: `perf script` output (with or without --ns, with or without
 * -F pid,tid), ftrace text (/sys/kernel/tracing/trace, trace_pipe, and
 * mmsim's own --trace output), and `trace-cmd report` (key=value and the
 * sched plugin forms).  Gzip-compressed input is read transparently.
 * Lines of other events are skipped; malformed lines of known events are
 * reported with their line number.
 */
#ifndef MMSIM_TRACE_READER_H
#define MMSIM_TRACE_READER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define SCHED_COMM_MAX	64	/* comms are cut to SCHED_COMM_MAX - 1 bytes */

enum sched_record_type {
	SCHED_REC_SWITCH,		/* sched:sched_switch */
	SCHED_REC_WAKING,		/* sched:sched_waking */
	SCHED_REC_WAKEUP,		/* sched:sched_wakeup */
	SCHED_REC_WAKEUP_NEW,		/* sched:sched_wakeup_new */
	SCHED_REC_MIGRATE,		/* sched:sched_migrate_task */
	SCHED_REC_FORK,			/* sched:sched_process_fork */
	SCHED_REC_EXIT,			/* sched:sched_process_exit */
	SCHED_REC_LOST,			/* perf's "lost N events" / ftrace "LOST EVENTS" */
	NR_SCHED_REC_TYPES
};

/*
 * prev_state as the kernel stores it (>= 4.14): 0 runnable ("R"),
 * 0x100 preempted ("R+"), 0x01 S, 0x02 D, 0x04 T, 0x08 t, 0x10 X, 0x20 Z,
 * 0x40 P, 0x80 I.  The reader maps the text back to these values
 * (timehist.md §14.4); text it cannot map (older kernels' combinations
 * such as "D|K") keeps the value of its first letter.
 */
#define SCHED_STATE_PREEMPTED	0x100

/*
 * One scheduler event.  The comm strings point into the reader's string
 * pool (each distinct comm is stored once), so a record is valid until its
 * reader is closed.
 */
struct sched_record {
	enum sched_record_type type;
	uint64_t time;			/* ns */
	int cpu;
	/* the context the event was recorded in (common_pid / sample tid) */
	int tid;
	int tgid;			/* -1 if the input does not say */
	const char *comm;	/* the line's leading comm column */
	unsigned long lineno;		/* in the input, for messages */
	union {
		struct {
			const char *prev_comm;
			int prev_pid;
			int prev_prio;
			unsigned int prev_state;	/* kernel value, see above */
			char prev_state_text[8];	/* as written, e.g. "R+", "D|K" */
			const char *next_comm;
			int next_pid;
			int next_prio;
		} sw;
		struct {			/* waking, wakeup, wakeup_new */
			const char *comm;
			int pid;
			int prio;
			int target_cpu;
		} wake;
		struct {
			const char *comm;
			int pid;
			int prio;
			int orig_cpu;
			int dest_cpu;
		} migrate;
		struct {
			const char *parent_comm;
			int parent_pid;
			const char *child_comm;
			int child_pid;
		} fork;
		struct {
			const char *comm;
			int pid;
		} exit;
		struct {
			uint64_t count;
		} lost;
	};
};

enum trace_format {
	TRACE_FMT_UNKNOWN,
	TRACE_FMT_PERF_SCRIPT,
	TRACE_FMT_FTRACE,
	TRACE_FMT_TRACE_CMD,
};

struct trace_reader;

/**
 * trace_reader_open - start reading @path ("-" for stdin)
 * @path: file name
 * @err: message buffer
 * @errlen: its size
 *
 * Return: the reader, or NULL with @err filled ("cannot open 'x': ...").
 */
struct trace_reader *trace_reader_open(const char *path, char *err, size_t errlen);

/**
 * trace_reader_next - the next scheduler record
 * @r: reader
 * @rec: filled on success
 *
 * Return: 1 with @rec filled, 0 at end of input, -EINVAL for a line of a
 * known event that cannot be parsed (the message is in
 * trace_reader_error(); reading may continue with the next call), -EIO on
 * a read or decompression error.
 */
int trace_reader_next(struct trace_reader *r, struct sched_record *rec);

/** trace_reader_error - the last message ("FILE:LINE: ...") */
const char *trace_reader_error(const struct trace_reader *r);

/** trace_reader_format - what the input was detected as */
enum trace_format trace_reader_format(const struct trace_reader *r);

/**
 * trace_reader_nr_cpus - CPUs the input declares (ftrace "#P:N"), or 0
 */
int trace_reader_nr_cpus(const struct trace_reader *r);

/** trace_reader_lines - lines read so far */
unsigned long trace_reader_lines(const struct trace_reader *r);

/** trace_reader_binary_lines - lines skipped because they hold NUL bytes */
unsigned long trace_reader_binary_lines(const struct trace_reader *r);

/** trace_reader_has_waking - true once a sched_waking line has been read */
bool trace_reader_has_waking(const struct trace_reader *r);

/** trace_reader_close - free @r (NULL is fine) */
void trace_reader_close(struct trace_reader *r);

#endif /* MMSIM_TRACE_READER_H */
