#!/bin/sh
# merge.sh - `nianbao merge`: a supervisor's summary, each cell the exact sum of the reports'.
# By hand:
#   NIANBAO=$PWD/nianbao NIANBAO_TEMPLATE_PATH=$srcdir/templates TOP_SRCDIR=$srcdir sh tests/merge.sh
. "$TOP_SRCDIR/tests/e2e-lib.sh"

mkdir "$TMP/w" && cd "$TMP/w" || exit 99
XDG_CONFIG_HOME=$TMP/config	# no preferences of the machine's user
export XDG_CONFIG_HOME
TAB=$(printf '\t')

plan 51

# absent PATH DESCRIPTION
absent() {
	if [ -e "$1" ]; then not_ok "$2"; diag "$1 exists"; else ok "$2"; fi
}

# value FILE CELL: one cell as `get` prints it
value() { "$NIANBAO" get "$1" "$2" | cut -f4; }

# filled FILE: "CELL<TAB>VALUE" for every cell that is not blank, in template order
filled() { "$NIANBAO" get "$1" | awk -F'\t' '$4 != "" { print $1 "\t" $4 }'; }

# oracle FILE...: what every cell of their summary must be, computed here on
# its own: blank if all are blank, "/" if all are "/", else the sum (awk's
# doubles are exact enough for these few decimals).
oracle() {
	for f in "$@"; do "$NIANBAO" get "$f"; done | awk -F'\t' '
	!($1 in seen) { seen[$1] = 1; order[n++] = $1 }
	{ v = $4
	  if (v == "") blank[$1]++
	  else if (v == "/") na[$1]++
	  else { num[$1] = 1; sum[$1] += v + 0 }
	  count[$1]++ }
	END {
		for (i = 0; i < n; i++) {
			c = order[i]
			if (blank[c] == count[c]) v = ""
			else if (na[c] == count[c]) v = "/"
			else {
				v = sprintf("%.4f", sum[c]); sub(/0+$/, "", v); sub(/\.$/, "", v)
				if (v == "-0") v = "0"
			}
			print c "\t" v
		}
	}'
}

# fresh NAME YEAR [OPTION...]: a new report
fresh() { name=$1 year=$2; shift 2; "$NIANBAO" new --year "$year" "$@" "$name" 2>/dev/null; }

# --- three consistent 2025 reports: different values, some blanks, some "/" ---
fresh a.nb 2025 --agency 甲局
fresh b.nb 2025 --agency 乙局
fresh c.nb 2025 --agency 丙局
"$NIANBAO" set a.nb t2.reg.made=1 t2.reg.repealed=/ t2.norm.made=2 t2.fee.amount=0.1 \
    t3.new.person=3 t3.new.biz=1 t3.carried.person=1 t3.open.person=2 t3.partial.biz=1 \
    t3.deny1.person=1 t3.next.person=1 t4.cases.rv_keep=1 t4.cases.rv_fix=/ \
    "s1.intro=甲局的总体情况。"
"$NIANBAO" set b.nb t2.reg.made=/ t2.reg.repealed=/ t2.norm.made=3 t2.fee.amount=0.25 \
    t2.permit.decisions=4 t3.new.person=2 t3.new.sci=/ t3.open.person=2 \
    t4.cases.rv_keep=2 t4.cases.rv_fix=/
"$NIANBAO" set c.nb t2.reg.made=/ t2.reg.repealed=/ t2.norm.made=0 t2.permit.decisions=5 \
    t3.new.biz=2 t3.new.sci=/ t3.skip1.biz=2 t4.cases.rv_fix=/ t4.cases.ld_keep=3
run check a.nb b.nb c.nb
is "$rc" 0 "the three department reports are consistent"

