/* t_create.c - a new report, the one way `new`, `import`, `merge` and the editor's form make one. */
#include "nb.h"

#include <time.h>

#include "core/create.h"
#include "testlib.h"

TL_TEMPLATES

TestSuite(create, .init = tl_setup, .fini = tl_teardown);

/* Make a report of spec; it must succeed, with n warnings in *dl. */
static struct report *
made(const struct create_spec *spec, struct diag_list *dl, size_t n)
{
	struct report *r = create_report(ts, spec, dl);

	diag_print(dl, stderr);
	cr_assert_not_null(r, "the report is made");
	cr_assert_eq(dl->n, n, "%zu warnings, not %zu", dl->n, n);
	return r;
}

/* Make a report of spec; it must be refused, with msg the last reason. */
static void
refused(const struct create_spec *spec, const char *file, const char *msg)
{
	struct diag_list dl = DIAG_LIST_INIT;

	cr_assert_null(create_report(ts, spec, &dl), "refused: %s", msg);
	cr_assert_gt(dl.n, 0, "with a reason");
	cr_assert_str_eq(dl.v[dl.n - 1].msg, msg);
	if (file != NULL)
		cr_assert_str_eq(dl.v[dl.n - 1].file, file, "the reason names the source");
	diag_list_free(&dl);
}

Test(create, the_format_follows_the_year)
{
	struct create_spec spec = { .year = 2020 };
	struct diag_list dl = DIAG_LIST_INIT;
	struct report *r = made(&spec, &dl, 0);

	cr_assert_str_eq(r->tpl->id, "gov-2019");
	cr_assert_eq(r->year, 2020);
	report_free(r);
	spec.year = 2025;
	r = made(&spec, &dl, 0);
	cr_assert_str_eq(r->tpl->id, "gov-2021");
	report_free(r);
	diag_list_free(&dl);
}

Test(create, a_format_not_for_the_year_is_made_with_a_warning)
{
	struct create_spec spec = { .year = 2025, .format = "2019", .name = "page.html" };
	struct diag_list dl = DIAG_LIST_INIT;
	struct report *r = made(&spec, &dl, 1);

	cr_assert_str_eq(r->tpl->id, "gov-2019", "a year names the format gov-YEAR");
	cr_assert_eq(r->year, 2025, "the year asked for is kept");
	cr_assert_str_eq(dl.v[0].msg, "warning: the gov-2019 format is not the one for 2025 reports");
	cr_assert_str_eq(dl.v[0].file, "page.html");
	report_free(r);
	diag_list_free(&dl);
}

Test(create, unknown_formats_and_years_without_one_are_refused)
{
	struct create_spec spec = { .year = 2025, .format = "2017" };
	struct diag_list dl = DIAG_LIST_INIT;

	cr_assert_null(create_report(ts, &spec, &dl));
	cr_assert_gt(dl.n, 0);
	cr_assert(strstr(dl.v[0].msg, "unknown template \"gov-2017\"") != NULL, "%s", dl.v[0].msg);
	diag_list_free(&dl);
	spec.format = NULL;
	spec.year = 2018;
	refused(&spec, NULL, "no template covers the year 2018");
}

Test(create, an_agency_that_is_not_utf8_is_refused)
{
	struct create_spec spec = { .year = 2025, .agency = "\xB2\xE2", .name = "src.txt" };

	refused(&spec, "src.txt", "agency: the text is not valid UTF-8");
	spec.agency = NULL;
	spec.pref_agency = "\xB2\xE2";
	refused(&spec, "src.txt", "agency: the text is not valid UTF-8");
	spec.pref_agency = NULL;
	spec.contact = "\xB2\xE2";
	refused(&spec, "src.txt", "contact: the text is not valid UTF-8");
}

