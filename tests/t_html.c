/*
 * t_html.c - reading a published report's web page: the official tables
 * with their spans in the right grid columns, running text as lines with
 * their headings and source lines, the CMS page around it, and tag soup.
 */
#include <config.h>

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "import/htmlsrc.h"
#include "import/srcdoc.h"
#include "testlib.h"

/* ---- helpers ---- */

static struct srcdoc
doc_of(const char *html)
{
	struct srcdoc d = SRCDOC_INIT;

	html_read(html, strlen(html), &d);
	return d;
}

/* Item i, which must be a line of text t. */
static void
line_is(const struct srcdoc *d, size_t i, const char *t)
{
	cr_assert_lt(i, d->n, "item %zu exists (there are %zu)", i, d->n);
	cr_assert_eq(d->v[i].kind, SRC_LINE, "item %zu is a line", i);
	cr_assert_str_eq(d->v[i].text, t, "item %zu", i);
}

/* Item i, which must be a row of table whose cells are "col:text" in cells (NULL-ended). */
static void
row_is(const struct srcdoc *d, size_t i, int table, const char *const *cells)
{
	const struct src_item *it = &d->v[i];
	size_t n = 0;

	cr_assert_lt(i, d->n, "item %zu exists (there are %zu)", i, d->n);
	cr_assert_eq(it->kind, SRC_ROW, "item %zu is a row", i);
	cr_assert_eq(it->table, table, "item %zu is of table %d, not %d", i, table, it->table);
	for (; cells[n] != NULL; n++) {
		char got[512];

		cr_assert_lt(n, it->ncells, "row %zu has cell %zu (%s)", i, n, cells[n]);
		snprintf(got, sizeof got, "%d:%s", it->cells[n].col, it->cells[n].text);
		cr_assert_str_eq(got, cells[n], "row %zu cell %zu", i, n);
	}
	cr_assert_eq(it->ncells, n, "row %zu has %zu cells, want %zu", i, it->ncells, n);
}

#define ROW(d, i, table, ...) row_is(d, i, table, (const char *const[]){ __VA_ARGS__, NULL })

/* ---- tables ---- */

/* The 2021 format's 表三, header and first rows, as the official template lays it out. */
static const char table3[] =
    "<table border=1>\n"
    "<tr><th colspan=3 rowspan=3>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th><th colspan=7>申请人情况</th></tr>\n"
    "<tr><th rowspan=2>自然人</th><th colspan=5>法人或其他组织</th><th rowspan=2>总计</th></tr>\n"
    "<tr><th>商业企业</th><th>科研机构</th><th>社会公益组织</th><th>法律服务机构</th><th>其他</th></tr>\n"
    "<tr><td colspan=3>一、本年新收政府信息公开申请数量</td><td>4</td><td></td><td></td><td></td><td></td><td></td><td>4</td></tr>\n"
    "<tr><td colspan=3>二、上年结转政府信息公开申请数量</td><td>0</td><td></td><td></td><td></td><td></td><td></td><td>0</td></tr>\n"
    "<tr><td rowspan=22>三、本年度办理结果</td><td colspan=2>（一）予以公开</td><td>1</td><td></td><td></td><td></td><td></td><td></td><td>1</td></tr>\n"
    "<tr><td colspan=2>（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td><td>2</td><td></td><td></td><td></td><td></td><td></td><td>2</td></tr>\n"
    "<tr><td rowspan=8>（三）不予公开</td><td>1.属于国家秘密</td><td></td><td></td><td></td><td></td><td></td><td></td><td></td></tr>\n"
    "<tr><td>2.其他法律行政法规禁止公开</td><td></td><td></td><td></td><td></td><td></td><td></td><td></td></tr>\n"
    "</table>\n";

