/*
 * dialog.c - the editor's dialogs as screens of the one input loop (see
 * app_run in tui.c): a question on the status line, a line of text, a notice,
 * the problems list and the help.  None reads a key itself, so a hang-up,
 * SIGTERM or a resize reaches every one of them the same way.
 */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "core/review.h"
#include "core/rulewarn.h"
#include "edit/lineedit.h"
#include "lib/buf.h"
#include "lib/width.h"
#include "lib/xalloc.h"
#include "tui/app.h"
#include "tui/draw.h"

#define CTRL(c) ((c) & 0x1f)

static bool
dialog_is_enter(int rc, wint_t wc)
{
	return (rc == OK && (wc == '\r' || wc == '\n')) || (rc == KEY_CODE_YES && wc == KEY_ENTER);
}

/* ---- a question on the status line --------------------------------------- */

struct ask_screen {
	struct screen	 s;
	const char	*question, *choices;
	int		 answer;
};

static void
ask_draw(struct app *a, struct screen *s)
{
	struct ask_screen *q = (struct ask_screen *)s;
	int y = a->rows - 3;

	move(y + 1, 0);
	clrtoeol();
	move(y, 0);
	clrtoeol();
	attron(A_REVERSE | A_BOLD);
	draw_str(stdscr, y, 0, q->question, a->cols, true);
	attroff(A_REVERSE | A_BOLD);
}

static bool
ask_key(struct app *a, struct screen *s, int rc, wint_t wc)
{
	struct ask_screen *q = (struct ask_screen *)s;

	(void)a;
	if (rc == ERR)
		return false;
	if (rc == OK && wc == 27)
		q->s.done = true;
	else if (dialog_is_enter(rc, wc) && strchr(q->choices, '\r') != NULL) {
		q->answer = '\r';
		q->s.done = true;
	} else if (rc == OK && wc > 32 && wc < 128 && strchr(q->choices, (int)(wc | 0x20)) != NULL) {
		q->answer = (int)(wc | 0x20);
		q->s.done = true;
	}
	return true;
}

int
app_ask(struct app *a, const char *question, const char *choices)
{
	struct ask_screen q = { { ask_draw, ask_key, true, false }, question, choices, 0 };

	app_run(a, &q.s);
	return q.answer;
}

/* ---- a line of text ------------------------------------------------------ */

/*
 * The editing keys every one-line field shares (edit/lineedit.h): the cursor
 * keys, Backspace, Delete and typing.  Left and Right at an end of the text
 * are not used up (LINE_EDGE), so that a cell can move on to its neighbour.
 */
enum line_result
app_line_key(struct lineedit *e, int key, bool code)
{
	if ((code && key == KEY_BACKSPACE) || (!code && (key == 127 || key == CTRL('h'))))
		lineedit_backspace(e);
	else if (code && key == KEY_DC)
		lineedit_delete(e);
	else if (code && key == KEY_LEFT)
		return lineedit_left(e) ? LINE_DONE : LINE_EDGE;
	else if (code && key == KEY_RIGHT)
		return lineedit_right(e) ? LINE_DONE : LINE_EDGE;
	else if (code && key == KEY_HOME)
		lineedit_home(e);
	else if (code && key == KEY_END)
		lineedit_end(e);
	else if (!code && key >= 32 && key != 127)
		return lineedit_insert(e, (uint32_t)key) ? LINE_DONE : LINE_REFUSED;
	else
		return LINE_NOT_MINE;
	return LINE_DONE;
}

int
app_line_draw(const struct lineedit *e, int y, int x, int w)
{
	const char *text = lineedit_text(e);
	size_t from = lineedit_view(e, w, draw_ambiguous());

	/* Scrolled sideways so that the cursor stays in view: nothing is cut
	 * off, it is only out of view. */
	draw_text(stdscr, y, x, text + from, strlen(text + from), w, true);
	return x + (int)width_str(text + from, e->at - from, draw_ambiguous());
}

struct prompt_screen {
	struct screen	 s;
	int		 y;
	const char	*label;
	struct lineedit	 line;
	bool		 ok;
};

static void
prompt_draw(struct app *a, struct screen *s)
{
	struct prompt_screen *p = (struct prompt_screen *)s;
	int x, cx;

	move(p->y, 0);
	clrtoeol();
	x = draw_str(stdscr, p->y, 0, p->label, a->cols / 2, false) + 1;
	cx = app_line_draw(&p->line, p->y, x, a->cols - x - 1);
	move(p->y, cx);
}

