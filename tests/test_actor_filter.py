"""--actor: a body, the kinds of body under it, and the bodies it replaced or that replaced it."""

from __future__ import annotations

import json

import pytest

import policykg
from policykg.graph.namespaces import concept_iri
from policykg.graph.sparql import connect
from tests.governed import governed_store, items

__all__ = ["governed_store"]


def _reasons(rows: list[dict]) -> list[str]:
    return [r for row in rows for r in row["matched"]["actor"]]


def test_a_citys_standing_committee_is_one_of_the_standing_committees(governed_store):
    """市人大常委会 (local regulations: 市人大常委会应当…) is a body outside the vocabulary, of
    the kind 人民代表大会常务委员会; asking for the kind finds it, and says so."""
    kind = items(governed_store, "--actor", "人民代表大会常务委员会")
    city = items(governed_store, "--actor", "市人大常委会")
    assert city and {r["id"] for r in city} < {r["id"] for r in kind}
    assert any(r.startswith("市人大常委会 (") for r in _reasons(city))
    assert any(
        r.startswith("市人大常委会 (") and r.endswith("one of the 人民代表大会常务委员会")
        for r in _reasons(kind)
    )
    direct = [r for r in _reasons(kind) if "one of the" not in r]
    assert direct and all(r.startswith("人民代表大会常务委员会 (") for r in direct)


def test_the_graph_says_what_kind_of_body_one_outside_the_vocabulary_is(governed_store):
    rows = connect(governed_store).query(
        "SELECT DISTINCT ?broader WHERE { ?body skos:prefLabel ?label ; skos:broader ?broader"
        ' FILTER (?label = "市人大常委会"@zh) }'
    )
    assert [r["broader"] for r in rows] == [
        concept_iri("actor/peoples-congress-standing-committee")
    ]


def test_a_remit_includes_the_remit_at_each_level(governed_store):
    """生态环境主管部门 (a law's 国务院生态环境主管部门, 县级以上人民政府生态环境主管部门 …)."""
    reasons = _reasons(items(governed_store, "--actor", "生态环境主管部门"))
    assert any(r.startswith("国务院生态环境主管部门 (") for r in reasons)
    assert any(r.startswith("县级以上人民政府生态环境主管部门 (") for r in reasons)
    narrower = items(governed_store, "--actor", "国务院生态环境主管部门")
    assert narrower and all(
        r.startswith("国务院生态环境主管部门 (") for r in _reasons(narrower)
    )  # downwards only: the national remit does not take in the other levels


@pytest.fixture(scope="module")
def task_note_store(tmp_path_factory):
    """A line of the State Council's 2016 eco-environmental plan, whose tasks went to 环境保护部
    two years before it became 生态环境部."""
    folder = tmp_path_factory.mktemp("note")
    path = folder / "note.txt"
    path.write_text(
        "实施工业污染源全面达标排放计划（环境保护部牵头，发展改革委、工业和信息化部等参与）。\n",
        encoding="utf-8",
    )
    store = folder / "kg"
    policykg.build([path], store, jobs=1)
    return policykg.open(store)


def test_a_ministry_is_found_under_its_former_name_and_the_reason_says_so(task_note_store):
    now = task_note_store.measures(actor="生态环境部")
    assert [m.matched["actor"] for m in now] == [["环境保护部 (lead), which 生态环境部 replaced"]]
    then = task_note_store.measures(actor="环境保护部")
    assert [m.matched["actor"] for m in then] == [["环境保护部 (lead)"]]
    assert task_note_store.measures(actor="生态环境部", role="participant") == []
    assert task_note_store.measures(actor="Ministry of Ecology and Environment") == now


def test_a_role_without_a_body_keeps_the_units_where_any_body_plays_it(task_note_store):
    """--role alone: which tasks have a lead at all, whoever it is, and who they are."""
    lead = task_note_store.measures(role="lead")
    assert [m.matched["role"] for m in lead] == [["环境保护部 (lead)"]]
    participants = task_note_store.measures(role="participant")
    assert [sorted(m.matched["role"]) for m in participants] == [
        ["国家发展和改革委员会 (participant)", "工业和信息化部 (participant)"]
    ]
    assert task_note_store.measures(role="responsible") == []


def test_the_role_filter_reads_the_laws_and_regulations(governed_store):
    """Real texts: every unit --role responsible keeps names a body in that role (a duty's
    subject), and the regulations' lead bodies (…负责本行政区域…的统一监督管理) are among them."""
    rows = items(governed_store, "--role", "responsible")
    assert len(rows) > 100
    assert all(any(a["role"] == "responsible" for a in r["actors"]) for r in rows)
    assert all(r["matched"]["role"] for r in rows)
    every = items(governed_store)
    with_role = [r for r in every if any(a["role"] == "responsible" for a in r["actors"])]
    assert {r["id"] for r in rows} == {r["id"] for r in with_role}


