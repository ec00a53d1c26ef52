/* source.c - a report file's bytes as UTF-8 text; see source.h. */
#include "nb.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import/source.h"
#include "lib/atomic.h"
#include "lib/buf.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

/* How far into a page its encoding declaration and first tags are looked for. */
#define SNIFF_MAX	((size_t)64 << 10)

#define MIB(n)		((int)((n) >> 20))

/* Tags that make a file starting with '<' a web page rather than text. */
static const char *const page_tags[] = {
	"!doctype", "html", "head", "body", "meta", "title", "link", "div", "p", "br",
	"table", "span", "font", "center", "section", "article", "script", "style",
	"h1", "h2", "h3", "h4", "h5", "h6"
};

/* Labels pages use for GBK text; all are read as GB18030, which holds them all. */
static const char *const gb_labels[] = {
	"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "x-euc-cn", "csgb2312",
	"gb_2312", "gb_2312-80", "windows-936", "ms936", "chinese", "iso-ir-58"
};

static bool
source_is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static char
source_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* True if the n bytes at s start with lowercase word, ignoring ASCII case
 * (not strncasecmp: in a Turkish locale 'I' is not 'i'). */
static bool
starts_ci(const char *s, size_t n, const char *word)
{
	size_t k = strlen(word);

	if (n < k)
		return false;
	for (size_t i = 0; i < k; i++)
		if (source_lower(s[i]) != word[i])
			return false;
	return true;
}

/* Encoding labels are ASCII letters, digits and "-_.:". */
static bool
label_char(char c)
{
	return (source_lower(c) >= 'a' && source_lower(c) <= 'z') || (c >= '0' && c <= '9') ||
	    (c != '\0' && strchr("-_.:", c) != NULL);
}

/* True if label is word (lowercase), ignoring ASCII case. */
static bool
label_is(const char *label, const char *word)
{
	return strlen(label) == strlen(word) && starts_ci(label, strlen(label), word);
}

/* True if the n bytes at s start with the bytes of b. */
static bool
source_starts(const char *s, size_t n, const char *b)
{
	return n >= strlen(b) && memcmp(s, b, strlen(b)) == 0;
}

/* The line (from 1) that byte at of s is on; LF, CRLF and a lone CR each end a line. */
static int
line_at(const char *s, size_t at)
{
	int line = 1;

	for (size_t i = 0; i < at; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= at || s[i + 1] != '\n')))
			line++;
	return line;
}

/*
 * A page starts with '<' and has a known tag near its start; a text file
 * that happens to begin with "<" (a quoted title, say) does not.
 */
static bool
looks_html(const char *s, size_t n)
{
	size_t i = 0, end = n < SNIFF_MAX ? n : SNIFF_MAX;

	while (i < end && source_is_space((unsigned char)s[i]))
		i++;
	if (i == end || s[i] != '<')
		return false;
	for (; i < end; i++) {
		if (s[i] != '<')
			continue;
		for (size_t t = 0; t < sizeof page_tags / sizeof *page_tags; t++) {
			size_t k = strlen(page_tags[t]), at = i + 1 + k;

			if (starts_ci(s + i + 1, end - i - 1, page_tags[t]) &&
			    (at == end || source_is_space((unsigned char)s[at]) || s[at] == '>' ||
			    s[at] == '/'))
				return true;
		}
	}
	return false;
}

/*
 * The value of key=value in the n bytes at s (as in charset=gbk, with any
 * quoting or case), copied into label; false if the key is not there.
 */
static bool
source_find_label(const char *s, size_t n, const char *key, char *label, size_t size)
{
	size_t k = strlen(key);

	for (size_t i = 0; i + k <= n; i++) {
		size_t j = i + k, len = 0;

		if (!starts_ci(s + i, n - i, key))
			continue;
		while (j < n && source_is_space((unsigned char)s[j]))
			j++;
		if (j == n || s[j] != '=')
			continue;
		for (j++; j < n && (source_is_space((unsigned char)s[j]) || s[j] == '"' ||
		    s[j] == '\''); j++)
			;
		while (j < n && len + 1 < size && label_char(s[j]))
			label[len++] = s[j++];
		label[len] = '\0';
		return true;
	}
	return false;
}

