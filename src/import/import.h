/*
 * import.h - a published report (text copied from a page, an HTML page, or
 * our own export) read back into a report.  Every number is kept exactly as
 * published, blank stays blank, and nothing is guessed: what cannot be
 * placed is left out and listed, a table whose numbers cannot be placed is
 * left blank with a warning.
 */
#ifndef IMPORT_H
#define IMPORT_H

#include "core/report.h"
#include "core/tplset.h"
#include "import/srcdoc.h"
#include "lib/diag.h"

struct import_opts {
	const char	*name;		/* the source in messages */
	const char	*format;	/* template id, or NULL to tell it from the labels */
	int		 year;		/* 0: from the title */
	const char	*agency;	/* NULL: from the title */
};

/*
 * Place what was read into a new report.  Warnings and the content left out
 * go to warn, each with its line in the source.  NULL and *err (caller
 * frees) when no report can be made: nothing recognisable, no format, no year.
 */
struct report *import_doc(struct tplset *ts, const struct srcdoc *d, const struct import_opts *o,
    struct diag_list *warn, char **err);

/* Read the file at path (text or HTML, UTF-8, GB18030/GBK or UTF-16) and import it. */
struct report *import_file(struct tplset *ts, const char *path, const struct import_opts *o,
    struct diag_list *warn, char **err);

#endif
