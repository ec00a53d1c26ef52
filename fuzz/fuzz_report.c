/* fuzz_report.c - libFuzzer target: any bytes given to the report loader. */
#include "nb.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz.h"
#include "core/report.h"
#include "core/rules.h"
#include "lib/buf.h"
#include "store/store.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct report *r = store_load_mem("fuzz", (const char *)data, size, fuzz_templates, &dl);

	if (r != NULL) {
		/* Whatever loads must check and save -> load back to the same bytes. */
		struct checker *ck = checker_create(r, NULL);
		struct buf a = BUF_INIT, b = BUF_INIT;
		struct report *again;

		checker_run(ck);
		for (size_t i = 0; i < checker_instances(ck); i++)
			if (checker_status(ck, i) == FINDING_FAIL)
				free(checker_message(ck, i));
		checker_free(ck);
		store_serialize(r, &a);
		again = store_load_mem("fuzz-again", a.data, a.len, fuzz_templates, &dl);
		if (again == NULL)
			abort();
		store_serialize(again, &b);
		if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
			abort();
		report_free(again);
		buf_free(&a);
		buf_free(&b);
		report_free(r);
	}
	diag_list_free(&dl);
	return 0;
}
