/* hygiene.c - the hygiene of Chinese text; see hygiene.h. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "core/hygiene.h"
#include "lib/buf.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

#define HYGIENE_CONTEXT	6	/* characters quoted on each side of a place */
#define HYGIENE_WORD	6	/* the longest doubled word looked for, in characters */

/* The text as code points, with each one's byte offset and whether to skip it. */
struct hy_text {
	const char	*s;
	uint32_t	*cp;
	size_t		*off;		/* n + 1 entries */
	bool		*skip;		/* inside an address or a document number */
	size_t		 n;
	int		 part;
	const char	*name;
	struct review_list *out;
};

static bool
hygiene_cjk(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

static bool
hygiene_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* Web and e-mail addresses: a run of ASCII with "://", "www." or "@". */
static void
hygiene_skip_addresses(struct hy_text *h)
{
	for (size_t i = 0; i < h->n;) {
		size_t j = i;
		bool addr;

		while (j < h->n && h->cp[j] > ' ' && h->cp[j] < 0x7F)
			j++;
		addr = j > i && (memmem(h->s + h->off[i], h->off[j] - h->off[i], "://", 3) != NULL ||
		    memmem(h->s + h->off[i], h->off[j] - h->off[i], "@", 1) != NULL ||
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
	char *ctx = xstrndup(h->s + h->off[c0], h->off[c1] - h->off[c0]);

	for (char *p = ctx; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	review_add(h->out, rule, h->part, h->off[a], h->off[b], xasprintf(fmt, h->name, what, ctx));
	free(ctx);
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
hygiene_char_slip(const struct hy_text *h, size_t i, const struct hygiene_words *w)
{
	return (i > 0 && hygiene_digit(h->cp[i - 1])) || hygiene_ok(h, i, i + 1, w->chars, w->nchars);
}

static void
hygiene_doubled(struct hy_text *h, const struct hygiene_words *wd)
{
	for (size_t i = 0; i < h->n; i++)
		for (size_t w = 1; w <= HYGIENE_WORD; w++) {
			char *word;

			if (!hygiene_repeats(h, i, w) || (w == 1 && !hygiene_char_slip(h, i, wd)))
				continue;
			/* after a figure even a double the language uses is one too many: 2025 nian nian */
			if (hygiene_ok(h, i, i + 2 * w, wd->ok, wd->nok) && !(i > 0 && hygiene_digit(h->cp[i - 1])))
				continue;
			word = xstrndup(h->s + h->off[i], h->off[i + w] - h->off[i]);
			hygiene_add(h, "hygiene.doubled", i, i + 2 * w, _("%s: \"%s\" is doubled in \"%s\""), word);
			free(word);
			i += 2 * w - 1;
			break;
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

/* Half-width , ; : ? ! ( ) and spaces between Chinese characters. */
static void
hygiene_between(struct hy_text *h)
{
	size_t first = 0, count = 0;

	for (size_t i = 1; i + 1 < h->n; i++) {
		uint32_t c = h->cp[i];
		size_t j = i;

		if (h->skip[i] || !hygiene_cjk(h->cp[i - 1]))
			continue;
		if (c != 0 && c < 0x7F && strchr(",;:?!()", (int)c) != NULL && hygiene_cjk(h->cp[i + 1]))
			first = count++ == 0 ? i : first;
		while (j < h->n && (h->cp[j] == ' ' || h->cp[j] == 0x3000))
			j++;
		if (j > i && j < h->n && hygiene_cjk(h->cp[j])) {
			hygiene_add(h, "hygiene.space", i, j, _("%s: a space%s between Chinese characters in \"%s\""), "");
			i = j;
		}
	}
	if (count > 0)
		hygiene_halfwidth(h, first, count - 1);
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

/* Brackets and quotes of the paragraph [a, b) that do not pair up. */
static void
hygiene_paragraph(struct hy_text *h, size_t a, size_t b)
{
	size_t stack[32], depth = 0;
	char mark[8];

	for (size_t i = a; i < b; i++) {
		uint32_t cp = h->cp[i], open = hygiene_opener(cp);

		if (h->skip[i])
			continue;
		if (hygiene_is_opener(cp) && depth < sizeof stack / sizeof *stack)
			stack[depth++] = i;
		else if (open != 0 && depth > 0 && h->cp[stack[depth - 1]] == open)
			depth--;
		else if (open != 0) {
			mark[utf8_encode(cp, mark)] = '\0';
			hygiene_add(h, "hygiene.unbalanced", i, i + 1, _("%s: \"%s\" closes nothing in \"%s\""), mark);
			depth = 0;	/* one mistake, one finding */
		}
	}
	for (size_t k = 0; k < depth; k++) {
		mark[utf8_encode(h->cp[stack[k]], mark)] = '\0';
		hygiene_add(h, "hygiene.unbalanced", stack[k], stack[k] + 1, _("%s: \"%s\" is not closed in \"%s\""), mark);
	}
}

static void
hygiene_balance(struct hy_text *h)
{
	size_t a = 0;

	for (size_t i = 0; i <= h->n; i++)
		if (i == h->n || h->cp[i] == '\n') {
			hygiene_paragraph(h, a, i);
			a = i + 1;
		}
}

/* One number written with both ASCII and full-width digits. */
static void
hygiene_digits(struct hy_text *h)
{
	for (size_t i = 0; i < h->n;) {
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
		i = j > i ? j : i + 1;
	}
}

/* One code point of valid UTF-8 (a report's text is checked when set); its bytes in *k. */
static uint32_t
hygiene_decode(const unsigned char *s, size_t n, size_t *k)
{
	if (s[0] < 0x80 || n < 2)
		return *k = 1, s[0];
	if (s[0] < 0xE0)
		return *k = 2, (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	if (s[0] < 0xF0 || n < 4)
		return *k = n < 3 ? n : 3, (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 |
		    (n < 3 ? 0 : s[2] & 0x3F);
	return *k = 4, (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
	    (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
}

void
hygiene_text(const char *text, int part, const struct hygiene_words *w, const char *name,
    struct review_list *out)
{
	size_t len = strlen(text), k;
	struct hy_text h = { text, NULL, NULL, NULL, 0, part, name, out };

	h.cp = xcalloc(len + 1, sizeof *h.cp);
	h.off = xcalloc(len + 2, sizeof *h.off);
	h.skip = xcalloc(len + 1, sizeof *h.skip);
	for (size_t i = 0; i < len; i += k) {
		h.cp[h.n] = hygiene_decode((const unsigned char *)text + i, len - i, &k);
		h.off[h.n++] = i;
	}
	h.off[h.n] = len;
	hygiene_skip_addresses(&h);
	hygiene_skip_docnums(&h);
	hygiene_doubled(&h, w);
	hygiene_between(&h);
	hygiene_balance(&h);
	hygiene_digits(&h);
	free(h.cp);
	free(h.off);
	free(h.skip);
}
