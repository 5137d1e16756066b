"""Fines (罚款, 罚金) a rule sets, with their amounts: 处二万元以上二十万元以下的罚款.

Researchers compare how hard local rules punish: which regulations fine dust above ten thousand
yuan, whether a city fines individuals less than units. A fine is neither a target (a sanction
commits no one to a quantity; ``targets`` skips it) nor an instrument (罚款 is one cue of
法规管制, one mention per unit), so it is a family of its own: one mention per amount, at the
characters from the amount to 罚款, with

- ``minimum`` and ``maximum`` in yuan: both for a range (一万元以上十万元以下), one for an open
  or capped bound (处一万元以上罚款, 可处以二万元以下的罚款), both equal for a fixed sum
  (处五千元的罚款, 罚款二百元);
- or ``multiple_min`` and ``multiple_max``, multiples of a base the text names (``of``):
  违法所得一倍以上三倍以下, 项目投资额百分之二以上百分之四以下 (0.02 to 0.04),
  中标项目金额千分之五以上千分之十以下 (0.005 to 0.01);
- ``party``, whom the clause fines when it says so (对单位处…, 对个人处…, 对直接负责的主管人员
  和其他直接责任人员处…), and ``per``, what a sum is counted by (每平方米处二千元罚款: 平方米);
- ``label`` 罚款 (an administrative fine) or 罚金 (a criminal one).

Amounts are read on the normalised text (full-width digits as ASCII), in Chinese numerals
(一万五千, 两万) or digits (1万, 5000). A fine the text states without an amount (处以罚款,
依法处以罚款) is no mention: the instrument already records it, and it has nothing to compare.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from policykg.extract.numbers import SP, clause_start, cn_number, normalise
from policykg.extract.spans import add_spans, doc_text

MENTION_TYPE = "fine"

_NUM = r"(?:\d+(?:[.,]\d+)*|[零〇一二两三四五六七八九十百千万亿]+)"
_AMOUNT = rf"(?:人民币{SP})?{_NUM}{SP}(?:万|亿)?"  # 人民币一万元 names the currency
# the word that closes a fine: 罚款, 罚金, 计算罚款 (按照…的一倍以上三倍以下计算罚款)
_FINE = rf"{SP}(?:的)?{SP}(?:计算)?(?P<word>罚款|罚金)"
# a sum in yuan: a range, a floor, a cap or one sum, before 罚款
_SUM = re.compile(
    rf"(?:(?P<lo>{_AMOUNT}){SP}元?{SP}以上{SP}(?P<hi>{_AMOUNT}){SP}元{SP}以下"
    rf"|(?P<lo2>{_AMOUNT}){SP}元?{SP}(?:至|到|~|-){SP}(?P<hi2>{_AMOUNT}){SP}元(?:{SP}以下)?"
    rf"|(?:不超过|不高于|最高){SP}(?P<cap>{_AMOUNT}){SP}元(?:{SP}以下)?"
    rf"|(?P<cap2>{_AMOUNT}){SP}元{SP}以下"
    rf"|(?:不少于|不低于){SP}(?P<floor>{_AMOUNT}){SP}元(?:{SP}以上)?"
    rf"|(?P<floor2>{_AMOUNT}){SP}元{SP}以上"
    rf"|(?P<one>{_AMOUNT}){SP}元){_FINE}"
)
# 罚款 before its sum: 处罚款二百元, 罚款数额为五千元, 罚款额为人民币五千元, 罚款五千元以上
_SUM_AFTER = re.compile(
    rf"(?P<word>罚款|罚金)(?:数额|金额|额)?(?:为)?{SP}(?P<one>{_AMOUNT}){SP}元(?:{SP}以(?P<bound>[上下]))?"
)
_TIMES = rf"(?:{_NUM}{SP}倍|[百千万]分之{_NUM}|{_NUM}{SP}[%‰])"
# a multiple of a base the text names: 违法所得一倍以上三倍以下, 项目投资额百分之二以上百分之四以下
_MULTIPLE = re.compile(
    rf"(?:(?P<lo>{_TIMES}){SP}以上{SP}(?P<hi>{_TIMES}){SP}以下"
    # 一到三倍, 一至三倍: the first number takes the second's 倍
    rf"|(?P<lo2>{_TIMES}|{_NUM}){SP}(?:至|到|~|-){SP}(?P<hi2>{_TIMES})(?:{SP}以下)?"
    rf"|(?P<cap>{_TIMES}){SP}以下"
    rf"|(?P<one>{_TIMES})){_FINE}"
)
_MULTIPLE_MARK = re.compile("倍|分之|[%‰]")  # what every multiple holds
# what opens the base of a multiple in its clause: 处, 并处以, 按照 (…的一倍以上三倍以下计算罚款)
_BASE_OPENER = re.compile(r"(?:处以?|按照|按)")
# whom the clause fines: 对单位处…, 并由城市管理综合执法部门对个人处以…
_PARTY = re.compile(r"对(?P<party>[^，,；;。：:处罚]{1,30}?)(?:可以|可)?(?:并)?(?:处|罚款)")
_PRONOUNS = frozenset({"其", "该", "他", "他们", "其中"})
# what a sum is counted by: 每平方米处二千元罚款, 按每日…
_PER = re.compile(r"每(?P<per>[^，,；;。：:处罚\d零〇一二两三四五六七八九十百千万]{1,6})")


@dataclass(frozen=True)
class Fine:
    """One fine with an amount: exact offsets into the text and what the amount is."""

    start: int
    end: int
    word: str  # 罚款 or 罚金
    minimum: float | None = None  # yuan
    maximum: float | None = None
    multiple_min: float | None = None  # of ``of``: 1.0 for 一倍, 0.02 for 百分之二
    multiple_max: float | None = None
    of: str | None = None  # the base of a multiple: 违法所得, 货值金额
    party: str | None = None  # whom the clause fines: 单位, 个人
    per: str | None = None  # what a sum is counted by: 平方米

    def attrs(self) -> dict[str, Any]:
        """The facts stored on the mention (``label`` is the word: 罚款 or 罚金)."""
        out: dict[str, Any] = {"label": self.word}
        for key in ("minimum", "maximum", "multiple_min", "multiple_max", "of", "party", "per"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


_SPACES = re.compile(SP)


@lru_cache(maxsize=4096)
def _number(text: str) -> float | None:
    """一万五千 -> 15000.0, 1万 -> 10000.0, 5,000 -> 5000.0; None when it is not a number
    (remembered: cn2an is slow, and rules repeat the same few sums)."""
    text = _SPACES.sub("", text).removeprefix("人民币")
    if not text:
        return None
    scale = 1.0
    if text[-1:] in "万亿" and text[:-1].replace(".", "").replace(",", "").isdigit():
        scale, text = (1e4 if text[-1] == "万" else 1e8), text[:-1]
    if text.replace(".", "", 1).replace(",", "").isdigit():
        return float(text.replace(",", "")) * scale
    value = cn_number(text)
    return value * scale if value is not None else None


_PARTS = {"百": 100, "%": 100, "千": 1000, "‰": 1000, "万": 10000}


def _times(text: str) -> float | None:
    """一倍 -> 1.0, 百分之二 -> 0.02, 千分之五 -> 0.005, 5% -> 0.05."""
    text = _SPACES.sub("", text)
    if not text:
        return None
    if text[1:3] == "分之":  # 百分之二, 千分之五, 万分之三
        n = _number(text[3:])
        return n / _PARTS[text[0]] if n is not None else None
    if text[-1:] in "%‰":
        n = _number(text[:-1])
        return n / _PARTS[text[-1]] if n is not None else None
    return _number(text.removesuffix("倍"))


def _party_and_per(text: str, start: int) -> tuple[str | None, str | None]:
    """Whom the clause before ``start`` fines (对单位处), and what its sum is counted by."""
    before = text[clause_start(text, start) : start]
    party = per = None
    for m in _PARTY.finditer(before):
        party = m.group("party")
    if party in _PRONOUNS:  # 对其处…: the party the condition named, said before
        party = None
    m = _PER.search(before)
    if m:
        per = m.group("per")
    return party, per


def _base(text: str, start: int) -> tuple[int, str | None]:
    """The base a multiple at ``start`` is of, and where it begins: the words after the
    clause's last 处 or 按照 (并处货值金额一倍…: 货值金额), without a closing 的."""
    clause = clause_start(text, start)
    opener = None
    for m in _BASE_OPENER.finditer(text, clause, start):
        opener = m
    if opener is None:
        return start, None
    base = text[opener.end() : start].strip()
    base = base.removesuffix("的").strip()
    if not (2 <= len(base) <= 30):
        return start, None
    return start - len(text[opener.end() : start].lstrip()), base


