"""What documents govern, in RDF and in the ``docs`` listing: jurisdictions, bodies, histories.

A store of a national law, a provincial regulation and three local regulations (a city's,
approved by its province; a county's; a municipality's) answers the two walks the query side
relies on: documents whose jurisdiction lies inside a place, and documents whose jurisdiction
contains it.
"""

from __future__ import annotations

import pytest

from policykg.extract.metadata import extract_metadata
from policykg.extract.pipeline import analyse_file, analyse_text
from policykg.graph import measures
from policykg.graph.namespaces import ID, graph_iri
from policykg.graph.rdf import document_ntriples
from policykg.graph.sparql import select
from policykg.graph.store import EmbeddedStore
from tests.conftest import CORPUS, corpus_file
from tests.test_local_metadata import plain

LOCAL = {
    "jinan-quake": "济南市防震减灾条例",
    "shizhu-xituo": "石柱土家族自治县西沱国家历史文化名镇保护条例",
    "chongqing-unions": "重庆市工会条例",
}


@pytest.fixture(scope="module")
def docs(nlp):
    out = [
        analyse_file(corpus_file("law-air-pollution-2018.txt"), nlp),
        analyse_file(corpus_file("regulation-shandong-soil-2019.txt"), nlp),
    ]
    for doc_id, prefix in LOCAL.items():
        path = next((CORPUS / "local-regulations").glob(prefix + "*.md"))
        text = plain(path.read_text(encoding="utf-8"))
        out.append(analyse_text(text, doc_id, nlp, extract_metadata(text), str(path)))
    return {d.id: d for d in out}


@pytest.fixture(scope="module")
def store(docs, tmp_path_factory) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path_factory.mktemp("documents") / "kg")
    with store.writing() as writer:
        writer.load_ontology()
        for doc in docs.values():
            writer.replace_graph(graph_iri(doc.id), document_ntriples(doc))
    return store


def ask(store: EmbeddedStore, query: str, **concepts: str) -> set[str]:
    """The ``?id`` values of a SELECT whose ``$name`` placeholders name concepts (test data,
    written into the query: the stored queries bind their values)."""
    for name, concept in concepts.items():
        query = query.replace(f"${name}", f"<{ID}{concept}>")
    return {row["id"].value for row in select(store, query)}


def test_docs_entries_carry_jurisdiction_issuers_history_and_both_dates(store):
    entries = {d["id"]: d for d in measures.documents(store)}
    jinan = entries["jinan-quake"]
    assert jinan["jurisdiction"] == {"label": "济南市", "code": "370100"}
    assert jinan["issuers"] == ["济南市人民代表大会常务委员会", "山东省人民代表大会常务委员会"]
    assert [(e["date"], e["event"], e["body"]) for e in jinan["history"]] == [
        ("2011-09-28", "passed", "济南市人民代表大会常务委员会"),
        ("2011-11-25", "approved", "山东省人民代表大会常务委员会"),
    ]
    assert (jinan["date"], jinan["effective"]) == ("2011-11-25", "2011-12-20")
    assert jinan["units"] > 40 and jinan["mentions"] > 100
    law = entries["law-air-pollution-2018"]
    assert law["jurisdiction"] == {"label": "中华人民共和国", "code": "100000"}
    assert law["issuers"] == ["全国人民代表大会常务委员会"]
    assert entries["shizhu-xituo"]["jurisdiction"]["code"] == "500240"


def test_a_repealed_act_is_no_longer_in_force_from_the_day_its_successor_is(tmp_path):
    path = next((CORPUS / "local-regulations").glob("台州市物业管理条例*.md"))
    text = plain(path.read_text(encoding="utf-8"))
    doc = analyse_text(text, "taizhou-property", None, extract_metadata(text), str(path))
    assert (doc.effective, doc.repeals) == ("2021-05-01", ["台州市物业管理规定"])
    store = EmbeddedStore(tmp_path / "kg")
    with store.writing() as writer:
        writer.replace_graph(graph_iri(doc.id), document_ntriples(doc))
    (row,) = select(
        store,
        "SELECT ?title ?until WHERE { ?doc eli:repeals ?act . "
        "?act a eli:LegalResource ; eli:title ?title ; eli:date_no_longer_in_force ?until }",
    )
    assert (row["title"].value, row["until"].value) == ("台州市物业管理规定", "2021-05-01")
    (entry,) = measures.documents(store)
    assert entry["repeals"] == ["台州市物业管理规定"]


