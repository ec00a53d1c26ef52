/*
 * export_text.c - the standard text: the title centred, the narrative parts
 * as indented paragraphs, each table drawn with box-drawing characters
 * exactly as the template's grid spans it, and the closing lines.
 *
 * Every column is counted with width_str() at the user's ambiguous width:
 * box-drawing characters are East Asian Ambiguous, so with ambiguous 2 each
 * of them takes two columns.  Grid columns are kept an even number of
 * columns wide, so that a rule of "─" always fills a column exactly.
 */
#include "nb.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "lib/buf.h"
#include "lib/utf8.h"
#include "lib/width.h"
#include "lib/wrap.h"
#include "lib/xalloc.h"

#define INDENT		"　　"	/* two U+3000 before each paragraph */
#define VALUE_TEXT	64	/* room for a cell's printed value */

/* The joint of lines going up, down, left and right (bits 8, 4, 2, 1). */
static const char *const joint[16] = {
	" ", "─", "─", "─", "│", "┌", "┐", "┬",
	"│", "└", "┘", "┴", "│", "├", "┤", "┼"
};

/* What is being written: the output and the user's widths. */
struct doc {
	struct buf	*out;
	int		 width;		/* line width in columns */
	int		 amb;		/* columns of an ambiguous character: 1 or 2 */
	bool		 any;		/* a block was written: the next one gets a blank line */
	bool		 flow;		/* --width 0: a paragraph per line, unaligned (for pasting) */
};

/* One line of a wrapped text: bytes [off, off + len). */
struct seg {
	size_t	off, len;
};

struct segs {
	struct seg	*v;
	size_t		 n, cap;
};

/* A box of a table: a template cell as drawn. */
struct box {
	const char	*text;		/* the label, or own */
	char		*own;		/* a value's text */
	int		 row, col, rowspan, colspan;
	int		 align;		/* -1 left, 0 centred, 1 right */
	bool		 value;		/* values are never wrapped */
	int		 natural;	/* columns of the text on one line */
	int		 least;		/* columns of its widest part that cannot be broken */
	int		 lines;		/* lines at the current widths */
	struct segs	 segs;		/* the lines, once the widths are final */
};

struct grid {
	struct box	*box;
	size_t		 nbox;
	int		*at;		/* rows x cols: the box covering each grid position */
	int		 rows, cols;
	int		*w;		/* text columns of each grid column (even) */
	int		*cap;		/* widest useful w of each column */
	int		*h;		/* text lines of each row */
	int		*tall;		/* boxes spanning rows, fewest rows first */
	size_t		 ntall;
	int		 pad;		/* spaces on each side of a box's text */
	int		 bw;		/* columns of a box-drawing character */
};

/* ---- wrapping ------------------------------------------------------------ */

/*
 * Break the n bytes at s into lines of at most width columns, where
 * wrap_line_end() says.  A continuation line does not start with spaces,
 * and the spaces it would have started with are not printed.  Appends the
 * lines to out when it is not NULL; returns their number.
 */
static int
wrap(const char *s, size_t n, int width, int amb, struct segs *out)
{
	size_t start = 0;
	int lines = 0;

	while (start < n) {
		size_t i = wrap_line_end(s, n, start, width, amb);

		if (out != NULL) {
			out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
			out->v[out->n++] = (struct seg){ start, i - start };
		}
		lines++;
		for (start = i; start < n && s[start] == ' '; start++)
			;
	}
	return lines;
}

/* Columns of the widest run of text between the places a line may end. */
static int
widest_run(const char *s, int amb)
{
	return wrap_widest(s, strlen(s), amb);
}

/* Columns of a C string. */
static int
cols_of(const char *s, int amb)
{
	return (int)width_str(s, strlen(s), amb);
}

/* Append n spaces. */
static void
spaces(struct buf *out, int n)
{
	for (; n > 0; n--)
		buf_addc(out, ' ');
}

/* ---- text blocks --------------------------------------------------------- */

/* Start a block: a blank line after the one before. */
static void
block(struct doc *d)
{
	if (d->any)
		buf_addc(d->out, '\n');
	d->any = true;
}

