"""The plain document model as RDF quads, one named graph per document.

ELI for documents and their subdivisions, compact mentions (what they denote, their character
range and words; W3C Web Annotation is made from them on demand), OWL-Time for deadlines. A
document's jurisdiction is a region concept (eli:jurisdiction), its issuers and dated history
are nodes that keep their order (ontology/README.md says why each term was chosen). Every node has an IRI minted
from the model's deterministic ids, never a blank node, so that two builds, or an embedded store
and a remote server, hold exactly the same quads.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad, Triple

from policykg.extract.model import (
    AHEAD,
    FAMILIES,
    BBox,
    Division,
    Document,
    Mention,
    Unit,
    cues_of,
    stable_id,
)
from policykg.graph.namespaces import (
    DCT,
    DOC,
    ELI,
    PKG,
    PROV,
    QUDT,
    RDF,
    SHORTCUT,
    SKOS,
    TIME,
    XSD,
    concept_iri,
    doc_iri,
    graph_iri,
)
from policykg.graph.record import document_record, dumps, unit_record
from policykg.graph.sparql import Texts
from policykg.graph.units import in_unit, qudt_unit

_EXTRACTED = ("pdf", "docx", "mhtml")  # formats whose text is extracted, not the file's
_UNIT_CLASS = {
    "measure": PKG.Measure,
    "box-item": PKG.BoxItem,
    "article": PKG.Article,
    "intro": PKG.Introduction,
    "paragraph": PKG.Paragraph,
}
_DIVISION_CLASS = {
    "annex": PKG.Annex,
    "volume": PKG.Volume,
    "portion": PKG.Portion,
    "book": PKG.Book,
    "subbook": PKG.SubBook,
    "chapter": PKG.Chapter,
    "section": PKG.Section,
    "part": PKG.Part,
    "subpart": PKG.Subpart,
    "point": PKG.Point,
    "box": PKG.Box,
    "group": PKG.BoxGroup,
}
# a mention of family ``pollutant`` is a pkg:PollutantMention, and so on for every family
_MENTION_CLASS = {mtype: PKG[f"{mtype.capitalize()}Mention"] for mtype in FAMILIES}


def _int(n: int) -> Literal:
    return Literal(str(n), datatype=XSD.integer)


def _date(d: str) -> Literal:
    return Literal(d, datatype=XSD.date)


def repealed_iri(title: str) -> NamedNode:
    """The node of an act known by its title only (one that a document repeals)."""
    return doc_iri(f"act/{stable_id(title.strip('《》'), length=12)}")


def mention_body(m: Mention) -> NamedNode:
    """What a mention denotes: a vocabulary concept, a date, or the target it states."""
    if m.type == "deadline" and m.attrs.get("recurs"):  # 每年3月31日前: a date without a year
        return concept_iri(f"recurring/{m.attrs['recurs']}")
    if m.type == "deadline" and m.attrs.get("duration") and not m.attrs.get("date"):  # a length
        working = "-working-days" if m.attrs.get("working_days") else ""
        return concept_iri(f"duration/{m.attrs['duration']}{working}")
    if m.type == "deadline" and m.attrs.get("date"):
        start = m.attrs.get("date_from")
        if start and start != m.attrs["date"]:
            return concept_iri(f"interval/{start}_{m.attrs['date']}")
        return concept_iri(f"date/{m.attrs['date']}")
    if m.type == "target":
        return doc_iri(m.id + "/target")
    if m.type == "fine":
        return doc_iri(m.id + "/fine")
    if m.concept:
        return concept_iri(m.concept)
    return concept_iri(f"{m.type}/x-{stable_id(m.label or m.text, length=10)}")


def document_quads(doc: Document) -> Iterator[Quad]:
    """Every quad of ``doc``, in a stable order, in the document's named graph."""
    g = graph_iri(doc.id)
    for t in document_triples(doc):
        yield Quad(t.subject, t.predicate, t.object, g)


