#!/bin/sh
# run-tests.sh - the README's second command: the whole test suite.
#   1. build with warnings as errors and run `make check`;
#   2. build again with AddressSanitizer + UndefinedBehaviorSanitizer and run it again;
#   3. fuzz the report and template loaders (FUZZ_SECONDS each, default 60).
# A skipped test counts as a failure: every tool the tests use is installed here.
set -eu
top=$(cd "$(dirname "$0")" && pwd)
passed=0
failed=0

# check DIR: make check in DIR; add its counts; show the log of what failed.
check() {
	status=0
	make -s -C "$1" check >"$1/check.out" 2>&1 || status=$?
	grep -aE '^(FAIL|XPASS|ERROR|SKIP):' "$1/check.out" || true
	log="$1/test-suite.log"
	p=$(sed -n 's/^# PASS: *//p' "$log")
	f=$(sed -n 's/^# \(FAIL\|ERROR\|XPASS\|SKIP\): *//p' "$log" | awk '{s += $1} END {print s + 0}')
	echo "$1: $p passed, $f failed or skipped"
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$status" != 0 ] || [ "$f" != 0 ]; then
		cat "$log"
		echo "tests: $passed passed, $((failed > 0 ? failed : 1)) failed"
		exit 1
	fi
}

"$top/tools/install-deps.sh"
echo "== build (warnings are errors) and make check =="
"$top/tools/build.sh" "$top/_build"
check "$top/_build"
echo "== AddressSanitizer + UndefinedBehaviorSanitizer build: make check =="
"$top/tools/build.sh" "$top/_build-asan" --enable-asan
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0"
check "$top/_build-asan"
echo "== fuzzing the loaders =="
if "$top/fuzz/run-fuzz.sh" "$top/_build" "${FUZZ_SECONDS:-60}"; then
	passed=$((passed + 1))
else
	echo "tests: $passed passed, 1 failed"
	exit 1
fi
echo "tests: $passed passed, 0 failed"
