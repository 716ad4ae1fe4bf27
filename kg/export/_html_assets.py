"""The static parts of the HTML view: style sheet, page skeleton and UI script.

Nothing here contains data from articles.  The script reads the graph from
the `<script type="application/json" id="kg-data">` block and builds every
element with `textContent`, so a name like `<img src=x onerror=…>` stays text.
It runs after pyvis' own script and uses the globals that script defines
(`nodes`, `edges`, `network`).
"""
from __future__ import annotations

STYLE_SHEET = """
html, body { margin: 0; padding: 0; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC",
       "Microsoft YaHei", sans-serif; color: #222; margin-right: 390px; }
[hidden] { display: none !important; }
#kg-toolbar { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center;
              padding: 6px 10px; border-bottom: 1px solid #ddd; background: #fafafa; }
#kg-search-form { display: inline-flex; gap: 4px; }
#kg-search { width: 14em; padding: 3px 6px; }
#kg-doc { max-width: 22em; }
#kg-legend { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; }
.kg-type { display: inline-flex; align-items: center; gap: 4px; cursor: pointer; white-space: nowrap; }
.kg-rel { display: inline-flex; align-items: center; gap: 4px; white-space: nowrap; color: #555; }
.kg-rel-line { display: inline-block; width: 18px; height: 3px; }
#kg-stats { color: #666; }
#kg-notice { padding: 4px 10px; background: #fff4ce; border-bottom: 1px solid #e6d58a; }
#kg-results { padding: 4px 10px; border-bottom: 1px solid #eee; display: flex; flex-wrap: wrap; gap: 4px 10px; }
#kg-panel { position: fixed; top: 0; right: 0; bottom: 0; width: 390px; box-sizing: border-box;
            overflow-y: auto; padding: 10px 14px; border-left: 1px solid #ddd; background: #fff; z-index: 10; }
#kg-panel h2 { font-size: 1.25em; margin: 0 0 4px; white-space: pre-wrap; word-break: break-word; }
#kg-panel h3 { font-size: 1em; margin: 14px 0 4px; border-bottom: 1px solid #eee; }
#kg-panel dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 8px; margin: 6px 0; }
#kg-panel dt { color: #666; }
#kg-panel dd { margin: 0; white-space: pre-wrap; word-break: break-word; }
#kg-panel ul { padding-left: 18px; margin: 4px 0; }
#kg-panel li { margin: 3px 0; }
.kg-evidence { color: #333; font-size: .92em; }
.kg-evidence q { quotes: "\\300C" "\\300D"; white-space: pre-wrap; }
.kg-muted, .kg-doc-ref { color: #888; }
.kg-pred { color: #555; }
.kg-badge { display: inline-block; padding: 1px 8px; border-radius: 9px; color: #fff; font-size: .85em; }
.kg-link { border: none; background: none; padding: 0; color: #1f5fbf; cursor: pointer;
           font: inherit; text-decoration: underline; text-align: left; }
.kg-metric-name { font-weight: 600; }
.card { border: none; width: 100%; }
#mynetwork { width: 100% !important; height: 80vh; border: none !important; float: none !important; }
"""

# The `notice` placeholder is filled with text built from counts only.
BODY_SKELETON = """
<div id="kg-toolbar">
  <form id="kg-search-form" role="search">
    <input id="kg-search" type="search" list="kg-names" placeholder="搜索 / Search a name" autocomplete="off" aria-label="Search a name">
    <datalist id="kg-names"></datalist>
    <button type="submit">Search</button>
  </form>
  <div id="kg-legend" aria-label="Types shown"></div>
  <label>Document <select id="kg-doc"><option value="">All documents</option></select></label>
  <span id="kg-stats"></span>
</div>
<div id="kg-notice"{notice_hidden}>{notice}</div>
<div id="kg-results" hidden></div>
<aside id="kg-panel" aria-live="polite">
  <p class="kg-muted">Click a node or an edge, or search a name. Figures (metrics) are listed
  in the panel of the entity they are about, with the sentence they come from.</p>
</aside>
"""

# Armed right after the network is made, before the page's data is read: the layout gets at
# most LAYOUT_MS from the start of the page's load, then the physics stops where it is (the
# page's script then switches it off, see freeze).  On a slow machine the iteration budget
# alone took 6-9 s at 1,500 nodes; on a fast one the budget ends first and this does nothing.
LAYOUT_CAP_SCRIPT = r"""
(function () {
  function stop() {
    if (window.kgStabilized || typeof network === "undefined" || !network) { return; }
    window.kgLayoutStopped = true;
    network.stopSimulation();
  }
  setTimeout(stop, Math.max(0, LAYOUT_MS - performance.now()));
})();
"""


