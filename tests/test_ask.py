"""ask: places in English, what documents govern, several values, document names, text words."""

from __future__ import annotations

import json
import re

import pytest

from tests.governed import HEZE, TAIZHOU, doc_ids, documents, governed_store, items, run

__all__ = ["governed_store"]


def _ask(store, question):
    result = run("ask", question, "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _read(store, question):
    from policykg.graph.ask import read_question
    from policykg.graph.sparql import connect

    return read_question(connect(store), question)


def _docs(store, rows):
    titles = {v: k for k, v in doc_ids(store).items()}
    return {titles[r["source"]["document"]] for r in rows}


@pytest.mark.parametrize(
    "question",
    [
        "台州市对油烟有哪些规定",
        "which articles regulate cooking fumes in Taizhou",
        "what do the rules of Zhejiang say about cooking fumes",
    ],
)
def test_a_citys_rules_on_a_pollutant_are_found_in_chinese_and_english(governed_store, question):
    rows = _ask(governed_store, question)
    assert rows and _docs(governed_store, rows) == {TAIZHOU}
    assert all("油烟" in r["text"] for r in rows)


def test_english_names_of_provinces_cities_and_macro_regions_are_read(governed_store):
    assert _read(governed_store, "cooking fumes in Shandong").filters.region == "region/370000"
    assert _read(governed_store, "measures for Jinan").filters.region == "region/370100"
    # the rules of a place are the documents it governs (test_owned_places.py)
    assert _read(governed_store, "rules of Guangdong").filters.jurisdiction == "region/440000"
    jjj = _read(governed_store, "PM2.5 in Beijing-Tianjin-Hebei").filters
    assert jjj.region == "region/beijing-tianjin-hebei" and jjj.pollutant == "pollutant/pm2-5"
    yrd = _read(governed_store, "Yangtze River Delta").filters.region
    assert yrd == "region/yangtze-river-delta"


def test_several_places_are_alternatives_and_the_reading_says_so(governed_store):
    question = "菏泽市和台州市对噪声和油烟有哪些规定"
    reading = _read(governed_store, question)
    assert reading.filters.region == ("region/371700", "region/331000")
    assert reading.filters.pollutant == ("pollutant/noise", "pollutant/cooking-fume")
    assert "菏泽市 (371700) or 台州市 (331000) (any of them)" in reading.describe()
    assert _docs(governed_store, _ask(governed_store, question)) == {HEZE, TAIZHOU}
    shown = run("ask", question, "--store", governed_store)
    assert "any of them" in shown.stdout and "all of these must hold" in shown.stdout


def _said(row: dict) -> str:
    """A unit's text and the headings above it: where a searched word is looked for."""
    return " ".join([row["text"], *(p["title"] or "" for p in row["parents"])])


def test_a_question_about_fines_searches_the_text(governed_store):
    rows = _ask(governed_store, "哪些条款规定了罚款")
    assert len(rows) > 20 and all("罚款" in r["text"] for r in rows)
    assert _read(governed_store, "哪些条款规定了罚款").filters.text == ("罚款",)


@pytest.mark.parametrize(
    "question",
    ["土壤污染防治法中关于农用地的规定", "《中华人民共和国土壤污染防治法》中关于农用地的规定"],
)
def test_a_document_named_in_chinese_restricts_the_answer(governed_store, question):
    rows = _ask(governed_store, question)
    assert rows and _docs(governed_store, rows) == {"中华人民共和国土壤污染防治法"}
    # in the text, or in a heading above (第三章 第二节 农用地)
    assert all(
        "农用地" in " ".join([r["text"], *(p["title"] or "" for p in r["parents"])]) for r in rows
    )


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("上海信访条例有哪些期限", "上海市信访条例"),
        ("浙江社会养老服务促进条例谁负责", "浙江省社会养老服务促进条例"),
        ("深圳社会信用条例有哪些期限", "深圳经济特区社会信用条例"),  # without 经济特区
    ],
)
def test_a_local_title_spoken_with_its_places_short_name_is_that_document(
    governed_store, question, title
):
    """上海信访条例 is how one speaks of 上海市信访条例: the place the document governs opens its
    title, and its short name (上海, 浙江) names the same document; a special economic zone's
    rules are spoken of without 经济特区 (深圳社会信用条例)."""
    reading = _read(governed_store, question)
    assert reading.filters.doc == doc_ids(governed_store)[title]
    assert not reading.filters.text and not reading.filters.region


def test_which_articles_of_the_soil_law_mention_cadmium_uses_the_law(governed_store):
    rows = _ask(governed_store, "which articles of the soil law mention cadmium")
    assert rows and _docs(governed_store, rows) == {"中华人民共和国土壤污染防治法"}
    reading = _read(governed_store, "which articles of the soil law mention cadmium")
    assert reading.filters.pollutant == "pollutant/cadmium" and not reading.unknown


def test_english_document_names_find_the_plan_and_the_law_not_the_regulation(governed_store):
    ids = doc_ids(governed_store)
    blue = _read(governed_store, "what does the blue-sky plan say about ozone").filters
    assert blue.doc == ids["国务院关于印发打赢蓝天保卫战三年行动计划的通知"]
    assert _read(governed_store, "the water law").filters.doc == ids["中华人民共和国水污染防治法"]
    assert _read(governed_store, "the soil regulation").filters.doc == ids["山东省土壤污染防治条例"]


@pytest.mark.parametrize(
    "question, first, second",
    [
        ("compare the air law and the water law", "大气", "水"),
        ("what are the differences between the water law and the air law", "水", "大气"),
        ("比较大气污染防治法和水污染防治法", "大气", "水"),
        ("水污染防治法与大气污染防治法有何不同", "水", "大气"),
        ("《中华人民共和国土壤污染防治法》和《山东省土壤污染防治条例》的区别", "土壤", "山东"),
    ],
)
def test_compare_two_named_documents_answers_as_compare_does(
    governed_store, question, first, second
):
    ids = doc_ids(governed_store)
    titles = {v: k for k, v in ids.items()}
    reading = _read(governed_store, question)
    assert reading.compared is not None and reading.wants == "comparison"
    a, b = reading.compared
    assert first in titles[a] and second in titles[b] and a != b
    asked = _ask(governed_store, question)
    shown = run("compare", a, b, "--store", governed_store, "--format", "json")
    assert asked == json.loads(shown.stdout)
    assert asked["pollutants"]["shared"] or asked["actors"]["shared"]
    table = run("ask", question, "--store", governed_store)
    assert table.exit_code == 0, table.output
    assert table.stdout.startswith(f"Read as: compare 《{titles[a]}》 and 《{titles[b]}》")
    assert "only in" in table.stdout and "pollutants" in table.stdout


def test_compare_with_one_document_named_stays_a_question_about_it(governed_store):
    reading = _read(governed_store, "大气污染防治法对比")
    assert reading.compared is None
    assert reading.filters.doc == doc_ids(governed_store)["中华人民共和国大气污染防治法"]


def test_a_document_number_names_its_document(governed_store):
    numbered = [d for d in documents(governed_store) if d.get("number")]
    assert len(numbered) >= 2
    for d in numbered:
        reading = _read(governed_store, f"{d['number']}有哪些规定")
        assert reading.filters.doc == d["id"], d["number"]
        if "〔" in d["number"]:  # as a question may write it: 国发[2016]31号
            written = d["number"].replace("〔", "[").replace("〕", "]")
            assert _read(governed_store, f"{written}有哪些规定").filters.doc == d["id"]


def test_gui_zhang_asks_for_government_rules(governed_store):
    """规章 (a government's or ministry's rules) are titled 办法 or 规定: a kind, no text word."""
    reading = _read(governed_store, "济南市的规章对扬尘有什么规定")
    assert set(reading.filters.genre) == {"measures", "regulation"}
    assert not reading.filters.text


def test_a_document_title_that_names_nothing_is_a_one_line_error(governed_store):
    result = run("ask", "《不存在的条例》中关于罚款的规定", "--store", governed_store)
    assert result.exit_code == 1
    assert "no document matches '不存在的条例'" in result.stderr


def test_a_conjunction_between_two_places_is_not_a_county(governed_store):
    reading = _read(governed_store, "湖南和广西有哪些措施")
    assert reading.filters.region == ("region/430000", "region/450000")


def _items(store, *args):
    result = run("measures", "--store", store, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("question", "instrument"),
    [
        ("哪些措施使用资金投入", "instrument/funding"),
        ("which measures rely on public funding", "instrument/funding"),
        ("哪些条款属于需求型政策工具", "instrument/demand"),
        ("what supply-side instruments are used", "instrument/supply"),
        ("which articles use demand-type instruments", "instrument/demand"),
    ],
)
def test_a_question_about_a_policy_instrument_is_the_instrument_filter(
    governed_store, question, instrument
):
    reading = _read(governed_store, question)
    assert reading.filters.instrument == instrument
    assert not reading.filters.text and not reading.unknown  # 使用, 属于, rely on: asking
    answer = _ask(governed_store, question)
    assert answer and answer == _items(governed_store, "--instrument", instrument)


@pytest.mark.parametrize(
    "question",
    ["which instruments does the blue-sky plan use", "蓝天保卫战计划使用了哪些政策工具"],
)
def test_which_instruments_a_document_uses_lists_them_unit_by_unit_and_counted(
    governed_store, question
):
    """A question for the instruments (not for one of them) reads the units that use any,
    each with its instruments, and counts how many units use each, most used first."""
    reading = _read(governed_store, question)
    assert reading.wants == "instruments" and reading.filters.has == ("instruments",)
    assert not reading.filters.text and not reading.filters.instrument
    rows = _ask(governed_store, question)
    assert rows and all(r["instruments"] for r in rows)
    table = run("ask", question, "--store", governed_store)
    assert table.exit_code == 0, table.output
    counted = {}
    for r in rows:
        for label in {i["label_zh"] for i in r["instruments"]}:
            counted[label] = counted.get(label, 0) + 1
    line = next(x for x in table.output.splitlines() if x.startswith("Instruments: "))
    shown = dict(part.rsplit(" ", 1) for part in line.removeprefix("Instruments: ").split(", "))
    assert {k: int(v) for k, v in shown.items()} == counted
    assert list(map(int, shown.values())) == sorted(map(int, shown.values()), reverse=True)
    assert "Categories: 环境型" in table.output
    import policykg  # the notebook's answer counts as the command line prints

    answer = policykg.open(governed_store).ask(question)
    used, kinds = answer.instrument_counts()
    assert dict(used) == counted and kinds[0][0] == "环境型"
    assert all(answer.instruments(i) for i in answer.items)


