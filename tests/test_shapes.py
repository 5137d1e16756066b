"""The graph a build emits conforms to the SHACL shapes in ontology/shapes.ttl."""

from __future__ import annotations

import pytest
from pyoxigraph import RdfFormat, serialize

from policykg.graph.rdf import document_quads
from policykg.graph.vocabularies import ONTOLOGY_DIR

pyshacl = pytest.importorskip("pyshacl")
rdflib = pytest.importorskip("rdflib")


def _graph(doc) -> rdflib.Graph:
    data = serialize((q.triple for q in document_quads(doc)), format=RdfFormat.N_TRIPLES)
    g = rdflib.Graph()
    g.parse(data=data, format="nt")
    return g


def _shapes():
    return rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


def test_the_plan_graph_conforms_to_the_shapes(plan_doc):
    conforms, _, report = pyshacl.validate(_graph(plan_doc), shacl_graph=_shapes())
    assert conforms, report


def test_the_shapes_catch_a_unit_whose_selector_runs_backwards(plan_doc):
    g = _graph(plan_doc)
    oa = rdflib.Namespace("http://www.w3.org/ns/oa#")
    sel = next(g.subjects(rdflib.RDF.type, oa.TextPositionSelector))
    start = next(g.objects(sel, oa.start))
    g.remove((sel, oa.end, None))
    g.add((sel, oa.end, rdflib.Literal(int(start) - 1 if int(start) else 0)))
    conforms, _, _ = pyshacl.validate(g, shacl_graph=_shapes())
    assert not conforms


def test_every_ontology_term_the_code_uses_is_declared():
    from policykg.graph.namespaces import PKG

    text = (ONTOLOGY_DIR / "policykg.ttl").read_text(encoding="utf-8")
    missing = [t for t in sorted(PKG.terms) if f"pkg:{t} a " not in text]
    assert missing == []


def test_every_pkg_term_used_in_the_vocabularies_is_declared():
    import re

    declared = set(re.findall(r"^pkg:(\w+) a ", (ONTOLOGY_DIR / "policykg.ttl").read_text(), re.M))
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        used = set(re.findall(r"\bpkg:(\w+)", path.read_text(encoding="utf-8")))
        assert used <= declared, (path.name, sorted(used - declared))
