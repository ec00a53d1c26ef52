/* cmd_check.c - `nianbao check`: every rule of every report, for people or for scripts. */
#include "nb.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/review.h"
#include "core/rulewarn.h"
#include "core/rules.h"
#include "import/lastyear.h"
#include "lib/buf.h"
#include "lib/jobs.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "store/store.h"

struct check_opts {
	bool		 json;
	bool		 summary;	/* one line per file (a directory was given) */
	bool		 tables;	/* --tables: the tables' rules only, the words not reviewed */
	struct report	*previous;	/* --previous, for every file */
	int		 copy_pct;	/* the preferences' copy threshold, or -1 */
};

#define CHECK_MAX_JOBS	64	/* workers at most: three pipes each, and more than the cores help nothing */

/* What a run of check found, summed over its files (and its workers). */
struct check_tally {
	size_t	 reports, unchecked, errors, warnings;
};

/* What a terminal may print of s (control characters shown, not obeyed); in b. */
static const char *
shown(const char *s, struct buf *b)
{
	buf_reset(b);
	utf8_visible(s, b);
	return b->data != NULL ? b->data : "";
}

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
		else if (c == 0xC2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9F)
			buf_addf(b, "\\u%04x", (unsigned char)*++s);	/* C1 controls: U+0080-U+009F */
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
	if (f.warning) {	/* a warning can be acknowledged by this name (nianbao ack) */
		char *id = review_rule_key(r, ck, i);

		buf_adds(b, ", \"id\": ");
		json_str(b, id);
		free(id);
	}
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
	struct buf v = BUF_INIT;
	char *msg = checker_message(ck, i);

	checker_finding(ck, i, &f);

	printf("%s: %s %s: %s\n", shown(file, &v), f.warning ? _("warning") : _("error"), f.rule, msg);
	buf_free(&v);
	free(msg);
}

/* A finding of the review of the words, in --json: where it is, in characters. */
static void
json_review(struct buf *b, const struct report *r, const struct review_finding *f)
{
	char *id = review_key_of(r, f);

	buf_adds(b, "{\"rule\": ");
	json_str(b, f->rule);
	buf_adds(b, ", \"id\": ");
	json_str(b, id);
	free(id);
	buf_adds(b, ", \"severity\": \"warning\", \"cells\": [");
	if (f->cell >= 0)
		json_str(b, r->tpl->values[f->cell].id);
	buf_adds(b, "], \"lhs\": null, \"rhs\": null, \"cell\": ");
	if (f->cell >= 0)
		json_str(b, r->tpl->values[f->cell].id);
	else
		buf_adds(b, "null");
	buf_adds(b, ", \"expected\": ");
	if (f->numbers)
		json_num(b, f->table);
	else
		buf_adds(b, "null");
	buf_adds(b, ", \"actual\": ");
	if (f->numbers && strncmp(f->rule, "fact.", 5) == 0)
		json_num(b, f->text);
	else
		buf_adds(b, "null");
	if (f->part >= 0) {
		buf_adds(b, ", \"part\": ");
		json_str(b, r->tpl->parts[f->part].id);
		buf_addf(b, ", \"start\": %zu, \"end\": %zu", utf8_count(r->texts[f->part], f->start),
		    utf8_count(r->texts[f->part], f->end));
	}
	if (f->guide != NULL) {
		buf_adds(b, ", \"guide\": ");
		json_str(b, f->guide);
	}
	if (f->reason != NULL) {
		buf_adds(b, ", \"reason\": ");
		json_str(b, f->reason);
	}
	buf_adds(b, ", \"message\": ");
	json_str(b, f->message);
	buf_adds(b, "}");
}

void
cli_print_findings(const char *file, const struct checker *ck)
{
	for (size_t i = 0; i < checker_instances(ck); i++)
		if (checker_status(ck, i) == FINDING_FAIL)
			human_finding(file, ck, i);
}

