/* t_value.c - what an officer may type into a cell: value_parse, value_format, value_fixed. */
#include "nb.h"

#include <stdint.h>
#include <stdio.h>

#include "testlib.h"
#include "core/value.h"
#include "lib/buf.h"
#include "lib/utf8.h"

static const struct cell_kind K_COUNT = { KIND_COUNT, NULL };
static const struct cell_kind K_CHANGE = { KIND_CHANGE, NULL };
static const struct cell_kind K_MONEY = { KIND_MONEY, NULL };	/* 2019 采购总金额: no unit */
static const struct cell_kind K_WAN = { KIND_MONEY, "万元" };	/* 2021 本年收费金额 */

/* The units the templates list, in the templates' order (units = 元 万元). */
static char u_yuan[] = "元", u_wan[] = "万元";
static char *const UNITS[] = { u_yuan, u_wan };
#define NUNITS (sizeof UNITS / sizeof UNITS[0])

/* Parse text that must be accepted. */
static struct value
ok(const char *text, const struct cell_kind *k)
{
	struct value v;
	char *err = NULL;
	int rc = value_parse(text, k, UNITS, NUNITS, &v, &err);
	char msg[256];

	snprintf(msg, sizeof msg, "%s", err != NULL ? err : "(no message)");
	free(err);
	cr_assert_eq(rc, 0, "\"%s\" must be accepted, got: %s", text, msg);
	return v;
}

/* Parse text that must be refused, with *out left alone; returns the message (caller frees). */
static char *
bad(const char *text, const struct cell_kind *k)
{
	struct value v, before;
	char *err = NULL;
	int rc;

	memset(&v, 0xA5, sizeof v);
	memcpy(&before, &v, sizeof v);
	rc = value_parse(text, k, UNITS, NUNITS, &v, &err);
	cr_assert_eq(rc, -1, "\"%s\" must be refused", text);
	cr_assert_not_null(err, "refusing \"%s\" must say why", text);
	cr_assert(memcmp(&v, &before, sizeof v) == 0, "refusing \"%s\" must not touch *out", text);
	return err;
}

/* Refused, and the message quotes what was typed. */
static void
bad_quoted(const char *text, const struct cell_kind *k)
{
	char *err = bad(text, k), quoted[128], msg[256];
	bool found;

	snprintf(quoted, sizeof quoted, "\"%s\"", text);
	snprintf(msg, sizeof msg, "%s", err);
	found = strstr(err, quoted) != NULL;
	free(err);
	cr_assert(found, "message for %s must quote the input: %s", text, msg);
}

static const char *
fmt(const struct value *v, const struct cell_kind *k)
{
	static char out[64];

	value_format(v, k, out, sizeof out);
	return out;
}

static void
expect_number(const char *text, const struct cell_kind *k, int64_t num, int scale, const char *canon)
{
	struct value v = ok(text, k);

	cr_assert_eq(v.state, VALUE_NUMBER, "\"%s\" is a number", text);
	cr_assert_eq(v.num, num, "\"%s\" -> num %lld, want %lld", text, (long long)v.num, (long long)num);
	cr_assert_eq(v.scale, scale, "\"%s\" -> scale %d, want %d", text, v.scale, scale);
	cr_assert_str_eq(fmt(&v, k), canon, "\"%s\" is written \"%s\"", text, canon);
}

Test(value, fullwidth_digits_are_normalised)
{
	expect_number("１２", &K_COUNT, 12, 0, "12");
	expect_number("０", &K_COUNT, 0, 0, "0");
	expect_number("９８７６５", &K_COUNT, 98765, 0, "98765");
	expect_number("１２．５", &K_MONEY, 125, 1, "12.5");
}

Test(value, thousands_separators_ascii_and_fullwidth)
{
	expect_number("1,234", &K_COUNT, 1234, 0, "1234");
	expect_number("1，234", &K_COUNT, 1234, 0, "1234");
	expect_number("１，２３４", &K_COUNT, 1234, 0, "1234");
	expect_number("12,345,678", &K_COUNT, 12345678, 0, "12345678");
	expect_number("1,234.56", &K_MONEY, 123456, 2, "1234.56");
}

