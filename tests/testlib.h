/* testlib.h - helpers shared by the Criterion tests (header-only, static inline). */
#ifndef TESTLIB_H
#define TESTLIB_H

#include <criterion/criterion.h>
#include <errno.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/report.h"
#include "core/rules.h"
#include "core/template.h"
#include "core/tplset.h"
#include "lib/diag.h"
#include "lib/xalloc.h"
#include "store/store.h"

/* A fresh directory under $TMPDIR (or /tmp) named after name; tl_remove_dir frees it. */
static inline char *
tl_make_dir(const char *name)
{
	const char *t = getenv("TMPDIR");
	char *dir = xasprintf("%s/%s.XXXXXX", t != NULL && *t != '\0' ? t : "/tmp", name);

	cr_assert_not_null(mkdtemp(dir), "cannot make a temporary directory: %s", strerror(errno));
	return dir;
}

static inline int
tl_remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* Remove dir and all it holds (writable again first: tests take the right away), and free it. */
static inline void
tl_remove_dir(char *dir)
{
	chmod(dir, 0700);
	nftw(dir, tl_remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

/* The source tree's templates (make check exports NIANBAO_TEMPLATE_PATH). */
static inline struct tplset *
tl_templates(void)
{
	const char *p = getenv("NIANBAO_TEMPLATE_PATH");

	return tplset_create(p != NULL ? p : "templates");
}

/*
 * A file whose suites share the shipped templates in ts, loaded afresh for
 * each test: TL_TEMPLATES once, then
 * TestSuite(NAME, .init = tl_setup, .fini = tl_teardown).
 */
#define TL_TEMPLATES \
	static struct tplset *ts; \
	static void tl_setup(void) { ts = tl_templates(); } \
	static void tl_teardown(void) { tplset_free(ts); }

static inline const struct template *
tl_template(struct tplset *ts, const char *id)
{
	struct diag_list dl = DIAG_LIST_INIT;
	const struct template *t = tplset_get(ts, id, &dl);

	if (t == NULL)
		diag_print(&dl, stderr);
	cr_assert_not_null(t, "template %s must load", id);
	diag_list_free(&dl);
	return t;
}

static inline int
tl_cell(const struct template *t, const char *id)
{
	int c = template_value(t, id);

	cr_assert_geq(c, 0, "template %s has cell %s", t->id, id);
	return c;
}

/* Type text into a cell through the engine, as the editor and `set` do. */
static inline void
tl_set(struct checker *ck, struct report *r, const char *id, const char *text)
{
	const struct template *t = r->tpl;
	int c = tl_cell(t, id);
	struct value v;
	char *err = NULL;

	if (value_parse(text, &t->values[c].kind, t->units, t->nunits, &v, &err) != 0)
		cr_assert_fail("value %s for %s refused: %s", text, id, err);
	checker_set(ck, c, &v, NULL);
}

/*
 * A report of the template id for agency and year, with cells typed as
 * "ID=VALUE" (the list ends with NULL), its totals computed; caller frees.
 */
static inline struct report *
tl_report(struct tplset *ts, const char *id, const char *agency, int year, const char *const *cells)
{
	struct report *r = report_create(tl_template(ts, id));
	struct checker *ck = checker_create(r, NULL);
	char *err = NULL;

	r->year = year;
	cr_assert_eq(report_set_agency(r, agency, &err), 0);
	for (size_t i = 0; cells[i] != NULL; i++) {
		const char *eq = strchr(cells[i], '=');
		char *cid = strndup(cells[i], (size_t)(eq - cells[i]));

		tl_set(ck, r, cid, eq + 1);
		free(cid);
	}
	checker_recompute(ck);
	checker_free(ck);
	return r;
}

/* A 2025 report of a bureau: 21 new requests, 3 carried over, 20 opened, 4
 * carried on, 2 review cases kept (the review's and the spans' tests). */
static inline struct report *
tl_bureau(struct tplset *ts)
{
	static const char *const cells[] = { "t3.new.person=21", "t3.carried.person=3",
	    "t3.open.person=20", "t3.next.person=4", "t4.cases.rv_keep=2", NULL };

	return tl_report(ts, "gov-2021", "示例县自然资源局", 2025, cells);
}

/* Text of a cell's value ("" blank, "/" not applicable). */
static inline const char *
tl_get(const struct report *r, const char *id, char *buf, size_t n)
{
	int c = tl_cell(r->tpl, id);

	value_format(&r->cells[c], &r->tpl->values[c].kind, buf, n);
	return buf;
}

/* Number of failed instances of rule (NULL: any rule). */
static inline size_t
tl_failures(const struct checker *ck, const char *rule)
{
	size_t n = 0;

	for (size_t i = 0; i < checker_instances(ck); i++) {
		struct finding f;

		if (checker_status(ck, i) != FINDING_FAIL)
			continue;
		checker_finding(ck, i, &f);
		if (rule == NULL || strcmp(f.rule, rule) == 0)
			n++;
	}
	return n;
}

/*
 * The failed instance of rule whose fix cell (or domain cell) is cell;
 * fills *f and returns its index, or -1.
 */
static inline long
tl_find(const struct checker *ck, const struct report *r, const char *rule, const char *cell,
    struct finding *f)
{
	int c = tl_cell(r->tpl, cell);

	for (size_t i = 0; i < checker_instances(ck); i++) {
		if (checker_status(ck, i) != FINDING_FAIL)
			continue;
		checker_finding(ck, i, f);
		if (strcmp(f->rule, rule) == 0 && (f->fix == c || (f->domain && f->cells[0] == c)))
			return (long)i;
	}
	return -1;
}

/* A report of examples/ (the source tree's: make check exports TOP_SRCDIR). */
static inline struct report *
tl_load_example(struct tplset *ts, const char *name)
{
	const char *top = getenv("TOP_SRCDIR"), *tp = getenv("NIANBAO_TEMPLATE_PATH");
	struct diag_list dl = DIAG_LIST_INIT;
	char path[4096];
	struct report *r;

	if (top != NULL)
		snprintf(path, sizeof path, "%s/examples/%s", top, name);
	else if (tp != NULL && strchr(tp, ':') == NULL)
		snprintf(path, sizeof path, "%s/../examples/%s", tp, name);
	else
		snprintf(path, sizeof path, "examples/%s", name);
	r = store_read(path, ts, NULL, &dl);
	if (r == NULL)
		diag_print(&dl, stderr);
	cr_assert_not_null(r, "the example %s loads", path);
	diag_list_free(&dl);
	return r;
}

#endif
