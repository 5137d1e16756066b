"""Layout repair: text as it comes out of a PDF or a newspaper print, back into paragraphs.

What the print did, and what is undone here:
- lines wrapped at a fixed width, mid-word, with blank lines inside sentences (column breaks);
  paragraphs that start without a blank line before them;
- page-continuation markers (上接六版, 下转八版, 接第X版): the block after 上接 continues the
  previous page, so it is read before the rest of its page; the markers themselves go;
- boxed columns (专栏N title) whose items may stand before their title line;
- spaces the extraction put between Chinese characters and digits (``2020 年``).
Every paragraph stays mapped to the original characters (see ``textmap``).

A file that delimits its paragraphs itself (Markdown, a web page, Word, a PDF read by its
geometry) skips the guessing: ``from_blocks`` takes its blocks as they are, and keeps only the
repairs that still apply (markers, spaces, boxes).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Container
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

from policykg.extract.headings import (
    ARTICLE_REFERENCE,
    NUM,
    Heading,
    match_heading,
    match_point,
)
from policykg.extract.history import GOES_ON, ends_act
from policykg.extract.metadata import (
    EDGE_LINES,
    is_date_line,
    is_furniture,
    is_signature_line,
    opens_with_date,
    record_line,
)
from policykg.extract.reading import CELL_SEPARATOR, Block, cell_label, table_header
from policykg.extract.sentences import SENTENCE_END, ends_sentence
from policykg.extract.textmap import MappedText

_MARKER = re.compile(rf"^[（(]?\s*(?P<dir>上接|下转|接|转)\s*(?:第\s*)?{NUM}\s*版\s*[）)]?$")
_LEAD = re.compile(rf"^[^，,；;：:{SENTENCE_END}]{{2,32}}。")
# A lead sentence is a directive (加强…, 推进…): it does not open with a preposition or a
# subject pronoun, and it is not a statement of what something is (我国是…大国。).
_NOT_LEAD = re.compile(r"^[在对以从为将由按向把于当随据经凡我本该此这其]|是")
# After a number, two directives joined by a comma are a title too (四、突出监督重点，增强司法
# 监督的实效。) where more text follows: a sentence that is the whole provision titles nothing,
# and one that opens with a year or a time (到2020年，…) states a goal.
_LEAD_PAIR = re.compile(
    rf"^[^，,；;：:{SENTENCE_END}\d]{{2,16}}[，,][^，,；;：:{SENTENCE_END}]{{2,24}}。(?=\S)"
)
_NOT_PAIR = re.compile(r"^到|[年月日底前后时]，")
# every line boundary str.splitlines knows, so none of them stays inside a line's text
_LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# every space a layout puts between words or before a paragraph: ASCII, no-break, ideographic,
# and the fixed widths a web page writes as &ensp; &emsp; &thinsp; (U+2000-U+200A, U+202F, U+205F)
_SPACES = " \t\xa0\u3000\u202f\u205f" + "".join(map(chr, range(0x2000, 0x200B)))
# characters with no width that web editors and word processors leave inside words (zero-width
# space and joiners, word joiner, the BOM as a no-break space, soft hyphen): 重\u200b金属 is 重金属
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\xad"
_INVISIBLE_CHAR = re.compile(f"[{INVISIBLE}]")
_INDENT = _SPACES + INVISIBLE + "\f\v"  # stripped from both ends of a line
_SPACE = re.compile(f"[{_SPACES}]")
# CJK ideographs, all wide (east_asian_width W): counted at once rather than one by one
IDEOGRAPHS = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]+")


@dataclass(frozen=True, slots=True)
class Line:
    piece: MappedText  # stripped of indentation and trailing space
    width: int  # display width: wide characters count 2
    indented: bool = False  # the original line opens with spaces (a paragraph's first line)

    @property
    def text(self) -> str:
        return self.piece.text

    def stops_short(self, width: int) -> bool:
        """Whether the line ends before the wrap ``width``: a paragraph's last line, a title."""
        return self.width < width - 4


@dataclass(slots=True)
class BoxGroup:
    heading: MappedText | None  # （一）区域综合防控（16个）。
    items: list[MappedText] = field(default_factory=list)


@dataclass(slots=True)
class Box:
    title_line: MappedText  # 专栏5 重金属综合整治示范
    groups: list[BoxGroup]
    anchor: int  # index of the paragraph the box stood before in reading order


