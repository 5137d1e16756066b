"""Text units as researchers read them: the ``measures`` JSON contract, and its filters.

Each filter is a stored query that returns the units it keeps and why; filters combine with AND.
Pollutant filters follow the SKOS hierarchy both ways, region filters follow the map (places
inside a province, and with ``overlapping`` the macro-regions and rivers that cross it).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pyoxigraph import Literal, NamedNode

from graph.errors import LookupFailed
from graph.sparql import Backend, number, run, text
from graph.vocab import DOC, ID, PKG, XSD, doc_iri

_TYPES = {
    PKG.Chapter.value: "chapter",
    PKG.Section.value: "section",
    PKG.Part.value: "part",
    PKG.Box.value: "box",
    PKG.BoxGroup.value: "group",
}
_MENTION_KEYS = {
    PKG.PollutantMention.value: "pollutants",
    PKG.RegionMention.value: "regions",
    PKG.ActorMention.value: "actors",
    PKG.DeadlineMention.value: "deadlines",
    PKG.TargetMention.value: "targets",
}
_ADMIN_SUFFIX = re.compile(r"(省|市|自治区|特别行政区|壮族自治区|回族自治区|维吾尔自治区)$")


@dataclass
class Filters:
    pollutant: str | None = None
    exact: bool = False
    region: str | None = None
    overlapping: bool = False
    actor: str | None = None
    role: str | None = None
    before: str | None = None
    after: str | None = None
    doc: str | None = None
    kinds: tuple[str, ...] = ()

    def any(self) -> bool:
        return any((self.pollutant, self.region, self.actor, self.before, self.after))


@dataclass
class Selection:
    units: set[str] | None = None  # None: no filter applied yet
    why: dict[str, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(dict))

    def keep(self, name: str, reasons: dict[str, list[str]]) -> None:
        found = set(reasons)
        self.units = found if self.units is None else self.units & found
        for unit, rs in reasons.items():
            self.why[unit][name] = sorted(set(rs))


def _year_bound(value: str, upper: bool) -> str:
    """A year is inclusive (``--before 2018`` keeps 2018-12-31); an ISO date is taken as is."""
    value = value.strip()
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-12-31" if upper else f"{value}-01-01"
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise LookupFailed(
            "date", value, "give a year (2018) or an ISO date (2018-06-30)"
        ) from None


def resolve(backend: Backend, scheme: str, value: str) -> list[NamedNode]:
    """Concepts of ``scheme`` ('pollutant', 'region', 'actor') named by ``value``.

    Labels in any language, alternative labels, admin codes and concept ids all work; for
    regions a short name (湖南) also finds the full one (湖南省).
    """
    value = value.strip()
    prefix = Literal(f"{ID}{scheme}/")
    rows = run(backend, "concept_by_label", needle=Literal(value.lower()), scheme=prefix)
    found = [r["concept"] for r in rows]
    if not found and value.startswith(f"{scheme}/"):
        found = [NamedNode(ID + value)]
    if not found and scheme in ("region", "actor") and len(value) >= 2:
        needle = _ADMIN_SUFFIX.sub("", value) if scheme == "region" else value
        rows = run(backend, "concept_by_prefix", needle=Literal(needle), scheme=prefix)
        if rows:
            shortest = len(rows[0]["label"].value)
            found = [r["concept"] for r in rows if len(r["label"].value) == shortest]
    return sorted(set(found), key=lambda n: n.value)


def _labels(backend: Backend, nodes: set[str]) -> dict[str, str]:
    out = {}
    for iri in nodes:
        rows = run(backend, "concept_by_iri", concept=NamedNode(iri))
        out[iri] = text(rows[0].get("label")) if rows and rows[0].get("label") else iri
    return out


_POLLUTANT_WHY = {
    "direct": "names {named}",
    "narrower": "names {named}, a kind of {asked}",
    "broader": "names {named}, which includes {asked}",
}
_REGION_WHY = {
    "direct": "names {named}",
    "inside": "names {named}, inside {asked}",
    "overlapping": "names {named}, which covers or crosses {asked}",
}


def _by_concept(
    backend: Backend,
    scheme: str,
    value: str,
    queries: list[str],
    why: dict[str, str],
    exact: bool = False,
) -> dict[str, list[str]]:
    """Units the stored ``queries`` find for the concepts ``value`` names, with the reason.

    Each query binds ``?concept`` and returns ``?unit``, the concept ``?named`` in the unit and
    the ``?relation`` between the two (a key of ``why``).
    """
    concepts = resolve(backend, scheme, value)
    if not concepts:
        raise LookupFailed(scheme, value, f"see `policykg {scheme}s`")
    rows = [
        (c, r)
        for c in concepts
        for q in queries
        for r in run(backend, q, concept=c)
        if not exact or r["relation"].value == "direct"
    ]
    labels = _labels(backend, {c.value for c in concepts} | {r["named"].value for _, r in rows})
    reasons: dict[str, list[str]] = defaultdict(list)
    for c, r in rows:
        named, asked = labels[r["named"].value], labels[c.value]
        relation = r["relation"].value if named != asked else "direct"
        reasons[r["unit"].value].append(why[relation].format(named=named, asked=asked))
    return reasons


def select(backend: Backend, f: Filters) -> Selection:
    """The units that pass every filter, with the reasons each passed."""
    sel = Selection()
    if f.pollutant:
        reasons = _by_concept(
            backend, "pollutant", f.pollutant, ["units_by_pollutant"], _POLLUTANT_WHY, f.exact
        )
        sel.keep("pollutant", reasons)
    if f.region:
        queries = ["units_by_region"] + (["units_overlapping_region"] if f.overlapping else [])
        sel.keep("region", _by_concept(backend, "region", f.region, queries, _REGION_WHY))
    if f.actor:
        actors = resolve(backend, "actor", f.actor)
        if not actors:
            raise LookupFailed("actor", f.actor, "see `policykg actors`")
        reasons = defaultdict(list)
        labels = _labels(backend, {a.value for a in actors})
        for a in actors:
            for r in run(backend, "units_by_actor", concept=a):
                role = text(r.get("role")) or "mentioned"
                if f.role and role != f.role:
                    continue
                reasons[r["unit"].value].append(f"{labels[a.value]} ({role})")
        sel.keep("actor", reasons)
    if f.before or f.after:
        lo = _year_bound(f.after, upper=False) if f.after else "0001-01-01"
        hi = _year_bound(f.before, upper=True) if f.before else "9999-12-31"
        rows = run(
            backend,
            "units_by_deadline",
            **{"from": Literal(lo, datatype=XSD.date), "to": Literal(hi, datatype=XSD.date)},
        )
        reasons = defaultdict(list)
        for r in rows:
            reasons[r["unit"].value].append(f"{r['surface'].value} ({r['date'].value})")
        sel.keep("deadline", reasons)
    return sel


def items(backend: Backend, f: Filters, documents: list[str]) -> list[dict[str, Any]]:
    """The ``measures`` JSON items of ``documents`` that pass ``f``, in reading order."""
    sel = select(backend, f) if f.any() else Selection()
    if sel.units is not None:
        # unit ids are ``<doc id>/u-<hash>``: only documents holding a selected unit are read
        holding = {iri[len(DOC) :].rsplit("/u-", 1)[0] for iri in sel.units}
        documents = [d for d in documents if d in holding]
    out: list[dict[str, Any]] = []
    for doc_id in documents:
        if f.doc and doc_id != f.doc:
            continue
        d = doc_iri(doc_id)
        units = run(backend, "units", doc=d)
        if sel.units is not None:
            units = [u for u in units if u["unit"].value in sel.units]
        if f.kinds:
            units = [u for u in units if u["kind"].value in f.kinds]
        if not units:
            continue
        divisions = {
            r["div"].value: r for r in run(backend, "divisions", doc=d) if r["type"].value in _TYPES
        }
        mentions: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        wanted = {u["unit"].value for u in units}
        seen: set[str] = set()
        for r in run(backend, "mentions", doc=d):
            # the union default graph repeats a row per graph holding a label: keep one
            if r["unit"].value in wanted and r["m"].value not in seen:
                seen.add(r["m"].value)
                key = _MENTION_KEYS[r["type"].value]
                mentions[r["unit"].value][key].append(_mention(key, r))
        for u in units:
            iri = u["unit"].value
            item = {
                "id": iri[len(DOC) :],
                "title": text(u.get("title")),
                "kind": u["kind"].value,
                "number": number(u.get("number")),
                "parents": _parents(u["parent"].value, divisions),
                "text": u["text"].value,
                "source": {
                    "document": doc_id,
                    "start": int(u["start"].value),
                    "end": int(u["end"].value),
                },
            }
            found = mentions.get(iri, {})
            for key in ("pollutants", "regions", "actors", "deadlines", "targets"):
                item[key] = sorted(found.get(key, []), key=lambda m: (m["start"], m["end"]))
            if sel.units is not None:
                item["matched"] = sel.why.get(iri, {})
            out.append(item)
    return out


def _parents(parent: str, divisions: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    chain = []
    while parent in divisions:
        r = divisions[parent]
        chain.append(
            {
                "type": _TYPES[r["type"].value],
                "number": number(r.get("number")),
                "title": text(r.get("title")),
                "id": parent[len(DOC) :],
            }
        )
        parent = r["parent"].value
    return chain[::-1]


def _mention(key: str, r: dict[str, Any]) -> dict[str, Any]:
    body = r["body"].value
    base = {
        "text": r["surface"].value,
        "start": int(r["start"].value),
        "end": int(r["end"].value),
        "sentence": number(r.get("sentence")),
    }
    cid = body[len(ID) :] if body.startswith(ID) else None
    if key == "pollutants":
        return {
            "label": text(r.get("label")),
            "label_en": text(r.get("labelEn")),
            "id": cid,
            **base,
        }
    if key == "regions":
        return {"label": text(r.get("label")), "code": text(r.get("code")), "id": cid, **base}
    if key == "actors":
        return {
            "label": text(r.get("label")) or r["surface"].value,
            "role": text(r.get("role")) or "mentioned",
            "id": cid,
            **base,
        }
    if key == "deadlines":
        return {"date": text(r.get("date")), **base}
    return {
        "value": number(r.get("value")),
        "unit": text(r.get("unitOf")),
        "comparator": text(r.get("comparator")),
        "direction": text(r.get("direction")),
        "baseline": number(r.get("baseline")),
        "year": number(r.get("year")),
        "indicator": text(r.get("indicator")),
        "subject": text(r.get("subject")),
        **base,
    }


def documents(backend: Backend) -> list[dict[str, Any]]:
    rows = run(backend, "documents")
    return [
        {
            "id": r["id"].value,
            "title": text(r.get("title")),
            "number": text(r.get("number")),
            "date": text(r.get("date")),
            "genre": text(r.get("genre")),
            "sha256": text(r.get("sha")),
        }
        for r in rows
    ]


def document_summaries(backend: Backend) -> list[dict[str, Any]]:
    """``documents`` with issuers and counts of units and mentions."""
    counts = {r["doc"].value: r for r in run(backend, "document_counts")}
    out = []
    for d in documents(backend):
        c = counts.get(DOC + d["id"], {})
        issuers = text(c.get("issuers")) or ""
        out.append(
            {
                **d,
                "issuers": sorted(i for i in issuers.split("|") if i),
                "units": number(c.get("units")) or 0,
                "mentions": number(c.get("mentions")) or 0,
            }
        )
    return out
