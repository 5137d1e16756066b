"""From a file to a ``Document``: read, repair the layout, build the tree, find the mentions.

The spaCy pipeline is a blank Chinese model with the jieba segmenter and one component per
entity family, each writing ``doc.spans[key]``; it is built once per process and reused for
every document. Vocabularies arrive as plain records (see ``graph.vocabularies``), so this side
never parses RDF.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from policykg.errors import InputError
from policykg.extract.jurisdiction import jurisdiction_of
from policykg.extract.layout import from_blocks, repair
from policykg.extract.metadata import extract_metadata
from policykg.extract.model import (
    FAMILIES,
    Division,
    Document,
    Mention,
    MentionType,
    Sentence,
    Unit,
    stable_id,
)
from policykg.extract.reading import REFUSED, SUFFIXES, Reading, read_file
from policykg.extract.sentences import last_end
from policykg.extract.spans import found, with_text
from policykg.extract.structure import build_tree, split_sentences

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# the vocabulary file each family's component matches against (the others need none)
_VOCABULARY: dict[MentionType, str] = {
    "pollutant": "pollutants.ttl",
    "region": "gazetteer.ttl",
    "actor": "actors.ttl",
    "target": "indicators.ttl",  # targets read deadlines and regions
    "instrument": "instruments.ttl",  # instruments read targets
}
# one component per entity family, in FAMILIES order:
# (doc.spans key, factory, vocabulary file or None, mention type)
COMPONENTS: tuple[tuple[str, str, str | None, MentionType], ...] = tuple(
    (key, f"policykg_{key}", _VOCABULARY.get(mtype), mtype) for mtype, key in FAMILIES.items()
)
# the vocabulary files the components take, as records from ``graph.vocabularies``
VOCABULARIES: tuple[str, ...] = tuple(v for _, _, v, _ in COMPONENTS if v is not None)
_CHUNK = 100_000  # characters per spaCy Doc; spaCy's own limit is 1,000,000
_MAX_UNIT = 2_000_000  # a longer paragraph is not prose but a broken file
_RESERVED = {"start", "end", "text", "type", "concept", "label"}
_TYPES = {key: mtype for key, _, _, mtype in COMPONENTS}


def make_nlp(vocabularies: Mapping[str, Sequence[dict[str, Any]]]) -> Language:
    """The policykg pipeline; ``vocabularies`` maps a vocabulary file name to its records."""
    import spacy

    # registering the factories is a side effect of importing the component modules
    import policykg.extract.actors
    import policykg.extract.deadlines
    import policykg.extract.fines
    import policykg.extract.instruments
    import policykg.extract.pollutants
    import policykg.extract.regions
    import policykg.extract.targets  # noqa: F401
    from policykg.extract.tokenizer import TOKENIZER

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    for key, factory, vocab, _ in COMPONENTS:
        config: dict[str, Any] = {"spans_key": key}
        if vocab is not None:
            config["terms"] = list(vocabularies.get(vocab, ()))
        nlp.add_pipe(factory, config=config)
    return nlp


def document_id(path: Path) -> str:
    """A stable id from the file name: its stem when that is IRI-safe, else a hash of it."""
    stem = path.stem
    if stem and all(c.isascii() and (c.isalnum() or c in "-_.") for c in stem):
        return stem
    return "doc-" + stable_id(path.name, length=10)


def analyse_text(
    text: str,
    doc_id: str,
    nlp: Language | None,
    metadata: Mapping[str, Any] | None = None,
    path: str | None = None,
) -> Document:
    """The document model of a plain ``text``; without ``nlp`` only the structure is extracted."""
    return analyse_reading(Reading("txt", text), doc_id, nlp, metadata, path)


def analyse_reading(
    reading: Reading,
    doc_id: str,
    nlp: Language | None,
    metadata: Mapping[str, Any] | None = None,
    path: str | None = None,
) -> Document:
    """The document model of a file as its reader gave it (see ``extract.reading``)."""
    meta = dict(metadata or {})
    issuers = [str(i) for i in meta.get("issuers") or []]
    jurisdiction = meta.get("jurisdiction") or jurisdiction_of(meta.get("title"), issuers)
    text = reading.text
    layout = repair(text) if reading.blocks is None else from_blocks(reading.blocks, text)
    tree = build_tree(layout, doc_id, meta.get("title"))
    units = tree.units
    if nlp is not None and units:
        longest = max(units, key=lambda u: len(u.text))
        if len(longest.text) > _MAX_UNIT:
            raise InputError(
                path or doc_id,
                f"a paragraph of {len(longest.text):,} characters at offset {longest.start} is "
                f"too long to analyse (at most {_MAX_UNIT:,}); is this a policy text?",
            )
        pieces = [
            (i, offset, chunk)
            for i, u in enumerate(units)
            for offset, chunk in _chunks(tree.texts[u.id].text)
        ]
        from policykg.extract.regions import governed_by

        year, effective = _year(meta.get("date")), meta.get("effective")

        def prepared(chunk: str) -> Doc:
            doc = _dated(with_text(nlp.make_doc(chunk), chunk), year, effective)
            # 本市, 本省 … in the text name the area the document governs
            return governed_by(doc, jurisdiction["code"]) if jurisdiction else doc

        made = (prepared(chunk) for _, _, chunk in pieces)
        short: dict[str, Any] | None = None
        if "policykg_actors" in nlp.pipe_names:  # （以下简称…） holds for the units after it
            from policykg.extract.actors import known_forms, read_again, shared_short_forms

            short = {}
            made = (shared_short_forms(doc, short) for doc in made)
        found_in: list[list[tuple[str, dict[str, Any]]]] = []
        known: list[int] = []
        for (_, offset, _), doc in zip(pieces, nlp.pipe(made, batch_size=64), strict=True):
            found_in.append(_facts(doc, offset))
            known.append(known_forms(doc) if short is not None else 0)
        if short:  # a body the document taught late is read in the units before it too
            for n, (_, offset, chunk) in enumerate(pieces):
                forms = read_again(chunk, short, known[n])
                if forms is not None:
                    found_in[n] = _facts(nlp(shared_short_forms(prepared(chunk), forms)), offset)
        facts: dict[int, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        for (i, _, _), piece_facts in zip(pieces, found_in, strict=True):
            facts[i].extend(piece_facts)
        units = [_with_mentions(u, tree.texts[u.id], facts[i]) for i, u in enumerate(units)]
        units = _with_standing_duties(units)
    divisions = [  # 第二节 加大重金属污染防治力度: what the units under a heading are on
        d.model_copy(update={"about": about}) if (about := _title_pollutants(nlp, d.title)) else d
        for d in tree.divisions
    ]
    if reading.pages is not None or reading.entities:
        units = [_placed(u, reading) for u in units]
        divisions = [_placed(d, reading) for d in divisions]
    return Document(
        id=doc_id,
        format=reading.format,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        path=path,
        title=meta.get("title"),
        number=meta.get("number"),
        date=meta.get("date"),
        effective=meta.get("effective"),
        repeals=list(meta.get("repeals") or []),
        jurisdiction=jurisdiction,
        issuers=issuers,
        issuer_ids=[_actor_id(nlp, name) for name in issuers],
        genre=meta.get("genre"),
        about=_title_pollutants(nlp, meta.get("title")),
        history=list(meta.get("history") or []),
        note=meta.get("note"),
        signature=meta.get("signature"),
        divisions=divisions,
        units=units,
    )


def analyse_file(
    path: Path,
    nlp: Language | None,
    metadata: Mapping[str, Any] | None = None,
    encoding: str | None = None,
) -> Document:
    """The document model of the file at ``path``, in any format ``extract.reading`` reads."""
    given = dict(metadata or {})
    doc_id = given.pop("id", None) or document_id(path)
    reading = read_file(path, encoding)
    # what the file says of itself comes first; a manifest supplies what the file lacks
    meta: dict[str, Any] = dict(extract_metadata(reading.plain, reading.fields))
    for key, value in given.items():
        if value and not meta.get(key):
            meta[key] = value
    return analyse_reading(reading, doc_id, nlp, meta, str(path))


_N = TypeVar("_N", Unit, Division, Sentence, Mention)


def _placed(node: _N, reading: Reading) -> _N:
    """``node`` (and what it holds) with its page and box, and its end past a character
    reference it stops on."""
    update: dict[str, Any] = {}
    end = reading.end_of(node.end)
    if end != node.end:
        update["end"] = end
    if reading.pages is not None:
        update["pages"], update["bbox"] = reading.pages.locate(node.start, node.end)
    if isinstance(node, Unit):
        update["sentences"] = [_placed(s, reading) for s in node.sentences]
        update["mentions"] = [_placed(m, reading) for m in node.mentions]
    return node.model_copy(update=update) if update else node


def _year(date: object) -> int | None:
    """The year of an ISO date (the document's date of issue), or None."""
    text = str(date or "")
    return int(text[:4]) if text[:4].isdigit() else None


def _facts(doc: Doc, offset: int) -> list[tuple[str, dict[str, Any]]]:
    """Every component's facts in ``doc``, a piece of a unit's text that starts at ``offset``,
    with offsets into the unit."""
    out = []
    for key, *_ in COMPONENTS:
        for f in found(doc, key):  # fresh dicts: shifted in place
            if offset:
                f["start"] += offset
                f["end"] += offset
            out.append((key, f))
    return out


def _dated(doc: Doc, year: int | None, effective: str | None = None) -> Doc:
    """``doc``, told the year of its document, so that 今年 and 年内 resolve, and when it
    enters into force, so that 自本条例施行之日起六个月内 does (deadlines)."""
    if year is not None:
        doc.user_data["base_year"] = year
    if effective:
        doc.user_data["effective"] = str(effective)
    return doc


def _chunks(text: str) -> list[tuple[int, str]]:
    """``text`` in pieces of at most _CHUNK characters, cut after a sentence end where possible.

    spaCy refuses texts over a million characters, and a unit can be that long (a file that
    is one huge line); entities do not cross sentence ends, so nothing is lost at the cuts.
    """
    if len(text) <= _CHUNK:
        return [(0, text)]
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + _CHUNK)
        if end < len(text):
            cut = last_end(text, start, end)
            end = cut if cut > start + 1 else end
        out.append((start, text[start:end]))
        start = end
    return out


