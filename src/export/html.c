/*
 * export_html.c - the report as one self-contained HTML document for an
 * agency website, or as a fragment to paste into a CMS's rich-text editor.
 *
 * No scripts, no external resources.  Tables reproduce the template's grid
 * row for row and cell for cell with rowspan/colspan; their borders are
 * written as attributes and as inline CSS so that they survive a paste.  All
 * text, the template's labels included, goes through esc().
 */
#include "nb.h"

#include <stdbool.h>
#include <string.h>

#include "export/export.h"
#include "lib/utf8.h"

/* The kinds of element we write. */
enum el { EL_DIV, EL_H1, EL_H2, EL_H3, EL_P, EL_CLOSING, EL_TABLE, EL_CAPTION, EL_TH, EL_TH_SHORT,
	EL_TD, EL_GROUP, EL_NUM, EL_COUNT };

#define SHORT_HEADER 3	/* characters of a one-column heading that never wraps */

/*
 * How each kind looks.  The full document states the CSS once in its <style>;
 * a fragment has no <head>, so there every element carries it inline.
 * Tables and cells carry it inline in both, for the CMS paste.
 */
static const struct style {
	const char	*tag;
	const char	*cls;		/* class, or NULL */
	const char	*css;
	bool		 cell;		/* inline in the full document too */
} styles[EL_COUNT] = {
	[EL_DIV] = { "div", "nianbao-report",
	    "font-family:SimSun,'Songti SC','Noto Serif CJK SC','Source Han Serif SC',serif; "
	    "font-size:16px; line-height:1.8; color:#000", false },
	[EL_H1] = { "h1", NULL, "font-size:1.6em; font-weight:bold; text-align:center; "
	    "line-height:1.5; margin:0.8em 0 1em", false },
	[EL_H2] = { "h2", NULL, "font-size:1.2em; font-weight:bold; margin:1.2em 0 0.5em", false },
	[EL_H3] = { "h3", NULL, "font-size:1em; font-weight:bold; margin:0.8em 0 0.3em", false },
	[EL_P] = { "p", NULL, "text-indent:2em; margin:0.3em 0", false },
	[EL_CLOSING] = { "p", "nianbao-closing", "text-align:right; text-indent:0; margin:0.3em 0",
	    false },
	[EL_TABLE] = { "table", NULL, "border-collapse:collapse; border:1px solid #000; "
	    "width:100%; margin:0.8em 0 1.2em; font-size:0.9em; line-height:1.5", true },
	[EL_TH] = { "th", NULL, "border:1px solid #000; padding:4px 6px; text-align:center; "
	    "vertical-align:middle; font-weight:bold", true },
	[EL_TH_SHORT] = { "th", "nianbao-short", "border:1px solid #000; padding:4px 6px; "
	    "text-align:center; vertical-align:middle; font-weight:bold; white-space:nowrap",
	    true },
	/* the official heading, for screen readers: the <h2> above shows it already */
	[EL_CAPTION] = { "caption", "nianbao-caption", "position:absolute; width:1px; height:1px; "
	    "margin:-1px; padding:0; border:0; overflow:hidden; clip:rect(0 0 0 0); "
	    "white-space:nowrap", true },
	/* row labels are header cells (<th scope="row">) that look like plain cells */
	[EL_TD] = { "th", "nianbao-row", "border:1px solid #000; padding:4px 6px; text-align:left; "
	    "font-weight:normal", true },
	[EL_GROUP] = { "th", "nianbao-group", "border:1px solid #000; padding:4px 6px; "
	    "text-align:center; vertical-align:middle; font-weight:normal", true },
	[EL_NUM] = { "td", "nianbao-num", "border:1px solid #000; padding:4px 6px; "
	    "text-align:right", true },
};

/* What only the full document's <style> says: the page on screen and on A4 paper. */
static const char page_css[] =
	"body { margin: 2em auto; padding: 0 1.5em; max-width: 60em; background: #fff; }\n"
	"@media print {\n"
	"\t@page { size: A4; margin: 2cm }\n"
	"\tbody { margin: 0; padding: 0; max-width: none; }\n"
	"\tdiv.nianbao-report { font-size: 12pt; }\n"
	"\th1, h2, h3 { page-break-after: avoid; break-after: avoid; }\n"
	"\ttr, p { page-break-inside: avoid; break-inside: avoid; }\n"
	"\tthead { display: table-header-group; }\n"
	"}\n";

