/* t_prefs.c - the preferences file: keys, defaults, where it is, and bad files. */
#include "nb.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/xalloc.h"
#include "store/prefs.h"
#include "testlib.h"

static char *dir;	/* a fresh directory for each test */

static void
setup(void)
{
	dir = tl_make_dir("t_prefs");
}

static void
teardown(void)
{
	tl_remove_dir(dir);
}

TestSuite(prefs, .init = setup, .fini = teardown);

/* Write text as dir/name (creating dir/sub/ for "sub/name"); caller frees the path. */
static char *
put(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name), *cmd, *slash = strrchr(path, '/');
	FILE *fp;

	*slash = '\0';
	cmd = xasprintf("mkdir -p '%s'", path);
	cr_assert_eq(system(cmd), 0);
	free(cmd);
	*slash = '/';
	cr_assert_not_null(fp = fopen(path, "wb"), "%s: %s", path, strerror(errno));
	cr_assert_eq(fputs(text, fp) >= 0, 1);
	cr_assert_eq(fclose(fp), 0);
	return path;
}

/* Load text as a preferences file into *p; returns the problems. */
static struct diag_list
load(struct prefs *p, const char *text)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *path = put("config.ini", text);

	prefs_init(p);
	prefs_load(p, path, &dl);
	free(path);
	return dl;
}

static void
assert_defaults(const struct prefs *p)
{
	cr_assert_str_eq(p->agency, "");
	cr_assert_str_eq(p->contact, "");
	cr_assert(p->auto_totals);
	cr_assert_eq(p->ambiguous, 1);
}

static void
assert_quiet(struct diag_list *dl)
{
	if (dl->n > 0)
		diag_print(dl, stderr);
	cr_assert_eq(dl->n, 0, "%zu unexpected problems", dl->n);
	diag_list_free(dl);
}

Test(prefs, defaults)
{
	struct prefs p;

	prefs_init(&p);
	assert_defaults(&p);
	prefs_free(&p);
}

Test(prefs, the_example_of_prefs_h)
{
	struct prefs p;
	struct diag_list dl = load(&p,
	    "[new]\n"
	    "agency = 临川县自然资源局        ; default agency of new reports\n"
	    "contact = 办公室 0000-0000000    ; default contact of new reports\n"
	    "auto_totals = yes                ; yes | no, for new reports\n"
	    "[display]\n"
	    "ambiguous_width = 1              ; 1 | 2: columns of “ ” — … ① ×\n");

	assert_quiet(&dl);
	cr_assert_str_eq(p.agency, "临川县自然资源局");
	cr_assert_str_eq(p.contact, "办公室 0000-0000000");
	cr_assert(p.auto_totals);
	cr_assert_eq(p.ambiguous, 1);
	prefs_free(&p);
}

Test(prefs, agency_alone)
{
	struct prefs p;
	struct diag_list dl = load(&p, "[new]\nagency = 国家统计局\n");

	assert_quiet(&dl);
	cr_assert_str_eq(p.agency, "国家统计局");
	cr_assert_str_eq(p.contact, "");
	cr_assert(p.auto_totals);
	cr_assert_eq(p.ambiguous, 1);
	prefs_free(&p);
}

Test(prefs, contact_alone)
{
	struct prefs p;
	struct diag_list dl = load(&p, "[new]\ncontact = 政务公开办 (0794) 1234567\n");

	assert_quiet(&dl);
	cr_assert_str_eq(p.agency, "");
	cr_assert_str_eq(p.contact, "政务公开办 (0794) 1234567");
	prefs_free(&p);
}

Test(prefs, auto_totals_yes_and_no)
{
	struct prefs p;
	struct diag_list dl = load(&p, "[new]\nauto_totals = no\n");

	assert_quiet(&dl);
	cr_assert_not(p.auto_totals);
	cr_assert_str_eq(p.agency, "");
	cr_assert_eq(p.ambiguous, 1);
	prefs_free(&p);
	dl = load(&p, "[new]\nauto_totals = yes\n");
	assert_quiet(&dl);
	cr_assert(p.auto_totals);
	prefs_free(&p);
}

