/*
 * import.c - placing a published report's lines and table rows into a report.
 *
 * Everything the importer knows about the format comes from the template:
 * table labels find rows, section and part titles find narrative, the title
 * pattern finds agency and year.  Labels are compared in label.h's form
 * (no spaces, no punctuation, no width), with a small edit distance allowed
 * for long labels, so that damaged copies still match and nothing else does.
 */
#include "nb.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/create.h"
#include "core/value.h"
#include "import/docxsrc.h"
#include "import/htmlsrc.h"
#include "import/import.h"
#include "import/label.h"
#include "import/source.h"
#include "import/textsrc.h"
#include "lib/buf.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

#define FUZZY_MAX_CHARS 60	/* longer texts are running text, never labels */
#define EXCERPT_CHARS 30
#define MISSING_NAMED 4		/* rows named in a message, the rest counted */
#define IMPORT_MAX_LINES 100000	/* lines of text, or lines and rows read from a page */

enum lab_kind { LAB_HEADER, LAB_GROUP, LAB_LEAF };

/* A label of one of the template's tables. */
struct lab {
	struct label	 norm;
	int		 table, row;
	enum lab_kind	 kind;
	bool		 distinct;	/* no other template has it (telling the format) */
	bool		 alias;		/* another wording of a row label (template "alias") */
};

struct labels {
	struct lab	*v;
	size_t		 n;
};

/* One cell as the importer sees it. */
struct cell {
	const char	*text;
	int		 line;
};

/* A table row under construction from lines that hold one cell each. */
struct vrow {
	struct cell	*v;
	size_t		 n, cap;
};

/* The paragraphs of a part: where each starts in its text, and its source line. */
struct paras {
	struct { size_t off; int line; } *v;
	size_t		 n, cap;
};

struct table_state {
	bool		 seen;		/* a row of it was found */
};

struct imp {
	const struct template	*t;
	const struct import_opts *o;
	struct diag_list	*warn;
	struct labels		 labs;
	struct value		*cells;		/* staged values, per template value cell */
	int			*row_line;	/* per table row (flattened): where it was found */
	size_t			*row_base;	/* per table: its first index in row_line */
	struct table_state	*tables;
	struct buf		*texts;		/* per part */
	struct paras		*paras;		/* per part: where each paragraph came from */
	bool			*section_seen, *part_seen;
	int			*section_line;	/* where each section's heading is, or 0 */
	int			 section, part, table;	/* where the reading is */
	int			 left_first, left_last;	/* a run of left-out lines */
	size_t			 left_count;
	struct buf		 left_excerpt;
};

/* ---- small helpers -------------------------------------------------------- */

static void
norm_str(const char *s, struct label *l)
{
	label_norm(s, strlen(s), l);
}

/* The first EXCERPT_CHARS characters of s, for a message. */
static char *
excerpt(const char *s)
{
	size_t i = 0, n = strlen(s), chars = 0;

	while (i < n && chars < EXCERPT_CHARS) {
		size_t k = utf8_seqlen(s + i, n - i);

		i += k > 0 ? k : 1;
		chars++;
	}
	return i < n ? xasprintf("%.*s...", (int)i, s) : xstrdup(s);
}

/* The code point s starts with, or 0. */
static uint32_t
first_cp(const char *s, size_t *len)
{
	uint32_t c = 0;
	size_t k = utf8_decode(s, strlen(s), &c);

	if (len != NULL)
		*len = k;
	return k > 0 ? c : 0;
}

/* The code point s ends with (after closing brackets and quotes), or 0. */
static uint32_t
last_cp(const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		size_t i = n - 1;
		uint32_t c;

		while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
			i--;
		if (utf8_decode(s + i, n - i, &c) == 0)
			return 0;
		/* ) ] ” ’ " ' and their full-width forms close a sentence, not end it */
		if (c != ')' && c != ']' && c != '"' && c != '\'' && c != 0xFF09 &&
		    c != 0x201D && c != 0x2019 && c != 0x300B && c != 0x3011)
			return c;
		n = i;
	}
	return 0;
}

/* Does s end a sentence (. ! ? ; and the full-width 。！？；…)? */
static bool
ends_sentence(const char *s)
{
	uint32_t c = last_cp(s);

	return (c != 0 && c < 0x80 && strchr(".!?;", (int)c) != NULL) || c == 0x3002 ||
	    c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == 0x2026;
}

/* Does s read as running text: a sentence or a long line, not page furniture
 * such as a page's "Views:" or "Share:"? */
static bool
prose(const char *s)
{
	uint32_t c = last_cp(s);
	size_t n = strlen(s);

	if (n > 180)
		return true;
	if (c == ':' || c == 0xFF1A)	/* "as follows:" ends a sentence; "Views:" does not */
		return n >= 36;
	return n >= 9 && ends_sentence(s);
}

/* ---- the template's labels --------------------------------------------------- */

static void
add_lab(struct labels *L, size_t *cap, const char *text, int table, int row, enum lab_kind kind)
{
	struct lab *l;

	L->v = xgrow(L->v, cap, L->n + 1, sizeof *L->v);
	l = &L->v[L->n++];
	norm_str(text, &l->norm);
	l->table = table;
	l->row = row;
	l->kind = kind;
	l->alias = false;
}

/* Every label of every table: the last label of a data row finds the row. */
static void
labels_build(const struct template *t, struct labels *L)
{
	size_t cap = 0;

	L->v = NULL;
	L->n = 0;
	for (size_t ti = 0; ti < t->ntables; ti++) {
		const struct tpl_table *tb = &t->tables[ti];

		for (size_t ri = 0; ri < tb->nrows; ri++) {
			const struct tpl_row *row = &tb->rows[ri];
			int leaf = -1;

			for (size_t c = 0; c < row->ncells; c++)
				if (row->cells[c].label != NULL)
					leaf = (int)c;
			for (size_t c = 0; c < row->ncells; c++) {
				enum lab_kind k = row->type != ROW_DATA ? LAB_HEADER :
				    (int)c == leaf ? LAB_LEAF : LAB_GROUP;

				if (row->cells[c].label != NULL)
					add_lab(L, &cap, row->cells[c].label, (int)ti, (int)ri, k);
			}
			for (size_t a = 0; row->type == ROW_DATA && a < row->naliases; a++) {
				add_lab(L, &cap, row->aliases[a], (int)ti, (int)ri, LAB_LEAF);
				L->v[L->n - 1].alias = true;
			}
		}
	}
}

/* Edit distance a damaged copy of a label of n characters may have. */
static int
allowed_distance(size_t n)
{
	return n <= 3 ? 0 : n <= 8 ? 1 : n <= 16 ? 2 : 3;
}

/* The label s is, or -1.  An exact match wins (one of table prefer, when
 * labels of several tables read the same); otherwise the one label text
 * within its allowed distance, if there is exactly one best. */
