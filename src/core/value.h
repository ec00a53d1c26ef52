/* value.h - one table cell: blank, not applicable ("/"), an exact number, or
 * unreadable ("?": imported from a source that could not be read with certainty). */
#ifndef VALUE_H
#define VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum value_kind {
	KIND_COUNT,		/* integer count of documents, requests, cases */
	KIND_CHANGE,		/* signed change of a count of items (2019 format) */
	KIND_MONEY		/* fixed-point decimal with a unit */
};

enum value_state {
	VALUE_BLANK,		/* not yet entered: never the same as 0 */
	VALUE_NUMBER,
	VALUE_NA,		/* not applicable, written "/" */
	VALUE_UNREADABLE	/* the source had a number here that could not be
				 * placed with certainty, written "?": not 0, not blank */
};

#define VALUE_MAX_SCALE 6	/* decimals kept for money: ten-thousand yuan to the fen */
#define VALUE_UNIT_MAX 16

struct value {
	enum value_state state;
	int64_t		 num;		/* the number times 10^scale */
	uint8_t		 scale;		/* decimals as typed (money only) */
	char		 unit[VALUE_UNIT_MAX];	/* money unit typed where the column fixes none */
};

struct cell_kind {
	enum value_kind	 kind;
	const char	*unit;		/* unit fixed by the template, or NULL */
};

/*
 * Parse what an officer typed into a cell of kind k.  Full-width digits,
 * thousands separators and surrounding spaces are accepted and normalised.
 * units lists the money units the template allows.  On error returns -1,
 * leaves *out alone and sets *err to a message the caller frees.
 */
int value_parse(const char *text, const struct cell_kind *k, char *const *units,
    size_t nunits, struct value *out, char **err);

/* Canonical text of v (empty for blank, "?" for unreadable), as stored in report files. */
void value_format(const struct value *v, const struct cell_kind *k, char *out, size_t n);

/* The number in units of 10^-VALUE_MAX_SCALE; blank, "/" and "?" count as 0
 * (rules never judge a "?" cell: see rules.c). */
int64_t value_fixed(const struct value *v);

/* Format a number in units of 10^-VALUE_MAX_SCALE without trailing zeros. */
void value_format_fixed(int64_t fixed, char *out, size_t n);

/* The value whose number is fixed (units of 10^-VALUE_MAX_SCALE), for computed cells. */
struct value value_from_fixed(int64_t fixed, const struct cell_kind *k);

bool value_equal(const struct value *a, const struct value *b);

#endif
