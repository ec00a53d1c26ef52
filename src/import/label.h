/*
 * label.h - comparing a label as published with the template's.  Scraped
 * pages lose quotes, gain spaces, swap full-width brackets for half-width
 * ones and drop characters: none of that may stop a label being found, and
 * nothing else may make a label match.
 */
#ifndef LABEL_H
#define LABEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LABEL_MAX 256		/* characters compared; longer texts are never labels */

/* A label in comparable form: code points without spaces or punctuation,
 * full-width letters and digits folded to ASCII, ASCII letters in lower case. */
struct label {
	uint32_t	 c[LABEL_MAX];
	size_t		 n;
	bool		 cut;		/* the text was longer than LABEL_MAX */
};

/* The comparable form of the n bytes at s (invalid UTF-8 bytes are skipped). */
void label_norm(const char *s, size_t n, struct label *out);

/* True if a and b are the same label. */
bool label_same(const struct label *a, const struct label *b);

/* Edit distance between a and b, or max + 1 when it is larger than max. */
int label_distance(const struct label *a, const struct label *b, int max);

/* Length of the longest common subsequence of a and b. */
size_t label_lcs(const struct label *a, const struct label *b);

/* The comparable form as UTF-8 (for hashing); caller frees. */
char *label_key(const struct label *l);

#endif
