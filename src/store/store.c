/* store.c - report file reader and canonical writer. */
#include "nb.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/atomic.h"
#include "lib/hash.h"
#include "lib/inifile.h"
#include "lib/strmap.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "store/codec.h"
#include "store/journal.h"
#include "store/store.h"

#define FORMAT_VERSION 1

enum where { W_NONE, W_REPORT, W_CELLS, W_TEXT, W_END, W_BAD };

struct sload {
	const char		*file;
	struct tplset		*ts;
	struct diag_list	*dl;
	struct report		*r;
	enum where		 where;
	int			 part;		/* current [text ID] */
	bool			 text_started;
	bool			 text_bad;	/* a chunk of it is not UTF-8 by itself */
	struct strmap		*sections, *keys;	/* keys: of [report], made when needed */
	unsigned char		*cell_seen;	/* per template cell: its line was read */
	size_t			 next_cell;	/* the cell a file in template order has next */
	struct buf		 text;		/* the text being assembled */
	struct buf		 meta;		/* a metadata string being assembled */
	char			*meta_key;	/* which one */
	bool			 have_format, have_year, ended, after_end;
	bool			 no_template;	/* named one we do not have: said once */
	int			 text_line, meta_line;	/* where the value being assembled began */
	int			 year_line;
	int			 report_line;
};

static void flush_text(struct sload *S);
static void flush_meta(struct sload *S);

static void
store_on_section(void *user, const char *name, int line)
{
	struct sload *S = user;
	const char *id;

	flush_text(S);
	flush_meta(S);
	strmap_free(S->keys);	/* only [report] names its keys: no map per section */
	S->keys = NULL;
	S->where = W_BAD;
	if (S->ended) {
		diag_add(S->dl, S->file, line, _("nothing may follow the [end] line"));
		S->after_end = true;
		return;
	}
	if (strmap_put(S->sections, name, line) != 0) {
		diag_add(S->dl, S->file, line, _("section [%s] appears twice"), name);
		return;
	}
	if (strcmp(name, "report") == 0) {
		S->where = W_REPORT;
		S->report_line = line;
		return;
	}
	if (S->r == NULL) {
		if (!S->no_template)
			diag_add(S->dl, S->file, line,
			    _("the file must begin with a [report] section naming its template"));
		return;
	}
	if (strcmp(name, "cells") == 0)
		S->where = W_CELLS;
	else if (strcmp(name, "end") == 0) {
		S->where = W_END;
		S->ended = true;
	} else if (strncmp(name, "text ", 5) == 0) {
		id = name + 5;
		if ((S->part = template_part(S->r->tpl, id)) < 0)
			diag_add(S->dl, S->file, line, _("template %s has no text part \"%s\""),
			    S->r->tpl->id, id);
		else {
			S->where = W_TEXT;
			S->text_started = false;
			S->text_bad = false;
			S->text_line = line;
		}
	} else
		diag_add(S->dl, S->file, line, _("unknown section [%s]"), name);
}

static bool
store_once(struct sload *S, const char *key, int line)
{
	if (S->keys == NULL)
		S->keys = strmap_create();
	if (strmap_put(S->keys, key, line) == 0)
		return true;
	diag_add(S->dl, S->file, line, _("key \"%s\" appears twice in this section"), key);
	return false;
}

/* Decode a |chunk| onto b; the writer cuts on character boundaries, so each
 * chunk is valid UTF-8 by itself and a bad one is reported on its own line.
 * Returns false for such a bad one. */
static bool
decode_into(struct sload *S, const char *value, struct buf *b, int line)
{
	size_t before = b->len;
	char *err = NULL;
	int rc = codec_get(value, b, &err);

	if (rc < 0) {
		diag_add(S->dl, S->file, line, "%s", err);
		free(err);
	} else if (rc > 0 && !utf8_valid(b->data + before, b->len - before)) {
		diag_add(S->dl, S->file, line, _("the text is not valid UTF-8"));
		return false;
	}
	return true;
}