Test(html, official_table_spans_give_grid_columns)
{
	struct srcdoc d = doc_of(table3);

	cr_assert_eq(d.n, 9);
	cr_assert_eq(d.ntables, 1);
	ROW(&d, 0, 0, "0:（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
	    "3:申请人情况");
	ROW(&d, 1, 0, "3:自然人", "4:法人或其他组织", "9:总计");
	ROW(&d, 2, 0, "4:商业企业", "5:科研机构", "6:社会公益组织", "7:法律服务机构", "8:其他");
	ROW(&d, 3, 0, "0:一、本年新收政府信息公开申请数量", "3:4", "4:", "5:", "6:", "7:", "8:",
	    "9:4");
	ROW(&d, 5, 0, "0:三、本年度办理结果", "1:（一）予以公开", "3:1", "4:", "5:", "6:", "7:",
	    "8:", "9:1");
	ROW(&d, 6, 0, "1:（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "3:2", "4:",
	    "5:", "6:", "7:", "8:", "9:2");
	ROW(&d, 7, 0, "1:（三）不予公开", "2:1.属于国家秘密", "3:", "4:", "5:", "6:", "7:", "8:",
	    "9:");
	ROW(&d, 8, 0, "2:2.其他法律行政法规禁止公开", "3:", "4:", "5:", "6:", "7:", "8:", "9:");
	cr_assert_eq(d.v[0].cells[0].colspan, 3);
	cr_assert_eq(d.v[0].cells[0].rowspan, 3);
	cr_assert_eq(d.v[5].cells[0].rowspan, 22);
	cr_assert_eq(d.v[1].line, 3, "a row is on the line of its <tr>");
	cr_assert_eq(d.v[8].cells[0].line, 10);
	srcdoc_free(&d);
}

Test(html, cell_text_line_breaks_collapse)
{
	struct srcdoc d = doc_of("<table><tr><td>本年新<br>制作数量</td><td>a<br/>b</td>"
	    "<td><p>本年</p>\n<p>废止</p></td><td>\n\t\t现行\n\t\t有效件数\n</td>"
	    "<td><div>In</div><div>force</div></td><td>  </td></tr></table>");

	ROW(&d, 0, 0, "0:本年新制作数量", "1:a b", "2:本年废止", "3:现行有效件数", "4:In force",
	    "5:");
	srcdoc_free(&d);
}

Test(html, implied_end_tags)
{
	struct srcdoc d = doc_of("<TABLE>\n<TR><TD>a<TD ROWSPAN=2>b\n<TR><TD>c\n<tr><td>d<td>e<td/>f"
	    "</table><p>after");

	cr_assert_eq(d.n, 4);
	ROW(&d, 0, 0, "0:a", "1:b");
	ROW(&d, 1, 0, "0:c");
	ROW(&d, 2, 0, "0:d", "1:e", "2:f");
	line_is(&d, 3, "after");
	srcdoc_free(&d);
}

Test(html, cells_without_rows_and_rows_without_cells)
{
	struct srcdoc d = doc_of("<table><tbody><td>x</td><td>y</td><tr></tr><tr>\n</tr>"
	    "<tr><th>z</th></tbody></table>");

	cr_assert_eq(d.n, 2, "a row with no cells is not a row");
	ROW(&d, 0, 0, "0:x", "1:y");
	ROW(&d, 1, 0, "0:z");
	srcdoc_free(&d);
}

Test(html, span_attributes_clamped)
{
	struct srcdoc d = doc_of("<table><tr><td colspan=0>a<td colspan=\"5000\">b<td colspan=x rowspan=-2>c"
	    "<td colspan='2px'>d<td colspan=&#51;>e</table>");
	const struct src_cell *c = d.v[0].cells;

	cr_assert_eq(d.v[0].ncells, 5);
	cr_assert_eq(c[0].colspan, 1);
	cr_assert_eq(c[1].colspan, 1000);
	cr_assert_eq(c[2].colspan, 1);
	cr_assert_eq(c[2].rowspan, 1);
	cr_assert_eq(c[3].colspan, 2);
	cr_assert_eq(c[4].colspan, 3, "references are decoded in attribute values");
	cr_assert_eq(c[4].col, 1 + 1000 + 1 + 2);
	srcdoc_free(&d);
}

Test(html, row_groups_end_rowspans)
{
	/* a browser stops a rowspan at the end of its row group */
	struct srcdoc d = doc_of("<table><thead><tr><th rowspan=3>h</th><th>i</th></tr></thead>"
	    "<tbody><tr><td>a</td><td>b</td></tr></tbody></table>");

	ROW(&d, 1, 0, "0:a", "1:b");
	srcdoc_free(&d);
}