Test(create, defaults_come_from_last_year_then_the_preferences)
{
	struct create_spec spec = { .pref_agency = "偏好局", .contact = "电话 1", .auto_totals = true };
	struct diag_list dl = DIAG_LIST_INIT;
	struct report *r = made(&spec, &dl, 0), *last;
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	cr_assert_eq(r->year, tm.tm_year + 1900 - 1, "last calendar year");
	cr_assert_eq(create_default_year(NULL), r->year);
	cr_assert_str_eq(r->agency, "偏好局");
	cr_assert_str_eq(r->contact, "电话 1");
	cr_assert(r->auto_totals);
	cr_assert_str_eq(r->previous, "");
	last = r;
	report_set_agency(last, "上年局", NULL);
	report_set_contact(last, "上年电话", NULL);
	last->year = 2024;
	spec.last = last;
	spec.last_path = "/nonexistent/dir/last.nb";
	spec.file = "/nonexistent/dir/this.nb";
	r = made(&spec, &dl, 0);
	cr_assert_eq(r->year, 2025, "the year after last year's");
	cr_assert_str_eq(r->agency, "上年局", "last year's agency before the preference");
	cr_assert_str_eq(r->contact, "上年电话", "last year's contact");
	cr_assert_str_eq(r->previous, "last.nb", "last year's report named beside this one");
	report_free(r);
	spec.agency = "指定局";
	r = made(&spec, &dl, 0);
	cr_assert_str_eq(r->agency, "指定局", "an agency given wins");
	report_free(r);
	report_free(last);
	diag_list_free(&dl);
}

Test(create, last_years_cells_carry_over_and_totals_are_computed)
{
	struct create_spec spec = { .year = 2025, .auto_totals = true, .keep_text = true,
	    .last_path = "/a/last.nb", .file = "/b/this.nb" };
	struct diag_list dl = DIAG_LIST_INIT;
	struct report *last = report_create(tl_template(ts, "gov-2021")), *r;
	struct checker *ck = checker_create(last, NULL);
	int intro = template_part(last->tpl, "s1.intro"), s5 = template_part(last->tpl, "s5.body");
	char buf[32];

	last->year = 2024;
	tl_set(ck, last, "t3.next.person", "3");
	tl_set(ck, last, "t3.next.biz", "4");
	checker_free(ck);
	report_set_text(last, intro, "去年的概述", NULL);
	report_set_text(last, s5, "去年的问题", NULL);
	spec.last = last;
	r = made(&spec, &dl, 0);
	cr_assert_str_eq(tl_get(r, "t3.carried.person", buf, sizeof buf), "3", "carried over");
	cr_assert_str_eq(tl_get(r, "t3.carried.biz", buf, sizeof buf), "4", "carried over");
	cr_assert_str_eq(tl_get(r, "t3.carried.total", buf, sizeof buf), "7", "and its total computed");
	cr_assert_str_eq(r->texts[intro], "去年的概述", "section 1 kept as a draft");
	cr_assert_str_eq(r->texts[s5], "", "other sections are not");
	cr_assert_str_eq(r->previous, "/a/last.nb", "not beside: the path it was read from");
	report_free(r);
	spec.keep_text = false;
	spec.auto_totals = false;
	r = made(&spec, &dl, 0);
	cr_assert_str_eq(r->texts[intro], "", "section 1 not kept unless asked");
	report_free(r);
	report_free(last);
	diag_list_free(&dl);
}

Test(create, a_given_template_and_date_as_import_and_merge_give_them)
{
	struct create_spec spec = { .tpl = tl_template(ts, "gov-2019"), .year = 2020,
	    .agency = "某局", .date = "2021年1月20日" };
	struct diag_list dl = DIAG_LIST_INIT;
	struct report *r = made(&spec, &dl, 0);

	cr_assert_eq(r->tpl, spec.tpl);
	cr_assert_str_eq(r->date, "2021年1月20日");
	cr_assert_not(r->auto_totals, "totals kept as given");
	report_free(r);
	diag_list_free(&dl);
}

Test(create, a_format_is_named_by_its_id_or_its_year)
{
	char *id = create_format_id("2021");

	cr_assert_str_eq(id, "gov-2021");
	free(id);
	id = create_format_id("gov-2019");
	cr_assert_str_eq(id, "gov-2019");
	free(id);
	cr_assert_str_eq(create_default_agency(NULL, NULL), "");
}
