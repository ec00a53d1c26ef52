/*
 * live.c - the review of the words while the officer types: the findings
 * the status line, the navigator and the problems list share, kept by
 * core/reviewcache.h.  A key in a text reviews its sentences at once; the
 * checks of a whole part wait for a pause (the loop's tick), for leaving the
 * page or for ^E.  So does any other edit (a cell, a field): the facts read
 * the tables, but reading every part's facts again at each digit of a
 * 100 KB report cost 17 M instructions a key, 80 times nano's.
 */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "core/review.h"
#include "core/reviewcache.h"
#include "lib/buf.h"
#include "lib/xalloc.h"
#include "tui/app.h"

size_t
live_cursor(struct app *a, int part)
{
	size_t line, byte, at = 0, len;

	if (a->texts[part] == NULL)
		return 0;
	text_cursor(a, part, &line, &byte);
	for (size_t i = 0; i < line; i++) {
		textbuf_line(a->texts[part], i, &len);
		at += len + 1;
	}
	return at + byte;
}

/* The whole review again, of the texts as typed. */
static void
live_full(struct app *a)
{
	if (a->review == NULL)
		a->review = reviewcache_new(a->r);
	text_sync(a);
	reviewcache_full(a->review, a->r, a->prev, a->prefs->copy_pct);
	a->review_edits = a->edits;
}

/* The bytes of the text of tb from byte x on, n of them, into b. */
static void
live_bytes(const struct textbuf *tb, size_t x, size_t n, struct buf *b)
{
	size_t at = 0, len;

	buf_reset(b);
	for (size_t i = 0; i < textbuf_lines(tb) && b->len < n; i++) {
		const char *l = textbuf_line(tb, i, &len);
		size_t k = x > at ? x - at : 0;	/* where the bytes begin in this line and its break */

		if (k <= len) {
			buf_add(b, l + k, len - k < n - b->len ? len - k : n - b->len);
			if (b->len < n && i + 1 < textbuf_lines(tb))
				buf_addc(b, '\n');
		}
		at += len + 1;
	}
}

/* The length of tb's text. */
static size_t
live_length(const struct textbuf *tb)
{
	size_t n = 0, len;

	for (size_t i = 0; i < textbuf_lines(tb); i++) {
		textbuf_line(tb, i, &len);
		n += len + (i > 0);
	}
	return n;
}

/*
 * The report's copy of the part follows the key by a splice, not by copying
 * the whole part again (text_sync checked all of a 100 KB part at each key:
 * a million instructions); then its sentences are reviewed.  The copy was
 * the buffer's before the key: only text_sync sets it, after any other edit
 * (which live_full runs when review_edits lags by more than this key).
 */
void
live_text_edited(struct app *a, int part, size_t before, size_t after, bool exact)
{
	const struct textbuf *tb = a->texts[part];
	size_t old, now, at = before < after ? before : after, ins = after > before ? after - before : 0, del;
	struct buf b = BUF_INIT;
	char *err = NULL;

	if (a->review == NULL || a->review_edits + 1 != a->edits || !exact) {
		live_full(a);	/* not one edit at the cursor: all again */
		return;
	}
	old = strlen(a->r->texts[part]);
	now = live_length(tb);
	del = ins + old - now;	/* what was there: what came, less the growth */
	if (ins + old >= now && at + del <= old)
		live_bytes(tb, at, ins, &b);
	if (ins + old < now || at + del > old || b.len != ins ||
	    report_splice_text(a->r, part, at, del, b.data != NULL ? b.data : "", ins, &err) != 0) {
		free(err);
		live_full(a);
	} else {
		reviewcache_edit(a->review, a->r, a->prev, part, at, del, ins);
		a->review_edits = a->edits;
	}
	buf_free(&b);
}

bool
live_settle(struct app *a)
{
	if (a->review == NULL || (a->review_edits == a->edits && !reviewcache_stale(a->review)))
		return false;
	live_full(a);
	return true;
}

const struct review_list *
live_findings(struct app *a)
{
	struct review_list acked = REVIEW_LIST_INIT;

	if (a->review == NULL)
		live_full(a);
	if (a->review_known && a->review_gen == reviewcache_generation(a->review))
		return &a->review_open;
	review_list_free(&a->review_open);
	reviewcache_list(a->review, &a->review_open);
	review_split_acked(a->r, &a->review_open, &acked);	/* acknowledged: not counted */
	review_list_free(&acked);
	a->review_gen = reviewcache_generation(a->review);
	a->review_known = true;
	return &a->review_open;
}

/* The finding of part nearest to byte at: the one about the cursor's sentence first. */
static const struct review_finding *
live_near(const struct review_list *l, int part, size_t at)
{
	const struct review_finding *best = NULL;
	size_t dist = SIZE_MAX;

	for (size_t i = 0; i < l->n; i++) {
		const struct review_finding *f = &l->v[i];
		size_t d = at < f->start ? f->start - at : at > f->end ? at - f->end : 0;

		if (f->part == part && d < dist) {
			best = f;
			dist = d;
		}
	}
	return best;
}

char *
live_status(struct app *a)
{
	const struct review_list *l = live_findings(a);
	const struct page *p = &a->pages[a->cur];
	const struct review_finding *f = NULL;
	char *s;

	if (l->n == 0)
		return NULL;
	if (p->kind == PAGE_TEXT)
		f = live_near(l, p->index, live_cursor(a, p->index));
	if (f == NULL)
		f = &l->v[0];
	s = xasprintf(_("[%zu warnings about the words; ^E lists them] %s"), l->n, f->message);
	for (char *c = s; *c != '\0'; c++)
		if (*c == '\n')	/* a quoted sentence's line break: the status's break means "the fix" */
			*c = ' ';
	return s;
}

void
live_free(struct app *a)
{
	reviewcache_free(a->review);
	a->review = NULL;
	review_list_free(&a->review_open);
}
