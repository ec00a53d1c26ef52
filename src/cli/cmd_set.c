/* cmd_set.c - `nianbao set`: change values; all or nothing. */
#include "nb.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/rules.h"
#include "lib/xalloc.h"
#include "store/store.h"

/* Apply one NAME=VALUE to the report; -1 with *err if it is refused. */
static int
assign(struct report *r, struct checker *ck, const char *name, const char *value, char **err)
{
	const struct template *t = r->tpl;
	struct value v;
	int cell, part;

	if ((cell = template_value(t, name)) >= 0) {
		if (value_parse(value, &t->values[cell].kind, t->units, t->nunits, &v, err) != 0 ||
		    checker_validate(ck, cell, &v, err) != 0)
			return -1;
		checker_set(ck, cell, &v, NULL);
		return 0;
	}
	if ((part = template_part(t, name)) >= 0)
		return report_set_text(r, part, value, err);
	if (strcmp(name, "agency") == 0)
		return report_set_string(&r->agency, value, err);
	if (strcmp(name, "date") == 0)
		return report_set_string(&r->date, value, err);
	if (strcmp(name, "contact") == 0)
		return report_set_string(&r->contact, value, err);
	if (strcmp(name, "year") == 0) {
		char *end;
		long y = strtol(value, &end, 10);

		if (end == value || *end != '\0' || y < 1900 || y > 9999) {
			*err = xasprintf(_("year must be a number like 2025, not \"%s\""), value);
			return -1;
		}
		r->year = (int)y;
		return 0;
	}
	if (strcmp(name, "auto_totals") == 0) {
		if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0) {
			*err = xstrdup(_("auto_totals must be yes or no"));
			return -1;
		}
		r->auto_totals = strcmp(value, "yes") == 0;
		if (r->auto_totals)
			checker_recompute(ck);
		return 0;
	}
	*err = xasprintf(_("template %s has no cell or text \"%s\""), t->id, name);
	return -1;
}

/* Apply the NAME=VALUE arguments that are (or are not) auto_totals; EXIT_USAGE if one fails. */
static int
assign_all(struct cli *cli, struct report *r, struct checker *ck, int n, char **args,
    const char *file, bool auto_totals)
{
	int rc = EXIT_OK;

	for (int i = 0; i < n; i++) {
		char *name = xstrndup(args[i], (size_t)(strchr(args[i], '=') - args[i])), *err = NULL;

		if ((strcmp(name, "auto_totals") == 0) == auto_totals &&
		    assign(r, ck, name, strchr(args[i], '=') + 1, &err) != 0) {
			fprintf(stderr, "%s: %s: %s: %s\n", cli->prog, file, name, err);
			free(err);
			rc = EXIT_USAGE;
		}
		free(name);
	}
	return rc;
}

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct report *r;
	struct checker *ck;
	char *err = NULL;
	int c, rc = EXIT_OK;

	optind = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		if (c == 'h') {
			cli_print_help(cli, &cmd_set, stdout);
			return EXIT_OK;
		}
		return cli_usage_error(cli, &cmd_set, _("unknown option '%s'"), argv[optind - 1]);
	}
	if (optind + 1 >= argc)
		return cli_usage_error(cli, &cmd_set, _("give a report FILE and at least one CELL=VALUE"));
	for (int i = optind + 1; i < argc; i++)
		if (strchr(argv[i], '=') == NULL)
			return cli_usage_error(cli, &cmd_set, _("\"%s\" is not CELL=VALUE"), argv[i]);
	if ((r = cli_load(cli, argv[optind])) == NULL)
		return EXIT_USAGE;
	ck = checker_create(r, NULL);
	checker_run(ck);
	/* auto_totals first: whether a total may be typed must not depend on the order */
	rc = assign_all(cli, r, ck, argc - optind - 1, argv + optind + 1, argv[optind], true);
	rc |= assign_all(cli, r, ck, argc - optind - 1, argv + optind + 1, argv[optind], false);
	if (rc != EXIT_OK)
		fprintf(stderr, _("%s: nothing was changed in %s\n"), cli->prog, argv[optind]);
	else if (store_save(r, argv[optind], STORE_REPLACE, &err) != 0) {
		fprintf(stderr, "%s: %s\n", cli->prog, err);
		free(err);
		rc = EXIT_USAGE;
	} else {	/* saved; what is now broken is said at once, as check would */
		cli_print_findings(argv[optind], ck);
		rc = checker_errors(ck) > 0 ? EXIT_RULES : EXIT_OK;
	}
	checker_free(ck);
	report_free(r);
	return rc;
}

const struct cli_command cmd_set = {
	"set",
	N_("set FILE CELL=VALUE..."),
	N_("Store values (totals follow when auto totals is on) and save; any invalid value changes nothing."),
	run
};
