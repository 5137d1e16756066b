"""Quantitative targets in policy text: 减少 50%, 达到 95 立方米/公顷, 分别下降25%、20%、15%左右.

A target is a quantity with a unit that a measure commits to: either a direction verb governs
it (下降, 达到, 控制在 …) or a deadline earlier in its sentence does (到2020年，建设储备林1400万公顷).
Quantities that only describe scope (等16个重点区域, （16个）), ranges (15—25度), ordinals (第3条),
durations (3个月) and numbers glued to Latin letters (PM2.5) are not targets.

Each target records ``value``, ``unit`` (as written, with its magnitude: 万公顷), ``comparator``
(≈ ≥ ≤ =), ``direction`` (decrease / increase / reach / cap, or None for output targets such as
建成10个), ``baseline`` and ``year`` (ints or None), ``indicator`` and ``subject`` (str or None).
The span is the quantity as written with its comparator word: ``15%左右``, ``不低于80%``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass
from typing import Any

import jieba
import jieba.posseg
from spacy.language import Language
from spacy.tokens import Doc

from policykg.extract.deadlines import find_deadlines
from policykg.extract.numbers import (
    SP,
    Baseline,
    clause_end,
    clause_start,
    cn_number,
    find_baselines,
    inside,
    normalise,
    sentence_start,
    title_ranges,
)
from policykg.extract.prefilter import starting_with
from policykg.extract.spans import add_spans, doc_text

jieba.setLogLevel(logging.WARNING)

APPROX, AT_LEAST, AT_MOST, EQUAL = "≈", "≥", "≤", "="

_COMPARATORS = {
    "左右": APPROX, "上下": APPROX, "约": APPROX, "近": APPROX, "接近": APPROX,
    "以上": AT_LEAST, "不低于": AT_LEAST, "不少于": AT_LEAST, "至少": AT_LEAST,
    "超过": AT_LEAST, "高于": AT_LEAST, "多于": AT_LEAST, "大于": AT_LEAST,
    "不小于": AT_LEAST,
    "以下": AT_MOST, "以内": AT_MOST, "不超过": AT_MOST, "不高于": AT_MOST,
    "不大于": AT_MOST, "低于": AT_MOST, "少于": AT_MOST, "小于": AT_MOST, "不到": AT_MOST,
}  # fmt: skip

# Comparators that make a quantity a commitment even without a verb: 浓度不超过35微克/立方米.
_PLEDGES = {
    "不超过": "cap", "不高于": "cap", "不大于": "cap",
    "不低于": "reach", "不少于": "reach", "不小于": "reach", "至少": "reach",
}  # fmt: skip

# Direction verbs, longest first so 提高到 wins over 提高. A verb with 到/至 names a level to
# reach, not a change, so 下降到30% is "reach".
_DIRECTIONS = {
    "reach": "达到|稳定在|保持在|维持在|提高到|提高至|提升到|提升至|增加到|增加至|增长到|增长至|"
    "下降到|下降至|降低到|降低至|减少到|减少至|降到|降至|减至|增至|保持|达|占",
    "cap": "控制在|控制到|控制于|压减到|压减至|压缩到|压缩至",
    "decrease": "减少|下降|削减|降低|压减|压降|压缩|减排|减低|缩减",
    "increase": "提高|提升|增加|增长|新增|扩大|上升",
}
_VERB_DIRECTION = {v: d for d, verbs in _DIRECTIONS.items() for v in verbs.split("|")}
_VERB = "|".join(sorted(_VERB_DIRECTION, key=len, reverse=True))
_VERB_RE = re.compile(_VERB)
_VERB_BEFORE_RE = re.compile(rf"(?P<verb>{_VERB})(?:{SP}(?:了|到|至))?{SP}$")

_MAGNITUDE = "(?:百万|千万|十万|万|亿|千|百)"
_BASE_UNIT = (
    "个百分点|百分点|%|‰|倍|"
    "平方公里|平方千米|平方米|公顷|亩|立方米|升|公里|千米|米|"
    "吨标准煤|吨标煤|吨|千克|公斤|毫克|微克|克|千瓦时|千瓦|瓦|元|"
    "个|座|家|项|处|台|辆|套|条|所|艘|株|户|人|次|种"
)
_PER_UNIT = f"{_BASE_UNIT}|年|天|日|小时|秒"
UNIT = rf"{_MAGNITUDE}?(?:{_BASE_UNIT})(?:{SP}/{SP}{_MAGNITUDE}?(?:{_PER_UNIT}))?"

_PRE = "|".join(sorted((w for w in _COMPARATORS if w not in ("左右", "上下", "以上", "以下", "以内")),
                       key=len, reverse=True))  # fmt: skip
QUANTITY_RE = starting_with(
    rf"\d{''.join(sorted({w[0] for w in _PRE.split('|')}))}",  # a digit or a comparator
    rf"(?:(?P<pre>{_PRE}){SP})?"
    r"(?P<num>(?<![\dA-Za-z.])\d+(?:\.\d+)?(?![\d.]))"
    rf"(?:{SP}(?P<unit>{UNIT}))?"
    rf"(?:{SP}(?P<suf>左右|上下|以上|以下|以内))?",
)
# Chinese numerals only right after a direction verb: 提高一倍, 下降三个百分点.
CN_QUANTITY_RE = re.compile(
    rf"(?<=[{''.join(sorted({v[-1] for v in _VERB_DIRECTION}))}])"
    rf"(?P<num>[零〇一二两三四五六七八九十百千]+)(?P<unit>个百分点|倍|%)"
)
_LIST_SEP_RE = re.compile(rf"{SP}(?:、|和|及|与){SP}")
_RANGE_BEFORE_RE = re.compile(rf"\d{SP}(?:[—–~-]+|至|到){SP}$")
_RANGE_AFTER_RE = re.compile(rf"{SP}(?:[—–~-]+|至|到){SP}\d")
_SCOPE_WORDS = ("等", "这", "该", "上述", "其中", "第")
_TIME_AFTER_COUNT = ("月", "工作日", "小时", "星期", "季度", "世纪", "年度")

_LEADING = re.compile(
    r"^(?:力争|争取|确保|努力|基本|进一步|累计|总计|全部|同时|其中|并且|并|要|将|应)+"
)
_TRAILING = re.compile(r"(?:分别|均|都|要|将|应|需|可)+$")


@dataclass(frozen=True)
class Target:
    """One quantitative target: exact offsets into the text and its normalised meaning."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    comparator: str
    direction: str | None
    baseline: int | None
    year: int | None
    indicator: str | None
    subject: str | None

    def attrs(self) -> dict[str, Any]:
        """The facts to store on the span."""
        facts = asdict(self)
        for key in ("start", "end", "text"):
            del facts[key]
        return facts


