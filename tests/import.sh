#!/bin/sh
# import.sh - `nianbao import`: published reports (scraped text, CMS pages, our own
# exports) read back into report files, every number in its place or left blank.
# By hand:
#   NIANBAO=$PWD/_build/nianbao NIANBAO_TEMPLATE_PATH=$PWD/templates \
#   NIANBAO_LOCALEDIR=$PWD/_build/locale TOP_SRCDIR=$PWD sh tests/import.sh
# The fixtures in tests/import/ are real published reports, copied unchanged.
. "$TOP_SRCDIR/tests/e2e-lib.sh"

missing=
for tool in iconv awk diff cmp head; do
	command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
skip_unless_tools "${missing:+missing:$missing}"

mkdir "$TMP/w" && cd "$TMP/w" || exit 99
XDG_CONFIG_HOME=$TMP/config	# no preferences of the machine's user
export XDG_CONFIG_HOME
FIX=$TOP_SRCDIR/tests/import
TAB=$(printf '\t')

plan 308

# ---------------------------------------------------------------- helpers

# absent PATH DESCRIPTION
absent() { if [ -e "$1" ]; then not_ok "$2"; diag "$1 exists"; else ok "$2"; fi; }

# same GOT WANT DESCRIPTION: multi-line values; a diff when they differ
same() {
	if [ "$1" = "$2" ]; then ok "$3"; return; fi
	not_ok "$3"
	printf '%s\n' "$2" >"$TMP/want.cmp"
	printf '%s\n' "$1" >"$TMP/got.cmp"
	diag "< want, > got:"
	diff "$TMP/want.cmp" "$TMP/got.cmp" | head -40 | sed 's/^/#   /'
}

# matches FILE ERE DESCRIPTION
matches() {
	if grep -Eq -- "$2" "$1"; then ok "$3"; else not_ok "$3"; diag "no /$2/ in:"; head -20 "$1" | sed 's/^/#   /'; fi
}

# cells FILE PREFIX: CELL<TAB>VALUE of every cell whose id starts with PREFIX
cells() {
	"$NIANBAO" get "$1" 2>/dev/null | awk -F'\t' -v p="$2" 'index($1, p) == 1 { print $1 "\t" $4 }'
}

# meta FILE KEY: template, agency, year, date or auto_totals as stored
meta() { sed -n "s/^$2 = //p" "$1" 2>/dev/null | sed 's/^|//; s/|$//'; }

# head4 FILE: "template|agency|year|date"
head4() { echo "$(meta "$1" template)|$(meta "$1" agency)|$(meta "$1" year)|$(meta "$1" date)"; }

# part ID FILE: a text part as stored (empty when the file is missing)
part() { report_text "$1" "$2" 2>/dev/null; }

PARTS="preface s1.intro s1.active s1.request s1.manage s1.platform s1.oversight s5.body s6.body"

# alltext FILE: every text part, one after the other
alltext() { for p in $PARTS; do part "$p" "$1"; echo; done; }

# in_part ID FILE FRAGMENT DESCRIPTION
in_part() {
	case $(part "$1" "$2") in
	*"$3"*) ok "$4" ;;
	*) not_ok "$4"; diag "no '$3' in [$1]:"; part "$1" "$2" | head -5 | sed 's/^/#   /' ;;
	esac
}

# nowhere FILE DESCRIPTION FRAGMENT...: no text part holds any of them
nowhere() {
	f=$1 d=$2; shift 2
	all=$(alltext "$f") found=
	for frag in "$@"; do
		case $all in *"$frag"*) found="$found '$frag'" ;; esac
	done
	if [ -z "$found" ]; then ok "$d"; else not_ok "$d"; diag "in a text part:$found"; fi
}

# same_parts GOT WANT DESCRIPTION: every text part equal
same_parts() {
	bad=
	for p in $PARTS; do
		[ "$(part "$p" "$1")" = "$(part "$p" "$2")" ] || bad="$bad $p"
	done
	if [ -z "$bad" ]; then ok "$3"; return; fi
	not_ok "$3"
	diag "parts that differ:$bad"
	for p in $bad; do
		diag "[$p] want: $(part "$p" "$2" | head -c 300)" "[$p] got:  $(part "$p" "$1" | head -c 300)"
		break
	done
}

# rows TABLE "COL..." < "ROW V..." lines ("-" is blank): the cells they describe
rows() {
	awk -v t="$1" -v cols="$2" 'BEGIN { n = split(cols, c, " ") }
	NF { if (NF != n + 1) { print "BAD TRANSCRIPTION: " $0; next }
	     for (i = 1; i <= n; i++) { v = $(i + 1); if (v == "-") v = ""; print t "." $1 "." c[i] "\t" v } }'
}

# pairs TABLE < "ROW COL V COL V..." lines ("-" is blank): the cells they describe
pairs() {
	awk -v t="$1" 'NF { if (NF % 2 != 1) { print "BAD TRANSCRIPTION: " $0; next }
	     for (i = 2; i < NF; i += 2) { v = $(i + 1); if (v == "-") v = ""; print t "." $1 "." $i "\t" v } }'
}

# cross "ROW..." "COL...": ROW.COL for each, row by row
cross() {
	awk -v rs="$1" -v cs="$2" 'BEGIN { nr = split(rs, r, " "); nc = split(cs, c, " ")
		for (i = 1; i <= nr; i++) for (j = 1; j <= nc; j++) printf "%s.%s ", r[i], c[j] }'
}

# numbered TABLE "ROW..." "COL..." BASE ["ROW.COL=V"...]: the generated tables below,
# cell (i, j) (from 1) holding BASE + 10 i + j unless given
numbered() {
	awk -v t="$1" -v rs="$2" -v cs="$3" -v base="$4" -v ov="$5" 'BEGIN {
		nr = split(rs, r, " "); nc = split(cs, c, " "); no = split(ov, o, " ")
		for (k = 1; k <= no; k++) { split(o[k], kv, "="); set[kv[1]] = 1; val[kv[1]] = kv[2] }
		for (i = 1; i <= nr; i++) for (j = 1; j <= nc; j++) {
			id = r[i] "." c[j]
			print t "." id "\t" (id in set ? val[id] : base + 10 * i + j)
		}
	}'
}

# html_rows BASE "ROW.COL=V..." FORMAT < "ROW|LABEL CELLS" lines: the <tr> of a
# table 三 whose values are those of numbered (FORMAT is printf's, for one value cell)
html_rows() {
	awk -F'|' -v base="$1" -v ov="$2" -v fmt="$3" -v cs="$T3COLS" 'BEGIN {
		nc = split(cs, c, " "); no = split(ov, o, " ")
		for (k = 1; k <= no; k++) { split(o[k], kv, "="); set[kv[1]] = 1; val[kv[1]] = kv[2] } }
	NF { i++; printf "<tr>%s", $2
	     for (j = 1; j <= nc; j++) { id = $1 "." c[j]; printf fmt, (id in set ? val[id] : base + 10 * i + j) }
	     print "</tr>" }'
}

# t4_cells BASE ["COL=V"...]: table 四 with BASE + k in its k-th cell unless given
t4_cells() {
	awk -v base="$1" -v ov="$2" -v cs="$T4COLS" 'BEGIN {
		n = split(cs, c, " "); no = split(ov, o, " ")
		for (k = 1; k <= no; k++) { split(o[k], kv, "="); set[kv[1]] = 1; val[kv[1]] = kv[2] }
		for (k = 1; k <= n; k++) print "t4.cases." c[k] "\t" (c[k] in set ? val[c[k]] : base + k) }'
}

# t4_html BASE ["COL=V"...] FORMAT: the rows of table 四 holding those values
t4_html() {
	cat <<'EOF'
<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td rowspan="2">结果<br />维持</td><td rowspan="2">结果<br />纠正</td><td rowspan="2">其他<br />结果</td><td rowspan="2">尚未<br />审结</td><td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr><td>结果<br />维持</td><td>结果<br />纠正</td><td>其他<br />结果</td><td>尚未<br />审结</td><td>总计</td><td>结果<br />维持</td><td>结果<br />纠正</td><td>其他<br />结果</td><td>尚未<br />审结</td><td>总计</td></tr>
EOF
	printf '<tr>'
	t4_cells "$1" "$2" | while IFS="$TAB" read -r id v; do printf "$3" "$v"; done
	printf '</tr>\n'
}

# seq_cells TABLE "ROW.COL..." BASE: the k-th cell holds BASE + k, signed where it is a change
seq_cells() {
	awk -v t="$1" -v ids="$2" -v base="$3" 'BEGIN { n = split(ids, id, " ")
		for (k = 1; k <= n; k++) print t "." id[k] "\t" (id[k] ~ /\.change$/ ? "+" : "") base + k }'
}

