"""The ``measures`` JSON item of a unit, and the ``docs`` entry of a document, made once at build
time from the document model.

The normalised graph answers any SPARQL question, but assembling an item from it takes a dozen
joins per unit (mentions, selectors, bodies, labels, parents). Each unit therefore also carries
its item as one ``rdf:JSON`` literal (``pkg:record``): a materialised view that the CLI reads
with one lookup per unit. A document carries its ``docs`` entry the same way (its history and
issuers would otherwise be a join per event). It is derived from the same model in the same build, so it cannot
drift from the triples.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from policykg.extract.model import AHEAD, FAMILIES, Document, Mention, Unit, cues_of
from policykg.graph.wording import FINE_AMOUNTS as _FINE_AMOUNTS


def _mention(m: Mention) -> dict[str, Any]:
    a = m.attrs
    base: dict[str, Any] = {"text": m.text, "start": m.start, "end": m.end, "sentence": m.sentence}
    if m.pages is not None:  # a paged file (pdf, docx): where the mention stands in print
        base["page"] = m.pages[0]
        if m.bbox is not None:
            base["bbox"] = list(m.bbox)
    if m.type == "pollutant":
        return {"label": m.label, "label_en": a.get("label_en"), "id": m.concept, **base}
    if m.type == "region":
        out = {"label": m.label, "code": a.get("code"), "id": m.concept, **base}
        if a.get("resolved"):  # 本市 naming the document's jurisdiction
            out["resolved"] = a["resolved"]
        return out
    if m.type == "actor":
        out = {
            "label": m.label or m.text,
            "role": a.get("role") or "mentioned",
            "id": m.concept,
            **base,
        }
        if a.get("former_name"):  # 环境保护主管部门 for today's 生态环境主管部门
            out["former_name"] = a["former_name"]
        if a.get("level"):  # 省生态环境厅: the remit at the provincial level
            out["level"] = a["level"]
        if a.get("standing"):  # 以下均需…落实: named for every later task too
            out["standing"] = True
        return out
    if m.type == "deadline":
        if a.get("duration"):  # a time limit: its length and the event it runs from (dated
            # when that is the document's entry into force)
            out = {"date": a.get("date"), "duration": a["duration"]}
            if a.get("counted_from"):  # 自受理之日起: what it runs from, when the text says
                out["counted_from"] = a["counted_from"]
            if a.get("working_days"):
                out["working_days"] = True
            if a.get("certainty") == AHEAD:  # 届满三十日前: at least that long before the event
                out["ahead"] = True
            return {**out, **base}
        if a.get("recurs"):  # 每年3月31日前: a month-day (--03-31) or a day (---10)
            return {"date": None, "recurs": a["recurs"], **base}
        return {"date": a.get("date"), **base}
    if m.type == "instrument":
        return {
            "category": a.get("category"),
            "category_zh": a.get("category_zh"),
            "label": a.get("label_en"),
            "label_zh": m.label,
            "id": m.concept,
            "cue": a.get("cue"),
            "cues": cues_of(a),
            **base,
        }
    if m.type == "fine":
        return {"label": m.label, **_fine(a), **base}
    return _target(m, base)


_FINE_FACTS = (*_FINE_AMOUNTS, "of", "party", "per")


def _fine(a: Mapping[str, Any]) -> dict[str, Any]:
    """A fine's amount in yuan (``minimum``, ``maximum``) or as multiples of a base (``of``),
    whom it fines and what a sum is counted by, as far as the text says (no nulls: a fine
    has one shape or the other)."""
    return {k: a[k] for k in _FINE_FACTS if a.get(k) is not None}


def _target(m: Mention, base: dict[str, Any]) -> dict[str, Any]:
    """A target: the quantity, and what it is a target on (indicator, region, scope)."""
    a = m.attrs
    value = a.get("value")
    indicator = (
        {"id": m.concept, "label": m.label, "label_en": a.get("label_en")} if m.concept else None
    )
    region = None
    if a.get("region") or a.get("region_label"):
        region = {
            "id": a.get("region"),
            "label": a.get("region_label"),
            "code": a.get("region_code"),
        }
    return {
        "value": float(value) if value is not None else None,
        "unit": a.get("unit"),
        "comparator": a.get("comparator"),
        "direction": a.get("direction"),
        "baseline": a.get("baseline"),
        "year": a.get("year"),
        "binding": a.get("binding"),
        "indicator": indicator,
        "region": region,
        "scope": a.get("scope"),
        "subject": a.get("subject"),
        "phrase": a.get("phrase"),
        **base,
    }


def unit_record(doc: Document, unit: Unit, divisions: dict[str, Any]) -> dict[str, Any]:
    """The item of ``unit``: the JSON contract of ``policykg measures`` without ``matched``."""
    item: dict[str, Any] = {
        "id": unit.id,
        "title": unit.title,
        "kind": unit.kind,
        "number": unit.number,
        "parents": [
            {
                "type": divisions[p].type,
                "number": divisions[p].number,
                "title": divisions[p].title,
                "id": p,
            }
            for p in unit.parents
        ],
        "text": unit.text,
        "source": {
            "document": doc.id,
            "start": unit.start,
            "end": unit.end,
            "page": unit.pages[0] if unit.pages else None,
            "pages": list(unit.pages) if unit.pages else None,
            "bbox": list(unit.bbox) if unit.bbox else None,
        },
    }
    for key in FAMILIES.values():
        item[key] = []
    for m in unit.mentions:
        item[FAMILIES[m.type]].append(_mention(m))
    if unit.standing_duties:  # the bodies an earlier task note names for this unit too
        duties = (_mention_by_id(doc, mention_id) for mention_id in unit.standing_duties)
        item["standing_duties"] = [
            {**_mention(m), "unit": _unit_of(m.id)} for m in duties if m is not None
        ]
    return item


def _unit_of(mention_id: str) -> str:
    """The id of a mention's unit: a mention's id extends its unit's (``…/u-…/m-…``)."""
    return mention_id.rpartition("/m-")[0]


