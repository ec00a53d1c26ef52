/*
 * t_import.c - a published report read back, at the unit level: small
 * documents built by hand (lines and rows, as the page and text readers
 * produce them) or read from short texts, placed by import_doc() with the
 * real templates.  The format from its own labels or else the year, agency
 * and year from the title, rows found by their labels whatever surrounds
 * them, a table whose numbers cannot be placed left blank with one warning,
 * headings to parts, text nothing can hold left out with its line, and the
 * closing agency and date.  Also the shapes textsrc_read() understands.
 */
#include <config.h>

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "import/srcdoc.h"
#include "testlib.h"
#include "import/textsrc.h"

static struct tplset *ts;
static struct srcdoc doc;
static struct diag_list warn;
static struct report *rep;
static char *err;
static int ln;			/* the line the next hand-built item gets */

static void
setup(void)
{
	ts = tl_templates();
	doc = (struct srcdoc)SRCDOC_INIT;
	warn = (struct diag_list)DIAG_LIST_INIT;
	rep = NULL;
	err = NULL;
	ln = 0;
}

static void
teardown(void)
{
	if (rep != NULL)
		report_free(rep);
	free(err);
	diag_list_free(&warn);
	srcdoc_free(&doc);
	tplset_free(ts);
}

TestSuite(import, .init = setup, .fini = teardown);
TestSuite(textsrc, .init = setup, .fini = teardown);

/* ---- building a source ---- */

/* A line of running text; returns its line number. */
static int
text(const char *s)
{
	srcdoc_line(&doc, ++ln, s, strlen(s), 0);
	return ln;
}

/* Several lines of text, up to NULL. */
static void
texts(const char *s, ...)
{
	va_list ap;

	va_start(ap, s);
	for (; s != NULL; s = va_arg(ap, const char *))
		text(s);
	va_end(ap);
}

/* A row of source table `table` on one line: its cells up to NULL; returns the line. */
static int
row(int table, ...)
{
	va_list ap;
	const char *s;

	srcdoc_row(&doc, ++ln, table);
	va_start(ap, table);
	while ((s = va_arg(ap, const char *)) != NULL)
		srcdoc_cell(&doc, ln, s, strlen(s), -1, 1, 1);
	va_end(ap);
	return ln;
}

/* A row of table 三: the cells before the label (up to two, NULL for none),
 * the label, then 7 numbers base+1 ... base+7. */
static int
row3(int table, const char *pre1, const char *pre2, const char *label, int base)
{
	srcdoc_row(&doc, ++ln, table);
	if (pre1 != NULL)
		srcdoc_cell(&doc, ln, pre1, strlen(pre1), -1, 1, 1);
	if (pre2 != NULL)
		srcdoc_cell(&doc, ln, pre2, strlen(pre2), -1, 1, 1);
	srcdoc_cell(&doc, ln, label, strlen(label), -1, 1, 1);
	for (int i = 1; i <= 7; i++) {
		char n[16];

		snprintf(n, sizeof n, "%d", base + i);
		srcdoc_cell(&doc, ln, n, strlen(n), -1, 1, 1);
	}
	return ln;
}

/* The same as lines, one cell a line: the label, then its 7 numbers. */
static int
lines3(const char *label, int base)
{
	int first = text(label);

	for (int i = 1; i <= 7; i++) {
		char n[16];

		snprintf(n, sizeof n, "%d", base + i);
		text(n);
	}
	return first;
}

static void
read_text(const char *s)
{
	textsrc_read(s, strlen(s), &doc);
}

/* ---- importing ---- */

static const struct import_opts plain = { "src", NULL, 0, NULL };

static struct report *
run(const struct import_opts *o)
{
	rep = import_doc(ts, &doc, o != NULL ? o : &plain, &warn, &err);
	if (rep == NULL)
		cr_log_info("import failed: %s", err != NULL ? err : "(no message)");
	return rep;
}

/* Import and require a report of template id. */
static struct report *
run_ok(const struct import_opts *o, const char *id)
{
	cr_assert_not_null(run(o), "a report is made (error: %s)", err != NULL ? err : "none");
	cr_assert_null(err);
	cr_assert_str_eq(rep->tpl->id, id, "the format is %s", id);
	cr_expect_not(rep->auto_totals, "an imported report keeps its totals as published");
	return rep;
}

static const struct value *
val(const char *id)
{
	return &rep->cells[tl_cell(rep->tpl, id)];
}

static void
num_is(const char *id, long long want)
{
	const struct value *v = val(id);

	cr_expect_eq(v->state, VALUE_NUMBER, "%s holds a number", id);
	cr_expect_eq(v->num, want, "%s is %lld (got %lld)", id, want, (long long)v->num);
	cr_expect_eq(v->scale, 0, "%s has no decimals", id);
}

static void
blank_is(const char *id)
{
	cr_expect_eq(val(id)->state, VALUE_BLANK, "%s is blank", id);
}

static void
na_is(const char *id)
{
	cr_expect_eq(val(id)->state, VALUE_NA, "%s is not applicable", id);
}

static const char *const applicant[] = { "person", "biz", "sci", "ngo", "law", "misc", "total" };

/* Row t3.<name> holds base+1 ... base+7. */
static void
row3_is(const char *name, int base)
{
	for (int i = 0; i < 7; i++) {
		char id[64];

		snprintf(id, sizeof id, "t3.%s.%s", name, applicant[i]);
		num_is(id, base + i + 1);
	}
}

static void
row3_blank(const char *name)
{
	for (int i = 0; i < 7; i++) {
		char id[64];

		snprintf(id, sizeof id, "t3.%s.%s", name, applicant[i]);
		blank_is(id);
	}
}

/* Every cell of row t3.<name> is unreadable: not blank, not 0. */
static void
row3_unreadable(const char *name)
{
	for (int i = 0; i < 7; i++) {
		char id[64];

		snprintf(id, sizeof id, "t3.%s.%s", name, applicant[i]);
		cr_expect_eq(val(id)->state, VALUE_UNREADABLE, "%s is unreadable", id);
	}
}

/* Every value cell of table tb is unreadable. */
static void
table_unreadable(const char *tb)
{
	size_t k = strlen(tb);

	for (size_t i = 0; i < rep->tpl->nvalues; i++)
		if (strncmp(rep->tpl->values[i].id, tb, k) == 0 && rep->tpl->values[i].id[k] == '.')
			cr_expect_eq(rep->cells[i].state, VALUE_UNREADABLE, "%s is unreadable",
			    rep->tpl->values[i].id);
}

/* Every value cell of table tb is blank. */
static void
table_blank(const char *tb)
{
	size_t k = strlen(tb);

	for (size_t i = 0; i < rep->tpl->nvalues; i++)
		if (strncmp(rep->tpl->values[i].id, tb, k) == 0 && rep->tpl->values[i].id[k] == '.')
			cr_expect_eq(rep->cells[i].state, VALUE_BLANK, "%s is blank", rep->tpl->values[i].id);
}

