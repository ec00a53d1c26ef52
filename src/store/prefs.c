/* prefs.c - the preferences file; see prefs.h. */
#include "nb.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/inifile.h"
#include "lib/xalloc.h"
#include "store/prefs.h"

enum section { S_NONE, S_NEW, S_DISPLAY, S_REVIEW, S_OTHER };
enum key { K_AGENCY, K_CONTACT, K_AUTO_TOTALS, K_AMBIGUOUS, K_COPY, K_COUNT };

struct pload {
	const char		*file;
	struct prefs		*p;
	struct diag_list	*dl;
	enum section		 where;
	int			 seen[K_COUNT];	/* line of each key, 0 if not yet */
};

void
prefs_init(struct prefs *p)
{
	p->agency = xstrdup("");
	p->contact = xstrdup("");
	p->auto_totals = true;
	p->ambiguous = 1;
	p->copy_pct = -1;
}

void
prefs_free(struct prefs *p)
{
	free(p->agency);
	free(p->contact);
	p->agency = p->contact = NULL;
}

char *
prefs_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	/* The XDG specification says a relative value is to be ignored. */
	if (xdg != NULL && xdg[0] == '/')
		return xasprintf("%s/nianbao/config.ini", xdg);
	if (home == NULL || home[0] == '\0')
		return NULL;
	return xasprintf("%s/.config/nianbao/config.ini", home);
}

static void
prefs_on_section(void *user, const char *name, int line)
{
	struct pload *L = user;

	if (strcmp(name, "new") == 0)
		L->where = S_NEW;
	else if (strcmp(name, "display") == 0)
		L->where = S_DISPLAY;
	else if (strcmp(name, "review") == 0)
		L->where = S_REVIEW;
	else {
		L->where = S_OTHER;
		diag_add(L->dl, L->file, line, _("unknown section [%s]"), name);
	}
}

/* The first setting of a key counts; a repeated one is reported and ignored. */
static bool
prefs_once(struct pload *L, enum key k, const char *key, int line)
{
	if (L->seen[k] == 0) {
		L->seen[k] = line;
		return true;
	}
	diag_add(L->dl, L->file, line, _("\"%s\" is already set on line %d"), key, L->seen[k]);
	return false;
}

/* C0 and C1 controls in a name would reach the terminal and the report. */
static bool
has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < ' ' || *p == 0x7f || (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F))
			return true;
	return false;
}

static void
set_string(struct pload *L, char **field, const char *key, const char *value, int line)
{
	if (has_control(value)) {
		diag_add(L->dl, L->file, line, _("%s must not contain control characters"), key);
		return;
	}
	free(*field);
	*field = xstrdup(value);
}

static void
new_key(struct pload *L, const char *key, const char *value, int line)
{
	if (strcmp(key, "agency") == 0) {
		if (prefs_once(L, K_AGENCY, key, line))
			set_string(L, &L->p->agency, key, value, line);
	} else if (strcmp(key, "contact") == 0) {
		if (prefs_once(L, K_CONTACT, key, line))
			set_string(L, &L->p->contact, key, value, line);
	} else if (strcmp(key, "auto_totals") == 0) {
		if (!prefs_once(L, K_AUTO_TOTALS, key, line))
			return;
		if (strcmp(value, "yes") == 0 || strcmp(value, "no") == 0)
			L->p->auto_totals = strcmp(value, "yes") == 0;
		else
			diag_add(L->dl, L->file, line, _("auto_totals must be yes or no"));
	} else
		diag_add(L->dl, L->file, line, _("unknown key \"%s\" in [new]"), key);
}

static void
display_key(struct pload *L, const char *key, const char *value, int line)
{
	if (strcmp(key, "ambiguous_width") != 0) {
		diag_add(L->dl, L->file, line, _("unknown key \"%s\" in [display]"), key);
		return;
	}
	if (!prefs_once(L, K_AMBIGUOUS, key, line))
		return;
	if (strcmp(value, "1") == 0 || strcmp(value, "2") == 0)
		L->p->ambiguous = value[0] - '0';
	else
		diag_add(L->dl, L->file, line, _("ambiguous_width must be 1 or 2"));
}

/* [review] copy_threshold: the share of last year's text that makes a part a copy. */
static void
prefs_review_key(struct pload *L, const char *key, const char *value, int line)
{
	char *end;
	long pct;

	if (strcmp(key, "copy_threshold") != 0) {
		diag_add(L->dl, L->file, line, _("unknown key \"%s\" in [review]"), key);
		return;
	}
	if (!prefs_once(L, K_COPY, key, line))
		return;
	pct = strtol(value, &end, 10);
	if (*end != '\0' || end == value || pct < 1 || pct > 100)
		diag_add(L->dl, L->file, line, _("copy_threshold must be 1 to 100"));
	else
		L->p->copy_pct = (int)pct;
}

static void
prefs_on_key(void *user, const char *section, const char *key, const char *value, int line)
{
	struct pload *L = user;

	(void)section;
	switch (L->where) {
	case S_NONE:
		diag_add(L->dl, L->file, line, _("key \"%s\" outside any section"), key);
		break;
	case S_NEW:
		new_key(L, key, value, line);
		break;
	case S_DISPLAY:
		display_key(L, key, value, line);
		break;
	case S_REVIEW:
		prefs_review_key(L, key, value, line);
		break;
	case S_OTHER:
		break;	/* the section was reported already */
	}
}

void
prefs_load(struct prefs *p, const char *path, struct diag_list *dl)
{
	static const struct inifile_ops ops = { prefs_on_section, prefs_on_key };
	struct pload L = { NULL, p, dl, S_NONE, { 0 } };
	char *own = NULL, *data;
	struct stat st;
	size_t len;

	if (path == NULL && (path = own = prefs_path()) == NULL)
		return;
	/* Having no preferences file is the usual case, not a problem. */
	if (stat(path, &st) != 0 && errno == ENOENT) {
		free(own);
		return;
	}
	if ((data = inifile_slurp(path, &len, dl)) != NULL) {
		L.file = path;
		inifile_read(path, data, len, &ops, &L, dl);
		free(data);
	}
	free(own);
}
