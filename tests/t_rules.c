/* t_rules.c - the rules engine: every rule of both formats, auto totals, incremental evaluation. */
#include "nb.h"

#include <stdint.h>
#include <stdio.h>

#include "testlib.h"

#define U(x) ((int64_t)(x) * 1000000)	/* whole numbers in finding units (10^-6) */

/* One report (and optionally last year's) under a checker. */
struct fx {
	struct tplset		*ts;
	const struct template	*t;
	struct report		*r, *prev;
	struct checker		*ck;
};

static void
fx_open(struct fx *f, const char *tpl, bool auto_totals, const char *prev_tpl)
{
	memset(f, 0, sizeof *f);
	f->ts = tl_templates();
	f->t = tl_template(f->ts, tpl);
	f->r = report_create(f->t);
	f->r->auto_totals = auto_totals;
	if (prev_tpl != NULL)
		f->prev = report_create(tl_template(f->ts, prev_tpl));
	f->ck = checker_create(f->r, f->prev);
	checker_recompute(f->ck);
}

static void
fx_close(struct fx *f)
{
	checker_free(f->ck);
	report_free(f->r);
	report_free(f->prev);
	tplset_free(f->ts);
}

/* Store text in a cell of r directly (last year's report, or behind the checker's back). */
static void
put(struct report *r, const char *id, const char *text)
{
	int c = tl_cell(r->tpl, id);
	char *err = NULL;

	cr_assert_eq(value_parse(text, &r->tpl->values[c].kind, r->tpl->units, r->tpl->nunits,
	    &r->cells[c], &err), 0, "%s = %s: %s", id, text, err != NULL ? err : "");
}

static const char *
get(const struct fx *f, const char *id)
{
	static char buf[64];

	return tl_get(f->r, id, buf, sizeof buf);
}

/* The instance of rule whose fix cell (or domain cell) is cell, whatever its status. */
static size_t
inst_of(const struct fx *f, const char *rule, const char *cell)
{
	int c = tl_cell(f->t, cell);

	for (size_t i = 0; i < checker_instances(f->ck); i++) {
		struct finding fd;

		checker_finding(f->ck, i, &fd);
		if (strcmp(fd.rule, rule) == 0 && (fd.fix == c || (fd.domain && fd.cells[0] == c)))
			return i;
	}
	cr_assert_fail("%s has no instance of %s for %s", f->t->id, rule, cell);
	return 0;
}

static enum finding_status
st(const struct fx *f, const char *rule, const char *cell)
{
	return checker_status(f->ck, inst_of(f, rule, cell));
}

/* rule fails at cell with these sides and fix value (all in 10^-6 units); returns the instance. */
static size_t
expect_fail(const struct fx *f, const char *rule, const char *cell, int64_t lhs, int64_t rhs,
    int64_t expected)
{
	struct finding fd;
	long i = tl_find(f->ck, f->r, rule, cell, &fd);

	cr_assert_geq(i, 0, "%s must fail at %s", rule, cell);
	cr_assert_eq(fd.warning, rule[0] == 'X', "%s: error for S/I rules, warning for X rules", rule);
	cr_assert_eq(fd.lhs, lhs, "%s at %s: left side %lld, want %lld", rule, cell, (long long)fd.lhs,
	    (long long)lhs);
	cr_assert_eq(fd.rhs, rhs, "%s at %s: right side %lld, want %lld", rule, cell, (long long)fd.rhs,
	    (long long)rhs);
	if (fd.domain) {
		cr_assert_eq(fd.fix, -1, "%s: a domain rule proposes no fix", rule);
		return (size_t)i;
	}
	cr_assert_eq(fd.fix, tl_cell(f->t, cell), "%s: the cell to fix is %s", rule, cell);
	cr_assert_eq(fd.expected, expected, "%s at %s: expected %lld, want %lld", rule, cell,
	    (long long)fd.expected, (long long)expected);
	return (size_t)i;
}

static void
expect_status(const struct fx *f, const char *rule, const char *cell, enum finding_status want)
{
	static const char *name[] = { "not assessable", "pass", "fail" };
	enum finding_status got = st(f, rule, cell);

	cr_assert_eq(got, want, "%s %s at %s: %s, want %s", f->t->id, rule, cell, name[got], name[want]);
}

static void
expect_in(const char *msg, const char *part)
{
	cr_assert_not_null(strstr(msg, part), "message must contain \"%s\": %s", part, msg);
}

static const char *TPLS[] = { "gov-2021", "gov-2019" };

/* ---- 1. every rule, passing and failing -------------------------------- */

Test(rule_s1, new_plus_carried_equals_total_plus_next)
{
	for (int k = 0; k < 2; k++) {
		struct fx f;

		fx_open(&f, TPLS[k], false, NULL);
		tl_set(f.ck, f.r, "t3.new.person", "10");
		tl_set(f.ck, f.r, "t3.carried.person", "2");
		tl_set(f.ck, f.r, "t3.total.person", "9");
		tl_set(f.ck, f.r, "t3.next.person", "1");
		expect_fail(&f, "S1", "t3.next.person", U(12), U(10), U(3));
		cr_assert_eq(tl_failures(f.ck, "S1"), 1, "%s: only the person column fails S1", TPLS[k]);
		tl_set(f.ck, f.r, "t3.next.person", "3");
		expect_status(&f, "S1", "t3.next.person", FINDING_PASS);
		/* The 总计 column is checked on its own. */
		tl_set(f.ck, f.r, "t3.new.total", "4");
		tl_set(f.ck, f.r, "t3.next.total", "5");
		expect_fail(&f, "S1", "t3.next.total", U(4), U(5), U(4));
		fx_close(&f);
	}
}

Test(rule_i1, row_total_is_the_sum_of_the_six_applicant_columns)
{
	const char *row[] = { "t3.open", "t3.other" };

	for (int k = 0; k < 2; k++) {
		char p[32], b[32], m[32], tot[32];
		struct fx f;

		snprintf(p, sizeof p, "%s.person", row[k]);
		snprintf(b, sizeof b, "%s.biz", row[k]);
		snprintf(m, sizeof m, "%s.misc", row[k]);
		snprintf(tot, sizeof tot, "%s.total", row[k]);
		fx_open(&f, TPLS[k], false, NULL);
		tl_set(f.ck, f.r, p, "3");
		tl_set(f.ck, f.r, b, "2");
		tl_set(f.ck, f.r, tot, "6");
		expect_fail(&f, "I1", tot, U(6), U(5), U(5));
		tl_set(f.ck, f.r, m, "1");
		expect_status(&f, "I1", tot, FINDING_PASS);
		fx_close(&f);
	}
}

Test(rule_i2, column_total_is_the_sum_of_the_result_rows)
{
	const char *last[] = { "t3.other3.sci", "t3.other.sci" };

	for (int k = 0; k < 2; k++) {
		struct fx f;

		fx_open(&f, TPLS[k], false, NULL);
		tl_set(f.ck, f.r, "t3.open.sci", "1");
		tl_set(f.ck, f.r, "t3.deny3.sci", "2");
		tl_set(f.ck, f.r, last[k], "4");
		tl_set(f.ck, f.r, "t3.total.sci", "6");
		expect_fail(&f, "I2", "t3.total.sci", U(6), U(7), U(7));
		tl_set(f.ck, f.r, "t3.total.sci", "7");
		expect_status(&f, "I2", "t3.total.sci", FINDING_PASS);
		/* rows 一, 二 and 四 are not results */
		tl_set(f.ck, f.r, "t3.new.sci", "100");
		tl_set(f.ck, f.r, "t3.carried.sci", "100");
		tl_set(f.ck, f.r, "t3.next.sci", "100");
		expect_status(&f, "I2", "t3.total.sci", FINDING_PASS);
		fx_close(&f);
	}
}

