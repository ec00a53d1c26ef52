/*
 * srcdoc.h - a published report as it was read, before anything is placed:
 * lines of running text and rows of table cells, in reading order, each
 * with the line of the source file it came from (for messages that name
 * the place).  Readers (html.c for pages, textsrc.c for text) build it;
 * the importer (import.c) places its content into a report.
 */
#ifndef SRCDOC_H
#define SRCDOC_H

#include <stddef.h>

enum src_kind {
	SRC_LINE,		/* a line (paragraph) of running text */
	SRC_ROW			/* a row of table cells */
};

struct src_cell {
	char	*text;		/* UTF-8, whitespace collapsed and trimmed; "" when empty */
	int	 line;		/* source line where the cell starts */
	int	 col;		/* grid column after spans (HTML), or -1 when unknown */
	int	 colspan, rowspan;	/* 1 when not given */
};

struct src_item {
	enum src_kind	 kind;
	int		 line;		/* source line (1-based) where the item starts */
	/* SRC_LINE */
	char		*text;		/* UTF-8, trimmed, never empty */
	int		 heading;	/* 1..6 for an HTML <h1>..<h6>, 0 otherwise */
	/* SRC_ROW */
	struct src_cell	*cells;
	size_t		 ncells, cellcap;
	int		 table;		/* which table of the source (0, 1, ...) */
};

struct srcdoc {
	struct src_item	*v;
	size_t		 n, cap;
	char		*title;		/* an HTML page's <title>, or NULL */
	int		 ntables;	/* tables seen so far (src_item.table counts from 0) */
};

#define SRCDOC_INIT { NULL, 0, 0, NULL, 0 }

/* Append a line of text (n bytes at s); it is trimmed, and dropped when
 * nothing is left.  heading: 1..6 for <hN>, else 0. */
void srcdoc_line(struct srcdoc *d, int line, const char *s, size_t n, int heading);

/* Start a new row of table `table`; cells are added with srcdoc_cell(). */
void srcdoc_row(struct srcdoc *d, int line, int table);

/* Append a cell (n bytes at s, trimmed) to the last row. */
void srcdoc_cell(struct srcdoc *d, int line, const char *s, size_t n, int col, int colspan,
    int rowspan);

void srcdoc_free(struct srcdoc *d);

#endif
