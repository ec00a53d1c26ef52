/*
 * textbuf.c - the narrative editor's model: logical lines, a cursor, undo
 * and redo, and wrapping cached per line.
 *
 * Each logical line keeps the byte offsets where its visual lines 2, 3, ...
 * start, as wrap_line_reach (lib/wrap.h) breaks Chinese text, and how far
 * the bytes that decided each break go.  The list may be a prefix only: an
 * edit drops the breaks that looked at bytes from the edit on, and they are
 * computed again when someone asks (the cursor, the rows on screen).  The first visual line of each
 * logical line is kept for a prefix of the lines (vknown), so that an edit
 * in one line costs a sum over the following lines, never their wrapping.
 *
 * An invalid byte (only textbuf_create can bring one in) is a character of
 * its own, one column wide, as in width_str(): nothing loaded is lost.
 *
 * A link (textbuf.h) is one character for the cursor and for deleting, as
 * wide as what it shows; a line holding links is wrapped as drawn, and its
 * breaks mapped back, never inside a link.
 */
#include "nb.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "edit/textbuf.h"
#include "lib/buf.h"
#include "lib/utf8.h"
#include "lib/width.h"
#include "lib/wrap.h"
#include "lib/xalloc.h"

#define DEFAULT_WIDTH	80

struct line {
	char	*s;		/* len bytes, then a NUL */
	size_t	 len, cap;
	size_t	*brk;		/* where visual lines 2, 3, ... start; ascending */
	size_t	*reach;		/* reach[k]: brk[k] holds while bytes below it do not change */
	size_t	 nbrk, brkcap, reachcap;
	bool	 done;		/* brk holds every break of the line */
	int	 ww;		/* the width brk is for; 0: never wrapped */
	size_t	 vfirst;	/* first visual line, right if below tb->vknown */
	bool	 braces;	/* may hold a '{': only such a line may hold a link */
};

struct pos {
	size_t	line, byte;
};

/* Which run of keystrokes the last edit may still grow by. */
enum run { RUN_NONE, RUN_TYPE, RUN_BACK, RUN_DEL };

/* One undoable edit: text inserted or deleted at `at`, and the cursor around it. */
struct edit {
	bool		insert;
	struct pos	at, before, after;
	struct buf	text;
};

struct textbuf {
	struct line	*lines;
	size_t		 nlines, linecap;
	size_t		 size;		/* bytes of textbuf_text() */
	struct pos	 cur;
	int		 want;		/* column kept by up and down; -1: none */
	int		 width, ambiguous;
	size_t		 vknown;	/* lines[0 .. vknown) have vfirst right (>= 1) */
	size_t		 vtotal;	/* visual lines, right if vknown > nlines */
	struct edit	*edits;		/* [0, ndone) done, [ndone, nedits) undone */
	size_t		 nedits, ndone, editcap;
	enum run	 run;
	char		*clean;		/* the text textbuf_mark_clean saw */
	size_t		 cleanlen;
	struct tb_links	 links;		/* links.at NULL: none */
	uint64_t	 link_stamp;
};

/* Start of the character holding byte b of the n bytes at s. */
static size_t
char_start_of(const char *s, size_t n, size_t b)
{
	for (size_t j = b; j > 0 && b - j < 3; j--) {
		size_t k = utf8_seqlen(s + j - 1, n - (j - 1));

		if (k > 0 && j - 1 + k > b)
			return j - 1;
	}
	return b;
}

/* ---- links ---- */

/* The length of the link at byte b of l (0 if none), what it shows in *shown. */
static size_t
link_len(const struct textbuf *tb, const struct line *l, size_t b, const char **shown)
{
	if (tb->links.at == NULL || b >= l->len || l->s[b] != '{')
		return 0;
	return tb->links.at(tb->links.ctx, l->s + b, l->len - b, shown);
}

/* The link of l that holds byte b - 1 (it ends at or after b): true and its bytes. */
static bool
link_holding(const struct textbuf *tb, const struct line *l, size_t b, size_t *start, size_t *end)
{
	const char *shown;

	if (tb->links.at == NULL)
		return false;
	for (size_t j = b; j > 0 && b - j < TB_LINK_MAX; j--)
		if (l->s[j - 1] == '{') {
			size_t n = link_len(tb, l, j - 1, &shown);

			*start = j - 1;
			*end = j - 1 + n;
			return n > 0 && *end >= b;
		}
	return false;
}

