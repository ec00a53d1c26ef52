/* cmd_ack.c - `nianbao ack`: acknowledge a warning (of the review or of the tables' rules), with the reason, in the report. */
#include "nb.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/review.h"
#include "core/rulewarn.h"
#include "core/rules.h"
#include "import/lastyear.h"
#include "lib/buf.h"
#include "lib/xalloc.h"
#include "store/journal.h"
#include "store/store.h"

#define ACK_LOCK_WAIT_MS 2000

/* The finding of the review of r named id (as check --json names it), or -1. */
static long
ack_find(const struct report *r, const struct review_list *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++) {
		char *key = review_key_of(r, &l->v[i]);
		bool same = strcmp(key, id) == 0;

		free(key);
		if (same)
			return (long)i;
	}
	return -1;
}

/* Record the acknowledgement in the report read from file (under its lock); an exit status. */
static int
ack_record(struct cli *cli, const char *file, const char *last, const char *id, const char *reason)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct buf raw = BUF_INIT;
	struct store_stamp stamp;
	struct store_save_opts so = { &stamp, false, NULL };
	struct review_list l = REVIEW_LIST_INIT;
	struct report *r = store_read(file, cli->ts, &raw, &dl), *prev = NULL;
	struct checker *ck;
	char *err = NULL;
	long i;
	int rc = EXIT_USAGE;

	if (r == NULL) {
		diag_print(&dl, stderr);
		goto out;
	}
	store_stamp_bytes(raw.data, raw.len, &stamp);
	/* last year's report as check was given it (--previous), else the one the report names */
	prev = last != NULL ? lastyear_load_given(cli->ts, last, &dl) : lastyear_load_previous(file, r, cli->ts, &dl);
	if (last != NULL && prev == NULL) {
		diag_print(&dl, stderr);
		goto out;
	}
	review_report(r, prev, cli->prefs.copy_pct, &l);
	ck = checker_create(r, prev);	/* the tables' warnings (X1 ...) can be acknowledged too */
	checker_run(ck);
	review_rule_warnings(ck, &l);
	checker_free(ck);
	if ((i = ack_find(r, &l, id)) < 0)
		fprintf(stderr, _("%s: %s: no warning is named %s (check --json names them: \"id\")\n"),
		    cli->prog, file, id);
	else if (review_ack(r, &l.v[i], reason, &err) != 0 || store_save(r, file, STORE_REPLACE, &so, &err) != 0)
		fprintf(stderr, "%s: %s: %s\n", cli->prog, file, err);
	else
		rc = EXIT_OK;
out:
	free(err);
	free(so.note);
	review_list_free(&l);
	report_free(prev);
	report_free(r);
	buf_free(&raw);
	diag_list_free(&dl);
	return rc;
}

static int
ack_run(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "previous", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct lock_owner o;
	const char *last = NULL;
	char *err = NULL;
	int c, rc;

	optind = 0;
	while ((c = getopt_long(argc, argv, "+p:h", longopts, NULL)) != -1) {
		if (c == 'p') {
			last = optarg;
			continue;
		}
		if (c == 'h') {
			cli_print_help(cli, &cmd_ack, stdout);
			return EXIT_OK;
		}
		return cli_usage_error(cli, &cmd_ack, _("unknown option '%s'"), argv[optind - 1]);
	}
	if (argc - optind != 3)
		return cli_usage_error(cli, &cmd_ack, _("give a report FILE, a FINDING and the REASON"));
	if ((rc = lock_take_wait(argv[optind], ACK_LOCK_WAIT_MS, &o, &err)) != 0) {
		if (rc < 0)
			fprintf(stderr, "%s: %s\n", cli->prog, err);
		else
			fprintf(stderr, _("%s: %s is being edited by %s on %s (pid %d); nothing was changed\n"),
			    cli->prog, argv[optind], o.user, o.host, (int)o.pid);
		free(err);
		return EXIT_USAGE;
	}
	rc = ack_record(cli, argv[optind], last, argv[optind + 1], argv[optind + 2]);
	lock_release(argv[optind]);
	return rc;
}

const struct cli_command cmd_ack = {
	"ack",
	N_("ack [--previous LAST] FILE FINDING REASON"),
	N_("Acknowledge a warning (of the review of the words, or of the tables' rules such as the cross-year ones; FINDING as check --json names it: \"id\"), with the reason; check then lists it apart and does not count it."),
	ack_run
};
