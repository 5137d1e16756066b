"""Filters that follow what documents govern, and a pollutant hierarchy for specific questions."""

from __future__ import annotations

import csv
import io
import json
import re

from tests.governed import HEZE, TAIZHOU, doc_ids, documents, governed_store, items, run

__all__ = ["governed_store"]


def _docs_of(store, rows):
    titles = {v: k for k, v in doc_ids(store).items()}
    return {titles[r["source"]["document"]] for r in rows}


def test_a_citys_regulation_answers_for_the_city_in_articles_that_never_name_it(governed_store):
    rows = items(governed_store, "--region", "菏泽", "--pollutant", "噪声")
    assert rows, "the noise article of Heze's regulation"
    assert _docs_of(governed_store, rows) == {HEZE}
    article = rows[0]
    assert "菏泽" not in article["text"] and "噪声" in article["text"]
    assert article["matched"]["region"] == ["document applies to 菏泽市"]


def test_a_province_finds_the_rules_of_its_cities(governed_store):
    rows = items(governed_store, "--region", "浙江", "--pollutant", "油烟")
    assert _docs_of(governed_store, rows) == {TAIZHOU}
    assert rows[0]["matched"]["region"] == ["document applies to 台州市, inside 浙江省"]


def test_applies_in_adds_the_provinces_and_the_nations_rules(governed_store):
    own = items(governed_store, "--region", "菏泽市", "--pollutant", "扬尘")
    binding = items(governed_store, "--applies-in", "菏泽市", "--pollutant", "扬尘")
    assert not own
    assert "中华人民共和国大气污染防治法" in _docs_of(governed_store, binding)
    assert TAIZHOU not in _docs_of(governed_store, binding)
    reasons = {x for r in binding for x in r["matched"]["applies"]}
    assert "document applies to 中华人民共和国, which contains 菏泽市" in reasons


def test_a_specific_pollutant_does_not_pull_in_every_air_pollutant_unit(governed_store):
    fumes = items(governed_store, "--pollutant", "油烟")
    air = items(governed_store, "--pollutant", "大气污染物")
    assert fumes and len(fumes) < len(air) / 5
    assert all("油烟" in {p["label"] for p in r["pollutants"]} for r in fumes)


def test_cadmium_reaches_heavy_metal_rules_after_the_units_naming_cadmium(governed_store):
    rows = items(governed_store, "--pollutant", "镉")
    direct = ["镉" in {p["label"] for p in r["pollutants"]} for r in rows]
    assert any(direct) and not all(direct)
    assert direct == sorted(direct, reverse=True)  # every direct mention first
    group = next(r for r in rows if "镉" not in {p["label"] for p in r["pollutants"]})
    assert group["matched"]["pollutant"] == ["names 重金属, a group that includes 镉"]


def test_an_element_is_a_group_of_its_compounds_but_a_medium_is_not(governed_store):
    from pyoxigraph import NamedNode

    from policykg.graph.sparql import connect

    store = connect(governed_store)

    def is_group(name):
        node = NamedNode(f"https://w3id.org/policykg/id/pollutant/{name}")
        return bool(store.query("ASK { $p a pkg:PollutantGroup }", {"p": node}))

    assert is_group("heavy-metal") and is_group("persistent-organic-pollutant")
    assert is_group("mercury")  # 甲基汞 is a mercury compound
    assert not any(is_group(m) for m in ("air-pollutant", "water-pollutant", "solid-waste"))


def test_docs_filter_by_jurisdiction_genre_and_date(governed_store):
    every = documents(governed_store)

    def titles(*args):
        result = run("docs", "--store", governed_store, "--format", "json", *args)
        assert result.exit_code == 0, result.output
        return {d["title"] for d in json.loads(result.stdout)}

    shandong = {d["title"] for d in every if d["jurisdiction"]["code"].startswith("37")}
    assert {HEZE, "济南市防震减灾条例", "山东省土壤污染防治条例"} <= shandong
    assert titles("--region", "山东") == shandong
    assert titles("--region", "Jinan") == {"济南市防震减灾条例"}
    laws = titles("--genre", "law")
    assert laws == {d["title"] for d in every if d["genre"] == "law"}
    assert "中华人民共和国土壤污染防治法" in laws and not laws & shandong
    recent = {d["title"] for d in every if d["title"] in shandong and d["date"] >= "2019-01-01"}
    assert titles("--region", "山东", "--after", "2019") == recent != shandong
    assert "中华人民共和国水污染防治法" in titles("--before", "2017")
    assert titles("--region", "浙江", "--genre", "law") == set()


def test_docs_as_csv_have_a_header_and_one_row_per_document(governed_store):
    result = run("docs", "--store", governed_store, "--format", "csv", "--region", "台州")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["title"] for r in rows] == [TAIZHOU]
    assert rows[0]["jurisdiction"] == "台州市"
    assert rows[0]["repeals"] == "台州市物业管理规定"  # 台州市人民政府…颁布的《…》同时废止
    assert {"id", "date", "genre", "units"} <= set(rows[0])


def test_a_deadline_filter_lists_no_article_that_only_puts_a_law_in_force(governed_store):
    rows = items(governed_store, "--before", "2018")
    assert rows  # the plan's 2017 and 2018 deadlines
    assert not [
        r["title"]
        for r in rows
        if re.search(r"本(?:条例|法|办法)自.{4,12}起(?:施行|实施)", r["text"])
    ]


def test_a_province_filter_asks_for_the_labels_of_every_place_found_in_one_query(governed_store):
    # every place inside 山东 that a unit names or a document governs is a reason's label; a
    # query per place was one round trip each to a server (35 for a province of the bench)
    import policykg
    from policykg.graph.sparql import Tracing

    kg = policykg.open(governed_store)
    tracing = Tracing(kg.backend)
    rows = policykg.KnowledgeGraph(tracing).measures(region="山东")
    reasons = {x for r in rows for x in r.matched["region"]}
    assert "document applies to 菏泽市, inside 山东省" in reasons
    assert len({x.rsplit(", inside", 1)[0] for x in reasons}) > 3  # several places named
    labels = [q for q, _ in tracing.log if "zh labels of the concepts" in q]
    assert len(labels) == 1
    assert len(tracing.log) < 10
