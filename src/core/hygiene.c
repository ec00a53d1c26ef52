/* hygiene.c - the hygiene of Chinese text; see hygiene.h. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "core/hygiene.h"
#include "core/partscan.h"
#include "lib/buf.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

#define HYGIENE_CONTEXT	6	/* characters quoted on each side of a place */
#define HYGIENE_WORD	6	/* the longest doubled word looked for, in characters */

/* The text as code points, with each one's byte offset and whether to skip it. */
struct hy_text {
	const char	*s;
	const uint32_t	*cp;		/* with PARTSCAN_PAD zeros after the last */
	const size_t	*off;		/* n + 1 entries */
	bool		*skip;		/* inside an address or a document number */
	size_t		 n;
	int		 part;
	const char	*name;
	const struct hygiene_words *w;
	struct review_list *out;
};

/* Web and e-mail addresses: a run of ASCII with "://", "www." or "@". */
static void
hygiene_skip_addresses(struct hy_text *h)
{
	for (size_t i = 0; i < h->n;) {
		size_t j = i;
		bool addr, marks = false;	/* a ':' or '@': only then is the run searched */

		for (; j < h->n && h->cp[j] > ' ' && h->cp[j] < 0x7F; j++)
			marks |= h->cp[j] == ':' || h->cp[j] == '@';
		addr = j > i && ((marks && (memmem(h->s + h->off[i], h->off[j] - h->off[i], "://", 3) != NULL ||
		    memchr(h->s + h->off[i], '@', h->off[j] - h->off[i]) != NULL)) ||
		    strncmp(h->s + h->off[i], "www.", 4) == 0);
		for (size_t k = i; addr && k < j; k++)
			h->skip[k] = true;
		i = j > i ? j : i + 1;
	}
}

/* Document numbers: from the tortoise-shell bracket of the year to the number sign after it. */
static void
hygiene_skip_docnums(struct hy_text *h)
{
	for (size_t i = 0; i < h->n; i++) {
		size_t j = i + 1;

		if (h->cp[i] != 0x3014 && h->cp[i] != '[')
			continue;
		while (j < h->n && j < i + 8 && h->cp[j] != 0x3015 && h->cp[j] != ']')
			j++;
		while (j < h->n && (h->cp[j] == 0x3015 || h->cp[j] == ']' || hygiene_digit(h->cp[j])))
			j++;
		if (j < h->n && h->cp[j] == 0x53F7)	/* the number sign, hao */
			for (size_t k = i; k <= j; k++)
				h->skip[k] = true;
	}
}

/* A finding about code points [a, b) with some context around them. */
static void
hygiene_add(struct hy_text *h, const char *rule, size_t a, size_t b, const char *fmt, const char *what)
{
	size_t c0 = a > HYGIENE_CONTEXT ? a - HYGIENE_CONTEXT : 0;
	size_t c1 = b + HYGIENE_CONTEXT < h->n ? b + HYGIENE_CONTEXT : h->n;
	struct buf q = BUF_INIT;

	if (h->out->counts_only) {
		review_add(h->out, rule, h->part, h->off[a], h->off[b], NULL);
		return;
	}
	review_add(h->out, rule, h->part, h->off[a], h->off[b], xasprintf(fmt, h->name, what,
	    h->w->quote(h->w->quote_ctx, h->s, h->off[h->n], h->off[c0], h->off[c1], &q)));
	buf_free(&q);
}

/* Is the text of code points [a, b) one of the doubles the language uses on purpose? */
static bool
hygiene_ok(const struct hy_text *h, size_t a, size_t b, const char *const *ok, size_t nok)
{
	size_t len = h->off[b] - h->off[a];

	for (size_t i = 0; i < nok; i++)
		if (strlen(ok[i]) == len && memcmp(ok[i], h->s + h->off[a], len) == 0)
			return true;
	return false;
}

/* Is [i, i+w) Chinese and repeated right after itself? */
static bool
hygiene_repeats(const struct hy_text *h, size_t i, size_t w)
{
	if (i + 2 * w > h->n || h->cp[i] != h->cp[i + w])
		return false;
	for (size_t k = 0; k < w; k++)
		if (!hygiene_cjk(h->cp[i + k]) || h->skip[i + k] || h->cp[i + k] != h->cp[i + w + k])
			return false;
	return true;
}

/* Is the doubled single character at i a slip: a particle, or after a figure? */
static bool
hygiene_char_slip(const struct hy_text *h, size_t i)
{
	return (i > 0 && hygiene_digit(h->cp[i - 1])) || hygiene_ok(h, i, i + 1, h->w->chars, h->w->nchars);
}

/* The one walk over a text's code points: where each check stands. */
struct hy_walk {
	size_t	 next_double;	/* where a doubled word may start again, after one */
	size_t	 next_space;	/* where a space may be looked for again, after one */
	size_t	 first_mark, marks;	/* half-width marks between Chinese characters */
	size_t	 stack[32], depth;	/* the paragraph's open brackets and quotes */
};

