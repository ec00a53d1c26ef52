/* utf8.c - strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). */
#include "nb.h"

#include <string.h>

#include "lib/buf.h"
#include "lib/utf8.h"

size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t len;

	if (n == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	} else if ((u[0] & 0xE0) == 0xC0) {
		len = 2, c = u[0] & 0x1F, min = 0x80;
	} else if ((u[0] & 0xF0) == 0xE0) {
		len = 3, c = u[0] & 0x0F, min = 0x800;
	} else if ((u[0] & 0xF8) == 0xF0) {
		len = 4, c = u[0] & 0x07, min = 0x10000;
	} else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

size_t
utf8_seqlen(const char *s, size_t n)
{
	uint32_t cp;

	return utf8_decode(s, n, &cp);
}

size_t
utf8_char_len(const char *s, size_t n)
{
	size_t k = utf8_seqlen(s, n);

	return k > 0 ? k : 1;
}

/* Has the word a NUL byte or a byte of 0x80 and above? */
static bool
utf8_word_not_ascii(uint64_t w)
{
	return ((w | ((w - 0x0101010101010101ULL) & ~w)) & 0x8080808080808080ULL) != 0;
}

/* Three-byte characters that can be neither overlong nor surrogates. */
size_t
utf8_cjk_run(const unsigned char *u, size_t n)
{
	size_t i = 0;

	while (i + 3 <= n && (unsigned char)(u[i] - 0xE1) <= 0x0E && u[i] != 0xED &&
	    ((u[i + 1] | (unsigned)u[i + 2] << 8) & 0xC0C0) == 0x8080)
		i += 3;
	return i;
}

/* The common sequences are checked inline, ASCII eight bytes at a time (cell
 * lines are ASCII): every line of every report file passes through here. */
size_t
utf8_invalid_at(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;
	uint64_t w;

	while (i < n) {
		unsigned char c = u[i];

		if (c != 0 && c < 0x80) {
			i++;
			while (i + 8 <= n && (memcpy(&w, u + i, 8), !utf8_word_not_ascii(w)))
				i += 8;
		} else if ((k = utf8_cjk_run(u + i, n - i)) > 0) {
			i += k;
		} else {
			if (c == 0 || (k = utf8_seqlen(s + i, n - i)) == 0)
				return i;
			i += k;
		}
	}
	return n;
}

bool
utf8_valid(const char *s, size_t n)
{
	return utf8_invalid_at(s, n) == n;
}

/* Bytes of the blank of blanks that starts (at_end: ends) [s, s + n), or 0. */
static size_t
utf8_blank_len(const char *s, size_t n, const char *const *blanks, bool at_end)
{
	for (const char *const *b = blanks; *b != NULL; b++) {
		size_t k = strlen(*b);

		if (k > 0 && k <= n && memcmp(at_end ? s + n - k : s, *b, k) == 0)
			return k;
	}
	return 0;
}

void
utf8_trim(const char **s, size_t *n, const char *const *blanks)
{
	size_t k;

	while ((k = utf8_blank_len(*s, *n, blanks, false)) > 0) {
		*s += k;
		*n -= k;
	}
	while ((k = utf8_blank_len(*s, *n, blanks, true)) > 0)
		*n -= k;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t
utf8_count(const char *text, size_t bytes)
{
	size_t n = 0;

	for (size_t i = 0; i < bytes && text[i] != '\0'; i++)
		n += ((unsigned char)text[i] & 0xC0) != 0x80;
	return n;
}

bool
utf8_is_control(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F);
}

