/* tui.c - the editor's main loop: open, draw, dispatch keys, save, journal, quit. */
#include "nb.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/create.h"
#include "export/export.h"
#include "import/lastyear.h"
#include "lib/atomic.h"
#include "lib/buf.h"
#include "lib/utf8.h"
#include "lib/width.h"
#include "lib/xalloc.h"
#include "store/journal.h"
#include "store/store.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/tui.h"

#define CTRL(c) ((c) & 0x1f)
#define JOURNAL_SECONDS 1	/* journal at most this long after an edit (+ the 0.5 s tick) */

static volatile sig_atomic_t got_hangup;

static void
on_hangup(int sig)
{
	(void)sig;
	got_hangup = 1;
}

/* ---- looks and messages -------------------------------------------------- */

attr_t
app_look(const struct app *a, enum look l)
{
	static const attr_t mono[LOOK_COUNT] = {
		[LOOK_NORMAL] = A_NORMAL, [LOOK_TITLE] = A_REVERSE, [LOOK_GUIDE] = A_DIM,
		[LOOK_DERIVED] = A_UNDERLINE, [LOOK_BAD] = A_BOLD, [LOOK_FOCUS] = A_REVERSE,
		[LOOK_GOOD] = A_NORMAL, [LOOK_TODO] = A_NORMAL, [LOOK_HINTKEY] = A_REVERSE,
		[LOOK_SEL] = A_REVERSE,
	};

	if (!a->color || l == LOOK_NORMAL || l == LOOK_FOCUS || l == LOOK_SEL ||
	    l == LOOK_HINTKEY || l == LOOK_TITLE)
		return mono[l];
	return COLOR_PAIR(l) | (l == LOOK_BAD ? A_BOLD : 0);
}

static void
init_looks(struct app *a)
{
	a->color = has_colors();
	if (!a->color)
		return;
	start_color();
	use_default_colors();
	init_pair(LOOK_GUIDE, COLOR_BLUE, -1);
	init_pair(LOOK_DERIVED, COLOR_CYAN, -1);
	init_pair(LOOK_BAD, COLOR_RED, -1);
	init_pair(LOOK_GOOD, COLOR_GREEN, -1);
	init_pair(LOOK_TODO, COLOR_YELLOW, -1);
}

void
app_message(struct app *a, enum msg_level l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	a->msg_level = l;
}

void
app_edited(struct app *a)
{
	a->edits++;
}

static bool
unsaved(const struct app *a)
{
	return a->edits != a->saved_edits;
}

/* ---- drawing ------------------------------------------------------------- */

int
app_draw_guide(struct app *a, int y, const char *title, const char *guide, int max)
{
	int x = app_pane_x(a), w = app_pane_w(a) - 1, used = 0;
	size_t *st, n;

	if (title != NULL && *title != '\0') {
		attron(A_BOLD);
		draw_str(stdscr, y + used++, x, title, w, true);
		attroff(A_BOLD);
	}
	n = draw_wrap(guide, w, &st);
	attron(app_look(a, LOOK_GUIDE));
	for (size_t i = 0; i < n && used < max && *guide != '\0'; i++) {
		size_t len = st[i + 1] - st[i];

		if (len > 0 && guide[st[i] + len - 1] == '\n')
			len--;
		if (used == max - 1 && i + 1 < n) {	/* the last row that fits ends with an ellipsis */
			size_t fit = draw_fit(guide + st[i], len, w - 2);

			draw_text(stdscr, y + used, x, guide + st[i], fit, w - 2, false);
			draw_str(stdscr, y + used++, x + draw_width("") + (int)width_str(guide + st[i], fit, draw_ambiguous()), "…", 2, false);
			break;
		}
		draw_text(stdscr, y + used++, x, guide + st[i], len, w, true);
	}
	attroff(app_look(a, LOOK_GUIDE));
	free(st);
	return used;
}

static void
draw_title(struct app *a)
{
	struct buf b = BUF_INIT;

	attron(app_look(a, LOOK_TITLE));
	mvhline(0, 0, ' ', a->cols);
	buf_addf(&b, " nianbao  %s  ", a->path);
	report_title(a->r, &b);
	if (a->readonly)
		buf_addf(&b, "  [%s]", _("read-only"));
	else if (unsaved(a))
		buf_addf(&b, "  [%s]", _("modified"));
	draw_str(stdscr, 0, 0, b.data, a->cols, false);
	attroff(app_look(a, LOOK_TITLE));
	buf_free(&b);
}

static void
draw_hints(struct app *a)
{
	const struct key_help *h;
	enum key_context ctx = a->pages[a->cur].kind == PAGE_TABLE ? CTX_GRID :
	    a->pages[a->cur].kind == PAGE_INFO ? CTX_FORM : CTX_TEXT;
	size_t n = keys_hints(ctx, &h);
	int x = 0, y = a->rows - 1;

	move(y, 0);
	clrtoeol();
	for (size_t i = 0; i < n; i++) {
		int need = draw_width(h[i].keys) + 1 + draw_width(_(h[i].what)) + 2;

		if (x + need > a->cols)
			break;
		attron(app_look(a, LOOK_HINTKEY));
		x += draw_str(stdscr, y, x, h[i].keys, a->cols - x, false);
		attroff(app_look(a, LOOK_HINTKEY));
		x += 1;
		x += draw_str(stdscr, y, x, _(h[i].what), a->cols - x, false) + 2;
	}
}