def test_two_instruments_are_alternatives(governed_store):
    reading = _read(governed_store, "哪些条款涉及示范推广或技术支持")
    assert reading.filters.instrument == (
        "instrument/demonstration",
        "instrument/technology-support",
    )
    assert "(any of them)" in reading.describe()
    ids = {r["id"] for r in _ask(governed_store, "哪些条款涉及示范推广或技术支持")}
    either = {
        r["id"]
        for instrument in reading.filters.instrument
        for r in _items(governed_store, "--instrument", instrument)
    }
    assert ids == either


def test_the_english_names_of_instrument_categories_are_everyday_words(governed_store):
    reading = _read(governed_store, "which measures protect the environment in Taizhou")
    assert reading.filters.instrument is None


@pytest.mark.parametrize(
    "question",
    [
        "what do Taizhou's rules say about cooking fume",
        "what do Taizhou’s rules say about cooking fumes",
        "台州市的规定对油烟怎么说",
    ],
)
def test_possessives_plurals_and_how_a_question_is_put_are_not_search_words(
    governed_store, question
):
    reading = _read(governed_store, question)
    # Taizhou's rules: the documents it governs (in English also 泰州, Taizhou too)
    assert "region/331000" in reading.filters.jurisdiction
    assert reading.filters.pollutant == "pollutant/cooking-fume"
    assert not reading.filters.text and not reading.unknown  # no "s", no 怎么说
    same = [r["id"] for r in _ask(governed_store, "台州市对油烟有哪些规定")]
    assert [r["id"] for r in _ask(governed_store, question)] == same


@pytest.mark.parametrize(
    ("words", "pollutant"),
    [
        ("heavy metal", "pollutant/heavy-metal"),  # the label is plural
        ("odours", "pollutant/malodorous-substance"),  # the label is singular
        ("sulphur dioxide", "pollutant/sulfur-dioxide"),
        ("garbage", "pollutant/municipal-solid-waste"),
        ("greenhouse gas", "pollutant/greenhouse-gas"),
    ],
)
def test_everyday_english_names_of_pollutants_are_read(governed_store, words, pollutant):
    reading = _read(governed_store, f"which articles mention {words}")
    assert reading.filters.pollutant == pollutant and not reading.unknown


@pytest.mark.parametrize(
    ("question", "actor"),
    [
        ("which articles name social organizations", "actor/social-organisations"),
        ("which articles mention social organisations", "actor/social-organisations"),
        ("what must charitable organizations do", "actor/charitable-organisations"),
        (
            "which articles refer to the informatisation authorities",
            "actor/informatization-authorities",
        ),
    ],
)
def test_either_english_spelling_of_ise_and_ize_words_is_read(governed_store, question, actor):
    """The vocabulary's English is British (organisations) in places and American in others
    (informatization): a question in the other spelling reads the same. "Name" and "refer to"
    ask what "mention" asks."""
    reading = _read(governed_store, question)
    asked = reading.filters.actor
    assert actor in ((asked,) if isinstance(asked, str) else tuple(asked or ()))
    assert not reading.unknown


def test_dust_in_english_is_either_kind_of_dust(governed_store):
    ids = doc_ids(governed_store)
    question = "what does the air law say about dust"
    reading = _read(governed_store, question)
    assert reading.filters.pollutant == ("pollutant/dust", "pollutant/fugitive-dust")
    law = ids["中华人民共和国大气污染防治法"]
    either = [
        r
        for r in _items(governed_store, "--doc", law)
        if any(m["id"] in reading.filters.pollutant for m in r["pollutants"])
    ]
    rows = _ask(governed_store, question)
    # the units that name either, and those under a heading that does (第四节 扬尘污染防治)
    assert len(rows) >= 5 and {r["id"] for r in rows} >= {r["id"] for r in either}
    for r in rows:
        if r["id"] not in {e["id"] for e in either}:
            assert r["matched"]["pollutant"][0].startswith("under a heading on")
    assert any("扬尘" in r["text"] for r in rows)


@pytest.mark.parametrize(
    ("question", "wants"),
    [
        ("did the PM2.5 target tighten between plans", "targets"),
        ("what is the target for PM2.5", "targets"),
        ("which measures target cadmium before 2018", "measures"),
        ("does the plan target heavy metals", "measures"),
    ],
)
def test_a_lone_target_is_the_noun_only_where_it_has_no_object(governed_store, question, wants):
    reading = _read(governed_store, question)
    assert reading.wants == wants and not reading.unknown


def test_lead_beside_a_body_is_its_role_not_the_metal(governed_store):
    reading = _read(
        governed_store, "which measures does the Ministry of Ecology and Environment lead"
    )
    assert reading.filters.actor == "actor/ministry-of-ecology-and-environment"
    assert reading.filters.role == "lead" and reading.filters.pollutant is None
    metal = _read(governed_store, "which measures target lead and cadmium").filters.pollutant
    assert metal == ("pollutant/lead", "pollutant/cadmium")


@pytest.mark.parametrize(
    ("question", "pollutant"),
    [
        ("哪些措施针对2018年前的镉污染", "pollutant/cadmium"),
        ("哪些部门牵头重金属污染防治", "pollutant/heavy-metal"),
        ("who should lead the work on lead pollution", "pollutant/lead"),
    ],
)
def test_a_pollutants_pollution_is_the_pollutant_not_words_to_search(
    governed_store, question, pollutant
):
    """镉污染 asks of cadmium: 污染 (污染防治, pollution) after a pollutant is part of how it is
    named, so no unit need contain the word (哪些部门牵头重金属污染防治 found none with it)."""
    reading = _read(governed_store, question)
    assert reading.filters.pollutant == pollutant
    assert not reading.filters.text and not reading.unknown
    assert _ask(governed_store, question)


def test_a_deadline_question_in_chinese_does_not_search_for_complete(governed_store):
    reading = _read(governed_store, "2018年底前要完成哪些重金属措施")
    assert reading.filters.before == "2018" and reading.filters.pollutant == "pollutant/heavy-metal"
    assert not reading.filters.text  # 要完成 is how the question is put
    assert _ask(governed_store, "2018年底前要完成哪些重金属措施") == _ask(
        governed_store, "2018年前针对重金属的措施有哪些"
    )


@pytest.mark.parametrize(
    "question",
    [
        "what are the targets in the 13th five-year plan",
        "what targets does the thirteenth five year plan set",
        "targets of the 13th FYP",
    ],
)
def test_a_five_year_plan_is_named_by_its_period(governed_store, question):
    plan = doc_ids(governed_store)["“十三五”生态环境保护规划"]
    reading = _read(governed_store, question)
    assert reading.filters.doc == plan and reading.wants == "targets" and not reading.unknown


def test_a_title_word_no_title_also_holds_stays_in_the_question(governed_store):
    plan = doc_ids(governed_store)["“十三五”生态环境保护规划"]
    reading = _read(governed_store, "what does the 13th five-year plan say about soil")
    assert reading.filters.doc == plan and not reading.unknown
    assert reading.filters.text == ("土壤",)  # the title word, looked for in the plan's text


def _genres(store, rows):
    genre = {d["id"]: d["genre"] for d in documents(store)}
    return {genre[r["source"]["document"]] for r in rows}


def test_which_regulations_is_a_kind_of_document_not_a_word_of_the_text(governed_store):
    reading = _read(governed_store, "哪些条例规定了罚款")
    assert (reading.filters.genre, reading.filters.text) == ("regulation", ("罚款",))
    regulations = _ask(governed_store, "哪些条例规定了罚款")
    articles = _ask(governed_store, "哪些条款规定了罚款")  # any document
    assert regulations and _genres(governed_store, regulations) == {"regulation"}
    assert "law" in _genres(governed_store, articles)
    assert {r["id"] for r in regulations} < {r["id"] for r in articles}


def test_which_laws_in_english_keeps_the_laws(governed_store):
    reading = _read(governed_store, "which laws mention cadmium")
    assert reading.filters.genre == "law" and reading.filters.pollutant == "pollutant/cadmium"
    rows = _ask(governed_store, "which laws mention cadmium")
    assert rows and _genres(governed_store, rows) == {"law"}


@pytest.mark.parametrize(
    "question", ["which measures target cadmium", "which bodies act on dust", "cadmium measures"]
)
def test_the_word_for_units_and_a_verb_name_no_genre(governed_store, question):
    assert _read(governed_store, question).filters.genre is None


def test_water_pollution_is_not_any_title_with_water(governed_store):
    reading = _read(governed_store, "which regulations mention water pollution permits")
    assert reading.filters.doc is None  # not 洛阳市节约用水条例 (water saving)
    assert (reading.filters.genre, reading.filters.text) == ("regulation", ("水污染", "许可"))


def test_an_english_topic_without_a_document_is_searched_in_chinese(governed_store):
    reading = _read(governed_store, "who is responsible for soil pollution in Shandong")
    assert reading.filters.region == "region/370000" and reading.filters.text == ("土壤污染",)
    assert not reading.unknown
    rows = _ask(governed_store, "who is responsible for soil pollution in Shandong")
    assert "山东省土壤污染防治条例" in _docs(governed_store, rows)


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("who is responsible for soil pollution in Shandong", "responsible"),
        ("哪些部门负责土壤污染防治", "responsible"),
        ("who leads the work on cadmium", "lead"),
        ("which bodies lead the work on heavy metals", "lead"),  # the verb, not the metal
        ("which bodies act on dust", None),
        ("who handles petitions in Shanghai", "responsible"),
    ],
)
def test_a_who_question_is_answered_by_the_units_bodies_in_that_role(
    governed_store, question, role
):
    reading = _read(governed_store, question)
    assert (reading.wants, reading.role, reading.filters.actor) == ("actors", role, None)
    assert not {"部门", "谁"} & set(reading.filters.text or ())  # how the question is put
    rows = _ask(governed_store, question)
    assert rows
    for r in rows:  # each unit has a body in the role asked (any role but a bare mention)
        assert any(a["role"] == role if role else a["role"] != "mentioned" for a in r["actors"])
    shown = run("ask", question, "--store", governed_store)
    assert shown.exit_code == 0 and "bodies" in shown.output