def document_ntriples(doc: Document) -> bytes:
    """The document's triples as N-Triples: what a build worker hands to the writer, which
    loads them into the document's named graph (shorter than N-Quads, cheaper to build).

    The triples of sentences and mentions, most of a graph, are written as text (a term
    object per triple cost more than the rest of the mapping); the rest is serialised from
    terms."""
    from pyoxigraph import RdfFormat, serialize

    text: list[str] = []
    data = serialize(document_triples(doc, text), format=RdfFormat.N_TRIPLES)
    assert data is not None
    return data + "".join(text).encode("utf-8")


def document_payload(doc: Document) -> tuple[bytes, Texts]:
    """What a build worker hands to the writer: the document's N-Triples, and its units'
    texts and its headings for the full-text index, which would otherwise be read back from
    the graph just written."""
    headings = [(d.id, d.title) for d in doc.divisions if d.title]
    return document_ntriples(doc), Texts([(u.id, u.text) for u in doc.units], headings)


def document_triples(doc: Document, text_out: list[str] | None = None) -> Iterator[Triple]:
    """Every triple of ``doc``, in a stable order; they all belong to ``graph_iri(doc.id)``.

    With ``text_out``, the triples of sentences and mentions (most of a graph) are appended
    to it as N-Triples text instead of being yielded."""
    d = doc_iri(doc.id)

    yield Triple(d, RDF.type, PKG.Document)
    yield Triple(d, RDF.type, ELI.LegalResource)
    yield Triple(d, ELI.id_local, Literal(doc.id))
    yield Triple(d, PKG.sha256, Literal(doc.sha256))
    if doc.signature:
        yield Triple(d, PKG.signature, Literal(doc.signature))
    if doc.path:
        yield Triple(d, PKG.sourcePath, Literal(doc.path))
    yield Triple(d, PKG.sourceFormat, Literal(doc.format))
    if doc.format in _EXTRACTED:  # offsets point into this text, which no file holds
        yield Triple(d, PKG.extractedText, Literal(doc.text))
    if doc.title:
        yield Triple(d, ELI.title, Literal(doc.title, language="zh"))
    if doc.number:
        yield Triple(d, PKG.documentNumber, Literal(doc.number))
    if doc.date:
        yield Triple(d, ELI.date_document, _date(doc.date))
    if doc.genre:
        yield Triple(d, PKG.genre, Literal(doc.genre))
    for pollutant in doc.about:  # the whole document is on it (扬尘污染防治条例)
        yield Triple(d, PKG.aboutPollutant, concept_iri(pollutant))
    if doc.note:
        yield Triple(d, PKG.note, Literal(doc.note))
    if doc.effective:
        yield Triple(d, ELI.first_date_entry_in_force, _date(doc.effective))
    for title in doc.repeals:
        # the repealed act, named by its title (one node per title across documents): it is
        # no longer in force from the day this one is
        act = repealed_iri(title)
        yield Triple(d, ELI.repeals, act)
        yield Triple(act, RDF.type, ELI.LegalResource)
        yield Triple(act, ELI.title, Literal(title, language="zh"))
        if doc.effective:
            yield Triple(act, ELI.date_no_longer_in_force, _date(doc.effective))
    if doc.jurisdiction:
        yield Triple(d, ELI.jurisdiction, concept_iri(f"region/{doc.jurisdiction.code}"))
    bodies = _bodies(doc)
    for n, issuer in enumerate(doc.issuers):
        node, known = bodies[issuer]
        yield Triple(d, ELI.passed_by, node)
        # eli:passed_by is a set; the order the bodies acted in (who leads) needs a node each
        place = doc_iri(f"{doc.id}/issuer-{n + 1}")
        yield Triple(d, PKG.issuance, place)
        yield Triple(place, RDF.type, PKG.Issuance)
        yield Triple(place, PKG.index, _int(n + 1))
        yield Triple(place, PKG.issuer, node)
    for name, (node, known) in bodies.items():
        if not known:
            yield Triple(node, SKOS.prefLabel, Literal(name, language="zh"))
    for n, event in enumerate(doc.history):
        node = doc_iri(f"{doc.id}/history-{n + 1}")
        yield Triple(d, PKG.history, node)
        yield Triple(node, RDF.type, PKG.HistoryEvent)
        yield Triple(node, PKG.index, _int(n + 1))
        yield Triple(node, PKG.kind, Literal(event.event))
        yield Triple(node, DCT.date, _date(event.date))
        if event.body:
            yield Triple(node, PROV.wasAssociatedWith, bodies[event.body][0])
        yield Triple(node, PKG.text, Literal(event.text, language="zh"))
    yield Triple(d, PKG.record, Literal(dumps(document_record(doc)), datatype=RDF.JSON))

    for div in doc.divisions:
        n = doc_iri(div.id)
        yield Triple(n, RDF.type, _DIVISION_CLASS[div.type])
        yield Triple(n, RDF.type, ELI.LegalResourceSubdivision)
        yield Triple(n, ELI.is_part_of, doc_iri(div.parent) if div.parent else d)
        yield Triple(n, PKG.partOf, d)
        for pollutant in div.about:
            yield Triple(n, PKG.aboutPollutant, concept_iri(pollutant))
        if div.number is not None:
            yield Triple(n, ELI.number, _int(div.number))
        if div.title:
            yield Triple(n, ELI.title, Literal(div.title, language="zh"))
        yield from _position(n, div.start, div.end)
        yield from _place(n, div.pages, div.bbox)

    divisions = {div.id: div for div in doc.divisions}
    for order, unit in enumerate(doc.units):
        yield from _unit_triples(doc, unit, order, divisions, text_out)


