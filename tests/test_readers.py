"""Reading every format: one document in txt, md, html, docx and pdf gives one tree.

Inputs are generated (``tests/documents.py``) or are the corpus's own files; nothing binary is
kept in the repository. Chromium-printed PDFs are in ``test_readers_browser.py``.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.cli import main
from policykg.errors import InputError
from policykg.extract.glyphs import normalise_glyphs
from policykg.extract.metadata import extract_metadata
from policykg.extract.pipeline import analyse_file, analyse_text, iter_files
from policykg.extract.reading import read_file, sniff
from tests import documents
from tests.conftest import CORPUS

REGULATIONS = sorted((CORPUS / "local-regulations").glob("*.md"))
LAWS = ["law-air-pollution-2018", "law-soil-pollution-2018", "law-water-pollution-2017"]


def _visible(source: str) -> str:
    """What a reader sees of a stretch of markup: no tags or comments, references decoded,
    no white space."""
    source = re.sub(r"<!--.*?-->|<[^<>]*>", "", source, flags=re.S)
    return "".join(html.unescape(source).split())


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _tree(doc):
    return (
        [(d.type, d.number, d.title) for d in doc.divisions],
        [(u.kind, u.number, u.title, u.text) for u in doc.units],
    )


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, Path]:
    return documents.write_all(tmp_path_factory.mktemp("plan"), documents.elements(3))


@pytest.fixture(scope="module")
def read(written) -> dict:
    return {fmt: analyse_file(path, None) for fmt, path in written.items()}


# -- Markdown: the LawRefBook regulations of the corpus ------------------------------------


def _as_plain_text(markdown: str) -> str:
    """The regulation as the corpus's plain-text laws were made from the same collection:
    heading marks and the INFO END comment removed, nothing else touched."""
    return re.sub(r"^#+[ \t]*", "", markdown, flags=re.M).replace("<!-- INFO END -->", "")


def test_every_markdown_regulation_gives_the_tree_and_articles_of_its_plain_text():
    assert len(REGULATIONS) == 42
    for path in REGULATIONS:
        markdown = path.read_text(encoding="utf-8")
        doc = analyse_file(path, None)
        text = _as_plain_text(markdown)
        plain = analyse_text(text, doc.id, None, extract_metadata(text))
        assert doc.format == "md"
        assert _tree(doc) == _tree(plain), path.name


def test_markdown_chapter_headings_give_chapters_where_plain_text_reading_saw_none():
    with_chapters = [
        p for p in REGULATIONS if re.search(r"^#+\s*第.{1,3}章", p.read_text("utf-8"), re.M)
    ]
    assert len(with_chapters) >= 30
    for path in with_chapters:
        doc = analyse_file(path, None)
        chapters = [d for d in doc.divisions if d.type == "chapter"]
        assert chapters and all(d.title and "#" not in d.title for d in chapters), path.name
        as_text = analyse_text(path.read_text(encoding="utf-8"), doc.id, None)
        # as text, a 第N章 line behind "#" is no heading; one glued after an article's 。 is,
        # and the chapters before it are inferred, untitled
        source = path.read_text(encoding="utf-8")
        titled = [d for d in as_text.divisions if d.type == "chapter" and d.title]
        assert all(source[d.start - 1] == "。" for d in titled), path.name


def test_markdown_metadata_is_read_without_heading_marks_or_comments():
    path = next(p for p in REGULATIONS if p.name.startswith("上海市信访条例"))
    doc = analyse_file(path, None)
    assert doc.title == "上海市信访条例"
    assert doc.date == "2018-05-24"
    assert [e.event for e in doc.history] == ["passed", "revised", "revised", "amended"]
    assert not any("<!--" in u.text or u.text.startswith("#") for u in doc.units)
    reading = read_file(path)  # what metadata extraction reads, and where it came from
    assert "#" not in reading.plain and "<!--" not in reading.plain
    i = reading.plain.index("第一章")
    assert reading.text[reading.plain_offset(i) :].startswith("第一章")
    assert reading.text[reading.plain_offset(0) - 2 : reading.plain_offset(0)] == "# "


def test_markdown_offsets_point_at_the_characters_of_the_file(nlp):
    path = next(p for p in REGULATIONS if p.name.startswith("上海市信访条例"))
    original = path.read_text(encoding="utf-8")
    doc = analyse_file(path, nlp)
    assert doc.text == original
    for u in doc.units:
        assert _visible(original[u.start : u.end]).replace("#", "") == _squeezed(u.text)
        for m in u.mentions:
            assert _squeezed(original[m.start : m.end]) == _squeezed(m.text)
    assert sum(len(u.mentions) for u in doc.units) > 20


def test_emphasis_list_marks_and_link_targets_are_markup_not_text(tmp_path):
    path = tmp_path / "note.md"
    path.write_text(
        "# 测试办法\n\n## 第一章 总则\n\n第一条 *加强* **镉** 污染防治，见[附件](http://example.org/a)。\n\n"
        "- 第二条 列表中的条文。\n",
        encoding="utf-8",
    )
    doc = analyse_file(path, None)
    articles = [u.text for u in doc.units if u.kind == "article"]
    assert articles == ["第一条加强镉污染防治，见附件。", "第二条列表中的条文。"]


# -- web pages ----------------------------------------------------------------------------


def test_a_government_page_gives_its_metadata_table_and_only_its_text(read, written):
    doc = read["html"]
    assert (doc.title, doc.number, doc.date, doc.issuers) == (
        documents.TITLE,
        documents.NUMBER,
        "2021-12-30",
        [documents.ISSUER],
    )
    text = "".join(u.text for u in doc.units)
    for furniture in (
        "首页",
        "当前位置",
        "分享到",
        "打印本页",
        "责任编辑",
        "纠错",
        "版权所有",
        "统计代码",
        "脚本写的字",
        "索引号",
    ):
        assert furniture not in text, furniture
    assert "“十四五”" in text  # &ldquo; and &rdquo; decoded


def test_web_page_offsets_point_at_the_decoded_file_and_quotes_hold_no_markup(written, nlp):
    doc = analyse_file(written["html"], nlp)
    original = written["html"].read_text(encoding="utf-8")
    assert doc.text == original
    for u in doc.units:
        assert _visible(original[u.start : u.end]) == _squeezed(u.text)
        for s in u.sentences:
            assert _visible(original[s.start : s.end]) == _squeezed(s.text)
        for m in u.mentions:
            assert _visible(original[m.start : m.end]) == _squeezed(m.text)
            assert "<" not in m.text


def test_a_gb2312_page_reads_as_its_utf8_twin(tmp_path, read):
    path = tmp_path / "gbk.htm"
    path.write_bytes(documents.to_html(documents.elements(3), charset="gb2312").encode("gb18030"))
    doc = analyse_file(path, None)
    assert doc.format == "html"
    assert [u.text for u in doc.units] == [u.text for u in read["html"].units]


@pytest.mark.parametrize(
    ("name", "charset", "encoding"),
    [("page.mhtml", "utf-8", "quoted-printable"), ("page.mht", "gb2312", "base64")],
)
def test_a_page_saved_as_a_web_archive_reads_as_the_page(tmp_path, read, name, charset, encoding):
    """Chrome's single-file page (.mhtml: quoted-printable, no charset on the part) and IE's
    web archive (.mht: GB2312, base64) are the page they hold; offsets are into the decoded
    page, which the graph keeps as the document's text."""
    from policykg.extract.reading import read_file

    page = documents.to_html(documents.elements(3), charset=charset)
    path = tmp_path / name
    path.write_bytes(documents.to_mhtml(page, charset, encoding))
    assert sniff(path) == "mhtml"
    doc = analyse_file(path, None)
    assert doc.format == "mhtml"
    assert _tree(doc) == _tree(read["html"])
    assert (doc.title, doc.number, doc.issuers) == (
        documents.TITLE, documents.NUMBER, [documents.ISSUER],
    )  # fmt: skip
    assert doc.text == read_file(path).text == page.replace("\r\n", "\n")
    for u in doc.units:
        assert _visible(doc.text[u.start : u.end]) == _squeezed(u.text)


