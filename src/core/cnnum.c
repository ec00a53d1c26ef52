/* cnnum.c - numbers in ASCII, full-width digits or Chinese numerals. */
#include "nb.h"

#include "core/cnnum.h"
#include "lib/utf8.h"

#define CNNUM_UNIT	1000000		/* fixed point: 10^-6 */

/* The value of a Chinese digit (ling..jiu, liang), or -1. */
static int
cnnum_hanzi_digit(uint32_t cp)
{
	static const uint32_t digits[] = {
		0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D
	};

	if (cp == 0x3007)	/* the circle zero of written years */
		return 0;
	if (cp == 0x4E24)	/* liang: two, before a unit */
		return 2;
	for (int i = 0; i < 10; i++)
		if (digits[i] == cp)
			return i;
	return -1;
}

/* The power of ten of a Chinese unit (shi, bai, qian, wan, yi), or 0. */
static int64_t
cnnum_hanzi_unit(uint32_t cp)
{
	switch (cp) {
	case 0x5341: return 10;
	case 0x767E: return 100;
	case 0x5343: return 1000;
	case 0x4E07: return 10000;
	case 0x4EBF: return 100000000;
	default: return 0;
	}
}

/* An ASCII or full-width digit's value, or -1; *wide says which. */
static int
cnnum_arabic(uint32_t cp, int *wide)
{
	*wide = cp >= 0xFF10 && cp <= 0xFF19;
	if (cp >= '0' && cp <= '9')
		return (int)(cp - '0');
	return *wide ? (int)(cp - 0xFF10) : -1;
}

/* Digits, with "," between groups of three and one ".", as written in figures. */
static size_t
cnnum_read_arabic(const char *s, size_t n, int64_t *fixed, int *flags)
{
	int64_t whole = 0, frac = 0, scale = CNNUM_UNIT;
	size_t i = 0, k;
	bool point = false;
	uint32_t cp;
	int d, wide;

	while (i < n && (k = utf8_decode(s + i, n - i, &cp)) > 0) {
		if ((d = cnnum_arabic(cp, &wide)) >= 0) {
			*flags |= wide ? CNNUM_WIDE : CNNUM_ASCII;
			if (point && scale > 1)
				frac += d * (scale /= 10);
			else if (!point && whole < INT64_MAX / 100 / CNNUM_UNIT)
				whole = whole * 10 + d;
			i += k;
		} else if (cp == ',' && !point && i + 3 < n && cnnum_arabic((uint32_t)(unsigned char)s[i + 1], &wide) >= 0 &&
		    cnnum_arabic((uint32_t)(unsigned char)s[i + 3], &wide) >= 0)
			i += k;
		else if (cp == '.' && !point && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
			point = true;
			i += k;
		} else
			break;
	}
	*fixed = whole * CNNUM_UNIT + frac;
	return i;
}

/*
 * Chinese numerals: digits before units (yi bai ling wu: 105), or digit by
 * digit as years are written (er ling er wu: 2025), which has no unit.
 */
static size_t
cnnum_read_hanzi(const char *s, size_t n, int64_t *fixed)
{
	int64_t total = 0, section = 0, seq = 0;
	int digit = -1, ndigits = 0;
	bool units = false;
	size_t i = 0, k;
	uint32_t cp;

	while (i < n && (k = utf8_decode(s + i, n - i, &cp)) > 0) {
		int64_t u = cnnum_hanzi_unit(cp);
		int d = cnnum_hanzi_digit(cp);

		if (d >= 0) {
			digit = d;
			seq = seq * 10 + d;
			ndigits++;
		} else if (u >= 10000) {	/* wan and yi multiply what comes before */
			section += digit > 0 ? digit : 0;
			if (u > 10000)
				total = (total + section + (total + section == 0)) * u;
			else
				total += (section > 0 ? section : 1) * u;
			section = 0;
			digit = -1;
			units = true;
		} else if (u > 0) {
			section += (digit >= 0 ? digit : 1) * u;
			digit = -1;
			units = true;
		} else
			break;
		if (total > INT64_MAX / 100 / CNNUM_UNIT || seq > INT64_MAX / 100 / CNNUM_UNIT)
			break;
		i += k;
	}
	if (!units && ndigits > 1)
		*fixed = seq * CNNUM_UNIT;
	else
		*fixed = (total + section + (digit > 0 ? digit : 0)) * CNNUM_UNIT;
	return i;
}

size_t
cnnum_read(const char *s, size_t n, int64_t *fixed, int *flags)
{
	size_t k;

	*flags = 0;
	*fixed = 0;
	if ((k = cnnum_read_arabic(s, n, fixed, flags)) > 0)
		return k;
	if ((k = cnnum_read_hanzi(s, n, fixed)) > 0)
		*flags = CNNUM_HANZI;
	return k;
}