Test(value, misplaced_thousands_separators_refused)
{
	char *err = bad("1,23", &K_COUNT);

	cr_assert_not_null(strstr(err, "\"1,23\""), "message quotes the input: %s", err);
	cr_assert_not_null(strstr(err, "three"), "message explains groups of three: %s", err);
	free(err);
	bad_quoted("1，23", &K_COUNT);
	bad_quoted("1,2345", &K_COUNT);
	bad_quoted(",123", &K_COUNT);
	bad_quoted("1,,234", &K_COUNT);
	bad_quoted("1,234,", &K_COUNT);
	bad_quoted("1,23.5", &K_MONEY);
}

Test(value, separator_after_a_group_of_four_refused)
{
	/* "1234,567" is no thousands grouping: the first group has four digits. */
	bad_quoted("1234,567", &K_COUNT);
	bad_quoted("12345，678", &K_COUNT);
}

Test(value, surrounding_spaces_are_trimmed)
{
	expect_number(" 12", &K_COUNT, 12, 0, "12");
	expect_number("12  ", &K_COUNT, 12, 0, "12");
	expect_number("\t12\t", &K_COUNT, 12, 0, "12");
	expect_number("　12　", &K_COUNT, 12, 0, "12");
	expect_number("\xC2\xA0" "7", &K_COUNT, 7, 0, "7");
	expect_number(" 　１２　 ", &K_COUNT, 12, 0, "12");
	bad_quoted("1 2", &K_COUNT);
	bad_quoted("1　2", &K_COUNT);
}

Test(value, blank_is_blank_not_zero)
{
	const char *blanks[] = { "", "  ", "　", " \t　 " };
	struct value zero = ok("0", &K_COUNT);

	for (size_t i = 0; i < sizeof blanks / sizeof blanks[0]; i++) {
		const struct cell_kind *kinds[] = { &K_COUNT, &K_CHANGE, &K_MONEY, &K_WAN };

		for (size_t j = 0; j < 4; j++) {
			struct value v = ok(blanks[i], kinds[j]);

			cr_assert_eq(v.state, VALUE_BLANK, "\"%s\" is blank (kind %zu)", blanks[i], j);
			cr_assert_str_eq(fmt(&v, kinds[j]), "", "a blank cell is written empty");
			cr_assert_eq(value_fixed(&v), 0, "blank counts as 0 in sums");
			cr_assert_not(value_equal(&v, &zero), "blank is not the same value as 0");
		}
	}
	cr_assert_eq(zero.state, VALUE_NUMBER, "0 is a number");
	cr_assert_str_eq(fmt(&zero, &K_COUNT), "0", "0 is written 0");
}

Test(value, slash_means_not_applicable)
{
	const char *slashes[] = { "/", "／", " / ", "　／　" };
	const struct cell_kind *kinds[] = { &K_COUNT, &K_CHANGE, &K_MONEY, &K_WAN };

	for (size_t i = 0; i < 4; i++)
		for (size_t j = 0; j < 4; j++) {
			struct value v = ok(slashes[i], kinds[j]);

			cr_assert_eq(v.state, VALUE_NA, "\"%s\" is not applicable (kind %zu)", slashes[i], j);
			cr_assert_str_eq(fmt(&v, kinds[j]), "/", "not applicable is written /");
			cr_assert_eq(value_fixed(&v), 0, "/ counts as 0 in sums");
		}
	bad_quoted("//", &K_COUNT);
	bad_quoted("1/2", &K_COUNT);
}

