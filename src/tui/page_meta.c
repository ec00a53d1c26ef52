/* page_meta.c - the report's information: agency and its kind, year, date, contact, format, auto totals. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "core/review.h"
#include "lib/buf.h"
#include "lib/xalloc.h"
#include "tui/app.h"
#include "tui/draw.h"

#define CTRL(c) ((c) & 0x1f)

enum field { F_AGENCY, F_KIND, F_YEAR, F_DATE, F_CONTACT, F_FORMAT, F_AUTO, F_COUNT };
_Static_assert(F_COUNT == APP_INFO_FIELDS, "app.h counts the fields");

static const char *const names[F_COUNT] = {
	N_("Agency"), N_("Agency kind"), N_("Year"), N_("Publication date"), N_("Contact"), N_("Format"),
	N_("Auto totals")
};

/* The kind field: the report's kind, or what its name suggests, and how to choose; caller frees. */
static char *
kind_text(const struct report *r)
{
	struct buf b = BUF_INIT;
	const char *guess;
	char *s;

	if (*r->kind != '\0')
		return xasprintf(_("%s (Left/Right or Space chooses another)"), r->kind);
	guess = review_guess_kind(r->tpl, r->agency, &b);
	s = guess != NULL ? xasprintf(_("not recorded: the name suggests %s (Left/Right or Space chooses)"), guess) :
	    xstrdup(_("not recorded (Left/Right or Space chooses)"));
	buf_free(&b);
	return s;
}

/* Current text of a field; caller frees. */
static char *
field_text(struct app *a, enum field f)
{
	switch (f) {
	case F_AGENCY:
		return xstrdup(a->r->agency);
	case F_KIND:
		return kind_text(a->r);
	case F_YEAR:
		return xasprintf("%d", a->r->year);
	case F_DATE:
		return xstrdup(a->r->date);
	case F_CONTACT:
		return xstrdup(a->r->contact);
	case F_FORMAT:
		return xasprintf("%s (%s)", a->r->tpl->name, a->r->tpl->id);
	case F_AUTO:
	case F_COUNT:
		break;
	}
	return xstrdup(a->r->auto_totals ? _("on (^T turns it off)") : _("off (^T turns it on)"));
}

void
info_draw(struct app *a)
{
	int x = app_pane_x(a), w = app_pane_w(a) - 1, y = 1, cx = -1, cy = -1;

	attron(A_BOLD);
	draw_str(stdscr, y++, x, _("Report information"), w, true);
	attroff(A_BOLD);
	y += app_draw_guide(a, y, NULL,
	    _("The agency and the year make the title, the agency and the date the closing lines of the published report; the contact is not printed there: write it in the opening paragraph. Type to change a field, Enter to store it, Esc to cancel; PgDn goes on to the report's sections."), 4);
	y++;
	for (int f = 0; f < F_COUNT; f++, y += 2) {
		bool editing = a->info_editing && f == a->info_field;
		char *text = editing ? NULL : field_text(a, (enum field)f);
		int at;

		attron(A_BOLD);
		draw_str(stdscr, y, x, _(names[f]), 18, false);
		attroff(A_BOLD);
		if (f == a->info_field)
			attron(app_look(a, LOOK_FOCUS));
		at = editing ? app_line_draw(&a->info_line, y, x + 18, w - 18) : x + 18;
		if (!editing)
			app_draw_cut(y, x + 18, text, w - 18, true);
		if (f == a->info_field) {
			attroff(app_look(a, LOOK_FOCUS));
			cy = y;
			cx = at;
		}
		free(text);
	}
	if (cy >= 0)
		move(cy, cx < x + w ? cx : x + w - 1);
}