static int
import_find_label(const struct labels *L, const struct label *s, int prefer)
{
	int best = -1, bestd = 1 << 20;
	bool tie = false;

	if (s->n == 0 || s->cut || s->n > FUZZY_MAX_CHARS)
		return -1;
	for (size_t i = 0; i < L->n; i++)
		if (label_same(&L->v[i].norm, s) && (best < 0 || L->v[i].table == prefer))
			best = (int)i;
	if (best >= 0)
		return best;
	for (size_t i = 0; i < L->n; i++) {
		int max = allowed_distance(L->v[i].norm.n), d;

		if (max == 0 || (d = label_distance(&L->v[i].norm, s, max)) > max)
			continue;
		if (d < bestd) {
			best = (int)i;
			bestd = d;
			tie = false;
		} else if (d == bestd && label_same(&L->v[i].norm, &L->v[best].norm)) {
			if (L->v[i].table == prefer)
				best = (int)i;
		} else if (d == bestd) {
			tie = true;
		}
	}
	return tie ? -1 : best;
}

/* ---- telling the format ----------------------------------------------------- */

/* Mark the labels of each of the nt templates that no other template has. */
static void
mark_distinct(struct labels *all, size_t nt)
{
	for (size_t t = 0; t < nt; t++)
		for (size_t k = 0; k < all[t].n; k++) {
			bool other = false;

			/* an alias says nothing of the format: another format's wording */
			for (size_t u = 0; u < nt && !other; u++) {
				int f = u != t ? import_find_label(&all[u], &all[t].v[k].norm, -1) : -1;

				other = f >= 0 && !all[u].v[f].alias;
			}
			all[t].v[k].distinct = !other && !all[t].v[k].alias;
		}
}

/* For each template, how many texts of d are labels that only it has. */
static void
format_scores(const struct srcdoc *d, const struct labels *all, size_t nt, int *score)
{
	struct label s;

	for (size_t i = 0; i < d->n; i++) {
		const struct src_item *it = &d->v[i];
		size_t nc = it->kind == SRC_ROW ? it->ncells : 1;

		for (size_t c = 0; c < nc; c++) {
			const char *text = it->kind == SRC_ROW ? it->cells[c].text : it->text;

			if (strlen(text) > 4 * FUZZY_MAX_CHARS)
				continue;
			norm_str(text, &s);
			for (size_t t = 0; t < nt; t++) {
				int k = import_find_label(&all[t], &s, -1);

				score[t] += k >= 0 && all[t].v[k].distinct;
			}
		}
	}
}

/* The template of the source: the one whose own labels it has most of, else by year. */
static const struct template *
choose_format(struct tplset *ts, const struct srcdoc *d, const struct import_opts *o, int year,
    struct diag_list *warn, char **err)
{
	struct diag_list dl = DIAG_LIST_INIT;
	const struct template *t = NULL, **tpl;
	struct labels *all;
	size_t n;
	char **ids = tplset_ids(ts, &n);
	int best = 0, second = 0, *score;

	if (o->format != NULL) {
		char *id = create_format_id(o->format);

		if ((t = tplset_get(ts, id, &dl)) == NULL)
			*err = xstrdup(dl.n > 0 ? dl.v[0].msg : id);
		free(id);
		goto out;
	}
	tpl = xcalloc(n + 1, sizeof *tpl);
	all = xcalloc(n + 1, sizeof *all);
	score = xcalloc(n + 1, sizeof *score);
	for (size_t i = 0; i < n; i++)
		if ((tpl[i] = tplset_get(ts, ids[i], warn)) != NULL)
			labels_build(tpl[i], &all[i]);
	mark_distinct(all, n);
	format_scores(d, all, n, score);
	for (size_t i = 0; i < n; i++) {
		if (score[i] > best) {
			second = best;
			best = score[i];
			t = tpl[i];
		} else if (score[i] > second) {
			second = score[i];
		}
	}
	free(score);
	if (best == second)
		t = NULL;
	for (size_t i = 0; i < n; i++)
		free(all[i].v);
	free(all);
	free(tpl);
	if (t == NULL && year > 0) {
		const char *id = tplset_default_for_year(ts, year, &dl);

		t = id != NULL ? tplset_get(ts, id, &dl) : NULL;
		if (t != NULL && !template_covers(t, year))
			t = NULL;
		if (t == NULL)
			*err = xasprintf(_("no table of a known format was found, and no format nianbao knows is for reports of %d: this looks like an older format, which cannot be imported"),
			    year);
	} else if (t == NULL) {
		*err = xstrdup(_("cannot tell the format: no table labels of a known format were found and the year is unknown (use --format and --year)"));
	}
out:
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	diag_list_free(&dl);
	return t;
}

/* ---- title, agency and year ------------------------------------------------------ */

/* Do a and b read the same, spaces and punctuation aside? */
static bool
same_text(const char *a, const char *b)
{
	struct label la, lb;

	norm_str(a, &la);
	norm_str(b, &lb);
	return label_same(&la, &lb);
}

/* Could s be an agency's name on a line of its own (above a title, over a date)? */
static bool
signature(const char *s)
{
	return strlen(s) <= 120 && !ends_sentence(s) && !prose(s);
}

