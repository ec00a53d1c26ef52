/* findings.c - the list of findings about a report's words; see findings.h. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "core/findings.h"
#include "lib/xalloc.h"

void
review_add(struct review_list *l, const char *rule, int part, size_t start, size_t end, char *msg)
{
	struct review_finding *f;

	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	f = &l->v[l->n++];
	memset(f, 0, sizeof *f);
	f->rule = xstrdup(rule);
	f->part = part;
	f->start = start;
	f->end = end;
	f->cell = -1;
	f->message = msg;
	f->instance = -1;
}

void
review_list_free(struct review_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].rule);
		free(l->v[i].message);
		free(l->v[i].reason);
	}
	free(l->v);
	*l = (struct review_list){ NULL, 0, 0, l->counts_only };
}
