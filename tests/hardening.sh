# hardening.sh - nothing lost, nothing overwritten behind the officer's back
# (issue 10): values that would brick a file, links and journals planted by
# another user, FIFOs in place of files, terminal control characters, write
# errors on standard output, owners and read-only files, hostile templates
# and the temporary files a killed save leaves.  Files "of another user" are
# made as uid 65534 with setpriv(1) or chown: the test runs as root (CI does).
. "$TOP_SRCDIR/tests/e2e-lib.sh"

DEMO=$TOP_SRCDIR/examples/demo-2025.nb
NOBODY=65534
cd "$TMP" || exit 99
chmod 755 "$TMP"
if [ "$(id -u)" -ne 0 ]; then
	echo "1..1"
	echo "not ok 1 - hardening.sh makes files as another user and must run as root (CI does)"
	exit 1
fi
# as_nobody CMD...: run CMD as uid/gid 65534.
as_nobody() { setpriv --reuid=$NOBODY --regid=$NOBODY --clear-groups "$@"; }
# exit_is WANT DESC: the last run's status.
exit_is() { is "$rc" "$1" "$2"; [ "$rc" = "$1" ] || sed 's/^/#   err: /' "$TMP/err"; }
same() { if cmp -s "$1" "$2"; then ok "$3"; else not_ok "$3"; fi; }
cell() { "$NIANBAO" get "$1" "$2" | cut -f4; }

# ---- 2. every value written is one the loader accepts ------------------------
cp "$DEMO" r.nb
run set r.nb t3.new.person=999999999999
exit_is 2 "item 2: a set whose total would have 13 digits is refused"
contains "$TMP/err" t3.new.total "item 2: the message names the total that would overflow"
same "$DEMO" r.nb "item 2: nothing was written"
run get r.nb t3.new.total
exit_is 0 "item 2: the report still loads"
run set r.nb t3.new.person=999999999999 auto_totals=no
exit_is 1 "item 2: the same value with auto totals off is stored (no total grows; exit 1: the totals now disagree)"

# ---- 3. outputs: no writing through another user's link ------------------------
cp "$DEMO" r.nb
mkdir -m 1777 pub && mkdir -m 700 secret
echo precious >secret/victim.conf
cp "$DEMO" pub/r.nb
as_nobody ln -s "$TMP/secret/victim.conf" pub/r.html
run export --to html pub/r.nb
exit_is 2 "item 3: export refuses a link planted at the default output"
is "$(cat secret/victim.conf)" precious "item 3: the link's target is untouched"
absent() { if [ -e "$1" ] || [ -L "$1" ]; then not_ok "$2"; else ok "$2"; fi; }
absent secret/victim.conf~ "item 3: and no backup of it was made"
run export --to html -o pub/r.html pub/r.nb
exit_is 2 "item 3: export -o through another user's link is refused"
contains "$TMP/err" "another user" "item 3: the message says whose link it is"
is "$(cat secret/victim.conf)" precious "item 3: the target is still untouched"
as_nobody ln -s "$TMP/secret/new.conf" pub/dangling.html
run export --to html -o pub/dangling.html pub/r.nb
exit_is 2 "item 3: export -o at another user's dangling link is refused"
absent secret/new.conf "item 3: the file it names is not created"
as_nobody ln -s "$TMP/secret/r2.nb" pub/r2.nb
cp "$DEMO" secret/r2.nb
run set pub/r2.nb t3.new.person=5
exit_is 2 "item 3: set through another user's link to a report is refused"
same "$DEMO" secret/r2.nb "item 3: the report it names is unchanged"
mkdir mine && ln -s ../out-target.html mine/link.html
run export --to html -o mine/link.html r.nb
exit_is 0 "item 3: export -o through the user's own link writes the file it names (nianbao(1))"
if [ -f out-target.html ] && [ -L mine/link.html ]; then ok "item 3: the link stays a link"; else not_ok "item 3: the link stays a link"; fi
ln -s out-target.html r.html
run export --to html r.nb
exit_is 2 "item 3: a link at a name nianbao makes up is never followed, even the user's own"

