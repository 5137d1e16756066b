"""`policykg sparql`'s engine: W3C result formats, updates refused by default, a hard timeout."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

import pytest
from pyoxigraph import QueryResultsFormat, RdfFormat, Store, parse, parse_query_results

from policykg.errors import QueryError
from policykg.extract.model import Document
from policykg.graph.namespaces import doc_iri, graph_iri
from policykg.graph.rdf import document_quads
from policykg.graph.sparql import EmbeddedBackend
from policykg.graph.store import open_read_only, replace_graph, writing
from policykg.graph.userquery import run_user_query
from tests.conftest import corpus_file

DOC_ID = "guideline-ftz-eco-2021"
DOCS = "SELECT ?doc ?id WHERE { ?doc a pkg:Document ; eli:id_local ?id }"
UPDATES = [
    "DROP ALL",
    "CLEAR ALL",
    "INSERT DATA { GRAPH <http://example.org/g> { <http://e/s> <http://e/p> 1 } }",
    "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }",
    "PREFIX x: <http://e/>\nDELETE { ?s ?p ?o } INSERT { ?s x:p 1 } WHERE { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/nothing.ttl>",
    "CREATE GRAPH <http://example.org/new>",
    "ADD DEFAULT TO <http://example.org/g>",
    "MOVE <http://example.org/a> TO <http://example.org/b>",
    "COPY <http://example.org/a> TO <http://example.org/b>",
]


@pytest.fixture(scope="module")
def doc() -> Document:
    from policykg.extract.pipeline import analyse_text

    path = corpus_file(f"{DOC_ID}.txt")
    return analyse_text(path.read_text(encoding="utf-8"), DOC_ID, None)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, doc: Document) -> Store:
    """A built store opened read-only, as the command opens it."""
    root = tmp_path_factory.mktemp("uq") / "kg"
    with writing(root) as st:
        replace_graph(st, graph_iri(DOC_ID), document_quads(doc))
    del st  # close the writer before a reader opens the generation
    return open_read_only(root)


@pytest.fixture
def writable(tmp_path: Path, doc: Document) -> Store:
    st = Store(str(tmp_path / "db"))
    replace_graph(st, graph_iri(DOC_ID), document_quads(doc))
    return st


def test_select_as_json_is_w3c_query_results_json(store):
    out = run_user_query(store, DOCS, "json", False, 10)
    data = json.loads(out)
    assert data["head"]["vars"] == ["doc", "id"]
    assert data["results"]["bindings"] == [
        {
            "doc": {"type": "uri", "value": doc_iri(DOC_ID).value},
            "id": {"type": "literal", "value": DOC_ID},
        }
    ]
    assert len(list(parse_query_results(out, QueryResultsFormat.JSON))) == 1


def test_an_embedded_backend_is_accepted_like_its_store(store):
    assert run_user_query(EmbeddedBackend(store), DOCS, "json", False, 10) == run_user_query(
        store, DOCS, "json", False, 10
    )


def test_the_default_graph_is_the_union_of_the_named_graphs(store):
    out = run_user_query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "csv", False, 10)
    assert int(out.splitlines()[1]) == len(store) > 1000


def test_ask_answers_a_boolean(store):
    assert json.loads(run_user_query(store, "ASK { ?d a pkg:Document }", "json", False, 10)) == {
        "head": {},
        "boolean": True,
    }
    assert run_user_query(store, "ASK { ?d a skos:Concept }", "table", False, 10) == "false\n"


def test_construct_gives_turtle_and_ntriples_that_parse_back(store):
    query = "CONSTRUCT WHERE { ?d a pkg:Document ; ?p ?o }"
    turtle = run_user_query(store, query, "turtle", False, 10)
    assert "@prefix pkg: <https://w3id.org/policykg/ontology#>" in turtle
    triples = {str(q.triple) for q in parse(turtle, RdfFormat.TURTLE)}
    expected = {str(q.triple) for q in store.quads_for_pattern(doc_iri(DOC_ID), None, None)}
    assert triples == expected
    nt = run_user_query(store, query, "ntriples", False, 10)
    assert {str(q.triple) for q in parse(nt, RdfFormat.N_TRIPLES)} == expected
    assert run_user_query(store, query, "table", False, 10) == turtle


def test_csv_and_tsv_follow_the_w3c_formats(store):
    rows = list(csv.reader(io.StringIO(run_user_query(store, DOCS, "csv", False, 10))))
    assert rows == [["doc", "id"], [doc_iri(DOC_ID).value, DOC_ID]]
    tsv = run_user_query(store, DOCS, "tsv", False, 10).splitlines()
    assert tsv == ["?doc\t?id", f'{doc_iri(DOC_ID)}\t"{DOC_ID}"']


def test_a_table_shows_prefixed_names_and_the_row_count(store):
    out = run_user_query(store, "SELECT ?d ?t WHERE { ?d a ?t }", "table", False, 10)
    assert "pkg:Document" in out and "eli:LegalResource" in out
    assert out.rstrip().splitlines()[-1].endswith("rows")


def test_a_format_that_does_not_fit_the_query_form_is_refused(store):
    with pytest.raises(QueryError, match="CONSTRUCT and DESCRIBE"):
        run_user_query(store, DOCS, "turtle", False, 10)
    with pytest.raises(QueryError, match="--format turtle or ntriples"):
        run_user_query(store, "DESCRIBE ?d WHERE { ?d a pkg:Document }", "csv", False, 10)


@pytest.mark.parametrize("update", UPDATES)
def test_an_update_is_refused_by_default_and_the_store_stays_untouched(writable, update):
    before = sorted(str(q) for q in writable)
    with pytest.raises(QueryError, match="update and was not run; pass --allow-update"):
        run_user_query(writable, update, "table", False, 10)
    assert sorted(str(q) for q in writable) == before


def test_allow_update_writes_to_a_tmp_store(writable):
    before = len(writable)
    insert = "INSERT DATA { GRAPH <http://example.org/g> { <http://e/s> skos:prefLabel '镉' } }"
    assert run_user_query(writable, insert, "table", True, 10) == ""
    assert len(writable) == before + 1
    run_user_query(writable, "DROP GRAPH <http://example.org/g>", "table", True, 10)
    assert len(writable) == before


def test_a_syntax_error_says_where(store, writable):
    with pytest.raises(QueryError, match=r"syntax error at line 3, column \d+: ") as e:
        run_user_query(store, "SELECT ?s\nWHERE {\n  ?s pkg:order }", "table", False, 10)
    assert "\n" not in str(e.value)
    # an update with a typo: the update parser's position, which got further, is reported
    with pytest.raises(QueryError, match=r"syntax error at line 2, column \d+: "):
        run_user_query(writable, "INSERT DATA {\n  <http://e/s> <http://e/p> }", "table", True, 10)


def test_a_runaway_query_stops_at_the_timeout(store):
    runaway = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"^query stopped after 1 s \(--timeout\)$"):
        run_user_query(store, runaway, "json", False, 1)
    assert time.monotonic() - started < 3
    assert json.loads(run_user_query(store, DOCS, "json", False, 10))["results"]["bindings"]


def test_a_query_under_the_timeout_answers_as_without_it(store):
    # the worker's cost is measured in bench/, not asserted here (timed tests are flaky)
    assert run_user_query(store, DOCS, "json", False, 30) == run_user_query(
        store, DOCS, "json", False, None
    )