/*
 * The previous report for file: --previous, or the one the file names, if it
 * is of the year before (a warning when its agency differs).  --previous of
 * another year is refused: NULL with *refused set (caller frees); the one the
 * file names is only warned about, and the cross-year rules are left out.
 */
static struct report *
previous_of(struct cli *cli, const char *file, const struct report *r, const struct check_opts *o,
    bool *owned, char **refused)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct report *prev = o->previous;
	char *warn = NULL, *err = NULL;

	*owned = false;
	*refused = NULL;
	if (prev == NULL) {
		if ((prev = lastyear_load_previous(file, r, cli->ts, &dl)) == NULL && dl.n > 0)
			fprintf(stderr, _("%s: %s: warning: the previous report it names cannot be read (%s); cross-year rules are not checked\n"),
			    cli->prog, file, dl.v[0].msg);
		diag_list_free(&dl);
		*owned = prev != NULL;
	}
	if (prev != NULL && lastyear_match(r, prev, &warn, &err) != 0) {
		if (o->previous != NULL)
			*refused = err;
		else {
			fprintf(stderr, _("%s: %s: warning: %s; cross-year rules are not checked\n"),
			    cli->prog, file, err);
			free(err);
		}
		if (*owned)
			report_free(prev);
		*owned = false;
		return NULL;
	}
	if (warn != NULL)
		fprintf(stderr, _("%s: %s: warning: %s\n"), cli->prog, file, warn);
	free(warn);
	return prev;
}

/* The extension of name if it is one a report comes in, else NULL. */
static const char *
report_ext(const char *name)
{
	static const char *const exts[] = { ".nb", ".html", ".htm", ".txt" };
	size_t len = strlen(name);

	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
		size_t k = strlen(exts[i]);

		if (len > k && strcasecmp(name + len - k, exts[i]) == 0)
			return name + len - k;
	}
	return NULL;
}

/* A report file, or a published report (page or text copy) read in memory:
 * what the importer left out or blanked is printed, since it hides errors. */
static struct report *
check_load(struct cli *cli, const char *file, struct diag_list *dl)
{
	struct report *r = lastyear_load(cli->ts, file, dl);

	if (r != NULL) {
		diag_print(dl, stderr);
		diag_list_free(dl);
		*dl = (struct diag_list)DIAG_LIST_INIT;
	}
	return r;
}

/* Close the diagnostics, then list the acknowledged findings apart (with their reasons). */
static void
check_acked(const char *file, const struct report *r, const struct review_list *acked,
    const struct check_opts *o, struct buf *out, bool any)
{
	struct buf vis = BUF_INIT;

	if (o->json) {
		buf_adds(out, any ? "\n  ], \"acknowledged\": [" : "], \"acknowledged\": [");
		for (size_t k = 0; k < acked->n; k++) {
			buf_adds(out, k > 0 ? ",\n    " : "\n    ");
			json_review(out, r, &acked->v[k]);
		}
		buf_adds(out, acked->n > 0 ? "\n  ]" : "]");
	} else if (!o->summary)
		for (size_t k = 0; k < acked->n; k++)
			printf(_("%s: acknowledged %s: %s (%s)\n"), shown(file, &vis), acked->v[k].rule,
			    acked->v[k].message, acked->v[k].reason);
	buf_free(&vis);
}

