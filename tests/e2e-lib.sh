# e2e-lib.sh - TAP helpers for shell tests that drive the real nianbao binary.
# Source it; call `plan N` first (or `done_testing` at the end).
: "${NIANBAO:?NIANBAO must name the binary (make check sets it)}"
: "${NIANBAO_TEMPLATE_PATH:?}"
export LC_ALL="${TEST_LOCALE:-C.UTF-8}" LANGUAGE=
TMP=$(mktemp -d "${TMPDIR:-/tmp}/nbtest.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
_n=0
_failed=0

# make distcheck leaves the source tree read-only, and cp keeps a file's mode:
# a test's copies of the shipped reports are its own to write.
cp() { command cp --no-preserve=mode "$@"; }

plan() { echo "1..$1"; _planned=1; }
ok() { _n=$((_n + 1)); echo "ok $_n - $*"; }
not_ok() { _n=$((_n + 1)); _failed=$((_failed + 1)); echo "not ok $_n - $*"; }
diag() { printf '# %s\n' "$@"; }
done_testing() { [ -n "${_planned:-}" ] || echo "1..$_n"; }

# run CMD...: runs nianbao, leaving stdout in $TMP/out, stderr in $TMP/err, status in $rc.
run() {
	"$NIANBAO" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

# is GOT WANT DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then ok "$3"; else not_ok "$3"; diag "got:  $1" "want: $2"; fi
}

# contains FILE PATTERN DESCRIPTION (fixed string)
contains() {
	if grep -qF -- "$2" "$1"; then ok "$3"; else not_ok "$3"; diag "no '$2' in:"; sed 's/^/#   /' "$1"; fi
}

lacks() {
	if grep -qF -- "$2" "$1"; then not_ok "$3"; diag "unexpected '$2' in:"; sed 's/^/#   /' "$1"; else ok "$3"; fi
}

# report_text ID FILE: text part ID of report FILE as stored (lines joined, %XX decoded).
report_text() {
	LC_ALL=C awk -v sect="[text $1]" '
	function hex(c) { return index("0123456789ABCDEF", c) - 1 }
	$0 == sect { on = 1; n = 0; next }
	/^\[/ { on = 0 }
	on && /^(line|more) = \|.*\|$/ {
		v = $0; sub(/^(line|more) = \|/, "", v); v = substr(v, 1, length(v) - 1)
		if ($1 == "line" && n++ > 0) printf "\n"
		while ((i = index(v, "%")) > 0) {
			printf "%s%c", substr(v, 1, i - 1), hex(substr(v, i + 1, 1)) * 16 + hex(substr(v, i + 2, 1))
			v = substr(v, i + 3)
		}
		printf "%s", v
	}' "$2"
}

# skip_unless_tools MISSING: with something missing, skip (exit 77) on a
# developer's machine, but fail in CI, which installs every tool the tests use.
skip_unless_tools() {
	[ -n "$1" ] || return 0
	if [ -n "${CI:-}" ]; then
		echo "1..1"
		echo "not ok 1 - $1 (CI installs every tool the tests use)"
		exit 1
	fi
	echo "1..0 # SKIP $1"
	exit 77
}