/* The encoding a page declares in its <meta> or XML declaration ("UTF-8", "GB18030"), or NULL. */
static const char *
declared_charset(const char *s, size_t n)
{
	size_t end = n < SNIFF_MAX ? n : SNIFF_MAX, i = 0;
	char label[32];
	bool found = false;

	while (i < end && source_is_space((unsigned char)s[i]))
		i++;
	if (starts_ci(s + i, end - i, "<?xml")) {
		const char *close = memchr(s + i, '>', end - i);
		size_t tag = close != NULL ? (size_t)(close - s) - i : end - i;

		found = source_find_label(s + i, tag, "encoding", label, sizeof label);
	}
	for (; !found && i < end; i++) {
		const char *close;

		if (s[i] != '<' || !starts_ci(s + i, end - i, "<meta") || i + 5 == end ||
		    !(source_is_space((unsigned char)s[i + 5]) || s[i + 5] == '/'))
			continue;
		close = memchr(s + i, '>', end - i);
		found = source_find_label(s + i, close != NULL ? (size_t)(close - s) - i : end - i,
		    "charset", label, sizeof label);
	}
	if (!found)
		return NULL;
	if (label_is(label, "utf-8") || label_is(label, "utf8"))
		return "UTF-8";
	for (size_t g = 0; g < sizeof gb_labels / sizeof *gb_labels; g++)
		if (label_is(label, gb_labels[g]))
			return "GB18030";
	return NULL;
}

/*
 * Convert n bytes in encoding from to UTF-8, appending to out.  Returns n,
 * or the offset of the first byte that is not valid in that encoding.
 */
static size_t
source_convert(const char *from, const char *s, size_t n, struct buf *out)
{
	iconv_t cd = iconv_open("UTF-8", from);
	ICONV_CONST char *in = (ICONV_CONST char *)s;
	size_t left = n;

	if (cd == (iconv_t)-1)
		return 0;
	while (left > 0) {
		char tmp[8192], *o = tmp;
		size_t room = sizeof tmp;
		size_t rc = iconv(cd, &in, &left, &o, &room);

		buf_add(out, tmp, (size_t)(o - tmp));
		if (rc == (size_t)-1 && errno != E2BIG)
			break;
	}
	iconv_close(cd);
	return n - left;
}

/* True if valid UTF-8 s has a character of three or more bytes (as all CJK has). */
static bool
has_wide(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0xE0)
			return true;
	return false;
}

static char *
not_text(const char *s, size_t at)
{
	return xasprintf(_("binary data, not text (byte %zu, line %d)"), at + 1, line_at(s, at));
}

/*
 * UTF-8 or GB18030: valid UTF-8 wins even over a page's declaration, since
 * GBK text almost never passes as UTF-8 by chance, while pages that say
 * gb2312 and hold UTF-8 are common.  Only when the UTF-8 reading has no
 * Chinese in it at all does a GB declaration decide.
 */
static const char *
decode_bytes(const char *s, size_t n, const char *declared, struct buf *out, char **err)
{
	size_t bad = utf8_invalid_at(s, n), gbbad;
	bool gb_first = declared != NULL && strcmp(declared, "GB18030") == 0 && !has_wide(s, n);

	if (bad == n && !gb_first) {
		buf_add(out, s, n);
		return "UTF-8";
	}
	if ((gbbad = source_convert("GB18030", s, n, out)) == n)
		return "GB18030";
	buf_reset(out);
	if (bad == n) {
		buf_add(out, s, n);
		return "UTF-8";
	}
	/* the reading that got further is the likelier one: name its problem */
	*err = xasprintf(_("not UTF-8 or GB18030 text (line %d)"),
	    line_at(s, bad > gbbad ? bad : gbbad));
	return NULL;
}

static unsigned
unit_at(const unsigned char *u, size_t i, bool le)
{
	return le ? u[i] | (unsigned)u[i + 1] << 8 : (unsigned)u[i] << 8 | u[i + 1];
}

/* UTF-16 after its byte order mark: NUL units mean binary, then iconv. */
static const char *
decode_utf16(const char *bytes, size_t len, bool le, struct buf *out, char **err)
{
	const unsigned char *u = (const unsigned char *)bytes;
	const char *enc = le ? "UTF-16LE" : "UTF-16BE";
	int line = 1;

	for (size_t i = 2; i + 1 < len; i += 2) {
		unsigned c = unit_at(u, i, le);

		if (c == 0) {
			*err = xasprintf(_("binary data, not text (byte %zu, line %d)"), i + 1,
			    line);
			return NULL;
		}
		if (c == '\n' || (c == '\r' && (i + 3 >= len || unit_at(u, i + 2, le) != '\n')))
			line++;
	}
	if (source_convert(enc, bytes + 2, len - 2, out) != len - 2) {
		*err = xasprintf(_("not UTF-16 text (line %d)"),
		    out->len > 0 ? line_at(out->data, out->len) : 1);
		return NULL;
	}
	return enc;
}

