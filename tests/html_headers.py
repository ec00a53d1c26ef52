#!/usr/bin/env python3
"""html_headers.py - helper of a11y.sh (test only, Python 3 standard library).

  html_headers.py DUMP
      Reads a page as Chromium built it (--dump-dom) and prints, for every data
      cell (<td>) of every table, what a screen reader announces with it:
      TABLE<TAB>ROW HEADERS<TAB>COLUMN HEADERS<TAB>TEXT, the headers joined with
      "／" in document order.  A cell's headers follow the HTML table model:
      the cells its headers="…" attribute names (row headers are those with
      scope="row"/"rowgroup", column headers those with scope="col"/"colgroup"),
      or, without the attribute, the header cells found by scanning left and up
      from it.  TABLE is the table's <caption>.
"""
import sys
from html.parser import HTMLParser


class Tables(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.cur, self.cell, self.caption = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.cur = {"caption": "", "rows": []}
            self.tables.append(self.cur)
        elif tag == "caption" and self.cur is not None:
            self.caption = []
        elif tag == "tr" and self.cur is not None:
            self.cur["rows"].append([])
        elif tag in ("td", "th") and self.cur is not None:
            self.cell = {"tag": tag, "attrs": a, "text": [],
                         "colspan": int(a.get("colspan", 1)), "rowspan": int(a.get("rowspan", 1))}
            self.cur["rows"][-1].append(self.cell)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.cell["text"] = "".join(self.cell["text"]).strip()
            self.cell = None
        elif tag == "caption" and self.caption is not None:
            self.cur["caption"] = "".join(self.caption).strip()
            self.caption = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"].append(data)
        elif self.caption is not None:
            self.caption.append(data)


def grid(table):
    """Slots (y, x) -> cell, the cells' origins set in cell['y'], cell['x']."""
    g = {}
    for y, row in enumerate(table["rows"]):
        x = 0
        for c in row:
            while (y, x) in g:
                x += 1
            c["y"], c["x"] = y, x
            for dy in range(c["rowspan"]):
                for dx in range(c["colspan"]):
                    g[(y + dy, x + dx)] = c
            x += c["colspan"]
    return g


def implicit(g, c):
    """Headers by the scan of the HTML table model (no headers attribute)."""
    rows, cols = [], []
    for x in range(c["x"] - 1, -1, -1):
        h = g.get((c["y"], x))
        if h is not None and h["tag"] == "th" and h not in rows:
            rows.insert(0, h)
    for y in range(c["y"] - 1, -1, -1):
        h = g.get((y, c["x"]))
        if h is not None and h["tag"] == "th" and h not in cols:
            cols.insert(0, h)
    return rows, cols


def main(dump):
    p = Tables()
    with open(dump, encoding="utf-8") as f:
        p.feed(f.read())
    for t in p.tables:
        g = grid(t)
        ids = {c["attrs"]["id"]: c for row in t["rows"] for c in row if "id" in c["attrs"]}
        for row in t["rows"]:
            for c in row:
                if c["tag"] != "td":
                    continue
                if "headers" in c["attrs"]:
                    hs = [ids[i] for i in c["attrs"]["headers"].split() if i in ids]
                    rows = [h for h in hs if h["attrs"].get("scope") in ("row", "rowgroup")]
                    cols = [h for h in hs if h["attrs"].get("scope") in ("col", "colgroup")]
                else:
                    rows, cols = implicit(g, c)
                print("%s\t%s\t%s\t%s" % (t["caption"], "／".join(h["text"] for h in rows),
                                          "／".join(h["text"] for h in cols), c["text"]))


if __name__ == "__main__":
    main(sys.argv[1])
