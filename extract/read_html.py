"""Web pages as saved from a browser: the main text only, in the page's own charset.

The page is tokenised by the standard library's HTML parser, which reports where every tag,
text and character reference starts: each block of the main text maps to the characters of the
decoded file it came from (lxml builds a tree but forgets those positions). What is kept:

- the charset the page declares (a BOM, ``<meta charset>``, ``http-equiv``), GB2312 and GBK
  read as their superset GB18030; without one, or when it is wrong, the text detection of
  ``extract.decoding``;
- the main text: the smallest container that holds most of the page's Chinese punctuation
  (never one paragraph of it: a notice's title and signature stand beside its long paragraph),
  less navigation, breadcrumbs, share/print/纠错 links, editor lines, footers, scripts, styles;
  with the signature (issuing bodies, date) a page may set in an element of its own after it;
  ``<p>``, ``<br>``, ``<div>`` and the like end a paragraph, ``<h1>``-``<h6>`` are headings,
  a table is read row by row (a 专栏 table becomes a box);
- the metadata table of gov.cn-style pages (标题, 发文机关, 发文字号, 成文日期, ...) as fields.
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from policykg.errors import InputError
from policykg.extract.decoding import decode
from policykg.extract.metadata import (
    FURNITURE_LINE,
    INFO_FIELDS,
    is_date_line,
    is_signature_line,
)
from policykg.extract.model import Format
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
"""A page larger than this is refused (a saved State Council page is well under 1 MB)."""

_VOID = frozenset(
    "area base basefont br col embed frame hr img input keygen link meta param source track wbr".split()
)
# never text of the document
_DROP = frozenset(
    "script style noscript template head title iframe frame frameset object embed svg math "
    "canvas video audio map select option button input textarea nav aside footer menu "
    "dialog".split()
)
_BLOCK = frozenset(
    "p div section article main ul ol li dl dt dd table thead tbody tfoot tr caption h1 h2 h3 "
    "h4 h5 h6 pre blockquote address center form fieldset figure figcaption hr body html "
    "details summary".split()
)
_CELL = frozenset(("td", "th"))
# elements that hold paragraphs, not one paragraph (or heading, or list entry) of text
_CONTAINER = (_BLOCK | _CELL) - frozenset(
    "p h1 h2 h3 h4 h5 h6 pre address li dt dd caption figcaption summary".split()
)
_CLOSES_P = _BLOCK - {"body", "html", "tr", "thead", "tbody", "tfoot", "caption", "li", "dt", "dd"}
# id or class words of page furniture (pinyin where Chinese sites use it)
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|crumbs?|position|location|weizhi|"
    r"dqwz|footer|banner|share|bdshare|fenxiang|print|dayin|jiucuo|sidebar|related|xgwz|"
    r"comments?|copyright|toolbar|search|login|pagination|pager|qrcode|ewm|zrbj|fontsize|"
    r"zihao)(?:$|[\s_\d-])",
    re.I,
)
_PUNCT = frozenset("，。；：、！？")
_UNSEEN = frozenset("script style noscript template".split())
_SIGNATURE_LINES = 12  # issuing bodies one a line, then the date: a joint notice's is long
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.-]+)""", re.I)
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});?")
_LABEL = re.compile(
    r"^\s*([\u4e00-\u9fff][\u4e00-\u9fff\s\u3000]{0,8}[\u4e00-\u9fff])\s*[：:]\s*(.*)$"
)
_META_FIELDS = {"articletitle": "标题"}


@dataclass(eq=False, slots=True)
class _Node:
    tag: str
    attrs: dict[str, str]
    parent: _Node | None
    children: list[_Node | MappedText] = field(default_factory=list)
    furniture: bool = False  # set on a metadata table once its fields are read


# what the reader reads of an element's attributes: furniture, metadata, a cell's spans
_KEPT_ATTRIBUTES = ("id", "class", "name", "content", "rowspan", "colspan")


