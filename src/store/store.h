/*
 * store.h - report files: UTF-8 INI text read with libinih and written by
 * our own writer, so that save -> load -> save is byte-identical and any
 * text reads back exactly.  The format is documented in nianbao(5).
 */
#ifndef STORE_H
#define STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/report.h"
#include "core/tplset.h"
#include "lib/buf.h"
#include "lib/diag.h"

/*
 * Read the report file at path; NULL if dl received any problem ("FILE:LINE:
 * what").  When raw is not NULL it receives the file's bytes as read.
 */
struct report *store_read(const char *path, struct tplset *ts, struct buf *raw,
    struct diag_list *dl);
/* The same from bytes in memory (a journal, a fuzzer's input); name is for messages. */
struct report *store_load_mem(const char *name, const char *data, size_t len,
    struct tplset *ts, struct diag_list *dl);

/* The canonical file text of r. */
void store_serialize(const struct report *r, struct buf *out);

enum store_mode {
	STORE_CREATE,		/* a new file: refuse if path exists */
	STORE_REPLACE		/* replace path, keeping the previous version as path~ */
};

/* What a report file held when it was read, to tell on saving whether it changed since. */
struct store_stamp {
	bool		known;		/* false: nothing to compare with */
	size_t		size;
	uint64_t	hash;		/* FNV-1a of the bytes */
};

/* The stamp of a file that held these bytes. */
void store_stamp_bytes(const char *data, size_t len, struct store_stamp *st);

/* What a save may do, and what it reports back. */
struct store_save_opts {
	struct store_stamp	*stamp;	/* in: the file as read, refused if it changed; out: as written */
	bool			 force;	/* replace the file even when it is read-only */
	char			*note;	/* out: what the save could not keep (owner, mode); caller frees */
};

/* store_save's answer when the file on disk is not the one that was read. */
#define STORE_CHANGED 1

/*
 * The one way a report reaches the disk: atomically, so that whatever fails
 * path holds the old bytes or the new.  Every value must be one the loader
 * accepts again (a computed total of too many digits is refused, naming the
 * cell).  Replacing takes the file's lock (see journal.h) around the save, so
 * that no two writers interleave, and with o->stamp refuses a file that
 * changed since it was read (STORE_CHANGED).  0, or -1 / STORE_CHANGED with
 * *err (caller frees).  o may be NULL.
 */
int store_save(const struct report *r, const char *path, enum store_mode mode,
    struct store_save_opts *o, char **err);

#endif