/* The three metadata strings; continuation lines are KEY+. */
static char **
meta_field(struct report *r, const char *key)
{
	if (strcmp(key, "agency") == 0)
		return &r->agency;
	if (strcmp(key, "date") == 0)
		return &r->date;
	if (strcmp(key, "contact") == 0)
		return &r->contact;
	if (strcmp(key, "previous") == 0)
		return &r->previous;
	if (strcmp(key, "merged_from") == 0)
		return &r->merged_from;
	if (strcmp(key, "kind") == 0)
		return &r->kind;
	if (strcmp(key, "acks") == 0)
		return &r->acks;
	return NULL;
}

static void
flush_meta(struct sload *S)
{
	char *err = NULL;

	if (S->meta_key == NULL)
		return;
	if (S->r != NULL && report_set_string(meta_field(S->r, S->meta_key), S->meta.data != NULL ?
	    S->meta.data : "", &err) != 0) {
		diag_add(S->dl, S->file, S->meta_line, "%s: %s", S->meta_key, err);
		free(err);
	}
	free(S->meta_key);
	S->meta_key = NULL;
	buf_reset(&S->meta);
}

/* "html gb18030 crlf zero": the four choices of the export dialog, in that order. */
static bool
valid_export_choice(const char *v)
{
	static const char *const words[4][3] = {
		{ "text", "html", NULL }, { "utf-8", "gb18030", "gbk" }, { "lf", "crlf", NULL },
		{ "zero", "empty", NULL }
	};
	char *copy = xstrdup(v), *save = NULL, *w = strtok_r(copy, " ", &save);
	bool ok = true;

	for (int i = 0; i < 4 && ok; i++, w = strtok_r(NULL, " ", &save)) {
		bool found = false;

		for (int k = 0; k < 3 && w != NULL; k++)
			found |= words[i][k] != NULL && strcmp(words[i][k], w) == 0;
		ok = found;
	}
	ok = ok && w == NULL;
	free(copy);
	return ok;
}

static void
report_key(struct sload *S, const char *key, const char *value, int line)
{
	size_t kl = strlen(key);

	if (kl > 1 && key[kl - 1] == '+') {
		if (S->meta_key == NULL || strncmp(S->meta_key, key, kl - 1) != 0 ||
		    S->meta_key[kl - 1] != '\0')
			diag_add(S->dl, S->file, line, _("\"%s\" must follow the \"%.*s\" line"), key,
			    (int)(kl - 1), key);
		else
			decode_into(S, value, &S->meta, line);
		return;
	}
	flush_meta(S);
	if (!store_once(S, key, line))
		return;
	if (strcmp(key, "format") == 0) {
		if (strcmp(value, "1") != 0)
			diag_add(S->dl, S->file, line,
			    _("file format %s is not supported by this version of nianbao (it reads format %d)"),
			    value, FORMAT_VERSION);
		S->have_format = true;
	} else if (strcmp(key, "template") == 0) {
		const struct template *t;

		if (S->r != NULL)
			return;
		if ((t = tplset_get(S->ts, value, S->dl)) == NULL) {
			struct diag *d = &S->dl->v[S->dl->n - 1];

			if (d->file == NULL) {	/* name the report's line, not no place */
				d->file = xstrdup(S->file);
				d->line = line;
			}
			S->no_template = true;
			return;
		}
		S->r = report_create(t);
		S->r->auto_totals = false;
		S->cell_seen = xcalloc(t->nvalues + 1, 1);
	} else if (S->r == NULL) {
		if (!S->no_template)
			diag_add(S->dl, S->file, line, _("\"template\" must be the first key of [report]"));
	} else if (meta_field(S->r, key) != NULL) {
		S->meta_key = xstrdup(key);
		S->meta_line = line;
		decode_into(S, value, &S->meta, line);
	} else if (strcmp(key, "year") == 0) {
		char *end;
		long y = strtol(value, &end, 10);

		if (end == value || *end != '\0' || y < 1900 || y > 9999)
			diag_add(S->dl, S->file, line, _("year must be a number like 2025, not \"%s\""), value);
		S->r->year = (int)y;
		S->have_year = true;
	} else if (strcmp(key, "export") == 0) {
		if (!valid_export_choice(value))
			diag_add(S->dl, S->file, line,
			    _("export must list a format (text, html), an encoding (utf-8, gb18030, gbk), lf or crlf, and zero or empty"));
		else {
			free(S->r->export_choice);
			S->r->export_choice = xstrdup(value);
		}
	} else if (strcmp(key, "auto_totals") == 0) {
		if (strcmp(value, "yes") == 0)
			S->r->auto_totals = true;
		else if (strcmp(value, "no") != 0)
			diag_add(S->dl, S->file, line, _("auto_totals must be yes or no"));
	} else
		diag_add(S->dl, S->file, line, _("unknown key \"%s\" in [report]"), key);
}

