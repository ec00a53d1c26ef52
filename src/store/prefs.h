/*
 * prefs.h - the user's preferences, ~/.config/nianbao/config.ini (or
 * $XDG_CONFIG_HOME/nianbao/config.ini), read with libinih:
 *
 *   [new]
 *   agency = NAME                    ; default agency of new reports
 *   contact = TEXT                   ; default contact of new reports
 *   auto_totals = yes                ; yes | no, for new reports
 *   [display]
 *   ambiguous_width = 1              ; 1 | 2: columns of “ ” — … ① ×
 *   [review]
 *   copy_threshold = 50              ; % of last year's text that makes a part a copy
 *
 * A bad preferences file is never fatal: its problems are listed
 * (FILE:LINE) and the defaults stand for what could not be read.
 *
 * The editor's state is kept apart from the preferences, in
 * ~/.local/state/nianbao/places (or $XDG_STATE_HOME/nianbao/places): where
 * the officer left off in each report, one line per report, the most recent
 * first, "PLACE<TAB>ABSOLUTE-PATH".  It is never written into a report.
 */
#ifndef PREFS_H
#define PREFS_H

#include <stdbool.h>

#include "lib/diag.h"

struct prefs {
	char	*agency;	/* never NULL */
	char	*contact;	/* never NULL */
	bool	 auto_totals;
	int	 ambiguous;	/* 1 or 2 */
	int	 copy_pct;	/* [review] copy_threshold, or -1: the template's */
};

void prefs_init(struct prefs *p);
/* The preferences file's path; caller frees. NULL if there is no home. */
char *prefs_path(void);
/* Read path (NULL: prefs_path()); a missing file is no problem. */
void prefs_load(struct prefs *p, const char *path, struct diag_list *dl);
void prefs_free(struct prefs *p);

/* The state file of places; caller frees.  NULL if there is no home. */
char *prefs_places_path(void);
/*
 * The place stored for the report file (made absolute here) in the state
 * file state (NULL: prefs_places_path()); caller frees, NULL if none.
 * A place is the editor's own short text, without tabs or newlines.
 */
char *prefs_place_get(const char *state, const char *report);
/* Store place for the report, first in the file, replacing its earlier one;
 * the oldest beyond PREFS_PLACES_MAX are dropped.  0, or -1 with *err. */
int prefs_place_set(const char *state, const char *report, const char *place, char **err);
#define PREFS_PLACES_MAX 200

#endif
