/* t_encode.c - GB18030, GBK and line ends: never a silent '?'. */
#include <config.h>

#include <iconv.h>

#include "export/encode.h"
#include "testlib.h"

static struct tplset *ts;
static struct report *r;

static void
setup(void)
{
	ts = tl_templates();
	r = report_create(tl_template(ts, "gov-2021"));
}

static void
teardown(void)
{
	report_free(r);
	tplset_free(ts);
}

TestSuite(encode, .init = setup, .fini = teardown);

/* Decode bytes of encoding back to UTF-8 with iconv. */
static char *
decode(const char *bytes, size_t n, const char *encoding)
{
	iconv_t cd = iconv_open("UTF-8", encoding);
	char *out = calloc(n * 4 + 1, 1), *o = out;
	char *in = (char *)bytes;
	size_t left = n, room = n * 4;

	cr_assert_neq(cd, (iconv_t)-1);
	cr_assert_neq(iconv(cd, &in, &left, &o, &room), (size_t)-1, "decodes cleanly");
	iconv_close(cd);
	return out;
}

Test(encode, names)
{
	cr_assert_str_eq(encode_name("utf-8"), "UTF-8");
	cr_assert_str_eq(encode_name("GB18030"), "GB18030");
	cr_assert_str_eq(encode_name("gbk"), "GBK");
	cr_assert_null(encode_name("latin1"));
}

Test(encode, gb18030_and_gbk_decode_back_to_the_same_text)
{
	const char *text = "二、主动公开政府信息情况\n危及“三安全一稳定”　全角空格 1,286 条；本年增/减\n";
	const char *encs[] = { "GB18030", "GBK" };

	for (size_t i = 0; i < 2; i++) {
		struct buf b = BUF_INIT;
		char *err = NULL, *back;

		cr_assert_eq(encode_document(text, strlen(text), encs[i], false, &b, &err), 0, "%s", err);
		cr_assert_neq(memcmp(b.data, text, b.len < strlen(text) ? b.len : strlen(text)), 0,
		    "%s bytes differ from UTF-8", encs[i]);
		back = decode(b.data, b.len, encs[i]);
		cr_assert_str_eq(back, text, "%s round trip", encs[i]);
		free(back);
		buf_free(&b);
	}
}

Test(encode, crlf_line_ends)
{
	struct buf b = BUF_INIT;
	char *err = NULL;

	cr_assert_eq(encode_document("一\n二\r\n三\n", strlen("一\n二\r\n三\n"), "UTF-8", true, &b, &err), 0);
	cr_assert_str_eq(b.data, "一\r\n二\r\n三\r\n", "every line ends in CRLF, none doubled");
	buf_free(&b);
}

Test(encode, a_character_outside_gbk_names_its_place)
{
	char *err = NULL;
	int p = tl_cell(r->tpl, "t3.new.person");

	(void)p;
	report_set_text(r, template_part(r->tpl, "s1.request"), "第一段。\n\n吉祥的𠮷字在第二段。", &err);
	cr_assert_eq(encode_check_report(r, "GBK", &err), -1);
	cr_assert_not_null(strstr(err, "𠮷"), "names the character: %s", err);
	cr_assert_not_null(strstr(err, "U+20BB7"), "and its code point: %s", err);
	cr_assert_not_null(strstr(err, "（二）依申请公开"), "and the part: %s", err);
	cr_assert_not_null(strstr(err, "paragraph 2"), "and the paragraph: %s", err);
	free(err);
	err = NULL;
	cr_assert_eq(encode_check_report(r, "GB18030", &err), 0, "GB18030 holds every character");
	cr_assert_eq(encode_check_report(r, "UTF-8", &err), 0);
}

Test(encode, the_agency_is_checked_too)
{
	char *err = NULL;

	report_set_string(&r->agency, "𠮷县政府", &err);
	cr_assert_eq(encode_check_report(r, "GBK", &err), -1);
	cr_assert_not_null(strstr(err, "agency"), "%s", err);
	free(err);
}

Test(encode, the_document_conversion_never_writes_a_question_mark)
{
	struct buf b = BUF_INIT;
	char *err = NULL;
	const char *text = "一\n二𠮷\n";

	cr_assert_eq(encode_document(text, strlen(text), "GBK", false, &b, &err), -1);
	cr_assert_not_null(strstr(err, "line 2"), "%s", err);
	free(err);
	buf_free(&b);
}
