# create.sh - a new report is made one way (core/create.h): `new`,
# `import`, `merge` and the editor's new-report form give the same warnings
# and refuse the same things.  The form is driven through tmux, as in
# tests/tui.sh.  POSIX sh, plus `sleep 0.1`.

. "$TOP_SRCDIR/tests/e2e-lib.sh"

cd "$TMP" || exit 99
BAD=$(printf '\262\342')	# GBK bytes: not UTF-8
WARN='warning: the gov-2019 format is not the one for 2025 reports'

# ---- the command line -------------------------------------------------------

run new --format 2019 --year 2025 forced.nb
is "$rc" 0 "new: a format not meant for the year is created"
contains "$TMP/err" "nianbao: $WARN" "new: and warned of"

run new --year 2020 --agency 测试局 r2020.nb
run export r2020.nb -o r2020.txt
run import --year 2025 -o imported.nb r2020.txt
is "$rc" 0 "import: a 2019-format page read as a 2025 report is imported"
contains "$TMP/err" "r2020.txt: $WARN" "import: with the same warning, naming the source"

run new --agency "$BAD" bad.nb
is "$rc" 2 "new: an agency that is not UTF-8 is refused"
contains "$TMP/err" "agency: the text is not valid UTF-8" "new: saying why"
absent=$([ -e bad.nb ] && echo yes || echo no)
is "$absent" no "new: and nothing is created"

run import --agency "$BAD" -o bad-import.nb r2020.txt
is "$rc" 2 "import: an agency that is not UTF-8 is refused"
contains "$TMP/err" "agency: the text is not valid UTF-8" "import: saying why"
absent=$([ -e bad-import.nb ] && echo yes || echo no)
is "$absent" no "import: and nothing is created"

run new --year 2020 --agency 乙局 r2020b.nb
run merge --agency "$BAD" -o bad-merge.nb r2020.nb r2020b.nb
is "$rc" 2 "merge: an agency that is not UTF-8 is refused"
contains "$TMP/err" "agency: the text is not valid UTF-8" "merge: saying why"
absent=$([ -e bad-merge.nb ] && echo yes || echo no)
is "$absent" no "merge: and nothing is created"

# ---- the editor's form --------------------------------------------------------

missing=
command -v tmux >/dev/null 2>&1 || missing="tmux is not installed"
if [ -z "$missing" ] && ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
	missing="the zh_CN.UTF-8 locale is not generated"
fi
if [ -n "$missing" ]; then
	if [ -n "${CI:-}" ]; then not_ok "the form: $missing (CI installs every tool the tests use)"
	else diag "the form is not tested: $missing"; fi
	done_testing
	exit 0
fi

SOCK=nbcreate$$
SOCKPATH=
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
cleanup() {
	tm kill-server >/dev/null 2>&1
	[ -z "$SOCKPATH" ] || rm -f "$SOCKPATH"
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' HUP INT PIPE TERM
unset TMUX
mkdir "$TMP/home" || exit 99
W=nb:w1

# q STRING: STRING quoted for sh.  nb FILE: the editor's command line on FILE.
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
nb() {
	printf 'exec env HOME=%s XDG_CONFIG_HOME=%s LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 LANGUAGE= ' \
	    "$(q "$TMP/home")" "$(q "$TMP/home/.config")"
	printf 'NIANBAO_TEMPLATE_PATH=%s NIANBAO_LOCALEDIR=%s %s %s' "$(q "$NIANBAO_TEMPLATE_PATH")" \
	    "$(q "${NIANBAO_LOCALEDIR:-}")" "$(q "$NIANBAO")" "$(q "$1")"
}
# tr_ MSGID: the message as the editor shows it under zh_CN.
tr_() {
	TEXTDOMAINDIR=${NIANBAO_LOCALEDIR:-} LC_ALL=zh_CN.UTF-8 LANGUAGE='' gettext -d nianbao -- "$1" 2>/dev/null ||
	    printf '%s' "$1"
}
pane() { tm display-message -p -t "$W" "$1"; }
snap() { tm capture-pane -p -t "$W" >"$TMP/screen" 2>/dev/null; }
_has() { snap && grep -qF -- "$1" "$TMP/screen"; }
# wait_for TEXT: poll the screen every 0.1 s, for at most 5 s.
wait_for() {
	_i=0
	until _has "$1"; do
		[ "$_i" -ge 50 ] && return 1
		sleep 0.1
		_i=$((_i + 1))
	done
}
shows() {
	if wait_for "$1"; then ok "$2"; else not_ok "$2"; diag "no '$1' on screen:"; sed 's/^/#   |/' "$TMP/screen"; fi
}
key() { tm send-keys -t "$W" "$@"; }
type_() { tm send-keys -t "$W" -l -- "$1"; }
# answer TEXT: replace the answer the form offers with TEXT, and Enter.
answer() { _j=0; while [ "$_j" -lt 40 ]; do key BSpace; _j=$((_j + 1)); done; type_ "$1"; key Enter; }
# form FILE: start the editor on FILE (a new one: its form).
form() {
	SHELL=/bin/sh tm new-session -d -s nb -n w1 -x 100 -y 30 "$(nb "$1")" \; set-option -g remain-on-exit on
	SOCKPATH=$(tm display-message -p '#{socket_path}')
}

form "$TMP/f.nb"
shows "$(tr_ "Start from last year's report (Enter: none):")" "the form starts"
key Enter				# no last year's report
shows "$(tr_ 'Agency:')" "the form asks for the agency"
answer 测试县测试局
answer 2025
shows "$(tr_ 'Format (template):')" "the form asks for the format"
answer 2019
shows "$(tr_ 'Agency kind (%s):' | sed 's/%s.*//')" "the form asks for the agency's kind"
key Enter
# shellcheck disable=SC2059
shows "$(printf "$(tr_ 'warning: the %s format is not the one for %d reports')" gov-2019 2025)" \
    "the form warns as \`new\` does: the format is not the one for the year"
key Enter
shows '测试县测试局2025' "after the warning the report opens"
grep -q '^template = gov-2019$' f.nb && ok "in the format asked for" || not_ok "in the format asked for"
tm kill-server >/dev/null 2>&1

form "$TMP/y.nb"
shows "$(tr_ "Start from last year's report (Enter: none):")" "the form starts again"
key Enter
shows "$(tr_ 'Agency:')" "the form asks for the agency"
answer 测试县测试局
answer 20x5
# shellcheck disable=SC2059
shows "$(printf "$(tr_ 'year must be a number like 2025, not "%s"')" 20x5)" \
    "a year that is not one is refused, saying why, as \`set year=\` does"
key Enter
_i=0
until [ "$(pane '#{pane_dead}')" = 1 ] || [ "$_i" -ge 50 ]; do sleep 0.1; _i=$((_i + 1)); done
is "$(pane '#{pane_dead}')" 1 "then the editor leaves"
absent=$([ -e y.nb ] && echo yes || echo no)
is "$absent" no "without creating anything"

done_testing
