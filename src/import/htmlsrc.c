/*
 * html.c - a web page as lines and table rows; see html.h.
 *
 * One pass over the bytes, tag by tag, with no tree and no recursion.  Text
 * is gathered until a block boundary ends the line.  Tables are a stack of
 * at most TABLE_DEPTH.  Whether a table holds data or only lays out the page
 * is known only when a table opens inside one of its cells, so the innermost
 * table's content is logged (rows, cells, lines of cell text) and replayed
 * at its end as rows, or earlier as plain lines once it turns out to be a
 * layout table.  Every table outside the innermost one has a table in a
 * cell and is therefore layout, so one log is enough.
 */
#include "nb.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import/htmlsrc.h"
#include "import/srcdoc.h"
#include "lib/buf.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

#define TABLE_DEPTH	64	/* deeper tables are read as if their tags were not there */
#define GRID_COLS	64	/* rowspans are followed this far right (reports use 15) */
#define COL_LIMIT	1000000	/* columns are counted no further (no overflow) */
#define SPAN_MAX	1000

enum tag_kind {
	T_OTHER,		/* inline or unknown: text flows on */
	T_BLOCK,		/* ends a line */
	T_HEADING,		/* h1..h6 */
	T_PRE,
	T_TABLE,
	T_CAPTION,
	T_GROUP,		/* thead, tbody, tfoot */
	T_ROW,
	T_CELL,
	T_RAW,			/* content never shown: script, style, ... */
	T_TITLE,
	T_HEAD,
	T_BODY,
	T_HEADONLY		/* meta, link, base: they do not end the head */
};

/* Sorted by name for bsearch. */
static const struct tag {
	const char	*name;
	enum tag_kind	 kind;
} tags[] = {
	{ "address", T_BLOCK }, { "article", T_BLOCK }, { "aside", T_BLOCK },
	{ "base", T_HEADONLY }, { "blockquote", T_BLOCK }, { "body", T_BODY },
	{ "br", T_BLOCK }, { "caption", T_CAPTION }, { "center", T_BLOCK },
	{ "dd", T_BLOCK }, { "div", T_BLOCK }, { "dl", T_BLOCK }, { "dt", T_BLOCK },
	{ "fieldset", T_BLOCK }, { "figcaption", T_BLOCK }, { "figure", T_BLOCK },
	{ "footer", T_BLOCK }, { "form", T_BLOCK },
	{ "h1", T_HEADING }, { "h2", T_HEADING }, { "h3", T_HEADING },
	{ "h4", T_HEADING }, { "h5", T_HEADING }, { "h6", T_HEADING },
	{ "head", T_HEAD }, { "header", T_BLOCK }, { "hr", T_BLOCK },
	{ "iframe", T_RAW }, { "li", T_BLOCK }, { "link", T_HEADONLY },
	{ "main", T_BLOCK }, { "meta", T_HEADONLY }, { "nav", T_BLOCK },
	{ "noembed", T_RAW }, { "noframes", T_RAW }, { "noscript", T_RAW },
	{ "ol", T_BLOCK }, { "p", T_BLOCK }, { "pre", T_PRE },
	{ "script", T_RAW }, { "section", T_BLOCK }, { "style", T_RAW },
	{ "table", T_TABLE }, { "tbody", T_GROUP }, { "td", T_CELL },
	{ "template", T_RAW }, { "textarea", T_RAW }, { "tfoot", T_GROUP },
	{ "th", T_CELL }, { "thead", T_GROUP }, { "title", T_TITLE }, { "tr", T_ROW },
	{ "ul", T_BLOCK }, { "xmp", T_RAW }
};

/* Named references: the XML five and those Chinese pages use. */
static const struct entity {
	const char	*name;
	uint32_t	 cp;
	bool		 legacy;	/* also recognised without the ';' */
} entities[] = {
	{ "amp", '&', true }, { "lt", '<', true }, { "gt", '>', true },
	{ "quot", '"', true }, { "apos", '\'', false }, { "nbsp", 0xA0, true },
	{ "ldquo", 0x201C, false }, { "rdquo", 0x201D, false },
	{ "lsquo", 0x2018, false }, { "rsquo", 0x2019, false },
	{ "mdash", 0x2014, false }, { "ndash", 0x2013, false },
	{ "hellip", 0x2026, false }, { "middot", 0xB7, false },
	{ "times", 0xD7, false }, { "divide", 0xF7, false },
	{ "emsp", 0x2003, false }, { "ensp", 0x2002, false },
	{ "thinsp", 0x2009, false }, { "yen", 0xA5, false },
	{ "copy", 0xA9, true }, { "reg", 0xAE, true },
	{ "laquo", 0xAB, false }, { "raquo", 0xBB, false },
	{ "bull", 0x2022, false }, { "deg", 0xB0, false }, { "permil", 0x2030, false }
};

