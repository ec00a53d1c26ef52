/* page_grid.c - a table of the report as a grid: labels, live totals, broken relations. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "edit/lineedit.h"
#include "edit/rowpaste.h"
#include "lib/buf.h"
#include "lib/hash.h"
#include "lib/utf8.h"
#include "lib/width.h"
#include "lib/xalloc.h"
#include "tui/app.h"
#include "tui/draw.h"

#define CTRL(c) ((c) & 0x1f)

/*
 * The layout of a table on screen.  Every template row becomes one or more
 * lines: a header row as many lines as its longest wrapped label needs (in
 * table 4, "result" over "upheld"); a data row first the headings of the
 * groups it opens (the results, then "not disclosed"), indented by depth,
 * then its own label, wrapped in
 * the label area, with its values on its first line.  The label area gets its
 * width first; the number columns get the rest and scroll sideways under
 * frozen labels and headers.
 */
#define CW_MIN 6	/* a number column: five digits and a gap */
#define CW_MAX 12
#define INDENT 2	/* per level of row group */

enum gline_kind { GL_ROW, GL_MORE, GL_GROUP };

/* One screen line of the grid. */
struct gline {
	enum gline_kind	 kind;
	int		 row;		/* template row */
	int		 sub;		/* header rows: which of its lines */
	const char	*text;		/* label piece in the label area (GL_MORE, GL_GROUP, GL_ROW) */
	size_t		 len;
	int		 indent;
};

/* Where things are on screen for the current table. */
struct geo {
	const struct tpl_table	*tb;
	int			 table;
	int			 label_cols;	/* leading grid columns holding labels only */
	int			 lw, cw;	/* widths: label area, one value grid column */
	int			 nv;		/* value grid columns */
	int			 vis;		/* value grid columns that fit */
	int			 x0, y0;	/* top left of the grid */
	int			 sticky;	/* header rows kept at the top */
	int			 sticky_lines;	/* the lines they take */
	int			 body_rows;	/* lines for the rest */
	int			*height;	/* per template row: lines of a header row */
	struct gline		*line;		/* the body's lines */
	int			 nlines;
	int			*row_line;	/* per template row: its first line in line[] (GL_ROW) */
};

static struct gridview *
view(struct app *a)
{
	return &a->grids[a->pages[a->cur].index];
}

/* The label cell of a row that names the row itself (its last), or NULL. */
static const struct tpl_gcell *
leaf_label(const struct tpl_row *row)
{
	const struct tpl_gcell *l = NULL;

	for (size_t c = 0; c < row->ncells; c++)
		if (row->cells[c].value < 0)
			l = &row->cells[c];
	return l;
}

/* Lines s takes wrapped in width columns (at least 1). */
static int
wrapped_lines(const char *s, int width)
{
	size_t *st, n = draw_wrap(s, width, &st);

	free(st);
	return n > 0 ? (int)n : 1;
}

/* Columns the widest label of the body needs, with its indent. */
static int
widest_label(const struct geo *g)
{
	int most = 0;

	for (size_t r = (size_t)g->sticky; r < g->tb->nrows; r++) {
		const struct tpl_row *row = &g->tb->rows[r];

		if (row->type != ROW_DATA)
			continue;
		for (size_t c = 0; c < row->ncells; c++) {
			const struct tpl_gcell *gc = &row->cells[c];
			int w;

			if (gc->value >= 0 || gc->col >= g->label_cols)
				continue;
			w = gc->col * INDENT + draw_width(gc->label);
			if (w > most)
				most = w;
		}
	}
	return most;
}

static void
geo_widths(struct app *a, struct geo *g)
{
	int w = app_pane_w(a) - 1, most = widest_label(g), fit_all;

	if (g->label_cols == 0) {
		g->lw = 0;
	} else {
		/* Enough for the widest label if the numbers still get their
		 * minimum; else two fifths of the pane, or what leaves every
		 * number column on screen if that is more. */
		fit_all = w - g->nv * CW_MIN;
		g->lw = most + 1;
		if (g->lw > fit_all)
			g->lw = fit_all > w * 2 / 5 ? fit_all : w * 2 / 5;
		if (g->lw > most + 1)
			g->lw = most + 1;
		if (g->lw < 8)
			g->lw = 8;
	}
	g->cw = g->nv > 0 ? (w - g->lw) / g->nv : 8;
	if (g->cw > CW_MAX)
		g->cw = CW_MAX;
	if (g->cw < CW_MIN)
		g->cw = CW_MIN;
	g->vis = g->nv > 0 ? (w - g->lw) / g->cw : 0;
	if (g->vis > g->nv)
		g->vis = g->nv;
}

/* Width of a header cell: its columns, or the label area. */
static int
header_cell_width(const struct geo *g, const struct tpl_gcell *gc)
{
	if (gc->col < g->label_cols)
		return g->lw - 1;
	return gc->colspan * g->cw - 1;
}

