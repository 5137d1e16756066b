"""Pollutant thesaurus (ontology/pollutants.ttl) and its spaCy matcher (extract/pollutants.py).

Sentences are quoted from the documents in corpus/ (line breaks of the PDF print joined).
"""

from __future__ import annotations

import re

import pytest
import spacy

from policykg.extract.pollutants import PollutantMatcher, fold
from policykg.extract.spans import found
from policykg.graph.vocabularies import load_terms
from tests.conftest import blank_zh

pytest.importorskip("jieba")

TERMS = load_terms("pollutants.ttl")
BY_ID = {t["id"]: t for t in TERMS}


@pytest.fixture(scope="module")
def nlp():
    nlp = blank_zh()
    nlp.add_pipe("policykg_pollutants", config={"terms": list(TERMS)})
    return nlp


def mentions(nlp, text):
    """(start, end, text, concept short name) for each pollutant mention."""
    doc = nlp(text)
    return [
        (m["start"], m["end"], m["text"], m["concept"].removeprefix("pollutant/"))
        for m in found(doc, "pollutants")
    ]


def ancestors(concept_id):
    seen, todo = set(), list(BY_ID[concept_id]["broader"])
    while todo:
        parent = todo.pop()
        if parent not in seen:
            seen.add(parent)
            todo.extend(BY_ID[parent]["broader"])
    return seen


# --- matching real sentences -----------------------------------------------------------------


def test_that_a_heavy_metal_list_after_han_yields_each_metal_and_the_waste_classes(nlp):
    text = (
        "继续开展危险废物规范化管理督查考核，以含铬、铅、汞、镉、砷等重金属废物和生活垃圾焚烧飞灰、"
        "抗生素菌渣、高毒持久性废物等为重点开展专项整治。"
    )
    # fmt: off
    assert mentions(nlp, text) == [
        (4, 8, "危险废物", "hazardous-waste"),
        (20, 21, "铬", "chromium"),
        (22, 23, "铅", "lead"),
        (24, 25, "汞", "mercury"),
        (26, 27, "镉", "cadmium"),
        (28, 29, "砷", "arsenic"),
        (30, 35, "重金属废物", "heavy-metal-waste"),
        (36, 44, "生活垃圾焚烧飞灰", "mswi-fly-ash"),
        (45, 50, "抗生素菌渣", "antibiotic-fermentation-residue"),
    ]
    # fmt: on


def test_that_stockholm_chemicals_are_found_with_their_longest_names(nlp):
    text = (
        "到 2020 年，基本淘汰林丹、全氟辛基磺酸及其盐类和全氟辛基磺酰氟、硫丹等一批"
        "《关于持久性有机污染物的斯德哥尔摩公约》管制的化学品。"
    )
    assert mentions(nlp, text) == [
        (13, 15, "林丹", "lindane"),
        (16, 26, "全氟辛基磺酸及其盐类", "pfos"),
        (27, 34, "全氟辛基磺酰氟", "pfosf"),
        (35, 37, "硫丹", "endosulfan"),
        (43, 51, "持久性有机污染物", "persistent-organic-pollutant"),
    ]


def test_that_pfas_are_a_group_of_emerging_contaminants_holding_the_stockholm_ones(nlp):
    # CONSTRUCTED in the wording of the 2022 emerging-contaminants action plan
    text = "开展全氟化合物、抗生素、微塑料等新污染物环境风险评估，加强PFAS排放管控。"
    assert [(t, c) for _, _, t, c in mentions(nlp, text)] == [
        ("全氟化合物", "perfluorinated-compound"), ("抗生素", "antibiotic"),
        ("微塑料", "microplastic"), ("新污染物", "emerging-contaminant"),
        ("PFAS", "perfluorinated-compound"),
    ]  # fmt: skip
    group, pops = "pollutant/perfluorinated-compound", "pollutant/persistent-organic-pollutant"
    for member in ("pfos", "pfosf", "pfoa", "pfhxs"):  # a filter for the group finds them
        assert {group, pops} <= ancestors(f"pollutant/{member}")
    assert "PollutantGroup" in BY_ID[group]["types"]


