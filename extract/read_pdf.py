"""PDF prints (pdfplumber): the text in reading order, rebuilt from where each character stands.

pdfplumber's own ``extract_text`` reads a page line by line across its width, which interleaves
the columns of a newspaper page; here the characters are placed instead:

- rows of characters are cut into bands where blank space runs across the page (a title block
  above the columns), and bands into columns at gutters, the vertical strips that stay empty
  over many rows; a row that crosses a gutter (a title over three columns) is read where it
  stands, and the rows between such rows column by column (recursively, so a page may change
  its number of columns half way down);
- running headers and footers (the same line at the top or bottom of most pages, page numbers
  allowed to differ) and lone page numbers are dropped;
- framed or shaded regions (专栏, tables) are read on their own and handed on as regions after
  the paragraph they interrupt, which goes on unbroken;
- paragraphs end where the geometry says so: a first-line indent, a line that stops short, a
  wider gap, a change of font; headings are short paragraphs in a larger or bolder font than the
  body, ranked by size;
- lines are joined without inserting spaces between Chinese characters; look-alike radicals are
  folded (``extract.glyphs``) and the doubled glyphs of fake bold are dropped.

The text offsets point into is the text extracted here (a line per line, a blank line between
paragraphs), and ``PageMap`` keeps each character's page and box. A PDF without a text layer
(scanned), with glyphs that have no Unicode mapping (``(cid:N)``), or that needs a password fails
with one line naming the page.
"""

from __future__ import annotations

import logging
import re
import statistics
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import groupby
from pathlib import Path
from typing import Any

from policykg.errors import InputError
from policykg.extract.contents import LEADERED
from policykg.extract.glyphs import normalise_glyphs
from policykg.extract.headings import match_heading, match_point
from policykg.extract.layout import PAGE_NUMBER, marker
from policykg.extract.metadata import is_furniture, is_signature_line, record_line
from policykg.extract.reading import (
    CELL_SEPARATOR,
    Block,
    PageMap,
    Reading,
    cell_label,
    table_header,
)
from policykg.extract.sentences import ends_sentence
from policykg.extract.textmap import MappedText

MAX_PAGES = 3000
"""More pages than this is not one policy document: refused before any page is read."""

BLANK_PAGES = 50
"""Leading pages without any text after which a file is taken to have no text layer."""

_OCR = "no text layer: run OCR first"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_DIGITS = re.compile(r"[0-9０-９]+")
_BOLD = re.compile(r"bold|heavy|black|semibold|demi|hei|黑", re.I)


@dataclass(slots=True)
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    bold: bool


_Style = tuple[float, bool, str]  # size (to half a point), bold, font


class _Line:
    """A line of text as read: its characters' text and boxes, its place, its type.

    Made from the page's character objects, which are then let go: a 100-page PDF keeps
    flat arrays, not an object per character.
    """

    __slots__ = (
        "page", "left", "right", "region", "text", "boxes", "x0", "x1", "top", "bottom",
        "size", "style", "uniform", "count", "row",
    )  # fmt: skip

    def __init__(
        self, chars: list[_Char], page: int, left: float, right: float, region: int | None = None
    ) -> None:
        self.page, self.left, self.right, self.region = page, left, right, region
        parts: list[str] = []
        boxes = array("f")
        prev: _Char | None = None
        for c in chars:
            if prev is not None and c.x0 - prev.x1 > 0.25 * min(c.size, prev.size):
                parts.append(" ")  # a gap: a space between words (dropped between Chinese)
                boxes.extend((0.0, 0.0, 0.0, 0.0))
            parts.append(c.text)
            boxes.extend((c.x0, c.top, c.x1, c.bottom) * len(c.text))
            prev = c
        self.text = "".join(parts)
        self.boxes = boxes
        self.x0, self.x1 = chars[0].x0, chars[-1].x1
        self.top = min(c.top for c in chars)
        self.bottom = max(c.bottom for c in chars)
        self.size = statistics.median(c.size for c in chars)
        # the type of its Chinese characters (of all, when there are none): the commonest, and
        # whether they all share it (a bold lead sentence does not)
        cjk = [c for c in chars if _CJK.match(c.text)] or chars
        styles = Counter((round(c.size * 2) / 2, c.bold, c.font) for c in cjk)
        self.style: _Style = styles.most_common(1)[0][0]
        self.uniform = len(styles) == 1
        self.count = len(chars)
        self.row = False  # a table's row: a paragraph of its own


