/* links.c - linked numbers in the narrative; see links.h. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "core/facts.h"
#include "core/links.h"
#include "lib/buf.h"
#include "lib/xalloc.h"

size_t
links_nfacts(const struct template *t)
{
	return facts_count(t->facts);
}

const char *
links_fact_id(const struct template *t, int fact)
{
	const struct fact *f = facts_get(t->facts, fact);

	return f != NULL ? f->id : NULL;
}

const char *
links_fact_name(const struct template *t, int fact)
{
	const struct fact *f = facts_get(t->facts, fact);

	return f != NULL && f->name != NULL ? f->name : links_fact_id(t, fact);
}

/* The fact whose id is the n bytes at s, or -1. */
static int
links_find(const struct template *t, const char *s, size_t n)
{
	for (size_t i = 0; i < facts_count(t->facts); i++) {
		const char *id = facts_get(t->facts, (int)i)->id;

		if (strlen(id) == n && memcmp(id, s, n) == 0)
			return (int)i;
	}
	return -1;
}

/* A character of a fact's id, as the templates write them. */
static bool
links_idchar(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c == '-' || c == '_' || c == '.';
}

size_t
links_at(const struct template *t, const char *s, size_t n, int *fact)
{
	size_t i = 2;

	if (n < 4 || s[0] != '{' || s[1] != '=')
		return 0;
	while (i < n && i < LINKS_MAX && links_idchar(s[i]))
		i++;
	if (i == 2 || i == n || s[i] != '}')
		return 0;
	if ((*fact = links_find(t, s + 2, i - 2)) < 0)
		return 0;
	return i + 1;
}

bool
links_next(const struct template *t, const char *s, size_t n, size_t from, struct link *l)
{
	for (size_t i = from; i < n; i++) {
		const char *p = memchr(s + i, '{', n - i);
		size_t len;

		if (p == NULL)
			return false;
		i = (size_t)(p - s);
		if ((len = links_at(t, s + i, n - i, &l->fact)) > 0) {
			l->start = i;
			l->end = i + len;
			return true;
		}
	}
	return false;
}

bool
links_around(const struct template *t, const char *s, size_t n, size_t at, struct link *l)
{
	size_t lo = at > LINKS_MAX ? at - LINKS_MAX : 0;

	for (size_t p = at + 1; p-- > lo;)
		if (s[p] == '{') {	/* a link holds no brace: the nearest one is its start or nothing */
			size_t len = links_at(t, s + p, n - p, &l->fact);

			l->start = p;
			l->end = p + len;
			return len > 0 && l->end > at;
		}
	return false;
}

/*
 * The sum of the cells of a fact's reading (t3.new.total + t3.carried.total)
 * into *v, with the most decimals any of them was typed with; false when
 * none holds a number or one is unreadable ("?": no guess at a number).
 */
static bool
links_sum(const struct report *r, const struct facts_sum *sum, struct value *v)
{
	bool any = false, unreadable = false;
	int64_t fixed = 0;
	uint8_t scale = 0;

	for (size_t i = 0; i < sum->ncells; i++) {
		const struct value *cv = &r->cells[sum->cells[i]];

		any |= cv->state == VALUE_NUMBER;
		unreadable |= cv->state == VALUE_UNREADABLE;
		fixed += value_fixed(cv);
		if (cv->state == VALUE_NUMBER && cv->scale > scale)
			scale = cv->scale;
	}
	v->state = VALUE_NUMBER;
	v->scale = scale;
	v->num = fixed;
	for (int i = scale; i < VALUE_MAX_SCALE; i++)
		v->num /= 10;
	return any && !unreadable;
}

bool
links_value(const struct report *r, int fact, char *out)
{
	const struct fact *f = facts_get(r->tpl->facts, fact);
	const struct facts_sum *sum = f != NULL && f->nreadings > 0 ? &f->readings[0] : NULL;
	struct value v = { 0 };
	int c;

	if (sum == NULL || !links_sum(r, sum, &v)) {
		strcpy(out, "?");
		return false;
	}
	/* one cell: exactly as the table shows it, its unit included */
	if (sum->ncells == 1 && (c = sum->cells[0]) >= 0)
		value_format(&r->cells[c], &r->tpl->values[c].kind, out, LINKS_VALUE_MAX);
	else
		value_format(&v, &(struct cell_kind){ KIND_COUNT, NULL }, out, LINKS_VALUE_MAX);
	return true;
}

size_t
links_expand(const struct report *r, const char *s, struct buf *b)
{
	size_t n = strlen(s), from = 0, unknown = 0;
	struct link l;
	char val[LINKS_VALUE_MAX];

	while (links_next(r->tpl, s, n, from, &l)) {
		buf_add(b, s + from, l.start - from);
		unknown += !links_value(r, l.fact, val);
		buf_adds(b, val);
		from = l.end;
	}
	buf_add(b, s + from, n - from);
	return unknown;
}

void
links_review(const struct report *r, int part, struct review_list *out)
{
	const char *s = r->texts[part];
	size_t n = strlen(s), from = 0;
	struct link l;
	char val[LINKS_VALUE_MAX], *name;

	while (links_next(r->tpl, s, n, from, &l)) {
		from = l.end;
		if (links_value(r, l.fact, val))
			continue;
		name = template_part_name(r->tpl, part);
		review_add(out, "link.blank", part, l.start, l.end,
		    xasprintf(_("%s: the linked number %s shows \"?\": its cells in the tables are blank"),
		    name, links_fact_name(r->tpl, l.fact)));
		free(name);
	}
}
