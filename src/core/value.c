/* value.c - forgiving but exact parsing of cell input; no floating point anywhere. */
#include "nb.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/value.h"
#include "lib/buf.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

/* 12 digits times 10^6 (the fixed point) is below 10^18, inside int64_t;
 * the rules engine adds such numbers with an overflow check. */
#define MAX_DIGITS 12

static const int64_t pow10[] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };

/*
 * Map the full-width and typographic forms an IME produces to ASCII, and
 * every kind of space to ' '.  Returns false on invalid UTF-8.
 */
static bool
normalise(const char *s, struct buf *out)
{
	size_t n = strlen(s), i = 0, k;
	uint32_t cp;

	while (i < n) {
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			return false;
		if (cp >= 0xFF10 && cp <= 0xFF19)
			buf_addc(out, (char)('0' + (cp - 0xFF10)));
		else if (cp == 0xFF0B)
			buf_addc(out, '+');
		else if (cp == 0xFF0D || cp == 0x2212 || cp == 0xFE63)
			buf_addc(out, '-');
		else if (cp == 0xFF0E)
			buf_addc(out, '.');
		else if (cp == 0xFF0C)
			buf_addc(out, ',');
		else if (cp == 0xFF0F)
			buf_addc(out, '/');
		else if (cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0)
			buf_addc(out, ' ');
		else
			buf_add(out, s + i, k);
		i += k;
	}
	return true;
}

/* s without the spaces around it (normalise made every blank a space); cut in place. */
static char *
value_trim(char *s)
{
	static const char *const blanks[] = { " ", NULL };
	const char *t = s;
	size_t len = strlen(s), n = len;

	utf8_trim(&t, &n, blanks);
	if ((size_t)(t - s) + n < len)	/* s may be a literal "": write only what changes */
		s[(t - s) + n] = '\0';
	return s + (t - s);
}

static bool
has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* Split a trailing unit off s (money only): the longest unit that ends s wins,
 * so that "ten-thousand yuan" is not read as "ten-thousand" + "yuan".
 * Returns the unit or "". */
static const char *
take_unit(char *s, char *const *units, size_t nunits, const char *fixed)
{
	size_t len = strlen(s), best_len = 0;
	const char *best = "";

	for (size_t i = 0; i <= nunits; i++) {
		const char *u = i < nunits ? units[i] : fixed;
		size_t ul;

		if (u == NULL || (ul = strlen(u)) == 0 || ul >= len || ul <= best_len)
			continue;
		if (strcmp(s + len - ul, u) == 0) {
			best = u;
			best_len = ul;
		}
	}
	if (best_len > 0) {
		s[len - best_len] = '\0';
		value_trim(s);
	}
	return best;
}

/* Digits with optional thousands separators and decimals. */
static int
parse_number(const char *s, bool decimals, int64_t *num, uint8_t *scale, char **err,
    const char *orig)
{
	int64_t v = 0;
	int digits = 0, group = -1, frac = -1;

	if (*s == '\0')
		goto bad;
	for (const char *p = s; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9') {
			if (++digits > MAX_DIGITS) {
				*err = xasprintf(_("\"%s\": too many digits"), orig);
				return -1;
			}
			v = v * 10 + (*p - '0');
			if (group >= 0 && frac < 0)
				group++;
			if (frac >= 0)
				frac++;
		} else if (*p == ',' && frac < 0 && digits > 0 && (group < 0 ? digits <= 3 : group == 3)) {
			group = 0;
		} else if (*p == '.' && frac < 0 && digits > 0 && (group < 0 || group == 3)) {
			if (!decimals) {
				*err = xasprintf(_("\"%s\": a count is a whole number, without decimals"), orig);
				return -1;
			}
			frac = 0;
			group = -1;
		} else
			goto bad;
	}
	if (group >= 0 && group != 3) {
		*err = xasprintf(_("\"%s\": thousands separators must separate groups of three digits"), orig);
		return -1;
	}
	if (frac == 0)
		goto bad;
	if (frac > VALUE_MAX_SCALE) {
		*err = xasprintf(_("\"%s\": at most %d decimals"), orig, VALUE_MAX_SCALE);
		return -1;
	}
	*num = v;
	*scale = (uint8_t)(frac > 0 ? frac : 0);
	return 0;
bad:
	*err = xasprintf(_("\"%s\" is not a number: type digits, / for not applicable, or leave the cell empty"), orig);
	return -1;
}

/* The canonical forms files hold ("36", "-3", "+15", "/", "?"), without the general path. */
static bool
parse_plain(const char *s, const struct cell_kind *k, struct value *out)
{
	const char *p = s;
	int64_t v = 0;
	bool neg = false;

	if ((s[0] == '/' || s[0] == '?') && s[1] == '\0') {
		memset(out, 0, sizeof *out);
		out->state = s[0] == '/' ? VALUE_NA : VALUE_UNREADABLE;
		return true;
	}
	if ((*p == '-' || *p == '+') && k->kind != KIND_MONEY)
		neg = *p++ == '-';
	if (*p == '\0' || strlen(p) > MAX_DIGITS)
		return false;
	for (; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (*p - '0');
	}
	memset(out, 0, sizeof *out);
	out->state = VALUE_NUMBER;
	out->num = neg ? -v : v;
	return true;
}

int
value_parse(const char *text, const struct cell_kind *k, char *const *units, size_t nunits,
    struct value *out, char **err)
{
	if (parse_plain(text, k, out))
		return 0;

