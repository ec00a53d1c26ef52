/* t_template.c - the official formats as loaded from templates/, and the template loader. */
#include <config.h>

#include "testlib.h"

TL_TEMPLATES

TestSuite(official, .init = tl_setup, .fini = tl_teardown);

static const char *const titles[] = {
	NULL, "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
	"四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"
};

/* The label cell of a table row whose text is label, or NULL. */
static const struct tpl_gcell *
find_label(const struct template *t, const char *table, const char *label, int *row)
{
	const struct tpl_table *tb = &t->tables[template_table(t, table)];

	for (size_t r = 0; r < tb->nrows; r++)
		for (size_t c = 0; c < tb->rows[r].ncells; c++) {
			const struct tpl_gcell *g = &tb->rows[r].cells[c];

			if (g->label != NULL && strcmp(g->label, label) == 0) {
				if (row != NULL)
					*row = (int)r;
				return g;
			}
		}
	return NULL;
}

static size_t
values_in(const struct template *t, const char *table)
{
	size_t n = 0;
	int ti = template_table(t, table);

	for (size_t v = 0; v < t->nvalues; v++)
		n += t->values[v].table == ti;
	return n;
}

Test(official, six_sections_verbatim_in_both_formats)
{
	const char *ids[] = { "gov-2021", "gov-2019" };

	for (size_t i = 0; i < 2; i++) {
		const struct template *t = tl_template(ts, ids[i]);

		for (int s = 1; s <= TPL_SECTIONS; s++)
			cr_assert_str_eq(t->sections[s].title, titles[s], "%s section %d", ids[i], s);
	}
}

Test(official, years_choose_the_format)
{
	struct diag_list dl = DIAG_LIST_INIT;

	cr_assert_str_eq(tplset_default_for_year(ts, 2019, &dl), "gov-2019");
	cr_assert_str_eq(tplset_default_for_year(ts, 2020, &dl), "gov-2019");
	cr_assert_str_eq(tplset_default_for_year(ts, 2021, &dl), "gov-2021");
	cr_assert_str_eq(tplset_default_for_year(ts, 2025, &dl), "gov-2021");
	cr_assert_null(tplset_default_for_year(ts, 2018, &dl), "the 2018 format is not supported");
	cr_assert_eq(dl.n, 1);
	diag_list_free(&dl);
}

Test(official, section_one_offers_the_five_customary_parts)
{
	const char *want[] = { "（一）主动公开", "（二）依申请公开", "（三）政府信息管理",
		"（四）政府信息公开平台建设", "（五）监督保障" };
	const struct template *t = tl_template(ts, "gov-2021");
	size_t k = 0;

	for (size_t p = 0; p < t->nparts; p++)
		if (t->parts[p].section == 1 && *t->parts[p].title != '\0') {
			cr_assert_lt(k, 5);
			cr_assert_str_eq(t->parts[p].title, want[k], "part %zu of section 一", k);
			cr_assert_neq(*t->parts[p].guide, '\0', "part %s has guidance", t->parts[p].id);
			k++;
		}
	cr_assert_eq(k, 5);
	cr_assert_not_null(strstr(t->parts[template_part(t, "s6.body")].guide, "信息处理费"),
	    "section 六 guidance mentions 信息处理费");
}

Test(official, table_three_spans_22_rows_in_2021_and_20_in_2019)
{
	const struct template *t21 = tl_template(ts, "gov-2021"), *t19 = tl_template(ts, "gov-2019");
	const struct tpl_gcell *g21 = find_label(t21, "t3", "三、本年度办理结果", NULL);
	const struct tpl_gcell *g19 = find_label(t19, "t3", "三、本年度办理结果", NULL);

	cr_assert_not_null(g21);
	cr_assert_not_null(g19);
	cr_assert_eq(g21->rowspan, 22);
	cr_assert_eq(g19->rowspan, 20);
	cr_assert_eq(values_in(t21, "t3"), 175, "25 rows x 7 columns");
	cr_assert_eq(values_in(t19, "t3"), 161, "23 rows x 7 columns");
}

Test(official, value_cell_counts)
{
	const struct template *t21 = tl_template(ts, "gov-2021"), *t19 = tl_template(ts, "gov-2019");

	cr_assert_eq(values_in(t21, "t2"), 10);
	cr_assert_eq(values_in(t19, "t2"), 22, "FORMAT-SPEC 4.1: 6 + 12 + 2 + 2");
	cr_assert_eq(values_in(t21, "t4"), 15);
	cr_assert_eq(values_in(t19, "t4"), 15);
}

