"""A networkx graph as ONE self-contained interactive HTML page (vis-network).

Researchers open these pages from disk, mail them around and view them behind firewalls, so
the page loads nothing over the network: vis-network's JS and CSS are inlined from the
installed pyvis package, and a Content-Security-Policy forbids any fetch. pyvis's templates
are not used (``in_line`` still fetches Bootstrap over the network and ``local`` writes
``lib/`` into the working directory), nor its ``Network`` builder, whose id checks scan lists
(16 s for 20,000 nodes): the node and edge records are plain dicts made here.

Document text is data, never markup: the graph travels as JSON inside a
``<script type="application/json">`` block with ``<``, ``>``, ``&`` and U+2028/2029 escaped,
and the page script puts it into the DOM only through ``textContent``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any, get_args

import jinja2
import networkx as nx
from markupsafe import Markup

from policykg import data_path
from policykg.extract.model import DivisionType
from policykg.graph.headings import shorten
from policykg.graph.view import TYPE_STYLES, display_type, style_for

VIS_DIR = "templates/lib/vis-9.1.2"
FONT_STACK = '"Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", sans-serif'
TEMPLATES = data_path("graph", "templates")
LABEL_LIMIT = 16  # characters drawn on the canvas; the details panel shows the full label
FOLDED_LABEL_LIMIT = 12  # a folded document's box: the title's head and its count of units
DENSE_NODES = 300  # above this, over several documents, each document is folded into a cluster
_DIVISIONS = frozenset(get_args(DivisionType))

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_ROLE_EDGE = "#b0548f"
_PART_OF_EDGE = "rgba(100, 116, 139, 0.45)"


def render_html(g: nx.Graph, title: str) -> str:
    """Render ``g`` as a standalone page: legend with type filters, search, details panel."""
    data = graph_data(g, title)
    vis_js, vis_css = _vis_assets()
    return render_page("page", title, data, scripts=[vis_js], styles=[vis_css])


def render_page(
    name: str, title: str, data: Any, scripts: Sequence[str] = (), styles: Sequence[str] = ()
) -> str:
    """``templates/{name}.html`` (on ``base.html``) with ``data`` as escaped JSON, the given
    library code before ``{name}.js`` and ``base.css``, ``{name}.css`` after ``styles``."""
    own = [(TEMPLATES / f"{name}.js").read_text(encoding="utf-8")]
    sheets = [(TEMPLATES / f"{n}.css").read_text(encoding="utf-8") for n in ("base", name)]
    js = [inline_code(code, "script") for code in [*scripts, *own]]
    css = [inline_code(code, "style") for code in [*styles, *sheets]]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True
    )
    return env.get_template(f"{name}.html").render(
        title=title,
        csp=content_security_policy(js),
        data_json=Markup(json_for_script(data)),
        scripts=[Markup(code) for code in js],
        styles=[Markup(code) for code in css],
    )


def graph_data(g: nx.Graph, title: str) -> dict[str, Any]:
    """The JSON the page runs on: vis node/edge records, full attributes, legend and options.

    A dense graph (more than ``DENSE_NODES`` nodes over several documents) also carries one
    cluster per document: the page folds each document's divisions, units and targets into
    one box that a click opens, laid out around it by the offsets of ``_radial_offsets``.
    """
    vis_nodes: list[dict[str, Any]] = []
    vis_edges: list[dict[str, Any]] = []
    attrs: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = {}
    documents = sorted(str(n) for n, d in g.nodes(data=True) if d.get("type") == "document")
    dense = g.number_of_nodes() > DENSE_NODES and len(documents) > 1
    for node, raw in g.nodes(data=True):
        node_id = str(node)
        a = {str(k): _plain(v) for k, v in raw.items()}
        a["type"] = display_type(a)
        a["label"] = str(a.get("label") or node_id)
        attrs[node_id] = a
        counts[a["type"]] = counts.get(a["type"], 0) + 1

    clusters = []
    home: dict[str, str] = {}
    offsets: dict[str, tuple[float, float]] = {}
    if dense:
        below = _tree_below(g)
        for doc in documents:
            placed = _radial_offsets(doc, below, attrs)
            del placed[doc]
            if not any(
                v not in placed and v != doc for u in placed for v in nx.all_neighbors(g, u)
            ):
                continue  # folded, it would have no edge at all: it stays open
            offsets.update(placed)
            home.update(dict.fromkeys(placed, doc))
            clusters.append({"document": doc, "units": attrs[doc].get("units", 0)})
    folded = {c["document"] for c in clusters}
    for node_id, a in attrs.items():
        record = _vis_node(a)
        if node_id in folded:
            record["label"] = f"{shorten(a['label'], FOLDED_LABEL_LIMIT)} ({a.get('units', 0)})"
            record["font"]["size"] = 14
        if node_id in home:
            record["cid"] = home[node_id]
            record["dx"], record["dy"] = offsets[node_id]
        vis_nodes.append({**record, "id": node_id})

    if g.is_multigraph():
        edge_list = [(u, v, d.get("relation") or k) for u, v, k, d in g.edges(keys=True, data=True)]
    else:
        edge_list = [(u, v, d.get("relation") or d.get("label")) for u, v, d in g.edges(data=True)]
    for i, (u, v, relation) in enumerate(edge_list):
        target_type = attrs[str(v)]["type"]
        edge = _vis_edge(i, str(relation or ""), target_type)
        if dense:
            edge.pop("label", None)  # thousands of role labels are noise: the tooltip has them
        edge.update({"from": str(u), "to": str(v)})
        if g.is_directed():
            edge["arrows"] = "to"
        vis_edges.append(edge)

    known = [t for t in TYPE_STYLES if t in counts]
    types = known + sorted(t for t in counts if t not in TYPE_STYLES)
    legend = []
    for t in types:
        label, colour, shape, _ = style_for(t)
        legend.append(
            {"type": t, "label": label, "color": colour, "shape": shape, "count": counts[t]}
        )
    visible = g.number_of_nodes() - len(home)
    return {
        "title": title,
        "types": legend,
        "nodes": vis_nodes,
        "edges": vis_edges,
        "attrs": attrs,
        "clusters": clusters,
        "options": _vis_options(visible, dense),
    }


def _tree_below(g: nx.Graph) -> dict[str, list[str]]:
    """What hangs under each node: divisions and units (part_of), a unit's targets."""
    below: dict[str, list[str]] = {}
    edges = g.edges(keys=True) if g.is_multigraph() else ((u, v, None) for u, v in g.edges())
    for u, v, key in edges:
        relation = key if key is not None else g.edges[u, v].get("relation")
        if relation == "part_of":
            below.setdefault(str(v), []).append(str(u))
        elif relation == "has_target":
            below.setdefault(str(u), []).append(str(v))
    return below


