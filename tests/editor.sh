# editor.sh - tmux scenarios of the editor's one input loop: what happens when
# the terminal goes away or changes size while a question is on screen, and
# the keys no other scenario sends (undo, redo, problems list, auto totals,
# Tab, a bracketed paste).  Every wait polls the screen or the files.
# Run by `make check` (TAP); by hand as tests/tui.sh says.

. "$TOP_SRCDIR/tests/e2e-lib.sh"
. "$TOP_SRCDIR/tests/tmux-lib.sh"

[ -x "$NIANBAO" ] || { echo "Bail out! $NIANBAO is not an executable"; exit 1; }
DEMO=$TOP_SRCDIR/examples/demo-2025.nb
QUESTION=$(frag 'Save the changes before quitting?  Y save   N discard   C cancel')

# _gone PID: the process has ended (a zombie nobody reaps counts as ended).
_gone() {
	[ -d "/proc/$1" ] || return 0
	[ "$(sed 's/^.*) //' "/proc/$1/stat" | cut -c1)" = Z ]
}
# gone_within SECONDS PID DESC
gone_within() {
	if T=$1 poll _gone "$2"; then ok "$3"; else not_ok "$3"; ps -o pid,stat,pcpu,cmd -p "$2" | sed 's/^/#   /'; kill -9 "$2" 2>/dev/null; fi
}
# question_after_typing TEXT: type TEXT into section 一, then ^Q; the question shows.
question_after_typing() {
	key M-1
	wait_for 一、总体情况 >/dev/null
	type_ "$1"
	wait_for "$1" >/dev/null
	key C-q
	shows "$QUESTION" "^Q asks about the unsaved text"
}

# ---- 1. the terminal goes away while ^Q's question is on screen --------------

open_demo
question_after_typing 挂断之前的文字
PID=$(pane '#{pane_pid}')
tm kill-server
gone_within 2 "$PID" "the editor ends within 2 s of the terminal going away during a question"
file_gets "$J" 挂断之前的文字 "the journal holds the text typed before the hang-up"
absent "$L" "the lock is released"

# ---- 2. SIGTERM while ^Q's question is on screen ------------------------------

open_demo
question_after_typing 终止之前的文字
PID=$(pane '#{pane_pid}')
kill -TERM "$PID"
gone_within 2 "$PID" "the editor ends within 2 s of SIGTERM during a question"
file_gets "$J" 终止之前的文字 "the journal holds the text typed before SIGTERM"
absent "$L" "the lock is released"
tm kill-server >/dev/null 2>&1

# ---- 3. a resize while a question is on screen (issue 10, item 1) -------------
# ask() used to take the new size itself, so the next redraw kept a row
# signature array for 24 rows and wrote past it at 40 (ASan: heap overflow).

open_demo 80 24
key NPage
type_ x
key C-q
shows "$QUESTION" "^Q asks at 80x24"
tm resize-window -t "$W" -x 120 -y 40
T=5 poll sh -c "[ \"\$(tmux -L $SOCK display-message -p -t $W '#{window_height}')\" = 40 ]"
shows "$QUESTION" "the question is still asked after growing to 120x40"
key c
hides "$QUESTION" "C cancels the question"
type_ y
shows_re 'xy|yx' "the editor goes on at 120x40: the typed text shows"
if _dead; then not_ok "the editor is still running after the resize"; _why; else ok "the editor is still running after the resize"; fi
tm resize-window -t "$W" -x 80 -y 24
key C-q
shows "$QUESTION" "^Q asks again after shrinking to 80x24"
key n
ends "N quits (exit 0)"

# ---- 4. tables that can be read, at 80x24 and 100x30 ---------------------------