/* The most important diagnostic of the report, for the status line; caller frees. */
static char *
report_status(struct app *a, enum msg_level *l)
{
	size_t ne = checker_errors(a->ck), nw = checker_warnings(a->ck);

	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < checker_instances(a->ck); i++) {
			struct finding f;
			char *m, *s;

			if (checker_status(a->ck, i) != FINDING_FAIL)
				continue;
			checker_finding(a->ck, i, &f);
			if (f.warning != (pass == 1))
				continue;
			m = checker_message(a->ck, i);
			s = xasprintf(_("[%zu errors, %zu warnings; ^E lists them] %s"), ne, nw, m);
			free(m);
			*l = f.warning ? MSG_WARN : MSG_ERROR;
			return s;
		}
	*l = MSG_INFO;
	return xstrdup(_("No errors: every relation of the tables holds so far."));
}

/* The status: two rows, so that a broken relation's message keeps its end (the
 * value that fixes it) on screen at 80 columns. */
static void
draw_status(struct app *a)
{
	int y = a->rows - 3;
	enum msg_level l = a->msg_level;
	char *s = NULL;
	attr_t at;

	if (l == MSG_NONE && a->pages[a->cur].kind == PAGE_TABLE)
		s = grid_status(a);
	if (l == MSG_NONE && s == NULL)
		s = report_status(a, &l);
	else if (s != NULL)
		l = MSG_ERROR;
	at = l == MSG_ERROR ? app_look(a, LOOK_BAD) : l == MSG_WARN ? app_look(a, LOOK_TODO) : A_NORMAL;
	{
		const char *text = s != NULL ? s : a->msg;
		size_t *st, n = draw_wrap(text, a->cols, &st);

		attron(at | A_BOLD);
		for (int r = 0; r < 2; r++) {
			size_t from = (size_t)r < n ? st[r] : strlen(text);
			size_t len = (size_t)r < n ? st[r + 1] - st[r] : 0;

			move(y + r, 0);
			clrtoeol();
			if (r == 1 && n > 2)	/* keep the end: it holds the value to type */
				from = st[n - 1], len = st[n] - st[n - 1];
			draw_text(stdscr, y + r, 0, text + from, len, a->cols, true);
		}
		attroff(at | A_BOLD);
		free(st);
	}
	free(s);
}

static void
draw_too_small(struct app *a)
{
	erase();
	draw_str(stdscr, 0, 0, _("Please enlarge the window to at least 80x24."), a->cols, false);
	draw_str(stdscr, 1, 0, _("Your report is safe; nothing is lost."), a->cols, false);
	refresh();
}

static void
draw_page(struct app *a, bool full)
{
	switch (a->pages[a->cur].kind) {
	case PAGE_INFO:
		info_draw(a);
		break;
	case PAGE_TEXT:
		text_draw(a, full);
		break;
	case PAGE_TABLE:
		grid_draw(a, full);
		break;
	}
}

/* Forget what is on the screen: the next draw starts from an empty screen. */
static void
forget_screen(struct app *a)
{
	free(a->row_sig);
	free(a->cell_sig);
	a->row_sig = xcalloc((size_t)a->rows + 1, sizeof *a->row_sig);
	a->cell_sig = xcalloc(a->r->tpl->nvalues + 1, sizeof *a->cell_sig);
}

/*
 * Draw what changed since the last call: everything after a page change, a
 * resize or a dialog; otherwise the title, the status, the navigator when
 * the report changed, and the page's rows and cells whose content changed
 * (ncurses keeps the rest, and sends the terminal only the difference).
 */
static void
draw_all(struct app *a)
{
	int rows, cols;
	bool full;

	getmaxyx(stdscr, rows, cols);
	if (rows != a->rows || cols != a->cols || a->cur != a->drawn_page || a->row_sig == NULL)
		a->full = true;
	a->rows = rows;
	a->cols = cols;
	if (a->rows < MIN_ROWS || a->cols < MIN_COLS) {
		draw_too_small(a);
		a->full = true;
		return;
	}
	full = a->full;
	if (full) {
		erase();
		forget_screen(a);
		draw_hints(a);
	}
	if (full || a->edits != a->drawn_edits)
		nav_draw(a, full);
	draw_title(a);
	draw_status(a);
	draw_page(a, full);	/* last: it leaves the cursor where typing goes */
	a->full = false;
	a->drawn_page = a->cur;
	a->drawn_edits = a->edits;
	refresh();
}

/* ---- dialogs on the status line ------------------------------------------ */

