"""The region component on real policy sentences: exact offsets, GB/T 2260 codes, gazetteer ids.

Sentences are quoted from the corpus with line breaks joined, as layout repair leaves them;
``test_whether_quoted_sentences_are_real`` checks every quote against the corpus files.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from policykg.extract.spans import found
from tests.conftest import CORPUS, PLAN, ROOT, blank_zh

PRIMARY = PLAN

BOX = "泰州靖江市（电镀行业综合整治）、温州平阳县（产业入园升级与综合整治）、湖州长兴县（铅蓄电池行业综合整治）、济源市（重金属综合治理与环境监测）、黄石大冶市及周边地区（铜冶炼治理与历史遗留污染整治）、湘潭竹埠港及周边地区（历史遗留污染治理）"
BASINS = "黔南独山县都柳江流域（锑）、怒江兰坪县沘江流域（铅、镉）、陇南徽县永宁河流域（铅、砷）。"
MANGANESE = "建立“锰三角”（锰矿开采和生产过程中存在严重环境污染问题的重庆市秀山县、湖南省花垣县、贵州省松桃县三个县）综合防控协调机制，统一制定综合整治规划。"
DEMO = "在江苏靖江市、浙江平阳县等 16 个重点区域和江西大余县浮江河流域等 8 个流域开展重金属污染综合整治示范"
THALLIUM = (
    "组织开展金属矿采选冶炼、钢铁等典型行业和贵州黔西南布依族苗族自治州等典型地区铊污染排放调查"
)
BOX_END = "渭南潼关县（有色行业综合整治）、金昌市金川区（产业升级与历史遗留综合整治）。"
BASINS_2 = "三门峡灵宝市宏农涧河流域（镉、汞）、荆门钟祥市利河—南泉河流域（砷）、韶关大宝山矿区横石水流域（镉）、河池市南丹县刁江流域（砷、镉）、"
XIANG = "加快湘江等流域、区域突出问题综合整治，“十三五”期间，争取 20 个左右地区退出重点区域。"
SHELTER = "建设青藏高原生态安全屏障，推进青藏高原区域生态建设与环境保护"
SPECIES = "开展长江经济带及重点流域人工种群野化放归试点示范"
COMPENSATION = "推动在京津冀水源涵养区、广西广东九洲江、福建广东汀江—韩江、江西广东东江、云南贵州广西广东西江等开展跨地区生态保护补偿试点。"
HAZARD = "合理配置危险废物安全处置能力。各省（区、市）应组织开展危险废物产生、利用处置能力和设施运行情况评估"
FTZ_JJJ = "支持北京、天津、河北自贸试验区参与碳排放权、排污权交易市场建设，开展生态环境治理合作，服务京津冀协同发展。"
FTZ_REGIONS = "上海等东部地区自贸试验区加快推进工业产品生态设计和绿色制造研发应用，推广先进、适用的绿色生产技术和装备，推动生产原辅料、能源的绿色替代。湖北等中西部地区、辽宁等东北地区自贸试验区推进传统优势产业的跨区域兼并重组"
SKY = "以京津冀及周边地区、长三角地区、汾渭平原等区域（以下称重点区域）为重点"
KARST = "以“一片两江”（滇桂黔石漠化片区和长江、珠江）岩溶地区为重点，开展石漠化综合治理。"

QUOTES = {
    "plan-2016-eco-env-protection-excerpt.txt": [
        BOX,
        BASINS,
        MANGANESE,
        DEMO,
        THALLIUM,
        BOX_END,
        BASINS_2,
        XIANG,
        SHELTER,
        SPECIES,
        COMPENSATION,
        HAZARD,
        KARST,
    ],
    "guideline-ftz-eco-2021.txt": [FTZ_JJJ, FTZ_REGIONS],
    "plan-2018-blue-sky-excerpt.txt": [SKY],
}


@pytest.fixture(scope="module")
def nlp():
    """A blank Chinese pipeline with only the region component, built once for this module."""
    import policykg.extract.regions  # noqa: F401  (registers the factory)
    from policykg.graph.vocabularies import load_terms

    nlp = blank_zh()
    nlp.add_pipe("policykg_regions", config={"terms": list(load_terms("gazetteer.ttl"))})
    return nlp


@pytest.fixture(scope="module")
def gazetteer() -> tuple[dict, ...]:
    from policykg.graph.vocabularies import load_terms

    return load_terms("gazetteer.ttl")


def places(nlp, text: str) -> list[dict]:
    return found(nlp(text), "regions")


def ids(nlp, text: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, text, code or gazetteer id) of every place in ``text``."""
    return [(p["start"], p["end"], p["text"], p["code"] or p["concept"]) for p in places(nlp, text)]


