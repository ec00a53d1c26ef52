/*
 * t_store.c - report files: whatever an officer typed reads back byte for
 * byte, a broken file is refused with FILE:LINE and never half-loaded, and a
 * save never loses the previous version of the file.
 *
 * The round-trip property runs T_STORE_ITERATIONS reports (default 10000)
 * from the seed T_STORE_SEED (default below); a failure names the seed and
 * the iteration I, which T_STORE_SEED=S T_STORE_FIRST=I T_STORE_ITERATIONS=I+1
 * replays alone.
 */
#include "nb.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/atomic.h"
#include "lib/buf.h"
#include "lib/utf8.h"
#include "testlib.h"
#include "lib/xalloc.h"

#define DEFAULT_SEED	UINT64_C(0x6E69616E62616F31)	/* "nianbao1" */
#define MAX_LINE	199	/* libinih's 200-byte buffer, with the newline */

/* ---- deterministic generator (splitmix64) ---- */

struct rng {
	uint64_t s;
};

static uint64_t
rng_next(struct rng *g)
{
	uint64_t z = (g->s += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static size_t
rng_below(struct rng *g, size_t n)
{
	return n > 0 ? (size_t)(rng_next(g) % n) : 0;
}

static bool
rng_pct(struct rng *g, unsigned pct)
{
	return rng_below(g, 100) < pct;
}

static uint64_t
env_u64(const char *name, uint64_t dflt)
{
	const char *s = getenv(name);

	return s != NULL && *s != '\0' ? strtoull(s, NULL, 0) : dflt;
}

/* ---- UTF-8, written independently of src/utf8.c so the two check each other ---- */

static void
put_cp(struct buf *b, uint32_t cp)
{
	char o[4];
	size_t n;

	if (cp < 0x80) {
		o[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		o[0] = (char)(0xC0 | cp >> 6), o[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
	} else if (cp < 0x10000) {
		o[0] = (char)(0xE0 | cp >> 12), o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
	} else {
		o[0] = (char)(0xF0 | cp >> 18), o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		o[2] = (char)(0x80 | (cp >> 6 & 0x3F)), o[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
	}
	buf_add(b, o, n);
}

/* Strict: no overlongs, no surrogates, nothing above U+10FFFF, no NUL. */
static bool
utf8_ok(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;

	for (size_t i = 0; i < n;) {
		uint32_t c = s[i], min;
		size_t k;

		if (c == 0)
			return false;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			k = 2, min = 0x80, c &= 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			k = 3, min = 0x800, c &= 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			k = 4, min = 0x10000, c &= 0x07;
		else
			return false;
		if (i + k > n)
			return false;
		for (size_t j = 1; j < k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return false;
			c = c << 6 | (s[i + j] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return false;
		i += k;
	}
	return true;
}

/* ---- random report content ---- */

/*
 * What breaks INI files and naive escapers, as officers could really type or
 * paste it.  Control characters but tab and line breaks are no part of a
 * report (report_check_text refuses them), so they are not generated.
 */
static const char *const tricky[] = {
	" ;", ";", "; ", " ; ", "#", "\n#", "\n;", "=", " = ", "==", ":", "[section]",
	"[end]", "\n[end]\n", "[report]", "\n[cells]\n", "[text s1.intro]", "|", "||", "|x|",
	"%", "%25", "%0A", "%00", "%G1", "%%", "%2", " ", "  ", "\t", "\r", "\r\n", "\n",
	"\n\n", "\n\n\n", "\xE3\x80\x80", "\xE3\x80\x80\xE3\x80\x80", "\xC2\xA0",
	"\xF0\xA0\xAE\xB7", "\xF0\x9F\x98\x80", "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9",
	"\xEF\xBB\xBF", "\xE2\x80\xA8", "\xE2\x80\xAE", "\xE2\x80\x8B", "\xEF\xBC\x9A",
	"\xEF\xBC\x9B", "line = |x|", "more = |y|", "agency+ = ||", "\\", "\"", "'", "\n ",
	"\n\t", "\xE2\x80\x9C\xE4\xB8\x89\xE5\xAE\x89\xE5\x85\xA8\xE2\x80\x9D",
};
#define NTRICKY (sizeof tricky / sizeof tricky[0])

/* Characters an escaper must handle, for long runs. */
static const char *const escapable[] = {
	"%", ";", "#", "\t", "\r", " ", "|", "\xE3\x80\x80", "\xF0\xA0\xAE\xB7", "=",
};
#define NESCAPABLE (sizeof escapable / sizeof escapable[0])

/* Any scalar value except NUL and surrogates, weighted towards CJK. */
static uint32_t
rand_cp(struct rng *g)
{
	static const uint32_t lo[] = { 0x01, 0x80, 0x800, 0xE000, 0x10000, 0x4E00, 0x20000 };
	static const uint32_t hi[] = { 0x7F, 0x7FF, 0xD7FF, 0xFFFF, 0x10FFFF, 0x9FFF, 0x2A6DF };
	uint32_t cp;

	do {
		size_t k = rng_below(g, sizeof lo / sizeof lo[0]);

		cp = lo[k] + (uint32_t)rng_below(g, hi[k] - lo[k] + 1);
	} while (utf8_is_control(cp));
	return cp;
}

static void
gen_word(struct rng *g, struct buf *b)
{
	for (size_t n = 1 + rng_below(g, 12); n > 0; n--)
		buf_addc(b, (char)(0x21 + rng_below(g, 0x7E - 0x21 + 1)));
}

static void
gen_cjk(struct rng *g, struct buf *b)
{
	for (size_t n = 1 + rng_below(g, 40); n > 0; n--)
		put_cp(b, 0x4E00 + (uint32_t)rng_below(g, 0x5200));
	if (rng_pct(g, 50))
		buf_adds(b, rng_pct(g, 50) ? "\xEF\xBC\x8C" : "\xE3\x80\x82");	/* ，。 */
}

static void
gen_run(struct rng *g, struct buf *b)
{
	const char *c = escapable[rng_below(g, NESCAPABLE)];

	for (size_t n = 1 + rng_below(g, 600); n > 0; n--)
		buf_adds(b, c);
}

static void
gen_piece(struct rng *g, struct buf *b)
{
	switch (rng_below(g, 9)) {
	case 0:
	case 1:
		buf_adds(b, tricky[rng_below(g, NTRICKY)]);
		break;
	case 2:
		gen_word(g, b);
		break;
	case 3:
	case 4:
		gen_cjk(g, b);
		break;
	case 5:
		put_cp(b, rand_cp(g));
		break;
	case 6:		/* the control characters a report may hold */
		buf_addc(b, "\t\r\n"[rng_below(g, 3)]);
		break;
	case 7:
		gen_run(g, b);
		break;
	default:
		buf_adds(b, "\xE6\x9C\xAC\xE5\xB9\xB4 2025 ");	/* 本年 */
		break;
	}
}

/* One paragraph of up to 20 KB without a newline: the longest an officer pastes. */
static void
gen_paragraph(struct rng *g, struct buf *b)
{
	size_t target = b->len + 1 + rng_below(g, 20 * 1024);

	while (b->len < target) {
		size_t k = rng_below(g, 4);

		if (k == 0)
			gen_cjk(g, b);
		else if (k == 1)
			buf_adds(b, escapable[rng_below(g, NESCAPABLE)]);
		else if (k == 2)
			gen_word(g, b);
		else
			put_cp(b, 0x10000 + (uint32_t)rng_below(g, 0x100000));
	}
}

static char *
gen_text(struct rng *g, size_t max_pieces)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "");
	if (rng_pct(g, 10))
		buf_adds(&b, rng_pct(g, 50) ? "  " : "\xE3\x80\x80\xE3\x80\x80");
	if (rng_pct(g, 3))
		gen_paragraph(g, &b);
	for (size_t n = rng_below(g, max_pieces + 1); n > 0; n--)
		gen_piece(g, &b);
	if (rng_pct(g, 10))
		buf_adds(&b, rng_pct(g, 50) ? " \t " : "\n");
	return buf_detach(&b);
}

/*
 * The most digits value_parse accepts in a count cell: the limit belongs to
 * value.c, so ask it rather than copy it.
 */
static int
max_digits(const struct template *t)
{
	const struct cell_kind k = { KIND_COUNT, NULL };
	char nines[32] = "9";
	int d = 1;

	for (; d < 18; d++) {
		struct value v;
		char *err = NULL;

		nines[d] = '9';
		if (value_parse(nines, &k, t->units, t->nunits, &v, &err) != 0) {
			free(err);
			break;
		}
	}
	return d;
}

/* A magnitude of at most digits digits, mostly small. */
static int64_t
gen_magnitude(struct rng *g, int digits)
{
	int64_t cap = 1;

	for (int d = rng_pct(g, 25) ? digits : 1 + (int)rng_below(g, 5); d > 0; d--)
		cap *= 10;
	return (int64_t)rng_below(g, (size_t)cap);
}

/* A cell value as value_parse could have produced it. */
static struct value
gen_value(struct rng *g, const struct template *t, const struct cell_kind *k, int digits)
{
	struct value v;

	memset(&v, 0, sizeof v);
	v.state = VALUE_NUMBER;
	if (rng_pct(g, 10)) {
		v.state = VALUE_NA;
		return v;
	}
	v.num = gen_magnitude(g, digits);
	if (rng_pct(g, k->kind == KIND_CHANGE ? 50 : 10))
		v.num = -v.num;
	if (k->kind != KIND_MONEY)
		return v;
	v.scale = (uint8_t)rng_below(g, VALUE_MAX_SCALE + 1);
	if (k->unit == NULL && t->nunits > 0 && rng_pct(g, 60))
		snprintf(v.unit, sizeof v.unit, "%s", t->units[rng_below(g, t->nunits)]);
	return v;
}

static void
set_string(char **field, char *text)
{
	char *err = NULL;

	if (report_set_string(field, text, &err) != 0)
		cr_assert_fail("generated text refused (a bug in this test): %s", err);
	free(text);
}

static void
gen_cells(struct rng *g, struct report *r)
{
	const struct template *t = r->tpl;
	unsigned pct = (unsigned)rng_below(g, 101);
	int digits = max_digits(t);

	for (size_t i = 0; i < t->nvalues; i++)
		if (rng_pct(g, pct))
			r->cells[i] = gen_value(g, t, &t->values[i].kind, digits);
}

static struct report *
gen_report(struct rng *g, const struct template *t)
{
	struct report *r = report_create(t);
	unsigned pct = (unsigned)rng_below(g, 101);

	r->year = 1900 + (int)rng_below(g, 8100);
	r->auto_totals = rng_pct(g, 50);
	set_string(&r->agency, gen_text(g, 4));
	set_string(&r->date, gen_text(g, 3));
	set_string(&r->contact, gen_text(g, 8));
	for (size_t p = 0; p < t->nparts; p++)
		if (rng_pct(g, pct))
			set_string(&r->texts[p], gen_text(g, 40));
	gen_cells(g, r);
	return r;
}

/* ---- round-trip checks ---- */

static size_t
first_diff(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0;

	while (i < an && i < bn && a[i] == b[i])
		i++;
	return i;
}

/* Everything reported, one "FILE:LINE: message" a line, for failure messages
 * (a static buffer: a failed assertion leaves the test before anything is freed). */
static const char *
diag_text(const struct diag_list *dl)
{
	static char out[8192];
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < dl->n && used < sizeof out; i++)
		used += (size_t)snprintf(out + used, sizeof out - used, "  %s:%d: %s\n",
		    dl->v[i].file != NULL ? dl->v[i].file : "(none)", dl->v[i].line, dl->v[i].msg);
	if (dl->n == 0)
		snprintf(out, sizeof out, "  (nothing reported)\n");
	return out;
}

/* Keep the file that failed, so the failure can be looked at with an editor. */
static const char *
keep_failed(const struct buf *f)
{
	static char path[64];
	FILE *fp;

	snprintf(path, sizeof path, "/tmp/t_store-failed.%ld.nb", (long)getpid());
	if ((fp = fopen(path, "wb")) == NULL)
		return "(could not be kept)";
	fwrite(f->data, 1, f->len, fp);
	fclose(fp);
	return path;
}

/* Bytes the first character of a continued text's chunk takes: 3 as an escape, else its UTF-8. */
static size_t
first_unit(const char *chunk)
{
	unsigned char c = (unsigned char)chunk[0];

	return c == '%' ? 3 : c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/*
 * A text's chunk that a "more" line continues is full: its next character
 * would not have fitted.  Saving fills each line, so that the same text is
 * always cut at the same places and a file saved again is the same file.
 */
static void
check_full(size_t n, const char *next, size_t left, size_t no, const char *what,
    const struct buf *f)
{
	static const char more[] = "more = |";

	if (left <= sizeof more || strncmp(next, more, sizeof more - 1) != 0 || next[sizeof more - 1] == '|')
		return;
	if (n + first_unit(next + sizeof more - 1) <= MAX_LINE)
		cr_assert_fail("%s: line %zu (%zu bytes) ends its chunk before \"%.*s\", which fits (kept in %s)",
		    what, no, n, (int)first_unit(next + sizeof more - 1), next + sizeof more - 1, keep_failed(f));
}

static void
check_lines(const struct buf *f, const char *what)
{
	size_t at = 0, no = 1;

	if (f->len == 0 || f->data[f->len - 1] != '\n')
		cr_assert_fail("%s: the file does not end with a newline (kept in %s)", what,
		    keep_failed(f));
	for (; at < f->len; no++) {
		const char *s = f->data + at, *nl = memchr(s, '\n', f->len - at);
		size_t n = (size_t)(nl - s) + 1;

		if (n > MAX_LINE)
			cr_assert_fail("%s: line %zu is %zu bytes with its newline; libinih reads "
			    "at most %d and would split it (kept in %s)", what, no, n, MAX_LINE,
			    keep_failed(f));
		if (!utf8_ok(s, n - 1))
			cr_assert_fail("%s: line %zu is not valid UTF-8 (kept in %s)", what, no,
			    keep_failed(f));
		check_full(n, s + n, f->len - at - n, no, what, f);
		at += n;
	}
}

static void
check_string(const char *name, const char *want, const char *got, const char *what)
{
	size_t wn = strlen(want), gn = strlen(got);

	if (wn != gn || memcmp(want, got, wn) != 0)
		cr_assert_fail("%s: %s reads back changed: %zu bytes saved, %zu read, first "
		    "difference at byte %zu", what, name, wn, gn, first_diff(want, wn, got, gn));
}

static void
check_cells(const struct report *a, const struct report *b, const char *what)
{
	const struct template *t = a->tpl;
	char va[64], vb[64];

	for (size_t i = 0; i < t->nvalues; i++) {
		if (value_equal(&a->cells[i], &b->cells[i]))
			continue;
		value_format(&a->cells[i], &t->values[i].kind, va, sizeof va);
		value_format(&b->cells[i], &t->values[i].kind, vb, sizeof vb);
		cr_assert_fail("%s: cell %s was saved as \"%s\" but reads back as \"%s\"", what,
		    t->values[i].id, va, vb);
	}
}

static void
check_same(const struct report *a, const struct report *b, const char *what)
{
	const struct template *t = a->tpl;

	cr_assert_eq(b->tpl, t, "%s: the report came back with template %s, not %s", what,
	    b->tpl->id, t->id);
	cr_assert_eq(b->year, a->year, "%s: year %d reads back as %d", what, a->year, b->year);
	cr_assert_eq(b->auto_totals, a->auto_totals, "%s: auto_totals changed", what);
	check_string("the agency", a->agency, b->agency, what);
	check_string("the date", a->date, b->date, what);
	check_string("the contact", a->contact, b->contact, what);
	for (size_t p = 0; p < t->nparts; p++)
		check_string(t->parts[p].id, a->texts[p], b->texts[p], what);
	check_cells(a, b, what);
}

/* serialize -> load -> serialize: same bytes, same report, lines libinih can read. */
static void
check_roundtrip(struct tplset *ts, const struct report *r, const char *what)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	struct report *back;

	store_serialize(r, &a);
	check_lines(&a, what);
	back = store_load_mem("roundtrip.nb", a.data, a.len, ts, &dl);
	if (back == NULL)
		cr_assert_fail("%s: the saved file does not load (kept in %s):\n%s", what,
		    keep_failed(&a), diag_text(&dl));
	check_same(r, back, what);
	store_serialize(back, &b);
	if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
		cr_assert_fail("%s: saving the loaded report gives other bytes (first difference "
		    "at byte %zu; kept in %s)", what, first_diff(a.data, a.len, b.data, b.len),
		    keep_failed(&a));
	report_free(back);
	buf_free(&a);
	buf_free(&b);
	diag_list_free(&dl);
}

Test(roundtrip, ten_thousand_random_reports_read_back_byte_for_byte, .timeout = 600)
{
	struct tplset *ts = tl_templates();
	const struct template *t[2] = { tl_template(ts, "gov-2021"), tl_template(ts, "gov-2019") };
	uint64_t seed = env_u64("T_STORE_SEED", DEFAULT_SEED);
	uint64_t n = env_u64("T_STORE_ITERATIONS", 10000);

	for (uint64_t i = env_u64("T_STORE_FIRST", 0); i < n; i++) {
		struct rng g = { seed ^ (i * UINT64_C(0xD1B54A32D192ED03)) };
		struct report *r = gen_report(&g, t[rng_below(&g, 2)]);
		char what[96];

		snprintf(what, sizeof what, "seed 0x%016" PRIx64 " iteration %" PRIu64 " (%s)",
		    seed, i, r->tpl->id);
		check_roundtrip(ts, r, what);
		report_free(r);
	}
	tplset_free(ts);
}

/* Texts at the codec's edges: chunk boundaries, split characters, empty lines. */
static const char *
edge_text(size_t k, struct buf *b)
{
	static const char *const fixed[] = {
		"", "\n", "\n\n", "a\n", "\na", " ", "\xE3\x80\x80", "\t", "\r", "\r\n", "|", "||",
		"%", "%25", "%0A", ";", " ;x", "#", "#x\n#y", "[end]", "\n[end]\n", "a = b", " x ",
	};
	static const char *const fill[] = { "a", "%", "\xE4\xB8\xAD", "\xF0\xA0\xAE\xB7" };

	buf_reset(b);
	if (k < sizeof fixed / sizeof fixed[0]) {
		buf_adds(b, fixed[k]);
		return b->data;
	}
	k -= sizeof fixed / sizeof fixed[0];
	/* lengths around one "line = |...|" chunk (189 bytes encoded) and two */
	for (size_t n = 0; n < 50 + k % 150; n++)
		buf_adds(b, fill[k / 150 % 4]);
	if (k >= 600)
		buf_adds(b, "\xF0\x9F\x98\x80");
	return k < 1200 ? b->data : NULL;
}

Test(roundtrip, texts_at_chunk_boundaries_read_back_exactly)
{
	struct tplset *ts = tl_templates();
	const struct template *t = tl_template(ts, "gov-2021");
	int part = template_part(t, "s1.intro");
	struct buf b = BUF_INIT;
	const char *s;

	cr_assert_geq(part, 0, "gov-2021 has no part s1.intro");
	for (size_t k = 0; (s = edge_text(k, &b)) != NULL; k++) {
		struct report *r = report_create(t);
		char what[64];

		snprintf(what, sizeof what, "edge text %zu (%zu bytes)", k, strlen(s));
		set_string(&r->texts[part], xstrdup(s));
		set_string(&r->agency, xstrdup(s));
		r->year = 2025;
		check_roundtrip(ts, r, what);
		report_free(r);
	}
	buf_free(&b);
	tplset_free(ts);
}

/* Reports for the tests below: fixed content, different per seed. */
static struct report *
sample_report(struct tplset *ts, const char *tpl, uint64_t seed)
{
	struct rng g = { seed };

	return gen_report(&g, tl_template(ts, tpl));
}

static void
serialize(const struct report *r, struct buf *out)
{
	buf_reset(out);
	store_serialize(r, out);
}

static void
expect_loads_as(struct tplset *ts, const char *data, size_t len, const struct buf *want,
    const char *what)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct report *r = store_load_mem("edited.nb", data, len, ts, &dl);
	struct buf got = BUF_INIT;

	if (r == NULL)
		cr_assert_fail("%s: the file no longer loads:\n%s", what, diag_text(&dl));
	serialize(r, &got);
	cr_assert(got.len == want->len && memcmp(got.data, want->data, got.len) == 0,
	    "%s: the report read differs from the one saved (byte %zu)", what,
	    first_diff(got.data, got.len, want->data, want->len));
	report_free(r);
	buf_free(&got);
	diag_list_free(&dl);
}

/* Notepad saves with CRLF and a byte-order mark; the report must survive that. */
Test(roundtrip, windows_line_ends_and_bom_read_back_the_same)
{
	struct tplset *ts = tl_templates();
	struct report *r = sample_report(ts, "gov-2019", 7);
	struct buf lf = BUF_INIT, crlf = BUF_INIT;

	serialize(r, &lf);
	buf_adds(&crlf, "\xEF\xBB\xBF");
	for (size_t i = 0; i < lf.len; i++)
		buf_adds(&crlf, lf.data[i] == '\n' ? "\r\n" : (char[2]){ lf.data[i], 0 });
	expect_loads_as(ts, crlf.data, crlf.len, &lf, "CRLF with BOM");
	report_free(r);
	buf_free(&lf);
	buf_free(&crlf);
	tplset_free(ts);
}

/* Editors add blank lines and people add notes; neither is a change to the report. */
Test(roundtrip, blank_lines_and_comments_after_end_are_harmless)
{
	struct tplset *ts = tl_templates();
	struct report *r = sample_report(ts, "gov-2021", 11);
	struct buf b = BUF_INIT, edited = BUF_INIT;

	serialize(r, &b);
	buf_add(&edited, b.data, b.len);
	buf_adds(&edited, "\n\n; checked by 政务公开办\n# ok\n   \n");
	expect_loads_as(ts, edited.data, edited.len, &b, "notes after [end]");
	report_free(r);
	buf_free(&b);
	buf_free(&edited);
	tplset_free(ts);
}

/* b with note appended to the first line that begins with prefix (the line's own text kept). */
static void
note_after_line(struct buf *b, const char *prefix, const char *note)
{
	char *at = strstr(b->data, prefix), *eol;
	struct buf out = BUF_INIT;

	cr_assert_not_null(at, "the saved file has a line \"%s\"", prefix);
	eol = strchr(at, '\n');
	buf_add(&out, b->data, (size_t)(eol - b->data));
	buf_adds(&out, note);
	buf_adds(&out, eol);
	buf_reset(b);
	buf_add(b, out.data, out.len);
	buf_free(&out);
}

/*
 * A note typed after a value by hand, "52 ; 已核对", is a comment, as libinih
 * reads one (nianbao(5)): the values are those saved, whether the file has
 * such a note (libinih looks for comments in every value) or only comment
 * lines holding " ;" (it need not look).
 */
Test(roundtrip, notes_after_values_are_comments)
{
	struct tplset *ts = tl_templates();
	struct report *r = tl_load_example(ts, "demo-2025.nb");
	struct buf b = BUF_INIT, edited = BUF_INIT;

	serialize(r, &b);
	buf_add(&edited, b.data, b.len);
	note_after_line(&edited, "; nianbao report file", " ; a comment line ; with notes");
	expect_loads_as(ts, edited.data, edited.len, &b, "comment lines holding \" ;\"");
	note_after_line(&edited, "\nt3.new.person = ", " ; 已核对");
	note_after_line(&edited, "\nyear = ", "\t;checked");
	note_after_line(&edited, "\nline = |", "  ; 第一段");
	expect_loads_as(ts, edited.data, edited.len, &b, "notes after a cell, the year and a text line");
	expect_loads_as(ts, b.data, b.len, &b, "the file as saved, read after one with notes");
	report_free(r);
	buf_free(&b);
	buf_free(&edited);
	tplset_free(ts);
}

/* Comment lines full of " ;" are looked through once each: a 16 MB one is
 * refused as too long at once, not after a walk back for every ';'. */
Test(malformed, long_comment_line_of_semicolons_is_refused_without_a_hang, .timeout = 60)
{
	struct tplset *ts = tl_templates();
	struct buf b = BUF_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	struct report *r;

	buf_adds(&b, ";");
	for (int i = 0; i < 8 * 1024 * 1024; i++)
		buf_adds(&b, " ;");
	buf_adds(&b, "\n");
	r = store_load_mem("long.nb", b.data, b.len, ts, &dl);
	cr_assert_null(r, "a 16 MB line is no report");
	cr_assert_not_null(strstr(diag_text(&dl), "long.nb:1:"), "the error names line 1: %s", diag_text(&dl));
	buf_free(&b);
	diag_list_free(&dl);
	tplset_free(ts);
}

/* A ';' with no space before it is no comment: "52;x" is not a number. */
Test(malformed, semicolon_without_a_space_is_part_of_the_value)
{
	struct tplset *ts = tl_templates();
	struct report *r = tl_load_example(ts, "demo-2025.nb");
	struct buf b = BUF_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	struct report *back;
	char *at;

	serialize(r, &b);
	note_after_line(&b, "\nt3.new.person = ", ";x");
	back = store_load_mem("semi.nb", b.data, b.len, ts, &dl);
	cr_assert_null(back, "\"N;x\" is refused");
	at = strstr(diag_text(&dl), "semi.nb:");
	cr_assert_not_null(at, "the error names the file and line: %s", diag_text(&dl));
	report_free(r);
	buf_free(&b);
	diag_list_free(&dl);
	tplset_free(ts);
}

/*
 * gov-2019 leaves the purchase amount's unit to the officer; 万元 is the
 * usual one and must survive a save (value.c tries the units in template
 * order, and 元 is a suffix of 万元).
 */
Test(roundtrip, gov2019_purchase_amount_in_wanyuan_reads_back)
{
	struct tplset *ts = tl_templates();
	const struct template *t = tl_template(ts, "gov-2019");
	struct report *r = report_create(t);
	int c = tl_cell(t, "t2.purchase.amount");

	r->year = 2020;
	r->cells[c].state = VALUE_NUMBER;
	r->cells[c].num = 1250;
	r->cells[c].scale = 2;
	snprintf(r->cells[c].unit, sizeof r->cells[c].unit, "%s", "万元");
	check_roundtrip(ts, r, "t2.purchase.amount = 12.50万元");
	report_free(r);
	tplset_free(ts);
}

/* ---- malformed files ---- */

/* Lines 1-4 of every hand-written file below. */
#define HEAD "[report]\ntemplate = gov-2021\nformat = 1\nyear = 2025\n"
#define END "[end]\n"

struct want {
	const char *msg;	/* substring of the English message */
	int line;		/* 0: the problem has no line */
};

static bool
has_diag(const struct diag_list *dl, const struct want *w)
{
	for (size_t i = 0; i < dl->n; i++)
		if (strstr(dl->v[i].msg, w->msg) != NULL && dl->v[i].line == w->line)
			return true;
	return false;
}

static struct diag_list
load_bad(const char *data, size_t len)
{
	struct tplset *ts = tl_templates();
	struct diag_list dl = DIAG_LIST_INIT;
	struct report *r = store_load_mem("bad.nb", data, len, ts, &dl);

	cr_assert_null(r, "a broken file was loaded (a half-loaded report could be saved over "
	    "the officer's file); reported:\n%s", diag_text(&dl));
	cr_assert_gt(dl.n, 0, "the load failed without saying why");
	for (size_t i = 0; i < dl.n; i++)
		cr_assert(dl.v[i].file != NULL && strcmp(dl.v[i].file, "bad.nb") == 0,
		    "the message \"%s\" does not name the file", dl.v[i].msg);
	tplset_free(ts);
	return dl;
}

/* The file must be refused with every problem in w[0..n-1] reported at its line. */
static void
refused_n(const char *data, size_t len, const struct want *w, size_t n)
{
	struct diag_list dl = load_bad(data, len);

	for (size_t i = 0; i < n; i++)
		cr_expect(has_diag(&dl, &w[i]), "expected \"%s\" at line %d; reported:\n%s",
		    w[i].msg, w[i].line, diag_text(&dl));
	diag_list_free(&dl);
}

static void
refused(const char *data, size_t len, const char *msg, int line)
{
	struct want w = { msg, line };

	refused_n(data, len, &w, 1);
}

#define REFUSED(text, msg, line) refused(text, sizeof(text) - 1, msg, line)

Test(malformed, file_without_end_line_is_incomplete)
{
	REFUSED(HEAD "[cells]\nt3.new.person = 5\n",
	    "the file is incomplete (no [end] line)", 0);
}

/* A copy cut off inside a text value: the officer must learn that the file is cut. */
Test(malformed, file_cut_inside_a_text_value_is_incomplete)
{
	static const char f[] = HEAD "[text s1.intro]\nline = |第一段|\nmore = |本年度收到";
	static const struct want w[] = {
		{ "text must be written between two | characters", 7 },
		{ "the file is incomplete (no [end] line)", 0 },
	};

	refused_n(f, sizeof f - 1, w, 2);
}

Test(malformed, unknown_template_id)
{
	REFUSED("[report]\ntemplate = gov-1999\nformat = 1\nyear = 2025\n" END,
	    "unknown template \"gov-1999\"", 2);
}

Test(malformed, template_is_not_the_first_key)
{
	REFUSED("[report]\nyear = 2025\ntemplate = gov-2021\nformat = 1\n" END,
	    "\"template\" must be the first key of [report]", 2);
}

Test(malformed, duplicate_key_in_report)
{
	REFUSED(HEAD "year = 2024\n" END, "key \"year\" appears twice in this section", 5);
}

Test(malformed, duplicate_agency_in_report)
{
	REFUSED(HEAD "agency = |甲局|\nagency = |乙局|\n" END,
	    "key \"agency\" appears twice in this section", 6);
}

Test(malformed, duplicate_cell_key)
{
	REFUSED(HEAD "[cells]\nt3.new.person = 5\nt3.new.person = 6\n" END,
	    "key \"t3.new.person\" appears twice in this section", 7);
}

Test(malformed, duplicate_cells_section)
{
	REFUSED(HEAD "[cells]\nt3.new.person = 5\n[cells]\nt3.new.total = 5\n" END,
	    "section [cells] appears twice", 7);
}

Test(malformed, duplicate_text_section)
{
	REFUSED(HEAD "[text s1.intro]\nline = |a|\n[text s1.intro]\nline = |b|\n" END,
	    "section [text s1.intro] appears twice", 7);
}

Test(malformed, bad_number_in_a_cell)
{
	REFUSED(HEAD "[cells]\nt3.new.person = 12a\n" END,
	    "cell t3.new.person: \"12a\" is not a number", 6);
}

Test(malformed, count_with_decimals)
{
	REFUSED(HEAD "[cells]\nt3.new.person = 1.5\n" END,
	    "cell t3.new.person: \"1.5\": a count is a whole number, without decimals", 6);
}

Test(malformed, unknown_cell_id)
{
	REFUSED(HEAD "[cells]\nt3.new.person = 1\nt9.nothing.here = 1\n" END,
	    "template gov-2021 has no cell \"t9.nothing.here\"", 7);
}

Test(malformed, unknown_key_in_report)
{
	REFUSED(HEAD "author = |张三|\n" END, "unknown key \"author\" in [report]", 5);
}

Test(malformed, unknown_section)
{
	REFUSED(HEAD "[tables]\n" END, "unknown section [tables]", 5);
}

Test(malformed, unknown_part_in_text_section)
{
	REFUSED(HEAD "[text s9.body]\nline = |x|\n" END,
	    "template gov-2021 has no text part \"s9.body\"", 5);
}

Test(malformed, more_line_without_line)
{
	REFUSED(HEAD "[text s1.intro]\nmore = |x|\n" END, "\"more\" must follow a \"line\"", 6);
}

Test(malformed, unknown_key_in_text_section)
{
	REFUSED(HEAD "[text s1.intro]\nlines = |x|\n" END,
	    "unknown key \"lines\" in a text section", 6);
}

Test(malformed, continuation_of_a_metadata_field_out_of_place)
{
	REFUSED(HEAD "agency = |甲|\nauto_totals = no\nagency+ = |乙|\n" END,
	    "\"agency+\" must follow the \"agency\" line", 7);
}

Test(malformed, bad_year_and_auto_totals)
{
	static const char f[] = "[report]\ntemplate = gov-2021\nformat = 1\nyear = 二〇二五\n"
	    "auto_totals = maybe\n" END;
	static const struct want w[] = {
		{ "year must be a number like 2025, not \"二〇二五\"", 4 },
		{ "auto_totals must be yes or no", 5 },
	};

	refused_n(f, sizeof f - 1, w, 2);
}

Test(malformed, invalid_utf8_bytes)
{
	static const char f[] = HEAD "agency = |\xFF\xFE|\ndate = |\xC0\xAF|\n"
	    "contact = |\xED\xA0\x80|\n" END;
	static const struct want w[] = {
		{ "line is not valid UTF-8 (byte 11)", 5 },	/* stray bytes */
		{ "line is not valid UTF-8 (byte 9)", 6 },	/* overlong '/' */
		{ "line is not valid UTF-8 (byte 12)", 7 },	/* a surrogate */
	};

	refused_n(f, sizeof f - 1, w, 3);
}

/* The commonest real case: a file re-saved by a Windows editor in GBK. */
Test(malformed, gbk_encoded_file)
{
	REFUSED(HEAD "agency = |\xB2\xE2\xCA\xD4|\n" END,	/* 测试 in GBK */
	    "line is not valid UTF-8 (byte 11); if the file is in GBK or GB18030, convert it "
	    "to UTF-8 first", 5);
}

/* A 10 MB line must be refused, and line counting must go on correctly after it. */
Test(malformed, ten_megabyte_line)
{
	struct buf b = BUF_INIT;
	char *big = xmalloc(10 << 20);
	static const struct want w[] = {
		{ "line is too long (10485772 bytes; at most 199)", 5 },
		{ "unknown key \"colour\" in [report]", 6 },
	};

	memset(big, 'x', 10 << 20);
	buf_adds(&b, HEAD "agency = |");
	buf_add(&b, big, 10 << 20);
	buf_adds(&b, "|\ncolour = |red|\n" END);
	refused_n(b.data, b.len, w, 2);
	free(big);
	buf_free(&b);
}

Test(malformed, nul_bytes)
{
	REFUSED(HEAD "agency = |a\0b|\n" END, "line contains a NUL byte", 5);
}

Test(malformed, nul_byte_at_the_start)
{
	REFUSED("\0" HEAD END, "line contains a NUL byte", 1);
}

Test(malformed, metadata_without_bars)
{
	REFUSED(HEAD "agency = 测试局\n" END, "text must be written between two | characters", 5);
}

Test(malformed, text_line_without_bars)
{
	REFUSED(HEAD "[text s1.intro]\nline = 本年度\n" END,
	    "text must be written between two | characters", 6);
}

Test(malformed, text_with_only_an_opening_bar)
{
	REFUSED(HEAD "[text s1.intro]\nline = |\n" END,
	    "text must be written between two | characters", 6);
}

Test(malformed, bad_percent_escapes)
{
	static const char f[] = HEAD "[text s1.intro]\nline = |a%G1|\nline = |a%0|\n"
	    "line = |50%|\nline = |%4|\n" END;
	static const struct want w[] = {
		{ "bad %-escape in text (expected %XX with two hex digits)", 6 },
		{ "bad %-escape in text (expected %XX with two hex digits)", 7 },
		{ "bad %-escape in text (expected %XX with two hex digits)", 8 },
		{ "bad %-escape in text (expected %XX with two hex digits)", 9 },
	};

	refused_n(f, sizeof f - 1, w, 4);
}

Test(malformed, percent_00_is_a_nul)
{
	REFUSED(HEAD "[text s1.intro]\nline = |a%00b|\n" END, "text contains a NUL byte (%00)", 6);
}

/*
 * Escapes that decode to invalid UTF-8 can only be found once the text is
 * put together; the message must still point into the file (store.h
 * promises FILE:LINE), not at line 0.
 */
Test(malformed, escapes_decoding_to_invalid_utf8_name_their_line)
{
	static const char f[] = HEAD "[text s1.intro]\nline = |ok|\nline = |%FF%FE|\n" END;
	struct diag_list dl = load_bad(f, sizeof f - 1);
	bool found = false;

	for (size_t i = 0; i < dl.n; i++) {
		if (strstr(dl.v[i].msg, "the text is not valid UTF-8") == NULL)
			continue;
		found = true;
		cr_expect(dl.v[i].line >= 5 && dl.v[i].line <= 7, "\"%s\" is reported at line %d, "
		    "not at the text (lines 5-7)", dl.v[i].msg, dl.v[i].line);
	}
	cr_assert(found, "no message about invalid UTF-8 text; reported:\n%s", diag_text(&dl));
	diag_list_free(&dl);
}

Test(malformed, metadata_escapes_decoding_to_invalid_utf8_name_their_line)
{
	static const char f[] = HEAD "agency = |%E6%B5|\n" END;

	REFUSED(f, "agency: the text is not valid UTF-8", 5);
}

Test(malformed, line_starting_with_spaces)
{
	static const char f[] = HEAD "  agency = |x|\n[cells]\n\tt3.new.person = 5\n" END;
	static const struct want w[] = {
		{ "line starts with spaces", 5 },
		{ "line starts with spaces", 7 },
	};

	refused_n(f, sizeof f - 1, w, 2);
}

Test(malformed, key_after_end)
{
	REFUSED(HEAD END "t3.new.person = 5\n", "nothing may follow the [end] line", 6);
}

Test(malformed, section_after_end)
{
	REFUSED(HEAD END "[cells]\nt3.new.person = 5\n", "nothing may follow the [end] line", 6);
}

Test(malformed, cells_before_report)
{
	REFUSED("[cells]\nt3.new.person = 5\n" HEAD END,
	    "the file must begin with a [report] section naming its template", 1);
}

Test(malformed, key_outside_any_section)
{
	REFUSED("year = 2025\n" HEAD END, "key \"year\" outside any section", 1);
}

Test(malformed, missing_year)
{
	REFUSED("[report]\ntemplate = gov-2021\nformat = 1\nagency = |x|\n" END,
	    "[report] needs format and year", 1);
}

Test(malformed, missing_format)
{
	REFUSED("; a note\n[report]\ntemplate = gov-2021\nyear = 2025\n" END,
	    "[report] needs format and year", 2);
}

Test(malformed, format_2_from_a_newer_nianbao)
{
	REFUSED("[report]\ntemplate = gov-2021\nformat = 2\nyear = 2025\n" END,
	    "file format 2 is not supported by this version of nianbao (it reads format 1)", 3);
}

Test(malformed, empty_file)
{
	refused("", 0, "not a nianbao report: no [report] section with a template", 0);
}

Test(malformed, only_comments_and_blank_lines)
{
	REFUSED("; nianbao report file\n\n# nothing here\n\n",
	    "not a nianbao report: no [report] section with a template", 0);
}

Test(malformed, section_line_without_closing_bracket)
{
	REFUSED(HEAD "[cells\n" END, "section line without a closing ']'", 5);
}

Test(malformed, line_that_is_neither_key_nor_section)
{
	REFUSED(HEAD "本年度未收到申请\n" END, "expected \"key = value\" or \"[section]\"", 5);
}

/* A PNG renamed to .nb: refused line by line, not crashed on. */
Test(malformed, binary_blob_png)
{
	static const char png[] = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06"
	    "\0\0\0\x1F\xF3\xFF\x61\0\0\0\x01sRGB\0\xAE\xCE\x1C\xE9";
	static const struct want w[] = {
		{ "line is not valid UTF-8 (byte 1)", 1 },
		{ "expected \"key = value\" or \"[section]\"", 2 },
		{ "line contains a NUL byte", 3 },
	};

	refused_n(png, sizeof png - 1, w, 3);
}

Test(malformed, binary_blob_random_bytes)
{
	struct rng g = { 42 };
	char blob[64 * 1024];
	struct diag_list dl;

	for (size_t i = 0; i < sizeof blob; i++)
		blob[i] = (char)rng_next(&g);
	dl = load_bad(blob, sizeof blob);
	diag_list_free(&dl);
}

/* One run must show the officer every problem, each at its own line. */
Test(malformed, several_problems_are_all_reported)
{
	static const char f[] = HEAD
	    "colour = |red|\n"			/* 5 */
	    "[cells]\n"
	    "t3.new.person = 12a\n"		/* 7 */
	    "t9.x = 1\n"			/* 8 */
	    "t3.new.total = 5\n"
	    "[text s1.intro]\n"
	    "line = |a%G1|\n"			/* 11 */
	    "  more = |x|\n"			/* 12 */
	    "line = |\xFF|\n"			/* 13 */
	    "line = |fine|\n"
	    "[text s1.intro]\n"			/* 15 */
	    END;
	static const struct want w[] = {
		{ "unknown key \"colour\" in [report]", 5 },
		{ "cell t3.new.person: \"12a\" is not a number", 7 },
		{ "template gov-2021 has no cell \"t9.x\"", 8 },
		{ "bad %-escape in text", 11 },
		{ "line starts with spaces", 12 },
		{ "line is not valid UTF-8", 13 },
		{ "section [text s1.intro] appears twice", 15 },
	};

	refused_n(f, sizeof f - 1, w, sizeof w / sizeof w[0]);
}

/* A good file with one bad cell among many is refused whole, naming that cell's line. */
Test(malformed, one_bad_cell_refuses_the_whole_file)
{
	struct tplset *ts = tl_templates();
	struct report *r = sample_report(ts, "gov-2021", 3);
	struct buf b = BUF_INIT, bad = BUF_INIT;
	size_t filled = 0, at;
	int line = 1;
	char *cells;

	r->cells[tl_cell(r->tpl, "t3.new.person")].state = VALUE_BLANK;
	for (size_t i = 0; i < r->tpl->nvalues; i++)
		filled += r->cells[i].state != VALUE_BLANK;
	cr_assert_gt(filled, 20, "the sample report should have many good cells");
	serialize(r, &b);
	cr_assert_not_null(cells = strstr(b.data, "\n[cells]\n"), "no [cells] section");
	at = (size_t)(cells - b.data) + 9;
	for (size_t i = 0; i < at; i++)
		line += b.data[i] == '\n';
	buf_add(&bad, b.data, at);
	buf_adds(&bad, "t3.new.person = 12a\n");
	buf_adds(&bad, b.data + at);
	refused(bad.data, bad.len, "cell t3.new.person: \"12a\" is not a number", line);
	report_free(r);
	buf_free(&b);
	buf_free(&bad);
	tplset_free(ts);
}

/* ---- saving ---- */

static char *
path_in(const char *dir, const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void
write_file(const char *path, const struct buf *b)
{
	FILE *fp = fopen(path, "wb");

	cr_assert_not_null(fp, "cannot write %s: %s", path, strerror(errno));
	cr_assert_eq(fwrite(b->data, 1, b->len, fp), b->len, "short write to %s", path);
	cr_assert_eq(fclose(fp), 0, "cannot write %s", path);
}

/* The file's bytes in out; false if it does not exist. */
static bool
read_file(const char *path, struct buf *out)
{
	FILE *fp = fopen(path, "rb");
	char chunk[65536];
	size_t n;

	buf_reset(out);
	buf_adds(out, "");
	if (fp == NULL)
		return false;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_add(out, chunk, n);
	fclose(fp);
	return true;
}

/* Non-fatal, so that a failing save test still cleans up (and ASan stays quiet). */
static void
expect_bytes(const char *path, const struct buf *want, const char *what)
{
	struct buf got = BUF_INIT;

	if (!read_file(path, &got))
		cr_expect_fail("%s: %s does not exist", what, path);
	else
		cr_expect(got.len == want->len && memcmp(got.data, want->data, got.len) == 0,
		    "%s: %s has %zu bytes that differ from the %zu expected (from byte %zu)", what,
		    path, got.len, want->len, first_diff(got.data, got.len, want->data, want->len));
	buf_free(&got);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The directory's entries, sorted and space-separated: leftovers show up here. */
static char *
listing(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *names[64];
	size_t n = 0;
	struct buf b = BUF_INIT;

	cr_assert_not_null(d, "cannot list %s", dir);
	while ((e = readdir(d)) != NULL && n < 64)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			names[n++] = xstrdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof *names, cmp_names);
	buf_adds(&b, "");
	for (size_t i = 0; i < n; i++) {
		buf_addf(&b, "%s%s", i > 0 ? " " : "", names[i]);
		free(names[i]);
	}
	return buf_detach(&b);
}

static void
expect_listing(const char *dir, const char *want, const char *what)
{
	char *got = listing(dir);

	cr_expect_str_eq(got, want, "%s: the directory holds \"%s\", expected \"%s\" "
	    "(a leftover temporary file or a missing backup)", what, got, want);
	free(got);
}

static void
save_ok(const struct report *r, const char *path)
{
	char *err = NULL;

	if (store_save(r, path, STORE_REPLACE, NULL, &err) != 0)
		cr_assert_fail("saving %s failed: %s", path, err);
}

struct fixture {
	struct tplset	*ts;
	struct report	*old, *new;
	struct buf	 oldb, newb;	/* their file bytes */
	char		*dir, *path;	/* path: DIR/r.nb */
};

static void
fixture_init(struct fixture *fx)
{
	memset(fx, 0, sizeof *fx);
	fx->ts = tl_templates();
	fx->old = sample_report(fx->ts, "gov-2021", 101);
	fx->new = sample_report(fx->ts, "gov-2019", 202);
	serialize(fx->old, &fx->oldb);
	serialize(fx->new, &fx->newb);
	fx->dir = tl_make_dir("t_store");
	fx->path = path_in(fx->dir, "r.nb");
}

static void
fixture_fini(struct fixture *fx)
{
	report_free(fx->old);
	report_free(fx->new);
	buf_free(&fx->oldb);
	buf_free(&fx->newb);
	free(fx->path);
	tl_remove_dir(fx->dir);
	tplset_free(fx->ts);
}

Test(save, saving_over_a_file_keeps_the_previous_bytes_as_tilde)
{
	struct fixture fx;
	char *bak;

	fixture_init(&fx);
	bak = path_in(fx.dir, "r.nb~");
	write_file(fx.path, &fx.oldb);
	save_ok(fx.new, fx.path);
	expect_bytes(fx.path, &fx.newb, "after saving");
	expect_bytes(bak, &fx.oldb, "the backup");
	expect_listing(fx.dir, "r.nb r.nb~", "after saving");
	free(bak);
	fixture_fini(&fx);
}

Test(save, saving_twice_makes_the_backup_the_first_save)
{
	struct fixture fx;
	struct diag_list dl = DIAG_LIST_INIT;
	struct report *back;
	char *bak;

	fixture_init(&fx);
	bak = path_in(fx.dir, "r.nb~");
	save_ok(fx.old, fx.path);
	expect_listing(fx.dir, "r.nb", "after the first save of a new file");
	save_ok(fx.new, fx.path);
	expect_bytes(bak, &fx.oldb, "the backup after the second save");
	expect_bytes(fx.path, &fx.newb, "the file after the second save");
	back = store_read(fx.path, fx.ts, NULL, &dl);
	cr_assert_not_null(back, "the saved file does not load:\n%s", diag_text(&dl));
	check_same(fx.new, back, "loading the saved file");
	report_free(back);
	diag_list_free(&dl);
	free(bak);
	fixture_fini(&fx);
}

/* Officers keep reports on a share and link them into their home directory. */
Test(save, saving_through_a_symlink_replaces_the_target_and_keeps_the_link)
{
	struct fixture fx;
	char *sub, *real, *link, *bak, where[256];
	ssize_t n;

	fixture_init(&fx);
	sub = path_in(fx.dir, "share");
	real = path_in(sub, "real.nb");
	link = path_in(fx.dir, "link.nb");
	bak = path_in(sub, "real.nb~");
	cr_assert_eq(mkdir(sub, 0755), 0, "mkdir %s", sub);
	write_file(real, &fx.oldb);
	cr_assert_eq(symlink("share/real.nb", link), 0, "symlink %s", link);
	save_ok(fx.new, link);
	n = readlink(link, where, sizeof where - 1);
	cr_assert_geq(n, 0, "%s is no longer a symbolic link: the save replaced the link", link);
	where[n] = '\0';
	cr_assert_str_eq(where, "share/real.nb", "the link now points to %s", where);
	expect_bytes(real, &fx.newb, "the link's target");
	expect_bytes(bak, &fx.oldb, "the backup beside the target");
	expect_listing(fx.dir, "link.nb share", "the link's directory");
	expect_listing(sub, "real.nb real.nb~", "the target's directory");
	free(sub), free(real), free(link), free(bak);
	fixture_fini(&fx);
}

/*
 * A save killed between keeping the backup and the rename leaves FILE~ a
 * hard link of FILE; the next save must still leave nothing else behind
 * (rename(2) between two links of one file does nothing).
 */
Test(save, a_save_after_an_interrupted_one_leaves_no_stray_file)
{
	struct fixture fx;
	char *bak;

	fixture_init(&fx);
	bak = path_in(fx.dir, "r.nb~");
	write_file(fx.path, &fx.oldb);
	cr_assert_eq(link(fx.path, bak), 0, "link: %s", strerror(errno));
	save_ok(fx.new, fx.path);
	expect_bytes(fx.path, &fx.newb, "after saving");
	expect_bytes(bak, &fx.oldb, "the backup");
	expect_listing(fx.dir, "r.nb r.nb~", "after saving");
	free(bak);
	fixture_fini(&fx);
}

/* A link to a report not written yet (a new file on the share): the link must survive. */
Test(save, saving_through_a_link_to_a_missing_file_creates_the_target)
{
	struct fixture fx;
	char *sub, *real, *link, where[256];

	fixture_init(&fx);
	sub = path_in(fx.dir, "share");
	real = path_in(sub, "real.nb");
	link = path_in(fx.dir, "link.nb");
	cr_assert_eq(mkdir(sub, 0755), 0, "mkdir %s", sub);
	cr_assert_eq(symlink("share/real.nb", link), 0, "symlink %s", link);
	save_ok(fx.new, link);
	cr_expect_geq(readlink(link, where, sizeof where), 0,
	    "%s was replaced by a regular file instead of creating the file it names", link);
	expect_bytes(real, &fx.newb, "the link's target");
	expect_listing(sub, "real.nb", "the target's directory");
	free(sub), free(real), free(link);
	fixture_fini(&fx);
}

Test(save, saving_keeps_the_mode_of_an_existing_file)
{
	struct fixture fx;
	struct stat st;

	fixture_init(&fx);
	umask(022);
	write_file(fx.path, &fx.oldb);
	cr_assert_eq(chmod(fx.path, 0640), 0, "chmod");
	save_ok(fx.new, fx.path);
	cr_assert_eq(stat(fx.path, &st), 0, "stat %s", fx.path);
	cr_assert_eq(st.st_mode & 07777, 0640, "the saved file's mode is %04o, not 0640",
	    (unsigned)(st.st_mode & 07777));
	fixture_fini(&fx);
}

/* A new file gets the umask's mode like any other, not mkstemp's private 0600. */
Test(save, a_new_file_gets_the_usual_mode)
{
	struct fixture fx;
	struct stat st;

	fixture_init(&fx);
	umask(022);
	save_ok(fx.new, fx.path);
	cr_assert_eq(stat(fx.path, &st), 0, "stat %s", fx.path);
	cr_assert_eq(st.st_mode & 07777, 0644, "a new report has mode %04o, not 0644",
	    (unsigned)(st.st_mode & 07777));
	fixture_fini(&fx);
}

typedef void (*child_setup)(const char *dir);

static void
child_write(int fd, const char *s)
{
	if (write(fd, s, strlen(s)) < 0)
		_exit(3);
}

/* store_save in a forked child after setup; its exit status, its message in msg. */
static int
save_in_child(const struct report *r, const char *path, const char *dir, child_setup setup,
    struct buf *msg)
{
	int fd[2], st;
	pid_t pid;
	char chunk[512];
	ssize_t n;

	cr_assert_eq(pipe(fd), 0, "pipe: %s", strerror(errno));
	if ((pid = fork()) == 0) {
		char *err = NULL;

		close(fd[0]);
		setup(dir);
		if (store_save(r, path, STORE_REPLACE, NULL, &err) == 0)
			_exit(0);
		child_write(fd[1], err != NULL ? err : "(no message)");
		_exit(1);
	}
	cr_assert_geq(pid, 0, "fork: %s", strerror(errno));
	close(fd[1]);
	buf_reset(msg);
	buf_adds(msg, "");
	while ((n = read(fd[0], chunk, sizeof chunk)) > 0)
		buf_add(msg, chunk, (size_t)n);
	close(fd[0]);
	cr_assert_eq(waitpid(pid, &st, 0), pid, "waitpid");
	cr_assert(WIFEXITED(st), "the saving process was killed by signal %d", WTERMSIG(st));
	return WEXITSTATUS(st);
}

/* A disk that fills up mid-write, as far as write(2) can tell. */
static void
small_disk(const char *dir)
{
	struct rlimit rl = { 4096, 4096 };

	(void)dir;
	signal(SIGXFSZ, SIG_IGN);
	if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
		_exit(2);
}

/* As root (CI), become nobody; otherwise make the directory read-only. */
static void
no_permission(const char *dir)
{
	if (geteuid() != 0) {
		if (chmod(dir, 0555) != 0)
			_exit(2);
		return;
	}
	if (chmod(dir, 0755) != 0 || setgroups(0, NULL) != 0 || setgid(65534) != 0 ||
	    setuid(65534) != 0)
		_exit(2);
}

static void
expect_failed_save(struct fixture *fx, child_setup setup, const char *why)
{
	struct buf msg = BUF_INIT;
	int rc;

	write_file(fx->path, &fx->oldb);
	chmod(fx->path, 0644);
	rc = save_in_child(fx->new, fx->path, fx->dir, setup, &msg);
	chmod(fx->dir, 0700);
	cr_assert_neq(rc, 2, "%s: the test could not set up the failure", why);
	cr_assert_eq(rc, 1, "%s: the save reported success", why);
	cr_assert(strstr(msg.data, fx->path) != NULL, "%s: the message does not name the file: %s",
	    why, msg.data);
	cr_assert(strstr(msg.data, "the file was not changed") != NULL,
	    "%s: the message does not reassure the officer: %s", why, msg.data);
	expect_bytes(fx->path, &fx->oldb, why);
	expect_listing(fx->dir, "r.nb", why);
	buf_free(&msg);
}

Test(save, a_full_disk_leaves_the_original_and_no_temporary_file)
{
	struct fixture fx;
	struct report *big;

	fixture_init(&fx);
	/* the new report must be larger than the 4 KB the child may write */
	big = fx.new;
	set_string(&big->texts[template_part(big->tpl, "s1.intro")], xstrdup(fx.newb.data));
	serialize(big, &fx.newb);
	cr_assert_gt(fx.newb.len, 8192, "the report to save is too small to hit the limit");
	expect_failed_save(&fx, small_disk, "saving onto a full disk");
	fixture_fini(&fx);
}

Test(save, permission_denied_leaves_the_original_and_no_temporary_file)
{
	struct fixture fx;

	fixture_init(&fx);
	expect_failed_save(&fx, no_permission, "saving into a directory the officer cannot write");
	fixture_fini(&fx);
}

Test(save, create_mode_never_overwrites_an_existing_file)
{
	struct fixture fx;
	char *err = NULL;

	fixture_init(&fx);
	write_file(fx.path, &fx.oldb);
	cr_assert_eq(atomic_write(fx.path, fx.newb.data, fx.newb.len, ATOMIC_CREATE, NULL, &err), -1,
	    "ATOMIC_CREATE overwrote an existing file");
	cr_assert(err != NULL && strstr(err, "already exists") != NULL &&
	    strstr(err, fx.path) != NULL, "the message should say %s already exists: %s", fx.path,
	    err != NULL ? err : "(none)");
	expect_bytes(fx.path, &fx.oldb, "after a refused create");
	expect_listing(fx.dir, "r.nb", "after a refused create");
	free(err);
	fixture_fini(&fx);
}

Test(save, create_mode_writes_a_new_file)
{
	struct fixture fx;
	char *err = NULL;

	fixture_init(&fx);
	if (atomic_write(fx.path, fx.newb.data, fx.newb.len, ATOMIC_CREATE, NULL, &err) != 0)
		cr_assert_fail("creating %s failed: %s", fx.path, err);
	expect_bytes(fx.path, &fx.newb, "a created file");
	expect_listing(fx.dir, "r.nb", "after creating");
	fixture_fini(&fx);
}

/*
 * A broken report that names its template after an error must not leave that
 * template half-loaded in the cache for the next report (found by the fuzzer:
 * the next report's rules were missing).
 */
Test(malformed, a_broken_report_does_not_spoil_the_next_one)
{
	static const char bad[] = "[report]\nformat = 1\ncolour = red\ntemplate = gov-2021\nyear = 2025\n[end]\n";
	static const char good[] = "[report]\ntemplate = gov-2021\nformat = 1\nyear = 2025\n[cells]\n"
	    "t3.new.person = 5\n[end]\n";
	struct tplset *ts = tl_templates();
	struct diag_list dl = DIAG_LIST_INIT;
	struct report *r;
	struct checker *ck;

	cr_assert_null(store_load_mem("bad.nb", bad, sizeof bad - 1, ts, &dl));
	diag_list_free(&dl);
	r = store_load_mem("good.nb", good, sizeof good - 1, ts, &dl);
	cr_assert_not_null(r, "the good report loads");
	cr_assert_not_null(r->tpl->rules, "with its template's rules");
	ck = checker_create(r, NULL);
	checker_run(ck);
	cr_assert_gt(checker_errors(ck), 0, "and they check it (5 new requests, nothing concluded)");
	checker_free(ck);
	report_free(r);
	diag_list_free(&dl);
	tplset_free(ts);
}