/* Ask a question; returns the chosen key (lowercase) among choices, or 0 on Esc. */
static int
ask(struct app *a, const char *question, const char *choices)
{
	for (;;) {
		wint_t wc;
		int rc, y = a->rows - 3;

		move(y + 1, 0);
		clrtoeol();
		move(y, 0);
		clrtoeol();
		attron(A_REVERSE | A_BOLD);
		draw_str(stdscr, y, 0, question, a->cols, true);
		attroff(A_REVERSE | A_BOLD);
		refresh();
		timeout(-1);
		rc = get_wch(&wc);
		timeout(500);
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
			getmaxyx(stdscr, a->rows, a->cols);
			continue;
		}
		if (rc == OK && wc == 27)
			return 0;
		if (((rc == OK && (wc == '\r' || wc == '\n')) || (rc == KEY_CODE_YES && wc == KEY_ENTER)) &&
		    strchr(choices, '\r') != NULL)
			return '\r';
		if (rc == OK && wc > 32 && wc < 128 && strchr(choices, (int)(wc | 0x20)) != NULL)
			return (int)(wc | 0x20);
	}
}

/* Read a line of text on row y after label; NULL on Esc. Caller frees. */
static char *
prompt_line(int y, const char *label, const char *initial)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, initial);
	for (;;) {
		wint_t wc;
		int rc, x, cols = COLS;

		move(y, 0);
		clrtoeol();
		x = draw_str(stdscr, y, 0, label, cols / 2, false) + 1;
		x += draw_str(stdscr, y, x, b.data, cols - x - 1, false);
		move(y, x);
		refresh();
		rc = get_wch(&wc);
		if (rc == ERR || (rc == KEY_CODE_YES && wc == KEY_RESIZE))
			continue;
		if (rc == OK && wc == 27) {
			buf_free(&b);
			return NULL;
		}
		if ((rc == OK && (wc == '\r' || wc == '\n')) || (rc == KEY_CODE_YES && wc == KEY_ENTER))
			return buf_detach(&b);
		if ((rc == OK && (wc == 127 || wc == 8)) || (rc == KEY_CODE_YES && wc == KEY_BACKSPACE)) {
			if (b.data != NULL) {
				utf8_drop_last(b.data);
				b.len = strlen(b.data);
			}
		} else if (rc == OK && wc >= 32 && wc != 127) {
			char u[4];

			buf_add(&b, u, utf8_encode((uint32_t)wc, u));
		}
	}
}

/* ---- saving, journal, quitting ------------------------------------------- */

static void
report_bytes(struct app *a, struct buf *b)
{
	text_sync(a);
	store_serialize(a->r, b);
}

static bool
save(struct app *a)
{
	struct store_save_opts so = { &a->stamp, false, NULL };
	char *err = NULL;
	bool ok;
	int rc;

	if (a->readonly) {
		app_message(a, MSG_ERROR, _("This file is read-only: it cannot be saved."));
		return false;
	}
	text_sync(a);
	rc = store_save(a->r, a->path, STORE_REPLACE, &so, &err);
	/* As nano: a file changed behind the editor's back is replaced only when the user says so. */
	if (rc == STORE_CHANGED && ask(a, _("The file was modified since it was opened.  Y overwrite it   N cancel"), "yn") == 'y') {
		free(err);
		err = NULL;
		a->stamp.known = false;
		rc = store_save(a->r, a->path, STORE_REPLACE, &so, &err);
	}
	ok = rc == 0;
	if (ok && so.note != NULL)
		app_message(a, MSG_WARN, _("Saved %s, but %s."), a->path, so.note);
	free(so.note);
	if (ok) {
		a->saved_edits = a->journaled_edits = a->edits;
		journal_remove(a->path);
		if (so.note == NULL)
			app_message(a, MSG_INFO, _("Saved %s (the previous version is %s~)."), a->path, a->path);
	} else if (rc == STORE_CHANGED) {
		app_message(a, MSG_WARN, _("Not saved: %s was changed by another program."), a->path);
		free(err);
	} else {
		app_message(a, MSG_ERROR, "%s", err);
		free(err);
	}
	return ok;
}

/* Within two seconds of an edit, put a snapshot beside the file. */
static void
journal_tick(struct app *a, bool now)
{
	struct buf b = BUF_INIT;
	char *err = NULL;

	if (a->readonly || a->no_journal || a->journaled_edits == a->edits || a->edits == a->saved_edits)
		return;
	if (!now && time(NULL) - a->journal_time < JOURNAL_SECONDS)
		return;
	report_bytes(a, &b);
	if (journal_write(a->path, b.data, b.len, &err) == 0) {
		a->journaled_edits = a->edits;
		a->journal_time = time(NULL);
	} else if (!a->journal_failed) {
		app_message(a, MSG_ERROR, _("Cannot write the recovery journal: %s. Save often."), err);
		a->journal_failed = true;
	}
	free(err);
	buf_free(&b);
}

static void
quit(struct app *a)
{
	int c;

	if (!unsaved(a) || a->readonly) {
		a->quit = true;
		return;
	}
	c = ask(a, _("Save the changes before quitting?  Y save   N discard   C cancel"), "ync");
	if (c == 'y' && save(a))
		a->quit = true;
	else if (c == 'n') {
		journal_remove(a->path);
		a->quit = true;
	}
}

/* ---- lists: problems and help -------------------------------------------- */

