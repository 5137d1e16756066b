"""The target component on real policy sentences: value, unit, comparator, baseline, year, and
what each target is on (indicator, region, scope).

Sentences are quoted from the corpus with line breaks joined, PDF spaces kept (``减少 50%``);
``test_whether_quoted_sentences_are_real`` checks every quote against the corpus files. Sentences
marked CONSTRUCTED are not in the corpus: they are written from domain knowledge in the wording
of national plans (the 2013 air action plan, the five-year plans' indicator tables), to test the
regional and tabulated targets those plans set.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

import policykg.extract.regions  # noqa: F401  (registers the region component)
from policykg.extract.deadlines import find_deadlines
from policykg.extract.spans import found
from policykg.extract.targets import Indicators, find_targets
from policykg.graph.vocabularies import load_terms
from tests.conftest import CORPUS, PLAN, ROOT, blank_zh, joined

PRIMARY = PLAN

HG = "禁止新建采用含汞工艺的电石法聚氯乙烯生产项目，到2020 年聚氯乙烯行业每单位产品用汞量在 2010 年的基础上减少 50%。"
FOREST = "到 2020 年，混交林占比达到 45%，单位面积森林蓄积量达到 95 立方米/公顷，森林植被碳储量达到 95亿吨。"
EXIT = "加快湘江等流域、区域突出问题综合整治，“十三五”期间，争取 20 个左右地区退出重点区域。"
SAND = "到 2020 年，努力建成 10 个百万亩、100个十万亩、1000 个万亩防沙治沙基地。"
WOOD = "到 2020 年，建设储备林 1400 万公顷，每年新增木材供应能力 9500 万立方米以上。"
GRASS = "到 2020 年，治理“三化”草原 3000 万公顷。"
SLOPE = "在具备条件的 25 度以上坡耕地、严重沙化耕地和重要水源地 15—25 度坡耕地实施退耕还林还草。"
TAILINGS = "开展病危险尾矿库和“头顶库”（1 公里内有居民或重要设施的尾矿库）专项整治"
DEMO = "在江苏靖江市、浙江平阳县等 16 个重点区域和江西大余县浮江河流域等 8 个流域开展重金属污染综合整治示范"
BOX = "（一）区域综合防控（16个）。"
SKY = "到2020年，二氧化硫、氮氧化物排放总量分别比2015年下降15%以上；PM2.5未达标地级及以上城市浓度比2015年下降18%以上，地级及以上城市空气质量优良天数比率达到80%，重度及以上污染天数比率比2015年下降25%以上；"
EFFORT = "（二）目标指标。经过3年努力，大幅减少主要大气污染物排放总量"
# CONSTRUCTED: the targets of 《大气污染防治行动计划》 (国发〔2013〕37号) as that plan words them.
AIR_2013 = "到2017年，全国地级及以上城市可吸入颗粒物浓度比2012年下降10%以上，优良天数逐年提高；京津冀、长三角、珠三角等区域细颗粒物浓度分别下降25%、20%、15%左右，其中北京市细颗粒物年均浓度控制在60微克/立方米左右。"
# CONSTRUCTED: a city's air plan as such plans word their PM2.5 goal (short name in brackets).
CITY_PM25 = "到2025年，全市细颗粒物（PM2.5）年均浓度控制在32微克/立方米以下，空气质量优良天数比率达到85%以上。"
# CONSTRUCTED: the 2025 goals as the 2021 opinions on the battle against pollution word them
# (Ⅰ—Ⅲ类 for the surface-water classes, a bracket listing the coastal classes, 力争).
GOALS_2025 = (
    "到2025年，地表水Ⅰ—Ⅲ类水体比例达到85%，近岸海域水质优良（一、二类）比例达到79%左右，"
    "城市生活污水集中收集率力争达到70%以上。"
)

QUOTES = {
    "plan-2016-eco-env-protection-excerpt.txt": [HG, FOREST, EXIT, SAND, WOOD, GRASS, SLOPE, TAILINGS, DEMO, BOX],
    "plan-2018-blue-sky-excerpt.txt": [SKY, EFFORT],
}  # fmt: skip

KEYS = ("start", "end", "text", "value", "unit", "comparator", "direction", "baseline", "year")


@pytest.fixture(scope="module")
def target_nlp():
    """Deadlines and places first: the target component reads their spans."""
    nlp = blank_zh()
    nlp.add_pipe("policykg_regions", config={"terms": list(load_terms("gazetteer.ttl"))})
    nlp.add_pipe("policykg_deadlines")
    nlp.add_pipe("policykg_targets", config={"terms": list(load_terms("indicators.ttl"))})
    return nlp


def targets(nlp, text: str) -> list[dict]:
    return found(nlp(text), "targets")


def facts(t: dict) -> tuple:
    return tuple(t[k] for k in KEYS)


def test_whether_quoted_sentences_are_real():
    for name, quotes in QUOTES.items():
        raw = (CORPUS / name).read_text(encoding="utf-8")
        text = joined(CORPUS / name) if name.startswith("plan-2016") else raw
        for quote in quotes:
            assert quote in text, (name, quote)


def test_whether_a_reduction_keeps_its_baseline_year_and_deadline(target_nlp):
    (t,) = targets(target_nlp, HG)
    assert facts(t) == (59, 62, "50%", 50.0, "%", "=", "decrease", 2010, 2020)
    assert (t["phrase"], t["subject"]) == ("聚氯乙烯行业每单位产品用汞量", None)
    assert (t["concept"], t["label"], t["scope"]) == (
        "indicator/mercury-use-per-product", "单位产品用汞量", "聚氯乙烯行业",
    )  # fmt: skip


def test_whether_levels_to_reach_carry_unit_magnitude_and_indicator(target_nlp):
    got = targets(target_nlp, FOREST)
    assert [facts(t) + (t["phrase"],) for t in got] == [
        (17, 20, "45%", 45.0, "%", "=", "reach", None, 2020, "混交林占比"),
        (33, 42, "95 立方米/公顷", 95.0, "立方米/公顷", "=", "reach", None, 2020, "单位面积森林蓄积量"),
        (53, 57, "95亿吨", 95.0, "亿吨", "=", "reach", None, 2020, "森林植被碳储量"),
    ]  # fmt: skip
    assert [t["concept"] for t in got] == [
        "indicator/mixed-forest-share",
        "indicator/forest-stock-per-hectare",  # not 森林蓄积量: the longest label wins
        "indicator/forest-carbon-stock",
    ]


def test_whether_a_count_with_about_takes_the_year_of_a_plan_period(target_nlp):
    (t,) = targets(target_nlp, EXIT)
    assert facts(t) == (30, 36, "20 个左右", 20.0, "个", "≈", None, None, 2020)


def test_whether_output_targets_after_a_deadline_are_found(target_nlp):
    assert [facts(t) for t in targets(target_nlp, SAND)] == [
        (14, 18, "10 个", 10.0, "个", "=", None, None, 2020),
        (22, 26, "100个", 100.0, "个", "=", None, None, 2020),
        (30, 36, "1000 个", 1000.0, "个", "=", None, None, 2020),
    ]
    # the list shares its head: each count is of 防沙治沙基地 of its size
    assert [t["phrase"] for t in targets(target_nlp, SAND)] == [
        "百万亩防沙治沙基地",
        "十万亩防沙治沙基地",
        "万亩防沙治沙基地",
    ]
    got = targets(target_nlp, WOOD)
    assert [facts(t) + (t["phrase"],) for t in got] == [
        (15, 23, "1400 万公顷", 1400.0, "万公顷", "=", None, None, 2020, "储备林"),
        (35, 46, "9500 万立方米以上", 9500.0, "万立方米", "≥", "increase", None, 2020, "木材供应能力"),
    ]  # fmt: skip
    (grass,) = targets(target_nlp, GRASS)
    assert (grass["text"], grass["phrase"]) == ("3000 万公顷", "“三化”草原")  # 治理 is the verb


def test_whether_word_tags_come_without_jiebas_tagger():
    """The verb of an output target is told by the dictionary's tag, not by ``jieba.posseg``,
    whose table of tags costs every build process 50 MB."""
    code = (
        "import sys\n"
        "from policykg.extract.pipeline import VOCABULARIES, analyse_text, make_nlp\n"
        "from policykg.graph.vocabularies import load_vocabularies\n"
        "nlp = make_nlp(load_vocabularies(VOCABULARIES))\n"
        f"doc = analyse_text({WOOD!r}, 'wood', nlp)\n"
        "phrases = [m.attrs['phrase'] for u in doc.units for m in u.mentions if m.type == 'target']\n"
        "print(phrases, 'jieba.posseg' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.split("\n")[0] == "['储备林', '木材供应能力'] False", out.stderr[-2000:]


def test_whether_blue_sky_targets_keep_2015_baselines_only_for_changes(target_nlp):
    got = targets(target_nlp, SKY)
    assert [facts(t) for t in got] == [
        (30, 35, "15%以上", 15.0, "%", "≥", "decrease", 2015, 2020),
        (30, 35, "15%以上", 15.0, "%", "≥", "decrease", 2015, 2020),
        (61, 66, "18%以上", 18.0, "%", "≥", "decrease", 2015, 2020),
        (86, 89, "80%", 80.0, "%", "=", "reach", None, 2020),
        (109, 114, "25%以上", 25.0, "%", "≥", "decrease", 2015, 2020),
    ]


def test_whether_one_reduction_for_a_list_of_pollutants_is_one_target_each(target_nlp):
    so2, nox = targets(target_nlp, SKY)[:2]
    assert (so2["subject"], so2["concept"], so2["label_en"]) == (
        "二氧化硫", "indicator/so2-emissions", "total sulphur dioxide emissions",
    )  # fmt: skip
    assert (nox["subject"], nox["concept"]) == ("氮氧化物", "indicator/nox-emissions")


@pytest.mark.parametrize(
    "text",
    [  # CONSTRUCTED in the wording of municipal blue-sky plans
        "到2020年，全市二氧化硫（SO2）、氮氧化物（NOx）和挥发性有机物（VOCs）等主要污染物排放总量"
        "比2015年分别下降15%、10%和26%。",
        "到2020年,二氧化硫(SO2)、氮氧化物(NOX)、挥发性有机物(VOCs)排放总量比2015年分别下降15%、10%、26%。",
    ],
)
def test_whether_listed_pollutants_with_short_names_or_a_kind_set_their_emission_targets(
    target_nlp, text
):
    """A pollutant's short name in brackets, and the kind the list closes with (等主要污染物),
    name no other indicator than the pollutant's emissions."""
    got = targets(target_nlp, text)
    assert [(t["value"], t["concept"], t["baseline"]) for t in got] == [
        (15.0, "indicator/so2-emissions", 2015),
        (10.0, "indicator/nox-emissions", 2015),
        (26.0, "indicator/voc-emissions", 2015),
    ]
    water = targets(target_nlp, "化学需氧量、氨氮等主要水污染物排放总量分别减少8%、8%。")
    assert [t["concept"] for t in water] == [
        "indicator/cod-emissions",
        "indicator/ammonia-nitrogen-emissions",
    ]


