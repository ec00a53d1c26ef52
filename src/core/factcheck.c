/* factcheck.c - the facts a part states against the tables; see factcheck.h. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "core/cnnum.h"
#include "core/factcheck.h"
#include "core/facts.h"
#include "core/sentence.h"
#include "lib/buf.h"
#include "lib/strv.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

bool
factcheck_setting(struct factcheck *fc, const char *key, const char *v)
{
	if (strcmp(key, "rise") == 0)
		strv_split(v, &fc->rises, &fc->nrises);
	else if (strcmp(key, "fall") == 0)
		strv_split(v, &fc->falls, &fc->nfalls);
	else
		return false;
	return true;
}

void
factcheck_free(struct factcheck *fc)
{
	strv_free(fc->rises, fc->nrises);
	strv_free(fc->falls, fc->nfalls);
}

/* The readings of f in r, "21" or "21 or 24", in b; false when none holds a number. */
static bool
factcheck_values(const struct report *r, const struct fact *f, int64_t said, bool *agrees,
    int64_t *first, struct buf *b)
{
	bool any = false;
	char num[64];
	int64_t v;

	*agrees = false;
	buf_reset(b);
	for (size_t i = 0; i < f->nreadings && !*agrees; i++)	/* most statements agree: no text then */
		*agrees = facts_sum_value(r, &f->readings[i], &v) && v == said;
	if (*agrees)
		return true;
	for (size_t i = 0; i < f->nreadings; i++) {
		if (!facts_sum_value(r, &f->readings[i], &v))
			continue;
		if (any)
			buf_adds(b, _(" or "));
		else
			*first = v;
		value_format_fixed(v, num, sizeof num);
		buf_adds(b, num);
		any = true;
		*agrees |= v == said;
	}
	return any;
}

/* Is said what last year's report (of the same format) gives for f: a number kept from its text? */
static bool
factcheck_last_years(const struct report *r, const struct report *prev, const struct fact *f, int64_t said)
{
	int64_t v;

	for (size_t i = 0; prev != NULL && prev->tpl == r->tpl && i < f->nreadings; i++)
		if (facts_sum_value(prev, &f->readings[i], &v) && v == said)
			return true;
	return false;
}

static void
factcheck_found(const struct report *r, const struct report *prev, const struct fact *f, int part,
    const char *name, const struct facts_stated *m, struct review_list *out)
{
	struct buf vals = BUF_INIT, q = BUF_INIT;
	const char *text = r->texts[part];
	bool agrees;
	int64_t table = 0;
	size_t s0, s1;
	char said[64], *rule;

	if (!factcheck_values(r, f, m->value, &agrees, &table, &vals) || agrees)
		goto out;
	sentence_bounds(text, strlen(text), m->at, &s0, &s1);	/* the sentence, for the message */
	value_format_fixed(m->value, said, sizeof said);
	rule = xasprintf("fact.%s", f->id);
	review_add(out, rule, part, m->num, m->num + m->numlen, out->counts_only ? NULL :
	    factcheck_last_years(r, prev, f, m->value) ?
	    xasprintf(_("%s: \"%s\" gives %s as %s, which is last year's figure: the tables say %s this year"),
	    name, sentence_quote(r, text, s0, s1, &q), f->name, said, vals.data) :
	    xasprintf(_("%s: \"%s\" gives %s as %s, the tables say %s"), name,
	    sentence_quote(r, text, s0, s1, &q), f->name, said, vals.data));
	out->v[out->n - 1].numbers = true;
	out->v[out->n - 1].table = table;
	out->v[out->n - 1].text = m->value;
	free(rule);
out:
	buf_free(&vals);
	buf_free(&q);
}

/* The change on last year prefix (of n at v) at s[0..n), or 0: its length. */
static size_t
factcheck_change_word(const char *s, size_t n, char *const *v, size_t nv)
{
	for (size_t i = 0; i < nv; i++) {
		size_t k = strlen(v[i]);

		if (k <= n && memcmp(s, v[i], k) == 0)
			return k;
	}
	return 0;
}

