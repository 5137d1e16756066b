"""Exports for other tools: RDF for any triple store, a flat table for pandas and spreadsheets.

Output is deterministic: the same store gives the same bytes. N-Triples and N-Quads are sorted
lines; Turtle, TriG and JSON-LD are written by rdflib, whose serialisers sort subjects.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from pyoxigraph import Quad, Store

from graph.vocab import PREFIXES

RDF_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld")


def _quads(store: Store, include_ontology: bool) -> list[Quad]:
    from graph.vocab import ONTOLOGY_GRAPH

    return [q for q in store if include_ontology or q.graph_name != ONTOLOGY_GRAPH]


def _line(q: Quad, with_graph: bool) -> str:
    parts = [str(q.subject), str(q.predicate), str(q.object)]
    if with_graph:
        parts.append(str(q.graph_name))
    return " ".join(parts) + " .\n"


def export_rdf(store: Store, fmt: str, include_ontology: bool = True) -> bytes:
    """The store's content in ``fmt`` (one of RDF_FORMATS); triples formats merge the graphs."""
    quads = _quads(store, include_ontology)
    if fmt == "nq":
        return "".join(sorted({_line(q, True) for q in quads})).encode("utf-8")
    if fmt == "nt":
        return "".join(sorted({_line(q, False) for q in quads})).encode("utf-8")
    import rdflib

    nquads = "".join(sorted({_line(q, True) for q in quads}))
    ds = rdflib.Dataset()
    ds.parse(data=nquads, format="nquads")
    for prefix, iri in sorted(PREFIXES.items()):
        ds.bind(prefix, iri)
    if fmt == "trig":
        return ds.serialize(format="trig").encode("utf-8")
    merged = rdflib.Graph()
    for prefix, iri in sorted(PREFIXES.items()):
        merged.bind(prefix, iri)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    if fmt == "ttl":
        return merged.serialize(format="turtle").encode("utf-8")
    if fmt == "jsonld":
        context = dict(sorted(PREFIXES.items()))
        return merged.serialize(format="json-ld", context=context, indent=1).encode("utf-8")
    raise ValueError(fmt)


CSV_COLUMNS = [
    "document",
    "unit_id",
    "kind",
    "title",
    "chapter",
    "section",
    "unit_start",
    "unit_end",
    "entity_type",
    "entity_id",
    "label",
    "surface",
    "role",
    "date",
    "value",
    "unit",
    "comparator",
    "baseline",
    "year",
    "start",
    "end",
]
_SINGULAR = {
    "pollutants": "pollutant",
    "regions": "region",
    "actors": "actor",
    "deadlines": "deadline",
    "targets": "target",
}


def items_csv(items: list[dict[str, Any]]) -> str:
    """One row per unit × entity (a unit without entities gets one row with empty entity cells)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    for it in items:

        def parent(kind: str, it: dict[str, Any] = it) -> str:
            p = next((p for p in it["parents"] if p["type"] == kind), None)
            return "" if p is None else f"{p['number'] or ''} {p['title'] or ''}".strip()

        base = {
            "document": it["source"]["document"],
            "unit_id": it["id"],
            "kind": it["kind"],
            "title": it["title"],
            "chapter": parent("chapter"),
            "section": parent("section"),
            "unit_start": it["source"]["start"],
            "unit_end": it["source"]["end"],
        }
        rows = []
        for key, etype in _SINGULAR.items():
            for m in it.get(key, []):
                rows.append(
                    {
                        **base,
                        "entity_type": etype,
                        "entity_id": m.get("id") or "",
                        "label": m.get("label") or m.get("date") or m.get("text"),
                        "surface": m.get("text"),
                        "role": m.get("role") or "",
                        "date": m.get("date") or "",
                        "value": "" if m.get("value") is None else m["value"],
                        "unit": m.get("unit") or "",
                        "comparator": m.get("comparator") or "",
                        "baseline": "" if m.get("baseline") is None else m["baseline"],
                        "year": "" if m.get("year") is None else m["year"],
                        "start": m["start"],
                        "end": m["end"],
                    }
                )
        for row in rows or [base]:
            w.writerow(row)
    return buf.getvalue()
