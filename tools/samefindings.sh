#!/bin/sh
# samefindings.sh OLD NEW - do two nianbao binaries find exactly the same?
# Runs `check --json`, `check` and `check DIR` with both, in English and in
# Chinese, on every report file, page and copy the repository ships (and on
# ../shared/examples when it is there), the planted corpora against a
# previous report, and a folder of generated reports; compares standard
# output, standard error and exit status byte for byte.  For a change meant
# to make check faster without changing a single finding.
#
#   tools/samefindings.sh /tmp/nianbao.before _build/nianbao
set -eu
[ $# = 2 ] || { echo "usage: tools/samefindings.sh OLD NEW" >&2; exit 2; }
old=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
new=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
top=$(cd "$(dirname "$0")/.." && pwd)
export NIANBAO_TEMPLATE_PATH="$top/templates" LANGUAGE= NIANBAO_LOCALEDIR="${NIANBAO_LOCALEDIR:-$top/_build/locale}"
work=$(mktemp -d "${TMPDIR:-/tmp}/nbsame.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM HUP
fails=0 runs=0

# One command with both binaries (the file names as the command gives them).
same() {
	for loc in C.UTF-8 zh_CN.UTF-8; do
		for b in old new; do
			eval "bin=\$$b"
			rc=0
			(cd "$work" && LC_ALL=$loc "$bin" "$@" >"$b.out" 2>"$b.err") || rc=$?
			if [ -n "${files_only:-}" ]; then	# a folder's lines, not its totals (new in 2026-12)
				grep '^dir/' "$work/$b.out" >"$work/$b.lines" || true
				mv "$work/$b.lines" "$work/$b.out"
			fi
			echo "$rc" >"$work/$b.rc"
		done
		runs=$((runs + 1))
		for k in out err rc; do
			if ! cmp -s "$work/old.$k" "$work/new.$k"; then
				echo "DIFFERENT ($loc, std$k): nianbao $*"
				diff "$work/old.$k" "$work/new.$k" | head -10
				fails=$((fails + 1))
			fi
		done
	done
}

files=$(cd "$top" && git ls-files '*.nb' '*.html' '*.htm' '*.txt' | grep -v '^tests/review/expected')
[ -d "$top/../shared/examples" ] && files="$files $(ls -d "$top"/../shared/examples/* 2>/dev/null)"
for f in $files; do
	case $f in /*) ;; *) f=$top/$f ;; esac
	same check --json "$f"
	same check "$f"
done
for y in 2019 2021; do	# the planted corpora, against a previous report of the right year and not
	same check --json --previous "$top/examples/demo-2020.nb" "$top/tests/review/planted-$y.nb"
	same check --previous "$top/examples/demo-2025.nb" "$top/tests/review/planted-$y.nb"
done
same check --json --previous "$top/tests/review/planted-2021.nb" "$top/tests/review/planted-2021.nb"

# A folder: generated reports as bench/batch.sh makes them, with the shipped ones.
"$top/bench/genreports.sh" 60 "$work/dir"
cp "$top"/tests/review/planted-*.nb "$top"/fuzz/regress/*.nb "$work/dir/"
: >"$work/dir/empty.nb"
# and one with findings acknowledged (kept apart, not counted), a part's and a field's
cp "$top/tests/review/planted-2021.nb" "$work/dir/acked.nb"
for id in $("$old" check --json "$work/dir/acked.nb" 2>/dev/null | grep -o '"id": "[^"]*"' | sed -n '1p;3p;$p' | cut -d'"' -f4); do
	"$old" ack "$work/dir/acked.nb" "$id" "checked by hand" >/dev/null 2>&1
done
files_only=1
same check dir
files_only=
same check --json dir
echo "$runs runs each, $fails differences"
[ "$fails" = 0 ]
