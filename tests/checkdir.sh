#!/bin/sh
# checkdir.sh - `check DIR` and `check FILE...` on several cores (--jobs N):
# the same bytes on standard output and error, the same totals and exit
# status as one process, whatever the number of workers.
. "$TOP_SRCDIR/tests/e2e-lib.sh"
cd "$TMP" || exit 1

# A folder with every kind of report: clean, with errors, with warnings,
# cut off, empty, and one that is no report at all.
mkdir d
cp "$TOP_SRCDIR/examples/demo-2025.nb" d/a-clean.nb
cp "$TOP_SRCDIR/examples/demo-2020.nb" d/b-clean.nb
cp "$TOP_SRCDIR/examples/demo-2025.nb" d/c-errors.nb
"$NIANBAO" set d/c-errors.nb t3.new.person=999 >/dev/null 2>&1
cp "$TOP_SRCDIR/tests/review/planted-2021.nb" d/d-warnings.nb
cp "$TOP_SRCDIR/tests/review/planted-2019.nb" d/e-warnings.nb
head -20 "$TOP_SRCDIR/examples/demo-2025.nb" >d/f-cut.nb
: >d/g-empty.nb
printf 'not a report\n' >d/h-bad.txt
cp "$TOP_SRCDIR/examples/demo-2020.nb" d/i-clean.nb

for j in 1 2 7; do
	"$NIANBAO" check -j "$j" d >"out$j" 2>"err$j"
	echo $? >"rc$j"
done
"$NIANBAO" check d >out 2>err
is "$(cat rc1)" 2 "check -j1 DIR with a bad file: exit 2"
for j in 2 7; do
	if cmp -s out1 "out$j"; then ok "-j$j: standard output is the same bytes as -j1"; else not_ok "-j$j: standard output is the same bytes as -j1"; diff out1 "out$j" | sed 's/^/# /'; fi
	if cmp -s err1 "err$j"; then ok "-j$j: standard error is the same bytes as -j1"; else not_ok "-j$j: standard error is the same bytes as -j1"; diff err1 "err$j" | sed 's/^/# /'; fi
	is "$(cat "rc$j")" 2 "-j$j: the same exit status"
