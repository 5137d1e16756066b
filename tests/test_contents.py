"""A table of contents (目录) before the text, and the decimal outline of an emergency plan.

The plan is the readers' test document (tests/documents.py) with a CONSTRUCTED contents in the
shape prints give it (目　录, then each chapter and section with dot leaders and its page), in
every format; the emergency plan is CONSTRUCTED in the shape of a municipal 重污染天气应急预案
(a notice issuing it, its contents under 《…预案》目录, then 1.总则 / 1.1编制目的 …).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.extract.contents import contents_lines
from policykg.extract.headings import match_decimal
from policykg.extract.pipeline import analyse_file
from tests import documents


def _with_contents(paged: bool) -> list[documents.Element]:
    return documents.with_contents(documents.elements(3), paged)


def _outline(doc) -> tuple[list, list]:
    divisions = [(d.type, d.number, d.title) for d in doc.divisions]
    return divisions, [u.text for u in doc.units]


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, dict[str, Path]]:
    base = tmp_path_factory.mktemp("contents")
    # small type keeps the print's box on one page with the contents before it too (a box a
    # page break cuts is read as the text's, contents or none)
    return {
        "plain": documents.write_all(base / "plain", documents.elements(3), body_size=9),
        "paged": documents.write_all(base / "paged", _with_contents(True), body_size=9),
    }


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx", "pdf"])
def test_a_table_of_contents_adds_no_division_and_no_unit(written, fmt):
    plain = analyse_file(written["plain"][fmt], None)
    paged = analyse_file(written["paged"][fmt], None)
    assert _outline(paged) == _outline(plain)
    assert not any("……" in u.text or u.text == "目　录" for u in paged.units)


def test_a_contents_without_pages_ends_where_its_first_entry_is_printed_again(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(documents.to_txt(_with_contents(False)), encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text(documents.to_txt(documents.elements(3)), encoding="utf-8")
    assert _outline(analyse_file(path, None)) == _outline(analyse_file(plain, None))


def test_a_heading_that_ends_in_mu_lu_is_no_contents():
    texts = [
        "（三）严格环境准入目录",
        "制定禁止和限制发展的行业目录",
        "各地要严格执行。",
        "（四）加强监管",
    ]
    assert contents_lines(texts) == range(0)
    texts = ["产业目录", "钢铁", "水泥", "焦化"]  # a list under a title, no page, no repeat
    assert contents_lines(texts) == range(0)


EMERGENCY = """益阳市人民政府办公室关于印发《益阳市重污染天气应急预案》的通知
各区县（市）人民政府，市政府各局委、各直属机构：
《益阳市重污染天气应急预案》已经市人民政府常务会议审议通过，现印发给你们，请遵照执行。
益阳市人民政府办公室
2014年12月25日
益阳市重污染天气应急预案目录
1.总则
1.1编制目的
1.2适用范围
2.应急组织机构及职责
2.1应急组织机构
2.2职责
1.总则
1.1编制目的
为规范我市重污染天气应急管理工作，提高预警和应急处置能力，制定本预案。
1.2适用范围
本预案适用于本市行政区域内重污染天气的应对工作。
2.应急组织机构及职责
2.1应急组织机构
市人民政府成立市重污染天气应急指挥部，市生态环境局局长任副指挥长。
2.1.1指挥部办公室
指挥部办公室设在市生态环境局。
2.2职责
市生态环境局负责空气质量监测和预警信息发布。
"""


def test_an_emergency_plans_decimal_outline_and_contents(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(EMERGENCY, encoding="utf-8")
    doc = analyse_file(path, None)
    assert doc.genre == "plan"  # 应急预案, issued by the notice
    by_id = {d.id: d for d in doc.divisions}
    assert [(d.type, d.number, d.title) for d in doc.divisions] == [
        ("annex", 1, "益阳市重污染天气应急预案"),
        ("point", 1, "总则"),
        ("point", 2, "应急组织机构及职责"),
    ]
    measures = [u for u in doc.units if u.kind == "measure"]
    assert [(by_id[u.parents[-1]].title, u.number, u.title) for u in measures] == [
        ("总则", 1, "编制目的"),
        ("总则", 2, "适用范围"),
        ("应急组织机构及职责", 1, "应急组织机构"),
        ("应急组织机构及职责", 2, "职责"),
    ]
    assert "指挥部办公室设在市生态环境局" in measures[2].text  # 2.1.1 is part of its 2.1
    # the signature over the plan is the notice's, no text unit
    assert not any(u.text in ("益阳市人民政府办公室", "2014年12月25日") for u in doc.units)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1.1编制目的", (2, 1, 3)),
        ("2.3.1 预警分级", (3, 1, 6)),
        ("1.5万吨", None),  # a figure opens the sentence
        ("2.5倍以上", None),
        ("3.2平方公里", None),
        ("1.1编制目的。为规范管理，制定本预案。", None),  # a sentence, not a heading line
    ],
)
def test_a_decimal_heading_is_told_from_a_figure(text, expected):
    assert match_decimal(text) == expected


def test_a_word_contents_of_links_and_page_fields_is_no_division(tmp_path):
    """Word writes its contents as links holding the heading, a tab and a PAGEREF field whose
    result is the page; the reader keeps the page against the heading (总体要求1)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("某某市生态环境保护规划")
    document.add_paragraph("目  录")
    for n, heading in enumerate(["第一章 总体要求", "第二章 重点任务"]):
        entry = document.add_paragraph()
        entry._p.append(
            parse_xml(
                f'<w:hyperlink {nsdecls("w")} w:anchor="_Toc{n}" w:history="1">'
                f"<w:r><w:t>{heading}</w:t></w:r><w:r><w:tab/></w:r>"
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> PAGEREF _Toc{n} \\h </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                f"<w:r><w:t>{3 * n + 1}</w:t></w:r>"
                '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>'
            )
        )
    for text in [
        "第一章 总体要求",
        "坚持以人民为中心。",
        "第二章 重点任务",
        "推进挥发性有机物综合治理。",
    ]:
        document.add_paragraph(text)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    doc = analyse_file(path, None)
    assert [(d.type, d.number, d.title) for d in doc.divisions] == [
        ("chapter", 1, "总体要求"),
        ("chapter", 2, "重点任务"),
    ]
    assert [u.text for u in doc.units] == ["坚持以人民为中心。", "推进挥发性有机物综合治理。"]


