/*
 * docxsrc.c - a Word document read into a srcdoc.
 *
 * Only word/document.xml (and word/numbering.xml, for the numbers of
 * numbered lists) are read, each at most SOURCE_MAX bytes once unpacked:
 * a zip bomb stops there.  Paragraphs outside tables become lines; a
 * paragraph's line breaks split it.  A table row becomes a srcdoc row whose
 * cells carry their grid column, w:gridSpan as colspan, and a w:vMerge run
 * as the rowspan of its first cell (the continuation cells are left out, as
 * a page leaves out the cells a rowspan covers).  A table inside a cell is
 * read as that cell's text.  Text boxes and the fallback copies of drawings
 * are skipped; deleted text (w:delText) is not text.
 */
#include "nb.h"

#include <expat.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "import/docxsrc.h"
#include "import/source.h"
#include "lib/buf.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

#define NS_SEP '|'
#define MAX_COLS 1000		/* grid columns followed for vertical merges */
#define MAX_LEVELS 9		/* list levels of Word's numbering */
#define MAX_LISTS 256		/* numbering definitions followed */

/* ---- reading entries of the zip ------------------------------------------ */

/*
 * The entry name of za, at most SOURCE_MAX bytes, NUL-terminated in *out
 * (caller frees).  1 when there is no such entry, 0 read, -1 and *err.
 */