static bool
prompt_key(struct app *a, struct screen *s, int rc, wint_t wc)
{
	struct prompt_screen *p = (struct prompt_screen *)s;

	(void)a;
	if (rc == ERR)
		return false;
	if (rc == OK && wc == 27)
		p->s.done = true;
	else if (dialog_is_enter(rc, wc))
		p->ok = p->s.done = true;
	else if (rc == OK && wc == CTRL('a'))
		lineedit_home(&p->line);
	else if (rc == OK && wc == CTRL('e'))
		lineedit_end(&p->line);
	else
		app_line_key(&p->line, (int)wc, rc == KEY_CODE_YES);
	return true;
}

char *
app_prompt(struct app *a, int y, const char *label, const char *initial)
{
	struct prompt_screen p = { { prompt_draw, prompt_key, true, false }, y, label, { BUF_INIT, 0, 0, false }, false };
	char *text = NULL;

	lineedit_start(&p.line, initial, 0);
	app_run(a, &p.s);
	if (p.ok)
		text = xstrdup(lineedit_text(&p.line));
	lineedit_free(&p.line);
	return text;
}

/* ---- a notice: a message and "press a key" ------------------------------ */

struct notice_screen {
	struct screen	 s;
	int		 y;
	const char	*msg;
};

static void
notice_draw(struct app *a, struct screen *s)
{
	struct notice_screen *n = (struct notice_screen *)s;

	size_t *st, lines = draw_wrap(n->msg, a->cols, &st), r;
	int y = n->y;

	move(n->y, 0);
	clrtobot();
	/* The whole message, on as many rows as it needs (the last ones are
	 * cut with "…" only when the window has no more). */
	for (r = 0; r < lines && y < a->rows - 2; r++)
		draw_text(stdscr, y++, 0, n->msg + st[r], st[r + 1] - st[r], a->cols, false);
	if (r > 0 && r < lines)
		app_draw_cut(y - 1, 0, n->msg + st[r - 1], a->cols, false);
	draw_str(stdscr, y, 0, _("Press a key."), a->cols, false);
	free(st);
}

static bool
notice_key(struct app *a, struct screen *s, int rc, wint_t wc)
{
	(void)a;
	(void)wc;
	if (rc == ERR)
		return false;
	s->done = true;
	return true;
}

void
app_notice(struct app *a, int y, const char *msg)
{
	struct notice_screen n = { { notice_draw, notice_key, true, false }, y, msg };

	app_run(a, &n.s);
}

/* ---- one typo, one problem ------------------------------------------------- */

/* Add failed complete relation i to a group it shares a typo with, or to a new one. */
static void
relgroup_add(struct app *a, size_t i, bool warning)
{
	struct relgroup **v = &a->groups;
	size_t *n = &a->ngroups, *cap = &a->groups_cap;
	int cell;
	int64_t want;

	for (size_t g = 0; g < *n; g++) {
		struct relgroup *rg = &(*v)[g];

		if (rg->n < RELGROUP_MAX && checker_same_typo(a->ck, rg->inst[0], i, &cell, &want) &&
		    (rg->n == 1 || (cell == rg->cell && want == rg->expected))) {
			rg->cell = cell;
			rg->expected = want;
			rg->inst[rg->n++] = i;
			rg->warning &= warning;
			return;
		}
	}
	*v = xgrow(*v, cap, *n + 1, sizeof **v);
	memset(&(*v)[*n], 0, sizeof **v);
	(*v)[*n].inst[0] = i;
	(*v)[*n].n = 1;
	(*v)[*n].cell = -1;
	(*v)[*n].warning = warning;
	(*n)++;
}

size_t
app_relgroups(struct app *a, const struct relgroup **out)
{
	*out = a->groups;
	if (a->groups_known && a->groups_edits == a->edits)
		return a->ngroups;
	struct review_list acked = REVIEW_LIST_INIT;
	bool *skip;

	a->ngroups = 0;
	a->groups_known = true;
	a->groups_edits = a->edits;
	review_acked_rules(a->r, a->ck, &acked, &skip);	/* acknowledged warnings are no problem */
	for (int pass = 0; pass < 2; pass++)	/* errors lead their groups */
		for (size_t i = 0; i < checker_instances(a->ck); i++) {
			struct finding f;

			if (checker_status(a->ck, i) != FINDING_FAIL || checker_incomplete(a->ck, i) ||
			    (skip != NULL && skip[i]))
				continue;
			checker_finding(a->ck, i, &f);
			if (f.warning == (pass == 1))
				relgroup_add(a, i, f.warning);
		}
	free(skip);
	review_list_free(&acked);
	*out = a->groups;
	return a->ngroups;
}