/* What the log of the innermost table holds. */
enum piece_kind {
	P_ROW,			/* a <tr> */
	P_CELL,			/* a <td> or <th>; its P_TEXT pieces follow */
	P_TEXT,			/* a line of a cell's text */
	P_LINE			/* text in the table outside any cell: the caption */
};

struct piece {
	enum piece_kind	 kind;
	int		 line;
	int		 heading;
	int		 col, colspan, rowspan;
	size_t		 off, len;	/* text in the log's text buffer */
};

struct table {
	bool	layout;			/* a table opened in one of its cells */
	bool	row, cell, caption;	/* which of its parts is open */
};

struct html {
	struct srcdoc	*d;
	const char	*s;
	size_t		 n, pos;
	int		 line;		/* the line s[pos] is on */
	bool		 in_head;

	struct buf	 text;		/* the line being gathered, references decoded */
	int		 text_line;	/* where its first visible character is */
	bool		 started;	/* it has a visible character */
	int		 heading, pre;

	struct table	 tables[TABLE_DEPTH];
	int		 ntables;
	int		 ignored;	/* tables opened beyond TABLE_DEPTH */

	struct piece	*log;		/* the innermost table while undecided */
	size_t		 nlog, logcap;
	struct buf	 logtext;

	/* the innermost table's grid: where its next cell goes, and per
	 * column the row a rowspan from above ends before */
	int		 grid_row, grid_col;
	int		 cover[GRID_COLS];
	int		 cover_used;		/* columns of cover set since the reset */

	struct buf	 tmp, tmp2;
};

static bool
htmlsrc_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* ASCII classes, the same in every locale (a Latin-1 one would call 0xE4 a letter). */
static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char
htmlsrc_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool
is_alpha(char c)
{
	return htmlsrc_lower(c) >= 'a' && htmlsrc_lower(c) <= 'z';
}

static bool
is_alnum(char c)
{
	return is_alpha(c) || is_digit(c);
}

/* True if the n bytes at a equal those at lowercase b, ignoring ASCII case. */
static bool
same_ci(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (htmlsrc_lower(a[i]) != b[i])
			return false;
	return true;
}

/* Move to s[to], counting the lines passed. */
static void
advance(struct html *h, size_t to)
{
	const char *p = h->s + h->pos, *end = h->s + to;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		h->line++;
		p++;
	}
	h->pos = to;
}

/* The numeric reference at s ("&#" or "&#x" and digits, ';' optional) as
 * *cp; returns its length, or 0 when there are no digits. */
static size_t
numeric_ref(const char *s, size_t n, uint32_t *cp)
{
	bool hex = n > 2 && (s[2] == 'x' || s[2] == 'X');
	size_t i = hex ? 3 : 2, start = i;
	uint32_t v = 0;

	for (; i < n; i++) {
		int digit = is_digit(s[i]) ? s[i] - '0' : hex && htmlsrc_lower(s[i]) >= 'a' &&
		    htmlsrc_lower(s[i]) <= 'f' ? htmlsrc_lower(s[i]) - 'a' + 10 : -1;

		if (digit < 0)
			break;
		if (v <= 0x10FFFF)	/* past it the value no longer matters */
			v = v * (hex ? 16 : 10) + (uint32_t)digit;
	}
	if (i == start)
		return 0;
	if (i < n && s[i] == ';')
		i++;
	/* as a browser shows them: nothing invalid gets through */
	*cp = v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? 0xFFFD : v;
	return i;
}

/* The named reference at s (an '&' and a name we know) as *cp; returns its
 * length, or 0.  Only the old ones may lack the ';', as in "&nbsp". */
