/* require.c - what the statute requires a report's words to say; see require.h. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "core/facts.h"
#include "core/partscan.h"
#include "core/require.h"
#include "core/sentence.h"
#include "lib/buf.h"
#include "lib/strv.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

enum require_check { REQ_NONEMPTY, REQ_NOT_ONLY, REQ_MENTIONS, REQ_CONTRADICTS };

struct require_rule {
	const char	*id, *kind, *message, *message_en, *guide;
	enum require_check	 check;
	bool		*parts;		/* per template part: the rule reads it */
	char		**words;	/* split copies */
	size_t		 nwords;
	struct facts_sum	 when;		/* contradicts: the sum that must be 0 */
	bool		 clause_end;	/* contradicts: a word counts only where a clause ends */
};

struct require {
	struct require_rule	*v;
	size_t			 n;
	char			**guess, **kinds;
	size_t			 nguess, nkinds;
};

/* ---- compiling -------------------------------------------------------- */

static int
require_check_kind(const char *s, enum require_check *c)
{
	static const char *const names[] = { "nonempty", "not-only", "mentions", "contradicts" };

	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*c = (enum require_check)i;
			return 0;
		}
	return -1;
}

/* parts = "all" or part ids, "-ID" to leave one out of all. */
static void
require_parse_parts(const struct template *t, const char *s, bool *parts, const char *file, int line,
    struct diag_list *dl)
{
	char **w = NULL;
	size_t n = 0;

	strv_split(s, &w, &n);
	for (size_t i = 0; i < n; i++) {
		int p = template_part(t, w[i] + (w[i][0] == '-'));

		if (strcmp(w[i], "all") == 0)
			for (size_t k = 0; k < t->nparts; k++)
				parts[k] = true;
		else if (p < 0)
			diag_add(dl, file, line, _("unknown part \"%s\""), w[i]);
		else
			parts[p] = w[i][0] != '-';
	}
	strv_free(w, n);
}

static void
require_rule(const struct template *t, const struct tpl_entry *e, struct require_rule *q, const char *file,
    struct diag_list *dl)
{
	bool check = false;

	q->id = e->id;
	q->parts = xcalloc(t->nparts + 1, sizeof *q->parts);
	for (size_t k = 0; k < e->n; k++) {
		const char *key = e->keys[k], *v = e->vals[k];

		if (strcmp(key, "check") == 0) {
			if (require_check_kind(v, &q->check) != 0)
				diag_add(dl, file, e->line, _("check must be nonempty, not-only, mentions or contradicts"));
			check = true;
		} else if (strcmp(key, "parts") == 0)
			require_parse_parts(t, v, q->parts, file, e->line, dl);
		else if (strcmp(key, "words") == 0)
			strv_split(v, &q->words, &q->nwords);
		else if (strcmp(key, "when") == 0)
			facts_sum_parse(t, v, &q->when, file, e->line, dl);
		else if (strcmp(key, "kind") == 0)
			q->kind = v;
		else if (strcmp(key, "clause_end") == 0)
			q->clause_end = strcmp(v, "yes") == 0;
		else if (strcmp(key, "message") == 0)
			q->message = v;
		else if (strcmp(key, "message_en") == 0)
			q->message_en = v;
		else if (strcmp(key, "guide") == 0)
			q->guide = v;
		else
			diag_add(dl, file, e->line, _("unknown key \"%s\" in [require]"), key);
	}
	if (!check || q->message == NULL)
		diag_add(dl, file, e->line, _("[require %s] needs a check and a message"), e->id);
}

struct require *
require_new(void)
{
	return xcalloc(1, sizeof(struct require));
}

void
require_add(struct require *rq, const struct template *t, const struct tpl_entry *e, const char *file,
    struct diag_list *dl)
{
	rq->v = xrealloc(rq->v, (rq->n + 1) * sizeof *rq->v);
	memset(&rq->v[rq->n], 0, sizeof *rq->v);
	require_rule(t, e, &rq->v[rq->n++], file, dl);
}

