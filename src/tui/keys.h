/*
 * keys.h - every key of the editor in one binding table (key, context,
 * action, help): the key-hint bar, the F1 help screen and the key list of
 * nianbao(1) (which tests/lint.sh checks against it) all come from it.
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
	ACT_FILL_ZERO,		/* the blanks of the current table become 0 */
	ACT_GUIDE,		/* the whole guidance of the part or table */
	ACT_COUNT
};

/* Where a key works, as bits: a binding shows in the hint bar of these. */
enum key_context { CTX_TEXT = 1, CTX_GRID = 2, CTX_FORM = 4, CTX_LIST = 8, CTX_PICK = 16 };
#define CTX_PAGES (CTX_TEXT | CTX_GRID | CTX_FORM)

/* One key as get_wch returns it: a wide character or a KEY_* code. */
struct keycode {
	int		 key;
	bool		 code;
};

/* One row of the binding table. */
struct key_help {
	const char	*keys;		/* as shown: "^S, ^O"; the part before ", " in the hint bar */
	struct keycode	 bound[2];	/* the keys of a global action ({0} ends) */
	enum action	 act;		/* ACT_NONE: the page handles the key itself */
	unsigned	 hint_ctx;	/* contexts whose hint bar shows it */
	const char	*hint;		/* msgid for the hint bar, or NULL */
	const char	*what;		/* msgid for F1 help and nianbao(1), or NULL */
};

/* The global action bound to a key (wide character or KEY_* code), or ACT_NONE. */
enum action keys_action(int key, bool is_code);
/* The action of Alt/Esc followed by key, or ACT_NONE. */
enum action keys_meta_action(int key);

/* The binding table, in the order of the hint bar and the help. */
size_t keys_all(const struct key_help **all);
/* Bytes of k->keys shown in the hint bar (up to the first ", "). */
size_t keys_hint_len(const struct key_help *k);

#endif