/* Check one file, counted in t; returns its exit status. */
static int
check_file(struct cli *cli, const char *file, const struct check_opts *o, struct buf *out, bool first,
    struct check_tally *t)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct report *r = check_load(cli, file, &dl), *prev;
	struct checker *ck;
	struct review_list rl = REVIEW_LIST_INIT, acked = REVIEW_LIST_INIT;
	size_t n = 0, nacked, nwarn;
	struct buf vis = BUF_INIT;
	char *m;
	bool owned, *skip = NULL;

	if (o->json) {
		buf_adds(out, first ? "\n  " : ",\n  ");
		buf_adds(out, "{\"file\": ");
		json_str(out, file);
	}
	if (r == NULL) {
		diag_print(&dl, stderr);
		if (o->json) {
			buf_adds(out, ", \"error\": ");
			json_str(out, dl.n > 0 ? dl.v[0].msg : "");
			buf_adds(out, "}");
		} else if (o->summary) {
			struct buf v = BUF_INIT;

			printf(_("%s: cannot be read\n"), shown(file, &v));
			buf_free(&v);
		}
		diag_list_free(&dl);
		t->unchecked++;
		return EXIT_USAGE;
	}
	prev = previous_of(cli, file, r, o, &owned, &m);
	if (m != NULL) {	/* compared with another year, every X rule would mislead */
		fprintf(stderr, "%s: %s: %s\n", cli->prog, file, m);
		if (o->json) {
			buf_adds(out, ", \"error\": ");
			json_str(out, m);
			buf_adds(out, "}");
		}
		free(m);
		report_free(r);
		t->unchecked++;
		return EXIT_USAGE;
	}
	ck = checker_create(r, prev);
	checker_run(ck);
	nacked = review_acked_rules(r, ck, &acked, &skip);
	rl.counts_only = o->summary && !o->json;	/* a folder: one line of counts per report */
	if (!o->tables)
		review_report(r, prev, o->copy_pct, &rl);
	review_split_acked(r, &rl, &acked);	/* listed apart, not counted */
	nwarn = checker_warnings(ck) - nacked + rl.n;
	if (o->json) {
		buf_adds(out, ", \"agency\": ");
		json_str(out, r->agency);
		buf_addf(out, ", \"year\": %d, \"template\": ", r->year);
		json_str(out, r->tpl->id);
		buf_addf(out, ", \"errors\": %zu, \"warnings\": %zu, \"diagnostics\": [",
		    checker_errors(ck), nwarn);
	}
	for (size_t i = 0; i < checker_instances(ck); i++) {
		if (checker_status(ck, i) != FINDING_FAIL || (skip != NULL && skip[i]))
			continue;
		if (o->json) {
			buf_adds(out, n++ > 0 ? ",\n    " : "\n    ");
			json_finding(out, ck, r, i);
		} else if (!o->summary)
			human_finding(file, ck, i);
	}
	for (size_t k = 0; k < rl.n; k++) {
		if (o->json) {
			buf_adds(out, n++ > 0 ? ",\n    " : "\n    ");
			json_review(out, r, &rl.v[k]);
		} else if (!o->summary)
			printf("%s: %s %s: %s\n", shown(file, &vis), _("warning"), rl.v[k].rule, rl.v[k].message);
	}
	check_acked(file, r, &acked, o, out, n > 0);
	if (o->json)
		buf_adds(out, "}");
	else
	{
		struct buf va = BUF_INIT;

		printf(_("%s: %s %d: %zu errors, %zu warnings\n"), shown(file, &vis), *r->agency != '\0' ?
		    shown(r->agency, &va) : _("(no agency)"), r->year, checker_errors(ck),
		    nwarn);
		buf_free(&va);
	}
	n = checker_errors(ck);
	t->reports++;
	t->errors += n;
	t->warnings += nwarn;
	review_list_free(&rl);
	review_list_free(&acked);
	free(skip);
	buf_free(&vis);
	checker_free(ck);
	if (owned)
		report_free(prev);
	report_free(r);
	return n > 0 ? EXIT_RULES : EXIT_OK;
}

/* Is there a report file beside path with its name (a published page imported already)? */
static bool
has_report_file(const char *path)
{
	const char *ext = report_ext(path);
	char *nb = xasprintf("%.*s.nb", (int)(ext - path), path);
	bool yes = strcmp(ext, ".nb") != 0 && access(nb, F_OK) == 0;

	free(nb);
	return yes;
}