bool
require_setting(struct require *rq, const char *key, const char *v)
{
	if (strcmp(key, "kinds") == 0)
		strv_split(v, &rq->kinds, &rq->nkinds);
	else if (strcmp(key, "guess") == 0) {
		rq->guess = xrealloc(rq->guess, (rq->nguess + 1) * sizeof *rq->guess);
		rq->guess[rq->nguess++] = xstrdup(v);
	} else
		return false;
	return true;
}

void
require_free(struct require *rq)
{
	if (rq == NULL)
		return;
	for (size_t i = 0; i < rq->n; i++) {
		free(rq->v[i].parts);
		strv_free(rq->v[i].words, rq->v[i].nwords);
		free(rq->v[i].when.cells);
	}
	free(rq->v);
	strv_free(rq->guess, rq->nguess);
	strv_free(rq->kinds, rq->nkinds);
	free(rq);
}

/* ---- kinds of agency ------------------------------------------------- */

bool
require_kind_known(const struct require *rq, const char *s)
{
	for (size_t i = 0; rq != NULL && i < rq->nkinds; i++)
		if (strcmp(rq->kinds[i], s) == 0)
			return true;
	return false;
}

void
require_kinds_text(const struct require *rq, struct buf *b)
{
	buf_reset(b);
	for (size_t i = 0; rq != NULL && i < rq->nkinds; i++)
		buf_addf(b, "%s%s", i > 0 ? " " : "", rq->kinds[i]);
}

size_t
require_kinds(const struct require *rq, char *const **v)
{
	*v = rq != NULL ? rq->kinds : NULL;
	return rq != NULL ? rq->nkinds : 0;
}

const char *
require_guess_kind(const struct require *rq, const char *agency, struct buf *b)
{
	size_t alen = strlen(agency);

	for (size_t i = 0; rq != NULL && i < rq->nguess; i++) {
		const char *g = rq->guess[i], *w = g + strcspn(g, " ");

		while (*w == ' ') {
			size_t k = strcspn(++w, " ");

			if (k > 0 && alen >= k && memcmp(agency + alen - k, w, k) == 0) {
				buf_reset(b);
				buf_add(b, g, strcspn(g, " "));
				return b->data;
			}
			w += k;
		}
	}
	return NULL;
}

/* The agency's kind: the report's, or guessed from the end of its name (*guessed). */
static const char *
require_kind_of(const struct require *rq, const struct report *r, bool *guessed, struct buf *b)
{
	const char *k;

	*guessed = false;
	if (*r->kind != '\0')
		return r->kind;
	k = require_guess_kind(rq, r->agency, b);
	*guessed = k != NULL;
	return k != NULL ? k : "";
}

/* ---- the requirements ------------------------------------------------ */

/* Is the text nothing but blanks? */
static bool
require_blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\n' && *s != '\t' && strncmp(s, "\xE3\x80\x80", 3) != 0)
			return false;
		else if (*s == '\xE3')
			s += 2;
	return true;
}

/*
 * Is part the first part the rule reads of a section with no text at all?  A
 * section is written under its own subheadings as often as under the
 * format's: one empty subpart of a written section is not a missing section.
 */
static bool
require_section_blank(const struct report *r, const struct require_rule *q, int part)
{
	int sec = r->tpl->parts[part].section;

	for (size_t p = 0; p < r->tpl->nparts; p++)
		if (q->parts[p] && r->tpl->parts[p].section == sec &&
		    (!require_blank(r->texts[p]) || (int)p < part))
			return false;
	return true;
}

/* True when the interface language wants the templates' Chinese messages. */
static bool
require_chinese(void)
{
	return strcmp(_("template-messages:en"), "template-messages:zh") == 0;
}

/* The message of a requirement for a part (named name), with its place. */
static char *
require_message(const struct require_rule *q, const char *name, bool guessed, const char *kind,
    const char *missing)
{
	const char *m = require_chinese() || q->message_en == NULL ? q->message : q->message_en;
	char *s;
	char *what = *missing != '\0' ? xasprintf("%s %s", m, missing) : xstrdup(m);

	if (guessed)
		s = xasprintf(_("%s: %s (the agency's kind, %s, is guessed from its name: the report information page (F3) or `nianbao set FILE kind=KIND` records it)"),
		    name, what, kind);
	else
		s = xasprintf("%s: %s", name, what);
	free(what);
	return s;
}

