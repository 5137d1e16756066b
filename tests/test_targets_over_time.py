"""Targets tracked by indicator across plans: the cookbook's "targets of an indicator over time"
over two successive air plans, the 2013 one with regional targets and the 2018 one national."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, Store

from policykg.graph.namespaces import ONTOLOGY_GRAPH, PREFIXES
from policykg.graph.rdf import document_quads
from policykg.graph.vocabularies import ONTOLOGY_DIR
from tests.conftest import CORPUS

COOKBOOK = Path(__file__).resolve().parent.parent / "docs" / "queries.md"
# CONSTRUCTED: the targets of 《大气污染防治行动计划》 (国发〔2013〕37号) in that plan's words; the
# plan itself is not in the corpus (an earlier air plan is among the held-out checks).
AIR_2013 = (
    "一、总体要求\n"
    "具体指标：到2017年，全国地级及以上城市可吸入颗粒物浓度比2012年下降10%以上，优良天数逐年"
    "提高；京津冀、长三角、珠三角等区域细颗粒物浓度分别下降25%、20%、15%左右，其中北京市细颗粒物"
    "年均浓度控制在60微克/立方米左右。\n"
)


@pytest.fixture(scope="module")
def two_air_plans(nlp) -> Store:
    from policykg.extract.pipeline import analyse_file, analyse_text

    store = Store()
    docs = [
        analyse_text(AIR_2013, "air-2013", nlp, {"date": "2013-09-10"}),
        analyse_file(CORPUS / "plan-2018-blue-sky-excerpt.txt", nlp),
    ]
    for doc in docs:
        store.extend(document_quads(doc))
    for name in ("indicators.ttl", "gazetteer.ttl"):
        with (ONTOLOGY_DIR / name).open("rb") as fh:
            store.load(fh, format=RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)
    return store


def _cookbook(title: str) -> str:
    text = COOKBOOK.read_text(encoding="utf-8")
    return re.search(rf"^## {re.escape(title)}\n.*?```sparql\n(.*?)```", text, re.S | re.M)[1]


def test_pm25_targets_of_two_air_plans_come_region_by_region_in_time_order(two_air_plans):
    query = _cookbook("14. Targets of an indicator over time").replace(
        "WHERE {", 'WHERE {\n  VALUES ?indicator { "细颗粒物（PM2.5）浓度"@zh }', 1
    )
    rows = two_air_plans.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    got = [
        (
            int(r["year"].value),
            r["doc"].value,
            r["region"].value if r["region"] else None,
            r["scope"].value if r["scope"] else None,
            r["direction"].value,
            float(r["value"].value),
            int(r["baseline"].value) if r["baseline"] else None,
        )
        for r in rows
    ]
    assert got == [
        (2017, "air-2013", "京津冀", None, "decrease", 25.0, 2012),
        (2017, "air-2013", "北京市", None, "reach", 60.0, None),
        (2017, "air-2013", "珠三角", None, "decrease", 15.0, 2012),
        (2017, "air-2013", "长三角", None, "decrease", 20.0, 2012),
        (2020, "plan-2018-blue-sky-excerpt", None, "未达标地级及以上城市", "decrease", 18.0, 2015),
    ]
