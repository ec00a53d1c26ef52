/* cmd_new.c - `nianbao new`: create an empty report, never over an existing file. */
#include "nb.h"

#include <getopt.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "core/create.h"
#include "import/lastyear.h"
#include "store/store.h"

static int
new_run(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "agency", required_argument, NULL, 'a' },
		{ "year", required_argument, NULL, 'y' },
		{ "from", required_argument, NULL, 'F' },
		{ "keep-text", no_argument, NULL, 'k' },
		{ "kind", required_argument, NULL, 'K' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct diag_list dl = DIAG_LIST_INIT;
	struct create_spec spec = { 0 };
	const char *format = NULL, *agency = NULL, *from = NULL;
	struct report *last = NULL, *r;
	bool keep_text = false;
	char *err = NULL, *end;
	int c, rc = EXIT_USAGE;

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
			spec.year = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || spec.year < 1900 || spec.year > 9999)
				return cli_usage_error(cli, &cmd_new, _("--year must be a year like 2025"));
			break;
		case 'F':
			from = optarg;
			break;
		case 'k':
			keep_text = true;
			break;
		case 'K':
			spec.kind = optarg;
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
	if (from != NULL && (last = cli_load_any(cli, from)) == NULL)	/* this year's, from last year's */
		return EXIT_USAGE;
	/* Preferences give the defaults; their problems are worth a warning, not a stop. */
	prefs_load(&cli->prefs, NULL, &dl);
	for (size_t i = 0; i < dl.n; i++)
		fprintf(stderr, _("%s: warning: preferences %s:%d: %s\n"), cli->prog,
		    dl.v[i].file != NULL ? dl.v[i].file : "", dl.v[i].line, dl.v[i].msg);
	diag_list_free(&dl);
	spec.format = format;
	spec.agency = agency;
	spec.pref_agency = cli->prefs.agency;
	spec.contact = cli->prefs.contact;
	spec.auto_totals = cli->prefs.auto_totals;
	spec.last = last;
	spec.last_path = from;
	spec.file = argv[optind];
	spec.keep_text = keep_text;
	r = create_report(cli->ts, &spec, &dl);
	diag_print(&dl, stderr);
	if (r == NULL)
		goto out;
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
	}
	if (store_save(r, argv[optind], STORE_CREATE, NULL, &err) != 0)
		fprintf(stderr, "%s: %s\n", cli->prog, err);
	else
		rc = EXIT_OK;
	report_free(r);
out:
	free(err);
	report_free(last);
	diag_list_free(&dl);
	return rc;
}

const struct cli_command cmd_new = {
	"new",
	N_("new [--format 2021|2019] [--agency NAME] [--kind KIND] [--year YYYY] [--from LAST [--keep-text]] FILE"),
	N_("Create a report FILE (the format defaults by year; never overwrites); --from starts it from last year's report."),
	new_run
};