/* Is the part's text only one of the words (such as "none"), give or take a full stop? */
static bool
require_only(const struct require_rule *q, const char *text)
{
	const char *s = text;
	size_t n = strlen(text);
	static const char *const blanks[] = { " ", "\n", "\t", "\xE3\x80\x80", "\xE3\x80\x82", ".", NULL };

	utf8_trim(&s, &n, blanks);
	for (size_t i = 0; i < q->nwords; i++)
		if (n == strlen(q->words[i]) && memcmp(s, q->words[i], n) == 0)
			return true;
	return false;
}

/* The words of a mentions rule that none of its parts holds, in b; false when its parts are empty. */
static bool
require_missing(const struct report *r, const struct require_rule *q, struct buf *b)
{
	bool written = false;

	buf_reset(b);
	for (size_t p = 0; p < r->tpl->nparts; p++)
		written |= q->parts[p] && !require_blank(r->texts[p]);
	if (!written)	/* the empty section is the finding */
		return false;
	for (size_t i = 0; i < q->nwords; i++) {
		bool found = false;

		for (size_t p = 0; p < r->tpl->nparts && !found; p++)
			found = q->parts[p] && strstr(r->texts[p], q->words[i]) != NULL;
		if (!found) {
			buf_adds(b, b->len > 0 ? "\xE3\x80\x81" : "");
			buf_adds(b, q->words[i]);
		}
	}
	return b->len > 0;
}

/* The last part a rule reads: where a finding about the whole of them is placed. */
static int
require_last_part(const struct report *r, const struct require_rule *q)
{
	int last = -1;

	for (size_t p = 0; p < r->tpl->nparts; p++)
		if (q->parts[p])
			last = (int)p;
	return last;
}

/* Does a clause end at byte i of text (a mark of the end of a clause, a line, the text)? */
static bool
require_clause_ends(const char *text, size_t i)
{
	uint32_t cp;

	if (text[i] == '\0' || utf8_decode(text + i, strlen(text + i), &cp) == 0)
		return true;
	return facts_gap_stop(cp) && !(cp >= '0' && cp <= '9') && !(cp >= 0xFF10 && cp <= 0xFF19);
}

#define REQUIRE_PAIRS	4096	/* bits of a part's filter of character pairs */

/* The pairs of adjacent characters a part holds, as bits of a filter: a word
 * not all of whose pairs are there is not in the part, and is not searched
 * for.  Made when first asked, once for all the words of all the rules. */
struct require_pairs {
	const struct partscan *ps;	/* the part */
	bool	 built;
	uint8_t	 bits[REQUIRE_PAIRS / 8];
};

static unsigned
require_pair_bit(uint32_t a, uint32_t b)
{
	return (a * 2654435761u ^ b * 2246822519u) >> 20 & (REQUIRE_PAIRS - 1);
}

/* Could the n bytes of w be in the part's text?  (A word of valid UTF-8 matches
 * valid text only at a character's start, so its pairs are the text's.) */
static bool
require_pairs_may_hold(struct require_pairs *pp, const char *w, size_t n)
{
	uint32_t prev = 0, key;
	size_t k;
	unsigned bit;

	if (!pp->built) {	/* from the keys the review decoded the part into */
		memset(pp->bits, 0, sizeof pp->bits);
		for (size_t c = 1; c < pp->ps->n; c++) {
			bit = require_pair_bit(pp->ps->key[c - 1], pp->ps->key[c]);
			pp->bits[bit / 8] |= (uint8_t)(1u << bit % 8);
		}
		pp->built = true;
	}
	for (size_t i = 0; i < n; i += k) {
		key = utf8_key(w + i, n - i, &k);
		bit = require_pair_bit(prev, key);
		if (i > 0 && (pp->bits[bit / 8] & (1u << bit % 8)) == 0)
			return false;
		prev = key;
	}
	return true;
}

/*
 * The sentences of a part that say what the tables contradict (one finding a
 * sentence).  The rule's message (see require_message) is made for the
 * first one found: most parts have none.
 */
