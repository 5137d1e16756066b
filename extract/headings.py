"""Heading patterns of Chinese official documents, with their numbers as integers.

篇/部分/编/分编/章/节/条 carry 第… (a five-year plan's outline groups its chapters in parts, 篇,
other plans their parts or chapters in 部分; a
code such as 民法典 groups them in books, 编, and these in sub-books, 分编); parts are 一、; enumerated items are （一）; boxes are 专栏N; what follows the
signature is an annex (附件, 附件2, 附件1：任务分工表) — not the list of annexes in the text
(附件：1.…), which numbers nothing after 附件. Under the items, official documents number
points 1. and sub-points （1） (GB/T 9704's four levels: 一、（一）1.（1）); a point is read
apart (``match_point``) because 1. also opens lines that are no heading (a list of annexes,
a box's entries, a table's rows). Numbers may be Chinese numerals (二十五) or digits, so one
converter serves every level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import cn2an

CN_NUM = "〇零一二三四五六七八九十百千两"
NUM = rf"[{CN_NUM}0-9０-９]+"
# what follows 第X条 when the text refers to an article rather than opens one: 第二十条规定的,
# 第四十八条有关规定, 第三条、第四条, 第五条第二款
ARTICLE_REFERENCE = "规定|有关|所称|所列|的|、|至|和|中|之|第|或"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # a five-year plan's outline groups its chapters, numbered on through the whole text, in
    # parts: 第十一篇 推动绿色发展 / 第三十七章 …
    ("volume", re.compile(rf"^第\s*(?P<num>{NUM})\s*篇[\s\u3000]*(?P<rest>.*)$")),
    # other plans and reports group their parts (一、) or chapters so: 第一部分 发展基础与形势;
    # a heading, never a sentence (第二部分为…。 describes the text)
    (
        "portion",
        re.compile(
            rf"^第\s*(?P<num>{NUM})\s*部分[\s\u3000]*[：:]?[\s\u3000]*(?P<rest>[^。；;，,：:]{{0,40}})$"
        ),
    ),
    ("book", re.compile(rf"^第\s*(?P<num>{NUM})\s*编[\s\u3000]*(?P<rest>.*)$")),
    ("subbook", re.compile(rf"^第\s*(?P<num>{NUM})\s*分编[\s\u3000]*(?P<rest>.*)$")),
    ("chapter", re.compile(rf"^第\s*(?P<num>{NUM})\s*章[\s\u3000]*(?P<rest>.*)$")),
    ("section", re.compile(rf"^第\s*(?P<num>{NUM})\s*节[\s\u3000]*(?P<rest>.*)$")),
    ("article", re.compile(rf"^第\s*(?P<num>{NUM})\s*条[\s\u3000]*(?P<rest>.*)$")),
    ("box", re.compile(r"^专栏\s*(?P<num>[0-9０-９]+|[" + CN_NUM + r"]+)[\s\u3000]*(?P<rest>.*)$")),
    # not numbers listed (二、三项规定的, 一、二类): a line a wrap opened inside a citation
    ("part", re.compile(rf"^(?P<num>[{CN_NUM}]+)\s*、(?![{CN_NUM}]+[项款条目类])\s*(?P<rest>.*)$")),
    ("item", re.compile(rf"^[（(]\s*(?P<num>[{CN_NUM}]+|[0-9０-９]+)\s*[）)]\s*(?P<rest>.*)$")),
    ("annex", re.compile(r"^附\s*件\s*(?P<num>[0-9０-９]{0,2})\s*$")),
    (
        "annex",
        re.compile(
            r"^附\s*件\s*(?P<num>[0-9０-９]{1,2})\s*[：:]?[\s\u3000]*(?P<rest>[^。；：:]{2,40})$"
        ),
    ),
)

# the characters a heading can open with: 第, 专栏, 附件, a numeral (一、) or a bracket (（一）)
_OPENERS = frozenset("第专附（(" + CN_NUM)


@dataclass(frozen=True, slots=True)
class Heading:
    type: str  # volume | portion | book | subbook | chapter | section | article | box | part | item | annex | point
    number: int | None
    rest_start: int  # where the text after the numbering starts in the matched string


@lru_cache(maxsize=4096)
def to_int(numeral: str) -> int | None:
    """二十五 → 25, ２５ → 25; None when it is not a number (remembered: cn2an is slow, and a
    document numbers its headings with the same few numerals)."""
    numeral = numeral.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if numeral.isdigit():
        return int(numeral)
    try:
        return int(cn2an.cn2an(numeral, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def match_heading(text: str) -> Heading | None:
    """The heading ``text`` opens with, if any (``text`` already stripped of indentation)."""
    if text[:1] not in _OPENERS:  # most lines and paragraphs: no pattern to try
        return None
    for kind, pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            if kind == "annex" and not m.group("num"):  # 附件 alone: the only annex
                return Heading(kind, 1, m.end())
            number = to_int(m.group("num"))
            if number is None:
                continue
            return Heading(kind, number, m.start("rest") if "rest" in m.groupdict() else m.end())
    return None


# 1. or 1、 before a word: never a decimal (1.5万吨), a date (12.31) nor numbers listed (3、4项)
_POINT = re.compile(r"^(?P<num>[0-9０-９]{1,2})\s*[.．、](?![0-9０-９.．、])\s*(?P<rest>\S)")


def match_point(text: str) -> Heading | None:
    """The point ``text`` opens with (1.加快推进立法进程), the level under （一）, if any."""
    m = _POINT.match(text) if text[:1].isdigit() else None
    if m is None:
        return None
    return Heading("point", to_int(m.group("num")), m.start("rest"))


# 1.1编制目的, 2.3 应急响应, 4.2.1 预警分级: the outline of an emergency plan (应急预案) or a
# technical guide, under its 1. 总则; the title a heading's (short, no sentence), and no figure
# (1.5万吨, 2.5倍, 3.2平方公里 open sentences)
_DECIMAL = re.compile(
    r"^(?P<nums>[0-9０-９]{1,2}(?:[.．][0-9０-９]{1,2}){1,3})(?![0-9０-９])[.．、]?[\s\u3000]*"
    r"(?P<rest>(?![万亿千百%％倍个吨米元度平公亩立毫微克升])[^\s\d.．、，,。；;：:][^。；;，,：:]{0,29})$"
)


def match_decimal(text: str) -> tuple[int, int, int] | None:
    """``(depth, number, title start)`` of a decimal outline heading (1.1编制目的: depth 2,
    number 1), if ``text`` is one."""
    m = _DECIMAL.match(text) if text[:1].isdigit() else None
    if m is None:
        return None
    numbers = re.split(r"[.．]", m.group("nums"))
    last = to_int(numbers[-1])
    return (len(numbers), last, m.start("rest")) if last is not None else None


def is_subpoint(text: str) -> bool:
    """（1）: an item numbered in digits, the level under a point (1.) when one stands above."""
    return bool(_SUBPOINT.match(text))


_SUBPOINT = re.compile(r"^[（(]\s*[0-9０-９]+\s*[）)]")
