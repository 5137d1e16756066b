"""Exports that other tools read: RDF round-trips, Gephi/Cytoscape files, a flat CSV."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

import policykg
from policykg.cli import main
from policykg.extract.model import FAMILIES

RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}


def _export(store, fmt):
    return b"".join(policykg.open(store).export(fmt))


@pytest.fixture(scope="module")
def reference(built_store):
    g = rdflib.Graph()
    g.parse(data=_export(built_store, "nt").decode("utf-8"), format="nt")
    return g


@pytest.mark.parametrize("fmt", sorted(RDFLIB_FORMAT))
def test_rdf_exports_round_trip_to_the_same_graph(built_store, reference, fmt):
    data = _export(built_store, fmt)
    if fmt in ("nq", "trig"):
        ds = rdflib.Dataset()
        ds.parse(data=data.decode("utf-8"), format=RDFLIB_FORMAT[fmt])
        g = rdflib.Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
    else:
        g = rdflib.Graph()
        g.parse(data=data.decode("utf-8"), format=RDFLIB_FORMAT[fmt])
    assert len(g) == len(reference)
    assert isomorphic(g, reference)


@pytest.mark.parametrize("fmt", ["nq", "ttl", "graphml", "csv"])
def test_exports_are_byte_for_byte_deterministic(built_store, fmt):
    assert _export(built_store, fmt) == _export(built_store, fmt)


def test_nquads_keep_one_named_graph_per_document(built_store):
    lines = _export(built_store, "nq").decode("utf-8").splitlines()
    graphs = {line.rsplit(" ", 2)[-2] for line in lines}
    assert "<https://w3id.org/policykg/graph/plan-2016-eco-env-protection>" in graphs
    assert "<https://w3id.org/policykg/graph/ontology>" in graphs


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_files_open_with_types_and_labels(built_store, tmp_path, fmt):
    path = tmp_path / f"kg.{fmt}"
    path.write_bytes(_export(built_store, fmt))
    g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    types = {a.get("type") for _, a in g.nodes(data=True)}
    assert {"unit", "pollutant", "region", "deadline"} <= types
    labels = {a.get("label") for _, a in g.nodes(data=True)}
    assert "镉" in labels and "深化重点区域分类防控" in labels


def test_csv_has_one_row_per_unit_and_entity(built_store, plan_items):
    rows = list(csv.DictReader(io.StringIO(_export(built_store, "csv").decode("utf-8"))))
    expected = sum(max(1, sum(len(i[k]) for k in FAMILIES.values())) for i in plan_items)
    assert len(rows) == expected
    hg = [r for r in rows if r["entity_type"] == "pollutant" and r["label"] == "汞"]
    assert hg and all(r["document"] == "plan-2016-eco-env-protection" for r in hg)
    assert {int(r["start"]) < int(r["end"]) for r in hg} == {True}


def test_viz_writes_one_self_contained_page(built_store, tmp_path):
    out = tmp_path / "kg.html"
    result = CliRunner().invoke(
        main, ["viz", "--store", str(built_store), "--pollutant", "重金属", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Wrote {out}: ")
    html = out.read_text(encoding="utf-8")
    assert "深化重点区域分类防控" in html or "\\u6df1" in html
    for needle in ('src="http', "src='http", 'href="http', "cdn.", "unpkg", "jsdelivr"):
        assert needle not in html


def test_the_networkx_view_holds_the_filtered_units_and_their_concepts(plan_kg):
    g = plan_kg.to_networkx(pollutant="重金属")
    units = {a["label"] for _, a in g.nodes(data=True) if a.get("type") == "unit"}
    assert units == {i.title for i in plan_kg.measures(pollutant="重金属")}
    labels = {a.get("label") for _, a in g.nodes(data=True)}
    assert "重金属" in labels and "第六章" in labels


def test_the_export_on_stdout_is_the_api_export(built_store, plan_kg):
    result = CliRunner().invoke(main, ["export", "--store", str(built_store), "--format", "nq"])
    assert result.exit_code == 0
    assert result.stdout_bytes == b"".join(plan_kg.export("nq"))


def test_nquads_come_graph_by_graph_each_sorted_so_memory_is_one_graph(built_store, tmp_path):
    out = tmp_path / "kg.nq"
    result = CliRunner().invoke(
        main, ["export", "--store", str(built_store), "--format", "nq", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    graphs = [line.rsplit(" ", 2)[1] for line in lines]
    order = list(dict.fromkeys(graphs))
    assert order == sorted(order) and len(order) == 2  # the ontology and the plan
    for g in order:
        mine = [line for line, gg in zip(lines, graphs, strict=True) if gg == g]
        assert mine == sorted(mine)
    assert not (tmp_path / "kg.nq.partial").exists()


def test_exporting_into_a_missing_folder_is_a_one_line_error(built_store, tmp_path):
    out = tmp_path / "no" / "kg.nq"
    result = CliRunner().invoke(
        main, ["export", "--store", str(built_store), "--format", "nq", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: {out}: no folder {out.parent}"]


def test_a_reader_that_stops_early_gets_no_traceback(built_store):
    import subprocess
    import sys

    from tests.conftest import ROOT

    cmd = [
        sys.executable,
        "-m",
        "policykg.cli",
        "export",
        "--store",
        str(built_store),
        "--format",
        "nq",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().startswith(b"<")
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err and "Error" not in err


def test_nquads_are_the_stores_quads_serialised_in_sorted_order(built_store):
    """The N-Quads export is written from the store's own N-Triples lines (no Python object
    per term); its bytes are what serialising every quad of each graph, sorted, gives."""
    from pyoxigraph import Quad, RdfFormat, Store, serialize

    from policykg.graph.store import current_generation

    store = Store.read_only(str(current_generation(built_store)))
    expected = b""
    for g in sorted(store.named_graphs(), key=lambda g: g.value):
        quads = [
            Quad(q.subject, q.predicate, q.object, g)
            for q in store.quads_for_pattern(None, None, None, g)
        ]
        quads.sort(key=lambda q: f"{q.subject} {q.predicate} {q.object} {q.graph_name} .\n")
        expected += serialize(quads, format=RdfFormat.N_QUADS)
    assert b"".join(policykg.open(built_store).export("nq")) == expected


def test_triple_exports_are_the_stores_triples_merged_and_sorted(built_store):
    """N-Triples and Turtle are written from the graphs' lines merged as bytes; the bytes are
    what serialising the set of every graph's triples, sorted by term, gives."""
    from pyoxigraph import RdfFormat, Store, serialize

    from policykg.graph.namespaces import PREFIXES
    from policykg.graph.store import current_generation

    store = Store.read_only(str(current_generation(built_store)))
    triples = sorted(
        {q.triple for q in store.quads_for_pattern(None, None, None, None) if q.graph_name},
        key=lambda t: (str(t.subject), str(t.predicate), str(t.object)),
    )
    kg = policykg.open(built_store)
    assert b"".join(kg.export("nt")) == serialize(triples, format=RdfFormat.N_TRIPLES)
    turtle = serialize(triples, format=RdfFormat.TURTLE, prefixes=dict(sorted(PREFIXES.items())))
    assert b"".join(kg.export("ttl")) == turtle