/* Append text wrapped to the width, each line aligned (0 centred, 1 right). */
static void
put_aligned(struct doc *d, const char *text, int align)
{
	struct segs sg = { NULL, 0, 0 };

	if (d->flow) {	/* the editor it is pasted into aligns it */
		buf_adds(d->out, text);
		buf_addc(d->out, '\n');
		return;
	}
	wrap(text, strlen(text), d->width, d->amb, &sg);
	for (size_t i = 0; i < sg.n; i++) {
		int room = d->width - (int)width_str(text + sg.v[i].off, sg.v[i].len, d->amb);

		if (room > 0)
			spaces(d->out, align == 0 ? room / 2 : room);
		buf_add(d->out, text + sg.v[i].off, sg.v[i].len);
		buf_addc(d->out, '\n');
	}
	free(sg.v);
}

/* Trim the line [*s, *s + *n) of blanks at both ends: ASCII white space and U+3000. */
static void
text_trim(const char **s, size_t *n)
{
	static const char *const blanks[] = { " ", "\t", "\r", "\v", "\f", "\xE3\x80\x80", NULL };

	utf8_trim(s, n, blanks);
}

/* The next line of text at *p, trimmed; false at the end. */
static bool
text_next_line(const char **p, const char **s, size_t *n)
{
	const char *nl;

	if (**p == '\0')
		return false;
	nl = strchr(*p, '\n');
	*s = *p;
	*n = nl != NULL ? (size_t)(nl - *p) : strlen(*p);
	*p = nl != NULL ? nl + 1 : *p + *n;
	text_trim(s, n);
	return true;
}

/* True if text has a paragraph: a line that is not blank. */
static bool
has_text(const char *text)
{
	const char *s;
	size_t n;

	while (text_next_line(&text, &s, &n))
		if (n > 0)
			return true;
	return false;
}

/* Append one paragraph: wrapped to the width, indented by two full-width spaces. */
static void
put_paragraph(struct doc *d, const char *s, size_t n)
{
	struct buf p = BUF_INIT;
	struct segs sg = { NULL, 0, 0 };

	buf_adds(&p, INDENT);
	buf_add(&p, s, n);
	if (d->flow) {	/* one line: pasted into Word or a CMS, it wraps there */
		buf_add(d->out, p.data, p.len);
		buf_addc(d->out, '\n');
		buf_free(&p);
		return;
	}
	wrap(p.data, p.len, d->width, d->amb, &sg);
	for (size_t i = 0; i < sg.n; i++) {
		size_t len = sg.v[i].len;

		while (len > 0 && p.data[sg.v[i].off + len - 1] == ' ')
			len--;
		buf_add(d->out, p.data + sg.v[i].off, len);
		buf_addc(d->out, '\n');
	}
	free(sg.v);
	buf_free(&p);
}

/* Append the narrative parts of a section: title (if any) and paragraphs. */
static void
put_parts(struct doc *d, const struct report *r, int section)
{
	const struct template *t = r->tpl;

	for (size_t i = 0; i < t->nparts; i++) {
		const char *text = r->texts[i], *s;
		size_t n;

		if (t->parts[i].section != section || !has_text(text))
			continue;
		block(d);
		if (t->parts[i].title[0] != '\0') {
			buf_adds(d->out, t->parts[i].title);
			buf_addc(d->out, '\n');
		}
		while (text_next_line(&text, &s, &n))
			if (n > 0)
				put_paragraph(d, s, n);
	}
}

/* ---- tables: building the grid ------------------------------------------ */

/* The box at grid position (r, c), or -1 outside the table. */
static int
grid_at(const struct grid *g, int r, int c)
{
	if (r < 0 || c < 0 || r >= g->rows || c >= g->cols)
		return -1;
	return g->at[r * g->cols + c];
}

