/* t_review.c - the review of the words: numbers read as Chinese reports write
 * them, facts against the tables, what the statute requires, last year's copy
 * and the hygiene of the text. */
#include <config.h>

#include "core/cnnum.h"
#include "core/lastcopy.h"
#include "core/review.h"
#include "testlib.h"

TL_TEMPLATES

TestSuite(cnnum);
TestSuite(review, .init = tl_setup, .fini = tl_teardown);

/* The number at the start of s, in whole units; -1 when none; *used the bytes read. */
static long long
num(const char *s, size_t *used)
{
	int64_t v;
	int flags;
	size_t k = cnnum_read(s, strlen(s), &v, &flags);

	if (used != NULL)
		*used = k;
	return k == 0 ? -1 : (long long)(v / 1000000);
}

Test(cnnum, ascii_and_full_width_digits)
{
	size_t used;

	cr_expect_eq(num("25件", &used), 25);
	cr_expect_eq(used, 2);
	cr_expect_eq(num("２５件", &used), 25);
	cr_expect_eq(used, 6, "two full-width digits are six bytes");
	cr_expect_eq(num("1,126条", NULL), 1126);
	cr_expect_eq(num("件", NULL), -1);
}

Test(cnnum, decimals_in_fixed_point)
{
	int64_t v;
	int flags;

	cr_assert_eq(cnnum_read("41.26万元", strlen("41.26万元"), &v, &flags), 5);
	cr_expect_eq(v, 41260000);
	cr_expect_eq(flags, CNNUM_ASCII);
}

Test(cnnum, chinese_numerals)
{
	cr_expect_eq(num("十二件", NULL), 12);
	cr_expect_eq(num("一百零五件", NULL), 105);
	cr_expect_eq(num("两件", NULL), 2);
	cr_expect_eq(num("零件", NULL), 0);
	cr_expect_eq(num("二十件", NULL), 20);
	cr_expect_eq(num("三千四百五十六", NULL), 3456);
	cr_expect_eq(num("一万二千", NULL), 12000);
	cr_expect_eq(num("十万", NULL), 100000);
	cr_expect_eq(num("二〇二五年", NULL), 2025, "a year written digit by digit");
}

Test(cnnum, mixed_widths_are_flagged)
{
	int64_t v;
	int flags;

	cnnum_read("2０25", strlen("2０25"), &v, &flags);
	cr_expect_eq(flags, CNNUM_ASCII | CNNUM_WIDE);
	cr_expect_eq(v, 2025000000);
}

static void
say(struct report *r, const char *part, const char *text)
{
	char *err = NULL;

	cr_assert_eq(report_set_text(r, template_part(r->tpl, part), text, &err), 0);
}

/* How many findings of rule (a prefix: "hygiene.") the review of r gives. */
static size_t
count(const struct report *r, const struct report *prev, const char *rule)
{
	struct review_list l = REVIEW_LIST_INIT;
	size_t n = 0;

	review_report(r, prev, -1, &l);
	for (size_t i = 0; i < l.n; i++)
		n += strncmp(l.v[i].rule, rule, strlen(rule)) == 0;
	review_list_free(&l);
	return n;
}

/* The first finding of rule in part, copied into *f (message freed); false if none. */
static bool
first(const struct report *r, const char *rule, struct review_finding *f, char *msg, size_t n)
{
	struct review_list l = REVIEW_LIST_INIT;
	bool found = false;

	review_report(r, NULL, -1, &l);
	for (size_t i = 0; i < l.n && !found; i++)
		if (strcmp(l.v[i].rule, rule) == 0) {
			*f = l.v[i];
			snprintf(msg, n, "%s", l.v[i].message);
			found = true;
		}
	review_list_free(&l);
	return found;
}

Test(review, a_wrong_number_is_found_with_both_numbers_and_the_sentence)
{
	struct report *r = tl_bureau(ts);
	struct review_finding f = { 0 };
	char msg[1024];
	const char *text = "全年新收政府信息公开申请25件，比上年增加3件。";

	say(r, "s1.request", text);
	cr_assert(first(r, "fact.new", &f, msg, sizeof msg));
	cr_expect_eq(f.table, 21000000);
	cr_expect_eq(f.text, 25000000);
	cr_expect_eq(f.part, template_part(r->tpl, "s1.request"));
	cr_expect_eq(strncmp(text + f.start, "25件", 2), 0, "the finding points at the number");
	cr_expect_neq(strstr(msg, "25"), NULL, "%s", msg);
	cr_expect_neq(strstr(msg, "21"), NULL, "%s", msg);
	cr_expect_neq(strstr(msg, "全年新收政府信息公开申请25件"), NULL, "the sentence is quoted: %s", msg);
	report_free(r);
}