static int
entry_read(zip_t *za, const char *name, char **out, size_t *len, char **err)
{
	zip_stat_t zs;
	zip_file_t *zf;
	struct buf b = BUF_INIT;
	char chunk[16384];
	zip_int64_t n;

	if (zip_stat(za, name, 0, &zs) != 0)
		return 1;
	if ((zs.valid & ZIP_STAT_ENCRYPTION_METHOD) && zs.encryption_method != ZIP_EM_NONE) {
		*err = xasprintf(_("the Word document is encrypted: open it in Word or WPS, "
		    "remove the password and save it again"));
		return -1;
	}
	if ((zs.valid & ZIP_STAT_SIZE) && zs.size > SOURCE_MAX)
		goto too_big;
	if ((zf = zip_fopen(za, name, 0)) == NULL) {
		*err = xasprintf(_("cannot read %s in the Word document: %s"), name,
		    zip_strerror(za));
		return -1;
	}
	/* count while reading: the size in the directory may lie */
	while ((n = zip_fread(zf, chunk, sizeof chunk)) > 0) {
		if (b.len + (size_t)n > SOURCE_MAX) {
			zip_fclose(zf);
			buf_free(&b);
			goto too_big;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	if (n < 0) {
		*err = xasprintf(_("the Word document is damaged (%s: %s)"), name,
		    zip_file_strerror(zf));
		zip_fclose(zf);
		buf_free(&b);
		return -1;
	}
	zip_fclose(zf);
	buf_adds(&b, "");
	*len = b.len;
	*out = buf_detach(&b);
	return 0;
too_big:
	*err = xasprintf(_("%s in the Word document is larger than %zu MiB once unpacked: "
	    "no report is that big"), name, SOURCE_MAX >> 20);
	return -1;
}

/* ---- names --------------------------------------------------------------- */

/* The local name of a WordprocessingML element or attribute, or NULL for another namespace. */
static const char *
w_local(const char *name)
{
	static const char *const ns[] = {
		"http://schemas.openxmlformats.org/wordprocessingml/2006/main|",
		"http://purl.oclc.org/ooxml/wordprocessingml/main|",
	};

	for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++)
		if (strncmp(name, ns[i], strlen(ns[i])) == 0)
			return name + strlen(ns[i]);
	return NULL;
}

/* The w: attribute key of an element, or NULL. */
static const char *
w_attr(const char **atts, const char *key)
{
	for (size_t i = 0; atts[i] != NULL; i += 2) {
		const char *l = w_local(atts[i]);

		if (l != NULL && strcmp(l, key) == 0)
			return atts[i + 1];
	}
	return NULL;
}

static bool
is(const char *local, const char *name)
{
	return local != NULL && strcmp(local, name) == 0;
}

/* A small non-negative number from an attribute (0 when absent or not a number). */
static int
attr_int(const char **atts, const char *key, int max)
{
	const char *v = w_attr(atts, key);
	long n;

	if (v == NULL)
		return 0;
	n = strtol(v, NULL, 10);
	return n < 0 ? 0 : n > max ? max : (int)n;
}

/* ---- numbering ----------------------------------------------------------- */

enum num_fmt { FMT_DECIMAL, FMT_CHINESE, FMT_NONE };

struct level {
	int		 start;
	enum num_fmt	 fmt;
	char		*text;		/* "%1、" */
};

struct list_def {
	int		 abstract_id;
	struct level	 lvl[MAX_LEVELS];
};

struct numbering {
	struct list_def	 abs[MAX_LISTS];	/* abstract definitions */
	size_t		 nabs;
	int		 num_id[MAX_LISTS], num_abs[MAX_LISTS];	/* w:num -> abstract id */
	size_t		 nnum;
	int		 count[MAX_LISTS][MAX_LEVELS];	/* counters per abstract definition */
	/* while reading numbering.xml */
	struct list_def	*cur;
	int		 cur_lvl, cur_num;
};

static void
numbering_free(struct numbering *nb)
{
	for (size_t i = 0; i < nb->nabs; i++)
		for (int l = 0; l < MAX_LEVELS; l++)
			free(nb->abs[i].lvl[l].text);
}

static enum num_fmt
num_fmt(const char *v)
{
	if (v == NULL)
		return FMT_DECIMAL;
	if (strncmp(v, "chinese", 7) == 0 || strcmp(v, "ideographDigital") == 0 ||
	    strcmp(v, "japaneseCounting") == 0 || strcmp(v, "taiwaneseCounting") == 0)
		return FMT_CHINESE;
	if (strcmp(v, "none") == 0 || strcmp(v, "bullet") == 0)
		return FMT_NONE;
	return FMT_DECIMAL;
}

static void XMLCALL
num_start(void *user, const char *name, const char **atts)
{
	struct numbering *nb = user;
	const char *l = w_local(name);

	if (is(l, "abstractNum") && nb->nabs < MAX_LISTS) {
		nb->cur = &nb->abs[nb->nabs++];
		nb->cur->abstract_id = attr_int(atts, "abstractNumId", 1 << 20);
		for (int i = 0; i < MAX_LEVELS; i++)
			nb->cur->lvl[i].start = 1;
	} else if (is(l, "lvl"))
		nb->cur_lvl = attr_int(atts, "ilvl", MAX_LEVELS);
	else if (is(l, "num"))
		nb->cur_num = attr_int(atts, "numId", 1 << 20);
	else if (is(l, "abstractNumId") && nb->cur == NULL && nb->nnum < MAX_LISTS) {
		nb->num_id[nb->nnum] = nb->cur_num;
		nb->num_abs[nb->nnum++] = attr_int(atts, "val", 1 << 20);
	} else if (nb->cur != NULL && nb->cur_lvl < MAX_LEVELS) {
		struct level *lv = &nb->cur->lvl[nb->cur_lvl];

		if (is(l, "start"))
			lv->start = attr_int(atts, "val", 1 << 20);
		else if (is(l, "numFmt"))
			lv->fmt = num_fmt(w_attr(atts, "val"));
		else if (is(l, "lvlText") && w_attr(atts, "val") != NULL) {
			free(lv->text);
			lv->text = xstrdup(w_attr(atts, "val"));
		}
	}
}

static void XMLCALL
num_end(void *user, const char *name)
{
	struct numbering *nb = user;

	if (is(w_local(name), "abstractNum"))
		nb->cur = NULL;
}

/* The abstract definition that list numId uses, or -1. */
static int
list_of(const struct numbering *nb, int num_id)
{
	for (size_t i = 0; i < nb->nnum; i++)
		if (nb->num_id[i] == num_id)
			for (size_t a = 0; a < nb->nabs; a++)
				if (nb->abs[a].abstract_id == nb->num_abs[i])
					return (int)a;
	return -1;
}

/* n as a Chinese numeral (1 to 99; the digits beyond). */
static void
chinese_numeral(struct buf *out, int n)
{
	/* the ideographs for 0 to 9, and the one for ten */
	static const uint32_t digit[] = { 0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
		0x516D, 0x4E03, 0x516B, 0x4E5D };
	char u[8];

	if (n <= 0 || n >= 100) {
		buf_addf(out, "%d", n);
		return;
	}
	if (n >= 20)
		buf_add(out, u, utf8_encode(digit[n / 10], u));
	if (n >= 10)
		buf_add(out, u, utf8_encode(0x5341, u));
	if (n % 10 != 0 || n < 10)
		buf_add(out, u, utf8_encode(digit[n % 10], u));
}

/* Count paragraph (numId, ilvl) in its list and append the number Word shows. */
static void
list_label(struct numbering *nb, int num_id, int ilvl, struct buf *out)
{
	int a = list_of(nb, num_id);
	const struct level *lv;
	int *count;

	if (a < 0 || ilvl >= MAX_LEVELS || num_id == 0)
		return;
	lv = &nb->abs[a].lvl[ilvl];
	count = nb->count[a];
	count[ilvl] = count[ilvl] == 0 ? lv->start : count[ilvl] + 1;
	for (int deeper = ilvl + 1; deeper < MAX_LEVELS; deeper++)
		count[deeper] = 0;
	if (lv->fmt == FMT_NONE || lv->text == NULL)
		return;
	for (const char *p = lv->text; *p != '\0'; p++) {
		if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
			int k = p[1] - '1', n = count[k] > 0 ? count[k] : nb->abs[a].lvl[k].start;

			if (nb->abs[a].lvl[k].fmt == FMT_CHINESE)
				chinese_numeral(out, n);
			else
				buf_addf(out, "%d", n);
			p++;
		} else
			buf_addc(out, *p);
	}
}

