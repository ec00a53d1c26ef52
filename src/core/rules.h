/*
 * rules.h - the rules engine: a template's rules compiled once, and a
 * checker that keeps one report's derived cells and findings up to date.
 *
 * A rule instance is a linear equation over cells (left side = right side)
 * or a domain constraint on one cell (value >= 0).  After one cell changes,
 * only the derived cells downstream of it are recomputed (when the report's
 * auto totals are on) and only the instances that read a changed cell are
 * evaluated again.
 */
#ifndef RULES_H
#define RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/report.h"
#include "core/template.h"
#include "lib/diag.h"

struct rules;
struct checker;

enum finding_status {
	FINDING_NOT_ASSESSABLE,	/* every input is blank (or no previous report) */
	FINDING_PASS,
	FINDING_FAIL
};

/* What a failed rule instance says; strings are owned by the checker. */
struct finding {
	const char	*rule;		/* "S1" */
	bool		 warning;
	const int	*cells;		/* cells of this report involved */
	size_t		 ncells;
	int64_t		 lhs, rhs;	/* both sides, units of 10^-6 */
	int		 fix;		/* cell to fix, or -1 */
	int64_t		 expected;	/* the fix cell's value that satisfies the rule */
	bool		 has_expected;	/* expected is worth proposing (see checker_finding) */
	bool		 domain;	/* a value out of its domain (lhs is the value) */
};

struct rules *rules_compile(const struct template *t, const char *file, struct diag_list *dl);
void rules_free(struct rules *r);

/* prev may be NULL: cross-year rules are then not assessable. */
struct checker *checker_create(struct report *r, const struct report *prev);
void checker_free(struct checker *c);

/* Evaluate every rule; derived cells are left as they are. */
void checker_run(struct checker *c);
/* Recompute every derived cell (auto totals turned on), then evaluate. */
void checker_recompute(struct checker *c);

/*
 * Turn the report's auto totals on (every derived cell is computed again
 * from the others) or off (totals are kept as typed); then evaluate.
 */
void checker_set_auto_totals(struct checker *c, bool on);

/* True if the cell is computed from others while auto totals are on. */
bool checker_is_derived(const struct checker *c, int cell);

/*
 * Check that v may be stored in cell: a derived cell under auto totals, or a
 * value outside a domain rule, is refused with *err (caller frees).
 */
int checker_validate(const struct checker *c, int cell, const struct value *v, char **err);

/*
 * Store v in cell, recompute what depends on it and re-evaluate the rules
 * that read any changed cell.  Returns the number of cells whose value
 * changed (the cell itself included); their indexes are in *changed until
 * the next call.
 */
size_t checker_set(struct checker *c, int cell, const struct value *v, const int **changed);

size_t checker_errors(const struct checker *c);
size_t checker_warnings(const struct checker *c);

/* Number of rule instances, and the status and finding of one of them. */
size_t checker_instances(const struct checker *c);
enum finding_status checker_status(const struct checker *c, size_t i);
/* Fills *f for a failed instance i. */
void checker_finding(const struct checker *c, size_t i, struct finding *f);
/* The message an officer reads, in the interface language; caller frees.
 * It is checker_describe (what is wrong) followed by checker_fix_hint
 * ("; CELL should be N", or two candidates; "" when none is worth it). */
char *checker_message(const struct checker *c, size_t i);
char *checker_describe(const struct checker *c, size_t i);
char *checker_fix_hint(const struct checker *c, size_t i);

/*
 * Start this year's report from last year's: every cross-year rule of the
 * form CELL = prev.CELL (in the official formats: the requests carried over
 * from last year are last year's requests carried forward)
 * copies last year's value in.  Returns how many cells were set.
 */
size_t rules_carry_over(struct report *r, const struct report *prev);

/*
 * The editor says which cell the officer changed last: a message about a
 * relation it breaks then names it first, with the value that would fix the
 * relation there, before the template's usual cell to fix.  -1 forgets it.
 */
void checker_note_edit(struct checker *c, int cell);
/* For failed instance i: the just-edited cell and its fixing value, if it is one of i's. */
bool checker_edited_fix(const struct checker *c, size_t i, int *cell, int64_t *expected);
/*
 * Blank cells of this year that instance i reads.  A relation with blanks is
 * still incomplete while the officer types: the editor shows it as such;
 * check and export keep counting blanks as 0 (its status stays FAIL).
 */
size_t checker_blanks(const struct checker *c, size_t i);
bool checker_incomplete(const struct checker *c, size_t i);

/*
 * One typo, one problem: failed instances i and j are one problem when one
 * cell of this year, typed once more, would make both hold (counting the
 * totals auto totals compute from it, so that a wrong value in a column and
 * the broken grand total column it causes are one).  *cell and *expected name that
 * cell and its value; the just-edited cell is preferred.  False otherwise.
 */
bool checker_same_typo(const struct checker *c, size_t i, size_t j, int *cell, int64_t *expected);
/* "CELL should be N" for the value that mends nrelations relations at
 * once, then the usual cell to fix of relation i (never one cell as the only
 * culprit), in the interface language; caller frees. */
char *checker_typo_hint(const struct checker *c, size_t i, int cell, int64_t expected, size_t nrelations);

/* The rule ids that read a cell, in instance order (for tests and the editor). */
size_t checker_readers(const struct checker *c, int cell, const int **insts);

#endif
