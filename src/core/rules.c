/* rules.c - compile template rules to linear equations; evaluate them incrementally. */
#include "nb.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/rules.h"
#include "lib/buf.h"
#include "lib/strmap.h"
#include "lib/xalloc.h"

struct term {
	int	 cell;		/* index into template values */
	int	 coef;		/* +1 or -1 */
	bool	 prev;		/* read from the previous year's report */
};

struct inst {
	int		 rule;		/* index into template rules_src */
	struct term	*terms;
	int		 nterms, nlhs;	/* terms[0..nlhs) are the left side */
	int64_t		 klhs, krhs;	/* integer constants of each side, units of 10^-6 */
	int		 derive, fix;	/* cells, or -1 */
	int		 dcell;		/* domain rules: the cell; else -1 */
	bool		 uses_prev;
	int		*cells;		/* distinct cells of this report */
	size_t		 ncells;
};

struct rules {
	const struct template	*t;
	struct inst		*inst;
	size_t			 ninst, cap;
	int			*derived_by;	/* per cell: deriving instance or -1 */
	int			*topo;		/* derived cells, inputs first */
	size_t			 ntopo;
	int			*rd_off, *rd;	/* cell -> instances reading it */
	int			*dn_off, *dn;	/* cell -> derived cells downstream, topo order */
};

struct checker {
	const struct rules	*rs;
	struct report		*r;
	const struct report	*prev;
	int			*prevmap;	/* cell -> cell of prev's template, or -1 */
	unsigned char		*status;
	int64_t			*lhs, *rhs;
	size_t			 nerr, nwarn;
	int			*changed;
	size_t			 nchanged;
	unsigned		*mark;
	unsigned		 stamp;
	int			 edited;	/* the cell the officer changed last, or -1 */
};

#define FIXED_ONE 1000000	/* 10^VALUE_MAX_SCALE */

/*
 * Limits a template's rules must keep, so that no template (a hostile one
 * included) can overflow the sums or take for ever to compile: a cell holds
 * less than 10^12 (10^16 in fixed point), so 600 terms stay within int64.
 */
#define RULE_TERMS_MAX 600		/* cells and constants in one equation */
#define RULE_CONST_MAX 1000000000LL	/* a constant in an equation */
#define RULE_DEPTH_MAX 3		/* foreach lines in one rule */
#define RULE_INSTANCES_MAX 20000	/* equations one rule expands to */

/* ---- compiling ---------------------------------------------------------- */

struct compiler {
	struct rules		*rs;
	const struct template	*t;
	const struct tpl_rule	*src;
	int			 rule;
	const char		*file;
	struct diag_list	*dl;
	char			 var[8];
	char			*val[8];
	int			 nvars;
	size_t			 emitted;	/* equations of this rule so far */
	bool			 failed;
};

static void
cerr(struct compiler *C, const char *fmt, const char *arg)
{
	char *msg = xasprintf(fmt, arg);

	if (!C->failed)
		diag_add(C->dl, C->file, C->src->line, _("rule %s: %s"), C->src->id, msg);
	C->failed = true;
	free(msg);
}

/* Replace $x (one letter) by the value bound by foreach. */
static char *
substitute(struct compiler *C, const char *s)
{
	struct buf b = BUF_INIT;

	for (; *s != '\0'; s++) {
		int i;

		if (*s != '$') {
			buf_addc(&b, *s);
			continue;
		}
		for (i = 0; i < C->nvars && C->var[i] != s[1]; i++)
			;
		if (i == C->nvars || s[1] == '\0') {
			char v[3] = { '$', s[1], '\0' };

			cerr(C, _("unbound variable %s"), v);
			break;
		}
		buf_adds(&b, C->val[i]);
		s++;
	}
	return buf_detach(&b);
}

struct lexer {
	const char	*p;
	struct compiler	*C;
	int		 nconst;	/* constants read so far */
};

static void
skip_ws(struct lexer *L)
{
	while (*L->p == ' ' || *L->p == '\t')
		L->p++;
}

static bool
id_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '.';
}

/* A cell reference, optionally "prev."-prefixed. */
static int
parse_ref(struct lexer *L, bool *prev)
{
	const char *start;
	char *id;
	int cell;

	skip_ws(L);
	*prev = strncmp(L->p, "prev.", 5) == 0;
	if (*prev)
		L->p += 5;
	start = L->p;
	while (id_char(*L->p))
		L->p++;
	id = xstrndup(start, (size_t)(L->p - start));
	cell = template_value(L->C->t, id);
	if (cell < 0)
		cerr(L->C, *id != '\0' ? _("unknown cell \"%s\"") : _("expected a cell%s"), id);
	free(id);
	return cell;
}

static void
add_term(struct inst *in, int cell, int coef, bool prev)
{
	if (in->nterms >= RULE_TERMS_MAX)
		return;		/* parse_side says so */
	in->terms = xrealloc(in->terms, (size_t)(in->nterms + 1) * sizeof *in->terms);
	in->terms[in->nterms].cell = cell;
	in->terms[in->nterms].coef = coef;
	in->terms[in->nterms].prev = prev;
	in->nterms++;
	if (prev)
		in->uses_prev = true;
}