Test(prefs, ambiguous_width_1_and_2)
{
	struct prefs p;
	struct diag_list dl = load(&p, "[display]\nambiguous_width = 2\n");

	assert_quiet(&dl);
	cr_assert_eq(p.ambiguous, 2);
	cr_assert(p.auto_totals);
	prefs_free(&p);
	dl = load(&p, "[display]\nambiguous_width=1\n");
	assert_quiet(&dl);
	cr_assert_eq(p.ambiguous, 1);
	prefs_free(&p);
}

Test(prefs, empty_value_and_comments_and_blank_lines)
{
	struct prefs p;
	struct diag_list dl = load(&p,
	    "; my preferences\n# also a comment\n\n[new]\nagency =\ncontact = a;b\n\n[display]\n");

	assert_quiet(&dl);
	cr_assert_str_eq(p.agency, "");
	cr_assert_str_eq(p.contact, "a;b", "';' is a comment only after a space");
	prefs_free(&p);
}

Test(prefs, windows_notepad_file_with_bom_and_crlf)
{
	struct prefs p;
	struct diag_list dl = load(&p, "\xEF\xBB\xBF[new]\r\nagency = 某某局\r\n[display]\r\nambiguous_width = 2\r\n");

	assert_quiet(&dl);
	cr_assert_str_eq(p.agency, "某某局");
	cr_assert_eq(p.ambiguous, 2);
	prefs_free(&p);
}

Test(prefs, empty_file)
{
	struct prefs p;
	struct diag_list dl = load(&p, "");

	assert_quiet(&dl);
	assert_defaults(&p);
	prefs_free(&p);
}

static void
assert_diag(const struct diag_list *dl, size_t i, const char *file, int line, const char *part)
{
	cr_assert_lt(i, dl->n, "only %zu problems", dl->n);
	cr_assert_str_eq(dl->v[i].file, file);
	cr_assert_eq(dl->v[i].line, line, "problem %zu (%s) is on line %d, not %d", i,
	    dl->v[i].msg, dl->v[i].line, line);
	cr_assert_not_null(strstr(dl->v[i].msg, part), "problem %zu: \"%s\" does not say \"%s\"", i,
	    dl->v[i].msg, part);
}

Test(prefs, bad_file_lists_every_problem_and_keeps_the_good_keys)
{
	static const char text[] =
	    "color = blue\n"				/* 1: outside any section */
	    "[new]\n"					/* 2 */
	    "agency = 临川县自然资源局\n"		/* 3: good */
	    "auto_totals = maybe\n"			/* 4: bad value */
	    "contact = \xB0\xEC\xB9\xAB\xCA\xD2\n"	/* 5: GBK, not UTF-8 */
	    "agency = 另一个局\n"			/* 6: twice */
	    "signature = 张三\n"			/* 7: unknown key */
	    "just some words\n"				/* 8: not key = value */
	    "[colours]\n"				/* 9: unknown section */
	    "background = black\n"			/* 10: not reported again */
	    "[display]\n"				/* 11 */
	    "ambiguous_width = 3\n"			/* 12: bad value */
	    "  indented = 1\n"				/* 13: starts with spaces */
	    "[new]\n"					/* 14 */
	    "contact = 办公室\x1b[31m\n";		/* 15: a terminal escape */
	struct prefs p;
	struct diag_list dl = DIAG_LIST_INIT;
	char *path = put("config.ini", text);

	prefs_init(&p);
	prefs_load(&p, path, &dl);
	assert_diag(&dl, 0, path, 1, "outside any section");
	assert_diag(&dl, 1, path, 4, "auto_totals must be yes or no");
	assert_diag(&dl, 2, path, 5, "UTF-8");
	assert_diag(&dl, 3, path, 6, "already set on line 3");
	assert_diag(&dl, 4, path, 7, "signature");
	assert_diag(&dl, 5, path, 8, "key = value");
	assert_diag(&dl, 6, path, 9, "colours");
	assert_diag(&dl, 7, path, 12, "ambiguous_width must be 1 or 2");
	assert_diag(&dl, 8, path, 13, "spaces");
	assert_diag(&dl, 9, path, 15, "control characters");
	cr_assert_eq(dl.n, 10, "%zu problems", dl.n);
	cr_assert_str_eq(p.agency, "临川县自然资源局", "the good key is applied, the first time");
	cr_assert_str_eq(p.contact, "");
	cr_assert(p.auto_totals);
	cr_assert_eq(p.ambiguous, 1);
	diag_list_free(&dl);
	prefs_free(&p);
	free(path);
}

