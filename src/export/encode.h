/*
 * encode.h - the bytes that leave nianbao: UTF-8, GB18030 or GBK through
 * iconv, LF or CRLF.  A character the encoding cannot hold is an error that
 * names its place in the report, never a silent '?'.
 */
#ifndef ENCODE_H
#define ENCODE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/report.h"
#include "lib/buf.h"

/* The iconv name of an encoding option ("utf-8", "gb18030", "gbk", any case), or NULL. */
const char *encode_name(const char *option);

/* Check every text of the report (and the labels of its template) against
 * encoding; -1 with *err (caller frees) naming the first place and character
 * that cannot be written. */
int encode_check_report(const struct report *r, const char *encoding, char **err);

/* Convert a UTF-8 document (LF) to encoding, with CRLF line ends if asked. */
int encode_document(const char *utf8, size_t len, const char *encoding, bool crlf,
    struct buf *out, char **err);

#endif
