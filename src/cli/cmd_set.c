/* cmd_set.c - `nianbao set`: change values; all or nothing. */
#include "nb.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/review.h"
#include "core/rules.h"
#include "lib/xalloc.h"
#include "store/journal.h"
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
		return report_set_agency(r, value, err);
	if (strcmp(name, "date") == 0)
		return report_set_date(r, value, err);
	if (strcmp(name, "contact") == 0)
		return report_set_contact(r, value, err);
	if (strcmp(name, "year") == 0)
		return report_set_year(r, value, err);
	if (strcmp(name, "kind") == 0) {
		if (*value != '\0' && !review_kind_known(t, value)) {
			*err = xasprintf(_("the %s format knows no agency kind \"%s\""), t->id, value);
			return -1;
		}
		return report_set_kind(r, value, err);
	}
	if (strcmp(name, "auto_totals") == 0) {
		if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0) {
			*err = xstrdup(_("auto_totals must be yes or no"));
			return -1;
		}
		checker_set_auto_totals(ck, strcmp(value, "yes") == 0);
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

/* How long set waits for another writer of the file to finish before giving up. */
#define SET_LOCK_WAIT_MS 3000

/* Take the file's lock, waiting a little for another set; -1 with a message naming the holder. */
static int
lock_for_set(struct cli *cli, const char *file)
{
	struct lock_owner o;
	char *err = NULL;
	int rc = lock_take_wait(file, SET_LOCK_WAIT_MS, &o, &err);

	if (rc == 0)
		return 0;
	if (rc < 0) {	/* a file that cannot be read says so, rather than its lock */
		struct diag_list dl = DIAG_LIST_INIT;
		struct report *r = store_read(file, cli->ts, NULL, &dl);

		if (r == NULL)
			diag_print(&dl, stderr);
		else
			fprintf(stderr, "%s: %s\n", cli->prog, err);
		report_free(r);
		diag_list_free(&dl);
	} else
		fprintf(stderr, _("%s: %s is being edited by %s on %s (pid %d); nothing was changed\n"),
		    cli->prog, file, o.user, o.host, (int)o.pid);
	free(err);
	return -1;
}

/* Read the report and remember what the file held, so the save can tell if it changed. */
static struct report *
load_stamped(struct cli *cli, const char *file, struct store_stamp *stamp)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct buf raw = BUF_INIT;
	struct report *r = store_read(file, cli->ts, &raw, &dl);

	diag_print(&dl, stderr);
	diag_list_free(&dl);
	if (r != NULL)
		store_stamp_bytes(raw.data, raw.len, stamp);
	buf_free(&raw);
	return r;
}

static int
set_run(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_stamp stamp;
	struct store_save_opts so = { &stamp, false, NULL };
	struct report *r;
	struct checker *ck;
	char *err = NULL;
	int c, rc = EXIT_OK;

	optind = 0;
	while ((c = getopt_long(argc, argv, "+fh", longopts, NULL)) != -1) {
		if (c == 'f') {
			so.force = true;
			continue;
		}
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
	/* Read, change and save under the file's lock: two writers never interleave. */
	if (lock_for_set(cli, argv[optind]) != 0)
		return EXIT_USAGE;
	if ((r = load_stamped(cli, argv[optind], &stamp)) == NULL) {
		lock_release(argv[optind]);
		return EXIT_USAGE;
	}
	ck = checker_create(r, NULL);
	checker_run(ck);
	/* auto_totals first: whether a total may be typed must not depend on the order */
	rc = assign_all(cli, r, ck, argc - optind - 1, argv + optind + 1, argv[optind], true);
	rc |= assign_all(cli, r, ck, argc - optind - 1, argv + optind + 1, argv[optind], false);
	if (rc != EXIT_OK)
		fprintf(stderr, _("%s: nothing was changed in %s\n"), cli->prog, argv[optind]);
	else if (store_save(r, argv[optind], STORE_REPLACE, &so, &err) != 0) {
		fprintf(stderr, "%s: %s\n", cli->prog, err);
		free(err);
		rc = EXIT_USAGE;
	} else {	/* saved; what is now broken is said at once, as check would */
		if (so.note != NULL)
			fprintf(stderr, _("%s: warning: %s\n"), cli->prog, so.note);
		cli_print_findings(argv[optind], ck);
		rc = checker_errors(ck) > 0 ? EXIT_RULES : EXIT_OK;
	}
	free(so.note);
	lock_release(argv[optind]);
	checker_free(ck);
	report_free(r);
	return rc;
}

const struct cli_command cmd_set = {
	"set",
	N_("set [--force] FILE CELL=VALUE..."),
	N_("Store values (totals follow when auto totals is on) and save; any invalid value changes nothing."),
	set_run
};
