/*
 * rowpaste.h - a paste into a table, curses-free: lines go down the rows,
 * values separated by tabs or spaces go across a row (as a spreadsheet
 * copies them).  Empty lines are skipped; a carriage return ends a line.
 */
#ifndef ROWPASTE_H
#define ROWPASTE_H

#include <stddef.h>

struct rowpaste_line {
	char	**vals;		/* the values of one line, as text */
	size_t	  n;
};

struct rowpaste {
	struct rowpaste_line *lines;
	size_t	  nlines;
};

/* Split n bytes of s; free with rowpaste_free. */
void rowpaste_split(const char *s, size_t n, struct rowpaste *out);
void rowpaste_free(struct rowpaste *p);

#endif
