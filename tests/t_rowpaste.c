/* t_rowpaste.c - a paste into a table: lines down the rows, values across. */
#include "nb.h"

#include "edit/rowpaste.h"
#include "testlib.h"

static void
split(const char *s, struct rowpaste *p)
{
	rowpaste_split(s, strlen(s), p);
}

Test(rowpaste, tabs_and_spaces_separate_values_lines_separate_rows)
{
	struct rowpaste p;

	split("36\t5\t0\n2  1 0\r\n", &p);
	cr_assert_eq(p.nlines, 2, "two rows");
	cr_assert_eq(p.lines[0].n, 3, "three values in the first");
	cr_assert_str_eq(p.lines[0].vals[0], "36");
	cr_assert_str_eq(p.lines[0].vals[2], "0");
	cr_assert_eq(p.lines[1].n, 3, "runs of spaces are one separator");
	cr_assert_str_eq(p.lines[1].vals[1], "1");
	rowpaste_free(&p);
}

Test(rowpaste, empty_lines_are_skipped_and_text_is_kept_as_typed)
{
	struct rowpaste p;

	split("\n\n１２\t/\t增3\n\t \n7", &p);
	cr_assert_eq(p.nlines, 2, "blank lines do not count as rows");
	cr_assert_str_eq(p.lines[0].vals[0], "１２", "full-width digits are left to the value parser");
	cr_assert_str_eq(p.lines[0].vals[1], "/");
	cr_assert_str_eq(p.lines[0].vals[2], "增3");
	cr_assert_eq(p.lines[1].n, 1);
	cr_assert_str_eq(p.lines[1].vals[0], "7", "a last line without a line end counts");
	rowpaste_free(&p);
}

Test(rowpaste, nothing_pasted_gives_no_rows)
{
	struct rowpaste p;

	split("", &p);
	cr_assert_eq(p.nlines, 0);
	rowpaste_free(&p);
	split(" \t\r\n", &p);
	cr_assert_eq(p.nlines, 0);
	rowpaste_free(&p);
}
