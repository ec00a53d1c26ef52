# faults.sh - every write nianbao makes survives a failing system call: the
# Nth write, fsync, rename, close, open or link fails with EIO or ENOSPC
# (tests/faultshim.c, preloaded), for N = 1, 2, ... until no call is left to
# fail, along set, export, merge, import and the editor's ^S and journal.
# After each run the file is either what it was or complete and new, the exit
# status says which (0, or 2 with a message naming the file), and no
# temporary file or lock is left behind.
. "$TOP_SRCDIR/tests/e2e-lib.sh"

CC=${CC:-cc}
SHIM=$TMP/faultshim.so
if ! $CC -shared -fPIC -o "$SHIM" "$TOP_SRCDIR/tests/faultshim.c" -ldl 2>"$TMP/cc.err"; then
	echo "1..1"
	echo "not ok 1 - the fault-injection shim builds with $CC"
	sed 's/^/# /' "$TMP/cc.err"
	exit 1
fi
# An ASan build wants its runtime first among the preloaded libraries.
PRELOAD=$SHIM
if ldd "$NIANBAO" 2>/dev/null | grep -q libasan; then
	PRELOAD="$($CC -print-file-name=libasan.so) $SHIM"
fi

cd "$TMP" || exit 99
DEMO=$TOP_SRCDIR/examples/demo-2025.nb
PAGE=$TOP_SRCDIR/tests/import/2020-kongtong-town.txt
OPS="write fsync rename close open link"
ERRNOS="EIO ENOSPC"
MAXN=60

# faulty OP N ERRNO ARGS...: nianbao ARGS under the shim; $rc, $fired.
faulty() {
	_op=$1 _nth=$2 _e=$3
	shift 3
	rm -f "$TMP/fired"
	env FAULT_OP="$_op" FAULT_N="$_nth" FAULT_ERRNO="$_e" FAULT_FIRED="$TMP/fired" \
	    LD_PRELOAD="$PRELOAD" "$NIANBAO" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	fired=no
	[ -e "$TMP/fired" ] && fired=yes
}

# leftovers DIR: hidden temporary files or locks nianbao left in DIR.
leftovers() { ls -A "$1" | grep -E '^\..*\.[A-Za-z0-9]{6}$|\.lock$|~\.[0-9]+$' || true; }

# sweep NAME SETUP CHECK ARGS...: for each op and errno, N = 1.. until the
# shim no longer fires: SETUP prepares the files, nianbao ARGS runs, and
# CHECK (given $rc) prints what is wrong, if anything.
sweep() {
	_name=$1 _setup=$2 _check=$3
	shift 3
	for op in $OPS; do
		for e in $ERRNOS; do
			_bad= _runs=0 _failed=0 n=1
			while [ "$n" -le "$MAXN" ]; do
				rm -rf "$TMP/d" && mkdir "$TMP/d"
				$_setup
				faulty "$op" "$n" "$e" "$@"
				[ "$fired" = yes ] || break
				_runs=$((_runs + 1))
				[ "$rc" -eq 2 ] && _failed=$((_failed + 1))
				_why=$($_check)
				_left=$(leftovers "$TMP/d")
				[ -z "$_left" ] || _why="$_why left behind: $_left"
				if [ -n "$_why" ] && [ -z "$_bad" ]; then
					_bad="call $n: $_why (exit $rc: $(head -c 300 "$TMP/err"))"
				fi
				n=$((n + 1))
			done
			if [ -z "$_bad" ] && [ "$_runs" -gt 0 ]; then
				ok "$_name, $op failing with $e: $_runs runs ($_failed refused), every file whole"
			elif [ "$_runs" -eq 0 ] && [ "$op" != link ] && [ "$op" != open ]; then
				not_ok "$_name, $op failing with $e: the shim never fired (it is not exercised)"
			elif [ "$_runs" -eq 0 ]; then
				ok "$_name makes no $op call the shim sees (nothing to fail)"
			else
				not_ok "$_name, $op failing with $e"
				diag "$_bad"
			fi
		done
	done
}

# refused_well FILE...: a failed run exited 2 and named one of the FILEs
# (the output, or an input it could not open).
refused_well() {
	[ "$rc" -eq 2 ] || { echo "exit status $rc, not 2"; return; }
	for _f in "$@" gov-2021.ini; do
		grep -qF -- "$_f" "$TMP/err" && return
	done
	echo "the message names none of $*"
}