static void
problems(struct app *a)
{
	size_t n = 0, sel = 0, top = 0, *ids = xcalloc(checker_instances(a->ck) + 1, sizeof *ids);

	text_sync(a);
	for (size_t i = 0; i < checker_instances(a->ck); i++)
		if (checker_status(a->ck, i) == FINDING_FAIL)
			ids[n++] = i;
	for (;;) {
		int rows = a->rows - 6, rc;
		wint_t wc;

		erase();
		attron(app_look(a, LOOK_TITLE));
		mvhline(0, 0, ' ', a->cols);
		draw_str(stdscr, 0, 1, _("Errors and warnings: Enter goes to the cell, Esc closes"), a->cols - 1, false);
		attroff(app_look(a, LOOK_TITLE));
		if (n == 0)
			draw_str(stdscr, 2, 2, _("No errors and no warnings."), a->cols - 2, false);
		if (sel < top)
			top = sel;
		if (sel >= top + (size_t)rows)
			top = sel - (size_t)rows + 1;
		for (size_t k = top; k < n && k < top + (size_t)rows; k++) {
			struct finding f;
			char *m = checker_message(a->ck, ids[k]), *line;

			checker_finding(a->ck, ids[k], &f);
			line = xasprintf("%s %s  %s", f.warning ? _("warning") : _("error"), f.rule, m);
			if (k == sel)
				attron(app_look(a, LOOK_SEL));
			draw_str(stdscr, 1 + (int)(k - top), 0, line, a->cols, true);
			if (k == sel)
				attroff(app_look(a, LOOK_SEL));
			free(line);
			free(m);
		}
		if (n > 0) {	/* the whole message of the chosen problem */
			char *m = checker_message(a->ck, ids[sel]);
			size_t *st, nl = draw_wrap(m, a->cols, &st);

			mvhline_set(a->rows - 5, 0, WACS_HLINE, a->cols);
			for (size_t r = 0; r < nl && r < 4; r++)
				draw_text(stdscr, a->rows - 4 + (int)r, 0, m + st[r], st[r + 1] - st[r], a->cols, false);
			free(st);
			free(m);
		}
		refresh();
		rc = get_wch(&wc);
		if (rc == ERR)
			continue;
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE)
			getmaxyx(stdscr, a->rows, a->cols);
		else if (rc == KEY_CODE_YES && wc == KEY_UP && sel > 0)
			sel--;
		else if (rc == KEY_CODE_YES && wc == KEY_DOWN && sel + 1 < n)
			sel++;
		else if ((rc == OK && (wc == '\r' || wc == '\n')) || (rc == KEY_CODE_YES && wc == KEY_ENTER)) {
			struct finding f;

			if (n > 0) {
				checker_finding(a->ck, ids[sel], &f);
				if (f.ncells > 0) {
					int cell = f.fix >= 0 ? f.fix : f.cells[0];

					grid_focus(a, a->r->tpl->values[cell].table, cell);
				}
			}
			break;
		} else if (rc == OK && (wc == 27 || wc == 'q' || wc == CTRL('e')))
			break;
		else if (rc == KEY_CODE_YES && (wc == KEY_F(2)))
			break;
	}
	free(ids);
	a->full = true;
}

static void
tui_help(struct app *a)
{
	const struct key_help *k;
	size_t n = keys_all(&k);
	int top = 0;

	for (;;) {
		int y = 2, rc;
		wint_t wc;

		erase();
		attron(app_look(a, LOOK_TITLE));
		mvhline(0, 0, ' ', a->cols);
		draw_str(stdscr, 0, 1, _("nianbao help: keys (Esc or q closes, arrows scroll)"), a->cols - 1, false);
		attroff(app_look(a, LOOK_TITLE));
		draw_str(stdscr, 1, 1, _("Walk through the report with PgDn; fill the texts and the tables; ^S saves."), a->cols - 1, false);
		for (size_t i = (size_t)top; i < n && y < a->rows - 1; i++, y++) {
			attron(A_BOLD);
			draw_str(stdscr, y, 1, _(k[i].keys), 24, false);
			attroff(A_BOLD);
			draw_str(stdscr, y, 26, _(k[i].what), a->cols - 27, false);
		}
		refresh();
		rc = get_wch(&wc);
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE)
			getmaxyx(stdscr, a->rows, a->cols);
		else if (rc == KEY_CODE_YES && wc == KEY_DOWN && top + 1 < (int)n)
			top++;
		else if (rc == KEY_CODE_YES && wc == KEY_UP && top > 0)
			top--;
		else if (rc == OK && (wc == 27 || wc == 'q' || wc == '\r'))
			break;
		else if (rc == KEY_CODE_YES && wc == KEY_F(1))
			break;
	}
	a->full = true;
}

/* ---- dispatch ------------------------------------------------------------- */

void
app_go(struct app *a, size_t page)
{
	if (page >= a->npages)
		return;
	text_sync(a);
	a->cur = page;
	if (a->pages[page].kind == PAGE_TABLE)
		grid_enter(a, a->pages[page].index);
}

/* Ask one of the export choices; Enter keeps the remembered one. */
static int
ask_choice(struct app *a, const char *question, const char *keys, int current)
{
	char *q = xasprintf(_("%s  (Enter: %c)"), question, current);
	char choices[16];
	int c;

	snprintf(choices, sizeof choices, "%s\r", keys);
	c = ask(a, q, choices);
	free(q);
	return c == '\r' ? current : c;
}