def _mention_by_id(doc: Document, mention_id: str) -> Mention | None:
    """The mention ``mention_id`` of ``doc``, looked for in its own unit alone, as each later
    unit names it again."""
    unit_id = _unit_of(mention_id)
    mentions = (m for u in doc.units if u.id == unit_id for m in u.mentions)
    return next((m for m in mentions if m.id == mention_id), None)


_ENCODER = msgspec.json.Encoder(order="sorted")


def dumps(record: dict[str, Any]) -> str:
    """Compact, key-sorted JSON: the same unit gives the same literal on every build. It is
    json.dumps's text (``ensure_ascii=False``, no spaces) but for a float's exponent, written
    without its sign or zero (1e16, 1e-7); msgspec writes it in a quarter of the time (17,000
    records of 100 documents: 0.9 s against 0.2 s)."""
    return _ENCODER.encode(record).decode()


def document_record(doc: Document) -> dict[str, Any]:
    """The ``docs`` entry of ``doc``, its counts included: counted once when the document is
    written, since counting them in the store joined every mention (``docs`` took 18 s at 150
    documents)."""
    return {
        "id": doc.id,
        "title": doc.title,
        "number": doc.number,
        "date": doc.date,
        "effective": doc.effective,
        "repeals": doc.repeals,
        "genre": doc.genre,
        "about": doc.about,
        "jurisdiction": doc.jurisdiction.model_dump() if doc.jurisdiction else None,
        "issuers": doc.issuers,
        "history": [e.model_dump() for e in doc.history],
        "sha256": doc.sha256,
        "format": doc.format,
        "units": len(doc.units),
        "mentions": sum(len(u.mentions) for u in doc.units),
    }