# ---- set ---------------------------------------------------------------------
setup_set() { cp "$DEMO" "$TMP/d/r.nb"; }
check_set() {
	# 777 new requests leave table 三 unbalanced: a save says so with exit 1
	if [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]; then
		v=$("$NIANBAO" get "$TMP/d/r.nb" t3.new.person 2>&1 | cut -f4)
		[ "$v" = 777 ] || echo "exit $rc (saved) but the value is '$v'"
	else
		refused_well r.nb
		cmp -s "$DEMO" "$TMP/d/r.nb" || echo "refused, but r.nb changed"
	fi
}
sweep "set" setup_set check_set set "$TMP/d/r.nb" t3.new.person=777

# ---- export ------------------------------------------------------------------
"$NIANBAO" export --to html -o "$TMP/want.html" "$DEMO" 2>/dev/null || echo "# reference export failed"
setup_export() { echo old >"$TMP/d/out.html"; }
check_export() {
	if [ "$rc" -eq 0 ]; then
		cmp -s "$TMP/want.html" "$TMP/d/out.html" || echo "exit 0 but out.html is not the export"
	else
		refused_well out.html demo-2025.nb
		[ "$(cat "$TMP/d/out.html")" = old ] || echo "refused, but out.html changed"
	fi
	rm -f "$TMP/d/out.html~"
}
sweep "export" setup_export check_export export --to html -o "$TMP/d/out.html" "$DEMO"

# ---- merge -------------------------------------------------------------------
cp "$DEMO" "$TMP/a.nb" && cp "$DEMO" "$TMP/b.nb"
"$NIANBAO" merge -o "$TMP/want-m.nb" "$TMP/a.nb" "$TMP/b.nb" >/dev/null 2>&1 || echo "# reference merge failed"
setup_merge() { :; }
check_merge() {
	if [ "$rc" -eq 0 ]; then
		cmp -s "$TMP/want-m.nb" "$TMP/d/m.nb" || echo "exit 0 but m.nb is not the summary"
	else
		refused_well m.nb a.nb b.nb
		[ ! -e "$TMP/d/m.nb" ] || echo "refused, but m.nb exists"
	fi
	cmp -s "$DEMO" "$TMP/a.nb" || echo "an input changed"
}
# A new file is put in place with link(2), not rename(2).
OPS="write fsync close open link"
sweep "merge" setup_merge check_merge merge -o "$TMP/d/m.nb" "$TMP/a.nb" "$TMP/b.nb"

# ---- import ------------------------------------------------------------------
"$NIANBAO" import -o "$TMP/want-i.nb" "$PAGE" >/dev/null 2>&1
irc=$?
setup_import() { :; }
check_import() {
	if [ "$rc" -eq "$irc" ]; then
		cmp -s "$TMP/want-i.nb" "$TMP/d/i.nb" || echo "exit $rc but i.nb is not the import"
	else
		refused_well i.nb kongtong-town.txt
		[ ! -e "$TMP/d/i.nb" ] || echo "refused, but i.nb exists"
	fi
}
sweep "import" setup_import check_import import -o "$TMP/d/i.nb" "$PAGE"

# ---- the editor: ^S and the journal on a full or failing disk ------------------
TAG=nbfault
. "$TOP_SRCDIR/tests/tmux-plain.sh"

# editor OP ERRNO N: the editor with every OP from the Nth on failing (the lock writes once).
editor() {
	rm -rf "$TMP/d" && mkdir "$TMP/d" && cp "$DEMO" "$TMP/d/r.nb"
	session "$TMP/d" "env FAULT_OP=$1 FAULT_N=$3 FAULT_ALL=1 FAULT_ERRNO=$2 LD_PRELOAD='$PRELOAD' '$NIANBAO' r.nb"
}
for case in "write ENOSPC 2" "write EIO 2" "rename EIO 1" "fsync EIO 2"; do
	set -- $case
	editor "$1" "$2" "$3"
	wait_for "Agency" || { not_ok "the editor starts under the shim ($case)"; continue; }
	tm send-keys -t nb -l "Zq"
	tm send-keys -t nb Enter
	shows "Cannot write the recovery journal" "editor, $case: the failing journal is reported"
	tm send-keys -t nb C-s
	shows "the file was not" "editor, $case: ^S says the file was not changed"
	if cmp -s "$DEMO" "$TMP/d/r.nb"; then ok "editor, $case: r.nb is intact"; else not_ok "editor, $case: r.nb changed"; fi
	tm send-keys -t nb C-q
	wait_for "Save the changes" && tm send-keys -t nb n
	sleep 0.3
	is "$(leftovers "$TMP/d")" "" "editor, $case: nothing left behind"
done
done_testing
