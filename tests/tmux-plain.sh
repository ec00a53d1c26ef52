# tmux-plain.sh - the editor under tmux for the tests that need only a
# C.UTF-8 session (tests/concurrency.sh, faults.sh, hardening.sh): a private
# server named by TAG, the screen back with capture-pane, and waiting (never
# a fixed sleep) until it shows a text.  Sourced after tests/e2e-lib.sh, with
# TAG set; the session is "nb".  Without tmux the test fails.
if ! command -v tmux >/dev/null 2>&1; then
	not_ok "tmux is needed for the editor's tests"
	done_testing
	exit 1
fi
SOCK=$TAG$$
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$TMP"' EXIT
unset TMUX
snap() { tm capture-pane -p -t nb >"$TMP/screen" 2>/dev/null; }
# wait_for TEXT: the screen shows TEXT within 15 seconds (an ASan build is slow).
wait_for() {
	_i=0
	while [ $_i -lt 150 ]; do
		snap && grep -qF -- "$1" "$TMP/screen" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}
shows() {
	if wait_for "$1"; then ok "$2"; else not_ok "$2"; diag "no '$1' on screen:"; sed 's/^/#   |/' "$TMP/screen"; fi
}
# session DIR COMMAND: COMMAND run in DIR under C.UTF-8 with this build's
# templates, in session nb of a new server.  The old server is waited for:
# a session asked of a server that is still exiting is lost with it.
session() {
	tm kill-server >/dev/null 2>&1
	_i=0
	while tm list-sessions >/dev/null 2>&1 && [ $_i -lt 50 ]; do sleep 0.1; _i=$((_i + 1)); done
	_i=0
	until tm new-session -d -s nb -x 100 -y 30 "cd '$1' && exec env LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	    NIANBAO_TEMPLATE_PATH='$NIANBAO_TEMPLATE_PATH' $2" 2>/dev/null; do
		[ $_i -ge 50 ] && { diag "tmux cannot start a session"; return 1; }
		sleep 0.1
		_i=$((_i + 1))
	done
}
