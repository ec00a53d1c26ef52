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
# open_demo [COLS ROWS]: a fresh copy of the demo report in a new tmux server.
open_demo() {
	tm kill-server >/dev/null 2>&1
	rm -f "$F" "$F~" "$J" "$L"
	cp "$DEMO" "$F" && chmod u+w "$F"
	start "$@"
	poll_screen _has_re '^ nianbao' || { not_ok "the editor opens the demo report"; dump; }
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

done_testing
