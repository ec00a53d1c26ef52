/*
 * t_label.c - labels compared as the importer compares them: the damage a
 * copy does (width, spaces, quotes, the separator after a number, dropped
 * punctuation) is ignored, everything else (a digit, a character) counts;
 * edit distances are capped; over-long texts and broken bytes are safe.
 */
#include <config.h>

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "import/label.h"

/* ---- helpers ---- */

static struct label *
norm(const char *s)
{
	struct label *l = malloc(sizeof *l);

	cr_assert_not_null(l);
	label_norm(s, strlen(s), l);
	return l;
}

/* a and b are the same label (both ways). */
static void
same(const char *a, const char *b)
{
	struct label *la = norm(a), *lb = norm(b);

	cr_expect(label_same(la, lb), "\"%s\" and \"%s\" are the same label", a, b);
	cr_expect(label_same(lb, la), "\"%s\" and \"%s\" are the same label", b, a);
	cr_expect_eq(label_distance(la, lb, 3), 0, "\"%s\" / \"%s\": distance 0", a, b);
	free(la);
	free(lb);
}

static void
differ(const char *a, const char *b)
{
	struct label *la = norm(a), *lb = norm(b);

	cr_expect_not(label_same(la, lb), "\"%s\" and \"%s\" are different labels", a, b);
	cr_expect_not(label_same(lb, la), "\"%s\" and \"%s\" are different labels", b, a);
	free(la);
	free(lb);
}

static int
distance(const char *a, const char *b, int max)
{
	struct label *la = norm(a), *lb = norm(b);
	int d = label_distance(la, lb, max), back = label_distance(lb, la, max);

	cr_expect_eq(d, back, "distance is symmetric for \"%s\" / \"%s\"", a, b);
	free(la);
	free(lb);
	return d;
}

/* The comparable form of s as UTF-8. */
static char *
key(const char *s)
{
	struct label *l = norm(s);
	char *k = label_key(l);

	free(l);
	return k;
}

static void
key_is(const char *s, const char *want)
{
	char *k = key(s);

	cr_expect_str_eq(k, want, "key of \"%s\"", s);
	free(k);
}

/* n copies of the UTF-8 character c, then tail. */
static char *
repeat(const char *c, size_t n, const char *tail)
{
	size_t k = strlen(c), t = strlen(tail);
	char *s = malloc(k * n + t + 1);

	cr_assert_not_null(s);
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * k, c, k);
	memcpy(s + k * n, tail, t + 1);
	return s;
}

/* ---- width ---- */

Test(label, full_and_half_width_brackets)
{
	same("（一）予以公开", "(一)予以公开");
	same("（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
	    "(二)部分公开(区分处理的,只计这一情形,不计其他情形)");
	same("第二十条第（一）项", "第二十条第[一]项");
	same("本年收费金额（单位：万元）", "本年收费金额(单位:万元)");
}

Test(label, full_width_digits_and_letters)
{
	same("１２３", "123");
	same("ＡＢＣ", "abc");
	same("ａｂｃ", "ABC");
	same("Ｘ２０２１", "x2021");
	key_is("ＡＢＣ１２３ｘｙｚ", "abc123xyz");
	key_is("Ａ", "a");
	key_is("０９", "09");
}

Test(label, ascii_letters_compare_without_case)
{
	same("PDF", "pdf");
	same("Word文档", "WORD文档");
	differ("pdf", "pdg");
}

/* ---- what a copy adds or drops ---- */

Test(label, spaces_of_every_kind_ignored)
{
	same("商业企业", "商业 企业");
	same("商业企业", " 商业企业 ");
	same("商业企业", "商业\t企业");
	same("商业企业", "商业\u3000企业");	/* ideographic space */
	same("商业企业", "商业\u00a0企业");	/* no-break space */
	same("商业企业", "商业\u200b企业");	/* zero-width space */
	same("商业企业", "\ufeff商业企业");	/* a byte order mark */
	same("科研机构", "科 研 机 构");
	same("商业企业", "商业\r\n企业");
}

Test(label, quotes_ignored)
{
	same("3.危及“三安全一稳定”", "3.危及三安全一稳定");
	same("3.危及“三安全一稳定”", "3.危及\"三安全一稳定\"");
	same("3.危及“三安全一稳定”", "3.危及'三安全一稳定'");
	same("3.危及“三安全一稳定”", "3.危及‘三安全一稳定’");
	same("3.危及“三安全一稳定”", "3.危及「三安全一稳定」");
	same("3.危及“三安全一稳定”", "3.危及《三安全一稳定》");
}

Test(label, numbering_separators_the_same)
{
	same("1、属于国家秘密", "1.属于国家秘密");
	same("1、属于国家秘密", "１．属于国家秘密");
	same("1.属于国家秘密", "1．属于国家秘密");
	same("1.属于国家秘密", "1 属于国家秘密");
	same("三、本年度办理结果", "三.本年度办理结果");
	same("三、本年度办理结果", "三，本年度办理结果");
	key_is("1、属于国家秘密", "1属于国家秘密");
	key_is("１．属于国家秘密", "1属于国家秘密");
}