def at(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def joined(path: Path) -> str:
    return "".join(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize(("name", "quotes"), sorted(QUOTES.items()))
def test_whether_quoted_sentences_are_real(name, quotes):
    path = PRIMARY if PRIMARY.name == name and PRIMARY.exists() else CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} is not here")
    text = joined(path)
    for quote in quotes:
        assert quote in text


def test_whether_box_short_forms_are_one_mention_each_resolved_to_the_county(nlp):
    assert ids(nlp, BOX) == [
        (*at(BOX, "泰州靖江市"), "泰州靖江市", "321282"),
        (*at(BOX, "温州平阳县"), "温州平阳县", "330326"),
        (*at(BOX, "湖州长兴县"), "湖州长兴县", "330522"),
        (*at(BOX, "济源市"), "济源市", "419001"),
        (*at(BOX, "黄石大冶市"), "黄石大冶市", "420281"),
        (*at(BOX, "湘潭"), "湘潭", "430300"),
    ]


# fmt: off
@pytest.mark.parametrize(("text", "phrase", "code", "label", "level", "city", "province"), [
    (BOX, "泰州靖江市", "321282", "靖江市", "county", "321200", "320000"),
    (BOX, "湘潭", "430300", "湘潭市", "city", "430300", "430000"),
    (BOX, "济源市", "419001", "济源市", "county", None, "410000"),
    (BASINS, "黔南独山县", "522726", "独山县", "county", "522700", "520000"),
    (BASINS, "怒江兰坪县", "533325", "兰坪白族普米族自治县", "county", "533300", "530000"),
    (BASINS, "陇南徽县", "621227", "徽县", "county", "621200", "620000"),
    (MANGANESE, "重庆市秀山县", "500241", "秀山土家族苗族自治县", "county", None, "500000"),
    (MANGANESE, "湖南省花垣县", "433124", "花垣县", "county", "433100", "430000"),
    (MANGANESE, "贵州省松桃县", "520628", "松桃苗族自治县", "county", "520600", "520000"),
    (DEMO, "江苏靖江市", "321282", "靖江市", "county", "321200", "320000"),
    (DEMO, "浙江平阳县", "330326", "平阳县", "county", "330300", "330000"),
    (DEMO, "江西大余县", "360723", "大余县", "county", "360700", "360000"),
    (THALLIUM, "贵州黔西南布依族苗族自治州", "522300", "黔西南布依族苗族自治州", "city", "522300", "520000"),
    (BASINS_2, "河池市南丹县", "451221", "南丹县", "county", "451200", "450000"),
    (BOX_END, "金昌市金川区", "620302", "金川区", "county", "620300", "620000"),
    ("重庆秀山县（电解锰行业综合治理）", "重庆秀山县", "500241", "秀山土家族苗族自治县", "county", None, "500000"),
])
# fmt: on
def test_whether_a_division_is_resolved_with_its_city_and_province(
    nlp, text, phrase, code, label, level, city, province
):
    start, end = at(text, phrase)
    place = next(p for p in places(nlp, text) if p["start"] == start)
    assert (place["end"], place["text"]) == (end, phrase)
    assert place["code"] == code
    assert place["concept"] == f"region/{code}"
    assert place["label"] == label
    assert (place["level"], place["city"], place["province"], place["covers"]) == (
        level,
        city,
        province,
        None,
    )


def test_whether_the_manganese_triangle_yields_three_counties_and_nothing_else(nlp):
    assert [p["code"] for p in places(nlp, MANGANESE)] == ["500241", "433124", "520628"]


def test_whether_a_mine_or_river_after_a_city_leaves_just_the_city(nlp):
    # 大宝山矿区: 宝山 (宝山区, Shanghai) and 矿区 (a district name) are not read as divisions
    assert ids(nlp, BASINS_2) == [
        (*at(BASINS_2, "三门峡灵宝市"), "三门峡灵宝市", "411282"),
        (*at(BASINS_2, "荆门钟祥市"), "荆门钟祥市", "420881"),
        (*at(BASINS_2, "韶关"), "韶关", "440200"),
        (*at(BASINS_2, "河池市南丹县"), "河池市南丹县", "451221"),
    ]


def test_whether_a_non_division_after_a_city_leaves_just_the_city(nlp):
    # 竹埠港 is a place in 湘潭 but not a division: the mention is 湘潭 alone
    assert ids(nlp, "湘潭竹埠港及周边地区") == [(0, 2, "湘潭", "430300")]


def test_whether_gazetteer_regions_win_over_the_shorter_names_inside_them(nlp):
    assert ids(nlp, SPECIES) == [(*at(SPECIES, "长江经济带"), "长江经济带", "region/yangtze-river-economic-belt")]
    second = SHELTER.index("青藏高原", 6)
    assert ids(nlp, SHELTER) == [
        (2, 6, "青藏高原", "region/qinghai-tibet-plateau"),
        (second, second + 4, "青藏高原", "region/qinghai-tibet-plateau"),  # not 青藏高原区域
    ]
    assert ids(nlp, SKY)[:3] == [
        (*at(SKY, "京津冀及周边地区"), "京津冀及周边地区", "region/beijing-tianjin-hebei-and-surroundings"),
        (*at(SKY, "长三角地区"), "长三角地区", "region/yangtze-river-delta"),
        (*at(SKY, "汾渭平原"), "汾渭平原", "region/fenwei-plain"),
    ]


def test_whether_a_gazetteer_mention_carries_the_provinces_it_covers(nlp):
    (xiang,) = places(nlp, XIANG)
    assert (xiang["text"], xiang["concept"], xiang["level"]) == ("湘江", "region/xiang-river", "river")
    assert xiang["covers"] == "430000,450000"
    assert (xiang["code"], xiang["province"], xiang["city"]) == (None, None, None)
    (belt,) = places(nlp, SPECIES)
    assert belt["level"] == "macro-region"
    assert len(belt["covers"].split(",")) == 11


def test_whether_provinces_written_back_to_back_are_separate_mentions(nlp):
    assert [(p["text"], p["code"] or p["concept"]) for p in places(nlp, COMPENSATION)] == [
        ("京津冀", "region/beijing-tianjin-hebei"),
        ("广西", "450000"),
        ("广东", "440000"),
        ("福建", "350000"),
        ("广东", "440000"),
        ("江西", "360000"),
        ("广东", "440000"),
        ("云南", "530000"),
        ("贵州", "520000"),
        ("广西", "450000"),
        ("广东", "440000"),
    ]


def test_whether_the_guideline_names_provinces_and_macro_regions(nlp):
    assert [(p["text"], p["code"] or p["concept"]) for p in places(nlp, FTZ_JJJ)] == [
        ("北京", "110000"),
        ("天津", "120000"),
        ("河北", "130000"),
        ("京津冀", "region/beijing-tianjin-hebei"),
    ]
    assert [(p["text"], p["code"] or p["concept"]) for p in places(nlp, FTZ_REGIONS)] == [
        ("上海", "310000"),
        ("东部地区", "region/eastern-region"),
        ("湖北", "420000"),
        ("中西部地区", "region/central-and-western-regions"),
        ("辽宁", "210000"),
        ("东北地区", "region/northeast-china"),
    ]


def test_whether_generic_words_for_areas_are_not_places(nlp):
    assert places(nlp, HAZARD) == []
    assert places(nlp, "地方、沿海、全国、中央、省级、城市、区域、流域、重点区域和城区、郊区、开发区") == []


# fmt: off
@pytest.mark.parametrize("text", [
    "身穿中山装出席",       # 中山 (中山市) inside a word
    "实现长治久安",         # 长治 (长治市)
    "白山黑水之间",         # 白山 (白山市)
    "唱响东方红",           # 东方 (东方市, a county-level alias)
    "坚持和平发展",         # 和平 (和平区 in Tianjin and Shenyang)
    "发展朝阳行业",         # 朝阳 names a city and two districts
    "实现世界大同",         # 大同 is a common word in jieba's lexicon
    "普通化学课程",         # 通化 across a word boundary
    "推进老城区改造",       # 老城区 (Luoyang) is also a description
    "进京车辆",             # 京 alone is never a place
    "各省（区、市）",
])
# fmt: on
def test_whether_words_containing_a_place_name_are_not_places(nlp, text):
    assert places(nlp, text) == []


# fmt: off
@pytest.mark.parametrize(("text", "names"), [
    # CONSTRUCTED in the wording of provincial plans: the list makes them cities
    ("支持济南、青岛、烟台等市开展试点", ["济南", "青岛", "烟台"]),
    ("支持烟台、潍坊、淄博开展试点", ["烟台", "潍坊", "淄博"]),
    ("支持长治、大同等市加强治理", ["长治", "大同"]),
    ("我们支持长治、大同等市加强治理", ["长治", "大同"]),  # the list after more words
    ("以开封、洛阳为重点", ["开封", "洛阳"]),
])
# fmt: on
def test_whether_city_names_that_are_also_words_count_in_a_list_of_cities(nlp, text, names):
    """烟台, 长治, 大同, 开封 are common words to jieba and not places alone (see above); beside
    another city, or in a list closed by 等市, they are the cities."""
    assert [p["text"] for p in places(nlp, text)] == names
    assert all(p["code"] for p in places(nlp, text))


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    # CONSTRUCTED in the wording of provincial plans: 长沙 and 南昌 also name a county inside
    # the city (长沙县, 南昌县); alone they are the city, as people write them
    ("长沙要制定重金属污染综合防治实施方案", [(0, 2, "长沙", "430100")]),
    ("长沙、株洲、湘潭、衡阳等市要制定实施方案", [
        (0, 2, "长沙", "430100"), (3, 5, "株洲", "430200"), (6, 8, "湘潭", "430300"),
        (9, 11, "衡阳", "430400"),
    ]),
    ("支持南昌、九江开展试点", [(2, 4, "南昌", "360100"), (5, 7, "九江", "360400")]),
    ("在长沙县开展试点", [(1, 4, "长沙县", "430121")]),
    ("湖南省长沙县开展试点", [(0, 6, "湖南省长沙县", "430121")]),
])
# fmt: on
def test_whether_a_city_name_shared_with_a_county_inside_it_is_the_city(nlp, text, expected):
    assert ids(nlp, text) == expected


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    # CONSTRUCTED in the wording of provincial and river-basin plans: the rivers and lakes that
    # national environmental policy names, which are no divisions (沅江 is also a city's name)
    ("湘江流域、资江流域重点区域执行特别排放限值", [
        (0, 4, "湘江流域", "region/xiang-river"), (5, 9, "资江流域", "region/zi-river"),
    ]),
    ("加强赤水河、乌江、岷江、沱江流域保护", [
        (2, 5, "赤水河", "region/chishui-river"), (6, 8, "乌江", "region/wu-river"),
        (9, 11, "岷江", "region/min-river-sichuan"), (12, 16, "沱江流域", "region/tuo-river"),
    ]),
    ("沅江市开展试点，在沅江开展治理", [
        (0, 3, "沅江市", "430981"), (9, 11, "沅江", "region/yuan-river"),
    ]),
    ("推进白洋淀、洱海、丹江口水库水质保护", [
        (2, 5, "白洋淀", "region/baiyangdian"), (6, 8, "洱海", "region/erhai"),
        (9, 14, "丹江口水库", "region/danjiangkou-reservoir"),
    ]),
])
# fmt: on
def test_whether_rivers_and_lakes_of_national_policy_are_places(nlp, text, expected):
    assert ids(nlp, text) == expected