/* sum(A:B): the rectangle of value cells between A and B. */
static void
parse_sum(struct lexer *L, struct inst *in, int coef)
{
	const struct template *t = L->C->t;
	bool pa, pb;
	int a, b;

	a = parse_ref(L, &pa);
	skip_ws(L);
	if (*L->p++ != ':') {
		cerr(L->C, _("expected \":\" in sum(A:B)%s"), "");
		return;
	}
	b = parse_ref(L, &pb);
	skip_ws(L);
	if (*L->p++ != ')') {
		cerr(L->C, _("expected \")\" after sum(A:B%s"), "");
		return;
	}
	if (a < 0 || b < 0)
		return;
	if (pa != pb || t->values[a].table != t->values[b].table ||
	    t->values[a].row > t->values[b].row || t->values[a].col > t->values[b].col) {
		cerr(L->C, _("sum(%s:...) is not a range of one table, top left to bottom right"),
		    t->values[a].id);
		return;
	}
	for (size_t v = 0; v < t->nvalues; v++) {
		const struct tpl_value *tv = &t->values[v];

		if (tv->table == t->values[a].table && tv->row >= t->values[a].row &&
		    tv->row <= t->values[b].row && tv->col >= t->values[a].col &&
		    tv->col <= t->values[b].col)
			add_term(in, (int)v, coef, pa);
	}
}

/* One side of an equation; returns its integer constant. */
static int64_t
parse_side(struct lexer *L, struct inst *in)
{
	int64_t k = 0;
	int sign = 1;

	for (;;) {
		skip_ws(L);
		if (*L->p == '-' || *L->p == '+') {
			sign = *L->p == '-' ? -sign : sign;
			L->p++;
			continue;
		}
		if (isdigit((unsigned char)*L->p)) {
			char *end;
			long long n;

			errno = 0;
			n = strtoll(L->p, &end, 10);
			if (errno == ERANGE || n > RULE_CONST_MAX)
				cerr(L->C, _("constant %s is too large (at most 1000000000)"), L->p);
			else
				k += sign * (int64_t)n * FIXED_ONE;
			L->p = end;
			L->nconst++;
		} else if (strncmp(L->p, "sum(", 4) == 0) {
			L->p += 4;
			parse_sum(L, in, sign);
		} else {
			bool prev;
			int cell = parse_ref(L, &prev);

			if (cell >= 0)
				add_term(in, cell, sign, prev);
		}
		if (!L->C->failed && in->nterms + L->nconst >= RULE_TERMS_MAX)
			cerr(L->C, _("an equation may have at most 600 terms (a sum counts each of its cells)%s"), "");
		if (L->C->failed)
			return k;
		skip_ws(L);
		if (*L->p != '+' && *L->p != '-')
			return k;
		sign = 1;
	}
}

static int
find_term(struct compiler *C, struct inst *in, const char *what, const char *id)
{
	int cell = template_value(C->t, id), found = -1, n = 0;

	if (cell < 0) {
		cerr(C, _("unknown cell \"%s\""), id);
		return -1;
	}
	for (int i = 0; i < in->nterms; i++)
		if (in->terms[i].cell == cell && !in->terms[i].prev) {
			found = cell;
			n++;
		}
	if (n != 1)
		cerr(C, what, id);
	return found;
}

static void
collect_cells(struct inst *in)
{
	in->cells = xcalloc((size_t)in->nterms + 1, sizeof *in->cells);
	if (in->dcell >= 0)
		in->cells[in->ncells++] = in->dcell;
	for (int i = 0; i < in->nterms; i++) {
		bool dup = in->terms[i].prev;

		for (size_t j = 0; j < in->ncells && !dup; j++)
			dup = in->cells[j] == in->terms[i].cell;
		if (!dup)
			in->cells[in->ncells++] = in->terms[i].cell;
	}
}

static struct inst *
new_inst(struct compiler *C)
{
	struct rules *rs = C->rs;
	struct inst *in;

	rs->inst = xgrow(rs->inst, &rs->cap, rs->ninst + 1, sizeof *rs->inst);
	in = &rs->inst[rs->ninst];
	memset(in, 0, sizeof *in);
	in->rule = C->rule;
	in->derive = in->fix = in->dcell = -1;
	return in;
}

static void
free_inst(struct inst *in)
{
	free(in->terms);
	free(in->cells);
}

/* Compile the equation of the current foreach binding. */
static void
emit_equation(struct compiler *C)
{
	char *check = substitute(C, C->src->check);
	struct inst *in = new_inst(C);

	if (++C->emitted > RULE_INSTANCES_MAX)
		cerr(C, _("its foreach lines expand to more than 20000 equations%s"), "");
	struct lexer L = { check, C, 0 };

	in->klhs = parse_side(&L, in);
	in->nlhs = in->nterms;
	skip_ws(&L);
	if (!C->failed && *L.p != '=')
		cerr(C, _("expected \"=\" in \"%s\""), check);
	else if (!C->failed) {
		L.p++;
		in->krhs = parse_side(&L, in);
		skip_ws(&L);
		if (!C->failed && *L.p != '\0')
			cerr(C, _("unexpected text \"%s\""), L.p);
	}
	if (!C->failed && C->src->derive != NULL) {
		char *d = substitute(C, C->src->derive);

		if (!C->failed)
			in->derive = find_term(C, in, _("derive cell %s must appear once in check"), d);
		if (in->uses_prev)
			cerr(C, _("a derived cell cannot depend on last year's report%s"), "");
		free(d);
		in->fix = in->derive;
	} else if (!C->failed && C->src->fix != NULL) {
		char *f = substitute(C, C->src->fix);

		if (!C->failed)
			in->fix = find_term(C, in, _("fix cell %s must appear once in check"), f);
		free(f);
	}
	free(check);
	if (C->failed) {
		free_inst(in);
		return;
	}
	collect_cells(in);
	C->rs->ninst++;
}

