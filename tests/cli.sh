# cli.sh - end-to-end tests of the nianbao command line: new, get, set, check.
# Run by `make check` (TAP); by hand:
#   NIANBAO=$PWD/nianbao NIANBAO_TEMPLATE_PATH=$srcdir/templates TOP_SRCDIR=$srcdir sh tests/cli.sh
# POSIX sh only; python3 is used for nothing but validating JSON.

. "$TOP_SRCDIR/tests/e2e-lib.sh"

mkdir "$TMP/w" && cd "$TMP/w" || exit 99
TAB=$(printf '\t')

# exit_is WANT DESCRIPTION: the status of the last `run`
exit_is() { is "$rc" "$1" "$2 (exit $1)"; }

# same FILE COPY DESCRIPTION: byte-identical files
same() {
	if cmp -s "$1" "$2"; then ok "$3"; else not_ok "$3"; diag "$1 and $2 differ:"; diff "$2" "$1" | sed 's/^/#   /'; fi
}

# absent PATH DESCRIPTION
absent() {
	if [ -e "$1" ] || [ -L "$1" ]; then not_ok "$2"; diag "$1 exists"; else ok "$2"; fi
}

# value FILE CELL: the value field of one cell as printed by `get`
value() { "$NIANBAO" get "$1" "$2" | cut -f4; }

# json_ok FILE DESCRIPTION: FILE holds valid JSON
json_ok() {
	if python3 -c 'import json,sys; json.load(sys.stdin)' <"$1" 2>"$TMP/json.err"; then ok "$2"
	else not_ok "$2"; sed 's/^/#   /' "$TMP/json.err" "$1"; fi
}

# only_report_files DESCRIPTION NAME...: the directory holds exactly these names
# (no temporary file or backup left behind)
only_files() {
	what=$1; shift
	want=$(printf '%s\n' "$@" | LC_ALL=C sort)
	got=$(ls -A | LC_ALL=C sort)
	is "$got" "$want" "$what"
}

# ---------------------------------------------------------------- help, version
run --help
exit_is 0 "--help succeeds"
contains "$TMP/out" "Usage:" "--help prints a usage line"
for c in new get set check; do
	contains "$TMP/out" "  $c " "--help mentions the $c command"
done
contains "$TMP/out" "Exit status" "--help documents the exit status"
run -h
exit_is 0 "-h succeeds"
run --version
exit_is 0 "--version succeeds"
case $(cat "$TMP/out") in
"nianbao "[0-9]*) ok "--version prints 'nianbao VERSION'" ;;
*) not_ok "--version prints 'nianbao VERSION'"; sed 's/^/#   /' "$TMP/out" ;;
esac
run new --help
exit_is 0 "new --help succeeds"
contains "$TMP/out" "--year" "new --help shows its options"

# ---------------------------------------------------------------- usage errors
run --bogus
exit_is 2 "an unknown global option is refused"
contains "$TMP/err" "Try 'nianbao --help'" "an unknown option points to --help"
run
exit_is 2 "no command at all is refused"
contains "$TMP/err" "Try" "no command points to --help"
# An unknown command word is taken as a report FILE to check (nianbao FILE checks
# FILE), so `nianbao frobnicate` fails on a missing file; it should still say how
# to get help, since a mistyped command (`nianbao chek x.nb`) ends up here.
run frobnicate
exit_is 2 "an unknown command is refused"
contains "$TMP/err" "Try" "an unknown command points to --help"
for c in new get set check; do
	run $c --bogus x.nb
	exit_is 2 "$c refuses an unknown option"
	contains "$TMP/err" "Try" "$c: an unknown option points to --help"
done
absent x.nb "a refused new creates nothing"
run new
exit_is 2 "new without FILE"
run new one.nb two.nb
exit_is 2 "new with two FILEs"
run new --year 20x5 y.nb
exit_is 2 "new --year must be a year"
absent y.nb "a bad --year creates nothing"
run check
exit_is 2 "check without FILE"
run get
exit_is 2 "get without FILE"

