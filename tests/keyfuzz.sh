# keyfuzz.sh - random keys into the editor through tmux (issue 10): printable
# and CJK text, control and function keys, Alt digits, bracketed pastes and
# window resizes, for KEYFUZZ_SECONDS (default 120 with an AddressSanitizer
# build, where it matters most, 15 otherwise) from a fixed seed that is
# printed (KEYFUZZ_SEED, default 11; set it to replay a failure, or to
# explore: KEYFUZZ_SEED=$(date +%s) KEYFUZZ_SECONDS=1800).  Passes when the
# editor never ends except by a quit with status 0, and the report file
# still loads at the end.

. "$TOP_SRCDIR/tests/e2e-lib.sh"
. "$TOP_SRCDIR/tests/tmux-lib.sh"

[ -x "$NIANBAO" ] || { echo "Bail out! $NIANBAO is not an executable"; exit 1; }
if grep -q __asan_init "$NIANBAO" 2>/dev/null; then default=120; else default=15; fi
SECONDS_=${KEYFUZZ_SECONDS:-$default}
SEED=${KEYFUZZ_SEED:-11}
diag "keyfuzz: seed $SEED, $SECONDS_ s (replay: KEYFUZZ_SEED=$SEED KEYFUZZ_SECONDS=$SECONDS_)"

cp "$TOP_SRCDIR/examples/demo-2025.nb" "$F" && chmod u+w "$F"
start 100 30
poll_screen _has_re '^ nianbao' || { not_ok "the editor opens the demo report"; dump; exit 1; }

# The plan: one action per line, from awk's generator with the seed.
awk -v seed="$SEED" 'BEGIN {
	srand(seed)
	split("C-a C-b C-d C-e C-f C-g C-k C-l C-n C-o C-p C-r C-t C-u C-v C-w C-y C-z", ctl, " ")
	split("F1 F2 F3 F4 F5 F6 Up Down Left Right Home End PPage NPage Tab BTab Enter BSpace DC Escape", fk, " ")
	split("一 二 三 政府信息 公开 。 ， （ ） “ ” ０ １ ９ ／ 增 减", cjk, " ")
	split("0 1 2 5 9 10 36 / . - + x y n c t r q", pr, " ")
	for (i = 0; i < 200000; i++) {
		r = rand()
		if (r < 0.30) print "type " pr[int(rand() * 18) + 1]
		else if (r < 0.45) print "type " cjk[int(rand() * 17) + 1]
		else if (r < 0.80) print "key " fk[int(rand() * 20) + 1]
		else if (r < 0.88) print "key " ctl[int(rand() * 18) + 1]
		else if (r < 0.93) print "key M-" int(rand() * 6 + 1)
		else if (r < 0.96) print "paste " int(rand() * 3)
		else if (r < 0.985) print "resize " int(60 + rand() * 100) " " int(16 + rand() * 40)
		else print "quit"
	}
}' >"$TMP/plan"

PASTES='12	3	4	5
粘贴的文字，含“引号”和换行
不会结束
/	0	7'
end=$(($(date +%s) + SECONDS_))
steps=0 restarts=0 crashes=0 resizes=0 tmux_gone=0
while [ "$(date +%s)" -lt "$end" ] && IFS=' ' read -r what a b; do
	steps=$((steps + 1))
	case $what in
	type) tm send-keys -t "$W" -l -- "$a" ;;
	key) tm send-keys -t "$W" "$a" ;;
	paste)
		# set-buffer, not load-buffer from stdin: that crashes tmux 3.3a here
		tm set-buffer -b fz -- "$(printf '%s\n' "$PASTES" | sed -n "$((a + 1)),$((a + 2))p")"
		tm paste-buffer -p -b fz -t "$W" ;;
	resize) tm resize-window -t "$W" -x "$a" -y "$b"; resizes=$((resizes + 1)) ;;
	quit) tm send-keys -t "$W" C-q; tm send-keys -t "$W" -l n ;;
	esac
	if ! tm has-session -t nb 2>/dev/null; then
		# tmux 3.3a's server has been seen to exit on a bracketed paste
		# here; the editor then ends by its hang-up path.  Start again.
		diag "step $steps ($what $a $b): the tmux server is gone; starting it again"
		tmux_gone=$((tmux_gone + 1))
		T=3 poll sh -c "[ ! -e '$L' ]" || diag "the editor left its lock after the terminal went away"
		rm -f "$L"
		start 100 30
		poll_screen _has_re '^ nianbao' >/dev/null || { snap; dump; }
		continue
	fi
	[ $((steps % 20)) = 0 ] || continue
	if [ "$(pane '#{pane_dead}')" = 1 ]; then
		T=2 poll _dead
		st=$(pane '#{pane_dead_status}') sig=$(pane '#{pane_dead_signal}')
		if [ "$st" != 0 ] || [ -n "$sig" ]; then
			crashes=$((crashes + 1))
			diag "step $steps: the editor ended with status '$st' signal '$sig'"
			snap && dump
		fi
		rm -f "$TMP/w/.r.nb.lock"
		restarts=$((restarts + 1))
		restart
	fi
done <"$TMP/plan"
tm send-keys -t "$W" C-q
tm send-keys -t "$W" -l n
T=5 poll _dead
diag "keyfuzz: $steps actions, $resizes resizes, $restarts restarts of the editor"
is "$crashes" 0 "no crash in $steps random actions from seed $SEED"
diag "keyfuzz: the tmux server went away $tmux_gone times"
if "$NIANBAO" check "$F" >/dev/null 2>&1 || [ $? = 1 ]; then ok "the report still loads"; else not_ok "the report still loads"; fi
done_testing