def test_time_limits_and_who_manages_are_read_as_deadlines_and_the_responsible(governed_store):
    """ "Time limits" is what laws call their deadlines (期限, 时限), and 物业服务企业 are "property
    service companies" as often as providers; 谁来监管, 由谁管理 ask who is responsible, as
    "who supervises" does, and leave no 来监管 or 管理 to search the text for."""
    reading = _read(governed_store, "which articles set time limits for property service companies")
    assert reading.wants == "deadlines" and not reading.unknown
    assert reading.filters.actor == "actor/property-service-providers"
    rows = _ask(governed_store, "which articles set time limits for property service companies")
    assert rows and all(r["deadlines"] for r in rows)
    for question in ("谁来监管物业服务企业", "who supervises property service providers"):
        reading = _read(governed_store, question)
        assert reading.filters.actor == "actor/property-service-providers"
        assert reading.filters.role == "responsible" and not reading.filters.text


def test_lead_alone_is_still_the_metal(governed_store):
    reading = _read(governed_store, "which measures target lead")
    assert reading.filters.pollutant == "pollutant/lead" and reading.wants == "measures"
    reading = _read(governed_store, "who should lead the work on lead")  # the verb, then the metal
    assert (reading.role, reading.filters.pollutant) == ("lead", "pollutant/lead")
    assert _read(governed_store, "who leads the work on cadmium").filters.pollutant == (
        "pollutant/cadmium"
    )


def test_a_target_compared_between_plans_is_found_in_the_action_plan(governed_store):
    reading = _read(governed_store, "did the PM2.5 target tighten between plans")
    assert reading.filters.genre == ("action-plan", "plan") and reading.wants == "targets"
    rows = _ask(governed_store, "did the PM2.5 target tighten between plans")
    # the blue-sky plan is a notice that promulgates an action plan: its genre is the plan's
    assert _docs(governed_store, rows) == {"国务院关于印发打赢蓝天保卫战三年行动计划的通知"}


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("what targets does the 2016 plan set for 2020", 2020),
        ("targets of the plan of 2016 for 2020", 2020),
        ("2016年规划提出了哪些2020年的目标", 2020),
        ("2016年的规划有哪些目标", None),
    ],
)
def test_a_year_before_a_plan_dates_the_plan_and_the_other_year_is_the_targets(
    governed_store, question, year
):
    """ "the 2016 plan", 2016年规划: the plan of that year, not targets for 2016 (which no text
    sets, so the answer was empty); "for 2020" is then the targets' year."""
    reading = _read(governed_store, question)
    f = reading.filters
    assert (f.dated_after, f.dated_before, reading.year) == ("2016", "2016", year)
    assert reading.wants == "targets" and "plan" in (f.genre or ())
    assert not f.text
    rows = _ask(governed_store, question)
    assert _docs(governed_store, rows) == {"“十三五”生态环境保护规划"}
    if year:
        assert all(t["year"] == year for r in rows for t in r["targets"] if t.get("year"))


@pytest.mark.parametrize(
    "question",
    ["到2020年二氧化硫排放要下降多少", "PM2.5浓度要降低多少", "by how much should PM2.5 fall"],
)
def test_how_much_a_quantity_is_to_change_asks_for_targets(governed_store, question):
    """要下降多少, how much … fall: only a target says it. Before, these were a text search
    (浓度要降低: nothing) or left "much, fall" and 要下降 not understood."""
    reading = _read(governed_store, question)
    assert reading.wants == "targets" and not reading.unknown
    assert not any(
        w in ("下降", "降低", "要下降", "浓度要降低") for w in reading.filters.text or ()
    )
    rows = _ask(governed_store, question)
    assert rows and all(r["targets"] for r in rows)
    if "二氧化硫" in question:
        assert reading.year == 2020
        assert any("二氧化硫" in r["text"] for r in rows)


def test_how_much_without_a_change_asks_no_target(governed_store):
    # a fine's amount is no target: "how much" alone keeps the question as it was
    assert _read(governed_store, "how much is the fine for open burning").wants != "targets"


def test_a_verb_after_a_year_is_no_plan_of_that_year(governed_store):
    # 计划 and 规划 are verbs too: 2017年计划完成 asks when, as 2017年要完成 does, not which plan
    # (before, it searched the text for 年计划)
    for question, year in (("哪些措施2017年计划完成", "2017"), ("2025年规划建成哪些项目", "2025")):
        f = _read(governed_store, question).filters
        assert (f.dated_after, f.dated_before) == (None, None), question
        assert (f.after, f.before) == (year, year), question
        assert not any("年" in w for w in f.text or ()), question
    assert _ask(governed_store, "哪些措施2017年计划完成") == _ask(
        governed_store, "哪些措施2017年要完成"
    )


@pytest.mark.parametrize(
    "question", ["PM2.5目标在两个规划之间是否收紧", "两个规划的PM2.5目标有何变化"]
)
def test_a_target_compared_between_plans_in_chinese_reads_as_in_english(governed_store, question):
    # 收紧, 有何变化, 两个…之间 ask whether the target changed: no text has to contain them
    english = _read(governed_store, "did the PM2.5 target tighten between plans")
    reading = _read(governed_store, question)
    assert reading.filters == english.filters and reading.wants == "targets"
    assert _ask(governed_store, question) == _ask(
        governed_store, "did the PM2.5 target tighten between plans"
    )


def test_a_four_character_word_no_unit_holds_is_read_as_its_two_halves(governed_store):
    """烟花燃放: the air law and the local rules write 燃放烟花爆竹, so no unit holds the word
    whole (the answer was empty); units holding 烟花 and 燃放 answer. A word held whole stays
    whole, and one whose halves are not both held stays as asked."""
    reading = _read(governed_store, "哪些条款涉及烟花燃放")
    assert reading.filters.text == ("烟花", "燃放")
    rows = _ask(governed_store, "哪些条款涉及烟花燃放")
    assert rows and all("烟花" in r["text"] and "燃放" in r["text"] for r in rows)
    assert any("燃放烟花爆竹" in r["text"] for r in rows)
    assert _read(governed_store, "哪些条款涉及排污许可").filters.text == ("排污许可",)
    assert _read(governed_store, "哪些条款涉及烟花舞龙").filters.text == ("烟花舞龙",)


def test_change_words_are_text_words_when_no_target_is_asked_for(governed_store):
    assert _read(governed_store, "哪些措施涉及气候变化").filters.text == ("气候变化",)


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("what do Shanghai regulations say about fines", ("罚款",)),
        # the chapters of a law, whose articles answer (in their text or under the heading)
        ("which articles are under supplementary provisions", ("附则",)),
        ("what are the legal responsibilities in the soil law", ("法律责任",)),
        ("general provisions of the water law", ("总则",)),
        (
            # the title's words name the document (上海市医疗保障条例): liability is searched
            "what does the Shanghai medical security regulation say about liability",
            ("法律责任",),
        ),
        ("what penalties does the water law set", ("罚",)),  # 罚款, 处罚, 罚金 alike
        ("which articles require monitoring of groundwater", ("地下水", "监测")),
        ("which laws mention discharge permits", ("排污许可",)),  # the longer phrase first
        # what local regulations govern besides the environment; "must" asks, it is no word
        ("what must property owners do", ("业主",)),
        ("what do the regulations say about fire safety", ("消防",)),
        # who the rules bind, and what they must do ("have", "involve" ask: no words)
        ("what must enterprises do about soil contamination", ("土壤污染", "企业")),
        ("what do companies have to report", ("企业", "报告")),
        ("which provisions involve farmers", ("农民",)),
        # wastewater is what industry discharges (废水), sewage what towns collect (污水)
        ("penalties for discharging wastewater", ("罚", "排放", "废水")),
        ("what do the rules say about sewage", ("污水",)),
        # what local regulations beyond the environment are about; "protect" asks, as "govern"
        ("which Zhejiang regulations protect ethnic minorities", ("少数民族",)),
        ("Guangzhou charity rules on donations", ("慈善", "捐赠")),
        ("Chongqing tendering rules on bid evaluation", ("招标投标", "评标")),
    ],
)
def test_english_words_of_the_glossary_are_searched_as_their_chinese(
    governed_store, question, words
):
    reading = _read(governed_store, question)
    assert set(reading.filters.text) == set(words) and not reading.unknown
    rows = _ask(governed_store, question)
    assert rows and all(all(w in _said(r) for w in words) for r in rows)


def test_a_party_the_rules_bind_is_asked_for_as_a_body(governed_store):
    """ "bidders" is 投标人, a party the vocabulary knows (pkg:RegulatedParty): the answer is the
    units naming that body, the rest of the question a text search."""
    reading = _read(governed_store, "what do the tendering rules say about bidders")
    assert reading.filters.actor == "actor/bidders" and reading.filters.text == ("招标投标",)
    rows = _ask(governed_store, "what do the tendering rules say about bidders")
    assert rows and all("投标人" in r["text"] and "招标投标" in r["text"] for r in rows)


def test_fines_in_english_and_in_chinese_find_the_same_units(governed_store):
    assert _ask(governed_store, "what do Shanghai regulations say about fines") == _ask(
        governed_store, "上海市的条例有哪些关于罚款的规定"
    )


def test_an_english_label_beside_chinese_is_read(governed_store):
    reading = _read(governed_store, "PM2.5目标是多少")
    assert reading.filters.pollutant == "pollutant/pm2-5" and reading.wants == "targets"
    assert not reading.filters.text and not reading.unknown  # 是多少 is how it is asked


def test_falv_is_the_genre_law(governed_store):
    reading = _read(governed_store, "哪些法律规定了按日连续处罚")
    assert (reading.filters.genre, reading.filters.text) == ("law", ("按日连续处罚",))
    rows = _ask(governed_store, "哪些法律规定了按日连续处罚")
    assert rows and _genres(governed_store, rows) == {"law"}


def test_a_table_from_several_documents_says_whose_unit_each_row_is(governed_store):
    several = run("ask", "哪些条款规定了罚款", "--store", governed_store)
    one = run("ask", "which articles of the soil law mention cadmium", "--store", governed_store)
    assert several.exit_code == 0 and one.exit_code == 0
    header = lambda out: next(line for line in out.splitlines() if "where" in line)  # noqa: E731
    assert "document" in header(several.output) and "document" not in header(one.output)
    listed = run("measures", "--text", "罚款", "--genre", "条例", "--store", governed_store)
    assert "document" in header(listed.output)


@pytest.mark.parametrize(
    "question", ["targets for 2020", "2020年的目标有哪些", "到2020年要达到哪些目标"]
)
def test_a_year_in_a_targets_question_is_the_target_year(governed_store, question):
    reading = _read(governed_store, question)
    assert (reading.wants, reading.year, reading.filters.before) == ("targets", 2020, None)
    assert not reading.filters.text and not reading.unknown
    rows = _ask(governed_store, question)
    assert rows and all(any(t["year"] == 2020 for t in r["targets"]) for r in rows)
    assert _ask(governed_store, question.replace("2020", "2035")) == []  # no plan sets any


