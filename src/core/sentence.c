/* sentence.c - the sentence around a place, and its quote; see sentence.h. */
#include "nb.h"

#include <string.h>

#include "core/links.h"
#include "core/sentence.h"
#include "lib/buf.h"
#include "lib/utf8.h"

#define SENTENCE_QUOTE	80	/* characters of a sentence quoted in a message */

/* Is there a sentence end (a line, or a full stop, exclamation, question or semicolon
 * of full width) of k bytes ending right before byte i of text? */
size_t
sentence_end_before(const char *text, size_t i)
{
	static const char *const ends[] = { "\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F", "\xEF\xBC\x9B" };

	if (i >= 1 && text[i - 1] == '\n')
		return 1;
	for (size_t k = 0; i >= 3 && k < sizeof ends / sizeof *ends; k++)
		if (memcmp(text + i - 3, ends[k], 3) == 0)
			return 3;
	return 0;
}

/*
 * The sentence of text around byte at: [*s0, *s1), its end mark included and
 * the blanks before it left out.  Found from a match outwards, so that a part
 * is read sentence by sentence only where a phrase was found in it.
 */
void
sentence_bounds(const char *text, size_t len, size_t at, size_t *s0, size_t *s1)
{
	size_t i = at, k;

	while (i > 0 && sentence_end_before(text, i) == 0)
		i--;
	while (i < at && (text[i] == ' ' || text[i] == '\t' || strncmp(text + i, "\xE3\x80\x80", 3) == 0))
		i += text[i] == '\xE3' ? 3 : 1;
	*s0 = i;
	for (i = at; i < len; i++)
		if ((k = sentence_end_before(text, i + 1)) > 0 && i + 1 >= at + k)
			break;
	*s1 = i < len ? i + 1 : len;
}


/* The sentence around [at, at+len) of text, cut to SENTENCE_QUOTE characters, in b;
 * its linked numbers as their values, as the officer sees them. */
const char *
sentence_quote(const struct report *r, const char *text, size_t start, size_t end, struct buf *b)
{
	size_t chars = 0, i = start;
	char val[LINKS_VALUE_MAX];
	int fact;

	buf_reset(b);
	while (i < end && chars < SENTENCE_QUOTE) {
		size_t k;

		if (text[i] == '{' && (k = links_at(r->tpl, text + i, end - i, &fact)) > 0) {
			links_value(r, fact, val);	/* quoted as the officer sees it */
			buf_adds(b, val);
			i += k;
			chars++;
			continue;
		}
		k = utf8_seqlen(text + i, end - i);
		buf_add(b, text + i, k > 0 ? k : 1);
		i += k > 0 ? k : 1;
		chars++;
	}
	if (i < end)
		buf_adds(b, "\xE2\x80\xA6");
	return b->data != NULL ? b->data : "";
}
