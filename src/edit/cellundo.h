/*
 * cellundo.h - undo and redo of table cells, curses-free: a history of
 * changes (cell, value before, value after) grouped in steps, so that one
 * step may change many cells (filling a table's blanks with 0) and still
 * be undone with one key.  The caller applies the values; this only keeps
 * the history.
 */
#ifndef CELLUNDO_H
#define CELLUNDO_H

#include <stdbool.h>
#include <stddef.h>

#include "core/value.h"

struct cell_change {
	int		 cell;
	struct value	 before, after;
	unsigned	 step;		/* changes of one step share it */
};

struct cellundo {
	struct cell_change *v;		/* [0, done) done, [done, n) undone */
	size_t		 n, done, cap;
	unsigned	 steps;		/* the last step number given */
	bool		 open;		/* a step is being recorded */
	const struct cell_change **list;	/* what undo or redo returned last */
	size_t		 list_cap;
};

#define CELLUNDO_INIT { NULL, 0, 0, 0, 0, false, NULL, 0 }

/* Start a step of several changes; cellundo_end closes it.  A change
 * recorded outside begin/end is a step of its own. */
void cellundo_begin(struct cellundo *u);
void cellundo_end(struct cellundo *u);
/* Record a change (it drops what was undone). */
void cellundo_add(struct cellundo *u, int cell, const struct value *before, const struct value *after);
/*
 * Take back the last step (undo) or do again the next one (redo): the
 * changes of the step in the order to apply them in *out; returns how many
 * (0: nothing to undo or redo).  Undo gives them last first, to apply
 * their `before`; redo first first, to apply their `after`.
 */
size_t cellundo_undo(struct cellundo *u, const struct cell_change ***out);
size_t cellundo_redo(struct cellundo *u, const struct cell_change ***out);
void cellundo_free(struct cellundo *u);

#endif