done
if cmp -s out1 out && cmp -s err1 err; then ok "the default number of workers prints the same"; else not_ok "the default number of workers prints the same"; fi
is "$(wc -l <out1 | tr -d ' ')" 10 "one line per file and the totals"
contains out1 "d/c-errors.nb: 示例县自然资源局 2025: 2 errors" "the report with errors has its line"
contains out1 "d/g-empty.nb: cannot be read" "the empty file has its line"
contains err1 "d/f-cut.nb" "the cut-off file is named on standard error"
# The totals are the sums of the lines above them.
sums=$(awk '/: [0-9]+ errors, [0-9]+ warnings$/ { n++; e += $(NF-3); w += $(NF-1) }
	/: cannot be read$/ { u++ }
	END { printf "%d reports checked: %d errors, %d warnings; %d could not be checked", n, e, w, u }' out1)
is "$(tail -1 out1)" "$sums" "the totals line sums the files' lines ($sums)"
is "$(tail -1 out7)" "$sums" "-j7: the same totals"

# Without the unreadable files: the exit status of the rules.
rm d/f-cut.nb d/g-empty.nb d/h-bad.txt
for j in 1 2 3; do
	"$NIANBAO" check -j "$j" d >"out$j" 2>/dev/null
	echo $? >"rc$j"
done
is "$(cat rc1) $(cat rc2) $(cat rc3)" "1 1 1" "errors in one file: exit 1 with 1, 2 or 3 workers"
if cmp -s out1 out3; then ok "-j3: the same output"; else not_ok "-j3: the same output"; fi
rm d/c-errors.nb
"$NIANBAO" check -j 2 d >/dev/null 2>&1
is "$?" 0 "no errors anywhere: exit 0 with 2 workers"

# --json: one array, the same bytes.
"$NIANBAO" check --json --jobs 1 d >j1 2>/dev/null
"$NIANBAO" check --json --jobs=4 d >j4 2>/dev/null
if cmp -s j1 j4 && [ -s j1 ]; then ok "--json --jobs 4: the same array as --jobs 1"; else not_ok "--json --jobs 4: the same array as --jobs 1"; fi
if python3 -c 'import json,sys; sys.exit(len(json.load(open("j4"))) != 5)' 2>/dev/null; then
	ok "--json --jobs 4: a valid array of the 5 files"
else
	not_ok "--json --jobs 4: a valid array of the 5 files"
fi

# Output larger than a pipe holds, from every worker at once: nothing hangs
# and nothing is lost (the later workers' output waits in the parent).
set --
for i in $(seq 1 40); do
	cp "$TOP_SRCDIR/tests/review/planted-2021.nb" "p$i.nb"
	set -- "$@" "p$i.nb"
done
timeout 60 "$NIANBAO" check -j 1 "$@" >big1 2>&1
timeout 60 "$NIANBAO" check -j 3 "$@" >big3 2>&1
is "$?" 0 "40 files with many findings, 3 workers: ends, exit 0 (warnings only)"
if cmp -s big1 big3 && [ "$(wc -c <big1)" -gt 100000 ]; then
	ok "and prints the same $(wc -c <big1 | tr -d ' ') bytes as one worker"
else
	not_ok "and prints the same bytes as one worker"
fi

# --tables: the tables' rules only, for a folder whose arithmetic is what a
# supervisor checks.  The same errors and cross-year warnings as the whole
# check, none of the review of the words, the same bytes with any workers.
mkdir t
cp "$TOP_SRCDIR/examples/demo-2020.nb" t/last.nb
"$NIANBAO" new --from t/last.nb t/a-cross.nb >/dev/null 2>&1
"$NIANBAO" set t/a-cross.nb t3.carried.person=1 >/dev/null 2>&1
cp "$TOP_SRCDIR/examples/demo-2025.nb" t/b-errors.nb
"$NIANBAO" set t/b-errors.nb t3.new.person=999 >/dev/null 2>&1
cp "$TOP_SRCDIR/tests/review/planted-2021.nb" t/c-words.nb
cp "$TOP_SRCDIR/tests/review/planted-2019.nb" t/d-words.nb
"$NIANBAO" check -j 1 t/a-cross.nb t/b-errors.nb t/c-words.nb t/d-words.nb >whole 2>/dev/null
"$NIANBAO" check -j 1 --tables t/a-cross.nb t/b-errors.nb t/c-words.nb t/d-words.nb >tab 2>/dev/null
is "$?" 1 "check --tables: exit 1, the tables have errors"
grep ': error ' whole >whole.err
grep ': error ' tab >tab.err
if [ -s tab.err ] && cmp -s whole.err tab.err; then ok "--tables: the same $(wc -l <tab.err | tr -d ' ') errors as the whole check"; else not_ok "--tables: the same errors as the whole check"; diff whole.err tab.err | sed 's/^/# /'; fi
contains tab "t/a-cross.nb: warning X1" "--tables: the cross-year warning is kept"
contains whole "t/c-words.nb: warning fact.new" "(the whole check reviews the words: fact.new)"
for w in fact. require. hygiene. stale-year; do
	lacks tab "warning $w" "--tables: no $w warning, the words are not reviewed"
done
contains tab "t/c-words.nb: 示例县测试局 2025: 0 errors, 0 warnings" "--tables: the planted words' report counts no warning"
"$NIANBAO" check -j 1 --tables --json t/c-words.nb t/b-errors.nb >tab.json 2>/dev/null
if python3 -c 'import json,sys
a = json.load(open("tab.json"))
rules = [d["rule"] for r in a for d in r["diagnostics"]]
sys.exit(not (len(a) == 2 and a[0]["warnings"] == 0 and a[1]["errors"] == 2 and all(x[0] in "SIX" for x in rules)))' 2>/dev/null
then
	ok "--tables --json: only the tables' rules, counted"
else
	not_ok "--tables --json: only the tables' rules, counted"; sed 's/^/# /' tab.json | head -20
fi
"$NIANBAO" check --tables -j 1 t >tab1 2>/dev/null
"$NIANBAO" check --tables -j 3 t >tab3 2>/dev/null
if cmp -s tab1 tab3 && [ -s tab1 ]; then ok "--tables DIR, 3 workers: the same bytes as one"; else not_ok "--tables DIR, 3 workers: the same bytes as one"; fi
"$NIANBAO" check -j 1 t >whole1 2>/dev/null
# "N reports checked: E errors, W warnings; U could not be checked"
is "$(tail -1 tab1 | cut -d' ' -f1-5)" "$(tail -1 whole1 | cut -d' ' -f1-5)" "--tables DIR: as many reports and errors in the totals ($(tail -1 tab1))"
if [ "$(tail -1 tab1 | cut -d' ' -f6)" -lt "$(tail -1 whole1 | cut -d' ' -f6)" ]; then
	ok "--tables DIR: fewer warnings than with the words ($(tail -1 whole1 | cut -d' ' -f6))"
else
	not_ok "--tables DIR: fewer warnings than with the words"; diag "$(tail -1 tab1)" "$(tail -1 whole1)"
fi

# A number of workers that is not one.
for bad in 0 x -3 2x ''; do
	run check -j "$bad" d
	is "$rc" 2 "-j '$bad' is refused with exit 2"
	contains "$TMP/err" "Usage: " "-j '$bad': with the usage"
done
done_testing
