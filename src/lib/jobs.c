/* jobs.c - work shared among forked workers, their output in order; see jobs.h. */
#include "nb.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/atomic.h"
#include "lib/buf.h"
#include "lib/jobs.h"
#include "lib/xalloc.h"

enum { JOBS_OUT, JOBS_ERR, JOBS_RESULT, JOBS_FDS };

/* A worker as the parent sees it: its pipes' read ends (-1 once at their end),
 * what it printed that is not passed on yet, and its result so far. */
struct jobs_worker {
	pid_t		 pid;
	int		 fd[JOBS_FDS];
	struct buf	 pending[2];	/* standard output and error */
	size_t		 got;		/* bytes of its result */
	char		 last[2];	/* the last byte passed on of each stream, or 0 */
};

void
jobs_split(size_t n, size_t njobs, size_t k, size_t *from, size_t *to)
{
	size_t each = n / njobs, extra = n % njobs;

	*from = k * each + (k < extra ? k : extra);
	*to = *from + each + (k < extra);
}

/* In the worker: its pipes become its standard output and error, the others' are closed. */
static void
jobs_child(struct jobs_worker *w, size_t k, int wfd[JOBS_FDS])
{
	for (size_t i = 0; i < k; i++)
		for (int f = 0; f < JOBS_FDS; f++)
			close(w[i].fd[f]);
	for (int f = 0; f < JOBS_FDS; f++)
		close(w[k].fd[f]);
	dup2(wfd[JOBS_OUT], STDOUT_FILENO);
	dup2(wfd[JOBS_ERR], STDERR_FILENO);
	close(wfd[JOBS_OUT]);
	close(wfd[JOBS_ERR]);
}

/* Start worker k; -1 with errno when its pipes or the process cannot be made. */
static int
jobs_start(struct jobs_worker *w, size_t k, struct jobs_share *sh, jobs_fn fn, void *arg,
    size_t result_size)
{
	int p[JOBS_FDS][2], made = 0, wfd[JOBS_FDS], e;

	for (; made < JOBS_FDS; made++)
		if (pipe(p[made]) != 0)
			goto fail;
	for (int f = 0; f < JOBS_FDS; f++) {
		w[k].fd[f] = p[f][0];
		wfd[f] = p[f][1];
	}
	if ((w[k].pid = fork()) < 0)
		goto fail;
	if (w[k].pid == 0) {
		void *result = xcalloc(1, result_size > 0 ? result_size : 1);
		int status;

		jobs_child(w, k, wfd);
		status = fn(sh->from, sh->to, arg, result);
		fflush(NULL);
		if (atomic_write_fd(wfd[JOBS_RESULT], result, result_size) != 0)
			status = 126;
		_exit(status);	/* not exit(): the parent's atexit handlers are the parent's */
	}
	for (int f = 0; f < JOBS_FDS; f++)
		close(wfd[f]);
	return 0;
fail:
	e = errno;
	for (int f = 0; f < made; f++) {
		close(p[f][0]);
		close(p[f][1]);
	}
	errno = e;
	return -1;
}

/* Pass on what the worker printed so far, to our standard output and error. */
static void
jobs_pass(struct jobs_worker *w)
{
	for (int s = 0; s < 2; s++) {
		if (w->pending[s].len > 0) {
			(void)atomic_write_fd(s == 0 ? STDOUT_FILENO : STDERR_FILENO, w->pending[s].data,
			    w->pending[s].len);
			w->last[s] = w->pending[s].data[w->pending[s].len - 1];
		}
		buf_reset(&w->pending[s]);
	}
}

/* Read what fd f of worker w has; its result goes to result. */
static void
jobs_read(struct jobs_worker *w, int f, char *result, size_t result_size)
{
	char chunk[65536];
	ssize_t k;

	if (f == JOBS_RESULT) {
		k = w->got < result_size ? read(w->fd[f], result + w->got, result_size - w->got) :
		    read(w->fd[f], chunk, sizeof chunk);	/* too much: a broken worker */
		if (k > 0 && w->got < result_size)
			w->got += (size_t)k;
	} else if ((k = read(w->fd[f], chunk, sizeof chunk)) > 0)
		buf_add(&w->pending[f], chunk, (size_t)k);
	if (k == 0 || (k < 0 && errno != EINTR && errno != EAGAIN)) {
		close(w->fd[f]);
		w->fd[f] = -1;
	}
}