@dataclass(slots=True)
class Layout:
    paragraphs: list[MappedText]
    boxes: list[Box]
    wrap_width: int | None  # None when lines are not wrapped (one paragraph per line)
    original: str = ""
    # the heading level the file gives each paragraph (None: body text); empty for plain text
    levels: list[int | None] = field(default_factory=list)
    # each paragraph as the file prints it: the spaces between names that repair drops kept (a
    # signature's two issuers), no line breaks, no markup, references decoded; empty for plain
    # text, whose paragraphs print as their stretch of the original
    printed: list[str] = field(default_factory=list)


def display_width(text: str) -> int:
    if text.isascii():
        return len(text)
    rest = IDEOGRAPHS.sub("", text)
    return 2 * (len(text) - len(rest)) + sum(map(_char_width, rest))


@lru_cache(maxsize=1 << 16)
def _char_width(char: str) -> int:
    """2 for a wide character, else 1 (remembered: a text uses a few thousand characters)."""
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def split_lines(original: str) -> list[Line | None]:
    """Lines of the original, stripped; None for a blank line, a page break is a blank."""
    lines: list[Line | None] = []
    pos = 0
    for raw in original.splitlines(keepends=True):
        body = raw.rstrip(_LINE_BREAKS)
        text = body.lstrip(_INDENT)
        start = pos + len(body) - len(text)
        piece = drop_invisible(
            MappedText.from_original(original, start, start + len(text.rstrip(_INDENT)))
        )
        indented = start > pos and body[0] in _SPACES
        pos += len(raw)
        lines.append(Line(piece, display_width(piece.text), indented) if piece.text else None)
    return lines


# a page number on a line of its own, as prints set it: 3, — 3 —, - 3 -, 第3页, 3/12, 第3页 共12页
PAGE_NUMBER = re.compile(
    r"^[\s\-—–－·•]*(?:第\s*)?(?P<n>[0-9０-９]{1,5}|[ivxlc]{1,6}|[IVXLC]{1,6})\s*(?:页)?"
    r"(?:\s*[/／]\s*[0-9]{1,5}|\s*共\s*[0-9]{1,5}\s*页)?[\s\-—–－·•]*$"
)
_DIGITS = re.compile(r"[0-9０-９]+")
_PAGE_LINES = 10  # a printed page holds more lines than this


def page_breaks(original: str) -> list[int]:
    """Indices of the lines of ``original`` that hold a page break (a form feed)."""
    return [i for i, raw in enumerate(original.splitlines(keepends=True)) if "\f" in raw]


def page_furniture(breaks: list[int], lines: list[Line | None]) -> set[int]:
    """Indices of the lines a paged print adds to text pulled out of it: page numbers, and the
    running header or footer at the page breaks.

    A page number set off with dashes or 第…页 goes wherever it stands; a bare number only
    beside a form feed (``breaks``, from ``page_breaks``), or where such lines count up through
    the text (1, 2, 3 …), since a line of digits may also be a wrapped quantity. A page breaks
    at a form feed or at a page number (text pulled out of a print without its form feeds);
    the line beside a break is a running header or footer when the same line (its digits
    aside) stands at the breaks of two pages or more, and of half of them at least.
    """
    fed = {i for b in breaks for i in (_text_beside(lines, b, -1), _text_beside(lines, b, 1))}
    numbers: set[int] = set()
    bare: list[tuple[int, int]] = []  # (line, its number) of lines that are only digits
    for i, ln in enumerate(lines):
        if ln is None or len(ln.text) > 24 or not (m := PAGE_NUMBER.match(ln.text)):
            continue
        number = m.group("n")
        if ln.text.strip() != number or i in fed:
            numbers.add(i)
        elif number.isdigit():
            bare.append((i, int(number)))
    # counting up a page at a time: a page apart (a table's column of figures is not)
    steps = [
        (a[0], b[0])
        for a, b in zip(bare, bare[1:], strict=False)
        if 0 < b[1] - a[1] <= 2 and b[0] - a[0] >= _PAGE_LINES
    ]
    if len(steps) >= 2:
        numbers.update(i for step in steps for i in step)
    edges: dict[str, set[int]] = {}
    for b in chain(breaks, numbers):
        for step in (-1, 1):
            i = _text_beside(lines, b, step, numbers)
            line = lines[i] if i is not None else None
            if line is not None and i not in numbers and _header_like(line.text):
                edges.setdefault(_DIGITS.sub("#", line.text.replace(" ", "")), set()).add(i)
    pages = max(len(breaks), len(numbers))  # a print may give both for one page
    drop = set(numbers)
    for found in edges.values():
        if len(found) >= max(2, pages / 2):
            drop.update(found)
    return drop