def test_whether_a_list_of_places_or_pollutants_reads_each_item_whole(target_nlp):
    """CONSTRUCTED in the wording of provincial and municipal air plans: items alike end alike
    (武汉市、襄阳市; 可吸入颗粒物和细颗粒物), 年均 and 平均 keep their 均, a pledge before the
    list (分别不高于) bounds every figure of it, and what a place's item says after the place
    names the indicator, and the place stands for every item."""
    cities = targets(target_nlp, "到2020年，武汉市、襄阳市可吸入颗粒物年均浓度较2012年下降18%。")
    assert [(t["subject"], t["phrase"], t["concept"]) for t in cities] == [
        ("武汉市", "可吸入颗粒物年均浓度", "indicator/pm10-concentration"),
        ("襄阳市", "可吸入颗粒物年均浓度", "indicator/pm10-concentration"),
    ]
    text = (
        "到2021年底，可吸入颗粒物（PM10）和细颗粒物（PM2.5）平均浓度分别不高于53和32微克/立方米。"
    )
    got = targets(target_nlp, text)
    assert [(t["subject"], t["value"], t["unit"], t["comparator"], t["concept"]) for t in got] == [
        ("可吸入颗粒物（PM10）", 53.0, "微克/立方米", "≤", "indicator/pm10-concentration"),
        ("细颗粒物（PM2.5）", 32.0, "微克/立方米", "≤", "indicator/pm25-concentration"),
    ]
    text = "到2021年底，桂平市可吸入颗粒物（PM10）和细颗粒物（PM2.5）平均浓度分别不高于53和32微克/立方米。"
    # the place the first item opens with is the whole list's
    assert [(t["concept"], t.get("region")) for t in targets(target_nlp, text)] == [
        ("indicator/pm10-concentration", "region/450881"),
        ("indicator/pm25-concentration", "region/450881"),
    ]


