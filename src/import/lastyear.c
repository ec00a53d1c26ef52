/* lastyear.c - last year's report, whatever form it comes in. */
#include "nb.h"

#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rules.h"
#include "import/import.h"
#include "import/lastyear.h"
#include "lib/xalloc.h"
#include "store/store.h"

bool
lastyear_is_report_file(const char *path)
{
	size_t len = strlen(path);
	FILE *fp;
	char line[256];
	bool yes = false;

	if (len > 3 && strcmp(path + len - 3, ".nb") == 0)
		return true;	/* our own extension: no need to read it twice */
	fp = fopen(path, "r");

	while (fp != NULL && fgets(line, sizeof line, fp) != NULL) {
		size_t n = strspn(line, " \t");

		if (line[n] == ';' || line[n] == '#' || line[n] == '\n' || line[n] == '\r')
			continue;
		yes = strncmp(line + n, "[report]", 8) == 0;
		break;
	}
	if (fp != NULL)
		fclose(fp);
	return yes;
}

struct report *
lastyear_load(struct tplset *ts, const char *path, struct diag_list *dl)
{
	struct import_opts o = { path, NULL, 0, NULL };
	struct report *r;
	char *err = NULL;

	if (lastyear_is_report_file(path))
		return store_read(path, ts, NULL, dl);
	if ((r = import_file(ts, path, &o, dl, &err)) == NULL) {
		diag_add(dl, path, 0, "%s", err);
		free(err);
	}
	return r;
}

struct report *
lastyear_load_previous(const char *path, const struct report *r, struct tplset *ts,
    struct diag_list *dl)
{
	char *dir, *file;
	struct report *prev;

	if (*r->previous == '\0')
		return NULL;
	dir = xstrdup(path);
	file = r->previous[0] == '/' ? xstrdup(r->previous) : xasprintf("%s/%s", dirname(dir), r->previous);
	prev = lastyear_load(ts, file, dl);
	free(file);
	free(dir);
	return prev;
}

int
lastyear_match(const struct report *r, const struct report *last, char **warn, char **err)
{
	*warn = NULL;
	if (r->year != 0 && last->year != 0 && last->year != r->year - 1) {
		*err = xasprintf(_("last year's report is of %d, but this report is of %d: "
		    "its previous report is the one of %d"), last->year, r->year, r->year - 1);
		return -1;
	}
	if (*r->agency != '\0' && *last->agency != '\0' && strcmp(r->agency, last->agency) != 0)
		*warn = xasprintf(_("last year's report is of %s, this one of %s"),
		    last->agency, r->agency);
	return 0;
}

/* How the new report at file names last: beside it by name, else by full path. */
static char *
previous_name(const char *last, const char *file)
{
	char *a = xstrdup(last), *b = xstrdup(file), *la = realpath(last, NULL), *name;
	bool beside = strcmp(dirname(a), dirname(b)) == 0;

	free(a);
	a = xstrdup(last);
	name = xstrdup(beside ? basename(a) : la != NULL ? la : last);
	free(a);
	free(b);
	free(la);
	return name;
}

void
lastyear_start(struct report *r, const struct report *last, const char *from, const char *file,
    bool keep_text)
{
	rules_carry_over(r, last);
	free(r->contact);
	r->contact = xstrdup(last->contact);
	free(r->previous);
	r->previous = previous_name(from, file);
	for (size_t p = 0; keep_text && p < r->tpl->nparts; p++) {
		int q = template_part(last->tpl, r->tpl->parts[p].id);

		if (r->tpl->parts[p].section == 1 && q >= 0) {
			free(r->texts[p]);
			r->texts[p] = xstrdup(last->texts[q]);
		}
	}
}
