#!/bin/sh
# lint.sh - promises the project keeps at every commit, checked on the sources.
. "$TOP_SRCDIR/tests/e2e-lib.sh"
cd "$TOP_SRCDIR" || exit 1

# Official labels and rules live in templates/, never in C.  The only Chinese
# in C is syntax: of values (增/减) and of years ("%d年", a date, not a label).
cjk=$(grep -nP '[\x{4e00}-\x{9fff}]' src/*.[ch] src/*/*.[ch] | grep -v '"增"\|"减"\|增15\|减3\|"%d年"' || true)
is "$cjk" "" "no official label is written in C"

# Nothing outside the screen code includes curses.
curses=$(grep -ln '#include <n\?curses' src/*.[ch] src/*/*.[ch] | grep -v '^src/tui/' || true)
is "$curses" "" "the core does not include curses"

# The folders are the layers, and an include only points down (HACKING).
# may LAYER: the folders whose headers a file in src/LAYER may include.
may() {
	case $1 in
	lib) echo "lib" ;;
	core) echo "lib core" ;;
	store) echo "lib core store" ;;
	import) echo "lib core store import" ;;
	export) echo "lib core export" ;;
	edit) echo "lib core edit" ;;
	cli) echo "lib core store import export cli" ;;
	tui) echo "lib core edit store import export tui" ;;
	esac
}
bad=
for f in src/*/*.[ch]; do
	layer=${f#src/}
	layer=${layer%%/*}
	allowed=$(may "$layer")
	for inc in $(sed -n 's|^#include "\([a-z]*\)/.*|\1|p' "$f" | sort -u); do
		case " $allowed " in *" $inc "*) ;; *) bad="$bad $f->$inc" ;; esac
	done
done
is "$bad" "" "every include points down the layers (lib, core, store, import/export, cli; edit, tui)"
# The screen reaches files only through the store's API, never its internals.
inner=$(grep -ln '#include "store/\(atomic\|inifile\|codec\)\.h"' src/tui/*.[ch] || true)
is "$inner" "" "the editor saves and loads only through store.h"
# A module's header is included by name from its folder; no folder is flat.
flat=$(ls src/*.c | grep -v '^src/main\.c$' || true)
is "$flat" "" "src/ holds only main.c and the layer folders"

# No two modules include each other (template.c and rules.h once did): a
# module is src/LAYER/NAME.[ch], and it uses another if either file includes its header.
cycles=$(for f in src/*/*.[ch]; do
	m=${f#src/}
	m=${m%.?}
	sed -n 's|^#include "\([a-z]*/[a-z_]*\)\.h".*|\1|p' "$f" | sed "s|^|$m |"
done | awk '$1 != $2 { uses[$1 " " $2] = 1 }
	END { for (e in uses) { split(e, m, " "); if (m[1] < m[2] && (m[2] " " m[1]) in uses) print m[1] "<->" m[2] } }')
is "$cycles" "" "no two modules include each other"

# A static function's name says its file's concern: no name is defined static
# in two files, so that grep and ctags find the one meant.
dups=$(for f in src/*/*.c; do
	awk -v f="$f" 'prev ~ /^static / && /^[a-z_0-9]+\(/ { n = $0; sub(/\(.*/, "", n); print n, f } { prev = $0 }' "$f"
done | sort | awk '{ files[$1] = files[$1] " " $2; n[$1]++ }
	END { for (k in n) if (n[k] > 1) print k ":" files[k] }')
is "$dups" "" "no static function name is defined in two files"

# The man pages are regenerated from their UTF-8 sources.
for m in man/nianbao.1 man/nianbao.5; do
	if preconv -e utf-8 "$m.in" | grep -v '^\.lf ' | cmp -s - "$m"; then
		ok "$m is up to date with $m.in"
	else
		not_ok "$m is up to date with $m.in (run tools/man.sh)"
	fi
done

# Every command-line option is documented in nianbao(1).
for opt in $(grep -ho '{ "[a-z-]*", \(no\|required\)_argument' src/cli/*.c | cut -d'"' -f2 | sort -u); do
	pat=$(printf '%s' "\\-\\-$opt" | sed 's/\([a-z]\)-/\1\\-/g')
	if grep -qF -- "$pat" man/nianbao.1.in; then ok "--$opt is in nianbao(1)"; else not_ok "--$opt is in nianbao(1) (as $pat)"; fi
done

# The editor's binding table (src/tui/keys.c) and the KEYS section of
# nianbao(1) name the same keys: the hint bar and F1 come from the table.
keytok='\^[A-Z]\|F[0-9][0-9]*\|PgDn\|PgUp\|Esc\|M-[0-9A-Z]'
sed -n '/^static const struct key_help all/,/^};/p' src/tui/keys.c |
	grep -o '{ *N\?_\?(\?"[^"]*"' | sed 's/^[^"]*"//; s/"$//' | tr ',' '\n' |
	grep -o "$keytok" | sort -u >"$TMP/keys.table"
sed -n '/^\.SH KEYS/,/^\.SH /p' man/nianbao.1.in | grep -v '^\.SH' | sed 's/\\-/-/g' |
	grep -o "$keytok" | sort -u >"$TMP/keys.man"
while read -r key; do
	if grep -qxF -- "$key" "$TMP/keys.man"; then ok "key $key is in nianbao(1)"; else not_ok "key $key is in nianbao(1)"; fi
done <"$TMP/keys.table"
while read -r key; do
	if grep -qxF -- "$key" "$TMP/keys.table"; then ok "key $key of nianbao(1) is in the binding table"
	else not_ok "key $key of nianbao(1) is in the binding table (src/tui/keys.c)"; fi
done <"$TMP/keys.man"

# The Chinese translation is complete.
stats=$(msgfmt --statistics -o /dev/null po/zh_CN.po 2>&1)
case "$stats" in
*untranslated* | *fuzzy*) not_ok "po/zh_CN.po is complete: $stats" ;;
*) ok "po/zh_CN.po is complete: $stats" ;;
esac
if xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 -o - src/*.c src/*/*.c 2>/dev/null |
	msgcmp --use-untranslated po/zh_CN.po - >"$TMP/msgcmp" 2>&1; then
	ok "po/zh_CN.po has every message of the sources"
else
	not_ok "po/zh_CN.po has every message of the sources (make -C po update-po)"
	sed 's/^/# /' "$TMP/msgcmp"
fi
# make -C po update-po reads the sources listed in po/POTFILES.in: a source
# with messages left out of it would have their translations dropped.
xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 --add-location=file -o "$TMP/all.pot" src/*.c src/*/*.c 2>/dev/null
sed -n 's/^#: //p' "$TMP/all.pot" | tr ' ' '\n' | grep '\.c$' | sort -u >"$TMP/withmsgs"
grep -v '^#' po/POTFILES.in | sort -u >"$TMP/listed"
comm -23 "$TMP/withmsgs" "$TMP/listed" >"$TMP/unlisted"
if [ -s "$TMP/withmsgs" ] && [ ! -s "$TMP/unlisted" ]; then
	ok "po/POTFILES.in lists every source with a message"
else
	not_ok "po/POTFILES.in lists every source with a message"
	sed 's/^/# missing: /' "$TMP/unlisted"
fi
done_testing