def _text_beside(
    lines: list[Line | None], at: int, step: int, skip: Container[int] = ()
) -> int | None:
    """The nearest line holding text on one side (``step`` -1 or 1) of line ``at`` (a form
    feed's line counts as after it), past the lines in ``skip``."""
    i = at if step == 1 and lines[at] is not None and at not in skip else at + step
    while 0 <= i < len(lines) and (lines[i] is None or i in skip):
        i += step
    return i if 0 <= i < len(lines) else None


def _web_furniture(lines: list[Line | None]) -> list[int]:
    """Indices of the lines a copied web page adds around its text, among the first and the
    last ``EDGE_LINES`` lines (the breadcrumb, 来源 and 发布时间, 分享到：, 【打印本页】【关闭窗口】,
    the site's footer; ``metadata.is_furniture``): left in, they open the text before its
    title or join its last article."""
    held = [(i, ln) for i, ln in enumerate(lines) if ln is not None]
    edges = dict([*held[:EDGE_LINES], *held[-EDGE_LINES:]])
    return [i for i, ln in edges.items() if is_furniture(ln.text)]


def _header_like(text: str) -> bool:
    """A line that could run at a page's head or foot: short, not a heading, and not the end
    of a sentence (a wrapped paragraph may end in the same few characters twice: 。, 的规定。)."""
    return 2 <= len(text) <= 40 and match_heading(text) is None and not ends_sentence(text)


def _lone_page_heads(breaks: list[int], lines: list[Line | None]) -> set[int]:
    """Lines that open a page standing alone: short, header-like, and followed by an indented
    line (a paragraph's start). A running header printed on one page only is such a line, and
    so is a title at the top of a page; either starts a paragraph of its own."""
    out = set()
    for b in breaks:
        head = _next_line(lines, b + 1)
        if head is None or not _header_like(head[1].text):
            continue
        following = _next_line(lines, head[0] + 1)
        if following is not None and following[1].indented:
            out.add(head[0])
    return out


def _next_line(lines: list[Line | None], start: int) -> tuple[int, Line] | None:
    """The first line at or after ``start`` that holds text, and its index."""
    for j in range(start, len(lines)):
        line = lines[j]
        if line is not None:
            return j, line
    return None


def is_marker(line: Line | None) -> str | None:
    """'from' for 上接/接 markers, 'to' for 下转/转, None otherwise."""
    return None if line is None else marker(line.text)


def marker(text: str) -> str | None:
    """'from' when ``text`` is a 上接/接 marker, 'to' for 下转/转, None otherwise."""
    m = _MARKER.match(text.replace(" ", ""))
    if not m:
        return None
    return "from" if m.group("dir") in ("上接", "接") else "to"


def wrap_width(lines: list[Line | None]) -> int | None:
    """The width lines were wrapped at, or None when each line is a paragraph of its own."""
    # chapter and section titles stand on lines of their own: they say nothing of wrapping
    widths = [
        ln.width
        for ln in lines
        if ln is not None and ln.width >= 20 and _heading_type(ln.text) not in _OWN_LINE
    ]
    if len(widths) < 5:
        return None
    counts = Counter(widths)
    width = max(counts, key=lambda w: (sum(counts[w + d] for d in (-1, 0, 1)), w))
    near = sum(counts[width + d] for d in range(-2, 3))
    # wrapped text has few lines wider than its wrap width; many mean one paragraph per line
    wider = sum(1 for w in widths if w > width + 4)
    return width if near >= 0.3 * len(widths) and wider < 0.2 * len(widths) else None


_DIVIDING = ("annex", "volume", "portion", "book", "subbook", "chapter", "section", "part", "box")
_OWN_LINE = ("annex", "volume", "portion", "book", "subbook", "chapter", "section", "box")
_LEAD_INS = ("根据", "（", "(")  # what opens an act's clause before its date
_HEADER_PARAGRAPHS = 12  # a title, an issuer mark, a number line and the dated acts
# may run over two lines
_WRAPPED_TITLES = ("volume", "portion", "book", "subbook", "chapter", "section", "part")


def _heading_type(text: str) -> str | None:
    h = match_heading(text)
    return h.type if h is not None else None


def _boxish(line: Line) -> bool:
    """A line of a box's enumerated list: items joined by 、, no clause punctuation."""
    return _is_list(line.text)


