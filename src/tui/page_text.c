/* page_text.c - a narrative part: its guidance above, the officer's text below. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "core/links.h"
#include "lib/hash.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "tui/app.h"
#include "tui/draw.h"

#define CTRL(c) ((c) & 0x1f)
#define TEXT_FACTS_MAX	64	/* facts whose values are kept for the links: a template has a dozen */

/*
 * The values the linked numbers show, as of the last text_values: every
 * text page draws and wraps its links from here, and a stamp of them tells
 * a text to wrap again when a table changed a value.
 */
static struct {
	const struct report	*r;
	char			 v[TEXT_FACTS_MAX][LINKS_VALUE_MAX];
	bool			 known[TEXT_FACTS_MAX];
	size_t			 n;
	uint64_t		 stamp;
} text_links;

/* The facts' current values, read again from the tables. */
static void
text_values(const struct report *r)
{
	uint64_t h = HASH_START;

	text_links.r = r;
	text_links.n = links_nfacts(r->tpl);
	if (text_links.n > TEXT_FACTS_MAX)
		text_links.n = TEXT_FACTS_MAX;
	for (size_t i = 0; i < text_links.n; i++) {
		text_links.known[i] = links_value(r, (int)i, text_links.v[i]);
		h = hash_bytes(h, text_links.v[i], strlen(text_links.v[i]) + 1);
	}
	text_links.stamp = h;
}

/* textbuf's question (tb_links.at): a link at s, and the value it shows. */
static size_t
text_link_at(void *ctx, const char *s, size_t n, const char **shown)
{
	int f;
	size_t len = links_at(text_links.r->tpl, s, n, &f);

	(void)ctx;
	if (len == 0 || (size_t)f >= text_links.n)
		return 0;
	*shown = text_links.v[f];
	return len;
}

static const struct tb_links text_tb_links = { text_link_at, NULL };

static struct textbuf *
text_buffer(struct app *a, int part)
{
	if (a->texts[part] == NULL) {
		const char *s = a->r->texts[part];

		a->texts[part] = textbuf_create(s, strlen(s), draw_ambiguous());
	}
	if (text_links.r != a->r)
		text_values(a->r);
	textbuf_set_links(a->texts[part], &text_tb_links, text_links.stamp);
	return a->texts[part];
}

void
text_cursor(struct app *a, int part, size_t *line, size_t *byte)
{
	textbuf_cursor(text_buffer(a, part), line, byte);
}

void
text_set_cursor(struct app *a, int part, size_t line, size_t byte)
{
	textbuf_set_cursor(text_buffer(a, part), line, byte);
}

void
text_sync(struct app *a)
{
	for (size_t p = 0; a->texts != NULL && p < a->r->tpl->nparts; p++) {
		struct textbuf *tb = a->texts[p];
		char *s, *err = NULL;

		if (tb == NULL || !textbuf_dirty(tb))
			continue;
		s = textbuf_text(tb);
		if (report_set_text(a->r, (int)p, s, &err) != 0)	/* cannot happen: textbuf keeps UTF-8 */
			free(err);
		free(s);
		textbuf_mark_clean(tb);
	}
}

void
text_focus(struct app *a, int part, size_t at)
{
	const char *s = a->r->texts[part];
	size_t line = 0, start = 0;

	for (size_t pg = 0; pg < a->npages; pg++)
		if (a->pages[pg].kind == PAGE_TEXT && a->pages[pg].index == part) {
			app_go(a, pg);
			break;
		}
	for (size_t i = 0; i < at && s[i] != '\0'; i++)
		if (s[i] == '\n') {
			line++;
			start = i + 1;
		}
	textbuf_set_cursor(text_buffer(a, part), line, at - start);
}

/* First row of the editing area (below title and guidance). */
static int
text_area_top(struct app *a)
{
	const struct template *t = a->r->tpl;
	const struct tpl_part *p = &t->parts[a->pages[a->cur].index];
	int y = 1;

	if (p->section > 0) {
		attron(A_BOLD);
		draw_str(stdscr, y++, app_pane_x(a), t->sections[p->section].title, app_pane_w(a), true);
		attroff(A_BOLD);
	}
	y += app_draw_guide(a, y, p->title, p->guide, app_guide_rows(a, 5));
	mvhline_set(y++, app_pane_x(a), WACS_HLINE, app_pane_w(a));
	return y;
}

/* Draw n bytes of a text row at (y, x) in w columns, each link as its value in its own colour. */
static void
text_draw_links(struct app *a, int y, int x, const char *s, size_t n, int w)
{
	size_t from = 0;
	struct link l;
	int used = 0;

	while (links_next(a->r->tpl, s, n, from, &l) && (size_t)l.fact < text_links.n) {
		attr_t look = app_look(a, text_links.known[l.fact] ? LOOK_DERIVED : LOOK_BAD);

		used += draw_text(stdscr, y, x + used, s + from, l.start - from, w - used, false);
		attron(look);
		used += draw_str(stdscr, y, x + used, text_links.v[l.fact], w - used, false);
		attroff(look);
		from = l.end;
	}
	draw_text(stdscr, y, x + used, s + from, n - from, w - used, false);
}