/* Make one box of a template cell; values get their printed text. */
static void
add_box(struct grid *g, const struct report *r, const struct tpl_row *row,
    const struct tpl_gcell *gc, int ri, const struct export_opts *o, struct export_stats *st)
{
	struct box *b = &g->box[g->nbox];

	memset(b, 0, sizeof *b);
	b->row = ri;
	b->col = gc->col;
	b->rowspan = gc->rowspan;
	b->colspan = gc->colspan;
	b->value = gc->value >= 0;
	if (b->value) {
		char v[VALUE_TEXT];

		export_cell_text(r, gc->value, o, st, v, sizeof v);
		b->own = xstrdup(v);
		b->text = b->own;
		b->align = 1;
	} else {
		b->text = gc->label;
		b->align = row->type == ROW_DATA ? -1 : 0;
	}
	for (int i = ri; i < ri + b->rowspan; i++)
		for (int j = b->col; j < b->col + b->colspan; j++)
			g->at[i * g->cols + j] = (int)g->nbox;
	g->nbox++;
}

/* Lay a table's cells out as boxes on its grid. */
static void
grid_build(struct grid *g, const struct report *r, const struct tpl_table *tb,
    const struct export_opts *o, struct export_stats *st)
{
	size_t n = 0;

	memset(g, 0, sizeof *g);
	g->rows = (int)tb->nrows;
	g->cols = tb->columns;
	g->at = xcalloc((size_t)g->rows * (size_t)g->cols, sizeof *g->at);
	for (size_t i = 0; i < tb->nrows; i++)
		n += tb->rows[i].ncells;
	g->box = xcalloc(n + 1, sizeof *g->box);
	for (size_t i = 0; i < tb->nrows; i++)
		for (size_t c = 0; c < tb->rows[i].ncells; c++)
			add_box(g, r, &tb->rows[i], &tb->rows[i].cells[c], (int)i, o, st);
	g->w = xcalloc((size_t)g->cols, sizeof *g->w);
	g->cap = xcalloc((size_t)g->cols, sizeof *g->cap);
	g->h = xcalloc((size_t)g->rows, sizeof *g->h);
	g->tall = xcalloc(g->nbox + 1, sizeof *g->tall);
	for (size_t i = 0; i < g->nbox; i++) {
		size_t k = g->ntall;

		if (g->box[i].rowspan == 1)
			continue;
		for (; k > 0 && g->box[g->tall[k - 1]].rowspan > g->box[i].rowspan; k--)
			g->tall[k] = g->tall[k - 1];
		g->tall[k] = (int)i;
		g->ntall++;
	}
}

static void
grid_free(struct grid *g)
{
	for (size_t i = 0; i < g->nbox; i++) {
		free(g->box[i].own);
		free(g->box[i].segs.v);
	}
	free(g->box);
	free(g->at);
	free(g->w);
	free(g->cap);
	free(g->h);
	free(g->tall);
}

/* ---- tables: choosing the widths ----------------------------------------- */

/* Columns a box has for its text: its grid columns and the rules between them. */
static int
box_width(const struct grid *g, const struct box *b)
{
	int w = (b->colspan - 1) * (2 * g->pad + g->bw);

	for (int j = b->col; j < b->col + b->colspan; j++)
		w += g->w[j];
	return w;
}

/* Columns of a whole table line. */
static int
grid_width(const struct grid *g)
{
	int w = g->bw;

	for (int j = 0; j < g->cols; j++)
		w += g->w[j] + 2 * g->pad + g->bw;
	return w;
}

/*
 * Wrap every box at the current widths and give each row the lines its
 * boxes need; a box spanning rows that needs more than its rows (and the
 * rules between them) spreads the rest over them.  Returns the lines of
 * the whole table.
 */
static int
grid_measure(struct grid *g)
{
	int height = g->rows + 1;

	for (size_t i = 0; i < g->nbox; i++) {
		struct box *b = &g->box[i];

		b->lines = b->value ? 1 :
		    wrap(b->text, strlen(b->text), box_width(g, b), g->bw, NULL);
	}
	for (int r = 0; r < g->rows; r++)
		g->h[r] = 1;
	for (size_t i = 0; i < g->nbox; i++)
		if (g->box[i].rowspan == 1 && g->box[i].lines > g->h[g->box[i].row])
			g->h[g->box[i].row] = g->box[i].lines;
	for (size_t i = 0; i < g->ntall; i++) {
		const struct box *b = &g->box[g->tall[i]];
		int have = b->rowspan - 1;

		for (int r = b->row; r < b->row + b->rowspan; r++)
			have += g->h[r];
		for (int k = 0; have < b->lines; k++, have++)
			g->h[b->row + k % b->rowspan]++;
	}
	for (int r = 0; r < g->rows; r++)
		height += g->h[r];
	return height;
}

