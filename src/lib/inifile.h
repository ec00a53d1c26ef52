/*
 * inifile.h - read INI text with the system libinih, line by line.
 *
 * Debian's libinih has no line numbers in its handler and silently splits
 * lines longer than 200 bytes, so every line passes through our reader
 * first: it counts lines, and refuses over-long lines, NUL bytes, invalid
 * UTF-8 and lines that are neither a section, a key nor a comment, naming
 * FILE:LINE.  Refused lines never reach the callbacks.
 */
#ifndef INIFILE_H
#define INIFILE_H

#include <stddef.h>

#include "lib/diag.h"

/* Longest line (with its newline) that libinih reads whole. */
#define INIFILE_MAX_LINE 199

struct inifile_ops {
	/* A "[name]" line, empty sections included. */
	void	(*section)(void *user, const char *name, int line);
	/* A "key = value" line inside section (value already stripped by inih). */
	void	(*key)(void *user, const char *section, const char *key, const char *value,
		    int line);
};

/* Read len bytes of INI text; problems go to dl as file:line entries. */
void inifile_read(const char *file, const char *data, size_t len,
    const struct inifile_ops *ops, void *user, struct diag_list *dl);

/* Read a whole file into memory; NULL (and a message in dl) on failure. */
char *inifile_slurp(const char *path, size_t *len, struct diag_list *dl);

#endif
