/*
 * docxsrc.h - a Word document (.docx) as a srcdoc: its paragraphs as lines
 * (with the numbers of Word's numbered lists in front, as they are shown),
 * its tables as rows of cells with their grid columns and spans
 * (w:gridSpan, w:vMerge), like a page's tables.  The zip is read with
 * libzip, word/document.xml with expat; a srcdoc item's line is the
 * ordinal of the paragraph or table row it came from.
 */
#ifndef DOCXSRC_H
#define DOCXSRC_H

#include <stddef.h>

#include "import/srcdoc.h"

/*
 * Read the file at path into d if it is a Word file: 0 when it was read,
 * 1 when it is not a zip or an OLE2 file (read it as text or HTML), -1 and
 * *err (caller frees; without the file name) when it is a Word 97 file, a
 * damaged, encrypted or oversized zip, or not a Word document.
 */
int docx_read_file(const char *path, struct srcdoc *d, char **err);

/* The same for len bytes in memory (tests, fuzzing). */
int docx_read_mem(const void *bytes, size_t len, struct srcdoc *d, char **err);

#endif
