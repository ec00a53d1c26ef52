/* template.c - load templates/NAME.ini into an immutable template. */
#include "nb.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/template.h"
#include "lib/buf.h"
#include "lib/inifile.h"
#include "lib/strmap.h"
#include "lib/xalloc.h"

enum sect_kind { S_NONE, S_TEMPLATE, S_SECTION, S_PART, S_TABLE, S_COLUMNS, S_ROW, S_RULE, S_ENTRY, S_BAD };

struct loader {
	struct template		*t;
	const char		*file;
	struct diag_list	*dl;
	enum sect_kind		 kind;
	int			 index;		/* the object the keys belong to */
	struct strmap		*seen_sections;
	struct strmap		*seen_keys;	/* keys of the current section */
	size_t			 cap_parts, cap_tables, cap_colsets, cap_rules, cap_units, cap_entries;
	size_t			 cap_rows;	/* of the current table */
	int			 guide_open;	/* a guide paragraph may be continued */
};

static bool
valid_id(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' || *s == '.'))
			return false;
	return true;
}

static int
parse_int(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end != '\0' || v < 0 || v > INT_MAX)
		return -1;
	*out = (int)v;
	return 0;
}

static int
find_table(const struct template *t, const char *id, size_t n)
{
	for (size_t i = 0; i < t->ntables; i++)
		if (strlen(t->tables[i].id) == n && strncmp(t->tables[i].id, id, n) == 0)
			return (int)i;
	return -1;
}

static void
begin_section(void *user, const char *name, int line)
{
	struct loader *L = user;
	struct template *t = L->t;
	const char *sp = strchr(name, ' ');
	char *kind = sp != NULL ? xstrndup(name, (size_t)(sp - name)) : xstrdup(name);
	const char *id = sp != NULL ? sp + 1 : "";

	strmap_free(L->seen_keys);
	L->seen_keys = strmap_create();
	L->kind = S_BAD;
	L->guide_open = 0;
	if (strmap_put(L->seen_sections, name, line) != 0) {
		diag_add(L->dl, L->file, line, _("section [%s] appears twice"), name);
		goto out;
	}
	if (strcmp(kind, "template") == 0 && *id == '\0') {
		L->kind = S_TEMPLATE;
	} else if (strcmp(kind, "section") == 0) {
		if (parse_int(id, &L->index) != 0 || L->index < 1 || L->index > TPL_SECTIONS) {
			diag_add(L->dl, L->file, line, _("sections are numbered 1 to %d"), TPL_SECTIONS);
			goto out;
		}
		L->kind = S_SECTION;
	} else if (!valid_id(id)) {
		diag_add(L->dl, L->file, line, _("[%s]: expected a kind and an id, such as [table t3]"), name);
	} else if (strcmp(kind, "part") == 0) {
		t->parts = xgrow(t->parts, &L->cap_parts, t->nparts + 1, sizeof *t->parts);
		memset(&t->parts[t->nparts], 0, sizeof *t->parts);
		t->parts[t->nparts].id = xstrdup(id);
		t->parts[t->nparts].section = -1;
		L->index = (int)t->nparts++;
		L->kind = S_PART;
	} else if (strcmp(kind, "table") == 0) {
		struct tpl_table *tb;

		t->tables = xgrow(t->tables, &L->cap_tables, t->ntables + 1, sizeof *t->tables);
		tb = &t->tables[t->ntables];
		memset(tb, 0, sizeof *tb);
		tb->id = xstrdup(id);
		tb->line = line;
		L->index = (int)t->ntables++;
		L->cap_rows = 0;
		L->kind = S_TABLE;
	} else if (strcmp(kind, "columns") == 0) {
		t->colsets = xgrow(t->colsets, &L->cap_colsets, t->ncolsets + 1, sizeof *t->colsets);
		memset(&t->colsets[t->ncolsets], 0, sizeof *t->colsets);
		t->colsets[t->ncolsets].id = xstrdup(id);
		L->index = (int)t->ncolsets++;
		L->kind = S_COLUMNS;
	} else if (strcmp(kind, "row") == 0) {
		const char *dot = strchr(id, '.');
		int ti = dot != NULL ? find_table(t, id, (size_t)(dot - id)) : -1;
		struct tpl_table *tb;
		struct tpl_row *r;

		if (ti < 0 || ti != (int)t->ntables - 1) {
			diag_add(L->dl, L->file, line,
			    _("row %s must follow its table's [table] section and the table's earlier rows"), id);
			goto out;
		}
		tb = &t->tables[ti];
		tb->rows = xgrow(tb->rows, &L->cap_rows, tb->nrows + 1, sizeof *tb->rows);
		r = &tb->rows[tb->nrows++];
		memset(r, 0, sizeof *r);
		r->id = xstrdup(id);
		r->type = ROW_DATA;
		r->line = line;
		L->index = ti;
		L->kind = S_ROW;
	} else if (strcmp(kind, "rule") == 0) {
		t->rules_src = xgrow(t->rules_src, &L->cap_rules, t->nrules_src + 1, sizeof *t->rules_src);
		memset(&t->rules_src[t->nrules_src], 0, sizeof *t->rules_src);
		t->rules_src[t->nrules_src].id = xstrdup(id);
		t->rules_src[t->nrules_src].line = line;
		L->index = (int)t->nrules_src++;
		L->kind = S_RULE;
	} else if (strcmp(kind, "fact") == 0 || strcmp(kind, "require") == 0 || strcmp(kind, "review") == 0) {
		t->review_src = xgrow(t->review_src, &L->cap_entries, t->nreview_src + 1, sizeof *t->review_src);
		memset(&t->review_src[t->nreview_src], 0, sizeof *t->review_src);
		t->review_src[t->nreview_src].kind = xstrdup(kind);
		t->review_src[t->nreview_src].id = xstrdup(id);
		t->review_src[t->nreview_src].line = line;
		L->index = (int)t->nreview_src++;
		L->kind = S_ENTRY;
	} else
		diag_add(L->dl, L->file, line, _("unknown section [%s]"), name);
out:
	free(kind);
}

