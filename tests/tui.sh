# tui.sh - end-to-end tests of the full-screen editor, driven through tmux
# (STYLE.md habit 12): a private tmux server runs the real binary in a
# 100x30 terminal under zh_CN.UTF-8, keys go in with send-keys, and what the
# officer sees comes back with capture-pane.  The files are checked too.
# Run by `make check` (TAP); by hand, from the build directory:
#   NIANBAO=$PWD/nianbao NIANBAO_TEMPLATE_PATH=$srcdir/templates \
#   NIANBAO_LOCALEDIR=$PWD/locale TOP_SRCDIR=$srcdir sh $srcdir/tests/tui.sh
# POSIX sh, plus `sleep 0.1` and GNU `wc -L` (display width).
# Never a fixed sleep to wait for the screen: wait_for polls it.
#
# Messages of the editor are matched through gettext(1), so the test holds
# while po/zh_CN.po is being translated; where possible it matches things
# that no translation changes: template labels, cell values, file contents.

. "$TOP_SRCDIR/tests/e2e-lib.sh"

. "$TOP_SRCDIR/tests/tmux-lib.sh"

MODIFIED="[$(tr_ modified)]"
MODIFIED_RE=$(re_quote "$MODIFIED")
TEXT1='二〇二五年我局主动公开政府信息1126条。'
TEXT2='断电之前输入的文字'
SECTION3=三、收到和处理政府信息公开申请情况
NEW=一、本年新收政府信息公开申请数量
OPEN=三、本年度办理结果／（一）予以公开
PERSON=申请人情况／自然人

# ---- 1. a new report --------------------------------------------------------

[ -x "$NIANBAO" ] || { echo "Bail out! $NIANBAO is not an executable"; exit 1; }
start
if wait_for "$(frag "Start from last year's report (Enter: none):")"; then ok "new file: the form first offers to start from last year's report"
else
	not_ok "new file: the form first offers to start from last year's report"
	dump
	echo "Bail out! the editor does not start"
	exit 1
fi
key Enter
shows "$(frag 'Agency:')" "Enter (no last year's report) goes on to the agency"
type_ 测试县测试局
shows 测试县测试局 "the agency is echoed as typed (Chinese)"
key Enter
shows "$(frag 'Year of the report:')" "the form asks for the year"
key BSpace BSpace BSpace BSpace BSpace BSpace
type_ 2025
shows_re '^[^0-9]+ 2025$' "the default year is replaced by 2025"
key Enter
shows "$(frag 'Format (template):')" "the form asks for the format"
shows_re '^[^ ].* gov-2021$' "the default format for 2025 is gov-2021"
key Enter
shows_re "$(fragre 'Agency kind (%s):').*人民政府 部门 其他.* 部门$" "the form asks for the agency's kind, offering the one its name suggests (…局: 部门)"
key Enter
row_shows 1 '测试县测试局2025' "the title shows the agency and the year"
present "$F" "the report file is created"
contains "$F" "template = gov-2021" "the file uses the gov-2021 template"
contains "$F" "agency = |测试县测试局|" "the file records the agency"
contains "$F" "year = 2025" "the file records the year"
contains "$F" "kind = |部门|" "the file records the kind"
PID1=$(pane '#{pane_pid}')
is "$(lock_pid)" "$PID1" "the lock names the editor's pid"
absent "$J" "no journal before any edit"

# ---- 2. table 三: totals and relations ---------------------------------------