def test_that_the_air_law_list_of_coordinated_pollutants_is_found_but_not_pollution_words(nlp):
    text = (
        "防治大气污染，应当加强对燃煤、工业、机动车船、扬尘、农业等大气污染的综合防治，推行区域大气"
        "污染联合防治，对颗粒物、二氧化硫、氮氧化物、挥发性有机物、氨等大气污染物和温室气体实施协同控制。"
    )
    assert mentions(nlp, text) == [
        (23, 25, "扬尘", "fugitive-dust"),
        (53, 56, "颗粒物", "particulate-matter"),
        (57, 61, "二氧化硫", "sulfur-dioxide"),
        (62, 66, "氮氧化物", "nitrogen-oxides"),
        (67, 73, "挥发性有机物", "voc"),
        (74, 75, "氨", "ammonia"),
        (76, 81, "大气污染物", "air-pollutant"),
        (82, 86, "温室气体", "greenhouse-gas"),
    ]


def test_that_formulas_in_brackets_are_found_beside_their_chinese_names(nlp):
    text = (
        "支持开展细颗粒物（PM2.5）和臭氧（O3）协同控制试点，"
        "因地制宜推广建设涉挥发性有机物（VOCs）“绿岛”项目。"
    )
    assert mentions(nlp, text) == [
        (4, 8, "细颗粒物", "pm2-5"),
        (9, 14, "PM2.5", "pm2-5"),
        (16, 18, "臭氧", "ozone"),
        (19, 21, "O3", "ozone"),
        (38, 44, "挥发性有机物", "voc"),
        (45, 49, "VOCs", "voc"),
    ]


def test_that_a_pollutant_inside_a_jieba_word_is_found_on_its_characters(nlp):
    doc = nlp("以含铬、铅")
    assert "含铬" in [t.text for t in doc]  # jieba merged it: matching must not use tokens
    assert mentions(nlp, doc.text) == [(2, 3, "铬", "chromium"), (4, 5, "铅", "lead")]
    assert mentions(nlp, "加强汞污染控制。") == [(2, 3, "汞", "mercury")]


def test_that_each_span_records_exact_offsets_concept_and_both_labels(nlp):
    doc = nlp("继续开展危险废物规范化管理督查考核，以含铬、铅、汞")
    span = doc.spans["pollutants"][1]
    facts = span._.policykg
    assert doc.text[facts["start"] : facts["end"]] == "铬" == facts["text"]
    assert span.label_ == "pollutant"
    assert span.kb_id_ == facts["concept"] == "pollutant/chromium"
    assert (facts["label"], facts["label_en"]) == ("铬", "chromium")
    assert span.start_char <= facts["start"] < facts["end"] <= span.end_char


# --- ASCII formulas: case, width, subscripts and word boundaries -----------------------------


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("PM2.5浓度", [(0, 5, "PM2.5", "pm2-5")]),
    ("pm2.5浓度", [(0, 5, "pm2.5", "pm2-5")]),
    ("PM₂.₅浓度", [(0, 5, "PM₂.₅", "pm2-5")]),
    ("ＰＭ２．５浓度", [(0, 5, "ＰＭ２．５", "pm2-5")]),
    ("下降到PM2.5.", [(3, 8, "PM2.5", "pm2-5")]),
    ("PM2.50", []),
    ("PM10和SO₂", [(0, 4, "PM10", "pm10"), (5, 8, "SO₂", "sulfur-dioxide")]),
    ("NO3-N", []),
    ("NH3-N", [(0, 5, "NH3-N", "ammonia-nitrogen")]),
    ("CO2与CO", [(0, 3, "CO2", "carbon-dioxide"), (4, 6, "CO", "carbon-monoxide")]),
    ("CODcr", [(0, 5, "CODcr", "cod")]),
    ("NOX和vocs", [(0, 3, "NOX", "nitrogen-oxides"), (4, 8, "vocs", "voc")]),
])
# fmt: on
def test_that_ascii_labels_match_whole_words_in_any_case_or_width(nlp, text, expected):
    assert mentions(nlp, text) == expected


