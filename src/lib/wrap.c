/*
 * wrap.c - line breaking for Chinese text: libunistring's UAX #14
 * opportunities, tailored by the rules of Chinese typesetting (wrap.h).
 */
#include "nb.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <unilbrk.h>

#include "lib/utf8.h"
#include "lib/width.h"
#include "lib/wrap.h"
#include "lib/xalloc.h"

#define WRAP_BAD	0x110000	/* an invalid byte: no character, one column */
#define WRAP_LOCAL	1024		/* opportunities of a line kept on the stack */

/* Closing punctuation, which no line starts with (ASCII: see wrap_closing). */
static const uint32_t wrap_closing_wide[] = {
	0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01,	/* ， 。 、 ； ： ？ ！ */
	0xFF09, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015, 0x3009,	/* ） 》 」 』 】 〕 〉 */
	0x201D, 0x2019, 0x2026, 0x2014, 0xFF05, 0x00B7, 0xFF0E	/* ” ’ … — ％ · ． */
};

/* Opening punctuation, which no line ends with. */
static const uint32_t wrap_opening_wide[] = {
	0xFF08, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0x3008,	/* （ 《 「 『 【 〔 〈 */
	0x201C, 0x2018							/* “ ‘ */
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* True if cp is one of the n code points at v. */
static bool
wrap_in(uint32_t cp, const uint32_t *v, size_t n)
{
	if (cp < 0xB7 || (cp >= 0x3400 && cp < 0xFF00))	/* ASCII, Latin, the ideographs */
		return false;
	for (size_t i = 0; i < n; i++)
		if (v[i] == cp)
			return true;
	return false;
}

static bool
wrap_closing(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ',' || cp == '.' || cp == ';' || cp == ':' || cp == '?' || cp == '!' ||
		    cp == ')' || cp == ']' || cp == '}' || cp == '%';
	return wrap_in(cp, wrap_closing_wide, NELEM(wrap_closing_wide));
}

static bool
wrap_opening(uint32_t cp)
{
	if (cp < 0x80)
		return cp == '(' || cp == '[' || cp == '{';
	return wrap_in(cp, wrap_opening_wide, NELEM(wrap_opening_wide));
}

/* An ASCII or full-width digit. */
static bool
wrap_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* A CJK ideograph: after a number it is its unit (month, year, piece, person). */
static bool
wrap_han(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* The curly quotes, which UAX #14 glues to both neighbours (class QU). */
static bool
wrap_quote(uint32_t cp)
{
	return cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019;
}

/* Printable ASCII but space: letters, digits and the symbols of URLs. */
static bool
wrap_ascii(uint32_t cp)
{
	return cp > ' ' && cp < 0x7F;
}

/* How good a place to end a line is: from never to good. */
enum wrap_place { WRAP_NEVER, WRAP_SPLITS, WRAP_GOOD };

/*
 * May a line start at character b, after character a?  uax is Unicode's
 * answer; the Chinese rules come first.  Splitting a number from its unit,
 * a number or a Latin word, or where UAX #14 says no (between letters of a
 * script it cannot break, between dashes) is only for a line that has no
 * good place (it is better than a line starting with "，").  A space may start a line (a
 * caller printing the lines drops it there), as a line ends before the
 * word that does not fit.  Chinese quotes open and close: “ breaks before,
 * ” after.
 */
static enum wrap_place
wrap_may_break(uint32_t a, uint32_t b, bool uax)
{
	if (wrap_closing(b) || wrap_opening(a))
		return WRAP_NEVER;
	if (wrap_digit(a) && (wrap_digit(b) || wrap_han(b)))
		return WRAP_SPLITS;
	if (wrap_ascii(a) && wrap_ascii(b))
		return WRAP_SPLITS;
	if (b == ' ' || wrap_quote(a) || wrap_quote(b) || uax)
		return WRAP_GOOD;
	if (b != WRAP_BAD && width_cp(b, 1) == 0)
		return WRAP_NEVER;	/* a combining mark stays with its letter */
	return WRAP_SPLITS;
}

/* Decode the character at s (n > 0 bytes): its bytes, and WRAP_BAD for an invalid byte. */
static size_t
wrap_decode(const char *s, size_t n, uint32_t *cp)
{
	size_t k;

	if ((unsigned char)*s < 0x80) {	/* most of a line of digits and labels */
		*cp = (unsigned char)*s;
		return 1;
	}
	if ((k = utf8_decode(s, n, cp)) == 0) {
		*cp = WRAP_BAD;
		return 1;
	}
	return k;
}

/* Start of the character that ends at byte i (> start) of s, as wrap_decode walks. */
static size_t
wrap_prev(const char *s, size_t start, size_t i)
{
	size_t j = i - 1;

	while (j > start && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	return utf8_seqlen(s + j, i - j) == i - j ? j : i - 1;
}

/* Columns of a decoded character. */
static int
wrap_cols(uint32_t cp, int ambiguous)
{
	return cp == WRAP_BAD ? 1 : width_cp(cp, ambiguous);
}

/* p[i - from]: how good a place byte i of [from, to) is for a line to start (enum wrap_place). */
static void
wrap_opportunities(const char *s, size_t from, size_t to, char *p)
{
	uint32_t a = 0, b;
	size_t k;

	if (to > from)
		u8_possible_linebreaks((const uint8_t *)s + from, to - from, "UTF-8", p);
	for (size_t i = from; i < to; i += k) {
		char u = p[i - from];

		k = wrap_decode(s + i, to - i, &b);
		p[i - from] = i == from ? WRAP_NEVER :
		    (char)wrap_may_break(a, b, u == UC_BREAK_POSSIBLE || u == UC_BREAK_MANDATORY);
		for (size_t j = 1; j < k; j++)
			p[i - from + j] = WRAP_NEVER;
		a = b;
	}
}

/*
 * The place to end the line [start, ...) whose character at over does not
 * fit: the last good place in (start, over], else the last that splits a
 * number or word, else over.  p holds UAX #14's answers for [start, to); the
 * walk goes back from over, which for Chinese text is a character or two.
 */
static size_t
wrap_choose(const char *s, size_t start, size_t over, size_t to, const char *p)
{
	size_t i = over, prev, split = 0;
	uint32_t a, b;

	wrap_decode(s + i, to - i, &b);
	for (; i > start; i = prev, b = a) {
		char u = p[i - start];
		enum wrap_place w;

		prev = wrap_prev(s, start, i);
		wrap_decode(s + prev, i - prev, &a);
		w = wrap_may_break(a, b, u == UC_BREAK_POSSIBLE || u == UC_BREAK_MANDATORY);
		if (w == WRAP_GOOD)
			return i;
		if (w == WRAP_SPLITS && split == 0)
			split = i;
	}
	return split > 0 ? split : over;	/* no place at all: cut where the line is full */
}

size_t
wrap_line_reach(const char *s, size_t n, size_t start, int width, int ambiguous, size_t *reach)
{
	char local[WRAP_LOCAL], *p;
	size_t i = start, over, to, k;
	int cols = 0;
	uint32_t cp;

	for (; i < n; i += k) {
		int w;

		k = wrap_decode(s + i, n - i, &cp);
		w = wrap_cols(cp, ambiguous);
		if (i > start && cols + w > width)
			break;
		cols += w;
	}
	if (i >= n) {
		*reach = n;	/* and a byte added at n may make the line too long */
		return n;
	}
	/* The character after the one that does not fit, for UAX #14's look-ahead. */
	over = i;
	to = over + utf8_char_len(s + over, n - over);
	if (to < n)
		to += utf8_char_len(s + to, n - to);
	*reach = to;
	p = to - start <= sizeof local ? local : xmalloc(to - start);
	u8_possible_linebreaks((const uint8_t *)s + start, to - start, "UTF-8", p);
	i = wrap_choose(s, start, over, to, p);
	if (p != local)
		free(p);
	return i;
}

size_t
wrap_line_end(const char *s, size_t n, size_t start, int width, int ambiguous)
{
	size_t reach;

	return wrap_line_reach(s, n, start, width, ambiguous, &reach);
}

int
wrap_widest(const char *s, size_t n, int ambiguous)
{
	char *p = xmalloc(n > 0 ? n : 1);
	int run = 0, most = 0;
	size_t k;
	uint32_t cp;

	wrap_opportunities(s, 0, n, p);
	for (size_t i = 0; i < n; i += k) {
		k = wrap_decode(s + i, n - i, &cp);
		if (p[i] == WRAP_GOOD)
			run = 0;
		run += wrap_cols(cp, ambiguous);
		if (run > most)
			most = run;
	}
	free(p);
	return most;
}
