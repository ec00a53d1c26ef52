#!/bin/sh
# run-fuzz.sh BUILDDIR [SECONDS] - build the libFuzzer targets (report files,
# templates, imported pages, Word documents) with clang and run each for SECONDS (default 60)
# on a corpus seeded with the shipped files.
# Any crash or sanitizer report fails the run and leaves the input in BUILDDIR/fuzz.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
secs=${2:-60}
out="$build/fuzz"
mkdir -p "$out"
core=$(cd "$top" && ls src/*/*.c | grep -v -e "^src/cli/" -e "^src/tui/" | sed "s|^|$top/|")
flags="-g -O1 -std=c17 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -DHAVE_CONFIG_H -I$build -I$top -I$top/src"
for target in report template import docx; do
	# shellcheck disable=SC2086
	clang $flags -o "$out/fuzz_$target" "$top/fuzz/fuzz_$target.c" "$top/fuzz/fuzz.c" $core $(pkg-config --libs inih libzip expat) -lunistring
	mkdir -p "$out/corpus_$target"
done
cp "$top"/templates/*.ini "$out/corpus_template/"
cp "$top"/examples/*.nb "$top"/fuzz/regress/report-* "$out/corpus_report/"
cp "$top"/tests/import/*.txt "$top"/tests/golden/*.txt "$top"/tests/golden/*.html "$out/corpus_import/"
# Word documents: our own exports of the demos
for d in demo-2025 demo-2020; do
	NIANBAO_TEMPLATE_PATH="$top/templates" "$build/nianbao" export --to docx --force -o "$out/corpus_docx/$d.docx" "$top/examples/$d.nb" 2>/dev/null
done
export NIANBAO_TEMPLATE_PATH="$top/templates"
for target in report template import docx; do
	echo "fuzzing the $target loader for $secs seconds"
	(cd "$out" && ./"fuzz_$target" -max_total_time="$secs" -max_len=65536 -timeout=10 \
		-print_final_stats=1 "corpus_$target") >"$out/fuzz_$target.log" 2>&1 || {
		tail -n 40 "$out/fuzz_$target.log"
		echo "FAIL: the $target loader crashed; see $out/fuzz_$target.log" >&2
		exit 1
	}
	grep -E '^stat::number_of_executed_units|^Done' "$out/fuzz_$target.log" || true
done
echo "fuzzing: no crash, no sanitizer report"
