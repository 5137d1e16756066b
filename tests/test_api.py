"""The Python API as a notebook uses it: typed items that dump to the JSON contract, pandas,
networkx, and help that lists the filters."""

from __future__ import annotations

import inspect
import json
import sys
from dataclasses import fields

import pytest

import policykg
from policykg.graph import measures
from policykg.items import Item


def test_every_item_of_the_corpus_dumps_back_to_its_stored_record(corpus_kg):
    documents = [d.id for d in corpus_kg.documents()]
    raw = measures.items(corpus_kg.backend, measures.Filters(), documents)
    typed = corpus_kg.measures()
    assert len(typed) == len(raw) > 500
    assert [i.model_dump() for i in typed] == raw
    filtered = corpus_kg.measures(pollutant="二氧化硫")
    assert all(i.matched["pollutant"] for i in filtered)
    assert [i.model_dump() for i in filtered] == measures.items(
        corpus_kg.backend, measures.Filters(pollutant="二氧化硫"), documents
    )


def test_a_paged_record_reads_its_pages_and_dumps_back_as_it_was(plan_items):
    record = {**plan_items[0], "source": {**plan_items[0]["source"], "page": 3, "pages": [3, 4]}}
    record["pollutants"] = [
        {**m, "page": 3, "bbox": [1.0, 2.0, 3.0, 4.0]} for m in record["pollutants"]
    ]
    item = Item.model_validate(record)
    assert item.source.page == 3 and item.source.pages == [3, 4]
    assert item.model_dump() == record
    assert Item.model_validate_json(json.dumps(record, ensure_ascii=False)) == item


def test_a_record_an_older_policykg_wrote_asks_for_a_rebuild(plan_items):
    from policykg.errors import NoData
    from policykg.knowledge_graph import _typed

    older = {k: v for k, v in plan_items[0].items() if k != "fines"}  # before the fines family
    with pytest.raises(NoData, match="older policykg.*`fines`.*--force"):
        _typed(Item, json.dumps(older, ensure_ascii=False))
    with pytest.raises(NoData, match="--force"):
        _typed(Item, older)


def test_items_read_as_attributes(plan_kg):
    (item,) = plan_kg.measures(pollutant="镉", before=2018)
    assert item.title == "深化重点区域分类防控" and item.kind == "measure"
    assert item.source.document == "plan-2016-eco-env-protection"
    assert "重金属" in [p.label for p in item.pollutants]
    assert {d.date for d in item.deadlines} >= {"2018-12-31"}
    assert json.loads(json.dumps(item.model_dump(), ensure_ascii=False))["matched"]


def test_documents_are_typed_summaries(plan_kg):
    (doc,) = plan_kg.documents()
    assert doc.id == "plan-2016-eco-env-protection"
    assert doc.number == "国发〔2016〕65号" and doc.issuers == ["国务院"]
    assert doc.model_dump() == measures.documents(plan_kg.backend)[0]


def test_help_lists_every_filter_of_measures(plan_kg):
    names = [f.name for f in fields(measures.Filters)]
    for method in (plan_kg.measures, plan_kg.to_pandas, plan_kg.to_networkx):
        params = inspect.signature(method).parameters
        assert list(params) == names
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params.values())


def test_to_pandas_has_a_row_per_unit_with_entity_lists(plan_kg):
    df = plan_kg.to_pandas(region="湖南")
    assert list(df["title"]) == [i.title for i in plan_kg.measures(region="湖南")]
    assert {"document", "place", "pollutants", "regions", "deadlines", "text"} <= set(df.columns)
    regions = set(df.explode("regions")["regions"])
    assert {"湘潭市", "花垣县"} <= regions  # places inside Hunan, one row each


def test_to_pandas_without_pandas_says_how_to_get_it(plan_kg, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if it were not installed
    with pytest.raises(ImportError, match=r"pip install 'policykg\[pandas\]'"):
        plan_kg.to_pandas()


def test_the_package_names_its_api(plan_kg):
    assert {"open", "build", "KnowledgeGraph", "Item", "BuildReport"} <= set(dir(policykg))
    assert isinstance(plan_kg, policykg.KnowledgeGraph)
    with pytest.raises(AttributeError):
        policykg.no_such_thing  # noqa: B018