def test_a_web_archive_without_a_page_is_a_one_line_error(tmp_path):
    path = tmp_path / "images.mhtml"
    archive = documents.to_mhtml("<p>x</p>").replace(
        b"Content-Type: text/html", b"Content-Type: text/css"
    )
    path.write_bytes(archive)
    result = CliRunner().invoke(main, ["build", str(path), "--store", str(tmp_path / "kg")])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "no text/html part" in result.output


def test_a_page_without_a_metadata_table_takes_its_title_from_the_text(tmp_path):
    path = tmp_path / "page.html"
    body = "".join(
        f"<p>{line}</p>" for line in ("关于加强镉污染防治的通知", "各市：", "要加强镉污染防治。")
    )
    path.write_text(
        f"<html><body><div id='nav'>首页 | 政策</div><div>{body}</div></body></html>", "utf-8"
    )
    doc = analyse_file(path, None)
    assert doc.title == "关于加强镉污染防治的通知"
    assert "首页" not in "".join(u.text for u in doc.units)


def test_a_pages_heading_over_the_texts_own_title_and_dateline_leaves_only_the_text(tmp_path):
    # CONSTRUCTED in the layout of a central government site's reprint: the page's heading,
    # then in the text the agency's dateline, the title again and the day of adoption
    lines = ("新华社北京11月7日电", "中共中央 国务院关于深入打好污染防治攻坚战的意见",
             "（2021年11月2日）", "良好生态环境是实现中华民族永续发展的内在要求。", "一、总体要求",
             "（一）指导思想。以习近平新时代中国特色社会主义思想为指导。")  # fmt: skip
    body = "".join(f"<p>{line}</p>" for line in lines)
    path = tmp_path / "opinion.html"
    path.write_text(
        "<html><body><div class='header'>首页 | 政策</div><div class='article'>"
        f"<h1>中共中央 国务院关于深入打好污染防治攻坚战的意见</h1><div>{body}</div>"
        "</div></body></html>",
        "utf-8",
    )
    doc = analyse_file(path, None)
    assert doc.title == "中共中央 国务院关于深入打好污染防治攻坚战的意见"
    assert [u.text[:6] for u in doc.units] == ["良好生态环境", "（一）指导思"]