/*
 * The word of a change (a rise, or a fall: *rise false) FACTCHECK_CHANGE_GAP
 * bytes at most after byte j of text, before its sentence or clause list
 * ends: its length, and its first byte in *at; 0 if there is none.
 */
static size_t
factcheck_change_after(const struct factcheck *fc, const char *text, size_t len, size_t j, size_t *at, bool *rise)
{
	size_t lim = j + FACTCHECK_CHANGE_GAP, w;

	*rise = true;
	for (; j < len && j < lim && text[j] != '\n'; j += utf8_char_len(text + j, len - j)) {
		if (memcmp(text + j, "\xE3\x80\x82", 3) == 0 || memcmp(text + j, "\xEF\xBC\x9B", 3) == 0)
			return 0;	/* the sentence or the clause list ends: 。 ； */
		*at = j;
		if ((w = factcheck_change_word(text + j, len - j, fc->rises, fc->nrises)) > 0)
			return w;
		if ((w = factcheck_change_word(text + j, len - j, fc->falls, fc->nfalls)) > 0) {
			*rise = false;
			return w;
		}
	}
	return 0;
}

/*
 * A change on last year said right after a fact's number (the number of new
 * requests, then "up 7 on last year" in the template's rise words): the difference of
 * the fact's cells between this report and last year's, when last year's is
 * known and of the same format (its cells are this one's).  Not assessable
 * when the cells are blank in either.
 */
static void
factcheck_change(const struct factcheck *fc, const struct report *r, const struct report *prev,
    const struct fact *f, int part, const char *name, size_t len, const struct facts_stated *m,
    struct review_list *out)
{
	const char *text = r->texts[part];
	size_t j = 0, w, k, s0, s1;
	int64_t said, now = 0, then = 0, want;
	bool any = false, agrees = false, rise;
	struct buf q = BUF_INIT;
	char a[64], b[64], c[64], *rule;
	int flags;

	if (prev == NULL || prev->tpl != r->tpl)
		return;
	if ((w = factcheck_change_after(fc, text, len, m->num + m->numlen, &j, &rise)) == 0 ||
	    (k = cnnum_read(text + j + w, len - j - w, &said, &flags)) == 0)
		return;
	for (size_t i = 0; i < f->nreadings; i++)
		if (facts_sum_value(r, &f->readings[i], &now) && facts_sum_value(prev, &f->readings[i], &then)) {
			want = rise ? now - then : then - now;
			any = true;
			agrees |= want == said;
		}
	if (!any || agrees)
		return;
	sentence_bounds(text, len, j, &s0, &s1);
	value_format_fixed(said, a, sizeof a);
	value_format_fixed(now, b, sizeof b);
	value_format_fixed(then, c, sizeof c);
	rule = xasprintf("change.%s", f->id);
	review_add(out, rule, part, j + w, j + w + k, out->counts_only ? NULL :
	    xasprintf(_("%s: \"%s\" gives the change of %s on last year as %s, but the tables say %s this year and %s last year"),
	    name, sentence_quote(r, text, s0, s1, &q), f->name, a, b, c));
	free(rule);
	buf_free(&q);
}


void
factcheck_part(const struct factcheck *fc, const struct report *r, const struct report *prev, int part,
    const char *name, const struct partscan *ps, struct review_list *out)
{
	struct facts_statements st = { NULL, 0, 0 };
	size_t len = strlen(r->texts[part]);

	facts_scan(r->tpl->facts, ps, &st);
	for (size_t i = 0; i < st.n; i++) {
		const struct fact *f = facts_get(r->tpl->facts, st.v[i].fact);

		factcheck_found(r, prev, f, part, name, &st.v[i], out);
		factcheck_change(fc, r, prev, f, part, name, len, &st.v[i], out);
	}
	free(st.v);
}
