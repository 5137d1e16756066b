"""Layout repair and document structure on the real plan page."""

from __future__ import annotations

import re

import pytest

from policykg.extract.layout import repair
from policykg.extract.structure import build_tree
from tests.conftest import CORPUS, corpus_file


@pytest.fixture(scope="module")
def tree(plan_text):
    return build_tree(repair(plan_text), "plan")


def _parent(tree, unit, kind):
    divs = {d.id: d for d in tree.divisions}
    return next((divs[p] for p in unit.parents if divs[p].type == kind), None)


def _unit(tree, title):
    return next(u for u in tree.units if u.title == title)


def test_mercury_measure_is_read_after_the_continued_block_in_section_two(tree):
    mercury = _unit(tree, "加强汞污染控制")
    section = _parent(tree, mercury, "section")
    assert (section.number, section.title) == (2, "加大重金属污染防治力度")
    assert _parent(tree, mercury, "chapter").number == 6
    order = [u.title for u in tree.units]
    # the 上接六版 block comes first: its measures precede the file's first line
    assert order.index("深化重点区域分类防控") < order.index("加强汞污染控制")
    assert order[0] == "强化突发环境事件应急处置管理"


def test_sections_before_chapter_seven_belong_to_chapter_six_with_unknown_title(tree):
    sections = [d for d in tree.divisions if d.type == "section"]
    divs = {d.id: d for d in tree.divisions}
    for s in sections:
        if s.number in (3, 4, 5) and divs[s.parent].number == 6:
            assert divs[s.parent].title is None
    in_six = sorted(s.number for s in sections if divs[s.parent].number == 6)
    assert in_six == [1, 2, 3, 4, 5]
    assert next(d for d in sections if d.number == 1 and divs[d.parent].number == 6).title is None


def test_box_five_has_twenty_four_items_under_section_two(tree):
    box = next(d for d in tree.divisions if d.type == "box")
    assert (box.number, box.title) == (5, "重金属综合整治示范")
    items = [u for u in tree.units if u.kind == "box-item"]
    assert len(items) == 24
    assert items[0].title == "泰州靖江市（电镀行业综合整治）"
    assert items[-1].title == "陇南徽县永宁河流域（铅、砷）"
    for item in items:
        assert box.id in item.parents
        section = _parent(tree, item, "section")
        assert section.title == "加大重金属污染防治力度"
    groups = [d for d in tree.divisions if d.type == "group"]
    assert [(g.number, g.title) for g in groups] == [(1, "区域综合防控"), (2, "流域综合整治")]
    # a list item wrapped across a blank line is one item
    assert "湖州长兴县（铅蓄电池行业综合整治）" in [u.title for u in items]


def test_about_fifty_measures_each_in_a_section(tree):
    measures = [u for u in tree.units if u.kind == "measure"]
    assert len(measures) == 50
    for m in measures:
        assert _parent(tree, m, "section") is not None, m.title
        assert not m.title.endswith("。")


def test_a_paragraph_that_starts_without_a_blank_line_is_its_own_measure(tree):
    grass = _unit(tree, "保护草原生态系统")
    wet = _unit(tree, "保护湿地生态系统")
    assert grass.text.endswith("治理“三化”草原3000万公顷。")
    assert wet.text.startswith("保护湿地生态系统。开展湿地生态效益补偿试点")


def test_a_blank_line_inside_a_sentence_does_not_break_the_paragraph(tree):
    intro = next(u for u in tree.units if u.text.startswith("贯彻“山水林田湖"))
    assert intro.kind == "intro"
    assert "推进重点区域和重要生态系统保护与修复" in intro.text


def test_chapter_introductions_and_statements_are_not_measures(tree):
    kinds = {u.text[:8]: u.kind for u in tree.units}
    assert kinds["我国是核能核技术"] == "intro"
    assert kinds["统筹推进生态环境"] == "intro"


def test_no_unit_keeps_markers_line_breaks_or_spaces_between_chinese_and_digits(tree):
    for u in tree.units:
        assert "\n" not in u.text
        assert "上接" not in u.text and "下转" not in u.text
        assert "2020 年" not in u.text
    assert "到2020年聚氯乙烯行业" in _unit(tree, "加强汞污染控制").text


def test_offsets_round_trip_to_the_original(tree, plan_text):
    for u in tree.units:
        source = plan_text[u.start : u.end]
        assert (
            source[:4].replace("\n", "")
            == u.text[:4].replace(" ", "")[: len(source[:4].replace("\n", ""))]
        )
        for s in u.sentences:
            quote = plan_text[s.start : s.end]
            squeezed = "".join(quote.split())
            assert squeezed == "".join(s.text.split()), (s.text, quote)


def test_units_never_span_two_sections(tree):
    divs = {d.id: d for d in tree.divisions}
    for u in tree.units:
        assert len([p for p in u.parents if divs[p].type == "section"]) <= 1


@pytest.mark.parametrize(
    "name",
    [
        "guideline-ftz-eco-2021.txt",
        "law-air-pollution-2018.txt",
        "law-soil-pollution-2018.txt",
        "law-water-pollution-2017.txt",
        "plan-2016-eco-env-protection-excerpt.txt",
        "plan-2018-blue-sky-excerpt.txt",
        "regulation-shandong-soil-2019.txt",
    ],
)
def test_every_bundled_document_repairs_and_builds_a_tree(name):
    text = corpus_file(name).read_text(encoding="utf-8")
    tree = build_tree(repair(text), "d")
    assert tree.units
    for u in tree.units:
        assert 0 <= u.start < u.end <= len(text)


def test_a_body_scraped_onto_one_field_line_is_kept_not_dropped_as_metadata():
    import re

    body = re.sub(r"\s+", "", corpus_file("law-soil-pollution-2018.txt").read_text("utf-8"))
    body = body[body.index("第一条") : body.index("第一条") + 2000]
    text = "【标题】中华人民共和国土壤污染防治法\n【法规正文】" + body + "\n"
    tree = build_tree(repair(text), "scraped")
    kept = "".join(u.text for u in tree.units)
    assert body[:300] in kept  # the field block's short line is metadata; the body is text
    assert "中华人民共和国土壤污染防治法" not in kept


def test_introductions_are_titled_by_their_first_sentence_cut_at_a_clause_break(tree):
    titles = {u.text[:8]: u.title for u in tree.units if u.kind == "intro"}
    assert titles["我国是核能核技术"] == "我国是核能核技术利用大国"
    assert (
        titles["统筹推进生态环境"]
        == "统筹推进生态环境治理体系建设，以环保督察巡视、编制自然资源资产负债表…"
    )


