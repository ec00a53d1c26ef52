/*
 * tplset.h - the templates nianbao knows, found by id in a search path of
 * directories (NIANBAO_TEMPLATE_PATH, then the installed templates).  Each
 * template is loaded and its rules compiled once, on first use.
 */
#ifndef TPLSET_H
#define TPLSET_H

#include "core/template.h"
#include "lib/diag.h"

struct tplset;

/* path: colon-separated directories, searched in order. */
struct tplset *tplset_create(const char *path);
void tplset_free(struct tplset *ts);

/* The template with this id, or NULL with the reason in dl. */
const struct template *tplset_get(struct tplset *ts, const char *id, struct diag_list *dl);

/* The id of the template for a new report of year (the newest that covers it). */
const char *tplset_default_for_year(struct tplset *ts, int year, struct diag_list *dl);

/* Sorted, distinct ids of the templates in the path; caller frees each and the array. */
char **tplset_ids(struct tplset *ts, size_t *n);

/*
 * Load a template from memory and compile its rules, as tplset_get does with
 * a file (for tests and the fuzzer); NULL if dl got errors.
 */
struct template *tplset_load_mem(const char *file, const char *data, size_t len,
    struct diag_list *dl);
/* Free a template and its compiled rules. */
void tplset_template_free(struct template *t);

#endif
