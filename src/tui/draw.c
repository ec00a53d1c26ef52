/* draw.c - column-exact drawing of UTF-8 through the wide-character curses calls. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "lib/utf8.h"
#include "lib/width.h"
#include "lib/wrap.h"
#include "lib/xalloc.h"
#include "tui/draw.h"

static int ambiguous = 1;

void
draw_set_ambiguous(int columns)
{
	ambiguous = columns == 2 ? 2 : 1;
}

int
draw_ambiguous(void)
{
	return ambiguous;
}

/* Next character of s and the bytes it uses: a tab shows as a space, a bad byte
 * or a control as '?' (one column, whatever the ambiguous-width setting). */
static size_t
next_char(const char *s, size_t n, uint32_t *cp)
{
	size_t k = utf8_decode(s, n, cp);

	if (k == 0) {
		*cp = '?';
		return 1;
	}
	if (*cp < 0x20 || (*cp >= 0x7F && *cp < 0xA0))
		*cp = *cp == '\t' ? ' ' : '?';
	return k;
}

#define RUN 256

int
draw_text(WINDOW *w, int y, int x, const char *s, size_t n, int maxw, bool pad)
{
	wchar_t run[RUN + 1];
	int used = 0, nrun = 0, run_x = x;
	size_t i = 0;

	if (maxw <= 0)
		return 0;
	while (i < n) {
		uint32_t cp;
		size_t k = next_char(s + i, n - i, &cp);
		int cw = width_cp(cp, ambiguous);

		if (used + cw > maxw)
			break;
		/*
		 * With ambiguous characters 2 wide, ncurses (which asks wcwidth) and
		 * the terminal disagree: place each character ourselves.  Otherwise
		 * one call draws a whole run, which is much cheaper.
		 */
		if (nrun == RUN || (ambiguous == 2 && nrun > 0)) {
			mvwaddnwstr(w, y, run_x, run, nrun);
			nrun = 0;
			run_x = x + used;
		}
		if (cw > 0 || nrun > 0)	/* a combining mark rides on the character before it */
			run[nrun++] = (wchar_t)cp;
		else
			run_x = x + used;
		used += cw;
		i += k;
	}
	if (nrun > 0)
		mvwaddnwstr(w, y, run_x, run, nrun);
	if (pad && used < maxw)
		mvwhline(w, y, x + used, ' ', maxw - used);
	return used;
}

int
draw_str(WINDOW *w, int y, int x, const char *s, int maxw, bool pad)
{
	return draw_text(w, y, x, s, strlen(s), maxw, pad);
}

int
draw_width(const char *s)
{
	return (int)width_str(s, strlen(s), ambiguous);
}

void
draw_right(WINDOW *w, int y, int x, const char *s, int maxw)
{
	int sw = draw_width(s);

	if (sw > maxw)
		sw = maxw;
	if (maxw > sw)
		mvwhline(w, y, x, ' ', maxw - sw);
	draw_str(w, y, x + maxw - sw, s, sw, false);
}

size_t
draw_fit(const char *s, size_t n, int maxw)
{
	int used = 0;
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = next_char(s + i, n - i, &cp);
		int cw = width_cp(cp, ambiguous);

		if (used + cw > maxw)
			break;
		used += cw;
		i += k;
	}
	return i;
}

size_t
draw_wrap(const char *s, int width, size_t **starts)
{
	size_t n = strlen(s), i = 0, count = 0, cap = 0;
	size_t *v = NULL;

	if (width < 2)
		width = 2;
	do {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t end = nl != NULL ? (size_t)(nl - s) : n;

		do {
			v = xgrow(v, &cap, count + 2, sizeof *v);
			v[count++] = i;
			i += wrap_line_end(s + i, end - i, 0, width, ambiguous);
		} while (i < end);
		i = end + (nl != NULL);
		if (nl != NULL && i == n) {	/* a final newline opens an empty line */
			v = xgrow(v, &cap, count + 2, sizeof *v);
			v[count++] = i;
		}
	} while (i < n);
	v = xgrow(v, &cap, count + 2, sizeof *v);
	v[count] = n;
	*starts = v;
	return count;
}