/* The start of the character or link holding byte b of l: the cursor never stops inside a link. */
static size_t
unit_start(const struct textbuf *tb, const struct line *l, size_t b)
{
	size_t s, e;

	b = char_start_of(l->s, l->len, b);
	if (link_holding(tb, l, b + 1, &s, &e) && s < b)
		return s;
	return b;
}

/* Columns of the character or link at byte b of l (up to byte n), its length in *len. */
static int
char_width(const struct textbuf *tb, const struct line *l, size_t b, size_t n, size_t *len)
{
	const char *s = l->s + b, *shown;
	uint32_t cp;

	n -= b;
	if ((*len = link_len(tb, l, b, &shown)) > 0)
		return (int)width_str(shown, strlen(shown), tb->ambiguous);
	if ((unsigned char)*s < 0x80) {
		*len = 1;
		return 1;	/* a tab or a control shows as one cell */
	}
	if ((*len = utf8_decode(s, n, &cp)) == 0) {
		*len = 1;
		return 1;
	}
	return width_cp(cp, tb->ambiguous);
}

/* Columns of bytes [from, to) of l, its links as wide as they show. */
static int
columns(const struct textbuf *tb, const struct line *l, size_t from, size_t to)
{
	const char *brace, *shown;
	size_t cols = 0, n;

	while (tb->links.at != NULL && l->braces && (brace = memchr(l->s + from, '{', to - from)) != NULL) {
		size_t b = (size_t)(brace - l->s);

		cols += width_str(l->s + from, b - from, tb->ambiguous);
		if ((n = link_len(tb, l, b, &shown)) > 0 && b + n <= to) {
			cols += width_str(shown, strlen(shown), tb->ambiguous);
			from = b + n;
		} else {
			cols += 1;
			from = b + 1;
		}
	}
	return (int)(cols + width_str(l->s + from, to - from, tb->ambiguous));
}

/* How many of the n ascending offsets are below b. */
static size_t
count_below(const size_t *a, size_t n, size_t b)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (a[mid] < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* ---- wrapping ---- */

/* Forget l's breaks if they were made for another width. */
static void
wrap_check(const struct textbuf *tb, struct line *l)
{
	if (l->ww != tb->width) {
		l->nbrk = 0;
		l->done = false;
		l->ww = tb->width;
	}
}

/* True when l has more than `want` breaks or one beyond byte `past`. */
static bool
wrap_enough(const struct line *l, size_t want, size_t past)
{
	return l->done || l->nbrk > want || (l->nbrk > 0 && l->brk[l->nbrk - 1] > past);
}

/* A link of a line being wrapped: bytes [src, src + slen) drawn as [dst, dst + dlen). */
struct drawn_link {
	size_t	src, slen, dst, dlen;
};

/*
 * Bytes [from, to) of a line that holds links, as drawn: each link as what it
 * shows.  A window of the line, not all of it: wrapping a few lines of a long
 * paragraph costs a few lines.
 */
struct drawn {
	struct buf		 b;
	size_t			 from, to;
	struct drawn_link	*v;
	size_t			 n, cap;
};

#define DRAWN_WINDOW	4096	/* bytes of a line drawn at first: some twenty lines of Chinese */

/* Bytes [from, about from + want) of l as drawn, into d; false (d untouched) when no link is there. */
static bool
drawn_make(const struct textbuf *tb, struct line *l, size_t from, size_t want, struct drawn *d)
{
	const char *brace, *shown;
	size_t i = from, n;

	if (tb->links.at == NULL || !l->braces)
		return false;
	if (memchr(l->s + from, '{', l->len - from) == NULL) {
		l->braces = from > 0;	/* a whole line read without one has none */
		return false;
	}
	memset(d, 0, sizeof *d);
	d->from = from;
	d->to = l->len - from > want ? unit_start(tb, l, from + want) : l->len;
	if (d->to <= from)
		d->to = l->len;
	while ((brace = memchr(l->s + i, '{', d->to - i)) != NULL) {
		size_t b = (size_t)(brace - l->s), at;

		buf_add(&d->b, l->s + i, b - i);
		i = b + 1;
		if ((n = link_len(tb, l, b, &shown)) == 0) {
			buf_addc(&d->b, '{');
			continue;
		}
		at = d->b.len;
		buf_adds(&d->b, shown);
		d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof *d->v);
		d->v[d->n++] = (struct drawn_link){ b, n, at, d->b.len - at };
		i = b + n;
	}
	buf_add(&d->b, l->s + i, d->to - i);
	return true;
}