/* Expand foreach lines (nested, in order) and emit one instance per binding. */
static void
expand(struct compiler *C, size_t level)
{
	char var, kind[16], arg[128];
	int n = 0;
	const char *spec;

	if (C->failed)
		return;
	if (level == C->src->nforeach) {
		emit_equation(C);
		return;
	}
	spec = C->src->foreach[level];
	if (level >= RULE_DEPTH_MAX) {
		cerr(C, _("foreach may be nested at most 3 deep%s"), "");
		return;
	}
	if (sscanf(spec, "$%c %15s %n", &var, kind, &n) != 2 || !isalpha((unsigned char)var) ||
	    level >= sizeof C->var) {
		cerr(C, _("foreach must look like \"$c cols SET\", \"$r rows TABLE\" or \"$g in a b\"%s"), "");
		return;
	}
	C->var[level] = var;
	C->nvars = (int)level + 1;
	if (strcmp(kind, "in") == 0) {
		char *words = xstrdup(spec + n), *save = NULL;

		for (char *w = strtok_r(words, " ", &save); w != NULL && !C->failed;
		    w = strtok_r(NULL, " ", &save)) {
			C->val[level] = w;
			expand(C, level + 1);
		}
		free(words);
	} else if (strcmp(kind, "cols") == 0 && sscanf(spec + n, "%127s", arg) == 1) {
		const struct tpl_colset *cs = template_colset(C->t, arg);

		if (cs == NULL)
			cerr(C, _("unknown column set \"%s\""), arg);
		for (size_t i = 0; cs != NULL && i < cs->ncols && !C->failed; i++) {
			C->val[level] = cs->cols[i].id;
			expand(C, level + 1);
		}
	} else if (strcmp(kind, "rows") == 0 && sscanf(spec + n, "%127s", arg) == 1) {
		int ti = template_table(C->t, arg);
		const struct tpl_table *tb = ti >= 0 ? &C->t->tables[ti] : NULL;

		if (tb == NULL)
			cerr(C, _("unknown table \"%s\""), arg);
		for (size_t i = 0; tb != NULL && i < tb->nrows && !C->failed; i++) {
			if (tb->rows[i].colset == NULL)
				continue;
			C->val[level] = tb->rows[i].id + strlen(tb->id) + 1;
			expand(C, level + 1);
		}
	} else
		cerr(C, _("foreach must look like \"$c cols SET\", \"$r rows TABLE\" or \"$g in a b\"%s"), "");
	C->nvars = (int)level;
}

static void
emit_domain(struct compiler *C)
{
	char *kinds = xstrdup(C->src->domain), *save = NULL;
	bool want[3] = { false, false, false };

	for (char *w = strtok_r(kinds, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
		if (strcmp(w, "count") == 0)
			want[KIND_COUNT] = true;
		else if (strcmp(w, "change") == 0)
			want[KIND_CHANGE] = true;
		else if (strcmp(w, "money") == 0)
			want[KIND_MONEY] = true;
		else
			cerr(C, _("unknown kind \"%s\" in domain"), w);
	}
	free(kinds);
	for (size_t v = 0; v < C->t->nvalues && !C->failed; v++) {
		struct inst *in;

		if (!want[C->t->values[v].kind.kind])
			continue;
		in = new_inst(C);
		in->dcell = (int)v;
		collect_cells(in);
		C->rs->ninst++;
	}
}

/* Order derived cells so that every derived input comes before its users. */
static int
visit(struct rules *rs, int cell, unsigned char *state)
{
	const struct inst *in = &rs->inst[rs->derived_by[cell]];

	if (state[cell] == 2)
		return 0;
	if (state[cell] == 1)
		return -1;
	state[cell] = 1;
	for (int i = 0; i < in->nterms; i++) {
		int c = in->terms[i].cell;

		if (c != cell && rs->derived_by[c] >= 0 && visit(rs, c, state) != 0)
			return -1;
	}
	state[cell] = 2;
	rs->topo[rs->ntopo++] = cell;
	return 0;
}

/* Build cell -> readers and cell -> downstream derived cells. */
static void
index_rules(struct rules *rs)
{
	size_t nv = rs->t->nvalues;
	unsigned char *seen = xcalloc(nv, 1);
	int *stack = xcalloc(nv + 1, sizeof *stack);
	size_t total = 0;

	rs->rd_off = xcalloc(nv + 1, sizeof *rs->rd_off);
	for (size_t i = 0; i < rs->ninst; i++)
		for (size_t j = 0; j < rs->inst[i].ncells; j++)
			rs->rd_off[rs->inst[i].cells[j] + 1]++;
	for (size_t c = 0; c < nv; c++)
		rs->rd_off[c + 1] += rs->rd_off[c];
	rs->rd = xcalloc((size_t)rs->rd_off[nv] + 1, sizeof *rs->rd);
	{
		int *fill = xcalloc(nv, sizeof *fill);

		for (size_t i = 0; i < rs->ninst; i++)
			for (size_t j = 0; j < rs->inst[i].ncells; j++) {
				int c = rs->inst[i].cells[j];

				rs->rd[rs->rd_off[c] + fill[c]++] = (int)i;
			}
		free(fill);
	}
	rs->dn_off = xcalloc(nv + 1, sizeof *rs->dn_off);
	rs->dn = NULL;
	for (size_t c = 0; c < nv; c++) {
		size_t sp = 0, cap = 0;
		int *list = NULL, nlist = 0;

		memset(seen, 0, nv);
		stack[sp++] = (int)c;
		while (sp > 0) {
			int x = stack[--sp];

			for (int k = rs->rd_off[x]; k < rs->rd_off[x + 1]; k++) {
				int d = rs->inst[rs->rd[k]].derive;

				if (d >= 0 && d != x && rs->derived_by[d] == rs->rd[k] && !seen[d]) {
					seen[d] = 1;
					stack[sp++] = d;
				}
			}
		}
		for (size_t i = 0; i < rs->ntopo; i++)
			if (seen[rs->topo[i]]) {
				list = xgrow(list, &cap, (size_t)nlist + 1, sizeof *list);
				list[nlist++] = rs->topo[i];
			}
		rs->dn = xrealloc(rs->dn, (total + (size_t)nlist + 1) * sizeof *rs->dn);
		if (nlist > 0)
			memcpy(rs->dn + total, list, (size_t)nlist * sizeof *list);
		total += (size_t)nlist;
		rs->dn_off[c + 1] = (int)total;
		free(list);
	}
	free(seen);
	free(stack);
}

struct rules *
rules_compile(const struct template *t, const char *file, struct diag_list *dl)
{
	struct rules *rs = xcalloc(1, sizeof *rs);
	unsigned char *state;
	size_t before = dl->n;

	rs->t = t;
	for (size_t i = 0; i < t->nrules_src; i++) {
		struct compiler C;

		memset(&C, 0, sizeof C);
		C.rs = rs;
		C.t = t;
		C.src = &t->rules_src[i];
		C.rule = (int)i;
		C.file = file;
		C.dl = dl;
		for (size_t j = 0; j < i; j++)
			if (strcmp(t->rules_src[j].id, C.src->id) == 0)
				cerr(&C, _("rule id %s is used twice"), C.src->id);
		if (C.src->message == NULL)
			cerr(&C, _("has no message%s"), "");
		if ((C.src->domain != NULL) == (C.src->check != NULL))
			cerr(&C, _("needs exactly one of check and domain%s"), "");
		else if (C.src->domain != NULL)
			emit_domain(&C);
		else
			expand(&C, 0);
	}
	rs->derived_by = xcalloc(t->nvalues + 1, sizeof *rs->derived_by);
	for (size_t c = 0; c < t->nvalues; c++)
		rs->derived_by[c] = -1;
	/* The first rule that derives a cell computes it; later ones only check it. */
	for (size_t i = 0; i < rs->ninst; i++) {
		int d = rs->inst[i].derive;

		if (d >= 0 && rs->derived_by[d] < 0)
			rs->derived_by[d] = (int)i;
	}
	rs->topo = xcalloc(t->nvalues + 1, sizeof *rs->topo);
	state = xcalloc(t->nvalues + 1, 1);
	for (size_t c = 0; c < t->nvalues; c++)
		if (rs->derived_by[c] >= 0 && visit(rs, (int)c, state) != 0) {
			diag_add(dl, file, t->rules_src[rs->inst[rs->derived_by[c]].rule].line,
			    _("rule %s: derived cells depend on each other in a cycle (%s)"),
			    t->rules_src[rs->inst[rs->derived_by[c]].rule].id, t->values[c].id);
			break;
		}
	free(state);
	if (dl->n != before) {
		rules_free(rs);
		return NULL;
	}
	index_rules(rs);
	return rs;
}

void
rules_free(struct rules *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->ninst; i++)
		free_inst(&rs->inst[i]);
	free(rs->inst);
	free(rs->derived_by);
	free(rs->topo);
	free(rs->rd_off);
	free(rs->rd);
	free(rs->dn_off);
	free(rs->dn);
	free(rs);
}

