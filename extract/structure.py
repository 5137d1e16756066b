"""The document tree: chapters, sections, parts, boxes and the text units inside them (and,
in a code, the books and sub-books, 编 and 分编, that hold its chapters; after a notice's
signature, its annexes, 附件, each a division holding what it attaches).

Works on the paragraphs that layout repair gives, in reading order. Headings missing from an
excerpt are inferred from the next heading of the same level (sections before 第七章 belong to
chapter 6) with an unknown title: a title is never invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from operator import add

from policykg.extract.contents import contents_lines
from policykg.extract.dates import DATE
from policykg.extract.headings import (
    ARTICLE_REFERENCE,
    NUM,
    Heading,
    is_subpoint,
    match_decimal,
    match_heading,
    match_point,
    to_int,
)
from policykg.extract.history import enters_into_force, is_act_line
from policykg.extract.layout import Box, Layout, lead_sentence
from policykg.extract.metadata import (
    ANNEX_ENTRY,
    ANNEX_LIST,
    EDGE_LINES,
    info_table,
    is_furniture,
    is_issuer_mark,
    is_signature_line,
    issued_document,
    record_line,
)
from policykg.extract.model import Division, Sentence, Unit, stable_id
from policykg.extract.orders import publication_order
from policykg.extract.sentences import SENTENCE_END, ends_sentence, sentence_spans
from policykg.extract.textmap import MappedText

_METADATA = re.compile(r"^【[^】]{1,8}】")
# a field's value is a title, a number, a date or an addressee line; a longer paragraph behind a
# 【…】 label is the body itself (a scraped page on one line) and must not be dropped
_FIELD_MAX = 400
_SIGNATURE_TAIL = 12  # a signature block stands among the last paragraphs
_LIST_LINE = 60  # a printed line of a list of bodies, at most


@dataclass(slots=True)
class _Draft:
    """A unit being assembled: an article or a heading-only item collects later paragraphs."""

    kind: str
    parents: list[str]
    pieces: list[MappedText]
    number: int | None = None
    title: str | None = None
    open: bool = False  # takes the following plain paragraphs
    point: bool = False  # a point (2.) with text of its own: takes the sub-points （1） under it


@dataclass(slots=True)
class Tree:
    divisions: list[Division] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    # each unit's repaired text mapped to the original, for placing what is found in it
    texts: dict[str, MappedText] = field(default_factory=dict)


def split_sentences(text: MappedText) -> list[tuple[int, int]]:
    """Sentence boundaries ``(i, j)`` in ``text`` (see ``extract.sentences``)."""
    return sentence_spans(text.text)


def _bigrams(text: str) -> set[str]:
    return set(map(add, text, text[1:]))


class _Builder:
    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        self.divisions: dict[str, dict] = {}  # id -> fields, in creation order
        self.drafts: list[_Draft] = []
        self.annex: str | None = None
        self.book: str | None = None
        self.subbook: str | None = None
        self.chapter: str | None = None
        self.section: str | None = None
        self.part: str | None = None
        self.subpart: str | None = None  # （一） heading the points 1. under it
        self.point: str | None = None  # 1. heading the sub-points （1） under it

    def division(
        self,
        kind: str,
        number: int | None,
        title: str | None,
        parent: str | None,
        piece: MappedText | None,
    ) -> str:
        base = f"{parent or self.doc_id}/{kind}-{number if number is not None else 'x'}"
        div_id, k = base, 1
        while div_id in self.divisions:
            k += 1
            div_id = f"{base}-{k}"
        span = piece.source() if piece is not None and piece.text else None
        self.divisions[div_id] = {
            "id": div_id,
            "type": kind,
            "number": number,
            "title": title or None,
            "parent": parent,
            "span": span,
        }
        return div_id

    def parents(self) -> list[str]:
        levels = (
            self.annex,
            self.book,
            self.subbook,
            self.chapter,
            self.section,
            self.part,
            self.subpart,
            self.point,
        )
        return [d for d in levels if d]

    def innermost(self) -> str | None:
        """The deepest division open: what a new one sits in once the levels at and below its
        own are closed."""
        levels = self.parents()
        return levels[-1] if levels else None

    def top(self) -> str | None:
        """What a chapter sits in: the sub-book or book of a code, a plan's 篇 (kept as its
        book), or an annex; else nothing."""
        return self.subbook or self.book or self.annex

    def lineage(self, div_id: str | None) -> list[str]:
        out = []
        while div_id:
            out.append(div_id)
            div_id = self.divisions[div_id]["parent"]
        return out[::-1]


def _annex_titles(
    paragraphs: list[MappedText], headings: list[Heading | None], annexes: list[int]
) -> set[int]:
    """The paragraphs that title an annex: a heading line under a bare 附件 / 附件1 line."""
    out = set()
    for k in annexes:
        h = headings[k]
        bare = h is not None and not paragraphs[k].text[h.rest_start :].strip()
        if bare and k + 1 < len(paragraphs) and headings[k + 1] is None:
            if _is_heading_line(paragraphs[k + 1].text):
                out.add(k + 1)
    return out


def _above_title(text: str) -> bool:
    """What may stand above a document's title: a printed web page's breadcrumb, and an
    official document's issuer mark (江西省人民政府文件) and number line (赣府发〔2024〕5号)."""
    return is_furniture(text) or is_issuer_mark(text) or record_line(text) == "number"


