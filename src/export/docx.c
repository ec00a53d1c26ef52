/*
 * docx.c - the report as a Word document (Office Open XML, .docx) in the
 * page and type of official documents (GB/T 9704-2012): A4 with the
 * official margins, the title in size 2 Xiaobiaosong, the body in size 3
 * Fangsong at a fixed line spacing, first-level headings in Heiti,
 * second-level ones in Kaiti, page numbers between dashes.  Font names and sizes are data (templates/docx.style, beside
 * the report's template); this file knows only the OOXML around them.
 *
 * Tables reproduce the template's grid with the spans of the HTML export
 * (w:gridSpan, w:vMerge), their head rows repeated on every page.  Every
 * text goes through xml_text(): XML specials escaped, the characters XML
 * cannot hold replaced by U+FFFD.  The zip container is written by libzip.
 */
#include "nb.h"

#include <libgen.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "export/export.h"
#include "lib/diag.h"
#include "lib/inifile.h"
#include "lib/xalloc.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define DOC_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define REPLACEMENT "\xEF\xBF\xBD"	/* U+FFFD */
#define STYLE_FILE "docx.style"

/* ---- the style file ------------------------------------------------------ */

/* Every key of the style file, as "section.key"; the index is the enum below. */
static const char *const style_keys[] = {
	"page.width", "page.height", "page.top", "page.bottom", "page.left", "page.right",
	"page.footer",
	"title.font", "title.fallback", "title.size",
	"body.font", "body.fallback", "body.latin", "body.size", "body.line",
	"heading1.font", "heading1.fallback", "heading1.size",
	"heading2.font", "heading2.fallback", "heading2.size",
	"table.font", "table.fallback", "table.size", "table.wide", "table.wide_size", "table.line",
	"footer.font", "footer.size", "footer.before", "footer.after",
};
enum style_key {
	PAGE_W, PAGE_H, PAGE_TOP, PAGE_BOTTOM, PAGE_LEFT, PAGE_RIGHT, PAGE_FOOTER,
	TITLE_FONT, TITLE_FB, TITLE_SIZE,
	BODY_FONT, BODY_FB, BODY_LATIN, BODY_SIZE, BODY_LINE,
	H1_FONT, H1_FB, H1_SIZE,
	H2_FONT, H2_FB, H2_SIZE,
	TABLE_FONT, TABLE_FB, TABLE_SIZE, TABLE_WIDE, TABLE_WIDE_SIZE, TABLE_LINE,
	FOOT_FONT, FOOT_SIZE, FOOT_BEFORE, FOOT_AFTER,
	STYLE_NKEYS
};

struct style {
	char		*v[STYLE_NKEYS];
	const char	*file;
	struct diag_list *dl;
};

static void
style_key(void *user, const char *section, const char *key, const char *value, int line)
{
	struct style *s = user;
	char *name = xasprintf("%s.%s", section, key);
	size_t i;

	for (i = 0; i < STYLE_NKEYS && strcmp(style_keys[i], name) != 0; i++)
		;
	if (i == STYLE_NKEYS)
		diag_add(s->dl, s->file, line, _("unknown key \"%s\""), name);
	else {
		free(s->v[i]);
		s->v[i] = xstrdup(value);
	}
	free(name);
}

static void
style_free(struct style *s)
{
	for (size_t i = 0; i < STYLE_NKEYS; i++)
		free(s->v[i]);
}