def _bodies(doc: Document) -> dict[str, tuple[NamedNode, bool]]:
    """Each body that issued the document or acted in its history: its node, and whether the
    node is a vocabulary concept. A body outside the vocabulary gets an IRI from its name, the
    same IRI as the body named in any text, so one body is one node across documents."""
    known = dict(zip(doc.issuers, doc.issuer_ids, strict=False))
    names = [*doc.issuers, *(e.body for e in doc.history if e.body)]
    out = {}
    for name in names:
        cid = known.get(name)
        out[name] = (concept_iri(cid or f"actor/x-{stable_id(name, length=10)}"), bool(cid))
    return out


def _position(node: NamedNode, start: int, end: int) -> Iterator[Triple]:
    """Where a division or unit stands in the document's text: ``pkg:start``/``pkg:end`` on the
    node itself, as on mentions and sentences (a selector node cost two quads more each)."""
    yield Triple(node, PKG.start, _int(start))
    yield Triple(node, PKG.end, _int(end))


def _place(node: NamedNode, pages: tuple[int, int] | None, bbox: BBox | None) -> Iterator[Triple]:
    """Page(s) and box of a node of a paged file."""
    if pages is None:
        return
    yield Triple(node, PKG.page, _int(pages[0]))
    if pages[1] != pages[0]:
        yield Triple(node, PKG.lastPage, _int(pages[1]))
    if bbox is not None:
        yield Triple(node, PKG.boundingBox, Literal(_box(bbox)))


def _box(bbox: BBox) -> str:
    """A box as ``pkg:boundingBox`` spells it: x0 top x1 bottom, in points."""
    return " ".join(f"{v:g}" for v in bbox)


def _unit_triples(
    doc: Document,
    unit: Unit,
    order: int,
    divisions: dict[str, Division],
    text_out: list[str] | None,
) -> Iterator[Triple]:
    """A unit's triples, its record's, its sentences' and its mentions': written as N-Triples
    text (to ``text_out``, or parsed back into triples without it), except what its mentions
    denote, which few units have."""
    u = doc_iri(unit.id)
    text = _unit_ntriples(u, doc, unit, order, divisions) + _sentence_ntriples(u, unit)
    bodies: list[NamedNode] = []
    if unit.mentions:
        more, bodies = _mention_ntriples(u, unit.mentions)
        text += more
    if text_out is None:
        from pyoxigraph import RdfFormat, parse

        yield from (q.triple for q in parse(text.encode("utf-8"), format=RdfFormat.N_TRIPLES))
    else:
        text_out.append(text)
    for m, body in zip(unit.mentions, bodies, strict=True):
        if m.pages is not None:
            yield from _place(doc_iri(m.id), m.pages, m.bbox)
        yield from _body_triples(m, body)