def test_whether_the_yongding_river_is_the_river_not_the_yongding_districts(nlp):
    # 永定 alone names 永定区 in Zhangjiajie and in Longyan; 永定河 is the river of the Hai
    # system that Beijing's and Hebei's plans restore
    assert ids(nlp, "永定河综合治理") == [(0, 3, "永定河", "region/yongding-river")]
    assert ids(nlp, "推进永定河流域生态修复") == [(2, 7, "永定河流域", "region/yongding-river")]


def test_whether_a_name_jieba_glues_to_a_conjunction_before_it_is_found(nlp):
    # jieba writes 和沅江 as one word: the river starts after the conjunction all the same
    assert ids(nlp, "在沅江市和沅江沿岸开展治理") == [
        (1, 4, "沅江市", "430981"), (5, 7, "沅江", "region/yuan-river"),
    ]  # fmt: skip
    # and a conjunction glued to a county's name (和县) still names no county
    assert places(nlp, "市和县（市、区）人民政府") == []


def test_whether_the_city_clusters_of_the_key_air_regions_are_places(nlp):
    # CONSTRUCTED in the wording of the 2012 key-regions air plan's list of ten city clusters
    # and of the 2016 soil plan (在湖南长株潭地区开展…试点)
    text = "辽宁中部、山东、武汉及其周边、长株潭、成渝、海峡西岸、山西中北部、陕西关中、新疆乌鲁木齐城市群"
    assert [concept for _, _, _, concept in ids(nlp, text)] == [
        "region/central-liaoning", "370000", "region/wuhan-city-circle",
        "region/changsha-zhuzhou-xiangtan", "region/chengdu-chongqing", "region/west-strait",
        "region/central-northern-shanxi", "region/guanzhong", "region/urumqi-city-cluster",
    ]  # fmt: skip
    (hunan, cluster) = places(nlp, "在湖南长株潭地区开展重金属污染耕地修复")
    assert (cluster["text"], cluster["covers"]) == ("长株潭地区", "430000")
    # 关中 inside other words is no place
    assert ids(nlp, "有关中央企业要加强监管") == []


