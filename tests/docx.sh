#!/bin/sh
# docx.sh - Word in and out: `export --to docx` writes a document that
# LibreOffice opens and python-docx reads with the official grids, merged
# cells, styles and fonts; `import` and `new --from` read it back (and refuse
# damaged Word files clearly); `export --to text --width 0` writes a paragraph
# per line for pasting.
. "$TOP_SRCDIR/tests/e2e-lib.sh"

BUILD=$(cd "$(dirname "$NIANBAO")" && pwd)
ART=${NIANBAO_ARTIFACTS:-$BUILD/tests/artifacts}
CELLS=$BUILD/tests/html_export_main
STYLE=$NIANBAO_TEMPLATE_PATH/docx.style
missing=
command -v soffice >/dev/null 2>&1 || missing="LibreOffice (libreoffice-writer-nogui) is not installed"
/usr/bin/python3 -c 'import docx' 2>/dev/null || missing="${missing:+$missing; }python3-docx is not installed"
command -v pdftoppm >/dev/null 2>&1 || missing="${missing:+$missing; }poppler-utils is not installed"
skip_unless_tools "$missing"
[ -x "$CELLS" ] || { echo "Bail out! no test driver $CELLS (make check builds it)"; exit 99; }
mkdir -p "$ART" "$TMP/w" && cd "$TMP/w" || exit 99
check() { /usr/bin/python3 "$TOP_SRCDIR/tests/docx_check.py" "$@"; }
PARTS=$(sed -n 's/^\[part \([^]]*\)\]$/\1/p' "$TOP_SRCDIR/templates/gov-2021.ini" "$TOP_SRCDIR/templates/gov-2019.ini" | sort -u)

# same_report A B DESCRIPTION: every cell and every text part of A is B's
same_report() {
	"$NIANBAO" get "$1" >a.get 2>&1
	"$NIANBAO" get "$2" >b.get 2>&1
	bad=
	cmp -s a.get b.get || bad=" cells"
	for p in $PARTS; do
		[ "$(report_text "$p" "$1")" = "$(report_text "$p" "$2")" ] || bad="$bad $p"
	done
	if [ -z "$bad" ]; then ok "$3"; else not_ok "$3"; diag "differ:$bad"; diff a.get b.get | head -n 4 | sed 's/^/# /'; fi
}

# ---------------------------------------------------------------- the export
for d in demo-2025 demo-2020; do
	cp "$TOP_SRCDIR/examples/$d.nb" .
	run export --to docx "$d.nb"
	is "$rc" 0 "$d: export --to docx exits 0"
	contains "$TMP/err" "$d.docx" "$d: says it wrote $d.docx beside the report"
	if check xml "$d.docx" >xml.out; then ok "$d: every part of the package is well-formed XML"
	else not_ok "$d: every part of the package is well-formed XML"; cat xml.out; fi
	"$CELLS" --cells "$d.nb" >"$d.cells"
	if check python-docx "$d.docx" "$d.cells" "$STYLE" >pd.out 2>&1; then
		ok "$d: python-docx reads the official grids with their merged cells, the styles and fonts, A4 and the margins"
	else
		not_ok "$d: python-docx reads the official grids with their merged cells, the styles and fonts, A4 and the margins"
		cat pd.out
	fi
done
run export --to docx -o - demo-2025.nb
cmp -s "$TMP/out" demo-2025.docx && ok "the same report gives the same bytes (-o - writes them to standard output)" ||
	not_ok "the same report gives the same bytes (-o - writes them to standard output)"

# LibreOffice, once per output format for both files (it is slow to start).
lo() {
	timeout 300 soffice -env:UserInstallation="file://$TMP/lo-profile" --headless \
	    --convert-to "$1" --outdir "$2" demo-2025.docx demo-2020.docx >lo.out 2>&1
}
lo pdf pdf
is "$?" 0 "LibreOffice converts both documents to PDF"
for d in demo-2025 demo-2020; do
	if [ -s "pdf/$d.pdf" ] && pdfinfo "pdf/$d.pdf" >info 2>&1 && grep -q 'Page size:.*(A4)' info; then
		ok "$d: LibreOffice opens it and prints $(sed -n 's/^Pages: *//p' info) A4 pages"
	else
		not_ok "$d: LibreOffice opens it and prints A4 pages"; sed 's/^/# /' lo.out info 2>/dev/null | head
	fi
	pdftotext -layout "pdf/$d.pdf" "$d.pdf.txt" 2>/dev/null
	if tr '\f' '\n' <"$d.pdf.txt" | grep -q '^ *— *1 *— *$'; then ok "$d: the first page is numbered — 1 — at its foot"
	else not_ok "$d: the first page is numbered — 1 — at its foot"; fi
	# the page where table 三 starts, as a picture for people to look at
	page=$(awk -v RS='\f' '/三、收到和处理政府信息公开申请情况/ { print NR; exit }' "$d.pdf.txt")
	rm -f "$ART/docx-$d-"*.png
	pdftoppm -r 60 -png -f 1 -l 1 "pdf/$d.pdf" "$ART/docx-$d-p1" &&
	pdftoppm -r 60 -png -f "${page:-1}" -l "${page:-1}" "pdf/$d.pdf" "$ART/docx-$d-table3" &&
	[ -s "$(ls "$ART/docx-$d-table3"*.png 2>/dev/null | head -n 1)" ]
	is "$?" 0 "$d: pages 1 and ${page:-?} rendered to PNG in $ART"