def _is_list(t: str) -> bool:
    if any(c in t for c in "，,；;：:"):
        return False
    h = match_heading(t)
    if h is not None:
        return h.type == "item"
    return "、" in t or "（" in t or "）" in t or ends_sentence(t)


def _box_extent(
    lines: list[Line | None], title: int, taken: set[int] | frozenset[int] = frozenset()
) -> tuple[int, int]:
    """The run of lines [a, b) around the title line that belong to its box.

    Items normally follow the title; a print may put them before it, so when nothing box-like
    follows, the run before the title is taken instead. Markers, headings and the lines of a
    box before (``taken``) end the run.
    """

    def scan(indices: range) -> int | None:
        last = None
        for i in indices:
            ln = lines[i]
            if ln is None:
                continue
            if i in taken or is_marker(ln) or not _boxish(ln):
                break
            last = i
        return last

    if (end := _entries_end(lines, title, taken)) is not None:
        return title, end
    after = scan(range(title + 1, len(lines)))
    if after is not None:
        return title, after + 1
    before = scan(range(title - 1, -1, -1))
    return (before if before is not None else title), title + 1


# an entry of a box numbered as the 14th five-year plan's are: 01　青藏高原生态屏障区, then its text
_ENTRY = re.compile(r"^(?:0[1-9]|[1-9][0-9])[ \t\u3000]+[^ \t\u3000\d]")


def _entries_end(
    lines: list[Line | None], title: int, taken: set[int] | frozenset[int]
) -> int | None:
    """The end (exclusive) of a box of numbered entries that opens right after its title: each
    entry line with the paragraph under it. A heading, a marker or another box's line ends it,
    and so does a paragraph after a blank line once the entry has its own: that is the text
    again. None when no entry opens the box."""
    first = _next_line(lines, title + 1)
    if first is None or not _ENTRY.match(first[1].text):
        return None
    last, gap, has_text = first[0], False, False
    for j in range(first[0], len(lines)):
        ln = lines[j]
        if ln is None:
            gap = True
            continue
        if j in taken or is_marker(ln) or match_heading(ln.text):
            break
        if _ENTRY.match(ln.text):
            has_text = False
        elif gap and has_text:
            break
        else:
            has_text = True
        last, gap = j, False
    return last + 1


def _table_below(lines: list[Line | None], title: int, rows: dict[int, MappedText]) -> int | None:
    """The end (exclusive) of the table that stands right under a box's title, if one does."""
    first = _next_line(lines, title + 1)
    if first is None or first[0] not in rows:
        return None
    end = first[0]
    while end < len(lines) and (lines[end] is None or end in rows):
        end += 1
    while lines[end - 1] is None:  # the blank lines after the last row are not the box's
        end -= 1
    return end


def _split_items(text: MappedText) -> list[MappedText]:
    """Split a 、-separated list at depth 0 (not inside brackets); drop the final 。."""
    items, depth, start = [], 0, 0
    for i, c in enumerate(text.text):
        if c in "（(【[《":
            depth += 1
        elif c in "）)】]》":
            depth = max(0, depth - 1)
        elif c == "、" and depth == 0:
            items.append(text.slice(start, i))
            start = i + 1
    items.append(text.slice(start, len(text)))
    return [it for it in (x.strip("。；; ") for x in items) if it.text]


def _parse_box(lines: list[Line | None], a: int, b: int, title: int) -> Box:
    body = [ln for i, ln in enumerate(lines[a:b], start=a) if ln is not None and i != title]
    groups: list[BoxGroup] = []
    chunk: list[MappedText] = []

    def flush() -> None:
        if not chunk:
            return
        joined = remove_spaces(MappedText.join(chunk))
        if not groups:
            groups.append(BoxGroup(None))
        groups[-1].items.extend(_split_items(joined))
        chunk.clear()

    def flush_entry() -> None:  # an entry's paragraph is one item, 、 and all
        if chunk:
            groups[-1].items.append(remove_spaces(MappedText.join(chunk)))
            chunk.clear()

    entries = bool(body) and bool(_ENTRY.match(body[0].text))
    for ln in body:
        h = match_heading(ln.text)
        if entries and _ENTRY.match(ln.text):  # 01　青藏高原生态屏障区, then its paragraph
            flush_entry()
            groups.append(BoxGroup(remove_spaces(ln.piece)))
        elif h is not None and h.type == "item":
            flush()
            groups.append(BoxGroup(ln.piece))
        else:
            chunk.append(ln.piece)
    if entries:
        flush_entry()
    flush()
    return Box(lines[title].piece, groups, anchor=0)  # type: ignore[union-attr]