Test(review, right_numbers_in_any_writing_pass)
{
	struct report *r = tl_bureau(ts);

	say(r, "s1.request", "全年新收政府信息公开申请21件。全年新收政府信息公开申请二十一件。"
	    "新收申请２１件，上年结转3件，办结20件，结转下年度继续办理4件。被申请行政复议两件。");
	cr_expect_eq(count(r, NULL, "fact."), 0);
	report_free(r);
}

Test(review, chinese_numerals_that_disagree_are_found)
{
	struct report *r = tl_bureau(ts);

	say(r, "s1.request", "本年度共办结十二件。");
	cr_expect_eq(count(r, NULL, "fact.done"), 1);
	report_free(r);
}

Test(review, ambiguous_phrasings_accept_either_reading)
{
	struct report *r = tl_bureau(ts);

	say(r, "s1.request", "全年受理政府信息公开申请21件。");
	cr_expect_eq(count(r, NULL, "fact.accepted"), 0, "new requests only");
	say(r, "s1.request", "全年受理政府信息公开申请24件。");
	cr_expect_eq(count(r, NULL, "fact.accepted"), 0, "new plus carried over");
	say(r, "s1.request", "全年受理政府信息公开申请30件。");
	cr_expect_eq(count(r, NULL, "fact.accepted"), 1, "neither");
	report_free(r);
}

Test(review, numbers_about_other_things_never_match)
{
	struct report *r = tl_bureau(ts);

	say(r, "s1.request", "全年新收申请中涉及《条例》第十三条的有5件，主动公开信息1126条，"
	    "依据国办发〔2019〕14号文件，2025年新收申请的办理全部按时完成。");
	cr_expect_eq(count(r, NULL, "fact."), 0);
	report_free(r);
}

Test(review, blank_tables_are_not_contradicted)
{
	struct report *r = report_create(tl_template(ts, "gov-2021"));

	r->year = 2025;
	say(r, "s1.request", "全年新收政府信息公开申请25件。");
	cr_expect_eq(count(r, NULL, "fact."), 0);
	report_free(r);
}

Test(review, each_section_of_a_new_report_is_empty_the_opening_may_be)
{
	struct report *r = report_create(tl_template(ts, "gov-2021"));

	cr_expect_eq(count(r, NULL, "require.nonempty"), 3, "sections one, five and six");
	say(r, "s1.oversight", "加强培训。");
	cr_expect_eq(count(r, NULL, "require.nonempty"), 2, "a section written under its own headings is written");
	report_free(r);
}

Test(review, section_five_is_more_than_none)
{
	struct report *r = tl_bureau(ts);

	say(r, "s5.body", "无。");
	cr_expect_eq(count(r, NULL, "require.s5-content"), 1);
	say(r, "s5.body", "无障碍环境建设有待加强。");
	cr_expect_eq(count(r, NULL, "require.s5-content"), 0);
	report_free(r);
}

Test(review, a_government_states_assessment_results_a_bureau_need_not)
{
	struct report *r = tl_bureau(ts);
	char *err = NULL;

	say(r, "s1.oversight", "加强培训。");
	cr_expect_eq(count(r, NULL, "require.assessment"), 0, "a bureau");
	cr_assert_eq(report_set_agency(r, "示例县人民政府", &err), 0);
	cr_expect_eq(count(r, NULL, "require.assessment"), 1, "a government, guessed from the name");
	say(r, "s1.oversight", "本年度开展工作考核、社会评议，未发生责任追究情况。");
	cr_expect_eq(count(r, NULL, "require.assessment"), 0);
	cr_assert_eq(report_set_kind(r, "部门", &err), 0);
	say(r, "s1.oversight", "加强培训。");
	cr_expect_eq(count(r, NULL, "require.assessment"), 0, "the recorded kind wins over the name");
	report_free(r);
}

Test(review, section_six_speaks_of_fees_and_does_not_deny_them_against_the_table)
{
	struct report *r = tl_bureau(ts);
	struct checker *ck;

	say(r, "s6.body", "本年度承办建议6件。");
	cr_expect_eq(count(r, NULL, "require.fee"), 1);
	say(r, "s6.body", "本年度未收取信息处理费。");
	cr_expect_eq(count(r, NULL, "require.fee"), 0);
	cr_expect_eq(count(r, NULL, "require.fee-none"), 0);
	ck = checker_create(r, NULL);
	tl_set(ck, r, "t3.other2.person", "1");
	checker_free(ck);
	cr_expect_eq(count(r, NULL, "require.fee-none"), 1);
	report_free(r);
}