Test(label, punctuation_only_differences_equal)
{
	same("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
	    "申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请");
	same("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
	    "申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请");
	same("本年增/减", "本年增减");
	same("本年增/减", "本年增—减");
	same("本年增/减", "本年增-减");
	same("四、结转下年度继续办理。", "四结转下年度继续办理");
	same("│规章│", "规章");	/* the rules of a drawn table */
	same("信息·内容", "信息内容");
	same("…总计！", "总计");
	key_is("（七）总计", "七总计");
}

Test(label, digits_letters_and_characters_count)
{
	differ("1.属于国家秘密", "属于国家秘密");
	differ("规章", "规范");
	differ("规范性文件", "行政规范性文件");
	differ("本年增/", "本年增/减");
	differ("2021", "2022");
	differ("a1", "a2");
	differ("总计", "总 计 1");
}

Test(label, empty_and_punctuation_only_texts)
{
	struct label *a = norm(""), *b = norm(" （、）“” \u3000");

	cr_expect_eq(a->n, 0);
	cr_expect_eq(b->n, 0);
	cr_expect_not(a->cut);
	cr_expect(label_same(a, b), "two empty labels are the same");
	cr_expect_eq(label_distance(a, b, 0), 0);
	cr_expect_eq(label_lcs(a, b), 0);
	key_is("", "");
	key_is("、。", "");
	free(a);
	free(b);
}

Test(label, only_the_n_bytes_given_are_read)
{
	struct label l;
	const char *s = "规章制度";	/* 规章 is the first 6 bytes */
	char *k;

	label_norm(s, 6, &l);
	cr_expect_eq(l.n, 2);
	k = label_key(&l);
	cr_expect_str_eq(k, "规章");
	free(k);
	label_norm(s, 0, &l);
	cr_expect_eq(l.n, 0);
}

/* ---- distances ---- */

Test(label, a_dropped_character_is_distance_one)
{
	cr_expect_eq(distance("本年增/", "本年增/减", 1), 1);
	cr_expect_eq(distance("本年增/", "本年增/减", 3), 1);
	cr_expect_eq(distance("危及三安全一稳", "3.危及“三安全一稳定”", 3), 2);
	cr_expect_eq(distance("商业企业", "商业 企业", 0), 0);
}

Test(label, other_numbering_is_distance_one_but_not_the_same)
{
	cr_expect_eq(distance("2.重复申请", "3.重复申请", 1), 1);
	differ("2.重复申请", "3.重复申请");
	cr_expect_eq(distance("（一）予以公开", "（二）予以公开", 2), 1);
	differ("（一）予以公开", "（二）予以公开");
}

Test(label, substitution_insertion_deletion)
{
	cr_expect_eq(distance("规范性文件", "规范性文化", 3), 1);	/* substituted */
	cr_expect_eq(distance("规范性文件", "规范性的文件", 3), 1);	/* inserted */
	cr_expect_eq(distance("规范性文件", "规范文件", 3), 1);	/* deleted */
	cr_expect_eq(distance("规范性文件", "行政规范性文件", 3), 2);
	cr_expect_eq(distance("abcdef", "badcfe", 6), 4);
	cr_expect_eq(distance("kitten", "sitting", 5), 3);
}

Test(label, distance_capped_at_max_plus_one)
{
	/* the exact distance is 3 */
	cr_expect_eq(distance("kitten", "sitting", 3), 3);
	cr_expect_eq(distance("kitten", "sitting", 2), 3);
	cr_expect_eq(distance("kitten", "sitting", 1), 2);
	cr_expect_eq(distance("kitten", "sitting", 0), 1);
	/* lengths alone already too far apart */
	cr_expect_eq(distance("规章", "行政规范性文件", 2), 3);
	cr_expect_eq(distance("", "abcdef", 3), 4);
	cr_expect_eq(distance("", "abcdef", 6), 6);
	/* same length, every character different */
	cr_expect_eq(distance("一二三四五六", "七八九十百千", 2), 3);
	cr_expect_eq(distance("一二三四五六", "七八九十百千", 6), 6);
	cr_expect_eq(distance("一二三四五六", "七八九十百千", 10), 6);
	/* a different label within max still counts exactly */
	cr_expect_eq(distance("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", 10), 4);
	cr_expect_eq(distance("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", 3), 4);
}

Test(label, lcs)
{
	struct label *a = norm("本年新制作数量"), *b = norm("本年制发件数"), *c = norm("（七）总计");

	cr_expect_eq(label_lcs(a, b), 4);	/* 本年制数 */
	cr_expect_eq(label_lcs(b, a), 4);
	cr_expect_eq(label_lcs(a, a), a->n);
	cr_expect_eq(label_lcs(a, c), 0);
	free(a);
	free(b);
	free(c);
	a = norm("年度政府信息公开工作报告");
	b = norm("年政府信息公开工作年度报告");
	cr_expect_eq(label_lcs(a, b), 11);
	free(a);
	free(b);
}