Test(rule_i2, every_result_row_counts_once_in_2021)
{
	const char *rows[] = { "open", "partial", "deny1", "deny2", "deny3", "deny4", "deny5", "deny6",
	    "deny7", "deny8", "none1", "none2", "none3", "skip1", "skip2", "skip3", "skip4", "skip5",
	    "other1", "other2", "other3" };
	struct fx f;
	char id[32];

	fx_open(&f, "gov-2021", false, NULL);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		snprintf(id, sizeof id, "t3.%s.ngo", rows[i]);
		tl_set(f.ck, f.r, id, "1");
	}
	tl_set(f.ck, f.r, "t3.total.ngo", "21");
	expect_status(&f, "I2", "t3.total.ngo", FINDING_PASS);
	tl_set(f.ck, f.r, "t3.other2.ngo", "2");
	expect_fail(&f, "I2", "t3.total.ngo", U(21), U(22), U(22));
	fx_close(&f);
}

Test(rule_i3, each_group_total_is_its_four_results)
{
	const char *g[] = { "rv", "ld", "la" };

	for (int k = 0; k < 2; k++)
		for (int j = 0; j < 3; j++) {
			const char *col[] = { "keep", "fix", "other", "pending" };
			char id[40], tot[40];
			struct fx f;

			fx_open(&f, TPLS[k], false, NULL);
			for (int c = 0; c < 4; c++) {
				char n[4];

				snprintf(id, sizeof id, "t4.cases.%s_%s", g[j], col[c]);
				snprintf(n, sizeof n, "%d", c + 1);
				tl_set(f.ck, f.r, id, n);
			}
			snprintf(tot, sizeof tot, "t4.cases.%s_total", g[j]);
			tl_set(f.ck, f.r, tot, "11");
			expect_fail(&f, "I3", tot, U(11), U(10), U(10));
			cr_assert_eq(tl_failures(f.ck, NULL), 1, "groups are not added across: only %s fails", tot);
			tl_set(f.ck, f.r, tot, "10");
			expect_status(&f, "I3", tot, FINDING_PASS);
			cr_assert_eq(checker_errors(f.ck), 0, "no error left");
			fx_close(&f);
		}
}

Test(rule_i4, negative_count_fails_and_is_refused)
{
	for (int k = 0; k < 2; k++) {
		struct fx f;
		struct value v;
		char *err = NULL, *msg;
		size_t i;
		int c;

		fx_open(&f, TPLS[k], false, NULL);
		c = tl_cell(f.t, "t3.open.person");
		expect_status(&f, "I4", "t3.open.person", FINDING_NOT_ASSESSABLE);
		tl_set(f.ck, f.r, "t3.open.person", "0");
		expect_status(&f, "I4", "t3.open.person", FINDING_PASS);
		cr_assert_eq(value_parse("-3", &f.t->values[c].kind, NULL, 0, &v, &err), 0, "-3 parses");
		cr_assert_eq(checker_validate(f.ck, c, &v, &err), -1, "a negative count is refused");
		checker_set(f.ck, c, &v, NULL);
		i = expect_fail(&f, "I4", "t3.open.person", U(-3), 0, 0);
		cr_assert_geq(checker_errors(f.ck), 1, "I4 is an error");
		msg = checker_message(f.ck, i);
		cr_assert_str_eq(err, msg, "checker_validate refuses with the I4 message");
		expect_in(msg, "-3");
		expect_in(msg, "自然人");
		expect_in(msg, "予以公开");
		free(msg);
		free(err);
		tl_set(f.ck, f.r, "t3.open.person", "/");
		expect_status(&f, "I4", "t3.open.person", FINDING_PASS);
		tl_set(f.ck, f.r, "t4.cases.la_pending", "-1");
		expect_fail(&f, "I4", "t4.cases.la_pending", U(-1), 0, 0);
		tl_set(f.ck, f.r, "t2.reg.made", "-2");
		expect_fail(&f, "I4", "t2.reg.made", U(-2), 0, 0);
		fx_close(&f);
	}
}

Test(rule_i4, negative_money_fails)
{
	struct fx f;
	size_t i;
	char *msg;

	fx_open(&f, "gov-2021", false, NULL);
	tl_set(f.ck, f.r, "t2.fee.amount", "1.5");
	expect_status(&f, "I4", "t2.fee.amount", FINDING_PASS);
	tl_set(f.ck, f.r, "t2.fee.amount", "-1.5");
	i = expect_fail(&f, "I4", "t2.fee.amount", -1500000, 0, 0);
	msg = checker_message(f.ck, i);
	expect_in(msg, "-1.5");
	expect_in(msg, "行政事业性收费");
	free(msg);
	fx_close(&f);
}

Test(rule_i4, signed_change_may_be_negative)
{
	struct fx f;
	struct value v;
	char *err = NULL;
	int c;

	fx_open(&f, "gov-2019", false, NULL);
	c = tl_cell(f.t, "t2.permit.change");
	cr_assert_eq(value_parse("减3", &f.t->values[c].kind, NULL, 0, &v, &err), 0, "减3 parses");
	cr_assert_eq(checker_validate(f.ck, c, &v, &err), 0, "a negative 本年增/减 is accepted: %s",
	    err != NULL ? err : "");
	checker_set(f.ck, c, &v, NULL);
	cr_assert_eq(checker_errors(f.ck), 0, "and breaks no rule");
	fx_close(&f);
}

Test(rule_x1, carried_over_matches_last_years_next)
{
	const char *prevs[][2] = { { "gov-2021", "gov-2021" }, { "gov-2021", "gov-2019" },
	    { "gov-2019", "gov-2019" } };

	for (int k = 0; k < 3; k++) {
		struct fx f;

		fx_open(&f, prevs[k][0], false, prevs[k][1]);
		expect_status(&f, "X1", "t3.carried.person", FINDING_NOT_ASSESSABLE);
		put(f.prev, "t3.next.person", "4");
		tl_set(f.ck, f.r, "t3.carried.person", "3");
		checker_run(f.ck);
		expect_fail(&f, "X1", "t3.carried.person", U(3), U(4), U(4));
		cr_assert_eq(checker_warnings(f.ck), 1, "X1 is a warning");
		tl_set(f.ck, f.r, "t3.carried.person", "4");
		expect_status(&f, "X1", "t3.carried.person", FINDING_PASS);
		cr_assert_eq(checker_warnings(f.ck), 0, "no warning left");
		fx_close(&f);
	}
}

Test(rule_x1, not_assessable_without_previous_report)
{
	for (int k = 0; k < 2; k++) {
		struct fx f;

		fx_open(&f, TPLS[k], false, NULL);
		tl_set(f.ck, f.r, "t3.carried.person", "3");
		expect_status(&f, "X1", "t3.carried.person", FINDING_NOT_ASSESSABLE);
		cr_assert_eq(checker_warnings(f.ck), 0, "no warning without last year's report");
		fx_close(&f);
	}
}

