/*
 * strv.h - lists of words: the templates give many settings as words
 * separated by spaces ("none nothing"), kept as arrays of copies.
 */
#ifndef STRV_H
#define STRV_H

#include <stddef.h>

/* Split s at spaces into copies appended to *v (*n of them). */
void strv_split(const char *s, char ***v, size_t *n);
/* Free the n copies of v and v. */
void strv_free(char **v, size_t n);

#endif