def test_the_title_and_the_dated_acts_under_it_are_metadata_not_text_units():
    from policykg.extract.pipeline import analyse_file

    law = analyse_file(corpus_file("law-air-pollution-2018.txt"), None)
    assert law.units[0].kind == "article" and law.units[0].number == 1
    assert len(law.history) == 5  # the five dated acts are still read, as metadata
    jinan = next(CORPUS.glob("local-regulations/济南市*.md"))
    doc = analyse_file(jinan, None)
    # the approval line names 山东省: it must not become a unit that mentions the province
    assert not any(u.text.startswith(("2011年", "济南市防震减灾条例")) for u in doc.units)
    assert doc.units[0].kind == "article"


def test_an_article_glued_to_the_one_before_is_its_own_unit_under_its_chapter():
    # 郑州市社会急救医疗条例 as the collection keeps it: …依法追究刑事责任。第六章附则第四十条本条例…
    path = next((CORPUS / "local-regulations").glob("郑州市社会急救医疗条例*.md"))
    original = path.read_text(encoding="utf-8")
    assert "刑事责任。第六章附则第四十条本条例" in original
    from policykg.extract.pipeline import analyse_reading
    from policykg.extract.read_markdown import read_markdown

    doc = analyse_reading(read_markdown(path), "zz", None)  # the structure only
    last, before = doc.units[-1], doc.units[-2]
    assert (last.title, before.title) == ("第40条", "第39条")
    assert "本条例" not in before.text and before.text.endswith("刑事责任。")
    assert _parent(doc, last, "chapter").title == "附则"
    assert original[last.start : last.end] == last.text
    assert [u.number for u in doc.units] == list(range(1, 41))


@pytest.mark.parametrize(
    "text",
    [
        "第三十九条 违反本条例的，依法处理。第四十条规定的情形除外。\n第四十条 本条例自公布之日起施行。",
        "第三十九条 违反本条例的，依法处理。第四十一条本条例自公布之日起施行。",
    ],
)
def test_a_reference_or_another_number_after_a_full_stop_is_not_an_article(text):
    tree = build_tree(repair(text), "t")
    assert [u.number for u in tree.units] == ([39, 40] if "\n" in text else [39])


def test_zero_width_characters_inside_words_are_read_through_and_kept_in_the_offsets(nlp):
    """Web editors leave U+200B, U+FEFF and soft hyphens inside words: 第\u200b一条 is still an
    article and 重\u200b金属 still heavy metals, and a mention's offsets cover the original."""
    from policykg.extract.pipeline import analyse_text

    text = (
        "某某市扬尘污染防治条例\n\n第\u200b一条\u3000为了防治重\u200b金属和扬\u00ad尘污染，制定本条例。\n"
        "\ufeff第二条\u3000建设工程应当采取防尘措施。\n\u200b\n第三条\u3000本条例自公布之日起施行。\n"
    )
    doc = analyse_text(text, "zw", nlp)
    articles = [u for u in doc.units if u.kind == "article"]
    assert [u.number for u in articles] == [1, 2, 3]
    assert articles[0].text == "第一条为了防治重金属和扬尘污染，制定本条例。"
    found = {m.label: text[m.start : m.end] for m in articles[0].mentions if m.type == "pollutant"}
    assert found["重金属"] == "重\u200b金属" and found["扬尘"] == "扬\u00ad尘"


def test_a_regulation_whose_markdown_holds_zero_width_spaces_has_no_empty_units(nlp):
    """The Beijing appointments regulation of the corpus has U+200B lines and line ends: they
    made units of their own ('\u200b' paragraphs) and now make nothing."""
    from policykg.extract.pipeline import analyse_file

    path = (
        CORPUS
        / "local-regulations"
        / "北京市人民代表大会常务委员会任免国家机关工作人员条例(2023-07-28).md"
    )
    assert "\u200b" in path.read_text(encoding="utf-8")
    doc = analyse_file(path, nlp)
    assert all(u.text.strip("\u200b\ufeff \u3000") == u.text and u.text for u in doc.units)
    articles = [u.number for u in doc.units if u.kind == "article"]
    assert articles == list(range(1, 31))
    assert not [u for u in doc.units if u.kind != "article" and u.text.startswith("第")]
    # its title, broken over two lines above the body, is the title and not two paragraphs
    assert doc.title == "北京市人民代表大会常务委员会任免国家机关工作人员条例"
    assert doc.units[0].kind == "article"


@pytest.mark.parametrize(
    ("name", "numbers", "headed"),
    [
        # "## 一、…税额" is a heading over the one paragraph that sets the rates: provision 1,
        # inside part 一; 二、 and 三、 are provisions written as sentences, beside part 一 and
        # not inside it
        (
            "北京市人民代表大会常务委员会关于北京市耕地占用税适用税额的决定(2019-07-26).md",
            [1, 2, 3],
            1,
        ),
        ("河南省人民代表大会常务委员会关于加强对司法工作监督的决议.md", [1, 2, 3, 4, 5, 6], 0),
    ],
)
def test_numbered_provisions_written_as_sentences_are_numbered_units_of_their_own(
    nlp, name, numbers, headed
):
    from policykg.extract.pipeline import analyse_file

    doc = analyse_file(CORPUS / "local-regulations" / name, nlp)
    provisions = [u for u in doc.units if u.kind == "measure"]
    assert [u.number for u in provisions] == numbers
    after = doc.units[doc.units.index(provisions[headed]) :]
    assert all(u.parents == [] for u in after)  # no part holds them, nor what follows them


def test_a_numbered_part_holding_one_paragraph_is_a_provision_with_a_heading(nlp):
    """## 一、北京市各区耕地占用税的适用税额 over the paragraph that sets every district's rate:
    the paragraph is provision 1, titled by its heading, so that the decision's measures are
    all three of its provisions; a division over an introduction and measures keeps it."""
    from policykg.extract.pipeline import analyse_file

    decision = analyse_file(
        CORPUS / "local-regulations"
        / "北京市人民代表大会常务委员会关于北京市耕地占用税适用税额的决定(2019-07-26).md",
        nlp,
    )  # fmt: skip
    (rates,) = [u for u in decision.units if u.text.startswith("朝阳区")]
    assert (rates.kind, rates.number, rates.title) == (
        "measure", 1, "北京市各区耕地占用税的适用税额",
    )  # fmt: skip
    assert rates.parents == [d.id for d in decision.divisions if d.type == "part"]
    plan = analyse_file(CORPUS / "plan-2016-eco-env-protection-excerpt.txt", nlp)
    (nuclear,) = [u for u in plan.units if u.text.startswith("我国是核能核技术利用大国")]
    assert nuclear.kind == "intro"  # over the section's measures


