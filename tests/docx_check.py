#!/usr/bin/env python3
"""docx_check.py - helper of docx.sh (test only).

  docx_check.py xml DOCX
      Every part of the package is well-formed XML, and the parts Word needs
      are there.
  docx_check.py lo-grid HTML CELLS
      The tables of LibreOffice's HTML conversion of our .docx, expanded into
      slots (origin row, origin column, text), equal the template's grids
      (CELLS: `html_export_main --cells`), slot for slot.
  docx_check.py python-docx DOCX CELLS STYLE
      python-docx (python3-docx) reads every table with the template's merged
      cells and texts, the title, headings and body paragraphs in our styles,
      with the East-Asian fonts of the style file STYLE (templates/docx.style).

Problems are printed as TAP diagnostics ("# ..."); the exit status is 1 if any.
"""
import os
import re
import sys
import zipfile
import xml.dom.minidom
from html.parser import HTMLParser

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from html_grid import expected, fail  # noqa: E402

NEEDED = ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
          "word/settings.xml", "word/_rels/document.xml.rels", "word/footer1.xml",
          "docProps/core.xml", "docProps/app.xml"]


def check_xml(path):
    bad = 0
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        for n in NEEDED:
            if n not in names:
                bad |= fail("%s: no %s" % (path, n))
        for n in names:
            try:
                xml.dom.minidom.parseString(z.read(n))
            except Exception as e:  # noqa: BLE001 - any parser error is the failure
                bad |= fail("%s: %s is not well-formed: %s" % (path, n, e))
    return bad