static const char *
part(const char *id)
{
	int p = template_part(rep->tpl, id);

	cr_assert_geq(p, 0, "part %s", id);
	return rep->texts[p];
}

/* Index of the first warning containing every fragment (up to NULL), or -1. */
static long
warning(const char *frag, ...)
{
	for (size_t i = 0; i < warn.n; i++) {
		va_list ap;
		const char *f = frag;
		bool all = true;

		va_start(ap, frag);
		for (; f != NULL && all; f = va_arg(ap, const char *))
			all = strstr(warn.v[i].msg, f) != NULL;
		va_end(ap);
		if (all)
			return (long)i;
	}
	return -1;
}

/* How many warnings contain frag. */
static size_t
warnings(const char *frag)
{
	size_t n = 0;

	for (size_t i = 0; i < warn.n; i++)
		n += strstr(warn.v[i].msg, frag) != NULL;
	return n;
}

/* The warning containing frag (and more, up to NULL) is there, at line; returns its index. */
#define WARNED_AT(line, ...) warned_at(line, __VA_ARGS__, NULL)
static long
warned_at(int line, const char *frag, ...)
{
	long i = -1;

	for (size_t k = 0; k < warn.n && i < 0; k++) {
		va_list ap;
		const char *f = frag;
		bool all = true;

		va_start(ap, frag);
		for (; f != NULL && all; f = va_arg(ap, const char *))
			all = strstr(warn.v[k].msg, f) != NULL;
		va_end(ap);
		if (all)
			i = (long)k;
	}
	if (i < 0) {
		for (size_t k = 0; k < warn.n; k++)
			cr_log_info("warning %zu at %d: %s", k, warn.v[k].line, warn.v[k].msg);
		cr_expect_fail("a warning with \"%s\"", frag);
		return -1;
	}
	cr_expect_eq(warn.v[i].line, line, "\"%s\" is warned at line %d (got %d)", warn.v[i].msg, line,
	    warn.v[i].line);
	cr_expect_str_eq(warn.v[i].file, "src", "the warning names the source");
	return i;
}

/* No text part holds s. */
static void
in_no_part(const char *s)
{
	for (size_t p = 0; p < rep->tpl->nparts; p++)
		cr_expect_null(strstr(rep->texts[p], s), "part %s does not hold \"%s\"",
		    rep->tpl->parts[p].id, s);
}

#define TITLE_2021 "某县某局2021年政府信息公开工作年度报告"
#define TITLE_2020 "某县某局2020年政府信息公开工作年度报告"

/* ================================================================ the format */

Test(import, format_2021_by_its_own_column_labels)
{
	text(TITLE_2020);	/* the year alone would say 2019's format */
	text("二、主动公开政府信息情况");
	row(0, "第二十条第（一）项", NULL);
	row(0, "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", NULL);
	row(0, "规章", "1", "2", "3", NULL);
	run_ok(NULL, "gov-2021");
	cr_expect_eq(rep->year, 2020);
	num_is("t2.reg.made", 1);
	num_is("t2.reg.repealed", 2);
	num_is("t2.reg.valid", 3);
	cr_expect_geq(warning("gov-2021", "2020", NULL), 0, "the other year's format is named");
}

Test(import, format_2021_by_the_three_rows_of_item_six)
{
	text(TITLE_2020);
	row3(0, "（六）其他处理", NULL, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 10);
	row3(0, NULL, NULL, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 20);
	row3(0, NULL, NULL, "3.其他", 30);
	run_ok(NULL, "gov-2021");
	row3_is("other1", 10);
	row3_is("other2", 20);
	row3_is("other3", 30);
}

Test(import, format_2019_by_its_own_labels)
{
	text("某县某局2022年政府信息公开工作年度报告");	/* the year would say 2021's */
	row(0, "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量", NULL);
	row(0, "规章", "4", "5", "6", NULL);
	row(0, "政府集中采购", "2", "3000", NULL);
	run_ok(NULL, "gov-2019");
	cr_expect_eq(rep->year, 2022);
	num_is("t2.reg.made", 4);
	num_is("t2.reg.published", 5);
	num_is("t2.reg.total", 6);
	num_is("t2.purchase.items", 2);
	cr_expect_geq(warning("gov-2019", "2022", NULL), 0);
}

Test(import, format_2019_by_one_unique_row_label)
{
	text(TITLE_2021);
	row(0, "政府集中采购", "1", "2", NULL);
	run_ok(NULL, "gov-2019");
}

Test(import, format_by_year_when_the_labels_say_nothing)
{
	/* labels both formats have, and no table at all */
	text(TITLE_2020);
	row3(0, NULL, NULL, "一、本年新收政府信息公开申请数量", 0);
	run_ok(NULL, "gov-2019");
	row3_is("new", 0);
	cr_expect_lt(warning("format is not the one", NULL), 0);
}

Test(import, format_by_year_2021_and_later)
{
	texts("某县某局2023年政府信息公开工作年度报告", "一、总体情况", "本局认真贯彻落实条例。", NULL);
	run_ok(NULL, "gov-2021");
	cr_expect_eq(rep->year, 2023);
}

Test(import, format_by_year_when_the_labels_tie)
{
	text(TITLE_2020);
	row(0, "本年制发件数", NULL);		/* one label of 2021 ... */
	row(0, "本年新制作数量", NULL);	/* ... and one of 2019 */
	run_ok(NULL, "gov-2019");
}

Test(import, explicit_format_wins)
{
	struct import_opts o = plain;

	text(TITLE_2021);
	row(0, "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", NULL);
	row(0, "规章", "1", "2", "3", NULL);
	o.format = "2019";
	run_ok(&o, "gov-2019");
	num_is("t2.reg.made", 1);
	num_is("t2.reg.published", 2);
	num_is("t2.reg.total", 3);
	cr_expect_geq(warning("gov-2019", "2021", NULL), 0, "the format is not the year's: warned");
}

Test(import, explicit_format_by_id)
{
	struct import_opts o = plain;

	texts(TITLE_2020, "一、总体情况", "本局认真贯彻落实条例。", NULL);
	o.format = "gov-2021";
	run_ok(&o, "gov-2021");
	cr_expect_eq(rep->year, 2020);
	cr_expect_str_eq(part("s1.intro"), "本局认真贯彻落实条例。");
}

Test(import, unknown_explicit_format)
{
	struct import_opts o = plain;

	text(TITLE_2021);
	row(0, "规章", "1", "2", "3", NULL);
	o.format = "2018";
	cr_expect_null(run(&o));
	cr_assert_not_null(err);
	cr_expect_not_null(strstr(err, "2018"), "the message names the format: %s", err);
}

Test(import, year_no_format_covers)
{
	texts("某县某局2018年政府信息公开工作年度报告", "一、概述", "本局认真贯彻落实条例。", NULL);
	cr_expect_null(run(NULL));
	cr_assert_not_null(err);
	cr_expect_not_null(strstr(err, "2018"), "the message names the year: %s", err);
}