def test_whether_blue_sky_indicators_keep_their_scope_qualifiers(target_nlp):
    got = targets(target_nlp, SKY)[2:]
    assert [(t["concept"], t["scope"], t.get("region")) for t in got] == [
        ("indicator/pm25-concentration", "未达标地级及以上城市", None),
        ("indicator/good-air-days-ratio", "地级及以上城市", None),
        ("indicator/heavy-pollution-days-ratio", None, None),
    ]
    assert got[0]["phrase"] == "PM2.5未达标地级及以上城市浓度"


def test_whether_a_bracketed_short_name_and_a_mean_word_are_not_scope(target_nlp):
    got = targets(target_nlp, CITY_PM25)
    assert [(t["concept"], t["scope"], t["value"]) for t in got] == [
        ("indicator/pm25-concentration", "全市", 32.0),
        ("indicator/good-air-days-ratio", None, 85.0),
    ]


def test_whether_a_bracket_listing_classes_is_one_indicator_and_striving_is_no_part_of_it(
    target_nlp,
):
    got = targets(target_nlp, GOALS_2025)
    assert [(t["value"], t.get("concept"), t["phrase"], t["scope"]) for t in got] == [
        (85.0, "indicator/surface-water-good-ratio", "地表水Ⅰ—Ⅲ类水体比例", None),
        (79.0, "indicator/coastal-water-good-ratio", "近岸海域水质优良（一、二类）比例", None),
        (70.0, "indicator/urban-sewage-collection-rate", "城市生活污水集中收集率", None),
    ]


def test_whether_the_fourteenth_plans_newer_indicators_are_known(target_nlp):
    # CONSTRUCTED in the wording of the 14th five-year plans' indicator lists
    text = "到2025年，农村生活污水治理率达到40%，大陆自然岸线保有率不低于35%，水土保持率提高到73%。"
    assert [t.get("concept") for t in targets(target_nlp, text)] == [
        "indicator/rural-sewage-treatment-rate",
        "indicator/natural-coastline-rate",
        "indicator/soil-water-conservation-rate",
    ]