#define REPLACEMENT "\xEF\xBF\xBD"	/* U+FFFD */

struct hctx {
	const struct report		*r;
	const struct export_opts	*o;
	struct export_stats		*st;
	struct buf			*out;
};

/* The escape of byte c in text or an attribute value, or NULL if it stands as is. */
static const char *
esc_byte(unsigned char c)
{
	switch (c) {
	case '&':
		return "&amp;";
	case '<':
		return "&lt;";
	case '>':
		return "&gt;";
	case '"':
		return "&quot;";
	case '\'':
		return "&#39;";
	case '\t':
	case '\n':
	case '\r':
		return NULL;
	default:
		return c < 0x20 || c == 0x7f ? REPLACEMENT : NULL;
	}
}

/* True if s starts with a C1 control character (U+0080..U+009F). */
static bool
is_c1(const char *s, size_t n)
{
	return n >= 2 && (unsigned char)s[0] == 0xc2 && (unsigned char)s[1] >= 0x80 &&
	    (unsigned char)s[1] <= 0x9f;
}

/* Append n bytes of s as HTML text; control characters, which HTML forbids, as U+FFFD. */
static void
esc_n(struct buf *out, const char *s, size_t n)
{
	size_t run = 0;		/* start of the bytes not yet written */

	for (size_t i = 0; i < n; i++) {
		const char *e = esc_byte((unsigned char)s[i]);
		size_t len = 1;

		if (e == NULL && is_c1(s + i, n - i)) {
			e = REPLACEMENT;
			len = 2;
		}
		if (e == NULL)
			continue;
		buf_add(out, s + run, i - run);
		buf_adds(out, e);
		i += len - 1;
		run = i + 1;
	}
	buf_add(out, s + run, n - run);
}

static void
esc(struct buf *out, const char *s)
{
	esc_n(out, s, strlen(s));
}

/* Write "<tag class=…" for kind k, leaving the tag open for attributes: then close_start(). */
static void
start(struct hctx *h, enum el k)
{
	buf_addf(h->out, "<%s", styles[k].tag);
	if (styles[k].cls != NULL)
		buf_addf(h->out, " class=\"%s\"", styles[k].cls);
}

/* End the start tag of kind k, with its CSS inline where no <style> carries it. */
static void
close_start(struct hctx *h, enum el k)
{
	if (styles[k].cell || h->o->fragment)
		buf_addf(h->out, " style=\"%s\"", styles[k].css);
	buf_addc(h->out, '>');
}

/* One element of kind k holding the n bytes of text s, on a line of its own. */
static void
element(struct hctx *h, enum el k, const char *s, size_t n)
{
	start(h, k);
	close_start(h, k);
	esc_n(h->out, s, n);
	buf_addf(h->out, "</%s>\n", styles[k].tag);
}

/* Strip the blanks around a line: ASCII ones and the ideographic space, which
 * officers type to indent (text-indent does that now). */
static void
html_trim(const char **s, size_t *n)
{
	static const char *const blanks[] = { " ", "\t", "\r", "\xE3\x80\x80", NULL };

	utf8_trim(s, n, blanks);
}

/* Call each non-blank line of text a paragraph: write it, or only say that there is one. */
static bool
paragraphs(struct hctx *h, const char *text, bool write)
{
	bool any = false;

	while (*text != '\0') {
		size_t len = strcspn(text, "\n"), n = len;
		const char *s = text;

		html_trim(&s, &n);
		if (n > 0) {
			if (!write)
				return true;
			element(h, EL_P, s, n);
			any = true;
		}
		text += len + (text[len] == '\n');
	}
	return any;
}

/* The narrative parts of section s (0: the preface), each under its title if it has one. */
static void
parts(struct hctx *h, int s)
{
	const struct template *t = h->r->tpl;

	for (size_t i = 0; i < t->nparts; i++) {
		const char *title = t->parts[i].title, *text = h->r->texts[i];

		if (t->parts[i].section != s || !paragraphs(h, text, false))
			continue;
		if (title != NULL && title[0] != '\0')
			element(h, EL_H3, title, strlen(title));
		paragraphs(h, text, true);
	}
}

