/* cmd_check.c - `nianbao check`: every rule of every report, for people or for scripts. */
#include "nb.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "rules.h"
#include "store.h"
#include "xalloc.h"

static void
json_str(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			buf_addf(b, "\\%c", c);
		else if (c == '\n')
			buf_adds(b, "\\n");
		else if (c < 0x20 || c == 0x7F)
			buf_addf(b, "\\u%04x", c);
		else
			buf_addc(b, (char)c);
	}
	buf_addc(b, '"');
}

static void
json_num(struct buf *b, int64_t fixed)
{
	char n[64];

	value_format_fixed(fixed, n, sizeof n);
	buf_adds(b, n);
}

static void
json_finding(struct buf *b, const struct checker *ck, const struct report *r, size_t i)
{
	struct finding f;
	char *msg = checker_message(ck, i);

	checker_finding(ck, i, &f);
	buf_adds(b, "{\"rule\": ");
	json_str(b, f.rule);
	buf_addf(b, ", \"severity\": \"%s\", \"cells\": [", f.warning ? "warning" : "error");
	for (size_t k = 0; k < f.ncells; k++) {
		if (k > 0)
			buf_adds(b, ", ");
		json_str(b, r->tpl->values[f.cells[k]].id);
	}
	buf_adds(b, "], \"lhs\": ");
	json_num(b, f.lhs);
	buf_adds(b, ", \"rhs\": ");
	json_num(b, f.rhs);
	buf_adds(b, ", \"cell\": ");
	if (f.fix >= 0 || f.domain)
		json_str(b, r->tpl->values[f.fix >= 0 ? f.fix : f.cells[0]].id);
	else
		buf_adds(b, "null");
	buf_adds(b, ", \"expected\": ");
	if (f.has_expected)
		json_num(b, f.expected);
	else
		buf_adds(b, "null");
	buf_adds(b, ", \"actual\": ");
	if (f.fix >= 0 && r->cells[f.fix].state == VALUE_NUMBER)
		json_num(b, value_fixed(&r->cells[f.fix]));
	else if (f.domain)
		json_num(b, f.lhs);
	else
		buf_adds(b, "null");
	buf_adds(b, ", \"message\": ");
	json_str(b, msg);
	buf_adds(b, "}");
	free(msg);
}

static void
human_finding(const char *file, const struct checker *ck, size_t i)
{
	struct finding f;
	char *msg = checker_message(ck, i);

	checker_finding(ck, i, &f);
	printf("%s: %s %s: %s\n", file, f.warning ? _("warning") : _("error"), f.rule, msg);
	free(msg);
}

/* Check one file; returns its exit status. */
static int
check_file(struct cli *cli, const char *file, bool json, struct buf *out, bool first)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct report *r = store_load(file, cli->ts, &dl);
	struct checker *ck;
	size_t n = 0;

	if (json) {
		buf_adds(out, first ? "\n  " : ",\n  ");
		buf_adds(out, "{\"file\": ");
		json_str(out, file);
	}
	if (r == NULL) {
		diag_print(&dl, stderr);
		if (json) {
			buf_adds(out, ", \"error\": ");
			json_str(out, dl.n > 0 ? dl.v[0].msg : "");
			buf_adds(out, "}");
		}
		diag_list_free(&dl);
		return EXIT_USAGE;
	}
	ck = checker_create(r, NULL);
	checker_run(ck);
	if (json) {
		buf_adds(out, ", \"agency\": ");
		json_str(out, r->agency);
		buf_addf(out, ", \"year\": %d, \"template\": ", r->year);
		json_str(out, r->tpl->id);
		buf_addf(out, ", \"errors\": %zu, \"warnings\": %zu, \"diagnostics\": [",
		    checker_errors(ck), checker_warnings(ck));
	}
	for (size_t i = 0; i < checker_instances(ck); i++) {
		if (checker_status(ck, i) != FINDING_FAIL)
			continue;
		if (json) {
			buf_adds(out, n++ > 0 ? ",\n    " : "\n    ");
			json_finding(out, ck, r, i);
		} else
			human_finding(file, ck, i);
	}
	if (json)
		buf_adds(out, n > 0 ? "\n  ]}" : "]}");
	else
		printf(_("%s: %s %d: %zu errors, %zu warnings\n"), file, *r->agency != '\0' ?
		    r->agency : _("(no agency)"), r->year, checker_errors(ck), checker_warnings(ck));
	n = checker_errors(ck);
	checker_free(ck);
	report_free(r);
	return n > 0 ? EXIT_RULES : EXIT_OK;
}

static int
run(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct buf out = BUF_INIT;
	bool json = false;
	int c, rc = EXIT_OK;

	optind = 0;
	while ((c = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'h':
			cli_print_help(cli, &cmd_check, stdout);
			return EXIT_OK;
		default:
			return cli_usage_error(cli, &cmd_check, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error(cli, &cmd_check, _("no report FILE given"));
	if (json)
		buf_adds(&out, "[");
	for (int i = optind; i < argc; i++) {
		int r = check_file(cli, argv[i], json, &out, i == optind);

		if (r > rc)
			rc = r;
		if (json) {
			fwrite(out.data, 1, out.len, stdout);
			buf_reset(&out);
		}
	}
	if (json)
		printf("\n]\n");
	buf_free(&out);
	return rc;
}

const struct cli_command cmd_check = {
	"check",
	N_("check [--json] FILE..."),
	N_("Check every rule of each report; name each broken relation and the value that fixes it."),
	run
};
