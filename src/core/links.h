/*
 * links.h - linked numbers in the narrative: "{=NAME}" in a part's text, NAME
 * the id of a [fact NAME] of the template, stands for that fact's current
 * value in the tables (its first `value`).  The text keeps the notation (the
 * report file, `get`, `set`); the editor draws the value, the exports write
 * it.  Anything else between braces, a fact the template does not have
 * included, is plain text.  This is the one place that reads the notation.
 */
#ifndef LINKS_H
#define LINKS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/findings.h"
#include "core/report.h"
#include "core/template.h"

struct buf;

#define LINKS_MAX	72	/* bytes of the longest link read: "{=" NAME "}" */
#define LINKS_VALUE_MAX	64	/* bytes of a value as text, its NUL included */

/* One link of a text: bytes [start, end), and the fact (index among links_nfacts). */
struct link {
	size_t	 start, end;
	int	 fact;
};

/* The facts a text may link to: how many, and each one's id ("new") and name. */
size_t links_nfacts(const struct template *t);
const char *links_fact_id(const struct template *t, int fact);
const char *links_fact_name(const struct template *t, int fact);

/* The length of the link s[0..n) starts with, and its fact in *fact; 0 if none. */
size_t links_at(const struct template *t, const char *s, size_t n, int *fact);
/* The first link of s[from..n) in *l; false if there is none. */
bool links_next(const struct template *t, const char *s, size_t n, size_t from, struct link *l);
/* The link of s[0..n) that holds byte at, in *l; false if at is in none. */
bool links_around(const struct template *t, const char *s, size_t n, size_t at, struct link *l);

/*
 * The current value of a fact in r as the table shows it ("21", "41.26"),
 * in out (LINKS_VALUE_MAX bytes); false, and "?", when none of its cells
 * holds a number (or one is unreadable).
 */
bool links_value(const struct report *r, int fact, char *out);
/* s with every link replaced by its value, appended to b; returns how many showed "?". */
size_t links_expand(const struct report *r, const char *s, struct buf *b);

/* A warning (link.blank) for every link of a part whose value is not known. */
void links_review(const struct report *r, int part, struct review_list *out);

#endif