def _header_length(paragraphs: list[MappedText], headings: list, title: str | None) -> int:
    """How many paragraphs open the document as its header: a printed web page's breadcrumb,
    the title line (the metadata's title, or a line followed by dated acts) and the dated act
    lines under it."""
    k = _above(paragraphs, headings, 0)
    # a government site's metadata table (索引号：…, 发文机关：…) over the title, then the title
    if used := info_table([p.text for p in paragraphs[k : k + EDGE_LINES]])[1]:
        k = _above(paragraphs, headings, k + used)
    if k < len(paragraphs) and headings[k] is None:
        first = paragraphs[k].text.translate(_SQUEEZE)
        followed = k + 1 < len(paragraphs) and is_act_line(paragraphs[k + 1].text)
        if named := _title_lines(paragraphs, headings, k, title):
            k += named
        elif followed and not is_act_line(paragraphs[k].text) and len(first) <= 60:
            k += 1
    k = _past_header_lines(paragraphs, headings, k)
    # the title again above the body (a page's heading, then the text's own), with a news
    # agency's dateline and the day of adoption around it
    k = _above(paragraphs, headings, k)
    if again := _title_lines(paragraphs, headings, k, title):
        k = _past_header_lines(paragraphs, headings, k + again)
    return k


def _past_header_lines(paragraphs: list[MappedText], headings: list, k: int) -> int:
    """The first paragraph from ``k`` on that is not a ``_header_line``."""
    while k < len(paragraphs) and headings[k] is None and _header_line(paragraphs[k].text):
        k += 1
    return k


# the day a text was adopted, alone under its title: （2021年11月2日）
_DATELINE = re.compile(rf"[（(]?\s*(?:{DATE.pattern})\s*[）)]?")


def _header_line(text: str) -> bool:
    """A line of the header under a title: a dated act (…会议通过) or the bare date."""
    return is_act_line(text) or _DATELINE.fullmatch(text.strip()) is not None


def _above(paragraphs: list[MappedText], headings: list, k: int) -> int:
    """The first paragraph from ``k`` on that is not ``_above_title``."""
    while k < len(paragraphs) and headings[k] is None and _above_title(paragraphs[k].text):
        k += 1  # a printed web page's breadcrumb, an official document's red-letter head
    return k


_SQUEEZE = str.maketrans("", "", " \u3000《》")


def _title_lines(paragraphs: list[MappedText], headings: list, k: int, title: str | None) -> int:
    """How many paragraphs from ``k`` on print ``title``: one, or a long title broken over two
    or three lines (北京市人民代表大会常务委员会任免 / 国家机关工作人员条例); 0 if they do not."""
    if not title:
        return 0
    want = title.translate(_SQUEEZE)
    text = ""
    for n in range(k, min(k + 3, len(paragraphs))):
        if headings[n] is not None:
            return 0
        text += paragraphs[n].text.translate(_SQUEEZE)
        if text == want:
            return n - k + 1
        if not want.startswith(text):
            return 0
    return 0


