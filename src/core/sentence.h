/*
 * sentence.h - the sentence around a place of a part's text, as the review
 * reads it: it ends at a line's end or at a full-width full stop,
 * exclamation, question mark or semicolon.  A finding quotes it in its
 * message as the officer sees it, its linked numbers as their values.
 */
#ifndef SENTENCE_H
#define SENTENCE_H

#include <stddef.h>

#include "core/report.h"

struct buf;

/* The bytes of a sentence's end mark ending right before byte i of text (1 or 3), or 0. */
size_t sentence_end_before(const char *text, size_t i);
/* The sentence of text (len bytes) around byte at: [*s0, *s1), its end mark included. */
void sentence_bounds(const char *text, size_t len, size_t at, size_t *s0, size_t *s1);
/* Bytes [start, end) of a text of r, cut to a message's length, links as values, in b. */
const char *sentence_quote(const struct report *r, const char *text, size_t start, size_t end, struct buf *b);

#endif
