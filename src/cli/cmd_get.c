/* cmd_get.c - `nianbao get`: cell values, one per line, and texts, for scripts. */
#include "nb.h"

#include <getopt.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "lib/xalloc.h"

static void
print_cell(const struct report *r, int cell)
{
	const struct tpl_value *v = &r->tpl->values[cell];
	char text[64];

	value_format(&r->cells[cell], &v->kind, text, sizeof text);
	printf("%s\t%s\t%s\t%s\n", v->id, v->row_label, v->col_label, text);
}

/* A cell's line, or a text part as stored (linked numbers as {=NAME}, core/links.h). */
static void
print_item(const struct report *r, const char *id)
{
	int cell = template_value(r->tpl, id);

	if (cell >= 0)
		print_cell(r, cell);
	else
		printf("%s\n", r->texts[template_part(r->tpl, id)]);
}

static int
get_run(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct report *r;
	int c, rc = EXIT_OK;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h') {
			cli_print_help(cli, &cmd_get, stdout);
			return EXIT_OK;
		}
		return cli_usage_error(cli, &cmd_get, _("unknown option '%s'"), argv[optind - 1]);
	}
	if (optind >= argc)
		return cli_usage_error(cli, &cmd_get, _("no report FILE given"));
	if ((r = cli_load(cli, argv[optind])) == NULL)
		return EXIT_USAGE;
	for (int i = optind + 1; i < argc; i++)
		if (template_value(r->tpl, argv[i]) < 0 && template_part(r->tpl, argv[i]) < 0) {
			fprintf(stderr, "%s: %s: ", cli->prog, argv[optind]);
			fprintf(stderr, _("template %s has no cell or text \"%s\""), r->tpl->id, argv[i]);
			fputc('\n', stderr);
			rc = EXIT_USAGE;
		}
	if (rc == EXIT_OK && optind + 1 == argc)
		for (size_t i = 0; i < r->tpl->nvalues; i++)
			print_cell(r, (int)i);
	else if (rc == EXIT_OK)
		for (int i = optind + 1; i < argc; i++)
			print_item(r, argv[i]);
	report_free(r);
	return rc;
}

const struct cli_command cmd_get = {
	"get",
	N_("get FILE [CELL|PART]..."),
	N_("Print cells as CELL-ID<TAB>row label<TAB>column label<TAB>value (all cells by default), a text PART as stored."),
	get_run
};