def test_whether_zhejiang_west_is_zhejiang_not_jiangxi_or_the_western_region(nlp):
    assert ids(nlp, "浙江西部地区加强保护") == [(0, 2, "浙江", "330000")]


def test_whether_a_name_glued_to_a_common_word_keeps_only_the_name(nlp):
    # jieba reads 上海/市场: 上海市 would end inside 市场
    assert ids(nlp, "上海市场监管") == [(0, 2, "上海", "310000")]


def test_whether_a_county_alias_needs_a_parent_or_a_suffix(nlp):
    assert places(nlp, "靖江开展试点") == []
    assert ids(nlp, "江苏靖江开展试点") == [(0, 4, "江苏靖江", "321282")]
    assert ids(nlp, "靖江市开展试点") == [(0, 3, "靖江市", "321282")]


def test_whether_an_ambiguous_district_is_resolved_by_its_parent(nlp):
    assert ids(nlp, "北京市朝阳区开展试点") == [(0, 6, "北京市朝阳区", "110105")]
    assert ids(nlp, "辽宁省朝阳市开展试点") == [(0, 6, "辽宁省朝阳市", "211300")]
    text = "在北京市海淀区、朝阳区开展试点"
    assert ids(nlp, text) == [(1, 7, "北京市海淀区", "110108"), (8, 11, "朝阳区", "110105")]