def test_a_short_notice_keeps_its_text_beside_the_metadata_table(tmp_path):
    # a notice of two paragraphs has fewer colons and commas than the page's metadata table:
    # the table is read for its fields and is no text, so the notice is the main text
    path = tmp_path / "notice.html"
    path.write_text(documents.to_html(documents.elements(0)), encoding="utf-8")
    doc = analyse_file(path, None)
    text = "".join(u.text for u in doc.units)
    assert "认真组织实施" in text
    assert not re.search("索引号|主题分类|发布日期|首页", text)
    assert (doc.title, doc.number) == (documents.TITLE, documents.NUMBER)
    assert doc.issuers == [documents.ISSUER]


# -- Word ---------------------------------------------------------------------------------


def test_word_headings_tables_and_signature_read_as_the_plain_text(read):
    assert _tree(read["docx"]) == _tree(read["txt"])
    doc = read["docx"]
    assert doc.format == "docx"
    assert (doc.title, doc.number, doc.date, doc.issuers) == (
        documents.TITLE,
        documents.NUMBER,
        "2021-12-30",
        [documents.ISSUER],
    )
    assert "页眉" not in doc.text and "— 1 —" not in doc.text  # header and footer dropped


def test_word_numbering_is_written_out_so_numbered_headings_are_chapters(tmp_path):
    path = tmp_path / "numbered.docx"
    _numbered_docx(path)
    doc = analyse_file(path, None)
    chapters = [(d.number, d.title) for d in doc.divisions if d.type == "chapter"]
    assert chapters == [(1, "总则"), (2, "监督管理")]
    assert [u.number for u in doc.units if u.kind == "article"] == [1, 2, 3]


