"""The graph a build emits conforms to the SHACL shapes in ontology/shapes.ttl."""

from __future__ import annotations

import pytest
from pyoxigraph import RdfFormat, serialize

from policykg.graph.rdf import document_quads
from policykg.graph.vocabularies import ONTOLOGY_DIR

pyshacl = pytest.importorskip("pyshacl")
rdflib = pytest.importorskip("rdflib")
PKG_NS = rdflib.Namespace("https://w3id.org/policykg/ontology#")
QUDT_NS = rdflib.Namespace("http://qudt.org/schema/qudt/")
ELI = "http://data.europa.eu/eli/ontology#"
SKOS_NS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")


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


@pytest.mark.parametrize("word, cls", [("篇", "Volume"), ("部分", "Portion")])
def test_a_plan_outlines_parts_are_volumes_that_conform(plan_text, word, cls):
    """第四篇 or 第四部分 (a CONSTRUCTED heading above the plan's real 第八章) is a pkg:Volume
    or pkg:Portion holding the chapter; the shapes check its range as they do a chapter's."""
    from policykg.extract.pipeline import analyse_text

    at = plan_text.index("第八章 加快制度创新")
    heading = f"第四{word}　制度保障\n\n"
    doc = analyse_text(plan_text[:at] + heading + plan_text[at:], "outline", None)
    g = _graph(doc)
    volumes = list(g.subjects(rdflib.RDF.type, PKG_NS[cls]))
    assert len(volumes) == 1
    chapters = list(g.subjects(rdflib.URIRef(ELI + "is_part_of"), volumes[0]))
    assert [int(next(g.objects(c, rdflib.URIRef(ELI + "number")))) for c in chapters] == [8]
    conforms, _, report = pyshacl.validate(g, shacl_graph=_shapes())
    assert conforms, report
    start = next(g.objects(volumes[0], PKG_NS.start))
    g.remove((volumes[0], PKG_NS.end, None))
    g.add((volumes[0], PKG_NS.end, rdflib.Literal(int(start))))
    assert not pyshacl.validate(g, shacl_graph=_shapes())[0]


@pytest.mark.parametrize("cls", ["TextUnit", "Sentence", "Chapter"])
def test_the_shapes_catch_a_range_that_runs_backwards(plan_doc, cls):
    g = _graph(plan_doc)
    node = next(g.subjects(rdflib.RDF.type, PKG_NS[cls]))
    start = next(g.objects(node, PKG_NS.start))
    g.remove((node, PKG_NS.end, None))
    g.add((node, PKG_NS.end, rdflib.Literal(int(start) - 1 if int(start) else 0)))
    conforms, _, _ = pyshacl.validate(g, shacl_graph=_shapes())
    assert not conforms


def test_a_regulation_that_repeals_an_act_conforms_and_a_repealed_act_needs_a_title():
    from policykg.extract.metadata import extract_metadata
    from policykg.extract.pipeline import analyse_text
    from tests.conftest import CORPUS
    from tests.test_local_metadata import plain

    path = next((CORPUS / "local-regulations").glob("深圳经济特区绿色建筑条例*.md"))
    text = plain(path.read_text(encoding="utf-8"))
    g = _graph(analyse_text(text, "shenzhen-green", None, extract_metadata(text)))
    conforms, _, report = pyshacl.validate(g, shacl_graph=_shapes())
    assert conforms, report
    eli = rdflib.Namespace("http://data.europa.eu/eli/ontology#")
    (act,) = g.objects(None, eli.repeals)
    g.remove((act, eli.title, None))
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


# CONSTRUCTED from the 2013 air plan's wording: regional targets, a region each, QUDT units.
REGIONAL = (
    "一、奋斗目标\n"
    "到2017年，全国地级及以上城市可吸入颗粒物浓度比2012年下降10%以上；京津冀、长三角、珠三角等区域"
    "细颗粒物浓度分别下降25%、20%、15%左右，其中北京市细颗粒物年均浓度控制在60微克/立方米左右。\n"
)


@pytest.fixture(scope="module")
def regional_graph(nlp) -> rdflib.Graph:
    from policykg.extract.pipeline import analyse_text

    return _graph(analyse_text(REGIONAL, "air-2013", nlp, {"date": "2013-09-10"}))


def test_a_graph_of_regional_targets_conforms_to_the_shapes(regional_graph):
    conforms, _, report = pyshacl.validate(regional_graph, shacl_graph=_shapes())
    assert conforms, report


def test_regional_targets_link_their_indicator_region_and_qudt_unit(regional_graph):
    rows = regional_graph.query(
        """SELECT ?region ?value ?unit ?amount WHERE {
             ?t pkg:indicator <https://w3id.org/policykg/id/indicator/pm25-concentration> ;
                pkg:value ?value ; qudt:hasUnit ?unit ; qudt:numericValue ?amount .
             OPTIONAL { ?t pkg:region ?region } }""",
        initNs={"pkg": PKG_NS, "qudt": QUDT_NS},
    )
    got = sorted((str(r.region).rsplit("/", 1)[-1], float(r.value), str(r.unit)) for r in rows)
    assert got == [
        ("110000", 60.0, "http://qudt.org/vocab/unit/MicroGM-PER-M3"),
        ("beijing-tianjin-hebei", 25.0, "http://qudt.org/vocab/unit/PERCENT"),
        ("pearl-river-delta", 15.0, "http://qudt.org/vocab/unit/PERCENT"),
        ("yangtze-river-delta", 20.0, "http://qudt.org/vocab/unit/PERCENT"),
    ]


