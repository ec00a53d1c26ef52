/*
 * t_source.c - a published report's bytes as UTF-8 text: GBK pages whatever
 * their label says, UTF-16 from Notepad, binary refused with its place, and
 * line numbers that stay those of the file.
 */
#include <config.h>

#include <criterion/criterion.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import/source.h"

/* ---- helpers ---- */

/* UTF-8 text s in encoding `to`, built with iconv; *n gets the length. */
static char *
encode(const char *s, const char *to, size_t *n)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	size_t left = strlen(s), room = left * 4 + 4;
	char *out = calloc(room, 1), *o = out, *in = (char *)s;

	cr_assert_neq(cd, (iconv_t)-1, "iconv knows %s", to);
	cr_assert_neq(iconv(cd, &in, &left, &o, &room), (size_t)-1, "\"%s\" fits %s", s, to);
	iconv_close(cd);
	*n = (size_t)(o - out);
	return out;
}

/* True if iconv reads the n bytes at s as encoding `from` without error. */
static bool
iconv_reads(const char *s, size_t n, const char *from)
{
	iconv_t cd = iconv_open("UTF-8", from);
	char out[4096], *o = out, *in = (char *)s;
	size_t room = sizeof out;
	size_t rc = iconv(cd, &in, &n, &o, &room);

	iconv_close(cd);
	return rc != (size_t)-1;
}

/* Decode n bytes that must be text; returns the source (caller frees). */
static struct source
decode_ok(const char *bytes, size_t n)
{
	struct source s;
	char *err = NULL;

	cr_assert_eq(source_decode(bytes, n, &s, &err), 0, "decodes: %s", err ? err : "");
	cr_assert_null(err);
	cr_assert_eq(strlen(s.text), s.len, "text is NUL-terminated at len, no NUL inside");
	return s;
}

/* Decode n bytes that must be refused; returns the message (caller frees). */
static char *
decode_err(const char *bytes, size_t n)
{
	struct source s;
	char *err = NULL;

	cr_assert_eq(source_decode(bytes, n, &s, &err), -1, "refused");
	cr_assert_not_null(err, "with a message");
	cr_assert_null(s.text);
	return err;
}

static void
err_has(const char *err, const char *want)
{
	cr_assert_not_null(strstr(err, want), "message \"%s\" has \"%s\"", err, want);
}

/* ---- encodings ---- */

Test(source, utf8_text_is_kept_as_it_is)
{
	const char *t = "二〇二四年政府信息公开工作年度报告\n一、总体情况\n";
	struct source s = decode_ok(t, strlen(t));

	cr_assert_str_eq(s.encoding, "UTF-8");
	cr_assert_eq(s.type, SOURCE_TEXT);
	cr_assert_str_eq(s.text, t);
	source_free(&s);
}

Test(source, utf8_bom_is_dropped)
{
	const char *t = "\xef\xbb\xbf一、总体情况\n";
	struct source s = decode_ok(t, strlen(t));

	cr_assert_str_eq(s.encoding, "UTF-8");
	cr_assert_str_eq(s.text, "一、总体情况\n");
	source_free(&s);
}

Test(source, gbk_page_labelled_gb2312_with_gbk_only_characters)
{
	/* 镕 and 堃 are in GBK but not GB2312: a strict GB2312 reader fails on them */
	const char *page = "<html><head>\n"
	    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\n"
	    "</head><body><p>朱镕基、王堃同志：政府信息公开</p></body></html>\n";
	size_t n;
	char *gbk = encode(page, "GBK", &n);
	struct source s;

	cr_assert(!iconv_reads(gbk, n, "GB2312"), "the label alone would lose the page");
	s = decode_ok(gbk, n);
	cr_assert_str_eq(s.encoding, "GB18030");
	cr_assert_eq(s.type, SOURCE_HTML);
	cr_assert_str_eq(s.text, page);
	source_free(&s);
	free(gbk);
}

Test(source, utf8_page_mislabelled_gbk_is_read_as_utf8)
{
	/* these UTF-8 bytes are also valid GB18030 (as mojibake): failure cannot decide */
	const char *page = "<!DOCTYPE html>\n<html><head><meta charset=\"gbk\"></head>\n"
	    "<body><p>政府信息公开</p></body></html>\n";
	struct source s;

	cr_assert(iconv_reads(page, strlen(page), "GB18030"));
	s = decode_ok(page, strlen(page));
	cr_assert_str_eq(s.encoding, "UTF-8");
	cr_assert_str_eq(s.text, page);
	source_free(&s);
}

