/*
 * create.h - a new report, made the one way that `new`, `import`, `merge`
 * and the editor's new-report form share: the format for its year, the
 * defaults, the agency checked, last year's report carried over, the totals
 * computed, and one set of warnings.
 *
 * Reading last year's report (a report file, or a page to import) is the
 * caller's: it needs the store and the importer, which sit above core.
 */
#ifndef CREATE_H
#define CREATE_H

#include <stdbool.h>

#include "core/report.h"
#include "core/tplset.h"
#include "lib/diag.h"

struct create_spec {
	const char		*name;		/* names the warnings' source (import), or NULL */
	const struct template	*tpl;		/* the format; NULL: from format and year */
	const char		*format;	/* a template id or year ("2021"); NULL: the one for year */
	int			 year;		/* 0: create_default_year(last) */
	const char		*agency;	/* NULL: create_default_agency(last, pref_agency) */
	const char		*pref_agency;	/* the preference, or NULL */
	const char		*contact;	/* NULL: ""; last year's wins when last is given */
	const char		*date;		/* NULL: "" */
	bool			 auto_totals;
	const struct report	*last;		/* last year's report to start from, or NULL */
	const char		*last_path;	/* where last was read (with last) */
	const char		*file;		/* where the new report goes (with last) */
	bool			 keep_text;	/* last's section 1 texts as a draft (with last) */
	const char		*kind;		/* the agency's kind; NULL: last's, else none */
};

/* The year a new report is about: the one after last's, else last calendar year. */
int create_default_year(const struct report *last);

/* The agency a new report names unless told: last year's, else pref (NULL: ""). */
const char *create_default_agency(const struct report *last, const char *pref);

/* The template id that format names: "2021" is gov-2021, an id is itself; caller frees. */
char *create_format_id(const char *format);

/* The template s names (s->tpl, s->format or the year's default); NULL and dl if none. */
const struct template *create_template(struct tplset *ts, const struct create_spec *s, int year,
    struct diag_list *dl);
/*
 * Make the report s describes.  Warnings ("warning: ...", such as a format
 * not meant for the year) go to dl and the report is returned; NULL with
 * the reasons in dl when it cannot be made (no format, an agency that is
 * not UTF-8).  Nothing is written: saving is the store's.
 */
struct report *create_report(struct tplset *ts, const struct create_spec *s, struct diag_list *dl);

#endif