def _with_standing_duties(units: list[Unit]) -> list[Unit]:
    """Units with the bodies an earlier task note names for every task after it.

    The 国发 action plans say it once, in their first task's note (以下均需地方各级人民政府落实，
    不再列出); each later unit of that unit's kind lists those mentions (their ids) as its
    standing duties. The bodies stay mentions of the characters that name them, in the unit
    that says so."""
    standing: dict[str, list[str]] = {}  # unit kind -> the mentions declared so far
    out: list[Unit] = []
    for u in units:
        duties = standing.get(u.kind)
        if duties:
            u = u.model_copy(update={"standing_duties": list(duties)})
        declared = [m.id for m in u.mentions if m.type == "actor" and m.attrs.get("standing")]
        if declared:
            standing[u.kind] = [*(duties or ()), *declared]
        out.append(u)
    return out


def _with_mentions(unit: Unit, mapped: Any, facts: list[tuple[str, dict[str, Any]]]) -> Unit:
    sentence_starts = [i for i, _ in split_sentences(mapped)] if facts else []
    mentions: list[Mention] = []
    seen: set[str] = set()
    for key, f in facts:
        mtype = _TYPES[key]
        start, end = mapped.source(f["start"], f["end"])
        if end <= start:  # what validation would refuse: nothing a component found there
            continue
        concept = f.get("concept") or None
        # the members of a 分别 list share one quantity (二氧化硫、氮氧化物…分别下降15%)
        member = (f["subject"],) if f.get("subject") else ()
        mid = f"{unit.id}/m-{stable_id(mtype, start, end, concept, *member)}"
        if mid in seen:
            continue
        seen.add(mid)
        sentence = max(0, bisect_right(sentence_starts, f["start"]) - 1)
        attrs = {
            k: v
            for k, v in f.items()
            if k not in _RESERVED and (v is None or isinstance(v, _SCALARS))
        }
        mentions.append(
            Mention(  # validated, and faster than model_construct (3.0 against 4.9 µs)
                id=mid,
                type=mtype,
                text=f["text"],
                concept=concept,
                label=f.get("label"),
                sentence=sentence,
                attrs=attrs,
                source=key,
                start=start,
                end=end,
            )
        )
    mentions.sort(key=lambda m: (m.start, m.end, m.type))
    return unit.model_copy(update={"mentions": mentions})


