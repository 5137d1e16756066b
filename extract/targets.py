"""Quantitative targets in policy text: 减少 50%, 达到 95 立方米/公顷, 分别下降25%、20%、15%左右.

A target is a quantity with a unit that a measure commits to: either a direction verb governs
it (下降, 达到, 控制在 …) or a deadline earlier in its sentence does (到2020年，建设储备林1400万公顷).
Quantities that only describe scope (等16个重点区域, （16个）), ranges (15—25度), ordinals (第3条),
durations (3个月) and numbers glued to Latin letters (PM2.5) are not targets.

Each target records ``value``, ``unit`` (as written, with its magnitude: 万公顷), ``comparator``
(≈ ≥ ≤ =), ``direction`` (decrease, increase: a change by the value; reach, keep: a level; None
for output targets such as 建成10个), ``baseline`` and ``year`` (ints or None), ``binding`` (True
for 约束性, False for 预期性, None when the text does not say), the ``phrase`` that names what is
measured, and what it resolves to: the ``indicator`` of ``ontology/indicators.ttl``, the
``region`` (from the region component) and the ``scope`` (未达标地级及以上城市). A ``分别`` list
gives one target per subject: 京津冀、长三角、珠三角…分别下降25%、20%、15% is three targets, and
二氧化硫、氮氧化物排放总量分别下降15% two, each with the list's baseline and year. A change
that states no baseline takes the one of the change before it in its sentence (比2012年下降10%
以上，…；…分别下降25%、20%、15%左右).
The span is the quantity as written with its comparator word: ``15%左右``, ``不低于80%``.

The component reads what earlier components found: ``doc.spans["deadlines"]`` for the target
year and ``doc.spans["regions"]`` for the region; it finds neither itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from policykg.extract.cues import CueMatcher
from policykg.extract.deadlines import NOT_DUE, Deadline, find_statuses
from policykg.extract.layout import IDEOGRAPHS
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
from policykg.extract.reading import CELL_SEPARATOR, YEAR_LABEL
from policykg.extract.spans import add_spans, doc_text, found
from policykg.extract.tokenizer import dictionary_tags, segment

APPROX, AT_LEAST, AT_MOST, EQUAL = "≈", "≥", "≤", "="

_COMPARATORS = {
    "左右": APPROX, "上下": APPROX, "约": APPROX, "近": APPROX, "接近": APPROX,
    "以上": AT_LEAST, "不低于": AT_LEAST, "不少于": AT_LEAST, "至少": AT_LEAST,
    "超过": AT_LEAST, "高于": AT_LEAST, "多于": AT_LEAST, "大于": AT_LEAST,
    "不小于": AT_LEAST,
    "以下": AT_MOST, "以内": AT_MOST, "不超过": AT_MOST, "不高于": AT_MOST,
    "不大于": AT_MOST, "低于": AT_MOST, "少于": AT_MOST, "小于": AT_MOST, "不到": AT_MOST,
}  # fmt: skip
# A bound stated as a prohibition turns the comparison round: 不得超过50% is at most 50%, 不应低于
# 80% at least 80% (the regex would otherwise read 超过 and 低于 alone, behind 不得).
_NEGATIONS = ("不得", "不应", "不能", "不宜", "不可", "严禁", "禁止")
_BOUNDS = {"超过": AT_MOST, "高于": AT_MOST, "多于": AT_MOST, "大于": AT_MOST,
           "低于": AT_LEAST, "少于": AT_LEAST, "小于": AT_LEAST}  # fmt: skip
_NEGATED = {neg + word: bound for neg in _NEGATIONS for word, bound in _BOUNDS.items()}
_COMPARATORS.update(_NEGATED)

# Comparators that make a quantity a commitment even without a verb: 浓度不超过35微克/立方米.
_PLEDGES = {"不超过", "不高于", "不大于", "不低于", "不少于", "不小于", "至少", *_NEGATED}

# Direction verbs, longest first so 提高到 wins over 提高. A verb with 到/至 names a level to
# reach, not a change, so 下降到30% is "reach"; 保持/稳定在 a level to keep.
_DIRECTIONS = {
    "reach": "达到|提高到|提高至|提升到|提升至|增加到|增加至|增长到|增长至|"
    "下降到|下降至|降低到|降低至|减少到|减少至|降到|降至|减至|增至|达|占|"
    "控制在|控制到|控制于|压减到|压减至|压缩到|压缩至",
    "keep": "稳定在|保持在|维持在|保持|维持",
    "decrease": "减少|下降|削减|降低|压减|压降|压缩|减排|减低|缩减",
    "increase": "提高|提升|增加|增长|新增|扩大|上升",
}
# A cap is a level not to exceed: 控制在500万吨 is at most 500万吨 unless the text says 左右.
_CAPS = {"控制在", "控制到", "控制于", "压减到", "压减至", "压缩到", "压缩至"}
_VERB_DIRECTION = {v: d for d, verbs in _DIRECTIONS.items() for v in verbs.split("|")}
_VERB = "|".join(sorted(_VERB_DIRECTION, key=len, reverse=True))
_VERB_RE = re.compile(_VERB)
_VERB_BEFORE_RE = re.compile(rf"(?P<verb>{_VERB})(?:{SP}(?:了|到|至))?{SP}$")

_MAGNITUDES = {"百万": 1e6, "千万": 1e7, "十万": 1e5, "万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}
_MAGNITUDE = f"(?:{'|'.join(_MAGNITUDES)})"
_BASE_UNIT = (
    "个百分点|百分点|%|‰|倍|"
    "平方公里|平方千米|平方米|公顷|亩|立方米|升|公里|千米|米|"
    "吨标准煤|吨标煤|吨|千克|公斤|毫克|微克|克|千瓦时|千瓦|瓦|元|"
    "个|座|家|项|处|台|辆|套|条|所|艘|株|户|人|次|种"
)
_PER_UNIT = f"{_BASE_UNIT}|年|天|日|小时|秒"
# a concentration or a flow spelled out: 29微克每立方米 (微克/立方米), 5毫克每升, 10立方米每秒;
# 每 before any other unit opens a phrase of its own (100台每台补贴)
_SPELLED_PER = "每(?:立方米|升|秒|小时)"
UNIT = (
    rf"{_MAGNITUDE}?(?:{_BASE_UNIT})"
    rf"(?:{SP}/{SP}{_MAGNITUDE}?(?:{_PER_UNIT})|{_SPELLED_PER})?"
)

_SCALED_RE = re.compile(rf"(?P<mag>{_MAGNITUDE})(?P<base>(?:{_BASE_UNIT})(?:/.+)?)")

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
# …and right after a pledge, as laws write their floors and caps: 不低于百分之七十,
# 不得少于三百万元, 不超过千分之一点五; a share may name its whole first (不得超过招标项目估算价的
# 百分之二, 不低于筹备组人数的百分之五十), which the span then quotes.
_CN = "[零〇一二两三四五六七八九十百千]+(?:点[零〇一二两三四五六七八九]+)?"
CN_PLEDGE_RE = re.compile(
    rf"(?P<pre>{'|'.join(sorted(_PLEDGES, key=len, reverse=True))}){SP}"
    rf"(?:(?:[^，,；;。：:、\n\d%]{{1,20}}?)?(?P<per>百分之|千分之)(?P<pnum>{_CN})"
    rf"|(?P<num>{_CN}){SP}(?P<unit>{UNIT}))"
)
_PER = {"百分之": "%", "千分之": "‰"}
_LIST_SEP_RE = re.compile(rf"{SP}(?:、|和|及|与){SP}")
_RANGE_BEFORE_RE = re.compile(rf"\d{SP}(?:[—–~-]+|至|到){SP}$")
_RANGE_AFTER_RE = re.compile(rf"{SP}(?:[—–~-]+|至|到){SP}\d")
_SCOPE_WORDS = ("等", "这", "该", "上述", "其中", "第")
_TIME_AFTER_COUNT = ("月", "工作日", "小时", "星期", "季度", "世纪", "年度")
# A fine is a sanction, not a target: 处不超过10万元的罚款, 罚款不少于5万元, 并处违法所得1倍以上
# 3倍以下罚款 (the amount after 处 or 罚款, or 罚款 closing the amount's clause).
_FINE_BEFORE = re.compile(rf"(?:处以?|并处|罚款|罚金){SP}$")
_FINE_AFTER = re.compile(r"[^，,；;。：:\n]{0,12}?(?:罚款|罚金)")
# A figure that says whom a rule binds is no target: 建筑面积达到2万平方米以上的新建项目，应当…
# (the figure qualifies the subject of a duty).
_CONDITION_AFTER = re.compile(
    rf"{SP}的[^，,；;。：:\n]{{1,16}}?(?:[，,]{SP}(?:均应当?|应当|应|必须|须)|应当|必须)"
)  # a bare 应 or 须 counts only after the comma: 供应 and 应用 are no duty

# an article's own number (第三十四条 opens its unit's text), 的 after a count (100个以上的冷链物流
# 供应基地), adverbs, modals and conjunctions
_LEADING = re.compile(
    r"^(?:第[零〇一二两三四五六七八九十百千\d]+条\s*)?"
    r"(?:的|力争|争取|确保|努力|基本|进一步|累计|总计|全部|同时|其中|并且|而且|并|且|要|将|应)*"
)
_TRAILING = re.compile(r"(?:分别|均|都|要|将|应当|应|必须|需|可|力争|争取|确保|努力)+$")


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
    binding: bool | None
    unit_base: str
    """The unit without its magnitude (公顷 of 万公顷); the value in it is value × scale."""
    scale: float
    phrase: str | None
    """What the text says is measured, as written (PM2.5未达标地级及以上城市浓度)."""
    subject: str | None
    """The member of a 分别 list this target is for (二氧化硫, 京津冀)."""
    indicator: Indicator | None
    region: Region | None
    scope: str | None
    """What qualifies where the target applies, besides the region (未达标地级及以上城市)."""

    def attrs(self) -> dict[str, Any]:
        """The facts to store on the span: scalars; the indicator as ``concept`` and ``label``."""
        facts = asdict(self)
        for key in ("start", "end", "text", "indicator", "region"):
            del facts[key]
        if self.indicator is not None:
            facts.update(
                concept=self.indicator.id,
                label=self.indicator.label,
                label_en=self.indicator.label_en,
            )
        if self.region is not None:
            facts.update(
                region=self.region.id, region_label=self.region.label, region_code=self.region.code
            )
        return facts


@dataclass(frozen=True)
class Indicator:
    """An indicator of ``ontology/indicators.ttl``."""

    id: str
    label: str
    label_en: str


@dataclass(frozen=True)
class Region:
    """A place the region component found, as a target's region."""

    start: int
    end: int
    id: str | None
    label: str
    code: str | None


