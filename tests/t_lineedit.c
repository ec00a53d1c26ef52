/* t_lineedit.c - the one line editor of cells, information fields and prompts. */
#include "nb.h"

#include "edit/lineedit.h"
#include "testlib.h"

static void
type(struct lineedit *e, const char *s)
{
	for (const char *p = s; *p != '\0'; p++)
		lineedit_insert(e, (unsigned char)*p);
}

Test(lineedit, typing_inserts_at_the_cursor)
{
	struct lineedit e = { 0 };

	lineedit_start(&e, "2025", 0);
	cr_assert_eq(e.at, 4, "the cursor starts at the end");
	lineedit_left(&e);
	lineedit_left(&e);
	type(&e, "x");
	cr_assert_str_eq(lineedit_text(&e), "20x25");
	lineedit_home(&e);
	lineedit_insert(&e, 0x5E74);	/* 年, three bytes */
	cr_assert_str_eq(lineedit_text(&e), "年20x25");
	lineedit_end(&e);
	type(&e, "!");
	cr_assert_str_eq(lineedit_text(&e), "年20x25!");
	lineedit_free(&e);
}

Test(lineedit, backspace_and_delete_take_whole_characters_at_the_cursor)
{
	struct lineedit e = { 0 };

	lineedit_start(&e, "甲乙丙", 0);
	lineedit_left(&e);
	lineedit_backspace(&e);
	cr_assert_str_eq(lineedit_text(&e), "甲丙", "backspace takes 乙 before the cursor");
	lineedit_delete(&e);
	cr_assert_str_eq(lineedit_text(&e), "甲", "delete takes 丙 at the cursor");
	lineedit_delete(&e);
	cr_assert_str_eq(lineedit_text(&e), "甲", "delete at the end does nothing");
	lineedit_home(&e);
	lineedit_backspace(&e);
	cr_assert_str_eq(lineedit_text(&e), "甲", "backspace at the start does nothing");
	lineedit_free(&e);
}

Test(lineedit, left_and_right_say_when_the_cursor_is_at_an_end)
{
	struct lineedit e = { 0 };

	lineedit_start(&e, "5", 0);
	cr_assert_not(lineedit_right(&e), "at the end: right goes nowhere");
	cr_assert(lineedit_left(&e));
	cr_assert_not(lineedit_left(&e), "at the start: left goes nowhere");
	lineedit_free(&e);
}

Test(lineedit, a_character_past_the_limit_is_refused_not_cut)
{
	struct lineedit e = { 0 };

	lineedit_start(&e, "123", 4);
	cr_assert(lineedit_insert(&e, '4'));
	cr_assert_not(lineedit_insert(&e, '5'), "a fifth byte is refused");
	cr_assert_not(lineedit_insert(&e, 0x4E00), "so is a three-byte character");
	cr_assert_str_eq(lineedit_text(&e), "1234", "and the text is whole");
	cr_assert_not(lineedit_insert(&e, '\n'), "a control character is refused");
	lineedit_free(&e);
}

Test(lineedit, after_a_refusal_typing_replaces_the_text)
{
	struct lineedit e = { 0 };

	lineedit_start(&e, "12ab", 0);
	lineedit_select_all(&e);
	type(&e, "7");
	cr_assert_str_eq(lineedit_text(&e), "7", "7 replaces 12ab, not 12ab7");
	type(&e, "8");
	cr_assert_str_eq(lineedit_text(&e), "78", "then typing goes on as usual");
	lineedit_select_all(&e);
	lineedit_backspace(&e);
	type(&e, "9");
	cr_assert_str_eq(lineedit_text(&e), "79", "mending the refused text keeps it");
	lineedit_free(&e);
}

Test(lineedit, a_text_wider_than_its_field_scrolls_to_the_cursor)
{
	struct lineedit e = { 0 };

	lineedit_start(&e, "1234567890", 0);
	cr_assert_eq(lineedit_view(&e, 6, 1), 5, "the last five digits and the cursor show");
	lineedit_home(&e);
	cr_assert_eq(lineedit_view(&e, 6, 1), 0, "at the start the text shows from its start");
	lineedit_start(&e, "一二三四", 0);
	cr_assert_eq(lineedit_view(&e, 5, 1), 6, "two wide characters and the cursor fit in 5 columns");
	lineedit_free(&e);
}
