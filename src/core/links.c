/* links.c - linked numbers in the narrative; see links.h. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "core/links.h"
#include "lib/buf.h"
#include "lib/xalloc.h"

/* The [fact] section of a fact, by its index among the facts; NULL if none. */
static const struct tpl_entry *
links_entry(const struct template *t, int fact)
{
	int k = 0;

	for (size_t i = 0; i < t->nreview_src; i++) {
		const struct tpl_entry *e = &t->review_src[i];

		if (strcmp(e->kind, "fact") == 0 && k++ == fact)
			return e;
	}
	return NULL;
}

/* The first value of key in e, or NULL. */
static const char *
links_key(const struct tpl_entry *e, const char *key)
{
	for (size_t k = 0; e != NULL && k < e->n; k++)
		if (strcmp(e->keys[k], key) == 0)
			return e->vals[k];
	return NULL;
}

size_t
links_nfacts(const struct template *t)
{
	size_t n = 0;

	for (size_t i = 0; i < t->nreview_src; i++)
		n += strcmp(t->review_src[i].kind, "fact") == 0;
	return n;
}

const char *
links_fact_id(const struct template *t, int fact)
{
	const struct tpl_entry *e = links_entry(t, fact);

	return e != NULL ? e->id : NULL;
}

const char *
links_fact_name(const struct template *t, int fact)
{
	const char *name = links_key(links_entry(t, fact), "name");

	return name != NULL ? name : links_fact_id(t, fact);
}

/* The fact whose id is the n bytes at s, or -1. */
static int
links_find(const struct template *t, const char *s, size_t n)
{
	int k = 0;

	for (size_t i = 0; i < t->nreview_src; i++) {
		const struct tpl_entry *e = &t->review_src[i];

		if (strcmp(e->kind, "fact") != 0)
			continue;
		if (strlen(e->id) == n && memcmp(e->id, s, n) == 0)
			return k;
		k++;
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

/*
 * The sum of the cells named in "t3.new.total + t3.carried.total" into *v,
 * with the most decimals any of them was typed with; false when
 * none holds a number or one is unreadable ("?": no guess at a number).
 */
static bool
links_sum(const struct report *r, const char *s, struct value *v)
{
	bool any = false, unreadable = false;
	int64_t fixed = 0;
	uint8_t scale = 0;

	while (*s != '\0') {
		size_t k = strcspn(s, " ");
		char *id = xstrndup(s, k);
		int c = template_value(r->tpl, id);

		free(id);
		if (c >= 0) {
			const struct value *cv = &r->cells[c];

			any |= cv->state == VALUE_NUMBER;
			unreadable |= cv->state == VALUE_UNREADABLE;
			fixed += value_fixed(cv);
			if (cv->state == VALUE_NUMBER && cv->scale > scale)
				scale = cv->scale;
		}
		s += k + (s[k] == ' ');
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
	const char *sum = links_key(links_entry(r->tpl, fact), "value");
	struct value v = { 0 };
	int c;

	if (sum == NULL || !links_sum(r, sum, &v)) {
		strcpy(out, "?");
		return false;
	}
	/* one cell: exactly as the table shows it, its unit included */
	if ((c = template_value(r->tpl, sum)) >= 0)
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
