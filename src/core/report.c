/* report.c - the report model; blank cells stay blank, text stays byte for byte. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "lib/buf.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

struct report *
report_create(const struct template *t)
{
	struct report *r = xcalloc(1, sizeof *r);

	r->tpl = t;
	r->agency = xstrdup("");
	r->date = xstrdup("");
	r->contact = xstrdup("");
	r->export_choice = xstrdup("");
	r->previous = xstrdup("");
	r->merged_from = xstrdup("");
	r->kind = xstrdup("");
	r->acks = xstrdup("");
	r->auto_totals = true;
	r->texts = xcalloc(t->nparts, sizeof *r->texts);
	for (size_t i = 0; i < t->nparts; i++)
		r->texts[i] = xstrdup("");
	r->cells = xcalloc(t->nvalues, sizeof *r->cells);
	for (size_t i = 0; i < t->nvalues; i++)
		r->cells[i].state = VALUE_BLANK;
	return r;
}

void
report_free(struct report *r)
{
	if (r == NULL)
		return;
	free(r->agency);
	free(r->date);
	free(r->contact);
	free(r->export_choice);
	free(r->previous);
	free(r->merged_from);
	free(r->kind);
	free(r->acks);
	for (size_t i = 0; i < r->tpl->nparts; i++)
		free(r->texts[i]);
	free(r->texts);
	free(r->cells);
	free(r);
}

int
report_check_text(const char *text, char **err)
{
	if (!utf8_valid(text, strlen(text))) {
		*err = xstrdup(_("the text is not valid UTF-8"));
		return -1;
	}
	return report_check_controls(text, err);
}

int
report_check_controls(const char *text, char **err)
{
	uint32_t cp;

	/* ESC, BEL and their kind would act on the terminal of whoever prints the report. */
	if ((cp = utf8_first_control(text, NULL)) != 0) {
		*err = xasprintf(_("control character U+%04X is not allowed in a report (only tab and line breaks are)"),
		    (unsigned)cp);
		return -1;
	}
	return 0;
}

void
report_clean_text(char *s)
{
	size_t n = strlen(s), i = 0, o = 0, k;
	uint32_t cp;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			k = 1;
		else if (!utf8_is_control(cp)) {
			memmove(s + o, s + i, k);
			o += k;
		}
		i += k;
	}
	s[o] = '\0';
}

int
report_set_string(char **field, const char *text, char **err)
{
	if (report_check_text(text, err) != 0)
		return -1;
	free(*field);
	*field = xstrdup(text);
	return 0;
}

int
report_set_agency(struct report *r, const char *text, char **err)
{
	return report_set_string(&r->agency, text, err);
}

int
report_set_date(struct report *r, const char *text, char **err)
{
	return report_set_string(&r->date, text, err);
}

int
report_set_contact(struct report *r, const char *text, char **err)
{
	return report_set_string(&r->contact, text, err);
}

int
report_parse_year(const char *text, int *year, char **err)
{
	char *end;
	long y = strtol(text, &end, 10);

	if (end == text || *end != '\0' || y < 1900 || y > 9999) {
		*err = xasprintf(_("year must be a number like 2025, not \"%s\""), text);
		return -1;
	}
	*year = (int)y;
	return 0;
}

int
report_set_year(struct report *r, const char *text, char **err)
{
	return report_parse_year(text, &r->year, err);
}

int
report_set_previous(struct report *r, const char *text, char **err)
{
	return report_set_string(&r->previous, text, err);
}

int
report_set_kind(struct report *r, const char *text, char **err)
{
	return report_set_string(&r->kind, text, err);
}

int
report_set_merged_from(struct report *r, const char *text, char **err)
{
	return report_set_string(&r->merged_from, text, err);
}

int
report_set_export_choice(struct report *r, const char *text, char **err)
{
	return report_set_string(&r->export_choice, text, err);
}

int
report_set_text(struct report *r, int part, const char *text, char **err)
{
	return report_set_string(&r->texts[part], text, err);
}

/* Does a character start at byte at of s (len bytes), or does s end there? */
static bool
report_char_at(const char *s, size_t len, size_t at)
{
	return at == len || (at < len && ((unsigned char)s[at] & 0xC0) != 0x80);
}

int
report_splice_text(struct report *r, int part, size_t at, size_t removed, const char *ins, size_t n,
    char **err)
{
	size_t len = strlen(r->texts[part]);
	char *chunk;
	int rc;

	if (at > len || removed > len - at || !report_char_at(r->texts[part], len, at) ||
	    !report_char_at(r->texts[part], len, at + removed) || memchr(ins, '\0', n) != NULL) {
		*err = xstrdup(_("the change is not at a character of the text"));
		return -1;
	}
	chunk = xstrndup(ins, n);	/* only what comes in is checked: the rest was */
	if ((rc = report_check_text(chunk, err)) == 0) {
		if (n > removed)
			r->texts[part] = xrealloc(r->texts[part], len - removed + n + 1);
		memmove(r->texts[part] + at + n, r->texts[part] + at + removed, len - at - removed + 1);
		memcpy(r->texts[part] + at, ins, n);
	}
	free(chunk);
	return rc;
}

void
report_title(const struct report *r, struct buf *out)
{
	for (const char *p = r->tpl->title; *p != '\0'; p++) {
		if (strncmp(p, "%{agency}", 9) == 0) {
			buf_adds(out, r->agency);
			p += 8;
		} else if (strncmp(p, "%{year}", 7) == 0) {
			buf_addf(out, "%d", r->year);
			p += 6;
		} else
			buf_addc(out, *p);
	}
}