/* Draw screen row y of the text: rows whose content did not change are left alone. */
static void
text_draw_row(struct app *a, int y, const char *s, size_t n, bool placeholder)
{
	int x = app_pane_x(a), w = app_pane_w(a) - 1;
	uint64_t sig = hash_bytes(hash_bytes(HASH_START, &placeholder, 1), s, n);

	if (memchr(s, '{', n) != NULL)	/* what its links show is on the row too */
		sig = hash_bytes(sig, &text_links.stamp, sizeof text_links.stamp);
	if (a->row_sig[y] == sig)
		return;
	a->row_sig[y] = sig;
	mvhline(y, x, ' ', w);
	if (placeholder) {
		attron(app_look(a, LOOK_GUIDE));
		draw_str(stdscr, y, x, _("(empty: type the text here; Chinese input works as usual)"), w, false);
		attroff(app_look(a, LOOK_GUIDE));
	} else
		text_draw_links(a, y, x, s, n, w);
}

void
text_draw(struct app *a, bool full)
{
	int part = a->pages[a->cur].index, x = app_pane_x(a), y0, rows, w = app_pane_w(a) - 1, col;
	int *top = &a->text_top[part];
	struct textbuf *tb;
	struct tb_vline prev = { 0, 0, 0 };
	size_t cv, len0 = 0;
	bool empty, ended = false;

	if (full)	/* a new page, or back from a table: the values may have changed */
		text_values(a->r);
	tb = text_buffer(a, part);
	if (full)
		a->body_y0 = text_area_top(a);
	y0 = a->body_y0;
	rows = app_pane_bottom(a) - y0 + 1;
	textbuf_set_width(tb, w);
	textbuf_cursor_pos(tb, &cv, &col);
	if ((int)cv < *top)
		*top = (int)cv;
	if ((int)cv >= *top + rows)
		*top = (int)cv - rows + 1;
	empty = textbuf_lines(tb) == 1 && (textbuf_line(tb, 0, &len0), len0 == 0);
	/* Only the rows on screen are wrapped: counting every visual line of a long
	 * paragraph on each keystroke would rewrap it to its end. */
	for (int r = 0; r < rows; r++) {
		struct tb_vline vl = textbuf_vline(tb, (size_t)(*top + r));
		size_t len;
		const char *line = textbuf_line(tb, vl.line, &len);

		if (r > 0 && vl.line == prev.line && vl.start == prev.start)
			ended = true;	/* textbuf_vline clamps past the end */
		if (ended)
			text_draw_row(a, y0 + r, "", 0, false);
		else
			text_draw_row(a, y0 + r, line + vl.start, vl.end - vl.start, empty && r == 0);
		prev = vl;
	}
	move(y0 + (int)cv - *top, x + col);
}

/* ---- the list of facts, to insert a linked number ---- */

struct pick_screen {
	struct screen	 s;
	size_t		 sel, top;
	int		 chosen;	/* the fact to insert, or -1 */
};

static void
pick_draw_row(struct app *a, const struct pick_screen *p, size_t k, int y)
{
	const char *name = links_fact_name(a->r->tpl, (int)k);
	int namew = a->cols / 2;

	if (k == p->sel)
		attron(app_look(a, LOOK_SEL));
	mvhline(y, 0, ' ', a->cols);
	app_draw_cut(y, 2, name, namew - 3, false);
	if (k != p->sel)
		attron(app_look(a, text_links.known[k] ? LOOK_DERIVED : LOOK_BAD));
	draw_str(stdscr, y, namew, text_links.v[k], a->cols - namew, false);
	if (k != p->sel)
		attroff(app_look(a, text_links.known[k] ? LOOK_DERIVED : LOOK_BAD));
	if (k == p->sel)
		attroff(app_look(a, LOOK_SEL));
}

static void
pick_draw(struct app *a, struct screen *s)
{
	struct pick_screen *p = (struct pick_screen *)s;
	size_t rows = (size_t)(a->rows - 5);

	erase();
	attron(app_look(a, LOOK_TITLE));
	mvhline(0, 0, ' ', a->cols);
	draw_str(stdscr, 0, 1, _("Insert a number from the tables: Enter inserts it, Esc closes"), a->cols - 1, false);
	attroff(app_look(a, LOOK_TITLE));
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + rows)
		p->top = p->sel - rows + 1;
	for (size_t k = p->top; k < text_links.n && k < p->top + rows; k++)
		pick_draw_row(a, p, k, 1 + (int)(k - p->top));
	mvhline_set(a->rows - 3, 0, WACS_HLINE, a->cols);
	app_draw_cut(a->rows - 2, 1,
	    _("The number follows the tables: change a table and the text shows the new value; exports write its digits."),
	    a->cols - 2, false);
	app_draw_hints(a, CTX_PICK);
}