def test_whether_regional_targets_of_the_2013_air_plan_each_get_region_baseline_and_year(
    target_nlp,
):
    got = targets(target_nlp, AIR_2013)
    assert [(t["text"], t["value"], t["comparator"], t["subject"]) for t in got[1:4]] == [
        ("25%", 25.0, "≈", "京津冀"),
        ("20%", 20.0, "≈", "长三角"),
        ("15%左右", 15.0, "≈", "珠三角"),
    ]
    assert [t["region"] for t in got[1:4]] == [
        "region/beijing-tianjin-hebei", "region/yangtze-river-delta", "region/pearl-river-delta",
    ]  # fmt: skip
    # the baseline stated for the first change of the sentence (比2012年) carries to the rest
    assert {(t["direction"], t["year"], t["baseline"], t["concept"]) for t in got[1:4]} == {
        ("decrease", 2017, 2012, "indicator/pm25-concentration")
    }
    assert facts(got[0]) == (32, 37, "10%以上", 10.0, "%", "≥", "decrease", 2012, 2017)
    assert (got[0]["concept"], got[0]["scope"]) == (
        "indicator/pm10-concentration", "全国地级及以上城市",
    )  # fmt: skip
    beijing = got[4]
    assert facts(beijing) == (
        101, 111, "60微克/立方米左右", 60.0, "微克/立方米", "≈", "reach", None, 2017,
    )  # fmt: skip
    assert (beijing["concept"], beijing["region"], beijing["region_code"], beijing["scope"]) == (
        "indicator/pm25-concentration", "region/110000", "110000", None,
    )  # fmt: skip


def test_whether_a_target_for_a_list_as_a_whole_is_one_target(target_nlp):
    # CONSTRUCTED in the wording of 《水污染防治行动计划》 (国发〔2015〕17号): 总体 says the share
    # is the seven basins' together, not each basin's
    text = "到2020年，长江、黄河、珠江、松花江、淮河、海河、辽河等七大重点流域水质优良（达到或优于Ⅲ类）比例总体达到70%以上。"
    got = targets(target_nlp, text)
    assert [(t["text"], t["value"], t["year"], t.get("region")) for t in got] == [
        ("70%以上", 70.0, 2020, None)
    ]
    assert got[0]["concept"] == "indicator/surface-water-good-ratio"
    assert got[0]["scope"].startswith("长江、黄河") and got[0]["scope"].endswith("重点流域总体")


def test_whether_a_change_in_the_next_clause_is_on_the_same_indicator(target_nlp):
    # CONSTRUCTED in the wording of cities' blue-sky plans (2018): the level, then the change
    # against 2015 of the same concentration, with nothing measured named again
    text = (
        "到2020年，全市细颗粒物（PM2.5）年均浓度控制在45微克/立方米以下，较2015年下降20%以上；"
        "空气质量优良天数比例达到80%以上。"
    )
    got = targets(target_nlp, text)
    assert [(t["text"], t["direction"], t.get("baseline"), t.get("concept")) for t in got] == [
        ("45微克/立方米以下", "reach", None, "indicator/pm25-concentration"),
        ("20%以上", "decrease", 2015, "indicator/pm25-concentration"),
        ("80%以上", "reach", None, "indicator/good-air-days-ratio"),
    ]
    assert got[1]["phrase"] == got[0]["phrase"] and got[1]["scope"] == "全市"
    # a clause that names what it measures keeps its own (化学需氧量, then 氨氮)
    cod = targets(target_nlp, "到2020年，化学需氧量排放总量比2015年下降10%，氨氮排放总量下降10%。")
    assert [t["phrase"] for t in cod] == ["化学需氧量排放总量", "氨氮排放总量"]


def test_whether_a_share_named_by_what_it_counts_is_that_share(target_nlp):
    # CONSTRUCTED in the wording of the 2015 water plan: a level in % (or a change in 个百分点)
    # of a thing counted (黑臭水体, 劣Ⅴ类水体) is its share, though 比例 is not written
    (black,) = targets(target_nlp, "到2020年，地级及以上城市建成区黑臭水体均控制在10%以内。")
    assert (black["concept"], black["comparator"], black["year"], black["scope"]) == (
        "indicator/black-odorous-water-ratio",
        "≤",
        2020,
        "地级及以上城市",
    )
    (worst,) = targets(target_nlp, "全省劣Ⅴ类水体下降5个百分点。")
    assert (worst["concept"], worst["direction"]) == (
        "indicator/surface-water-worst-ratio",
        "decrease",
    )
    # the water plan's own wording of that share, with its monitoring sections (断面)
    (lost,) = targets(
        target_nlp, "京津冀区域丧失使用功能（劣于Ⅴ类）的水体断面比例下降15个百分点左右。"
    )
    assert lost["concept"] == "indicator/surface-water-worst-ratio"
    assert lost["region"] == "region/beijing-tianjin-hebei"
    # the share eliminated (the fourteenth plans' indicator) is the complement, not the same one
    (gone,) = targets(target_nlp, "到2025年，县级城市建成区黑臭水体消除比例达到90%。")
    assert (gone["concept"], gone["scope"]) == (
        "indicator/black-odorous-water-elimination-ratio",
        "县级城市",
    )
    # a count, or a change in % of an amount, is no share
    (count,) = targets(target_nlp, "2017年底前，完成黑臭水体治理120个。")
    assert count.get("concept") is None
    (amount,) = targets(target_nlp, "全市黑臭水体下降10%。")
    assert amount.get("concept") is None


