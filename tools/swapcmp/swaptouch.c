/*
 * swaptouch - touch an anonymous memory region in a fixed pattern and verify
 * its content, to make the real kernel swap in a controlled way.
 *
 * Build: cc -O2 -Wall -Wextra -Werror -pthread -o swaptouch swaptouch.c
 *
 * The region is mmap(MAP_PRIVATE|MAP_ANONYMOUS) without MAP_POPULATE and
 * madvise(MADV_NOHUGEPAGE)'d, so every page is an order-0 anonymous folio.
 *
 * Populate pass: every page is written in order with a non-zero pattern.
 * Word 0 holds a per-page tag (derived from the page index), word 1 holds the
 * page's version (1 after the populate pass, +1 for every later store), the
 * last word holds ~tag and the words in between a non-zero pattern. No page
 * is ever zero-filled, so kernels >= 6.12 cannot elide its swap-out through
 * the zeromap.
 *
 * Access phase (--pattern):
 *   seq    --passes N sequential passes over all pages
 *   rand   --accesses N uniformly random page accesses (xorshift64*, --seed)
 *   mixed  a thread doing --passes sequential passes and a thread doing
 *          --accesses random accesses (seeded by --seed) over the same region
 * An access is a store for --write-pct percent of the accesses (seq: spread
 * evenly, every access k with floor((k+1)P/100) > floor(kP/100); rand: by a
 * PRNG draw), otherwise a read. A read checks the tag, ~tag and the version
 * against the expected values kept outside the region; the first mismatch is
 * reported and the program exits with status 2.
 *
 * Output: one line of key=value fields on stdout ("result=ok ..."), or
 * "result=MISMATCH ..." plus a message on stderr and exit status 2.
 * --lose-page N discards page N after populating it (MADV_DONTNEED, so it
 * reads back as zeroes, like a lost swap-in): a self-test of the verifier.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define TAG_MAGIC UINT64_C(0x5357415054434821) /* "SWAPTCH!" */

static size_t page_size;
static size_t npages;
static size_t words_per_page;
static unsigned char *region;
static _Atomic uint64_t *versions; /* expected version per page */
static int multithreaded;          /* versions may move under a reader */
static atomic_int failed;

static uint64_t page_tag(size_t i)
{
	uint64_t x = (uint64_t)i * UINT64_C(0x9E3779B97F4A7C15) ^ TAG_MAGIC;
	return x ? x : TAG_MAGIC;
}

