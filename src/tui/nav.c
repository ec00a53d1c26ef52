/* nav.c - the pages of a report in walking order, and the navigator that lists them. */
#include "nb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/hash.h"
#include "lib/xalloc.h"
#include "tui/app.h"
#include "tui/draw.h"

static void
add_page(struct app *a, enum page_kind kind, int index, int section)
{
	a->pages = xrealloc(a->pages, (a->npages + 1) * sizeof *a->pages);
	a->pages[a->npages].kind = kind;
	a->pages[a->npages].index = index;
	a->pages[a->npages].section = section;
	a->npages++;
}

void
nav_build(struct app *a)
{
	const struct template *t = a->r->tpl;

	add_page(a, PAGE_INFO, 0, 0);
	for (int s = 0; s <= TPL_SECTIONS; s++) {
		for (size_t p = 0; p < t->nparts; p++)
			if (t->parts[p].section == s)
				add_page(a, PAGE_TEXT, (int)p, s);
		for (size_t i = 0; i < t->ntables; i++)
			if (t->tables[i].section == s)
				add_page(a, PAGE_TABLE, (int)i, s);
	}
	a->texts = xcalloc(t->nparts + 1, sizeof *a->texts);
	a->text_top = xcalloc(t->nparts + 1, sizeof *a->text_top);
	a->grids = xcalloc(t->ntables + 1, sizeof *a->grids);
	for (size_t i = 0; i < t->ntables; i++)
		a->grids[i].cell = -1;
}

size_t
nav_first_page_of_section(const struct app *a, int section)
{
	for (size_t i = 0; i < a->npages; i++)
		if (a->pages[i].section == section && a->pages[i].kind != PAGE_INFO)
			return i;
	return a->cur;
}

static size_t
pages_in_section(const struct app *a, int section)
{
	size_t n = 0;

	for (size_t i = 0; i < a->npages; i++)
		n += a->pages[i].section == section && a->pages[i].kind != PAGE_INFO;
	return n;
}

enum mark { MARK_NONE, MARK_DONE, MARK_TODO, MARK_DRAFT, MARK_ERROR, MARK_WARN };

/* Is the text of textbuf tb (or, without one, s) exactly old? */
static bool
nav_same_text(const struct textbuf *tb, const char *s, const char *old)
{
	if (tb == NULL)
		return strcmp(s, old) == 0;
	for (size_t i = 0; i < textbuf_lines(tb); i++) {
		size_t len;
		const char *l = textbuf_line(tb, i, &len);

		if (i > 0 && *old++ != '\n')
			return false;
		if (strnlen(old, len) != len || memcmp(old, l, len) != 0)
			return false;
		old += len;
	}
	return *old == '\0';
}

bool
nav_part_is_draft(const struct app *a, size_t p)
{
	int q;

	if (a->prev == NULL || (q = template_part(a->prev->tpl, a->r->tpl->parts[p].id)) < 0 ||
	    a->prev->texts[q][0] == '\0')
		return false;
	return nav_same_text(a->texts[p], a->r->texts[p], a->prev->texts[q]);
}

/* The sections the review of the words has warnings about (warn[1..TPL_SECTIONS]). */
static void
section_warnings(struct app *a, bool *warn)
{
	const struct template *t = a->r->tpl;
	const struct review_list *l = live_findings(a);

	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].part >= 0)
			warn[t->parts[l->v[i].part].section] = true;
		else if (l->v[i].cell >= 0)
			warn[t->tables[t->values[l->v[i].cell].table].section] = true;
}

/*
 * Complete, incomplete, a draft, with warnings about its words or with
 * errors: what the officer must still do in each section, m[1..TPL_SECTIONS],
 * in one pass over the relations, the parts and the cells (it is drawn after
 * every edit).
 */
