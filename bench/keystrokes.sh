#!/usr/bin/env bash
# bench/keystrokes.sh - per-keystroke cost of nianbao against GNU nano.
#
# For two scenarios,
#   digits   typing digits into table 三 of the demo report, each digit followed
#            by Enter (which stores it and moves down); GNU nano gets the same
#            digit + Enter keys in an empty plain text file;
#   hanzi    typing Chinese characters into section 一's text (the 总体情况
#            paragraph, cursor at its start); GNU nano gets the same characters
#            at the start of a plain text file holding the same paragraph;
# it runs each editor under valgrind --tool=callgrind in a tmux pane of 80x24,
# with its terminal output teed to a file, feeds the keys with tmux send-keys,
# quits, and reports
#   instructions per keystroke = (Ir of the run with N keys - Ir of the run with 0 keys) / N
#   terminal bytes per keystroke = (bytes of that run - bytes of the 0-key run) / N
# so that start-up and quitting cancel out.  See bench/README.
#
# Settings (environment):
#   DIGITS=1000   digits typed in "digits" (2*DIGITS keystrokes: each digit + Enter)
#   HANZI=1000    characters typed in "hanzi" (HANZI keystrokes)
#   HANZI_PART_KB=0  when above 0, section 一's paragraph is repeated (each copy a
#                 paragraph of its own) until the part holds at least this many
#                 KB, in nianbao's report and in nano's file alike: typing into a
#                 100 KB part (HANZI_PART_KB=100) is what issue 12 measures
#   BATCH=1       keys per tmux send-keys; after each batch the script waits until
#                 the editor is blocked reading its terminal again.  1 = every key
#                 is handled and drawn on its own, as when a person types; larger
#                 batches let both editors coalesce typeahead (faster, not per key)
#   JOBS=2        runs at a time (only nianbao's once-a-second journal depends on
#                 the pace, see README)
#   NANO_SOFTWRAP=1  also run nano --softwrap in "hanzi" (nianbao wraps its text)
#   NIANBAO=path  the binary to measure; default: build the work tree in
#                 _build_bench/ (configure + make) and use that
#   KEEP=1        keep the temporary directory (callgrind outputs, tty logs)
#   TOP=15        functions shown in the per-keystroke profile of nianbao
#   TEMPLATES=dir NIANBAO_TEMPLATE_PATH for nianbao (default: templates/)
#   TIMEOUT=120   seconds an editor may take for one key, to start or to quit
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
DIGITS=${DIGITS:-1000}
HANZI=${HANZI:-1000}
HANZI_PART_KB=${HANZI_PART_KB:-0}
BATCH=${BATCH:-1}
JOBS=${JOBS:-2}
NANO_SOFTWRAP=${NANO_SOFTWRAP:-1}
KEEP=${KEEP:-0}
TOP=${TOP:-15}
TEMPLATES=${TEMPLATES:-$top/templates}
TIMEOUT=${TIMEOUT:-120}	# seconds one key (or start-up, or quitting) may take

die() { echo "keystrokes.sh: $*" >&2; exit 2; }

# ---- tools ------------------------------------------------------------------
missing=
for t in tmux valgrind callgrind_annotate perl nano script tee awk sed sort join mktemp; do
	command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done
if [ -n "$missing" ]; then
	echo "keystrokes.sh: missing:$missing" >&2
	echo "  on Debian: apt-get install tmux valgrind perl nano util-linux gawk coreutils" >&2
	echo "  (run apt-get update first if a package is not found)" >&2
	exit 2
fi
[ -r /proc/self/syscall ] || die "needs /proc/PID/syscall (Linux) to see when an editor waits for a key"
locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$' ||
	die "missing the zh_CN.UTF-8 locale (tools/install-deps.sh generates it)"