Test(source, gb18030_page_mislabelled_utf8_is_read_as_gb18030)
{
	const char *page = "<html><head><meta charset=utf-8></head><body>依申请公开</body></html>";
	size_t n;
	char *gb = encode(page, "GB18030", &n);
	struct source s = decode_ok(gb, n);

	cr_assert_str_eq(s.encoding, "GB18030");
	cr_assert_str_eq(s.text, page);
	source_free(&s);
	free(gb);
}

Test(source, charset_declarations_in_any_quoting_and_case)
{
	const char *pages[] = {
		"<HTML><HEAD><META HTTP-EQUIV='Content-Type' CONTENT='text/html; CHARSET=GBK'></HEAD>",
		"<html><meta charset = GB18030 />",
		"<html><meta\tcontent=\"text/html;charset=x-gbk\" http-equiv=\"content-type\">",
		"<?xml version=\"1.0\" encoding=\"gb2312\"?>\n<html>",
	};

	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
		struct source s = decode_ok(pages[i], strlen(pages[i]));

		/* ASCII only: the declaration decides what the bytes were read as */
		cr_assert_str_eq(s.encoding, "GB18030", "page %zu", i);
		cr_assert_eq(s.type, SOURCE_HTML, "page %zu", i);
		source_free(&s);
	}
}

Test(source, undeclared_gbk_text_file)
{
	const char *t = "政府信息公开工作年度报告\n（一）主动公开\n";
	size_t n;
	char *gbk = encode(t, "GBK", &n);
	struct source s = decode_ok(gbk, n);

	cr_assert_str_eq(s.encoding, "GB18030");
	cr_assert_eq(s.type, SOURCE_TEXT);
	cr_assert_str_eq(s.text, t);
	source_free(&s);
	free(gbk);
}

Test(source, utf16_with_bom_from_notepad)
{
	const char *encs[] = { "UTF-16LE", "UTF-16BE" };
	const char *boms[] = { "\xff\xfe", "\xfe\xff" };

	for (size_t i = 0; i < 2; i++) {
		size_t n;
		char *body = encode("一、总体情况\r\n本年度\r\n", encs[i], &n);
		char *bytes = malloc(n + 2);
		struct source s;

		memcpy(bytes, boms[i], 2);
		memcpy(bytes + 2, body, n);
		s = decode_ok(bytes, n + 2);
		cr_assert_str_eq(s.encoding, encs[i]);
		cr_assert_str_eq(s.text, "一、总体情况\n本年度\n", "BOM dropped, CRLF now LF");
		source_free(&s);
		free(bytes);
		free(body);
	}
}

/* ---- refusals ---- */

Test(source, nul_byte_is_binary_with_its_place)
{
	char *err = decode_err("line one\nab\0cd", 14);

	err_has(err, "binary");
	err_has(err, "byte 12");
	err_has(err, "line 2");
	free(err);
}

Test(source, nul_unit_in_utf16_is_binary)
{
	char *err = decode_err("\xff\xfe" "a\0\n\0\0\0", 8);

	err_has(err, "binary");
	err_has(err, "line 2");
	free(err);
}

Test(source, neither_utf8_nor_gb18030_names_the_line)
{
	/* GBK lines, then a byte no encoding of ours has: the GB18030 reading got furthest */
	const char *t = "第一行\n第二行\n坏\n";
	size_t n;
	char *gbk = encode(t, "GBK", &n);
	char *err;

	gbk[n - 3] = '\xff';
	err = decode_err(gbk, n);
	err_has(err, "not UTF-8 or GB18030");
	err_has(err, "line 3");
	free(err);
	free(gbk);
}

Test(source, broken_utf8_in_a_utf8_file_names_its_line)
{
	const char *t = "一、总体情况\n二、主动公开\n\x80\x80\x80 三\n";
	char *err = decode_err(t, strlen(t));

	err_has(err, "line 3");
	free(err);
}

