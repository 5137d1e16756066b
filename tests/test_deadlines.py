"""The deadline component on real policy sentences: exact offsets, ISO dates, certainty.

Sentences are quoted from the corpus with line breaks joined, as layout repair leaves them
(PDF spaces inside dates kept: ``到2020 年``). ``test_whether_quoted_sentences_are_real``
checks every quote against the corpus files.
"""

from __future__ import annotations

import pytest

from policykg.extract.deadlines import find_deadlines, plan_years
from policykg.extract.spans import found
from tests.conftest import CORPUS, PLAN, blank_zh, joined

PRIMARY = PLAN

HG = "禁止新建采用含汞工艺的电石法聚氯乙烯生产项目，到2020 年聚氯乙烯行业每单位产品用汞量在 2010 年的基础上减少 50%。"
CHEM = "评估化学品在环境中的积累和风险情况。2017 年底前，公布优先控制化学品名录，严格限制高风险化学品生产、使用、进口，并逐步淘汰替代。"
EXIT = "加快湘江等流域、区域突出问题综合整治，“十三五”期间，争取 20 个左右地区退出重点区域。"
METAL = "优化调整重点区域环境质量监测点位，2018 年底前建成全国重金属环境监测体系。"
SKY = "到2020年，二氧化硫、氮氧化物排放总量分别比2015年下降15%以上；PM2.5未达标地级及以上城市浓度比2015年下降18%以上，地级及以上城市空气质量优良天数比率达到80%，重度及以上污染天数比率比2015年下降25%以上；提前完成“十三五”目标任务的省份，要保持和巩固改善成果；尚未完成的，要确保全面实现“十三五”约束性目标；北京市环境空气质量改善目标应在“十三五”目标基础上进一步提高。"
FTZ = "到2025年，自贸试验区生态环境保护推动高质量发展的架构基本形成，经济结构和开发格局较为合理"
HISTORY = "2018年10月26日 第十三届全国人民代表大会常务委员会第六次会议《关于修改〈中华人民共和国野生动物保护法〉等十五部法律的决定》第二次修正"
IN_FORCE = "第九十九条 本法自2019年1月1日起施行。"
EFFORT = "（二）目标指标。经过3年努力，大幅减少主要大气污染物排放总量"

QUOTES = {
    "plan-2016-eco-env-protection-excerpt.txt": [HG, CHEM, EXIT, METAL],
    "plan-2018-blue-sky-excerpt.txt": [SKY, EFFORT],
    "guideline-ftz-eco-2021.txt": [FTZ],
    "law-air-pollution-2018.txt": [HISTORY],
    "law-soil-pollution-2018.txt": [IN_FORCE],
}


@pytest.fixture(scope="module")
def nlp():
    nlp = blank_zh()
    nlp.add_pipe("policykg_deadlines")
    return nlp


def deadlines(nlp, text: str, base_year: int | None = None) -> list[dict]:
    doc = nlp.make_doc(text)
    if base_year is not None:
        doc.user_data["base_year"] = base_year
    return found(nlp(doc), "deadlines")


def facts(d: dict) -> tuple:
    return d["start"], d["end"], d["text"], d["kind"], d["date_from"], d["date"], d["certainty"]


def test_whether_quoted_sentences_are_real():
    for name, quotes in QUOTES.items():
        raw = (CORPUS / name).read_text(encoding="utf-8")
        text = joined(CORPUS / name) if name.startswith("plan-2016") else raw
        for quote in quotes:
            assert quote in text, (name, quote)


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    (HG, [(23, 30, "到2020 年", "instant", None, "2020-12-31", "by")]),
    (CHEM, [(18, 26, "2017 年底前", "instant", None, "2017-12-31", "by")]),
    (EXIT, [(19, 26, "“十三五”期间", "interval", "2016-01-01", "2020-12-31", "during")]),
    (METAL, [(17, 25, "2018 年底前", "instant", None, "2018-12-31", "by")]),
    (SKY, [(0, 6, "到2020年", "instant", None, "2020-12-31", "by")]),
    (FTZ, [(0, 6, "到2025年", "instant", None, "2025-12-31", "by")]),
    (IN_FORCE, []),  # the law's entry into force: a date of the document (its history)
])
# fmt: on
def test_whether_real_deadlines_have_exact_offsets_and_iso_dates(nlp, text, expected):
    assert [facts(d) for d in deadlines(nlp, text)] == expected