Test(review, sentences_that_contradict_the_tables)
{
	struct report *r = tl_bureau(ts);

	say(r, "s1.request", "申请均已办结。本年度未发生行政复议。全年未收到政府信息公开申请。");
	cr_expect_eq(count(r, NULL, "require.all-done"), 1, "4 carried over to next year");
	cr_expect_eq(count(r, NULL, "require.no-review"), 1, "2 reconsiderations");
	cr_expect_eq(count(r, NULL, "require.no-request"), 1, "21 new requests");
	cr_expect_eq(count(r, NULL, "require.no-lawsuit"), 0);
	report_free(r);
}

Test(review, hygiene_finds_each_slip)
{
	struct report *r = tl_bureau(ts);

	say(r, "s1.active", "我们的的工作。进一步进一步加强。2025年年初启动。");
	cr_expect_eq(count(r, NULL, "hygiene.doubled"), 3);
	say(r, "s1.active", "加上上年结转的申请，层层落实，一一对应。");
	cr_expect_eq(count(r, NULL, "hygiene.doubled"), 0, "doubles the language means");
	say(r, "s1.active", "公开信息,共计多条;全部(含解读)公开。");
	cr_expect_eq(count(r, NULL, "hygiene.halfwidth"), 1, "one finding per part, with the count");
	say(r, "s1.active", "根据《条例规定，开展“公开日活动。");
	cr_expect_eq(count(r, NULL, "hygiene.unbalanced"), 2);
	say(r, "s1.active", "政府 信息公开。");
	cr_expect_eq(count(r, NULL, "hygiene.space"), 1);
	say(r, "s1.active", "全年公开信息1１26条。");
	cr_expect_eq(count(r, NULL, "hygiene.digits"), 1);
	report_free(r);
}

Test(review, hygiene_leaves_addresses_and_document_numbers_alone)
{
	struct report *r = tl_bureau(ts);

	say(r, "s1.active", "详见http://www.example.gov.cn/a,b;c:d?e!f(g)，邮箱gk@example.gov.cn，"
	    "依据国办发〔２０19〕14号文件，全年公开（含解读）《条例》“规定”【专栏】1126条。");
	cr_expect_eq(count(r, NULL, "hygiene."), 0);
	report_free(r);
}

Test(review, similarity_of_chinese_text_by_bigrams)
{
	cr_expect_eq(lastcopy_similarity("全年主动公开政府信息", "全年主动公开政府信息"), 100);
	cr_expect_eq(lastcopy_similarity("全年主动公开政府信息", "依申请办理情况良好"), 0);
	cr_expect_lt(lastcopy_similarity("全年主动公开政府信息一千条", "全年主动公开政府信息"), 100);
}

Test(review, last_years_copy_is_found_with_the_longest_passage)
{
	struct report *r = tl_bureau(ts), *prev = tl_bureau(ts);
	const char *old = "围绕耕地保护、国土空间规划、不动产登记等重点工作，扎实推进政府信息公开，以公开促落实、促规范、促服务。";

	prev->year = 2024;
	say(prev, "s1.platform", old);
	say(r, "s1.platform", old);
	cr_expect_eq(count(r, prev, "copy"), 1);
	say(r, "s1.platform", "本年度新建政务公开专区两个，在乡镇便民服务中心设置查阅点，群众查阅更方便。");
	cr_expect_eq(count(r, prev, "copy"), 0);
	report_free(prev);
	report_free(r);
}

Test(review, last_year_named_on_purpose_is_not_stale)
{
	struct report *r = tl_bureau(ts);

	say(r, "s5.body", "2024年度报告中提出的问题已整改到位。");
	cr_expect_eq(count(r, NULL, "stale-year"), 0);
	say(r, "s5.body", "2024年，本局主动公开信息800条。");
	cr_expect_eq(count(r, NULL, "stale-year"), 1);
	report_free(r);
}

Test(review, the_demo_reports_have_nothing_to_say)
{
	struct report *a = tl_load_example(ts, "demo-2025.nb"), *b = tl_load_example(ts, "demo-2020.nb");

	cr_expect_eq(count(a, NULL, ""), 0);
	cr_expect_eq(count(b, NULL, ""), 0);
	report_free(a);
	report_free(b);
}