/* The export dialog: format, encoding, line ends, blanks; then write beside the report. */
static void
export_dialog(struct app *a)
{
	struct export_request req;
	struct export_stats st = { 0 };
	struct buf bytes = BUF_INIT;
	char *err = NULL, *out, *choice;
	int c;

	text_sync(a);
	export_request_init(&req, a->r->export_choice);
	if ((c = ask_choice(a, _("Export as  T text   H HTML   W Word (.docx)"), "thw",
	    req.docx ? 'w' : req.html ? 'h' : 't')) == 0)
		return;
	req.html = c == 'h';
	req.docx = c == 'w';
	/* a Word document is always UTF-8: no encoding, no line ends to ask */
	c = req.docx ? 'u' : ask_choice(a, _("Encoding  U UTF-8   G GB18030   K GBK"), "ugk",
	    strcmp(req.encoding, "GBK") == 0 ? 'k' : strcmp(req.encoding, "GB18030") == 0 ? 'g' : 'u');
	if (c == 0)
		return;
	choice = xasprintf("%s %s %s %s", req.docx ? "docx" : req.html ? "html" : "text",
	    c == 'k' ? "gbk" : c == 'g' ? "gb18030" : "utf-8", req.crlf ? "crlf" : "lf",
	    req.opts.blank == BLANK_ZERO ? "zero" : "empty");
	export_request_init(&req, choice);
	free(choice);
	if (!req.docx && (c = ask_choice(a, _("Line ends  L LF (web, Linux)   C CRLF (Windows Notepad)"),
	    "lc", req.crlf ? 'c' : 'l')) == 0)
		return;
	req.crlf = !req.docx && c == 'c';
	if ((c = ask_choice(a, _("Blank cells  Z print 0   E leave empty"), "ze", req.opts.blank == BLANK_ZERO ? 'z' : 'e')) == 0)
		return;
	req.opts.blank = c == 'z' ? BLANK_ZERO : BLANK_EMPTY;
	choice = export_request_choice(&req);
	if (strcmp(choice, a->r->export_choice) != 0 && !a->readonly &&	/* remembered with the report */
	    report_set_export_choice(a->r, choice, &err) == 0)
		app_edited(a);
	free(choice);
	if (checker_errors(a->ck) > 0 &&
	    ask(a, _("The report still has errors (^E lists them). Export anyway?  Y yes   N no"), "yn") != 'y')
		return;
	out = export_request_path(a->path, &req);
	if (access(out, F_OK) == 0) {
		char *q = xasprintf(_("%s exists. Replace it?  Y yes   N no"), out);

		c = ask(a, q, "yn");
		free(q);
		if (c != 'y') {
			free(out);
			return;
		}
	}
	if (export_report(a->r, &req, &bytes, &st, &err) != 0 ||
	    export_write(out, &bytes, false, &err) != 0) {
		app_message(a, MSG_ERROR, "%s", err);
		free(err);
	} else
		app_message(a, MSG_INFO, _("Exported to %s (%s); %zu blank cells printed as 0."), out,
		    req.encoding, st.blanks_as_zero);
	free(out);
	buf_free(&bytes);
}

static void
toggle_auto(struct app *a)
{
	if (a->readonly)
		return;
	checker_set_auto_totals(a->ck, !a->r->auto_totals);
	a->full = true;		/* the colours of computed cells change everywhere */
	app_edited(a);
	app_message(a, MSG_INFO, a->r->auto_totals ?
	    _("Auto totals on: totals are computed from the other cells.") :
	    _("Auto totals off: totals are kept as typed and checked."));
}

static bool
global_action(struct app *a, enum action act)
{
	switch (act) {
	case ACT_HELP:
		tui_help(a);
		break;
	case ACT_SAVE:
		save(a);
		break;
	case ACT_QUIT:
		quit(a);
		break;
	case ACT_NEXT_PAGE:
		app_go(a, a->cur + 1);
		break;
	case ACT_PREV_PAGE:
		if (a->cur > 0)
			app_go(a, a->cur - 1);
		break;
	case ACT_SECTION_1: case ACT_SECTION_2: case ACT_SECTION_3:
	case ACT_SECTION_4: case ACT_SECTION_5: case ACT_SECTION_6:
		app_go(a, nav_first_page_of_section(a, (int)(act - ACT_SECTION_1) + 1));
		break;
	case ACT_INFO:
		app_go(a, 0);
		break;
	case ACT_PROBLEMS:
		problems(a);
		break;
	case ACT_AUTO_TOTALS:
		toggle_auto(a);
		break;
	case ACT_REFRESH:
		clearok(curscr, TRUE);
		a->full = true;
		break;
	case ACT_EXPORT:
		export_dialog(a);
		break;
	default:
		return false;
	}
	return true;
}

static void
page_key(struct app *a, int key, bool code)
{
	if (a->readonly && !code && key >= 32) {
		app_message(a, MSG_ERROR, _("This file is read-only: changes are not possible."));
		return;
	}
	switch (a->pages[a->cur].kind) {
	case PAGE_INFO:
		info_key(a, key, code);
		break;
	case PAGE_TEXT:
		text_key(a, key, code);
		break;
	case PAGE_TABLE:
		grid_key(a, key, code);
		break;
	}
}

