/*
 * t_docx.c - the Word document in and out, in process: import(export --to
 * docx r) gives every cell and every paragraph of r back, for the demos and
 * for random reports (numbers of every kind, blank and "/", texts with XML
 * specials, control characters, tabs, CJK and astral characters); damaged
 * Word files are refused with a message, never a crash.
 * T_DOCX_REPORTS=N sets the size of the random sample: 1000 by default, for
 * 10000 took 273 s on a busy 2-core machine (41 s of CPU); run that by hand.
 */
#include "nb.h"

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "export/export.h"
#include "import/docxsrc.h"
#include "import/import.h"
#include "lib/buf.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "testlib.h"

TL_TEMPLATES

TestSuite(docx, .init = tl_setup, .fini = tl_teardown);

/* ---- what a round trip keeps ---- */

/* True if the n bytes at s start with a character the exporter writes as U+FFFD. */
static size_t
replaced(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];

	if ((c < 0x20 && c != '\t') || c == 0x7f)
		return 1;
	if (n >= 2 && c == 0xc2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9f)
		return 2;
	if (n >= 3 && c == 0xef && (unsigned char)s[1] == 0xbf && (unsigned char)s[2] >= 0xbe)
		return 3;
	return 0;
}

/* Trimmed length of a line: without the blanks (ASCII, U+3000) around it. */
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

/* A text as it is published: its non-blank lines, trimmed, controls as U+FFFD, joined by \n. */
static char *
published(const char *text)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "");
	while (*text != '\0') {
		size_t len = strcspn(text, "\n"), n = len;
		const char *s = text;

		trim(&s, &n);
		if (n > 0) {
			if (b.len > 0)
				buf_addc(&b, '\n');
			for (size_t i = 0; i < n; i++) {
				size_t k = replaced(s + i, n - i);

				if (k > 0) {
					buf_adds(&b, "\xEF\xBF\xBD");
					i += k - 1;
				} else
					buf_addc(&b, s[i]);
			}
		}
		text += len + (text[len] == '\n');
	}
	return buf_detach(&b);
}

/* Export r as a Word document and import it back; the report, or a failed assertion. */
static struct report *
round_trip(const struct report *r, size_t *bytes)
{
	struct export_opts o;
	struct buf doc = BUF_INIT;
	struct srcdoc d = SRCDOC_INIT;
	struct diag_list warn = DIAG_LIST_INIT;
	struct import_opts io = { "rt.docx", NULL, 0, NULL };
	struct report *back;
	char *err = NULL;

	export_opts_init(&o);
	o.blank = BLANK_EMPTY;
	cr_assert_eq(export_docx(r, &o, &doc, NULL, &err), 0, "export: %s", err ? err : "");
	*bytes = doc.len;
	cr_assert_eq(docx_read_mem(doc.data, doc.len, &d, &err), 0, "read: %s", err ? err : "");
	back = import_doc(ts, &d, &io, &warn, &err);
	if (back == NULL || warn.n > 0)
		diag_print(&warn, stderr);
	cr_assert_not_null(back, "import: %s", err ? err : "");
	cr_assert_eq(warn.n, 0, "no warning on our own export");
	diag_list_free(&warn);
	srcdoc_free(&d);
	buf_free(&doc);
	return back;
}

/* Every cell, every text part as published, the agency and year: the same. */
static void
assert_same(const struct report *want, const struct report *got, unsigned seed)
{
	const struct template *t = want->tpl;

	cr_assert_str_eq(got->tpl->id, t->id, "seed %u: the format", seed);
	cr_assert_eq(got->year, want->year, "seed %u: the year", seed);
	cr_assert_str_eq(got->agency, want->agency, "seed %u: the agency", seed);
	for (size_t c = 0; c < t->nvalues; c++)
		cr_assert(value_equal(&got->cells[c], &want->cells[c]), "seed %u: cell %s", seed,
		    t->values[c].id);
	for (size_t p = 0; p < t->nparts; p++) {
		char *a = published(want->texts[p]), *b = published(got->texts[p]);

		cr_assert_str_eq(b, a, "seed %u: part %s", seed, t->parts[p].id);
		free(a);
		free(b);
	}
}