class Indicators:
    """What a phrase measures, by the labels and cues of ``ontology/indicators.ttl``."""

    def __init__(self, terms: Sequence[Mapping[str, Any]]) -> None:
        own = [t for t in terms if "Indicator" in t["types"]]
        self.by_id = {
            t["id"]: Indicator(t["id"], t["pref"].get("zh", t["id"]), t["pref"].get("en", t["id"]))
            for t in own
        }
        cues = [
            (cue, t["id"])
            for t in own
            for cue in [
                t["pref"].get("zh", ""),
                *t["alt"],
                *t["hidden"],
                *t["props"].get("cue", []),
            ]
        ]
        self.matcher = CueMatcher(cues)

    def read(self, phrase: str) -> tuple[Indicator | None, str]:
        """The indicator ``phrase`` names, and the rest of the phrase (what stood before and after
        the label, and in its gaps): 地级及以上城市空气质量优良天数比率 -> 优良天数比率,
        "地级及以上城市". The longest label found wins. A gap's bracketed short name and mean
        word belong to the indicator: 细颗粒物（PM2.5）平均浓度 leaves nothing."""
        hits = list(self.matcher.finditer(phrase))
        if not hits:
            return None, phrase
        h = max(hits, key=lambda h: (h.end - h.start, h.start))
        gaps = "".join(_OF_INDICATOR.sub("", gap) for gap in h.gaps)
        return self.by_id[h.key], phrase[: h.start] + gaps + phrase[h.end :]


