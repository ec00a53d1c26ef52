/* review.c - the review of a report's words; see review.h. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "core/factcheck.h"
#include "core/facts.h"
#include "core/hygiene.h"
#include "core/links.h"
#include "core/require.h"
#include "core/review.h"
#include "core/sentence.h"
#include "lib/buf.h"
#include "lib/hash.h"
#include "lib/strv.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

struct review {
	struct require		*req;		/* [require] and the kinds of agency */
	char			**doubled_ok, **doubled_chars, **purposeful;
	size_t			 ndoubled_ok, ndoubled_chars, npurposeful;
	struct factcheck	 fc;		/* the template's rise and fall: a change on last year */
	int			 copy_pct;
	char			**part_names;	/* per part, as review_part_name gives it */
	size_t			 nparts;
};

/* ---- compiling -------------------------------------------------------- */

static void
review_settings(struct review *rv, const struct tpl_entry *e, const char *file, struct diag_list *dl)
{
	for (size_t k = 0; k < e->n; k++) {
		const char *key = e->keys[k], *v = e->vals[k];

		if (strcmp(key, "copy_threshold") == 0) {
			char *end;
			long pct = strtol(v, &end, 10);

			if (*end != '\0' || pct < 1 || pct > 100)
				diag_add(dl, file, e->line, _("copy_threshold must be 1 to 100"));
			rv->copy_pct = (int)pct;
		} else if (strcmp(key, "doubled_ok") == 0)
			strv_split(v, &rv->doubled_ok, &rv->ndoubled_ok);
		else if (strcmp(key, "doubled_chars") == 0)
			strv_split(v, &rv->doubled_chars, &rv->ndoubled_chars);
		else if (strcmp(key, "purposeful") == 0)
			strv_split(v, &rv->purposeful, &rv->npurposeful);
		else if (!factcheck_setting(&rv->fc, key, v) && !require_setting(rv->req, key, v))
			diag_add(dl, file, e->line, _("unknown key \"%s\" in [review]"), key);
	}
}

struct review *
review_compile(const struct template *t, const char *file, struct diag_list *dl)
{
	struct review *rv = xcalloc(1, sizeof *rv);

	rv->copy_pct = 50;
	rv->req = require_new();
	for (size_t i = 0; i < t->nreview_src; i++) {
		const struct tpl_entry *e = &t->review_src[i];

		if (strcmp(e->kind, "fact") == 0)
			continue;	/* facts.c's, for the links too */
		if (strcmp(e->kind, "require") == 0)
			require_add(rv->req, t, e, file, dl);
		else
			review_settings(rv, e, file, dl);
	}
	rv->part_names = xcalloc(t->nparts + 1, sizeof *rv->part_names);	/* named once, not per report */
	for (size_t p = 0; p < t->nparts; p++)
		rv->part_names[p] = template_part_name(t, (int)p);
	rv->nparts = t->nparts;
	return rv;
}

void
review_free(struct review *rv)
{
	if (rv == NULL)
		return;
	require_free(rv->req);
	strv_free(rv->doubled_ok, rv->ndoubled_ok);
	strv_free(rv->doubled_chars, rv->ndoubled_chars);
	strv_free(rv->purposeful, rv->npurposeful);
	factcheck_free(&rv->fc);
	strv_free(rv->part_names, rv->nparts);
	free(rv);
}

bool
review_kind_known(const struct template *t, const char *s)
{
	return t->review != NULL && require_kind_known(t->review->req, s);
}

void
review_kinds_text(const struct template *t, struct buf *b)
{
	require_kinds_text(t->review != NULL ? t->review->req : NULL, b);
}

const char *
review_guess_kind(const struct template *t, const char *agency, struct buf *b)
{
	return require_guess_kind(t->review != NULL ? t->review->req : NULL, agency, b);
}

/* ---- findings --------------------------------------------------------- */

/* The part's name as an officer knows it: section and part title; caller frees. */
static char *
review_part_name(const struct template *t, int part)
{
	if (t->review != NULL && t->review->part_names != NULL)
		return xstrdup(t->review->part_names[part]);
	return template_part_name(t, part);
}

/* Is byte at of text (len bytes) inside a link?  Its bytes [*s, *e) if so. */
static bool
review_in_link(const struct report *r, const char *text, size_t len, size_t at, size_t *s, size_t *e)
{
	int fact;

	for (size_t p = at + 1, lo = at > LINKS_MAX ? at - LINKS_MAX : 0; p-- > lo;)
		if (text[p] == '{') {
			size_t k = links_at(r->tpl, text + p, len - p, &fact);

			*s = p;
			*e = p + k;
			return k > 0 && p + k > at;
		}
	return false;
}

