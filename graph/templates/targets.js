// policykg targets chart. Plain SVG drawn here, no library. Every piece of document text is
// data: it reaches the page only through textContent, never innerHTML, so a policy text cannot
// become markup.
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("policykg-data").textContent);
  var targets = data.targets;
  var W = 760, H = 300;
  var M = { top: 20, right: 28, bottom: 46, left: 70 };
  var groups = Object.create(null); // series label -> its <g> in every panel
  var rows = []; // table rows, by target index

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function number(v) {
    return Math.abs(v - Math.round(v)) < 1e-9 ? String(Math.round(v)) : String(+v.toPrecision(6));
  }

  // round steps (1, 2, 5 × 10^k) covering [lo, hi] in about n intervals
  function ticks(lo, hi, n) {
    var raw = (hi - lo) / n;
    var mag = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10));
    var step = [1, 2, 5, 10].map(function (f) { return f * mag; }).filter(function (s) { return s >= raw; })[0];
    var out = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toPrecision(12));
    return out;
  }

  // one x range for every panel, so that years line up from panel to panel; a change (下降
  // 25%) is drawn from its baseline year, where the change is nil, to its target year
  var years = [];
  data.panels.forEach(function (p) {
    p.series.forEach(function (s) {
      s.points.forEach(function (n) {
        years.push(targets[n].year);
        if (p.change && targets[n].baseline) years.push(targets[n].baseline);
      });
    });
  });
  var x0 = Math.min.apply(null, years.length ? years : [2000]) - 1;
  var x1 = Math.max.apply(null, years.length ? years : [2000]) + 1;
  var yearStep = x1 - x0 > 24 ? 5 : x1 - x0 > 12 ? 2 : 1;

  // ---- tooltip ----
  var tooltip = document.getElementById("tooltip");
  function describe(n) {
    var t = targets[n];
    var plan = data.plans[t.plan];
    tooltip.textContent = "";
    tooltip.appendChild(el("div", "tip-plan", plan.title));
    tooltip.appendChild(el("div", "tip-meta", [plan.number, plan.date].filter(Boolean).join(" · ")));
    tooltip.appendChild(el("div", null, t.where + " — " + t.indicator));
    var years = t.baseline ? t.baseline + "→" + t.year : t.year ? "到 " + t.year : "";
    tooltip.appendChild(el("div", null, t.quantity + (years ? "（" + years + "）" : "")));
    if (t.binding) tooltip.appendChild(el("div", "tip-meta", t.binding));
    tooltip.appendChild(el("div", "tip-meta", "“" + t.text + "”"));
  }
  function place(e) {
    tooltip.style.left = Math.min(e.clientX + 14, window.innerWidth - tooltip.offsetWidth - 8) + "px";
    tooltip.style.top = Math.min(e.clientY + 16, window.innerHeight - tooltip.offsetHeight - 8) + "px";
  }
  function hover(n, on, e) {
    if (rows[n]) rows[n].classList.toggle("active", on);
    if (!on) { tooltip.hidden = true; return; }
    describe(n);
    tooltip.hidden = false;
    if (e) place(e);
  }

  // ---- panels ----
  function drawPanel(panel) {
    var values = [];
    panel.series.forEach(function (s) { s.points.forEach(function (n) { values.push(targets[n].value); }); });
    var lo = Math.min(0, Math.min.apply(null, values));
    var hi = Math.max.apply(null, values);
    hi = hi > lo ? hi + (hi - lo) * 0.15 : lo + 1;
    var yt = ticks(lo, hi, 5);
    hi = Math.max(hi, yt[yt.length - 1]);
    function X(year) { return M.left + (year - x0) / (x1 - x0) * (W - M.left - M.right); }
    function Y(v) { return H - M.bottom - (v - lo) / (hi - lo) * (H - M.top - M.bottom); }

    var box = el("section", "panel");
    box.appendChild(el("h3", null, panel.title));
    var chart = svg("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img" });
    chart.setAttribute("aria-label", panel.title + " · " + panel.axis);
    var grid = svg("g", { "class": "grid" });
    var axis = svg("g", { "class": "axis" });
    yt.forEach(function (v) {
      grid.appendChild(svg("line", { x1: M.left, x2: W - M.right, y1: Y(v), y2: Y(v) }));
      axis.appendChild(svg("text", { x: M.left - 8, y: Y(v) + 4, "text-anchor": "end", "class": "tick-label" }, number(v)));
    });
    for (var year = Math.ceil(x0 / yearStep) * yearStep; year <= x1; year += yearStep) {
      axis.appendChild(svg("line", { x1: X(year), x2: X(year), y1: H - M.bottom, y2: H - M.bottom + 5 }));
      axis.appendChild(svg("text", { x: X(year), y: H - M.bottom + 18, "text-anchor": "middle", "class": "tick-label" }, year));
    }
    axis.appendChild(svg("line", { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom }));
    axis.appendChild(svg("line", { x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom }));
    axis.appendChild(svg("text", { x: (M.left + W - M.right) / 2, y: H - 8, "text-anchor": "middle", "class": "axis-title" }, "目标年 target year"));
    var yTitle = svg("text", { "class": "axis-title", "text-anchor": "middle", transform: "translate(16 " + (M.top + H - M.bottom) / 2 + ") rotate(-90)" }, panel.axis);
    axis.appendChild(yTitle);
    chart.appendChild(grid);
    chart.appendChild(axis);

    panel.series.forEach(function (s) {
      var g = svg("g", { "class": "series" });
      g.setAttribute("data-series", s.label);
      var path = s.points.map(function (n, i) {
        return (i ? "L" : "M") + X(targets[n].year).toFixed(1) + " " + Y(targets[n].value).toFixed(1);
      }).join(" ");
      if (s.points.length > 1) g.appendChild(svg("path", { d: path, stroke: s.colour, "class": "series-line" }));
      if (panel.change) {
        s.points.forEach(function (n) {
          var t = targets[n];
          if (!t.baseline) return;
          g.appendChild(svg("line", {
            x1: X(t.baseline), y1: Y(0), x2: X(t.year), y2: Y(t.value), stroke: s.colour, "class": "baseline-line"
          }));
          g.appendChild(svg("circle", { cx: X(t.baseline), cy: Y(0), r: 3, stroke: s.colour, "class": "baseline-dot" }));
        });
      }
      s.points.forEach(function (n) {
        var t = targets[n];
        var dot = svg("circle", { cx: X(t.year), cy: Y(t.value), r: 5.5, fill: s.colour, "class": "point" });
        dot.setAttribute("data-target", n);
        dot.setAttribute("tabindex", "0");
        dot.addEventListener("mouseenter", function (e) { hover(n, true, e); });
        dot.addEventListener("mousemove", place);
        dot.addEventListener("mouseleave", function () { hover(n, false); });
        dot.addEventListener("focus", function () { hover(n, true); });
        dot.addEventListener("blur", function () { hover(n, false); });
        g.appendChild(dot);
        g.appendChild(svg("text", { x: X(t.year) + 8, y: Y(t.value) - 7, fill: s.colour, "class": "point-label" }, number(t.value)));
      });
      (groups[s.label] = groups[s.label] || []).push(g);
      chart.appendChild(g);
    });
    box.appendChild(chart);
    document.getElementById("panels").appendChild(box);
  }

  // ---- legend: each series with the plans that set its targets; a click shows or hides it ----
  function drawLegend() {
    var list = document.getElementById("legend-series");
    data.series.forEach(function (s) {
      var plans = [];
      data.panels.forEach(function (p) {
        p.series.forEach(function (ps) {
          if (ps.label !== s.label) return;
          ps.points.forEach(function (n) {
            if (plans.indexOf(targets[n].plan) < 0) plans.push(targets[n].plan);
          });
        });
      });
      var li = el("li", "legend-entry");
      li.setAttribute("data-series", s.label);
      var swatch = el("span", "swatch");
      swatch.style.background = s.colour;
      li.appendChild(swatch);
      li.appendChild(el("span", "series-name", s.label));
      var under = el("ul", "series-plans");
      plans.sort(function (a, b) { return a - b; }).forEach(function (k) {
        var plan = data.plans[k];
        under.appendChild(el("li", "series-plan", plan.title + (plan.date ? "（" + plan.date.slice(0, 4) + "）" : "")));
      });
      li.appendChild(under);
      li.addEventListener("click", function () {
        var off = !li.classList.contains("off");
        li.classList.toggle("off", off);
        (groups[s.label] || []).forEach(function (g) { g.classList.toggle("off", off); });
      });
      list.appendChild(li);
    });
  }

  // ---- the table of every target ----
  function drawTable() {
    var body = document.getElementById("targets-body");
    targets.forEach(function (t, n) {
      var plan = data.plans[t.plan];
      var tr = el("tr");
      [plan.title, plan.date, t.indicator, t.where, t.quantity, t.baseline, t.year, t.text].forEach(function (v) {
        tr.appendChild(el("td", null, v === null || v === undefined ? "" : v));
      });
      rows[n] = tr;
      body.appendChild(tr);
    });
  }

  data.panels.forEach(drawPanel);
  drawLegend();
  drawTable();
  var undrawn = targets.filter(function (t) { return !t.drawn; }).length;
  if (undrawn) {
    var note = document.getElementById("undrawn");
    note.textContent = undrawn + " 个目标无指标、数值或目标年，未绘出，见下表 · " + undrawn +
      " target(s) without an indicator, a value or a target year are listed below but not drawn.";
    note.hidden = false;
  }
  document.getElementById("stats").textContent =
    targets.length + " 个目标 targets · " + data.plans.length + " 份文件 plans · " + data.panels.length + " 幅图 panels";
  document.body.setAttribute("data-ready", "true");
  window.policykgData = data;
  window.policykgReady = true;
})();
