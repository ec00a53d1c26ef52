/* t_cellundo.c - table cell undo and redo, one cell or a whole step at a time. */
#include "nb.h"

#include "edit/cellundo.h"
#include "testlib.h"

static struct value
num(int64_t n)
{
	struct value v = { VALUE_NUMBER, n, 0, "" };

	return v;
}

static const struct value blank = { VALUE_BLANK, 0, 0, "" };

Test(cellundo, one_change_is_one_step_undone_then_redone)
{
	struct cellundo u = CELLUNDO_INIT;
	const struct cell_change **c;
	struct value five = num(5), six = num(6);

	cr_assert_eq(cellundo_undo(&u, &c), 0, "nothing to undo at first");
	cellundo_add(&u, 3, &blank, &five);
	cellundo_add(&u, 3, &five, &six);
	cr_assert_eq(cellundo_undo(&u, &c), 1, "the last change alone");
	cr_assert_eq(c[0]->cell, 3);
	cr_assert_eq(c[0]->before.num, 5, "undo gives back 5");
	cr_assert_eq(cellundo_undo(&u, &c), 1);
	cr_assert_eq(c[0]->before.state, VALUE_BLANK, "then blank");
	cr_assert_eq(cellundo_undo(&u, &c), 0, "then nothing");
	cr_assert_eq(cellundo_redo(&u, &c), 1);
	cr_assert_eq(c[0]->after.num, 5, "redo sets 5 again");
	cr_assert_eq(cellundo_redo(&u, &c), 1);
	cr_assert_eq(c[0]->after.num, 6, "and 6");
	cr_assert_eq(cellundo_redo(&u, &c), 0, "nothing more to redo");
	cellundo_free(&u);
}

Test(cellundo, a_step_of_many_cells_is_undone_at_once_last_first)
{
	struct cellundo u = CELLUNDO_INIT;
	const struct cell_change **c;
	struct value zero = num(0), seven = num(7);

	cellundo_add(&u, 1, &blank, &seven);
	cellundo_begin(&u);	/* fill blanks with 0: cells 2, 4, 9 */
	cellundo_add(&u, 2, &blank, &zero);
	cellundo_add(&u, 4, &blank, &zero);
	cellundo_add(&u, 9, &blank, &zero);
	cellundo_end(&u);
	cr_assert_eq(cellundo_undo(&u, &c), 3, "one undo takes back the whole step");
	cr_assert_eq(c[0]->cell, 9, "last first");
	cr_assert_eq(c[2]->cell, 2);
	cr_assert_eq(cellundo_undo(&u, &c), 1, "the change before the step is its own step");
	cr_assert_eq(c[0]->cell, 1);
	cr_assert_eq(cellundo_redo(&u, &c), 1);
	cr_assert_eq(cellundo_redo(&u, &c), 3, "redo does the step again, first first");
	cr_assert_eq(c[0]->cell, 2);
	cr_assert_eq(c[2]->cell, 9);
	cellundo_free(&u);
}

Test(cellundo, a_new_change_drops_what_was_undone)
{
	struct cellundo u = CELLUNDO_INIT;
	const struct cell_change **c;
	struct value one = num(1), two = num(2);

	cellundo_add(&u, 1, &blank, &one);
	cellundo_add(&u, 2, &blank, &two);
	cr_assert_eq(cellundo_undo(&u, &c), 1);
	cellundo_add(&u, 5, &blank, &one);
	cr_assert_eq(cellundo_redo(&u, &c), 0, "the undone change of cell 2 is gone");
	cr_assert_eq(cellundo_undo(&u, &c), 1);
	cr_assert_eq(c[0]->cell, 5);
	cr_assert_eq(cellundo_undo(&u, &c), 1);
	cr_assert_eq(c[0]->cell, 1);
	cellundo_free(&u);
}
