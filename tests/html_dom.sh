# html_dom.sh - the HTML export as real tools see it: HTML Tidy finds no error
# in it, and headless Chromium builds from it exactly the tables of the
# template (every cell at its place, with its spans and its text), builds no
# element from what an officer typed, and draws it (screenshots).
# Run by `make check` (TAP); by hand, from the build directory:
#   NIANBAO=$PWD/nianbao NIANBAO_TEMPLATE_PATH=$srcdir/templates TOP_SRCDIR=$srcdir \
#   sh $srcdir/tests/html_dom.sh
# Exports with `nianbao export`; tests/html_export_main (built by make check,
# NIANBAO_HTML_EXPORT names another) gives the template's grids.  Needs
# chromium, tidy and python3.  Screenshots go to $NIANBAO_ARTIFACTS
# (default: tests/artifacts in the build directory).

. "$TOP_SRCDIR/tests/e2e-lib.sh"

BUILD=$(cd "$(dirname "$NIANBAO")" && pwd)
EXPORT=${NIANBAO_HTML_EXPORT:-$BUILD/tests/html_export_main}
ART=${NIANBAO_ARTIFACTS:-$BUILD/tests/artifacts}
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome)}

# Without chromium, tidy or python3: SKIP on a developer's machine, fail in CI.
missing=
[ -n "$CHROMIUM" ] && command -v "$CHROMIUM" >/dev/null 2>&1 || missing="chromium is not installed"
command -v tidy >/dev/null 2>&1 || missing="${missing:+$missing; }tidy is not installed"
command -v python3 >/dev/null 2>&1 || missing="${missing:+$missing; }python3 is not installed"
skip_unless_tools "$missing"
if [ ! -x "$EXPORT" ]; then
	echo "Bail out! no test driver $EXPORT (make check builds it)"
	exit 99
fi
mkdir -p "$TMP/w" "$ART" && cd "$TMP/w" || exit 99

# grid COMMAND ARGS...: tests/html_grid.py (comparisons and checks of Chromium's DOM)
grid() { python3 "$TOP_SRCDIR/tests/html_grid.py" "$@"; }

# chrome ARGS...: headless Chromium with a fresh profile, no background traffic, no sandbox
# (containers), bounded in time; stderr in chrome.err.
chrome() {
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	    --disable-background-networking --disable-component-update --disable-sync \
	    --user-data-dir="$(mktemp -d "$TMP/profile.XXXXXX")" --virtual-time-budget=5000 \
	    "$@" 2>chrome.err
}

# export_html OUT REPORT ARGS...: nianbao export --to html ARGS... of REPORT into OUT;
# its status in $rc.
export_html() {
	out=$1
	nb=$2
	shift 2
	"$NIANBAO" export --to html "$@" -o "$out" "$nb" >export.out 2>&1
	rc=$?
	[ "$rc" = 0 ] || sed 's/^/# /' export.out
}

# tidy_clean FILE DESCRIPTION: tidy -errors -quiet reports no error (status 0 or 1).
tidy_clean() {
	tidy -errors -quiet "$1" >tidy.out 2>&1
	t=$?
	if [ "$t" -le 1 ] && ! grep -q 'Error:' tidy.out; then ok "$2"
	else not_ok "$2"; diag "tidy exit $t:"; sed 's/^/#   /' tidy.out | head -20; fi
}

# dom HTML DUMP: load a copy of HTML with html_grid.js appended; the DOM in DUMP.
dom() {
	copy=${1%.html}.test.html
	if grep -q '^</body>' "$1"; then	# a document (LF or CRLF): before </body>
		sed '/^<\/body>/,$d' "$1" >"$copy"
	else
		cat "$1" >"$copy"
	fi
	{ printf '<script>\n'; cat "$TOP_SRCDIR/tests/html_grid.js"; printf '</script>\n'
	  grep -q '^</body>' "$1" && printf '</body>\n</html>\n'; } >>"$copy"
	chrome --dump-dom "file://$TMP/w/$copy" >"$2"
	rc=$?
	[ "$rc" = 0 ] || { diag "chromium exit $rc:"; sed 's/^/#   /' chrome.err | tail -5; }
}