# ---------------------------------------------------------------- new
run new --year 2020 --agency 测试局 r2020.nb
exit_is 0 "new --year 2020"
contains r2020.nb "template = gov-2019" "a 2020 report uses the 2019 format"
contains r2020.nb "year = 2020" "the year is recorded"
contains r2020.nb "agency = |测试局|" "the agency is recorded"
is "$("$NIANBAO" get r2020.nb | wc -l | tr -d ' ')" 198 "get prints all 198 cells of a gov-2019 report"

run new --year 2025 r2025.nb
exit_is 0 "new --year 2025"
contains r2025.nb "template = gov-2021" "a 2025 report uses the 2021 format"
contains r2025.nb "auto_totals = yes" "a new report computes its totals"
is "$("$NIANBAO" get r2025.nb | wc -l | tr -d ' ')" 200 "get prints all 200 cells of a gov-2021 report"

run new --year 2019 r2019.nb
contains r2019.nb "template = gov-2019" "a 2019 report uses the 2019 format"
run new --year 2021 r2021.nb
contains r2021.nb "template = gov-2021" "a 2021 report uses the 2021 format"

run new --format 2019 --year 2025 forced.nb
exit_is 0 "new --format 2019 for a 2025 report"
contains forced.nb "template = gov-2019" "--format 2019 forces the 2019 format"
contains forced.nb "year = 2025" "--format keeps the year asked for"
contains "$TMP/err" "gov-2019" "forcing a format for the wrong year warns"
run new --format gov-2021 --year 2021 named.nb
exit_is 0 "--format also takes the template id"
contains named.nb "template = gov-2021" "--format gov-2021"
run new --format 2017 f2017.nb
exit_is 2 "an unknown format is refused"
absent f2017.nb "an unknown format creates nothing"
run new --year 2018 y2018.nb
exit_is 2 "no format covers 2018 (the old format is not supported)"
absent y2018.nb "a year without a format creates nothing"
run new --year 2025 no/such/dir/x.nb
exit_is 2 "new in a missing directory"

run check r2025.nb
exit_is 0 "a new empty report passes check"
contains "$TMP/out" "0 errors, 3 warnings" "an empty report: no errors; a warning for each section left unwritten"
is "$(grep -c "warning require.nonempty" "$TMP/out")" 3 "sections one, five and six are empty (the opening paragraph may be)"

# new never overwrites: neither a report nor any other file
cp r2025.nb keep.nb
run new --year 2020 r2025.nb
exit_is 2 "new over an existing report is refused"
contains "$TMP/err" "already exists" "new says the file exists"
same r2025.nb keep.nb "the existing report is unchanged"
printf 'not a report\n' >other.txt
cp other.txt other.keep
run new --year 2025 other.txt
exit_is 2 "new over an existing non-report file is refused"
same other.txt other.keep "the existing file is unchanged"
ln -s dangling-target link.nb
run new --year 2025 link.nb
exit_is 2 "new over a dangling symbolic link is refused"
absent dangling-target "new does not create through a dangling link"
rm -f link.nb keep.nb other.txt other.keep
only_files "new leaves no temporary files" forced.nb named.nb r2019.nb r2020.nb r2021.nb r2025.nb

# ---------------------------------------------------------------- get
run get r2025.nb t3.new.person
exit_is 0 "get one cell"
is "$(cat "$TMP/out")" "t3.new.person${TAB}一、本年新收政府信息公开申请数量${TAB}申请人情况／自然人${TAB}" \
    "get prints ID, row label, column label and an empty value for a blank cell"
run get r2025.nb t2.fee.amount t4.cases.ld_total t3.total.total
is "$(cat "$TMP/out")" "t2.fee.amount${TAB}行政事业性收费${TAB}本年收费金额（单位：万元）${TAB}
t4.cases.ld_total${TAB}${TAB}行政诉讼／未经复议直接起诉／总计${TAB}
t3.total.total${TAB}三、本年度办理结果／（七）总计${TAB}申请人情况／总计${TAB}" \
    "get prints the cells asked for, in that order (table 四 has no row label)"