Test(rule_x2, documents_in_force_follow_last_year)
{
	struct fx f;

	fx_open(&f, "gov-2021", false, "gov-2021");
	put(f.prev, "t2.reg.valid", "100");
	checker_run(f.ck);
	tl_set(f.ck, f.r, "t2.reg.made", "5");
	tl_set(f.ck, f.r, "t2.reg.repealed", "2");
	tl_set(f.ck, f.r, "t2.reg.valid", "100");
	expect_fail(&f, "X2", "t2.reg.valid", U(100), U(103), U(103));
	expect_status(&f, "X2", "t2.norm.valid", FINDING_NOT_ASSESSABLE);
	tl_set(f.ck, f.r, "t2.reg.valid", "103");
	expect_status(&f, "X2", "t2.reg.valid", FINDING_PASS);
	put(f.prev, "t2.norm.valid", "7");
	tl_set(f.ck, f.r, "t2.norm.repealed", "1");
	checker_run(f.ck);
	/* this year's 现行有效件数 and 制发件数 still blank: nothing to compare yet */
	expect_status(&f, "X2", "t2.norm.valid", FINDING_NOT_ASSESSABLE);
	tl_set(f.ck, f.r, "t2.norm.made", "0");
	tl_set(f.ck, f.r, "t2.norm.valid", "0");
	expect_fail(&f, "X2", "t2.norm.valid", 0, U(6), U(6));
	cr_assert_eq(checker_errors(f.ck), 0, "X2 gives warnings only");
	cr_assert_eq(checker_warnings(f.ck), 1, "one warning");
	fx_close(&f);
}

Test(rule_x2, not_assessable_without_previous_report)
{
	struct fx f;

	fx_open(&f, "gov-2021", false, NULL);
	tl_set(f.ck, f.r, "t2.reg.made", "5");
	tl_set(f.ck, f.r, "t2.reg.valid", "100");
	expect_status(&f, "X2", "t2.reg.valid", FINDING_NOT_ASSESSABLE);
	fx_close(&f);
}

/*
 * The first 2021 report is checked against a 2020 report in the 2019 format,
 * which has no 现行有效件数: X2 cannot be assessed, it must not warn that 120
 * documents in force should be 0 + 5 - 1.
 */
Test(rule_x2, not_assessable_against_a_2019_format_report)
{
	struct fx f;

	fx_open(&f, "gov-2021", false, "gov-2019");
	put(f.prev, "t2.reg.total", "120");
	checker_run(f.ck);
	tl_set(f.ck, f.r, "t2.reg.made", "5");
	tl_set(f.ck, f.r, "t2.reg.repealed", "1");
	tl_set(f.ck, f.r, "t2.reg.valid", "120");
	cr_expect_eq(st(&f, "X2", "t2.reg.valid"), FINDING_NOT_ASSESSABLE,
	    "X2 cannot be assessed against a report without 现行有效件数");
	cr_expect_eq(checker_warnings(f.ck), 0, "no spurious cross-year warning");
	fx_close(&f);
}

Test(rule_x3, items_follow_last_years_items_plus_change)
{
	struct fx f;
	char *msg;
	size_t i;

	fx_open(&f, "gov-2019", false, "gov-2019");
	put(f.prev, "t2.permit.prev_items", "10");
	put(f.prev, "t2.permit.change", "减2");
	put(f.prev, "t2.fee.prev_items", "3");
	put(f.prev, "t2.fee.change", "增1");
	checker_run(f.ck);
	tl_set(f.ck, f.r, "t2.permit.prev_items", "9");
	expect_fail(&f, "X3", "t2.permit.prev_items", U(9), U(8), U(8));
	tl_set(f.ck, f.r, "t2.permit.prev_items", "8");
	expect_status(&f, "X3", "t2.permit.prev_items", FINDING_PASS);
	/* this year's change does not enter this year's check */
	tl_set(f.ck, f.r, "t2.permit.change", "+100");
	expect_status(&f, "X3", "t2.permit.prev_items", FINDING_PASS);
	tl_set(f.ck, f.r, "t2.fee.prev_items", "3");
	i = expect_fail(&f, "X3", "t2.fee.prev_items", U(3), U(4), U(4));
	msg = checker_message(f.ck, i);
	expect_in(msg, "行政事业性收费");
	expect_in(msg, "(3)");
	expect_in(msg, "(4)");
	free(msg);
	cr_assert_eq(checker_errors(f.ck), 0, "X3 gives warnings only");
	fx_close(&f);
}

Test(rule_x3, not_assessable_without_previous_report)
{
	struct fx f;

	fx_open(&f, "gov-2019", false, NULL);
	tl_set(f.ck, f.r, "t2.service.prev_items", "9");
	expect_status(&f, "X3", "t2.service.prev_items", FINDING_NOT_ASSESSABLE);
	fx_close(&f);
}

/* ---- 2. auto totals ------------------------------------------------------ */

Test(auto_totals, typing_fills_totals_and_s1_follows)
{
	struct fx f;
	const int *changed;
	struct value five = { VALUE_NUMBER, 5, 0, "" };
	size_t n;

	fx_open(&f, "gov-2021", true, NULL);
	{
		struct report *fresh = report_create(f.t);

		cr_assert(fresh->auto_totals, "a new report has auto totals on");
		report_free(fresh);
	}
	n = checker_set(f.ck, tl_cell(f.t, "t3.new.person"), &five, &changed);
	cr_assert_eq(n, 2, "t3.new.person and t3.new.total changed");
	cr_assert_eq(changed[0], tl_cell(f.t, "t3.new.person"), "the typed cell first");
	cr_assert_eq(changed[1], tl_cell(f.t, "t3.new.total"), "then its row total");
	cr_assert_str_eq(get(&f, "t3.new.total"), "5", "row total computed");
	expect_fail(&f, "S1", "t3.next.person", U(5), 0, U(5));
	expect_fail(&f, "S1", "t3.next.total", U(5), 0, U(5));
	cr_assert_str_eq(get(&f, "t3.total.person"), "", "（七）总计 stays blank: no result typed");
	cr_assert_str_eq(get(&f, "t3.total.total"), "", "blank");

	tl_set(f.ck, f.r, "t3.open.person", "5");
	cr_assert_str_eq(get(&f, "t3.open.total"), "5", "row total of （一）");
	cr_assert_str_eq(get(&f, "t3.total.person"), "5", "column total （七）");
	cr_assert_str_eq(get(&f, "t3.total.total"), "5", "grand total");
	cr_assert_str_eq(get(&f, "t3.next.person"), "", "四、结转下年度 is not computed");
	expect_status(&f, "S1", "t3.next.person", FINDING_PASS);	/* 5 + 0 = 5 + 0 */
	expect_status(&f, "S1", "t3.next.total", FINDING_PASS);
	cr_assert_eq(checker_errors(f.ck), 0, "the report is consistent");
	fx_close(&f);
}