Test(official, labels_keep_their_punctuation)
{
	const struct template *t21 = tl_template(ts, "gov-2021"), *t19 = tl_template(ts, "gov-2019");

	cr_assert_not_null(find_label(t21, "t3", "3.危及“三安全一稳定”", NULL));
	cr_assert_not_null(find_label(t21, "t3", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", NULL));
	cr_assert_not_null(find_label(t21, "t3",
	    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", NULL));
	cr_assert_not_null(find_label(t21, "t3",
	    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", NULL));
	cr_assert_not_null(find_label(t19, "t2", "本年增/减", NULL));
	cr_assert_not_null(find_label(t19, "t2", "规范性文件", NULL));
	cr_assert_not_null(find_label(t21, "t2", "行政规范性文件", NULL));
	cr_assert_not_null(find_label(t21, "t2", "本年收费金额（单位：万元）", NULL));
	cr_assert_null(find_label(t21, "t2", "政府集中采购", NULL), "2021 dropped block （九）");
	cr_assert_not_null(find_label(t19, "t3", "（六）其他处理", NULL));
}

Test(official, cell_kinds)
{
	const struct template *t21 = tl_template(ts, "gov-2021"), *t19 = tl_template(ts, "gov-2019");
	const struct tpl_value *fee = &t21->values[tl_cell(t21, "t2.fee.amount")];
	const struct tpl_value *chg = &t19->values[tl_cell(t19, "t2.permit.change")];
	const struct tpl_value *buy = &t19->values[tl_cell(t19, "t2.purchase.amount")];

	cr_assert_eq(fee->kind.kind, KIND_MONEY);
	cr_assert_str_eq(fee->kind.unit, "万元");
	cr_assert_eq(chg->kind.kind, KIND_CHANGE);
	cr_assert_eq(buy->kind.kind, KIND_MONEY);
	cr_assert_null(buy->kind.unit, "2019 采购总金额 has no fixed unit");
	cr_assert_eq(t21->values[tl_cell(t21, "t3.next.total")].kind.kind, KIND_COUNT);
}

Test(official, row_and_column_labels_name_the_cell)
{
	const struct template *t = tl_template(ts, "gov-2021");
	const struct tpl_value *v = &t->values[tl_cell(t, "t3.deny3.biz")];
	const struct tpl_value *w = &t->values[tl_cell(t, "t4.cases.la_total")];
	const struct tpl_value *p = &t->values[tl_cell(t, "t2.penalty.decisions")];

	cr_assert_str_eq(v->row_label, "三、本年度办理结果／（三）不予公开／3.危及“三安全一稳定”");
	cr_assert_str_eq(v->col_label, "申请人情况／法人或其他组织／商业企业");
	cr_assert_str_eq(w->row_label, "");
	cr_assert_str_eq(w->col_label, "行政诉讼／复议后起诉／总计");
	cr_assert_str_eq(p->row_label, "行政处罚");
	cr_assert_str_eq(p->col_label, "本年处理决定数量");
}

Test(official, cell_ids_are_stable)
{
	const struct template *t = tl_template(ts, "gov-2021");
	const char *ids[] = { "t2.reg.made", "t2.norm.valid", "t2.permit.decisions", "t2.fee.amount",
		"t3.new.person", "t3.carried.misc", "t3.other3.law", "t3.total.total", "t3.next.ngo",
		"t4.cases.rv_keep", "t4.cases.ld_pending", "t4.cases.la_total" };

	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
		cr_assert_geq(template_value(t, ids[i]), 0, "cell %s", ids[i]);
	cr_assert_lt(template_value(t, "t3.other.person"), 0, "2021 has no single （六） row");
}

/* ---- the loader on templates written here --------------------------------- */

#define HEAD "[template]\nid = mini\nname = 测试格式\ntitle = %{agency}\nyears = 2030-\n" \
	"[section 1]\ntitle = 一\n[section 2]\ntitle = 二\n[section 3]\ntitle = 三\n" \
	"[section 4]\ntitle = 四\n[section 5]\ntitle = 五\n[section 6]\ntitle = 六\n"
#define TABLE "[table t9]\nsection = 2\ncolumns = 3\n[columns t9.c]\ncol = a count 1\ncol = b count 1\n" \
	"[row t9.h]\ntype = header\nlabel = 1 项目\nlabel = 1 甲\nlabel = 1 乙\n" \
	"[row t9.x]\nlabel = 1 某项\nvalues = t9.c\n[row t9.y]\nlabel = 1 合计\nvalues = t9.c\n"

static struct template *
load(const char *text, struct diag_list *dl)
{
	return tplset_load_mem("mini.ini", text, strlen(text), dl);
}

Test(loader, a_new_revision_needs_only_a_template_file)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct template *t = load(HEAD TABLE "[rule R1]\nseverity = error\nforeach = $c in a b\n"
	    "check = t9.y.$c = t9.x.$c\nderive = t9.y.$c\nmessage = %{coltail}合计不对\n", &dl);
	struct report *r;
	struct checker *ck;
	char buf[32];

	diag_print(&dl, stderr);
	cr_assert_not_null(t);
	r = report_create(t);
	ck = checker_create(r, NULL);
	tl_set(ck, r, "t9.x.a", "7");
	cr_assert_str_eq(tl_get(r, "t9.y.a", buf, sizeof buf), "7", "the derived cell follows");
	r->auto_totals = false;
	tl_set(ck, r, "t9.y.b", "3");
	cr_assert_eq(tl_failures(ck, "R1"), 1);
	checker_free(ck);
	report_free(r);
	tplset_template_free(t);
}

struct bad_case {
	const char	*text;
	const char	*message;	/* part of the expected message */
	int		 line;		/* expected line, 0 for none */
};

Test(loader, malformed_templates_name_the_line)
{
	static const struct bad_case cases[] = {
		{ HEAD TABLE "[row t9.z]\nlabel = 1 多\nlabel = 1 余\n", "fills 2 of the table's 3", 35 },
		{ HEAD TABLE "[row t9.z]\nlabel = 5 太宽\n", "does not fit", 35 },
		{ HEAD TABLE "[row t9.z]\nlabel = x 坏\n", "expected \"label = SPAN TEXT\"", 36 },
		{ HEAD TABLE "[row t9.z]\nlabel = 1 行\nvalues = nope\n", "unknown column set", 35 },
		{ HEAD TABLE "[rule R]\ncheck = t9.y.a = t9.q.a\nmessage = m\n", "unknown cell \"t9.q.a\"", 35 },
		{ HEAD TABLE "[rule R]\ncheck = t9.y.a t9.x.a\nmessage = m\n", "expected \"=\"", 35 },
		{ HEAD TABLE "[rule R]\ncheck = t9.y.a = t9.x.a\nderive = t9.x.b\nmessage = m\n",
		    "must appear once in check", 35 },
		{ HEAD TABLE "[rule R]\ncheck = t9.y.a = t9.x.a\nderive = t9.y.a\nmessage = m\n"
		    "[rule Q]\ncheck = t9.x.a = t9.y.a\nderive = t9.x.a\nmessage = m\n", "cycle", 39 },
		{ HEAD TABLE "[rule R]\ncheck = t9.y.a = 0\nmessage = m\n[rule R]\n", "appears twice", 38 },
		{ HEAD TABLE "[rule R]\ndomain = count cats\nmessage = m\n", "unknown kind \"cats\"", 35 },
		{ HEAD TABLE "[rule R]\nforeach = $c in a b\ncheck = t9.y.$d = 0\nmessage = m\n",
		    "unbound variable $d", 35 },
		{ HEAD TABLE "[rule R]\ncheck = t9.y.a = 0\n", "has no message", 35 },
		{ HEAD TABLE "[table t9]\n", "appears twice", 35 },
		{ HEAD "[section 1]\nguide+ = 续\n", "appears twice", 18 },
		{ HEAD "[part p]\nsection = 1\nguide+ = 续\n", "\"guide+\" must follow", 20 },
		{ HEAD "[part p]\nsection = 9\n", "section must be 0 to 6", 19 },
		{ HEAD "[template]\n", "appears twice", 18 },
		{ HEAD "[widget w]\n", "unknown section [widget w]", 18 },
		{ HEAD "[part p]\ncolour = red\n", "unknown key \"colour\"", 19 },
		{ "[template]\nid = x\n", "needs id, name, title and years", 0 },
		{ HEAD "[part p]\nsection = 1\ntitle = " "一二三四五六七八九十一二三四五六七八九十"
		    "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
		    "一二三四五六七八九十\n", "line is too long", 20 },
		{ HEAD "[part p]\nsection = 1\ntitle = \xB2\xE2\xCA\xD4\n", "not valid UTF-8", 20 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct diag_list dl = DIAG_LIST_INIT;
		struct template *t = load(cases[i].text, &dl);
		bool found = false;

		cr_assert_null(t, "case %zu must be refused", i);
		for (size_t k = 0; k < dl.n; k++)
			if (strstr(dl.v[k].msg, cases[i].message) != NULL &&
			    (cases[i].line == 0 || dl.v[k].line == cases[i].line))
				found = true;
		if (!found)
			diag_print(&dl, stderr);
		cr_assert(found, "case %zu: want \"%s\" at line %d", i, cases[i].message, cases[i].line);
		diag_list_free(&dl);
	}
}

Test(loader, problems_of_the_review_sections_are_listed_top_to_bottom)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct template *t = load(HEAD TABLE "[review settings]\nshade = blue\n"
	    "[fact f]\nname = 某数\nvalue = t9.x.a\npattern = 某数{n}件\ncolour = red\n", &dl);

	cr_assert_null(t);
	diag_print(&dl, stderr);
	cr_assert_eq(dl.n, 2);
	cr_expect_eq(dl.v[0].line, 35, "the [review] section's first, as in the file");
	cr_expect_not_null(strstr(dl.v[0].msg, "[review]"), "%s", dl.v[0].msg);
	cr_expect_eq(dl.v[1].line, 37);
	cr_expect_not_null(strstr(dl.v[1].msg, "[fact]"), "%s", dl.v[1].msg);
	diag_list_free(&dl);
}

Test(loader, unknown_template_lists_the_known_ones)
{
	struct diag_list dl = DIAG_LIST_INIT;

	cr_assert_null(tplset_get(ts, "gov-1999", &dl));
	cr_assert_eq(dl.n, 1);
	cr_assert_not_null(strstr(dl.v[0].msg, "gov-2019, gov-2021"), "%s", dl.v[0].msg);
	diag_list_free(&dl);
}

TestSuite(loader, .init = tl_setup, .fini = tl_teardown);