run get r2020.nb t2.fee.change t2.purchase.amount
is "$(cat "$TMP/out")" "t2.fee.change${TAB}行政事业性收费${TAB}本年增/减${TAB}
t2.purchase.amount${TAB}政府集中采购${TAB}采购总金额${TAB}" "get on a gov-2019 report"
"$NIANBAO" get r2025.nb >all.txt
is "$(awk -F"$TAB" 'NF != 4' all.txt | wc -l | tr -d ' ')" 0 "every line of get has four fields"
is "$(cut -f1 all.txt | sort -u | wc -l | tr -d ' ')" 200 "get prints 200 distinct cell ids"
is "$(cut -f4 all.txt | sort -u)" "" "every cell of a new report is blank"
rm -f all.txt
run get r2025.nb t3.new.nosuch
exit_is 2 "get an unknown cell"
contains "$TMP/err" "t3.new.nosuch" "get names the unknown cell"
is "$(cat "$TMP/out")" "" "get prints nothing when a cell is unknown"
run get missing.nb
exit_is 2 "get on a missing file"

# ---------------------------------------------------------------- set
cp r2025.nb s.nb
run set s.nb t3.new.person=１２ "t3.new.biz=　３　" t3.new.law=1,234
exit_is 1 "set full-width digits, spaces and thousands separators (saved; S1 now broken)"
is "$(value s.nb t3.new.person)" 12 "full-width digits are stored as ASCII"
is "$(value s.nb t3.new.biz)" 3 "ideographic spaces around a number are dropped"
is "$(value s.nb t3.new.law)" 1234 "thousands separators are dropped"
is "$(value s.nb t3.new.total)" 1249 "the row total is computed (auto totals)"
contains s.nb "t3.new.person = 12" "the file holds the canonical value"
same s.nb~ r2025.nb "a successful set keeps the previous version as FILE~"

run set s.nb t3.open.person=7 t3.partial.person=2 t3.none1.biz=1 t3.next.person=3
exit_is 1 "set result rows (saved; S1 still broken)"
is "$(value s.nb t3.total.person)" 9 "the column total （七）总计 follows the result rows"
is "$(value s.nb t3.total.biz)" 1 "a second column total"
is "$(value s.nb t3.total.total)" 10 "the grand total"
is "$(value s.nb t3.open.total)" 7 "a result row total"
run set s.nb t4.cases.rv_keep=2 t4.cases.rv_pending=1 t4.cases.la_fix=0
is "$(value s.nb t4.cases.rv_total)" 3 "table 四: the 行政复议 total is computed"
is "$(value s.nb t4.cases.la_total)" 0 "table 四: a group of zeros totals 0"
is "$(value s.nb t4.cases.ld_total)" "" "table 四: a blank group keeps a blank total"
run set s.nb t3.open.person= t3.partial.person=0 t3.next.person=
is "$(value s.nb t3.total.person)" 0 "blanking cells recomputes the total"
is "$(value s.nb t3.total.total)" 1 "blanking cells recomputes the grand total"
run set s.nb t3.partial.person= t3.none1.biz=
is "$(value s.nb t3.total.person)" "" "a total of blanks is blank, not 0"
is "$(value s.nb t3.total.total)" "" "a grand total of blanks is blank"
run set s.nb t2.reg.made=/ t2.reg.repealed=／ t2.fee.amount=41.26
exit_is 1 "set / (not applicable) and money (saved; S1 still broken)"
run get s.nb t2.reg.made t2.reg.repealed t2.fee.amount
is "$(cut -f4 "$TMP/out" | tr '\n' ' ')" "/ / 41.26 " "get prints / for not applicable, money exactly"

# every invalid value refuses the whole command: file byte-identical, no backup
cp r2025.nb bad.nb
cp bad.nb bad.orig
for a in t3.new.person=abc t3.new.person=1.5 t3.new.person=-1 t3.new.person=１．５ t3.new.person=1e3 \
    t3.new.person=12,34 t3.new.person=增5 t3.no.such=1 t3.new.total=5 t3.total.person=5 \
    t4.cases.rv_total=1 t2.fee.amount=1.2345678 t2.fee.amount=-0.5 t2.fee.amount=5元 \
    nosuch=1 year=twenty auto_totals=maybe "t3.new.person=$(printf '\377')" \
    "agency=$(printf '\377')" "s5.body=$(printf 'a\377')"; do
	run set bad.nb t3.new.person=5 t3.new.biz=2 "$a" t3.new.misc=1
	exit_is 2 "set refuses $a"
	same bad.nb bad.orig "after a refused $a the file is byte-identical"
	absent bad.nb~ "a refused $a creates no backup"
	lacks "$TMP/out" "t3" "nothing on stdout for a refused $a"
