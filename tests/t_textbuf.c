/* t_textbuf.c - the narrative editor's model: wrapping, cursor, editing, undo; and width_cp. */
#include "nb.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit/textbuf.h"
#include "lib/buf.h"
#include "lib/utf8.h"
#include "lib/width.h"
#include "lib/wrap.h"
#include "lib/xalloc.h"

/* ---- helpers ---- */

/* A buffer holding s, wrapped at width. */
static struct textbuf *
mk(const char *s, int width, int amb)
{
	struct textbuf *tb = textbuf_create(s, strlen(s), amb);

	textbuf_set_width(tb, width);
	return tb;
}

/* The whole text is want. */
static void
text_is(const struct textbuf *tb, const char *want)
{
	char *t = textbuf_text(tb);

	cr_assert_str_eq(t, want, "text is \"%s\", want \"%s\"", t, want);
	free(t);
}

/* The cursor is at (line, byte). */
static void
cur_is(const struct textbuf *tb, size_t line, size_t byte)
{
	size_t l, b;

	textbuf_cursor(tb, &l, &b);
	cr_assert(l == line && b == byte, "cursor at (%zu,%zu), want (%zu,%zu)", l, b, line, byte);
}

/* The cursor is drawn at (vline, col). */
static void
pos_is(struct textbuf *tb, size_t vline, int col)
{
	size_t v, l, b;
	int c;

	textbuf_cursor_pos(tb, &v, &c);
	textbuf_cursor(tb, &l, &b);
	cr_assert(v == vline && c == col, "cursor (%zu,%zu) drawn at (%zu,%d), want (%zu,%d)",
	    l, b, v, c, vline, col);
}

/* Visual line v is bytes [start, end) of line. */
static void
vl_is(struct textbuf *tb, size_t v, size_t line, size_t start, size_t end)
{
	struct tb_vline vl = textbuf_vline(tb, v);

	cr_assert(vl.line == line && vl.start == start && vl.end == end,
	    "visual line %zu is %zu:[%zu,%zu), want %zu:[%zu,%zu)",
	    v, vl.line, vl.start, vl.end, line, start, end);
}

/* Type s one character at a time, as the screen does with get_wch. */
static void
type(struct textbuf *tb, const char *s)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		size_t k = utf8_seqlen(s + i, n - i);

		cr_assert(textbuf_insert(tb, s + i, k), "typing byte %zu of \"%s\"", i, s);
		i += k;
	}
}

/* ---- the reference wrapping: from scratch, the obvious way ---- */

struct rvl {
	size_t	line, lstart;	/* logical line and its offset in the text */
	size_t	start, end;	/* bytes in the line */
};

/* Columns and length of the (valid) character at s. */
static int
ref_cw(const char *s, size_t n, int amb, size_t *k)
{
	uint32_t cp;

	*k = utf8_decode(s, n, &cp);
	if (*k == 0) {
		*k = 1;
		return 1;
	}
	return width_cp(cp, amb);
}

/* Every visual line of the n bytes at t, each logical line wrapped whole
 * with wrap_line_end (whose rules t_wrap tests); caller frees *out. */
static size_t
ref_wrap(const char *t, size_t n, int width, int amb, struct rvl **out)
{
	size_t nv = 0, cap = 0, line = 0, ls = 0;
	struct rvl *v = NULL;

	for (;;) {
		size_t le = ls, start = 0, end;

		while (le < n && t[le] != '\n')
			le++;
		while ((end = wrap_line_end(t + ls, le - ls, start, width, amb)) < le - ls) {
			v = xgrow(v, &cap, nv + 1, sizeof *v);
			v[nv++] = (struct rvl){ line, ls, start, end };
			start = end;
		}
		v = xgrow(v, &cap, nv + 1, sizeof *v);
		v[nv++] = (struct rvl){ line, ls, start, le - ls };
		if (le == n)
			break;
		ls = le + 1;
		line++;
	}
	*out = v;
	return nv;
}

/* Every visual line of tb matches the reference wrapping of its text. */
static void
vlines_match(struct textbuf *tb, int width, int amb, const char *what)
{
	char *t = textbuf_text(tb);
	struct rvl *r;
	size_t nr = ref_wrap(t, strlen(t), width, amb, &r);

	cr_assert_eq(textbuf_vlines(tb), nr, "%s: %zu visual lines, want %zu", what,
	    textbuf_vlines(tb), nr);
	for (size_t v = 0; v < nr; v++) {
		struct tb_vline vl = textbuf_vline(tb, v);

		cr_assert(vl.line == r[v].line && vl.start == r[v].start && vl.end == r[v].end,
		    "%s: visual line %zu is %zu:[%zu,%zu), want %zu:[%zu,%zu)", what, v,
		    vl.line, vl.start, vl.end, r[v].line, r[v].start, r[v].end);
	}
	free(r);
	free(t);
}

/* ---- width ---- */

/* What width_cp must say whatever the locale. */
static void
check_widths(void)
{
	cr_assert_eq(width_cp('a', 1), 1);
	cr_assert_eq(width_cp('\t', 1), 1, "a tab is one placeholder cell");
	cr_assert_eq(width_cp(0x01, 2), 1, "controls count 1");
	cr_assert_eq(width_cp(0x85, 2), 1, "C1 controls count 1");
	cr_assert_eq(width_cp(0x4E2D, 1), 2, "中");
	cr_assert_eq(width_cp(0x3001, 1), 2, "、");
	cr_assert_eq(width_cp(0xFF0C, 1), 2, "，");
	cr_assert_eq(width_cp(0x3000, 1), 2, "ideographic space");
	cr_assert_eq(width_cp(0x20000, 1), 2, "CJK extension B");
	cr_assert_eq(width_cp(0xAC00, 1), 2, "hangul");
	cr_assert_eq(width_cp(0x0301, 2), 0, "combining acute");
	cr_assert_eq(width_cp(0x200B, 2), 0, "zero-width space");
	cr_assert_eq(width_cp(0x0378, 2), 1, "unassigned");
	/* “ ” ‘ ’ — … · ① ⑳ ○ × ÷ ※ № ℃ § ° ± α Ω а Я ─ ╋ */
	static const uint32_t amb[] = { 0x201C, 0x201D, 0x2018, 0x2019, 0x2014, 0x2026,
	    0xB7, 0x2460, 0x2473, 0x25CB, 0xD7, 0xF7, 0x203B, 0x2116, 0x2103, 0xA7, 0xB0,
	    0xB1, 0x3B1, 0x3A9, 0x430, 0x42F, 0x2500, 0x254B, 0x257F, 0x24FF };
	for (size_t i = 0; i < sizeof amb / sizeof amb[0]; i++) {
		cr_assert_eq(width_cp(amb[i], 1), 1, "U+%04X ambiguous narrow", (unsigned)amb[i]);
		cr_assert_eq(width_cp(amb[i], 2), 2, "U+%04X ambiguous wide", (unsigned)amb[i]);
	}
	cr_assert_eq(width_str("ab中“x”", strlen("ab中“x”"), 1), 7);
	cr_assert_eq(width_str("ab中“x”", strlen("ab中“x”"), 2), 9);
	cr_assert_eq(width_str("a\xff\xe4\xb8", 4, 1), 4, "invalid bytes count 1 each");
	cr_assert_eq(width_str("e\xcc\x81", 3, 1), 1, "é as e + combining acute");
}

