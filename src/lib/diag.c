/* diag.c - accumulate loader problems so that one run reports all of them. */
#include "nb.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

/* A file full of garbage would otherwise produce one message per line. */
#define DIAG_MAX 50

void
diag_add(struct diag_list *dl, const char *file, int line, const char *fmt, ...)
{
	struct diag *d;
	va_list ap;
	int n;

	if (dl->n > DIAG_MAX)
		return;
	dl->v = xgrow(dl->v, &dl->cap, dl->n + 1, sizeof *dl->v);
	d = &dl->v[dl->n++];
	d->file = file != NULL ? xstrdup(file) : NULL;
	d->line = line;
	if (dl->n > DIAG_MAX) {
		d->msg = xstrdup(_("too many errors; giving up"));
		return;
	}
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	d->msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	d->msg[0] = '\0';
	va_start(ap, fmt);
	if (n > 0)
		vsnprintf(d->msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
}

void
diag_print(const struct diag_list *dl, FILE *fp)
{
	struct buf f = BUF_INIT, m = BUF_INIT;

	/* A message may quote a hostile file's bytes: the terminal shows them, never obeys them. */
	for (size_t i = 0; i < dl->n; i++) {
		const struct diag *d = &dl->v[i];

		buf_reset(&f);
		buf_reset(&m);
		utf8_visible(d->file != NULL ? d->file : "nianbao", &f);
		utf8_visible(d->msg, &m);
		if (d->file != NULL && d->line > 0)
			fprintf(fp, "%s:%d: %s\n", f.data, d->line, m.data != NULL ? m.data : "");
		else
			fprintf(fp, "%s: %s\n", f.data, m.data != NULL ? m.data : "");
	}
	buf_free(&f);
	buf_free(&m);
}

void
diag_list_free(struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		free(dl->v[i].file);
		free(dl->v[i].msg);
	}
	free(dl->v);
	dl->v = NULL;
	dl->n = dl->cap = 0;
}