def test_an_empty_answer_says_what_each_part_of_the_question_finds_alone(governed_store):
    """Jinan's only regulation is on earthquakes: its rules say nothing of dust, and the
    answer says that dust and Jinan each find units on their own."""
    import policykg

    answer = policykg.open(governed_store).ask("what do Jinan's rules say about dust")
    assert answer.items == []
    alone = dict(answer.alone)
    assert set(alone) == {"pollutant 粉尘 or 扬尘", "jurisdiction 济南市"}
    assert all(n > 0 for n in alone.values())
    kg = policykg.open(governed_store)
    assert alone["jurisdiction 济南市"] == len(kg.measures(jurisdiction="济南市")) == 50
    shown = run("ask", "what do Jinan's rules say about dust", "--store", governed_store)
    assert shown.exit_code == 0 and "Each alone: pollutant 粉尘 or 扬尘:" in shown.output
    assert policykg.open(governed_store).ask("哪些措施针对镉").alone == ()  # it has answers


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("哪些任务要在2018年底前完成", ()),  # 任务 asks for units, as 措施 does
        ("which tasks are due by 2018", ()),
        ("who leads the tasks on coal boilers", ("锅炉", "煤")),
        ("what must steel plants do", ("钢铁",)),
    ],
)
def test_tasks_are_units_and_sector_words_are_searched_in_chinese(governed_store, question, words):
    reading = _read(governed_store, question)
    assert tuple(reading.filters.text or ()) == words


def test_a_level_word_before_a_body_is_read_as_measures_reads_it(governed_store):
    # 镇 and 乡 are levels as 市 and 省 are: the town's finance office, not every finance body;
    # a level word that makes a label with the name is that label (乡镇人民政府)
    town = _read(governed_store, "镇财政部门负责哪些任务")
    assert town.filters.actor == "镇财政部门"
    assert "body 财政部门 (finance-authorities), at the level 镇 names" in town.understood
    every = _read(governed_store, "各市财政局负责哪些任务")
    assert every.filters.actor == "各市财政局"
    assert "body 财政部门 (finance-authorities), at the level 市 names" in every.understood
    label = _read(governed_store, "乡镇人民政府负责哪些任务")
    assert label.filters.actor == "actor/township-governments"
    assert not any("at the level" in u for u in label.understood)


@pytest.mark.parametrize(
    ("english", "chinese", "actor"),
    [
        ("what are the duties of township governments", "乡镇人民政府有哪些职责",
         "actor/township-governments"),
        ("which measures are county governments responsible for", "县级人民政府负责哪些措施",
         "actor/county-governments"),
    ],
)  # fmt: skip
def test_a_governments_level_in_plain_english_is_that_level(
    governed_store, english, chinese, actor
):
    # the labels say "county-level people's governments"; a question need not
    reading = _read(governed_store, english)
    assert (reading.filters.actor, reading.filters.role) == (actor, "responsible")
    assert not reading.unknown
    assert reading.filters == _read(governed_store, chinese).filters


def test_a_run_of_known_words_is_searched_word_by_word(governed_store):
    question = "重庆的条例中谁负责招标投标监督"
    reading = _read(governed_store, question)
    assert reading.filters.text == ("招标投标", "监督")  # as written: one unit holds it
    rows = _ask(governed_store, question)
    assert len(rows) > 1 and all("招标投标" in r["text"] and "监督" in r["text"] for r in rows)
    # a word that would leave one character on its own stays whole
    assert _read(governed_store, "哪些法律涉及排污许可证").filters.text == ("排污许可证",)


@pytest.mark.parametrize(
    "question", ["who enforces the rules on fines in Beijing", "which authorities supervise dust"]
)
def test_enforcing_and_supervising_ask_for_the_responsible_bodies(governed_store, question):
    reading = _read(governed_store, question)
    assert (reading.wants, reading.role) == ("actors", "responsible")
    assert not reading.unknown


def test_owners_committees_are_a_body_and_find_what_the_word_finds(governed_store):
    """业主委员会 is a body of the vocabulary (owners' committees): asked for in English, it is
    read as the body, and the units that name it are those whose text holds the word."""
    reading = _read(governed_store, "which rules govern owners' committees")
    assert reading.filters.actor == "actor/owners-committees" and not reading.filters.text
    assert not reading.unknown
    by_body = {r["id"] for r in _ask(governed_store, "which rules govern owners' committees")}
    by_word = {r["id"] for r in items(governed_store, "--text", "业主委员会")}
    assert by_body and by_body == by_word


def test_a_genre_word_in_the_plural_asks_of_a_kind_and_names_no_document(governed_store):
    # one regulation's title holds 水 (洛阳市节约用水条例): "the water regulation" names it,
    # "which regulations mention water" asks of regulations and names none
    plural = _read(governed_store, "which regulations mention water")
    assert plural.filters.doc is None and plural.filters.genre == "regulation"
    singular = _read(governed_store, "what does the water regulation say")
    assert doc_ids(governed_store)["洛阳市节约用水条例"] == singular.filters.doc


@pytest.mark.parametrize(
    "question",
    [
        "广东省版权条例由谁负责实施",
        "谁负责实施广东省版权条例",
        "who is responsible for implementing the copyright regulation",
    ],
)
def test_responsible_for_implementing_asks_for_the_responsible_bodies_only(
    governed_store, question
):
    # 负责实施 is what being responsible is: 实施 is no word the units must hold (0 units when
    # it was, since the copyright regulation's 第四条 says 负责 without 实施)
    reading = _read(governed_store, question)
    assert reading.role == "responsible" and not reading.filters.text and not reading.unknown
    rows = _ask(governed_store, question)
    assert rows and _docs(governed_store, rows) == {"广东省版权条例"}
    assert any("第四条" in (r.get("title") or "") or r["number"] == 4 for r in rows)


def test_a_plan_target_on_forests_in_english(governed_store):
    reading = _read(governed_store, "what targets does the 13th five-year plan set for forests")
    assert reading.filters.doc == "plan-2016-eco-env-protection" and reading.filters.text == (
        "森林",
    )
    assert not reading.unknown
    rows = _ask(governed_store, "what targets does the 13th five-year plan set for forests")
    assert rows and all("森林" in r["text"] and r["targets"] for r in rows)


def test_at_every_level_before_a_body_is_no_word_of_the_text(governed_store):
    # 各级 (at every level) only widens the body, which --actor does without a level anyway
    reading = _read(governed_store, "重庆市各级人大常委会的任免工作")
    assert reading.filters.text == ("任免工作",)
    assert reading.filters.actor == "actor/peoples-congress-standing-committee"
    rows = _ask(governed_store, "重庆市各级人大常委会的任免工作")
    assert "重庆市各级人民代表大会常务委员会人事任免工作条例" in _docs(governed_store, rows)


def test_a_target_question_shows_the_targets_on_the_pollutant_in_time_order(governed_store):
    import policykg

    answer = policykg.open(governed_store).ask("did the PM2.5 target tighten between plans")
    (unit,) = answer.items  # the blue-sky plan's unit that sets PM2.5, SO2 and NOx targets
    asked = answer.targets(unit)
    assert [t.indicator.id for t in asked] == ["indicator/pm25-concentration"]
    assert len(unit.targets) > len(asked)  # the SO2 and NOx targets are not the answer
    result = run("ask", "did the PM2.5 target tighten between plans", "--store", governed_store)
    assert result.exit_code == 0, result.output
    listed = result.output.split("Targets in time order", 1)[1].splitlines()[1:]
    assert listed == [
        "  2018-06-27 《国务院关于印发打赢蓝天保卫战三年行动计划的通知》 未达标地级及以上城市 "
        "细颗粒物（PM2.5）浓度 下降 ≥18%（2015→2020）"
    ]
    # with no pollutant asked, every target of the units, the plan's by target year
    forests = run("ask", "what targets does the 13th five-year plan set for forests", "--store",
                  governed_store).output  # fmt: skip
    assert "林地保有量 达到 31230万公顷（2020）" in forests.split("Targets in time order", 1)[1]


@pytest.mark.parametrize(
    ("question", "words", "left"),
    [
        ("排污许可制度", ("排污许可",), ["制度"]),  # the texts say 排污许可制, 排污许可管理制度
        ("罚款收缴制度", ("罚款",), ["收缴制度"]),  # 罚款金额最高 asks for the fines now
        ("重点区域有哪些", ("重点区域",), []),  # a phrase the texts hold is kept whole
    ],
)
def test_a_phrase_no_unit_holds_gives_the_known_words_inside_it(
    governed_store, question, words, left
):
    reading = _read(governed_store, question)
    assert reading.filters.text == words and reading.unknown == left
    rows = _ask(governed_store, question)
    assert rows and all(all(w in _said(r) for w in words) for r in rows)


@pytest.mark.parametrize("question", ["what deadlines are set for 2020", "2020年的期限有哪些"])
def test_deadlines_of_a_year_are_the_deadlines_due_in_it(governed_store, question):
    reading = _read(governed_store, question)
    assert (reading.filters.after, reading.filters.before) == ("2020", "2020")
    assert reading.wants == "deadlines" and not reading.unknown
    rows = _ask(governed_store, question)
    assert rows and all(any(d["date"][:4] == "2020" for d in r["deadlines"]) for r in rows)
    # without the year, deadlines of other years answer too
    every = _ask(governed_store, "what deadlines are set")
    assert len(every) > len(rows)
    # (a time limit counted from an event, 自受理之日起六十日内, has no date)
    assert any(all((d["date"] or "")[:4] != "2020" for d in r["deadlines"]) for r in every)


def test_the_police_and_river_chiefs_are_read_in_english(governed_store):
    """Researchers write "police" or "public security bureau" for 公安机关 and "traffic police"
    for its traffic administration; "river chiefs" (河长制) is looked for in the text."""
    for question in ("what does the public security bureau do", "what must the police do"):
        reading = _read(governed_store, question)
        assert reading.filters.actor == "actor/public-security-organs" and not reading.unknown
    assert _read(governed_store, "rules for traffic police").filters.actor == "actor/traffic-police"
    reading = _read(governed_store, "show measures about river chiefs")
    assert reading.filters.text == ("河长",)
    rows = _ask(governed_store, "show measures about river chiefs")
    assert rows and all("河长" in r["text"] for r in rows)


