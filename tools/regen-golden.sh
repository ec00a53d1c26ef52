#!/bin/sh
# regen-golden.sh BUILDDIR - rewrite tests/golden/ from the demo reports.
# Read every changed file by eye before committing it: the golden files are
# what the exports are compared with byte for byte.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
nb="$(cd "$1" && pwd)/nianbao"
export NIANBAO_TEMPLATE_PATH="$top/templates"
for demo in demo-2025 demo-2020; do
	for to in text html; do
		ext=$([ "$to" = text ] && echo txt || echo html)
		"$nb" export --to "$to" -o "$top/tests/golden/$demo.utf-8.$ext" "$top/examples/$demo.nb"
		"$nb" export --to "$to" --encoding gb18030 --crlf -o "$top/tests/golden/$demo.gb18030-crlf.$ext" \
			"$top/examples/$demo.nb"
	done
done
