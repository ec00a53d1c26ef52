/*
 * t_export_html.c - the HTML export: the official tables cell for cell with
 * their spans, the six section titles verbatim, every value, and nothing an
 * officer types ever becoming markup.  (tests/html_dom.sh checks the same
 * documents in tidy and in a real browser.)
 */
#include "nb.h"

#include <stdio.h>

#include "export/export.h"
#include "testlib.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

TL_TEMPLATES

TestSuite(html, .init = tl_setup, .fini = tl_teardown);

/* ---- helpers ---- */

/* The 2025 demo report. */
static struct report *
load_demo(void)
{
	return tl_load_example(ts, "demo-2025.nb");
}

/* A fresh report of template id. */
static struct report *
blank_report(const char *id, int year)
{
	struct report *r = report_create(tl_template(ts, id));

	r->year = year;
	return r;
}

/* Put what an officer typed into a cell (no rules engine: the exporter only prints). */
static void
set(struct report *r, const char *id, const char *text)
{
	const struct template *t = r->tpl;
	int c = tl_cell(t, id);
	char *err = NULL;

	cr_assert_eq(value_parse(text, &t->values[c].kind, t->units, t->nunits, &r->cells[c], &err),
	    0, "%s refuses %s: %s", id, text, err);
}

static void
set_text(struct report *r, const char *part, const char *text)
{
	int p = template_part(r->tpl, part);
	char *err = NULL;

	cr_assert_geq(p, 0, "template %s has part %s", r->tpl->id, part);
	cr_assert_eq(report_set_text(r, p, text, &err), 0, "%s", err);
}

/* Export r as HTML; the caller frees. */
static char *
html(const struct report *r, bool fragment, enum export_blank blank, const char *charset,
    struct export_stats *st)
{
	struct export_opts o;
	struct buf b = BUF_INIT;

	export_opts_init(&o);
	o.fragment = fragment;
	o.blank = blank;
	if (charset != NULL)
		o.charset = charset;
	export_html(r, &o, &b, st);
	cr_assert_not_null(b.data, "export_html writes something");
	cr_assert_eq(strlen(b.data), b.len, "no NUL byte in the document");
	return buf_detach(&b);
}

static char *
html_doc(const struct report *r)
{
	return html(r, false, BLANK_ZERO, NULL, NULL);
}

static bool
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool
ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Occurrences of needle in hay. */
static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0, len = strlen(needle);

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += len)
		n++;
	return n;
}

/* s escaped as the exporter must escape it, written here independently. */
static char *
escaped(const char *s)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "");
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&': buf_adds(&b, "&amp;"); break;
		case '<': buf_adds(&b, "&lt;"); break;
		case '>': buf_adds(&b, "&gt;"); break;
		case '"': buf_adds(&b, "&quot;"); break;
		case '\'': buf_adds(&b, "&#39;"); break;
		default: buf_addc(&b, *s);
		}
	}
	return buf_detach(&b);
}

/* The whole start tag of the element whose content is exactly text, or NULL; caller frees. */
static char *
start_tag(const char *doc, const char *text, const char *end_tag)
{
	char *needle = xasprintf(">%s%s", text, end_tag);
	const char *at = strstr(doc, needle), *lt;

	free(needle);
	if (at == NULL)
		return NULL;
	for (lt = at; lt > doc && *lt != '<'; lt--)
		;
	return xstrndup(lt, (size_t)(at - lt + 1));
}

/* The contents of the successive value cells (<td class="nianbao-num" ...>X</td>). */
static char **
num_cells(const char *doc, size_t *n)
{
	char **v = NULL;

	*n = 0;
	for (const char *p = doc; (p = strstr(p, "<td class=\"nianbao-num\"")) != NULL; ) {
		const char *gt = strchr(p, '>'), *end = strstr(gt, "</td>");

		cr_assert(gt != NULL && end != NULL);
		v = xrealloc(v, (*n + 1) * sizeof *v);
		v[(*n)++] = xstrndup(gt + 1, (size_t)(end - gt - 1));
		p = end;
	}
	return v;
}

