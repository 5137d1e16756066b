"""A networkx graph as ONE self-contained interactive HTML page (vis-network).

Researchers open these pages from disk, mail them around and view them behind firewalls, so
the page loads nothing over the network: vis-network's JS and CSS are inlined from the
installed pyvis package, and a Content-Security-Policy forbids any fetch. pyvis builds the
node and edge records, but its own templates are not used: ``in_line`` still fetches Bootstrap
over the network and ``local`` writes ``lib/`` into the working directory.

Document text is data, never markup: the graph travels as JSON inside a
``<script type="application/json">`` block with ``<``, ``>``, ``&`` and U+2028/2029 escaped,
and the page script puts it into the DOM only through ``textContent``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from functools import cache
from importlib import resources
from typing import Any

import jinja2
import networkx as nx
from markupsafe import Markup
from pyvis.network import Network

from policykg import data_path
from policykg.graph.view import TYPE_STYLES, style_for

VIS_DIR = "templates/lib/vis-9.1.2"
FONT_STACK = '"Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", sans-serif'
TEMPLATES = data_path("graph", "templates")
LABEL_LIMIT = 18  # characters drawn on the canvas; the details panel shows the full label

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
    page_js = (TEMPLATES / "page.js").read_text(encoding="utf-8")
    page_css = (TEMPLATES / "page.css").read_text(encoding="utf-8")
    scripts = [_inline(vis_js, "script"), _inline(page_js, "script")]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True
    )
    return env.get_template("page.html").render(
        title=title,
        csp=_content_security_policy(scripts),
        data_json=Markup(json_for_script(data)),
        vis_js=Markup(scripts[0]),
        page_js=Markup(scripts[1]),
        vis_css=Markup(_inline(vis_css, "style")),
        page_css=Markup(_inline(page_css, "style")),
    )


def graph_data(g: nx.Graph, title: str) -> dict[str, Any]:
    """The JSON the page runs on: vis node/edge records, full attributes, legend and options."""
    net = Network(directed=g.is_directed())
    attrs: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = {}
    degree = dict(g.degree())
    for node, raw in g.nodes(data=True):
        node_id = str(node)
        a = {str(k): _plain(v) for k, v in raw.items()}
        a.setdefault("type", "other")
        a["label"] = str(a.get("label") or node_id)
        attrs[node_id] = a
        counts[a["type"]] = counts.get(a["type"], 0) + 1
        net.add_node(node_id, **_vis_node(node_id, a, degree[node]))

    if g.is_multigraph():
        edge_list = [(u, v, d.get("relation") or k) for u, v, k, d in g.edges(keys=True, data=True)]
    else:
        edge_list = [(u, v, d.get("relation") or d.get("label")) for u, v, d in g.edges(data=True)]
    for i, (u, v, relation) in enumerate(edge_list):
        target_type = attrs[str(v)]["type"]
        net.add_edge(str(u), str(v), **_vis_edge(i, str(relation or ""), target_type))

    known = [t for t in TYPE_STYLES if t in counts]
    types = known + sorted(t for t in counts if t not in TYPE_STYLES)
    legend = []
    for t in types:
        label, colour, shape, _ = style_for(t)
        legend.append(
            {"type": t, "label": label, "color": colour, "shape": shape, "count": counts[t]}
        )
    return {
        "title": title,
        "types": legend,
        "nodes": net.nodes,
        "edges": net.edges,
        "attrs": attrs,
        "options": _vis_options(g.number_of_nodes()),
    }


def json_for_script(data: Any) -> str:
    """JSON that is safe inside a <script> element: nothing in it can close or open a tag."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in _JSON_ESCAPES.items():
        text = text.replace(char, escape)
    return text


def _vis_node(node_id: str, a: dict[str, Any], degree: int) -> dict[str, Any]:
    _, colour, shape, size = style_for(a["type"])
    node: dict[str, Any] = {
        "label": _shorten(a["label"], LABEL_LIMIT),
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
    else:
        # Concepts mentioned by many measures grow, so hubs stand out at a glance.
        node["size"] = round(size + min(14.0, 2.5 * math.sqrt(max(0, degree - 1))), 1)
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


def _vis_options(n_nodes: int) -> dict[str, Any]:
    """Physics that settles fast and is then switched off by the page (bounded iterations)."""
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
                "gravitationalConstant": -80,
                "centralGravity": 0.015,
                "springLength": 70,
                "springConstant": 0.08,
                "damping": 0.5,
                "avoidOverlap": 0.6,
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


def _inline(code: str, tag: str) -> str:
    """Refuse code that would end its inline element early (or, via ``<!--``, never end it)."""
    lowered = code.lower()
    for bad in (f"</{tag}", "<!--"):
        if bad in lowered:
            raise ValueError(f"cannot inline code that contains {bad!r}")
    return code


def _content_security_policy(scripts: list[str]) -> str:
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


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _darker(colour: str, factor: float = 0.75) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (r, g, b)))


def _rgba(colour: str, alpha: float) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha})"
