# tmux-lib.sh - what the tmux scenarios share (tests/tui.sh, tests/editor.sh):
# a private tmux server running the real binary under zh_CN.UTF-8, keys in
# with send-keys, the screen back with capture-pane, and polling (never a
# fixed sleep) until the screen or a file shows what is expected.
# Sourced after tests/e2e-lib.sh; F, J and L name the report, its journal and lock.
# Without tmux or the zh_CN.UTF-8 locale: SKIP on a developer's machine, fail in CI.
missing=
command -v tmux >/dev/null 2>&1 || missing="tmux is not installed"
if [ -z "$missing" ] && ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
	missing="the zh_CN.UTF-8 locale is not generated"
fi
skip_unless_tools "$missing"

SOCK=nbtest$$
SOCKPATH=
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
cleanup() {
	tm kill-server >/dev/null 2>&1
	[ -z "$SOCKPATH" ] || rm -f "$SOCKPATH"	# tmux leaves its socket behind
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM
unset TMUX

mkdir "$TMP/w" "$TMP/home" && cd "$TMP/w" || exit 99
F=$TMP/w/r.nb			# the report
J=$TMP/w/.r.nb.nbj		# its journal
L=$TMP/w/.r.nb.lock		# its lock
ESC=$(printf '\033')
W=nb:w1				# the tmux pane being driven

# q STRING: STRING quoted for sh
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# The editor's command line: no user preferences, Chinese locale, this build.
NB="exec env HOME=$(q "$TMP/home") XDG_CONFIG_HOME=$(q "$TMP/home/.config")"
NB="$NB LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 LANGUAGE="
NB="$NB NIANBAO_TEMPLATE_PATH=$(q "$NIANBAO_TEMPLATE_PATH")"
NB="$NB NIANBAO_LOCALEDIR=$(q "${NIANBAO_LOCALEDIR:-}") $(q "$NIANBAO") $(q "$F")"

# tr_ MSGID: the message as the editor shows it under zh_CN (translated or not).
tr_() {
	if command -v gettext >/dev/null 2>&1; then
		if [ -n "${NIANBAO_LOCALEDIR:-}" ]; then
			TEXTDOMAINDIR=$NIANBAO_LOCALEDIR LC_ALL=zh_CN.UTF-8 LANGUAGE='' gettext -d nianbao -- "$1"
		else
			LC_ALL=zh_CN.UTF-8 LANGUAGE='' gettext -d nianbao -- "$1"
		fi
	else
		printf '%s' "$1"
	fi
}

# frag MSGID: a short leading piece of the shown message (up to its first
# %-conversion or double space, at most 12 characters) that fits on screen.
frag() {
	tr_ "$1" | sed -n '1{s/%.*//; s/  .*//; s/ *$//; s/^\(.\{12\}\).*/\1/; p;}'
}

# re_quote TEXT: TEXT as an ERE that matches it literally.
# shellcheck disable=SC2016
re_quote() { printf '%s' "$1" | sed 's/[][\\.*^$(){}?+|]/\\&/g'; }
# fragre MSGID: frag as an ERE.
fragre() { re_quote "$(frag "$1")"; }

# ---- the screen ------------------------------------------------------------

# snap: the current screen of $W into $TMP/screen.
snap() { tm capture-pane -p -t "$W" >"$TMP/screen" 2>/dev/null; }

# poll CMD...: run CMD every 0.1 s until it succeeds, for at most $T seconds (5).
poll() {
	_i=0
	while :; do
		"$@" && return 0
		[ "$_i" -ge "$((${T:-5} * 10))" ] && return 1
		sleep 0.1
		_i=$((_i + 1))
	done
}
# poll_screen CMD...: poll, but give up at once when the editor has ended.
poll_screen() {
	_i=0
	while :; do
		"$@" && return 0
		[ "$_i" -ge "$((${T:-5} * 10))" ] && return 1
		[ "$(pane '#{pane_dead}')" = 1 ] && { diag "the editor has ended"; return 1; }
		sleep 0.1
		_i=$((_i + 1))
	done
}

_has() { snap && grep -qF -- "$1" "$TMP/screen"; }
_has_re() { snap && grep -qE -- "$1" "$TMP/screen"; }
_lacks() { snap && ! grep -qF -- "$1" "$TMP/screen"; }
_row_has() { snap && sed -n "$1p" "$TMP/screen" | grep -qE -- "$2"; }
_row_lacks() { snap && ! sed -n "$1p" "$TMP/screen" | grep -qE -- "$2"; }

# wait_for PATTERN [TIMEOUT]: until the screen shows the fixed string PATTERN.
wait_for() { T=${2:-5} poll_screen _has "$1"; }
# wait_re ERE [TIMEOUT]: until a line of the screen matches ERE.
wait_re() { T=${2:-5} poll_screen _has_re "$1"; }
# wait_gone PATTERN [TIMEOUT]: until the screen no longer shows PATTERN.
wait_gone() { T=${2:-5} poll_screen _lacks "$1"; }

dump() {
	diag "screen of $W:"
	sed 's/^/#   |/' "$TMP/screen"
}

# Assertions on the screen; on failure the screen is dumped as diagnostics.
shows() { if wait_for "$1"; then ok "$2"; else not_ok "$2"; diag "no '$1' on screen"; dump; fi; }
shows_re() { if wait_re "$1"; then ok "$2"; else not_ok "$2"; diag "no line matches /$1/"; dump; fi; }
hides() { if wait_gone "$1"; then ok "$2"; else not_ok "$2"; diag "'$1' still on screen"; dump; fi; }
# row_shows N ERE DESC / row_hides N ERE DESC: line N (1 = top) matches ERE, or stops matching.
row_shows() {
	if T=5 poll_screen _row_has "$1" "$2"; then ok "$3"; else not_ok "$3"; diag "line $1 does not match /$2/"; dump; fi
}
row_hides() {
	if T=5 poll_screen _row_lacks "$1" "$2"; then ok "$3"; else not_ok "$3"; diag "line $1 still matches /$2/"; dump; fi
}

pane() { tm display-message -p -t "$W" "$1"; }

# The status message: the lines between the pane (the navigator's rule │ ends
# with it) and the key hints on the last line, joined.
_status() {
	_b=$(grep -n '│' "$TMP/screen" | tail -n 1 | cut -d: -f1)
	_h=$(pane '#{pane_height}')
	sed -n "$((${_b:-0} + 1)),$((_h - 1))p" "$TMP/screen" | tr -d '\n'
}
_status_has() { snap && _status | grep -qE -- "$1"; }
_status_lacks() { snap && ! _status | grep -qE -- "$1"; }
# status_shows ERE DESC / status_hides ERE DESC
status_shows() {
	if T=5 poll_screen _status_has "$1"; then ok "$2"; else not_ok "$2"; diag "the status does not match /$1/"; dump; fi
}
status_hides() {
	if T=5 poll_screen _status_lacks "$1"; then ok "$2"; else not_ok "$2"; diag "the status still matches /$1/"; dump; fi
}
# _text_is TEXT: a line of the pane (right of the navigator) is exactly TEXT.
_text_is() { snap && sed 's/^[^│]*│//' "$TMP/screen" | grep -qxF -- "$1"; }

# focus_is ROW-LABEL COLUMN-LABEL DESC: the "Row: ...  Column: ..." line names the cell.
focus_is() { shows_re "$1.*$2" "$3"; }

# colour_row LABEL: the table row starting with LABEL, with its colours, right of the navigator.
colour_row() { tm capture-pane -p -e -t "$W" | grep -F -- "$1" | sed 's/^.*│//'; }
_red() { colour_row "$1" | grep -qF "${ESC}[31m"; }
_not_red() { ! _red "$1"; }

# key KEY...: named keys; type TEXT: literal text (Chinese too).
key() { tm send-keys -t "$W" "$@"; }
type_() { tm send-keys -t "$W" -l -- "$1"; }

# start: run the editor in a new server, window w1; restart: run it again in $W.
# start [COLS ROWS]: the terminal is 100x30 unless told.
start() {
	SHELL=/bin/sh tm new-session -d -s nb -n w1 -x "${1:-100}" -y "${2:-30}" "$NB" \; set-option -g remain-on-exit on
	SOCKPATH=$(tm display-message -p '#{socket_path}')
}
restart() { tm respawn-pane -k -t "$W" "$NB"; }
# open_demo [COLS ROWS]: a fresh copy of $DEMO (the demo report) in a new tmux server,
# opened at its start (no place remembered from an earlier scenario).
open_demo() {
	tm kill-server >/dev/null 2>&1
	rm -f "$F" "$F~" "$J" "$L" "$TMP/home/.local/state/nianbao/places"
	cp "$DEMO" "$F" && chmod u+w "$F"
	start "$@"
	poll_screen _has_re '^ nianbao' || { not_ok "the editor opens the demo report"; dump; }
}
_why() {
	diag "pane: $(pane 'dead=#{pane_dead} status=#{pane_dead_status} signal=#{pane_dead_signal} pid=#{pane_pid}')"
	ps -o pid,stat,wchan:32,cmd -p "$(pane '#{pane_pid}')" | sed 's/^/#   /'
}
# _dead: the editor of $W has ended and tmux knows its exit status.  A tmux
# built with libutempter can miss the SIGCHLD and leave the process a zombie,
# its pane dead but without a status (tmux/tmux#311): then nudge the server.
_dead() {
	[ -n "$(pane '#{pane_dead_status}#{pane_dead_signal}')" ] && return 0
	[ "$(pane '#{pane_dead}')" = 1 ] && kill -CHLD "$(tm display-message -p '#{pid}')" 2>/dev/null
	return 1
}
# ends DESC: the editor of $W exits, with status 0.
ends() {
	if T=5 poll _dead; then is "$(pane '#{pane_dead_status}')" 0 "$1"; else not_ok "$1"; snap; dump; _why; fi
}

# ---- the files -------------------------------------------------------------

# text_of FILE ID: text part ID as stored in FILE (lines joined, %XX decoded).
text_of() { report_text "$2" "$1"; }
value() { "$NIANBAO" get "$F" "$1" | cut -f4; }
_file_has() { [ -f "$1" ] && grep -qF -- "$2" "$1"; }
# file_gets FILE STRING DESC: FILE comes to hold STRING (it is written by another process).
file_gets() {
	if T=5 poll _file_has "$1" "$2"; then ok "$3"; else not_ok "$3"; diag "no '$2' in $1"; fi
}
lock_pid() { cut -d ' ' -f 1 "$L" 2>/dev/null; }
absent() { if [ -e "$1" ]; then not_ok "$2"; diag "$1 exists"; else ok "$2"; fi; }
present() { if [ -e "$1" ]; then ok "$2"; else not_ok "$2"; diag "$1 does not exist"; fi; }
same() {
	if cmp -s "$1" "$2"; then ok "$3"; else not_ok "$3"; diag "$1 changed:"; diff "$2" "$1" | sed 's/^/#   /'; fi
}