static void
cell_key(struct sload *S, const char *key, const char *value, int line)
{
	const struct template *t = S->r->tpl;
	int cell;
	char *err = NULL;

	/* files are written in template order: the next cell is the likely one,
	 * and one comparison saves hashing the key */
	if (S->next_cell < t->nvalues && strcmp(t->values[S->next_cell].id, key) == 0)
		cell = (int)S->next_cell;
	else
		cell = template_value(t, key);
	if (cell >= 0)
		S->next_cell = (size_t)cell + 1;

	if (cell < 0) {
		diag_add(S->dl, S->file, line, _("template %s has no cell \"%s\""), t->id, key);
		return;
	}
	if (S->cell_seen[cell]) {	/* a flag per cell: files have hundreds of them */
		diag_add(S->dl, S->file, line, _("key \"%s\" appears twice in this section"), key);
		return;
	}
	S->cell_seen[cell] = 1;
	if (value_parse(value, &t->values[cell].kind, t->units, t->nunits, &S->r->cells[cell],
	    &err) != 0) {
		diag_add(S->dl, S->file, line, _("cell %s: %s"), key, err);
		free(err);
	}
}

static void
flush_text(struct sload *S)
{
	char *err = NULL;

	if (S->where != W_TEXT || S->r == NULL || S->part < 0)
		return;
	/* when every chunk is UTF-8 (decode_into), the whole is */
	if (S->text.data != NULL && (S->text_bad ? report_check_text(S->text.data, &err) :
	    report_check_controls(S->text.data, &err)) != 0) {
		diag_add(S->dl, S->file, S->text_line, _("[text %s]: %s"), S->r->tpl->parts[S->part].id, err);
		free(err);
	}
	/* A copy of its exact size: the buffer, grown once, serves every part. */
	free(S->r->texts[S->part]);
	S->r->texts[S->part] = xstrndup(S->text.data != NULL ? S->text.data : "", S->text.len);
	buf_reset(&S->text);
	S->part = -1;
}

static void
text_key(struct sload *S, const char *key, const char *value, int line)
{
	if (strcmp(key, "line") == 0) {
		if (S->text_started)
			buf_addc(&S->text, '\n');
		S->text_started = true;
	} else if (strcmp(key, "more") != 0 || !S->text_started) {
		diag_add(S->dl, S->file, line, strcmp(key, "more") == 0 ?
		    _("\"more\" must follow a \"line\"") : _("unknown key \"%s\" in a text section"), key);
		return;
	}
	if (!decode_into(S, value, &S->text, line))
		S->text_bad = true;
}

static void
store_on_key(void *user, const char *section, const char *key, const char *value, int line)
{
	struct sload *S = user;

	(void)section;
	switch (S->where) {
	case W_NONE:
		diag_add(S->dl, S->file, line, _("key \"%s\" outside any section"), key);
		break;
	case W_REPORT:
		report_key(S, key, value, line);
		break;
	case W_CELLS:
		cell_key(S, key, value, line);
		break;
	case W_TEXT:
		text_key(S, key, value, line);
		break;
	case W_END:
		diag_add(S->dl, S->file, line, _("nothing may follow the [end] line"));
		break;
	case W_BAD:
		break;
	}
}

struct report *
store_load_mem(const char *name, const char *data, size_t len, struct tplset *ts,
    struct diag_list *dl)
{
	static const struct inifile_ops ops = { store_on_section, store_on_key };
	struct sload S;
	size_t before = dl->n;

