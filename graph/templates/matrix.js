// policykg heatmap page. Every piece of document text is data: it reaches the DOM only through
// textContent, never innerHTML, so a policy text cannot become markup.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("policykg-data").textContent);
  var rows = data.rows;
  var cols = data.cols;
  var cells = {}; // "r,c" -> [r, c, units, documents, unitIndices]
  data.cells.forEach(function (cell) { cells[cell[0] + "," + cell[1]] = cell; });
  var rowOrder = data.orders.rows.cluster.slice();
  var colOrder = data.orders.cols.cluster.slice();
  var selected = null;

  // YlGnBu, light to dark: counts map onto it on a log scale, so 1 and 300 both show.
  var PALETTE = ["#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"];
  var EMPTY = "#f8fafc";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function hex(c) { return [1, 3, 5].map(function (i) { return parseInt(c.slice(i, i + 2), 16); }); }

  function share(count) {
    if (!count || data.max <= 0) return 0;
    return data.max === 1 ? 1 : Math.log(count) / Math.log(data.max);
  }

  function colour(count) {
    if (!count) return EMPTY;
    var t = 0.12 + 0.88 * share(count);
    var x = t * (PALETTE.length - 1);
    var i = Math.min(PALETTE.length - 2, Math.floor(x));
    var a = hex(PALETTE[i]);
    var b = hex(PALETTE[i + 1]);
    var f = x - i;
    return "rgb(" + [0, 1, 2].map(function (k) { return Math.round(a[k] + (b[k] - a[k]) * f); }).join(",") + ")";
  }

  // ---- legend ----
  function drawLegend() {
    var bar = document.getElementById("legend-bar");
    var ticks = document.getElementById("legend-ticks");
    var stops = [];
    for (var i = 0; i <= 10; i++) {
      var count = data.max <= 1 ? 1 : Math.exp((i / 10) * Math.log(data.max));
      stops.push(colour(count) + " " + i * 10 + "%");
    }
    bar.style.background = "linear-gradient(to right, " + stops.join(", ") + ")";
    var values = [1];
    [0.25, 0.5, 0.75, 1].forEach(function (t) {
      var v = Math.round(Math.exp(t * Math.log(Math.max(1, data.max))));
      if (values.indexOf(v) < 0) values.push(v);
    });
    values.forEach(function (v) {
      var tick = el("span", "tick", v);
      tick.style.left = (100 * share(v)) + "%";
      ticks.appendChild(tick);
    });
    var zero = el("span", "zero");
    zero.style.background = EMPTY;
    zero.title = "0";
    document.getElementById("legend").insertBefore(zero, bar);
  }

  // ---- the table ----
  var head = document.getElementById("col-heads");
  var body = document.getElementById("matrix-body");
  document.getElementById("corner").textContent = data.rowKind + " \\ " + data.colKind;

  function render() {
    while (head.children.length > 1) head.removeChild(head.lastChild);
    colOrder.forEach(function (c) {
      var th = el("th", "col-head");
      th.scope = "col";
      th.setAttribute("data-col", c);
      th.appendChild(el("span", null, cols[c].label));
      th.title = cols[c].label + (cols[c].label_en ? " · " + cols[c].label_en : "") + " · " + cols[c].units;
      head.appendChild(th);
    });
    body.textContent = "";
    rowOrder.forEach(function (r) {
      var tr = el("tr");
      var th = el("th", "row-head", rows[r].label);
      th.scope = "row";
      th.setAttribute("data-row", r);
      th.title = rows[r].label + (rows[r].code ? " (" + rows[r].code + ")" : "") + " · " + rows[r].units;
      tr.appendChild(th);
      colOrder.forEach(function (c) {
        var cell = cells[r + "," + c];
        var td = el("td", cell ? "cell hit" : "cell", cell ? cell[2] : "");
        td.setAttribute("data-row", r);
        td.setAttribute("data-col", c);
        td.style.background = colour(cell ? cell[2] : 0);
        if (cell && share(cell[2]) > 0.55) td.classList.add("dark");
        if (selected && selected[0] === r && selected[1] === c) td.classList.add("selected");
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function count(r, c) {
    var cell = cells[r + "," + c];
    return cell ? cell[2] : 0;
  }

  // Sort by one column's (or row's) counts, most first; ties keep the order shown.
  function stableSort(order, key) {
    var position = {};
    order.forEach(function (x, i) { position[x] = i; });
    order.sort(function (a, b) { return key(a, b) || position[a] - position[b]; });
  }
  function sortRowsBy(c) {
    stableSort(rowOrder, function (a, b) { return count(b, c) - count(a, c); });
    render();
  }
  function sortColsBy(r) {
    stableSort(colOrder, function (a, b) { return count(r, b) - count(r, a); });
    render();
  }

  document.getElementById("row-order").addEventListener("change", function (e) {
    rowOrder = data.orders.rows[e.target.value].slice();
    render();
  });
  document.getElementById("col-order").addEventListener("change", function (e) {
    colOrder = data.orders.cols[e.target.value].slice();
    render();
  });

  // ---- hover ----
  var tooltip = document.getElementById("tooltip");
  function describe(r, c) {
    var cell = cells[r + "," + c];
    var n = cell ? cell[2] : 0;
    var d = cell ? cell[3] : 0;
    return rows[r].label + " × " + cols[c].label + ": " + n + " 条 units · " + d + " 件 documents";
  }
  document.getElementById("heatmap").addEventListener("mouseover", function (e) {
    var td = e.target.closest("td.cell");
    if (!td) { tooltip.hidden = true; return; }
    tooltip.textContent = describe(+td.getAttribute("data-row"), +td.getAttribute("data-col"));
    tooltip.hidden = false;
  });
  document.getElementById("heatmap").addEventListener("mousemove", function (e) {
    tooltip.style.left = Math.min(e.clientX + 14, window.innerWidth - tooltip.offsetWidth - 8) + "px";
    tooltip.style.top = e.clientY + 16 + "px";
  });
  document.getElementById("heatmap").addEventListener("mouseleave", function () { tooltip.hidden = true; });

  // ---- click: sort by a heading, list a cell's units ----
  document.getElementById("heatmap").addEventListener("click", function (e) {
    var colHead = e.target.closest("th.col-head");
    if (colHead) return sortRowsBy(+colHead.getAttribute("data-col"));
    var rowHead = e.target.closest("th.row-head");
    if (rowHead) return sortColsBy(+rowHead.getAttribute("data-row"));
    var td = e.target.closest("td.cell");
    if (td) showCell(+td.getAttribute("data-row"), +td.getAttribute("data-col"));
  });

  function showCell(r, c) {
    selected = [r, c];
    document.querySelectorAll("td.selected").forEach(function (x) { x.classList.remove("selected"); });
    var td = body.querySelector('td[data-row="' + r + '"][data-col="' + c + '"]');
    if (td) td.classList.add("selected");
    var cell = cells[r + "," + c];
    document.getElementById("details-empty").hidden = true;
    document.getElementById("details-body").hidden = false;
    document.getElementById("details-title").textContent = rows[r].label + " × " + cols[c].label;
    document.getElementById("details-count").textContent = cell
      ? cell[2] + " 条 units · " + cell[3] + " 件 documents"
      : "无 none";
    var list = document.getElementById("details-units");
    list.textContent = "";
    (cell ? cell[4] : []).forEach(function (u) {
      var unit = data.units[u];
      var li = el("li", "unit");
      li.setAttribute("data-unit", unit.id);
      li.appendChild(el("div", "unit-title", unit.title));
      li.appendChild(el("div", "unit-doc", unit.document + (unit.place ? " · " + unit.place : "")));
      li.appendChild(el("blockquote", "unit-quote", unit.quote));
      li.appendChild(el("div", "unit-cite", unit.citation));
      list.appendChild(li);
    });
  }

  drawLegend();
  render();
  document.getElementById("stats").textContent =
    rows.length + " 行 rows · " + cols.length + " 列 columns · " + data.units.length + " 条 units";
  document.body.setAttribute("data-ready", "true");
  window.policykgData = data;
  window.policykgShowCell = showCell;
  window.policykgReady = true;
})();
