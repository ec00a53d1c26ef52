/*
 * report.h - one annual report: its template, metadata, narrative texts and
 * cell values.  Plain data: the rules engine (rules.h) is what keeps the
 * cells consistent, the store (store.h) what reads and writes them.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdbool.h>

#include "core/template.h"
#include "core/value.h"

struct report {
	const struct template	*tpl;		/* not owned */
	char			*agency;	/* UTF-8, never NULL */
	int			 year;
	char			*date;		/* publication date as written */
	char			*contact;
	bool			 auto_totals;	/* derived cells are computed */
	char			*export_choice;	/* the editor's last export: "html gb18030 crlf zero", or "" */
	char			*previous;	/* last year's report it was started from, or "" */
	char			*merged_from;	/* the reports a summary was compiled from, or "" */
	char			*kind;		/* the agency's kind as the template names it, or "" */
	char			*acks;		/* acknowledged findings, one a line: KEY<TAB>REASON (review.h) */
	char			**texts;	/* per template part, never NULL */
	struct value		*cells;		/* per template value cell */
};

struct report *report_create(const struct template *t);
void report_free(struct report *r);

/* Replace a narrative part with a copy of text; -1 and *err if not UTF-8. */
int report_set_text(struct report *r, int part, const char *text, char **err);
/* Replace bytes [at, at + removed) of a narrative part with the n bytes at ins:
 * a keystroke of a long part, checked as report_set_text checks (only the
 * bytes that come in); -1 and *err if not at a character or not UTF-8. */
int report_splice_text(struct report *r, int part, size_t at, size_t removed, const char *ins, size_t n,
    char **err);
/* Replace a metadata string (a field of r, or of a report being read); same checks. */
int report_set_string(char **field, const char *text, char **err);
/* Replace one metadata field with a copy of text; -1 and *err if not UTF-8. */
int report_set_agency(struct report *r, const char *text, char **err);
int report_set_date(struct report *r, const char *text, char **err);
int report_set_contact(struct report *r, const char *text, char **err);
int report_set_previous(struct report *r, const char *text, char **err);
int report_set_kind(struct report *r, const char *text, char **err);
int report_set_merged_from(struct report *r, const char *text, char **err);
/* A report's year from its text ("2025") in *year; -1 and *err unless 1900..9999. */
int report_parse_year(const char *text, int *year, char **err);
/* The year, from its text; the same checks. */
int report_set_year(struct report *r, const char *text, char **err);
/* The editor's export choice, as export_request_choice writes it. */
int report_set_export_choice(struct report *r, const char *text, char **err);
/* What every string of a report must be: UTF-8 without control characters but tab and line breaks. */
int report_check_text(const char *text, char **err);
/* The second half of report_check_text, for text known to be valid UTF-8. */
int report_check_controls(const char *text, char **err);
/* Drop from s what report_check_text refuses (for text taken from a page, not typed). */
void report_clean_text(char *s);

/* Append the report's title, from the template's pattern (%{agency}, %{year}). */
struct buf;
void report_title(const struct report *r, struct buf *out);

#endif
