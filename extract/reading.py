"""What a reader hands the rest of extract/: the text offsets point into, and what the file knows.

Each format has its reader (``read_markdown``, ``read_html``, ``read_docx``, ``read_pdf``); this
module picks one by a file's content and name, and defines what they all return. A plain text
knows nothing beyond its characters, so layout repair guesses paragraphs and headings from line
widths and numbering. A structured file knows more, and says so in ``Block``s: where paragraphs
end, which are headings (and at what level), which stand in a frame, box or table, and on which
page; the heuristics then only fill in what the file leaves open (numbering patterns still name
chapters and articles).

Offsets: for txt, md and html the text is the decoded file, and every block is mapped to the
characters it came from (markup is never part of a block); for pdf and docx there is no text to
point into but the one extracted, so the reading's text is that extraction, and ``PageMap`` gives
the page and box of each of its characters.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from policykg.errors import InputError
from policykg.extract.model import BBox, Format
from policykg.extract.textmap import MappedText

SUFFIXES: dict[str, Format] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".mhtml": "mhtml",
    ".mht": "mhtml",
    ".docx": "docx",
    ".pdf": "pdf",
}
"""File name endings a folder walk picks up, and the format each one names."""

_CONVERT = "convert it to .docx (or save it as PDF) first"
_OLD_WORD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2 compound file: .doc, .wps, .xls
REFUSED = {
    ".doc": f"a Word 97-2003 file: {_CONVERT}",
    ".wps": f"a WPS Writer file: {_CONVERT}",
}
_HEAD = 8192  # bytes looked at to tell a format by content
# a MIME message's header (From, Subject, Date, Snapshot-Content-Location …) that declares one
_MHTML = re.compile(
    rb"^(?:[A-Za-z-]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*){0,30}?MIME-Version:", re.I
)


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, heading or table row as the file delimits it, mapped into the reading's text."""

    piece: MappedText
    level: int | None = None
    """Heading level the file gives it (1 is the top); None for body text."""
    region: int | None = None
    """Blocks of one framed or shaded region, text box or table share a number."""
    page: int | None = None


# What stands between the cells of a table row read as one paragraph. A space would be taken
# for one a PDF put between Chinese characters and dropped, gluing 市生态环境局 to the next
# cell's 市发展改革委; a semicolon keeps them apart, as clauses.
CELL_SEPARATOR = "；"
_HEADER_LABEL = re.compile(r"[\u4e00-\u9fff（）()/、]{2,10}")
# a plan's table of indicators heads its value columns with years: 2020年, 2025年目标值
YEAR_LABEL = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年?[\u4e00-\u9fff（）()]{0,5}")


def table_header(first_row: list[str], rows: int) -> list[str] | None:
    """The column headers of a table of ``rows`` rows (two or more) whose first row labels two
    columns or more, each with a few characters and no figures or sentence punctuation (序号,
    工作任务, 牵头单位, 配合单位, 完成时限), or a year (指标, 2020年, 2025年, 属性: a plan's
    indicators); None for any other table. Every reader puts a later row's cell after its
    column's ``cell_label``, where the row has as many cells."""
    labels = [t.replace(" ", "").replace("\u3000", "") for t in first_row]
    if rows < 2 or len(labels) < 2:
        return None
    named = [bool(_HEADER_LABEL.fullmatch(t)) for t in labels]
    dated = [n or bool(YEAR_LABEL.fullmatch(t)) for n, t in zip(named, labels, strict=True)]
    if not any(named) or not all(dated):
        return None
    return first_row


def cell_label(header: str) -> str:
    """What a cell reads after under its column's header: 牵头单位：."""
    return header + "："


class PageMap:
    """Page and box of every character of an extracted text (0 and no box for inserted breaks).

    Kept as flat arrays, not objects per character: a 100-page PDF is 200,000 characters.
    """

    def __init__(self) -> None:
        self.pages = array("H")
        self.boxes = array("f")  # x0, top, x1, bottom per character

    def add(self, page: int, box: Sequence[float] | None) -> None:
        self.pages.append(page)
        self.boxes.extend(box if box is not None else (0.0, 0.0, 0.0, 0.0))

    def add_boxes(self, page: int, boxes: Sequence[float]) -> None:
        """Characters on ``page`` with their boxes, four numbers each; an empty box (x1 <= x0)
        is a character without one (a space the reader put between words)."""
        self.boxes.extend(boxes)
        for k in range(0, len(boxes), 4):
            self.pages.append(page if boxes[k + 2] > boxes[k] else 0)

    def add_blank(self, n: int = 1) -> None:
        for _ in range(n):
            self.add(0, None)

    def __len__(self) -> int:
        return len(self.pages)

    def locate(self, start: int, end: int) -> tuple[tuple[int, int] | None, BBox | None]:
        """First and last page of characters ``start:end``, and their box on the first page."""
        pages, boxes = self.pages, self.boxes
        end = min(end, len(pages))
        first = last = 0
        x0 = top = float("inf")
        x1 = bottom = float("-inf")
        for i in range(start, end):
            p = pages[i]
            if not p:
                continue
            if not first:
                first = p
            last = p
            if p == first:
                b = 4 * i
                if boxes[b + 2] > boxes[b]:  # a character with a box (docx has pages only)
                    x0, top = min(x0, boxes[b]), min(top, boxes[b + 1])
                    x1, bottom = max(x1, boxes[b + 2]), max(bottom, boxes[b + 3])
        if not first:
            return None, None
        box = (round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1)) if x1 > x0 else None
        return (first, last), box


