/*
 * store.h - report files: UTF-8 INI text read with libinih and written by
 * our own writer, so that save -> load -> save is byte-identical and any
 * text reads back exactly.  The format is documented in nianbao(5).
 */
#ifndef STORE_H
#define STORE_H

#include "buf.h"
#include "diag.h"
#include "report.h"
#include "tplset.h"

/* Read a report; NULL if dl received any problem ("FILE:LINE: what"). */
struct report *store_load(const char *path, struct tplset *ts, struct diag_list *dl);
struct report *store_load_mem(const char *name, const char *data, size_t len,
    struct tplset *ts, struct diag_list *dl);

/* The canonical file text of r. */
void store_serialize(const struct report *r, struct buf *out);

/* Save atomically, keeping the previous version as path~; -1 and *err on failure. */
int store_save(const struct report *r, const char *path, char **err);

#endif
