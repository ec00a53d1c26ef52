/* tui.h - the full-screen editor: `nianbao FILE`. */
#ifndef TUI_H
#define TUI_H

#include "core/tplset.h"
#include "store/prefs.h"

/* Edit file (created through a short form when it does not exist).
 * Returns the exit status: 0, or 2 if the file could not be opened. */
int tui_run(const char *file, struct tplset *ts, struct prefs *prefs);

#endif