/* Lines of each header row: its cells wrapped; a cell spanning rows may use theirs. */
static void
geo_heights(struct geo *g)
{
	for (size_t r = 0; r < g->tb->nrows; r++)
		g->height[r] = 1;
	for (size_t r = 0; r < g->tb->nrows; r++) {
		const struct tpl_row *row = &g->tb->rows[r];

		if (row->type != ROW_HEADER)
			continue;
		for (size_t c = 0; c < row->ncells; c++) {
			const struct tpl_gcell *gc = &row->cells[c];
			int need, have = 0, span = gc->rowspan > 0 ? gc->rowspan : 1;
			size_t last = r;

			if (gc->col < g->label_cols)	/* a note over the labels: what fits */
				continue;
			need = wrapped_lines(gc->label, header_cell_width(g, gc));
			for (size_t k = r; k < r + (size_t)span && k < g->tb->nrows &&
			    g->tb->rows[k].type == ROW_HEADER; k++) {
				have += g->height[k];
				last = k;
			}
			if (need > have)
				g->height[last] += need - have;
		}
	}
}

static struct gline *
geo_add(struct geo *g, size_t *cap, enum gline_kind kind, int row)
{
	struct gline *l;

	g->line = xgrow(g->line, cap, (size_t)g->nlines + 1, sizeof *g->line);
	l = &g->line[g->nlines++];
	memset(l, 0, sizeof *l);
	l->kind = kind;
	l->row = row;
	return l;
}

/* Lines for text wrapped at indent in the label area: the first of kind first. */
static void
geo_add_label(struct geo *g, size_t *cap, enum gline_kind first, int row, const char *text, int indent)
{
	size_t *st, n = draw_wrap(text, g->lw - 1 - indent > 4 ? g->lw - 1 - indent : 4, &st);

	for (size_t k = 0; k < (n > 0 ? n : 1); k++) {
		struct gline *l = geo_add(g, cap, k == 0 ? first : GL_MORE, row);

		l->text = text + (n > 0 ? st[k] : 0);
		l->len = n > 0 ? st[k + 1] - st[k] : 0;
		l->indent = indent;
	}
	free(st);
}

static void
geo_lines(struct geo *g)
{
	size_t cap = 0;

	for (size_t r = (size_t)g->sticky; r < g->tb->nrows; r++) {
		const struct tpl_row *row = &g->tb->rows[r];
		const struct tpl_gcell *leaf = leaf_label(row);

		if (row->type != ROW_DATA) {
			g->row_line[r] = g->nlines;
			for (int k = 0; k < g->height[r]; k++)
				geo_add(g, &cap, GL_ROW, (int)r)->sub = k;
			continue;
		}
		for (size_t c = 0; c < row->ncells; c++) {	/* the groups this row opens */
			const struct tpl_gcell *gc = &row->cells[c];

			if (gc->value < 0 && gc != leaf && gc->rowspan > 1 && gc->col < g->label_cols)
				geo_add_label(g, &cap, GL_GROUP, (int)r, gc->label, gc->col * INDENT);
		}
		g->row_line[r] = g->nlines;
		if (leaf != NULL && g->lw > 0)
			geo_add_label(g, &cap, GL_ROW, (int)r, leaf->label, leaf->col * INDENT);
		else
			geo_add(g, &cap, GL_ROW, (int)r);
	}
}

static void
geometry_build(struct app *a, struct geo *g, int y0)
{
	const struct template *t = a->r->tpl;

	memset(g, 0, sizeof *g);
	g->table = a->pages[a->cur].index;
	g->tb = &t->tables[g->table];
	g->label_cols = g->tb->columns;
	for (size_t v = 0; v < t->nvalues; v++)
		if (t->values[v].table == g->table && t->values[v].col < g->label_cols)
			g->label_cols = t->values[v].col;
	g->nv = g->tb->columns - g->label_cols;
	for (size_t r = 0; r < g->tb->nrows && g->tb->rows[r].type == ROW_HEADER; r++)
		g->sticky++;
	geo_widths(a, g);
	g->x0 = app_pane_x(a);
	g->y0 = y0;
	g->height = xcalloc(g->tb->nrows + 1, sizeof *g->height);
	g->row_line = xcalloc(g->tb->nrows + 1, sizeof *g->row_line);
	geo_heights(g);
	for (int r = 0; r < g->sticky; r++)
		g->sticky_lines += g->height[r];
	geo_lines(g);
	g->body_rows = app_pane_bottom(a) - 1 - y0 - g->sticky_lines;
	if (g->body_rows < 1)
		g->body_rows = 1;
}

/*
 * The layout depends only on the table, the window and where the grid
 * starts, not on the values: it is built again only when one of those
 * changed, not for every key (wrapping every label costs).
 */
static struct {
	const struct template	*t;
	int			 key[4];
	struct geo		 g;
	bool			 valid;
} geo_cache;

static void
geometry(struct app *a, struct geo *g, int y0)
{
	int key[4] = { a->pages[a->cur].index, a->rows, a->cols, y0 };

	if (!geo_cache.valid || geo_cache.t != a->r->tpl || memcmp(key, geo_cache.key, sizeof key) != 0) {
		if (geo_cache.valid) {
			free(geo_cache.g.height);
			free(geo_cache.g.line);
			free(geo_cache.g.row_line);
		}
		geometry_build(a, &geo_cache.g, y0);
		geo_cache.t = a->r->tpl;
		memcpy(geo_cache.key, key, sizeof key);
		geo_cache.valid = true;
	}
	*g = geo_cache.g;
}

