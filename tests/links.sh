# links.sh - linked numbers in the narrative (issue 12, item 2): F7 inserts a
# number of the tables into a text, shown as the table's value in its own
# colour; it follows table 三 when a cell changes, goes whole under
# Backspace, is kept as {=new} (get, set), exports as digits and imports back
# as a plain number.  Every wait polls the screen or the files.

. "$TOP_SRCDIR/tests/e2e-lib.sh"
. "$TOP_SRCDIR/tests/tmux-lib.sh"

[ -x "$NIANBAO" ] || { echo "Bail out! $NIANBAO is not an executable"; exit 1; }
DEMO=$TOP_SRCDIR/examples/demo-2025.nb
NEW_ROW='│一、本年新收政府信息公开申请数量'
PICK=$(frag 'Insert a number from the tables: Enter inserts it, Esc closes')
OPENING='2025年，示例县自然资源局'	# how the demo's 一、总体情况 begins

# ---- 1. F7 lists the facts with their values; Enter inserts one --------------

open_demo
key M-1
shows "$OPENING" "M-1 shows 一、总体情况 and its text"
key C-Up C-Up C-Up Home
type_ 甲新收
key F7
shows "$PICK" "F7 opens the list of numbers from the tables"
shows_re '本年新收申请数 +44$' "the list gives 本年新收申请数 with table 三's total, 44"
shows_re '行政事业性收费金额（万元） +41\.26$' "and the fee as the table shows it, 41.26"
key Enter
shows "│甲新收44$OPENING" "Enter inserts the number: the text shows 44 where the cursor was"
if colour_row "甲新收" | grep -qF "${ESC}[36m44"; then ok "the linked number is drawn in its own colour"
else not_ok "the linked number is drawn in its own colour"; diag "$(colour_row 甲新收 | cat -v)"; fi
lacks "$TMP/screen" "{=new}" "the notation is never on screen"

# ---- 2. the number follows table 三 --------------------------------------------

key M-3
shows "$NEW_ROW" "M-3 shows table 三"
type_ 40
key Enter
shows_re "$NEW_ROW[^ ]* +40 .* 48 *$" "36 becomes 40 in 自然人: the total is 48"
key M-1
shows "│甲新收48$OPENING" "back in the text, the number shows the new total, 48"

# ---- 3. saved as {=new}; get shows it; export writes the digits ---------------

key C-s
wait_gone "[$(tr_ modified)]" >/dev/null
run get "$F" s1.intro
contains "$TMP/out" "甲新收{=new}$OPENING" "get prints the text with the notation {=new}"
run export --force --to text -o "$TMP/r.txt" "$F"	# table 三 no longer adds up: 40 was typed
contains "$TMP/r.txt" "甲新收48$OPENING" "the text export writes the digits 48"
lacks "$TMP/r.txt" "{=" "and no notation"
run export --force --to html -o "$TMP/r.html" "$F"
contains "$TMP/r.html" "甲新收48$OPENING" "the HTML export writes the digits 48 too"
run export --force --to docx -o "$TMP/r.docx" "$F"
python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())' \
	"$TMP/r.docx" >"$TMP/document.xml"
contains "$TMP/document.xml" "甲新收48$OPENING" "and the Word document"

# ---- 4. Backspace takes the whole number, ^Z brings it back -------------------

key BSpace
shows "│甲新收$OPENING" "one Backspace removes the whole linked number"
key C-z
shows "│甲新收48$OPENING" "^Z brings it back in one step"
key BSpace BSpace
shows "│甲新$OPENING" "the next Backspace after it takes one character"
key C-z C-z
shows "│甲新收48$OPENING" "two ^Z undo both"
key C-q
T=5 poll _dead >/dev/null
report_text s1.intro "$F" >"$TMP/saved"
contains "$TMP/saved" "甲新收{=new}$OPENING" "the saved file holds {=new}"

# ---- 5. the export imports back as a plain number -----------------------------

run import -o "$TMP/back.nb" "$TMP/r.txt"
is "$rc" 0 "import reads the text export"
run get "$TMP/back.nb" s1.intro
contains "$TMP/out" "甲新收48$OPENING" "the imported report holds the digits"
lacks "$TMP/out" "{=" "and no link"

# ---- 6. set and get: the notation round-trips; an unknown name stays text -----

TEXT='收费{=fee}万元，{=nosuchfact}、{=}和{= new}照写；%7B|竖线|'
run set "$F" "s1.intro=$TEXT"
lacks "$TMP/err" "$F: s1.intro" "set accepts a text with links and with braces that are not links"
is "$("$NIANBAO" get "$F" s1.intro)" "$TEXT" "get gives the text back byte for byte"
run export --force --to text -o "$TMP/r2.txt" "$F"
contains "$TMP/r2.txt" "收费41.26万元，{=nosuchfact}、{=}和{= new}照写；%7B|竖线|" \
	"the export writes the fee's digits and leaves the rest as written"

# ---- 7. a link to blank cells: ? on screen, and check warns --------------------

run set "$F" "s1.intro=行政许可决定{=permit}件" t2.permit.decisions=
run check "$F"
contains "$TMP/out" "link.blank" "check warns about a linked number whose cells are blank"
run export --force --to text -o "$TMP/r3.txt" "$F"
contains "$TMP/r3.txt" "行政许可决定?件" "the export prints it as ?"
contains "$TMP/err" "1 linked numbers of the text read blank cells and are printed as ?" "and says so"
restart
poll_screen _has_re '^ nianbao' >/dev/null
key M-1
shows "│行政许可决定?件" "the editor shows it as ?"
if colour_row "行政许可决定" | grep -qF "${ESC}[31m"; then ok "in the colour of errors"
else not_ok "in the colour of errors"; diag "$(colour_row 行政许可决定 | cat -v)"; fi
key C-q
T=5 poll _dead >/dev/null

done_testing