Test(prefs, key_in_the_wrong_section)
{
	struct prefs p;
	struct diag_list dl = load(&p, "[display]\nagency = 某局\n[new]\nambiguous_width = 2\n");

	cr_assert_eq(dl.n, 2);
	cr_assert_eq(dl.v[0].line, 2);
	cr_assert_eq(dl.v[1].line, 4);
	cr_assert_not_null(strstr(dl.v[0].msg, "[display]"), "%s", dl.v[0].msg);
	assert_defaults(&p);
	diag_list_free(&dl);
	prefs_free(&p);
}

Test(prefs, too_long_line)
{
	struct prefs p;
	char text[400];
	struct diag_list dl;

	snprintf(text, sizeof text, "[new]\nagency = %0300d\ncontact = ok\n", 0);
	dl = load(&p, text);
	cr_assert_eq(dl.n, 1);
	cr_assert_eq(dl.v[0].line, 2);
	cr_assert_str_eq(p.agency, "");
	cr_assert_str_eq(p.contact, "ok");
	diag_list_free(&dl);
	prefs_free(&p);
}

Test(prefs, missing_file_is_silent)
{
	struct prefs p;
	struct diag_list dl = DIAG_LIST_INIT;
	char *path = xasprintf("%s/nowhere/config.ini", dir);

	prefs_init(&p);
	prefs_load(&p, path, &dl);
	assert_quiet(&dl);
	assert_defaults(&p);
	prefs_free(&p);
	free(path);
}

Test(prefs, unreadable_file_is_reported)
{
	struct prefs p;
	struct diag_list dl = DIAG_LIST_INIT;
	char *path = xasprintf("%s/config.ini", dir);

	cr_assert_eq(mkdir(path, 0700), 0);
	prefs_init(&p);
	prefs_load(&p, path, &dl);
	cr_assert_eq(dl.n, 1, "a directory in the file's place is a problem");
	cr_assert_str_eq(dl.v[0].file, path);
	assert_defaults(&p);
	diag_list_free(&dl);
	prefs_free(&p);
	free(path);
}

Test(prefs, path_from_xdg_config_home)
{
	char *path;

	setenv("HOME", "/home/officer", 1);
	setenv("XDG_CONFIG_HOME", "/srv/cfg", 1);
	path = prefs_path();
	cr_assert_str_eq(path, "/srv/cfg/nianbao/config.ini");
	free(path);
}

Test(prefs, path_from_home)
{
	char *path;

	setenv("HOME", "/home/officer", 1);
	unsetenv("XDG_CONFIG_HOME");
	path = prefs_path();
	cr_assert_str_eq(path, "/home/officer/.config/nianbao/config.ini");
	free(path);
	/* An empty or relative XDG_CONFIG_HOME is ignored, as the XDG specification says. */
	setenv("XDG_CONFIG_HOME", "", 1);
	path = prefs_path();
	cr_assert_str_eq(path, "/home/officer/.config/nianbao/config.ini");
	free(path);
	setenv("XDG_CONFIG_HOME", "cfg", 1);
	path = prefs_path();
	cr_assert_str_eq(path, "/home/officer/.config/nianbao/config.ini");
	free(path);
}

Test(prefs, no_home_no_path)
{
	struct prefs p;
	struct diag_list dl = DIAG_LIST_INIT;
	char *path;

	unsetenv("HOME");
	unsetenv("XDG_CONFIG_HOME");
	cr_assert_null(prefs_path());
	setenv("HOME", "", 1);
	cr_assert_null(prefs_path());
	/* Nothing to load is no problem. */
	prefs_init(&p);
	prefs_load(&p, NULL, &dl);
	assert_quiet(&dl);
	assert_defaults(&p);
	prefs_free(&p);
	/* XDG_CONFIG_HOME alone is enough. */
	setenv("XDG_CONFIG_HOME", "/srv/cfg", 1);
	path = prefs_path();
	cr_assert_str_eq(path, "/srv/cfg/nianbao/config.ini");
	free(path);
}