/* Set a single-valued string; a second occurrence is an error. */
static void
set_once(struct loader *L, char **dst, const char *key, const char *value, int line)
{
	if (*dst != NULL) {
		diag_add(L->dl, L->file, line, _("key \"%s\" appears twice in this section"), key);
		return;
	}
	*dst = xstrdup(value);
}

static void
add_guide(struct loader *L, char **guide, const char *key, const char *value, int line)
{
	struct buf b = BUF_INIT;

	if (strcmp(key, "guide+") == 0 && !L->guide_open) {
		diag_add(L->dl, L->file, line, _("\"guide+\" must follow a \"guide\" line"));
		return;
	}
	if (*guide != NULL) {
		buf_adds(&b, *guide);
		if (strcmp(key, "guide") == 0)
			buf_addc(&b, '\n');
	}
	buf_adds(&b, value);
	free(*guide);
	*guide = buf_detach(&b);
	L->guide_open = 1;
}

static bool
is_guide(const char *key)
{
	return strcmp(key, "guide") == 0 || strcmp(key, "guide+") == 0;
}

static void
key_template(struct loader *L, const char *key, const char *value, int line)
{
	struct template *t = L->t;

	if (strcmp(key, "id") == 0) {
		if (!valid_id(value))
			diag_add(L->dl, L->file, line, _("bad template id \"%s\""), value);
		set_once(L, &t->id, key, value, line);
	} else if (strcmp(key, "name") == 0)
		set_once(L, &t->name, key, value, line);
	else if (strcmp(key, "title") == 0)
		set_once(L, &t->title, key, value, line);
	else if (strcmp(key, "years") == 0) {
		char *end;
		long from = strtol(value, &end, 10), to = 0;

		if (*end == '-' && end[1] != '\0')
			to = strtol(end + 1, &end, 10);
		else if (*end == '-')
			end++;
		if (*end != '\0' || from < 1900 || from > 9999 || (to != 0 && to < from))
			diag_add(L->dl, L->file, line, _("years must look like 2019-2020 or 2021-"));
		t->year_from = (int)from;
		t->year_to = (int)to;
	} else if (strcmp(key, "units") == 0) {
		char *copy = xstrdup(value), *save = NULL;

		for (char *w = strtok_r(copy, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
			if (strlen(w) >= VALUE_UNIT_MAX) {
				diag_add(L->dl, L->file, line, _("unit \"%s\" is too long"), w);
				continue;
			}
			t->units = xgrow(t->units, &L->cap_units, t->nunits + 1, sizeof *t->units);
			t->units[t->nunits++] = xstrdup(w);
		}
		free(copy);
	} else
		diag_add(L->dl, L->file, line, _("unknown key \"%s\" in [template]"), key);
}

static int
parse_kind(const char *s, struct cell_kind *k, char **unit)
{
	*unit = NULL;
	k->unit = NULL;
	if (strcmp(s, "count") == 0)
		k->kind = KIND_COUNT;
	else if (strcmp(s, "change") == 0)
		k->kind = KIND_CHANGE;
	else if (strcmp(s, "money") == 0)
		k->kind = KIND_MONEY;
	else if (strncmp(s, "money:", 6) == 0 && s[6] != '\0' && strlen(s + 6) < VALUE_UNIT_MAX) {
		k->kind = KIND_MONEY;
		*unit = xstrdup(s + 6);
		k->unit = *unit;
	} else
		return -1;
	return 0;
}

static void
key_columns(struct loader *L, const char *key, const char *value, int line)
{
	struct tpl_colset *cs = &L->t->colsets[L->index];
	char id[64], kind[64];
	int span, n = 0;
	struct tpl_colspec c;
	char *unit;

	if (strcmp(key, "col") != 0) {
		diag_add(L->dl, L->file, line, _("unknown key \"%s\" in [columns]"), key);
		return;
	}
	if (sscanf(value, "%63s %63s %d %n", id, kind, &span, &n) != 3 || value[n] != '\0' ||
	    !valid_id(id) || span < 1 || parse_kind(kind, &c.kind, &unit) != 0) {
		diag_add(L->dl, L->file, line,
		    _("expected \"col = ID KIND SPAN\" with KIND count, change, money or money:UNIT"));
		return;
	}
	if (span > TPL_SPAN_MAX) {
		diag_add(L->dl, L->file, line, _("span %d is too large (at most %d)"), span, TPL_SPAN_MAX);
		free(unit);
		return;
	}
	c.id = xstrdup(id);
	c.span = span;
	(void)unit;	/* c.kind.unit points at it; freed with the column set */
	cs->cols = xrealloc(cs->cols, (cs->ncols + 1) * sizeof *cs->cols);
	cs->cols[cs->ncols++] = c;
}

static void
add_label(struct loader *L, struct tpl_row *r, const char *value, int line)
{
	int cs = 0, rs = 1, n = 0;
	struct tpl_gcell *g;

	if (sscanf(value, "%d%n", &cs, &n) != 1 || cs < 1 || value[n] == '\0')
		goto bad;
	if (value[n] == 'x') {
		int m = 0;

		if (sscanf(value + n + 1, "%d%n", &rs, &m) != 1 || rs < 1)
			goto bad;
		n += m + 1;
	}
	if (value[n] != ' ')
		goto bad;
	if (cs > TPL_SPAN_MAX || rs > TPL_SPAN_MAX) {
		diag_add(L->dl, L->file, line, _("span %d is too large (at most %d)"), cs > rs ? cs : rs,
		    TPL_SPAN_MAX);
		return;
	}
	r->cells = xrealloc(r->cells, (r->ncells + 1) * sizeof *r->cells);
	g = &r->cells[r->ncells++];
	g->label = xstrdup(value + n + 1);
	g->value = -1;
	g->col = -1;
	g->colspan = cs;
	g->rowspan = rs;
	return;
bad:
	diag_add(L->dl, L->file, line, _("expected \"label = SPAN TEXT\", SPAN like 3 or 1x22"));
}

static void
key_row(struct loader *L, const char *key, const char *value, int line)
{
	struct tpl_table *tb = &L->t->tables[L->index];
	struct tpl_row *r = &tb->rows[tb->nrows - 1];

	if (strcmp(key, "label") == 0) {
		add_label(L, r, value, line);
		return;
	}
	if (strcmp(key, "alias") == 0) {	/* may repeat, like label */
		if (*value == '\0') {
			diag_add(L->dl, L->file, line, _("an alias must not be empty"));
			return;
		}
		r->aliases = xrealloc(r->aliases, (r->naliases + 1) * sizeof *r->aliases);
		r->aliases[r->naliases++] = xstrdup(value);
		return;
	}
	if (strmap_put(L->seen_keys, key, line) != 0) {
		diag_add(L->dl, L->file, line, _("key \"%s\" appears twice in this section"), key);
		return;
	}
	if (strcmp(key, "type") == 0) {
		if (strcmp(value, "title") == 0)
			r->type = ROW_TITLE;
		else if (strcmp(value, "header") == 0)
			r->type = ROW_HEADER;
		else if (strcmp(value, "data") == 0)
			r->type = ROW_DATA;
		else
			diag_add(L->dl, L->file, line, _("row type must be title, header or data"));
	} else if (strcmp(key, "values") == 0)
		r->colset = xstrdup(value);
	else
		diag_add(L->dl, L->file, line, _("unknown key \"%s\" in [row]"), key);
}

static void
key_rule(struct loader *L, const char *key, const char *value, int line)
{
	struct tpl_rule *r = &L->t->rules_src[L->index];

	if (strcmp(key, "foreach") == 0) {
		r->foreach = xrealloc(r->foreach, (r->nforeach + 1) * sizeof *r->foreach);
		r->foreach[r->nforeach++] = xstrdup(value);
	} else if (strcmp(key, "severity") == 0) {
		if (strmap_put(L->seen_keys, key, line) != 0)
			diag_add(L->dl, L->file, line, _("key \"%s\" appears twice in this section"), key);
		if (strcmp(value, "warning") == 0)
			r->warning = true;
		else if (strcmp(value, "error") != 0)
			diag_add(L->dl, L->file, line, _("severity must be error or warning"));
	} else if (strcmp(key, "check") == 0)
		set_once(L, &r->check, key, value, line);
	else if (strcmp(key, "derive") == 0)
		set_once(L, &r->derive, key, value, line);
	else if (strcmp(key, "fix") == 0)
		set_once(L, &r->fix, key, value, line);
	else if (strcmp(key, "domain") == 0)
		set_once(L, &r->domain, key, value, line);
	else if (strcmp(key, "message") == 0)
		set_once(L, &r->message, key, value, line);
	else if (strcmp(key, "message_en") == 0)
		set_once(L, &r->message_en, key, value, line);
	else
		diag_add(L->dl, L->file, line, _("unknown key \"%s\" in [rule]"), key);
}

/* Keys of a review section are kept as written, repeats included. */
static void
key_entry(struct tpl_entry *e, const char *key, const char *value)
{
	e->keys = xrealloc(e->keys, (e->n + 1) * sizeof *e->keys);
	e->vals = xrealloc(e->vals, (e->n + 1) * sizeof *e->vals);
	e->keys[e->n] = xstrdup(key);
	e->vals[e->n++] = xstrdup(value);
}

static void
template_on_key(void *user, const char *section, const char *key, const char *value, int line)
{
	struct loader *L = user;
	struct template *t = L->t;

	(void)section;
	if (!is_guide(key))
		L->guide_open = 0;
	switch (L->kind) {
	case S_NONE:
		diag_add(L->dl, L->file, line, _("key \"%s\" outside any section"), key);
		break;
	case S_BAD:
		break;
	case S_TEMPLATE:
		key_template(L, key, value, line);
		break;
	case S_SECTION:
		if (strcmp(key, "title") == 0)
			set_once(L, &t->sections[L->index].title, key, value, line);
		else if (strcmp(key, "short") == 0)
			set_once(L, &t->sections[L->index].short_title, key, value, line);
		else if (is_guide(key))
			add_guide(L, &t->sections[L->index].guide, key, value, line);
		else
			diag_add(L->dl, L->file, line, _("unknown key \"%s\" in [section]"), key);
		break;
	case S_PART: {
		struct tpl_part *p = &t->parts[L->index];

		if (strcmp(key, "title") == 0)
			set_once(L, &p->title, key, value, line);
		else if (is_guide(key))
			add_guide(L, &p->guide, key, value, line);
		else if (strcmp(key, "section") == 0) {
			if (parse_int(value, &p->section) != 0 || p->section > TPL_SECTIONS)
				diag_add(L->dl, L->file, line, _("section must be 0 to %d"), TPL_SECTIONS);
		} else
			diag_add(L->dl, L->file, line, _("unknown key \"%s\" in [part]"), key);
		break;
	}
	case S_TABLE: {
		struct tpl_table *tb = &t->tables[L->index];

		if (strcmp(key, "name") == 0)
			set_once(L, &tb->name, key, value, line);
		else if (strcmp(key, "section") == 0) {
			if (parse_int(value, &tb->section) != 0 || tb->section < 1 ||
			    tb->section > TPL_SECTIONS)
				diag_add(L->dl, L->file, line, _("section must be 1 to %d"), TPL_SECTIONS);
		} else if (strcmp(key, "columns") == 0) {
			if (parse_int(value, &tb->columns) != 0 || tb->columns < 1 || tb->columns > 64)
				diag_add(L->dl, L->file, line, _("columns must be 1 to 64"));
		} else
			diag_add(L->dl, L->file, line, _("unknown key \"%s\" in [table]"), key);
		break;
	}
	case S_COLUMNS:
		key_columns(L, key, value, line);
		break;
	case S_ROW:
		key_row(L, key, value, line);
		break;
	case S_RULE:
		key_rule(L, key, value, line);
		break;
	case S_ENTRY:
		key_entry(&t->review_src[L->index], key, value);
		break;
	}
}

/* Join the labels of cells into "a／b／c". */
static void
join_label(struct buf *b, const char *label)
{
	if (b->len > 0)
		buf_adds(b, "／");
	buf_adds(b, label);
}

static void
label_values(struct template *t, int ti)
{
	struct tpl_table *tb = &t->tables[ti];

	for (size_t v = 0; v < t->nvalues; v++) {
		struct tpl_value *tv = &t->values[v];
		struct buf rl = BUF_INIT, cl = BUF_INIT;

		if (tv->table != ti)
			continue;
		/* Row label: label cells to the left that cover this row. */
		for (int r = 0; r <= tv->row; r++)
			for (size_t c = 0; c < tb->rows[r].ncells; c++) {
				struct tpl_gcell *g = &tb->rows[r].cells[c];

				if (g->value < 0 && r + g->rowspan > tv->row && g->col < tv->col &&
				    tb->rows[tv->row].type == ROW_DATA)
					join_label(&rl, g->label);
			}
		/* Column label: the header rows just above this block's data rows. */
		{
			int r = tv->row - 1, last;

			while (r >= 0 && tb->rows[r].type == ROW_DATA)
				r--;
			last = r;
			while (r >= 0 && tb->rows[r].type == ROW_HEADER)
				r--;
			for (int h = r + 1; h <= last; h++)
				for (size_t c = 0; c < tb->rows[h].ncells; c++) {
					struct tpl_gcell *g = &tb->rows[h].cells[c];

					if (g->value < 0 && g->col < tv->col + tv->colspan &&
					    g->col + g->colspan > tv->col)
						join_label(&cl, g->label);
				}
		}
		tv->row_label = buf_detach(&rl);
		tv->col_label = buf_detach(&cl);
	}
}

static void
template_place(struct loader *L, struct tpl_gcell *g, int r, unsigned char *occ, int nrows,
    int columns, const struct tpl_row *row)
{
	int c = 0;

	while (c < columns && occ[r * columns + c])
		c++;
	g->col = c;
	if (c + g->colspan > columns || r + g->rowspan > nrows) {
		diag_add(L->dl, L->file, row->line, _("row %s: a cell does not fit the table's grid"),
		    row->id);
		g->col = -1;
		return;
	}
	for (int i = r; i < r + g->rowspan; i++)
		for (int j = c; j < c + g->colspan; j++) {
			if (occ[i * columns + j])
				diag_add(L->dl, L->file, row->line, _("row %s: cells overlap"), row->id);
			occ[i * columns + j] = 1;
		}
}

/* Give every cell its grid position and create the value cells. */
static void
layout_table(struct loader *L, int ti, size_t *cap_values)
{
	struct template *t = L->t;
	struct tpl_table *tb = &t->tables[ti];
	int nrows = (int)tb->nrows, W = tb->columns;
	unsigned char *occ = xcalloc((size_t)nrows * (size_t)W + 1, 1);

	for (int r = 0; r < nrows; r++) {
		struct tpl_row *row = &tb->rows[r];
		const struct tpl_colset *cs = NULL;
		int filled = 0;

		if (row->colset != NULL) {
			if ((cs = template_colset(t, row->colset)) == NULL)
				diag_add(L->dl, L->file, row->line, _("row %s: unknown column set \"%s\""),
				    row->id, row->colset);
			else if (row->type != ROW_DATA)
				diag_add(L->dl, L->file, row->line, _("row %s: only data rows have values"), row->id);
		}
		for (size_t c = 0; c < row->ncells; c++)
			template_place(L, &row->cells[c], r, occ, nrows, W, row);
		for (size_t c = 0; cs != NULL && c < cs->ncols; c++) {
			struct tpl_gcell *g;
			struct tpl_value *v;

			row->cells = xrealloc(row->cells, (row->ncells + 1) * sizeof *row->cells);
			g = &row->cells[row->ncells++];
			memset(g, 0, sizeof *g);
			g->colspan = cs->cols[c].span;
			g->rowspan = 1;
			g->value = (int)t->nvalues;
			template_place(L, g, r, occ, nrows, W, row);
			t->values = xgrow(t->values, cap_values, t->nvalues + 1, sizeof *t->values);
			v = &t->values[t->nvalues++];
			memset(v, 0, sizeof *v);
			v->id = xasprintf("%s.%s", row->id, cs->cols[c].id);
			v->table = ti;
			v->row = r;
			v->col = g->col;
			v->colspan = g->colspan;
			v->kind = cs->cols[c].kind;
			if (strmap_put(t->value_ids, v->id, g->value) != 0)
				diag_add(L->dl, L->file, row->line, _("cell id %s is not unique"), v->id);
		}
		for (int j = 0; j < W; j++)
			filled += occ[r * W + j];
		if (filled != W)
			diag_add(L->dl, L->file, row->line, _("row %s fills %d of the table's %d columns"),
			    row->id, filled, W);
	}
	free(occ);
}

static void
finish(struct loader *L)
{
	struct template *t = L->t;
	size_t cap_values = 0;

	if (t->id == NULL || t->name == NULL || t->title == NULL || t->year_from == 0)
		diag_add(L->dl, L->file, 0, _("[template] needs id, name, title and years"));
	for (int s = 1; s <= TPL_SECTIONS; s++) {
		if (t->sections[s].title == NULL)
			diag_add(L->dl, L->file, 0, _("[section %d] is missing or has no title"), s);
		if (t->sections[s].guide == NULL)
			t->sections[s].guide = xstrdup("");
		if (t->sections[s].short_title == NULL && t->sections[s].title != NULL)
			t->sections[s].short_title = xstrdup(t->sections[s].title);
	}
	for (size_t i = 0; i < t->nparts; i++) {
		struct tpl_part *p = &t->parts[i];

		if (p->section < 0)
			diag_add(L->dl, L->file, 0, _("part %s has no section"), p->id);
		if (p->title == NULL)
			p->title = xstrdup("");
		if (p->guide == NULL)
			p->guide = xstrdup("");
		if (strmap_put(t->part_ids, p->id, (int)i) != 0)
			diag_add(L->dl, L->file, 0, _("part id %s is not unique"), p->id);
	}
	for (size_t i = 0; i < t->ntables; i++) {
		struct tpl_table *tb = &t->tables[i];

		if (tb->section < 1 || tb->columns < 1 || tb->nrows == 0) {
			diag_add(L->dl, L->file, tb->line, _("table %s needs section, columns and rows"), tb->id);
			continue;
		}
		if (tb->name == NULL)
			tb->name = xstrdup(t->sections[tb->section].title != NULL ?
			    t->sections[tb->section].title : tb->id);
		layout_table(L, (int)i, &cap_values);
		label_values(t, (int)i);
	}
}

struct template *
template_load_mem(const char *file, const char *data, size_t len, struct diag_list *dl)
{
	static const struct inifile_ops ops = { begin_section, template_on_key };
	struct loader L;
	size_t before = dl->n;

	memset(&L, 0, sizeof L);
	L.t = xcalloc(1, sizeof *L.t);
	L.t->path = xstrdup(file);
	L.t->value_ids = strmap_create();
	L.t->part_ids = strmap_create();
	L.file = file;
	L.dl = dl;
	L.kind = S_NONE;
	L.seen_sections = strmap_create();
	inifile_read(file, data, len, &ops, &L, dl);
	if (dl->n == before)
		finish(&L);
	strmap_free(L.seen_sections);
	strmap_free(L.seen_keys);
	if (dl->n != before) {
		template_free(L.t);
		return NULL;
	}
	return L.t;
}

struct template *
template_load(const char *path, struct diag_list *dl)
{
	size_t len;
	char *data = inifile_slurp(path, &len, dl);
	struct template *t;

	if (data == NULL)
		return NULL;
	t = template_load_mem(path, data, len, dl);
	free(data);
	return t;
}

void
template_free(struct template *t)
{
	if (t == NULL)
		return;
	free(t->path);
	free(t->id);
	free(t->name);
	free(t->title);
	for (size_t i = 0; i < t->nunits; i++)
		free(t->units[i]);
	free(t->units);
	for (int s = 0; s <= TPL_SECTIONS; s++) {
		free(t->sections[s].title);
		free(t->sections[s].short_title);
		free(t->sections[s].guide);
	}
	for (size_t i = 0; i < t->nparts; i++) {
		free(t->parts[i].id);
		free(t->parts[i].title);
		free(t->parts[i].guide);
	}
	free(t->parts);
	for (size_t i = 0; i < t->nreview_src; i++) {
		struct tpl_entry *e = &t->review_src[i];

		for (size_t k = 0; k < e->n; k++) {
			free(e->keys[k]);
			free(e->vals[k]);
		}
		free(e->keys);
		free(e->vals);
		free(e->kind);
		free(e->id);
	}
	free(t->review_src);
	for (size_t i = 0; i < t->ntables; i++) {
		struct tpl_table *tb = &t->tables[i];

		for (size_t r = 0; r < tb->nrows; r++) {
			for (size_t c = 0; c < tb->rows[r].ncells; c++)
				free(tb->rows[r].cells[c].label);
			free(tb->rows[r].cells);
			free(tb->rows[r].id);
			free(tb->rows[r].colset);
			for (size_t a = 0; a < tb->rows[r].naliases; a++)
				free(tb->rows[r].aliases[a]);
			free(tb->rows[r].aliases);
		}
		free(tb->rows);
		free(tb->id);
		free(tb->name);
	}
	free(t->tables);
	for (size_t i = 0; i < t->ncolsets; i++) {
		for (size_t c = 0; c < t->colsets[i].ncols; c++) {
			free(t->colsets[i].cols[c].id);
			free((char *)t->colsets[i].cols[c].kind.unit);
		}
		free(t->colsets[i].cols);
		free(t->colsets[i].id);
	}
	free(t->colsets);
	for (size_t i = 0; i < t->nvalues; i++) {
		free(t->values[i].id);
		free(t->values[i].row_label);
		free(t->values[i].col_label);
	}
	free(t->values);
	for (size_t i = 0; i < t->nrules_src; i++) {
		struct tpl_rule *r = &t->rules_src[i];

		for (size_t f = 0; f < r->nforeach; f++)
			free(r->foreach[f]);
		free(r->foreach);
		free(r->id);
		free(r->check);
		free(r->derive);
		free(r->fix);
		free(r->domain);
		free(r->message);
		free(r->message_en);
	}
	free(t->rules_src);
	strmap_free(t->value_ids);
	strmap_free(t->part_ids);
	free(t);
}

int
template_value(const struct template *t, const char *id)
{
	return strmap_get(t->value_ids, id);
}

int
template_part(const struct template *t, const char *id)
{
	return strmap_get(t->part_ids, id);
}

char *
template_part_name(const struct template *t, int part)
{
	const struct tpl_part *p = &t->parts[part];
	const char *sec = p->section > 0 && t->sections[p->section].title != NULL ?
	    t->sections[p->section].title : "";

	if (*sec == '\0' && *p->title == '\0')
		return xstrdup(_("the opening paragraph"));
	return xasprintf("%s%s", sec, p->title);
}

int
template_table(const struct template *t, const char *id)
{
	return find_table(t, id, strlen(id));
}

const struct tpl_colset *
template_colset(const struct template *t, const char *id)
{
	for (size_t i = 0; i < t->ncolsets; i++)
		if (strcmp(t->colsets[i].id, id) == 0)
			return &t->colsets[i];
	return NULL;
}

bool
template_covers(const struct template *t, int year)
{
	return year >= t->year_from && (t->year_to == 0 || year <= t->year_to);
}

size_t
template_head_rows(const struct tpl_table *tb)
{
	size_t n = 0;

	while (n < tb->nrows && tb->rows[n].type != ROW_DATA)
		n++;
	if (n == tb->nrows)
		return 0;
	for (size_t r = n; r < tb->nrows; r++)
		if (tb->rows[r].type != ROW_DATA)
			return 0;
	for (size_t r = 0; r < n; r++)
		for (size_t i = 0; i < tb->rows[r].ncells; i++)
			if (r + (size_t)tb->rows[r].cells[i].rowspan > n)
				return 0;
	return n;
}
