/* lastcopy.c - last year's text kept in this year's report; see lastcopy.h. */
#include "nb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lastcopy.h"
#include "core/sentence.h"
#include "lib/buf.h"
#include "lib/strv.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

void
lastcopy_init(struct lastcopy *lc)
{
	*lc = (struct lastcopy){ NULL, 0, 50 };
}

bool
lastcopy_setting(struct lastcopy *lc, const char *key, const char *v, const char *file, int line,
    struct diag_list *dl)
{
	if (strcmp(key, "copy_threshold") == 0) {
		char *end;
		long pct = strtol(v, &end, 10);

		if (*end != '\0' || pct < 1 || pct > 100)
			diag_add(dl, file, line, _("copy_threshold must be 1 to 100"));
		lc->copy_pct = (int)pct;
	} else if (strcmp(key, "purposeful") == 0)
		strv_split(v, &lc->purposeful, &lc->npurposeful);
	else
		return false;
	return true;
}

void
lastcopy_free(struct lastcopy *lc)
{
	strv_free(lc->purposeful, lc->npurposeful);
}

/* Does the sentence mention last year on purpose (a comparison, last year's report)? */
static bool
lastcopy_purposeful(const struct lastcopy *lc, const struct report *r, const char *s, size_t n)
{
	char year[16];

	snprintf(year, sizeof year, "%d", r->year - 1);
	for (size_t i = 0; i < lc->npurposeful; i++) {
		const char *w = lc->purposeful[i], *slot = strstr(w, "{prev}");
		char *phrase = slot == NULL ? xstrdup(w) :
		    xasprintf("%.*s%s%s", (int)(slot - w), w, year, slot + 6);
		bool hit = memmem(s, n, phrase, strlen(phrase)) != NULL;

		free(phrase);
		if (hit)
			return true;
	}
	return false;
}

/* The first byte of the line at line that is not a blank. */
static size_t
lastcopy_line_text(const char *text, size_t line)
{
	size_t at = line;

	while (text[at] == ' ' || strncmp(text + at, "\xE3\x80\x80", 3) == 0)
		at += text[at] == ' ' ? 1 : 3;
	return at;
}

/* The paragraphs (lines holding more than blanks) of text before byte end, a line's start. */
static int
lastcopy_paras_before(const char *text, size_t end)
{
	int para = 0;

	for (size_t line = 0; line < end; line += strcspn(text + line, "\n") + 1) {
		size_t at = lastcopy_line_text(text, line);

		para += text[at] != '\n' && text[at] != '\0';
	}
	return para;
}

/*
 * A paragraph that begins with last year ("2024" and the year sign, in a
 * 2025 report) was most likely copied from last year's report and not
 * updated; unless its first sentence refers to last year on purpose.  The
 * lines that start in [l0, l1), l0 a line's start; the paragraphs before l0
 * are counted only for a finding.
 */
void
lastcopy_stale(const struct lastcopy *lc, const struct report *r, int part, size_t l0, size_t l1,
    struct review_list *out)
{
	const char *text = r->texts[part];
	size_t len = strlen(text), pos = 0, s0, s1;
	char prefix[16];
	int para = 0, before = l0 > 0 ? -1 : 0;

	snprintf(prefix, sizeof prefix, "%d\xE5\xB9\xB4", r->year - 1);
	for (size_t line = l0; line < len && line < l1; line = pos) {
		size_t at = lastcopy_line_text(text, line);

		para += text[at] != '\n' && text[at] != '\0';
		pos = strchr(text + line, '\n') != NULL ? (size_t)(strchr(text + line, '\n') - text) + 1 : len;
		if (strncmp(text + at, prefix, strlen(prefix)) != 0)
			continue;
		sentence_bounds(text, len, at, &s0, &s1);
		if (lastcopy_purposeful(lc, r, text + s0, s1 - s0))
			continue;
		if (before < 0)
			before = lastcopy_paras_before(text, l0);
		review_add(out, "stale-year", part, at, at + strlen(prefix), out->counts_only ? NULL :
		    xasprintf(_("%s%s, paragraph %d begins with %s: is it last year's text?"),
		    r->tpl->parts[part].section > 0 ? r->tpl->sections[r->tpl->parts[part].section].title : "",
		    r->tpl->parts[part].title, before + para, prefix));
	}
}

