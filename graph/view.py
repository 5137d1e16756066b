"""Measure items to a plain networkx graph, for eyes rather than SPARQL.

The RDF store is what researchers query; this view is what they open in a browser
(``graph/html.py``), Gephi (GEXF) or Cytoscape (GraphML) to see how measures, pollutants,
regions and actors hang together. It reads the JSON of ``policykg measures --format json``
so it needs neither the store nor any NLP library.

Attribute names avoid ``start``/``end``: networkx's GEXF writer turns those into time spells
and marks the graph dynamic, so character offsets are ``char_start``/``char_end`` everywhere.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from policykg.graph.headings import heading, shorten
from policykg.graph.wording import due

# type -> (legend label, colour, vis-network shape, base size). Shared by the HTML page and
# the GEXF colours so that every view of the same graph looks alike.
TYPE_STYLES: dict[str, tuple[str, str, str, int]] = {
    "document": ("文件 document", "#2f3e55", "box", 30),
    "annex": ("附件 annex", "#6b5b45", "hexagon", 20),
    "volume": ("篇 part of a plan", "#2f3e55", "hexagon", 24),
    "portion": ("第…部分 part of a plan", "#2f3e55", "hexagon", 24),
    "book": ("编 book", "#2f3e55", "hexagon", 24),
    "subbook": ("分编 sub-book", "#445169", "hexagon", 22),
    "chapter": ("章 chapter", "#56657d", "hexagon", 20),
    "section": ("节 section", "#8592a6", "hexagon", 15),
    "part": ("部分 part", "#8592a6", "hexagon", 15),
    "subpart": ("分部分 subpart", "#a3aebe", "hexagon", 13),
    "point": ("条目 point", "#b8c1ce", "hexagon", 12),
    "box": ("专栏 box", "#9b7cc4", "square", 15),
    "group": ("专栏分组 box group", "#b9a3d9", "square", 11),
    # units are drawn by kind (display_type): the articles of a law are not measures
    "article": ("条 article", "#1f6fb4", "square", 11),
    "measure": ("措施 measure", "#1f77b4", "dot", 12),
    "box-item": ("专栏条目 box item", "#5b8fd0", "dot", 11),
    "paragraph": ("段落 paragraph", "#8db3df", "dot", 10),
    "pollutant": ("污染物 pollutant", "#d55e00", "diamond", 14),
    "region": ("地区 region", "#009e73", "triangle", 13),
    "actor": ("主体 actor", "#cc79a7", "square", 13),
    "deadline": ("期限 deadline", "#e69f00", "triangleDown", 13),
    "target": ("目标 target", "#d4a900", "star", 14),
}
OTHER_STYLE = ("其他 other", "#9ca3af", "dot", 10)
_UNIT_TYPES = {"article": "article", "measure": "measure", "box-item": "box-item"}

_MENTIONS = (
    # item key, node type, edge relation: the families of extract.model.FAMILIES but
    # instruments, which nearly every unit uses (15 hubs tying everything together; the
    # matrix and the instruments listing show them), and fines, sums no two units share
    ("pollutants", "pollutant", "mentions_pollutant"),
    ("regions", "region", "concerns_region"),
    ("actors", "actor", None),  # the relation is the actor's role
    ("deadlines", "deadline", "has_deadline"),
    ("targets", "target", "has_target"),
)

Attrs = dict[str, Any]


def build_view(items: list[dict], documents: list[dict]) -> nx.MultiDiGraph:
    """Build the browsable graph from measure items and document records.

    Only the documents, chapters and sections that hold one of ``items`` are drawn, each unit
    hanging from its document through its divisions, so every node has an edge;
    ``documents`` lends the documents' titles and numbers. Concepts (pollutants, regions,
    actors, deadlines by ISO date) get one node each however often they are mentioned, so
    shared concerns show up as hubs; ``units`` says how many units name a concept (or lie
    under a document or division) and ``surface_forms`` keeps every spelling that matched. Edges are keyed by relation and carry the first mention's
    offsets plus a count, so repeated mentions do not clutter the picture.
    Nodes and edges are inserted sorted, so the same input always serialises to the same bytes.
    """
    nodes: dict[str, Attrs] = {}
    edges: dict[tuple[str, str, str], Attrs] = {}
    surfaces: dict[str, set[str]] = {}  # concept -> every spelling that matched it
    naming: dict[str, set[str]] = {}  # node -> the units under it or naming it
    listing = {doc["id"]: doc for doc in documents}

    for item in items:
        doc_id = item["source"]["document"]
        doc = listing.get(doc_id, {"id": doc_id})
        _merge(nodes, doc_id, _document_attrs(doc))
        naming.setdefault(doc_id, set()).add(item["id"])
        container = doc_id
        path = []
        for parent in item.get("parents", []):
            attrs = _division_attrs(parent, doc_id)
            _merge(nodes, parent["id"], attrs)
            naming.setdefault(parent["id"], set()).add(item["id"])
            _add_edge(edges, parent["id"], container, "part_of")
            container = parent["id"]
            path.append(attrs["label"])
        _merge(nodes, item["id"], _unit_attrs(item, " › ".join(path)))
        _add_edge(edges, item["id"], container, "part_of")

        for key, node_type, relation in _MENTIONS:
            for mention in item.get(key, []):
                node_id, attrs = _mention_node(node_type, mention, item)
                _merge(nodes, node_id, attrs)
                naming.setdefault(node_id, set()).add(item["id"])
                if node_type != "target" and mention.get("text"):
                    surfaces.setdefault(node_id, set()).add(mention["text"])
                rel = relation or mention.get("role") or "involves"
                _add_edge(edges, item["id"], node_id, rel, mention)

    for node_id, forms in surfaces.items():
        nodes[node_id]["surface_forms"] = " / ".join(sorted(forms))
    for node_id, units in naming.items():
        nodes[node_id]["units"] = len(units)
    _uniform_types(nodes.values())
    _uniform_types(edges.values())
    g = nx.MultiDiGraph()
    for node_id in sorted(nodes):
        g.add_node(node_id, **dict(sorted(nodes[node_id].items())))
    for u, v, rel in sorted(edges):
        g.add_edge(u, v, key=rel, **dict(sorted(edges[u, v, rel].items())))
    return g


def write_graphml(g: nx.Graph, path: str | Path) -> None:
    """Write GraphML for Cytoscape/Gephi (key ids stay d0, d1…: node and edge keys share names)."""
    nx.write_graphml(g, str(path), encoding="utf-8", prettyprint=True)


def write_gexf(g: nx.Graph, path: str | Path) -> None:
    """Write GEXF for Gephi, coloured by node type, without the date stamp that breaks byte equality."""
    h = g.copy()
    for _, data in h.nodes(data=True):
        colour = style_for(display_type(data))[1]
        r, gr, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        data["viz"] = {"color": {"r": r, "g": gr, "b": b, "a": 1.0}}
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(h)
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    with open(path, "wb") as fh:
        writer.write(fh)


def display_type(attrs: Mapping[str, Any]) -> str:
    """The type a node is drawn as: units by their kind (article, measure…), others as typed."""
    node_type = str(attrs.get("type") or "other")
    if node_type == "unit":
        return _UNIT_TYPES.get(str(attrs.get("kind")), "paragraph")
    return node_type


def style_for(node_type: str) -> tuple[str, str, str, int]:
    """Legend label, colour, shape and size for a node type (grey dot when unknown)."""
    return TYPE_STYLES.get(node_type, OTHER_STYLE)


def _document_attrs(doc: Mapping[str, Any]) -> Attrs:
    return _scalars(
        {
            "type": "document",
            "label": doc.get("title") or doc["id"],
            "title": doc.get("title"),
            "document_number": doc.get("number"),
            "document": doc["id"],
        }
    )


def _division_attrs(parent: Mapping[str, Any], doc_id: str) -> Attrs:
    number, title = parent.get("number"), parent.get("title")
    return _scalars(
        {
            "type": parent["type"],
            "label": heading(parent) or parent["id"],
            "title": title,
            "number": number,
            "document": doc_id,
        }
    )


def _unit_attrs(item: Mapping[str, Any], path: str) -> Attrs:
    sentences = item.get("sentences") or []
    first = sentences[0]["text"] if sentences else item.get("text", "")
    source = item.get("source", {})
    return _scalars(
        {
            "type": "unit",
            "kind": item.get("kind"),
            "label": item.get("title") or _unit_label(item, first),
            "title": item.get("title"),
            "number": item.get("number"),
            "text": item.get("text"),
            "sentence": first,
            "path": path,
            "document": source.get("document"),
            "char_start": source.get("start"),
            "char_end": source.get("end"),
        }
    )


def _unit_label(item: Mapping[str, Any], first: str) -> str:
    """An untitled article is 第十二条, anything else its first sentence, shortened."""
    if item.get("kind") == "article" and item.get("number") is not None:
        return heading({"type": "article", "number": item["number"]})
    return shorten(first.rstrip("。"), 24)


def _mention_node(
    node_type: str, m: Mapping[str, Any], item: Mapping[str, Any]
) -> tuple[str, Attrs]:
    """The node a mention points at: one per concept, per ISO date, or per target mention."""
    text = m.get("text")
    if node_type == "deadline":
        key = due(m) or text
        return f"deadline/{key}", _scalars(
            {"type": "deadline", "label": key, "date": m.get("date")}
        )
    if node_type == "target":
        doc = item["source"]["document"]
        digest = hashlib.sha256(f"{item['id']}\x1f{m.get('start')}\x1f{m.get('end')}".encode())
        attrs = {
            "type": "target",
            "label": text,
            "text": text,
            "value": m.get("value"),
            "value_unit": m.get("unit"),
            "comparator": m.get("comparator"),
            "baseline": m.get("baseline"),
            "year": m.get("year"),
            "indicator": (m.get("indicator") or {}).get("label") or m.get("phrase"),
            "document": doc,
            "char_start": m.get("start"),
            "char_end": m.get("end"),
        }
        return f"{doc}/target-{digest.hexdigest()[:12]}", _scalars(attrs)
    label = m.get("label") or text
    node_id = m.get("id") or f"{node_type}/{m.get('code') or label}"
    attrs = {"type": node_type, "label": label, "concept": m.get("id")}
    if node_type == "pollutant":
        attrs["label_en"] = m.get("label_en")
    elif node_type == "region":
        attrs["code"] = m.get("code")
    return node_id, _scalars(attrs)


def _add_edge(
    edges: dict[tuple[str, str, str], Attrs],
    u: str,
    v: str,
    relation: str,
    mention: Mapping[str, Any] | None = None,
) -> None:
    edge = edges.get((u, v, relation))
    if edge is None:
        edge = {"relation": relation, "label": relation}
        if mention is not None:
            edge.update(
                _scalars(
                    {
                        "text": mention.get("text"),
                        "char_start": mention.get("start"),
                        "char_end": mention.get("end"),
                        "sentence_index": mention.get("sentence"),
                        "mentions": 0,
                    }
                )
            )
        edges[u, v, relation] = edge
    if mention is not None:
        edge["mentions"] += 1


def _merge(nodes: dict[str, Attrs], node_id: str, attrs: Attrs) -> None:
    """First value wins, but a later record may fill in what an earlier one lacked."""
    current = nodes.setdefault(node_id, {})
    for key, value in attrs.items():
        if key not in current or (key == "label" and current[key] == node_id):
            current[key] = value


def _scalars(attrs: Mapping[str, Any]) -> Attrs:
    """Drop None and stringify containers: GraphML/GEXF readers accept only scalars."""
    out: Attrs = {}
    for key, value in attrs.items():
        if value is None:
            continue
        out[key] = value if isinstance(value, str | int | float | bool) else str(value)
    return out


def _uniform_types(records: Iterable[Attrs]) -> None:
    """Give each attribute one type across records, as GraphML keys and GEXF columns require."""
    records = list(records)
    types: dict[str, set[type]] = {}
    for rec in records:
        for key, value in rec.items():
            types.setdefault(key, set()).add(type(value))
    for key, seen in types.items():
        if len(seen) < 2:
            continue
        cast: type = str if (str in seen or bool in seen) else float
        for rec in records:
            if key in rec:
                rec[key] = cast(rec[key])
