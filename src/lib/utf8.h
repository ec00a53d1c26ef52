/* utf8.h - UTF-8 validation and the small helpers every layer needs. */
#ifndef UTF8_H
#define UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0 if invalid. */
size_t utf8_seqlen(const char *s, size_t n);
/* Bytes of the character at s (n > 0 bytes left): an invalid byte counts
 * alone, so that a walk over any bytes moves on. */
size_t utf8_char_len(const char *s, size_t n);
/* True if the n bytes at s are valid UTF-8 without NUL bytes. */
bool utf8_valid(const char *s, size_t n);
/*
 * Shorten [*s, *s + *n) past blanks at both ends.  A blank is any of the
 * strings in blanks (NULL-terminated): an ASCII byte or a character's UTF-8
 * bytes, such as "\xE3\x80\x80" (U+3000), for what counts as blank differs
 * between a cell's value, a line of an export and a published page.
 */
void utf8_trim(const char **s, size_t *n, const char *const *blanks);
/* Byte offset of the first invalid sequence, or n when valid. */
size_t utf8_invalid_at(const char *s, size_t n);
/* Bytes at the start of u (n of them) that are whole three-byte characters
 * valid without a closer look (lead bytes E1..EC, EE, EF: Chinese, full-width
 * forms): the bulk of a report's text, for loops that must be quick over it. */
size_t utf8_cjk_run(const unsigned char *u, size_t n);
/* Decode one code point; returns bytes used (0 on invalid input). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encode cp into out (at least 4 bytes); returns bytes written. */
size_t utf8_encode(uint32_t cp, char *out);
/* How many characters (code points) the first bytes of text (or fewer, to its NUL) hold. */
size_t utf8_count(const char *text, size_t bytes);

/*
 * The key of the character at s (n > 0 bytes): its UTF-8 bytes as a number,
 * and its length in *k; for an index or a filter of characters.  Inline: it
 * is called for every character of every part the review reads.
 */
static inline uint32_t
utf8_key(const char *s, size_t n, size_t *k)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char c = u[0];
	uint32_t key = 0;

	if (c < 0x80)	/* the two kinds a report's text is made of, first */
		return *k = 1, c;
	if (c >= 0xE0 && c < 0xF0 && n >= 3)
		return *k = 3, (uint32_t)c << 16 | (uint32_t)u[1] << 8 | u[2];
	*k = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;	/* a key, not a check: text is valid UTF-8 */
	if (*k > n)
		*k = n;
	for (size_t i = 0; i < *k && i < 4; i++)
		key = key << 8 | (unsigned char)s[i];
	return key;
}

/* A control character a report may not hold: C0 but tab and line breaks, DEL, C1. */
bool utf8_is_control(uint32_t cp);
/* Invisible or direction-changing (bidi embeddings and isolates, zero-width characters). */
bool utf8_is_hidden(uint32_t cp);
/*
 * The first code point of s that utf8_is_control, or 0; *at (if not NULL)
 * gets its byte offset.  s is valid UTF-8.
 */
uint32_t utf8_first_control(const char *s, size_t *at);
/* The first code point of s that utf8_is_hidden, or 0; *at (if not NULL) gets its byte offset. */
uint32_t utf8_first_hidden(const char *s, size_t *at);
/*
 * Append s to out so that a terminal shows it and does nothing else: control
 * characters (but tab and newline) and invalid bytes become \xNN or \u{NNNN}.
 */
struct buf;
void utf8_visible(const char *s, struct buf *out);

#endif