def test_a_title_word_said_twice_names_the_document_once(governed_store):
    """In "what does the water law say about drinking water" the law takes the "water" next to
    it; the other stays for 饮用水, which was left over as "drinking"."""
    reading = _read(governed_store, "what does the water law say about drinking water")
    assert reading.filters.text == ("饮用水",) and not reading.unknown
    assert _read(
        governed_store, "what does the water law say about water quality"
    ).filters.text == ("水质",)
    rows = _ask(governed_store, "what does the water law say about drinking water")
    assert rows and _docs(governed_store, rows) == {"中华人民共和国水污染防治法"}
    assert all("饮用水" in _said(r) for r in rows)


@pytest.mark.parametrize(
    "question", ["哪些地方性法规规定了罚款", "which local regulations mention fines"]
)
def test_local_regulations_are_the_regulation_genre(governed_store, question):
    reading = _read(governed_store, question)
    assert reading.filters.genre == "regulation" and reading.filters.text == ("罚款",)


@pytest.mark.parametrize(
    "question", ["which regulations were issued by Guangdong", "广东省发布的条例"]
)
def test_documents_issued_by_a_place_are_its_documents(governed_store, question):
    reading = _read(governed_store, question)
    assert reading.filters.jurisdiction == "region/440000" and not reading.unknown
    assert reading.filters.genre == "regulation" and not reading.filters.text


@pytest.mark.parametrize(
    "question", ["有哪些文件", "list all documents", "how many documents are there?"]
)
def test_a_question_for_the_documents_alone_lists_every_document(governed_store, question):
    reading = _read(governed_store, question)
    assert reading.wants == "documents" and reading.understood == ["every document"]
    every = documents(governed_store)
    assert _ask(governed_store, question) == every  # JSON: the documents' records
    import policykg

    # the listing holds every document, one that is only its header (no unit) too
    answer = policykg.open(governed_store).ask(question)
    listed = dict(answer.documents())
    assert listed == {d["id"]: d["units"] for d in every}
    assert 0 in listed.values()
    # what answers is the documents: the one query is their listing, no unit's record is read
    # (on a store of thousands that took seconds and gigabytes)
    assert answer.items == [] and answer.sparql.count("SELECT") == 1
    shown = run("ask", question, "--store", governed_store)
    total = sum(d["units"] for d in every)
    assert f"{len(listed)} document(s), {total} unit(s)" in shown.output


def test_a_word_beside_documents_that_is_not_understood_is_still_said(governed_store):
    result = run("ask", "cheese documents", "--store", governed_store)
    assert result.exit_code != 0 and "could not read" in result.output


def test_a_plan_that_sets_reduction_targets_is_asked_for_targets_not_text(governed_store):
    """提出 and 减排 of 哪些规划提出了二氧化硫减排目标 are how the question is put: it asks for the
    plans' targets on SO2, not for units that hold 规划提出 and 减排 (none does)."""
    reading = _read(governed_store, "哪些规划提出了二氧化硫减排目标")
    assert reading.wants == "targets" and not reading.filters.text
    assert reading.filters.pollutant == "pollutant/sulfur-dioxide"
    assert _ask(governed_store, "哪些规划提出了二氧化硫减排目标")


def test_the_longest_english_words_are_searched_first(governed_store):
    """ "good air days" is 优良天数, not the air (大气) of the title topics and two words left
    over."""
    reading = _read(governed_store, "what is the target for good air days")
    assert reading.filters.text == ("优良天数",) and not reading.unknown
    assert _ask(governed_store, "what is the target for good air days")


# CONSTRUCTED: a plan's indicator wording, 属性 given after each value (as in test_targets.py)
BINDING_PLAN = (
    "某某省生态环境保护规划\n\n一、主要目标\n\n"
    "到2020年，森林覆盖率达到23.04%（约束性），草原综合植被盖度达到56%（预期性）。\n\n"
    "二、重点任务\n\n到2020年，全省化学需氧量排放总量下降10%。\n"
)


@pytest.fixture(scope="module")
def binding_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("binding")
    (folder / "plan.txt").write_text(BINDING_PLAN, encoding="utf-8")
    result = run("build", folder, "--store", folder / "kg")
    assert result.exit_code == 0, result.output
    return folder / "kg"


@pytest.mark.parametrize(
    ("question", "binding", "indicator"),
    [
        ("which targets are binding", True, "indicator/forest-coverage"),
        ("约束性指标有哪些", True, "indicator/forest-coverage"),
        ("预期性指标", False, "indicator/grassland-vegetation-cover"),
    ],
)
def test_binding_or_expected_targets_are_the_ones_the_plan_says(
    binding_store, question, binding, indicator
):
    import policykg

    reading = _read(binding_store, question)
    assert reading.wants == "targets" and reading.binding is binding and not reading.filters.text
    answer = policykg.open(binding_store).ask(question)
    assert len(answer.items) == 1  # the unit of the 化学需氧量 target, said neither, is none
    assert [t.indicator.id for t in answer.targets(answer.items[0])] == [indicator]


@pytest.mark.parametrize(
    ("question", "indicator"),
    [
        ("森林覆盖率目标", "indicator/forest-coverage"),
        ("what is the forest coverage target", "indicator/forest-coverage"),
        ("草原综合植被盖度的目标", "indicator/grassland-vegetation-cover"),
    ],
)
def test_a_question_naming_an_indicator_gets_that_indicators_targets(
    binding_store, question, indicator
):
    """The unit sets two targets; only the one on the indicator asked about answers, in
    Chinese or English, and the indicator's name is not searched for in the text."""
    import policykg

    reading = _read(binding_store, question)
    assert reading.wants == "targets" and not reading.filters.text and not reading.unknown
    answer = policykg.open(binding_store).ask(question)
    assert [[t.indicator.id for t in answer.targets(i)] for i in answer.items] == [[indicator]]


def test_an_indicator_group_stands_for_the_indicators_under_it(governed_store):
    """ "air quality targets" are the blue-sky plan's targets on good days, PM2.5 and heavy
    pollution days, not its emission totals; outside a question about targets, air quality is
    a word of the text."""
    import policykg

    answer = policykg.open(governed_store).ask("air quality targets")
    got = {t.indicator.id for i in answer.items for t in answer.targets(i)}
    assert got == {
        "indicator/good-air-days-ratio",
        "indicator/pm25-concentration",
        "indicator/heavy-pollution-days-ratio",
    }
    assert _read(governed_store, "what do the rules say about air quality").filters.text == (
        "空气质量",
    )


def test_a_level_word_inside_a_bodys_name_is_no_level(governed_store):
    """住房城乡建设主管部门 holds 建设主管部门 after 乡, which is part of 城乡 here, not the
    township level: the body is the housing authority, found in the units that name it; a level
    word that is one (各市发展改革委) is read with the body and not searched for as text."""
    reading = _read(governed_store, "住房城乡建设主管部门在扬尘治理中的职责")
    assert reading.filters.actor == "actor/housing-urban-rural-authorities"
    assert _ask(governed_store, "住房城乡建设主管部门在扬尘治理中的职责")
    reading = _read(governed_store, "各市发展改革委的任务")
    assert reading.filters.actor == "各市发展改革委" and not reading.filters.text


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("which articles give time limits for administrative review", "行政复议"),
        ("which regulations require a hearing", "听证"),
        ("administrative litigation", "行政诉讼"),
    ],
)
def test_legal_procedures_asked_in_english_are_searched_in_chinese(governed_store, question, word):
    reading = _read(governed_store, question)
    assert reading.filters.text == (word,) and not reading.unknown
    assert _ask(governed_store, question)


def test_the_ministry_is_the_state_councils_authority_the_laws_name(governed_store):
    """The laws task 国务院生态环境主管部门, which is 生态环境部 (pkg:heldBy): asking what the
    ministry leads finds the articles that say the authority does, each saying why."""
    rows = _ask(governed_store, "which measures does the Ministry of Ecology and Environment lead")
    assert rows
    assert all(
        any(
            "国务院生态环境主管部门 (lead), the State Council remit" in m
            for m in r["matched"]["actor"]
        )
        for r in rows
    )
    held = items(governed_store, "--actor", "国务院生态环境主管部门")
    assert {r["id"] for r in rows} <= {r["id"] for r in held}


@pytest.mark.parametrize(
    ("question", "actor"),
    [
        ("measures led by the NDRC", "actor/national-development-and-reform-commission"),
        ("what does the MEE lead", "actor/ministry-of-ecology-and-environment"),
        ("which measures does MIIT lead", "actor/ministry-of-industry-and-information-technology"),
        ("what does the Ministry of Housing lead", "actor/ministry-of-housing-and-urban-rural-development"),
        ("what does MOHURD lead", "actor/ministry-of-housing-and-urban-rural-development"),
        ("which tasks does SAMR lead", "actor/state-administration-for-market-regulation"),
    ],
)  # fmt: skip
def test_the_ministries_english_acronyms_name_them(governed_store, question, actor):
    """NDRC, MEE, MIIT, MOHURD and the short names English writes (the Ministry of Housing)
    name the bodies, as their full names do."""
    reading = _read(governed_store, question)
    assert reading.filters.actor == actor and reading.filters.role == "lead"
    assert not reading.unknown


def test_a_bodys_responsibility_is_the_responsible_role(governed_store):
    """土壤污染重点监管单位的责任: the units where that body is responsible; 法律责任 (liability)
    stays a word of the text."""
    reading = _read(governed_store, "土壤污染重点监管单位的责任")
    assert reading.filters.actor == "actor/key-soil-supervised-units"
    assert reading.filters.role == "responsible" and not reading.filters.text
    rows = _ask(governed_store, "土壤污染重点监管单位的责任")
    assert rows and all(
        any(a["id"] == reading.filters.actor and a["role"] == "responsible" for a in r["actors"])
        for r in rows
    )
    assert _read(governed_store, "哪些条款规定了法律责任").filters.text == ("法律责任",)


def test_taking_part_is_the_participants_role(governed_store):
    reading = _read(governed_store, "who takes part in soil pollution surveys")
    assert reading.role == "participant" and not reading.unknown
    assert reading.filters.text == ("土壤污染", "调查")
    assert _ask(governed_store, "who takes part in soil pollution surveys")


