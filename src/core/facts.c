/* facts.c - the facts of a template's [fact] sections; see facts.h. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "core/cnnum.h"
#include "core/facts.h"
#include "core/partscan.h"
#include "lib/strv.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

#define FACTS_GAP	12	/* characters an ellipsis of a phrasing may stand for */

enum facts_tok_type { TOK_LIT, TOK_GAP, TOK_NUM };

struct facts_tok {
	enum facts_tok_type	 type;
	const char		*lit;	/* into the template's text */
	size_t			 len;
};

struct facts_pattern {
	struct facts_tok	*tok;
	size_t			 ntok;
};

/* Where a phrasing may start: the first character of its text (as a key of up to
 * 4 bytes), so that a part is read once for every phrasing of every fact. */
struct facts_anchor {
	uint32_t	 key;
	uint16_t	 fact, pat;
};

#define FACTS_BLOOM	4096	/* bits of the first characters' filter */

struct facts {
	struct fact		*v;
	size_t			 n;
	struct facts_anchor	*anchors;	/* sorted by key */
	size_t			 nanchors;
	uint8_t			 bloom[FACTS_BLOOM / 8];
};

/* ---- compiling -------------------------------------------------------- */

int
facts_sum_parse(const struct template *t, const char *s, struct facts_sum *sum, const char *file, int line,
    struct diag_list *dl)
{
	char **w = NULL;
	size_t n = 0;
	int rc = 0;

	strv_split(s, &w, &n);
	for (size_t i = 0; i < n; i++) {
		int c;

		if (strcmp(w[i], "+") == 0)
			continue;
		if ((c = template_value(t, w[i])) < 0) {
			diag_add(dl, file, line, _("unknown cell \"%s\""), w[i]);
			rc = -1;
			continue;
		}
		sum->cells = xrealloc(sum->cells, (sum->ncells + 1) * sizeof *sum->cells);
		sum->cells[sum->ncells++] = c;
	}
	strv_free(w, n);
	return rc;
}

static void
facts_tok_add(struct facts_pattern *p, enum facts_tok_type type, const char *lit, size_t len)
{
	if (type == TOK_LIT && len == 0)
		return;
	p->tok = xrealloc(p->tok, (p->ntok + 1) * sizeof *p->tok);
	p->tok[p->ntok++] = (struct facts_tok){ type, lit, len };
}

/* A phrasing: literal text, "{n}" for the number, U+2026 for a few characters. */
static int
facts_pattern_parse(const char *s, struct facts_pattern *p)
{
	const char *lit = s;
	int nums = 0;

	while (*s != '\0') {
		if (strncmp(s, "{n}", 3) == 0 || strncmp(s, "\xE2\x80\xA6", 3) == 0) {
			facts_tok_add(p, TOK_LIT, lit, (size_t)(s - lit));
			facts_tok_add(p, *s == '{' ? TOK_NUM : TOK_GAP, NULL, 0);
			nums += *s == '{';
			s += 3;
			lit = s;
		} else
			s++;
	}
	facts_tok_add(p, TOK_LIT, lit, (size_t)(s - lit));
	return nums == 1 && p->ntok > 1 && p->tok[0].type == TOK_LIT ? 0 : -1;
}