def _hard_wrapped(markdown: str, width: int = 34) -> str:
    """A Markdown regulation as text pulled out of a print: the title, then every paragraph
    indented with two ideographic spaces and cut every ``width`` characters."""
    title = markdown.splitlines()[0].lstrip("# ").strip()
    lines = [title, ""]
    for para in markdown.split("<!-- INFO END -->")[-1].split("\n"):
        para = para.strip().lstrip("#").strip().replace("**", "")
        if para:
            chunks = [para[i : i + width] for i in range(0, len(para), width)]
            lines += ["\u3000\u3000" + chunks[0], *chunks[1:]]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "name",
    [
        "浙江省沿海船舶边防治安管理条例(2012-11-29).md",  # the title above 第一条
        "深圳经济特区绿色建筑条例(2022-03-28).md",  # chapter titles without 第N章 above articles
        "青岛市城乡规划条例(2017-12-01).md",
    ],
)
def test_hard_wrapped_text_of_a_regulation_has_the_articles_of_its_markdown(nlp, name):
    """A line that stops short, then an indented line, starts a new paragraph: neither the
    title nor an unnumbered chapter title swallows the article after it."""
    from policykg.extract.pipeline import analyse_file, analyse_text

    path = CORPUS / "local-regulations" / name
    markdown = analyse_file(path, nlp)
    wrapped = analyse_text(_hard_wrapped(path.read_text(encoding="utf-8")), "w", nlp)

    def articles(doc):
        return [(u.number, u.text.replace(" ", "")) for u in doc.units if u.kind == "article"]

    assert articles(wrapped) == articles(markdown)
    assert [u.number for u in wrapped.units if u.kind == "article"][0] == 1


def _printed(markdown: str, width: int, indent: bool) -> str:
    """A Markdown regulation as text pulled out of a print, header and all: every paragraph
    (title, each dated act, each article) cut every ``width`` characters, and indented with two
    ideographic spaces after the title when ``indent``."""
    lines: list[str] = []
    for para in markdown.replace("<!-- INFO END -->", "").split("\n"):
        para = para.strip().lstrip("#").strip().replace("**", "")
        if para:
            chunks = [para[i : i + width] for i in range(0, len(para), width)]
            lines += [("\u3000\u3000" if lines and indent else "") + chunks[0], *chunks[1:]]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("stem", "width", "indent"),
    [
        ("重庆市工会条例", 24, False),  # 根据 alone on a line
        # the title's last character alone on a line (…适用税额的决 / 定)
        ("北京市人民代表大会常务委员会关于北京市耕地", 30, True),
        ("北京市实施《国防教育法》办法", 18, False),  # …国防教育法 / 》办法: 《 is open
        # the last act's line ends full (…的决定》修正）) and 第一条 follows it
        ("重庆市行政执法监督条例", 18, False),
        # 2018年6月27日 《国务院关于印发打赢蓝天保卫战三年行 / 动计划的通知》: the title is quoted
        ("plan-2018-blue-sky-excerpt", 30, True),
        # 第二节  人民代表大会及其常务委员会 / 信访事项的受理和办理: one section title
        ("上海市信访条例", 18, False),
        # …的决定》修正 ends a full line, the preamble (我国宪法、法律规定…) goes on below it
        ("河南省人民代表大会常务委员会关于加强对司法", 18, False),
        # 根据 alone between two acts, and the acts' lines full
        ("重庆市各级人民代表大会常务委员会人事任免", 18, False),
        # 坚持安全第 / 一、预防为主…: 第一 cut by the wrap opens no part; …会议批准 / 的《…决定》修正:
        # the act goes on after its verb
        ("郑州市建设工程施工安全管理条例", 26, False),
        ("郑州市建设工程施工安全管理条例", 18, False),
        # …招采合 / 一、量价挂钩的原则…: a full line with no sentence ended goes on
        ("上海市医疗保障条例", 38, False),
        # the title fills its line, the first act's date opens the next
        ("山东省通信基础设施建设与保护条例", 18, False),
        # …第十五次会议《关于修改 / 〈中华人民共和国大气污染防治法〉的决定》第一次修正: the act
        # does not end at the 修改 of the title it cites
        ("law-air-pollution-2018", 38, False),
    ],
)
def test_a_printed_header_wrapped_anywhere_keeps_the_title_history_and_body(
    tmp_path, stem, width, indent
):
    """Text pulled from a print wraps the title and the dated acts too, wherever the width
    falls: the title, every act of the history, the date, the issuers and the body's units are
    those of the file as it came (both read without the corpus manifest)."""
    from policykg.extract.pipeline import analyse_file

    (path,) = [p for p in CORPUS.rglob(f"{stem}*") if p.suffix in (".md", ".txt")]
    source = path.read_text(encoding="utf-8")
    original = tmp_path / path.name
    original.write_text(source, "utf-8")
    printed = tmp_path / "printed.txt"
    printed.write_text(_printed(source, width, indent), "utf-8")
    came, text = analyse_file(original, None), analyse_file(printed, None)
    assert text.title == came.title and text.title
    assert [(h.date, h.event) for h in text.history] == [(h.date, h.event) for h in came.history]
    assert text.date == came.date and text.issuers == came.issuers and text.issuers
    assert [(u.kind, u.number, u.text[:12]) for u in text.units] == [
        (u.kind, u.number, u.text[:12]) for u in came.units
    ]


def _paged(text: str, lines_per_page: int, number: str, header: str | None) -> str:
    """``text`` as a PDF's text layer gives it page by page (pdftotext): the page number under
    each page (``number`` with {n} for it), a form feed, and a running header over the next."""
    lines, out = text.split("\n"), []
    for start in range(0, len(lines), lines_per_page):
        n = start // lines_per_page + 1
        out += lines[start : start + lines_per_page] + ["", number.format(n=n), "\f"]
        if header and start + lines_per_page < len(lines):
            out.append(header)
    return "\n".join(out)


@pytest.mark.parametrize(
    ("number", "header"),
    [("— {n} —", None), ("{n}", "上海市人民代表大会常务委员会公报"), ("- {n} -", "2018年第4号")],
)
def test_text_of_a_paged_print_has_the_articles_of_its_markdown(number, header):
    """Page numbers (— 3 —, a bare 3 counting up, - 3 -) and a running header at every page
    break are the print's, not the text's: a sentence cut by a page break is whole again."""
    from policykg.extract.pipeline import analyse_file, analyse_text

    path = CORPUS / "local-regulations" / "上海市信访条例(2018-05-24).md"
    text = _paged(_hard_wrapped(path.read_text(encoding="utf-8")), 38, number, header)
    assert text.count("\f") >= 8
    paged = analyse_text(text, "p", None)

    def articles(doc):
        return [(u.number, u.text.replace(" ", "")) for u in doc.units if u.kind == "article"]

    assert articles(paged) == articles(analyse_file(path, None))
    assert not [u.text for u in paged.units if "公报" in u.text or "第4号" in u.text]


