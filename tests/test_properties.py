"""Properties of the whole extraction on random and damaged text: offsets always point home.

What "the repaired text equals the original" means here. Repair may drop white space (line
breaks, indentation, spaces next to Chinese characters) and page-marker lines, and it may move
blocks (上接 markers) and boxes out of the flow; structure skips 【…】 field paragraphs. So a
sentence's repaired text, squeezed of white space, equals ``original[start:end]`` squeezed of
white space whenever that range holds no marker line, no field paragraph and no box line (box
items may hold box lines). Otherwise the range is the hull of the pieces the sentence came
from, and its characters are at least all in it. Character by character, every repaired
character stands at its recorded origin in the original (checked on the ``MappedText``).
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from policykg.extract.layout import (
    INVISIBLE,
    is_marker,
    page_breaks,
    page_furniture,
    repair,
    split_lines,
)
from policykg.extract.model import Document
from policykg.extract.pipeline import analyse_text
from policykg.extract.structure import _METADATA, build_tree
from policykg.extract.textmap import MappedText
from tests.strategies import mangled_plan, policy_like_text, policy_lines

FAST = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(deadline=None, max_examples=30, suppress_health_check=[HealthCheck.too_slow])


LINE_BREAK_CHARS = set("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def squeeze(text: str) -> str:
    """Without white space and the zero-width characters the layout drops."""
    return "".join(c for c in text if not c.isspace() and c not in INVISIBLE)


def assert_mapped(mt: MappedText, original: str) -> None:
    """Runs cover the text without gaps, and each run is a verbatim copy of the original."""
    pos = 0
    for r_start, o_start, length in mt.runs:
        assert r_start == pos and length > 0
        assert 0 <= o_start and o_start + length <= len(original)
        assert mt.text[r_start : r_start + length] == original[o_start : o_start + length]
        pos += length
    assert pos == len(mt.text)


def _foreign(original: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Original ranges repair or structure leave out of the flow: marker lines, a print's page
    numbers and running heads, and 【…】 field paragraphs; and, apart, the ranges of boxes
    (title to last item)."""
    lines = split_lines(original)
    furniture = page_furniture(page_breaks(original), lines)
    markers = [
        ln.piece.source()
        for i, ln in enumerate(lines)
        if ln is not None and (is_marker(ln) or i in furniture)
    ]
    markers += [p.source() for p in repair(original).paragraphs if _METADATA.match(p.text)]
    boxes = []
    for box in repair(original).boxes:
        pieces = [box.title_line] + [
            x for g in box.groups for x in ([g.heading] if g.heading else []) + g.items
        ]
        spans = [p.source() for p in pieces if p.text]
        boxes.append((min(s for s, _ in spans), max(e for _, e in spans)))
    return markers, boxes


def _overlaps(a: int, b: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s < b and a < e for s, e in ranges)


def check_document(original: str, doc: Document) -> None:
    n = len(original)
    markers, boxes = _foreign(original)
    divisions = {d.id: d for d in doc.divisions}
    for d in doc.divisions:
        assert 0 <= d.start < d.end <= n
        assert d.parent is None or d.parent in divisions
    layout = repair(original)
    # where chapters, sections and parts start: their heading, or their first unit
    headings = [d.start for d in doc.divisions if d.type in ("chapter", "section", "part")]

    for u in doc.units:
        assert 0 <= u.start < u.end <= n, u
        foreign = markers + ([] if u.kind == "box-item" else boxes)
        # the tree: known parents, one of each type at most, each the parent of the next
        assert all(p in divisions for p in u.parents), u.parents
        types = Counter(divisions[p].type for p in u.parents)
        assert all(k <= 1 for k in types.values()), (u.text[:30], types)
        for outer, inner in zip(u.parents, u.parents[1:], strict=False):
            assert divisions[inner].parent == outer
        for p in u.parents:
            assert divisions[p].start <= u.start and u.end <= divisions[p].end
        if not _overlaps(u.start, u.end, foreign):
            # no unit runs over a chapter, section or part heading
            assert not any(u.start < h < u.end for h in headings), u.text[:40]
        for s in u.sentences:
            assert u.start <= s.start < s.end <= u.end
            assert s.text and not s.text[0].isspace()
            quote = original[s.start : s.end]
            if _overlaps(s.start, s.end, foreign):
                assert not Counter(squeeze(s.text)) - Counter(squeeze(quote))
            else:
                assert squeeze(s.text) == squeeze(quote), (s.text, quote)
        for m in u.mentions:
            assert u.start <= m.start < m.end <= u.end
            assert m.sentence is None or 0 <= m.sentence < max(1, len(u.sentences))
            if not _overlaps(m.start, m.end, foreign):
                assert squeeze(m.text) == squeeze(original[m.start : m.end]), m

    # the repaired text of every unit, character by character, against the original
    tree = build_tree(layout, doc.id)
    assert [u.id for u in tree.units] == [u.id for u in doc.units]
    for u in tree.units:
        mt = tree.texts[u.id]
        assert mt.text == u.text
        assert_mapped(mt, original)
        assert not any(c in LINE_BREAK_CHARS for c in u.text), u.text


# -- the whole pipeline on random text -----------------------------------------------------


@FAST
@given(policy_like_text())
def test_pipeline_on_random_policy_pieces(nlp, text):
    check_document(text, analyse_text(text, "doc", nlp))


@FAST
@given(policy_lines())
# a box's title said twice with its items between: two boxes side by side, the items the first's
@example("专栏5 重金属综合整治示范\n0、\n专栏5 重金属综合整治示范\n")
def test_pipeline_on_random_lines(nlp, text):
    check_document(text, analyse_text(text, "doc", nlp))