/* Can a doubled word start at p (the character comes again within a word's
 * length)?  Most characters cannot; the array's zeros past its end let the
 * six be compared anywhere. */
static bool
hygiene_may_double(const uint32_t *p)
{
	_Static_assert(HYGIENE_WORD == 6, "hygiene_may_double compares six characters");
	return p[1] == p[0] || p[2] == p[0] || p[3] == p[0] || p[4] == p[0] || p[5] == p[0] || p[6] == p[0];
}

/* A doubled word starting at the Chinese character i (outside an address or a document number). */
static void
hygiene_double_at(struct hy_text *h, size_t i, struct hy_walk *k)
{
	uint32_t c = h->cp[i];
	size_t lim = (h->n - i) / 2 < HYGIENE_WORD ? (h->n - i) / 2 : HYGIENE_WORD;

	for (size_t w = 1; w <= lim; w++) {
		char *word;

		if (h->cp[i + w] != c || !hygiene_repeats(h, i, w) || (w == 1 && !hygiene_char_slip(h, i)))
			continue;
		/* after a figure even a double the language uses is one too many: 2025 nian nian */
		if (hygiene_ok(h, i, i + 2 * w, h->w->ok, h->w->nok) && !(i > 0 && hygiene_digit(h->cp[i - 1])))
			continue;
		word = xstrndup(h->s + h->off[i], h->off[i + w] - h->off[i]);
		hygiene_add(h, "hygiene.doubled", i, i + 2 * w, _("%s: \"%s\" is doubled in \"%s\""), word);
		free(word);
		k->next_double = i + 2 * w;
		return;
	}
}

/* The first half-width mark between Chinese characters, and how many more the part has
 * (a text typed with a half-width keyboard has dozens: one finding says it). */
static void
hygiene_halfwidth(struct hy_text *h, size_t first, size_t more)
{
	char what[2] = { (char)h->cp[first], '\0' }, *fmt;

	if (more == 0) {
		hygiene_add(h, "hygiene.halfwidth", first, first + 1,
		    _("%s: the half-width \"%s\" between Chinese characters in \"%s\""), what);
		return;
	}
	fmt = xasprintf(_("%%s: the half-width \"%%s\" between Chinese characters in \"%%s\", and %zu more in this part"),
	    more);
	hygiene_add(h, "hygiene.halfwidth", first, first + 1, fmt, what);
	free(fmt);
}

/* Is cp a half-width , ; : ? ! ( ) or a space? */
static bool
hygiene_mark_or_space(uint32_t cp)
{
	return cp == ' ' || cp == 0x3000 || (cp != 0 && cp < 0x7F && strchr(",;:?!()", (int)cp) != NULL);
}

/* A half-width mark, or spaces, at i after a Chinese character and before another. */
static void
hygiene_space_at(struct hy_text *h, size_t i, struct hy_walk *k)
{
	uint32_t c = h->cp[i];
	size_t j = i;

	if (h->skip[i] || !hygiene_cjk(h->cp[i - 1]))
		return;
	if (c != 0 && c < 0x7F && strchr(",;:?!()", (int)c) != NULL && hygiene_cjk(h->cp[i + 1]))
		k->first_mark = k->marks++ == 0 ? i : k->first_mark;
	while (j < h->n && (h->cp[j] == ' ' || h->cp[j] == 0x3000))
		j++;
	if (j > i && j < h->n && hygiene_cjk(h->cp[j])) {
		hygiene_add(h, "hygiene.space", i, j, _("%s: a space%s between Chinese characters in \"%s\""), "");
		k->next_space = j + 1;
	}
}

/* The opening mark a closing one answers, or 0 if cp closes nothing. */
static uint32_t
hygiene_opener(uint32_t cp)
{
	switch (cp) {
	case 0x300B: return 0x300A;	/* book title marks */
	case 0x201D: return 0x201C;	/* double quotes */
	case 0xFF09: return 0xFF08;	/* full-width parentheses */
	case 0x3011: return 0x3010;	/* black lenticular brackets */
	default: return 0;
	}
}

static bool
hygiene_is_opener(uint32_t cp)
{
	return cp == 0x300A || cp == 0x201C || cp == 0xFF08 || cp == 0x3010;
}

/* A bracket or quote at i, paired within its paragraph. */
static void
hygiene_bracket_at(struct hy_text *h, size_t i, struct hy_walk *k)
{
	uint32_t cp = h->cp[i], open = hygiene_opener(cp);
	char mark[8];

	if (hygiene_is_opener(cp) && k->depth < sizeof k->stack / sizeof *k->stack)
		k->stack[k->depth++] = i;
	else if (open != 0 && k->depth > 0 && h->cp[k->stack[k->depth - 1]] == open)
		k->depth--;
	else if (open != 0) {
		mark[utf8_encode(cp, mark)] = '\0';
		hygiene_add(h, "hygiene.unbalanced", i, i + 1, _("%s: \"%s\" closes nothing in \"%s\""), mark);
		k->depth = 0;	/* one mistake, one finding */
	}
}

