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

# ================================================================ synthetic copies
# A browser's copy of a 2021-format page: one table row a line, cells
# separated by tabs.  t2_rows NORM FEE: table 二 with the 行政规范性文件 row
# (label and entries, ~ for a tab) and the 收费金额 given; t3_rows and t4_rows:
# tables 三 and 四 with every cell 0.
"$NIANBAO" new --year 2024 --agency x blank21.nb 2>/dev/null
t2_rows() {
	sed "s/~/$TAB/g" <<T2
第二十条第（一）项
信息内容~本年制发件数~本年废止件数~现行有效件数
规章~0~0~0
${1:-行政规范性文件~3~1~12}
第二十条第（五）项
信息内容~本年处理决定数量
行政许可~8412
第二十条第（六）项
信息内容~本年处理决定数量
行政处罚~1730
行政强制~5
第二十条第（八）项
信息内容~本年收费金额（单位：万元）
行政事业性收费~${2:-13587.204391}
T2
}
t3_rows() {
	printf '%s\n' "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）${TAB}申请人情况" \
		"自然人${TAB}法人或其他组织${TAB}总计" "商业企业${TAB}科研机构${TAB}社会公益组织${TAB}法律服务机构${TAB}其他"
	"$NIANBAO" get blank21.nb | awk -F'\t' '$1 ~ /^t3\./ && $1 ~ /\.person$/ {
		n = split($2, p, "／"); printf "%s\t0\t0\t0\t0\t0\t0\t0\n", p[n] }'
}
t4_rows() {
	printf '%s\n' "行政复议${TAB}行政诉讼" \
		"结果维持${TAB}结果纠正${TAB}其他结果${TAB}尚未审结${TAB}总计${TAB}未经复议直接起诉${TAB}复议后起诉" \
		"结果维持${TAB}结果纠正${TAB}其他结果${TAB}尚未审结${TAB}总计${TAB}结果维持${TAB}结果纠正${TAB}其他结果${TAB}尚未审结${TAB}总计"
	printf '0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n'
}
# copy21 TITLE NORM FEE: a whole copy, with the title and table 二 given
copy21() {
	printf '%s\n' "$1" "一、总体情况" "总体情况段落。" "二、主动公开政府信息情况"
	t2_rows "$2" "$3"
	echo "三、收到和处理政府信息公开申请情况"
	t3_rows
	echo "四、政府信息公开行政复议、行政诉讼情况"
	t4_rows
	printf '%s\n' "五、存在的主要问题及改进情况" "问题段落。" "六、其他需要报告的事项" "其他段落。" "2025年1月20日"
}
T2OK="t2.reg.made	0
t2.reg.repealed	0
t2.reg.valid	0
t2.norm.made	3
t2.norm.repealed	1
t2.norm.valid	12
t2.permit.decisions	8412
t2.penalty.decisions	1730
t2.force.decisions	5
t2.fee.amount	13587.204391"
TITLE=某某县测试局2024年政府信息公开工作年度报告

# --- an amount in 万元 to the fen
copy21 "$TITLE" >fen.txt
run import fen.txt
is "$rc" 0 "a copy with 13587.204391 万元: import exits 0"
same "$(cells fen.nb t2.)" "$T2OK" "every cell of 表二 in its place, the amount with its six decimals"
is "$(value fen.nb t2.fee.amount)" 13587.204391 "13587.204391 万元 kept exactly"
run check fen.nb
is "$rc" 0 "and the copy checks clean (exit 0)"

# --- a number with a remark in brackets
copy21 "$TITLE" "行政规范性文件~18（其中修订9件）~1~40（含自然失效12件）" >remark.txt
run import remark.txt
is "$rc" 0 "remarks in cells: import exits 0"
is "$(value remark.nb t2.norm.made)|$(value remark.nb t2.norm.repealed)|$(value remark.nb t2.norm.valid)" "18|1|40" \
	"18（其中修订9件） and 40（含自然失效12件）: the leading numbers are imported"
