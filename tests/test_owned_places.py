"""A place's own documents: ``--jurisdiction`` keeps the documents a place governs, and a
question that asks for a place's documents (山东省有哪些法规, Jinan's rules) reads the place so,
not as any unit that names it."""

from __future__ import annotations

import pytest

from tests.governed import documents, governed_store, items, run
from tests.test_ask import _ask, _read

__all__ = ["governed_store"]

FTZ = "关于加强自由贸易试验区生态环境保护推动高质量发展的指导意见"  # national, names 山东 once


def _governed_by(store, province: str) -> set[str]:
    """Ids of the documents whose jurisdiction is the province or a city of it, by code."""
    return {
        d["id"]
        for d in documents(store)
        if (d.get("jurisdiction") or {}).get("code", "").startswith(province)
    }


def test_jurisdiction_keeps_the_documents_a_place_and_its_cities_govern(governed_store):
    shandong = _governed_by(governed_store, "37")
    assert len(shandong) >= 5  # the province's regulations and those of 青岛, 济南, 菏泽
    rows = items(governed_store, "--jurisdiction", "山东")
    assert {r["source"]["document"] for r in rows} == shandong
    # a national document naming Shandong is no Shandong document; --region still finds it
    ftz = next(d["id"] for d in documents(governed_store) if d["title"] == FTZ)
    named = items(governed_store, "--region", "山东")
    assert ftz in {r["source"]["document"] for r in named}
    reasons = {why for r in rows for why in r["matched"]["jurisdiction"]}
    assert "document applies to 山东省" in reasons
    assert "document applies to 青岛市, inside 山东省" in reasons
    # the same documents as the listing's --region, which has always meant the place governed
    listed = run("docs", "--store", governed_store, "--region", "山东", "--format", "json")
    assert listed.exit_code == 0 and listed.stdout.count('"id"') == len(shandong)


def test_jurisdiction_with_a_unit_filter_and_an_unknown_place(governed_store):
    rows = items(governed_store, "--jurisdiction", "Shandong", "--pollutant", "粉尘")
    assert rows and all(r["source"]["document"] in _governed_by(governed_store, "37") for r in rows)
    assert all(set(r["matched"]) == {"pollutant", "jurisdiction"} for r in rows)
    bad = run("measures", "--store", governed_store, "--jurisdiction", "火星")
    assert bad.exit_code != 0 and "火星" in bad.output and "Traceback" not in bad.output


@pytest.mark.parametrize(
    "question",
    [
        "山东省有哪些法规",
        "山东的条例",
        "which regulations does Shandong have",
        "regulations of Shandong",
        "Shandong's regulations",
    ],
)
def test_a_places_documents_asked_for_are_those_it_governs(governed_store, question):
    reading = _read(governed_store, question)
    assert reading.filters.jurisdiction == "region/370000" and not reading.filters.region
    assert reading.wants == "documents" and not reading.unknown
    found = {r["source"]["document"] for r in _ask(governed_store, question)}
    assert found == _governed_by(governed_store, "37")  # not the national guideline naming it


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("湖南有哪些措施", "region"),  # units: the national plans' that name Hunan too
        ("which documents mention Hunan", "region"),
        ("湖南的规划", "jurisdiction"),
        ("which measures in Hunan have deadlines", "region"),  # a clause's verb, not "does … have"
        ("Hunan's plans", "jurisdiction"),
    ],
)
def test_only_a_document_noun_after_the_place_asks_for_its_own(governed_store, question, field):
    filters = _read(governed_store, question).filters
    assert getattr(filters, field) == "region/430000"
    assert getattr(filters, {"region": "jurisdiction", "jurisdiction": "region"}[field]) is None


def test_legislation_is_laws_regulations_and_their_rules_not_plans(governed_store):
    """法规 is a genre word: laws, regulations, implementing measures and a congress's
    decisions, never the plans and guidelines that also speak of discharge permits."""
    reading = _read(governed_store, "哪些法规提到排污许可")
    assert set(reading.filters.genre) >= {"law", "regulation", "measures", "decision"}
    assert reading.filters.text == ("排污许可",)
    genres = {d["id"]: d["genre"] for d in documents(governed_store)}
    kinds = {genres[r["source"]["document"]] for r in _ask(governed_store, "哪些法规提到排污许可")}
    assert {"law", "regulation"} <= kinds and not kinds & {"plan", "action-plan", "guideline"}
    everything = items(governed_store, "--text", "排污许可")
    assert {genres[r["source"]["document"]] for r in everything} >= {"plan", "guideline"}
    assert _read(governed_store, "哪些法律法规提到排污许可").filters.genre == reading.filters.genre