/* The end of a paragraph: what it opened and did not close. */
static void
hygiene_paragraph_end(struct hy_text *h, struct hy_walk *k)
{
	char mark[8];

	for (size_t d = 0; d < k->depth; d++) {
		mark[utf8_encode(h->cp[k->stack[d]], mark)] = '\0';
		hygiene_add(h, "hygiene.unbalanced", k->stack[d], k->stack[d] + 1,
		    _("%s: \"%s\" is not closed in \"%s\""), mark);
	}
	k->depth = 0;
}

/* The number starting at i, if it is written with both ASCII and full-width digits. */
static void
hygiene_digits_at(struct hy_text *h, size_t i)
{
	size_t j = i;
	int kinds = 0;

	while (j < h->n && hygiene_digit(h->cp[j])) {
		kinds |= h->cp[j] < 0x7F ? 1 : 2;
		j++;
	}
	if (kinds == 3 && !h->skip[i]) {
		char *num = xstrndup(h->s + h->off[i], h->off[j] - h->off[i]);

		hygiene_add(h, "hygiene.digits", i, j,
		    _("%s: the number \"%s\" mixes full-width and ASCII digits in \"%s\""), num);
		free(num);
	}
}

/*
 * Every check in one walk: a Chinese character can only start a doubled
 * word, and the others are each a few comparisons.  The findings come in
 * another order than check by check, but a part's findings are sorted by
 * their place and no two checks find something at the same place.
 */
static void
hygiene_walk(struct hy_text *h)
{
	struct hy_walk k = { 0, 1, 0, 0, { 0 }, 0 };

	for (size_t i = 0; i < h->n; i++) {
		uint32_t c = h->cp[i];

		if (hygiene_cjk(c)) {
			if (hygiene_may_double(h->cp + i) && i >= k.next_double && !h->skip[i])
				hygiene_double_at(h, i, &k);
			continue;
		}
		if (c == '\n')
			hygiene_paragraph_end(h, &k);
		else if (c >= 0x201C && !h->skip[i])	/* every mark paired is above U+201B */
			hygiene_bracket_at(h, i, &k);
		if (i >= k.next_space && i + 1 < h->n && hygiene_mark_or_space(c))
			hygiene_space_at(h, i, &k);
		if (hygiene_digit(c) && (i == 0 || !hygiene_digit(h->cp[i - 1])))
			hygiene_digits_at(h, i);
	}
	hygiene_paragraph_end(h, &k);
	if (k.marks > 0)
		hygiene_halfwidth(h, k.first_mark, k.marks - 1);
}

/*
 * The skip array, kept from one call to the next: `check DIR` reviews some
 * thirty parts of each of thousands of reports, and allocating and
 * clearing it for each cost more than the checks.  (nianbao has no
 * threads; `check --jobs` workers are processes.)  Still reachable at exit.
 */
static struct {
	bool	*skip;
	size_t	 cap;
} hygiene_scratch;

/* The skip array for h's n code points, cleared. */
static void
hygiene_skip_clear(struct hy_text *h)
{
	if (hygiene_scratch.cap < h->n + 1) {
		hygiene_scratch.cap = h->n + 1 > 2 * hygiene_scratch.cap ? h->n + 1 : 2 * hygiene_scratch.cap;
		free(hygiene_scratch.skip);
		hygiene_scratch.skip = xmalloc(hygiene_scratch.cap * sizeof *hygiene_scratch.skip);
	}
	h->skip = hygiene_scratch.skip;
	memset(h->skip, 0, h->n + 1);
}

/*
 * May text hold a document number: its '[', or the bracket U+3014 (E3 80
 * 94)?  The bracket is looked for by its last byte, which few characters
 * end with, so that memchr's quick scan does the reading.
 */
static bool
hygiene_maybe_docnum(const char *text, size_t len)
{
	const char *p = text;

	if (memchr(text, '[', len) != NULL)
		return true;
	for (; (p = memchr(p, 0x94, len - (size_t)(p - text))) != NULL; p++)
		if (p - text >= 2 && p[-2] == '\xE3' && p[-1] == '\x80')
			return true;
	return false;
}

void
hygiene_text(const struct partscan *ps, int part, const struct hygiene_words *w, const char *name,
    struct review_list *out)
{
	struct hy_text h = { ps->text, ps->cp, ps->off, NULL, ps->n, part, name, w, out };

	_Static_assert(HYGIENE_WORD + 1 <= PARTSCAN_PAD, "hygiene_may_double reads past the last code point");
	hygiene_skip_clear(&h);
	/* an address has a ':', an '@' or "www.", a document number its bracket: most parts have none */
	if (strpbrk(ps->text, ":@w") != NULL)
		hygiene_skip_addresses(&h);
	if (hygiene_maybe_docnum(ps->text, ps->off[ps->n]))
		hygiene_skip_docnums(&h);
	hygiene_walk(&h);
}
