// html_grid.js - TEST ONLY: html_dom.sh appends this to a copy of an HTML
// export (the export itself never has a script) and loads the copy in headless
// Chromium.  It expands every table into its grid of slots from the rowSpan and
// colSpan that the browser's DOM reports, following the HTML table model's slot
// assignment (row groups in order; a rowspan is clipped at the end of its row
// group, rowspan 0 reaches it), and lists what the parser built: element and
// attribute names, comments, the text.  The result goes as JSON into
// <pre id="nianbao-result">, which --dump-dom prints.
(function () {
	'use strict';
	var me = document.currentScript;

	// One table: rows of slots [origin row, origin column, text], null where no cell is.
	function grid(table) {
		var g = [], groups = [], y0 = 0, width = 0;

		if (table.tHead) groups.push(table.tHead);
		for (var b = 0; b < table.tBodies.length; b++) groups.push(table.tBodies[b]);
		if (table.tFoot) groups.push(table.tFoot);
		if (table.rows.length !== groups.reduce(function (n, s) { return n + s.rows.length; }, 0))
			throw new Error('rows outside the row groups');
		groups.forEach(function (sect) {
			var n = sect.rows.length;

			for (var r = 0; r < n; r++) {
				var y = y0 + r, x = 0, cells = sect.rows[r].cells;

				g[y] = g[y] || [];
				for (var i = 0; i < cells.length; i++) {
					var c = cells[i], cs = Math.max(c.colSpan, 1);
					var rs = c.rowSpan === 0 ? n - r : Math.min(c.rowSpan, n - r);

					while (g[y][x] !== undefined) x++;
					for (var dy = 0; dy < rs; dy++) {
						g[y + dy] = g[y + dy] || [];
						for (var dx = 0; dx < cs; dx++) {
							if (g[y + dy][x + dx] !== undefined)
								g[y + dy][x + dx] = ['overlap', y, x];
							else
								g[y + dy][x + dx] = [y, x, c.textContent];
						}
					}
					x += cs;
				}
			}
			y0 += n;
		});
		g.forEach(function (row) { width = Math.max(width, row.length); });
		return g.map(function (row) {
			var out = [];

			for (var x = 0; x < width; x++)
				out.push(row[x] === undefined ? null : row[x]);
			return out;
		});
	}

	var result = { grids: [], tags: {}, attrs: {}, comments: 0, title: document.title, text: '' };
	var all = document.getElementsByTagName('*');

	document.querySelectorAll('table').forEach(function (t) { result.grids.push(grid(t)); });
	for (var i = 0; i < all.length; i++) {
		var el = all[i], name = el.tagName.toLowerCase();

		if (el === me)
			continue;
		result.tags[name] = (result.tags[name] || 0) + 1;
		for (var a = 0; a < el.attributes.length; a++) {
			var an = el.attributes[a].name;

			result.attrs[an] = (result.attrs[an] || 0) + 1;
		}
	}
	var walk = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);

	while (walk.nextNode())
		result.comments++;
	me.remove();
	result.text = document.body ? document.body.textContent : '';

	var pre = document.createElement('pre');

	pre.id = 'nianbao-result';
	pre.textContent = JSON.stringify(result);
	document.body.appendChild(pre);
})();
