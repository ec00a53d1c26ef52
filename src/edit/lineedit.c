/* lineedit.c - one line of text being edited; see lineedit.h. */
#include "nb.h"

#include <string.h>

#include "edit/lineedit.h"
#include "lib/utf8.h"
#include "lib/width.h"

/* Bytes of the character at byte i (1 for a stray byte, so nothing loops). */
static size_t
lineedit_charlen(const struct lineedit *e, size_t i)
{
	size_t k = utf8_seqlen(e->b.data + i, e->b.len - i);

	return k > 0 ? k : 1;
}

/* The start of the character before byte i. */
static size_t
lineedit_prev(const struct lineedit *e, size_t i)
{
	while (i > 0 && ((unsigned char)e->b.data[--i] & 0xc0) == 0x80)
		;
	return i;
}

void
lineedit_start(struct lineedit *e, const char *text, size_t max)
{
	buf_reset(&e->b);
	if (text != NULL)
		buf_adds(&e->b, text);
	e->at = e->b.len;
	e->max = max;
	e->replace = false;
}

const char *
lineedit_text(const struct lineedit *e)
{
	return e->b.data != NULL ? e->b.data : "";
}

bool
lineedit_insert(struct lineedit *e, uint32_t cp)
{
	char u[4];
	size_t n;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || utf8_is_control(cp))
		return false;
	n = utf8_encode(cp, u);
	if (e->replace) {
		buf_reset(&e->b);
		e->at = 0;
		e->replace = false;
	}
	if (e->max > 0 && e->b.len + n > e->max)
		return false;
	buf_add(&e->b, u, n);	/* grow by n, then open the gap at the cursor */
	memmove(e->b.data + e->at + n, e->b.data + e->at, e->b.len - n - e->at);
	memcpy(e->b.data + e->at, u, n);
	e->at += n;
	return true;
}

void
lineedit_delete(struct lineedit *e)
{
	size_t n;

	e->replace = false;
	if (e->at >= e->b.len)
		return;
	n = lineedit_charlen(e, e->at);
	memmove(e->b.data + e->at, e->b.data + e->at + n, e->b.len - e->at - n + 1);
	e->b.len -= n;
}

void
lineedit_backspace(struct lineedit *e)
{
	e->replace = false;
	if (e->at == 0)
		return;
	e->at = lineedit_prev(e, e->at);
	lineedit_delete(e);
}

bool
lineedit_left(struct lineedit *e)
{
	e->replace = false;
	if (e->at == 0)
		return false;
	e->at = lineedit_prev(e, e->at);
	return true;
}

bool
lineedit_right(struct lineedit *e)
{
	e->replace = false;
	if (e->at >= e->b.len)
		return false;
	e->at += lineedit_charlen(e, e->at);
	return true;
}

void
lineedit_home(struct lineedit *e)
{
	e->replace = false;
	e->at = 0;
}

void
lineedit_end(struct lineedit *e)
{
	e->replace = false;
	e->at = e->b.len;
}

void
lineedit_select_all(struct lineedit *e)
{
	e->replace = true;
	e->at = e->b.len;
}

size_t
lineedit_view(const struct lineedit *e, int cols, int ambiguous)
{
	const char *s = lineedit_text(e);
	size_t from = 0;

	if (cols < 2)
		return e->at;
	/* One column stays free for the cursor after the last character. */
	while (from < e->at && width_str(s + from, e->at - from, ambiguous) > (size_t)(cols - 1))
		from += lineedit_charlen(e, from);
	return from;
}

void
lineedit_free(struct lineedit *e)
{
	buf_free(&e->b);
	e->at = 0;
	e->replace = false;
}