const struct relgroup *
app_relgroup_of(const struct relgroup *v, size_t n, size_t inst)
{
	for (size_t g = 0; g < n; g++)
		for (size_t k = 0; k < v[g].n; k++)
			if (v[g].inst[k] == inst)
				return &v[g];
	return NULL;
}

char *
app_relgroup_text(struct app *a, const struct relgroup *g, const char *sep)
{
	struct buf b = BUF_INIT;
	char *h;

	for (size_t k = 0; k < g->n; k++) {
		char *d = checker_describe(a->ck, g->inst[k]);

		if (k > 0)
			buf_adds(&b, _("; "));
		buf_adds(&b, d);
		free(d);
	}
	if (g->n > 1)
		h = checker_typo_hint(a->ck, g->inst[0], g->cell, g->expected, g->n);
	else {
		char *full = checker_fix_hint(a->ck, g->inst[0]);

		h = xstrdup(full + strspn(full, "; "));
		free(full);
	}
	if (*h != '\0')
		buf_addf(&b, "%s%s", sep, h);
	free(h);
	return buf_detach(&b);
}

/* ---- the list of problems ------------------------------------------------ */

/* A line of the list: what is still to do (a blank table, an empty part),
 * or a failed relation. */
struct problem {
	char		*todo;		/* NULL for a relation or a finding of the review */
	long		 review;	/* a finding of the review (index), or -1 */
	size_t		 inst;		/* the relation */
	const struct relgroup *group;	/* the broken relations one value explains, or NULL */
	size_t		 page;		/* to do: where */
	int		 cell;		/* to do: the first blank cell, or -1 */
};

struct problems_screen {
	struct screen	 s;
	struct problem	*v;
	size_t		 n, sel, top;
	struct review_list rl;		/* the review of the words, as check gives it */
	const struct relgroup *groups;
	size_t		 ngroups;
};

static char *
problem_text(struct app *a, const struct problems_screen *ps, const struct problem *p)
{
	struct finding f;
	char *m, *line;

	if (p->todo != NULL)
		return xstrdup(p->todo);
	if (p->review >= 0)
		return xasprintf("%s %s  %s", _("warning"), ps->rl.v[p->review].rule, ps->rl.v[p->review].message);
	if (p->group != NULL && p->group->n > 1) {	/* one typo: its relations together */
		struct buf rules = BUF_INIT;

		for (size_t k = 0; k < p->group->n; k++) {
			checker_finding(a->ck, p->group->inst[k], &f);
			buf_addf(&rules, "%s%s", k > 0 ? "+" : "", f.rule);
		}
		m = app_relgroup_text(a, p->group, _("; "));
		line = xasprintf("%s %s  %s", p->group->warning ? _("warning") : _("error"), rules.data, m);
		buf_free(&rules);
		free(m);
		return line;
	}
	m = checker_message(a->ck, p->inst);
	checker_finding(a->ck, p->inst, &f);
	line = xasprintf("%s %s  %s", checker_incomplete(a->ck, p->inst) ? _("incomplete") :
	    f.warning ? _("warning") : _("error"), f.rule, m);
	free(m);
	return line;
}

static void
problems_draw_line(struct app *a, struct problems_screen *p, size_t k)
{
	char *line = problem_text(a, p, &p->v[k]);
	int y = 1 + (int)(k - p->top);

	if (k == p->sel)
		attron(app_look(a, LOOK_SEL));
	if (draw_width(line) > a->cols) {	/* cut with an ellipsis, never silently */
		size_t fit = draw_fit(line, strlen(line), a->cols - 2);

		draw_text(stdscr, y, 0, line, fit, a->cols - 2, true);
		draw_str(stdscr, y, a->cols - 2, "…", 2, true);
	} else
		draw_str(stdscr, y, 0, line, a->cols, true);
	if (k == p->sel)
		attroff(app_look(a, LOOK_SEL));
	free(line);
}