static void
drawn_free(struct drawn *d)
{
	buf_free(&d->b);
	free(d->v);
}

/* Where byte i of the line (never inside a link) is drawn in d. */
static size_t
drawn_of(const struct drawn *d, size_t i)
{
	size_t x = i - d->from;

	for (size_t k = 0; k < d->n && d->v[k].src < i; k++)
		x = x + d->v[k].dlen - d->v[k].slen;
	return x;
}

/*
 * The byte of the line drawn at x of d.  Inside a link: its start, unless
 * after says its end or its start is at or before floor (a line holds at
 * least one character: a link wider than the line stays whole on it).
 */
static size_t
drawn_byte(const struct drawn *d, size_t x, bool after, size_t floor)
{
	size_t i = x + d->from;

	for (size_t k = 0; k < d->n && d->v[k].dst < x; k++) {
		const struct drawn_link *lk = &d->v[k];

		if (x < lk->dst + lk->dlen)
			return after || lk->src <= floor ? lk->src + lk->slen : lk->src;
		i = i + lk->slen - lk->dlen;
	}
	return i;
}

/*
 * wrap_line_reach for the line l that starts at byte i: as drawn in d while
 * *links.  When the answer needed bytes past d's window, a longer window is
 * drawn from i (*links false when no link is left after i).
 */
static size_t
wrap_reach(const struct textbuf *tb, struct line *l, struct drawn *d, bool *links, size_t i, size_t *reach)
{
	size_t x, xreach;

	while (*links) {
		x = wrap_line_reach(d->b.data, d->b.len, drawn_of(d, i), tb->width, tb->ambiguous, &xreach);
		if (xreach < d->b.len || d->to == l->len) {
			*reach = drawn_byte(d, xreach, true, i);
			return drawn_byte(d, x, false, i);
		}
		x = 2 * (d->to - i) + DRAWN_WINDOW;
		drawn_free(d);
		*links = drawn_make(tb, l, i, x, d);
	}
	return wrap_line_reach(l->s, l->len, i, tb->width, tb->ambiguous, reach);
}

/*
 * Wrap more of l, from the start of its last known visual line, until
 * wrap_enough(), where wrap_line_end() breaks the line.
 */
static void
wrap_more(const struct textbuf *tb, struct line *l, size_t want, size_t past)
{
	struct drawn d;
	size_t i, reach;
	bool links;

	wrap_check(tb, l);
	if (wrap_enough(l, want, past))
		return;
	i = l->nbrk > 0 ? l->brk[l->nbrk - 1] : 0;
	links = drawn_make(tb, l, i, DRAWN_WINDOW, &d);
	while ((i = wrap_reach(tb, l, &d, &links, i, &reach)) < l->len) {
		l->brk = xgrow(l->brk, &l->brkcap, l->nbrk + 1, sizeof *l->brk);
		l->reach = xgrow(l->reach, &l->reachcap, l->nbrk + 1, sizeof *l->reach);
		l->reach[l->nbrk] = reach;
		l->brk[l->nbrk++] = i;
		if (wrap_enough(l, want, past))
			goto out;
	}
	l->done = true;
out:
	if (links)
		drawn_free(&d);
}

/* Visual lines of l, wrapping all of it if need be. */
static size_t
line_vcount(const struct textbuf *tb, struct line *l)
{
	wrap_more(tb, l, SIZE_MAX, SIZE_MAX);
	return l->nbrk + 1;
}

/* The first visual lines of the lines after k may have moved. */
static void
invalidate_after(struct textbuf *tb, size_t k)
{
	if (tb->vknown > k + 1)
		tb->vknown = k + 1;
}

/* Line k changed from byte b on: keep the breaks that cannot move. */
static void
line_changed(struct textbuf *tb, size_t k, size_t b)
{
	struct line *l = &tb->lines[k];
	size_t keep = 0;

	/*
	 * A break holds while the bytes that decided it do not change: those
	 * below b.  (A closing mark typed at the start of a visual line pulls
	 * the line before's last character down: that break looked past b.)
	 */
	wrap_check(tb, l);
	while (keep < l->nbrk && l->reach[keep] < b)
		keep++;
	l->nbrk = keep;
	l->done = false;
	invalidate_after(tb, k);
}

