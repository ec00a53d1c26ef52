/* tui.c - the editor's main loop: open, draw, dispatch keys, save, journal, quit. */
#include "nb.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/create.h"
#include "core/review.h"
#include "export/export.h"
#include "import/lastyear.h"
#include "lib/atomic.h"
#include "lib/buf.h"
#include "lib/hash.h"
#include "lib/utf8.h"
#include "lib/width.h"
#include "lib/xalloc.h"
#include "store/journal.h"
#include "store/store.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/tui.h"

#define CTRL(c) ((c) & 0x1f)
#define JOURNAL_SECONDS 1	/* journal at most this long after an edit (+ the tick) */
#define TICK_MS 500		/* the loop wakes up this often without a key */

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
draw_title(struct app *a, bool full)
{
	struct buf b = BUF_INIT;
	uint64_t sig = hash_bytes(HASH_START, &a->edits, sizeof a->edits);

	/* it shows the agency, the year and whether the report is saved: drawn
	 * again only when an edit, a save or the screen may have changed them */
	sig = hash_bytes(hash_bytes(sig, &a->saved_edits, sizeof a->saved_edits), &a->readonly, sizeof a->readonly);
	if (!full && sig == a->title_sig)
		return;
	a->title_sig = sig;
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

void
app_draw_hints(struct app *a, unsigned ctx)
{
	const struct key_help *h;
	size_t n = keys_all(&h);
	int x = 0, y = a->rows - 1;

	move(y, 0);
	clrtoeol();
	for (size_t i = 0; i < n; i++) {
		size_t klen = keys_hint_len(&h[i]);
		int need;

		if (!(h[i].hint_ctx & ctx) || h[i].hint == NULL)
			continue;
		need = (int)width_str(h[i].keys, klen, draw_ambiguous()) + 1 + draw_width(_(h[i].hint)) + 2;
		if (x + need > a->cols)
			break;
		attron(app_look(a, LOOK_HINTKEY));
		x += draw_text(stdscr, y, x, h[i].keys, klen, a->cols - x, false);
		attroff(app_look(a, LOOK_HINTKEY));
		x += 1;
		x += draw_str(stdscr, y, x, _(h[i].hint), a->cols - x, false) + 2;
	}
}

static void
draw_hints(struct app *a)
{
	enum page_kind k = a->pages[a->cur].kind;

	app_draw_hints(a, k == PAGE_TABLE ? CTX_GRID : k == PAGE_INFO ? CTX_FORM : CTX_TEXT);
}

/* The most important diagnostic of the report, for the status line; caller
 * frees.  Relations that still read blank cells are not complete yet: they
 * are counted apart, not shown as errors while the officer is typing.  The
 * relations one wrong value breaks count as one problem (one typo).  The
 * tables' problems lead; then the review's warnings about the words. */
static char *
report_status(struct app *a, enum msg_level *l)
{
	const struct relgroup *g;
	size_t ng = app_relgroups(a, &g), ne = 0, ni = 0;
	char *s;

	if (ng == 0 && (s = live_status(a)) != NULL) {
		*l = MSG_WARN;
		return s;
	}

	for (size_t k = 0; k < ng; k++)
		ne += !g[k].warning;
	for (size_t i = 0; i < checker_instances(a->ck); i++)
		ni += checker_status(a->ck, i) == FINDING_FAIL && checker_incomplete(a->ck, i);
	if (ng > 0) {	/* errors lead: the first group is the most important */
		char *m = app_relgroup_text(a, &g[0], _("; "));

		s = xasprintf(_("[%zu errors, %zu warnings; ^E lists them] %s"), ne, ng - ne, m);
		free(m);
		*l = g[0].warning ? MSG_WARN : MSG_ERROR;
	} else if (ni > 0) {
		*l = MSG_INFO;
		s = xasprintf(_("No errors so far; %zu relations are not complete yet (they read blank cells)."), ni);
	} else {
		*l = MSG_INFO;
		s = xstrdup(_("No errors: every relation of the tables holds so far."));
	}
	return s;
}

int
app_draw_cut(int y, int x, const char *s, int maxw, bool pad)
{
	size_t n = strlen(s), fit;
	int used, ew = draw_width("…");	/* 1 or 2 columns: an ambiguous character */

	if (maxw < ew)
		return 0;
	if (draw_width(s) <= maxw)
		return draw_text(stdscr, y, x, s, n, maxw, pad);
	fit = draw_fit(s, n, maxw - ew);
	used = draw_text(stdscr, y, x, s, fit, maxw - ew, false);
	used += draw_str(stdscr, y, x + used, "…", maxw - used, false);
	if (pad && used < maxw)
		mvhline(y, x + used, ' ', maxw - used);
	return pad ? maxw : used;
}

/* Draw n bytes of text on row y, ending with "…" when it is cut. */
static void
status_row(struct app *a, int y, const char *text, size_t n)
{
	size_t fit = draw_fit(text, n, a->cols);

	move(y, 0);
	clrtoeol();
	if (fit < n) {
		fit = draw_fit(text, n, a->cols - 2);
		draw_text(stdscr, y, 0, text, fit, a->cols - 2, false);
		draw_str(stdscr, y, (int)width_str(text, fit, draw_ambiguous()), "…", 2, false);
	} else
		draw_text(stdscr, y, 0, text, n, a->cols, true);
}

/* Text that needs more than the rows: its first row and its last (which
 * holds the value to type), or "…" where it is cut. */
static void
status_rows(struct app *a, int y, int rows, const char *text)
{
	size_t *st, n = draw_wrap(text, a->cols, &st);

	for (int r = 0; r < rows; r++) {
		size_t k = (size_t)r;

		if (r == rows - 1 && n > (size_t)rows)	/* keep the end */
			k = n - 1;
		if (k < n)
			draw_text(stdscr, y + r, 0, text + st[k], st[k + 1] - st[k], a->cols, true);
		else {
			move(y + r, 0);
			clrtoeol();
		}
	}
	free(st);
}

/*
 * The status of the tables when no message is up: the focused cell's, else
 * the report's.  Kept until an edit or another cell, since describing the
 * relations at every keystroke cost more than drawing the screen.
 */
static const char *
status_text(struct app *a, enum msg_level *l)
{
	int cell = a->pages[a->cur].kind == PAGE_TABLE ? a->grids[a->pages[a->cur].index].cell : -1;
	size_t at = a->pages[a->cur].kind == PAGE_TEXT ? live_cursor(a, a->pages[a->cur].index) : 0;
	unsigned long gen = a->review != NULL ? reviewcache_generation(a->review) : 0;

	/* the words' warning near the cursor follows it, and the review after a pause */
	if (a->status_known && a->status_edits == a->edits && a->status_page == a->cur &&
	    a->status_cell == cell && a->status_at == at && a->status_gen == gen) {
		*l = a->status_level;
		return a->status_text;
	}
	free(a->status_text);
	a->status_text = NULL;
	a->status_level = MSG_NONE;
	if (a->pages[a->cur].kind == PAGE_TABLE)
		a->status_text = grid_status(a, &a->status_level);
	if (a->status_level == MSG_NONE && a->status_text == NULL)
		a->status_text = report_status(a, &a->status_level);
	a->status_known = true;
	a->status_edits = a->edits;
	a->status_page = a->cur;
	a->status_cell = cell;
	a->status_at = at;
	a->status_gen = a->review != NULL ? reviewcache_generation(a->review) : 0;
	*l = a->status_level;
	return a->status_text;
}

/*
 * The status: two rows.  A message with a line break is "what is wrong" and
 * "what would fix it": the fix gets the second row (both rows if it needs
 * them), what is wrong the first, cut with "…"; the problems list (F2)
 * shows it whole.
 */
static void
draw_status(struct app *a, bool full)
{
	int y = a->rows - 3;
	enum msg_level l = a->msg_level;
	const char *s = NULL, *text, *nl;
	attr_t at;
	uint64_t sig;

	if (l == MSG_NONE)
		s = status_text(a, &l);
	at = l == MSG_ERROR ? app_look(a, LOOK_BAD) : l == MSG_WARN ? app_look(a, LOOK_TODO) : A_NORMAL;
	text = s != NULL ? s : a->msg;
	sig = hash_bytes(hash_bytes(HASH_START, text, strlen(text)), &l, sizeof l);
	if (!full && sig == a->status_sig)	/* wrapping it again at every key cost more than the grid */
		return;
	a->status_sig = sig;
	attron(at | A_BOLD);
	if ((nl = strchr(text, '\n')) == NULL)
		status_rows(a, y, 2, text);
	else if (draw_width(nl + 1) > a->cols)
		status_rows(a, y, 2, nl + 1);
	else {
		status_row(a, y, text, (size_t)(nl - text));
		status_row(a, y + 1, nl + 1, strlen(nl + 1));
	}
	attroff(at | A_BOLD);
}

static void
draw_too_small(struct app *a)
{
	erase();
	draw_str(stdscr, 0, 0, _("Please enlarge the window to at least 80x24."), a->cols, false);
	draw_str(stdscr, 1, 0, _("Your report is safe; nothing is lost."), a->cols, false);
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
	bool full;

	/* The size is taken by draw_stack alone, which sets full when it changed,
	 * so that the row signatures always match the screen. */
	if (a->cur != a->drawn_page || a->row_sig == NULL)
		a->full = true;
	full = a->full;
	if (full) {
		erase();
		forget_screen(a);
		draw_hints(a);
	}
	if (full || a->edits != a->drawn_edits)
		nav_draw(a, full);
	draw_title(a, full);
	draw_status(a, full);
	draw_page(a, full);	/* last: it leaves the cursor where typing goes */
	a->full = false;
	a->drawn_page = a->cur;
	a->drawn_edits = a->edits;
}

/* ---- saving, journal, quitting ------------------------------------------- */

static void
report_bytes(struct app *a, struct buf *b)
{
	text_sync(a);
	store_serialize(a->r, b);
}

/* Remember the report as saved (or as opened), to know when undo returns to it. */
static void
remember_saved(struct app *a)
{
	a->saved_bytes.len = 0;
	report_bytes(a, &a->saved_bytes);
}

/* After an undo or redo: back at the saved state, the report is not modified. */
static void
back_to_saved(struct app *a)
{
	struct buf now = BUF_INIT;

	if (!unsaved(a) || a->saved_bytes.data == NULL)
		return;
	report_bytes(a, &now);
	if (now.len == a->saved_bytes.len && memcmp(now.data, a->saved_bytes.data, now.len) == 0) {
		a->saved_edits = a->journaled_edits = a->edits;
		journal_remove(a->path);	/* nothing in it that the file does not hold */
	}
	buf_free(&now);
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
	if (rc == STORE_CHANGED && app_ask(a, _("The file was modified since it was opened.  Y overwrite it   N cancel"), "yn") == 'y') {
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
		remember_saved(a);
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

	if (a->r == NULL || a->readonly || a->no_journal || a->journaled_edits == a->edits ||
	    a->edits == a->saved_edits)
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
	c = app_ask(a, _("Save the changes before quitting?  Y save   N discard   C cancel"), "ync");
	if (c == 'y' && save(a))
		a->quit = true;
	else if (c == 'n') {
		journal_remove(a->path);
		a->quit = true;
	}
}

/* ---- dispatch ------------------------------------------------------------- */

void
app_go(struct app *a, size_t page)
{
	if (page >= a->npages)
		return;
	text_sync(a);
	if (page != a->cur)
		live_settle(a);	/* a page left: the checks put off while it was typed in */
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
	c = app_ask(a, q, choices);
	free(q);
	return c == '\r' ? current : c;
}

/* Before any format question: what is wrong or blank, and whether to go on. */
static bool
export_first_what_is_left(struct app *a)
{
	const struct template *t = a->r->tpl;
	size_t blanks = 0, errors = checker_errors(a->ck);
	char *q;
	int c;

	for (size_t v = 0; v < t->nvalues; v++)
		blanks += a->r->cells[v].state == VALUE_BLANK && !checker_is_derived(a->ck, (int)v);
	if (errors == 0 && blanks == 0)
		return true;
	q = xasprintf(_("Before exporting: %zu errors, %zu blank cells (F2 lists them). Export anyway?  Y yes   N no"),
	    errors, blanks);
	c = app_ask(a, q, "yn");
	free(q);
	return c == 'y';
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
	if (!export_first_what_is_left(a))
		return;
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
	out = export_request_path(a->path, &req);
	if (access(out, F_OK) == 0) {
		char *q = xasprintf(_("%s exists. Replace it?  Y yes   N no"), out);

		c = app_ask(a, q, "yn");
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
	} else {
		if (st.unknown_links > 0)	/* a "?" in a published text must not go unseen */
			app_message(a, MSG_WARN, _("Exported to %s (%s); %zu linked numbers of the text read blank cells and are printed as ?."),
			    out, req.docx ? "Word" : req.encoding, st.unknown_links);
		else
			app_message(a, MSG_INFO, _("Exported to %s (%s); %zu blank cells printed as 0."), out,
			    req.docx ? "Word" : req.encoding, st.blanks_as_zero);
		/* The choice is remembered with the report once it was used: a
		 * cancelled F4 leaves the report as it was. */
		choice = export_request_choice(&req);
		if (strcmp(choice, a->r->export_choice) != 0 && !a->readonly &&
		    report_set_export_choice(a->r, choice, &err) == 0)
			app_edited(a);
		free(choice);
	}
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
		app_help(a);
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
		app_problems(a);
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
	case ACT_GUIDE:
		app_guide(a);
		break;
	case ACT_FILL_ZERO:
		if (a->pages[a->cur].kind != PAGE_TABLE || a->readonly)
			return false;
		grid_fill_zero(a);
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
	if (!code && (key == CTRL('z') || key == CTRL('y')))
		back_to_saved(a);
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
		a->pasting = xcalloc(1, sizeof *a->pasting);
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

/* A bracketed paste is collected key by key up to its end marker (or a
 * pause), then handed over whole. */
static void
paste_key(struct app *a, int rc, wint_t wc)
{
	char u[4];

	if (rc == OK) {
		buf_add(a->pasting, u, utf8_encode((uint32_t)(wc == '\r' ? '\n' : wc), u));
		return;
	}
	if (rc == KEY_CODE_YES && wc != KEY_PASTE_END)
		return;
	if (a->pasting->len > 0)
		paste(a, a->pasting->data, a->pasting->len);
	buf_free(a->pasting);
	free(a->pasting);
	a->pasting = NULL;
}

/* The page screen's key: a key of the report's pages; ERR is a tick. */
static bool
page_screen_key(struct app *a, struct screen *s, int rc, wint_t wc)
{
	if (a->pasting != NULL) {
		paste_key(a, rc, wc);
		return rc == ERR || (rc == KEY_CODE_YES && wc == KEY_PASTE_END);
	}
	if (rc == ERR) {
		if (!a->pending_esc)
			return live_settle(a);	/* a pause: the checks typing put off */
		a->pending_esc = false;	/* Esc alone, nothing followed */
		page_key(a, 27, false);
		return true;
	}
	if (a->rows < MIN_ROWS || a->cols < MIN_COLS) {
		if (rc == OK && (wc == CTRL('q') || wc == CTRL('x')))
			quit(a);
	} else
		handle_key(a, rc, wc);
	s->done = a->quit;
	return true;
}

static void
page_screen_draw(struct app *a, struct screen *s)
{
	(void)s;
	draw_all(a);
}

/* ---- the one input loop ----------------------------------------------------- */

/* Draw the stack from its last full-screen screen up; the size is taken here only. */
static void
draw_stack(struct app *a)
{
	int rows, cols, base = a->depth - 1;

	getmaxyx(stdscr, rows, cols);
	if (rows != a->rows || cols != a->cols)
		a->full = true;
	a->rows = rows;
	a->cols = cols;
	if (rows < MIN_ROWS || cols < MIN_COLS) {
		draw_too_small(a);
		a->full = true;
		refresh();
		return;
	}
	while (base > 0 && a->stack[base]->overlay)
		base--;
	if (a->stack[base]->overlay)	/* nothing under it yet: the report is being opened */
		erase();
	for (int i = base; i < a->depth; i++)
		a->stack[i]->draw(a, a->stack[i]);
	refresh();
}

static long
elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/*
 * Read a key: waiting up to a tick, or only taking what is typed ahead.  A
 * hang-up or SIGTERM ends the editor; so does a terminal that keeps
 * answering at once with nothing (end of input: it is gone, and no SIGHUP
 * came).  Returns ERR for a tick or when ending.
 */
static int
read_key(struct app *a, wint_t *wc, bool wait)
{
	struct timespec t0;
	int rc;

	if (got_hangup)
		a->ending = true;
	if (a->ending)
		return ERR;
	timeout(wait ? TICK_MS : 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = get_wch(wc);
	if (got_hangup)
		a->ending = true;
	if (rc != ERR || !wait)
		a->quick_errs = rc != ERR ? 0 : a->quick_errs;
	else if (elapsed_ms(&t0) < TICK_MS / 10) {
		if (++a->quick_errs >= 20)
			a->ending = true;
	} else
		a->quick_errs = 0;
	return a->ending ? ERR : rc;
}

/* Give a key (or a tick) to screen s; the journal follows the edits. */
static bool
app_feed(struct app *a, struct screen *s, int rc, wint_t wc)
{
	bool redraw;

	if (a->ending)
		return false;
	if (rc == KEY_CODE_YES && wc == KEY_RESIZE)
		return true;	/* draw_stack takes the new size */
	redraw = s->key(a, s, rc, wc);
	if (!a->quit)	/* quitting may just have discarded the journal */
		journal_tick(a, false);
	return redraw || rc != ERR;
}

void
app_run(struct app *a, struct screen *s)
{
	bool redraw = true;

	if (a->depth == APP_MAX_SCREENS)	/* a dialog opening dialogs without end */
		return;
	a->stack[a->depth++] = s;
	while (!s->done && !a->ending) {
		wint_t wc;
		int rc;

		if (redraw)
			draw_stack(a);
		rc = read_key(a, &wc, true);
		redraw = app_feed(a, s, rc, wc);
		/* Keys already waiting (an input method commits a phrase at once, a
		 * paste arrives) are taken before drawing again. */
		while (redraw && !s->done && !a->ending && !a->pending_esc &&
		    (rc = read_key(a, &wc, false)) != ERR)
			app_feed(a, s, rc, wc);
	}
	a->depth--;
	if (!s->overlay)
		a->full = true;
	else	/* a question drawn over the status rows: draw them again */
		a->status_sig = a->title_sig = 0;
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

/*
 * The new-report form: a full screen whose rows keep the answers given so
 * far, under the prompts (overlay screens) that ask for the next one.
 */
#define FORM_ROWS 12

struct form_screen {
	struct screen	 s;
	char		*row[FORM_ROWS];
};

static void
form_draw(struct app *a, struct screen *s)
{
	struct form_screen *f = (struct form_screen *)s;

	erase();
	for (int y = 0; y < FORM_ROWS; y++)
		if (f->row[y] != NULL)
			draw_str(stdscr, y, 0, f->row[y], a->cols, false);
}

static bool
form_key(struct app *a, struct screen *s, int rc, wint_t wc)
{
	(void)a, (void)s, (void)rc, (void)wc;
	return false;	/* the prompts above it take the keys */
}

static void
form_set(struct form_screen *f, int y, char *text)
{
	free(f->row[y]);
	f->row[y] = text;
}

/* Ask on row y of the form; the answer stays on the form. NULL on Esc. */
static char *
form_prompt(struct app *a, struct form_screen *f, int y, const char *label, const char *initial)
{
	char *answer = app_prompt(a, y, label, initial);

	if (answer != NULL)
		form_set(f, y, xasprintf("%s %s", label, answer));
	return answer;
}

/*
 * Ask for last year's report (a report file, or a published page or text
 * copy, which is imported) until one loads or the answer is empty.
 * Returns it, with its path in *from; NULL for none, *from NULL on Esc.
 */
/* Why last year's report cannot be used, naming the path (never a bare
 * "No such file or directory"). */
static void
form_why(struct app *a, int y, const char *from, const struct diag_list *dl)
{
	const struct diag *d = dl->n > 0 ? &dl->v[dl->n - 1] : NULL;
	char *msg;

	if (d == NULL)
		msg = xasprintf(_("%s cannot be read as last year's report."), from);
	else
		msg = xasprintf(_("%s: %s"), d->file != NULL ? d->file : from, d->msg);
	app_notice(a, y, msg);
	free(msg);
}

static struct report *
ask_last_year(struct app *a, struct form_screen *f, int y, char **from)
{
	for (;;) {
		struct diag_list dl = DIAG_LIST_INIT;
		struct report *last;

		*from = form_prompt(a, f, y, _("Start from last year's report (Enter: none):"), "");
		if (*from == NULL || **from == '\0')
			return NULL;
		last = lastyear_load_given(a->ts, *from, &dl);
		if (last != NULL) {
			diag_list_free(&dl);
			return last;
		}
		form_why(a, y + 6, *from, &dl);
		diag_list_free(&dl);
		free(*from);
	}
}

/*
 * Ask for the agency's kind (the statute asks more of a people's government), offering
 * last year's, else the one its name suggests; NULL on Esc, "" for none.
 */
static char *
ask_kind(struct app *a, struct form_screen *f, int y, const struct template *t,
    const struct report *last, const char *agency)
{
	struct buf kinds = BUF_INIT, guess = BUF_INIT;
	const char *def = last != NULL && *last->kind != '\0' ? last->kind : review_guess_kind(t, agency, &guess);
	char *label, *kind;

	review_kinds_text(t, &kinds);
	label = xasprintf(_("Agency kind (%s):"), kinds.data != NULL ? kinds.data : "");
	kind = form_prompt(a, f, y, label, def != NULL ? def : "");
	free(label);
	buf_free(&kinds);
	buf_free(&guess);
	return kind;
}

/* Show each of dl's messages under the form, one at a time. */
static void
form_problems(struct app *a, int y, const struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++)
		app_notice(a, y, dl->v[i].msg);
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
	char *agency = NULL, *year = NULL, *fmt = NULL, *def_year, *from, *keep = NULL, *kind = NULL, *err;
	const char *def_fmt;
	struct form_screen f = { { form_draw, form_key, false, false }, { NULL } };

	form_set(&f, 0, xstrdup(_("New report")));
	form_set(&f, 1, xstrdup(a->path));
	form_set(&f, 3, xstrdup(_("Type each answer and press Enter; Esc leaves without creating anything.")));
	form_set(&f, 4, xstrdup(_("Last year's report may be a report file, or its published page or text copy.")));
	a->stack[a->depth++] = &f.s;	/* under the prompts until the form is done */
	last = ask_last_year(a, &f, 5, &from);
	if (from == NULL)
		goto out;
	if ((agency = form_prompt(a, &f, 6, _("Agency:"), create_default_agency(last, a->prefs->agency))) == NULL)
		goto out;
	def_year = xasprintf("%d", create_default_year(last));
	year = form_prompt(a, &f, 7, _("Year of the report:"), def_year);
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
	if ((fmt = form_prompt(a, &f, 8, _("Format (template):"), def_fmt)) == NULL)
		goto out;
	spec.format = fmt;
	if ((spec.tpl = create_template(a->ts, &spec, spec.year, &dl)) == NULL ||
	    (kind = ask_kind(a, &f, 9, spec.tpl, last, agency)) == NULL)
		goto out;
	if (last != NULL && (keep = form_prompt(a, &f, 10, _("Keep last year's section 1 text as a draft? (y/N):"), "")) == NULL)
		goto out;
	spec.kind = kind;
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
	a->depth--;
	for (int i = 0; i < FORM_ROWS; i++)
		free(f.row[i]);
	diag_list_free(&dl);
	report_free(last);
	free(from);
	free(keep);
	free(kind);
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
	c = app_ask(a, _("Unsaved work from an earlier session was found. Recover it?  Y recover   N discard"), "yn");
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
	c = app_ask(a, q, "rtq");
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
	for (size_t i = 0; a->grids != NULL && i < a->r->tpl->ntables; i++)
		lineedit_free(&a->grids[i].line);
	free(a->grids);
	cellundo_free(&a->cell_undo);
	lineedit_free(&a->info_line);
	free(a->groups);
	free(a->status_text);
	live_free(a);
	free(a->row_sig);
	free(a->cell_sig);
	free(a->pages);
	if (a->pasting != NULL)
		buf_free(a->pasting);
	free(a->pasting);
	buf_free(&a->saved_bytes);
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
	nav_place_restore(&a);
	if (a.edits == 0)
		remember_saved(&a);
	{
		struct screen page = { page_screen_draw, page_screen_key, false, false };

		app_run(&a, &page);
	}
	if (a.ending)	/* the terminal is gone or we are told to end: keep everything */
		journal_tick(&a, true);
	nav_place_save(&a);
	if (a.locked)
		lock_release(file);
	screen_stop();
	app_free(&a);
	return 0;
}
