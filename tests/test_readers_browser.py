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


@pytest.mark.parametrize(
    "name",
    [
        "浙江省沿海船舶边防治安管理条例(2012-11-29).md",  # 户口簿; a last page of a few lines
        "重庆市各级人民代表大会常务委员会人事任免工作条例(2022-06-10).md",  # 第六章 in the right column
        "郑州市建设工程施工安全管理条例(2020-08-05).md",  # 第十条第 / 三、四项规定 across lines
        "上海市公路管理条例.md",  # 违反本条例第三十八条第一款、 / 第三十九条第二款
    ],
)
def test_a_printed_web_page_of_a_regulation_reads_as_its_markdown(tmp_path, name):
    """A researcher prints a people's congress page: breadcrumb, title, 来源/发布时间 line, the
    text in two columns, the copyright footer. The title is the regulation's, the page furniture
    is in no unit, 户 (which Chromium prints as the door radical ⼾) reads as 户, and the
    articles are those of the Markdown file, word for word."""
    import html

    from tests.conftest import CORPUS

    source = CORPUS / "local-regulations" / name
    markdown = source.read_text(encoding="utf-8")
    title = markdown.splitlines()[0].lstrip("# ").strip()
    body = [
        p.strip().lstrip("#").strip() for p in markdown.split("<!-- INFO END -->")[-1].split("\n")
    ]
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body if p)
    page = tmp_path / "page.html"
    page.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}_某某人大网'
        "</title><style>.content{column-count:2;column-gap:2em}</style></head><body>"
        "<div>首页 &gt; 地方性法规</div>"
        f"<h1>{html.escape(title)}</h1><div>来源：某某人大网　发布时间：2020-01-01</div>"
        f'<div class="content">{paragraphs}</div>'
        "<div>版权所有 某某人大常委会办公厅 京ICP备00000000号</div></body></html>",
        encoding="utf-8",
    )
    pdf = analyse_file(documents.print_pdf(page, tmp_path / "page.pdf"), None)
    md = analyse_file(source, None)
    assert pdf.title == title
    furniture = ("首页", "来源", "版权所有", "ICP", "file://", "\ufb01le://")
    assert not [u.text for u in pdf.units if any(w in u.text for w in furniture)]
    assert "戶" not in pdf.text
    assert [(u.number, u.text) for u in pdf.units if u.kind == "article"] == [
        (u.number, u.text) for u in md.units if u.kind == "article"
    ]


def test_a_printed_task_table_gives_each_body_the_role_its_column_names(tmp_path):
    """The task table of tests/test_readers.py printed by Chromium with its borders: pdfplumber
    finds the ruled table, and its rows read as the web page's and the Word table's do."""
    from tests.test_readers import _task_table_html, task_rows

    page = _task_table_html(tmp_path / "plan.html")
    page.write_text(
        page.read_text(encoding="utf-8").replace("<table>", '<table border="1">'), "utf-8"
    )
    rows = task_rows(documents.print_pdf(page, tmp_path / "plan.pdf"))
    assert all(u.pages == (1, 1) for u in rows)


def test_a_page_chromium_saves_as_a_web_archive_reads_as_the_page(tmp_path, browser):
    """Chromium's own single-file save (Page.captureSnapshot, the MHTML of "Webpage, Single
    File"): the GB2312 gov.cn page it holds, quoted-printable, reads as the page itself."""
    page = tmp_path / "plan.html"
    page.write_bytes(documents.to_html(documents.elements(3), charset="gb2312").encode("gb18030"))
    browser.get(page.as_uri())
    snapshot = browser.execute_cdp_cmd("Page.captureSnapshot", {"format": "mhtml"})["data"]
    archive = tmp_path / "plan.mhtml"
    archive.write_bytes(snapshot.encode("utf-8"))
    saved, direct = analyse_file(archive, None), analyse_file(page, None)
    assert saved.format == "mhtml" and direct.format == "html"
    assert [(u.kind, u.number, u.title, u.text) for u in saved.units] == [
        (u.kind, u.number, u.title, u.text) for u in direct.units
    ]
    assert (saved.title, saved.number, saved.issuers) == (
        documents.TITLE, documents.NUMBER, [documents.ISSUER],
    )  # fmt: skip