# _stacked TOP BOTTOM: a header shows TOP on one line and BOTTOM right under it,
# starting in the same screen column (a two-line column header such as 结果/维持).
_stacked() {
	snap && python3 - "$1" "$2" "$TMP/screen" <<'PY'
import sys, unicodedata
top, bot, path = sys.argv[1], sys.argv[2], sys.argv[3]
def cols(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = open(path, encoding="utf-8").read().split("\n")
for above, line in zip(lines, lines[1:]):
    k = line.find(bot)
    while k >= 0:
        x = cols(line[:k])
        for m in range(len(above)):
            if cols(above[:m]) == x and above.startswith(top, m):
                sys.exit(0)
        k = line.find(bot, k + 1)
sys.exit(1)
PY
}
for size in "80 24" "100 30"; do
	set -- $size
	open_demo "$1" "$2"
	key M-3
	shows 三、收到和处理政府信息公开申请情况 "$1x$2: M-3 shows table 三"
	i=0
	while [ $i -lt 4 ]; do key Down; i=$((i + 1)); done
	focus_is '（三）不予公开／1.属于国家秘密' '' "$1x$2: 4 x Down reach （三）不予公开 / 1.属于国家秘密"
	shows_re '│ *三、本年度办理结果 *$' "$1x$2: the group 三、本年度办理结果 is a heading of its own"
	shows_re '│ +（三）不予公开 *$' "$1x$2: the group （三）不予公开 is a heading above its items"
	shows_re '│ +1\.属于国家秘密 +[0-9]' "$1x$2: the item 1.属于国家秘密 shows in full with its values"
	shows_re '│ +（二）部分公开（区分' "$1x$2: the long label （二）部分公开… starts in full"
	if [ "$1" = 80 ]; then
		shows_re '^ +处理的|│ +.*不计其他情形' "$1x$2: and goes on on the next line instead of being cut"
	fi
	key M-4
	shows 四、政府信息公开行政复议、行政诉讼情况 "$1x$2: M-4 shows table 四"
	if T=5 poll_screen _stacked 结果 维持; then ok "$1x$2: the header 结果维持 shows as 结果 over 维持"
	else not_ok "$1x$2: the header 结果维持 shows as 结果 over 维持"; dump; fi
	if T=5 poll_screen _stacked 结果 纠正; then ok "$1x$2: 结果纠正 shows as 结果 over 纠正, unlike 结果维持"
	else not_ok "$1x$2: 结果纠正 shows as 结果 over 纠正, unlike 结果维持"; dump; fi
	shows 行政复议 "$1x$2: the spanning header 行政复议 is above its columns"
	tm kill-server
done

# Sideways at 80x24: the labels and the headers stay while the numbers scroll.
open_demo 80 24
key M-3
shows 三、收到和处理政府信息公开申请情况 "80x24: table 三"
i=0
while [ $i -lt 6 ]; do key Right; i=$((i + 1)); done
shows_re '│一、本年新收政府信息公 +0 +0 +2 +1 +44$' "6 x Right scroll to the column 总计 (44), under frozen labels"
shows_re '总计' "the header of the scrolled-to column shows"
if T=5 poll_screen _stacked 法人或其他组织 科研; then ok "the spanning header 法人或其他组织 stays above its columns still on screen"
else not_ok "the spanning header 法人或其他组织 stays above its columns still on screen"; dump; fi
tm kill-server

# ---- 5. honest hints: a typo names the typed cell first -----------------------
# The demo's table 三 is complete and right; 37 for 36 in 一、本年新收/自然人
# breaks the column's S1.  The hint names the cell just typed with 36 first,
# then the template's usual fix (四、结转下年度继续办理), never only the latter.

open_demo
key M-3
focus_is 一、本年新收政府信息公开申请数量 自然人 "table 三, focus on 一、本年新收 / 自然人"
key BSpace BSpace BSpace
type_ 37
key Enter
status_shows '本年新收[^；;]*自然人.{0,3}(应为|should be) ?36' "the status names the typed cell first, with 36"
status_shows '(应为|should be) ?36.*结转下年度继续办理' "and the usual fix (结转下年度继续办理) second"
MODIFIED_RE=$(re_quote "[$(tr_ modified)]")
row_shows 1 "$MODIFIED_RE" "the title says modified"
key C-z
shows_re '│一、本年新收[^ ]* +36 ' "^Z puts 36 back"
row_hides 1 "$MODIFIED_RE" "back at the saved state, the report is no longer modified"
key C-q
if T=3 poll _dead; then ok "^Q quits at once: nothing to save"; else not_ok "^Q quits at once: nothing to save"; snap; dump; key n; fi

# ---- 6. done means done: what is left, F5, undo in one step ---------------------

rm -f "$F"
"$NIANBAO" new --agency 测试县测试局 --year 2025 "$F" >/dev/null 2>&1
tm kill-server >/dev/null 2>&1
rm -f "$J" "$L"
start
shows_re '^ nianbao' "a new empty report opens"
key F2
shows_re '待办 +三 依申请公开：还有[0-9]+个空白单元格' "F2 says what table 三 lacks: 还有N个空白单元格"
shows_re '待办 +一 总体情况还是空的' "and which parts are still empty"
key Escape
key M-3
shows 三、收到和处理政府信息公开申请情况 "M-3 shows table 三"
key F5
status_shows "$(fragre 'Filled %zu blank cells of %s with 0 (^Z undoes it in one step).')" "F5 fills the blanks of table 三 with 0"
shows_re '│ *（一）予以公开 +0( +0)+$' "the cells show 0"
key C-z
shows_re '│ *（一）予以公开 *$' "one ^Z takes them all back to blank"
key C-y
shows_re '│ *（一）予以公开 +0( +0)+$' "^Y fills them again"
key F2
shows_re '待办 +一 总体情况还是空的' "F2 again"
hides '三 依申请公开：还有' "table 三 is no longer listed as blank"
key Escape
key C-q
shows "$QUESTION" "^Q asks"
key n
ends "N quits"

# ---- 7. the whole guidance -------------------------------------------------------

open_demo
key M-6
shows 六、其他需要报告的事项 "M-6 shows section 六"
hides 没有的可以不写 "the end of its guidance is cut above the text"
key F6
shows 没有的可以不写 "F6 shows the whole guidance, to its last sentence"
shows "$(frag '(the end of the guidance)')" "and says it is the end"
key Escape
hides "$(frag '(the end of the guidance)')" "Esc goes back to the page"
shows 六、其他需要报告的事项 "section 六 again"
key M-1
key PPage
shows 开篇段落 "the opening paragraph (a part without a section)"
key F6
shows_re '^ 开篇段落' "F6 there titles the guidance with the part's name (the keyfuzz crash)"
key Escape
if _dead; then not_ok "the editor is still running"; _why; else ok "the editor is still running"; fi
tm kill-server
open_demo 120 50
key M-6
shows 六、其他需要报告的事项 "120x50: section 六"
shows 没有的可以不写 "a tall window shows the whole guidance of section 六 above the text"
tm kill-server

# ---- 8. keys no other scenario sent: a bracketed paste, ^Z/^Y, Tab, ^T, ^E ------

rm -f "$F"
"$NIANBAO" new --agency 测试县测试局 --year 2025 "$F" >/dev/null 2>&1
tm kill-server >/dev/null 2>&1
rm -f "$J" "$L"
start
shows_re '^ nianbao' "a new empty report opens"
key M-3
focus_is 一、本年新收政府信息公开申请数量 自然人 "table 三, first cell"
tm set-buffer -b p -- "$(printf '3\t1 0\t0\n2\t0\t0')"
tm paste-buffer -p -b p -t "$W"
shows_re '│一、本年新收[^ ]* +3 +1 +0 +0( +[0-9]*)*$' "a bracketed paste fills the row across: 3 1 0 0"
shows_re '│二、上年结转[^ ]* +2 +0 +0( +[0-9]*)*$' "and its second line the next row"
status_shows "$(fragre 'Pasted %d values.')" "the status says the values were pasted"
key C-z
shows_re '│一、本年新收[^ ]* *$' "^Z takes the whole paste back in one step"
shows_re '│二、上年结转[^ ]* *$' "both rows"
key C-y
shows_re '│一、本年新收[^ ]* +3 +1 +0 +0( +[0-9]*)*$' "^Y pastes them again"
key Tab
focus_is 一、本年新收政府信息公开申请数量 法人或其他组织／商业 "Tab goes to the next cell (商业企业)"
key BTab
focus_is 一、本年新收政府信息公开申请数量 自然人 "Shift-Tab back to 自然人"
key C-t
status_shows "$(fragre 'Auto totals off: totals are kept as typed and checked.')" "^T turns auto totals off"
shows "$(frag 'Auto totals off (^T): totals are typed and checked.')" "the table says so"
key C-t
status_shows "$(fragre 'Auto totals on: totals are computed from the other cells.')" "^T turns them on again"
key C-e
shows "$(frag 'Errors and warnings: Enter goes to the cell, Esc closes')" "^E opens the problems list"
shows_re '待办 +一 总体情况还是空的' "which lists what is left"
key Escape
hides "$(frag 'Errors and warnings: Enter goes to the cell, Esc closes')" "Esc closes it"
key F2
shows "$(frag 'Errors and warnings: Enter goes to the cell, Esc closes')" "F2 opens it too"
key Down
key Enter
hides "$(frag 'Errors and warnings: Enter goes to the cell, Esc closes')" "Enter goes to the chosen line"
key C-q
shows "$QUESTION" "^Q asks"
key n
ends "N quits"

# ---- 9. Chinese line breaking in the text (issue 11, item 6) -------------------
# The text wrapped where a line was full: lines started with ， or 。 and a
# number was cut from its unit ("12 / 月31日").

# _joined_has TEXT: the pane right of the navigator holds TEXT, lines joined.
_joined_has() { snap && sed 's/^[^│]*│//' "$TMP/screen" | tr -d ' \n' | grep -qF -- "$1"; }
# _bad_breaks: the lines of the pane that start with closing punctuation, or
# with a digit or a unit while the line above ends with a digit.
_bad_breaks() {
	sed 's/^[^│]*│ *//; s/ *$//' "$TMP/screen" | awk '
		/^(，|。|、|；|：|）|》|”)/ { print NR ": " $0 }
		prev ~ /[0-9]$/ && /^([0-9]|月|年|日|件|篇|次|场)/ { print NR ": " $0 " (after " prev ")" }
		{ prev = $0 }'
}
NARRATIVE=截至2025年12月31日，本机关共收到政府信息公开申请25件，办结24件。其中予以公开12件，部分公开3件，不予公开2件，无法提供5件，不予处理1件，其他处理1件。全年召开新闻发布会4次，发布政策解读稿件18篇，回应社会关切9次。2025年12月，开展政务公开培训3场，参训人员达到120人次，覆盖各科室、各下属单位。
open_demo 80 24
key M-1
wait_for 一、总体情况 >/dev/null
type_ "$NARRATIVE"
if T=5 poll_screen _joined_has 参训人员达到120人次; then ok "80x24: a long narrative is typed into section 一"; else not_ok "80x24: a long narrative is typed into section 一"; dump; fi
bad=$(_bad_breaks)
is "$bad" "" "80x24: no line of the narrative starts with ， or 。, no number is split or cut from its unit"
key C-q
shows "$QUESTION" "^Q asks"
key n
ends "N quits"

# The problems list shows the review of the words as check does, and Enter on
# a finding about a text puts the cursor on its place: typing there lands
# right before the number the tables contradict.
tm kill-server >/dev/null 2>&1
rm -f "$F" "$F~" "$J" "$L"
cp "$TOP_SRCDIR/tests/review/planted-2021.nb" "$F" && chmod u+w "$F"
start
poll_screen _has_re '^ nianbao' || { not_ok "the editor opens the planted report"; dump; }
key C-e
shows "fact.new" "^E lists the number the tables contradict (fact.new), as check does"
shows "hygiene.doubled" "and the slips of the text"
shows "require.no-request" "and the sentences that contradict the tables"
key Enter
hides "$(frag 'Errors and warnings: Enter goes to the cell, Esc closes')" "Enter on a finding about a text closes the list"
type_ "X"
key C-s
key C-q
ends "^Q quits after the save"
case $(text_of "$F" s1.intro) in
*全年新收政府信息公开申请X二十五件*) ok "the cursor was on the contradicted number: X is typed right before it" ;;
*) not_ok "the cursor was on the contradicted number: X is typed right before it"; diag "$(text_of "$F" s1.intro)" ;;
esac

