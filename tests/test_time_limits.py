"""Time limits counted from an event (自受理之日起六十日内): the procedural deadlines of
regulations, read as deadlines with a length (ISO 8601 duration) and the event they run from,
on the bundled local regulations."""

from __future__ import annotations

import pytest

from policykg.extract.deadlines import find_deadlines
from tests.conftest import CORPUS

REGULATIONS = CORPUS / "local-regulations"


def _text(stem: str) -> str:
    (path,) = REGULATIONS.glob(f"{stem}*.md")
    return path.read_text(encoding="utf-8")


TIME = "http://www.w3.org/2006/time#"
PKG = "https://w3id.org/policykg/ontology#"


def _graph(doc):
    """The document's graph in rdflib, for SHACL."""
    import rdflib
    from pyoxigraph import RdfFormat, serialize

    from policykg.graph.rdf import document_quads

    data = serialize((q.triple for q in document_quads(doc)), format=RdfFormat.N_TRIPLES)
    return rdflib.Graph().parse(data=data, format="nt")


def _shapes():
    import rdflib

    from policykg.graph.vocabularies import ONTOLOGY_DIR

    return rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


def _limits(text: str) -> list[tuple[str | None, str | None, bool]]:
    return [
        (d.counted_from, d.duration, d.working_days)
        for d in find_deadlines(text)
        if d.kind == "duration"
    ]


def test_the_time_limits_of_a_petitions_regulation_are_read_with_their_events():
    limits = _limits(_text("上海市信访条例"))
    assert limits == [
        (None, "P15D", False),  # 收到信访事项的，应当予以登记，并在十五日内…: a duty's limit
        ("受理", "P60D", False),
        (None, "P15D", False),
        ("收到转送、交办", "P15D", False),
        ("收到信访事项", "P15D", False),
        ("受理", "P60D", False),
        ("收到信访处理意见", "P30D", False),
        ("收到复查申请", "P30D", False),
        ("收到信访复查意见", "P30D", False),
        ("收到复核申请", "P30D", False),
        (None, "P30D", False),  # 收到改进建议的行政机关应当在三十日内书面反馈情况
    ]
    found = [d for d in find_deadlines(_text("上海市信访条例")) if d.kind == "duration"]
    assert all(d.date is None and d.certainty == "within" for d in found)
    assert found[1].text == "自受理之日起六十日内" and found[0].text == "在十五日内"


def test_a_duty_to_act_within_hours_or_minutes_is_a_time_limit_from_the_clause_before():
    """应当在24小时内 after 事故发生后: the limit of a duty, its event told in the clause before
    (or not told); hours and minutes are ISO 8601's time designators (PT24H, PT1M)."""
    school = _limits(_text("北京市中小学生人身伤害事故预防与处理条例"))
    assert ("事故发生", "PT24H", False) in school
    assert ("区、县教育行政部门接到报告", "PT2H", False) in school
    ambulance = _limits(_text("郑州市社会急救医疗条例"))
    assert ("紧急医疗救援机构受理呼救信息", "PT1M", False) in ambulance
    assert any(duration == "PT4M" for _, duration, _ in ambulance)
    safety = _limits(_text("山东省安全生产条例"))
    assert ("接到生产安全事故报告", "PT30M", False) in safety


def test_working_days_months_and_an_event_before_后_are_read():
    credit = _limits(_text("深圳经济特区社会信用条例"))
    assert ("受理异议申请", "P1D", True) in credit
    bidding = _limits(_text("重庆市招标投标条例"))
    assert ("公示期结束", "P5D", True) in bidding and ("中标通知书发出", "P30D", False) in bidding
    planning = _limits(_text("青岛市城乡规划条例"))
    assert ("建设用地规划许可证核发", "P1Y", False) in planning


def test_a_duty_with_its_object_before_the_limit_and_half_a_year_are_read():
    """应当将处理情况在十个工作日内书面告知: the modal stands before the object, not before
    在; 在半年内 is six months (a half month fifteen days), 上半年内 is a part of a year."""
    supervision = _limits(_text("重庆市行政执法监督条例"))
    assert ("接受机关依法处理", "P10D", True) in supervision
    water = _limits(_text("洛阳市节约用水条例"))
    assert (None, "P6M", False) in water
    assert _limits("接到通知后，应当在半个月内整改。") == [("接到通知", "P15D", False)]
    assert _limits("2025年上半年内完成排查。") == []


