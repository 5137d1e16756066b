"""A government site's metadata table (索引号, 发文机关, 成文日期, 标题, 发文字号 …) over a
document, as it arrives: in a page's table, in a page's list, and in text copied out of the page
(label and value on one line, on two lines, or two pairs a line). Its fields are the document's
metadata; its lines are no text units and no title.

The documents are CONSTRUCTED in the shape gov.cn and provincial sites print (the labels and
their order are theirs; the notice and the plan under it are written for the test).
"""

from __future__ import annotations

import pytest

from policykg.extract.metadata import extract_metadata, info_table
from policykg.extract.pipeline import analyse_file

NOTICE = """国务院关于印发土壤污染防治行动计划的通知
国发〔2016〕31号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
现将《土壤污染防治行动计划》印发给你们，请认真贯彻执行。
国务院
2016年5月28日
（此件公开发布）
土壤污染防治行动计划
土壤是经济社会可持续发展的物质基础，为切实加强土壤污染防治，制定本行动计划。
一、开展土壤污染调查，掌握土壤环境质量状况
（一）深入开展土壤环境质量调查。2018年底前查明农用地土壤污染的面积、分布。（环境保护部牵头）
（二）建设土壤环境质量监测网络。2017年底前，完成土壤环境质量国控监测点位设置。
"""

TWO_LINES = """索 引 号:
000014349/2016-00104
主题分类:
城乡建设、环境保护\\环境监测、保护与治理
发文机关:
国务院
成文日期:
2016年05月28日
标 题:
国务院关于印发土壤污染防治行动计划的通知
发文字号:
国发〔2016〕31号
发布日期:
2016年05月31日
主 题 词:
"""

ONE_LINE = """索 引 号：000014349/2016-00104\t主题分类：城乡建设、环境保护
发文机关：国务院\t成文日期：2016年05月28日
标　　题：国务院关于印发土壤污染防治行动计划的通知
发文字号：国发〔2016〕31号\t发布日期：2016年05月31日
"""

EXPECTED = {
    "title": "国务院关于印发土壤污染防治行动计划的通知",
    "number": "国发〔2016〕31号",
    "date": "2016-05-28",
    "issuers": ["国务院"],
    "genre": "action-plan",
}


@pytest.mark.parametrize("table", [TWO_LINES, ONE_LINE], ids=["two-lines", "one-line"])
def test_the_copied_table_gives_the_documents_metadata(table):
    meta = extract_metadata(table + NOTICE)
    assert {k: meta.get(k) for k in EXPECTED} == EXPECTED


@pytest.mark.parametrize("table", [TWO_LINES, ONE_LINE], ids=["two-lines", "one-line"])
def test_the_copied_tables_lines_are_no_text_units(tmp_path, table):
    path = tmp_path / "notice.txt"
    path.write_text(table + NOTICE, encoding="utf-8")
    doc = analyse_file(path, None)
    assert doc.title == EXPECTED["title"]
    texts = [u.text for u in doc.units]
    assert texts[0] == "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："
    assert not [t for t in texts if "索" in t or "2016-00104" in t or "发文" in t]
    # the plan the notice issues is read as its annex, with its parts
    assert [u.title for u in doc.units if u.kind == "measure"] == [
        "深入开展土壤环境质量调查",
        "建设土壤环境质量监测网络",
    ]


def test_a_paragraph_that_opens_with_one_label_is_text():
    lines = ["标题：我省环境质量持续改善", "今年以来，全省空气质量优良天数比例达到85%。"]
    assert info_table(lines) == ({}, 0)
    meta = extract_metadata("\n".join(lines) + "\n")
    assert meta.get("title") != "我省环境质量持续改善"


def test_a_label_left_empty_does_not_take_the_text_under_it():
    fields, used = info_table(["发文机关：国务院", "主题词：", "第一章 总则"])
    assert (fields, used) == ({"颁布单位": "国务院"}, 2)
    _, used = info_table(["发文机关：国务院", "主题词：", "为了保护和改善环境，制定本办法。"])
    assert used == 2


def test_a_pages_list_of_fields_and_its_date_of_effect(tmp_path):
    """Provincial sites print the table as a list (ul/li), and some give 实施日期."""
    page = f"""<html><head><title>通知</title></head><body>
<div class="xxgk-info"><ul>
<li><span>索引号：</span>000014349/2016-00104</li>
<li><span>发文机关：</span>国务院</li>
<li><span>成文日期：</span>2016年05月28日</li>
<li><span>实施日期：</span>2016年06月01日</li>
<li><span>标题：</span>国务院关于印发土壤污染防治行动计划的通知</li>
<li><span>发文字号：</span>国发〔2016〕31号</li>
</ul></div>
<div class="content">{"".join(f"<p>{line}</p>" for line in NOTICE.splitlines())}</div>
</body></html>"""
    path = tmp_path / "notice.html"
    path.write_text(page, encoding="utf-8")
    doc = analyse_file(path, None)
    assert (doc.title, doc.number, doc.date, doc.effective, doc.issuers) == (
        EXPECTED["title"],
        EXPECTED["number"],
        "2016-05-28",
        "2016-06-01",
        ["国务院"],
    )
    assert doc.units[0].text.startswith("各省、自治区")


def test_a_pages_table_gives_the_date_of_effect(tmp_path):
    rows = [
        ("发文机关", "国务院"),
        ("成文日期", "2016年05月28日"),
        ("施行日期", "2016年06月01日"),
        ("标　　题", EXPECTED["title"]),
    ]
    cells = "".join(f"<tr><td>{k}：</td><td>{v}</td></tr>" for k, v in rows)
    page = f"<html><body><table>{cells}</table>" + "".join(
        f"<p>{line}</p>" for line in NOTICE.splitlines()
    )
    path = tmp_path / "notice.html"
    path.write_text(page + "</body></html>", encoding="utf-8")
    doc = analyse_file(path, None)
    assert (doc.title, doc.date, doc.effective) == (EXPECTED["title"], "2016-05-28", "2016-06-01")