static void
section_marks(struct app *a, enum mark *m)
{
	const struct template *t = a->r->tpl;
	bool err[TPL_SECTIONS + 1] = { false }, todo[TPL_SECTIONS + 1] = { false };
	bool draft[TPL_SECTIONS + 1] = { false }, warn[TPL_SECTIONS + 1] = { false };

	for (size_t i = 0; i < checker_instances(a->ck); i++) {
		struct finding f;

		if (checker_status(a->ck, i) != FINDING_FAIL || checker_incomplete(a->ck, i))
			continue;	/* a relation still reading blanks is to do, not wrong */
		checker_finding(a->ck, i, &f);
		for (size_t k = 0; k < f.ncells && !f.warning; k++)
			err[t->tables[t->values[f.cells[k]].table].section] = true;
	}
	for (size_t p = 0; p < t->nparts; p++) {
		struct textbuf *tb = a->texts[p];
		size_t len = 0;
		int s = t->parts[p].section;

		if (tb != NULL ? textbuf_lines(tb) == 1 && (textbuf_line(tb, 0, &len), len == 0) :
		    a->r->texts[p][0] == '\0')
			todo[s] = true;
		else if (!draft[s])
			draft[s] = nav_part_is_draft(a, p);
	}
	for (size_t v = 0; v < t->nvalues; v++)
		if (a->r->cells[v].state == VALUE_BLANK)
			todo[t->tables[t->values[v].table].section] = true;
	section_warnings(a, warn);
	m[0] = MARK_NONE;	/* the opening paragraph has no mark */
	for (int s = 1; s <= TPL_SECTIONS; s++)
		m[s] = err[s] ? MARK_ERROR : draft[s] ? MARK_DRAFT : warn[s] ? MARK_WARN : todo[s] ? MARK_TODO :
		    MARK_DONE;
}

/* The label of a page in the navigator; caller frees. */
static char *
page_label(const struct app *a, size_t i, bool *sub)
{
	const struct template *t = a->r->tpl;
	const struct page *p = &a->pages[i];

	*sub = false;
	if (p->kind == PAGE_INFO)
		return xstrdup(_("Report information"));
	if (p->section == 0)
		return xstrdup(p->kind == PAGE_TEXT && *t->parts[p->index].title != '\0' ?
		    t->parts[p->index].title : _("Opening paragraph"));
	if (pages_in_section(a, p->section) == 1 || nav_first_page_of_section(a, p->section) == i)
		return xstrdup(t->sections[p->section].short_title);
	*sub = true;
	if (p->kind == PAGE_TEXT && *t->parts[p->index].title != '\0')
		return xstrdup(t->parts[p->index].title);
	return xstrdup(p->kind == PAGE_TABLE ? t->tables[p->index].name : _("Overview"));
}

char *
nav_label(const struct app *a, size_t page)
{
	bool sub;
	char *l = page_label(a, page, &sub), *full;

	if (!sub)
		return l;
	full = xasprintf("%s %s", a->r->tpl->sections[a->pages[page].section].short_title, l);
	free(l);
	return full;
}

/*
 * Rows of the navigator: a section with several pages shows its first page
 * as the section and the others, indented, only while the section is open.
 */
static size_t
layout(const struct app *a, size_t *rows, size_t max)
{
	size_t n = 0;
	int open = a->pages[a->cur].section;

	for (size_t i = 0; i < a->npages && n < max; i++) {
		bool sub;
		char *l = page_label(a, i, &sub);

		free(l);
		if (sub && a->pages[i].section != open)
			continue;
		rows[n++] = i;
	}
	return n;
}

