/* fuzz_template.c - libFuzzer target: any bytes given to the template loader. */
#include "nb.h"

#include <stdint.h>
#include <stdlib.h>

#include "core/report.h"
#include "core/rules.h"
#include "core/template.h"
#include "core/tplset.h"
#include "fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct template *t = tplset_load_mem("fuzz", (const char *)data, size, &dl);

	if (t != NULL) {
		/* A template that loads must give a report its rules can check. */
		struct report *r = report_create(t);
		struct checker *ck = checker_create(r, NULL);

		checker_recompute(ck);
		checker_free(ck);
		report_free(r);
		tplset_template_free(t);
	}
	diag_list_free(&dl);
	return 0;
}