@dataclass(slots=True)
class _Page:
    number: int
    height: float
    lines: list[_Line]  # in reading order, regions where they are read


def read_pdf(path: Path) -> Reading:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font warnings are not ours to print
    name = str(path)
    try:
        pdf = pdfplumber.open(path)
    except PdfminerException as e:
        raise InputError(name, _why(e.args[0] if e.args else e)) from None
    except Exception as e:  # pdfminer raises many kinds on a damaged file
        raise InputError(name, _why(e)) from None
    pages: list[_Page] = []
    regions = _Counter()
    with pdf:
        try:
            count = _page_count(pdf)
        except Exception as e:
            raise InputError(name, _why(e)) from None
        if count > MAX_PAGES:
            raise InputError(name, f"{count:,} pages: more than {MAX_PAGES:,} is not one document")
        found_text = False
        for number, page in enumerate(pdf.pages, start=1):
            if not found_text and number > BLANK_PAGES:
                raise InputError(name, f"pages 1-{BLANK_PAGES} hold no text: {_OCR}")
            try:
                lines = _read_page(page, number, name, regions)
            except InputError:
                raise
            except Exception as e:
                raise InputError(name, f"page {number}: cannot be read ({_why(e)})") from None
            finally:
                page.close()
            found_text = found_text or bool(lines)
            pages.append(_Page(number, float(page.height), lines))
    if not found_text:
        raise InputError(name, f"no page holds text: {_OCR}")
    _drop_furniture(pages)
    return _reading([line for p in pages for line in p.lines])


def _page_count(pdf: Any) -> int:
    """The page count the document declares (read before pdfplumber makes a page object of
    each of them), else the pages counted."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
        if isinstance(count, int) and count >= 0:
            return count
    except (KeyError, TypeError, AttributeError):
        pass
    return len(pdf.pages)


def _why(e: object) -> str:
    kind = type(e).__name__
    if "Password" in kind or "Encryption" in kind:
        return "encrypted PDF: it needs a password"
    if kind in ("PSEOF", "PDFSyntaxError", "PSSyntaxError", "PDFNoValidXRef", "PSTypeError"):
        return f"not a readable PDF (damaged or truncated: {e or kind})"
    return f"not a readable PDF ({kind}: {e})"


class _Counter:
    """Numbers framed regions across the pages of one file; a box a page break cuts (its frame
    open at the page's foot, then open at the next page's head) keeps its number."""

    def __init__(self) -> None:
        self.n = 0
        self.open = False  # the last region of the page before runs on over the break

    def next(self, goes_on: bool = False) -> int:
        if not (goes_on and self.open):
            self.n += 1
        return self.n


def _read_page(page: Any, number: int, name: str, regions: _Counter) -> list[_Line]:
    """The lines of one page in reading order; framed regions' lines carry their region."""
    raw = page.chars
    area = float(page.width) * float(page.height)
    if not raw:
        covered = sum(float(i["width"]) * float(i["height"]) for i in page.images)
        if area and covered / area > 0.3:
            raise InputError(name, f"page {number}: an image without text: {_OCR}")
        return []
    cid = sum(1 for c in raw if c["text"].startswith("(cid:"))
    if cid > max(3, 0.1 * len(raw)):
        raise InputError(name, f"page {number}: glyphs without a Unicode mapping ((cid:N)): {_OCR}")
    chars = _chars(raw)
    if not chars:
        return []
    frames = _frames(page, area)
    cut = _cut_frames(page, frames)  # a box a page break cuts: (open at the head, at the foot)
    frames += list(cut)
    inside: dict[int, list[_Char]] = {}
    flow: list[_Char] = []
    for c in chars:
        cx, cy = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
        k = next(
            (i for i, (x0, t, x1, b) in enumerate(frames) if x0 <= cx <= x1 and t <= cy <= b), None
        )
        if k is None:
            flow.append(c)
        else:
            inside.setdefault(k, []).append(c)
    # each frame stands in the flow as a blank block, so that neither a gutter nor a band
    # break is seen where the frame is
    size = statistics.median(c.size for c in flow) if flow else 0.0
    blanks = [_Char("", x0, x1, top, bottom, size, "", False) for x0, top, x1, bottom in frames]
    lines = _order(_rows(flow + blanks), number, size) if flow else []
    tables = [t for t in page.find_tables() if len(t.rows) >= 2] if inside else []
    last_open = False
    for k in sorted(inside, key=lambda k: (frames[k][1], frames[k][0])):
        head, last_open = cut.get(frames[k], (False, False))
        region = regions.next(goes_on=head)
        rows = _rows(inside[k])
        left, right = _edges([(row[0].x0, row[-1].x1) for row in rows])
        table = next((t for t in tables if _within(t.bbox, frames[k])), None)
        framed = _table_rows(inside[k], table, number, left, right, region) if table else None
        if framed is None:
            framed = [_Line(row, number, left, right, region) for row in rows]
        lines = _insert(lines, framed, frames[k])
    regions.open = last_open
    return lines