# grids_match DUMP CELLS DESCRIPTION
grids_match() {
	if grid compare "$1" "$2" >grid.out; then ok "$3"; else not_ok "$3"; cat grid.out; fi
}

# The two formats: the demo (2021) and a 2019 report made here.
"$NIANBAO" new --format gov-2019 --year 2020 --agency 示例市财政局 r2019.nb >/dev/null 2>&1 &&
"$NIANBAO" set r2019.nb t2.norm.made=3 t2.permit.prev_items=15 t2.permit.change=-2 \
    t2.fee.change=+1 t2.purchase.items=12 t2.purchase.amount=640.492万元 t3.new.person=7 \
    t3.new.biz=2 t3.open.person=4 t3.other.person=1 t3.next.person=2 t3.open.biz=2 \
    t4.cases.rv_keep=1 date=2021年1月29日 >/dev/null 2>set.err
is "$?" 0 "a 2019 report is made with nianbao new and set"
cp "$TOP_SRCDIR/examples/demo-2025.nb" r2021.nb

for f in 2021 2019; do
	export_html "$f.html" "r$f.nb"
	is "$rc" 0 "gov-$f: nianbao export --to html"
	export_html "$f.frag.html" "r$f.nb" --fragment
	is "$rc" 0 "gov-$f: nianbao export --to html --fragment"
	export_html "$f.gb.html" "r$f.nb" --encoding gb18030 --crlf
	is "$rc" 0 "gov-$f: nianbao export --to html --encoding gb18030 --crlf"
	"$EXPORT" "r$f.nb" >"$f.driver.html"
	if cmp -s "$f.driver.html" "$f.html"; then ok "gov-$f: the test driver writes what nianbao does"
	else not_ok "gov-$f: the test driver writes what nianbao does"; fi
	"$EXPORT" --cells "r$f.nb" >"$f.cells"
	tidy_clean "$f.html" "gov-$f: tidy finds no error in the document"
	tidy_clean "$f.frag.html" "gov-$f: tidy finds no error in the fragment"

	dom "$f.html" "$f.dom"
	is "$rc" 0 "gov-$f: chromium loads the document"
	grids_match "$f.dom" "$f.cells" "gov-$f: the document's tables are the template's, slot for slot"
	if grid clean "$f.dom" /dev/null >clean.out; then ok "gov-$f: only the exporter's elements"
	else not_ok "gov-$f: only the exporter's elements"; cat clean.out; fi
	dom "$f.frag.html" "$f.frag.dom"
	grids_match "$f.frag.dom" "$f.cells" "gov-$f: the fragment's tables are the template's, slot for slot"
	dom "$f.gb.html" "$f.gb.dom"
	grids_match "$f.gb.dom" "$f.cells" \
	    "gov-$f: GB18030 with CRLF, read by its <meta charset>: the same tables"

	png=$ART/html-gov-$f.png
	rm -f "$png"
	chrome --screenshot="$png" --window-size=1200,3000 "file://$TMP/w/$f.html" >/dev/null
	if [ -f "$png" ] && grid png "$png" 1200 3000 50000 >png.out; then
		ok "gov-$f: screenshot $png ($(wc -c <"$png" | tr -d ' ') bytes)"
	else
		not_ok "gov-$f: screenshot $png"; cat png.out 2>/dev/null; sed 's/^/#   /' chrome.err | tail -5
	fi
done

