"""When a document was in force: from the dates its own text gives and the repeals of the others.

A researcher asks which rules applied at a time ("in force in 2010"), not when they were
passed. The text of an amended act gives its history (通过, 修正, 修订 …) and the day the text as
it stands took effect (本条例自…起施行), which for a revised act is the revision's: the act
itself was in force long before. So the start is the first version's: the day the text says
it took effect when nothing amended it before that day, else a dated "took effect" event of
the first version, else the day the first version was passed (a bound: the day it took effect
is not in the text, and the answer says so). A plan or guideline with no such dates is in
force from the day it is dated. The end is the day another document of the store that repeals
it by title took effect (a newer version of the same title repeals the older; none repeals
itself); an act that nothing here repeals stays in force.

Read from the documents' listing (``graph.measures.documents``), so it is the same on the
embedded store and on any SPARQL server.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, NamedTuple

from policykg.errors import LookupFailed

# events that make a new version of an act (a second 通过 is an amendment passed)
_NEW_VERSION = ("amended", "revised")
_NOW = ("today", "now", "current", "currently")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class Span(NamedTuple):
    """When a document was in force, and why that is known."""

    start: str | None  # ISO date, None when the document says nothing of its dates
    start_why: str
    end: str | None = None
    end_why: str = ""


def spans(listing: Iterable[Mapping[str, Any]]) -> dict[str, Span]:
    """Document id -> when it was in force, for every document of ``listing`` (``docs``
    entries), each ended by the others' repeals (read once: a title -> who repeals it)."""
    docs = list(listing)
    repealed: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for other in docs:
        day = _day(other.get("effective") or other.get("date"))
        for title in other.get("repeals") or () if day else ():
            repealed[title].append((day, other["id"], other.get("title") or other["id"]))
    out = {}
    for doc in docs:
        start, why = _start(doc)
        end, end_why = None, ""
        for day, by_id, by_title in repealed.get(doc.get("title") or "", ()):
            if by_id != doc["id"] and (start is None or day > start) and (end is None or day < end):
                end, end_why = day, f"repealed by 《{by_title}》"
        out[doc["id"]] = Span(start, why, end, end_why)
    return out


def _start(doc: Mapping[str, Any]) -> tuple[str | None, str]:
    dated = [(_day(e.get("date")), e.get("event")) for e in doc.get("history") or ()]
    events = sorted(((day, kind) for day, kind in dated if day), key=lambda e: e[0])
    effective = _day(doc.get("effective"))
    later = _next_version(events)
    if effective and (later is None or effective <= later):
        return effective, "took effect"
    took = [day for day, kind in events if kind == "effective" and (later is None or day <= later)]
    if took:
        return took[0], "took effect"
    if events:
        first = events[0]
        kind = first[1] or "dated"
        note = f", this text as revised took effect {effective}" if effective else ""
        return first[0], f"{kind}; the day it first took effect is not in the text{note}"
    return _day(doc.get("date")), "dated"


def _next_version(events: list[tuple[str, str | None]]) -> str | None:
    """The day the second version of the act began: its first amendment or revision, or a
    second passing."""
    passed = False
    for day, kind in events:
        if kind in _NEW_VERSION or (kind == "passed" and passed):
            return day
        passed = passed or kind == "passed"
    return None


def _day(value: object) -> str | None:
    text = str(value or "")[:10]
    return text if _DAY.fullmatch(text) else None


def period(value: str) -> tuple[str, str]:
    """The first and last day ``value`` names: a year (2010: the whole year), an ISO date, or
    today (today, now, current)."""
    v = str(value).strip().lower()
    if v in _NOW:
        today = date.today().isoformat()
        return today, today
    if re.fullmatch(r"\d{4}", v):
        return f"{v}-01-01", f"{v}-12-31"
    try:
        day = date.fromisoformat(v).isoformat()
    except ValueError:
        raise LookupFailed(
            "date", value, "give a year (2010), an ISO date (2010-06-30) or today"
        ) from None
    return day, day


def in_force(listing: list[Mapping[str, Any]], value: str) -> dict[str, list[str]]:
    """Document id -> why it was in force at some time of ``value`` (``period``), for the
    documents of ``listing`` that were."""
    first, last = period(value)
    out: dict[str, list[str]] = {}
    for doc_id, s in spans(listing).items():
        if s.start is None or s.start > last or (s.end is not None and s.end <= first):
            continue
        reason = f"in force from {s.start} ({s.start_why})"
        if s.end:
            reason += f" until {s.end} ({s.end_why})"
        out[doc_id] = [reason]
    return out