def test_that_folding_keeps_every_offset():
    text = "ＰＭ₂.₅、Ｏ３与NOₓ"
    assert len(fold(text)) == len(text)
    assert fold(text) == "pm2.5、o3与nox"


# --- industries, products, places: the decision ----------------------------------------------
# A metal is a mention when the text names it as content, emission or target (含汞, 添汞产品,
# 汞污染, 脱汞). It is not when it names a commodity, an industry or a place: 铅蓄电池(行业),
# 铜冶炼, 铅锌矿, 电解锰, 炼汞, 原生汞开采, 铜仁, 锰三角. Places and products are negativeLabels in
# the thesaurus; ores, smelting and electrolysis are a grammar rule in the matcher.

# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("湖州长兴县（铅蓄电池行业综合整治）", []),
    ("制定电镀、制革、铅蓄电池等行业工业园区综合整治方案", []),
    ("黄石大冶市及周边地区（铜冶炼治理与历史遗留污染整治）", []),
    ("重庆秀山县（电解锰行业综合治理）", []),
    ("渭南潼关县（有色行业综合整治）", []),
    ("禁止新建原生汞矿，逐步停止原生汞开采。", []),
    ("建立“锰三角”（锰矿开采和生产过程中存在严重环境污染问题的重庆市秀山县", []),
    ("铅锌矿采选", []),
    ("炼砷、炼汞、炼油、电镀", []),
    ("铜仁万山区（汞污染综合整治）", [(6, 7, "汞", "mercury")]),
    ("淘汰含汞体温计、血压计等添汞产品。", [(3, 4, "汞", "mercury"), (13, 14, "汞", "mercury")]),
    ("采用先进的除尘、脱硫、脱硝、脱汞等", [(15, 16, "汞", "mercury")]),
    ("制定废铅蓄电池回收管理办法。", [(2, 7, "废铅蓄电池", "waste-lead-acid-battery")]),
    ("禁止新建采用含汞工艺的电石法聚氯乙烯生产项目", [(7, 8, "汞", "mercury")]),
])
# fmt: on
def test_that_industry_product_and_place_names_are_not_pollutant_mentions(nlp, text, expected):
    assert mentions(nlp, text) == expected


def test_that_industry_exclusions_that_are_vocabulary_live_in_the_thesaurus():
    assert "铅蓄电池" in BY_ID["pollutant/lead"]["props"]["negativeLabel"]
    assert "铜仁" in BY_ID["pollutant/copper"]["props"]["negativeLabel"]


# --- the thesaurus ---------------------------------------------------------------------------

# fmt: off
@pytest.mark.parametrize("concept, ancestor", [
    ("pollutant/cadmium", "pollutant/heavy-metal"),
    ("pollutant/hexavalent-chromium", "pollutant/heavy-metal"),
    ("pollutant/pfos", "pollutant/persistent-organic-pollutant"),
    ("pollutant/lindane", "pollutant/persistent-organic-pollutant"),
    ("pollutant/medical-waste", "pollutant/hazardous-waste"),
    ("pollutant/hazardous-waste", "pollutant/solid-waste"),
    ("pollutant/heavy-metal-waste", "pollutant/hazardous-waste"),
    ("pollutant/pm2-5", "pollutant/air-pollutant"),
    ("pollutant/cod", "pollutant/water-pollutant"),
    ("pollutant/ammonia-nitrogen", "pollutant/water-pollutant"),
    ("pollutant/methane", "pollutant/greenhouse-gas"),
    ("pollutant/radioactive-waste", "pollutant/radioactive-pollutant"),
    ("pollutant/endocrine-disruptor", "pollutant/emerging-contaminant"),
    ("pollutant/noise", "pollutant/physical-pollution"),
])
# fmt: on
def test_that_the_hierarchy_places_each_concept_under_its_regime(concept, ancestor):
    assert ancestor in ancestors(concept)


def test_that_waste_containing_a_metal_is_not_a_kind_of_that_metal():
    assert "pollutant/heavy-metal" not in ancestors("pollutant/heavy-metal-waste")
    assert "pollutant/heavy-metal" in BY_ID["pollutant/heavy-metal-waste"]["props"]["related"]


