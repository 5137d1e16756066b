// policykg graph page. Every piece of document text is data: it reaches the DOM only through
// textContent / value / DOM nodes, never innerHTML, so a policy text cannot become markup.
(function () {
  "use strict";

  var started = performance.now();
  var timings = {}; // milliseconds since the script started, read by bench/viz.py
  window.policykgTimings = timings;
  var data = JSON.parse(document.getElementById("policykg-data").textContent);
  timings.parsed = performance.now() - started;
  var attrs = data.attrs;
  var current = null; // id of the node in the details panel
  var typeInfo = {};
  data.types.forEach(function (t) { typeInfo[t.type] = t; });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // Units (articles, measures…) carry their kind; divisions and concepts do not.
  function isUnit(a) {
    return a.kind !== undefined;
  }

  function typeLabel(type) {
    return typeInfo[type] ? typeInfo[type].label : type;
  }

  // vis-network renders string tooltips as HTML in some versions: give it DOM nodes instead.
  function tooltip(id) {
    var a = attrs[id];
    var box = el("div");
    box.appendChild(el("div", "tip-label", a.label));
    box.appendChild(el("div", "tip-type", typeLabel(a.type)));
    if (isUnit(a) && a.sentence && a.sentence !== a.label + "。") {
      box.appendChild(el("div", null, a.sentence));
    }
    return box;
  }

  data.edges.forEach(function (e) { e.title = el("div", null, e.relation); });

  // ---- dense graphs: documents folded, opened by a click ----
  // A folded document is its own box: its divisions, units and targets stay out of the
  // network (and out of the physics), and its units' links to concepts are drawn as one
  // edge per concept, as thick as the units behind it. Opening a document adds its nodes
  // around the box (offsets computed in Python: a radial tree) without restarting physics.
  var folded = {}; // document id -> true while folded
  var inside = {}; // document id -> its node records
  var home = {}; // node id -> the document it is folded into
  data.nodes.forEach(function (n) {
    if (n.cid === undefined) return;
    (inside[n.cid] = inside[n.cid] || []).push(n);
    home[n.id] = n.cid;
  });
  var ownEdges = {}; // document id -> edges with an end inside it
  var summary = {}; // document id -> one edge per concept its folded units link to
  data.edges.forEach(function (e) {
    var doc = home[e.from] || home[e.to];
    if (doc === undefined) return;
    (ownEdges[doc] = ownEdges[doc] || []).push(e);
    var other = home[e.from] === doc ? e.to : e.from;
    if (home[other] === doc || other === doc) return;
    var byConcept = (summary[doc] = summary[doc] || {});
    var s = byConcept[other];
    if (!s) {
      s = byConcept[other] = {
        id: "fold:" + doc + "\u001f" + other,
        from: doc,
        to: other,
        relation: "",
        units: {},
        color: e.color,
      };
    }
    s.units[e.from] = true;
  });
  Object.keys(summary).forEach(function (doc) {
    summary[doc] = Object.keys(summary[doc]).map(function (other) {
      var s = summary[doc][other];
      var n = Object.keys(s.units).length;
      delete s.units;
      s.width = Math.min(6, 1 + Math.log(n) / Math.LN2);
      s.title = el("div", null, n + " 条 units");
      return s;
    });
  });
  data.clusters.forEach(function (c) { folded[c.document] = true; });

  var hiddenTypes = {};
  function withTooltip(n) {
    if (!n.title) n.title = tooltip(n.id);
    n.hidden = hiddenTypes[n.type] === true;
    return n;
  }
  var startNodes = data.nodes.filter(function (n) { return !folded[home[n.id]]; }).map(withTooltip);
  var startEdges = data.edges.filter(function (e) { return !folded[home[e.from]] && !folded[home[e.to]]; });
  Object.keys(folded).forEach(function (doc) { startEdges = startEdges.concat(summary[doc] || []); });

  var nodes = new vis.DataSet(startNodes);
  var edges = new vis.DataSet(startEdges);
  var container = document.getElementById("graph");
  var progress = document.getElementById("progress");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  timings.network = performance.now() - started;
  window.policykgNetwork = network;
  window.policykgData = data;

  function openDocument(doc) {
    if (!folded[doc]) return;
    delete folded[doc];
    var at = network.getPositions([doc])[doc] || { x: 0, y: 0 };
    edges.remove((summary[doc] || []).map(function (s) { return s.id; }));
    nodes.add(inside[doc].map(function (n) {
      var placed = withTooltip(n);
      placed.x = at.x + n.dx;
      placed.y = at.y + n.dy;
      return placed;
    }));
    edges.add((ownEdges[doc] || []).filter(function (e) {
      return !folded[home[e.from]] && !folded[home[e.to]];
    }));
  }
  function foldDocument(doc) {
    if (folded[doc] || !inside[doc]) return;
    folded[doc] = true;
    edges.remove((ownEdges[doc] || []).map(function (e) { return e.id; }));
    nodes.remove(inside[doc].map(function (n) { return n.id; }));
    edges.add(summary[doc] || []);
    if (current && home[current] === doc) clearDetails();
  }

  // Open the document that holds ``id`` so that it can be selected and focused.
  function reveal(id) {
    if (home[id] !== undefined) openDocument(home[id]);
  }

  if (data.clusters.length) {
    document.getElementById("cluster-actions").hidden = false;
    document.getElementById("fold-all").addEventListener("click", function () {
      data.clusters.forEach(function (c) { foldDocument(c.document); });
    });
    document.getElementById("open-all").addEventListener("click", function () {
      data.clusters.forEach(function (c) { openDocument(c.document); });
    });
  }
  window.policykgOpen = openDocument;

  function ready() {
    // Freeze the layout once it has settled: a 2,000-node graph stays responsive.
    network.setOptions({ physics: false });
    timings.ready = performance.now() - started;
    progress.hidden = true;
    window.policykgReady = true;
    document.body.setAttribute("data-ready", "true");
  }
  network.on("stabilizationProgress", function (p) {
    var pct = Math.round((100 * p.iterations) / Math.max(1, p.total));
    progress.textContent = "布局计算中 Laying out… " + pct + "%";
  });
  network.once("stabilizationIterationsDone", ready);
  if (data.nodes.length === 0) ready();

  document.getElementById("stats").textContent =
    data.nodes.length + " 节点 nodes · " + data.edges.length + " 关系 edges" +
    (data.clusters.length ? " · " + data.clusters.length + " 份文件已折叠 documents folded" : "");

  // ---- legend and show / hide by type ----
  var idsByType = {};
  data.nodes.forEach(function (n) {
    (idsByType[n.type] = idsByType[n.type] || []).push(n.id);
  });
  var checkboxes = {};
  var legend = document.getElementById("legend-types");
  data.types.forEach(function (t) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = t.type;
    box.setAttribute("data-type", t.type);
    box.addEventListener("change", function () { setTypeVisible(t.type, box.checked); });
    checkboxes[t.type] = box;
    var swatch = el("span", "swatch shape-" + t.shape);
    swatch.style.background = t.color;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", null, t.label));
    label.appendChild(el("span", "count", t.count));
    li.appendChild(label);
    legend.appendChild(li);
  });

  function setTypeVisible(type, visible) {
    hiddenTypes[type] = !visible;
    var ids = (idsByType[type] || []).filter(function (id) { return nodes.get(id) !== null; });
    nodes.update(ids.map(function (id) { return { id: id, hidden: !visible }; }));
    if (!visible && current && attrs[current].type === type) clearDetails();
  }
  function setAll(visible) {
    Object.keys(checkboxes).forEach(function (type) {
      checkboxes[type].checked = visible;
      setTypeVisible(type, visible);
    });
  }
  document.getElementById("show-all").addEventListener("click", function () { setAll(true); });
  document.getElementById("show-none").addEventListener("click", function () { setAll(false); });

  // ---- details panel ----
  var FIELDS = [
    ["kind", "类别 Kind"],
    ["label_en", "英文 English"],
    ["code", "区划代码 Code"],
    ["date", "日期 Date"],
    ["surface_forms", "原文 Surface forms"],
    ["text", "原文 Surface"],
    ["indicator", "指标 Indicator"],
    ["value", "数值 Value"],
    ["value_unit", "单位 Unit"],
    ["comparator", "比较 Comparator"],
    ["baseline", "基准 Baseline"],
    ["year", "目标年 Year"],
    ["number", "编号 Number"],
    ["document_number", "文号 Number"],
    ["concept", "概念 Concept"],
  ];
  var emptyNote = document.getElementById("details-empty");
  var body = document.getElementById("details-body");
  var fields = document.getElementById("details-fields");
  var textSection = document.getElementById("details-text-section");
  var links = document.getElementById("details-links");

  function addField(name, value) {
    if (value === undefined || value === null || value === "") return;
    fields.appendChild(el("dt", null, name));
    fields.appendChild(el("dd", null, value));
  }

  function showDetails(id) {
    var a = attrs[id];
    if (!a) return clearDetails();
    current = id;
    emptyNote.hidden = true;
    body.hidden = false;
    var badge = document.getElementById("details-type");
    badge.textContent = typeLabel(a.type);
    badge.style.background = typeInfo[a.type] ? typeInfo[a.type].color : "#9ca3af";
    document.getElementById("details-label").textContent = a.label;
    fields.textContent = "";

    var located = a.char_start !== undefined;
    if (a.document && (located || a.type !== "document")) {
      var doc = attrs[a.document];
      addField("文件 Document", doc && doc.label !== a.document ? doc.label + " (" + a.document + ")" : a.document);
    }
    addField("位置 Location", a.path);
    if (located) addField("字符 Characters", a.char_start + "–" + a.char_end);
    FIELDS.forEach(function (f) {
      if (f[0] === "text" && isUnit(a)) return;
      addField(f[1], a[f[0]]);
    });
    addField("标识 ID", id);

    textSection.hidden = !isUnit(a) || !a.text;
    document.getElementById("details-text").textContent = isUnit(a) ? a.text || "" : "";
    showLinks(id);
  }

  function showLinks(id) {
    links.textContent = "";
    var connected = data.edges.filter(function (e) { return e.from === id || e.to === id; });
    connected.sort(function (x, y) {
      return x.relation < y.relation ? -1 : x.relation > y.relation ? 1 : 0;
    });
    connected.forEach(function (e) {
      var outgoing = e.from === id;
      var other = outgoing ? e.to : e.from;
      var li = el("li");
      li.appendChild(el("span", "rel", (outgoing ? "→ " : "← ") + e.relation));
      var button = el("button", null, attrs[other] ? attrs[other].label : other);
      button.type = "button";
      button.addEventListener("click", function () { focusNode(other); });
      li.appendChild(button);
      links.appendChild(li);
    });
    document.getElementById("details-links-section").hidden = connected.length === 0;
  }

  function clearDetails() {
    current = null;
    emptyNote.hidden = false;
    body.hidden = true;
  }

  function focusNode(id) {
    var type = attrs[id] && attrs[id].type;
    if (checkboxes[type] && !checkboxes[type].checked) {
      checkboxes[type].checked = true;
      setTypeVisible(type, true);
    }
    reveal(id);
    network.selectNodes([id]);
    network.focus(id, {
      scale: Math.max(network.getScale(), 1.1),
      animation: { duration: 400, easingFunction: "easeInOutQuad" },
    });
    showDetails(id);
  }

  network.on("click", function (params) {
    var id = params.nodes[0];
    if (id !== undefined) {
      openDocument(id);
      showDetails(id);
    } else if (!params.edges.length) clearDetails();
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length && inside[params.nodes[0]]) foldDocument(params.nodes[0]);
  });

  // ---- search ----
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var datalist = document.getElementById("search-labels");
  var seen = {};
  data.nodes.forEach(function (n) {
    var label = attrs[n.id].label;
    if (seen[label]) return;
    seen[label] = true;
    var option = el("option");
    option.value = label;
    datalist.appendChild(option);
  });

  var lastQuery = null;
  var matches = [];
  var matchIndex = 0;
  function search(query) {
    var q = query.trim().toLowerCase();
    if (!q) return;
    if (q !== lastQuery) {
      var exact = [];
      var partial = [];
      data.nodes.forEach(function (n) {
        var label = String(attrs[n.id].label).toLowerCase();
        if (label === q) exact.push(n.id);
        else if (label.indexOf(q) >= 0 || n.id.toLowerCase().indexOf(q) >= 0) partial.push(n.id);
      });
      matches = exact.concat(partial);
      matchIndex = 0;
      lastQuery = q;
    } else if (matches.length) {
      matchIndex = (matchIndex + 1) % matches.length;
    }
    if (!matches.length) {
      status.textContent = "无匹配 No match";
      return;
    }
    status.textContent = matchIndex + 1 + " / " + matches.length;
    focusNode(matches[matchIndex]);
  }
  document.getElementById("search").addEventListener("submit", function (event) {
    event.preventDefault();
    search(input.value);
  });
  window.policykgSearch = search;
})();