key M-3
shows "$SECTION3" "M-3 shows section 三"
focus_is "$NEW" "$PERSON" "the focus is on the first editable cell: $NEW / 自然人"
snap
cy=$(($(pane '#{cursor_y}') + 1))
cx=$(pane '#{cursor_x}')
hx=$(grep -E '│.* 自然( |人)' "$TMP/screen" | head -n 1 | sed 's/自然.*//' | wc -L)	# the header 自然人 may wrap: 自然/人
row_shows "$cy" '│一、本年新收' "the cursor is on the row 一、本年新收"
is "$cx" "$hx" "the cursor is in the column 自然人"
type_ 5
row_shows "$cy" '│一、本年新收[^ ]* +5$' "a typed 5 shows in the cell"
key Enter
shows_re '│一、本年新收[^ ]* +5 +5$' "Enter stores it: the row's 总计 shows 5"
# The column is being typed top to bottom: its S1 relation still reads blank
# cells, so it is not complete yet, not wrong (issue 11: honest hints).
status_shows "$(fragre 'Not complete yet: a relation of this cell still reads %zu blank cell(s); it is checked once they are filled (check and export count blanks as 0).')" "the status line says the column's relation is not complete yet"
status_hides '自然人.*[（(]5[）)]' "and does not call it broken"
_yellow() { colour_row "$1" | grep -qF "${ESC}[33m"; }
if T=5 poll_screen _yellow 一、本年新收 && _not_red 一、本年新收; then ok "its cells are in the to-do colour, not red"
else not_ok "its cells are in the to-do colour, not red"; colour_row 一、本年新收 | sed 's/^/#   /'; fi
focus_is 二、上年结转政府信息公开申请数量 "$PERSON" "Enter moved down to 二、上年结转 / 自然人"
row_shows 1 "$MODIFIED_RE" "the title says the report is modified"
key Down
focus_is "$OPEN" "$PERSON" "Down goes to （一）予以公开 / 自然人"
type_ 5
key Enter
shows_re '│ *（一）予以公开 +5 +5$' "（一）予以公开: 5, its 总计 5"
status_hides '自然人' "the S1 error for 自然人 is gone"
if T=5 poll_screen _not_red 一、本年新收; then ok "nothing is red any more"
else not_ok "nothing is red any more"; colour_row 一、本年新收 | sed 's/^/#   /'; fi
focus_is "（二）部分公开" "自然人" "Enter moved down to （二）部分公开 / 自然人 (the long label keeps its item and the column)"
i=0
while [ $i -lt 20 ]; do key Down; i=$((i + 1)); done
focus_is "三、本年度办理结果／（七）总计" "$PERSON" "20 x Down reach （七）总计 / 自然人"
shows_re '│ *（七）总计 +5 +5$' "（七）总计 / 自然人 is computed: 5"
key C-s
hides "$MODIFIED" "^S saves: the title no longer says modified"
file_gets "$F" "t3.total.person = 5" "the saved file holds （七）总计 / 自然人"
is "$(value t3.new.person)" 5 "get t3.new.person: 5"
is "$(value t3.new.total)" 5 "get t3.new.total: 5 (row total)"
is "$(value t3.open.person)" 5 "get t3.open.person: 5"
is "$(value t3.total.person)" 5 "get t3.total.person: 5"
is "$(value t3.carried.person)" "" "get t3.carried.person: blank"
absent "$J" "the save removed the journal"

# ---- 3. Chinese text in section 一 -------------------------------------------

key M-1
shows 一、总体情况 "M-1 shows section 一"
type_ "$TEXT1"
shows "$TEXT1" "the Chinese text shows as typed"
row_shows 1 "$MODIFIED_RE" "the title says modified"
key C-s
hides "$MODIFIED" "^S saves the text"
file_gets "$F" "$TEXT1" "the file holds the text"
is "$(text_of "$F" s1.intro)" "$TEXT1" "the text is the part s1.intro, intact"
cp "$F" "$TMP/saved.nb"

# ---- 4. resizing --------------------------------------------------------------

