/* t_jobs.c - work shared among forked workers (lib/jobs.h): shares, order of output, results, deaths. */
#include "nb.h"

#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/jobs.h"

Test(jobs, split_covers_every_item_once_in_order)
{
	for (size_t n = 1; n <= 40; n++)
		for (size_t j = 1; j <= n; j++) {
			size_t next = 0, from, to;

			for (size_t k = 0; k < j; k++) {
				jobs_split(n, j, k, &from, &to);
				cr_assert_eq(from, next, "n=%zu j=%zu share %zu starts where the last ended", n, j, k);
				cr_assert_gt(to, from, "n=%zu j=%zu share %zu is not empty", n, j, k);
				cr_assert_leq(to - from, n / j + 1, "n=%zu j=%zu share %zu is fair", n, j, k);
				next = to;
			}
			cr_assert_eq(next, n, "n=%zu j=%zu: the shares end at n", n, j);
		}
}

/* Each item printed on both streams; the later items print much more, so that
 * a worker's output fills its pipe while the one before it still runs. */
static int
jobs_t_print(size_t from, size_t to, void *arg, void *result)
{
	size_t *sum = result;

	(void)arg;
	for (size_t i = from; i < to; i++) {
		for (size_t k = 0; k <= i * 50; k++)
			printf("item %zu line %zu\n", i, k);
		fprintf(stderr, "err %zu\n", i);
		*sum += i;
	}
	return from == 0 ? 3 : 1;
}

/* The standard output or error (fd) of fn run over n items by j workers, with the results;
 * the other stream goes nowhere. */
static char *
jobs_t_capture(size_t n, size_t j, jobs_fn fn, int fd, size_t *res, struct jobs_share *sh)
{
	FILE *f = tmpfile(), *null = fopen("/dev/null", "w");
	int other = fd == STDOUT_FILENO ? STDERR_FILENO : STDOUT_FILENO;
	int saved = dup(fd), saved_other = dup(other), rc;
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t k;
	char *err = NULL;

	cr_assert_not_null(f);
	cr_assert_not_null(null);
	fflush(NULL);
	dup2(fileno(f), fd);
	dup2(fileno(null), other);
	rc = jobs_run(n, j, fn, NULL, sizeof *res, res, sh, &err);
	fflush(NULL);
	dup2(saved, fd);
	dup2(saved_other, other);
	close(saved);
	close(saved_other);
	fclose(null);
	cr_assert_eq(rc, 0, "the workers start: %s", err != NULL ? err : "");
	rewind(f);
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, k);
	fclose(f);
	buf_addc(&b, '\0');
	return buf_detach(&b);
}

Test(jobs, output_in_order_of_the_shares_as_one_process_would_print_it)
{
	size_t res1[1], res5[5];
	struct jobs_share sh1[1], sh5[5];
	char *one = jobs_t_capture(23, 1, jobs_t_print, STDOUT_FILENO, res1, sh1);
	char *five = jobs_t_capture(23, 5, jobs_t_print, STDOUT_FILENO, res5, sh5);
	char *errs = jobs_t_capture(23, 5, jobs_t_print, STDERR_FILENO, res5, sh5);
	size_t total = 0;

	cr_assert_gt(strlen(one), 65536 * 2, "more than two pipes' worth of output");
	cr_assert_str_eq(five, one, "five workers print the same bytes as one");
	cr_assert_eq(strncmp(errs, "err 0\nerr 1\n", 12), 0, "standard error in order too");
	cr_assert_not_null(strstr(errs, "err 21\nerr 22\n"));
	for (size_t k = 0; k < 5; k++) {
		cr_assert_not(sh5[k].died, "worker %zu ended normally", k);
		cr_assert_eq(sh5[k].status, k == 0 ? 3 : 1, "worker %zu's exit status", k);
		total += res5[k];
	}
	cr_assert_eq(total, 22 * 23 / 2, "each worker's result comes back");
	cr_assert_eq(res1[0], total);
	free(one);
	free(five);
	free(errs);
}

/* The worker with item 3 is killed in the middle of its line. */
static int
jobs_t_die(size_t from, size_t to, void *arg, void *result)
{
	(void)arg, (void)result;
	for (size_t i = from; i < to; i++) {
		printf(i == 3 ? "item %zu" : "item %zu\n", i);
		if (i == 3) {
			fflush(stdout);
			raise(SIGKILL);
		}
	}
	return 0;
}

Test(jobs, a_worker_that_dies_is_told_apart_and_the_others_go_on)
{
	size_t res[4];
	struct jobs_share sh[4];
	char *out = jobs_t_capture(8, 4, jobs_t_die, STDOUT_FILENO, res, sh);

	cr_assert_str_eq(out, "item 0\nitem 1\nitem 2\nitem 3\nitem 4\nitem 5\nitem 6\nitem 7\n",
	    "what it printed before it died is kept, in its place, its cut line ended");
	cr_assert_eq(sh[1].from, 2);
	cr_assert_eq(sh[1].to, 4);
	cr_assert(sh[1].died, "the worker with items 2 and 3 died");
	cr_assert_eq(sh[1].status, 128 + SIGKILL);
	cr_assert_not(sh[0].died);
	cr_assert_not(sh[2].died);
	cr_assert_not(sh[3].died);
	free(out);
}