# what a place's name may go on with in a list, naming no more than the place: 长三角地区
_PLACE_KIND = re.compile(r"^(?:地区|区域|片区|城市群|全域|全市|全省)")
# the kind a list of pollutants closes with, before what is said of each: (等)主要污染物排放总量
_LISTED_KIND = re.compile(r"^等?(?:主要|重点)?(?:大气|水)?污染物(?=排放|浓度)")
# what a gap inside an indicator's cue holds of the indicator itself, not of its scope
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")
_BRACKETED_PIECES = re.compile(f"({_BRACKETED.pattern})")  # split keeping the brackets
_OF_INDICATOR = re.compile(_BRACKETED.pattern + r"|年平均|年均|日均|平均")


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
        unit = _unit(m.group("unit")) if m.group("unit") else None
        start = m.start() if pre else m.start("num")
        pledge = pre if pre in _PLEDGES else None
        found.append(_Quantity(start, m.end(), float(m.group("num")), unit, comparator, pledge))
    for m in CN_QUANTITY_RE.finditer(norm):
        value = cn_number(m.group("num"))
        if value is not None:
            unit = _unit(m.group("unit")) if m.group("unit") else None
            found.append(_Quantity(m.start(), m.end(), value, unit, None))
    if "不" in norm or "至少" in norm:
        for m in CN_PLEDGE_RE.finditer(norm):
            per, pre = m.group("per"), m.group("pre")
            value = cn_number(m.group("pnum") if per else m.group("num"))
            if value is not None:
                unit = _PER[per] if per else m.group("unit") and _unit(m.group("unit"))
                found.append(_Quantity(m.start(), m.end(), value, unit, _COMPARATORS[pre], pre))
    return sorted(found, key=lambda q: q.start)


def _unit(raw: str) -> str:
    """A unit as the vocabulary writes it: 微克/立方米 for 微克 / 立方米 and 微克每立方米."""
    return re.sub(r"\s+", "", raw).replace("每", "/")