T3COLS="person biz sci ngo law misc total"
T4COLS="rv_keep rv_fix rv_other rv_pending rv_total ld_keep ld_fix ld_other ld_pending ld_total la_keep la_fix la_other la_pending la_total"
T3ROWS19="new carried open partial deny1 deny2 deny3 deny4 deny5 deny6 deny7 deny8 none1 none2 none3 skip1 skip2 skip3 skip4 skip5 other total next"
T3ROWS21="new carried open partial deny1 deny2 deny3 deny4 deny5 deny6 deny7 deny8 none1 none2 none3 skip1 skip2 skip3 skip4 skip5 other1 other2 other3 total next"

# ================================================================ 1. real reports
mkdir src
cp "$FIX/2020-beidaihe-natural-resources.txt" "$FIX/2020-kongtong-town.txt" \
	"$FIX/2018-hengyang-land-old-format.txt" src/ || exit 99
chmod u+w src/*

# --- 北戴河区自然资源和规划局 2020: tab-led cells, "　　" blank cells, blank-line rows
B=src/2020-beidaihe-natural-resources.nb
run import src/2020-beidaihe-natural-resources.txt
is "$rc" 0 "北戴河: import exits 0"
[ -s "$B" ] && ok "北戴河: written beside the source, .txt replaced by .nb" ||
	not_ok "北戴河: written beside the source, .txt replaced by .nb"
is "$(meta "$B" template)|$(meta "$B" agency)|$(meta "$B" year)" "gov-2019|北戴河区自然资源和规划局|2020" \
	"北戴河: 2019 format, agency from the line above the title, year 2020"
is "$(meta "$B" auto_totals)" no "北戴河: auto totals off, the totals stay as published"

same "$(cells "$B" t2.)" "$(pairs t2 <<'EOF'
reg      made -        published -  total -
norm     made -        published -  total -
permit   prev_items -  change -     decisions -
service  prev_items -  change -     decisions -
penalty  prev_items -  change -     decisions -
force    prev_items -  change -     decisions -
fee      prev_items 0  change +1
purchase items -       amount -
EOF
)" "北戴河 表二: every cell as published (blank, 0 and 1)"

same "$(cells "$B" t3.)" "$(rows t3 "$T3COLS" <<'EOF'
new      4 - - - - - 4
carried  0 - - - - - -
open     - - - - - - -
partial  2 - - - - - 2
deny1    - - - - - - -
deny2    1 - - - - - 1
deny3    - - - - - - -
deny4    - - - - - - -
deny5    - - - - - - -
deny6    - - - - - - -
deny7    - - - - - - -
deny8    - - - - - - -
none1    1 - - - - - 1
none2    - - - - - - -
none3    - - - - - - -
skip1    - - - - - - -
skip2    - - - - - - -
skip3    - - - - - - -
skip4    - - - - - - -
skip5    - - - - - - -
other    - - - - - - -
total    - - - - - - -
next     - - - - - - -
EOF
)" "北戴河 表三: every cell as published, the blank （七）总计 and 结转 rows too"

same "$(cells "$B" t4.)" "$(rows t4 "$T4COLS" <<'EOF'
cases - - - - - - - - - - - - - - -
EOF
)" "北戴河 表四: all 15 cells blank"

# By hand (FORMAT-SPEC 6, blank counted as 0, all-blank relations not assessed):
# S1 fails for 自然人 (4+0 against 0+0) and 总计 (4+blank against 0); I2 fails for
# 自然人 and 总计 ((七) is blank, results are 2+1+1); I1 holds in every row; 表四 is blank.
rules() {
	awk '{ if (match($0, /: (error|warning) [A-Za-z0-9-]+: /)) {
		s = substr($0, RSTART + 2, RLENGTH - 4); c = ""
		if (match($0, /Column "[^"]*"/)) c = " " substr($0, RSTART + 8, RLENGTH - 9)
		print s c } }' "$TMP/out" | sort
}
run check "$B"
is "$rc" 1 "北戴河: check exits 1, the published numbers break rules"
same "$(rules)" "$(sort <<'EOF'
error S1 自然人
error S1 总计
error I2 自然人
error I2 总计
EOF
)" "北戴河: exactly S1 and I2 in the columns 自然人 and 总计"
contains "$TMP/out" "4 errors, 0 warnings" "北戴河: 4 errors, 0 warnings"

s1=$(for p in s1.intro s1.active s1.request s1.manage s1.platform s1.oversight; do part $p "$B"; echo; done)
lost=
for frag in "（一）加强领导，严格落实政府信息公开工作机制。" "（二）加强宣传，扎实开展形式多样的《条例》宣传活动。" \
	"（三）扎实推进基层政务公开标准化规划化工作。" "（四）建立健全解读回应机制。" "（五）依法规范办理依申请公开工作。"; do
	case $s1 in *"$frag"*) ;; *) lost="$lost $frag" ;; esac
done
is "$lost" "" "北戴河: its own （一）–（五） subheadings are kept in section 一"
lost=
for frag in "2020年我局认真贯彻中央关于政府信息公开工作的一系列重要文件精神" "确定由办公室牵头负责全局政府信息公开工作" \
	"注重通过普法教育，加强全局干部观念" "拟公开重大建设项目领域4项" "同步组织、同步审签、同步部署" \
	"我局共办理政务信息公开申请事项4项，主动公开事项13项。"; do
	case $s1 in *"$frag"*) ;; *) lost="$lost $frag" ;; esac
done
is "$lost" "" "北戴河: every paragraph of section 一 is kept in section 一"
in_part s5.body "$B" "虽然我局在政务公开和政府信息公开上做了一些工作" "北戴河: section 五 is s5.body"
in_part s6.body "$B" "2021年，我局将继续大力推进政务公开工作的开展" "北戴河: section 六 is s6.body"
is "$(part preface "$B")" "" "北戴河: no opening paragraph (the title is not one)"
nowhere "$B" "北戴河: no table label in a text part" "第二十条第（一）项" "信息内容" "本年新收政府信息公开申请数量" \
	"结果维持" "未经复议直接起诉" "主动公开政府信息情况"

# --- 崆峒镇 2020: one cell per line, " 0" everywhere, CMS lines around
K=src/2020-kongtong-town.nb
run import src/2020-kongtong-town.txt
is "$rc" 0 "崆峒镇: import exits 0"
is "$(head4 "$K")" "gov-2019|平凉市崆峒区崆峒镇人民政府|2020|2021年1月14日" \
	"崆峒镇: 2019 format, agency and year from the title, date from the closing line"
same "$(cells "$K" t2.)" "$(pairs t2 <<'EOF'
reg      made 0        published 0  total 0
norm     made 0        published 0  total 0
permit   prev_items 0  change 0     decisions 0
service  prev_items 0  change 0     decisions 0
penalty  prev_items 0  change 0     decisions 0
force    prev_items 0  change 0     decisions 0
fee      prev_items 0  change 0
purchase items 9       amount 172425
EOF
)" "崆峒镇 表二: every cell as published (政府集中采购 9, 172425)"
same "$(cells "$K" t3.)" "$(rows t3 "$T3COLS" <<'EOF'
new      0 0 0 0 0 0 0
carried  0 0 0 0 0 0 0
open     0 0 0 0 0 0 0
partial  0 0 0 0 0 0 0
deny1    0 0 0 0 0 0 0
deny2    0 0 0 0 0 0 0
deny3    0 0 0 0 0 0 0
deny4    0 0 0 0 0 0 0
deny5    0 0 0 0 0 0 0
deny6    0 0 0 0 0 0 0
deny7    0 0 0 0 0 0 0
deny8    0 0 0 0 0 0 0
none1    0 0 0 0 0 0 0
none2    0 0 0 0 0 0 0
none3    0 0 0 0 0 0 0
skip1    0 0 0 0 0 0 0
skip2    0 0 0 0 0 0 0
skip3    0 0 0 0 0 0 0
skip4    0 0 0 0 0 0 0
skip5    0 0 0 0 0 0 0
other    0 0 0 0 0 0 0
total    0 0 0 0 0 0 0
next     0 0 0 0 0 0 0
EOF
)" "崆峒镇 表三: all 161 cells 0"
same "$(cells "$K" t4.)" "$(rows t4 "$T4COLS" <<'EOF'
cases 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
EOF
)" "崆峒镇 表四: all 15 cells 0"
run check "$K"
is "$rc" 0 "崆峒镇: check exits 0 (all zeros break no rule)"
contains "$TMP/out" "0 errors, 10 warnings" "崆峒镇: 0 errors; 10 warnings about its words"
is "$(grep -c 'warning hygiene.halfwidth' "$TMP/out")" 8 "崆峒镇: the page writes half-width commas between Chinese characters, one warning per part"
contains "$TMP/out" "warning require.nonempty: 六、其他需要报告的事项" "崆峒镇: its 六 is published empty"
contains "$TMP/out" "missing 社会评议、责任追究" "崆峒镇: a 人民政府 that states its 工作考核 but no 社会评议 or 责任追究 results"
in_part preface "$K" "崆峒镇严格按照《中华人民共和国政府信息公开条例》规定" "崆峒镇: the prose before 一、 is the preface"
in_part s1.intro "$K" "崆峒镇党委、政府高度重视政府信息公开工作" "崆峒镇: the text under 一、总体情况 is s1.intro"
in_part s1.active "$K" "崆峒镇主动公开信息220条" "崆峒镇: (一)主动公开政府信息的情况 is s1.active"
in_part s1.request "$K" "安排专人受理信息公开申请" "崆峒镇: (二)依申请公开政府信息办理情况 is s1.request"
in_part s1.manage "$K" "《政务信息公开工作流程》" "崆峒镇: (三)政府信息管理情况 is s1.manage"
in_part s1.platform "$K" "拓展信息公开载体" "崆峒镇: (四)平台建设情况 is s1.platform"
in_part s1.oversight "$K" "建立长效的政府信息公开机制" "崆峒镇: (五)监督保障情况 is s1.oversight"
in_part s5.body "$K" "一是主动公开的意识还不够强" "崆峒镇: section 五 is s5.body"
is "$(part s6.body "$K")" "" "崆峒镇: section 六 is empty (only the closing lines follow it)"
nowhere "$K" "崆峒镇: no CMS line and no closing date in a text part" "扫一扫在手机打开当前页" "浏览次数" \
	"时间:2021-01-22" "来源:崆峒镇" "字体:" "分享:" "•" "2021年1月14日"

# --- 衡阳市国土资源局 2018: the format before 2019, which nianbao does not cover
run import src/2018-hengyang-land-old-format.txt
is "$rc" 2 "衡阳 2018 (old format): import exits 2"
absent src/2018-hengyang-land-old-format.nb "衡阳 2018: no file is written"
contains "$TMP/err" "2018" "衡阳 2018: the message names the year 2018"

# --- a browser copy: one table row a line, cells separated by tabs, empty cells
# kept (a trailing one too), rowspan cells only in their first row, damaged labels
T3TSV19='new|一、本年新收政府信息公开申请数量
carried|二、上年结转政府信息公开申请数量
open|三、本年度办理结果~（一）予以公开
partial|（二）部分公开(区分处理的,只计这一情形,不计其他情形)
deny1|（三）不予公开~1.属于国家秘密
deny2|2.其他法律行政法规禁止公开
deny3|3.危及三安全一稳定
deny4|4.保护第三方合法权益
deny5|5.属于三类内部事务信息
deny6|6.属于四类过程性信息
deny7|7.属于行政执法案卷
deny8|8.属于行政查询事项
none1|（四）无法提供~1.本机关不掌握相关政府信息
none2|2.没有现成信息需要另行制作
none3|3.补正后申请内容仍不明确
skip1|（五）不予处理~1.信访举报投诉类申请
skip2|2.重复申请
skip3|3.要求提供公开出版物
skip4|4.无正当理由大量反复申请
skip5|5.要求行政机关确认或重新出具已获取信息
other|（六）其他处理
total|（七）总计
next|四、结转下年度继续办理'
T3TSVBLANK="carried.biz= carried.law=/ open.sci= next.total="
{
	cat <<'EOF'
示例区丁局2020年政府信息公开工作年度报告
丁局开篇段落：根据《中华人民共和国政府信息公开条例》编制本报告。
一、总体情况
丁局总体情况段落。
(一)主动公开
丁局主动公开段落。
二、主动公开政府信息情况
第二十条第（一）项
信息内容~本年新制作数量~本年新公开数量~对外公开总数量
规章~/~/~/
规范性文件~3~~12
第二十条第（五）项
信息内容~上一年项目数量~本年增/减~处理决定数量
行政许可~25~增15~1036
其他对外管理服务事项~8~减3~77
第二十条第（六）项
信息内容~上一年项目数量~本年增/减~处理决定数量
行政处罚~120~+2~64
行政强制~6~0~5
第二十条第（八）项
信息内容~上一年项目数量~本年增/
行政事业性收费~2~-1
第二十条第（九）项
信息内容~采购项目数量~采购总金额
政府集中采购~4~251000元
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）~申请人情况
自然人~法人或其他组织~总计
商业 企业~科研 机构~社会公益组织~法律服务机构~其他
EOF
	echo "$T3TSV19" | html_rows 800 "$T3TSVBLANK" '~%s' | sed 's/^<tr>//; s/<\/tr>$//'
	echo "四、政府信息公开行政复议、行政诉讼情况"
	echo "行政复议~行政诉讼"
	echo "结果维持~结果纠正~其他结果~尚未审结~总计~未经复议直接起诉~复议后起诉"
	echo "结果维持~结果纠正~其他结果~尚未审结~总计~结果维持~结果纠正~其他结果~尚未审结~总计"
	t4_cells 850 "rv_other=" | awk -F'\t' '{ printf "%s%s", (NR > 1 ? "~" : ""), $2 } END { print "" }'
	cat <<'EOF'
五、存在的主要问题及改进情况
丁局问题段落。
六、其他需要报告的事项
丁局其他事项段落。
示例区丁局
2021年1月20日
EOF
} | sed "s/~/$TAB/g" >src/tsv.txt

run import src/tsv.txt
is "$rc" 0 "browser copy (tab-separated): import exits 0"
is "$(head4 src/tsv.nb)" "gov-2019|示例区丁局|2020|2021年1月20日" "browser copy: 2019 format, agency, year and date"
same "$(cells src/tsv.nb t2.)" "$(pairs t2 <<'EOF'
reg      made /         published /   total /
norm     made 3         published -   total 12
permit   prev_items 25  change +15    decisions 1036
service  prev_items 8   change -3     decisions 77
penalty  prev_items 120 change +2     decisions 64
force    prev_items 6   change 0      decisions 5
fee      prev_items 2   change -1
purchase items 4        amount 251000元
EOF
)" "browser copy 表二: every cell in its place (an empty cell blank, 增15/减3 signed, 251000元)"
same "$(cells src/tsv.nb t3.)" "$(numbered t3 "$T3ROWS19" "$T3COLS" 800 "$T3TSVBLANK")" \
	"browser copy 表三: all 161 cells in their places (empty cells blank, a trailing one too, / kept)"
same "$(cells src/tsv.nb t4.)" "$(t4_cells 850 "rv_other=")" "browser copy 表四: all 15 cells in their places"
is "$(part preface src/tsv.nb)|$(part s1.intro src/tsv.nb)|$(part s1.active src/tsv.nb)" \
	"丁局开篇段落：根据《中华人民共和国政府信息公开条例》编制本报告。|丁局总体情况段落。|丁局主动公开段落。" \
	"browser copy: preface, s1.intro and (一) in their parts"
is "$(part s5.body src/tsv.nb)|$(part s6.body src/tsv.nb)" "丁局问题段落。|丁局其他事项段落。" \
	"browser copy: sections 五 and 六, without the closing lines"

# ================================================================ 2. CMS pages
mkdir html

T3HEAD21='<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，<br />等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业<br />企业</td><td>科研<br />机构</td><td>社会公益<br />组织</td><td>法律服务<br />机构</td><td>其他</td></tr>'

T3LABELS21='new|<td colspan="3">一、本年新收政府信息公开申请数量</td>
carried|<td colspan="3">二、上年结转政府信息公开申请数量</td>
open|<td rowspan="22">三、本年度办理结果</td><td colspan="2">（一）予以公开</td>
partial|<td colspan="2">（二）部分公开<br />（区分处理的，只计这一情形，不计其他情形）</td>
deny1|<td rowspan="8">（三）不予公开</td><td>1.属于国家秘密</td>
deny2|<td>2.其他法律行政法规<br />禁止公开</td>
deny3|<td>3.危及&ldquo;三安全一稳定&rdquo;</td>
deny4|<td>4.保护第三方合法权益</td>
deny5|<td>5.属于三类内部事务信息</td>
deny6|<td>6.属于四类过程性信息</td>
deny7|<td>7.属于行政执法案卷</td>
deny8|<td>8.属于行政查询事项</td>
none1|<td rowspan="3">（四）无法提供</td><td>1.本机关不掌握相关政府信息</td>
none2|<td>2.没有现成信息需要另行制作</td>
none3|<td>3.补正后申请内容仍不明确</td>
skip1|<td rowspan="5">（五）不予处理</td><td>1.信访举报投诉类申请</td>
skip2|<td>2.重复申请</td>
skip3|<td>3.要求提供公开出版物</td>
skip4|<td>4.无正当理由大量反复申请</td>
skip5|<td>5.要求行政机关确认或重新出具已获取信息</td>
other1|<td rowspan="3">（六）其他处理</td><td>1.申请人无正当理由逾期不补正、<br />行政机关不再处理其政府信息公开申请</td>
other2|<td>2.申请人逾期未按收费通知要求缴纳费用、<br />行政机关不再处理其政府信息公开申请</td>
other3|<td>3.其他</td>
total|<td colspan="2">（七）总计</td>
next|<td colspan="3">四、结转下年度继续办理</td>'

# --- page A: 2021 format, GBK declared as gb2312, inside a CMS layout table
{
	cat <<'EOF'
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>示例市测试局2022年政府信息公开工作年度报告_示例市人民政府</title>
<link rel="stylesheet" type="text/css" href="/css/style.css" />
<script type="text/javascript">var siteId = "12"; if (a < b && c > d) { document.write("<p>脚本里的段落</p>"); }</script>
<style type="text/css">td { font-size: 14px; }</style>
</head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/zwfw/">政务服务</a> | <a href="/hdjl/">互动交流</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; 年度报告</div>
<table width="1000" border="0" cellspacing="0" cellpadding="0" align="center" class="layout">
<tr>
<td width="200" valign="top" class="left">
<ul><li><a href="/zwgk/zn/">政府信息公开指南</a></li><li><a href="/zwgk/zd/">政府信息公开制度</a></li><li><a href="/zwgk/nb/">政府信息公开年报</a></li></ul>
</td>
<td width="800" valign="top" class="main">
<h1 class="title">示例市测试局2022年政府信息公开工作年度报告</h1>
<div class="info">发布日期：2023-01-16　来源：示例市测试局　浏览次数：<span id="hits">128</span>　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="content" id="zoom">
<p style="text-indent:2em">本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限为2022年1月1日至12月31日。</p>
<p style="text-indent:2em"><strong>一、总体情况</strong></p>
<p style="text-indent:2em">2022年，示例市测试局全年主动公开政府信息321条，办理依申请公开17件。</p>
<p style="text-indent:2em"><strong>（一）主动公开</strong></p>
<p style="text-indent:2em">主动公开段落：规范性文件均在门户网站集中公开。</p>
<p><strong>（二）依申请公开</strong></p>
<p>依申请公开段落：全部申请均在法定期限内答复。</p>
<p><strong>（三）政府信息管理</strong></p>
<p>政府信息管理段落：堃、镕二字在GBK而不在GB2312中，全年清理失效链接42条。</p>
<p><strong>（四）政府信息公开平台建设</strong></p>
<p>平台建设段落：微信公众号全年推送信息88条。</p>
<p><strong>（五）监督保障</strong></p>
<p>监督保障段落：组织培训3场，未发生责任追究情况。</p>
<p><strong>二、主动公开政府信息情况</strong></p>
<table border="1" cellspacing="0" cellpadding="0" width="100%">
<tbody>
<tr><td colspan="4"><p align="center"><strong>第二十条第（一）项</strong></p></td></tr>
<tr><td>信息内容</td><td>本年制发<br />件数</td><td>本年废止<br />件数</td><td>现行有效<br />件数</td></tr>
<tr><td>规章</td><td>/</td><td>1002</td><td>1003</td></tr>
<tr><td>行政规范性文件</td><td>1004</td><td>1005</td><td>1006</td></tr>
<tr><td colspan="4"><p align="center"><strong>第二十条第（五）项</strong></p></td></tr>
<tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
<tr><td>行政许可</td><td colspan="3">1007</td></tr>
<tr><td colspan="4"><p align="center"><strong>第二十条第（六）项</strong></p></td></tr>
<tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
<tr><td>行政处罚</td><td colspan="3">1008</td></tr>
<tr><td>行政强制</td><td colspan="3">1009</td></tr>
<tr><td colspan="4"><p align="center"><strong>第二十条第（八）项</strong></p></td></tr>
<tr><td>信息内容</td><td colspan="3">本年收费金额<br />（单位：万元）</td></tr>
<tr><td>行政事业性收费</td><td colspan="3">10.1</td></tr>
</tbody>
</table>
<p><strong>三、收到和处理政府信息公开申请情况</strong></p>
<table border="1" cellspacing="0" cellpadding="0" width="100%">
<tbody>
EOF
	echo "$T3HEAD21"
	echo "$T3LABELS21" | html_rows 0 "carried.sci= carried.ngo=0" '<td align="center">%s</td>'
	cat <<'EOF'
</tbody>
</table>
<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>
<table border="1" cellspacing="0" cellpadding="0" width="100%">
<tbody>
EOF
	t4_html 900 "la_other=" '<td align="center">%s</td>'
	cat <<'EOF'
</tbody>
</table>
<p><strong>五、存在的主要问题及改进情况</strong></p>
<p>问题段落：政策解读的形式还比较单一。</p>
<p>改进段落：下一步将增加图解和视频解读。</p>
<p><strong>六、其他需要报告的事项</strong></p>
<p>本年度未收取信息处理费。</p>
<p style="text-align:right">示例市测试局</p>
<p style="text-align:right">2023年1月15日</p>
</div>
<div class="print">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</td>
</tr>
</table>
<div class="footer">
<p>版权所有：示例市人民政府办公室　主办：示例市测试局</p>
<p>网站标识码：1234000001　<a href="https://beian.miit.gov.cn/">冀ICP备12345678号</a>　冀公网安备13000002000001号</p>
</div>
</body>
</html>
EOF
} >html/a.utf8
iconv -f UTF-8 -t GBK html/a.utf8 >html/a.html || exit 99

A=html/a.nb
run import html/a.html
is "$rc" 0 "page A (GBK, gb2312, CMS layout): import exits 0"
is "$(head4 "$A")" "gov-2021|示例市测试局|2022|2023年1月15日" "page A: 2021 format, agency, year and date"
is "$(meta "$A" auto_totals)" no "page A: auto totals off"
same "$(cells "$A" t2.)" "$(pairs t2 <<'EOF'
reg      made /     repealed 1002  valid 1003
norm     made 1004  repealed 1005  valid 1006
permit   decisions 1007
penalty  decisions 1008
force    decisions 1009
fee      amount 10.1
EOF
)" "page A 表二: every cell in its place, / stays not applicable"
same "$(cells "$A" t3.)" "$(numbered t3 "$T3ROWS21" "$T3COLS" 0 "carried.sci= carried.ngo=0")" \
	"page A 表三: all 175 cells in their places (an empty cell blank, a 0 kept)"
same "$(cells "$A" t4.)" "$(t4_cells 900 "la_other=")" "page A 表四: all 15 cells in their places"
is "$(part preface "$A")" "本报告根据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限为2022年1月1日至12月31日。" \
	"page A: the opening paragraph is the preface"
is "$(part s1.intro "$A")" "2022年，示例市测试局全年主动公开政府信息321条，办理依申请公开17件。" "page A: s1.intro"
is "$(part s1.active "$A")" "主动公开段落：规范性文件均在门户网站集中公开。" "page A: （一）主动公开"
is "$(part s1.request "$A")" "依申请公开段落：全部申请均在法定期限内答复。" "page A: （二）依申请公开"
is "$(part s1.manage "$A")" "政府信息管理段落：堃、镕二字在GBK而不在GB2312中，全年清理失效链接42条。" "page A: （三）政府信息管理"
is "$(part s1.platform "$A")" "平台建设段落：微信公众号全年推送信息88条。" "page A: （四）政府信息公开平台建设"
is "$(part s1.oversight "$A")" "监督保障段落：组织培训3场，未发生责任追究情况。" "page A: （五）监督保障"
is "$(part s5.body "$A")" "问题段落：政策解读的形式还比较单一。
改进段落：下一步将增加图解和视频解读。" "page A: section 五, two paragraphs"
is "$(part s6.body "$A")" "本年度未收取信息处理费。" "page A: section 六 without the closing lines"
nowhere "$A" "page A: nothing of the CMS (nav, breadcrumb, info bar, script, footer) in a text part" \
	"首页" "当前位置" "政府信息公开指南" "发布日期" "浏览次数" "脚本里的段落" "打印本页" "版权所有" "ICP" "示例市人民政府"

# --- page B: 2021 format, UTF-8, heading variants, damaged labels, wrapped cells
{
	cat <<'EOF'
<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta name="keywords" content="年度报告,政府信息公开">
<title>示例县乙局2023年度政府信息公开工作年度报告 - 示例县人民政府门户网站</title>
</head>
<body>
<nav class="menu"><a href="/index.html">网站首页</a><a href="/zwgk/">信息公开</a><a href="/hd/">政民互动</a></nav>
<div class="position">您当前的位置：<a href="/index.html">网站首页</a> &gt;&gt; <a href="/zwgk/">信息公开</a> &gt;&gt; <a href="/zwgk/nb/">年度报告</a></div>
<div class="article">
<div class="article-title">示例县乙局2023年度政府信息公开工作年度报告</div>
<div class="article-meta">发布时间：2024-01-22 09:00:00&nbsp;&nbsp;来源：示例县乙局&nbsp;&nbsp;阅读次数：56</div>
<div class="article-body">
<p><span style="font-family:黑体">一.总体情况</span></p>
<p><span>乙局总体情况段落：全年公开信息共计456条。</span></p>
<p><span>乙局总体情况第二段：较上年增长百分之十。</span></p>
<p><b>(一)主动公开</b></p>
<p>乙局主动公开段落。</p>
<p><b>(二)依申请公开</b></p>
<p>乙局依申请公开段落。</p>
<p><b>(三)政府信息管理</b></p>
<p>乙局政府信息管理段落。</p>
<p><b>(四)政府信息公开平台建设</b></p>
<p>乙局平台建设段落。</p>
<p><b>(五)监督保障</b></p>
<p>乙局监督保障段落。</p>
<p><span style="font-family:黑体">二.主动公开政府信息情况</span></p>
<table class="MsoTableGrid" border="1" style="border-collapse:collapse">
<tr><th colspan="4">第二十条第(一)项</th></tr>
<tr><th>信息内容</th><th>本年制发件数</th><th>本年废止件数</th><th>现行有效件数</th></tr>
<tr><td><p>规章</p></td><td><p><span>&nbsp;21</span></p></td><td><p><span>22</span></p></td><td><p><span>23</span></p></td></tr>
<tr><td><p>行政规范性文件</p></td><td><p>24</p></td><td><p>25</p></td><td><p>26</p></td></tr>
<tr><th colspan="4">第二十条第(五)项</th></tr>
<tr><th>信息内容</th><th colspan="3">本年处理决定数量</th></tr>
<tr><td><p>行政许可</p></td><td colspan="3"><p>1,234</p></td></tr>
<tr><th colspan="4">第二十条第(六)项</th></tr>
<tr><th>信息内容</th><th colspan="3">本年处理决定数量</th></tr>
<tr><td><p>行政处罚</p></td><td colspan="3"><p>28</p></td></tr>
<tr><td><p>行政强制</p></td><td colspan="3"><p>0</p></td></tr>
<tr><th colspan="4">第二十条第(八)项</th></tr>
<tr><th>信息内容</th><th colspan="3">本年收费金额(单位:万元)</th></tr>
<tr><td><p>行政事业性收费</p></td><td colspan="3"><p>0.75</p></td></tr>
</table>
<p><span style="font-family:黑体">三.收到和处理政府信息公开申请情况</span></p>
<table class="MsoTableGrid" border="1" style="border-collapse:collapse">
<tr><td colspan="3" rowspan="3"><p>(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)</p></td><td colspan="7"><p>申请人情况</p></td></tr>
<tr><td rowspan="2"><p>自然人</p></td><td colspan="5"><p>法人或其他组织</p></td><td rowspan="2"><p>总计</p></td></tr>
<tr><td><p>商业 企业</p></td><td><p>科研 机构</p></td><td><p>社会公益组织</p></td><td><p>法律服务机构</p></td><td><p>其他</p></td></tr>
EOF
	html_rows 500 "open.law=&nbsp;" '<td><p style="text-align:center"><span>%s</span></p></td>' <<'EOF'
new|<td colspan="3"><p>一、本年新收政府信息公开申请数量</p></td>
carried|<td colspan="3"><p>二、上年结转政府信息公开申请数量</p></td>
open|<td rowspan="22"><p>三、本年度<br>办理结果</p></td><td colspan="2"><p>(一)予以公开</p></td>
partial|<td colspan="2"><p>(二)部分公开(区分处理的,只计这一情形,不计其他情形)</p></td>
deny1|<td rowspan="8"><p>(三)不予公开</p></td><td><p>1.属于国家秘密</p></td>
deny2|<td><p>2.其他法律行政法规禁止公开</p></td>
deny3|<td><p>3.危及三安全一稳定</p></td>
deny4|<td><p>4.保护第三方 合法权益</p></td>
deny5|<td><p>5.属于三类内部事务信息</p></td>
deny6|<td><p>6.属于四类过程性信息</p></td>
deny7|<td><p>7.属于行政执法案卷</p></td>
deny8|<td><p>8.属于行政查询事项</p></td>
none1|<td rowspan="3"><p>(四)无法提供</p></td><td><p>1.本机关不掌握相关政府信息</p></td>
none2|<td><p>2.没有现成信息需要另行制作</p></td>
none3|<td><p>3.补正后申请内容仍不明确</p></td>
skip1|<td rowspan="5"><p>(五)不予处理</p></td><td><p>1.信访举报投诉类申请</p></td>
skip2|<td><p>2.重复申请</p></td>
skip3|<td><p>3.要求提供公开出版物</p></td>
skip4|<td><p>4.无正当理由大量反复申请</p></td>
skip5|<td><p>5.要求行政机关确认或重新出具已获取信息</p></td>
other1|<td rowspan="3"><p>(六)其他处理</p></td><td><p>1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请</p></td>
other2|<td><p>2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请</p></td>
other3|<td><p>3.其他</p></td>
total|<td colspan="2"><p>(七)总计</p></td>
next|<td colspan="3"><p>四、结转下年度继续办理</p></td>
EOF
	cat <<'EOF'
</table>
<p><span style="font-family:黑体">四.政府信息公开行政复议、行政诉讼情况</span></p>
<table class="MsoTableGrid" border="1" style="border-collapse:collapse">
EOF
	t4_html 600 "" '<td><p><span>%s</span></p></td>'
	cat <<'EOF'
</table>
<p><span style="font-family:黑体">五、存在的主要问题及改进措施</span></p>
<p>乙局问题段落。</p>
<p><span style="font-family:黑体">六、其他需要报告的事项</span></p>
<p>乙局其他事项段落。</p>
<p style="text-align:right">示例县乙局</p>
<p style="text-align:right">2024年1月20日</p>
</div>
</div>
<footer><p>主办单位：示例县人民政府办公室&nbsp;&nbsp;版权所有&copy;示例县人民政府</p><p>京ICP备00000000号-1</p></footer>
</body>
</html>
EOF
} >html/b.html

Bp=html/b.nb
run import html/b.html
is "$rc" 0 "page B (UTF-8, meta charset): import exits 0"
is "$(head4 "$Bp")" "gov-2021|示例县乙局|2023|2024年1月20日" "page B: 2021 format, agency, year (2023年度) and date"
same "$(cells "$Bp" t2.)" "$(pairs t2 <<'EOF'
reg      made 21    repealed 22    valid 23
norm     made 24    repealed 25    valid 26
permit   decisions 1234
penalty  decisions 28
force    decisions 0
fee      amount 0.75
EOF
)" "page B 表二: every cell in its place (1,234 read as 1234)"
same "$(cells "$Bp" t3.)" "$(numbered t3 "$T3ROWS21" "$T3COLS" 500 "open.law=")" \
	"page B 表三: all 175 cells in their places despite (一) brackets, lost quotes and spaces in labels"
same "$(cells "$Bp" t4.)" "$(t4_cells 600)" "page B 表四: all 15 cells in their places"
is "$(part preface "$Bp")" "" "page B: no preface (the info bar is not prose)"
is "$(part s1.intro "$Bp")" "乙局总体情况段落：全年公开信息共计456条。
乙局总体情况第二段：较上年增长百分之十。" "page B: 一.总体情况 read as 一、, two paragraphs"
is "$(part s1.active "$Bp")" "乙局主动公开段落。" "page B: (一) is s1.active"
is "$(part s1.request "$Bp")" "乙局依申请公开段落。" "page B: (二) is s1.request"
is "$(part s1.manage "$Bp")" "乙局政府信息管理段落。" "page B: (三) is s1.manage"
is "$(part s1.platform "$Bp")" "乙局平台建设段落。" "page B: (四) is s1.platform"
is "$(part s1.oversight "$Bp")" "乙局监督保障段落。" "page B: (五) is s1.oversight"
is "$(part s5.body "$Bp")" "乙局问题段落。" "page B: 五、存在的主要问题及改进措施 is section 五"
is "$(part s6.body "$Bp")" "乙局其他事项段落。" "page B: section 六"
nowhere "$Bp" "page B: nothing of the CMS in a text part" "网站首页" "您当前的位置" "发布时间" "阅读次数" \
	"主办单位" "版权所有" "ICP"

# --- page C: 2019 format, UTF-8 declared by http-equiv, title variants of 二, 四, 五
{
	cat <<'EOF'
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>示例县丙局2019年政府信息公开工作年度报告</title>
</head>
<body>
<table width="100%" class="wrap"><tr><td class="nav"><a href="/">首页</a> &gt; 政府信息公开 &gt; 年度报告</td></tr>
<tr><td class="title" align="center"><font size="5">示例县丙局2019年政府信息公开工作年度报告</font></td></tr>
<tr><td class="text">
<p>丙局开篇段落：本报告由丙局办公室编制。</p>
<p><b>一、总体情况</b></p>
<p>丙局总体情况段落。</p>
<p><b>二、主动公开政府信息的情况</b></p>
<table border="1" cellspacing="0">
<tr><td colspan="5">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年新<br>制作数量</td><td colspan="2">本年新<br>公开数量</td><td>对外公开<br>总数量</td></tr>
<tr><td>规章</td><td>31</td><td colspan="2">32</td><td>33</td></tr>
<tr><td>规范性文件</td><td>34</td><td colspan="2">35</td><td>36</td></tr>
<tr><td colspan="5">第二十条第（五）项</td></tr>
<tr><td>信息内容</td><td>上一年<br>项目数量</td><td colspan="2">本年增/减</td><td>处理决定<br>数量</td></tr>
<tr><td>行政许可</td><td>37</td><td colspan="2">增5</td><td>38</td></tr>
<tr><td>其他对外管理服务事项</td><td>39</td><td colspan="2">减2</td><td>40</td></tr>
<tr><td colspan="5">第二十条第（六）项</td></tr>
<tr><td>信息内容</td><td>上一年<br>项目数量</td><td colspan="2">本年增/减</td><td>处理决定<br>数量</td></tr>
<tr><td>行政处罚</td><td>41</td><td colspan="2">+3</td><td>42</td></tr>
<tr><td>行政强制</td><td>43</td><td colspan="2">-1</td><td>44</td></tr>
<tr><td colspan="5">第二十条第（八）项</td></tr>
<tr><td>信息内容</td><td colspan="2">上一年项目数量</td><td colspan="2">本年增/减</td></tr>
<tr><td>行政事业性收费</td><td colspan="2">45</td><td colspan="2">0</td></tr>
<tr><td colspan="5">第二十条第（九）项</td></tr>
<tr><td>信息内容</td><td colspan="2">采购项目数量</td><td colspan="2">采购总金额</td></tr>
<tr><td>政府集中采购</td><td colspan="2">46</td><td colspan="2">640.492万元</td></tr>
</table>
<p><b>三、收到和处理政府信息公开申请情况</b></p>
<table border="1" cellspacing="0">
EOF
	echo "$T3HEAD21"
	html_rows 300 "" '<td>%s</td>' <<'EOF'
new|<td colspan="3">一、本年新收政府信息公开申请数量</td>
carried|<td colspan="3">二、上年结转政府信息公开申请数量</td>
open|<td rowspan="20">三、本年度办理结果</td><td colspan="2">（一）予以公开</td>
partial|<td colspan="2">（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td>
deny1|<td rowspan="8">（三）不予公开</td><td>1.属于国家秘密</td>
deny2|<td>2.其他法律行政法规禁止公开</td>
deny3|<td>3.危及“三安全一稳定”</td>
deny4|<td>4.保护第三方合法权益</td>
deny5|<td>5.属于三类内部事务信息</td>
deny6|<td>6.属于四类过程性信息</td>
deny7|<td>7.属于行政执法案卷</td>
deny8|<td>8.属于行政查询事项</td>
none1|<td rowspan="3">（四）无法提供</td><td>1.本机关不掌握相关政府信息</td>
none2|<td>2.没有现成信息需要另行制作</td>
none3|<td>3.补正后申请内容仍不明确</td>
skip1|<td rowspan="5">（五）不予处理</td><td>1.信访举报投诉类申请</td>
skip2|<td>2.重复申请</td>
skip3|<td>3.要求提供公开出版物</td>
skip4|<td>4.无正当理由大量反复申请</td>
skip5|<td>5.要求行政机关确认或重新出具已获取信息</td>
other|<td colspan="2">（六）其他处理</td>
total|<td colspan="2">（七）总计</td>
next|<td colspan="3">四、结转下年度继续办理</td>
EOF
	cat <<'EOF'
</table>
<p><b>四、因政府信息公开工作被申请行政复议、提起行政诉讼情况</b></p>
<table border="1" cellspacing="0">
EOF
	t4_html 700 "" '<td>%s</td>'
	cat <<'EOF'
</table>
<p><b>五、政府信息公开工作存在的主要问题及改进情况</b></p>
<p>丙局问题段落。</p>
<p><b>六、其他需要报告的事项</b></p>
<p>丙局其他事项段落。</p>
<p align="right">示例县丙局</p>
<p align="right">2020年1月31日</p>
</td></tr>
<tr><td class="foot">版权所有：示例县人民政府　技术支持：某某网络公司</td></tr>
</table>
</body>
</html>
EOF
} >html/c.html

C=html/c.nb
run import html/c.html
is "$rc" 0 "page C (2019 format, UTF-8 http-equiv): import exits 0"
is "$(head4 "$C")" "gov-2019|示例县丙局|2019|2020年1月31日" "page C: 2019 format, agency, year and date"
same "$(cells "$C" t2.)" "$(pairs t2 <<'EOF'
reg      made 31        published 32  total 33
norm     made 34        published 35  total 36
permit   prev_items 37  change +5     decisions 38
service  prev_items 39  change -2     decisions 40
penalty  prev_items 41  change +3     decisions 42
force    prev_items 43  change -1     decisions 44
fee      prev_items 45  change 0
purchase items 46       amount 640.492万元
EOF
)" "page C 表二: every cell in its place (增5, 减2, +3, -1 as signed changes; the amount with its unit)"
same "$(cells "$C" t3.)" "$(numbered t3 "$T3ROWS19" "$T3COLS" 300)" "page C 表三: all 161 cells in their places"
same "$(cells "$C" t4.)" "$(t4_cells 700)" "page C 表四: all 15 cells in their places"
is "$(part preface "$C")" "丙局开篇段落：本报告由丙局办公室编制。" "page C: the preface"
is "$(part s1.intro "$C")" "丙局总体情况段落。" "page C: s1.intro"
is "$(part s5.body "$C")" "丙局问题段落。" "page C: 五、政府信息公开工作存在的主要问题及改进情况 is section 五"
is "$(part s6.body "$C")" "丙局其他事项段落。" "page C: section 六"

# ================================================================ 3. our own exports
mkdir rt
for d in demo-2025 demo-2020; do
	cp "$TOP_SRCDIR/examples/$d.nb" "rt/$d.nb" || exit 99
	for to in text html; do
		ext=txt; [ $to = html ] && ext=html
		for v in utf-8 gb18030 gbk utf-8-crlf gbk-crlf; do
			enc=${v%-crlf} crlf=
			[ "$v" != "$enc" ] && crlf=--crlf
			name=$d.$v-$to
			"$NIANBAO" export --to $to --encoding "$enc" $crlf -o "rt/$name.$ext" "rt/$d.nb" 2>/dev/null ||
				diag "export of $name.$ext failed"
			run import "rt/$name.$ext"
			if [ "$rc" = 0 ] && [ -s "rt/$name.nb" ]; then ok "$name.$ext: import exits 0 and writes rt/$name.nb"
			else not_ok "$name.$ext: import exits 0 and writes rt/$name.nb"; diag "exit $rc"; sed 's/^/#   /' "$TMP/err" | head -5; fi
			same "$(cells "rt/$name.nb" t)" "$(cells "rt/$d.nb" t)" "$name.$ext: every cell as in $d.nb"
			same_parts "rt/$name.nb" "rt/$d.nb" "$name.$ext: every text part as in $d.nb"
			lacks "$TMP/err" "left out" "$name.$ext: nothing left out"
			is "$(head4 "rt/$name.nb")" "$(head4 "rt/$d.nb")" "$name.$ext: format, agency, year and date as in $d.nb"
		done
	done
done

# Other widths: labels and the title wrap differently.
for w in 40 120; do
	"$NIANBAO" export --to text --width $w -o "rt/w$w.txt" rt/demo-2025.nb 2>/dev/null
	run import "rt/w$w.txt"
	is "$rc" 0 "export --width $w: import exits 0"
	same "$(cells "rt/w$w.nb" t)" "$(cells rt/demo-2025.nb t)" "export --width $w: every cell as in demo-2025.nb"
	same_parts "rt/w$w.nb" rt/demo-2025.nb "export --width $w: every text part as in demo-2025.nb"
	is "$(head4 "rt/w$w.nb")" "$(head4 rt/demo-2025.nb)" "export --width $w: format, agency, year and date"
	lacks "$TMP/err" "left out" "export --width $w: nothing left out"
done

# Blank cells exported as blank come back blank.
cp "$TOP_SRCDIR/examples/demo-2025.nb" rt/blanks.nb
"$NIANBAO" set rt/blanks.nb auto_totals=no t2.norm.repealed= t3.carried.sci= t3.deny1.ngo= t4.cases.la_other= 2>/dev/null
for ext in txt html; do
	to=text; [ $ext = html ] && to=html
	"$NIANBAO" export --to $to --blank empty --force -o "rt/blanks-out.$ext" rt/blanks.nb 2>/dev/null
	run import -o "rt/blanks-$ext.nb" "rt/blanks-out.$ext"
	is "$rc" 0 "export --blank empty ($to): import exits 0"
	same "$(cells "rt/blanks-$ext.nb" t)" "$(cells rt/blanks.nb t)" "export --blank empty ($to): blank cells come back blank"
done

# ================================================================ 4. damaged input
# A synthetic copy of 崆峒镇 in its exact shape, each number different: 表二's k-th
# cell 40+k, 表三's 100+k, 表四's 500+k (表三 and 表四 print theirs after a no-break space).
awk -v nb="$(printf '\302\240')" '
/^二、主动公开政府信息情况$/ { s = 2 }
/^三、收到和处理政府信息公开申请情况$/ { s = 3 }
/^四、政府信息公开行政复议、行政诉讼情况$/ { s = 4 }
/^五、/ { s = 5 }
s == 2 && /^[0-9]+$/ { print 40 + ++k2; next }
s == 3 && $0 == nb "0" { print nb 100 + ++k3; next }
s == 4 && $0 == nb "0" { print nb 500 + ++k4; next }
{ print }
END { print k2, k3, k4 > "counts" }' src/2020-kongtong-town.txt >src/k-syn.txt
[ "$(cat counts)" = "22 161 15" ] || { echo "Bail out! 崆峒镇 fixture not as expected: $(cat counts)"; exit 1; }
T2ORDER19="reg.made reg.published reg.total norm.made norm.published norm.total
	permit.prev_items permit.change permit.decisions service.prev_items service.change service.decisions
	penalty.prev_items penalty.change penalty.decisions force.prev_items force.change force.decisions
	fee.prev_items fee.change purchase.items purchase.amount"
SYN2=$(seq_cells t2 "$T2ORDER19" 40)
SYN3=$(seq_cells t3 "$(cross "$T3ROWS19" "$T3COLS")" 100)
SYN4=$(seq_cells t4 "$(cross cases "$T4COLS")" 500)

run import src/k-syn.txt
is "$rc" 0 "synthetic 崆峒镇: import exits 0"
same "$(cells src/k-syn.nb t2.)" "$SYN2" "synthetic 崆峒镇 表二: all 22 cells in their places"
same "$(cells src/k-syn.nb t3.)" "$SYN3" "synthetic 崆峒镇 表三: all 161 cells in their places"
same "$(cells src/k-syn.nb t4.)" "$SYN4" "synthetic 崆峒镇 表四: all 15 cells in their places"

# Rows missing from 表三 (label and its 7 numbers): those rows blank, the rest right.
awk '$0 == "3.危及三安全一稳定" || $0 == "2.重复申请" { skip = 16 } skip > 0 { skip--; next } { print }' \
	src/k-syn.txt >src/k-missing.txt
run import src/k-missing.txt
is "$rc" 0 "表三 missing two rows: import exits 0"
same "$(cells src/k-missing.nb t3.)" "$(echo "$SYN3" | awk -F'\t' '$1 ~ /^t3\.(deny3|skip2)\./ { $0 = $1 "\t" } { print }')" \
	"表三 missing two rows: those rows blank, every other cell right"
same "$(cells src/k-missing.nb t2.)$(cells src/k-missing.nb t4.)" "$SYN2$SYN4" "表三 missing two rows: 表二 and 表四 right"
matches "$TMP/err" "^src/k-missing\.txt:[0-9]+: warning: " "表三 missing two rows: a warning (SOURCE:LINE: warning:)"

# One number dropped (a blank cell dropped in one-cell-per-line text): its place
# cannot be known, so that row's cells are unreadable, with a warning; every
# other row and the other tables are right.
awk '$0 == "二、上年结转政府信息公开申请数量" { n = NR } n && (NR == n + 6 || NR == n + 7) { next } { print }' \
	src/k-syn.txt >src/k-fewer.txt
run import src/k-fewer.txt
is "$rc" 0 "one number fewer than cells: import exits 0"
same "$(cells src/k-fewer.nb t3.)" "$(echo "$SYN3" | awk -F'\t' '$1 ~ /^t3\.carried\./ { $0 = $1 "\t?" } { print }')" \
	"one number fewer than cells: that row unreadable (?), no number shifted, every other row right"
same "$(cells src/k-fewer.nb t2.)$(cells src/k-fewer.nb t4.)" "$SYN2$SYN4" "one number fewer than cells: 表二 and 表四 right"
if grep -E '^src/k-fewer\.txt:[0-9]+: warning: ' "$TMP/err" | grep -F '申请处理情况表' | grep -qF unreadable; then
	ok "one number fewer than cells: a warning names 申请处理情况表 and says unreadable"
else
	not_ok "one number fewer than cells: a warning names 申请处理情况表 and says unreadable"; sed 's/^/#   /' "$TMP/err" | head -10
fi

# Section headings repeated: warnings at the repeats, numbers and texts right.
awk '/^六、其他需要报告的事项$/ { print "五、存在的主要问题及改进情况"; print "" }
{ print }
/^三、收到和处理政府信息公开申请情况$/ && !seen++ { print ""; print }' src/k-syn.txt >src/k-dup.txt
dup3=$(grep -n '^三、收到和处理政府信息公开申请情况$' src/k-dup.txt | sed -n '2s/:.*//p')
dup5=$(grep -n '^五、存在的主要问题及改进情况$' src/k-dup.txt | sed -n '2s/:.*//p')
run import src/k-dup.txt
is "$rc" 0 "repeated headings: import exits 0"
same "$(cells src/k-dup.nb t)" "$SYN2
$SYN3
$SYN4" "repeated headings: every cell right"
matches "$TMP/err" "^src/k-dup\.txt:$dup3: warning: " "repeated 三、 heading: a warning at its line ($dup3)"
matches "$TMP/err" "^src/k-dup\.txt:$dup5: warning: " "repeated 五、 heading: a warning at its line ($dup5)"
in_part s5.body src/k-dup.nb "一是主动公开的意识还不够强" "repeated headings: section 五 keeps its text"

