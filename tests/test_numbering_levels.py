"""The four levels official documents number (GB/T 9704: 一、（一）1.（1）): an item or a point
that only heads the numbered ones under it is a division holding them, not a unit of its own.

The inputs are the bundled 2021 guideline (一、 parts over （一） measures) renumbered the way a
province's work plan sets the same text one or two levels lower; every measure's text stays
the guideline's own.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from policykg.extract.layout import repair
from policykg.extract.metadata import extract_metadata
from policykg.extract.structure import build_tree
from policykg.graph.headings import place
from tests.conftest import corpus_file

_CN = "一二三四五六七八九十"
_PART = re.compile(rf"^(\s*)([{_CN}]+)、(.*)$")
_ITEM = re.compile(rf"^(\s*)（([{_CN}]+)）(.*)$")
_NUMBER = re.compile(r"^(?:（[^）]+）|\d+\.)")


def _guideline() -> str:
    return corpus_file("guideline-ftz-eco-2021.txt").read_text(encoding="utf-8")


def _renumbered(text: str, part: str, item: str) -> str:
    """``text`` with its parts numbered by ``part`` and its items by ``item`` (formats of one
    number), the items counted from 1 again in every part."""
    out, k = [], 0
    for line in text.split("\n"):
        if m := _PART.match(line):
            n, k = _CN.index(m[2][-1]) + 1, 0
            out.append(m[1] + part.format(cn=m[2], n=n) + m[3])
        elif m := _ITEM.match(line):
            k += 1
            out.append(m[1] + item.format(n=k) + m[3])
        else:
            out.append(line)
    return "\n".join(out)


def _wrapped(text: str, width: int = 72) -> str:
    """``text`` as pulled out of a print: the title, a blank line, then every paragraph of the
    body's prose set in lines ``width`` columns wide, a Chinese character two (the 【…】 fields
    of the web copy left out)."""
    title = extract_metadata(text)["title"]
    lines = []
    for paragraph in text.split("\n"):
        if not paragraph.strip() or paragraph.startswith("【"):
            continue
        if not paragraph.endswith("。"):  # headings, the signature and the date stay lines
            lines.append(paragraph)
            continue
        line, used = "", 0
        for c in paragraph:
            w = 2 if unicodedata.east_asian_width(c) in "WF" else 1
            if used + w > width:
                lines.append(line)
                line, used = "", 0
            line, used = line + c, used + w
        lines.append(line)
    return "\n".join([title, "", *lines])


def _tree(text: str):
    return build_tree(repair(text), "doc", extract_metadata(text).get("title"))


def _measures(tree) -> list[tuple[str | None, str]]:
    """Each measure's title and its text after its number."""
    return [(u.title, _NUMBER.sub("", u.text)) for u in tree.units if u.kind == "measure"]


@pytest.mark.parametrize("wrapped", [False, True])
def test_a_plan_one_level_lower_has_its_measures_as_points_under_items(wrapped):
    """一、 → （一） and （四） → 1.: each item heads the points under it as the part did the
    measures, the points are the measures (numbered from 1 in each item), with the guideline's
    titles and texts; so also when the text comes wrapped from a print."""
    guideline = _guideline()
    lower = _renumbered(guideline, "（{cn}）", "{n}.")
    tree = _tree(_wrapped(lower) if wrapped else lower)
    original = _tree(guideline)
    assert _measures(tree) == _measures(original) and len(_measures(tree)) == 25

    parts = [d for d in original.divisions if d.type == "part"]
    subparts = [d for d in tree.divisions if d.type == "subpart"]
    assert [(d.number, d.title) for d in subparts] == [(d.number, d.title) for d in parts]
    assert not [d for d in tree.divisions if d.type in ("part", "point")]
    by_id = {d.id: d for d in tree.divisions}
    second = [u for u in tree.units if u.parents == [subparts[1].id]]
    assert [u.number for u in second] == [1, 2, 3, 4, 5, 6]
    assert second[0].title == "推动形成绿色发展布局"
    parents = [by_id[p].model_dump() for p in second[0].parents]
    assert place(parents) == "（二）加快产业结构优化升级，建设高质量发展引领区"
    assert tree.units[0].kind == "intro" and tree.units[0].text.startswith("为深入贯彻")


