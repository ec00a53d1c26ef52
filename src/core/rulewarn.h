/*
 * rulewarn.h - the warnings of the tables' rules (the cross-year X1, X2 and
 * the like; never the arithmetic's errors) as findings of the review's list,
 * so that they are acknowledged as the review's are (review.h: review_ack),
 * by `nianbao ack`, check and the editor's problems list alike.
 */
#ifndef RULEWARN_H
#define RULEWARN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/findings.h"
#include "core/report.h"
#include "core/rules.h"

/*
 * Append the checker's failed warning instances (cross-year rules and the
 * like, not the arithmetic's errors) as findings about their first cell, with
 * their messages: so that they can be acknowledged as the review's can, and
 * an acknowledgement lapses when the values the rule reads change.
 */
void review_rule_warnings(const struct checker *ck, struct review_list *out);

/* The acknowledgement key (review_key_of) of the checker's warning instance i; caller frees. */
char *review_rule_key(const struct report *r, const struct checker *ck, size_t i);

/*
 * The warnings of the tables' rules the report acknowledges: appended to
 * acked (with their reasons), and marked in *skip, one flag per instance of
 * the checker (NULL when there is none: caller frees), so that they are
 * neither listed with the others nor counted; returns how many.
 */
size_t review_acked_rules(const struct report *r, const struct checker *ck, struct review_list *acked,
    bool **skip);

#endif