case $DIGITS$HANZI$HANZI_PART_KB$BATCH$JOBS in *[!0-9]*) die "DIGITS, HANZI, HANZI_PART_KB, BATCH and JOBS are numbers" ;; esac
if [ "$BATCH" -lt 1 ] || [ "$JOBS" -lt 1 ]; then die "BATCH and JOBS are at least 1"; fi

# ---- nianbao ----------------------------------------------------------------
if [ -z "${NIANBAO:-}" ]; then
	build="$top/_build_bench"
	mkdir -p "$build" || die "cannot make $build"
	echo "building nianbao in $build ..." >&2
	# A link that fails deletes nianbao, so the last good build is kept as
	# nianbao.bench-good and measured when the work tree does not build.
	if (cd "$build" && { [ -f Makefile ] || "$top/configure" -q >/dev/null; } && make -s >/dev/null 2>"$build/bench-build.log"); then
		cp -p "$build/nianbao" "$build/nianbao.bench-good"
		NIANBAO="$build/nianbao"
	elif [ -x "$build/nianbao.bench-good" ]; then
		echo "keystrokes.sh: the work tree does not build now (see $build/bench-build.log);" >&2
		echo "  measuring the last good build, from $(date -r "$build/nianbao.bench-good" '+%F %T')" >&2
		NIANBAO="$build/nianbao.bench-good"
	else
		die "the build failed: see $build/bench-build.log (or give NIANBAO=path)"
	fi
	LOCALEDIR="$build/locale"
else
	LOCALEDIR=${NIANBAO_LOCALEDIR:-$(dirname "$NIANBAO")/locale}
fi
[ -x "$NIANBAO" ] || die "no nianbao binary at $NIANBAO"
NANO=$(command -v nano)

