/* main.c - locale and translations, then the command line. */
#include "nb.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "tui/tui.h"

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* An unset or plain C locale cannot show a single Chinese character; terminals
	 * nowadays speak UTF-8, so read and write that rather than nothing. */
	if (strcmp(nl_langinfo(CODESET), "ANSI_X3.4-1968") == 0)
		setlocale(LC_CTYPE, "C.UTF-8");
#ifdef ENABLE_NLS
	/* NIANBAO_LOCALEDIR: the translations of an uninstalled build (tests, quick start). */
	bindtextdomain(PACKAGE, getenv("NIANBAO_LOCALEDIR") != NULL && *getenv("NIANBAO_LOCALEDIR") != '\0' ?
	    getenv("NIANBAO_LOCALEDIR") : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#endif
	return cli_main(argc, argv, tui_run);
}