@dataclass(frozen=True)
class Reading:
    """A file as read: its format, the text offsets point into, and what its reader found."""

    format: Format
    text: str
    blocks: list[Block] | None = None
    """Paragraphs as the file delimits them; None when only the text heuristics can tell."""
    fields: dict[str, str] = field(default_factory=dict)
    """Metadata the file states in fields of its own (the gov.cn table of a web page), keyed by
    the labels of a 【…】 field block (标题, 文号, 颁布单位, 颁布时间)."""
    pages: PageMap | None = None
    entities: dict[int, int] = field(default_factory=dict)
    """HTML character references: where one starts -> where it ends, for ends of ranges that
    stop on one (a block maps the decoded character to the reference's first character)."""

    @cached_property
    def plain(self) -> str:
        """The text metadata extraction reads (with ``fields``): the blocks one per line,
        without markup (the text itself for plain text)."""
        if self.blocks is None:
            return self.text
        return "\n".join(b.piece.text for b in self.blocks)

    def plain_offset(self, i: int) -> int | None:
        """Where character ``i`` of ``plain`` stands in ``text`` (None for a line break that
        ``plain`` put there), so that what is found in ``plain`` can be cited."""
        if self.blocks is None:
            return i
        pos = 0
        for block in self.blocks:
            line = block.piece.text
            if i < pos + len(line):
                return block.piece.origin(i - pos)
            if i == pos + len(line):
                return None  # the line break
            pos += len(line) + 1
        return None

    def end_of(self, end: int) -> int:
        """``end`` moved past a character reference that the range's last character came from."""
        return self.entities.get(end - 1, end)


def read_file(path: Path, encoding: str | None = None) -> Reading:
    """The reading of ``path``, by the reader its content (else its name) calls for.

    Raises ``InputError`` naming the file for anything it cannot read.
    """
    if path.is_dir():
        raise InputError(str(path), "is a folder, not a file")
    fmt = sniff(path)
    # a reader is imported when first needed: a text-only build never loads pdfminer or docx
    if fmt == "md":
        from policykg.extract.read_markdown import read_markdown

        return read_markdown(path, encoding)
    if fmt == "html":
        from policykg.extract.read_html import read_html

        return read_html(path, encoding)
    if fmt == "mhtml":
        from policykg.extract.read_mhtml import read_mhtml

        return read_mhtml(path)
    if fmt == "docx":
        from policykg.extract.read_docx import read_docx

        return read_docx(path)
    if fmt == "pdf":
        from policykg.extract.read_pdf import read_pdf

        return read_pdf(path)
    from policykg.extract.decoding import read_text

    return Reading("txt", read_text(path, encoding))


def sniff(path: Path) -> Format:
    """The format of ``path``: binary formats by their signature, text ones by name or markup."""
    try:
        with path.open("rb") as f:
            head = f.read(_HEAD)
    except OSError as e:
        raise InputError(str(path), e.strerror or str(e)) from None
    suffix = path.suffix.lower()
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if suffix == ".docx" or _is_docx(path):
            return "docx"
        if b"mimetype" in head[:64] and b"opendocument.text" in head[:128]:
            raise InputError(str(path), f"an OpenDocument text (.odt): {_CONVERT}")
        raise InputError(str(path), "a zip archive, not a Word (.docx) file")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        raise InputError(str(path), f"a Rich Text (RTF) file: {_CONVERT}")
    if head.startswith(_OLD_WORD):
        raise InputError(str(path), REFUSED.get(suffix, f"an old Office file: {_CONVERT}"))
    if suffix in REFUSED:
        raise InputError(str(path), REFUSED[suffix])
    named = SUFFIXES.get(suffix)
    if _MHTML.match(head):
        return "mhtml"  # a page a browser saved as one file (Chrome: Webpage, Single File)
    if named in ("md", "html"):
        return named
    if named == "mhtml":
        raise InputError(str(path), "not a web archive (.mhtml): it has no MIME header")
    if named in ("pdf", "docx"):
        raise InputError(str(path), f"not a {named.upper()} file (its content says otherwise)")
    return _sniff_text(head)


def _is_docx(path: Path) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _sniff_text(head: bytes) -> Format:
    """html when the text opens with markup, md when it has Markdown headings, else txt."""
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n").lower()
    if text.startswith(("<!doctype html", "<html", "<?xml")) or "<html" in text[:1024]:
        return "html"
    lines = [ln for ln in text.splitlines() if ln.strip()][:40]
    headings = sum(1 for ln in lines if _is_md_heading(ln))
    if lines and (_is_md_heading(lines[0]) or headings >= 2):
        return "md"
    return "txt"


def _is_md_heading(line: str) -> bool:
    marks = len(line) - len(line.lstrip("#"))
    return 1 <= marks <= 6 and line[marks : marks + 1] in (" ", "\t")


def read_limited(path: Path, limit: int, what: str) -> bytes:
    """The bytes of ``path``, refused with a one-line error when there are more than ``limit``."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(
                str(path),
                f"{size / 2**20:,.0f} MB is too large for {what} (at most {limit / 2**20:,.0f} MB)",
            )
        return path.read_bytes()
    except OSError as e:
        raise InputError(str(path), e.strerror or str(e)) from None
