/*
 * width.c - columns of a character on the officer's terminal, from
 * libunistring's East Asian Width data (uc_width), which knows the whole of
 * Unicode whatever the locale.  With ambiguous 2 it is asked for a Chinese
 * encoding (GBK): GBK terminals such as PuTTY's draw every character of
 * the Chinese code pages two columns wide, the East Asian Ambiguous ones
 * (“ ” — … ① ×) and the box-drawing characters among them.
 */
#include "nb.h"

#include <stddef.h>
#include <stdint.h>
#include <unictype.h>
#include <uniwidth.h>

#include "lib/utf8.h"
#include "lib/width.h"

int
width_cp(uint32_t cp, int ambiguous)
{
	int w;

	if (cp < 0x7F)
		return 1;	/* controls included: drawn as a placeholder */
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		return 2;	/* the bulk of Chinese text, without a look-up */
	/* No code page holds an unassigned code point: one placeholder column. */
	if (ambiguous == 2 && !uc_is_general_category(cp, UC_CATEGORY_Cn))
		w = uc_width(cp, "GBK");
	else
		w = uc_width(cp, "UTF-8");
	if (w < 0)
		return 1;	/* DEL and the C1 controls, shown as a placeholder */
	return w;
}

size_t
width_str(const char *s, size_t n, int ambiguous)
{
	size_t cols = 0, i = 0, k;
	uint32_t cp;

	while (i < n) {
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0) {
			cols++;
			i++;
			continue;
		}
		cols += (size_t)width_cp(cp, ambiguous);
		i += k;
	}
	return cols;
}