def build_tree(layout: Layout, doc_id: str, title: str | None = None) -> Tree:
    """Divisions and units of a repaired document, units in reading order.

    ``title`` is the document's title as metadata found it: the header it opens (the title
    line and the dated acts under it) is metadata, not text units.
    """
    b = _Builder(doc_id)
    layout = _unglued(layout)
    paragraphs = layout.paragraphs
    headings = [match_heading(p.text) or match_point(p.text) for p in paragraphs]
    header = _header_length(paragraphs, headings, title)
    order = publication_order([p.text.strip() for p in paragraphs[:EDGE_LINES]])
    ordered = set(order.lines) if order is not None else set()  # 令, 第268号, 市长 …, the date
    contents = contents_lines([p.text for p in paragraphs])
    for k in contents:  # the headings a table of contents lists are not the text's
        headings[k] = None
    # an emergency plan's outline under its 1.总则: 1.1编制目的 (depth, number, title start)
    decimals = [
        match_decimal(p.text) if h is None and k not in contents else None
        for k, (p, h) in enumerate(zip(paragraphs, headings, strict=True))
    ]

    def next_number(kind: str, start: int, stop_kinds: tuple[str, ...] = ()) -> int | None:
        for h in headings[start:]:
            if h is None:
                continue
            if h.type == kind:
                return h.number
            if h.type in stop_kinds:
                return None
        return None

    def ensure_context(k: int) -> None:
        """Content before the first chapter/section heading: infer the missing ones."""
        if b.chapter is None and b.section is None:
            sec_next = next_number("section", k, ("chapter",))
            ch_next = next_number("chapter", k)
            here = headings[k].type if headings[k] is not None else None
            if ch_next and ch_next > 1 and here != "chapter":
                b.chapter = b.division("chapter", ch_next - 1, None, b.top(), None)
            if sec_next and sec_next > 1 and here not in ("section", "chapter"):
                b.section = b.division("section", sec_next - 1, None, b.chapter or b.top(), None)

    levels = layout.levels or [None] * len(paragraphs)
    file_kinds = _file_heading_kinds(paragraphs, headings, levels)
    seen = 0  # annexes so far: they number a heading the file marks, 附件：名录 (an annex's,
    for k, p in enumerate(paragraphs):  # never the list of annexes above a signature)
        h = headings[k]
        if h is None and levels[k] and (m := ANNEX_LIST.match(p.text)):
            h = headings[k] = Heading("annex", seen + 1, m.end())
        seen += h is not None and h.type == "annex"
    annexes = [k for k, h in enumerate(headings) if h is not None and h.type == "annex"]
    annex_titles = _annex_titles(paragraphs, headings, annexes)
    issued: dict[int, str] = {}  # the plan a notice issues, after it with no 附件 line
    if not annexes and title and (inner := issued_document(title)):
        for k in range(header, len(paragraphs)):
            if n := _title_lines(paragraphs, headings, k, inner):
                headings[k] = Heading("annex", 1, 0)
                annexes, issued[k] = [k], inner
                annex_titles.update(range(k + 1, k + n))
                break
        else:  # 益阳市重污染天气应急预案目录: the plan's title over its contents opens it
            k = contents.start
            if contents and paragraphs[k].text.translate(_SQUEEZE).startswith(inner):
                headings[k] = Heading("annex", 1, 0)
                annexes, issued[k] = [k], inner
                contents = range(k + 1, contents.stop)
    body_end = annexes[0] if annexes else len(paragraphs)  # the signature closes the body
    tail = body_end - _SIGNATURE_TAIL
    fields = [bool(_METADATA.match(p.text)) and len(p) <= _FIELD_MAX for p in paragraphs]
    head_fields = next((k for k, f in enumerate(fields) if not f), len(fields))
    tail_fields = next((k for k in range(len(fields), 0, -1) if not fields[k - 1]), 0)
    copied_to = False  # within the record block's list of bodies copied to (抄送：…)
    annex_list = False  # within the list of annexes above the signature (附件：1.…)
    for k, (p, h) in enumerate(zip(paragraphs, headings, strict=True)):
        if k < header or k in contents or k in ordered:
            continue  # the title and the history under it are the document's metadata, as
            # are the lines of the order publishing a rule; a table of contents is what the
            # divisions make
        if fields[k] and (k < head_fields or k >= tail_fields):
            continue  # 【文号】-style fields open or close a document; in the body they are text
        if not b.drafts and h is None and is_furniture(p.text):
            continue  # a printed web page's breadcrumb or 来源/发布时间 line above the text
        if k in annex_titles:
            continue  # the title under 附件1, taken as the annex's
        if h is None and tail <= k < body_end and is_signature_line(_as_printed(layout, k, p)):
            continue  # the signature block is metadata (see extract.metadata), not a text unit
        record = record_line(p.text) if h is None else None
        if record or (copied_to and h is None and len(p) <= _LIST_LINE):
            # the number line, and 抄送 / 印发 under the text: metadata, not provisions; the
            # list of bodies copied to goes on over lines indented under the first
            copied_to = record == "copied-to" or (copied_to and record is None)
            annex_list = record == "annex-list"
            continue
        if annex_list and (h is None or h.type == "point") and ANNEX_ENTRY.match(p.text):
            continue  # 2.重点监管单位名录 under 附件：1.任务分工表
        copied_to = annex_list = False
        level = levels[k]
        kind = h.type if h else file_kinds[k]
        number = h.number if h else None
        rest = p.slice(h.rest_start, len(p)) if h else p
        if kind in ("chapter", "section", "part", None, "item", "point", "article"):
            ensure_context(k)
        if kind in ("annex", "volume", "portion", "book", "subbook", "chapter", "section", "part"):
            b.subpart = b.point = None
            if b.drafts:
                b.drafts[-1].open = False  # a new division closes the article or item before it
        if kind == "annex":
            name = issued.get(k) or rest.text.strip()
            if not name and k + 1 in annex_titles:
                name = paragraphs[k + 1].text.strip()
            b.annex = b.division("annex", number, name, None, p)
            b.book = b.subbook = b.chapter = b.section = b.part = None
            continue
        if kind in ("volume", "portion", "book"):  # a plan's 篇 holds chapters as a code's 编 does
            b.book = b.division(kind, number, rest.text.strip(), b.annex, p)
            b.subbook = b.chapter = b.section = b.part = None
            continue
        if kind == "subbook":
            b.subbook = b.division("subbook", number, rest.text.strip(), b.book, p)
            b.chapter = b.section = b.part = None
            continue
        if kind == "chapter":  # a code numbers its chapters again in every book or sub-book
            b.chapter = b.division("chapter", number, rest.text.strip(), b.top(), p)
            b.section = b.part = None
            continue
        if kind == "section":
            b.section = b.division("section", number, rest.text.strip(), b.chapter or b.top(), p)
            b.part = None
            continue
        if kind == "part" and (level is not None or _is_heading_line(rest.text)):
            within = b.section or b.chapter or b.top()
            b.part = b.division("part", number, rest.text.strip("。 "), within, p)
            continue
        if kind == "part":  # 二、北京市人均耕地低于零点五亩的区，不提高…。: a numbered provision
            b.part = None  # beside the part before it, not inside it
            title = lead_sentence(rest.text, numbered=True)
            # it takes the unnumbered paragraphs after it, as an article does (三、…。 / 要深入
            # 基层…), up to the text's own closing (本决定自…起施行)
            b.drafts.append(_Draft("measure", b.parents(), [p], number, title, True))
            continue
        last = b.drafts[-1] if b.drafts else None
        if h is None and (decimal := decimals[k]) is not None:
            depth, number, start = decimal
            if depth == 2 or last is None or not last.open:  # 1.1编制目的 and its paragraphs
                if last is not None:
                    last.open = False
                title = p.text[start:].strip()
                b.drafts.append(_Draft("measure", b.parents(), [p], number, title, True))
            else:
                last.pieces.append(p)  # 4.2.1 预警分级 and its text: part of 4.2
            continue
        if kind == "article":
            b.drafts.append(_Draft("article", b.parents(), [p], number, f"第{number}条", True))
            continue
        if kind in ("item", "point") and last is not None and last.kind == "article" and last.open:
            last.pieces.append(p)  # an article's items （一） and points 1. are its text
            continue
        if kind == "point":
            b.point = None
            if last is not None:
                last.open = False
            title = lead_sentence(rest.text, numbered=True)
            if _heads(rest, level) and k + 1 < len(paragraphs):
                under = decimals[k + 1]  # 1.总则 / 1.1编制目的 …: the point holds its outline
                if is_subpoint(paragraphs[k + 1].text) or (under is not None and under[0] == 2):
                    b.point = b.division("point", number, rest.text.strip("。 "), b.innermost(), p)
                    continue
            open_ = False
            if title is None and _heads(rest, level):
                title, open_ = rest.text.strip("。 "), True
            b.drafts.append(_Draft("measure", b.parents(), [p], number, title, open_, True))
            continue
        if kind == "item":
            subpoint = is_subpoint(p.text)
            if subpoint and b.point is None and last is not None and last.point:
                if last.parents == b.parents():
                    last.pieces.append(p)  # 2.建设监测网络。…… / （1）…: the point's own
                    continue
            if not (subpoint and (b.point or b.subpart)):
                b.subpart = b.point = None  # the next （一）: a new item, outside the last one
                deeper = k + 1 < len(paragraphs) and (
                    match_point(paragraphs[k + 1].text) or is_subpoint(paragraphs[k + 1].text)
                )
                if deeper and _heads(rest, level):  # （一）开展调查。 / 1.… 2.…: holds them
                    if last is not None:
                        last.open = False
                    title = rest.text.strip("。 ")
                    b.subpart = b.division("subpart", number, title, b.innermost(), p)
                    continue
            title = lead_sentence(rest.text, numbered=True) if h else None
            open_ = False
            if title is None and (_is_heading_line(rest.text) or level is not None):
                title, open_ = rest.text.strip("。 "), True
            b.drafts.append(_Draft("measure", b.parents(), [p], number, title, open_))
            continue
        if (
            kind is None
            and b.chapter is not None
            and (title := _lost_chapter(paragraphs, headings, k))
        ):
            # 规划和建设 between two articles of a document in chapters: a chapter heading whose
            # 第二章 the copy lost, numbered on from the chapter before
            before = b.divisions[b.chapter]["number"]
            b.chapter = b.division("chapter", before + 1 if before else None, title, b.top(), p)
            b.section = b.part = b.subpart = b.point = None
            if last is not None:
                last.open = False
            continue
        if (
            last is not None
            and last.open
            and last.parents == b.parents()
            and (last.kind == "article" or not enters_into_force(p.text))
        ):
            last.pieces.append(p)
            continue
        title = lead_sentence(p.text)
        if title is not None:
            b.drafts.append(_Draft("measure", b.parents(), [p], None, title))
        else:
            follows_heading = k > 0 and (
                (headings[k - 1] or file_kinds[k - 1]) is not None
                and not (last is not None and last.pieces[-1] is paragraphs[k - 1])
                or k - 1 in annex_titles
            )  # a heading's division, not a numbered provision that is a unit itself
            kind_ = "intro" if follows_heading or not b.drafts else "paragraph"
            b.drafts.append(_Draft(kind_, b.parents(), [p]))

    texts: dict[str, MappedText] = {}
    _sole_paragraphs(b)
    units = [_unit(doc_id, d, texts) for d in b.drafts]
    units = _place_boxes(b, layout.boxes, units, doc_id, texts)
    divisions = _divisions(b, units)
    return Tree(divisions, units, texts)