def test_whether_the_farmland_rates_of_the_soil_and_agriculture_plans_are_indicators(target_nlp):
    # CONSTRUCTED in the wording of the 2016 soil plan and the agricultural pollution plans
    text = (
        "到2020年，测土配方施肥技术推广覆盖率提高到90%以上，化肥利用率提高到40%以上。"
        "到2025年，畜禽粪污综合利用率达到80%以上，秸秆综合利用率稳定在86%以上，农膜回收率达到85%。"
    )
    assert [(t["concept"], t["value"], t["year"]) for t in targets(target_nlp, text)] == [
        ("indicator/soil-testing-fertilisation-coverage", 90.0, 2020),
        ("indicator/fertiliser-use-efficiency", 40.0, 2020),
        ("indicator/manure-utilisation-rate", 80.0, 2025),
        ("indicator/straw-utilisation-rate", 86.0, 2025),
        ("indicator/farm-film-recovery-rate", 85.0, 2025),
    ]


def test_whether_a_year_opening_the_clause_dates_its_target(target_nlp):
    # CONSTRUCTED in the wording of the 2016 soil plan (国发〔2016〕31号): 2020年 is when the
    # emissions are to be 10% below 2013's, not part of what is measured
    (got,) = targets(target_nlp, "2020年重点行业的重点重金属排放量要比2013年下降10%。")
    assert (got["year"], got["baseline"], got["direction"]) == (2020, 2013, "decrease")
    assert got["concept"] == "indicator/heavy-metal-emissions"
    assert "2020" not in got["phrase"] and "2020" not in got["scope"]
    (end,) = targets(target_nlp, "2020年底重点行业的重点重金属排放量要比2013年下降10%。")
    assert (end["year"], end["phrase"]) == (2020, got["phrase"])
    # a span of years ends at its last; a year's figure without a verb is no target
    (planted,) = targets(target_nlp, "2016年至2020年，新增造林面积100万亩。")
    assert planted["year"] == 2020
    assert targets(target_nlp, "2015年全国地表水优良比例为66%。") == []


def test_whether_a_comparison_after_an_indicator_with_a_verb_in_its_name_reads_it_whole(
    target_nlp,
):
    # CONSTRUCTED in the wording of the 2015 water plan: 达到 inside the indicator's name is no
    # verb of the target; 高于 is
    text = "到2020年，地级及以上城市集中式饮用水水源水质达到或优于Ⅲ类比例总体高于93%。"
    (got,) = targets(target_nlp, text)
    assert (got["text"], got["value"], got["comparator"], got["year"]) == (
        "高于93%",
        93.0,
        "≥",
        2020,
    )
    assert got["concept"] == "indicator/drinking-water-source-ratio"
    assert got["scope"] == "地级及以上城市总体"


def test_whether_a_fenbie_list_of_four_pollutants_gives_four_binding_targets(target_nlp):
    # CONSTRUCTED: the total-emission targets of the 13th five-year plan, as its text words them.
    text = "“十三五”期间，全国化学需氧量、氨氮、二氧化硫、氮氧化物排放总量分别下降10%、10%、15%和15%，均为约束性指标。"
    got = targets(target_nlp, text)
    assert [(t["value"], t["concept"], t["year"], t["binding"]) for t in got] == [
        (10.0, "indicator/cod-emissions", 2020, True),
        (10.0, "indicator/ammonia-nitrogen-emissions", 2020, True),
        (15.0, "indicator/so2-emissions", 2020, True),
        (15.0, "indicator/nox-emissions", 2020, True),
    ]
    assert got[0]["scope"] == "全国"


def test_whether_a_fenbie_list_whose_first_item_is_longer_shares_the_right_head(target_nlp):
    # CONSTRUCTED in the wording of the 14th five-year plan's water targets: 化学需氧量 is two
    # words to jieba and 氨氮 one, so counting words would give 氨氮排放 and 总量
    got = targets(target_nlp, "到2025年，化学需氧量、氨氮排放总量分别下降8%、8%。")
    assert [(t["value"], t["concept"], t["subject"]) for t in got] == [
        (8.0, "indicator/cod-emissions", "化学需氧量"),
        (8.0, "indicator/ammonia-nitrogen-emissions", "氨氮"),
    ]


def test_whether_binding_and_expected_are_read_where_the_text_says_so(target_nlp):
    # CONSTRUCTED: indicator-table wording, 属性 given after each value.
    got = targets(
        target_nlp, "到2020年，森林覆盖率达到23.04%（约束性），草原综合植被盖度达到56%（预期性）。"
    )
    assert [(t["concept"], t["binding"]) for t in got] == [
        ("indicator/forest-coverage", True),
        ("indicator/grassland-vegetation-cover", False),
    ]
    assert {t["binding"] for t in targets(target_nlp, FOREST)} == {None}


def test_whether_a_level_to_hold_is_kept_not_reached(target_nlp):
    quote = "到 2020 年，全国自然保护区陆地面积占我国陆地国土面积的比例稳定在 15%左右"
    (t, _) = targets(
        target_nlp, quote + "，国家重点保护野生动植物种类和典型生态系统类型得到保护的占 90%以上。"
    )
    assert (t["direction"], t["comparator"], t["concept"], t["scope"]) == (
        "keep", "≈", "indicator/nature-reserve-land-share", "全国",
    )  # fmt: skip
    assert quote.replace(" ", "") in joined(PLAN).replace(" ", "")