def drop_invisible(text: MappedText) -> MappedText:
    """``text`` without the zero-width characters (``INVISIBLE``); the rest keeps its origin."""
    if _INVISIBLE_CHAR.search(text.text) is None:
        return text
    return text.drop([c not in INVISIBLE for c in text.text])


def remove_spaces(text: MappedText) -> MappedText:
    """Drop spaces the extraction put next to Chinese characters; keep those between words;
    drop zero-width characters anywhere."""
    text = drop_invisible(text)
    t = text.text
    keep: list[bool] | None = None
    for m in _SPACE.finditer(t):  # most lines have none: no walk over every character
        i = m.start()
        left = t[i - 1] if i else ""
        right = t[i + 1] if i + 1 < len(t) else ""
        if not (left.isascii() and left.isalnum() and right.isascii() and right.isalnum()):
            if keep is None:
                keep = [True] * len(t)
            keep[i] = False
    return text if keep is None else text.drop(keep)


def _reading_order(lines: list[Line | None], breaks: list[int]) -> list[int]:
    """Line indices in reading order: per page, blocks after 上接 markers come first."""
    order: list[int] = []
    page_front: list[int] = []
    page_rest: list[int] = []
    target = page_rest
    page_starts = set(breaks)
    for i, ln in enumerate(lines):
        if i in page_starts:
            order += page_front + page_rest
            page_front, page_rest, target = [], [], page_rest
            target = page_rest
        kind = is_marker(ln)
        if kind == "from":
            target = page_front
            continue
        if kind == "to":
            target = page_rest
            continue
        target.append(i)
    return order + page_front + page_rest


def indents_paragraphs(lines: list[Line | None], width: int | None) -> bool:
    """Whether wrapped text opens its paragraphs indented (　　为深入贯彻…): nearly every line
    after one that stops short is, and lines that go on after a full one mostly are not. Then
    a line that is not indented goes on the paragraph above it, though that line ended a
    sentence right at the wrap width."""
    if width is None:
        return False
    after_short = after_full = indented_after_short = indented_after_full = 0
    prev: Line | None = None
    for ln in lines:
        if ln is None:
            continue
        if prev is not None:
            if prev.stops_short(width):
                after_short += 1
                indented_after_short += ln.indented
            else:
                after_full += 1
                indented_after_full += ln.indented
        prev = ln
    return (
        after_short >= 3
        and indented_after_short >= 0.8 * after_short
        and indented_after_full <= 0.2 * after_full
    )


def _should_break(
    prev: Line,
    line: Line,
    width: int | None,
    indents: bool = False,
    article: int | None = None,
    dated: bool = False,
) -> bool:
    """Whether ``line`` opens a paragraph after ``prev``; ``article`` is the number of the last
    article that opened one (the next article's line opens one even after a clause without a
    full stop, a cited article does not); ``dated``: the paragraph is a dated act of the
    header (2007年8月3日…会议《…决定》修正), which its verb ends."""
    if width is None:
        return True
    if _stands_alone(prev) or _stands_alone(line):
        return True  # 赣府发〔2024〕5号 / 各市、县（区）人民政府…: never one paragraph
    if prev.text.strip() in _LEAD_INS:
        return False  # 根据 / 2007年7月27日…: a wrap left the next act's first word alone
    if dated and ends_act(prev.text) and line.text[:1] not in GOES_ON:
        return True  # …的决定》修正 / 我国宪法、法律规定… (or 第一条…), however full the line
    h = match_heading(line.text)
    if h is not None and h.type == "part" and _goes_on(prev, width):
        h = None  # 坚持安全第 / 一、预防为主…, 招采合 / 一、量价挂钩…: a wrap inside a word
    if h is not None and h.type != "article":
        return True
    above = match_heading(prev.text)
    if above is not None and above.type in _DIVIDING:
        # a heading's line that runs to the wrap width and goes on unindented is a long title
        # wrapped (第二节  人民代表大会及其常务委员会 / 信访事项的受理和办理) or a provision's
        # sentence (二、北京市人均耕地低于零点五亩的区，不提高…的适用税 / 额。)
        return (
            h is not None
            or above.type not in _WRAPPED_TITLES
            or prev.stops_short(width)
            or line.indented
        )
    if prev.stops_short(width) and line.indented:
        return True  # a line that stops short, then an indented one: 标题 / 　　第一条…
    if h is not None and _next_article(line, h, article):
        if article is not None or prev.stops_short(width):
            return True  # …意见书失效 / 第二十七条…, 标题 / 第一条…
    elif prev.stops_short(width) and _opens_dated(line):
        return True  # 标题 / 2011年4月29日…会议通过
    if match_point(line.text) is not None and (prev.stops_short(width) or ends_sentence(prev.text)):
        return True  # 1.加快推进立法进程。… after a paragraph's last line
    if not ends_sentence(prev.text):
        return False
    if h is not None:
        return True
    if prev.stops_short(width):
        return True
    if indents:  # …严守生态保护红线。 / 沿海沿河…: a sentence ended at the line's end
        return line.indented
    return lead_sentence(remove_spaces(line.piece).text) is not None