static _Atomic uint64_t *page_word(size_t i, size_t w)
{
	return (_Atomic uint64_t *)(void *)(region + i * page_size + w * 8);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "swaptouch: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

static void mismatch(size_t i, const char *what, uint64_t want, uint64_t got, const char *who)
{
	/* Report only the first mismatch, from whichever thread sees it. */
	int expected = 0;
	if (atomic_compare_exchange_strong(&failed, &expected, 1)) {
		fprintf(stderr,
			"swaptouch: MISMATCH (%s) page %zu (offset 0x%zx) %s: want 0x%016" PRIx64
			" got 0x%016" PRIx64 "\n",
			who, i, i * page_size, what, want, got);
		fflush(stderr);
		printf("result=MISMATCH page=%zu field=%s\n", i, what);
		fflush(stdout);
		_exit(2);
	}
	/* another thread is already reporting: wait for it to exit */
	for (;;)
		pause();
}

static void read_page(size_t i, const char *who)
{
	uint64_t tag = page_tag(i);
	uint64_t before = atomic_load_explicit(&versions[i], memory_order_acquire);
	uint64_t t = atomic_load_explicit(page_word(i, 0), memory_order_relaxed);
	uint64_t v = atomic_load_explicit(page_word(i, 1), memory_order_acquire);
	uint64_t tail = atomic_load_explicit(page_word(i, words_per_page - 1), memory_order_relaxed);

	if (t != tag)
		mismatch(i, "tag", tag, t, who);
	if (tail != ~tag)
		mismatch(i, "tail", ~tag, tail, who);
	if (!multithreaded) {
		if (v != before)
			mismatch(i, "version", before, v, who);
	} else {
		/*
		 * Writers bump versions[i] before the page's word 1, so the page
		 * is never ahead of versions[] and lags it by at most one store
		 * per concurrent writer (two threads).
		 */
		uint64_t after = atomic_load_explicit(&versions[i], memory_order_acquire);
		if (v > after)
			mismatch(i, "version(ahead)", after, v, who);
		if (v + 2 < before)
			mismatch(i, "version(stale)", before, v, who);
	}
}

static void write_page(size_t i, const char *who)
{
	/* Check the page before storing, so a lost page is caught on writes too. */
	uint64_t tag = page_tag(i);
	uint64_t t = atomic_load_explicit(page_word(i, 0), memory_order_relaxed);
	if (t != tag)
		mismatch(i, "tag", tag, t, who);
	atomic_fetch_add_explicit(&versions[i], 1, memory_order_acq_rel);
	atomic_fetch_add_explicit(page_word(i, 1), 1, memory_order_acq_rel);
}

static void populate(void)
{
	for (size_t i = 0; i < npages; i++) {
		uint64_t *p = (uint64_t *)(void *)(region + i * page_size);
		uint64_t tag = page_tag(i);
		p[0] = tag;
		p[1] = 1;
		for (size_t w = 2; w + 1 < words_per_page; w++)
			p[w] = tag + w; /* never 0 for all w: only one w can wrap to 0 */
		p[words_per_page - 1] = ~tag;
		atomic_store_explicit(&versions[i], 1, memory_order_relaxed);
	}
}

struct job {
	const char *who;
	int random;          /* 0: sequential passes, 1: random accesses */
	uint64_t count;      /* passes (seq) or accesses (random) */
	uint64_t seed;
	unsigned write_pct;
	uint64_t reads, writes;
	double elapsed;
	long majflt;         /* this thread's major faults (RUSAGE_THREAD) */
	double cpu;          /* and its CPU time, user + system */
};

static uint64_t xorshift64star(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * UINT64_C(0x2545F4914F6CDD1D);
}

static double tv_s(const struct timeval *tv)
{
	return (double)tv->tv_sec + (double)tv->tv_usec / 1e6;
}

static void *run_job(void *arg)
{
	struct job *j = arg;
	struct rusage ru0, ru1;
	getrusage(RUSAGE_THREAD, &ru0);
	double t0 = now_s();

	if (!j->random) {
		uint64_t k = 0;
		for (uint64_t pass = 0; pass < j->count; pass++) {
			for (size_t i = 0; i < npages; i++, k++) {
				if ((k + 1) * j->write_pct / 100 > k * j->write_pct / 100) {
					write_page(i, j->who);
					j->writes++;
				} else {
					read_page(i, j->who);
					j->reads++;
				}
			}
		}
	} else {
		uint64_t s = j->seed ? j->seed : 1;
		for (uint64_t k = 0; k < j->count; k++) {
			uint64_t r = xorshift64star(&s);
			size_t i = (size_t)((r >> 11) % npages);
			uint64_t r2 = xorshift64star(&s);
			if ((r2 >> 32) % 100 < j->write_pct) {
				write_page(i, j->who);
				j->writes++;
			} else {
				read_page(i, j->who);
				j->reads++;
			}
		}
	}
	j->elapsed = now_s() - t0;
	getrusage(RUSAGE_THREAD, &ru1);
	j->majflt = ru1.ru_majflt - ru0.ru_majflt;
	j->cpu = tv_s(&ru1.ru_utime) + tv_s(&ru1.ru_stime) - tv_s(&ru0.ru_utime) - tv_s(&ru0.ru_stime);
	return NULL;
}

static uint64_t parse_size(const char *s)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno || end == s)
		die("bad size '%s'", s);
	unsigned long long mul = 1;
	switch (*end) {
	case 'k': case 'K': mul = 1ULL << 10; end++; break;
	case 'm': case 'M': mul = 1ULL << 20; end++; break;
	case 'g': case 'G': mul = 1ULL << 30; end++; break;
	case '\0': break;
	default: die("bad size suffix in '%s' (use K, M or G)", s);
	}
	if (*end == 'i' || *end == 'B') /* accept KiB/MiB/KB... */
		end += (*end == 'i' && end[1] == 'B') ? 2 : 1;
	if (*end)
		die("bad size '%s'", s);
	if (v > ULLONG_MAX / mul)
		die("size '%s' overflows", s);
	return v * mul;
}

static uint64_t parse_u64(const char *s, const char *what)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno || end == s || *end || s[0] == '-')
		die("bad %s '%s'", what, s);
	return v;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: swaptouch --size SIZE[K|M|G] [--pattern seq|rand|mixed]\n"
		"                 [--passes N] [--accesses N] [--write-pct P] [--seed S]\n"
		"  --pattern seq    N sequential passes (--passes, default 3)\n"
		"  --pattern rand   N random page accesses (--accesses, default 2*pages)\n"
		"  --pattern mixed  a sequential thread (--passes) and a random thread\n"
		"                   (--accesses) over the same region\n"
		"  --write-pct P    percent of accesses that store (default 0)\n"
		"  --seed S         xorshift64* seed for random accesses (default 1)\n"
		"  --lose-page N    (self-test) discard page N after populating it; the\n"
		"                   verifier must then fail with exit status 2\n");
}

static void rusage_faults(long *minflt, long *majflt)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	*minflt = ru.ru_minflt;
	*majflt = ru.ru_majflt;
}

