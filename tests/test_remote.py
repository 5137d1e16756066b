"""A real Oxigraph server holds and answers exactly what the embedded store does."""

from __future__ import annotations

import json

import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize

import policykg
from policykg.errors import QueryError, StoreError, UpdateRefused
from policykg.extract.model import Document
from policykg.graph.namespaces import ONTOLOGY_GRAPH, SKOS, concept_iri, doc_iri, graph_iri
from policykg.graph.rdf import document_ntriples
from policykg.graph.remote import RemoteBackend
from policykg.graph.sparql import Backend, load_query, run, select, substitute, with_values
from policykg.graph.store import EmbeddedStore
from policykg.graph.user_sparql import run_user_query
from tests.conftest import corpus_file, free_port

DOC_ID = "guideline-ftz-eco-2021"
EVIL = "\"} DROP ALL; INSERT DATA {<a> <b> <c>} # ' \\ {{ }} \n\r\t \\u0022 \u0022 ?x $y"
EVIL_GRAPH = NamedNode("http://example.org/evil")
EVIL_NODE = NamedNode("http://example.org/evil/label")

pytestmark = pytest.mark.server


@pytest.fixture(scope="session")
def doc() -> Document:
    from policykg.extract.pipeline import analyse_text

    path = corpus_file(f"{DOC_ID}.txt")
    doc = analyse_text(path.read_text(encoding="utf-8"), DOC_ID, None, path=str(path))
    return doc.model_copy(update={"signature": "0" * 64})


def _evil_ntriples() -> bytes:
    return serialize([Triple(EVIL_NODE, SKOS.prefLabel, Literal(EVIL))], format=RdfFormat.N_TRIPLES)


def _write(backend: Backend, doc: Document) -> None:
    """The ontology, the document and the injection graph, written as a build writes them."""
    with backend.writing() as writer:
        writer.load_ontology()
        writer.replace_graph(graph_iri(DOC_ID), document_ntriples(doc))
        writer.replace_graph(EVIL_GRAPH, _evil_ntriples())


@pytest.fixture(scope="session")
def embedded(tmp_path_factory: pytest.TempPathFactory, doc: Document) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path_factory.mktemp("embedded") / "kg")
    _write(store, doc)
    return store


@pytest.fixture(scope="session")
def remote(server: str, doc: Document) -> str:
    """The same three graphs on the server; the document written twice, once in small batches."""
    _write(RemoteBackend(f"{server}/query", f"{server}/update"), doc)
    small = RemoteBackend(f"{server}/query", f"{server}/update", batch=100)
    with small.writing() as writer:
        writer.replace_graph(graph_iri(DOC_ID), document_ntriples(doc))
    return server


def _graph(backend: Backend, graph: NamedNode) -> list[str]:
    return sorted(f"{t} {graph} ." for t in backend.triples(graph))


def _remote_graph(url: str, graph: NamedNode) -> list[str]:
    return _graph(RemoteBackend(f"{url}/query"), graph)


def _count(url: str) -> int:
    rows = select(RemoteBackend(f"{url}/query"), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(rows[0]["n"].value)


def _plain(rows: list[dict]) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in r.items()} for r in rows]


def test_a_remote_build_holds_the_same_quads_as_the_embedded_one(remote, embedded):
    assert RemoteBackend(f"{remote}/query").graphs() == embedded.graphs()
    for graph in (graph_iri(DOC_ID), ONTOLOGY_GRAPH, EVIL_GRAPH):
        remote_quads = _remote_graph(remote, graph)
        assert remote_quads == _graph(embedded, graph)
    assert len(_remote_graph(remote, graph_iri(DOC_ID))) > 1000


def test_building_a_document_again_leaves_the_same_data(remote, embedded, doc):
    before = _count(remote)
    plain = RemoteBackend(f"{remote}/query", f"{remote}/update")
    with_gsp = RemoteBackend(f"{remote}/query", f"{remote}/update", gsp=f"{remote}/store")
    for backend in (plain, with_gsp):
        with backend.writing() as writer:
            writer.replace_graph(graph_iri(DOC_ID), document_ntriples(doc))
    assert _count(remote) == before
    assert _remote_graph(remote, graph_iri(DOC_ID)) == _graph(embedded, graph_iri(DOC_ID))