static void
problems_draw(struct app *a, struct screen *s)
{
	struct problems_screen *p = (struct problems_screen *)s;
	size_t rows = (size_t)(a->rows - 6);

	erase();
	attron(app_look(a, LOOK_TITLE));
	mvhline(0, 0, ' ', a->cols);
	draw_str(stdscr, 0, 1, _("Errors and warnings: Enter goes to the cell, Esc closes"), a->cols - 1, false);
	attroff(app_look(a, LOOK_TITLE));
	if (p->n == 0)
		draw_str(stdscr, 2, 2, _("No errors and no warnings."), a->cols - 2, false);
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + rows)
		p->top = p->sel - rows + 1;
	for (size_t k = p->top; k < p->n && k < p->top + rows; k++)
		problems_draw_line(a, p, k);
	if (p->n > 0) {	/* the whole text of the chosen line */
		char *m = problem_text(a, p, &p->v[p->sel]);
		size_t *st, nl = draw_wrap(m, a->cols, &st);

		mvhline_set(a->rows - 5, 0, WACS_HLINE, a->cols);
		for (size_t r = 0; r < nl && r < 3; r++)	/* the last row holds the hints */
			draw_text(stdscr, a->rows - 4 + (int)r, 0, m + st[r], st[r + 1] - st[r], a->cols, false);
		free(st);
		free(m);
	}
	app_draw_hints(a, CTX_LIST);
}

static void
problems_go(struct app *a, struct problems_screen *p)
{
	const struct problem *pr;
	struct finding f;

	if (p->n == 0)
		return;
	pr = &p->v[p->sel];
	if (pr->review >= 0) {	/* a finding of the review: its cell, or its place in the text */
		const struct review_finding *rf = &p->rl.v[pr->review];

		if (rf->cell >= 0)
			grid_focus(a, a->r->tpl->values[rf->cell].table, rf->cell);
		else if (rf->part >= 0)
			text_focus(a, rf->part, rf->start);
		return;
	}
	if (pr->todo != NULL) {
		if (pr->cell >= 0)
			grid_focus(a, a->r->tpl->values[pr->cell].table, pr->cell);
		else
			app_go(a, pr->page);
		return;
	}
	checker_finding(a->ck, pr->inst, &f);
	if (pr->group != NULL && pr->group->n > 1)	/* the cell that mends them all */
		grid_focus(a, a->r->tpl->values[pr->group->cell].table, pr->group->cell);
	else if (f.ncells > 0) {
		int cell = f.fix >= 0 ? f.fix : f.cells[0];

		grid_focus(a, a->r->tpl->values[cell].table, cell);
	}
}

/* Acknowledge each warning of the tables' rules in group g (one typo) with the reason. */
static int
problems_ack_rules(struct app *a, const struct relgroup *g, const char *reason, char **err)
{
	struct review_list w = REVIEW_LIST_INIT;
	int rc = 0;

	review_rule_warnings(a->ck, &w);
	for (size_t k = 0; k < w.n && rc == 0; k++)
		for (size_t j = 0; j < g->n && rc == 0; j++)
			if ((size_t)w.v[k].instance == g->inst[j])
				rc = review_ack(a->r, &w.v[k], reason, err);
	review_list_free(&w);
	return rc;
}

/* Acknowledge the chosen warning (of the words, or of the tables' rules) with a
 * typed reason: it leaves the list.  Errors of the arithmetic cannot be. */
static void
problems_ack(struct app *a, struct problems_screen *p)
{
	struct problem *pr = p->n > 0 ? &p->v[p->sel] : NULL;
	char *reason, *err = NULL;
	bool rules;

	rules = pr != NULL && pr->review < 0 && pr->todo == NULL && pr->group != NULL && pr->group->warning;
	if (pr == NULL || (pr->review < 0 && !rules)) {
		app_message(a, MSG_WARN, _("Only a warning can be acknowledged, not an error of the tables or what is still to do."));
		return;
	}
	if ((reason = app_prompt(a, a->rows - 2, _("Reason:"), "")) == NULL)
		return;
	if (rules ? problems_ack_rules(a, pr->group, reason, &err) != 0 :
	    review_ack(a->r, &p->rl.v[pr->review], reason, &err) != 0) {
		app_message(a, MSG_ERROR, "%s", err);
		free(err);
	} else {
		app_edited(a);
		free(pr->todo);
		memmove(pr, pr + 1, (p->n - p->sel - 1) * sizeof *pr);
		p->n--;
		p->sel -= p->sel > 0 && p->sel == p->n;
		app_message(a, MSG_INFO, _("Acknowledged: check lists it apart and does not count it."));
	}
	free(reason);
}

