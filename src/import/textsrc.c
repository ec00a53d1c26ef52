/* textsrc.c - lines, tab-separated rows and drawn tables of a text copy. */
#include "nb.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "import/srcdoc.h"
#include "import/textsrc.h"
#include "lib/buf.h"
#include "lib/xalloc.h"

#define BAR "\xe2\x94\x82"		/* U+2502, the vertical rule of a drawn table */
#define RULE "\xe2\x94\x80"		/* U+2500, the horizontal rule */
#define INDENT "\xe3\x80\x80\xe3\x80\x80"	/* two U+3000: a paragraph's first line */

struct line {
	const char	*s;
	size_t		 n;
	int		 no;		/* 1-based */
};

struct reader {
	struct srcdoc	*d;
	struct line	*v;
	size_t		 n;
	int		 table;		/* index of the table being read, or of the next one */
	bool		 in_table;
	bool		 drawn;		/* the text has drawn tables: it is our own export */
};

static bool
has(const struct line *l, const char *what)
{
	return memmem(l->s, l->n, what, strlen(what)) != NULL;
}

/* The line without leading ASCII spaces starts with what. */
static bool
textsrc_starts(const struct line *l, const char *what)
{
	size_t i = 0, k = strlen(what);

	while (i < l->n && l->s[i] == ' ')
		i++;
	return l->n - i >= k && memcmp(l->s + i, what, k) == 0;
}

/* A line with nothing on it; a tab alone is an empty cell, not a blank line. */
static bool
textsrc_blank(const struct line *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->s[i] != ' ' && l->s[i] != '\r')
			return false;
	return true;
}

/* Rows read from a run of lines belong to one table until text intervenes. */
static int
table_for_row(struct reader *rd)
{
	rd->in_table = true;
	return rd->table;
}

static void
text_line(struct reader *rd, int no, const char *s, size_t n)
{
	if (rd->in_table) {
		rd->in_table = false;
		rd->table++;
	}
	srcdoc_line(rd->d, no, s, n, 0);
}

/* ---- drawn tables ------------------------------------------------------ */

/* The pieces of a line between its vertical rules (without what is outside them). */
static size_t
split_bars(const struct line *l, const char **piece, size_t *len, size_t max)
{
	const char *p = memmem(l->s, l->n, BAR, 3), *end = l->s + l->n;
	size_t k = 0;

	while (p != NULL && k < max) {
		const char *q = memmem(p + 3, (size_t)(end - p - 3), BAR, 3);

		if (q == NULL)
			break;
		piece[k] = p + 3;
		len[k++] = (size_t)(q - p - 3);
		p = q;
	}
	return k;
}

#define MAX_BOXES 64

/* One band of a drawn table (the lines between two rules): each box's text, top to bottom. */
static void
drawn_band(struct reader *rd, size_t from, size_t to)
{
	struct buf box[MAX_BOXES];
	size_t nbox = 0;

	for (size_t i = 0; i < MAX_BOXES; i++)
		box[i] = (struct buf)BUF_INIT;
	for (size_t i = from; i < to; i++) {
		const char *piece[MAX_BOXES];
		size_t len[MAX_BOXES], k = split_bars(&rd->v[i], piece, len, MAX_BOXES);

		for (size_t j = 0; j < k; j++) {
			const char *s = piece[j];
			size_t n = len[j];

			while (n > 0 && *s == ' ')
				s++, n--;
			while (n > 0 && s[n - 1] == ' ')
				n--;
			buf_add(&box[j], s, n);
		}
		if (k > nbox)
			nbox = k;
	}
	srcdoc_row(rd->d, rd->v[from].no, table_for_row(rd));
	for (size_t j = 0; j < nbox; j++)
		srcdoc_cell(rd->d, rd->v[from].no, box[j].data != NULL ? box[j].data : "", box[j].len,
		    -1, 1, 1);
	for (size_t i = 0; i < MAX_BOXES; i++)
		buf_free(&box[i]);
}

/* A drawn table from line i (its top rule); returns the line after it. */
static size_t
drawn_table(struct reader *rd, size_t i)
{
	size_t band = i + 1;

	for (i++; i < rd->n && (has(&rd->v[i], BAR) || has(&rd->v[i], RULE)); i++) {
		if (!has(&rd->v[i], RULE))
			continue;
		if (i > band)
			drawn_band(rd, band, i);
		band = i + 1;
	}
	rd->in_table = false;
	rd->table++;
	return i;
}

static bool
ascii_word(char c)
{
	return c > ' ' && (unsigned char)c < 0x7f;
}

/* Append the n bytes at s to b, a text that was wrapped before s: a line
 * broke between two Latin characters only at a space, which comes back;
 * between Chinese characters nothing was lost. */
static void
join_wrapped(struct buf *b, const char *s, size_t n)
{
	while (b->len > 0 && b->data[b->len - 1] == ' ')
		b->len--;
	if (b->len > 0 && n > 0 && ascii_word(b->data[b->len - 1]) && ascii_word(s[0]))
		buf_addc(b, ' ');
	buf_add(b, s, n);
}

/* ---- tab-separated cells ------------------------------------------------ */

