"""The plain document model as RDF quads, one named graph per document.

ELI for documents and their subdivisions, W3C Web Annotation for mentions (body = the concept,
target = the characters of the source), OWL-Time for deadlines. Every node has an IRI minted
from the model's deterministic ids, never a blank node, so that two builds, or an embedded store
and a remote server, hold exactly the same quads.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad

from extract.model import Document, Mention, Unit, stable_id
from graph.record import dumps, unit_record
from graph.vocab import ELI, OA, PKG, PROV, RDF, SKOS, TIME, XSD, concept_iri, doc_iri, graph_iri

_UNIT_CLASS = {
    "measure": PKG.Measure,
    "box-item": PKG.BoxItem,
    "article": PKG.Article,
    "intro": PKG.Introduction,
    "paragraph": PKG.Paragraph,
}
_DIVISION_CLASS = {
    "chapter": PKG.Chapter,
    "section": PKG.Section,
    "part": PKG.Part,
    "box": PKG.Box,
    "group": PKG.BoxGroup,
}
_MENTION_CLASS = {
    "pollutant": PKG.PollutantMention,
    "region": PKG.RegionMention,
    "actor": PKG.ActorMention,
    "deadline": PKG.DeadlineMention,
    "target": PKG.TargetMention,
}
_SHORTCUT = {
    "pollutant": PKG.mentionsPollutant,
    "region": PKG.concernsRegion,
    "actor": PKG.involvesActor,
    "deadline": PKG.hasDeadline,
    "target": PKG.hasTarget,
}


def _int(n: int) -> Literal:
    return Literal(str(n), datatype=XSD.integer)


def _date(d: str) -> Literal:
    return Literal(d, datatype=XSD.date)


def mention_body(m: Mention) -> NamedNode:
    """What a mention denotes: a vocabulary concept, a date, or the target it states."""
    if m.type == "deadline" and m.attrs.get("date"):
        start = m.attrs.get("date_from")
        if start and start != m.attrs["date"]:
            return concept_iri(f"interval/{start}_{m.attrs['date']}")
        return concept_iri(f"date/{m.attrs['date']}")
    if m.type == "target":
        return doc_iri(m.id + "/target")
    if m.concept:
        return concept_iri(m.concept)
    return concept_iri(f"{m.type}/x-{stable_id(m.label or m.text, length=10)}")


def document_quads(doc: Document) -> Iterator[Quad]:
    """Every quad of ``doc``, in a stable order, in the document's named graph."""
    g = graph_iri(doc.id)
    d = doc_iri(doc.id)

    def q(s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> Quad:
        return Quad(s, p, o, g)

    yield q(d, RDF.type, PKG.Document)
    yield q(d, RDF.type, ELI.LegalResource)
    yield q(d, ELI.id_local, Literal(doc.id))
    yield q(d, PKG.sha256, Literal(doc.sha256))
    if doc.signature:
        yield q(d, PKG.signature, Literal(doc.signature))
    if doc.path:
        yield q(d, PKG.sourcePath, Literal(doc.path))
    if doc.title:
        yield q(d, ELI.title, Literal(doc.title, language="zh"))
    if doc.number:
        yield q(d, PKG.documentNumber, Literal(doc.number))
    if doc.date:
        yield q(d, ELI.date_document, _date(doc.date))
    if doc.genre:
        yield q(d, PKG.genre, Literal(doc.genre))
    if doc.note:
        yield q(d, PKG.note, Literal(doc.note))
    for n, issuer in enumerate(doc.issuers):
        known = doc.issuer_ids[n] if n < len(doc.issuer_ids) else None
        node = concept_iri(known or f"actor/x-{stable_id(issuer, length=10)}")
        yield q(d, ELI.passed_by, node)
        if not known:
            yield q(node, SKOS.prefLabel, Literal(issuer, language="zh"))
    for event in doc.history:
        node = doc_iri(f"{doc.id}/history-{event.get('date', '')}-{event.get('event', '')}")
        yield q(d, PKG.history, node)
        if event.get("date"):
            yield q(node, ELI.date_document, _date(event["date"]))
        if event.get("event"):
            yield q(node, PKG.kind, Literal(event["event"]))
        if event.get("text"):
            yield q(node, PKG.text, Literal(event["text"]))

    for div in doc.divisions:
        n = doc_iri(div.id)
        yield q(n, RDF.type, _DIVISION_CLASS[div.type])
        yield q(n, RDF.type, ELI.LegalResourceSubdivision)
        yield q(n, ELI.is_part_of, doc_iri(div.parent) if div.parent else d)
        yield q(n, PKG.partOf, d)
        if div.number is not None:
            yield q(n, ELI.number, _int(div.number))
        if div.title:
            yield q(n, ELI.title, Literal(div.title, language="zh"))
        yield from _position(q, n, doc.id, div.start, div.end)

    divisions = {div.id: div for div in doc.divisions}
    for order, unit in enumerate(doc.units):
        yield from _unit_quads(q, doc, unit, order)
        record = dumps(unit_record(doc, unit, divisions))
        yield q(doc_iri(unit.id), PKG.record, Literal(record, datatype=RDF.JSON))


def document_nquads(doc: Document) -> bytes:
    """The document's quads as N-Quads: what a build worker hands to the writer."""
    from pyoxigraph import RdfFormat, serialize

    data = serialize(document_quads(doc), format=RdfFormat.N_QUADS)
    assert data is not None
    return data


def _position(q, node: NamedNode, doc_id: str, start: int, end: int) -> Iterator[Quad]:  # noqa: ANN001
    sel = NamedNode(node.value + "/pos")
    yield q(node, OA.hasSelector, sel)
    yield q(sel, RDF.type, OA.TextPositionSelector)
    yield q(sel, OA.start, _int(start))
    yield q(sel, OA.end, _int(end))


def _unit_quads(q, doc: Document, unit: Unit, order: int) -> Iterator[Quad]:  # noqa: ANN001
    u = doc_iri(unit.id)
    yield q(u, RDF.type, _UNIT_CLASS.get(unit.kind, PKG.TextUnit))
    yield q(u, RDF.type, PKG.TextUnit)
    yield q(u, RDF.type, ELI.LegalResourceSubdivision)
    yield q(u, PKG.kind, Literal(unit.kind))
    yield q(u, PKG.order, _int(order))
    yield q(u, ELI.is_part_of, doc_iri(unit.parents[-1]) if unit.parents else doc_iri(doc.id))
    yield q(u, PKG.partOf, doc_iri(doc.id))
    if unit.number is not None:
        yield q(u, ELI.number, _int(unit.number))
    if unit.title:
        yield q(u, ELI.title, Literal(unit.title, language="zh"))
    yield q(u, PKG.text, Literal(unit.text, language="zh"))
    yield from _position(q, u, doc.id, unit.start, unit.end)
    sentences = []
    for s in unit.sentences:
        sn = NamedNode(f"{u.value}/s{s.index}")
        sentences.append(sn)
        yield q(sn, RDF.type, PKG.Sentence)
        yield q(sn, PKG.inUnit, u)
        yield q(sn, PKG.index, _int(s.index))
        yield q(sn, PKG.text, Literal(s.text, language="zh"))
        yield from _position(q, sn, doc.id, s.start, s.end)
    for m in unit.mentions:
        yield from _mention_quads(q, doc, u, m, sentences)


def _mention_quads(q, doc: Document, u: NamedNode, m: Mention, sentences: list) -> Iterator[Quad]:  # noqa: ANN001
    mn = doc_iri(m.id)
    body = mention_body(m)
    yield q(mn, RDF.type, OA.Annotation)
    yield q(mn, RDF.type, _MENTION_CLASS[m.type])
    yield q(mn, OA.hasBody, body)
    yield q(mn, PKG.inUnit, u)
    if m.sentence is not None and m.sentence < len(sentences):
        yield q(mn, PKG.inSentence, sentences[m.sentence])
    yield q(mn, PKG.surface, Literal(m.text))
    yield q(mn, PKG.extractor, Literal(m.source))
    target = NamedNode(mn.value + "/target")
    yield q(mn, OA.hasTarget, target)
    yield q(target, RDF.type, OA.SpecificResource)
    yield q(target, OA.hasSource, doc_iri(doc.id))
    yield from _position(q, target, doc.id, m.start, m.end)
    quote = NamedNode(target.value + "-quote")
    yield q(target, OA.hasSelector, quote)
    yield q(quote, RDF.type, OA.TextQuoteSelector)
    yield q(quote, OA.exact, Literal(doc.text[m.start : m.end]))
    yield q(u, _SHORTCUT[m.type], body)
    yield q(mn, PROV.wasDerivedFrom, doc_iri(doc.id))
    yield from _body_quads(q, m, body)


def _body_quads(q, m: Mention, body: NamedNode) -> Iterator[Quad]:  # noqa: ANN001
    a = m.attrs
    if m.type == "deadline" and a.get("date"):
        end = concept_iri(f"date/{a['date']}")
        yield q(end, RDF.type, TIME.Instant)
        yield q(end, TIME.inXSDDate, _date(str(a["date"])))
        if body != end:
            begin = concept_iri(f"date/{a['date_from']}")
            yield q(body, RDF.type, TIME.Interval)
            yield q(body, TIME.hasBeginning, begin)
            yield q(body, TIME.hasEnd, end)
            yield q(begin, RDF.type, TIME.Instant)
            yield q(begin, TIME.inXSDDate, _date(str(a["date_from"])))
        yield q(doc_iri(m.id), PKG.deadlineDate, _date(str(a["date"])))
    elif m.type == "target":
        yield q(body, RDF.type, PKG.Target)
        if a.get("value") is not None:
            yield q(body, PKG.value, Literal(repr(float(a["value"])), datatype=XSD.decimal))
        for key, prop in (
            ("unit", PKG.unit),
            ("comparator", PKG.comparator),
            ("direction", PKG.direction),
            ("indicator", PKG.indicator),
            ("subject", PKG.subject),
        ):
            if a.get(key):
                yield q(body, prop, Literal(str(a[key])))
        for key, prop in (("baseline", PKG.baselineYear), ("year", PKG.targetYear)):
            if a.get(key) is not None:
                yield q(body, prop, _int(int(a[key])))
        yield q(body, PKG.text, Literal(m.text))
    elif m.type == "region":
        if a.get("code"):
            yield q(body, PKG.adminCode, Literal(str(a["code"])))
        if a.get("level"):
            yield q(body, PKG.level, Literal(str(a["level"])))
        parent = a.get("city") if a.get("city") != a.get("code") else None
        parent = parent or (a.get("province") if a.get("province") != a.get("code") else None)
        if parent:
            yield q(body, PKG.within, concept_iri(f"region/{parent}"))
        if a.get("city") and a.get("province") and a.get("city") != a.get("code"):
            yield q(
                concept_iri(f"region/{a['city']}"),
                PKG.within,
                concept_iri(f"region/{a['province']}"),
            )
        if m.label:
            yield q(body, SKOS.prefLabel, Literal(m.label, language="zh"))
    elif m.type == "actor":
        if a.get("role"):
            yield q(doc_iri(m.id), PKG.role, Literal(str(a["role"])))
        if not m.concept and m.label:
            yield q(body, SKOS.prefLabel, Literal(m.label, language="zh"))