rule99=$(printf '%099d' 0 | tr 0 '#' | sed 's/#/─/g')
rule79=$(printf '%079d' 0 | tr 0 '#' | sed 's/#/─/g')
tm resize-window -t "$W" -x 120 -y 40
shows_re "│$rule99\$" "120x40: the page is redrawn to the new width"
shows "$TEXT1" "120x40: the text is still there"
row_shows 40 '\^S' "120x40: the key hints are on the new last line"
tm resize-window -t "$W" -x 70 -y 20
shows "$(frag 'Please enlarge the window to at least 80x24.')" "70x20: the editor asks for a larger window"
hides "$TEXT1" "70x20: nothing else is drawn"
tm resize-window -t "$W" -x 100 -y 30
shows_re "│$rule79\$" "100x30: the page is redrawn"
shows "$TEXT1" "100x30: the text is back"
row_shows 1 '测试县测试局2025' "100x30: the title is back"
row_shows 30 '\^S' "100x30: the key hints are on the last line"
row_hides 1 "$MODIFIED_RE" "resizing changed nothing in the report"
same "$F" "$TMP/saved.nb" "resizing left the file alone"

# ---- 5. save, quit, reopen ----------------------------------------------------

key C-s
key C-q
ends "^S then ^Q quits at once (exit 0)"
absent "$L" "quitting released the lock"
absent "$J" "no journal after a clean quit"
same "$F" "$TMP/saved.nb" "the file is as saved"
restart
row_shows 1 '测试县测试局2025' "reopened: the title shows the agency"
key M-1
shows "$TEXT1" "reopened: the text of section 一 is there"
key Escape
type_ 3
shows "$SECTION3" "Esc then 3 jumps to section 三 like M-3"
shows_re '│一、本年新收[^ ]* +5 +5$' "reopened: 一、本年新收 / 自然人 and its total are 5"
shows_re '│ *（一）予以公开 +5 +5$' "reopened: （一）予以公开 is 5"
row_hides 1 "$MODIFIED_RE" "reopened: nothing is modified"

# ---- 9. invalid table input ----------------------------------------------------

focus_is "$NEW" "$PERSON" "the focus is on 一、本年新收 / 自然人 (holding 5)"
type_ abc
status_shows "$(fragre 'A table cell takes a number, / for not applicable, or nothing.')" \
    "typing abc in a cell is refused with a message"
shows_re '│一、本年新收[^ ]* +5 +5$' "the old value 5 stays"
row_hides 1 "$MODIFIED_RE" "abc changed nothing"
type_ 1x
key Enter
status_shows '1x' "1x Enter is refused, naming what was typed"
focus_is "$NEW" "$PERSON" "a refused value keeps the focus on its cell"
key Escape
shows_re '│一、本年新收[^ ]* +5 +5$' "Esc cancels it: the old value 5 is back"
row_hides 1 "$MODIFIED_RE" "still nothing modified"
is "$(value t3.new.person)" 5 "the file still has 5"

# ---- 8. quitting with unsaved changes -----------------------------------------

cp "$F" "$TMP/before-quit.nb"
key M-1
shows "$TEXT1" "section 一 again"
status_hides '1x' "the table's refusal is not left on the status line of section 一"
type_ 不要保存
shows 不要保存 "an edit"
row_shows 1 "$MODIFIED_RE" "the title says modified"
key C-q
QUESTION=$(frag 'Save the changes before quitting?  Y save   N discard   C cancel')
shows "$QUESTION" "^Q asks what to do with the changes"
key c
hides "$QUESTION" "C cancels the question"
shows 不要保存 "the edit is still on screen"
if _dead; then not_ok "the editor is still running"; else ok "the editor is still running"; fi
file_gets "$J" 不要保存 "meanwhile the journal holds the edit"
type_ 再改
key C-q
shows "$QUESTION" "^Q asks again"
# The loop keeps ticking under the question: the journal catches up with
# the text typed just before ^Q (and N below must remove it all the same).
file_gets "$J" 再改 "while the question is asked, the journal takes the last text"
key n
ends "N quits without saving (exit 0)"
same "$F" "$TMP/before-quit.nb" "the file is unchanged"
absent "$J" "the discarded work leaves no journal (nothing to recover next time)"
rm -f "$J"	# the next scenarios start clean even when that failed
absent "$L" "the lock is released"