def test_whether_baseline_years_are_not_deadlines(nlp):
    years = {d["date"][:4] for d in deadlines(nlp, HG + SKY)}
    assert years == {"2020"}
    for phrase in ("比2015年下降", "较2015年提高", "与2015年相比，", "以2015年为基准", "在2010年的基础上"):
        assert deadlines(nlp, phrase) == [], phrase


def test_whether_dates_of_amendment_and_signature_are_not_deadlines(nlp):
    assert deadlines(nlp, HISTORY) == []
    assert deadlines(nlp, "            2021年5月17日\n【文号】 环综合〔2021〕44号") == []


def test_whether_years_inside_titles_are_not_deadlines(nlp):
    assert deadlines(nlp, "落实《大气污染防治行动计划（2013—2017年）》各项任务") == []


# fmt: off
@pytest.mark.parametrize(("text", "date_from", "date"), [
    ("“十一五”期间", "2006-01-01", "2010-12-31"),
    ("“十三五”期间", "2016-01-01", "2020-12-31"),
    ("十三五时期", "2016-01-01", "2020-12-31"),
    ("“十四五”时期", "2021-01-01", "2025-12-31"),
    ("“十五五”期间", "2026-01-01", "2030-12-31"),
    ("“十五”期间", "2001-01-01", "2005-12-31"),
    ("“一五”时期", "1953-01-01", "1957-12-31"),
    ("“三五”时期", "1966-01-01", "1970-12-31"),
])
# fmt: on
def test_whether_every_five_year_plan_period_is_computed(nlp, text, date_from, date):
    (d,) = deadlines(nlp, text)
    assert (d["text"], d["kind"], d["date_from"], d["date"]) == (text, "interval", date_from, date)


def test_whether_the_end_of_a_plan_is_an_instant(nlp):
    (d,) = deadlines(nlp, "到“十四五”末，基本形成")
    assert facts(d) == (0, 7, "到“十四五”末", "instant", None, "2025-12-31", "by")


def test_whether_plan_years_follow_the_numbering_of_the_plans():
    assert plan_years(1) == (1953, 1957)
    assert plan_years(2) == (1958, 1962)
    assert plan_years(13) == (2016, 2020)
    with pytest.raises(ValueError):
        plan_years(0)


# fmt: off
@pytest.mark.parametrize("text", [
    "第十五条 国家实行", "处五日以上十五日以下的拘留", "（十五）推进环境污染治理",
    "确保全面实现“十三五”约束性目标", "3年", "〔2016〕65号", "2015年以来", "五年内完成",
])
# fmt: on
def test_whether_numerals_that_are_not_periods_are_ignored(nlp, text):
    assert deadlines(nlp, text) == []


def test_whether_a_time_limit_after_an_event_is_a_length_not_a_date(nlp):
    # 收到申请后十五个工作日内 counts from the application: no date, a length (tests/test_time_limits.py)
    (limit,) = deadlines(nlp, "收到申请后十五个工作日内")
    assert (limit["kind"], limit["date"], limit["duration"], limit["working_days"]) == (
        "duration", None, "P15D", True,
    )  # fmt: skip


# fmt: off
@pytest.mark.parametrize(("text", "date_from", "date"), [
    ("2018年6月底前", None, "2018-06-30"),
    ("2018 年 6 月底前", None, "2018-06-30"),
    ("２０１８年６月底前", None, "2018-06-30"),
    ("2025年前", None, "2025-12-31"),
    ("截至2020年底", None, "2020-12-31"),
    ("2016—2020年", "2016-01-01", "2020-12-31"),
    ("2016-2020年", "2016-01-01", "2020-12-31"),
    ("2016 年至 2020 年", "2016-01-01", "2020-12-31"),
])
# fmt: on
def test_whether_spaced_full_width_and_range_forms_resolve(nlp, text, date_from, date):
    (d,) = deadlines(nlp, text)
    assert (d["start"], d["end"], d["date_from"], d["date"]) == (0, len(text), date_from, date)


