/* strmap.c - id lookups (cell ids, row ids) must stay O(1): files have hundreds of them. */
#include "nb.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/hash.h"
#include "lib/strmap.h"
#include "lib/xalloc.h"

struct slot {
	char	*key;
	size_t	 len;
	int	 value;
};

struct strmap {
	struct slot	*slots;
	size_t		 cap;	/* power of two */
	size_t		 n;
};

struct strmap *
strmap_create(void)
{
	struct strmap *m = xcalloc(1, sizeof *m);

	m->cap = 64;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	return m;
}

void
strmap_free(struct strmap *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	free(m);
}

static struct slot *
find(const struct strmap *m, const char *key, size_t n)
{
	size_t i = (size_t)hash_bytes(HASH_START, key, n) & (m->cap - 1);

	for (;;) {
		struct slot *s = &m->slots[i];

		if (s->key == NULL || (s->len == n && memcmp(s->key, key, n) == 0))
			return s;
		i = (i + 1) & (m->cap - 1);
	}
}

static void
grow(struct strmap *m)
{
	struct slot *old = m->slots;
	size_t oldcap = m->cap;

	m->cap *= 2;
	m->slots = xcalloc(m->cap, sizeof *m->slots);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*find(m, old[i].key, old[i].len) = old[i];
	free(old);
}

int
strmap_put(struct strmap *m, const char *key, int value)
{
	size_t n = strlen(key);
	struct slot *s;

	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	s = find(m, key, n);
	if (s->key != NULL)
		return -1;
	s->key = xstrndup(key, n);
	s->len = n;
	s->value = value;
	m->n++;
	return 0;
}

/* Value of the key of n bytes, or -1. */
static int
strmap_getn(const struct strmap *m, const char *key, size_t n)
{
	const struct slot *s = find(m, key, n);

	return s->key != NULL ? s->value : -1;
}

int
strmap_get(const struct strmap *m, const char *key)
{
	return strmap_getn(m, key, strlen(key));
}
