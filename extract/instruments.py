"""Policy instruments a text unit uses, each with the words that justify it.

The rules are data: ``ontology/instruments.ttl`` gives every instrument of the Rothwell & Zegveld
typology its cue words (``pkg:cue``), the longer words that do not count (``pkg:negativeLabel``)
and the mentions found by earlier components that count as evidence (``pkg:cueMention``: a
quantitative target is evidence of 目标规划). This module only applies them. A unit uses an
instrument once however often its cues recur: the evidence is one mention per instrument, at
the exact offsets of its first cue, listing every distinct cue of the unit (``cues``), so a
reader can check each assignment against the words behind it. Recording each recurrence of 资金
or 监管 made instrument cues two thirds of all mentions and a third of the graph, for nothing a
reader could not see in the unit's text. The records arrive from
``graph.vocabularies.load_terms``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from policykg.extract.cues import CueMatcher
from policykg.extract.deadlines import NOT_DUE
from policykg.extract.model import CUE_SEPARATOR
from policykg.extract.spans import add_spans, doc_text, extents, found

MENTION_TYPE = "instrument"
# where the components that find each kind of mention keep them (pipeline.COMPONENTS)
MENTION_KEYS = {"target": "targets", "deadline": "deadlines"}
# A cue inside a body's name names the body, not a tool it uses: 税务 of 财政、税务等部门, 海关,
# 金融法院, 信息化主管部门. The actor component runs first and keeps its bodies here.
NAMES_KEY = "actors"


@dataclass(frozen=True)
class Instrument:
    """One instrument of the typology, with its category (供给型, 环境型, 需求型)."""

    id: str
    label: str
    label_en: str
    category: str
    category_zh: str

    def attrs(self, cues: Sequence[str]) -> dict[str, Any]:
        """The facts to store on an evidence span (``label`` is the Chinese one): the first
        cue, which the span covers, and every distinct cue, joined by CUE_SEPARATOR."""
        return {
            "concept": self.id,
            "label": self.label,
            "label_en": self.label_en,
            "category": self.category,
            "category_zh": self.category_zh,
            "cue": cues[0],
            "cues": CUE_SEPARATOR.join(cues),
        }


def instruments_of(terms: Sequence[Mapping[str, Any]]) -> dict[str, Instrument]:
    """The instruments in vocabulary records, by id, each under its category."""
    by_id = {t["id"]: t for t in terms}
    out = {}
    for t in terms:
        if "Instrument" not in t["types"] or not t["broader"]:
            continue
        category = by_id[t["broader"][0]]
        out[t["id"]] = Instrument(
            t["id"],
            t["pref"].get("zh", t["id"]),
            t["pref"].get("en", t["id"]),
            category["pref"].get("en", category["id"]),
            category["pref"].get("zh", category["id"]),
        )
    return out


class InstrumentFinder:
    """Record instrument evidence under ``doc.spans[spans_key]`` with label "instrument"."""

    def __init__(
        self,
        terms: Sequence[Mapping[str, Any]],
        spans_key: str = "instruments",
        mention_keys: Mapping[str, str] | None = None,
    ) -> None:
        self.spans_key = spans_key
        self.instruments = instruments_of(terms)
        own = [t for t in terms if t["id"] in self.instruments]
        self.matcher = CueMatcher(
            [(cue, t["id"]) for t in own for cue in t["props"].get("cue", [])],
            [neg for t in own for neg in t["props"].get("negativeLabel", [])],
        )
        keys = MENTION_KEYS if mention_keys is None else mention_keys
        # spans key -> (mention type, instruments it is evidence of)
        self.by_mention: dict[str, tuple[str, list[str]]] = {}
        for t in own:
            for mtype in t["props"].get("cueMention", []):
                key = keys[mtype]
                self.by_mention.setdefault(key, (mtype, []))[1].append(t["id"])

    def __call__(self, doc: Doc) -> Doc:
        """Find the instruments of ``doc`` and add their evidence to its span group.

        doc (Doc): one text unit (or a piece of one), after the target and deadline components.
        RETURNS (Doc): the same document, annotated.
        """
        if self.spans_key not in doc.spans:
            doc.spans[self.spans_key] = []
        hits = [(h.start, h.end, h.key, h.cue) for h in self.matcher.finditer(doc_text(doc))]
        if hits:
            names = extents(doc, NAMES_KEY)
            if names:
                hits = [h for h in hits if not any(s <= h[0] and h[1] <= e for s, e in names)]
        for key, (mtype, ids) in self.by_mention.items():
            for m in found(doc, key):
                # no goal: 自…起施行, a time limit, nor a standing floor or cap with no year
                # to reach it by (每班不少于两人, 檐口高度不得高于六米)
                if m.get("certainty") in NOT_DUE or (mtype == "target" and m.get("year") is None):
                    continue
                hits.extend((m["start"], m["end"], i, mtype) for i in ids)
        hits.sort()
        # one mention per instrument: its first cue's characters, and all its distinct cues
        first: dict[str, tuple[int, int]] = {}
        cues: dict[str, dict[str, None]] = {}
        for start, end, key, cue in hits:
            first.setdefault(key, (start, end))
            cues.setdefault(key, {})[cue] = None
        facts = [
            (start, end, key, self.instruments[key].attrs(list(cues[key])))
            for key, (start, end) in first.items()
        ]
        add_spans(doc, self.spans_key, MENTION_TYPE, facts)
        return doc


@Language.factory(
    "policykg_instruments",
    assigns=["doc.spans"],
    requires=["doc.spans"],
    default_config={"spans_key": "instruments", "terms": [], "mention_keys": MENTION_KEYS},
)
def make_instrument_finder(
    nlp: Language,
    name: str,
    spans_key: str,
    terms: Sequence[Mapping[str, Any]],
    mention_keys: Mapping[str, str],
) -> InstrumentFinder:
    """Build the component from ``graph.vocabularies.load_terms("instruments.ttl")`` records;
    ``mention_keys`` says where earlier components keep the mentions that count as evidence."""
    return InstrumentFinder(terms, spans_key, mention_keys)