Test(auto_totals, blank_rows_stay_blank_and_all_blank_rules_are_not_assessable)
{
	struct fx f;

	fx_open(&f, "gov-2021", true, NULL);
	for (size_t i = 0; i < checker_instances(f.ck); i++)
		cr_assert_eq(checker_status(f.ck, i), FINDING_NOT_ASSESSABLE,
		    "instance %zu of an empty report is not assessable", i);
	tl_set(f.ck, f.r, "t3.new.person", "5");
	cr_assert_str_eq(get(&f, "t3.carried.total"), "", "a blank row's total stays blank, not 0");
	cr_assert_str_eq(get(&f, "t3.partial.total"), "", "blank");
	cr_assert_str_eq(get(&f, "t3.total.biz"), "", "a blank column's total stays blank");
	cr_assert_str_eq(get(&f, "t4.cases.rv_total"), "", "blank");
	expect_status(&f, "I1", "t3.carried.total", FINDING_NOT_ASSESSABLE);
	expect_status(&f, "I2", "t3.total.biz", FINDING_NOT_ASSESSABLE);
	expect_status(&f, "S1", "t3.next.biz", FINDING_NOT_ASSESSABLE);
	expect_status(&f, "I3", "t4.cases.rv_total", FINDING_NOT_ASSESSABLE);
	expect_status(&f, "I1", "t3.new.total", FINDING_PASS);
	tl_set(f.ck, f.r, "t3.new.biz", "0");
	cr_assert_str_eq(get(&f, "t3.new.total"), "5", "0 adds nothing");
	tl_set(f.ck, f.r, "t3.carried.sci", "0");
	cr_assert_str_eq(get(&f, "t3.carried.total"), "0", "a typed 0 gives a total of 0");
	tl_set(f.ck, f.r, "t3.carried.sci", "");
	cr_assert_str_eq(get(&f, "t3.carried.total"), "", "clearing the input blanks the total again");
	tl_set(f.ck, f.r, "t4.cases.ld_keep", "/");
	cr_assert_str_eq(get(&f, "t4.cases.ld_total"), "/", "only / typed: the total is / too");
	tl_set(f.ck, f.r, "t4.cases.ld_fix", "2");
	cr_assert_str_eq(get(&f, "t4.cases.ld_total"), "2", "/ counts as 0 beside a number");
	fx_close(&f);
}

Test(auto_totals, derived_cells_refused_while_on)
{
	const char *derived[] = { "t3.new.total", "t3.total.person", "t3.total.total", "t3.next.total",
	    "t4.cases.rv_total", "t4.cases.ld_total", "t4.cases.la_total" };
	const char *typed[] = { "t3.new.person", "t3.next.person", "t3.carried.misc", "t4.cases.rv_keep",
	    "t2.reg.valid" };
	struct value one = { VALUE_NUMBER, 1, 0, "" };
	struct fx f;

	fx_open(&f, "gov-2021", true, NULL);
	for (size_t i = 0; i < sizeof derived / sizeof derived[0]; i++) {
		int c = tl_cell(f.t, derived[i]);
		char *err = NULL;

		cr_assert(checker_is_derived(f.ck, c), "%s is computed", derived[i]);
		cr_assert_eq(checker_validate(f.ck, c, &one, &err), -1, "typing into %s is refused", derived[i]);
		/* the officer reads labels, not ids */
		expect_in(err, f.t->values[c].col_label);
		expect_in(err, "auto totals");
		free(err);
	}
	for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		int c = tl_cell(f.t, typed[i]);
		char *err = NULL;

		cr_assert_not(checker_is_derived(f.ck, c), "%s is typed", typed[i]);
		cr_assert_eq(checker_validate(f.ck, c, &one, &err), 0, "%s accepts 1: %s", typed[i],
		    err != NULL ? err : "");
	}
	f.r->auto_totals = false;
	for (size_t i = 0; i < sizeof derived / sizeof derived[0]; i++) {
		int c = tl_cell(f.t, derived[i]);
		char *err = NULL;

		cr_assert_not(checker_is_derived(f.ck, c), "%s is typed with auto totals off", derived[i]);
		cr_assert_eq(checker_validate(f.ck, c, &one, &err), 0, "%s accepts 1 when off", derived[i]);
	}
	fx_close(&f);
}

Test(auto_totals, off_computes_nothing_and_checks_typed_totals)
{
	struct fx f;

	fx_open(&f, "gov-2019", false, NULL);
	tl_set(f.ck, f.r, "t3.new.person", "5");
	tl_set(f.ck, f.r, "t3.open.person", "5");
	cr_assert_str_eq(get(&f, "t3.new.total"), "", "nothing computed");
	cr_assert_str_eq(get(&f, "t3.total.person"), "", "nothing computed");
	expect_fail(&f, "I1", "t3.new.total", 0, U(5), U(5));
	expect_fail(&f, "I2", "t3.total.person", 0, U(5), U(5));
	tl_set(f.ck, f.r, "t3.new.total", "7");
	expect_fail(&f, "I1", "t3.new.total", U(7), U(5), U(5));
	tl_set(f.ck, f.r, "t3.new.total", "5");
	expect_status(&f, "I1", "t3.new.total", FINDING_PASS);
	/* turning auto totals on recomputes the typed totals */
	tl_set(f.ck, f.r, "t3.open.total", "9");
	checker_set_auto_totals(f.ck, true);	/* as ^T and `set auto_totals=yes` do */
	cr_assert(f.r->auto_totals);
	cr_assert_str_eq(get(&f, "t3.open.total"), "5", "recomputed from its row");
	cr_assert_str_eq(get(&f, "t3.total.person"), "5", "recomputed from its column");
	cr_assert_str_eq(get(&f, "t3.total.total"), "5", "grand total");
	cr_assert_eq(checker_errors(f.ck), 0, "consistent after recompute");
	cr_assert(checker_is_derived(f.ck, tl_cell(f.t, "t3.open.total")));
	/* and off again: the computed totals stay, and may be typed over */
	checker_set_auto_totals(f.ck, false);
	cr_assert_not(f.r->auto_totals);
	cr_assert_not(checker_is_derived(f.ck, tl_cell(f.t, "t3.open.total")));
	cr_assert_str_eq(get(&f, "t3.open.total"), "5", "kept as it was");
	cr_assert_eq(checker_errors(f.ck), 0);
	fx_close(&f);
}

/* The largest all-nines count value_parse accepts, as text. */
static void
largest_count(const struct template *t, char *out, size_t n)
{
	const struct cell_kind k = { KIND_COUNT, NULL };

	for (size_t len = n - 1; len > 0; len--) {
		struct value v;
		char *err = NULL;

		memset(out, '9', len);
		out[len] = '\0';
		if (value_parse(out, &k, t->units, t->nunits, &v, &err) == 0)
			return;
		free(err);
	}
	cr_assert_fail("no count accepted");
}

Test(auto_totals, largest_accepted_counts_add_up_exactly)
{
	const char *cols[] = { "person", "biz", "sci", "ngo", "law", "misc" };
	char big[20], id[32], want[32];
	struct fx f;
	long long x;

	fx_open(&f, "gov-2021", true, NULL);
	largest_count(f.t, big, sizeof big);
	x = atoll(big);
	for (int c = 0; c < 6; c++) {
		snprintf(id, sizeof id, "t3.new.%s", cols[c]);
		tl_set(f.ck, f.r, id, big);
	}
	snprintf(want, sizeof want, "%lld", 6 * x);
	cr_expect_str_eq(get(&f, "t3.new.total"), want, "six cells of %s add up to %s, not %s", big, want,
	    get(&f, "t3.new.total"));
	cr_expect_eq(st(&f, "I1", "t3.new.total"), FINDING_PASS, "and I1 passes");
	fx_close(&f);
}