static void
paste(struct app *a, const char *s, size_t n)
{
	if (a->readonly)
		return;
	if (a->pages[a->cur].kind == PAGE_TEXT)
		text_paste(a, s, n);
	else if (a->pages[a->cur].kind == PAGE_TABLE)
		grid_paste(a, s, n);
}

static void
mouse(struct app *a)
{
	MEVENT ev;
	long p;

	if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return;
	if (ev.x < NAV_WIDTH && (p = nav_hit(a, ev.y)) >= 0)
		app_go(a, (size_t)p);
	else if (ev.x > NAV_WIDTH && a->pages[a->cur].kind == PAGE_TABLE)
		grid_click(a, ev.y, ev.x);
	else if (ev.x > NAV_WIDTH && a->pages[a->cur].kind == PAGE_TEXT)
		text_click(a, ev.y, ev.x);
}

/* Collect a bracketed paste up to its end marker and hand it over whole. */
static void
read_paste(struct app *a)
{
	struct buf b = BUF_INIT;

	for (;;) {
		wint_t wc;
		int rc = get_wch(&wc);
		char u[4];

		if (rc == ERR || (rc == KEY_CODE_YES && wc == KEY_PASTE_END))
			break;
		if (rc == KEY_CODE_YES)
			continue;
		if (wc == '\r')
			wc = '\n';
		buf_add(&b, u, utf8_encode((uint32_t)wc, u));
	}
	if (b.len > 0)
		paste(a, b.data, b.len);
	buf_free(&b);
}

static void
handle_key(struct app *a, int rc, wint_t wc)
{
	bool code = rc == KEY_CODE_YES;
	int key = (int)wc;
	enum action act;

	if (!code && a->pending_esc) {
		a->pending_esc = false;
		if ((act = keys_meta_action(key)) != ACT_NONE) {
			a->msg_level = MSG_NONE;
			if (act == ACT_UNDO || act == ACT_REDO)
				page_key(a, act == ACT_UNDO ? CTRL('z') : CTRL('y'), false);
			else
				global_action(a, act);
			return;
		}
		page_key(a, 27, false);	/* a lone Esc: cancel */
	}
	if (code && key == KEY_PASTE_BEGIN) {
		read_paste(a);
		return;
	}
	if (code && key == KEY_MOUSE) {
		mouse(a);
		return;
	}
	if (!code && key == 27) {
		a->pending_esc = true;
		return;
	}
	a->msg_level = MSG_NONE;
	act = keys_action(key, code);
	if ((act == ACT_UNDO || act == ACT_REDO) && a->pages[a->cur].kind == PAGE_TEXT)
		act = ACT_NONE;	/* the text page undoes itself */
	if (act == ACT_NONE || !global_action(a, act))
		page_key(a, key, code);
}

/* Handle one key read by get_wch; false when it needs no redraw (a timeout). */
static bool
dispatch(struct app *a, int rc, wint_t wc)
{
	if (rc == ERR) {
		if (a->pending_esc) {	/* Esc alone, nothing followed */
			a->pending_esc = false;
			page_key(a, 27, false);
			return true;
		}
		journal_tick(a, false);
		return false;
	}
	if (rc == KEY_CODE_YES && wc == KEY_RESIZE)
		return true;
	if (a->rows < MIN_ROWS || a->cols < MIN_COLS) {
		if (rc == OK && (wc == CTRL('q') || wc == CTRL('x')))
			quit(a);
		return true;
	}
	handle_key(a, rc, wc);
	if (!a->quit)	/* quitting may just have discarded the journal */
		journal_tick(a, false);
	return true;
}

static void
loop(struct app *a)
{
	bool redraw = true;

	while (!a->quit) {
		wint_t wc;
		int rc;

		if (got_hangup) {	/* the terminal is gone: keep everything in the journal */
			journal_tick(a, true);
			break;
		}
		if (redraw)
			draw_all(a);
		rc = get_wch(&wc);
		redraw = dispatch(a, rc, wc);
		/* Keys already waiting (an input method commits a phrase at once) are
		 * taken before drawing again. */
		timeout(0);
		while (redraw && !a->quit && !a->pending_esc && (rc = get_wch(&wc)) != ERR)
			dispatch(a, rc, wc);
		timeout(500);
	}
}

/* ---- opening --------------------------------------------------------------- */

static void
screen_start(struct app *a)
{
	initscr();
	raw();		/* ^S, ^Q and ^Z reach us as keys */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(500);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	mouseinterval(0);
	define_key("\033[200~", KEY_PASTE_BEGIN);
	define_key("\033[201~", KEY_PASTE_END);
	define_key("\033[1;5A", KEY_CTRL_UP);
	define_key("\033[1;5B", KEY_CTRL_DOWN);
	define_key("\033Oa", KEY_CTRL_UP);
	define_key("\033Ob", KEY_CTRL_DOWN);
	printf("\033[?2004h");
	fflush(stdout);
	init_looks(a);
	getmaxyx(stdscr, a->rows, a->cols);
}

static void
screen_stop(void)
{
	printf("\033[?2004l");
	fflush(stdout);
	endwin();
}

