/* review.c - the review of a report's words; see review.h. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "core/factcheck.h"
#include "core/hygiene.h"
#include "core/lastcopy.h"
#include "core/links.h"
#include "core/partscan.h"
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
	char			**doubled_ok, **doubled_chars;
	size_t			 ndoubled_ok, ndoubled_chars;
	struct factcheck	 fc;		/* the template's rise and fall: a change on last year */
	struct lastcopy		 lc;		/* last year's copy, a stale year */
	char			**part_names;	/* per part, as template_part_name gives it */
	size_t			 nparts;
};

/* ---- compiling -------------------------------------------------------- */

static void
review_settings(struct review *rv, const struct tpl_entry *e, const char *file, struct diag_list *dl)
{
	for (size_t k = 0; k < e->n; k++) {
		const char *key = e->keys[k], *v = e->vals[k];

		if (strcmp(key, "doubled_ok") == 0)
			strv_split(v, &rv->doubled_ok, &rv->ndoubled_ok);
		else if (strcmp(key, "doubled_chars") == 0)
			strv_split(v, &rv->doubled_chars, &rv->ndoubled_chars);
		else if (!factcheck_setting(&rv->fc, key, v) && !require_setting(rv->req, key, v) &&
		    !lastcopy_setting(&rv->lc, key, v, file, e->line, dl))
			diag_add(dl, file, e->line, _("unknown key \"%s\" in [review]"), key);
	}
}

struct review *
review_compile(const struct template *t, const char *file, struct diag_list *dl)
{
	struct review *rv = xcalloc(1, sizeof *rv);

	lastcopy_init(&rv->lc);
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
	lastcopy_free(&rv->lc);
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

size_t
review_kinds(const struct template *t, char *const **v)
{
	return require_kinds(t->review != NULL ? t->review->req : NULL, v);
}

const char *
review_guess_kind(const struct template *t, const char *agency, struct buf *b)
{
	return require_guess_kind(t->review != NULL ? t->review->req : NULL, agency, b);
}

/* ---- the hygiene ------------------------------------------------------ */

/* The context of a finding of the hygiene, widened to hold whole a link it cuts (hygiene_words.quote). */
static const char *
review_hygiene_quote(const void *ctx, const char *text, size_t len, size_t start, size_t end, struct buf *b)
{
	const struct report *r = ctx;
	struct link l;

	if (start < len && links_around(r->tpl, text, len, start, &l))
		start = l.start;
	if (end > 0 && links_around(r->tpl, text, len, end - 1, &l))
		end = l.end;
	sentence_quote(r, text, start, end, b);
	for (char *p = b->data; p != NULL && *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	return b->data != NULL ? b->data : "";
}

/* The hygiene of a text decoded whole in ps, part's (named name) or a window of it. */
static void
review_hygiene(const struct review *rv, const struct report *r, const struct partscan *ps, int part,
    const char *name, struct review_list *out)
{
	hygiene_text(ps, part, &(struct hygiene_words){ (const char *const *)rv->doubled_ok, rv->ndoubled_ok,
	    (const char *const *)rv->doubled_chars, rv->ndoubled_chars, review_hygiene_quote, r }, name, out);
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
	size_t from = out->n, len = strlen(r->texts[part]);
	struct partscan ps;

	if (rv == NULL)
		return;
	partscan_decode(&ps, r->texts[part], len, 0, len);	/* once, for the three walks over every character */
	require_part(rv->req, r, part, rv->part_names[part], &ps, out);
	factcheck_part(&rv->fc, r, prev, part, rv->part_names[part], &ps, out);
	lastcopy_stale(&rv->lc, r, part, 0, SIZE_MAX, out);
	lastcopy_copy(&rv->lc, r, prev, copy_pct, part, rv->part_names[part], out);
	review_hygiene(rv, r, &ps, part, rv->part_names[part], out);
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
	if (!hygiene_cjk(b[0]))
		return !(hygiene_digit(b[0]) || b[0] == ' ' || b[0] == 0x3000 || (b[0] > ' ' && b[0] < 0x7F));
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
	char *win = xstrndup(text + w0, w1 - w0);
	struct partscan ps;

	partscan_decode(&ps, win, w1 - w0, 0, w1 - w0);
	review_hygiene(rv, r, &ps, part, rv->part_names[part], &l);
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
	struct partscan ps;

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
	partscan_decode(&ps, text, len, review_span_start(text, review_span_step(text, len, *from, true)), *to);
	factcheck_part(&rv->fc, r, prev, part, rv->part_names[part], &ps, out);
	for (size_t i = before; i < out->n; i++)	/* only what is placed in [from, to) */
		if (out->v[i].start >= *from && out->v[i].start < *to)
			out->v[kept++] = out->v[i];
		else {
			free(out->v[i].rule);
			free(out->v[i].message);
		}
	out->n = kept;
	lastcopy_stale(&rv->lc, r, part, review_span_line(text, *from, *to), *to, out);
	review_span_hygiene(rv, r, part, len, at->hfrom, at->hto, out);
	review_sort(out, before);
}