/* ---- 3. the planted errors ----------------------------------------------- */

static void
fill_planted(struct fx *f)
{
	const char *cells[][2] = {
		{ "t3.new.person", "90" }, { "t3.carried.person", "8" }, { "t3.open.person", "60" },
		{ "t3.partial.person", "20" }, { "t3.deny1.person", "13" }, { "t3.total.person", "95" },
		{ "t3.next.person", "5" },
		{ "t3.new.total", "90" }, { "t3.carried.total", "8" }, { "t3.open.total", "60" },
		{ "t3.partial.total", "20" }, { "t3.deny1.total", "13" }, { "t3.total.total", "93" },
		{ "t3.next.total", "5" },
		{ "t4.cases.rv_keep", "1" }, { "t4.cases.rv_total", "1" },
		{ "t4.cases.ld_keep", "2" }, { "t4.cases.ld_fix", "3" }, { "t4.cases.ld_total", "6" },
	};

	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
		tl_set(f->ck, f->r, cells[i][0], cells[i][1]);
}

Test(planted, person_total_95_and_direct_suit_total_6)
{
	struct fx f;
	size_t i2, i3;
	char *m;

	fx_open(&f, "gov-2021", false, NULL);
	fill_planted(&f);
	/* （七）总计 of 自然人 is 95 but its result rows add up to 60 + 20 + 13 = 93. */
	i2 = expect_fail(&f, "I2", "t3.total.person", U(95), U(93), U(93));
	/* 未经复议直接起诉 总计 is 6 but 2 + 3 = 5. */
	i3 = expect_fail(&f, "I3", "t4.cases.ld_total", U(6), U(5), U(5));
	/* The same 95 also breaks its row (93 ≠ 95) and the person column's S1 (90 + 8 ≠ 95 + 5). */
	expect_fail(&f, "I1", "t3.total.total", U(93), U(95), U(95));
	expect_fail(&f, "S1", "t3.next.person", U(98), U(100), U(3));
	cr_assert_eq(tl_failures(f.ck, "I2"), 1, "one I2 failure");
	cr_assert_eq(tl_failures(f.ck, "I3"), 1, "one I3 failure");
	cr_assert_eq(tl_failures(f.ck, "I1"), 1, "one I1 failure");
	cr_assert_eq(tl_failures(f.ck, "S1"), 1, "one S1 failure");
	cr_assert_eq(tl_failures(f.ck, NULL), 4, "nothing else fails");
	cr_assert_eq(checker_errors(f.ck), 4, "four errors");
	cr_assert_eq(checker_warnings(f.ck), 0, "no warnings");

	m = checker_message(f.ck, i2);
	expect_in(m, "自然人");
	expect_in(m, "（七）总计");
	expect_in(m, "(95)");
	expect_in(m, "(93)");
	expect_in(m, "should be 93");
	free(m);
	m = checker_message(f.ck, i3);
	expect_in(m, "未经复议直接起诉");
	expect_in(m, "总计");
	expect_in(m, "(6)");
	expect_in(m, "(5)");
	expect_in(m, "should be 5");
	free(m);

	tl_set(f.ck, f.r, "t3.total.person", "93");
	tl_set(f.ck, f.r, "t4.cases.ld_total", "5");
	cr_assert_eq(checker_errors(f.ck), 0, "fixing the two typos clears every error");
	fx_close(&f);
}

Test(planted, auto_totals_on_computes_the_right_totals)
{
	struct fx f;

	fx_open(&f, "gov-2021", false, NULL);
	fill_planted(&f);
	f.r->auto_totals = true;
	checker_recompute(f.ck);
	cr_assert_str_eq(get(&f, "t3.total.person"), "93", "the engine's total");
	cr_assert_str_eq(get(&f, "t4.cases.ld_total"), "5", "the engine's total");
	cr_assert_eq(checker_errors(f.ck), 0, "no error once totals are computed");
	fx_close(&f);
}

/* ---- 4. incremental evaluation equals a full run -------------------------- */

static uint32_t
rnd(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(*s >> 33);
}

static struct value
random_value(uint64_t *s, const struct cell_kind *k)
{
	struct value v = { VALUE_NUMBER, 0, 0, "" };
	uint32_t x = rnd(s) % 100;

	if (x < 10)
		v.state = VALUE_BLANK;
	else if (x < 15)
		v.state = VALUE_NA;
	else if (x < 20)
		v.num = -(int64_t)(1 + rnd(s) % 3);
	else
		v.num = rnd(s) % 6;
	if (v.state == VALUE_NUMBER && k->kind == KIND_MONEY) {
		v.scale = (uint8_t)(rnd(s) % 3);
		v.num = v.num * 100 + rnd(s) % 100;
	}
	return v;
}

/* A cell to edit: often the fix of a failed rule (to reach passes), else any typed cell. */
static int
random_cell(uint64_t *s, const struct checker *ck, const struct report *r, struct value *v)
{
	size_t ni = checker_instances(ck);
	int c;

	if (rnd(s) % 4 == 0)
		for (int tries = 0; tries < 20; tries++) {
			size_t i = rnd(s) % ni;
			struct finding f;

			if (checker_status(ck, i) != FINDING_FAIL)
				continue;
			checker_finding(ck, i, &f);
			if (f.fix < 0 || checker_is_derived(ck, f.fix))
				continue;
			*v = value_from_fixed(f.expected, &r->tpl->values[f.fix].kind);
			return f.fix;
		}
	do
		c = (int)(rnd(s) % r->tpl->nvalues);
	while (checker_is_derived(ck, c));
	*v = random_value(s, &r->tpl->values[c].kind);
	return c;
}

static void
same_as_fresh(const struct checker *ck, const struct report *r, const struct report *prev, int step)
{
	const struct template *t = r->tpl;
	struct report *copy = report_create(t);
	struct checker *fresh;
	size_t nerr = 0, nwarn = 0;

	copy->auto_totals = r->auto_totals;
	memcpy(copy->cells, r->cells, t->nvalues * sizeof *copy->cells);
	fresh = checker_create(copy, prev);
	if (r->auto_totals)
		checker_recompute(fresh);
	else
		checker_run(fresh);
	for (size_t c = 0; c < t->nvalues; c++)
		cr_assert(value_equal(&copy->cells[c], &r->cells[c]),
		    "%s step %d: cell %s differs from a full recompute", t->id, step, t->values[c].id);
	for (size_t i = 0; i < checker_instances(ck); i++) {
		struct finding a, b;

		cr_assert_eq(checker_status(ck, i), checker_status(fresh, i),
		    "%s step %d: instance %zu status %d, full run %d", t->id, step, i,
		    checker_status(ck, i), checker_status(fresh, i));
		if (checker_status(ck, i) != FINDING_FAIL)
			continue;
		checker_finding(ck, i, &a);
		checker_finding(fresh, i, &b);
		cr_assert(a.lhs == b.lhs && a.rhs == b.rhs && a.expected == b.expected,
		    "%s step %d: instance %zu (%s) sides differ from a full run", t->id, step, i, a.rule);
		a.warning ? nwarn++ : nerr++;
	}
	cr_assert_eq(checker_errors(ck), checker_errors(fresh), "%s step %d: error count", t->id, step);
	cr_assert_eq(checker_warnings(ck), checker_warnings(fresh), "%s step %d: warnings", t->id, step);
	cr_assert_eq(checker_errors(ck), nerr, "%s step %d: errors = failed error instances", t->id, step);
	cr_assert_eq(checker_warnings(ck), nwarn, "%s step %d: warnings = failed warnings", t->id, step);
	checker_free(fresh);
	report_free(copy);
}