Test(width, classes_in_the_c_locale)
{
	setlocale(LC_CTYPE, "C");
	check_widths();
}

Test(width, classes_in_a_utf8_locale)
{
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL && setlocale(LC_CTYPE, "C.utf8") == NULL)
		cr_skip_test("no C.UTF-8 locale");
	check_widths();
	setlocale(LC_CTYPE, "C");
}

/* ---- wrapping ---- */

Test(wrap, mixed_ascii_and_cjk_at_odd_widths)
{
	/* a b 中 | 文 c d | 字: 文 would need columns 5-6 of 5 */
	struct textbuf *tb = mk("ab中文cd字", 5, 1);

	cr_assert_eq(textbuf_vlines(tb), 3);
	vl_is(tb, 0, 0, 0, 5);
	vl_is(tb, 1, 0, 5, 10);
	vl_is(tb, 2, 0, 10, 13);
	textbuf_free(tb);

	/* a wide character on the last column goes down, the column stays empty */
	tb = mk("abcd中e", 5, 1);
	vl_is(tb, 0, 0, 0, 4);
	vl_is(tb, 1, 0, 4, 8);
	textbuf_free(tb);

	tb = mk("中文字年报", 3, 1);
	cr_assert_eq(textbuf_vlines(tb), 5, "one wide character per visual line at width 3");
	textbuf_set_width(tb, 7);
	cr_assert_eq(textbuf_vlines(tb), 2);
	vl_is(tb, 0, 0, 0, 9);
	vl_is(tb, 1, 0, 9, 15);
	textbuf_set_width(tb, 2);
	cr_assert_eq(textbuf_vlines(tb), 5);
	textbuf_free(tb);

	for (int w = 2; w <= 13; w++) {
		tb = mk("年报2023：“营业收入”为1,234.56万元…\n\n\tab中\n", w, 1);
		vlines_match(tb, w, 1, "mixed");
		textbuf_free(tb);
	}
}

Test(wrap, empty_lines_tabs_and_exact_fit)
{
	struct textbuf *tb = mk("a\n\nb", 4, 1);

	cr_assert_eq(textbuf_vlines(tb), 3);
	vl_is(tb, 1, 1, 0, 0);
	textbuf_free(tb);

	tb = mk("", 4, 1);
	cr_assert_eq(textbuf_vlines(tb), 1, "an empty text is one visual line");
	vl_is(tb, 0, 0, 0, 0);
	textbuf_free(tb);

	tb = mk("\t\t\t", 2, 1);
	cr_assert_eq(textbuf_vlines(tb), 2, "a tab is one column");
	textbuf_free(tb);

	tb = mk("abcde\nfg", 5, 1);
	cr_assert_eq(textbuf_vlines(tb), 2, "a line that exactly fills the width adds no visual line");
	vl_is(tb, 0, 0, 0, 5);
	vl_is(tb, 1, 1, 0, 2);
	vl_is(tb, 99, 1, 0, 2);		/* past the end: the last one */
	textbuf_free(tb);
}

Test(wrap, combining_mark_stays_with_its_letter)
{
	struct textbuf *tb = mk("abce\xcc\x81" "f", 4, 1);

	vl_is(tb, 0, 0, 0, 6);
	vl_is(tb, 1, 0, 6, 7);
	textbuf_free(tb);
}

Test(wrap, ambiguous_width_changes_wrapping_of_quotes)
{
	/* “引号” is 1+2+2+1 columns narrow, 8 wide */
	struct textbuf *narrow = mk("“引号”", 6, 1), *wide = mk("“引号”", 6, 2);

	cr_assert_eq(textbuf_vlines(narrow), 1);
	cr_assert_eq(textbuf_vlines(wide), 2);
	/* “引号 would fit, but ” may not start a line: 号 goes down with it */
	vl_is(wide, 0, 0, 0, 6);	/* “引 */
	vl_is(wide, 1, 0, 6, 12);	/* 号” */
	textbuf_set_cursor(narrow, 0, 12);
	pos_is(narrow, 0, 6);
	textbuf_set_cursor(wide, 0, 12);
	pos_is(wide, 1, 4);
	textbuf_free(narrow);
	textbuf_free(wide);
}

Test(wrap, a_closing_mark_typed_at_a_visual_line_start_pulls_a_character_down)
{
	struct textbuf *tb = mk("一二三四", 4, 1);

	cr_assert_eq(textbuf_vlines(tb), 2);
	vl_is(tb, 1, 0, 6, 12);		/* 一二 | 三四, wrapped and cached */
	textbuf_set_cursor(tb, 0, 6);
	cr_assert(textbuf_insert(tb, "，", strlen("，")));
	/* ， may not start a line: 二 goes down with it, the cached break moves back */
	cr_assert_eq(textbuf_vlines(tb), 3);
	vl_is(tb, 0, 0, 0, 3);		/* 一 */
	vl_is(tb, 1, 0, 3, 9);		/* 二， */
	vl_is(tb, 2, 0, 9, 15);		/* 三四 */
	cr_assert(textbuf_backspace(tb));
	vl_is(tb, 0, 0, 0, 6);		/* and back */
	textbuf_free(tb);
}

/* ---- cursor position ---- */

Test(cursor, pos_everywhere_along_a_wrapped_line)
{
	struct textbuf *tb = mk("ab中文cd字", 5, 1);
	static const struct { size_t byte, v; int col; } want[] = {
		{ 0, 0, 0 }, { 1, 0, 1 }, { 2, 0, 2 },
		{ 5, 1, 0 },		/* on a break: start of the continuation */
		{ 8, 1, 2 }, { 9, 1, 3 },
		{ 10, 2, 0 }, { 13, 2, 2 },
	};

	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		textbuf_set_cursor(tb, 0, want[i].byte);
		pos_is(tb, want[i].v, want[i].col);
	}
	textbuf_set_cursor(tb, 0, 3);	/* inside 中: back to its start */
	cur_is(tb, 0, 2);
	textbuf_free(tb);
}