def _excluded(norm: str, q: _Quantity) -> bool:
    """Ranges, ordinals, scope counts, durations, fines and the figures of a duty's subject are
    quantities but not targets."""
    window = max(0, q.start - 12)
    if _RANGE_BEFORE_RE.search(norm, window, q.start) or _RANGE_AFTER_RE.match(norm, q.end):
        return True
    if norm[window : q.start].rstrip(" \t\u3000").endswith(_SCOPE_WORDS):
        return True
    if _FINE_BEFORE.search(norm, window, q.start) or _FINE_AFTER.match(norm, q.end):
        return True
    if _CONDITION_AFTER.match(norm, q.end):
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
        # 下降25%、20%、15%左右: a trailing 左右 / 以上 speaks for the whole list, and so does a
        # leading pledge: 分别不高于53和32微克/立方米
        comparator = group[-1].comparator or (group[0].comparator if group[0].pledge else None)
        for q in group:
            q.unit = q.unit or unit
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
    """建设储备林 -> 储备林: the object of an output verb names what is counted; a verb alone
    (建成) names nothing. The tags are the dictionary's (``tokenizer.dictionary_tags``)."""
    if not phrase:
        return None
    words = segment(phrase)
    tag = dictionary_tags().get(words[0]) if words else None
    if len(words) > 1 and tag in ("v", "vn"):
        return "".join(words[1:])
    if len(words) == 1 and tag == "v":
        return None
    return phrase


_EACH = ("分别", "均", "各")
_EACH_BEFORE_VERB = re.compile(r"[均各]+$")
_WHOLE = re.compile(r"总体|整体|总计|合计")
_COMPARED = re.compile(r"高于|低于|超过|大于|小于|多于|少于")
# a list separator; 及 only between items (not in 地级及以上, 及其)
_ITEM_SEP = re.compile(r"、|和|与|及(?!以上|以下|其)")
_SCOPE_FILLER = re.compile(r"^(?:的|中|内|之)+|(?:的|中|内|之|等)+$|^(?:地区|区域)$")


def _subjects(
    phrase: str, known: Callable[[str], bool] | None = None
) -> tuple[list[str], str | None]:
    """Split 二氧化硫、氮氧化物排放总量 into subjects and the indicator they share.

    The last listed item carries the shared head (排放总量); it is cut after as many words as
    the shortest other item has, unless another cut makes the first item with the head an
    indicator ``known`` names (化学需氧量、氨氮排放总量: 化学需氧量 is two words, 氨氮 one).
    京津冀、长三角、珠三角等区域细颗粒物浓度 gives the three regions and 细颗粒物浓度 (the word
    after 等 names the kind of subject).
    """
    head, _, category = phrase.partition("等")
    # a bracket's 、 lists no subjects: 近岸海域水质优良（一、二类）比例 is one indicator
    masked = _BRACKETED.sub(lambda m: m.group().replace("、", "\0"), head)
    items = [i.replace("\0", "、") for i in _ITEM_SEP.split(masked) if i]
    if len(items) < 2:
        return [], None
    if category:
        rest = segment(category)[1:]
        return items, "".join(rest) or None
    shortest = min(len(_words(i)) for i in items[:-1])
    last = _words(items[-1])
    cut = shortest
    if known is not None:
        first = _BRACKETED.sub("", items[0])
        cuts = dict.fromkeys(k for k in (shortest, *range(1, len(last))) if 0 < k < len(last))

        def fits(k: int) -> bool:
            return known(first + _BRACKETED.sub("", "".join(last[k:])))

        def parallel(k: int) -> bool:
            """Items alike end alike: 武汉市、襄阳市, 可吸入颗粒物和细颗粒物."""
            return _BRACKETED.sub("", "".join(last[:k]))[-1:] == first[-1:]

        alike = (k for k in cuts if parallel(k) and fits(k))
        cut = next(alike, None) or next((k for k in cuts if fits(k)), shortest)
    if len(last) <= cut:
        return items, None
    items[-1] = "".join(last[:cut])
    return items, "".join(last[cut:])


def _words(item: str) -> list[str]:
    """jieba's words of a list item, a bracketed short name kept with the word before it
    (挥发性有机物(VOCs) is two words, as 挥发性有机物 is)."""
    words: list[str] = []
    for piece in _BRACKETED_PIECES.split(item):
        if piece and _BRACKETED.fullmatch(piece) and words:
            words[-1] += piece
        elif piece:
            words.extend(segment(piece))
    return words


@dataclass
class _Reading:
    """How a group of quantities reads: its direction, and what is measured (a phrase of
    ``norm[start:end]``, and the subjects of a list that shares the phrase)."""

    direction: str | None
    phrase: str | None
    start: int
    end: int
    subjects: list[str]
    cap: bool = False


