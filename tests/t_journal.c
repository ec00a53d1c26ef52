/* t_journal.c - crash snapshots (journal_*) and the per-file lock (lock_*). */
#include "nb.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <ftw.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/xalloc.h"
#include "store/journal.h"
#include "testlib.h"

static char *dir;	/* a fresh directory for each test */

static void
setup(void)
{
	dir = tl_make_dir("t_journal");
}

static void
teardown(void)
{
	tl_remove_dir(dir);
}

TestSuite(journal, .init = setup, .fini = teardown);
TestSuite(lock, .init = setup, .fini = teardown);

static char *
in_dir(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void
put_file(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	cr_assert_not_null(fp, "cannot write %s: %s", path, strerror(errno));
	cr_assert_eq(fwrite(data, 1, len, fp), len);
	cr_assert_eq(fclose(fp), 0);
}

/* The file's bytes (NUL-terminated), or NULL if it does not exist. */
static char *
get_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *s = NULL;
	size_t cap = 0, n = 0, r;

	if (fp == NULL)
		return NULL;
	do {
		if (cap - n < 4096)
			s = xrealloc(s, cap = cap * 2 + 4096);
		n += r = fread(s + n, 1, cap - n - 1, fp);
	} while (r > 0);
	fclose(fp);
	s[n] = '\0';
	if (len != NULL)
		*len = n;
	return s;
}

/* Number of entries in dir, . and .. excepted. */
static int
entries(void)
{
	char *cmd = xasprintf("ls -A '%s' | wc -l", dir);
	FILE *fp = popen(cmd, "r");
	int n = -1;

	cr_assert_not_null(fp);
	cr_assert_eq(fscanf(fp, "%d", &n), 1);
	pclose(fp);
	free(cmd);
	return n;
}

static void
round_trip(const char *file, const char *data, size_t len)
{
	char *err = NULL, *got;
	size_t n = 12345;

	cr_assert_eq(journal_write(file, data, len, &err), 0, "journal_write: %s", err);
	got = journal_read(file, &n);
	cr_assert_not_null(got, "journal_read: %s", strerror(errno));
	cr_assert_eq(n, len, "read %zu bytes, wrote %zu", n, len);
	cr_assert(memcmp(got, data, len) == 0, "the bytes differ");
	cr_assert_eq(got[n], '\0', "the journal's text is NUL-terminated");
	free(got);
}

/* ---- journal ---- */

Test(journal, paths_are_hidden_beside_the_file)
{
	char *p;

	p = journal_path("some/dir/report.nb");
	cr_assert_str_eq(p, "some/dir/.report.nb.nbj");
	free(p);
	p = lock_path("some/dir/report.nb");
	cr_assert_str_eq(p, "some/dir/.report.nb.lock");
	free(p);
	p = journal_path("报告2025.nb");
	cr_assert_str_eq(p, "./.报告2025.nb.nbj");
	free(p);
	p = lock_path("/report.nb");
	cr_assert_str_eq(p, "/.report.nb.lock");
	free(p);
}

Test(journal, round_trip_utf8_text_exact)
{
	static const char text[] =
	    "; nianbao report file, UTF-8.\r\n[report]\nagency = |临川县自然资源局|\n"
	    "\t“引号” — 省略号… ① × 𠀀 emoji 😀 %41 |bars| \\ trailing spaces   \n"
	    "\xC2\x80\xEF\xBB\xBF no final newline";
	char *file = in_dir("report.nb");

	round_trip(file, text, sizeof text - 1);
	free(file);
}

Test(journal, round_trip_one_megabyte_of_any_bytes)
{
	size_t len = 1024 * 1024;
	char *data = xmalloc(len), *file = in_dir("big.nb");
	unsigned x = 12345;

	/* Every byte value but NUL, in no particular order; not valid UTF-8. */
	for (size_t i = 0; i < len; i++) {
		x = x * 1103515245u + 12345u;
		data[i] = (char)(1 + (x >> 16) % 255);
	}
	round_trip(file, data, len);
	/* And UTF-8 text of the same size, written over it. */
	for (size_t i = 0; i + 3 <= len; i += 3)
		memcpy(data + i, "年", 3);
	round_trip(file, data, len - len % 3);
	free(data);
	free(file);
}

