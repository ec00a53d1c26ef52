/* inifile.c - a line-checking reader in front of libinih's ini_parse_stream. */
#include "nb.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/atomic.h"
#include "lib/inifile.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

#define MAX_FILE_SIZE (64L * 1024 * 1024)

struct reader {
	const char		*file;
	const char		*data;
	size_t			 len;
	size_t			 pos;
	int			 line;
	int			 bad_lines;
	bool			 valid;		/* the whole file is UTF-8 without NUL: no line need be checked */
	const struct inifile_ops *ops;
	void			*user;
	struct diag_list	*dl;
};

static bool
inifile_is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Decide whether one physical line is acceptable; report it if not. */
static bool
check_line(struct reader *r, const char *s, size_t n)
{
	const char *p = s, *end = s + n, *eq, *colon;
	size_t bad;

	if (n + 1 > INIFILE_MAX_LINE) {
		diag_add(r->dl, r->file, r->line, _("line is too long (%zu bytes; at most %d)"),
		    n + 1, INIFILE_MAX_LINE);
		return false;
	}
	/* one pass: the UTF-8 check stops at a NUL byte too */
	if ((bad = r->valid ? n : utf8_invalid_at(s, n)) != n && s[bad] == '\0') {
		diag_add(r->dl, r->file, r->line, _("line contains a NUL byte"));
		return false;
	}
	if (bad != n) {
		diag_add(r->dl, r->file, r->line,
		    _("line is not valid UTF-8 (byte %zu); if the file is in GBK or GB18030, convert it to UTF-8 first"),
		    bad + 1);
		return false;
	}
	while (p < end && inifile_is_space(*p))
		p++;
	if (p == end || *p == ';' || *p == '#')
		return true;
	if (p != s) {
		diag_add(r->dl, r->file, r->line, _("line starts with spaces"));
		return false;
	}
	if (*p == '[') {
		const char *close = memchr(p, ']', (size_t)(end - p));

		if (close == NULL) {
			diag_add(r->dl, r->file, r->line, _("section line without a closing ']'"));
			return false;
		}
		if (r->ops->section != NULL) {
			char name[INIFILE_MAX_LINE];	/* the line is shorter */

			memcpy(name, p + 1, (size_t)(close - p - 1));
			name[close - p - 1] = '\0';
			r->ops->section(r->user, name, r->line);
		}
		return true;
	}
	/* the first '=' or ':' (two memchr: keys are long, ':' is rare) */
	if ((eq = memchr(p, '=', (size_t)(end - p))) == NULL)
		eq = end;
	if ((colon = memchr(p, ':', (size_t)(eq - p))) != NULL)
		eq = colon;
	if (eq == end || eq == p) {
		diag_add(r->dl, r->file, r->line, _("expected \"key = value\" or \"[section]\""));
		return false;
	}
	return true;
}

/* ini_reader: hand libinih the next acceptable line, with its newline. */
static char *
inifile_next_line(char *str, int num, void *stream)
{
	struct reader *r = stream;

	(void)num;
	while (r->pos < r->len) {
		const char *s = r->data + r->pos, *nl = memchr(s, '\n', r->len - r->pos);
		size_t n = nl != NULL ? (size_t)(nl - s) : r->len - r->pos;

		r->pos += n + (nl != NULL);
		r->line++;
		if (r->line == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
			s += 3, n -= 3;
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (!check_line(r, s, n)) {
			r->bad_lines++;
			continue;
		}
		memcpy(str, s, n);
		str[n] = '\n';
		str[n + 1] = '\0';
		return str;
	}
	return NULL;
}

#if HAVE_INIH_RUNTIME_OPTIONS
/*
 * Could libinih read an inline comment in data: one of its inline comment
 * characters after white space (isspace(), as libinih tests it), on a line
 * that is not a comment line?  Report files escape ';' (%3B) and template
 * values may not hold " ;", so in what nianbao writes this finds only the
 * comment lines' ';'; a file edited by hand with "52 ; checked" has one.
 * Each line is walked at most once, however many ';' it holds.
 */
static bool
inifile_has_inline_comment(const char *data, size_t len)
{
	const char *end = data + len;

	for (const char *c = ini_inline_comment_prefixes; *c != '\0'; c++) {
		for (const char *p = data; (p = memchr(p, *c, (size_t)(end - p))) != NULL; p++) {
			const char *line = p;

			if (p == data || !isspace((unsigned char)p[-1]))
				continue;
			while (line > data && line[-1] != '\n')
				line--;
			while (isspace((unsigned char)*line))	/* stops at p at the latest */
				line++;
			if (*line == '\0' || strchr(ini_start_comment_prefixes, *line) == NULL)
				return true;
			if ((p = memchr(p, '\n', (size_t)(end - p))) == NULL)	/* the rest is comment */
				break;
		}
	}
	return false;
}
#endif

static int
inifile_on_key(void *user, const char *section, const char *name, const char *value)
{
	struct reader *r = user;

	if (r->ops->key != NULL)
		r->ops->key(r->user, section, name, value, r->line);
	return 1;
}

void
inifile_read(const char *file, const char *data, size_t len,
    const struct inifile_ops *ops, void *user, struct diag_list *dl)
{
	struct reader r = { file, data, len, 0, 0, 0, false, ops, user, dl };
	int rc;

	r.valid = utf8_invalid_at(data, len) == len;	/* one pass, not one a line */
#if HAVE_INIH_RUNTIME_OPTIONS
	/*
	 * Without an inline comment in the file, libinih reads it the same with
	 * inline comments off, and then scans a value without calling isspace()
	 * for each byte: that scan was a sixth of checking a report.
	 */
	bool comments = ini_allow_inline_comments;

	ini_allow_inline_comments = comments && inifile_has_inline_comment(data, len);
	rc = ini_parse_stream(inifile_next_line, &r, inifile_on_key, &r);
	ini_allow_inline_comments = comments;
#else
	rc = ini_parse_stream(inifile_next_line, &r, inifile_on_key, &r);
#endif
	if (rc > 0 && r.bad_lines == 0)
		diag_add(dl, file, r.line, _("cannot read this line"));
	else if (rc < 0)
		diag_add(dl, file, 0, _("cannot read the file"));
}

/* Read the n bytes of fd into data: one read() for a whole report file,
 * where stdio would add its own buffer, copies and system calls. */
static ssize_t
inifile_read_all(int fd, char *data, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t k = read(fd, data + got, n - got);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (k == 0)
			break;
		got += (size_t)k;
	}
	return (ssize_t)got;
}

char *
inifile_slurp(const char *path, size_t *len, struct diag_list *dl)
{
	char *err = NULL, *data = NULL;
	struct stat st;
	int fd = atomic_open_input_stat(path, &st, &err);
	ssize_t n;

	if (fd < 0) {
		diag_add(dl, path, 0, "%s", err != NULL ? err : strerror(errno));
		free(err);
		return NULL;
	}
	if (st.st_size > MAX_FILE_SIZE) {
		diag_add(dl, path, 0, _("file is too large (%lld bytes)"), (long long)st.st_size);
		goto out;
	}
	data = xmalloc((size_t)st.st_size + 1);
	if ((n = inifile_read_all(fd, data, (size_t)st.st_size)) < 0) {
		diag_add(dl, path, 0, "%s", strerror(errno));
		free(data);
		data = NULL;
		goto out;
	}
	data[n] = '\0';
	*len = (size_t)n;
out:
	close(fd);
	return data;
}