static size_t
named_ref(const char *s, size_t n, uint32_t *cp)
{
	size_t i = 1;

	while (i < n && i < 10 && is_alnum(s[i]))
		i++;
	for (size_t e = 0; e < sizeof entities / sizeof *entities; e++) {
		const struct entity *en = &entities[e];

		if (strlen(en->name) != i - 1 || memcmp(en->name, s + 1, i - 1) != 0)
			continue;
		if (i < n && s[i] == ';')
			i++;
		else if (!en->legacy || (i < n && is_alnum(s[i])))
			return 0;
		*cp = en->cp;
		return i;
	}
	return 0;
}

/* The character reference at s (an '&'): append its character to out and
 * return its length, or return 0 if it is not one. */
static size_t
reference(const char *s, size_t n, struct buf *out)
{
	char utf[4];
	uint32_t cp = 0;
	size_t k = n > 1 && s[1] == '#' ? numeric_ref(s, n, &cp) : named_ref(s, n, &cp);

	if (k > 0)
		buf_add(out, utf, utf8_encode(cp, utf));
	return k;
}

/* Append s with its character references decoded to out; a NUL (only a
 * caller that skipped source_decode can pass one) becomes U+FFFD. */
static void
decode_refs(const char *s, size_t n, struct buf *out)
{
	size_t from = 0;

	for (size_t i = 0; i < n; i++) {
		size_t k = 1;

		if (s[i] != '&' && s[i] != '\0')
			continue;
		buf_add(out, s + from, i - from);
		if (s[i] == '\0')
			buf_add(out, "\xef\xbf\xbd", 3);
		else if ((k = reference(s + i, n - i, out)) == 0) {
			buf_addc(out, '&');
			k = 1;
		}
		i += k - 1;
		from = i + 1;
	}
	buf_add(out, s + from, n - from);
}

/*
 * White space as a reader sees it, into out.  A run holding a line break or
 * a tab is source formatting: it vanishes between two non-ASCII (Chinese)
 * characters, where a browser's line would not break either, and is one
 * space elsewhere.  A run of plain spaces was typed (our own exporter writes
 * a paragraph on one line), so it is kept unless keep is false.
 */
static void
collapse(const char *s, size_t n, bool keep, struct buf *out)
{
	size_t i = 0;

	buf_reset(out);
	buf_add(out, "", 0);
	while (i < n) {
		size_t j = i;
		bool breaks = false;

		if (!htmlsrc_is_space(s[i])) {
			while (j < n && !htmlsrc_is_space(s[j]))
				j++;
			buf_add(out, s + i, j - i);
		} else {
			for (; j < n && htmlsrc_is_space(s[j]); j++)
				breaks |= s[j] != ' ';
			if (!breaks && keep)
				buf_add(out, s + i, j - i);
			else if (!breaks || i == 0 || j == n || (unsigned char)s[i - 1] < 0x80 ||
			    (unsigned char)s[j] < 0x80)
				buf_addc(out, ' ');
		}
		i = j;
	}
}

/* Shorten *s, *n past ASCII white space at both ends (is_space's). */
static void
htmlsrc_trim(const char **s, size_t *n)
{
	static const char *const blanks[] = { " ", "\t", "\n", "\r", "\f", NULL };

	utf8_trim(s, n, blanks);
}

static struct table *
innermost(struct html *h)
{
	return h->ntables > 0 ? &h->tables[h->ntables - 1] : NULL;
}

static struct piece *
log_piece(struct html *h, enum piece_kind kind, int line)
{
	struct piece *p;

	h->log = xgrow(h->log, &h->logcap, h->nlog + 1, sizeof *h->log);
	p = &h->log[h->nlog++];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->line = line;
	return p;
}

/* A finished line of text: into the log while the innermost table is
 * undecided, else straight into the document. */
static void
emit(struct html *h, const char *s, size_t n, int line)
{
	struct table *t = innermost(h);
	struct piece *p;

	if (t == NULL || t->layout) {
		srcdoc_line(h->d, line, s, n, h->heading);
		return;
	}
	htmlsrc_trim(&s, &n);
	if (n == 0)
		return;
	p = log_piece(h, t->cell ? P_TEXT : P_LINE, line);
	p->heading = h->heading;
	p->off = h->logtext.len;
	p->len = n;
	buf_add(&h->logtext, s, n);
}

