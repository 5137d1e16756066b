"""A web page's main text: a short notice keeps its title, addressee and signature, and
signature lines spaced with character references are read as signatures; em and en spaces
indent and separate as the ideographic space does; a signature set apart after the text's div
signs the page, a footer or links there do not.

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


NOTICE_TITLE = "关于做好某某河流域水污染防治工作的通知"
SIGNER, CO_SIGNER = "某某市生态环境局", "某某市水务局"
NOTICE = [
    "各区生态环境分局、水务局：",
    "为做好某某河流域水污染防治工作，现将有关事项通知如下。",
    "一、加强组织领导。各区要建立工作机制，明确责任分工，确保各项任务落到实处。",
    "二、强化监督检查。各区要定期开展排查，对发现的问题及时督促整改，并将整改情况报送市生态环境局。",
    "三、推进截污纳管。各区要加快推进污水管网建设，消除管网空白区，提高污水收集处理率。",
    "四、做好信息公开。各区要依法公开排查整改情况，主动接受社会监督，及时回应公众关切。",
]
FOOTER = [
    "主办单位：某某市生态环境局",
    "地址：某某市某某路1号　邮编：000000",
    "网站标识码：0000000000",
    "某ICP备00000000号",
]


def _split_page(tmp_path: Path, after: str, wrap: bool = False, signed: bool = False) -> Path:
    """A notice page: its text div (``signed`` at its end or not), then ``after`` (a signature
    div, or nothing), share and print links and the site's footer."""
    text = "\n".join(f"<p>&emsp;&emsp;{p}</p>" for p in NOTICE)
    if signed:
        text += f'\n<p align="right">{SIGNER}</p><p align="right">2021年5月17日</p>'
    content = f'<div class="TRS_Editor" id="zoom">\n{text}\n</div>'
    if wrap:  # the text div closes its own wrapper; the signature follows the wrapper
        content = f'<div class="article-con">\n{content}\n<div class="clear"></div>\n</div>'
    footer = "".join(f"<p>{line}</p>" for line in FOOTER)
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{NOTICE_TITLE}</title></head>
<body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li>
<li><a href="/zwgk/">政务公开</a></li></ul></div>
<div class="main">
<h1>{NOTICE_TITLE}</h1>
<div class="info">发布时间：2021-05-18　来源：某某市生态环境局</div>
{content}
{after}
<div class="fenxiang">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<div class="btns"><a href="javascript:window.print()">【打印本页】</a>
<a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="bottom">{footer}</div>
</body></html>
"""
    path = tmp_path / "notice.html"
    path.write_text(page, encoding="utf-8")
    return path


def _as_text(tmp_path: Path, signature: list[str]) -> Path:
    """The same notice as a plain text, its signature lines after its paragraphs."""
    path = tmp_path / "notice.txt"
    path.write_text("\n".join([NOTICE_TITLE, *NOTICE, *signature]) + "\n", encoding="utf-8")
    return path


# fmt: off
SIGNATURES = {
    "right-aligned div": (
        f'<div style="text-align: right;"><p>{SIGNER}</p><p>2021年5月17日</p></div>',
        False, [SIGNER, "2021年5月17日"],
    ),
    "paragraphs beside the text div": (
        f'<p align="right">{SIGNER}&emsp;&emsp;{CO_SIGNER}</p>\n'
        '<script>var n = 1;</script>\n<p align="right">2021年5月17日</p>',
        False, [f"{SIGNER}\u2003\u2003{CO_SIGNER}", "2021年5月17日"],
    ),
    "div after the text's wrapper": (
        f'<div class="sign" style="text-align: right;">{SIGNER}<br>二〇二一年五月十七日</div>',
        True, [SIGNER, "二〇二一年五月十七日"],
    ),
    "table": (
        f'<table><tr><td align="right">{SIGNER}</td></tr>'
        '<tr><td align="right">2021年5月17日</td></tr></table>',
        False, [SIGNER, "2021年5月17日"],
    ),
}
# fmt: on


@pytest.mark.parametrize("after, wrap, signature", SIGNATURES.values(), ids=list(SIGNATURES))
def test_a_signature_kept_apart_after_the_text_div_signs_the_page(tmp_path, after, wrap, signature):
    path = _split_page(tmp_path, after, wrap)
    lines = [line.strip("\u2003\u3000 ") for line in read_file(path).plain.splitlines()]
    assert lines == [NOTICE_TITLE, *NOTICE, *signature]

    doc = analyse_file(path, None)
    text = analyse_file(_as_text(tmp_path, signature), None)
    assert (doc.issuers, doc.date) == (text.issuers, text.date)
    assert doc.date == "2021-05-17"
    assert doc.issuers == ([SIGNER, CO_SIGNER] if CO_SIGNER in after else [SIGNER])
    assert [u.text for u in doc.units] == [u.text for u in text.units]
    assert not any(signature[-1] in u.text for u in doc.units)  # metadata, not a unit


# fmt: off
UNSIGNED = {
    "the footer right after the text": ("", False),
    "links to bodies, then a date": (
        f'<ul class="bmlj"><li><a href="/a/">{SIGNER}</a></li>'
        f'<li><a href="/b/">{CO_SIGNER}</a></li></ul>\n<div>2021年5月20日</div>',
        False,
    ),
    "print links, then a date": (
        '<div class="tools">【打印本页】【关闭窗口】</div>\n<div>2021年5月20日</div>', False,
    ),
    "a body's name without a date": (f'<div class="site-name">{SIGNER}</div>', False),
    # a page that prints its date again below a text that signs itself
    "a signed text, then a date alone": ("<div>2021年5月20日</div>", True),
}
# fmt: on


@pytest.mark.parametrize("after, signed", UNSIGNED.values(), ids=list(UNSIGNED))
def test_a_footer_or_page_chrome_after_the_text_is_no_signature(tmp_path, after, signed):
    path = _split_page(tmp_path, after, signed=signed)
    lines = [line.strip("\u2003") for line in read_file(path).plain.splitlines()]
    assert lines == [NOTICE_TITLE, *NOTICE, *([SIGNER, "2021年5月17日"] if signed else [])]
    doc = analyse_file(path, None)
    assert (doc.issuers, doc.date) == (([SIGNER], "2021-05-17") if signed else ([], None))
    assert [u.text for u in doc.units] == NOTICE
