/* t_wrap.c - the one line breaker (lib/wrap.h): Chinese typesetting rules, widths, cuts. */
#include "nb.h"

#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/utf8.h"
#include "lib/width.h"
#include "lib/wrap.h"

/* ---- helpers ---- */

/* s wrapped at width, lines joined with '|'; caller frees. */
static char *
wrapped(const char *s, int width, int amb)
{
	struct buf b = BUF_INIT;
	size_t n = strlen(s), start = 0;

	buf_adds(&b, "");
	while (start < n) {
		size_t end = wrap_line_end(s, n, start, width, amb);

		cr_assert_gt(end, start, "a line holds at least one character");
		if (start > 0)
			buf_addc(&b, '|');
		buf_add(&b, s + start, end - start);
		start = end;
	}
	return buf_detach(&b);
}

/* s wrapped at width is want. */
static void
wraps_as(const char *s, int width, int amb, const char *want)
{
	char *got = wrapped(s, width, amb);

	cr_assert_str_eq(got, want, "\"%s\" at %d columns", s, width);
	free(got);
}

/* The first code point of the n bytes at s. */
static uint32_t
first_cp(const char *s, size_t n)
{
	uint32_t cp = 0;

	utf8_decode(s, n, &cp);
	return cp;
}

/* The last code point of the n > 0 bytes at s. */
static uint32_t
last_cp(const char *s, size_t n)
{
	size_t i = n - 1;

	while (i > 0 && (s[i] & 0xC0) == 0x80)
		i--;
	return first_cp(s + i, n - i);
}

static const char *const closing[] = { "，", "。", "、", "；", "：", "？", "！", "）", "》",
	"」", "』", "”", "’", "…", ",", ".", ";", ":", "?", "!", ")", "]", "}", NULL };
static const char *const opening[] = { "（", "《", "「", "『", "“", "‘", "(", "[", "{", NULL };

/* True if cp is one of the characters of set. */
static bool
in(const char *const *set, uint32_t cp)
{
	for (size_t i = 0; set[i] != NULL; i++)
		if (first_cp(set[i], strlen(set[i])) == cp)
			return true;
	return false;
}

/* Every line of s at width: fits, starts with no closing mark, ends with no opening one. */
static void
lines_keep_the_rules(const char *s, int width, int amb)
{
	size_t n = strlen(s), start = 0;

	while (start < n) {
		size_t end = wrap_line_end(s, n, start, width, amb);
		int cols = (int)width_str(s + start, end - start, amb);

		cr_assert_leq(cols, width, "a line of %d columns at width %d: \"%.*s\"", cols, width,
		    (int)(end - start), s + start);
		cr_assert(start == 0 || !in(closing, first_cp(s + start, end - start)),
		    "line starts with closing punctuation at width %d: \"%.*s\"", width,
		    (int)(end - start), s + start);
		cr_assert(end == n || !in(opening, last_cp(s + start, end - start)),
		    "line ends with opening punctuation at width %d: \"%.*s\"", width,
		    (int)(end - start), s + start);
		start = end;
	}
}

/* ---- punctuation ---- */

Test(punct, closing_marks_never_start_a_line)
{
	/* 一二三 fills 6 columns; ， may not start the next line, so 三 goes down with it */
	wraps_as("一二三，四五", 6, 1, "一二|三，四|五");
	wraps_as("一二三。", 6, 1, "一二|三。");
	wraps_as("一二三、四", 6, 1, "一二|三、四");
	wraps_as("一二三）", 6, 1, "一二|三）");
	wraps_as("一二三……", 6, 1, "一二|三……");
	wraps_as("一二三”", 6, 1, "一二|三”");
	/* the half-width kin */
	wraps_as("一二三,四", 6, 1, "一二|三,四");
	wraps_as("一二三.", 6, 1, "一二|三.");
	wraps_as("一二三)", 6, 1, "一二|三)");
}

Test(punct, opening_marks_never_end_a_line)
{
	/* 一二（ fills 6 columns, but （ may not end it */
	wraps_as("一二（三）", 6, 1, "一二|（三）");
	wraps_as("一二《三》", 6, 1, "一二|《三》");
	wraps_as("一二“三”", 5, 1, "一二|“三”");
	wraps_as("一二(三)", 5, 1, "一二|(三)");
}

Test(punct, a_long_paragraph_keeps_the_rules_at_every_width)
{
	static const char text[] =
	    "　　2025年，本机关严格落实《中华人民共和国政府信息公开条例》（以下简称《条例》）"
	    "的要求，坚持“以公开为常态、不公开为例外”，全年主动公开政府信息1234条；"
	    "收到申请56件，办结55件，结转下年度继续办理1件。详见http://www.gov.cn/zhengce/（网站），"
	    "或拨打电话0731-12345678咨询！“公开、公平、公正”……是否满意？是的。";

	/* From the widest run that cannot be broken on, every line has a place to end. */
	for (int amb = 1; amb <= 2; amb++)
		for (int w = wrap_widest(text, strlen(text), amb); w <= 80; w++)
			lines_keep_the_rules(text, w, amb);
}

/* ---- numbers, units, Latin words ---- */