/* End the line being gathered (at a block boundary). */
static void
end_line(struct html *h)
{
	if (h->started) {
		collapse(h->text.data, h->text.len, true, &h->tmp);
		emit(h, h->tmp.data, h->tmp.len, h->text_line);
	}
	buf_reset(&h->text);
	h->started = false;
}

/* Add n bytes of text at s, found on the given line, to the line being gathered. */
static void
gather(struct html *h, const char *s, size_t n, int line)
{
	if (!h->started) {
		size_t i;

		for (i = 0; i < n && htmlsrc_is_space(s[i]); i++)
			if (s[i] == '\n')
				line++;
		if (i == n)
			return;
		h->started = true;
		h->text_line = line;
		s += i;
		n -= i;
	}
	decode_refs(s, n, &h->text);
}

/* Text between tags; in <pre> each of its line ends ends a line. */
static void
text_run(struct html *h, const char *s, size_t n)
{
	const char *nl;
	int line = h->line;

	if (h->in_head) {
		/* text cannot be in the head: a browser takes it as the body's start */
		size_t i = 0;

		while (i < n && htmlsrc_is_space(s[i]))
			i++;
		if (i == n)
			return;
		h->in_head = false;
	}
	while (h->pre > 0 && (nl = memchr(s, '\n', n)) != NULL) {
		gather(h, s, (size_t)(nl - s), line++);
		end_line(h);
		n -= (size_t)(nl - s) + 1;
		s = nl + 1;
	}
	gather(h, s, n, line);
}

/* The rows of the innermost table, which proved to hold data. */
static void
replay_rows(struct html *h)
{
	int table = h->d->ntables, row_line = 0;
	bool row_out = false;

	/* its caption, and text a browser would show above it */
	for (size_t i = 0; i < h->nlog; i++)
		if (h->log[i].kind == P_LINE)
			srcdoc_line(h->d, h->log[i].line, h->logtext.data + h->log[i].off,
			    h->log[i].len, h->log[i].heading);
	for (size_t i = 0; i < h->nlog;) {
		const struct piece *p = &h->log[i++];

		if (p->kind == P_ROW) {
			row_line = p->line;
			row_out = false;
		}
		if (p->kind != P_CELL)
			continue;
		buf_reset(&h->tmp2);
		for (; i < h->nlog && h->log[i].kind == P_TEXT; i++) {
			if (h->tmp2.len > 0)
				buf_addc(&h->tmp2, '\n');
			buf_add(&h->tmp2, h->logtext.data + h->log[i].off, h->log[i].len);
		}
		collapse(h->tmp2.data, h->tmp2.len, true, &h->tmp);
		if (!row_out)
			srcdoc_row(h->d, row_line, table);
		row_out = true;
		srcdoc_cell(h->d, p->line, h->tmp.data, h->tmp.len, p->col, p->colspan, p->rowspan);
	}
	h->nlog = 0;
	buf_reset(&h->logtext);
}

/* The text of the innermost table, which proved to lay out the page, as lines. */
static void
replay_lines(struct html *h)
{
	for (size_t i = 0; i < h->nlog; i++)
		if (h->log[i].kind == P_TEXT || h->log[i].kind == P_LINE)
			srcdoc_line(h->d, h->log[i].line, h->logtext.data + h->log[i].off,
			    h->log[i].len, h->log[i].heading);
	h->nlog = 0;
	buf_reset(&h->logtext);
}

/* A new table or row group: no rowspan reaches into it. */
static void
reset_grid(struct html *h)
{
	memset(h->cover, 0, (size_t)h->cover_used * sizeof *h->cover);
	h->cover_used = 0;
	h->grid_row = h->grid_col = 0;
}

/* The column of the next cell of this row: the first one no rowspan from above covers. */
static int
place_cell(struct html *h, int colspan, int rowspan)
{
	int c = h->grid_col, end;

	while (c < GRID_COLS && h->cover[c] > h->grid_row)
		c++;
	end = c + colspan < GRID_COLS ? c + colspan : GRID_COLS;
	for (int k = c; k < end; k++)
		h->cover[k] = h->grid_row + rowspan;
	if (end > h->cover_used)
		h->cover_used = end;
	h->grid_col = c + colspan < COL_LIMIT ? c + colspan : COL_LIMIT;
	return c;
}

