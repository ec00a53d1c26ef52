/* lastyear.c - last year's report, whatever form it comes in. */
#include "nb.h"

#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import/import.h"
#include "import/lastyear.h"
#include "lib/atomic.h"
#include "lib/xalloc.h"
#include "store/store.h"

/* Is the file at path a report file: named *.nb, or "[report]" is its first line
 * that is not a comment? */
static bool
lastyear_is_report_file(const char *path)
{
	size_t len = strlen(path);
	FILE *fp;
	char line[256], *err = NULL;
	int fd;
	bool yes = false;

	if (len > 3 && strcmp(path + len - 3, ".nb") == 0)
		return true;	/* our own extension: no need to read it twice */
	/* Only a regular file is read; anything else is left to the importer to refuse. */
	if ((fd = atomic_open_input(path, &err)) < 0) {
		free(err);
		return false;
	}
	if ((fp = fdopen(fd, "r")) == NULL)
		close(fd);

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
lastyear_load_given(struct tplset *ts, const char *path, struct diag_list *dl)
{
	char *err = NULL;
	int fd = atomic_open_input(path, &err);

	if (fd < 0) {
		diag_add(dl, path, 0, _("%s; last year's report is expected here: a report file, or a published page or a text copy of it"), err);
		free(err);
		return NULL;
	}
	close(fd);
	return lastyear_load(ts, path, dl);
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