def _describe(
    norm: str,
    group: list[_Quantity],
    clause: int,
    adjacent: re.Match[str] | None,
    masks: list[tuple[int, int]],
    known: Callable[[str], bool] | None = None,
) -> _Reading:
    """Direction, phrase and list subjects of the quantities in ``group``.

    With a verb (or a pledge such as 不超过) right before the quantity, the phrase is what
    stands before the verb: 混交林占比达到45%. Otherwise the quantity is the object of an
    output clause: the phrase is what stands between the verb and it (新增木材供应能力9500),
    or, for bare counts, the noun that follows (争取20个左右地区退出重点区域).
    """
    first = group[0]
    # a comparison opening the quantity (比例高于93%) stands where a verb would: what is measured
    # is all before it, a verb inside the indicator's name included (水质达到或优于Ⅲ类比例)
    compared = None if first.pledge else _COMPARED.match(norm, first.start)
    if adjacent is not None or first.pledge is not None or compared is not None:
        if adjacent is not None:
            verb, verb_start = adjacent.group("verb"), adjacent.start()
        else:
            verb, verb_start = first.pledge or "", first.start
        direction = _VERB_DIRECTION.get(verb, "reach")
        raw = _mask(norm, clause, verb_start, masks)
        # a list's subjects each get the quantity, unless it is their whole's: 长江、黄河…等七大
        # 重点流域水质优良比例总体达到70%以上 is one target for the seven basins together
        if (any(w in raw for w in _EACH) or "、" in raw) and not _WHOLE.search(raw):
            # 分别 anywhere; 均 and 各 only before the verb, not in 平均浓度, 年均浓度
            bare = _EACH_BEFORE_VERB.sub("", raw.replace("分别", ""))
            subjects, shared = _subjects(_tidy(bare) or "", known)
            if subjects:
                return _Reading(direction, shared, clause, verb_start, subjects, verb in _CAPS)
        return _Reading(direction, _tidy(raw), clause, verb_start, [], verb in _CAPS)
    verbs = list(_VERB_RE.finditer(norm, clause, first.start))
    if verbs:
        start, end = verbs[-1].end(), first.start
        phrase = _tidy(_mask(norm, start, end, masks))
        direction = _VERB_DIRECTION[verbs[-1].group()]
    else:
        start, end = max(clause, norm.rfind("、", clause, first.start) + 1), first.start
        phrase = _drop_leading_verb(_tidy(_mask(norm, start, end, masks)))
        direction = None
    if phrase is None:
        start, end = group[-1].end, clause_end(norm, group[-1].end)
        phrase = _tidy(_with_shared_head(re.sub(r"\s+", "", norm[start:end]).split("、")))
    return _Reading(direction, phrase, start, end, [])


def _with_shared_head(pieces: list[str]) -> str:
    """The noun after a count, with the head a list of counts shares: 10个百万亩、100个十万亩、
    1000个万亩防沙治沙基地 makes 百万亩防沙治沙基地 of the first, since every piece ends with the
    character (亩) that the head follows in the last piece. A head that opens with a
    conjunction is none (10个湿地公园、20个森林公园和绿地)."""
    first, last = pieces[0], pieces[-1]
    if len(pieces) < 2 or not first or not all(p.endswith(first[-1]) for p in pieces[:-1]):
        return first
    head = last[last.rfind(first[-1]) + 1 :] if first[-1] in last else ""
    if len(head) < 2 or head[0] in "和及与或等并" or not IDEOGRAPHS.fullmatch(head):
        return first
    return first + head


def _binding(norm: str, start: int, end: int) -> bool | None:
    """约束性 (True) or 预期性 (False) where the clause of the quantities says which, or the
    clause after it when that one states no quantity (…分别下降10%、15%，均为约束性指标)."""
    stop = clause_end(norm, end)
    said = norm[clause_start(norm, start) : stop]
    after = norm[stop + 1 : clause_end(norm, stop + 1)]
    if not any(c.isdigit() for c in after):
        said += after
    if "约束性" in said:
        return True
    if "预期性" in said:
        return False
    return None


def _scope(rest: str, drop: Sequence[str]) -> str | None:
    """What is left of a phrase once the indicator, the region and the subject are read."""
    for word in drop:
        rest = rest.replace(word, "", 1)
    rest = _SCOPE_FILLER.sub("", _tidy(rest) or "")
    return rest or None


def _region_of(text: str, regions: Sequence[Region], norm: str) -> Region | None:
    """The place a list subject names (京津冀; 长三角 of 长三角地区, cut at the list's word count)."""
    for r in regions:
        name = norm[r.start : r.end]
        if text.startswith(name) or name.startswith(text):
            return r
    return None


