/*
 * jobs.h - one piece of work over items 0..n-1 shared among forked worker
 * processes (no threads: the code they run keeps state of its own), each
 * taking a contiguous share; what they print comes out in the order of the
 * shares, byte for byte as if one process had done them one after the other.
 */
#ifndef JOBS_H
#define JOBS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Items [from, to), in a worker whose standard output and error go to the
 * parent; fills the share's result (result_size bytes, zeroed first) and
 * returns its exit status (0 to 125).
 */
typedef int (*jobs_fn)(size_t from, size_t to, void *arg, void *result);

struct jobs_share {
	size_t	 from, to;	/* the items it had */
	int	 status;	/* what fn returned */
	bool	 died;		/* killed, or ended without handing its result over */
};

/* Share k of n items among njobs: [*from, *to), the first ones a little larger. */
void jobs_split(size_t n, size_t njobs, size_t k, size_t *from, size_t *to);

/*
 * Run fn over [0, n) in njobs workers (1 <= njobs <= n): shares[k] and the
 * k-th result_size bytes of results for share k.  Returns 0 once every
 * worker has ended; -1 with *err (caller frees) when they cannot be
 * started, before anything is printed: then the caller may do the work
 * itself.
 */
int jobs_run(size_t n, size_t njobs, jobs_fn fn, void *arg, size_t result_size, void *results,
    struct jobs_share *shares, char **err);

#endif
