/*
 * width.h - the one display-width function of the program.  Every crop, pad
 * and alignment (screen, text export) goes through it, so that East Asian
 * ambiguous characters (“ ” — … ① ×) can be drawn 1 or 2 columns wide as
 * the user's terminal does (PuTTY and GBK terminals: 2).
 */
#ifndef WIDTH_H
#define WIDTH_H

#include <stddef.h>
#include <stdint.h>

/* Columns taken by code point cp: 0, 1 or 2.  Control characters count 1
 * (they are shown as a placeholder), unassigned code points 1. */
int width_cp(uint32_t cp, int ambiguous);

/* Columns of the n bytes of UTF-8 at s; invalid bytes count 1 each. */
size_t width_str(const char *s, size_t n, int ambiguous);

#endif