static void
require_contradicts(const struct report *r, const struct require_rule *q, int part, const char *name,
    const char *kind, bool guessed, struct require_pairs *pairs, struct review_list *out)
{
	const char *text = r->texts[part];
	size_t len = strlen(text), s0, s1, seen[16], nseen = 0, k;
	struct buf b = BUF_INIT;
	int64_t v;
	char num[64], *rule = NULL, *base = NULL;

	if (!facts_sum_value(r, &q->when, &v) || v <= 0)
		return;
	for (size_t i = 0; i < q->nwords; i++) {
		size_t wl = strlen(q->words[i]);
		const char *at = text;

		if (!require_pairs_may_hold(pairs, q->words[i], wl))
			continue;
		for (; (at = memmem(at, len - (size_t)(at - text), q->words[i], wl)) != NULL; at += wl) {
			if (q->clause_end && !require_clause_ends(text, (size_t)(at - text) + wl))
				continue;
			sentence_bounds(text, len, (size_t)(at - text), &s0, &s1);
			for (k = 0; k < nseen && seen[k] != s0; k++)
				;
			if (k < nseen)
				continue;
			if (nseen < sizeof seen / sizeof *seen)
				seen[nseen++] = s0;
			if (rule == NULL) {
				value_format_fixed(v, num, sizeof num);
				rule = xasprintf("require.%s", q->id);
				base = out->counts_only ? NULL : require_message(q, name, guessed, kind, "");
			}
			review_add(out, rule, part, (size_t)(at - text), (size_t)(at - text) + wl, out->counts_only ? NULL :
			    xasprintf(_("%s \"%s\" (the tables: %s)"), base, sentence_quote(r, text, s0, s1, &b), num));
			out->v[out->n - 1].numbers = true;
			out->v[out->n - 1].table = v;
		}
	}
	free(rule);
	free(base);
	buf_free(&b);
}

/* Does requirement q find something in part (mentions: the words missing, in mb)? */
static bool
require_hit(const struct report *r, const struct require_rule *q, int part, struct buf *mb)
{
	switch (q->check) {
	case REQ_NONEMPTY:
		return require_section_blank(r, q, part);
	case REQ_NOT_ONLY:
		return require_only(q, r->texts[part]);
	case REQ_MENTIONS:
		return part == require_last_part(r, q) && require_missing(r, q, mb);
	case REQ_CONTRADICTS: {	/* then sentence by sentence, in require_contradicts */
		int64_t v;

		return facts_sum_value(r, &q->when, &v) && v > 0;
	}
	}
	return false;
}

static void
require_rule_part(const struct report *r, const struct require_rule *q, int part, const char *name,
    const char *kind, bool guessed, struct require_pairs *pairs, struct review_list *out)
{
	struct buf mb = BUF_INIT;
	size_t before = out->n;

	if (!q->parts[part] || (q->kind != NULL && strcmp(q->kind, kind) != 0) ||
	    !require_hit(r, q, part, &mb)) {
		buf_free(&mb);
		return;
	}
	if (q->check == REQ_CONTRADICTS)	/* sentence by sentence, each its finding */
		require_contradicts(r, q, part, name, kind, guessed && q->kind != NULL, pairs, out);
	else {
		char *rule = xasprintf("require.%s", q->id);
		char *m = out->counts_only ? NULL : require_message(q, name, guessed && q->kind != NULL, kind,
		    mb.data != NULL ? mb.data : "");	/* mentions: the words missing */

		review_add(out, rule, part, 0, q->check == REQ_NOT_ONLY ? strlen(r->texts[part]) : 0, m);
		free(rule);
	}
	for (size_t i = before; q->guide != NULL && i < out->n; i++)
		out->v[i].guide = q->guide;
	buf_free(&mb);
}

void
require_part(const struct require *rq, const struct report *r, int part, const char *name,
    const struct partscan *ps, struct review_list *out)
{
	struct buf kb = BUF_INIT;
	const char *kind;
	bool guessed;
	struct require_pairs pairs;

	pairs.ps = ps;
	pairs.built = false;
	kind = require_kind_of(rq, r, &guessed, &kb);
	for (size_t i = 0; i < rq->n; i++)
		require_rule_part(r, &rq->v[i], part, name, kind, guessed, &pairs, out);
	buf_free(&kb);
}