@pytest.mark.parametrize(
    ("stem", "sentence", "limit"),
    [
        ("洛阳市节约用水条例", "节约用水管理机构应当十日内予以办理。", (None, "P10D", False)),
        (
            "清远市住宅小区物业管理条例",
            "符合要求的，应当五日内予以备案，并出具业主大会、业主委员会备案回执和印章刻制证明；",
            (None, "P5D", False),
        ),
        (
            "河南省食品小作坊",
            "第二十一条 县级人民政府食品药品监督管理部门应当对申请材料进行审查，材料齐全的，"
            "当场登记，七个工作日内发放食品小作坊登记证；",
            (None, "P7D", True),
        ),
    ],
)
def test_a_duty_without_在_or_with_its_limit_opening_a_later_clause_is_read(stem, sentence, limit):
    """应当十日内予以办理 (no 在 between the modal and the length), and a length that opens a
    clause of a duty's sentence with the authority's act after it (…应当对申请材料进行审查，
    材料齐全的，当场登记，七个工作日内发放…登记证)."""
    assert sentence in _text(stem)
    assert _limits(sentence) == [limit]


def test_a_second_limit_joined_to_the_first_runs_from_the_same_event():
    """CONSTRUCTED in the wording of the penalty articles of regulations: review within sixty
    days of receiving the decision, or a suit within six months, both from that receipt."""
    sentence = (
        "当事人对行政处罚决定不服的，可以自收到处罚决定书之日起六十日内申请行政复议，"
        "或者在六个月内向人民法院提起行政诉讼。"
    )
    got = [d for d in find_deadlines(sentence) if d.kind == "duration"]
    assert [(d.text, d.duration, d.counted_from) for d in got] == [
        ("自收到处罚决定书之日起六十日内", "P60D", "收到处罚决定书"),
        ("在六个月内", "P6M", "收到处罚决定书"),
    ]
    # alone in its sentence, with no limit before it to join, it is none
    assert _limits("对决定不服的，或者在六个月内向人民法院提起行政诉讼。") == []


def test_a_length_opening_a_clause_without_a_duty_or_an_act_is_no_time_limit():
    # a condition (三年内两次以上受到处罚的) and a clause with no modal before it
    assert _limits("当事人应当改正，三年内两次以上受到处罚的，从重处罚。") == []
    assert _limits("材料齐全的，当场登记，七个工作日内发放登记证。") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "有前款违法行为之一的，禁止其在五年内承担市财政资金设立的科技项目。",  # a ban
        "情节严重的，给予六个月以内停机整顿的处罚。",  # a penalty
        "情节严重的，十年内不得从事该项业务。",
        "本条例自2018年7月1日起施行。",  # an effective date
        "物业保修金管理机构应当在物业交付之日起满八年的前一个月内通知业主。",  # not read
        "招标人应当在评标前二十四小时内抽取评标委员会成员。",  # a window before an event
        "依照《关于自受理之日起十日内办结的规定》执行。",  # a title
    ],
)
def test_bans_penalties_effective_dates_and_titles_are_no_time_limits(sentence):
    assert _limits(sentence) == []


def test_a_span_after_an_event_in_which_something_is_banned_is_no_time_limit():
    # a moratorium: no digging for five years after a road is built (上海市公路管理条例)
    line = "第三十九条 新建、扩建、改建的公路竣工后五年内或者大修的公路竣工后三年内，不得挖掘。"
    assert line in _text("上海市公路管理条例")
    assert _limits(line) == []
    # the span alone, before a duty, is one
    assert _limits("新建、扩建、改建的公路竣工后五年内，应当完成验收。") == [
        ("新建、扩建、改建的公路竣工", "P5Y", False)
    ]


def test_a_time_limit_is_a_duration_in_the_graph_and_conforms_to_the_shapes(nlp):
    pyshacl = pytest.importorskip("pyshacl")
    rdflib = pytest.importorskip("rdflib")
    from policykg.extract.pipeline import analyse_file

    (path,) = REGULATIONS.glob("深圳经济特区社会信用条例*.md")
    doc = analyse_file(path, nlp)
    g = _graph(doc)
    time, pkg = rdflib.Namespace(TIME), rdflib.Namespace(PKG)
    day = rdflib.URIRef("https://w3id.org/policykg/id/duration/P1D-working-days")
    assert (day, rdflib.RDF.type, time.Duration) in g
    assert g.value(day, time.numericDuration).toPython() == 1
    assert g.value(day, time.unitType) == time.unitDay
    assert g.value(day, pkg.workingDays).toPython() is True
    mention = next(g.subjects(pkg.denotes, day))
    assert str(g.value(mention, pkg.countedFrom)) == "受理异议申请"
    unit = g.value(mention, pkg.inUnit)
    assert (unit, pkg.hasDeadline, day) in g
    assert g.value(mention, pkg.deadlineDate) is None
    conforms, _, report = pyshacl.validate(g, shacl_graph=_shapes())
    assert conforms, report