Test(cursor, pos_at_the_end_of_a_line_that_exactly_fills)
{
	struct textbuf *tb = mk("abcde\nxy\nabcdefghij", 5, 1);

	/* end of a full logical line: no continuation, so column == width */
	textbuf_set_cursor(tb, 0, 5);
	pos_is(tb, 0, 5);
	textbuf_set_cursor(tb, 1, 0);
	pos_is(tb, 1, 0);
	/* a break where the line goes on: next visual line */
	textbuf_set_cursor(tb, 2, 5);
	pos_is(tb, 3, 0);
	textbuf_set_cursor(tb, 2, 10);
	pos_is(tb, 3, 5);
	textbuf_right(tb);
	pos_is(tb, 3, 5);		/* end of text: stays */
	/* typing at the end of a full line makes the continuation */
	textbuf_set_cursor(tb, 0, 5);
	type(tb, "f");
	pos_is(tb, 1, 1);
	vl_is(tb, 1, 0, 5, 6);
	textbuf_backspace(tb);
	pos_is(tb, 0, 5);
	textbuf_free(tb);
}

Test(cursor, pos_matches_the_reference_at_every_byte)
{
	const char *s = "“年报”abc中\t文字…①②\n\nxyz中文中文中文中文\n中";

	for (int amb = 1; amb <= 2; amb++)
		for (int w = 2; w <= 9; w++) {
			struct textbuf *tb = mk(s, w, amb);
			struct rvl *r;
			size_t nr = ref_wrap(s, strlen(s), w, amb, &r);

			for (size_t v = 0; v < nr; v++) {
				bool last = v + 1 == nr || r[v + 1].line != r[v].line;
				size_t b = r[v].start;

				while (b < r[v].end || (last && b == r[v].end)) {
					size_t k = b < r[v].end ? utf8_seqlen(s + r[v].lstart + b, 4) : 1;

					textbuf_set_cursor(tb, r[v].line, b);
					pos_is(tb, v, (int)width_str(s + r[v].lstart + r[v].start,
					    b - r[v].start, amb));
					b += k;
				}
			}
			free(r);
			textbuf_free(tb);
		}
}

/* ---- movement ---- */

Test(move, up_down_keep_the_column_across_wide_and_narrow)
{
	struct textbuf *tb = mk("abcdef\n中文字\nabcdef", 20, 1);

	textbuf_set_cursor(tb, 0, 3);
	textbuf_down(tb);
	cur_is(tb, 1, 3);		/* column 3 is the right half of 文: before it */
	pos_is(tb, 1, 2);
	textbuf_down(tb);
	cur_is(tb, 2, 3);		/* the wanted column survived */
	textbuf_up(tb);
	textbuf_up(tb);
	cur_is(tb, 0, 3);
	textbuf_up(tb);
	cur_is(tb, 0, 3);		/* first visual line: stays */
	textbuf_set_cursor(tb, 1, 6);	/* after 文, column 4 */
	textbuf_down(tb);
	cur_is(tb, 2, 4);
	textbuf_down(tb);
	cur_is(tb, 2, 4);		/* last visual line: stays */
	textbuf_free(tb);

	tb = mk("abcdefgh\nab\nabcdefgh", 20, 1);
	textbuf_set_cursor(tb, 0, 6);
	textbuf_down(tb);
	cur_is(tb, 1, 2);
	textbuf_down(tb);
	cur_is(tb, 2, 6);
	textbuf_left(tb);
	textbuf_up(tb);
	cur_is(tb, 1, 2);
	textbuf_up(tb);
	cur_is(tb, 0, 5);		/* left forgot column 6 */
	textbuf_free(tb);
}

Test(move, up_down_through_visual_lines)
{
	/* width 5: 中文 | 字年 | 报告 (4 columns each), then "abcdefg" as abcde | fg */
	struct textbuf *tb = mk("中文字年报告\nabcdefg", 5, 1);

	textbuf_set_cursor(tb, 0, 3);	/* before 文, column 2 */
	textbuf_down(tb);
	cur_is(tb, 0, 9);
	textbuf_down(tb);
	cur_is(tb, 0, 15);
	textbuf_down(tb);
	cur_is(tb, 1, 2);
	textbuf_down(tb);
	cur_is(tb, 1, 7);		/* column 2 of "fg" is its end */
	textbuf_up(tb);
	cur_is(tb, 1, 2);
	textbuf_set_cursor(tb, 1, 4);	/* column 4 */
	textbuf_up(tb);
	cur_is(tb, 0, 18);		/* 报告: column 4 is the end of the line */
	textbuf_up(tb);
	cur_is(tb, 0, 9);		/* 字年 continues: stop before 年, not on the break */
	pos_is(tb, 1, 2);
	textbuf_free(tb);
}

Test(move, home_end_are_of_the_visual_line)
{
	struct textbuf *tb = mk("abcdefghij\nxy", 4, 1);

	textbuf_set_cursor(tb, 0, 5);	/* efgh */
	textbuf_home(tb);
	cur_is(tb, 0, 4);
	textbuf_end(tb);
	cur_is(tb, 0, 7);		/* before h: after it is the next visual line */
	pos_is(tb, 1, 3);
	textbuf_set_cursor(tb, 0, 9);
	textbuf_end(tb);
	cur_is(tb, 0, 10);
	textbuf_home(tb);
	cur_is(tb, 0, 8);
	textbuf_set_cursor(tb, 1, 1);
	textbuf_end(tb);
	cur_is(tb, 1, 2);
	textbuf_home(tb);
	cur_is(tb, 1, 0);
	textbuf_free(tb);
}

Test(move, left_right_cross_lines_and_characters)
{
	struct textbuf *tb = mk("a中\nb", 10, 1);

	textbuf_right(tb);
	cur_is(tb, 0, 1);
	textbuf_right(tb);
	cur_is(tb, 0, 4);
	textbuf_right(tb);
	cur_is(tb, 1, 0);
	textbuf_right(tb);
	textbuf_right(tb);
	cur_is(tb, 1, 1);
	textbuf_left(tb);
	textbuf_left(tb);
	cur_is(tb, 0, 4);
	textbuf_left(tb);
	cur_is(tb, 0, 1);
	textbuf_left(tb);
	textbuf_left(tb);
	cur_is(tb, 0, 0);
	textbuf_free(tb);
}

Test(move, paragraphs)
{
	struct textbuf *tb = mk("one\ntwo\nthree", 10, 1);

	textbuf_set_cursor(tb, 1, 2);
	textbuf_next_paragraph(tb);
	cur_is(tb, 2, 0);
	textbuf_next_paragraph(tb);
	cur_is(tb, 2, 5);
	textbuf_prev_paragraph(tb);
	cur_is(tb, 1, 0);
	textbuf_prev_paragraph(tb);
	textbuf_prev_paragraph(tb);
	cur_is(tb, 0, 0);
	textbuf_free(tb);
}