Test(prefs, load_null_reads_xdg_config_home_first)
{
	struct prefs p;
	struct diag_list dl = DIAG_LIST_INIT;
	char *xdg = xasprintf("%s/xdg", dir), *home = xasprintf("%s/home", dir);
	char *a = put("xdg/nianbao/config.ini", "[new]\nagency = XDG局\n");
	char *b = put("home/.config/nianbao/config.ini", "[new]\nagency = HOME局\n");

	setenv("XDG_CONFIG_HOME", xdg, 1);
	setenv("HOME", home, 1);
	prefs_init(&p);
	prefs_load(&p, NULL, &dl);
	assert_quiet(&dl);
	cr_assert_str_eq(p.agency, "XDG局");
	prefs_free(&p);
	unsetenv("XDG_CONFIG_HOME");
	prefs_init(&p);
	prefs_load(&p, NULL, &dl);
	assert_quiet(&dl);
	cr_assert_str_eq(p.agency, "HOME局");
	prefs_free(&p);
	/* A home without a preferences file: silent defaults. */
	setenv("HOME", dir, 1);
	prefs_init(&p);
	prefs_load(&p, NULL, &dl);
	assert_quiet(&dl);
	assert_defaults(&p);
	prefs_free(&p);
	free(xdg);
	free(home);
	free(a);
	free(b);
}

Test(prefs, problems_are_named_by_the_file_loaded)
{
	struct prefs p;
	struct diag_list dl = DIAG_LIST_INIT;
	char *xdg = xasprintf("%s/xdg", dir);
	char *a = put("xdg/nianbao/config.ini", "[new]\nauto_totals = 1\n");

	setenv("XDG_CONFIG_HOME", xdg, 1);
	prefs_init(&p);
	prefs_load(&p, NULL, &dl);
	cr_assert_eq(dl.n, 1);
	cr_assert_str_eq(dl.v[0].file, a);
	cr_assert_eq(dl.v[0].line, 2);
	cr_assert(p.auto_totals);
	diag_list_free(&dl);
	prefs_free(&p);
	free(xdg);
	free(a);
}

/* ---- where the officer left off -------------------------------------------- */

Test(prefs, a_place_is_kept_per_report_by_its_absolute_path)
{
	char *state = xasprintf("%s/state/nianbao/places", dir);
	char *a = put("a.nb", "x"), *b = put("sub/b.nb", "y"), *rel, *got, *cwd = getcwd(NULL, 0);

	cr_assert_null(prefs_place_get(state, a), "no place before any");
	cr_assert_eq(prefs_place_set(state, a, "gov-2021 table 2 57 0", NULL), 0, "the directories are made");
	cr_assert_eq(prefs_place_set(state, b, "gov-2021 text 3 1 9", NULL), 0);
	cr_assert_eq(chdir(dir), 0);
	rel = xstrdup("sub/../a.nb");
	got = prefs_place_get(state, rel);
	cr_assert_str_eq(got, "gov-2021 table 2 57 0", "another name of the same file finds its place");
	free(got);
	cr_assert_eq(prefs_place_set(state, rel, "gov-2021 info 0 3 0", NULL), 0);
	cr_assert_eq(chdir(cwd), 0);
	got = prefs_place_get(state, a);
	cr_assert_str_eq(got, "gov-2021 info 0 3 0", "a new place replaces the old one");
	free(got);
	got = prefs_place_get(state, b);
	cr_assert_str_eq(got, "gov-2021 text 3 1 9", "the other report keeps its place");
	free(got);
	cr_assert_null(prefs_place_get(state, "/no/such/report.nb"), "a file that is gone has none");
	free(state);
	free(a);
	free(b);
	free(rel);
	free(cwd);
}

Test(prefs, the_places_file_keeps_the_most_recent_reports)
{
	char *state = xasprintf("%s/places", dir), *first = NULL, *got;

	for (int i = 0; i <= PREFS_PLACES_MAX; i++) {
		char *name = xasprintf("r%d.nb", i), *path = put(name, "x");

		cr_assert_eq(prefs_place_set(state, path, "gov-2021 info 0 0 0", NULL), 0);
		if (i == 0)
			first = path;
		else
			free(path);
		free(name);
	}
	cr_assert_null(prefs_place_get(state, first), "the oldest of %d places is dropped", PREFS_PLACES_MAX + 1);
	cr_assert_eq(prefs_place_set(state, first, "gov-2021 text 1 0 0", NULL), 0);
	got = prefs_place_get(state, first);
	cr_assert_str_eq(got, "gov-2021 text 1 0 0");
	free(got);
	free(first);
	free(state);
}