def test_that_every_concept_has_chinese_and_english_preferred_labels_and_a_scheme():
    for term in TERMS:
        assert term["pref"].get("zh") and term["pref"].get("en"), term["id"]
        assert term["props"]["inScheme"] == ["scheme/pollutant"], term["id"]
        assert term["id"].startswith("pollutant/"), term["id"]


def test_that_every_broader_concept_exists_and_the_hierarchy_has_no_cycle():
    for term in TERMS:
        assert set(term["broader"]) <= BY_ID.keys(), term["id"]
        assert term["id"] not in ancestors(term["id"]), term["id"]


def test_that_generic_words_are_not_labels_of_any_concept():
    generic = {"污染物", "污染", "废物", "废弃物", "垃圾", "废水", "废气", "污水"}
    for term in TERMS:
        labels = {*term["pref"].values(), *term["alt"], *term["hidden"]}
        assert not labels & generic, term["id"]


def test_that_english_names_are_not_alt_labels_since_every_alt_label_is_matched():
    for term in TERMS:
        for label in term["alt"]:
            assert not re.fullmatch(r"[A-Za-z]+ [A-Za-z ]+", label), (term["id"], label)


def test_that_cas_numbers_have_valid_check_digits_and_wikidata_ids_are_q_numbers():
    checked = 0
    for term in TERMS:
        for cas in term["props"].get("casNumber", []):
            head, mid, check = cas.split("-")
            digits = (head + mid)[::-1]
            assert sum(i * int(d) for i, d in enumerate(digits, 1)) % 10 == int(check), cas
            checked += 1
        for qid in term["props"].get("wikidata", []):
            assert re.fullmatch(r"Q[1-9]\d*", qid), qid
    assert checked > 50
    assert BY_ID["pollutant/cadmium"]["props"]["casNumber"] == ["7440-43-9"]
    assert BY_ID["pollutant/cadmium"]["props"]["wikidata"] == ["Q1091"]


def test_that_no_label_is_claimed_by_two_concepts():
    PollutantMatcher(None, "check", "pollutants", TERMS)  # raises on a clash
    clash = [
        {"id": "pollutant/a", "pref": {"zh": "镉"}, "alt": [], "hidden": []},
        {"id": "pollutant/b", "pref": {"zh": "镉"}, "alt": [], "hidden": []},
    ]
    with pytest.raises(ValueError, match="镉"):
        PollutantMatcher(None, "check", "pollutants", clash)


# --- the spaCy component ---------------------------------------------------------------------


def test_that_the_component_without_terms_finds_nothing_but_sets_its_group():
    nlp = blank_zh()
    nlp.add_pipe("policykg_pollutants", config={"spans_key": "p"})
    doc = nlp("含铬废物")
    assert "p" in doc.spans and len(doc.spans["p"]) == 0


def test_that_a_pipeline_with_terms_in_its_config_survives_to_disk_and_load(nlp, tmp_path):
    text = "以含铬、铅、汞、镉、砷等重金属废物"
    nlp.to_disk(tmp_path)
    reloaded = spacy.load(tmp_path)
    assert mentions(reloaded, text) == mentions(nlp, text)
    assert len(mentions(nlp, text)) == 6


def test_that_metals_inside_one_jieba_token_keep_their_own_facts(nlp):
    # jieba makes 铅汞 one token, so both spans widen to it; spaCy keys its span extensions by
    # that range, which once gave 汞's facts to 铅 as well
    doc = nlp("重点防控铅汞镉等重金属排放")
    assert [t.text for t in doc][2] == "铅汞"
    assert [(m[2], m[3]) for m in mentions(nlp, "重点防控铅汞镉等重金属排放")] == [
        ("铅", "lead"),
        ("汞", "mercury"),
        ("镉", "cadmium"),
        ("重金属", "heavy-metal"),
    ]
    assert [s._.policykg["text"] for s in doc.spans["pollutants"]] == ["铅", "汞", "镉", "重金属"]