/* ---- evaluating --------------------------------------------------------- */

struct checker *
checker_create(struct report *r, const struct report *prev)
{
	const struct template *t = r->tpl;
	struct checker *c = xcalloc(1, sizeof *c);
	size_t ni = t->rules->ninst;

	c->rs = t->rules;
	c->r = r;
	c->prev = prev;
	c->status = xcalloc(ni + 1, 1);
	c->lhs = xcalloc(ni + 1, sizeof *c->lhs);
	c->rhs = xcalloc(ni + 1, sizeof *c->rhs);
	c->changed = xcalloc(t->nvalues + 1, sizeof *c->changed);
	c->mark = xcalloc(ni + 1, sizeof *c->mark);
	c->prevmap = xcalloc(t->nvalues + 1, sizeof *c->prevmap);
	for (size_t v = 0; v < t->nvalues; v++)
		c->prevmap[v] = prev != NULL ? template_value(prev->tpl, t->values[v].id) : -1;
	c->edited = -1;
	return c;
}

void
checker_free(struct checker *c)
{
	if (c == NULL)
		return;
	free(c->status);
	free(c->lhs);
	free(c->rhs);
	free(c->changed);
	free(c->mark);
	free(c->prevmap);
	free(c);
}

static const struct value *
term_value(const struct checker *c, const struct term *tm)
{
	static const struct value blank = { VALUE_BLANK, 0, 0, "" };

	if (!tm->prev)
		return &c->r->cells[tm->cell];
	if (c->prev == NULL || c->prevmap[tm->cell] < 0)
		return &blank;
	return &c->prev->cells[c->prevmap[tm->cell]];
}

/*
 * A cross-year rule is assessable only when last year's format has every
 * cell it reads and every cell it reads, in either report, holds a value or
 * "/": a cell missing from an older format, left blank or unreadable says
 * nothing about the change from one year to the next.
 */
static bool
prev_known(const struct checker *c, const struct inst *in)
{
	if (c->prev == NULL)
		return false;
	for (int i = 0; i < in->nterms; i++) {
		if (in->terms[i].prev && c->prevmap[in->terms[i].cell] < 0)
			return false;
		enum value_state st = term_value(c, &in->terms[i])->state;

		if (st == VALUE_BLANK || st == VALUE_UNREADABLE)
			return false;
	}
	return true;
}