Test(move, goto_the_character_drawn_there)
{
	struct textbuf *tb = mk("ab中文cd字\nxy", 5, 1);

	textbuf_goto(tb, 0, 3);		/* right half of 中 */
	cur_is(tb, 0, 2);
	textbuf_goto(tb, 0, 4);		/* the empty last column of a continued line */
	cur_is(tb, 0, 2);
	textbuf_goto(tb, 1, 2);
	cur_is(tb, 0, 8);
	textbuf_goto(tb, 2, 40);
	cur_is(tb, 0, 13);
	textbuf_goto(tb, 3, 1);
	cur_is(tb, 1, 1);
	textbuf_goto(tb, 3, -5);
	cur_is(tb, 1, 0);
	textbuf_goto(tb, 1000, 1000);	/* below the text: its last visual line */
	cur_is(tb, 1, 2);
	textbuf_free(tb);
}

/* ---- editing ---- */

Test(edit, backspace_at_line_start_joins)
{
	struct textbuf *tb = mk("ab\ncd", 10, 1);

	textbuf_set_cursor(tb, 1, 0);
	cr_assert(textbuf_backspace(tb));
	text_is(tb, "abcd");
	cur_is(tb, 0, 2);
	cr_assert_eq(textbuf_lines(tb), 1);
	textbuf_set_cursor(tb, 0, 0);
	cr_assert_not(textbuf_backspace(tb), "nothing before the start");
	text_is(tb, "abcd");
	textbuf_set_cursor(tb, 0, 4);
	cr_assert(textbuf_backspace(tb));
	text_is(tb, "abc");
	textbuf_free(tb);

	tb = mk("中文", 10, 1);
	textbuf_set_cursor(tb, 0, 6);
	textbuf_backspace(tb);
	text_is(tb, "中");
	cur_is(tb, 0, 3);
	textbuf_free(tb);
}

Test(edit, delete_at_line_end_joins)
{
	struct textbuf *tb = mk("ab\ncd\n", 10, 1);

	textbuf_set_cursor(tb, 0, 2);
	cr_assert(textbuf_delete(tb));
	text_is(tb, "abcd\n");
	cur_is(tb, 0, 2);
	textbuf_set_cursor(tb, 0, 4);
	cr_assert(textbuf_delete(tb));
	text_is(tb, "abcd");
	cr_assert_not(textbuf_delete(tb), "nothing after the end");
	textbuf_set_cursor(tb, 0, 0);
	cr_assert(textbuf_delete(tb));
	text_is(tb, "bcd");
	cur_is(tb, 0, 0);
	textbuf_free(tb);
}

Test(edit, insert_refuses_bad_bytes_and_changes_nothing)
{
	static const struct { const char *s; size_t n; } bad[] = {
		{ "\xff", 1 }, { "a\x01" "b", 3 }, { "\xc0\x80", 2 }, { "\xed\xa0\x80", 3 },
		{ "\x7f", 1 }, { "\xc2\x85", 2 }, { "a\0b", 3 }, { "\xe4\xb8", 2 },
		{ "ok\x1b[31m", 7 }, { "\xf4\x90\x80\x80", 4 },
	};
	struct textbuf *tb = mk("年报", 10, 1);

	type(tb, "x");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cr_assert_not(textbuf_insert(tb, bad[i].s, bad[i].n), "bad input %zu refused", i);
		text_is(tb, "x年报");
		cur_is(tb, 0, 1);
	}
	/* the run of typing was not broken, and nothing was recorded */
	type(tb, "y");
	cr_assert(textbuf_undo(tb));
	text_is(tb, "年报");
	cr_assert_not(textbuf_undo(tb));
	cr_assert(textbuf_insert(tb, "\t", 1), "a tab is fine");
	cr_assert(textbuf_insert(tb, "", 0), "nothing is fine");
	text_is(tb, "\t年报");
	textbuf_free(tb);
}

Test(edit, crlf_paste_is_normalised)
{
	struct textbuf *tb = mk("", 10, 1);

	cr_assert(textbuf_insert(tb, "a\r\nb\rc\n\r\n", strlen("a\r\nb\rc\n\r\n")));
	text_is(tb, "a\nb\nc\n\n");
	cr_assert_eq(textbuf_lines(tb), 5);
	cur_is(tb, 4, 0);
	textbuf_free(tb);

	tb = textbuf_create("x\r\ny\rz", 6, 1);
	text_is(tb, "x\ny\nz");
	cr_assert_not(textbuf_dirty(tb));
	textbuf_free(tb);
}

Test(edit, text_round_trips)
{
	static const char *texts[] = {
		"", "\n", "a", "a\n", "\n\n", "\na", "中文\n\nabc\n", "\t缩进\t\n“引号”——…\n\n\n",
		"一、总体情况\n本机关2023年共收到申请123件。\n\n二、主动公开\n",
	};

	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct textbuf *tb = mk(texts[i], 7, 2);
		size_t nl = 0, len;

		for (const char *p = texts[i]; *p != '\0'; p++)
			nl += *p == '\n';
		text_is(tb, texts[i]);
		cr_assert_eq(textbuf_lines(tb), nl + 1, "\"%s\" has %zu lines", texts[i], nl + 1);
		cr_assert_not_null(textbuf_line(tb, nl, &len));
		cr_assert_null(textbuf_line(tb, nl + 1, &len));
		textbuf_free(tb);
	}

	/* arbitrary bytes: kept as they are, an invalid byte being a character */
	struct textbuf *tb = textbuf_create("a\xff\xe4\xb8\n\x01z", 7, 1);
	char *t = textbuf_text(tb);

	cr_assert(memcmp(t, "a\xff\xe4\xb8\n\x01z", 8) == 0, "loaded bytes are not lost");
	free(t);
	textbuf_right(tb);
	textbuf_right(tb);
	cur_is(tb, 0, 2);
	textbuf_right(tb);
	cur_is(tb, 0, 3);
	textbuf_set_cursor(tb, 1, 2);
	textbuf_backspace(tb);
	textbuf_backspace(tb);
	text_is(tb, "a\xff\xe4\xb8\n");
	textbuf_free(tb);
}

Test(edit, dirty_compares_with_the_clean_text)
{
	struct textbuf *tb = mk("abc", 10, 1);

	cr_assert_not(textbuf_dirty(tb));
	type(tb, "x");
	cr_assert(textbuf_dirty(tb));
	textbuf_backspace(tb);
	cr_assert_not(textbuf_dirty(tb), "the same text again");
	type(tb, "y");
	textbuf_mark_clean(tb);
	cr_assert_not(textbuf_dirty(tb));
	textbuf_undo(tb);
	cr_assert(textbuf_dirty(tb));
	textbuf_redo(tb);
	cr_assert_not(textbuf_dirty(tb));
	textbuf_free(tb);
}

/* ---- undo ---- */