/* First visual line of logical line k; k == nlines gives the count of visual lines. */
static size_t
vstart(struct textbuf *tb, size_t k)
{
	while (tb->vknown <= k) {
		size_t i = tb->vknown - 1;
		size_t next = tb->lines[i].vfirst + line_vcount(tb, &tb->lines[i]);

		if (tb->vknown < tb->nlines)
			tb->lines[tb->vknown].vfirst = next;
		else
			tb->vtotal = next;
		tb->vknown++;
	}
	return k < tb->nlines ? tb->lines[k].vfirst : tb->vtotal;
}

/*
 * Logical line and index in it of visual line v, wrapping no further than
 * needed; the breaks around it are then known.  False if v is past the end.
 */
static bool
locate(struct textbuf *tb, size_t v, size_t *line, size_t *j)
{
	size_t lo = 0, hi;

	for (;;) {
		struct line *l;

		if (tb->vknown > tb->nlines) {
			if (v >= tb->vtotal)
				return false;
			hi = tb->nlines;
			break;
		}
		l = &tb->lines[tb->vknown - 1];
		if (v < l->vfirst) {
			hi = tb->vknown - 1;
			break;
		}
		wrap_more(tb, l, v - l->vfirst, SIZE_MAX);
		if (v - l->vfirst <= l->nbrk) {
			*line = tb->vknown - 1;
			*j = v - l->vfirst;
			return true;
		}
		vstart(tb, tb->vknown);
	}
	/* lines[0, hi) are wrapped whole: the last one starting at or before v */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (tb->lines[mid].vfirst <= v)
			lo = mid;
		else
			hi = mid;
	}
	*line = lo;
	*j = v - tb->lines[lo].vfirst;
	return true;
}

/* Bytes [*start, *end) of visual line j of l (its breaks up to j + 1 known). */
static void
vspan(const struct line *l, size_t j, size_t *start, size_t *end)
{
	*start = j > 0 ? l->brk[j - 1] : 0;
	*end = j < l->nbrk ? l->brk[j] : l->len;
}

/* Index in its logical line of the cursor's visual line; its breaks are then known. */
static size_t
cursor_vidx(struct textbuf *tb)
{
	struct line *l = &tb->lines[tb->cur.line];
	size_t b = tb->cur.byte, j;

	/* On a break the cursor is at the start of the continuation. */
	wrap_more(tb, l, SIZE_MAX, b);
	j = count_below(l->brk, l->nbrk, b);
	if (j < l->nbrk && l->brk[j] == b)
		j++;
	return j;
}

/* ---- lines ---- */

/* Make room for n more bytes in l. */
static void
line_reserve(struct line *l, size_t n)
{
	l->s = xgrow(l->s, &l->cap, l->len + n + 1, 1);
}

/* Put n bytes at byte `at` of l. */
static void
line_put(struct line *l, size_t at, const char *s, size_t n)
{
	line_reserve(l, n);
	memmove(l->s + at + n, l->s + at, l->len - at);
	memcpy(l->s + at, s, n);
	l->len += n;
	l->s[l->len] = '\0';
	l->braces |= memchr(s, '{', n) != NULL;
}

/* Remove n bytes at byte `at` of l. */
static void
line_cut(struct line *l, size_t at, size_t n)
{
	memmove(l->s + at, l->s + at + n, l->len - at - n);
	l->len -= n;
	l->s[l->len] = '\0';
}

/* Open m empty, never wrapped lines after line k. */
static void
lines_open(struct textbuf *tb, size_t k, size_t m)
{
	tb->lines = xgrow(tb->lines, &tb->linecap, tb->nlines + m, sizeof *tb->lines);
	memmove(tb->lines + k + 1 + m, tb->lines + k + 1,
	    (tb->nlines - k - 1) * sizeof *tb->lines);
	memset(tb->lines + k + 1, 0, m * sizeof *tb->lines);
	for (size_t i = k + 1; i <= k + m; i++)
		line_reserve(&tb->lines[i], 0);
	tb->nlines += m;
	invalidate_after(tb, k);
}

/* Free lines k+1 .. k+m and close the gap. */
static void
lines_close(struct textbuf *tb, size_t k, size_t m)
{
	for (size_t i = k + 1; i <= k + m; i++) {
		free(tb->lines[i].s);
		free(tb->lines[i].brk);
		free(tb->lines[i].reach);
	}
	memmove(tb->lines + k + 1, tb->lines + k + 1 + m,
	    (tb->nlines - k - 1 - m) * sizeof *tb->lines);
	tb->nlines -= m;
	invalidate_after(tb, k);
}