def _numbered_docx(path: Path) -> None:
    """Headings numbered by Word (第%1章, chineseCounting) and articles (第%2条, numbered on
    through the chapters), as a drafting office's template makes them: the numbers are in
    numbering.xml, not in the text."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="第%1章"/><w:suff w:val="space"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/>'
            '<w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="第%2条"/><w:suff w:val="space"/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )

    def numbered(text: str, level: int, style: str | None) -> None:
        p = document.add_paragraph(text, style=style)
        p._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
            )
        )

    document.add_paragraph("某某市镉污染防治条例", style="Title")
    numbered("总则", 0, "Heading 1")
    numbered("为了防治镉污染，制定本条例。", 1, None)
    numbered("本条例适用于本市。", 1, None)
    numbered("监督管理", 0, "Heading 1")
    numbered("生态环境部门负责监督管理。", 1, None)
    document.save(str(path))


def test_a_word_text_box_is_read_after_its_paragraph_and_page_breaks_give_pages(tmp_path):
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    p = document.add_paragraph("第一条 加强镉污染防治。")
    p.runs[0]._r.append(
        parse_xml(
            f'<w:pict {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml">'
            "<v:textbox><w:txbxContent>"
            "<w:p><w:r><w:t>专栏1 重点工程</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>湘江流域、资江流域</w:t></w:r></w:p>"
            "</w:txbxContent></v:textbox></w:pict>"
        )
    )
    document.add_paragraph("第二条 加强铅污染防治。").runs[0].add_break(WD_BREAK.PAGE)
    document.add_paragraph("第三条 加强汞污染防治。")
    path = tmp_path / "box.docx"
    document.save(str(path))
    doc = analyse_file(path, None)
    assert [(u.kind, u.title) for u in doc.units] == [  # the box where it stood
        ("article", "第1条"),
        ("box-item", "湘江流域"),
        ("box-item", "资江流域"),
        ("article", "第2条"),
        ("article", "第3条"),
    ]
    pages = {u.title: u.pages for u in doc.units}
    assert pages["第1条"] == (1, 1) and pages["第3条"] == (2, 2)


# -- PDF ----------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [1, 2, 3, 4])
def test_a_pdf_in_one_to_four_columns_reads_as_the_plain_text(tmp_path, columns):
    els = documents.elements(5)
    pdf = analyse_file(documents.to_pdf(els, tmp_path / "plan.pdf", columns=columns), None)
    (tmp_path / "plan.txt").write_text(documents.to_txt(els), encoding="utf-8")
    txt = analyse_file(tmp_path / "plan.txt", None)
    assert _tree(pdf) == _tree(txt)
    assert (pdf.title, pdf.number, pdf.date, pdf.issuers) == (
        txt.title,
        txt.number,
        txt.date,
        txt.issuers,
    )
    text = pdf.text
    assert "征求意见稿" not in text and not re.search(r"^- \d+ -$", text, re.M)  # furniture
    boxes = [d for d in pdf.divisions if d.type == "box"]
    assert [(b.number, b.title) for b in boxes] == [(1, "重金属污染防治重点工程")]


def test_every_pdf_unit_and_mention_says_on_which_page_and_where(tmp_path, nlp):
    path = documents.to_pdf(documents.elements(8), tmp_path / "plan.pdf", columns=2)
    doc = analyse_file(path, nlp)
    last = max(u.pages[1] for u in doc.units)
    assert last >= 2
    for node in [*doc.units, *doc.divisions, *(m for u in doc.units for m in u.mentions)]:
        assert node.pages is not None and 1 <= node.pages[0] <= node.pages[1] <= last, node.id
        x0, top, x1, bottom = node.bbox
        assert 0 <= x0 < x1 <= 596 and 0 <= top < bottom <= 842, node.id
    for u in doc.units:  # the document's text is the extracted text: offsets quote it
        assert _squeezed(doc.text[u.start : u.end]) == _squeezed(u.text)


@pytest.mark.parametrize("name", LAWS)
def test_a_corpus_law_as_pdf_word_and_web_page_gives_the_tree_of_its_text(tmp_path, name):
    source = CORPUS / f"{name}.txt"
    els = documents.from_text(source.read_text(encoding="utf-8"))
    page = tmp_path / f"{name}.html"
    page.write_text(documents.to_html(els, fields=False), encoding="utf-8")
    base = analyse_file(source, None)
    for path in (
        documents.to_pdf(els, tmp_path / f"{name}.pdf", columns=2),
        documents.to_docx(els, tmp_path / f"{name}.docx"),
        page,
    ):
        doc = analyse_file(path, None)
        assert _tree(doc) == _tree(base), path.suffix
        assert (doc.title, doc.date) == (base.title, base.date), path.suffix


def test_look_alike_radicals_and_compatibility_ideographs_are_folded():
    assert normalise_glyphs("⽉⼈⻓江⻛险〈〉\uf900") == "月人长江风险〈〉豈"
    assert normalise_glyphs("１２３，ＡＢ") == "１２３，ＡＢ"  # full-width forms are kept
    # the door radical a mainland font draws as 户 (Chromium prints 户口簿 as ⼾口簿), not 戶
    assert normalise_glyphs("出海船舶\u2f3e口簿") == "出海船舶户口簿"


# -- one document, every format -----------------------------------------------------------


def _units(doc) -> list[tuple]:
    return [
        (u.kind, u.title, frozenset((m.type, m.concept or m.label, m.text) for m in u.mentions))
        for u in doc.units
    ]


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(chapters=st.integers(2, 6), columns=st.integers(1, 4))
def test_one_document_in_every_format_gives_the_same_units_and_entities(
    tmp_path_factory, nlp, chapters, columns
):
    folder = tmp_path_factory.mktemp("formats")
    paths = documents.write_all(folder, documents.elements(chapters), columns=columns)
    docs = {fmt: analyse_file(path, nlp) for fmt, path in paths.items()}
    expected = _units(docs["txt"])
    assert sum(len(e[2]) for e in expected) > 10
    for fmt, doc in docs.items():
        assert doc.format == fmt
        assert _units(doc) == expected, fmt


# -- choosing a reader --------------------------------------------------------------------


def test_the_reader_follows_the_content_when_the_name_says_otherwise(tmp_path, written):
    for fmt in ("pdf", "docx"):
        renamed = tmp_path / f"{fmt}-file.txt"
        renamed.write_bytes(written[fmt].read_bytes())
        assert sniff(renamed) == fmt
    page = tmp_path / "saved.txt"
    page.write_bytes(written["html"].read_bytes())
    assert sniff(page) == "html"
    markdown = tmp_path / "law.txt"
    markdown.write_bytes(REGULATIONS[0].read_bytes())
    assert sniff(markdown) == "md"
    assert sniff(CORPUS / "law-air-pollution-2018.txt") == "txt"


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_old_word_files_are_refused_with_a_line_that_says_to_convert_them(tmp_path, suffix):
    path = tmp_path / f"plan{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(InputError, match=r"convert it to \.docx"):
        read_file(path)


def test_folder_walks_take_every_format_and_skip_notes_manifests_and_hidden_files(
    tmp_path, written
):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for path in written.values():
        (folder / "sub" / path.name).write_bytes(path.read_bytes())
    (folder / "README.md").write_text("# 说明", encoding="utf-8")
    (folder / "manifest.json").write_text("[]", encoding="utf-8")
    (folder / ".draft.md").write_text("# 草稿", encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "notes.txt").write_text("x", encoding="utf-8")
    (folder / "old.doc").write_bytes(b"x")
    names = [p.name for p in iter_files([folder])]
    assert names == ["old.doc", "plan.docx", "plan.html", "plan.md", "plan.pdf", "plan.txt"]


def test_a_folder_of_mixed_files_builds_in_one_go_and_cites_pages(tmp_path, written):
    folder = tmp_path / "in"
    folder.mkdir()
    for fmt, path in written.items():
        (folder / f"plan-{fmt}{path.suffix}").write_bytes(path.read_bytes())
    store = tmp_path / "kg"
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(folder), "--store", str(store)])
    assert result.exit_code == 0, result.output
    docs = json.loads(
        runner.invoke(main, ["docs", "--store", str(store), "--format", "json"]).stdout
    )
    assert {d["id"]: d["format"] for d in docs} == {f"plan-{f}": f for f in written}
    assert {d["title"] for d in docs} == {documents.TITLE}
    counts = {d["id"]: d["units"] for d in docs}
    assert len(set(counts.values())) == 1, counts
    items = json.loads(
        runner.invoke(
            main, ["measures", "--store", str(store), "--doc", "plan-pdf", "--format", "json"]
        ).stdout
    )
    assert items and all(i["source"]["page"] == i["source"]["pages"][0] >= 1 for i in items)
    txt_items = json.loads(
        runner.invoke(
            main, ["measures", "--store", str(store), "--doc", "plan-txt", "--format", "json"]
        ).stdout
    )
    assert all(i["source"]["page"] is None for i in txt_items)
    shown = runner.invoke(main, ["show", items[5]["id"], "--store", str(store)])
    assert shown.exit_code == 0, shown.output
    assert re.search(r"第\d+页", shown.stdout)


def test_the_markdown_reader_hands_metadata_extraction_what_the_gold_was_read_from():
    from tests.conftest import ROOT

    gold = json.loads((ROOT / "tests" / "gold" / "local-regulations.json").read_text("utf-8"))
    for entry in gold:
        doc = analyse_file(CORPUS / "local-regulations" / entry["file"], None)
        got = {
            "title": doc.title,
            "jurisdiction": doc.jurisdiction.model_dump() if doc.jurisdiction else None,
            "issuers": doc.issuers,
            "history": [{"date": e.date, "event": e.event, "body": e.body} for e in doc.history],
            "date": doc.date,
            "effective": doc.effective,
        }
        assert got == {key: entry[key] for key in got}, entry["file"]


def test_a_pages_own_fields_leave_the_legislative_header_to_be_read(tmp_path):
    """A page's ArticleTitle (a field of the file) must not stand in front of the title it
    names: the dated lines under the title are still its history and name its issuers."""
    body = (
        "<h1>北京市某某条例</h1>"
        "<p>2011年5月27日北京市第十三届人民代表大会常务委员会第二十五次会议通过</p>"
        "<p>第一条 为了加强管理，制定本条例。</p><p>第二条 本条例自2011年10月1日起施行。</p>"
    )
    docs = {}
    for name, head in [
        ("plain", ""),
        ("meta", '<meta name="ArticleTitle" content="北京市某某条例">'),
    ]:
        path = tmp_path / f"{name}.html"
        path.write_text(f"<html><head>{head}</head><body>{body}</body></html>", encoding="utf-8")
        docs[name] = analyse_file(path, None)
    for doc in docs.values():
        assert doc.title == "北京市某某条例"
        assert doc.issuers == ["北京市人民代表大会常务委员会"]
        assert (doc.date, doc.effective) == ("2011-05-27", "2011-10-01")
        assert [e.event for e in doc.history] == ["passed"]


def test_a_text_box_in_a_table_cell_is_read_once(tmp_path):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("前言。")
    table = document.add_table(rows=1, cols=2)
    first, second = table.rows[0].cells
    first.paragraphs[0].add_run("甲格")
    first.paragraphs[0].runs[0]._r.append(
        parse_xml(
            f'<w:pict {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml">'
            "<v:textbox><w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p>"
            "</w:txbxContent></v:textbox></w:pict>"
        )
    )
    second.paragraphs[0].add_run("乙格")
    document.add_paragraph("后文。")
    path = tmp_path / "cell.docx"
    document.save(str(path))
    text = read_file(path).text
    assert (
        text.count("文本框内容") == 1 and "甲格；乙格" in text
    )  # cells apart (reading.CELL_SEPARATOR)


# -- a task table: each cell under its column's header ----------------------------------------

TASK_TABLE = [
    ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
    ["1", "完成钢铁企业超低排放改造", "市生态环境局", "市发展改革委、市工业和信息化局", "2024年底前"],
    ["2", "淘汰燃煤锅炉", "市市场监管局", "市生态环境局", "2023年6月底前"],
]  # fmt: skip


def _task_table_html(path: Path) -> Path:
    rows = "".join(
        "<tr>" + "".join(f"<{'th' if n == 0 else 'td'}>{c}</{'th' if n == 0 else 'td'}>"
                         for c in row) + "</tr>"
        for n, row in enumerate(TASK_TABLE)
    )  # fmt: skip
    path.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
        f"<h1>某市大气污染防治行动方案</h1><p>重点任务分工表</p><table>{rows}</table></body></html>",
        encoding="utf-8",
    )
    return path


def _word_table(
    path: Path, before: list[str], table: list[list[str]], after: tuple[str, ...] | list[str] = ()
) -> Path:
    """A Word file of the paragraphs ``before``, a table of ``table``'s rows, then ``after``."""
    import docx

    document = docx.Document()
    for text in before:
        document.add_paragraph(text)
    cells = document.add_table(rows=len(table), cols=len(table[0]))
    for r, row in enumerate(table):
        for c, value in enumerate(row):
            cells.cell(r, c).text = value
    for text in after:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def _task_table_docx(path: Path) -> Path:
    return _word_table(path, ["某市大气污染防治行动方案", "重点任务分工表"], TASK_TABLE)