/* ---- the document -------------------------------------------------------- */

struct merge {
	size_t	 item, cell;	/* the cell that started a vertical merge in a column */
	bool	 open;
};

struct reader {
	struct srcdoc		*d;
	struct numbering	*nb;
	int			 ordinal;	/* paragraphs and rows so far: the "line" */
	int			 skip;		/* depth inside text boxes and fallbacks */
	int			 tbl;		/* table nesting */
	int			 table;		/* the srcdoc table of the outer table */
	bool			 in_t;		/* inside w:t of a paragraph we read */
	bool			 in_tc;		/* inside a cell of the outer table */
	struct buf		 text;		/* the paragraph or cell so far */
	int			 num_id, ilvl;	/* the paragraph's list, if any */
	int			 col, colspan;	/* the cell's grid column and span */
	int			 vmerge;	/* 0 none, 1 restart, 2 continue */
	struct merge		 merges[MAX_COLS];
	bool			 has_label;	/* the paragraph's list number is written */
};

/* Start the paragraph's text with its list number, once. */
static void
put_label(struct reader *rd)
{
	if (!rd->has_label && rd->num_id > 0 && !rd->in_tc) {
		list_label(rd->nb, rd->num_id, rd->ilvl, &rd->text);
		rd->has_label = true;
	}
}

/* End a line of running text (a paragraph, or a part of one before a break). */
static void
flush_line(struct reader *rd)
{
	put_label(rd);
	srcdoc_line(rd->d, rd->ordinal, rd->text.data != NULL ? rd->text.data : "", rd->text.len, 0);
	buf_reset(&rd->text);
}

static void
cell_start(struct reader *rd)
{
	rd->in_tc = true;
	rd->colspan = 1;
	rd->vmerge = 0;
	buf_reset(&rd->text);
}

/* Collapse the runs of white space of the cell's text, as a page's cells are. */
static void
docx_collapse(struct buf *b)
{
	size_t o = 0;
	bool space = false;

	for (size_t i = 0; i < b->len; i++) {
		char c = b->data[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = o > 0;
			continue;
		}
		if (space)
			b->data[o++] = ' ';
		space = false;
		b->data[o++] = c;
	}
	b->len = o;
	if (b->data != NULL)
		b->data[o] = '\0';
}

static void
cell_end(struct reader *rd)
{
	struct src_item *row = &rd->d->v[rd->d->n - 1];
	int col = rd->col;

	rd->in_tc = false;
	rd->col += rd->colspan;
	if (col >= MAX_COLS)
		return;
	if (rd->vmerge == 2 && rd->merges[col].open) {
		rd->d->v[rd->merges[col].item].cells[rd->merges[col].cell].rowspan++;
		return;
	}
	docx_collapse(&rd->text);
	srcdoc_cell(rd->d, rd->ordinal, rd->text.data != NULL ? rd->text.data : "", rd->text.len,
	    col, rd->colspan, 1);
	row = &rd->d->v[rd->d->n - 1];
	for (int c = col; c < col + rd->colspan && c < MAX_COLS; c++)
		rd->merges[c].open = false;
	if (rd->vmerge == 1)
		rd->merges[col] = (struct merge){ rd->d->n - 1, row->ncells - 1, true };
}

