/* keys.c - the key table; see keys.h. */
#include "nb.h"

#include <curses.h>

#include "tui/keys.h"

#define CTRL(c) ((c) & 0x1f)

struct binding {
	int		 key;
	bool		 code;		/* a KEY_* code, not a character */
	enum action	 act;
};

static const struct binding bindings[] = {
	{ KEY_F(1), true, ACT_HELP },
	{ CTRL('g'), false, ACT_HELP },
	{ CTRL('s'), false, ACT_SAVE },
	{ CTRL('o'), false, ACT_SAVE },		/* nano's "write out" */
	{ CTRL('q'), false, ACT_QUIT },
	{ CTRL('x'), false, ACT_QUIT },		/* nano's exit */
	{ KEY_NPAGE, true, ACT_NEXT_PAGE },
	{ KEY_PPAGE, true, ACT_PREV_PAGE },
	{ KEY_F(2), true, ACT_PROBLEMS },
	{ CTRL('e'), false, ACT_PROBLEMS },
	{ KEY_F(3), true, ACT_INFO },
	{ CTRL('t'), false, ACT_AUTO_TOTALS },
	{ CTRL('z'), false, ACT_UNDO },
	{ CTRL('y'), false, ACT_REDO },
	{ CTRL('l'), false, ACT_REFRESH },
	{ KEY_F(4), true, ACT_EXPORT },
	{ CTRL('p'), false, ACT_EXPORT },
};

static const struct key_help hints_text[] = {
	{ "^S", N_("Save") }, { "^Q", N_("Quit") }, { "F1", N_("Help") },
	{ "PgDn", N_("Next part") }, { "M-1..6", N_("Section") }, { "^E", N_("Problems") },
	{ "^Z", N_("Undo") },
};

static const struct key_help hints_grid[] = {
	{ "^S", N_("Save") }, { "^Q", N_("Quit") }, { "F1", N_("Help") },
	{ "PgDn", N_("Next part") }, { "/", N_("Not applicable") }, { "^E", N_("Problems") },
	{ "^T", N_("Auto totals") },
};

static const struct key_help hints_form[] = {
	{ "^S", N_("Save") }, { "^Q", N_("Quit") }, { "F1", N_("Help") },
	{ "Enter", N_("Next field") }, { "PgDn", N_("Next part") }, { "^E", N_("Problems") },
};

static const struct key_help hints_list[] = {
	{ "Enter", N_("Go to") }, { "Esc", N_("Close") }, { "F1", N_("Help") },
};

static const struct key_help all[] = {
	{ "F1, ^G", N_("Show this help") },
	{ "^S, ^O", N_("Save the report (the previous version is kept as FILE~)") },
	{ "^Q, ^X", N_("Quit; asks what to do with unsaved changes") },
	{ "PgDn, PgUp", N_("Next or previous part of the report") },
	{ "M-1 .. M-6, Esc 1 .. 6", N_("Jump to section 1 to 6") },
	{ "F3", N_("Report information: agency, year, date, contact") },
	{ "F2, ^E", N_("List of errors and warnings; Enter goes to the cell") },
	{ "^T", N_("Turn auto totals on or off (recorded in the report)") },
	{ "F4, ^P", N_("Export to publish: text or HTML, UTF-8, GB18030 or GBK (the choice is remembered)") },
	{ "^Z, ^Y", N_("Undo, redo (texts and table cells)") },
	{ "^L", N_("Redraw the screen") },
	{ N_("Arrows, Home, End"), N_("Move; in a text by character and line") },
	{ N_("Ctrl-Up, Ctrl-Down"), N_("Previous or next paragraph of a text") },
	{ N_("Backspace, Delete"), N_("Delete before or at the cursor; in a table, edit or blank the cell") },
	{ N_("Tab, Shift-Tab"), N_("Next or previous cell or field") },
	{ N_("Enter"), N_("In a table: store the value and go down; in a text: new line") },
	{ N_("digits, /"), N_("In a table: type a number (full-width digits too) or / for not applicable") },
	{ "Esc", N_("Cancel the value being typed; close a list") },
	{ N_("Mouse click"), N_("Choose a part or a cell") },
	{ N_("Paste"), N_("In a text: inserted as typed; in a table: numbers separated by tabs or spaces fill the row") },
};

enum action
keys_action(int key, bool is_code)
{
	for (size_t i = 0; i < sizeof bindings / sizeof *bindings; i++)
		if (bindings[i].key == key && bindings[i].code == is_code)
			return bindings[i].act;
	return ACT_NONE;
}

enum action
keys_meta_action(int key)
{
	if (key >= '1' && key <= '6')
		return (enum action)(ACT_SECTION_1 + (key - '1'));
	if (key == 'u' || key == 'U')
		return ACT_UNDO;
	if (key == 'e' || key == 'E')
		return ACT_REDO;
	return ACT_NONE;
}

size_t
keys_hints(enum key_context ctx, const struct key_help **hints)
{
	switch (ctx) {
	case CTX_GRID:
		*hints = hints_grid;
		return sizeof hints_grid / sizeof *hints_grid;
	case CTX_FORM:
		*hints = hints_form;
		return sizeof hints_form / sizeof *hints_form;
	case CTX_LIST:
		*hints = hints_list;
		return sizeof hints_list / sizeof *hints_list;
	case CTX_TEXT:
		break;
	}
	*hints = hints_text;
	return sizeof hints_text / sizeof *hints_text;
}

size_t
keys_all(const struct key_help **out)
{
	*out = all;
	return sizeof all / sizeof *all;
}
