"""Division headings as the documents write them: 第六章, 第二节, 一、, （一）, 专栏5.

The one formatter of a unit's place, shared by the command line, citations and the graph views,
so that a reader finds the heading they were shown by searching the document for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

_CN_DIGITS = "零一二三四五六七八九"
# chapters, sections, parts and groups number in Chinese numerals; boxes as printed (专栏5)
_FORMATS = {
    "annex": "附件{n}",
    "volume": "第{cn}篇",
    "portion": "第{cn}部分",
    "book": "第{cn}编",
    "subbook": "第{cn}分编",
    "chapter": "第{cn}章",
    "section": "第{cn}节",
    "article": "第{cn}条",
    "part": "{cn}、",
    "subpart": "（{cn}）",
    "point": "{n}.",
    "group": "（{cn}）",
    "box": "专栏{n}",
}
# headings the documents print with their title straight after the number: 一、总体要求,
# （一）开展调查, 1.加快立法 (a box group keeps the space it has always had: （一） 重点工程)
_JOINED = frozenset({"part", "subpart", "point"})


def cn_number(n: int) -> str:
    """Chinese numeral for 1..999 as laws number their articles (六, 十二, 二十, 一百零一,
    一百一十); other values stay Arabic."""
    if not 0 < n < 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = _CN_DIGITS[hundreds] + "百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else _CN_DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (_CN_DIGITS[ones] if ones else "")


def heading(division: Mapping[str, Any]) -> str:
    """``第二节 加大重金属污染防治力度``, ``一、总体要求``, ``专栏5``; ``""`` when it has neither
    a number nor a title. ``division`` is an item's parent: ``type``, ``number``, ``title``."""
    number, title = division.get("number"), division.get("title") or ""
    form = _FORMATS.get(division["type"])
    head = form.format(cn=cn_number(number), n=number) if form and number is not None else ""
    if head and division["type"] in _JOINED:
        return head + title
    return f"{head} {title}".strip()


def place(parents: Iterable[Mapping[str, Any]]) -> str:
    """Where a unit stands, outermost first: ``第六章 / 第二节 加大重金属污染防治力度``."""
    return " / ".join(h for h in map(heading, parents) if h)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, the cut marked with …: labels of nodes, rows,
    legends and cells that must stay readable."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
