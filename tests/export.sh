#!/bin/sh
# export.sh - `nianbao export` from the command line: what it refuses, where it writes.
. "$TOP_SRCDIR/tests/e2e-lib.sh"
cd "$TMP" || exit 1
cp "$TOP_SRCDIR/examples/demo-2025.nb" r.nb

run export --to text r.nb
is "$rc" 0 "export --to text exits 0"
[ -s r.txt ] && ok "it writes r.txt beside the report" || not_ok "it writes r.txt beside the report"
contains "$TMP/err" "0 blank cells printed as 0" "it says how many blank cells printed as 0"
run export --to html -o - r.nb
is "$rc" 0 "export -o - writes to standard output"
contains "$TMP/out" "<table" "the HTML is on standard output"
[ ! -e r.html ] && ok "and no file" || not_ok "and no file"

# A character GBK cannot hold: exit 2, its place named, no output; GB18030 holds it.
run set r.nb "s1.request=第一段。
吉祥的𠮷字在第二段。"
run export --to text --encoding gbk -o gbk.txt r.nb
is "$rc" 2 "GBK export of 𠮷 exits 2"
contains "$TMP/err" "𠮷" "the message names the character"
contains "$TMP/err" "（二）依申请公开" "and the part"
contains "$TMP/err" "paragraph 2" "and the paragraph"
[ ! -e gbk.txt ] && ok "no output file is written" || not_ok "no output file is written"
run export --to html --encoding gb18030 -o gb.html r.nb
is "$rc" 0 "the same report exports in GB18030"
iconv -f GB18030 -t UTF-8 gb.html | grep -q "吉祥的𠮷字" && ok "and 𠮷 decodes back" || not_ok "and 𠮷 decodes back"

# Blank cells: 0 by default and counted, or left empty.
"$NIANBAO" new --year 2025 --agency 测试局 b.nb 2>/dev/null
run export --to text -o b0.txt b.nb
contains "$TMP/err" "200 blank cells printed as 0" "a new report prints its 200 blank cells as 0"
run export --to text --blank empty -o be.txt b.nb
contains "$TMP/err" " 0 blank cells printed as 0" "--blank empty prints none as 0"

# A report with rule errors: exit 1 and the errors on stderr, unless --force.
"$NIANBAO" set b.nb auto_totals=no t3.new.person=5 t3.new.total=4 2>/dev/null
run export --to text -o bad.txt b.nb
is "$rc" 1 "a report with errors is not exported (exit 1)"
contains "$TMP/err" "I1" "the errors are printed"
[ ! -e bad.txt ] && ok "nothing is written" || not_ok "nothing is written"
run export --to text --force -o bad.txt b.nb
is "$rc" 0 "--force exports it (exit 0)"
[ -s bad.txt ] && ok "and writes it" || not_ok "and writes it"

# CRLF: every line of the text ends in CR LF.
run export --to text --encoding gb18030 --crlf -o crlf.txt r.nb
lines=$(wc -l <crlf.txt)
crlf=$(grep -c "$(printf '\r')\$" crlf.txt)
is "$crlf" "$lines" "--crlf ends every line with CR LF"

# Wrong options exit 2.
run export --to pdf r.nb
is "$rc" 2 "--to pdf is refused"
run export --to text --encoding latin1 r.nb
is "$rc" 2 "--encoding latin1 is refused"
# The choice the editor remembered (F4) is the command line's default, and it says so.
cp "$TOP_SRCDIR/examples/demo-2025.nb" m.nb && chmod u+w m.nb
sed -i 's/^auto_totals = yes$/&\nexport = html gb18030 crlf empty/' m.nb
"$NIANBAO" check m.nb >/dev/null 2>&1; [ $? -le 1 ] || diag "m.nb does not load with its export line"
run export m.nb
is "$rc" 0 "export with no options exits 0"
[ -s m.html ] && ok "it follows the remembered choice: HTML" || not_ok "it follows the remembered choice: HTML"
iconv -f GB18030 -t UTF-8 m.html 2>/dev/null | grep -q '<meta charset="GB18030">' && ok "in GB18030" || not_ok "in GB18030"
grep -q "$(printf '\r')\$" m.html && ok "with CRLF line ends" || not_ok "with CRLF line ends"
contains "$TMP/err" "html gb18030 crlf empty" "and it says which choice it used"
run export --to text --lf m.nb
is "$rc" 0 "options override the remembered choice"
[ -s m.txt ] && ! grep -q "$(printf '\r')" m.txt && ok "--to text --lf: m.txt with LF" || not_ok "--to text --lf: m.txt with LF"
cp m.html before.html
run export m.nb
contains "$TMP/err" "m.html~" "exporting again says the previous m.html is kept as m.html~"
cmp -s before.html m.html~ && ok "m.html~ holds the previous export" || not_ok "m.html~ holds the previous export"

done_testing
