# demo.sh - the shipped demo report (examples/demo-2025.nb, an imaginary
# county bureau) must be complete, consistent and in canonical form.

. "$TOP_SRCDIR/tests/e2e-lib.sh"

DEMO=$TOP_SRCDIR/examples/demo-2025.nb
mkdir "$TMP/w" && cd "$TMP/w" || exit 99

# value CELL: the value of one cell of the demo
value() { "$NIANBAO" get "$DEMO" "$1" | cut -f4; }

text() { report_text "$1" "$DEMO"; }

run check "$DEMO"
is "$rc" 0 "the demo passes check"
contains "$TMP/out" ": 0 errors, 0 warnings" "the demo has 0 errors and 0 warnings"
run check --json "$DEMO"
if python3 -c 'import json,sys; json.load(sys.stdin)' <"$TMP/out"; then ok "check --json is valid JSON"; else not_ok "check --json is valid JSON"; fi
contains "$TMP/out" '"errors": 0, "warnings": 0, "diagnostics": []' "no diagnostics in JSON"
contains "$TMP/out" '"template": "gov-2021"' "the demo uses the 2021 format"
contains "$TMP/out" '"year": 2025' "the demo is a 2025 report"
contains "$DEMO" "auto_totals = yes" "the demo's totals are computed by nianbao"

# every cell filled; "/" only where a county bureau has no power (规章)
"$NIANBAO" get "$DEMO" >cells
is "$(wc -l <cells | tr -d ' ')" 200 "get lists the 200 cells"
is "$(awk -F'\t' '$4 == ""' cells | cut -f1)" "" "no cell is blank"
is "$(awk -F'\t' '$4 == "/"' cells | cut -f1 | tr '\n' ' ')" "t2.reg.made t2.reg.repealed t2.reg.valid " \
    "only the 规章 row is not applicable"
is "$(awk -F'\t' '$1 ~ /^t3\./ && $4 != "0"' cells | wc -l | tr -d ' ')" 42 \
    "table 三 is not all zeros (42 non-zero cells)"
is "$(awk -F'\t' '$1 ~ /^t4\./ && $4 != "0"' cells | wc -l | tr -d ' ')" 9 "table 四 has a few cases (9 non-zero cells)"

# every text part of the template has text
tpl=$NIANBAO_TEMPLATE_PATH/gov-2021.ini
[ -r "$tpl" ] || tpl=$TOP_SRCDIR/templates/gov-2021.ini
parts=$(sed -n 's/^\[part \([^]]*\)\]$/\1/p' "$tpl")
is "$(echo $parts)" "preface s1.intro s1.active s1.request s1.manage s1.platform s1.oversight s5.body s6.body" \
    "the template's text parts"
for p in $parts; do
	n=$(text "$p" | wc -m | tr -d ' ')
	if [ "$n" -ge 100 ]; then ok "text $p is written ($n characters)"
	else not_ok "text $p is written"; diag "only $n characters"; fi
done
for k in agency date contact; do
	if grep -q "^$k = |..*|$" "$DEMO"; then ok "$k is filled"; else not_ok "$k is filled"; fi
done
contains "$DEMO" "agency = |示例县自然资源局|" "the agency is the imaginary 示例县自然资源局"
text preface >preface
contains preface "均为虚构" "the preface says that the report is fictional"

# the figures quoted in the texts are the figures of the tables
text s1.intro >intro
text s1.active >active
text s1.request >request
text s1.manage >manage
text s5.body >s5
contains intro "新收政府信息公开申请$(value t3.new.total)件" "intro: new requests = 表三 一、总计"
contains intro "上年结转$(value t3.carried.total)件" "intro: carried over = 表三 二、总计"
contains intro "全年办结$(value t3.total.total)件" "intro: concluded = 表三 （七）总计"
contains intro "结转下年度继续办理$(value t3.next.total)件" "intro: carried to next year = 表三 四、总计"
contains intro "行政复议$(value t4.cases.rv_total)件" "intro: reconsiderations = 表四 行政复议 总计"
contains intro "行政诉讼$(( $(value t4.cases.ld_total) + $(value t4.cases.la_total) ))件" \
    "intro: lawsuits = 表四 both 行政诉讼 totals"
contains request "自然人申请$(value t3.new.person)件" "request: by natural persons"
contains request "商业企业申请$(value t3.new.biz)件" "request: by companies"
contains request "法律服务机构申请$(value t3.new.law)件" "request: by legal service firms"
contains request "其他组织申请$(value t3.new.misc)件" "request: by other organisations"
contains request "予以公开$(value t3.open.total)件" "request: disclosed"
contains request "部分公开$(value t3.partial.total)件" "request: partly disclosed"
deny=0
for r in deny1 deny2 deny3 deny4 deny5 deny6 deny7 deny8; do deny=$((deny + $(value t3.$r.total))); done
contains request "不予公开${deny}件" "request: withheld = Σ（三）"
none=$(( $(value t3.none1.total) + $(value t3.none2.total) + $(value t3.none3.total) ))
contains request "无法提供${none}件" "request: cannot be provided = Σ（四）"
contains s5 "全年${none}件" "problems: the same Σ（四）"
skip=0
for r in skip1 skip2 skip3 skip4 skip5; do skip=$((skip + $(value t3.$r.total))); done
contains request "不予处理${skip}件" "request: not handled = Σ（五）"
other=$(( $(value t3.other1.total) + $(value t3.other2.total) + $(value t3.other3.total) ))
contains request "其他处理${other}件" "request: other = Σ（六）"
contains request "另有$(value t3.next.total)件" "request: carried to next year"
contains active "制发行政规范性文件$(value t2.norm.made)件、废止$(value t2.norm.repealed)件" "active: 行政规范性文件 issued and repealed"
contains active "行政规范性文件$(value t2.norm.valid)件" "active: 行政规范性文件 in force"
contains manage "现行有效的行政规范性文件为$(value t2.norm.valid)件" "manage: 行政规范性文件 in force"
contains active "行政许可决定$(value t2.permit.decisions)件" "active: 行政许可"
contains active "行政处罚决定$(value t2.penalty.decisions)件" "active: 行政处罚"
contains active "行政强制决定$(value t2.force.decisions)件" "active: 行政强制"
contains active "$(value t2.fee.amount)万元" "active: 行政事业性收费"
contains s5 "有$(value t4.cases.rv_fix)件答复被依法纠正" "problems: the corrected reconsideration"

# canonical form: saving it again changes no byte
cp "$DEMO" copy.nb
agency=$(sed -n 's/^agency = |\(.*\)|$/\1/p' "$DEMO")
run set copy.nb "agency=$agency"
is "$rc" 0 "the demo can be saved"
if cmp -s copy.nb "$DEMO"; then ok "saving the demo again is byte-identical"
else not_ok "saving the demo again is byte-identical"; diff "$DEMO" copy.nb | sed 's/^/#   /'; fi

done_testing
