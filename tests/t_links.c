/* t_links.c - linked numbers in the narrative: the notation {=NAME} read,
 * unknown names left as text, values as the tables show them, and no
 * finding of the review on a linked number. */
#include <config.h>

#include "core/links.h"
#include "core/review.h"
#include "lib/buf.h"
#include "testlib.h"

TL_TEMPLATES

TestSuite(links, .init = tl_setup, .fini = tl_teardown);

/* The index of the fact whose id is id; fails the test when the template has none. */
static int
fact(const struct template *t, const char *id)
{
	for (size_t i = 0; i < links_nfacts(t); i++)
		if (strcmp(links_fact_id(t, (int)i), id) == 0)
			return (int)i;
	cr_assert_fail("template %s has no fact %s", t->id, id);
	return -1;
}

/* A 2025 report with table three's new requests and the fee filled in. */
static struct report *
filled(void)
{
	static const char *const cells[] = { "t3.new.person=21", "t3.carried.person=3",
	    "t3.open.person=20", "t3.next.person=4", "t2.fee.amount=41.26", NULL };

	return tl_report(ts, "gov-2021", "示例县自然资源局", 2025, cells);
}

/* s with its links expanded; caller frees. */
static char *
expand(const struct report *r, const char *s)
{
	struct buf b = BUF_INIT;

	links_expand(r, s, &b);
	return buf_detach(&b);
}

Test(links, the_notation_names_a_fact_of_the_template)
{
	const struct template *t = tl_template(ts, "gov-2021");
	const char *s = "{=new}件";
	int f = -1;

	cr_expect_eq(links_at(t, s, strlen(s), &f), 6, "{=new} is six bytes");
	cr_expect_eq(f, fact(t, "new"));
	s = "{=norm-made}";
	cr_expect_eq(links_at(t, s, strlen(s), &f), strlen(s), "an id with a hyphen");
	cr_expect_eq(f, fact(t, "norm-made"));
	cr_expect_str_eq(links_fact_name(t, fact(t, "new")), "本年新收申请数");
}

Test(links, unknown_names_and_broken_notation_are_plain_text)
{
	const struct template *t = tl_template(ts, "gov-2021");
	static const char *const plain[] = { "{=nosuchfact}", "{=}", "{=new", "{new}", "{ =new}",
	    "{=new }", "{=New}", "{=新收}", "{{=new" };
	struct link l;
	int f;

	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
		cr_expect_eq(links_at(t, plain[i], strlen(plain[i]), &f), 0, "\"%s\" is not a link", plain[i]);
	cr_assert(links_next(t, "{=x}{{=new}", 11, 0, &l), "a link after an unknown one and a brace");
	cr_expect_eq(l.start, 5);
	cr_expect_eq(l.end, 11);
	cr_expect_not(links_next(t, "{=nosuchfact} {=}", 17, 0, &l));
}

Test(links, adjacent_links_are_two)
{
	const struct template *t = tl_template(ts, "gov-2021");
	const char *s = "{=new}{=done}";
	struct link l;

	cr_assert(links_next(t, s, strlen(s), 0, &l));
	cr_expect_eq(l.start, 0);
	cr_expect_eq(l.end, 6);
	cr_expect_eq(l.fact, fact(t, "new"));
	cr_assert(links_next(t, s, strlen(s), l.end, &l));
	cr_expect_eq(l.start, 6);
	cr_expect_eq(l.end, 13);
	cr_expect_eq(l.fact, fact(t, "done"));
	cr_expect_not(links_next(t, s, strlen(s), l.end, &l));
}

Test(links, expansion_gives_the_tables_values_and_a_question_mark_for_blank)
{
	struct report *r = filled();
	char *s;

	s = expand(r, "本年新收申请{=new}件，结转下年度{=next}件，{=nosuchfact}不变；{=review}件");
	cr_expect_str_eq(s, "本年新收申请21件，结转下年度4件，{=nosuchfact}不变；?件",
	    "values, unknown names kept, and ? for table 四's blank cells");
	free(s);
	report_free(r);
}

Test(links, values_keep_their_decimals_and_sums_add_up)
{
	struct report *r = filled();
	struct checker *ck = checker_create(r, NULL);
	char v[LINKS_VALUE_MAX];

	cr_expect(links_value(r, fact(r->tpl, "fee"), v));
	cr_expect_str_eq(v, "41.26", "the fee in 万元 as the table shows it");
	tl_set(ck, r, "t2.fee.amount", "41.20");
	cr_expect(links_value(r, fact(r->tpl, "fee"), v));
	cr_expect_str_eq(v, "41.20", "the decimals as typed");
	tl_set(ck, r, "t4.cases.ld_keep", "2");
	tl_set(ck, r, "t4.cases.la_keep", "3");
	checker_recompute(ck);
	cr_expect(links_value(r, fact(r->tpl, "lawsuit"), v));
	cr_expect_str_eq(v, "5", "行政诉讼 of both kinds: the sum of two totals");
	cr_expect_not(links_value(r, fact(r->tpl, "permit"), v));
	cr_expect_str_eq(v, "?");
	checker_free(ck);
	report_free(r);
}

/* The findings of r about part, their rules joined by spaces in out. */
static size_t
findings_of(const struct report *r, int part, char *out, size_t n)
{
	struct review_list l = REVIEW_LIST_INIT;
	size_t k = 0;

	*out = '\0';
	review_report(r, NULL, -1, &l);
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].part == part) {
			k++;
			snprintf(out + strlen(out), n - strlen(out), "%s ", l.v[i].rule);
		}
	review_list_free(&l);
	return k;
}

