"""Markdown (markdown-it-py): ``#`` levels as headings, paragraphs as Markdown delimits them.

A LawRefBook-style law (``# 标题``, dated history lines, ``<!-- INFO END -->``, ``## 第一章 …``,
第X条 paragraphs) reads as the same law in plain text does: the heading marks, comments,
emphasis, bullets and link targets are markup, never text. An ordered list's numbers (1. 2.)
are the document's own numbering — the points under an item (（一）) — and stay text.
markdown-it gives each block its lines, not its characters, so the characters of each inline
text are found again in those lines, in order; every block thus maps to the characters of the
file it came from.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from policykg.extract.decoding import decode
from policykg.extract.reading import (
    CELL_SEPARATOR,
    Block,
    Reading,
    cell_label,
    read_limited,
    table_header,
)
from policykg.extract.textmap import MappedText

MAX_BYTES = 25 * 2**20
"""A Markdown file larger than this is refused (the longest law is under 1 MB)."""

_TAG = re.compile(r"<[^<>]*>")
_BREAK = re.compile(r"<br\s*/?>", re.I)
_LINE_END = re.compile(r"\r\n|\r|\n")


def read_markdown(path: Path, encoding: str | None = None) -> Reading:
    text = decode(read_limited(path, MAX_BYTES, "a Markdown file"), str(path), encoding)
    return Reading("md", text, blocks=markdown_blocks(text))


def markdown_blocks(text: str) -> list[Block]:
    """The headings, paragraphs, list items, table rows and HTML blocks of ``text``, in order."""
    # character references stay as written: a block holds the file's characters only
    md = MarkdownIt("commonmark").enable("table").disable("entity")
    starts = [0] + [m.end() for m in _LINE_END.finditer(text)]
    starts.append(len(text))

    def span(lines: list[int] | None) -> tuple[int, int]:
        a, b = lines or (0, len(starts) - 1)
        return starts[min(a, len(starts) - 1)], starts[min(b, len(starts) - 1)]

    blocks: list[Block] = []
    level: int | None = None
    row: list[MappedText] | None = None
    rows: list[list[MappedText]] = []  # the table's rows so far, read once it closes
    tables = 0
    number: MappedText | None = None  # an ordered list item's 1., for its first paragraph
    for tok in md.parse(text):
        if tok.type == "list_item_open" and tok.info and tok.map:
            line_start, line_end = span([tok.map[0], tok.map[0] + 1])
            at = text.find(tok.info + tok.markup, line_start, line_end)
            if at >= 0:
                number = MappedText.from_original(text, at, at + len(tok.info + tok.markup))
        elif tok.type == "heading_open":
            level = int(tok.tag[1:])
        elif tok.type == "heading_close":
            level = None
        elif tok.type == "table_open":
            tables += 1
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and row is not None:
            rows.append(row)
            row = None
        elif tok.type == "table_close":
            blocks.extend(Block(r, region=tables) for r in _table_rows(rows, text))
            rows = []
        elif tok.type == "inline":
            a, b = span(tok.map)
            # a row's cells share its line: each is looked for after the ones before
            if row and (before := next((c for c in reversed(row) if c.text), None)):
                a = max(a, before.source()[1])
            parts = _inline(tok, text, a, b)
            if number is not None:
                parts[0] = MappedText.join([number, parts[0]])
                number = None
            if row is not None:
                row.append(MappedText.join(parts))
            else:
                blocks.extend(Block(p, level=level) for p in parts if p.text.strip())
        elif tok.type == "html_block":
            if not tok.content.lstrip().startswith("<!--"):
                blocks.extend(Block(p) for p in _outside_tags(text, *span(tok.map)))
        elif tok.type in ("fence", "code_block"):
            a, b = span(tok.map)
            if tok.type == "fence":  # without the fence lines
                a, b = span([tok.map[0] + 1, tok.map[1] - 1]) if tok.map else (a, b)
            piece = MappedText.from_original(text, a, b)
            for line in _lines(piece):
                blocks.append(Block(line))
    return blocks


def _inline(tok: Token, text: str, a: int, b: int) -> list[MappedText]:
    """The text of an inline token, found in ``text[a:b]``: one piece per hard line break."""
    pieces: list[list[MappedText]] = [[]]
    cursor = a
    for child in tok.children or []:  # an image's alt text is its child: not document text
        if child.type in ("text", "code_inline"):
            piece, cursor = _find(child.content, text, cursor, b)
            pieces[-1].append(piece)
        elif child.type == "hardbreak" or (
            child.type == "html_inline" and _BREAK.fullmatch(child.content.strip())
        ):
            pieces.append([])
    return [MappedText.join(p) for p in pieces]


def _find(content: str, text: str, cursor: int, limit: int) -> tuple[MappedText, int]:
    """``content`` located in ``text[cursor:limit]``: contiguous where it stands as written, else
    character by character (an escape's backslash is markup between them); characters that are
    not in the file as written (a tab markdown-it expanded) are left out."""
    if not content:
        return MappedText("", ()), cursor
    k = text.find(content[0], cursor, limit)
    if k >= 0 and text.startswith(content, k) and k + len(content) <= limit:
        return MappedText.from_original(text, k, k + len(content)), k + len(content)
    keep: list[int] = []
    for c in content:
        k = text.find(c, cursor, limit)
        if k >= 0:
            keep.append(k)
            cursor = k + 1
    return _at(text, keep), cursor


def _at(text: str, positions: list[int]) -> MappedText:
    """The characters of ``text`` at ascending ``positions``, mapped."""
    runs: list[tuple[int, int, int]] = []
    for i, k in enumerate(positions):
        if runs and runs[-1][1] + runs[-1][2] == k:
            r = runs[-1]
            runs[-1] = (r[0], r[1], r[2] + 1)
        else:
            runs.append((i, k, 1))
    return MappedText("".join(text[k] for k in positions), tuple(runs))


def _table_rows(rows: list[list[MappedText]], text: str) -> list[MappedText]:
    """A table's rows as every reader gives them (``reading.CELL_SEPARATOR``): each row's
    cells apart, the separator standing on the column bar before the cell (the file holds
    none); under a header row of labels (``reading.table_header``), each cell after its
    column's label, standing on the cell's first character."""
    header = table_header([c.text.strip() for c in rows[0]], len(rows)) if rows else None
    out = []
    for n, row in enumerate(rows):
        labels = header if n and header is not None and len(row) == len(header) else None
        parts: list[MappedText] = []
        for k, cell in enumerate(row):
            if not cell.text.strip():
                continue
            start, _ = cell.source(0, 1)
            if parts:
                bar = text.rfind("|", 0, start)
                parts.append(MappedText.standing_on(CELL_SEPARATOR, max(bar, 0)))
            if labels is not None:
                parts.append(MappedText.standing_on(cell_label(labels[k].strip()), start))
            parts.append(cell)
        if parts:
            out.append(MappedText.join(parts))
    return out


def _outside_tags(text: str, a: int, b: int) -> list[MappedText]:
    """The lines of an HTML block without its tags."""
    keep = [True] * (b - a)
    for m in _TAG.finditer(text, a, b):
        for k in range(m.start() - a, m.end() - a):
            keep[k] = False
    piece = MappedText.from_original(text, a, b).drop(keep)
    return _lines(piece)


def _lines(piece: MappedText) -> list[MappedText]:
    out, start = [], 0
    for m in _LINE_END.finditer(piece.text):
        out.append(piece.slice(start, m.start()))
        start = m.end()
    out.append(piece.slice(start, len(piece)))
    return [line for line in out if line.text.strip()]