def find_targets(
    text: str,
    deadlines: Sequence[Deadline],
    regions: Sequence[Region] = (),
    indicators: Indicators | None = None,
    base_year: int | None = None,
) -> list[Target]:
    """Every quantitative target in ``text``, in order, with exact offsets.

    text (str): the layout-repaired text, spaces and full-width digits as written.
    deadlines (Sequence[Deadline]): the deadlines of ``text`` (the deadline component's).
    regions (Sequence[Region]): the places of ``text`` (the region component's).
    indicators (Indicators | None): the indicator vocabulary; None leaves ``indicator`` unset.
    base_year (int | None): the document's year: a figure for a year before it is what was
        achieved (2015年，优良天数比例达到76.7% in a 2016 plan's review), not a target.
    RETURNS (list[Target]): targets in text order; a 分别 list gives one per member.
    """
    norm = normalise(text)
    known = None if indicators is None else (lambda p: indicators.read(p)[0] is not None)
    titles = title_ranges(norm)
    baselines = find_baselines(norm)
    masks = [(d.start, d.end) for d in deadlines] + [(b.start, b.end) for b in baselines]
    targets: list[Target] = []
    carried: dict[int, int] = {}  # sentence start -> baseline of its last change
    for group in _groups(norm, _quantities(norm)):
        group = [q for q in group if not _excluded(norm, q) and not inside(q.start, titles)]
        if not group:
            continue
        first = group[0]
        sent, clause = sentence_start(norm, first.start), clause_start(norm, first.start)
        governing = [
            d
            for d in deadlines
            if sent <= d.start and d.end <= first.start and d.certainty not in NOT_DUE
        ]
        year, dated = None, masks
        if governing and governing[-1].date:
            year = int(governing[-1].date[:4])
        elif opening := _OPENING_YEAR.match(norm, clause, first.start):
            # 2020年重点行业的重点重金属排放量要比2013年下降10%: the year is when, not what
            year = int(opening.group("year"))
            dated = [*masks, (opening.start("year"), opening.end())]
        if year is not None and base_year is not None and year < base_year:
            continue
        # 2015年，…为76.7% and 截至2015年底，…达到21.66%: what was, unless a deadline after
        # it dates the figure (…，到2020年达到80%)
        past = find_statuses(norm, base_year, sent, first.start)
        if past and not (governing and governing[-1].start > past[-1][0]):
            continue
        adjacent = _VERB_BEFORE_RE.search(norm, clause, first.start)
        if adjacent is None and first.pledge is None and not governing:
            continue
        reading = _describe(norm, group, clause, adjacent, dated + past, known)
        # A baseline qualifies a change (下降18%), not a level (达到80%) or an output (建成10个).
        baseline = None
        if reading.direction in ("decrease", "increase"):
            baseline = _baseline(baselines, sent, clause, first.start) or carried.get(sent)
            if baseline is not None:
                carried[sent] = baseline
        binding = _binding(norm, first.start, group[-1].end)
        inside_phrase = [r for r in regions if reading.start <= r.start and r.end <= reading.end]
        subjects = reading.subjects
        if len(subjects) == len(group):
            members = list(zip(group, subjects, strict=True))
        elif subjects and len(group) == 1:
            members = [(first, s) for s in subjects]  # 二氧化硫、氮氧化物…分别下降15%: each
        else:
            members = [(q, None) for q in group]
        # 浓度控制在45微克/立方米以下，较2015年下降20%以上: a clause that names nothing measured,
        # right after a target of its sentence, says more of what that target measures
        phrase, same = reading.phrase, None
        if phrase is None and not subjects and targets and targets[-1].end >= sent:
            if norm[targets[-1].end : clause].strip() in ("，", ","):
                same = targets[-1]
                phrase = same.phrase
        shared_place = None  # 桂平市可吸入颗粒物和细颗粒物…: the place the first item opens with
        for q, subject in members:
            if same is not None:
                region, indicator, scope, subject = (
                    same.region,
                    same.indicator,
                    same.scope,
                    same.subject,
                )
            else:
                share = q.unit == "个百分点" or (q.unit == "%" and reading.direction == "reach")
                region, indicator, scope = _resolve(
                    norm, reading, subject, inside_phrase, indicators, share
                )
            if subject is not None and region is not None and q is members[0][0]:
                name = norm[region.start : region.end]
                shared_place = region if len(subject) > len(name) + 2 else None
            elif region is None and shared_place is not None:
                region = shared_place
            comparator = q.comparator or (AT_MOST if reading.cap else EQUAL)
            unit_base, scale = _scaled(q.unit or "")
            targets.append(
                Target(
                    q.start, q.end, text[q.start : q.end], q.value, q.unit or "", comparator,
                    reading.direction, baseline, year, binding, unit_base, scale, phrase,
                    subject, indicator, region, scope,
                )
            )  # fmt: skip
    return targets