Test(source, empty_and_blank_files)
{
	const char *blank = " \r\n\t\xe3\x80\x80\n";
	char *err = decode_err("", 0);

	err_has(err, "empty");
	free(err);
	err = decode_err(blank, strlen(blank));
	err_has(err, "empty");
	free(err);
}

Test(source, too_large)
{
	char *big = malloc(SOURCE_MAX + 1);
	char *err;

	memset(big, 'a', SOURCE_MAX + 1);
	err = decode_err(big, SOURCE_MAX + 1);
	err_has(err, "16777217 bytes");
	err_has(err, "16 MiB");
	free(err);
	free(big);
}

/* ---- lines and type ---- */

Test(source, line_ends_become_lf_and_keep_line_numbers)
{
	const char *t = "一\r\n二\r三\r\n\r\n五\n六";
	struct source s = decode_ok(t, strlen(t));

	cr_assert_str_eq(s.text, "一\n二\n三\n\n五\n六");
	cr_assert_eq(s.len, strlen("一\n二\n三\n\n五\n六"));
	source_free(&s);
}

Test(source, html_or_text)
{
	const char *html[] = { "<p>正文", "\n  <!DOCTYPE html>\n<html>", "<DIV class=x>a</DIV>",
		"\xef\xbb\xbf<table><tr><td>1" };
	const char *text[] = { "<一>正文", "<abc> is not a page", "正文 <p> later",
		"<tablet>", "<" };

	for (size_t i = 0; i < sizeof html / sizeof *html; i++) {
		struct source s = decode_ok(html[i], strlen(html[i]));

		cr_assert_eq(s.type, SOURCE_HTML, "\"%s\" is a page", html[i]);
		source_free(&s);
	}
	for (size_t i = 0; i < sizeof text / sizeof *text; i++) {
		struct source s = decode_ok(text[i], strlen(text[i]));

		cr_assert_eq(s.type, SOURCE_TEXT, "\"%s\" is text", text[i]);
		source_free(&s);
	}
}

/* ---- files ---- */

/* A temporary file holding n bytes; returns its path (caller frees and unlinks). */
static char *
temp_file(const char *bytes, size_t n)
{
	char *path = strdup("/tmp/t_source.XXXXXX");
	int fd = mkstemp(path);

	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, bytes, n), (ssize_t)n);
	close(fd);
	return path;
}

Test(source, read_a_file)
{
	const char *t = "<html><body><p>一</p>\r\n</body></html>";
	char *path = temp_file(t, strlen(t));
	struct source s;
	char *err = NULL;

	cr_assert_eq(source_read(path, &s, &err), 0, "%s", err ? err : "");
	cr_assert_eq(s.type, SOURCE_HTML);
	cr_assert_str_eq(s.text, "<html><body><p>一</p>\n</body></html>");
	source_free(&s);
	unlink(path);
	free(path);
}

Test(source, read_stdin)
{
	int p[2];
	struct source s;
	char *err = NULL;

	cr_assert_eq(pipe(p), 0);
	cr_assert_eq(write(p[1], "一\n二\n", strlen("一\n二\n")), (ssize_t)strlen("一\n二\n"));
	close(p[1]);
	cr_assert_eq(dup2(p[0], STDIN_FILENO), STDIN_FILENO);
	close(p[0]);
	cr_assert_eq(source_read("-", &s, &err), 0, "%s", err ? err : "");
	cr_assert_str_eq(s.text, "一\n二\n");
	source_free(&s);
}

Test(source, read_errors)
{
	struct source s;
	char *err = NULL, *path;
	int fd;

	cr_assert_eq(source_read("/nonexistent/report.html", &s, &err), -1);
	cr_assert_not_null(err);
	free(err);
	err = NULL;
	cr_assert_eq(source_read("/tmp", &s, &err), -1, "a directory is refused");
	cr_assert_not_null(err);
	free(err);
	err = NULL;

	/* refused by its size, before anything is read */
	path = temp_file("", 0);
	fd = open(path, O_WRONLY);
	cr_assert_eq(ftruncate(fd, (off_t)SOURCE_MAX + 1), 0);
	close(fd);
	cr_assert_eq(source_read(path, &s, &err), -1);
	err_has(err, "16777217 bytes");
	free(err);
	unlink(path);
	free(path);
}