Test(journal, empty_snapshot_is_not_no_journal)
{
	char *file = in_dir("report.nb"), *got;
	size_t n = 99;

	round_trip(file, "", 0);
	got = journal_read(file, &n);
	cr_assert_not_null(got, "an empty journal is still a journal");
	cr_assert_eq(n, 0);
	free(got);
	free(file);
}

Test(journal, rewrite_replaces_and_leaves_no_temporary_file)
{
	char *file = in_dir("report.nb");

	round_trip(file, "a long first snapshot\n", 22);
	round_trip(file, "short", 5);
	cr_assert_eq(entries(), 1, "only .report.nb.nbj should be in the directory");
	free(file);
}

Test(journal, mode_is_0600_whatever_the_umask)
{
	char *file = in_dir("report.nb"), *jp = journal_path(file), *err = NULL;
	struct stat st;

	umask(0);
	/* An older journal with a laxer mode does not pass it on. */
	put_file(jp, "old", 3);
	chmod(jp, 0666);
	cr_assert_eq(journal_write(file, "新", 3, &err), 0, "%s", err);
	cr_assert_eq(stat(jp, &st), 0);
	cr_assert_eq(st.st_mode & 07777, 0600, "mode %o", (unsigned)(st.st_mode & 07777));
	free(jp);
	free(file);
}

Test(journal, never_creates_the_file)
{
	char *file = in_dir("new.nb"), *err = NULL;
	struct stat st;

	cr_assert_eq(journal_write(file, "text", 4, &err), 0, "%s", err);
	cr_assert_eq(stat(file, &st), -1, "journal_write created FILE");
	cr_assert_eq(errno, ENOENT);
	cr_assert_eq(entries(), 1, "no FILE, no FILE~, no temporary file");
	free(file);
}

/*
 * Wait until the clock the kernel stamps files with has moved past t, so
 * that any later change to a file shows in its times: a few milliseconds
 * (one tick of the coarse clock), where sleep(1) waited a second.
 */
static void
tick_past(const struct timespec *t)
{
	const struct timespec ms = { 0, 1000000 };
	struct timespec now;

	for (;;) {
		cr_assert_eq(clock_gettime(CLOCK_REALTIME_COARSE, &now), 0);
		if (now.tv_sec > t->tv_sec || (now.tv_sec == t->tv_sec && now.tv_nsec > t->tv_nsec))
			return;
		nanosleep(&ms, NULL);
	}
}