def test_a_column_of_figures_is_not_page_numbers():
    # figures one to a line, as a table comes out of a PDF, stay text
    text = "\n".join(["　　主要指标如下：", "2015年", "80", "82", "2020年", "84", "85"])
    paragraphs = [p.text for p in repair(text).paragraphs]
    assert "".join(paragraphs).endswith("2015年80822020年8485")


# -- the record block of an official document (版记) ------------------------------------------


def _as_a_notice(text: str, record: bool) -> str:
    """The guideline as a printed official document gives it: title, body and signature
    without the collection's 【…】 labels; with ``record``, its number line under the title
    and under the signature the record block (publication note, copied to, printed by)."""
    lines = text.split("\n")
    signed = next(i for i, line in enumerate(lines) if line.strip() == "2021年5月17日")
    title = "关于加强自由贸易试验区生态环境保护推动高质量发展的指导意见"
    body = [re.sub(r"^【[^】]+】\s*", "", line) for line in lines[1 : signed + 1]]
    if not record:
        return "\n".join([title, *body])
    block = [
        "（此件社会公开）",
        "抄送：各省、自治区、直辖市人民政府，新疆生产建设兵团，",
        "    国务院有关部门。",
        "生态环境部办公厅　　　　　　　　　　2021年5月18日印发",
    ]
    return "\n".join([title, "环综合〔2021〕44号", *body, *block])


def test_number_line_and_record_block_are_not_text_units():
    from policykg.extract.metadata import extract_metadata

    def units(text: str) -> list[str]:
        tree = build_tree(repair(text), "g", extract_metadata(text).get("title"))
        return [u.text for u in tree.units]

    text = corpus_file("guideline-ftz-eco-2021.txt").read_text(encoding="utf-8")
    printed = _as_a_notice(text, record=True)
    found = units(printed)
    assert found == units(_as_a_notice(text, record=False))
    assert len(found) > 25 and found[-1].startswith("（二十五）做好宣传推广。")
    assert not any("抄送" in t or "印发" in t or "环综合" in t or "此件" in t for t in found)
    meta = extract_metadata(printed)
    assert (meta["number"], meta["date"]) == ("环综合〔2021〕44号", "2021-05-17")


def _printed_notice(text: str, width: int = 30) -> str:
    """The guideline as text pulled out of its print: the long title centred over two lines,
    the number line, the addressee and every paragraph cut every ``width`` characters, the
    signature's date set apart, then the publication note."""
    notice = _as_a_notice(text, record=False).split("\n")
    lines = ["      关于加强自由贸易试验区生态环境保护推动", "           高质量发展的指导意见", "",
             "环综合〔2021〕44号", ""]  # fmt: skip
    for k, para in enumerate(p.strip() for p in notice[1:]):
        if not para:
            continue
        if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", para):
            lines += ["", "                        " + para]
            continue
        chunks = [para[i : i + width] for i in range(0, len(para), width)]
        indent = "\u3000\u3000" if k else ""  # the addressee stands at the margin
        lines += [indent + chunks[0], *chunks[1:]]
    return "\n".join([*lines, "（此件社会公开）", ""])


def test_a_notice_printed_with_its_title_over_two_lines_has_the_units_of_its_text():
    """A title broken over two lines is one title (it is whole only at 的指导意见), and the
    number line, the addressee and the set-apart date are never wrapped into the paragraphs
    beside them, though no blank line or indent parts them."""
    from policykg.extract.metadata import extract_metadata

    def units(text: str) -> list[str]:
        tree = build_tree(repair(text), "g", extract_metadata(text).get("title"))
        return [u.text.replace(" ", "") for u in tree.units]

    text = corpus_file("guideline-ftz-eco-2021.txt").read_text(encoding="utf-8")
    printed = _printed_notice(text)
    meta = extract_metadata(printed)
    assert meta["title"] == "关于加强自由贸易试验区生态环境保护推动高质量发展的指导意见"
    assert (meta["number"], meta["date"], meta["genre"]) == (
        "环综合〔2021〕44号", "2021-05-17", "guideline",
    )  # fmt: skip
    found = units(printed)
    assert found == units(_as_a_notice(text, record=False))
    assert found[0].startswith("各有关省（区、市）生态环境厅") and found[0].endswith("办公室：")


def test_a_row_of_a_table_of_indicators_is_titled_by_its_indicator():
    # CONSTRUCTED: a work plan's table of indicators as the readers label its cells
    text = (
        "主要指标见下表。\n序号：1；指标：受污染耕地安全利用率；2020年目标：90%左右；属性：约束性\n"
    )
    titles = [u.title for u in build_tree(repair(text), "t", None).units]
    assert titles[-1] == "受污染耕地安全利用率"


# CONSTRUCTED in the layout of a Central Committee and State Council opinion as the news agency
# carries it: its dateline, the title, the day of adoption in brackets, then the text
OPINION = (
    "新华社北京11月7日电\n"
    "中共中央　国务院关于深入打好污染防治攻坚战的意见\n"
    "（2021年11月2日）\n"
    "　　良好生态环境是实现中华民族永续发展的内在要求。为进一步加强生态环境保护，现提出如下意见。\n"
    "一、总体要求\n"
    "　　（一）指导思想。以习近平新时代中国特色社会主义思想为指导。\n"
)


def test_a_news_agencys_dateline_and_the_day_of_adoption_are_no_title_and_no_text():
    from policykg.extract.metadata import extract_metadata

    meta = extract_metadata(OPINION)
    assert meta["title"] == "中共中央　国务院关于深入打好污染防治攻坚战的意见"
    assert (meta["issuers"], meta["date"]) == (["中共中央", "国务院"], "2021-11-02")
    tree = build_tree(repair(OPINION), "o", meta["title"])
    assert [u.text[:6] for u in tree.units] == ["良好生态环境", "（一）指导思"]
    # with its reporters in brackets, the dateline is furniture all the same
    reported = OPINION.replace("11月7日电", "11月7日电（记者王立彬）", 1)
    assert extract_metadata(reported)["title"] == meta["title"]
    # the dateline opening a news story's first paragraph is that paragraph's, not furniture
    story = "新华社北京11月7日电　近日，中共中央、国务院印发了《意见》。\n"
    assert build_tree(repair(story), "s", None).units[0].text.startswith("新华社北京")