/* Insert n bytes of clean text (it may hold '\n') at p; returns the position after it. */
static struct pos
raw_insert(struct textbuf *tb, struct pos p, const char *s, size_t n)
{
	const char *nl = memchr(s, '\n', n), *end = s + n;
	struct line *l;
	size_t m = 0, taillen;
	char *tail;

	tb->size += n;
	if (nl == NULL) {
		line_put(&tb->lines[p.line], p.byte, s, n);
		line_changed(tb, p.line, p.byte);
		return (struct pos){ p.line, p.byte + n };
	}
	for (const char *q = nl; q != NULL; q = memchr(q + 1, '\n', (size_t)(end - q - 1)))
		m++;
	lines_open(tb, p.line, m);
	l = &tb->lines[p.line];
	taillen = l->len - p.byte;
	tail = xstrndup(l->s + p.byte, taillen);
	line_cut(l, p.byte, taillen);
	line_put(l, p.byte, s, (size_t)(nl - s));
	line_changed(tb, p.line, p.byte);
	for (size_t i = 1; i <= m; i++) {
		const char *from = nl + 1;

		nl = i < m ? memchr(from, '\n', (size_t)(end - from)) : end;
		line_put(&tb->lines[p.line + i], 0, from, (size_t)(nl - from));
	}
	l = &tb->lines[p.line + m];
	p = (struct pos){ p.line + m, l->len };
	line_put(l, l->len, tail, taillen);
	free(tail);
	return p;
}

/* Delete n bytes (a line end counts one) from p, appending them to out unless NULL. */
static void
raw_delete(struct textbuf *tb, struct pos p, size_t n, struct buf *out)
{
	struct pos e = p;
	size_t left = n;
	struct line *l;

	while (left > tb->lines[e.line].len - e.byte) {
		l = &tb->lines[e.line];
		if (out != NULL) {
			buf_add(out, l->s + e.byte, l->len - e.byte);
			buf_addc(out, '\n');
		}
		left -= l->len - e.byte + 1;
		e = (struct pos){ e.line + 1, 0 };
	}
	e.byte += left;
	if (out != NULL)
		buf_add(out, tb->lines[e.line].s + e.byte - left, left);
	tb->size -= n;
	l = &tb->lines[p.line];
	if (e.line == p.line) {
		line_cut(l, p.byte, n);
	} else {
		struct line *last = &tb->lines[e.line];

		line_cut(l, p.byte, l->len - p.byte);
		line_put(l, p.byte, last->s + e.byte, last->len - e.byte);
		lines_close(tb, p.line, e.line - p.line);
	}
	line_changed(tb, p.line, p.byte);
}

/* ---- undo ---- */

/* Start a new undoable edit at `at`; what could be redone is gone. */
static struct edit *
edit_new(struct textbuf *tb, bool insert, struct pos at)
{
	struct edit *e;

	while (tb->nedits > tb->ndone)
		buf_free(&tb->edits[--tb->nedits].text);
	tb->edits = xgrow(tb->edits, &tb->editcap, tb->nedits + 1, sizeof *tb->edits);
	e = &tb->edits[tb->nedits++];
	tb->ndone = tb->nedits;
	e->insert = insert;
	e->at = at;
	e->before = e->after = tb->cur;
	e->text = (struct buf)BUF_INIT;
	return e;
}

/* The last edit, if a keystroke of kind run may still grow it; else NULL. */
static struct edit *
edit_open(struct textbuf *tb, enum run run)
{
	if (tb->run != run || tb->ndone == 0 || tb->ndone != tb->nedits)
		return NULL;
	return &tb->edits[tb->ndone - 1];
}

/* Put n bytes in front of b (s must not point into b). */
static void
buf_prepend(struct buf *b, const char *s, size_t n)
{
	size_t old = b->len;

	buf_add(b, s, n);
	memmove(b->data + n, b->data, old);
	memcpy(b->data, s, n);
}

/* A movement ends the run of keystrokes and, unless vertical, the wanted column. */
static void
moved(struct textbuf *tb, bool keep_want)
{
	tb->run = RUN_NONE;
	if (!keep_want)
		tb->want = -1;
}

/* ---- creation ---- */

