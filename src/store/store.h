/*
 * store.h - report files: UTF-8 INI text read with libinih and written by
 * our own writer, so that save -> load -> save is byte-identical and any
 * text reads back exactly.  The format is documented in nianbao(5).
 */
#ifndef STORE_H
#define STORE_H

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

/*
 * The one way a report reaches the disk: atomically, so that whatever fails
 * path holds the old bytes or the new.  0, or -1 with *err (caller frees).
 */
int store_save(const struct report *r, const char *path, enum store_mode mode, char **err);

#endif