# terms of the sentence and mention triples as N-Triples text
_NT_TYPE, _NT_IN_UNIT, _NT_DENOTES = str(RDF.type), str(PKG.inUnit), str(PKG.denotes)
_NT_SENTENCE, _NT_INDEX, _NT_TEXT = str(PKG.Sentence), str(PKG.index), str(PKG.text)
_NT_START, _NT_END, _NT_SURFACE = str(PKG.start), str(PKG.end), str(PKG.surface)
_NT_DEADLINE, _NT_ROLE, _NT_CUE = str(PKG.deadlineDate), str(PKG.role), str(PKG.cue)
_NT_AT_LEVEL, _NT_COUNTED_FROM, _NT_RECURS = str(PKG.atLevel), str(PKG.countedFrom), str(PKG.recurs)
_NT_INTEGER, _NT_DATE, _NT_JSON = f"^^{XSD.integer}", f"^^{XSD.date}", f"^^{RDF.JSON}"
_NT_MONTH_DAY, _NT_DAY = f"^^{XSD.gMonthDay}", f"^^{XSD.gDay}"
_NT_AHEAD = f'{PKG.ahead} "true"^^{XSD.boolean}'  # a limit that ends at its event
_NT_KIND, _NT_ORDER, _NT_RECORD = str(PKG.kind), str(PKG.order), str(PKG.record)
_NT_STANDING_DUTY = str(PKG.standingDuty)
_NT_IS_PART_OF, _NT_PART_OF = str(ELI.is_part_of), str(PKG.partOf)
_NT_NUMBER, _NT_TITLE = str(ELI.number), str(ELI.title)
_NT_PAGE, _NT_LAST_PAGE, _NT_BOX = str(PKG.page), str(PKG.lastPage), str(PKG.boundingBox)
_NT_TEXT_UNIT, _NT_SUBDIVISION = str(PKG.TextUnit), str(ELI.LegalResourceSubdivision)
_NT_UNIT_CLASS = {k: str(v) for k, v in _UNIT_CLASS.items()}
_NT_CLASS = {k: str(v) for k, v in _MENTION_CLASS.items()}
_NT_SHORTCUT = {k: str(v) for k, v in SHORTCUT.items()}


def _nt_string(text: str) -> str:
    """A plain literal in N-Triples: the four characters the grammar reserves are escaped
    (four ``replace`` calls: ``str.translate`` with a table looks every character up)."""
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    text = text.replace('"', '\\"')
    if "\n" in text or "\r" in text:
        text = text.replace("\n", "\\n").replace("\r", "\\r")
    return f'"{text}"'


