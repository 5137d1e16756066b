"""The actor component: which bodies a sentence names, exactly where, and in what role.

Sentences are quoted from the corpus (the plan's lines joined, as layout repair hands them over);
the State Council task-note sentence is built in the pattern of 国发 action plans, since the
plan excerpt has none.
"""

from __future__ import annotations

import ast
import json
import re

import pytest

from policykg.extract.actors import ActorRecognizer
from policykg.extract.spans import found
from policykg.graph.vocabularies import load_terms
from tests.conftest import CORPUS, ROOT, blank_zh, corpus_file


@pytest.fixture(scope="module")
def nlp():
    import policykg.extract.actors  # noqa: F401  (registers the factory)

    nlp = blank_zh()
    nlp.add_pipe("policykg_actors", config={"terms": list(load_terms("actors.ttl"))})
    return nlp


def actors(nlp, text: str) -> list[tuple[int, int, str, str | None, str]]:
    """(start, end, text, concept, role) of every actor, checking the offsets quote the text."""
    out = []
    for f in found(nlp(text), "actors"):
        assert text[f["start"] : f["end"]] == f["text"]
        out.append((f["start"], f["end"], f["text"], f["concept"], f["role"]))
    return out


def corpus_text(name: str, join_lines: bool = False) -> str:
    text = corpus_file(name).read_text(encoding="utf-8")
    return re.sub(r"\n+", "", text) if join_lines else text


# -- the primary document -------------------------------------------------------------------

PLAN_JUDICIARY = "加强环保部门与公安机关、人民检察院和人民法院的沟通协调。健全环境案件审理制度。积极配合司法机关做好相关司法解释的制修订工作。"
PLAN_FINANCE = "中央财政支持引导建立跨省域的生态受益地区和保护地区、流域上游与下游的横向补偿机制，推进省级区域内横向补偿。"


@pytest.mark.parametrize("sentence", [PLAN_JUDICIARY, PLAN_FINANCE])
def test_plan_sentences_are_quoted_from_the_joined_plan(sentence):
    assert sentence in corpus_text("plan-2016-eco-env-protection-excerpt.txt", join_lines=True)


def test_judicial_bodies_in_the_plan_are_four_mentions_and_not_actors_of_the_clause(nlp):
    assert actors(nlp, PLAN_JUDICIARY) == [
        (2, 6, "环保部门", "actor/ecology-environment-authorities", "mentioned"),
        (7, 11, "公安机关", "actor/public-security-organs", "mentioned"),
        (12, 17, "人民检察院", "actor/peoples-procuratorates", "mentioned"),
        (18, 22, "人民法院", "actor/peoples-courts", "mentioned"),
        (43, 47, "司法机关", "actor/judicial-organs", "mentioned"),
    ]


def test_central_finance_as_sentence_subject_is_responsible(nlp):
    assert actors(nlp, PLAN_FINANCE) == [
        (0, 4, "中央财政", "actor/central-government-finance", "responsible")
    ]


def test_provinces_addressed_by_a_plan_are_the_provincial_governments(nlp):
    text = "各省（区、市）应组织开展危险废物产生、利用处置能力和设施运行情况评估"
    assert actors(nlp, text) == [
        (0, 7, "各省（区、市）", "actor/provincial-governments", "responsible")
    ]


# -- State Council task notes ------------------------------------------------------------------


def test_the_bodies_a_notice_is_addressed_to_are_only_named(nlp):
    """The addressee line (主送机关) of a State Council notice, a formula, and a city's: no body
    in it acts (国务院 of 国务院各部委 was read as a subject before the ministries)."""
    for text in (
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "各区县人民政府，市政府各部门：",
        # CONSTRUCTED as provinces and cities address their notices: departments by their kinds
        "各市州人民政府，省政府各厅委、各直属机构：",
        "各区、县人民政府，市政府各委、办、局：",
    ):
        assert {a[4] for a in actors(nlp, text)} == {"mentioned"}
    # a body before a colon that opens what it does is still its subject
    assert [a[4] for a in actors(nlp, "市生态环境局负责：")] == ["responsible"]


def test_task_note_gives_lead_and_participants(nlp):
    text = "实施工业污染源全面达标排放计划（环境保护部牵头，发展改革委、工业和信息化部等参与）。"
    assert actors(nlp, text) == [
        (16, 21, "环境保护部", "actor/ministry-of-environmental-protection", "lead"),
        (24, 29, "发展改革委", "actor/national-development-and-reform-commission", "participant"),
        (
            30,
            37,
            "工业和信息化部",
            "actor/ministry-of-industry-and-information-technology",
            "participant",
        ),
    ]


def test_task_note_with_shared_responsibility(nlp):
    text = "严格环境准入（生态环境部、发展改革委按职责分工负责）"
    assert [(a[2], a[4]) for a in actors(nlp, text)] == [
        ("生态环境部", "responsible"),
        ("发展改革委", "responsible"),
    ]


def test_task_note_lead_and_helpers(nlp):
    text = "（自然资源部牵头，水利部、农业农村部配合）"
    assert [(a[3], a[4]) for a in actors(nlp, text)] == [
        ("actor/ministry-of-natural-resources", "lead"),
        ("actor/ministry-of-water-resources", "participant"),
        ("actor/ministry-of-agriculture-and-rural-affairs", "participant"),
    ]


def test_a_note_with_a_standing_duty_makes_the_governments_responsible(nlp):
    # CONSTRUCTED in the pattern of the 国发 action plans (土十条), whose first task note ends by
    # naming the bodies that carry out every task: 以下均需…落实，不再列出
    text = (
        "（环境保护部牵头，财政部等参与，2020年底前完成。以下均需地方各级人民政府落实，不再列出）"
    )
    assert [(a[2], a[4]) for a in actors(nlp, text)] == [
        ("环境保护部", "lead"),
        ("财政部", "participant"),
        ("地方各级人民政府", "responsible"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CONSTRUCTED, as State Council plans task the provinces and the central enterprises
        (
            "各省（区、市）人民政府要制定实施方案。",
            [("各省（区、市）人民政府", "actor/provincial-governments", "responsible")],
        ),
        ("中央企业要带头落实。", [("中央企业", "actor/central-enterprises", "responsible")]),
        ("发挥央企示范作用。", [("央企", "actor/central-enterprises", "mentioned")]),
    ],
)
def test_the_bodies_a_state_council_plan_tasks(nlp, text, expected):
    assert [(a[2], a[3], a[4]) for a in actors(nlp, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CONSTRUCTED, in the wording of local plans: a Party committee's departments are bodies
        # of their own, the committee only named with them
        (
            "（责任单位：市委宣传部、市文明办、市教育局）",
            [
                ("市委", "市委", "mentioned"),
                ("宣传部", "市委宣传部", "responsible"),
                ("市文明办", "市文明办", "responsible"),
                ("市教育局", None, "responsible"),
            ],
        ),
        (
            "县委政法委牵头开展平安建设。",
            [("县委", "县委", "mentioned"), ("政法委", "县委政法委", "lead")],
        ),
        (
            "市委、市政府要加强组织领导。",
            [("市委", "市委", "responsible"), ("市政府", None, "responsible")],
        ),
    ],
)
def test_a_party_committees_departments_are_bodies(nlp, text, expected):
    facts = found(nlp(text), "actors")
    assert [
        (f["text"], f["label"] if f["concept"] is None else None, f["role"]) for f in facts
    ] == (expected)


def test_a_note_for_the_regions_and_the_departments_makes_the_departments_responsible(nlp):
    # CONSTRUCTED, as State Council documents close a task: 各地区 is no one body
    text = "（三）加强组织领导。（各地区、各有关部门按职责分工负责）"
    assert [(a[2], a[4]) for a in actors(nlp, text)] == [("各有关部门", "responsible")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CONSTRUCTED: offices by their short names (X办 for X办公室), in task notes
        (
            "（环境保护部、国务院法制办牵头，国土资源部等参与）",
            [
                ("环境保护部", None, "lead"),
                ("国务院", None, "mentioned"),
                ("法制办", "国务院法制办", "lead"),
                ("国土资源部", None, "participant"),
            ],
        ),
        (
            "（国务院医改办牵头，国家卫生计生委等参与）",
            [
                ("国务院", None, "mentioned"),
                ("医改办", "国务院医改办", "lead"),
                ("国家卫生计生委", None, "participant"),
            ],
        ),
        (
            "（市文明办、市城管局按职责分工负责）",
            [("市文明办", "市文明办", "responsible"), ("市城管局", None, "responsible")],
        ),
        ("各地要开展专项检查，由省扶贫办负责督办。", [("省扶贫办", "省扶贫办", "responsible")]),
        # an office of the body before it leads, not the body: the same for 办公厅
        (
            "（市人民政府办公厅牵头，市财政局参与）",
            [
                ("市人民政府", None, "mentioned"),
                ("办公厅", "市人民政府办公厅", "lead"),
                ("市财政局", None, "participant"),
            ],
        ),
    ],
)
def test_offices_by_their_short_names_are_bodies(nlp, text, expected):
    facts = found(nlp(text), "actors")
    got = [(f["text"], f["label"] if f["concept"] is None else None, f["role"]) for f in facts]
    assert got == expected  # (surface, label of a body outside the vocabulary, role)


@pytest.mark.parametrize(
    "text",
    [
        "通过“一网通办”办理",  # CONSTRUCTED
        "国家鼓励社会力量举办养老机构，挂牌督办，喜事简办。",  # CONSTRUCTED
        # 上海市医疗保障条例 第五条: the bodies that run hospitals (办医), not an office
        "财政、教育、地方金融、市场监管、科技、经济信息化、数据等部门以及市政府办医主体，按照各自职责做好医疗保障相关工作。",
    ],
)
def test_doing_is_no_office(nlp, text):
    assert not [a for a in actors(nlp, text) if a[2].endswith("办")]


# -- laws: levels, remits, 会同, 由 -----------------------------------------------------------


def test_law_article_with_huitong_gives_lead_and_participant(nlp):
    text = "第四条 国务院生态环境主管部门会同国务院有关部门，按照国务院的规定，对省、自治区、直辖市大气环境质量改善目标、大气污染防治重点任务完成情况进行考核。"
    assert text in corpus_text("law-air-pollution-2018.txt")
    assert actors(nlp, text) == [
        (
            4,
            15,
            "国务院生态环境主管部门",
            "actor/state-council-ecology-environment-authority",
            "lead",
        ),
        (17, 24, "国务院有关部门", "actor/state-council-relevant-departments", "participant"),
        (27, 30, "国务院", "actor/state-council", "mentioned"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "第三条 县级以上人民政府应当将大气污染防治工作纳入国民经济和社会发展规划，加大对大气污染防治的财政投入。",
            (4, 12, "县级以上人民政府", "actor/county-and-above-governments", "responsible"),
        ),
        (
            "地方各级人民政府应当对本行政区域的大气环境质量负责，制定规划，采取措施，控制或者逐步削减大气污染物的排放量，使大气环境质量达到规定标准并逐步改善。",
            (0, 8, "地方各级人民政府", "actor/local-governments-at-all-levels", "responsible"),
        ),
        (
            "第五条 县级以上人民政府生态环境主管部门对大气污染防治实施统一监督管理。",
            (
                4,
                20,
                "县级以上人民政府生态环境主管部门",
                "actor/county-and-above-ecology-environment-authorities",
                "responsible",
            ),
        ),
    ],
)
def test_law_subjects_are_responsible(nlp, text, expected):
    assert text in corpus_text("law-air-pollution-2018.txt")
    assert actors(nlp, text) == [expected]


def test_longest_match_keeps_level_and_remit_as_one_actor(nlp):
    text = "县级以上地方人民政府生态环境主管部门应当会同有关部门"
    assert actors(nlp, text) == [
        (
            0,
            18,
            "县级以上地方人民政府生态环境主管部门",
            "actor/local-county-and-above-ecology-environment-authorities",
            "lead",
        ),
        (22, 26, "有关部门", "actor/relevant-departments", "participant"),
    ]


