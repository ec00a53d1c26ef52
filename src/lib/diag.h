/* diag.h - problems found while reading a file: "FILE:LINE: message". */
#ifndef DIAG_H
#define DIAG_H

#include <stddef.h>
#include <stdio.h>

struct diag {
	char	*file;		/* owned; may be NULL */
	int	 line;		/* 0 when the problem has no line */
	char	*msg;		/* owned */
};

struct diag_list {
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
};

#define DIAG_LIST_INIT { NULL, 0, 0 }

void diag_add(struct diag_list *dl, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Print every entry as "FILE:LINE: message", one per line. */
void diag_print(const struct diag_list *dl, FILE *fp);
void diag_list_free(struct diag_list *dl);

#endif
