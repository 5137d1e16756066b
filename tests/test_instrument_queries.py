"""Policy instruments on the query side: the ``instrument`` filter of measures, viz and matrix,
``policykg instruments`` and ``KnowledgeGraph.instruments``, and instruments in ``show``, the
CSV export and pandas. Run on the bundled plan, built once (``plan_kg``)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from policykg.cli import main
from policykg.errors import LookupFailed

SUPPLY = (
    "instrument/talent-training",
    "instrument/funding",
    "instrument/technology-support",
    "instrument/infrastructure",
    "instrument/public-services",
)


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _using(items, instrument_id):
    return {i["id"] for i in items if any(m["id"] == instrument_id for m in i["instruments"])}


@pytest.mark.parametrize("name", ["资金投入", "funding", "public funding", "instrument/funding"])
def test_an_instrument_is_named_in_chinese_english_or_by_id(plan_kg, plan_items, name):
    got = {i.id for i in plan_kg.measures(instrument=name)}
    assert got == _using(plan_items, "instrument/funding") and len(got) >= 3


def test_matched_says_which_words_are_evidence_of_the_instrument(plan_kg):
    several = 0
    for item in plan_kg.measures(instrument="资金投入"):
        (m,) = [m for m in item.instruments if m.id == "instrument/funding"]  # one per unit
        words = [m.text, *m.cues[1:]]  # the words at the mention, then the unit's other cues
        assert item.matched == {"instrument": [f"资金投入: {'、'.join(words)}"]}
        for w in words:
            assert w in item.text
        several += len(words) > 1
    assert several  # a unit whose funding rests on more than one word lists them all


@pytest.mark.parametrize("name", ["供给型", "supply"])
def test_a_category_takes_every_instrument_under_it(plan_kg, plan_items, name):
    items = plan_kg.measures(instrument=name)
    assert {i.id for i in items} == set().union(*(_using(plan_items, s) for s in SUPPLY))
    for item in items:
        for reason in item.matched["instrument"]:
            assert reason.startswith("供给型/")


def test_the_instrument_filter_combines_with_the_others(plan_kg, plan_items):
    both = {i.id for i in plan_kg.measures(instrument="法规管制", pollutant="重金属")}
    heavy = {i.id for i in plan_kg.measures(pollutant="重金属")}
    assert both == heavy & _using(plan_items, "instrument/regulation") and both


def test_an_unknown_instrument_is_a_lookup_failure_with_a_hint(plan_kg, built_store):
    with pytest.raises(LookupFailed):
        plan_kg.measures(instrument="unobtainium")
    result = _run("measures", "--store", built_store, "--instrument", "unobtainium")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: no instrument matches 'unobtainium'; see `policykg instruments`"
    )


def test_counts_per_category_and_instrument_match_the_units(plan_kg, plan_items):
    rows = plan_kg.instruments()
    assert [r["level"] for r in rows].count("category") == 3
    assert len(rows) == 18
    for row in rows:
        if row["level"] == "instrument":
            assert row["units"] == len(_using(plan_items, row["id"]))
    by_id = {r["id"]: r for r in rows}
    supply = set().union(*(_using(plan_items, s) for s in SUPPLY))
    assert by_id["instrument/supply"]["units"] == len(supply)
    assert by_id["instrument/supply"]["documents"] == 1
    assert by_id["instrument/funding"]["label_zh"] == "资金投入"
    assert by_id["instrument/funding"]["category_zh"] == "供给型"
    cues = dict(by_id["instrument/goal-planning"]["cues"])
    assert cues["规划"] > 0 and cues["target"] > 0  # a target is evidence of 目标规划
    # each category comes before its own instruments
    position = {r["id"]: n for n, r in enumerate(rows)}
    assert all(position["instrument/supply"] < position[s] for s in SUPPLY)


def test_counts_follow_the_filters(plan_kg):
    rows = {r["id"]: r for r in plan_kg.instruments(pollutant="镉")}
    cadmium = plan_kg.measures(pollutant="镉")
    environment = [i for i in cadmium if any(m.category == "environment" for m in i.instruments)]
    assert rows["instrument/environment"]["units"] == len(environment) < len(cadmium)


def test_the_instruments_command_lists_counts_in_every_format(built_store, plan_kg):
    table = _run("instruments", "--store", built_store)
    assert table.exit_code == 0, table.output
    assert "供给型 supply" in table.stdout and "  资金投入 public funding" in table.stdout
    as_json = json.loads(_run("instruments", "--store", built_store, "--format", "json").stdout)
    assert as_json == plan_kg.instruments()
    rows = list(
        csv.DictReader(
            io.StringIO(_run("instruments", "--store", built_store, "--format", "csv").stdout)
        )
    )
    assert list(rows[0])[:6] == ["id", "level", "category", "category_zh", "label", "label_zh"]
    assert len(rows) == 18


def test_measures_viz_and_matrix_take_the_instrument_option(built_store, plan_kg, tmp_path):
    result = _run("measures", "--store", built_store, "--instrument", "需求型", "--format", "json")
    items = json.loads(result.stdout)
    assert items and all(i["matched"]["instrument"] for i in items)
    page = tmp_path / "demand.html"
    assert _run("viz", "--store", built_store, "--instrument", "需求型", "-o", page).exit_code == 0
    m, _, _ = plan_kg.matrix("document", "pollutant", instrument="需求型")
    assert m.unit_docs.keys() == {i["id"] for i in items}
    out = _run(
        "matrix",
        "--store",
        built_store,
        "--rows",
        "instrument",
        "--instrument",
        "需求型",
        "--format",
        "json",
    )
    rows = {r["label"] for r in json.loads(out.stdout)["rows"]}
    assert {"示范推广", "海外交流"} <= rows  # and the other instruments those units use


def test_show_names_each_instrument_with_the_words_behind_it(built_store):
    result = _run("show", "加强汞污染控制", "--store", built_store)
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stdout.splitlines() if x.startswith("instruments:"))
    assert "环境型/法规管制（禁止、淘汰）" in line and "环境型/目标规划（" in line


def test_the_csv_export_and_pandas_carry_instruments_in_chinese(plan_kg, plan_items):
    rows = list(csv.DictReader(io.StringIO(b"".join(plan_kg.export("csv")).decode("utf-8"))))
    found = [r for r in rows if r["entity_type"] == "instrument"]
    assert len(found) == sum(len(i["instruments"]) for i in plan_items)
    funding = [r for r in found if r["entity_id"] == "instrument/funding"]
    assert funding and {(r["label"], r["category"]) for r in funding} == {("资金投入", "供给型")}
    df = plan_kg.to_pandas()
    assert {"instruments", "instrument_categories"} <= set(df.columns)
    hg = df[df.title == "加强汞污染控制"].iloc[0]
    assert set(hg.instruments) == {"法规管制", "目标规划"}
    assert list(hg.instrument_categories) == ["环境型"]
    counts = df.explode("instruments")["instruments"].value_counts()
    assert counts["资金投入"] == len(_using(plan_items, "instrument/funding"))