@pytest.mark.parametrize("mark", ["生态环境部文件", "生态环境部　商务部　国家发展和改革委员会文件"])
def test_the_red_letter_head_over_a_notice_is_no_title_and_no_text(mark):
    """An official document opens with its issuer's mark (发文机关标志, 生态环境部文件) and its
    number line above the title: the title is the line under them, and neither is a unit;
    without a signature the mark says who issued it."""
    from policykg.extract.metadata import extract_metadata

    def units(text: str) -> list[str]:
        tree = build_tree(repair(text), "g", extract_metadata(text).get("title"))
        return [u.text for u in tree.units]

    text = corpus_file("guideline-ftz-eco-2021.txt").read_text(encoding="utf-8")
    plain = _as_a_notice(text, record=False)
    headed = "\n".join([mark, "", "环综合〔2021〕44号", "", plain])
    meta = extract_metadata(headed)
    assert meta["title"] == "关于加强自由贸易试验区生态环境保护推动高质量发展的指导意见"
    assert meta["number"] == "环综合〔2021〕44号" and meta["issuers"][0] == "生态环境部"
    assert units(headed) == units(plain)
    unsigned = headed[: headed.index("生态环境部 商务部 国家发展")]
    bodies = mark.removesuffix("文件").split("　")
    assert extract_metadata(unsigned)["issuers"] == bodies


def test_copying_to_in_a_provision_stays_text():
    # 第七十八条 …并抄送有关部门: an article that says to copy a report is a provision
    text = corpus_file("law-water-pollution-2017.txt").read_text(encoding="utf-8")
    article = next(u for u in build_tree(repair(text), "w").units if u.number == 78)
    assert "报告，并抄送有关部门。" in article.text


def _as_a_code(markdown: str, plain: bool) -> str:
    """A regulation laid out as a code (法典) lays out its chapters: 第一编 holds chapters 一 and
    二, 第二编 the rest in two sub-books (分编) of two chapters, and every book and sub-book
    numbers its chapters from 第一章 again. ``plain``: as text pulled out of a print, without the Markdown marks."""
    books = {1: ("第一编　总则与保障", None), 3: ("第二编　监督与责任", "第一分编　监督管理"),
             5: (None, "第二分编　法律责任与附则")}  # fmt: skip
    out, n = [], 0
    for line in markdown.split("\n"):
        m = re.match(r"^## 第(.)章\s*(.*)$", line)
        if m:
            old = "一二三四五六".index(m.group(1)) + 1
            book, sub = books.get(old, (None, None))
            if book:
                out.append(f"## {book}")
            if sub:
                out.append(f"### {sub}")
            n = 1 if book or sub else n + 1
            line = f"#### 第{'一二三四五六'[n - 1]}章　{m.group(2)}"
        out.append(line)
    text = "\n".join(out)
    return re.sub(r"^#+ ", "", text, flags=re.M).replace("<!-- INFO END -->", "") if plain else text


@pytest.mark.parametrize("plain", [False, True])
def test_a_code_holds_its_chapters_in_books_and_sub_books(tmp_path, plain):
    """第一编 and 第一分编 are divisions above the chapters, and a chapter numbered again in the
    next book is another chapter under it: the articles stay those of the regulation."""
    from policykg.extract.pipeline import analyse_file
    from policykg.graph.headings import place

    path = CORPUS / "local-regulations" / "山东省安全生产条例(2021-12-03).md"
    markdown = path.read_text(encoding="utf-8")
    regulation = analyse_file(path, None)
    code_file = tmp_path / ("code.txt" if plain else "code.md")
    code_file.write_text(_as_a_code(markdown, plain), encoding="utf-8")
    code = analyse_file(code_file, None)

    def articles(doc):
        return [(u.number, u.text) for u in doc.units if u.kind == "article"]

    assert articles(code) == articles(regulation) and len(articles(code)) == 80
    divisions = {d.id: d for d in code.divisions}
    kinds = sorted((d.type, d.number, d.title) for d in code.divisions if d.type != "chapter")
    assert kinds == [
        ("book", 1, "总则与保障"), ("book", 2, "监督与责任"),
        ("subbook", 1, "监督管理"), ("subbook", 2, "法律责任与附则"),
    ]  # fmt: skip
    chapters = [d for d in code.divisions if d.type == "chapter"]
    assert [d.number for d in chapters] == [1, 2, 1, 2, 1, 2]
    assert len({d.id for d in chapters}) == 6
    by_article = {u.number: [divisions[p] for p in u.parents] for u in code.units if u.number}
    last = by_article[max(by_article)]
    assert [(d.type, d.number) for d in last] == [("book", 2), ("subbook", 2), ("chapter", 2)]
    assert last[2].parent == last[1].id and last[1].parent == last[0].id
    first = by_article[1]
    assert [(d.type, d.number) for d in first] == [("book", 1), ("chapter", 1)]
    shown = place({"type": d.type, "number": d.number, "title": d.title} for d in last)
    assert shown.startswith("第二编 监督与责任 / 第二分编 法律责任与附则 / 第二章")


def _notice_with_its_plan(plan: str) -> str:
    """The blue-sky plan excerpt as the State Council issued it: a notice (number, addressee,
    one sentence, signature, publication note) whose annex (附件) is the plan itself."""
    body = plan.split("\n", 1)[1]  # the excerpt's own first line dates and names the notice
    return "\n".join(
        [
            "国务院关于印发打赢蓝天保卫战三年行动计划的通知",
            "国发〔2018〕22号",
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            "　　现将《打赢蓝天保卫战三年行动计划》印发给你们，请认真贯彻执行。",
            "　　　　　　　　　　　　　　　　　　国务院",
            "　　　　　　　　　　　　　　　　　　2018年6月27日",
            "　　（此件公开发布）",
            "附件",
            "打赢蓝天保卫战三年行动计划",
            body,
        ]
    )


def test_a_notice_and_the_plan_it_issues_as_its_annex():
    """The plan after the notice's signature is an annex (附件), titled by the line under it,
    holding the plan's units as the plan alone has them; the signature and the note are
    metadata, though the plan follows them."""
    from policykg.extract.metadata import extract_metadata

    plan = corpus_file("plan-2018-blue-sky-excerpt.txt").read_text(encoding="utf-8")
    text = _notice_with_its_plan(plan)
    meta = extract_metadata(text)
    assert (meta["date"], meta["issuers"], meta["number"]) == (
        "2018-06-27", ["国务院"], "国发〔2018〕22号",
    )  # fmt: skip
    tree = build_tree(repair(text), "n", meta["title"])
    (annex,) = [d for d in tree.divisions if d.type == "annex"]
    assert (annex.number, annex.title, annex.parent) == (1, "打赢蓝天保卫战三年行动计划", None)
    notice = [u.text for u in tree.units if annex.id not in u.parents]
    assert notice == [
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "现将《打赢蓝天保卫战三年行动计划》印发给你们，请认真贯彻执行。",
    ]
    alone = build_tree(repair(plan), "n", extract_metadata(plan).get("title"))
    annexed = [u for u in tree.units if annex.id in u.parents]
    assert [(u.kind, u.number, u.title, u.text) for u in annexed] == [
        (u.kind, u.number, u.title, u.text) for u in alone.units
    ]
    assert all(u.parents[0] == annex.id for u in annexed)