/* The layout stays in the cache for the next draw. */
static void
geo_free(struct geo *g)
{
	(void)g;
}

/* Screen x of value grid column col, or -1 if scrolled out. */
static int
col_x(const struct geo *g, const struct gridview *gv, int col)
{
	int k = col - g->label_cols - gv->left;

	if (col < g->label_cols || k < 0 || k >= g->vis)
		return -1;
	return g->x0 + g->lw + k * g->cw;
}

enum { CELL_OK, CELL_INCOMPLETE, CELL_BAD };

/* Cells of failed error or warning rules, for colouring: CELL_BAD when a
 * complete relation is broken, CELL_INCOMPLETE while it still reads blanks. */
static unsigned char *
bad_cells(struct app *a)
{
	unsigned char *bad = xcalloc(a->r->tpl->nvalues + 1, 1);

	for (size_t i = 0; i < checker_instances(a->ck); i++) {
		struct finding f;
		unsigned char how;

		if (checker_status(a->ck, i) != FINDING_FAIL)
			continue;
		checker_finding(a->ck, i, &f);
		how = checker_incomplete(a->ck, i) ? CELL_INCOMPLETE : CELL_BAD;
		for (size_t k = 0; k < f.ncells; k++)
			if (bad[f.cells[k]] < how)
				bad[f.cells[k]] = how;
	}
	return bad;
}

static void
draw_cell(struct app *a, const struct geo *g, int y, const struct tpl_gcell *gc,
    const unsigned char *bad, bool force)
{
	struct gridview *gv = view(a);
	const struct template *t = a->r->tpl;
	int x = col_x(g, gv, gc->col), w;
	char text[160];
	attr_t at = A_NORMAL;

	if (x < 0)
		return;
	w = gc->colspan * g->cw - 1;
	if (x + w > g->x0 + app_pane_w(a) - 1)
		w = g->x0 + app_pane_w(a) - 1 - x;
	if (gv->editing && gc->value == gv->cell)
		snprintf(text, sizeof text, "%zu|%s", gv->line.at, lineedit_text(&gv->line));	/* the cursor too */
	else
		value_format(&a->r->cells[gc->value], &t->values[gc->value].kind, text, sizeof text);
	if (bad[gc->value] == CELL_BAD)
		at |= app_look(a, LOOK_BAD);
	else if (bad[gc->value] == CELL_INCOMPLETE)
		at |= app_look(a, LOOK_TODO);
	else if (checker_is_derived(a->ck, gc->value))
		at |= app_look(a, LOOK_DERIVED);
	if (a->r->cells[gc->value].state == VALUE_UNREADABLE)	/* "?": a number to look up */
		at |= app_look(a, LOOK_TODO) | A_BOLD;
	if (gc->value == gv->cell)
		at |= app_look(a, LOOK_FOCUS);
	{	/* unchanged since the last draw: leave it */
		uint64_t sig = hash_bytes(HASH_START, text, strlen(text) + 1);

		sig = hash_bytes(sig, &at, sizeof at);
		sig = hash_bytes(sig, &y, sizeof y);
		sig = hash_bytes(sig, &x, sizeof x);
		if (!force && a->cell_sig[gc->value] == sig)
			return;
		a->cell_sig[gc->value] = sig;
	}
	attron(at);
	if (gv->editing && gc->value == gv->cell) {
		int cx = app_line_draw(&gv->line, y, x, w);

		attroff(at);
		move(y, cx < x + w ? cx : x + w - 1);
		return;
	}
	draw_right(stdscr, y, x, text, w);
	attroff(at);
}

/* Line sub of a header cell's wrapped label, in its columns as far as they show. */
static void
draw_header_cell(struct app *a, const struct geo *g, int y, const struct tpl_gcell *gc, int sub)
{
	struct gridview *gv = view(a);
	int x, w = 0, first = -1;
	size_t *st, n;

	(void)a;
	if (gc->col < g->label_cols) {	/* a note over the labels: the lines that fit */
		n = draw_wrap(gc->label, g->lw - 1, &st);
		if (gc->col == 0 && (size_t)sub < n)
			draw_text(stdscr, y, g->x0, gc->label + st[sub], st[sub + 1] - st[sub], g->lw - 1, false);
		free(st);
		return;
	}
	for (int c = gc->col; c < gc->col + gc->colspan; c++)
		if ((x = col_x(g, gv, c)) >= 0) {
			if (first < 0)
				first = x;
			w += g->cw;
		}
	if (first < 0)
		return;
	n = draw_wrap(gc->label, header_cell_width(g, gc), &st);
	if ((size_t)sub < n) {
		size_t len = st[sub + 1] - st[sub];

		if (w < gc->colspan * g->cw)	/* partly scrolled out: what shows, from its start */
			draw_text(stdscr, y, first, gc->label + st[sub], len, w - 1, false);
		else {
			int tw = (int)width_str(gc->label + st[sub], len, draw_ambiguous());

			draw_text(stdscr, y, first + (w - 1 - tw) / 2, gc->label + st[sub], len, w - 1, false);
		}
	}
	free(st);
}

