/* srcdoc.c - the lines and rows a reader found in a published report. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "import/srcdoc.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

/* Trim whitespace from both ends of the n bytes at *s: ASCII, U+00A0, U+3000,
 * U+200B and U+FEFF, which pages put around their text. */
static void
srcdoc_trim(const char **s, size_t *n)
{
	static const char *const blanks[] = { " ", "\t", "\r", "\n", "\v", "\f",
		"\xC2\xA0", "\xE3\x80\x80", "\xE2\x80\x8B", "\xEF\xBB\xBF", NULL };

	utf8_trim(s, n, blanks);
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

	srcdoc_trim(&s, &n);
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
	srcdoc_trim(&s, &n);
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