def task_rows(path: Path) -> list:
    """The rows of the task table in the document at ``path``, analysed, checked to read as
    the table says: cells under their headers, the roles their columns name, the deadlines."""
    from policykg.extract.pipeline import VOCABULARIES, make_nlp
    from policykg.graph.vocabularies import load_vocabularies

    doc = analyse_file(path, make_nlp(load_vocabularies(VOCABULARIES)))
    rows = [u for u in doc.units if u.text.startswith("序号：")]
    assert [u.text for u in rows][0] == (
        "序号：1；工作任务：完成钢铁企业超低排放改造；牵头单位：市生态环境局；"
        "配合单位：市发展改革委、市工业和信息化局；完成时限：2024年底前"
    )
    roles = [[(m.text, m.attrs["role"]) for m in u.mentions if m.type == "actor"] for u in rows]
    assert roles == [
        [("市生态环境局", "lead"), ("市发展改革委", "participant"), ("市工业和信息化局", "participant")],
        [("市市场监管局", "lead"), ("市生态环境局", "participant")],
    ]  # fmt: skip
    assert [[m.attrs["date"] for m in u.mentions if m.type == "deadline"] for u in rows] == [
        ["2024-12-31"], ["2023-06-30"],
    ]  # fmt: skip
    assert not [m for u in rows for m in u.mentions if m.type == "instrument" and m.text == "责任"]
    return rows