def _cut_frames(
    page: Any, frames: list[tuple[float, float, float, float]]
) -> dict[tuple[float, float, float, float], tuple[bool, bool]]:
    """The frames a page break cuts, not among ``frames``: the outermost two rules standing
    from the same top to the same bottom, joined by a rule along one of those edges only (the
    other side is the break), and whether each is open at its head or its foot. One pass over
    the rules: a page of a thousand table cells costs no more than its rules."""
    tol = 2.0
    sides: dict[tuple[int, int], tuple[float, float]] = {}  # (top, bottom) -> leftmost, rightmost
    rules: dict[int, list[tuple[float, float]]] = {}  # y -> the horizontal rules' spans there
    for e in page.edges:
        if e["orientation"] == "v" and float(e["height"]) > 10:
            key = (round(float(e["top"]) / tol), round(float(e["bottom"]) / tol))
            x = float(e["x0"])
            left, right = sides.get(key, (x, x))
            sides[key] = (min(left, x), max(right, x))
        elif e["orientation"] == "h":
            rules.setdefault(round(float(e["top"]) / tol), []).append(
                (float(e["x0"]), float(e["x1"]))
            )

    def ruled(y: float, left: float, right: float) -> bool:
        near = round(y / tol)
        spans = [s for k in (near - 1, near, near + 1) for s in rules.get(k, ())]
        return any(x0 <= left + tol and x1 >= right - tol for x0, x1 in spans)

    found: dict[tuple[float, float, float, float], tuple[bool, bool]] = {}
    for (top_key, bottom_key), (left, right) in sides.items():
        if right - left < 20:
            continue
        top, bottom = top_key * tol, bottom_key * tol
        head, foot = not ruled(top, left, right), not ruled(bottom, left, right)
        inside = any(_within((left, top, right, bottom), f) for f in frames)
        if head != foot and not inside:
            found[(left, top, right, bottom)] = (head, foot)
    return found


def _within(
    bbox: tuple[float, float, float, float], frame: tuple[float, float, float, float]
) -> bool:
    """Whether a box (a table pdfplumber found, a cut frame) stands inside or on a frame."""
    x0, top, x1, bottom = bbox
    f0, ftop, f1, fbottom = frame
    tol = 2.0
    return x0 >= f0 - tol and top >= ftop - tol and x1 <= f1 + tol and bottom <= fbottom + tol


