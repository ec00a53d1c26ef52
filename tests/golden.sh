#!/bin/sh
# golden.sh - the exports of the two complete demo reports (2021 and 2019
# formats), text and HTML, UTF-8 and GB18030 with CRLF, byte for byte as
# reviewed (tools/regen-golden.sh remakes them).
. "$TOP_SRCDIR/tests/e2e-lib.sh"
cd "$TMP" || exit 1
for demo in demo-2025 demo-2020; do
	for to in text html; do
		ext=$([ "$to" = text ] && echo txt || echo html)
		for enc in utf-8 gb18030-crlf; do
			set -- --to "$to"
			[ "$enc" = utf-8 ] || set -- "$@" --encoding gb18030 --crlf
			golden="$TOP_SRCDIR/tests/golden/$demo.$enc.$ext"
			run export "$@" -o "out.$ext" "$TOP_SRCDIR/examples/$demo.nb"
			is "$rc" 0 "$demo $to $enc exports"
			if cmp -s "out.$ext" "$golden"; then
				ok "$demo $to $enc is byte for byte the reviewed file"
			else
				not_ok "$demo $to $enc is byte for byte the reviewed file"
				diff "$golden" "out.$ext" | head -20 | sed 's/^/# /'
			fi
		done
	done
	# GB18030 decodes back to the UTF-8 export (the text one drawn, as for
	# Notepad, with ambiguous characters 2 columns wide), CRLF aside.
	run export --to text --ambiguous-width 2 -o utf8-wide.txt "$TOP_SRCDIR/examples/$demo.nb"
	for ext in txt html; do
		want="$TOP_SRCDIR/tests/golden/$demo.utf-8.$ext"
		[ "$ext" = html ] || want=utf8-wide.txt
		iconv -f GB18030 -t UTF-8 "$TOP_SRCDIR/tests/golden/$demo.gb18030-crlf.$ext" | tr -d '\r' |
			sed 's/charset="GB18030"/charset="UTF-8"/' >back
		if cmp -s "$want" back; then
			ok "$demo $ext: GB18030 decodes to the same text"
		else
			not_ok "$demo $ext: GB18030 decodes to the same text"
			diff "$want" back | head -10 | sed 's/^/# /'
		fi
	done
done
done_testing
