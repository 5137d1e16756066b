"""What two documents share and where they differ: pollutants, places, bodies, targets and
fines."""

from __future__ import annotations

from typing import Any

from policykg.errors import LookupFailed
from policykg.graph import measures
from policykg.graph.sparql import Backend
from policykg.graph.wording import fine_label

ASPECTS = ("pollutants", "regions", "actors", "targets", "fines")


def _key(aspect: str, m: dict[str, Any]) -> str:
    if aspect == "targets":
        where = (m.get("region") or {}).get("label") or m.get("subject") or ""
        subject = where + ((m.get("indicator") or {}).get("label") or m.get("phrase") or "")
        value = m.get("value")
        value = int(value) if isinstance(value, float) and value.is_integer() else value
        return f"{subject} {m.get('comparator') or ''}{value}{m.get('unit') or ''}".strip()
    if aspect == "fines":  # the amount and whom it fines: a revision that raised it differs
        return fine_label(m)
    return str(m.get("label") or m.get("text"))


def profile(backend: Backend, doc_id: str) -> dict[str, dict[str, int]]:
    """Per aspect, each thing the document names and in how many of its units."""
    items = measures.items(backend, measures.Filters(doc=doc_id), [doc_id])
    out: dict[str, dict[str, int]] = {a: {} for a in ASPECTS}
    for it in items:
        for aspect in ASPECTS:
            for k in {_key(aspect, m) for m in it[aspect]}:
                out[aspect][k] = out[aspect].get(k, 0) + 1
    return out


def compare(backend: Backend, a: str, b: str) -> dict[str, Any]:
    """``{aspect: {"shared", "only_a", "only_b"}}`` with sorted labels, plus the two ids."""
    known = {d["id"] for d in measures.documents(backend)}
    for doc_id in (a, b):
        if doc_id not in known:
            raise LookupFailed("document", doc_id)
    pa, pb = profile(backend, a), profile(backend, b)
    result: dict[str, Any] = {"a": a, "b": b}
    for aspect in ASPECTS:
        sa, sb = set(pa[aspect]), set(pb[aspect])
        result[aspect] = {
            "shared": sorted(sa & sb),
            "only_a": sorted(sa - sb),
            "only_b": sorted(sb - sa),
        }
    return result