int main(int argc, char **argv)
{
	uint64_t size = 0, passes = 3, accesses = 0, seed = 1, write_pct = 0;
	uint64_t lose_page = UINT64_MAX;
	const char *pattern = "seq";

	for (int a = 1; a < argc; a++) {
		const char *opt = argv[a];
		if (!strcmp(opt, "-h") || !strcmp(opt, "--help")) {
			usage(stdout);
			return 0;
		}
		if (a + 1 >= argc)
			die("option '%s' needs a value (or is unknown); see --help", opt);
		const char *val = argv[++a];
		if (!strcmp(opt, "--size"))
			size = parse_size(val);
		else if (!strcmp(opt, "--pattern"))
			pattern = val;
		else if (!strcmp(opt, "--passes"))
			passes = parse_u64(val, "--passes");
		else if (!strcmp(opt, "--accesses"))
			accesses = parse_u64(val, "--accesses");
		else if (!strcmp(opt, "--seed"))
			seed = parse_u64(val, "--seed");
		else if (!strcmp(opt, "--write-pct"))
			write_pct = parse_u64(val, "--write-pct");
		else if (!strcmp(opt, "--lose-page"))
			lose_page = parse_u64(val, "--lose-page");
		else
			die("unknown option '%s'; see --help", opt);
	}
	if (!size)
		die("--size is required");
	if (write_pct > 100)
		die("--write-pct must be 0..100");
	int is_seq = !strcmp(pattern, "seq"), is_rand = !strcmp(pattern, "rand"),
	    is_mixed = !strcmp(pattern, "mixed");
	if (!is_seq && !is_rand && !is_mixed)
		die("unknown --pattern '%s' (seq, rand or mixed)", pattern);

	long ps = sysconf(_SC_PAGESIZE);
	if (ps <= 0)
		die("sysconf(_SC_PAGESIZE) failed");
	page_size = (size_t)ps;
	words_per_page = page_size / 8;
	npages = (size_t)((size + page_size - 1) / page_size);
	if (!accesses)
		accesses = 2 * (uint64_t)npages;

	long minflt0, majflt0, minflt1, majflt1, minflt2, majflt2;
	rusage_faults(&minflt0, &majflt0);
	double t0 = now_s();

	versions = calloc(npages, sizeof(*versions));
	if (!versions)
		die("calloc versions: %s", strerror(errno));
	region = mmap(NULL, npages * page_size, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (region == MAP_FAILED)
		die("mmap %zu bytes: %s", npages * page_size, strerror(errno));
	if (madvise(region, npages * page_size, MADV_NOHUGEPAGE))
		die("madvise(MADV_NOHUGEPAGE): %s", strerror(errno));

	populate();
	if (lose_page != UINT64_MAX) {
		/* self-test of the verifier: drop one page as a lost swap-in would */
		if (lose_page >= npages)
			die("--lose-page %" PRIu64 " is beyond the last page %zu", lose_page, npages - 1);
		if (madvise(region + lose_page * page_size, page_size, MADV_DONTNEED))
			die("madvise(MADV_DONTNEED): %s", strerror(errno));
	}
	double t1 = now_s();
	rusage_faults(&minflt1, &majflt1);

	struct job seqj = { .who = "seq", .random = 0, .count = passes,
			    .write_pct = (unsigned)write_pct };
	struct job randj = { .who = "rand", .random = 1, .count = accesses,
			     .seed = seed, .write_pct = (unsigned)write_pct };
	if (is_seq) {
		run_job(&seqj);
	} else if (is_rand) {
		run_job(&randj);
	} else {
		multithreaded = 1;
		pthread_t th;
		int err = pthread_create(&th, NULL, run_job, &randj);
		if (err)
			die("pthread_create: %s", strerror(err));
		run_job(&seqj);
		err = pthread_join(th, NULL);
		if (err)
			die("pthread_join: %s", strerror(err));
	}
	double t2 = now_s();
	rusage_faults(&minflt2, &majflt2);

	uint64_t reads = seqj.reads + randj.reads, writes = seqj.writes + randj.writes;
	printf("result=ok pattern=%s size=%zu pages=%zu passes=%" PRIu64 " accesses_rand=%" PRIu64
	       " write_pct=%" PRIu64 " seed=%" PRIu64
	       " populate_s=%.3f access_s=%.3f total_s=%.3f"
	       " seq_s=%.3f rand_s=%.3f seq_cpu_s=%.3f rand_cpu_s=%.3f seq_majflt=%ld rand_majflt=%ld"
	       " accesses=%" PRIu64 " reads=%" PRIu64 " writes=%" PRIu64
	       " populate_minflt=%ld populate_majflt=%ld access_minflt=%ld access_majflt=%ld\n",
	       pattern, npages * page_size, npages, is_rand ? 0 : passes,
	       is_seq ? 0 : accesses, write_pct, seed,
	       t1 - t0, t2 - t1, t2 - t0, seqj.elapsed, randj.elapsed,
	       seqj.cpu, randj.cpu, seqj.majflt, randj.majflt,
	       reads + writes, reads, writes,
	       minflt1 - minflt0, majflt1 - majflt0, minflt2 - minflt1, majflt2 - majflt1);
	return 0;
}