def _radial_offsets(
    root: str, below: dict[str, list[str]], attrs: dict[str, dict[str, Any]]
) -> dict[str, tuple[float, float]]:
    """A radial tree around ``root`` (which sits at 0, 0): leaves spread evenly on the outer
    ring in reading order, each division at the middle of its leaves, one ring per level."""
    depth: dict[str, int] = {root: 0}
    leaves: list[str] = []
    span: dict[str, tuple[int, int]] = {}

    def start(node: str) -> tuple[float, str]:
        return (float(attrs.get(node, {}).get("char_start", math.inf)), node)

    def walk(node: str) -> None:
        first = len(leaves)
        kids = [k for k in below.get(node, []) if k not in depth]
        for k in sorted(kids, key=start):
            depth[k] = depth[node] + 1
            walk(k)
        if not kids:
            leaves.append(node)
        span[node] = (first, len(leaves) - 1)

    walk(root)
    rings = max(depth.values()) or 1
    step = max(110.0, 30.0 * len(leaves) / (2 * math.pi * rings))
    out: dict[str, tuple[float, float]] = {}
    for node, d in depth.items():
        lo, hi = span[node]
        angle = math.pi * (lo + hi) / max(1, len(leaves))
        r = d * step
        out[node] = (round(r * math.cos(angle), 1), round(r * math.sin(angle), 1))
    return out