def _sole_paragraphs(b: _Builder) -> None:
    """A numbered part that holds one paragraph and nothing else (## 一、北京市各区耕地占用税的
    适用税额 / 朝阳区…为每平方米四十五元；…) is a provision with a heading, as the numbered
    sentences beside it (二、…) are: its paragraph is a measure with the part's number and
    title, not an introduction to items that never come."""
    held: dict[str, int] = {}
    for d in b.drafts:
        if d.parents:
            held[d.parents[-1]] = held.get(d.parents[-1], 0) + 1
    holding = {div["parent"] for div in b.divisions.values()}
    for d in b.drafts:
        if d.kind not in ("intro", "paragraph") or not d.parents:
            continue
        part = b.divisions[d.parents[-1]]
        if part["type"] == "part" and held[part["id"]] == 1 and part["id"] not in holding:
            d.kind, d.number, d.title = "measure", part["number"], part["title"]


def _lost_chapter(
    paragraphs: list[MappedText], headings: list[Heading | None], k: int
) -> str | None:
    """The title of a chapter printed without its number, if paragraph ``k`` is one: a short
    line of words alone between a sentence's end and an article (…碳排放目标。 / 规划和建设 /
    第十二条…)."""
    text = re.sub(r"\s+", "", paragraphs[k].text)
    after = headings[k + 1] if k + 1 < len(headings) else None
    lost = (
        2 <= len(text) <= _LOST_TITLE
        and all("\u4e00" <= c <= "\u9fff" for c in text)
        and after is not None
        and after.type == "article"
        and k > 0
        and ends_sentence(paragraphs[k - 1].text)
    )
    return text if lost else None


