/* cellundo.c - the history of table cell changes; see cellundo.h. */
#include "nb.h"

#include <stdlib.h>

#include "edit/cellundo.h"
#include "lib/xalloc.h"

void
cellundo_begin(struct cellundo *u)
{
	u->steps++;
	u->open = true;
}

void
cellundo_end(struct cellundo *u)
{
	u->open = false;
}

void
cellundo_add(struct cellundo *u, int cell, const struct value *before, const struct value *after)
{
	struct cell_change *c;

	if (!u->open)
		u->steps++;
	u->v = xgrow(u->v, &u->cap, u->done + 1, sizeof *u->v);
	c = &u->v[u->done++];
	c->cell = cell;
	c->before = *before;
	c->after = *after;
	c->step = u->steps;
	u->n = u->done;
}

/* Pointers to changes [from, to) of the history, in the order asked. */
static size_t
cellundo_list(struct cellundo *u, size_t from, size_t to, bool backwards, const struct cell_change ***out)
{
	u->list = xgrow(u->list, &u->list_cap, to - from + 1, sizeof *u->list);
	for (size_t k = 0; k < to - from; k++)
		u->list[k] = &u->v[backwards ? to - 1 - k : from + k];
	*out = u->list;
	return to - from;
}

size_t
cellundo_undo(struct cellundo *u, const struct cell_change ***out)
{
	size_t end = u->done;

	if (u->done == 0)
		return 0;
	while (u->done > 0 && u->v[u->done - 1].step == u->v[end - 1].step)
		u->done--;
	return cellundo_list(u, u->done, end, true, out);
}

size_t
cellundo_redo(struct cellundo *u, const struct cell_change ***out)
{
	size_t start = u->done;

	if (u->done == u->n)
		return 0;
	while (u->done < u->n && u->v[u->done].step == u->v[start].step)
		u->done++;
	return cellundo_list(u, start, u->done, false, out);
}

void
cellundo_free(struct cellundo *u)
{
	free(u->v);
	free(u->list);
	u->v = NULL;
	u->list = NULL;
	u->n = u->done = u->cap = u->list_cap = 0;
}
