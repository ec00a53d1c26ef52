#!/bin/sh
# batch.sh - what checking a supervisor's folder of reports costs: `nianbao
# check DIR` over 10,000 generated report files, against `wc -l` over the same
# files (the cost of just reading them), in the same run.
#
#   bench/batch.sh                  # 10,000 reports
#   REPORTS=2000 bench/batch.sh     # fewer
#   NIANBAO=path bench/batch.sh     # another binary (default: _build/nianbao)
#
# check is timed with one worker (-j1) and with its default, one worker per
# core online, and with --tables (the tables' rules only, the words not
# reviewed) by default.  Wall-clock times are the best of RUNS (3) runs each;
# instruction counts (valgrind callgrind, -j1, on a subset of CG_REPORTS
# files) do not depend on how busy the machine is.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
nb=${NIANBAO:-$top/_build/nianbao}
n=${REPORTS:-10000}
runs=${RUNS:-3}
cgn=${CG_REPORTS:-500}
export NIANBAO_TEMPLATE_PATH="$top/templates"
for tool in valgrind callgrind_annotate awk; do
	command -v "$tool" >/dev/null 2>&1 || { echo "bench/batch.sh: $tool is missing" >&2; exit 2; }
done
[ -x "$nb" ] || { echo "bench/batch.sh: build nianbao first ($nb)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/nbbatch.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM HUP

# Reports of both formats, each with its own agency and a few numbers of its
# own (some break a rule: a checker must find and word them).
echo "generating $n report files in $work ..."
"$top/bench/genreports.sh" "$n" "$work/all"
mkdir -p "$work/cg"
i=0
while [ "$i" -lt "$cgn" ] && [ "$i" -lt "$n" ]; do
	cp "$work/all/r$i.nb" "$work/cg/"
	i=$((i + 1))
done
bytes=$(cat "$work"/all/*.nb | wc -c)

best() {	# best wall-clock seconds of $runs runs of the command
	b=
	for _ in $(seq "$runs"); do
		s=$(date +%s.%N)
		"$@" >/dev/null 2>&1 || true
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
	done
	echo "$b"
}
wc_files() { (cd "$1" && wc -l -- *.nb); }
echo "timing ($runs runs each, best) ..."
t_check=$(best "$nb" check -j1 "$work/all")
t_par=$(best "$nb" check "$work/all")
t_tab=$(best "$nb" check --tables "$work/all")
t_wc=$(best wc_files "$work/all")
echo "counting instructions on $cgn reports ..."
ir() { valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$@" >/dev/null 2>&1 || true
	callgrind_annotate "$work/cg.out" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'; }
ir_check=$(ir "$nb" check -j1 "$work/cg")
ir_tab=$(ir "$nb" check --tables -j1 "$work/cg")
ir_wc=$(cd "$work/cg" && ir wc -l -- ./*.nb)

echo
printf '%s reports, %s bytes (%s KB each on average)\n' "$n" "$bytes" "$((bytes / n / 1024))"
printf '%-28s %10s %14s %16s\n' "" "seconds" "reports/s" "instr/report"
printf '%-28s %10.3f %14.0f %16.0f\n' "nianbao check -j1 DIR" "$t_check" "$(echo "$n / $t_check" | bc -l)" "$(echo "$ir_check / $cgn" | bc -l)"
printf '%-28s %10.3f %14.0f %16s\n' "nianbao check DIR ($(getconf _NPROCESSORS_ONLN) cores)" "$t_par" "$(echo "$n / $t_par" | bc -l)" "(the same)"
printf '%-28s %10.3f %14.0f %16.0f\n' "nianbao check --tables DIR" "$t_tab" "$(echo "$n / $t_tab" | bc -l)" "$(echo "$ir_tab / $cgn" | bc -l)"
printf '%-28s %10.3f %14.0f %16.0f\n' "wc -l (just reading)" "$t_wc" "$(echo "$n / $t_wc" | bc -l)" "$(echo "$ir_wc / $cgn" | bc -l)"
printf 'ratio check/wc: time %.2f with -j1, %.2f by default, %.2f with --tables; instructions %.2f\n' \
	"$(echo "$t_check / $t_wc" | bc -l)" "$(echo "$t_par / $t_wc" | bc -l)" "$(echo "$t_tab / $t_wc" | bc -l)" \
	"$(echo "$ir_check / $ir_wc" | bc -l)"
echo '(issue 14 asks for a time ratio of at most 2, issue 12 at most 5 with the review of the words)'