UI_SCRIPT = r"""
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var ENT = DATA.entities;
  var SVG_NS = "http://www.w3.org/2000/svg";

  function byId(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  var outRel = {}, inRel = {}, edgeToRel = {};
  DATA.relations.forEach(function (r, i) {
    (outRel[r.s] = outRel[r.s] || []).push(i);
    (inRel[r.o] = inRel[r.o] || []).push(i);
    if (r.edge !== null) { edgeToRel[r.edge] = i; }
  });
  var typeInfo = {};
  DATA.types.forEach(function (t) { typeInfo[t.type] = t; });

  // ------------------------------------------------------------ legend and filters
  var SHAPE_POINTS = {
    diamond: "7,1 13,7 7,13 1,7",
    triangle: "7,1 13,13 1,13",
    triangleDown: "1,1 13,1 7,13",
    hexagon: "4,1 10,1 13,7 10,13 4,13 1,7",
    star: "7,1 8.8,5.2 13,5.5 9.8,8.4 10.8,13 7,10.6 3.2,13 4.2,8.4 1,5.5 5.2,5.2"
  };
  function shapeIcon(shape, fill, stroke) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("width", "14");
    svg.setAttribute("height", "14");
    svg.setAttribute("viewBox", "0 0 14 14");
    var mark;
    if (shape === "square") {
      mark = document.createElementNS(SVG_NS, "rect");
      mark.setAttribute("x", "1.5"); mark.setAttribute("y", "1.5");
      mark.setAttribute("width", "11"); mark.setAttribute("height", "11");
    } else if (SHAPE_POINTS[shape]) {
      mark = document.createElementNS(SVG_NS, "polygon");
      mark.setAttribute("points", SHAPE_POINTS[shape]);
    } else {
      mark = document.createElementNS(SVG_NS, "circle");
      mark.setAttribute("cx", "7"); mark.setAttribute("cy", "7"); mark.setAttribute("r", "5.5");
    }
    mark.setAttribute("fill", fill);
    mark.setAttribute("stroke", stroke);
    svg.appendChild(mark);
    return svg;
  }

  function buildLegend() {
    var box = byId("kg-legend");
    DATA.types.forEach(function (t) {
      var label = el("label", null, "kg-type");
      var checkbox = el("input");
      checkbox.type = "checkbox";
      checkbox.checked = true;
      checkbox.value = t.type;
      checkbox.addEventListener("change", applyFilters);
      label.appendChild(checkbox);
      label.appendChild(shapeIcon(t.shape, t.color, t.border));
      label.appendChild(el("span", t.title + " (" + t.count + ")"));
      box.appendChild(label);
    });
    DATA.relationTypes.forEach(function (r) {
      var item = el("span", null, "kg-rel");
      var line = el("span", null, "kg-rel-line");
      line.style.backgroundColor = r.color;
      item.appendChild(line);
      item.appendChild(el("span", r.predicate + " (" + r.count + ")"));
      box.appendChild(item);
    });
  }

  function buildDocumentSelect() {
    var select = byId("kg-doc");
    DATA.documentOrder.forEach(function (docId) {
      var option = el("option", docTitle(docId));
      option.value = docId;
      select.appendChild(option);
    });
    select.addEventListener("change", applyFilters);
  }

  function buildNameList() {
    var list = byId("kg-names"), seen = {};
    nodes.getIds().forEach(function (id) {
      var e = ENT[id];
      if (!e || seen[e.name]) { return; }
      seen[e.name] = true;
      var option = el("option");
      option.value = e.name;
      list.appendChild(option);
    });
  }

  function checkedTypes() {
    var checked = {};
    document.querySelectorAll("#kg-legend input[type=checkbox]").forEach(function (checkbox) {
      checked[checkbox.value] = checkbox.checked;
    });
    return checked;
  }

  function passesFilters(id, types, doc) {
    var e = ENT[id];
    if (!e) { return true; }
    if (types[e.type] === false) { return false; }
    return !doc || e.docs.indexOf(doc) >= 0;
  }

  function applyFilters() {
    var types = checkedTypes(), doc = byId("kg-doc").value, hidden = {};
    var nodeUpdates = [], edgeUpdates = [];
    nodes.get().forEach(function (n) {
      var visible = passesFilters(n.id, types, doc);
      if (!visible) { hidden[n.id] = true; }
      if (Boolean(n.hidden) === visible) { nodeUpdates.push({id: n.id, hidden: !visible}); }
    });
    edges.get().forEach(function (e) {
      var visible = !hidden[e.from] && !hidden[e.to];
      if (Boolean(e.hidden) === visible) { edgeUpdates.push({id: e.id, hidden: !visible}); }
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    showStats();
  }

  function resetFilters() {
    document.querySelectorAll("#kg-legend input[type=checkbox]").forEach(function (checkbox) { checkbox.checked = true; });
    byId("kg-doc").value = "";
    applyFilters();
  }

  function showStats() {
    var shownNodes = nodes.get({filter: function (n) { return !n.hidden; }}).length;
    var shownEdges = edges.get({filter: function (e) { return !e.hidden; }}).length;
    byId("kg-stats").textContent = shownNodes + " nodes, " + shownEdges + " edges shown";
  }

  // ------------------------------------------------------------ search
  function norm(text) { return String(text).trim().toLowerCase(); }

  function findMatches(query) {
    var q = norm(query), found = [];
    if (!q) { return found; }
    nodes.getIds().forEach(function (id) {
      var e = ENT[id];
      if (!e) { return; }
      var name = norm(e.name), aliases = e.aliases.map(norm), score = -1;
      if (name === q) { score = 0; }
      else if (aliases.indexOf(q) >= 0) { score = 1; }
      else if (name.indexOf(q) === 0) { score = 2; }
      else if (name.indexOf(q) > 0) { score = 3; }
      else if (aliases.some(function (a) { return a.indexOf(q) >= 0; })) { score = 4; }
      if (score >= 0) { found.push({id: id, score: score, name: e.name}); }
    });
    found.sort(function (a, b) {
      return a.score - b.score || a.name.length - b.name.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
    return found;
  }

  function showResults(found, query) {
    var box = byId("kg-results");
    clear(box);
    box.hidden = found.length === 1 || !String(query).trim();
    if (box.hidden) { return; }
    if (!found.length) {
      box.appendChild(el("span", "No name matches \u201c" + query + "\u201d."));
      return;
    }
    box.appendChild(el("span", found.length + " matches:", "kg-muted"));
    found.slice(0, 15).forEach(function (f) {
      var button = el("button", f.name, "kg-link");
      button.type = "button";
      button.addEventListener("click", function () { focusNode(f.id); });
      box.appendChild(button);
    });
  }

  function search(query) {
    var found = findMatches(query);
    showResults(found, query);
    if (found.length) { focusNode(found[0].id); }
    return found.map(function (f) { return f.id; });
  }

  function focusNode(id) {
    var n = nodes.get(id);
    if (!n) { return false; }
    if (n.hidden) { resetFilters(); }
    network.selectNodes([id]);
    network.focus(id, {scale: 1.2, animation: {duration: 400, easingFunction: "easeInOutQuad"}});
    showEntity(id);
    return true;
  }

  // ------------------------------------------------------------ side panel
  function docTitle(docId) {
    var d = DATA.documents[docId];
    return d && d.headline ? docId + " \u300a" + d.headline + "\u300b" : docId;
  }

  function addField(dl, key, value) {
    if (value === null || value === undefined || value === "") { return; }
    if (Array.isArray(value)) {
      if (!value.length) { return; }
      value = value.join("\u3001");
    }
    dl.appendChild(el("dt", key));
    dl.appendChild(el("dd", value));
  }

  function entityLink(id) {
    var e = ENT[id], name = e ? e.name : id;
    if (nodes.get(id)) {
      var button = el("button", name, "kg-link");
      button.type = "button";
      button.addEventListener("click", function () { focusNode(id); });
      return button;
    }
    return el("span", name + " (not drawn)", "kg-muted");
  }

  function evidenceList(evidence) {
    var list = el("ul", null, "kg-evidence");
    evidence.forEach(function (ev) {
      var item = el("li");
      if (ev.sentence === null) {
        item.appendChild(el("span", "from knowledge (gazetteer), not from a sentence", "kg-muted"));
      } else {
        item.appendChild(el("q", ev.sentence));
      }
      if (ev.doc !== null) { item.appendChild(el("span", " \u2014 " + docTitle(ev.doc), "kg-doc-ref")); }
      list.appendChild(item);
    });
    return list;
  }

  function relationItem(i, outgoing) {
    var r = DATA.relations[i], item = el("li"), head = el("div");
    if (outgoing) {
      head.appendChild(el("span", r.p + " \u2192 ", "kg-pred"));
      head.appendChild(entityLink(r.o));
    } else {
      head.appendChild(entityLink(r.s));
      head.appendChild(el("span", " \u2192 " + r.p + " \u2192 this", "kg-pred"));
    }
    if (r.role) { head.appendChild(el("span", " (role: " + r.role + ")", "kg-muted")); }
    item.appendChild(head);
    item.appendChild(evidenceList(r.evidence));
    return item;
  }

  function metricItem(m) {
    var item = el("li"), dl = el("dl");
    item.appendChild(el("div", m.indicator, "kg-metric-name"));
    addField(dl, "value", m.value);
    addField(dl, "unit", m.unit);
    addField(dl, "as written", m.raw);
    addField(dl, "year", m.year);
    addField(dl, "period", m.period);
    addField(dl, "change", m.change === null ? null : m.change + " %");
    addField(dl, "change (abs.)", m.changeAbs);
    addField(dl, "status", m.status);
    addField(dl, "approximate", m.approximate);
    item.appendChild(dl);
    item.appendChild(evidenceList([m.evidence]));
    return item;
  }

  function addList(panel, title, items) {
    if (!items.length) { return; }
    panel.appendChild(el("h3", title + " (" + items.length + ")"));
    var list = el("ul");
    items.forEach(function (item) { list.appendChild(item); });
    panel.appendChild(list);
  }

  function typeBadge(type) {
    var info = typeInfo[type], badge = el("span", info ? info.title : type, "kg-badge");
    badge.style.backgroundColor = info ? info.color : "#888";
    return badge;
  }

  function showEntity(id) {
    var e = ENT[id], panel = byId("kg-panel");
    if (!e) { return; }
    clear(panel);
    panel.appendChild(el("h2", e.name));
    panel.appendChild(typeBadge(e.type));
    var dl = el("dl");
    addField(dl, "type", e.type);
    addField(dl, "subtype", e.subtype);
    addField(dl, "id", id);
    addField(dl, "adcode", e.notation);
    addField(dl, "aliases", e.aliases);
    addField(dl, "titles", e.titles);
    addField(dl, "byline", e.bylineRoles);
    panel.appendChild(dl);
    addList(panel, "Documents", e.docs.map(function (d) { return el("li", docTitle(d)); }));
    addList(panel, "Relations", (outRel[id] || []).map(function (i) { return relationItem(i, true); })
      .concat((inRel[id] || []).map(function (i) { return relationItem(i, false); })));
    addList(panel, "Metrics", (DATA.metrics[id] || []).map(metricItem));
  }

  function showRelation(i) {
    var r = DATA.relations[i], panel = byId("kg-panel");
    clear(panel);
    panel.appendChild(el("h2", r.p));
    var head = el("p");
    head.appendChild(entityLink(r.s));
    head.appendChild(el("span", " \u2192 " + r.p + " \u2192 ", "kg-pred"));
    head.appendChild(entityLink(r.o));
    panel.appendChild(head);
    var dl = el("dl");
    addField(dl, "role", r.role);
    panel.appendChild(dl);
    panel.appendChild(el("h3", "Evidence"));
    panel.appendChild(evidenceList(r.evidence));
  }

  // ------------------------------------------------------------ wiring
  function fitHeight() {
    var container = byId("mynetwork");
    var top = container.getBoundingClientRect().top + window.scrollY;
    container.style.height = Math.max(320, window.innerHeight - top - 4) + "px";
    network.redraw();
  }

  // Physics only lays the graph out: once the (bounded) stabilization is
  // over it is switched off, so nothing keeps moving or burning CPU.
  function freeze() {
    network.setOptions({physics: {enabled: false}});
    window.kgStabilized = true;
  }
  window.kgStabilized = false;
  network.once("stabilizationIterationsDone", freeze);
  if (nodes.length === 0) { freeze(); }     // nothing to lay out: vis-network sends no event
  // On a large page (1,500 nodes, thousands of edges) vis-network 9.1.2 goes on past its
  // iteration budget without the event: watch the physics' own count as well.
  var settling = setInterval(function () {
    var physics = network.physics;
    if (window.kgStabilized) { clearInterval(settling); }
    else if (window.kgLayoutStopped ||
             (physics && physics.targetIterations && physics.stabilizationIterations >= physics.targetIterations)) {
      clearInterval(settling);
      freeze();
    }
  }, 250);

  network.on("click", function (params) {
    if (params.nodes.length) { showEntity(params.nodes[0]); }
    else if (params.edges.length && edgeToRel[params.edges[0]] !== undefined) { showRelation(edgeToRel[params.edges[0]]); }
  });
  byId("kg-search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    search(byId("kg-search").value);
  });
  window.addEventListener("resize", fitHeight);

  buildLegend();
  buildDocumentSelect();
  buildNameList();
  showStats();
  fitHeight();

  // For tests and the console.
  window.kg = {search: search, focus: focusNode, applyFilters: applyFilters,
               resetFilters: resetFilters, showEntity: showEntity, data: DATA};
})();
"""
