/* journal.c - crash snapshots and the one-editor-per-file lock; see journal.h. */
#include "nb.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lib/atomic.h"
#include "lib/buf.h"
#include "lib/xalloc.h"
#include "store/journal.h"

/* A lock file is one short line; anything longer is not ours. */
#define LOCK_MAX 1024
/* How often to re-read a lock that another editor may be writing right now. */
#define LOCK_TRIES 5
#define LOCK_WAIT_NS (20L * 1000 * 1000)

/*
 * DIR/.NAME<suffix> for file.  A symbolic link is followed to the file it
 * names, as atomic_write does, so that all names of a file share one journal
 * and one lock.
 */
static char *
beside(const char *file, const char *suffix)
{
	char *real = NULL, *d1, *d2, *path;
	const char *target = file, *dir, *base;
	struct stat st;
	size_t dl;

	if (lstat(file, &st) == 0 && S_ISLNK(st.st_mode) && (real = realpath(file, NULL)) != NULL)
		target = real;
	d1 = xstrdup(target);
	d2 = xstrdup(target);
	dir = dirname(d1);
	base = basename(d2);
	dl = strlen(dir);
	path = xasprintf("%s%s.%s%s", dir, dl > 0 && dir[dl - 1] == '/' ? "" : "/", base, suffix);
	free(d1);
	free(d2);
	free(real);
	return path;
}

char *
journal_path(const char *file)
{
	return beside(file, ".nbj");
}

char *
lock_path(const char *file)
{
	return beside(file, ".lock");
}

static char *
journal_fail(const char *path, const char *what, int err)
{
	if (err == ENOSPC || err == EDQUOT)
		return xasprintf(_("cannot write the recovery journal %s: the disk is full"), path);
	return xasprintf(_("cannot write the recovery journal %s: %s: %s"), path, what, strerror(err));
}

