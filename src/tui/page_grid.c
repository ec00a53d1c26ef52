/* page_grid.c - a table of the report as a grid: labels, live totals, broken relations. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "tui/app.h"
#include "tui/draw.h"

#define CTRL(c) ((c) & 0x1f)
#define GUIDE_ROWS 2
#define LABEL_MIN 14

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
	int			 body_rows;	/* rows for the rest */
};

static struct gridview *
view(struct app *a)
{
	return &a->grids[a->pages[a->cur].index];
}

static void
geometry(struct app *a, struct geo *g, int y0)
{
	const struct template *t = a->r->tpl;
	int w = app_pane_w(a) - 1;

	memset(g, 0, sizeof *g);
	g->table = a->pages[a->cur].index;
	g->tb = &t->tables[g->table];
	g->label_cols = g->tb->columns;
	for (size_t v = 0; v < t->nvalues; v++)
		if (t->values[v].table == g->table && t->values[v].col < g->label_cols)
			g->label_cols = t->values[v].col;
	g->nv = g->tb->columns - g->label_cols;
	/* Labels get what the numbers leave, between LABEL_MIN and half the pane;
	 * numbers get 6 to 12 columns; a table still too wide scrolls sideways. */
	g->lw = g->label_cols > 0 ? LABEL_MIN : 0;
	g->cw = g->nv > 0 ? (w - g->lw) / g->nv : 8;
	if (g->cw > 12)
		g->cw = 12;
	if (g->cw < 6)
		g->cw = 6;
	if (g->label_cols > 0 && g->lw + g->cw * g->nv < w)
		g->lw = w - g->cw * g->nv;
	if (g->lw > w / 2 && g->label_cols > 0)
		g->lw = w / 2;
	g->vis = g->nv > 0 ? (w - g->lw) / g->cw : 0;
	if (g->vis > g->nv)
		g->vis = g->nv;
	g->x0 = app_pane_x(a);
	g->y0 = y0;
	for (size_t r = 0; r < g->tb->nrows && g->tb->rows[r].type == ROW_HEADER; r++)
		g->sticky++;
	g->body_rows = app_pane_bottom(a) - 1 - y0 - g->sticky;
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

/* The row's own last label (a numbered item), not the whole path of group labels. */
static const char *
row_label(const struct tpl_row *row)
{
	const char *l = NULL;

	for (size_t c = 0; c < row->ncells; c++)
		if (row->cells[c].value < 0)
			l = row->cells[c].label;
	return l != NULL ? l : "";
}

/* Cells of failed error or warning rules, for colouring. */
static unsigned char *
bad_cells(struct app *a)
{
	unsigned char *bad = xcalloc(a->r->tpl->nvalues + 1, 1);

	for (size_t i = 0; i < checker_instances(a->ck); i++) {
		struct finding f;

		if (checker_status(a->ck, i) != FINDING_FAIL)
			continue;
		checker_finding(a->ck, i, &f);
		for (size_t k = 0; k < f.ncells; k++)
			bad[f.cells[k]] = 1;
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
	char text[96];
	attr_t at = A_NORMAL;

	if (x < 0)
		return;
	w = gc->colspan * g->cw - 1;
	if (x + w > g->x0 + app_pane_w(a) - 1)
		w = g->x0 + app_pane_w(a) - 1 - x;
	if (gv->editing && gc->value == gv->cell)
		snprintf(text, sizeof text, "%s", gv->buf);
	else
		value_format(&a->r->cells[gc->value], &t->values[gc->value].kind, text, sizeof text);
	if (bad[gc->value])
		at |= app_look(a, LOOK_BAD);
	else if (checker_is_derived(a->ck, gc->value))
		at |= app_look(a, LOOK_DERIVED);
	if (a->r->cells[gc->value].state == VALUE_UNREADABLE)	/* "?": a number to look up */
		at |= app_look(a, LOOK_TODO) | A_BOLD;
	if (gc->value == gv->cell)
		at |= app_look(a, LOOK_FOCUS);
	{	/* unchanged since the last draw: leave it */
		uint64_t sig = app_sig(APP_SIG_START, text, strlen(text) + 1);

		sig = app_sig(sig, &at, sizeof at);
		sig = app_sig(sig, &y, sizeof y);
		sig = app_sig(sig, &x, sizeof x);
		if (!force && a->cell_sig[gc->value] == sig)
			return;
		a->cell_sig[gc->value] = sig;
	}
	attron(at);
	if (gv->editing && gc->value == gv->cell) {
		int used = draw_str(stdscr, y, x, text, w, true);

		attroff(at);
		move(y, x + (used < w ? used : w - 1));
		return;
	}
	draw_right(stdscr, y, x, text, w);
	attroff(at);
}

static void
draw_label_cell(struct app *a, const struct geo *g, int y, const struct tpl_gcell *gc)
{
	struct gridview *gv = view(a);
	int x, w = 0, first = -1;

	if (gc->col < g->label_cols) {
		if (gc->col == 0)
			draw_str(stdscr, y, g->x0, gc->label, g->lw - 1, false);
		return;
	}
	for (int c = gc->col; c < gc->col + gc->colspan; c++)
		if ((x = col_x(g, gv, c)) >= 0) {
			if (first < 0)
				first = x;
			w += g->cw;
		}
	if (first >= 0)
		draw_str(stdscr, y, first, gc->label, w - 1, false);
}

static void
grid_draw_row(struct app *a, const struct geo *g, int y, size_t r, const unsigned char *bad, bool full)
{
	const struct tpl_row *row = &g->tb->rows[r];

	if (row->type != ROW_DATA && !full)	/* titles and headers do not change */
		return;
	if (row->type == ROW_TITLE) {
		attron(A_BOLD);
		draw_str(stdscr, y, g->x0, row->ncells > 0 ? row->cells[0].label : "", app_pane_w(a) - 1, false);
		attroff(A_BOLD);
		return;
	}
	if (row->type == ROW_HEADER) {
		attron(A_BOLD);
		for (size_t c = 0; c < row->ncells; c++)
			draw_label_cell(a, g, y, &row->cells[c]);
		attroff(A_BOLD);
		return;
	}
	if (g->lw > 0 && full)
		draw_str(stdscr, y, g->x0, row_label(row), g->lw - 1, false);
	for (size_t c = 0; c < row->ncells; c++)
		if (row->cells[c].value >= 0)
			draw_cell(a, g, y, &row->cells[c], bad, full);
}

/* Keep the focused cell on screen. */
static void
scroll_to_focus(struct app *a, const struct geo *g)
{
	struct gridview *gv = view(a);
	const struct tpl_value *v;
	int body_index;

	if (gv->cell < 0)
		return;
	v = &a->r->tpl->values[gv->cell];
	body_index = v->row - g->sticky;
	if (body_index < gv->top)
		gv->top = body_index;
	if (body_index >= gv->top + g->body_rows)
		gv->top = body_index - g->body_rows + 1;
	if (gv->top > 0 && body_index < g->body_rows)	/* show the table's start when it fits */
		gv->top = 0;
	if (v->col - g->label_cols < gv->left)
		gv->left = v->col - g->label_cols;
	if (v->col + v->colspan - g->label_cols > gv->left + g->vis)
		gv->left = v->col + v->colspan - g->label_cols - g->vis;
	if (gv->left < 0)
		gv->left = 0;
}

static void
draw_focus_labels(struct app *a, const struct geo *g)
{
	struct gridview *gv = view(a);
	const struct tpl_value *v;
	struct buf b = BUF_INIT;
	int y = app_pane_bottom(a);

	if (gv->cell < 0)
		return;
	v = &a->r->tpl->values[gv->cell];
	if (*v->row_label != '\0')
		buf_addf(&b, "%s %s  ", _("Row:"), v->row_label);
	buf_addf(&b, "%s %s", _("Column:"), v->col_label);
	if (checker_is_derived(a->ck, gv->cell))
		buf_addf(&b, "  (%s)", _("computed"));
	mvhline(y, g->x0, ' ', app_pane_w(a));
	attron(A_DIM);
	draw_str(stdscr, y, g->x0, b.data, app_pane_w(a) - 1, false);
	attroff(A_DIM);
	buf_free(&b);
}

void
grid_draw(struct app *a, bool full)
{
	const struct template *t = a->r->tpl;
	const struct tpl_table *tb = &t->tables[a->pages[a->cur].index];
	struct gridview *gv = view(a);
	unsigned char *bad = bad_cells(a);
	struct geo g;
	int y = 1, cy = -1, cx = -1, top = gv->top, left = gv->left;

	if (full) {
		attron(A_BOLD);
		draw_str(stdscr, y, app_pane_x(a), t->sections[tb->section].title, app_pane_w(a), true);
		attroff(A_BOLD);
		y += 1 + app_draw_guide(a, y + 1, NULL, t->sections[tb->section].guide, GUIDE_ROWS);
		if (a->r->auto_totals) {
			attron(app_look(a, LOOK_DERIVED));
			draw_str(stdscr, y, app_pane_x(a), _("Auto totals on (^T): computed cells are in this colour."), app_pane_w(a) - 1, false);
			attroff(app_look(a, LOOK_DERIVED));
		} else
			draw_str(stdscr, y, app_pane_x(a), _("Auto totals off (^T): totals are typed and checked."), app_pane_w(a) - 1, false);
		gv->y0 = y + 1;
	}
	geometry(a, &g, gv->y0);
	scroll_to_focus(a, &g);
	if (gv->top != top || gv->left != left)	/* scrolled: the whole grid moves */
		full = true;
	y = gv->y0;
	if (full) {
		for (int r = y; r < app_pane_bottom(a); r++)
			mvhline(r, g.x0, ' ', app_pane_w(a));
		memset(a->cell_sig, 0, t->nvalues * sizeof *a->cell_sig);
	}
	for (int r = 0; r < g.sticky; r++)
		grid_draw_row(a, &g, y++, (size_t)r, bad, full);
	for (int k = 0; k < g.body_rows && (size_t)(g.sticky + gv->top + k) < tb->nrows; k++) {
		size_t r = (size_t)(g.sticky + gv->top + k);

		grid_draw_row(a, &g, y + k, r, bad, full);
		if (gv->cell >= 0 && (size_t)t->values[gv->cell].row == r) {
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

/* Remember a cell change; a new change forgets what was undone. */
static void
remember(struct app *a, int cell, const struct value *before, const struct value *after)
{
	a->cell_edits = xgrow(a->cell_edits, &a->cell_cap, a->cell_done + 1, sizeof *a->cell_edits);
	a->cell_edits[a->cell_done].cell = cell;
	a->cell_edits[a->cell_done].before = *before;
	a->cell_edits[a->cell_done].after = *after;
	a->cell_nedits = ++a->cell_done;
}

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
		remember(a, cell, &before, &v);
		app_edited(a);
	}
	return true;
}

/* Undo (back) or redo the last cell change, and show the cell. */
static void
undo_cell(struct app *a, bool back)
{
	struct cell_edit *e;

	if (back ? a->cell_done == 0 : a->cell_done == a->cell_nedits) {
		app_message(a, MSG_INFO, back ? _("Nothing to undo.") : _("Nothing to redo."));
		return;
	}
	e = &a->cell_edits[back ? --a->cell_done : a->cell_done++];
	if (checker_is_derived(a->ck, e->cell)) {	/* auto totals changed since: it follows its inputs */
		app_message(a, MSG_INFO, _("That change was to a total that is now computed."));
		return;
	}
	checker_set(a->ck, e->cell, back ? &e->before : &e->after, NULL);
	app_edited(a);
	grid_focus(a, a->r->tpl->values[e->cell].table, e->cell);
}

static bool
grid_commit(struct app *a)
{
	struct gridview *gv = view(a);

	if (!gv->editing)
		return true;
	if (!store(a, gv->cell, gv->buf))
		return false;
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

static void
type_char(struct app *a, int key)
{
	struct gridview *gv = view(a);
	size_t len = strlen(gv->buf);
	char u[4];
	size_t k = utf8_encode((uint32_t)key, u);

	if (!gv->editing) {
		if (!starts_value(key)) {
			app_message(a, MSG_ERROR, _("A table cell takes a number, / for not applicable, or nothing."));
			return;
		}
		if (!editable(a, gv->cell)) {
			char *err = NULL;
			struct value dummy = { VALUE_BLANK, 0, 0, "" };

			checker_validate(a->ck, gv->cell, &dummy, &err);
			app_message(a, MSG_ERROR, "%s", err != NULL ? err : "");
			free(err);
			return;
		}
		gv->editing = true;
		len = 0;
	}
	if (len + k + 1 >= sizeof gv->buf)
		return;
	memcpy(gv->buf + len, u, k);
	gv->buf[len + k] = '\0';
}

static void
backspace(struct app *a)
{
	struct gridview *gv = view(a);

	if (!gv->editing) {
		if (!editable(a, gv->cell))
			return;
		value_format(&a->r->cells[gv->cell], &a->r->tpl->values[gv->cell].kind, gv->buf, sizeof gv->buf);
		gv->editing = true;
	}
	utf8_drop_last(gv->buf);
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
	if (code && (key == KEY_BACKSPACE)) {
		backspace(a);
		return;
	}
	if (!code && (key == 127 || key == CTRL('h'))) {
		backspace(a);
		return;
	}
	if (code && key == KEY_DC && !gv->editing) {
		if (editable(a, gv->cell))
			store(a, gv->cell, "");
		return;
	}
	if (!code && key >= 32 && key != 127) {
		type_char(a, key);
		return;
	}
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

/* Paste numbers separated by tabs or spaces across the row, lines down the rows. */
void
grid_paste(struct app *a, const char *s, size_t n)
{
	const struct template *t = a->r->tpl;
	struct gridview *gv = view(a);
	char *copy = xstrndup(s, n), *save_line = NULL;
	int start = gv->cell, row_start = gv->cell, stored = 0, skipped = 0;

	if (!grid_commit(a) || start < 0) {
		free(copy);
		return;
	}
	for (char *line = strtok_r(copy, "\n", &save_line); line != NULL;
	    line = strtok_r(NULL, "\n", &save_line)) {
		char *save = NULL;
		int cell = row_start, row = t->values[row_start].row;

		for (char *tok = strtok_r(line, " \t", &save); tok != NULL; tok = strtok_r(NULL, " \t", &save)) {
			if (cell < 0 || cell >= (int)t->nvalues || t->values[cell].row != row ||
			    t->values[cell].table != t->values[start].table)
				break;
			if (!editable(a, cell))
				skipped++;
			else if (!store(a, cell, tok))
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
	gv->cell = start;
	free(copy);
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
		int ry = tv->row < g.sticky ? g.y0 + tv->row : g.y0 + tv->row - gv->top;

		if (tv->table == g.table && cx >= 0 && x >= cx && x < cx + tv->colspan * g.cw &&
		    ry == y && (tv->row < g.sticky || tv->row - g.sticky >= gv->top) && grid_commit(a)) {
			gv->cell = (int)v;
			return;
		}
	}
}

char *
grid_status(struct app *a)
{
	struct gridview *gv = view(a);
	const int *insts;
	size_t n;

	if (gv->cell < 0)
		return NULL;
	n = checker_readers(a->ck, gv->cell, &insts);
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < n; k++) {
			struct finding f;

			if (checker_status(a->ck, (size_t)insts[k]) != FINDING_FAIL)
				continue;
			checker_finding(a->ck, (size_t)insts[k], &f);
			if (f.warning == (pass == 1))
				return checker_message(a->ck, (size_t)insts[k]);
		}
	return NULL;
}