# ---- work directory, cleaned up on exit --------------------------------------
WORK=$(mktemp -d /tmp/nbbench.XXXXXX) || die "mktemp failed"
SOCK=nbbench$$	# tmux sockets: ${SOCK}r00, ${SOCK}r01, ...
cleanup() {
	local s
	for s in "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"r*; do
		[ -e "$s" ] || continue
		tmux -L "${s##*/}" kill-server 2>/dev/null
		rm -f "$s"	# tmux leaves its socket behind
	done
	if [ "$KEEP" = 1 ]; then
		echo "kept $WORK" >&2
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

printf 'set -g status off\nset -g default-terminal tmux-256color\nset -g remain-on-exit off\nset -g history-limit 0\n' >"$WORK/tmux.conf"
infocmp tmux-256color >/dev/null 2>&1 || sed -i 's/tmux-256color/screen/' "$WORK/tmux.conf"

# The demo report and, for nano, its section 一 paragraph (text s1.intro) as one line.
cp "$top/examples/demo-2025.nb" "$WORK/demo.nb"
if [ "$HANZI_PART_KB" -gt 0 ]; then
	# The paragraph's file lines ("line = |...|" and its "more" lines) again and
	# again after it: each copy starts with "line", a paragraph of its own.
	LC_ALL=C awk -v kb="$HANZI_PART_KB" '
	    on && !/^(line|more) = \|/ { grow() }
	    /^\[/ { on = ($0 == "[text s1.intro]") }
	    on && /^(line|more) = \|/ { para[n++] = $0; bytes += length($0) - 8 }
	    { print }
	    function grow(  k, i) { for (k = bytes; k < kb * 1024; k += bytes) for (i = 0; i < n; i++) print para[i]; on = 0 }
	    END { if (on) grow() }' "$top/examples/demo-2025.nb" >"$WORK/demo.nb"
fi
awk '/^\[/ { on = ($0 == "[text s1.intro]") ; next }
     on && /^(line|more) = \|/ { s = $0; sub(/^(line|more) = \|/, "", s); sub(/\|$/, "", s)
	if ($1 == "line" && n++) printf "\n"; printf "%s", s }
     END { printf "\n" }' "$WORK/demo.nb" >"$WORK/intro.txt"
grep -q '%' "$WORK/intro.txt" && die "s1.intro holds %XX escapes: teach the extraction to decode them"
[ -s "$WORK/intro.txt" ] || die "no [text s1.intro] in examples/demo-2025.nb"
: >"$WORK/empty.txt"

# 51 Chinese characters, typed over and over.
HAN=(本 机 关 坚 持 以 公 开 为 常 态 不 例 外 全 面 推 进 决 策 执 行 管 理 服 务 结 果
     持 续 提 升 政 务 质 量 和 实 效 更 好 群 众 办 事 创 业 提 供 便 利)

# ---- waiting for an editor ----------------------------------------------------
mkfifo "$WORK/.tick" || die "cannot make a fifo in $WORK"
exec 9<>"$WORK/.tick"
nap() { read -r -t "$1" -u 9 _ 2>/dev/null; return 0; }

rchar() {	# bytes the process has read so far
	local k v
	while read -r k v; do
		[ "$k" = rchar: ] && { echo "$v"; return 0; }
	done 2>/dev/null <"/proc/$1/io"
	echo -1
}

# Wait until process $1 has read more than $2 bytes and is blocked in read,
# poll or select (waiting for the next key).  Returns 1 if it exited.
wait_idle() {
	local pid=$1 before=$2 t0=$SECONDS s sc
	while :; do
		[ -d "/proc/$pid" ] || return 1
		if [ "$before" -lt 0 ] || [ "$(rchar "$pid")" -gt "$before" ]; then
			read -r s 2>/dev/null <"/proc/$pid/stat" || return 1
			s=${s##*) }
			if [ "${s%% *}" = S ]; then
				read -r sc _ 2>/dev/null <"/proc/$pid/syscall" || return 1
				case $sc in 0 | 7 | 23 | 270 | 271) return 0 ;; esac
			fi
		fi
		[ $((SECONDS - t0)) -gt "$TIMEOUT" ] && { echo "keystrokes.sh: editor $pid did not settle" >&2; return 2; }
		nap 0.003
	done
}

wait_gone() {	# $1 pid, $2 tmux socket
	local t0=$SECONDS
	while [ -d "/proc/$1" ] || tmux -L "$2" has-session 2>/dev/null; do
		[ $((SECONDS - t0)) -gt "$TIMEOUT" ] && return 1
		nap 0.02
	done
	return 0
}

# ---- one run ------------------------------------------------------------------
# run EDITOR SCENARIO N ID: prints "Ir bytes" to $WORK/ID.result
run() {
	local ed=$1 sc=$2 n=$3 id=$4 d="$WORK/$4" sock="$SOCK$4" pid k sent before keys=()
	mkdir -p "$d/home"
	case $ed in
	nianbao)
		cp "$WORK/demo.nb" "$d/r.nb"
		set -- "$NIANBAO" "$d/r.nb" ;;
	nano*)
		if [ "$sc" = digits ]; then cp "$WORK/empty.txt" "$d/r.txt"; else cp "$WORK/intro.txt" "$d/r.txt"; fi
		local opt=
		[ "$ed" = nano-softwrap ] && opt=--softwrap
		set -- "$NANO" -I $opt "$d/r.txt" ;;
	esac
	{
		echo '#!/bin/sh'
		echo "echo \$\$ >'$d/pid'"
		echo "export LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 HOME='$d/home' XDG_CONFIG_HOME='$d/home/.config'"
		echo "export NIANBAO_TEMPLATE_PATH='$TEMPLATES' NIANBAO_LOCALEDIR='$LOCALEDIR'"
		printf 'exec valgrind --tool=callgrind --callgrind-out-file=%s --log-file=%s' "$d/cg.out" "$d/vg.log"
		printf " '%s'" "$@"
		echo
	} >"$d/launch"
	chmod +x "$d/launch"
	tmux -L "$sock" -f "$WORK/tmux.conf" new-session -d -x 80 -y 24 \
	    "script -q -c '$d/launch' /dev/null | tee '$d/tty'" || { echo "tmux failed" >&2; return 1; }
	local t0=$SECONDS
	while [ ! -s "$d/pid" ]; do
		[ $((SECONDS - t0)) -gt "$TIMEOUT" ] && { echo "$id: never started" >&2; return 1; }
		nap 0.01
	done
	pid=$(cat "$d/pid")
	wait_idle "$pid" -1 || return 1

	# Go to the place of the scenario (same in the 0-key run).
	if [ "$ed" = nianbao ]; then
		before=$(rchar "$pid")
		if [ "$sc" = digits ]; then tmux -L "$sock" send-keys M-3; else tmux -L "$sock" send-keys M-1; fi
		wait_idle "$pid" "$before" || return 1
		tmux -L "$sock" capture-pane -p >"$d/screen-start"
		# The page titles come from the template, in Chinese whatever the UI language.
		local want=一、总体情况
		[ "$sc" = digits ] && want=三、收到和处理政府信息公开申请情况
		grep -q "$want" "$d/screen-start" || { echo "$id: M-3/M-1 did not reach $want (screen in $d/screen-start, KEEP=1)" >&2; return 1; }
	fi

	# The keys.
	sent=0
	while [ "$sent" -lt "$n" ]; do
		keys=()
		for ((k = 0; k < BATCH && sent < n; k++, sent++)); do
			if [ "$sc" = digits ]; then
				if ((sent % 2 == 0)); then keys+=("$((sent / 2 % 9 + 1))"); else keys+=(Enter); fi
			else
				keys+=("${HAN[sent % ${#HAN[@]}]}")
			fi
		done
		before=$(rchar "$pid")
		if [ "$sc" = digits ]; then
			# digits and Enter by name; -l would send "Enter" literally
			tmux -L "$sock" send-keys "${keys[@]}" || return 1
		else
			tmux -L "$sock" send-keys -l "$(printf '%s' "${keys[@]}")" || return 1
		fi
		wait_idle "$pid" "$before" || { echo "$id: editor gone after $sent keys" >&2; return 1; }
	done
	tmux -L "$sock" capture-pane -p >"$d/screen-end"

	# Quit, discarding: ^Q (nianbao) / ^X (nano), then n if it asks.
	before=$(rchar "$pid")
	if [ "$ed" = nianbao ]; then tmux -L "$sock" send-keys C-q; else tmux -L "$sock" send-keys C-x; fi
	if wait_idle "$pid" "$before"; then
		tmux -L "$sock" capture-pane -p >"$d/screen-ask"
		tmux -L "$sock" send-keys n
	fi
	wait_gone "$pid" "$sock" || { echo "$id: did not quit" >&2; return 1; }
	local ir bytes
	ir=$(awk '/^(summary|totals):/ { print $2; exit }' "$d/cg.out" 2>/dev/null)
	bytes=$(wc -c <"$d/tty")
	[ -n "$ir" ] || { echo "$id: no callgrind totals" >&2; return 1; }
	echo "$ir $bytes" >"$d/result"
}