run merge --agency 某市人民政府办公室 -o sum.nb a.nb b.nb c.nb
is "$rc" 0 "merge exits 0"
contains "$TMP/err" "nianbao: merged 3 reports into sum.nb" "it says what it merged into what"
contains "$TMP/err" "c.nb${TAB}丙局" "and lists the inputs"
[ -s sum.nb ] && ok "it writes the summary" || not_ok "it writes the summary"
grep -q '^merged_from = |a.nb b.nb c.nb|$' sum.nb && ok "the summary records its inputs" ||
	not_ok "the summary records its inputs"

# Every cell, by hand: blank and "/" count 0; "/" only where all three are "/".
want=$(cat <<EOF
t2.reg.made${TAB}1
t2.reg.repealed${TAB}/
t2.norm.made${TAB}5
t2.permit.decisions${TAB}9
t2.fee.amount${TAB}0.35
t3.new.person${TAB}5
t3.new.biz${TAB}3
t3.new.sci${TAB}0
t3.new.total${TAB}8
t3.carried.person${TAB}1
t3.carried.total${TAB}1
t3.open.person${TAB}4
t3.open.total${TAB}4
t3.partial.biz${TAB}1
t3.partial.total${TAB}1
t3.deny1.person${TAB}1
t3.deny1.total${TAB}1
t3.skip1.biz${TAB}2
t3.skip1.total${TAB}2
t3.total.person${TAB}5
t3.total.biz${TAB}3
t3.total.total${TAB}8
t3.next.person${TAB}1
t3.next.total${TAB}1
t4.cases.rv_keep${TAB}3
t4.cases.rv_fix${TAB}/
t4.cases.rv_total${TAB}3
t4.cases.ld_keep${TAB}3
t4.cases.ld_total${TAB}3
EOF
)
is "$(filled sum.nb)" "$want" "every filled cell is the hand-computed sum, every other cell blank"
is "$("$NIANBAO" get sum.nb | cut -f1,4)" "$(oracle a.nb b.nb c.nb)" "every cell equals the sum computed apart"
is "$(value sum.nb t2.reg.repealed)" "/" "\"/\" where every report has \"/\""
is "$(value sum.nb t2.reg.made)" "1" "a number where some have \"/\" (\"/\" counts 0)"
is "$(value sum.nb t3.new.sci)" "0" "0 where some are blank and the rest \"/\""
is "$(value sum.nb t3.total.sci)" "" "blank where every report is blank"
is "$(value sum.nb t2.fee.amount)" "0.35" "money in the template's unit sums exactly (0.1 + 0.25 万元)"
run check sum.nb
is "$rc" 0 "the sum of consistent reports is consistent (check exits 0)"
grep -q '^auto_totals = no$' sum.nb && ok "its totals are stored, not recomputed (auto_totals = no)" ||
    not_ok "its totals are stored, not recomputed (auto_totals = no)"
grep -q '^agency = |某市人民政府办公室|$' sum.nb && ok "--agency names the summary" ||
    not_ok "--agency names the summary"
grep -q '^year = 2025$' sum.nb && ok "the summary is of the reports' year" ||
    not_ok "the summary is of the reports' year"
lacks sum.nb "甲局的总体情况" "the narratives are left empty"

# Never over an existing file.
cp sum.nb sum.copy
run merge -o sum.nb a.nb b.nb
is "$rc" 2 "an existing OUT is refused (exit 2)"
contains "$TMP/err" "sum.nb already exists" "the message says so"
cmp -s sum.nb sum.copy && ok "and it is left as it was" || not_ok "and it is left as it was"

# Without -o, or without a report: a usage error.
run merge a.nb b.nb
is "$rc" 2 "merge without -o is refused (exit 2)"
run merge -o none.nb
is "$rc" 2 "merge without a report is refused (exit 2)"

# --year gives the summary another year the format covers, not another format.
run merge --year 2024 -o y2024.nb a.nb b.nb
is "$rc" 0 "--year 2024 is accepted"
grep -q '^year = 2024$' y2024.nb && ok "and is the summary's year" || not_ok "and is the summary's year"
run merge --year 2019 -o y2019.nb a.nb b.nb
is "$rc" 2 "--year outside the format's years is refused (exit 2)"

