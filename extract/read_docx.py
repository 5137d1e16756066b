"""Word files (python-docx): paragraphs as Word keeps them, headings from styles and outline levels.

- Title and Heading styles (or a paragraph's outline level) give heading levels; Word's automatic
  numbering (第%1章, %1、, （%1）) is written out, so that numbered headings read as they print;
- tables are read row by row (a one-column table, the usual 专栏 frame, paragraph by paragraph)
  and text boxes on their own, both as regions after the paragraph they stand in;
- page headers and footers are other parts of the file and never read; deleted revisions and
  field codes are left out; the signature block at the end is left to metadata extraction, as
  in plain text;
- pages: Word records where it last broke pages (``lastRenderedPageBreak``), and explicit page
  breaks are breaks too; when a file has neither, its blocks have no page.

The text offsets point into is the one extracted here, a paragraph per line. Before python-docx
sees the file, the archive is checked: too many or too large parts (a zip bomb), or XML that
declares a DTD or entities, fail the file with one line.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cn2an

from policykg.errors import InputError
from policykg.extract.reading import (
    CELL_SEPARATOR,
    Block,
    PageMap,
    Reading,
    cell_label,
    table_header,
)
from policykg.extract.textmap import MappedText

MAX_PARTS = 2000
MAX_UNPACKED = 200 * 2**20
"""Bytes all parts of the archive may unpack to (a long plan is a few MB)."""
MAX_RATIO = 200
"""A part larger than 1 MB may unpack to at most this many times its compressed size."""

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_TITLE_STYLES = frozenset(("title", "标题"))


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = map(_q, ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_T, _TAB, _BR, _CR, _RENDERED = map(_q, ("t", "tab", "br", "cr", "lastRenderedPageBreak"))
_TXBX = _q("txbxContent")
_SKIP = frozenset(map(_q, ("del", "moveFrom", "instrText", "delText", "rPr", "pPr")))
_FALLBACK = f"{{{_MC}}}Fallback"


def read_docx(path: Path) -> Reading:
    name = str(path)
    _check_archive(path)
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as e:  # lxml and python-docx raise many kinds on a damaged part
        raise InputError(name, f"not a readable Word file ({type(e).__name__}: {e})") from None
    reader = _Reader(document)
    reader.read(document.element.body)
    if not any(text.strip() for text, *_ in reader.paragraphs):
        raise InputError(name, "no text in the document")
    return reader.reading()


def _check_archive(path: Path) -> None:
    """Refuse zip bombs and XML with a DTD before any part is unpacked in full."""
    name = str(path)
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_PARTS:
                raise InputError(name, f"{len(infos):,} parts in the archive: not a Word file")
            total = sum(i.file_size for i in infos)
            if total > MAX_UNPACKED:
                raise InputError(
                    name, f"unpacks to {total / 2**20:,.0f} MB (a zip bomb?): not read"
                )
            for i in infos:
                if i.file_size > 2**20 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
                    raise InputError(
                        name,
                        f"{i.filename} is compressed {i.file_size // max(i.compress_size, 1):,} "
                        "to 1 (a zip bomb?): not read",
                    )
            if "word/document.xml" not in z.namelist():
                raise InputError(name, "a zip archive without word/document.xml: not a Word file")
            for i in infos:
                if i.filename.endswith((".xml", ".rels")):
                    with z.open(i) as f:
                        head = f.read(4096)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise InputError(
                            name, f"{i.filename} declares a DTD or XML entities: not read"
                        )
    except zipfile.BadZipFile as e:
        raise InputError(name, f"not a readable Word file ({e})") from None
    except OSError as e:
        raise InputError(name, e.strerror or str(e)) from None


class _Reader:
    """Walks the body in order; collects (text, level, region, page) per paragraph."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.paragraphs: list[tuple[str, int | None, int | None, int]] = []
        self.page = 1
        self.paged = False  # the file records page breaks
        self.regions = 0
        self.pending: list[tuple[str, int | None, int | None, int]] = []
        self.in_box = False  # reading a text box that stands inside a flow paragraph
        self.styles = _Styles(document)
        self.numbering = _Numbering(document)

    def read(self, body: Any) -> None:
        for child in body.iterchildren():
            self._element(child, None)
        self._flush_pending()

    def _element(self, el: Any, region: int | None) -> None:
        if el.tag == _P:
            self._paragraph(el, region)
        elif el.tag == _TBL:
            self._table(el)
        elif el.tag == _SDT:
            content = el.find(_SDT_CONTENT)
            for child in content.iterchildren() if content is not None else ():
                self._element(child, region)

    def _paragraph(self, p: Any, region: int | None) -> None:
        style = p.find(f"{_q('pPr')}/{_q('pStyle')}")
        style_id = style.get(_q("val")) if style is not None else None
        level = self.styles.level(p, style_id)
        prefix = self.numbering.label(p, style_id, self.styles)
        parts: list[str] = [prefix] if prefix else []
        for piece in _runs(p, self):
            if piece is None:  # a line or page break: a new paragraph
                self._add("".join(parts), level, region)
                parts = []
            else:
                parts.append(piece)
        self._add("".join(parts), level, region)
        if region is None:
            self._flush_pending()

    def _add(self, text: str, level: int | None, region: int | None) -> None:
        if not text.strip():
            return
        row = (text, level, region, self.page)
        (self.pending if self.in_box else self.paragraphs).append(row)

    def text_box(self, content: Any) -> None:
        """A text box met inside a paragraph: its paragraphs wait until that paragraph ends."""
        self.regions += 1
        region = self.regions
        outer, self.in_box = self.in_box, True
        try:
            for child in content.iterchildren():
                self._element(child, region)
        finally:
            self.in_box = outer

    def _flush_pending(self) -> None:
        self.paragraphs.extend(self.pending)
        self.pending = []

    def _table(self, tbl: Any) -> None:
        self.regions += 1
        region = self.regions
        rows = [tr for tr in tbl.iterchildren(_TR)]
        one_column = all(len(list(tr.iterchildren(_TC))) <= 1 for tr in rows)
        header: list[str] | None = None
        for n, tr in enumerate(rows):
            if one_column:
                for tc in tr.iterchildren(_TC):
                    for child in tc.iterchildren():
                        self._element(child, region)
                continue
            cells = []
            for tc in tr.iterchildren(_TC):
                texts = []
                for p in _cell_paragraphs(tc):
                    texts.append("".join(x for x in _runs(p, self) if x is not None))
                cells.append(" ".join(t.strip() for t in texts if t.strip()))
            if n == 0:  # 序号, 工作任务, 牵头单位 …: each later cell under its column's
                header = table_header(cells, len(rows))
            elif header is not None and len(cells) == len(header):
                cells = [cell_label(h) + c if c else c for h, c in zip(header, cells, strict=True)]
            self._add(CELL_SEPARATOR.join(c for c in cells if c), None, region)

    def break_page(self) -> None:
        self.page += 1
        self.paged = True

    def reading(self) -> Reading:
        text: list[str] = []
        blocks: list[Block] = []
        pages = PageMap() if self.paged else None
        pos = 0
        for body, level, region, page in self.paragraphs:
            body = body.replace("\n", " ")
            if text:
                text.append("\n")
                if pages is not None:
                    pages.add_blank()
                pos += 1
            text.append(body)
            if pages is not None:
                for _ in body:
                    pages.add(page, None)
            piece = MappedText(body, ((0, pos, len(body)),))
            blocks.append(Block(piece, level, region, page if self.paged else None))
            pos += len(body)
        return Reading("docx", "".join(text), blocks=blocks, pages=pages)


