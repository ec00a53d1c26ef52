/* srcdoc.c - the lines and rows a reader found in a published report. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "import/srcdoc.h"
#include "lib/xalloc.h"

/* Bytes of the whitespace character at s (ASCII, U+00A0, U+3000, U+200B, U+FEFF), or 0. */
static size_t
space_at(const char *s, size_t n)
{
	static const char *const wide[] = { "\xc2\xa0", "\xe3\x80\x80", "\xe2\x80\x8b", "\xef\xbb\xbf" };

	if (n > 0 && strchr(" \t\r\n\v\f", s[0]) != NULL && s[0] != '\0')
		return 1;
	for (size_t i = 0; i < sizeof wide / sizeof *wide; i++) {
		size_t k = strlen(wide[i]);

		if (n >= k && memcmp(s, wide[i], k) == 0)
			return k;
	}
	return 0;
}

/* Trim whitespace from both ends of the n bytes at *s. */
static void
trim(const char **s, size_t *n)
{
	size_t k;

	while (*n > 0 && (k = space_at(*s, *n)) > 0) {
		*s += k;
		*n -= k;
	}
	for (;;) {
		size_t cut = 0;

		/* the widest space that ends the string */
		for (size_t w = 1; w <= 3 && w <= *n; w++)
			if (space_at(*s + *n - w, w) == w)
				cut = w;
		if (cut == 0)
			break;
		*n -= cut;
	}
}

static struct src_item *
push(struct srcdoc *d, enum src_kind kind, int line)
{
	struct src_item *it;

	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof *d->v);
	it = &d->v[d->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->line = line;
	return it;
}

void
srcdoc_line(struct srcdoc *d, int line, const char *s, size_t n, int heading)
{
	struct src_item *it;

	trim(&s, &n);
	if (n == 0)
		return;
	it = push(d, SRC_LINE, line);
	it->text = xstrndup(s, n);
	it->heading = heading;
}

void
srcdoc_row(struct srcdoc *d, int line, int table)
{
	push(d, SRC_ROW, line)->table = table;
	if (table >= d->ntables)
		d->ntables = table + 1;
}

void
srcdoc_cell(struct srcdoc *d, int line, const char *s, size_t n, int col, int colspan,
    int rowspan)
{
	struct src_item *it;

	if (d->n == 0 || d->v[d->n - 1].kind != SRC_ROW)
		srcdoc_row(d, line, d->ntables);
	it = &d->v[d->n - 1];
	trim(&s, &n);
	it->cells = xgrow(it->cells, &it->cellcap, it->ncells + 1, sizeof *it->cells);
	it->cells[it->ncells++] = (struct src_cell){ xstrndup(s, n), line, col,
	    colspan > 0 ? colspan : 1, rowspan > 0 ? rowspan : 1 };
}

void
srcdoc_free(struct srcdoc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].text);
		for (size_t c = 0; c < d->v[i].ncells; c++)
			free(d->v[i].cells[c].text);
		free(d->v[i].cells);
	}
	free(d->v);
	free(d->title);
	*d = (struct srcdoc)SRCDOC_INIT;
}