@settings(deadline=None, max_examples=40)
@given(st.text(max_size=300))
def test_pipeline_on_arbitrary_unicode(nlp, text):
    check_document(text, analyse_text(text, "doc", nlp))


# -- the real plan, damaged ----------------------------------------------------------------


def test_the_plan_itself_keeps_every_offset(plan_doc, plan_text):
    check_document(plan_text, plan_doc)


@SLOW
@given(st.data())
def test_plan_with_wraps_and_blank_lines(nlp, plan_text, data):
    text = data.draw(mangled_plan(plan_text, markers=False))
    doc = analyse_text(text, "doc", nlp)
    check_document(text, doc)
    # blank lines and wraps inside prose do not lose a section
    assert {d.title for d in doc.divisions if d.type == "section"} >= {
        "提高危险废物处置水平",
        "加强核与辐射安全管理",
    }


@SLOW
@given(st.data())
def test_plan_with_continuation_markers(nlp, plan_text, data):
    text = data.draw(mangled_plan(plan_text))
    doc = analyse_text(text, "doc", nlp)
    check_document(text, doc)
    for u in doc.units:
        assert "上接" not in u.text and "下转" not in u.text


# -- what the properties found -----------------------------------------------------------


def test_a_part_before_an_inferred_chapter_sits_inside_it():
    doc = analyse_text("一、总体要求\n加强管理，推进工作。\n第六章 其他\n加强管理。\n", "doc", None)
    divisions = {d.id: d for d in doc.divisions}
    for u in doc.units:
        for outer, inner in zip(u.parents, u.parents[1:], strict=False):
            assert divisions[inner].parent == outer


def test_an_item_after_a_new_chapter_does_not_join_the_last_article():
    text = "第一章 总则\n第三条 下列行为禁止：\n第二章 监督管理\n（一）加强管理。\n"
    doc = analyse_text(text, "doc", None)
    chapter_2 = text.index("第二章")
    assert not any(u.start < chapter_2 < u.end for u in doc.units)


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x1c", "\x85"])
def test_unicode_line_separators_are_line_breaks(sep):
    text = f"第一章 总则{sep}第一条 为了保护环境，制定本法。{sep}第二条 加强管理。{sep}"
    doc = analyse_text(text, "doc", None)
    assert [u.kind for u in doc.units] == ["article", "article"]
    assert all(sep not in u.text for u in doc.units)


# -- MappedText ----------------------------------------------------------------------------


class _Ref:
    """A MappedText and, beside it, the plain list of each character's origin."""

    def __init__(self, mt: MappedText, origins: list[int]) -> None:
        self.mt, self.origins = mt, origins


ORIGINAL = "".join(chr(0x4E00 + i % 500) if i % 7 else "\n" for i in range(400))


@st.composite
def mapped(draw: st.DrawFn, depth: int = 3) -> _Ref:
    op = draw(st.sampled_from(["orig", "join", "slice", "drop", "strip"] if depth else ["orig"]))
    if op == "orig":
        a = draw(st.integers(0, len(ORIGINAL)))
        b = draw(st.integers(a, len(ORIGINAL)))
        return _Ref(MappedText.from_original(ORIGINAL, a, b), list(range(a, b)))
    if op == "join":
        parts = draw(st.lists(mapped(depth - 1), max_size=4))
        return _Ref(MappedText.join(p.mt for p in parts), [o for p in parts for o in p.origins])
    ref = draw(mapped(depth - 1))
    n = len(ref.mt)
    if op == "slice":
        i = draw(st.integers(-3, n + 3))
        j = draw(st.integers(-3, n + 3))
        lo, hi = max(0, i), min(n, j)
        return _Ref(ref.mt.slice(i, j), ref.origins[lo:hi] if hi > lo else [])
    if op == "drop":
        keep = draw(st.lists(st.booleans(), min_size=n, max_size=n))
        return _Ref(ref.mt.drop(keep), [o for o, k in zip(ref.origins, keep, strict=True) if k])
    chars = "\n" + ORIGINAL[3]
    stripped = ref.mt.text.lstrip(chars)
    i = n - len(stripped)
    j = i + len(stripped.rstrip(chars))
    return _Ref(ref.mt.strip(chars), ref.origins[i:j])


@settings(deadline=None, max_examples=300)
@given(mapped(), st.data())
def test_mapped_text_keeps_every_origin(ref, data):
    mt = ref.mt
    assert len(mt.text) == len(ref.origins)
    assert_mapped(mt, ORIGINAL)
    assert [mt.origin(i) for i in range(len(mt))] == ref.origins
    assert all(ORIGINAL[o] == c for o, c in zip(ref.origins, mt.text, strict=True))
    # adjacent runs that continue each other are merged by join
    if mt.text:
        i = data.draw(st.integers(0, len(mt) - 1))
        j = data.draw(st.integers(i + 1, len(mt)))
        part = ref.origins[i:j]
        assert mt.source(i, j) == (min(part), max(part) + 1)
        assert mt.source() == (min(ref.origins), max(ref.origins) + 1)


def test_mapped_text_rejects_bad_arguments():
    mt = MappedText.from_original("abc", 0, 3)
    for i, j in ((0, 0), (2, 1), (-1, 2), (0, 4)):
        try:
            mt.source(i, j)
        except IndexError:
            continue
        raise AssertionError((i, j))
    try:
        mt.drop([True])
    except ValueError:
        pass
    else:
        raise AssertionError("drop took too few flags")


def test_mapped_text_stays_fast_on_many_runs():
    """Sentences of a paragraph with a space between every character: no quadratic cost."""
    import time

    text = "中 文 测 试。" * 20000
    t0 = time.perf_counter()
    tree = build_tree(repair(text), "doc")
    assert time.perf_counter() - t0 < 10
    assert len(tree.units[0].sentences) == 20000
