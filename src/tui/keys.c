/* keys.c - the binding table; see keys.h. */
#include "nb.h"

#include <curses.h>
#include <string.h>

#include "tui/keys.h"

#define CTRL(c) ((c) & 0x1f)
#define K(c) { (c), false }
#define F(n) { KEY_F(n), true }
#define CODE(c) { (c), true }

static const struct key_help all[] = {
	{ "^S, ^O", { K(CTRL('s')), K(CTRL('o')) }, ACT_SAVE, CTX_PAGES, N_("Save"),
	  N_("Save the report (the previous version is kept as FILE~)") },
	{ "^Q, ^X", { K(CTRL('q')), K(CTRL('x')) }, ACT_QUIT, CTX_PAGES, N_("Quit"),
	  N_("Quit; asks what to do with unsaved changes") },
	{ "F1, ^G", { F(1), K(CTRL('g')) }, ACT_HELP, CTX_PAGES | CTX_LIST, N_("Help"),
	  N_("Show this help") },
	{ "Enter", { { 0, false } }, ACT_NONE, CTX_FORM, N_("Next field"), NULL },
	{ "Enter", { { 0, false } }, ACT_NONE, CTX_LIST, N_("Go to"), NULL },
	{ "Esc", { { 0, false } }, ACT_NONE, CTX_LIST, N_("Close"), NULL },
	{ "A", { { 0, false } }, ACT_NONE, CTX_LIST, N_("Acknowledge"), NULL },
	{ "Enter", { { 0, false } }, ACT_NONE, CTX_PICK, N_("Insert"), NULL },
	{ "Esc", { { 0, false } }, ACT_NONE, CTX_PICK, N_("Close"), NULL },
	{ "PgDn, PgUp", { CODE(KEY_NPAGE), CODE(KEY_PPAGE) }, ACT_NEXT_PAGE, CTX_PAGES, N_("Next part"),
	  N_("Next or previous part of the report") },
	{ "M-1..M-6, Esc 1..6", { { 0, false } }, ACT_NONE, CTX_TEXT, N_("Section"),
	  N_("Jump to section 1 to 6") },
	{ "/", { { 0, false } }, ACT_NONE, CTX_GRID, N_("Not applicable"), NULL },
	{ "F5", { F(5) }, ACT_FILL_ZERO, CTX_GRID, N_("Blanks to 0"),
	  N_("Fill the remaining blank cells of this table with 0 (one undo step)") },
	{ "F2, ^E", { F(2), K(CTRL('e')) }, ACT_PROBLEMS, CTX_PAGES, N_("Problems"),
	  N_("List of errors and warnings; Enter goes to the cell") },
	{ "F6, ^R", { F(6), K(CTRL('r')) }, ACT_GUIDE, CTX_TEXT | CTX_GRID, N_("Guidance"),
	  N_("Show the whole guidance of this part or table, and back") },
	{ "F7, ^N", { F(7), K(CTRL('n')) }, ACT_NONE, CTX_TEXT, N_("Number"),
	  N_("In a text: insert a number from the tables, linked: it follows them and exports as digits") },
	{ "^Z, ^Y, M-U, M-E", { K(CTRL('z')), K(CTRL('y')) }, ACT_UNDO, CTX_TEXT, N_("Undo"),
	  N_("Undo, redo (texts and table cells)") },
	{ "^T", { K(CTRL('t')) }, ACT_AUTO_TOTALS, CTX_GRID, N_("Auto totals"),
	  N_("Turn auto totals on or off (recorded in the report)") },
	{ "F3", { F(3) }, ACT_INFO, 0, NULL,
	  N_("Report information: agency, year, date, contact") },
	{ "F4, ^P", { F(4), K(CTRL('p')) }, ACT_EXPORT, 0, NULL,
	  N_("Export to publish: text or HTML, UTF-8, GB18030 or GBK (the choice is remembered)") },
	{ "^L", { K(CTRL('l')) }, ACT_REFRESH, 0, NULL, N_("Redraw the screen") },
	{ N_("Arrows, Home, End"), { { 0, false } }, ACT_NONE, 0, NULL,
	  N_("Move; in a text by character and line; in a value being typed, its cursor") },
	{ N_("Ctrl-Up, Ctrl-Down"), { { 0, false } }, ACT_NONE, 0, NULL,
	  N_("Previous or next paragraph of a text") },
	{ N_("Backspace, Delete"), { { 0, false } }, ACT_NONE, 0, NULL,
	  N_("Delete before or at the cursor; in a table, edit or blank the cell") },
	{ N_("Tab, Shift-Tab"), { { 0, false } }, ACT_NONE, 0, NULL,
	  N_("Next or previous cell or field") },
	{ N_("Enter"), { { 0, false } }, ACT_NONE, 0, NULL,
	  N_("In a table: store the value and go down; in a text: new line") },
	{ N_("digits, /"), { { 0, false } }, ACT_NONE, 0, NULL,
	  N_("In a table: type a number (full-width digits too) or / for not applicable") },
	{ "Esc", { { 0, false } }, ACT_NONE, 0, NULL, N_("Cancel the value being typed; close a list") },
	{ N_("Mouse click"), { { 0, false } }, ACT_NONE, 0, NULL, N_("Choose a part or a cell") },
	{ N_("Paste"), { { 0, false } }, ACT_NONE, 0, NULL,
	  N_("In a text: inserted as typed; in a table: numbers separated by tabs or spaces fill the row") },
};

enum action
keys_action(int key, bool is_code)
{
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		for (size_t k = 0; k < 2 && all[i].bound[k].key != 0; k++)
			if (all[i].bound[k].key == key && all[i].bound[k].code == is_code) {
				if (all[i].act == ACT_NEXT_PAGE && k == 1)
					return ACT_PREV_PAGE;	/* the second key goes the other way */
				if (all[i].act == ACT_UNDO && k == 1)
					return ACT_REDO;
				return all[i].act;
			}
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
keys_all(const struct key_help **out)
{
	*out = all;
	return sizeof all / sizeof *all;
}

size_t
keys_hint_len(const struct key_help *k)
{
	const char *comma = strstr(k->keys, ", ");

	return comma != NULL ? (size_t)(comma - k->keys) : strlen(k->keys);
}