def _task_table_tabs(path: Path) -> Path:
    """The table pasted out of Word into a text file: cells apart by tabs."""
    lines = ["某市大气污染防治行动方案", "重点任务分工表", *("\t".join(r) for r in TASK_TABLE)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _task_table_spaced(path: Path) -> Path:
    """The table as a PDF's text layer lays it out (pdftotext -layout): columns padded with
    ideographic spaces and runs of spaces, the rows indented."""
    widths = [max(len(r[c]) for r in TASK_TABLE) for c in range(len(TASK_TABLE[0]))]
    rows = ["  " + "  ".join(v + "\u3000" * (w - len(v)) for v, w in zip(r, widths, strict=True))
            for r in TASK_TABLE]  # fmt: skip
    path.write_text(
        "某市大气污染防治行动方案\n\n重点任务分工表\n\n" + "\n".join(rows) + "\n", "utf-8"
    )
    return path


_TASK_TABLES = {
    _task_table_html: "plan.html",
    _task_table_docx: "plan.docx",
    _task_table_tabs: "plan.txt",
    _task_table_spaced: "plan.txt",
}


@pytest.mark.parametrize("make", list(_TASK_TABLES))
def test_a_task_table_gives_each_body_the_role_its_column_names(tmp_path, make):
    """An action plan's division of labour (分工表) as a web page, a Word table or text copied
    out of either (cells apart by tabs or runs of spaces): each row is a paragraph whose cells
    stand apart under their headers, so 市生态环境局 does not run into 市发展改革委, the 牵头单位
    column leads, 配合单位 takes part and 完成时限 is the deadline."""
    path = make(tmp_path / _TASK_TABLES[make])
    rows = task_rows(path)
    if path.suffix in (".html", ".txt"):  # every mention quotes the file's own characters
        source = path.read_text(encoding="utf-8")
        assert all(source[m.start : m.end] == m.text for u in rows for m in u.mentions)


def test_the_bodies_of_a_task_table_are_found_by_name_in_measures_and_ask(tmp_path):
    """市发展改革委 as the development and reform authority (the remit the NDRC holds) and
    市生态环境局 as the vocabulary's 生态环境主管部门, at a city's level and no other (the
    mention's pkg:atLevel); ask says which body it read."""
    import policykg

    page = _task_table_html(tmp_path / "plan.html")
    assert not policykg.build([page], tmp_path / "kg", jobs=1).failures
    kg = policykg.open(tmp_path / "kg")
    assert [i.matched["actor"] for i in kg.measures(actor="市发展改革委")] == [
        ["市发展改革部门 (participant)"]
    ]
    assert [i.matched["actor"] for i in kg.measures(actor="市生态环境局")] == [
        ["市生态环境主管部门 (lead)"], ["市生态环境主管部门 (participant)"],
    ]  # fmt: skip
    # the remit at another level is not the city's bureau; the remit alone is any level's
    assert kg.measures(actor="省生态环境厅") == []
    assert len(kg.measures(actor="生态环境主管部门")) == 2
    (first,) = [m for m in kg.measures(actor="市生态环境局")[0].actors if m.text == "市生态环境局"]
    assert first.level == "actor/prefectural-city-governments"
    answer = kg.ask("哪些任务由市发展改革委配合")
    assert (
        "body 发展改革部门 (development-reform-authorities), at the level 市 names"
        in answer.understood
    )
    assert "role participant" in answer.understood
    assert len(answer.items) == 1


# -- a plan's table of indicators: the values under the years are its targets -----------------

# CONSTRUCTED: the layout of a five-year plan's table of main indicators (专栏 主要指标), with
# figures of the kind such tables print (the 14th five-year eco-environmental plan's)
INDICATOR_TABLE = [
    ["指标", "2020年", "2025年", "属性"],
    ["地级及以上城市细颗粒物（PM2.5）浓度下降（%）", "—", "10", "约束性"],
    ["地级及以上城市空气质量优良天数比率（%）", "87", "87.5", "约束性"],
    ["地表水达到或好于Ⅲ类水体比例（%）", "83.4", "85", "约束性"],
    ["单位国内生产总值二氧化碳排放降低（%）", "—", "〔18〕", "约束性"],
    ["受污染耕地安全利用率（%）", "90左右", "93左右", "约束性"],
    ["森林覆盖率（%）", "23.04", "24.1", "预期性"],
]  # fmt: skip
INDICATOR_TARGETS = [  # indicator, value, comparator, direction, baseline, year, binding
    ("indicator/pm25-concentration", 10.0, "=", "decrease", 2020, 2025, True),
    ("indicator/good-air-days-ratio", 87.5, "=", "reach", None, 2025, True),
    ("indicator/surface-water-good-ratio", 85.0, "=", "reach", None, 2025, True),
    ("indicator/carbon-intensity", 18.0, "=", "decrease", 2020, 2025, True),
    ("indicator/contaminated-farmland-safe-use-rate", 93.0, "≈", "reach", None, 2025, True),
    ("indicator/forest-coverage", 24.1, "=", "reach", None, 2025, False),
]
_PLAN_TITLE = "某省“十四五”生态环境保护规划"


def _indicators_html(path: Path) -> Path:
    rows = "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in INDICATOR_TABLE
    )
    path.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
        f"<h1>{_PLAN_TITLE}</h1><p>专栏1　主要指标</p><table>{rows}</table>"
        "<p>到2025年，生态环境持续改善。</p></body></html>",
        encoding="utf-8",
    )
    return path