static enum finding_status
evaluate(const struct checker *c, const struct inst *in, int64_t *lhs, int64_t *rhs)
{
	bool any = false;

	*lhs = in->klhs;
	*rhs = in->krhs;
	if (in->dcell >= 0) {
		const struct value *v = &c->r->cells[in->dcell];

		*lhs = value_fixed(v);
		if (v->state == VALUE_BLANK || v->state == VALUE_UNREADABLE)
			return FINDING_NOT_ASSESSABLE;
		return v->state == VALUE_NUMBER && v->num < 0 ? FINDING_FAIL : FINDING_PASS;
	}
	if (in->uses_prev && !prev_known(c, in))
		return FINDING_NOT_ASSESSABLE;
	for (int i = 0; i < in->nterms; i++) {
		const struct value *v = term_value(c, &in->terms[i]);
		int64_t x, *side = i < in->nlhs ? lhs : rhs;

		if (v->state == VALUE_UNREADABLE)	/* a number we do not know: no judgement */
			return FINDING_NOT_ASSESSABLE;
		if (v->state != VALUE_BLANK)
			any = true;
		/* 12-digit cells at 10^-6 can overflow a sum: too big to judge, not wrong */
		if (__builtin_mul_overflow(value_fixed(v), (int64_t)in->terms[i].coef, &x) ||
		    __builtin_add_overflow(*side, x, side))
			return FINDING_NOT_ASSESSABLE;
	}
	if (!any)
		return FINDING_NOT_ASSESSABLE;
	return *lhs == *rhs ? FINDING_PASS : FINDING_FAIL;
}

static void
update(struct checker *c, size_t i)
{
	const struct inst *in = &c->rs->inst[i];
	bool warn = c->r->tpl->rules_src[in->rule].warning;
	enum finding_status old = c->status[i], now;

	now = evaluate(c, in, &c->lhs[i], &c->rhs[i]);
	if (old == FINDING_FAIL)
		warn ? c->nwarn-- : c->nerr--;
	if (now == FINDING_FAIL)
		warn ? c->nwarn++ : c->nerr++;
	c->status[i] = (unsigned char)now;
}

void
checker_run(struct checker *c)
{
	for (size_t i = 0; i < c->rs->ninst; i++)
		update(c, i);
}

/* Where the solved cell stands in the equation: +1 on the left, -1 on the right. */
static int
side_coef(const struct inst *in, int cell)
{
	for (int i = 0; i < in->nterms; i++)
		if (in->terms[i].cell == cell && !in->terms[i].prev)
			return i < in->nlhs ? in->terms[i].coef : -in->terms[i].coef;
	return 1;
}

/* The value cell's rule gives it, from the rule's other cells. */
static struct value
solve(const struct checker *c, const struct inst *in, int cell)
{
	const struct template *t = c->r->tpl;
	struct value out = { VALUE_BLANK, 0, 0, "" };
	bool number = false, na = false, unknown = false;
	int64_t l, r;

	for (int i = 0; i < in->nterms; i++) {
		const struct value *v = term_value(c, &in->terms[i]);

		if (in->terms[i].cell == cell && !in->terms[i].prev)
			continue;
		number |= v->state == VALUE_NUMBER;
		na |= v->state == VALUE_NA;
		unknown |= v->state == VALUE_UNREADABLE;
	}
	if (unknown) {	/* a total of a number nobody could read is not known either */
		out.state = VALUE_UNREADABLE;
		return out;
	}
	if (!number) {
		out.state = na ? VALUE_NA : VALUE_BLANK;
		return out;
	}
	/* both sides without the solved cell (whatever it holds now, even "?") */
	l = in->klhs;
	r = in->krhs;
	for (int i = 0; i < in->nterms; i++) {
		int64_t x, *side = i < in->nlhs ? &l : &r;

		if (in->terms[i].cell == cell && !in->terms[i].prev)
			continue;
		if (__builtin_mul_overflow(value_fixed(term_value(c, &in->terms[i])),
		    (int64_t)in->terms[i].coef, &x) || __builtin_add_overflow(*side, x, side))
			return out;	/* too big to compute: left blank */
	}
	return value_from_fixed(side_coef(in, cell) * (r - l), &t->values[cell].kind);
}

size_t
rules_carry_over(struct report *r, const struct report *prev)
{
	const struct rules *rs = r->tpl->rules;
	size_t n = 0;

	for (size_t i = 0; i < rs->ninst; i++) {
		const struct inst *in = &rs->inst[i];
		const struct term *cur, *old;
		int from;

		if (!in->uses_prev || in->nterms != 2 || in->nlhs != 1 || in->klhs != 0 || in->krhs != 0 ||
		    in->terms[0].coef != 1 || in->terms[1].coef != 1 ||
		    in->terms[0].prev == in->terms[1].prev)
			continue;
		cur = in->terms[0].prev ? &in->terms[1] : &in->terms[0];
		old = in->terms[0].prev ? &in->terms[0] : &in->terms[1];
		from = template_value(prev->tpl, r->tpl->values[old->cell].id);
		if (from < 0 || prev->cells[from].state == VALUE_BLANK)
			continue;
		r->cells[cur->cell] = prev->cells[from];
		n++;
	}
	return n;
}

bool
checker_is_derived(const struct checker *c, int cell)
{
	return c->r->auto_totals && c->rs->derived_by[cell] >= 0;
}

void
checker_recompute(struct checker *c)
{
	if (c->r->auto_totals)
		for (size_t i = 0; i < c->rs->ntopo; i++) {
			int d = c->rs->topo[i];

			c->r->cells[d] = solve(c, &c->rs->inst[c->rs->derived_by[d]], d);
		}
	checker_run(c);
}