def test_items_and_the_coding_sheet_give_a_time_limit_its_length(corpus_kg):
    (doc,) = [d for d in corpus_kg.documents() if d.title == "上海市信访条例"]
    items = [i for i in corpus_kg.measures(doc=doc.id) if i.deadlines]
    first = next(i for i in items if i.deadlines[0].counted_from == "受理")
    (limit,) = first.deadlines
    assert (limit.duration, limit.counted_from, limit.date, limit.due) == (
        "P60D", "受理", None, "P60D",
    )  # fmt: skip
    assert first.row()["deadlines"] == ["P60D"]
    assert first.model_dump()["deadlines"][0]["duration"] == "P60D"
    rows = {r["unit_id"]: r for r in corpus_kg.coding_sheet(doc=doc.id)}
    assert rows[first.id]["deadlines"] == ["P60D"]
    # a procedural limit is no goal: no target is read after it, no goal-planning evidence
    for item in items:
        assert not item.targets
        assert not [m for m in item.instruments if "deadline" in (m.cues or [])]


def test_a_limit_whose_event_goes_unsaid_has_no_counted_from_in_its_item(corpus_kg):
    """七个工作日内 with no 自…之日起: the record says nothing of the event, as it says nothing
    of a fine's unsaid party; the typed item reads None."""
    from policykg.graph import measures

    limits = [
        d
        for item in measures.iter_items(corpus_kg.backend, measures.Filters())
        for d in item["deadlines"]
        if "duration" in d
    ]
    unsaid = [d for d in limits if "counted_from" not in d]
    assert len(unsaid) >= 10 and len(limits) - len(unsaid) >= 10
    assert all(d["counted_from"] for d in limits if "counted_from" in d)
    assert {d["duration"] for d in unsaid} >= {"P7D", "P5D", "P3D"}
    typed = [d for i in corpus_kg.measures() for d in i.deadlines if d.duration]
    assert sum(d.counted_from is None for d in typed) == len(unsaid)


@pytest.mark.parametrize(
    ("effective", "phrase", "date"),
    [
        ("2019-01-01", "自本条例施行之日起六个月内", "2019-07-01"),
        ("2019-08-31", "自本条例施行之日起六个月内", "2020-02-29"),  # no 31st: the month's last
        ("2019-01-01", "自本办法实施之日起30日内", "2019-01-31"),
        ("2019-01-01", "自本条例施行之日起一年内", "2020-01-01"),
        ("2019-01-01", "自本条例施行之日起十个工作日内", None),  # needs a holiday calendar
        ("2019-01-01", "自受理之日起二十日内", None),  # another event
        (None, "自本条例施行之日起六个月内", None),  # no date of entry into force
    ],
)
def test_a_limit_from_entry_into_force_is_dated_by_the_effective_date(effective, phrase, date):
    """The first day is not counted; months end on the corresponding day (民法典 201, 202)."""
    (limit,) = find_deadlines(f"本条例施行前已经设立的，应当{phrase}完成登记。", 2018, effective)
    assert (limit.date, limit.date_from) == (date, effective if date else None)
    assert limit.duration and limit.certainty == "within"


def test_a_regulation_dates_its_transitional_limit_and_lists_it_by_that_date(nlp):
    from policykg.extract.metadata import extract_metadata
    from policykg.extract.pipeline import analyse_text
    from policykg.graph.record import unit_record

    text = "\n".join(
        [
            "某某市扬尘污染防治条例",
            "第一条 本条例施行前已经开工的建设工程，施工单位应当自本条例施行之日起三个月内"
            "完成扬尘在线监测设备安装。",
            "第二条 本条例自2019年1月1日起施行。",
        ]
    )
    doc = analyse_text(text, "dust", nlp, extract_metadata(text))
    assert doc.effective == "2019-01-01"
    first = unit_record(doc, doc.units[0], {d.id: d for d in doc.divisions})
    (limit,) = first["deadlines"]
    assert (limit["date"], limit["duration"], limit["counted_from"]) == (
        "2019-04-01", "P3M", "本条例施行",
    )  # fmt: skip
    assert not [m for m in doc.units[1].mentions if m.type == "deadline"]  # effective date
    from policykg.graph.namespaces import PKG
    from policykg.graph.rdf import document_quads

    dates = {q.object.value for q in document_quads(doc) if q.predicate == PKG.deadlineDate}
    assert dates == {"2019-04-01"}  # what `measures --before 2019` … reads