/* Read the style file beside the report's template; -1 and *err when it is unusable. */
static int
style_load(const struct template *t, struct style *s, char **err)
{
	static const struct inifile_ops ops = { NULL, style_key };
	struct diag_list dl = DIAG_LIST_INIT;
	char *dir = xstrdup(t->path != NULL ? t->path : "."), *path, *data;
	size_t len;

	memset(s, 0, sizeof *s);
	path = xasprintf("%s/%s", dirname(dir), STYLE_FILE);
	s->file = path;
	s->dl = &dl;
	if ((data = inifile_slurp(path, &len, &dl)) != NULL) {
		inifile_read(path, data, len, &ops, s, &dl);
		free(data);
	}
	for (size_t i = 0; dl.n == 0 && i < STYLE_NKEYS; i++)
		if (s->v[i] == NULL)
			diag_add(&dl, path, 0, _("the key \"%s\" is missing"), style_keys[i]);
	if (dl.n > 0) {
		const struct diag *d = &dl.v[0];

		*err = d->line > 0 ? xasprintf("%s:%d: %s", d->file, d->line, d->msg) :
		    xasprintf("%s: %s", d->file != NULL ? d->file : path, d->msg);
		style_free(s);
	}
	diag_list_free(&dl);
	free(path);
	free(dir);
	s->file = NULL;
	s->dl = NULL;
	return *err != NULL ? -1 : 0;
}

static double
style_num(const struct style *s, enum style_key k)
{
	return strtod(s->v[k], NULL);
}

/* Half-points (w:sz) of a size key in points. */
static int
half_points(const struct style *s, enum style_key k)
{
	return (int)(style_num(s, k) * 2 + 0.5);
}

/* Twentieths of a point (twips) of a length key in millimetres. */
static int
twips_mm(const struct style *s, enum style_key k)
{
	return (int)(style_num(s, k) * 1440 / 25.4 + 0.5);
}

/* ---- XML text ------------------------------------------------------------ */

/*
 * Bytes of the character at s that XML 1.0 cannot hold, or that we keep out
 * of a document as the HTML export does (C0 and C1 controls, DEL, U+FFFE,
 * U+FFFF); 0 when it may stand.  Tab and newline are handled by the caller.
 */
static size_t
xml_bad(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];

	if (c < 0x20 || c == 0x7f)
		return 1;
	if (n >= 2 && c == 0xc2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9f)
		return 2;
	if (n >= 3 && c == 0xef && (unsigned char)s[1] == 0xbf &&
	    ((unsigned char)s[2] == 0xbe || (unsigned char)s[2] == 0xbf))
		return 3;
	return 0;
}

/* Append n bytes of s escaped for XML text or a quoted attribute. */
static void
xml_text(struct buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *e = NULL;
		size_t bad;

		switch (s[i]) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		case '\'': e = "&apos;"; break;
		default: break;
		}
		if (e != NULL)
			buf_adds(out, e);
		else if ((bad = xml_bad(s + i, n - i)) > 0) {
			buf_adds(out, REPLACEMENT);
			i += bad - 1;
		} else
			buf_addc(out, s[i]);
	}
}

static void
xml_texts(struct buf *out, const char *s)
{
	xml_text(out, s, strlen(s));
}

/* ---- paragraphs ---------------------------------------------------------- */

/* Our paragraph styles (styles.xml writes them). */
#define ST_TITLE "NbTitle"
#define ST_H1 "Heading1"
#define ST_H2 "Heading2"
#define ST_BODY "NbBody"
#define ST_CLOSING "NbClosing"
#define ST_CELL "NbCell"
#define ST_FOOTER "Footer"

struct dctx {
	const struct report		*r;
	const struct export_opts	*o;
	struct export_stats		*st;
	const struct style		*s;
	struct buf			*out;
};

/* A run of text: tabs as <w:tab/>, everything else escaped. */
static void
run(struct buf *out, const char *s, size_t n, const char *rpr)
{
	while (n > 0) {
		size_t k = 0;

		while (k < n && s[k] != '\t')
			k++;
		buf_addf(out, "<w:r>%s", rpr != NULL ? rpr : "");
		if (k > 0) {
			buf_adds(out, "<w:t xml:space=\"preserve\">");
			xml_text(out, s, k);
			buf_adds(out, "</w:t>");
		}
		for (; k < n && s[k] == '\t'; k++)
			buf_adds(out, "<w:tab/>");
		buf_adds(out, "</w:r>");
		s += k;
		n -= k;
	}
}