/* Is the entry at path a directory (or a link to one)?  The entry's type
 * spares a stat() for each of a folder's thousands of files. */
static bool
check_is_dir(const struct dirent *e, const char *path)
{
	struct stat st;

	if (e->d_type == DT_DIR || e->d_type == DT_REG)
		return e->d_type == DT_DIR;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Append the reports under dir, recursively: report files, and published
 * pages and text copies that have no report file beside them. */
static void
add_dir(const char *dir, char ***files, size_t *n)
{
	struct dirent **ents;
	int k = scandir(dir, &ents, NULL, alphasort);

	for (int i = 0; i < k; i++) {
		const char *name = ents[i]->d_name;
		char *path = xasprintf("%s/%s", dir, name);

		if (name[0] != '.' && check_is_dir(ents[i], path))
			add_dir(path, files, n);
		else if (name[0] != '.' && report_ext(name) != NULL && !has_report_file(path)) {
			*files = xrealloc(*files, (*n + 1) * sizeof **files);
			(*files)[(*n)++] = path;
			path = NULL;
		}
		free(path);
		free(ents[i]);
	}
	free(k >= 0 ? ents : NULL);
}

/* The preferences' copy threshold (their problems are only warned about), or -1. */
static int
check_copy_pct(struct cli *cli)
{
	struct diag_list dl = DIAG_LIST_INIT;

	prefs_load(&cli->prefs, NULL, &dl);
	for (size_t i = 0; i < dl.n; i++)
		fprintf(stderr, _("%s: warning: preferences %s:%d: %s\n"), cli->prog,
		    dl.v[i].file != NULL ? dl.v[i].file : "", dl.v[i].line, dl.v[i].msg);
	diag_list_free(&dl);
	return cli->prefs.copy_pct;
}

/* The files a worker (or the one process) checks: [from, to) of them. */
struct check_batch {
	struct cli		*cli;
	char			**files;
	const struct check_opts	*o;
};

/* Check files [from, to) in their order, counted in result (a struct check_tally); the exit status. */
static int
check_files(size_t from, size_t to, void *arg, void *result)
{
	const struct check_batch *cb = arg;
	struct buf out = BUF_INIT;
	int rc = EXIT_OK;

	for (size_t i = from; i < to; i++) {
		int r = check_file(cb->cli, cb->files[i], cb->o, &out, i == 0, result);

		if (r > rc)
			rc = r;
		if (cb->o->json) {
			fwrite(out.data, 1, out.len, stdout);
			buf_reset(&out);
		}
	}
	buf_free(&out);
	return rc;
}

/* A worker that did not finish: its files are named, since their lines may be missing. */
static void
check_died(struct cli *cli, char **files, const struct jobs_share *sh)
{
	char how[64];

	if (sh->status > 128)
		snprintf(how, sizeof how, "%s", strsignal(sh->status - 128));
	else
		snprintf(how, sizeof how, _("exit status %d"), sh->status);
	if (sh->to - sh->from == 1)
		fprintf(stderr, _("%s: %s: the worker checking it ended abnormally (%s): it is not checked\n"),
		    cli->prog, files[sh->from], how);
	else
		fprintf(stderr, _("%s: the worker checking %s to %s (%zu files) ended abnormally (%s): they are not all checked\n"),
		    cli->prog, files[sh->from], files[sh->to - 1], sh->to - sh->from, how);
}

/*
 * Check the files in njobs forked workers, each a contiguous share of them:
 * their output comes out in the files' order, the same bytes as from one
 * process, and their counts are summed in t.  The exit status.
 */
static int
check_parallel(struct check_batch *cb, size_t nfiles, size_t njobs, struct check_tally *t)
{
	struct jobs_share *sh = xcalloc(njobs, sizeof *sh);
	struct check_tally *res = xcalloc(njobs, sizeof *res);
	char *err = NULL;
	int rc = EXIT_OK;

	if (jobs_run(nfiles, njobs, check_files, cb, sizeof *res, res, sh, &err) != 0) {
		fprintf(stderr, _("%s: %s; checking the files one after another\n"), cb->cli->prog, err);
		free(err);
		free(sh);
		free(res);
		return check_files(0, nfiles, cb, t);
	}
	for (size_t k = 0; k < njobs; k++) {
		if (sh[k].died) {
			check_died(cb->cli, cb->files, &sh[k]);
			rc = EXIT_USAGE;
		} else if (sh[k].status > rc)
			rc = sh[k].status;
		t->reports += res[k].reports;
		t->unchecked += res[k].unchecked;
		t->errors += res[k].errors;
		t->warnings += res[k].warnings;
	}
	free(sh);
	free(res);
	return rc;
}

/* --jobs N: 1 to CHECK_MAX_JOBS (more are taken as that many); -1 if s is not a count. */
static long
check_jobs_arg(const char *s)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || n < 1 || errno != 0)
		return -1;
	return n < CHECK_MAX_JOBS ? n : CHECK_MAX_JOBS;
}

