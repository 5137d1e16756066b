"""A government rule printed under the order (令) that publishes it.

The rules are CONSTRUCTED in the layout GB/T 9704 gives an order and that city governments and
ministries print their rules in (令 / 第N号 / 《…》已经…通过，现予公布… / the signer / the date /
the rule's title and text); their articles are written for the test.
"""

from __future__ import annotations

from policykg.extract.metadata import extract_metadata
from policykg.extract.orders import publication_order
from policykg.extract.pipeline import analyse_file

RULE = """济南市人民政府令
第268号
《济南市扬尘污染防治管理办法》已经2019年12月16日市政府第78次常务会议通过，现予公布，自2020年3月1日起施行。
市长　王某某
2020年1月10日
济南市扬尘污染防治管理办法
第一章　总则
第一条　为了防治扬尘污染，改善大气环境质量，根据有关法律、法规，结合本市实际，制定本办法。
第二条　市生态环境主管部门对全市扬尘污染防治工作实施统一监督管理。
第二章　防治措施
第三条　施工单位应当在施工现场出入口公示扬尘污染防治措施和监督电话。
第四条　本办法自2020年3月1日起施行。
"""


def test_the_order_gives_the_rules_title_number_issuer_and_acts():
    meta = extract_metadata(RULE)
    assert (meta["title"], meta["genre"], meta["number"]) == (
        "济南市扬尘污染防治管理办法",
        "measures",
        "济南市人民政府令第268号",
    )
    assert meta["issuers"] == ["济南市人民政府"]
    assert [(e["date"], e["event"]) for e in meta["history"]] == [
        ("2019-12-16", "passed"),
        ("2020-01-10", "promulgated"),
    ]
    assert (meta["date"], meta["effective"]) == ("2020-01-10", "2020-03-01")
    assert meta["jurisdiction"]["code"] == "370100"


def test_the_orders_lines_are_no_units_and_its_sentence_is(tmp_path):
    path = tmp_path / "rule.txt"
    path.write_text(RULE, encoding="utf-8")
    doc = analyse_file(path, None)
    texts = [u.text for u in doc.units]
    assert texts[0].startswith("《济南市扬尘污染防治管理办法》已经")
    assert [u.title for u in doc.units if u.kind == "article"] == [f"第{n}条" for n in range(1, 5)]
    assert len(texts) == 5  # the order's sentence and the four articles, nothing else


def test_an_order_under_a_web_pages_heading_of_the_rules_title(tmp_path):
    """A city's site prints the rule's title as the page's heading, then the order that
    publishes it: the heading is one of the order's lines, and the order still gives the
    number, the issuer and the acts. Before, the order's lines were five paragraph units and
    the rule had no number, issuer or history."""
    page = "".join(f"<p>{line}</p>" for line in RULE.splitlines())
    path = tmp_path / "rule.html"
    path.write_text(
        '<html><head><meta charset="utf-8"><title>济南市扬尘污染防治管理办法_政府规章</title></head>'
        "<body><div>首页 &gt; 政务公开 &gt; 政府规章</div><h1>济南市扬尘污染防治管理办法</h1>"
        f"<div>发布日期：2020-01-15　来源：市司法局</div><div>{page}</div></body></html>",
        encoding="utf-8",
    )
    doc = analyse_file(path, None)
    assert (doc.title, doc.number, doc.issuers) == (
        "济南市扬尘污染防治管理办法",
        "济南市人民政府令第268号",
        ["济南市人民政府"],
    )
    assert [(e.date, e.event) for e in doc.history] == [
        ("2019-12-16", "passed"),
        ("2020-01-10", "promulgated"),
    ]
    assert doc.units[0].text.startswith("《济南市扬尘污染防治管理办法》已经")
    assert len(doc.units) == 5  # the order's sentence and the four articles, nothing else
    # a heading that is not the rule's title is no line of the order
    other = publication_order(["政府规章", *RULE.splitlines()[:6]])
    assert other is None