/* The lines of header row r a header cell of an earlier row still covers: sub counts from that row. */
static void
draw_header_line(struct app *a, const struct geo *g, int y, size_t r, int sub)
{
	for (size_t k = 0; k <= r; k++) {
		const struct tpl_row *row = &g->tb->rows[k];
		int off = 0;

		if (row->type != ROW_HEADER)
			continue;
		for (size_t j = k; j < r; j++)
			off += g->height[j];
		for (size_t c = 0; c < row->ncells; c++) {
			const struct tpl_gcell *gc = &row->cells[c];
			int span = gc->rowspan > 0 ? gc->rowspan : 1;

			if (k + (size_t)span > r && (k == r || (k + (size_t)span > r && off > 0)))
				draw_header_cell(a, g, y, gc, off + sub);
		}
	}
}

static void
grid_draw_line(struct app *a, const struct geo *g, int y, const struct gline *l, const unsigned char *bad, bool full)
{
	const struct tpl_row *row = &g->tb->rows[l->row];

	if ((row->type != ROW_DATA || l->kind != GL_ROW) && !full)	/* labels and headers do not change */
		return;
	if (row->type == ROW_TITLE) {
		attron(A_BOLD);
		draw_str(stdscr, y, g->x0, row->ncells > 0 ? row->cells[0].label : "", app_pane_w(a) - 1, false);
		attroff(A_BOLD);
		return;
	}
	if (row->type == ROW_HEADER) {
		attron(A_BOLD);
		draw_header_line(a, g, y, (size_t)l->row, l->sub);
		attroff(A_BOLD);
		return;
	}
	if (full && l->text != NULL) {
		if (l->kind == GL_GROUP)
			attron(A_BOLD);
		draw_text(stdscr, y, g->x0 + l->indent, l->text, l->len, g->lw - 1 - l->indent, false);
		if (l->kind == GL_GROUP)
			attroff(A_BOLD);
	}
	if (l->kind != GL_ROW)
		return;
	for (size_t c = 0; c < row->ncells; c++)
		if (row->cells[c].value >= 0)
			draw_cell(a, g, y, &row->cells[c], bad, full);
}

/* Keep the focused cell on screen, with the group headings just above it when they fit. */
static void
scroll_to_focus(struct app *a, const struct geo *g)
{
	struct gridview *gv = view(a);
	const struct tpl_value *v;
	int at, from;

	if (gv->cell < 0)
		return;
	v = &a->r->tpl->values[gv->cell];
	if (v->row < g->sticky)
		return;
	at = g->row_line[v->row];
	for (from = at; from > 0 && g->line[from - 1].kind == GL_GROUP && g->line[from - 1].row == v->row; from--)
		;
	if (from < gv->top)
		gv->top = from;
	if (at >= gv->top + g->body_rows)
		gv->top = at - g->body_rows + 1;
	if (gv->top > 0 && at < g->body_rows)	/* show the table's start when it fits */
		gv->top = 0;
	if (v->col - g->label_cols < gv->left)
		gv->left = v->col - g->label_cols;
	if (v->col + v->colspan - g->label_cols > gv->left + g->vis)
		gv->left = v->col + v->colspan - g->label_cols - g->vis;
	if (gv->left < 0)
		gv->left = 0;
}

/* The last n segments of a label "group／group／leaf", after "…" when
 * some are left out; caller frees. */
static char *
label_tail(const char *label, int n)
{
	static const char sep[] = "／";
	size_t len = strlen(label), k = sizeof sep - 1;

	for (size_t at = len; at-- > 0;)
		if (at + k <= len && memcmp(label + at, sep, k) == 0 && --n == 0)
			return xasprintf("…%s", label + at + k);
	return xstrdup(label);
}

/*
 * "Row: ...  Column: ..." under the table.  When it is too wide, group parts
 * of the labels are left out, marked with an ellipsis: the row's outer ones,
 * then the column's, keeping the row's item with its group longest; what
 * still does not fit ends with "…".
 */
static void
draw_focus_labels(struct app *a, const struct geo *g)
{
	static const int keep[][2] = { { 9, 9 }, { 2, 9 }, { 2, 2 }, { 2, 1 }, { 1, 1 } };
	struct gridview *gv = view(a);
	const struct tpl_value *v;
	const char *rl = _("Row:"), *cl = _("Column:"), *comp = _("computed");
	char *row = NULL, *col = NULL;
	struct buf b = BUF_INIT;
	int y = app_pane_bottom(a), w = app_pane_w(a) - 1, fixed;

	if (gv->cell < 0)
		return;
	v = &a->r->tpl->values[gv->cell];
	/* the columns of everything but the two labels: "Row: " "  " "Column: " and "  (computed)" */
	fixed = (*v->row_label != '\0' ? draw_width(rl) + 3 : 0) + draw_width(cl) + 1 +
	    (checker_is_derived(a->ck, gv->cell) ? draw_width(comp) + 4 : 0);
	for (size_t k = 0; k < sizeof keep / sizeof *keep; k++) {
		free(row);
		free(col);
		row = label_tail(v->row_label, keep[k][0]);
		col = label_tail(v->col_label, keep[k][1]);
		if (fixed + draw_width(row) + draw_width(col) <= w)
			break;
	}
	if (*v->row_label != '\0')
		buf_addf(&b, "%s %s  ", rl, row);
	buf_addf(&b, "%s %s", cl, col);
	if (checker_is_derived(a->ck, gv->cell))
		buf_addf(&b, "  (%s)", comp);
	mvhline(y, g->x0, ' ', app_pane_w(a));
	attron(A_DIM);
	app_draw_cut(y, g->x0, b.data, w, false);
	attroff(A_DIM);
	free(row);
	free(col);
	buf_free(&b);
}