Test(value, signed_change_spellings)
{
	expect_number("增15", &K_CHANGE, 15, 0, "+15");
	expect_number("减3", &K_CHANGE, -3, 0, "-3");
	expect_number("+15", &K_CHANGE, 15, 0, "+15");
	expect_number("-3", &K_CHANGE, -3, 0, "-3");
	expect_number("＋１５", &K_CHANGE, 15, 0, "+15");
	expect_number("－３", &K_CHANGE, -3, 0, "-3");
	expect_number(" 增 2 ", &K_CHANGE, 2, 0, "+2");
	expect_number("+1,036", &K_CHANGE, 1036, 0, "+1036");
	expect_number("15", &K_CHANGE, 15, 0, "+15");
	expect_number("0", &K_CHANGE, 0, 0, "0");
	expect_number("减0", &K_CHANGE, 0, 0, "0");
	bad_quoted("增-3", &K_CHANGE);
	bad_quoted("+-3", &K_CHANGE);
	bad_quoted("1.5", &K_CHANGE);
}

Test(value, change_words_only_in_change_cells)
{
	bad_quoted("增15", &K_COUNT);
	bad_quoted("减3", &K_COUNT);
	bad_quoted("增15", &K_MONEY);
}

Test(value, change_format_round_trips)
{
	const char *in[] = { "增15", "减3", "0", "+7", "-1,000" };

	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		struct value v = ok(in[i], &K_CHANGE), w;
		char canon[64];

		snprintf(canon, sizeof canon, "%s", fmt(&v, &K_CHANGE));
		w = ok(canon, &K_CHANGE);
		cr_assert(value_equal(&v, &w), "\"%s\" -> \"%s\" reads back the same", in[i], canon);
	}
}

Test(value, counts_refuse_decimals_and_letters_quoting_the_input)
{
	char *err = bad("1.5", &K_COUNT);

	cr_assert_not_null(strstr(err, "\"1.5\""), "message quotes the input: %s", err);
	cr_assert_not_null(strstr(err, "whole number"), "message says a count is whole: %s", err);
	free(err);
	bad_quoted("１．５", &K_COUNT);
	bad_quoted("1.0", &K_COUNT);
	bad_quoted("12a", &K_COUNT);
	bad_quoted("abc", &K_COUNT);
	bad_quoted("1e3", &K_COUNT);
	bad_quoted("0x10", &K_COUNT);
	bad_quoted("12件", &K_COUNT);
	bad_quoted("12元", &K_COUNT);
	bad_quoted(".5", &K_COUNT);
	bad_quoted("+", &K_COUNT);
}

Test(value, money_is_exact_fixed_point)
{
	struct value a = ok("0.1", &K_MONEY), b = ok("0.2", &K_MONEY), c = ok("0.3", &K_MONEY);
	int64_t sum = 0;
	char out[64];

	cr_assert_eq(value_fixed(&a) + value_fixed(&b), value_fixed(&c), "0.1 + 0.2 == 0.3 exactly");
	cr_assert_eq(value_fixed(&c), 300000, "0.3 is 300000 units of 10^-6");
	for (int i = 0; i < 10; i++)
		sum += value_fixed(&a);
	cr_assert_eq(sum, 1000000, "ten times 0.1 is exactly 1");
	value_format_fixed(value_fixed(&a) + value_fixed(&b), out, sizeof out);
	cr_assert_str_eq(out, "0.3", "0.1 + 0.2 is written 0.3");
	expect_number("12.50", &K_MONEY, 1250, 2, "12.50");
	expect_number("0.0001", &K_MONEY, 1, 4, "0.0001");
	expect_number("1,234.5678", &K_MONEY, 12345678, 4, "1234.5678");
	cr_assert_eq(value_fixed(&(struct value){ VALUE_NUMBER, 1250, 2, "" }), 12500000, "12.50 -> 12500000");
	bad_quoted("0.1234567", &K_MONEY);
	bad_quoted("1.", &K_MONEY);
	bad_quoted("1.2.3", &K_MONEY);
}

