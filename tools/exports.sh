#!/bin/sh
# exports.sh [BUILDDIR] - list what a source file exports that no other file
# uses (the program's sources, the tests, the fuzz targets): it should be
# static there.  Run after `make check` has built the tests; it reads the
# objects' symbol tables.
set -u
B=${1:-_build}
TOP=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# "OBJECT SYMBOL" for each symbol an object uses from elsewhere
for o in $(find "$B/src" "$B/tests" -name '*.o'); do
	nm -u "$o" | awk -v o="$o" '{ print o, $2 }'
done >"$T/uses"
for o in $(find "$B/src" -name '*.o' | sort); do
	nm -g --defined-only "$o" | awk '$2 ~ /[TDBR]/ && $3 != "main" { print $3 }' |
	while read -r sym; do
		awk -v o="$o" -v s="$sym" '$1 != o && $2 == s { found = 1 } END { exit !found }' "$T/uses" &&
			continue
		# the fuzz targets are built only with clang's libFuzzer: read their source
		grep -qw -- "$sym" "$TOP"/fuzz/*.c 2>/dev/null && continue
		echo "${o#"$B"/}: $sym"
	done
done