Test(import, year_no_format_covers_given_by_option)
{
	struct import_opts o = plain;

	texts("一、总体情况", "本局认真贯彻落实条例。", NULL);
	o.year = 2017;
	cr_expect_null(run(&o));
	cr_assert_not_null(err);
	cr_expect_not_null(strstr(err, "2017"), "%s", err);
}

Test(import, neither_format_nor_year)
{
	texts("一、总体情况", "本局认真贯彻落实条例。", NULL);
	cr_expect_null(run(NULL));
	cr_assert_not_null(err);
	cr_expect_not_null(strstr(err, "format"), "%s", err);
}

Test(import, format_but_no_year)
{
	texts("一、总体情况", "本局认真贯彻落实条例。", NULL);
	row(0, "政府集中采购", "1", "2", NULL);
	cr_expect_null(run(NULL));
	cr_assert_not_null(err);
	cr_expect_not_null(strstr(err, "year"), "%s", err);
}

Test(import, nothing_recognised)
{
	texts(TITLE_2021, "这是一段与报告无关的文字。", "另一段文字。", NULL);
	cr_expect_null(run(NULL));
	cr_assert_not_null(err);
	cr_expect_not_null(strstr(err, "nothing"), "%s", err);
}

/* ================================================================ title */

Test(import, agency_and_year_from_the_title)
{
	texts(TITLE_2021, "一、总体情况", "本局认真贯彻落实条例。", NULL);
	run_ok(NULL, "gov-2021");
	cr_expect_str_eq(rep->agency, "某县某局");
	cr_expect_eq(rep->year, 2021);
	in_no_part("2021年政府信息公开");
}

Test(import, agency_on_the_line_above_the_title)
{
	int furniture = text("首页 > 政务公开");

	texts("某县某局", "2021年度政府信息公开工作报告", "一、总体情况", "本局认真贯彻落实条例。", NULL);
	run_ok(NULL, "gov-2021");
	cr_expect_str_eq(rep->agency, "某县某局");
	cr_expect_eq(rep->year, 2021);
	WARNED_AT(furniture, "left out", "首页");
	cr_expect_lt(warning("left out", "某县某局", NULL), 0, "the agency line is not left out");
	cr_expect_str_eq(part("s1.intro"), "本局认真贯彻落实条例。");
}

Test(import, options_override_the_title)
{
	struct import_opts o = plain;

	texts(TITLE_2021, "一、总体情况", "本局认真贯彻落实条例。", NULL);
	o.agency = "另一个局";
	o.year = 2023;
	run_ok(&o, "gov-2021");
	cr_expect_str_eq(rep->agency, "另一个局");
	cr_expect_eq(rep->year, 2023);
}

Test(import, year_option_chooses_the_format_when_labels_say_nothing)
{
	struct import_opts o = plain;

	texts(TITLE_2021, "一、总体情况", "本局认真贯彻落实条例。", NULL);
	o.year = 2020;
	run_ok(&o, "gov-2019");
	cr_expect_eq(rep->year, 2020);
	cr_expect_str_eq(rep->agency, "某县某局");
}

Test(import, agency_from_the_closing_lines_when_the_title_has_none)
{
	texts("2021年度政府信息公开工作报告", "一、总体情况", "本局认真贯彻落实条例。",
	    "六、其他需要报告的事项", "无其他需要报告的事项。", "某县某局", "2022年1月20日", NULL);
	run_ok(NULL, "gov-2021");
	cr_expect_str_eq(rep->agency, "某县某局");
	cr_expect_str_eq(rep->date, "2022年1月20日");
	cr_expect_str_eq(part("s6.body"), "无其他需要报告的事项。");
}

Test(import, page_title_when_no_line_is_a_title)
{
	texts("一、总体情况", "本局认真贯彻落实条例。", NULL);
	doc.title = strdup("某市某局2022年政府信息公开工作年度报告");
	run_ok(NULL, "gov-2021");
	cr_expect_str_eq(rep->agency, "某市某局");
	cr_expect_eq(rep->year, 2022);
}

/* ================================================================ table rows */