/* Round up to an even number. */
static int
even(int n)
{
	return n + (n & 1);
}

/* How much of its labels' text the narrowest layout keeps together. */
enum keep {
	KEEP_LINES,		/* each label on one line */
	KEEP_RUNS,		/* broken only where a line may end */
	KEEP_CHARS		/* broken anywhere between characters */
};

/*
 * The narrowest widths for the boxes' text: every value on one line, and
 * the labels as keep says.  A box spanning columns widens the narrowest of
 * them; a column is at least one wide character.
 */
static void
grid_narrowest(struct grid *g, enum keep keep)
{
	for (int j = 0; j < g->cols; j++)
		g->w[j] = 2;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < g->nbox; i++) {
			const struct box *b = &g->box[i];
			int want = b->value || keep == KEEP_LINES ? b->natural :
			    keep == KEEP_RUNS ? b->least : 0;

			if ((b->colspan == 1) != (pass == 0))
				continue;
			while (box_width(g, b) < want) {
				int m = b->col;

				for (int j = b->col; j < b->col + b->colspan; j++)
					if (g->w[j] < g->w[m])
						m = j;
				g->w[m] += 2;
			}
		}
}

/* Add inc[j] columns to every grid column j (times sign). */
static void
widen(struct grid *g, const int *inc, int sign)
{
	for (int j = 0; j < g->cols; j++)
		g->w[j] += sign * inc[j];
}

/*
 * Lines of table height saved by widening the columns by inc: 0 if none,
 * -1 if the table would exceed width or a column its cap.  *cost gets the
 * columns added.  Leaves the boxes' lines and the row heights measured
 * for the widened table.
 */
static int
gain_of(struct grid *g, const int *inc, int width, int height, int *cost)
{
	int h;

	*cost = 0;
	for (int j = 0; j < g->cols; j++) {
		if (inc[j] > 0 && g->w[j] + inc[j] > g->cap[j])
			return -1;
		*cost += inc[j];
	}
	if (*cost == 0 || grid_width(g) + *cost > width)
		return -1;
	widen(g, inc, 1);
	h = grid_measure(g);
	widen(g, inc, -1);
	return height - h;
}

/*
 * The widening that lets each of the tallest boxes of row r (a row of its
 * own) lose a line, each through the narrowest of its columns; false if
 * there is none.
 */
static bool
row_move(struct grid *g, int r, int *inc)
{
	int found = 0;

	grid_measure(g);
	memset(inc, 0, (size_t)g->cols * sizeof *inc);
	for (size_t i = 0; i < g->nbox; i++) {
		const struct box *b = &g->box[i];
		int m = b->col, k = 2, bw;

		if (b->row != r || b->rowspan != 1 || b->value || b->lines < 2 ||
		    b->lines < g->h[r])
			continue;
		for (int j = b->col; j < b->col + b->colspan; j++)
			if (g->w[j] < g->w[m])
				m = j;
		bw = box_width(g, b);
		while (wrap(b->text, strlen(b->text), bw + k, g->bw, NULL) >= b->lines) {
			if (g->w[m] + k >= g->cap[m])
				return false;
			k += 2;
		}
		if (inc[m] < k)
			inc[m] = k;
		found = 1;
	}
	return found;
}

/* True if a column left of j has j's width and may widen. */
static bool
alike_before(const struct grid *g, int j)
{
	for (int c = 0; c < j; c++)
		if (g->w[c] == g->w[j] && g->w[c] < g->cap[c])
			return true;
	return false;
}

/*
 * The smallest widening by an even k of column j (with alike, of all the
 * columns of its width that may widen) that saves lines: fills inc and
 * returns the lines saved, or -1.
 */
static int
column_move(struct grid *g, int j, bool alike, int width, int height, int *inc, int *cost)
{
	int gain = 0;

	for (int k = 2; gain == 0; k += 2) {
		for (int c = 0; c < g->cols; c++)
			inc[c] = c == j || (alike && g->w[c] == g->w[j] && g->w[c] < g->cap[c]) ?
			    k : 0;
		gain = gain_of(g, inc, width, height, cost);
	}
	return gain;
}

