/*
 * findings.h - the list of findings about a report's words that the review
 * gives (review.h) and `check`, `check --json` and the editor show, beside
 * the rules engine's (rules.h).
 */
#ifndef FINDINGS_H
#define FINDINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One finding of the review: a warning, about a place of a text part, a field or a cell. */
struct review_finding {
	char	*rule;		/* "fact.new", "hygiene.doubled", "stale-year" ...; owned */
	int	 part;		/* the narrative part, or -1 */
	size_t	 start, end;	/* bytes of the part's text the finding is about */
	int	 cell;		/* the cell it is about, or -1 */
	bool	 numbers;	/* text and table give a number each: */
	int64_t	 table, text;	/* in units of 10^-6 */
	char	*message;	/* in the interface language; owned */
	const char *guide;	/* what the template advises, or NULL; not owned */
	char	*reason;	/* why it was acknowledged, or NULL; owned */
	long	 instance;	/* a warning of the tables' rules: its instance (rules.h), else -1 */
};

struct review_list {
	struct review_finding	*v;
	size_t			 n, cap;
	bool			 counts_only;	/* only counted (`check DIR`): no message for a part's findings */
};

#define REVIEW_LIST_INIT { NULL, 0, 0, false }

/* Append a finding; msg is the list's to free (for the review's own checks). */
void review_add(struct review_list *l, const char *rule, int part, size_t start, size_t end, char *msg);

/* Free the findings; the list may be used again (counts_only kept). */
void review_list_free(struct review_list *l);

#endif