static bool
problems_key(struct app *a, struct screen *s, int rc, wint_t wc)
{
	struct problems_screen *p = (struct problems_screen *)s;

	if (rc == ERR)
		return false;
	if (rc == KEY_CODE_YES && wc == KEY_UP && p->sel > 0)
		p->sel--;
	else if (rc == KEY_CODE_YES && wc == KEY_DOWN && p->sel + 1 < p->n)
		p->sel++;
	else if (dialog_is_enter(rc, wc)) {
		problems_go(a, p);
		s->done = true;
	} else if (rc == OK && (wc == 'a' || wc == 'A'))
		problems_ack(a, p); else if ((rc == OK && (wc == 27 || wc == 'q' || wc == CTRL('e'))) || (rc == KEY_CODE_YES && wc == KEY_F(2)))
		s->done = true;
	return true;
}

static struct problem *
problems_add(struct problems_screen *p, size_t *cap)
{
	p->v = xgrow(p->v, cap, p->n + 1, sizeof *p->v);
	memset(&p->v[p->n], 0, sizeof *p->v);
	p->v[p->n].cell = -1;
	p->v[p->n].review = -1;
	return &p->v[p->n++];
}

/* What is left to do: tables with blank cells, parts still empty. */
static void
problems_todo(struct app *a, struct problems_screen *p, size_t *cap)
{
	const struct template *t = a->r->tpl;

	for (size_t pg = 0; pg < a->npages; pg++) {
		const struct page *g = &a->pages[pg];
		size_t blanks = 0;
		int first = -1;
		char *name;

		if (g->kind == PAGE_TABLE)
			for (size_t v = 0; v < t->nvalues; v++)
				if (t->values[v].table == g->index && a->r->cells[v].state == VALUE_BLANK &&
				    !checker_is_derived(a->ck, (int)v)) {
					blanks++;
					first = first < 0 ? (int)v : first;
				}
		if (g->kind == PAGE_TABLE ? blanks == 0 : g->kind != PAGE_TEXT ||
		    (a->r->texts[g->index][0] != '\0' && !nav_part_is_draft(a, g->index)))
			continue;
		name = nav_label(a, pg);
		{
			struct problem *pr = problems_add(p, cap);

			pr->page = pg;
			pr->cell = first;
			pr->todo = g->kind == PAGE_TABLE ?
			    xasprintf(_("to do  %s: %zu blank cells (F5 there fills them with 0)"), name, blanks) :
			    a->r->texts[g->index][0] == '\0' ? xasprintf(_("to do  %s is still empty"), name) :
			    xasprintf(_("to do  %s is still last year's text: update it"), name);
		}
		free(name);
	}
}

void
app_problems(struct app *a)
{
	struct problems_screen p = { { problems_draw, problems_key, false, false }, NULL, 0, 0, 0,
	    REVIEW_LIST_INIT, NULL, 0 };
	struct review_list acked = REVIEW_LIST_INIT;
	size_t cap = 0;

	text_sync(a);
	p.ngroups = app_relgroups(a, &p.groups);
	for (size_t g = 0; g < p.ngroups; g++) {	/* complete relations first, one typo one line */
		struct problem *pr = problems_add(&p, &cap);

		pr->inst = p.groups[g].inst[0];
		pr->group = &p.groups[g];
	}
	review_report(a->r, a->prev, a->prefs->copy_pct, &p.rl);	/* then the words, as check reviews them */
	review_split_acked(a->r, &p.rl, &acked);	/* acknowledged: not a problem any more */
	review_list_free(&acked);
	for (size_t k = 0; k < p.rl.n; k++)
		problems_add(&p, &cap)->review = (long)k;
	problems_todo(a, &p, &cap);
	for (size_t i = 0; i < checker_instances(a->ck); i++)
		if (checker_status(a->ck, i) == FINDING_FAIL && checker_incomplete(a->ck, i))
			problems_add(&p, &cap)->inst = i;
	app_run(a, &p.s);
	live_settle(a);	/* what was acknowledged leaves the count now */
	for (size_t k = 0; k < p.n; k++)
		free(p.v[k].todo);
	free(p.v);
	review_list_free(&p.rl);
}

/* ---- help ------------------------------------------------------------------ */

struct help_screen {
	struct screen	 s;
	const struct key_help *k;
	size_t		 n;
	int		 top;
};

