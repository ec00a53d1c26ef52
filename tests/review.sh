#!/bin/sh
# review.sh - the review of the words through `nianbao check --json`: a planted
# corpus per format (right numbers, wrong numbers, ambiguous phrasings, numbers
# about other things, sentences that contradict the tables, slips of the text)
# gives exactly its expected findings; the demo reports give none; last year's
# copy is found with --previous.
. "$TOP_SRCDIR/tests/e2e-lib.sh"
cd "$TMP" || exit 1
plan 47

json_ok() {
	if python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$1" 2>/dev/null; then ok "$2"; else not_ok "$2"; fi
}

# "RULE PART START-END" for each finding of a check --json output.
found() {
	python3 -c '
import json, sys
for f in json.load(open(sys.argv[1]))[0]["diagnostics"]:
    print("%s %s %s-%s" % (f["rule"], f.get("part"), f.get("start"), f.get("end")))' "$1"
}

for y in 2021 2019; do
	cp "$TOP_SRCDIR/tests/review/planted-$y.nb" .
	run check --json "planted-$y.nb"
	is "$rc" 0 "planted $y: warnings only (exit 0)"
	json_ok "$TMP/out" "planted $y: valid JSON"
	is "$(found "$TMP/out")" "$(sed 's/ *#.*//; /^$/d' "$TOP_SRCDIR/tests/review/expected-$y.txt")" \
	    "planted $y: every planted finding, and nothing on the right sentences"
	contains "$TMP/out" '"expected": 21, "actual": 25' "planted $y: the table's 21 and the text's 二十五 as numbers"
	run check "planted-$y.nb"
	contains "$TMP/out" '全年新收政府信息公开申请二十五件' "planted $y: the message quotes the sentence"
done

for d in demo-2025 demo-2020; do
	run check "$TOP_SRCDIR/examples/$d.nb"
	contains "$TMP/out" "0 errors, 0 warnings" "$d: nothing to say about its words"
done

# Last year's copy: the same text a year later is found, part by part, with
# its longest passage; a report compared with itself rewritten is not.
cp planted-2021.nb last.nb
sed -i 's/^year = 2025$/year = 2024/' last.nb
run check --previous last.nb planted-2021.nb
contains "$TMP/out" "warning copy: 五、存在的主要问题及改进情况: 100% of it is in last year's report" \
    "a part kept from last year is a copy, with its share"
contains "$TMP/out" "the longest passage copied: \"2024年度报告中提出的问题已整改" "and the longest passage"
"$NIANBAO" set last.nb "s5.body=本年度共有三方面问题需要改进，一是栏目更新慢，二是解读形式少，三是答复文书不规范。" >/dev/null 2>&1
run check --previous last.nb planted-2021.nb
lacks "$TMP/out" "warning copy: 五" "a rewritten part is not"
# last year's 五 is this year's without its last sentence: most of it, not all
cp planted-2021.nb same.nb
sed -i 's/^year = 2025$/year = 2024/' same.nb
"$NIANBAO" set same.nb "s5.body=2024年度报告中提出的问题已整改。与上年相比，申请量增加3件。我们的的工作仍有不足。进一步进一步加强培训。" >/dev/null 2>&1
run check --previous same.nb planted-2021.nb
contains "$TMP/out" "warning copy: 五" "most of a part kept is a copy at the template's 50 %"
mkdir -p cfg/nianbao
printf '[review]\ncopy_threshold = 100\n' >cfg/nianbao/config.ini
XDG_CONFIG_HOME=$TMP/cfg
export XDG_CONFIG_HOME
run check --previous same.nb planted-2021.nb
lacks "$TMP/out" "warning copy: 五" "copy_threshold = 100 in the preferences: only all of it is"
printf '[review]\ncopy_threshold = 101\n' >cfg/nianbao/config.ini
run check planted-2021.nb
contains "$TMP/err" "copy_threshold must be 1 to 100" "a bad threshold in the preferences is named"

