/* t_reviewspan.c - the review while typing: a span of a part reviewed again
 * gives what the whole review gives there, and the editor's cache, edit
 * after edit, stays equal to the review of the text as it now is. */
#include <config.h>

#include "core/review.h"
#include "core/reviewcache.h"
#include "lib/buf.h"
#include "testlib.h"

TL_TEMPLATES

TestSuite(reviewspan, .init = tl_setup, .fini = tl_teardown);

/* Last year's: 18 new requests. */
static struct report *
last_year(const struct report *r)
{
	struct report *p = report_create(r->tpl);
	struct checker *ck = checker_create(p, NULL);

	p->year = 2024;
	tl_set(ck, p, "t3.new.person", "18");
	checker_recompute(ck);
	checker_free(ck);
	return p;
}

static void
say(struct report *r, int part, const char *text)
{
	char *err = NULL;

	cr_assert_eq(report_set_text(r, part, text, &err), 0, "%s", err != NULL ? err : "");
}

/* The local findings of l about part that at holds (all of them: NULL), into out (copies of the pointers). */
static size_t
local_in(const struct review_list *l, int part, const struct review_span_at *at, const struct review_finding **out,
    size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].part == part && review_rule_local(l->v[i].rule) &&
		    (at == NULL || review_span_has(at, &l->v[i]))) {
			cr_assert_lt(n, max);
			out[n++] = &l->v[i];
		}
	return n;
}

/* The same findings, in the same order, with the same places and words. */
static void
expect_same(const struct review_list *got, const struct review_list *want, int part,
    const struct review_span_at *at, const char *when)
{
	const struct review_finding *g[256], *w[256];
	size_t ng = local_in(got, part, at, g, 256), nw = local_in(want, part, at, w, 256);

	cr_assert_eq(ng, nw, "%s: %zu findings, the whole review gives %zu", when, ng, nw);
	for (size_t i = 0; i < nw; i++) {
		cr_expect_str_eq(g[i]->rule, w[i]->rule, "%s: finding %zu", when, i);
		cr_expect_eq(g[i]->start, w[i]->start, "%s: %s at %zu, not %zu", when, w[i]->rule, g[i]->start,
		    w[i]->start);
		cr_expect_eq(g[i]->end, w[i]->end, "%s: %s", when, w[i]->rule);
		cr_expect_str_eq(g[i]->message, w[i]->message, "%s", when);
	}
}

/* Every kind of local finding, in five paragraphs, and the places the hygiene leaves alone. */
static const char planted[] =
    "2024年，本机关新收政府信息公开申请25件！比上年增加5件！办结的的申请20件。\n"
    "\n"
    "上年结转3件，结转下年度继续办理5件。全年 主动公开政府信息1２6条，"
    "进一步进一步推进公开；被申请行政复议5件？比上年减少1件。\n"
    "2024年度报告中提出的问题已整改。2024年以来，新收到申请21件。\n"
    "2024年，收到申请21件，比上年增加3件。\n"
    "依据国办函〔2020〕109号号要求，在http://www.example.gov.cn/年年 公开；联系邮箱ab@example.cn 。";

Test(reviewspan, a_span_gives_what_the_whole_review_gives_in_it)
{
	struct report *r = tl_bureau(ts), *prev = last_year(r);
	int part = template_part(r->tpl, "s1.request");
	struct review_list all = REVIEW_LIST_INIT;
	size_t len = strlen(planted), seen = 0;

	say(r, part, planted);
	review_part(r, prev, -1, part, &all);	/* the part's findings, as review_report gives them */
	for (size_t i = 0; i < all.n; i++)
		seen += all.v[i].part == part && review_rule_local(all.v[i].rule);
	cr_assert_geq(seen, 9, "the planted text gives findings of every local rule (%zu)", seen);
	for (size_t at = 0; at <= len; at++) {	/* a span at every character, one and several long */
		if (((unsigned char)planted[at] & 0xC0) == 0x80)
			continue;
		for (size_t w = 0; w <= 30 && at + w <= len; w += 10) {
			struct review_list l = REVIEW_LIST_INIT;
			struct review_span_at sa;
			char when[64];

			review_span(r, prev, part, at, at + w, &sa, &l);
			cr_assert_leq(sa.from, sa.hfrom);
			cr_assert_leq(sa.hfrom, at);
			cr_assert_geq(sa.hto, at + w < len ? at + w : len);
			cr_assert_leq(sa.hto, sa.to);
			snprintf(when, sizeof when, "span [%zu, %zu)", at, at + w);
			expect_same(&l, &all, part, &sa, when);
			for (size_t i = 0; i < l.n; i++)
				cr_assert(review_span_has(&sa, &l.v[i]), "%s: only its own sentences and clauses", when);
			review_list_free(&l);
		}
	}
	review_list_free(&all);
	report_free(prev);
	report_free(r);
}

