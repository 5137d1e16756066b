"""Policy instruments in the graph: which units use an instrument (the ``instrument`` filter of
``measures``), and how many units and documents use each one (``policykg instruments``).

An instrument is named by a category or an instrument of ``ontology/instruments.ttl``, in
Chinese or English, or by its id (供给型, supply, 资金投入, funding); a category stands for every
instrument under it. A unit passes with the words that are evidence of each instrument it uses,
read from its stored item, so ``matched`` shows why: ``供给型/资金投入: 财政资金、补助``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from policykg.errors import LookupFailed, NoData
from policykg.graph.matrix import NO_INSTRUMENTS, Tree, concept_ids, concept_tree
from policykg.graph.namespaces import concept_iri, short_id
from policykg.graph.sparql import Backend, run
from policykg.graph.wording import evidence_words

SCHEME = "instrument"
TOP_CUES = 5  # the cues listed beside each count


def instrument_ids(backend: Backend, value: str, tree: Tree | None = None) -> list[str]:
    """The ids of the categories or instruments ``value`` names (labels, alt labels, ids)."""
    named = concept_ids(backend, SCHEME, tree or concept_tree(backend, SCHEME), value)
    if not named:
        raise LookupFailed(SCHEME, value)
    return named


def units_using(backend: Backend, value: str) -> dict[str, list[str]]:
    """Units (IRIs) using an instrument ``value`` names, each with its reasons:
    ``资金投入: 财政资金、补助`` for the instrument asked, ``供给型/资金投入: …`` under a category."""
    tree = concept_tree(backend, SCHEME)
    reasons: dict[str, list[str]] = defaultdict(list)
    for asked in instrument_ids(backend, value, tree):
        for r in run(backend, "units_by_instrument", concept=concept_iri(asked)):
            named = short_id(r["named"].value)
            item = json.loads(r["record"].value)
            words = dict.fromkeys(
                w
                for m in item.get("instruments", [])
                if m.get("id") == named
                for w in evidence_words(m)
            )
            label = tree.concepts[named].label if named in tree.concepts else named
            if r["relation"].value != "direct":
                label = f"{tree.concepts[asked].label}/{label}"
            reasons[r["unit"].value].append(f"{label}: {'、'.join(words)}")
    return reasons


def instrument_counts(
    items: Iterable[Mapping[str, Any]], tree: Tree
) -> tuple[list[dict[str, Any]], int]:
    """Per category, then each of its instruments (in the scheme's order): how many of
    ``items`` use it (``units``), in how many documents, and the cues behind it, most used
    first. Also how many items use no instrument. ``items`` are read once, as they come: a
    whole store's need not be held at once."""
    units: dict[str, set[str]] = defaultdict(set)
    documents: dict[str, set[str]] = defaultdict(set)
    cues: dict[str, Counter[str]] = defaultdict(Counter)
    without = 0
    recorded = seen = False  # a store built before instruments were recorded has no key
    for item in items:
        seen = True
        recorded = recorded or "instruments" in item
        used = item.get("instruments") or []
        without += not used
        for m in used:
            if not m.get("id"):
                continue
            for concept in tree.ancestors(m["id"]):
                units[concept].add(item["id"])
                documents[concept].add(item["source"]["document"])
                for cue in m.get("cues") or [m.get("cue") or m["text"]]:
                    cues[concept][str(cue)] += 1
    if seen and not recorded:
        raise NoData(NO_INSTRUMENTS)
    rows = []
    for cid in sorted(tree.concepts, key=lambda c: tree.rank.get(c, len(tree.rank))):
        concept = tree.concepts[cid]
        broader = tree.broader(cid)
        category = tree.concepts[broader[0]] if broader else concept
        rows.append(
            {
                "id": cid,
                "level": "instrument" if broader else "category",
                "category": category.label_en,
                "category_zh": category.label,
                "label": concept.label_en,
                "label_zh": concept.label,
                "units": len(units[cid]),
                "documents": len(documents[cid]),
                "cues": [[cue, n] for cue, n in _most_common(cues[cid])],
            }
        )
    return rows, without


def _most_common(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_CUES]
