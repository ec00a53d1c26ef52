/*
 * atomic.h - replace a file so that, whatever fails, it holds either the old
 * bytes or the new ones: write a temporary file in the same directory, fsync
 * it, keep the old file as NAME~, rename over NAME, fsync the directory.
 * And open the files nianbao reads so that nothing planted in their place
 * (a FIFO, a device) can hang or feed it.
 */
#ifndef ATOMIC_H
#define ATOMIC_H

#include <stdbool.h>
#include <stddef.h>

/* How atomic_write treats path; ATOMIC_REPLACE or ATOMIC_CREATE, plus any of the others. */
enum atomic_flags {
	ATOMIC_REPLACE = 0,	/* replace path, keeping the previous version as path~ */
	ATOMIC_CREATE = 1,	/* create path; fail if it exists, never overwrite */
	ATOMIC_NAMED = 2,	/* the user named path: a link there may be followed (nianbao(1), FILES) */
	ATOMIC_FORCE = 4,	/* replace path even when it is read-only */
	ATOMIC_LOCKED = 8	/* the caller holds path's lock: a temporary file of ours there is stale */
};

/* Write all n bytes to fd, retrying short writes; -1 with errno on failure. */
int atomic_write_fd(int fd, const void *data, size_t n);

/*
 * Write len bytes to path; 0, or -1 with *err (caller frees) and path
 * untouched.  A symbolic link at path is followed only with ATOMIC_NAMED and
 * only when it belongs to the user or to the owner of its directory (the
 * rule of the kernel's protected_symlinks); otherwise the save is refused.
 * The owner, group and mode of the old file are kept when the process may;
 * when not, *note (if note is not NULL; caller frees) says what changed.
 */
int atomic_write(const char *path, const void *data, size_t len, unsigned flags, char **note,
    char **err);

/* Whether the user may not replace path: not writable by them, or no write bit at all (0444). */
bool atomic_read_only(const char *path);

/*
 * Open path for reading only if it is a regular file (a FIFO or a device
 * could block or never end); the fd, or -1 with *err (caller frees) saying
 * why, without the file name.  "-" is not special here.
 */
int atomic_open_input(const char *path, char **err);
/* The same, with the file's status in *st (one fstat() fewer for whoever needs it). */
struct stat;
int atomic_open_input_stat(const char *path, struct stat *st, char **err);

#endif