def test_remits_sharing_a_head_are_one_actor_each_with_the_level(nlp):
    text = "第十六条 地方人民政府农业农村、林业草原主管部门应当会同生态环境、自然资源主管部门对下列农用地地块进行重点监测："
    assert text in corpus_text("law-soil-pollution-2018.txt")
    doc = nlp(text)
    facts = [
        (f["start"], f["end"], f["concept"], f["role"], f["level"]) for f in found(doc, "actors")
    ]
    assert facts == [
        (5, 15, "actor/agriculture-rural-authorities", "lead", "actor/local-governments"),
        (16, 24, "actor/forestry-grassland-authorities", "lead", "actor/local-governments"),
        (28, 32, "actor/ecology-environment-authorities", "participant", None),
        (33, 41, "actor/natural-resources-authorities", "participant", None),
    ]
    first = found(doc, "actors")[0]
    assert first["label"] == "地方人民政府农业农村主管部门"
    assert first["label_en"] == (
        "agriculture and rural affairs authorities of local people's governments"
    )


def test_level_and_remit_resolve_to_the_specific_concept_when_there_is_one(nlp):
    text = "具体办法由国务院财政主管部门会同国务院生态环境、农业农村等主管部门制定。"
    assert [(a[2], a[3], a[4]) for a in actors(nlp, text)] == [
        ("国务院财政主管部门", "actor/finance-authorities", "lead"),
        ("国务院生态环境", "actor/state-council-ecology-environment-authority", "participant"),
        ("农业农村等主管部门", "actor/agriculture-rural-authorities", "participant"),
    ]


def test_you_marks_the_responsible_body_and_huitong_still_wins(nlp):
    text = "未召回的，由国务院市场监督管理部门会同国务院生态环境主管部门责令其召回。"
    assert [(a[0], a[1], a[4]) for a in actors(nlp, text)] == [
        (6, 17, "lead"),
        (19, 30, "participant"),
    ]
    text = "拒不改正的，由海事管理机构责令改正"
    assert actors(nlp, text) == [
        (7, 13, "海事管理机构", "actor/maritime-authorities", "responsible")
    ]


@pytest.mark.parametrize(
    ("source", "line", "expected"),
    [
        (  # a violation's subject, and the department that orders the correction
            "重庆市招标投标条例",
            "招标代理机构违反本条例第十三条规定的，由有关行政监督部门责令改正",
            [("招标代理机构", "mentioned"), ("有关行政监督部门", "responsible")],
        ),
        (  # the penalty with no body named: the subject is still the condition's
            "山东省安全生产条例",
            "生产经营单位违反本条例第三十条第一款规定的，责令限期改正",
            [("生产经营单位", "mentioned")],
        ),
        (  # the rule it broke, then what it did, in two clauses
            "清远市住宅小区物业管理条例",
            "建设单位违反本条例第三十五条第二款规定，拒不履行物业承接查验义务的，由县级人民政府"
            "房地产行政主管部门给予警告",
            [("建设单位", "mentioned"), ("县级人民政府房地产行政主管部门", "responsible")],
        ),
        (  # its own duty, then the condition on the same body: the duty's subject first
            "上海市公路管理条例",
            "施工单位应当先行维修、返工；施工单位在规定期限内不予维修、返工的，由建设单位组织维修、返工",
            [("施工单位", "responsible"), ("施工单位", "mentioned"), ("建设单位", "responsible")],
        ),
        (  # its own act in the first clause; 依法处理 is no penalty head
            "郑州市建设工程施工安全管理条例",
            "城乡建设行政主管部门对安全生产文明施工措施费用提取使用情况进行监督，可以依法委托有资质的"
            "审计机构对其进行审计，发现未按照规定提取使用的，依法处理",
            [("城乡建设行政主管部门", "responsible")],
        ),
        (  # a list of rules after its colon is not the body's condition
            "重庆市招标投标条例",
            "有关行政监督部门按照下列规定处理：（一）属于评审依据明确，评分标准清晰的资格审查、否决投标、"
            "得分统计、商务得分等客观性评标行为的，责令招标人组织原评标委员会",
            [("有关行政监督部门", "responsible")],
        ),
    ],
)
def test_the_subject_of_a_condition_before_someone_elses_act_is_its_topic(
    nlp, source, line, expected
):
    """施工单位未采取扬尘污染防治措施的，由住房城乡建设部门责令改正: the contractor is what the
    rule is about, the department acts; a clause ending in 的 before 由, 处 or 责令 is the
    condition of that act. Before, the contractor read as responsible."""
    assert line in local_text(source).replace("\n\n", "")
    got = [(f["text"], f["role"]) for f in found(nlp(line), "actors")]
    assert [g for g in got if g in expected] == expected


def test_a_county_level_citys_government_is_the_subject_its_level_names(nlp):
    """县级城市人民政府应当…: the level before 城市人民政府 keeps it the clause's subject, as
    地级及以上 does; 城市政府 is the same body, and a second body with its level after 和 is in
    the list (CONSTRUCTED in the wording of the 2015 water plan's task on black and malodorous
    water). Before, both read as only mentioned, the second as bare 政府. The air law's 由县级
    人民政府确定的监督管理部门责令改正 likewise names the department that acts."""
    got = [
        (f["text"], f["concept"], f["role"])
        for f in found(nlp("县级城市人民政府应当制定实施方案。"), "actors")
    ]
    assert got == [("城市人民政府", "actor/urban-governments", "responsible")]
    text = "地级及以上城市人民政府和县级城市政府负责本行政区域内黑臭水体治理。"
    got = [(f["text"], f["concept"], f["role"]) for f in found(nlp(text), "actors")]
    assert got == [
        ("城市人民政府", "actor/urban-governments", "responsible"),
        ("城市政府", "actor/urban-governments", "responsible"),
    ]
    line = "由县级人民政府确定的监督管理部门责令改正"
    assert line in (CORPUS / "law-air-pollution-2018.txt").read_text(encoding="utf-8")
    got = [(f["text"], f["role"]) for f in found(nlp(line), "actors")]
    assert ("人民政府确定的监督管理部门", "responsible") in got


def test_bodies_named_by_duty_are_one_actor_without_concept(nlp):
    text = "生态环境主管部门及其环境执法机构和其他负有大气环境保护监督管理职责的部门，有权通过现场检查监测等方式对排放大气污染物的企业事业单位和其他生产经营者进行监督检查。"
    assert actors(nlp, text)[:3] == [
        (0, 8, "生态环境主管部门", "actor/ecology-environment-authorities", "responsible"),
        (10, 16, "环境执法机构", None, "responsible"),
        (17, 36, "其他负有大气环境保护监督管理职责的部门", None, "responsible"),
    ]


# -- the guideline: issuers and bodies outside the vocabulary -------------------------------


def test_guideline_issuers_are_the_eight_ministries(nlp):
    text = corpus_text("guideline-ftz-eco-2021.txt")
    line = next(x for x in text.splitlines() if x.strip().startswith("生态环境部 商务部"))
    found_ = actors(nlp, line)
    assert [a[3] for a in found_] == [
        "actor/ministry-of-ecology-and-environment",
        "actor/ministry-of-commerce",
        "actor/national-development-and-reform-commission",
        "actor/ministry-of-housing-and-urban-rural-development",
        "actor/peoples-bank-of-china",
        "actor/general-administration-of-customs",
        "actor/national-energy-administration",
        "actor/national-forestry-and-grassland-administration",
    ]
    assert {a[4] for a in found_} == {"mentioned"}


@pytest.mark.parametrize(
    ("text", "surface", "broader"),
    [
        ("海南省自由贸易港工作委员会办公室：", "海南省自由贸易港工作委员会办公室", None),
        ("各自贸试验区管理机构应会同所在地生态环境部门", "自贸试验区管理机构", None),
        ("中国人民银行上海总部，各分行", "中国人民银行上海总部", "actor/peoples-bank-of-china"),
        ("山东省人民政府批准", "山东省人民政府", "actor/provincial-governments"),
        ("上海市生态环境局负责", "上海市生态环境局", "actor/ecology-environment-authorities"),
    ],
)
def test_bodies_outside_the_vocabulary_have_no_concept(nlp, text, surface, broader):
    facts = found(nlp(text), "actors")
    first = facts[0]
    assert (first["text"], first["concept"], first["broader"]) == (surface, None, broader)
    assert first["method"] == "pattern"


# -- precision ------------------------------------------------------------------------------

# fmt: off
TRAPS = [
    "东部生物遗传资源库，收集保存国家特有、珍稀濒危及具有重要价值的生物遗传资源。",  # plan
    "领导干部自然资源资产离任审计、生态环境损害责任追究等落实地方环境保护责任",  # plan
    "局部地区臭氧污染加重，内部管理制度不健全，全部淘汰落后产能。",
    "认真落实决策部署，加强财政部署，电子商务部分试点，西部地区和中部地区。",
    "优化产业结构和布局，形成新格局，顾全大局。",
    "我国东部沿海地区和中国西部，国家干部队伍，山东省干部",  # anchored, still not bodies
]
# fmt: on


@pytest.mark.parametrize("text", TRAPS)
def test_words_ending_like_bodies_are_not_actors(nlp, text):
    assert actors(nlp, text) == []


def test_the_plan_traps_are_real_plan_text():
    plan = corpus_text("plan-2016-eco-env-protection-excerpt.txt", join_lines=True)
    assert TRAPS[0] in plan
    assert TRAPS[1] in plan


# -- whole documents and the vocabulary -----------------------------------------------------


def test_every_actor_in_a_law_quotes_its_text_and_runs_are_repeatable(nlp):
    text = corpus_text("law-soil-pollution-2018.txt")
    first = found(nlp(text), "actors")
    assert len(first) > 200
    assert all(text[f["start"] : f["end"]] == f["text"] for f in first)
    assert all(f["role"] in {"lead", "participant", "responsible", "mentioned"} for f in first)
    assert found(nlp(text), "actors") == first


def test_vocabulary_parses_with_both_languages_and_resolvable_links():
    terms = load_terms("actors.ttl")
    ids = {t["id"] for t in terms}
    assert len(terms) > 100
    assert all(t["pref"].get("zh") and t["pref"].get("en") for t in terms)
    assert all(b in ids for t in terms for b in t["broader"])
    for t in terms:
        for prop in ("isReplacedBy", "replaces", "partOf", "level"):
            assert all(v in ids for v in t["props"].get(prop, [])), (t["id"], prop)
    ActorRecognizer("actors", terms)  # raises if two concepts share a label


def test_former_ministries_are_separate_concepts_linked_to_their_successors():
    by_id = {t["id"]: t for t in load_terms("actors.ttl")}
    pairs = {
        "actor/ministry-of-environmental-protection": "actor/ministry-of-ecology-and-environment",
        "actor/ministry-of-land-and-resources": "actor/ministry-of-natural-resources",
        "actor/ministry-of-agriculture": "actor/ministry-of-agriculture-and-rural-affairs",
        "actor/aqsiq": "actor/state-administration-for-market-regulation",
        "actor/state-forestry-administration": "actor/national-forestry-and-grassland-administration",
    }
    for old, new in pairs.items():
        assert by_id[old]["props"]["isReplacedBy"] == [new]
    # a remit keeps its old wording as an altLabel: the law binds whoever holds the remit
    assert "环境保护主管部门" in by_id["actor/ecology-environment-authorities"]["alt"]
    assert by_id["actor/local-county-and-above-ecology-environment-authorities"]["broader"] == [
        "actor/county-and-above-ecology-environment-authorities"
    ]


def test_a_label_naming_two_concepts_is_refused():
    terms = [
        {"id": "a", "types": [], "pref": {"zh": "某部"}, "alt": [], "hidden": [], "props": {}},
        {
            "id": "b",
            "types": [],
            "pref": {"zh": "某局"},
            "alt": ["某部"],
            "hidden": [],
            "props": {},
        },
    ]
    with pytest.raises(ValueError, match="某部"):
        ActorRecognizer("actors", terms)


def test_component_does_not_import_rdf_libraries():
    source = (ROOT / "extract" / "actors.py").read_text(encoding="utf-8")
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not imported & {"graph", "rdflib", "pyoxigraph"}


# -- local regulations ------------------------------------------------------------------------


def local_text(prefix: str) -> str:
    return next((CORPUS / "local-regulations").glob(prefix + "*.md")).read_text(encoding="utf-8")


def labelled(nlp, text: str) -> list[tuple[str, str, str | None, str | None]]:
    """(text, label, concept, level) of every actor."""
    return [(f["text"], f["label"], f["concept"], f["level"]) for f in found(nlp(text), "actors")]


