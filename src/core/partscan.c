/* partscan.c - a part's text decoded once for the review's walks; see partscan.h. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "core/partscan.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

/*
 * The arrays, kept from one call to the next: allocating them for each of
 * the thirty parts of each of thousands of reports cost more than the
 * walks.  (nianbao has no threads; `check --jobs` workers are processes.)
 * Still reachable at exit.
 */
static struct {
	uint32_t	*cp, *key;
	size_t		*off;
	size_t		 cap;
} partscan_scratch;

static void
partscan_reserve(size_t need)
{
	if (partscan_scratch.cap >= need)
		return;
	partscan_scratch.cap = need > 2 * partscan_scratch.cap ? need : 2 * partscan_scratch.cap;
	free(partscan_scratch.cp);
	free(partscan_scratch.key);
	free(partscan_scratch.off);
	partscan_scratch.cp = xmalloc(partscan_scratch.cap * sizeof *partscan_scratch.cp);
	partscan_scratch.key = xmalloc(partscan_scratch.cap * sizeof *partscan_scratch.key);
	partscan_scratch.off = xmalloc(partscan_scratch.cap * sizeof *partscan_scratch.off);
}

/* The code point of the character at s whose key is key (k bytes): what is not
 * UTF-8 (never in a report's text) is read as its lead byte says, as ever. */
static uint32_t
partscan_slow(const unsigned char *s, size_t k)
{
	if (k == 1)
		return s[0];
	if (k == 2)
		return (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	if (k == 3)
		return (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	return (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 | (uint32_t)(s[2] & 0x3F) << 6 |
	    (s[3] & 0x3F);
}

/*
 * Bytes [*i, end) of s while they are three-byte characters, into the
 * arrays from index *n on: Chinese and full-width marks, the bulk of a
 * report's text, in a loop of their own (the key read once, the code point
 * taken from it).
 */
static void
partscan_run3(const unsigned char *s, size_t len, size_t end, size_t *i, size_t *n)
{
	size_t j = *i, m = *n, lim = end < len - 2 ? end : len - 2;	/* len >= 3: the caller saw one */

	for (; j < lim && (s[j] & 0xF0) == 0xE0; j += 3, m++) {
		uint32_t key = (uint32_t)s[j] << 16 | (uint32_t)s[j + 1] << 8 | s[j + 2];

		partscan_scratch.off[m] = j;
		partscan_scratch.key[m] = key;
		partscan_scratch.cp[m] = (key >> 4 & 0xF000) | (key >> 2 & 0x0FC0) | (key & 0x3F);
	}
	*i = j;
	*n = m;
}

void
partscan_decode(struct partscan *ps, const char *text, size_t len, size_t from, size_t to)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = from, n = 0, k, end = to < len ? to : len;
	uint32_t *cp, *key;
	size_t *off;

	partscan_reserve((end > from ? end - from : 0) + PARTSCAN_PAD + 1);
	cp = partscan_scratch.cp;
	key = partscan_scratch.key;
	off = partscan_scratch.off;
	while (i < end) {
		unsigned char c = s[i];

		off[n] = i;
		if (c < 0x80) {
			cp[n] = key[n] = c;
			n++;
			i++;
		} else if ((c & 0xF0) == 0xE0 && len - i >= 3)
			partscan_run3(s, len, end, &i, &n);
		else {
			key[n] = utf8_key(text + i, len - i, &k);
			cp[n++] = partscan_slow(s + i, k);
			i += k;
		}
	}
	off[n] = i < len ? i : len;
	memset(cp + n, 0, PARTSCAN_PAD * sizeof *cp);
	*ps = (struct partscan){ text, len, cp, key, off, n };
}