static bool
pick_key(struct app *a, struct screen *s, int rc, wint_t wc)
{
	struct pick_screen *p = (struct pick_screen *)s;
	size_t page = (size_t)(a->rows > 8 ? a->rows - 6 : 1);

	if (rc == ERR)
		return false;
	if (rc == KEY_CODE_YES && wc == KEY_DOWN && p->sel + 1 < text_links.n)
		p->sel++;
	else if (rc == KEY_CODE_YES && wc == KEY_UP && p->sel > 0)
		p->sel--;
	else if (rc == KEY_CODE_YES && wc == KEY_NPAGE)
		p->sel = p->sel + page < text_links.n ? p->sel + page : text_links.n - 1;
	else if (rc == KEY_CODE_YES && wc == KEY_PPAGE)
		p->sel = p->sel > page ? p->sel - page : 0;
	else if (rc == KEY_CODE_YES && wc == KEY_HOME)
		p->sel = 0;
	else if (rc == KEY_CODE_YES && wc == KEY_END)
		p->sel = text_links.n - 1;
	else if ((rc == OK && (wc == '\r' || wc == '\n')) || (rc == KEY_CODE_YES && wc == KEY_ENTER)) {
		p->chosen = (int)p->sel;
		s->done = true;
	} else if ((rc == OK && (wc == 27 || wc == 'q' || wc == CTRL('n'))) || (rc == KEY_CODE_YES && wc == KEY_F(7)))
		s->done = true;
	return true;
}

/* Choose a fact from the list and insert its link at the cursor. */
static bool
text_insert_link(struct app *a, struct textbuf *tb)
{
	struct pick_screen p = { { pick_draw, pick_key, false, false }, 0, 0, -1 };
	const char *id;
	char *link;
	bool done;

	text_values(a->r);
	if (text_links.n == 0) {
		app_message(a, MSG_INFO, _("This format has no numbers to link."));
		return false;
	}
	app_run(a, &p.s);
	if (p.chosen < 0)
		return false;
	id = links_fact_id(a->r->tpl, p.chosen);
	link = xasprintf("{=%s}", id);
	done = textbuf_insert(tb, link, strlen(link));
	free(link);
	if (done)
		app_message(a, MSG_INFO, _("Inserted %s (%s): it follows the tables."),
		    links_fact_name(a->r->tpl, p.chosen), text_links.v[p.chosen]);
	return done;
}

void
text_key(struct app *a, int key, bool code)
{
	int part = a->pages[a->cur].index;
	struct textbuf *tb = text_buffer(a, part);
	size_t at = live_cursor(a, part);	/* where the review looks again */
	bool changed = false;

	if ((code && key == KEY_F(7)) || (!code && key == CTRL('n'))) {
		if (a->readonly)
			app_message(a, MSG_ERROR, _("This file is read-only: changes are not possible."));
		else if (text_insert_link(a, tb))
			app_edited(a);
		return;
	}
	if (code) {
		switch (key) {
		case KEY_LEFT: textbuf_left(tb); break;
		case KEY_RIGHT: textbuf_right(tb); break;
		case KEY_UP: textbuf_up(tb); break;
		case KEY_DOWN: textbuf_down(tb); break;
		case KEY_HOME: textbuf_home(tb); break;
		case KEY_END: textbuf_end(tb); break;
		case KEY_CTRL_UP: textbuf_prev_paragraph(tb); break;
		case KEY_CTRL_DOWN: textbuf_next_paragraph(tb); break;
		case KEY_BACKSPACE: changed = textbuf_backspace(tb); break;
		case KEY_DC: changed = textbuf_delete(tb); break;
		case KEY_ENTER: changed = textbuf_insert(tb, "\n", 1); break;
		default: break;
		}
	} else if (key == '\r' || key == '\n') {
		changed = textbuf_insert(tb, "\n", 1);
	} else if (key == 127 || key == CTRL('h')) {
		changed = textbuf_backspace(tb);
	} else if (key == CTRL('z')) {
		if (!(changed = textbuf_undo(tb)))
			app_message(a, MSG_INFO, _("Nothing to undo."));
	} else if (key == CTRL('y')) {
		if (!(changed = textbuf_redo(tb)))
			app_message(a, MSG_INFO, _("Nothing to redo."));
	} else if (key == '\t' || key >= 32) {
		char u[4];

		changed = textbuf_insert(tb, u, utf8_encode((uint32_t)key, u));
	}
	if (changed) {
		app_edited(a);
		live_text_edited(a, part, at, live_cursor(a, part), code || (key != CTRL('z') && key != CTRL('y')));
	}
}

void
text_paste(struct app *a, const char *s, size_t n)
{
	int part = a->pages[a->cur].index;
	struct textbuf *tb = text_buffer(a, part);
	size_t at = live_cursor(a, part);

	if (textbuf_insert(tb, s, n)) {
		app_edited(a);
		live_text_edited(a, part, at, live_cursor(a, part), true);
	} else
		app_message(a, MSG_ERROR, _("The pasted text holds control characters or invalid bytes; nothing was inserted."));
}

void
text_click(struct app *a, int y, int x)
{
	int part = a->pages[a->cur].index, y0;
	struct textbuf *tb = text_buffer(a, part);

	y0 = a->body_y0;
	if (y < y0 || y > app_pane_bottom(a))
		return;
	textbuf_goto(tb, (size_t)(a->text_top[part] + y - y0), x - app_pane_x(a));
}