_ARTICLE_CITED = re.compile(rf"[ \t\u3000]*(?:{ARTICLE_REFERENCE})")


def _goes_on(prev: Line, width: int) -> bool:
    """Whether a sentence runs on past ``prev``, so that the next line cannot open a part:
    ``prev`` ends in 第 (…安全第 / 一、…), or runs to the wrap width with no sentence, clause or
    heading ended (…招采合 / 一、量价挂钩…)."""
    if prev.text.endswith("第"):
        return True
    return (
        not prev.stops_short(width)
        and not ends_sentence(prev.text)
        and prev.text[-1:] not in "：:；;"
        and _heading_type(prev.text) not in _DIVIDING  # 第三十四条…招采合 goes on
    )


def _next_article(line: Line, h: Heading, last: int | None) -> bool:
    """An article heading that opens the article after ``last`` (any, before the first one),
    not one the text cites (第二十条规定的)."""
    return (
        h.type == "article"
        and (last is None or h.number == last + 1)
        and not _ARTICLE_CITED.match(line.text, h.rest_start)
    )


def _opens_dated(line: Line) -> bool:
    """A line that opens with a date: a clause of the history under a title (most lines open
    with none of the characters a date or its bracket can)."""
    return line.text[:1] in "（(0123456789０１２３４５６７８９一二" and opens_with_date(line.text)


def _stands_alone(line: Line) -> bool:
    """A line of the official document's frame that no paragraph wraps into: the number line,
    a line of the record block ((此件主动公开), 抄送：…), or a date set apart from the text as a
    signature's is (indented, nothing else on the line)."""
    t = line.text
    if len(t) > 40 or (t[-1:] not in "号发日）)" and t[:1] not in "抄（("):
        return False  # the frame's lines open or close so: most lines need no pattern
    return record_line(t) is not None or (line.indented and is_date_line(t))


def lead_sentence(text: str, numbered: bool = False) -> str | None:
    """The short title sentence a measure paragraph opens with (without 。), if any.

    After a number （二十一） any short first sentence is a title, and two directives joined by
    a comma (``_LEAD_PAIR``); without a number, the sentence must also read as a directive.
    """
    m = _LEAD.match(text)
    if m is None and numbered:
        m = _LEAD_PAIR.match(text)
        if m is not None and (_NOT_LEAD.search(m.group(0)) or _NOT_PAIR.search(m.group(0))):
            return None
    if m is None or (not numbered and _NOT_LEAD.search(m.group(0))):
        return None
    return m.group(0)[:-1]


# the cells of a table copied out as text stand apart by a tab, two spaces or more, or
# ideographic spaces (Word's cells pasted, pdftotext -layout's columns)
_CELL_GAP = re.compile(r"\t+| {2,}|\u3000+")


def _gapped(text: str) -> bool:
    """Whether a line may hold cells (``_CELL_GAP``): tested by substring, as most have none."""
    return "\t" in text or "\u3000" in text or "  " in text


def _cells(piece: MappedText) -> list[MappedText]:
    out, at = [], 0
    for m in _CELL_GAP.finditer(piece.text):
        if m.start() > at:
            out.append(piece.slice(at, m.start()))
        at = m.end()
    if at < len(piece.text):
        out.append(piece.slice(at, len(piece.text)))
    return out


