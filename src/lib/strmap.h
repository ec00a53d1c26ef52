/* strmap.h - a string to int map (open addressing); keys are copied. */
#ifndef STRMAP_H
#define STRMAP_H

#include <stddef.h>

struct strmap;

struct strmap *strmap_create(void);
void strmap_free(struct strmap *m);
/* Returns -1 if key was already present (its value is left alone), 0 otherwise. */
int strmap_put(struct strmap *m, const char *key, int value);
/* Value of key, or -1. */
int strmap_get(const struct strmap *m, const char *key);

#endif