def test_whether_targets_read_the_deadlines_the_deadline_component_found():
    bare = blank_zh()
    bare.add_pipe("policykg_targets")
    # without the deadline component no deadline governs the output clauses of 到2020年，…
    assert found(bare(WOOD), "targets") == []
    with_deadlines = blank_zh()
    with_deadlines.add_pipe("policykg_deadlines", config={"spans_key": "when"})
    with_deadlines.add_pipe("policykg_targets", config={"deadlines_key": "when"})
    assert [t["year"] for t in found(with_deadlines(WOOD), "targets")] == [2020, 2020]


def test_whether_this_year_resolves_from_the_document_date(nlp):
    from policykg.extract.pipeline import analyse_text

    full = nlp  # the whole pipeline, as a build runs it
    text = "一、工作目标\n年内，全市空气质量优良天数比率达到80%以上。\n"
    doc = analyse_text(text, "notice", full, {"date": "2018-06-27"})
    (t,) = [m for u in doc.units for m in u.mentions if m.type == "target"]
    assert (t.attrs["year"], t.concept) == (2018, "indicator/good-air-days-ratio")
    undated = analyse_text(text, "notice", full, {})
    (t,) = [m for u in undated.units for m in u.mentions if m.type == "target"]
    assert t.attrs["year"] is None


# fmt: off
@pytest.mark.parametrize("text", [SLOPE, TAILINGS, DEMO, BOX, EFFORT, "依照第3条规定", "国发〔2016〕65号",
                                  "到2020年，应当在3个月内完成", "PM2.5和O3协同控制"])
# fmt: on
def test_whether_ranges_scope_counts_durations_and_codes_are_not_targets(target_nlp, text):
    assert targets(target_nlp, text) == []


# fmt: off
@pytest.mark.parametrize(("text", "span", "value", "unit", "comparator", "direction"), [
    ("用汞量减少５０％", "５０％", 50.0, "%", "=", "decrease"),
    ("PM2.5浓度不超过35微克/立方米", "不超过35微克/立方米", 35.0, "微克/立方米", "≤", "reach"),
    ("优良天数比率不低于80%", "不低于80%", 80.0, "%", "≥", "reach"),
    ("煤炭消费比重下降到58%以下", "58%以下", 58.0, "%", "≤", "reach"),
    ("单位GDP能耗下降三个百分点", "三个百分点", 3.0, "个百分点", "=", "decrease"),
    ("产值提高一倍", "一倍", 1.0, "倍", "=", "increase"),
    ("排放总量控制在 500 万吨以内", "500 万吨以内", 500.0, "万吨", "≤", "reach"),
    ("煤炭消费总量控制在42亿吨", "42亿吨", 42.0, "亿吨", "≤", "reach"),
    ("湿地面积保持在8亿亩", "8亿亩", 8.0, "亿亩", "=", "keep"),
    # a bound stated as a prohibition: 不得超过 is at most, not "more than"
    ("排放总量不得超过100万吨", "不得超过100万吨", 100.0, "万吨", "≤", "reach"),
    ("清洁能源比重不应低于60%", "不应低于60%", 60.0, "%", "≥", "reach"),
    # laws write their floors and caps in Chinese numerals
    ("奖励比例不低于百分之七十", "不低于百分之七十", 70.0, "%", "≥", "reach"),
    ("专项资金不得少于三百万元", "不得少于三百万元", 300.0, "万元", "≥", "reach"),
    ("比例不超过千分之一点五", "不超过千分之一点五", 1.5, "‰", "≤", "reach"),
    # a concentration or a flow spelled out with 每 is the unit written with a slash
    ("年均浓度控制在29微克每立方米以下", "29微克每立方米以下", 29.0, "微克/立方米", "≤", "reach"),
    ("化学需氧量浓度不超过5毫克每升", "不超过5毫克每升", 5.0, "毫克/升", "≤", "reach"),
    ("生态流量不低于10立方米每秒", "不低于10立方米每秒", 10.0, "立方米/秒", "≥", "reach"),
])
# fmt: on
def test_whether_units_comparators_and_directions_are_normalised(
    target_nlp, text, span, value, unit, comparator, direction
):
    (t,) = targets(target_nlp, text)
    assert (t["text"], t["value"], t["unit"], t["comparator"], t["direction"]) == (
        span, value, unit, comparator, direction,
    )  # fmt: skip
    assert text[t["start"] : t["end"]] == span


def test_whether_unitless_list_items_take_the_unit_of_the_last(target_nlp):
    got = targets(target_nlp, "分别下降25、20、15个百分点")
    assert [(t["text"], t["value"], t["unit"]) for t in got] == [
        ("25", 25.0, "个百分点"),
        ("20", 20.0, "个百分点"),
        ("15个百分点", 15.0, "个百分点"),
    ]


def test_whether_a_standalone_baseline_governs_its_sentence(target_nlp):
    got = targets(target_nlp, "与2015年相比，PM2.5浓度下降18%，优良天数比率达到80%。浓度下降5%")
    assert [(t["value"], t["baseline"]) for t in got] == [(18.0, 2015), (80.0, None), (5.0, None)]