static void
sync_dir(const char *path)
{
	char *d = xstrdup(path);
	int fd;

	if ((fd = open(dirname(d), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(d);
}

/*
 * Not atomic_write: it would keep a NAME~ copy of every snapshot, follow a
 * symbolic link planted at the journal's name and give the file the mode of
 * the old one; a journal wants none of that, and mode 0600.
 */
int
journal_write(const char *file, const char *data, size_t len, char **err)
{
	char *path = journal_path(file), *tmp = xasprintf("%s.XXXXXX", path);
	int fd, e;

	if ((fd = mkstemp(tmp)) < 0) {
		*err = journal_fail(path, _("cannot create a temporary file in its directory"), errno);
		goto bad_notmp;
	}
	if (fchmod(fd, 0600) != 0 || atomic_write_fd(fd, data, len) != 0 || fsync(fd) != 0) {
		*err = journal_fail(path, _("write failed"), errno);
		goto bad;
	}
	e = close(fd);
	fd = -1;
	if (e != 0) {
		*err = journal_fail(path, _("write failed"), errno);
		goto bad;
	}
	if (rename(tmp, path) != 0) {
		*err = journal_fail(path, _("cannot put it in place"), errno);
		goto bad;
	}
	sync_dir(path);
	free(tmp);
	free(path);
	return 0;
bad:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
bad_notmp:
	free(tmp);
	free(path);
	return -1;
}

/*
 * NULL with errno ENOENT means there is no journal; any other errno means
 * there is one that cannot be read, which a caller should not overwrite.
 */
char *
journal_read(const char *file, size_t *len)
{
	char *path = journal_path(file), chunk[65536];
	struct buf b = BUF_INIT;
	struct stat st;
	ssize_t n;
	int fd, e;

	/* O_NONBLOCK: a FIFO in the journal's place must not hang the editor. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ELOOP)
		e = EPERM;	/* a link planted in the journal's place */
	else
		e = errno;
	free(path);
	if (fd < 0) {
		errno = e;
		return NULL;
	}
	if (fstat(fd, &st) != 0)
		e = errno;
	else
		e = !S_ISREG(st.st_mode) ? EINVAL :
		    /* another user's journal is no unsaved work of ours: never offered */
		    st.st_uid != geteuid() || (st.st_mode & 022) != 0 ? EPERM : 0;
	if (e != 0) {
		close(fd);
		errno = e;
		return NULL;
	}
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			close(fd);
			buf_free(&b);
			errno = e;
			return NULL;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	close(fd);
	*len = b.len;
	return buf_detach(&b);
}

void
journal_remove(const char *file)
{
	char *path = journal_path(file);

	(void)unlink(path);
	free(path);
}

/* Host and user names go between spaces in the lock; keep them one word. */
static void
one_word(char *s)
{
	for (unsigned char *p = (unsigned char *)s; *p != '\0'; p++)
		if (*p <= ' ' || *p == 0x7f)
			*p = '_';
}

/* Copy at most n - 1 bytes, not cutting a UTF-8 sequence in two. */
static void
copy_field(char *dst, size_t n, const char *src, size_t len)
{
	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
}

static void
whoami(struct lock_owner *me)
{
	const struct passwd *pw = getpwuid(geteuid());
	const char *user = pw != NULL ? pw->pw_name : NULL;
	char uid[32];

	memset(me, 0, sizeof *me);
	me->pid = getpid();
	if (gethostname(me->host, sizeof me->host) != 0 || me->host[0] == '\0')
		strcpy(me->host, "localhost");
	me->host[sizeof me->host - 1] = '\0';
	one_word(me->host);
	/* Containers may have no passwd entry for us. */
	if (user == NULL || *user == '\0')
		user = getenv("LOGNAME");
	if (user == NULL || *user == '\0')
		user = getenv("USER");
	if (user == NULL || *user == '\0') {
		snprintf(uid, sizeof uid, "uid%ld", (long)geteuid());
		user = uid;
	}
	copy_field(me->user, sizeof me->user, user, strlen(user));
	one_word(me->user);
}

/* Parse "PID HOST USER\n"; 0 when it is exactly that, -1 otherwise. */
static int
parse_lock(const char *s, size_t n, struct lock_owner *o)
{
	const char *end = s + n, *p = s, *w;
	long long pid = 0;

	if (n == 0 || end[-1] != '\n')
		return -1;
	end--;
	for (w = s; w < end; w++)
		if ((unsigned char)*w < ' ' || *w == 0x7f)
			return -1;
	for (; p < end && *p >= '0' && *p <= '9' && p - s < 10; p++)
		pid = pid * 10 + (*p - '0');
	if (p == s || p == end || *p != ' ' || pid <= 0 || pid != (pid_t)pid)
		return -1;
	o->pid = (pid_t)pid;
	for (w = ++p; p < end && *p != ' '; p++)
		;
	if (p == w || p == end)
		return -1;
	copy_field(o->host, sizeof o->host, w, (size_t)(p - w));
	for (w = ++p; p < end && *p != ' '; p++)
		;
	if (p == w || p != end)
		return -1;
	copy_field(o->user, sizeof o->user, w, (size_t)(p - w));
	return 0;
}

/* Read a lock; 0 and parsed, 1 unreadable or garbage, -1 with errno (ENOENT: gone). */
static int
read_lock_once(const char *path, struct lock_owner *o)
{
	char s[LOCK_MAX];
	size_t n = 0;
	ssize_t r;
	int fd;

	/* A symbolic link in place of a lock is not a lock nianbao wrote. */
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) < 0)
		return errno == ENOENT ? -1 : 1;
	while (n < sizeof s && (r = read(fd, s + n, sizeof s - n)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	return parse_lock(s, n, o) == 0 ? 0 : 1;
}

/*
 * Who holds the lock at path; -1 (errno ENOENT) if it went away meanwhile.
 * Another editor writes its line just after creating the file, so an
 * unreadable lock is given a moment before it counts as garbage.
 */
static int
read_owner(const char *path, const struct lock_owner *me, struct lock_owner *o)
{
	struct timespec ts = { 0, LOCK_WAIT_NS };
	int rc = 1;

	memset(o, 0, sizeof *o);
	for (int i = 1; (rc = read_lock_once(path, o)) == 1 && i < LOCK_TRIES; i++)
		nanosleep(&ts, NULL);
	if (rc < 0)
		return -1;
	if (rc > 0) {
		memset(o, 0, sizeof *o);
		strcpy(o->user, "unknown");
		o->stale = true;
		return 0;
	}
	/* On another host the pid tells us nothing: never stale. */
	if (strcmp(o->host, me->host) == 0 && o->pid != me->pid)
		o->stale = kill(o->pid, 0) != 0 && errno != EPERM;
	return 0;
}

/*
 * The locks this process holds: each keeps its file open with flock(2) on
 * it, so that another process can tell a dead holder from a live one
 * without trusting a pid, and counts how many callers took it (set takes
 * the lock, then store_save takes it again around the save).
 */
struct held_lock {
	char	*path;
	int	 fd;
	int	 refs;
};
static struct held_lock *held;
static size_t nheld;

static struct held_lock *
held_find(const char *path)
{
	for (size_t i = 0; i < nheld; i++)
		if (strcmp(held[i].path, path) == 0)
			return &held[i];
	return NULL;
}

static void
held_add(const char *path, int fd)
{
	held = xrealloc(held, (nheld + 1) * sizeof *held);
	held[nheld].path = xstrdup(path);
	held[nheld].fd = fd;
	held[nheld].refs = 1;
	nheld++;
}

static void
held_drop(struct held_lock *h)
{
	close(h->fd);
	free(h->path);
	*h = held[--nheld];
	if (nheld == 0) {
		free(held);
		held = NULL;
	}
}

static bool
is_mine(const struct lock_owner *o, const struct lock_owner *me)
{
	return o->pid == me->pid && strcmp(o->host, me->host) == 0;
}

static char *
lock_fail(const char *path, int err)
{
	return xasprintf(_("cannot create the lock file %s: %s"), path, strerror(err));
}

int
lock_take(const char *file, bool force, struct lock_owner *owner, char **err)
{
	struct lock_owner me, other;
	char *path = lock_path(file), *line;
	bool broken = false;
	int rc = -1, fd;

	if (owner == NULL)
		owner = &other;
	whoami(&me);
	line = xasprintf("%ld %s %s\n", (long)me.pid, me.host, me.user);
	for (int tries = 0; tries < LOCK_TRIES; tries++) {
		if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) >= 0) {
			/* flock first: whoever sees the file sees a live holder. */
			(void)flock(fd, LOCK_EX | LOCK_NB);
			if (atomic_write_fd(fd, line, strlen(line)) != 0 || fsync(fd) != 0) {
				*err = lock_fail(path, errno);
				unlink(path);
				close(fd);
				goto out;
			}
			held_add(path, fd);
			*owner = me;
			rc = 0;
			goto out;
		}
		if (errno != EEXIST) {
			*err = lock_fail(path, errno);
			goto out;
		}
		if (read_owner(path, &me, owner) != 0)
			continue;	/* released meanwhile: try again */
		if (is_mine(owner, &me)) {
			struct held_lock *h = held_find(path);

			if (h != NULL)
				h->refs++;
			rc = 0;
			goto out;
		}
		/* Break one lock at most: whoever takes it meanwhile is reported, not broken too. */
		if (!force || broken) {
			rc = 1;
			goto out;
		}
		if (unlink(path) != 0 && errno != ENOENT) {
			*err = xasprintf(_("cannot remove the lock file %s: %s"), path, strerror(errno));
			goto out;
		}
		broken = true;
	}
	*err = xasprintf(_("cannot create the lock file %s: another program keeps changing it"), path);
out:
	free(line);
	free(path);
	return rc;
}

/*
 * Remove the lock at path if its holder is gone: flock(2) shows that no
 * process holds it open, the name still is the file we locked, and what it
 * says is still a dead process (or garbage).  Everyone removes a lock only
 * while holding its flock, so two processes cannot both break it.
 */
static int
break_stale(const char *path, const struct lock_owner *me)
{
	struct stat a, b;
	struct lock_owner o;
	char s[LOCK_MAX];
	ssize_t n;
	int fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) < 0)
		return errno == ENOENT ? 0 : -1;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0 || fstat(fd, &a) != 0 || lstat(path, &b) != 0 ||
	    a.st_dev != b.st_dev || a.st_ino != b.st_ino || !S_ISREG(a.st_mode))
		goto out;
	memset(&o, 0, sizeof o);
	n = pread(fd, s, sizeof s, 0);
	if (n > 0 && parse_lock(s, (size_t)n, &o) == 0 &&
	    (strcmp(o.host, me->host) != 0 || o.pid == me->pid || kill(o.pid, 0) == 0 || errno == EPERM))
		goto out;	/* alive, or on another host: not ours to judge */
	rc = unlink(path) == 0 || errno == ENOENT ? 0 : -1;