def _text_tables(lines: list[Line | None], skip: set[int]) -> dict[int, MappedText]:
    """The rows of the tables a text holds, by line: under a header row of short labels (序号
    工作任务 牵头单位 完成时限, as ``reading.table_header`` tells one), the lines that have as
    many cells (no heading: 第一章　总则 is no row). Each row reads as the web page and Word readers give one: cells apart
    (``CELL_SEPARATOR``), each after its column's label, the label standing on the cell's first
    character and the separator on its last, so that every mention still quotes the file. A
    signature's line of bodies (生态环境部  商务部) heads no table."""
    rows: dict[int, MappedText] = {}
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln is None or i in skip or not _gapped(ln.text) or match_heading(ln.text):
            i += 1  # 第一章　总则 is a heading, not two cells
            continue
        head = _cells(ln.piece)
        body: list[tuple[int, list[MappedText]]] = []
        j = i + 1
        while j < len(lines) and len(head) >= 2:
            nxt = lines[j]
            if nxt is not None:
                cells = _cells(nxt.piece) if j not in skip and not match_heading(nxt.text) else []
                if len(cells) != len(head):
                    break
                body.append((j, cells))
            j += 1
        labels = table_header([c.text for c in head], 1 + len(body)) if body else None
        if labels is None or is_signature_line(ln.text):
            i += 1
            continue
        rows[i] = _row(head, None)
        for k, cells in body:
            rows[k] = _row(cells, labels)
        i = j
    return rows


def _row(cells: list[MappedText], labels: list[str] | None) -> MappedText:
    parts: list[MappedText] = []
    for n, cell in enumerate(cells):
        if n:
            at = cells[n - 1].origin(len(cells[n - 1]) - 1)
            parts.append(MappedText.standing_on(CELL_SEPARATOR, at))
        if labels is not None:
            parts.append(MappedText.standing_on(cell_label(labels[n]), cell.origin(0)))
        parts.append(cell)
    return MappedText.join(parts)


def repair(original: str) -> Layout:
    """Paragraphs in reading order, and the boxes taken out of the flow."""
    lines = split_lines(original)
    breaks = page_breaks(original)
    for i in [*page_furniture(breaks, lines), *_web_furniture(lines)]:
        lines[i] = None
    lone = _lone_page_heads(breaks, lines)
    width = wrap_width(lines)
    indents = indents_paragraphs(lines, width)
    # Tables, then boxes: a box's items are lists, not prose, and may stand before their title;
    # a box may hold a table (专栏1 主要指标 over the table of indicators): its rows are the items.
    rows = _text_tables(lines, set())
    in_box: set[int] = set()
    tabled: list[int] = []  # the lines of boxes that hold a table
    boxes: list[tuple[int, Box]] = []
    for i, ln in enumerate(lines):
        if ln is None or i in in_box:
            continue
        h = match_heading(ln.text)
        if h is None or h.type != "box":
            continue
        if (table := _table_below(lines, i, rows)) is not None:
            a, b = i, table
            held = [remove_spaces(rows[k]) for k in range(a + 1, b) if k in rows]
            boxes.append((a, Box(ln.piece, [BoxGroup(None, held)], anchor=0)))
            tabled.extend(range(a, b))
        else:
            a, b = _box_extent(lines, i, in_box)
            boxes.append((a, _parse_box(lines, a, b, i)))
        in_box.update(range(a, b))
    order = [i for i in _reading_order(lines, breaks) if i not in in_box]
    rows = {k: row for k, row in rows.items() if k not in in_box}

    paragraphs: list[MappedText] = []
    starts: list[int] = []  # first line index of each paragraph
    current: list[MappedText] = []
    prev: Line | None = None
    gap = False  # a blank line since the last one
    article: int | None = None  # the number of the last article that opened a paragraph
    dated = False  # the paragraph is a dated act under the title
    last = -1  # the line before in reading order
    for i in order:
        ln = lines[i]
        if ln is None:
            gap = True
            continue
        # a box's table taken out between two lines parts them: no paragraph runs across it (a
        # box of prose may stand inside a paragraph on the page, and the paragraph goes on)
        crossed = bisect_right(tabled, i) > bisect_right(tabled, last) if last < i else False
        last = i
        if crossed and current:
            paragraphs.append(remove_spaces(MappedText.join(current)))
            current, prev = [], None
        if i in rows:  # a table row is a paragraph of its own, its cells apart
            if current:
                paragraphs.append(remove_spaces(MappedText.join(current)))
                current, prev = [], None
            starts.append(i)
            paragraphs.append(remove_spaces(rows[i]))
            gap = False
            continue
        if (
            current
            and prev is not None
            and (
                _should_break(prev, ln, width, indents, article, dated)
                or not paragraphs
                and _opens_dated(ln)  # the title, however long its line, then its acts
                or i in lone
                and ends_sentence(prev.text)
                or gap
                and width is not None
                and prev.stops_short(width)  # a short line, then a blank one: 标题 / (blank) / 正文
            )
        ):
            paragraphs.append(remove_spaces(MappedText.join(current)))
            current = []
        if not current:
            starts.append(i)
            # the header's acts stand in the first few paragraphs, before any article
            dated = article is None and len(paragraphs) < _HEADER_PARAGRAPHS and _opens_dated(ln)
            opened = match_heading(ln.text)
            if opened is not None and opened.type == "article":
                article = opened.number
        current.append(ln.piece)
        prev, gap = ln, False
    if current:
        paragraphs.append(remove_spaces(MappedText.join(current)))
    # A box stands before the first paragraph that followed it in the original order.
    placed = []
    for first_line, box in boxes:
        later = [k for k, s in enumerate(starts) if s > first_line]
        box.anchor = later[0] if later else len(paragraphs)
        placed.append(box)
    return Layout(paragraphs, placed, width, original)