_LOST_TITLE = 12  # characters: 规划和建设, 促进和保障, 法律责任


# The next article glued to the end of the one before, maybe behind a chapter heading, where a
# file lost a line break: …依法追究刑事责任。第六章附则第四十条本条例自2014年1月1日起施行。
_GLUED = re.compile(
    rf"(?<=[。；！？])[ \t\u3000]*(?P<chapter>第\s*{NUM}\s*章[^。，；：第]{{0,16}})?"
    rf"(?P<article>第\s*(?P<num>{NUM})\s*条)(?!{ARTICLE_REFERENCE})"
)


def _unglued(layout: Layout) -> Layout:
    """``layout`` with an article that follows the one before on the same line, and the chapter
    heading in front of it, made paragraphs of their own. Only the next article's number
    counts (第四十条 after 第三十九条), and not as a reference (第四十条规定的…)."""
    paragraphs: list[MappedText] = []
    levels: list[int | None] = []
    printed: list[str] = []
    last: int | None = None
    first_piece: list[int] = []  # where each paragraph now starts, for the boxes' anchors
    for k, p in enumerate(layout.paragraphs):
        first_piece.append(len(paragraphs))
        h = match_heading(p.text)
        if h is not None and h.type == "article":
            last = h.number
        cut, pieces = 0, []
        if last is not None and (h is None or h.type == "article"):
            for m in _GLUED.finditer(p.text):
                if to_int(m.group("num")) != last + 1:
                    continue
                pieces.append(p.slice(cut, m.start()))
                if m.group("chapter"):
                    pieces.append(p.slice(m.start("chapter"), m.start("article")))
                cut, last = m.start("article"), last + 1
        if not pieces:
            paragraphs.append(p)
            levels.extend(layout.levels[k : k + 1])
            printed.extend(layout.printed[k : k + 1])
            continue
        pieces.append(p.slice(cut, len(p)))
        pieces = [q.strip() for q in pieces]
        paragraphs.extend(pieces)
        if layout.levels:
            levels.extend([layout.levels[k]] + [None] * (len(pieces) - 1))
        if layout.printed:
            printed.extend(q.text for q in pieces)
    if len(paragraphs) == len(layout.paragraphs):
        return layout
    first_piece.append(len(paragraphs))  # a box after the last paragraph
    boxes = [replace(box, anchor=first_piece[box.anchor]) for box in layout.boxes]
    return replace(layout, paragraphs=paragraphs, levels=levels, printed=printed, boxes=boxes)