contains "$TMP/err" 'remark.txt:8: left out: "（其中修订9件）"' "the first remark is listed as left out, with its line"
contains "$TMP/err" 'remark.txt:8: left out: "（含自然失效12件）"' "the second remark too"
lacks "$TMP/err" "not a number" "and no cell is refused"

# --- titles that begin with the year (no signature line: the title alone names the agency)
for t in "2019年某某市人民政府办公厅政府信息公开工作年度报告|某某市人民政府办公厅|2019" \
    "2024年某某市科委政府信息公开工作年度报告|某某市科委|2024" \
    "2020年度某某区公安分局政府信息公开工作年度报告|某某区公安分局|2020" \
    "某某县测试局2020年度政府信息公开工作年度报告|某某县测试局|2020"; do
	title=${t%%|*} want=${t#*|}
	copy21 "$title" >title.txt
	rm -f title.nb
	run import title.txt
	is "$(meta title.nb agency)|$(meta title.nb year)" "$want" "title \"$title\": agency and year"
done

# --- a label variant the template lists as an alias
copy21 "$TITLE" "规范性文件~3~1~12" >alias.txt
run import alias.txt
same "$(cells alias.nb t2.)" "$T2OK" "规范性文件 in a 2021 copy finds the 行政规范性文件 row (alias)"
lacks "$TMP/err" "not found" "no row is reported missing"
is "$(meta alias.nb template)" gov-2021 "and the format is still 2021"

# --- one damaged row: two cells glued together
copy21 "$TITLE" "行政规范性文件~712043" >glued.txt
run import glued.txt
is "$rc" 0 "a row with cells glued together: import exits 0"
same "$(cells glued.nb t2.)" "t2.reg.made	0
t2.reg.repealed	0
t2.reg.valid	0
t2.norm.made	?
t2.norm.repealed	?
t2.norm.valid	?
t2.permit.decisions	8412
t2.penalty.decisions	1730
t2.force.decisions	5
t2.fee.amount	13587.204391" "only that row's cells are unreadable (?); every other row of 表二 is placed"
contains "$TMP/err" 'glued.txt:8: warning: 主动公开情况表: row "行政规范性文件" has 1 entries for its 3 cells' \
	"the warning names the row and its line"
grep -q '^t2.norm.made = ?$' glued.nb && ok "the report file stores the state as ?" || not_ok "the report file stores the state as ?"
run check glued.nb
is "$rc" 0 "check on a report with unreadable cells: no false error (exit 0)"
is "$(grep -c 'warning unreadable' "$TMP/out")" 3 "each unreadable cell is listed as a warning"
contains "$TMP/out" "(t2.norm.valid)" "naming the cell"
contains "$TMP/out" "0 errors, 4 warnings" "and counted as warnings (the fourth: its 六 does not say whether fees were charged)"
contains "$TMP/out" "warning require.fee" "the fourth warning is about 六"
run check --json glued.nb
contains "$TMP/out" '"rule": "unreadable"' "--json lists them too"
# the file round-trips byte for byte through a save
cp glued.nb glued.orig
"$NIANBAO" set glued.nb contact=x >/dev/null 2>&1
"$NIANBAO" set glued.nb contact= >/dev/null 2>&1
if cmp -s glued.nb glued.orig; then ok "a report with unreadable cells reads back and saves byte for byte"
else not_ok "a report with unreadable cells reads back and saves byte for byte"; diff glued.orig glued.nb | head | sed 's/^/#   /'; fi
# export: ? never a guessed 0
run export --to text -o glued.out.txt glued.nb
is "$rc" 0 "export of a report with unreadable cells succeeds"
grep -q '行政规范性文件.*│ *? *│ *? *│ *? *│' glued.out.txt && ok "the text export prints the unreadable cells as ?" \
	|| { not_ok "the text export prints the unreadable cells as ?"; grep '行政规范性文件' glued.out.txt | sed 's/^/#   /'; }
contains "$TMP/err" "3 cells unreadable" "and says how many it printed as ?"
# typing a value replaces it
run set glued.nb t2.norm.made=7 t2.norm.repealed=1 t2.norm.valid=43
is "$rc" 0 "set replaces the unreadable cells"
is "$(value glued.nb t2.norm.made)|$(value glued.nb t2.norm.valid)" "7|43" "with the typed values"
run check glued.nb
lacks "$TMP/out" "unreadable" "and check no longer lists them"
# a rule that reads an unreadable cell is not assessable, the others still are
run set glued.nb t2.norm.made=? t3.new.person=5
is "$rc" 1 "? can be typed back (set exits 1: a rule is now broken)"
contains "$TMP/out" "error S1" "a rule over readable cells is still checked"
lacks "$TMP/out" "t2.norm" "no rule judges the unreadable cell"

# --- statutory sections renumbered after section 一's own numbered subsections
{
	printf '%s\n' "$TITLE" "一、总体情况" "总体段落。" "一、主动公开" "主动公开小节。" "二、依申请公开" "依申请小节。" \
		"三、政府信息管理" "管理小节。" "四、政府信息公开平台建设" "平台小节。" "五、监督保障" "监督小节。" \
		"六、工作考核" "考核小节。" "一、主动公开政府信息情况"
	t2_rows
	echo "二、收到和处理政府信息公开申请情况"
	t3_rows
	echo "三、政府信息公开行政复议、行政诉讼情况"
	t4_rows
	printf '%s\n' "四、存在的主要问题及改进情况" "问题段落。" "五、其他需要报告的事项" "其他事项段落。" "2025年1月20日"
} >renum.txt
run import renum.txt
is "$rc" 0 "renumbered sections: import exits 0"
same "$(cells renum.nb t2.)" "$T2OK" "renumbered sections: 表二 under 一、主动公开政府信息情况 in its place"
is "$(part s1.intro renum.nb)|$(part s1.active renum.nb)|$(part s1.request renum.nb)|$(part s1.manage renum.nb)|$(part s1.platform renum.nb)" \
	"总体段落。|主动公开小节。|依申请小节。|管理小节。|平台小节。" "section 一's own 一、 to 四、 go to its parts by their words"
is "$(part s1.oversight renum.nb)" "监督小节。
六、工作考核
考核小节。" "a subsection no part has stays in the text of the part before it"
is "$(part s5.body renum.nb)|$(part s6.body renum.nb)" "问题段落。|其他事项段落。" \
	"四、存在的主要问题… and 五、其他需要报告的事项 are sections 五 and 六 by their title words"
lacks "$TMP/err" "left out" "nothing is left out"
lacks "$TMP/err" "not found" "and no table is missing"

# --- subheadings run into their paragraph (a page)
cat >runin.html <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>某某省测试厅2022年政府信息公开工作年度报告</title></head><body>
<div class="nav">首页 &gt; 政府信息公开 &gt; 年度报告</div>
<h1>某某省测试厅2022年政府信息公开工作年度报告</h1>
<p>一、总体情况</p>
<p>2022年，某某省测试厅认真贯彻落实《条例》，全面推进政务公开。</p>
<p>（一）主动公开方面。有序推进主动公开，全年公开信息100条。</p>
<p>（二）依申请公开方面。规范做好依申请公开，全年收到申请5件。</p>
<p>（三）政府信息管理方面。加强公文公开属性源头认定。</p>
<p>（四）政府信息公开平台建设方面：优化网站栏目设置。</p>
<p>（五）监督保障方面。组织业务培训2次。</p>
<p>二、主动公开政府信息情况</p>
<p>三、收到和处理政府信息公开申请情况</p>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
<p>五、存在的主要问题及改进情况</p>
<p>一是公开的及时性有待提高。</p>
<p>六、其他需要报告的事项</p>
<p>本年度未收取信息处理费。</p>
<p>某某省测试厅</p>
<p>2023年1月18日</p>
</body></html>
HTML
run import runin.html
is "$rc" 0 "subheadings run into paragraphs: import exits 0"
is "$(meta runin.nb agency)|$(meta runin.nb year)" "某某省测试厅|2022" "the page: agency and year"
is "$(part s1.intro runin.nb)" "2022年，某某省测试厅认真贯彻落实《条例》，全面推进政务公开。" "the opening paragraph of 一 alone in s1.intro"
is "$(part s1.active runin.nb)" "（一）主动公开方面。有序推进主动公开，全年公开信息100条。" "（一）…方面。 starts s1.active, the heading words kept"
is "$(part s1.request runin.nb)" "（二）依申请公开方面。规范做好依申请公开，全年收到申请5件。" "（二） starts s1.request"
is "$(part s1.manage runin.nb)" "（三）政府信息管理方面。加强公文公开属性源头认定。" "（三） starts s1.manage (a short paragraph is not taken for a bare heading)"
is "$(part s1.platform runin.nb)" "（四）政府信息公开平台建设方面：优化网站栏目设置。" "（四）…： starts s1.platform"
is "$(part s1.oversight runin.nb)" "（五）监督保障方面。组织业务培训2次。" "（五） starts s1.oversight"
is "$(part s5.body runin.nb)|$(part s6.body runin.nb)" "一是公开的及时性有待提高。|本年度未收取信息处理费。" "sections 五 and 六"
contains "$TMP/err" 'runin.html:2: left out: "首页 > 政府信息公开 > 年度报告"' "the page's navigation is listed as left out"

# --- a copy whose tables were lost and whose paragraphs ran together, headings inline
printf '%s\n' "某某县测试局2019年政府信息公开工作年度报告" \
	"本报告根据《中华人民共和国政府信息公开条例》编制。如对本报告有任何疑问，请与某某县测试局联系。 一、总体情况 2019年，某某县测试局认真贯彻落实《条例》。全年主动公开信息50条。 二、主动公开政府信息情况 第二十条第（一）项 信息内容 本年新制作数量 本年新公开数量 对外公开总数量 规章 0 0 0 三、收到和处理政府信息公开申请情况 本年新收政府信息公开申请数量 5 四、政府信息公开行政复议、行政诉讼情况 0 0 0" \
	"五、存在的主要问题及改进情况 2019年政务公开工作中存在的主要问题为：栏目更新不及时。 六、其他需要报告的事项 本年度未收取信息处理费。" \
	"某某县测试局" "2020年1月15日" >runtogether.txt
run import runtogether.txt
is "$rc" 0 "a copy run together without its tables: imported (exit 0)"
is "$(meta runtogether.nb template)|$(meta runtogether.nb agency)|$(meta runtogether.nb year)|$(meta runtogether.nb date)" \
	"gov-2019|某某县测试局|2019|2020年1月15日" "its format (by year), agency, year and date"
is "$(part preface runtogether.nb)" "本报告根据《中华人民共和国政府信息公开条例》编制。如对本报告有任何疑问，请与某某县测试局联系。" \
	"the text before the inline 一、总体情况 is the opening paragraph"
is "$(part s1.intro runtogether.nb)" "2019年，某某县测试局认真贯彻落实《条例》。全年主动公开信息50条。" "the text after it is s1.intro"
is "$(part s5.body runtogether.nb)" "2019年政务公开工作中存在的主要问题为：栏目更新不及时。" "五、… at the start of a line, text after it: s5.body"
is "$(part s6.body runtogether.nb)" "本年度未收取信息处理费。" "六、… inline: s6.body"
contains "$TMP/err" 'runtogether.txt:2: left out: "第二十条第（一）项 信息内容' "the tables' words run together are listed as left out"
for tb in 主动公开情况表 申请处理情况表 复议诉讼情况表; do
	contains "$TMP/err" "warning: $tb (section" "$tb: said not found"
done

# ================================================================ command line guards

# --- a usage error in one command runs no other command
printf '%s\n' "某某县测试局2024年政府信息公开工作年度报告" "一、总体情况" "测试段落。" >x.txt
run export -t import x.txt
is "$rc" 2 "export -t import: a usage error (exit 2)"
contains "$TMP/err" "--to must be text, html or docx" "export -t import: the usage error is printed"
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