/* The cells checker_set reports as changed are exactly those whose value changed. */
static void
check_changed(const struct report *r, const struct value *before, const int *changed, size_t n,
    int step)
{
	for (size_t c = 0; c < r->tpl->nvalues; c++) {
		bool differs = !value_equal(&before[c], &r->cells[c]), listed = false;

		for (size_t j = 0; j < n; j++)
			listed |= changed[j] == (int)c;
		cr_assert_eq(differs, listed, "%s step %d: cell %s %s but is %s in *changed", r->tpl->id,
		    step, r->tpl->values[c].id, differs ? "changed" : "did not change",
		    listed ? "listed" : "not listed");
	}
}

Test(incremental, random_edits_match_a_fresh_checker, .timeout = 120)
{
	int edits = 0;

	for (int cfg = 0; cfg < 8; cfg++) {
		uint64_t seed = 0x6e69616e62616fULL + (uint64_t)cfg;
		struct fx f;
		struct value *before;

		fx_open(&f, TPLS[cfg & 1], (cfg & 2) != 0, (cfg & 4) != 0 ? TPLS[cfg & 1] : NULL);
		if (f.prev != NULL) {
			for (size_t c = 0; c < f.prev->tpl->nvalues; c++)
				f.prev->cells[c] = random_value(&seed, &f.prev->tpl->values[c].kind);
			checker_recompute(f.ck);
		}
		before = calloc(f.t->nvalues, sizeof *before);
		cr_assert_not_null(before, "memory");
		for (int step = 0; step < 400; step++, edits++) {
			struct value v;
			const int *changed;
			int c = random_cell(&seed, f.ck, f.r, &v);
			size_t n;

			memcpy(before, f.r->cells, f.t->nvalues * sizeof *before);
			n = checker_set(f.ck, c, &v, &changed);
			check_changed(f.r, before, changed, n, step);
			same_as_fresh(f.ck, f.r, f.prev, step);
		}
		free(before);
		fx_close(&f);
	}
	cr_assert_geq(edits, 2000, "at least 2000 random edits");
}

/* The random walk does reach passing and failing rules (else it would prove little). */
Test(incremental, random_edits_reach_every_status)
{
	uint64_t seed = 42;
	size_t seen[3] = { 0, 0, 0 };
	struct fx f;

	fx_open(&f, "gov-2021", false, NULL);
	for (int step = 0; step < 400; step++) {
		struct value v;
		int c = random_cell(&seed, f.ck, f.r, &v);

		checker_set(f.ck, c, &v, NULL);
		for (size_t i = 0; i < checker_instances(f.ck); i++)
			seen[checker_status(f.ck, i)]++;
	}
	cr_assert_gt(seen[FINDING_PASS], 0, "some rules pass");
	cr_assert_gt(seen[FINDING_FAIL], 0, "some rules fail");
	cr_assert_gt(seen[FINDING_NOT_ASSESSABLE], 0, "some rules are not assessable");
	fx_close(&f);
}

/* ---- 5. readers ------------------------------------------------------------- */

static void
expect_readers(const struct fx *f, const char *cell, const char *const *rules, size_t nrules)
{
	const int *in;
	size_t n = checker_readers(f->ck, tl_cell(f->t, cell), &in);
	int c = tl_cell(f->t, cell);

	cr_assert_eq(n, nrules, "%s %s is read by %zu instances, want %zu", f->t->id, cell, n, nrules);
	for (size_t j = 0; j < n; j++) {
		struct finding fd;
		bool reads = false;

		checker_finding(f->ck, (size_t)in[j], &fd);
		cr_assert_str_eq(fd.rule, rules[j], "%s reader %zu is %s, want %s", cell, j, fd.rule, rules[j]);
		for (size_t k = 0; k < fd.ncells; k++)
			reads |= fd.cells[k] == c;
		cr_assert(reads, "%s reader %zu (%s) involves the cell", cell, j, fd.rule);
	}
}

Test(readers, each_cell_is_read_by_its_rules_only)
{
	static const char *const keep[] = { "I3", "I4" };
	static const char *const newp[] = { "S1", "I1", "I4" };
	static const char *const carried[] = { "S1", "I1", "I4", "X1" };
	static const char *const grand[] = { "S1", "I1", "I2", "I4" };
	static const char *const valid[] = { "I4", "X2" };
	static const char *const fee[] = { "I4" };
	static const char *const items[] = { "I4", "X3" };
	struct fx f;

	fx_open(&f, "gov-2021", true, NULL);
	expect_readers(&f, "t4.cases.rv_keep", keep, 2);
	expect_readers(&f, "t3.new.person", newp, 3);
	expect_readers(&f, "t3.carried.person", carried, 4);
	expect_readers(&f, "t3.total.total", grand, 4);
	expect_readers(&f, "t3.next.person", newp, 3);	/* X1 reads last year's, not this */
	expect_readers(&f, "t2.reg.valid", valid, 2);
	expect_readers(&f, "t2.fee.amount", fee, 1);
	fx_close(&f);
	fx_open(&f, "gov-2019", true, NULL);
	expect_readers(&f, "t4.cases.la_pending", keep, 2);
	expect_readers(&f, "t2.permit.prev_items", items, 2);
	expect_readers(&f, "t2.permit.change", NULL, 0);	/* X3 reads only last year's */
	fx_close(&f);
}

Test(readers, index_matches_the_instances)
{
	for (int k = 0; k < 2; k++) {
		struct fx f;
		size_t total = 0, cells = 0;

		fx_open(&f, TPLS[k], true, NULL);
		for (size_t c = 0; c < f.t->nvalues; c++) {
			const int *in;
			size_t n = checker_readers(f.ck, (int)c, &in);

			for (size_t j = 1; j < n; j++)
				cr_assert_lt(in[j - 1], in[j], "readers of %s in instance order", f.t->values[c].id);
			total += n;
		}
		for (size_t i = 0; i < checker_instances(f.ck); i++) {
			struct finding fd;

			checker_finding(f.ck, i, &fd);
			for (size_t j = 0; j < fd.ncells; j++) {
				const int *in;
				size_t n = checker_readers(f.ck, fd.cells[j], &in);
				bool found = false;

				for (size_t x = 0; x < n; x++)
					found |= in[x] == (int)i;
				cr_assert(found, "instance %zu (%s) is listed as a reader of %s", i, fd.rule,
				    f.t->values[fd.cells[j]].id);
			}
			cells += fd.ncells;
		}
		cr_assert_eq(total, cells, "%s: no reader is listed that does not read", TPLS[k]);
		fx_close(&f);
	}
}