Test(undo, typing_coalesces_and_undo_is_exact)
{
	struct textbuf *tb = mk("年报\n", 10, 1);

	textbuf_set_cursor(tb, 0, 3);
	type(tb, "度abc");
	text_is(tb, "年度abc报\n");
	cr_assert(textbuf_undo(tb));
	text_is(tb, "年报\n");
	cur_is(tb, 0, 3);
	cr_assert_not(textbuf_undo(tb));
	cr_assert(textbuf_redo(tb));
	text_is(tb, "年度abc报\n");
	cur_is(tb, 0, 9);
	cr_assert_not(textbuf_redo(tb));

	/* a movement ends the run */
	type(tb, "d");
	textbuf_left(tb);
	textbuf_right(tb);
	type(tb, "e");
	textbuf_undo(tb);
	text_is(tb, "年度abcd报\n");
	cur_is(tb, 0, 10);
	textbuf_undo(tb);
	text_is(tb, "年度abc报\n");
	textbuf_free(tb);
}

Test(undo, newline_and_paste_are_edits_of_their_own)
{
	struct textbuf *tb = mk("", 10, 1);

	type(tb, "ab\ncd");
	text_is(tb, "ab\ncd");
	textbuf_undo(tb);
	text_is(tb, "ab\n");
	cur_is(tb, 1, 0);
	textbuf_undo(tb);
	text_is(tb, "ab");
	cur_is(tb, 0, 2);
	textbuf_undo(tb);
	text_is(tb, "");

	/* a pasted block in the middle of a line: one edit, both ways */
	textbuf_free(tb);
	tb = mk("前后", 10, 1);
	textbuf_set_cursor(tb, 0, 3);
	cr_assert(textbuf_insert(tb, "一\r\n二\n\n三", strlen("一\r\n二\n\n三")));
	text_is(tb, "前一\n二\n\n三后");
	cur_is(tb, 3, 3);
	cr_assert(textbuf_undo(tb));
	text_is(tb, "前后");
	cur_is(tb, 0, 3);
	cr_assert_eq(textbuf_lines(tb), 1);
	cr_assert(textbuf_redo(tb));
	text_is(tb, "前一\n二\n\n三后");
	cur_is(tb, 3, 3);
	textbuf_free(tb);
}

Test(undo, backspaces_and_deletes_coalesce)
{
	struct textbuf *tb = mk("ab\ncd中ef", 10, 1);

	textbuf_set_cursor(tb, 1, 5);	/* after 中 */
	for (int i = 0; i < 5; i++)
		cr_assert(textbuf_backspace(tb));
	text_is(tb, "aef");
	cur_is(tb, 0, 1);
	cr_assert(textbuf_undo(tb));
	text_is(tb, "ab\ncd中ef");
	cur_is(tb, 1, 5);
	cr_assert(textbuf_redo(tb));
	text_is(tb, "aef");
	cur_is(tb, 0, 1);
	textbuf_undo(tb);

	textbuf_set_cursor(tb, 0, 1);
	for (int i = 0; i < 4; i++)
		cr_assert(textbuf_delete(tb));
	text_is(tb, "a中ef");
	textbuf_undo(tb);
	text_is(tb, "ab\ncd中ef");
	cur_is(tb, 0, 1);

	/* typing after backspaces is a new edit */
	textbuf_set_cursor(tb, 1, 2);
	textbuf_backspace(tb);
	type(tb, "X");
	text_is(tb, "ab\ncX中ef");
	textbuf_undo(tb);
	text_is(tb, "ab\nc中ef");
	textbuf_undo(tb);
	text_is(tb, "ab\ncd中ef");
	cur_is(tb, 1, 2);
	textbuf_free(tb);
}

Test(undo, new_edit_clears_redo)
{
	struct textbuf *tb = mk("", 10, 1);

	type(tb, "abc");
	textbuf_undo(tb);
	type(tb, "x");
	cr_assert_not(textbuf_redo(tb), "the undone typing is gone");
	text_is(tb, "x");
	textbuf_free(tb);
}

/* ---- a random walk against a reference model ---- */

/* The state of the model: a string and a byte offset in it. */
struct snap {
	char	*text;
	size_t	 len, cur;
};

struct group {
	struct snap	before, after;
};

enum mrun { M_NONE, M_TYPE, M_BACK, M_DEL };

struct model {
	struct buf	 t;
	size_t		 cur;
	int		 want, width, amb;
	enum mrun	 run;
	struct group	*g;
	size_t		 ng, ndone, gcap;
	char		*clean;
	size_t		 cleanlen;
};

/* A copy of the model's state; caller frees .text. */
static struct snap
snap_take(const struct model *m)
{
	return (struct snap){ xstrndup(m->t.data, m->t.len), m->t.len, m->cur };
}

/* Back to a saved state. */
static void
snap_put(struct model *m, const struct snap *s)
{
	buf_reset(&m->t);
	buf_add(&m->t, s->text, s->len);
	m->cur = s->cur;
}

/* Record a successful edit of kind k, given the state before it. */
static void
m_record(struct model *m, struct snap before, enum mrun k)
{
	if (k != M_NONE && m->run == k && m->ndone > 0 && m->ndone == m->ng) {
		free(m->g[m->ndone - 1].after.text);
		m->g[m->ndone - 1].after = snap_take(m);
		free(before.text);
	} else {
		while (m->ng > m->ndone) {
			m->ng--;
			free(m->g[m->ng].before.text);
			free(m->g[m->ng].after.text);
		}
		m->g = xgrow(m->g, &m->gcap, m->ng + 1, sizeof *m->g);
		m->g[m->ng++] = (struct group){ before, snap_take(m) };
		m->ndone = m->ng;
	}
	m->run = k;
	m->want = -1;
}

/* Logical line and byte of offset off. */
static void
m_linebyte(const struct model *m, size_t off, size_t *line, size_t *byte)
{
	size_t l = 0, ls = 0;

	for (size_t i = 0; i < off; i++)
		if (m->t.data[i] == '\n')
			l++, ls = i + 1;
	*line = l;
	*byte = off - ls;
}

/* Start of the character before offset off (> 0). */
static size_t
m_prev(const struct model *m, size_t off)
{
	off--;
	while (off > 0 && ((unsigned char)m->t.data[off] & 0xC0) == 0x80)
		off--;
	return off;
}

/* Start of the character after offset off (< len). */
static size_t
m_next(const struct model *m, size_t off)
{
	return off + utf8_seqlen(m->t.data + off, m->t.len - off);
}

/* Visual line index and column of the cursor, per the reference wrapping. */
static size_t
m_cursor_pos(const struct model *m, const struct rvl *r, size_t nr, int *col)
{
	size_t line, byte;

	m_linebyte(m, m->cur, &line, &byte);
	for (size_t v = 0; v < nr; v++) {
		bool last = v + 1 == nr || r[v + 1].line != line;

		if (r[v].line == line && r[v].start <= byte &&
		    (byte < r[v].end || (last && byte == r[v].end))) {
			*col = (int)width_str(m->t.data + r[v].lstart + r[v].start,
			    byte - r[v].start, m->amb);
			return v;
		}
	}
	cr_assert_fail("model cursor on no visual line");
	return 0;
}