/* CRLF and lone CR become LF, in place; returns the new length. */
static size_t
unix_lines(char *s, size_t n)
{
	size_t j = 0;

	if (memchr(s, '\r', n) == NULL)
		return n;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\r')
			s[j++] = s[i];
		else {
			s[j++] = '\n';
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
		}
	}
	s[j] = '\0';
	return j;
}

/* True if UTF-8 s holds only white space (ASCII, no-break, ideographic, BOM). */
static bool
source_blank(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		if (source_is_space((unsigned char)s[i]))
			i++;
		else if (source_starts(s + i, n - i, "\xc2\xa0"))
			i += 2;
		else if (source_starts(s + i, n - i, "\xe3\x80\x80") ||
		    source_starts(s + i, n - i, "\xef\xbb\xbf"))
			i += 3;
		else
			return false;
	}
	return true;
}

static char *
too_large(size_t len)
{
	return xasprintf(_("%zu bytes is too large for a report (at most %d MiB)"), len,
	    MIB(SOURCE_MAX));
}

int
source_decode(const char *bytes, size_t len, struct source *out, char **err)
{
	const unsigned char *u = (const unsigned char *)bytes;
	struct buf b = BUF_INIT;
	const char *enc;

	memset(out, 0, sizeof *out);
	if (len > SOURCE_MAX) {
		*err = too_large(len);
		return -1;
	}
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		enc = decode_utf16(bytes, len, u[0] == 0xFF, &b, err);
	else {
		size_t skip = len >= 3 && memcmp(bytes, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
		const char *nul = memchr(bytes, '\0', len);

		if (nul != NULL) {
			*err = not_text(bytes, (size_t)(nul - bytes));
			return -1;
		}
		enc = decode_bytes(bytes + skip, len - skip, skip > 0 ? NULL :
		    looks_html(bytes, len) ? declared_charset(bytes, len) : NULL, &b, err);
	}
	if (enc == NULL) {
		buf_free(&b);
		return -1;
	}
	if (b.len > 0)
		b.len = unix_lines(b.data, b.len);
	if (source_blank(b.data, b.len)) {
		buf_free(&b);
		*err = xstrdup(_("the file is empty"));
		return -1;
	}
	out->type = looks_html(b.data, b.len) ? SOURCE_HTML : SOURCE_TEXT;
	out->len = b.len;
	out->text = buf_detach(&b);
	out->encoding = enc;
	return 0;
}

/* All of fd, at most SOURCE_MAX bytes; NULL and *err otherwise. */
static char *
read_all(int fd, size_t *len, char **err)
{
	struct stat st;
	char *data = NULL;
	size_t cap = 0;

	*len = 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (uintmax_t)st.st_size > SOURCE_MAX) {
		*err = too_large((size_t)st.st_size);
		return NULL;
	}
	for (;;) {
		ssize_t n;

		data = xgrow(data, &cap, *len + 65536, 1);
		n = read(fd, data + *len, cap - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*err = xstrdup(strerror(errno));
			break;
		}
		if (n == 0)
			return data;
		*len += (size_t)n;
		if (*len > SOURCE_MAX) {
			/* a pipe: the real size is unknown, and may be endless */
			*err = xasprintf(_("more than %d MiB is too large for a report"),
			    MIB(SOURCE_MAX));
			break;
		}
	}
	free(data);
	return NULL;
}

int
source_read(const char *path, struct source *out, char **err)
{
	bool in = strcmp(path, "-") == 0;
	int fd;
	char *data;
	size_t len;
	int rc;

	memset(out, 0, sizeof *out);
	/* A FIFO or device named as a source would hang the import: files only, or "-". */
	if ((fd = in ? STDIN_FILENO : atomic_open_input(path, err)) < 0)
		return -1;
	data = read_all(fd, &len, err);
	if (!in)
		close(fd);
	if (data == NULL)
		return -1;
	rc = source_decode(data, len, out, err);
	free(data);
	return rc;
}

void
source_free(struct source *s)
{
	free(s->text);
	memset(s, 0, sizeof *s);
}