Test(readers, an_edit_re_evaluates_only_the_readers)
{
	struct fx f;

	fx_open(&f, "gov-2021", false, NULL);
	/* Change a cell behind the checker's back: no rule knows yet. */
	put(f.r, "t3.new.person", "5");
	tl_set(f.ck, f.r, "t4.cases.rv_keep", "1");
	expect_fail(&f, "I3", "t4.cases.rv_total", 0, U(1), U(1));
	expect_status(&f, "I4", "t4.cases.rv_keep", FINDING_PASS);
	expect_status(&f, "S1", "t3.next.person", FINDING_NOT_ASSESSABLE);	/* not re-evaluated */
	expect_status(&f, "I1", "t3.new.total", FINDING_NOT_ASSESSABLE);
	checker_run(f.ck);
	expect_fail(&f, "S1", "t3.next.person", U(5), 0, U(5));
	expect_fail(&f, "I1", "t3.new.total", 0, U(5), U(5));
	fx_close(&f);
}

/* ---- 6. messages ----------------------------------------------------------- */

Test(messages, english_with_labels_and_numbers)
{
	struct fx f;
	char *m;
	size_t i;

	fx_open(&f, "gov-2021", false, NULL);
	tl_set(f.ck, f.r, "t3.new.person", "12");
	tl_set(f.ck, f.r, "t3.next.person", "4");
	i = expect_fail(&f, "S1", "t3.next.person", U(12), U(4), U(12));
	m = checker_message(f.ck, i);
	expect_in(m, "Column \"自然人\"");
	expect_in(m, "(12)");
	expect_in(m, "(4)");
	expect_in(m, "四、结转下年度继续办理");
	expect_in(m, "should be 12");
	cr_assert_null(strstr(m, "列："), "English by default: %s", m);
	free(m);
	tl_set(f.ck, f.r, "t3.new.biz", "3");
	i = expect_fail(&f, "S1", "t3.next.biz", U(3), 0, U(3));
	m = checker_message(f.ck, i);
	expect_in(m, "Column \"商业企业\"");
	free(m);
	tl_set(f.ck, f.r, "t3.new.total", "2");
	i = expect_fail(&f, "I1", "t3.new.total", U(2), U(15), U(15));
	m = checker_message(f.ck, i);
	expect_in(m, "Row \"一、本年新收政府信息公开申请数量\"");
	expect_in(m, "(2)");
	expect_in(m, "(15)");
	free(m);
	fx_close(&f);
}

Test(messages, x1_names_both_years)
{
	struct fx f;
	char *m;
	size_t i;

	fx_open(&f, "gov-2021", false, "gov-2021");
	put(f.prev, "t3.next.law", "7");
	tl_set(f.ck, f.r, "t3.carried.law", "2");
	i = expect_fail(&f, "X1", "t3.carried.law", U(2), U(7), U(7));
	m = checker_message(f.ck, i);
	expect_in(m, "法律服务机构");
	expect_in(m, "(2)");
	expect_in(m, "(7)");
	expect_in(m, "should be 7");
	free(m);
	fx_close(&f);
}

Test(messages, a_negative_count_is_not_proposed_as_the_fix)
{
	struct fx f;
	char *m;
	size_t i;

	fx_open(&f, "gov-2021", false, NULL);
	tl_set(f.ck, f.r, "t3.new.person", "1");
	tl_set(f.ck, f.r, "t3.total.person", "5");
	i = expect_fail(&f, "S1", "t3.next.person", U(1), U(5), U(-4));
	m = checker_message(f.ck, i);
	expect_in(m, "(1)");
	expect_in(m, "(5)");
	cr_assert_null(strstr(m, "should be"), "no negative count proposed: %s", m);
	cr_assert_null(strstr(m, "-4"), "no negative count proposed: %s", m);
	free(m);
	fx_close(&f);

	fx_open(&f, "gov-2019", false, "gov-2019");
	put(f.prev, "t2.force.prev_items", "1");
	put(f.prev, "t2.force.change", "减3");
	tl_set(f.ck, f.r, "t2.force.prev_items", "0");
	i = expect_fail(&f, "X3", "t2.force.prev_items", 0, U(-2), U(-2));
	m = checker_message(f.ck, i);
	cr_assert_null(strstr(m, "should be"), "no negative item count proposed: %s", m);
	free(m);
	fx_close(&f);
}

Test(messages, i3_message_for_each_group)
{
	const char *g[] = { "rv", "ld", "la" };
	const char *label[] = { "行政复议／总计", "未经复议直接起诉／总计", "复议后起诉／总计" };

	for (int j = 0; j < 3; j++) {
		char keep[40], tot[40];
		struct fx f;
		size_t i;
		char *m;

		snprintf(keep, sizeof keep, "t4.cases.%s_keep", g[j]);
		snprintf(tot, sizeof tot, "t4.cases.%s_total", g[j]);
		fx_open(&f, "gov-2021", false, NULL);
		tl_set(f.ck, f.r, keep, "3");
		tl_set(f.ck, f.r, tot, "1");
		i = expect_fail(&f, "I3", tot, U(1), U(3), U(3));
		m = checker_message(f.ck, i);
		expect_in(m, label[j]);
		expect_in(m, "(1)");
		expect_in(m, "(3)");
		expect_in(m, "should be 3");
		free(m);
		fx_close(&f);
	}
}

/* ---- unreadable cells (an import could not place a number): never judged ---- */

Test(unreadable, a_rule_reading_one_is_not_assessable)
{
	struct fx f;

	fx_open(&f, "gov-2021", false, NULL);
	tl_set(f.ck, f.r, "t3.new.person", "5");
	tl_set(f.ck, f.r, "t3.total.person", "0");
	tl_set(f.ck, f.r, "t3.next.person", "0");
	cr_assert_eq(st(&f, "S1", "t3.next.person"), FINDING_FAIL, "5 + 0 != 0 + 0 is an error");
	{
		size_t before = checker_errors(f.ck);

		tl_set(f.ck, f.r, "t3.carried.person", "?");
		cr_assert_eq(checker_errors(f.ck), before - 1, "the error is withdrawn, no other appears");
	}
	cr_assert_eq(f.r->cells[tl_cell(f.t, "t3.carried.person")].state, VALUE_UNREADABLE, "? is unreadable");
	cr_assert_eq(st(&f, "S1", "t3.next.person"), FINDING_NOT_ASSESSABLE,
	    "with an unreadable term the relation cannot be judged");
	tl_set(f.ck, f.r, "t3.carried.person", "0");
	cr_assert_eq(st(&f, "S1", "t3.next.person"), FINDING_FAIL, "a typed value replaces it and is judged");
	fx_close(&f);
}

Test(unreadable, a_domain_rule_does_not_judge_it)
{
	struct fx f;

	fx_open(&f, "gov-2021", false, NULL);
	tl_set(f.ck, f.r, "t2.fee.amount", "?");
	cr_assert_eq(st(&f, "I4", "t2.fee.amount"), FINDING_NOT_ASSESSABLE, "? is neither negative nor not");
	fx_close(&f);
}

Test(unreadable, an_auto_total_of_it_is_unreadable)
{
	struct fx f;

	fx_open(&f, "gov-2021", true, NULL);
	tl_set(f.ck, f.r, "t3.new.person", "4");
	cr_assert_str_eq(get(&f, "t3.new.total"), "4", "the row total follows");
	tl_set(f.ck, f.r, "t3.new.biz", "?");
	cr_assert_str_eq(get(&f, "t3.new.total"), "?", "a total over an unreadable cell is not a guessed number");
	tl_set(f.ck, f.r, "t3.new.biz", "3");
	cr_assert_str_eq(get(&f, "t3.new.total"), "7", "and follows again once it is typed");
	fx_close(&f);
}

