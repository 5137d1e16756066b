"""Every bundled regulation as text pulled out of a print reads as its Markdown does.

A PDF's text layer or a copy from a newspaper page keeps the print's lines: the title over two
lines, each clause of the legislative history cut at the line's end (…常务委员会第 / 五次会议通过),
articles that start on a new line after a clause with no full stop, the closing article's
《…》同 / 时废止 — with no blank lines and no indentation to tell paragraphs apart. The articles
(numbers and text) and what the text says about itself (dates, history, issuers, repeals) must
come out as from the Markdown file.
"""

from __future__ import annotations

import pytest

from policykg.extract.metadata import extract_metadata
from policykg.extract.pipeline import analyse_file, analyse_text
from tests.conftest import CORPUS

REGULATIONS = sorted((CORPUS / "local-regulations").glob("*.md"))


def _printed(markdown: str, width: int) -> str:
    """``markdown`` set in lines of ``width`` characters, Markdown marks and blank lines gone,
    a title of more than 16 characters over two lines."""
    lines: list[str] = []
    for para in markdown.split("\n"):
        para = para.strip().lstrip("#").strip().replace("**", "")
        if not para or para.startswith("<!--"):
            continue
        if not lines and len(para) > 16:
            lines += [para[: len(para) // 2], para[len(para) // 2 :]]
            continue
        lines += [para[i : i + width] for i in range(0, len(para), width)]
    return "\n".join(lines) + "\n"


def _articles(doc) -> list[tuple[int | None, str]]:
    return [(u.number, u.text.replace(" ", "")) for u in doc.units if u.kind == "article"]


def _said(text: str) -> dict:
    meta = extract_metadata(text)
    return {k: meta.get(k) for k in ("title", "date", "effective", "history", "issuers", "repeals")}


def _history_free(said: dict) -> dict:
    """What the comparison keeps of a history: the events, without the printed clause (a
    wrapped line may have cut a space between the date and the body)."""
    events = [{k: v for k, v in e.items() if k != "text"} for e in said["history"] or []]
    return {**said, "history": events}


@pytest.mark.parametrize("width", [30, 40])
@pytest.mark.parametrize("path", REGULATIONS, ids=lambda p: p.stem[:12])
def test_a_printed_regulation_reads_as_its_markdown(path, width):
    markdown = path.read_text(encoding="utf-8")
    printed = _printed(markdown, width)
    assert printed.count("\n") > markdown.count("\n\n")  # the lines really are cut

    assert _articles(analyse_text(printed, "p", None)) == _articles(analyse_file(path, None))
    assert _history_free(_said(printed)) == _history_free(_said(markdown))


def _paged(printed: str, lines_per_page: int, number: str) -> str:
    """``printed`` as its pages came out of a gazette without their form feeds: after every
    ``lines_per_page`` lines the page's ``number`` (a format of ``{p}``), and the next page's
    running header (its issue number counts up with the pages, as a date or an issue may)."""
    out: list[str] = []
    for n, line in enumerate(printed.splitlines(), start=1):
        out.append(line)
        if n % lines_per_page == 0:
            page = n // lines_per_page
            out += [
                "",
                number.format(p=page),
                "",
                f"省人民代表大会常务委员会公报　　2019年第{page}号",
            ]
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("number", ["－ {p} －", "第{p}页", "{p}"])
@pytest.mark.parametrize("path", REGULATIONS, ids=lambda p: p.stem[:12])
def test_a_gazettes_page_numbers_and_running_headers_are_no_text(path, number):
    """A page number set off (－ 3 －, 第3页) or bare but counting up marks a page break; the
    header repeated beside the breaks is no part of the article it fell into."""
    paged = _paged(_printed(path.read_text(encoding="utf-8"), 36), 20, number)
    if paged.count("公报") < 2:  # one page: no header runs anywhere
        pytest.skip("shorter than two pages")
    assert _articles(analyse_text(paged, "p", None)) == _articles(analyse_file(path, None))


# CONSTRUCTED: what a government site prints around a regulation, copied out with its text
PAGE_HEAD = [
    "首页 > 政务公开 > 地方性法规",
    "来源：人大常委会办公厅　　发布时间：2022-12-02 09:30　　【字体：大 中 小】",
    "分享到：",
]
PAGE_FOOT = [
    "【打印本页】【关闭窗口】",
    "相关链接：",
    "主办单位：人民代表大会常务委员会办公厅　技术支持：信息中心",
    "鲁ICP备05012345号",
]


@pytest.mark.parametrize("path", REGULATIONS, ids=lambda p: p.stem[:12])
def test_a_regulation_copied_from_its_web_page_reads_as_its_markdown(path):
    """The breadcrumb, the source and date line, the share and print tools and the site's
    footer neither open the text (its title, history and issuers are still read) nor join
    its last article."""
    markdown = path.read_text(encoding="utf-8")
    copied = "\n".join([*PAGE_HEAD, _printed(markdown, 40), *PAGE_FOOT]) + "\n"
    assert _articles(analyse_text(copied, "p", None)) == _articles(analyse_file(path, None))
    assert _history_free(_said(copied)) == _history_free(_said(markdown))


def test_the_cases_the_printed_text_has_are_there():
    """The corpus holds what the test is about: histories of several acts, clauses longer than
    a line, articles after a clause without a full stop, a repeal in the closing article."""
    said = [_said(p.read_text(encoding="utf-8")) for p in REGULATIONS]
    assert sum(len(s["history"] or []) >= 3 for s in said) >= 10
    assert sum(bool(s["repeals"]) for s in said) >= 5
    assert sum(len(s["title"] or "") > 16 for s in said) >= 10
    unstopped = [
        a
        for p in REGULATIONS
        for _, a in _articles(analyse_file(p, None))[:-1]
        if a[-1:] not in "。；！？：”）"
    ]
    assert unstopped  # 青岛市城乡规划条例 第二十六条 …规划条件意见书失效