done
contains "$TMP/err" "nothing was changed" "set says that nothing was changed"
only_files "a refused set leaves no temporary files" bad.nb bad.orig forced.nb named.nb \
    r2019.nb r2020.nb r2021.nb r2025.nb s.nb s.nb~
# ... and an existing backup is not replaced by a refused set either
run set bad.nb t3.new.person=4
cp bad.nb~ bak.before
run set bad.nb t3.new.person=9 t3.new.total=9
exit_is 2 "set refuses a derived total"
same bad.nb~ bak.before "a refused set leaves the existing backup alone"
is "$(value bad.nb t3.new.person)" 4 "a refused set leaves the value alone"
# a total may be typed once auto totals are off (in the same command)
run set bad.nb auto_totals=no t3.new.total=9
exit_is 1 "auto_totals=no, then a total (saved; a rule broken)"
is "$(value bad.nb t3.new.total)" 9 "the typed total is kept"
contains bad.nb "auto_totals = no" "auto_totals=no is saved"
run set bad.nb auto_totals=yes
is "$(value bad.nb t3.new.total)" 4 "auto_totals=yes recomputes the totals"
rm -f bad.nb bad.nb~ bad.orig bak.before

# 2019: signed 本年增/减 and money with or without a unit
cp r2020.nb c.nb
run set c.nb t2.fee.change=增2 t2.permit.change=减3 t2.penalty.change=-1 t2.force.change=0 \
    t2.purchase.amount=172425
exit_is 0 "set signed changes (增/减) and a money amount without unit"
run get c.nb t2.fee.change t2.permit.change t2.penalty.change t2.force.change t2.purchase.amount
is "$(cut -f4 "$TMP/out" | tr '\n' ' ')" "+2 -3 -1 0 172425 " "changes are signed, money has no invented unit"
run set c.nb t2.purchase.amount=251000元
exit_is 0 "money with the unit 元"
is "$(value c.nb t2.purchase.amount)" 251000元 "the unit 元 is kept"
# 640.492万元 is how real 2019/2020 reports write 采购总金额 (FORMAT-SPEC 4.1)
run set c.nb t2.purchase.amount=640.492万元
exit_is 0 "money with the unit 万元 (as in real 2019/2020 reports)"
is "$(value c.nb t2.purchase.amount)" 640.492万元 "the unit 万元 is kept"
# the 2021 fee column is in 万元: typing the unit must be accepted
run set r2021.nb t2.fee.amount=5万元
exit_is 0 "the 万元 column accepts a value typed with 万元"
is "$(value r2021.nb t2.fee.amount)" 5 "the fixed unit is not stored with the value"
# counts are limited to 15 digits; whatever is accepted must total correctly
cp r2025.nb big.nb
run set big.nb t3.new.person=999999999999999
if [ "$rc" -eq 2 ]; then ok "a 15-digit count is refused or totals correctly"
else is "$(value big.nb t3.new.total)" 999999999999999 "a 15-digit count is refused or totals correctly"; fi
rm -f big.nb big.nb~

# ---------------------------------------------------------------- check
cp r2025.nb good.nb
run set good.nb t3.new.person=3 t3.open.person=2 t3.next.person=1
cp r2025.nb broken.nb
run set broken.nb t3.new.person=3 t3.open.person=2
run check good.nb
exit_is 0 "check a consistent report"
run check broken.nb
exit_is 1 "check a report that breaks S1"
contains "$TMP/out" "broken.nb: error S1:" "the finding names the file and the rule"
contains "$TMP/out" "自然人" "the finding names the column"
contains "$TMP/out" "(3)" "the finding shows the left side"
contains "$TMP/out" "(2)" "the finding shows the right side"
contains "$TMP/out" "“四、结转下年度继续办理／申请人情况／自然人” should be 1" \
    "the finding names the cell to fix and its expected value"