/* The cell of row with the smallest grid column after col, or NULL: cells in grid order. */
static const struct tpl_gcell *
next_cell(const struct tpl_row *row, int col)
{
	const struct tpl_gcell *best = NULL;

	for (size_t i = 0; i < row->ncells; i++) {
		const struct tpl_gcell *g = &row->cells[i];

		if (g->col > col && (best == NULL || g->col < best->col))
			best = g;
	}
	return best;
}

/* Characters in s (UTF-8). */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* The id of the label cell at (row, col) of table tb: "nb-t3-r2c1". */
static void
cell_id(struct hctx *h, const struct tpl_table *tb, size_t row, int col)
{
	buf_addf(h->out, "nb-t%d-r%zuc%d", (int)(tb - h->r->tpl->tables) + 1, row + 1, col + 1);
}

/*
 * The headers="…" of value cell v at row r of tb: the ids of its row labels
 * (the label cells to its left that cover its row) and of its column labels
 * (the header rows just above its block), exactly the cells whose labels
 * make the cell's row and column labels (template.c, `nianbao get`).
 */
static void
headers(struct hctx *h, const struct tpl_table *tb, size_t r, const struct tpl_gcell *v)
{
	size_t last;
	bool any = false;
	long k;

	buf_adds(h->out, " headers=\"");
	for (size_t y = 0; y <= r; y++)
		for (size_t i = 0; i < tb->rows[y].ncells; i++) {
			const struct tpl_gcell *g = &tb->rows[y].cells[i];

			if (g->value < 0 && y + (size_t)g->rowspan > r && g->col < v->col) {
				buf_adds(h->out, any ? " " : "");
				cell_id(h, tb, y, g->col);
				any = true;
			}
		}
	for (k = (long)r - 1; k >= 0 && tb->rows[k].type == ROW_DATA; k--)
		;
	last = (size_t)(k + 1);
	for (; k >= 0 && tb->rows[k].type == ROW_HEADER; k--)
		;
	for (size_t y = (size_t)(k + 1); y < last; y++)
		for (size_t i = 0; i < tb->rows[y].ncells; i++) {
			const struct tpl_gcell *g = &tb->rows[y].cells[i];

			if (g->value < 0 && g->col < v->col + v->colspan && g->col + g->colspan > v->col) {
				buf_adds(h->out, any ? " " : "");
				cell_id(h, tb, y, g->col);
				any = true;
			}
		}
	buf_addc(h->out, '"');
}

/*
 * One cell: <th> for labels (column labels scope="col" or "colgroup", row
 * labels scope="row"), <td> for numbers, which name their labels with
 * headers="…" so that a screen reader announces them.
 */
static void
cell(struct hctx *h, const struct tpl_table *tb, size_t r, const struct tpl_gcell *g)
{
	const struct tpl_row *row = &tb->rows[r];
	char text[128];
	enum el k;

	if (row->type != ROW_DATA)
		k = g->label != NULL && g->colspan == 1 && chars(g->label) <= SHORT_HEADER ?
		    EL_TH_SHORT : EL_TH;
	else if (g->label == NULL)
		k = EL_NUM;
	else
		k = g->rowspan > 1 ? EL_GROUP : EL_TD;
	start(h, k);
	if (g->label != NULL) {
		buf_adds(h->out, " id=\"");
		cell_id(h, tb, r, g->col);
		buf_addf(h->out, "\" scope=\"%s\"", row->type == ROW_DATA ? "row" :
		    g->colspan > 1 ? "colgroup" : "col");
	} else if (row->type == ROW_DATA)
		headers(h, tb, r, g);
	if (g->colspan > 1)
		buf_addf(h->out, " colspan=\"%d\"", g->colspan);
	if (g->rowspan > 1)
		buf_addf(h->out, " rowspan=\"%d\"", g->rowspan);
	close_start(h, k);
	if (g->label != NULL)
		esc(h->out, g->label);
	else {
		export_cell_text(h->r, g->value, h->o, h->st, text, sizeof text);
		esc(h->out, text);
	}
	buf_addf(h->out, "</%s>", styles[k].tag);
}

