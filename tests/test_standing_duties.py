"""以下均需地方各级人民政府落实，不再列出: a task note that names bodies for every later task.

The State Council's action plans (the 水十条 and 土十条) say it once, in a task's note, and never
again. The bundled corpus holds no such plan, so the plan here is CONSTRUCTED in their pattern:
numbered tasks, each closing with a note of the leading and the participating ministries.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import policykg
from policykg.extract.pipeline import analyse_text
from policykg.graph.coding_sheet import coding_rows
from policykg.graph.namespaces import PKG, doc_iri
from policykg.graph.rdf import document_quads

# CONSTRUCTED, in the pattern of 国发 action plans
PLAN = """土壤污染防治行动计划

为切实加强土壤污染防治，逐步改善土壤环境质量，制定本行动计划。

一、开展土壤污染调查，掌握土壤环境质量状况

（一）深入开展土壤环境质量调查。开展土壤污染状况详查，查明农用地土壤污染的面积和分布。（环境保护部牵头，财政部、农业部等参与）

（二）建设土壤环境质量监测网络。2017年底前，完成土壤环境质量国控监测点位设置。（环境保护部牵头，国土资源部、农业部等参与，2020年底前完成。以下均需地方各级人民政府落实，不再列出）

二、推进土壤污染防治立法，建立健全法规标准体系

（三）加快推进立法进程。配合完成土壤污染防治法起草工作。（环境保护部、国务院法制办牵头，国土资源部等参与）

（四）系统构建标准体系。健全土壤污染防治相关标准和技术规范。（环境保护部牵头，国家卫生计生委等参与）
"""
LOCAL = "地方各级人民政府"


@pytest.fixture(scope="module")
def plan(nlp):
    return analyse_text(PLAN, "soil-plan", nlp)


@pytest.fixture(scope="module")
def plan_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("standing")
    (folder / "soil-plan.txt").write_text(PLAN, encoding="utf-8")
    store = tmp_path_factory.mktemp("standing-store")
    policykg.build([folder], store, jobs=1)
    return store


def _measures(doc):
    return [u for u in doc.units if u.kind == "measure"]


def test_the_note_names_its_bodies_for_every_later_task_and_not_the_earlier_ones(plan):
    first, declaring, *later = _measures(plan)
    local = [m for m in declaring.mentions if m.label == LOCAL]
    assert [(m.attrs["role"], m.attrs.get("standing")) for m in local] == [("responsible", True)]
    assert first.standing_duties == [] and declaring.standing_duties == []
    assert len(later) == 2 and all(u.standing_duties == [local[0].id] for u in later)
    # the later units name no such body in their own text: the duty is the note's
    assert not any(m.label == LOCAL for u in later for m in u.mentions)
    assert all(u.standing_duties == [] for u in plan.units if u.kind != "measure")


def test_a_note_for_its_own_task_names_no_standing_duty(nlp):
    once = PLAN.replace("以下均需地方各级人民政府落实，不再列出", "地方各级人民政府负责落实")
    doc = analyse_text(once, "soil-plan", nlp)
    roles = [m.attrs["role"] for u in doc.units for m in u.mentions if m.label == LOCAL]
    assert roles == ["responsible"]
    assert all(u.standing_duties == [] for u in doc.units)


def test_the_graph_links_each_later_unit_to_the_mention_in_the_note(plan):
    _, declaring, *later = _measures(plan)
    local = next(m for m in declaring.mentions if m.label == LOCAL)
    linked = {
        (q.subject.value, q.object.value)
        for q in document_quads(plan)
        if q.predicate.value == PKG.standingDuty.value
    }
    assert linked == {(doc_iri(u.id).value, doc_iri(local.id).value) for u in later}


def test_the_graph_with_standing_duties_conforms_to_the_shapes(plan):
    pyshacl = pytest.importorskip("pyshacl")
    rdflib = pytest.importorskip("rdflib")
    from pyoxigraph import RdfFormat, serialize

    from policykg.graph.vocabularies import ONTOLOGY_DIR

    data = serialize((q.triple for q in document_quads(plan)), format=RdfFormat.N_TRIPLES)
    graph = rdflib.Graph().parse(data=data, format="nt")
    shapes = rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    conforms, _, report = pyshacl.validate(graph, shacl_graph=shapes)
    assert conforms, report
    # a standing duty that points at anything but an actor mention breaks them
    unit = next(graph.subjects(rdflib.URIRef(PKG.standingDuty.value), None))
    graph.add((unit, rdflib.URIRef(PKG.standingDuty.value), unit))
    assert not pyshacl.validate(graph, shacl_graph=shapes)[0]


def test_asking_for_the_body_finds_every_task_it_carries_out_and_says_why(plan_store):
    kg = policykg.open(plan_store)
    rows = kg.measures(actor=LOCAL)
    titles = [r.title for r in rows]
    assert titles == ["建设土壤环境质量监测网络", "加快推进立法进程", "系统构建标准体系"]
    declaring = rows[0].id
    assert rows[0].matched == {"actor": [f"{LOCAL} (responsible)"]}
    for r in rows[1:]:
        assert r.matched == {
            "actor": [f"{LOCAL} (responsible), a standing duty set in {declaring}"]
        }
        assert [(d.label, d.role, d.unit) for d in r.standing_duties] == [
            (LOCAL, "responsible", declaring)
        ]
        assert not any(a.label == LOCAL for a in r.actors)
    responsible = {r.title for r in kg.measures(role="responsible")}
    assert set(titles) <= responsible
    # a body the later tasks name themselves answers as before
    assert len(kg.measures(actor="环境保护部")) == 4


def test_who_carries_out_a_later_task_names_the_local_governments(plan_store):
    answer = policykg.open(plan_store).ask("谁负责加快推进立法进程")
    assert [answer.bodies(item) for item in answer.items] == [[LOCAL]]


def test_the_coding_sheet_codes_the_local_governments_as_responsible_for_later_tasks(plan_store):
    kg = policykg.open(plan_store)
    items = [i.model_dump() for i in kg.measures()]
    documents = [d.model_dump() for d in kg.documents()]
    leads = {r["title"]: r["lead"] for r in coding_rows(documents, items)}
    assert leads["加快推进立法进程"] == ["环境保护部", "国务院法制办", LOCAL]
    assert LOCAL not in leads["深入开展土壤环境质量调查"]


@pytest.mark.parametrize(
    "question", ["地方各级人民政府要落实哪些任务", "which tasks do local governments carry out"]
)
def test_the_tasks_a_body_carries_out_are_those_it_is_responsible_for(plan_store, question):
    answer = policykg.open(plan_store).ask(question)
    assert "role responsible" in answer.read_as
    assert [i.title for i in answer.items] == [
        "建设土壤环境质量监测网络",
        "加快推进立法进程",
        "系统构建标准体系",
    ]
