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

#endif
