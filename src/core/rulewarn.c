/* rulewarn.c - the tables' rule warnings as acknowledgeable findings; see rulewarn.h. */
#include "nb.h"

#include <stdlib.h>

#include "core/review.h"
#include "core/rulewarn.h"
#include "lib/xalloc.h"

/*
 * Where a rule's warning is and what it reads: its first cell and both sides
 * of the rule, which the acknowledgement's key hashes (not the message, whose
 * words change with the interface language).
 */
static void
review_rule_place(const struct finding *f, size_t i, struct review_finding *rf)
{
	rf->cell = f->ncells > 0 ? f->cells[0] : -1;
	rf->instance = (long)i;
	rf->table = f->lhs;
	rf->text = f->rhs;
}

void
review_rule_warnings(const struct checker *ck, struct review_list *out)
{
	for (size_t i = 0; i < checker_instances(ck); i++) {
		struct finding f;

		if (checker_status(ck, i) != FINDING_FAIL)
			continue;
		checker_finding(ck, i, &f);
		if (!f.warning)
			continue;
		review_add(out, f.rule, -1, 0, 0, checker_message(ck, i));
		review_rule_place(&f, i, &out->v[out->n - 1]);
	}
}

char *
review_rule_key(const struct report *r, const struct checker *ck, size_t i)
{
	struct review_finding rf = { .part = -1 };
	struct finding f;

	checker_finding(ck, i, &f);
	rf.rule = (char *)f.rule;	/* only read */
	review_rule_place(&f, i, &rf);
	return review_key_of(r, &rf);
}

size_t
review_acked_rules(const struct report *r, const struct checker *ck, struct review_list *acked, bool **skip)
{
	struct review_list w = REVIEW_LIST_INIT;
	size_t from = acked->n;

	*skip = NULL;
	if (*r->acks == '\0')	/* the common case: nothing to look up */
		return 0;
	review_rule_warnings(ck, &w);
	review_split_acked(r, &w, acked);
	if (acked->n > from)
		*skip = xcalloc(checker_instances(ck), sizeof **skip);
	for (size_t k = from; k < acked->n; k++)
		(*skip)[acked->v[k].instance] = true;
	review_list_free(&w);
	return acked->n - from;
}