Test(docx, demos_come_back_cell_for_cell_and_paragraph_for_paragraph)
{
	static const char *const demos[] = { "demo-2025.nb", "demo-2020.nb" };

	for (size_t i = 0; i < 2; i++) {
		struct report *r = tl_load_example(ts, demos[i]), *back;
		size_t n;

		back = round_trip(r, &n);
		assert_same(r, back, 0);
		cr_assert_str_eq(back->date, r->date, "%s: the date", demos[i]);
		report_free(back);
		report_free(r);
	}
}

/* ---- random reports ---- */

static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static size_t
below(uint64_t *s, size_t n)
{
	return (size_t)(rnd(s) % n);
}

/* Pieces of text an officer could type or paste, awkward ones included
 * (control characters cannot be: a report refuses them). */
static const char *const pieces[] = {
	"本年", "政府信息公开", "，", "。", "2025", " ", "  ", "\t", "&", "<", ">", "\"", "'",
	"&amp;", "<w:t>", "]]>", "<![CDATA[", "<!--", "[0m",
	"\xef\xbf\xbe", "\xe3\x80\x80", "\xc2\xa0x", "\xf0\xa0\xae\xb7", "\xf0\x9f\x98\x80", "%",
	";", "#", "|", "\\", "\xe2\x80\x9c\xe4\xb8\x89\xe5\xae\x89\xe5\x85\xa8\xe2\x80\x9d",
	"\r", "x", "Word", "\xef\xbc\x88\xe4\xb8\x80\xef\xbc\x89",
};

/*
 * A text: lines of pieces at random, each a sentence (starting with a word,
 * ending with 。), for the importer rightly takes a short line that is no
 * sentence for furniture of the page, whatever the source format.
 */
static void
gen_text(uint64_t *s, struct buf *b)
{
	static const char *const breaks[] = { "\n", "\n\n", "\r\n", " \n\t", "\n\xe3\x80\x80\xe3\x80\x80" };

	buf_adds(b, "");
	for (size_t line = below(s, 4); line > 0; line--) {
		buf_adds(b, "\xe6\x9c\xac\xe5\xb9\xb4");	/* 本年 */
		for (size_t n = below(s, 20); n > 0; n--) {
			if (below(s, 3) == 0) {		/* a run of CJK */
				char u[8];

				for (size_t k = 1 + below(s, 30); k > 0; k--)
					buf_add(b, u, utf8_encode(0x4E00 + (uint32_t)below(s, 0x5200), u));
			} else
				buf_adds(b, pieces[below(s, sizeof pieces / sizeof pieces[0])]);
		}
		buf_adds(b, "\xe3\x80\x82");	/* 。 */
		buf_adds(b, breaks[below(s, sizeof breaks / sizeof breaks[0])]);
	}
}

/* A value of kind k as value_parse makes it from what an officer typed. */
static void
gen_value(uint64_t *s, const struct template *t, const struct cell_kind *k, struct value *v)
{
	char text[64];
	char *err = NULL;
	int64_t mag = (int64_t)below(s, below(s, 4) == 0 ? 1000000000 : 100);

	switch (below(s, 10)) {
	case 0:
		v->state = VALUE_BLANK;
		return;
	case 1:
		snprintf(text, sizeof text, "/");
		break;
	default:
		if (k->kind == KIND_CHANGE)
			snprintf(text, sizeof text, "%s%lld", below(s, 2) ? "+" : "-", (long long)mag);
		else if (k->kind == KIND_MONEY)
			snprintf(text, sizeof text, "%lld.%0*d", (long long)(mag % 1000000), 1 + (int)below(s, 4),
			    (int)below(s, 10));
		else
			snprintf(text, sizeof text, "%lld", (long long)mag);
		break;
	}
	if (value_parse(text, k, t->units, t->nunits, v, &err) != 0)
		cr_assert_fail("value %s refused: %s", text, err);
}