def test_numbered_annexes_and_the_list_of_them_above_the_signature():
    """附件：1.… / 2.… above the signature lists the annexes (metadata, as the signature is);
    附件1 and 附件2：title open one annex each, the second titled on its own line."""
    from policykg.extract.metadata import extract_metadata

    plan = corpus_file("plan-2018-blue-sky-excerpt.txt").read_text(encoding="utf-8")
    lines = _notice_with_its_plan(plan).split("\n")
    signed = lines.index("　　　　　　　　　　　　　　　　　　国务院")
    lines[signed:signed] = ["　　附件：1.打赢蓝天保卫战三年行动计划", "　　　　　2.重点区域范围"]
    lines[lines.index("附件")] = "附件1"
    lines += ["附件2：重点区域范围", "京津冀及周边地区、长三角地区、汾渭平原。"]
    text = "\n".join(lines)
    meta = extract_metadata(text)
    assert (meta["date"], meta["issuers"]) == ("2018-06-27", ["国务院"])
    tree = build_tree(repair(text), "n", meta["title"])
    annexes = [(d.number, d.title) for d in tree.divisions if d.type == "annex"]
    assert annexes == [(1, "打赢蓝天保卫战三年行动计划"), (2, "重点区域范围")]
    texts = [u.text for u in tree.units]
    assert not [t for t in texts if "附件" in t or t in ("国务院", "2018年6月27日")]
    assert texts[-1] == "京津冀及周边地区、长三角地区、汾渭平原。"
    last = tree.units[-1]
    assert [d.number for d in tree.divisions if d.id in last.parents] == [2]


def test_a_signature_of_bodies_in_spaced_columns_is_no_table():
    """Bodies signing on two lines, set apart by runs of spaces as a table's cells are: a
    signature, not a table with a header row (its lines stay metadata)."""
    from policykg.extract.metadata import extract_metadata

    def units(text: str) -> list[str]:
        tree = build_tree(repair(text), "g", extract_metadata(text).get("title"))
        return [u.text for u in tree.units]

    text = corpus_file("guideline-ftz-eco-2021.txt").read_text(encoding="utf-8")
    plain = _as_a_notice(text, record=False)
    signature = next(line for line in plain.split("\n") if "生态环境部 商务部" in line)
    names = signature.split()
    columns = "\n".join(["    " + "  ".join(names[:4]), "    " + "  ".join(names[4:])])
    spaced = plain.replace(signature, columns)
    assert units(spaced) == units(plain)
    assert extract_metadata(spaced)["issuers"] == names


def test_the_plan_a_notice_issues_is_its_annex_without_an_annex_line():
    """关于印发打赢蓝天保卫战三年行动计划的通知 issues the plan: the plan's own title after the
    signature opens it as the annex even when no 附件 line stands above it, and the paragraph
    that says so (现将《…》印发给你们) stays the notice's."""
    from policykg.extract.metadata import extract_metadata, issued_document

    plan = corpus_file("plan-2018-blue-sky-excerpt.txt").read_text(encoding="utf-8")
    lines = _notice_with_its_plan(plan).split("\n")
    lines.remove("附件")
    text = "\n".join(lines)
    meta = extract_metadata(text)
    assert issued_document(meta["title"]) == "打赢蓝天保卫战三年行动计划"
    tree = build_tree(repair(text), "n", meta["title"])
    (annex,) = [d for d in tree.divisions if d.type == "annex"]
    assert (annex.number, annex.title) == (1, "打赢蓝天保卫战三年行动计划")
    inside = [u for u in tree.units if annex.id in u.parents]
    alone = build_tree(repair(plan), "n", extract_metadata(plan).get("title"))
    assert [u.text for u in inside] == [u.text for u in alone.units]
    assert [u.text for u in tree.units if u not in inside][-1].startswith("现将《打赢蓝天")
    assert issued_document("中华人民共和国土壤污染防治法") is None


def test_an_annex_a_markdown_regulation_heads_with_its_title_after_a_colon(tmp_path):
    """## 附件：名录 at the end of a regulation is an annex titled 名录 (not the list of annexes
    above a signature, which a heading never is): the articles stay the regulation's, and the
    annex's entries are its units, bodies' names among them (no signature of the text)."""
    from policykg.extract.pipeline import analyse_file

    path = CORPUS / "local-regulations" / "洛阳市节约用水条例(2010-12-10).md"
    annexed = tmp_path / "reg.md"
    annexed.write_text(
        path.read_text(encoding="utf-8")
        + "\n## 附件：重点用水单位名录\n\n一、工业企业\n\n洛阳某某钢铁有限公司\n\n"
        + "二、公共机构\n\n洛阳市某某医院\n",
        encoding="utf-8",
    )
    alone, doc = analyse_file(path, None), analyse_file(annexed, None)

    def articles(d):
        divisions = {x.id: (x.type, x.number) for x in d.divisions}
        return [
            (u.number, u.text, [divisions[p] for p in u.parents])
            for u in d.units
            if u.kind == "article"
        ]

    assert articles(doc) == articles(alone) and len(articles(doc)) == 47
    (annex,) = [d for d in doc.divisions if d.type == "annex"]
    assert (annex.number, annex.title) == (1, "重点用水单位名录")
    inside = [u.text for u in doc.units if annex.id in u.parents]
    assert inside == ["洛阳某某钢铁有限公司", "洛阳市某某医院"]


def test_a_numbered_provision_takes_the_paragraphs_after_it_up_to_the_closing_one(nlp):
    """三、积极探索…。 goes on over three unnumbered paragraphs (要深入基层…, 对检查评议…,
    要运用询问、质询…): they are the provision's, as an article's paragraphs are the article's;
    the text's own closing (本决定自…起施行) is not the last provision's."""
    from policykg.extract.pipeline import analyse_file

    resolution = analyse_file(
        CORPUS
        / "local-regulations"
        / "河南省人民代表大会常务委员会关于加强对司法工作监督的决议.md",
        nlp,
    )
    (third,) = [u for u in resolution.units if u.kind == "measure" and u.number == 3]
    assert "要深入基层" in third.text and "要运用询问、质询" in third.text
    assert [u.kind for u in resolution.units] == ["intro"] + ["measure"] * 6
    decision = analyse_file(
        CORPUS / "local-regulations"
        / "北京市人民代表大会常务委员会关于北京市耕地占用税适用税额的决定(2019-07-26).md",
        nlp,
    )  # fmt: skip
    last = decision.units[-1]
    assert last.text.startswith("本决定自") and last.kind == "paragraph"