static const struct report *prev_of_test;	/* last year's, for the cache's tests */

/* Set the part's text to s with bytes [at, at + removed) replaced by ins, and tell the cache. */
static void
edit(struct reviewcache *c, struct report *r, int part, size_t at, size_t removed, const char *ins)
{
	const char *old = r->texts[part];
	char *s = xasprintf("%.*s%s%s", (int)at, old, ins, old + at + removed), *err = NULL;

	cr_assert_eq(report_splice_text(r, part, at, removed, ins, strlen(ins), &err), 0, "%s", err);
	cr_assert_str_eq(r->texts[part], s, "the splice gives the text with the edit");
	free(s);
	reviewcache_edit(c, r, prev_of_test, part, at, removed, strlen(ins));
}

/* The cache's findings against the whole review's, now. */
static void
expect_cache(const struct reviewcache *c, const struct report *r, int part, const char *when)
{
	struct review_list got = REVIEW_LIST_INIT, want = REVIEW_LIST_INIT;

	reviewcache_list(c, &got);
	review_report(r, prev_of_test, -1, &want);
	expect_same(&got, &want, part, NULL, when);
	review_list_free(&got);
	review_list_free(&want);
}

Test(reviewspan, typing_keeps_the_cache_equal_to_the_review)
{
	static const char *const typed[] = { "全", "年", "新", "收", "申", "请", "2", "5", "件", "。",
	    "的", "的", "\n", "2", "0", "2", "4", "年", " ", "，", "本" };
	struct report *r = tl_bureau(ts), *prev = last_year(r);
	int part = template_part(r->tpl, "s1.request");
	struct reviewcache *c = reviewcache_new(r);
	size_t at;
	char when[64];

	prev_of_test = prev;
	say(r, part, planted);
	reviewcache_full(c, r, prev, -1);
	expect_cache(c, r, part, "at first");
	for (size_t start = 0; start < strlen(planted); start += 37) {	/* typing at several places */
		while (((unsigned char)r->texts[part][start] & 0xC0) == 0x80)
			start++;
		at = start;
		for (size_t k = 0; k < sizeof typed / sizeof *typed; k++) {
			edit(c, r, part, at, 0, typed[k]);
			at += strlen(typed[k]);
			snprintf(when, sizeof when, "typed %zu at %zu", k, start);
			expect_cache(c, r, part, when);
		}
		for (size_t k = 0; k < 4; k++) {	/* Backspace */
			size_t n = 1;

			while (((unsigned char)r->texts[part][at - n] & 0xC0) == 0x80)
				n++;
			at -= n;
			edit(c, r, part, at, n, "");
			snprintf(when, sizeof when, "backspace %zu at %zu", k, start);
			expect_cache(c, r, part, when);
		}
		edit(c, r, part, start, at - start, "");	/* and the typing taken away at once */
		cr_assert_str_eq(r->texts[part], planted);
		expect_cache(c, r, part, "undone");
	}
	cr_expect(reviewcache_stale(c), "the whole-part checks wait for a pause");
	reviewcache_full(c, r, prev, -1);
	cr_expect_not(reviewcache_stale(c));
	reviewcache_free(c);
	report_free(prev);
	report_free(r);
}

Test(reviewspan, a_change_said_after_an_exclamation_follows_its_fact)
{
	struct report *r = tl_bureau(ts), *prev = last_year(r);
	int part = template_part(r->tpl, "s1.request");
	struct reviewcache *c = reviewcache_new(r);
	struct review_list l = REVIEW_LIST_INIT;

	/* no fact until 新 makes it 新收…申请21件; then its change (3, not 5) is read
	 * past the ！, more than a span's margin after the key */
	prev_of_test = prev;
	say(r, part, "收政府信息公开工作相关的申请21件合计！比上年增加5件。");
	reviewcache_full(c, r, prev, -1);
	edit(c, r, part, 0, 0, "新");
	reviewcache_list(c, &l);
	cr_expect(l.n > 0 && strcmp(l.v[0].rule, "change.new") == 0, "the change is found at once");
	review_list_free(&l);
	expect_cache(c, r, part, "新 typed");
	reviewcache_free(c);
	report_free(prev);
	report_free(r);
}