/*
 * Widen the narrowest layout, step by step, where a column of table width
 * saves the most lines.  The steps tried: one grid column; all columns of
 * equal width together (so that alike columns stay alike); the columns of
 * a row's tallest boxes.  Stops when nothing more fits in width or nothing
 * saves a line.
 */
static void
grid_fit(struct grid *g, int width)
{
	size_t n = (size_t)g->cols;
	int *inc = xcalloc(n, sizeof *inc), *best = xcalloc(n, sizeof *best);

	for (;;) {
		int height = grid_measure(g), gbest = 0, cbest = 0;

		for (int m = 0; m < 2 * g->cols + g->rows; m++) {
			int gain = 0, cost = 0;

			if (m < g->cols)
				gain = column_move(g, m, false, width, height, inc, &cost);
			else if (m < 2 * g->cols && !alike_before(g, m - g->cols))
				gain = column_move(g, m - g->cols, true, width, height, inc, &cost);
			else if (m >= 2 * g->cols && row_move(g, m - 2 * g->cols, inc))
				gain = gain_of(g, inc, width, height, &cost);
			/* more lines saved per column added, then fewer columns added */
			if (gain > 0 && (gbest == 0 || gain * cbest > gbest * cost ||
			    (gain * cbest == gbest * cost && cost < cbest))) {
				memcpy(best, inc, n * sizeof *inc);
				gbest = gain;
				cbest = cost;
			}
		}
		if (gbest == 0)
			break;
		widen(g, best, 1);
	}
	free(inc);
	free(best);
}

/*
 * Choose the widths: values on one line, the table within width if it can
 * be, as few lines as the width allows.  The narrowest layout keeps labels
 * on one line if that fits, else breaks them only where a line may end,
 * else anywhere; a table still too wide loses the spaces beside the text.
 */
static void
grid_layout(struct grid *g, int width, int amb)
{
	g->bw = amb;
	for (size_t i = 0; i < g->nbox; i++) {
		struct box *b = &g->box[i];

		b->natural = cols_of(b->text, amb);
		b->least = widest_run(b->text, amb);
		for (int j = b->col; j < b->col + b->colspan; j++)
			if (g->cap[j] < even(b->natural))
				g->cap[j] = even(b->natural);
	}
	/* the first narrowest layout that fits, or the last */
	for (int step = 0; step < 4; step++) {
		g->pad = step < 3;
		grid_narrowest(g, step == 0 ? KEEP_LINES : step == 1 ? KEEP_RUNS : KEEP_CHARS);
		if (grid_width(g) <= width)
			break;
	}
	grid_fit(g, width);
	grid_measure(g);
	for (size_t i = 0; i < g->nbox; i++) {
		struct box *b = &g->box[i];
		int w = b->value ? b->natural + 1 : box_width(g, b);

		wrap(b->text, strlen(b->text), w, amb, &b->segs);
	}
}

/* ---- tables: drawing ----------------------------------------------------- */

/* The joint where the rule above row b meets the line left of grid column j. */
static const char *
joint_at(const struct grid *g, int b, int j)
{
	int up = b > 0 && grid_at(g, b - 1, j - 1) != grid_at(g, b - 1, j);
	int down = b < g->rows && grid_at(g, b, j - 1) != grid_at(g, b, j);
	int left = j > 0 && grid_at(g, b - 1, j - 1) != grid_at(g, b, j - 1);
	int right = j < g->cols && grid_at(g, b - 1, j) != grid_at(g, b, j);

	return joint[up << 3 | down << 2 | left << 1 | right];
}

/*
 * Append what box bi shows on table line p (tops: each row's first line):
 * its text line there, aligned, or spaces; the text is centred vertically
 * over all the lines the box covers.
 */
