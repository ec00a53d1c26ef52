/* label.c - labels compared without the damage copying does to them. */
#include "nb.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "import/label.h"
#include "lib/buf.h"
#include "lib/utf8.h"

/* True for the characters a copy adds, drops or swaps without changing the label. */
static bool
ignorable(uint32_t c)
{
	if (c < 0x80)
		return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
	return c == 0xA0 || c == 0xB7 ||
	    (c >= 0x2000 && c <= 0x206F) ||	/* general punctuation, quotes, dashes */
	    (c >= 0x2500 && c <= 0x257F) ||	/* box drawing */
	    (c >= 0x3000 && c <= 0x303F) ||	/* CJK punctuation: 、。《》「」 */
	    (c >= 0xFE30 && c <= 0xFE4F) ||	/* vertical forms */
	    (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
	    (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||
	    c == 0xFEFF;
}

/* Full-width ASCII letters and digits as ASCII, letters in lower case. */
static uint32_t
fold(uint32_t c)
{
	if (c >= 0xFF10 && c <= 0xFF5A)
		c -= 0xFF10 - '0';
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	return c;
}

void
label_norm(const char *s, size_t n, struct label *out)
{
	size_t i = 0, k;
	uint32_t c;

	out->n = 0;
	out->cut = false;
	while (i < n) {
		if ((k = utf8_decode(s + i, n - i, &c)) == 0) {
			i++;
			continue;
		}
		i += k;
		if (ignorable(c))
			continue;
		if (out->n == LABEL_MAX) {
			out->cut = true;
			return;
		}
		out->c[out->n++] = fold(c);
	}
}

bool
label_same(const struct label *a, const struct label *b)
{
	return a->n == b->n && !a->cut && !b->cut &&
	    memcmp(a->c, b->c, a->n * sizeof *a->c) == 0;
}

static size_t
min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

/* Two rows of the classic table; the band outside max is never better than max + 1. */
int
label_distance(const struct label *a, const struct label *b, int max)
{
	size_t prev[LABEL_MAX + 1], cur[LABEL_MAX + 1];
	size_t lim = max < 0 ? 0 : (size_t)max;

	if (a->cut || b->cut)
		return max + 1;
	if ((a->n > b->n ? a->n - b->n : b->n - a->n) > lim)
		return max + 1;
	for (size_t j = 0; j <= b->n; j++)
		prev[j] = j;
	for (size_t i = 1; i <= a->n; i++) {
		size_t best;

		cur[0] = i;
		best = cur[0];
		for (size_t j = 1; j <= b->n; j++) {
			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1,
			    prev[j - 1] + (a->c[i - 1] != b->c[j - 1]));
			if (cur[j] < best)
				best = cur[j];
		}
		if (best > lim)
			return max + 1;
		memcpy(prev, cur, (b->n + 1) * sizeof *prev);
	}
	return prev[b->n] > lim ? max + 1 : (int)prev[b->n];
}

size_t
label_lcs(const struct label *a, const struct label *b)
{
	size_t prev[LABEL_MAX + 1] = { 0 }, cur[LABEL_MAX + 1];

	for (size_t i = 1; i <= a->n; i++) {
		cur[0] = 0;
		for (size_t j = 1; j <= b->n; j++)
			cur[j] = a->c[i - 1] == b->c[j - 1] ? prev[j - 1] + 1 :
			    prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
		memcpy(prev, cur, (b->n + 1) * sizeof *prev);
	}
	return prev[b->n];
}

char *
label_key(const struct label *l)
{
	struct buf b = BUF_INIT;
	char u[4];

	for (size_t i = 0; i < l->n; i++)
		buf_add(&b, u, utf8_encode(l->c[i], u));
	buf_addc(&b, '\0');
	return buf_detach(&b);
}