def _actor_id(nlp: Language | None, name: str) -> str | None:
    """The actor vocabulary id of an issuing body, when the whole name is one known body, so
    that an issuer and the same body named in a text are one node."""
    if nlp is None or "policykg_actors" not in nlp.pipe_names:
        return None
    doc = nlp.get_pipe("policykg_actors")(nlp.make_doc(name))
    whole = [f for f in found(doc, "actors") if f["start"] == 0 and f["end"] == len(name)]
    return (whole[0].get("concept") or None) if whole else None


def _title_pollutants(nlp: Language | None, title: str | None) -> list[str]:
    """The pollutants a document's title names (扬尘 of 济南市扬尘污染防治条例): what the whole
    document is about, articles that never name it included (第五条 on covering spoil heaps);
    so for a heading and what stands under it."""
    if nlp is None or not title or "policykg_pollutants" not in nlp.pipe_names:
        return []
    doc = nlp.get_pipe("policykg_pollutants")(nlp.make_doc(title))
    return list(dict.fromkeys(f["concept"] for f in found(doc, "pollutants") if f.get("concept")))


# attrs keep JSON scalars; a tuple, since isinstance() is slower with a union
_SCALARS = (str, int, float, bool)


def iter_files(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the documents found below folders, sorted for a stable build order.

    A folder walk takes the formats there is a reader for (``reading.SUFFIXES``), and old Word
    files so that the build says to convert them; it leaves out hidden files and folders,
    ``README*`` notes and ``manifest.json``. A file named outright is always taken (its reader
    says if it cannot read it).
    """
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if _is_document(q, p)))
        else:
            out.append(p)
    return out


def _is_document(path: Path, root: Path) -> bool:
    name = path.name
    return (
        (path.suffix.lower() in SUFFIXES or path.suffix.lower() in REFUSED)
        and not name.upper().startswith("README")
        and name != "manifest.json"
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
        and path.is_file()
    )
