/*
 * app.h - the editor's state, shared by the screen modules (tui.c, nav.c,
 * page_text.c, page_grid.c, page_meta.c).  The model is the report and its
 * checker; everything on screen is drawn again from here (so resize and
 * undo are cheap and nothing is remembered only in a curses window).
 */
#ifndef APP_H
#define APP_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "core/findings.h"
#include "core/report.h"
#include "core/reviewcache.h"
#include "core/rules.h"
#include "core/tplset.h"
#include "edit/cellundo.h"
#include "edit/lineedit.h"
#include "edit/textbuf.h"
#include "lib/buf.h"
#include "store/prefs.h"
#include "store/store.h"
#include "tui/keys.h"

enum page_kind { PAGE_INFO, PAGE_TEXT, PAGE_TABLE };

struct page {
	enum page_kind	 kind;
	int		 index;		/* part or table index */
	int		 section;	/* 0..6 */
};

/* A table's view state. */
struct gridview {
	int	 cell;		/* focused value cell */
	bool	 editing;
	/* A new value typed over the cell: Left and Right store it and move on.
	 * Otherwise (an old value opened by Backspace, Home or End, or a value
	 * refused) they move the cursor in it, and on at its ends. */
	bool	 entry;
	struct lineedit line;	/* what is being typed */
	int	 top;		/* first body row shown */
	int	 left;		/* first value column shown */
	int	 y0;		/* screen row of the grid's first row, as last drawn */
};

/*
 * A problem of the tables: the broken relations (complete ones: every cell
 * they read is entered) that one wrong value explains, so that one typo is
 * one problem (core/rules.h, checker_same_typo).
 */
#define RELGROUP_MAX 8
struct relgroup {
	size_t	 inst[RELGROUP_MAX];	/* the relations; the first leads */
	size_t	 n;
	int	 cell;		/* when n > 1: the cell whose one value mends them all */
	int64_t	 expected;
	bool	 warning;	/* every one of them is a warning */
};

struct app;

/*
 * A screen: a page or a dialog.  The one input loop (app_run) draws the
 * stack of screens from the last full-screen one up and hands every key to
 * the top one; no screen reads a key itself.  key gets ERR on each tick of
 * the loop (half a second without a key) and returns whether to redraw.
 */
struct screen {
	void		(*draw)(struct app *a, struct screen *s);
	bool		(*key)(struct app *a, struct screen *s, int rc, wint_t wc);
	bool		 overlay;	/* drawn over the screen below it */
	bool		 done;		/* set by key: the screen closes */
};
#define APP_MAX_SCREENS 8

enum msg_level { MSG_NONE, MSG_INFO, MSG_WARN, MSG_ERROR };

struct app {
	const char	*path;
	struct tplset	*ts;
	struct prefs	*prefs;
	struct report	*r;
	struct report	*prev;		/* last year's, when the report names it */
	struct checker	*ck;
	struct page	*pages;
	size_t		 npages, cur;
	struct textbuf	**texts;	/* per part, created when first shown */
	int		*text_top;	/* per part: first visual line shown */
	struct gridview	*grids;		/* per table */
	struct cellundo	 cell_undo;	/* undo and redo in the tables */
	int		 info_field;
	bool		 info_editing;
	struct lineedit	 info_line;	/* the field being edited */
	unsigned long	 edits;		/* edits since opening */
	unsigned long	 saved_edits;	/* edits at the last save */
	struct buf	 saved_bytes;	/* the report as saved or opened: undo back to it is not modified */
	unsigned long	 journaled_edits;
	time_t		 journal_time;
	bool		 readonly;
	bool		 locked;	/* we hold the lock */
	struct store_stamp stamp;	/* the file as last read or saved: a save refuses other changes */
	bool		 quit;
	bool		 pending_esc;
	bool		 ending;	/* hang-up or SIGTERM: every screen closes */
	int		 quick_errs;	/* reads that ended at once: the terminal is gone */
	struct screen	*stack[APP_MAX_SCREENS];
	int		 depth;
	struct buf	*pasting;	/* a bracketed paste being collected */
	char		 msg[512];
	enum msg_level	 msg_level;
	int		 rows, cols;
	bool		 color;
	/*
	 * What is on the screen, so that a keystroke redraws only what changed:
	 * full means everything is drawn again (a new page, a resize, after a
	 * dialog); otherwise the frame (navigator, guidance, headers) stays and
	 * rows and cells are redrawn only when their signature changed.
	 */
	bool		 full;
	size_t		 drawn_page;
	unsigned long	 drawn_edits;
	int		 body_y0;	/* first row of the page's body */
	uint64_t	 nav_sig;	/* of the navigator as drawn */
	uint64_t	 title_sig;	/* of the title bar as drawn */
	uint64_t	 status_sig;	/* of the status rows as drawn */
	uint64_t	*row_sig;	/* per screen row */
	uint64_t	*cell_sig;	/* per value cell */
	/* the problems of the tables as of edit number groups_edits (app_relgroups) */
	struct relgroup	*groups;
	size_t		 ngroups, groups_cap;
	unsigned long	 groups_edits;
	bool		 groups_known;
	/* the status of the tables as of edit status_edits on page status_page, cell status_cell */
	char		*status_text;
	enum msg_level	 status_level;
	unsigned long	 status_edits;
	size_t		 status_page;
	int		 status_cell;
	bool		 status_known;
	/* the review of the words while typing (live.c): as of edit review_edits, and
	 * its findings not acknowledged as of the cache's generation review_gen */
	struct reviewcache *review;
	unsigned long	 review_edits;
	struct review_list review_open;
	unsigned long	 review_gen;
	bool		 review_known;
	size_t		 status_at;	/* the text cursor the status was made for */
	unsigned long	 status_gen;	/* and the review's generation */
	/* the journal could not be written: say so once */
	bool		 journal_failed;
	bool		 no_journal;	/* an unreadable journal exists: leave it alone */
};