def find_fines(text: str) -> list[Fine]:
    """Every fine with an amount in ``text``, in order, with exact offsets."""
    if "罚" not in text:
        return []
    norm = normalise(text)
    out: dict[tuple[int, int], Fine] = {}
    for fine in _sums(norm) if "元" in norm else ():  # a sum is in yuan
        out.setdefault((fine.start, fine.end), fine)
    for fine in _multiples(norm) if _MULTIPLE_MARK.search(norm) else ():
        if not any(s <= fine.end and fine.start <= e for s, e in out):
            out[(fine.start, fine.end)] = fine
    return [out[k] for k in sorted(out)]


def _first(m: re.Match[str], *names: str) -> str:
    """The first of the named groups that matched, or ""."""
    return next((g for g in map(m.group, names) if g), "")


def _sums(norm: str) -> Iterator[Fine]:
    for m in _SUM.finditer(norm):
        lo = _number(_first(m, "lo", "lo2", "floor", "floor2", "one"))
        hi = _number(_first(m, "hi", "hi2", "cap", "cap2", "one"))
        if lo is None and hi is None:
            continue
        party, per = _party_and_per(norm, m.start())
        yield Fine(m.start(), m.end(), m.group("word"), lo, hi, party=party, per=per)
    for m in _SUM_AFTER.finditer(norm):
        value = _number(m.group("one"))
        if value is None:
            continue
        bound = m.group("bound")  # 罚款五千元以上: a floor; 以下: a cap
        lo, hi = (None if bound == "下" else value), (None if bound == "上" else value)
        party, per = _party_and_per(norm, m.start())
        yield Fine(m.start(), m.end(), m.group("word"), lo, hi, party=party, per=per)