/* A 万元 amount to the fen: 13587.204391 万元 is 135872043.91 元, six decimals. */
Test(value, wan_amount_to_the_fen)
{
	struct value v = ok("13587.204391", &K_WAN), w = ok("0.000001", &K_WAN);
	char out[64];

	cr_assert_eq(v.num, 13587204391LL, "every digit kept, got %lld", (long long)v.num);
	cr_assert_eq(v.scale, 6, "six decimals kept");
	cr_assert_str_eq(fmt(&v, &K_WAN), "13587.204391", "written back exactly");
	cr_assert_eq(value_fixed(&v), 13587204391LL, "13587.204391 in units of 10^-6");
	cr_assert_eq(value_fixed(&v) + value_fixed(&w), 13587204392LL, "sums to the last digit");
	value_format_fixed(value_fixed(&v) + value_fixed(&w), out, sizeof out);
	cr_assert_str_eq(out, "13587.204392", "a computed sum keeps six decimals");
	expect_number("1,234.567891", &K_MONEY, 1234567891LL, 6, "1234.567891");
	bad_quoted("1.0000001", &K_WAN);
}

Test(value, money_unit_kept_in_unit_free_cell)
{
	struct value v = ok("640.492万元", &K_MONEY);

	cr_assert_eq(v.state, VALUE_NUMBER, "640.492万元 is a number");
	cr_assert_eq(v.num, 640492, "num of 640.492万元 is 640492, got %lld", (long long)v.num);
	cr_assert_eq(v.scale, 3, "three decimals kept");
	cr_assert_str_eq(v.unit, "万元", "unit 万元 kept, got \"%s\"", v.unit);
	cr_assert_str_eq(fmt(&v, &K_MONEY), "640.492万元", "written with its unit");
	cr_assert_eq(value_fixed(&v), 640492000, "640.492 exactly");
}

Test(value, money_unit_yuan_and_none_in_unit_free_cell)
{
	struct value v = ok("251000元", &K_MONEY), w = ok("172425", &K_MONEY);

	cr_assert_str_eq(v.unit, "元", "unit 元 kept");
	cr_assert_eq(v.num, 251000, "251000元");
	cr_assert_str_eq(fmt(&v, &K_MONEY), "251000元", "written with its unit");
	cr_assert_str_eq(w.unit, "", "no unit typed, none stored");
	cr_assert_str_eq(fmt(&w, &K_MONEY), "172425", "written without unit");
	cr_assert_not(value_equal(&v, &(struct value){ VALUE_NUMBER, 251000, 0, "" }),
	    "251000元 differs from a unit-less 251000");
}

Test(value, money_in_fixed_wan_cell)
{
	struct value v = ok("12.5", &K_WAN);
	char *err;

	cr_assert_eq(v.num, 125, "12.5 -> 125");
	cr_assert_eq(v.scale, 1, "one decimal");
	cr_assert_str_eq(v.unit, "", "the column fixes the unit: none stored");
	cr_assert_str_eq(fmt(&v, &K_WAN), "12.5", "written 12.5");
	cr_assert_eq(value_fixed(&v), 12500000, "12.5 -> 12500000");
	err = bad("125000元", &K_WAN);
	cr_assert_not_null(strstr(err, "\"125000元\""), "message quotes the input: %s", err);
	cr_assert_not_null(strstr(err, "万元"), "message names the cell's unit: %s", err);
	free(err);
}

Test(value, fixed_wan_cell_accepts_its_own_unit)
{
	struct value v = ok("12.5万元", &K_WAN);

	cr_assert_eq(v.num, 125, "12.5万元 -> 125");
	cr_assert_eq(v.scale, 1, "one decimal");
	cr_assert_str_eq(v.unit, "", "the column's own unit is not stored");
	cr_assert_str_eq(fmt(&v, &K_WAN), "12.5", "written 12.5");
}