static void
close_cell(struct html *h, struct table *t)
{
	t->cell = false;
	h->heading = 0;
}

static void
close_row(struct html *h, struct table *t)
{
	close_cell(h, t);
	if (t->row && !t->layout)
		h->grid_row++;
	t->row = false;
}

static void
open_row(struct html *h, int line)
{
	struct table *t = innermost(h);

	end_line(h);
	if (t == NULL)
		return;
	close_row(h, t);
	t->row = true;
	t->caption = false;
	if (!t->layout) {
		log_piece(h, P_ROW, line);
		h->grid_col = 0;
	}
}

static void
open_cell(struct html *h, int colspan, int rowspan, int line)
{
	struct table *t = innermost(h);
	struct piece *p;

	end_line(h);
	if (t == NULL)
		return;
	close_cell(h, t);
	if (!t->row)
		open_row(h, line);
	t->cell = true;
	t->caption = false;
	if (t->layout)
		return;
	p = log_piece(h, P_CELL, line);
	p->col = place_cell(h, colspan, rowspan);
	p->colspan = colspan;
	p->rowspan = rowspan;
}

/* A table of one cell frames what is in it (a page that holds its text in a
 * box): no report table has a single cell. */
static bool
single_cell(const struct html *h)
{
	size_t cells = 0;

	for (size_t i = 0; i < h->nlog && cells < 2; i++)
		cells += h->log[i].kind == P_CELL;
	return cells == 1;
}

/* </table>, or a table ended by what follows it. */
static void
pop_table(struct html *h)
{
	end_line(h);
	if (!innermost(h)->layout && single_cell(h))
		replay_lines(h);
	else if (!innermost(h)->layout)
		replay_rows(h);
	h->ntables--;
	h->heading = 0;
}

static void
open_table(struct html *h)
{
	struct table *t = innermost(h);

	if (h->ntables == TABLE_DEPTH || h->ignored > 0) {
		h->ignored++;
		return;
	}
	end_line(h);
	if (t != NULL && !t->cell && !t->caption) {
		/* a table cannot start between rows: the open one has ended */
		pop_table(h);
	} else if (t != NULL && !t->layout) {
		replay_lines(h);
		t->layout = true;
	}
	h->tables[h->ntables++] = (struct table){ false, false, false, false };
	h->heading = 0;
	reset_grid(h);
}

static void
close_table(struct html *h)
{
	if (h->ignored > 0)
		h->ignored--;
	else if (h->ntables > 0)
		pop_table(h);
	else
		end_line(h);
}

/* thead, tbody, tfoot (opening or closing), and caption. */
static void
table_part(struct html *h, enum tag_kind kind, bool closing)
{
	struct table *t = innermost(h);

	end_line(h);
	if (t == NULL)
		return;
	if (kind == T_CAPTION) {
		if (!closing)
			close_row(h, t);
		t->caption = !closing;
		return;
	}
	close_row(h, t);
	t->caption = false;
	if (!t->layout)
		reset_grid(h);
}

/* Skip to the end tag </name> (not past it), or to the end of the input. */
static void
skip_raw(struct html *h, const char *name)
{
	size_t k = strlen(name), i = h->pos;
	const char *lt;

	while ((lt = memchr(h->s + i, '<', h->n - i)) != NULL) {
		i = (size_t)(lt - h->s);
		if (i + 2 + k <= h->n && lt[1] == '/' && same_ci(lt + 2, name, k) &&
		    (i + 2 + k == h->n || htmlsrc_is_space(lt[2 + k]) || lt[2 + k] == '>' ||
		    lt[2 + k] == '/')) {
			advance(h, i);
			return;
		}
		i++;
	}
	advance(h, h->n);
}

/* The page's first <title>. */
static void
read_title(struct html *h)
{
	size_t start = h->pos;
	const char *s;
	size_t n;

	skip_raw(h, "title");
	if (h->d->title != NULL)
		return;
	buf_reset(&h->tmp2);
	decode_refs(h->s + start, h->pos - start, &h->tmp2);
	collapse(h->tmp2.data, h->tmp2.len, false, &h->tmp);
	s = h->tmp.data;
	n = h->tmp.len;
	htmlsrc_trim(&s, &n);
	if (n > 0)
		h->d->title = xstrndup(s, n);
}