@pytest.mark.parametrize(
    ("sentence", "recurs"),
    [
        ("高等院校应当于每年3月30日前向其主管部门提交年度报告。", "--03-30"),
        ("每年6月底前完成上一年度考核。", "--06-30"),
        ("每年2月底前报送。", "--02-28"),
        ("每年年底前向社会公布。", "--12-31"),
        ("每年的十二月三十一日前报送。", "--12-31"),
        ("每月10日前上报上月数据。", "---10"),
        ("每年度3月底前报送上一年度的统计数据。", "--03-31"),
        ("每年6月5日为环境日。", None),  # a day, nothing due
        ("每年开展一次检查。", None),  # every year, no date
    ],
)
def test_a_date_every_year_or_month_is_a_recurring_deadline(sentence, recurs):
    found = [(d.kind, d.recurs, d.date) for d in find_deadlines(sentence, 2019)]
    assert found == ([("recurring", recurs, None)] if recurs else [])


def test_this_years_date_in_a_standing_rule_comes_back_every_year():
    # 洛阳市节约用水条例 (in force from 2010): the water plan is due by 31 December of each year;
    # in a plan without an entry into force 本年度 stays the plan's own year
    line = (
        "节约用水管理机构应当于本年度十二月三十一日之前，向计划用水单位下达下一年度的用水计划指标"
    )
    assert line in _text("洛阳市节约用水条例")
    found = [(d.text, d.kind, d.recurs, d.date) for d in find_deadlines(line, 2010, "2010-07-01")]
    assert found == [("本年度十二月三十一日之前", "recurring", "--12-31", None)]
    found = [(d.text, d.kind, d.date) for d in find_deadlines(line, 2010)]
    assert found == [("本年度", "interval", "2010-12-31")]


def test_a_month_and_day_without_a_year_in_a_standing_rule_comes_back_every_year():
    """上海市促进科技成果转化条例 第十八条: the authorities pass on the annual reports by 30 April
    of each year (在4月30日前, beside 每年3月30日前 in the same article); a plan without an entry
    into force dates it in its own year."""
    line = "主管部门应当在4月30日前将审核后的年度报告报送至市财政、科技部门"
    assert line in _text("上海市促进科技成果转化条例")
    found = [(d.text, d.kind, d.recurs, d.date) for d in find_deadlines(line, 2017, "2017-06-01")]
    assert found == [("4月30日前", "recurring", "--04-30", None)]
    found = [(d.text, d.kind, d.date, d.certainty) for d in find_deadlines(line, 2017)]
    assert found == [("4月30日前", "instant", "2017-04-30", "by")]


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # CONSTRUCTED, in the wording of a year's action plan: the year said last goes on
        (
            "2019年9月底前，完成燃煤锅炉淘汰；10月底前，完成验收；到12月底，全面完成。",
            ["2019-09-30", "2019-10-31", "2019-12-31"],
        ),
        # a month before the one said last is the next year's
        ("2018年12月前取得许可的，应当在6月前补办手续。", ["2018-12-31", "2019-06-30"]),
        ("各地要在10月底前完成排查工作。", ["2018-10-31"]),  # the document's year
        ("应当在3个月前通知。1—6月前三季度累计完成。", []),  # a length; a month range
    ],
)
def test_a_month_without_a_year_takes_the_year_said_before_it(text, dates):
    assert [d.date for d in find_deadlines(text, 2018)] == dates