	memset(&S, 0, sizeof S);
	S.file = name;
	S.ts = ts;
	S.dl = dl;
	S.part = -1;
	S.sections = strmap_create();
	inifile_read(name, data, len, &ops, &S, dl);
	flush_text(&S);
	flush_meta(&S);
	if (dl->n == before && S.r == NULL && !S.no_template)
		diag_add(dl, name, 0, _("not a nianbao report: no [report] section with a template"));
	else if (dl->n == before && (!S.have_format || !S.have_year))
		diag_add(dl, name, S.report_line, _("[report] needs format and year"));
	/* Said even beside other problems: a cut-off file explains them. */
	if (S.r != NULL && !S.ended)
		diag_add(dl, name, 0, _("the file is incomplete (no [end] line): it was probably cut off while being copied or saved"));
	strmap_free(S.sections);
	strmap_free(S.keys);
	free(S.cell_seen);
	buf_free(&S.text);
	buf_free(&S.meta);
	free(S.meta_key);
	if (dl->n != before) {
		report_free(S.r);
		return NULL;
	}
	return S.r;
}

struct report *
store_read(const char *path, struct tplset *ts, struct buf *raw, struct diag_list *dl)
{
	size_t len;
	char *data = inifile_slurp(path, &len, dl);
	struct report *r;

	if (data == NULL)
		return NULL;
	r = store_load_mem(path, data, len, ts, dl);
	if (raw != NULL && r != NULL) {
		buf_free(raw);
		raw->data = data;
		raw->len = len;
		raw->cap = len + 1;
	} else
		free(data);
	return r;
}

static void
put_meta(struct buf *out, const char *key, const char *s)
{
	char *more = xasprintf("%s+", key);

	codec_put(out, key, more, s, strlen(s));
	free(more);
}

void
store_serialize(const struct report *r, struct buf *out)
{
	const struct template *t = r->tpl;
	char v[64];

	buf_adds(out, "; nianbao report file, UTF-8. See nianbao(5): text is written |between bars|,\n"
	    "; with %XX escapes, and long text continues on the next line.\n");
	buf_addf(out, "[report]\ntemplate = %s\nformat = %d\n", t->id, FORMAT_VERSION);
	put_meta(out, "agency", r->agency);
	if (*r->kind != '\0')	/* absent: guessed from the agency's name when needed */
		put_meta(out, "kind", r->kind);
	buf_addf(out, "year = %d\n", r->year);
	put_meta(out, "date", r->date);
	put_meta(out, "contact", r->contact);
	buf_addf(out, "auto_totals = %s\n", r->auto_totals ? "yes" : "no");
	if (*r->export_choice != '\0')
		buf_addf(out, "export = %s\n", r->export_choice);
	if (*r->previous != '\0')
		put_meta(out, "previous", r->previous);
	if (*r->merged_from != '\0')
		put_meta(out, "merged_from", r->merged_from);
	if (*r->acks != '\0')
		put_meta(out, "acks", r->acks);
	buf_adds(out, "\n[cells]\n");
	for (size_t i = 0; i < t->nvalues; i++) {
		if (r->cells[i].state == VALUE_BLANK)
			continue;
		value_format(&r->cells[i], &t->values[i].kind, v, sizeof v);
		buf_adds(out, t->values[i].id);	/* 200 lines a save, and one a second in the journal */
		buf_adds(out, " = ");
		buf_adds(out, v);
		buf_addc(out, '\n');
	}
	for (size_t p = 0; p < t->nparts; p++) {
		const char *s = r->texts[p];

		if (*s == '\0')
			continue;
		buf_addf(out, "\n[text %s]\n", t->parts[p].id);
		for (;;) {
			const char *nl = strchr(s, '\n');
			size_t n = nl != NULL ? (size_t)(nl - s) : strlen(s);

			codec_put(out, "line", "more", s, n);
			if (nl == NULL)
				break;
			s = nl + 1;
		}
	}
	buf_adds(out, "\n[end]\n");
}

void
store_stamp_bytes(const char *data, size_t len, struct store_stamp *st)
{
	st->known = true;
	st->size = len;
	st->hash = hash_bytes(HASH_START, data, len);
}