@dataclass
class _Quantity:
    start: int
    end: int
    value: float
    unit: str | None
    comparator: str | None
    pledge: str | None = None
    """A comparator that commits by itself (不超过35微克/立方米), standing in for a verb."""


def _quantities(norm: str) -> list[_Quantity]:
    """Every number with its optional unit and comparator, in text order."""
    found: list[_Quantity] = []
    for m in QUANTITY_RE.finditer(norm):
        pre, suf = m.group("pre"), m.group("suf")
        comparator = _COMPARATORS[suf] if suf else _COMPARATORS[pre] if pre else None
        unit = re.sub(r"\s+", "", m.group("unit")) if m.group("unit") else None
        start = m.start() if pre else m.start("num")
        pledge = pre if pre in _PLEDGES else None
        found.append(_Quantity(start, m.end(), float(m.group("num")), unit, comparator, pledge))
    for m in CN_QUANTITY_RE.finditer(norm):
        value = cn_number(m.group("num"))
        if value is not None:
            found.append(_Quantity(m.start(), m.end(), value, m.group("unit"), None))
    return sorted(found, key=lambda q: q.start)


def _excluded(norm: str, q: _Quantity) -> bool:
    """Ranges, ordinals, scope counts and durations are quantities but not targets."""
    window = max(0, q.start - 12)
    if _RANGE_BEFORE_RE.search(norm, window, q.start) or _RANGE_AFTER_RE.match(norm, q.end):
        return True
    if norm[window : q.start].rstrip(" \t\u3000").endswith(_SCOPE_WORDS):
        return True
    after = norm[q.end : q.end + 6].lstrip(" \t\u3000")
    return q.unit == "个" and after.startswith(_TIME_AFTER_COUNT)