@pytest.mark.parametrize(
    ("question", "document", "title"),
    [
        ("土壤污染防治法第二十条", "中华人民共和国土壤污染防治法", "第20条"),
        ("what does article 20 of the soil law say", "中华人民共和国土壤污染防治法", "第20条"),
        ("大气污染防治法第一百条", "中华人民共和国大气污染防治法", "第100条"),
        ("大气污染防治法第七十八条", "中华人民共和国大气污染防治法", "第78条"),  # cited twice
        ("第一百一十条", "中华人民共和国大气污染防治法", "第110条"),
    ],
)
def test_an_article_asked_by_its_number_is_that_article(governed_store, question, document, title):
    """Not the articles that cite it (依照本法第二十条…), nor, in English, the whole law."""
    rows = _ask(governed_store, question)
    assert [r["title"] for r in rows] == [title]
    assert _docs(governed_store, rows) == {document}


@pytest.mark.parametrize(
    "question", ["土壤污染防治法第二章有哪些规定", "chapter 2 of the soil law"]
)
def test_a_chapter_asked_by_its_number_is_the_articles_under_it(governed_store, question):
    rows = _ask(governed_store, question)
    assert rows and all(
        [(p["type"], p["number"]) for p in r["parents"]] == [("chapter", 2)] for r in rows
    )
    assert _docs(governed_store, rows) == {"中华人民共和国土壤污染防治法"}


@pytest.mark.parametrize(
    "key",
    ["土壤污染防治法第二十条", "article 20 of the soil law", "中华人民共和国土壤污染防治法第20条"],
)
def test_show_takes_a_document_and_its_article_number(governed_store, key):
    shown = run("show", key, "--store", governed_store)
    assert shown.exit_code == 0, shown.output
    assert (
        "中华人民共和国土壤污染防治法" in shown.output
        and "第二十条国务院生态环境主管部门" in shown.output
    )
    missing = run("show", "土壤污染防治法第九百条", "--store", governed_store)
    assert missing.exit_code != 0 and "no unit matches" in missing.output
    assert "Traceback" not in missing.output


def test_show_refuses_an_article_number_many_documents_have(governed_store):
    """第20条 alone is the title of an article in most of the regulations: showing the first
    would answer for one of them as if it were the only one. The error gives ids to pick from,
    each of which shows."""
    shown = run("show", "第20条", "--store", governed_store)
    assert shown.exit_code != 0 and "Traceback" not in shown.output
    line = shown.output.strip()
    assert len(line.splitlines()) == 1 and "documents have that title" in line
    ids = re.findall(r"[\w-]+/u-[0-9a-f]+", line)
    assert len(ids) == 3
    picked = [run("show", i, "--store", governed_store) for i in ids]
    assert all(p.exit_code == 0 for p in picked)
    assert len({p.output.splitlines()[1].split(" · ")[0] for p in picked}) == 3  # 3 documents
    assert run("show", "加强汞污染控制", "--store", governed_store).exit_code == 0  # one plan's


@pytest.mark.parametrize(
    ("question", "shortcut"),
    [
        ("which targets are binding", "hasTarget"),
        ("森林覆盖率目标", "hasTarget"),
        ("上海信访条例有哪些期限", "hasDeadline"),
        ("谁参与", None),
    ],
)
def test_what_a_question_asks_for_narrows_the_units_it_reads(governed_store, question, shortcut):
    """A question for targets, deadlines or bodies reads the records of the units that have
    them, not every unit's (seconds and gigabytes on a store of thousands), and answers as
    before: the reasons do not repeat what the reading says."""
    import policykg

    answer = policykg.open(governed_store).ask(question)
    if shortcut is not None:
        assert f"# ?shortcut = <https://w3id.org/policykg/ontology#{shortcut}>" in answer.sparql
    else:
        assert '# ?role = "participant"' in answer.sparql
    assert all(not (i.matched or {}).keys() & {"has", "role"} for i in answer.items)
    rows = _ask(governed_store, question)
    if answer.wants == "actors":
        assert rows and all(any(a["role"] == "participant" for a in r["actors"]) for r in rows)
    else:
        assert all(r[answer.wants] for r in rows)


@pytest.mark.parametrize(
    ("question", "province"),
    [
        ("山东省有哪些法规", "山东"),
        ("上海市的法规", "上海"),
        ("which documents mention Hunan", None),
    ],
)
def test_a_place_and_documents_asked_for_list_the_documents(governed_store, question, province):
    """山东省有哪些法规: one row a document (Shandong's own regulations among them, each with
    how many of its units answer), not the units of them all; a question for units (湖南有哪些
    措施) still lists units."""
    answer = _read(governed_store, question)
    # a place's documents are those it governs; the documents that mention one, any
    place = answer.filters.jurisdiction if province else answer.filters.region
    assert answer.wants == "documents" and place
    rows = _ask(governed_store, question)
    titles = _docs(governed_store, rows)
    own = {t for t in doc_ids(governed_store) if province and t.startswith(province)}
    assert titles and own <= titles
    result = run("ask", question, "--store", governed_store)
    assert (
        result.exit_code == 0 and f"{len(titles)} document(s), {len(rows)} unit(s)" in result.output
    )
    assert _read(governed_store, "湖南有哪些措施").wants == "measures"


@pytest.mark.parametrize(
    ("question", "title", "shown"),
    [
        ("山东土壤条例的发布机关", "山东省土壤污染防治条例", "issuers:      山东省人民代表大会常务委员会"),
        ("what is the jurisdiction of the Shandong soil regulation", "山东省土壤污染防治条例", "jurisdiction: 山东省 (370000)"),
        ("土壤法什么时候施行", "中华人民共和国土壤污染防治法", "effective:    2019-01-01"),
        ("when did the air law take effect", "中华人民共和国大气污染防治法", "effective:    2016-01-01"),
        ("大气法的修改历程", "中华人民共和国大气污染防治法", "history:      2015-08-29 revised"),
        ("the history of the water law", "中华人民共和国水污染防治法", "history:      1984-05-11 passed"),
        ("how many times was the air law amended", "中华人民共和国大气污染防治法", "history:      1995-08-29 amended"),
    ],
)  # fmt: skip
def test_what_a_named_document_is_is_answered_from_its_entry(
    governed_store, question, title, shown
):
    """Who issued a document, where it applies, when it took effect, its history: the
    document's entry (as ``docs`` has it), not its units searched for 发布机关 or "history"."""
    reading = _read(governed_store, question)
    assert reading.wants == "document" and not reading.filters.text
    assert not reading.filters.region  # "Shandong" of the title is no filter on units
    table = run("ask", question, "--store", governed_store)
    assert (
        table.exit_code == 0 and shown in table.output and f"title:        {title}" in table.output
    )
    (entry,) = _ask(governed_store, question)  # JSON: the entry itself
    assert entry["title"] == title and entry["history"] is not None
    import policykg

    answer = policykg.open(governed_store).ask(question)
    assert answer.items == [] and [d for d, _ in answer.listing] == [doc_ids(governed_store)[title]]


def test_who_acts_under_a_named_document_is_still_answered_from_its_units(governed_store):
    """土壤污染防治法中谁负责 and 由谁实施 ask the units' bodies; 第二十条 an article; 适用范围 the
    text's own article on it: no entry."""
    assert _read(governed_store, "土壤污染防治法中谁负责").wants == "actors"
    carried = _read(governed_store, "土壤污染防治法由谁来实施")  # who carries it out
    assert carried.wants == "actors" and carried.role == "responsible" and not carried.filters.text
    assert _read(governed_store, "大气法的适用范围").wants != "document"
    assert _read(governed_store, "土壤污染防治法第二十条").wants == "measures"


def _due(rows):
    return {d["date"][:4] for r in rows for d in r["deadlines"] if d.get("date")}


@pytest.mark.parametrize(
    ("question", "lo", "hi"),
    [
        ("which tasks are due in 2017", "2017", "2017"),
        ("2017年要完成哪些任务", "2017", "2017"),
        ("measures with deadlines between 2017 and 2019", "2017", "2019"),
        ("2017年至2019年的措施", "2017", "2019"),
        ("deadlines from 2017 to 2018", "2017", "2018"),
    ],
)
def test_deadlines_in_a_year_or_a_span_of_years_bound_both_ends(governed_store, question, lo, hi):
    """ "Due in 2017" and 2017年至2019年 keep the units with a deadline in those years, and no
    unit due only before or after them; the years are no words of the text."""
    reading = _read(governed_store, question)
    assert (reading.filters.after, reading.filters.before) == (lo, hi)
    assert not reading.filters.text
    assert not any(u.startswith("not understood") for u in reading.understood)
    rows = _ask(governed_store, question)
    assert rows and all(_due([r]) & {str(y) for y in range(int(lo), int(hi) + 1)} for r in rows)
    every = items(governed_store, "--has", "deadlines")
    assert _due(every) - {str(y) for y in range(int(lo), int(hi) + 1)}  # others were left out


def test_reduction_targets_in_english_leave_nothing_not_understood(governed_store):
    """ "SO2 reduction targets": the pollutant's targets; "reduction" only says what they do."""
    reading = _read(governed_store, "SO2 reduction targets")
    assert reading.wants == "targets" and reading.filters.pollutant == "pollutant/sulfur-dioxide"
    assert not reading.unknown and not reading.filters.text


def test_a_year_a_target_is_to_be_met_in_is_the_targets_year_not_a_deadline(governed_store):
    """2020年要实现哪些目标: the targets for 2020, with 要实现 a word of the question."""
    reading = _read(governed_store, "2020年要实现哪些目标")
    assert reading.wants == "targets" and reading.year == 2020
    assert reading.filters.before is None and not reading.filters.text


@pytest.mark.parametrize("question", ["哪些措施有量化目标", "哪些文件设定了定量指标"])
def test_quantified_targets_are_what_the_question_asks_for(governed_store, question):
    """量化目标, 定量指标: the units with quantitative targets; 量化 is no word of the text."""
    reading = _read(governed_store, question)
    assert reading.wants == "targets" and not reading.filters.text
    rows = _ask(governed_store, question)
    assert rows and all(r["targets"] for r in rows)


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("which regulations were amended after 2018", "dated_after"),
        ("2018年以后修订的条例", "dated_after"),
        ("laws revised before 2010", "dated_before"),
        ("2015年以后修正的法律有哪些", "dated_after"),
    ],
)
def test_amended_or_revised_in_a_year_dates_the_documents(governed_store, question, field):
    """ "amended after 2018" dates the act, an amendment or revision from 2018 (the
    documents' history); it is no deadline, and 修订 is no word to search."""
    reading = _read(governed_store, question)
    f = reading.filters
    assert getattr(f, field) in ("2018", "2010", "2015") and f.act
    assert f.before is None and f.after is None and not f.text
    assert not any(u.startswith("not understood") for u in reading.understood)


