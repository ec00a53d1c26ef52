#!/bin/sh
# import2.sh - shapes of real published reports (amounts to the fen, remarks in
# cells, titles that begin with the year, label variants, a damaged row,
# renumbered sections, copies whose tables were lost), the unreadable cell
# state, and the guards around last year's report, the command dispatch and set.
# Every page and copy here is synthetic, written for this test.
# By hand:
#   NIANBAO=$PWD/_build/nianbao NIANBAO_TEMPLATE_PATH=$PWD/templates \
#   NIANBAO_LOCALEDIR=$PWD/_build/locale TOP_SRCDIR=$PWD sh tests/import2.sh
. "$TOP_SRCDIR/tests/e2e-lib.sh"

mkdir "$TMP/w" && cd "$TMP/w" || exit 99
XDG_CONFIG_HOME=$TMP/config	# no preferences of the machine's user
export XDG_CONFIG_HOME
TAB=$(printf '\t')

# value FILE CELL: the value of one cell as `get` prints it
value() { "$NIANBAO" get "$1" "$2" 2>/dev/null | cut -f4; }

# cells FILE PREFIX: CELL<TAB>VALUE of every cell whose id starts with PREFIX
cells() {
	"$NIANBAO" get "$1" 2>/dev/null | awk -F'\t' -v p="$2" 'index($1, p) == 1 { print $1 "\t" $4 }'
}

# meta FILE KEY: a [report] key as stored
meta() { sed -n "s/^$2 = //p" "$1" 2>/dev/null | sed 's/^|//; s/|$//'; }

# part ID FILE: a text part as stored
part() { report_text "$1" "$2" 2>/dev/null; }

# same GOT WANT DESCRIPTION: multi-line values; a diff when they differ
same() {
	if [ "$1" = "$2" ]; then ok "$3"; return; fi
	not_ok "$3"
	printf '%s\n' "$2" >"$TMP/want.cmp"
	printf '%s\n' "$1" >"$TMP/got.cmp"
	diag "< want, > got:"
	diff "$TMP/want.cmp" "$TMP/got.cmp" | head -40 | sed 's/^/#   /'
}

# ================================================================ command line guards

# --- a usage error in one command runs no other command
printf '%s\n' "某某县测试局2024年政府信息公开工作年度报告" "一、总体情况" "测试段落。" >x.txt
run export -t import x.txt
is "$rc" 2 "export -t import: a usage error (exit 2)"
contains "$TMP/err" "--to must be text or html" "export -t import: the usage error is printed"
lacks "$TMP/err" "cannot tell the format" "export -t import: import does not run too"
[ ! -e x.nb ] && ok "export -t import: no report file was created" || not_ok "export -t import: no report file was created"

# --- a folder with no report
mkdir empty
run check empty
is "$rc" 2 "check on a folder with no report exits 2"
contains "$TMP/err" "no report" "check on an empty folder says that no report was found"

# --- last year's report must be last year's, of the same agency
cp "$TOP_SRCDIR/examples/demo-2020.nb" y2020.nb
cp "$TOP_SRCDIR/examples/demo-2025.nb" y2025.nb
"$NIANBAO" new --from y2020.nb y2021.nb 2>/dev/null
"$NIANBAO" new --agency 示例县市场监督管理局 --year 2021 free2021.nb 2>/dev/null
"$NIANBAO" set free2021.nb t3.carried.person=3 t3.next.person=3 >/dev/null 2>&1
run check --previous y2025.nb free2021.nb
is "$rc" 2 "check --previous with a 2025 report for a 2021 report exits 2"
contains "$TMP/err" "2025" "the refusal names LAST's year"
contains "$TMP/err" "2021" "and the report's year"
lacks "$TMP/out" "X1" "and no cross-year finding is computed"
"$NIANBAO" new --agency 示例县市场监督管理局 --year 2022 y2022.nb 2>/dev/null
run check --previous y2022.nb free2021.nb
is "$rc" 2 "a later year's report as the previous (2022 for 2021) exits 2"
"$NIANBAO" new --agency 另一个局 --year 2020 other2020.nb 2>/dev/null
run check --previous other2020.nb free2021.nb
is "$rc" 0 "the previous report of another agency: checked (exit 0)"
contains "$TMP/err" "另一个局" "with a warning naming the other agency"
contains "$TMP/err" "示例县市场监督管理局" "and this report's agency"
run check --previous y2020.nb free2021.nb
is "$rc" 0 "the right previous report: exit 0"
is "$(cat "$TMP/err")" "" "and no warning"
# through the report's own previous = key
"$NIANBAO" set y2021.nb t3.carried.person=5 >/dev/null 2>&1
sed 's/^previous = .*/previous = |y2025.nb|/' y2021.nb >named.nb
run check named.nb
contains "$TMP/err" "2025" "a report whose previous names a 2025 report: warned, with both years"
lacks "$TMP/out" "X1" "and its cross-year rules are not computed"
# through new --from
run new --from y2025.nb --year 2021 from2021.nb
is "$rc" 2 "new --from a 2025 report --year 2021 exits 2"
contains "$TMP/err" "2025" "and names both years"
[ ! -e from2021.nb ] && ok "and creates nothing" || not_ok "and creates nothing"
run new --from other2020.nb --agency 示例县市场监督管理局 from2021.nb
is "$rc" 0 "new --from another agency's report: created"
contains "$TMP/err" "另一个局" "with a warning naming both agencies"

# --- a cross-year rule with a blank cell in either report is not assessable
"$NIANBAO" new --agency 示例县自然资源局 --year 2026 blank2026.nb 2>/dev/null
run check --previous y2025.nb blank2026.nb
lacks "$TMP/out" "warning X" "a blank 2026 report against its 2025 report: no cross-year warning"
"$NIANBAO" set blank2026.nb t3.carried.person=1 >/dev/null 2>&1
run check --previous y2025.nb blank2026.nb
contains "$TMP/out" "warning X1" "a filled cell that differs from last year's is still warned about"

# ================================================================ set prints what check finds
"$NIANBAO" new --agency 某某县测试局 --year 2024 s.nb 2>/dev/null
run set s.nb auto_totals=no t3.new.person=1
is "$rc" 1 "set leaving a rule broken exits 1"
contains "$TMP/out" "s.nb: error S1" "and prints the finding as check does"
is "$(value s.nb t3.new.person)" 1 "the value is saved all the same"
run check s.nb
cp "$TMP/out" check.out
run set s.nb t3.new.person=1
grep ': error ' check.out >want.lines
grep ': error ' "$TMP/out" >got.lines
same "$(cat got.lines)" "$(cat want.lines)" "set prints the same findings as check"
run set s.nb t3.new.person=0
is "$rc" 0 "set leaving no rule broken exits 0"
is "$(cat "$TMP/out")" "" "and prints nothing"

done_testing