# ---- the runs -------------------------------------------------------------------
eds_for() { if [ "$1" = hanzi ] && [ "$NANO_SOFTWRAP" = 1 ]; then echo nianbao nano nano-softwrap; else echo nianbao nano; fi; }
keys_for() { if [ "$1" = digits ]; then echo $((2 * DIGITS)); else echo "$HANZI"; fi; }

plan=()
for sc in digits hanzi; do
	for ed in $(eds_for $sc); do
		plan+=("$ed $sc $(keys_for $sc)" "$ed $sc 0")
	done
done
echo "$(date +%T) ${#plan[@]} runs under callgrind, $JOBS at a time, BATCH=$BATCH ..." >&2
running=0 idx=0
declare -A ID
for p in "${plan[@]}"; do
	# shellcheck disable=SC2086
	set -- $p
	id=$(printf 'r%02d' "$idx"); idx=$((idx + 1))
	ID["$1 $2 $3"]=$id
	( run "$1" "$2" "$3" "$id" && echo "$(date +%T)   done: $1 $2 N=$3" >&2 ) &
	running=$((running + 1))
	if [ "$running" -ge "$JOBS" ]; then wait -n; running=$((running - 1)); fi
done
wait

result() { cat "$WORK/${ID[$1]}/result" 2>/dev/null; }
fail=0
for p in "${plan[@]}"; do
	[ -n "$(result "$p")" ] || { echo "keystrokes.sh: run failed: $p (keep it with KEEP=1)" >&2; fail=1; }