/* Append the n bytes at s to the text, "\r\n" and "\r" becoming "\n". */
static void
textbuf_load(struct textbuf *tb, const char *s, size_t n)
{
	size_t i = 0, from = 0;

	for (;;) {
		struct line *l = &tb->lines[tb->nlines - 1];

		while (i < n && s[i] != '\n' && s[i] != '\r')
			i++;
		line_put(l, l->len, s + from, i - from);
		tb->size += i - from;
		if (i == n)
			return;
		i += (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
		from = i;
		lines_open(tb, tb->nlines - 1, 1);
		tb->size++;
	}
}

struct textbuf *
textbuf_create(const char *text, size_t len, int ambiguous)
{
	struct textbuf *tb = xcalloc(1, sizeof *tb);

	tb->width = DEFAULT_WIDTH;
	tb->ambiguous = ambiguous == 2 ? 2 : 1;
	tb->want = -1;
	tb->vknown = 1;
	tb->nlines = 1;
	tb->lines = xgrow(NULL, &tb->linecap, 1, sizeof *tb->lines);
	memset(tb->lines, 0, sizeof *tb->lines);
	line_reserve(&tb->lines[0], 0);
	if (text != NULL)
		textbuf_load(tb, text, len);
	tb->clean = textbuf_text(tb);
	tb->cleanlen = tb->size;
	return tb;
}

void
textbuf_free(struct textbuf *tb)
{
	if (tb == NULL)
		return;
	for (size_t i = 0; i < tb->nlines; i++) {
		free(tb->lines[i].s);
		free(tb->lines[i].brk);
		free(tb->lines[i].reach);
	}
	for (size_t i = 0; i < tb->nedits; i++)
		buf_free(&tb->edits[i].text);
	free(tb->lines);
	free(tb->edits);
	free(tb->clean);
	free(tb);
}

/* ---- the text ---- */

char *
textbuf_text(const struct textbuf *tb)
{
	char *s = xmalloc(tb->size + 1), *p = s;

	for (size_t i = 0; i < tb->nlines; i++) {
		if (i > 0)
			*p++ = '\n';
		memcpy(p, tb->lines[i].s, tb->lines[i].len);
		p += tb->lines[i].len;
	}
	*p = '\0';
	return s;
}

bool
textbuf_dirty(const struct textbuf *tb)
{
	const char *c = tb->clean;

	if (tb->size != tb->cleanlen)
		return true;
	for (size_t i = 0; i < tb->nlines; i++) {
		if (i > 0 && *c++ != '\n')
			return true;
		if (memcmp(c, tb->lines[i].s, tb->lines[i].len) != 0)
			return true;
		c += tb->lines[i].len;
	}
	return false;
}

void
textbuf_mark_clean(struct textbuf *tb)
{
	free(tb->clean);
	tb->clean = textbuf_text(tb);
	tb->cleanlen = tb->size;
}

size_t
textbuf_lines(const struct textbuf *tb)
{
	return tb->nlines;
}

const char *
textbuf_line(const struct textbuf *tb, size_t i, size_t *len)
{
	if (i >= tb->nlines) {
		*len = 0;
		return NULL;
	}
	*len = tb->lines[i].len;
	return tb->lines[i].s;
}

void
textbuf_cursor(const struct textbuf *tb, size_t *line, size_t *byte)
{
	*line = tb->cur.line;
	*byte = tb->cur.byte;
}

void
textbuf_set_cursor(struct textbuf *tb, size_t line, size_t byte)
{
	struct line *l;

	if (line >= tb->nlines)
		line = tb->nlines - 1;
	l = &tb->lines[line];
	if (byte > l->len)
		byte = l->len;
	tb->cur = (struct pos){ line, unit_start(tb, l, byte) };
	moved(tb, false);
}

/* ---- editing ---- */

/*
 * Copy s to out with "\r\n" and "\r" as "\n"; false on invalid UTF-8 or a
 * control character other than tab and newline (C1 controls included).
 */
static bool
clean_input(const char *s, size_t n, struct buf *out)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		if (s[i] == '\r') {
			buf_addc(out, '\n');
			i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			return false;
		if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp < 0xA0))
			return false;
		buf_add(out, s + i, k);
		i += k;
	}
	return true;
}

bool
textbuf_insert(struct textbuf *tb, const char *s, size_t n)
{
	struct buf in = BUF_INIT;
	struct edit *e = NULL;
	bool typed;

	if (!clean_input(s, n, &in)) {
		buf_free(&in);
		return false;
	}
	if (in.len > 0) {
		/* One character typed grows the run; a paste is an edit of its own. */
		typed = in.data[0] != '\n' && utf8_char_len(in.data, in.len) == in.len;
		if (!typed || (e = edit_open(tb, RUN_TYPE)) == NULL)
			e = edit_new(tb, true, tb->cur);
		buf_add(&e->text, in.data, in.len);
		tb->cur = e->after = raw_insert(tb, tb->cur, in.data, in.len);
		tb->run = typed ? RUN_TYPE : RUN_NONE;
		tb->want = -1;
	}
	buf_free(&in);
	return true;
}