Test(value, money_cells_of_the_real_templates)
{
	struct tplset *ts = tl_templates();
	const struct template *t19 = tl_template(ts, "gov-2019"), *t21 = tl_template(ts, "gov-2021");
	const struct cell_kind *k19 = &t19->values[tl_cell(t19, "t2.purchase.amount")].kind;
	const struct cell_kind *k21 = &t21->values[tl_cell(t21, "t2.fee.amount")].kind;
	struct value v;
	char *err = NULL;

	cr_assert_eq(k19->kind, KIND_MONEY, "2019 采购总金额 is money");
	cr_assert_null(k19->unit, "2019 采购总金额 has no fixed unit");
	cr_assert_eq(k21->kind, KIND_MONEY, "2021 本年收费金额 is money");
	cr_assert_str_eq(k21->unit, "万元", "2021 本年收费金额 is in 万元");
	/* cr_expect: a failure here must not skip the cleanup (ASan would report leaks). */
	memset(&v, 0, sizeof v);
	if (value_parse("640.492万元", k19, t19->units, t19->nunits, &v, &err) == 0)
		cr_expect_str_eq(v.unit, "万元", "unit kept");
	else
		cr_expect_fail("640.492万元 in 2019 采购总金额 refused: %s", err);
	free(err);
	err = NULL;
	cr_expect_eq(value_parse("125000元", k21, t21->units, t21->nunits, &v, &err), -1,
	    "125000元 refused in the 万元 column");
	free(err);
	tplset_free(ts);
}

Test(value, too_many_digits_refused)
{
	char *err = bad("1234567890123456", &K_COUNT);

	cr_assert_not_null(strstr(err, "too many digits"), "message says why: %s", err);
	cr_assert_not_null(strstr(err, "\"1234567890123456\""), "message quotes the input: %s", err);
	free(err);
	bad_quoted("1,234,567,890,123,456", &K_COUNT);
	bad_quoted("123456789012.3456", &K_MONEY);
	bad_quoted("+1234567890123456", &K_CHANGE);
	expect_number("123456789012", &K_COUNT, 123456789012LL, 0, "123456789012");
}

Test(value, every_accepted_count_fits_fixed_point)
{
	/* value_fixed multiplies a count by 10^6: the largest count accepted must survive that. */
	const char *big[] = { "999999999999999", "999,999,999,999,999" };

	for (size_t i = 0; i < 2; i++) {
		struct value v;
		char *err = NULL;

		if (value_parse(big[i], &K_COUNT, UNITS, NUNITS, &v, &err) != 0) {
			free(err);
			continue;
		}
		cr_assert_leq(v.num, INT64_MAX / 1000000,
		    "\"%s\" is accepted but value_fixed would overflow int64_t", big[i]);
	}
}

Test(value, invalid_utf8_refused)
{
	const char *in[] = { "\xff", "1\xe4\xb8", "\xc0\xaf", "\xed\xa0\x80", "12\x80", "\xe4\xb8\x80\xff" };

	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		char *err = bad(in[i], &K_COUNT);

		cr_assert_not_null(strstr(err, "UTF-8"), "input %zu: message names UTF-8: %s", i, err);
		free(err);
	}
}

Test(value, parse_error_leaves_previous_value_alone)
{
	struct value v = ok("42", &K_COUNT), keep = v;
	const char *in[] = { "1.5", "x", "1,23", "\xff", "1234567890123456" };

	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		char *err = NULL;

		cr_assert_eq(value_parse(in[i], &K_COUNT, UNITS, NUNITS, &v, &err), -1, "\"%s\" refused", in[i]);
		cr_assert(value_equal(&v, &keep), "the cell still holds 42 after \"%s\"", in[i]);
		free(err);
	}
	v = ok("5", &K_WAN);
	keep = v;
	{
		char *err = NULL;

		cr_assert_eq(value_parse("5元", &K_WAN, UNITS, NUNITS, &v, &err), -1, "5元 refused in 万元");
		cr_assert(value_equal(&v, &keep), "the cell still holds 5 after a unit error");
		free(err);
	}
}