def test_the_line_runs_both_ways(task_note_store):
    """国家环境保护总局 (1998-2008) was replaced by 环境保护部, itself replaced in 2018."""
    earlier = task_note_store.measures(actor="国家环境保护总局")
    assert [m.matched["actor"] for m in earlier] == [
        ["环境保护部 (lead), which replaced 国家环境保护总局"]
    ]


def test_units_that_name_the_body_itself_come_first(governed_store):
    """Within each, reading order; the kinds of the body follow (as a pollutant's do)."""
    rows = items(governed_store, "--actor", "人民代表大会常务委员会")
    itself = [
        any(r.startswith("人民代表大会常务委员会 (") for r in row["matched"]["actor"])
        for row in rows
    ]
    assert True in itself and False in itself
    assert itself == sorted(itself, reverse=True)
    # with a pollutant as well, first are the units that name both themselves
    both = items(governed_store, "--actor", "生态环境主管部门", "--pollutant", "大气污染物")
    ranks = [
        any(r.startswith("生态环境主管部门 (") for r in row["matched"]["actor"])
        and any(r == "names 大气污染物" for r in row["matched"]["pollutant"])
        for row in both
    ]
    assert True in ranks and False in ranks
    assert ranks == sorted(ranks, reverse=True)


def test_a_role_that_is_none_of_the_four_is_a_one_line_error(governed_store):
    from tests.governed import run

    result = run("measures", "--store", governed_store, "--actor", "司法机关", "--role", "boss")
    assert result.exit_code != 0
    assert result.output.strip().splitlines() == [
        "Error: no role matches 'boss'; a role is one of lead, participant, responsible, mentioned"
    ]


def test_the_actors_listing_says_what_kind_of_body_each_is(governed_store):
    from tests.governed import run

    result = run("actors", "--store", governed_store, "--format", "json")
    assert result.exit_code == 0, result.output
    by_label = {a["label"]: a for a in json.loads(result.stdout)}
    assert by_label["市人大常委会"]["kind"] == "人民代表大会常务委员会"
    assert by_label["省级人民政府"]["kind"] == "地方人民政府"
    assert by_label["国务院"]["kind"] is None
    table = run("actors", "--store", governed_store)
    assert "kind" in table.output.splitlines()[1]


def _plan(tmp_path, *lines: str):
    """A plan of ``lines``, built and opened."""
    (tmp_path / "plan.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    policykg.build([tmp_path / "plan.txt"], store=tmp_path / "kg")
    return policykg.open(tmp_path / "kg")


def test_a_level_before_a_two_character_name_keeps_that_levels_body(tmp_path):
    """CONSTRUCTED in the wording of 2017 provincial and city plans: 省农委 and 市农委 are the
    province's and the city's agriculture departments (农委, a pre-reform name of two
    characters): --actor 省农委 keeps the province's tasks only, as 省环保厅 does."""
    kg = _plan(
        tmp_path,
        "某省土壤污染防治工作方案",
        "（一）开展土壤污染状况详查。2018年底前查明农用地土壤污染状况。（省农委牵头）",
        "（二）开展受污染耕地安全利用。2020年底前完成安全利用。（市农委牵头）",
    )
    province = [i.title for i in kg.measures(actor="省农委")]
    city = [i.title for i in kg.measures(actor="市农委")]
    assert province == ["开展土壤污染状况详查"] and city == ["开展受污染耕地安全利用"]
    assert len(kg.measures(actor="农委")) == 2  # without a level, every level's


def test_a_level_in_english_before_a_bodys_name_keeps_that_levels_body(tmp_path):
    """CONSTRUCTED in the wording of provincial and city plans: "the provincial environmental
    protection department" is 省环保厅, as 省 before the Chinese name is; "municipal" is 市."""
    kg = _plan(
        tmp_path,
        "某省大气污染防治工作方案",
        "（一）开展扬尘污染整治。2018年底前完成整治。（省环保厅牵头）",
        "（二）开展餐饮油烟整治。2018年底前完成整治。（市环保局牵头）",
    )
    province = kg.ask("which tasks does the provincial environmental protection department lead")
    assert [i.title for i in province.items] == ["开展扬尘污染整治"]
    understood = "; ".join(province.understood)
    assert "at the level 省 names" in understood and "provincial" not in understood
    city = kg.ask("tasks of the municipal environmental protection bureau")
    assert [i.title for i in city.items] == ["开展餐饮油烟整治"]
