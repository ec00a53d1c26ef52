# editing.sh - tmux scenarios of issue 11's smaller promises: one line editor
# for cells, information fields and prompts (a cursor, nothing cut, a refused
# value replaced rather than appended to); reopening a report where the
# officer left off; one typo, one problem; the new-report form naming a bad
# path.  Every wait polls the screen or the files.

. "$TOP_SRCDIR/tests/e2e-lib.sh"
. "$TOP_SRCDIR/tests/tmux-lib.sh"

[ -x "$NIANBAO" ] || { echo "Bail out! $NIANBAO is not an executable"; exit 1; }
DEMO=$TOP_SRCDIR/examples/demo-2025.nb
NEW_ROW='│一、本年新收政府信息公开申请数量'

# hint MSGID: the words after a message's leading %s, as an ERE.
hint() { re_quote "$(tr_ "$1" | sed -n '1{s/^%s//; s/^\(.\{10\}\).*/\1/; p;}')"; }
REFUSED_CELL=$(hint '%s (typing replaces it; arrows, Backspace and Delete mend it; Esc restores the cell)')
REFUSED_FIELD=$(hint '%s (typing replaces it; arrows, Backspace and Delete mend it; Esc restores the field)')

# save_quit: ^S, then ^Q; the editor ends.
save_quit() {
	key C-s
	wait_gone "[$(tr_ modified)]" >/dev/null
	key C-q
	T=5 poll _dead >/dev/null
}

# ---- 1. a refused value in a cell: new digits replace it ---------------------

open_demo
key M-3
shows "$NEW_ROW" "M-3 shows table 三 with the row 一、本年新收"
type_ 12ab
key Enter
status_shows "$REFUSED_CELL" "12ab is refused, and the status says typing replaces it"
type_ 7
row_shows "$(grep -n "$NEW_ROW" "$TMP/screen" | cut -d: -f1)" "^[^│]*$NEW_ROW[^ ]* +7 " "the 7 typed after the refusal replaces 12ab (not 12ab7)"
key Enter
status_hides "$REFUSED_CELL" "Enter stores 7"

# ---- 2. the cursor in a cell: Home, End, Backspace and Delete where it is -----

key Up
key BSpace
shows_re "$NEW_ROW +5 " "Backspace opens the value 7 and deletes its last character"
type_ 45
key Home
type_ 1
key Right
key BSpace
key End
type_ 9
shows_re "$NEW_ROW[^ ]* +159 " "Home, Right, Backspace and End edit where the cursor is: 45, 145, 15, 159"
key Home
key Delete
shows_re "$NEW_ROW[^ ]* +59 " "Delete takes the character at the cursor: 59"
key Home
type_ 1
key Enter
save_quit
is "$(value t3.new.person)" 159 "the file holds 159"

# ---- 3. an information field: a cursor, and a long value scrolls, whole -------

restart
poll_screen _has_re '^ nianbao' >/dev/null
key F3
shows 示例县自然资源局 "F3 shows the report information"
shows_re "联系方式 .*…$" "the long contact is cut with …, not silently"
key Home
key Right Right Right
type_ 某某
shows 示例县某某自然资源局 "Home and Right put the cursor inside the agency; typing goes there"
key End
LONG=和规划局办公室政务公开科信息公开组第一小组第二小组第三小组第四小组第五小组第六小组
type_ "$LONG"
shows "第五小组第六小组" "a long agency scrolls: its end and the cursor stay in view"
key Enter
save_quit
contains "$F" "agency = |示例县某某自然资源局$LONG|" "the whole long agency is stored, nothing cut"

# ---- 4. a refused year: typing replaces it -------------------------------------

restart
poll_screen _has_re '^ nianbao' >/dev/null
key F3
key Up Up Up Up Up Up Down Down	# the year, wherever the editor reopened
key End
type_ x
key Enter
status_shows "$REFUSED_FIELD" "the year 2025x is refused, and the status says typing replaces it"
type_ 2025
key Enter
status_hides "$REFUSED_FIELD" "2025 typed after the refusal replaces 2025x and is accepted"
key C-q
T=5 poll _dead >/dev/null

# ---- 5. reopening returns where the officer left off ----------------------------

