#!/bin/sh
# man.sh - make man/nianbao.N (ASCII, CJK as groff \[uXXXX] escapes) from the
# readable UTF-8 sources man/nianbao.N.in, so that every groff device and
# locale reads them.  Run after editing a .in file; tests/lint.sh checks it was.
set -eu
cd "$(dirname "$0")/../man"
for src in nianbao.1.in nianbao.5.in; do
	[ -f "$src" ] || continue
	preconv -e utf-8 "$src" | grep -v '^\.lf ' >"${src%.in}.tmp"
	mv "${src%.in}.tmp" "${src%.in}"
done
