/*
 * atomic.h - replace a file so that, whatever fails, it holds either the old
 * bytes or the new ones: write a temporary file in the same directory, fsync
 * it, keep the old file as NAME~, rename over NAME, fsync the directory.
 */
#ifndef ATOMIC_H
#define ATOMIC_H

#include <stdbool.h>
#include <stddef.h>

enum atomic_mode {
	ATOMIC_REPLACE,		/* replace path, keeping the previous version as path~ */
	ATOMIC_CREATE		/* create path; fail if it exists, never overwrite */
};

/* Write all n bytes to fd, retrying short writes; -1 with errno on failure. */
int atomic_write_fd(int fd, const void *data, size_t n);

/* Write len bytes to path; 0, or -1 with *err (caller frees) and path untouched. */
int atomic_write(const char *path, const void *data, size_t len, enum atomic_mode mode,
    char **err);

#endif
