/* codec.c - escape and chunk strings for libinih; see codec.h. */
#include "nb.h"

#include <string.h>

#include "lib/inifile.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "store/codec.h"

static bool
needs_escape(unsigned char c)
{
	return c < 0x20 || c == 0x7F || c == '%' || c == ';' || c == '#';
}

/* Bytes of the next unit of s (an escape or a whole character) and its encoded size. */
static size_t
unit(const char *s, size_t n, size_t *enc)
{
	size_t k;

	if (needs_escape((unsigned char)s[0])) {
		*enc = 3;
		return 1;
	}
	k = utf8_seqlen(s, n);
	if (k == 0) {		/* invalid byte: escaped so the file stays UTF-8 */
		*enc = 3;
		return 1;
	}
	*enc = k;
	return k;
}

/*
 * Bytes at s (n left, at most max) that go out as they are and take as many
 * bytes in the file: printable ASCII needing no escape, valid Chinese.  Whole
 * characters only, so a chunk ends where the character-by-character walk
 * would end it.  A report's text is nearly all such runs, and the journal
 * writes all of it once a second while the officer types.
 */
static size_t
plain_run(const char *s, size_t n, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;

	if (n > max)
		n = max;
	while (i < n) {
		if (u[i] >= 0x20 && u[i] < 0x7F && !needs_escape(u[i]))
			i++;
		else if ((k = utf8_cjk_run(u + i, n - i)) > 0)
			i += k;
		else
			break;
	}
	return i;
}

/* The byte at s as %XX. */
static void
put_escape(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char e[3] = { '%', hex[(unsigned char)s[0] >> 4], hex[(unsigned char)s[0] & 15] };

	buf_add(out, e, 3);
}

void
codec_put(struct buf *out, const char *key, const char *key_more, const char *s, size_t n)
{
	size_t i = 0;
	bool first = true;

	do {
		const char *k = first ? key : key_more;
		/* "key = |" + chunk + "|\n" must fit in one line */
		size_t room = INIFILE_MAX_LINE - strlen(k) - 6, used = 0;

		size_t run = i;	/* bytes [run, i) go out as they are, in one piece */

		buf_addf(out, "%s = |", k);
		while (i < n) {
			size_t enc, len = plain_run(s + i, n - i, room - used);

			if (len > 0) {
				used += len;
				i += len;
				continue;
			}
			len = unit(s + i, n - i, &enc);
			if (used + enc > room)
				break;
			if (enc != len) {	/* an escape: what came before it first */
				buf_add(out, s + run, i - run);
				put_escape(out, s + i);
				run = i + len;
			}
			used += enc;
			i += len;
		}
		buf_add(out, s + run, i - run);
		buf_adds(out, "|\n");
		first = false;
	} while (i < n);
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int
codec_get(const char *value, struct buf *out, char **err)
{
	size_t n = strlen(value), i = 1;
	int high = 0;

	if (n < 2 || value[0] != '|' || value[n - 1] != '|') {
		*err = xstrdup(_("text must be written between two | characters"));
		return -1;
	}
	while (i + 1 < n) {
		/* Copy the run up to the next escape in one go: reports are mostly text. */
		const char *pct = memchr(value + i, '%', n - 1 - i);
		size_t run = pct != NULL ? (size_t)(pct - value) - i : n - 1 - i;
		int hi, lo;

		buf_add(out, value + i, run);
		i += run;
		if (i + 1 >= n)
			break;
		if (i + 3 >= n || (hi = hexval(value[i + 1])) < 0 || (lo = hexval(value[i + 2])) < 0) {
			/* xgettext:no-c-format */
			*err = xstrdup(_("bad %-escape in text (expected %XX with two hex digits)"));
			return -1;
		}
		if (hi == 0 && lo == 0) {
			*err = xstrdup(_("text contains a NUL byte (%00)"));
			return -1;
		}
		buf_addc(out, (char)(hi * 16 + lo));
		high |= hi >= 8;
		i += 3;
	}
	return high;
}