static void
facts_fact(const struct template *t, const struct tpl_entry *e, struct fact *f, const char *file,
    struct diag_list *dl)
{
	f->id = e->id;
	for (size_t k = 0; k < e->n; k++) {
		if (strcmp(e->keys[k], "name") == 0)
			f->name = e->vals[k];
		else if (strcmp(e->keys[k], "value") == 0) {
			f->readings = xrealloc(f->readings, (f->nreadings + 1) * sizeof *f->readings);
			f->readings[f->nreadings] = (struct facts_sum){ NULL, 0 };
			facts_sum_parse(t, e->vals[k], &f->readings[f->nreadings++], file, e->line, dl);
		} else if (strcmp(e->keys[k], "pattern") == 0) {
			f->pats = xrealloc(f->pats, (f->npats + 1) * sizeof *f->pats);
			f->pats[f->npats] = (struct facts_pattern){ NULL, 0 };
			if (facts_pattern_parse(e->vals[k], &f->pats[f->npats++]) != 0)
				diag_add(dl, file, e->line,
				    _("[fact %s]: a pattern begins with text and holds one {n}: \"%s\""), e->id, e->vals[k]);
		} else
			diag_add(dl, file, e->line, _("unknown key \"%s\" in [fact]"), e->keys[k]);
	}
	if (f->name == NULL || f->nreadings == 0 || f->npats == 0)
		diag_add(dl, file, e->line, _("[fact %s] needs a name, a value and a pattern"), e->id);
}

static unsigned
facts_bloom_bit(uint32_t key)
{
	return (key * 2654435761u) >> 20 & (FACTS_BLOOM - 1);
}

static int
facts_anchor_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct facts_anchor *)a)->key, y = ((const struct facts_anchor *)b)->key;

	return x < y ? -1 : x > y;
}

/* Index the first character of every phrasing. */
static void
facts_index(struct facts *fx)
{
	for (size_t f = 0; f < fx->n; f++)
		for (size_t p = 0; p < fx->v[f].npats; p++) {
			const struct facts_tok *t0 = &fx->v[f].pats[p].tok[0];
			size_t k;
			uint32_t key;

			if (t0->type != TOK_LIT || t0->len == 0)
				continue;
			key = utf8_key(t0->lit, t0->len, &k);
			fx->anchors = xrealloc(fx->anchors, (fx->nanchors + 1) * sizeof *fx->anchors);
			fx->anchors[fx->nanchors++] = (struct facts_anchor){ key, (uint16_t)f, (uint16_t)p };
			fx->bloom[facts_bloom_bit(key) / 8] |= (uint8_t)(1u << facts_bloom_bit(key) % 8);
		}
	if (fx->nanchors > 0)
		qsort(fx->anchors, fx->nanchors, sizeof *fx->anchors, facts_anchor_cmp);
}

struct facts *
facts_compile(const struct template *t, const char *file, struct diag_list *dl)
{
	struct facts *fx = xcalloc(1, sizeof *fx);

	for (size_t i = 0; i < t->nreview_src; i++) {
		const struct tpl_entry *e = &t->review_src[i];

		if (strcmp(e->kind, "fact") != 0)
			continue;
		fx->v = xrealloc(fx->v, (fx->n + 1) * sizeof *fx->v);
		memset(&fx->v[fx->n], 0, sizeof *fx->v);
		facts_fact(t, e, &fx->v[fx->n++], file, dl);
	}
	facts_index(fx);
	return fx;
}

void
facts_free(struct facts *fx)
{
	if (fx == NULL)
		return;
	for (size_t i = 0; i < fx->n; i++) {
		for (size_t k = 0; k < fx->v[i].nreadings; k++)
			free(fx->v[i].readings[k].cells);
		for (size_t k = 0; k < fx->v[i].npats; k++)
			free(fx->v[i].pats[k].tok);
		free(fx->v[i].readings);
		free(fx->v[i].pats);
	}
	free(fx->v);
	free(fx->anchors);
	free(fx);
}

size_t
facts_count(const struct facts *fx)
{
	return fx != NULL ? fx->n : 0;
}

const struct fact *
facts_get(const struct facts *fx, int i)
{
	return i >= 0 && (size_t)i < facts_count(fx) ? &fx->v[i] : NULL;
}

/* ---- statements ------------------------------------------------------- */

/* Does the code point end a sentence (or a line)? */
static bool
facts_sentence_end(uint32_t cp)
{
	return cp == '\n' || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B;
}

bool
facts_gap_stop(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19) || facts_sentence_end(cp) ||
	    cp == 0xFF0C || cp == 0x3001 || cp == 0xFF1A || cp == ',' || cp == ';' || cp == ':';
}