# The spans as Chromium reads them (the comparison above checks them all; these
# are the ones that differ between the formats).
is "$(grid span 2021.dom 三、本年度办理结果)" 22x1 "gov-2021: 三、本年度办理结果 spans 22 rows in Chromium"
is "$(grid span 2019.dom 三、本年度办理结果)" 20x1 "gov-2019: 三、本年度办理结果 spans 20 rows in Chromium"
is "$(grid span 2021.dom （六）其他处理)" 3x1 "gov-2021: （六）其他处理 spans 3 rows"
is "$(grid span 2019.dom （六）其他处理)" 1x2 "gov-2019: （六）其他处理 is one row over 2 columns"
is "$(grid span 2019.frag.dom 三、本年度办理结果)" 20x1 "gov-2019 fragment: 三、本年度办理结果 spans 20 rows"

# Whatever an officer types stays text.
cat >payloads <<'EOF'
<script>alert(1)</script>
<img src=x onerror=alert(1)>
<!-- 注释 -->
<![CDATA[ x ]]>
</p></div></body></html><h1>假标题</h1>
</title><style>body{display:none}</style>
"双引号" 'single' “弯引号”
A&B &amp; &lt;b&gt; &#60; &
<a href="javascript:alert(1)">点此</a>
<iframe src=//evil.example></iframe><svg onload=alert(1)>
<textarea></textarea><noscript><p title="</noscript><img src=x onerror=alert(1)>">
<base href=//evil.example/><link rel=stylesheet href=//evil.example/x.css>
<meta http-equiv=refresh content="0;url=//evil.example">
EOF
# shellcheck disable=SC2089,SC2090 # the quotes are the payload
agency='<b>机关</b>&"'"'"'<!--'
date='2026年<script>x</script>]]>'
for f in 2021 2019; do
	cp "r$f.nb" "p$f.nb"
	set --
	tpl=$NIANBAO_TEMPLATE_PATH/gov-$f.ini
	[ -r "$tpl" ] || tpl=$TOP_SRCDIR/templates/gov-$f.ini
	# shellcheck disable=SC2013 # part ids are words
	for part in $(sed -n 's/^\[part \([^]]*\)\]$/\1/p' "$tpl"); do
		set -- "$@" "$part=$(cat payloads)"
	done
	"$NIANBAO" set "p$f.nb" "$@" "agency=$agency" "date=$date" >/dev/null 2>set.err
	is "$?" 0 "gov-$f: payloads typed into every text, the agency and the date"
	printf '%s\n%s\n' "$agency" "$date" >>payloads.$f
	cat payloads >>payloads.$f
	export_html "p$f.html" "p$f.nb"
	is "$rc" 0 "gov-$f: the payload report exports"
	export_html "p$f.frag.html" "p$f.nb" --fragment
	lacks "p$f.html" "<script" "gov-$f: no <script in the payload export"
	lacks "p$f.html" "<!--" "gov-$f: no <!-- in the payload export"
	lacks "p$f.html" "]]>" "gov-$f: no ]]> in the payload export"
	tidy_clean "p$f.html" "gov-$f: tidy finds no error in the payload export"
	"$EXPORT" --cells "p$f.nb" >"p$f.cells"
	for kind in "" .frag; do
		dom "p$f$kind.html" "p$f$kind.dom"
		title=
		[ -z "$kind" ] && title="${agency}2025年政府信息公开工作年度报告"
		[ -z "$kind" ] && [ "$f" = 2019 ] && title="${agency}2020年政府信息公开工作年度报告"
		# shellcheck disable=SC2090
		if grid clean "p$f$kind.dom" "payloads.$f" ${title:+"$title"} >clean.out; then
			ok "gov-$f${kind:+ fragment}: no script, img or iframe, no comment; the payloads are text"
		else
			not_ok "gov-$f${kind:+ fragment}: no script, img or iframe, no comment; the payloads are text"
			cat clean.out
		fi
		grids_match "p$f$kind.dom" "p$f.cells" "gov-$f${kind:+ fragment}: the payload export's tables are intact"
	done
done

done_testing
