/*
 * factcheck.h - the facts a part states (facts.h) against the tables: a
 * number the tables do not give (perhaps last year's figure, kept from last
 * year's text), and a change on last year said after it ("up 7", in the
 * template's rise and fall words) that is not the difference of this
 * year's cells and last year's.  The findings fact.ID and change.ID.
 */
#ifndef FACTCHECK_H
#define FACTCHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/findings.h"
#include "core/report.h"

#define FACTCHECK_CHANGE_GAP 15	/* bytes between a fact's number and its change: a unit, a comma and a little */

/* The template's words of a change on last year ([review settings] rise and fall). */
struct factcheck {
	char	**rises, **falls;
	size_t	 nrises, nfalls;
};

/* Take the [review] setting key if it is one of factcheck's (rise, fall); false if not. */
bool factcheck_setting(struct factcheck *fc, const char *key, const char *v);
/* Free what factcheck_setting kept (not fc). */
void factcheck_free(struct factcheck *fc);

struct partscan;

/*
 * The findings about the facts a part (named name) states in phrasings
 * that start at the characters of its text ps holds (partscan.h); prev is
 * last year's report, or NULL.
 */
void factcheck_part(const struct factcheck *fc, const struct report *r, const struct report *prev, int part,
    const char *name, const struct partscan *ps, struct review_list *out);

#endif