# ---- 5. a FIFO never hangs the program -----------------------------------------
mkfifo fifo.nb fifo.html
mkdir dir && mkfifo dir/x.nb && cp "$DEMO" dir/ok.nb
tmo() { timeout 10 "$NIANBAO" "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?; }
tmo check fifo.nb
exit_is 2 "item 5: check FIFO is refused, not waited on"
contains "$TMP/err" "fifo.nb: not a regular file" "item 5: the message names the FIFO"
tmo check dir
exit_is 2 "item 5: check DIR with a FIFO named *.nb ends"
contains "$TMP/out" "ok.nb" "item 5: the other reports of the directory are checked"
tmo import -o imp.nb fifo.html
exit_is 2 "item 5: import FIFO is refused"
contains "$TMP/err" "not a regular file" "item 5: import says why"
tmo check --previous fifo.nb r.nb
exit_is 2 "item 5: --previous FIFO is refused"
cp "$DEMO" p.nb
sed -i 's/^year = 2025$/year = 2025\nprevious = |fifo.nb|/' p.nb
tmo check p.nb
exit_is 0 "item 5: a report whose previous is a FIFO is checked without it"
contains "$TMP/err" "not a regular file" "item 5: with a warning that says why"
tmo set fifo.nb t3.new.person=1
exit_is 2 "item 5: set FIFO is refused"

# ---- 7. control characters ---------------------------------------------------
ESC=$(printf '\033') BEL=$(printf '\007')
cp "$DEMO" c.nb
run set c.nb "agency=A${ESC}]0;owned${BEL}B"
exit_is 2 "item 7: set refuses ESC and BEL in the agency"
contains "$TMP/err" "U+001B" "item 7: the message names the control character"
same "$DEMO" c.nb "item 7: nothing was changed"
run set c.nb "s1.summary=line${ESC}[2J"
part=$(sed -n 's/^\[text \(.*\)\]$/\1/p' "$DEMO" | head -n 1)
run set c.nb "$part=one${ESC}[2Jtwo"
exit_is 2 "item 7: set refuses ESC in a text"
run set c.nb "$part=tab	and
newline"
exit_is 0 "item 7: tab and line breaks are still allowed in a text"
cp "$DEMO" esc.nb
sed -i "s/^agency = |\(.*\)|$/agency = |\1${ESC}[31mred|/" esc.nb
run check esc.nb
exit_is 2 "item 7: a file with ESC in the agency is refused"
if grep -q "$ESC" "$TMP/err" "$TMP/out"; then not_ok "item 7: check prints no raw ESC"; else ok "item 7: check prints no raw ESC"; fi
cp "$DEMO" key.nb
sed -i "s/^year = 2025$/year = 2025\nbad${ESC}]2;x${BEL} = 1/" key.nb
run check key.nb
exit_is 2 "item 7: an unknown key with control characters is refused"
contains "$TMP/err" '\x1b' "item 7: its ESC is shown escaped"
if grep -q "$ESC\|$BEL" "$TMP/err"; then not_ok "item 7: and never raw"; else ok "item 7: and never raw"; fi
cp "$DEMO" bidi.nb
run set bidi.nb "agency=$(printf 'A\342\200\256B')"
exit_is 0 "item 7: a bidi override is stored (it is text)"
run check bidi.nb
contains "$TMP/out" "U+202E" "item 7: check warns of the bidi override"
run check --json bidi.nb
contains "$TMP/out" hidden-character "item 7: check --json lists it too"
run set bidi.nb "agency=B" "$part=$(printf 'x\342\200\213y')"
run check bidi.nb
contains "$TMP/out" "U+200B" "item 7: check warns of a zero-width space in a text"
printf '<html><body><h1>%s</h1></body></html>\n' "X${ESC}]0;t${BEL}" >esc.html
timeout 10 "$NIANBAO" import -o esc-imp.nb esc.html >/dev/null 2>&1
if [ -f esc-imp.nb ] && grep -q "$ESC\|$BEL" esc-imp.nb; then
	not_ok "item 7: import does not carry control characters into a report"
else
	ok "item 7: import does not carry control characters into a report"
fi

# ---- 8. write errors on standard output ---------------------------------------
for args in "get r.nb" "check r.nb" "check --json r.nb" "export --to text -o - r.nb"; do
	# shellcheck disable=SC2086
	"$NIANBAO" $args >/dev/full 2>"$TMP/err"
	rc=$?
	exit_is 2 "item 8: $args to /dev/full exits 2"
	contains "$TMP/err" "cannot write the output" "item 8: $args says so"
done

# ---- 9. owner, mode and read-only files -----------------------------------------
mkdir -m 1777 shared
cp "$DEMO" shared/o.nb && chown $NOBODY:$NOBODY shared/o.nb && chmod 640 shared/o.nb
run set shared/o.nb t3.new.person=3
exit_is 1 "item 9: root's set on another user's file saves it (exit 1: the new value breaks a relation)"
is "$(stat -c '%u:%g %a' shared/o.nb)" "$NOBODY:$NOBODY 640" "item 9: the file keeps its owner, group and mode"
is "$(stat -c '%u %a' shared/o.nb~)" "$NOBODY 640" "item 9: so does the backup"
cp "$DEMO" ro.nb && chmod 444 ro.nb
run set ro.nb t3.new.person=3
exit_is 2 "item 9: a 0444 report is not replaced"
contains "$TMP/err" "read-only" "item 9: the message says it is read-only"
same "$DEMO" ro.nb "item 9: and it is unchanged"
run set --force ro.nb t3.new.person=3
exit_is 1 "item 9: set --force replaces it (exit 1: the new value breaks a relation)"
is "$(stat -c %a ro.nb) $(cell ro.nb t3.new.person)" "444 3" "item 9: keeping its mode"
cp "$DEMO" shared/root.nb && chmod 644 shared/root.nb
as_nobody env NIANBAO_TEMPLATE_PATH="$NIANBAO_TEMPLATE_PATH" "$NIANBAO" set shared/root.nb t3.new.person=4 \
    >"$TMP/out" 2>"$TMP/err"
rc=$?
exit_is 2 "item 9: a file the user may not write is not replaced, though its directory is writable"
same "$DEMO" shared/root.nb "item 9: it is unchanged"
mkdir -m 2775 group && chgrp $NOBODY group		# a folder the office shares by group
cp "$DEMO" group/grp.nb && chown 0:$NOBODY group/grp.nb && chmod 664 group/grp.nb
as_nobody env NIANBAO_TEMPLATE_PATH="$NIANBAO_TEMPLATE_PATH" "$NIANBAO" set group/grp.nb t3.new.person=4 \
    >"$TMP/out" 2>"$TMP/err"
rc=$?
exit_is 1 "item 9: a group member may save a group-writable report (saved; exit 1: the new value breaks a relation)"
contains "$TMP/err" "now belongs to nobody (it belonged to root)" "item 9: and is told the owner changed"

cp "$DEMO" shared/g2.nb && chmod 666 shared/g2.nb
as_nobody env NIANBAO_TEMPLATE_PATH="$NIANBAO_TEMPLATE_PATH" "$NIANBAO" set shared/g2.nb t3.new.person=4 \
    >"$TMP/out" 2>"$TMP/err"
rc=$?
exit_is 2 "item 9: in a sticky folder another user's report cannot be replaced: the save says so"
same "$DEMO" shared/g2.nb "item 9: it is unchanged"
is "$(ls -A shared | grep '^\.g2' || true)" "" "item 9: and nothing is left behind"

# ---- 10. hostile templates --------------------------------------------------------
mkdir tpl
hostile() {	# hostile NAME SED: the 2021 template changed by SED, checked against the demo
	sed "$2" "$NIANBAO_TEMPLATE_PATH/gov-2021.ini" >tpl/gov-2021.ini
	start=$(date +%s)
	timeout 20 "$NIANBAO" -T tpl check "$DEMO" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	took=$(($(date +%s) - start))
	exit_is 2 "item 10: $1: the template is refused"
	cp "$TMP/err" "$TMP/err.tpl"
	contains "$TMP/err" "tpl/gov-2021.ini:" "item 10: $1: the message says FILE:LINE"
	if [ "$took" -le 3 ]; then ok "item 10: $1: within 3 s ($took s)"; else not_ok "item 10: $1: took $took s"; fi
}
hostile "a huge constant" 's/^check = t3.new.\$c + t3.carried.\$c = /check = 99999999999999999999 + t3.new.$c + t3.carried.$c = /'
hostile "a huge span" 's/^col = made count 1$/col = made count 2147483647/'
hostile "a huge label span" '0,/^label = 3 /s/^label = 3 /label = 1x2147483647 /'
# Four sums of the whole table t3 (175 cells): 700 terms in one equation.
sum='sum(t3.new.person:t3.next.total)'
hostile "a sum of 700 cells" "s/^check = t3.new.\\\$c + t3.carried.\\\$c = .*/check = $sum + $sum + $sum + $sum = 0/; /^fix = t3.next.\\\$c\$/d"
contains "$TMP/err" "600 terms" "item 10: a sum of 700 cells: the message says the limit"
words=$(awk 'BEGIN { for (i = 0; i < 30; i++) printf " w%d", i }')
hostile "six nested foreach" "s/^foreach = \\\$g in rv ld la\$/foreach = \$g in rv ld la\\nforeach = \$a in$words\\nforeach = \$b in$words\\nforeach = \$d in$words\\nforeach = \$e in$words\\nforeach = \$f in$words/"
hostile "a foreach of a million equations" "s/^foreach = \\\$g in rv ld la\$/foreach = \$g in rv ld la\\nforeach = \$a in$words$words$words$words\\nforeach = \$b in$words$words$words$words/"
run check "$DEMO"
exit_is 0 "item 10: the real templates stay within the limits"

# ---- 11. temporary files a killed save left behind --------------------------------
cp "$DEMO" t.nb
head -c 4000000 /dev/zero >.t.nb.Ab12Z9
touch -d '2 hours ago' .t.nb.Ab12Z9
head -c 100 /dev/zero >.t.nb.Qw34Er		# fresh: no other nianbao saves t.nb meanwhile (the lock)
head -c 100 /dev/zero >.t.nb.Zz99Yy && chown $NOBODY .t.nb.Zz99Yy
echo keep >.t.nb.notours
run set t.nb t3.new.person=8
exit_is 1 "item 11: set after a killed save (saved; exit 1: the new value breaks a relation)"
absent .t.nb.Ab12Z9 "item 11: an old temporary file of ours is removed"
absent .t.nb.Qw34Er "item 11: so is a fresh one, the lock being held"
if [ -f .t.nb.Zz99Yy ] && [ -f .t.nb.notours ]; then ok "item 11: another user's file and other names are left alone"; else not_ok "item 11: another user's file and other names are left alone"; fi
cp "$DEMO" k.nb
for i in 1 2 3 4 5 6 7 8 9 10; do
	"$NIANBAO" set k.nb t3.new.person=$i >/dev/null 2>&1 &
	pid=$!
	sleep 0.0$i
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
done
run set k.nb t3.new.person=99
exit_is 1 "item 11: set after ten killed ones (a stale lock is taken over) (saved; exit 1: the new value breaks a relation)"
is "$(ls -A | grep -c '^\.k\.nb\.')" 0 "item 11: no temporary file or lock of k.nb is left"

# ---- 6. a planted journal is not trusted (the editor, in tmux) ----------------------
TAG=nbharden
. "$TOP_SRCDIR/tests/tmux-plain.sh"
editor() { session "$1" "env HOME='$TMP' '$NIANBAO' '$2'"; }	# editor DIR FILE
cp "$DEMO" pub/j.nb
sed 's/^agency = .*/agency = |ATTACKER|/' "$DEMO" >pub/.j.nb.nbj
chown $NOBODY pub/.j.nb.nbj
editor "$TMP/pub" j.nb
shows "not written by you" "item 6: the editor ignores another user's journal, and says so"
if grep -q "Recover it" "$TMP/screen"; then not_ok "item 6: it does not offer to recover it"; else ok "item 6: it does not offer to recover it"; fi
tm send-keys -t nb -l "Z"
tm send-keys -t nb Enter C-s
shows "Saved" "item 6: ^S saves the officer's own work"
if grep -q ATTACKER pub/j.nb; then not_ok "item 6: nothing of the planted journal was saved"; else ok "item 6: nothing of the planted journal was saved"; fi
tm send-keys -t nb C-q
cp "$DEMO" pub/w.nb
sed 's/^agency = .*/agency = |WRITABLE|/' "$DEMO" >pub/.w.nb.nbj
chmod 666 pub/.w.nb.nbj
editor "$TMP/pub" w.nb
shows "not written by you" "item 6: a journal others may write is not trusted either"
tm send-keys -t nb C-q

# ---- 9. the editor opens a 0444 report read-only, even for root --------------------------
cp "$DEMO" ro2.nb && chmod 444 ro2.nb
editor "$TMP" ro2.nb
shows "read-only here" "item 9: the editor opens a 0444 report read-only"
tm send-keys -t nb C-q
done_testing
