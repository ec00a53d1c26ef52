/* cmd_export.c - `nianbao export`: the text, HTML or Word document to publish, in the encoding asked for. */
#include "nb.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "export/encode.h"
#include "export/export.h"
#include "lib/xalloc.h"
#include "store/store.h"

/* Options given on the command line, which override the report's remembered choice. */
enum { GIVEN_TO = 1, GIVEN_ENCODING = 2, GIVEN_CRLF = 4, GIVEN_BLANK = 8 };

struct choice {
	struct export_request req;
	unsigned	 given;
	bool		 force;
	const char	*out;
	int		 ambiguous;	/* 0: by encoding */
};

static int
export_parse_args(struct cli *cli, int argc, char **argv, struct choice *c)
{
	static const struct option longopts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "crlf", no_argument, NULL, 'c' },
		{ "lf", no_argument, NULL, 'l' },
		{ "fragment", no_argument, NULL, 'f' },
		{ "blank", required_argument, NULL, 'b' },
		{ "width", required_argument, NULL, 'w' },
		{ "ambiguous-width", required_argument, NULL, 'a' },
		{ "force", no_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int k;

	export_request_init(&c->req, NULL);
	optind = 0;
	while ((k = getopt_long(argc, argv, "t:e:o:h", longopts, NULL)) != -1) {
		switch (k) {
		case 't':
			if (strcmp(optarg, "text") != 0 && strcmp(optarg, "html") != 0 &&
			    strcmp(optarg, "docx") != 0)
				return cli_usage_error(cli, &cmd_export, _("--to must be text, html or docx"));
			c->req.html = strcmp(optarg, "html") == 0;
			c->req.docx = strcmp(optarg, "docx") == 0;
			c->given |= GIVEN_TO;
			break;
		case 'e':
			if ((c->req.encoding = encode_name(optarg)) == NULL)
				return cli_usage_error(cli, &cmd_export, _("--encoding must be utf-8, gb18030 or gbk"));
			c->given |= GIVEN_ENCODING;
			break;
		case 'c': c->req.crlf = true; c->given |= GIVEN_CRLF; break;
		case 'l': c->req.crlf = false; c->given |= GIVEN_CRLF; break;
		case 'f': c->req.opts.fragment = true; break;
		case 'F': c->force = true; break;
		case 'o': c->out = optarg; break;
		case 'b':
			if (strcmp(optarg, "zero") != 0 && strcmp(optarg, "empty") != 0)
				return cli_usage_error(cli, &cmd_export, _("--blank must be zero or empty"));
			c->req.opts.blank = strcmp(optarg, "zero") == 0 ? BLANK_ZERO : BLANK_EMPTY;
			c->given |= GIVEN_BLANK;
			break;
		case 'w':
			c->req.opts.width = atoi(optarg);
			if (strcmp(optarg, "0") != 0 && (c->req.opts.width < 40 || c->req.opts.width > 400))
				return cli_usage_error(cli, &cmd_export,
				    _("--width must be 0 (a paragraph per line) or 40 to 400 columns"));
			break;
		case 'a':
			if ((c->ambiguous = atoi(optarg)) != 1 && c->ambiguous != 2)
				return cli_usage_error(cli, &cmd_export, _("--ambiguous-width must be 1 or 2"));
			break;
		case 'h':
			cli_print_help(cli, &cmd_export, stdout);
			return -1;
		default:
			return cli_usage_error(cli, &cmd_export, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error(cli, &cmd_export, _("give exactly one report FILE"));
	return 0;
}

/*
 * Start from the choice the report remembers (the editor's last F4), with
 * the options given on top, and say so: the command line and the editor
 * then export the same way.
 */
static void
export_with_remembered(struct cli *cli, const char *file, const struct report *r, struct choice *c)
{
	struct export_request base;

	if (r->export_choice != NULL && r->export_choice[0] != '\0') {
		export_request_init(&base, r->export_choice);
		if (c->given & GIVEN_TO) {
			base.html = c->req.html;
			base.docx = c->req.docx;
		}
		if (c->given & GIVEN_ENCODING)
			base.encoding = c->req.encoding;
		if (c->given & GIVEN_CRLF)
			base.crlf = c->req.crlf;
		if (c->given & GIVEN_BLANK)
			base.opts.blank = c->req.opts.blank;
		base.opts.fragment = c->req.opts.fragment;
		base.opts.width = c->req.opts.width;
		c->req = base;
		fprintf(stderr, _("%s: %s remembers the export choice '%s' (from the editor); options given override it\n"),
		    cli->prog, file, r->export_choice);
	}
	c->req.opts.ambiguous = c->ambiguous != 0 ? c->ambiguous : strcmp(c->req.encoding, "UTF-8") == 0 ? 1 : 2;
	c->req.opts.charset = c->req.encoding;
}

/* Write the bytes to out ("-": standard output), atomically beside the report. */
static int
write_out(struct cli *cli, const char *out, bool named, const struct buf *b)
{
	char *err = NULL;

	if (strcmp(out, "-") == 0)
		return fwrite(b->data, 1, b->len, stdout) == b->len ? 0 : -1;
	if (export_write(out, b, named, &err) != 0) {
		fprintf(stderr, "%s: %s\n", cli->prog, err);
		free(err);
		return -1;
	}
	return 0;
}

static int
export_run(struct cli *cli, int argc, char **argv)
{
	struct choice c;
	struct export_stats st = { 0 };
	struct buf bytes = BUF_INIT;
	struct report *r;
	char *out = NULL, *err = NULL, *who;
	size_t errors;
	bool existed;
	int rc;

	memset(&c, 0, sizeof c);
	if ((rc = export_parse_args(cli, argc, argv, &c)) != 0)
		return rc < 0 ? EXIT_OK : rc;
	if ((r = cli_load(cli, argv[optind])) == NULL)
		return EXIT_USAGE;
	export_with_remembered(cli, argv[optind], r, &c);
	rc = EXIT_OK;
	who = xasprintf("%s: %s", cli->prog, argv[optind]);
	errors = cli_print_errors(who, r);
	free(who);
	if (errors > 0 && !c.force) {
		fprintf(stderr, _("%s: %s breaks the rules above; nothing was exported (--force exports it anyway)\n"),
		    cli->prog, argv[optind]);
		rc = EXIT_RULES;
		goto out;
	}
	out = c.out != NULL ? xstrdup(c.out) : export_request_path(argv[optind], &c.req);
	existed = strcmp(out, "-") != 0 && access(out, F_OK) == 0;
	if (export_report(r, &c.req, &bytes, &st, &err) != 0) {
		fprintf(stderr, "%s: %s: %s\n", cli->prog, argv[optind], err);
		rc = EXIT_USAGE;
	} else if (write_out(cli, out, c.out != NULL, &bytes) != 0)
		rc = EXIT_USAGE;
	else if (strcmp(out, "-") != 0) {
		fprintf(stderr, _("%s: wrote %s (%s); %zu blank cells printed as 0\n"), cli->prog, out,
		    c.req.docx ? "Word" : c.req.encoding, st.blanks_as_zero);
		if (st.unreadable > 0)
			fprintf(stderr, _("%s: warning: %zu cells unreadable in the page they were imported from are printed as ?\n"),
			    cli->prog, st.unreadable);
		if (st.unknown_links > 0)
			fprintf(stderr, _("%s: warning: %zu linked numbers of the text read blank cells and are printed as ?\n"),
			    cli->prog, st.unknown_links);
		if (existed)	/* never replaced silently */
			fprintf(stderr, _("%s: the previous %s is kept as %s~\n"), cli->prog, out, out);
	}
out:
	free(err);
	free(out);
	buf_free(&bytes);
	report_free(r);
	return rc;
}

const struct cli_command cmd_export = {
	"export",
	N_("export --to text|html|docx [--encoding utf-8|gb18030|gbk] [--crlf|--lf] [--fragment] [--blank zero|empty] [--width N] [--force] [-o OUT] FILE"),
	N_("Write the report to publish: standard text, HTML or a Word document (FILE.txt, FILE.html or FILE.docx beside it by default)."),
	export_run
};
