/*
 * hash.h - FNV-1a, the one hash of the program: strmap's buckets, the store's
 * stamp of a file, the editor's signatures of what it drew and the review's
 * signature of the sentence an acknowledgement is about (kept in report
 * files: the function and HASH_START must not change).
 */
#ifndef HASH_H
#define HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_START 14695981039346656037ULL

/* h carried on over the n bytes at p; start with HASH_START. */
static inline uint64_t
hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ULL;
	return h;
}

#endif