def _groups(norm: str, quantities: list[_Quantity]) -> list[list[_Quantity]]:
    """Join quantities listed with 、/和/及 and give unitless items the unit of the last one."""
    groups: list[list[_Quantity]] = []
    for q in quantities:
        prev = groups[-1][-1] if groups else None
        listed = prev is not None and _LIST_SEP_RE.fullmatch(norm[prev.end : q.start])
        if listed and prev is not None and prev.unit in (None, q.unit):
            groups[-1].append(q)
        else:
            groups.append([q])
    out = []
    for group in groups:
        unit = group[-1].unit
        if unit is None:
            continue
        comparator = group[-1].comparator
        for q in group:
            q.unit = q.unit or unit
            # 下降25%、20%、15%左右: a trailing 左右 / 以上 speaks for the whole list.
            q.comparator = q.comparator or comparator
        out.append(group)
    return out


def _mask(norm: str, start: int, end: int, masks: list[tuple[int, int]]) -> str:
    """``norm[start:end]`` without masked ranges (deadlines, baselines) and without spaces."""
    chars = [c for i, c in enumerate(norm[start:end], start) if not inside(i, masks)]
    return re.sub(r"\s+", "", "".join(chars))


def _tidy(phrase: str) -> str | None:
    """Strip the adverbs and particles that frame an indicator; None when nothing is left."""
    phrase = _TRAILING.sub("", _LEADING.sub("", phrase.strip("，,；;：: ")))
    return phrase or None


def _drop_leading_verb(phrase: str | None) -> str | None:
    """建设储备林 -> 储备林: the object of an output verb names what is counted."""
    if not phrase:
        return None
    words = list(jieba.posseg.cut(phrase))
    if len(words) > 1 and words[0].flag in ("v", "vn"):
        return "".join(w.word for w in words[1:])
    if len(words) == 1 and words[0].flag == "v":
        return None
    return phrase


def _subjects(phrase: str) -> tuple[list[str], str | None]:
    """Split 二氧化硫、氮氧化物排放总量 into subjects and the indicator they share.

    The last listed item carries the shared head (排放总量); it is cut after as many words as
    the first item has. 京津冀、长三角、珠三角等区域 gives the three regions and no indicator.
    """
    head, _, category = phrase.partition("等")
    items = [i for i in re.split(r"、|和|及|与", head) if i]
    if len(items) < 2:
        return [], None
    if category:  # 等区域细颗粒物浓度: the first word names the kind of subject
        rest = jieba.lcut(category)[1:]
        return items, "".join(rest) or None
    first = len(jieba.lcut(items[0]))
    last = jieba.lcut(items[-1])
    if len(last) <= first:
        return items, None
    items[-1] = "".join(last[:first])
    return items, "".join(last[first:])


def _describe(
    norm: str,
    group: list[_Quantity],
    clause: int,
    adjacent: re.Match[str] | None,
    masks: list[tuple[int, int]],
) -> tuple[str | None, str | None, list[str]]:
    """Direction, indicator and 分别 subjects of the quantities in ``group``.

    With a verb (or a pledge such as 不超过) right before the quantity, the indicator is the
    phrase before the verb: 混交林占比达到45%. Otherwise the quantity is the object of an
    output clause: the indicator is what stands between the verb and it (新增木材供应能力9500),
    or, for bare counts, the noun that follows (争取20个左右地区退出重点区域).
    """
    first = group[0]
    if adjacent is not None or first.pledge is not None:
        if adjacent is not None:
            direction, verb_start = _VERB_DIRECTION[adjacent.group("verb")], adjacent.start()
        else:
            direction, verb_start = _PLEDGES[first.pledge or ""], first.start
        phrase = _mask(norm, clause, verb_start, masks)
        if "分别" in phrase:
            subjects, indicator = _subjects(_tidy(phrase.replace("分别", "")) or "")
            if subjects:
                return direction, indicator, subjects
        return direction, _tidy(phrase), []
    verbs = list(_VERB_RE.finditer(norm, clause, first.start))
    if verbs:
        direction = _VERB_DIRECTION[verbs[-1].group()]
        indicator = _tidy(_mask(norm, verbs[-1].end(), first.start, masks))
    else:
        direction = None
        left = max(clause, norm.rfind("、", clause, first.start) + 1)
        indicator = _drop_leading_verb(_tidy(_mask(norm, left, first.start, masks)))
    if indicator is None:
        tail = norm[group[-1].end : clause_end(norm, group[-1].end)].split("、")[0]
        indicator = _tidy(re.sub(r"\s+", "", tail))
    return direction, indicator, []