def _unit_ntriples(
    node: NamedNode, doc: Document, unit: Unit, order: int, divisions: dict[str, Division]
) -> str:
    """The unit's own triples as N-Triples: classes, place in the document, text, range,
    page and box, and its record (a term object per triple cost a third of the serialising)."""
    u = str(node)
    parent = f"<{DOC}{unit.parents[-1] if unit.parents else doc.id}>"
    out = [
        f"{u} {_NT_TYPE} {_NT_UNIT_CLASS.get(unit.kind, _NT_TEXT_UNIT)} .\n"
        f"{u} {_NT_TYPE} {_NT_TEXT_UNIT} .\n"
        f"{u} {_NT_TYPE} {_NT_SUBDIVISION} .\n"
        f"{u} {_NT_KIND} {_nt_string(unit.kind)} .\n"
        f'{u} {_NT_ORDER} "{order}"{_NT_INTEGER} .\n'
        f"{u} {_NT_IS_PART_OF} {parent} .\n"
        f"{u} {_NT_PART_OF} <{DOC}{doc.id}> .\n"
    ]
    if unit.number is not None:
        out.append(f'{u} {_NT_NUMBER} "{unit.number}"{_NT_INTEGER} .\n')
    if unit.title:
        out.append(f"{u} {_NT_TITLE} {_nt_string(unit.title)}@zh .\n")
    out.append(
        f"{u} {_NT_TEXT} {_nt_string(unit.text)}@zh .\n"
        f'{u} {_NT_START} "{unit.start}"{_NT_INTEGER} .\n'
        f'{u} {_NT_END} "{unit.end}"{_NT_INTEGER} .\n'
    )
    if unit.pages is not None:
        out.append(f'{u} {_NT_PAGE} "{unit.pages[0]}"{_NT_INTEGER} .\n')
        if unit.pages[1] != unit.pages[0]:
            out.append(f'{u} {_NT_LAST_PAGE} "{unit.pages[1]}"{_NT_INTEGER} .\n')
        if unit.bbox is not None:
            out.append(f"{u} {_NT_BOX} {_nt_string(_box(unit.bbox))} .\n")
    for mention in unit.standing_duties:  # 以下均需…落实: a body an earlier task note names
        out.append(f"{u} {_NT_STANDING_DUTY} {doc_iri(mention)} .\n")
    record = dumps(unit_record(doc, unit, divisions))
    out.append(f"{u} {_NT_RECORD} {_nt_string(record)}{_NT_JSON} .\n")
    return "".join(out)


def _sentence_ntriples(u: NamedNode, unit: Unit) -> str:
    """The sentences of a unit, each with its text and its range, as N-Triples. The text stays:
    offsets point into the file, whose line breaks the unit's repaired text has lost, so it
    cannot be cut out of the graph."""
    base = u.value
    unit_term = str(u)
    out = []
    for s in unit.sentences:
        sn = f"<{base}/s{s.index}>"
        out.append(
            f"{sn} {_NT_TYPE} {_NT_SENTENCE} .\n"
            f"{sn} {_NT_IN_UNIT} {unit_term} .\n"
            f'{sn} {_NT_INDEX} "{s.index}"{_NT_INTEGER} .\n'
            f"{sn} {_NT_TEXT} {_nt_string(s.text)}@zh .\n"
            f'{sn} {_NT_START} "{s.start}"{_NT_INTEGER} .\n'
            f'{sn} {_NT_END} "{s.end}"{_NT_INTEGER} .\n'
        )
    return "".join(out)


def _mention_ntriples(u: NamedNode, mentions: list[Mention]) -> tuple[str, list[NamedNode]]:
    """A unit's mentions, compactly: what each denotes, where it stands, its words and the
    facts queries read (a deadline's date, a body's role, an instrument's cue), and once per
    concept the shortcut from the unit. Their W3C Web Annotation (annotation, target,
    selectors) is made from these on demand (graph/annotations.py), since storing it took
    three times the quads (ontology/README.md).

    RETURNS the triples as N-Triples text, and what each mention denotes."""
    unit = str(u)
    lines: list[str] = []
    bodies: list[NamedNode] = []
    shortcuts: dict[str, None] = {}
    for m in mentions:
        mn = str(doc_iri(m.id))  # validated as an IRI
        body = mention_body(m)
        bodies.append(body)
        obj = str(body)
        lines.append(
            f"{mn} {_NT_TYPE} {_NT_CLASS[m.type]} .\n"
            f"{mn} {_NT_IN_UNIT} {unit} .\n"
            f"{mn} {_NT_DENOTES} {obj} .\n"
            f'{mn} {_NT_START} "{m.start}"{_NT_INTEGER} .\n'
            f'{mn} {_NT_END} "{m.end}"{_NT_INTEGER} .\n'
            f"{mn} {_NT_SURFACE} {_nt_string(m.text)} .\n"
        )
        a = m.attrs
        if m.type == "deadline":
            if a.get("date"):
                lines.append(f"{mn} {_NT_DEADLINE} {_nt_string(str(a['date']))}{_NT_DATE} .\n")
            if a.get("counted_from"):  # a time limit's event: 受理, 收到申请
                lines.append(f"{mn} {_NT_COUNTED_FROM} {_nt_string(a['counted_from'])}@zh .\n")
            if a.get("certainty") == AHEAD:  # 有效期届满三十日前: at least that long before it
                lines.append(f"{mn} {_NT_AHEAD} .\n")
            if a.get("recurs"):  # --03-31 every year, ---10 every month
                kind = _NT_DAY if a["recurs"].startswith("---") else _NT_MONTH_DAY
                lines.append(f"{mn} {_NT_RECURS} {_nt_string(a['recurs'])}{kind} .\n")
        elif m.type == "actor":
            if a.get("role"):
                lines.append(f"{mn} {_NT_ROLE} {_nt_string(str(a['role']))} .\n")
            if a.get("level"):  # 省生态环境厅: the remit at the provincial level
                lines.append(f"{mn} {_NT_AT_LEVEL} {concept_iri(str(a['level']))} .\n")
        elif m.type == "instrument":
            for cue in cues_of(a):  # every distinct cue of the unit, the first at the span
                lines.append(f"{mn} {_NT_CUE} {_nt_string(cue)} .\n")
        shortcuts[f"{unit} {_NT_SHORTCUT[m.type]} {obj} .\n"] = None
    lines.extend(shortcuts)
    return "".join(lines), bodies