def _indicators_docx(path: Path) -> Path:
    before = [_PLAN_TITLE, "专栏1　主要指标"]
    return _word_table(path, before, INDICATOR_TABLE, ["到2025年，生态环境持续改善。"])


def _indicators_md(path: Path) -> Path:
    rows = ["| " + " | ".join(r) + " |" for r in INDICATOR_TABLE]
    rows.insert(1, "|" + " --- |" * len(INDICATOR_TABLE[0]))
    text = (
        f"# {_PLAN_TITLE}\n\n专栏1　主要指标\n\n"
        + "\n".join(rows)
        + "\n\n到2025年，生态环境持续改善。\n"
    )
    path.write_text(text, encoding="utf-8")
    return path


def _indicators_tabs(path: Path) -> Path:
    """Copied out of Word: cells apart by tabs."""
    lines = [_PLAN_TITLE, "专栏1　主要指标", *("\t".join(r) for r in INDICATOR_TABLE)]
    path.write_text("\n".join(lines) + "\n到2025年，生态环境持续改善。\n", encoding="utf-8")
    return path


_INDICATOR_TABLES = {
    _indicators_html: "plan.html",
    _indicators_docx: "plan.docx",
    _indicators_md: "plan.md",
    _indicators_tabs: "plan.txt",
}


@pytest.mark.parametrize("make", list(_INDICATOR_TABLES))
def test_a_table_of_indicators_gives_the_target_each_row_sets(tmp_path, make, nlp):
    """The value under the latest year is the target, in the unit and with the verb the
    indicator's name holds (浓度下降（%）: a decrease in % from the first year), bound or
    expected as the 属性 column says, 左右 approximately; it quotes the value's characters."""
    path = make(tmp_path / _INDICATOR_TABLES[make])
    doc = analyse_file(path, nlp, {"date": "2021-11-02"})
    targets = [m for u in doc.units for m in u.mentions if m.type == "target"]
    got = [
        (
            m.concept, m.attrs["value"], m.attrs["comparator"], m.attrs["direction"],
            m.attrs["baseline"], m.attrs["year"], m.attrs["binding"],
        )
        for m in targets
    ]  # fmt: skip
    assert got == INDICATOR_TARGETS
    assert [m.text for m in targets] == ["10", "87.5", "85", "18", "93左右", "24.1"]
    assert all(m.attrs["unit"] == "%" for m in targets)
    if path.suffix in (".html", ".txt", ".md"):  # every target quotes the file's characters
        source = path.read_text(encoding="utf-8")
        assert all(source[m.start : m.end] == m.text for m in targets)