/* The section title, its guidance, the auto totals line; returns the grid's first row. */
static int
grid_draw_head(struct app *a, const struct tpl_table *tb)
{
	const struct template *t = a->r->tpl;
	int y = 1;

	attron(A_BOLD);
	draw_str(stdscr, y, app_pane_x(a), t->sections[tb->section].title, app_pane_w(a), true);
	attroff(A_BOLD);
	y += 1 + app_draw_guide(a, y + 1, NULL, t->sections[tb->section].guide, app_guide_rows(a, 2));
	if (a->r->auto_totals) {
		attron(app_look(a, LOOK_DERIVED));
		draw_str(stdscr, y, app_pane_x(a), _("Auto totals on (^T): computed cells are in this colour."), app_pane_w(a) - 1, false);
		attroff(app_look(a, LOOK_DERIVED));
	} else
		draw_str(stdscr, y, app_pane_x(a), _("Auto totals off (^T): totals are typed and checked."), app_pane_w(a) - 1, false);
	return y + 1;
}

void
grid_draw(struct app *a, bool full)
{
	const struct template *t = a->r->tpl;
	const struct tpl_table *tb = &t->tables[a->pages[a->cur].index];
	struct gridview *gv = view(a);
	unsigned char *bad = bad_cells(a);
	struct geo g;
	int y, cy = -1, cx = -1, top = gv->top, left = gv->left;

	if (full)
		gv->y0 = grid_draw_head(a, tb);
	geometry(a, &g, gv->y0);
	scroll_to_focus(a, &g);
	if (gv->top != top || gv->left != left)	/* scrolled: the whole grid moves */
		full = true;
	y = gv->y0;
	if (full) {
		for (int r = y; r < app_pane_bottom(a); r++)
			mvhline(r, g.x0, ' ', app_pane_w(a));
		memset(a->cell_sig, 0, t->nvalues * sizeof *a->cell_sig);
		attron(A_BOLD);
		for (int r = 0; r < g.sticky; r++)
			for (int k = 0; k < g.height[r]; k++)
				draw_header_line(a, &g, y++, (size_t)r, k);
		attroff(A_BOLD);
	} else
		y += g.sticky_lines;
	for (int k = 0; k < g.body_rows && gv->top + k < g.nlines; k++) {
		const struct gline *l = &g.line[gv->top + k];

		grid_draw_line(a, &g, y + k, l, bad, full);
		if (gv->cell >= 0 && l->kind == GL_ROW && t->values[gv->cell].row == l->row) {
			cy = y + k;
			cx = col_x(&g, gv, t->values[gv->cell].col);
		}
	}
	if (full && (gv->left > 0 || gv->left + g.vis < g.nv)) {
		attron(A_DIM);
		draw_str(stdscr, app_pane_bottom(a) - 1, g.x0, _("(the table is wider than the screen: Left and Right scroll)"), app_pane_w(a) - 1, false);
		attroff(A_DIM);
	}
	draw_focus_labels(a, &g);
	if (gv->editing && cy >= 0) {	/* draw_cell leaves the cursor at the typing point */
		const struct tpl_row *row = &tb->rows[t->values[gv->cell].row];

		for (size_t c = 0; c < row->ncells; c++)
			if (row->cells[c].value == gv->cell)
				draw_cell(a, &g, cy, &row->cells[c], bad, true);
	} else if (cy >= 0 && cx >= 0)
		move(cy, cx);
	else
		move(a->rows - 2, 0);
	geo_free(&g);
	free(bad);
}

/* ---- moving ------------------------------------------------------------ */

static bool
editable(struct app *a, int cell)
{
	return !checker_is_derived(a->ck, cell);
}

/* Value cells of the table in reading order: first and last index in t->values. */
static void
table_span(struct app *a, int table, int *first, int *last)
{
	const struct template *t = a->r->tpl;

	*first = *last = -1;
	for (size_t v = 0; v < t->nvalues; v++)
		if (t->values[v].table == table) {
			if (*first < 0)
				*first = (int)v;
			*last = (int)v;
		}
}

void
grid_enter(struct app *a, int table)
{
	struct gridview *gv = &a->grids[table];
	int first, last;

	if (gv->cell >= 0)
		return;
	table_span(a, table, &first, &last);
	gv->cell = first;
	for (int v = first; v >= 0 && v <= last; v++)
		if (editable(a, v)) {
			gv->cell = v;
			break;
		}
}