/* The cores online: the default number of workers. */
static long
check_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n < CHECK_MAX_JOBS ? n : CHECK_MAX_JOBS;
}

static int
check_run(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'J' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "previous", required_argument, NULL, 'p' },
		{ "tables", no_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct check_opts o = { false, false, false, NULL, -1 };
	struct check_tally t = { 0, 0, 0, 0 };
	struct check_batch cb = { cli, NULL, &o };
	const char *previous = NULL;
	char **files = NULL;
	size_t nfiles = 0;
	long jobs = check_default_jobs();
	int c, rc = EXIT_OK, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, "j:p:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'J':
			o.json = true;
			break;
		case 'j':
			if ((jobs = check_jobs_arg(optarg)) < 0)
				return cli_usage_error(cli, &cmd_check, _("--jobs wants a number of workers, 1 or more: '%s'"),
				    optarg);
			break;
		case 'p':
			previous = optarg;
			break;
		case 'T':
			o.tables = true;
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
	if (previous != NULL && (o.previous = cli_load_any(cli, previous)) == NULL)
		return EXIT_USAGE;
	o.copy_pct = check_copy_pct(cli);
	for (int i = optind; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			size_t before = nfiles;

			add_dir(argv[i], &files, &nfiles);
			o.summary = true;	/* a supervisor's folder: one line per report */
			if (nfiles == before) {	/* silence would read as "all well" */
				fprintf(stderr, _("%s: %s: no report found (.nb, .html, .htm or .txt)\n"),
				    cli->prog, argv[i]);
				rc = EXIT_USAGE;
			}
		} else {
			files = xrealloc(files, (nfiles + 1) * sizeof *files);
			files[nfiles++] = xstrdup(argv[i]);
		}
	}
	if (o.json)
		fputs("[", stdout);
	cb.files = files;
	if (jobs > 1 && nfiles > 1)
		r = check_parallel(&cb, nfiles, (size_t)jobs < nfiles ? (size_t)jobs : nfiles, &t);
	else
		r = check_files(0, nfiles, &cb, &t);
	rc = r > rc ? r : rc;
	if (o.json)
		printf("\n]\n");
	else if (o.summary)
		printf(_("%zu reports checked: %zu errors, %zu warnings; %zu could not be checked\n"),
		    t.reports, t.errors, t.warnings, t.unchecked);
	for (size_t i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	report_free(o.previous);
	return rc;
}

const struct cli_command cmd_check = {
	"check",
	N_("check [--json] [--jobs N] [--tables] [--previous LAST] FILE|DIR..."),
	N_("Check every rule of each report, a report file or a published page or copy (a directory: one line per report, then the totals); with last year's report, the cross-year rules too.  --jobs N checks N reports at once (default: one per core).  --tables checks the tables' rules only, not the words (quicker for a folder of many reports)."),
	check_run
};
