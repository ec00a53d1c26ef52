/*
 * require.h - what the statute requires a report's words to say, by the
 * kind of agency: the template's [require] sections (nianbao(5)) - a part
 * that is empty, or says only "none"; words a section must mention; words
 * the tables contradict - and the kinds of agency, with the guess of a
 * kind from the end of an agency's name ([review settings] kinds, guess).
 * The findings require.ID.
 */
#ifndef REQUIRE_H
#define REQUIRE_H

#include <stdbool.h>

#include "core/findings.h"
#include "core/report.h"
#include "core/template.h"
#include "lib/diag.h"

struct buf;
struct partscan;
struct require;

/* An empty set of requirements, for require_add and require_setting to fill; require_free frees. */
struct require *require_new(void);
void require_free(struct require *rq);
/* Compile the [require] section e of t into rq; problems go to dl (FILE:LINE). */
void require_add(struct require *rq, const struct template *t, const struct tpl_entry *e, const char *file,
    struct diag_list *dl);
/* Take the [review] setting key if it is one of require's (kinds, guess); false if not. */
bool require_setting(struct require *rq, const char *key, const char *v);

/* Is s one of the kinds of agency rq knows? */
bool require_kind_known(const struct require *rq, const char *s);
/* Those kinds in b, separated by spaces. */
void require_kinds_text(const struct require *rq, struct buf *b);
/* Those kinds, in the template's order, in *v (owned by rq); how many. */
size_t require_kinds(const struct require *rq, char *const **v);
/* The kind guessed from the end of an agency's name, in b; NULL if none. */
const char *require_guess_kind(const struct require *rq, const char *agency, struct buf *b);

/* The findings of the requirements about part (named name) of r, for the agency's kind; ps
 * is its text decoded whole (partscan.h). */
void require_part(const struct require *rq, const struct report *r, int part, const char *name,
    const struct partscan *ps, struct review_list *out);

#endif
