/*
 * hygiene.h - the hygiene of Chinese text: doubled characters and words,
 * half-width punctuation between Chinese characters, unbalanced brackets and
 * quotes, spaces between Chinese characters, numbers mixing digit widths.
 * Nothing inside web addresses, e-mail addresses or document numbers.
 */
#ifndef HYGIENE_H
#define HYGIENE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/findings.h"

struct buf;
struct partscan;

/*
 * What the template says of doubles: a doubled word (two to six Chinese
 * characters) is a slip unless it is one of ok (the language's own doubles);
 * a doubled single character only if it is one of chars (the particles that
 * are never doubled: a character doubles across two words, as in jia shang +
 * shang nian), or if it follows a figure.
 */
struct hygiene_words {
	const char *const	*ok;
	size_t			 nok;
	const char *const	*chars;
	size_t			 nchars;
	/*
	 * The place a finding quotes, bytes [start, end) of text (len bytes),
	 * as the officer reads it, in b (line breaks as spaces): how the
	 * caller shows what it keeps in the text, such as a linked number.
	 */
	const char		*(*quote)(const void *ctx, const char *text, size_t len, size_t start,
				    size_t end, struct buf *b);
	const void		*quote_ctx;
};

/* A Chinese character, as the hygiene reads one (doubled words are made of them). */
static inline bool
hygiene_cjk(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

/* A digit, ASCII or full-width (a number mixing the two is a finding). */
static inline bool
hygiene_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* Review a text (narrative part part, named name), decoded whole in ps, and append findings to out. */
void hygiene_text(const struct partscan *ps, int part, const struct hygiene_words *w, const char *name,
    struct review_list *out);

#endif