def test_a_preposition_before_a_city_level_remit_is_not_part_of_its_label(nlp):
    text = "应当由市房屋管理部门组织有关专家"
    assert text in local_text("上海市历史文化风貌区")
    assert labelled(nlp, text)[0] == (
        "市房屋管理部门", "市房地产主管部门", "actor/housing-administration-authorities",
        "actor/prefectural-city-governments",
    )  # fmt: skip
    assert labelled(nlp, "由市水行政主管部门负责本市节约用水工作") == [
        ("市水行政主管部门", "市水行政主管部门", "actor/water-authorities",
         "actor/prefectural-city-governments"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("prefix", "text", "body"),
    [
        ("重庆市工会条例", "县级以上总工会设立职工法律援助机构，依法为职工", "总工会"),
        ("广东省版权条例", "地级以上市人民政府应当支持中小微企业参加版权有关的大型展会", "市人民政府"),
        ("山东省安全生产条例", "县级以上安全生产委员会负责协调、解决安全生产监督管理中存在的重大问题",
         "安全生产委员会"),
        ("浙江省少数民族权益保障条例", "县级以上人民代表大会常务委员会应当采取多种监督方式",
         "人民代表大会常务委员会"),
    ],
)  # fmt: skip
def test_the_levels_a_body_is_at_do_not_keep_it_from_being_the_subject(nlp, prefix, text, body):
    # 县级以上, 地级以上 before a body say which of its kind act; the body is still the subject
    assert text in local_text(prefix)
    assert [(a[2], a[4]) for a in actors(nlp, text) if a[2] == body] == [(body, "responsible")]


def test_the_cities_a_government_is_of_do_not_keep_it_from_being_the_subject(nlp):
    # CONSTRUCTED in the wording of the 2015 water plan and the 2021 opinion on pollution
    assert [(a[2], a[4]) for a in actors(nlp, "地级及以上城市人民政府负责组织实施。")] == [
        ("城市人民政府", "responsible")
    ]
    got = actors(nlp, "到2022年6月底前，县级城市政府完成建成区内黑臭水体排查。")
    assert [(a[2], a[3], a[4]) for a in got] == [
        ("城市政府", "actor/urban-governments", "responsible")
    ]
    # a government named as the owner of something is still only mentioned
    assert [a[4] for a in actors(nlp, "地级以上城市人民政府的规划。")] == ["mentioned"]


def test_a_government_after_a_preposition_is_the_level_named_not_the_verb(nlp):
    text = "经区人民政府和市交通行政管理部门初审后"
    assert text in local_text("上海市公路管理条例")
    # jieba's 经区 / 人民政府: the district's government, as 区人民政府 is anywhere else
    assert labelled(nlp, text) == [
        ("区人民政府", "县级人民政府", "actor/county-governments", None),
        ("市交通行政管理部门", "市交通运输主管部门", "actor/transport-authorities",
         "actor/prefectural-city-governments"),
    ]  # fmt: skip


def test_no_actor_label_starts_with_a_preposition_or_a_verb_in_any_local_regulation(nlp):
    leading = re.compile(r"^(?:由|向|对|经|在|将|把|报|从|为|规定|提交|担任)")
    labels = [
        f["label"]
        for path in sorted((CORPUS / "local-regulations").glob("*.md"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("第")
        for f in found(nlp(line), "actors")
    ]
    assert len(labels) > 1000
    # 经费审查委员会 and 经济综合主管部门 start with 经 as a word of their own
    assert [x for x in labels if leading.match(x) and not x.startswith(("经费", "经济"))] == []


def test_a_bare_level_word_inside_another_word_is_no_level(nlp):
    assert labelled(nlp, "城市供水主管部门")[0][3] is None


def test_pre_reform_wording_names_todays_remit_and_is_kept_as_former_name(nlp):
    facts = found(nlp("县级以上环境保护行政主管部门对本行政区域实施监督管理"), "actors")
    assert [(f["concept"], f["label"], f["former_name"]) for f in facts] == [
        (
            "actor/ecology-environment-authorities",
            "县级以上生态环境主管部门",
            "环境保护行政主管部门",
        )
    ]
    text = "地震、发展改革、城乡建设、城乡规划、国土资源等有关部门应当依法做好防震减灾规划"
    assert text in local_text("济南市防震减灾条例")
    lands = [f for f in found(nlp(text), "actors") if f["text"].startswith("国土资源")]
    assert [(f["concept"], f["former_name"]) for f in lands] == [
        ("actor/natural-resources-authorities", "国土资源")
    ]
    assert "former_name" not in found(nlp("生态环境主管部门"), "actors")[0]


def test_pre_reform_department_names_at_a_level_name_todays_remit(nlp):
    # CONSTRUCTED in the wording of 2016-2017 provincial plans' task notes: the land and the
    # agriculture departments before the 2018 reform (国土资源厅, 农委, 农业局)
    text = "（省环保厅牵头，省国土资源厅、省农委等参与）市农业局、县国土资源局负责落实。"
    got = [
        (f["text"], f["label"], f["concept"], f.get("former_name"), f["role"])
        for f in found(nlp(text), "actors")
    ]
    lands, farms = "actor/natural-resources-authorities", "actor/agriculture-rural-authorities"
    assert got[1:] == [
        ("省国土资源厅", "省自然资源主管部门", lands, "国土资源厅", "participant"),
        ("省农委", "省农业农村主管部门", farms, "农委", "participant"),
        ("市农业局", "市农业农村主管部门", farms, "农业局", "responsible"),
        ("县国土资源局", "县自然资源主管部门", lands, "国土资源局", "responsible"),
    ]


def test_an_article_number_is_never_part_of_a_body_name_in_any_local_regulation(nlp):
    labels = [
        f["text"]
        for path in sorted((CORPUS / "local-regulations").glob("*.md"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("第")
        for f in found(nlp(line.replace(" ", "")), "actors")  # 第三十二条物业管理委员会…
    ]
    assert len(labels) > 1000
    numbered = re.compile(r"^第[零〇一二三四五六七八九十百千]+条|^条")
    assert [x for x in labels if numbered.match(x)] == []
    assert labels.count("业主委员会") > 10


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [  # quoted from the local regulations and the air law
        ("（三）选举业主委员会或者更换业主委员会成员;", ["业主委员会", "业主委员会"]),
        (  # 业主委员会 of the vocabulary: the term (新一届) is no part of the body's name
            "印章以及其他属于全体业主所有的财物移交新一届业主委员会",
            ["业主委员会"],
        ),
        ("应当将收集的资料移交给业主委员会", ["业主委员会"]),
        ("通过特定问题调查委员会的主任委员、副主任委员、委员", ["特定问题调查委员会"]),
        (
            "招标人应当在评标前二十四小时内抽取评标委员会的专家成员并组建评标委员会",
            ["招标人", "评标委员会", "评标委员会"],  # the tenderee, a party the law binds
        ),
        ("应当按照规定设置安全生产管理机构或者配备专职安全生产管理人员", ["安全生产管理机构"]),
        ("应当依法到工商行政主管部门办理变更登记或者注销登记", ["工商行政主管部门"]),
        # a verb inside a name stays: the name does not start with it (and the level written
        # with its alternatives in brackets is part of the name)
        (
            "县（市、区）房屋使用安全管理部门具体负责本行政区域内房屋使用安全管理工作",
            ["县（市、区）房屋使用安全管理部门"],
        ),
        ("市人民政府设立历史文化名城保护委员会", ["市人民政府", "历史文化名城保护委员会"]),
        (
            "生态环境主管部门和认证认可监督管理部门应当对机动车排放检验机构的排放检验情况进行监督检查",
            ["生态环境主管部门", "认证认可监督管理部门"],
        ),
    ],
)
def test_a_verb_in_front_of_a_body_is_not_part_of_its_name(nlp, text, surfaces):
    assert [a[2] for a in actors(nlp, text)] == surfaces


@pytest.mark.parametrize(
    ("text", "surface", "concept", "label"),
    [  # quoted from the local regulations
        ("乡（镇）人民政府、街道办事处应当做好本辖区内的房屋使用安全管理工作",
         "乡（镇）人民政府", "actor/township-governments", "乡级人民政府"),
        ("县（市、区）人民政府应当加强对防震减灾工作的领导",
         "县（市、区）人民政府", "actor/county-governments", "县级人民政府"),
        ("村（居）民委员会协助乡镇人民政府做好安全生产工作",
         "村（居）民委员会", "actor/residents-committees", "居民委员会"),
        ("县（市）水行政主管部门负责本行政区域内的节约用水工作",
         "县（市）水行政主管部门", "actor/water-authorities", "县水行政主管部门"),
    ],
)  # fmt: skip
def test_a_level_written_with_its_alternatives_in_brackets_names_the_body(
    nlp, text, surface, concept, label
):
    """乡（镇）, 县（市、区）, 村（居）: one level for every kind of place at it. The body is read
    without the brackets (not 人民政府 or 民委员会) and keeps every character of its name."""
    hits = {f["text"]: f for f in found(nlp(text), "actors")}
    assert surface in hits, hits
    hit = hits[surface]
    assert text[hit["start"] : hit["end"]] == surface
    assert (hit["concept"], hit["label"]) == (concept, label)


# -- bodies of a city or a province: level word + remit + 局/厅/委 -------------------------------

# the division of labour of a city's action plan, as such plans write it under each task
CITY_TASKS = (
    "市生态环境局牵头，市发展改革委、市工业和信息化局配合。"
    "由市住房城乡建设局负责，市城市管理局、市交通运输局按职责分工负责。"
    "牵头单位：市农业农村局；配合单位：市自然资源和规划局、市水利局。"
    "省工业和信息化厅、省发展改革委、省生态环境厅等按职责分工负责。"
    "市生态环境局和市交通运输局负责。"
)


def test_city_and_provincial_bodies_of_a_task_list_and_their_roles(nlp):
    """A level word opens the name of a body outside the vocabulary (市交通运输局, 省工业和
    信息化厅 with 和 inside, 市自然资源和规划局), 省发展改革委 is the province's commission, not
    the national one, and the roles come from 牵头 / 配合 / 按职责分工负责 / 牵头单位：."""
    got = {(t, role) for _, _, t, _, role in actors(nlp, CITY_TASKS)}
    assert got == {
        ("市生态环境局", "lead"), ("市发展改革委", "participant"),
        ("市工业和信息化局", "participant"), ("市住房城乡建设局", "responsible"),
        ("市城市管理局", "responsible"), ("市交通运输局", "responsible"),
        ("市农业农村局", "lead"), ("市自然资源和规划局", "participant"),
        ("市水利局", "participant"), ("省工业和信息化厅", "responsible"),
        ("省发展改革委", "responsible"), ("省生态环境厅", "responsible"),
        ("市生态环境局", "responsible"),
    }  # fmt: skip


def test_a_labelled_task_list_takes_the_lead_and_the_levels_its_bodies_state(nlp):
    """CONSTRUCTED in the wording of provincial work plans: under 责任单位： the body marked 牵头
    leads and those marked 参与 take part, and 各 may stand between the label and the body;
    设区市 is the 设区的市 of the laws, at the city level."""
    text = (
        "（责任单位：省生态环境厅牵头，省自然资源厅、省农业农村厅参与）"
        "（责任单位：各设区市人民政府，省自然资源厅按职责分工指导）"
        "设区市生态环境主管部门负责。"
    )
    assert [(a[2], a[3], a[4]) for a in actors(nlp, text)] == [
        ("省生态环境厅", "actor/ecology-environment-authorities", "lead"),
        ("省自然资源厅", "actor/natural-resources-authorities", "participant"),
        ("省农业农村厅", "actor/agriculture-rural-authorities", "participant"),
        ("设区市人民政府", "actor/prefectural-city-governments", "responsible"),
        ("省自然资源厅", "actor/natural-resources-authorities", "responsible"),
        ("设区市生态环境主管部门", "actor/ecology-environment-authorities", "responsible"),
    ]
    (body,) = found(nlp("设区市生态环境主管部门负责。"), "actors")
    assert body["level"] == "actor/prefectural-city-governments"


def test_a_label_holds_every_list_of_bodies_up_to_its_semicolon(nlp):
    """CONSTRUCTED in the wording of municipal action plans: the bodies under 责任单位： are
    named in lists set apart by a comma (departments, then the district governments) and all
    answer for the task; a body after the label's ；, or in the next sentence, does not."""
    text = (
        "开展涉VOCs企业排查整治。（责任单位：市生态环境局、市发展改革委，各区县人民政府；"
        "完成时限：2023年底前）牵头单位：市公安局，市交通运输局；配合单位：市城市管理局。"
        "责任单位：市水利局。市农业农村局加强指导。"
    )
    assert [(a[2], a[4]) for a in actors(nlp, text)] == [
        ("市生态环境局", "responsible"),
        ("市发展改革委", "responsible"),
        ("区县人民政府", "responsible"),
        ("市公安局", "lead"),
        ("市交通运输局", "lead"),
        ("市城市管理局", "participant"),
        ("市水利局", "responsible"),
        ("市农业农村局", "responsible"),
    ]
    # 市农业农村局 acts as the subject of its own sentence, not under the label
    text = "责任单位：市水利局；市农业农村局、市林业局。"
    assert [(a[2], a[4]) for a in actors(nlp, text)][-1] == ("市林业局", "mentioned")


def test_a_short_aside_after_a_body_leaves_its_duty_to_it(nlp):
    """CONSTRUCTED in the wording of municipal action plans (and of a real Beijing rule, 常务委员会
    办公厅（室）负责汇总…): the bodies a bracket adds (管委会, 室) do not stand between the body
    and what it must do."""
    text = "〔市生态环境局牵头,市发展和改革局参与,各县、区人民政府(管委会)负责落实。〕"
    assert [(a[2], a[4]) for a in actors(nlp, text)] == [
        ("市生态环境局", "lead"),
        ("市发展和改革局", "participant"),
        ("区人民政府", "responsible"),
    ]
    (office,) = [a for a in actors(nlp, "常务委员会办公厅（室）负责汇总执法检查议题建议。")
                 if a[2] == "办公厅"]  # fmt: skip
    assert office[4] == "responsible"


def test_the_bodies_of_a_task_list_are_the_remits_they_hold_at_their_level(nlp):
    """市财政局 is the city's finance authority and 省发展改革委 the province's development and
    reform authority (the remit the NDRC holds, pkg:remit), not the national commission."""
    got = {f["text"]: (f["concept"], f["level"]) for f in found(nlp(CITY_TASKS), "actors")}
    remits = {
        "市生态环境局": "ecology-environment", "市发展改革委": "development-reform",
        "市工业和信息化局": "industry-it", "市住房城乡建设局": "housing-urban-rural",
        "市城市管理局": "environmental-sanitation", "市交通运输局": "transport",
        "市农业农村局": "agriculture-rural", "市自然资源和规划局": "natural-resources",
        "市水利局": "water", "省工业和信息化厅": "industry-it",
        "省发展改革委": "development-reform", "省生态环境厅": "ecology-environment",
    }  # fmt: skip
    level = {"市": "actor/prefectural-city-governments", "省": "actor/provincial-governments"}
    assert got == {t: (f"actor/{r}-authorities", level[t[0]]) for t, r in remits.items()}
    # with a place name in front: a body of its own, narrower than the remit
    (named,) = found(nlp("山东省发展改革委负责。"), "actors")
    assert (named["concept"], named["broader"]) == (None, "actor/development-reform-authorities")
    (national,) = found(nlp("发展改革委、财政部负责。"), "actors")[:1]
    assert national["concept"] == "actor/national-development-and-reform-commission"


@pytest.mark.parametrize(
    ("surface", "remit"),
    [
        ("省经信厅", "industry-it"), ("市经济和信息化局", "industry-it"),
        ("省应急厅", "emergency-management"), ("市城管局", "environmental-sanitation"),
        ("省国资委", "state-assets"), ("市广电局", "radio-television"),
        ("省地方金融监管局", "local-financial-regulators"),
    ],
)  # fmt: skip
def test_the_short_names_of_local_departments_are_their_remits(nlp, surface, remit):
    """The short names provincial plans give departments in task notes (省经信厅 for the
    province's department of economy and information technology, 省国资委 for its SASAC) are
    the remit at that level, as 省住建厅 is."""
    (a,) = found(nlp(f"（责任单位：{surface}）"), "actors")
    assert a["text"] == surface
    assert a["concept"] == "actor/" + (
        remit if remit.endswith("regulators") else f"{remit}-authorities"
    )
    assert a["level"] == ("actor/provincial-governments" if surface[0] == "省"
                          else "actor/prefectural-city-governments")  # fmt: skip


@pytest.mark.parametrize(
    ("name", "sentence", "surface", "concept"),
    [
        ("上海市医疗保障条例(2024-12-31).md", "市、区人民政府应当加强对医疗保障工作的领导",
         "区人民政府", "actor/county-governments"),
        ("重庆市招标投标条例(2018-07-26).md", "区县（自治县）人民政府对其所属部门有关招标投标",
         "区县（自治县）人民政府", "actor/county-governments"),
    ],
)  # fmt: skip
def test_a_government_after_a_bare_level_word_is_that_levels(nlp, name, sentence, surface, concept):
    assert sentence in corpus_file(f"local-regulations/{name}").read_text(encoding="utf-8")
    hits = {f["text"]: f for f in found(nlp(sentence), "actors")}
    assert hits[surface]["concept"] == concept
    assert hits[surface]["role"] == "responsible"


def test_a_body_joined_to_the_next_by_he_is_not_part_of_its_name(nlp):
    text = "接受街道办事处、乡（镇）人民政府和社区居民委员会指导"
    assert "社区居民委员会" in {t for _, _, t, _, _ in actors(nlp, text)}


# A list of levels names one body for each: 市、区人民政府 is the city's government and the
# districts'. Each level's body quotes from its own level word to the end of the shared name.
CITY, COUNTY = "actor/prefectural-city-governments", "actor/county-governments"
CITY_GOV, COUNTY_GOV = ("设区的市级人民政府", CITY, None), ("县级人民政府", COUNTY, None)
LEVEL_LISTS = [
    ("上海市公路管理条例", "第五十一条 市、区交通行政管理部门应当编制突发事件应急预案", [
        ("市、区交通行政管理部门", "市交通运输主管部门", "actor/transport-authorities", CITY),
        ("区交通行政管理部门", "区交通运输主管部门", "actor/transport-authorities", COUNTY),
    ]),
    ("上海市历史文化风貌区", "保护专项资金由市、区人民政府分别设立专门账户", [
        ("市、区人民政府", *CITY_GOV), ("区人民政府", *COUNTY_GOV),
    ]),
    # 区 and 县 are one level (county): one body for both, and 市 joined by 和
    ("北京市中小学生", "第五条 市和区、县教育行政部门负责组织学校开展安全工作", [
        ("市和区、县教育行政部门", "市教育主管部门", "actor/education-authorities", CITY),
        ("县教育行政部门", "县教育主管部门", "actor/education-authorities", COUNTY),
    ]),
    # jieba reads 市和区 as one word
    ("上海市信访条例", "第二十条 市和区人民政府应当设立信访工作机构和统一的信访接待场所", [
        ("市和区人民政府", *CITY_GOV), ("区人民政府", *COUNTY_GOV),
    ]),
    # a people's congress's standing committee at a level is that level's, narrower
    ("上海市医疗保障条例", "第五十八条 市、区人民代表大会常务委员会通过听取和审议专项工作报告", [
        ("市、区人民代表大会常务委员会", "市人民代表大会常务委员会", None, None),
        ("区人民代表大会常务委员会", "区人民代表大会常务委员会", None, None),
    ]),
    ("北京市人民代表大会常务委员会任免", "第六条 市人大常委会任免本市国家行政机关下列人员", [
        ("市人大常委会", "市人大常委会", None, None),
    ]),
    # a level word of three characters (县级市) in the list
    ("青岛市城乡规划条例", "市和县级市、镇人民政府应当每五年组织有关单位和专家", [
        ("市和县级市、镇人民政府", *CITY_GOV), ("县级市、镇人民政府", *COUNTY_GOV),
        ("镇人民政府", "乡级人民政府", "actor/township-governments", None),
    ]),
    ("北京市全民健身条例", "第九条 市、区、乡镇人民政府、街道办事处应当根据全民健身的特点", [
        ("市、区、乡镇人民政府", *CITY_GOV), ("区、乡镇人民政府", *COUNTY_GOV),
        ("乡镇人民政府", "乡级人民政府", "actor/township-governments", None),
        ("街道办事处", "街道办事处", "actor/subdistrict-offices", None),
    ]),
]  # fmt: skip


@pytest.mark.parametrize(("source", "text", "expected"), LEVEL_LISTS)
def test_a_list_of_levels_names_the_body_of_each_level(nlp, source, text, expected):
    """Every body of the list, with its label, concept and level; all are the clause's subject."""
    assert text in local_text(source).replace("\n", "")
    got = [
        (f["text"], f["label"], f["concept"], f["level"], f["role"])
        for f in found(nlp(text), "actors")
    ]
    assert [g[:4] for g in got][: len(expected)] == expected
    assert {g[4] for g in got[: len(expected)]} == {"responsible"}


# CONSTRUCTED in the wording of provincial implementation plans (湖南, 湖北, 四川, 贵州 name
# their prefecture level 市州, the county level 县市区): jieba glues 各 to the levels (各县区,
# 各市 / 州), and the bodies are those levels' governments
@pytest.mark.parametrize(("text", "expected"), [
    ("（省生态环境厅牵头，各市州人民政府负责落实）", [
        ("省生态环境厅", "actor/ecology-environment-authorities", "lead"),
        ("市州人民政府", CITY, "responsible"),
    ]),
    ("各县区人民政府负责落实。", [("县区人民政府", COUNTY, "responsible")]),
    ("各县市人民政府负责落实。", [("县市人民政府", COUNTY, "responsible")]),
    ("各市州、县市区人民政府负责落实。", [
        ("市州、县市区人民政府", CITY, "responsible"), ("县市区人民政府", COUNTY, "responsible"),
    ]),
    ("各区人民检察院负责。", [("区人民检察院", None, "responsible")]),
])  # fmt: skip
def test_levels_glued_to_ge_name_those_levels_bodies(nlp, text, expected):
    assert [(t, c, r) for _, _, t, c, r in actors(nlp, text)] == expected


def test_a_level_word_opening_a_longer_word_starts_no_list(nlp):
    # 市场监督管理部门 is no 市-level body, so 省、 before it lists nothing
    assert labelled(nlp, "省、市场监督管理部门") == [
        ("市场监督管理部门", "市场监督管理部门", "actor/market-regulation-authorities", None)
    ]
    assert [f["text"] for f in found(nlp("城市、县人民政府"), "actors")] == ["市、县人民政府"]


@pytest.mark.parametrize(
    ("source", "line", "expected"),
    [
        # the article's number runs into the level word once the layout drops the space
        ("广州市慈善促进条例", "第四条 市民政部门主管本市行政区域内的慈善工作", (
            "市民政部门", "actor/civil-affairs-authorities", "actor/prefectural-city-governments",
            None, "responsible")),
        # 公安局 is one of the 公安机关; the city's bureau is a body of its own, narrower
        ("杭州市计算机信息网络安全保护管理条例", "第五条 市公安局根据本条例规定主管全市计算机信息网络安全保护管理工作", (
            "市公安局", None, None, "actor/public-security-organs", "responsible")),
        ("杭州市计算机信息网络安全保护管理条例", "由市公安局给予警告，责令其限期改正", (
            "市公安局", None, None, "actor/public-security-organs", "responsible")),
    ],
)  # fmt: skip
def test_a_level_word_after_an_article_number_opens_the_body(nlp, source, line, expected):
    assert line in local_text(source)
    for text in (line, line.replace(" ", "")):  # as written, and as the layout joins it
        first = found(nlp(text), "actors")[0]
        got = tuple(first[k] for k in ("text", "concept", "level", "broader", "role"))
        assert got == expected


def test_a_standing_committee_at_a_level_is_narrower_than_the_standing_committees(nlp):
    text = "第六条 市人大常委会任免本市国家行政机关下列人员"
    assert text in local_text("北京市人民代表大会常务委员会任免")
    (committee, _) = found(nlp(text), "actors")
    assert committee["broader"] == "actor/peoples-congress-standing-committee"
    (national,) = found(nlp("全国人民代表大会常务委员会决定"), "actors")
    assert national["concept"] == "actor/npc-standing-committee"


def test_a_level_before_a_label_that_lists_levels_adds_its_body(nlp):
    # CONSTRUCTED in the wording of provincial regulations: 市、县人民政府 is one label of the
    # vocabulary (city and county governments); 省、 before it adds the province's
    assert labelled(nlp, "省、市、县人民政府应当加强领导") == [
        ("省、市、县人民政府", "省级人民政府", "actor/provincial-governments", None),
        ("市、县人民政府", "市、县级人民政府", "actor/city-and-county-governments", None),
    ]


# lines of local regulations with (text, concept, role, level) of every body each names
LOCAL_BODIES = json.loads(
    (ROOT / "tests" / "data" / "local_bodies.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", LOCAL_BODIES, ids=lambda c: c["line"][:12])
def test_the_departments_local_regulations_task_are_remits_at_their_level(nlp, case):
    prefix, line = case["regulation"], case["line"]
    expected = [tuple(b) for b in case["bodies"]]
    assert line in local_text(prefix) or line in local_text(prefix).replace(" ", "")
    for text in {line, line.replace(" ", "")}:  # as written, and as a layout that drops the space
        got = [(f["text"], f["concept"], f["role"], f["level"]) for f in found(nlp(text), "actors")]
        assert got == expected


def test_a_list_of_departments_names_each_one_and_shares_the_clause_with_other_parties(nlp):
    # 等部门和单位应当: the bodies and the units they list with are the clause's subject
    line = (
        "公安、教育、民政、旅游、交通、消防等部门和单位应当在各自职责范围内做好急救医疗知识宣传工作"
    )
    assert line in local_text("郑州市社会急救医疗条例")
    assert [(f["concept"], f["role"]) for f in found(nlp(line), "actors")] == [
        ("actor/public-security-organs", "responsible"),
        ("actor/education-authorities", "responsible"),
        ("actor/civil-affairs-authorities", "responsible"),
        ("actor/culture-tourism-authorities", "responsible"),
        ("actor/transport-authorities", "responsible"),
        ("actor/fire-rescue-agencies", "responsible"),
    ]
    line = "第六十六条 有关人民政府和负有安全生产监督管理职责的部门以及有关机构、单位接到生产安全事故报告后，应当立即"
    assert line in local_text("山东省安全生产条例")
    roles = [f["role"] for f in found(nlp(line), "actors")]
    assert roles == ["responsible", "responsible"]


def test_a_county_level_citys_government_and_a_list_of_departments_in_a_city_planning_rule(nlp):
    text = local_text("青岛市城乡规划条例")
    line = "市城乡规划主管部门、县级市人民政府及其城乡规划主管部门、镇人民政府按照规定的权限，负责城乡规划管理工作。"
    assert line in text
    assert [(f["text"], f["concept"], f["role"]) for f in found(nlp(line), "actors")] == [
        ("市城乡规划主管部门", "actor/urban-rural-planning-authorities", "responsible"),
        ("县级市人民政府", "actor/county-governments", "responsible"),  # no prefectural city's
        ("城乡规划主管部门", "actor/urban-rural-planning-authorities", "responsible"),
        ("镇人民政府", "actor/township-governments", "responsible"),
    ]
    line = "土地、建设、城管执法、环境保护、海洋、人民防空、文物等部门按照各自职责，做好城乡规划管理的相关工作。"
    assert line in text
    assert [(f["text"], f["concept"]) for f in found(nlp(line), "actors")] == [
        ("土地", "actor/natural-resources-authorities"),  # the pre-1998 land administration
        ("建设", "actor/housing-urban-rural-authorities"),
        ("城管执法", "actor/environmental-sanitation-authorities"),
        ("环境保护", "actor/ecology-environment-authorities"),
        ("海洋", "actor/ocean-authorities"),
        ("人民防空", "actor/civil-air-defence-authorities"),
        ("文物等部门", "actor/cultural-heritage-authorities"),
    ]
    # a word that ends like a bureau is no body: 空间布局
    line = "统筹协调城乡空间布局，改善人居环境"
    assert line in text and found(nlp(line), "actors") == []


@pytest.mark.parametrize(
    ("prefix", "line", "body"),
    [
        (
            "北京市全民健身条例",
            "第四条 本市各级人民政府依法保障公民参加全民健身活动的权利",
            "各级人民政府",
        ),
        (
            "北京市实施《国防教育法》办法",
            "第六条 本市各级人民政府领导本行政区域内国防教育工作",
            "各级人民政府",
        ),
        (  # 设区的 before the levels a name shares
            "山东省通信基础设施建设与保护条例",
            "第十条 设区的市、县（市）人民政府自然资源主管部门编制详细规划时，应当将",
            "市、县（市）人民政府自然资源主管部门",
        ),
    ],
)
def test_the_areas_own_bodies_after_benshi_are_the_clauses_subject(nlp, prefix, line, body):
    assert line in local_text(prefix)
    assert [(f["text"], f["role"]) for f in found(nlp(line), "actors")] == [(body, "responsible")]


def test_every_item_of_a_department_list_is_a_department_known_or_not(nlp):
    # 等部门 closes a list of departments: one the vocabulary lacks (外经贸, 移民, 兵役) is a body
    # of its own, and the list keeps its level and role
    line = (
        "市经济信息、城乡建设、交通、农业、外经贸、国土房管、市政、水利、移民、林业、园林等部门，"
        "按照规定的职责分工对招标投标活动实施监督"
    )
    assert line in local_text("重庆市招标投标条例")
    got = [
        (f["text"], f["label"], f["concept"], f["role"], f["level"])
        for f in found(nlp(line), "actors")
    ]
    assert [x[:2] for x in got] == [
        ("市经济信息", "市经济信息部门"), ("城乡建设", "市住房城乡建设主管部门"),
        ("交通", "市交通运输主管部门"), ("农业", "市农业农村主管部门"),
        ("外经贸", "市外经贸部门"), ("国土房管", "市国土房管部门"), ("市政", "市市政部门"),
        ("水利", "市水行政主管部门"), ("移民", "市移民部门"), ("林业", "市林业草原主管部门"),
        ("园林等部门", "市园林绿化主管部门"),
    ]  # fmt: skip
    assert {x[3] for x in got} == {"responsible"} and {x[4] for x in got} == {CITY}
    assert [x[2] for x in got if x[2] is None] == [None] * 5
    line = "第二十八条 国防教育办公室应当会同教育、人事、兵役、民防、保密等部门"
    assert line in local_text("北京市实施《国防教育法》办法")
    got = [(f["text"], f["concept"], f["role"]) for f in found(nlp(line), "actors")]
    assert got == [
        ("国防教育办公室", None, "lead"),
        ("教育", "actor/education-authorities", "participant"),
        ("人事", None, "participant"),
        ("兵役", None, "participant"),
        ("民防", "actor/civil-air-defence-authorities", "participant"),
        ("保密等部门", "actor/secrecy-authorities", "participant"),
    ]


def test_a_department_list_item_may_be_a_long_name_or_two_remits_joined(nlp):
    line = "市发展改革、地方金融监管、政务服务数据管理等部门依照有关法律、法规"
    assert line in local_text("深圳经济特区社会信用条例")
    got = [(f["text"], f["concept"], f["role"], f["level"]) for f in found(nlp(line), "actors")]
    assert got == [
        ("市发展改革", "actor/development-reform-authorities", "responsible", CITY),
        ("地方金融监管", "actor/local-financial-regulators", "responsible", CITY),
        ("政务服务数据管理等部门", None, "responsible", CITY),
    ]
    # 海洋和城市管理: two remits the vocabulary knows, joined inside one item
    text = local_text("山东省通信基础设施建设与保护条例")
    line = next(x for x in text.splitlines() if "海洋和城市管理等部门" in x)
    concepts = [f["concept"] for f in found(nlp(line), "actors")]
    assert "actor/ocean-authorities" in concepts
    assert "actor/environmental-sanitation-authorities" in concepts
    assert None not in concepts[: concepts.index("actor/ocean-authorities")]


def test_the_levels_of_a_list_name_their_bodies_alike(nlp):
    # 市和区人民政府信访工作机构: the city's and the district's offices, each named by its level word
    line = "市和区人民政府信访工作机构是本级人民政府负责信访工作的行政机构"
    assert line in local_text("上海市信访条例")
    assert [f["label"] for f in found(nlp(line), "actors")][:2] == [
        "市信访工作机构",
        "区信访工作机构",
    ]


@pytest.mark.parametrize(
    ("name", "line", "surface", "broader"),
    [
        # 重庆市 is a province-level division: its government is no prefectural city's
        ("石柱土家族自治县西沱国家历史文化名镇保护条例(2013-10-08).md",
         "第三条 西沱历史名镇保护范围，是指经重庆市人民政府批准的《西沱国家历史文化名镇保护规划》",
         "重庆市人民政府", "actor/provincial-governments"),
        ("上海市促进浦东新区运用区块链赋能电子单证应用若干规定(2024-12-31).md",
         "浦东新区人民政府应当落实国家和本市有关政策，制定配套措施",
         "浦东新区人民政府", "actor/county-governments"),
    ],
)  # fmt: skip
def test_a_government_named_after_a_division_is_at_the_divisions_level(
    nlp, name, line, surface, broader
):
    assert line in local_text(name.split("(")[0])
    hits = {f["text"]: f for f in found(nlp(line), "actors")}
    assert (hits[surface]["concept"], hits[surface]["broader"]) == (None, broader)
    (city,) = found(nlp("台州市人民政府应当加强领导"), "actors")  # a prefectural city's
    assert city["broader"] == "actor/prefectural-city-governments"


@pytest.mark.parametrize(
    ("line", "surface", "concept"),
    [
        # jieba's 区由市 / 人民政府: the 由 opens the name, 风貌区 is no place of the body
        ("第十二条 经批准确定的历史风貌区由市人民政府公布，并由市规划资源管理部门设立标志。",
         "市人民政府", "actor/prefectural-city-governments"),
        # jieba's 向区 / 人民政府: the district's government, a level of its own
        ("履行修缮义务的建筑所有人或者使用人可以向区人民政府申请资金补助。",
         "区人民政府", "actor/county-governments"),
    ],
)  # fmt: skip
def test_a_level_glued_to_the_word_before_names_that_levels_government(nlp, line, surface, concept):
    assert line in local_text("上海市历史文化风貌区和优秀历史筑保护条例")
    hits = {f["text"]: f for f in found(nlp(line), "actors")}
    assert hits[surface]["concept"] == concept


@pytest.mark.parametrize(
    ("prefix", "line", "body", "role"),
    [
        ("深圳经济特区社会信用条例",
         "第六条 市市场监管部门是本市社会信用体系建设工作主管部门，负责社会信用体系建设工作的组织实施",
         "社会信用体系建设工作主管部门", "mentioned"),
        ("杭州市计算机信息网络安全保护管理条例",
         "第三十一条 互联网新闻信息服务管理部门负责指导、协调互联网新闻信息管理工作",
         "互联网新闻信息服务管理部门", "responsible"),
        ("石柱土家族自治县西沱国家历史文化名镇保护条例",
         "第七条 自治县人民政府设立西沱历史名镇保护管理机构（以下简称保护管理机构）",
         "西沱历史名镇保护管理机构", "mentioned"),
        ("上海市历史文化风貌区", "第七条 本市设立历史风貌区和优秀历史建筑保护专家委员会。",
         "优秀历史建筑保护专家委员会", "mentioned"),
    ],
)  # fmt: skip
def test_a_long_name_of_a_body_outside_the_vocabulary_is_read_whole(nlp, prefix, line, body, role):
    assert line in local_text(prefix)
    hits = {f["text"]: f for f in found(nlp(line), "actors")}
    assert body in hits, sorted(hits)  # before: 体系建设工作主管部门, 新闻信息服务管理部门 …
    assert (hits[body]["concept"], hits[body]["role"]) == (None, role)


def test_a_level_character_inside_a_word_gives_a_body_no_level(nlp):
    line = "第十二条 市、县级城乡基层网格化服务管理工作主管部门应当将住宅小区"
    assert line in local_text("清远市住宅小区物业管理条例")
    (body,) = [f for f in found(nlp(line), "actors") if f["text"].endswith("工作主管部门")]
    assert body["level"] is None  # 乡 of 城乡 is no township
    # a level word after an article's number still opens the body's name
    (province,) = found(nlp("第四十六条省标准化主管部门应当会同民政部门组织制定"), "actors")[:1]
    assert (province["text"], province["level"]) == (
        "省标准化主管部门",
        "actor/provincial-governments",
    )


# -- grassroots self-governing organisations --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [  # quoted from the local regulations
        ("村（居）民委员会在乡（镇）人民政府的指导下，协助做好村道相关工作",
         [(0, 8, "村（居）民委员会", "actor/villagers-committees", "responsible"),
          (0, 8, "村（居）民委员会", "actor/residents-committees", "responsible"),
          (9, 17, "乡（镇）人民政府", "actor/township-governments", "mentioned")]),
        ("居民委员会、村民委员会应当协助国家机关做好相关信访工作",
         [(0, 5, "居民委员会", "actor/residents-committees", "responsible"),
          (6, 11, "村民委员会", "actor/villagers-committees", "responsible"),
          (15, 19, "国家机关", "actor/state-organs", "mentioned")]),
        ("接受街道办事处、乡（镇）人民政府和社区居民委员会指导",
         [(2, 7, "街道办事处", "actor/subdistrict-offices", "mentioned"),
          (8, 16, "乡（镇）人民政府", "actor/township-governments", "mentioned"),
          (17, 24, "社区居民委员会", "actor/residents-committees", "mentioned")]),
    ],
)  # fmt: skip
def test_residents_and_villagers_committees_are_bodies_of_the_vocabulary(nlp, text, want):
    """村（居）民委员会 is both committees, with the same characters: a duty on either reaches
    the village and the urban community alike. A government level with alternatives stays
    one level's body (县（市、区）人民政府 above)."""
    assert actors(nlp, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [  # quoted from the local regulations
        ("（一）对人民代表大会及其常务委员会颁布的地方性法规",
         (4, 17, "人民代表大会及其常务委员会", "actor/peoples-congress", "mentioned")),
        ("近年来，我省各级人大及其常委会认真履行宪法",
         (8, 15, "人大及其常委会", "actor/peoples-congress", "mentioned")),
    ],
)  # fmt: skip
def test_a_congress_and_its_standing_committee_are_one_mention_of_the_congress(nlp, text, want):
    """As 全国人民代表大会及其常务委员会 is of the NPC: no 常务委员会 left over as a body of its own."""
    assert actors(nlp, text) == [want]


def _actor_mentions(nlp, stem: str) -> list[tuple[int | None, str, str | None, str | None]]:
    from policykg.extract.pipeline import analyse_file

    (path,) = (CORPUS / "local-regulations").glob(f"{stem}*.md")
    doc = analyse_file(path, nlp)
    return [
        (u.number, m.text, m.concept, m.attrs.get("role"))
        for u in doc.units
        for m in u.mentions
        if m.type == "actor"
    ]


def test_mass_organisations_and_the_parties_laws_bind_are_actors(nlp):
    """Trade unions, women's federations and the Youth League are bodies laws task (人民团体);
    生产经营单位, 物业服务企业, 招标人 are the parties regulations bind. 工会 inside 职工 / 会议
    is no union: a label both of whose edges fall inside other words is not read."""
    unions = _actor_mentions(nlp, "重庆市工会条例")
    assert sum(c == "actor/trade-unions" for _, _, c, _ in unions) >= 100
    safety = _actor_mentions(nlp, "山东省安全生产条例")
    assert ("actor/production-and-business-units", "responsible") in {
        (c, r) for _, _, c, r in safety
    }
    bidding = _actor_mentions(nlp, "重庆市招标投标条例")
    assert {"actor/tenderers", "actor/bidders", "actor/tendering-agencies"} <= {
        c for _, _, c, _ in bidding
    }
    property_ = _actor_mentions(nlp, "台州市物业管理条例")
    assert ("物业服务企业", "actor/property-service-providers") in {
        (t, c) for _, t, c, _ in property_
    }
    text = "职工会议讨论通过后，由工会、妇联和共青团组织实施。"
    assert [(a[2], a[3]) for a in actors(nlp, text)] == [
        ("工会", "actor/trade-unions"),
        ("妇联", "actor/womens-federations"),
        ("共青团", "actor/communist-youth-league"),
    ]


def test_a_citys_housing_and_construction_department_is_the_housing_authority_at_its_level(nlp):
    """深圳's 市住房建设主管部门 (its bureau is 住房和建设局): the city's housing authority, which
    the regulation tasks, not 建设主管部门 cut out of it with no level and no role."""
    found = _actor_mentions(nlp, "深圳经济特区绿色建筑条例")
    housing = [(t, r) for _, t, c, r in found if c and "housing" in c]
    assert ("市住房建设主管部门", "responsible") in housing
    assert not [t for t, _ in housing if t == "建设主管部门"]
    # 水务 in its 第五条's list of departments is the city's water authority (水务局)
    assert (5, "水务", "actor/water-authorities", "responsible") in found


def test_a_province_level_citys_own_bodies_are_at_the_provincial_level(nlp):
    """In Beijing's, Shanghai's or Chongqing's regulations 市人民政府 is the province-level
    city's government and 市交通行政管理部门 its department: provincial-level bodies. In a
    prefectural city's (济南) they stay at the prefectural level."""
    shanghai = _actor_mentions(nlp, "上海市公路管理条例")
    assert ("市人民政府", "actor/provincial-governments") in {(t, c) for _, t, c, _ in shanghai}
    assert "actor/prefectural-city-governments" not in {c for _, _, c, _ in shanghai}
    jinan = _actor_mentions(nlp, "济南市防震减灾条例")
    assert ("市人民政府", "actor/prefectural-city-governments") in {(t, c) for _, t, c, _ in jinan}
    from policykg.extract.pipeline import analyse_file

    (path,) = (CORPUS / "local-regulations").glob("上海市公路管理条例*.md")
    levels = {
        m.attrs.get("level")
        for u in analyse_file(path, nlp).units
        for m in u.mentions
        if m.type == "actor" and m.text.startswith("市交通")
    }
    assert levels == {"actor/provincial-governments"}


def test_bodies_and_places_in_a_cited_title_are_not_the_texts(nlp):
    """《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》 and 《浙江省物业管理条例》 name
    acts: the bodies and the province in them neither act nor are acted on in the article."""
    from policykg.extract.pipeline import analyse_file

    (path,) = (CORPUS / "local-regulations").glob("台州市物业管理条例*.md")
    doc = analyse_file(path, nlp)
    cited = [u for u in doc.units if "《浙江省物业管理条例》" in u.text]
    assert cited
    for u in cited:
        titles = [(m.start(), m.end()) for m in re.finditer(r"《[^》]*》", u.text)]
        for m in u.mentions:
            if m.type in ("actor", "region"):
                at = m.start - u.start
                assert not any(s <= at < e for s, e in titles), (m.text, u.text[:60])


@pytest.mark.parametrize(
    "text",
    [
        "政府采购的法律、法规对政府采购货物、服务的招标投标另有规定的，从其规定。",
        "第十六条 政府投资的信息工程项目，投资主管部门在按照程序审批前，应当征求意见。",
        "物业服务收费依法实行政府指导价或者市场调节价。",
    ],
)
def test_a_government_that_qualifies_a_noun_is_no_body(nlp, text):
    """政府采购, 政府投资的项目, 政府指导价: procurement, investment and prices of the state, not a
    government acting (县级以上人民政府投资建设 is one)."""
    assert not [a for a in actors(nlp, text) if "政府" in a[2]]
    assert [a[2] for a in actors(nlp, "县级以上人民政府投资建设公共设施。")] == ["县级以上人民政府"]


# (regulation, line, [(body, role)]): who carries a clause's duty, read from real articles
ROLE_LINES = [
    # a body's staff, officers and departments act, not the body its name qualifies
    ("山东省通信基础设施建设与保护条例", "第三十九条 通信主管部门工作人员在进行监督检查时，不得妨碍被检查单位的正常工作秩序",
     [("通信主管部门", "mentioned")]),
    ("北京市人民代表大会常务委员会任免国家机关工作人员条例", "（二）市人民政府副市长和秘书长，市人民政府组成部门的局长、主任。",
     [("市人民政府", "mentioned"), ("市人民政府", "mentioned")]),
    # ... but 负责人民防空 is 负责 + 人民防空, and the assembly's meeting is the assembly acting
    ("北京市实施《国防教育法》办法", "民防行政部门负责人民防空教育工作。",
     [("民防行政部门", "responsible")]),
    ("台州市物业管理条例", "第二十八条 业主大会会议选举产生新一届业主委员会的，",
     [("业主大会", "responsible"), ("业主委员会", "mentioned")]),
    # a list item that ends in 的 is a condition: its bodies are its topic
    ("台州市物业管理条例", "（三）业主大会成立后，未能选举产生业主委员会的；",
     [("业主大会", "mentioned"), ("业主委员会", "mentioned")]),
    # parties the vocabulary does not know still share the clause with the bodies around them
    ("浙江省台湾同胞投资保障条例", "人民法院、仲裁机构及有关部门在处理涉及台湾同胞和随行家属的纠纷时，可以邀请",
     [("人民法院", "responsible"), ("有关部门", "responsible")]),
    ("广东省实施《消防法》办法", "第五条 各级人民政府及其有关部门和社会团体、企业、事业等单位应当组织开展",
     [("各级人民政府", "responsible"), ("有关部门", "responsible"), ("社会团体", "responsible")]),
    # an agency or association outside the vocabulary is a body where it is a duty's subject
    ("重庆市行政执法监督条例", "第十四条 行政执法监督机构履行监督职责时，可以对被监督事项进行调查",
     [("行政执法监督机构", "responsible")]),
    ("郑州市社会急救医疗条例", "第九条 紧急医疗救援机构应当履行下列职责：",
     [("紧急医疗救援机构", "responsible")]),
    ("上海市医疗保障条例", "基本医疗保险基金收入预算由市医疗保障经办机构会同市税务部门具体编制",
     [("市医疗保障经办机构", "lead"), ("市税务部门", "participant")]),
    # ... also with two remits joined by 和 in its name, or listed after a body
    ("深圳经济特区社会信用条例", "公共管理和服务机构应当及时、准确、全面记录和存储其产生",
     [("公共管理和服务机构", "responsible")]),
    ("上海市医疗保障条例", "医疗保障部门和医疗保障经办机构应当加强对定点医药机构内部医保管理部门",
     [("医疗保障部门", "responsible"), ("医疗保障经办机构", "responsible"), ("医保管理部门", "mentioned")]),
]  # fmt: skip


@pytest.mark.parametrize(("prefix", "line", "expected"), ROLE_LINES, ids=lambda v: str(v)[:10])
def test_the_role_is_the_clauses_not_the_names(nlp, prefix, line, expected):
    assert line in local_text(prefix)
    assert [(f["text"], f["role"]) for f in found(nlp(line), "actors")] == expected


def test_courts_are_read_by_their_tier_and_a_citys_court_is_that_citys(nlp):
    # the higher court of a province-level city, its intermediate courts and the specialised
    # courts, named as the bodies whose presidents the standing committee appoints
    line = "（四）市高级人民法院副院长和市各中级人民法院、北京知识产权法院、北京金融法院、北京互联网法院的院长、副院长。"
    assert line in local_text("北京市人民代表大会常务委员会任免国家机关工作人员条例")
    got = [(f["text"], f["concept"], f["broader"], f["role"]) for f in found(nlp(line), "actors")]
    assert got == [
        ("市高级人民法院", None, "actor/higher-peoples-courts", "mentioned"),
        ("中级人民法院", "actor/intermediate-peoples-courts", None, "mentioned"),
        ("知识产权法院", "actor/specialised-peoples-courts", None, "mentioned"),
        ("金融法院", "actor/specialised-peoples-courts", None, "mentioned"),
        ("互联网法院", "actor/specialised-peoples-courts", None, "mentioned"),
    ]


def test_a_level_word_right_after_the_article_number_opens_the_remits_name(nlp):
    # the layout joins 第五条 and its text: 条 is no part of a name, so 市 opens the
    # department's, which takes the city's level and the article's duty
    line = "第五条 市交通行政管理部门按照职责分工负责本市公路的规划"
    assert line in local_text("上海市公路管理条例")
    for text in (line, line.replace(" ", "")):
        got = [(f["text"], f["role"], f["level"]) for f in found(nlp(text), "actors")]
        assert got == [("市交通行政管理部门", "responsible", "actor/prefectural-city-governments")]


def test_a_short_name_a_law_defines_stands_for_its_body_in_the_units_after(nlp):
    """第二条 北京市人民代表大会常务委员会（以下简称市人大常委会）: every later 市人大常委会 is
    that committee (the document's issuer, one node with it), not a committee of some city;
    依法负有处理职责的行政机关（以下简称信访处理机关） makes 信访处理机关 administrative organs."""
    from policykg.extract.pipeline import analyse_file

    doc = analyse_file(
        next(CORPUS.glob("local-regulations/北京市人民代表大会常务委员会任免*")), nlp
    )
    short = [m for u in doc.units for m in u.mentions if m.text == "市人大常委会"]
    assert len(short) > 50
    assert {(m.label, m.attrs["method"]) for m in short} == {
        ("北京市人民代表大会常务委员会", "short form")
    }
    assert "北京市人民代表大会常务委员会" in doc.issuers
    doc = analyse_file(next(CORPUS.glob("local-regulations/上海市信访条例*")), nlp)
    organs = [(m.concept, m.attrs["role"]) for u in doc.units for m in u.mentions
              if m.text == "信访处理机关"]  # fmt: skip
    assert organs and {c for c, _ in organs} == {"actor/administrative-organs"}
    assert ("actor/administrative-organs", "responsible") in organs
    # 市和区、县人民代表大会常务委员会（以下简称常务委员会）: one name, its levels listed in it;
    # every later 常务委员会 is a people's congress standing committee
    doc = analyse_file(
        next(CORPUS.glob("local-regulations/北京市各级人民代表大会常务委员会*")), nlp
    )
    committees = [m for u in doc.units for m in u.mentions if m.text == "常务委员会"]
    assert len(committees) > 40  # 常务委员会工作机构, its working bodies, are bodies of their own
    assert {m.attrs["broader"] for m in committees} == {"actor/peoples-congress-standing-committee"}


def test_a_bodys_office_or_department_acts_and_the_body_is_named_as_its_owner(nlp):
    # the government's legal affairs office does the supervising, under the government's name
    line = "市、区县（自治县）人民政府法制工作机构负责本行政区域内行政执法监督的具体工作"
    assert line in local_text("重庆市行政执法监督条例")
    got = [(f["text"], f["label"], f["role"]) for f in found(nlp(line), "actors")]
    assert got[-1] == ("法制工作机构", "区县人民政府法制工作机构", "responsible")
    assert {role for _, _, role in got[:-1]} == {"mentioned"}
    # the province's departments with work-safety duties may delegate, not the province itself
    line = "第五十九条 省人民政府负有安全生产监督管理职责的部门可以在其法定职权范围内"
    assert line in local_text("山东省安全生产条例")
    got = [(f["text"], f["role"]) for f in found(nlp(line), "actors")]
    assert got == [("省人民政府", "mentioned"), ("负有安全生产监督管理职责的部门", "responsible")]
    # the standing committee's general office draws up the procedure
    line = "施本办法的工作程序，由常务委员会办公厅（室）制定"
    assert line in local_text("北京市各级人民代表大会常务委员会")
    got = [(f["text"], f["label"], f["role"]) for f in found(nlp(line), "actors")]
    assert got == [
        ("常务委员会", "常务委员会", "mentioned"),
        ("办公厅", "常务委员会办公厅", "responsible"),
    ]


def test_an_agency_read_as_a_duty_subject_is_that_body_wherever_the_text_names_it(nlp):
    """浙江省社会养老服务促进条例: 养老机构应当… makes elderly-care institutions a body, so its
    other mentions (as an object, in a list, after 对) are read too: one sense per document."""
    from policykg.extract.pipeline import analyse_file

    doc = analyse_file(next(CORPUS.glob("local-regulations/浙江省社会养老服务促进条例*")), nlp)
    named = [m for u in doc.units for m in u.mentions if m.text == "养老机构"]
    assert len(named) == sum(u.text.count("养老机构") for u in doc.units) == 59
    assert {m.attrs["role"] for m in named} == {"mentioned", "responsible"}
    assert {(m.label, m.concept) for m in named} == {("养老机构", None)}


def test_an_agency_a_later_article_reads_as_a_subject_is_that_body_before_it_too(nlp):
    """郑州市建设工程施工安全管理条例 first makes 建设工程安全监督管理机构 a duty's subject in 第三十三条
    (…应当对已经办理施工许可证等开工手续的建设工程实施监督); the articles before it name the agency
    too (第五条 其所属的市建设工程安全监督管理机构具体组织实施, 第十一条 …到建设工程安全监督管理机构
    确认…), and it is that body there as well: one sense per document, not per reading order. So
    is 上海市医疗保障条例's 医疗保障经办机构 in 第五条, taught by 第二十七条."""
    from policykg.extract.pipeline import analyse_file

    doc = analyse_file(next(CORPUS.glob("local-regulations/郑州市建设工程施工安全管理条例*")), nlp)
    name = "建设工程安全监督管理机构"
    for unit in doc.units:
        named = [m for m in unit.mentions if m.type == "actor" and m.text == name]
        assert len(named) == unit.text.count(name), unit.title
    (fifth,) = [u for u in doc.units if u.number == 5]
    assert sum(m.text == name for m in fifth.mentions) == 2
    doc = analyse_file(next(CORPUS.glob("local-regulations/上海市医疗保障条例*")), nlp)
    (fifth,) = [u for u in doc.units if u.number == 5]
    assert "其所属的医疗保障经办机构按照规定职责承担" in fifth.text
    assert "医疗保障经办机构" in {m.label for m in fifth.mentions if m.type == "actor"}


def test_an_agency_is_read_again_at_the_offset_it_was_taught_at_in_another_unit():
    """The mention that taught a body is not read twice; another unit's mention at the same
    offsets is no such mention (广州市慈善促进条例 第二十七条 names a charity at offset 56, where
    第二十一条's taught the agency in an earlier reading)."""
    from policykg.extract.actors import Actor, _short_forms

    text = local_text("广州市慈善促进条例").split("第二十七条 ")[1].split("\n")[0]
    text = "第二十七条" + text
    assert text.find("慈善组织") == 56
    taught = Actor(56, 60, None, "慈善组织", None, "responsible", "pattern")
    got = _short_forms(text, [], {"慈善组织": taught})
    assert [(text[a.start : a.end], a.role) for a in got] == [("慈善组织", "mentioned")]


def test_a_name_a_text_defines_holds_only_after_its_definition():
    """Read again once the document is read, a unit gets the agencies later units taught, never
    a short name defined after it (以下简称 names what follows, as the text says)."""
    from policykg.extract.actors import Actor, read_again

    def body(label: str, concept: str | None, method: str) -> Actor:
        return Actor(0, len(label), concept, label, None, "responsible", method)

    forms = {  # in the order the units taught them
        "常务委员会": body("市人民代表大会常务委员会", "actor/x", "vocabulary"),
        "慈善组织": body("慈善组织", None, "pattern"),
    }
    text = "常务委员会应当支持慈善组织开展活动"
    assert read_again(text, forms, 2) is None  # both known when it was read
    assert list(read_again(text, forms, 1) or ()) == ["常务委员会", "慈善组织"]
    assert list(read_again(text, forms, 0) or ()) == ["慈善组织"]
    assert read_again("民政部门应当支持", forms, 0) is None


def test_the_councils_of_a_standing_committee_and_the_bidding_supervisors_are_bodies(nlp):
    """Bodies every local rule of a kind names, from the laws that set them up: a standing
    committee's council of chairpersons (主任会议) decides what goes before the committee, and the
    departments that supervise bidding (有关行政监督部门) enforce a bidding rule's penalties."""
    line = "第六条 主任会议根据实际需要或者“一府两院”的要求，可以适当调整年度执法检查计划"
    assert line in local_text("北京市各级人民代表大会常务委员会")
    got = [(f["text"], f["concept"], f["role"]) for f in found(nlp(line), "actors")]
    assert got[0] == ("主任会议", "actor/council-of-chairpersons", "responsible")
    # the bodies it supervises, named together and in quotes, answer to its opinions
    line = "第十六条 “一府两院”应当于收到审议意见书后三个月内"
    assert line in local_text("北京市各级人民代表大会常务委员会")
    got = [(f["text"], f["concept"], f["role"]) for f in found(nlp(line), "actors")]
    assert got == [("一府两院", "actor/government-court-procuratorate", "responsible")]
    line = "招标代理机构违反本条例第十三条规定的，由有关行政监督部门责令改正"
    assert line in local_text("重庆市招标投标条例")
    got = [(f["text"], f["concept"], f["role"]) for f in found(nlp(line), "actors")]
    assert (
        "有关行政监督部门",
        "actor/administrative-supervision-departments",
        "responsible",
    ) in got
    # 监督 inside the body's name is no instrument cue of the article (第十七条: 监督 only there)
    from policykg.extract.pipeline import VOCABULARIES, analyse_file, make_nlp
    from policykg.graph.vocabularies import load_vocabularies

    full = make_nlp(load_vocabularies(VOCABULARIES))
    doc = analyse_file(next(CORPUS.glob("local-regulations/重庆市招标投标条例*")), full)
    (unit,) = [u for u in doc.units if u.number == 17]
    cues = {m.attrs["cues"] for m in unit.mentions if m.type == "instrument"}
    assert cues and not any("监督" in c for c in cues)


@pytest.mark.parametrize(
    ("stem", "line", "subject"),
    [
        ("河南省食品小作坊", "第十条 各类食品行业协会应当加强行业自律", "食品行业协会"),
        ("上海市促进科技成果转化条例", "相关行业协会应当提供信息、培训、咨询等服务", "行业协会"),
        (
            "山东省安全生产条例",
            "其他生产经营单位应当每年至少组织一次综合或者专项应急救援预案演练",
            "生产经营单位",
        ),
        ("上海市医疗保障条例", "第八条 医药等相关行业协会依法制定和组织实施自律性规范", "行业协会"),
    ],
)
def test_a_body_after_a_determiner_opening_its_clause_is_its_subject(nlp, stem, line, subject):
    """各类, 相关, 其他 before a body at a clause's start leave it the subject of the duty."""
    assert line in local_text(stem)
    got = [(f["text"], f["role"]) for f in found(nlp(line), "actors")]
    assert (subject, "responsible") in got


def test_a_body_a_definition_spells_out_is_mentioned_not_responsible(nlp):
    """重庆市招标投标条例 第五十五条 says what 有关行政监督部门 covers: no duty of theirs."""
    line = "其他有关行政监督部门包括经济信息、城乡建设、交通"
    assert line in local_text("重庆市招标投标条例")
    got = [(f["text"], f["role"]) for f in found(nlp(line), "actors")]
    assert got[0] == ("有关行政监督部门", "mentioned")


def test_the_small_food_producers_a_province_rules_are_regulated_parties(nlp):
    """The Food Safety Law (art. 36) leaves small food workshops, outlets and vendors to the
    provinces (河南省食品小作坊、小经营店和小摊点管理条例). They are regulated parties of the
    vocabulary, and the short names the rule defines (食品小作坊（以下称小作坊）) stand for the
    food ones, narrower than the small workshops and street vendors the words name elsewhere."""
    from policykg.extract.pipeline import analyse_file

    doc = analyse_file(next(CORPUS.glob("local-regulations/河南省食品小作坊*")), nlp)
    (sixteenth,) = [u for u in doc.units if u.number == 16]
    assert sixteenth.text.startswith("第十六条小作坊、小经营店和小摊点采购食品原料")
    got = [(m.text, m.concept, m.attrs["role"]) for m in sixteenth.mentions if m.type == "actor"]
    assert got[:3] == [
        ("小作坊", "actor/small-food-workshops", "responsible"),
        ("小经营店", "actor/small-food-outlets", "responsible"),
        ("小摊点", "actor/food-vendors", "responsible"),
    ]
    after = [m for u in doc.units if u.number and u.number > 3 for m in u.mentions]
    assert {m.concept for m in after if m.text in ("小作坊", "小摊点")} == {
        "actor/small-food-workshops",
        "actor/food-vendors",
    }
    # every one, but the title the last article cites (《河南省食品生产加工小作坊和食品摊贩管理办法》)
    assert sum(m.text == "小作坊" for m in after) == 51
    later = [u.text for u in doc.units if u.number and u.number > 3]
    assert sum(t.count("小作坊") - t.count("食品小作坊") for t in later) == 52
    # undefined, the words keep their wider sense
    got = [
        (f["text"], f["concept"]) for f in found(nlp("依法查处无证经营的小作坊和小摊点"), "actors")
    ]
    assert got == [("小作坊", "actor/small-workshops"), ("小摊点", "actor/street-vendors")]


def test_social_organisations_are_bodies_of_their_own_kind(nlp):
    """The non-profits registered with civil affairs (社会团体, 基金会, 社会服务机构) and the
    charities the Charity Law makes of them are tasked and regulated beside the state
    (pkg:SocialOrganisation), a kind of actor of their own."""
    line = (
        "第六条 国家机关、企业事业单位、社会团体应当加强民族政策、民族法律法规和民族知识的宣传教育"
    )
    assert line in local_text("浙江省少数民族权益保障条例")
    got = [(f["text"], f["concept"], f["role"]) for f in found(nlp(line), "actors")]
    assert ("社会团体", "actor/social-groups", "responsible") in got
    line = (
        "鼓励《中华人民共和国慈善法》公布前已经设立并符合慈善组织认定条件的基金会、社会团体、"
        "社会服务机构等非营利性组织向民政部门申请认定为慈善组织"
    )
    assert line in local_text("广州市慈善促进条例")
    concepts = [f["concept"] for f in found(nlp(line), "actors")]
    assert concepts == [
        "actor/charitable-organisations",
        "actor/foundations",
        "actor/social-groups",
        "actor/social-service-agencies",
        "actor/civil-affairs-authorities",
        "actor/charitable-organisations",
    ]
    # industry associations: the kind in a list, and the kind of a longer name that acts
    line = "征求有关部门、行业协会、企业事业单位和公众等方面的意见"
    assert line in (CORPUS / "law-air-pollution-2018.txt").read_text(encoding="utf-8")
    got = [(f["text"], f["concept"]) for f in found(nlp(line), "actors")]
    assert ("行业协会", "actor/industry-associations") in got
    line = "第九条 物业服务行业协会应当依法加强行业自律"
    assert line in local_text("台州市物业管理条例")
    got = [(f["text"], f["concept"], f["broader"], f["role"]) for f in found(nlp(line), "actors")]
    assert got == [("物业服务行业协会", None, "actor/industry-associations", "responsible")]
    from policykg.graph.vocabularies import load_terms

    kinds = {t["id"]: t["types"] for t in load_terms("actors.ttl")}
    assert all(
        "SocialOrganisation" in " ".join(kinds[c]) for c in set(concepts) if "civil" not in c
    )


def test_the_price_bureaus_older_names_are_the_price_authorities(nlp):
    """物价部门 (the price bureaus, 物价局, until the 2018 reform) are the price authorities, so a
    list of departments naming them (市财政、物价部门) gives both departments, participants of the
    fee rule the transport department leads (上海市公路管理条例 第五十七条)."""
    line = "由市交通行政管理部门会同市财政、物价部门根据国家和本市有关规定确定"
    assert line in local_text("上海市公路管理条例")
    got = [(f["concept"], f["role"]) for f in found(nlp(line), "actors")]
    assert got == [
        ("actor/transport-authorities", "lead"),
        ("actor/finance-authorities", "participant"),
        ("actor/price-authorities", "participant"),
    ]


def test_bodies_that_share_a_duty_with_others_all_carry_it(nlp):
    """济南市防震减灾条例 第四条: the earthquake authority, 与 the departments listed after it,
    按照职责分工共同做好防震减灾工作: each of them is responsible, though a short name's definition
    and a comma stand between (none was before). The definition no longer hides the subject of
    北京's 检查办法 第二条 either (…常务委员会（以下简称常务委员会）每年选择…)."""
    line = local_text("济南市防震减灾条例").split("\n第四条 ")[1].split("\n")[0]
    assert "（以下简称地震工作主管部门），与发展改革" in line
    got = [(f["text"], f["role"]) for f in found(nlp("第四条 " + line), "actors")]
    assert got[0] == ("市、县（市、区）人民政府地震工作主管部门", "responsible")
    assert got[1] == ("地震工作主管部门", "mentioned")  # the name it defines
    assert len(got) == 9 and {role for _, role in got[2:]} == {"responsible"}
    # a body that does something 与 another, with no 共同 after: the other is no subject
    line = "县级以上人民政府应当加强与驻军的联系"
    assert [f["role"] for f in found(nlp(line), "actors")] == ["responsible"]
    line = "第二条 市和区、县人民代表大会常务委员会（以下简称常务委员会）每年选择若干"
    assert line in local_text("北京市各级人民代表大会常务委员会")
    got = {f["text"]: f["role"] for f in found(nlp(line), "actors")}
    assert got["市和区、县人民代表大会常务委员会"] == "responsible"


@pytest.mark.parametrize(
    ("stem", "line", "surface"),
    [
        ("北京市中小学生", "技工学校学生的事故预防与处理由本市劳动和社会保障部门依照本条例", "劳动和社会保障部门"),
        ("重庆市工会条例", "由县级以上人民政府或劳动保障行政部门、主管部门或所在单位", "劳动保障行政部门"),
    ],
)  # fmt: skip
def test_the_labour_departments_are_todays_human_resources_authorities(nlp, stem, line, surface):
    """劳动和社会保障部门 became the human resources and social security departments in 2008;
    rules passed before name them so, and they are today's remit, the old name kept."""
    assert line in local_text(stem)
    got = [f for f in found(nlp(line), "actors") if surface in f["text"]]
    assert [(f["concept"], f["former_name"]) for f in got] == [
        ("actor/human-resources-authorities", surface)
    ]


def test_a_department_named_after_two_remits_is_one_body_at_its_level(nlp):
    """郑州市房屋使用安全管理条例 names its regulator 市住房保障和房地产管理部门 eight times; read
    from 房地产管理部门 alone it lost its level and, no longer at the clause's start, its duties.
    It is the city's real-estate authority, the whole name its mention."""
    line = "第四十条 市住房保障和房地产管理部门应当建立房屋使用安全动态管理制度"
    assert line in local_text("郑州市房屋使用安全管理条例")
    got = [(f["text"], f["concept"], f["level"], f["role"]) for f in found(nlp(line), "actors")]
    assert got == [
        (
            "市住房保障和房地产管理部门",
            "actor/housing-administration-authorities",
            "actor/prefectural-city-governments",
            "responsible",
        )
    ]
    # a comma between the lead and its 会同 leaves it the lead
    line = (
        "第二十五条 市住房保障和房地产管理部门、县（市）、上街区房屋使用安全管理部门，"
        "应当会同自然资源和规划等部门"
    )
    assert line in local_text("郑州市房屋使用安全管理条例")
    got = {f["text"]: f["role"] for f in found(nlp(line), "actors")}
    assert got["上街区房屋使用安全管理部门"] == "lead"
    assert got["自然资源和规划等部门"] == "participant"
    # 市 of 市场 is no level: two remits listed, not one department of the city
    got = [f["text"] for f in found(nlp("由市场监管和质量技术监督部门负责"), "actors")]
    assert got == ["市场监管", "质量技术监督部门"]


def test_a_list_closed_by_its_kind_shares_one_part_in_the_clause(nlp):
    """工会、共青团、妇联、残联等社会团体应当…: the kind 等 closes a list with is in that list, and
    acts with it (it was `mentioned` alone); 人民团体 is the mass organisations' kind, whose
    federations are narrower; a name ending in a social organisation (养老服务行业协会, 公益慈善组织)
    is read whole wherever it stands in a list of bodies, not only as a duty's subject."""
    line = "第二十九条 工会、共青团、妇联、残联等社会团体应当结合自身特点"
    assert line in local_text("北京市全民健身条例")
    got = [(f["text"], f["role"]) for f in found(nlp(line), "actors")]
    assert got[-1] == ("社会团体", "responsible") and {r for _, r in got} == {"responsible"}
    (line,) = [
        line
        for line in local_text("浙江省社会养老服务促进条例").splitlines()
        if line.startswith("工会、共产主义青年团、妇女联合会、残疾人联合会等人民团体和")
    ]
    after = [(f["text"], f["concept"], f["broader"], f["role"]) for f in found(nlp(line), "actors")]
    assert [t for t, *_ in after] == [
        "工会",
        "共产主义青年团",
        "妇女联合会",
        "残疾人联合会",
        "人民团体",
        "养老服务行业协会",
        "公益慈善组织",
        "志愿服务组织",
        "社会组织",
    ]
    assert {r for *_, r in after} == {"responsible"}
    assert ("人民团体", "actor/mass-organisations", None, "responsible") in after
    assert ("养老服务行业协会", None, "actor/industry-associations", "responsible") in after
    assert ("公益慈善组织", None, "actor/charitable-organisations", "responsible") in after
    terms = {t["id"]: t for t in load_terms("actors.ttl")}
    assert "actor/mass-organisations" in terms["actor/womens-federations"]["broader"]
    # a kind after 等有关 takes the list's part too: the participants of 会同
    line = (
        "市人民政府生态环境主管部门会同气象主管机构等有关部门建立本行政区域重污染天气监测预警机制"
    )
    assert line in corpus_text("law-air-pollution-2018.txt")
    got = [(f["text"], f["role"]) for f in found(nlp(line), "actors")]
    assert got[-2:] == [("气象主管机构", "participant"), ("有关部门", "participant")]


def test_the_bodies_an_agent_list_names_after_its_relevant_ones_all_act(nlp):
    """由有关国家机关给予奖励: the bodies 由 names act, 有关 between or not; and a list goes on
    over 其他有关的 (山东省安全生产条例 第六十七条: every body that sends staff to the inquiry)."""
    line = "对在信访工作中作出优异成绩的单位或者个人，由有关国家机关给予奖励。"
    assert line in local_text("上海市信访条例")
    assert [(f["text"], f["role"]) for f in found(nlp(line), "actors")] == [
        ("国家机关", "responsible")
    ]
    line = (
        "事故调查组由有关人民政府、应急管理部门、其他有关的负有安全生产监督管理职责的部门、"
        "公安机关以及工会派人组成"
    )
    assert line in local_text("山东省安全生产条例")
    got = [(f["text"], f["role"]) for f in found(nlp(line), "actors")]
    assert len(got) == 5 and {r for _, r in got} == {"responsible"}


def test_a_body_read_before_its_agency_was_taught_acts_with_it(nlp):
    """郑州市建设工程施工安全管理条例 第三十五条 城乡建设行政主管部门及其建设工程安全监督管理机构应当
    …: the agency is read in this article only on the second look (a later article teaches
    it), and the department before it, `mentioned` at the first (its list then ended at 及其),
    acts with it."""
    mentions = _actor_mentions(nlp, "郑州市建设工程施工安全管理条例")
    art35 = [(t, r) for n, t, _, r in mentions if n == 35]
    assert art35[:2] == [
        ("城乡建设行政主管部门", "responsible"),
        ("建设工程安全监督管理机构", "responsible"),
    ]


def test_the_bodies_a_body_organises_for_a_task_take_part_in_it(nlp):
    """县级以上地方人民政府应当组织环境保护等部门，对…进行调查评估: the government is responsible, the
    departments it organises take part (they were only mentioned); a body 组织 sets up, with no
    task after it (依法参加和组织工会的权利), is no participant."""
    line = "县级以上地方人民政府应当组织环境保护等部门，对饮用水水源保护区"
    assert line in corpus_text("law-water-pollution-2017.txt")
    got = [(f["text"], f["role"]) for f in found(nlp(line), "actors")]
    assert got == [("县级以上地方人民政府", "responsible"), ("环境保护等部门", "participant")]
    line = "由县（市、区）人民政府组织房屋使用安全管理部门、乡（镇）人民政府、街道办事处等采取加固"
    assert line in local_text("郑州市房屋使用安全管理条例")
    got = [(f["text"], f["role"]) for f in found(nlp(line), "actors")]
    assert [r for _, r in got[1:]] == ["participant"] * 3
    line = "都有依法参加和组织工会的权利"
    assert line in local_text("重庆市工会条例")
    assert [f["role"] for f in found(nlp(line), "actors")] == ["mentioned"]