static void
free_cells(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The value cells of r in document order: sections, tables, rows, grid columns. */
static int *
doc_order(const struct template *t, size_t *n)
{
	int *v = xcalloc(t->nvalues + 1, sizeof *v);

	*n = 0;
	for (int s = 1; s <= TPL_SECTIONS; s++)
		for (size_t i = 0; i < t->ntables; i++)
			for (size_t y = 0; t->tables[i].section == s && y < t->tables[i].nrows; y++)
				for (int x = 0; x < t->tables[i].columns; x++)
					for (size_t c = 0; c < t->tables[i].rows[y].ncells; c++) {
						const struct tpl_gcell *g = &t->tables[i].rows[y].cells[c];

						if (g->col == x && g->value >= 0)
							v[(*n)++] = g->value;
					}
	return v;
}

/* Every value cell prints, in its place, the text export_cell_text gives it. */
static void
assert_values_in_order(const struct report *r, const char *doc, enum export_blank blank)
{
	struct export_opts o;
	size_t n, nwant;
	char **got = num_cells(doc, &n);
	int *want = doc_order(r->tpl, &nwant);
	char text[128];

	export_opts_init(&o);
	o.blank = blank;
	cr_assert_eq(nwant, r->tpl->nvalues, "every value cell is in a table row");
	cr_assert_eq(n, nwant, "%zu value cells printed, the template has %zu", n, nwant);
	for (size_t i = 0; i < n; i++) {
		char *e;

		export_cell_text(r, want[i], &o, NULL, text, sizeof text);
		e = escaped(text);
		cr_assert_str_eq(got[i], e, "cell %s prints \"%s\", not \"%s\"",
		    r->tpl->values[want[i]].id, e, got[i]);
		free(e);
	}
	free(want);
	free_cells(got, n);
}

/* The spans in doc are those of the template: as many colspan="N" and rowspan="N"
 * for every N, one <tr> per row, one cell per grid cell. */
static void
assert_spans_match(const struct template *t, const char *doc)
{
	size_t rows = 0, cells = 0, cs[64] = { 0 }, rs[64] = { 0 };

	for (size_t i = 0; i < t->ntables; i++)
		for (size_t y = 0; y < t->tables[i].nrows; y++, rows++)
			for (size_t c = 0; c < t->tables[i].rows[y].ncells; c++, cells++) {
				const struct tpl_gcell *g = &t->tables[i].rows[y].cells[c];

				cr_assert(g->colspan < 64 && g->rowspan < 64);
				cs[g->colspan]++;
				rs[g->rowspan]++;
			}
	cr_assert_eq(count(doc, "<table "), t->ntables, "one <table> per template table");
	cr_assert_eq(count(doc, "<tr>"), rows, "%s: %zu <tr>, %zu template rows", t->id,
	    count(doc, "<tr>"), rows);
	cr_assert_eq(count(doc, "<td ") + count(doc, "<th "), cells, "%s: one cell per grid cell", t->id);
	for (int k = 2; k < 64; k++) {
		char c[32], r[32];

		snprintf(c, sizeof c, " colspan=\"%d\"", k);
		snprintf(r, sizeof r, " rowspan=\"%d\"", k);
		cr_assert_eq(count(doc, c), cs[k], "%s: %zu cells with colspan %d, template has %zu",
		    t->id, count(doc, c), k, cs[k]);
		cr_assert_eq(count(doc, r), rs[k], "%s: %zu cells with rowspan %d, template has %zu",
		    t->id, count(doc, r), k, rs[k]);
	}
	cr_assert_eq(count(doc, "colspan=\"1\"") + count(doc, "rowspan=\"1\""), 0,
	    "no span attribute of 1");
}

/* The start tag of the cell holding text must have the attribute attr. */
static void
assert_cell_attr(const char *doc, const char *text, const char *end_tag, const char *attr)
{
	char *tag = start_tag(doc, text, end_tag);

	cr_assert_not_null(tag, "a cell holds exactly \"%s\"", text);
	cr_assert_not_null(strstr(tag, attr), "the cell \"%s\" has %s: %s", text, attr, tag);
	free(tag);
}

static void
assert_cell_lacks(const char *doc, const char *text, const char *end_tag, const char *attr)
{
	char *tag = start_tag(doc, text, end_tag);

	cr_assert_not_null(tag, "a cell holds exactly \"%s\"", text);
	cr_assert_null(strstr(tag, attr), "the cell \"%s\" has no %s: %s", text, attr, tag);
	free(tag);
}

static const char *const official_titles[] = {
	"一、总体情况",
	"二、主动公开政府信息情况",
	"三、收到和处理政府信息公开申请情况",
	"四、政府信息公开行政复议、行政诉讼情况",
	"五、存在的主要问题及改进情况",
	"六、其他需要报告的事项",
};

/* ---- the demo ---- */

Test(html, demo_is_one_self_contained_document)
{
	struct report *r = load_demo();
	char *doc = html_doc(r);
	size_t n = strlen(doc);

	cr_assert(starts(doc, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"),
	    "starts as an HTML5 document in Chinese: %.60s", doc);
	cr_assert(ends(doc, "</body>\n</html>\n"));
	cr_assert_eq(count(doc, "<meta charset=\"UTF-8\">"), 1);
	cr_assert_eq(count(doc, "<title>示例县自然资源局2025年政府信息公开工作年度报告</title>"), 1);
	cr_assert_eq(count(doc, ">示例县自然资源局2025年政府信息公开工作年度报告</h1>"), 1);
	cr_assert_eq(count(doc, "<style>"), 1, "one inline style sheet");
	cr_assert_eq(count(doc, "</style>"), 1);
	cr_assert_not_null(strstr(doc, "@page { size: A4; margin: 2cm }"), "A4 print layout");
	cr_assert_not_null(strstr(doc, "@media print"));
	for (const char *const *bad = (const char *const[]){ "<script", "<link", "<img", "<iframe",
	    "<object", "<embed", "<base", "src=", "href=", "url(", "@import", "://", "\r", NULL };
	    *bad != NULL; bad++)
		cr_assert_null(strstr(doc, *bad), "no script or external resource: \"%s\"", *bad);
	cr_assert(utf8_valid(doc, n), "valid UTF-8");
	cr_assert_eq(count(doc, "<body>"), 1);
	cr_assert_eq(count(doc, "<div class=\"nianbao-report\" lang=\"zh-CN\">"), 1);
	free(doc);
	report_free(r);
}

Test(html, demo_every_value_in_its_cell)
{
	struct report *r = load_demo();
	char *doc = html_doc(r);

	assert_values_in_order(r, doc, BLANK_ZERO);
	cr_assert_eq(count(doc, ">41.26</td>"), 1, "the money value of block （八）");
	cr_assert_eq(count(doc, "\" colspan=\"3\" style=\"border:1px solid #000; padding:4px 6px; "
	    "text-align:right\""), 4,
	    "the four values of blocks （五）（六）（八） span three columns");
	free(doc);
	report_free(r);
}

Test(html, section_titles_verbatim_in_h2)
{
	struct report *r = load_demo();
	char *doc = html_doc(r);
	const char *at = doc;

	for (int s = 1; s <= TPL_SECTIONS; s++) {
		char *h2 = xasprintf("<h2>%s</h2>", official_titles[s - 1]);
		const char *p = strstr(doc, h2);

		cr_assert_str_eq(r->tpl->sections[s].title, official_titles[s - 1]);
		cr_assert_not_null(p, "%s", h2);
		cr_assert(p > at, "%s comes after the previous section", h2);
		cr_assert_eq(count(doc, h2), 1);
		at = p;
		free(h2);
	}
	cr_assert_eq(count(doc, "<h2"), 6, "six sections, no other <h2>");
	free(doc);
	report_free(r);
}

Test(html, demo_texts_as_paragraphs_under_their_titles)
{
	struct report *r = load_demo();
	char *doc = html_doc(r);
	const struct template *t = r->tpl;
	size_t paras = 0;

	for (size_t i = 0; i < t->nparts; i++) {
		const char *text = r->texts[i];

		for (const char *p = text; *p != '\0'; ) {
			size_t len = strcspn(p, "\n");
			char *line = xstrndup(p, len), *e = escaped(line), *want = xasprintf("<p>%s</p>", e);

			if (len > 0) {
				cr_assert_eq(count(doc, want), 1, "paragraph of %s: %s", t->parts[i].id, want);
				paras++;
			}
			free(want);
			free(e);
			free(line);
			p += len + (p[len] == '\n');
		}
		if (t->parts[i].title[0] != '\0') {
			char *h3 = xasprintf("<h3>%s</h3>", t->parts[i].title);

			cr_assert_eq(count(doc, h3), 1, "%s", h3);
			free(h3);
		}
	}
	cr_assert_eq(count(doc, "<p>"), paras, "one <p> per line of text and no other");
	cr_assert_not_null(strstr(doc, "p { text-indent:2em;"), "paragraphs are indented two characters");
	cr_assert_not_null(strstr(doc, "<p class=\"nianbao-closing\">示例县自然资源局</p>\n"
	    "<p class=\"nianbao-closing\">2026年1月20日</p>\n</div>"), "closing lines last");
	cr_assert_not_null(strstr(doc, "p.nianbao-closing { text-align:right;"), "right-aligned");
	/* the preface comes before 一、 and after the title */
	cr_assert(strstr(doc, "<p>根据《中华人民共和国政府信息公开条例》") < strstr(doc, "<h2>一、"));
	cr_assert(strstr(doc, "</h1>") < strstr(doc, "<p>根据"));
	free(doc);
	report_free(r);
}

/* ---- the layout of the tables ---- */

Test(html, spans_of_2021_as_in_the_template)
{
	struct report *r = load_demo();
	char *doc = html_doc(r);

	assert_spans_match(r->tpl, doc);
	assert_cell_attr(doc, "三、本年度办理结果", "</th>", " rowspan=\"22\"");
	assert_cell_attr(doc, "（三）不予公开", "</th>", " rowspan=\"8\"");
	assert_cell_attr(doc, "（六）其他处理", "</th>", " rowspan=\"3\"");
	assert_cell_attr(doc, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
	    "</th>", " colspan=\"3\" rowspan=\"3\"");
	assert_cell_attr(doc, "申请人情况", "</th>", " colspan=\"7\"");
	assert_cell_attr(doc, "法人或其他组织", "</th>", " colspan=\"5\"");
	assert_cell_attr(doc, "行政诉讼", "</th>", " colspan=\"10\"");
	assert_cell_attr(doc, "第二十条第（一）项", "</th>", " colspan=\"4\"");
	assert_cell_attr(doc, "本年收费金额（单位：万元）", "</th>", " colspan=\"3\"");
	assert_cell_attr(doc, "（七）总计", "</th>", " colspan=\"2\"");
	assert_cell_attr(doc, "四、结转下年度继续办理", "</th>", " colspan=\"3\"");
	cr_assert_eq(count(doc, "rowspan=\"20\""), 0, "2021 has no rowspan of 20");
	free(doc);
	report_free(r);
}

Test(html, table_and_cell_borders_as_attributes_and_inline_css)
{
	struct report *r = load_demo();
	char *doc = html_doc(r);

	cr_assert_eq(count(doc, "<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" "
	    "style=\"border-collapse:collapse;"), 3, "the three tables");
	cr_assert_eq(count(doc, "style=\"border:1px solid #000;"), count(doc, "<td ") + count(doc, "<th "),
	    "every cell has its border inline");
	cr_assert_eq(count(doc, "<th>") + count(doc, "<td>"), 0);
	/* labels are <th> (row labels scoped to their row, for screen readers), numbers <td> */
	assert_cell_attr(doc, "第二十条第（一）项", "</th>", "<th ");
	assert_cell_attr(doc, "自然人", "</th>", " scope=\"col\"");
	assert_cell_attr(doc, "规章", "</th>", " scope=\"row\"");
	assert_cell_attr(doc, "规章", "</th>", "font-weight:normal");
	assert_cell_attr(doc, "44", "</td>", "text-align:right");
	/* a heading of one to three characters never wraps in a narrow column, longer ones may */
	assert_cell_attr(doc, "总计", "</th>", "white-space:nowrap");
	assert_cell_attr(doc, "自然人", "</th>", "white-space:nowrap");
	assert_cell_lacks(doc, "结果维持", "</th>", "nowrap");
	assert_cell_lacks(doc, "申请人情况", "</th>", "nowrap");
	free(doc);
	report_free(r);
}

Test(html, spans_of_2019_as_in_the_template)
{
	struct report *r = blank_report("gov-2019", 2020);
	char *doc, *err = NULL;

	cr_assert_eq(report_set_string(&r->agency, "示例市财政局", &err), 0);
	set(r, "t2.reg.made", "0");
	set(r, "t2.norm.made", "3");
	set(r, "t2.permit.change", "-2");
	set(r, "t2.fee.change", "+5");
	set(r, "t2.purchase.items", "12");
	set(r, "t2.purchase.amount", "640.492万元");
	set(r, "t3.new.person", "7");
	set(r, "t3.other.person", "1");
	set(r, "t4.cases.rv_keep", "/");
	doc = html_doc(r);
	assert_spans_match(r->tpl, doc);
	assert_values_in_order(r, doc, BLANK_ZERO);
	assert_cell_attr(doc, "三、本年度办理结果", "</th>", " rowspan=\"20\"");
	assert_cell_attr(doc, "（六）其他处理", "</th>", " colspan=\"2\"");
	assert_cell_attr(doc, "第二十条第（九）项", "</th>", " colspan=\"5\"");
	assert_cell_attr(doc, "本年增/减", "</th>", " colspan=\"2\"");
	cr_assert_eq(count(doc, "rowspan=\"22\""), 0, "2019 has no rowspan of 22");
	cr_assert_eq(count(doc, "<title>示例市财政局2020年政府信息公开工作年度报告</title>"), 1);
	cr_assert_not_null(strstr(doc, ">640.492万元</td>"), "money keeps its unit");
	cr_assert_not_null(strstr(doc, ">-2</td>") ? strstr(doc, ">-2</td>") : strstr(doc, ">减2</td>"));
	for (int s = 1; s <= TPL_SECTIONS; s++) {
		char *h2 = xasprintf("<h2>%s</h2>", official_titles[s - 1]);

		cr_assert_eq(count(doc, h2), 1, "2019: %s", h2);
		free(h2);
	}
	cr_assert_eq(count(doc, "<h3>"), 0, "no part title without its text");
	cr_assert_eq(count(doc, "<p"), 1, "only the closing agency line: %s", doc);
	free(doc);
	report_free(r);
}

/* ---- escaping ---- */

static const char *const payloads[] = {
	"<script>alert(1)</script>",
	"<img src=x onerror=alert(1)>",
	"<!-- 注释 -->",
	"<![CDATA[ x ]]>",
	"]]>",
	"</p></div></body></html><h1>假标题</h1>",
	"</title><style>body{display:none}</style>",
	"\"双引号\" 'single' “弯引号”",
	"A&B &amp; &lt;b&gt; &#60; &",
	"<a href=\"javascript:alert(1)\">点此</a>",
	"<iframe src=//evil.example></iframe>",
	"<svg onload=alert(1)>",
	"<textarea></textarea><noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
};

#define NPAYLOADS (sizeof payloads / sizeof payloads[0])

/* The raw sequences no export may contain outside its own markup. */
static const char *const raw_bad[] = {
	"<script", "<img", "<!--", "-->", "]]>", "<![CDATA[", "<iframe", "<svg", "<a ",
	"<textarea", "<noscript", "<h1>假", "</title><style>", "A&B", "&amp; &lt;", "'single'",
	"\"双引号\"", "onerror=alert(1)>", "javascript:alert(1)\"",
};

/* A report whose every text is the payloads, one a line, and agency and date too. */
static struct report *
payload_report(const char *id, bool benign)
{
	struct report *r = blank_report(id, 2025);
	struct buf text = BUF_INIT;
	char *err = NULL;

	for (size_t i = 0; i < NPAYLOADS; i++)
		buf_addf(&text, "%s%s", benign ? "正文" : payloads[i], i + 1 < NPAYLOADS ? "\n" : "");
	for (size_t i = 0; i < r->tpl->nparts; i++)
		set_text(r, r->tpl->parts[i].id, text.data);
	cr_assert_eq(report_set_string(&r->agency, benign ? "机关" : "<b>机关</b>&\"'<!--", &err), 0);
	cr_assert_eq(report_set_string(&r->date, benign ? "日期" : "2026年<script>x</script>]]>", &err), 0);
	buf_free(&text);
	return r;
}

static void
assert_payloads_escaped(const char *doc)
{
	for (size_t i = 0; i < sizeof raw_bad / sizeof raw_bad[0]; i++)
		cr_assert_null(strstr(doc, raw_bad[i]), "raw \"%s\" in the export", raw_bad[i]);
	for (size_t i = 0; i < NPAYLOADS; i++) {
		char *e = escaped(payloads[i]), *p = xasprintf(">%s</p>\n", e);

		cr_assert_not_null(strstr(doc, p), "the payload as text: %s", p);
		free(p);
		free(e);
	}
	cr_assert_not_null(strstr(doc, ">&lt;b&gt;机关&lt;/b&gt;&amp;&quot;&#39;&lt;!--</p>"), "agency");
	cr_assert_not_null(strstr(doc, ">2026年&lt;script&gt;x&lt;/script&gt;]]&gt;</p>"), "date");
	cr_assert_not_null(strstr(doc, ">&lt;b&gt;机关&lt;/b&gt;&amp;&quot;&#39;&lt;!--2025年政府信息公开工作年度报告</h1>"),
	    "agency in the title");
}

Test(html, payloads_come_out_as_text)
{
	for (int t = 0; t < 2; t++) {
		const char *id = t == 0 ? "gov-2021" : "gov-2019";
		struct report *r = payload_report(id, false), *ok = payload_report(id, true);
		char *doc = html_doc(r), *frag = html(r, true, BLANK_ZERO, NULL, NULL);
		char *okdoc = html_doc(ok), *okfrag = html(ok, true, BLANK_ZERO, NULL, NULL);

		assert_payloads_escaped(doc);
		assert_payloads_escaped(frag);
		cr_assert_not_null(strstr(doc, "<title>&lt;b&gt;机关&lt;/b&gt;&amp;&quot;&#39;&lt;!--2025年"),
		    "agency in <title>");
		/* the same markup as a report of harmless text: every '<' and '>' is ours */
		cr_assert_eq(count(doc, "<"), count(okdoc, "<"), "%s: no markup from the text", id);
		cr_assert_eq(count(doc, ">"), count(okdoc, ">"), "%s: no markup from the text", id);
		cr_assert_eq(count(frag, "<"), count(okfrag, "<"), "%s fragment", id);
		cr_assert_eq(count(doc, "\""), count(okdoc, "\""), "%s: no quote from the text", id);
		cr_assert_eq(count(doc, "'"), count(okdoc, "'"), "%s: no apostrophe from the text", id);
		free(doc);
		free(frag);
		free(okdoc);
		free(okfrag);
		report_free(r);
		report_free(ok);
	}
}

Test(html, control_characters_cannot_reach_the_page)
{
	struct report *r = blank_report("gov-2021", 2025);
	int p = template_part(r->tpl, "s5.body");
	char *doc;

	/* A report never holds them (report_set_text refuses them); the exporter must not trust that. */
	free(r->texts[p]);
	r->texts[p] = xstrdup("甲\x01乙\x1b[31m丙\x7f丁\xC2\x85戊\xC2\xA0己\t庚");
	doc = html_doc(r);
	cr_assert_not_null(strstr(doc, "<p>甲\xEF\xBF\xBD乙\xEF\xBF\xBD[31m丙\xEF\xBF\xBD丁\xEF\xBF\xBD"
	    "戊\xC2\xA0己\t庚</p>"), "C0, DEL and C1 controls become U+FFFD, the rest stays");
	cr_assert(utf8_valid(doc, strlen(doc)));
	free(doc);
	report_free(r);
}

/* ---- fragment ---- */

Test(html, fragment_is_the_content_only_with_inline_styles)
{
	struct report *r = load_demo();
	char *frag = html(r, true, BLANK_ZERO, NULL, NULL), *doc = html_doc(r);
	const char *h1 = "<h1 style=\"";

	cr_assert(starts(frag, "<div class=\"nianbao-report\" lang=\"zh-CN\" style=\"font-family:"),
	    "%.60s", frag);
	cr_assert(ends(frag, "</div>\n"));
	cr_assert_eq(count(frag, "<div"), 1);
	cr_assert_eq(count(frag, "</div>"), 1);
	for (const char *const *bad = (const char *const[]){ "<!DOCTYPE", "<html", "</html", "<head",
	    "<body", "<style", "<meta", "<title", "<script", "<link", NULL }; *bad != NULL; bad++)
		cr_assert_null(strstr(frag, *bad), "no %s in a fragment", *bad);
	cr_assert_not_null(strstr(frag, h1), "the title styled inline");
	cr_assert(strstr(frag, h1) < strstr(frag, "<h2"), "from <h1> on");
	cr_assert_eq(count(frag, "<p style=\"text-indent:2em;"), count(doc, "<p>"),
	    "every paragraph indented inline");
	cr_assert_eq(count(frag, "<p class=\"nianbao-closing\" style=\"text-align:right;"), 2,
	    "closing lines right-aligned inline");
	cr_assert_eq(count(frag, "<h2 style=\""), 6);
	cr_assert_eq(count(frag, "<h2"), 6);
	cr_assert_eq(count(frag, "<h3 style=\""), count(frag, "<h3"));
	cr_assert_eq(count(frag, "style=\"border:1px solid #000;"), count(frag, "<td ") + count(frag, "<th "));
	assert_spans_match(r->tpl, frag);
	assert_values_in_order(r, frag, BLANK_ZERO);
	/* the content of the document is the fragment apart from the styling */
	cr_assert_eq(count(frag, "<"), count(strstr(doc, "<div"), "<") - 2, "same elements as the body");
	free(frag);
	free(doc);
	report_free(r);
}

/* ---- blank cells ---- */

Test(html, blank_cells_print_0_or_nothing_and_are_counted)
{
	struct report *r = blank_report("gov-2021", 2025);
	struct export_stats st = { 0 };
	size_t n = r->tpl->nvalues, got;
	char *doc;
	char **cells;

	doc = html(r, false, BLANK_ZERO, NULL, &st);
	cr_assert_eq(st.blanks_as_zero, n, "all %zu blank cells printed as 0 (got %zu)", n, st.blanks_as_zero);
	assert_values_in_order(r, doc, BLANK_ZERO);
	free(doc);

	st.blanks_as_zero = 0;
	doc = html(r, false, BLANK_EMPTY, NULL, &st);
	cr_assert_eq(st.blanks_as_zero, 0);
	cells = num_cells(doc, &got);
	cr_assert_eq(got, n);
	for (size_t i = 0; i < got; i++)
		cr_assert_str_eq(cells[i], "", "a blank cell stays empty");
	free_cells(cells, got);
	free(doc);

	set(r, "t2.reg.made", "/");
	set(r, "t2.norm.made", "0");
	set(r, "t3.new.person", "12");
	set(r, "t2.fee.amount", "3.5");
	st.blanks_as_zero = 0;
	doc = html(r, false, BLANK_ZERO, NULL, &st);
	cr_assert_eq(st.blanks_as_zero, n - 4, "only the blank cells are counted");
	assert_values_in_order(r, doc, BLANK_ZERO);
	free(doc);
	st.blanks_as_zero = 0;
	doc = html(r, false, BLANK_EMPTY, NULL, &st);
	cr_assert_eq(st.blanks_as_zero, 0);
	assert_values_in_order(r, doc, BLANK_EMPTY);
	cr_assert_not_null(strstr(doc, ">/</td>"));
	cr_assert_not_null(strstr(doc, ">3.5</td>"));
	cells = num_cells(doc, &got);
	cr_assert_str_eq(cells[1], "", "t2.reg.repealed stays blank");
	free_cells(cells, got);
	free(doc);
	doc = html(r, true, BLANK_ZERO, NULL, NULL);	/* no stats wanted */
	free(doc);
	report_free(r);
}

/* ---- charset and determinism ---- */

Test(html, charset_meta_follows_the_option)
{
	struct report *r = load_demo();
	const char *sets[] = { "UTF-8", "GB18030", "GBK" };

	for (size_t i = 0; i < 3; i++) {
		char *doc = html(r, false, BLANK_ZERO, sets[i], NULL), *frag = html(r, true, BLANK_ZERO, sets[i], NULL);
		char *meta = xasprintf("<head>\n<meta charset=\"%s\">\n", sets[i]);

		cr_assert_not_null(strstr(doc, meta), "%s", meta);
		cr_assert_eq(count(doc, "charset"), 1, "one charset declaration");
		cr_assert_null(strstr(frag, "charset"), "a fragment declares none");
		free(meta);
		free(doc);
		free(frag);
	}
	report_free(r);
}

Test(html, same_report_same_bytes)
{
	struct report *r = load_demo();
	char *a = html_doc(r), *b = html_doc(r);

	cr_assert_str_eq(a, b);
	free(a);
	free(b);
	report_free(r);
}

Test(html, blank_lines_and_indents_are_not_paragraphs)
{
	struct report *r = blank_report("gov-2021", 2025);
	char *doc;

	set_text(r, "s1.active", "\n  \n　　第一段\n\n\t第二段　\r\n \n");
	set_text(r, "s1.request", "\n　　\n \n");
	doc = html_doc(r);
	cr_assert_not_null(strstr(doc, "<h3>（一）主动公开</h3>\n<p>第一段</p>\n<p>第二段</p>\n"));
	cr_assert_eq(count(doc, "<p>"), 2, "blank lines make no paragraph");
	cr_assert_null(strstr(doc, "（二）依申请公开"), "a part of blank lines has no title");
	cr_assert_null(strstr(doc, "nianbao-closing\">"), "no closing line without agency or date");
	free(doc);
	report_free(r);
}