Test(value, format_fixed_has_no_trailing_zeros)
{
	struct { int64_t f; const char *s; } c[] = {
		{ 0, "0" }, { 5000000, "5" }, { 100000, "0.1" }, { -2000000, "-2" },
		{ 640492000, "640.492" }, { 500, "0.0005" }, { -500, "-0.0005" }, { 12500000, "12.5" },
		{ -93100000, "-93.1" }, { 1, "0.000001" }, { 13587204391LL, "13587.204391" },
	};

	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		char out[64];

		value_format_fixed(c[i].f, out, sizeof out);
		cr_assert_str_eq(out, c[i].s, "%lld -> \"%s\", got \"%s\"", (long long)c[i].f, c[i].s, out);
	}
}

Test(value, from_fixed_gives_computed_cells)
{
	struct value v = value_from_fixed(93000000, &K_COUNT);

	cr_assert_eq(v.state, VALUE_NUMBER, "a computed cell is a number");
	cr_assert_eq(v.num, 93, "93000000 -> 93");
	cr_assert_eq(v.scale, 0, "counts have no decimals");
	cr_assert_str_eq(fmt(&v, &K_COUNT), "93", "written 93");
	v = value_from_fixed(-3000000, &K_CHANGE);
	cr_assert_str_eq(fmt(&v, &K_CHANGE), "-3", "a negative change");
	v = value_from_fixed(12500000, &K_MONEY);
	cr_assert_eq(v.num, 125, "12.5");
	cr_assert_eq(v.scale, 1, "one decimal");
	v = value_from_fixed(3000000, &K_MONEY);
	cr_assert_str_eq(fmt(&v, &K_MONEY), "3", "3.000000 is written 3");
	cr_assert_eq(value_fixed(&v), 3000000, "and reads back as 3000000");
	v = value_from_fixed(13587204391LL, &K_WAN);
	cr_assert_str_eq(fmt(&v, &K_WAN), "13587.204391", "a computed amount keeps the fen");
}

Test(value, equal_compares_state_number_and_unit)
{
	struct value a = ok("5", &K_COUNT), b = ok("５", &K_COUNT), n = ok("/", &K_COUNT);
	struct value m1 = ok("5元", &K_MONEY), m2 = ok("5", &K_MONEY);

	cr_assert(value_equal(&a, &b), "5 and ５ are the same value");
	cr_assert_not(value_equal(&a, &n), "5 is not /");
	cr_assert_not(value_equal(&m1, &m2), "5元 and 5 are different amounts");
}

/* The one trim of the utility layer, under the blanks each caller names. */
Test(utf8, trim_cuts_the_named_blanks_at_both_ends_only)
{
	static const char *const blanks[] = { " ", "\t", "\xE3\x80\x80", "\xC2\xA0", NULL };
	const char *text = "\xE3\x80\x80 \t\xC2\xA0" "a\xE3\x80\x80 b" " \xC2\xA0\xE3\x80\x80";
	const char *s = text;
	size_t n = strlen(text);

	utf8_trim(&s, &n, blanks);
	cr_assert_eq(n, 6);
	cr_assert_eq(memcmp(s, "a\xE3\x80\x80 b", n), 0, "blanks inside stay");
	s = "\xE3\x80\x80";
	n = 3;
	utf8_trim(&s, &n, blanks);
	cr_assert_eq(n, 0, "all blank: nothing left");
	s = "x\xE3\x80\x80";
	n = 4;
	utf8_trim(&s, &n, (const char *const[]){ " ", NULL });
	cr_assert_eq(n, 4, "U+3000 is kept unless named");
}

/* What decoding every character finds: the first code point pred holds for,
 * with its offset (invalid bytes are passed one at a time). */
static uint32_t
decoded_first(const char *s, bool (*pred)(uint32_t), size_t *at)
{
	size_t n = strlen(s), i = 0, k;
	uint32_t cp;

	for (; i < n; i += k > 0 ? k : 1)
		if ((k = utf8_decode(s + i, n - i, &cp)) > 0 && pred(cp)) {
			*at = i;
			return cp;
		}
	return 0;
}