	struct buf nb = BUF_INIT;
	struct value v;
	const char *unit = "";
	char *s;
	bool neg = false;
	int rc = -1;

	memset(&v, 0, sizeof v);
	if (!normalise(text, &nb)) {
		*err = xstrdup(_("the value is not valid UTF-8 text"));
		goto out;
	}
	s = value_trim(nb.data != NULL ? nb.data : (char *)"");
	if (*s == '\0') {
		v.state = VALUE_BLANK;
		goto ok;
	}
	if (strcmp(s, "/") == 0) {
		v.state = VALUE_NA;
		goto ok;
	}
	if (k->kind == KIND_CHANGE && (has_prefix(s, "增") || has_prefix(s, "减"))) {
		neg = has_prefix(s, "减");
		s = value_trim(s + strlen("增"));
	} else if (*s == '+' || *s == '-') {
		neg = *s == '-';
		s = value_trim(s + 1);
	}
	if (k->kind == KIND_MONEY) {
		unit = take_unit(s, units, nunits, k->unit);
		if (k->unit != NULL && *unit != '\0' && strcmp(unit, k->unit) != 0) {
			*err = xasprintf(_("\"%s\": this cell is in %s"), text, k->unit);
			goto out;
		}
		if (k->unit != NULL)
			unit = "";
	}
	if (parse_number(s, k->kind == KIND_MONEY, &v.num, &v.scale, err, text) != 0)
		goto out;
	if (neg)
		v.num = -v.num;
	v.state = VALUE_NUMBER;
	snprintf(v.unit, sizeof v.unit, "%s", unit);
ok:
	*out = v;
	rc = 0;
out:
	buf_free(&nb);
	return rc;
}

/* Digits of a non-negative whole number with an optional sign, without
 * printf: the editor formats every cell on screen after each key. */
static void
format_whole(int64_t num, const char *sign, char *out, size_t n)
{
	char tmp[24];
	size_t i = sizeof tmp, k = 0;
	uint64_t u = num < 0 ? (uint64_t)0 - (uint64_t)num : (uint64_t)num;

	tmp[--i] = '\0';
	do {
		tmp[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	for (; *sign != '\0' && k + 1 < n; sign++)
		out[k++] = *sign;
	for (; tmp[i] != '\0' && k + 1 < n; i++)
		out[k++] = tmp[i];
	if (n > 0)
		out[k < n ? k : n - 1] = '\0';
}

void
value_format(const struct value *v, const struct cell_kind *k, char *out, size_t n)
{
	int64_t a, ip, fp;

	if (v->state == VALUE_BLANK) {
		snprintf(out, n, "%s", "");
		return;
	}
	if (v->state == VALUE_NA || v->state == VALUE_UNREADABLE) {
		snprintf(out, n, "%s", v->state == VALUE_NA ? "/" : "?");
		return;
	}
	if (v->scale == 0 && v->unit[0] == '\0') {
		format_whole(v->num, v->num < 0 ? "-" : k->kind == KIND_CHANGE && v->num > 0 ? "+" : "", out, n);
		return;
	}
	a = v->num < 0 ? -v->num : v->num;
	ip = a / pow10[v->scale];
	fp = a % pow10[v->scale];
	if (v->scale > 0)
		snprintf(out, n, "%s%" PRId64 ".%0*" PRId64 "%s", v->num < 0 ? "-" : "", ip,
		    (int)v->scale, fp, v->unit);
	else
		snprintf(out, n, "%s%" PRId64 "%s", v->num < 0 ? "-" :
		    (k->kind == KIND_CHANGE && v->num > 0 ? "+" : ""), ip, v->unit);
}

int64_t
value_fixed(const struct value *v)
{
	if (v->state != VALUE_NUMBER)
		return 0;
	return v->num * pow10[VALUE_MAX_SCALE - v->scale];
}

void
value_format_fixed(int64_t fixed, char *out, size_t n)
{
	int64_t a = fixed < 0 ? -fixed : fixed;
	int64_t ip = a / pow10[VALUE_MAX_SCALE], fp = a % pow10[VALUE_MAX_SCALE];
	int scale = VALUE_MAX_SCALE;

	if (fp == 0) {
		snprintf(out, n, "%s%" PRId64, fixed < 0 ? "-" : "", ip);
		return;
	}
	while (fp % 10 == 0) {
		fp /= 10;
		scale--;
	}
	snprintf(out, n, "%s%" PRId64 ".%0*" PRId64, fixed < 0 ? "-" : "", ip, scale, fp);
}

struct value
value_from_fixed(int64_t fixed, const struct cell_kind *k)
{
	struct value v;
	int scale = k->kind == KIND_MONEY ? VALUE_MAX_SCALE : 0;

	memset(&v, 0, sizeof v);
	v.state = VALUE_NUMBER;
	v.num = fixed / pow10[VALUE_MAX_SCALE];
	if (k->kind == KIND_MONEY) {
		v.num = fixed;
		while (scale > 0 && v.num % 10 == 0) {
			v.num /= 10;
			scale--;
		}
	}
	v.scale = (uint8_t)scale;
	return v;
}

bool
value_equal(const struct value *a, const struct value *b)
{
	if (a->state != b->state)
		return false;
	if (a->state != VALUE_NUMBER)
		return true;
	return a->num == b->num && a->scale == b->scale && strcmp(a->unit, b->unit) == 0;
}