def test_a_question_names_the_rule_by_its_orders_number_with_or_without_people(tmp_path):
    """济南市人民政府令第268号 as the order prints it, or 济南市政府令第268号 as people say it:
    the rule that order publishes (before, the short form was a text search for 令第)."""
    import policykg
    from policykg.graph.ask import read_question

    path = tmp_path / "rule.txt"
    path.write_text(RULE, encoding="utf-8")
    report = policykg.build([path], tmp_path / "kg")
    assert not report.failures
    kg = policykg.open(tmp_path / "kg")
    for question in ("济南市人民政府令第268号", "济南市政府令第268号对扬尘有什么规定"):
        reading = read_question(kg.backend, question)
        assert reading.filters.doc == "rule" and not reading.filters.text, question
    # a government's rule is what it decrees: the verb asks for its documents, as issue does,
    # and the place with the government is the issuer (济南市人民政府), not a place its units name
    for question in (
        "what did the Jinan municipal government decree about dust",
        "what did the Jinan government issue about dust",
        "济南市人民政府发布的规章对扬尘有什么规定",
    ):
        answer = kg.ask(question)
        said = "; ".join(answer.understood)
        assert "documents issued by 济南市人民政府" in said and "decree" not in said, question
        assert "place" not in said, question
        assert {i.source.document for i in answer.items} == {"rule"}, question
    assert not kg.ask("what did the Qingdao government issue about dust").items
    # a region that is no administrative division has no government of its own
    reading = read_question(kg.backend, "京津冀人民政府发布的文件")
    assert reading.filters.issuer != "京津冀人民政府"


def test_a_state_council_order_on_one_line():
    order = publication_order(
        [
            "中华人民共和国国务院令　第736号",
            "《排污许可管理条例》已经2020年12月9日国务院第117次常务会议通过，现予公布，"
            "自2021年3月1日起施行。",
            "总理　李某某",
            "2021年1月24日",
        ]
    )
    assert order is not None
    assert (order.body, order.number, order.title) == (
        "国务院",
        "国务院令第736号",
        "排污许可管理条例",
    )
    assert (order.passed, order.signed, order.lines) == ("2020-12-09", "2021-01-24", (0, 2, 3))


def test_no_order_without_its_number():
    assert publication_order(["通缉令", "各地公安机关："]) is None
    assert publication_order(["关于加强扬尘管控的通知", "第268号"]) is None


LAW = """中华人民共和国主席令
第四十三号
《中华人民共和国固体废物污染环境防治法》已由中华人民共和国第十三届全国人民代表大会常务委员会第十七次会议于2020年4月29日修订通过，现予公布，自2020年9月1日起施行。
中华人民共和国主席　某某某
2020年4月29日
中华人民共和国固体废物污染环境防治法
第一章　总则
第一条　为了保护和改善生态环境，防治固体废物污染环境，制定本法。
第二条　固体废物污染环境的防治适用本法。
"""


def test_a_law_under_the_presidents_order_was_made_by_the_congress(tmp_path):
    """The head of state promulgates a law the Standing Committee passed or revised: the
    committee is its issuer, the order's 自…起施行 its date of effect."""
    path = tmp_path / "law.txt"
    path.write_text(LAW, encoding="utf-8")
    doc = analyse_file(path, None)
    assert (doc.title, doc.genre, doc.number) == (
        "中华人民共和国固体废物污染环境防治法",
        "law",
        "主席令第四十三号",
    )
    assert doc.issuers == ["全国人民代表大会常务委员会"]
    assert [(e.date, e.event, e.body) for e in doc.history] == [
        ("2020-04-29", "revised", "全国人民代表大会常务委员会"),
        ("2020-04-29", "promulgated", "中华人民共和国主席"),
    ]
    assert (doc.date, doc.effective) == ("2020-04-29", "2020-09-01")
    assert [u.kind for u in doc.units] == ["intro", "article", "article"]