bool
textbuf_backspace(struct textbuf *tb)
{
	struct line *l = &tb->lines[tb->cur.line];
	struct pos p = tb->cur;
	struct buf gone = BUF_INIT;
	struct edit *e;
	const char *shown;
	bool link = false;

	if (p.byte > 0) {
		p.byte = unit_start(tb, l, p.byte - 1);
		link = link_len(tb, l, p.byte, &shown) > 0;
	} else if (p.line > 0)
		p = (struct pos){ p.line - 1, tb->lines[p.line - 1].len };
	else
		return false;
	/* a link goes whole, as an undo step of its own */
	if (link || (e = edit_open(tb, RUN_BACK)) == NULL)
		e = edit_new(tb, false, p);
	raw_delete(tb, p, p.line == tb->cur.line ? tb->cur.byte - p.byte : 1, &gone);
	buf_prepend(&e->text, gone.data, gone.len);
	buf_free(&gone);
	e->at = e->after = tb->cur = p;
	tb->run = link ? RUN_NONE : RUN_BACK;
	tb->want = -1;
	return true;
}

bool
textbuf_delete(struct textbuf *tb)
{
	struct line *l = &tb->lines[tb->cur.line];
	struct edit *e;
	const char *shown;
	size_t n, link = link_len(tb, l, tb->cur.byte, &shown);

	if (link > 0)
		n = link;
	else if (tb->cur.byte < l->len)
		n = utf8_char_len(l->s + tb->cur.byte, l->len - tb->cur.byte);
	else if (tb->cur.line + 1 < tb->nlines)
		n = 1;
	else
		return false;
	if (link > 0 || (e = edit_open(tb, RUN_DEL)) == NULL)
		e = edit_new(tb, false, tb->cur);
	raw_delete(tb, tb->cur, n, &e->text);
	e->after = tb->cur;
	tb->run = link > 0 ? RUN_NONE : RUN_DEL;
	tb->want = -1;
	return true;
}

bool
textbuf_undo(struct textbuf *tb)
{
	struct edit *e;

	if (tb->ndone == 0)
		return false;
	e = &tb->edits[--tb->ndone];
	if (e->insert)
		raw_delete(tb, e->at, e->text.len, NULL);
	else
		raw_insert(tb, e->at, e->text.data, e->text.len);
	tb->cur = e->before;
	moved(tb, false);
	return true;
}

bool
textbuf_redo(struct textbuf *tb)
{
	struct edit *e;

	if (tb->ndone == tb->nedits)
		return false;
	e = &tb->edits[tb->ndone++];
	if (e->insert)
		raw_insert(tb, e->at, e->text.data, e->text.len);
	else
		raw_delete(tb, e->at, e->text.len, NULL);
	tb->cur = e->after;
	moved(tb, false);
	return true;
}

/* ---- visual lines ---- */

void
textbuf_set_links(struct textbuf *tb, const struct tb_links *lk, uint64_t stamp)
{
	struct tb_links none = { NULL, NULL };

	if (lk == NULL)
		lk = &none;
	if (lk->at == tb->links.at && lk->ctx == tb->links.ctx && stamp == tb->link_stamp)
		return;
	tb->links = *lk;
	tb->link_stamp = stamp;
	for (size_t i = 0; i < tb->nlines; i++)
		tb->lines[i].ww = 0;	/* what links show changed: every line wraps again */
	tb->vknown = 1;
	tb->want = -1;
	if (tb->cur.byte > 0)	/* a link may now stand around the cursor */
		tb->cur.byte = unit_start(tb, &tb->lines[tb->cur.line], tb->cur.byte);
}

void
textbuf_set_width(struct textbuf *tb, int width)
{
	if (width < 2)
		width = 2;
	if (width == tb->width)
		return;
	tb->width = width;
	tb->vknown = 1;		/* every line rewraps when next asked for */
	tb->want = -1;
}

size_t
textbuf_vlines(struct textbuf *tb)
{
	return vstart(tb, tb->nlines);
}

struct tb_vline
textbuf_vline(struct textbuf *tb, size_t v)
{
	struct tb_vline vl;
	size_t j;

	if (!locate(tb, v, &vl.line, &j))
		locate(tb, textbuf_vlines(tb) - 1, &vl.line, &j);
	vspan(&tb->lines[vl.line], j, &vl.start, &vl.end);
	return vl;
}

