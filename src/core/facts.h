/*
 * facts.h - the facts of a template's [fact] sections (nianbao(5)): a
 * number the narrative states (the number of new requests), the sums of
 * cells that are readings of it, and the phrasings that state it ("{n}" for
 * the number).  Compiled once per template by tplset (t->facts); the review
 * checks what a part states against the tables (factcheck.h), a linked
 * number shows a fact's value (links.h).
 */
#ifndef FACTS_H
#define FACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/report.h"
#include "core/template.h"
#include "lib/diag.h"

/* A sum of cells: one reading of a fact, or the condition of a requirement. */
struct facts_sum {
	int	*cells;
	size_t	 ncells;
};

struct facts_pattern;

/* One [fact ID] section, compiled. */
struct fact {
	const char		*id, *name;	/* into the template */
	struct facts_sum	*readings;	/* any of them may be meant */
	size_t			 nreadings;
	struct facts_pattern	*pats;
	size_t			 npats;
};

struct facts;

/* Compile t's [fact] sections; problems go to dl (FILE:LINE).  Free with facts_free. */
struct facts *facts_compile(const struct template *t, const char *file, struct diag_list *dl);
void facts_free(struct facts *fx);
/* How many facts fx holds (none when fx is NULL). */
size_t facts_count(const struct facts *fx);
/* The fact of index i (0 .. facts_count - 1), or NULL. */
const struct fact *facts_get(const struct facts *fx, int i);

/* "t3.new.total + t3.carried.total" into *sum; -1, the cell in dl, on an unknown cell. */
int facts_sum_parse(const struct template *t, const char *s, struct facts_sum *sum, const char *file, int line,
    struct diag_list *dl);
/* The value of a sum of cells of r (in units of 10^-6); false when every one of them is blank. */
bool facts_sum_value(const struct report *r, const struct facts_sum *s, int64_t *v);
/* Where a gap of a phrasing stops: a figure, or the end of a clause (a requirement's clause_end too). */
bool facts_gap_stop(uint32_t cp);

/* A statement of a fact in a text: where its phrasing starts, and its number. */
struct facts_stated {
	int	 fact;
	size_t	 at;		/* the phrasing's first byte */
	size_t	 num, numlen;	/* the number's bytes */
	int64_t	 value;		/* the number said, in units of 10^-6 */
};

struct facts_statements {
	struct facts_stated	*v;
	size_t			 n, cap;
};

struct partscan;

/*
 * Append to st the statements of a fact in ps->text whose phrasing starts
 * at one of the characters of ps, in the order of the text; two phrasings
 * of one statement are one.  The caller frees st->v.
 */
void facts_scan(const struct facts *fx, const struct partscan *ps, struct facts_statements *st);

#endif
