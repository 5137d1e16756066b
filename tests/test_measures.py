"""The real plan through the API: the measures contract, its filters, the canonical questions."""

from __future__ import annotations

import pytest

from policykg.errors import LookupFailed
from policykg.extract.model import FAMILIES
from tests.conftest import PLAN, PLAN_ID


def _titles(kg, **filters):
    return [r.title for r in kg.measures(**filters)]


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


def test_measures_keep_reading_order_and_their_place(plan_kg):
    items = plan_kg.measures()
    titles = [r.title for r in items]
    assert titles[0] == "强化突发环境事件应急处置管理"
    mercury = items[titles.index("加强汞污染控制")]
    assert [(p.type, p.number, p.title) for p in mercury.parents] == [
        ("chapter", 6, None),
        ("section", 2, "加大重金属污染防治力度"),
    ]
    assert mercury.place == "第六章 / 第二节 加大重金属污染防治力度"
    # the box follows the section it illustrates
    assert items[titles.index("加强汞污染控制") + 1].kind == "box-item"


def test_offsets_in_the_json_point_into_the_original_file(plan_items):
    original = PLAN.read_text(encoding="utf-8")
    for r in plan_items:
        quote = original[r["source"]["start"] : r["source"]["end"]]
        assert "".join(quote.split())[:6] == "".join(r["text"].split())[:6]
        for key in FAMILIES.values():
            for m in r[key]:
                assert "".join(original[m["start"] : m["end"]].split()) == "".join(
                    m["text"].split()
                )


def test_cadmium_before_2018_is_exactly_the_regional_measure(plan_kg):
    rows = plan_kg.measures(pollutant="镉", before=2018)
    assert [r.title for r in rows] == ["深化重点区域分类防控"]
    matched = rows[0].matched
    assert any("重金属" in why for why in matched["pollutant"])
    assert any("2018-12-31" in why for why in matched["deadline"])


def test_exact_cadmium_before_2018_finds_nothing(plan_kg):
    assert _titles(plan_kg, pollutant="镉", before="2018", exact=True) == []


def test_english_and_alt_labels_find_the_same_pollutant(plan_kg):
    assert _titles(plan_kg, pollutant="cadmium") == _titles(plan_kg, pollutant="镉")


def test_cadmium_includes_measures_naming_it_directly(plan_kg):
    assert "防控危险废物环境风险" in _titles(plan_kg, pollutant="镉", exact=True)


def test_hunan_finds_places_inside_it_and_with_overlapping_the_rivers_crossing_it(plan_kg):
    inside = _titles(plan_kg, region="湖南")
    assert "湘潭竹埠港及周边地区（历史遗留污染治理）" in inside
    assert "深化重点区域分类防控" in inside  # 湖南省花垣县
    assert "建设防护林体系" not in inside
    wider = _titles(plan_kg, region="湖南", overlapping=True)
    assert set(inside) < set(wider)
    assert "建设防护林体系" in wider  # 长江
    assert _titles(plan_kg, region="430000") == inside


def test_one_kind_or_several_and_one_document(plan_kg):
    boxes = plan_kg.measures(kind="box-item")
    assert len(boxes) == 24 and {r.kind for r in boxes} == {"box-item"}
    assert len(plan_kg.measures(kind=("box-item", "intro"))) == 27
    with pytest.raises(LookupFailed, match="no document matches 'another-document'"):
        plan_kg.measures(doc="another-document")


def test_an_unknown_filter_value_is_a_lookup_error_and_an_unknown_filter_a_type_error(plan_kg):
    with pytest.raises(LookupFailed, match="^no pollutant matches 'unobtainium'$"):
        plan_kg.measures(pollutant="unobtainium")
    with pytest.raises(TypeError, match="polutant"):
        plan_kg.measures(polutant="镉")
    with pytest.raises(LookupFailed, match="give a year"):
        plan_kg.measures(before="soon")


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


