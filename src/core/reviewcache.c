/* reviewcache.c - the review kept up to date while typing; see reviewcache.h. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "core/review.h"
#include "core/reviewcache.h"
#include "lib/xalloc.h"

struct reviewcache {
	struct review_list	*parts;		/* per part, in review_part's order */
	size_t			 nparts;
	struct review_list	 head, tail;	/* about fields and cells: before and after the parts' */
	bool			 stale;
	unsigned long		 gen;
};

struct reviewcache *
reviewcache_new(const struct report *r)
{
	struct reviewcache *c = xcalloc(1, sizeof *c);

	c->nparts = r->tpl->nparts;
	c->parts = xcalloc(c->nparts + 1, sizeof *c->parts);
	c->stale = true;
	return c;
}

static void
reviewcache_clear(struct reviewcache *c)
{
	for (size_t p = 0; p < c->nparts; p++)
		review_list_free(&c->parts[p]);
	review_list_free(&c->head);
	review_list_free(&c->tail);
}

void
reviewcache_free(struct reviewcache *c)
{
	if (c == NULL)
		return;
	reviewcache_clear(c);
	free(c->parts);
	free(c);
}

/* Move finding f (its strings too) to the end of l. */
static void
reviewcache_move(struct review_list *l, struct review_finding *f)
{
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = *f;
}

void
reviewcache_full(struct reviewcache *c, const struct report *r, const struct report *prev, int copy_pct)
{
	struct review_list all = REVIEW_LIST_INIT;
	bool parts_seen = false;

	reviewcache_clear(c);
	review_report(r, prev, copy_pct, &all);
	for (size_t i = 0; i < all.n; i++) {
		struct review_finding *f = &all.v[i];

		parts_seen |= f->part >= 0;
		reviewcache_move(f->part >= 0 && (size_t)f->part < c->nparts ? &c->parts[f->part] :
		    parts_seen ? &c->tail : &c->head, f);
	}
	free(all.v);	/* the findings moved */
	c->stale = false;
	c->gen++;
}

/*
 * The place of a rule among a part's findings at one place: review_part
 * gives the requirements, the facts, the stale year, the copy, then the
 * hygiene's checks in turn and the hidden characters, each in text order,
 * and sorts them by place keeping that order.
 */
static int
reviewcache_rank(const char *rule)
{
	static const char *const order[] = { "require.", "fact.", "change.", "stale-year", "copy",
	    "hygiene.doubled", "hygiene.space", "hygiene.halfwidth", "hygiene.unbalanced", "hygiene.digits" };
	static const int rank[] = { 0, 1, 1, 2, 3, 4, 5, 5, 6, 7 };

	for (size_t i = 0; i < sizeof order / sizeof *order; i++)
		if (strncmp(rule, order[i], strlen(order[i])) == 0)
			return rank[i];
	return 8;
}

static bool
reviewcache_before(const struct review_finding *a, const struct review_finding *b)
{
	return a->start < b->start || (a->start == b->start && reviewcache_rank(a->rule) < reviewcache_rank(b->rule));
}

/* Stable: the list is sorted but for the few findings just added at its end. */
static void
reviewcache_sort(struct review_list *l)
{
	for (size_t i = 1; i < l->n; i++)
		for (size_t j = i; j > 0 && reviewcache_before(&l->v[j], &l->v[j - 1]); j--) {
			struct review_finding t = l->v[j];

			l->v[j] = l->v[j - 1];
			l->v[j - 1] = t;
		}
}

/* A byte offset of the old text in the new one: after the edit it moves with the text. */
static size_t
reviewcache_shift(size_t x, size_t at, size_t removed, size_t inserted)
{
	if (x >= at + removed)
		return x - removed + inserted;
	return x > at ? at : x;
}

/* Review the sentences around [start, end) of part again: their local findings are replaced; *to their end. */
static void
reviewcache_respan(struct review_list *l, const struct report *r, const struct report *prev, int part,
    size_t start, size_t end, size_t *to)
{
	struct review_list fresh = REVIEW_LIST_INIT;
	struct review_span_at at;
	size_t kept = 0;

	review_span(r, prev, part, start, end, &at, &fresh);
	*to = at.to;
	for (size_t i = 0; i < l->n; i++)
		if (review_span_has(&at, &l->v[i])) {
			free(l->v[i].rule);
			free(l->v[i].message);
			free(l->v[i].reason);
		} else
			l->v[kept++] = l->v[i];
	l->n = kept;
	for (size_t i = 0; i < fresh.n; i++)
		reviewcache_move(l, &fresh.v[i]);
	free(fresh.v);
	reviewcache_sort(l);
}

void
reviewcache_edit(struct reviewcache *c, const struct report *r, const struct report *prev, int part,
    size_t at, size_t removed, size_t inserted)
{
	struct review_list *l = &c->parts[part];
	size_t to;

	for (size_t i = 0; i < l->n; i++) {
		l->v[i].start = reviewcache_shift(l->v[i].start, at, removed, inserted);
		l->v[i].end = reviewcache_shift(l->v[i].end, at, removed, inserted);
	}
	reviewcache_respan(l, r, prev, part, at, at + inserted, &to);
	/* a stale year's message counts the paragraphs before it: a line more or less moves them */
	for (size_t i = 0; i < l->n;)
		if (l->v[i].start >= to && strcmp(l->v[i].rule, "stale-year") == 0) {
			reviewcache_respan(l, r, prev, part, l->v[i].start, l->v[i].start, &to);
			for (i = 0; i < l->n && l->v[i].start < to; i++)	/* on after the sentences reviewed */
				;
		} else
			i++;
	c->stale = true;
	c->gen++;
}

bool
reviewcache_stale(const struct reviewcache *c)
{
	return c->stale;
}

unsigned long
reviewcache_generation(const struct reviewcache *c)
{
	return c->gen;
}

/* A copy of f at the end of out. */
static void
reviewcache_copy(struct review_list *out, const struct review_finding *f)
{
	struct review_finding *g;

	review_add(out, f->rule, f->part, f->start, f->end, xstrdup(f->message));
	g = &out->v[out->n - 1];
	g->cell = f->cell;
	g->numbers = f->numbers;
	g->table = f->table;
	g->text = f->text;
	g->guide = f->guide;
	g->reason = f->reason != NULL ? xstrdup(f->reason) : NULL;
}

void
reviewcache_list(const struct reviewcache *c, struct review_list *out)
{
	for (size_t i = 0; i < c->head.n; i++)
		reviewcache_copy(out, &c->head.v[i]);
	for (size_t p = 0; p < c->nparts; p++)
		for (size_t i = 0; i < c->parts[p].n; i++)
			reviewcache_copy(out, &c->parts[p].v[i]);
	for (size_t i = 0; i < c->tail.n; i++)
		reviewcache_copy(out, &c->tail.v[i]);
}