/* ---- long texts ---- */

Test(label, long_texts_are_cut_and_never_the_same)
{
	char *s = repeat("政", LABEL_MAX + 1, ""), *t = repeat("政", LABEL_MAX + 40, "");
	struct label *a = norm(s), *a2 = norm(s), *b = norm(t), *shortl = norm("政");

	cr_expect(a->cut, "%d characters are cut", LABEL_MAX + 1);
	cr_expect_eq(a->n, LABEL_MAX);
	cr_expect(b->cut);
	cr_expect_not(label_same(a, a2), "a cut text is not even the same as itself");
	cr_expect_not(label_same(a, b));
	cr_expect_not(label_same(shortl, a));
	cr_expect_eq(label_distance(a, a2, 3), 4, "a cut text is never near anything");
	cr_expect_eq(label_distance(shortl, a, 5), 6);
	cr_expect_eq(label_distance(a, shortl, 300), 301);
	cr_expect_eq(label_lcs(a, shortl), 1);
	free(s);
	free(t);
	free(a);
	free(a2);
	free(b);
	free(shortl);
}

Test(label, exactly_label_max_characters_are_not_cut)
{
	char *s = repeat("a", LABEL_MAX, ""), *u = repeat("政 ", LABEL_MAX, "、。");
	struct label *a = norm(s), *a2 = norm(s), *b = norm(u);

	cr_expect_not(a->cut);
	cr_expect_eq(a->n, LABEL_MAX);
	cr_expect(label_same(a, a2));
	cr_expect_eq(label_distance(a, a2, 0), 0);
	cr_expect_eq(label_lcs(a, a2), LABEL_MAX);
	/* spaces and punctuation do not count towards the limit */
	cr_expect_not(b->cut, "ignorable characters are not counted");
	cr_expect_eq(b->n, LABEL_MAX);
	free(s);
	free(u);
	free(a);
	free(a2);
	free(b);
}

/* ---- broken bytes ---- */

Test(label, invalid_utf8_bytes_skipped)
{
	same("规\xff章", "规章");
	same("\x80\x80规章", "规章");
	same("规章\xe8", "规章");			/* a sequence cut short at the end */
	same("规\xe8\xa7章", "规章");			/* ... or in the middle */
	same("规\xc0\xaf章", "规章");			/* an overlong "/" */
	same("规\xed\xa0\x80章", "规章");		/* a surrogate */
	same("规\xf4\x90\x80\x80章", "规章");	/* above U+10FFFF */
	same("\xe8" "abc", "abc");			/* the bytes after a bad lead byte are read */
	key_is("\xfe\xff", "");
}

Test(label, only_broken_bytes)
{
	char bad[600];
	struct label *l;

	memset(bad, 0xff, sizeof bad - 1);
	bad[sizeof bad - 1] = '\0';
	l = norm(bad);
	cr_expect_eq(l->n, 0);
	cr_expect_not(l->cut);
	free(l);
}

/* ---- keys ---- */

Test(label, key_round_trip)
{
	static const char *const texts[] = {
		"（一）予以公开", "3.危及“三安全一稳定”", "本年收费金额（单位：万元）",
		"ＡＢＣ１２３", "商业 企业", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
		"𠀀𠀁", "",
	};

	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		struct label *a = norm(texts[i]), *b;
		char *k = label_key(a), *k2;

		b = norm(k);
		cr_expect(label_same(a, b), "the key of \"%s\" (\"%s\") reads as the same label", texts[i], k);
		k2 = label_key(b);
		cr_expect_str_eq(k2, k, "a key is its own key");
		free(k);
		free(k2);
		free(a);
		free(b);
	}
	key_is("（一）予以公开", "一予以公开");
	key_is("3.危及“三安全一稳定”", "3危及三安全一稳定");
	key_is("本年增/减", "本年增减");
	key_is("𠀀", "𠀀");
}

Test(label, keys_equal_exactly_when_labels_same)
{
	static const char *const pairs[][2] = {
		{ "(一)予以公开", "（一） 予以公开" },
		{ "1.属于国家秘密", "１、属于国家秘密" },
		{ "2.重复申请", "3.重复申请" },
		{ "本年增/", "本年增/减" },
	};

	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		struct label *a = norm(pairs[i][0]), *b = norm(pairs[i][1]);
		char *ka = label_key(a), *kb = label_key(b);

		cr_expect_eq(strcmp(ka, kb) == 0, label_same(a, b), "\"%s\" / \"%s\"", pairs[i][0], pairs[i][1]);
		free(ka);
		free(kb);
		free(a);
		free(b);
	}
}
