/*
 * textsrc.h - a report copied as text, read into lines and table rows.
 * Understands the shapes copies take: one cell per line, tab-separated
 * cells (a leading tab starts a cell, a blank line ends a row), tables
 * drawn with box-drawing characters (our own text export, whose wrapped
 * paragraphs are joined again), and plain lines.
 */
#ifndef TEXTSRC_H
#define TEXTSRC_H

#include <stddef.h>

#include "import/srcdoc.h"

/* Read UTF-8 text with LF line ends into d. */
void textsrc_read(const char *text, size_t len, struct srcdoc *d);

#endif