def test_whether_a_bare_ambiguous_district_is_kept_without_a_code(nlp):
    (place,) = places(nlp, "朝阳区开展试点。")
    assert (place["start"], place["end"], place["label"]) == (0, 3, "朝阳区")
    assert place["code"] is None and place["concept"] is None
    assert place["candidates"] == "110105,220104"
    assert place["level"] == "county"


def test_whether_a_name_of_a_city_and_of_a_county_inside_it_means_the_city(nlp):
    assert ids(nlp, "湖南长沙") == [(0, 4, "湖南长沙", "430100")]


def test_whether_renamed_divisions_land_on_todays_code(nlp):
    (place,) = places(nlp, "湖北省襄樊市")
    assert (place["code"], place["label"], place["former_name"]) == ("420600", "襄阳市", "襄樊市")
    assert ids(nlp, "长治市城区") == [(0, 5, "长治市城区", "140403")]  # 城区 became 潞州区
    assert ids(nlp, "贵州盘县") == [(0, 4, "贵州盘县", "520281")]  # 盘州市


def test_whether_a_gazetteer_label_wins_over_a_bare_division_alias(nlp):
    # 南海 is also the alias of 南海区 (Foshan); with the suffix it is the district
    assert ids(nlp, "南海和南海区") == [(0, 2, "南海", "region/south-china-sea"), (3, 6, "南海区", "440605")]