/* One paragraph of style (and alignment jc, or NULL) holding n bytes of s. */
static void
para(struct buf *out, const char *style, const char *jc, const char *s, size_t n)
{
	buf_addf(out, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>", style);
	if (jc != NULL)
		buf_addf(out, "<w:jc w:val=\"%s\"/>", jc);
	buf_adds(out, "</w:pPr>");
	run(out, s, n, NULL);
	buf_adds(out, "</w:p>\n");
}

/* Strip the blanks around a line: ASCII ones and the ideographic space that
 * officers type to indent (the style indents now). */
static void
trim(const char **s, size_t *n)
{
	for (;;) {
		if (*n >= 1 && strchr(" \t\r", (*s)[0]) != NULL) {
			++*s;
			--*n;
		} else if (*n >= 3 && memcmp(*s, "\xE3\x80\x80", 3) == 0) {
			*s += 3;
			*n -= 3;
		} else if (*n >= 1 && strchr(" \t\r", (*s)[*n - 1]) != NULL)
			--*n;
		else if (*n >= 3 && memcmp(*s + *n - 3, "\xE3\x80\x80", 3) == 0)
			*n -= 3;
		else
			return;
	}
}

/* Each non-blank line of text a body paragraph; false when there is none. */
static bool
docx_paragraphs(struct dctx *d, const char *text, bool write)
{
	bool any = false;

	while (*text != '\0') {
		size_t len = strcspn(text, "\n"), n = len;
		const char *s = text;

		trim(&s, &n);
		if (n > 0) {
			if (!write)
				return true;
			para(d->out, ST_BODY, NULL, s, n);
			any = true;
		}
		text += len + (text[len] == '\n');
	}
	return any;
}

/* The narrative parts of section sec (0: the preface), each under its title. */
static void
docx_parts(struct dctx *d, int sec)
{
	const struct template *t = d->r->tpl;

	for (size_t i = 0; i < t->nparts; i++) {
		const char *title = t->parts[i].title, *text = d->r->texts[i];

		if (t->parts[i].section != sec || !docx_paragraphs(d, text, false))
			continue;
		if (title != NULL && title[0] != '\0')
			para(d->out, ST_H2, NULL, title, strlen(title));
		docx_paragraphs(d, text, true);
	}
}

/* ---- tables -------------------------------------------------------------- */

/* The cell of tb whose grid area starts at (row, col), or NULL. */
static const struct tpl_gcell *
cell_at(const struct tpl_table *tb, size_t row, int col)
{
	for (size_t i = 0; i < tb->rows[row].ncells; i++)
		if (tb->rows[row].cells[i].col == col)
			return &tb->rows[row].cells[i];
	return NULL;
}

/* The cell of a row above row whose rowspan covers (row, col), or NULL. */
static const struct tpl_gcell *
covering(const struct tpl_table *tb, size_t row, int col)
{
	for (size_t r = 0; r < row; r++)
		for (size_t i = 0; i < tb->rows[r].ncells; i++) {
			const struct tpl_gcell *g = &tb->rows[r].cells[i];

			if (r + (size_t)g->rowspan > row && g->col <= col && col < g->col + g->colspan)
				return g;
		}
	return NULL;
}

/* Characters of s (UTF-8). */
static int
docx_chars(const char *s)
{
	int n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/*
 * Column widths in twips that fill width: each column weighs what its
 * one-column labels need (a few characters at most, for they wrap), value
 * columns a number's width.
 */
static int *
column_widths(const struct tpl_table *tb, int width)
{
	int *w = xcalloc((size_t)tb->columns, sizeof *w), total = 0;

	for (int c = 0; c < tb->columns; c++)
		w[c] = 3;
	for (size_t r = 0; r < tb->nrows; r++)
		for (size_t i = 0; i < tb->rows[r].ncells; i++) {
			const struct tpl_gcell *g = &tb->rows[r].cells[i];
			int want = g->label == NULL ? 3 : docx_chars(g->label) > 6 ? 6 : docx_chars(g->label);

			if (g->colspan == 1 && g->col < tb->columns && w[g->col] < want)
				w[g->col] = want;
		}
	for (int c = 0; c < tb->columns; c++)
		total += w[c];
	/* whole pixels (15 twips at 96 dpi): converters that round each cell to
	 * pixels (LibreOffice's HTML) then keep the columns of merged cells lined up */
	for (int c = 0; c < tb->columns; c++)
		w[c] = (int)((long)w[c] * width / total / 15 * 15);
	return w;
}

/* The text properties of the table's cells: the size that fits its columns. */
static char *
cell_rpr(const struct dctx *d, const struct tpl_table *tb)
{
	int sz = half_points(d->s, tb->columns > (int)style_num(d->s, TABLE_WIDE) ?
	    TABLE_WIDE_SIZE : TABLE_SIZE);

	return xasprintf("<w:rPr><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr>", sz, sz);
}

/* One <w:tc>: its width, spans, vertical merge state and paragraph. */
static void
table_cell(struct dctx *d, const struct tpl_row *row, const struct tpl_gcell *g, int width,
    const char *vmerge, const char *rpr)
{
	char text[EXPORT_CELL_MAX];
	const char *jc, *s;

	buf_addf(d->out, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", width);
	if (g->colspan > 1)
		buf_addf(d->out, "<w:gridSpan w:val=\"%d\"/>", g->colspan);
	if (vmerge != NULL)
		buf_addf(d->out, "<w:vMerge%s/>", vmerge);
	buf_adds(d->out, "<w:vAlign w:val=\"center\"/></w:tcPr>");
	if (vmerge != NULL && *vmerge == '\0') {
		/* a continuation: Word wants an empty paragraph */
		buf_addf(d->out, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/></w:pPr></w:p></w:tc>", ST_CELL);
		return;
	}
	if (g->label != NULL) {
		s = g->label;
		jc = row->type != ROW_DATA || g->rowspan > 1 ? "center" : "left";
	} else {
		export_cell_text(d->r, g->value, d->o, d->st, text, sizeof text);
		s = text;
		jc = "right";
	}
	buf_addf(d->out, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/><w:jc w:val=\"%s\"/></w:pPr>", ST_CELL, jc);
	run(d->out, s, strlen(s), rpr);
	buf_adds(d->out, "</w:p></w:tc>");
}

/* The width in twips of grid columns [col, col + span). */
static int
span_width(const int *w, int col, int span)
{
	int sum = 0;

	for (int c = col; c < col + span; c++)
		sum += w[c];
	return sum;
}

/* One grid row: each column's cell, a continuation of a merge from above, or an empty filler. */
static void
table_row(struct dctx *d, const struct tpl_table *tb, size_t r, bool head, const int *w,
    const char *rpr)
{
	buf_adds(d->out, "<w:tr><w:trPr><w:cantSplit/>");
	if (head)
		buf_adds(d->out, "<w:tblHeader/>");
	buf_adds(d->out, "</w:trPr>");
	for (int c = 0; c < tb->columns;) {
		const struct tpl_gcell *g = cell_at(tb, r, c), *up;

		if (g != NULL) {
			table_cell(d, &tb->rows[r], g, span_width(w, c, g->colspan),
			    g->rowspan > 1 ? " w:val=\"restart\"" : NULL, rpr);
			c += g->colspan;
		} else if ((up = covering(tb, r, c)) != NULL) {
			table_cell(d, &tb->rows[r], up, span_width(w, c, up->colspan), "", rpr);
			c += up->colspan;
		} else {
			/* a hole in the template's grid: an empty cell keeps the columns */
			buf_addf(d->out, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>"
			    "<w:p><w:pPr><w:pStyle w:val=\"%s\"/></w:pPr></w:p></w:tc>", w[c], ST_CELL);
			c++;
		}
	}
	buf_adds(d->out, "</w:tr>\n");
}

static void
docx_table(struct dctx *d, const struct tpl_table *tb)
{
	int width = twips_mm(d->s, PAGE_W) - twips_mm(d->s, PAGE_LEFT) - twips_mm(d->s, PAGE_RIGHT);
	int *w = column_widths(tb, width);
	size_t head = template_head_rows(tb);
	char *rpr = cell_rpr(d, tb);

	/* the width as the sum of the columns: applications that scale a percentage
	 * round the columns apart and split cells that should line up */
	buf_addf(d->out, "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" w:type=\"dxa\"/>"
	    "<w:jc w:val=\"center\"/><w:tblBorders>", span_width(w, 0, tb->columns));
	for (size_t i = 0; i < 6; i++)
		buf_addf(d->out, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
		    (const char *[]){ "top", "left", "bottom", "right", "insideH", "insideV" }[i]);
	buf_adds(d->out, "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar>"
	    "<w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar>"
	    "<w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>");
	for (int c = 0; c < tb->columns; c++)
		buf_addf(d->out, "<w:gridCol w:w=\"%d\"/>", w[c]);
	buf_adds(d->out, "</w:tblGrid>\n");
	for (size_t r = 0; r < tb->nrows; r++)
		table_row(d, tb, r, r < head, w, rpr);
	buf_adds(d->out, "</w:tbl>\n");
	/* an empty paragraph after the table, or Word joins two tables into one */
	buf_addf(d->out, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/></w:pPr></w:p>\n", ST_CELL);
	free(rpr);
	free(w);
}

/* ---- the parts of the package -------------------------------------------- */

static void
docx_closing(struct dctx *d, const char *s)
{
	size_t n = strlen(s);

	trim(&s, &n);
	if (n > 0)
		para(d->out, ST_CLOSING, NULL, s, n);
}

/* word/document.xml: title, preface, the six sections, closing lines, the page. */
static void
document_xml(struct dctx *d)
{
	const struct template *t = d->r->tpl;
	struct buf title = BUF_INIT;
	struct buf *out = d->out;

	report_title(d->r, &title);
	buf_adds(out, XML_DECL "<w:document xmlns:w=\"" W_NS "\" xmlns:r=\"" R_NS "\"><w:body>\n");
	para(out, ST_TITLE, NULL, title.data != NULL ? title.data : "", title.len);
	buf_free(&title);
	docx_parts(d, 0);
	for (int s = 1; s <= TPL_SECTIONS; s++) {
		para(out, ST_H1, NULL, t->sections[s].title, strlen(t->sections[s].title));
		docx_parts(d, s);
		for (size_t i = 0; i < t->ntables; i++)
			if (t->tables[i].section == s)
				docx_table(d, &t->tables[i]);
	}
	docx_closing(d, d->r->agency);
	docx_closing(d, d->r->date);
	buf_addf(out, "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId4\"/>"
	    "<w:pgSz w:w=\"%d\" w:h=\"%d\"/><w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" "
	    "w:left=\"%d\" w:header=\"851\" w:footer=\"%d\" w:gutter=\"0\"/>"
	    "<w:pgNumType w:fmt=\"decimal\"/><w:docGrid w:type=\"lines\" w:linePitch=\"%d\"/>"
	    "</w:sectPr>\n</w:body></w:document>\n",
	    twips_mm(d->s, PAGE_W), twips_mm(d->s, PAGE_H), twips_mm(d->s, PAGE_TOP),
	    twips_mm(d->s, PAGE_RIGHT), twips_mm(d->s, PAGE_BOTTOM), twips_mm(d->s, PAGE_LEFT),
	    twips_mm(d->s, PAGE_FOOTER), (int)(style_num(d->s, BODY_LINE) * 20));
}

/* <w:rFonts>: Latin text in the Latin font, Chinese in font. */
static void
fonts(struct buf *out, const struct style *s, enum style_key font)
{
	buf_adds(out, "<w:rFonts w:ascii=\"");
	xml_texts(out, s->v[BODY_LATIN]);
	buf_adds(out, "\" w:hAnsi=\"");
	xml_texts(out, s->v[BODY_LATIN]);
	buf_adds(out, "\" w:eastAsia=\"");
	xml_texts(out, s->v[font]);
	buf_adds(out, "\" w:cs=\"");
	xml_texts(out, s->v[BODY_LATIN]);
	buf_adds(out, "\" w:hint=\"eastAsia\"/>");
}

/* One paragraph style. */
static void
pstyle(struct buf *out, const struct style *s, const char *id, const char *name, const char *ppr,
    enum style_key font, enum style_key size)
{
	int sz = half_points(s, size);

	buf_addf(out, "<w:style w:type=\"paragraph\" w:customStyle=\"%d\" w:styleId=\"%s\">"
	    "<w:name w:val=\"%s\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>%s</w:pPr><w:rPr>",
	    strncmp(id, "Nb", 2) == 0, id, name, ppr);
	fonts(out, s, font);
	buf_addf(out, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr></w:style>\n", sz, sz);
}

/* word/styles.xml: the document's defaults and our paragraph styles. */
static void
styles_xml(const struct style *s, struct buf *out)
{
	int line = (int)(style_num(s, BODY_LINE) * 20), sz = half_points(s, BODY_SIZE);
	char *body = xasprintf("<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"%d\" "
	    "w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"%d\"/>"
	    "<w:jc w:val=\"both\"/>", line, sz * 20);
	char *head1 = xasprintf("<w:keepNext/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"%d\" "
	    "w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"%d\"/>"
	    "<w:outlineLvl w:val=\"0\"/>", line, sz * 20);
	char *head2 = xasprintf("<w:keepNext/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"%d\" "
	    "w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"%d\"/>"
	    "<w:outlineLvl w:val=\"1\"/>", line, sz * 20);
	char *title = xasprintf("<w:keepNext/><w:spacing w:before=\"0\" w:after=\"%d\" "
	    "w:line=\"%d\" w:lineRule=\"atLeast\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
	    line, line);
	char *close = xasprintf("<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"%d\" "
	    "w:lineRule=\"exact\"/><w:ind w:firstLine=\"0\" w:right=\"%d\"/><w:jc w:val=\"right\"/>",
	    line, sz * 20 * 4);
	char *cell = xasprintf("<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"%d\" "
	    "w:lineRule=\"%s\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
	    style_num(s, TABLE_LINE) > 0 ? (int)(style_num(s, TABLE_LINE) * 20) : 240,
	    style_num(s, TABLE_LINE) > 0 ? "exact" : "auto");

	buf_adds(out, XML_DECL "<w:styles xmlns:w=\"" W_NS "\"><w:docDefaults><w:rPrDefault><w:rPr>");
	fonts(out, s, BODY_FONT);
	buf_addf(out, "<w:kern w:val=\"2\"/><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>"
	    "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
	    "<w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/><w:jc w:val=\"both\"/></w:pPr>"
	    "</w:pPrDefault></w:docDefaults>\n", sz, sz);
	buf_adds(out, "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
	    "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>\n"
	    "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
	    "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/>"
	    "<w:semiHidden/></w:style>\n"
	    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
	    "<w:name w:val=\"Normal Table\"/><w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
	    "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
	    "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar>"
	    "</w:tblPr></w:style>\n");
	pstyle(out, s, ST_TITLE, "Nianbao Title", title, TITLE_FONT, TITLE_SIZE);
	pstyle(out, s, ST_BODY, "Nianbao Body", body, BODY_FONT, BODY_SIZE);
	pstyle(out, s, ST_H1, "heading 1", head1, H1_FONT, H1_SIZE);
	pstyle(out, s, ST_H2, "heading 2", head2, H2_FONT, H2_SIZE);
	pstyle(out, s, ST_CLOSING, "Nianbao Closing", close, BODY_FONT, BODY_SIZE);
	pstyle(out, s, ST_CELL, "Nianbao Table Text", cell, TABLE_FONT, TABLE_SIZE);
	pstyle(out, s, ST_FOOTER, "footer", "<w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
	    FOOT_FONT, FOOT_SIZE);
	buf_adds(out, "</w:styles>\n");
	free(body);
	free(head1);
	free(head2);
	free(title);
	free(close);
	free(cell);
}

/* word/fontTable.xml: each Chinese font with the one to use where it is missing. */
static void
font_table_xml(const struct style *s, struct buf *out)
{
	static const enum style_key fk[][2] = {
		{ TITLE_FONT, TITLE_FB }, { BODY_FONT, BODY_FB }, { H1_FONT, H1_FB },
		{ H2_FONT, H2_FB }, { TABLE_FONT, TABLE_FB },
	};

	buf_adds(out, XML_DECL "<w:fonts xmlns:w=\"" W_NS "\">\n");
	for (size_t i = 0; i < sizeof fk / sizeof fk[0]; i++) {
		bool dup = false;

		for (size_t k = 0; k < i; k++)
			dup = dup || strcmp(s->v[fk[k][0]], s->v[fk[i][0]]) == 0;
		if (dup)
			continue;
		buf_adds(out, "<w:font w:name=\"");
		xml_texts(out, s->v[fk[i][0]]);
		buf_adds(out, "\"><w:altName w:val=\"");
		xml_texts(out, s->v[fk[i][1]]);
		buf_adds(out, "\"/><w:charset w:val=\"86\"/><w:family w:val=\"auto\"/>"
		    "<w:pitch w:val=\"variable\"/></w:font>\n");
	}
	buf_adds(out, "<w:font w:name=\"");
	xml_texts(out, s->v[BODY_LATIN]);
	buf_adds(out, "\"><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/>"
	    "<w:pitch w:val=\"variable\"/></w:font>\n</w:fonts>\n");
}

/* word/footer1.xml: the page number between two dashes, centred. */
static void
footer_xml(const struct style *s, struct buf *out)
{
	buf_adds(out, XML_DECL "<w:ftr xmlns:w=\"" W_NS "\" xmlns:r=\"" R_NS "\">"
	    "<w:p><w:pPr><w:pStyle w:val=\"" ST_FOOTER "\"/></w:pPr>");
	run(out, s->v[FOOT_BEFORE], strlen(s->v[FOOT_BEFORE]), NULL);
	buf_adds(out, "<w:r><w:t xml:space=\"preserve\"> </w:t></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
	    "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
	    "<w:r><w:t xml:space=\"preserve\"> </w:t></w:r>");
	run(out, s->v[FOOT_AFTER], strlen(s->v[FOOT_AFTER]), NULL);
	buf_adds(out, "</w:p></w:ftr>\n");
}

static const char content_types[] = XML_DECL
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
	"<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
	"<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
	"<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
	"<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
	"<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
	"</Types>\n";

static const char package_rels[] = XML_DECL
	"<Relationships xmlns=\"" REL_NS "\">"
	"<Relationship Id=\"rId1\" Type=\"" DOC_REL "/officeDocument\" Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" DOC_REL "/extended-properties\" Target=\"docProps/app.xml\"/>"
	"</Relationships>\n";

static const char document_rels[] = XML_DECL
	"<Relationships xmlns=\"" REL_NS "\">"
	"<Relationship Id=\"rId1\" Type=\"" DOC_REL "/styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" DOC_REL "/settings\" Target=\"settings.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" DOC_REL "/fontTable\" Target=\"fontTable.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"" DOC_REL "/footer\" Target=\"footer1.xml\"/>"
	"</Relationships>\n";

static const char settings[] = XML_DECL
	"<w:settings xmlns:w=\"" W_NS "\"><w:zoom w:percent=\"100\"/>"
	"<w:defaultTabStop w:val=\"420\"/><w:characterSpacingControl w:val=\"compressPunctuation\"/>"
	"<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
	"w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
	"</w:settings>\n";

static const char app_props[] = XML_DECL
	"<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
	"<Application>nianbao</Application></Properties>\n";

/* docProps/core.xml: the title and the agency as its author. */
static void
core_xml(const struct report *r, struct buf *out)
{
	struct buf title = BUF_INIT;

	report_title(r, &title);
	buf_adds(out, XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
	    "package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
	    "<dc:title>");
	xml_text(out, title.data != NULL ? title.data : "", title.len);
	buf_adds(out, "</dc:title><dc:creator>");
	xml_texts(out, r->agency);
	buf_adds(out, "</dc:creator><dc:language>zh-CN</dc:language></cp:coreProperties>\n");
	buf_free(&title);
}

/* ---- the zip ------------------------------------------------------------- */

#define NPARTS 10

/* Add the parts to a zip built in memory and append its bytes to out. */
static int
zip_parts(const char *const names[NPARTS], struct buf parts_[NPARTS], struct buf *out, char **err)
{
	zip_error_t ze;
	zip_source_t *mem;
	zip_t *za;
	zip_stat_t zs;
	int rc = -1;

	zip_error_init(&ze);
	if ((mem = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		goto fail;
	zip_source_keep(mem);
	if ((za = zip_open_from_source(mem, ZIP_TRUNCATE, &ze)) == NULL) {
		zip_source_free(mem);
		goto fail;
	}
	for (int i = 0; i < NPARTS; i++) {
		zip_source_t *s = zip_source_buffer(za, parts_[i].data, parts_[i].len, 0);
		zip_int64_t idx;

		if (s == NULL || (idx = zip_file_add(za, names[i], s, ZIP_FL_ENC_UTF_8)) < 0) {
			zip_source_free(s);
			zip_error_set(&ze, zip_error_code_zip(zip_get_error(za)), 0);
			zip_discard(za);
			zip_source_free(mem);
			goto fail;
		}
		/* a fixed time: the same report gives the same bytes */
		zip_file_set_mtime(za, (zip_uint64_t)idx, 315532800, 0);
	}
	if (zip_close(za) != 0) {
		zip_error_set(&ze, zip_error_code_zip(zip_get_error(za)), 0);
		zip_discard(za);
		zip_source_free(mem);
		goto fail;
	}
	if (zip_source_stat(mem, &zs) == 0 && zip_source_open(mem) == 0) {
		char *bytes = xmalloc(zs.size > 0 ? zs.size : 1);

		if (zip_source_read(mem, bytes, zs.size) == (zip_int64_t)zs.size) {
			buf_add(out, bytes, zs.size);
			rc = 0;
		}
		free(bytes);
		zip_source_close(mem);
	}
	zip_source_free(mem);
	if (rc == 0)
		return 0;
fail:
	*err = xasprintf(_("cannot write the Word document: %s"), zip_error_strerror(&ze));
	zip_error_fini(&ze);
	return -1;
}

int
export_docx(const struct report *r, const struct export_opts *o, struct buf *out,
    struct export_stats *st, char **err)
{
	static const char *const names[NPARTS] = {
		"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
		"word/settings.xml", "word/fontTable.xml", "word/footer1.xml",
		"word/_rels/document.xml.rels", "docProps/core.xml", "docProps/app.xml",
	};
	struct buf p[NPARTS];
	struct style s;
	struct dctx d;
	int rc;

	if (style_load(r->tpl, &s, err) != 0)
		return -1;
	memset(p, 0, sizeof p);
	buf_adds(&p[0], content_types);
	buf_adds(&p[1], package_rels);
	d = (struct dctx){ r, o, st, &s, &p[2] };
	document_xml(&d);
	styles_xml(&s, &p[3]);
	buf_adds(&p[4], settings);
	font_table_xml(&s, &p[5]);
	footer_xml(&s, &p[6]);
	buf_adds(&p[7], document_rels);
	core_xml(r, &p[8]);
	buf_adds(&p[9], app_props);
	rc = zip_parts(names, p, out, err);
	for (int i = 0; i < NPARTS; i++)
		buf_free(&p[i]);
	style_free(&s);
	return rc;
}