/* Cursor to the character drawn at col of visual line v (the rule in the spec). */
static void
m_place(struct model *m, const struct rvl *r, size_t v, int col)
{
	const char *ls = m->t.data + r[v].lstart;
	size_t i = r[v].start, k, linelen = 0;
	int c = 0;

	while (r[v].lstart + linelen < m->t.len && ls[linelen] != '\n')
		linelen++;
	while (i < r[v].end) {
		int w = ref_cw(ls + i, r[v].end - i, m->amb, &k);

		if (c + w > col)
			break;
		c += w;
		i += k;
	}
	if (i == r[v].end && r[v].end < linelen) {
		i--;
		while (i > r[v].start && ((unsigned char)ls[i] & 0xC0) == 0x80)
			i--;
	}
	m->cur = r[v].lstart + i;
}

/* Normalise an insertion as textbuf must; false if it must be refused. */
static bool
m_clean(const char *s, size_t n, struct buf *out)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k;

		if (s[i] == '\r') {
			buf_addc(out, '\n');
			i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0 || cp == 0 || cp == 0x7F ||
		    (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x80 && cp < 0xA0))
			return false;
		buf_add(out, s + i, k);
		i += k;
	}
	return true;
}

static const char *const pieces[] = {
	"a", "b", "z", " ", "\t", "中", "文", "年", "“", "”", "—", "①", "é", "e\xcc\x81",
	"\n", "\r\n", "\r", "12", "报告", "\xff", "\x01", "\xc2\x85",
};
#define NPIECES (sizeof pieces / sizeof pieces[0])

/* xorshift64: the same walk on every run. */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* One random operation on both tb and m; returns its name. */
static const char *
step(struct textbuf *tb, struct model *m, uint64_t *seed)
{
	unsigned op = (unsigned)(rnd(seed) % 100);
	size_t line, byte, nr;
	struct rvl *r;
	int col;

	if ((op < 34 && m->t.len < 1500) || m->t.len < 8) {
		char s[64];
		size_t n = 0, np = op % 3 == 0 ? rnd(seed) % 9 : 1;
		struct buf in = BUF_INIT;

		for (size_t i = 0; i < np; i++) {
			const char *p = pieces[rnd(seed) % NPIECES];

			memcpy(s + n, p, strlen(p));
			n += strlen(p);
		}
		bool ok = m_clean(s, n, &in);

		cr_assert_eq(textbuf_insert(tb, s, n), ok, "insert accepted iff valid");
		if (ok && in.len > 0) {
			struct snap before = snap_take(m);
			bool typed = in.data[0] != '\n' && utf8_seqlen(in.data, in.len) == in.len;
			struct buf nt = BUF_INIT;

			buf_add(&nt, m->t.data, m->cur);
			buf_add(&nt, in.data, in.len);
			buf_add(&nt, m->t.data + m->cur, m->t.len - m->cur);
			buf_free(&m->t);
			m->t = nt;
			m->cur += in.len;
			m_record(m, before, typed ? M_TYPE : M_NONE);
		}
		buf_free(&in);
		return "insert";
	}
	if (op < 44) {
		bool ok = m->cur > 0;

		cr_assert_eq(textbuf_backspace(tb), ok);
		if (ok) {
			struct snap before = snap_take(m);
			size_t p = m->t.data[m->cur - 1] == '\n' ? m->cur - 1 : m_prev(m, m->cur);

			memmove(m->t.data + p, m->t.data + m->cur, m->t.len - m->cur);
			m->t.len -= m->cur - p;
			m->cur = p;
			m_record(m, before, M_BACK);
		}
		return "backspace";
	}
	if (op < 52) {
		bool ok = m->cur < m->t.len;

		cr_assert_eq(textbuf_delete(tb), ok);
		if (ok) {
			struct snap before = snap_take(m);
			size_t e = m_next(m, m->cur);

			memmove(m->t.data + m->cur, m->t.data + e, m->t.len - e);
			m->t.len -= e - m->cur;
			m_record(m, before, M_DEL);
		}
		return "delete";
	}
	if (op < 58) {
		bool ok = m->ndone > 0;

		cr_assert_eq(textbuf_undo(tb), ok);
		if (ok) {
			snap_put(m, &m->g[--m->ndone].before);
			m->run = M_NONE;
			m->want = -1;
		}
		return "undo";
	}
	if (op < 62) {
		bool ok = m->ndone < m->ng;

		cr_assert_eq(textbuf_redo(tb), ok);
		if (ok) {
			snap_put(m, &m->g[m->ndone++].after);
			m->run = M_NONE;
			m->want = -1;
		}
		return "redo";
	}
	if (op == 62) {
		int w = 2 + (int)(rnd(seed) % 14);

		textbuf_set_width(tb, w);
		if (w != m->width)
			m->want = -1;
		m->width = w;
		return "set_width";
	}
	if (op == 63) {
		textbuf_mark_clean(tb);
		free(m->clean);
		m->clean = xstrndup(m->t.data, m->t.len);
		m->cleanlen = m->t.len;
		return "mark_clean";
	}
	/* movements */
	m->run = M_NONE;
	if (op < 68) {
		textbuf_left(tb);
		if (m->cur > 0)
			m->cur = m->t.data[m->cur - 1] == '\n' ? m->cur - 1 : m_prev(m, m->cur);
		m->want = -1;
		return "left";
	}
	if (op < 72) {
		textbuf_right(tb);
		if (m->cur < m->t.len)
			m->cur = m_next(m, m->cur);
		m->want = -1;
		return "right";
	}
	if (op < 76) {
		size_t l = rnd(seed) % 40, b = rnd(seed) % 60, ls = 0, i = 0, k = 0;

		textbuf_set_cursor(tb, l, b);
		while (k < l && i < m->t.len)
			if (m->t.data[i++] == '\n')
				k++, ls = i;
		for (i = ls; i < m->t.len && m->t.data[i] != '\n' && i - ls < b; i = m_next(m, i))
			if (m_next(m, i) - ls > b)
				break;
		m->cur = i;
		m->want = -1;
		return "set_cursor";
	}
	if (op < 80) {
		textbuf_prev_paragraph(tb);
		m_linebyte(m, m->cur, &line, &byte);
		m->cur -= byte;
		if (line > 0) {
			m_linebyte(m, m->cur - 1, &line, &byte);
			m->cur -= byte + 1;
		}
		m->want = -1;
		return "prev_paragraph";
	}
	if (op < 83) {
		textbuf_next_paragraph(tb);
		while (m->cur < m->t.len && m->t.data[m->cur] != '\n')
			m->cur++;
		if (m->cur < m->t.len)
			m->cur++;
		m->want = -1;
		return "next_paragraph";
	}
	nr = ref_wrap(m->t.data, m->t.len, m->width, m->amb, &r);
	size_t v = m_cursor_pos(m, r, nr, &col);
	const char *name;

	if (op < 88) {
		textbuf_up(tb);
		if (m->want < 0)
			m->want = col;
		if (v > 0)
			m_place(m, r, v - 1, m->want);
		name = "up";
	} else if (op < 93) {
		textbuf_down(tb);
		if (m->want < 0)
			m->want = col;
		if (v + 1 < nr)
			m_place(m, r, v + 1, m->want);
		name = "down";
	} else if (op < 95) {
		textbuf_home(tb);
		m->cur = r[v].lstart + r[v].start;
		m->want = -1;
		name = "home";
	} else if (op < 97) {
		textbuf_end(tb);
		m_place(m, r, v, INT32_MAX);
		m->want = -1;
		name = "end";
	} else {
		size_t gv = rnd(seed) % (nr + 2);
		int gc = (int)(rnd(seed) % 20) - 2;

		textbuf_goto(tb, gv, gc);
		m_place(m, r, gv < nr ? gv : nr - 1, gc < 0 ? 0 : gc);
		m->want = -1;
		name = "goto";
	}
	free(r);
	return name;
}

