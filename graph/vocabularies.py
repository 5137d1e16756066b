"""Read the vocabularies in ``ontology/`` into plain dicts that extract/ components take as config.

The vocabularies are Turtle (SKOS concepts, gazetteer entries); the NLP side must not know RDF,
so this is the one place that turns them into ``{"id", "pref", "alt", ...}`` records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from policykg import data_path
from policykg.graph.namespaces import ID, short_id

ONTOLOGY_DIR = data_path("ontology")

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def ontology_files() -> list[Path]:
    """The Turtle files of ``ontology/`` that make the ontology graph (not the SHACL shapes)."""
    return [p for p in sorted(ONTOLOGY_DIR.glob("*.ttl")) if p.name != "shapes.ttl"]


def load_vocabularies(names: Iterable[str]) -> dict[str, tuple[dict[str, Any], ...]]:
    """The records of each vocabulary file in ``names``: what ``make_nlp`` takes."""
    return {name: load_terms(name) for name in names}


@cache
def load_terms(filename: str) -> tuple[dict[str, Any], ...]:
    """Every subject of ``ontology/filename`` that has a ``skos:prefLabel``, as a plain record.

    A record holds ``id``, ``iri``, ``types`` (local names), ``pref`` ({lang: label}),
    ``alt`` and ``hidden`` (label lists), ``broader`` (ids) and ``props`` ({local name: [values]})
    for every other property, values as ids or plain strings. Sorted by id, so output is stable.
    """
    path = ONTOLOGY_DIR / filename
    subjects: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"types": [], "pref": {}, "alt": [], "hidden": [], "broader": [], "props": {}}
    )
    with path.open("rb") as fh:
        for triple in parse(fh, format=RdfFormat.TURTLE, base_iri=ID):
            if not isinstance(triple.subject, NamedNode):
                continue
            rec = subjects[triple.subject.value]
            p, o = triple.predicate.value, triple.object
            value = o.value if isinstance(o, Literal) else short_id(o.value)
            if p == _RDF_TYPE:
                rec["types"].append(_local(o.value))
            elif p == _SKOS + "prefLabel" and isinstance(o, Literal):
                rec["pref"][o.language or ""] = o.value
            elif p == _SKOS + "altLabel":
                rec["alt"].append(value)
            elif p == _SKOS + "hiddenLabel":
                rec["hidden"].append(value)
            elif p == _SKOS + "broader":
                rec["broader"].append(value)
            else:
                rec["props"].setdefault(_local(p), []).append(value)
    records = []
    for iri, rec in subjects.items():
        if not rec["pref"]:
            continue
        for key in ("types", "alt", "hidden", "broader"):
            rec[key] = sorted(set(rec[key]))
        rec["props"] = {k: sorted(set(v)) for k, v in sorted(rec["props"].items())}
        records.append({"id": short_id(iri), "iri": iri, **rec})
    return tuple(sorted(records, key=lambda r: r["id"]))
