"""Shared text helpers for the deadline and target components.

Both components match on a *normalised copy* of the text: full-width digits and signs become
ASCII one character for one character, so every offset found in the copy is an offset into the
original. PDF spaces (``到 2020 年``, ``减少 50%``) are left in place and matched with ``SP``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol, TypeVar

import cn2an

from policykg.extract import sentences
from policykg.extract.prefilter import starting_with

# Full-width digits, Latin letters and number signs -> ASCII, one for one, so offsets survive.
# Chinese punctuation (，；（）) is kept: the clause rules below look for it as written.
_FULL_WIDTH = str.maketrans(
    {chr(0xFF10 + i): chr(0x30 + i) for i in range(10)}
    | {chr(0xFF21 + i): chr(0x41 + i) for i in range(26)}
    | {chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}
    | dict(zip("％．／－～", "%./-~", strict=True))
)

SP = r"[ \t\u00a0\u3000]*"
"""Optional PDF spacing between the parts of a number, date or unit."""

YEAR = r"(?<![\d.])(?:19|20)\d{2}(?![\d.])"
"""A four-digit calendar year (1900-2099), not part of a longer number."""
# The digits of every YEAR: a test for them needs no lookbehind at each position, so the regex
# engine skips to the next 1 or 2 at C speed; a text without them names no year.
_YEAR_DIGITS = re.compile(r"(?:19|20)\d{2}")

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"

CLAUSE_END = "，,；;。：:！!？?\n"
SENTENCE_END = sentences.SENTENCE_END + "\n"


_HAS_FULL_WIDTH = re.compile(f"[{''.join(re.escape(chr(c)) for c in sorted(_FULL_WIDTH))}]")


def normalise(text: str) -> str:
    """Map full-width digits and signs to ASCII without changing any offset."""
    if _HAS_FULL_WIDTH.search(text) is None:  # the usual case; translate() is slow on CJK text
        return text
    return text.translate(_FULL_WIDTH)


def cn_number(numeral: str) -> float | None:
    """``十三`` -> 13.0, ``三`` -> 3.0; None when it is not a Chinese numeral."""
    try:
        return float(cn2an.cn2an(numeral, "normal"))
    except (ValueError, KeyError, TypeError):
        return None


def sentence_start(text: str, pos: int) -> int:
    """Offset where the sentence holding ``pos`` begins (after 。！？ or a line break)."""
    i = pos
    while i > 0 and text[i - 1] not in SENTENCE_END:
        i -= 1
    return i


def clause_start(text: str, pos: int) -> int:
    """Offset where the clause holding ``pos`` begins (after ，；：。 or a line break)."""
    i = pos
    while i > 0 and text[i - 1] not in CLAUSE_END:
        i -= 1
    return i


def clause_end(text: str, pos: int) -> int:
    """Offset one past the clause holding ``pos`` (at the next ，；：。 or line break)."""
    i = pos
    while i < len(text) and text[i] not in CLAUSE_END:
        i += 1
    return i


_TITLE_MARKS = re.compile("[《》]")


def title_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges inside 《…》: years and numbers there are part of a name, not of a measure."""
    ranges: list[tuple[int, int]] = []
    if "《" not in text:
        return ranges
    depth, start = 0, 0
    for m in _TITLE_MARKS.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0:
                ranges.append((start, i + 1))
    return ranges


class _Starting(Protocol):
    @property
    def start(self) -> int: ...


_Found = TypeVar("_Found", bound=_Starting)


def uncited(found: list[_Found], text: str) -> list[_Found]:
    """``found`` without what starts inside a cited title of ``text`` (《浙江省物业管理条例》, 《国务院
    关于…的决定》): a place or a body there names an act, not where or by whom the text acts."""
    titles = title_ranges(text)
    return [f for f in found if not inside(f.start, titles)] if titles else found


def inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether offset ``pos`` falls in one of ``ranges``."""
    return any(s <= pos < e for s, e in ranges)


@dataclass(frozen=True)
class Baseline:
    """A reference year a change is measured from: 比2015年, 在2010年的基础上."""

    start: int
    end: int
    year: int
    standalone: bool
    """True when the phrase is a clause of its own (与2015年相比，…) and so governs the rest
    of the sentence, not only its own clause."""


_BASE_SUFFIX = r"(?:的" + SP + r")?(?:基础上|水平上|为基准|为基数|为基期|为基年|为基础|相比|比较)"
BASELINE_RE = starting_with(
    "比较相在以与同和跟12",
    # 比2015年 / 较2015年底: the comparative prefix alone makes it a baseline.
    rf"(?:比|较|相比|相较于?|相对于?){SP}(?P<y1>{YEAR}){SP}年(?:{SP}[底末])?"
    rf"(?:{SP}{_BASE_SUFFIX})?"
    # 在2010年的基础上 / 与2015年相比 / 以2015年为基准: the suffix makes it a baseline.
    rf"|(?:(?:在|以|与|同|和|跟){SP})?(?P<y2>{YEAR}){SP}年(?:{SP}[底末])?{SP}{_BASE_SUFFIX}",
)


def find_baselines(text: str) -> list[Baseline]:
    """Every baseline phrase in (normalised) ``text``, in order."""
    if _YEAR_DIGITS.search(text) is None:  # most paragraphs name no year, so no baseline
        return []
    found = []
    for m in BASELINE_RE.finditer(text):
        year = int(m.group("y1") or m.group("y2"))
        rest = text[m.end() : m.end() + 2].lstrip(" \u3000")
        found.append(Baseline(m.start(), m.end(), year, standalone=rest[:1] in ("，", ",")))
    return found
