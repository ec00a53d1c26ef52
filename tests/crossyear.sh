#!/bin/sh
# crossyear.sh - starting from last year, the cross-year rules, folders of reports.
. "$TOP_SRCDIR/tests/e2e-lib.sh"
cd "$TMP" || exit 1
cp "$TOP_SRCDIR/examples/demo-2020.nb" last.nb

run new --from last.nb this.nb
is "$rc" 0 "new --from a 2020 report (2019 format) exits 0"
grep -q '^template = gov-2021$' this.nb && ok "and gives a 2021-format report" || not_ok "and gives a 2021-format report"
grep -q '^year = 2021$' this.nb && ok "of 2021" || not_ok "of 2021"
grep -q '^agency = |示例县市场监督管理局|$' this.nb && ok "for the same agency" || not_ok "for the same agency"
grep -q '^previous = |last.nb|$' this.nb && ok "which records where it came from" || not_ok "which records where it came from"
for c in person biz sci ngo law misc total; do
	want=$("$NIANBAO" get last.nb "t3.next.$c" | cut -f4)
	got=$("$NIANBAO" get this.nb "t3.carried.$c" | cut -f4)
	is "$got" "$want" "上年结转 $c is last year's 结转下年度 ($want)"
done
blank=$("$NIANBAO" get this.nb | grep -v '^t3\.carried\.' | awk -F'\t' '$4 != ""' | wc -l)
is "$blank" 0 "every other cell is blank"
is "$(report_text s1.intro this.nb)" "" "the texts start empty"
run new --from last.nb --keep-text kept.nb
is "$(report_text s1.active kept.nb)" "$(report_text s1.active last.nb)" "--keep-text keeps section 一 as a draft"
is "$(report_text s5.body kept.nb)" "" "but not the other sections"

# Cross-year rules: a warning, named, when this year's carried-over differs.
run set this.nb t3.carried.person=1
run check this.nb
contains "$TMP/out" "warning X1" "a changed 上年结转 is warned about (X1)"
contains "$TMP/out" "should be 3" "with last year's value"
run check --json this.nb
contains "$TMP/out" '"rule": "X1"' "also in JSON"
cp this.nb moved.nb
sed -i '/^previous = /d' moved.nb
run check moved.nb
lacks "$TMP/out" "X1" "without the record, no cross-year warning"
run check --previous last.nb moved.nb
contains "$TMP/out" "warning X1" "--previous LAST checks against it"
run check --previous missing.nb moved.nb
is "$rc" 2 "an unreadable --previous is an error (exit 2)"

# Copy-paste guard: a paragraph that still begins with last year.
run set this.nb "s1.intro=2020年，我局认真贯彻落实《条例》。"
run check this.nb
contains "$TMP/out" "stale-year" "a paragraph beginning with 2020年 in a 2021 report is warned about"
run set this.nb "s1.intro=2021年，我局认真贯彻落实《条例》。"
run check this.nb
lacks "$TMP/out" "stale-year" "not once it begins with 2021年"

# A folder of reports: one line per report and the totals, errors decide the exit status.
mkdir -p folder/sub
cp "$TOP_SRCDIR/examples/demo-2025.nb" folder/a.nb
cp "$TOP_SRCDIR/examples/demo-2020.nb" folder/sub/b.nb
run check folder
is "$rc" 0 "a folder of consistent reports exits 0"
is "$(wc -l <"$TMP/out")" 3 "one line per report, then the totals"
is "$(tail -1 "$TMP/out")" "2 reports checked: 0 errors, 0 warnings; 0 could not be checked" "the totals"
contains "$TMP/out" "folder/a.nb: 示例县自然资源局 2025: 0 errors, 0 warnings" "with file, agency, year, errors and warnings"
contains "$TMP/out" "folder/sub/b.nb:" "reports in subfolders too"
"$NIANBAO" set folder/a.nb auto_totals=no t3.new.person=1 2>/dev/null
run check folder
is "$rc" 1 "a report with errors makes it exit 1"
lacks "$TMP/out" "error S1" "still one line per report"
run check --json folder
contains "$TMP/out" '"rule": "S1"' "--json has the full list"
done_testing