/*
 * Every value written must read back: a total computed from large values
 * may have more digits than a cell holds, and a file the loader refuses
 * would lock the officer out of their own report.
 */
static int
check_loadable(const struct report *r, char **err)
{
	const struct template *t = r->tpl;
	const char *const meta[] = { "agency", r->agency, "date", r->date, "contact", r->contact };
	char v[64], *why = NULL;

	for (size_t i = 0; i < sizeof meta / sizeof *meta; i += 2)
		if (report_check_text(meta[i + 1], &why) != 0) {
			*err = xasprintf(_("%s: %s; nothing was saved"), meta[i], why);
			free(why);
			return -1;
		}
	for (size_t p = 0; p < t->nparts; p++)
		if (report_check_text(r->texts[p], &why) != 0) {
			*err = xasprintf(_("%s: %s; nothing was saved"), t->parts[p].id, why);
			free(why);
			return -1;
		}
	for (size_t i = 0; i < t->nvalues; i++) {
		struct value back;

		if (r->cells[i].state == VALUE_BLANK)
			continue;
		value_format(&r->cells[i], &t->values[i].kind, v, sizeof v);
		if (value_parse(v, &t->values[i].kind, t->units, t->nunits, &back, &why) != 0) {
			*err = xasprintf(_("cell %s would be %s: %s; nothing was saved"), t->values[i].id, v, why);
			free(why);
			return -1;
		}
	}
	return 0;
}

/* Has the file at path changed since it was stamped?  0 no; STORE_CHANGED with *err. */
static int
check_unchanged(const char *path, const struct store_stamp *was, char **err)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct store_stamp now = { false, 0, 0 };
	size_t len;
	char *data = inifile_slurp(path, &len, &dl);

	if (data != NULL)
		store_stamp_bytes(data, len, &now);
	free(data);
	diag_list_free(&dl);
	if (now.known && now.size == was->size && now.hash == was->hash)
		return 0;
	*err = xasprintf(_("%s was modified since it was read; it was not saved, to keep the other change"), path);
	return STORE_CHANGED;
}

/* How long a save waits for another writer of the same file (set, a save) to finish. */
#define STORE_LOCK_WAIT_MS 2000

/* Take the lock of path for a save; 0, or -1 with *err naming who holds it. */
static int
store_lock(const char *path, char **err)
{
	struct lock_owner o;
	char *why = NULL;
	int rc = lock_take_wait(path, STORE_LOCK_WAIT_MS, &o, &why);

	if (rc == 0)
		return 0;
	if (rc < 0)
		*err = xasprintf(_("cannot save %s: %s; the file was not changed"), path, why);
	else
		*err = xasprintf(_("%s is being changed by %s on %s (pid %d); it was not saved"), path,
		    o.user, o.host, (int)o.pid);
	free(why);
	return -1;
}

int
store_save(const struct report *r, const char *path, enum store_mode mode,
    struct store_save_opts *o, char **err)
{
	struct buf b = BUF_INIT;
	unsigned flags = ATOMIC_NAMED;
	int rc = -1;
	bool locked = false;

	if (o != NULL)
		o->note = NULL;
	if (check_loadable(r, err) != 0)
		return -1;
	store_serialize(r, &b);
	if (mode == STORE_CREATE)
		flags |= ATOMIC_CREATE;
	else {
		if (store_lock(path, err) != 0)
			goto out;
		locked = true;
		flags |= ATOMIC_LOCKED | (o != NULL && o->force ? ATOMIC_FORCE : 0);
		if (o != NULL && o->stamp != NULL && o->stamp->known &&
		    (rc = check_unchanged(path, o->stamp, err)) != 0)
			goto out;
	}
	rc = atomic_write(path, b.data, b.len, flags, o != NULL ? &o->note : NULL, err);
	if (rc == 0 && o != NULL && o->stamp != NULL)
		store_stamp_bytes(b.data, b.len, o->stamp);
out:
	if (locked)
		lock_release(path);
	buf_free(&b);
	return rc;
}