/* The scans of bytes that check and the loader use find the same character,
 * at the same place, as decoding every character would, in valid text and in
 * any mixture of the bytes that make or mimic controls and hidden characters. */
Test(utf8, byte_scans_find_what_decoding_finds)
{
	static const unsigned char alphabet[] = {
		'a', ' ', '\t', '\n', '\r', 0x1B, 0x7F, 0xC2, 0x80, 0x85, 0x9F, 0xA0, 0xE2, 0x81,
		0x8B, 0xAA, 0xAE, 0xA6, 0xEF, 0xBB, 0xBF, 0xE4, 0xB8, 0xAD, 0xE3, 0xF0
	};
	uint32_t seed = 12345;
	char s[48];

	cr_assert_eq(utf8_first_control("\xE4\xB8\x85" "a", NULL), 0, "a continuation byte 85 is no C1");
	cr_assert_eq(utf8_first_hidden("\xE4\xB8\xAD\xE2\x80\xAE", NULL), 0x202E);
	for (int round = 0; round < 200000; round++) {
		size_t len = (size_t)(round % 41), at1 = 99, at2 = 99;

		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			/* odd rounds: mostly bytes that hit nothing, so whole words are passed over */
			if (round % 2 == 1 && (seed >> 8) % 16 != 0)
				s[i] = "a\xE4\xB8\xAD"[(seed >> 16) % 4];
			else
				s[i] = (char)alphabet[(seed >> 16) % sizeof alphabet];
		}
		s[len] = '\0';
		cr_assert_eq(utf8_first_control(s, &at1), decoded_first(s, utf8_is_control, &at2),
		    "control in round %d", round);
		cr_assert_eq(at1, at2, "control offset in round %d", round);
		at1 = at2 = 99;
		cr_assert_eq(utf8_first_hidden(s, &at1), decoded_first(s, utf8_is_hidden, &at2),
		    "hidden in round %d", round);
		cr_assert_eq(at1, at2, "hidden offset in round %d", round);
	}
}

/* The fast paths of utf8_invalid_at (ASCII words, CJK sequences) stop where
 * decoding character by character stops: at a NUL or an invalid sequence. */
Test(utf8, invalid_at_agrees_with_decoding)
{
	static const unsigned char alphabet[] = {
		'a', '=', 0, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xE0, 0xE4, 0xB8, 0xAD, 0xED, 0xA0, 0xF0,
		0x90, 0xF4, 0xFF, 0xEE, 0xEF, 0xBC, 0x8C, 0xE1
	};
	uint32_t seed = 777;
	char s[40];

	for (int round = 0; round < 200000; round++) {
		size_t len = (size_t)(round % 37), i = 0, k;

		for (size_t j = 0; j < len; j++) {
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 8) % 4 != 0)	/* mostly ASCII and CJK, as in report files */
				s[j] = "abc=\\xE4\\xB8\\xAD"[(seed >> 16) % 7];
			else
				s[j] = (char)alphabet[(seed >> 16) % sizeof alphabet];
		}
		while (i < len && s[i] != '\0' && (k = utf8_seqlen(s + i, len - i)) > 0)
			i += k;
		cr_assert_eq(utf8_invalid_at(s, len), i, "round %d", round);
	}
}

/* buf_addf formats into the room there is, or grows and formats again: the
 * text is whole whatever its length and whatever room was left. */
Test(buf, addf_whole_at_every_length)
{
	struct buf b = BUF_INIT;
	char want[700], piece[300];
	size_t at = 0;

	for (int n = 0; n < 300; n += 7) {
		memset(piece, 'a' + n % 26, (size_t)n);
		piece[n] = '\0';
		buf_addf(&b, "%d:%s;", n, piece);
		at += (size_t)snprintf(want, sizeof want, "%d:%s;", n, piece);
		cr_assert_eq(b.len, at, "length after %d", n);
		cr_assert_eq(b.data[b.len], '\0');
		cr_assert_str_eq(b.data + b.len - strlen(want), want, "text after %d", n);
	}
	buf_free(&b);
}