# ---- 6. a crash: kill -9, journal, recovery -------------------------------------

restart
row_shows 1 '测试县测试局2025' "the editor is open again"
key M-1
shows "$TEXT1" "section 一"
type_ "$TEXT2"
shows "$TEXT2" "new text typed"
file_gets "$J" "$TEXT2" "the journal holds all the text within seconds of the typing"
PID=$(pane '#{pane_pid}')
kill -9 "$PID"
if T=5 poll _dead; then is "$(pane '#{pane_dead_signal}')" 9 "the editor is killed with SIGKILL"
else not_ok "the editor is killed with SIGKILL"; fi
present "$J" "the journal survives the crash"
present "$L" "so does the (now stale) lock"
if grep -qF -- "$TEXT2" "$F"; then not_ok "the file itself lacks the unsaved text"; else ok "the file itself lacks the unsaved text"; fi
restart
shows_re "[^0-9]${PID}[^0-9]" "reopening names the stale lock's pid (the killed editor)"
key t
RECOVER=$(frag 'Unsaved work from an earlier session was found. Recover it?  Y recover   N discard')
shows "$RECOVER" "after taking over the lock, recovery is offered"
key y
shows "$(frag 'Recovered the unsaved work. Press ^S to save it.')" "the work is recovered"
row_shows 1 "$MODIFIED_RE" "recovered work counts as unsaved"
key M-1
shows "$TEXT2" "the recovered text is on screen"
key C-s
hides "$MODIFIED" "^S saves it"
file_gets "$F" "$TEXT2" "the file holds the recovered text"
case $(text_of "$F" s1.intro) in
*"$TEXT2"*"$TEXT1"* | *"$TEXT1"*"$TEXT2"*) ok "both texts are in s1.intro" ;;
*) not_ok "both texts are in s1.intro"; text_of "$F" s1.intro | sed 's/^/#   /' ;;
esac
absent "$J" "the journal is gone after the save"
is "$(lock_pid)" "$(pane '#{pane_pid}')" "the lock is the new editor's"

# ---- 7. a second editor on a locked file -----------------------------------------

PID1=$(pane '#{pane_pid}')
cp "$F" "$TMP/locked.nb"
tm new-window -d -t nb -n w2 "$NB"
W=nb:w2
shows_re "[^0-9]${PID1}[^0-9]" "a second editor names the pid of the first"
shows "$F" "it names the file being edited"
key r
row_shows 1 "$(re_quote "[$(tr_ read-only)]")" "R opens it read-only"
key M-1
shows "$TEXT2" "the read-only editor shows the report"
type_ ABC试写
status_shows "$(fragre 'This file is read-only: changes are not possible.')" \
    "typing is refused in read-only mode"
if T=5 poll_screen _text_is "$(text_of "$F" s1.intro)"; then ok "the text on screen is the file's: nothing typed got in"
else not_ok "the text on screen is the file's: nothing typed got in"; dump; fi
key M-3
shows "$SECTION3" "section 三 in the read-only editor"
type_ 7
key Enter
focus_is 二、上年结转政府信息公开申请数量 "$PERSON" "Enter still moves down in the read-only table"
shows_re '│一、本年新收[^ ]* +5 +5$' "the typed 7 did not reach the cell"
key C-s
status_shows "$(fragre 'This file is read-only: it cannot be saved.')" "^S is refused"
key C-q
ends "^Q quits the read-only editor at once"
same "$F" "$TMP/locked.nb" "the read-only editor did not change the file"
absent "$J" "nor write a journal"
is "$(lock_pid)" "$PID1" "the lock is still the first editor's"
W=nb:w1
row_shows 1 '测试县测试局2025' "the first editor is still there"
key C-q
ends "the first editor quits"
absent "$L" "the lock is released"
same "$F" "$TMP/locked.nb" "the file is as saved"

