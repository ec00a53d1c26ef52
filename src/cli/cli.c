/* cli.c - global options and subcommand dispatch. */
#include "nb.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/rules.h"
#include "import/lastyear.h"
#include "lib/buf.h"
#include "lib/xalloc.h"
#include "store/store.h"

static const struct cli_command *const commands[] = {
	&cmd_new, &cmd_get, &cmd_set, &cmd_check, &cmd_export, &cmd_merge, &cmd_import, &cmd_ack,
	NULL
};

struct report *
cli_load(struct cli *cli, const char *path)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct report *r = store_read(path, cli->ts, NULL, &dl);

	diag_print(&dl, stderr);
	diag_list_free(&dl);
	return r;
}

size_t
cli_print_errors(const char *prefix, struct report *r)
{
	struct checker *ck = checker_create(r, NULL);
	size_t n;

	checker_run(ck);
	n = checker_errors(ck);
	for (size_t i = 0; i < checker_instances(ck); i++) {
		struct finding f;
		char *m;

		if (checker_status(ck, i) != FINDING_FAIL)
			continue;
		checker_finding(ck, i, &f);
		if (f.warning)
			continue;
		m = checker_message(ck, i);
		fprintf(stderr, "%s: %s %s: %s\n", prefix, _("error"), f.rule, m);
		free(m);
	}
	checker_free(ck);
	return n;
}

struct report *
cli_load_any(struct cli *cli, const char *path)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct report *r = lastyear_load_given(cli->ts, path, &dl);

	diag_print(&dl, stderr);
	diag_list_free(&dl);
	return r;
}

void
cli_print_help(struct cli *cli, const struct cli_command *cmd, FILE *fp)
{
	fprintf(fp, _("Usage: %s %s\n"), cli->prog, _(cmd->usage));
	fprintf(fp, "%s\n", _(cmd->summary));
}

int
cli_usage_error(struct cli *cli, const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cli->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cmd != NULL)
		fprintf(stderr, _("Usage: %s %s\n"), cli->prog, _(cmd->usage));
	fprintf(stderr, _("Try '%s --help' for more information.\n"), cli->prog);
	return EXIT_USAGE;
}

static void
cli_help(struct cli *cli)
{
	printf(_("Usage: %s [OPTION]... COMMAND [ARG]...\n"
	    "       %s [OPTION]... FILE\n"
	    "Draft, check and publish the annual report on government information\n"
	    "disclosure in the official format.\n\n"), cli->prog, cli->prog);
	printf(_("Commands:\n"));
	for (size_t i = 0; commands[i] != NULL; i++) {
		printf("  %s\n", _(commands[i]->usage));
		printf("      %s\n", _(commands[i]->summary));
	}
	printf(_("\nWith only FILE, nianbao opens the report FILE in the editor (creating it\n"
	    "if it does not exist); when not on a terminal, it checks FILE instead.\n\n"
	    "Options:\n"
	    "  -T, --templates=DIR  look for templates in DIR first\n"
	    "  -h, --help           show this help and exit\n"
	    "  -V, --version        show the version and exit\n\n"
	    "Exit status: 0 if all is well, 1 if a report breaks a rule of its format,\n"
	    "2 if a file cannot be read or the command is wrong.\n\n"
	    "Templates are searched in $NIANBAO_TEMPLATE_PATH, then in %s.\n"
	    "See nianbao(1) and nianbao(5).\n"), TEMPLATEDIR);
}

static char *
template_path(const char *extra)
{
	const char *env = getenv("NIANBAO_TEMPLATE_PATH");
	struct buf b = BUF_INIT;

	if (extra != NULL)
		buf_addf(&b, "%s:", extra);
	if (env != NULL && *env != '\0')
		buf_addf(&b, "%s:", env);
	buf_adds(&b, TEMPLATEDIR);
	return buf_detach(&b);
}

/* `nianbao FILE`: the editor on a terminal; otherwise (a pipe, a script) a check. */
static int
open_file(struct cli *cli, int argc, char **argv, cli_editor_fn editor)
{
	if (editor != NULL && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		if (argc != 1)
			return cli_usage_error(cli, NULL, _("give one report FILE to edit"));
		return editor(argv[0], cli->ts, &cli->prefs);
	}
	return cmd_check.run(cli, argc + 1, argv - 1);
}

/* Output lost to a full disk or a closed pipe is a failure, not a success: say so. */
static int
close_stdout(struct cli *cli)
{
	bool bad = fflush(stdout) != 0 || ferror(stdout);
	int e = errno;

	if (fclose(stdout) != 0 && !bad) {
		bad = true;
		e = errno;
	}
	if (!bad)
		return 0;
	fprintf(stderr, _("%s: cannot write the output: %s\n"), cli->prog, strerror(e != 0 ? e : EIO));
	return -1;
}

int
cli_main(int argc, char **argv, cli_editor_fn editor)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "templates", required_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli cli;
	const char *extra = NULL;
	char *path;
	int c, rc;

	memset(&cli, 0, sizeof cli);
	cli.prog = "nianbao";
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+hVT:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			cli_help(&cli);
			return EXIT_OK;
		case 'V':
			printf("nianbao %s\n", PACKAGE_VERSION);
			return EXIT_OK;
		case 'T':
			extra = optarg;
			break;
		default:
			return cli_usage_error(&cli, NULL, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error(&cli, NULL, _("no command or report file given"));
	path = template_path(extra);
	cli.ts = tplset_create(path);
	free(path);
	prefs_init(&cli.prefs);
	rc = -1;
	/* The first word alone picks the command: a command moves optind, so
	 * the words after it must never be read as a second command. */
	for (size_t i = 0; rc < 0 && commands[i] != NULL; i++)
		if (strcmp(argv[optind], commands[i]->name) == 0) {
			optind++;
			rc = commands[i]->run(&cli, argc - optind + 1, argv + optind - 1);
			break;
		}
	if (rc < 0 && access(argv[optind], F_OK) != 0 && strchr(argv[optind], '.') == NULL &&
	    strchr(argv[optind], '/') == NULL)	/* a mistyped command, not a file */
		rc = cli_usage_error(&cli, NULL, _("unknown command '%s'"), argv[optind]);
	if (rc < 0)
		rc = open_file(&cli, argc - optind, argv + optind, editor);
	tplset_free(cli.ts);
	prefs_free(&cli.prefs);
	if (close_stdout(&cli) != 0)
		rc = EXIT_USAGE;
	return rc;
}
