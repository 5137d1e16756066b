"""How a stored mention reads in a table, a label or a node: a fine's amount and whom it fines,
a deadline's due date, the words behind an instrument. They read the records ``graph.record``
writes, and import no part of the document model, so a query's path loads no pydantic.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from policykg.graph.namespaces import FAMILIES

FINE_AMOUNTS = ("minimum", "maximum", "multiple_min", "multiple_max")  # a fine has one of them


def fine_amount(fine: Mapping[str, Any]) -> str:
    """A fine's amount as a table shows it: 20000–200000 yuan, ≤ 5000 yuan, 2000 yuan per
    平方米, 1–3 × 违法所得 (a multiple of the base the text names)."""
    if fine.get("minimum") is not None or fine.get("maximum") is not None:
        shown = _span(fine.get("minimum"), fine.get("maximum"), " yuan")
        return f"{shown} per {fine['per']}" if fine.get("per") else shown
    of = f" × {fine.get('of') or ''}".rstrip()
    return _span(fine.get("multiple_min"), fine.get("multiple_max"), of)


def _span(low: float | None, high: float | None, unit: str) -> str:
    """low–high, ≥ low, ≤ high or one value, numbers without a needless .0."""

    def n(v: float) -> str:
        return f"{v:g}" if v < 1e6 else f"{v:.0f}"

    if low is not None and high is not None:
        return f"{n(low)}{unit}" if low == high else f"{n(low)}–{n(high)}{unit}"
    return f"≥ {n(low)}{unit}" if low is not None else f"≤ {n(high or 0)}{unit}"


def fine_label(fine: Mapping[str, Any]) -> str:
    """A fine's amount and whom it fines: 20000–200000 yuan (单位)."""
    party = fine.get("party")
    return fine_amount(fine) + (f" ({party})" if party else "")


def fine_words(fine: Mapping[str, Any]) -> str:
    """A fine as a table shows it: its words, and whom it fines when the clause says
    (二百元以上二千元以下罚款（个人）)."""
    return f"{fine['text']}（{fine['party']}）" if fine.get("party") else str(fine["text"])


def is_fine(mention: Mapping[str, Any]) -> bool:
    """Whether a mention record is a fine's: it states an amount or a multiple."""
    return any(k in mention for k in FINE_AMOUNTS)


def due(deadline: Mapping[str, Any]) -> str | None:
    """A deadline mention's ISO date, a time limit's ISO duration (P20D), or the date it comes
    back on every year or month (--03-31): what a table or a node shows for it."""
    return deadline.get("date") or deadline.get("duration") or deadline.get("recurs")


def evidence_words(mention: Mapping[str, Any]) -> list[str]:
    """The words behind an instrument mention: those at its characters, then the unit's other
    cue words (a target or deadline that is evidence has no word of its own)."""
    words = dict.fromkeys([mention["text"]])
    for cue in (mention.get("cues") or [])[1:]:
        if cue not in FAMILIES:  # a family's evidence (a target) has no word of its own
            words[cue] = None
    return list(words)