Test(unreadable, cross_year_rules_need_both_reports_readable)
{
	struct fx f;

	fx_open(&f, "gov-2021", false, "gov-2021");
	put(f.prev, "t3.next.person", "?");
	checker_run(f.ck);
	tl_set(f.ck, f.r, "t3.carried.person", "4");
	cr_assert_eq(st(&f, "X1", "t3.carried.person"), FINDING_NOT_ASSESSABLE,
	    "last year's cell unreadable: no cross-year warning");
	put(f.prev, "t3.next.person", "3");
	tl_set(f.ck, f.r, "t3.carried.person", "?");
	cr_assert_eq(st(&f, "X1", "t3.carried.person"), FINDING_NOT_ASSESSABLE,
	    "this year's cell unreadable: no cross-year warning");
	tl_set(f.ck, f.r, "t3.carried.person", "4");
	cr_assert_eq(st(&f, "X1", "t3.carried.person"), FINDING_FAIL, "both readable: 4 != 3 is warned");
	fx_close(&f);
}

/* ---- 6. honest hints: incomplete relations, the typed cell first ----------- */

Test(honest_hints, a_relation_with_blanks_is_incomplete_and_check_still_counts_them_as_0)
{
	struct fx f;
	size_t i;

	fx_open(&f, "gov-2021", false, NULL);
	tl_set(f.ck, f.r, "t3.new.person", "5");
	i = inst_of(&f, "S1", "t3.next.person");
	cr_assert_eq(checker_status(f.ck, i), FINDING_FAIL, "check counts the blanks as 0: 5 + 0 != 0 + 0");
	cr_assert(checker_incomplete(f.ck, i), "but the relation is not complete yet");
	cr_assert_eq(checker_blanks(f.ck, i), 3, "carried, total and next of 自然人 are blank");
	tl_set(f.ck, f.r, "t3.carried.person", "0");
	tl_set(f.ck, f.r, "t3.total.person", "4");
	cr_assert_eq(checker_blanks(f.ck, i), 1, "one blank left");
	tl_set(f.ck, f.r, "t3.next.person", "0");
	cr_assert(!checker_incomplete(f.ck, i), "every cell entered: complete");
	cr_assert_eq(checker_status(f.ck, i), FINDING_FAIL, "and wrong: 5 + 0 != 4 + 0");
	fx_close(&f);
}

Test(honest_hints, a_typo_names_the_typed_cell_first_with_its_fixing_value)
{
	struct fx f;
	size_t i;
	int cell;
	int64_t v;
	char *m, *typed, *usual;

	fx_open(&f, "gov-2021", false, NULL);
	tl_set(f.ck, f.r, "t3.new.person", "18");
	tl_set(f.ck, f.r, "t3.carried.person", "0");
	tl_set(f.ck, f.r, "t3.open.person", "16");
	tl_set(f.ck, f.r, "t3.total.person", "16");
	tl_set(f.ck, f.r, "t3.next.person", "2");
	cr_assert_eq(tl_failures(f.ck, "S1"), 0, "18 + 0 = 16 + 2");
	/* The officer types 19 for 18 in 一、本年新收 / 自然人. */
	tl_set(f.ck, f.r, "t3.new.person", "19");
	checker_note_edit(f.ck, tl_cell(f.t, "t3.new.person"));
	i = (size_t)expect_fail(&f, "S1", "t3.next.person", U(19), U(18), U(3));
	cr_assert(checker_edited_fix(f.ck, i, &cell, &v), "the typed cell is a candidate");
	cr_assert_eq(cell, tl_cell(f.t, "t3.new.person"), "the candidate is the typed cell");
	cr_assert_eq(v, U(18), "18 there fixes the relation");
	m = checker_message(f.ck, i);
	typed = strstr(m, "一、本年新收");
	usual = strstr(m, "四、结转下年度继续办理");
	cr_assert(typed != NULL && usual != NULL, "both candidates are named: %s", m);
	cr_assert(typed < usual, "the typed cell comes first: %s", m);
	expect_in(m, "should be 18, or");
	expect_in(m, "should be 3");
	free(m);
	/* Without a noted edit (the command line), the template's usual fix alone. */
	checker_note_edit(f.ck, -1);
	cr_assert(!checker_edited_fix(f.ck, i, &cell, &v), "no edit noted, no typed candidate");
	m = checker_message(f.ck, i);
	cr_assert_null(strstr(m, ", or "), "one proposal: %s", m);
	free(m);
	fx_close(&f);
}

/* The failed instances of ck, in order, at most n of them; returns how many. */
static size_t
failed(const struct checker *ck, size_t *v, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < checker_instances(ck) && k < n; i++)
		if (checker_status(ck, i) == FINDING_FAIL)
			v[k++] = i;
	return k;
}

Test(one_typo, a_wrong_value_and_the_total_column_it_breaks_are_one_problem)
{
	struct tplset *ts = tl_templates();
	struct report *r = tl_load_example(ts, "demo-2025.nb");
	struct checker *ck = checker_create(r, NULL);
	size_t v[8];
	int cell;
	int64_t want;
	char *m;

	checker_run(ck);
	cr_assert_eq(failed(ck, v, 8), 0, "the demo holds");
	tl_set(ck, r, "t3.new.person", "37");	/* 36 mistyped; auto totals make 总计 45 */
	checker_note_edit(ck, tl_cell(r->tpl, "t3.new.person"));
	cr_assert_eq(failed(ck, v, 8), 2, "the 自然人 column and the 总计 column break");
	cr_assert(checker_same_typo(ck, v[0], v[1], &cell, &want), "one typo: one problem");
	cr_assert_eq(cell, tl_cell(r->tpl, "t3.new.person"), "the typed cell mends both");
	cr_assert_eq(want, U(36), "with 36");
	checker_note_edit(ck, -1);
	cr_assert(checker_same_typo(ck, v[1], v[0], &cell, &want), "found without a noted edit too");
	cr_assert_eq(cell, tl_cell(r->tpl, "t3.new.person"));
	cr_assert_eq(want, U(36));
	m = checker_typo_hint(ck, v[0], cell, want, 2);
	expect_in(m, "should be 36 (this one value mends all 2 relations), or");
	expect_in(m, "四、结转下年度继续办理");	/* the usual fix too: never one culprit */
	free(m);
	checker_free(ck);
	report_free(r);
	tplset_free(ts);
}

Test(one_typo, two_typos_in_two_columns_are_not_one_problem)
{
	struct tplset *ts = tl_templates();
	struct report *r = tl_load_example(ts, "demo-2025.nb");
	struct checker *ck = checker_create(r, NULL);
	size_t v[8], n;
	int cell;
	int64_t want;

	checker_run(ck);
	tl_set(ck, r, "t3.new.person", "37");
	tl_set(ck, r, "t3.new.biz", "6");
	n = failed(ck, v, 8);
	cr_assert_eq(n, 3, "two columns and the 总计 column break");
	for (size_t a = 0; a < n; a++)
		for (size_t b = 0; b < n; b++)
			cr_assert(a == b || !checker_same_typo(ck, v[a], v[b], &cell, &want),
			    "no single value mends %zu and %zu", v[a], v[b]);
	checker_free(ck);
	report_free(r);
	tplset_free(ts);
}