Test(html, caption_and_table_indexes)
{
	struct srcdoc d = doc_of("<table><caption>表一 主动公开</caption><tr><td>1</td><td>3</td></tr></table>"
	    "<table><tr></tr></table>"
	    "<table><tr><td>2</td><td>4</td></tr><caption>late</caption></table>");

	cr_assert_eq(d.ntables, 2, "a table with no cells gets no index");
	line_is(&d, 0, "表一 主动公开");
	ROW(&d, 1, 0, "0:1", "1:3");
	line_is(&d, 2, "late");
	ROW(&d, 3, 1, "0:2", "1:4");
	srcdoc_free(&d);
}

/* A CMS page: the whole page laid out in a table, the report's tables in one of its cells. */
static const char cms[] =
    "<html><head><title>  某某县人民政府\n  2021年政府信息公开工作年度报告 </title>\n"
    "<script>var s = '<table><tr><td>no</td></tr></table>';</script>\n"
    "<style>td { color: red } /* <p>no</p> */</style></head>\n"
    "<body>\n"
    "<table width=1000><tr><td>首页</td><td>&gt; 政务公开</td></tr>\n"		/* 6 */
    "<tr><td>\n"
    "<h2>某某县2021年政府信息公开工作年度报告</h2>\n"			/* 8 */
    "<p>一、总体情况</p>\n"
    "<table><tr><td>信息内容</td><td>本年制发件数</td></tr>\n"		/* 10 */
    "<tr><td>规章</td><td>0</td></tr></table>\n"
    "<p>二、主动公开政府信息情况</p>\n"					/* 12 */
    "<table><tr><td>行政许可</td><td>386</td></tr></table>\n"		/* 13 */
    "结束语\n"								/* 14 */
    "</td></tr>\n"
    "<tr><td>版权所有</td></tr></table>\n"				/* 16 */
    "</body></html>\n";

Test(html, nested_layout_table_with_cms_chrome)
{
	struct srcdoc d = doc_of(cms);

	cr_assert_str_eq(d.title, "某某县人民政府 2021年政府信息公开工作年度报告");
	cr_assert_eq(d.n, 10);
	line_is(&d, 0, "首页");
	line_is(&d, 1, "> 政务公开");
	line_is(&d, 2, "某某县2021年政府信息公开工作年度报告");
	cr_assert_eq(d.v[2].heading, 2);
	cr_assert_eq(d.v[2].line, 8, "the title took two lines");
	line_is(&d, 3, "一、总体情况");
	ROW(&d, 4, 0, "0:信息内容", "1:本年制发件数");
	ROW(&d, 5, 0, "0:规章", "1:0");
	line_is(&d, 6, "二、主动公开政府信息情况");
	cr_assert_eq(d.v[6].line, 12);
	ROW(&d, 7, 1, "0:行政许可", "1:386");
	line_is(&d, 8, "结束语");
	cr_assert_eq(d.v[8].line, 14);
	line_is(&d, 9, "版权所有");
	cr_assert_eq(d.v[9].line, 16);
	cr_assert_eq(d.ntables, 2);
	srcdoc_free(&d);
}

Test(html, layout_decided_after_rows_were_read)
{
	/* the first rows look like data until a table opens in a later cell */
	struct srcdoc d = doc_of("<table><tr><td>导航</td><td>搜索</td></tr>"
	    "<tr><td>第一段<br>第二段<table><tr><td>x</td><td>y</td></tr></table>尾</td></tr></table>");

	line_is(&d, 0, "导航");
	line_is(&d, 1, "搜索");
	line_is(&d, 2, "第一段");
	line_is(&d, 3, "第二段");
	ROW(&d, 4, 0, "0:x", "1:y");
	line_is(&d, 5, "尾");
	cr_assert_eq(d.n, 6);
	srcdoc_free(&d);
}

/* ---- running text ---- */

