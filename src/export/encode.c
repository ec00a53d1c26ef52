/* encode.c - iconv at one boundary; see encode.h. */
#include "nb.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "export/encode.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

const char *
encode_name(const char *option)
{
	if (strcasecmp(option, "utf-8") == 0 || strcasecmp(option, "utf8") == 0)
		return "UTF-8";
	if (strcasecmp(option, "gb18030") == 0)
		return "GB18030";
	if (strcasecmp(option, "gbk") == 0 || strcasecmp(option, "cp936") == 0)
		return "GBK";
	return NULL;
}

/*
 * Convert n bytes of UTF-8; returns 0, or the offset + 1 of the first
 * character the encoding cannot hold (out then holds what came before).
 */
static size_t
encode_convert(iconv_t cd, const char *s, size_t n, struct buf *out)
{
	char tmp[4096];
	ICONV_CONST char *in = (ICONV_CONST char *)s;
	size_t left = n;

	iconv(cd, NULL, NULL, NULL, NULL);
	while (left > 0) {
		char *o = tmp;
		size_t room = sizeof tmp;
		size_t rc = iconv(cd, &in, &left, &o, &room);

		buf_add(out, tmp, (size_t)(o - tmp));
		if (rc == (size_t)-1 && errno != E2BIG)
			return (size_t)(in - s) + 1;
	}
	return 0;
}

/* The message for a character at s + at that encoding cannot hold, in place. */
static char *
unencodable(const char *s, size_t n, size_t at, const char *encoding, const char *place)
{
	uint32_t cp = 0;
	size_t k = utf8_decode(s + at, n - at, &cp);
	char *ch = xstrndup(s + at, k > 0 ? k : 1);
	char *msg = xasprintf(_("%s: the character \"%s\" (U+%04X) cannot be written in %s; use GB18030 or UTF-8, or replace it"),
	    place, ch, (unsigned)cp, encoding);

	free(ch);
	return msg;
}

/* Check one text; -1 and *err if a character of it does not fit. */
static int
check_text(iconv_t cd, const char *s, const char *encoding, const char *place, char **err)
{
	struct buf tmp = BUF_INIT;
	size_t at = encode_convert(cd, s, strlen(s), &tmp);

	buf_free(&tmp);
	if (at == 0)
		return 0;
	*err = unencodable(s, strlen(s), at - 1, encoding, place);
	return -1;
}

/* Each paragraph of a text part, named "section title (part title), paragraph N". */
static int
check_part(iconv_t cd, const struct report *r, size_t p, const char *encoding, char **err)
{
	const struct tpl_part *tp = &r->tpl->parts[p];
	const char *s = r->texts[p];
	int para = 0, rc = 0;

	while (*s != '\0' && rc == 0) {
		const char *nl = strchr(s, '\n');
		char *line = nl != NULL ? xstrndup(s, (size_t)(nl - s)) : xstrdup(s);
		char *place;

		if (*line != '\0')
			para++;
		place = xasprintf(_("%s%s, paragraph %d"), tp->section > 0 ?
		    r->tpl->sections[tp->section].title : _("opening paragraph"), tp->title, para);
		rc = check_text(cd, line, encoding, place, err);
		free(place);
		free(line);
		s = nl != NULL ? nl + 1 : s + strlen(s);
	}
	return rc;
}

static int
check_template(iconv_t cd, const struct template *t, const char *encoding, char **err)
{
	for (size_t i = 0; i < t->ntables; i++)
		for (size_t r = 0; r < t->tables[i].nrows; r++)
			for (size_t c = 0; c < t->tables[i].rows[r].ncells; c++) {
				const char *l = t->tables[i].rows[r].cells[c].label;

				if (l != NULL && check_text(cd, l, encoding, t->tables[i].name, err) != 0)
					return -1;
			}
	for (int s = 1; s <= TPL_SECTIONS; s++)
		if (check_text(cd, t->sections[s].title, encoding, t->id, err) != 0)
			return -1;
	return 0;
}

int
encode_check_report(const struct report *r, const char *encoding, char **err)
{
	iconv_t cd = iconv_open(encoding, "UTF-8");
	int rc = 0;

	if (cd == (iconv_t)-1) {
		*err = xasprintf(_("this system cannot convert to %s"), encoding);
		return -1;
	}
	if (check_text(cd, r->agency, encoding, _("report information: agency"), err) != 0 ||
	    check_text(cd, r->date, encoding, _("report information: date"), err) != 0 ||
	    check_text(cd, r->contact, encoding, _("report information: contact"), err) != 0)
		rc = -1;
	for (size_t p = 0; rc == 0 && p < r->tpl->nparts; p++)
		rc = check_part(cd, r, p, encoding, err);
	for (size_t v = 0; rc == 0 && v < r->tpl->nvalues; v++) {
		char text[64];
		char *place;

		value_format(&r->cells[v], &r->tpl->values[v].kind, text, sizeof text);
		place = xasprintf(_("cell %s"), r->tpl->values[v].id);
		rc = check_text(cd, text, encoding, place, err);
		free(place);
	}
	if (rc == 0)
		rc = check_template(cd, r->tpl, encoding, err);
	iconv_close(cd);
	return rc;
}

int
encode_document(const char *utf8, size_t len, const char *encoding, bool crlf,
    struct buf *out, char **err)
{
	struct buf lines = BUF_INIT;
	const char *src = utf8;
	size_t n = len, at;
	iconv_t cd;

	if (crlf) {	/* before conversion: "\r\n" is the same bytes in all three */
		for (size_t i = 0; i < len; i++) {
			if (utf8[i] == '\n' && (i == 0 || utf8[i - 1] != '\r'))
				buf_addc(&lines, '\r');
			buf_addc(&lines, utf8[i]);
		}
		src = lines.data != NULL ? lines.data : "";
		n = lines.len;
	}
	if (strcmp(encoding, "UTF-8") == 0) {
		buf_add(out, src, n);
		buf_free(&lines);
		return 0;
	}
	if ((cd = iconv_open(encoding, "UTF-8")) == (iconv_t)-1) {
		*err = xasprintf(_("this system cannot convert to %s"), encoding);
		buf_free(&lines);
		return -1;
	}
	at = encode_convert(cd, src, n, out);
	iconv_close(cd);
	if (at != 0) {
		int line = 1;

		for (size_t i = 0; i + 1 < at; i++)
			line += src[i] == '\n';
		char *place = xasprintf(_("line %d of the export"), line);

		*err = unencodable(src, n, at - 1, encoding, place);
		free(place);
	}
	buf_free(&lines);
	return at != 0 ? -1 : 0;
}
