/* page_text.c - a narrative part: its guidance above, the officer's text below. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "lib/hash.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "tui/app.h"
#include "tui/draw.h"

#define CTRL(c) ((c) & 0x1f)

static struct textbuf *
text_buffer(struct app *a, int part)
{
	if (a->texts[part] == NULL) {
		const char *s = a->r->texts[part];

		a->texts[part] = textbuf_create(s, strlen(s), draw_ambiguous());
	}
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

/* Draw screen row y of the text: rows whose content did not change are left alone. */
static void
text_draw_row(struct app *a, int y, const char *s, size_t n, bool placeholder)
{
	int x = app_pane_x(a), w = app_pane_w(a) - 1;
	uint64_t sig = hash_bytes(hash_bytes(HASH_START, &placeholder, 1), s, n);

	if (a->row_sig[y] == sig)
		return;
	a->row_sig[y] = sig;
	mvhline(y, x, ' ', w);
	if (placeholder) {
		attron(app_look(a, LOOK_GUIDE));
		draw_str(stdscr, y, x, _("(empty: type the text here; Chinese input works as usual)"), w, false);
		attroff(app_look(a, LOOK_GUIDE));
	} else
		draw_text(stdscr, y, x, s, n, w, false);
}

void
text_draw(struct app *a, bool full)
{
	int part = a->pages[a->cur].index, x = app_pane_x(a), y0, rows, w = app_pane_w(a) - 1, col;
	int *top = &a->text_top[part];
	struct textbuf *tb = text_buffer(a, part);
	struct tb_vline prev = { 0, 0, 0 };
	size_t cv, len0 = 0;
	bool empty, ended = false;

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

void
text_key(struct app *a, int key, bool code)
{
	int part = a->pages[a->cur].index;
	struct textbuf *tb = text_buffer(a, part);
	size_t at = live_cursor(a, part);	/* where the review looks again */
	bool changed = false;

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
