/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tools/mmsim/timehist.h - the `mmsim timehist` subcommand
 */
#ifndef MMSIM_TOOLS_TIMEHIST_H
#define MMSIM_TOOLS_TIMEHIST_H

/**
 * cmd_timehist - `mmsim timehist [OPTIONS] [FILE|-]`
 * @argc: argument count, argv[0] being "timehist"
 * @argv: arguments
 *
 * Reads a scheduler trace (perf script, ftrace, trace-cmd report or mmsim's
 * own --trace output, optionally gzip-compressed), sorts it by time and
 * prints perf sched timehist's analysis on stdout.
 *
 * Return: the exit code: 0 success, 1 an I/O error, 2 bad options or no
 * usable input (the message is on stderr).
 */
int cmd_timehist(int argc, char **argv);

/**
 * timehist_check_args - check `mmsim timehist` arguments without running
 * @argc: argument count, argv[0] being "timehist"
 * @argv: arguments
 *
 * For `mmsim run --timehist=OPTS`, so bad options stop the command before
 * the simulation runs.
 *
 * Return: 0, or 2 with the message on stderr.
 */
int timehist_check_args(int argc, char **argv);

#endif /* MMSIM_TOOLS_TIMEHIST_H */