def test_whether_a_bare_year_opening_a_clause_means_during_that_year(nlp):
    (d,) = deadlines(nlp, "2017年，建立京津冀区域生态保护补偿机制")
    assert facts(d) == (0, 5, "2017年", "interval", "2017-01-01", "2017-12-31", "during")


# fmt: off
@pytest.mark.parametrize(("text", "certainty", "date_from", "date"), [
    ("2025年上半年完成排查", "by", None, "2025-06-30"),
    ("2025 年下半年前完成", "by", None, "2025-12-31"),
    ("2026年第一季度完成验收", "by", None, "2026-03-31"),
    ("2024年三季度出台办法", "by", None, "2024-09-30"),
    ("2023年上半年，开展排查", "during", "2023-01-01", "2023-06-30"),
    ("自2024年第二季度起实施", "from", None, "2024-04-01"),
])
# fmt: on
def test_whether_half_years_and_quarters_are_deadlines(nlp, text, certainty, date_from, date):
    """CONSTRUCTED in the wording of city action plans' task lists."""
    (d,) = deadlines(nlp, text)
    assert (d["certainty"], d["date_from"], d["date"]) == (certainty, date_from, date)


def test_whether_relative_deadlines_resolve_against_the_document_year(nlp):
    assert [(d["text"], d["date"]) for d in deadlines(nlp, "年内完成，今年底前验收", 2018)] == [
        ("年内", "2018-12-31"),
        ("今年底前", "2018-12-31"),
    ]
    (d,) = deadlines(nlp, "到本世纪中叶，建成美丽中国", 2017)
    assert (d["text"], d["date"], d["certainty"]) == ("到本世纪中叶", "2050-12-31", "by")


@pytest.mark.parametrize(
    "text",
    [
        # CONSTRUCTED: a five-year plan's review of the years before it (tests/test_targets.py)
        "2015年，全国地级及以上城市空气质量优良天数比例达到76.7%。",
        "截至2015年底，全国森林覆盖率达到21.66%。",
        "2015年上半年，全国完成排查。",
    ],
)
def test_whether_a_year_gone_that_dates_what_was_is_no_deadline(nlp, text):
    """In a document of 2016, 2015年， opening a clause and 截至2015年底 state what was; the same
    words for a year to come are deadlines, and so is 到2015年 (by then)."""
    assert deadlines(nlp, text, 2016) == []
    ahead = text.replace("2015", "2020")
    assert [d["date"][:4] for d in deadlines(nlp, ahead, 2016)] == ["2020"]
    assert len(deadlines(nlp, text)) == 1  # no document year: read as before
    assert [d["date"] for d in deadlines(nlp, "到2015年底完成排查", 2016)] == ["2015-12-31"]


def test_whether_next_year_on_is_a_start_not_a_deadline(nlp):
    (d,) = deadlines(nlp, "明年起实施排污许可", 2023)
    assert (d["text"], d["date"], d["certainty"]) == ("明年起", "2024-01-01", "from")


@pytest.mark.parametrize(
    ("text", "certainty", "date_from", "date"),
    [
        ("明年6月底前建成", "by", None, "2024-06-30"),
        ("今年第三季度前完成", "by", None, "2023-09-30"),
        ("今年下半年，开展排查", "during", "2023-07-01", "2023-12-31"),
        ("今年10月1日起实施", "from", None, "2023-10-01"),
    ],
)
def test_whether_a_part_of_this_or_next_year_is_that_part(nlp, text, certainty, date_from, date):
    """CONSTRUCTED in the wording of annual work plans: 明年6月底前 is the end of June next year,
    not the whole of next year."""
    (d,) = deadlines(nlp, text, 2023)
    assert (d["certainty"], d["date_from"], d["date"]) == (certainty, date_from, date)


def test_whether_relative_deadlines_without_a_document_year_stay_undated(nlp):
    (d,) = deadlines(nlp, "年内完成")
    assert (d["text"], d["kind"], d["date"], d["certainty"]) == ("年内", "instant", None, "by")


def test_whether_recurring_schedules_have_no_date(nlp):
    # 每年监测两次 is no deadline; 每年年底前 comes back every year: a month-day, never a date
    # that a filter by year would match (tests/test_time_limits.py)
    found = deadlines(nlp, "国家级自然保护区每年监测两次，每年年底前报告", 2016)
    assert [(d["text"], d["kind"], d["date"], d["recurs"]) for d in found] == [
        ("每年年底前", "recurring", None, "--12-31"),
    ]


