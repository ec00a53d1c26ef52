/*
 * review.h - the review of a report's words: the numbers its narrative states
 * against its tables (factcheck.h, over the facts of facts.h), what the
 * statute requires per agency kind (require.h), last year's text kept
 * (lastcopy.h), the hygiene of the Chinese text (hygiene.h), linked numbers
 * left blank (links.h), and the fields that read otherwise than they hold.
 * What it looks for is template data ([fact], [require] and [review]
 * sections, nianbao(5)), compiled once per template by tplset; review.c asks
 * each module for its findings about a part and keeps them in the order of
 * their places.  The findings are warnings, the same for `check`, `check
 * --json` and the editor's problems list.
 */
#ifndef REVIEW_H
#define REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/findings.h"
#include "core/report.h"
#include "core/template.h"
#include "lib/diag.h"

struct buf;

struct review;

/* Compile t's [require] and [review] sections ([fact]: facts.h); problems go to dl (FILE:LINE). */
struct review *review_compile(const struct template *t, const char *file, struct diag_list *dl);
void review_free(struct review *rv);

/*
 * Review r (prev, last year's report, may be NULL); append the findings to
 * out.  copy_pct is the percentage of last year's text a part may share
 * before it is called a copy, or -1 for the template's.  With
 * out->counts_only, the findings about a part have no message (NULL).
 */
void review_report(const struct report *r, const struct report *prev, int copy_pct,
    struct review_list *out);

/* The findings of narrative part part alone, as review_report gives them for it. */
void review_part(const struct report *r, const struct report *prev, int copy_pct, int part,
    struct review_list *out);

/* The bytes of a part review_span reviewed again. */
struct review_span_at {
	size_t	 from, to;	/* sentences: facts, changes on last year, stale years */
	size_t	 hfrom, hto;	/* inside them, clauses: doubled words, spaces, mixed digits */
};

/*
 * While a part is typed: the findings of the rules that read only a sentence
 * and a few characters around it (review_rule_local: facts, a change on last
 * year, a stale year, doubled words, spaces, mixed digits), for the text
 * around bytes [start, end) of the part.  out gets exactly the findings of
 * those rules that review_part places in the range *at gives for each
 * (review_span_has), in its order; the ones outside do not depend on
 * [start, end).  The other rules read the whole part (or the report):
 * review_part gives them.
 */
void review_span(const struct report *r, const struct report *prev, int part, size_t start, size_t end,
    struct review_span_at *at, struct review_list *out);
/* Is rule one of those review_span gives? */
bool review_rule_local(const char *rule);
/* Is f one of those review_span found again in at? */
bool review_span_has(const struct review_span_at *at, const struct review_finding *f);

/* The agency kinds the template knows ([review settings] kinds): true if s is one. */
bool review_kind_known(const struct template *t, const char *s);
/* Those kinds in b, separated by spaces (for a question that offers them). */
void review_kinds_text(const struct template *t, struct buf *b);
/* Those kinds, in the template's order, in *v (the template's); how many. */
size_t review_kinds(const struct template *t, char *const **v);
/* The kind the template guesses from the end of an agency's name, in b; NULL if none. */
const char *review_guess_kind(const struct template *t, const char *agency, struct buf *b);

/*
 * Acknowledging a finding: its key is RULE@PLACE#SIGNATURE, PLACE the part or
 * cell id ("-" for a field), SIGNATURE a hash of the sentence it is about (the
 * whole part for a finding about a part, its message for a field), so that
 * editing that text reopens it.  review_key_of: caller frees.
 * review_ack: record it in r->acks; -1 and *err if the reason is empty.
 */
char *review_key_of(const struct report *r, const struct review_finding *f);
int review_ack(struct report *r, const struct review_finding *f, const char *reason, char **err);
/* Move the acknowledged findings of l to acked, each with its reason: they do not count. */
void review_split_acked(const struct report *r, struct review_list *l, struct review_list *acked);

#endif
