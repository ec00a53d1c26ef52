/*
 * journal.h - what protects typing against a crash, a killed terminal or a
 * power cut, and two editors on one file.
 *
 * The journal of FILE is DIR/.NAME.nbj: a snapshot of the report (the full
 * report file text, written atomically) taken within two seconds of an
 * edit.  It is removed after a successful save.  On opening, a journal that
 * differs from FILE means unsaved work to recover.
 *
 * The lock of FILE is DIR/.NAME.lock: "pid host user" of the editor that
 * has FILE open, or of a command saving it, created with O_EXCL and kept
 * open with flock(2) by its holder.  A lock whose process is gone (same
 * host, pid no longer running) is stale and may be taken over.
 */
#ifndef JOURNAL_H
#define JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Paths beside file; caller frees. */
char *journal_path(const char *file);
char *lock_path(const char *file);

/* Write the snapshot atomically; -1 and *err (caller frees) on failure. */
int journal_write(const char *file, const char *data, size_t len, char **err);
/*
 * Read the journal if there is one: its bytes (caller frees) or NULL.  Only
 * a regular file that belongs to the user and that no one else may write is
 * a journal: anything else (planted by another user in a shared folder) is
 * refused with errno EPERM and left alone.
 */
char *journal_read(const char *file, size_t *len);
/* Remove the journal (after a good save or when the user discards it). */
void journal_remove(const char *file);

struct lock_owner {
	pid_t	pid;
	char	host[256];
	char	user[64];
	bool	stale;		/* the owner process is gone */
};

/*
 * Take the lock of file.  Returns 0 when taken; 1 when someone else holds it
 * (*owner says who); -1 on error with *err.  force: take over even a live lock
 * (the user said so).  A stale lock is never taken over silently: 1 is
 * returned with owner->stale set, and the caller asks.
 */
int lock_take(const char *file, bool force, struct lock_owner *owner, char **err);
/*
 * For a command that changes file and ends (set, a save): take the lock,
 * waiting up to wait_ms for another writer to finish.  A stale lock (its
 * process gone, on this host, and no process holding it open) is removed
 * and taken.  0 taken; 1 still held by someone else (*owner says who); -1
 * on error with *err.
 */
int lock_take_wait(const char *file, int wait_ms, struct lock_owner *owner, char **err);
/* Release a lock we hold (only if it is still ours); each take needs one release. */
void lock_release(const char *file);

#endif
