/*
 * t_export_text.c - the standard text export: the title and the six section
 * titles verbatim, paragraphs indented and wrapped without losing a
 * character, and every table drawn as a box grid that keeps the template's
 * spans, lines up at ambiguous width 1 and 2, fits the page when it can and
 * shows every value in row order.
 *
 * T_EXPORT_TEXT_SAMPLE=FILE also writes the demo's export at width 80 there.
 */
#include "nb.h"

#include <stdio.h>

#include "export/export.h"
#include "lib/buf.h"
#include "testlib.h"
#include "lib/utf8.h"
#include "lib/width.h"
#include "lib/xalloc.h"

#define INDENT "　　"

TL_TEMPLATES

TestSuite(text, .init = tl_setup, .fini = tl_teardown);

/* ---- helpers ---- */

/* The 2025 demo report. */
static struct report *
load_demo(void)
{
	return tl_load_example(ts, "demo-2025.nb");
}

/* A fresh report of template id. */
static struct report *
new_report(const char *id, int year, const char *agency)
{
	struct report *r = report_create(tl_template(ts, id));
	char *err = NULL;

	r->year = year;
	cr_assert_eq(report_set_string(&r->agency, agency, &err), 0);
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

	cr_assert_geq(p, 0, "part %s", part);
	cr_assert_eq(report_set_text(r, p, text, &err), 0);
}

/* The text export as lines (the last "\n" ends the last line). */
struct doc {
	char	*text;
	char	**line;
	size_t	 n;
	struct export_stats st;
};

static void
export_doc(const struct report *r, int width, int amb, enum export_blank blank, struct doc *d)
{
	struct export_opts o;
	struct buf b = BUF_INIT;
	char *p;

	export_opts_init(&o);
	o.width = width;
	o.ambiguous = amb;
	o.blank = blank;
	memset(d, 0, sizeof *d);
	export_text(r, &o, &b, &d->st);
	cr_assert_not_null(b.data);
	cr_assert(utf8_valid(b.data, b.len), "the export is UTF-8");
	cr_assert_null(strchr(b.data, '\r'), "LF line ends only");
	cr_assert_eq(b.data[b.len - 1], '\n', "the last line ends");
	d->text = buf_detach(&b);
	p = xstrdup(d->text);
	for (char *s = p, *nl; (nl = strchr(s, '\n')) != NULL; s = nl + 1) {
		*nl = '\0';
		d->line = xrealloc(d->line, (d->n + 1) * sizeof *d->line);
		d->line[d->n++] = s;
	}
	if (d->n == 0)
		free(p);
}

static void
doc_free(struct doc *d)
{
	if (d->n > 0)
		free(d->line[0]);
	free(d->line);
	free(d->text);
}

static int
cols(const char *s, int amb)
{
	return (int)width_str(s, strlen(s), amb);
}

static bool
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A line of a table: it starts with a box-drawing character. */
static bool
is_table_line(const char *s)
{
	return starts(s, "┌") || starts(s, "├") || starts(s, "│") || starts(s, "└");
}

/* The k-th table of d (0-based): its first line and its number of lines. */
static size_t
table_lines(const struct doc *d, int k, size_t *first)
{
	for (size_t i = 0; i < d->n; i++) {
		size_t j = i;

		if (!is_table_line(d->line[i]))
			continue;
		while (j < d->n && is_table_line(d->line[j]))
			j++;
		if (k-- == 0) {
			*first = i;
			return j - i;
		}
		i = j;
	}
	cr_assert_fail("no table %d", k);
	return 0;
}

/* Number of tables in d. */
static int
count_tables(const struct doc *d)
{
	int n = 0;

	for (size_t i = 0; i < d->n; i++)
		if (is_table_line(d->line[i]) && (i == 0 || !is_table_line(d->line[i - 1])))
			n++;
	return n;
}

/* True if the bytes at s are a box-drawing character (U+2500..U+257F). */
static bool
is_box(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	return u[0] == 0xE2 && (u[1] == 0x94 || u[1] == 0x95);
}

