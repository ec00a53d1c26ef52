/* create.c - a new report from its format, defaults and last year's report. */
#include "nb.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/create.h"
#include "core/review.h"
#include "core/rules.h"
#include "lib/xalloc.h"

int
create_default_year(const struct report *last)
{
	time_t now = time(NULL);
	struct tm tm;

	if (last != NULL)
		return last->year + 1;
	localtime_r(&now, &tm);
	return tm.tm_year + 1900 - 1;	/* reports are written early in the year about the year before */
}

const char *
create_default_agency(const struct report *last, const char *pref)
{
	if (last != NULL)
		return last->agency;
	return pref != NULL ? pref : "";
}

char *
create_format_id(const char *format)
{
	if (*format != '\0' && strspn(format, "0123456789") == strlen(format))
		return xasprintf("gov-%s", format);
	return xstrdup(format);
}

/* The template s asks for, or NULL with the reason in dl. */
const struct template *
create_template(struct tplset *ts, const struct create_spec *s, int year, struct diag_list *dl)
{
	const struct template *t;
	const char *id;
	char *own = NULL;

	if (s->tpl != NULL)
		return s->tpl;
	if (s->format == NULL)
		id = tplset_default_for_year(ts, year, dl);
	else
		id = own = create_format_id(s->format);
	t = id != NULL ? tplset_get(ts, id, dl) : NULL;
	free(own);
	return t;
}

/* How the new report at file names last: beside it by name, else by full path. */
static char *
create_previous_name(const char *last, const char *file)
{
	char *a = xstrdup(last), *b = xstrdup(file), *la = realpath(last, NULL), *name;
	bool beside = strcmp(dirname(a), dirname(b)) == 0;

	free(a);
	a = xstrdup(last);
	name = xstrdup(beside ? basename(a) : la != NULL ? la : last);
	free(a);
	free(b);
	free(la);
	return name;
}

/*
 * Start r from last: the cells the template's cross-year rules carry over
 * (this year's requests carried over from last year's carried forward), the
 * contact, section 1's texts as a draft when asked, and where it came from.
 */
static void
create_carry_over(struct report *r, const struct create_spec *s)
{
	const struct report *last = s->last;
	char *prev = create_previous_name(s->last_path, s->file), *err = NULL;

	rules_carry_over(r, last);
	/* last year's fields were checked as UTF-8 when it was read: no error here */
	if (report_set_contact(r, last->contact, &err) != 0 || report_set_previous(r, prev, &err) != 0)
		free(err);
	free(prev);
	for (size_t p = 0; s->keep_text && p < r->tpl->nparts; p++) {
		int q = template_part(last->tpl, r->tpl->parts[p].id);

		if (r->tpl->parts[p].section == 1 && q >= 0 &&
		    report_set_text(r, (int)p, last->texts[q], &err) != 0) {
			free(err);
			err = NULL;
		}
	}
}

/* The agency's kind: as given, else last year's; one the format knows. */
static int
create_kind(struct report *r, const struct create_spec *s, struct diag_list *dl)
{
	const char *kind = s->kind != NULL ? s->kind : s->last != NULL ? s->last->kind : "";
	char *err = NULL;

	if (*kind != '\0' && !review_kind_known(r->tpl, kind)) {
		diag_add(dl, s->name, 0, _("the %s format knows no agency kind \"%s\""), r->tpl->id, kind);
		return -1;
	}
	if (report_set_kind(r, kind, &err) != 0) {
		diag_add(dl, s->name, 0, "%s: %s", "kind", err);
		free(err);
		return -1;
	}
	return 0;
}

/* Set the fields s gives; -1 with the reason in dl, named by the key a report
 * file gives the field, as the store names it when it reads one. */
static int
create_fields(struct report *r, const struct create_spec *s, struct diag_list *dl)
{
	const char *agency = s->agency != NULL ? s->agency : create_default_agency(s->last, s->pref_agency);
	char *err = NULL;

	if (report_set_agency(r, agency, &err) != 0) {
		diag_add(dl, s->name, 0, "%s: %s", "agency", err);
		goto fail;
	}
	if (report_set_contact(r, s->contact != NULL ? s->contact : "", &err) != 0) {
		diag_add(dl, s->name, 0, "%s: %s", "contact", err);
		goto fail;
	}
	if (report_set_date(r, s->date != NULL ? s->date : "", &err) != 0) {
		diag_add(dl, s->name, 0, "%s: %s", "date", err);
		goto fail;
	}
	if (create_kind(r, s, dl) != 0)
		return -1;
	return 0;
fail:
	free(err);
	return -1;
}

struct report *
create_report(struct tplset *ts, const struct create_spec *s, struct diag_list *dl)
{
	int year = s->year != 0 ? s->year : create_default_year(s->last);
	const struct template *t = create_template(ts, s, year, dl);
	struct report *r;
	struct checker *ck;

	if (t == NULL)
		return NULL;
	r = report_create(t);
	r->year = year;
	r->auto_totals = s->auto_totals;
	if (create_fields(r, s, dl) != 0) {
		report_free(r);
		return NULL;
	}
	if (!template_covers(t, year))
		diag_add(dl, s->name, 0, _("warning: the %s format is not the one for %d reports"),
		    t->id, year);
	if (s->last != NULL)
		create_carry_over(r, s);
	if (r->auto_totals) {	/* a new report's totals are computed, last year's carried cells too */
		ck = checker_create(r, s->last);
		checker_recompute(ck);
		checker_free(ck);
	}
	return r;
}
