/*
 * cnnum.h - reading a number as Chinese reports write it: ASCII digits,
 * full-width digits, or Chinese numerals (shi'er, yibai ling wu, liang,
 * ling, and digit by digit as years are written).
 */
#ifndef CNNUM_H
#define CNNUM_H

#include <stddef.h>
#include <stdint.h>

#define CNNUM_ASCII	1	/* the number has ASCII digits */
#define CNNUM_WIDE	2	/* ... full-width digits */
#define CNNUM_HANZI	4	/* ... Chinese numerals */

/*
 * Read the number that starts at s (n bytes).  Returns the bytes it takes
 * (0 when s does not start with a number); *fixed is its value in units of
 * 10^-6, *flags what it was written with.  ASCII and full-width digits may
 * mix (the hygiene review warns about that); "1,126" and "0.5" are read.
 */
size_t cnnum_read(const char *s, size_t n, int64_t *fixed, int *flags);

#endif
