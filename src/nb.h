/* nb.h - included first by every source file: config.h and gettext. */
#ifndef NB_H
#define NB_H

#include <config.h>

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#define gettext(s) (s)
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s) (s)

#define NB_PRINTF(f, a) __attribute__((format(printf, f, a)))

#endif