def test_a_plans_indicator_table_is_listed_with_its_targets(tmp_path):
    """Built, the table's targets are the plan's: `targets` lists them by indicator, binding."""
    import policykg

    page = _indicators_html(tmp_path / "plan.html")
    assert not policykg.build([page], tmp_path / "kg", jobs=1).failures
    kg = policykg.open(tmp_path / "kg")
    rows = kg.targets(indicator="PM2.5")
    assert [(r.value, r.direction, r.year, r.binding, r.doc_date) for r in rows] == [
        (10.0, "decrease", 2025, True, None)
    ]
    assert rows[0].indicator is not None and rows[0].indicator.id == "indicator/pm25-concentration"
    assert len(kg.measures(has="targets")) == 6


def test_a_category_cell_spanning_rows_leaves_each_row_under_its_headers(tmp_path, nlp):
    """类别 | 序号 | 指标 | 2020年 | 2025年 | 属性, the category cell spanning its rows
    (rowspan): the rows under it have a cell fewer, and each cell still reads after its own
    column's label; the category (环境治理) is not what the row measures."""
    head = ["类别", "序号", *INDICATOR_TABLE[0]]
    body = INDICATOR_TABLE[1:]
    rows = ["<tr>" + "".join(f"<th>{c}</th>" for c in head) + "</tr>"]
    for n, row in enumerate(body, start=1):
        category = f'<td rowspan="{len(body)}">环境治理</td>' if n == 1 else ""
        rows.append(f"<tr>{category}<td>{n}</td>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>")
    page = tmp_path / "plan.html"
    page.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><h1>{_PLAN_TITLE}</h1>'
        f"<table>{''.join(rows)}</table></body></html>",
        encoding="utf-8",
    )
    doc = analyse_file(page, nlp, {"date": "2021-11-02"})
    units = [u for u in doc.units if "2025年：" in u.text]
    assert len(units) == len(body)
    assert units[1].text.startswith(
        "序号：2；指标：地级及以上城市空气质量优良天数比率（%）；2020年：87"
    )
    targets = [m for u in units for m in u.mentions if m.type == "target"]
    assert [(m.concept, m.attrs["value"]) for m in targets] == [
        (t[0], t[1]) for t in INDICATOR_TARGETS
    ]


def test_a_table_under_a_box_title_in_text_is_the_boxs_items(tmp_path, nlp):
    """专栏1　主要指标 over a table copied out as text: the table's rows are the box's items
    (the box used to stand empty, its table in the flow), and they set their targets still."""
    doc = analyse_file(_indicators_tabs(tmp_path / "plan.txt"), nlp, {"date": "2021-11-02"})
    (box,) = [d for d in doc.divisions if d.type == "box"]
    assert (box.number, box.title) == (1, "主要指标")
    rows = [u for u in doc.units if "2025年：" in u.text]
    assert len(rows) == len(INDICATOR_TABLE) - 1
    assert all(u.kind == "box-item" and u.parents[-1] == box.id for u in rows)
    assert len([m for u in rows for m in u.mentions if m.type == "target"]) == len(
        INDICATOR_TARGETS
    )
    after = next(u for u in doc.units if u.text.startswith("到2025年"))
    assert after.kind != "box-item"


def test_a_signature_after_a_paragraphs_short_last_line_on_a_new_page_is_the_signature(tmp_path):
    """In small type the plan's last paragraph runs onto a second page, where its short last
    line and the signature set right look like two columns; the signature is still no part
    of the paragraph, and signs the document."""
    path = documents.to_pdf(documents.elements(3), tmp_path / "plan.pdf", body_size=9)
    doc = analyse_file(path, None)
    last = [u for u in doc.units if u.kind != "box-item"][-1]
    assert last.text.endswith("切断污染物进入农田的途径。")
    assert (doc.issuers, doc.date) == ([documents.ISSUER], "2021-12-30")


def test_a_box_a_page_break_cuts_is_one_box(tmp_path):
    """With a contents before it, the plan's framed 专栏 runs over a page break: its frame is
    open at the first page's foot and at the second page's head. It is one box with both
    groups, as on one page."""
    els = documents.with_contents(documents.elements(3))
    path = documents.to_pdf(els, tmp_path / "plan.pdf")
    pages = {b.page for b in read_file(path).blocks if b.region is not None}
    assert pages == {1, 2}  # the box is cut, as the test means it to be
    doc = analyse_file(path, None)
    boxes = [(d.type, d.number, d.title) for d in doc.divisions if d.type in ("box", "group")]
    assert boxes == [
        ("box", 1, "重金属污染防治重点工程"),
        ("group", 1, "区域综合防控"),
        ("group", 2, "历史遗留废渣治理"),
    ]
    items = [u.text for u in doc.units if u.kind == "box-item"]
    assert items == ["湘江流域", "资江流域", "沅江流域", "长沙市", "株洲市", "湘潭市"]