static struct report *
gen_report(uint64_t *s)
{
	const struct template *t = tl_template(ts, below(s, 2) ? "gov-2021" : "gov-2019");
	struct report *r = report_create(t);
	struct buf b = BUF_INIT;

	r->year = t->year_from + (int)below(s, t->year_to > 0 ? (size_t)(t->year_to - t->year_from + 1) : 5);
	free(r->date);
	r->date = xasprintf("%d\xe5\xb9\xb4%d\xe6\x9c\x88%d\xe6\x97\xa5", r->year + 1, 1 + (int)below(s, 3),
	    1 + (int)below(s, 28));	/* Y年M月D日 */
	free(r->agency);
	r->agency = xstrdup(below(s, 2) ? "\xe7\xa4\xba\xe4\xbe\x8b\xe5\x8e\xbf\xe8\xb4\xa2\xe6\x94\xbf\xe5\xb1\x80"
	    : "\xe6\x9f\x90\xe9\x95\x87");	/* 示例县财政局, 某镇 */
	for (size_t c = 0; c < t->nvalues; c++)
		gen_value(s, t, &t->values[c].kind, &r->cells[c]);
	for (size_t p = 0; p < t->nparts; p++) {
		char *err = NULL;

		buf_reset(&b);
		gen_text(s, &b);
		cr_assert_eq(report_set_text(r, (int)p, b.data, &err), 0, "%s", err);
	}
	buf_free(&b);
	return r;
}

Test(docx, random_reports_come_back_cell_for_cell_and_paragraph_for_paragraph, .timeout = 600)
{
	const char *env = getenv("T_DOCX_REPORTS");
	unsigned n = env != NULL ? (unsigned)atoi(env) : 1000;
	struct timespec t0, t1;
	size_t bytes = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (unsigned i = 0; i < n; i++) {
		uint64_t s = 0x9E3779B97F4A7C15ull ^ ((uint64_t)i * 0x100000001B3ull + 1);
		struct report *r = gen_report(&s), *back;
		size_t b;

		back = round_trip(r, &b);
		bytes += b;
		assert_same(r, back, i);
		report_free(back);
		report_free(r);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	cr_log_info("%u random reports through .docx and back in %.1f s (%zu bytes of Word)", n,
	    (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, bytes);
}

/* ---- damaged Word files ---- */

static void
assert_refused(const void *bytes, size_t len, const char *says)
{
	struct srcdoc d = SRCDOC_INIT;
	char *err = NULL;

	cr_assert_eq(docx_read_mem(bytes, len, &d, &err), -1, "refused (%s)", says);
	cr_assert_not_null(err);
	cr_assert_not_null(strstr(err, says), "the message \"%s\" says %s", err, says);
	free(err);
	srcdoc_free(&d);
}

Test(docx, damaged_word_files_are_refused_with_a_reason)
{
	static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest of a Word 97 file";
	struct report *r = tl_load_example(ts, "demo-2025.nb");
	struct export_opts o;
	struct buf doc = BUF_INIT;
	struct srcdoc d = SRCDOC_INIT;
	char *err = NULL;

	assert_refused(ole, sizeof ole - 1, ".docx");
	export_opts_init(&o);
	cr_assert_eq(export_docx(r, &o, &doc, NULL, &err), 0);
	/* cut anywhere: refused or read, never a crash */
	for (size_t cut = 4; cut < doc.len; cut += 97) {
		int rc = docx_read_mem(doc.data, cut, &d, &err);

		cr_assert(rc == -1 || rc == 0, "a cut at %zu", cut);
		cr_assert(rc == 0 || err != NULL);
		free(err);
		err = NULL;
		srcdoc_free(&d);
	}
	assert_refused(doc.data, doc.len / 2, "damaged");
	/* not a zip and not OLE: for the text reader */
	cr_assert_eq(docx_read_mem("plain text", 10, &d, &err), 1);
	buf_free(&doc);
	report_free(r);
}