def test_the_counts_of_a_docs_entry_are_what_the_store_holds(store):
    """Counted when the document is written; they must agree with the stored units and
    mentions."""
    for entry in measures.documents(store):
        doc = f"<https://w3id.org/policykg/doc/{entry['id']}>"
        (row,) = select(
            store,
            "SELECT (COUNT(DISTINCT ?u) AS ?units) (COUNT(DISTINCT ?m) AS ?mentions) WHERE {"
            f" ?u a pkg:TextUnit ; pkg:partOf {doc} . OPTIONAL {{ ?m pkg:inUnit ?u ; pkg:denotes ?what }} }}",
        )
        assert (entry["units"], entry["mentions"]) == (
            int(row["units"].value),
            int(row["mentions"].value),
        ), entry["id"]


def test_the_country_heads_the_divisions_and_every_province_lies_within_it(store):
    query = "SELECT ?id WHERE { ?p pkg:within $country ; pkg:adminCode ?id }"
    provinces = ask(store, query, country="region/100000")
    assert {"370000", "500000", "110000", "650000"} <= provinces
    assert len(provinces) >= 31
    label = 'SELECT ?id WHERE { $country skos:prefLabel ?id FILTER (lang(?id) = "zh") }'
    assert ask(store, label, country="region/100000") == {"中华人民共和国"}


def test_documents_governing_an_area_inside_a_province_are_a_within_walk(store):
    query = "SELECT ?id WHERE { ?d eli:id_local ?id ; eli:jurisdiction ?j . ?j pkg:within* $place }"
    assert ask(store, query, place="region/370000") == {
        "jinan-quake",
        "regulation-shandong-soil-2019",
    }
    assert ask(store, query, place="region/500000") == {"shizhu-xituo", "chongqing-unions"}


def test_documents_binding_a_city_are_its_own_its_provinces_and_the_nations(store):
    query = "SELECT ?id WHERE { ?d eli:id_local ?id ; eli:jurisdiction ?j . $place pkg:within* ?j }"
    assert ask(store, query, place="region/370100") == {
        "jinan-quake",
        "regulation-shandong-soil-2019",
        "law-air-pollution-2018",
    }


def test_history_events_are_ordered_nodes_acted_by_the_issuing_bodies(store):
    query = (
        "SELECT ?id WHERE { ?d eli:id_local 'jinan-quake' ; pkg:history ?e ; "
        "pkg:issuance [ pkg:index 2 ; pkg:issuer ?body ] . "
        "?e pkg:kind 'approved' ; prov:wasAssociatedWith ?body ; dct:date ?date ; pkg:index ?n . "
        "BIND (CONCAT(STR(?date), ' ', STR(?n)) AS ?id) }"
    )
    assert ask(store, query) == {"2011-11-25 2"}
    effective = (
        "SELECT ?id WHERE { ?d eli:id_local 'jinan-quake' ; eli:first_date_entry_in_force ?id }"
    )
    assert ask(store, effective) == {"2011-12-20"}


def test_a_national_issuer_is_the_vocabulary_node_of_that_body(store):
    query = "SELECT ?id WHERE { ?d eli:id_local 'law-air-pollution-2018' ; eli:passed_by ?id }"
    assert ask(store, query) == {ID + "actor/npc-standing-committee"}


def test_this_city_in_a_citys_regulation_is_a_resolved_mention_of_the_city(docs):
    jinan = docs["jinan-quake"]
    resolved = [
        m for u in jinan.units for m in u.mentions if m.attrs.get("resolved") == "jurisdiction"
    ]
    assert {m.text for m in resolved} >= {"本市"}
    assert {m.concept for m in resolved} == {"region/370100"}
    # a national law's 本行政区域 is each local government's own area: left alone
    law = docs["law-air-pollution-2018"]
    assert not [m for u in law.units for m in u.mentions if m.attrs.get("resolved")]


def test_every_document_graph_conforms_to_the_shapes(docs):
    pyshacl = pytest.importorskip("pyshacl")
    from tests.test_shapes import _graph, _shapes

    for doc in docs.values():
        conforms, _, report = pyshacl.validate(_graph(doc), shacl_graph=_shapes())
        assert conforms, report


def test_each_document_lives_in_its_own_named_graph(store, docs):
    for doc_id in docs:
        assert graph_iri(doc_id) in store.graphs()


def test_the_measures_item_marks_a_resolved_place_and_keeps_a_former_name(docs):
    from policykg.graph.record import unit_record

    jinan = docs["jinan-quake"]
    divisions = {d.id: d for d in jinan.divisions}
    items = [unit_record(jinan, u, divisions) for u in jinan.units]
    regions = [r for i in items for r in i["regions"] if r["text"] == "本市"]
    assert regions and all(r["resolved"] == "jurisdiction" for r in regions)
    assert {r["code"] for r in regions} == {"370100"}
    lands = [a for i in items for a in i["actors"] if a.get("former_name") == "国土资源"]
    assert lands and {a["id"] for a in lands} == {"actor/natural-resources-authorities"}