def test_a_printed_contents_whose_leaders_run_to_the_margin_is_no_division(tmp_path):
    """A print sets each entry flush, its dot leaders running to the page number at the
    column's edge, one line under the other: to the PDF reader they look like the lines of one
    paragraph. Each entry ends at its page, and the contents is no division and no unit."""
    e = documents.Element
    els = [
        e("title", ("某某市大气污染防治实施方案",)),
        e("contents", ("目　录", "一、总体要求 3", "二、重点任务 5", "三、保障措施 9")),
        e("chapter", ("一、总体要求",)),
        e("p", ("到2025年，全市细颗粒物浓度下降10%，空气质量优良天数比率达到85%。",)),
        e("chapter", ("二、重点任务",)),
        e("p", ("（一）推进挥发性有机物综合治理。开展涉VOCs企业排查，2023年底前完成。",)),
        e("chapter", ("三、保障措施",)),
        e("p", ("（二）加强组织领导。各区县政府负责组织实施。",)),
    ]
    doc = analyse_file(documents.to_pdf(els, tmp_path / "plan.pdf"), None)
    assert [(d.type, d.number, d.title) for d in doc.divisions] == [
        ("part", 1, "总体要求"),
        ("part", 2, "重点任务"),
        ("part", 3, "保障措施"),
    ]
    assert len(doc.units) == 3 and not any("……" in u.text for u in doc.units)
