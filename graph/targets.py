"""Targets across documents in time order: did the PM2.5 target tighten from one plan to the next?

Each target comes from its unit's stored item (``graph.record``), which already holds it
normalised: indicator, region, scope, value, unit, comparator, direction, baseline and target
year, binding. One stored query finds the units that state a target; the filters and the order
are applied here. ``--indicator`` takes an indicator's labels or id, an indicator group (its
indicators), or a pollutant (the indicators that measure it: PM2.5 finds 细颗粒物（PM2.5）浓度);
``--region`` follows the map (places inside it, and a macro-region's provinces and their cities);
a target that names no place applies where its document governs.

``panels`` groups the targets for a chart: one panel per indicator and kind of quantity (a
reduction in %, a level in µg/m³), one series per region or scope in it.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from policykg.errors import LookupFailed
from policykg.graph import measures
from policykg.graph.namespaces import ID, ONTOLOGY_GRAPH, short_id
from policykg.graph.sparql import Backend, run

DIRECTIONS_ZH = {"decrease": "下降", "increase": "提高", "reach": "达到", "keep": "保持"}
CHANGES = ("decrease", "increase")  # directions whose value is a change, not a level
UNSPECIFIED = "未注明 unspecified"


def targets(
    backend: Backend,
    indicator: str | None = None,
    region: str | None = None,
    doc: str | None = None,
) -> list[dict[str, Any]]:
    """Every target (of the indicator, in the region, of the document, when given) in time
    order: by the date of the document that sets it, then target year, then reading order."""
    listing = measures.documents(backend)
    documents = {d["id"]: d for d in listing}
    if doc is not None:
        doc = measures.document_named(doc, listing)  # an id, a title or a unique part of one
    indicators = indicator_ids(backend, indicator) if indicator else None
    places = place_ids(backend, region) if region else None
    rows = []
    for r in run(backend, "target_records"):
        doc_id = short_id(r["doc"].value)
        if doc is not None and doc_id != doc:
            continue
        item = json.loads(r["record"].value)
        document = documents.get(doc_id, {"id": doc_id})
        for t in item.get("targets", []):
            row = target_row(t, document)
            if indicators is not None and (row["indicator"] or {}).get("id") not in indicators:
                continue
            if places is not None and _applies_in(t, document) not in places:
                continue
            rows.append(row)
    return sorted(rows, key=_time_order)


def target_row(t: Mapping[str, Any], doc: Mapping[str, Any]) -> dict[str, Any]:
    """One target of a stored item as a row of the listing: the JSON of `policykg targets`
    (``items.TargetEntry``)."""
    place = t.get("region")
    indicator = t.get("indicator")
    return {
        "document": doc["id"],
        "doc_date": doc.get("date"),
        "indicator": (
            {k: indicator.get(k) for k in ("id", "label", "label_en")} if indicator else None
        ),
        "region": {"label": place.get("label"), "code": place.get("code")} if place else None,
        "scope": t.get("scope"),
        "value": t.get("value"),
        "unit": t.get("unit"),
        "comparator": t.get("comparator"),
        "direction": t.get("direction"),
        "baseline": t.get("baseline"),
        "year": t.get("year"),
        "binding": t.get("binding"),
        "phrase": t.get("phrase"),
        "text": t["text"],
        "source": {"document": doc["id"], "start": t["start"], "end": t["end"]},
    }


def _applies_in(target: Mapping[str, Any], doc: Mapping[str, Any]) -> str | None:
    """The region id where a target applies: its own region, else the area its document
    governs (a provincial plan's target that names no place is the province's)."""
    if (target.get("region") or {}).get("id"):
        return target["region"]["id"]
    code = (doc.get("jurisdiction") or {}).get("code")
    return f"region/{code}" if code else None


def _time_order(row: Mapping[str, Any]) -> tuple:
    date, year = row["doc_date"], row["year"]
    return (
        date is None,
        date or "",
        row["document"],
        year is None,
        year or 0,
        row["source"]["start"],
    )


def indicator_ids(backend: Backend, value: str) -> set[str]:
    """The indicator ids ``value`` names: an indicator (label, alt label or id) or a group of
    them, else the indicators measuring a pollutant it names (PM2.5, 二氧化硫, 颗粒物)."""
    from policykg.graph.matrix import concept_ids, concept_tree

    tree = concept_tree(backend, "indicator")
    named = concept_ids(backend, "indicator", tree, value)
    if named:
        return {c for c in tree.concepts if tree.ancestors(c) & set(named)}
    found: set[str] = set()
    for pollutant in measures.resolve(backend, "pollutant", value):
        rows = run(backend, "indicators_of_pollutant", concept=pollutant, g=ONTOLOGY_GRAPH)
        found.update(short_id(r["indicator"].value) for r in rows)
    if not found:
        raise LookupFailed("indicator", value)
    return found


def indicators_of(backend: Backend, pollutants: str | Sequence[str]) -> frozenset[str]:
    """The indicators measuring any of ``pollutants`` (ids or names); empty when none does
    (a question about cadmium targets then takes every target of its units)."""
    found: set[str] = set()
    for value in (pollutants,) if isinstance(pollutants, str) else pollutants:
        try:
            found |= indicator_ids(backend, value)
        except LookupFailed:
            continue
    return frozenset(found)


def place_ids(backend: Backend, value: str) -> set[str]:
    """The region ids of the places ``value`` names and every place inside them."""
    concepts = measures.resolve(backend, "region", value)
    if not concepts:
        raise LookupFailed("region", value)
    return {
        short_id(r["place"].value)
        for c in concepts
        for r in run(backend, "places_inside", concept=c)
        if r["place"].value.startswith(ID)
    }


def describe(row: Mapping[str, Any]) -> str:
    """A target in a line, as a coding sheet cell: ``京津冀 细颗粒物（PM2.5）浓度 下降 ≈25%
    （2012→2017，约束性）``. ``row`` is a listed target or a target of a stored item."""
    indicator = on_what(row)
    where = where_label(row)
    years = "→".join(str(y) for y in (row.get("baseline"), row.get("year")) if y is not None)
    notes = [years] if years else []
    if row.get("binding") is not None:
        notes.append("约束性" if row["binding"] else "预期性")
    tail = f"（{'，'.join(notes)}）" if notes else ""
    return " ".join(x for x in (where, indicator, quantity(row)) if x) + tail


def on_what(row: Mapping[str, Any]) -> str:
    """What a target is on: its indicator's label, else the text's words for it (储备林 of
    建设储备林1400万公顷), else ""."""
    return (row.get("indicator") or {}).get("label") or row.get("phrase") or ""


def where_label(row: Mapping[str, Any], jurisdiction: str | None = None) -> str:
    """Where a target applies: its region and scope, else the document's jurisdiction, else
    nothing ("")."""
    parts = [(row.get("region") or {}).get("label"), row.get("scope")]
    return " · ".join(p for p in parts if p) or jurisdiction or ""


def quantity(row: Mapping[str, Any]) -> str:
    """``下降 ≥18%``, ``达到 ≈60微克/立方米``: the direction, comparator and value of a target."""
    verb = DIRECTIONS_ZH.get(row.get("direction") or "", "")
    if row.get("value") is None:
        return f"{verb} {row.get('text') or ''}".strip()
    number = _number(float(row["value"]))
    comparator = row.get("comparator") if row.get("comparator") not in (None, "=") else ""
    return f"{verb} {comparator}{number}{row.get('unit') or ''}".strip()


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def panels(
    rows: Sequence[Mapping[str, Any]], documents: Iterable[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """The targets a chart can draw (an indicator, a value, a target year), grouped: one panel
    per indicator and quantity (a change by direction in its unit, or a level in its unit),
    one series per place (region and scope, else the document's jurisdiction) in it.

    Each point keeps its row's position in ``rows``; series points are in year order, then
    in the order of the plans that set them.
    """
    jurisdictions = {
        d["id"]: (d.get("jurisdiction") or {}).get("label") for d in documents if d.get("id")
    }
    grouped: dict[tuple[str, str, str], dict[str, list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    info: dict[tuple[str, str, str], Mapping[str, Any]] = {}
    for n, row in enumerate(rows):
        if not row.get("indicator") or row.get("value") is None or row.get("year") is None:
            continue
        if not math.isfinite(float(row["value"])):
            continue
        direction = row.get("direction") if row.get("direction") in CHANGES else "level"
        key = (row["indicator"]["id"], direction, row.get("unit") or "")
        info.setdefault(key, row["indicator"])
        series = where_label(row, jurisdictions.get(row["document"])) or UNSPECIFIED
        grouped[key][series].append(n)
    out = []
    for key in grouped:  # in the order each first comes in ``rows``: time order
        indicator, direction, unit = key
        series = [
            {
                "label": label,
                "points": sorted(members, key=lambda n: (rows[n]["year"], _time_order(rows[n]))),
            }
            for label, members in sorted(grouped[key].items())
        ]
        out.append(
            {
                "indicator": dict(info[key]),
                "direction": direction,
                "unit": unit,
                "axis": _axis_label(direction, unit),
                "series": series,
            }
        )
    return out


def _axis_label(direction: str, unit: str) -> str:
    if direction == "decrease":
        return f"下降幅度 reduction ({unit})" if unit else "下降幅度 reduction"
    if direction == "increase":
        return f"提高幅度 increase ({unit})" if unit else "提高幅度 increase"
    return f"目标值 level ({unit})" if unit else "目标值 level"
