/* atomic.c - the save transaction; see atomic.h. */
#include "nb.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libgen.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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

static void keep_owner(int fd, const char *path, const struct stat *st, char **note);

/* Copy the current file to path~ (atomically too), preferring a hard link. */
static int
keep_backup(const char *dir, const char *base, const char *target, const struct stat *st)
{
	char *bak = xasprintf("%s~", target), *tmp = NULL, buf[65536];
	int in = -1, out = -1, rc = -1;
	ssize_t n;

	/* A hard link costs nothing and is atomic; file systems without links get a copy. */
	tmp = xasprintf("%s/.%s~.%ld", dir, base, (long)getpid());
	unlink(tmp);
	/*
	 * Only a file of ours: a link to another user's file would be theirs,
	 * and in a sticky directory we could neither rename nor remove it.
	 */
	if ((st->st_uid == geteuid() || geteuid() == 0) && link(target, tmp) == 0) {
		rc = rename(tmp, bak);
		/* If bak already was a link to target, rename did nothing: drop the extra name. */
		if (rc == 0)
			unlink(tmp);
		goto out;
	}
	free(tmp);
	if ((out = make_temp(dir, base, &tmp)) < 0 ||
	    (in = open(target, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) < 0)
		goto out;
	/* A copied backup is readable by whoever could read the file, no one else. */
	keep_owner(out, target, st, NULL);
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

/*
 * May the link at path (lst its lstat) be followed?  As the kernel's
 * protected_symlinks rules for sticky directories: when it is ours, or its
 * directory's owner made it.  A link another user planted beside the file
 * (in /tmp, on a shared folder) is never written through.
 */
static bool
link_trusted(const char *path, const struct stat *lst)
{
	char *d = xstrdup(path);
	struct stat dst;
	bool ok = lst->st_uid == geteuid() ||
	    (stat(dirname(d), &dst) == 0 && dst.st_uid == lst->st_uid);

	free(d);
	return ok;
}

/* Decide which file a save of path writes: path itself, or what a permitted link names. */
static int
resolve_output(const char *path, unsigned flags, char *resolved, size_t size, const char **target,
    char **err)
{
	struct stat lst;

	*target = path;
	if (lstat(path, &lst) != 0 || !S_ISLNK(lst.st_mode))
		return 0;
	if (!(flags & ATOMIC_NAMED)) {
		*err = xasprintf(_("cannot save %s: it is a symbolic link, and nianbao writes through a link only when it is named as the output; the file was not changed"),
		    path);
		return -1;
	}
	if (!link_trusted(path, &lst)) {
		*err = xasprintf(_("cannot save %s: it is a symbolic link made by another user; nianbao does not write through it"),
		    path);
		return -1;
	}
	if (link_target(path, resolved, size) != 0) {
		*err = fail(path, _("cannot follow the symbolic link"), errno);
		return -1;
	}
	/* A chain of links ending nowhere: the second link is no file of ours to replace. */
	if (lstat(resolved, &lst) == 0 && S_ISLNK(lst.st_mode)) {
		*err = xasprintf(_("cannot save %s: it is a symbolic link to another link that names no file"), path);
		return -1;
	}
	*target = resolved;
	return 0;
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

bool
atomic_read_only(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return false;
	/* root may write anything; a file with no write bit at all still says "keep". */
	return (st.st_mode & 0222) == 0 || faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0;
}

/* The name of uid in buf (getpwuid's answer is overwritten by the next call). */
static const char *
user_name(uid_t uid, char *buf, size_t n)
{
	const struct passwd *pw = getpwuid(uid);

	if (pw != NULL)
		snprintf(buf, n, "%s", pw->pw_name);
	else
		snprintf(buf, n, "%ld", (long)uid);
	return buf;
}

static const char *
group_name(gid_t gid, char *buf, size_t n)
{
	const struct group *gr = getgrgid(gid);

	if (gr != NULL)
		snprintf(buf, n, "%s", gr->gr_name);
	else
		snprintf(buf, n, "%ld", (long)gid);
	return buf;
}

/*
 * Give fd the owner, group and mode of the file st describes; what could not
 * be kept is said in *note (a user who may write a file may not be able to
 * give its copy the owner's name: then the new file is theirs).
 */
static void
keep_owner(int fd, const char *path, const struct stat *st, char **note)
{
	struct stat now;
	char a[32], b[32];

	(void)fchown(fd, st->st_uid, st->st_gid);
	if (fstat(fd, &now) == 0 && now.st_gid != st->st_gid)
		(void)fchown(fd, (uid_t)-1, st->st_gid);
	if (fchmod(fd, st->st_mode & 07777) != 0)
		(void)fchmod(fd, st->st_mode & 0777);
	if (note == NULL || fstat(fd, &now) != 0)
		return;
	if (now.st_uid != st->st_uid)
		*note = xasprintf(_("%s now belongs to %s (it belonged to %s)"), path,
		    user_name(now.st_uid, a, sizeof a), user_name(st->st_uid, b, sizeof b));
	else if (now.st_gid != st->st_gid)
		*note = xasprintf(_("%s now belongs to group %s (it was group %s)"), path,
		    group_name(now.st_gid, a, sizeof a), group_name(st->st_gid, b, sizeof b));
	else if ((now.st_mode & 07777) != (st->st_mode & 07777))
		*note = xasprintf(_("%s now has mode %04o (it had %04o)"), path,
		    (unsigned)(now.st_mode & 07777), (unsigned)(st->st_mode & 07777));
}

/* A leftover of a save killed midway is this old before another save removes it. */
#define STALE_TEMP_SECONDS 600

/* Is name ".BASE.XXXXXX", a temporary file of ours for base? */
static bool
is_our_temp(const char *name, const char *base)
{
	size_t bl = strlen(base), nl = strlen(name);

	if (nl != bl + 8 || name[0] != '.' || strncmp(name + 1, base, bl) != 0 || name[bl + 1] != '.')
		return false;
	for (size_t i = bl + 2; i < nl; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9')))
			return false;
	return true;
}

/*
 * Remove the temporary files a save killed midway (kill -9, a power cut)
 * left beside base: ours (same owner, a regular file), and old, or any age
 * when the caller holds the file's lock, so that no other save is writing one.
 */
static void
remove_stale_temps(const char *dir, const char *base, const char *keep, bool locked)
{
	DIR *d = opendir(dir);
	const struct dirent *e;
	time_t now = time(NULL);

	while (d != NULL && (e = readdir(d)) != NULL) {
		struct stat st;
		char *p;

		if (!is_our_temp(e->d_name, base))
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		if (strcmp(p, keep) != 0 && lstat(p, &st) == 0 && S_ISREG(st.st_mode) &&
		    st.st_uid == geteuid() && (locked || now - st.st_mtime > STALE_TEMP_SECONDS))
			(void)unlink(p);
		free(p);
	}
	if (d != NULL)
		closedir(d);
}

int
atomic_write(const char *path, const void *data, size_t len, unsigned flags, char **note,
    char **err)
{
	char resolved[PATH_MAX], *d1 = NULL, *d2 = NULL, *tmp = NULL;
	const char *target, *dir, *base;
	struct stat st;
	bool exists, create = flags & ATOMIC_CREATE;
	int fd = -1, e, dfd;

	if (note != NULL)
		*note = NULL;
	if (resolve_output(path, flags, resolved, sizeof resolved, &target, err) != 0)
		return -1;
	exists = lstat(target, &st) == 0;
	/* Creating never goes through anything already at that name, even a dangling link. */
	if (create && (exists || lstat(path, &st) == 0)) {
		*err = xasprintf(_("%s already exists; nianbao does not overwrite it"), path);
		return -1;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		*err = xasprintf(_("cannot save %s: not a regular file"), path);
		return -1;
	}
	if (exists && !(flags & ATOMIC_FORCE) && atomic_read_only(target)) {
		*err = xasprintf(_("%s is read-only; nianbao does not replace it (make it writable, or use --force)"),
		    path);
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
	remove_stale_temps(dir, base, tmp, flags & ATOMIC_LOCKED);
	if (exists)
		keep_owner(fd, path, &st, note);
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
	if (create) {
		if (link_new(tmp, target, path, err) != 0)
			goto bad;
		goto done;
	}
	if (exists && keep_backup(dir, base, target, &st) != 0) {
		*err = fail(path, _("cannot keep the previous version as a backup"), errno);
		goto bad;
	}
	if (rename(tmp, target) != 0) {
		*err = fail(path, _("cannot replace the file"), errno);
		goto bad;
	}
done:
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
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
	if (note != NULL) {
		free(*note);
		*note = NULL;
	}
	return -1;
}

int
atomic_open_input(const char *path, char **err)
{
	struct stat st;

	return atomic_open_input_stat(path, &st, err);
}

int
atomic_open_input_stat(const char *path, struct stat *st, char **err)
{
	int fd, fl;

	/* O_NONBLOCK: opening a FIFO with no writer would otherwise wait for ever. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)) < 0) {
		*err = xstrdup(strerror(errno));
		return -1;
	}
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
		*err = xstrdup(S_ISDIR(st->st_mode) ? strerror(EISDIR) : _("not a regular file"));
		close(fd);
		return -1;
	}
	if ((fl = fcntl(fd, F_GETFL)) >= 0)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
}