def test_whether_the_primary_document_yields_the_expected_places(nlp):
    text = joined(PRIMARY)
    doc = nlp(text)
    found_places = found(doc, "regions")
    for p in found_places:
        assert doc.text[p["start"] : p["end"]] == p["text"]
    codes = {p["code"] for p in found_places if p["code"]}
    features = {p["concept"] for p in found_places if not p["code"]}
    assert codes == {
        # provinces named in running text
        "110000", "120000", "130000", "150000", "350000", "360000", "440000", "450000",
        "520000", "530000", "620000",
        # the box of heavy-metal demonstration areas and the text that cites it
        "321282", "330326", "330522", "419001", "420281", "430300", "430400", "431000",
        "430726", "451202", "500241", "513401", "520603", "532501", "610522", "620302",
        "360723", "411282", "420881", "440200", "451221", "522726", "533325", "621227",
        "522300", "433124", "520628",
    }  # fmt: skip
    assert features == {
        "region/qinghai-tibet-plateau", "region/loess-plateau", "region/yangtze-river",
        "region/yellow-river", "region/northeast-china", "region/three-north-region",
        "region/south-china", "region/southwest-china", "region/pearl-river",
        "region/taihang-mountains", "region/yangtze-river-economic-belt",
        "region/xinan-river", "region/beijing-tianjin-hebei", "region/xiang-river",
    }  # fmt: skip


def test_whether_every_gazetteer_entry_has_labels_a_type_and_covered_provinces(gazetteer):
    from policykg.extract.admin_divisions import division_index

    divisions = division_index().divisions
    assert len(gazetteer) >= 40
    for term in gazetteer:
        if "ProvinceAbbreviation" in term["types"]:  # 鲁: a short form of one province
            (code,) = term["props"]["abbreviates"]
            assert divisions[code.removeprefix("region/")].level == "province", term["id"]
            assert all(len(label) == 1 for label in [term["pref"]["zh"], *term["alt"]])
            continue
        assert term["id"].startswith("region/")
        assert term["pref"].get("zh") and term["pref"].get("en"), term["id"]
        assert term["types"], term["id"]
        covers = term["props"].get("covers", [])
        assert covers, term["id"]
        for c in covers:
            code = c.removeprefix("region/")
            assert divisions[code].level == "province", (term["id"], c)