def _acted(doc, acts, lo="0000", hi="9999"):
    """Whether the ``docs`` entry ``doc`` has an act of ``acts`` dated in years lo..hi."""
    return any(e["event"] in acts and lo <= e["date"][:4] <= hi for e in doc["history"] or ())


@pytest.mark.parametrize(
    ("question", "genre", "acts", "lo", "hi"),
    [
        ("2018年修正的法律", "law", {"amended"}, "2018", "2018"),
        ("哪些法律在2018年修正", "law", {"amended"}, "2018", "2018"),
        ("laws revised in 2015", "law", {"amended", "revised"}, "2015", "2015"),
        ("which laws have been amended", "law", {"amended", "revised"}, "0000", "9999"),
        ("哪些条例修订过", "regulation", {"revised"}, "0000", "9999"),
        (
            "which regulations were amended after 2018",
            "regulation",
            {"amended", "revised"},
            "2018",
            "9999",
        ),
        ("2018年以后修改的条例", "regulation", {"amended", "revised"}, "2018", "9999"),
        ("laws passed before 2010", "law", {"passed"}, "0000", "2010"),
        ("哪些条例于2018年通过", "regulation", {"passed"}, "2018", "2018"),
    ],
)
def test_an_act_of_a_documents_history_is_asked_by_its_verb_and_year(
    governed_store, question, genre, acts, lo, hi
):
    """ "Laws revised in 2015" is the air law, revised in 2015 though amended since (its date
    is 2018); 2018年修正的法律 is not the soil law, passed in 2018 and never amended; 修正 is
    amended and 修订 revised, English and 修改 take either. The answer lists the documents
    whose history holds such an act in those years, and nothing else."""
    reading = _read(governed_store, question)
    assert set(reading.filters.act) == acts and reading.wants == "documents"
    assert not reading.filters.text and reading.filters.before is None
    assert not any(u.startswith("not understood") for u in reading.understood)
    docs = documents(governed_store)
    docs = [d for d in docs if d["units"]]  # a bare header (重庆 农业技术推广法 办法): no unit
    want = {d["title"] for d in docs if d["genre"] == genre and _acted(d, acts, lo, hi)}
    # the document's own date (its last act) would answer otherwise
    dated = {d["title"] for d in docs if d["genre"] == genre and lo <= d["date"][:4] <= hi}
    assert want and want != dated
    rows = _ask(governed_store, question)
    assert _docs(governed_store, rows) == want
    for r in rows:  # each unit says which act of its document's history answered
        said = r["matched"]["act"]
        assert said and all(a.split()[0] in acts and lo <= a.split()[1][:4] <= hi for a in said)


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("2016年发布的文件", "date"),
        ("documents issued in 2016", "date"),
        ("which regulations took effect in 2020", "effective"),
        ("2020年施行的条例", "effective"),
    ],
)
def test_a_year_that_documents_were_issued_or_took_effect_in_bounds_both_ends(
    governed_store, question, key
):
    """2016年发布的文件 keeps the documents dated in 2016, not from it or up to it; a year
    of issuing is no deadline and 年发布 no word of the text."""
    reading = _read(governed_store, question)
    f = reading.filters
    year = "2020" if key == "effective" else "2016"
    bounds = (f.effective_after, f.effective_before, f.dated_after, f.dated_before)
    assert bounds == ((year, year, None, None) if key == "effective" else (None, None, year, year))
    assert not f.text and f.before is None and f.after is None and not f.act
    genre = {"regulation"} if "条例" in question or "regulations" in question else None
    want = {
        d["title"]
        for d in documents(governed_store)
        if (d[key] or "")[:4] == year and (genre is None or d["genre"] in genre) and d["units"]
    }
    assert want and _docs(governed_store, _ask(governed_store, question)) == want


def test_docs_lists_the_documents_with_an_act_and_when_they_had_it(governed_store):
    """``docs --act revised --act amended --after 2015 --before 2015``: the air law (dated 2018)
    and a Shanghai regulation (2020), each with the act that matched; an act no history records
    is refused on one line."""
    result = run(
        "docs", "--store", governed_store, "--act", "revised", "--act", "amended",
        "--after", "2015", "--before", "2015", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["title"], r["acts"]) for r in rows] == [
        ("上海市公路管理条例", ["amended 2015-07-23"]),
        ("中华人民共和国大气污染防治法", ["revised 2015-08-29"]),
    ]
    import policykg
    from policykg.errors import LookupFailed

    kg = policykg.open(governed_store)
    assert {d.title for d in kg.documents(act="amended", after=2018, before=2018)} >= {
        "中华人民共和国大气污染防治法"
    }
    with pytest.raises(LookupFailed, match="acts are passed"):
        kg.measures(act="repealed")
    bad = run("measures", "--store", governed_store, "--act", "repealed")
    assert bad.exit_code != 0 and "Traceback" not in bad.output
    assert bad.output.strip().count("\n") == 0


@pytest.mark.parametrize(
    "question",
    ["which measures involve public participation", "公众参与有哪些规定", "哪些条例规定了公众参与"],
)
def test_public_participation_is_a_topic_not_the_participant_role(governed_store, question):
    """公众参与 is a chapter of environmental law: the units that provide for it, not the
    units where some body takes part."""
    reading = _read(governed_store, question)
    assert reading.filters.text == ("公众参与",)
    assert reading.wants != "actors" and reading.filters.role is None
    rows = _ask(governed_store, question)
    assert rows and all("公众参与" in r["text"] for r in rows)


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("which measures mention fireworks", {"烟花爆竹"}),
        ("which articles mention straw burning", {"秸秆", "焚烧"}),
        ("what are the penalties for exceeding emission standards", {"罚", "超过", "排放", "标准"}),
        ("which articles provide for emissions trading", {"排污权"}),
        ("shore power at ports", {"岸电", "港口"}),
        ("what are the rules on drinking water sources", {"饮用水水源"}),
        ("which rules cover vehicle exhaust", {"尾气", "机动车"}),
        ("how are polluters punished", {"排污", "罚"}),
        ("which articles concern hazardous waste disposal", {"处置"}),
        ("what do the rules say about environmental information disclosure", {"环境信息"}),
        ("which plans promote clean heating in the north", {"清洁取暖", "北方"}),
    ],
)
def test_the_english_glossary_reads_the_sources_and_controls_of_pollution(
    governed_store, question, words
):
    """Fireworks, burning, exceeding standards, emissions trading, shore power: an English
    question on what environmental rules regulate is searched as the Chinese the texts use,
    with nothing left not understood."""
    reading = _read(governed_store, question)
    assert set(reading.filters.text) == words
    assert not any(u.startswith("not understood") for u in reading.understood)
    if not words & {"岸电", "尾气", "北方"}:  # no bundled text has shore power, exhaust, the north
        rows = _ask(governed_store, question)
        assert rows and all(all(w in _said(r) for w in words) for r in rows)


@pytest.mark.parametrize("question", ["哪些条款规定了处罚", "罚则有哪些"])
def test_a_chinese_wording_of_the_glossary_is_searched_as_its_preferred_label(
    governed_store, question
):
    """处罚 and 罚则 are searched as 罚: the articles write 处…罚款, and a search for 处罚
    itself misses them."""
    assert _read(governed_store, question).filters.text == ("罚",)
    rows = _ask(governed_store, question)
    assert rows and all("罚" in r["text"] for r in rows)
    assert len(rows) > len(items(governed_store, "--text", "处罚"))


def test_the_english_glossary_reads_waste_dumping_and_illegality(governed_store):
    """ "the penalties for illegal dumping of waste": the solid-waste thesaurus concept, and the
    words 罚, 倾倒 and 违法 in the text, with nothing left not understood."""
    reading = _read(governed_store, "what are the penalties for illegal dumping of waste")
    assert reading.filters.pollutant == "pollutant/solid-waste"
    assert set(reading.filters.text) == {"罚", "倾倒", "违法"}
    assert not any(u.startswith("not understood") for u in reading.understood)


@pytest.mark.parametrize(
    "question", ["山东省安全生产条例中生产经营单位的义务", "生产经营单位有哪些义务"]
)
def test_a_bodys_obligations_are_its_duties(governed_store, question):
    """义务 (obligations), as 职责: the body in the role of a duty's subject, not the word 义务,
    which the articles that set the duties seldom write."""
    reading = _read(governed_store, question)
    assert reading.filters.actor and reading.filters.role == "responsible"
    assert not reading.filters.text
    rows = _ask(governed_store, question)
    assert len(rows) > 10
    assert _docs(governed_store, rows) == {"山东省安全生产条例"}


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("大气法第七十八条", "中华人民共和国大气污染防治法"),
        ("土壤法规定了哪些罚款", "中华人民共和国土壤污染防治法"),
        ("山东土壤条例对农用地有什么规定", "山东省土壤污染防治条例"),
        ("山东的土壤条例对农用地有什么规定", "山东省土壤污染防治条例"),  # the place, then 的
        ("深圳的绿色建筑条例有哪些规定", "深圳经济特区绿色建筑条例"),
        ("蓝天保卫战计划中PM2.5的目标", "国务院关于印发打赢蓝天保卫战三年行动计划的通知"),
        ("生态环境保护规划中关于镉的措施", "“十三五”生态环境保护规划"),
    ],
)
def test_a_shortened_name_names_its_document(governed_store, question, title):
    """Documents are spoken of with words left out of their titles: the characters before a
    genre word, in the title's order, name the one document whose title they read as."""
    reading = _read(governed_store, question)
    assert reading.filters.doc == doc_ids(governed_store)[title]
    assert not any(u.startswith("not understood") for u in reading.understood)
    assert _docs(governed_store, _ask(governed_store, question)) == {title}


@pytest.mark.parametrize("question", ["上海市条例关于罚款", "哪些环境保护规划提到镉", "水法"])
def test_a_shortened_name_that_is_a_kind_or_too_short_names_no_document(governed_store, question):
    """上海市条例 reads as every Shanghai regulation (several titles), 哪些…规划 asks of a kind,
    and two characters (水法, another law than 水污染防治法) are too few."""
    assert _read(governed_store, question).filters.doc is None