def test_a_markdown_plan_numbers_its_points_as_an_ordered_list(tmp_path):
    """## （二）… over a Markdown ordered list (1. … 2. …): the list's numbers are the points'
    numbers and stay in their text, the items head them, offsets point into the file."""
    from policykg.extract.pipeline import analyse_file

    guideline = _guideline()
    title = extract_metadata(guideline)["title"]
    lines = [f"# {title}", ""]
    for line in _renumbered(guideline, "## （{cn}）", "{n}. ").split("\n"):
        if line.strip() and not line.startswith("【"):
            lines += [line.strip(), ""]
    path = tmp_path / "plan.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = analyse_file(path, None)
    original = _tree(guideline)
    measures = [(u.title, _NUMBER.sub("", u.text)) for u in doc.units if u.kind == "measure"]
    assert measures == _measures(original) and len(measures) == 25
    subparts = [d for d in doc.divisions if d.type == "subpart"]
    assert [d.title for d in subparts] == [d.title for d in original.divisions if d.type == "part"]
    text = path.read_text(encoding="utf-8")
    second = [u for u in doc.units if u.parents == [subparts[1].id]]
    assert [u.number for u in second] == [1, 2, 3, 4, 5, 6]
    assert text[second[0].start : second[0].start + 3] == "1. "
    assert second[0].text.startswith("1.推动形成绿色发展布局。")


def test_a_plan_two_levels_lower_has_points_holding_sub_points():
    """一、 → 1. and （四） → （1）: each point heads its sub-points, which are the measures."""
    guideline = _guideline()
    tree = _tree(_renumbered(guideline, "{n}.", "（{n}）"))
    assert _measures(tree) == _measures(_tree(guideline))
    points = [d for d in tree.divisions if d.type == "point"]
    assert [d.number for d in points] == [1, 2, 3, 4, 5, 6, 7]
    assert points[6].title == "实施保障"
    last = [u for u in tree.units if u.parents == [points[6].id]]
    assert [(u.number, u.title) for u in last] == [
        (1, "落实主体责任"), (2, "加强指导支持"), (3, "做好宣传推广"),
    ]  # fmt: skip
    parents = [{"type": "point", "number": 7, "title": "实施保障"}]
    assert place(parents) == "7.实施保障"


def test_sub_points_under_a_point_with_text_of_its_own_are_its_text():
    """2.推进环境污染治理。全面实施排污许可制。 followed by （1） and （2）: the point is the measure
    and its sub-points go on its text, as an article's items do."""
    measure = next(
        ln.strip() for ln in _guideline().split("\n") if "（十五）推进环境污染治理。" in ln
    )
    head, first, second, *rest = re.findall(r"[^。]+。", measure.removeprefix("（十五）"))
    text = "\n".join(
        [
            "一、加强生态环境保护",
            f"1.{head}{first}",
            f"（1）{second}",
            f"（2）{''.join(rest)}",
            "2.加快补齐环境基础设施短板。",
        ]
    )
    units = _tree(text).units
    assert [(u.number, u.title) for u in units] == [
        (1, "推进环境污染治理"), (2, "加快补齐环境基础设施短板"),
    ]  # fmt: skip
    assert units[0].text == f"1.{head}{first}（1）{second}（2）{''.join(rest)}"


@pytest.mark.parametrize(
    ("line", "number"),
    [("1.加快推进立法进程。", 1), ("12、强化重点行业监管", 12), ("１．推进", 1),
     ("1.5万吨。", None), ("3、4项要求整治。", None), ("12.31前完成。", None),
     ("2021年5月17日", None), ("1.", None)],
)  # fmt: skip
def test_a_point_is_a_number_before_a_word_not_a_decimal_date_or_list(line, number):
    from policykg.extract.headings import match_point

    point = match_point(line)
    assert (point.number if point else None) == number