# A row of a plan's table of indicators, as every reader labels its cells (extract.reading):
# 指标：森林覆盖率（%）；2020年：23.04；2025年：24.1；属性：约束性. The year columns hold the
# values, the latest year's is the target; the name holds the unit, in brackets, and the verb.
_CELL = re.compile(r"(?P<label>[^：；]{1,16})：(?P<value>[^；]*)")
_ROW_VALUE = re.compile(
    r"(?P<before>[≥≤＞＜><]=?|不低于|不高于|不超过|不少于|大于|小于|低于|高于)?\s*[〔\[【]?\s*"
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>[%％‰])?\s*[〕\]】]?\s*(?P<after>以上|以下|以内|左右)?"
)
_ROW_COMPARATORS = {"≥": AT_LEAST, ">": AT_LEAST, "＞": AT_LEAST, ">=": AT_LEAST,
                    "≤": AT_MOST, "<": AT_MOST, "＜": AT_MOST, "<=": AT_MOST}  # fmt: skip
_NAME_UNIT = re.compile(r"[（(](?P<unit>[^（）()]{1,12})[）)]$")
_UNIT_COLUMNS = ("单位", "计量单位")
_BINDING_WORDS = {"约束性": True, "预期性": False}
_ROW_DIRECTION = re.compile(rf"(?P<verb>{_DIRECTIONS['decrease']}|{_DIRECTIONS['increase']})$")


def find_row_targets(
    text: str, indicators: Indicators | None = None, regions: Sequence[Region] = ()
) -> list[Target]:
    """The target a row of a table of indicators sets, when ``text`` is such a row: the value
    under the latest year, with the unit and the verb its name holds (地级及以上城市细颗粒物
    （PM2.5）浓度下降（%）: a decrease, in %, from the earliest year) and 约束性 or 预期性."""
    cells = []
    at = 0
    for piece in text.split(CELL_SEPARATOR):
        m = _CELL.fullmatch(piece)
        if m is None:
            return []
        cells.append((m.group("label").strip(), m.group("value"), at + m.start("value")))
        at += len(piece) + len(CELL_SEPARATOR)
    years, rest = [], []  # the year columns' cells, and the others
    for label, value, start in cells:
        if y := YEAR_LABEL.fullmatch(label.replace(" ", "")):
            years.append((int(y.group("year")), value, start))
        else:
            rest.append((label, value.strip(), start))
    dated = [  # each figure with where its stripped text starts
        (year, v, start + len(value) - len(value.lstrip()))
        for year, value, start in years
        if (v := _ROW_VALUE.fullmatch(value.strip()))
    ]
    if not dated:
        return []
    binding = next((_BINDING_WORDS[v] for _, v, _ in rest if v in _BINDING_WORDS), None)
    unit = next((v for label, v, _ in rest if label in _UNIT_COLUMNS and v), None)
    named = [
        (v, start)
        for label, v, start in rest
        if label not in _UNIT_COLUMNS and v not in _BINDING_WORDS and IDEOGRAPHS.search(v)
    ]
    if not named:
        return []

    def naming(cell: tuple[str, int]) -> tuple[bool, bool, int]:
        """How surely a cell names what the row measures (not its category, 环境治理): an
        indicator read in it, a unit in brackets after it, its length."""
        v = cell[0]
        known = indicators is not None and indicators.read(v)[0] is not None
        return known, bool(_NAME_UNIT.search(v)), len(v)

    name, name_start = max(named, key=naming)
    if unit is None and (u := _NAME_UNIT.search(name)):
        unit = _unit(u.group("unit"))
        name = name[: u.start()]
    verb = _ROW_DIRECTION.search(name)
    direction = _VERB_DIRECTION[verb.group("verb")] if verb else "reach"
    phrase = name[: verb.start()] if verb else name
    year, value, start = max(dated, key=lambda d: d[0])
    if unit is None and value.group("unit"):  # 90%左右: the cell writes its own unit
        unit = _unit(normalise(value.group("unit")))  # ％ as %, as a sentence's figure reads
    earlier = [y for y, _, _ in years if y < year]
    baseline = min(earlier) if earlier and direction in ("decrease", "increase") else None
    comparator = _ROW_COMPARATORS.get(value.group("before") or "") or _COMPARATORS.get(
        value.group("before") or value.group("after") or "", EQUAL
    )
    begin = start + value.start("before" if value.group("before") else "num")
    end = start + value.end(next(g for g in ("after", "unit", "num") if value.group(g)))
    inside_name = [r for r in regions if name_start <= r.start and r.end <= name_start + len(name)]
    region = inside_name[0] if len({(r.id, r.label) for r in inside_name}) == 1 else None
    indicator, left = indicators.read(phrase) if indicators else (None, phrase)
    drop = [text[region.start : region.end]] if region else []
    unit_base, scale = _scaled(unit or "")
    return [
        Target(
            begin, end, text[begin:end], float(value.group("num")), unit or "", comparator,
            direction, baseline, year, binding, unit_base, scale, phrase, None, indicator,
            region, _scope(left, drop) if indicator else None,
        )
    ]  # fmt: skip


