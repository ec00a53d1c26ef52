/* tplset.c - find and cache templates by id. */
#include "nb.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/facts.h"
#include "core/review.h"
#include "core/rules.h"
#include "core/tplset.h"
#include "lib/buf.h"
#include "lib/xalloc.h"

struct tplset {
	char			**dirs;
	size_t			 ndirs;
	struct template		**loaded;
	size_t			 nloaded;
};

struct tplset *
tplset_create(const char *path)
{
	struct tplset *ts = xcalloc(1, sizeof *ts);
	char *copy = xstrdup(path), *save = NULL;

	for (char *d = strtok_r(copy, ":", &save); d != NULL; d = strtok_r(NULL, ":", &save)) {
		ts->dirs = xrealloc(ts->dirs, (ts->ndirs + 1) * sizeof *ts->dirs);
		ts->dirs[ts->ndirs++] = xstrdup(d);
	}
	free(copy);
	return ts;
}

void
tplset_free(struct tplset *ts)
{
	if (ts == NULL)
		return;
	for (size_t i = 0; i < ts->ndirs; i++)
		free(ts->dirs[i]);
	free(ts->dirs);
	for (size_t i = 0; i < ts->nloaded; i++)
		tplset_template_free(ts->loaded[i]);
	free(ts->loaded);
	free(ts);
}

void
tplset_template_free(struct template *t)
{
	if (t == NULL)
		return;
	rules_free(t->rules);
	facts_free(t->facts);
	review_free(t->review);
	template_free(t);
}

/*
 * The problems of dl from from on in the order of their lines (stable):
 * facts.c reads the [fact] sections and review.c the others, each in the
 * order of the file, and an author reads their problems as one list, top
 * to bottom, as when one pass read them all.
 */
static void
tplset_diag_lines(struct diag_list *dl, size_t from)
{
	for (size_t i = from + 1; i < dl->n; i++)
		for (size_t j = i; j > from && dl->v[j - 1].line > dl->v[j].line; j--) {
			struct diag d = dl->v[j];

			dl->v[j] = dl->v[j - 1];
			dl->v[j - 1] = d;
		}
}

/* Compile t's rules; t is freed and NULL returned if they add problems to dl. */
static struct template *
tplset_compile(struct template *t, const char *file, struct diag_list *dl)
{
	size_t before = dl->n, words;

	if (t == NULL)
		return NULL;
	t->rules = rules_compile(t, file, dl);
	words = dl->n;
	t->facts = facts_compile(t, file, dl);
	t->review = review_compile(t, file, dl);
	tplset_diag_lines(dl, words);
	if (dl->n != before) {
		tplset_template_free(t);
		return NULL;
	}
	return t;
}

struct template *
tplset_load_mem(const char *file, const char *data, size_t len, struct diag_list *dl)
{
	return tplset_compile(template_load_mem(file, data, len, dl), file, dl);
}

static char *tplset_known(struct tplset *ts);

static bool
safe_id(const char *id)
{
	if (*id == '\0' || *id == '.')
		return false;
	for (; *id != '\0'; id++)
		if (!((*id >= 'a' && *id <= 'z') || (*id >= 'A' && *id <= 'Z') ||
		    (*id >= '0' && *id <= '9') || *id == '-' || *id == '_'))
			return false;
	return true;
}

const struct template *
tplset_get(struct tplset *ts, const char *id, struct diag_list *dl)
{
	struct template *t;

	for (size_t i = 0; i < ts->nloaded; i++)
		if (strcmp(ts->loaded[i]->id, id) == 0)
			return ts->loaded[i];
	for (size_t i = 0; safe_id(id) && i < ts->ndirs; i++) {
		char *file = xasprintf("%s/%s.ini", ts->dirs[i], id);
		struct stat st;

		if (stat(file, &st) != 0) {
			free(file);
			continue;
		}
		t = tplset_compile(template_load(file, dl), file, dl);
		if (t != NULL && strcmp(t->id, id) != 0) {
			diag_add(dl, file, 0, _("the template's id is \"%s\", not \"%s\""), t->id, id);
			tplset_template_free(t);
			t = NULL;
		}
		free(file);
		if (t == NULL)
			return NULL;
		ts->loaded = xrealloc(ts->loaded, (ts->nloaded + 1) * sizeof *ts->loaded);
		ts->loaded[ts->nloaded++] = t;
		return t;
	}
	{
		char *known = tplset_known(ts);

		diag_add(dl, NULL, 0, _("unknown template \"%s\" (known: %s)"), id,
		    *known != '\0' ? known : _("none found; set NIANBAO_TEMPLATE_PATH"));
		free(known);
	}
	return NULL;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted, distinct template ids found in the path; caller frees each and the array. */
char **
tplset_ids(struct tplset *ts, size_t *n)
{
	char **ids = NULL;

	*n = 0;
	for (size_t i = 0; i < ts->ndirs; i++) {
		DIR *d = opendir(ts->dirs[i]);
		struct dirent *e;

		while (d != NULL && (e = readdir(d)) != NULL) {
			size_t len = strlen(e->d_name);
			char *id;
			bool dup = false;

			if (len < 5 || strcmp(e->d_name + len - 4, ".ini") != 0)
				continue;
			id = xstrndup(e->d_name, len - 4);
			for (size_t k = 0; k < *n && !dup; k++)
				dup = strcmp(ids[k], id) == 0;
			if (dup || !safe_id(id)) {
				free(id);
				continue;
			}
			ids = xrealloc(ids, (*n + 1) * sizeof *ids);
			ids[(*n)++] = id;
		}
		if (d != NULL)
			closedir(d);
	}
	if (*n > 0)
		qsort(ids, *n, sizeof *ids, cmp_str);
	return ids;
}

/* The known ids as a list for a message ("gov-2019, gov-2021"); caller frees. */
static char *
tplset_known(struct tplset *ts)
{
	struct buf b = BUF_INIT;
	size_t n;
	char **ids = tplset_ids(ts, &n);

	for (size_t i = 0; i < n; i++) {
		buf_addf(&b, "%s%s", i > 0 ? ", " : "", ids[i]);
		free(ids[i]);
	}
	free(ids);
	return buf_detach(&b);
}

const char *
tplset_default_for_year(struct tplset *ts, int year, struct diag_list *dl)
{
	const char *best = NULL;
	int best_from = 0;
	size_t n;
	char **ids = tplset_ids(ts, &n);

	for (size_t i = 0; i < n; i++) {
		const struct template *t = tplset_get(ts, ids[i], dl);

		if (t != NULL && template_covers(t, year) && t->year_from > best_from) {
			best = t->id;
			best_from = t->year_from;
		}
		free(ids[i]);
	}
	free(ids);
	if (best == NULL)
		diag_add(dl, NULL, 0, _("no template covers the year %d"), year);
	return best;
}
