/* cmd_new.c - `nianbao new`: create an empty report, never over an existing file. */
#include "nb.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/rules.h"
#include "import/lastyear.h"
#include "lib/buf.h"
#include "lib/xalloc.h"
#include "store/store.h"

/* Reports are written early in the year about the year before. */
static int
default_year(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return tm.tm_year + 1900 - 1;
}

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "agency", required_argument, NULL, 'a' },
		{ "year", required_argument, NULL, 'y' },
		{ "from", required_argument, NULL, 'F' },
		{ "keep-text", no_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct diag_list dl = DIAG_LIST_INIT;
	const char *format = NULL, *agency = NULL, *id, *from = NULL;
	struct report *last = NULL;
	bool keep_text = false, year_given = false;
	const struct template *t;
	struct report *r;
	struct checker *ck;
	char *err = NULL, *tid = NULL, *end;
	int c, year = default_year(), rc = EXIT_USAGE;

	optind = 0;
	while ((c = getopt_long(argc, argv, "f:a:y:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			format = optarg;
			break;
		case 'a':
			agency = optarg;
			break;
		case 'y':
			year = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || year < 1900 || year > 9999)
				return cli_usage_error(cli, &cmd_new, _("--year must be a year like 2025"));
			year_given = true;
			break;
		case 'F':
			from = optarg;
			break;
		case 'k':
			keep_text = true;
			break;
		case 'h':
			cli_print_help(cli, &cmd_new, stdout);
			return EXIT_OK;
		default:
			return cli_usage_error(cli, &cmd_new, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error(cli, &cmd_new, _("give exactly one FILE to create"));
	if (keep_text && from == NULL)
		return cli_usage_error(cli, &cmd_new, _("--keep-text needs --from"));
	if (from != NULL) {	/* this year's report, started from last year's */
		if ((last = cli_load_any(cli, from)) == NULL)
			return EXIT_USAGE;
		if (!year_given)
			year = last->year + 1;
		if (agency == NULL)
			agency = last->agency;
	}
	if (format == NULL)
		id = tplset_default_for_year(cli->ts, year, &dl);
	else if (strspn(format, "0123456789") == strlen(format))
		id = tid = xasprintf("gov-%s", format);
	else
		id = format;
	t = id != NULL ? tplset_get(cli->ts, id, &dl) : NULL;
	if (t == NULL) {
		diag_print(&dl, stderr);
		goto out;
	}
	if (!template_covers(t, year))
		fprintf(stderr, _("%s: warning: the %s format is not the one for %d reports\n"),
		    cli->prog, t->id, year);
	/* Preferences give the defaults; their problems are worth a warning, not a stop. */
	prefs_load(&cli->prefs, NULL, &dl);
	for (size_t i = 0; i < dl.n; i++)
		fprintf(stderr, _("%s: warning: preferences %s:%d: %s\n"), cli->prog,
		    dl.v[i].file != NULL ? dl.v[i].file : "", dl.v[i].line, dl.v[i].msg);
	r = report_create(t);
	r->year = year;
	r->auto_totals = cli->prefs.auto_totals;
	free(r->contact);
	r->contact = xstrdup(cli->prefs.contact);
	if (report_set_string(&r->agency, agency != NULL ? agency : cli->prefs.agency, &err) != 0) {
		fprintf(stderr, "%s: --agency: %s\n", cli->prog, err);
		report_free(r);
		goto out;
	}
	if (last != NULL) {
		char *warn = NULL;

		if (lastyear_match(r, last, &warn, &err) != 0) {
			fprintf(stderr, "%s: %s: %s\n", cli->prog, from, err);
			report_free(r);
			goto out;
		}
		if (warn != NULL)
			fprintf(stderr, _("%s: %s: warning: %s\n"), cli->prog, from, warn);
		free(warn);
		lastyear_start(r, last, from, argv[optind], keep_text);
	}
	ck = checker_create(r, last);
	checker_recompute(ck);
	checker_free(ck);
	if (store_save(r, argv[optind], STORE_CREATE, &err) != 0)
		fprintf(stderr, "%s: %s\n", cli->prog, err);
	else
		rc = EXIT_OK;
	report_free(r);
out:
	free(err);
	free(tid);
	report_free(last);
	diag_list_free(&dl);
	return rc;
}

const struct cli_command cmd_new = {
	"new",
	N_("new [--format 2021|2019] [--agency NAME] [--year YYYY] [--from LAST [--keep-text]] FILE"),
	N_("Create a report FILE (the format defaults by year; never overwrites); --from starts it from last year's report."),
	run
};