def json_for_script(data: Any) -> str:
    """JSON that is safe inside a <script> element: nothing in it can close or open a tag."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in _JSON_ESCAPES.items():
        text = text.replace(char, escape)
    return text


def _vis_node(a: dict[str, Any]) -> dict[str, Any]:
    _, colour, shape, size = style_for(a["type"])
    node: dict[str, Any] = {
        "label": shorten(a["label"], LABEL_LIMIT),
        "shape": shape,
        "type": a["type"],
        "color": {
            "background": colour,
            "border": _darker(colour),
            "highlight": {"background": colour, "border": "#111827"},
            "hover": {"background": colour, "border": "#111827"},
        },
    }
    if shape == "box":
        node["font"] = {"color": "#ffffff", "size": 16, "strokeWidth": 0}
        node["margin"] = 10
    elif "kind" not in a and a["type"] not in _DIVISIONS:
        # Concepts named by many units grow (area, not radius, follows the count), and so
        # does their label, so that hubs stand out at a glance.
        grow = min(16.0, 3.0 * math.sqrt(max(0, int(a.get("units", 1)) - 1)))
        node["size"] = round(size + grow, 1)
        node["font"] = {"size": round(14 + grow / 2)}
    else:
        node["size"] = size
    return node


def _vis_edge(index: int, relation: str, target_type: str) -> dict[str, Any]:
    edge: dict[str, Any] = {"id": f"e{index}", "relation": relation}
    if relation == "part_of":
        edge["color"] = {"color": _PART_OF_EDGE, "highlight": "#334155", "hover": "#334155"}
    elif target_type == "actor":
        # An actor's role (lead, participant…) is the one edge label worth drawing.
        edge["label"] = relation
        edge["color"] = {"color": _ROLE_EDGE, "highlight": "#111827", "hover": "#111827"}
    else:
        colour = style_for(target_type)[1]
        edge["color"] = {"color": _rgba(colour, 0.5), "highlight": colour, "hover": colour}
    return edge


def _vis_options(n_nodes: int, folded: bool = False) -> dict[str, Any]:
    """Physics that settles fast and is then switched off by the page (bounded iterations).

    Folded documents are boxes with labels: they repel harder and keep further apart.
    """
    iterations = 400 if n_nodes <= 300 else max(80, 120_000 // n_nodes)
    big = n_nodes > 500
    return {
        "autoResize": True,
        "layout": {"improvedLayout": n_nodes <= 150, "randomSeed": 7},
        "nodes": {
            "borderWidth": 1,
            "borderWidthSelected": 3,
            "font": {
                "face": FONT_STACK,
                "size": 16,
                "color": "#1f2937",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {
            "smooth": False,
            "width": 1,
            "selectionWidth": 2,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "font": {
                "face": FONT_STACK,
                "size": 12,
                "color": "#8a3b6f",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -160 if folded else -80,
                "centralGravity": 0.015,
                "springLength": 110 if folded else 70,
                "springConstant": 0.08,
                "damping": 0.5,
                "avoidOverlap": 1.0 if folded else 0.6,
            },
            "maxVelocity": 60,
            "minVelocity": 1,
            "timestep": 0.5,
            "stabilization": {
                "enabled": True,
                "iterations": iterations,
                "updateInterval": 20,
                "fit": True,
            },
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": False,
        },
    }


@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network JS and CSS as shipped inside the installed pyvis package."""
    base = resources.files("pyvis").joinpath(VIS_DIR)
    js = base.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = base.joinpath("vis-network.css").read_text(encoding="utf-8")
    return js, css


def inline_code(code: str, tag: str) -> str:
    """Refuse code that would end its inline element early (or, via ``<!--``, never end it)."""
    lowered = code.lower()
    for bad in (f"</{tag}", "<!--"):
        if bad in lowered:
            raise ValueError(f"cannot inline code that contains {bad!r}")
    return code


def content_security_policy(scripts: list[str]) -> str:
    """Allow exactly our inline scripts (by hash) and no network access at all."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'"
    )


def _plain(value: Any) -> Any:
    """Scalars pass; NaN/inf and containers become strings, since JSON.parse rejects NaN."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def _darker(colour: str, factor: float = 0.75) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (r, g, b)))


def _rgba(colour: str, alpha: float) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha})"