/* A copy of the n bytes at s without the spaces (ASCII, ideographic) around them. */
static char *
trimmed(const char *s, size_t n)
{
	for (;;) {
		if (n > 0 && (*s == ' ' || *s == '\t'))
			s++, n--;
		else if (n >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3, n -= 3;
		else
			break;
	}
	for (;;) {
		if (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		else if (n >= 3 && memcmp(s + n - 3, "\xe3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
	}
	return xstrndup(s, n);
}

/* The part of the template's title pattern after %{year}: what follows the year in a title. */
static void
title_tail(const struct template *t, struct label *l)
{
	const char *p = strstr(t->title, "%{year}");

	norm_str(p != NULL ? p + strlen("%{year}") : t->title, l);
}

/* If s reads as a report's title, its year, and in *agency_len the bytes before the year. */
static int
title_year(const char *s, const struct label *tail, size_t *agency_len)
{
	size_t n = strlen(s);

	for (size_t i = 0; i + 4 <= n; i++) {
		struct label rest;
		int y = 0;

		if (strspn(s + i, "0123456789") < 4 || (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9'))
			continue;
		for (size_t k = 0; k < 4; k++)
			y = y * 10 + (s[i + k] - '0');
		label_norm(s + i + 4, n - i - 4, &rest);
		if (y < 1990 || y > 2200 || rest.cut || rest.n > 2 * tail->n + 8 || i > 120)
			continue;
		if (label_lcs(&rest, tail) * 4 >= tail->n * 3 && tail->n > 0) {
			*agency_len = i;
			return y;
		}
	}
	return 0;
}

/*
 * A title that begins with its year ("2019" + the year sign + agency + the
 * rest of the pattern): the agency is what lies between the words after the
 * year that the pattern has there too, and the longest end of the pattern
 * (at least half of it) that the title ends with.  NULL when none is left.
 */
static char *
agency_after_year(const char *s, const struct template *t)
{
	const char *y = strstr(t->title, "%{year}"), *tail, *a, *best = NULL;
	size_t n = strlen(s), k = 0, first;

	if (y == NULL || n < 4 || strspn(s, "0123456789") != 4)
		return NULL;
	tail = y + strlen("%{year}");
	a = s + 4;
	first = utf8_seqlen(tail, strlen(tail));
	/* the year's own words: a run after it that the pattern also has, from its first character */
	for (size_t i = 0; first > 0 && a[i] != '\0';) {
		size_t c = utf8_seqlen(a + i, strlen(a + i));
		char *run;
		bool in;

		if (c == 0)
			break;
		run = xstrndup(a, i + c);
		in = strncmp(a, tail, first) == 0 && strstr(tail, run) != NULL;
		free(run);
		if (!in)
			break;
		i += c;
		k = i;
	}
	for (const char *p = tail; *p != '\0' && best == NULL;) {
		size_t m = strlen(p), step = utf8_seqlen(p, m);

		if (m <= n && strcmp(s + n - m, p) == 0 && 2 * m >= strlen(tail))
			best = p;
		p += step > 0 ? step : 1;
	}
	if (best == NULL || s + n - strlen(best) <= a + k)
		return NULL;
	return trimmed(a + k, (size_t)(s + n - strlen(best) - (a + k)));
}

/* ---- headings --------------------------------------------------------------------- */

/* A heading's numbering: a numeral and a separator, or a numeral in brackets
 * (full-width or not), and the text after it. */
struct numbering {
	uint32_t	 numeral;
	bool		 bracket;
	const char	*rest;
};

static bool
is_sep(uint32_t c)
{
	/* 、 . ． , ， : ： and spaces */
	return c == 0x3001 || c == '.' || c == 0xFF0E || c == ',' || c == 0xFF0C || c == ' ' ||
	    c == 0x3000 || c == ':' || c == 0xFF1A || c == '\t';
}

static bool
parse_numbering(const char *s, struct numbering *nb)
{
	size_t k;
	uint32_t c = first_cp(s, &k);

	nb->bracket = c == '(' || c == 0xFF08;
	if (nb->bracket) {
		s += k;
		c = first_cp(s, &k);
	}
	if (k == 0 || c < 0x4E00 || c > 0x9FFF)	/* numerals are CJK ideographs */
		return false;
	nb->numeral = c;
	s += k;
	c = first_cp(s, &k);
	if (nb->bracket ? (c != ')' && c != 0xFF09) : !is_sep(c))
		return false;
	nb->rest = s + k;
	return true;
}

/* How well line s matches title (a section's or part's); 0: it does not. */
static int
heading_score(const char *s, const char *title)
{
	struct numbering a, b;
	struct label ra, rb;
	size_t lcs, shorter;

	if (*title == '\0' || !parse_numbering(s, &a) || !parse_numbering(title, &b))
		return 0;
	norm_str(a.rest, &ra);
	norm_str(b.rest, &rb);
	if (ra.cut || ra.n > 2 * rb.n + 8)
		return 0;
	lcs = label_lcs(&ra, &rb);
	if (a.numeral != b.numeral || a.bracket != b.bracket) {
		/* renumbered (the statutory sections numbered from one again
		 * after subsections of their own): only the title's words can
		 * tell, so nearly all of them, and little else */
		if (rb.n < 2 || lcs * 5 < rb.n * 4 || ra.n * 4 > rb.n * 5 + 8)
			return 0;
		return (int)(1000 * lcs / rb.n);
	}
	shorter = ra.n < rb.n ? ra.n : rb.n;
	if (lcs * 5 < shorter * 3 || lcs < (rb.n < 3 ? rb.n : 3))
		return 0;
	return (int)(1000 * lcs / (rb.n > 0 ? rb.n : 1)) + 1;
}

/* The section (*part -1) or part whose heading s is; false if none.  The
 * parts of sections before from are over: a numbered list in section 5
 * is not section 1's subheadings. */
static bool
find_heading(const struct template *t, const char *s, int from, int *section, int *part)
{
	int best = 0;

	if (strlen(s) > 4 * FUZZY_MAX_CHARS)
		return false;
	for (int i = 1; i <= TPL_SECTIONS; i++) {
		int sc = heading_score(s, t->sections[i].title);

		if (sc > best) {
			best = sc;
			*section = i;
			*part = -1;
		}
	}
	for (size_t p = 0; p < t->nparts; p++) {
		int sc = t->parts[p].section < from ? 0 : heading_score(s, t->parts[p].title);

		if (sc > best) {
			best = sc;
			*section = t->parts[p].section;
			*part = (int)p;
		}
	}
	return best > 0;
}

/* ---- dates ------------------------------------------------------------------------- */

#define CN_TEN 0x5341	/* the numeral ten, as in a day written ten-four (14) */

/* The digit c is: ASCII, full-width, or a Chinese numeral (two forms of zero); or -1. */
static int
digit_of(uint32_t c)
{
	static const uint32_t cn[10] = { 0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
	    0x516D, 0x4E03, 0x516B, 0x4E5D };

	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 0xFF10 && c <= 0xFF19)
		return (int)(c - 0xFF10);
	if (c == 0x96F6)
		return 0;
	for (int i = 0; i < 10; i++)
		if (cn[i] == c)
			return i;
	return -1;
}

/* The number at *s: digits, or Chinese numerals digit by digit (a year) or
 * with ten (a day: ten-four, two-ten); -1 when there is none. */
static int
number_at(const char **s)
{
	int value = 0, before = -1, digits = 0;
	bool ten = false;
	uint32_t c;
	size_t k;

	while ((k = utf8_decode(*s, strlen(*s), &c)) > 0) {
		int d = digit_of(c);

		if (c == ' ' || c == 0x3000) {
			if (digits > 0 || ten)
				break;
		} else if (c == CN_TEN && !ten) {
			ten = true;
			before = digits > 0 ? value : 1;
			value = 0;
			digits = 0;
		} else if (d >= 0 && digits < 4) {
			value = value * 10 + d;
			digits++;
		} else {
			break;
		}
		*s += k;
	}
	if (ten)
		return before * 10 + value;
	return digits > 0 ? value : -1;
}

/* Does s read as a date line: year, month and day, each followed by one
 * character (the Chinese date in digits or numerals, or 2021-01-14)? */
static bool
date_line(const char *s)
{
	int part[3];
	uint32_t c;
	size_t k;

	for (int i = 0; i < 3; i++) {
		while (*s == ' ')
			s++;
		if ((part[i] = number_at(&s)) < 0)
			return false;
		while (*s == ' ')
			s++;
		if ((k = utf8_decode(s, strlen(s), &c)) == 0) {
			if (i < 2)
				return false;
			break;
		}
		if (digit_of(c) >= 0 || c == CN_TEN)
			return false;
		s += k;
	}
	while (*s == ' ')
		s++;
	return *s == '\0' && part[0] >= 1990 && part[0] <= 2200 && part[1] >= 1 && part[1] <= 12 &&
	    part[2] >= 1 && part[2] <= 31;
}

/* ---- content left out ------------------------------------------------------------- */

static void
left_flush(struct imp *m)
{
	if (m->left_count == 0)
		return;
	if (m->left_count == 1)
		diag_add(m->warn, m->o->name, m->left_first, _("left out: %s"), m->left_excerpt.data);
	else
		diag_add(m->warn, m->o->name, m->left_first,
		    _("left out: %s (and %zu more lines, to line %d)"), m->left_excerpt.data,
		    m->left_count - 1, m->left_last);
	m->left_count = 0;
	buf_reset(&m->left_excerpt);
}

/* Text that cannot be placed: listed with its line (runs of lines together). */
static void
left_out(struct imp *m, const char *text, int line)
{
	char *e;

	if (m->left_count > 0 && line > m->left_last + 3)
		left_flush(m);
	if (m->left_count++ == 0) {
		m->left_first = line;
		e = excerpt(text);
		buf_addf(&m->left_excerpt, "\"%s\"", e);
		free(e);
	}
	m->left_last = line;
}

/* ---- table rows ------------------------------------------------------------------ */

static bool
dashes(const char *s)
{
	size_t n = strlen(s), i = 0, k;
	uint32_t c;

	if (n == 0)
		return false;
	for (; i < n; i += k) {
		if ((k = utf8_decode(s + i, n - i, &c)) == 0)
			return false;
		/* - and the dashes: a cell published as a dash is not applicable */
		if (c != '-' && c != 0x2013 && c != 0x2014 && c != 0x2015 && c != 0xFF0D && c != 0x2500)
			return false;
	}
	return true;
}

/* Parse a published cell for value cell v; blank for "", "/" or a dash as not applicable. */
static int
cell_value(const struct template *t, int v, const char *text, struct value *out, char **err)
{
	if (dashes(text)) {
		memset(out, 0, sizeof *out);
		out->state = VALUE_NA;
		return 0;
	}
	return value_parse(text, &t->values[v].kind, t->units, t->nunits, out, err);
}

/*
 * A number with a remark in brackets after it, as "18(of which 9 revised)"
 * with full-width or ASCII brackets: the number's text (caller frees) and
 * where the remark starts, or NULL.  The remark is not part of the number.
 */
static char *
split_remark(const char *text, const char **remark)
{
	static const char *const open[] = { "(", "\xEF\xBC\x88" }, *const close[] = { ")", "\xEF\xBC\x89" };
	size_t n = strlen(text);

	for (size_t b = 0; b < 2; b++) {
		const char *p = strstr(text, open[b]);
		size_t k = strlen(close[b]);

		if (p == NULL || p == text || n < k || strcmp(text + n - k, close[b]) != 0)
			continue;
		*remark = p;
		return trimmed(text, (size_t)(p - text));
	}
	return NULL;
}

/* Could text be a published number (of any kind the template has)? */
static bool
is_number(const struct template *t, const char *text)
{
	static const struct cell_kind money = { KIND_MONEY, NULL }, change = { KIND_CHANGE, NULL };
	struct value v;
	char *err = NULL;
	bool ok;

	if (*text == '\0' || dashes(text) || strcmp(text, "?") == 0)
		return true;
	ok = value_parse(text, &money, t->units, t->nunits, &v, &err) == 0 ||
	    (free(err), err = NULL, value_parse(text, &change, NULL, 0, &v, &err) == 0);
	free(err);
	return ok;
}

/* A number, or a number with a remark after it. */
static bool
is_value(const struct template *t, const char *text)
{
	const char *remark;
	char *lead;
	bool ok;

	if (is_number(t, text))
		return true;
	if ((lead = split_remark(text, &remark)) == NULL)
		return false;
	ok = *lead != '\0' && is_number(t, lead);
	free(lead);
	return ok;
}

/* The template's value cells of a row, in order. */
static size_t
row_values(const struct tpl_row *row, int *v, size_t max)
{
	size_t k = 0;

	for (size_t c = 0; c < row->ncells && k < max; c++)
		if (row->cells[c].value >= 0)
			v[k++] = row->cells[c].value;
	return k;
}

/* The full label of a row, for messages. */
static const char *
row_name(const struct template *t, int table, int row)
{
	const struct tpl_row *r = &t->tables[table].rows[row];

	for (size_t c = r->ncells; c > 0; c--)
		if (r->cells[c - 1].label != NULL)
			return r->cells[c - 1].label;
	return _("the row of numbers under the headers");
}

#define ROW_MAX_VALUES 64

/* A row whose entries cannot be matched with its cells (two cells glued
 * together, a blank one dropped): its cells are unreadable, not blank and not
 * 0, so that no rule judges them; every other row keeps its numbers. */
static void
row_unreadable(struct imp *m, int table, int row, const int *v, size_t k, size_t got, int line)
{
	for (size_t i = 0; i < k; i++) {
		memset(&m->cells[v[i]], 0, sizeof m->cells[v[i]]);
		m->cells[v[i]].state = VALUE_UNREADABLE;
	}
	diag_add(m->warn, m->o->name, line,
	    _("warning: %s: row \"%s\" has %zu entries for its %zu cells; which cell each belongs to cannot be known, so its cells are marked unreadable (?)"),
	    m->t->tables[table].name, row_name(m->t, table, row), got, k);
}

/* Parse a published cell into value cell v; a number followed by a remark
 * keeps the number, and the remark is listed as left out. */
static void
import_place_cell(struct imp *m, int table, int v, const struct cell *c)
{
	const char *remark;
	char *err = NULL, *err2 = NULL, *lead;

	if (cell_value(m->t, v, c->text, &m->cells[v], &err) == 0)
		return;
	if ((lead = split_remark(c->text, &remark)) != NULL && *lead != '\0' &&
	    cell_value(m->t, v, lead, &m->cells[v], &err2) == 0) {
		diag_add(m->warn, m->o->name, c->line,
		    _("left out: \"%s\" (a remark after the number %s of the cell %s)"), remark, lead,
		    m->t->values[v].id);
	} else {
		diag_add(m->warn, m->o->name, c->line,
		    _("warning: %s: \"%s\" is not a number (%s); the cell %s is left blank"),
		    m->t->tables[table].name, c->text, err, m->t->values[v].id);
	}
	free(lead);
	free(err);
	free(err2);
}

/* Put the cells after a row's label into its values, if their places are certain. */
static void
assign_row(struct imp *m, int table, int row, const struct cell *c, size_t n, int line)
{
	const struct tpl_row *tr = &m->t->tables[table].rows[row];
	int v[ROW_MAX_VALUES], *seen = &m->row_line[m->row_base[table] + (size_t)row];
	size_t k = row_values(tr, v, ROW_MAX_VALUES), numbers = 0;

	while (n > k && c[n - 1].text[0] == '\0')	/* empty cells a layout added at the end */
		n--;
	while (n > k && c[0].text[0] == '\0')
		c++, n--;
	for (size_t i = 0; i < n; i++)
		numbers += c[i].text[0] != '\0';
	m->tables[table].seen = true;
	if (*seen != 0) {
		if (numbers > 0)
			diag_add(m->warn, m->o->name, line,
			    _("warning: %s: row \"%s\" appears again (first at line %d); this one is left out"),
			    m->t->tables[table].name, row_name(m->t, table, row), *seen);
		return;
	}
	*seen = line;
	if (numbers == 0)
		return;		/* all blank: nothing to place */
	if (n != k) {
		row_unreadable(m, table, row, v, k, n, line);
		return;
	}
	for (size_t i = 0; i < k; i++)
		if (c[i].text[0] != '\0')
			import_place_cell(m, table, v[i], &c[i]);
}

/* A table's row without a label (the 15 cases of section 4's table), if it has one. */
static int
unlabeled_row(const struct template *t, int table)
{
	const struct tpl_table *tb = &t->tables[table];

	for (size_t r = 0; r < tb->nrows; r++) {
		bool label = false;

		for (size_t c = 0; c < tb->rows[r].ncells; c++)
			label = label || tb->rows[r].cells[c].label != NULL;
		if (tb->rows[r].type == ROW_DATA && !label)
			return (int)r;
	}
	return -1;
}

/* Numbers that follow no row label: the unlabeled row of the table being read, or left out. */
static void
loose_values(struct imp *m, const struct cell *c, size_t n, int line)
{
	int row = m->table >= 0 ? unlabeled_row(m->t, m->table) : -1;
	bool numbers = false, text = false;

	for (size_t i = 0; i < n; i++) {
		if (c[i].text[0] == '\0')
			continue;
		if (is_value(m->t, c[i].text))
			numbers = true;
		else
			text = true;
	}
	if (text) {	/* a header's words broken over lines, maybe: only numbers matter */
		for (size_t i = 0; i < n && numbers; i++)
			if (c[i].text[0] != '\0' && is_value(m->t, c[i].text))
				left_out(m, c[i].text, c[i].line);
		return;
	}
	if (row >= 0 && m->row_line[m->row_base[m->table] + (size_t)row] == 0) {
		int v[ROW_MAX_VALUES];

		/* empty cells count only as a whole row of them: a header's
		 * placeholders must not take the row's place */
		if (numbers || n == row_values(&m->t->tables[m->table].rows[row], v, ROW_MAX_VALUES))
			assign_row(m, m->table, row, c, n, line);
		return;
	}
	if (!numbers)
		return;
	for (size_t i = 0; i < n; i++)
		if (c[i].text[0] != '\0')
			left_out(m, c[i].text, c[i].line);
}

static void heading(struct imp *m, int section, int part, int line);
static void narrative(struct imp *m, const char *text, int line);

/* A row whose only text is a section's heading (pages that put headings in
 * their tables): true if it was taken as the heading. */
static bool
row_heading(struct imp *m, const struct cell *c, size_t n)
{
	const struct cell *only = NULL;
	int section, part;

	for (size_t i = 0; i < n; i++) {
		if (c[i].text[0] == '\0')
			continue;
		if (only != NULL)
			return false;
		only = &c[i];
	}
	if (only == NULL || !find_heading(m->t, only->text, m->section, &section, &part))
		return false;
	heading(m, section, part, only->line);
	return true;
}

/* One row of cells: find its label, then place what follows it. */
static void
take_row(struct imp *m, const struct cell *c, size_t n)
{
	int leaf = -1, last = -1, lab_leaf = -1, lab_last = -1;
	bool text = false;

	for (size_t i = 0; i < n; i++) {
		struct label s;
		int k;

		norm_str(c[i].text, &s);
		if ((k = import_find_label(&m->labs, &s, m->table)) < 0) {
			text = text || (c[i].text[0] != '\0' && !is_value(m->t, c[i].text));
			continue;
		}
		last = (int)i;
		lab_last = k;
		if (m->labs.v[k].kind == LAB_LEAF) {
			leaf = (int)i;
			lab_leaf = k;
		}
	}
	if (leaf >= 0) {
		m->table = m->labs.v[lab_leaf].table;
		assign_row(m, m->table, m->labs.v[lab_leaf].row, c + leaf + 1, n - (size_t)leaf - 1,
		    c[leaf].line);
		return;
	}
	if (last < 0 && text && row_heading(m, c, n))
		return;
	if (last >= 0) {
		m->table = m->labs.v[lab_last].table;
		m->tables[m->table].seen = true;
	} else if (text && m->table < 0) {
		/* not a row of the report's tables: a page that holds its
		 * paragraphs in a table, or a table of the page's own */
		for (size_t i = 0; i < n; i++)
			if (c[i].text[0] != '\0')
				narrative(m, c[i].text, c[i].line);
		return;
	}
	loose_values(m, c + last + 1, n - (size_t)(last + 1), n > 0 ? c[0].line : 0);
}

static void
vrow_flush(struct imp *m, struct vrow *vr)
{
	if (vr->n > 0)
		take_row(m, vr->v, vr->n);
	vr->n = 0;
}

static void
vrow_add(struct vrow *vr, const char *text, int line)
{
	vr->v = xgrow(vr->v, &vr->cap, vr->n + 1, sizeof *vr->v);
	vr->v[vr->n++] = (struct cell){ text, line };
}

/* ---- narrative ----------------------------------------------------------------- */

static int
first_part(const struct template *t, int section)
{
	for (size_t p = 0; p < t->nparts; p++)
		if (t->parts[p].section == section)
			return (int)p;
	return -1;
}

static void
heading(struct imp *m, int section, int part, int line)
{
	bool *seen = part >= 0 ? &m->part_seen[part] : &m->section_seen[section];

	if (*seen)
		diag_add(m->warn, m->o->name, line,
		    _("warning: the heading \"%s\" appears again; what follows it is added to that part"),
		    part >= 0 ? m->t->parts[part].title : m->t->sections[section].title);
	*seen = true;
	if (!m->section_seen[section])
		m->section_line[section] = line;
	m->section_seen[section] = true;
	m->section = section;
	m->part = part >= 0 ? part : first_part(m->t, section);
	m->table = -1;
}

static void
narrative(struct imp *m, const char *text, int line)
{
	struct buf *b;
	struct paras *pa;

	if (m->part < 0 || (m->section == 0 && !prose(text))) {
		left_out(m, text, line);
		return;
	}
	b = &m->texts[m->part];
	pa = &m->paras[m->part];
	if (b->len > 0)
		buf_addc(b, '\n');
	pa->v = xgrow(pa->v, &pa->cap, pa->n + 1, sizeof *pa->v);
	pa->v[pa->n].off = b->len;
	pa->v[pa->n++].line = line;
	buf_adds(b, text);
}

/* ---- the whole document ---------------------------------------------------------- */

/* Where the report starts: the title line (agency, year), or -1. */
static int
find_title(const struct srcdoc *d, const struct template *t, int *year, char **agency,
    int *agency_item)
{
	struct label tail;

	title_tail(t, &tail);
	*agency_item = -1;
	for (size_t i = 0; i < d->n && i < 400; i++) {
		const struct src_item *it = &d->v[i];
		size_t alen;
		int y, sec, part;

		if (it->kind != SRC_LINE)
			continue;
		if (find_heading(t, it->text, 0, &sec, &part))
			break;
		if ((y = title_year(it->text, &tail, &alen)) == 0)
			continue;
		*year = y;
		*agency = alen > 0 ? trimmed(it->text, alen) : agency_after_year(it->text, t);
		if (*agency == NULL)
			*agency = xstrdup("");
		if (**agency == '\0' && i > 0 && d->v[i - 1].kind == SRC_LINE && signature(d->v[i - 1].text)) {
			free(*agency);
			*agency = xstrdup(d->v[i - 1].text);
			*agency_item = (int)i - 1;
		}
		return (int)i;
	}
	if (d->title != NULL && title_year(d->title, &tail, &(size_t){ 0 }) > 0) {
		size_t alen = 0;

		*year = title_year(d->title, &tail, &alen);
		*agency = alen > 0 ? trimmed(d->title, alen) : agency_after_year(d->title, t);
	}
	return -1;
}

/* Where the closing lines start (agency, date), or d->n; the date in *date. */
static size_t
find_closing(const struct srcdoc *d, size_t from, char **date, size_t *date_item)
{
	for (size_t i = d->n; i > from && d->n - i < 12; i--) {
		const struct src_item *it = &d->v[i - 1];

		if (it->kind != SRC_LINE || !date_line(it->text))
			continue;
		*date = xstrdup(it->text);
		*date_item = i - 1;
		if (i >= 2 && i - 2 >= from && d->v[i - 2].kind == SRC_LINE && signature(d->v[i - 2].text))
			return i - 2;
		return i - 1;
	}
	return d->n;
}

static void
imp_init(struct imp *m, const struct template *t, const struct import_opts *o,
    struct diag_list *warn)
{
	size_t rows = 0;

	memset(m, 0, sizeof *m);
	m->t = t;
	m->o = o;
	m->warn = warn;
	labels_build(t, &m->labs);
	m->cells = xcalloc(t->nvalues + 1, sizeof *m->cells);
	m->row_base = xcalloc(t->ntables + 1, sizeof *m->row_base);
	for (size_t i = 0; i < t->ntables; i++) {
		m->row_base[i] = rows;
		rows += t->tables[i].nrows;
	}
	m->row_line = xcalloc(rows + 1, sizeof *m->row_line);
	m->tables = xcalloc(t->ntables + 1, sizeof *m->tables);
	m->texts = xcalloc(t->nparts + 1, sizeof *m->texts);
	m->paras = xcalloc(t->nparts + 1, sizeof *m->paras);
	m->part_seen = xcalloc(t->nparts + 1, sizeof *m->part_seen);
	m->section_seen = xcalloc(TPL_SECTIONS + 1, sizeof *m->section_seen);
	m->section_line = xcalloc(TPL_SECTIONS + 1, sizeof *m->section_line);
	m->part = first_part(t, 0);
	m->table = -1;
}

static void
imp_free(struct imp *m)
{
	for (size_t i = 0; i < m->t->nparts; i++) {
		buf_free(&m->texts[i]);
		free(m->paras[i].v);
	}
	free(m->paras);
	free(m->labs.v);
	free(m->cells);
	free(m->row_base);
	free(m->row_line);
	free(m->tables);
	free(m->texts);
	free(m->part_seen);
	free(m->section_seen);
	free(m->section_line);
	buf_free(&m->left_excerpt);
}

#define IDEO_SPACE "\xE3\x80\x80"	/* U+3000 */
#define RUN_IN_MAX 96			/* bytes of a subheading run into its paragraph */

/* Is the byte before p (in s) a space, or the end of a sentence? */
static bool
after_break(const char *s, const char *p)
{
	char *before;
	bool yes;

	if (p > s && (p[-1] == ' ' || p[-1] == '\t'))
		return true;
	if (p - s >= 3 && memcmp(p - 3, IDEO_SPACE, 3) == 0)
		return true;
	before = xstrndup(s, (size_t)(p - s));
	yes = ends_sentence(before);
	free(before);
	return yes;
}

/*
 * A section heading inside the line s, as copies that lost their line breaks
 * have them ("... contact us. ONE, OVERVIEW In 2019, ..."): the first section title
 * found after a space or a sentence, or at the start with text after it.
 * Its start, with *section and *len; NULL when there is none.
 */
static const char *
inline_heading(const struct template *t, const char *s, int *section, size_t *len)
{
	const char *best = NULL;

	for (int i = 1; i <= TPL_SECTIONS; i++) {
		const char *title = t->sections[i].title, *p = s;
		size_t k = strlen(title);

		while (k > 0 && (p = strstr(p, title)) != NULL) {
			bool more = p[k] == ' ' || p[k] == '\t' || strncmp(p + k, IDEO_SPACE, 3) == 0;

			if ((p == s ? more : after_break(s, p)) && (best == NULL || p < best)) {
				best = p;
				*section = i;
				*len = k;
			}
			p += k;
		}
	}
	return best;
}

/*
 * A paragraph of section one that begins with one of its subheadings and then
 * its text ("(1) As to active disclosure. We ..."): the part it starts.  The
 * subheading ends at the first full stop or colon.
 */
static bool
run_in_subheading(struct imp *m, const char *s, int *section, int *part)
{
	static const char *const ends[] = { "\xE3\x80\x82", "\xEF\xBC\x9A", ":" };	/* 。 ： : */
	const char *end = NULL;
	size_t endlen = 0;
	char *head;
	bool yes;

	for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
		const char *p = strstr(s, ends[i]);

		if (p != NULL && p - s <= RUN_IN_MAX && (end == NULL || p < end)) {
			end = p;
			endlen = strlen(ends[i]);
		}
	}
	if (end == NULL || end[endlen] == '\0')	/* a heading alone, or no text after it */
		return false;
	head = xstrndup(s, (size_t)(end - s));
	yes = find_heading(m->t, head, m->section, section, part) && *part >= 0;
	free(head);
	return yes;
}

/* A line that is one heading, or a paragraph (maybe with a run-in subheading). */
static void
one_line(struct imp *m, const char *text, int line)
{
	int sec, part;

	/* a subheading with text after its full stop first: a short paragraph
	 * would read as a heading too, and its text would be lost */
	if (run_in_subheading(m, text, &sec, &part)) {
		heading(m, sec, part, line);
		narrative(m, text, line);	/* the heading words stay, as published */
	} else if (find_heading(m->t, text, m->section, &sec, &part)) {
		heading(m, sec, part, line);
	} else {
		narrative(m, text, line);
	}
}

#define INLINE_MAX 64	/* headings split out of one line: a report has six */

/* A line of text that is not a table's: section headings inside it split it. */
static void
import_text_line(struct imp *m, const char *text, int line)
{
	const char *h;
	size_t len;
	int sec, splits = 0;

	while (splits++ < INLINE_MAX && (h = inline_heading(m->t, text, &sec, &len)) != NULL) {
		char *before = trimmed(text, (size_t)(h - text));

		if (*before != '\0')
			one_line(m, before, line);
		free(before);
		heading(m, sec, -1, line);
		text = h + len;
		while (*text == ' ' || *text == '\t' || strncmp(text, IDEO_SPACE, 3) == 0)
			text += *text == ' ' || *text == '\t' ? 1 : 3;
		if (*text == '\0')
			return;
	}
	one_line(m, text, line);
}

/* Read the items of the report's body, [from, to), into m. */
static void
read_body(struct imp *m, const struct srcdoc *d, size_t from, size_t to)
{
	struct vrow vr = { NULL, 0, 0 };
	int src_table = -1;

	for (size_t i = from; i < to; i++) {
		const struct src_item *it = &d->v[i];
		struct label s;

		if (it->kind == SRC_ROW) {
			struct cell *c = xcalloc(it->ncells + 1, sizeof *c);

			vrow_flush(m, &vr);
			if (it->table != src_table)	/* another table of the page: nothing carries over */
				m->table = -1;
			src_table = it->table;
			for (size_t k = 0; k < it->ncells; k++)
				c[k] = (struct cell){ it->cells[k].text, it->cells[k].line };
			take_row(m, c, it->ncells);
			free(c);
			continue;
		}
		/* a line: one cell of a table copied a cell per line, a heading, or text */
		norm_str(it->text, &s);
		if (import_find_label(&m->labs, &s, m->table) >= 0) {
			vrow_flush(m, &vr);
			vrow_add(&vr, it->text, it->line);
		} else if (is_value(m->t, it->text) && (vr.n > 0 || m->table >= 0)) {
			vrow_add(&vr, it->text, it->line);
		} else {
			vrow_flush(m, &vr);
			import_text_line(m, it->text, it->line);
		}
	}
	vrow_flush(m, &vr);
	free(vr.v);
}

/* Tables not found and rows not found are named (left blank). */
static void
finish_tables(struct imp *m)
{
	const struct template *t = m->t;

	for (size_t ti = 0; ti < t->ntables; ti++) {
		const struct tpl_table *tb = &t->tables[ti];
		struct table_state *ts = &m->tables[ti];
		struct buf missing = BUF_INIT;
		size_t nmissing = 0, first_line = 0;

		if (!ts->seen) {
			diag_add(m->warn, m->o->name, m->section_line[tb->section],
			    _("warning: %s (section %s) was not found; it is left blank"),
			    tb->name, t->sections[tb->section].short_title);
			continue;
		}
		for (size_t r = 0; r < tb->nrows; r++) {
			if (tb->rows[r].type != ROW_DATA || m->row_line[m->row_base[ti] + r] != 0)
				continue;
			if (nmissing++ < MISSING_NAMED)
				buf_addf(&missing, "%s\"%s\"", nmissing > 1 ? ", " : "",
				    row_name(t, (int)ti, (int)r));
		}
		if (nmissing > MISSING_NAMED)
			buf_addf(&missing, _(" and %zu more"), nmissing - MISSING_NAMED);
		for (size_t r = 0; r < tb->nrows && first_line == 0; r++)
			first_line = (size_t)m->row_line[m->row_base[ti] + r];
		if (first_line == 0)
			first_line = (size_t)m->section_line[tb->section];
		if (nmissing > 0)
			diag_add(m->warn, m->o->name, (int)first_line,
			    _("warning: %s: rows not found, left blank: %s"), tb->name, missing.data);
		buf_free(&missing);
	}
}

/* The report made of what was read; NULL and *err if create_report refuses it. */
static struct report *
build_report(struct tplset *ts, struct imp *m, int year, const char *agency, const char *date,
    char **err)
{
	struct create_spec spec = { 0 };
	struct diag_list dl = DIAG_LIST_INIT;
	struct report *r;

	char *agency_clean = xstrdup(agency != NULL ? agency : "");
	char *date_clean = xstrdup(date != NULL ? date : "");

	/* A page may carry terminal control characters: they are no part of the
	 * report.  An agency the user typed (--agency) is checked, not cleaned. */
	if (agency != m->o->agency)
		report_clean_text(agency_clean);
	report_clean_text(date_clean);
	for (size_t p = 0; p < m->t->nparts; p++)
		if (m->texts[p].len > 0) {
			report_clean_text(m->texts[p].data);
			m->texts[p].len = strlen(m->texts[p].data);
		}
	spec.name = m->o->name;
	spec.tpl = m->t;
	spec.year = year;
	spec.agency = agency_clean;
	spec.date = date_clean;
	spec.auto_totals = false;	/* the totals stay as published */
	r = create_report(ts, &spec, &dl);
	free(agency_clean);
	free(date_clean);
	for (size_t i = 0; r != NULL && i < dl.n; i++)
		diag_add(m->warn, dl.v[i].file, dl.v[i].line, "%s", dl.v[i].msg);
	if (r == NULL)
		*err = xstrdup(dl.n > 0 ? dl.v[dl.n - 1].msg : "");
	diag_list_free(&dl);
	if (r == NULL)
		return NULL;
	for (size_t p = 0; p < m->t->nparts; p++)
		if (m->texts[p].len > 0 && report_set_text(r, (int)p, m->texts[p].data, err) != 0) {
			free(*err);	/* the source was checked as UTF-8: cannot happen */
			*err = NULL;
		}
	memcpy(r->cells, m->cells, m->t->nvalues * sizeof *r->cells);
	return r;
}

/* Lines after the report's end that a page adds (share, print, QR code): when
 * no closing date marks the end, short lines that are not sentences. */
/* A copy of paragraph i of a part's text b. */
static char *
paragraph_at(const struct buf *b, const struct paras *pa, size_t i)
{
	size_t end = i + 1 < pa->n ? pa->v[i + 1].off - 1 : b->len;

	return xstrndup(b->data + pa->v[i].off, end - pa->v[i].off);
}

static void
trim_tail(struct imp *m)
{
	struct buf *b;
	struct paras *pa;
	size_t keep;

	if (m->part < 0)
		return;
	b = &m->texts[m->part];
	pa = &m->paras[m->part];
	for (keep = pa->n; keep > 1; keep--) {
		char *p = paragraph_at(b, pa, keep - 1);
		bool furniture = !prose(p) && strlen(p) < 40;

		free(p);
		if (!furniture)
			break;
	}
	if (keep == pa->n)
		return;
	left_flush(m);
	for (size_t i = keep; i < pa->n; i++) {
		char *p = paragraph_at(b, pa, i);

		left_out(m, p, pa->v[i].line);
		free(p);
	}
	b->len = pa->v[keep].off - 1;	/* and the newline before it */
	b->data[b->len] = '\0';
	pa->n = keep;
}

/* What an item says, for a message: a line's text, a row's first cell that has any. */
static const char *
item_text(const struct src_item *it)
{
	if (it->kind == SRC_LINE)
		return it->text;
	for (size_t c = 0; c < it->ncells; c++)
		if (it->cells[c].text[0] != '\0')
			return it->cells[c].text;
	return "";
}

/* The closing lines: the agency over the date gives the agency when the
 * title did not (another name is listed), and what follows the date is not
 * the report's. */
static void
closing_lines(struct imp *m, const struct srcdoc *d, size_t closing, size_t date_item,
    bool dated, char **agency)
{
	if (closing < d->n && closing != date_item) {
		const char *sig = d->v[closing].text;

		if (*agency == NULL || **agency == '\0') {
			free(*agency);
			*agency = xstrdup(sig);
		} else if (!same_text(sig, *agency)) {
			left_out(m, sig, d->v[closing].line);
		}
	}
	for (size_t i = date_item + 1; dated && i < d->n; i++)
		left_out(m, item_text(&d->v[i]), d->v[i].line);
	left_flush(m);
}

/* Was anything of a report found: the heading of its first or last section, or a table? */
static bool
recognised(const struct imp *m)
{
	bool any = m->section_seen[1] || m->section_seen[TPL_SECTIONS];

	for (size_t i = 0; i < m->t->ntables; i++)
		any = any || m->tables[i].seen;
	return any;
}

/* The title (agency, year), read with the first template: they share its pattern. */
static int
title_of(struct tplset *ts, const struct srcdoc *d, int *year, char **agency, int *agency_item)
{
	struct diag_list dl = DIAG_LIST_INIT;
	const struct template *first;
	size_t n;
	char **ids = tplset_ids(ts, &n);
	int title;

	first = n > 0 ? tplset_get(ts, ids[0], &dl) : NULL;
	title = first != NULL ? find_title(d, first, year, agency, agency_item) : -1;
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	diag_list_free(&dl);
	return title;
}

struct report *
import_doc(struct tplset *ts, const struct srcdoc *d, const struct import_opts *o,
    struct diag_list *warn, char **err)
{
	const struct template *t;
	struct report *r = NULL;
	struct imp m;
	char *agency = NULL, *date = NULL;
	int title, agency_item = -1, year = 0;
	size_t closing, date_item = 0;

	*err = NULL;
	title = title_of(ts, d, &year, &agency, &agency_item);
	if (o->year > 0)
		year = o->year;
	if ((t = choose_format(ts, d, o, year, warn, err)) == NULL)
		goto out;
	if (year == 0) {
		*err = xstrdup(_("cannot tell the report's year from its title (use --year)"));
		goto out;
	}
	imp_init(&m, t, o, warn);
	for (int i = 0; i < title; i++)		/* the page before the report */
		if (i != agency_item)
			left_out(&m, item_text(&d->v[i]), d->v[i].line);
	left_flush(&m);
	closing = find_closing(d, (size_t)(title + 1), &date, &date_item);
	read_body(&m, d, (size_t)(title + 1), closing);
	if (date == NULL)
		trim_tail(&m);
	left_flush(&m);
	closing_lines(&m, d, closing, date_item, date != NULL, &agency);
	if (!recognised(&m)) {
		*err = xstrdup(_("nothing of a report was recognised: no section heading and no table row"));
	} else {
		finish_tables(&m);
		r = build_report(ts, &m, year, o->agency != NULL ? o->agency : agency, date, err);
	}
	imp_free(&m);
out:
	free(agency);
	free(date);
	return r;
}

static size_t
count_lines(const char *s, size_t n)
{
	size_t lines = 1;

	for (const char *p = s; (p = memchr(p, '\n', n - (size_t)(p - s))) != NULL; p++)
		lines++;
	return lines;
}

struct report *
import_file(struct tplset *ts, const char *path, const struct import_opts *o,
    struct diag_list *warn, char **err)
{
	struct source src;
	struct srcdoc d = SRCDOC_INIT;
	struct report *r = NULL;
	size_t lines;
	int word = docx_read_file(path, &d, err);

	if (word != 1) {	/* a Word document, read or refused */
		if (word == 0 && d.n > IMPORT_MAX_LINES)
			*err = xasprintf(_("%zu lines are too many for a report (at most %d)"), d.n,
			    IMPORT_MAX_LINES);
		else if (word == 0)
			r = import_doc(ts, &d, o, warn, err);
		srcdoc_free(&d);
		return r;
	}
	if (source_read(path, &src, err) != 0)
		return NULL;
	lines = count_lines(src.text, src.len);
	if (lines <= IMPORT_MAX_LINES) {
		if (src.type == SOURCE_HTML)
			html_read(src.text, src.len, &d);
		else
			textsrc_read(src.text, src.len, &d);
	}
	/* a page has a few thousand lines at most: refuse what would take
	 * the memory and minutes of an office machine for nothing */
	if (lines > IMPORT_MAX_LINES || d.n > IMPORT_MAX_LINES)
		*err = xasprintf(_("%zu lines are too many for a report (at most %d)"),
		    lines > IMPORT_MAX_LINES ? lines : d.n, IMPORT_MAX_LINES);
	else
		r = import_doc(ts, &d, o, warn, err);
	srcdoc_free(&d);
	source_free(&src);
	return r;
}
