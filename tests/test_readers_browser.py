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