/* Show a problem under the form and wait for a key. */
static void
form_problem(struct app *a, int y, const char *msg)
{
	move(y, 0);
	clrtobot();
	draw_str(stdscr, y, 0, msg, a->cols, false);
	draw_str(stdscr, y + 1, 0, _("Press a key."), a->cols, false);
	timeout(-1);
	getch();
	timeout(500);
	move(y, 0);
	clrtobot();
}

/*
 * Ask for last year's report (a report file, or a published page or text
 * copy, which is imported) until one loads or the answer is empty.
 * Returns it, with its path in *from; NULL for none, *from NULL on Esc.
 */
static struct report *
ask_last_year(struct app *a, int y, char **from)
{
	for (;;) {
		struct diag_list dl = DIAG_LIST_INIT;
		struct report *last;

		*from = prompt_line(y, _("Start from last year's report (Enter: none):"), "");
		if (*from == NULL || **from == '\0')
			return NULL;
		last = lastyear_load(a->ts, *from, &dl);
		if (last != NULL) {
			diag_list_free(&dl);
			return last;
		}
		form_problem(a, y + 6, dl.n > 0 ? dl.v[dl.n - 1].msg : *from);
		diag_list_free(&dl);
		free(*from);
	}
}

/* Show each of dl's messages under the form, one at a time. */
static void
form_problems(struct app *a, int y, const struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++)
		form_problem(a, y, dl->v[i].msg);
}

/*
 * A short form for a report that does not exist yet; returns it or NULL.
 * create_report makes it, as for `nianbao new`, and what it warns of (or
 * refuses) is shown before the editor starts.
 */
static struct report *
new_report_form(struct app *a)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct create_spec spec = { 0 };
	struct report *r = NULL, *last;
	char *agency = NULL, *year = NULL, *fmt = NULL, *def_year, *from, *keep = NULL, *err;
	const char *def_fmt;

	erase();
	draw_str(stdscr, 0, 0, _("New report"), a->cols, false);
	draw_str(stdscr, 1, 0, a->path, a->cols, false);
	draw_str(stdscr, 3, 0, _("Type each answer and press Enter; Esc leaves without creating anything."), a->cols, false);
	draw_str(stdscr, 4, 0, _("Last year's report may be a report file, or its published page or text copy."), a->cols, false);
	last = ask_last_year(a, 5, &from);
	if (from == NULL)
		goto out;
	if ((agency = prompt_line(6, _("Agency:"), create_default_agency(last, a->prefs->agency))) == NULL)
		goto out;
	def_year = xasprintf("%d", create_default_year(last));
	year = prompt_line(7, _("Year of the report:"), def_year);
	free(def_year);
	if (year == NULL)
		goto out;
	if (report_parse_year(year, &spec.year, &err) != 0) {	/* said as `set year=` says it */
		diag_add(&dl, NULL, 0, "%s", err);
		free(err);
		goto out;
	}
	if ((def_fmt = tplset_default_for_year(a->ts, spec.year, &dl)) == NULL)
		goto out;
	if ((fmt = prompt_line(8, _("Format (template):"), def_fmt)) == NULL)
		goto out;
	if (last != NULL && (keep = prompt_line(9, _("Keep last year's section 1 text as a draft? (y/N):"), "")) == NULL)
		goto out;
	spec.format = fmt;
	spec.agency = agency;
	spec.contact = a->prefs->contact;
	spec.auto_totals = a->prefs->auto_totals;
	spec.last = last;
	spec.last_path = from;
	spec.file = a->path;
	spec.keep_text = keep != NULL && (*keep == 'y' || *keep == 'Y');
	r = create_report(a->ts, &spec, &dl);
out:
	form_problems(a, 11, &dl);
	diag_list_free(&dl);
	report_free(last);
	free(from);
	free(keep);
	free(agency);
	free(year);
	free(fmt);
	return r;
}

/* Offer the journal's unsaved work; returns the recovered report or NULL. */
static struct report *
offer_recovery(struct app *a, const char *file_bytes, size_t file_len)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct report *r = NULL;
	size_t jlen;
	char *j = journal_read(a->path, &jlen);
	int c;

	if (j == NULL && errno == EPERM) {	/* planted by someone else: not our work */
		a->journal_failed = a->no_journal = true;
		app_message(a, MSG_WARN, _("A recovery journal beside the file was not written by you; it is ignored and left alone."));
		return NULL;
	}
	if (j == NULL && errno != ENOENT) {	/* there is one, but unreadable: never write over it */
		a->journal_failed = a->no_journal = true;
		app_message(a, MSG_ERROR, _("A recovery journal exists beside the file but cannot be read (%s); it is left alone."),
		    strerror(errno));
		return NULL;
	}
	if (j == NULL)
		return NULL;
	if (file_bytes != NULL && jlen == file_len && memcmp(j, file_bytes, jlen) == 0) {
		journal_remove(a->path);	/* nothing unsaved in it */
		free(j);
		return NULL;
	}
	c = ask(a, _("Unsaved work from an earlier session was found. Recover it?  Y recover   N discard"), "yn");
	if (c == 'y')
		r = store_load_mem(a->path, j, jlen, a->ts, &dl);
	if (c == 'y' && r == NULL)
		app_message(a, MSG_ERROR, _("The journal could not be read; it is kept beside the file."));
	else if (c == 'n')
		journal_remove(a->path);
	diag_list_free(&dl);
	free(j);
	return r;
}