/* Store the field being edited; false (and a message) if refused. */
static bool
info_commit(struct app *a)
{
	char *err = NULL;
	int rc = 0;

	if (!a->info_editing)
		return true;
	{	/* only looked at (the cursor moved): nothing changed */
		char *was = field_text(a, (enum field)a->info_field);
		bool same = strcmp(was, lineedit_text(&a->info_line)) == 0;

		free(was);
		if (same) {
			a->info_editing = false;
			return true;
		}
	}
	switch (a->info_field) {
	case F_AGENCY:
		rc = report_set_agency(a->r, lineedit_text(&a->info_line), &err);
		break;
	case F_DATE:
		rc = report_set_date(a->r, lineedit_text(&a->info_line), &err);
		break;
	case F_CONTACT:
		rc = report_set_contact(a->r, lineedit_text(&a->info_line), &err);
		break;
	case F_YEAR:
		rc = report_set_year(a->r, lineedit_text(&a->info_line), &err);
		break;
	default:
		break;
	}
	if (rc != 0) {	/* kept for mending; typing replaces it */
		lineedit_select_all(&a->info_line);
		app_message(a, MSG_ERROR, _("%s (typing replaces it; arrows, Backspace and Delete mend it; Esc restores the field)"), err);
		free(err);
		return false;
	}
	a->info_editing = false;
	app_edited(a);
	return true;
}

/* Start editing the focused field from its current text. */
static void
begin_edit(struct app *a)
{
	char *t;

	if (a->info_editing)
		return;
	t = field_text(a, (enum field)a->info_field);
	lineedit_start(&a->info_line, t, 0);
	free(t);
	a->info_editing = true;
}

static bool
editable_field(int f)
{
	return f == F_AGENCY || f == F_YEAR || f == F_DATE || f == F_CONTACT;
}

/*
 * Record the kind after (step 1) or before (-1) the report's among the
 * template's kinds; from none, the one the name suggests comes first.  The
 * statute's checks that depend on the kind follow at the next pause.
 */
static void
kind_step(struct app *a, int step)
{
	struct buf gb = BUF_INIT;
	const char *cur = a->r->kind, *guess = review_guess_kind(a->r->tpl, a->r->agency, &gb);
	char *const *v, *err = NULL;
	size_t n = review_kinds(a->r->tpl, &v), at = 0;

	if (*cur == '\0' && guess != NULL)
		cur = guess, step = 0;	/* the suggestion, recorded as it is */
	else if (*cur == '\0')
		at = step < 0 ? 0 : n - 1;	/* from none: the first, or the last going back */
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], cur) == 0)
			at = i;
	if (n > 0 && report_set_kind(a->r, v[step < 0 ? (at + n - 1) % n : (at + (size_t)step) % n], &err) == 0)
		app_edited(a);
	free(err);
	buf_free(&gb);
}

/* The keys of the one line editor (app_line_key) */
static bool
info_line_key(int key, bool code)
{
	return (!code && (key >= 32 || key == CTRL('h'))) ||
	    (code && (key == KEY_BACKSPACE || key == KEY_DC || key == KEY_LEFT || key == KEY_RIGHT ||
	    key == KEY_HOME || key == KEY_END));
}

void
info_key(struct app *a, int key, bool code)
{
	if (!code && key == 27) {
		a->info_editing = false;
		return;
	}
	if ((!code && (key == '\r' || key == '\n' || key == '\t')) || (code && key == KEY_ENTER)) {
		if (info_commit(a) && a->info_field + 1 < F_COUNT)
			a->info_field++;
		return;
	}
	if (a->info_field == F_KIND && ((code && (key == KEY_LEFT || key == KEY_RIGHT)) || (!code && key == ' '))) {
		kind_step(a, code && key == KEY_LEFT ? -1 : 1);
		return;
	}
	if (info_line_key(key, code)) {
		if (editable_field(a->info_field)) {
			begin_edit(a);
			app_line_key(&a->info_line, key, code);
		} else if (!code && key >= 32 && key != 127)
			app_message(a, MSG_INFO, a->info_field == F_AUTO ? _("^T turns auto totals on or off.") :
			    a->info_field == F_KIND ? _("Left/Right or Space chooses the agency's kind.") :
			    _("The format is chosen when the report is created."));
		return;
	}
	if (!info_commit(a))
		return;
	if (code && (key == KEY_UP || key == KEY_BTAB) && a->info_field > 0)
		a->info_field--;
	else if (code && key == KEY_DOWN && a->info_field + 1 < F_COUNT)
		a->info_field++;
}
