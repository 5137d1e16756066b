"""What a whole document is on: the pollutants its title names (pkg:aboutPollutant), so that
"what do Jinan's rules say about dust" takes every article of a dust regulation, the ones that
never say 扬尘 included, as the region filter takes every article of a city's rules."""

from __future__ import annotations

import pytest

from policykg.extract.metadata import extract_metadata
from policykg.extract.pipeline import _title_pollutants, analyse_file, analyse_text
from policykg.graph import measures
from policykg.graph.namespaces import PKG, concept_iri, doc_iri, graph_iri
from policykg.graph.rdf import document_ntriples
from policykg.graph.store import EmbeddedStore
from tests.conftest import corpus_file


@pytest.mark.parametrize(
    ("title", "about"),
    [
        # titles of public documents: a plan, national standards, a law
        ("重金属污染综合防治“十二五”规划", ["pollutant/heavy-metal"]),
        ("挥发性有机物无组织排放控制标准", ["pollutant/voc"]),
        ("饮食业油烟排放标准", ["pollutant/cooking-fume"]),
        ("中华人民共和国噪声污染防治法", ["pollutant/noise"]),
        # a medium is no pollutant a law is on, article by article (the bundled laws)
        ("中华人民共和国大气污染防治法", []),
        ("中华人民共和国土壤污染防治法", []),
        ("山东省土壤污染防治条例", []),
    ],
)
def test_a_title_names_what_the_document_is_on(nlp, title, about):
    assert _title_pollutants(nlp, title) == about


@pytest.fixture(scope="module")
def air_law(nlp):
    return analyse_file(corpus_file("law-air-pollution-2018.txt"), nlp)


@pytest.fixture(scope="module")
def store(nlp, air_law, tmp_path_factory) -> EmbeddedStore:
    """The real air law, and its text again as a document whose title named 油烟 (the graph
    side, given a document model: no bundled title names a pollutant)."""
    again = analyse_text(air_law.text, "on-fumes", nlp, extract_metadata(air_law.text))
    on_fumes = again.model_copy(update={"about": ["pollutant/cooking-fume"]})
    store = EmbeddedStore(tmp_path_factory.mktemp("subject") / "kg")
    with store.writing() as writer:
        writer.load_ontology()
        for doc in (air_law, on_fumes):
            writer.replace_graph(graph_iri(doc.id), document_ntriples(doc))
    return store


def test_the_graph_says_what_a_document_is_on(air_law, store):
    fumes = concept_iri("pollutant/cooking-fume")
    written = {(t.subject, t.predicate, t.object) for t in store.triples(graph_iri("on-fumes"))}
    assert (doc_iri("on-fumes"), PKG.aboutPollutant, fumes) in written
    assert air_law.about == []
    law = doc_iri(
        air_law.id
    )  # (its headings may be: 第四节 扬尘污染防治, tests/test_heading_pollutants.py)
    assert not any(
        t.subject == law and t.predicate == PKG.aboutPollutant
        for t in store.triples(graph_iri(air_law.id))
    )
    (entry,) = [d for d in measures.documents(store) if d["id"] == "on-fumes"]
    assert entry["about"] == ["pollutant/cooking-fume"]


def test_every_unit_of_a_document_on_a_pollutant_is_found_for_it(air_law, store):
    items = list(measures.iter_items(store, measures.Filters(pollutant="油烟")))
    on_fumes = [i for i in items if i["source"]["document"] == "on-fumes"]
    assert len(on_fumes) == len(air_law.units)  # every article, 第一条 to the last
    plain = [i for i in items if i["source"]["document"] == air_law.id]
    assert plain and all("names 油烟" in i["matched"]["pollutant"] for i in plain)
    naming = {i["id"] for i in on_fumes if "names 油烟" in i["matched"]["pollutant"]}
    assert len(naming) == len(plain)  # the same articles name it in both
    # those that name it come first, then the rest of the document, each saying why
    assert {i["id"] for i in items[: 2 * len(naming)]} >= naming
    assert all("document on 油烟" in i["matched"]["pollutant"] for i in on_fumes)
    # --exact: only the units that name it
    exact = list(measures.iter_items(store, measures.Filters(pollutant="油烟", exact=True)))
    assert len(exact) == 2 * len(naming)


def test_a_document_on_a_kind_counts_for_the_broader_pollutant_not_the_other_way(store):
    broader = measures.iter_items(store, measures.Filters(pollutant="大气污染物"))
    reasons = {
        r
        for i in broader
        if i["source"]["document"] == "on-fumes"
        for r in i["matched"]["pollutant"]
    }
    assert "document on 油烟, a kind of 大气污染物" in reasons
