#!/usr/bin/env python3
"""html_grid.py - helper of html_dom.sh (test only, Python 3 standard library).

  html_grid.py compare DUMP CELLS
      The tables that Chromium built (html_grid.js's result in the --dump-dom
      output DUMP) against the grids of the template (CELLS, the output of
      `html_export_main --cells`): equal slot for slot, each slot being the
      origin row and column of the covering cell and its text.
  html_grid.py clean DUMP PAYLOADS [TITLE]
      The page holds no element, attribute or comment that the exporter does not
      write (no script, img, iframe...), and every line of the file PAYLOADS is
      in its text (and TITLE, if given, is its title).
  html_grid.py span DUMP TEXT
      Prints ROWSxCOLUMNS: the slots that the first cell holding exactly TEXT
      covers in the browser's grid.
  html_grid.py png FILE WIDTH HEIGHT MINBYTES
      FILE is a PNG of that size and at least MINBYTES long.

Problems are printed as TAP diagnostics ("# ..."); the exit status is 1 if any.
"""
import html
import json
import re
import struct
import sys

# What export_html writes, and nothing else.
TAGS = {"html", "head", "meta", "title", "style", "body", "div", "h1", "h2", "h3", "p",
        "table", "caption", "thead", "tbody", "tr", "th", "td"}
ATTRS = {"lang", "charset", "name", "content", "class", "style", "border", "cellspacing",
         "cellpadding", "colspan", "rowspan", "id", "scope", "headers"}


def fail(msg):
    for line in str(msg).splitlines() or [""]:
        print("# " + line)
    return 1


def result(dump):
    """The JSON object html_grid.js left in the page."""
    with open(dump, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r'<pre id="nianbao-result">(.*?)</pre>', text, re.S)
    if m is None:
        raise SystemExit(fail("no <pre id=\"nianbao-result\"> in %s: did the script run?" % dump))
    return json.loads(html.unescape(m.group(1)))


def expected(cells):
    """The grids of the template: per table, rows of [origin row, origin column, text]."""
    tables = {}
    with open(cells, encoding="utf-8") as f:
        for line in f:
            tid, row, col, cs, rs, text = line.rstrip("\n").split("\t", 5)
            tables.setdefault(tid, []).append((int(row), int(col), int(cs), int(rs), text))
    grids = []
    for cells_of in tables.values():
        nrows = max(r for r, _, _, _, _ in cells_of) + 1
        ncols = max(c + cs for _, c, cs, _, _ in cells_of)
        g = [[None] * ncols for _ in range(nrows)]
        for r, c, cs, rs, text in cells_of:
            for y in range(r, r + rs):
                for x in range(c, c + cs):
                    if y >= nrows or g[y][x] is not None:
                        raise SystemExit(fail("bad template cell %s %d %d" % (text, r, c)))
                    g[y][x] = [r, c, text]
        grids.append(g)
    return grids


def compare(dump, cells):
    got, want = result(dump)["grids"], expected(cells)
    if len(got) != len(want):
        return fail("the page has %d tables, the template %d" % (len(got), len(want)))
    bad = 0
    for t, (g, w) in enumerate(zip(got, want)):
        if len(g) != len(w) or any(len(a) != len(b) for a, b in zip(g, w)):
            bad |= fail("table %d: %d rows of %s slots in the page, %d rows of %d in the template"
                        % (t + 1, len(g), sorted({len(a) for a in g}), len(w), len(w[0])))
            continue
        diffs = [(y, x) for y in range(len(w)) for x in range(len(w[y])) if g[y][x] != w[y][x]]
        for y, x in diffs[:5]:
            bad |= fail("table %d, row %d, column %d: page %s, template %s"
                        % (t + 1, y + 1, x + 1, json.dumps(g[y][x], ensure_ascii=False),
                           json.dumps(w[y][x], ensure_ascii=False)))
    return bad


def clean(dump, payloads, title=None):
    res, bad = result(dump), 0
    for name in ("script", "img", "iframe"):
        if res["tags"].get(name, 0) != 0:
            bad |= fail("%d <%s> elements" % (res["tags"][name], name))
    extra = sorted(set(res["tags"]) - TAGS)
    if extra:
        bad |= fail("elements the export does not write: %s" % extra)
    extra = sorted(set(res["attrs"]) - ATTRS)
    if extra:
        bad |= fail("attributes the export does not write: %s" % extra)
    if res["comments"] != 0:
        bad |= fail("%d comments" % res["comments"])
    with open(payloads, encoding="utf-8") as f:
        for line in f.read().splitlines():
            if line and line not in res["text"]:
                bad |= fail("not in the page's text: %s" % line)
    if title is not None and res["title"] != title:
        bad |= fail("title %r, not %r" % (res["title"], title))
    return bad


def span(dump, text):
    for g in result(dump)["grids"]:
        for row in g:
            for slot in row:
                if slot is not None and len(slot) == 3 and slot[2] == text:
                    cover = [(y, x) for y, r in enumerate(g) for x, s in enumerate(r) if s == slot]
                    print("%dx%d" % (len({y for y, _ in cover}), len({x for _, x in cover})))
                    return 0
    return fail("no cell holds %s" % text)


def png(path, width, height, minbytes):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return fail("%s is not a PNG" % path)
    w, h = struct.unpack(">II", data[16:24])
    if (w, h) != (int(width), int(height)):
        return fail("%s is %dx%d, not %sx%s" % (path, w, h, width, height))
    if len(data) < int(minbytes):
        return fail("%s has only %d bytes (a blank page?)" % (path, len(data)))
    return 0


if __name__ == "__main__":
    cmds = {"compare": compare, "clean": clean, "span": span, "png": png}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        sys.exit(fail(__doc__))
    sys.exit(cmds[sys.argv[1]](*sys.argv[2:]))