@pytest.mark.parametrize(
    "question",
    [
        "济南市扬尘污染防治条例中住房城乡建设部门的职责",  # no such regulation in the store
        "扬尘污染防治条例",
        "济南市污染防治条例",
    ],
)
def test_a_name_with_a_place_or_pollutant_another_title_lacks_names_no_document(
    governed_store, question
):
    """The characters of 山东省土壤污染防治条例 (污染防治条例) and of 浙江省沿海船舶边防治安管理条例
    (防治条例) end these names, but 济南市 and 扬尘 before them say they name another document:
    the place and the pollutant are read instead, as for "what do Jinan's rules say about dust"."""
    reading = _read(governed_store, question)
    assert reading.filters.doc is None
    assert (
        reading.filters.pollutant == "pollutant/fugitive-dust"
        or reading.filters.region == "region/370100"
    )


def test_a_measures_genre_word_before_a_verb_is_read_whole(governed_store):
    """办法规定了罚款: 办法 (measures) and 规定 (provide), not 法规 across them."""
    reading = _read(governed_store, "哪些办法规定了罚款")
    assert reading.filters.genre and reading.filters.text == ("罚款",)
    assert not any(u.startswith("not understood") for u in reading.understood)


@pytest.mark.parametrize("question", ["which rules apply in Qingdao", "青岛适用哪些法规"])
def test_the_rules_that_apply_in_a_city_include_its_provinces_and_the_nations(
    governed_store, question
):
    """适用 / apply in: the city's own rules, and those of Shandong and the nation that bind
    it (--applies-in), listed as documents."""
    reading = _read(governed_store, question)
    assert reading.filters.applies_in == "region/370200" and reading.filters.region is None
    assert reading.wants == "documents"
    titles = _docs(governed_store, _ask(governed_store, question))
    assert "青岛市城乡规划条例" in titles
    assert "山东省土壤污染防治条例" in titles and "中华人民共和国土壤污染防治法" in titles
    assert not any(t.startswith(("上海", "北京", "广东", "深圳")) for t in titles)


@pytest.mark.parametrize(
    ("question", "iso"),
    [
        ("what must be done within 30 days", "P30D"),
        ("哪些事项要在十五个工作日内办理", "P15D-working-days"),
        ("上海信访条例中六十日内的期限", "P60D"),
    ],
)
def test_a_length_within_which_something_is_due_is_a_time_limit(governed_store, question, iso):
    """三十日内, within 30 days: the units with a time limit of that length, not the text
    三十日; a year of the calendar (2020年内) is no length."""
    reading = _read(governed_store, question)
    assert reading.filters.within and f"({iso})" in " ".join(reading.understood)
    rows = _ask(governed_store, question)
    assert rows and all(
        any(d["duration"] == iso.removesuffix("-working-days") for d in r["deadlines"])
        for r in rows
    )
    assert _read(governed_store, "2020年内完成的任务").filters.within is None


def test_against_a_pollutant_is_how_the_question_is_put(governed_store):
    # "against dust": the pollutant asked about, no word left over to search for or report
    reading = _read(governed_store, "which tools are used against dust")
    assert reading.wants == "instruments" and "pollutant/fugitive-dust" in reading.filters.pollutant
    assert not reading.unknown and not reading.filters.text


@pytest.mark.parametrize(
    ("question", "actor"),
    [
        ("which tasks involve the agriculture department", "actor/agriculture-rural-authorities"),
        (
            "what must the environmental protection bureau do",
            "actor/ecology-environment-authorities",
        ),
        ("which articles name the tax authority", "actor/tax-authorities"),
        ("tasks of the natural resources bureaus", "actor/natural-resources-authorities"),
    ],
)
def test_a_remits_bodies_by_their_english_names(governed_store, question, actor):
    # English says department, bureau or authority, and names a remit by its first word
    reading = _read(governed_store, question)
    assert reading.filters.actor == actor and not reading.unknown and not reading.filters.text


def test_a_short_name_of_a_city_and_a_county_inside_it_is_the_city(governed_store):
    # 长沙 is 长沙市 and 长沙县 within it: the city, as the region component reads the texts
    assert _read(governed_store, "长沙有哪些措施").filters.region == "region/430100"
    assert _read(governed_store, "长沙县有哪些措施").filters.region == "region/430121"
    assert _read(governed_store, "长沙有哪些文件").filters.jurisdiction == "region/430100"
    # two places of one name, neither inside the other, stay both (台州, 泰州)
    assert len(_read(governed_store, "measures in Taizhou").filters.region) == 2


def test_fraud_in_english_or_in_a_chinese_phrase_is_searched_as_the_laws_word(governed_store):
    """Laws write 骗取 (医疗保障基金): "fraud" and the phrase 欺诈骗保 a question may use are both
    looked for as 骗, and "Shanghai's medical security regulation" names the document."""
    english = _read(
        governed_store, "what does Shanghai's medical security regulation say about fraud"
    )
    chinese = _read(governed_store, "上海市医疗保障条例对欺诈骗保怎么规定")
    for reading in (english, chinese):
        assert reading.filters.text == ("骗",) and not reading.unknown
        assert reading.filters.doc == doc_ids(governed_store)["上海市医疗保障条例"]
    rows = _ask(governed_store, "上海市医疗保障条例对欺诈骗保怎么规定")
    assert rows and all("骗取" in r["text"] for r in rows)
    # a known word inside another of the question's words asks nothing more (罚 of 罚款)
    assert _read(governed_store, "通过罚款处罚").filters.text == ("罚款",)


@pytest.mark.parametrize(
    ("question", "river"),
    [
        ("which measures are in the Yangtze River basin", "region/yangtze-river"),
        ("measures in the Xiang River basin", "region/xiang-river"),
        ("what about the Huai River watershed", "region/huai-river"),
    ],
)
def test_a_rivers_basin_in_english_is_the_river(governed_store, question, river):
    # 长江流域 is a label of 长江: "basin" is part of the place's name, no word to search for
    reading = _read(governed_store, question)
    assert reading.filters.region == river and not reading.filters.text and not reading.unknown


def test_hunan_style_level_words_before_a_body_are_its_level(governed_store):
    """市州 (cities and prefectures) and 县市区 are level words as 市 and 县 are, in a question
    as in the texts (tests/test_actors.py): the prefectural and the county governments."""
    from policykg.graph.measures import _resolve
    from policykg.graph.sparql import connect

    reading = _read(governed_store, "各市州人民政府负责哪些任务")
    assert reading.filters.actor == "各市州人民政府" and reading.filters.role == "responsible"
    assert (
        "body 设区的市级人民政府 (prefectural-city-governments), at the level 市州 names"
        in reading.understood
    )
    concepts, level = _resolve(connect(governed_store), "actor", "县市区人民政府")
    assert [c.value.rsplit("/", 1)[1] for c in concepts] == ["county-governments"]
    assert level is not None and level[1] == "县市区"


@pytest.mark.parametrize(
    ("question", "place"),
    [
        (
            "which measures in the Yangtze River Delta region target PM2.5",
            "region/yangtze-river-delta",
        ),
        ("measures in the Beijing-Tianjin-Hebei area", "region/beijing-tianjin-hebei"),
        ("长株潭地区有哪些重金属措施", "region/changsha-zhuzhou-xiangtan"),
    ],
)
def test_a_places_kind_word_is_part_of_the_place(governed_store, question, place):
    # "region" and "area" after a place say what kind of place it is, as 地区 does after 长株潭
    reading = _read(governed_store, question)
    assert reading.filters.region == place and not reading.filters.text and not reading.unknown


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("which measures target black and malodorous water bodies", ("黑臭水体",)),
        ("what is required of tanneries and paper mills", ("制革", "造纸")),
        ("which measures concern sewage outfalls", ("排污口",)),
        ("rules on electroplating and non-ferrous metals", ("电镀", "有色金属")),
    ],
)
def test_the_water_plans_industries_and_waters_in_english_are_searched_in_chinese(
    governed_store, question, words
):
    # the 2015 water plan's ten key industries and its urban waters, as the texts write them
    reading = _read(governed_store, question)
    assert sorted(reading.filters.text) == sorted(words) and not reading.unknown


def test_a_stores_labels_are_read_once_per_generation(tmp_path):
    """Every question reads the vocabularies' labels; a store's generation never changes, so
    the questions after the first reuse them, until a build lands a new generation."""
    from policykg.graph.ask import _label_index, read_question
    from policykg.graph.sparql import Tracing, connect

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("一、加强镉污染防治\n环境保护部负责。\n", encoding="utf-8")
    assert run("build", folder, "--store", tmp_path / "kg").exit_code == 0
    backend = Tracing(connect(tmp_path / "kg"))

    def label_queries() -> int:
        return sum("Every label of the vocabularies" in query for query, _ in backend.log)

    first = _label_index(backend)
    assert any(label == "镉" for label, _, _ in first)
    # the English names of the instrument categories are everyday words, not labels
    assert not any(label == "environment" for label, _, _ in first)
    assert read_question(backend, "哪些措施针对镉").filters.pollutant == "pollutant/cadmium"
    assert _label_index(backend) is first and label_queries() == 1
    (folder / "b.txt").write_text("一、加强铅污染防治\n", encoding="utf-8")
    assert run("build", folder, "--store", tmp_path / "kg").exit_code == 0
    again = _label_index(backend)
    assert again is not first and again == first and label_queries() == 2


@pytest.mark.parametrize(
    "question",
    [
        "哪些文件提到了排污许可",
        "哪部法律提到了排污许可证",
        "哪些地方性法规规定了罚款",
        "which local regulations mention fines",
        "which laws mention discharge permits",
        "which regulations mention cooking fumes",
    ],
)
def test_documents_asked_for_outright_list_the_documents_whatever_their_units_say(
    governed_store, question
):
    """哪些文件提到了排污许可: the documents, each with how many of its units answer, not every
    unit of them; the JSON answer still gives the units, so that both can be checked."""
    reading = _read(governed_store, question)
    assert reading.wants == "documents" and (reading.filters.text or reading.filters.pollutant)
    rows = _ask(governed_store, question)
    documents = {r["source"]["document"] for r in rows}
    assert rows and len(rows) >= len(documents)
    table = run("ask", question, "--store", governed_store)
    assert table.exit_code == 0, table.output
    assert f"{len(documents)} document(s), {len(rows)} unit(s)" in table.output


@pytest.mark.parametrize(
    "question",
    [
        "哪些条款涉及排污许可",
        "what do Taizhou's rules say about cooking fumes",
        "哪部法律的哪些条款提到了镉",
    ],
)
def test_units_asked_for_are_listed_as_units(governed_store, question):
    assert _read(governed_store, question).wants == "measures"