/* tb and m agree on the text, the cursor, and (sometimes, as that fills the cache) the wrapping. */
static void
agree(struct textbuf *tb, struct model *m, int i, const char *op, bool all_vlines)
{
	char *t = textbuf_text(tb);
	size_t line, byte, ml, mb, v, mv, nr;
	struct rvl *r;
	int col, mcol;

	cr_assert(strlen(t) == m->t.len && memcmp(t, m->t.data, m->t.len) == 0,
	    "step %d (%s): text \"%s\", want \"%s\"", i, op, t, m->t.data);
	free(t);
	textbuf_cursor(tb, &line, &byte);
	m_linebyte(m, m->cur, &ml, &mb);
	cr_assert(line == ml && byte == mb, "step %d (%s): cursor (%zu,%zu), want (%zu,%zu)",
	    i, op, line, byte, ml, mb);
	nr = ref_wrap(m->t.data, m->t.len, m->width, m->amb, &r);
	textbuf_cursor_pos(tb, &v, &col);
	mv = m_cursor_pos(m, r, nr, &mcol);
	cr_assert(v == mv && col == mcol, "step %d (%s): cursor drawn at (%zu,%d), want (%zu,%d)",
	    i, op, v, col, mv, mcol);
	free(r);
	if (all_vlines) {
		size_t nl = 1;

		for (size_t k = 0; k < m->t.len; k++)
			nl += m->t.data[k] == '\n';
		cr_assert_eq(textbuf_lines(tb), nl, "step %d (%s): lines", i, op);
		vlines_match(tb, m->width, m->amb, op);
	}
	cr_assert_eq(textbuf_dirty(tb), m->t.len != m->cleanlen ||
	    memcmp(m->t.data, m->clean, m->t.len) != 0, "step %d (%s): dirty", i, op);
}

/* steps random operations on a textbuf and on the model, checked after each. */
static void
random_walk(int amb, uint64_t seed, int steps)
{
	const char *start = "一、总体情况\n本机关2023年“主动公开”政府信息…\n\nabc";
	struct textbuf *tb = mk(start, 9, amb);
	struct model m = { BUF_INIT, 0, -1, 9, amb, M_NONE, NULL, 0, 0, 0, NULL, 0 };

	buf_adds(&m.t, start);
	m.clean = xstrdup(start);
	m.cleanlen = strlen(start);
	for (int i = 0; i < steps; i++) {
		const char *op = step(tb, &m, &seed);

		agree(tb, &m, i, op, rnd(&seed) % 8 == 0);
	}
	/* everything undone gives the start back, everything redone the end */
	while (textbuf_undo(tb))
		continue;
	text_is(tb, start);
	while (textbuf_redo(tb))
		continue;
	if (m.ng > 0)
		text_is(tb, m.g[m.ng - 1].after.text);
	for (size_t i = 0; i < m.ng; i++) {
		free(m.g[i].before.text);
		free(m.g[i].after.text);
	}
	free(m.g);
	free(m.clean);
	buf_free(&m.t);
	textbuf_free(tb);
}

Test(property, random_edits_match_a_plain_string_narrow)
{
	random_walk(1, 0x9E3779B97F4A7C15ULL, 6000);
}

Test(property, random_edits_match_a_plain_string_wide)
{
	random_walk(2, 0xD1B54A32D192ED03ULL, 6000);
}

/* ---- many lines ---- */

Test(scale, editing_one_of_5000_lines_keeps_the_others_right)
{
	struct buf b = BUF_INIT;
	struct textbuf *tb, *fresh;
	char *t;

	for (int i = 0; i < 5000; i++) {
		buf_addf(&b, "%d ", i);
		for (int k = 0; k < i % 23; k++)
			buf_adds(&b, k % 3 == 0 ? "年报" : "a“");
		buf_addc(&b, '\n');
	}
	tb = mk(b.data, 17, 2);
	cr_assert_eq(textbuf_lines(tb), 5001);
	vlines_match(tb, 17, 2, "loaded");

	textbuf_set_cursor(tb, 2500, 3);
	type(tb, "一个很长的插入使这一行多折几行一个很长的插入");
	vlines_match(tb, 17, 2, "typed in line 2500");
	textbuf_set_cursor(tb, 10, 0);
	textbuf_backspace(tb);		/* join lines 9 and 10 */
	cr_assert(textbuf_insert(tb, "x\ny\nz", 5));
	textbuf_set_cursor(tb, 4990, 2);
	textbuf_delete(tb);
	vlines_match(tb, 17, 2, "joined and split");
	textbuf_set_width(tb, 30);
	vlines_match(tb, 30, 2, "rewidened");

	/* the same text loaded afresh wraps the same */
	t = textbuf_text(tb);
	fresh = textbuf_create(t, strlen(t), 2);
	textbuf_set_width(fresh, 30);
	cr_assert_eq(textbuf_vlines(tb), textbuf_vlines(fresh));
	for (size_t v = 0; v < textbuf_vlines(tb); v += 7) {
		struct tb_vline a = textbuf_vline(tb, v), c = textbuf_vline(fresh, v);

		cr_assert(a.line == c.line && a.start == c.start && a.end == c.end, "vline %zu", v);
	}
	textbuf_undo(tb);
	textbuf_undo(tb);
	textbuf_undo(tb);
	textbuf_undo(tb);
	text_is(tb, b.data);
	vlines_match(tb, 30, 2, "undone");
	free(t);
	buf_free(&b);
	textbuf_free(fresh);
	textbuf_free(tb);
}