void
grid_focus(struct app *a, int table, int cell)
{
	for (size_t p = 0; p < a->npages; p++)
		if (a->pages[p].kind == PAGE_TABLE && a->pages[p].index == table) {
			app_go(a, p);
			a->grids[table].cell = cell;
			a->grids[table].editing = false;
			return;
		}
}

/* Next (dir 1) or previous (-1) value cell in reading order; skip computed ones if asked. */
static void
step(struct app *a, int dir, bool skip_derived)
{
	struct gridview *gv = view(a);
	int first, last, v = gv->cell;

	table_span(a, a->pages[a->cur].index, &first, &last);
	for (;;) {
		v += dir;
		if (v < first || v > last)
			return;
		if (!skip_derived || editable(a, v))
			break;
	}
	gv->cell = v;
}

/* The cell in the row above or below whose columns are nearest to the current one. */
static void
grid_vertical(struct app *a, int dir)
{
	const struct template *t = a->r->tpl;
	struct gridview *gv = view(a);
	const struct tpl_value *cur = &t->values[gv->cell];
	int first, last, best = -1, best_row = -1, best_d = 1 << 20;

	table_span(a, a->pages[a->cur].index, &first, &last);
	for (int v = first; v <= last; v++) {
		const struct tpl_value *o = &t->values[v];
		int d = abs(o->col - cur->col);

		if ((dir > 0 && o->row <= cur->row) || (dir < 0 && o->row >= cur->row))
			continue;
		if (best_row >= 0 && (dir > 0 ? o->row > best_row : o->row < best_row))
			continue;
		if (o->row != best_row || d < best_d) {
			best = v;
			best_row = o->row;
			best_d = d;
		}
	}
	if (best >= 0)
		gv->cell = best;
}

static void
horizontal(struct app *a, int dir)
{
	struct gridview *gv = view(a);
	int row = a->r->tpl->values[gv->cell].row, old = gv->cell;

	step(a, dir, false);
	if (a->r->tpl->values[gv->cell].row != row)
		gv->cell = old;
}

/* ---- editing ------------------------------------------------------------ */

/* Store text in cell; false (and a message) if it is refused. */
static bool
store(struct app *a, int cell, const char *text)
{
	const struct template *t = a->r->tpl;
	struct value v, before = a->r->cells[cell];
	char *err = NULL;

	if (value_parse(text, &t->values[cell].kind, t->units, t->nunits, &v, &err) != 0 ||
	    checker_validate(a->ck, cell, &v, &err) != 0) {
		app_message(a, MSG_ERROR, "%s", err);
		free(err);
		return false;
	}
	if (checker_set(a->ck, cell, &v, NULL) > 0) {
		checker_note_edit(a->ck, cell);	/* a relation it breaks names it first */
		cellundo_add(&a->cell_undo, cell, &before, &v);
		app_edited(a);
	}
	return true;
}

static bool grid_commit(struct app *a);

/* Undo (back) or redo the last step of cell changes, and show its cell. */
static void
undo_cell(struct app *a, bool back)
{
	const struct cell_change **c;
	size_t n = back ? cellundo_undo(&a->cell_undo, &c) : cellundo_redo(&a->cell_undo, &c);
	bool skipped = false;

	if (n == 0) {
		app_message(a, MSG_INFO, back ? _("Nothing to undo.") : _("Nothing to redo."));
		return;
	}
	for (size_t k = 0; k < n; k++) {
		if (checker_is_derived(a->ck, c[k]->cell)) {	/* auto totals changed since: it follows its inputs */
			skipped = true;
			continue;
		}
		checker_set(a->ck, c[k]->cell, back ? &c[k]->before : &c[k]->after, NULL);
	}
	checker_note_edit(a->ck, -1);
	app_edited(a);
	if (skipped)
		app_message(a, MSG_INFO, _("That change was to a total that is now computed."));
	else if (n > 1)
		app_message(a, MSG_INFO, back ? _("Undone: %zu cells.") : _("Redone: %zu cells."), n);
	{	/* show the step's first cell */
		int cell = back ? c[n - 1]->cell : c[0]->cell;

		grid_focus(a, a->r->tpl->values[cell].table, cell);
	}
}

void
grid_fill_zero(struct app *a)
{
	const struct template *t = a->r->tpl;
	int table = a->pages[a->cur].index, first, last;
	struct value zero = { VALUE_NUMBER, 0, 0, "" };
	size_t n = 0;

	if (!grid_commit(a))
		return;
	table_span(a, table, &first, &last);
	cellundo_begin(&a->cell_undo);
	for (int v = first; v >= 0 && v <= last; v++) {
		struct value before = a->r->cells[v];
		char *err = NULL;

		if (before.state != VALUE_BLANK || !editable(a, v))
			continue;
		if (checker_validate(a->ck, v, &zero, &err) != 0) {
			free(err);
			continue;
		}
		if (checker_set(a->ck, v, &zero, NULL) > 0) {
			cellundo_add(&a->cell_undo, v, &before, &zero);
			n++;
		}
	}
	cellundo_end(&a->cell_undo);
	checker_note_edit(a->ck, -1);
	if (n == 0) {
		app_message(a, MSG_INFO, _("%s has no blank cells."), t->tables[table].name);
		return;
	}
	app_edited(a);
	a->full = true;
	app_message(a, MSG_INFO, _("Filled %zu blank cells of %s with 0 (^Z undoes it in one step)."), n, t->tables[table].name);
}

