#!/bin/sh
# genreports.sh N DIR - N report files r0.nb .. r(N-1).nb in DIR, made from
# the two demo reports (both formats, alternately), each with its own agency
# and a few numbers of its own: some break a rule, so that a checker has
# something to find and to word.  Used by bench/batch.sh and
# tools/samefindings.sh, which must check the same kind of folder.
set -eu
[ $# = 2 ] || { echo "usage: bench/genreports.sh N DIR" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
n=$1 dir=$2
mkdir -p "$dir"
i=0
while [ "$i" -lt "$n" ]; do
	demo=$top/examples/demo-2025.nb
	[ $((i % 2)) = 0 ] || demo=$top/examples/demo-2020.nb
	awk -v i="$i" '
		/^agency = \|/ { sub(/^agency = \|/, "agency = |第" i "号"); }
		/^t3\.new\.person = / && i % 7 == 0 { $0 = "t3.new.person = " (30 + i % 11) }
		/^t2\.permit\./ && i % 3 == 0 { sub(/[0-9]+$/, i % 500) }
		{ print }' "$demo" >"$dir/r$i.nb"
	i=$((i + 1))
done