bool
utf8_is_hidden(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

/*
 * Eight bytes at a time: texts are mostly CJK characters, which hold none of
 * the bytes the scans below look for, and every text of every report loaded
 * passes through them.  A word with a possible hit is looked at byte by byte.
 */
#define UTF8_ONES	0x0101010101010101ULL
#define UTF8_HIGHS	0x8080808080808080ULL

/* Has the word a byte equal to b? */
static uint64_t
utf8_word_has(uint64_t w, unsigned char b)
{
	uint64_t x = w ^ (UTF8_ONES * b);

	return (x - UTF8_ONES) & ~x & UTF8_HIGHS;
}

/* From i, the start of the next word of the n bytes at s that may hold a byte
 * hit() accepts (hit() tests whole words), or of the last bytes, fewer than 8. */
static size_t
utf8_skip_words(const char *s, size_t i, size_t n, uint64_t (*hit)(uint64_t))
{
	for (; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if (hit(w))
			break;
	}
	return i;
}

/* A byte below 0x20, 0x7F or 0xC2 (the lead byte of U+0080..U+00BF). */
static uint64_t
utf8_word_may_control(uint64_t w)
{
	return ((w - UTF8_ONES * 0x20) & ~w & UTF8_HIGHS) | utf8_word_has(w, 0x7F) |
	    utf8_word_has(w, 0xC2);
}

/*
 * Every control character is one byte below 0x20 or 0x7F, or the two bytes
 * C2 80..9F (C1): bytes no longer sequence can hold, so a scan of bytes finds
 * what decoding each character would.
 */
uint32_t
utf8_first_control(const char *s, size_t *at)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s);

	for (size_t i = 0, end = 0; i < n; i++) {
		uint32_t cp;

		if (i == end) {		/* the word looked at is done: skip to the next */
			i = utf8_skip_words(s, i, n, utf8_word_may_control);
			if (i == n)
				break;
			end = i + 8 < n ? i + 8 : n;
		}
		cp = u[i];
		if (cp >= 0x20 && cp != 0x7F && cp != 0xC2)
			continue;
		if (cp == 0xC2)		/* C2 xx is U+00xx; a byte below 0x80 is looked at next */
			cp = u[i + 1] >= 0x80 ? u[i + 1] : ' ';
		if (utf8_is_control(cp)) {
			if (at != NULL)
				*at = i;
			return cp;
		}
	}
	return 0;
}

/* The hidden character whose lead byte E2 is at u[i], or 0. */
static uint32_t
utf8_hidden_at(const unsigned char *u, size_t i)
{
	uint32_t cp;

	if ((u[i + 1] & 0xC0) != 0x80 || (u[i + 2] & 0xC0) != 0x80)
		return 0;
	cp = 0x2000 | ((uint32_t)(u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
	return utf8_is_hidden(cp) ? cp : 0;
}

/*
 * The characters utf8_is_hidden are three bytes each, E2 80..81 xx or
 * EF BB BF, so memchr finds them: the first by its E2, then a U+FEFF before
 * it by its BB (Chinese punctuation is full of EF, not of BB).
 */
uint32_t
utf8_first_hidden(const char *s, size_t *at)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), limit = n;
	const char *p;
	uint32_t found = 0;

	for (p = s; (p = memchr(p, 0xE2, n - (size_t)(p - s))) != NULL; p++)
		if ((found = utf8_hidden_at(u, (size_t)(p - s))) != 0) {
			limit = (size_t)(p - s);
			break;
		}
	for (p = s; (p = memchr(p, 0xBB, limit - (size_t)(p - s))) != NULL; p++)
		if (p > s && (unsigned char)p[-1] == 0xEF && (unsigned char)p[1] == 0xBF) {
			limit = (size_t)(p - 1 - s);
			found = 0xFEFF;
			break;
		}
	if (found != 0 && at != NULL)
		*at = limit;
	return found;
}

void
utf8_visible(const char *s, struct buf *out)
{
	size_t n = strlen(s), i = 0, k;
	uint32_t cp;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			buf_addf(out, "\\x%02x", (unsigned char)s[i++]);
		else if (utf8_is_control(cp) || cp == '\r') {
			if (cp < 0x80)
				buf_addf(out, "\\x%02x", (unsigned)cp);
			else
				buf_addf(out, "\\u{%04X}", (unsigned)cp);
			i += k;
		} else {
			buf_add(out, s + i, k);
			i += k;
		}
	}
}
