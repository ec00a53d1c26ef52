/*
 * reviewcache.h - the review of a report's words kept up to date while its
 * texts are typed (the editor's status line, navigator and problems list).
 * A keystroke in a part reviews again only the sentences around it
 * (review_span); the checks that read a whole part or the whole report wait
 * until reviewcache_full, which the editor runs when the officer pauses,
 * leaves the part, changes a table or opens the problems list.  After it the
 * findings are exactly review_report's.
 */
#ifndef REVIEWCACHE_H
#define REVIEWCACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/findings.h"
#include "core/report.h"

struct reviewcache;

/* An empty cache for a report of the template's parts: reviewcache_full fills it. */
struct reviewcache *reviewcache_new(const struct report *r);
void reviewcache_free(struct reviewcache *c);

/* Review r again, whole (review_report); copy_pct as there. */
void reviewcache_full(struct reviewcache *c, const struct report *r, const struct report *prev, int copy_pct);

/*
 * Bytes [at, at + removed) of the text of part became [at, at + inserted) of
 * r->texts[part], which holds the new text: the findings after the edit move
 * with the text, the sentence-local ones around it are found again; the
 * others are kept where they were until reviewcache_full (reviewcache_stale).
 */
void reviewcache_edit(struct reviewcache *c, const struct report *r, const struct report *prev, int part,
    size_t at, size_t removed, size_t inserted);

/* Are some findings possibly out of date (an edit since reviewcache_full)? */
bool reviewcache_stale(const struct reviewcache *c);
/* A number that changes whenever the findings may have changed. */
unsigned long reviewcache_generation(const struct reviewcache *c);

/* Copies of the findings, in review_report's order, appended to out. */
void reviewcache_list(const struct reviewcache *c, struct review_list *out);

#endif