# ---- 10. export from the editor (F4): the choices, remembered --------------
restart
shows '测试县测试局2025' "the editor opens the report again"
key F4
BEFORE=$(fragre 'Before exporting: %zu errors, %zu blank cells (F2 lists them). Export anyway?  Y yes   N no')
status_shows "$BEFORE" "F4 first says what is wrong or blank"
key y
status_shows "$(fragre 'Export as  T text   H HTML   W Word (.docx)')" "then asks what to export"
key h
status_shows "$(fragre 'Encoding  U UTF-8   G GB18030   K GBK')" "then the encoding"
key g
key Enter
key Enter
status_shows "$(fragre 'Exported to %s (%s); %zu blank cells printed as 0.')" "the export is reported"
if [ -s "$TMP/w/r.html" ] && iconv -f GB18030 -t UTF-8 "$TMP/w/r.html" | grep -q '<meta charset="GB18030">'; then
	ok "r.html is written beside the report, in GB18030"
else
	not_ok "r.html is written beside the report, in GB18030"
fi
key C-s
hides "$MODIFIED" "saved (the export choice was remembered)"
key F4
status_shows "$BEFORE" "F4 again: what is left first"
key y
# shellcheck disable=SC2059
shows "$(printf "$(tr_ '%s  (Enter: %c)')" '' h | sed 's/^ *//')" "the next export offers HTML again"
key Escape
row_hides 1 "$MODIFIED_RE" "a cancelled F4 leaves the report unmodified"
key C-s
key C-q
ends "the editor quits"
grep -q '^export = html gb18030 lf zero$' "$F" && ok "the choice is remembered in the report" ||
	not_ok "the choice is remembered in the report"

# ---- 11. a new report started from last year's published page --------------
F2=$TMP/w/r2021.nb
"$NIANBAO" export --to html -o "$TMP/w/last.html" "$TOP_SRCDIR/examples/demo-2020.nb" >/dev/null 2>&1
tm respawn-pane -k -t "$W" "$(printf '%s' "$NB" | sed "s|$(q "$F")\$|$(q "$F2")|")"
shows "$(frag "Start from last year's report (Enter: none):")" "another new file: the form offers to start from last year"
type_ "$TMP/w/missing.html"
key Enter
shows "$(frag 'Press a key.')" "a page that does not exist is refused, saying why"
key Enter
type_ "$TMP/w/last.html"
key Enter
shows "$(frag 'Agency:')" "last year's published page is read"
shows_re "$(fragre 'Agency:').*示例县市场监督管理局$" "the agency is last year's"
key Enter
shows_re "$(fragre 'Year of the report:').* 2021$" "the year is last year's plus one"
key Enter
shows_re "$(fragre 'Format (template):').* gov-2021$" "the format is the one in force for 2021"
key Enter
shows "$(frag 'Agency kind (%s):')" "the form asks for the kind"
key Enter
shows "$(frag "Keep last year's section 1 text as a draft? (y/N):")" "the form asks whether to keep last year's text"
key Enter
row_shows 1 '示例县市场监督管理局2021' "the new report opens: agency and year in the title"
present "$F2" "the new report is created"
contains "$F2" "template = gov-2021" "it is in the 2021 format"
contains "$F2" "previous = |last.html|" "it records last year's page, for the cross-year rules"
_carried=$("$NIANBAO" get "$F2" t3.carried.person t3.carried.biz t3.carried.total | cut -f4 | tr '\n' ' ')
_next=$("$NIANBAO" get "$TOP_SRCDIR/examples/demo-2020.nb" t3.next.person t3.next.biz t3.next.total | cut -f4 | tr '\n' ' ')
is "$_carried" "$_next" "上年结转 is last year's 结转下年度, column by column"
is "$("$NIANBAO" get "$F2" t3.new.person | cut -f4)" "" "this year's new requests are blank"
[ -z "$(report_text s1.intro "$F2")" ] && ok "last year's text is not kept unless asked" ||
	not_ok "last year's text is not kept unless asked"
key C-q
ends "the editor quits"

done_testing