/* Occurrences of needle in s. */
static int
occurrences(const char *s, const char *needle)
{
	int n = 0;

	for (const char *p = s; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* Occurrences of needle in the lines [first, first + n) of d. */
static int
occurrences_in(const struct doc *d, size_t first, size_t n, const char *needle)
{
	int k = 0;

	for (size_t i = first; i < first + n; i++)
		k += occurrences(d->line[i], needle);
	return k;
}

/* Does tok look like a printed value: "/", or a signed decimal with an optional unit? */
static bool
is_value(const char *tok, const struct template *t)
{
	const char *p = tok;

	if (strcmp(tok, "/") == 0)
		return true;
	if (*p == '+' || *p == '-')
		p++;
	if (!(*p >= '0' && *p <= '9'))
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		if (!(p[1] >= '0' && p[1] <= '9'))
			return false;
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	}
	if (*p == '\0')
		return true;
	for (size_t i = 0; i < t->nunits; i++)
		if (strcmp(p, t->units[i]) == 0)
			return true;
	return false;
}

/* Append to out the value-like texts between the box characters of a line. */
static void
value_tokens(const char *line, const struct template *t, struct buf *out)
{
	const char *s = line;

	while (*s != '\0') {
		const char *e = s;
		char *tok;
		size_t a = 0, z;

		while (*e != '\0' && !is_box(e))
			e++;
		z = (size_t)(e - s);
		while (a < z && s[a] == ' ')
			a++;
		while (z > a && s[z - 1] == ' ')
			z--;
		tok = xstrndup(s + a, z - a);
		if (is_value(tok, t)) {
			buf_adds(out, tok);
			buf_addc(out, ' ');
		}
		free(tok);
		s = *e != '\0' ? e + 3 : e;
	}
}

/* The value-like texts of table k, in reading order, space-separated. */
static char *
table_values(const struct doc *d, int k, const struct template *t)
{
	struct buf b = BUF_INIT;
	size_t first, n = table_lines(d, k, &first);

	for (size_t i = first; i < first + n; i++)
		value_tokens(d->line[i], t, &b);
	buf_addc(&b, '\0');
	return buf_detach(&b);
}

/* What table k should show: its values in template order (blanks as o says). */
static char *
expected_values(const struct report *r, int k, enum export_blank blank)
{
	const struct template *t = r->tpl;
	struct export_opts o;
	struct buf b = BUF_INIT;
	int ti = -1;

	export_opts_init(&o);
	o.blank = blank;
	/* the k-th table in section order */
	for (int s = 1, seen = 0; s <= TPL_SECTIONS && ti < 0; s++)
		for (size_t i = 0; i < t->ntables && ti < 0; i++)
			if (t->tables[i].section == s && seen++ == k)
				ti = (int)i;
	cr_assert_geq(ti, 0);
	for (size_t v = 0; v < t->nvalues; v++) {
		char text[64];

		if (t->values[v].table != ti)
			continue;
		export_cell_text(r, (int)v, &o, NULL, text, sizeof text);
		if (text[0] != '\0') {
			buf_adds(&b, text);
			buf_addc(&b, ' ');
		}
	}
	buf_addc(&b, '\0');
	return buf_detach(&b);
}

/* Byte offset in s of display column col (amb), or strlen(s). */
static size_t
byte_at_col(const char *s, int col, int amb)
{
	size_t i = 0, n = strlen(s);
	int c = 0;

	while (i < n && c < col) {
		size_t k = utf8_seqlen(s + i, n - i);

		c += (int)width_str(s + i, k, amb);
		i += k;
	}
	return i;
}

/*
 * The text of the box in which line `at` of d shows `start`: the box's
 * columns are those between the box characters around start, and its text
 * lines are the following lines of the same columns, up to a box character
 * or an empty slice.  Returns the lines joined, and *lines their number.
 */
static char *
box_text(const struct doc *d, size_t at, const char *start, int amb, int *lines)
{
	const char *line = d->line[at], *p = strstr(line, start), *l = line, *e = p;
	struct buf b = BUF_INIT;
	int c0, c1;

	cr_assert_not_null(p, "line %zu shows %s", at, start);
	for (const char *q = line; q < p; q++)
		if (is_box(q))
			l = q + 3;
	while (*e != '\0' && !is_box(e))
		e++;
	c0 = (int)width_str(line, (size_t)(l - line), amb);
	c1 = (int)width_str(line, (size_t)(e - line), amb);
	*lines = 0;
	for (size_t i = at; i < d->n; i++) {
		const char *s = d->line[i];
		size_t a = byte_at_col(s, c0, amb), z = byte_at_col(s, c1, amb);
		bool boxed = false;

		for (size_t k = a; k < z; k++)
			boxed |= is_box(s + k);
		while (a < z && s[a] == ' ')
			a++;
		while (z > a && s[z - 1] == ' ')
			z--;
		if (boxed || a == z)
			break;
		buf_add(&b, s + a, z - a);
		(*lines)++;
	}
	buf_addc(&b, '\0');
	return buf_detach(&b);
}

/* Index of the first line of d containing s at or after line from, or -1. */
static long
find_line(const struct doc *d, size_t from, const char *s)
{
	for (size_t i = from; i < d->n; i++)
		if (strstr(d->line[i], s) != NULL)
			return (long)i;
	return -1;
}

/* Index of the first table line of d containing s, or -1. */
static long
find_table_line(const struct doc *d, const char *s)
{
	for (size_t i = 0; i < d->n; i++)
		if (is_table_line(d->line[i]) && strstr(d->line[i], s) != NULL)
			return (long)i;
	return -1;
}

/* ---- the document ---- */

Test(text, title_is_the_template_title_centred)
{
	struct report *r = load_demo();
	struct buf title = BUF_INIT;
	struct doc d;
	const char *s;

	report_title(r, &title);
	cr_assert_str_eq(title.data, "示例县自然资源局2025年政府信息公开工作年度报告");
	export_doc(r, 80, 1, BLANK_ZERO, &d);
	s = d.line[0];
	while (*s == ' ')
		s++;
	cr_assert_str_eq(s, title.data);
	cr_assert_eq((int)(s - d.line[0]), (80 - cols(title.data, 1)) / 2, "centred in 80 columns");
	cr_assert_str_eq(d.line[1], "", "a blank line after the title");
	doc_free(&d);
	buf_free(&title);
	report_free(r);
}

Test(text, the_six_section_titles_in_order)
{
	struct report *r = load_demo();
	static const char *const titles[] = {
		"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
		"四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
		"六、其他需要报告的事项"
	};

	for (int amb = 1; amb <= 2; amb++) {
		struct doc d;
		size_t at = 0;

		export_doc(r, 80, amb, BLANK_ZERO, &d);
		for (int s = 0; s < 6; s++) {
			size_t i = at;

			while (i < d.n && strcmp(d.line[i], titles[s]) != 0)
				i++;
			cr_assert_lt(i, d.n, "%s is a line of its own, after the one before", titles[s]);
			cr_assert_str_eq(d.line[i - 1], "", "a blank line before %s", titles[s]);
			at = i + 1;
		}
		cr_assert_eq(count_tables(&d), 3, "the tables of sections 二, 三 and 四");
		doc_free(&d);
	}
	report_free(r);
}

Test(text, paragraphs_are_indented_wrapped_and_whole)
{
	struct report *r = load_demo();
	const struct template *t = r->tpl;

	for (int width = 60; width <= 100; width += 20) {
		struct doc d;
		size_t from = 0;

		export_doc(r, width, 1, BLANK_ZERO, &d);
		for (size_t p = 0; p < t->nparts; p++) {
			const char *text = r->texts[p];

			for (const char *s = text, *nl; *s != '\0'; s = *nl != '\0' ? nl + 1 : nl) {
				struct buf got = BUF_INIT;
				char *want;
				long i;

				nl = strchr(s, '\n');
				if (nl == NULL)
					nl = s + strlen(s);
				if (nl == s)
					continue;
				want = xasprintf(INDENT "%.*s", (int)(nl - s), s);
				/* the paragraph's first line, and the lines that go on with it */
				for (i = (long)from; (size_t)i < d.n; i++)
					if (starts(d.line[i], INDENT) && starts(want, d.line[i]))
						break;
				cr_assert_lt((size_t)i, d.n, "width %d: paragraph of %s starts a line with "
				    "two U+3000: %.30s", width, t->parts[p].id, want);
				buf_adds(&got, d.line[i]);
				while ((size_t)++i < d.n && d.line[i][0] != '\0' && !starts(d.line[i], INDENT))
					buf_adds(&got, d.line[i]);
				cr_assert_str_eq(got.data, want, "width %d: the paragraph is all there", width);
				from = (size_t)i;
				free(want);
				buf_free(&got);
			}
		}
		for (size_t i = 0; i < d.n; i++)
			if (!is_table_line(d.line[i]))
				cr_assert_leq(cols(d.line[i], 1), width, "line %zu fits %d: %s", i, width,
				    d.line[i]);
		doc_free(&d);
	}
	report_free(r);
}

Test(text, no_line_starts_with_closing_punctuation)
{
	struct report *r = load_demo();
	static const char *const closing[] = { "，", "。", "、", "；", "：", "？", "！", "）", "》", "”" };

	for (int width = 40; width <= 100; width += 6) {
		struct doc d;

		export_doc(r, width, 1, BLANK_ZERO, &d);
		for (size_t i = 0; i < d.n; i++)
			for (size_t k = 0; k < sizeof closing / sizeof *closing; k++)
				cr_assert(!starts(d.line[i], closing[k]), "width %d, line %zu: %s", width, i,
				    d.line[i]);
		doc_free(&d);
	}
	report_free(r);
}

Test(text, closing_lines_are_right_aligned)
{
	struct report *r = load_demo();
	struct doc d;
	const char *agency, *date;

	export_doc(r, 80, 1, BLANK_ZERO, &d);
	agency = d.line[d.n - 2];
	date = d.line[d.n - 1];
	cr_assert_eq(cols(agency, 1), 80);
	cr_assert_eq(cols(date, 1), 80);
	cr_assert_str_eq(agency + strspn(agency, " "), "示例县自然资源局");
	cr_assert_str_eq(date + strspn(date, " "), "2026年1月20日");
	cr_assert_str_eq(d.line[d.n - 3], "");
	doc_free(&d);
	report_free(r);
}

Test(text, empty_parts_leave_out_their_titles)
{
	struct report *r = new_report("gov-2021", 2025, "");
	struct doc d;

	set_text(r, "s1.request", "本年度未收到政府信息公开申请。");
	set_text(r, "s1.manage", "\n  　\n");
	export_doc(r, 80, 1, BLANK_ZERO, &d);
	cr_assert_neq(find_line(&d, 0, "（二）依申请公开"), -1);
	cr_assert_str_eq(d.line[find_line(&d, 0, "（二）依申请公开") + 1], INDENT "本年度未收到政府信息公开申请。");
	cr_assert_eq(find_line(&d, 0, "（一）主动公开"), -1);
	cr_assert_eq(find_line(&d, 0, "（三）政府信息管理"), -1, "a part of blank lines is empty");
	cr_assert_eq(find_line(&d, 0, "（五）监督保障"), -1);
	/* neither preface nor closing lines: the text ends with the last section's title */
	cr_assert_str_eq(d.line[2], "一、总体情况");
	cr_assert_str_eq(d.line[d.n - 1], "六、其他需要报告的事项");
	doc_free(&d);
	report_free(r);
}

Test(text, paragraphs_are_trimmed_and_blank_lines_skipped)
{
	struct report *r = new_report("gov-2021", 2025, "某局");
	struct doc d;
	long i;

	set_text(r, "s5.body", "  　第一段。\r\n\n\n　　第二段。  \n");
	export_doc(r, 80, 1, BLANK_ZERO, &d);
	i = find_line(&d, 0, "第一段");
	cr_assert_neq(i, -1);
	cr_assert_str_eq(d.line[i], INDENT "第一段。");
	cr_assert_str_eq(d.line[i + 1], INDENT "第二段。");
	doc_free(&d);
	report_free(r);
}

/* ---- tables ---- */

Test(text, every_table_line_has_one_width_that_fits)
{
	struct report *r = load_demo();

	for (int width = 80; width <= 100; width += 20)
		for (int amb = 1; amb <= 2; amb++) {
			struct doc d;

			export_doc(r, width, amb, BLANK_ZERO, &d);
			for (int k = 0; k < count_tables(&d); k++) {
				size_t first, n = table_lines(&d, k, &first);
				int w = cols(d.line[first], amb);

				cr_assert_leq(w, width, "table %d fits %d columns at ambiguous %d", k, width, amb);
				for (size_t i = first; i < first + n; i++)
					cr_assert_eq(cols(d.line[i], amb), w, "width %d ambiguous %d table %d: "
					    "line %zu is %d columns, the first %d:\n%s", width, amb, k, i,
					    cols(d.line[i], amb), w, d.line[i]);
			}
			doc_free(&d);
		}
	report_free(r);
}

Test(text, narrow_pages_keep_the_grids_whole)
{
	struct report *r = load_demo();

	for (int width = 10; width <= 70; width += 12)
		for (int amb = 1; amb <= 2; amb++) {
			struct doc d;

			export_doc(r, width, amb, BLANK_ZERO, &d);
			for (int k = 0; k < 3; k++) {
				size_t first, n = table_lines(&d, k, &first);
				char *got = table_values(&d, k, r->tpl), *want = expected_values(r, k, BLANK_ZERO);

				for (size_t i = first; i < first + n; i++)
					cr_assert_eq(cols(d.line[i], amb), cols(d.line[first], amb));
				cr_assert_str_eq(got, want, "width %d ambiguous %d table %d", width, amb, k);
				free(got);
				free(want);
			}
			doc_free(&d);
		}
	report_free(r);
}

Test(text, every_value_in_row_order)
{
	struct report *r = load_demo();

	for (int width = 80; width <= 100; width += 20)
		for (int amb = 1; amb <= 2; amb++) {
			struct doc d;

			export_doc(r, width, amb, BLANK_ZERO, &d);
			cr_assert_eq(d.st.blanks_as_zero, 0, "the demo has no blank cell");
			for (int k = 0; k < 3; k++) {
				char *got = table_values(&d, k, r->tpl), *want = expected_values(r, k, BLANK_ZERO);

				cr_assert_str_eq(got, want, "width %d ambiguous %d table %d", width, amb, k);
				free(got);
				free(want);
			}
			doc_free(&d);
		}
	report_free(r);
}

Test(text, merged_cells_are_one_box)
{
	struct report *r = load_demo();

	for (int width = 80; width <= 100; width += 20) {
		struct doc d;
		size_t f2, f3, f4, n2, n3, n4;
		long i;

		export_doc(r, width, 1, BLANK_ZERO, &d);
		n2 = table_lines(&d, 0, &f2);
		n3 = table_lines(&d, 1, &f3);
		n4 = table_lines(&d, 2, &f4);
		cr_assert_eq(occurrences_in(&d, f3, n3, "申请人情况"), 1);
		cr_assert_eq(occurrences_in(&d, f3, n3, "法人或其他组织"), 1);
		cr_assert_eq(occurrences_in(&d, f4, n4, "行政复议"), 1);
		cr_assert_eq(occurrences_in(&d, f4, n4, "行政诉讼"), 1);
		cr_assert_eq(occurrences_in(&d, f4, n4, "未经复议直接起诉"), 1);
		cr_assert_eq(occurrences_in(&d, f4, n4, "复议后起诉"), 1);
		cr_assert_eq(occurrences_in(&d, f4, n4, "结果维持"), 0, "narrow: wrapped");
		/* top rules: 3x3 corner | 申请人情况; 行政复议 | 行政诉讼 */
		cr_assert_eq(occurrences(d.line[f3], "┬"), 1, "%s", d.line[f3]);
		cr_assert_eq(occurrences(d.line[f4], "┬"), 1, "%s", d.line[f4]);
		/* bottom rule of table 三: the 3-column label and 7 values */
		cr_assert_eq(occurrences(d.line[f3 + n3 - 1], "┴"), 7);
		/* a rule crosses the label columns only where column A changes: the
		 * corner (3 rows) and 三、本年度办理结果 (22 rows) are one box each */
		{
			int k = 0;

			for (size_t j = f3; j < f3 + n3; j++)
				k += starts(d.line[j], "├");
			cr_assert_eq(k, 4, "between h3|new, new|carried, carried|open, total|next");
			k = 0;
			for (size_t j = f4; j < f4 + n4; j++)
				k += starts(d.line[j], "├");
			cr_assert_eq(k, 2, "table 四: h1|h2 and h3|data (结果维持 spans h2 and h3)");
		}
		/* no rule is drawn across the boxes of column A in table 三 */
		for (size_t j = f3; j < f3 + n3; j++)
			if (starts(d.line[j], "│"))
				cr_assert_eq(d.line[j][3], ' ', "line %zu: %s", j, d.line[j]);
		/* a title row is one box the width of the table */
		i = find_line(&d, f2, "第二十条第（一）项");
		cr_assert_eq(occurrences(d.line[i], "│"), 2, "%s", d.line[i]);
		cr_assert(starts(d.line[i], "│"));
		cr_assert_lt((size_t)i, f2 + n2);
		doc_free(&d);
	}
	report_free(r);
}

Test(text, labels_wrap_inside_their_box)
{
	struct report *r = load_demo();
	static const char *const labels[] = {
		"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
		"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
		"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
		"三、本年度办理结果",
		"（三）不予公开",
	};

	for (int amb = 1; amb <= 2; amb++) {
		struct doc d;

		export_doc(r, 80, amb, BLANK_ZERO, &d);
		for (size_t k = 0; k < sizeof labels / sizeof *labels; k++) {
			char head[16];
			long i;
			int lines;
			char *got;

			snprintf(head, sizeof head, "%.6s", labels[k]);
			i = find_table_line(&d, head);
			cr_assert_neq(i, -1, "%s", head);
			got = box_text(&d, (size_t)i, head, amb, &lines);
			cr_assert_str_eq(got, labels[k], "ambiguous %d", amb);
			if (k < 3)
				cr_assert_gt(lines, 1, "ambiguous %d: %s is too long for one line", amb, labels[k]);
			free(got);
		}
		doc_free(&d);
	}
	report_free(r);
}

Test(text, values_are_right_aligned_and_not_applicable_is_a_slash)
{
	struct report *r = load_demo();
	struct doc d;
	struct buf b = BUF_INIT;
	long i;

	export_doc(r, 80, 1, BLANK_ZERO, &d);
	i = find_table_line(&d, "│ 规章");
	cr_assert_neq(i, -1);
	value_tokens(d.line[i], r->tpl, &b);
	cr_assert_str_eq(b.data, "/ / / ");
	cr_assert_neq(strstr(d.line[find_table_line(&d, "│ 行政许可")], " 386 │"), NULL, "right-aligned");
	cr_assert_neq(strstr(d.line[find_table_line(&d, "│ 行政事业性收费")], " 41.26 │"), NULL);
	buf_free(&b);
	doc_free(&d);
	report_free(r);
}

Test(text, blank_cells_print_zero_and_are_counted)
{
	struct report *r = new_report("gov-2021", 2025, "某局");
	struct doc d;

	set(r, "t2.permit.decisions", "12");
	set(r, "t3.new.person", "5");
	set(r, "t4.cases.rv_keep", "1");
	export_doc(r, 80, 1, BLANK_ZERO, &d);
	cr_assert_eq(d.st.blanks_as_zero, r->tpl->nvalues - 3);
	for (int k = 0; k < 3; k++) {
		char *got = table_values(&d, k, r->tpl), *want = expected_values(r, k, BLANK_ZERO);

		cr_assert_str_eq(got, want, "table %d", k);
		free(got);
		free(want);
	}
	cr_assert_neq(strstr(d.line[find_table_line(&d, "│ 一、本年新收")], " 5 │"), NULL);
	doc_free(&d);
	report_free(r);
}

Test(text, blank_cells_stay_empty_with_blank_empty)
{
	struct report *r = new_report("gov-2021", 2025, "某局");

	set(r, "t2.permit.decisions", "12");
	set(r, "t3.new.person", "5");
	for (int amb = 1; amb <= 2; amb++) {
		struct doc d;

		export_doc(r, 80, amb, BLANK_EMPTY, &d);
		cr_assert_eq(d.st.blanks_as_zero, 0);
		for (int k = 0; k < 3; k++) {
			size_t first, n = table_lines(&d, k, &first);
			char *got = table_values(&d, k, r->tpl);

			cr_assert_str_eq(got, k == 0 ? "12 " : k == 1 ? "5 " : "", "table %d", k);
			for (size_t i = first; i < first + n; i++)
				cr_assert_eq(cols(d.line[i], amb), cols(d.line[first], amb));
			free(got);
		}
		doc_free(&d);
	}
	report_free(r);
}

Test(text, format_2019_change_and_money_with_unit)
{
	struct report *r = new_report("gov-2019", 2020, "某县某局");
	struct doc d;
	size_t f2, n2, f3, n3;
	char *got, *want;
	int k = 0;

	set(r, "t2.reg.made", "1");
	set(r, "t2.permit.prev_items", "40");
	set(r, "t2.permit.change", "-2");
	set(r, "t2.service.change", "增3");
	set(r, "t2.fee.change", "减1");
	set(r, "t2.purchase.items", "3");
	set(r, "t2.purchase.amount", "251000元");
	set(r, "t3.other.person", "2");
	export_doc(r, 80, 1, BLANK_ZERO, &d);
	cr_assert_eq(find_line(&d, 0, "某县某局2020年政府信息公开工作年度报告"), 0);
	n2 = table_lines(&d, 0, &f2);
	cr_assert_eq(occurrences_in(&d, f2, n2, "本年增/减"), 3);
	cr_assert_eq(occurrences_in(&d, f2, n2, "采购总金额"), 1);
	cr_assert_eq(occurrences_in(&d, f2, n2, "第二十条第（九）项"), 1);
	got = table_values(&d, 0, r->tpl);
	want = expected_values(r, 0, BLANK_ZERO);
	cr_assert_str_eq(got, want);
	cr_assert_neq(strstr(got, " 40 -2 0 0 +3 "), NULL, "%s", got);
	cr_assert_neq(strstr(got, " -1 "), NULL, "%s", got);
	cr_assert_neq(strstr(got, "3 251000元 "), NULL, "%s", got);
	free(got);
	free(want);
	/* table 三 of 2019: （六）其他处理 is one row, 三、本年度办理结果 spans 20 */
	n3 = table_lines(&d, 1, &f3);
	for (size_t i = f3; i < f3 + n3; i++)
		k += starts(d.line[i], "├");
	cr_assert_eq(k, 4);
	got = table_values(&d, 1, r->tpl);
	want = expected_values(r, 1, BLANK_ZERO);
	cr_assert_str_eq(got, want);
	free(got);
	free(want);
	for (size_t i = f2; i < f3 + n3; i++)
		if (is_table_line(d.line[i]))
			cr_assert_leq(cols(d.line[i], 1), 80);
	doc_free(&d);
	report_free(r);
}

Test(text, long_title_wraps_centred)
{
	struct report *r = new_report("gov-2021", 2025,
	    "某某省某某市某某县人民政府办公室某某某某某某某某某某某某某某某某中心");
	struct buf title = BUF_INIT, got = BUF_INIT;
	struct doc d;
	size_t i;

	report_title(r, &title);
	export_doc(r, 40, 2, BLANK_ZERO, &d);
	for (i = 0; d.line[i][0] != '\0'; i++) {
		const char *s = d.line[i] + strspn(d.line[i], " ");

		cr_assert_eq((int)(s - d.line[i]), (40 - cols(s, 2)) / 2, "centred: %s", d.line[i]);
		buf_adds(&got, s);
	}
	cr_assert_gt(i, 1, "the title takes more than one line");
	cr_assert_str_eq(got.data, title.data);
	buf_free(&title);
	buf_free(&got);
	doc_free(&d);
	report_free(r);
}