done
[ "$fail" = 0 ] || exit 1

# ---- table ------------------------------------------------------------------------
echo
echo "nianbao $("$NIANBAO" --version 2>/dev/null | head -1 | awk '{print $NF}'), $("$NANO" --version | head -1 | sed 's/^ *GNU nano, version/nano/')," \
    "terminal 80x24 $(sed -n 's/.*default-terminal //p' "$WORK/tmux.conf"), BATCH=$BATCH"
echo "digits: $DIGITS digits each + Enter = $((2 * DIGITS)) keystrokes; hanzi: $HANZI keystrokes" \
    "into a part of $(wc -c <"$WORK/intro.txt") bytes"
echo
# per-keystroke numbers: "instr bytes" of editor $1 in scenario $2
perkey() {
	local n ir by ir0 by0
	n=$(keys_for "$2")
	read -r ir by <<<"$(result "$1 $2 $n")"
	read -r ir0 by0 <<<"$(result "$1 $2 0")"
	awk -v n="$n" -v ir="$ir" -v ir0="$ir0" -v by="$by" -v by0="$by0" 'BEGIN { printf "%.0f %.1f\n", (ir - ir0) / n, (by - by0) / n }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
verdict() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= 1 && b <= 1) ? "ok" : "over" }'; }

printf '%-13s %-7s %5s %10s %9s  %s\n' editor scenario keys instr/key bytes/key 'nianbao/nano (target <= 1)'
for sc in digits hanzi; do
	read -r ni nb <<<"$(perkey nano $sc)"
	for ed in $(eds_for $sc); do
		read -r i b <<<"$(perkey "$ed" $sc)"
		if [ "$ed" = nianbao ]; then
			ri=$(ratio "$i" "$ni") rb=$(ratio "$b" "$nb")
			printf '%-13s %-7s %5d %10d %9.1f  instr %5s  bytes %5s  %s\n' "$ed" $sc "$(keys_for $sc)" "$i" "$b" "$ri" "$rb" "$(verdict "$ri" "$rb")"
		else
			printf '%-13s %-7s %5d %10d %9.1f\n' "$ed" $sc "$(keys_for $sc)" "$i" "$b"
		fi
	done
done
if [ "$NANO_SOFTWRAP" = 1 ]; then
	read -r i b <<<"$(perkey nianbao hanzi)"
	read -r si sb <<<"$(perkey nano-softwrap hanzi)"
	printf '%-13s %-7s %5s %10s %9s  instr %5s  bytes %5s  (vs nano --softwrap)\n' '' hanzi '' '' '' "$(ratio "$i" "$si")" "$(ratio "$b" "$sb")"
fi
echo
echo "instr: instructions (valgrind Ir); bytes: what the editor wrote to its terminal;"
echo "both per keystroke, as (run with N keys - run with 0 keys) / N."