/* Colour pairs / attributes by meaning. */
enum look { LOOK_NORMAL, LOOK_TITLE, LOOK_GUIDE, LOOK_DERIVED, LOOK_BAD, LOOK_FOCUS,
	LOOK_GOOD, LOOK_TODO, LOOK_HINTKEY, LOOK_SEL, LOOK_COUNT };
attr_t app_look(const struct app *a, enum look l);

/* Keys we define ourselves (define_key) beyond ncurses' own codes. */
#define KEY_PASTE_BEGIN (KEY_MAX + 1)
#define KEY_PASTE_END (KEY_MAX + 2)
#define KEY_CTRL_UP (KEY_MAX + 3)
#define KEY_CTRL_DOWN (KEY_MAX + 4)

#define NAV_WIDTH 20
#define APP_INFO_FIELDS 7	/* fields of the report information (page_meta.c) */
#define MIN_COLS 80
#define MIN_ROWS 24

/* Main pane geometry. */
static inline int app_pane_x(const struct app *a) { (void)a; return NAV_WIDTH + 1; }
static inline int app_pane_w(const struct app *a) { return a->cols - NAV_WIDTH - 1; }
static inline int app_pane_bottom(const struct app *a) { return a->rows - 4; }


/* tui.c */
/* Run screen s on top of the stack until it is done or the editor ends. */
void app_run(struct app *a, struct screen *s);
void app_message(struct app *a, enum msg_level l, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void app_edited(struct app *a);
/* The key-hint bar of a context (enum key_context) on the last row. */
void app_draw_hints(struct app *a, unsigned ctx);
void app_go(struct app *a, size_t page);
/* Draw s on row y from x in at most maxw columns, ending with "…" when it
 * is cut (never cut silently); pad fills the rest with spaces.  Returns the
 * columns used. */
int app_draw_cut(int y, int x, const char *s, int maxw, bool pad);
/* Rows for the guidance above a page: least at 24 rows, more in taller windows. */
static inline int app_guide_rows(const struct app *a, int least)
{
	return least + (a->rows > MIN_ROWS ? (a->rows - MIN_ROWS) * least / 12 : 0);
}
/* Draw a guidance text in rows [y, y + max) of the pane; returns rows used. */
int app_draw_guide(struct app *a, int y, const char *title, const char *guide, int max);

/* dialog.c */
/* Ask a question on the status line; the chosen key (lowercase) among
 * choices ('\r' for Enter if listed), or 0 on Esc or when the editor ends. */
int app_ask(struct app *a, const char *question, const char *choices);
/* What a key did to a line being edited (app_line_key). */
enum line_result {
	LINE_NOT_MINE,	/* not an editing key */
	LINE_DONE,	/* the text or the cursor changed */
	LINE_EDGE,	/* Left or Right at that end of the text: nothing changed */
	LINE_REFUSED	/* a character past the field's limit, or not one */
};
/* The keys of the one line editor: the cursor keys, Home, End, Backspace,
 * Delete and typing. */
enum line_result app_line_key(struct lineedit *e, int key, bool code);
/* Draw e on row y in w columns from x, scrolled to keep the cursor in
 * view; returns the cursor's column. */
int app_line_draw(const struct lineedit *e, int y, int x, int w);
/* Read a line of text on row y after label; NULL on Esc. Caller frees. */
char *app_prompt(struct app *a, int y, const char *label, const char *initial);
/* Show msg on row y and wait for a key. */
void app_notice(struct app *a, int y, const char *msg);
/* The broken complete relations in groups, errors first: *out is kept by
 * the editor and found again only after an edit (app_edited), since the
 * status line asks for it at every keystroke. */
size_t app_relgroups(struct app *a, const struct relgroup **out);
/* The group holding relation inst, or NULL. */
const struct relgroup *app_relgroup_of(const struct relgroup *v, size_t n, size_t inst);
/* What is wrong, then after sep what would mend it ("" when nothing is
 * worth proposing); caller frees. */
char *app_relgroup_text(struct app *a, const struct relgroup *g, const char *sep);
/* The list of errors and warnings; Enter goes to the cell. */
void app_problems(struct app *a);
/* The keys, from the binding table. */
void app_help(struct app *a);
/* The whole guidance of the current part or table, scrollable. */
void app_guide(struct app *a);

/* nav.c */
void nav_build(struct app *a);
void nav_draw(struct app *a, bool full);
/* Reopen where the officer left off in this report (the place kept in the
 * preferences' state, store/prefs.h), and remember it on the way out. */
void nav_place_restore(struct app *a);
void nav_place_save(struct app *a);
/* Page shown at a click on navigator row y, or -1. */
long nav_hit(const struct app *a, int y);
size_t nav_first_page_of_section(const struct app *a, int section);
/* The name of a page with its section's short title before it; caller frees. */
char *nav_label(const struct app *a, size_t page);
/* Is part p still last year's text word for word (kept when the report was
 * started from last year's, and not edited since)?  A draft, not done. */
bool nav_part_is_draft(const struct app *a, size_t p);

/* live.c */
/* The byte of part's text the cursor is at. */
size_t live_cursor(struct app *a, int part);
/* A text key changed part, its cursor at byte before and now at after; exact
 * is false when the change need not be at the cursor (undo, redo). */
void live_text_edited(struct app *a, int part, size_t before, size_t after, bool exact);
/* A pause, a page left, the problems list closed: the checks put off while
 * typing (whole parts, and after any edit but a text key, all).  True when
 * the findings were found again. */
bool live_settle(struct app *a);
/* The review's findings, the acknowledged left out (kept by the editor): of
 * the sentences as typed, of the rest as of the last pause. */
const struct review_list *live_findings(struct app *a);
/* The words' warnings for the status line: their count and the one at or near
 * the cursor's sentence; NULL when there are none.  Caller frees. */
char *live_status(struct app *a);
void live_free(struct app *a);

/* page_text.c */
void text_sync(struct app *a);
/* Show a narrative part with the cursor at byte offset at of its text. */
void text_focus(struct app *a, int part, size_t at);
/* The cursor of a part's text: a line and a byte in it. */
void text_cursor(struct app *a, int part, size_t *line, size_t *byte);
void text_set_cursor(struct app *a, int part, size_t line, size_t byte);
void text_draw(struct app *a, bool full);
void text_key(struct app *a, int key, bool code);
void text_paste(struct app *a, const char *s, size_t n);
void text_click(struct app *a, int y, int x);

/* page_grid.c */
void grid_enter(struct app *a, int table);
void grid_draw(struct app *a, bool full);
void grid_key(struct app *a, int key, bool code);
void grid_paste(struct app *a, const char *s, size_t n);
void grid_click(struct app *a, int y, int x);
void grid_focus(struct app *a, int table, int cell);
/* The blank cells of the current table become 0, in one undo step. */
void grid_fill_zero(struct app *a);
/* Status text for the focused cell (the most important diagnostic) and its
 * level (an incomplete relation is a warning); caller frees, or NULL. */
char *grid_status(struct app *a, enum msg_level *l);

/* page_meta.c */
void info_draw(struct app *a);
void info_key(struct app *a, int key, bool code);

#endif
