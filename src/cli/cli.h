/*
 * cli.h - the command line: `nianbao COMMAND ...`.  Exit codes: 0 fine,
 * 1 a report breaks an error rule, 2 input unreadable or command wrong.
 */
#ifndef CLI_H
#define CLI_H

#include <stdio.h>

#include "core/report.h"
#include "core/tplset.h"
#include "store/prefs.h"

enum { EXIT_OK = 0, EXIT_RULES = 1, EXIT_USAGE = 2 };

struct cli {
	const char	*prog;
	struct tplset	*ts;
	struct prefs	 prefs;		/* read by the editor and `new`; problems reported there */
};

struct cli_command {
	const char	*name;
	const char	*usage;		/* translated when printed */
	const char	*summary;
	int		(*run)(struct cli *cli, int argc, char **argv);
};

/* The full-screen editor, given by main() so the core never depends on the screen. */
typedef int (*cli_editor_fn)(const char *file, struct tplset *ts, struct prefs *prefs);

int cli_main(int argc, char **argv, cli_editor_fn editor);

/* Shared helpers of the cmd_*.c files. */
struct report *cli_load(struct cli *cli, const char *path);
int cli_usage_error(struct cli *cli, const struct cli_command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void cli_print_help(struct cli *cli, const struct cli_command *cmd, FILE *fp);

/* A report file, or anything `import` reads (its warnings printed): last year's report for --from. */
struct report *cli_load_any(struct cli *cli, const char *path);

/*
 * Print each error rule r breaks to stderr as "PREFIX: error RULE: MESSAGE"
 * (warnings are not printed); returns how many.  For commands that refuse a
 * report with errors.
 */
size_t cli_print_errors(const char *prefix, struct report *r);

/* Print each rule ck finds broken in file, one line each, as `check` does. */
struct checker;
void cli_print_findings(const char *file, const struct checker *ck);

extern const struct cli_command cmd_new, cmd_get, cmd_set, cmd_check, cmd_export, cmd_merge,
    cmd_import, cmd_ack;

#endif
