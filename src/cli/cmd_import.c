/* cmd_import.c - `nianbao import`: a published report (text or HTML) into a report file. */
#include "nb.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/review.h"
#include "import/import.h"
#include "lib/buf.h"
#include "lib/xalloc.h"
#include "store/store.h"

/* SOURCE with its extension replaced by .nb, beside it. */
static char *
default_out(const char *source)
{
	const char *slash = strrchr(source, '/'), *dot = strrchr(source, '.');

	if (dot == NULL || (slash != NULL && dot < slash) || dot == source ||
	    (slash != NULL && dot == slash + 1))
		return xasprintf("%s.nb", source);
	return xasprintf("%.*s.nb", (int)(dot - source), source);
}

/*
 * The agency's kind decides what the statute requires of the text, and a
 * published page does not state it: record the one given (--kind), else the
 * one the agency's name suggests, and say which, so that a wrong guess can be
 * mended with `set OUT kind=KIND`.
 */
static int
import_kind(struct cli *cli, struct report *r, const char *kind, const char *out)
{
	struct buf b = BUF_INIT;
	char *err = NULL;
	int rc = 0;

	if (kind != NULL) {
		if (*kind != '\0' && !review_kind_known(r->tpl, kind)) {
			review_kinds_text(r->tpl, &b);
			fprintf(stderr, _("%s: the %s format knows no agency kind \"%s\" (it knows: %s)\n"),
			    cli->prog, r->tpl->id, kind, b.data != NULL ? b.data : "");
			rc = -1;
		}
	} else if ((kind = review_guess_kind(r->tpl, r->agency, &b)) != NULL)
		fprintf(stderr, _("%s: agency kind %s, guessed from the name \"%s\"; if it is wrong: %s set %s kind=KIND\n"),
		    cli->prog, kind, r->agency, cli->prog, out);
	else if (*r->agency != '\0')
		fprintf(stderr, _("%s: the agency kind is not known from the name \"%s\"; say it with --kind, or later: %s set %s kind=KIND\n"),
		    cli->prog, r->agency, cli->prog, out);
	if (rc == 0 && kind != NULL && report_set_kind(r, kind, &err) != 0) {
		fprintf(stderr, "%s: %s\n", cli->prog, err);
		rc = -1;
	}
	free(err);
	buf_free(&b);
	return rc;
}

static int
import_run(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "year", required_argument, NULL, 'y' },
		{ "agency", required_argument, NULL, 'a' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'F' },
		{ "kind", required_argument, NULL, 'K' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct import_opts o = { NULL, NULL, 0, NULL };
	struct diag_list warn = DIAG_LIST_INIT;
	struct report *r;
	const char *out = NULL, *kind = NULL;
	char *err = NULL, *end, *own_out = NULL;
	bool force = false;
	int c, rc = EXIT_USAGE;

	optind = 0;
	while ((c = getopt_long(argc, argv, "f:y:a:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			o.format = strcmp(optarg, "auto") == 0 ? NULL : optarg;
			break;
		case 'y':
			o.year = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || o.year < 1900 || o.year > 9999)
				return cli_usage_error(cli, &cmd_import, _("--year must be a year like 2025"));
			break;
		case 'a':
			o.agency = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'F':
			force = true;
			break;
		case 'K':
			kind = optarg;
			break;
		case 'h':
			cli_print_help(cli, &cmd_import, stdout);
			return EXIT_OK;
		default:
			return cli_usage_error(cli, &cmd_import, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error(cli, &cmd_import, _("give exactly one SOURCE to import"));
	o.name = argv[optind];
	if (out == NULL && strcmp(o.name, "-") == 0)
		return cli_usage_error(cli, &cmd_import, _("reading standard input needs -o OUT"));
	if (out == NULL)
		out = own_out = default_out(o.name);
	if (!force && access(out, F_OK) == 0) {
		fprintf(stderr, _("%s: %s exists; choose another -o OUT, or --force to replace it\n"),
		    cli->prog, out);
		goto done;
	}
	r = import_file(cli->ts, o.name, &o, &warn, &err);
	if (r == NULL) {	/* what was left out of nothing is not worth listing */
		fprintf(stderr, "%s: %s: %s\n", cli->prog, o.name, err);
		goto done;
	}
	diag_print(&warn, stderr);
	free(err);
	err = NULL;
	if (import_kind(cli, r, kind, out) != 0) {
		report_free(r);
		goto done;
	}
	if (store_save(r, out, force ? STORE_REPLACE : STORE_CREATE, NULL, &err) != 0) {
		report_free(r);
		fprintf(stderr, "%s: %s\n", cli->prog, err);
		goto done;
	}
	report_free(r);
	fprintf(stderr, _("%s: wrote %s (%zu warnings); run `%s check %s` for its arithmetic\n"),
	    cli->prog, out, warn.n, cli->prog, out);
	rc = EXIT_OK;
done:
	free(err);
	free(own_out);
	diag_list_free(&warn);
	return rc;
}

const struct cli_command cmd_import = {
	"import",
	N_("import [--format auto|2019|2021] [--year YYYY] [--agency NAME] [--kind KIND] [-o OUT] [--force] SOURCE"),
	N_("Read a published report (text copied from a page, an HTML page, or an export) into a report file, every number as published."),
	import_run
};