/* The code points of s that are not blanks, in a new array of *n. */
static uint32_t *
lastcopy_cps(const char *s, size_t **offs, size_t *n)
{
	size_t len = strlen(s), i = 0, k;
	uint32_t *v = xcalloc(len + 1, sizeof *v), cp;

	*offs = xcalloc(len + 1, sizeof **offs);
	*n = 0;
	for (; i < len; i += k > 0 ? k : 1) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0 || cp == ' ' || cp == '\n' || cp == '\t' ||
		    cp == 0x3000)
			continue;
		(*offs)[*n] = i;
		v[(*n)++] = cp;
	}
	(*offs)[*n] = len;
	return v;
}

static int
lastcopy_cmp64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int
lastcopy_similarity(const char *a, const char *b)
{
	size_t na, nb, *oa, *ob, found = 0;
	uint32_t *ca = lastcopy_cps(a, &oa, &na), *cb = lastcopy_cps(b, &ob, &nb);
	uint64_t *gb = xcalloc(nb + 1, sizeof *gb);
	int pct = 0;

	for (size_t i = 0; i + 1 < nb; i++)
		gb[i] = (uint64_t)cb[i] << 32 | cb[i + 1];
	qsort(gb, nb > 0 ? nb - 1 : 0, sizeof *gb, lastcopy_cmp64);
	for (size_t i = 0; i + 1 < na; i++) {
		uint64_t g = (uint64_t)ca[i] << 32 | ca[i + 1];

		found += nb > 1 && bsearch(&g, gb, nb - 1, sizeof *gb, lastcopy_cmp64) != NULL;
	}
	if (na > 1)
		pct = (int)(found * 100 / (na - 1));
	free(ca);
	free(cb);
	free(oa);
	free(ob);
	free(gb);
	return pct;
}

#define LASTCOPY_LONGEST_MAX	4000	/* characters of each text compared for the passage */

/*
 * The longest passage of a also in b, as bytes [*s, *e) of a (blanks
 * ignored).  Quadratic: only the first LASTCOPY_LONGEST_MAX characters of
 * each are compared, so that a very long part still answers at once.
 */
static void
lastcopy_longest(const char *a, const char *b, size_t *s, size_t *e)
{
	size_t na, nb, *oa, *ob, best = 0, at = 0;
	uint32_t *ca = lastcopy_cps(a, &oa, &na), *cb = lastcopy_cps(b, &ob, &nb);
	size_t *row, *prev;

	na = na < LASTCOPY_LONGEST_MAX ? na : LASTCOPY_LONGEST_MAX;
	nb = nb < LASTCOPY_LONGEST_MAX ? nb : LASTCOPY_LONGEST_MAX;
	row = xcalloc(nb + 1, sizeof *row);
	prev = xcalloc(nb + 1, sizeof *prev);

	for (size_t i = 1; i <= na; i++) {
		for (size_t j = 1; j <= nb; j++) {
			row[j] = ca[i - 1] == cb[j - 1] ? prev[j - 1] + 1 : 0;
			if (row[j] > best) {
				best = row[j];
				at = i;
			}
		}
		memcpy(prev, row, (nb + 1) * sizeof *row);
	}
	*s = oa[at - best];
	*e = best > 0 ? oa[at - 1] + utf8_seqlen(a + oa[at - 1], strlen(a) - oa[at - 1]) : *s;
	free(row);
	free(prev);
	free(ca);
	free(cb);
	free(oa);
	free(ob);
}

#define LASTCOPY_COPY_MIN	20	/* characters: a shorter part is a formula, not a copy */

void
lastcopy_copy(const struct lastcopy *lc, const struct report *r, const struct report *prev, int copy_pct,
    int part, const char *name, struct review_list *out)
{
	const struct tpl_part *tp = &r->tpl->parts[part];
	int pp = prev != NULL ? template_part(prev->tpl, tp->id) : -1, pct;
	size_t s, e;
	struct buf q = BUF_INIT;

	if (pp < 0 || utf8_count(r->texts[part], strlen(r->texts[part])) < LASTCOPY_COPY_MIN)
		return;
	if ((pct = lastcopy_similarity(r->texts[part], prev->texts[pp])) < (copy_pct > 0 ? copy_pct : lc->copy_pct))
		return;
	lastcopy_longest(r->texts[part], prev->texts[pp], &s, &e);
	review_add(out, "copy", part, s, e, out->counts_only ? NULL :
	    xasprintf(_("%s: %d%% of it is in last year's report; the longest passage copied: \"%s\""),
	    name, pct, sentence_quote(r, r->texts[part], s, e, &q)));
	buf_free(&q);
}
