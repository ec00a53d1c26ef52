/* rowpaste.c - split a paste into rows and values; see rowpaste.h. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "edit/rowpaste.h"
#include "lib/xalloc.h"

/* Values of one line (bytes [s, s + n)) into l. */
static void
rowpaste_line(const char *s, size_t n, struct rowpaste_line *l)
{
	size_t cap = 0, i = 0;

	memset(l, 0, sizeof *l);
	while (i < n) {
		size_t start;

		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == n)
			break;
		start = i;
		while (i < n && s[i] != ' ' && s[i] != '\t')
			i++;
		l->vals = xgrow(l->vals, &cap, l->n + 1, sizeof *l->vals);
		l->vals[l->n++] = xstrndup(s + start, i - start);
	}
}

void
rowpaste_split(const char *s, size_t n, struct rowpaste *out)
{
	size_t cap = 0, i = 0;

	memset(out, 0, sizeof *out);
	while (i < n) {
		size_t end = i;
		struct rowpaste_line l;

		while (end < n && s[end] != '\n' && s[end] != '\r')
			end++;
		rowpaste_line(s + i, end - i, &l);
		if (l.n > 0) {
			out->lines = xgrow(out->lines, &cap, out->nlines + 1, sizeof *out->lines);
			out->lines[out->nlines++] = l;
		}
		i = end + 1;
	}
}

void
rowpaste_free(struct rowpaste *p)
{
	for (size_t k = 0; k < p->nlines; k++) {
		for (size_t j = 0; j < p->lines[k].n; j++)
			free(p->lines[k].vals[j]);
		free(p->lines[k].vals);
	}
	free(p->lines);
	memset(p, 0, sizeof *p);
}
