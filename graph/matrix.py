"""Units counted per row × column: which jurisdictions' rules deal with which pollutants.

Computed from the ``measures`` items (so every ``measures`` filter applies) and the documents
listing, plus the tree of each vocabulary involved (``concept_tree.rq``: skos:broader for
thesauri, pkg:within for places). A cell counts the units that name the column's concept or
one narrower than it, never a broader one: a rule on 大气污染物 is not counted as a rule on
扬尘. Rows group units by their document's jurisdiction, by the places, actors or instruments
they name, by document, or by the bodies that issued the document. Nothing here imports an NLP
library.

Measured against one aggregate SPARQL query (bench/viz.py, docs/benchmarks.md): at 150
documents the aggregate counts the unfiltered document × pollutant matrix several times
faster, but it cannot apply the `measures` filters nor hand the heatmap page the units of a
cell, and the whole command stays within a few seconds; so the items are the source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pyoxigraph import Literal

from policykg.errors import LookupFailed, NoData, PolicyKGError
from policykg.graph import measures
from policykg.graph.namespaces import FAMILIES, ID, ONTOLOGY_GRAPH, short_id
from policykg.graph.sparql import Backend, run, text

ROW_KINDS = ("jurisdiction", "region", "document", "issuer", "actor", "instrument")
COL_KINDS = ("pollutant", "region", "indicator", "actor")
_ORDERS = ("natural", "total", "cluster")
NATIONAL = "100000"  # GB/T 2260-derived datasets' code for the whole country

# the vocabulary (concept-id prefix) behind each kind of row or column
SCHEMES = {
    "jurisdiction": "region",
    "region": "region",
    "pollutant": "pollutant",
    "indicator": "indicator",
    "actor": "actor",
    "instrument": "instrument",
}
_LEVEL_DEPTH = {"country": 0, "province": 1, "city": 2, "county": 3}


@dataclass(frozen=True)
class Concept:
    id: str
    label: str
    label_en: str | None = None
    code: str | None = None
    level: str | None = None
    broader: tuple[str, ...] = ()


class Tree:
    """A vocabulary as a hierarchy (a concept may have several broader ones; cycles are cut)."""

    def __init__(self, concepts: Iterable[Concept] = ()) -> None:
        self.concepts = {c.id: c for c in concepts}
        self._up: dict[str, frozenset[str]] = {}

    def broader(self, cid: str) -> tuple[str, ...]:
        c = self.concepts.get(cid)
        return tuple(b for b in c.broader if b in self.concepts) if c else ()

    def ancestors(self, cid: str) -> frozenset[str]:
        """``cid`` and every concept above it."""
        if cid not in self._up:
            seen, todo = {cid}, [cid]
            while todo:
                for b in self.broader(todo.pop()):
                    if b not in seen:
                        seen.add(b)
                        todo.append(b)
            self._up[cid] = frozenset(seen)
        return self._up[cid]

    def depth(self, cid: str) -> int:
        """1 for a top concept, else one more than its shallowest broader concept.

        Places count by their level instead: the nation (which every province lies within)
        is 0, so that the top groups of the map are its provinces.
        """
        c = self.concepts.get(cid)
        if c is not None and c.level in _LEVEL_DEPTH:
            return _LEVEL_DEPTH[c.level]
        return self._depths.get(cid, 1)

    @cached_property
    def _depths(self) -> dict[str, int]:
        """Depths by a walk down from the top concepts (a concept in a cycle of its own is top)."""
        below: dict[str, list[str]] = defaultdict(list)
        for c in self.concepts:
            for b in self.broader(c):
                below[b].append(c)
        out = {c: 1 for c in self.concepts if not self.broader(c)}
        level = sorted(out)
        while level:
            nxt = []
            for c in level:
                for k in below[c]:
                    if k not in out:
                        out[k] = out[c] + 1
                        nxt.append(k)
            level = sorted(nxt)
        return out

    def roll_up(self, cid: str, depth: int) -> set[str]:
        """The concepts at ``depth`` or above that ``cid`` falls under (itself if shallow)."""
        out: set[str] = set()
        todo, seen = [cid], {cid}
        while todo:
            c = todo.pop()
            if self.depth(c) <= depth:
                out.add(c)
                continue
            for b in self.broader(c):
                if b not in seen:
                    seen.add(b)
                    todo.append(b)
        return out or {cid}

    def at_level(self, cid: str, level: str) -> str:
        """The place at ``level`` that holds ``cid`` (a county's city), or ``cid`` itself.

        A place at or above ``level`` stays; a county of a province-level city (北京市东城区)
        rolls up to the province when asked for cities, as no city stands between.
        """
        rank = {"province": 0, "city": 1, "county": 2}
        here = self.concepts.get(cid)
        if here is None or here.level not in rank or rank[here.level] <= rank[level]:
            return cid
        best = cid
        for a in sorted(self.ancestors(cid) - {cid}):
            up = self.concepts[a].level
            if up == level:
                return a
            if up in rank and rank[up] < rank[level]:
                best = a
        return best

    @cached_property
    def rank(self) -> dict[str, int]:
        """Depth-first order of the hierarchy: each concept just after the one above it."""
        below: dict[str, list[str]] = defaultdict(list)
        for c in self.concepts.values():
            for b in self.broader(c.id):
                below[b].append(c.id)
        out: dict[str, int] = {}

        def key(cid: str) -> tuple[str, str]:
            c = self.concepts[cid]
            return (c.code or "", c.label)

        def walk(cid: str) -> None:
            if cid in out:
                return
            out[cid] = len(out)
            for k in sorted(below[cid], key=key):
                walk(k)

        for top in sorted((c for c in self.concepts if not self.broader(c)), key=key):
            walk(top)
        return out


def concept_ids(backend: Backend, scheme: str, tree: Tree, value: str) -> list[str]:
    """The ids of the concepts of ``tree`` (the ``scheme``'s) that ``value`` names: by label
    or alt label, or by id with or without the scheme (``funding``, ``instrument/funding``),
    once each."""
    found = [short_id(n.value) for n in measures.resolve(backend, scheme, value)]
    found += [value.strip(), f"{scheme}/{value.strip()}"]
    return list(dict.fromkeys(c for c in found if c in tree.concepts))


def concept_tree(backend: Backend, scheme: str) -> Tree:
    """The concepts of ``scheme`` ('pollutant', 'region', …) the store holds, as a Tree."""
    found: dict[str, dict[str, Any]] = {}
    rows = run(backend, "concept_tree", scheme=Literal(f"{ID}{scheme}/"), g=ONTOLOGY_GRAPH)
    for r in rows:
        cid = short_id(r["concept"].value)
        c = found.setdefault(
            cid,
            {
                "label": r["label"].value,
                "label_en": text(r.get("labelEn")),
                "code": text(r.get("code")),
                "level": text(r.get("level")),
                "broader": set(),
            },
        )
        if r.get("broader") is not None and r["broader"].value.startswith(ID):
            c["broader"].add(short_id(r["broader"].value))
    return Tree(
        Concept(cid, c["label"], c["label_en"], c["code"], c["level"], tuple(sorted(c["broader"])))
        for cid, c in found.items()
    )


@dataclass
class Matrix:
    """Rows, columns and, per non-empty cell, the units and documents in it."""

    row_kind: str
    col_kind: str
    rows: list[dict[str, Any]]
    cols: list[dict[str, Any]]
    cells: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    unit_docs: dict[str, str] = field(default_factory=dict)  # unit id -> document id
    unplaced: list[str] = field(default_factory=list)  # documents with no jurisdiction known

    def count(self, row: str, col: str) -> int:
        return len(self.cells.get((row, col), ()))

    def documents(self, row: str, col: str) -> int:
        return len({self.unit_docs[u] for u in self.cells.get((row, col), ())})

    def to_json(self) -> dict[str, Any]:
        """``{rows, cols, cells}``; cells list only non-empty pairs, in row then column order."""
        return {
            "rows": [_public(r) for r in self.rows],
            "cols": [_public(c) for c in self.cols],
            "cells": [
                {
                    "row": r["id"],
                    "col": c["id"],
                    "units": self.count(r["id"], c["id"]),
                    "documents": self.documents(r["id"], c["id"]),
                }
                for r in self.rows
                for c in self.cols
                if (r["id"], c["id"]) in self.cells
            ],
        }

    def table(self) -> list[list[int]]:
        """Unit counts as a list of rows, in the current order."""
        return [[self.count(r["id"], c["id"]) for c in self.cols] for r in self.rows]

    def orders(self, only: Sequence[str] = _ORDERS) -> dict[str, dict[str, list[int]]]:
        """Each order (natural, total, cluster; or those in ``only``) as positions into the
        current rows and columns."""
        counts = self.table()
        by_col = [list(col) for col in zip(*counts, strict=True)] if counts else []
        return {
            "rows": _orders(self.rows, counts, only),
            "cols": _orders(self.cols, by_col if by_col else [[] for _ in self.cols], only),
        }

    def reordered(self, order: str) -> Matrix:
        """The same matrix with rows and columns in ``order`` ('natural', 'total', 'cluster');
        only that order is computed (clustering costs ~1 s at 1,500 rows)."""
        if order == "natural":
            return self
        o = self.orders((order,))
        return Matrix(
            self.row_kind,
            self.col_kind,
            [self.rows[i] for i in o["rows"][order]],
            [self.cols[i] for i in o["cols"][order]],
            self.cells,
            self.unit_docs,
            self.unplaced,
        )


def _public(entry: Mapping[str, Any]) -> dict[str, Any]:
    out = {"id": entry["id"], "label": entry["label"]}
    if entry.get("code"):
        out["code"] = entry["code"]
    return out


def _orders(
    entries: Sequence[Mapping[str, Any]],
    counts: Sequence[Sequence[int]],
    only: Sequence[str] = _ORDERS,
) -> dict[str, list[int]]:
    """Positions for each order asked: as they are, most counted first, similar ones together
    (by total beyond ``seriation.MAX_ROWS`` rows)."""
    natural = list(range(len(entries)))
    sums = [sum(c) for c in counts]
    by_total = sorted(natural, key=lambda i: (-sums[i], -entries[i].get("units", 0), i))
    out = {"natural": natural, "total": by_total}
    if "cluster" in only:
        # numpy, imported here: query paths read concept trees from this module too
        from policykg.graph.seriation import MAX_ROWS, cluster_order

        out["cluster"] = cluster_order(counts) if len(entries) <= MAX_ROWS else by_total
    return {k: out[k] for k in only}


def build_matrix(
    items: Sequence[Mapping[str, Any]],
    documents: Sequence[Mapping[str, Any]],
    rows: str,
    cols: str,
    trees: Mapping[str, Tree],
    *,
    depth: int | None = None,
    level: str | None = None,
    only: Sequence[str] = (),
) -> Matrix:
    """Count ``items`` by ``rows`` × ``cols`` (kinds of ``ROW_KINDS`` and ``COL_KINDS``).

    ``trees`` maps scheme names to their Tree (missing ones count as flat lists). ``depth``
    rolls column concepts up to that level of their tree (1: the top groups); ``level``
    ('province' or 'city') rolls jurisdiction and place rows up the map, and jurisdiction rows
    default to 'city'. ``only`` fixes the columns to these concept ids, in that order. Rows
    and columns come in natural order: places by code, thesaurus concepts depth first, the
    rest by label.
    """
    if rows not in ROW_KINDS or cols not in COL_KINDS:
        raise PolicyKGError(f"rows must be one of {ROW_KINDS}, columns one of {COL_KINDS}")
    docs = {d["id"]: d for d in documents}
    positions = {d["id"]: i for i, d in enumerate(documents)}
    _check_recorded(rows, items, documents)
    _check_recorded(cols, items, documents)
    row_tree = trees.get(SCHEMES.get(rows, ""), Tree())
    col_tree = trees.get(SCHEMES[cols], Tree())
    if rows == "jurisdiction":
        level = level or "city"

    row_info: dict[str, dict[str, Any]] = {}
    col_info: dict[str, dict[str, Any]] = {}
    row_units: dict[str, set[str]] = defaultdict(set)
    col_units: dict[str, set[str]] = defaultdict(set)
    cells: dict[tuple[str, str], set[str]] = defaultdict(set)
    unit_docs: dict[str, str] = {}
    fixed = list(dict.fromkeys(only))
    for cid in fixed:
        col_info[cid] = _entry(cid, cid, col_tree)

    for item in items:
        unit = item["id"]
        doc = docs.get(item["source"]["document"], {"id": item["source"]["document"]})
        unit_docs[unit] = doc["id"]
        row_keys = []
        for rid, label, code in _row_members(rows, item, doc, row_tree, level):
            row_info.setdefault(rid, _entry(rid, label, row_tree, code))
            row_units[rid].add(unit)
            row_keys.append(rid)
        named = _named(cols, item)
        if not fixed:
            for cid, label in named:
                for top in col_tree.roll_up(cid, depth) if depth else {cid}:
                    col_info.setdefault(top, _entry(top, label, col_tree))
        hit = {a for cid, _ in named for a in col_tree.ancestors(cid)} & col_info.keys()
        for cid in hit:
            col_units[cid].add(unit)
            for rid in row_keys:
                cells[rid, cid].add(unit)

    for rid, entry in row_info.items():
        entry["units"] = len(row_units[rid])
    for cid, entry in col_info.items():
        entry["units"] = len(col_units[cid])
    used = {c for _, c in cells}
    row_order = sorted(row_info.values(), key=lambda e: _natural(e, row_tree, rows, positions))
    if fixed:  # the columns asked for, in the order asked
        col_order = [col_info[c] for c in fixed]
    else:
        col_order = sorted(
            (e for e in col_info.values() if e["id"] in used),
            key=lambda e: _natural(e, col_tree, cols, positions),
        )
    unplaced = []
    if rows == "jurisdiction":
        held = set(unit_docs.values())
        unplaced = sorted(d for d in held if not (docs.get(d) or {}).get("jurisdiction"))
    return Matrix(rows, cols, row_order, col_order, dict(cells), unit_docs, unplaced)


NO_INSTRUMENTS = "the store records no policy instruments; rebuild it"


def require_instruments(items: Sequence[Mapping[str, Any]]) -> None:
    """Refuse items of a store built before instruments were recorded."""
    if items and not any("instruments" in i for i in items):
        raise NoData(NO_INSTRUMENTS)


def _check_recorded(
    kind: str, items: Sequence[Mapping[str, Any]], documents: Sequence[Mapping[str, Any]]
) -> None:
    """Refuse, in one line, a kind of row or column that the store was built without."""
    if kind == "jurisdiction" and documents and not any("jurisdiction" in d for d in documents):
        raise NoData(
            "the store records no document jurisdictions; count rows by the places units "
            "name (region), or rebuild it"
        )
    if kind == "instrument":
        require_instruments(items)
    if kind == "indicator" and items:
        targets = [t for i in items for t in i.get("targets", [])]
        if targets and not any(isinstance(t.get("indicator"), Mapping) for t in targets):
            raise NoData("the store's targets carry no indicator concepts; rebuild it")


def _row_members(
    kind: str,
    item: Mapping[str, Any],
    doc: Mapping[str, Any],
    tree: Tree,
    level: str | None,
) -> list[tuple[str, str, str | None]]:
    """The rows ``item`` belongs to, as (id, label, code)."""
    if kind == "document":
        return [(doc["id"], doc.get("title") or doc["id"], None)]
    if kind == "issuer":  # each body that issued the document (or approved it), by name
        return [(f"issuer/{name}", name, None) for name in doc.get("issuers") or ()]
    if kind == "jurisdiction":
        j = doc.get("jurisdiction")
        if not j or not j.get("code"):
            return []
        places = [(f"region/{j['code']}", j.get("label") or j["code"], j["code"])]
    elif kind == "region":
        places = [(cid, label, None) for cid, label in _named("region", item)]
    else:
        return [(cid, label, None) for cid, label in _named(kind, item)]
    out = []
    for cid, label, code in places:
        if level and code != NATIONAL:
            up = tree.at_level(cid, level)
            if up != cid:
                c = tree.concepts[up]
                cid, label, code = up, c.label, c.code
        out.append((cid, label, code))
    return out


def _named(kind: str, item: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(concept id, label) of each concept of ``kind`` that ``item`` names, once each."""
    if kind == "indicator":
        mentions = [
            t["indicator"]
            for t in item.get("targets", [])
            if isinstance(t.get("indicator"), Mapping)
        ]
    elif kind == "instrument":
        mentions = [
            {**m, "label": m.get("label_zh") or m.get("label")} for m in item.get("instruments", [])
        ]
    else:
        mentions = item.get(FAMILIES[kind], [])
    out: dict[str, str] = {}
    for m in mentions:
        label = m.get("label") or m.get("text") or ""
        cid = m.get("id") or (f"region/{m['code']}" if m.get("code") else f"{kind}/{label}")
        out.setdefault(cid, label)
    return list(out.items())


def _entry(cid: str, label: str, tree: Tree, code: str | None = None) -> dict[str, Any]:
    c = tree.concepts.get(cid)
    entry: dict[str, Any] = {"id": cid, "label": c.label if c else label}
    if c and c.label_en:
        entry["label_en"] = c.label_en
    if code or (c and c.code):
        entry["code"] = code or (c.code if c else None)
    return entry


def _natural(
    entry: Mapping[str, Any], tree: Tree, kind: str, positions: Mapping[str, int]
) -> tuple:
    """Places by code (the nation first), documents in listing order, concepts depth first."""
    if kind == "document":
        return (positions.get(entry["id"], len(positions)), entry["id"])
    code = entry.get("code") or ""
    national = 0 if code == NATIONAL else 1
    rank = tree.rank.get(entry["id"], len(tree.rank))
    return (national, code == "", code, rank, entry["label"], entry["id"])


def load_matrix(
    backend: Backend,
    filters: measures.Filters,
    rows: str,
    cols: str,
    *,
    depth: int | None = None,
    level: str | None = None,
    columns: Sequence[str] = (),
) -> tuple[Matrix, list[dict[str, Any]], list[dict[str, Any]]]:
    """The matrix of the units ``filters`` (a ``measures.Filters``) select, with those units
    and the documents listing (the heatmap page cites them). ``columns`` are labels or ids
    naming the only columns wanted."""
    docs = measures.documents(backend)
    items = measures.items(backend, filters, [d["id"] for d in docs])
    schemes = {SCHEMES[k] for k in (rows, cols) if k in SCHEMES}
    trees = {s: concept_tree(backend, s) for s in sorted(schemes)}
    only = []
    for value in columns:
        found = measures.resolve(backend, SCHEMES[cols], value)
        if not found:
            raise LookupFailed(cols, value)
        only.extend(short_id(n.value) for n in found)
    m = build_matrix(items, docs, rows, cols, trees, depth=depth, level=level, only=only)
    return m, items, docs