def _scaled(unit: str) -> tuple[str, float]:
    """万公顷 -> (公顷, 10000.0); a unit without a magnitude (百分点 is not 百 × 分点) is itself."""
    m = _SCALED_RE.fullmatch(unit)
    return (m.group("base"), _MAGNITUDES[m.group("mag")]) if m else (unit, 1.0)


# a year that opens a clause and dates what follows it (2020年重点行业的…排放量要比2013年下降10%),
# not a span of years (2016年至2020年), a year's figure (2015年的) or its part (2020年前)
_OPENING_YEAR = re.compile(
    r"\s*(?:到|至|在)?(?P<year>(?:19|20)\d\d)年(?:底|末)?(?![年度至到的前内以后起底末\d-])"
)
# the nouns of a share that a phrase may leave out: 黑臭水体控制在10%以内 is their 比例
_SHARE_NOUNS = ("比例", "率")


def _resolve(
    norm: str,
    reading: _Reading,
    subject: str | None,
    regions: Sequence[Region],
    indicators: Indicators | None,
    share: bool = False,
) -> tuple[Region | None, Indicator | None, str | None]:
    """Region, indicator and scope of one target from its phrase and list subject.

    ``share``: the figure is a share (a level in %, a change in 个百分点), so a phrase that names
    only what is counted (建成区黑臭水体控制在10%以内) is read as that thing's share or rate.

    A subject that is a place is the region (京津冀); any other subject is read with the shared
    phrase (二氧化硫 + 排放总量), and so is what a place's subject says after the place
    (桂平市可吸入颗粒物 + 平均浓度). Without a subject, the one place named in the phrase is the
    region (北京市细颗粒物年均浓度).
    """
    phrase = reading.phrase or ""
    region = _region_of(subject, regions, norm) if subject else None
    own = subject
    if subject and region is not None:
        name = norm[region.start : region.end]
        own = _PLACE_KIND.sub("", subject[len(name) :]) if subject.startswith(name) else ""
    if own:
        # 二氧化硫（SO2）、…等主要污染物排放总量: the subject's short name and the kind the
        # list closes with name nothing the subject does not
        phrase = _BRACKETED.sub("", own) + _LISTED_KIND.sub("", phrase)
    elif subject is None:
        named = {(r.id, r.label) for r in regions}
        region = regions[0] if len(named) == 1 else None
    indicator, rest = indicators.read(phrase) if indicators else (None, phrase)
    if indicator is None and share and indicators is not None and phrase:
        # a label found now takes in the added word, since the phrase alone had none
        for noun in _SHARE_NOUNS:
            indicator, rest = indicators.read(phrase + noun)
            if indicator is not None:
                break
        else:
            rest = phrase
    drop = [norm[region.start : region.end]] if region else []
    return region, indicator, _scope(rest, drop) if indicator else None


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
    requires=["doc.spans"],
    default_config={
        "spans_key": "targets",
        "terms": [],
        "deadlines_key": "deadlines",
        "regions_key": "regions",
    },
)
def make_targets(
    nlp: Language,
    name: str,
    spans_key: str,
    terms: Sequence[Mapping[str, Any]],
    deadlines_key: str,
    regions_key: str,
) -> TargetFinder:
    """Build the target component (spaCy factory); ``terms`` are the records of
    ``indicators.ttl``; it reads the spans the deadline and region components wrote."""
    return TargetFinder(spans_key, Indicators(terms), deadlines_key, regions_key)


class TargetFinder:
    """Record quantitative targets under ``doc.spans[spans_key]`` with label "target", reading
    deadlines and places from ``doc.spans[deadlines_key]`` and ``doc.spans[regions_key]``."""

    def __init__(
        self,
        spans_key: str = "targets",
        indicators: Indicators | None = None,
        deadlines_key: str = "deadlines",
        regions_key: str = "regions",
    ) -> None:
        self.spans_key = spans_key
        self.indicators = indicators
        self.deadlines_key = deadlines_key
        self.regions_key = regions_key

    def __call__(self, doc: Doc) -> Doc:
        """Find the targets in ``doc`` and add them to its span group.

        doc (Doc): the document, after the deadline (and region) components.
        RETURNS (Doc): the same document, annotated.
        """
        if self.spans_key not in doc.spans:
            doc.spans[self.spans_key] = []
        deadlines = [Deadline.from_facts(f) for f in found(doc, self.deadlines_key)]
        regions = [
            Region(f["start"], f["end"], f.get("concept"), f["label"], f.get("code"))
            for f in found(doc, self.regions_key)
        ]
        base_year = doc.user_data.get("base_year")
        text = doc_text(doc)
        targets = find_row_targets(text, self.indicators, regions) if CELL_SEPARATOR in text else []
        targets = targets or find_targets(text, deadlines, regions, self.indicators, base_year)
        add_spans(
            doc,
            self.spans_key,
            "target",
            [(t.start, t.end, t.indicator.id if t.indicator else "", t.attrs()) for t in targets],
        )
        return doc
