/*
 * source.h - the bytes of a published report (a scraped text file or a saved
 * web page) as UTF-8 text with LF line ends.  The encoding is found from a
 * byte order mark, the page's own declaration, or by trying UTF-8 and then
 * GB18030; the n-th line of the text is always the n-th line of the file,
 * so messages about it can name the line an editor shows.
 */
#ifndef SOURCE_H
#define SOURCE_H

#include <stddef.h>

/* Larger files are refused: no published report is that big. */
#define SOURCE_MAX ((size_t)16 << 20)

enum source_type {
	SOURCE_TEXT,
	SOURCE_HTML
};

struct source {
	char		*text;		/* UTF-8, NUL-terminated, line ends now LF */
	size_t		 len;
	enum source_type type;
	const char	*encoding;	/* what the bytes were read as: "UTF-8", "GB18030",
					 * "UTF-16LE", "UTF-16BE" (static string) */
};

/* Decode len bytes; -1 and *err (caller frees; translated) when they are not text. */
int source_decode(const char *bytes, size_t len, struct source *out, char **err);

/* Read the file (or stdin for "-"), refusing more than SOURCE_MAX bytes, then
 * source_decode.  *err names the problem; the caller prefixes the file name. */
int source_read(const char *path, struct source *out, char **err);

void source_free(struct source *s);

#endif