def test_a_magnitude_word_is_folded_into_the_qudt_value(plan_doc):
    g = _graph(plan_doc)
    rows = g.query(
        "SELECT ?amount WHERE { ?t pkg:unit '万公顷' ; pkg:value 1400.0 ; qudt:numericValue ?amount }",
        initNs={"pkg": PKG_NS, "qudt": QUDT_NS},
    )
    assert [float(r.amount) for r in rows] == [14_000_000.0]


@pytest.mark.parametrize(
    ("prop", "bad"),
    [("direction", rdflib.Literal("cap")), ("binding", rdflib.Literal("约束性"))],
)
def test_the_shapes_catch_a_target_with_an_unknown_direction_or_binding(regional_graph, prop, bad):
    g = rdflib.Graph() + regional_graph
    target = next(g.subjects(rdflib.RDF.type, PKG_NS.Target))
    g.set((target, PKG_NS[prop], bad))
    conforms, _, _ = pyshacl.validate(g, shacl_graph=_shapes())
    assert not conforms


def test_the_shapes_catch_an_actor_with_a_role_outside_the_four(plan_doc):
    g = _graph(plan_doc)
    actor = next(g.subjects(rdflib.RDF.type, PKG_NS.ActorMention))
    g.set((actor, PKG_NS.role, rdflib.Literal("boss")))
    conforms, _, _ = pyshacl.validate(g, shacl_graph=_shapes())
    assert not conforms


def test_the_indicator_and_instrument_schemes_conform_to_the_shapes():
    g = rdflib.Graph()
    for name in ("indicators.ttl", "instruments.ttl"):
        g.parse(ONTOLOGY_DIR / name, format="turtle")
    conforms, _, report = pyshacl.validate(g, shacl_graph=_shapes())
    assert conforms, report


def test_the_shapes_catch_an_instrument_without_a_chinese_label_or_a_cue():
    g = rdflib.Graph().parse(ONTOLOGY_DIR / "instruments.ttl", format="turtle")
    funding = rdflib.URIRef("https://w3id.org/policykg/id/instrument/funding")
    g.remove((funding, SKOS_NS.prefLabel, rdflib.Literal("资金投入", lang="zh")))
    assert not pyshacl.validate(g, shacl_graph=_shapes())[0]
    g = rdflib.Graph().parse(ONTOLOGY_DIR / "instruments.ttl", format="turtle")
    g.remove((funding, PKG_NS.cue, None))
    assert not pyshacl.validate(g, shacl_graph=_shapes())[0]


def test_bodies_of_a_remit_at_a_level_conform_and_say_the_level_once():
    """广州's charity regulation gives its tasks to 市民政部门 and 区民政部门: each mention of the
    civil affairs remit carries its government level (pkg:atLevel), and only one."""
    from policykg.extract.pipeline import VOCABULARIES, analyse_text, make_nlp
    from policykg.graph.vocabularies import load_vocabularies
    from tests.conftest import CORPUS

    path = next((CORPUS / "local-regulations").glob("广州市慈善促进条例*.md"))
    nlp = make_nlp(load_vocabularies(VOCABULARIES))
    g = _graph(analyse_text(path.read_text(encoding="utf-8"), "guangzhou-charity", nlp))
    conforms, _, report = pyshacl.validate(g, shacl_graph=_shapes())
    assert conforms, report
    remit = rdflib.URIRef("https://w3id.org/policykg/id/actor/civil-affairs-authorities")
    levels = {
        str(level).rsplit("/", 1)[1]
        for m in g.subjects(PKG_NS.denotes, remit)
        for level in g.objects(m, PKG_NS.atLevel)
    }
    assert levels == {"prefectural-city-governments", "county-governments"}
    m = next(m for m in g.subjects(PKG_NS.denotes, remit) if (m, PKG_NS.atLevel, None) in g)
    g.add((m, PKG_NS.atLevel, rdflib.URIRef("https://w3id.org/policykg/id/actor/x")))
    conforms, _, _ = pyshacl.validate(g, shacl_graph=_shapes())
    assert not conforms


def test_a_box_of_numbered_entries_conforms():
    """The entries' groups carry no number (their title keeps 01 as printed) and their items'
    titles end without 。, as the shapes require of every unit."""
    from policykg.extract.pipeline import analyse_text
    from tests.test_structure import ENTRY_BOX

    doc = analyse_text(ENTRY_BOX, "outline", None)
    conforms, _, report = pyshacl.validate(_graph(doc), shacl_graph=_shapes())
    assert conforms, report