@pytest.mark.parametrize("union", ["graphs", "oxigraph"])
def test_stored_queries_give_the_same_rows_remote_and_embedded(remote, embedded, union):
    local = embedded
    far = RemoteBackend(f"{remote}/query", union=union)
    d = doc_iri(DOC_ID)
    assert _plain(run(far, "documents")) == _plain(run(local, "documents"))
    assert len(run(local, "documents")) == 1
    g = graph_iri(DOC_ID)
    assert _plain(run(far, "unit_records", doc=d, g=g)) == _plain(
        run(local, "unit_records", doc=d, g=g)
    )
    # a VALUES block the query is given (the labels of the concepts a filter found)
    listed = with_values(
        load_query("labels_listed"),
        "concept",
        [concept_iri("pollutant/cadmium"), concept_iri("region/430000")],
    )
    labels = sorted((r["concept"], r["label"]) for r in _plain(select(local, listed)))
    assert sorted((r["concept"], r["label"]) for r in _plain(select(far, listed))) == labels
    assert [label for _, label in labels] == ['"镉"@zh', '"湖南省"@zh']


def test_every_stored_query_without_bindings_answers_alike(remote, embedded):
    from policykg.graph.sparql import QUERY_DIR, load_query

    local, far = embedded, RemoteBackend(f"{remote}/query")
    for path in sorted(QUERY_DIR.glob("*.rq")):
        query = load_query(path.stem)
        if "(bound" in query:
            continue
        if "\nCONSTRUCT" in query:  # web_annotations: what export --annotations oa adds
            made = sorted(map(str, local.query(query)))  # type: ignore[arg-type]
            assert sorted(map(str, far.query(query))) == made, path.name  # type: ignore[arg-type]
            continue
        key = lambda r: sorted(r.items())  # noqa: E731
        mine = sorted(_plain(select(local, query)), key=key)
        assert sorted(_plain(select(far, query)), key=key) == mine, path.name


def test_the_stored_signature_is_read_back_from_the_server(remote, embedded, doc):
    with RemoteBackend(f"{remote}/query", f"{remote}/update").writing() as writer:
        got = writer.signature(DOC_ID)
        assert writer.signature("evil") is None
    with embedded.writing() as mine:
        assert got == mine.signature(DOC_ID) == doc.signature


def test_a_hostile_binding_comes_back_as_a_literal_match(remote, embedded):
    before = _count(remote)
    query = "SELECT ?s ?needle WHERE { ?s skos:prefLabel ?needle . ?s skos:prefLabel ?label }"
    answers = []
    for backend in (RemoteBackend(f"{remote}/query"), embedded):
        rows = select(backend, query, {"needle": Literal(EVIL)})
        assert rows == [{"s": EVIL_NODE, "needle": Literal(EVIL)}]
        bound = {"needle": Literal(EVIL.lower()), "scheme": Literal("http://example.org/evil/")}
        rows = run(backend, "concept_by_label", **bound)
        assert [r["concept"] for r in rows] == [EVIL_NODE]
        answers.append(rows)
        # the value as terms of a VALUES block (a name without case is looked up so)
        terms = [Literal(EVIL, language="zh"), Literal(EVIL, language="en"), Literal(EVIL)]
        listed = with_values(load_query("concept_by_term"), "term", terms)
        rows = select(backend, listed, {"scheme": bound["scheme"]})
        assert [r["concept"] for r in rows] == [EVIL_NODE]
    assert answers[0] == answers[1]
    assert _count(remote) == before


def test_substitution_leaves_strings_iris_and_comments_alone():
    query = (
        'SELECT ?x ?y (str(?x) AS ?z) WHERE {  # ?x in a comment\n  ?x <http://e/?x> "?x" ; '
        "<http://e/p> $x . FILTER (?xy != ?x) }"
    )
    got = substitute(query, {"x": NamedNode("http://e/v")})
    assert got == (
        "SELECT (<http://e/v> AS ?x) ?y (str(<http://e/v>) AS ?z) WHERE {  # ?x in a comment\n"
        '  <http://e/v> <http://e/?x> "?x" ; <http://e/p> <http://e/v> . '
        "FILTER (?xy != <http://e/v>) }"
    )


def test_a_values_listing_opens_the_where_group_past_comments_and_strings():
    query = '# WHERE { in a comment\nSELECT ?x WHERE { ?x <http://e/p> "WHERE {" }'
    got = with_values(query, "x", [NamedNode("http://e/a"), Literal("b")])
    assert got == (
        '# WHERE { in a comment\nSELECT ?x WHERE {\n  VALUES ?x { <http://e/a> "b" }'
        ' ?x <http://e/p> "WHERE {" }'
    )