void
nav_draw(struct app *a, bool full)
{
	static const char *const marks[] = { "", N_("done"), N_("todo"), N_("draft"), N_("errors"), N_("warnings") };
	size_t rows[64], n = layout(a, rows, sizeof rows / sizeof *rows);
	int bottom = app_pane_bottom(a);
	enum mark shown[TPL_SECTIONS + 1];
	uint64_t sig;

	section_marks(a, shown);
	sig = hash_bytes(hash_bytes(HASH_START, shown, sizeof shown), rows, n * sizeof *rows);
	sig = hash_bytes(sig, &a->cur, sizeof a->cur);
	if (!full && sig == a->nav_sig)	/* the same rows and marks are on screen */
		return;
	a->nav_sig = sig;

	mvvline_set(1, NAV_WIDTH, WACS_VLINE, bottom);
	for (size_t k = 0; k < n && (int)k + 1 <= bottom; k++) {
		size_t i = rows[k];
		const struct page *p = &a->pages[i];
		bool sub, head;
		char *l = page_label(a, i, &sub);
		enum mark m = MARK_NONE;
		int y = (int)k + 1, x = sub ? 2 : 0, mw = 0;

		head = !sub && p->section > 0 && nav_first_page_of_section(a, p->section) == i;
		if (head)
			m = shown[p->section];
		if (i == a->cur)
			attron(app_look(a, LOOK_SEL));
		mvhline(y, 0, ' ', NAV_WIDTH);
		if (m != MARK_NONE)
			mw = draw_width(_(marks[m])) + 2;	/* a space before the mark */
		app_draw_cut(y, x, l, NAV_WIDTH - x - mw, false);	/* a long part name ends with "…" */
		if (i == a->cur)
			attroff(app_look(a, LOOK_SEL));
		if (m != MARK_NONE) {
			attr_t at = app_look(a, m == MARK_DONE ? LOOK_GOOD :
			    m == MARK_TODO || m == MARK_DRAFT || m == MARK_WARN ? LOOK_TODO : LOOK_BAD);

			attron(at);
			draw_str(stdscr, y, NAV_WIDTH - mw + 1, _(marks[m]), mw - 1, false);
			attroff(at);
		}
		free(l);
	}
}

long
nav_hit(const struct app *a, int y)
{
	size_t rows[64], n = layout(a, rows, sizeof rows / sizeof *rows);

	if (y < 1 || (size_t)(y - 1) >= n)
		return -1;
	return (long)rows[y - 1];
}

/* ---- where the officer left off ------------------------------------------- */

/*
 * A place is "TEMPLATE KIND INDEX A B": the page (kind and part or table
 * index) and in it the focused field (info), cell (table) or the text
 * cursor's line and byte (text).  Another template's place is not used.
 */
static const char *const place_kinds[] = { "info", "text", "table" };

void
nav_place_save(struct app *a)
{
	const struct page *p = &a->pages[a->cur];
	size_t x = 0, y = 0;
	char *place, *err = NULL;

	if (a->r == NULL || a->npages == 0)
		return;
	if (p->kind == PAGE_INFO)
		x = (size_t)a->info_field;
	else if (p->kind == PAGE_TEXT)
		text_cursor(a, p->index, &x, &y);
	else if (a->grids[p->index].cell >= 0)
		x = (size_t)a->grids[p->index].cell;
	place = xasprintf("%s %s %d %zu %zu", a->r->tpl->id, place_kinds[p->kind], p->index, x, y);
	if (prefs_place_set(NULL, a->path, place, &err) != 0)
		free(err);	/* a lost place costs a few keys: not worth stopping the exit */
	free(place);
}

/* Go to page i at the place's position x, y, if they are still there. */
static void
place_go(struct app *a, size_t i, size_t x, size_t y)
{
	const struct page *p = &a->pages[i];
	const struct template *t = a->r->tpl;

	app_go(a, i);
	if (p->kind == PAGE_INFO && x < APP_INFO_FIELDS)
		a->info_field = (int)x;
	else if (p->kind == PAGE_TEXT)
		text_set_cursor(a, p->index, x, y);
	else if (p->kind == PAGE_TABLE && x < t->nvalues && t->values[x].table == p->index)
		a->grids[p->index].cell = (int)x;
}

void
nav_place_restore(struct app *a)
{
	char *place = prefs_place_get(NULL, a->path), tpl[64], kind[16];
	int index;
	size_t x, y;

	if (place == NULL)
		return;
	if (sscanf(place, "%63s %15s %d %zu %zu", tpl, kind, &index, &x, &y) == 5 &&
	    strcmp(tpl, a->r->tpl->id) == 0)
		for (size_t i = 0; i < a->npages; i++)
			if (strcmp(place_kinds[a->pages[i].kind], kind) == 0 && a->pages[i].index == index) {
				place_go(a, i, x, y);
				break;
			}
	free(place);
}