# ISO 8601's designators (after T: the time of day's) as OWL-Time's units
_TIME_UNITS = {"D": TIME.unitDay, "W": TIME.unitWeek, "M": TIME.unitMonth, "Y": TIME.unitYear,
               "TH": TIME.unitHour, "TM": TIME.unitMinute}  # fmt: skip


def _body_triples(m: Mention, body: NamedNode) -> Iterator[Triple]:
    """What the graph knows of what a mention denotes: the instants of a date, a target's
    quantity, a place's code and containment, the label of a body outside the vocabulary."""
    a = m.attrs
    if m.type == "deadline" and a.get("recurs"):  # the month and day of the Gregorian year
        recurs = str(a["recurs"])
        yield Triple(body, RDF.type, TIME.DateTimeDescription)
        yield Triple(body, TIME.unitType, TIME.unitDay)
        if not recurs.startswith("---"):  # --03-31: a month and its day
            yield Triple(body, TIME.month, Literal(recurs[:4], datatype=XSD.gMonth))
        yield Triple(body, TIME.day, Literal(f"---{recurs[-2:]}", datatype=XSD.gDay))
    elif m.type == "deadline" and a.get("duration") and not a.get("date"):  # P20D: OWL-Time's
        length = str(a["duration"])  # P20D, PT24H
        timed = length.startswith("PT")
        yield Triple(body, RDF.type, TIME.Duration)
        yield Triple(
            body,
            TIME.numericDuration,
            Literal(length[2 if timed else 1 : -1], datatype=XSD.decimal),
        )
        yield Triple(body, TIME.unitType, _TIME_UNITS[("T" if timed else "") + length[-1]])
        if a.get("working_days"):
            yield Triple(body, PKG.workingDays, Literal(True))
    elif m.type == "deadline" and a.get("date"):
        end = concept_iri(f"date/{a['date']}")
        yield Triple(end, RDF.type, TIME.Instant)
        yield Triple(end, TIME.inXSDDate, _date(str(a["date"])))
        if body != end:
            begin = concept_iri(f"date/{a['date_from']}")
            yield Triple(body, RDF.type, TIME.Interval)
            yield Triple(body, TIME.hasBeginning, begin)
            yield Triple(body, TIME.hasEnd, end)
            yield Triple(begin, RDF.type, TIME.Instant)
            yield Triple(begin, TIME.inXSDDate, _date(str(a["date_from"])))
    elif m.type == "target":
        yield from _target_triples(m, body)
    elif m.type == "fine":
        yield from _fine_triples(m, body)
    elif m.type == "region":
        if a.get("code"):
            yield Triple(body, PKG.adminCode, Literal(str(a["code"])))
        if a.get("level"):
            yield Triple(body, PKG.level, Literal(str(a["level"])))
        parent = a.get("city") if a.get("city") != a.get("code") else None
        parent = parent or (a.get("province") if a.get("province") != a.get("code") else None)
        if parent:
            yield Triple(body, PKG.within, concept_iri(f"region/{parent}"))
        if a.get("city") and a.get("province") and a.get("city") != a.get("code"):
            yield Triple(
                concept_iri(f"region/{a['city']}"),
                PKG.within,
                concept_iri(f"region/{a['province']}"),
            )
        if m.label:
            yield Triple(body, SKOS.prefLabel, Literal(m.label, language="zh"))
    elif m.type == "actor" and not m.concept:
        if m.label:
            yield Triple(body, SKOS.prefLabel, Literal(m.label, language="zh"))
        if a.get("broader"):  # 市人大常委会: a city's standing committee, a kind of the concept
            yield Triple(body, SKOS.broader, concept_iri(str(a["broader"])))