def test_unit_records_listed_by_page_answer_as_a_lookup_per_unit(remote, embedded, monkeypatch):
    from policykg.graph import measures

    monkeypatch.setattr(measures, "_PAGE", 7)  # several pages, the last one short
    units = sorted(r["unit"].value for r in run(embedded, "unit_records", doc=doc_iri(DOC_ID)))
    assert len(units) > 3 * 7
    units.append("http://example.org/not-a-unit")
    one_by_one = [_plain(run(embedded, "unit_records_listed", unit=NamedNode(u))) for u in units]
    expected = [row for rows in one_by_one for row in rows]
    assert len(expected) == len(units) - 1
    for backend in (embedded, RemoteBackend(f"{remote}/query")):
        rows = measures._unit_records(backend, units)
        got = _plain([dict(zip(measures._RECORD_ROW, r, strict=True)) for r in rows])
        assert sorted(got, key=lambda r: r["unit"]) == sorted(expected, key=lambda r: r["unit"])


def test_bound_variables_in_modifiers_and_subqueries_answer_as_embedded(remote, embedded):
    query = """SELECT ?type (COUNT(*) AS ?n) WHERE {
      { SELECT ?d ?type WHERE { ?d a ?type } ORDER BY DESC(?type) }
    } GROUP BY ?type ORDER BY ?type"""
    bound = {"type": NamedNode("https://w3id.org/policykg/ontology#Document")}
    local = select(embedded, query, bound)
    assert local and select(RemoteBackend(f"{remote}/query"), query, bound) == local


def test_a_blank_node_binding_is_refused_for_a_remote_server():
    from pyoxigraph import BlankNode

    with pytest.raises(QueryError, match="blank node"):
        substitute("SELECT * WHERE { ?s ?p ?o }", {"s": BlankNode()})


def test_an_unreachable_endpoint_is_a_one_line_store_error():
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(StoreError, match=f"cannot reach SPARQL endpoint {url}: ") as e:
        RemoteBackend(url, timeout=2).query("ASK {}")
    assert "\n" not in str(e.value)


def test_a_query_the_server_rejects_is_a_query_error(remote):
    with pytest.raises(QueryError, match="rejected the query"):
        RemoteBackend(f"{remote}/query").query("SELECT ?x WHERE { ?x }")


def test_user_queries_run_remotely_like_embedded(remote, embedded):
    query = "SELECT ?doc ?id WHERE { ?doc a pkg:Document ; eli:id_local ?id }"
    far = RemoteBackend(f"{remote}/query", f"{remote}/update")
    out = run_user_query(far, query, "json", False, 10)
    assert json.loads(out) == json.loads(run_user_query(embedded, query, "json", False, 10))
    # a bound variable the SELECT does not project is bound all the same, on both backends
    kg_rows = [
        policykg.KnowledgeGraph(b).sparql("SELECT ?d WHERE { ?d eli:id_local ?id }", id=DOC_ID)
        for b in (far, embedded)
    ]
    assert kg_rows[0] == kg_rows[1] == [{"d": doc_iri(DOC_ID).value}]
    # a FROM clause of the user's own wins over the union
    scoped = f"SELECT ?s WHERE {{ GRAPH {EVIL_GRAPH} {{ ?s ?p ?o }} }}"
    assert json.loads(run_user_query(far, scoped, "json", False, 10))["results"]["bindings"]
    own = "SELECT ?s FROM <http://example.org/nothing> WHERE { ?s ?p ?o }"
    assert json.loads(run_user_query(far, own, "json", False, 10))["results"]["bindings"] == []


def test_a_remote_update_is_refused_unless_allowed(remote):
    far = RemoteBackend(f"{remote}/query", f"{remote}/update")
    before = _count(remote)
    with pytest.raises(UpdateRefused):
        run_user_query(far, "DROP ALL", "table", False, 10)
    assert _count(remote) == before
    extra = "INSERT DATA { GRAPH <http://example.org/extra> { <http://e/s> <http://e/p> 1 } }"
    assert run_user_query(far, extra, "table", True, 10) == ""
    assert _count(remote) == before + 1
    run_user_query(far, "DROP GRAPH <http://example.org/extra>", "table", True, 10)
    assert _count(remote) == before


def test_values_gives_the_named_variables_in_the_order_asked(remote, embedded):
    from policykg.graph.sparql import values

    query = "SELECT ?a ?b WHERE { VALUES (?a ?b) { (1 2) (3 4) } } ORDER BY ?a"
    for backend in (embedded, RemoteBackend(f"{remote}/query")):
        as_asked = [tuple(t.value for t in r) for r in values(backend, query, ("a", "b"))]
        turned = [tuple(t.value for t in r) for r in values(backend, query, ("b", "a"))]
        assert as_asked == [("1", "2"), ("3", "4")] and turned == [("2", "1"), ("4", "3")]