class _TreeBuilder(HTMLParser):
    """Elements and text pieces mapped to the source; a forgiving stack for unclosed tags."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.root = _Node("#root", {}, None)
        self.node = self.root
        self.entities: dict[int, int] = {}
        self.meta: dict[str, str] = {}

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._implied_ends(tag)
        values = {k: v or "" for k, v in attrs if k in _KEPT_ATTRIBUTES}
        if tag == "meta" and values.get("name") and values.get("content"):
            self.meta[values["name"].lower()] = values["content"]
        node = _Node(tag, values, self.node)
        self.node.children.append(node)
        if tag not in _VOID:
            self.node = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.node.tag == tag and self.node.parent is not None:
            self.node = self.node.parent

    def handle_endtag(self, tag: str) -> None:
        n: _Node | None = self.node
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.node = n.parent

    def _implied_ends(self, tag: str) -> None:
        """Close what a new ``tag`` ends: a <p> before a block, a cell or row before the next."""
        closes = {
            "li": ("li",),
            "dt": ("dt", "dd"),
            "dd": ("dt", "dd"),
            "td": ("td", "th"),
            "th": ("td", "th"),
            "tr": ("tr", "td", "th"),
            "option": ("option",),
        }.get(tag, ("p",) if tag in _CLOSES_P else ())
        n: _Node | None = self.node
        # look up to the nearest container, not past it
        while n is not None and n.tag not in ("table", "ul", "ol", "dl", "div", "#root", "body"):
            if n.tag in closes and n.parent is not None:
                self.node = n.parent
                return
            n = n.parent

    def handle_data(self, data: str) -> None:
        start = self._offset()
        if self.source.startswith(data, start):
            self.node.children.append(
                MappedText.from_original(self.source, start, start + len(data))
            )

    def handle_entityref(self, name: str) -> None:
        self._reference()

    def handle_charref(self, name: str) -> None:
        self._reference()

    def _reference(self) -> None:
        start = self._offset()
        m = _REFERENCE.match(self.source, start)
        if m is None:
            return
        decoded = html.unescape(m.group())
        if decoded == m.group() or not decoded:  # not a reference after all: text as written
            self.node.children.append(MappedText.from_original(self.source, start, m.end()))
            return
        # the decoded character stands where the reference starts; ``Reading.end_of`` moves a
        # range that ends on it past the whole reference
        self.entities[start] = m.end()
        self.node.children.append(MappedText(decoded, ((0, start, len(decoded)),)))


def read_html(path: Path, encoding: str | None = None) -> Reading:
    data = read_limited(path, MAX_BYTES, "a web page")
    return read_page(decode_page(data, str(path), encoding), str(path))


def read_page(text: str, path: str, fmt: Format = "html") -> Reading:
    """The reading of a page's decoded ``text`` (offsets are into it); ``fmt`` says what the
    file was (a page, or the page of a web archive)."""
    builder = _TreeBuilder(text)
    try:
        builder.feed(text)
        builder.close()
    except (AssertionError, ValueError) as e:  # html.parser gives up on very broken markup
        raise InputError(path, f"not a readable web page ({e})") from None
    root = builder.root
    fields = _gov_fields(root)
    for name, key in _META_FIELDS.items():
        value = builder.meta.get(name, "").strip()
        if value and key not in fields:
            fields[key] = value
    main = _main(root)
    blocks = _blocks(main)
    if main is not root:
        blocks += _signature_after(main, blocks)
        heading = _lone_h1(root)
        if heading is not None and not _inside(heading, main):
            blocks = _blocks(heading, level=1) + blocks
    if not any(b.piece.text.strip() for b in blocks):
        raise InputError(path, "no text in the page")
    return Reading(fmt, text, blocks=blocks, fields=fields, entities=builder.entities)


def decode_page(
    data: bytes, path: str, encoding: str | None = None, declared: str | None = None
) -> str:
    """The page's text in the charset it declares (GB2312/GBK as GB18030), else detected.

    ``declared``: a charset said outside the page (a web archive's part header), tried first;
    when it is wrong or unknown, the page's own declaration and detection decide."""
    if declared:
        try:
            return decode(data, path, _superset(declared))
        except InputError:
            pass
    if encoding or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, path, encoding)
    head = data[:4096]
    m = _XML_ENCODING.match(head) or _CHARSET.search(head)
    if m:
        try:
            return decode(data, path, _superset(m.group(1).decode("ascii")))
        except InputError:
            pass  # the page lies about its charset: detect it
    return decode(data, path)


def _superset(charset: str) -> str:
    """A declared charset as read: GB2312 and GBK (and their aliases) as GB18030, which
    pages labelled so are written in; any other as it is."""
    name = charset.lower()
    if name.replace("-", "").replace("_", "") in ("gb2312", "gbk", "gb231280", "cp936", "x-gbk"):
        return "gb18030"
    return name


def _classes(node: _Node) -> str:
    return f"{node.attrs.get('id', '')} {node.attrs.get('class', '')}"


def _dropped(node: _Node) -> bool:
    return node.furniture or node.tag in _DROP or _FURNITURE.search(_classes(node)) is not None


def _score(node: _Node, scores: dict[int, int]) -> int:
    """Chinese punctuation in ``node``'s text outside links and furniture, per element id."""
    order: list[_Node] = []
    stack = [node]
    while stack:  # iterative: a page can nest thousands of elements deep
        n = stack.pop()
        order.append(n)
        stack.extend(
            c for c in n.children if isinstance(c, _Node) and c.tag != "a" and not _dropped(c)
        )
    for n in reversed(order):  # children before parents
        total = 0
        for c in n.children:
            if isinstance(c, MappedText):
                total += sum(ch in _PUNCT for ch in c.text)
            else:
                total += scores.get(id(c), 0)
        scores[id(n)] = total
    return scores[id(node)]


