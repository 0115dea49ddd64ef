/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sim/printk.h - the kernel log (kernel/printk) and panic()
 *
 * What the model's kernel code would print with pr_info() or pr_err():
 * the OOM killer's report so far.  Lines carry dmesg's timestamp (virtual
 * time), are kept in the simulation's log buffer for mmsim_dmesg(), and
 * are recorded as the printk:console tracepoint when it is on.
 */
#ifndef MMSIM_SIM_PRINTK_H
#define MMSIM_SIM_PRINTK_H

#include "sim/sim.h"

/*
 * The log buffer keeps the newest LOG_BUF_LEN bytes, as the kernel's ring
 * buffer does (CONFIG_LOG_BUF_SHIFT=17): older lines are dropped whole.
 */
#define LOG_BUF_LEN	(128U << 10)

/**
 * printk - one line in the kernel log
 * @sim: simulation
 * @fmt: printf format of the message, without the trailing newline
 *
 * The line is stored as dmesg prints it, "[%5lu.%06lu] message" with the
 * current virtual time, and emitted as printk:console if recorded.
 */
__attribute__((format(printf, 2, 3)))
void printk(struct mmsim *sim, const char *fmt, ...);

/**
 * panic - the kernel cannot go on: log it and end the run
 * @sim: simulation
 * @error: what mmsim_run() returns (a negative errno)
 * @fmt: the reason, printed as "Kernel panic - not syncing: reason"
 *
 * The run stops after the current event (sim_stop()); the caller returns
 * normally and its task goes on until it next yields.
 */
__attribute__((format(printf, 3, 4)))
void panic(struct mmsim *sim, int error, const char *fmt, ...);

/** log_release - free the log buffer */
void log_release(struct mmsim *sim);

#endif /* MMSIM_SIM_PRINTK_H */