_DEPTHS = ("chapter", "section", "part", "item")


def _file_heading_kinds(
    paragraphs: list[MappedText], headings: list[Heading | None], levels: list[int | None]
) -> list[str | None]:
    """What each heading the file marks but does not number is (总则 at a chapter's level).

    A level where the file also has numbered headings takes their kind; other levels take the
    kind one below the numbered level above them (or one above the one below), else rank
    chapter, section, part by depth. The document's title (the first heading, unnumbered, at
    the top level, where any other heading is numbered) is no division: it stays a paragraph,
    as in plain text.
    """
    kinds: list[str | None] = [None] * len(paragraphs)
    marked = [k for k, level in enumerate(levels) if level is not None]
    if not marked:
        return kinds
    numbered: dict[int, str] = {}
    for k in marked:
        h = headings[k]
        if h is not None and h.type in _DEPTHS:
            numbered.setdefault(levels[k], h.type)  # type: ignore[arg-type]
    top = min(levels[k] for k in marked)  # type: ignore[type-var]
    first = marked[0]
    others = [k for k in marked[1:] if levels[k] == top]
    title = (
        first
        if levels[first] == top
        and headings[first] is None
        and all(headings[k] is not None for k in others)
        else None
    )
    loose = sorted(
        {levels[k] for k in marked if headings[k] is None and k != title} - numbered.keys()
    )
    for k in marked:
        if headings[k] is not None or k == title or not _is_heading_line(paragraphs[k].text):
            continue
        level = levels[k]
        assert level is not None
        if level in numbered:
            kinds[k] = numbered[level]
            continue
        above = [m for m in numbered if m < level]
        below = [m for m in numbered if m > level]
        if above:
            depth = _DEPTHS.index(numbered[max(above)]) + 1
        elif below:
            depth = _DEPTHS.index(numbered[min(below)]) - 1
        else:
            depth = loose.index(level)
        kinds[k] = _DEPTHS[max(0, min(depth, len(_DEPTHS) - 1))]
    return kinds