def _official_notice_html(guideline: str) -> str:
    """The guideline printed as an official document is: the red-letter head, the number, the
    title over two lines, its text, the list of annexes, the signature, the publication note,
    then on a page of its own 附件1, its title and a task table."""
    import html

    lines = [line for line in guideline.split("\n") if line.strip()]
    body = [re.sub(r"^【[^】]+】\s*", "", line).strip() for line in lines[1:]]
    signed = body.index("2021年5月17日")
    text = body[: signed - 1]  # the bodies' line and the date are set right below
    p = "".join(f"<p>{html.escape(t)}</p>" for t in text)
    names = body[signed - 1].split()  # eight bodies, three a line, as joint documents sign
    signature = "".join(
        f'<p class="r">{"　".join(names[k : k + 3])}</p>' for k in range(0, len(names), 3)
    )
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in TASK_TABLE
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body {{ font-family: "Noto Serif CJK SC"; font-size: 15pt; width: 15cm }}
.red {{ color: #d00; text-align: center; font-size: 30pt }} .c {{ text-align: center }}
.t {{ text-align: center; font-size: 21pt }} .r {{ text-align: right }}
p {{ margin: 0; text-indent: 2em }} .c, .t, .r, .red {{ text-indent: 0 }}
td {{ border: 1px solid #000 }} table {{ border-collapse: collapse }}
.next {{ page-break-before: always }}</style></head><body>
<p class="red">生态环境部文件</p><p class="c">环综合〔2021〕44号</p>
<p class="t">关于加强自由贸易试验区生态环境保护<br>推动高质量发展的指导意见</p>{p}
<p>附件：1.重点任务分工表</p>
{signature}<p class="r">2021年5月17日</p>
<p>（此件社会公开）</p>
<p class="next">附件1</p><p class="t">重点任务分工表</p><table>{rows}</table>
</body></html>"""


TASK_TABLE = [
    ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
    ["1", "完成钢铁企业超低排放改造", "市生态环境局", "市发展改革委、市工业和信息化局", "2024年底前"],
    ["2", "淘汰燃煤锅炉", "市市场监管局", "市生态环境局", "2023年6月底前"],
]  # fmt: skip


def test_an_official_document_printed_by_chromium_reads_as_its_parts(tmp_path):
    """Red-letter head, number, a title over two lines, signature, publication note and an
    annex with a task table, as Chromium prints them: the metadata from the frame, the text
    units from the text, the table's rows in the annex with their columns' roles."""
    from tests.conftest import CORPUS

    guideline = (CORPUS / "guideline-ftz-eco-2021.txt").read_text(encoding="utf-8")
    page = tmp_path / "notice.html"
    page.write_text(_official_notice_html(guideline), encoding="utf-8")
    doc = analyse_file(documents.print_pdf(page, tmp_path / "notice.pdf"), None)
    assert doc.title == "关于加强自由贸易试验区生态环境保护推动高质量发展的指导意见"
    assert (doc.number, doc.date, doc.issuers[0]) == (
        "环综合〔2021〕44号",
        "2021-05-17",
        "生态环境部",
    )
    texts = [u.text for u in doc.units]
    assert texts[0].startswith("各有关省（区、市）生态环境厅")
    assert not [t for t in texts if re.search("生态环境部文件|环综合|附件|2021年5月17日|此件", t)]
    (annex,) = [d for d in doc.divisions if d.type == "annex"]
    assert (annex.number, annex.title) == (1, "重点任务分工表")
    rows = [u for u in doc.units if annex.id in u.parents and u.text.startswith("序号：")]
    assert [u.text.split("；")[2] for u in rows] == [
        "牵头单位：市生态环境局",
        "牵头单位：市市场监管局",
    ]
    last_page = max(u.pages[1] for u in doc.units)  # the annex starts a page of its own
    assert all(u.pages == (last_page, last_page) for u in rows)
    assert max(u.pages[1] for u in doc.units if annex.id not in u.parents) == last_page - 1


def test_a_chromium_print_of_a_plan_numbered_to_the_points_reads_as_its_text(tmp_path):
    """The guideline set one level lower (（一） items over 1. points), printed in two columns:
    the same items heading the same points as the text has, though a point's line breaks
    where any line may."""
    from tests.conftest import CORPUS
    from tests.test_numbering_levels import _renumbered

    guideline = (CORPUS / "guideline-ftz-eco-2021.txt").read_text(encoding="utf-8")
    lower = _renumbered(guideline, "（{cn}）", "{n}.").split("\n")
    title = re.sub(r"^【[^】]+】\s*", "", lower[0])
    body = [line.strip() for line in lower[1:] if line.strip() and not line.startswith("【")]
    text = "\n".join([title, *body[1:-2]])  # the text between the addressees and the signature
    source = tmp_path / "plan.txt"
    source.write_text(text, encoding="utf-8")
    page = tmp_path / "plan.html"
    page.write_text(documents.to_print_html(documents.from_text(text), 2), "utf-8")
    pdf = analyse_file(documents.print_pdf(page, tmp_path / "plan.pdf"), None)
    txt = analyse_file(source, None)
    divisions = [(d.type, d.number, d.title) for d in txt.divisions]
    assert [(d.type, d.number, d.title) for d in pdf.divisions] == divisions
    assert [t for t, _, _ in divisions] == ["subpart"] * 7
    units = [(u.kind, u.number, u.title, u.text) for u in txt.units]
    assert [(u.kind, u.number, u.title, u.text) for u in pdf.units] == units
    assert len([u for u in units if u[0] == "measure" and u[1]]) == 25


def test_a_printed_table_of_indicators_gives_the_targets_its_rows_set(tmp_path, nlp):
    """The table of indicators of tests/test_readers.py printed by Chromium with its borders:
    pdfplumber finds the ruled table, and its rows set the targets the web page's do, each on
    the first page."""
    from tests.test_readers import INDICATOR_TARGETS, _indicators_html

    page = _indicators_html(tmp_path / "plan.html")
    page.write_text(
        page.read_text(encoding="utf-8").replace("<table>", '<table border="1">'), "utf-8"
    )
    doc = analyse_file(
        documents.print_pdf(page, tmp_path / "plan.pdf"), nlp, {"date": "2021-11-02"}
    )
    targets = [m for u in doc.units for m in u.mentions if m.type == "target"]
    assert [(m.concept, m.attrs["value"], m.attrs["year"]) for m in targets] == [
        (t[0], t[1], t[5]) for t in INDICATOR_TARGETS
    ]
    assert all(m.pages == (1, 1) for m in targets)