def test_the_recurring_date_of_a_regulation_is_in_its_graph_and_conforms(nlp):
    """上海市促进科技成果转化条例's annual reports 每年3月30日前 and 4月30日前: a month-day on each
    mention, a date description with no year behind it, the shapes hold, and no goal-planning
    evidence of a routine."""
    pyshacl = pytest.importorskip("pyshacl")
    rdflib = pytest.importorskip("rdflib")
    from policykg.extract.pipeline import analyse_file

    (path,) = [
        p for p in REGULATIONS.glob("*.md") if "每年3月30日前" in p.read_text(encoding="utf-8")
    ]
    doc = analyse_file(path, nlp)
    (unit,) = [u for u in doc.units if "每年3月30日前" in u.text]
    recurs = {m.text: m.attrs["recurs"] for m in unit.mentions if m.type == "deadline"}
    assert recurs == {"每年3月30日前": "--03-30", "4月30日前": "--04-30"}  # 第十八条's two
    assert not [m for m in unit.mentions if m.type == "instrument" and "deadline" in str(m.attrs)]
    g = _graph(doc)
    time, pkg = rdflib.Namespace(TIME), rdflib.Namespace(PKG)
    body = rdflib.URIRef("https://w3id.org/policykg/id/recurring/--03-30")
    assert (body, rdflib.RDF.type, time.DateTimeDescription) in g
    assert str(g.value(body, time.month)) == "--03" and str(g.value(body, time.day)) == "---30"
    assert sorted(str(v) for v in g.objects(None, pkg.recurs)) == ["--03-30", "--04-30"]
    conforms, _, report = pyshacl.validate(g, shacl_graph=_shapes())
    assert conforms, report


def test_a_limit_in_hours_is_an_owl_time_duration_of_hours(nlp):
    pyshacl = pytest.importorskip("pyshacl")
    rdflib = pytest.importorskip("rdflib")
    from policykg.extract.pipeline import analyse_file

    (path,) = REGULATIONS.glob("北京市中小学生人身伤害事故预防与处理条例*.md")
    g = _graph(analyse_file(path, nlp))
    time = rdflib.Namespace(TIME)
    hours = rdflib.URIRef("https://w3id.org/policykg/id/duration/PT24H")
    assert g.value(hours, time.unitType) == time.unitHour
    assert g.value(hours, time.numericDuration).toPython() == 24
    conforms, _, report = pyshacl.validate(g, shacl_graph=_shapes())
    assert conforms, report


def _ahead(text: str) -> list[tuple[str | None, str | None]]:
    return [
        (d.counted_from, d.duration)
        for d in find_deadlines(text)
        if d.kind == "duration" and d.certainty == "ahead"
    ]


def test_a_limit_that_ends_at_its_event_is_read_ahead_of_it():
    """届满九十日前, 在拆除活动十五个工作日前, 提前六十日: at least a length before an event (the
    event named, or left to the context after 提前); a date before which (3月30日前) is none."""
    property_ = _ahead(_text("台州市物业管理条例"))
    assert ("物业服务合同期限届满", "P90D") in property_ and (None, "P60D") in property_
    assert ("业主委员会任期届满", "P2M") in property_
    soil = _ahead((CORPUS / "regulation-shandong-soil-2019.txt").read_text(encoding="utf-8"))
    assert soil == [("拆除活动", "P15D")]
    beijing = _ahead(_text("北京市人民代表大会常务委员会任免国家机关工作人员条例"))
    assert ("市人大常委会举行会议", "P10D") in beijing  # 举行会议的十日以前
    chongqing = _ahead(_text("重庆市各级人民代表大会常务委员会人事任免工作条例"))
    assert ("人大常委会举行会议", "P7D") in chongqing
    for sentence in ("开发机构应当于每年3月30日前向其主管部门提交", "应当在2020年12月31日前完成"):
        assert _ahead(sentence) == []


def test_an_ahead_limit_is_marked_in_the_graph_and_the_items(nlp, corpus_kg):
    pyshacl = pytest.importorskip("pyshacl")
    rdflib = pytest.importorskip("rdflib")
    from policykg.extract.pipeline import analyse_file

    (path,) = REGULATIONS.glob("台州市物业管理条例*.md")
    g = _graph(analyse_file(path, nlp))
    pkg = rdflib.Namespace(PKG)
    ahead = {str(g.value(m, pkg.surface)) for m in g.subjects(pkg.ahead, rdflib.Literal(True))}
    assert "物业服务合同期限届满九十日前" in ahead and "提前六十日" in ahead
    conforms, _, report = pyshacl.validate(g, shacl_graph=_shapes())
    assert conforms, report
    (doc,) = [d for d in corpus_kg.documents() if d.title == "台州市物业管理条例"]
    limits = [m for i in corpus_kg.measures(doc=doc.id) for m in i.deadlines if m.ahead]
    assert {(m.counted_from, m.duration) for m in limits} >= {("物业服务合同期限届满", "P90D")}
    assert all(m.date is None for m in limits)
