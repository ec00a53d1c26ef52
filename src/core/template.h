/*
 * template.h - an official report format, loaded from templates/NAME.ini.
 *
 * The template is immutable once loaded.  Nothing in the C code knows the
 * labels or the rules of a particular format: they are all here, as data.
 */
#ifndef TEMPLATE_H
#define TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/value.h"
#include "lib/diag.h"

#define TPL_SECTIONS 6
/* The widest or tallest a cell of a template table may span: no real table comes near. */
#define TPL_SPAN_MAX 100

enum row_type { ROW_TITLE, ROW_HEADER, ROW_DATA };

/* One cell of a table's layout: a label, or a value cell. */
struct tpl_gcell {
	char	*label;		/* NULL for a value cell */
	int	 value;		/* index into template.values, or -1 for a label */
	int	 col, colspan;	/* grid position, 0-based */
	int	 rowspan;
};

struct tpl_row {
	char			*id;		/* "t3.new" */
	enum row_type		 type;
	struct tpl_gcell	*cells;
	size_t			 ncells;
	char			*colset;	/* the column set of its value cells */
	char			**aliases;	/* other wordings of its row label that
						 * published reports use ("alias =") */
	size_t			 naliases;
	int			 line;
};

struct tpl_table {
	char		*id;		/* "t3" */
	char		*name;		/* used in messages */
	int		 section;	/* 1..6 */
	int		 columns;
	struct tpl_row	*rows;
	size_t		 nrows;
	int		 line;
};

/* A value cell: what `nianbao get` lists and rules read. */
struct tpl_value {
	char		*id;		/* "t3.new.person" */
	int		 table;		/* index into template.tables */
	int		 row;		/* index into the table's rows */
	int		 col, colspan;	/* grid position */
	struct cell_kind kind;
	char		*row_label;	/* full row label ("／"-joined) */
	char		*col_label;	/* full column label */
};

struct tpl_colspec {
	char		*id;
	struct cell_kind kind;
	int		 span;
};

struct tpl_colset {
	char			*id;
	struct tpl_colspec	*cols;
	size_t			 ncols;
};

struct tpl_part {
	char	*id;		/* "s1.active" */
	int	 section;	/* 0 (before the first section) .. 6 */
	char	*title;		/* may be "" */
	char	*guide;
};

struct tpl_section {
	char	*title;
	char	*short_title;	/* for narrow places such as the navigator */
	char	*guide;
};

/* A rule as written in the template; rules.c compiles it. */
struct tpl_rule {
	char	*id;
	bool	 warning;	/* severity: warning, else error */
	char	**foreach;
	size_t	 nforeach;
	char	*check, *derive, *fix, *domain;
	char	*message, *message_en;
	int	 line;
};

/*
 * A [fact ID], [require ID] or [review ID] section, its keys in order (a key
 * may repeat); facts.c and review.c compile them, so the loader knows
 * nothing of them.
 */
struct tpl_entry {
	char	*kind, *id;
	char	**keys, **vals;
	size_t	 n;
	int	 line;
};

struct facts;
struct rules;
struct review;

struct template {
	char			*path;
	char			*id, *name, *title;
	int			 year_from, year_to;	/* year_to 0: open-ended */
	char			**units;
	size_t			 nunits;
	struct tpl_section	 sections[TPL_SECTIONS + 1];	/* 1..6 */
	struct tpl_part		*parts;
	size_t			 nparts;
	struct tpl_table	*tables;
	size_t			 ntables;
	struct tpl_colset	*colsets;
	size_t			 ncolsets;
	struct tpl_value	*values;
	size_t			 nvalues;
	struct tpl_rule		*rules_src;
	size_t			 nrules_src;
	struct rules		*rules;		/* compiled by tplset, which owns them */
	struct tpl_entry	*review_src;
	size_t			 nreview_src;
	struct facts		*facts;		/* the [fact] sections, compiled by tplset */
	struct review		*review;	/* the others, compiled by tplset, like rules */
	struct strmap		*value_ids;	/* cell id -> index into values */
	struct strmap		*part_ids;
};

/*
 * Load and check a template; NULL if dl got errors.  Its rules are read but
 * not compiled (t->rules is NULL): tplset.h compiles them, so that the
 * template knows nothing of the rules engine that reads it.
 */
struct template *template_load_mem(const char *file, const char *data, size_t len,
    struct diag_list *dl);
struct template *template_load(const char *path, struct diag_list *dl);
/* Free a template; not its compiled rules (see tplset_template_free). */
void template_free(struct template *t);

/* Index of a value cell or narrative part by id, or -1. */
int template_value(const struct template *t, const char *id);
int template_part(const struct template *t, const char *id);
/* A part's name as an officer knows it: its section's title then its own,
 * or "the opening paragraph"; caller frees. */
char *template_part_name(const struct template *t, int part);
int template_table(const struct template *t, const char *id);
const struct tpl_colset *template_colset(const struct template *t, const char *id);
/* True if the format applies to reports of year. */
bool template_covers(const struct template *t, int year);
/*
 * How many leading rows are tb's head: the title and header rows before the
 * first data row, when no other follows and no span leaves them (so that a
 * printed table repeats them on each page).  0 when there is no such head.
 */
size_t template_head_rows(const struct tpl_table *tb);

#endif
