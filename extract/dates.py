"""Calendar dates as official documents print them: 2021年5月17日, 二〇一六年十一月二十四日.

Signatures write the year digit by digit in Chinese numerals and the month and day in tens
(十一月二十四日); headers and fields use Arabic digits, with PDF spaces anywhere between.
"""

from __future__ import annotations

import re
from datetime import date as Date

_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}

DATE = re.compile(
    r"(?P<y>\d{4}|[〇○Ｏ零一二三四五六七八九]{4})\s*年\s*"
    r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
    r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
"""A full date; its groups ``y``, ``m`` and ``d`` are what ``iso`` reads."""


def iso(m: re.Match[str]) -> str | None:
    """The ISO date of a ``DATE`` match (or of any match with groups y, m, d); None if invalid."""
    return valid(_cn_int(m.group("y")), _cn_int(m.group("m")), _cn_int(m.group("d")))


def valid(year: int, month: int, day: int) -> str | None:
    """``year-month-day`` in ISO form when it is a real date between 1900 and 2100."""
    try:
        return Date(year, month, day).isoformat() if 1900 <= year <= 2100 else None
    except ValueError:
        return None


def _cn_int(numeral: str) -> int:
    """`2021`, `二〇二一` (digit by digit) or `十七` (tens) → int; -1 when unreadable."""
    if numeral.isdecimal():
        return int(numeral)
    if "十" in numeral:
        tens, _, units = numeral.partition("十")
        if tens not in _CN_DIGIT and tens or units not in _CN_DIGIT and units:
            return -1
        return _CN_DIGIT.get(tens, 1) * 10 + _CN_DIGIT.get(units, 0)
    digits = [_CN_DIGIT.get(c, -1) for c in numeral]
    return -1 if -1 in digits else int("".join(map(str, digits)))