void
checker_set_auto_totals(struct checker *c, bool on)
{
	c->r->auto_totals = on;
	if (on)
		checker_recompute(c);
	else
		checker_run(c);
}

/* Message of instance i with the subject cell's value given as text. */
static char *format_message(const struct checker *c, size_t i, const char *actual);
static void cell_label(struct buf *b, const struct tpl_value *v);
static void cell_label_short(struct buf *b, const struct tpl_value *v);

int
checker_validate(const struct checker *c, int cell, const struct value *v, char **err)
{
	const struct template *t = c->r->tpl;

	if (checker_is_derived(c, cell)) {
		struct buf b = BUF_INIT;

		cell_label(&b, &t->values[cell]);
		*err = xasprintf(_("%s is a total computed automatically; turn auto totals off (^T) to type it"),
		    b.data);
		buf_free(&b);
		return -1;
	}
	for (int k = c->rs->rd_off[cell]; k < c->rs->rd_off[cell + 1]; k++) {
		const struct inst *in = &c->rs->inst[c->rs->rd[k]];
		char text[64];

		if (in->dcell != cell || v->state != VALUE_NUMBER || v->num >= 0)
			continue;
		value_format(v, &t->values[cell].kind, text, sizeof text);
		*err = format_message(c, (size_t)c->rs->rd[k], text);
		return -1;
	}
	return 0;
}

size_t
checker_set(struct checker *c, int cell, const struct value *v, const int **changed)
{
	const struct rules *rs = c->rs;

	c->nchanged = 0;
	if (!value_equal(&c->r->cells[cell], v))
		c->changed[c->nchanged++] = cell;
	c->r->cells[cell] = *v;
	if (c->r->auto_totals && c->nchanged > 0)
		for (int k = rs->dn_off[cell]; k < rs->dn_off[cell + 1]; k++) {
			int d = rs->dn[k];
			struct value nv = solve(c, &rs->inst[rs->derived_by[d]], d);

			if (!value_equal(&c->r->cells[d], &nv)) {
				c->r->cells[d] = nv;
				c->changed[c->nchanged++] = d;
			}
		}
	if (++c->stamp == 0) {
		memset(c->mark, 0, rs->ninst * sizeof *c->mark);
		c->stamp = 1;
	}
	for (size_t j = 0; j < c->nchanged; j++) {
		int x = c->changed[j];

		for (int k = rs->rd_off[x]; k < rs->rd_off[x + 1]; k++)
			if (c->mark[rs->rd[k]] != c->stamp) {
				c->mark[rs->rd[k]] = c->stamp;
				update(c, (size_t)rs->rd[k]);
			}
	}
	if (changed != NULL)
		*changed = c->changed;
	return c->nchanged;
}

size_t
checker_errors(const struct checker *c)
{
	return c->nerr;
}

size_t
checker_warnings(const struct checker *c)
{
	return c->nwarn;
}

size_t
checker_instances(const struct checker *c)
{
	return c->rs->ninst;
}

enum finding_status
checker_status(const struct checker *c, size_t i)
{
	return (enum finding_status)c->status[i];
}

size_t
checker_readers(const struct checker *c, int cell, const int **insts)
{
	*insts = c->rs->rd + c->rs->rd_off[cell];
	return (size_t)(c->rs->rd_off[cell + 1] - c->rs->rd_off[cell]);
}

/* True if another failed rule's cell to fix is one of the cells of instance i. */
static bool
other_culprit(const struct checker *c, size_t i)
{
	const struct inst *in = &c->rs->inst[i];

	for (size_t k = 0; k < in->ncells; k++) {
		int cell = in->cells[k];

		if (cell == in->fix)
			continue;
		for (int j = c->rs->rd_off[cell]; j < c->rs->rd_off[cell + 1]; j++) {
			size_t o = (size_t)c->rs->rd[j];

			if (o != i && c->status[o] == FINDING_FAIL && c->rs->inst[o].fix == cell)
				return true;
		}
	}
	return false;
}

/*
 * Whether to propose the value that would satisfy rule i: not a negative
 * count, not a cell that is computed (it follows its inputs), and not when
 * another of the rule's cells is itself wrong by another rule (fix that one
 * first, or the two proposals contradict each other).
 */
static bool
worth_proposing(const struct checker *c, size_t i, int64_t expected)
{
	const struct inst *in = &c->rs->inst[i];
	const struct tpl_value *v = &c->r->tpl->values[in->fix];

	if (expected < 0 && v->kind.kind != KIND_CHANGE)
		return false;
	if (in->derive < 0 && checker_is_derived(c, in->fix))
		return false;
	return !other_culprit(c, i);
}

void
checker_finding(const struct checker *c, size_t i, struct finding *f)
{
	const struct inst *in = &c->rs->inst[i];
	const struct tpl_rule *src = &c->r->tpl->rules_src[in->rule];

	memset(f, 0, sizeof *f);
	f->rule = src->id;
	f->warning = src->warning;
	f->cells = in->cells;
	f->ncells = in->ncells;
	f->lhs = c->lhs[i];
	f->rhs = c->rhs[i];
	f->fix = in->fix;
	f->domain = in->dcell >= 0;
	if (in->fix >= 0) {
		f->expected = value_fixed(&c->r->cells[in->fix]) -
		    side_coef(in, in->fix) * (c->lhs[i] - c->rhs[i]);
		f->has_expected = c->status[i] == FINDING_FAIL && worth_proposing(c, i, f->expected);
	}
}

void
checker_note_edit(struct checker *c, int cell)
{
	c->edited = cell;
}