def find_targets(text: str, base_year: int | None = None) -> list[Target]:
    """Every quantitative target in ``text``, in order, with exact offsets.

    text (str): the layout-repaired text, spaces and full-width digits as written.
    base_year (int | None): the document's year, to date relative deadlines (年内).
    RETURNS (list[Target]): targets in text order; a 分别 list gives one per value.
    """
    norm = normalise(text)
    titles = title_ranges(norm)
    deadlines = find_deadlines(text, base_year)
    baselines = find_baselines(norm)
    masks = [(d.start, d.end) for d in deadlines] + [(b.start, b.end) for b in baselines]
    targets: list[Target] = []
    for group in _groups(norm, _quantities(norm)):
        group = [q for q in group if not _excluded(norm, q) and not inside(q.start, titles)]
        if not group:
            continue
        first = group[0]
        sent, clause = sentence_start(norm, first.start), clause_start(norm, first.start)
        governing = [
            d
            for d in deadlines
            if sent <= d.start and d.end <= first.start and d.certainty != "from"
        ]
        year = None
        if governing and governing[-1].date:
            year = int(governing[-1].date[:4])
        adjacent = _VERB_BEFORE_RE.search(norm, clause, first.start)
        if adjacent is None and first.pledge is None and not governing:
            continue
        direction, indicator, subjects = _describe(norm, group, clause, adjacent, masks)
        # A baseline qualifies a change (下降18%), not a level (达到80%) or an output (建成10个).
        baseline = None
        if direction in ("decrease", "increase"):
            baseline = _baseline(baselines, sent, clause, first.start)
        for i, q in enumerate(group):
            if len(subjects) == len(group):
                subject: str | None = subjects[i]
            elif subjects and len(group) == 1:
                subject = "、".join(subjects)
            else:
                subject = None
            targets.append(
                Target(
                    q.start, q.end, text[q.start : q.end], q.value, q.unit or "",
                    q.comparator or EQUAL, direction, baseline, year, indicator, subject,
                )
            )  # fmt: skip
    return targets


def _baseline(baselines: list[Baseline], sent: int, clause: int, pos: int) -> int | None:
    """The baseline year in force at ``pos``: one in its own clause, or a standalone one
    (与2015年相比，) earlier in the sentence."""
    in_force = [
        b
        for b in baselines
        if b.end <= pos and (b.start >= clause or (b.standalone and b.start >= sent))
    ]
    return in_force[-1].year if in_force else None


@Language.factory(
    "policykg_targets",
    assigns=["doc.spans"],
    default_config={"spans_key": "targets"},
)
def make_targets(nlp: Language, name: str, spans_key: str) -> TargetFinder:
    """Build the target component (spaCy factory)."""
    return TargetFinder(spans_key=spans_key)


class TargetFinder:
    """Record quantitative targets under ``doc.spans[spans_key]`` with label "target".

    ``doc.user_data["base_year"]``, when set, dates relative deadlines (年内) for ``year``.
    """

    def __init__(self, spans_key: str = "targets") -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        """Find the targets in ``doc`` and add them to its span group.

        doc (Doc): the document.
        RETURNS (Doc): the same document, annotated.
        """
        if self.spans_key not in doc.spans:
            doc.spans[self.spans_key] = []
        targets = find_targets(doc_text(doc), doc.user_data.get("base_year"))
        add_spans(doc, self.spans_key, "target", [(t.start, t.end, "", t.attrs()) for t in targets])
        return doc