def _main(root: _Node) -> _Node:
    """The smallest container holding at least 80% of the page's punctuation: the text itself.

    Never a paragraph: a short notice's one long paragraph holds most of the punctuation, but
    its title, addressee and signature are the paragraphs beside it.
    """
    scores: dict[int, int] = {}
    total = _score(root, scores)
    if total == 0:
        return root
    node = root
    while True:
        best = max(
            (c for c in node.children if isinstance(c, _Node) and id(c) in scores),
            key=lambda c: scores[id(c)],
            default=None,
        )
        if best is None or scores[id(best)] < 0.8 * total or not _holds_paragraphs(best):
            return node
        node = best


def _signature_after(main: _Node, blocks: list[Block]) -> list[Block]:
    """The signature a page sets apart from its text, in the elements right after ``main``.

    Many sites right-align the issuing bodies and the date in a ``div`` of their own, which
    holds no punctuation and so is left out of the main text. Taken: the elements that follow
    ``main`` (and, when nothing follows it, its parent's) as long as every line of them signs
    a document (bodies alone, a date alone; see ``extract.metadata``) and none is a link, up to
    the last date, since a signature ends with its date. Anything else ends the search: a
    footer's 主办单位：… line, a 相关链接 list, furniture (print, close, share).
    """
    if blocks and is_date_line(blocks[-1].piece.text):
        return []  # the text is signed already
    lines: list[Block] = []
    node = main
    while node.parent is not None and node.tag not in ("body", "html"):
        siblings = node.parent.children
        for c in siblings[siblings.index(node) + 1 :]:
            if isinstance(c, MappedText):
                if c.text.strip():
                    break
                continue
            if c.tag in _UNSEEN:
                continue
            if _dropped(c) or any(n.tag == "a" and _text(n) for n in _walk(c)):
                break
            found = _blocks(c)
            if not found and _text(c):
                break  # furniture lines only: 【打印本页】【关闭窗口】
            if len(lines) + len(found) > _SIGNATURE_LINES or not all(
                is_signature_line(b.piece.text) for b in found
            ):
                break
            lines += found  # none for an empty element (a clearing div, an image)
        else:
            node = node.parent  # nothing stood in the way: what follows the parent may sign
            continue
        break
    dated = [k for k, b in enumerate(lines) if is_date_line(b.piece.text)]
    return lines[: dated[-1] + 1] if dated else []


def _holds_paragraphs(node: _Node) -> bool:
    """A block container, or any element that wraps blocks (``<span id="zoom"><p>…``); not a
    paragraph, heading or list entry of text, nor inline text. A table cell holds paragraphs
    when it wraps blocks or lines (a layout table's text cell), and a row when one of its cells
    does: a data row is one paragraph, and a table of short cells is read whole."""
    if node.tag in _CELL:
        return _wraps_lines(node)
    if node.tag == "tr":
        return any(
            isinstance(c, _Node) and c.tag in _CELL and _wraps_lines(c) for c in node.children
        )
    return node.tag in _CONTAINER or any(
        isinstance(c, _Node) and c.tag in _BLOCK for c in node.children
    )


def _wraps_lines(node: _Node) -> bool:
    return any(isinstance(c, _Node) and (c.tag in _BLOCK or c.tag == "br") for c in node.children)


def _lone_h1(root: _Node) -> _Node | None:
    found = [n for n in _walk(root) if n.tag == "h1"]
    return found[0] if len(found) == 1 else None


def _inside(node: _Node, container: _Node) -> bool:
    n: _Node | None = node
    while n is not None:
        if n is container:
            return True
        n = n.parent
    return False


def _walk(node: _Node, furniture: bool = False) -> list[_Node]:
    """The elements under ``node`` in document order; with ``furniture``, also those the main
    text drops (the metadata table may be marked so)."""
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(
            c
            for c in reversed(n.children)
            if isinstance(c, _Node) and (furniture or not _dropped(c))
        )
    return out


