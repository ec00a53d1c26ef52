#!/bin/sh
# livereview.sh - the review of the words while typing (issue 12, "while
# typing"): without opening the problems list, the status line says what the
# review finds at the cursor's sentence and the navigator marks the section;
# mending the text takes the warning away at once; what reads a whole part
# (a bracket never closed) is found when the officer pauses; an acknowledged
# warning leaves the count at once; and the count is what check counts on
# the saved file.  Every wait polls the screen.
. "$TOP_SRCDIR/tests/e2e-lib.sh"
. "$TOP_SRCDIR/tests/tmux-lib.sh"

[ -x "$NIANBAO" ] || { echo "Bail out! $NIANBAO is not an executable"; exit 1; }
DEMO=$TOP_SRCDIR/examples/demo-2025.nb

# msg MSGID ARG...: the message as the editor words it, as an ERE.
msg() { fmt=$(tr_ "$1"); shift; re_quote "$(printf "$fmt" "$@")"; }
# count N: the status's count of the words' warnings, as an ERE.
count() { re_quote "$(printf "$(tr_ '[%zu warnings about the words; ^E lists them] %s')" "$1" '')"; }
SECTION=一、总体情况
WRONG=$(msg '%s: "%s" gives %s as %s, the tables say %s' "$SECTION" 新收申请25件。 本年新收申请数 25 44)
WARN_MARK=$(tr_ warnings)
# The navigator's row of section 一 (the left of the rule │) carries the warnings mark, or not.
_nav_row() { grep '^一' "$TMP/screen" | head -1 | sed 's/│.*//'; }
nav_marked() { snap && _nav_row | grep -qF "$WARN_MARK"; }
nav_unmarked() { snap && ! _nav_row | grep -qF "$WARN_MARK"; }

open_demo
key M-1
shows "$SECTION" "M-1 shows section 一's text"
status_hides "$(count 1)" "the demo's words have nothing to review"
type_ "新收申请25件。"
status_shows "$WRONG" "typing 新收申请25件 against the table's 44: the status says so, without ^E"
status_shows "$(count 1)" "and counts one warning about the words"
if T=5 poll_screen nav_marked; then ok "the navigator marks section 一 with the warnings mark"; else not_ok "the navigator marks section 一 with the warnings mark"; dump; fi

key Left Left
key BSpace BSpace
type_ 44
status_hides "$WRONG" "the number mended to the table's 44: the warning leaves at once"
if T=5 poll_screen nav_unmarked; then ok "and the navigator's mark with it"; else not_ok "and the navigator's mark with it"; dump; fi

key End
type_ "的的"
status_shows "$(msg '%s: "%s" is doubled in "%s"' "$SECTION" 的 '' | sed 's/“”$//')" "typing 的的: the doubled word is said at once"
key BSpace BSpace

# A bracket opened and never closed is a finding about the whole paragraph:
# it comes when the officer stops typing (the input loop's half-second tick).
type_ "（"
status_shows "$(msg '%s: "%s" is not closed in "%s"' "$SECTION" （ '' | sed 's/“”$//')" "a bracket left open is found at the pause"

# ^E, a: acknowledged, it leaves the status's count at once
key C-e
shows "hygiene.unbalanced" "^E lists it"
key a
shows "$(frag 'Reason:')" "a asks for the reason"
type_ "括号在下一段闭合"
key Enter
key Escape
status_hides "$(count 1)" "acknowledged: it leaves the count at once"

# The count is check's on the saved file (the slip in another section: an
# edit of the bracket's sentence would reopen the acknowledged finding).
key M-5
type_ "的的"
status_shows "$(count 1)" "a new slip in section 五 is counted"
key C-s
wait_gone "[$(tr_ modified)]" >/dev/null
key C-q
ends "^Q quits after the save"
run check "$F"
contains "$TMP/out" "0 errors, 1 warnings" "check counts the same one warning in the saved file"
contains "$TMP/out" "hygiene.doubled" "the doubled word"

done_testing