def test_a_document_is_named_by_its_id_its_title_or_the_part_of_a_title_only_it_holds(corpus_kg):
    by_id = corpus_kg.measures(doc="law-air-pollution-2018", kind="article")
    assert len(by_id) == 129
    assert corpus_kg.measures(doc="《中华人民共和国大气污染防治法》", kind="article") == by_id
    jinan = corpus_kg.measures(doc="济南市防震减灾条例")
    assert jinan and {i.source.document for i in jinan} == {jinan[0].source.document}
    with pytest.raises(LookupFailed, match="titles hold it"):
        corpus_kg.measures(doc="条例")  # many regulations: an id is needed
    with pytest.raises(LookupFailed, match="no document matches"):
        corpus_kg.measures(doc="no-such-document")


def test_streamed_items_are_the_listed_items_in_the_same_order(corpus_kg):
    listed = corpus_kg.measures(kind="article")
    assert list(corpus_kg.iter_measures(kind="article")) == listed
    assert len(listed) > 2000  # every document's articles, read one document at a time


def test_the_streamed_json_and_csv_of_the_cli_are_what_a_whole_dump_gives(corpus_store):
    import csv
    import io
    import json

    from click.testing import CliRunner

    from policykg.cli import main

    run = CliRunner().invoke
    out = run(main, ["measures", "--store", str(corpus_store), "--format", "json"])
    items = json.loads(out.stdout)
    assert out.stdout == json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    rows = list(
        csv.DictReader(
            io.StringIO(
                run(main, ["measures", "--store", str(corpus_store), "--format", "csv"]).stdout
            )
        )
    )
    assert [r["id"] for r in rows] == [i["id"] for i in items]
    empty = run(
        main,
        [
            "measures",
            "--store",
            str(corpus_store),
            "--pollutant",
            "镉",
            "--doc",
            "law-air-pollution-2018",
            "--format",
            "json",
        ],
    )
    assert empty.exit_code == 0 and empty.stdout == "[]\n"


@pytest.mark.parametrize("family", list(FAMILIES.values()))
def test_has_keeps_the_units_with_a_family_and_only_those(corpus_kg, family):
    """--has targets: the units that set quantitative targets at all, whatever they are on;
    read from the units' links to what they mention, so that ask's target questions read only
    those units' records."""
    every = corpus_kg.measures()
    kept = corpus_kg.measures(has=family)
    assert kept and len(kept) < len(every)
    assert {m.id for m in kept} == {m.id for m in every if getattr(m, family)}
    assert all(m.matched["has"] == [family] for m in kept)
    assert corpus_kg.measures(has=family[:-1]) == kept  # the type names it too


def test_has_takes_several_families_together_and_refuses_an_unknown_one(corpus_kg):
    both = corpus_kg.measures(has=("targets", "deadlines"))
    assert both and all(m.targets and m.deadlines for m in both)
    assert all(m.matched["has"] == ["deadlines", "targets"] for m in both)
    assert len(both) < len(corpus_kg.measures(has="targets"))
    with pytest.raises(LookupFailed, match="no entity family matches 'cheese'; give one of"):
        corpus_kg.measures(has="cheese")


@pytest.mark.parametrize(
    ("value", "iso"),
    [("30日", "P30D"), ("三十日", "P30D"), ("15个工作日", "P15D-working-days"),
     ("24小时", "PT24H"), ("6个月", "P6M"), ("30 days", "P30D"), ("10 working days",
     "P10D-working-days"), ("两年", "P2Y"), ("p30d", "P30D")],
)  # fmt: skip
def test_a_length_is_read_as_the_graphs_duration(value, iso):
    from policykg.graph.measures import duration

    assert duration(value) == iso


def test_within_keeps_the_units_with_a_time_limit_of_that_length(corpus_kg):
    """自收齐申请材料之日起十五个工作日内: --within 15个工作日 finds it, and not the limits of 15
    calendar days; each unit says the words of its limit."""
    working = corpus_kg.measures(within="15个工作日")
    assert working and all(
        any("十五个工作日" in w or "15个工作日" in w for w in m.matched["within"]) for m in working
    )
    calendar = corpus_kg.measures(within="15日")
    assert calendar and not {m.id for m in working} & {m.id for m in calendar}
    assert all(
        any(d.duration == "P15D" and not d.working_days for d in m.deadlines) for m in calendar
    )
    with pytest.raises(LookupFailed, match="no time limit matches '3 fortnights'"):
        corpus_kg.measures(within="3 fortnights")