/* Match tokens k.. of p at s[i..n); fills m. */
static bool
facts_match(const struct facts_pattern *p, size_t k, const char *s, size_t i, size_t n, struct facts_stated *m)
{
	const struct facts_tok *t = &p->tok[k];
	size_t len;
	int flags;

	if (k == p->ntok)
		return true;
	switch (t->type) {
	case TOK_LIT:
		return n - i >= t->len && memcmp(s + i, t->lit, t->len) == 0 &&
		    facts_match(p, k + 1, s, i + t->len, n, m);
	case TOK_NUM:
		if ((len = cnnum_read(s + i, n - i, &m->value, &flags)) == 0)
			return false;
		m->num = i;
		m->numlen = len;
		return facts_match(p, k + 1, s, i + len, n, m);
	case TOK_GAP:
		for (int c = 0; c <= FACTS_GAP && i < n; c++) {
			uint32_t cp;
			size_t step = utf8_decode(s + i, n - i, &cp);

			if (facts_match(p, k + 1, s, i, n, m))
				return true;
			if (step == 0 || facts_gap_stop(cp))
				return false;
			i += step;
		}
		return false;
	}
	return false;
}

bool
facts_sum_value(const struct report *r, const struct facts_sum *s, int64_t *v)
{
	bool any = false;

	*v = 0;
	for (size_t i = 0; i < s->ncells; i++) {
		any |= r->cells[s->cells[i]].state == VALUE_NUMBER;
		*v += value_fixed(&r->cells[s->cells[i]]);
	}
	return any;
}

/* Phrasing p of fact f where its text starts at byte at: read in its sentence. */
static void
facts_at(const struct facts *fx, const char *text, size_t len, size_t at, const struct facts_anchor *an,
    size_t *seen, size_t *nseen, struct facts_statements *st)
{
	const struct facts_pattern *p = &fx->v[an->fact].pats[an->pat];
	struct facts_stated m = { .fact = an->fact, .at = at };
	size_t k, id;

	if (len - at < p->tok[0].len || memcmp(text + at, p->tok[0].lit, p->tok[0].len) != 0)
		return;
	/* a match never crosses a sentence's end (gaps and numbers stop there): the
	 * sentence is looked for only around a match */
	if (!facts_match(p, 0, text, at, len, &m))
		return;
	id = m.num << 8 | an->fact;	/* the number, for this fact */
	for (k = 0; k < *nseen && k < 64 && seen[k] != id; k++)
		;
	if (k < *nseen && k < 64)	/* two phrasings of one statement: one finding */
		return;
	/* the last 64 statements: the phrasings of one statement come together, and a
	 * long part states many more (a review of one sentence must find the same) */
	seen[(*nseen)++ % 64] = id;
	st->v = xgrow(st->v, &st->cap, st->n + 1, sizeof *st->v);
	st->v[st->n++] = m;
}

/*
 * The part is read once, character by character (decoded once for the
 * review, in ps): where one is the first of a phrasing (a filter, then a
 * binary search of the index), that phrasing is tried in its sentence.
 */
void
facts_scan(const struct facts *fx, const struct partscan *ps, struct facts_statements *st)
{
	size_t seen[64], nseen = 0;

	for (size_t c = 0; fx != NULL && c < ps->n; c++) {
		uint32_t key = ps->key[c];
		unsigned bit = facts_bloom_bit(key);
		size_t lo = 0, hi = fx->nanchors;

		if ((fx->bloom[bit / 8] & (1u << bit % 8)) == 0)
			continue;
		while (lo < hi) {	/* the first anchor with this key */
			size_t mid = (lo + hi) / 2;

			if (fx->anchors[mid].key < key)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < fx->nanchors && fx->anchors[lo].key == key; lo++)
			facts_at(fx, ps->text, ps->len, ps->off[c], &fx->anchors[lo], seen, &nseen, st);
	}
}
