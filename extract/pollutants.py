"""Find pollutant mentions by matching the thesaurus labels on characters.

jieba merges a pollutant into its neighbours (含铬, 汞污染, 重金属废物 are single tokens), so
labels are matched on the characters of ``doc.text``, not on tokens: 含铬 yields 铬. The
vocabulary arrives as plain records from ``graph.vocabularies.load_terms("pollutants.ttl")``; this
module knows nothing about RDF.

Matching is leftmost-longest over one character trie, so 六价铬 beats 铬 and 生活垃圾焚烧飞灰
beats 生活垃圾. A concept's ``negativeLabel``s (铜仁 the city, 铅蓄电池 the industry) enter the
trie as blockers: when one is the longest match, its characters yield nothing. Text and labels
are folded alike (full-width and sub/superscript forms to ASCII, ASCII to lower case), one
character for one, so PM₂.₅ and ＰＭ２．５ match PM2.5 and offsets stay those of ``doc.text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from policykg.extract.prefilter import may_start
from policykg.extract.spans import add_spans, doc_text

MENTION_TYPE = "pollutant"

# Grammar, not vocabulary: a bare element name (one character, 铅 锌 锰 汞 …) directly before
# 矿/冶/开采/采选 or after 电解/炼 names a commodity or industry (铅锌矿, 铜冶炼, 原生汞开采,
# 电解锰行业, 炼汞), not a pollutant. Adjacent element names share the verdict: 铅锌矿 blocks both.
_COMMODITY_AFTER = ("矿", "冶", "开采", "采选")
_COMMODITY_BEFORE = ("电解", "炼")

_END = ""  # trie key of a complete label; no text character is empty


def _fold_table() -> dict[int, str]:
    """One-to-one character folding, so that offsets in folded text are offsets in the text."""
    table = {ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII forms
        table[code] = chr(code - 0xFEE0).lower()
    table[0x3000] = " "
    for i, digit in enumerate("0123456789"):
        table[0x2080 + i] = digit  # subscripts ₀-₉
        table[0x2070 + i] = digit  # superscripts ⁰-⁹ (¹²³ sit elsewhere)
    table.update({0xB9: "1", 0xB2: "2", 0xB3: "3", 0x2093: "x", 0x208A: "+", 0x208B: "-"})
    table.update({0x2212: "-", 0x2010: "-", 0x2011: "-"})  # minus sign and hyphens
    return table


_FOLD = _fold_table()
_FOLDED = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]")


def fold(text: str) -> str:
    """``text`` with width, script position and ASCII case normalised, length unchanged."""
    # str.translate looks every character up, a slow step for CJK text that has none to fold
    return _FOLDED.sub(lambda m: _FOLD[ord(m.group())], text)


def _is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


@dataclass(frozen=True)
class _Entry:
    """What a complete label in the trie stands for; ``concept`` is None for a blocker."""

    concept: str | None
    label: str
    left_boundary: bool
    right_boundary: bool


class PollutantMatcher:
    """Record every thesaurus label found in a Doc under ``doc.spans[spans_key]``."""

    def __init__(
        self, nlp: Language, name: str, spans_key: str, terms: Sequence[Mapping[str, Any]]
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        self._concepts: dict[str, tuple[str, str]] = {}
        self._trie: dict[str, Any] = {}
        self._keys: set[str] = set()  # every folded label, blockers included
        for term in terms:
            self._add_term(term)
        self._candidates = may_start(self._keys)  # where to try the trie, found at C speed

    def _add_term(self, term: Mapping[str, Any]) -> None:
        concept = term["id"]
        pref = term.get("pref", {})
        zh = next((v for k, v in sorted(pref.items()) if k.lower().startswith("zh")), "")
        self._concepts[concept] = (zh, pref.get("en", ""))
        labels = [zh, *term.get("alt", ()), *term.get("hidden", ())]
        for label in labels:
            self._insert(label, concept)
        for label in term.get("props", {}).get("negativeLabel", ()):
            self._insert(label, None)

    def _insert(self, label: str, concept: str | None) -> None:
        key = fold(label.strip())
        if not key:
            return
        self._keys.add(key)
        node = self._trie
        for char in key:
            node = node.setdefault(char, {})
        entry = _Entry(concept, label, _is_ascii_alnum(key[0]), _is_ascii_alnum(key[-1]))
        old = node.get(_END)
        if old is not None and old.concept != concept:
            raise ValueError(
                f"label {label!r} is claimed by {old.concept or 'a negativeLabel'} "
                f"and by {concept or 'a negativeLabel'}"
            )
        node.setdefault(_END, entry)

    def __call__(self, doc: Doc) -> Doc:
        """Add one span per mention; a Doc without mentions still gets an empty group."""
        if self.spans_key not in doc.spans:
            doc.spans[self.spans_key] = []
        facts = []
        for start, end, concept in self.find(doc_text(doc)):
            zh, en = self._concepts[concept]
            facts.append((start, end, concept, {"concept": concept, "label": zh, "label_en": en}))
        add_spans(doc, self.spans_key, MENTION_TYPE, facts)
        return doc

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Mentions in ``text`` as ``(start, end, concept id)``, in text order."""
        folded = fold(text)
        hits = list(self._scan(folded))
        blocked = self._commodities(text, hits)
        return [(s, e, c) for i, (s, e, c) in enumerate(hits) if c is not None and i not in blocked]

    def _scan(self, folded: str) -> Iterable[tuple[int, int, str | None]]:
        """Leftmost-longest matches, blockers included (concept None), never overlapping."""
        n = len(folded)
        pos = 0
        while (found := self._candidates.search(folded, pos)) is not None:
            start = found.start()
            best: _Entry | None = None
            best_end = start
            node = self._trie
            i = start
            while i < n and (node := node.get(folded[i])) is not None:
                i += 1
                entry = node.get(_END)
                if entry is not None and self._bounded(folded, start, i, entry):
                    best, best_end = entry, i
            if best is None:
                pos = start + 1
                continue
            yield start, best_end, best.concept
            pos = best_end

    @staticmethod
    def _bounded(folded: str, start: int, end: int, entry: _Entry) -> bool:
        """ASCII labels must not sit inside a longer ASCII word: O3 is not in NO3."""
        if entry.left_boundary and start > 0 and _is_ascii_alnum(folded[start - 1]):
            return False
        if entry.right_boundary and end < len(folded):
            nxt = folded[end]
            if _is_ascii_alnum(nxt):
                return False
            # PM2.5 is not the start of PM2.50, but may end a sentence: "PM2.5."
            if nxt == "." and end + 1 < len(folded) and folded[end + 1].isdigit():
                return False
        return True

    @staticmethod
    def _commodities(text: str, hits: list[tuple[int, int, str | None]]) -> set[int]:
        """Indexes of bare element names that name a commodity or industry (see module top)."""
        blocked: set[int] = set()
        for i in range(len(hits) - 1, -1, -1):
            start, end, concept = hits[i]
            if concept is None or end - start != 1:
                continue
            after = text[end : end + 2]
            before = text[max(0, start - 2) : start]
            chained = i + 1 < len(hits) and hits[i + 1][0] == end and i + 1 in blocked
            if chained or after.startswith(_COMMODITY_AFTER) or before.endswith(_COMMODITY_BEFORE):
                blocked.add(i)
        return blocked


@Language.factory(
    "policykg_pollutants",
    assigns=["doc.spans"],
    default_config={"spans_key": "pollutants", "terms": []},
)
def make_pollutant_matcher(
    nlp: Language, name: str, spans_key: str, terms: Sequence[Mapping[str, Any]]
) -> PollutantMatcher:
    """Build the matcher from ``graph.vocabularies.load_terms("pollutants.ttl")`` records."""
    return PollutantMatcher(nlp, name, spans_key, terms)