/* The value of a colspan or rowspan attribute: digits, 1 when there are none. */
static int
span_value(const char *s, size_t n)
{
	long v = 0;
	size_t i = 0;

	while (i < n && htmlsrc_is_space(s[i]))
		i++;
	if (i == n || !is_digit(s[i]))
		return 1;
	for (; i < n && is_digit(s[i]) && v <= SPAN_MAX; i++)
		v = v * 10 + (s[i] - '0');
	return v < 1 ? 1 : v > SPAN_MAX ? SPAN_MAX : (int)v;
}

struct spans {
	int	colspan, rowspan;
};

static void
attribute(struct html *h, const char *name, size_t nlen, const char *val, size_t vlen,
    struct spans *sp)
{
	int *to = NULL;

	if (nlen == 7 && same_ci(name, "colspan", 7))
		to = &sp->colspan;
	else if (nlen == 7 && same_ci(name, "rowspan", 7))
		to = &sp->rowspan;
	if (to == NULL)
		return;
	buf_reset(&h->tmp2);
	decode_refs(val, vlen, &h->tmp2);
	*to = span_value(h->tmp2.data, h->tmp2.len);
}

/* Read attributes from s[i] to the '>' that ends the tag; returns the
 * offset after it, or 0 when the input ends first. */
static size_t
attributes(struct html *h, size_t i, struct spans *sp)
{
	const char *s = h->s;
	size_t n = h->n;

	for (;;) {
		size_t name, nlen, val = i, vlen = 0;

		while (i < n && (htmlsrc_is_space(s[i]) || s[i] == '/'))
			i++;
		if (i == n)
			return 0;
		if (s[i] == '>')
			return i + 1;
		for (name = i++; i < n && !htmlsrc_is_space(s[i]) && s[i] != '/' && s[i] != '>' &&
		    s[i] != '='; i++)
			;
		nlen = i - name;
		while (i < n && htmlsrc_is_space(s[i]))
			i++;
		if (i < n && s[i] == '=') {
			for (i++; i < n && htmlsrc_is_space(s[i]); i++)
				;
			if (i < n && (s[i] == '"' || s[i] == '\'')) {
				const char *q = memchr(s + i + 1, s[i], n - i - 1);

				if (q == NULL)
					return 0;
				val = i + 1;
				vlen = (size_t)(q - s) - val;
				i = (size_t)(q - s) + 1;
			} else {
				for (val = i; i < n && !htmlsrc_is_space(s[i]) && s[i] != '>'; i++)
					;
				vlen = i - val;
			}
		}
		attribute(h, s + name, nlen, s + val, vlen, sp);
	}
}

static int
tag_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct tag *)elem)->name);
}

static enum tag_kind
tag_kind(const char *name)
{
	const struct tag *t;

	t = bsearch(name, tags, sizeof tags / sizeof *tags, sizeof *tags, tag_cmp);
	return t != NULL ? t->kind : T_OTHER;
}

/* Rows and cells of a table beyond TABLE_DEPTH only break the text. */
static enum tag_kind
table_kind(const struct html *h, enum tag_kind kind)
{
	if (h->ignored > 0 && (kind == T_CAPTION || kind == T_GROUP || kind == T_ROW ||
	    kind == T_CELL))
		return T_BLOCK;
	return kind;
}

static void
start_tag(struct html *h, const char *name, enum tag_kind kind, const struct spans *sp,
    int line)
{
	if (h->in_head && kind != T_TITLE && kind != T_RAW && kind != T_HEADONLY)
		h->in_head = false;
	kind = table_kind(h, kind);
	switch (kind) {
	case T_BLOCK:
		end_line(h);
		break;
	case T_HEADING:
		end_line(h);
		h->heading = name[1] - '0';
		break;
	case T_PRE:
		end_line(h);
		h->pre++;
		break;
	case T_TABLE:
		open_table(h);
		break;
	case T_CAPTION:
	case T_GROUP:
		table_part(h, kind, false);
		break;
	case T_ROW:
		open_row(h, line);
		break;
	case T_CELL:
		open_cell(h, sp->colspan, sp->rowspan, line);
		break;
	case T_RAW:
		skip_raw(h, name);
		break;
	case T_TITLE:
		read_title(h);
		break;
	case T_HEAD:
		/* a second <head>, or one after the text has begun, is ignored */
		h->in_head = h->d->n == 0 && !h->started && h->ntables == 0;
		break;
	case T_BODY:
	case T_HEADONLY:
	case T_OTHER:
		break;
	}
}