bool
checker_incomplete(const struct checker *c, size_t i)
{
	return checker_blanks(c, i) > 0;
}

size_t
checker_blanks(const struct checker *c, size_t i)
{
	const struct inst *in = &c->rs->inst[i];
	size_t n = 0;

	if (in->dcell >= 0)
		return 0;
	for (int k = 0; k < in->nterms; k++)
		if (!in->terms[k].prev && c->r->cells[in->terms[k].cell].state == VALUE_BLANK)
			n++;
	return n;
}

/*
 * The value that would satisfy failed instance i in the just-edited cell, if
 * that cell is one of its own (not the usual fix, which the finding gives):
 * a typo is most often where the officer just typed.
 */
bool
checker_edited_fix(const struct checker *c, size_t i, int *cell, int64_t *expected)
{
	const struct inst *in = &c->rs->inst[i];
	int e = c->edited, coef;
	bool reads = false;

	if (e < 0 || e == in->fix || c->status[i] != FINDING_FAIL || in->dcell >= 0)
		return false;
	for (int k = 0; k < in->nterms; k++)
		reads |= in->terms[k].cell == e && !in->terms[k].prev;
	coef = side_coef(in, e);
	if (!reads || (coef != 1 && coef != -1) || checker_is_derived(c, e))
		return false;
	*cell = e;
	*expected = value_fixed(&c->r->cells[e]) - coef * (c->lhs[i] - c->rhs[i]);
	return *expected >= 0 || c->r->tpl->values[e].kind.kind == KIND_CHANGE;
}

/* The cell a message talks about: the one to fix, else the first one. */
/* ---- one typo, one problem ------------------------------------------------- */

#define TYPO_DEPTH 4	/* totals of totals of ... followed this deep */

/*
 * How much lhs - rhs of instance in moves when cell grows by one, through
 * the cells auto totals compute from it; skip is the cell a deriving
 * instance solves (it is the total itself).  0 when cell does not count.
 */
static int64_t
typo_moves(const struct checker *c, const struct inst *in, int skip, int cell, int depth)
{
	int64_t sum = 0;

	for (int k = 0; k < in->nterms; k++) {
		const struct term *tm = &in->terms[k];
		int64_t s = k < in->nlhs ? tm->coef : -tm->coef;

		if (tm->prev || tm->cell == skip)
			continue;
		if (tm->cell == cell)
			sum += s;
		else if (depth > 0 && checker_is_derived(c, tm->cell)) {
			const struct inst *d = &c->rs->inst[c->rs->derived_by[tm->cell]];
			int sd = side_coef(d, tm->cell);

			if (sd == 1 || sd == -1)	/* tm->cell = -(the rest) / sd */
				sum -= s * sd * typo_moves(c, d, tm->cell, cell, depth - 1);
		}
	}
	return sum;
}

/* The value of cell that makes failed instance i hold, if one does. */
static bool
typo_fix_at(const struct checker *c, size_t i, int cell, int64_t *expected)
{
	const struct inst *in = &c->rs->inst[i];
	int64_t m, diff = c->lhs[i] - c->rhs[i];

	if (in->dcell >= 0 || c->status[i] != FINDING_FAIL || checker_is_derived(c, cell))
		return false;
	m = typo_moves(c, in, -1, cell, TYPO_DEPTH);
	if (m == 0 || diff % m != 0)
		return false;
	*expected = value_fixed(&c->r->cells[cell]) - diff / m;
	return *expected >= 0 || c->r->tpl->values[cell].kind.kind == KIND_CHANGE;
}

/* Does cell mend both i and j with one value? */
static bool
typo_both(const struct checker *c, size_t i, size_t j, int cell, int64_t *expected)
{
	int64_t ei, ej;

	if (!typo_fix_at(c, i, cell, &ei) || !typo_fix_at(c, j, cell, &ej) || ei != ej)
		return false;
	*expected = ei;
	return true;
}

/* Try the cells instance in reads and, through the totals it reads, their
 * inputs; true at the first that mends both i and j. */
static bool
typo_search(const struct checker *c, const struct inst *in, size_t i, size_t j, int depth,
    int *cell, int64_t *expected)
{
	for (size_t k = 0; k < in->ncells; k++) {
		int x = in->cells[k];

		if (!checker_is_derived(c, x)) {
			if (typo_both(c, i, j, x, expected)) {
				*cell = x;
				return true;
			}
		} else if (depth > 0 &&
		    typo_search(c, &c->rs->inst[c->rs->derived_by[x]], i, j, depth - 1, cell, expected))
			return true;
	}
	return false;
}

bool
checker_same_typo(const struct checker *c, size_t i, size_t j, int *cell, int64_t *expected)
{
	if (i == j || c->status[i] != FINDING_FAIL || c->status[j] != FINDING_FAIL)
		return false;
	if (c->edited >= 0 && typo_both(c, i, j, c->edited, expected)) {
		*cell = c->edited;
		return true;
	}
	return typo_search(c, &c->rs->inst[i], i, j, TYPO_DEPTH, cell, expected);
}

char *
checker_typo_hint(const struct checker *c, size_t i, int cell, int64_t expected, size_t nrelations)
{
	const struct template *t = c->r->tpl;
	struct buf el = BUF_INIT, cl = BUF_INIT;
	struct finding f;
	char value[64], usual[64], *m;

	cell_label_short(&el, &t->values[cell]);
	value_format_fixed(expected, value, sizeof value);
	checker_finding(c, i, &f);
	if (f.has_expected && f.fix != cell) {
		cell_label_short(&cl, &t->values[f.fix]);
		value_format_fixed(f.expected, usual, sizeof usual);
		m = xasprintf(_("%s should be %s (this one value mends all %zu relations), or %s should be %s"),
		    el.data, value, nrelations, cl.data, usual);
	} else
		m = xasprintf(_("%s should be %s: this one value mends all %zu relations"), el.data, value, nrelations);
	buf_free(&el);
	buf_free(&cl);
	return m;
}