def test_whether_the_primary_document_yields_all_its_targets():
    text = joined(PRIMARY)
    found_ = find_targets(text, find_deadlines(text), indicators=Indicators(load_terms("indicators.ttl")))
    got = [(t.text, t.value, t.unit, t.year) for t in found_]
    assert got == [
        ("50%", 50.0, "%", 2020),
        ("15%左右", 15.0, "%", 2020),
        ("90%以上", 90.0, "%", 2020),
        ("31230 万公顷", 31230.0, "万公顷", 2020),
        ("45%", 45.0, "%", 2020),
        ("95 立方米/公顷", 95.0, "立方米/公顷", 2020),
        ("95亿吨", 95.0, "亿吨", 2020),
        ("3000 万公顷", 3000.0, "万公顷", 2020),
        ("1400 万公顷", 1400.0, "万公顷", 2020),
        ("9500 万立方米以上", 9500.0, "万立方米", 2020),
        ("10 个", 10.0, "个", 2020),
        ("100个", 100.0, "个", 2020),
        ("1000 个", 1000.0, "个", 2020),
        ("14.6 平方米", 14.6, "平方米", 2020),
        ("38.9%", 38.9, "%", 2020),
        ("20 个左右", 20.0, "个", 2020),
    ]


def test_whether_spans_are_recorded_under_the_configured_key():
    nlp = blank_zh()
    nlp.add_pipe("policykg_targets", config={"spans_key": "goals"})
    doc = nlp(HG)
    (span,) = doc.spans["goals"]
    assert span.label_ == "target"
    assert span.start_char <= 59 and span.end_char >= 62
    assert span._.policykg["text"] == "50%"


def test_whether_a_regulations_floors_and_caps_are_targets_without_a_goal(nlp):
    """A local regulation's floors and caps in Chinese numerals are targets with the bound as
    written (不得高于 is at most); a rule that stands with no year to reach it is no
    goal-planning instrument, and penalty ranges (处…以上…以下的罚款) are no target."""
    from policykg.extract.pipeline import analyse_file

    path = CORPUS / "local-regulations" / "石柱土家族自治县西沱国家历史文化名镇保护条例(2013-10-08).md"
    doc = analyse_file(path, nlp)
    found_ = {
        (u.number, m.text, m.attrs["value"], m.attrs["unit"], m.attrs["comparator"])
        for u in doc.units
        for m in u.mentions
        if m.type == "target"
    }
    assert {
        (6, "不得少于三百万元", 300.0, "万元", "≥"),
        (11, "不得高于六米", 6.0, "米", "≤"),
        (13, "不得高于十二米", 12.0, "米", "≤"),
    } <= found_
    assert all(m.attrs.get("year") is None for u in doc.units for m in u.mentions if m.type == "target")
    cues = [m.attrs["cues"] for u in doc.units for m in u.mentions if m.type == "instrument"]
    assert cues and not any("target" in c for c in cues)
    penalties = [u for u in doc.units if "罚款" in u.text]
    assert penalties and not any(m.type == "target" for u in penalties for m in u.mentions)


def test_a_share_of_a_named_whole_is_a_target_that_quotes_the_whole(nlp):
    """重庆市招标投标条例 caps a deposit at a share of what it secures (投标保证金不得超过招标项目
    估算价的百分之二): the span quotes the whole, the value is the share, and the phrase is what
    is capped, without the conjunction or the article's number before it."""
    from policykg.extract.pipeline import analyse_file

    def shares(stem: str) -> set[tuple]:
        (path,) = (CORPUS / "local-regulations").glob(f"{stem}*.md")
        return {
            (u.number, m.text, m.attrs["value"], m.attrs["unit"], m.attrs["comparator"], m.attrs["phrase"])
            for u in analyse_file(path, nlp).units
            for m in u.mentions
            if m.type == "target" and m.attrs["unit"] == "%"
        }

    assert shares("重庆市招标投标条例") == {
        (10, "不超过原合同金额百分之十", 10.0, "%", "≤", "追加金额"),
        (16, "不得超过招标项目估算价的百分之二", 2.0, "%", "≤", "投标保证金"),
        (36, "不得超过中标合同金额的百分之十", 10.0, "%", "≤", "履约保证金"),
    }
    (indoor,) = [t for t in shares("深圳经济特区绿色建筑条例") if t[0] == 34]
    assert indoor[1:] == (
        "不高于国家室内空气质量标准规定限值的百分之八十", 80.0, "%", "≤", "新建民用建筑室内主要空气污染物浓度"
    )


# CONSTRUCTED: a five-year plan's review of the period before it, as 十三五 plans word it.
REVIEW = "2015年，全国地级及以上城市空气质量优良天数比例达到76.7%。"
AS_OF = "截至2015年底，全国森林覆盖率达到21.66%。"


@pytest.mark.parametrize("text", [REVIEW, AS_OF])
def test_a_figure_for_a_year_before_the_documents_is_an_achievement_not_a_target(target_nlp, text):
    doc = target_nlp.make_doc(text)
    doc.user_data["base_year"] = 2016  # a plan issued in 2016 reviews 2015
    assert found(target_nlp(doc), "targets") == []
    ahead = target_nlp.make_doc(text.replace("2015", "2020"))
    ahead.user_data["base_year"] = 2016  # the same words for a year ahead set a target
    assert [t["year"] for t in found(target_nlp(ahead), "targets")] == [2020]


