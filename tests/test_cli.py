"""The real CLI on the real plan: the measures JSON contract and the canonical questions."""

from __future__ import annotations

import json

from click.testing import CliRunner

from policykg.cli import main
from tests.conftest import PLAN, PLAN_ID


def _run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result


def _titles(store, *args):
    result = _run("measures", "--store", store, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return [r["title"] for r in json.loads(result.stdout)]


def test_measures_json_lists_every_unit_with_the_contract_fields(plan_items):
    assert len([r for r in plan_items if r["kind"] == "measure"]) == 50
    assert len([r for r in plan_items if r["kind"] == "box-item"]) == 24
    for r in plan_items:
        assert {"title", "kind", "parents", "text", "source"} <= set(r)
        assert not r["title"].endswith("。")
        assert "\n" not in r["text"] and "上接" not in r["text"] and "下转" not in r["text"]
        assert r["source"]["document"] == PLAN_ID
        for p in r["parents"]:
            assert p["type"] in ("chapter", "section", "part", "box", "group")
            assert p["number"] is None or isinstance(p["number"], int)


def test_measures_keep_reading_order_and_their_place(plan_items):
    titles = [r["title"] for r in plan_items]
    assert titles[0] == "强化突发环境事件应急处置管理"
    mercury = plan_items[titles.index("加强汞污染控制")]
    assert [(p["type"], p["number"], p["title"]) for p in mercury["parents"]] == [
        ("chapter", 6, None),
        ("section", 2, "加大重金属污染防治力度"),
    ]
    # the box follows the section it illustrates
    assert plan_items[titles.index("加强汞污染控制") + 1]["kind"] == "box-item"


def test_offsets_in_the_json_point_into_the_original_file(plan_items):
    original = PLAN.read_text(encoding="utf-8")
    for r in plan_items:
        quote = original[r["source"]["start"] : r["source"]["end"]]
        assert "".join(quote.split())[:6] == "".join(r["text"].split())[:6]
        for key in ("pollutants", "regions", "actors", "deadlines", "targets"):
            for m in r[key]:
                assert "".join(original[m["start"] : m["end"]].split()) == "".join(
                    m["text"].split()
                )


def test_cadmium_before_2018_is_exactly_the_regional_measure(built_store):
    result = _run(
        "measures",
        "--store",
        built_store,
        "--pollutant",
        "镉",
        "--before",
        "2018",
        "--format",
        "json",
    )
    rows = json.loads(result.stdout)
    assert [r["title"] for r in rows] == ["深化重点区域分类防控"]
    matched = rows[0]["matched"]
    assert any("重金属" in why for why in matched["pollutant"])
    assert any("2018-12-31" in why for why in matched["deadline"])


def test_exact_cadmium_before_2018_finds_nothing(built_store):
    assert _titles(built_store, "--pollutant", "镉", "--before", "2018", "--exact") == []


def test_english_and_alt_labels_find_the_same_pollutant(built_store):
    assert _titles(built_store, "--pollutant", "cadmium") == _titles(
        built_store, "--pollutant", "镉"
    )


def test_cadmium_includes_measures_naming_it_directly(built_store):
    assert "防控危险废物环境风险" in _titles(built_store, "--pollutant", "镉", "--exact")


def test_hunan_finds_places_inside_it_and_with_overlapping_the_rivers_crossing_it(built_store):
    inside = _titles(built_store, "--region", "湖南")
    assert "湘潭竹埠港及周边地区（历史遗留污染治理）" in inside
    assert "深化重点区域分类防控" in inside  # 湖南省花垣县
    assert "建设防护林体系" not in inside
    wider = _titles(built_store, "--region", "湖南", "--overlapping")
    assert set(inside) < set(wider)
    assert "建设防护林体系" in wider  # 长江
    assert _titles(built_store, "--region", "430000") == inside


def test_unknown_filter_values_fail_with_one_line(built_store):
    result = _run("measures", "--store", built_store, "--pollutant", "unobtainium")
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("Error: no pollutant matches")
    assert "Traceback" not in result.output


def test_a_missing_store_is_a_one_line_error(tmp_path):
    result = _run("measures", "--store", tmp_path / "nothing")
    assert result.exit_code == 1
    assert "Error: no policykg store" in result.stderr


def test_every_command_has_help_text():
    for name, command in main.commands.items():
        assert command.help, name
        assert _run(name, "--help").exit_code == 0


def test_a_paragraph_longer_than_one_spacy_doc_is_analysed_in_pieces(nlp, monkeypatch):
    import policykg.extract.pipeline
    from policykg.extract.pipeline import analyse_text

    monkeypatch.setattr(policykg.extract.pipeline, "_CHUNK", 2_000)  # the real one is 100,000
    sentence = "2018年底前，湖南省完成镉污染治理。"
    text = sentence * 300  # 5,700 characters on one line: three pieces
    doc = analyse_text(text, "long", nlp)
    mentions = [m for u in doc.units for m in u.mentions]
    cadmium = [m for m in mentions if m.concept == "pollutant/cadmium"]
    assert len(cadmium) == 300
    assert all(text[m.start : m.end] == "镉" for m in cadmium)
