"""Compact mentions in the store, W3C Web Annotation on demand, and nothing lost between them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize

from policykg.cli import main
from policykg.graph import measures, sparql
from policykg.graph.annotations import web_annotations
from policykg.graph.namespaces import OA, PKG, PROV, RDF, XSD, doc_iri, graph_iri
from policykg.graph.rdf import document_triples, mention_body
from policykg.graph.sparql import load_query
from policykg.graph.store import EmbeddedStore
from tests.conftest import PLAN_ID, corpus_file

ROOT = Path(__file__).resolve().parent.parent
LAW_ID = "regulation-shandong-soil-2019"


def _export(store: Path, fmt: str, *extra: str) -> bytes:
    result = CliRunner().invoke(main, ["export", "--store", str(store), "--format", fmt, *extra])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


@pytest.fixture(scope="module")
def plan_annotations(plan_doc) -> list[Triple]:
    return web_annotations(document_triples(plan_doc))


def _mentions(doc):
    return [(u, m) for u in doc.units for m in u.mentions]


def test_a_mention_is_stored_in_a_handful_of_quads(plan_doc):
    triples = list(document_triples(plan_doc))
    mentions = {doc_iri(m.id) for _, m in _mentions(plan_doc)}
    about_mentions = [t for t in triples if t.subject in mentions]
    # type, unit, what it denotes, start, end, words; a deadline's date, an actor's role, a cue
    assert len(about_mentions) / len(mentions) < 7
    assert not any(t.predicate.value.startswith(OA.base) for t in about_mentions)


def test_every_mention_becomes_one_web_annotation_with_both_selectors(plan_doc, plan_annotations):
    by_subject: dict[NamedNode, dict[NamedNode, list]] = {}
    for t in plan_annotations:
        by_subject.setdefault(t.subject, {}).setdefault(t.predicate, []).append(t.object)
    for _, m in _mentions(plan_doc):
        a = by_subject[doc_iri(m.id)]
        assert a[RDF.type] == [OA.Annotation] and a[OA.hasBody] == [mention_body(m)]
        [target] = a[OA.hasTarget]
        assert by_subject[target][OA.hasSource] == [doc_iri(PLAN_ID)]
        selectors = {
            by_subject[s][RDF.type][0]: by_subject[s] for s in by_subject[target][OA.hasSelector]
        }
        position = selectors[OA.TextPositionSelector]
        assert (int(position[OA.start][0].value), int(position[OA.end][0].value)) == (
            m.start,
            m.end,
        )
        assert selectors[OA.TextQuoteSelector][OA.exact] == [Literal(m.text)]


def test_the_quote_is_the_words_as_read_at_the_offsets_of_the_original_file(
    plan_doc, plan_text, plan_annotations
):
    # 优先控制化学品 is wrapped over two lines of the printed plan
    m = next(m for _, m in _mentions(plan_doc) if plan_text[m.start : m.end] == "优先控制化学\n品")
    quote = NamedNode(doc_iri(m.id).value + "/target-quote")
    assert [
        t.object for t in plan_annotations if t.subject == quote and t.predicate == OA.exact
    ] == [Literal("优先控制化学品")]


def test_the_cookbook_prints_the_query_that_export_runs():
    cookbook = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    stored = "".join(
        line + "\n"
        for line in load_query("web_annotations").splitlines()
        if not line.startswith("#")
    )
    assert f"```sparql\n{stored}```" in cookbook


def test_export_with_oa_annotations_adds_them_to_each_document_graph(built_store):
    plain = _export(built_store, "nq").decode("utf-8").splitlines()
    annotated = _export(built_store, "nq", "--annotations", "oa").decode("utf-8").splitlines()
    added = sorted(set(annotated) - set(plain))
    assert set(plain) <= set(annotated)
    assert added and all(line.endswith(f"{graph_iri(PLAN_ID)} .") for line in added)
    annotations = [line for line in added if f"{RDF.type} {OA.Annotation}" in line]
    mentions = [line for line in plain if f" {PKG.denotes} " in line]
    assert len(annotations) == len(mentions)


@pytest.mark.parametrize("fmt", ["nq", "ttl"])
def test_exports_with_annotations_are_byte_for_byte_deterministic(built_store, fmt):
    assert _export(built_store, fmt, "--annotations", "oa") == _export(
        built_store, fmt, "--annotations", "oa"
    )


def test_annotations_are_refused_for_a_table_export(built_store):
    result = CliRunner().invoke(
        main, ["export", "--store", str(built_store), "--format", "csv", "--annotations", "oa"]
    )
    assert result.exit_code == 1 and "RDF formats" in result.stderr


def test_the_web_annotations_conform_to_the_shapes_and_a_missing_quote_is_caught(
    plan_doc, plan_annotations
):
    pyshacl = pytest.importorskip("pyshacl")
    rdflib = pytest.importorskip("rdflib")

    from policykg.graph.vocabularies import ONTOLOGY_DIR

    data = serialize([*document_triples(plan_doc), *plan_annotations], format=RdfFormat.N_TRIPLES)
    g = rdflib.Graph().parse(data=data, format="nt")
    shapes = rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    conforms, _, report = pyshacl.validate(g, shacl_graph=shapes)
    assert conforms, report
    oa = rdflib.Namespace(OA.base)
    quote = next(g.subjects(rdflib.RDF.type, oa.TextQuoteSelector))
    g.remove((None, oa.hasSelector, quote))
    assert not pyshacl.validate(g, shacl_graph=shapes)[0]


# ---- the old model: every mention stored as a full Web Annotation (before commit "compact") ----

_OLD_UNITS_BY_ACTOR = """
SELECT DISTINCT ?unit ?role ?named WHERE {
  ?m oa:hasBody ?named ; pkg:inUnit ?unit .
  OPTIONAL { ?m pkg:role ?role }
}
"""
_OLD_CLASS = {
    "pollutant": "PollutantMention",
    "region": "RegionMention",
    "actor": "ActorMention",
    "deadline": "DeadlineMention",
    "target": "TargetMention",
    "instrument": "InstrumentMention",
    "fine": "FineMention",
}


def _old_triples(doc) -> list[Triple]:
    """The document's graph as the old model wrote it (graph/rdf.py at commit 0337ccc): every
    triple about a mention written here, each mention a full oa:Annotation with its target,
    position and quote selectors, sentence, extractor and source document; the rest (units,
    the shortcuts from units, what mentions denote) as the mapping writes it now."""
    mentions = {doc_iri(m.id) for _, m in _mentions(doc)}
    out = [t for t in document_triples(doc) if t.subject not in mentions]
    d = doc_iri(doc.id)
    for u, m in _mentions(doc):
        mn, unit = doc_iri(m.id), doc_iri(u.id)
        target = NamedNode(mn.value + "/target")
        pos, quote = NamedNode(target.value + "/pos"), NamedNode(target.value + "-quote")
        out += [
            Triple(mn, RDF.type, OA.Annotation),
            Triple(mn, RDF.type, PKG[_OLD_CLASS[m.type]]),
            Triple(mn, OA.hasBody, mention_body(m)),
            Triple(mn, PKG.inUnit, unit),
            Triple(mn, PKG.surface, Literal(m.text)),
            Triple(mn, NamedNode(PKG.base + "extractor"), Literal(m.source)),
            Triple(mn, OA.hasTarget, target),
            Triple(target, RDF.type, OA.SpecificResource),
            Triple(target, OA.hasSource, d),
            Triple(target, OA.hasSelector, pos),
            Triple(pos, RDF.type, OA.TextPositionSelector),
            Triple(pos, OA.start, Literal(str(m.start), datatype=XSD.integer)),
            Triple(pos, OA.end, Literal(str(m.end), datatype=XSD.integer)),
            Triple(target, OA.hasSelector, quote),
            Triple(quote, RDF.type, OA.TextQuoteSelector),
            Triple(quote, OA.exact, Literal(doc.text[m.start : m.end])),
            Triple(mn, PROV.wasDerivedFrom, d),
        ]
        if m.sentence is not None and m.sentence < len(u.sentences):
            sentence = NamedNode(f"{unit.value}/s{m.sentence}")
            out.append(Triple(mn, NamedNode(PKG.base + "inSentence"), sentence))
        a = m.attrs
        if m.type == "deadline" and a.get("date"):
            out.append(Triple(mn, PKG.deadlineDate, Literal(str(a["date"]), datatype=XSD.date)))
        elif m.type == "instrument" and a.get("cue"):
            out.append(Triple(mn, PKG.cue, Literal(str(a["cue"]))))
        elif m.type == "actor" and a.get("role"):
            out.append(Triple(mn, PKG.role, Literal(str(a["role"]))))
    return out


def _store(root: Path, docs, triples_of) -> EmbeddedStore:
    store = EmbeddedStore(root)
    with store.writing() as writer:
        writer.load_ontology()
        for doc in docs:
            data = serialize(list(triples_of(doc)), format=RdfFormat.N_TRIPLES)
            writer.replace_graph(graph_iri(doc.id), data)
    return store


@pytest.fixture(scope="module")
def two_docs(nlp, plan_doc):
    from policykg.extract.pipeline import analyse_file

    return [plan_doc, analyse_file(corpus_file(f"{LAW_ID}.txt"), nlp, {"id": LAW_ID})]


FILTERS = [
    {},
    {"pollutant": "pollutant/cadmium"},
    {"pollutant": "pollutant/heavy-metals", "exact": True},
    {"region": "region/430000"},
    {"region": "region/430000", "overlapping": True},
    {"region": "region/370000"},
    {"before": "2018"},
    {"after": "2019"},
    {"actor": "actor/ecology-environment-authorities"},
    {"actor": "actor/ecology-environment-authorities", "role": "lead"},
    {"pollutant": "pollutant/cadmium", "before": "2018"},
]


def test_the_old_and_the_compact_model_give_the_same_measures_json(two_docs, monkeypatch, tmp_path):
    new = _store(tmp_path / "new", two_docs, document_triples)
    old = _store(tmp_path / "old", two_docs, _old_triples)
    ids = [d.id for d in two_docs]

    def answers(backend) -> list[str]:
        out = [json.dumps(measures.documents(backend), ensure_ascii=False)]
        for f in FILTERS:
            items = measures.items(backend, measures.Filters(**f), ids)
            out.append(json.dumps(items, ensure_ascii=False, sort_keys=True))
        return out

    compact = answers(new)
    old_queries = {"units_by_actor": _OLD_UNITS_BY_ACTOR}
    monkeypatch.setattr(
        sparql, "load_query", lambda name: old_queries.get(name) or load_query(name)
    )
    before = answers(old)
    assert [len(json.loads(a)) for a in compact[1:]].count(0) < 3  # the filters find units
    assert compact == before


def test_the_annotations_made_on_demand_are_those_the_old_model_stored(two_docs):
    """Up to the quote, whose line breaks are removed, and the motivation, which is new."""
    for doc in two_docs:
        mentions = {doc_iri(m.id).value for _, m in _mentions(doc)}
        old = {
            t
            for t in _old_triples(doc)
            if t.subject.value.split("/target")[0] in mentions
            and (t.predicate.value.startswith(OA.base) or t.object.value.startswith(OA.base))
        }
        made = set(web_annotations(document_triples(doc)))

        def normal(t: Triple) -> Triple:
            if t.predicate == OA.exact:
                return Triple(t.subject, t.predicate, Literal(re.sub(r"\s", "", t.object.value)))
            return t

        assert {normal(t) for t in made if t.predicate != OA.motivatedBy} == {
            normal(t) for t in old
        }


def test_the_cookbook_construct_on_a_store_gives_what_export_adds(built_store):
    store = EmbeddedStore(built_store)
    everywhere = set(store.query(load_query("web_annotations")))  # type: ignore[arg-type]
    per_graph = set(web_annotations(store.triples(graph_iri(PLAN_ID))))
    assert everywhere == per_graph and everywhere
    # what the export reads: the graph's N-Triples as the store writes them
    assert set(web_annotations(store.ntriples(graph_iri(PLAN_ID)))) == everywhere


def test_the_ntriples_a_build_writes_are_the_documents_triples(plan_doc, nlp):
    """Sentences and mentions are written as text: quotes, backslashes and tabs escaped."""
    from pyoxigraph import parse

    from policykg.extract.pipeline import analyse_text
    from policykg.graph.rdf import document_ntriples

    odd = analyse_text('第一条 严格控制"镉\\"和\t汞\\n排放，由生态环境主管部门负责。\n', "odd", nlp)
    assert any(m.text == "镉" for u in odd.units for m in u.mentions)
    for doc in (plan_doc, odd):
        written = {q.triple for q in parse(document_ntriples(doc), format=RdfFormat.N_TRIPLES)}
        assert written == set(document_triples(doc))