static void
help_draw(struct app *a, struct screen *s)
{
	struct help_screen *h = (struct help_screen *)s;
	int y = 2;

	erase();
	attron(app_look(a, LOOK_TITLE));
	mvhline(0, 0, ' ', a->cols);
	draw_str(stdscr, 0, 1, _("nianbao help: keys (Esc or q closes, arrows scroll)"), a->cols - 1, false);
	attroff(app_look(a, LOOK_TITLE));
	draw_str(stdscr, 1, 1, _("Walk through the report with PgDn; fill the texts and the tables; ^S saves."), a->cols - 1, false);
	for (size_t i = (size_t)h->top; i < h->n && y < a->rows - 1; i++) {
		if (h->k[i].what == NULL)	/* a hint only: its key is described in another row */
			continue;
		attron(A_BOLD);
		draw_str(stdscr, y, 1, _(h->k[i].keys), 24, false);
		attroff(A_BOLD);
		draw_str(stdscr, y++, 26, _(h->k[i].what), a->cols - 27, false);
	}
}

static bool
help_key(struct app *a, struct screen *s, int rc, wint_t wc)
{
	struct help_screen *h = (struct help_screen *)s;

	(void)a;
	if (rc == ERR)
		return false;
	if (rc == KEY_CODE_YES && wc == KEY_DOWN && h->top + 1 < (int)h->n)
		h->top++;
	else if (rc == KEY_CODE_YES && wc == KEY_UP && h->top > 0)
		h->top--;
	else if ((rc == OK && (wc == 27 || wc == 'q' || wc == '\r')) || (rc == KEY_CODE_YES && wc == KEY_F(1)))
		s->done = true;
	return true;
}

void
app_help(struct app *a)
{
	struct help_screen h = { { help_draw, help_key, false, false }, NULL, 0, 0 };

	h.n = keys_all(&h.k);
	app_run(a, &h.s);
}

/* ---- the whole guidance ------------------------------------------------------ */

struct guide_screen {
	struct screen	 s;
	const char	*title, *text;
	int		 top;
};

static void
guide_draw(struct app *a, struct screen *s)
{
	struct guide_screen *g = (struct guide_screen *)s;
	size_t *st, n = draw_wrap(g->text, a->cols - 2, &st);
	int rows = a->rows - 3;

	if (g->top > (int)n - rows)
		g->top = (int)n - rows;
	if (g->top < 0)
		g->top = 0;
	erase();
	attron(app_look(a, LOOK_TITLE));
	mvhline(0, 0, ' ', a->cols);
	draw_str(stdscr, 0, 1, g->title, a->cols - 1, false);
	attroff(app_look(a, LOOK_TITLE));
	for (int r = 0; r < rows && (size_t)(g->top + r) < n; r++) {
		size_t k = (size_t)(g->top + r), len = st[k + 1] - st[k];

		if (len > 0 && g->text[st[k] + len - 1] == '\n')
			len--;
		draw_text(stdscr, 1 + r, 1, g->text + st[k], len, a->cols - 2, false);
	}
	attron(A_DIM);
	draw_str(stdscr, a->rows - 2, 1, (size_t)(g->top + rows) < n ?
	    _("(more below: Down or PgDn scrolls)") : _("(the end of the guidance)"), a->cols - 2, false);
	attroff(A_DIM);
	app_draw_hints(a, CTX_LIST);
	free(st);
}

static bool
guide_key(struct app *a, struct screen *s, int rc, wint_t wc)
{
	struct guide_screen *g = (struct guide_screen *)s;

	if (rc == ERR)
		return false;
	if (rc == KEY_CODE_YES && wc == KEY_DOWN)
		g->top++;
	else if (rc == KEY_CODE_YES && wc == KEY_UP && g->top > 0)
		g->top--;
	else if (rc == KEY_CODE_YES && wc == KEY_NPAGE)
		g->top += a->rows - 4;
	else if (rc == KEY_CODE_YES && wc == KEY_PPAGE)
		g->top = g->top > a->rows - 4 ? g->top - (a->rows - 4) : 0;
	else if ((rc == OK && (wc == 27 || wc == 'q' || wc == CTRL('r') || wc == '\r')) ||
	    (rc == KEY_CODE_YES && wc == KEY_F(6)))
		s->done = true;
	return true;
}

void
app_guide(struct app *a)
{
	const struct template *t = a->r->tpl;
	const struct page *p = &a->pages[a->cur];
	struct guide_screen g = { { guide_draw, guide_key, false, false }, NULL, NULL, 0 };
	char *title;

	if (p->kind == PAGE_TEXT)
		g.text = t->parts[p->index].guide;
	else if (p->kind == PAGE_TABLE)
		g.text = t->sections[t->tables[p->index].section].guide;
	else
		return;
	if (g.text == NULL)
		g.text = "";
	g.title = title = nav_label(a, a->cur);	/* the opening paragraph has no section title */
	app_run(a, &g.s);
	free(title);
}
