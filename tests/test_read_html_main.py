"""A web page's main text: a short notice keeps its title, addressee and signature, and
signature lines spaced with character references are read as signatures; em and en spaces
indent and separate as the ideographic space does.

The pages are built here in the shape of a government site's notice page (navigation bar,
sidebar of links, the article, share links, footer); every name in them is made up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.extract.pipeline import analyse_file
from policykg.extract.reading import read_file

TITLE = "某某市人民政府办公厅关于做好某某工作的通知"
ADDRESSEE = "各区人民政府，市政府各委、办、局："
# one long paragraph: nearly all of the page's punctuation, as in a short notice
BODY = (
    "为进一步做好某某工作，切实提升公共服务水平，经市政府同意，现就有关事项通知如下："
    "各区、各部门要充分认识做好此项工作的重要意义，加强组织领导，明确责任分工，"
    "细化工作措施，建立健全工作台账，确保各项任务按时保质完成。"
    "要坚持问题导向，聚焦群众反映强烈的突出问题，开展全面排查，逐项制定整改方案，"
    "落实整改责任，限期完成整改；对整改不到位的，要督促有关单位重新整改。"
    "要加强部门协同，建立信息共享和会商机制，定期通报工作进展，及时研究解决工作中遇到的困难和问题。"
    "要强化监督检查，将工作完成情况纳入年度绩效考核，对工作推进不力、措施落实不到位的单位予以通报批评。"
    "要加强宣传引导，通过多种渠道宣传解读有关政策，及时回应社会关切，营造良好氛围。"
    "各区、各部门要于每季度结束后五个工作日内将工作进展情况报送市政府办公厅。特此通知。"
)
ISSUER = "某某市人民政府办公厅"
DATE = "2023年5月6日"
FURNITURE = ("首页", "政务公开", "相关文件", "某某市另一项通知", "分享到", "打印本页", "网站标识码")


def _page(article: str) -> str:
    """A notice page around ``article`` (the inside of the article's div)."""
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{TITLE}_某某市人民政府门户网站</title></head>
<body>
<div class="header"><ul class="nav">
<li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="container">
<div class="right-column"><h3>相关文件</h3><ul>
<li><a href="/a.html">某某市另一项通知</a></li><li><a href="/b.html">某某市又一项意见</a></li>
</ul></div>
<div class="article">
{article}
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a>
<a href="javascript:window.print()">【打印本页】</a></div>
</div>
</div>
<div class="bottom">主办：某某市人民政府办公厅　承办：某某市大数据中心　网站标识码：0000000000</div>
</body></html>
"""


def _notice(tmp_path: Path, signature: list[str]) -> Path:
    lines = "\n".join(f'<p style="text-align: right;">{line}</p>' for line in signature)
    article = f"<h1>{TITLE}</h1>\n<p>{ADDRESSEE}</p>\n<p>　　<span>{BODY}</span></p>\n{lines}\n"
    path = tmp_path / "notice.html"
    path.write_text(_page(article), encoding="utf-8")
    return path


def test_a_short_notice_keeps_its_title_addressee_and_signature_beside_its_long_paragraph(
    tmp_path,
):
    path = _notice(tmp_path, [ISSUER, DATE])
    lines = [line.strip("　 ") for line in read_file(path).plain.splitlines()]
    assert lines == [TITLE, ADDRESSEE, BODY, ISSUER, DATE]

    doc = analyse_file(path, None)
    assert (doc.title, doc.issuers, doc.date, doc.genre) == (
        TITLE,
        [ISSUER],
        "2023-05-06",
        "notice",
    )
    units = [u.text for u in doc.units]
    assert units == [ADDRESSEE, BODY]  # the title and the signature are metadata, not units
    for word in FURNITURE:
        assert not any(word in line for line in lines), word


@pytest.mark.parametrize("space", ["&nbsp;&nbsp;&nbsp;", "&#160;&#160;", "&emsp;", "&#x3000;"])
def test_two_issuers_spaced_by_character_references_sign_the_page(tmp_path, space):
    first, second = "某某市生态环境局", "某某市发展和改革委员会"
    path = _notice(tmp_path, [f"{first}{space}{second}", DATE])
    doc = analyse_file(path, None)
    assert (doc.issuers, doc.date) == ([first, second], "2023-05-06")
    assert [u.text for u in doc.units] == [ADDRESSEE, BODY]


RULES_TITLE = "某某市扬尘污染防治办法"
ARTICLES = [
    "第一条{s}为了防治扬尘污染，保护和改善大气环境，保障公众健康，根据有关法律法规，结合本市实际，制定本办法。",
    "第二条{s}本办法适用于本市行政区域内建设工程施工、道路保洁、物料运输与堆放等活动中产生的扬尘污染防治。",
    "第三条{s}市、区人民政府应当加强对扬尘污染防治工作的领导，将扬尘污染防治纳入环境保护规划。",
]


def _rules(tmp_path: Path, space: str, suffix: str = ".html") -> Path:
    """The rules indented and spaced after each article number with ``space``."""
    lines = [RULES_TITLE] + [space * 2 + a.format(s=space) for a in ARTICLES]
    path = tmp_path / f"rules{suffix}"
    if suffix == ".txt":
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        article = f"<h1>{lines[0]}</h1>\n" + "\n".join(f"<p>{a}</p>" for a in lines[1:])
        path.write_text(_page(article), encoding="utf-8")
    return path


@pytest.mark.parametrize("space", ["&emsp;", "&#8195;", "\u2003", "&ensp;", "&thinsp;"])
def test_em_and_en_spaces_indent_and_separate_as_ideographic_spaces_do(tmp_path, space):
    page = analyse_file(_rules(tmp_path, space), None)
    articles = [(u.kind, u.number, u.text) for u in page.units]
    assert articles == [("article", n, a.format(s="")) for n, a in enumerate(ARTICLES, 1)]
    # the rule of a plain text indented and spaced with the ideographic space U+3000
    text = analyse_file(_rules(tmp_path, "\u3000", ".txt"), None)
    assert articles == [(u.kind, u.number, u.text) for u in text.units]
    assert page.title == text.title == RULES_TITLE