_FINE_NUMBERS = (
    ("minimum", PKG.minimumAmount),
    ("maximum", PKG.maximumAmount),
    ("multiple_min", PKG.minimumMultiple),
    ("multiple_max", PKG.maximumMultiple),
)
_FINE_WORDS = (("of", PKG.multipleOf), ("party", PKG.party), ("per", PKG.per))


def _fine_triples(m: Mention, body: NamedNode) -> Iterator[Triple]:
    """A fine node: 罚款 or 罚金, the amount in yuan or as multiples of a base, whom it fines."""
    a = m.attrs
    yield Triple(body, RDF.type, PKG.Fine)
    yield Triple(body, PKG.kind, Literal(m.label or "罚款"))
    for key, prop in _FINE_NUMBERS:
        if a.get(key) is not None:
            digits = format(float(a[key]), "f").rstrip("0").rstrip(".")  # 20000, 0.02
            yield Triple(body, prop, Literal(digits, datatype=XSD.decimal))
    for key, prop in _FINE_WORDS:
        if a.get(key):
            yield Triple(body, prop, Literal(str(a[key]), language="zh"))


def _target_triples(m: Mention, body: NamedNode) -> Iterator[Triple]:
    """A target node: what it is on (indicator, region, scope), the quantity, the years."""
    a = m.attrs
    yield Triple(body, RDF.type, PKG.Target)
    if m.concept:
        yield Triple(body, PKG.indicator, concept_iri(m.concept))
    if a.get("region"):
        yield Triple(body, PKG.region, concept_iri(str(a["region"])))
    if a.get("value") is not None:
        value = float(a["value"])
        yield Triple(body, PKG.value, Literal(repr(value), datatype=XSD.decimal))
        unit = qudt_unit(str(a.get("unit_base") or a.get("unit") or ""))
        if unit is not None:
            amount = in_unit(value, float(a.get("scale") or 1.0))
            yield Triple(body, QUDT.hasUnit, NamedNode(unit))
            yield Triple(
                body, QUDT.numericValue, Literal(format(amount, "f"), datatype=XSD.decimal)
            )
    for key, prop in (
        ("unit", PKG.unit),
        ("comparator", PKG.comparator),
        ("direction", PKG.direction),
        ("phrase", PKG.phrase),
        ("subject", PKG.subject),
        ("scope", PKG.scope),
    ):
        if a.get(key):
            yield Triple(body, prop, Literal(str(a[key])))
    for key, prop in (("baseline", PKG.baselineYear), ("year", PKG.targetYear)):
        if a.get(key) is not None:
            yield Triple(body, prop, _int(int(a[key])))
    if a.get("binding") is not None:
        yield Triple(
            body, PKG.binding, Literal(str(bool(a["binding"])).lower(), datatype=XSD.boolean)
        )
    yield Triple(body, PKG.text, Literal(m.text))