def _cell_paragraphs(el: Any) -> Iterator[Any]:
    """The paragraphs of a table cell, nested tables' included, but not those inside a
    paragraph (a text box, read by ``_runs`` as a region of its own, or a drawing's fallback
    copy)."""
    for child in el.iterchildren():
        if child.tag == _P:
            yield child
        elif isinstance(child.tag, str):
            yield from _cell_paragraphs(child)


def _runs(p: Any, reader: _Reader) -> Iterator[str | None]:
    """The text of a paragraph in order; None at a line or page break. Deleted text, field
    codes and the fallback copy of a drawing are skipped; a text box is read as a region."""
    stack = [iter(p.iterchildren())]
    while stack:
        el = next(stack[-1], None)
        if el is None:
            stack.pop()
            continue
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP or tag == _FALLBACK:
            continue
        if tag == _T:
            yield el.text or ""
        elif tag == _TAB:
            yield "\t"
        elif tag in (_BR, _CR):
            if el.get(_q("type")) == "page":
                reader.break_page()
            yield None
        elif tag == _RENDERED:
            reader.break_page()
        elif tag == _TXBX:
            reader.text_box(el)
        else:
            stack.append(iter(el.iterchildren()))


class _Styles:
    """Heading levels of paragraph styles: Title is 0, Heading N is N, else an outline level."""

    def __init__(self, document: Any) -> None:
        self.by_id: dict[str, Any] = {}
        try:
            for style in document.styles.element.iterchildren(_q("style")):
                self.by_id[style.get(_q("styleId"))] = style
        except (AttributeError, KeyError):
            pass

    def _chain(self, style_id: str | None) -> Iterator[Any]:
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based = style.find(_q("basedOn"))
            style_id = based.get(_q("val")) if based is not None else None

    def level(self, p: Any, style_id: str | None) -> int | None:
        outline = p.find(f"{_q('pPr')}/{_q('outlineLvl')}")
        if outline is not None:
            return _outline(outline)
        for style in self._chain(style_id):
            name_el = style.find(_q("name"))
            name = (name_el.get(_q("val")) if name_el is not None else "").strip().lower()
            if name in _TITLE_STYLES:
                return 0
            m = _HEADING_STYLE.match(name)
            if m:
                return int(m.group(1))
            outline = style.find(f"{_q('pPr')}/{_q('outlineLvl')}")
            if outline is not None:
                return _outline(outline)
        return None

    def numbering(self, style_id: str | None) -> Any:
        for style in self._chain(style_id):
            num = style.find(f"{_q('pPr')}/{_q('numPr')}")
            if num is not None:
                return num
        return None


