#!/bin/sh
# a11y.sh - the HTML export's tables as a screen reader meets them (GB/T 37668):
# each table has its official heading as <caption>, and every number, in the
# DOM that headless Chromium builds, announces the row and column labels that
# `nianbao get` gives it (html_headers.py applies the HTML table model's
# header association: headers/id and scope).
. "$TOP_SRCDIR/tests/e2e-lib.sh"

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome)}
missing=
[ -n "$CHROMIUM" ] && command -v "$CHROMIUM" >/dev/null 2>&1 || missing="chromium is not installed"
command -v tidy >/dev/null 2>&1 || missing="${missing:+$missing; }tidy is not installed"
command -v python3 >/dev/null 2>&1 || missing="${missing:+$missing; }python3 is not installed"
skip_unless_tools "$missing"
cd "$TMP" || exit 99

dump() {
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	    --disable-background-networking --disable-component-update --disable-sync \
	    --user-data-dir="$(mktemp -d "$TMP/profile.XXXXXX")" --dump-dom "file://$TMP/$1" 2>chrome.err
}

# The two formats: the demo (2021) and a 2019 report with numbers in table 三.
cp "$TOP_SRCDIR/examples/demo-2025.nb" r2021.nb
cp "$TOP_SRCDIR/examples/demo-2020.nb" r2019.nb

for f in 2021 2019; do
	for kind in "" --fragment; do
		name=$f${kind:+-frag}
		"$NIANBAO" export --to html $kind --force -o "$name.html" "r$f.nb" 2>/dev/null
		is "$?" 0 "gov-$f${kind:+ $kind}: exported"
		dump "$name.html" >"$name.dom"
		is "$?" 0 "gov-$f${kind:+ $kind}: chromium loads it"
		python3 "$TOP_SRCDIR/tests/html_headers.py" "$name.dom" >"$name.heard"
		"$NIANBAO" get "r$f.nb" >"$f.get"
		# table 三: its cells are t3.*, its caption the heading of section 三
		heading=$(grep '^三、' "$name.heard" | head -n 1 | cut -f1)
		case $heading in 三、*) ok "gov-$f${kind:+ $kind}: table 三 is captioned $heading" ;;
		*) not_ok "gov-$f${kind:+ $kind}: table 三 has its heading as caption" ;; esac
		grep '^三、' "$name.heard" | cut -f2-4 >"$name.t3.heard"
		grep '^t3\.' "$f.get" | cut -f2-4 >"$f.t3.want"
		n=$(wc -l <"$f.t3.want" | tr -d ' ')
		if [ "$n" -gt 50 ] && cmp -s "$name.t3.heard" "$f.t3.want"; then
			ok "gov-$f${kind:+ $kind}: each of the $n numbers of table 三 announces its row and column labels"
		else
			not_ok "gov-$f${kind:+ $kind}: each of the $n numbers of table 三 announces its row and column labels"
			diff "$f.t3.want" "$name.t3.heard" | head -n 6 | sed 's/^/# /'
		fi
		cut -f2-4 "$name.heard" >"$name.all.heard"
		cut -f2-4 "$f.get" >"$f.all.want"
		if cmp -s "$name.all.heard" "$f.all.want"; then
			ok "gov-$f${kind:+ $kind}: every number of every table announces its labels"
		else
			not_ok "gov-$f${kind:+ $kind}: every number of every table announces its labels"
			diff "$f.all.want" "$name.all.heard" | head -n 6 | sed 's/^/# /'
		fi
	done
	tidy -errors -quiet "$f.html" >tidy.out 2>&1
	t=$?
	if [ "$t" -le 1 ] && ! grep -q 'Error:' tidy.out; then ok "gov-$f: tidy finds no error"
	else not_ok "gov-$f: tidy finds no error"; sed 's/^/# /' tidy.out | head; fi
	# the caption is for screen readers: it takes no room on the page
	grep -o '<caption[^>]*>' "$f.html" | grep -v 'position:absolute; width:1px; height:1px' >visible
	is "$(wc -l <visible | tr -d ' ')" 0 "gov-$f: every caption is visually hidden (the <h2> shows the heading)"
done
done_testing