# Prose where no part can hold it (under 四, a table section): left out, with its line.
awk '{ print } /^四、政府信息公开行政复议、行政诉讼情况$/ { print ""; print "本年度本镇未发生政府信息公开行政复议和行政诉讼案件，特此说明。" }' \
	src/k-syn.txt >src/k-leftout.txt
lo=$(grep -n '^本年度本镇未发生' src/k-leftout.txt | cut -d: -f1)
run import src/k-leftout.txt
is "$rc" 0 "prose under 四: import exits 0"
same "$(cells src/k-leftout.nb t)" "$SYN2
$SYN3
$SYN4" "prose under 四: every cell right"
matches "$TMP/err" "^src/k-leftout\.txt:$lo: left out" "prose under 四: SOURCE:$lo: left out"
nowhere src/k-leftout.nb "prose under 四: not put in a text part" "本年度本镇未发生政府信息公开行政复议和行政诉讼案件"

# Other encodings and line ends: the same report as from UTF-8.
iconv -f UTF-8 -t GB18030 src/2020-kongtong-town.txt >src/k-gb18030.txt
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE src/2020-kongtong-town.txt; } >src/k-utf16.txt
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE src/2020-kongtong-town.txt; } >src/k-utf16be.txt
{ printf '\357\273\277'; sed 's/$/\r/' src/2020-beidaihe-natural-resources.txt; } >src/b-bom-crlf.txt
for f in k-gb18030:"$K" k-utf16:"$K" k-utf16be:"$K" b-bom-crlf:"$B"; do
	n=${f%%:*} ref=${f#*:}
	run import "src/$n.txt"
	is "$rc" 0 "$n: import exits 0"
	same "$(cells "src/$n.nb" t)" "$(cells "$ref" t)" "$n: every cell as from the UTF-8 text"
	is "$(head4 "src/$n.nb")" "$(head4 "$ref")" "$n: format, agency, year and date as from the UTF-8 text"
	same_parts "src/$n.nb" "$ref" "$n: every text part as from the UTF-8 text"
done

# Nothing to import: exit 2, a message naming the file, no output.
mkdir bad
: >bad/empty.txt
printf '\n\n   \n\n' >bad/blank.txt
{ printf '一、总体情况\n'; head -c 4096 /dev/urandom; printf '\000\000\001\002\377'; head -c 4096 /dev/urandom; } >bad/random.bin
printf '这是一段与政府信息公开工作年度报告无关的文字。\n今天天气很好。\n' >bad/prose.txt
{ echo "某局2022年政府信息公开工作年度报告"; yes "六、其他需要报告的事项：重复的一行文字。" | head -c 52428800; } >"$TMP/huge.txt"
{ cat src/2020-kongtong-town.txt; yes "。" ; } 2>/dev/null | head -c 16777217 >bad/over16.txt
for f in bad/empty.txt bad/blank.txt bad/random.bin bad/prose.txt "$TMP/huge.txt" bad/over16.txt bad/missing.txt; do
	out=${f%.*}.nb
	run import "$f"
	is "$rc" 2 "$(basename "$f"): import exits 2"
	absent "$out" "$(basename "$f"): no $(basename "$out") is written"
	contains "$TMP/err" "$f" "$(basename "$f"): the message names the file"
done

# An existing OUT is never overwritten without --force.
cp "$K" "$TMP/k.saved"
run import src/2020-kongtong-town.txt
is "$rc" 2 "an existing default OUT is refused (exit 2)"
cmp -s "$K" "$TMP/k.saved" && ok "and left unchanged" || not_ok "and left unchanged"
cp "$B" taken.nb
run import -o taken.nb src/2020-kongtong-town.txt
is "$rc" 2 "an existing -o OUT is refused (exit 2)"
cmp -s taken.nb "$B" && ok "and left unchanged" || not_ok "and left unchanged"
run import --force -o taken.nb src/2020-kongtong-town.txt
is "$rc" 0 "--force replaces it (exit 0)"
same "$(cells taken.nb t)" "$(cells "$K" t)" "with the imported report"

run import
is "$rc" 2 "import without SOURCE exits 2"
run import --format 2018 src/2020-kongtong-town.txt -o fmt.nb
is "$rc" 2 "import --format 2018 exits 2"

# ================================================================ 5. new --from a published report
mkdir nf
cp "$TOP_SRCDIR/examples/demo-2020.nb" nf/last.nb
"$NIANBAO" export --to html -o nf/last.html nf/last.nb 2>/dev/null
"$NIANBAO" export --to text --encoding gb18030 -o nf/last.txt nf/last.nb 2>/dev/null
for src in last.html last.txt; do
	run new --from "nf/$src" "nf/from-$src.nb"
	is "$rc" 0 "new --from $src exits 0"
	is "$(meta "nf/from-$src.nb" template)|$(meta "nf/from-$src.nb" year)|$(meta "nf/from-$src.nb" agency)" \
		"gov-2021|2021|示例县市场监督管理局" "new --from $src: a 2021-format report of 2021, same agency"
	same "$(cells "nf/from-$src.nb" t3.carried. | sed 's/^t3\.carried\.//')" \
		"$(cells nf/last.nb t3.next. | sed 's/^t3\.next\.//')" \
		"new --from $src: 上年结转 is last year's 结转下年度, column by column"
	is "$(cells "nf/from-$src.nb" t | grep -v '^t3\.carried\.' | awk -F'\t' '$2 != ""' | wc -l)" 0 \
		"new --from $src: every other cell is blank"
done

# ================================================================ 6. options override the source
mkdir ov
run import --agency 崆峒镇 --year 2019 -o ov/k.nb src/2020-kongtong-town.txt
is "$rc" 0 "--agency --year: import exits 0"
is "$(meta ov/k.nb template)|$(meta ov/k.nb agency)|$(meta ov/k.nb year)" "gov-2019|崆峒镇|2019" \
	"--agency and --year replace the title's"
same "$(cells ov/k.nb t)" "$(cells "$K" t)" "--agency --year: the cells as without them"
run import --agency 测试局甲 --year 2023 -o ov/a.nb html/a.html
is "$(meta ov/a.nb template)|$(meta ov/a.nb agency)|$(meta ov/a.nb year)" "gov-2021|测试局甲|2023" \
	"--agency --year on page A: replaced, the format still from the labels"
same "$(cells ov/a.nb t)" "$(cells "$A" t)" "--agency --year on page A: the cells as without them"

# Reports without tables: the format by year, unless --format says.
narrative() {
	printf '%s\n\n' "$1" "一、总体情况" "测试局认真贯彻落实政府信息公开条例，全年主动公开信息若干条。" \
		"二、主动公开政府信息情况" "三、收到和处理政府信息公开申请情况" "四、政府信息公开行政复议、行政诉讼情况" \
		"五、存在的主要问题及改进情况" "公开内容还不够丰富。" "六、其他需要报告的事项" "无。"
}
narrative "测试局2020年政府信息公开工作年度报告" >ov/n2020.txt
narrative "测试局2022年政府信息公开工作年度报告" >ov/n2022.txt
narrative "测试局政府信息公开工作年度报告" >ov/noyear.txt
# try OUT OPTION...: "EXIT TEMPLATE YEAR" of importing into ov/OUT
try() {
	o=$1; shift
	"$NIANBAO" import -o "ov/$o" "$@" >"$TMP/out" 2>"$TMP/err"
	echo "$? $(meta "ov/$o" template) $(meta "ov/$o" year)"
}
is "$(try n1.nb ov/n2020.txt)" "0 gov-2019 2020" "no tables, 2020: the 2019 format by year"
is "$(try n2.nb --format 2021 ov/n2020.txt)" "0 gov-2021 2020" "no tables, 2020, --format 2021: the 2021 format"
is "$(try n3.nb --format auto ov/n2020.txt)" "0 gov-2019 2020" "no tables, 2020, --format auto: by year"
is "$(try n4.nb ov/n2022.txt)" "0 gov-2021 2022" "no tables, 2022: the 2021 format by year"
is "$(try n5.nb --format 2019 ov/n2022.txt)" "0 gov-2019 2022" "no tables, 2022, --format 2019: the 2019 format"
is "$(try n6.nb ov/noyear.txt)" "2  " "no tables, no year: the format cannot be told (exit 2)"
absent ov/n6.nb "no tables, no year: no file is written"
is "$(try n7.nb --year 2021 ov/noyear.txt)" "0 gov-2021 2021" "no tables, --year 2021: the 2021 format"
is "$(try n8.nb --year 2018 ov/noyear.txt)" "2  " "no tables, --year 2018: no format covers it (exit 2)"
contains "$TMP/err" "2018" "no tables, --year 2018: the message names 2018"

# A supervisor's folder of published reports: check reads each page or copy
# in memory, one line per report, with its real arithmetic errors.
mkdir sup
cp "$FIX"/*.txt sup/
"$NIANBAO" export --to html -o sup/demo.html "$TOP_SRCDIR/examples/demo-2025.nb" >/dev/null 2>&1
cp "$FIX/2020-kongtong-town.txt" sup/kt.txt
"$NIANBAO" import -o sup/kt.nb sup/kt.txt >/dev/null 2>&1
"$NIANBAO" set sup/kt.nb t3.new.person=9 >/dev/null 2>&1
run check sup
is "$rc" 2 "check FOLDER of pages: exit 2, since one of them cannot be read"
contains "$TMP/out" "sup/2020-beidaihe-natural-resources.txt: 北戴河区自然资源和规划局 2020: 4 errors, 0 warnings" \
	"check FOLDER: the scraped 北戴河 copy with its 4 arithmetic errors"
contains "$TMP/out" "sup/2020-kongtong-town.txt: 平凉市崆峒区崆峒镇人民政府 2020: 0 errors" \
	"check FOLDER: the 崆峒镇 copy without errors"
contains "$TMP/out" "sup/demo.html: 示例县自然资源局 2025: 0 errors" "check FOLDER: an HTML page"
contains "$TMP/out" "sup/2018-hengyang-land-old-format.txt: " "check FOLDER: the old-format copy has its line"
contains "$TMP/err" "2018" "check FOLDER: and the reason it cannot be read names 2018"
contains "$TMP/err" "sup/2020-kongtong-town.txt:627: left out" "check FOLDER: what a page's import left out is listed"
contains "$TMP/out" "sup/kt.nb: 平凉市崆峒区崆峒镇人民政府 2020: " "check FOLDER: a report file is checked"
lacks "$TMP/out" "sup/kt.txt" "check FOLDER: a page with its report file beside it is not checked twice"
run check sup/2020-beidaihe-natural-resources.txt
is "$rc" 1 "check PAGE: exit 1 for the page's arithmetic errors"

# Pages that put headings and paragraphs in table rows, a title broken by
# <br>, and a closing date in Chinese numerals.
cat >cms.html <<'HTML'
<html><head><meta charset="utf-8"><title>某县某局2021年政府信息公开工作年度报告_某县人民政府</title></head><body>
<h1>某县某局 <br> 2021年政府信息公开工作年度报告</h1>
<table><tr><td>一、总体情况</td></tr><tr><td>全年主动公开信息100条。</td></tr></table>
<table><tr><td colspan=10>三、收到和处理政府信息公开申请情况</td></tr>
<tr><td colspan=3>一、本年新收政府信息公开申请数量</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr></table>
<table><tr><td>五、存在的主要问题及改进情况</td></tr><tr><td>问题是有的。</td></tr></table>
<p>六、其他需要报告的事项</p><p>无。</p>
<p>某县某局</p><p>二〇二二年一月十四日</p>
HTML
run import -o cms.nb cms.html
is "$rc" 0 "headings in table rows: imported"
is "$(meta cms.nb agency)|$(meta cms.nb year)" "某县某局|2021" "a title broken by <br>: agency without the space, year"
is "$(meta cms.nb date)" "二〇二二年一月十四日" "a closing date in Chinese numerals is the date"
is "$(part s1.intro cms.nb)" "全年主动公开信息100条。" "a paragraph in a table row goes to the section it follows"
is "$(part s5.body cms.nb)" "问题是有的。" "a heading in a table row starts its section"
is "$(part s6.body cms.nb)" "无。" "the closing lines are not in section 六"
is "$(cells cms.nb t3.new.total)" "t3.new.total${TAB}1" "the table's row is placed"
contains "$TMP/err" "rows not found, left blank" "the missing rows are named"
contains "$TMP/err" "and 20 more" "a long list of missing rows is counted, not spelled out"