# a in the problems list acknowledges the chosen warning with a typed reason:
# it leaves the list and the count, and the reason is saved in the report.
restart
poll_screen _has_re '^ nianbao' || { not_ok "the editor opens the planted report again"; dump; }
key C-e
shows "fact.accepted" "the problems list again (the first: fact.accepted, since X broke the 二十五 statement)"
# ack_chosen REASON WHAT: A on the chosen line of the open problems list, the
# reason typed, the list closed, the report saved and the editor quit.
ack_chosen() {
	key a
	shows "$(frag 'Reason:')" "A on $2 asks for the reason"
	type_ "$1"
	key Enter
	hides "$(frag 'Reason:')" "Enter takes the reason"
	key Escape
	key C-s
	key C-q
	ends "^Q quits after the save"
}
ack_chosen 口径含补正申请 "a warning of the words"
run check "$F"
contains "$TMP/out" "acknowledged fact.accepted" "check lists it apart"
contains "$TMP/out" "0 errors, 18 warnings" "and does not count it (20 planted, less the one X broke and the one acknowledged)"
contains "$TMP/out" "(口径含补正申请)" "with the reason typed in the editor"

# A warning of the tables' rules (the cross-year X1, with last year's report
# named in the file) is acknowledged the same way in the problems list.
tm kill-server >/dev/null 2>&1
rm -f "$F" "$F~" "$J" "$L" "$TMP/home/.local/state/nianbao/places"
sed 's/^year = 2025$/year = 2024/' "$DEMO" >"$TMP/w/last.nb"
sed 's/^year = 2025$/year = 2025\nprevious = |last.nb|/' "$DEMO" >"$F" && chmod u+w "$F"
run check "$F"
contains "$TMP/out" "warning X1: Column \"自然人\"" "the report breaks X1 against last year's, named in it"
start
poll_screen _has_re '^ nianbao' || { not_ok "the editor opens the report with last year's"; dump; }
key C-e
shows "X1" "^E lists the cross-year warning"
ack_chosen 上年报告结转数有误 "a rule's warning"
run check "$F"
contains "$TMP/out" "acknowledged X1: Column \"自然人\"" "check lists the rule's warning apart"
contains "$TMP/out" "(上年报告结转数有误)" "with the reason typed in the editor"

done_testing
