/*
 * partscan.h - a part's text decoded once for the review's walks: the
 * facts' first characters (facts.h), the requirements' filter of pairs
 * (require.h) and the hygiene (hygiene.h) each read every character of a
 * part, and decoding it for each cost as much as the walks themselves.
 */
#ifndef PARTSCAN_H
#define PARTSCAN_H

#include <stddef.h>
#include <stdint.h>

#define PARTSCAN_PAD	8	/* zero code points after the last one: a walk may look a few ahead */

/* The characters of bytes [from, to) of a text, in the order of the text. */
struct partscan {
	const char	*text;		/* the whole text, NUL-terminated */
	size_t		 len;		/* its bytes */
	const uint32_t	*cp;		/* each character's code point; PARTSCAN_PAD zeros after cp[n - 1] */
	const uint32_t	*key;		/* its utf8_key, for an index or a filter of characters */
	const size_t	*off;		/* its first byte in text; off[n] is where the last one ends */
	size_t		 n;
};

/*
 * Decode the characters of text (len bytes, valid UTF-8) that start in bytes
 * [from, to) into ps.  The arrays are partscan's, kept from one call to the
 * next (a batch check reviews thousands of parts): ps is good until the
 * next call.
 */
void partscan_decode(struct partscan *ps, const char *text, size_t len, size_t from, size_t to);

#endif
