/*
 * codec.h - strings in report files, written so that Debian's libinih
 * (200-byte lines, inline ';' comments, whitespace stripping) reads any
 * text back byte for byte.
 *
 * A string is cut into chunks; each chunk is written as |chunk| (the bars
 * protect leading and trailing spaces) with '%', ';', '#' and control bytes
 * as %XX.  Chunks end on character boundaries, so every line stays valid
 * UTF-8 and under the line limit.
 */
#ifndef CODEC_H
#define CODEC_H

#include "lib/buf.h"

/*
 * Append "key = |chunk|" lines for s (no newline inside s expected, but any
 * byte is escaped): the first line uses key, the following ones key_more.
 * An empty s is written as "key = ||".
 */
void codec_put(struct buf *out, const char *key, const char *key_more, const char *s, size_t n);

/* Decode one |chunk| value and append its bytes to out; -1 and *err if bad.
 * Returns 1 when an escape produced a byte >= 0x80 (the result then needs
 * checking as UTF-8; the unescaped bytes were checked with their line). */
int codec_get(const char *value, struct buf *out, char **err);

#endif