static bool
jobs_open(const struct jobs_worker *w)
{
	return w->fd[JOBS_OUT] >= 0 || w->fd[JOBS_ERR] >= 0 || w->fd[JOBS_RESULT] >= 0;
}

/* Wait for worker k to end, once its pipes are all at their end. */
static void
jobs_reap(struct jobs_worker *w, struct jobs_share *sh, size_t result_size)
{
	int st = 0;

	while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR)
		;
	sh->died = !WIFEXITED(st) || WEXITSTATUS(st) > 125 || w->got < result_size;
	sh->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	for (int s = 0; sh->died && s < 2; s++)	/* a line it was cut off in ends there */
		if (w->last[s] != '\0' && w->last[s] != '\n')
			(void)atomic_write_fd(s == 0 ? STDOUT_FILENO : STDERR_FILENO, "\n", 1);
}

/* Read every worker's pipes (all of them at once: none may block on a full
 * pipe while another's is read), passing on the output of the first that
 * has not ended, and holding the others' until their turn. */
static void
jobs_collect(struct jobs_worker *w, size_t nw, char *results, size_t result_size,
    struct jobs_share *shares)
{
	struct pollfd *pfd = xcalloc(nw * JOBS_FDS, sizeof *pfd);
	size_t *who = xcalloc(nw * JOBS_FDS, sizeof *who), cur = 0;

	while (cur < nw) {
		size_t np = 0;

		for (size_t k = cur; k < nw; k++)
			for (int f = 0; f < JOBS_FDS; f++)
				if (w[k].fd[f] >= 0) {
					who[np] = k * JOBS_FDS + (size_t)f;
					pfd[np++] = (struct pollfd){ w[k].fd[f], POLLIN, 0 };
				}
		if (poll(pfd, np, -1) < 0 && errno != EINTR)
			for (size_t i = 0; i < np; i++)	/* cannot wait: read each in turn */
				pfd[i].revents = POLLHUP;
		for (size_t i = 0; i < np; i++)
			if (pfd[i].revents != 0)
				jobs_read(&w[who[i] / JOBS_FDS], (int)(who[i] % JOBS_FDS),
				    results + who[i] / JOBS_FDS * result_size, result_size);
		jobs_pass(&w[cur]);
		while (cur < nw && !jobs_open(&w[cur])) {
			jobs_reap(&w[cur], &shares[cur], result_size);
			if (++cur < nw)
				jobs_pass(&w[cur]);
		}
	}
	free(pfd);
	free(who);
}

int
jobs_run(size_t n, size_t njobs, jobs_fn fn, void *arg, size_t result_size, void *results,
    struct jobs_share *shares, char **err)
{
	struct jobs_worker *w = xcalloc(njobs, sizeof *w);
	size_t k;

	fflush(NULL);	/* or a worker would print what the parent has buffered */
	memset(results, 0, njobs * result_size);
	for (k = 0; k < njobs; k++) {
		jobs_split(n, njobs, k, &shares[k].from, &shares[k].to);
		shares[k].status = 0;
		shares[k].died = false;
		if (jobs_start(w, k, &shares[k], fn, arg, result_size) != 0)
			break;
	}
	if (k < njobs) {	/* nothing was passed on yet: stop the ones started */
		*err = xasprintf(_("cannot start worker %zu of %zu: %s"), k + 1, njobs, strerror(errno));
		for (size_t i = 0; i < k; i++) {
			kill(w[i].pid, SIGTERM);
			for (int f = 0; f < JOBS_FDS; f++)
				close(w[i].fd[f]);
			while (waitpid(w[i].pid, NULL, 0) < 0 && errno == EINTR)
				;
		}
		free(w);
		return -1;
	}
	jobs_collect(w, njobs, results, result_size, shares);
	for (k = 0; k < njobs; k++) {
		buf_free(&w[k].pending[0]);
		buf_free(&w[k].pending[1]);
	}
	free(w);
	return 0;
}
