"""Cue words from the vocabularies, matched leftmost-longest against text.

A cue is written in ``ontology/*.ttl`` as a researcher would read it: the words as written
(``排污许可``), or with ``…`` standing for a few characters of the same clause (``细颗粒物…浓度``
also finds 细颗粒物未达标地级及以上城市浓度; a hit keeps what each gap held). Negative cues are longer words that contain a cue but
do not count (``自由贸易试验区`` is no evidence of trade policy); they take part in the matching
like any cue, so a negative that covers a cue hides it. ASCII letters match in either case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from policykg.extract.layout import IDEOGRAPHS
from policykg.extract.prefilter import may_start

GAP = "…"
MAX_GAP = 16
"""At most this many characters stand for one ``…``; a gap never crosses a clause end."""
_GAP_RE = f"[^，,；;。：:！!？?\n]{{0,{MAX_GAP}}}?"


@dataclass(frozen=True)
class Hit:
    """One cue found: exact offsets and the key (concept id) the cue belongs to."""

    start: int
    end: int
    key: str
    cue: str
    gaps: tuple[str, ...] = ()
    """What each ``…`` of the cue stood for, in order."""


def _regex(cue: str, capture: bool = False) -> str:
    gap = f"({_GAP_RE})" if capture else _GAP_RE
    return gap.join(re.escape(part) for part in cue.split(GAP))


def _grouped(cues: list[str]) -> list[str]:
    """The alternatives of ``cues`` (in order), those starting with the same ideograph as one
    group behind it: the engine tries alternatives one by one, so a group rules out all of its
    cues with one test of their first character. An ideograph has no case, so no cue outside
    its group matches where it stands, and the order of the cues that can match is kept."""
    groups: dict[str, list[str]] = {}
    out: list[str | list[str]] = []  # an alternative, or a group: its ideograph, then the rests
    for cue in cues:
        if IDEOGRAPHS.fullmatch(cue[0]) is None:
            out.append(_regex(cue))
            continue
        if cue[0] not in groups:
            out.append(groups.setdefault(cue[0], [cue[0]]))
        groups[cue[0]].append(_regex(cue[1:]))
    return [a if isinstance(a, str) else f"{a[0]}(?:{'|'.join(a[1:])})" for a in out]


class CueMatcher:
    """Every cue of every key in one alternation, longest first, so the longest cue wins."""

    def __init__(self, cues: Iterable[tuple[str, str]], negatives: Iterable[str] = ()) -> None:
        """cues: ``(cue, key)`` pairs; negatives: words that hide the cues they contain."""
        entries: dict[str, str | None] = {}
        for cue, key in cues:
            if cue.strip(GAP):  # a gap at either end would only widen the match
                entries.setdefault(cue.strip(GAP), key)
        for word in negatives:
            if word.strip(GAP):
                entries[word.strip(GAP)] = None  # a negative outranks a cue written the same
        # longest literal first: Python's alternation takes the first alternative that matches
        self._order = sorted(entries.items(), key=lambda e: (-len(e[0].replace(GAP, "")), e[0]))
        self._literal = {c.lower(): k for c, k in self._order if GAP not in c}
        self._gapped = [
            (re.compile(_regex(c, capture=True), re.I), c, k) for c, k in self._order if GAP in c
        ]
        pattern = "|".join(_grouped([c for c, _ in self._order]))
        # a lookahead on the first two characters skips, at C speed, positions where no cue
        # starts (a gap right after the first character may hold any second one)
        heads = [c[0] if c[1:2] == GAP else c for c, _ in self._order]
        self._re = (
            re.compile(f"(?={may_start(heads).pattern})(?:{pattern})", re.I) if pattern else None
        )

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Hit]:
        """Non-overlapping hits in ``text[start:end]``, left to right; negatives are dropped."""
        if self._re is None:
            return
        stop = len(text) if end is None else end
        for m in self._re.finditer(text, start, stop):
            found = m.group()
            if found.lower() in self._literal:
                key = self._literal[found.lower()]
                if key is not None:
                    yield Hit(m.start(), m.end(), key, found)
                continue
            for rx, cue, key in self._gapped:
                g = rx.fullmatch(found)
                if g is not None:
                    if key is not None:
                        yield Hit(m.start(), m.end(), key, cue, g.groups())
                    break