def test_numbers_listed_open_no_part():
    """二、三项规定的，责令停止使用… opens a line where a wrap fell inside 第一、二、三项: a
    citation of items, not part 二; 二、加强监管 is one."""
    from policykg.extract.headings import match_heading

    assert match_heading("二、三项规定的，责令停止使用、限期改正") is None
    assert match_heading("一、二类水体") is None
    assert match_heading("二、加强监管").type == "part"


def test_a_numbered_provision_is_titled_by_two_directives_joined_by_a_comma(nlp):
    """四、突出监督重点，增强司法监督的实效。突出重点，是…: the opening sentence names the
    provision even with its comma, as 五、加强司法监督工作组织建设。 does without one; a
    provision that is one sentence (二、北京市人均耕地低于零点五亩的区，不提高…。) has no title
    apart from its text, and a plan's goal (到2020年，…) is no title."""
    from policykg.extract.layout import lead_sentence
    from policykg.extract.pipeline import analyse_file

    resolution = analyse_file(
        CORPUS
        / "local-regulations"
        / "河南省人民代表大会常务委员会关于加强对司法工作监督的决议.md",
        nlp,
    )
    titles = {u.number: u.title for u in resolution.units if u.kind == "measure"}
    assert titles[2] == "搞好地方立法工作，积极推进司法监督工作规范化、制度化"
    assert titles[4] == "突出监督重点，增强司法监督的实效"
    assert titles[5] == "加强司法监督工作组织建设"
    decision = analyse_file(
        CORPUS / "local-regulations"
        / "北京市人民代表大会常务委员会关于北京市耕地占用税适用税额的决定(2019-07-26).md",
        nlp,
    )  # fmt: skip
    (second,) = [u for u in decision.units if u.kind == "measure" and u.number == 2]
    assert second.title is None
    goal = "到2020年，全国细颗粒物浓度明显下降。各地要…"
    assert lead_sentence(goal, numbered=True) is None
    assert lead_sentence("突出监督重点，增强司法监督的实效。突出重点…") is None  # no number


def test_a_chapter_title_printed_without_its_number_is_a_chapter(nlp):
    """规划和建设 and 运行和改造 stand alone between two articles where the copy lost 第二章 and
    第三章: chapters numbered on from the one before, holding the articles after them, and no
    article's text ends in them."""
    from policykg.extract.pipeline import analyse_file

    doc = analyse_file(
        CORPUS / "local-regulations" / "深圳经济特区绿色建筑条例(2022-03-28).md", nlp
    )
    chapters = [(d.number, d.title) for d in doc.divisions if d.type == "chapter"]
    assert chapters[:4] == [(1, "总则"), (2, "规划和建设"), (3, "运行和改造"), (4, "性能和评价")]
    assert [n for n, _ in chapters] == list(range(1, 8))
    by_number = {u.number: u for u in doc.units if u.kind == "article"}
    assert by_number[11].text.endswith("实现碳排放目标。")
    titles = {d.id: d.title for d in doc.divisions}
    assert titles[by_number[12].parents[-1]] == "规划和建设"
    assert titles[by_number[18].parents[-1]] == "运行和改造"


@pytest.mark.parametrize("word, kind", [("篇", "volume"), ("部分", "portion")])
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_plan_outline_holds_its_chapters_in_parts(tmp_path, suffix, word, kind):
    """第X篇: a five-year plan's outline (the 14th's 第十一篇 推动绿色发展…) groups chapters that
    are numbered on through the whole outline; other plans print 第X部分. The bundled plan with
    such a part above its 第八章 (the heading is CONSTRUCTED, the plan's text is not) keeps
    every unit, and the chapter sits in the part."""
    from policykg.extract.pipeline import analyse_file
    from policykg.graph.headings import place

    path = CORPUS / "plan-2016-eco-env-protection-excerpt.txt"
    text = path.read_text(encoding="utf-8")
    at = text.index("第八章 加快制度创新")
    mark = "## " if suffix == ".md" else ""
    same, outlined = tmp_path / f"plan{suffix}", tmp_path / f"outline{suffix}"
    same.write_text(text, encoding="utf-8")  # read as the format reads it, part or no part
    heading = f"{mark}第四{word}　制度保障\n\n"
    outlined.write_text(text[:at] + heading + text[at:], encoding="utf-8")
    plan, outline = analyse_file(same, None), analyse_file(outlined, None)

    assert [u.text for u in outline.units] == [u.text for u in plan.units]
    parts = [d for d in outline.divisions if d.type == kind]
    assert [(d.number, d.title) for d in parts] == [(4, "制度保障")]
    divisions = {d.id: d for d in outline.divisions}
    chapter8 = next(d for d in outline.divisions if d.type == "chapter" and d.number == 8)
    assert chapter8.parent == parts[0].id
    chapter7 = next(d for d in outline.divisions if d.type == "chapter" and d.number == 7)
    assert chapter7.parent is None  # above the part: not in it
    last = outline.units[-1]
    shown = place(
        {"type": divisions[p].type, "number": divisions[p].number, "title": divisions[p].title}
        for p in last.parents
    )
    assert shown.startswith(f"第四{word} 制度保障 / 第八章 加快制度创新")


# CONSTRUCTED, in the layout of municipal five-year plans that print 第X部分 over parts (一、)
# numbered again in each
PORTIONS = """某某市“十四五”生态环境保护规划
第一部分　发展基础与形势
一、“十三五”取得的成效
全市空气质量持续改善，PM2.5平均浓度下降到35微克/立方米。
二、面临的形势
污染物排放总量仍然较大。本规划第二部分为总体要求，第三部分为重点任务。
第二部分：总体要求
一、指导思想
以习近平新时代中国特色社会主义思想为指导。
二、主要目标
到2025年，PM2.5平均浓度控制在30微克/立方米以下。
第三部分　重点任务
一、深入打好蓝天保卫战
（一）推进挥发性有机物综合治理。开展涉VOCs企业排查，2023年底前完成。
（二）强化扬尘管控。加强施工工地扬尘治理。
二、深入打好碧水保卫战
（一）加强饮用水水源保护。完成水源地规范化建设。
第四部分是规划实施的保障，各区要抓好落实。
"""