def _as_printed(layout: Layout, k: int, p: MappedText) -> str:
    """Paragraph ``k`` (``p``) with the spaces between names that repair drops, without the
    line breaks of a wrapped line: as its reader hands it over (a web page's markup gone and
    its ``&nbsp;`` decoded), else the paragraph's stretch of the original (plain text)."""
    if layout.printed:
        return layout.printed[k]
    return layout.original[slice(*p.source())].replace("\r", "").replace("\n", "")


def _heads(rest: MappedText, level: int | None) -> bool:
    """A numbered paragraph that only heads what follows: the file marks it as a heading, or
    after its number comes one short line (开展土壤污染调查。), no sentence going on."""
    return level is not None or _is_heading_line(rest.text.strip().rstrip("。"))


def _is_heading_line(text: str) -> bool:
    """A heading line (一、总体要求): short, and no sentence ends inside it."""
    t = text.strip()
    return 0 < len(t) <= 40 and not re.search(r"[。；：！？]", t)


_TITLE_MAX = 40
_CLAUSE_END = re.compile(r"[，；：、]")


def _short_title(sentence: str) -> str:
    """A paragraph without a heading is listed by its first sentence; a long one is cut at its
    last clause break within the limit (never mid-word if there is one), marked with …"""
    text = sentence.rstrip(SENTENCE_END)
    if len(text) <= _TITLE_MAX:
        return text
    breaks = [m.start() for m in _CLAUSE_END.finditer(text, 0, _TITLE_MAX)]
    cut = breaks[-1] if breaks and breaks[-1] >= _TITLE_MAX // 2 else _TITLE_MAX
    return text[:cut] + "…"


# a row of a plan's task table, each cell after its column's header (序号：1；重点任务：开展土壤
# 污染状况详查；牵头单位：…): the task's cell names it, as a measure's lead sentence does; so does
# the indicator's cell a row of a table of indicators (序号：1；指标：受污染耕地安全利用率；…)
_TASK_CELL = re.compile(
    r"(?:^|；)(?:(?:重点|主要|具体|工作)?(?:任务|措施|工作|事项)(?:名称|内容)?"
    r"|(?:主要)?指标(?:名称)?)：(?P<task>[^；]{2,})"
)


def _unit(doc_id: str, d: _Draft, texts: dict[str, MappedText]) -> Unit:
    text = MappedText.join(d.pieces)
    start, end = text.source()
    sentences = []
    for n, (i, j) in enumerate(split_sentences(text)):
        s_start, s_end = text.source(i, j)
        # validated: pydantic's validator builds a model in half the time model_construct's
        # Python takes (1.5 against 3.1 µs), and a build makes ~10 per unit
        sentences.append(Sentence(index=n, text=text.text[i:j], start=s_start, end=s_end))
    title = d.title
    if title is None and d.kind in ("intro", "paragraph") and sentences:
        task = _TASK_CELL.search(text.text)
        title = _short_title(task.group("task") if task else sentences[0].text)
    unit_id = f"{doc_id}/u-{stable_id(doc_id, d.kind, start, end)}"
    texts[unit_id] = text
    return Unit(
        id=unit_id,
        kind=d.kind,
        number=d.number,
        title=title,
        text=text.text,
        start=start,
        end=end,
        parents=list(d.parents),
        sentences=sentences,
    )


