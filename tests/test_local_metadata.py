"""What each local regulation governs, who made it and when: against gold read from the headers.

tests/gold/local-regulations.json holds, for each of the 42 LawRefBook regulations in
corpus/local-regulations/, the jurisdiction, issuers, history, date and entry into force as a
reader takes them from the header and the closing article. Metadata is read from the plain text
the Markdown reader hands on (heading marks, comments and emphasis removed).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from policykg.extract.history import repealed
from policykg.extract.metadata import extract_metadata
from tests.conftest import CORPUS, ROOT

GOLD = json.loads((ROOT / "tests" / "gold" / "local-regulations.json").read_text(encoding="utf-8"))
FIELDS = ("title", "jurisdiction", "issuers", "history", "date", "effective", "repeals")


def plain(markdown: str) -> str:
    """The text without Markdown marks: what the reader gives metadata extraction."""
    text = re.sub(r"<!--.*?-->", "", markdown, flags=re.S)
    text = re.sub(r"(?m)^#{1,6}\s+", "", text)
    return re.sub(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1", r"\2", text)


def extracted(entry: dict) -> dict:
    meta = extract_metadata(
        plain((CORPUS / "local-regulations" / entry["file"]).read_text("utf-8"))
    )
    return {
        "title": meta.get("title"),
        "jurisdiction": meta.get("jurisdiction"),
        "issuers": meta.get("issuers", []),
        "history": [
            {"date": e["date"], "event": e["event"], "body": e.get("body")}
            for e in meta.get("history", [])
        ],
        "date": meta.get("date"),
        "effective": meta.get("effective"),
        "repeals": meta.get("repeals", []),
    }


def test_the_gold_covers_every_local_regulation_in_the_corpus():
    files = {p.name for p in Path(CORPUS / "local-regulations").glob("*.md")}
    assert {g["file"] for g in GOLD} == files
    assert len(files) == 42


@pytest.mark.parametrize("entry", GOLD, ids=[g["file"] for g in GOLD])
def test_each_regulation_yields_the_metadata_its_header_states(entry):
    got = extracted(entry)
    assert {f: got[f] for f in FIELDS} == {f: entry[f] for f in FIELDS}


def test_every_field_is_right_for_every_regulation():
    wrong = Counter(f for g in GOLD for f, v in extracted(g).items() if g[f] != v)
    assert {f: (len(GOLD) - wrong[f]) / len(GOLD) for f in FIELDS} == dict.fromkeys(FIELDS, 1.0)


def test_the_gold_has_the_variety_held_out_headers_have():
    events = Counter(e["event"] for g in GOLD for e in g["history"])
    assert set(events) == {"passed", "approved", "promulgated", "amended", "revised", "effective"}
    codes = [g["jurisdiction"]["code"] for g in GOLD]
    assert any(c.endswith("0000") for c in codes)  # provinces and municipalities
    assert any(c.endswith("00") and not c.endswith("0000") for c in codes)  # cities
    assert any(not c.endswith("00") for c in codes)  # a county
    assert sum(len(g["issuers"]) == 2 for g in GOLD) >= 10  # passed by a city, approved above


# -- headers of kinds the corpus lacks ---------------------------------------------------------


def test_a_government_rule_is_promulgated_by_order_and_in_force_from_its_header():
    text = (
        "北京市生活垃圾管理规定\n"
        "（2019年11月12日北京市人民政府第52次常务会议通过　2019年11月20日北京市人民政府令"
        "第288号公布　根据2021年4月5日北京市人民政府令第300号修改　自2020年5月1日起施行）\n"
        "第一条 为了加强生活垃圾管理，制定本规定。\n"
    )
    meta = extract_metadata(text)
    assert [(e["date"], e["event"], e.get("body")) for e in meta["history"]] == [
        ("2019-11-12", "passed", "北京市人民政府"),
        ("2019-11-20", "promulgated", "北京市人民政府"),
        ("2021-04-05", "amended", "北京市人民政府"),
        ("2020-05-01", "effective", None),
    ]
    assert meta["issuers"] == ["北京市人民政府"]
    assert meta["number"] == "北京市人民政府令第288号"
    assert meta["date"] == "2021-04-05"
    assert meta["effective"] == "2020-05-01"
    assert meta["jurisdiction"] == {"label": "北京市", "code": "110000"}


def test_an_administrative_regulation_is_the_state_councils_and_national():
    text = (
        "排污许可管理条例\n"
        "（2021年1月24日中华人民共和国国务院令第736号公布　自2021年3月1日起施行）\n"
        "第一章 总则\n"
    )
    meta = extract_metadata(text)
    assert meta["issuers"] == ["国务院"]
    assert meta["number"] == "国务院令第736号"
    assert meta["date"] == "2021-01-24"
    assert meta["effective"] == "2021-03-01"
    assert meta["jurisdiction"] == {"label": "中华人民共和国", "code": "100000"}


def test_an_amendment_by_a_state_council_decision_names_the_council():
    text = (
        "某某管理条例\n"
        "（2000年1月1日中华人民共和国国务院令第1号发布　根据2011年1月8日《国务院关于废止和修改"
        "部分行政法规的决定》修订）\n第一条 总则。\n"
    )
    meta = extract_metadata(text)
    assert [(e["event"], e.get("body")) for e in meta["history"]] == [
        ("promulgated", "国务院"),
        ("revised", "国务院"),
    ]


def test_a_scenic_areas_regulation_governs_the_city_whose_congress_passed_it():
    text = (
        "黄山风景名胜区管理条例\n\n"
        "2014年8月28日 黄山市第六届人民代表大会常务委员会第十九次会议通过\n\n"
        "2014年11月28日 安徽省第十二届人民代表大会常务委员会第十五次会议批准\n\n"
        "第一条 为了保护黄山风景名胜区，制定本条例。\n"
    )
    meta = extract_metadata(text)
    assert meta["jurisdiction"] == {"label": "黄山市", "code": "341000"}
    assert meta["issuers"] == ["黄山市人民代表大会常务委员会", "安徽省人民代表大会常务委员会"]


def test_bodies_of_places_outside_the_corpus_are_composed_from_the_gazetteer():
    text = (
        "延边朝鲜族自治州某某条例\n"
        "（2005年3月1日延边朝鲜族自治州第十二届人民代表大会第三次会议通过　"
        "2005年5月27日吉林省第十届人民代表大会常务委员会第二十一次会议批准）\n"
    )
    meta = extract_metadata(text)
    assert meta["issuers"] == ["延边朝鲜族自治州人民代表大会", "吉林省人民代表大会常务委员会"]
    assert meta["jurisdiction"] == {"label": "延边朝鲜族自治州", "code": "222400"}


def test_a_special_zone_title_without_a_header_still_finds_its_city():
    meta = extract_metadata("深圳经济特区某某条例\n第一条 为了……，制定本条例。\n")
    assert meta["jurisdiction"] == {"label": "深圳市", "code": "440300"}


def test_in_force_on_promulgation_takes_the_promulgation_date_when_the_header_gives_it():
    text = (
        "某某条例\n\n2016年5月27日 浙江省第十二届人民代表大会常务委员会第二十九次会议通过\n\n"
        "2016年5月30日 浙江省人民代表大会常务委员会公告第42号公布\n\n"
        "第一条 总则。\n\n第二条 本条例自公布之日起施行。\n"
    )
    assert extract_metadata(text)["effective"] == "2016-05-30"


def test_a_date_cited_in_an_article_is_no_history_event():
    text = (
        "某某条例\n\n2017年1月20日 北京市第十四届人民代表大会第五次会议通过\n\n"
        "第四十三条 本条例自2017年3月1日起施行。2005年12月1日北京市第十二届人民代表大会常务委员会"
        "第二十四次会议通过的《北京市全民健身条例》同时废止。\n"
    )
    meta = extract_metadata(text)
    assert [e["date"] for e in meta["history"]] == ["2017-01-20"]
    assert meta["effective"] == "2017-03-01"


# fmt: off
@pytest.mark.parametrize(("issuers", "code"), [
    (["中共山东省委", "山东省人民政府"], "370000"),
    (["济南市生态环境局"], "370100"),
    (["广西壮族自治区人民政府"], "450000"),
    (["生态环境部", "商务部"], "100000"),
    (["市场监管总局"], "100000"),
    (["自治区人民政府"], None),  # a level without its place names no area
])
# fmt: on
def test_the_first_body_that_names_a_place_decides_the_jurisdiction(issuers, code):
    from policykg.extract.jurisdiction import jurisdiction_of

    found = jurisdiction_of(None, issuers)
    assert (found or {}).get("code") == code


def test_every_ministry_of_the_actor_vocabulary_is_a_national_issuer():
    from policykg.extract.jurisdiction import jurisdiction_of
    from policykg.graph.vocabularies import load_terms

    labels = [
        label
        for t in load_terms("actors.ttl")
        if t["id"].startswith("actor/ministry-")
        for label in [t["pref"]["zh"], *t["alt"]]
        if not label.isascii()  # MEE, MEP: English acronyms for questions, no issuer's name
    ]
    assert len(labels) > 20
    assert {label: jurisdiction_of(None, [label])["code"] for label in labels} == dict.fromkeys(
        labels, "100000"
    )


def test_a_laws_promulgation_by_the_president_is_history_not_authorship():
    text = (
        "中华人民共和国环境保护法\n（1989年12月26日第七届全国人民代表大会常务委员会第十一次会议通过"
        "　2014年4月24日第十二届全国人民代表大会常务委员会第八次会议修订"
        "　2014年4月24日中华人民共和国主席令第九号公布　自2015年1月1日起施行）\n第一章　总则\n"
    )
    meta = extract_metadata(text)
    assert [(e["event"], e.get("body")) for e in meta["history"]] == [
        ("passed", "全国人民代表大会常务委员会"),
        ("revised", "全国人民代表大会常务委员会"),
        ("promulgated", "中华人民共和国主席"),
        ("effective", None),
    ]
    assert meta["issuers"] == ["全国人民代表大会常务委员会"]
    assert (meta["date"], meta["effective"]) == ("2014-04-24", "2015-01-01")


def test_an_undated_act_after_a_dated_one_does_not_take_its_date():
    text = (
        "广西壮族自治区大气污染防治条例\n（2018年11月28日广西壮族自治区第十三届人民代表大会常务委员会"
        "第六次会议通过　广西壮族自治区人民代表大会常务委员会公告（第30号）公布　自2019年1月1日起施行）\n"
    )
    meta = extract_metadata(text)
    assert [(e["date"], e["event"]) for e in meta["history"]] == [
        ("2018-11-28", "passed"),
        ("2019-01-01", "effective"),
    ]
    assert meta["jurisdiction"] == {"label": "广西壮族自治区", "code": "450000"}


def test_a_congress_of_a_place_the_gazetteer_lacks_is_a_body_of_unknown_area():
    meta = extract_metadata("某某市某某条例\n\n2019年3月1日 某某市人大常委会第二十一次会议通过\n")
    assert meta["issuers"] == ["某某市人民代表大会常务委员会"]
    assert "jurisdiction" not in meta


@pytest.mark.parametrize(
    ("tail", "titles"),
    [
        ("第五十条 本条例自2020年1月1日起施行，《甲市扬尘污染防治条例》同时废止。", ["甲市扬尘污染防治条例"]),
        (
            "第九条 本办法自公布之日起施行。2001年3月1日通过的《甲省乙规定》、《甲省丙办法》同时废止。",
            ["甲省乙规定", "甲省丙办法"],
        ),
        ("第三条 依据《中华人民共和国大气污染防治法》制定，自2020年1月1日起施行，《旧办法》予以废止。", ["旧办法"]),
        ("第三条 本条例依据《中华人民共和国大气污染防治法》制定。", []),
        ("第四条 违反本条例，《甲市规定》另有规定的，从其规定。本条例自2020年1月1日起施行。", []),
    ],
)
def test_the_closing_article_names_the_acts_it_repeals(tail, titles):
    assert repealed(tail) == titles


@pytest.mark.parametrize("repeats", [1, 9])
def test_a_long_decision_title_still_names_the_body_that_amended(repeats):
    """The body of 根据《…决定》修正 is read from the decision's title, however long it is."""
    from policykg.extract.history import history

    title = "乙省人民代表大会常务委员会关于修改" + "乙省某某条例等" * repeats + "地方性法规的决定"
    lines = ["甲市大气污染防治条例", f"2020年3月1日 根据《{title}》修正"]
    assert [(e["event"], e.get("body")) for e in history(lines)] == [
        ("amended", "乙省人民代表大会常务委员会")
    ]


def test_the_notice_that_promulgated_a_regulation_numbers_it():
    """A local regulation is promulgated by its standing committee's notice (公告第85号) as a
    rule is by an order (令第288号): the notice's number is the document's."""
    numbers = {
        g["file"]: extract_metadata(
            plain((CORPUS / "local-regulations" / g["file"]).read_text("utf-8"))
        ).get("number")
        for g in GOLD
    }
    stated = {f: n for f, n in numbers.items() if n and "公告" in n}
    assert stated == {
        "浙江省沿海船舶边防治安管理条例(2012-11-29).md": "浙江省人民代表大会常务委员会公告第85号",
        "浙江省少数民族权益保障条例(2016-05-27).md": "浙江省人民代表大会常务委员会公告第42号",
        "杭州市计算机信息网络安全保护管理条例(2009-04-09).md": "杭州市人民代表大会常务委员会公告第17号",
    }
    headers = {
        g["file"]
        for g in GOLD
        if re.search(
            r"公告\s*[（(]?第", (CORPUS / "local-regulations" / g["file"]).read_text("utf-8")[:600]
        )
    }
    assert headers == set(stated)  # every header that states one, and no other