def _blocks(node: _Node, level: int | None = None) -> list[Block]:
    """The paragraphs of ``node``: block elements and line breaks end one, a table row is one,
    its cells apart (see ``reading.CELL_SEPARATOR``) and labelled by a header row."""
    blocks: list[Block] = []
    current: list[MappedText] = []
    tables = 0
    labels = _header_labels(node)

    def flush(level: int | None = None, region: int | None = None) -> None:
        piece = MappedText.join(current)
        current.clear()
        if piece.text.strip() and not FURNITURE_LINE.match(piece.text):
            blocks.append(Block(piece, level=level, region=region))

    # an explicit stack of (node, entering) so deep pages do not exhaust recursion
    stack: list[tuple[_Node | MappedText, bool, int | None, int | None]] = [
        (node, True, level, None)
    ]
    while stack:
        item, entering, lvl, region = stack.pop()
        if isinstance(item, MappedText):
            current.append(item)
            continue
        tag = item.tag
        if not entering:
            if tag in _BLOCK:
                flush(lvl, region)
            continue
        if item is not node and _dropped(item):
            continue
        if tag == "br":
            flush(lvl, region)
            continue
        if tag in _CELL and current and current[-1].text.strip():
            # a separator between cells (the file holds none: it stands on the cell before's end)
            at = current[-1].source()[1] - 1
            current.append(MappedText.standing_on(CELL_SEPARATOR, at))
        if tag in _CELL and id(item) in labels and (first := _first_offset(item)) is not None:
            # the column's header before the cell, standing on the cell's first character
            current.append(MappedText.standing_on(cell_label(labels[id(item)]), first))
        if tag in _BLOCK:
            flush(lvl, region)
        if tag == "table":
            tables += 1
            region = tables
        if tag[:1] == "h" and tag[1:].isdigit() and len(tag) == 2:
            lvl = int(tag[1])
        stack.append((item, False, lvl, region))
        stack.extend((c, True, lvl, region) for c in reversed(item.children))
    flush(level)
    return blocks


def _header_labels(root: _Node) -> dict[int, str]:
    """For the cells of every table whose first row is a header (short labels: 序号, 工作任务,
    牵头单位, 完成时限), the header of the cell's column, by the cell's id."""
    out: dict[int, str] = {}
    for table in (n for n in _walk(root) if n.tag == "table"):
        rows = [r for r in _walk(table) if r.tag == "tr" and _table_of(r) is table]
        cells = [[c for c in r.children if isinstance(c, _Node) and c.tag in _CELL] for r in rows]
        header = table_header([_text(c) for c in cells[0]], len(rows)) if rows else None
        if header is None:
            continue
        spanned: dict[int, int] = {}  # column -> rows a cell above still covers (rowspan)
        for row in cells[1:]:
            columns, col = [], 0
            for c in row:
                while spanned.get(col, 0) > 0:
                    col += 1
                columns.append(col)
                down, across = _span(c, "rowspan"), _span(c, "colspan")
                for k in range(col, col + across):
                    spanned[k] = down
                col += across
            for k in spanned:
                spanned[k] -= 1
            if col == len(header):  # the row fills the header's columns, spans included
                out.update((id(c), header[k]) for c, k in zip(row, columns, strict=True))
    return out


def _span(cell: _Node, attr: str) -> int:
    """A cell's rowspan or colspan (1 when absent or unreadable, at most 100)."""
    value = cell.attrs.get(attr, "1").strip()
    return min(int(value), 100) if value.isdigit() and int(value) > 0 else 1


def _table_of(node: _Node) -> _Node | None:
    n = node.parent
    while n is not None and n.tag != "table":
        n = n.parent
    return n


def _first_offset(node: _Node) -> int | None:
    """Where the first character of text under ``node`` stands in the source."""
    stack: list[_Node | MappedText] = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, MappedText):
            if n.text.strip():
                return n.origin(len(n.text) - len(n.text.lstrip()))
        elif not _dropped(n) or n is node:
            stack.extend(reversed(n.children))
    return None


def _gov_fields(root: _Node) -> dict[str, str]:
    """标题, 文号, 颁布单位 and 颁布时间 from a gov.cn-style metadata table (label cell, then
    value cell; or 「label：value」 in one cell). A table that gives two of them is marked as
    furniture: its colons are no text, and a short notice would otherwise lose its main text
    to the container that holds both."""
    fields: dict[str, str] = {}
    for table in (n for n in _walk(root, furniture=True) if n.tag == "table"):
        cells = [_text(c) for c in _walk(table, furniture=True) if c.tag in _CELL]
        known = 0
        for i, cell in enumerate(cells):
            m = _LABEL.match(cell)
            if not m:
                continue
            label = re.sub(r"[\s\u3000]", "", m.group(1))
            key = INFO_FIELDS.get(label)
            value = m.group(2).strip() or (cells[i + 1].strip() if i + 1 < len(cells) else "")
            if key and value and not _LABEL.match(value):
                known += 1
                fields.setdefault(key, re.sub(r"[\s\u3000]+", " ", value))
        table.furniture = known >= 2
    return fields


def _text(node: _Node) -> str:
    parts: list[str] = []
    stack: list[_Node | MappedText] = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, MappedText):
            parts.append(n.text)
        elif n.tag not in ("script", "style"):
            stack.extend(reversed(n.children))
    return "".join(parts).strip()