def _table_rows(
    chars: list[_Char], table: Any, page: int, left: float, right: float, region: int
) -> list[_Line] | None:
    """A ruled table's rows, each a line of its cells apart (``reading.CELL_SEPARATOR``) and,
    under a header row of short labels, each cell after its column's label, as web pages and
    Word tables are read; the inserted characters stand on the cell's first character. None
    for a table of one column (a 专栏 frame), read as lines."""
    cells: list[list[list[_Char]]] = []
    for row in table.rows:
        found = []
        for bbox in row.cells:
            if bbox is None:
                continue
            x0, top, x1, bottom = bbox
            held = [
                c for c in chars
                if x0 <= (c.x0 + c.x1) / 2 <= x1 and top <= (c.top + c.bottom) / 2 <= bottom
            ]  # fmt: skip
            found.append([c for r in _rows(held) for c in r])
        if any(found):
            cells.append(found)
    if len(cells) < 2 or max(len(r) for r in cells) < 2:
        return None
    header = table_header(["".join(c.text for c in cell) for cell in cells[0]], len(cells))
    out = []
    for n, row_cells in enumerate(cells):
        labels = header if header and n > 0 and len(row_cells) == len(header) else None
        row_chars: list[_Char] = []
        for i, cell in enumerate(row_cells):
            if not cell:
                continue
            added = (CELL_SEPARATOR if row_chars else "") + (
                cell_label(labels[i]) if labels else ""
            )
            row_chars += [replace(cell[0], text=ch) for ch in added] + cell
        line = _Line(row_chars, page, left, right, region)
        line.row = True
        out.append(line)
    return out


def _chars(raw: list[dict[str, Any]]) -> list[_Char]:
    """Upright, visible characters with their glyphs normalised; fake bold's copies dropped."""
    out: list[_Char] = []
    seen: dict[str, list[_Char]] = {}
    for c in sorted(raw, key=lambda c: (round(float(c["top"]), 1), float(c["x0"]))):
        text = c["text"]
        if not text or text.isspace() or not c.get("upright", True):
            continue
        size = float(c.get("size") or (float(c["bottom"]) - float(c["top"])) or 1.0)
        x0, top = float(c["x0"]), float(c["top"])
        tol = 0.2 * size
        twins = seen.setdefault(text, [])
        twin = next((t for t in twins if abs(t.x0 - x0) < tol and abs(t.top - top) < tol), None)
        if twin is not None:  # the same glyph printed again a hair away: fake bold
            twin.bold = True
            continue
        font = str(c.get("fontname") or "").split("+")[-1]
        char = _Char(
            normalise_glyphs(text),
            x0,
            float(c["x1"]),
            top,
            float(c["bottom"]),
            size,
            font,
            bool(_BOLD.search(font)),
        )
        twins.append(char)
        if len(twins) > 64:
            del twins[:32]  # only recent copies can be twins (chars come in reading order)
        out.append(char)
    return out


