/*
 * keys.h - every action of the editor, its keys and its help, in one table:
 * the key-hint bar, the F1 help screen and nianbao(1) all come from it.
 */
#ifndef KEYS_H
#define KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum action {
	ACT_NONE,
	ACT_HELP,
	ACT_SAVE,
	ACT_QUIT,
	ACT_NEXT_PAGE,
	ACT_PREV_PAGE,
	ACT_SECTION_1, ACT_SECTION_2, ACT_SECTION_3, ACT_SECTION_4, ACT_SECTION_5, ACT_SECTION_6,
	ACT_INFO,		/* the report's metadata page */
	ACT_PROBLEMS,		/* the list of errors and warnings */
	ACT_AUTO_TOTALS,
	ACT_UNDO,
	ACT_REDO,
	ACT_REFRESH,
	ACT_EXPORT,
	ACT_COUNT
};

/* Where a key is used, for the hint bar. */
enum key_context { CTX_TEXT, CTX_GRID, CTX_FORM, CTX_LIST };

struct key_help {
	const char	*keys;		/* as shown: "^S", "F1", "M-1..M-6" */
	const char	*what;		/* msgid, translated when shown */
};

/* The global action bound to a key (wide character or KEY_* code), or ACT_NONE. */
enum action keys_action(int key, bool is_code);
/* The action of Alt/Esc followed by key, or ACT_NONE. */
enum action keys_meta_action(int key);

/* The hints shown in context, in order; returns how many. */
size_t keys_hints(enum key_context ctx, const struct key_help **hints);
/* Every key of the editor, for F1 help. */
size_t keys_all(const struct key_help **all);

#endif