void
textbuf_cursor_pos(struct textbuf *tb, size_t *vline, int *col)
{
	const struct line *l = &tb->lines[tb->cur.line];
	size_t j = cursor_vidx(tb), start, end;

	vspan(l, j, &start, &end);
	*vline = vstart(tb, tb->cur.line) + j;
	*col = columns(tb, l, start, tb->cur.byte);
}

/* ---- movement ---- */

/*
 * Cursor to the character drawn at column col of visual line j of line k
 * (or past the last one).  The end of a visual line that continues is the
 * start of the next one, so there the cursor stops on the last character.
 */
static void
textbuf_place(struct textbuf *tb, size_t k, size_t j, int col)
{
	const struct line *l = &tb->lines[k];
	size_t start, end, i, n;
	int c = 0, w;

	vspan(l, j, &start, &end);
	for (i = start; i < end; i += n) {
		w = char_width(tb, l, i, end, &n);
		if (c + w > col)
			break;
		c += w;
	}
	if (i == end && end < l->len)
		i = unit_start(tb, l, end - 1);
	tb->cur = (struct pos){ k, i };
}

void
textbuf_left(struct textbuf *tb)
{
	const struct line *l = &tb->lines[tb->cur.line];

	if (tb->cur.byte > 0)
		tb->cur.byte = unit_start(tb, l, tb->cur.byte - 1);
	else if (tb->cur.line > 0)
		tb->cur = (struct pos){ tb->cur.line - 1, tb->lines[tb->cur.line - 1].len };
	moved(tb, false);
}

void
textbuf_right(struct textbuf *tb)
{
	const struct line *l = &tb->lines[tb->cur.line];

	const char *shown;
	size_t n;

	if ((n = link_len(tb, l, tb->cur.byte, &shown)) > 0)
		tb->cur.byte += n;
	else if (tb->cur.byte < l->len)
		tb->cur.byte += utf8_char_len(l->s + tb->cur.byte, l->len - tb->cur.byte);
	else if (tb->cur.line + 1 < tb->nlines)
		tb->cur = (struct pos){ tb->cur.line + 1, 0 };
	moved(tb, false);
}

/* Up (dir -1) or down (+1) a visual line, at the wanted column. */
static void
textbuf_vertical(struct textbuf *tb, int dir)
{
	size_t v, k, j;
	int col;

	textbuf_cursor_pos(tb, &v, &col);
	if (tb->want < 0)
		tb->want = col;
	moved(tb, true);
	if (dir < 0 && v == 0)
		return;
	if (!locate(tb, dir < 0 ? v - 1 : v + 1, &k, &j))
		return;
	textbuf_place(tb, k, j, tb->want);
}

void
textbuf_up(struct textbuf *tb)
{
	textbuf_vertical(tb, -1);
}

void
textbuf_down(struct textbuf *tb)
{
	textbuf_vertical(tb, 1);
}

void
textbuf_home(struct textbuf *tb)
{
	size_t j = cursor_vidx(tb), end;

	vspan(&tb->lines[tb->cur.line], j, &tb->cur.byte, &end);
	moved(tb, false);
}

void
textbuf_end(struct textbuf *tb)
{
	const struct line *l = &tb->lines[tb->cur.line];
	size_t j = cursor_vidx(tb), start, end;

	vspan(l, j, &start, &end);
	/* the end of a continued visual line is drawn on the next one */
	tb->cur.byte = end < l->len ? unit_start(tb, l, end - 1) : end;
	moved(tb, false);
}

void
textbuf_prev_paragraph(struct textbuf *tb)
{
	tb->cur = (struct pos){ tb->cur.line > 0 ? tb->cur.line - 1 : 0, 0 };
	moved(tb, false);
}

void
textbuf_next_paragraph(struct textbuf *tb)
{
	if (tb->cur.line + 1 < tb->nlines)
		tb->cur = (struct pos){ tb->cur.line + 1, 0 };
	else
		tb->cur.byte = tb->lines[tb->cur.line].len;
	moved(tb, false);
}

void
textbuf_goto(struct textbuf *tb, size_t vline, int col)
{
	size_t k, j;

	if (!locate(tb, vline, &k, &j))
		locate(tb, textbuf_vlines(tb) - 1, &k, &j);
	textbuf_place(tb, k, j, col < 0 ? 0 : col);
	moved(tb, false);
}