Test(journal, never_modifies_the_file)
{
	char *file = in_dir("report.nb"), *err = NULL, *got;
	struct stat before, after;
	size_t n;

	put_file(file, "saved text\n", 11);
	chmod(file, 0640);
	cr_assert_eq(stat(file, &before), 0);
	tick_past(&before.st_ctim);	/* a change would show in the times */
	cr_assert_eq(journal_write(file, "unsaved text\n", 13, &err), 0, "%s", err);
	cr_assert_eq(journal_write(file, "more unsaved text\n", 18, &err), 0, "%s", err);
	cr_assert_eq(stat(file, &after), 0);
	cr_assert_eq(after.st_ino, before.st_ino, "FILE was replaced");
	cr_assert_eq(after.st_mode, before.st_mode);
	cr_assert_eq(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
	cr_assert_eq(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
	cr_assert_eq(after.st_ctim.tv_sec, before.st_ctim.tv_sec);
	got = get_file(file, &n);
	cr_assert_eq(n, 11);
	cr_assert_str_eq(got, "saved text\n");
	free(got);
	cr_assert_eq(entries(), 2, "FILE and its journal, no FILE~");
	free(file);
}

Test(journal, none_reads_as_null_with_enoent)
{
	char *file = in_dir("report.nb");
	size_t n = 7;

	errno = 0;
	cr_assert_null(journal_read(file, &n));
	cr_assert_eq(errno, ENOENT);
	free(file);
}

Test(journal, unreadable_journal_is_not_reported_as_none)
{
	char *file = in_dir("report.nb"), *jp = journal_path(file);
	size_t n;

	cr_assert_eq(mkdir(jp, 0700), 0);
	errno = 0;
	cr_assert_null(journal_read(file, &n));
	cr_assert_neq(errno, ENOENT, "something is there: the caller must not write over it");
	cr_assert_neq(errno, 0);
	free(jp);
	free(file);
}

Test(journal, remove)
{
	char *file = in_dir("report.nb"), *jp = journal_path(file);
	size_t n;

	round_trip(file, "x", 1);
	journal_remove(file);
	cr_assert_null(journal_read(file, &n));
	cr_assert_eq(access(jp, F_OK), -1);
	journal_remove(file);	/* none: nothing happens */
	cr_assert_eq(entries(), 0);
	free(jp);
	free(file);
}

Test(journal, write_failure_is_reported_not_fatal)
{
	char *file = in_dir("no-such-dir/report.nb"), *err = NULL;

	cr_assert_eq(journal_write(file, "x", 1, &err), -1);
	cr_assert_not_null(err);
	cr_assert_not_null(strstr(err, ".report.nb.nbj"), "the message names the journal: %s", err);
	free(err);
	free(file);
}

Test(journal, symlink_journals_beside_the_target)
{
	char *a = in_dir("a"), *b = in_dir("b"), *real = in_dir("a/report.nb");
	char *link = in_dir("b/link.nb"), *err = NULL, *got, *jp;
	size_t n;

	cr_assert_eq(mkdir(a, 0700), 0);
	cr_assert_eq(mkdir(b, 0700), 0);
	put_file(real, "saved", 5);
	cr_assert_eq(symlink("../a/report.nb", link), 0);
	cr_assert_eq(journal_write(link, "typed", 5, &err), 0, "%s", err);
	got = journal_read(real, &n);
	cr_assert_not_null(got, "the real name sees the link's journal");
	cr_assert_eq(n, 5);
	cr_assert_str_eq(got, "typed");
	free(got);
	jp = in_dir("a/.report.nb.nbj");
	cr_assert_eq(access(jp, F_OK), 0);
	free(jp);
	jp = in_dir("b/.link.nb.nbj");
	cr_assert_eq(access(jp, F_OK), -1, "no journal beside the link");
	free(jp);
	free(a);
	free(b);
	free(real);
	free(link);
}

/* ---- lock ---- */

static void
whoami(char *host, size_t hn, char *user, size_t un)
{
	struct passwd *pw = getpwuid(geteuid());

	cr_assert_eq(gethostname(host, hn), 0);
	host[hn - 1] = '\0';
	cr_assert_not_null(pw, "these tests want a passwd entry");
	snprintf(user, un, "%s", pw->pw_name);
}

struct holder {
	pid_t	pid;
	int	to;	/* write one byte: 'r' release and exit, 'x' just exit */
};

/* Another process (a child) that takes the lock of file and keeps it. */
static struct holder
hold(const char *file)
{
	int up[2], down[2];
	struct holder h;
	char c;

	cr_assert_eq(pipe(up), 0);
	cr_assert_eq(pipe(down), 0);
	h.pid = fork();
	cr_assert_geq(h.pid, 0);
	if (h.pid == 0) {
		struct lock_owner o;
		char *err = NULL;

		close(up[0]);
		close(down[1]);
		c = lock_take(file, false, &o, &err) == 0 ? 'y' : 'n';
		if (write(up[1], &c, 1) != 1 || read(down[0], &c, 1) != 1)
			_exit(2);
		if (c == 'r')
			lock_release(file);
		_exit(0);
	}
	close(up[1]);
	close(down[0]);
	cr_assert_eq(read(up[0], &c, 1), 1);
	cr_assert_eq(c, 'y', "the child could not take the lock");
	close(up[0]);
	h.to = down[1];
	return h;
}

/* Tell the holder what to do, and wait until it is gone. */
static void
let_go(struct holder *h, char how)
{
	int status;

	cr_assert_eq(write(h->to, &how, 1), 1);
	close(h->to);
	cr_assert_eq(waitpid(h->pid, &status, 0), h->pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child failed");
}

static void
assert_mine(const char *file)
{
	char *lp = lock_path(file), *got, *want, host[256], user[64];

	whoami(host, sizeof host, user, sizeof user);
	want = xasprintf("%ld %s %s\n", (long)getpid(), host, user);
	got = get_file(lp, NULL);
	cr_assert_not_null(got, "no lock file");
	cr_assert_str_eq(got, want);
	free(got);
	free(want);
	free(lp);
}

static int
take(const char *file, bool force, struct lock_owner *o)
{
	char *err = NULL;
	int rc;

	memset(o, 0x55, sizeof *o);
	rc = lock_take(file, force, o, &err);
	cr_assert_neq(rc, -1, "lock_take: %s", err);
	return rc;
}

Test(lock, take_and_release)
{
	char *file = in_dir("report.nb"), *lp = lock_path(file);
	struct lock_owner o;
	struct stat st;

	umask(022);
	cr_assert_eq(take(file, false, &o), 0);
	assert_mine(file);
	cr_assert_eq(stat(lp, &st), 0);
	cr_assert_eq(st.st_mode & 07777, 0644);
	cr_assert_eq(access(file, F_OK), -1, "taking the lock does not create FILE");
	lock_release(file);
	cr_assert_eq(access(lp, F_OK), -1, "the lock is gone");
	cr_assert_eq(entries(), 0);
	free(lp);
	free(file);
}

Test(lock, our_own_lock_is_ours)
{
	char *file = in_dir("report.nb");
	struct lock_owner o;

	cr_assert_eq(take(file, false, &o), 0);
	cr_assert_eq(take(file, false, &o), 0, "taking it again is no conflict");
	assert_mine(file);
	lock_release(file);
	free(file);
}

Test(lock, second_taker_sees_the_live_owner)
{
	char *file = in_dir("report.nb"), host[256], user[64];
	struct holder h = hold(file);
	struct lock_owner o;

	whoami(host, sizeof host, user, sizeof user);
	cr_assert_eq(take(file, false, &o), 1);
	cr_assert_eq(o.pid, h.pid);
	cr_assert_str_eq(o.host, host);
	cr_assert_str_eq(o.user, user);
	cr_assert_not(o.stale, "the child is running");
	let_go(&h, 'r');
	cr_assert_eq(take(file, false, &o), 0, "free once the child let go");
	assert_mine(file);
	lock_release(file);
	free(file);
}

Test(lock, stale_lock_is_reported_not_taken)
{
	char *file = in_dir("report.nb"), *lp = lock_path(file), *before, *after;
	struct holder h = hold(file);
	struct lock_owner o;

	let_go(&h, 'x');	/* dies holding the lock */
	before = get_file(lp, NULL);
	cr_assert_eq(take(file, false, &o), 1);
	cr_assert_eq(o.pid, h.pid);
	cr_assert(o.stale, "the child is gone");
	after = get_file(lp, NULL);
	cr_assert_str_eq(after, before, "a stale lock is not taken over silently");
	cr_assert_eq(take(file, true, &o), 0, "but it is when the user says so");
	assert_mine(file);
	lock_release(file);
	free(before);
	free(after);
	free(lp);
	free(file);
}

Test(lock, one_of_many_editors_starting_at_once_wins)
{
	enum { N = 8 };
	char *file = in_dir("report.nb");
	int go[2], res[2], quit[2];
	pid_t pid[N];
	struct { pid_t pid, owner; int rc; bool stale; } r[N];
	int winners = 0;
	pid_t winner = 0;

	cr_assert_eq(pipe(go), 0);
	cr_assert_eq(pipe(res), 0);
	cr_assert_eq(pipe(quit), 0);
	for (int i = 0; i < N; i++) {
		cr_assert_geq(pid[i] = fork(), 0);
		if (pid[i] == 0) {
			struct lock_owner o;
			char c, *err = NULL;

			close(go[1]);
			close(quit[1]);
			/* All start together when the parent closes the pipe. */
			if (read(go[0], &c, 1) != 0)
				_exit(2);
			memset(&r[0], 0, sizeof r[0]);
			r[0].pid = getpid();
			r[0].rc = lock_take(file, false, &o, &err);
			r[0].owner = o.pid;
			r[0].stale = o.stale;
			if (write(res[1], &r[0], sizeof r[0]) != (ssize_t)sizeof r[0])
				_exit(2);
			/* Keep running (and holding) until everyone has answered. */
			if (read(quit[0], &c, 1) != 0)
				_exit(2);
			_exit(0);
		}
	}
	close(go[0]);
	close(quit[0]);
	close(res[1]);
	close(go[1]);
	for (int i = 0; i < N; i++)
		cr_assert_eq(read(res[0], &r[i], sizeof r[i]), (ssize_t)sizeof r[i]);
	for (int i = 0; i < N; i++)
		if (r[i].rc == 0) {
			winners++;
			winner = r[i].pid;
		}
	cr_assert_eq(winners, 1, "%d editors got the lock", winners);
	for (int i = 0; i < N; i++) {
		if (r[i].rc == 0)
			continue;
		cr_assert_eq(r[i].rc, 1);
		cr_assert_eq(r[i].owner, winner, "a loser names the winner");
		cr_assert_not(r[i].stale, "the winner is running");
	}
	close(quit[1]);
	for (int i = 0; i < N; i++)
		cr_assert_eq(waitpid(pid[i], NULL, 0), pid[i]);
	close(res[0]);
	free(file);
}

Test(lock, force_takes_over_a_live_lock)
{
	char *file = in_dir("report.nb");
	struct holder h = hold(file);
	struct lock_owner o;

	cr_assert_eq(take(file, true, &o), 0);
	assert_mine(file);
	/* The old owner quits later: its release leaves our lock alone. */
	let_go(&h, 'r');
	assert_mine(file);
	lock_release(file);
	free(file);
}

Test(lock, garbage_is_held_by_unknown)
{
	static const char *const bad[] = {
		"", "garbage\n", "\n", "123\n", "123 host\n", "123 host user", "123 host user extra\n",
		"abc host user\n", "0 host user\n", "-5 host user\n", "99999999999 host user\n",
		"123  user\n", "123 ho\001st user\n", "\377\376\n"
	};
	char *file = in_dir("report.nb"), *lp = lock_path(file);
	struct lock_owner o;

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		put_file(lp, bad[i], strlen(bad[i]));
		cr_assert_eq(take(file, false, &o), 1, "lock \"%s\"", bad[i]);
		cr_assert_str_eq(o.user, "unknown", "lock \"%s\"", bad[i]);
		cr_assert_eq(o.pid, 0);
		cr_assert(o.stale, "lock \"%s\"", bad[i]);
		lock_release(file);
		cr_assert_eq(access(lp, F_OK), 0, "release leaves a garbage lock alone");
	}
	cr_assert_eq(take(file, true, &o), 0);
	assert_mine(file);
	free(lp);
	free(file);
}

/* A pid that surely runs no process now. */
static pid_t
dead_pid(void)
{
	pid_t pid = fork();

	cr_assert_geq(pid, 0);
	if (pid == 0)
		_exit(0);
	cr_assert_eq(waitpid(pid, NULL, 0), pid);
	return pid;
}

Test(lock, other_host_is_never_stale)
{
	char *file = in_dir("report.nb"), *lp = lock_path(file), *s;
	struct lock_owner o;
	pid_t pid = dead_pid();

	s = xasprintf("%ld pc-07.example.org 张三\n", (long)pid);
	put_file(lp, s, strlen(s));
	cr_assert_eq(take(file, false, &o), 1);
	cr_assert_eq(o.pid, pid);
	cr_assert_str_eq(o.host, "pc-07.example.org");
	cr_assert_str_eq(o.user, "张三");
	cr_assert_not(o.stale, "we cannot know about a process on another host");
	free(s);
	/* Not even with our own pid. */
	s = xasprintf("%ld pc-07.example.org 张三\n", (long)getpid());
	put_file(lp, s, strlen(s));
	cr_assert_eq(take(file, false, &o), 1);
	cr_assert_not(o.stale);
	lock_release(file);
	cr_assert_eq(access(lp, F_OK), 0, "same pid on another host is not us");
	cr_assert_eq(take(file, true, &o), 0);
	assert_mine(file);
	free(s);
	free(lp);
	free(file);
}

Test(lock, release_leaves_someone_elses_lock)
{
	char *file = in_dir("report.nb"), *lp = lock_path(file), *s, *got, host[256], user[64];
	struct lock_owner o;

	whoami(host, sizeof host, user, sizeof user);
	s = xasprintf("%ld %s %s\n", (long)getppid(), host, user);
	put_file(lp, s, strlen(s));
	lock_release(file);
	got = get_file(lp, NULL);
	cr_assert_not_null(got, "release removed another process's lock");
	cr_assert_str_eq(got, s);
	cr_assert_eq(take(file, false, &o), 1);
	cr_assert_eq(o.pid, getppid());
	cr_assert_not(o.stale, "our parent is alive");
	free(got);
	free(s);
	free(lp);
	free(file);
}

Test(lock, another_users_process_is_live)
{
	char *file = in_dir("report.nb"), *lp = lock_path(file), *s, host[256], user[64];
	struct lock_owner o;

	/* kill(1, 0) fails with EPERM unless we are root: the process is there all the same. */
	whoami(host, sizeof host, user, sizeof user);
	s = xasprintf("1 %s root\n", host);
	put_file(lp, s, strlen(s));
	cr_assert_eq(take(file, false, &o), 1);
	cr_assert_eq(o.pid, 1);
	cr_assert_str_eq(o.user, "root");
	cr_assert_not(o.stale);
	free(s);
	free(lp);
	free(file);
}

Test(lock, symlink_and_real_name_share_a_lock)
{
	char *a = in_dir("a"), *b = in_dir("b"), *real = in_dir("a/report.nb");
	char *link = in_dir("b/link.nb"), *lr, *ll;
	struct lock_owner o;
	struct holder h;
	struct stat s1, s2;

	cr_assert_eq(mkdir(a, 0700), 0);
	cr_assert_eq(mkdir(b, 0700), 0);
	put_file(real, "saved", 5);
	cr_assert_eq(symlink("../a/report.nb", link), 0);
	lr = lock_path(real);
	ll = lock_path(link);
	h = hold(real);
	cr_assert_eq(take(link, false, &o), 1, "the link's name is locked too");
	cr_assert_eq(o.pid, h.pid);
	cr_assert_eq(stat(lr, &s1), 0);
	cr_assert_eq(stat(ll, &s2), 0);
	cr_assert(s1.st_ino == s2.st_ino && s1.st_dev == s2.st_dev, "one lock file");
	let_go(&h, 'r');
	cr_assert_eq(take(link, false, &o), 0);
	cr_assert_eq(take(real, false, &o), 0, "ours under either name");
	lock_release(real);
	cr_assert_eq(access(lr, F_OK), 0, "taken twice, released once: still held");
	lock_release(link);
	cr_assert_eq(access(lr, F_OK), -1);
	free(a);
	free(b);
	free(real);
	free(link);
	free(lr);
	free(ll);
}

Test(lock, unwritable_place_is_an_error)
{
	char *file = in_dir("no-such-dir/report.nb"), *err = NULL;
	struct lock_owner o;

	cr_assert_eq(lock_take(file, false, &o, &err), -1);
	cr_assert_not_null(err);
	cr_assert_not_null(strstr(err, ".report.nb.lock"), "the message names the lock: %s", err);
	free(err);
	free(file);
}
