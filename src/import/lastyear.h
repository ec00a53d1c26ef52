/*
 * lastyear.h - last year's report, as a report file or as anything the
 * importer reads (a published page, a text copy, an export).  Starting this
 * year's report from it is create_report's (core/create.h).
 */
#ifndef LASTYEAR_H
#define LASTYEAR_H

#include <stdbool.h>

#include "core/report.h"
#include "core/tplset.h"
#include "lib/diag.h"

/* Load path, a report file or an importable source; NULL with the reason in
 * dl.  An import's warnings are added to dl too (the report is still returned). */
struct report *lastyear_load(struct tplset *ts, const char *path, struct diag_list *dl);

/* The same for a path the officer gave as last year's report (new --from,
 * check --previous, the editor's form): a path that cannot be opened is
 * said in dl with what was expected there, not as a bare "No such file". */
struct report *lastyear_load_given(struct tplset *ts, const char *path, struct diag_list *dl);

/* Last year's report that r (read from path) names in "previous", resolved
 * beside path; NULL when it names none, or with the reason in dl. */
struct report *lastyear_load_previous(const char *path, const struct report *r,
    struct tplset *ts, struct diag_list *dl);

/*
 * May last be compared with r as the report of the year before?  -1 with
 * *err (naming both years) when last's year is not r's year - 1; else 0,
 * with *warn set (naming both agencies) when the agencies differ, or NULL.
 * A year of 0 (not known) is not compared.  The caller frees both.
 */
int lastyear_match(const struct report *r, const struct report *last, char **warn, char **err);

#endif