def test_the_list_of_annexes_above_a_signature_stays_metadata():
    """附件：1.… / 2.… under the last point lists the annexes: no point, no unit."""
    text = _renumbered(_guideline(), "（{cn}）", "{n}.")
    at = text.index("　　    生态环境部")
    annexed = text[:at] + "　　附件：1.任务分工表\n　　　　　2.重点企业名单\n" + text[at:]
    assert [u.text for u in _tree(annexed).units] == [u.text for u in _tree(text).units]
    assert "附件" not in _tree(annexed).units[-1].text


@pytest.mark.parametrize(
    ("part", "item", "cls"), [("（{cn}）", "{n}.", "Subpart"), ("{n}.", "（{n}）", "Point")]
)
def test_items_and_points_that_head_others_are_typed_in_the_graph_and_conform(nlp, part, item, cls):
    pyshacl = pytest.importorskip("pyshacl")
    rdflib = pytest.importorskip("rdflib")
    from pyoxigraph import RdfFormat, serialize

    from policykg.extract.pipeline import analyse_text
    from policykg.graph.rdf import document_quads
    from policykg.graph.vocabularies import ONTOLOGY_DIR

    text = _renumbered(_guideline(), part, item)
    doc = analyse_text(text, "lower", nlp, extract_metadata(text))
    data = serialize((q.triple for q in document_quads(doc)), format=RdfFormat.N_TRIPLES)
    g = rdflib.Graph().parse(data=data, format="nt")
    pkg = rdflib.Namespace("https://w3id.org/policykg/ontology#")
    eli = rdflib.Namespace("http://data.europa.eu/eli/ontology#")
    heads = sorted(
        (int(g.value(d, eli.number)), str(g.value(d, eli.title)))
        for d in g.subjects(rdflib.RDF.type, pkg[cls])
    )
    assert len(heads) == 7 and heads[-1] == (7, "实施保障")
    measure = next(g.subjects(eli.title, rdflib.Literal("落实主体责任", lang="zh")))
    assert g.value(measure, eli.number).toPython() == 1
    shapes = rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    conforms, _, report = pyshacl.validate(g, shacl_graph=shapes)
    assert conforms, report


def test_a_word_plan_numbered_by_word_has_the_items_and_points_of_its_text(tmp_path):
    """The guideline one level lower as a drafting office's Word template numbers it: the
    items （%2） and points %3. come from numbering.xml (the point counted from 1 again under
    each item), not from the text; the same items head the same points as in the text."""
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from policykg.extract.pipeline import analyse_file

    document = docx.Document()
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."),
              ("decimal", "（%4）")]  # fmt: skip
    lvls = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
        for k, (fmt, text) in enumerate(levels)
    )
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="91">{lvls}</w:abstractNum>')
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="91"/></w:num>')
    )
    guideline = _guideline()
    title = extract_metadata(guideline)["title"]
    document.add_paragraph(title, style="Title")
    for line in guideline.split("\n"):
        line = line.strip()
        if not line or line.startswith("【") or "2021年5月17日" in line:
            continue
        level = None
        if m := _PART.match(line):
            line, level = m[3], 1
        elif m := _ITEM.match(line):
            line, level = m[3], 2
        p = document.add_paragraph(line)
        if level is not None:
            p._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                    '<w:numId w:val="91"/></w:numPr>'
                )
            )
    path = tmp_path / "plan.docx"
    document.save(str(path))
    word = analyse_file(path, None)
    text = _tree(_renumbered(guideline, "（{cn}）", "{n}."))
    assert [(d.type, d.number, d.title) for d in word.divisions] == [
        (d.type, d.number, d.title) for d in text.divisions
    ]
    assert [(u.kind, u.number, u.title) for u in word.units if u.kind == "measure"] == [
        (u.kind, u.number, u.title) for u in text.units if u.kind == "measure"
    ]
    assert word.units[-1].text.startswith("3.做好宣传推广。")