/* Store the value being typed.  A refused value stays in the cell for
 * mending; typing replaces it, so new digits never join the refused ones. */
static bool
grid_commit(struct app *a)
{
	struct gridview *gv = view(a);
	char *why;

	if (!gv->editing)
		return true;
	if (!store(a, gv->cell, lineedit_text(&gv->line))) {
		lineedit_select_all(&gv->line);
		gv->entry = false;
		why = xstrdup(a->msg);
		app_message(a, MSG_ERROR, _("%s (typing replaces it; arrows, Backspace and Delete mend it; Esc restores the cell)"), why);
		free(why);
		return false;
	}
	gv->editing = false;
	return true;
}

/* Characters that can begin a value: digits (also full-width), / + - . and the
 * two characters of a signed change (increase U+589E, decrease U+51CF). */
static bool
starts_value(int key)
{
	return (key >= '0' && key <= '9') || (key >= 0xFF10 && key <= 0xFF19) || key == '/' ||
	    key == 0xFF0F || key == '+' || key == '-' || key == 0xFF0B || key == 0xFF0D ||
	    key == '.' || key == 0x589E || key == 0x51CF;
}

/* The bytes a cell's typed value may take: far more than any number needs. */
#define GRID_LINE_MAX 40

/* Say why the focused cell cannot be typed in (a computed total). */
static void
grid_refuse_derived(struct app *a)
{
	struct gridview *gv = view(a);
	struct value dummy = { VALUE_BLANK, 0, 0, "" };
	char *err = NULL;

	checker_validate(a->ck, gv->cell, &dummy, &err);
	app_message(a, MSG_ERROR, "%s", err != NULL ? err : "");
	free(err);
}

/* Open the focused cell's value for editing (Backspace, Home, End). */
static bool
grid_open(struct app *a)
{
	struct gridview *gv = view(a);
	char text[96];

	if (gv->editing)
		return true;
	if (!editable(a, gv->cell))
		return false;
	value_format(&a->r->cells[gv->cell], &a->r->tpl->values[gv->cell].kind, text, sizeof text);
	lineedit_start(&gv->line, text, GRID_LINE_MAX);
	gv->editing = true;
	gv->entry = false;
	return true;
}

static void
type_char(struct app *a, int key)
{
	struct gridview *gv = view(a);

	if (!gv->editing) {
		if (!starts_value(key)) {
			app_message(a, MSG_ERROR, _("A table cell takes a number, / for not applicable, or nothing."));
			return;
		}
		if (!editable(a, gv->cell)) {
			grid_refuse_derived(a);
			return;
		}
		lineedit_start(&gv->line, "", GRID_LINE_MAX);
		gv->editing = gv->entry = true;
	} else if (gv->line.replace)
		gv->entry = true;	/* typing a new value over the refused one */
	if (!lineedit_insert(&gv->line, (uint32_t)key))
		app_message(a, MSG_ERROR, _("No value of a cell is that long: the character was not added."));
}

/* The editing keys of the value being typed; false if key is not one of
 * them (it then stores the value and moves, or does nothing). */
static bool
grid_line_key(struct app *a, int key, bool code)
{
	struct gridview *gv = view(a);
	bool arrow = code && (key == KEY_LEFT || key == KEY_RIGHT);
	enum line_result r;

	if (!code && key >= 32 && key != 127) {
		type_char(a, key);
		return true;
	}
	if ((code && (key == KEY_BACKSPACE || key == KEY_HOME || key == KEY_END)) ||
	    (!code && (key == 127 || key == CTRL('h')))) {
		if (!grid_open(a))
			return true;
		if (code && (key == KEY_HOME || key == KEY_END))
			gv->entry = false;
	}
	if (!gv->editing || (arrow && gv->entry))
		return false;
	r = app_line_key(&gv->line, key, code);
	return r != LINE_NOT_MINE && r != LINE_EDGE;
}

void
grid_key(struct app *a, int key, bool code)
{
	struct gridview *gv = view(a);
	bool enter = (!code && (key == '\r' || key == '\n')) || (code && key == KEY_ENTER);

	if (gv->cell < 0)
		return;
	if (!code && key == 27) {
		gv->editing = false;
		return;
	}
	if (!code && (key == CTRL('z') || key == CTRL('y'))) {
		gv->editing = false;
		undo_cell(a, key == CTRL('z'));
		return;
	}
	if (enter) {
		if (grid_commit(a))
			grid_vertical(a, 1);
		return;
	}
	if (code && key == KEY_DC && !gv->editing) {
		if (editable(a, gv->cell))
			store(a, gv->cell, "");
		return;
	}
	if (grid_line_key(a, key, code))
		return;
	if (!grid_commit(a))
		return;
	if (code && key == KEY_UP)
		grid_vertical(a, -1);
	else if (code && key == KEY_DOWN)
		grid_vertical(a, 1);
	else if (code && key == KEY_LEFT)
		horizontal(a, -1);
	else if (code && key == KEY_RIGHT)
		horizontal(a, 1);
	else if (!code && key == '\t')
		step(a, 1, true);
	else if (code && key == KEY_BTAB)
		step(a, -1, true);
}

