/* draw.h - put UTF-8 text on the screen by display columns, whole characters only. */
#ifndef DRAW_H
#define DRAW_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

/* East Asian ambiguous characters: 1 or 2 columns (preference). */
void draw_set_ambiguous(int columns);
int draw_ambiguous(void);

/*
 * Draw n bytes of s at (y, x) in at most maxw columns; a character that does
 * not fit is not drawn (a double-width one is never cut).  With pad, fill the
 * rest of maxw with spaces.  Control characters show as U+FFFD.  Returns the
 * columns drawn.
 */
int draw_text(WINDOW *w, int y, int x, const char *s, size_t n, int maxw, bool pad);
int draw_str(WINDOW *w, int y, int x, const char *s, int maxw, bool pad);
/* The same, right-aligned in maxw columns. */
void draw_right(WINDOW *w, int y, int x, const char *s, int maxw);
/* Columns s needs. */
int draw_width(const char *s);
/* Bytes of the longest prefix of s that fits in maxw columns. */
size_t draw_fit(const char *s, size_t n, int maxw);

/* Wrap s into lines of at most width columns, as wrap_line_end (lib/wrap.h)
 * breaks Chinese text, and at each newline: byte offsets of line starts (and
 * the end) in *starts (caller frees); returns the number of lines. */
size_t draw_wrap(const char *s, int width, size_t **starts);

#endif
