/*
 * faultshim.c - an LD_PRELOAD library that makes one system call fail, for
 * tests/faults.sh: the Nth call of FAULT_OP (write, fsync, rename, close,
 * open, link) fails with FAULT_ERRNO (EIO or ENOSPC); with FAULT_ALL=1, that
 * call and every later one.  Standard input, output and error are left alone,
 * so that the program can still say what went wrong.  When it injects a
 * failure it creates the file FAULT_FIRED, so the test knows when N has gone
 * past the last call.  Built by the test with cc -shared; not part of nianbao.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static long calls;

/* Should this call of op fail?  Then errno is set and the failure recorded. */
static int
inject(const char *op)
{
	const char *want = getenv("FAULT_OP"), *n = getenv("FAULT_N"), *e = getenv("FAULT_ERRNO");
	const char *fired = getenv("FAULT_FIRED"), *all = getenv("FAULT_ALL");
	long nth;

	if (want == NULL || n == NULL || strcmp(want, op) != 0)
		return 0;
	nth = strtol(n, NULL, 10);
	calls++;
	if (calls < nth || (calls > nth && (all == NULL || *all != '1')))
		return 0;
	if (fired != NULL) {
		int (*real_open)(const char *, int, ...) = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
		int fd = real_open(fired, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
		int (*real_close)(int) = (int (*)(int))dlsym(RTLD_NEXT, "close");

		if (fd >= 0)
			real_close(fd);
	}
	errno = e != NULL && strcmp(e, "ENOSPC") == 0 ? ENOSPC : EIO;
	return 1;
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);

	if (real == NULL)
		real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	if (fd > 2 && inject("write"))
		return -1;
	return real(fd, buf, n);
}

int
fsync(int fd)
{
	static int (*real)(int);

	if (real == NULL)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	if (fd > 2 && inject("fsync"))
		return -1;
	return real(fd);
}

int
close(int fd)
{
	static int (*real)(int);

	if (real == NULL)
		real = (int (*)(int))dlsym(RTLD_NEXT, "close");
	/* close(2) fails after closing the descriptor, as on NFS: the fd is gone either way. */
	if (fd > 2 && inject("close")) {
		int e = errno;

		real(fd);
		errno = e;
		return -1;
	}
	return real(fd);
}

int
rename(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);

	if (real == NULL)
		real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	if (inject("rename"))
		return -1;
	return real(from, to);
}

int
link(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);

	if (real == NULL)
		real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "link");
	if (inject("link"))
		return -1;
	return real(from, to);
}

static int
open_common(const char *sym, const char *path, int flags, mode_t mode)
{
	int (*real)(const char *, int, ...) = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, sym);

	if (inject("open"))
		return -1;
	return real(path, flags, mode);
}

int
open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	return open_common("open", path, flags, mode);
}

int
open64(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	return open_common("open64", path, flags, mode);
}
