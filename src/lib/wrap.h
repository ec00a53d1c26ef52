/*
 * wrap.h - the one line breaker of the program: the editor's text, the
 * guidance and status lines and the text export all wrap through it, so
 * that they break Chinese text the same way.
 *
 * Break opportunities are Unicode's (UAX #14, from libunistring), tailored
 * to Chinese typesetting: no line starts with closing punctuation (，。、）
 * ” … and , . ; : ? ! ) ] }), no line ends with opening punctuation (（《“
 * and ( [ {), runs of ASCII letters, digits and symbols (words, numbers,
 * URLs) are not split, and a number keeps the character after it when that
 * is a CJK ideograph, its unit (month, year, piece: "12 / month 31" was the
 * complaint).  A line with no opportunity splits a number or word rather
 * than start the next line with a closing mark, and else is cut where it is
 * full: no line is ever wider than asked, but for a single character wider
 * than the whole line.
 */
#ifndef WRAP_H
#define WRAP_H

#include <stddef.h>

/*
 * Where the line that starts at byte `start` of the n bytes at s ends (the
 * next line's start): the last opportunity that keeps the line within width
 * columns (ambiguous: 1 or 2, see width.h), or n when the rest fits.  At
 * least one character goes on a line.  s holds no newline; its invalid bytes
 * count as one-column characters.  The answer depends only on s, start and
 * the width.
 */
size_t wrap_line_end(const char *s, size_t n, size_t start, int width, int ambiguous);
/*
 * The same, and in *reach the end of the bytes that decided it: the answer
 * for `start` stays right while bytes [start, *reach) do not change (an
 * editor keeps the breaks an edit cannot move).
 */
size_t wrap_line_reach(const char *s, size_t n, size_t start, int width, int ambiguous,
    size_t *reach);

/* Columns of the widest run of s that has no opportunity to break inside. */
int wrap_widest(const char *s, size_t n, int ambiguous);

#endif