def test_whether_gazetteer_labels_name_one_entry_each(gazetteer):
    owners: dict[str, str] = {}
    for term in gazetteer:
        for label in [term["pref"]["zh"], *term["alt"]]:
            assert owners.setdefault(label, term["id"]) == term["id"], label


def test_whether_the_yangtze_covers_hunan(gazetteer):
    yangtze = next(t for t in gazetteer if t["id"] == "region/yangtze-river")
    assert "River" in yangtze["types"]
    assert "region/430000" in yangtze["props"]["covers"]
    belt = next(t for t in gazetteer if t["id"] == "region/yangtze-river-economic-belt")
    assert len(belt["props"]["covers"]) == 11


def test_whether_the_component_stays_clear_of_rdf_libraries():
    code = (
        "import sys, policykg.extract.regions; "
        "bad = [m for m in ('policykg.graph', 'rdflib', 'pyoxigraph') if m in sys.modules]; "
        "sys.exit(bool(bad))"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_whether_the_division_table_is_built_once_per_process():
    from policykg.extract.admin_divisions import division_index

    assert division_index() is division_index()


# -- local regulations: conjunctions, and the area a document governs -------------------------

QINGDAO_PLANS = "第十一条 市和县级市人民政府应当根据城市总体规划"
ZHEJIANG_MINORITIES = "人员的候选人和县（市、区）、"
JINAN_SCOPE = "第二十条 本市新建、扩建、改建建设工程，应当达到抗震设防要求。"


def local_regulation(prefix: str) -> str:
    return next((CORPUS / "local-regulations").glob(prefix + "*.md")).read_text(encoding="utf-8")


def test_whether_a_run_of_province_abbreviations_names_each_province(nlp):
    """滇桂黔石漠化片区 (the plan's karst region): Yunnan, Guangxi and Guizhou, one mention a
    character. Runs of three or more, lists between 、, and pairs before 地区 or 交界 are read
    (the other sentences are CONSTRUCTED in the shape plans write them); one character alone,
    a pair standing alone, or a run a longer place already holds is not."""
    assert [(t, c) for _, _, t, c in ids(nlp, KARST)][:3] == [
        ("滇", "530000"), ("桂", "450000"), ("黔", "520000")
    ]
    assert ids(nlp, "加强晋冀鲁豫交界地区联防联控") == [
        (2, 3, "晋", "140000"), (3, 4, "冀", "130000"), (4, 5, "鲁", "370000"), (5, 6, "豫", "410000")
    ]
    assert [c for *_, c in ids(nlp, "在京、津、冀等地开展试点")] == ["110000", "120000", "130000"]
    assert [c for *_, c in ids(nlp, "推动川渝地区和晋陕交界地区联防联控")] == [
        "510000", "500000", "140000", "610000"
    ]
    assert [c for *_, c in ids(nlp, "黑吉辽三省")] == ["230000", "220000", "210000"]
    for text in ("新青年", "鲁迅故居", "川渝合作", "宁晋县城"):
        assert all(len(t) > 1 for _, _, t, _ in ids(nlp, text)), text
    assert ids(nlp, "京津冀鲁") == [(0, 3, "京津冀", "region/beijing-tianjin-hebei")]
    # a run goes on after a place it does not read again: 京津冀 and then 晋, 鲁, 豫
    assert [c for *_, c in ids(nlp, "京津冀晋鲁豫等地区")] == [
        "region/beijing-tianjin-hebei", "140000", "370000", "410000"
    ]  # fmt: skip


def test_whether_a_coordinating_conjunction_fakes_no_county(nlp):
    assert QINGDAO_PLANS.split("应当")[0] in local_regulation("青岛市城乡规划条例")
    assert ZHEJIANG_MINORITIES in local_regulation("浙江省少数民族权益保障条例")
    assert ids(nlp, QINGDAO_PLANS) == []
    assert ids(nlp, ZHEJIANG_MINORITIES) == []
    assert ids(nlp, "市和县（市、区）人民政府应当加强领导") == []


def test_whether_a_county_whose_name_starts_like_a_conjunction_is_still_found(nlp):
    assert ids(nlp, "安徽省和县") == [(0, 5, "安徽省和县", "340523")]
    assert ids(nlp, "和县人民政府") == [(0, 2, "和县", "340523")]
    assert ids(nlp, "位于和县境内") == [(2, 4, "和县", "340523")]


def governed(nlp, text: str, code: str) -> list[tuple[str, str | None, str | None]]:
    from policykg.extract.regions import governed_by
    from policykg.extract.spans import with_text

    doc = nlp(governed_by(with_text(nlp.make_doc(text), text), code))
    return [(p["text"], p["code"], p.get("resolved")) for p in found(doc, "regions")]


def test_whether_this_city_names_the_city_whose_document_it_is(nlp):
    assert JINAN_SCOPE in local_regulation("济南市防震减灾条例")
    assert governed(nlp, JINAN_SCOPE, "370100") == [("本市", "370100", "jurisdiction")]
    assert governed(nlp, "全市的扬尘污染防治", "370100") == [("全市", "370100", "jurisdiction")]


def test_whether_each_deictic_word_fits_only_an_area_of_its_level(nlp):
    text = "本省行政区域内，本市，本自治县，全县"
    assert governed(nlp, text, "370000") == [("本省", "370000", "jurisdiction")]
    assert governed(nlp, text, "500240") == [
        ("本自治县", "500240", "jurisdiction"),
        ("全县", "500240", "jurisdiction"),
    ]
    assert governed(nlp, "对本行政区域的大气环境质量负责", "310000") == [
        ("本行政区域", "310000", "jurisdiction")
    ]


def test_whether_a_national_text_leaves_this_administrative_area_unresolved(nlp):
    # in a law, 本行政区域 is each local government's own area, not the country
    assert governed(nlp, "地方各级人民政府应当对本行政区域的大气环境质量负责", "100000") == []


def test_whether_words_that_only_start_like_this_city_are_no_place(nlp):
    assert governed(nlp, "日本市场和全市场", "370100") == []


BEIJING_RATES = "朝阳区、海淀区、丰台区、石景山区、通州区为每平方米四十五元；门头沟区、房山区、顺义区、昌平区、大兴区、平谷区、怀柔区、密云区为每平方米四十二元；延庆区为每平方米三十五元。"


def test_whether_a_local_rule_names_the_divisions_of_the_area_it_governs(nlp):
    # Beijing's tax rates by district: 朝阳区 is also a district of 长春, and jieba cuts 密云区为
    # and 延庆区为 across the name; in Beijing's own decision each is Beijing's district
    assert BEIJING_RATES in local_regulation("北京市人民代表大会常务委员会关于北京市耕地占用税")
    got = governed(nlp, BEIJING_RATES, "110000")
    assert [code for _, code, _ in got] == [
        "110105", "110108", "110106", "110107", "110112", "110109", "110111", "110113",
        "110114", "110115", "110117", "110116", "110118", "110119",
    ]  # fmt: skip
    # without the jurisdiction 朝阳区 stays a name of two districts, and the cut names unread
    assert [p["code"] for p in places(nlp, BEIJING_RATES)][:1] == [None]
    assert len(places(nlp, BEIJING_RATES)) == 12
    # names of common characters count inside their area only (东城区 of Beijing), and a name
    # two districts of the area share stays open (鼓楼区 of Nanjing and of Xuzhou in Jiangsu)
    assert governed(nlp, "东城区、西城区", "110000") == [
        ("东城区", "110101", None), ("西城区", "110102", None)
    ]  # fmt: skip
    assert governed(nlp, "东城区、西城区", "370100") == []
    assert [code for _, code, _ in governed(nlp, "鼓楼区", "320000")] == [None]
    assert [code for _, code, _ in governed(nlp, "鼓楼区", "320100")] == ["320106"]
