"""PDFs printed by headless Chromium from HTML with CSS columns, as researchers print web pages.

Chromium keeps its own running header and footer (the date, the title, the file's URL, ``n/N``)
and maps many characters to Kangxi radicals; the reader has to see past both. Skipped without
Chromium (``scripts/ensure-chromium.sh`` installs it).
"""

from __future__ import annotations

import re

import pytest

from policykg.extract.pipeline import analyse_file
from tests import documents

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(documents.chromium() is None, reason="needs headless Chromium"),
]


@pytest.mark.parametrize("columns", [1, 2, 3, 4])
def test_a_chromium_print_in_columns_reads_as_the_plain_text(tmp_path, columns):
    els = documents.elements(5)
    page = tmp_path / "plan.html"
    page.write_text(documents.to_print_html(els, columns), encoding="utf-8")
    pdf = analyse_file(documents.print_pdf(page, tmp_path / "plan.pdf"), None)
    (tmp_path / "plan.txt").write_text(documents.to_txt(els), encoding="utf-8")
    txt = analyse_file(tmp_path / "plan.txt", None)
    assert [(u.kind, u.number, u.title) for u in pdf.units] == [
        (u.kind, u.number, u.title) for u in txt.units
    ]
    assert [(d.type, d.number, d.title) for d in pdf.divisions] == [
        (d.type, d.number, d.title) for d in txt.divisions
    ]
    assert (pdf.title, pdf.number, pdf.date) == (txt.title, txt.number, txt.date)
    assert not re.search("[\u2e80-\u2fdf]", pdf.text)  # no radicals left: 月 matches 月
    assert "file://" not in pdf.text and not re.search(r"\d+/\d+/\d+, ", pdf.text)
    assert all(u.pages is not None for u in pdf.units)


def test_a_chromium_print_of_a_law_keeps_every_chapter_and_article(tmp_path):
    from tests.conftest import CORPUS

    source = CORPUS / "law-soil-pollution-2018.txt"
    page = tmp_path / "law.html"
    page.write_text(
        documents.to_print_html(documents.from_text(source.read_text("utf-8")), 3), "utf-8"
    )
    pdf = analyse_file(documents.print_pdf(page, tmp_path / "law.pdf"), None)
    txt = analyse_file(source, None)
    assert [(d.type, d.number, d.title) for d in pdf.divisions] == [
        (d.type, d.number, d.title) for d in txt.divisions
    ]
    articles = [u for u in pdf.units if u.kind == "article"]
    assert [u.number for u in articles] == list(range(1, 100))
    assert pdf.title == txt.title and pdf.date == txt.date


def test_a_printed_web_page_of_a_regulation_reads_past_its_breadcrumb_and_source_line(tmp_path):
    """A researcher prints a people's congress page: breadcrumb, title, 来源/发布时间 line, the
    text in two columns. The title is the regulation's, the page furniture is no unit, 户口簿
    (which Chromium prints with the door radical ⼾) reads as 户口簿, and the articles are
    those of the Markdown file."""
    import html

    from tests.conftest import CORPUS

    source = CORPUS / "local-regulations" / "浙江省沿海船舶边防治安管理条例(2012-11-29).md"
    markdown = source.read_text(encoding="utf-8")
    title = markdown.splitlines()[0].lstrip("# ").strip()
    body = [
        p.strip().lstrip("#").strip() for p in markdown.split("<!-- INFO END -->")[-1].split("\n")
    ]
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body if p)
    page = tmp_path / "page.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>某某人大网</title>'
        "<style>.content{column-count:2;column-gap:2em}</style></head><body>"
        "<div>首页 &gt; 地方性法规</div>"
        f"<h1>{html.escape(title)}</h1><div>来源：某某人大网　发布时间：2020-01-01</div>"
        f'<div class="content">{paragraphs}</div></body></html>',
        encoding="utf-8",
    )
    pdf = analyse_file(documents.print_pdf(page, tmp_path / "page.pdf"), None)
    md = analyse_file(source, None)
    assert pdf.title == title
    assert not [u.text for u in pdf.units if "首页" in u.text or "来源" in u.text]
    assert "户口簿" in pdf.text and "戶" not in pdf.text
    assert [(u.number, u.text) for u in pdf.units if u.kind == "article"] == [
        (u.number, u.text) for u in md.units if u.kind == "article"
    ]