# ---- where nianbao's instructions per keystroke go ------------------------------------
# Per function, inclusive and self: (Ir in the N-key run - Ir in the 0-key run) / N.
funcs() {	# $1 callgrind output, $2 yes|no: "name<TAB>Ir" sorted by name
	callgrind_annotate --inclusive="$2" --threshold=100 --auto=no "$1" 2>/dev/null |
	    awk '/file:function$/ { on = 1; getline; next }
		on && /^$/ { exit }
		on { v = $1; gsub(/,/, "", v); line = $0
		     sub(/^ *[0-9,]+ +(\( *[0-9.]+%\) +)?/, "", line)
		     obj = ""; if (match(line, / \[[^]]*\]$/)) { obj = substr(line, RSTART + 2, RLENGTH - 3); line = substr(line, 1, RSTART - 1) }
		     n = index(line, ":"); file = substr(line, 1, n - 1); fn = substr(line, n + 1)
		     if (file == "???") { sub(/.*\//, "", obj); sub(/\.so.*/, "", obj); name = obj ":" fn }
		     else { sub(/.*\//, "", file); name = file ":" fn }
		     if (!(name in sum) || v > sum[name]) sum[name] = v }	# one function can be listed under two spellings of its file
		END { for (k in sum) if (k !~ /\(below main\)|__libc_start_main|^ld-linux|^main\.c:main$|^cli\.c:cli_main$/) print k "\t" sum[k] }' |
	    LC_ALL=C sort -t "$TAB" -k1,1
}
TAB=$(printf '\t')
profile() {	# $1 scenario
	local n d1 d0 mode
	n=$(keys_for "$1")
	d1="$WORK/${ID["nianbao $1 $n"]}" d0="$WORK/${ID["nianbao $1 0"]}"
	echo
	echo "nianbao, $1: instructions per keystroke by function, top $TOP"
	echo "(callgrind_annotate of the N-key run minus the 0-key run, / N)"
	for mode in yes no; do
		funcs "$d1/cg.out" $mode >"$d1/fn-$mode"
		funcs "$d0/cg.out" $mode >"$d0/fn-$mode"
		if [ $mode = yes ]; then echo "  inclusive (with callees):"; else echo "  self:"; fi
		LC_ALL=C join -t "$TAB" -a 1 -e 0 -o 0,1.2,2.2 "$d1/fn-$mode" "$d0/fn-$mode" |
		    awk -F "$TAB" -v n="$n" '{ d = ($2 - $3) / n; if (d >= 1) printf "%12.0f  %s\n", d, $1 }' |
		    sort -rn | head -n "$TOP" | sed 's/^/  /'
	done
}
profile digits
profile hanzi

# nianbao writes its recovery journal (the whole report) at most once a second
# while there are unsaved edits: a cost per second, not per key, which is why its
# instruction counts vary a little from run to run (callgrind's pace decides how
# many journal writes fall into a run).
echo
for sc in digits hanzi; do
	n=$(keys_for $sc) d1="$WORK/${ID["nianbao $sc $(keys_for $sc)"]}" d0="$WORK/${ID["nianbao $sc 0"]}"
	j1=$(awk -F "$TAB" '$1 == "tui.c:journal_tick" { print $2 }' "$d1/fn-yes")
	j0=$(awk -F "$TAB" '$1 == "tui.c:journal_tick" { print $2 }' "$d0/fn-yes")
	w=$(callgrind_annotate --tree=calling --threshold=100 --auto=no "$d1/cg.out" 2>/dev/null |
	    sed -n 's/.*>  *.*journal\.c:journal_write (\([0-9,]*\)x).*/\1/p' | tr -d , | head -1)
	read -r i b <<<"$(perkey nianbao $sc)"
	awk -v sc=$sc -v n="$n" -v j1="${j1:-0}" -v j0="${j0:-0}" -v w="${w:-0}" -v i="$i" 'BEGIN {
		j = (j1 - j0) / n
		printf "nianbao, %s: the recovery journal was written %d times in the run, %.0f instructions each:\n", sc, w, (w > 0 ? (j1 - j0) / w : 0)
		printf "  %.0f instr/key of the %.0f above; %.0f instr/key without it\n", j, i, i - j }'
done
