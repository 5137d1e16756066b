"""Exports for other tools: RDF for any triple store, a flat table for pandas and spreadsheets.

Output is deterministic: the same store gives the same bytes, whatever order the store
returns its quads in.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from pyoxigraph import Quad, RdfFormat, Store, serialize

from graph.vocab import PREFIXES

RDF_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld")


def _quads(source: Any, include_ontology: bool) -> list[Quad]:
    """Every quad of an embedded Store, or of a remote server (a ``RemoteBackend``)."""
    from graph.vocab import ONTOLOGY_GRAPH

    if isinstance(source, Store):
        quads = list(source)
    else:
        rows = source.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", union=False)
        quads = [Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]
    return [q for q in quads if include_ontology or q.graph_name != ONTOLOGY_GRAPH]


def _line(q: Quad, with_graph: bool) -> str:
    parts = [str(q.subject), str(q.predicate), str(q.object)]
    if with_graph:
        parts.append(str(q.graph_name))
    return " ".join(parts) + " .\n"


def export_rdf(store: Any, fmt: str, include_ontology: bool = True) -> bytes:
    """The store's content in ``fmt`` (one of RDF_FORMATS); triples formats merge the graphs.

    pyoxigraph writes every format from quads we sort first, so the bytes are stable and the
    literals keep the store's own lexical forms (rdflib would rewrite 100 as 100.0).
    """
    quads = sorted(set(_quads(store, include_ontology)), key=lambda q: _line(q, True))
    if fmt in ("nq", "trig"):
        data: Any = quads
    else:
        triples, seen = [], set()
        for q in quads:
            if q.triple not in seen:
                seen.add(q.triple)
                triples.append(q.triple)
        data = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    rdf_format = {
        "nq": RdfFormat.N_QUADS,
        "nt": RdfFormat.N_TRIPLES,
        "ttl": RdfFormat.TURTLE,
        "trig": RdfFormat.TRIG,
        "jsonld": RdfFormat.JSON_LD,
    }[fmt]
    prefixes = None if fmt in ("nq", "nt") else dict(sorted(PREFIXES.items()))
    out = serialize(data, format=rdf_format, prefixes=prefixes)
    assert out is not None
    return out


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