Test(scale, long_paragraph_typing_keeps_wrapping_right)
{
	struct buf b = BUF_INIT;
	struct textbuf *tb;

	while (b.len < 30000)
		buf_adds(&b, "本机关2023年共收到政府信息公开申请1,234件，“依申请公开”……");
	tb = mk(b.data, 61, 1);
	vlines_match(tb, 61, 1, "loaded");
	textbuf_set_cursor(tb, 0, 15000);
	for (int i = 0; i < 50; i++) {
		size_t v;
		int col;

		type(tb, i % 3 ? "年" : "a");
		textbuf_cursor_pos(tb, &v, &col);	/* only the part up to the cursor */
		if (i % 10 == 0)
			vlines_match(tb, 61, 1, "typing mid-paragraph");
	}
	vlines_match(tb, 61, 1, "typed");
	buf_free(&b);
	textbuf_free(tb);
}

/* ---- links: a span shown as other text, one unit for the cursor ---- */

/* What the test's links show: "{=n}" is a link showing tl_value. */
static const char *tl_value = "12345";

static size_t
tl_link_at(void *ctx, const char *s, size_t n, const char **shown)
{
	(void)ctx;
	if (n < 4 || memcmp(s, "{=n}", 4) != 0)
		return 0;
	*shown = tl_value;
	return 4;
}

static const struct tb_links tl_links = { tl_link_at, NULL };

/* A buffer holding s with links read, wrapped at width. */
static struct textbuf *
mk_links(const char *s, int width)
{
	struct textbuf *tb = mk(s, width, 1);

	tl_value = "12345";
	textbuf_set_links(tb, &tl_links, 1);
	return tb;
}

Test(textbuf, a_link_is_one_step_for_the_cursor_and_as_wide_as_its_value)
{
	struct textbuf *tb = mk_links("新收{=n}件", 40);

	textbuf_set_cursor(tb, 0, 6);
	pos_is(tb, 0, 4);
	textbuf_right(tb);
	cur_is(tb, 0, 10);
	pos_is(tb, 0, 9);	/* 新收 4 columns, 12345 five */
	textbuf_left(tb);
	cur_is(tb, 0, 6);
	textbuf_set_cursor(tb, 0, 8);
	cur_is(tb, 0, 6);	/* never inside a link */
	textbuf_goto(tb, 0, 7);
	cur_is(tb, 0, 6);	/* a click on the value: before the link */
	textbuf_free(tb);
}

Test(textbuf, backspace_and_delete_take_a_link_whole_in_one_undo_step)
{
	struct textbuf *tb = mk_links("ab{=n}cd", 40);

	textbuf_set_cursor(tb, 0, 6);
	cr_assert(textbuf_backspace(tb));
	text_is(tb, "abcd");
	cur_is(tb, 0, 2);
	cr_assert(textbuf_backspace(tb));
	text_is(tb, "acd");
	cr_assert(textbuf_undo(tb));
	text_is(tb, "abcd");
	cr_assert(textbuf_undo(tb));
	text_is(tb, "ab{=n}cd");	/* the link came back in one step */
	textbuf_set_cursor(tb, 0, 2);
	cr_assert(textbuf_delete(tb));
	text_is(tb, "abcd");
	cr_assert(textbuf_undo(tb));
	text_is(tb, "ab{=n}cd");
	textbuf_free(tb);
}

Test(textbuf, lines_wrap_at_what_links_show_and_never_inside_one)
{
	/* shown: 新收申请12345件 is 8 + 5 + 2 = 15 columns; the notation is 14 */
	struct textbuf *tb = mk_links("新收申请{=n}件", 14);
	struct tb_vline v;

	cr_assert_eq(textbuf_vlines(tb), 2, "15 columns shown do not fit in 14");
	v = textbuf_vline(tb, 1);
	cr_expect(v.start == strlen("新收申请") || v.start == strlen("新收申请{=n}"),
	    "the break is not inside the link: %zu", v.start);
	tl_value = "1";
	textbuf_set_links(tb, &tl_links, 2);	/* the value changed */
	cr_expect_eq(textbuf_vlines(tb), 1, "11 columns fit");
	tl_value = "1234567890123456";
	textbuf_set_links(tb, &tl_links, 3);
	cr_expect_geq(textbuf_vlines(tb), 2, "a link wider than the line stays whole");
	for (size_t i = 0; i < textbuf_vlines(tb); i++) {
		v = textbuf_vline(tb, i);
		cr_expect(v.start <= 12 || v.start >= 16, "no break inside the link: %zu", v.start);
		cr_expect(v.end > v.start, "each line holds something");
	}
	textbuf_free(tb);
}

Test(textbuf, unknown_braces_are_characters)
{
	struct textbuf *tb = mk_links("{=x}", 40);

	textbuf_set_cursor(tb, 0, 4);
	cr_assert(textbuf_backspace(tb));
	text_is(tb, "{=x");
	textbuf_free(tb);
}

/* Links in a long paragraph (wrapped a window at a time): the same breaks as the text drawn. */
Test(textbuf, a_long_paragraph_with_links_breaks_as_its_drawn_text)
{
	struct buf src = BUF_INIT, shown = BUF_INIT;
	struct textbuf *tb, *ref;
	size_t nv;

	for (int i = 0; i < 6000; i++) {	/* some 18 KB: several windows */
		buf_adds(&src, i % 3 == 0 ? "中" : i % 3 == 1 ? "文，" : "字");
		buf_adds(&shown, i % 3 == 0 ? "中" : i % 3 == 1 ? "文，" : "字");
		if (i % 97 == 50) {
			buf_adds(&src, "{=n}");
			buf_adds(&shown, "12345");
		}
	}
	tb = mk_links(src.data, 30);
	ref = mk(shown.data, 30, 1);
	textbuf_set_cursor(tb, 0, 0);
	cr_assert(textbuf_insert(tb, "甲", strlen("甲")));	/* an edit at the start: every break again */
	textbuf_set_cursor(ref, 0, 0);
	cr_assert(textbuf_insert(ref, "甲", strlen("甲")));
	nv = textbuf_vlines(tb);
	cr_assert_eq(nv, textbuf_vlines(ref), "as many lines as the drawn text: %zu, %zu", nv, textbuf_vlines(ref));
	for (size_t v = 0; v < nv; v++) {
		struct tb_vline a = textbuf_vline(tb, v), b = textbuf_vline(ref, v);
		const char *line;
		size_t len, links = 0;

		line = textbuf_line(tb, 0, &len);
		for (const char *p = line; (p = strstr(p, "{=n}")) != NULL && (size_t)(p - line) < a.start; p += 4)
			links++;
		cr_assert_eq(a.start - links * 4 + links * 5, b.start, "line %zu starts at %zu, drawn %zu",
		    v, a.start, b.start);
	}
	textbuf_free(tb);
	textbuf_free(ref);
	buf_free(&src);
	buf_free(&shown);
}
