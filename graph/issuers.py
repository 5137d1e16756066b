"""Documents by the bodies that issued them: 国务院, 山东省人大常委会, the State Council.

A document's issuers are kept by name (its record, ``docs``) and as nodes (``eli:passed_by``):
a concept of the vocabulary for a body it knows (国务院), else a node named for the body
(山东省人民代表大会常务委员会). People name a body in whatever form they know, so a name is read
as a place followed by a label of the vocabulary (山东省 + 人大常委会), and every label of that
concept is tried after the same place (山东省人民代表大会常务委员会). A kind of body named
without a place (人大常委会, 生态环境部门, an actor id) stands for every body of the kind: any
issuer whose name ends in one of its labels; after a bare level word (省人大常委会), any issuer
whose name ends in that word and a label (山东省人民代表大会常务委员会, not 郑州市…).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from pyoxigraph import Literal

from policykg.errors import LookupFailed
from policykg.graph.measures import level_word_before
from policykg.graph.namespaces import ID, short_id
from policykg.graph.sparql import Backend, run


def issuer_names(backend: Backend, value: str) -> tuple[set[str], bool]:
    """The Chinese names ``value`` stands for, and whether it names a kind of body (no place
    in front), which an issuer matches by the end of its name."""
    value = value.strip()
    # every label of the bodies' vocabulary: the labels that start with nothing
    every = run(backend, "concept_by_prefix", needle=Literal(""), scheme=Literal(f"{ID}actor/"))
    rows = [(short_id(r["concept"].value), r["label"].value) for r in every]
    zh: dict[str, set[str]] = defaultdict(set)
    for concept, label in rows:
        if not label.isascii():
            zh[concept].add(label)
    if value in zh:  # an actor id: actor/state-council
        return zh[value], True
    names, kind = {value}, False
    for concept, label in rows:
        if label.isascii():  # the State Council: its Chinese names
            if value.lower() == label.lower():
                names |= zh[concept]
                kind = True
        elif value.endswith(label):  # 山东省 + 人大常委会
            place = value[: -len(label)]
            level = level_word_before(place, len(place)) == 0  # 省人大常委会: any province's
            if level:
                place = place.lstrip("本各")
            names |= {place + other for other in zh[concept]}
            kind = kind or not place or level
    return names, kind


def issued_by(
    backend: Backend, value: str, listing: Iterable[Mapping[str, Any]]
) -> dict[str, list[str]]:
    """Document id -> the issuers (names) of ``listing``'s documents that ``value`` names;
    ``LookupFailed`` when it names no issuer of any document."""
    names, kind = issuer_names(backend, value)
    out: dict[str, list[str]] = {}
    for d in listing:
        hits = [
            name
            for name in d.get("issuers") or ()
            if name in names or (kind and name.endswith(tuple(names)))
        ]
        if hits:
            out[d["id"]] = hits
    if not out:
        raise LookupFailed("issuer", value, "`policykg docs` lists every document's issuers")
    return out
