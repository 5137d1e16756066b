"""The CLI against a real Oxigraph server: build, query and export through the SPARQL protocols."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from policykg.cli import main
from tests.conftest import PLAN, oxigraph_server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server of this module's own, so that its builds do not meet other tests' data."""
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph-cli")) as url:
        yield url


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_a_remote_build_answers_like_the_embedded_store(server, built_store):
    query, update = f"{server}/query", f"{server}/update"
    built = _run("build", PLAN, "--endpoint", query, "--update-endpoint", update)
    assert built.exit_code == 0, built.output
    again = _run("build", PLAN, "--endpoint", query, "--update-endpoint", update)
    assert "1 unchanged" in again.stdout

    def measures(*where):
        result = _run(
            "measures", *where, "--pollutant", "镉", "--before", "2018", "--format", "json"
        )
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert measures("--endpoint", query) == measures("--store", built_store)
    # the filters on documents (who issued them, when) read the same records on a server
    by_issuer = ("--issuer", "国务院", "--dated-after", "2016")
    assert measures("--endpoint", query, *by_issuer) == measures("--store", built_store, *by_issuer)
    assert measures("--endpoint", query, *by_issuer)
    # in force: the plan from the day it is dated (graph/validity.py, read from the records)
    in_2017 = measures("--endpoint", query, "--in-force", "2017")
    assert in_2017 == measures("--store", built_store, "--in-force", "2017") and in_2017
    assert all(i["matched"]["in force"] == ["in force from 2016-11-24 (dated)"] for i in in_2017)
    assert measures("--endpoint", query, "--in-force", "2015") == []

    # a body and the kinds under it: two stored queries, the second with a VALUES list
    def bodies(*where):
        result = _run("measures", *where, "--actor", "司法机关", "--format", "json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    judicial = bodies("--endpoint", query)
    assert judicial == bodies("--store", built_store)
    listed = [_run("actors", *where, "--format", "json").stdout for where in
              (("--endpoint", query), ("--store", built_store))]  # fmt: skip
    assert listed[0] == listed[1] and '"kind": "地方人民政府"' in listed[0]
    assert any("one of the 司法机关" in r for i in judicial for r in i["matched"]["actor"])
    ask = _run("ask", "湖南有哪些措施", "--endpoint", query, "--format", "json")
    assert len(json.loads(ask.stdout)) == 5
    count = _run(
        "sparql",
        "SELECT (COUNT(*) AS ?n) WHERE { ?u a pkg:Measure }",
        "--endpoint",
        query,
        "--format",
        "csv",
    )
    assert count.stdout.splitlines()[1] == "50"


@pytest.mark.parametrize("extra", [(), ("--annotations", "oa")])
def test_remote_export_gives_the_same_quads_as_the_embedded_one(server, built_store, extra):
    query, update = f"{server}/query", f"{server}/update"
    assert _run("build", PLAN, "--endpoint", query, "--update-endpoint", update).exit_code == 0
    remote = _run("export", "--endpoint", query, "--format", "nq", *extra)
    local = _run("export", "--store", built_store, "--format", "nq", *extra)
    assert remote.stdout_bytes == local.stdout_bytes
    assert (b"http://www.w3.org/ns/oa#Annotation" in local.stdout_bytes) == bool(extra)


def test_text_search_on_a_server_runs_as_sparql_and_answers_as_the_index_does(server, built_store):
    query, update = f"{server}/query", f"{server}/update"
    assert _run("build", PLAN, "--endpoint", query, "--update-endpoint", update).exit_code == 0

    def search(*where):
        result = _run("measures", *where, "--text", "重金属 排放", "--format", "json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    local = search("--store", built_store)
    assert local and search("--endpoint", query) == local


def test_a_remote_build_without_an_update_endpoint_is_refused(server):
    result = _run("build", PLAN, "--endpoint", f"{server}/query")
    assert result.exit_code == 1
    assert "needs both --endpoint and --update-endpoint" in result.stderr


def test_sparql_refuses_updates_and_keeps_the_store(built_store):
    before = _run("export", "--store", built_store, "--format", "nq").stdout_bytes
    result = _run("sparql", "DROP ALL", "--store", built_store)
    assert result.exit_code == 1 and "--allow-update" in result.stderr
    assert _run("export", "--store", built_store, "--format", "nq").stdout_bytes == before


def test_sparql_json_is_w3c_results_json(built_store):
    result = _run(
        "sparql",
        "SELECT ?t WHERE { ?u a pkg:BoxItem ; eli:title ?t }",
        "--store",
        built_store,
        "--format",
        "json",
    )
    data = json.loads(result.stdout)
    assert data["head"]["vars"] == ["t"]
    assert len(data["results"]["bindings"]) == 24