static int
subject(const struct inst *in)
{
	if (in->fix >= 0)
		return in->fix;
	if (in->dcell >= 0)
		return in->dcell;
	return in->ncells > 0 ? in->cells[0] : 0;
}

static const char *
tail(const char *label)
{
	const char *sep = "／", *p, *last = label;

	while ((p = strstr(last, sep)) != NULL)
		last = p + strlen(sep);
	return last;
}

/* True when the interface language wants the Chinese rule messages. */
static bool
chinese(void)
{
	/* TRANSLATORS: translate as "template-messages:zh" to show the templates'
	   Chinese rule messages, keep as is for their English ones. */
	const char *s = _("template-messages:en");

	return strcmp(s, "template-messages:zh") == 0;
}

static void
cell_label(struct buf *b, const struct tpl_value *v)
{
	buf_adds(b, "“");
	buf_adds(b, v->row_label);
	if (*v->row_label != '\0' && *v->col_label != '\0')
		buf_adds(b, "／");
	buf_adds(b, v->col_label);
	buf_adds(b, "”");
}

static char *
format_message(const struct checker *c, size_t i, const char *actual)
{
	const struct template *t = c->r->tpl;
	const struct inst *in = &c->rs->inst[i];
	const struct tpl_rule *src = &t->rules_src[in->rule];
	const struct tpl_value *sv = &t->values[subject(in)];
	const char *m = chinese() || src->message_en == NULL ? src->message : src->message_en;
	struct buf b = BUF_INIT;
	char num[64];

	while (*m != '\0') {
		const char *end;
		size_t n;

		if (strncmp(m, "%{", 2) != 0 || (end = strchr(m, '}')) == NULL) {
			buf_addc(&b, *m++);
			continue;
		}
		n = (size_t)(end - m - 2);
#define IS(name) (n == strlen(name) && strncmp(m + 2, name, n) == 0)
		if (IS("table"))
			buf_adds(&b, t->tables[sv->table].name);
		else if (IS("row"))
			buf_adds(&b, sv->row_label);
		else if (IS("col"))
			buf_adds(&b, sv->col_label);
		else if (IS("rowtail"))
			buf_adds(&b, tail(sv->row_label));
		else if (IS("coltail"))
			buf_adds(&b, tail(sv->col_label));
		else if (IS("cell"))
			cell_label(&b, sv);
		else if (IS("lhs") || IS("rhs")) {
			value_format_fixed(IS("lhs") ? c->lhs[i] : c->rhs[i], num, sizeof num);
			buf_adds(&b, num);
		} else if (IS("actual"))
			buf_adds(&b, actual);
		else
			buf_add(&b, m, n + 3);
#undef IS
		m = end + 1;
	}
	return buf_detach(&b);
}

/* "row tail／column tail", quoted: short enough for a status line. */
static void
cell_label_short(struct buf *b, const struct tpl_value *v)
{
	buf_adds(b, "“");
	buf_adds(b, tail(v->row_label));
	if (*v->row_label != '\0' && *v->col_label != '\0')
		buf_adds(b, "／");
	buf_adds(b, tail(v->col_label));
	buf_adds(b, "”");
}

char *
checker_fix_hint(const struct checker *c, size_t i)
{
	const struct template *t = c->r->tpl;
	struct finding f;
	struct buf b = BUF_INIT;
	char expected[64];
	int ecell;
	int64_t evalue;

	checker_finding(c, i, &f);
	if (checker_edited_fix(c, i, &ecell, &evalue)) {	/* the typed cell first, the usual fix second */
		struct buf el = BUF_INIT, cl = BUF_INIT;
		char eexp[64];

		cell_label_short(&el, &t->values[ecell]);
		value_format_fixed(evalue, eexp, sizeof eexp);
		if (f.has_expected) {
			cell_label_short(&cl, &t->values[f.fix]);
			value_format_fixed(f.expected, expected, sizeof expected);
			/* TRANSLATORS: appended to a broken rule: the cell just typed and the value
			   that would fix the rule there, or else the template's usual cell to fix. */
			buf_addf(&b, _("; %s should be %s, or %s should be %s"), el.data, eexp, cl.data, expected);
		} else
			buf_addf(&b, _("; %s should be %s"), el.data, eexp);
		buf_free(&el);
		buf_free(&cl);
	} else if (f.has_expected) {
		struct buf cl = BUF_INIT;

		cell_label(&cl, &t->values[f.fix]);
		value_format_fixed(f.expected, expected, sizeof expected);
		/* TRANSLATORS: appended to a broken rule: which cell, what value would fix it. */
		buf_addf(&b, _("; %s should be %s"), cl.data, expected);
		buf_free(&cl);
	}
	return b.data != NULL ? buf_detach(&b) : xstrdup("");
}

char *
checker_describe(const struct checker *c, size_t i)
{
	const struct template *t = c->r->tpl;
	const struct inst *in = &c->rs->inst[i];
	char actual[64];

	value_format(&c->r->cells[subject(in)], &t->values[subject(in)].kind, actual, sizeof actual);
	return format_message(c, i, actual);
}

char *
checker_message(const struct checker *c, size_t i)
{
	char *d = checker_describe(c, i), *h = checker_fix_hint(c, i), *m;

	m = xasprintf("%s%s", d, h);
	free(d);
	free(h);
	return m;
}
