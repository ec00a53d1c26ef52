/* fuzz_docx.c - libFuzzer target: any bytes given to the Word document reader and the importer. */
#include "nb.h"

#include <stdint.h>
#include <stdlib.h>

#include "core/tplset.h"
#include "import/docxsrc.h"
#include "import/import.h"
#include "import/srcdoc.h"

static struct tplset *templates;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *p = getenv("NIANBAO_TEMPLATE_PATH");

	(void)argc;
	(void)argv;
	templates = tplset_create(p != NULL ? p : "templates");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_opts o = { "fuzz.docx", NULL, 0, NULL };
	struct diag_list dl = DIAG_LIST_INIT;
	struct srcdoc d = SRCDOC_INIT;
	struct report *r = NULL;
	char *err = NULL;

	if (docx_read_mem(data, size, &d, &err) == 0)
		r = import_doc(templates, &d, &o, &dl, &err);
	report_free(r);
	free(err);
	srcdoc_free(&d);
	diag_list_free(&dl);
	return 0;
}