/* Paste numbers separated by tabs or spaces across the row, lines down the
 * rows (split by rowpaste), as one undo step. */
void
grid_paste(struct app *a, const char *s, size_t n)
{
	const struct template *t = a->r->tpl;
	struct gridview *gv = view(a);
	struct rowpaste p;
	int start = gv->cell, row_start = gv->cell, stored = 0, skipped = 0;

	if (!grid_commit(a) || start < 0)
		return;
	rowpaste_split(s, n, &p);
	cellundo_begin(&a->cell_undo);
	for (size_t k = 0; k < p.nlines; k++) {
		int cell = row_start, row = t->values[row_start].row;

		for (size_t j = 0; j < p.lines[k].n; j++) {
			if (cell < 0 || cell >= (int)t->nvalues || t->values[cell].row != row ||
			    t->values[cell].table != t->values[start].table)
				break;
			if (!editable(a, cell))
				skipped++;
			else if (!store(a, cell, p.lines[k].vals[j]))
				goto out;
			else
				stored++;
			cell++;
		}
		gv->cell = row_start;
		grid_vertical(a, 1);
		if (gv->cell == row_start)
			break;
		row_start = gv->cell;
	}
	app_message(a, MSG_INFO, skipped > 0 ?
	    _("Pasted %d values; computed totals were left to the computation.") : _("Pasted %d values."), stored);
out:
	cellundo_end(&a->cell_undo);
	checker_note_edit(a->ck, -1);
	gv->cell = start;
	rowpaste_free(&p);
}

void
grid_click(struct app *a, int y, int x)
{
	const struct template *t = a->r->tpl;
	struct gridview *gv = view(a);
	struct geo g;

	geometry(a, &g, gv->y0);
	for (size_t v = 0; v < t->nvalues; v++) {
		const struct tpl_value *tv = &t->values[v];
		int cx = col_x(&g, gv, tv->col);
		int ry = tv->row < g.sticky ? -1 : g.y0 + g.sticky_lines + g.row_line[tv->row] - gv->top;

		if (tv->table == g.table && cx >= 0 && x >= cx && x < cx + tv->colspan * g.cw &&
		    ry == y && g.row_line[tv->row] >= gv->top && grid_commit(a)) {
			gv->cell = (int)v;
			break;
		}
	}
	geo_free(&g);
}

/*
 * Status text for the focused cell: a broken complete relation that reads it
 * (with the others the same cell breaks, so that one typo is one problem);
 * else an incomplete one, said as such; NULL when none.
 */
char *
grid_status(struct app *a, enum msg_level *l)
{
	struct gridview *gv = view(a);
	const int *insts;
	struct buf b = BUF_INIT;
	size_t n, first = 0, more = 0, incomplete = 0;
	bool have = false;

	if (gv->cell < 0)
		return NULL;
	n = checker_readers(a->ck, gv->cell, &insts);
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < n; k++) {
			size_t i = (size_t)insts[k];
			struct finding f;

			if (checker_status(a->ck, i) != FINDING_FAIL)
				continue;
			checker_finding(a->ck, i, &f);
			if (f.warning != (pass == 1))
				continue;
			if (checker_incomplete(a->ck, i)) {
				if (incomplete++ == 0 && !have)
					first = i;
				continue;
			}
			if (have) {
				more++;
				continue;
			}
			first = i;
			have = true;
		}
	if (have) {	/* what is wrong, then on a line of its own what would fix it */
		const struct relgroup *groups;
		struct relgroup one = { { first }, 1, -1, 0, false };
		size_t ng = app_relgroups(a, &groups);
		const struct relgroup *g = app_relgroup_of(groups, ng, first);
		char *m = app_relgroup_text(a, g != NULL ? g : &one, "\n");

		buf_adds(&b, m);
		free(m);
		more = 0;	/* the others this cell breaks, apart from those of the same typo */
		for (size_t k = 0; k < n; k++) {
			size_t i = (size_t)insts[k];

			more += i != first && checker_status(a->ck, i) == FINDING_FAIL &&
			    !checker_incomplete(a->ck, i) && (g == NULL || app_relgroup_of(g, 1, i) == NULL);
		}
		if (more > 0)
			buf_addf(&b, _(" (this value also breaks %zu more relation(s): F2 lists them)"), more);
		*l = MSG_ERROR;
		return buf_detach(&b);
	}
	if (incomplete == 0)
		return NULL;	/* *l untouched: the report's own status shows */
	*l = MSG_WARN;
	return xasprintf(_("Not complete yet: a relation of this cell still reads %zu blank cell(s); it is checked once they are filled (check and export count blanks as 0)."),
	    checker_blanks(a->ck, first));
}
