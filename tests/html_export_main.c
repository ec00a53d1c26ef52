/* html_export_main.c - for html_dom.sh. [--fragment] [--empty] [--charset=CS] FILE: export_html
 * of report FILE.  --cells FILE: its tables' cells, a line each: TABLE ROW COL COLSPAN ROWSPAN TEXT. */
#include "nb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "store/store.h"

int
main(int argc, char **argv)
{
	const char *path = getenv("NIANBAO_TEMPLATE_PATH");
	struct tplset *ts = tplset_create(path != NULL ? path : "templates");
	struct diag_list dl = DIAG_LIST_INIT;
	struct buf out = BUF_INIT;
	struct export_opts o;
	struct report *r;
	bool cells = false;
	char text[128];

	export_opts_init(&o);
	for (; argc > 2 && strncmp(argv[1], "--", 2) == 0; argc--, argv++)
		if (strncmp(argv[1], "--charset=", 10) == 0)
			o.charset = argv[1] + 10;
		else {
			o.fragment |= strcmp(argv[1], "--fragment") == 0;
			o.blank = strcmp(argv[1], "--empty") == 0 ? BLANK_EMPTY : o.blank;
			cells |= strcmp(argv[1], "--cells") == 0;
		}
	if (argc != 2 || (r = store_read(argv[1], ts, NULL, &dl)) == NULL) {
		diag_print(&dl, stderr);
		return 2;
	}
	for (int s = 1; cells && s <= TPL_SECTIONS; s++)
		for (size_t i = 0; i < r->tpl->ntables; i++) {
			const struct tpl_table *tb = &r->tpl->tables[i];

			for (size_t y = 0; tb->section == s && y < tb->nrows; y++)
				for (size_t c = 0; c < tb->rows[y].ncells; c++) {
					const struct tpl_gcell *g = &tb->rows[y].cells[c];

					if (g->label == NULL)
						export_cell_text(r, g->value, &o, NULL, text, sizeof text);
					printf("%s\t%zu\t%d\t%d\t%d\t%s\n", tb->id, y, g->col, g->colspan,
					    g->rowspan, g->label != NULL ? g->label : text);
				}
		}
	if (!cells) {
		export_html(r, &o, &out, NULL);
		fwrite(out.data, 1, out.len, stdout);
	}
	buf_free(&out);
	report_free(r);
	tplset_free(ts);
	return 0;
}