Test(import, rows_found_by_their_label_whatever_precedes_it)
{
	text(TITLE_2021);
	text("三、收到和处理政府信息公开申请情况");
	row3(0, NULL, NULL, "一、本年新收政府信息公开申请数量", 0);
	row3(0, "三、本年度办理结果", "（一）予以公开", "（一）予以公开", 10);	/* a label repeated */
	row3(0, "", "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 20);
	row3(0, "（三）不予公开", NULL, "1.属于国家秘密", 30);
	row3(0, "", NULL, "2.其他法律行政法规禁止公开", 40);	/* a rowspan's placeholder */
	row3(0, NULL, NULL, "3.危及三安全一稳定", 50);		/* the quotes lost */
	row3(0, "三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息", 60);
	run_ok(NULL, "gov-2021");
	row3_is("new", 0);
	row3_is("open", 10);
	row3_is("partial", 20);
	row3_is("deny1", 30);
	row3_is("deny2", 40);
	row3_is("deny3", 50);
	row3_is("none1", 60);
	row3_blank("carried");
	row3_blank("deny4");
	cr_expect_lt(warning("entries for its", NULL), 0);
}

Test(import, trailing_empty_cells_ignored)
{
	int l;

	text(TITLE_2021);
	srcdoc_row(&doc, l = ++ln, 0);
	srcdoc_cell(&doc, l, "4.保护第三方合法权益", strlen("4.保护第三方合法权益"), -1, 1, 1);
	for (int i = 1; i <= 7; i++) {
		char n[16];

		snprintf(n, sizeof n, "%d", i);
		srcdoc_cell(&doc, l, n, strlen(n), -1, 1, 1);
	}
	for (int i = 0; i < 3; i++)
		srcdoc_cell(&doc, l, " ", 1, -1, 1, 1);	/* a layout's empty cells */
	run_ok(NULL, "gov-2021");
	row3_is("deny4", 0);
	cr_expect_lt(warning("entries for its", NULL), 0);
}

Test(import, blank_cells_in_a_row_stay_blank)
{
	text(TITLE_2021);
	row(0, "5.属于三类内部事务信息", "1", "", "", "", "", "", "1", NULL);
	run_ok(NULL, "gov-2021");
	num_is("t3.deny5.person", 1);
	blank_is("t3.deny5.biz");
	blank_is("t3.deny5.misc");
	num_is("t3.deny5.total", 1);
}

/* One damaged row: its cells unreadable, every other row of its table placed. */
Test(import, a_row_short_of_entries_is_unreadable_alone)
{
	int bad;

	text(TITLE_2021);
	row(0, "规章", "1", "2", "3", NULL);
	row3(1, NULL, NULL, "一、本年新收政府信息公开申请数量", 0);
	bad = row(1, "（三）不予公开", "1.属于国家秘密", "1", "2", "3", "4", "5", "6", NULL);
	row3(1, NULL, NULL, "2.其他法律行政法规禁止公开", 40);
	row(2, "行政复议", "行政诉讼", NULL);
	row(2, "1", "2", "3", "4", "10", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", NULL);
	run_ok(NULL, "gov-2021");
	row3_is("new", 0);
	row3_unreadable("deny1");
	row3_is("deny2", 40);
	row3_blank("carried");
	cr_expect_eq(warnings("which cell each belongs to"), 1, "one warning for the row");
	WARNED_AT(bad, "申请处理情况表", "1.属于国家秘密", "6 entries", "7 cells", "unreadable");
	/* the other tables are placed */
	num_is("t2.reg.made", 1);
	num_is("t2.reg.valid", 3);
	num_is("t4.cases.rv_keep", 1);
	num_is("t4.cases.rv_total", 10);
	num_is("t4.cases.la_total", 0);
}

Test(import, a_row_with_too_many_entries_is_unreadable_alone)
{
	int bad;

	text(TITLE_2021);
	row3(0, NULL, NULL, "一、本年新收政府信息公开申请数量", 0);
	bad = row(0, "二、上年结转政府信息公开申请数量", "1", "2", "3", "4", "5", "6", "7", "8", NULL);
	run_ok(NULL, "gov-2021");
	row3_is("new", 0);
	row3_unreadable("carried");
	WARNED_AT(bad, "申请处理情况表", "二、上年结转政府信息公开申请数量", "8 entries");
}

Test(import, a_row_twice_keeps_the_first)
{
	int first, again;

	text(TITLE_2021);
	first = row3(0, NULL, NULL, "（七）总计", 0);
	again = row3(0, NULL, NULL, "（七）总计", 50);
	run_ok(NULL, "gov-2021");
	row3_is("total", 0);
	{
		char at[32];

		snprintf(at, sizeof at, "line %d", first);
		WARNED_AT(again, "appears again", "（七）总计", at);
	}
	cr_expect_lt(warning("entries for its", NULL), 0, "the table itself is fine");
}

Test(import, one_cell_per_line)
{
	text(TITLE_2021);
	text("三、收到和处理政府信息公开申请情况");
	lines3("一、本年新收政府信息公开申请数量", 0);
	lines3("二、上年结转政府信息公开申请数量", 10);
	texts("三、本年度办理结果", "（一）予以公开", NULL);
	for (int i = 1; i <= 7; i++) {
		char n[16];

		snprintf(n, sizeof n, "%d", 20 + i);
		text(n);
	}
	lines3("四、结转下年度继续办理", 30);
	run_ok(NULL, "gov-2021");
	row3_is("new", 0);
	row3_is("carried", 10);
	row3_is("open", 20);
	row3_is("next", 30);
	cr_expect_lt(warning("entries for its", NULL), 0);
}

Test(import, one_cell_per_line_short_of_a_number)
{
	int bad;

	text(TITLE_2021);
	lines3("一、本年新收政府信息公开申请数量", 0);
	bad = text("二、上年结转政府信息公开申请数量");
	texts("1", "2", "3", "4", "5", "6", NULL);	/* one dropped */
	lines3("四、结转下年度继续办理", 30);
	run_ok(NULL, "gov-2021");
	row3_is("new", 0);
	row3_unreadable("carried");
	row3_is("next", 30);
	WARNED_AT(bad, "申请处理情况表", "二、上年结转政府信息公开申请数量", "6 entries");
}

/* Table 四 as published: header labels, then its 15 numbers without a label. */
static void
table4_lines(int base)
{
	static const char *const head[] = {
		"行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
		"未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
		"结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
	};

	for (size_t i = 0; i < sizeof head / sizeof *head; i++)
		text(head[i]);
	for (int i = 1; i <= 15; i++) {
		char n[16];

		snprintf(n, sizeof n, "%d", base + i);
		text(n);
	}
}

static const char *const t4cols[] = {
	"rv_keep", "rv_fix", "rv_other", "rv_pending", "rv_total",
	"ld_keep", "ld_fix", "ld_other", "ld_pending", "ld_total",
	"la_keep", "la_fix", "la_other", "la_pending", "la_total",
};

static void
t4_is(int base)
{
	for (int i = 0; i < 15; i++) {
		char id[64];

		snprintf(id, sizeof id, "t4.cases.%s", t4cols[i]);
		num_is(id, base + i + 1);
	}
}

Test(import, table_four_unlabeled_row_one_cell_per_line)
{
	texts(TITLE_2021, "四、政府信息公开行政复议、行政诉讼情况", NULL);
	table4_lines(100);
	text("五、存在的主要问题及改进情况");
	text("主要问题是人员不足。");
	run_ok(NULL, "gov-2021");
	t4_is(100);
	cr_expect_str_eq(part("s5.body"), "主要问题是人员不足。");
	cr_expect_lt(warning("left out", NULL), 0);
}

Test(import, table_four_unlabeled_row_of_cells)
{
	text(TITLE_2021);
	row(3, "行政复议", "行政诉讼", NULL);
	row(3, "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉", NULL);
	row(3, "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果",
	    "尚未审结", "总计", NULL);
	row(3, "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", NULL);
	run_ok(NULL, "gov-2021");
	t4_is(0);
}

Test(import, table_four_short_row)
{
	int bad;

	text(TITLE_2021);
	row(3, "行政复议", "行政诉讼", NULL);
	bad = row(3, "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", NULL);
	run_ok(NULL, "gov-2021");
	table_unreadable("t4");
	WARNED_AT(bad, "复议诉讼情况表", "14 entries", "15 cells");
}

Test(import, slash_and_dashes_are_not_applicable)
{
	text(TITLE_2021);
	row(0, "规章", "/", "—", "-", NULL);
	row(0, "行政规范性文件", "－", "——", "0", NULL);
	row(0, "行政许可", "／", NULL);
	run_ok(NULL, "gov-2021");
	na_is("t2.reg.made");
	na_is("t2.reg.repealed");
	na_is("t2.reg.valid");
	na_is("t2.norm.made");
	na_is("t2.norm.repealed");
	num_is("t2.norm.valid", 0);
	na_is("t2.permit.decisions");
	cr_expect_lt(warning("not a number", NULL), 0);
}

Test(import, changes_of_2019)
{
	text(TITLE_2020);
	row(0, "信息内容", "上一年项目数量", "本年增/减", "处理决定数量", NULL);
	row(0, "行政许可", "10", "增15", "3", NULL);
	row(0, "其他对外管理服务事项", "5", "-2", "0", NULL);
	row(0, "行政处罚", "7", "+1", "2", NULL);
	row(0, "行政强制", "7", "减3", "2", NULL);
	row(0, "行政事业性收费", "4", "0", NULL);
	run_ok(NULL, "gov-2019");
	num_is("t2.permit.prev_items", 10);
	num_is("t2.permit.change", 15);
	num_is("t2.permit.decisions", 3);
	num_is("t2.service.change", -2);
	num_is("t2.penalty.change", 1);
	num_is("t2.force.change", -3);
	num_is("t2.fee.prev_items", 4);
	num_is("t2.fee.change", 0);
}

Test(import, purchase_amount_keeps_its_unit)
{
	const struct value *v;

	text(TITLE_2020);
	row(0, "信息内容", "采购项目数量", "采购总金额", NULL);
	row(0, "政府集中采购", "3", "640.492万元", NULL);
	run_ok(NULL, "gov-2019");
	num_is("t2.purchase.items", 3);
	v = val("t2.purchase.amount");
	cr_expect_eq(v->state, VALUE_NUMBER);
	cr_expect_eq(v->num, 640492);
	cr_expect_eq(v->scale, 3);
	cr_expect_str_eq(v->unit, "万元");
}

Test(import, a_non_number_leaves_its_cell_blank)
{
	int l;

	text(TITLE_2020);
	l = row(0, "行政许可", "10", "若干", "3", NULL);
	row(0, "行政处罚", "7", "1", "2", NULL);
	run_ok(NULL, "gov-2019");
	num_is("t2.permit.prev_items", 10);
	blank_is("t2.permit.change");
	num_is("t2.permit.decisions", 3);
	num_is("t2.penalty.decisions", 2);
	WARNED_AT(l, "\"若干\" is not a number", "t2.permit.change", "主动公开情况表");
	cr_expect_lt(warning("entries for its", NULL), 0, "the table is not blanked");
}

Test(import, fee_in_another_unit_is_refused)
{
	int l;

	text(TITLE_2021);
	row(0, "行政事业性收费", "125000元", NULL);
	l = row(0, "规章", "1", "2", "3", NULL);
	run_ok(NULL, "gov-2021");
	blank_is("t2.fee.amount");
	num_is("t2.reg.made", 1);
	WARNED_AT(l - 1, "125000元", "t2.fee.amount");
}

Test(import, a_table_not_found_is_named)
{
	texts(TITLE_2021, "一、总体情况", "本局认真贯彻落实条例。", NULL);
	row(0, "规章", "1", "2", "3", NULL);
	run_ok(NULL, "gov-2021");
	cr_expect_geq(warning("申请处理情况表", "not found", NULL), 0);
	cr_expect_geq(warning("复议诉讼情况表", "not found", NULL), 0);
	cr_expect_geq(warning("主动公开情况表", "rows not found", "行政规范性文件", NULL), 0);
	cr_expect_lt(warning("主动公开情况表", "rows not found", "\"规章\"", NULL), 0);
}

Test(import, a_page_table_before_the_report_is_left_out)
{
	int l;

	text(TITLE_2021);
	l = row(0, "发布时间：", "2022-01-20", "来源：", "某县", NULL);
	texts("一、总体情况", "概述。", NULL);
	row(1, "规章", "1", "2", "3", NULL);
	run_ok(NULL, "gov-2021");
	WARNED_AT(l, "left out", "发布时间");
	in_no_part("发布时间");
	in_no_part("来源");
	num_is("t2.reg.made", 1);
}

Test(import, headings_and_paragraphs_held_in_rows)
{
	text(TITLE_2021);
	row(0, "一、总体情况", NULL);
	row(1, "", "本局认真贯彻落实条例，全年主动公开信息100条。", "", NULL);
	row(2, "（一）主动公开", NULL);
	row(3, "全年主动公开信息100条。", NULL);
	run_ok(NULL, "gov-2021");
	cr_expect_str_eq(part("s1.intro"), "本局认真贯彻落实条例，全年主动公开信息100条。");
	cr_expect_str_eq(part("s1.active"), "全年主动公开信息100条。");
}

Test(import, subtotal_row_of_a_group_is_not_placed)
{
	int l;

	text(TITLE_2021);
	row3(0, NULL, NULL, "1.属于国家秘密", 0);
	l = row(0, "（三）不予公开", "9", "9", "9", "9", "9", "9", "9", NULL);	/* a third party's subtotal */
	row3(0, NULL, NULL, "2.其他法律行政法规禁止公开", 10);
	run_ok(NULL, "gov-2021");
	row3_is("deny1", 0);
	row3_is("deny2", 10);
	WARNED_AT(l, "left out", "9");
}

Test(import, damaged_labels_find_their_rows)
{
	text(TITLE_2021);
	row3(0, NULL, NULL, "(二)部分公开(区分处理的,只计这一情形,不计其他情形)", 0);
	row3(0, NULL, NULL, "4.保护第三方合法权", 10);		/* a character dropped */
	row3(0, NULL, NULL, "１、属于 国家秘密", 20);
	row(0, "自然人", "法人或其他组织", "总计", NULL);
	row(0, "商业 企业", "科研 机构", "社会公益组织", "法律服务机构", "其他", NULL);
	row3(0, NULL, NULL, "四、结转下年度继续办理", 30);
	run_ok(NULL, "gov-2021");
	row3_is("partial", 0);
	row3_is("deny4", 10);
	row3_is("deny1", 20);
	row3_is("next", 30);
}

Test(import, a_row_whose_label_matches_nothing_is_not_placed)
{
	int l;

	text(TITLE_2021);
	row3(0, NULL, NULL, "1.属于国家秘密", 0);
	l = row(0, "（三）不予公开小计", "9", "9", "9", "9", "9", "9", "9", NULL);
	row3(0, NULL, NULL, "2.其他法律行政法规禁止公开", 10);
	run_ok(NULL, "gov-2021");
	row3_is("deny1", 0);
	row3_is("deny2", 10);
	row3_blank("deny3");
	WARNED_AT(l, "left out", "9");
	cr_expect_lt(warning("entries for its", NULL), 0);
}

Test(import, empty_rows_and_cells_are_harmless)
{
	text(TITLE_2021);
	srcdoc_row(&doc, ++ln, 0);		/* a row without cells */
	row(0, "", "", NULL);
	row3(0, NULL, NULL, "一、本年新收政府信息公开申请数量", 0);
	srcdoc_row(&doc, ++ln, 0);
	row(3, "行政复议", "行政诉讼", NULL);
	row(3, "", "", "", NULL);
	run_ok(NULL, "gov-2021");
	row3_is("new", 0);
	table_blank("t4");
	cr_expect_lt(warning("entries for its", NULL), 0);
}

/* ================================================================ headings and text */

Test(import, headings_to_parts)
{
	int left;

	texts(TITLE_2021,
	    "一.总体情况",
	    "本局认真贯彻落实条例。",
	    "（一）加强领导，严格落实工作机制",
	    "成立了领导小组。",
	    "（一）主动公开政府信息的情况",
	    "全年主动公开信息100条。",
	    "(四)平台建设情况",
	    "网站运行平稳。",
	    "二、主动公开政府信息情况", NULL);
	left = text("下表是主动公开情况。");
	texts("五、存在的主要问题及改进措施",
	    "主要问题是人员不足。",
	    "六、其他需要报告的事项",
	    "本年度未收取信息处理费。", NULL);
	run_ok(NULL, "gov-2021");
	cr_expect_str_eq(part("s1.intro"), "本局认真贯彻落实条例。\n（一）加强领导，严格落实工作机制\n成立了领导小组。");
	cr_expect_str_eq(part("s1.active"), "全年主动公开信息100条。");
	cr_expect_str_eq(part("s1.platform"), "网站运行平稳。");
	cr_expect_str_eq(part("s1.request"), "");
	cr_expect_str_eq(part("s5.body"), "主要问题是人员不足。");
	cr_expect_str_eq(part("s6.body"), "本年度未收取信息处理费。");
	cr_expect_str_eq(part("preface"), "");
	WARNED_AT(left, "left out", "下表是主动公开情况。");
	in_no_part("下表");
	in_no_part("总体情况");
	in_no_part("平台建设情况");
	cr_expect_lt(warning("appears again", NULL), 0);
}

Test(import, heading_spellings)
{
	texts(TITLE_2021, "一、总体情况", "概述。", "（二）依申请公开情况", "收到申请3件。",
	    "(三)政府信息管理", "制度完善。", "（五） 监督保障", "开展培训。", NULL);
	run_ok(NULL, "gov-2021");
	cr_expect_str_eq(part("s1.intro"), "概述。");
	cr_expect_str_eq(part("s1.request"), "收到申请3件。");
	cr_expect_str_eq(part("s1.manage"), "制度完善。");
	cr_expect_str_eq(part("s1.oversight"), "开展培训。");
}

Test(import, text_under_table_sections_is_left_out)
{
	int l2, l3, l4;

	texts(TITLE_2021, "一、总体情况", "概述。", "二、主动公开政府信息情况", NULL);
	l2 = text("本年度主动公开情况如下表所示。");
	text("三、收到和处理政府信息公开申请情况");
	row3(0, NULL, NULL, "一、本年新收政府信息公开申请数量", 0);
	l3 = text("注：本表数据截至12月31日。");
	text("四、政府信息公开行政复议、行政诉讼情况");
	ln += 10;	/* far from the others: a run of its own */
	l4 = text("本年度未发生行政复议和行政诉讼。");
	text("五、存在的主要问题及改进情况");
	text("问题。");
	run_ok(NULL, "gov-2021");
	{
		char more[64];

		/* lines close together are one run: the first quoted, the last named */
		snprintf(more, sizeof more, "and 1 more lines, to line %d", l3);
		WARNED_AT(l2, "left out", "本年度主动公开情况如下表所示。", more);
	}
	WARNED_AT(l4, "left out", "本年度未发生行政复议和行政诉讼。");
	in_no_part("如下表");
	in_no_part("注：");
	in_no_part("本年度未发生行政复议");
	row3_is("new", 0);
	cr_expect_str_eq(part("s5.body"), "问题。");
}

Test(import, left_out_texts_are_cut_in_messages)
{
	int l;

	texts(TITLE_2021, "一、总体情况", "概述。", "二、主动公开政府信息情况", NULL);
	l = text("本年度主动公开政府信息的情况如下表所示，其中规章和规范性文件的制发、废止和现行有效件数均按年度统计。");
	run_ok(NULL, "gov-2021");
	WARNED_AT(l, "left out", "...");
	cr_expect_lt(warning("年度统计", NULL), 0, "only the beginning is quoted");
}

Test(import, a_duplicated_heading_warns)
{
	int again;

	texts(TITLE_2021, "一、总体情况", "第一段。", "（一）主动公开", "主动公开了。", NULL);
	again = text("一、总体情况");
	texts("第二段。", "（一）主动公开", NULL);
	run_ok(NULL, "gov-2021");
	WARNED_AT(again, "appears again", "一、总体情况");
	cr_expect_eq(warnings("appears again"), 2, "the part heading repeated warns too");
	cr_expect_geq(warning("appears again", "（一）主动公开", NULL), 0);
	cr_expect_str_eq(part("s1.intro"), "第一段。\n第二段。", "what follows the repeat is added");
}

Test(import, preface_keeps_prose_and_leaves_furniture)
{
	int views;

	text(TITLE_2021);
	text("本报告根据《中华人民共和国政府信息公开条例》编制。");
	views = text("浏览次数:");
	texts("本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。", "一、总体情况", "概述。", NULL);
	run_ok(NULL, "gov-2021");
	cr_expect_str_eq(part("preface"),
	    "本报告根据《中华人民共和国政府信息公开条例》编制。\n"
	    "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。");
	WARNED_AT(views, "left out", "浏览次数");
	in_no_part("浏览次数");
}

Test(import, closing_agency_and_date)
{
	int after;

	texts(TITLE_2021, "一、总体情况", "概述。", "六、其他需要报告的事项", "本年度未收取信息处理费。",
	    "某县某局", "2022年1月20日", NULL);
	after = text("打印本页");
	text("关闭窗口");
	run_ok(NULL, "gov-2021");
	cr_expect_str_eq(rep->date, "2022年1月20日");
	cr_expect_str_eq(rep->agency, "某县某局");
	cr_expect_str_eq(part("s6.body"), "本年度未收取信息处理费。");
	in_no_part("2022年1月20日");
	in_no_part("打印本页");
	WARNED_AT(after, "left out", "打印本页");
	cr_expect_lt(warning("left out", "某县某局", NULL), 0);
}

Test(import, closing_date_alone)
{
	texts(TITLE_2021, "一、总体情况", "概述。", "六、其他需要报告的事项", "本年度没有其他需要报告的事项。",
	    "2022-01-20", NULL);
	run_ok(NULL, "gov-2021");
	cr_expect_str_eq(rep->date, "2022-01-20");
	cr_expect_str_eq(rep->agency, "某县某局");
	cr_expect_str_eq(part("s6.body"), "本年度没有其他需要报告的事项。");
}

Test(import, closing_date_in_chinese_numerals)
{
	texts(TITLE_2021, "一、总体情况", "概述。", "六、其他需要报告的事项", "本年度没有其他需要报告的事项。",
	    "某县某局", "二〇二二年一月十四日", NULL);
	run_ok(NULL, "gov-2021");
	cr_expect_str_eq(rep->date, "二〇二二年一月十四日");
	cr_expect_str_eq(part("s6.body"), "本年度没有其他需要报告的事项。");
}

Test(import, a_date_in_the_body_is_text)
{
	texts(TITLE_2021, "一、总体情况", "2021年3月5日", "召开了工作会议。", NULL);
	for (int i = 0; i < 12; i++)
		text("持续推进政务公开工作。");
	run_ok(NULL, "gov-2021");
	cr_expect_str_eq(rep->date, "");
	cr_expect_not_null(strstr(part("s1.intro"), "2021年3月5日\n召开了工作会议。"));
}

Test(import, short_lines_after_the_end_are_left_out_without_a_date)
{
	texts(TITLE_2021, "一、总体情况", "概述。", "六、其他需要报告的事项", "本年度未收取信息处理费。", NULL);
	text("分享到：");
	text("【打印】");
	run_ok(NULL, "gov-2021");
	cr_expect_str_eq(rep->date, "");
	cr_expect_str_eq(part("s6.body"), "本年度未收取信息处理费。");
	in_no_part("分享到");
	in_no_part("【打印】");
	cr_expect_geq(warnings("left out"), 1);
}

/* ================================================================ textsrc_read */

static const struct src_item *
item(size_t i, enum src_kind kind)
{
	cr_assert_lt(i, doc.n, "item %zu exists (%zu items)", i, doc.n);
	cr_assert_eq(doc.v[i].kind, kind, "item %zu is a %s", i, kind == SRC_ROW ? "row" : "line");
	return &doc.v[i];
}

static void
line_is(size_t i, int no, const char *s)
{
	const struct src_item *it = item(i, SRC_LINE);

	cr_expect_str_eq(it->text, s, "item %zu", i);
	cr_expect_eq(it->line, no, "item %zu is at line %d (got %d)", i, no, it->line);
}

/* Item i is a row at line no whose cells are the strings up to NULL. */
static void
row_is(size_t i, int no, ...)
{
	const struct src_item *it = item(i, SRC_ROW);
	va_list ap;
	const char *s;
	size_t k = 0;

	cr_expect_eq(it->line, no, "row %zu is at line %d (got %d)", i, no, it->line);
	va_start(ap, no);
	while ((s = va_arg(ap, const char *)) != NULL) {
		if (k < it->ncells)
			cr_expect_str_eq(it->cells[k].text, s, "row %zu cell %zu", i, k);
		k++;
	}
	va_end(ap);
	cr_expect_eq(it->ncells, k, "row %zu has %zu cells (got %zu)", i, k, it->ncells);
}

Test(textsrc, plain_lines)
{
	read_text("标题\n\n  第一行  \n第二行\r\n");
	cr_assert_eq(doc.n, 3);
	line_is(0, 1, "标题");
	line_is(1, 3, "第一行");
	line_is(2, 4, "第二行");
}

Test(textsrc, tab_led_cells)
{
	read_text("说明\n"
	    "\t一、本年新收政府信息公开申请数量\n"	/* 2 */
	    "\t1\n"
	    "\t\n"				/* a tab alone: an empty cell */
	    "\t3\n"
	    "\n"				/* a blank line ends the row */
	    "\t二、上年\n"			/* 7 */
	    "结转政府信息公开申请数量\n"		/* no tab: it continues the cell */
	    "\t2\n"
	    "\t\n"
	    "\n"
	    "完\n");			/* 12 */
	cr_assert_eq(doc.n, 4);
	line_is(0, 1, "说明");
	row_is(1, 2, "一、本年新收政府信息公开申请数量", "1", "", "3", NULL);
	cr_expect_eq(doc.v[1].cells[1].line, 3);
	cr_expect_eq(doc.v[1].cells[2].line, 4);
	cr_expect_eq(doc.v[1].cells[3].line, 5);
	row_is(2, 7, "二、上年结转政府信息公开申请数量", "2", "", NULL);
	cr_expect_eq(doc.v[2].cells[0].line, 7);
	cr_expect_eq(doc.v[2].cells[1].line, 9);
	line_is(3, 12, "完");
	cr_expect_eq(doc.v[1].table, doc.v[2].table, "rows without text between: one table");
}

Test(textsrc, text_between_rows_starts_another_table)
{
	read_text("\t规章\n\t1\n\n说明\n\t行政许可\n\t2\n");
	cr_assert_eq(doc.n, 3);
	row_is(0, 1, "规章", "1", NULL);
	line_is(1, 4, "说明");
	row_is(2, 5, "行政许可", "2", NULL);
	cr_expect_neq(doc.v[0].table, doc.v[2].table);
	cr_expect_eq(doc.ntables, 2);
}

Test(textsrc, tab_separated_row_lines)
{
	read_text("a\tb\t\tc\n"
	    "规章\t1\t2\t3\t\n"		/* a trailing tab: an empty cell */
	    "\t行政许可\t5\n");		/* a leading tab before the first cell */
	cr_assert_eq(doc.n, 3);
	row_is(0, 1, "a", "b", "", "c", NULL);
	row_is(1, 2, "规章", "1", "2", "3", "", NULL);
	row_is(2, 3, "行政许可", "5", NULL);
	cr_expect_eq(doc.v[0].table, doc.v[2].table);
}

Test(textsrc, cells_trimmed)
{
	read_text("  规章 \t\u3000\u30001\u3000\t\u00a02 \n");
	cr_assert_eq(doc.n, 1);
	row_is(0, 1, "规章", "1", "2", NULL);
}

#define TOP "┌──────┬────┐\n"
#define MID "├──────┼────┤\n"
#define BOT "└──────┴────┘\n"

Test(textsrc, drawn_table)
{
	read_text("某县某局2021年政府信息公开工作年度报告\n"	/* 1 */
	    "\n"
	    "二、主动公开政府信息情况\n"			/* 3 */
	    TOP
	    "│规章  │1   │\n"				/* 5 */
	    MID
	    "│行政规│2   │\n"				/* 7 */
	    "│范性文│    │\n"
	    "│件    │    │\n"
	    MID
	    "│行政许│    │\n"				/* 11: an empty box */
	    "│可    │    │\n"
	    BOT
	    "三、收到和处理政府信息公开申请情况\n");	/* 14 */
	cr_assert_eq(doc.n, 6);
	line_is(0, 1, "某县某局2021年政府信息公开工作年度报告");
	line_is(1, 3, "二、主动公开政府信息情况");
	row_is(2, 5, "规章", "1", NULL);
	row_is(3, 7, "行政规范性文件", "2", NULL);
	row_is(4, 11, "行政许可", "", NULL);
	line_is(5, 14, "三、收到和处理政府信息公开申请情况");
	cr_expect_eq(doc.v[2].table, doc.v[4].table);
}

Test(textsrc, drawn_tables_are_separate)
{
	read_text("标题\n\n" TOP "│a     │1   │\n" BOT "\n" TOP "│b     │2   │\n" BOT);
	cr_assert_eq(doc.n, 3);
	row_is(1, 4, "a", "1", NULL);
	row_is(2, 8, "b", "2", NULL);
	cr_expect_neq(doc.v[1].table, doc.v[2].table);
}

Test(textsrc, wrapped_export_paragraphs_joined)
{
	read_text("某县某局2021年政府信息公开\n"
	    "工作年度报告\n"				/* a wrapped title */
	    "\n"
	    "一、总体情况\n"				/* 4 */
	    "\u3000\u3000本局认真贯彻落实条例，\n"		/* 5 */
	    "全年主动公开信息100条。\n"
	    "\u3000\u3000The report is written\n"	/* 7 */
	    "in English as well.\n"
	    "\u3000\u3000门户网站ABC\n"			/* 9 */
	    "DEF栏目。\n"
	    "\n"
	    TOP "│规章  │1   │\n" BOT);
	cr_assert_eq(doc.n, 6);
	line_is(0, 1, "某县某局2021年政府信息公开工作年度报告");
	line_is(1, 4, "一、总体情况");
	line_is(2, 5, "本局认真贯彻落实条例，全年主动公开信息100条。");
	line_is(3, 7, "The report is written in English as well.");
	line_is(4, 9, "门户网站ABC DEF栏目。");
	row_is(5, 13, "规章", "1", NULL);
}

Test(textsrc, indented_lines_are_plain_lines_without_a_drawn_table)
{
	read_text("\u3000\u3000第一段，\n接着写。\n");
	cr_assert_eq(doc.n, 2);
	line_is(0, 1, "第一段，");
	line_is(1, 2, "接着写。");
}

Test(textsrc, rows_continue_numbering_tables_of_the_document)
{
	srcdoc_row(&doc, 1, 0);
	srcdoc_cell(&doc, 1, "x", 1, -1, 1, 1);
	read_text("\t规章\n\t1\n");
	cr_assert_eq(doc.n, 2);
	cr_expect_eq(doc.v[1].table, 1, "a text read after a table starts a new one");
}

/* ---- textsrc_read into import_doc ---- */

Test(import, text_copy_with_tabs_and_lines)
{
	read_text(TITLE_2021 "\n"
	    "一、总体情况\n"
	    "本局认真贯彻落实条例。\n"
	    "二、主动公开政府信息情况\n"
	    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
	    "规章\t0\t0\t/\n"
	    "行政规范性文件\t3\t1\t12\n"
	    "三、收到和处理政府信息公开申请情况\n"
	    "\t一、本年新收政府信息公开申请数量\n\t1\n\t\n\t\n\t\n\t\n\t\n\t1\n\n"
	    "\t三、本年度办理结果\n\t（一）予以\n公开\n\t1\n\t\n\t\n\t\n\t\n\t\n\t1\n\n"
	    "四、政府信息公开行政复议、行政诉讼情况\n"
	    "行政复议\n行政诉讼\n结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n"
	    "0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n"
	    "五、存在的主要问题及改进情况\n"
	    "问题是人员不足。\n"
	    "六、其他需要报告的事项\n"
	    "无。\n"
	    "某县某局\n"
	    "2022年1月15日\n");
	run_ok(NULL, "gov-2021");
	cr_expect_str_eq(rep->agency, "某县某局");
	cr_expect_eq(rep->year, 2021);
	cr_expect_str_eq(rep->date, "2022年1月15日");
	num_is("t2.reg.made", 0);
	na_is("t2.reg.valid");
	num_is("t2.norm.valid", 12);
	num_is("t3.new.person", 1);
	blank_is("t3.new.biz");
	num_is("t3.new.total", 1);
	num_is("t3.open.person", 1);
	num_is("t3.open.total", 1);
	num_is("t4.cases.la_total", 0);
	cr_expect_str_eq(part("s1.intro"), "本局认真贯彻落实条例。");
	cr_expect_str_eq(part("s5.body"), "问题是人员不足。");
	cr_expect_str_eq(part("s6.body"), "无。");
	cr_expect_lt(warning("entries for its", NULL), 0);
	cr_expect_lt(warning("left out", NULL), 0);
}

/* ---- shapes of real pages: remarks, year-first titles, aliases, renumbered sections ---- */

Test(import, a_remark_after_a_number_is_left_out)
{
	int at;

	text(TITLE_2021);
	at = row(0, "行政规范性文件", "18（其中修订9件）", "1", "40(含自然失效12件)", NULL);
	run_ok(NULL, "gov-2021");
	num_is("t2.norm.made", 18);
	num_is("t2.norm.repealed", 1);
	num_is("t2.norm.valid", 40);
	WARNED_AT(at, "left out", "（其中修订9件）", "t2.norm.made");
	WARNED_AT(at, "left out", "(含自然失效12件)", "t2.norm.valid");
	cr_expect_lt(warning("not a number", NULL), 0);
}

Test(import, a_remark_without_a_number_is_refused)
{
	text(TITLE_2021);
	row(0, "行政规范性文件", "（其中修订9件）", "1", "2", NULL);
	run_ok(NULL, "gov-2021");
	blank_is("t2.norm.made");
	cr_expect_geq(warning("not a number", NULL), 0, "the cell is named as not a number");
}

Test(import, a_title_that_begins_with_the_year)
{
	text("2019年某某市人民政府办公厅政府信息公开工作年度报告");
	row(0, "规章", "1", "2", "3", NULL);
	run_ok(NULL, "gov-2019");
	cr_expect_str_eq(rep->agency, "某某市人民政府办公厅");
	cr_expect_eq(rep->year, 2019);
}

Test(import, an_alias_finds_its_row)
{
	text(TITLE_2021);
	row(0, "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", NULL);
	row(0, "规范性文件", "3", "1", "12", NULL);
	row3(1, NULL, NULL, "一、本年新收政府信息公开申请数量", 0);
	run_ok(NULL, "gov-2021");
	num_is("t2.norm.made", 3);
	num_is("t2.norm.valid", 12);
	cr_expect_lt(warning("行政规范性文件", NULL), 0, "the row is not reported missing");
}

Test(import, renumbered_sections_found_by_their_words)
{
	text(TITLE_2021);
	texts("一、总体情况", "总体。", "一、主动公开", "主动。", "一、主动公开政府信息情况", NULL);
	row(0, "规章", "1", "2", "3", NULL);
	texts("四、存在的主要问题及改进情况", "问题的文字。", "五、其他需要报告的事项", "其他事项的文字。", NULL);
	run_ok(NULL, "gov-2021");
	cr_expect_str_eq(part("s1.intro"), "总体。");
	cr_expect_str_eq(part("s1.active"), "主动。");
	cr_expect_str_eq(part("s5.body"), "问题的文字。");
	cr_expect_str_eq(part("s6.body"), "其他事项的文字。");
	num_is("t2.reg.made", 1);
}

Test(import, a_run_in_subheading_starts_its_part)
{
	text(TITLE_2021);
	texts("一、总体情况", "总体。", "（二）依申请公开方面。收到申请5件。", "（三）政府信息管理：加强管理。", NULL);
	run_ok(NULL, "gov-2021");
	cr_expect_str_eq(part("s1.intro"), "总体。");
	cr_expect_str_eq(part("s1.request"), "（二）依申请公开方面。收到申请5件。");
	cr_expect_str_eq(part("s1.manage"), "（三）政府信息管理：加强管理。");
}

Test(import, headings_inside_a_line_split_it)
{
	text(TITLE_2021);
	text("开篇说明。 一、总体情况 总体情况的文字。 五、存在的主要问题及改进情况 问题的文字。");
	text("六、其他需要报告的事项 其他的文字。");
	run_ok(NULL, "gov-2021");
	cr_expect_str_eq(part("preface"), "开篇说明。");
	cr_expect_str_eq(part("s1.intro"), "总体情况的文字。");
	cr_expect_str_eq(part("s5.body"), "问题的文字。");
	cr_expect_str_eq(part("s6.body"), "其他的文字。");
}