class LoTables(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.cols, self.cell = [], [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append([])
            self.cols.append([])
        elif tag == "col" and self.tables:
            self.cols[-1].append(int(a.get("width", "0") or 0))
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self.cell = [int(a.get("colspan", 1)), int(a.get("rowspan", 1)), []]
            self.tables[-1][-1].append(self.cell)

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[2].append(data)


def slots(rows):
    g = {}
    for y, row in enumerate(rows):
        x = 0
        for cs, rs, text in row:
            while (y, x) in g:
                x += 1
            t = re.sub(r"\s+", " ", "".join(text)).strip()
            for dy in range(rs):
                for dx in range(cs):
                    g[(y + dy, x + dx)] = [y, x, t]
            x += cs
    return g


def compare_grids(got, want, what):
    bad = 0
    if len(got) != len(want):
        return fail("%s: %d tables, the template has %d" % (what, len(got), len(want)))
    for t, (g, w) in enumerate(zip(got, want)):
        ws = {(y, x): w[y][x] for y in range(len(w)) for x in range(len(w[y]))}
        if set(g) != set(ws):
            bad |= fail("%s, table %d: slots %d, template %d" % (what, t + 1, len(g), len(ws)))
            continue
        diffs = sorted(k for k in ws if g[k] != ws[k])
        for k in diffs[:5]:
            bad |= fail("%s, table %d, slot %s: %s, template %s" % (what, t + 1, k, g[k], ws[k]))
    return bad


def drop_sliver(g, cols, what):
    """LibreOffice's HTML writer rounds each cell to pixels and, where merged
    cells then end a pixel apart, adds a sliver column that it writes with an
    impossible <col width> (wider than the table, or under 2 px).  Take such a
    column out of the slots: a cell that starts there starts at the next."""
    total = sum(cols)
    for k in sorted((i for i, w in enumerate(cols) if w < 2 or w > total - w), reverse=True):
        fail("%s: sliver column %d (<col width=%d>) taken out" % (what, k + 1, cols[k]))
        new = {}
        for (y, x), (oy, ox, t) in g.items():
            if x == k:
                continue
            new[(y, x - (x > k))] = [oy, ox - (ox > k), t]
        g = new
    return g


def lo_grid(html, cells):
    p = LoTables()
    with open(html, encoding="utf-8", errors="replace") as f:
        p.feed(f.read())
    got = [drop_sliver(slots(t), c, "%s, table %d" % (html, i + 1))
           for i, (t, c) in enumerate(zip(p.tables, p.cols))]
    return compare_grids(got, expected(cells), html)


def style_fonts(path):
    fonts = {}
    sect = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            m = re.match(r"\[(\w+)\]", line)
            if m:
                sect = m.group(1)
            m = re.match(r"(\w+)\s*=\s*(.*)", line)
            if m and sect:
                fonts["%s.%s" % (sect, m.group(1))] = m.group(2)
    return fonts


def east_asia(style):
    """The w:eastAsia font of a style (python-docx does not expose it)."""
    rpr = style.element.rPr
    if rpr is None or rpr.rFonts is None:
        return None
    return rpr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")


def python_docx(path, cells, stylefile):
    import docx
    from docx.shared import Pt
    bad = 0
    d = docx.Document(path)
    st = style_fonts(stylefile)
    # tables: python-docx gives a merged cell the same _tc in every grid slot
    got = []
    for t in d.tables:
        g, origin, keep = {}, {}, []
        rows = t.rows
        for y in range(len(rows)):
            for x, c in enumerate(rows[y].cells):
                keep.append(c._tc)	# alive, so that id() stays the element's
                key = id(c._tc)
                if key not in origin:
                    # a vertical merge's continuations point to the first cell
                    origin[key] = (y, x)
                g[(y, x)] = [origin[key][0], origin[key][1], c.text.strip()]
        got.append(g)
    bad |= compare_grids(got, expected(cells), path + " (python-docx)")
    want = {"Nianbao Title": ("title.font", "title.size"), "Heading 1": ("heading1.font", "heading1.size"),
            "Heading 2": ("heading2.font", "heading2.size"), "Nianbao Body": ("body.font", "body.size")}
    seen = set()
    for p in d.paragraphs:
        name = p.style.name
        if name not in want or not p.text.strip():
            continue
        seen.add(name)
        font, size = want[name]
        if east_asia(p.style) != st[font]:
            bad |= fail("%s: %r in style %s has East-Asian font %s, not %s"
                        % (path, p.text[:20], name, east_asia(p.style), st[font]))
        if p.style.font.size != Pt(float(st[size])):
            bad |= fail("%s: style %s is %s, not %s pt" % (path, name, p.style.font.size, st[size]))
    for name in want:
        if name not in seen:
            bad |= fail("%s: no paragraph in style %s" % (path, name))
    title = d.paragraphs[0]
    if title.style.name != "Nianbao Title" or title.style.paragraph_format.alignment != 1:
        bad |= fail("%s: the first paragraph is not the centred title" % path)
    body = d.styles["Nianbao Body"].paragraph_format
    if body.line_spacing != Pt(float(st["body.line"])) or body.line_spacing_rule != 4:
        bad |= fail("%s: body line spacing %s (rule %s), not exactly %s pt"
                    % (path, body.line_spacing, body.line_spacing_rule, st["body.line"]))
    sec = d.sections[0]
    mm = [round(v / 36000) for v in (sec.page_width, sec.page_height, sec.top_margin,
                                      sec.bottom_margin, sec.left_margin, sec.right_margin)]
    want_mm = [int(st["page." + k]) for k in ("width", "height", "top", "bottom", "left", "right")]
    if mm != want_mm:
        bad |= fail("%s: page and margins %s mm, not %s" % (path, mm, want_mm))
    closing = [p for p in d.paragraphs if p.style.name == "Nianbao Closing"]
    if len(closing) != 2 or any(p.style.paragraph_format.alignment != 2 for p in closing):
        bad |= fail("%s: the agency and the date are not two right-aligned closing lines" % path)
    return bad


def main(argv):
    if argv[1] == "xml":
        return check_xml(argv[2])
    if argv[1] == "lo-grid":
        return lo_grid(argv[2], argv[3])
    if argv[1] == "python-docx":
        return python_docx(argv[2], argv[3], argv[4])
    return fail("usage: docx_check.py xml|lo-grid|python-docx ...")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