def test_a_deadline_after_a_review_year_dates_the_figure_after_it(target_nlp):
    """2015年，…76.7%，到2020年达到80%: the review's figure is what was, the one 到2020年 dates
    is the plan's target (CONSTRUCTED, in the wording of REVIEW)."""
    doc = target_nlp.make_doc(REVIEW.removesuffix("。") + "，到2020年达到80%。")
    doc.user_data["base_year"] = 2016
    assert [(t["text"], t["year"]) for t in found(target_nlp(doc), "targets")] == [("80%", 2020)]


# CONSTRUCTED: fines and the figure of a duty's subject in Arabic numerals, as municipal rules
# (规章) and notices write them; the bundled regulations write fines in Chinese numerals with no
# pledge before the amount (处一万元以上十万元以下罚款), which no rule reads as a target.
FINES = [
    "违反本办法规定的，由生态环境主管部门责令改正，处不超过10万元的罚款。",
    "违反本办法规定的，处1000元以上1万元以下的罚款；情节严重的，处不低于5万元的罚款。",
    "对违法企业处以不超过10万元罚款。",
    "违反规定排放的，罚款不少于5万元。",
    "到2020年，完成燃煤锅炉淘汰任务，对逾期未完成的企业处10万元以上100万元以下罚款。",
    "建筑面积达到2万平方米以上的新建项目，应当配套建设中水设施。",
]


@pytest.mark.parametrize("text", FINES)
def test_a_fine_or_the_figure_of_a_duty_s_subject_is_no_target(target_nlp, text):
    assert targets(target_nlp, text) == []


def test_a_count_qualifying_its_noun_stays_a_target_when_no_duty_follows(target_nlp):
    """供应 holds the 应 of a duty's modal: the count of an output is still a target, and its
    phrase is the noun after it without the 的 (CONSTRUCTED, in the wording of SAND)."""
    got = targets(target_nlp, "到2025年，建成100个以上的冷链物流供应基地。")
    assert [(t["text"], t["year"], t["phrase"]) for t in got] == [
        ("100个以上", 2025, "冷链物流供应基地")
    ]


def test_a_floor_of_funds_stays_a_target_beside_a_fine(target_nlp):
    """The money a plan or a rule commits is a target; the fine in the next clause is not."""
    text = "到2020年，全省用于大气污染防治的资金不少于100亿元；挪用资金的，处不超过10万元的罚款。"
    assert [(t["text"], t["comparator"], t["year"]) for t in targets(target_nlp, text)] == [
        ("不少于100亿元", "≥", 2020)
    ]


# -- rows of a table of indicators, as the readers label their cells (CONSTRUCTED rows) --------


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (  # a unit column, a number column, a cap
            "序号：3；指标名称：地级及以上城市细颗粒物（PM2.5）平均浓度；单位：微克/立方米；"
            "2020年：33；2025年：≤30；指标属性：约束性",
            ("≤30", 30.0, "微克/立方米", "≤", "reach", None, 2025, True, "indicator/pm25-concentration"),
        ),
        (  # the value at the later of two target years, 以上 after it
            "指标：城市生活污水集中收集率（%）；2020年：64.8；2025年：70以上；2035年：85以上；属性：预期性",
            ("85以上", 85.0, "%", "≥", "reach", None, 2035, False, "indicator/urban-sewage-collection-rate"),
        ),
        (  # a bracketed five-year total, a decrease from the first year
            "指标：单位国内生产总值能源消耗降低（%）；2020年：—；2025年：〔13.5〕；属性：约束性",
            ("13.5", 13.5, "%", "=", "decrease", 2020, 2025, True, "indicator/energy-intensity"),
        ),
        (  # the cell writes its unit, under a column headed by the year's target
            "序号：1；指标：受污染耕地安全利用率；2020年目标：90%左右；属性：约束性",
            ("90%左右", 90.0, "%", "≈", "reach", None, 2020, True,
             "indicator/contaminated-farmland-safe-use-rate"),
        ),
        (  # a full-width sign alone after the figure: quoted with it, read as %
            "指标：森林覆盖率；2020年目标：23％；属性：约束性",
            ("23％", 23.0, "%", "=", "reach", None, 2020, True, "indicator/forest-coverage"),
        ),
    ],
)
def test_a_row_of_an_indicator_table_sets_the_target_under_its_latest_year(target_nlp, row, expected):
    (t,) = targets(target_nlp, row)
    got = (t["text"], t["value"], t["unit"], t["comparator"], t["direction"], t["baseline"],
           t["year"], t["binding"], t["concept"])  # fmt: skip
    assert got == expected
    assert row[t["start"] : t["end"]] == t["text"]


@pytest.mark.parametrize(
    "row",
    [
        "序号：1；工作任务：完成钢铁企业超低排放改造；牵头单位：市生态环境局；完成时限：2024年底前",
        "指标：森林覆盖率（%）；2020年：—；2025年：—；属性：约束性",  # no figure yet
        "年度：2023年；2023年：完成燃煤锅炉淘汰；2024年：完成验收",  # tasks under the years
    ],
)
def test_a_row_without_a_figure_under_a_year_sets_no_target(target_nlp, row):
    assert targets(target_nlp, row) == []