Test(reviewspan, long_runs_are_read_whole)
{
	struct report *r = tl_bureau(ts);
	int part = template_part(r->tpl, "s1.request");
	struct reviewcache *c = reviewcache_new(r);
	size_t len;
	char when[64];

	/* a number and a doubled particle longer than a span's margin: a key in
	 * their middle changes what is said of them from their start */
	prev_of_test = NULL;
	say(r, part, "编号为12345678901234567890１２３４567890123的文件，请注意的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的处理。");
	reviewcache_full(c, r, NULL, -1);
	len = strlen(r->texts[part]);
	for (size_t at = 0; at < len; at++) {
		if (((unsigned char)r->texts[part][at] & 0xC0) == 0x80)
			continue;
		edit(c, r, part, at, 0, "的");
		snprintf(when, sizeof when, "的 at %zu", at);
		expect_cache(c, r, part, when);
		edit(c, r, part, at, 3, "");
		expect_cache(c, r, part, when);
	}
	reviewcache_free(c);
	report_free(r);
}

Test(reviewspan, after_the_pause_the_list_is_the_review_s)
{
	struct report *r = tl_bureau(ts);
	int part = template_part(r->tpl, "s1.request"), five = template_part(r->tpl, "s5.body");
	struct reviewcache *c = reviewcache_new(r);
	struct review_list got = REVIEW_LIST_INIT, want = REVIEW_LIST_INIT;

	prev_of_test = NULL;
	say(r, part, planted);
	reviewcache_full(c, r, NULL, -1);
	edit(c, r, five, 0, 0, "无");	/* a whole-part finding: five is just "none" */
	edit(c, r, part, 3, 0, "（");	/* unbalanced: the paragraph's */
	reviewcache_full(c, r, NULL, -1);
	reviewcache_list(c, &got);
	review_report(r, NULL, -1, &want);
	cr_assert_eq(got.n, want.n);
	for (size_t i = 0; i < want.n; i++) {
		cr_expect_str_eq(got.v[i].rule, want.v[i].rule);
		cr_expect_eq(got.v[i].part, want.v[i].part);
		cr_expect_eq(got.v[i].start, want.v[i].start);
		cr_expect_str_eq(got.v[i].message, want.v[i].message);
	}
	review_list_free(&got);
	review_list_free(&want);
	reviewcache_free(c);
	report_free(r);
}

Test(reviewspan, a_long_part_says_a_wrong_number_once)
{
	struct report *r = tl_bureau(ts);
	int part = template_part(r->tpl, "s1.request");
	struct review_list l = REVIEW_LIST_INIT;
	struct buf b = BUF_INIT;
	size_t n = 0;

	for (int i = 0; i < 70; i++)	/* more statements than the review remembered */
		buf_adds(&b, "新收申请21件。");
	buf_adds(&b, "新收到申请25件。");	/* two phrasings (新收…申请, 收到…申请) of one number */
	buf_addc(&b, '\0');
	say(r, part, b.data);
	review_report(r, NULL, -1, &l);
	for (size_t i = 0; i < l.n; i++)
		n += strncmp(l.v[i].rule, "fact.", 5) == 0;
	cr_expect_eq(n, 1, "one wrong number, one finding (%zu)", n);
	review_list_free(&l);
	buf_free(&b);
	report_free(r);
}

Test(reviewspan, a_splice_is_refused_inside_a_character_or_with_a_control)
{
	struct report *r = tl_bureau(ts);
	int part = template_part(r->tpl, "s1.request");
	char *err = NULL;

	say(r, part, "新收申请21件。");
	cr_expect_neq(report_splice_text(r, part, 1, 0, "x", 1, &err), 0, "inside 新");
	free(err);
	err = NULL;
	cr_expect_neq(report_splice_text(r, part, 0, 4, "", 0, &err), 0, "up to inside 收");
	free(err);
	err = NULL;
	cr_expect_neq(report_splice_text(r, part, 0, 0, "\x1b[2J", 4, &err), 0, "an escape");
	free(err);
	err = NULL;
	cr_expect_neq(report_splice_text(r, part, 0, 0, "\xE6\x96", 2, &err), 0, "half a character");
	free(err);
	cr_expect_str_eq(r->texts[part], "新收申请21件。", "nothing changed");
	cr_expect_eq(report_splice_text(r, part, 12, 2, "25", 2, &err), 0);
	cr_expect_str_eq(r->texts[part], "新收申请25件。");
	report_free(r);
}