Test(html, lines_headings_and_line_numbers)
{
	struct srcdoc d = doc_of("<body>\n<h1>标题</h1>\n<p>\n  第一段\n  继续</p><p>Second\nline"
	    "<br>third<span> inline </span><b>bold</b></p>\n<h3>（一）主动公开</h3><div>x</div>"
	    "<ul><li>甲<li>乙</ul>");

	line_is(&d, 0, "标题");
	cr_assert_eq(d.v[0].heading, 1);
	cr_assert_eq(d.v[0].line, 2);
	line_is(&d, 1, "第一段继续");
	cr_assert_eq(d.v[1].line, 4, "where the text starts, not the <p>");
	cr_assert_eq(d.v[1].heading, 0);
	line_is(&d, 2, "Second line");
	line_is(&d, 3, "third inline bold");
	line_is(&d, 4, "（一）主动公开");
	cr_assert_eq(d.v[4].heading, 3);
	cr_assert_eq(d.v[4].line, 7);
	line_is(&d, 5, "x");
	line_is(&d, 6, "甲");
	line_is(&d, 7, "乙");
	cr_assert_eq(d.n, 8);
	srcdoc_free(&d);
}

Test(html, white_space)
{
	struct srcdoc d = doc_of("<p>中\t文 and  two   spaces, 中 文</p><p>a\n\tb</p>"
	    "<p>\xe3\x80\x80\xe3\x80\x80缩进</p><p>x&nbsp;&nbsp;y</p><pre>甲  乙\n丙\n\n丁</pre>");

	line_is(&d, 0, "中文 and  two   spaces, 中 文");
	line_is(&d, 1, "a b");
	line_is(&d, 2, "缩进");
	line_is(&d, 3, "x\xc2\xa0\xc2\xa0y");
	line_is(&d, 4, "甲  乙");
	line_is(&d, 5, "丙");
	line_is(&d, 6, "丁");
	cr_assert_eq(d.v[6].line, 5, "the <p> before has a line break");
	srcdoc_free(&d);
}

Test(html, character_references)
{
	struct srcdoc d = doc_of("<p>&amp;&lt;&gt;&quot;&apos;&#20013;&#x6587;&#X6587;&ldquo;x&rdquo;"
	    "&lsquo;&rsquo;&mdash;&ndash;&hellip;&middot;&times;&divide;&yen;&copy;&reg;&laquo;&raquo;"
	    "</p><p>&#0;&#xD800;&#x110000;&#99999999999;</p><p>&foo; & &# &amp &ampx &lt3 &;</p>"
	    "<p>a&emsp;b&ensp;c&thinsp;d</p>");

	line_is(&d, 0, "&<>\"'中文文\u201cx\u201d\u2018\u2019\u2014\u2013\u2026\u00b7\u00d7\u00f7"
	    "\u00a5\u00a9\u00ae\u00ab\u00bb");
	line_is(&d, 1, "\ufffd\ufffd\ufffd\ufffd");
	line_is(&d, 2, "&foo; & &# & &ampx &lt3 &;");
	line_is(&d, 3, "a\u2003b\u2002c\u2009d");
	srcdoc_free(&d);
}

Test(html, head_scripts_and_comments_are_not_text)
{
	struct srcdoc d = doc_of("<!DOCTYPE html><html><head><meta charset=utf-8><title>T&amp;T</title>"
	    "<link rel=x></head><body><!-- <p>hidden</p> --><p>shown</p><script>if (a<b) x();"
	    "</SCRIPT ><noscript>no</noscript><template><p>t</p></template><p>end</p>");

	cr_assert_str_eq(d.title, "T&T");
	cr_assert_eq(d.n, 2);
	line_is(&d, 0, "shown");
	line_is(&d, 1, "end");
	srcdoc_free(&d);
}

/* ---- tag soup ---- */

Test(html, tag_soup_never_fails)
{
	const char *soup[] = {
		"", "<", "</", "<!--", "<!-- unterminated", "<p", "<p class=\"open",
		"<td>", "</table></table><p>x", "a < b and c<d", "<table><td/><td/>",
		"<table><tr><td><table><tr><td>", "<script>", "<title>", "&", "&#x",
		"<table><caption><table><td>x", "<TABLE><TR><TD COLSPAN>y", "<<<>>>",
		"<pre>", "</pre></pre>", "<head>text", "<table>text<tr>more<td>cell",
	};

	for (size_t i = 0; i < sizeof soup / sizeof *soup; i++) {
		struct srcdoc d = doc_of(soup[i]);

		for (size_t k = 0; k < d.n; k++)
			if (d.v[k].kind == SRC_LINE)
				cr_assert_neq(d.v[k].text[0], '\0');
		srcdoc_free(&d);
	}
}

