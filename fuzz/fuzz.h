/*
 * fuzz.h - what the libFuzzer targets share: the entry points libFuzzer
 * calls, and the shipped templates, loaded once (fuzz.c) from
 * NIANBAO_TEMPLATE_PATH or ./templates for the targets that need them.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "core/tplset.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The shipped templates; set before the first input. */
extern struct tplset *fuzz_templates;

#endif