def from_blocks(blocks: list[Block], original: str) -> Layout:
    """The layout of a file that delimits its own paragraphs, in reading order.

    Markers reorder the blocks of their page as in ``repair`` and are dropped; a framed region
    (``Block.region``) that opens with a 专栏 title is a box, taken out of the flow; any other
    region's blocks stay paragraphs where they stand (a table read row by row).
    """
    paragraphs: list[MappedText] = []
    levels: list[int | None] = []
    printed: list[str] = []
    boxes: list[Box] = []
    ordered = _marker_order(blocks)
    i = 0
    while i < len(ordered):
        block = ordered[i]
        j = i + 1
        if block.region is not None:
            while j < len(ordered) and ordered[j].region == block.region:
                j += 1
        pieces = [(b, _clean(b.piece)) for b in ordered[i:j]]
        pieces = [(b, p) for b, p in pieces if p.text]
        title = match_heading(pieces[0][1].text) if pieces and block.region is not None else None
        if title is not None and title.type == "box":
            box = _box_from_pieces(
                [p for _, p in pieces], [b.piece.text.strip(_INDENT) for b, _ in pieces]
            )
            box.anchor = len(paragraphs)
            boxes.append(box)
        else:
            for b, p in pieces:
                paragraphs.append(p)
                levels.append(b.level)
                printed.append(_printed(b.piece))
        i = j
    return Layout(paragraphs, boxes, None, original, levels, printed)


def _clean(piece: MappedText) -> MappedText:
    return remove_spaces(piece.strip(_INDENT))


def _printed(piece: MappedText) -> str:
    """A block's text with its spaces, without the line breaks of a wrapped line (a PDF may
    wrap a signature mid-name)."""
    return piece.text.strip(_INDENT).replace("\r", "").replace("\n", "")


def _marker_order(blocks: list[Block]) -> list[Block]:
    """Blocks per page with those after a 上接 marker first (as ``_reading_order``); no markers."""
    order: list[Block] = []
    front: list[Block] = []
    rest: list[Block] = []
    target = rest
    page = blocks[0].page if blocks else None
    for b in blocks:
        if b.page != page:
            order += front + rest
            front, rest, page = [], [], b.page
            target = rest
        kind = marker(b.piece.text.strip())
        if kind is not None:
            target = front if kind == "from" else rest
            continue
        target.append(b)
    return order + front + rest


def _box_from_pieces(pieces: list[MappedText], printed: list[str]) -> Box:
    """A box from the blocks of its frame: title, then groups under （一） headings or numbered
    entries (01　青藏高原生态屏障区), whose items are a list's entries (split at 、) or whole
    paragraphs. ``printed`` are the pieces as the file has them, spaces and all (an entry's
    number stands apart: 01　青藏…, not 10万吨…)."""
    groups: list[BoxGroup] = []
    for piece, as_printed in zip(pieces[1:], printed[1:], strict=True):
        if _ENTRY.match(as_printed):
            groups.append(BoxGroup(piece))
            continue
        h = match_heading(piece.text)
        if h is not None and h.type == "item" and (_is_list(piece.text) or len(piece) <= 40):
            groups.append(BoxGroup(piece))
            continue
        if not groups:
            groups.append(BoxGroup(None))
        if _is_list(piece.text):
            groups[-1].items.extend(_split_items(piece))
        else:
            item = piece.strip("。；; ")
            if item.text:
                groups[-1].items.append(item)
    return Box(pieces[0], groups, anchor=0)
