/* cmd_merge.c - `nianbao merge`: a supervisor's summary, each cell the sum of the departments' reports. */
#include "nb.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/create.h"
#include "lib/buf.h"
#include "lib/xalloc.h"
#include "store/store.h"

struct merge_opts {
	const char	*agency;	/* of the summary; "" by default */
	const char	*out;
	int		 year;		/* 0: the inputs' year */
	bool		 force;		/* merge reports that break error rules */
};

struct input {
	const char	*file;
	struct report	*r;
};

/* Read the options; 0, -1 after --help, or EXIT_USAGE. */
static int
merge_parse_args(struct cli *cli, int argc, char **argv, struct merge_opts *o)
{
	static const struct option longopts[] = {
		{ "agency", required_argument, NULL, 'a' },
		{ "year", required_argument, NULL, 'y' },
		{ "force", no_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	char *end;
	long y;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "a:y:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			o->agency = optarg;
			break;
		case 'y':
			y = strtol(optarg, &end, 10);
			if (end == optarg || *end != '\0' || y < 1900 || y > 9999)
				return cli_usage_error(cli, &cmd_merge, _("--year must be a year like 2025"));
			o->year = (int)y;
			break;
		case 'F':
			o->force = true;
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'h':
			cli_print_help(cli, &cmd_merge, stdout);
			return -1;
		default:
			return cli_usage_error(cli, &cmd_merge, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (o->out == NULL)
		return cli_usage_error(cli, &cmd_merge, _("give the summary to create with -o OUT"));
	if (optind >= argc)
		return cli_usage_error(cli, &cmd_merge, _("no report FILE given"));
	return 0;
}

/* Read every input, reporting each one that cannot be read; EXIT_USAGE if any. */
static int
load_all(struct cli *cli, char **files, struct input *in, size_t n)
{
	int rc = EXIT_OK;

	for (size_t i = 0; i < n; i++) {
		in[i].file = files[i];
		if ((in[i].r = cli_load(cli, files[i])) == NULL)
			rc = EXIT_USAGE;
	}
	return rc;
}

/* The same file given twice would be counted twice; EXIT_USAGE then. */
static int
no_repeats(struct cli *cli, const struct input *in, size_t n)
{
	struct stat *st = xcalloc(n, sizeof *st);
	int rc = EXIT_OK;

	for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
		if (stat(in[i].file, &st[i]) != 0)
			continue;
		for (size_t k = 0; k < i && rc == EXIT_OK; k++)
			if (st[k].st_dev == st[i].st_dev && st[k].st_ino == st[i].st_ino) {
				fprintf(stderr, _("%s: %s and %s are the same report; it would be counted twice\n"),
				    cli->prog, in[k].file, in[i].file);
				rc = EXIT_USAGE;
			}
	}
	free(st);
	return rc;
}

/* Every input must be in the first one's format and of its year; EXIT_USAGE if not. */
static int
same_kind(struct cli *cli, const struct input *in, size_t n)
{
	const struct report *a = in[0].r;

	for (size_t i = 1; i < n; i++) {
		const struct report *b = in[i].r;

		if (strcmp(b->tpl->id, a->tpl->id) != 0) {
			fprintf(stderr, _("%s: %s is in the %s format, but %s is in %s; only reports in the same format can be merged\n"),
			    cli->prog, in[i].file, b->tpl->id, in[0].file, a->tpl->id);
			return EXIT_USAGE;
		}
		if (b->year != a->year) {
			fprintf(stderr, _("%s: %s is the report for %d, but %s is for %d; only reports of the same year can be merged\n"),
			    cli->prog, in[i].file, b->year, in[0].file, a->year);
			return EXIT_USAGE;
		}
	}
	return EXIT_OK;
}

/* Check every input's rules; EXIT_RULES if some break an error rule (and no --force). */
static int
check_all(struct cli *cli, const struct input *in, size_t n, bool force)
{
	size_t bad = 0;

	for (size_t i = 0; i < n; i++)
		bad += cli_print_errors(in[i].file, in[i].r) > 0;
	if (bad == 0)
		return EXIT_OK;
	if (force) {
		fprintf(stderr, _("%s: warning: %zu reports have errors; merged anyway (--force)\n"),
		    cli->prog, bad);
		return EXIT_OK;
	}
	fprintf(stderr, _("%s: %zu reports have errors; nothing was merged (--force merges them anyway)\n"),
	    cli->prog, bad);
	return EXIT_RULES;
}

/* A money unit as people read it: the unit typed, or a word for none. */
static const char *
unit_name(const struct value *v)
{
	return v->unit[0] != '\0' ? v->unit : _("no unit");
}

/* The sum of one cell over the inputs: blank where all are blank, "/" where all
 * are "/", else the exact sum (blank and "/" count 0); EXIT_USAGE if the money
 * units differ, for nianbao does not convert them. */
static int
sum_cell(struct cli *cli, const struct input *in, size_t n, int cell, struct value *out)
{
	const struct tpl_value *tv = &in[0].r->tpl->values[cell];
	const struct value *first = NULL;
	size_t blank = 0, na = 0, from = 0;
	int64_t sum = 0;

	for (size_t i = 0; i < n; i++) {
		const struct value *v = &in[i].r->cells[cell];

		if (v->state == VALUE_UNREADABLE) {	/* one unknown part: the sum is unknown */
			memset(out, 0, sizeof *out);
			out->state = VALUE_UNREADABLE;
			return EXIT_OK;
		}
		if (v->state != VALUE_NUMBER) {
			blank += v->state == VALUE_BLANK;
			na += v->state == VALUE_NA;
			continue;
		}
		if (first == NULL) {
			first = v;
			from = i;
		} else if (strcmp(v->unit, first->unit) != 0) {
			fprintf(stderr, _("%s: cell %s (%s, %s): %s is in %s but %s is in %s; put both in the same unit first\n"),
			    cli->prog, tv->id, tv->row_label, tv->col_label, in[from].file, unit_name(first),
			    in[i].file, unit_name(v));
			return EXIT_USAGE;
		}
		if (__builtin_add_overflow(sum, value_fixed(v), &sum)) {
			fprintf(stderr, _("%s: cell %s: the sum is too large to be stored\n"), cli->prog, tv->id);
			return EXIT_USAGE;
		}
	}
	memset(out, 0, sizeof *out);
	if (first == NULL) {
		out->state = blank == n ? VALUE_BLANK : na == n ? VALUE_NA : VALUE_NUMBER;
		return EXIT_OK;
	}
	*out = value_from_fixed(sum, &tv->kind);
	snprintf(out->unit, sizeof out->unit, "%s", first->unit);
	return EXIT_OK;
}

/* The summary's value must read back as it is (a cell holds 12 digits); EXIT_USAGE if not. */
static int
storable(struct cli *cli, const struct template *t, int cell, const struct value *v)
{
	struct value back;
	char text[64], *err = NULL;
	bool same;

	value_format(v, &t->values[cell].kind, text, sizeof text);
	same = value_parse(text, &t->values[cell].kind, t->units, t->nunits, &back, &err) == 0 &&
	    value_equal(&back, v);
	free(err);
	if (same)
		return EXIT_OK;
	fprintf(stderr, _("%s: cell %s: the sum is too large to be stored\n"), cli->prog, t->values[cell].id);
	return EXIT_USAGE;
}

/* Fill the summary's cells with the inputs' sums; EXIT_USAGE if one cannot be. */
static int
sum_all(struct cli *cli, struct report *s, const struct input *in, size_t n)
{
	const struct template *t = s->tpl;

	for (size_t c = 0; c < t->nvalues; c++)
		if (sum_cell(cli, in, n, (int)c, &s->cells[c]) != EXIT_OK ||
		    storable(cli, t, (int)c, &s->cells[c]) != EXIT_OK)
			return EXIT_USAGE;
	return EXIT_OK;
}

/* The summary report, its metadata from the options; NULL if the options are wrong. */
static struct report *
summary(struct cli *cli, const struct input *in, size_t n, const struct merge_opts *o)
{
	struct create_spec spec = { 0 };
	struct diag_list dl = DIAG_LIST_INIT;
	struct buf from = BUF_INIT;
	struct report *s;
	char *err = NULL;

	spec.tpl = in[0].r->tpl;
	spec.year = o->year != 0 ? o->year : in[0].r->year;
	spec.agency = o->agency;
	spec.auto_totals = false;	/* the totals are sums too, and must stay exactly the sums */
	if (o->year != 0 && !template_covers(spec.tpl, spec.year)) {	/* --year cannot change the format */
		fprintf(stderr, _("%s: the reports are in the %s format, which is not the one for %d reports\n"),
		    cli->prog, spec.tpl->id, spec.year);
		return NULL;
	}
	s = create_report(cli->ts, &spec, &dl);
	diag_print(&dl, stderr);
	diag_list_free(&dl);
	if (s == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)	/* the file records what it was compiled from */
		buf_addf(&from, "%s%s", i > 0 ? " " : "", in[i].file);
	if (report_set_merged_from(s, from.data != NULL ? from.data : "", &err) != 0) {
		fprintf(stderr, "%s: %s: %s\n", cli->prog, from.data, err);	/* a file name not in UTF-8 */
		free(err);
		report_free(s);
		s = NULL;
	}
	buf_free(&from);
	return s;
}

/* Create out with the summary, never over an existing file; EXIT_USAGE on failure. */
static int
write_summary(struct cli *cli, const struct report *s, const char *out)
{
	char *err = NULL;
	int rc = EXIT_OK;

	if (store_save(s, out, STORE_CREATE, NULL, &err) != 0) {
		fprintf(stderr, "%s: %s\n", cli->prog, err);
		free(err);
		rc = EXIT_USAGE;
	}
	return rc;
}

/* Say what was merged into what. */
static void
print_done(struct cli *cli, const struct input *in, size_t n, const char *out)
{
	fprintf(stderr, _("%s: merged %zu reports into %s\n"), cli->prog, n, out);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "  %s\t%s\n", in[i].file, *in[i].r->agency != '\0' ? in[i].r->agency :
		    _("(no agency)"));
}

static int
merge_run(struct cli *cli, int argc, char **argv)
{
	struct merge_opts o = { "", NULL, 0, false };
	struct report *s = NULL;
	struct input *in;
	struct stat st;
	size_t n;
	int rc;

	if ((rc = merge_parse_args(cli, argc, argv, &o)) != 0)
		return rc < 0 ? EXIT_OK : rc;
	if (lstat(o.out, &st) == 0) {	/* say so before any work; store_save makes sure */
		fprintf(stderr, "%s: ", cli->prog);
		fprintf(stderr, _("%s already exists; nianbao does not overwrite it"), o.out);
		fputc('\n', stderr);
		return EXIT_USAGE;
	}
	n = (size_t)(argc - optind);
	in = xcalloc(n, sizeof *in);
	if ((rc = load_all(cli, argv + optind, in, n)) == EXIT_OK &&
	    (rc = no_repeats(cli, in, n)) == EXIT_OK &&
	    (rc = same_kind(cli, in, n)) == EXIT_OK)
		rc = (s = summary(cli, in, n, &o)) == NULL ? EXIT_USAGE : EXIT_OK;
	if (rc == EXIT_OK && (rc = sum_all(cli, s, in, n)) == EXIT_OK &&
	    (rc = check_all(cli, in, n, o.force)) == EXIT_OK &&
	    (rc = write_summary(cli, s, o.out)) == EXIT_OK)
		print_done(cli, in, n, o.out);
	report_free(s);
	for (size_t i = 0; i < n; i++)
		report_free(in[i].r);
	free(in);
	return rc;
}

const struct cli_command cmd_merge = {
	"merge",
	N_("merge [--agency NAME] [--year YYYY] [--force] -o OUT FILE..."),
	N_("Create the summary OUT of reports in the same format and year: each cell the sum of theirs (never overwrites)."),
	merge_run
};