contains "$TMP/out" "2 errors, 3 warnings" "the summary counts the errors (and the three unwritten sections)"
run check good.nb broken.nb
exit_is 1 "check several files, one with errors"
run check good.nb broken.nb missing.nb
exit_is 2 "check several files, one unreadable"
contains "$TMP/err" "missing.nb" "the unreadable file is named"
contains "$TMP/out" "broken.nb: error S1" "the other files are still checked"
run check missing.nb good.nb
exit_is 2 "an unreadable file first still gives 2"
run good.nb
exit_is 0 "nianbao FILE checks FILE"
run broken.nb
exit_is 1 "nianbao FILE exits 1 on findings"

run check --json good.nb broken.nb missing.nb
exit_is 2 "check --json with an unreadable file"
json_ok "$TMP/out" "check --json prints valid JSON"
for k in '"file": "good.nb"' '"file": "broken.nb"' '"file": "missing.nb"' '"diagnostics": [' \
    '"rule": "S1"' '"severity": "error"' '"cells": ["t3.new.person", "t3.carried.person", "t3.total.person", "t3.next.person"]' \
    '"cell": "t3.next.person"' '"expected": 1' '"actual": null' '"message": "' '"errors": 2' '"error": "'; do
	contains "$TMP/out" "$k" "check --json has $k"