/* An element of the outer table's structure (tbl, tr, tc and their properties). */
static void
table_start(struct reader *rd, const char *l, const char **atts)
{
	if (is(l, "tbl") && rd->tbl == 1) {
		rd->table = rd->d->ntables++;
		memset(rd->merges, 0, sizeof rd->merges);
	} else if (rd->tbl != 1)
		return;
	else if (is(l, "tr")) {
		srcdoc_row(rd->d, ++rd->ordinal, rd->table);
		rd->col = 0;
	} else if (is(l, "gridBefore") && !rd->in_tc)
		rd->col += attr_int(atts, "val", MAX_COLS);
	else if (is(l, "tc"))
		cell_start(rd);
	else if (is(l, "gridSpan") && rd->in_tc)
		rd->colspan = attr_int(atts, "val", MAX_COLS) > 0 ? attr_int(atts, "val", MAX_COLS) : 1;
	else if (is(l, "vMerge") && rd->in_tc) {
		const char *v = w_attr(atts, "val");

		rd->vmerge = v != NULL && strcmp(v, "restart") == 0 ? 1 : 2;
	}
}

static void XMLCALL
doc_start(void *user, const char *name, const char **atts)
{
	struct reader *rd = user;
	const char *l = w_local(name);

	if (rd->skip > 0 || is(l, "txbxContent") ||
	    strcmp(name, "http://schemas.openxmlformats.org/markup-compatibility/2006|Fallback") == 0) {
		rd->skip++;
		return;
	}
	if (l == NULL)
		return;
	if (is(l, "tbl"))
		rd->tbl++;
	if (rd->tbl > 0)
		table_start(rd, l, atts);
	if (is(l, "p") && rd->tbl == 0) {
		buf_reset(&rd->text);
		rd->num_id = rd->ilvl = 0;
		rd->has_label = false;
		rd->ordinal++;
	} else if (is(l, "p") && rd->in_tc && rd->text.len > 0)
		buf_addc(&rd->text, ' ');
	else if (is(l, "numId"))
		rd->num_id = attr_int(atts, "val", 1 << 20);
	else if (is(l, "ilvl"))
		rd->ilvl = attr_int(atts, "val", MAX_LEVELS);
	else if (is(l, "t"))
		rd->in_t = rd->tbl == 0 || rd->in_tc;
	else if (is(l, "tab") || is(l, "ptab")) {
		put_label(rd);
		buf_addc(&rd->text, '\t');
	} else if (is(l, "noBreakHyphen"))
		buf_addc(&rd->text, '-');
	else if ((is(l, "br") || is(l, "cr")) && rd->tbl == 0)
		flush_line(rd);
	else if ((is(l, "br") || is(l, "cr")) && rd->in_tc)
		buf_addc(&rd->text, ' ');
}

static void XMLCALL
doc_end(void *user, const char *name)
{
	struct reader *rd = user;
	const char *l = w_local(name);

	if (rd->skip > 0) {
		rd->skip--;
		return;
	}
	if (is(l, "t"))
		rd->in_t = false;
	else if (is(l, "p") && rd->tbl == 0)
		flush_line(rd);
	else if (is(l, "tc") && rd->tbl == 1)
		cell_end(rd);
	else if (is(l, "tbl"))
		rd->tbl--;
}

static void XMLCALL
doc_text(void *user, const char *s, int len)
{
	struct reader *rd = user;

	if (rd->in_t && rd->skip == 0) {
		put_label(rd);
		buf_add(&rd->text, s, (size_t)len);
	}
}

/* Parse len bytes of XML with the handlers; -1 and *err naming the entry when it is not XML. */
static int
parse_xml(const char *entry, const char *xml, size_t len, void *user, XML_StartElementHandler st,
    XML_EndElementHandler en, XML_CharacterDataHandler tx, char **err)
{
	XML_Parser xp = XML_ParserCreateNS(NULL, NS_SEP);
	int rc = 0;

	if (xp == NULL) {
		*err = xasprintf(_("out of memory"));
		return -1;
	}
	XML_SetUserData(xp, user);
	XML_SetElementHandler(xp, st, en);
	if (tx != NULL)
		XML_SetCharacterDataHandler(xp, tx);
	if (XML_Parse(xp, xml, (int)len, XML_TRUE) != XML_STATUS_OK) {
		enum XML_Error e = XML_GetErrorCode(xp);

		/* expat refuses entity expansion attacks ("billion laughs") itself */
		*err = xasprintf(_("the Word document is damaged: %s, line %lu: %s"), entry,
		    (unsigned long)XML_GetCurrentLineNumber(xp), XML_ErrorString(e));
		rc = -1;
	}
	XML_ParserFree(xp);
	return rc;
}

