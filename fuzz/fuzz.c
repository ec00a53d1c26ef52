/* fuzz.c - the set-up every libFuzzer target shares: the shipped templates, loaded once. */
#include "nb.h"

#include <stdlib.h>

#include "fuzz/fuzz.h"

struct tplset *fuzz_templates;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *p = getenv("NIANBAO_TEMPLATE_PATH");

	(void)argc;
	(void)argv;
	fuzz_templates = tplset_create(p != NULL ? p : "templates");
	return 0;
}
