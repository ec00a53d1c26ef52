/*
 * lastcopy.h - last year's text kept in this year's report: a part much of
 * which is in last year's report (the finding copy, with the longest
 * passage copied), and a paragraph that begins with last year ("2024" and
 * the year sign in a 2025 report: stale-year), most likely copied and not
 * updated, unless it mentions last year on purpose (the template's
 * [review settings] purposeful phrases).
 */
#ifndef LASTCOPY_H
#define LASTCOPY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/findings.h"
#include "core/report.h"
#include "lib/diag.h"

/* The template's settings of last year's copy. */
struct lastcopy {
	char	**purposeful;	/* what mentions last year on purpose, "{prev}" for its number */
	size_t	 npurposeful;
	int	 copy_pct;	/* copy_threshold: the share of last year's text a part may hold */
};

/* The settings a template without them has. */
void lastcopy_init(struct lastcopy *lc);
/* Take the [review] setting key if it is one of lastcopy's (copy_threshold, purposeful); false if not. */
bool lastcopy_setting(struct lastcopy *lc, const char *key, const char *v, const char *file, int line,
    struct diag_list *dl);
/* Free what lastcopy_setting kept (not lc). */
void lastcopy_free(struct lastcopy *lc);

/* The paragraphs of a part that begin with last year, of the lines that start in bytes [l0, l1). */
void lastcopy_stale(const struct lastcopy *lc, const struct report *r, int part, size_t l0, size_t l1,
    struct review_list *out);
/*
 * A part (named name) that shares copy_pct percent of its text with last
 * year's prev (NULL: none), or the template's share when copy_pct is not above 0.
 */
void lastcopy_copy(const struct lastcopy *lc, const struct report *r, const struct report *prev, int copy_pct,
    int part, const char *name, struct review_list *out);
/* Similarity of two texts (0..100): the share of a's character bigrams found in b. */
int lastcopy_similarity(const char *a, const char *b);

#endif