static void
end_tag(struct html *h, enum tag_kind kind)
{
	struct table *t = innermost(h);

	switch (table_kind(h, kind)) {
	case T_BLOCK:
		end_line(h);
		break;
	case T_HEADING:
		end_line(h);
		h->heading = 0;
		break;
	case T_PRE:
		end_line(h);
		if (h->pre > 0)
			h->pre--;
		break;
	case T_TABLE:
		close_table(h);
		break;
	case T_CAPTION:
	case T_GROUP:
		table_part(h, kind, true);
		break;
	case T_ROW:
	case T_CELL:
		end_line(h);
		if (t != NULL && kind == T_ROW)
			close_row(h, t);
		else if (t != NULL)
			close_cell(h, t);
		break;
	case T_HEAD:
		h->in_head = false;
		break;
	case T_RAW:
	case T_TITLE:
	case T_BODY:
	case T_HEADONLY:
	case T_OTHER:
		break;
	}
}

/* A start or end tag at s[pos]; one cut off by the end of the input is dropped. */
static void
tag(struct html *h, bool closing)
{
	struct spans sp = { 1, 1 };
	char name[12];
	size_t i = h->pos + 1 + closing, len = 0, end;
	int line = h->line;

	for (; i < h->n && !htmlsrc_is_space(h->s[i]) && h->s[i] != '/' && h->s[i] != '>'; i++, len++)
		if (len + 1 < sizeof name)
			name[len] = htmlsrc_lower(h->s[i]);
	/* a name too long for any tag we know reads as unknown */
	name[len + 1 < sizeof name ? len : 0] = '\0';
	if ((end = attributes(h, i, &sp)) == 0) {
		advance(h, h->n);
		return;
	}
	advance(h, end);
	if (closing)
		end_tag(h, tag_kind(name));
	else
		start_tag(h, name, tag_kind(name), &sp, line);
}

/* Skip from s[pos + from] past the first `end`, or to the end of the input. */
static void
skip_past(struct html *h, const char *end, size_t from)
{
	size_t k = strlen(end);
	const char *p = memmem(h->s + h->pos + from, h->n - h->pos - from, end, k);

	advance(h, p != NULL ? (size_t)(p - h->s) + k : h->n);
}

/* Markup at s[pos] (a '<'): a tag, a comment, or a '<' that is only text. */
static void
markup(struct html *h)
{
	const char *s = h->s + h->pos;
	size_t n = h->n - h->pos;

	if (n >= 4 && memcmp(s, "<!--", 4) == 0)
		skip_past(h, "-->", 2);
	else if (n >= 2 && (s[1] == '!' || s[1] == '?'))
		skip_past(h, ">", 2);
	else if (n >= 3 && s[1] == '/' && is_alpha(s[2]))
		tag(h, true);
	else if (n >= 3 && s[1] == '/')
		skip_past(h, ">", 2);
	else if (n >= 2 && is_alpha(s[1]))
		tag(h, false);
	else {
		text_run(h, s, 1);
		advance(h, h->pos + 1);
	}
}

void
html_read(const char *text, size_t len, struct srcdoc *d)
{
	struct html h;

	memset(&h, 0, sizeof h);
	h.d = d;
	h.s = text;
	h.n = len;
	h.line = 1;
	while (h.pos < h.n) {
		const char *lt = memchr(h.s + h.pos, '<', h.n - h.pos);
		size_t end = lt != NULL ? (size_t)(lt - h.s) : h.n;

		if (end > h.pos) {
			text_run(&h, h.s + h.pos, end - h.pos);
			advance(&h, end);
		}
		if (lt != NULL)
			markup(&h);
	}
	end_line(&h);
	while (h.ntables > 0)
		pop_table(&h);
	free(h.log);
	buf_free(&h.logtext);
	buf_free(&h.text);
	buf_free(&h.tmp);
	buf_free(&h.tmp2);
}