/* A line of cells: "a<TAB>b<TAB><TAB>c" (one row), or "<TAB>a": one cell of a row that goes on. */
static bool
cell_line(const struct line *l)
{
	size_t i = 0;

	while (i < l->n && l->s[i] == ' ')
		i++;
	return i < l->n && l->s[i] == '\t' && memchr(l->s + i + 1, '\t', l->n - i - 1) == NULL;
}

static void
row_line(struct reader *rd, const struct line *l)
{
	const char *s = l->s, *end = l->s + l->n;

	srcdoc_row(rd->d, l->no, table_for_row(rd));
	while (s < end && *s == ' ')
		s++;
	if (s < end && *s == '\t')	/* a leading tab starts the first cell */
		s++;
	for (;;) {
		const char *t = memchr(s, '\t', (size_t)(end - s));

		srcdoc_cell(rd->d, l->no, s, (size_t)((t != NULL ? t : end) - s), -1, 1, 1);
		if (t == NULL)
			break;
		s = t + 1;
	}
}

/* Lines from i that hold one cell each, up to a blank line: one row.  A line
 * without a tab right after a cell continues it (a label broken in two). */
static size_t
cell_rows(struct reader *rd, size_t i)
{
	struct buf cell = BUF_INIT;
	int cell_no = 0;
	bool open = false;

	srcdoc_row(rd->d, rd->v[i].no, table_for_row(rd));
	for (; i < rd->n && !textsrc_blank(&rd->v[i]); i++) {
		const struct line *l = &rd->v[i];

		if (cell_line(l)) {
			const char *tab = memchr(l->s, '\t', l->n);

			if (open)
				srcdoc_cell(rd->d, cell_no, cell.data != NULL ? cell.data : "", cell.len, -1, 1, 1);
			buf_reset(&cell);
			buf_add(&cell, tab + 1, l->n - (size_t)(tab + 1 - l->s));
			cell_no = l->no;
			open = true;
		} else if (memchr(l->s, '\t', l->n) == NULL && open) {
			join_wrapped(&cell, l->s, l->n);
		} else {
			break;
		}
	}
	if (open)
		srcdoc_cell(rd->d, cell_no, cell.data != NULL ? cell.data : "", cell.len, -1, 1, 1);
	buf_free(&cell);
	return i;
}

/* ---- paragraphs of our own export ---------------------------------------- */

/* A paragraph of the text export: its first line is indented, the lines it
 * was wrapped onto follow directly. */
static size_t
paragraph(struct reader *rd, size_t i)
{
	struct buf p = BUF_INIT;
	int no = rd->v[i].no;

	buf_add(&p, rd->v[i].s, rd->v[i].n);
	for (i++; i < rd->n; i++) {
		const struct line *l = &rd->v[i];

		if (textsrc_blank(l) || textsrc_starts(l, INDENT) || l->s[0] == ' ' || has(l, BAR) ||
		    memchr(l->s, '\t', l->n) != NULL)
			break;
		join_wrapped(&p, l->s, l->n);
	}
	text_line(rd, no, p.data, p.len);
	buf_free(&p);
	return i;
}

/* The title of our own export: its first lines, centred, wrapped when long. */
static size_t
title(struct reader *rd, size_t i)
{
	struct buf t = BUF_INIT;
	int no = rd->v[i].no;

	for (; i < rd->n && !textsrc_blank(&rd->v[i]); i++) {
		const char *s = rd->v[i].s;
		size_t n = rd->v[i].n;

		while (n > 0 && *s == ' ')
			s++, n--;
		join_wrapped(&t, s, n);
	}
	text_line(rd, no, t.data, t.len);
	buf_free(&t);
	return i;
}

/* ---- the whole text ------------------------------------------------------- */

static void
split_lines(struct reader *rd, const char *text, size_t len)
{
	size_t cap = 0;
	int no = 1;

	for (const char *s = text, *end = text + len; s < end; no++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = (size_t)((nl != NULL ? nl : end) - s);

		rd->v = xgrow(rd->v, &cap, rd->n + 1, sizeof *rd->v);
		rd->v[rd->n++] = (struct line){ s, n, no };
		s += n + 1;
	}
}

void
textsrc_read(const char *text, size_t len, struct srcdoc *d)
{
	struct reader rd = { d, NULL, 0, d->ntables, false, false };
	size_t i = 0;

	split_lines(&rd, text, len);
	for (size_t k = 0; k < rd.n && !rd.drawn; k++)
		rd.drawn = textsrc_starts(&rd.v[k], "\xe2\x94\x8c");	/* U+250C, a table's top corner */
	while (i < rd.n && textsrc_blank(&rd.v[i]))
		i++;
	if (rd.drawn && i < rd.n)
		i = title(&rd, i);
	while (i < rd.n) {
		const struct line *l = &rd.v[i];

		if (textsrc_blank(l)) {
			i++;
		} else if (rd.drawn && textsrc_starts(l, "\xe2\x94\x8c")) {
			i = drawn_table(&rd, i);
		} else if (cell_line(l)) {
			i = cell_rows(&rd, i);
		} else if (memchr(l->s, '\t', l->n) != NULL) {
			row_line(&rd, l);
			i++;
		} else if (rd.drawn && textsrc_starts(l, INDENT)) {
			i = paragraph(&rd, i);
		} else {
			text_line(&rd, l->no, l->s, l->n);
			i++;
		}
	}
	free(rd.v);
}
