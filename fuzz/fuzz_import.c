/* fuzz_import.c - libFuzzer target: any bytes given to the importer (text or HTML). */
#include "nb.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz.h"
#include "import/htmlsrc.h"
#include "import/import.h"
#include "import/source.h"
#include "import/srcdoc.h"
#include "import/textsrc.h"
#include "lib/buf.h"
#include "store/store.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_opts o = { "fuzz", NULL, 0, NULL };
	struct diag_list dl = DIAG_LIST_INIT;
	struct srcdoc d = SRCDOC_INIT;
	struct source src;
	struct report *r;
	char *err = NULL;

	if (source_decode((const char *)data, size, &src, &err) != 0) {
		free(err);
		return 0;
	}
	if (src.type == SOURCE_HTML)
		html_read(src.text, src.len, &d);
	else
		textsrc_read(src.text, src.len, &d);
	r = import_doc(fuzz_templates, &d, &o, &dl, &err);
	if (r != NULL) {
		/* whatever is imported must save and load back */
		struct diag_list dl2 = DIAG_LIST_INIT;
		struct buf b = BUF_INIT;
		struct report *again;

		store_serialize(r, &b);
		again = store_load_mem("fuzz", b.data, b.len, fuzz_templates, &dl2);
		if (again == NULL)
			abort();
		report_free(again);
		report_free(r);
		buf_free(&b);
		diag_list_free(&dl2);
	}
	free(err);
	srcdoc_free(&d);
	source_free(&src);
	diag_list_free(&dl);
	return 0;
}
