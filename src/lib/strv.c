/* strv.c - lists of words; see strv.h. */
#include "nb.h"

#include <stdlib.h>
#include <string.h>

#include "lib/strv.h"
#include "lib/xalloc.h"

void
strv_split(const char *s, char ***v, size_t *n)
{
	while (*s != '\0') {
		size_t k = strcspn(s, " ");

		if (k > 0) {
			*v = xrealloc(*v, (*n + 1) * sizeof **v);
			(*v)[(*n)++] = xstrndup(s, k);
		}
		s += k + (s[k] == ' ');
	}
}

void
strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