out:
	close(fd);
	return rc;
}

int
lock_take_wait(const char *file, int wait_ms, struct lock_owner *owner, char **err)
{
	struct timespec ts = { 0, LOCK_WAIT_NS };
	struct lock_owner me;
	char *path = lock_path(file);
	int rc;

	whoami(&me);
	for (int waited = 0;; waited += (int)(LOCK_WAIT_NS / 1000000)) {
		if ((rc = lock_take(file, false, owner, err)) != 1)
			break;
		if (owner->stale && break_stale(path, &me) == 0)
			continue;
		if (waited >= wait_ms)
			break;
		nanosleep(&ts, NULL);
	}
	free(path);
	return rc;
}

void
lock_release(const char *file)
{
	char *path = lock_path(file);
	struct held_lock *h = held_find(path);
	struct lock_owner me, o;

	if (h != NULL && --h->refs > 0) {
		free(path);
		return;
	}
	whoami(&me);
	memset(&o, 0, sizeof o);
	if (h != NULL) {
		struct stat a, b;

		/* The file we hold open is the lock still at path: no need to read it again. */
		if (fstat(h->fd, &a) == 0 && lstat(path, &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino)
			(void)unlink(path);
		held_drop(h);	/* after the unlink: the flock guards it */
	} else if (read_lock_once(path, &o) == 0 && is_mine(&o, &me))
		(void)unlink(path);	/* one read: a garbage lock is not ours, and waiting helps nobody */
	free(path);
}