def _frames(page: Any, area: float) -> list[tuple[float, float, float, float]]:
    """Boxes of framed or shaded regions: ruled tables and boxes (from their edges) and filled
    rectangles, without the page's own background and without boxes inside others."""
    width, height = float(page.width), float(page.height)

    def small(o: dict[str, Any]) -> bool:
        w, h = float(o["width"]), float(o["height"])
        return w * h < 0.8 * area

    boxes: list[tuple[float, float, float, float]] = []
    for r in page.rects:
        w, h = float(r["width"]), float(r["height"])
        shaded = r.get("fill") and not _white(r.get("non_stroking_color"))
        if w > 20 and h > 10 and small(r) and (shaded or r.get("stroke")):
            boxes.append((float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"])))
    if page.edges:
        from pdfplumber.table import TableFinder

        try:
            # a ruled table, or a single ruled cell (pdfplumber keeps only tables of two cells)
            finder = TableFinder(
                page.filter(lambda o: o.get("object_type") != "rect" or small(o)),
                {"vertical_strategy": "lines", "horizontal_strategy": "lines"},
            )
            boxes.extend(tuple(map(float, t.bbox)) for t in finder.tables)  # type: ignore[misc]
            boxes.extend(tuple(map(float, c)) for c in finder.cells)  # type: ignore[misc]
        except Exception:
            pass  # a page whose ruling cannot be made sense of is read without frames
    boxes = [b for b in boxes if b[2] - b[0] < 0.95 * width or b[3] - b[1] < 0.95 * height]
    outer = []
    for b in sorted(set(boxes), key=lambda b: -(b[2] - b[0]) * (b[3] - b[1])):
        if not any(
            o[0] <= b[0] + 1 and o[1] <= b[1] + 1 and o[2] >= b[2] - 1 and o[3] >= b[3] - 1
            for o in outer
        ):
            outer.append(b)
    return outer


def _white(color: Any) -> bool:
    if color is None:
        return True
    values = color if isinstance(color, (list, tuple)) else (color,)
    try:
        numbers = [float(v) for v in values]
    except (TypeError, ValueError):
        return False
    if len(numbers) == 4:  # CMYK: white has no ink
        return all(v < 0.05 for v in numbers)
    return all(v > 0.95 for v in numbers)


def _rows(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped into rows across the page by their vertical centre, top to bottom,
    each row in x order."""
    rows: list[list[_Char]] = []
    centre = 0.0
    for c in sorted(chars, key=lambda c: ((c.top + c.bottom) / 2, c.x0)):
        mid = (c.top + c.bottom) / 2
        if rows and abs(mid - centre) <= 0.4 * c.size:
            rows[-1].append(c)
        else:
            rows.append([c])
            centre = mid
    for row in rows:
        row.sort(key=lambda c: c.x0)
    return rows


def _segments(row: list[_Char], gap: float) -> list[list[_Char]]:
    """A row cut where characters stand further apart than ``gap``."""
    out: list[list[_Char]] = [[row[0]]]
    for prev, c in zip(row, row[1:], strict=False):
        if c.x0 - prev.x1 > gap:
            out.append([c])
        else:
            out[-1].append(c)
    return out


def _order(rows: list[list[_Char]], page: int, size: float) -> list[_Line]:
    """The lines of the page's text flow, column by column (see the module docstring);
    ``size`` is the flow's median type size."""
    gap = 0.9 * size
    segs = [_segments(row, gap) for row in rows]
    lines = []
    for row, (left, right) in _columns(segs, gap, size):
        chars = [c for s in row for c in s if c.text]  # not the blanks that stand for frames
        if chars:
            lines.append(_Line(chars, page, left, right))
    return lines


def _columns(
    rows: list[list[list[_Char]]], gap: float, size: float
) -> Iterator[tuple[list[list[_Char]], tuple[float, float]]]:
    """Rows of segments in reading order, each with the bounds of the column it is read in."""
    rows = [r for r in rows if r]
    if not rows:
        return
    bands = _bands(rows, size)
    if len(bands) > 1:
        for band in bands:
            yield from _columns(band, gap, size)
        return
    gutter = _gutter(rows, gap, size)
    if gutter is None:
        left, right = _edges([(r[0][0].x0, r[-1][-1].x1) for r in rows])
        for r in rows:
            yield r, (left, right)
        return
    mid = sum(gutter) / 2  # a line may run into the gutter a little: crossing is its middle
    crossing = [any(s[0].x0 < mid < s[-1].x1 for s in r) for r in rows]
    if any(crossing):  # a title over the columns: read where it stands
        for _, band in groupby(zip(crossing, rows, strict=True), key=lambda x: x[0]):
            yield from _columns([r for _, r in band], gap, size)
        return
    left = [r for r in ([s for s in r if s[-1].x1 <= mid] for r in rows) if r]
    right = [r for r in ([s for s in r if s[0].x0 >= mid] for r in rows) if r]
    # what stands on the right above all of the left (a title over the columns to the right)
    # comes first
    top = min(c.top for s in left[0] for c in s)
    k = 0
    while k < len(right) and max(c.bottom for s in right[k] for c in s) <= top:
        k += 1
    if 0 < k < len(right) and not _set_apart(right[:k], size):
        k = 0  # the right column only starts higher (the left opens with blank lines): in order
    yield from _columns(right[:k], gap, size)
    yield from _columns(left, gap, size)
    yield from _columns(right[k:], gap, size)


def _set_apart(block: list[list[list[_Char]]], size: float) -> bool:
    """Whether rows read as a title over the columns below them: larger type than the text."""
    return statistics.median(c.size for r in block for s in r for c in s) > 1.15 * size


def _bands(rows: list[list[list[_Char]]], size: float) -> list[list[list[list[_Char]]]]:
    """Rows cut where blank space runs across all of them, taller than two and a half lines: a
    title block above the columns, or one article above another, is read before what follows."""
    bands: list[list[list[list[_Char]]]] = [[rows[0]]]
    bottom = max(c.bottom for s in rows[0] for c in s)
    for r in rows[1:]:
        top = min(c.top for s in r for c in s)
        if top - bottom >= 2.5 * size:
            bands.append([])
        bands[-1].append(r)
        bottom = max(bottom, max(c.bottom for s in r for c in s))
    return bands


def _gutter(rows: list[list[list[_Char]]], gap: float, size: float) -> tuple[float, float] | None:
    """A column gutter: a strip at least ``gap`` wide that (almost) no row covers, with columns
    of prose (not the short cells of a table) on both sides; a few rows may cross it (a title
    over the columns). The emptiest; among equals, the one most lines end and start at, then the
    widest: a sparse column (two lines of a signature) leaves an empty strip beside it even
    where a wider one is crossed by a title, and short last lines leave one inside a column."""
    x_min = min(s[0].x0 for r in rows for s in r)
    width = int(max(s[-1].x1 for r in rows for s in r) - x_min) + 1
    cover = [0] * width
    for r in rows:
        for s in r:
            for x in range(max(int(s[0].x0 - x_min), 0), min(int(s[-1].x1 - x_min) + 1, width)):
                cover[x] += 1
    allowed = max(3, len(rows) // 5)  # a running header, a footer and the address may cross

    def aligned(g: tuple[float, float]) -> int:  # lines ending at its left, starting at its right
        return sum(
            abs(s[-1].x1 - g[0]) <= size or abs(s[0].x0 - g[1]) <= size for r in rows for s in r
        )

    tried: set[tuple[float, float]] = set()
    for level in sorted({c for c in cover if c <= allowed}):
        strips = []
        x = 0
        while x < width:
            if cover[x] > level:
                x += 1
                continue
            start = x
            while x < width and cover[x] <= level:
                x += 1
            if start > 0 and x < width and x - 1 - start >= gap:  # not a margin, wide enough
                strips.append((x_min + start, x_min + x - 1))
        # the strip most lines end and start at (a column's edges), then the widest
        for g0, g1 in sorted(strips, key=lambda g: (-aligned(g), g[0] - g[1])):
            if (g0, g1) in tried:
                continue
            tried.add((g0, g1))
            mid = (g0 + g1) / 2
            left = [s for r in rows for s in r if s[-1].x1 <= mid]
            right = [s for r in rows for s in r if s[0].x0 >= mid]
            if left and right and min(_mean_width(left), _mean_width(right)) >= 6 * size:
                return g0, g1
    return None


def _mean_width(segments: list[list[_Char]]) -> float:
    return sum(s[-1].x1 - s[0].x0 for s in segments) / len(segments)


def _edges(extents: list[tuple[float, float]]) -> tuple[float, float]:
    """A column's left and right edges: where most of its lines start and end (a mark of
    punctuation may hang out, an indented or centred line starts further in)."""
    starts = sorted(a for a, _ in extents)
    ends = sorted(b for _, b in extents)
    return starts[len(starts) // 4], ends[(9 * len(ends)) // 10]


def _insert(
    lines: list[_Line], framed: list[_Line], box: tuple[float, float, float, float]
) -> list[_Line]:
    """``framed`` placed after the last flow line above the frame in its column, else first."""
    x0, top, x1, _ = box
    at = 0
    for i, line in enumerate(lines):
        if line.region is None and line.left < x1 and line.right > x0 and line.top < top:
            at = i + 1
    return lines[:at] + framed + lines[at:]


def _drop_furniture(pages: list[_Page]) -> None:
    """Remove running headers and footers, and lone page numbers, from every page."""
    edges: dict[str, set[int]] = {}
    candidates: list[tuple[_Page, _Line, tuple[str, str]]] = []
    for page in pages:
        flow = [ln for ln in page.lines if ln.region is None]
        if not flow:
            continue
        rows: dict[int, list[_Line]] = {}
        for ln in sorted(flow, key=lambda ln: ln.x0):  # each row left to right
            rows.setdefault(round(ln.top), []).append(ln)
        by_y = sorted(flow, key=lambda ln: ln.top)
        for line in by_y[:2] + by_y[-2:]:
            # a header read as one line on one page and cut in two at a gutter on another (the
            # date on the left, the title on the right) repeats as a row or as a line
            row = rows[round(line.top)]
            row_key = _DIGITS.sub("#", "".join(ln.text for ln in row).replace(" ", ""))
            key = _DIGITS.sub("#", line.text.replace(" ", ""))
            candidates.append((page, line, (key, row_key)))
            for k in {key, row_key}:
                edges.setdefault(k, set()).add(page.number)
    body = _body_size(pages)
    pages_with_text = sum(1 for p in pages if p.lines)
    drop: set[int] = set()
    for page, line, keys in candidates:
        repeated = pages_with_text >= 2 and any(
            len(edges[k]) >= max(2, pages_with_text / 2) for k in keys
        )
        small = line.size < 0.85 * body and _apart(page, line)
        stamp = _PRINT_STAMP.match(line.text.strip()) is not None
        if repeated or PAGE_NUMBER.match(line.text) or small or stamp:
            drop.add(id(line))
    for page in pages:  # and a printed web page's breadcrumb and copyright, on any page
        page.lines = [ln for ln in page.lines if id(ln) not in drop and not is_furniture(ln.text)]


def _apart(page: _Page, line: _Line) -> bool:
    """Whether ``line`` stands above or below all the page's other rows, a line's height away
    (lines beside it on its own row do not count)."""
    rows = [ln for ln in page.lines if ln.region is None]
    above = [ln.bottom for ln in rows if ln.bottom <= line.top]
    below = [ln.top for ln in rows if ln.top >= line.bottom]
    gap = line.size
    if not above and below:
        return min(below) - line.bottom >= gap
    if not below and above:
        return line.top - max(above) >= gap
    return False


def _body_size(pages: list[_Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size * 2) / 2] += line.count
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _style(lines: list[_Line]) -> _Style | None:
    """The type of the Chinese characters of ``lines``, if they all share one."""
    styles = {line.style for line in lines}
    return styles.pop() if len(styles) == 1 and all(line.uniform for line in lines) else None


def _reading(lines: list[_Line]) -> Reading:
    """Paragraphs from lines in reading order, and the text they are mapped into."""
    counts: Counter[_Style | None] = Counter()
    for line in lines:
        counts[_style([line])] += line.count
    body = max((s for s in counts if s is not None), key=lambda s: counts[s], default=None)
    paragraphs = _paragraphs(lines, body)
    levels = _heading_levels(paragraphs, body)
    text: list[str] = []
    pages = PageMap()
    blocks: list[Block] = []
    pos = 0
    for para, level in zip(paragraphs, levels, strict=True):
        if text:
            text.append("\n\n")
            pages.add_blank(2)
            pos += 2
        pieces = []
        for i, line in enumerate(para):
            if i:
                text.append("\n")
                pages.add_blank()
                pos += 1
            text.append(line.text)
            pages.add_boxes(line.page, line.boxes)
            pieces.append(MappedText(line.text, ((0, pos, len(line.text)),)))
            pos += len(line.text)
        blocks.append(Block(MappedText.join(pieces), level, para[0].region, para[0].page))
    return Reading("pdf", "".join(text), blocks=blocks, pages=pages)


def _paragraphs(lines: list[_Line], body: _Style | None) -> list[list[_Line]]:
    """Lines grouped into paragraphs; a framed region's paragraphs follow the flow paragraph it
    interrupted, which goes on after it."""
    out: list[list[_Line]] = []
    current: list[_Line] = []
    pending: list[list[_Line]] = []  # framed paragraphs waiting for the flow paragraph to end
    framed: list[_Line] = []
    prev: _Line | None = None
    for line in lines:
        if line.region is not None:
            if framed and (
                framed[-1].region != line.region or line.row or _breaks(framed[-1], line, body)
            ):
                pending.append(framed)
                framed = []
            framed.append(line)
            continue
        if framed:
            pending.append(framed)
            framed = []
        if current and prev is not None and _breaks(prev, line, body):
            out.append(current)
            out.extend(pending)
            current, pending = [], []
        current.append(line)
        prev = line
    if framed:
        pending.append(framed)
    if current:
        out.append(current)
    out.extend(pending)
    return out


# what a browser prints at a page's edge: the date and time, the page's address and n/N
_PRINT_STAMP = re.compile(
    r"^(?:\d{1,2}/\d{1,2}/\d{2,4},?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?"
    r"|(?:file|\ufb01le|https?)://\S+(?:\s*…)?(?:\s+\d+\s*/\s*\d+)?)$"
)
# a heading at a line's start begins a paragraph after a clause ends (：before （一）, ；between
# items), not inside one: 依照本条例 / 第三十九条规定
_CLAUSE_END = re.compile(r"[。！？!?；;：:][”’」』）)]*\s*$")


def _breaks(prev: _Line, line: _Line, body: _Style | None) -> bool:
    """Whether ``line`` starts a new paragraph after ``prev`` (``body``: the text's own type)."""
    size = min(prev.size, line.size)
    if marker(prev.text) or marker(line.text):
        return True
    if record_line(prev.text) or record_line(line.text):
        return True  # the number line, 附件：…, (此件公开发布): the frame wraps into no paragraph
    if LEADERED.search(prev.text):
        return True  # 一、总体要求……3 / 二、重点任务……5: a contents entry ends at its page
    signs = is_signature_line(line.text.replace(" ", ""))
    if signs and (ends_sentence(prev.text) or is_signature_line(prev.text.replace(" ", ""))):
        return True  # …的途径。 / 湖南省人民政府: a signature goes on no paragraph, even where
        # a paragraph's short last line and the signature set right read as two columns
    a, b = prev.style, line.style
    if abs(a[0] - b[0]) > 0.4 or (a != b and prev.uniform and line.uniform):
        return True  # a change of font between lines that each keep one (a bold lead does not)
    squeezed = line.text.replace(" ", "")
    h = match_heading(squeezed) or match_point(squeezed)
    if h is not None and (
        h.type not in ("article", "part", "point")
        or _CLAUSE_END.search(prev.text)
        or prev.right - prev.x1 >= 2 * size
    ):
        return True  # not 第三十九条 or 三、四项 that go on 违反本条例第三十八条第一款、
    if a == b != body and prev.uniform and line.uniform:
        return ends_sentence(prev.text)  # a heading or title set over two lines goes on
    same_column = line.page == prev.page and abs(line.left - prev.left) < size
    if same_column and line.top - prev.bottom > 1.2 * size:
        return True
    if _centred(prev) or _centred(line):  # a centred title or number line is its own, but
        # the second line of a centred title goes on
        return not (_centred(prev) and _centred(line) and not ends_sentence(prev.text))
    if line.x0 - line.left >= 1.2 * size:  # a first-line indent (or a line set right)
        return True
    if prev.region is not None:  # a box is mostly lists: an entry per sentence
        return ends_sentence(prev.text)
    # a paragraph's last line stops short (a ragged edge may leave a line two characters short)
    return prev.right - prev.x1 >= 2 * size and ends_sentence(prev.text)


def _centred(line: _Line) -> bool:
    """A short line with as much room on its left as on its right."""
    left, right = line.x0 - line.left, line.right - line.x1
    short = line.x1 - line.x0 <= 0.85 * (line.right - line.left)
    return short and min(left, right) >= 2 * line.size and abs(left - right) < 1.5 * line.size


def _heading_levels(paragraphs: list[list[_Line]], body: _Style | None) -> list[int | None]:
    """A level for each short paragraph set larger or bolder than the body, ranked by size."""
    styles: list[_Style | None] = []
    for para in paragraphs:
        style = _style(para)
        text = "".join(line.text for line in para)
        is_heading = (
            style is not None
            and body is not None
            and style != body
            and (
                style[0] > body[0] + 0.4 or (style[0] >= body[0] - 0.4 and style[1] and not body[1])
            )
            and len(text) <= 60
            and not ends_sentence(text)
            and para[0].region is None
        )
        styles.append(style if is_heading else None)
    ranked = sorted({s for s in styles if s is not None}, key=lambda s: (-s[0], not s[1], s[2]))
    return [ranked.index(s) + 1 if s is not None else None for s in styles]