/* The context of a finding of the hygiene, widened to hold whole a link it cuts (hygiene_words.quote). */
static const char *
review_hygiene_quote(const void *ctx, const char *text, size_t len, size_t start, size_t end, struct buf *b)
{
	const struct report *r = ctx;
	size_t s, e;

	if (start < len && review_in_link(r, text, len, start, &s, &e))
		start = s;
	if (end > 0 && review_in_link(r, text, len, end - 1, &s, &e))
		end = e;
	sentence_quote(r, text, start, end, b);
	for (char *p = b->data; p != NULL && *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	return b->data != NULL ? b->data : "";
}

/* The hygiene of text, part's (named name) or a window of it. */
static void
review_hygiene(const struct review *rv, const struct report *r, const char *text, int part, const char *name,
    struct review_list *out)
{
	hygiene_text(text, part, &(struct hygiene_words){ (const char *const *)rv->doubled_ok, rv->ndoubled_ok,
	    (const char *const *)rv->doubled_chars, rv->ndoubled_chars, review_hygiene_quote, r }, name, out);
}

/* ---- sentences -------------------------------------------------------- */

/* ---- last year -------------------------------------------------------- */

/* Does the sentence mention last year on purpose (a comparison, last year's report)? */
static bool
review_purposeful(const struct review *rv, const struct report *r, const char *s, size_t n)
{
	char year[16];

	snprintf(year, sizeof year, "%d", r->year - 1);
	for (size_t i = 0; i < rv->npurposeful; i++) {
		const char *w = rv->purposeful[i], *slot = strstr(w, "{prev}");
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
review_line_text(const char *text, size_t line)
{
	size_t at = line;

	while (text[at] == ' ' || strncmp(text + at, "\xE3\x80\x80", 3) == 0)
		at += text[at] == ' ' ? 1 : 3;
	return at;
}

/* The paragraphs (lines holding more than blanks) of text before byte end, a line's start. */
static int
review_paras_before(const char *text, size_t end)
{
	int para = 0;

	for (size_t line = 0; line < end; line += strcspn(text + line, "\n") + 1) {
		size_t at = review_line_text(text, line);

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
static void
review_stale(const struct review *rv, const struct report *r, int part, size_t l0, size_t l1,
    struct review_list *out)
{
	const char *text = r->texts[part];
	size_t len = strlen(text), pos = 0, s0, s1;
	char prefix[16];
	int para = 0, before = l0 > 0 ? -1 : 0;

	snprintf(prefix, sizeof prefix, "%d\xE5\xB9\xB4", r->year - 1);
	for (size_t line = l0; line < len && line < l1; line = pos) {
		size_t at = review_line_text(text, line);

		para += text[at] != '\n' && text[at] != '\0';
		pos = strchr(text + line, '\n') != NULL ? (size_t)(strchr(text + line, '\n') - text) + 1 : len;
		if (strncmp(text + at, prefix, strlen(prefix)) != 0)
			continue;
		sentence_bounds(text, len, at, &s0, &s1);
		if (review_purposeful(rv, r, text + s0, s1 - s0))
			continue;
		if (before < 0)
			before = review_paras_before(text, l0);
		review_add(out, "stale-year", part, at, at + strlen(prefix), out->counts_only ? NULL :
		    xasprintf(_("%s%s, paragraph %d begins with %s: is it last year's text?"),
		    r->tpl->parts[part].section > 0 ? r->tpl->sections[r->tpl->parts[part].section].title : "",
		    r->tpl->parts[part].title, before + para, prefix));
	}
}

/* The code points of s that are not blanks, in a new array of *n. */
static uint32_t *
review_cps(const char *s, size_t **offs, size_t *n)
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
review_cmp64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int
review_similarity(const char *a, const char *b)
{
	size_t na, nb, *oa, *ob, found = 0;
	uint32_t *ca = review_cps(a, &oa, &na), *cb = review_cps(b, &ob, &nb);
	uint64_t *gb = xcalloc(nb + 1, sizeof *gb);
	int pct = 0;

	for (size_t i = 0; i + 1 < nb; i++)
		gb[i] = (uint64_t)cb[i] << 32 | cb[i + 1];
	qsort(gb, nb > 0 ? nb - 1 : 0, sizeof *gb, review_cmp64);
	for (size_t i = 0; i + 1 < na; i++) {
		uint64_t g = (uint64_t)ca[i] << 32 | ca[i + 1];

		found += nb > 1 && bsearch(&g, gb, nb - 1, sizeof *gb, review_cmp64) != NULL;
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

#define REVIEW_LONGEST_MAX	4000	/* characters of each text compared for the passage */

/*
 * The longest passage of a also in b, as bytes [*s, *e) of a (blanks
 * ignored).  Quadratic: only the first REVIEW_LONGEST_MAX characters of
 * each are compared, so that a very long part still answers at once.
 */
static void
review_longest(const char *a, const char *b, size_t *s, size_t *e)
{
	size_t na, nb, *oa, *ob, best = 0, at = 0;
	uint32_t *ca = review_cps(a, &oa, &na), *cb = review_cps(b, &ob, &nb);
	size_t *row, *prev;

	na = na < REVIEW_LONGEST_MAX ? na : REVIEW_LONGEST_MAX;
	nb = nb < REVIEW_LONGEST_MAX ? nb : REVIEW_LONGEST_MAX;
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

#define REVIEW_COPY_MIN	20	/* characters: a shorter part is a formula, not a copy */

static void
review_copy(const struct review *rv, const struct report *r, const struct report *prev, int copy_pct,
    int part, struct review_list *out)
{
	const struct tpl_part *tp = &r->tpl->parts[part];
	int pp = prev != NULL ? template_part(prev->tpl, tp->id) : -1, pct;
	size_t s, e;
	struct buf q = BUF_INIT;
	char *name;

	if (pp < 0 || utf8_count(r->texts[part], strlen(r->texts[part])) < REVIEW_COPY_MIN)
		return;
	if ((pct = review_similarity(r->texts[part], prev->texts[pp])) < (copy_pct > 0 ? copy_pct : rv->copy_pct))
		return;
	review_longest(r->texts[part], prev->texts[pp], &s, &e);
	name = review_part_name(r->tpl, part);
	review_add(out, "copy", part, s, e, out->counts_only ? NULL :
	    xasprintf(_("%s: %d%% of it is in last year's report; the longest passage copied: \"%s\""),
	    name, pct, sentence_quote(r, r->texts[part], s, e, &q)));
	free(name);
	buf_free(&q);
}

/* ---- fields ----------------------------------------------------------- */

/*
 * A bidi override or a zero-width character makes a text read differently
 * from what it holds (a reversed number, a name that is not the name).
 */
static void
review_hidden(const struct report *r, int part, struct review_list *out)
{
	const char *const meta[] = { "agency", r->agency, "date", r->date, "contact", r->contact };
	const char *name = part >= 0 ? r->tpl->parts[part].title : NULL;
	size_t at = 0;
	uint32_t cp;

	for (size_t i = 0; part < 0 && i < sizeof meta / sizeof *meta; i += 2)
		if ((cp = utf8_first_hidden(meta[i + 1], &at)) != 0) {
			review_add(out, "hidden-character", -1, 0, 0,
			    xasprintf(_("%s holds the invisible or direction-changing character U+%04X: it may read differently from what it says"),
			    meta[i], (unsigned)cp));
			out->v[out->n - 1].table = (int64_t)i;	/* which field, and what: its key (review_key_of) */
			out->v[out->n - 1].text = cp;
		}
	if (part >= 0 && (cp = utf8_first_hidden(r->texts[part], &at)) != 0)
		review_add(out, "hidden-character", part, at, at + utf8_encode(cp, (char[8]){ 0 }), out->counts_only ? NULL :
		    xasprintf(_("%s holds the invisible or direction-changing character U+%04X: it may read differently from what it says"),
		    name, (unsigned)cp));
}

/* Each cell an import left unreadable: a number is missing there. */
static void
review_unreadable(const struct report *r, struct review_list *out)
{
	const struct template *t = r->tpl;

	for (size_t i = 0; i < t->nvalues; i++)
		if (r->cells[i].state == VALUE_UNREADABLE) {
			review_add(out, "unreadable", -1, 0, 0,
			    xasprintf(_("\"%s／%s\" (%s) could not be read from the page it was imported from: type the published number"),
			    t->values[i].row_label, t->values[i].col_label, t->values[i].id));
			out->v[out->n - 1].cell = (int)i;
		}
}

/* ---- acknowledgements ------------------------------------------------- */

char *
review_key_of(const struct report *r, const struct review_finding *f)
{
	const char *place = f->part >= 0 ? r->tpl->parts[f->part].id : f->cell >= 0 ?
	    r->tpl->values[f->cell].id : "-";
	uint64_t h;

	if (f->part >= 0 && f->end > f->start) {	/* the sentence it is about */
		const char *text = r->texts[f->part];
		size_t s0, s1;

		sentence_bounds(text, strlen(text), f->start, &s0, &s1);
		h = hash_bytes(HASH_START, text + s0, s1 - s0);
	} else if (f->part >= 0)
		h = hash_bytes(HASH_START, r->texts[f->part], strlen(r->texts[f->part]));
	else {	/* a cell or a field: what it reads, not the message, whose words change with the language */
		int64_t v[2] = { f->table, f->text };

		h = hash_bytes(HASH_START, v, sizeof v);
	}
	return xasprintf("%s@%s#%016llx", f->rule, place, (unsigned long long)h);
}

/* The reason f was acknowledged with (in b), or NULL. */
static const char *
review_ack_reason(const struct report *r, const struct review_finding *f, struct buf *b)
{
	char *key = review_key_of(r, f);
	size_t k = strlen(key);
	const char *s = r->acks, *found = NULL;

	for (; *s != '\0' && found == NULL; s += strcspn(s, "\n") + (s[strcspn(s, "\n")] == '\n'))
		if (strncmp(s, key, k) == 0 && s[k] == '\t') {
			buf_reset(b);
			buf_add(b, s + k + 1, strcspn(s + k + 1, "\n"));
			buf_addc(b, '\0');
			found = b->data;
		}
	free(key);
	return found;
}

int
review_ack(struct report *r, const struct review_finding *f, const char *reason, char **err)
{
	struct buf b = BUF_INIT;
	char *key = review_key_of(r, f);
	int rc;

	buf_adds(&b, r->acks);
	if (b.len > 0 && b.data[b.len - 1] != '\n')
		buf_addc(&b, '\n');
	buf_addf(&b, "%s\t", key);
	for (const char *s = reason; *s != '\0'; s++)	/* one line a finding */
		buf_addc(&b, *s == '\n' || *s == '\t' || *s == '\r' ? ' ' : *s);
	if (*reason == '\0') {
		*err = xstrdup(_("give a reason for acknowledging the finding"));
		rc = -1;
	} else
		rc = report_set_string(&r->acks, b.data, err);
	buf_free(&b);
	free(key);
	return rc;
}

void
review_split_acked(const struct report *r, struct review_list *l, struct review_list *acked)
{
	struct buf b = BUF_INIT;
	size_t kept = 0;

	for (size_t i = 0; i < l->n; i++) {
		const char *why = *r->acks != '\0' ? review_ack_reason(r, &l->v[i], &b) : NULL;

		if (why == NULL) {
			l->v[kept++] = l->v[i];
			continue;
		}
		l->v[i].reason = xstrdup(why);
		acked->v = xgrow(acked->v, &acked->cap, acked->n + 1, sizeof *acked->v);
		acked->v[acked->n++] = l->v[i];
	}
	l->n = kept;
	buf_free(&b);
}

/* ---- the review ------------------------------------------------------- */

/* Findings [from, n) of a part in the order of their places (stable: few of them). */
static void
review_sort(struct review_list *out, size_t from)
{
	for (size_t i = from + 1; i < out->n; i++)
		for (size_t j = i; j > from && out->v[j - 1].start > out->v[j].start; j--) {
			struct review_finding t = out->v[j];

			out->v[j] = out->v[j - 1];
			out->v[j - 1] = t;
		}
}

void
review_part(const struct report *r, const struct report *prev, int copy_pct, int part,
    struct review_list *out)
{
	const struct review *rv = r->tpl->review;
	size_t from = out->n;

	if (rv == NULL)
		return;
	require_part(rv->req, r, part, rv->part_names[part], out);
	factcheck_part(&rv->fc, r, prev, part, rv->part_names[part], 0, SIZE_MAX, out);
	review_stale(rv, r, part, 0, SIZE_MAX, out);
	review_copy(rv, r, prev, copy_pct, part, out);
	review_hygiene(rv, r, r->texts[part], part, rv->part_names[part], out);
	review_hidden(r, part, out);
	links_review(r, part, out);
	review_sort(out, from);
}

void
review_report(const struct report *r, const struct report *prev, int copy_pct, struct review_list *out)
{
	review_hidden(r, -1, out);
	for (size_t p = 0; p < r->tpl->nparts; p++)
		review_part(r, prev, copy_pct, (int)p, out);
	review_unreadable(r, out);
}

/* ---- a span of a part, while it is typed -------------------------------- */

#define REVIEW_SPAN_CHARS	16	/* characters a finding's place and quote reach past its sentence */

/* The rules whose findings depend only on their sentence and a few characters around it. */
bool
review_rule_local(const char *rule)
{
	return strncmp(rule, "fact.", 5) == 0 || strncmp(rule, "change.", 7) == 0 ||
	    strcmp(rule, "stale-year") == 0 || strcmp(rule, "hygiene.doubled") == 0 ||
	    strcmp(rule, "hygiene.space") == 0 || strcmp(rule, "hygiene.digits") == 0;
}

/* Byte i of text moved back (or on, when back is false) by REVIEW_SPAN_CHARS characters. */
static size_t
review_span_step(const char *text, size_t len, size_t i, bool back)
{
	for (int c = 0; c < REVIEW_SPAN_CHARS; c++) {
		if (back ? i == 0 : i >= len)
			break;
		if (back)
			while (--i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80)
				;
		else
			i += utf8_char_len(text + i, len - i);
	}
	return i;
}

/* Can an end mark end right before byte i (its last byte: a line's, or that of 。！？；)? */
static bool
review_span_may_end(const char *text, size_t i)
{
	unsigned char c = (unsigned char)text[i - 1];

	return c == '\n' || c == 0x82 || c == 0x81 || c == 0x9F || c == 0x9B;
}

/* The start of the sentence holding byte i: right after an end mark, or 0. */
static size_t
review_span_start(const char *text, size_t i)
{
	while (i > 0 && !(review_span_may_end(text, i) && sentence_end_before(text, i) > 0))
		i--;
	return i;
}

/* The end of the sentence holding byte i: right after its end mark, or len. */
static size_t
review_span_end(const char *text, size_t len, size_t i)
{
	while (i < len && !(i > 0 && review_span_may_end(text, i) && sentence_end_before(text, i) > 0))
		i++;
	return i;
}

#define REVIEW_SPAN_WORD	6	/* the longest doubled word the hygiene looks for (hygiene.c), in characters */

/* Up to n code points of text before byte i (back, nearest first) or from it, into cp; how many. */
static size_t
review_span_cps(const char *text, size_t len, size_t i, bool back, uint32_t *cp, size_t n)
{
	size_t got = 0, k;

	while (got < n && (back ? i > 0 : i < len)) {
		if (back) {
			for (k = i - 1; k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80; k--)
				;
			if (utf8_decode(text + k, i - k, &cp[got]) == 0)
				break;
			i = k;
		} else if ((k = utf8_decode(text + i, len - i, &cp[got])) == 0)
			break;
		else
			i += k;
		got++;
	}
	return got;
}

static bool
review_span_han(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

/*
 * Does the hygiene read nothing across byte i of text: are the runs it reads
 * (Chinese characters for doubled words, spaces, digits, the ASCII of an
 * address) over there?  So after a clause's mark (，、；（《 ...), and between
 * two Chinese characters that no repetition of up to REVIEW_SPAN_WORD
 * characters holds both of.  Only a document number reaches over such a
 * place, from its bracket, within 9 characters.
 */
static bool
review_span_clause(const char *text, size_t len, size_t i)
{
	uint32_t b[2 * REVIEW_SPAN_WORD], a[2 * REVIEW_SPAN_WORD], v[4 * REVIEW_SPAN_WORD];
	size_t nb = review_span_cps(text, len, i, true, b, 2 * REVIEW_SPAN_WORD - 1), na, n = 0;

	if (nb == 0)
		return i == 0;
	if (!review_span_han(b[0]))
		return !((b[0] >= '0' && b[0] <= '9') || (b[0] >= 0xFF10 && b[0] <= 0xFF19) || b[0] == ' ' ||
		    b[0] == 0x3000 || (b[0] > ' ' && b[0] < 0x7F));
	na = review_span_cps(text, len, i, false, a, 2 * REVIEW_SPAN_WORD - 1);
	for (size_t k = nb; k-- > 0;)
		v[n++] = b[k];
	for (size_t k = 0; k < na; k++)
		v[n++] = a[k];
	for (size_t s = 0; s < nb; s++)	/* v[nb] is the character at i */
		for (size_t w = 1; w <= REVIEW_SPAN_WORD; w++)
			if (s + 2 * w > nb && s + 2 * w <= n && memcmp(v + s, v + s + w, w * sizeof *v) == 0)
				return false;
	return true;
}

/* The clause boundary at or before (back) or after byte i of text, within [lo, hi]. */
static size_t
review_span_clause_at(const char *text, size_t len, size_t i, size_t lo, size_t hi, bool back)
{
	while (back ? i > lo : i < hi) {
		if (((unsigned char)text[i] & 0xC0) != 0x80 && review_span_clause(text, len, i))
			return i;
		i += back ? (size_t)-1 : 1;
	}
	return i;
}

/*
 * The local hygiene of the clauses [from, to) of text (len bytes), read with
 * the characters a finding quotes around it and a document number's bracket
 * before it.  Whatever it reads before from ends there.
 */
static void
review_span_hygiene(const struct review *rv, const struct report *r, int part, size_t len, size_t from,
    size_t to, struct review_list *out)
{
	const char *text = r->texts[part];
	size_t w0 = review_span_step(text, len, from, true), w1 = review_span_step(text, len, to, false);
	struct review_list l = REVIEW_LIST_INIT;
	char *win = xstrndup(text + w0, w1 - w0), *name = review_part_name(r->tpl, part);

	review_hygiene(rv, r, win, part, name, &l);
	for (size_t i = 0; i < l.n; i++) {
		struct review_finding *f = &l.v[i];

		if (strncmp(f->rule, "hygiene.", 8) == 0 && review_rule_local(f->rule) && f->start + w0 >= from &&
		    f->start + w0 < to) {
			f->start += w0;
			f->end += w0;
			out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
			out->v[out->n++] = *f;
		} else {
			free(f->rule);
			free(f->message);
		}
	}
	free(l.v);
	free(win);
	free(name);
}

/*
 * The first line that starts in [from, to), or to.  A paragraph's stale year
 * is placed after the blanks that start its line: never before from, a
 * sentence's start, when its line starts before it.
 */
static size_t
review_span_line(const char *text, size_t from, size_t to)
{
	const char *nl;

	if (from == 0 || text[from - 1] == '\n')
		return from;
	nl = memchr(text + from, '\n', to - from);
	return nl != NULL ? (size_t)(nl - text) + 1 : to;
}

bool
review_span_has(const struct review_span_at *at, const struct review_finding *f)
{
	bool clause = strncmp(f->rule, "hygiene.", 8) == 0;

	return review_rule_local(f->rule) && f->start >= (clause ? at->hfrom : at->from) &&
	    f->start < (clause ? at->hto : at->to);
}

void
review_span(const struct report *r, const struct report *prev, int part, size_t start, size_t end,
    struct review_span_at *at, struct review_list *out)
{
	const struct review *rv = r->tpl->review;
	const char *text = r->texts[part];
	size_t len = strlen(text), before = out->n, kept = out->n, *from = &at->from, *to = &at->to;

	start = start < len ? start : len;
	end = end > start ? (end < len ? end : len) : start;
	*from = review_span_start(text, review_span_step(text, len, start, true));
	*to = review_span_end(text, len, review_span_step(text, len, end, false));
	/* the hygiene's: clauses, inside the sentences */
	at->hfrom = review_span_clause_at(text, len, review_span_step(text, len, start, true), *from, *to, true);
	at->hto = review_span_clause_at(text, len, review_span_step(text, len, end, false), *from, *to, false);
	/* a change on last year is read up to FACTCHECK_CHANGE_GAP bytes after its fact's
	 * number, past the end of a sentence that ends with ! or ?: the sentences it
	 * may reach are reviewed too (the statements before from, below) */
	for (size_t to1 = *to; *to < len && *to >= 3 && *to <= to1 + FACTCHECK_CHANGE_GAP &&
	    (memcmp(text + *to - 3, "\xEF\xBC\x81", 3) == 0 || memcmp(text + *to - 3, "\xEF\xBC\x9F", 3) == 0);)
		*to = review_span_end(text, len, *to + 1);
	if (rv == NULL)
		return;
	factcheck_part(&rv->fc, r, prev, part, rv->part_names[part],
	    review_span_start(text, review_span_step(text, len, *from, true)), *to, out);
	for (size_t i = before; i < out->n; i++)	/* only what is placed in [from, to) */
		if (out->v[i].start >= *from && out->v[i].start < *to)
			out->v[kept++] = out->v[i];
		else {
			free(out->v[i].rule);
			free(out->v[i].message);
		}
	out->n = kept;
	review_stale(rv, r, part, review_span_line(text, *from, *to), *to, out);
	review_span_hygiene(rv, r, part, len, at->hfrom, at->hto, out);
	review_sort(out, before);
}