# Acknowledging a warning: kept in the file, listed apart, not counted; an
# edit of its sentence reopens it.
unset XDG_CONFIG_HOME
cp "$TOP_SRCDIR/tests/review/planted-2021.nb" ack.nb
run check --json ack.nb
id=$(python3 -c '
import json, sys
print([f["id"] for f in json.load(open(sys.argv[1]))[0]["diagnostics"] if f["rule"] == "fact.new"][0])' "$TMP/out")
run ack ack.nb "$id" "含补正后重新提交的申请"
is "$rc" 0 "ack FILE FINDING REASON exits 0"
grep -q '^acks = |fact.new@s1.intro%23' ack.nb && ok "the acknowledgement is kept in the report file" || not_ok "the acknowledgement is kept in the report file"
run check ack.nb
contains "$TMP/out" "0 errors, 19 warnings" "an acknowledged warning is not counted"
contains "$TMP/out" "acknowledged fact.new: " "it is listed apart"
contains "$TMP/out" "(含补正后重新提交的申请)" "with its reason"
run check --json ack.nb
contains "$TMP/out" '"reason": "含补正后重新提交的申请"' "--json lists it under acknowledged, with its reason"
run ack ack.nb fact.nosuch@s1.intro#0 "x"
is "$rc" 2 "an unknown FINDING is refused (exit 2)"
"$NIANBAO" set ack.nb "s1.intro=2025年，本局全年新收政府信息公开申请21件。全年新收政府信息公开申请二十六件。" >/dev/null 2>&1
run check ack.nb
lacks "$TMP/out" "acknowledged fact.new" "editing its sentence reopens it"

# An imported page records its agency's kind: the one given, else the one its
# name suggests, saying so; a kind the format does not know is refused.
"$NIANBAO" export -t text -o page.txt "$TOP_SRCDIR/examples/demo-2025.nb" >/dev/null 2>&1
run import -o page.nb page.txt
contains "$TMP/err" "agency kind 部门, guessed from the name \"示例县自然资源局\"" "import says which kind it guessed"
grep -q '^kind = |部门|$' page.nb && ok "and records it in the report file" || not_ok "and records it in the report file"
run import --force --kind 人民政府 -o page.nb page.txt
grep -q '^kind = |人民政府|$' page.nb && ok "import --kind records the kind given" || not_ok "import --kind records the kind given"
lacks "$TMP/err" "guessed" "a kind given is not called a guess"
rm -f bad.nb
run import --kind 外星机关 -o bad.nb page.txt
is "$rc" 2 "an unknown kind is refused (exit 2)"
contains "$TMP/err" "knows no agency kind \"外星机关\" (it knows: 人民政府 部门" "naming the kinds the format knows"
[ ! -e bad.nb ] && ok "and nothing is written" || not_ok "and nothing is written"

# A warning that rests on a guessed kind says how to record the kind, and
# the command it gives, FILE and KIND filled in, does it.
cp "$TOP_SRCDIR/examples/demo-2025.nb" gov.nb
"$NIANBAO" set gov.nb "agency=示例县人民政府" >/dev/null 2>&1
run check gov.nb
contains "$TMP/out" "is guessed from its name" "a government's warning says its kind was guessed"
cmd=$(sed -n 's/.*is guessed from its name[^`]*`\([^`]*\)`.*/\1/p' "$TMP/out" | head -n 1)
case $cmd in
"nianbao set FILE "*KIND*) ok "it gives a set command with FILE and KIND: $cmd" ;;
*) not_ok "it gives a set command with FILE and KIND"; diag "got: $cmd" ;;
esac
cmd=$(printf '%s' "$cmd" | sed 's/^nianbao //; s/FILE/gov.nb/; s/KIND/人民政府/')
# shellcheck disable=SC2086 # the command as the message words it
run $cmd
is "$rc" 0 "that command, FILE and KIND filled in, is accepted"
grep -q '^kind = |人民政府|$' gov.nb && ok "and records the kind" || not_ok "and records the kind"
run check gov.nb
lacks "$TMP/out" "is guessed from its name" "the warning no longer calls the kind a guess"

# A warning of the tables' rules (here the cross-year X1) is acknowledged the
# same way: by its id in --json; a change of the values it reads reopens it.
cp "$TOP_SRCDIR/examples/demo-2025.nb" this.nb
sed 's/^year = 2025$/year = 2024/; s/^t3\.next\.biz = .*/t3.next.biz = 0/' this.nb >prev.nb
run check --json --previous prev.nb this.nb
xid=$(python3 -c '
import json, sys
print([f["id"] for f in json.load(open(sys.argv[1]))[0]["diagnostics"] if f["rule"] == "X1" and f["cell"] == "t3.carried.biz"][0])' "$TMP/out" 2>/dev/null)
case $xid in X1@t3.carried.biz#*) ok "a rule's warning has an id in --json" ;; *) not_ok "a rule's warning has an id in --json"; diag "id: $xid" ;; esac
run check --previous prev.nb this.nb
before=$(sed -n 's/.*0 errors, \([0-9]*\) warnings$/\1/p' "$TMP/out")
run ack --previous prev.nb this.nb "$xid" "上年报告结转数填报有误，本年已更正"
is "$rc" 0 "ack --previous acknowledges a cross-year warning"
run check --previous prev.nb this.nb
contains "$TMP/out" "0 errors, $((before - 1)) warnings" "it is not counted"
contains "$TMP/out" "acknowledged X1: Column" "it is listed apart, with its reason"
"$NIANBAO" set this.nb t3.carried.biz=2 t3.new.biz=4 >/dev/null 2>&1
run check --previous prev.nb this.nb
lacks "$TMP/out" "acknowledged X1" "changing the values it reads reopens it"
run ack this.nb "$xid" "x"
is "$rc" 2 "without last year's report, no cross-year warning to acknowledge (exit 2)"

# A number kept from last year's text is named as last year's figure; a
# quoted sentence shows its linked numbers as their values, never {=new}.
cp "$TOP_SRCDIR/examples/demo-2025.nb" kept.nb
sed 's/^year = 2025$/year = 2024/' kept.nb >kept-last.nb
"$NIANBAO" set kept-last.nb t3.new.person=29 >/dev/null 2>&1	# 37 new requests last year
"$NIANBAO" set kept.nb "s1.request=全年新收政府信息公开申请37件。" >/dev/null 2>&1
run check --previous kept-last.nb kept.nb
contains "$TMP/out" "gives 本年新收申请数 as 37, which is last year's figure: the tables say 44 this year" \
    "a number that is last year's figure is named as such"
"$NIANBAO" set kept.nb "s1.request=全年新收政府信息公开申请{=new}件，办结申请99件。" >/dev/null 2>&1
run check kept.nb
contains "$TMP/out" '"全年新收政府信息公开申请44件，办结申请99件。" gives 本年办结申请数 as 99' \
    "a quoted sentence shows a linked number as its value"
lacks "$TMP/out" "{=new}" "and never the notation"