done
run check --json good.nb
exit_is 0 "check --json of a good report"
json_ok "$TMP/out" "valid JSON without findings"
lacks "$TMP/out" '"severity": "error"' "no error"
is "$(grep -o '"rule": "[^"]*"' "$TMP/out" | sort -u)" '"rule": "require.nonempty"' "only the unwritten sections are warned about"
cp good.nb 'we"ird\name.nb'
run check --json 'we"ird\name.nb'
json_ok "$TMP/out" "a file name with quote and backslash is escaped in JSON"
rm -f 'we"ird\name.nb'
cp r2025.nb neg.nb
printf '[report]\ntemplate = gov-2021\nformat = 1\nyear = 2025\n[cells]\nt3.new.biz = -2\n[end]\n' >neg.nb
run check --json neg.nb
exit_is 1 "a negative count in a file is an error"
json_ok "$TMP/out" "valid JSON for a domain error"
contains "$TMP/out" '"rule": "I4", "severity": "error", "cells": ["t3.new.biz"]' "I4 names the negative cell"

# A fix value below 0 is no fix for a count: the human output leaves it out
# ("A negative count cannot be the fix" in rules.c); --json must not propose it
# either.  Here 自然人: 一 5 = （七）总计 95 + 四 ?, so 四 "should be" -90.
printf '[report]\ntemplate = gov-2021\nformat = 1\nyear = 2025\nauto_totals = no\n[cells]\nt3.new.person = 5\nt3.total.person = 95\n[end]\n' >neg2.nb
run check neg2.nb
exit_is 1 "check a report whose S1 fix would be negative"
lacks "$TMP/out" "should be -" "human output proposes no negative count"
run check --json neg2.nb
json_ok "$TMP/out" "valid JSON"
lacks "$TMP/out" '"expected": -' "JSON proposes no negative count as the expected value"
rm -f neg.nb neg2.nb

# ---------------------------------------------------------------- the planted errors
# A 2021 report typed with auto totals off: 自然人 （七）总计 = 95 while the
# result rows of that column add up to 93, and the 未经复议直接起诉 总计 = 6
# while its four cells add up to 5.  Every row total is right, so the
# 总计 column's （七）总计 (95) is also 2 more than its result rows (93).
run new --year 2025 --agency 示例县测试局 planted.nb
run set planted.nb auto_totals=no \
    t3.new.person=95 t3.new.total=95 t3.carried.person=0 t3.carried.total=0 \
    t3.open.person=60 t3.open.total=60 t3.partial.person=20 t3.partial.total=20 \
    t3.none1.person=8 t3.none1.total=8 t3.skip2.person=5 t3.skip2.total=5 \
    t3.total.person=95 t3.total.total=95 t3.next.person=0 t3.next.total=0 \
    t4.cases.ld_keep=2 t4.cases.ld_fix=1 t4.cases.ld_other=1 t4.cases.ld_pending=1 t4.cases.ld_total=6
exit_is 1 "the planted report is typed with auto totals off (its planted errors: exit 1)"
is "$(value planted.nb t3.total.person)" 95 "the typed total 95 is kept"
run check planted.nb
exit_is 1 "check finds the planted errors"
grep "error I2" "$TMP/out" | grep -e '"自然人"' -e '“自然人”' >"$TMP/line"
contains "$TMP/line" "(95)" "I2 自然人: the typed total"
contains "$TMP/line" "(93)" "I2 自然人: the sum of the result rows"
contains "$TMP/line" "“三、本年度办理结果／（七）总计／申请人情况／自然人” should be 93" "I2 自然人: expected 93"
grep "error I3" "$TMP/out" >"$TMP/line"
contains "$TMP/line" "未经复议直接起诉" "I3 names the group"
contains "$TMP/line" "(6)" "I3: the typed total"
contains "$TMP/line" "“行政诉讼／未经复议直接起诉／总计” should be 5" "I3: expected 5"
contains "$TMP/out" "3 errors, 3 warnings" "exactly three errors (the warnings: its three unwritten sections)"
run check --json planted.nb
json_ok "$TMP/out" "planted: valid JSON"
sed -n 's/.*"rule": "\([^"]*\)".*"cell": "\([^"]*\)", "expected": \([^,]*\), "actual": \([^,]*\),.*/\1 \2 \3 \4/p' \
    "$TMP/out" >"$TMP/found"
is "$(cat "$TMP/found")" "I2 t3.total.person 93 95
I2 t3.total.total 93 95
I3 t4.cases.ld_total 5 6" "planted: exactly I2 自然人, I2 总计 (93) and I3 (5)"

# ---------------------------------------------------------------- malformed files
# bad LINE DESCRIPTION: check of m.nb must exit 2 and say m.nb:LINE:
bad() {
	run check m.nb
	exit_is 2 "malformed: $2"
	contains "$TMP/err" "m.nb:$1: " "malformed: $2 is reported at m.nb:$1"
}
H='[report]
template = gov-2021
format = 1
year = 2025'
printf '%s\n[cells]\nt3.new.person = abc\n[end]\n' "$H" >m.nb; bad 6 "a letter in a cell"
printf '%s\n[cells]\nt3.new.persn = 1\n[end]\n' "$H" >m.nb; bad 6 "an unknown cell"
printf '%s\n[cells]\n  t3.new.person = 1\n[end]\n' "$H" >m.nb; bad 6 "a line starting with spaces"
printf '%s\n[cells]\nt3.new.person = 1\nt3.new.person = 2\n[end]\n' "$H" >m.nb; bad 7 "a cell given twice"
printf '%s\n[bogus]\n[end]\n' "$H" >m.nb; bad 5 "an unknown section"
printf '%s\n[cells\n[end]\n' "$H" >m.nb; bad 5 "a section without ]"
printf '%s\njunk\n[end]\n' "$H" >m.nb; bad 5 "a line that is no key"
printf '%s\n[text s5.body]\nline = no bars\n[end]\n' "$H" >m.nb; bad 6 "text without bars"
printf '%s\n[text s5.body]\nline = |%%4|\n[end]\n' "$H" >m.nb; bad 6 "a bad %-escape"
printf '%s\n[text s5.body]\nline = |a%%00b|\n[end]\n' "$H" >m.nb; bad 6 "a NUL escape"
printf '%s\n[text s5.body]\nmore = |x|\n[end]\n' "$H" >m.nb; bad 6 "more before line"
printf '%s\n[text s9.body]\nline = |x|\n[end]\n' "$H" >m.nb; bad 5 "an unknown text part"
printf '%s\n[cells]\nt3.new.person = \377\n[end]\n' "$H" >m.nb; bad 6 "invalid UTF-8 (a GBK file)"
printf '%s\n[end]\n[cells]\n' "$H" >m.nb; bad 6 "something after [end]"
printf '[report]\ntemplate = gov-1999\nformat = 1\nyear = 2025\n[end]\n' >m.nb; bad 2 "an unknown template"
is "$(wc -l <"$TMP/err" | tr -d ' ')" 1 "an unknown template is one problem (no follow-up errors about the keys after it)"
printf '[report]\ntemplate = gov-2021\nformat = 7\nyear = 2025\n[end]\n' >m.nb; bad 3 "a future file format"
printf '[report]\ntemplate = gov-2021\nformat = 1\nyear = 2025\nyear = 2026\n[end]\n' >m.nb; bad 5 "a key given twice"
printf '[report]\ntemplate = gov-2021\nformat = 1\nyear = MMXXV\n[end]\n' >m.nb; bad 4 "a bad year"
printf '%s\n[cells]\nt3.new.person = %0300d\n[end]\n' "$H" 1 >m.nb; bad 6 "an over-long line"
# %XX escapes can spell invalid UTF-8 too; the place must still be named
printf '%s\n[text s5.body]\nline = |%%FF|\n[end]\n' "$H" >m.nb; bad 6 "an escape that is not UTF-8 (text)"
printf '%s\nagency = |%%FF|\n[end]\n' "$H" >m.nb; bad 5 "an escape that is not UTF-8 (agency)"
printf '%s\n[cells]\nt3.new.person = 1\n' "$H" >m.nb
run check m.nb
exit_is 2 "a file without [end] (cut off)"
contains "$TMP/err" "m.nb: " "the cut-off file is named"
: >m.nb
run check m.nb
exit_is 2 "an empty file"
run check "$TMP"
exit_is 2 "a directory"
cp m.nb m.orig
run set m.nb t3.new.person=1
exit_is 2 "set refuses a malformed file"
same m.nb m.orig "set leaves a malformed file alone"
rm -f m.nb m.orig

# ---------------------------------------------------------------- texts
# Texts with ';' and '#' (libinih comments), leading and trailing spaces (inih
# strips them), '%' and '|' (the codec's own characters), tabs and newlines
# must read back byte for byte.
txt=$(printf '  开头有空格; 分号 #井号 %%百分号 |竖线|\n第二行\t制表符 ;\n\n  第四行；全角分号 |')
cp r2025.nb t.nb
run set t.nb "preface=$txt" "s5.body=#只有井号" "s6.body=;" "agency= 局 ;x" "contact=电话：0000-123#4"
exit_is 0 "set texts with special characters"
run check t.nb
exit_is 0 "the file with these texts loads"
decode() { report_text "$1" "$2"; }
printf '%s' "$txt" >want.txt
decode preface t.nb >got.txt
same got.txt want.txt "the preface is stored byte for byte"
is "$(decode s5.body t.nb)" "#只有井号" "a text starting with # is stored"
is "$(decode s6.body t.nb)" ";" "a text that is only ; is stored"
lacks t.nb "; 分号" "no raw ';' that libinih would take for a comment"
cp t.nb t.first
run set t.nb "agency= 局 ;x"
exit_is 0 "save again"
same t.nb t.first "saving the same content again is byte-identical"
run set t.nb "agency= 局 ;x"
same t.nb t.first "and once more"
# long text: split over several lines, none longer than libinih's limit
long=$(awk 'BEGIN { for (i = 0; i < 200; i++) printf "政府信息公开;%%#"; }')
run set t.nb "s1.intro=$long"
exit_is 0 "set a long text"
is "$(LC_ALL=C awk 'length($0) + 1 > 199' t.nb | wc -l | tr -d ' ')" 0 "no line of the file exceeds 199 bytes"
is "$(decode s1.intro t.nb)" "$long" "the long text reads back"
cp t.nb t.first
run set t.nb agency=X
run set t.nb "agency= 局 ;x"
run set t.nb "agency= 局 ;x"
same t.nb t.first "changing a field and back gives the same bytes"
# metadata longer than one line is continued on agency+ lines
lagency=$(awk 'BEGIN { for (i = 0; i < 100; i++) printf "局;"; }')
run set t.nb "agency=$lagency"
exit_is 0 "set a long agency name"
is "$(grep -c '^agency+ = ' t.nb)" 3 "a long agency name is continued on agency+ lines"
run check t.nb
contains "$TMP/out" "t.nb: $lagency 2025: 0 errors" "a long agency name reads back"
rm -f t.nb t.nb~ t.first want.txt got.txt

done_testing
