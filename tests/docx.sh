. "$TOP_SRCDIR/tests/e2e-lib.sh"; ok placeholder; done_testing
