/*
 * html.h - a published report's web page as a srcdoc: running text as
 * lines, the report's tables as rows of cells with their grid columns.
 * A tolerant reader of the tag soup content management systems write,
 * not a DOM: tables that only lay out the page are read as text.
 */
#ifndef HTML_H
#define HTML_H

#include <stddef.h>

#include "import/srcdoc.h"

/* Read an HTML page (UTF-8) into d: running text as lines, tables as rows.
 * Never fails: any byte sequence gives some document. */
void html_read(const char *text, size_t len, struct srcdoc *d);

#endif