def _outline(el: Any) -> int | None:
    try:
        value = int(el.get(_q("val")))
    except (TypeError, ValueError):
        return None
    return value + 1 if 0 <= value < 9 else None


class _Numbering:
    """Word's automatic numbering, written out as it prints (第一章, 一、, （一）, 1.1)."""

    def __init__(self, document: Any) -> None:
        self.abstract: dict[str, Any] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (AttributeError, KeyError, NotImplementedError):
            return
        for a in root.iterchildren(_q("abstractNum")):
            self.abstract[a.get(_q("abstractNumId"))] = a
        for n in root.iterchildren(_q("num")):
            ref = n.find(_q("abstractNumId"))
            if ref is None:
                continue
            overrides = {}
            for o in n.iterchildren(_q("lvlOverride")):
                start = o.find(_q("startOverride"))
                if start is not None:
                    overrides[int(o.get(_q("ilvl"), 0))] = int(start.get(_q("val"), 1))
            self.nums[n.get(_q("numId"))] = (ref.get(_q("val")), overrides)

    def label(self, p: Any, style_id: str | None, styles: _Styles) -> str:
        num = p.find(f"{_q('pPr')}/{_q('numPr')}")
        if num is None:
            num = styles.numbering(style_id)
        if num is None or not self.nums:
            return ""
        num_id_el, ilvl_el = num.find(_q("numId")), num.find(_q("ilvl"))
        num_id = num_id_el.get(_q("val")) if num_id_el is not None else None
        if num_id not in self.nums:
            return ""
        ilvl = int(ilvl_el.get(_q("val"), 0)) if ilvl_el is not None else 0
        abstract_id, overrides = self.nums[num_id]
        levels = self._levels(abstract_id)
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        start = overrides.get(ilvl, levels[ilvl]["start"])
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        # a deeper level starts again after this one, unless its lvlRestart says otherwise
        # (0: never, as articles numbered on through chapters; n: after levels 1..n only)
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, {}).get("restart")
            if restart is None or (restart and ilvl < restart):
                del counters[deeper]
        fmt = levels[ilvl]["text"]
        if fmt is None or levels[ilvl]["format"] in ("bullet", "none"):
            return ""  # a bullet is a list mark, not a number

        def value(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            n = counters.get(k, levels.get(k, {}).get("start", 1))
            return _format(n, levels.get(k, {}).get("format", "decimal"))

        label = re.sub(r"%(\d)", value, fmt)
        return label + levels[ilvl]["suffix"]

    def _levels(self, abstract_id: str) -> dict[int, dict[str, Any]]:
        a = self.abstract.get(abstract_id)
        out: dict[int, dict[str, Any]] = {}
        if a is None:
            return out
        for lvl in a.iterchildren(_q("lvl")):
            start, fmt, text, suff, restart = (
                lvl.find(_q(t)) for t in ("start", "numFmt", "lvlText", "suff", "lvlRestart")
            )
            out[int(lvl.get(_q("ilvl"), 0))] = {
                "restart": int(restart.get(_q("val"), 0)) if restart is not None else None,
                "start": int(start.get(_q("val"), 1)) if start is not None else 1,
                "format": fmt.get(_q("val")) if fmt is not None else "decimal",
                "text": text.get(_q("val")) if text is not None else None,
                "suffix": {"space": " ", "nothing": ""}.get(
                    suff.get(_q("val")) if suff is not None else "tab", "\t"
                ),
            }
        return out


_CN_DIGITS = "〇一二三四五六七八九"
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _format(n: int, fmt: str) -> str:
    """``n`` in a Word number format (the ones Chinese documents use; others as digits)."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
    ):
        return str(cn2an.an2cn(n, "low"))
    if fmt == "chineseLegalSimplified":
        return str(cn2an.an2cn(n, "up"))
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[n - 1]
    if fmt == "decimalFullWidth":
        return str(n).translate(_FULL_WIDTH)
    if fmt in ("upperLetter", "lowerLetter") and n >= 1:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and 0 < n < 4000:
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)