def _place_boxes(
    b: _Builder, boxes: list[Box], units: list[Unit], doc_id: str, texts: dict[str, MappedText]
) -> list[Unit]:
    """Attach each box to the section whose text it illustrates; its items follow that section.

    The print puts a box wherever it fits on the page, so position says little; the words of its
    title and group headings, shared with a section's text, say where it belongs.
    """
    containers = [d for d in b.divisions.values() if d["type"] in ("section", "chapter")]
    # placing a box adds no section or chapter, nor a unit right under one: this holds for all
    words = _container_bigrams(containers, units) if boxes else {}
    flow = units  # the units of the text, before any box's items: what anchors point into
    for box in boxes:
        h = match_heading(box.title_line.text)
        number = h.number if h else None
        title = box.title_line.text[h.rest_start :].strip() if h else box.title_line.text
        probe = _bigrams(title)
        best, best_score = None, 0.0
        for div in containers:
            score = len(probe & words[div["id"]]) / max(1, len(probe))
            if score > best_score or (score == best_score and div["type"] == "section" and best):
                best, best_score = div["id"], score
        if best is None or best_score < 0.3:
            anchor_units = flow[: box.anchor] or flow[:1]
            parents = anchor_units[-1].parents if anchor_units else []
        else:
            parents = b.lineage(best)
        box_id = b.division("box", number, title, parents[-1] if parents else None, box.title_line)
        items: list[Unit] = []
        for group in box.groups:
            item_parents = [*parents, box_id]
            if group.heading is not None:
                gh = match_heading(group.heading.text)
                g_title = group.heading.text[gh.rest_start :] if gh else group.heading.text
                g_title = re.sub(r"[（(]\s*\d+\s*个\s*[）)]", "", g_title).strip("。 ")
                # an entry (01　青藏高原生态屏障区) keeps its number in its title, as printed
                gid = b.division("group", gh.number if gh else None, g_title, box_id, group.heading)
                item_parents.append(gid)
            for item in group.items:
                d = _Draft("box-item", item_parents, [item], None, item.text.rstrip("。；; "))
                items.append(_unit(doc_id, d, texts))
        # after the last unit under the chosen parent, else at the box's place in the print
        idx = max(
            (i + 1 for i, u in enumerate(units) if parents and parents[-1] in u.parents),
            default=min(box.anchor, len(units)),
        )
        units = units[:idx] + items + units[idx:]
    return units


def _container_bigrams(containers: list[dict], units: list[Unit]) -> dict[str, set[str]]:
    """The bigrams of each container's title and of the units right under it, by its id."""
    texts: dict[str, list[str]] = {d["id"]: [d["title"] or ""] for d in containers}
    for u in units:
        if u.parents and u.parents[-1] in texts:
            texts[u.parents[-1]].append(u.text)
    return {div_id: _bigrams("".join(parts)) for div_id, parts in texts.items()}


def _divisions(b: _Builder, units: list[Unit]) -> list[Division]:
    """Divisions with offsets that cover their heading and everything inside them."""
    spans: dict[str, list[int]] = {}
    for d in b.divisions.values():
        if d["span"]:
            spans[d["id"]] = list(d["span"])
    for u in units:
        for pid in u.parents:
            s = spans.setdefault(pid, [u.start, u.end])
            s[0], s[1] = min(s[0], u.start), max(s[1], u.end)
    # a division inherits the range of its child divisions too (deepest first)
    for d in reversed(list(b.divisions.values())):
        if d["parent"] and d["id"] in spans:
            s = spans.setdefault(d["parent"], list(spans[d["id"]]))
            s[0], s[1] = min(s[0], spans[d["id"]][0]), max(s[1], spans[d["id"]][1])
    out = []
    for d in b.divisions.values():
        if d["id"] not in spans:
            continue
        start, end = spans[d["id"]]
        out.append(
            Division(
                id=d["id"],
                type=d["type"],
                number=d["number"],
                title=d["title"],
                parent=d["parent"],
                start=start,
                end=end,
            )
        )
    return out