open_demo
key M-3
shows "$NEW_ROW" "table 三 is on screen"
key Down Down Right Right
focus_is '（一）予' '科研机构' "the focus moves to （一）予以公开 / 科研机构"
key C-q
T=5 poll _dead >/dev/null
restart
focus_is '（一）予' '科研机构' "reopened, the editor is back in table 三 at （一）予以公开 / 科研机构"
same "$F" "$DEMO" "the place is not written into the report"
present "$TMP/home/.local/state/nianbao/places" "it is kept in the state directory (XDG_STATE_HOME)"
key M-1
shows 一、总体情况 "M-1 shows section 一"
key Right Right Right Right
key C-q
T=5 poll _dead >/dev/null
restart
poll_screen _has_re '^ nianbao' >/dev/null
type_ 乙
save_quit
case $(text_of "$F" s1.intro) in
2025乙年，*) ok "reopened, the text cursor is where it was: after 2025" ;;
*) not_ok "reopened, the text cursor is where it was: after 2025"; diag "$(text_of "$F" s1.intro | head -c 60)" ;;
esac

# ---- 7. one typo, one problem --------------------------------------------------

MENDS=$(re_quote "$(tr_ '%s should be %s: this one value mends all %zu relations' | sed 's/^.*%s[：:] *//; s/%zu.*//')")
open_demo
key M-3
shows "$NEW_ROW" "table 三 is on screen"
type_ 37
key Enter
key Up
status_shows "本年新收[^；;]*自然人.{0,3}(应为|should be) ?36.{0,2}$MENDS" "37 for 36 breaks its column and the 总计 column: the status names the one value that mends both"
key F2
shows "$(tr_ 'Errors and warnings: Enter goes to the cell, Esc closes' | cut -c1-5)" "F2 opens the problems list"
snap
is "$(sed -n '2,20p' "$TMP/screen" | grep -cE "^ ?($(tr_ error)|error) ")" 1 "the problems list shows the one typo as one problem"
shows_re "^ ?($(tr_ error)|error) .*…$" "its line, wider than the window, ends with …"
key Escape
key Right	# 商业企业: no broken relation reads it, the status speaks of the report
status_shows "$(re_quote "[$(tr_ '[%zu errors, %zu warnings; ^E lists them] %s' | sed 's/^\[//; s/%zu.*//')")1" "the report's status counts one error"
key C-q
key n
T=5 poll _dead >/dev/null

# ---- 8. the navigator: full part names, or cut with … --------------------------

open_demo 80 24
key F3
key Left Home End
key Down
row_hides 1 "$(re_quote "[$(tr_ modified)]")" "moving the cursor in a field and leaving it changes nothing: not modified"
key M-1
shows 一、总体情况 "80x24: M-1 opens section 一 in the navigator"
shows_re '^  （一）主动公开 ' "a short part name shows whole"
shows_re '^  （四）政府信息公[^│]*…[^│]*│' "a part name too long for the navigator ends with …"
key C-q
T=5 poll _dead >/dev/null

# ---- 6. a bad path for last year's report names the path and what was expected --

EXPECTED=$(tr_ "%s; last year's report is expected here: a report file, or a published page or a text copy of it" | sed 's/^%s//')
tm kill-server >/dev/null 2>&1
rm -f "$F" "$F~" "$J" "$L"
start 80 24
shows "$(frag "Start from last year's report (Enter: none):")" "a new file: the form asks for last year's report"
type_ /x/y.nb
key Enter
shows "/x/y.nb" "a path that does not exist is named"
shows_re "$(re_quote "$(printf '%s' "$EXPECTED" | sed 's/^\(.\{14\}\).*/\1/')")" "and the form says a report file, page or text copy was expected"
key Escape
key Escape
T=5 poll _dead >/dev/null
absent "$F" "nothing is created"
"$NIANBAO" new --from /x/y.nb "$TMP/w/cli.nb" 2>"$TMP/err"
is "$?" 2 "new --from a missing path exits 2"
contains "$TMP/err" "/x/y.nb: " "and names the path"
contains "$TMP/err" "; last year's report is expected here: a report file, or a published page or a text copy of it" "and says what was expected"

# ---- 9. text kept from last year is a draft until edited -----------------------

DRAFT=$(tr_ draft)
STILL=$(tr_ "to do  %s is still last year's text: update it" | sed 's/^.*%s//; s/^\(.\{6\}\).*/\1/')
_stills() { snap && grep -cF -- "$STILL" "$TMP/screen"; }
_stills_are() { [ "$(_stills)" = "$1" ]; }
tm kill-server >/dev/null 2>&1
rm -f "$F" "$F~" "$J" "$L" "$TMP/home/.local/state/nianbao/places"
cp "$DEMO" "$TMP/w/last.nb"
"$NIANBAO" new --from "$TMP/w/last.nb" --keep-text "$F" >/dev/null 2>&1 || not_ok "new --from --keep-text makes the report"
kept=$(for id in s1.intro s1.active s1.request s1.manage s1.platform s1.oversight; do [ -n "$(text_of "$F" $id)" ] && echo $id; done | wc -l)
start
shows_re "^一[^│]*总体情况 +$(re_quote "$DRAFT") *│" "section 一 kept from last year is marked $DRAFT in the navigator, not done"
key C-e
if T=5 poll_screen _stills_are "$kept"; then ok "the problems list names each of the $kept parts still last year's text"; else not_ok "the problems list names each of the $kept parts still last year's text"; diag "$(_stills) found"; dump; fi
key Escape
key M-1
wait_for 一、总体情况 >/dev/null
type_ "X"
key C-e
if T=5 poll_screen _stills_are "$((kept - 1))"; then ok "a part edited is no longer last year's text"; else not_ok "a part edited is no longer last year's text"; diag "$(_stills) found"; dump; fi
key Escape
key C-q
shows "$(frag "Save the changes before quitting?  Y save   N discard   C cancel")" "^Q asks to save"
key n
T=5 poll _dead >/dev/null

# ---- 10. the agency's kind is chosen on the information page -----------------

# The demo records no kind; its name (…局) suggests a department.  A people's
# government's report must state its assessment results (the template's
# [require assessment]), which the demo does not: choosing that kind brings
# the warning, in the problems list and in check.
KIND_FIELD=$(tr_ "Agency kind")
SUGGESTS=$(tr_ "not recorded: the name suggests %s (Left/Right or Space chooses)" | sed 's/%s.*//')
ASSESS=人民政府的年度报告应写明政府信息公开工作考核
open_demo
key F3
key Up Up Up Up Up Up Down
shows_re "$(re_quote "$KIND_FIELD") +$(re_quote "$SUGGESTS")部门" "the kind field says none is recorded and the name suggests 部门"
type_ x
status_shows "$(re_quote "$(tr_ "Left/Right or Space chooses the agency's kind.")")" "typing in the kind field says how to choose"
key Right
shows_re "$(re_quote "$KIND_FIELD") +部门" "Right records the suggested kind, 部门"
row_shows 1 "$(re_quote "[$(tr_ modified)]")" "the report is modified"
key C-e
T=3 poll_screen _has_re "$ASSESS" >/dev/null && not_ok "a department's report is not asked for assessment results" || ok "a department's report is not asked for assessment results"
key Escape
key Right
shows_re "$(re_quote "$KIND_FIELD") +其他" "Right again: 其他"
key Right
shows_re "$(re_quote "$KIND_FIELD") +人民政府" "Right from the last kind comes round to the first, 人民政府"
key Left Left
shows_re "$(re_quote "$KIND_FIELD") +部门" "Left goes back: 其他, then 部门"
key Space Right
shows_re "$(re_quote "$KIND_FIELD") +人民政府" "Space and Right go on: 其他, 人民政府"
key C-e
if T=5 poll_screen _has_re "$ASSESS"; then ok "as a people's government the report is asked for its assessment results"; else not_ok "as a people's government the report is asked for its assessment results"; dump; fi
key Escape
save_quit
contains "$F" "kind = |人民政府|" "the kind is saved in the report"
"$NIANBAO" check "$F" >"$TMP/out" 2>&1
contains "$TMP/out" "warning require.assessment" "check gives the same warning"

done_testing