done
lo html html
is "$?" 0 "LibreOffice converts both documents to HTML"
for d in demo-2025 demo-2020; do
	if check lo-grid "html/$d.html" "$d.cells" >grid.out; then
		ok "$d: LibreOffice's tables are the official grids, slot for slot"; cat grid.out
	else not_ok "$d: LibreOffice's tables are the official grids, slot for slot"; cat grid.out; fi
done

# ---------------------------------------------------------------- round trip
for d in demo-2025 demo-2020; do
	run import -o "rt-$d.nb" "$d.docx"
	is "$rc" 0 "$d: import of its .docx exits 0"
	contains "$TMP/err" "(0 warnings)" "$d: import of its .docx has no warning"
	same_report "rt-$d.nb" "$d.nb" "$d: import(export --to docx) gives every cell and text part back"
done
# blank cells stay blank with --blank empty; printed as 0 by default
"$NIANBAO" new --format gov-2021 --year 2025 --agency 某局 blanks.nb >/dev/null 2>&1
"$NIANBAO" set blanks.nb t3.new.person=3 t3.open.person=2 >/dev/null 2>&1
run export --to docx --blank empty --force -o blanks.docx blanks.nb
is "$rc" 0 "a report with blank cells exports with --blank empty --force"
run import -o blanks-rt.nb blanks.docx
"$NIANBAO" get blanks-rt.nb t3.new.person t3.new.biz >got 2>&1
is "$(cut -f4 got | tr '\n' ,)" "3,," "--blank empty: blank cells come back blank, numbers as numbers"

# Word's numbered lists: headings whose 一、 is Word's numbering, not text
/usr/bin/python3 - <<'PEOF'
import re, zipfile
src = zipfile.ZipFile("demo-2025.docx")
out = zipfile.ZipFile("numbered.docx", "w", zipfile.ZIP_DEFLATED)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
numbering = ('<?xml version="1.0" encoding="UTF-8"?><w:numbering %s><w:abstractNum w:abstractNumId="7">'
             '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
             '<w:lvlText w:val="%%1、"/></w:lvl></w:abstractNum>'
             '<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>' % W)
for n in src.namelist():
    d = src.read(n)
    if n == "word/document.xml":
        x = d.decode()
        x, k = re.subn(r'<w:pStyle w:val="Heading1"/></w:pPr>(<w:r><w:t xml:space="preserve">)[一二三四五六]、',
                       r'<w:pStyle w:val="Heading1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>\1', x)
        assert k == 6, k
        d = x.encode()
    out.writestr(n, d)
out.writestr("word/numbering.xml", numbering)
out.close()
PEOF
run import -o numbered.nb numbered.docx
is "$rc" 0 "a .docx whose section numbers are a Word numbered list imports"
same_report numbered.nb demo-2025.nb "Word's list numbers (一、 to 六、) find the sections: every cell and text part"

# the export gate: errors stop it without --force, as for text and HTML
run export --to docx -o gate.docx blanks.nb
is "$rc" 1 "a report that breaks the rules: export --to docx exits 1"
[ -e gate.docx ] && not_ok "nothing is written when the rules are broken" || ok "nothing is written when the rules are broken"

# new --from last year's Word file
run new --from demo-2020.docx from.nb
is "$rc" 0 "new --from last year's .docx exits 0"
"$NIANBAO" get from.nb | grep '^t3\.carried\.' | cut -f4 >carried
"$NIANBAO" get demo-2020.nb | grep '^t3\.next\.' | cut -f4 >next
cmp -s carried next && ok "new --from .docx: 上年结转 is last year's 结转下年度" ||
	not_ok "new --from .docx: 上年结转 is last year's 结转下年度"

# ---------------------------------------------------------------- escaping
cat >payloads <<'PEOF'
<script>alert(1)</script>
<w:p><w:r><w:t>注入</w:t></w:r></w:p>
]]> <![CDATA[ x ]]> <!-- 注释 -->
"双引号" 'single' “弯引号” A&B &amp; &lt;b&gt; &#60; & &#x0;
<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>&a;
PEOF
printf 'tab\tafter tab\n' >>payloads	# control characters never reach a report (tests/hardening.sh)
cp demo-2025.nb pay.nb
set --
for p in $(sed -n 's/^\[part \([^]]*\)\]$/\1/p' "$TOP_SRCDIR/templates/gov-2021.ini"); do
	set -- "$@" "$p=$(cat payloads)"
