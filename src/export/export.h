/*
 * export.h - what is published: the report as standard-format text or as a
 * website-ready HTML document.  Exporters are pure functions from a report to
 * UTF-8 bytes with LF line ends; export_report() checks that every text fits
 * the chosen encoding and converts (encode.c).
 */
#ifndef EXPORT_H
#define EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/report.h"
#include "lib/buf.h"

enum export_blank {
	BLANK_ZERO,		/* a blank cell prints 0 (what publishers do) */
	BLANK_EMPTY		/* a blank cell stays empty */
};

struct export_opts {
	enum export_blank blank;
	int		 width;		/* text: line width in columns (default 80); 0: a paragraph per line */
	int		 ambiguous;	/* text: columns of ambiguous characters (box drawing too): 1 or 2 */
	bool		 fragment;	/* HTML: only the content, for pasting into a CMS */
	const char	*charset;	/* HTML: the <meta charset> to declare ("UTF-8", "GB18030", "GBK") */
};

struct export_stats {
	size_t		 blanks_as_zero;	/* blank cells printed as 0 */
	size_t		 unreadable;	/* cells unreadable in their source, printed as "?" */
	size_t		 unknown_links;	/* linked numbers whose cells are blank, printed as "?" */
};

void export_opts_init(struct export_opts *o);

/* A whole export, as the command line and the editor ask for it. */
struct export_request {
	bool			 html;
	bool			 docx;		/* a Word document (wins over html; always UTF-8) */
	const char		*encoding;	/* iconv name: "UTF-8", "GB18030", "GBK" */
	bool			 crlf;
	struct export_opts	 opts;
};

/* Fill req from a remembered choice such as "html gb18030 crlf zero" (or defaults). */
void export_request_init(struct export_request *req, const char *choice);
/* The remembered form of req; caller frees. */
char *export_request_choice(const struct export_request *req);

/* Check that every text fits the encoding, export and encode: the bytes to
 * write.  -1 with *err (naming the place of a character that does not fit). */
int export_report(const struct report *r, const struct export_request *req, struct buf *bytes,
    struct export_stats *st, char **err);

/* FILE.nb -> FILE.txt or FILE.html beside it; caller frees. */
char *export_default_path(const char *file, bool html);
/* FILE.nb -> FILE.txt, FILE.html or FILE.docx beside it, as req asks; caller frees. */
char *export_request_path(const char *file, const struct export_request *req);

/* The one way an export reaches the disk: replace out atomically (out~ keeps
 * the previous version).  named: the user gave out (-o), so a link there of
 * theirs may be followed; a name nianbao made up is never written through a
 * link.  0, or -1 with *err (caller frees). */
int export_write(const char *out, const struct buf *bytes, bool named, char **err);

/* The standard text: title, preface, the six sections with their texts and
 * tables drawn as aligned grids, closing lines.  UTF-8, LF. */
void export_text(const struct report *r, const struct export_opts *o, struct buf *out,
    struct export_stats *st);

/* One self-contained HTML document (or, with o->fragment, its content only). UTF-8, LF. */
void export_html(const struct report *r, const struct export_opts *o, struct buf *out,
    struct export_stats *st);

/* A Word document (.docx, Office Open XML) in the official document style of
 * GB/T 9704 (fonts and sizes from templates/docx.style beside the report's
 * template): the zip's bytes.  -1 and *err when the style file is unusable. */
int export_docx(const struct report *r, const struct export_opts *o, struct buf *out,
    struct export_stats *st, char **err);

/* The text a cell prints: its value, "/" for not applicable, and a blank as
 * "0" or "" by o->blank (counted in st).  Shared by both exporters.
 * EXPORT_CELL_MAX bytes always suffice for out. */
#define EXPORT_CELL_MAX 64
void export_cell_text(const struct report *r, int cell, const struct export_opts *o,
    struct export_stats *st, char *out, size_t n);

#endif
