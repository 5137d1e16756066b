"""Exports for other tools: RDF for any triple store, a flat table for pandas and spreadsheets.

Output is deterministic: the same store gives the same bytes, whatever order the store
returns its quads in.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from pyoxigraph import NamedNode, RdfFormat, parse, serialize

from policykg.graph.namespaces import FAMILIES, ONTOLOGY_GRAPH, PREFIXES
from policykg.graph.sparql import Backend
from policykg.graph.wording import fine_label, is_fine

RDF_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld")
_LINES_PER_PIECE = 50_000


def _graphs(backend: Backend, include_ontology: bool) -> list[NamedNode]:
    """The named graphs to export, by IRI (a default graph of its own is not policykg's)."""
    return [g for g in backend.graphs() if include_ontology or g != ONTOLOGY_GRAPH]


def _lines(backend: Backend, graph: NamedNode, annotations: str | None) -> list[bytes]:
    """One graph's triples as N-Triples lines (without their line ends), in no order, with the
    Web Annotations of its mentions when asked for (a format ``export_rdf_chunks`` checked).

    The lines are the store's own (``Backend.ntriples``): sorting them as bytes sorts the
    terms as code points do, and no Python object is made per term (that took two thirds of
    an export's time)."""
    text = backend.ntriples(graph)
    lines = text.splitlines()
    if annotations is not None:
        from policykg.graph.annotations import web_annotations

        made = _serialize(web_annotations(text), RdfFormat.N_TRIPLES, None)
        lines = list(set(lines).union(made.splitlines()))
    return lines


def _nquads(lines: list[bytes], graph: NamedNode) -> bytes:
    """N-Triples ``lines`` as N-Quads lines of ``graph``."""
    end = f" {graph} .\n".encode()
    return b"".join(line[:-2] + end for line in lines)  # each line ends with " ."


def export_rdf_chunks(
    backend: Backend, fmt: str, include_ontology: bool = True, annotations: str | None = None
) -> Iterator[bytes]:
    """The graph's content in ``fmt`` (one of RDF_FORMATS), in pieces; with ``annotations="oa"``
    each document graph also gets its mentions as W3C Web Annotations (graph/annotations.py).

    Quad formats (nq, trig) go graph by graph, so memory is bounded by the largest graph, not
    by the store: a store of thousands of documents exports on a laptop. Triple formats merge
    the graphs' lines into one set, which needs them all at once (as bytes: a third of the
    memory and time that terms took).
    The output is the sorted lines, or pyoxigraph's writing of the terms read back from them in
    that order, so the bytes are stable and the literals keep the store's own lexical forms
    (rdflib would rewrite 100 as 100.0).
    """
    rdf_format = {
        "nq": RdfFormat.N_QUADS,
        "nt": RdfFormat.N_TRIPLES,
        "ttl": RdfFormat.TURTLE,
        "trig": RdfFormat.TRIG,
        "jsonld": RdfFormat.JSON_LD,
    }[fmt]
    prefixes = None if fmt in ("nq", "nt") else dict(sorted(PREFIXES.items()))
    if annotations is not None:
        from policykg.graph.annotations import ANNOTATION_FORMATS

        if annotations not in ANNOTATION_FORMATS:
            known = ", ".join(ANNOTATION_FORMATS)
            raise ValueError(f"unknown annotation format {annotations!r} (one of: {known})")
    if fmt in ("nq", "trig"):
        for graph in _graphs(backend, include_ontology):
            lines = sorted(_lines(backend, graph, annotations))
            if not lines:
                continue
            nquads = _nquads(lines, graph)
            if fmt == "nq":
                yield nquads
            else:  # TriG repeats its @prefix lines per graph: legal, and stateless
                yield _serialize(parse(nquads, format=RdfFormat.N_QUADS), rdf_format, prefixes)
        return
    merged: set[bytes] = set()
    for g in _graphs(backend, include_ontology):
        merged.update(_lines(backend, g, annotations))
    ordered = sorted(merged)
    del merged
    if fmt == "nt":  # in pieces: never the whole text at once beside its lines
        for i in range(0, len(ordered), _LINES_PER_PIECE):
            yield b"\n".join(ordered[i : i + _LINES_PER_PIECE]) + b"\n"
        return
    ntriples = b"\n".join(ordered) + b"\n" if ordered else b""
    del ordered
    yield _serialize(parse(ntriples, format=RdfFormat.N_TRIPLES), rdf_format, prefixes)


def _serialize(data: Any, rdf_format: RdfFormat, prefixes: dict[str, str] | None) -> bytes:
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
    "category",
]


def items_csv(items: list[dict[str, Any]]) -> str:
    """One row per unit × entity (a unit without entities gets one row with empty entity cells);
    an instrument's row has its Chinese label and its category (供给型, 环境型, 需求型), a
    fine's its amount and whom it fines (20000–200000 yuan (单位))."""
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
        for etype, key in FAMILIES.items():
            for m in it.get(key, []):
                rows.append(
                    {
                        **base,
                        "entity_type": etype,
                        "entity_id": m.get("id") or "",
                        "label": _label(m),
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
                        "category": m.get("category_zh") or "",
                    }
                )
        for row in rows or [base]:
            w.writerow(row)
    return buf.getvalue()


def _label(m: dict[str, Any]) -> str:
    """What a CSV row calls an entity: an instrument's Chinese name, a fine's amount and
    party, any other's label, date or words."""
    if is_fine(m):
        return fine_label(m)
    return m.get("label_zh") or m.get("label") or m.get("date") or m.get("text") or ""