/* Take the lock, or decide with the user; false to give up. */
static bool
take_lock(struct app *a)
{
	struct lock_owner o;
	char *err = NULL, *q;
	int rc = lock_take(a->path, false, &o, &err), c;

	if (rc == 0) {
		a->locked = true;
		return true;
	}
	if (rc < 0) {	/* no lock possible (read-only directory): go on, read-only */
		free(err);
		a->readonly = true;
		return true;
	}
	q = o.stale ?
	    xasprintf(_("An earlier nianbao on this file (pid %d) ended without closing it.  T take over   R read-only   Q quit"), (int)o.pid) :
	    xasprintf(_("%s is being edited by %s on %s (pid %d).  R open read-only   T take over   Q quit"),
	    a->path, o.user, o.host, (int)o.pid);
	c = ask(a, q, "rtq");
	free(q);
	if (c == 't' && lock_take(a->path, true, &o, &err) == 0) {
		a->locked = true;
		return true;
	}
	free(err);
	if (c == 'r') {
		a->readonly = true;
		return true;
	}
	return false;
}

static void
app_free(struct app *a)
{
	for (size_t i = 0; a->texts != NULL && i < a->r->tpl->nparts; i++)
		textbuf_free(a->texts[i]);
	free(a->texts);
	free(a->text_top);
	free(a->grids);
	free(a->cell_edits);
	free(a->row_sig);
	free(a->cell_sig);
	free(a->pages);
	checker_free(a->ck);
	report_free(a->r);
	report_free(a->prev);
}

/*
 * Read the report before the screen starts, so that what the command line
 * would refuse is refused the same way; raw keeps the bytes read, against
 * which a journal is compared.  *r stays NULL for a file still to create.
 */
static int
open_report(const char *file, struct tplset *ts, struct report **r, struct buf *raw)
{
	struct diag_list dl = DIAG_LIST_INIT;

	*r = NULL;
	if (access(file, F_OK) != 0 && errno == ENOENT)
		return 0;
	*r = store_read(file, ts, raw, &dl);
	diag_print(&dl, stderr);
	diag_list_free(&dl);
	return *r != NULL ? 0 : 2;
}

int
tui_run(const char *file, struct tplset *ts, struct prefs *prefs)
{
	struct app a;
	struct diag_list pd = DIAG_LIST_INIT;
	struct report *rec;
	struct buf raw = BUF_INIT;
	bool created;

	memset(&a, 0, sizeof a);
	if (open_report(file, ts, &a.r, &raw) != 0)
		return 2;
	created = a.r == NULL;
	a.path = file;
	a.ts = ts;
	a.prefs = prefs;
	draw_set_ambiguous(prefs->ambiguous);
	signal(SIGHUP, on_hangup);
	signal(SIGTERM, on_hangup);
	screen_start(&a);
	if (created && (a.r = new_report_form(&a)) == NULL) {
		screen_stop();
		return 0;
	}
	if (!take_lock(&a)) {
		screen_stop();
		report_free(a.r);
		buf_free(&raw);
		return 0;
	}
	if (!created && atomic_read_only(file))
		a.readonly = true;	/* 0444 too, even for root: the owner said "keep" */
	if (!created)
		store_stamp_bytes(raw.data != NULL ? raw.data : "", raw.len, &a.stamp);
	if (!a.readonly && (rec = offer_recovery(&a, raw.data, raw.len)) != NULL) {
		report_free(a.r);
		a.r = rec;
		a.edits = 1;	/* recovered work is not saved yet */
		app_message(&a, MSG_INFO, _("Recovered the unsaved work. Press ^S to save it."));
	}
	buf_free(&raw);
	{	/* last year's report, for the cross-year rules: a warning if it is gone */
		struct diag_list dl = DIAG_LIST_INIT;

		a.prev = lastyear_load_previous(file, a.r, ts, &dl);
		if (a.prev == NULL && dl.n > 0)
			app_message(&a, MSG_WARN, _("Last year's report %s cannot be read: %s"), a.r->previous, dl.v[0].msg);
		diag_list_free(&dl);
	}
	a.ck = checker_create(a.r, a.prev);
	checker_run(a.ck);
	if (created) {
		char *err = NULL;

		struct store_save_opts so = { &a.stamp, false, NULL };

		if (store_save(a.r, file, STORE_CREATE, &so, &err) != 0) {
			app_message(&a, MSG_ERROR, "%s", err);
			free(err);
			a.edits = 1;
		} else
			app_message(&a, MSG_INFO, _("Created %s. PgDn walks through the report; F1 shows the keys."), file);
	}
	if (a.readonly)
		app_message(&a, MSG_WARN, _("%s is read-only here: you can read it but not change it."), file);
	nav_build(&a);
	prefs_load(prefs, NULL, &pd);	/* reported now that the screen is up */
	if (pd.n > 0)
		app_message(&a, MSG_WARN, _("Preferences: %s:%d: %s"), pd.v[0].file, pd.v[0].line, pd.v[0].msg);
	diag_list_free(&pd);
	app_go(&a, 0);
	loop(&a);
	screen_stop();
	if (a.locked)
		lock_release(file);
	app_free(&a);
	return 0;
}