def _like(plain: str | None, model: str | None) -> str | None:
    """A bare first number of a range written as the second is (一到三倍: 一倍; 2至4%: 2%;
    一至百分之三: 百分之一), or the first as written when it has its own mark."""
    if not plain or not model:
        return None
    if re.search(r"倍|分之|[%‰]", plain):
        return plain
    if "分之" in model:
        return model[: model.index("分之") + 2] + plain
    return plain + ("倍" if model.endswith("倍") else model[-1])


def _multiples(norm: str) -> Iterator[Fine]:
    for m in _MULTIPLE.finditer(norm):
        lo = _times(_like(m.group("lo2"), m.group("hi2")) or _first(m, "lo", "one"))
        hi = _times(_first(m, "hi", "hi2", "cap", "one"))
        if lo is None and hi is None:
            continue
        start, base = _base(norm, m.start())
        if base is None:  # 一倍以上三倍以下 of nothing named: no amount to read
            continue
        party, _ = _party_and_per(norm, start)
        yield Fine(start, m.end(), m.group("word"), None, None, lo, hi, base, party)


class FineFinder:
    """Record fines under ``doc.spans[spans_key]`` with label "fine"."""

    def __init__(self, spans_key: str = "fines") -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        """Find the fines of ``doc`` and add them to its span group.

        doc (Doc): one text unit (or a piece of one).
        RETURNS (Doc): the same document, annotated.
        """
        if self.spans_key not in doc.spans:
            doc.spans[self.spans_key] = []
        fines = find_fines(doc_text(doc))
        add_spans(
            doc, self.spans_key, MENTION_TYPE, ((f.start, f.end, "", f.attrs()) for f in fines)
        )
        return doc


@Language.factory("policykg_fines", assigns=["doc.spans"], default_config={"spans_key": "fines"})
def make_fines(nlp: Language, name: str, spans_key: str) -> FineFinder:
    """Build the fine component (spaCy factory)."""
    return FineFinder(spans_key)