def test_whether_the_year_in_question_of_a_standing_rule_comes_back_every_year():
    # 洛阳市节约用水条例: users file next year's plan by 31 October of each year (当年)
    text = (CORPUS / "local-regulations" / "洛阳市节约用水条例(2010-12-10).md").read_text(
        encoding="utf-8"
    )
    found = [d for d in find_deadlines(text) if d.text == "当年十月三十一日前"]
    assert [(d.kind, d.date, d.recurs) for d in found] == [("recurring", None, "--10-31")]
    assert find_deadlines("当年完成任务。应当年满十八周岁。") == []


def test_whether_the_primary_document_yields_all_its_deadlines():
    text = joined(PRIMARY)
    got = [(d.text, d.date) for d in find_deadlines(text)]
    assert got == [
        ("到2020 年", "2020-12-31"),
        ("2020 年底前", "2020-12-31"),
        ("2017 年底前", "2017-12-31"),
        ("到 2020 年", "2020-12-31"),
        ("2017 年底前", "2017-12-31"),
        ("“十三五”期间", "2020-12-31"),
        *[("到 2020 年", "2020-12-31")] * 8,
        ("到 2017 年", "2017-12-31"),
        ("“十三五”期间", "2020-12-31"),
        ("2018 年底前", "2018-12-31"),
    ]
    assert all(text[d.start : d.end] == d.text for d in find_deadlines(text))


def test_whether_spans_are_recorded_under_the_configured_key():
    nlp = blank_zh()
    nlp.add_pipe("policykg_deadlines", config={"spans_key": "when", "base_year": 2018})
    doc = nlp("年内完成。" + METAL)
    assert [s.label_ for s in doc.spans["when"]] == ["deadline", "deadline"]
    assert doc.spans["when"][0]._.policykg["date"] == "2018-12-31"
    span = doc.spans["when"][1]
    assert span.start_char <= 22 and span.end_char >= 30


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第五十五条本条例自2018年3月1日起施行。", []),
        ("本办法自 2007年9月15日起实施。", []),
        ("本决定自2021年1月1日起生效。", []),
        # a date from which the rule binds, in an operative sentence, stays a deadline
        ("自2020年1月1日起，禁止生产含汞体温计。", [("自2020年1月1日起", "2020-01-01", "from")]),
        ("本规定自2019年1月1日起执行，2022年底前完成改造。", [("2022年底前", "2022-12-31", "by")]),
    ],
)
def test_a_text_taking_effect_is_no_deadline(nlp, text, expected):
    assert [(d["text"], d["date"], d["certainty"]) for d in deadlines(nlp, text)] == expected


def test_a_plans_span_of_years_ends_with_the_last_of_them(nlp):
    """蓝天保卫战三年行动计划 (2018): 经过3年努力 is by the end of 2020, its year of issue the
    first of the three; undated without the document's year."""
    (d,) = deadlines(nlp, EFFORT, 2018)
    assert (d["text"], d["date"], d["certainty"]) == ("经过3年努力", "2020-12-31", "by")
    (d,) = deadlines(nlp, EFFORT)
    assert (d["text"], d["date"]) == ("经过3年努力", None)


@pytest.mark.parametrize(
    ("text", "found_"),
    [
        # CONSTRUCTED, in the wording of national plans: a span after a date counts from it
        (
            "到2020年，生态环境质量总体改善；再用十年时间，全面改善环境质量。",
            [("到2020年", "2020-12-31"), ("再用十年时间", "2030-12-31")],
        ),
        ("用五年左右时间，基本消除重污染天气。", [("用五年左右时间", "2022-12-31")]),
        # a review's span is what was done, not a deadline
        ("经过五年努力，生态环境质量总体改善，减排目标超额完成。", []),
        ("经过多年努力，取得显著成效。", []),
    ],
)
def test_a_span_of_years_counts_from_the_plan_or_the_date_before_it(nlp, text, found_):
    assert [(d["text"], d["date"]) for d in deadlines(nlp, text, 2018)] == found_