Test(review, an_acknowledged_finding_is_kept_in_the_file_and_reopens_when_its_sentence_changes)
{
	struct report *r = tl_bureau(ts), *back;
	struct review_list l = REVIEW_LIST_INIT, acked = REVIEW_LIST_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	char *dir = tl_make_dir("t_review"), *path = xasprintf("%s/ack.nb", dir), *err = NULL;

	say(r, "s1.request", "全年新收政府信息公开申请25件（含补正后重新提交的4件）。");
	review_report(r, NULL, -1, &l);
	cr_assert_eq(l.n, count(r, NULL, ""));
	for (size_t i = 0; i < l.n; i++)
		if (strcmp(l.v[i].rule, "fact.new") == 0)
			cr_assert_eq(review_ack(r, &l.v[i], "口径含补正后重新提交的申请", &err), 0);
	cr_expect_neq(review_ack(r, &l.v[0], "", &err), 0, "a reason is needed");
	free(err);
	review_list_free(&l);
	cr_assert_eq(store_save(r, path, STORE_CREATE, NULL, &err), 0, "%s", err);
	back = store_read(path, ts, NULL, &dl);
	cr_assert_not_null(back);
	review_report(back, NULL, -1, &l);
	review_split_acked(back, &l, &acked);
	cr_expect_eq(count(back, NULL, "fact.new"), 1, "still a finding of the review");
	cr_assert_eq(acked.n, 1, "acknowledged after a save and a read");
	cr_expect_str_eq(acked.v[0].rule, "fact.new");
	cr_expect_str_eq(acked.v[0].reason, "口径含补正后重新提交的申请");
	for (size_t i = 0; i < l.n; i++)
		cr_expect_str_neq(l.v[i].rule, "fact.new", "not among the open ones");
	review_list_free(&l);
	review_list_free(&acked);
	say(back, "s1.request", "全年新收政府信息公开申请25件。");
	review_report(back, NULL, -1, &l);
	review_split_acked(back, &l, &acked);
	cr_expect_eq(acked.n, 0, "editing the sentence reopens it");
	review_list_free(&l);
	review_list_free(&acked);
	report_free(back);
	report_free(r);
	diag_list_free(&dl);
	free(path);
	tl_remove_dir(dir);
}

/* "比上年增加7件" after a fact's number is checked against last year's report
 * of the same format: right changes pass, wrong ones are found with the three
 * numbers, and without last year's report nothing can be said. */
Test(review, a_change_on_last_year_is_checked_against_last_years_report)
{
	struct report *r = tl_bureau(ts), *prev = tl_bureau(ts);
	struct checker *ck = checker_create(prev, NULL);
	struct review_finding f = { 0 };
	struct review_list l = REVIEW_LIST_INIT;

	tl_set(ck, prev, "t3.new.person", "18");	/* last year 18, this year 21: up 3 */
	checker_recompute(ck);
	checker_free(ck);
	say(r, "s1.request", "全年新收政府信息公开申请21件，比上年增加3件。");
	cr_expect_eq(count(r, prev, "change."), 0, "the right rise");
	say(r, "s1.request", "全年新收政府信息公开申请21件，较上年增加三件。");
	cr_expect_eq(count(r, prev, "change."), 0, "the right rise, in Chinese numerals");
	say(r, "s1.request", "全年新收政府信息公开申请21件，比上年增加5件。");
	cr_expect_eq(count(r, prev, "change.new"), 1, "a wrong rise");
	cr_expect_eq(count(r, NULL, "change."), 0, "without last year's report it is not assessable");
	say(r, "s1.request", "全年新收政府信息公开申请21件，比上年减少3件。");
	cr_expect_eq(count(r, prev, "change.new"), 1, "a fall where the tables rose");
	review_report(r, prev, -1, &l);
	for (size_t i = 0; i < l.n; i++)
		if (strcmp(l.v[i].rule, "change.new") == 0)
			f = l.v[i];
	cr_expect_neq(strstr(f.message, "21"), NULL, "%s", f.message);
	cr_expect_neq(strstr(f.message, "18"), NULL, "last year's value is given: %s", f.message);
	cr_expect_eq(strncmp(r->texts[template_part(r->tpl, "s1.request")] + f.start, "3件", 1), 0,
	    "the finding points at the number of the change");
	review_list_free(&l);
	say(r, "s1.request", "全年新收政府信息公开申请21件。比上年增加5件的是另一件事。");
	cr_expect_eq(count(r, prev, "change."), 0, "a change in the next sentence is about something else");
	report_free(r);
	report_free(prev);
}
