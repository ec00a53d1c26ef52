/*
 * lineedit.h - one line of text being edited, curses-free: the text, a
 * cursor in it, and the edits every one-line field of the editor shares (a
 * table cell, a field of the report information, a prompt).  Nothing is
 * ever cut: a character that would pass the field's limit is refused, and
 * a text wider than its field is scrolled (lineedit_view).
 *
 * A zeroed struct lineedit is an empty line without a limit.
 */
#ifndef LINEEDIT_H
#define LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"

struct lineedit {
	struct buf	 b;		/* the text */
	size_t		 at;		/* the cursor, a byte offset in b */
	size_t		 max;		/* most bytes the text may hold; 0: no limit */
	/*
	 * The next typed character replaces the whole text: set after a value
	 * was refused, so that typing it again does not append to the refusal.
	 * Any cursor movement or deletion clears it (the text is being mended).
	 */
	bool		 replace;
};

/* Start editing text (NULL: empty), the cursor at its end; max as above. */
void lineedit_start(struct lineedit *e, const char *text, size_t max);
/* The text, never NULL; valid until the next change. */
const char *lineedit_text(const struct lineedit *e);
/* Insert a character at the cursor; false (nothing changed) if the text
 * would pass its limit or cp is not a character. */
bool lineedit_insert(struct lineedit *e, uint32_t cp);
/* Delete the character before (backspace) or at (delete) the cursor. */
void lineedit_backspace(struct lineedit *e);
void lineedit_delete(struct lineedit *e);
/* Move the cursor one character, or to either end.  left and right
 * return false when the cursor was already at that end. */
bool lineedit_left(struct lineedit *e);
bool lineedit_right(struct lineedit *e);
void lineedit_home(struct lineedit *e);
void lineedit_end(struct lineedit *e);
/* The next typed character replaces the text (after a refusal). */
void lineedit_select_all(struct lineedit *e);
/*
 * The first byte to show in a field cols columns wide so that the cursor
 * is in view, with room for it after the last character: 0 when the text
 * up to the cursor fits.  ambiguous is the width of East Asian ambiguous
 * characters (1 or 2).
 */
size_t lineedit_view(const struct lineedit *e, int cols, int ambiguous);
void lineedit_free(struct lineedit *e);

#endif
