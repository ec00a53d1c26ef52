/* export.c - what both exporters share. */
#include "nb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/links.h"
#include "export/encode.h"
#include "export/export.h"
#include "lib/atomic.h"
#include "lib/buf.h"
#include "lib/xalloc.h"

void
export_opts_init(struct export_opts *o)
{
	memset(o, 0, sizeof *o);
	o->blank = BLANK_ZERO;
	o->width = 80;
	o->ambiguous = 1;
	o->charset = "UTF-8";
}

void
export_cell_text(const struct report *r, int cell, const struct export_opts *o,
    struct export_stats *st, char *out, size_t n)
{
	const struct value *v = &r->cells[cell];

	if (v->state == VALUE_BLANK) {
		snprintf(out, n, "%s", o->blank == BLANK_ZERO ? "0" : "");
		if (o->blank == BLANK_ZERO && st != NULL)
			st->blanks_as_zero++;
		return;
	}
	if (v->state == VALUE_UNREADABLE && st != NULL)
		st->unreadable++;
	value_format(v, &r->tpl->values[cell].kind, out, n);	/* "?": never a guessed 0 */
}

void
export_request_init(struct export_request *req, const char *choice)
{
	char *copy = xstrdup(choice != NULL ? choice : ""), *save = NULL;

	memset(req, 0, sizeof *req);
	export_opts_init(&req->opts);
	req->encoding = "UTF-8";
	for (char *w = strtok_r(copy, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
		if (strcmp(w, "html") == 0 || strcmp(w, "text") == 0 || strcmp(w, "docx") == 0) {
			req->html = strcmp(w, "html") == 0;
			req->docx = strcmp(w, "docx") == 0;
		}
		else if (strcmp(w, "crlf") == 0 || strcmp(w, "lf") == 0)
			req->crlf = strcmp(w, "crlf") == 0;
		else if (strcmp(w, "zero") == 0 || strcmp(w, "empty") == 0)
			req->opts.blank = strcmp(w, "zero") == 0 ? BLANK_ZERO : BLANK_EMPTY;
		else if (encode_name(w) != NULL)
			req->encoding = encode_name(w);
	}
	free(copy);
	/* Box-drawing characters are drawn 2 wide by the CJK fonts of GBK-era tools (Notepad). */
	req->opts.ambiguous = strcmp(req->encoding, "UTF-8") == 0 ? 1 : 2;
	req->opts.charset = req->encoding;
}

char *
export_request_choice(const struct export_request *req)
{
	const char *enc = strcmp(req->encoding, "GB18030") == 0 ? "gb18030" :
	    strcmp(req->encoding, "GBK") == 0 ? "gbk" : "utf-8";

	return xasprintf("%s %s %s %s", req->docx ? "docx" : req->html ? "html" : "text", enc, req->crlf ? "crlf" : "lf",
	    req->opts.blank == BLANK_ZERO ? "zero" : "empty");
}

/*
 * The texts of r with their linked numbers as digits (core/links.h), in *out
 * (a copy of r sharing all else), when one has a link: every writer then
 * prints plain numbers, and importing the export reads them back as such.
 * False (nothing to free) when no text has a link.
 */
static bool
export_links(const struct report *r, struct report *out, struct export_stats *st)
{
	size_t n = r->tpl->nparts, i;
	struct link l;

	for (i = 0; i < n && !links_next(r->tpl, r->texts[i], strlen(r->texts[i]), 0, &l); i++)
		;
	if (i == n)
		return false;
	*out = *r;
	out->texts = xcalloc(n, sizeof *out->texts);
	for (i = 0; i < n; i++) {
		struct buf b = BUF_INIT;

		size_t unknown = links_expand(r, r->texts[i], &b);

		if (st != NULL)
			st->unknown_links += unknown;
		out->texts[i] = buf_detach(&b);
	}
	return true;
}

static void
export_links_free(struct report *x)
{
	for (size_t i = 0; i < x->tpl->nparts; i++)
		free(x->texts[i]);
	free(x->texts);
}

/* export_report on a report whose texts hold no links. */
static int
export_plain(const struct report *r, const struct export_request *req, struct buf *bytes,
    struct export_stats *st, char **err)
{
	struct buf doc = BUF_INIT;
	int rc;

	if (req->docx)
		return export_docx(r, &req->opts, bytes, st, err);
	if (encode_check_report(r, req->encoding, err) != 0)
		return -1;
	if (req->html)
		export_html(r, &req->opts, &doc, st);
	else
		export_text(r, &req->opts, &doc, st);
	rc = encode_document(doc.data != NULL ? doc.data : "", doc.len, req->encoding, req->crlf, bytes, err);
	buf_free(&doc);
	return rc;
}

int
export_report(const struct report *r, const struct export_request *req, struct buf *bytes,
    struct export_stats *st, char **err)
{
	struct report x;
	int rc;

	if (!export_links(r, &x, st))
		return export_plain(r, req, bytes, st, err);
	rc = export_plain(&x, req, bytes, st, err);
	export_links_free(&x);
	return rc;
}

/* FILE.nb -> FILE.ext */
static char *
path_with(const char *file, const char *ext)
{
	size_t n = strlen(file);

	if (n > 3 && strcmp(file + n - 3, ".nb") == 0)
		n -= 3;
	return xasprintf("%.*s%s", (int)n, file, ext);
}

char *
export_default_path(const char *file, bool html)
{
	return path_with(file, html ? ".html" : ".txt");
}

char *
export_request_path(const char *file, const struct export_request *req)
{
	return path_with(file, req->docx ? ".docx" : req->html ? ".html" : ".txt");
}

int
export_write(const char *out, const struct buf *bytes, bool named, char **err)
{
	/* An export is made again at will: a read-only old one is no reason to stop. */
	return atomic_write(out, bytes->data, bytes->len,
	    ATOMIC_REPLACE | ATOMIC_FORCE | (named ? ATOMIC_NAMED : 0), NULL, err);
}