/* The lists of word/numbering.xml, if there is one (a damaged one is ignored). */
static int
read_numbering(zip_t *za, struct numbering *nb, char **err)
{
	char *xml = NULL, *ignore = NULL;
	size_t len = 0;
	int rc = entry_read(za, "word/numbering.xml", &xml, &len, err);

	if (rc != 0)
		return rc > 0 ? 0 : -1;
	if (parse_xml("word/numbering.xml", xml, len, nb, num_start, num_end, NULL, &ignore) != 0)
		free(ignore);
	nb->cur = NULL;
	free(xml);
	return 0;
}

/* Why a zip without word/document.xml is not a Word document. */
static char *
not_word(zip_t *za)
{
	if (zip_name_locate(za, "xl/workbook.xml", 0) >= 0)
		return xasprintf(_("this is an Excel workbook (.xlsx), not a Word document"));
	if (zip_name_locate(za, "ppt/presentation.xml", 0) >= 0)
		return xasprintf(_("this is a PowerPoint presentation (.pptx), not a Word document"));
	if (zip_name_locate(za, "content.xml", 0) >= 0)
		return xasprintf(_("this is an OpenDocument file: save it as .docx in LibreOffice or WPS"));
	return xasprintf(_("this zip file is not a Word document (it has no word/document.xml)"));
}

static int
read_zip(zip_t *za, struct srcdoc *d, char **err)
{
	struct numbering *nb = xcalloc(1, sizeof *nb);
	struct reader *rd = xcalloc(1, sizeof *rd);
	char *xml = NULL;
	size_t len = 0;
	int rc;

	if ((rc = entry_read(za, "word/document.xml", &xml, &len, err)) > 0) {
		*err = not_word(za);
		rc = -1;
	}
	if (rc == 0)
		rc = read_numbering(za, nb, err);
	if (rc == 0) {
		rd->d = d;
		rd->nb = nb;
		rc = parse_xml("word/document.xml", xml, len, rd, doc_start, doc_end, doc_text, err);
	}
	buf_free(&rd->text);
	free(rd);
	numbering_free(nb);
	free(nb);
	free(xml);
	return rc;
}

/* The message for a zip libzip cannot open. */
static char *
bad_zip(zip_error_t *ze)
{
	int code = zip_error_code_zip(ze);

	if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS || code == ZIP_ER_EOF ||
	    code == ZIP_ER_CRC || code == ZIP_ER_COMPNOTSUPP)
		return xasprintf(_("the Word document is damaged or cut short (%s): "
		    "open it in Word or WPS and save it again"), zip_error_strerror(ze));
	return xasprintf(_("cannot read the Word document: %s"), zip_error_strerror(ze));
}

static const unsigned char ole_magic[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

/* What the first bytes say: 0 a zip, 1 something else, -1 (with *err) a Word 97 file. */
static int
sniff(const unsigned char *b, size_t n, char **err)
{
	if (n >= 8 && memcmp(b, ole_magic, 8) == 0) {
		*err = xasprintf(_("this is a Word 97-2003 document (.doc) or a password-protected "
		    "Word file: open it in Word or WPS and save it as .docx (without a password)"));
		return -1;
	}
	if (n >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 || b[2] == 5) && (b[3] == 4 || b[3] == 6))
		return 0;
	return 1;
}

int
docx_read_mem(const void *bytes, size_t len, struct srcdoc *d, char **err)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	int rc = sniff(bytes, len, err);

	if (rc != 0)
		return rc;
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(bytes, len, 0, &ze)) == NULL ||
	    (za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze)) == NULL) {
		zip_source_free(src);
		*err = bad_zip(&ze);
		zip_error_fini(&ze);
		return -1;
	}
	rc = read_zip(za, d, err);
	zip_discard(za);
	zip_error_fini(&ze);
	return rc;
}

int
docx_read_file(const char *path, struct srcdoc *d, char **err)
{
	unsigned char head[8];
	size_t n = 0;
	FILE *fp;
	zip_t *za;
	int rc, ze = 0;

	struct stat st;

	/* Only a regular file is opened here (a FIFO would block the open): the
	 * text reader says why anything else is refused. */
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (fp = fopen(path, "rb")) == NULL)
		return 1;
	n = fread(head, 1, sizeof head, fp);
	fclose(fp);
	if ((rc = sniff(head, n, err)) != 0)
		return rc;
	if ((za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &ze)) == NULL) {
		zip_error_t e;

		zip_error_init_with_code(&e, ze);
		*err = bad_zip(&e);
		zip_error_fini(&e);
		return -1;
	}
	rc = read_zip(za, d, err);
	zip_discard(za);
	return rc;
}