Test(links, a_linked_number_never_gives_a_finding)
{
	struct report *r = filled();
	int part = template_part(r->tpl, "s1.request");
	char *err = NULL, rules[512];

	cr_assert_eq(report_set_text(r, part,
	    "本年新收政府信息公开申请{=new}件，上年结转{=carried}件，办结{=done}件，"
	    "结转下年度继续办理{=next}件。收费金额{=fee}万元。", &err), 0);
	cr_expect_eq(findings_of(r, part, rules, sizeof rules), 0, "no finding, got: %s", rules);
	report_free(r);
}

Test(links, a_blank_link_is_a_warning_naming_the_part_and_the_fact)
{
	struct report *r = filled();
	int part = template_part(r->tpl, "s1.request");
	struct review_list l = REVIEW_LIST_INIT;
	char *err = NULL;
	size_t n = 0;

	cr_assert_eq(report_set_text(r, part, "被申请行政复议{=review}件。", &err), 0);
	review_report(r, NULL, -1, &l);
	for (size_t i = 0; i < l.n; i++) {
		if (strcmp(l.v[i].rule, "link.blank") != 0)
			continue;
		n++;
		cr_expect_eq(l.v[i].part, part);
		cr_expect_eq(l.v[i].start, strlen("被申请行政复议"), "the finding is at the link");
		cr_expect_eq(l.v[i].end, strlen("被申请行政复议{=review}"));
		cr_expect(strstr(l.v[i].message, "被申请行政复议数") != NULL, "names the fact: %s", l.v[i].message);
		cr_expect(strstr(l.v[i].message, r->tpl->parts[part].title) != NULL, "names the part: %s",
		    l.v[i].message);
	}
	cr_expect_eq(n, 1);
	review_list_free(&l);
	report_free(r);
}

/* A finding of the text's hygiene quotes the place as the officer sees it:
 * a linked number near it as its value, never the notation. */
Test(links, hygiene_quotes_show_a_link_as_its_value)
{
	struct report *r = filled();
	int part = template_part(r->tpl, "s1.request");
	struct review_list l = REVIEW_LIST_INIT;
	char *err = NULL;
	size_t n = 0;

	cr_assert_eq(report_set_text(r, part, "新收申请{=new}件的的答复。", &err), 0);	/* the quote starts in the link */
	review_report(r, NULL, -1, &l);
	for (size_t i = 0; i < l.n; i++) {
		if (strncmp(l.v[i].rule, "hygiene.", 8) != 0)
			continue;
		n++;
		cr_expect(strstr(l.v[i].message, "\"21件的的答复。\"") != NULL, "the link's value: %s", l.v[i].message);
		cr_expect(strchr(l.v[i].message, '{') == NULL, "no notation: %s", l.v[i].message);
	}
	cr_expect_eq(n, 1, "the doubled character is found once");
	review_list_free(&l);
	report_free(r);
}

/* Each phrasing of fact e (a [fact] section), its number a link to fact id, in b. */
static void
phrasings(const struct tpl_entry *e, const char *id, struct buf *b)
{
	for (size_t k = 0; k < e->n; k++) {
		const char *p = e->vals[k];

		if (strcmp(e->keys[k], "pattern") != 0)
			continue;
		for (; *p != '\0'; p++)
			if (strncmp(p, "{n}", 3) == 0) {
				buf_addf(b, "{=%s}", id);
				p += 2;
			} else if (strncmp(p, "\xE2\x80\xA6", 3) == 0) {	/* the gap: some words */
				buf_adds(b, "政府信息公开");
				p += 2;
			} else
				buf_addc(b, *p);
		buf_adds(b, "，比上年增加{=");
		buf_adds(b, id);
		buf_adds(b, "}件。");
	}
}

Test(links, no_phrasing_of_any_fact_warns_about_a_link_to_any_fact)
{
	struct report *r = filled(), *prev = filled();
	const struct template *t = r->tpl;
	int part = template_part(t, "s1.request");
	struct checker *ck = checker_create(prev, NULL);
	struct review_list l = REVIEW_LIST_INIT;
	struct buf b = BUF_INIT;
	char *err = NULL;

	prev->year = 2024;
	tl_set(ck, prev, "t3.new.person", "9");	/* last year's differ: the change checks read */
	checker_recompute(ck);
	for (size_t i = 0; i < t->nreview_src; i++)
		if (strcmp(t->review_src[i].kind, "fact") == 0) {
			phrasings(&t->review_src[i], t->review_src[i].id, &b);	/* its own number */
			phrasings(&t->review_src[i], "review", &b);	/* another's, blank */
		}
	buf_adds(&b, "{=new}{=new}，{=fee}{=fee}。");	/* doubled */
	cr_assert_eq(report_set_text(r, part, b.data, &err), 0);
	review_report(r, prev, -1, &l);
	for (size_t i = 0; i < l.n; i++)
		cr_expect(l.v[i].part != part || strcmp(l.v[i].rule, "link.blank") == 0,
		    "only link.blank, got %s: %s", l.v[i].rule, l.v[i].message);
	review_list_free(&l);
	buf_free(&b);
	checker_free(ck);
	report_free(prev);
	report_free(r);
}