Test(numbers, a_number_stays_with_its_unit)
{
	/* "12" fits after the five characters, 月 would not: both go down */
	wraps_as("一二三四五12月31日", 12, 1, "一二三四五|12月31日");
	wraps_as("截至2025年底", 8, 1, "截至|2025年底");
	wraps_as("办结了25件", 9, 1, "办结了|25件");
	/* full-width digits too */
	wraps_as("一二三四１２月", 12, 1, "一二三四|１２月");
	/* the complaint, at every width that holds 2025年: never "12 / 月31日" */
	for (int w = 6; w <= 30; w++) {
		char *got = wrapped("本年度截至2025年12月31日共收到申请25件。", w, 1);

		cr_assert_null(strstr(got, "12|月"), "at %d: %s", w, got);
		cr_assert_null(strstr(got, "2025|年"), "at %d: %s", w, got);
		cr_assert_null(strstr(got, "25|件"), "at %d: %s", w, got);
		cr_assert_null(strstr(got, "3|1"), "at %d: %s", w, got);
		free(got);
	}
}

Test(numbers, latin_words_and_urls_are_not_split)
{
	wraps_as("中文abc def中文", 8, 1, "中文abc |def中文");
	wraps_as("说明见https://www.gov.cn/a网站", 24, 1, "说明见|https://www.gov.cn/a网站");
	wraps_as("电话0731-12345678", 14, 1, "电话|0731-12345678");
}

/* ---- widths ---- */

Test(width, cjk_and_ambiguous_characters)
{
	cr_assert_eq(width_cp(0x4E2D, 1), 2, "an ideograph is two columns");
	cr_assert_eq(width_cp(0xFF0C, 1), 2, "full-width comma");
	cr_assert_eq(width_cp(0x3000, 2), 2, "ideographic space");
	cr_assert_eq(width_cp('a', 2), 1, "ASCII is one column whatever the setting");
	cr_assert_eq(width_cp(0x0301, 2), 0, "a combining mark takes none");
	/* “ ” … — ① ─ are 1 on a UTF-8 terminal, 2 on a GBK one */
	static const uint32_t amb[] = { 0x201C, 0x201D, 0x2026, 0x2014, 0x2460, 0x2500 };
	for (size_t i = 0; i < sizeof amb / sizeof amb[0]; i++) {
		cr_assert_eq(width_cp(amb[i], 1), 1, "U+%04X narrow", (unsigned)amb[i]);
		cr_assert_eq(width_cp(amb[i], 2), 2, "U+%04X wide", (unsigned)amb[i]);
	}
	/* and the wrapping follows: “引号” is 6 columns narrow, 8 wide */
	wraps_as("“引号”", 6, 1, "“引号”");
	wraps_as("“引号”", 6, 2, "“引|号”");
}

/* ---- cuts and edges ---- */

Test(edge, a_line_without_a_break_opportunity_is_cut_by_width)
{
	wraps_as("abcdefghij", 4, 1, "abcd|efgh|ij");
	/* a number is split from its unit rather than a line start with a closing mark */
	wraps_as("2025年，", 6, 1, "2025|年，");
	wraps_as("25件。", 4, 1, "25|件。");
	wraps_as("1,234.56万元", 4, 1, "1,23|4.56|万元");
	/* nothing but closing marks: they must go somewhere */
	wraps_as("。。。。。", 4, 1, "。。|。。|。");
	/* a character wider than the line goes on a line of its own */
	wraps_as("中文", 1, 1, "中|文");
	for (int w = 1; w <= 12; w++) {
		char *got = wrapped("abcdefghijklmnopqrstuvwxyz", w, 1);

		for (char *p = got, *bar; *p != '\0'; p = bar + (*bar != '\0')) {
			bar = p + strcspn(p, "|");
			cr_assert_leq(bar - p, w, "at %d: %s", w, got);
		}
		free(got);
	}
}

Test(edge, empty_input_and_invalid_bytes)
{
	cr_assert_eq(wrap_line_end("", 0, 0, 10, 1), 0);
	cr_assert_eq(wrap_widest("", 0, 1), 0);
	/* an invalid byte is a one-column character and is never lost */
	cr_assert_eq(wrap_line_end("ab\xff" "cd", 5, 0, 3, 1), 3);
	cr_assert_eq(wrap_line_end("ab\xff" "cd", 5, 3, 3, 1), 5);
}

Test(edge, a_combining_mark_stays_with_its_letter)
{
	wraps_as("中文e\xcc\x81", 5, 1, "中文e\xcc\x81");
	wraps_as("中文中e\xcc\x81", 6, 1, "中文中|e\xcc\x81");
}

Test(edge, widest_unbreakable_run)
{
	cr_assert_eq(wrap_widest("中文", strlen("中文"), 1), 2);
	cr_assert_eq(wrap_widest("截至2025年", strlen("截至2025年"), 1), 6, "2025年 is one run");
	cr_assert_eq(wrap_widest("（三）不予公开", strlen("（三）不予公开"), 1), 6, "（三） is one run");
	cr_assert_eq(wrap_widest("see https://a.cn/x now", strlen("see https://a.cn/x now"), 1), 14);
}
