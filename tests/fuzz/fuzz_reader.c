// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/fuzz/fuzz_reader.c - libFuzzer target for the trace reader
 *
 * Feeds arbitrary bytes to trace_reader_open()/next() through a memfd and
 * reads every record: the reader must never crash, hang or read out of
 * bounds, whatever the input (text in any of the formats, truncated lines,
 * binary, gzip).  Built with clang -fsanitize=fuzzer,address,undefined by
 * `make fuzz` and run briefly by `make test` when clang is installed.
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "trace/reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sched_record rec;
	struct trace_reader *r;
	char path[64], err[256];
	int fd = memfd_create("fuzz", 0), ret;

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	r = trace_reader_open(path, err, sizeof(err));
	if (r) {
		while ((ret = trace_reader_next(r, &rec)) != 0 && ret != -5 /* -EIO */)
			(void)trace_reader_error(r);
		trace_reader_close(r);
	}
	close(fd);
	return 0;
}