/* A table of the template, one <tr> per template row, captioned with the official heading. */
static void
table(struct hctx *h, const struct tpl_table *tb)
{
	size_t head = template_head_rows(tb);
	const char *heading = h->r->tpl->sections[tb->section].title;

	start(h, EL_TABLE);
	buf_adds(h->out, " border=\"1\" cellspacing=\"0\" cellpadding=\"4\"");
	close_start(h, EL_TABLE);
	buf_addc(h->out, '\n');
	element(h, EL_CAPTION, heading, strlen(heading));
	for (size_t r = 0; r < tb->nrows; r++) {
		const struct tpl_gcell *g = NULL;

		if (r == 0 && head > 0)
			buf_adds(h->out, "<thead>\n");
		if (r == head)
			buf_adds(h->out, "<tbody>\n");
		buf_adds(h->out, "<tr>");
		while ((g = next_cell(&tb->rows[r], g == NULL ? -1 : g->col)) != NULL)
			cell(h, tb, r, g);
		buf_adds(h->out, "</tr>\n");
		if (r + 1 == head)
			buf_adds(h->out, "</thead>\n");
	}
	if (head < tb->nrows)
		buf_adds(h->out, "</tbody>\n");
	buf_adds(h->out, "</table>\n");
}

/* Section s: its title, its texts, its tables. */
static void
section(struct hctx *h, int s)
{
	const struct template *t = h->r->tpl;
	const char *title = t->sections[s].title;

	element(h, EL_H2, title, strlen(title));
	parts(h, s);
	for (size_t i = 0; i < t->ntables; i++)
		if (t->tables[i].section == s)
			table(h, &t->tables[i]);
}

/* A closing line (agency, date), right-aligned, if there is anything to say. */
static void
closing(struct hctx *h, const char *s)
{
	size_t n = strlen(s);

	html_trim(&s, &n);
	if (n > 0)
		element(h, EL_CLOSING, s, n);
}

/* What a page shows: the <div> from the title to the closing lines. */
static void
content(struct hctx *h, const char *title)
{
	start(h, EL_DIV);
	buf_adds(h->out, " lang=\"zh-CN\"");
	close_start(h, EL_DIV);
	buf_addc(h->out, '\n');
	element(h, EL_H1, title, strlen(title));
	parts(h, 0);
	for (int s = 1; s <= TPL_SECTIONS; s++)
		section(h, s);
	closing(h, h->r->agency);
	closing(h, h->r->date);
	buf_adds(h->out, "</div>\n");
}

/* The <head>: charset, title and the one style sheet. */
static void
head(struct hctx *h, const char *title)
{
	const char *cs = h->o->charset != NULL ? h->o->charset : "UTF-8";

	buf_adds(h->out, "<head>\n<meta charset=\"");
	esc(h->out, cs);
	buf_adds(h->out, "\">\n<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<meta name=\"generator\" content=\"nianbao\">\n<title>");
	esc(h->out, title);
	buf_adds(h->out, "</title>\n<style>\n");
	for (int k = 0; k < EL_COUNT; k++)
		buf_addf(h->out, "%s%s%s { %s; }\n", styles[k].tag,
		    styles[k].cls != NULL ? "." : "", styles[k].cls != NULL ? styles[k].cls : "",
		    styles[k].css);
	buf_adds(h->out, page_css);
	buf_adds(h->out, "</style>\n</head>\n");
}

void
export_html(const struct report *r, const struct export_opts *o, struct buf *out,
    struct export_stats *st)
{
	struct hctx h = { r, o, st, out };
	struct buf b = BUF_INIT;
	const char *title;

	report_title(r, &b);
	title = b.data != NULL ? b.data : "";
	if (o->fragment)
		content(&h, title);
	else {
		buf_adds(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n");
		head(&h, title);
		buf_adds(out, "<body>\n");
		content(&h, title);
		buf_adds(out, "</body>\n</html>\n");
	}
	buf_free(&b);
}