def test_a_plans_portions_hold_its_parts_numbered_again_in_each(tmp_path):
    from policykg.extract.pipeline import analyse_file
    from policykg.graph.headings import place

    path = tmp_path / "plan.txt"
    path.write_text(PORTIONS, encoding="utf-8")
    doc = analyse_file(path, None)
    divisions = {d.id: d for d in doc.divisions}
    portions = [d for d in doc.divisions if d.type == "portion"]
    assert [(d.number, d.title) for d in portions] == [
        (1, "发展基础与形势"),
        (2, "总体要求"),
        (3, "重点任务"),
    ]
    parts = [d for d in doc.divisions if d.type == "part"]
    assert [(divisions[d.parent].number, d.number) for d in parts] == [
        (1, 1), (1, 2), (2, 1), (2, 2), (3, 1), (3, 2)
    ]  # fmt: skip

    def where(unit) -> str:
        return place(
            {"type": divisions[p].type, "number": divisions[p].number, "title": divisions[p].title}
            for p in unit.parents
        )

    water = next(u for u in doc.units if u.title == "加强饮用水水源保护")
    assert where(water) == "第三部分 重点任务 / 二、深入打好碧水保卫战"
    # a sentence that opens with 第X部分 is text, not a heading
    assert any(u.text.startswith("第四部分是规划实施的保障") for u in doc.units)
    assert not any(u.text.startswith("第") and "部分" in u.text[:5] for u in doc.units[:-1])


# CONSTRUCTED, in the layout of the 14th five-year plan outline's boxes: numbered entries, each
# a line of its own and the paragraph under it
ENTRY_BOX = """第三十七章　提升生态系统质量和稳定性

第一节　完善生态安全屏障体系

强化国土空间规划和用途管控，划定落实生态保护红线、永久基本农田、城镇开发边界。

专栏19　生态保护和修复重大工程

01　青藏高原生态屏障区
推进草原保护修复和沙化土地治理，实施三江源、祁连山等
重点区域生态保护修复。

02　黄河重点生态区
以黄土高原水土流失治理为重点，实施水土保持和沙化土地综合治理。

加强生态保护修复监管，开展成效评估。

第二节　构建自然保护地体系

科学划定自然保护地保护范围及功能分区。
"""


def test_a_box_of_numbered_entries_holds_each_entry_and_its_paragraph():
    """专栏19 with 01　青藏高原生态屏障区 and the paragraph under it: each entry is a group of
    the box, headed as printed, its paragraph one box item (not split at its 、); the prose
    after a blank line below the last entry is the section's again."""
    from policykg.extract.pipeline import analyse_text

    doc = analyse_text(ENTRY_BOX, "outline", None)
    groups = [d for d in doc.divisions if d.type == "group"]
    assert [(g.number, g.title) for g in groups] == [
        (None, "01青藏高原生态屏障区"), (None, "02黄河重点生态区"),
    ]  # fmt: skip
    items = [u for u in doc.units if u.kind == "box-item"]
    assert [u.text for u in items] == [
        "推进草原保护修复和沙化土地治理，实施三江源、祁连山等重点区域生态保护修复。",
        "以黄土高原水土流失治理为重点，实施水土保持和沙化土地综合治理。",
    ]
    assert [u.parents[-1] for u in items] == [g.id for g in groups]
    after = next(u for u in doc.units if u.text.startswith("加强生态保护修复监管"))
    assert after.kind != "box-item" and after.parents[-1].endswith("section-1")
    assert any(
        u.text.startswith("科学划定") and u.parents[-1].endswith("section-2") for u in doc.units
    )


def test_a_framed_box_of_numbered_entries_reads_as_the_text_one(tmp_path):
    """The same box in a web page's frame (a table cell of paragraphs): the same groups, headed
    as printed, and the same items."""
    from policykg.extract.pipeline import analyse_file, analyse_text

    head, box_start = ENTRY_BOX.split("专栏19", 1)
    box, tail = box_start.split("\n\n加强生态保护", 1)
    paragraphs = [p.replace("\n", "") for p in head.split("\n\n") if p.strip()]
    lines = []  # the title, and each entry's line and its paragraph, unwrapped
    for block in ("专栏19" + box).split("\n\n"):
        first, _, more = block.strip().partition("\n")
        lines += [first, more.replace("\n", "")] if more else [first]
    cells = "".join(f"<p>{line}</p>" for line in lines)
    rest = [p.replace("\n", "") for p in ("加强生态保护" + tail).split("\n\n") if p.strip()]
    page = tmp_path / "outline.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + f"<table><tr><td>{cells}</td></tr></table>"
        + "".join(f"<p>{p}</p>" for p in rest)
        + "</body></html>",
        encoding="utf-8",
    )
    html, text = analyse_file(page, None), analyse_text(ENTRY_BOX, "outline", None)

    def box(doc):
        groups = [(d.number, d.title) for d in doc.divisions if d.type == "group"]
        return groups, [u.text.rstrip("。") for u in doc.units if u.kind == "box-item"]

    assert box(html) == box(text) and len(box(html)[0]) == 2


def test_a_task_note_closing_a_line_ends_its_paragraph():
    """CONSTRUCTED in the wording of cities' air plans: tasks of about one width, each closed by
    its note (（责任单位：…）) after the full stop. The lines look wrapped; the note ends the
    sentence all the same, so the next numbered task opens its own unit."""
    from policykg.extract.sentences import ends_sentence

    text = "\n".join(
        [
            "某市打赢蓝天保卫战三年行动计划（2018—2020年）",
            "一、重点任务",
            "（一）调整优化产业结构",
            "1.深化工业污染治理。2019年6月底前，完成燃煤锅炉超低排放改造。（责任单位：市生态环境局）",
            "2.开展散乱污企业整治。2019年9月底前，完成散乱污企业综合整治。（责任单位：市工信局）",
            "3.推进钢铁超低排放。2020年底前，钢铁企业全面完成超低排放改造。（责任单位：市生态环境局）",
        ]
    )
    titles = [u.title for u in build_tree(repair(text), "plan").units if u.kind == "measure"]
    assert titles == ["深化工业污染治理", "开展散乱污企业整治", "推进钢铁超低排放"]
    assert ends_sentence("完成改造。（责任单位：市生态环境局）")
    assert not ends_sentence("完成改造。（一）")  # an item number a wrap left at a line's end


def test_a_task_tables_rows_are_named_by_their_task():
    """CONSTRUCTED in the shape of a provincial plan's 重点任务分工表 copied out as text (cells
    apart by tabs): each row is named by its task cell, not by the row's number."""
    text = "\n".join(
        [
            "湖南省土壤污染防治工作方案重点任务分工表",
            "序号\t重点任务\t牵头单位\t配合单位\t完成时限",
            "1\t开展土壤污染状况详查\t省环保厅\t省国土资源厅、省农委\t2018年底前",
            "2\t建立土壤环境质量监测网络\t省环保厅\t省卫生计生委\t2017年底前",
        ]
    )
    rows = [u for u in build_tree(repair(text), "plan").units if "牵头单位：" in u.text]
    assert [u.title for u in rows] == ["开展土壤污染状况详查", "建立土壤环境质量监测网络"]
