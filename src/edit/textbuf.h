/*
 * textbuf.h - a narrative being edited: UTF-8 lines, a cursor, undo/redo,
 * and the wrapping of lines to a width.  No curses here: the screen asks
 * for visual lines and draws them.
 *
 * The text is kept as an array of logical lines (split at '\n'), so that an
 * edit touches one line and only that line is wrapped again: a 100 KB
 * section stays instant.  Byte offsets always fall on character boundaries.
 */
#ifndef TEXTBUF_H
#define TEXTBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct textbuf;

/* A visual line: bytes [start, end) of logical line `line`. */
struct tb_vline {
	size_t	line;
	size_t	start, end;
};

/*
 * Links: spans of a line shown as other text, such as a linked number shown
 * as its value (core/links.h).  The cursor steps over a link as one
 * character, Backspace and Delete remove it whole, and wrapping counts the
 * columns of what it shows.  at: when a link starts at s (n bytes to the end
 * of the line), its length in bytes and in *shown the text it shows (kept by
 * ctx until the next call); otherwise 0.  A link starts with '{' and is at
 * most TB_LINK_MAX bytes.
 */
#define TB_LINK_MAX	128
struct tb_links {
	size_t	(*at)(void *ctx, const char *s, size_t n, const char **shown);
	void	*ctx;
};

/* ambiguous: 1 or 2, see width.h. */
struct textbuf *textbuf_create(const char *text, size_t len, int ambiguous);
void textbuf_free(struct textbuf *tb);

/* The whole text, lines joined with '\n'; caller frees. */
char *textbuf_text(const struct textbuf *tb);
/* True when the text differs from what textbuf_mark_clean last saw. */
bool textbuf_dirty(const struct textbuf *tb);
void textbuf_mark_clean(struct textbuf *tb);

size_t textbuf_lines(const struct textbuf *tb);
const char *textbuf_line(const struct textbuf *tb, size_t i, size_t *len);

/* Cursor: logical line and byte offset in it. */
void textbuf_cursor(const struct textbuf *tb, size_t *line, size_t *byte);
void textbuf_set_cursor(struct textbuf *tb, size_t line, size_t byte);

/* Editing at the cursor.  Inserted text may hold newlines ("\r\n" and "\r"
 * become "\n"); invalid UTF-8 and other control bytes except '\t' are
 * refused (false) and nothing changes. */
bool textbuf_insert(struct textbuf *tb, const char *s, size_t n);
/* Delete the character before / at the cursor, joining lines at their ends. */
bool textbuf_backspace(struct textbuf *tb);
bool textbuf_delete(struct textbuf *tb);
/* Undo and redo whole edits; typing a run of characters is one edit. */
bool textbuf_undo(struct textbuf *tb);
bool textbuf_redo(struct textbuf *tb);

/* Read links with lk (NULL: none); stamp names what they show, and a new
 * stamp (the values changed) wraps every line again. */
void textbuf_set_links(struct textbuf *tb, const struct tb_links *lk, uint64_t stamp);

/* Wrapping: visual lines of width columns (>= 2), broken by the rules of
 * lib/wrap.h (no line starts with ，or 。, numbers keep their units); a
 * double-width character is never split.  Wrapped lines are cached per
 * logical line. */
void textbuf_set_width(struct textbuf *tb, int width);
size_t textbuf_vlines(struct textbuf *tb);
struct tb_vline textbuf_vline(struct textbuf *tb, size_t v);
/* Visual line and screen column of the cursor. */
void textbuf_cursor_pos(struct textbuf *tb, size_t *vline, int *col);

/* Movement, by character, visual line (keeping the wanted column), line
 * start/end (Home/End, of the visual line) and paragraph (logical line). */
void textbuf_left(struct textbuf *tb);
void textbuf_right(struct textbuf *tb);
void textbuf_up(struct textbuf *tb);
void textbuf_down(struct textbuf *tb);
void textbuf_home(struct textbuf *tb);
void textbuf_end(struct textbuf *tb);
void textbuf_prev_paragraph(struct textbuf *tb);
void textbuf_next_paragraph(struct textbuf *tb);
/* Put the cursor at the character drawn at (vline, col) (mouse clicks). */
void textbuf_goto(struct textbuf *tb, size_t vline, int col);

#endif