# The same report twice would count it twice.
run merge -o twice.nb a.nb b.nb ./a.nb
is "$rc" 2 "the same report given twice is refused (exit 2)"
absent twice.nb "nothing is written"

# A report with an error: refused, nothing written, the error named; --force merges it.
fresh d.nb 2025 --agency 丁局
fresh e.nb 2025 --agency 戊局
"$NIANBAO" set d.nb auto_totals=no t3.new.person=5 t3.new.total=4 2>/dev/null
"$NIANBAO" set e.nb auto_totals=no t3.open.biz=1 t3.open.total=2 2>/dev/null
run merge -o bad.nb a.nb d.nb e.nb
is "$rc" 1 "reports with errors are refused (exit 1)"
contains "$TMP/err" "d.nb: error I1: " "the error is named as FILE: error RULE: MESSAGE"
contains "$TMP/err" "e.nb: error I1: " "so is the other report's"
contains "$TMP/err" "nianbao: 2 reports have errors; nothing was merged (--force merges them anyway)" \
    "and how many reports have errors"
absent bad.nb "nothing is written"
run merge --force -o bad.nb a.nb d.nb
is "$rc" 0 "--force merges them anyway (exit 0)"
is "$(value bad.nb t3.new.person)/$(value bad.nb t3.new.total)" "8/8" "the sums are the cells' sums as they are"

# Different years and formats: exit 2, the file that differs named, nothing written.
fresh old.nb 2024 --agency 甲局
run merge -o years.nb a.nb b.nb old.nb
is "$rc" 2 "reports of different years are refused (exit 2)"
contains "$TMP/err" "old.nb is the report for 2024, but a.nb is for 2025" "the message names the file and the years"
absent years.nb "nothing is written"
fresh f2019.nb 2025 --format 2019
run merge -o formats.nb a.nb f2019.nb
is "$rc" 2 "reports in different formats are refused (exit 2)"
contains "$TMP/err" "f2019.nb is in the gov-2019 format, but a.nb is in gov-2021" "the message names the file and the formats"
absent formats.nb "nothing is written"

# The 2019 format: money typed with a unit sums exactly in the same unit, and
# is never converted from another.
fresh p.nb 2019
fresh q.nb 2019
fresh r.nb 2019
fresh u.nb 2019
"$NIANBAO" set p.nb t2.purchase.amount=0.1万元 t2.permit.change=+3
"$NIANBAO" set q.nb t2.purchase.amount=0.2万元 t2.permit.change=-5
"$NIANBAO" set r.nb t2.purchase.amount=500元
"$NIANBAO" set u.nb t2.purchase.amount=0.5
run merge -o pq.nb p.nb q.nb
is "$rc" 0 "2019 reports merge"
is "$(value pq.nb t2.purchase.amount)" "0.3万元" "0.1万元 + 0.2万元 = 0.3万元 exactly"
is "$(value pq.nb t2.permit.change)" "-2" "signed changes sum with their signs (+3 and -5)"
run merge -o pqr.nb p.nb q.nb r.nb
is "$rc" 2 "元 and 万元 in the same cell are refused (exit 2)"
contains "$TMP/err" "t2.purchase.amount" "the message names the cell"
contains "$TMP/err" "p.nb is in 万元 but r.nb is in 元" "and the two files with their units"
absent pqr.nb "nothing is written"
run merge -o pu.nb p.nb u.nb
is "$rc" 2 "an amount without a unit is not summed with one in 万元 (exit 2)"

# A sum too long to be stored (a cell holds 12 digits) is refused, not cut.
fresh big1.nb 2025
fresh big2.nb 2025
"$NIANBAO" set big1.nb t2.reg.made=999999999999
"$NIANBAO" set big2.nb t2.reg.made=1
run merge -o big.nb big1.nb big2.nb
is "$rc" 2 "a sum of 13 digits is refused (exit 2)"
absent big.nb "nothing is written"
