/* atomic.c - the save transaction; see atomic.h. */
#include "nb.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/atomic.h"
#include "lib/xalloc.h"

static char *
fail(const char *path, const char *what, int err)
{
	if (err == ENOSPC || err == EDQUOT)
		return xasprintf(_("cannot save %s: %s: the disk is full; the file was not changed"),
		    path, strerror(err));
	return xasprintf(_("cannot save %s: %s: %s; the file was not changed"), path, what, strerror(err));
}

int
atomic_write_fd(int fd, const void *data, size_t n)
{
	const char *p = data;

	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Make a temporary file beside target; returns its fd and name (caller frees). */
static int
make_temp(const char *dir, const char *base, char **name)
{
	*name = xasprintf("%s/.%s.XXXXXX", dir, base);
	return mkstemp(*name);
}

/* Copy the current file to path~ (atomically too), preferring a hard link. */
static int
keep_backup(const char *dir, const char *base, const char *target)
{
	char *bak = xasprintf("%s~", target), *tmp = NULL, buf[65536];
	int in = -1, out = -1, rc = -1;
	ssize_t n;

	/* A hard link costs nothing and is atomic; file systems without links get a copy. */
	tmp = xasprintf("%s/.%s~.%ld", dir, base, (long)getpid());
	unlink(tmp);
	if (link(target, tmp) == 0) {
		rc = rename(tmp, bak);
		/* If bak already was a link to target, rename did nothing: drop the extra name. */
		if (rc == 0)
			unlink(tmp);
		goto out;
	}
	free(tmp);
	if ((out = make_temp(dir, base, &tmp)) < 0 || (in = open(target, O_RDONLY)) < 0)
		goto out;
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (atomic_write_fd(out, buf, (size_t)n) != 0)
			goto out;
	if (n < 0 || fsync(out) != 0)
		goto out;
	rc = close(out);
	out = -1;
	if (rc == 0)
		rc = rename(tmp, bak);
out:
	if (rc != 0 && tmp != NULL)
		unlink(tmp);
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	free(tmp);
	free(bak);
	return rc;
}

/* The file a symbolic link names, whether or not it exists yet. */
static int
link_target(const char *path, char *out, size_t size)
{
	char link[PATH_MAX], *dir;
	ssize_t n;

	if (realpath(path, out) != NULL)
		return 0;
	if ((n = readlink(path, link, sizeof link - 1)) < 0)
		return -1;
	link[n] = '\0';
	if (link[0] == '/') {
		snprintf(out, size, "%s", link);
		return 0;
	}
	dir = xstrdup(path);
	n = snprintf(out, size, "%s/%s", dirname(dir), link);
	free(dir);
	return n >= 0 && (size_t)n < size ? 0 : -1;
}

/* Put the finished temporary file in place without replacing anything. */
static int
link_new(const char *tmp, const char *target, const char *path, char **err)
{
	if (link(tmp, target) == 0) {
		unlink(tmp);
		return 0;
	}
	if (errno == EEXIST)
		*err = xasprintf(_("%s already exists; nianbao does not overwrite it"), path);
	else
		*err = fail(path, _("cannot create the file"), errno);
	return -1;
}

int
atomic_write(const char *path, const void *data, size_t len, enum atomic_mode mode, char **err)
{
	char resolved[PATH_MAX], *d1 = NULL, *d2 = NULL, *tmp = NULL;
	const char *target = path, *dir, *base;
	struct stat st;
	bool exists;
	int fd = -1, e, dfd;

	/* Save through a symbolic link to the file it names, even one not created yet. */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && link_target(path, resolved, sizeof resolved) == 0)
		target = resolved;
	exists = stat(target, &st) == 0;
	/* Creating never goes through anything already at that name, even a dangling link. */
	if (mode == ATOMIC_CREATE && (exists || lstat(path, &st) == 0)) {
		*err = xasprintf(_("%s already exists; nianbao does not overwrite it"), path);
		return -1;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		*err = xasprintf(_("cannot save %s: not a regular file"), path);
		return -1;
	}
	d1 = xstrdup(target);
	d2 = xstrdup(target);
	dir = dirname(d1);
	base = basename(d2);
	if ((fd = make_temp(dir, base, &tmp)) < 0) {
		*err = fail(path, _("cannot create a temporary file in its directory"), errno);
		goto bad_notmp;
	}
	if (exists)
		(void)fchmod(fd, st.st_mode & 07777);
	else {
		mode_t um = umask(0);

		umask(um);
		(void)fchmod(fd, 0666 & ~um);
	}
	if (atomic_write_fd(fd, data, len) != 0 || fsync(fd) != 0) {
		*err = fail(path, _("write failed"), errno);
		goto bad;
	}
	e = close(fd);
	fd = -1;
	if (e != 0) {
		*err = fail(path, _("write failed"), errno);
		goto bad;
	}
	if (mode == ATOMIC_CREATE) {
		if (link_new(tmp, target, path, err) != 0)
			goto bad;
		goto done;
	}
	if (exists && keep_backup(dir, base, target) != 0) {
		*err = fail(path, _("cannot keep the previous version as a backup"), errno);
		goto bad;
	}
	if (rename(tmp, target) != 0) {
		*err = fail(path, _("cannot replace the file"), errno);
		goto bad;
	}
done:
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	free(tmp);
	free(d1);
	free(d2);
	return 0;
bad:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = e;
bad_notmp:
	free(tmp);
	free(d1);
	free(d2);
	return -1;
}