Test(html, lt_in_text_and_stray_table_end)
{
	struct srcdoc d = doc_of("<p>a < b, 1<2</p></table></td><p>x</p><head>still text");

	line_is(&d, 0, "a < b, 1<2");
	line_is(&d, 1, "x");
	line_is(&d, 2, "still text");
	srcdoc_free(&d);
}

Test(html, deep_nesting_is_capped)
{
	struct buf b = BUF_INIT;
	struct srcdoc d = SRCDOC_INIT;

	for (int i = 0; i < 100000; i++)
		buf_adds(&b, "<table><tr><td>");
	buf_adds(&b, "deep");
	html_read(b.data, b.len, &d);
	/* 63 layout tables, and the 64th holding what is deeper as its cell's
	 * text: a single cell, which frames text rather than tabulating it */
	cr_assert_eq(d.n, 1);
	line_is(&d, 0, "deep");
	srcdoc_free(&d);
	buf_free(&b);
}

/* The largest page a source may be reads whole: every row, none merged or lost.
 * (How fast is bench/'s business, not a test's.) */
Test(html, largest_page_reads_every_row)
{
	struct buf b = BUF_INIT;
	struct srcdoc d = SRCDOC_INIT;
	size_t rows = 0;

	buf_adds(&b, "<table>");
	while (b.len < ((size_t)16 << 20) - 200) {
		buf_adds(&b, "<tr><td rowspan=3>一、总体情况</td><td colspan=2>&nbsp;</td>\n");
		rows++;
	}
	buf_adds(&b, "</table>");
	html_read(b.data, b.len, &d);
	cr_assert_eq(d.n, rows);
	cr_assert_eq(d.v[rows - 1].kind, SRC_ROW);
	cr_assert_eq(d.v[rows - 1].ncells, 2);
	cr_assert_str_eq(d.v[rows - 1].cells[0].text, "一、总体情况");
	srcdoc_free(&d);
	buf_free(&b);
}

/* A page that frames its whole text in a one-cell table: lines, not one cell. */
Test(html, single_cell_table_frames_lines)
{
	struct srcdoc d = doc_of("<table><tr><td><p>一、总体情况</p><p>全年公开100条。</p></td></tr></table>");

	cr_assert_eq(d.n, 2);
	line_is(&d, 0, "一、总体情况");
	line_is(&d, 1, "全年公开100条。");
	srcdoc_free(&d);
}

/* ---- our own export ---- */

Test(html, our_export_reads_back)
{
	struct tplset *ts = tl_templates();
	struct report *r = tl_load_example(ts, "demo-2025.nb");
	struct export_opts o;
	struct buf out = BUF_INIT, title = BUF_INIT;
	struct srcdoc d = SRCDOC_INIT;
	char *err = NULL;
	size_t rows = 0;
	bool found = false;

	cr_assert_eq(report_set_text(r, 1, "第一段  两个空格 and  two spaces\n第二段", &err), 0,
	    "%s", err ? err : "");
	export_opts_init(&o);
	export_html(r, &o, &out, NULL);
	html_read(out.data, out.len, &d);
	report_title(r, &title);
	cr_assert_str_eq(d.title, title.data);
	cr_assert_eq(d.ntables, (int)r->tpl->ntables);
	for (size_t i = 0; i < d.n; i++) {
		if (d.v[i].kind == SRC_ROW)
			rows++;
		else if (strcmp(d.v[i].text, "第一段  两个空格 and  two spaces") == 0)
			found = i + 1 < d.n && strcmp(d.v[i + 1].text, "第二段") == 0;
	}
	cr_assert(found, "a paragraph's spaces survive, paragraphs stay lines");
	cr_assert_gt(rows, 30);
	srcdoc_free(&d);
	buf_free(&out);
	buf_free(&title);
	report_free(r);
	tplset_free(ts);
}
