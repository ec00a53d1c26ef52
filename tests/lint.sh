#!/bin/sh
# lint.sh - promises the project keeps at every commit, checked on the sources.
. "$TOP_SRCDIR/tests/e2e-lib.sh"
cd "$TOP_SRCDIR" || exit 1

# Official labels and rules live in templates/, never in C.  The only Chinese
# in C is syntax: of values (增/减) and of years ("%d年", a date, not a label).
cjk=$(grep -nP '[\x{4e00}-\x{9fff}]' src/*.c src/*.h src/tui/*.c src/tui/*.h | grep -v '"增"\|"减"\|增15\|减3\|"%d年"' || true)
is "$cjk" "" "no official label is written in C"

# Nothing outside the screen code includes curses.
curses=$(grep -ln '#include <n\?curses' src/*.c src/*.h || true)
is "$curses" "" "the core does not include curses"

# The man pages are regenerated from their UTF-8 sources.
for m in man/nianbao.1 man/nianbao.5; do
	if preconv -e utf-8 "$m.in" | grep -v '^\.lf ' | cmp -s - "$m"; then
		ok "$m is up to date with $m.in"
	else
		not_ok "$m is up to date with $m.in (run tools/man.sh)"
	fi
done

# Every command-line option is documented in nianbao(1).
for opt in $(grep -ho '{ "[a-z-]*", \(no\|required\)_argument' src/cli.c src/cmd_*.c | cut -d'"' -f2 | sort -u); do
	pat=$(printf '%s' "\\-\\-$opt" | sed 's/\([a-z]\)-/\1\\-/g')
	if grep -qF -- "$pat" man/nianbao.1.in; then ok "--$opt is in nianbao(1)"; else not_ok "--$opt is in nianbao(1) (as $pat)"; fi
done

# Every key of the editor's help table is in nianbao(1).
for key in $(sed -n '/^static const struct key_help all/,/^};/p' src/tui/keys.c |
	grep -o '"[^"]*"' | tr -d '"' | tr ',' '\n' | grep -o '\^[A-Z]\|F[0-9][0-9]*\|PgDn\|PgUp\|Esc' | sort -u); do
	if grep -qF -- "$key" man/nianbao.1.in; then ok "key $key is in nianbao(1)"; else not_ok "key $key is in nianbao(1)"; fi
done

# The Chinese translation is complete.
stats=$(msgfmt --statistics -o /dev/null po/zh_CN.po 2>&1)
case "$stats" in
*untranslated* | *fuzzy*) not_ok "po/zh_CN.po is complete: $stats" ;;
*) ok "po/zh_CN.po is complete: $stats" ;;
esac
if xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 -o - src/*.c src/tui/*.c 2>/dev/null |
	msgcmp --use-untranslated po/zh_CN.po - >"$TMP/msgcmp" 2>&1; then
	ok "po/zh_CN.po has every message of the sources"
else
	not_ok "po/zh_CN.po has every message of the sources (make -C po update-po)"
	sed 's/^/# /' "$TMP/msgcmp"
fi
done_testing
