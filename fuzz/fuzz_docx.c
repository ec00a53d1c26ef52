/* fuzz_docx.c - libFuzzer target: any bytes given to the Word document reader and the importer. */
#include "nb.h"

#include <stdint.h>
#include <stdlib.h>

#include "fuzz/fuzz.h"
#include "import/docxsrc.h"
#include "import/import.h"
#include "import/srcdoc.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_opts o = { "fuzz.docx", NULL, 0, NULL };
	struct diag_list dl = DIAG_LIST_INIT;
	struct srcdoc d = SRCDOC_INIT;
	struct report *r = NULL;
	char *err = NULL;

	if (docx_read_mem(data, size, &d, &err) == 0)
		r = import_doc(fuzz_templates, &d, &o, &dl, &err);
	report_free(r);
	free(err);
	srcdoc_free(&d);
	diag_list_free(&dl);
	return 0;
}