static void
draw_box(const struct grid *g, int bi, int p, const int *tops, struct buf *out)
{
	const struct box *b = &g->box[bi];
	int last = b->row + b->rowspan - 1;
	int covers = tops[last] + g->h[last] - tops[b->row];
	int k = p - tops[b->row] - (covers - (int)b->segs.n) / 2;
	int room = box_width(g, b), lead = 0;

	spaces(out, g->pad);
	if (k >= 0 && k < (int)b->segs.n) {
		const struct seg *s = &b->segs.v[k];

		room -= (int)width_str(b->text + s->off, s->len, g->bw);
		lead = room <= 0 ? 0 : b->align < 0 ? 0 : b->align > 0 ? room : room / 2;
		spaces(out, lead);
		buf_add(out, b->text + s->off, s->len);
	}
	spaces(out, room - lead + g->pad);
}

/* Append the rule above row b (b == rows: the bottom rule), table line p. */
static void
draw_rule(const struct grid *g, int b, int p, const int *tops, struct buf *out)
{
	for (int j = 0;;) {
		int up = grid_at(g, b - 1, j), down = grid_at(g, b, j);

		buf_adds(out, joint_at(g, b, j));
		if (j == g->cols)
			break;
		if (up == down) {	/* a box spanning rows goes on across the rule */
			draw_box(g, up, p, tops, out);
			j = g->box[up].col + g->box[up].colspan;
		} else {
			for (int k = 0; k < (g->w[j] + 2 * g->pad) / g->bw; k++)
				buf_adds(out, "─");
			j++;
		}
	}
	buf_addc(out, '\n');
}

/* Append text line p of row r. */
static void
draw_line(const struct grid *g, int r, int p, const int *tops, struct buf *out)
{
	buf_adds(out, "│");
	for (int j = 0; j < g->cols;) {
		int bi = grid_at(g, r, j);

		draw_box(g, bi, p, tops, out);
		buf_adds(out, "│");
		j = g->box[bi].col + g->box[bi].colspan;
	}
	buf_addc(out, '\n');
}

/* Append the table drawn with its rules; the widths are chosen. */
static void
grid_draw(const struct grid *g, struct buf *out)
{
	int *tops = xcalloc((size_t)g->rows + 1, sizeof *tops);

	tops[0] = 1;
	for (int r = 0; r < g->rows; r++)
		tops[r + 1] = tops[r] + g->h[r] + 1;
	for (int r = 0; r <= g->rows; r++) {
		draw_rule(g, r, tops[r] - 1, tops, out);
		for (int k = 0; r < g->rows && k < g->h[r]; k++)
			draw_line(g, r, tops[r] + k, tops, out);
	}
	free(tops);
}

/* Append a table of the report. */
static void
put_table(struct doc *d, const struct report *r, const struct tpl_table *tb,
    const struct export_opts *o, struct export_stats *st)
{
	struct grid g;

	grid_build(&g, r, tb, o, st);
	grid_layout(&g, d->width, d->amb);
	block(d);
	grid_draw(&g, d->out);
	grid_free(&g);
}

/* ---- the document -------------------------------------------------------- */

void
export_text(const struct report *r, const struct export_opts *o, struct buf *out,
    struct export_stats *st)
{
	const struct template *t = r->tpl;
	/* width 0: paragraphs unwrapped; tables are still drawn, at 80 columns */
	struct doc d = { out, o->width > 0 ? o->width : 80, o->ambiguous == 2 ? 2 : 1, false,
		o->width == 0 };
	struct buf title = BUF_INIT;

	report_title(r, &title);
	block(&d);
	put_aligned(&d, title.data != NULL ? title.data : "", 0);
	buf_free(&title);
	put_parts(&d, r, 0);
	for (int s = 1; s <= TPL_SECTIONS; s++) {
		block(&d);
		buf_adds(out, t->sections[s].title);
		buf_addc(out, '\n');
		put_parts(&d, r, s);
		for (size_t i = 0; i < t->ntables; i++)
			if (t->tables[i].section == s)
				put_table(&d, r, &t->tables[i], o, st);
	}
	if (r->agency[0] != '\0' || r->date[0] != '\0') {
		block(&d);
		if (r->agency[0] != '\0')
			put_aligned(&d, r->agency, 1);
		if (r->date[0] != '\0')
			put_aligned(&d, r->date, 1);
	}
}