done
"$NIANBAO" set pay.nb "$@" 'agency=<b>机关</b>&"'"'"'<!--' 'date=2026年]]>&' >/dev/null 2>&1
contains pay.nb "CDATA" "the escaping corpus is stored in the report"
run export --to docx -o pay.docx pay.nb
is "$rc" 0 "the escaping corpus in every text, the agency and the date exports"
if check xml pay.docx >xml.out; then ok "the escaping corpus gives well-formed XML"
else not_ok "the escaping corpus gives well-formed XML"; cat xml.out; fi
/usr/bin/python3 -c '
import docx, sys
d = docx.Document(sys.argv[1])
text = "\n".join(p.text for p in d.paragraphs)
want = ["<script>alert(1)</script>", "<w:p><w:r><w:t>注入</w:t></w:r></w:p>", "]]> <![CDATA[ x ]]> <!-- 注释 -->",
        "\"双引号\" \x27single\x27 “弯引号” A&B &amp; &lt;b&gt; &#60; & &#x0;", "<b>机关</b>&\"\x27<!--", "2026年]]>&",
        "tab\tafter tab"]
miss = [w for w in want if w not in text]
for w in miss: print("# not in the document as text: %r" % w)
sys.exit(1 if miss else 0)' pay.docx
is "$?" 0 "python-docx reads every payload back as text"
run import -o pay-rt.nb pay.docx
is "$rc" 0 "the escaping corpus imports back"

# ---------------------------------------------------------------- damaged input
printf '\320\317\021\340\241\261\032\341' >old.doc; head -c 4000 /dev/urandom >>old.doc
run import -o x.nb old.doc
is "$rc" 2 "a Word 97 .doc: import exits 2"
contains "$TMP/err" ".docx" "a Word 97 .doc: the message says to save it as .docx"
run new --from old.doc x.nb
is "$rc" 2 "a Word 97 .doc: new --from exits 2"
/usr/bin/python3 - <<'PEOF'
import zipfile
with zipfile.ZipFile("book.docx", "w") as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("xl/workbook.xml", "<workbook/>")
with zipfile.ZipFile("bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("word/document.xml", "<w:document xmlns:w='x'>" + " " * (64 << 20) + "</w:document>")
PEOF
run import -o x.nb book.docx
is "$rc" 2 "an Excel workbook named .docx: import exits 2"
contains "$TMP/err" "Excel" "an Excel workbook named .docx: the message says what it is"
is "$(wc -c <bomb.docx | tr -d ' ')" "$(wc -c <bomb.docx | awk '$1 < 200000 { print $1 }')" "the zip bomb is small on disk"
run import -o x.nb bomb.docx
is "$rc" 2 "a zip bomb (64 MiB of XML in a small zip): import exits 2"
contains "$TMP/err" "16 MiB" "a zip bomb: the message names the 16 MiB limit"
head -c 5000 demo-2025.docx >cut.docx
run import -o x.nb cut.docx
is "$rc" 2 "a truncated .docx: import exits 2"
contains "$TMP/err" "cut.docx" "a truncated .docx: the message names the file"
/usr/bin/python3 - <<'PEOF'
import docx
d = docx.Document()
t = d.add_table(rows=2, cols=3)
for i, c in enumerate(t.rows[0].cells): c.text = "列%d" % i
for i, c in enumerate(t.rows[1].cells): c.text = str(i)
d.save("nohead.docx")
d = docx.Document()
d.add_paragraph("会议纪要")
d.save("noreport.docx")
PEOF
run import -o x.nb nohead.docx
case $rc in 0 | 2) ok "a .docx with a table and no heading: import exits $rc, no crash" ;;
*) not_ok "a .docx with a table and no heading: import exits $rc" ;; esac
[ -s "$TMP/err" ] && ok "a .docx with a table and no heading: a message says why" || not_ok "a .docx with a table and no heading: a message says why"
run import -o x.nb noreport.docx
is "$rc" 2 "a .docx with no report in it: import exits 2"
[ -e x.nb ] && not_ok "no report file is written for refused input" || ok "no report file is written for refused input"

# ---------------------------------------------------------------- text for pasting
run export --to text --width 0 -o - demo-2025.nb
is "$rc" 0 "export --to text --width 0 exits 0"
for p in $PARTS; do report_text "$p" demo-2025.nb; echo; done | grep '[^[:space:]]' |
	sed 's/^/　　/' | sort >paras
grep '^　　' "$TMP/out" | sort >lines
if cmp -s paras lines; then ok "--width 0: each of the $(wc -l <paras | tr -d ' ') paragraphs is one line, whole"
else not_ok "--width 0: each paragraph is one line, whole"; diff paras lines | head -n 4 | sed 's/^/# /'; fi
contains "$TMP/out" "┌" "--width 0: tables are still drawn"
cp "$TMP/out" w0.txt
run import -o w0.nb w0.txt
same_report w0.nb demo-2025.nb "--width 0: import gives every cell and text part back"
run export --to text --width 20 -o - demo-2025.nb
is "$rc" 2 "--width 20 is still refused (0 or 40 to 400)"
done_testing
