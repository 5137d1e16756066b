"""Deadlines and time spans in policy text: 到2020年, 2018年6月底前, “十三五”期间, 年内.

A deadline is a time by which, or during which, something is to be done. Calendar dates of
events (amendment history, signature lines, the text's own entry into force: 本条例自2016年1月1日
起施行), years quoted as baselines (比2015年) and years inside titles (《…（2013—2017年）》) are
not deadlines and are not recorded. A date that comes back every year or month (每年3月31日
前, 每年年底前, 每月10日前; 当年十月三十一日前, by that date of the year in question, in a
standing rule) is a deadline of ``kind="recurring"``, ``certainty="every"``, with no
date but ``recurs``: an XML Schema month-day (--03-31) or day (---10); 每年 alone is none.
A month without a year (10月底前) takes the year the text said last, else comes back every year
in a standing rule, else is in the document's year; a plan's span of years (经过3年努力) ends
with the last of them, counting the document's year as the first.

Each deadline is recorded with ``kind`` ("instant" or "interval"), ``date`` (ISO end date, or
the start date for ``certainty="from"``), ``date_from`` (ISO start of an interval) and
``certainty``: "by" (到2020年, 底前), "during" (期间, a bare 2017年，), "about" (前后) or
"from" (自2019年1月1日起). Relative expressions (今年, 年内, 本世纪中叶) are resolved against
the document's year; without one they are recorded with ``date=None``.

A time limit counted from an event (自受理之日起二十日内, 在收到申请后十个工作日内, 自本条例施行
之日起六个月内) is a deadline of ``kind="duration"``, ``certainty="within"``: no date, but its
``duration`` (ISO 8601: P20D, P6M), whether it counts ``working_days`` (工作日), and the event
it is ``counted_from`` as the text words it (受理, 收到申请, 本条例施行). The procedural limits of
regulations are these; a deadline component that dropped them would leave a rule's 时限 out. A
limit that ends at its event (有效期届满三十日前, 在会议召开十五日前, 提前三个月) has
``certainty="ahead"``: at least the duration before the event.

Absolute expressions are found by one precompiled regex, then resolved by jionlp's time parser
on a compact canonical form (jionlp mis-reads spaced or full-width dates). Five-year plans and
relative expressions are computed here, since jionlp cannot read them.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import io
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from policykg.extract.headings import to_int
from policykg.extract.model import AHEAD
from policykg.extract.numbers import (
    CLAUSE_END,
    SENTENCE_END,
    SP,
    YEAR,
    cn_number,
    find_baselines,
    inside,
    normalise,
    sentence_start,
    title_ranges,
)
from policykg.extract.prefilter import starting_with
from policykg.extract.spans import add_spans, doc_text

with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
    import jionlp

log = logging.getLogger(__name__)

BY, DURING, ABOUT, FROM, WITHIN, EVERY = "by", "during", "about", "from", "within", "every"
# what sets no date to reach (for targets and instruments): an effective date (自…起施行), a
# procedural time limit (自受理之日起二十日内, 届满三十日前), a date that comes back every year
# (每年3月31日前)
NOT_DUE = frozenset({FROM, WITHIN, EVERY, AHEAD})


@dataclass(frozen=True)
class Deadline:
    """One time expression: exact offsets into the text and its normalised meaning."""

    start: int
    end: int
    text: str
    kind: str
    date: str | None
    date_from: str | None
    certainty: str
    duration: str | None = None  # a time limit's length, ISO 8601: P20D, P6M, P1Y
    working_days: bool = False  # counted in working days (工作日)
    counted_from: str | None = None  # the event it runs from, as worded: 受理, 收到申请
    recurs: str | None = None  # a date every year (--03-31) or every month (---10)

    def attrs(self) -> dict[str, Any]:
        """The facts to store on the span."""
        return {
            "kind": self.kind,
            "date": self.date,
            "date_from": self.date_from,
            "certainty": self.certainty,
            "duration": self.duration,
            "working_days": self.working_days,
            "counted_from": self.counted_from,
            "recurs": self.recurs,
        }

    @classmethod
    def from_facts(cls, facts: Mapping[str, Any]) -> Deadline:
        """The deadline a span recorded (``spans.found``): how later components read it."""
        return cls(*(facts[f.name] for f in fields(cls)))


_BY_SUFFIXES = {"年底前", "年末前", "底以前", "底之前", "底前", "末前", "以前", "之前", "前"}
_END_SUFFIXES = {"年底", "年末", "底", "末"}
_BY_PREFIXES = {"到", "至", "截至", "截止", "截止到"}
_AS_OF = {"截至", "截止", "截止到"}  # by a date to come, as of a date gone

_RANGE = (
    rf"(?P<y1>{YEAR}){SP}(?:年{SP})?(?:[—–~]+|-+|至|到){SP}(?P<y2>{YEAR}){SP}年"
    rf"(?:{SP}(?P<rsuf>期间|间))?"
)
_POINT = (
    rf"(?:(?P<pre>到|至|截至|截止到?|自|从){SP})?"
    rf"(?P<y>{YEAR}){SP}年"
    rf"(?:{SP}(?P<half>上半年|下半年)|{SP}第?{SP}(?P<quarter>[一二三四1-4]){SP}季度"
    rf"|(?:{SP}(?P<m>1[0-2]|0?[1-9]){SP}月(?:{SP}(?P<d>3[01]|[12]\d|0?[1-9]){SP}[日号])?)?)"
    rf"(?:{SP}(?P<suf>年底前|年末前|年底|年末|底以前|底之前|底前|末前|以前|之前|前后|"
    rf"前(?![一二三四五六七八九十\d])|底|末|起|以来|以后|后))?"
)
# The n-th five-year plan: 十三五 / “十三五” followed by a period word; never 第十五条, 十五日.
_PLAN = (
    rf"(?:(?P<ppre>到|至){SP})?"
    r"(?<![第\d一二三四五六七八九十百])(?P<q>[“\"‘「]?)"
    r"(?P<n>[一二三四五六七八九十]{1,3})五[”\"’」]?"
    rf"{SP}(?P<psuf>期间|时期|末期|末)"
)
_RELATIVE = (
    rf"(?:(?P<rpre>到|至){SP})?(?P<rel>今年|本年度?|明年)(?!以来)"
    # a part of that year: 明年6月底前, 今年下半年, 今年第三季度
    rf"(?:{SP}(?P<rhalf>上半年|下半年)|{SP}第?{SP}(?P<rquarter>[一二三四1-4]){SP}季度"
    rf"|{SP}(?P<rm>1[0-2]|0?[1-9]){SP}月(?:{SP}(?P<rd>3[01]|[12]\d|0?[1-9]){SP}[日号])?)?"
    rf"(?:{SP}(?P<relsuf>年底前|年末前|年底|年末|底前|末前|底|末|以内|内|前|起))?"
    r"|(?<![每\d年一二三四五六七八九十两几多数近半百千])(?P<bare>年内|年底前)"
)
_CENTURY = rf"(?:(?P<cpre>到|至){SP})?本世纪{SP}(?P<part>中叶|中期|末期|末)"

# Every alternative starts with a prefix word (到, 截至, 自, 本世纪 ...), a year or a plan number.
DEADLINE_RE = starting_with(
    "到至截自从今本明年12“\"‘「一二三四五六七八九十",
    "|".join(f"(?P<{n}>{p})" for n, p in [
        ("range", _RANGE),
        ("plan", _PLAN),
        ("century", _CENTURY),
        ("relative", _RELATIVE),
        ("point", _POINT),
    ])
)  # fmt: skip


# A time limit counted from an event: a length ending in 内 (十个工作日内), found first (from
# each 内, at C speed: numerals are everywhere, 内 is not), and before it the event: after a
# preposition (自, 从, 在, 于) up to 之日起 or 后; after 在 alone (在成立一年内); or from the
# clause's start or 应当 up to 后 (收到申请后十五个工作日内). A ban's or a penalty's span has
# no event before it (禁止其在五年内, 给予六个月以内停机整顿).
# ISO 8601's designators: a day, week, month or year, or (after T) an hour or a minute
_LIMIT_UNITS = {
    "日": "D", "天": "D", "工作日": "D", "月": "M", "年": "Y", "周": "W", "星期": "W",
    "小时": "TH", "分钟": "TM",
}  # fmt: skip
# a length: 十五个工作日, 24小时, 三个月
_LENGTH = (
    rf"(?P<n>[0-9]{{1,3}}|[一二两三四五六七八九十百]{{1,4}}|(?<![上下前后多])半){SP}个?{SP}"
    rf"(?P<unit>工作日|日|天|月|年|周|星期|小时|分钟)"
)
_LENGTH_RE = re.compile(rf"{_LENGTH}{SP}[以之]?$")  # what stands before 内
_LENGTH_REACH = 16
_EVENT = r"[^，,；;。：:！!？?\n自从在于（）()《》]"
_EVENT_RE = re.compile(
    rf"(?:[自从在于](?P<event>{_EVENT}{{1,24}}?)(?:之日{SP}起?|之时{SP}起?|后{SP}起?|后的)"
    rf"|在(?P<alone>{_EVENT}{{2,16}}?)(?<![的其])"
    rf"|(?:(?<=[，,；;。：:\n])|(?<=应当)|^)(?P<clause>{_EVENT}{{2,24}}?)之?后的?)"
    rf"{SP}(?:满{SP})?$"
)
_REACH = 40  # characters a preposition, an event and 之日起 take at most
# what opens a clause before its event: the article's number, 应当, 并
_EVENT_LEAD = re.compile(
    rf"{SP}(?:第{SP}[0-9一二三四五六七八九十百千]+{SP}条{SP})?(?:应当|应|并|须)?"
)


def _event(found: str) -> tuple[int, str]:
    """Where an event starts in the text ``found`` before a length, past the article number
    and 应当 that open its clause, and the event as worded (spaces dropped)."""
    lead = _EVENT_LEAD.match(found)
    cut = lead.end() if lead else 0
    return cut, re.sub(SP, "", found[cut:])


# half a year is six months, half a month fifteen days (半年内, 半个月内)
_HALF = {"年": (6, "月"), "月": (15, "日")}


def _amount(length: re.Match[str]) -> tuple[int, str] | None:
    """How many of which unit a length says: 十五个工作日 (15, 工作日), 半年 (6, 月)."""
    unit = length.group("unit")
    if length.group("n") == "半":
        return _HALF.get(unit)
    count = to_int(length.group("n"))
    return (count, unit) if count else None


def _time_limit(norm: str, length: re.Match[str]) -> Deadline | None:
    """The time limit whose length is ``length``, if an event stands before it."""
    amount = _amount(length)
    if amount is None:
        return None
    m = _EVENT_RE.search(norm, max(0, length.start() - _REACH), length.start())
    if m is None:
        return _duty_limit(norm, length, amount)
    group = next(g for g in ("event", "alone", "clause") if m.group(g) is not None)
    cut, event = _event(m.group(group))
    if not event or "之日" in event or event.endswith("前"):
        return None  # 在物业交付之日起满八年的前一个月内: a limit before another, not read
    start = m.start(group) + cut if group == "clause" else m.start()
    return _limit(start, length, amount, event)


def _limit(
    start: int,
    length: re.Match[str],
    amount: tuple[int, str],
    event: str | None,
    ahead: bool = False,
) -> Deadline:
    count, unit = amount
    code = _LIMIT_UNITS[unit]
    duration = f"PT{count}{code[1]}" if code.startswith("T") else f"P{count}{code}"
    end = length.end() + 1  # and 内 (or 前)
    certainty = AHEAD if ahead else WITHIN
    return Deadline(
        start, end, "", "duration", None, None, certainty, duration, unit == "工作日", event
    )


# A time limit counted back from an event: at least a length before it. 在拆除活动十五个工作日
# 前, 于暂停或者终止服务六十日前, 在人大常委会举行会议的七日前 (the event after 在 or 于), 合同期限
# 届满九十日前 (an expiry opening the clause), 提前三个月书面通知 (the act itself is the event).
# A date is no length (3月30日前, 2020年12月31日前): the number must not follow a 年 or a 月.
_AHEAD_LENGTH = re.compile(rf"(?<![年月0-9一二两三四五六七八九十百]){_LENGTH}{SP}[以之]?$")
_AHEAD_EVENT = re.compile(
    rf"(?:[在于](?P<event>{_EVENT}{{2,24}}?)的?"
    rf"|(?:(?<=[，,；;。：:\n])|^)(?P<expiry>{_EVENT}{{2,24}}?(?:届满|到期|期满)))"
    rf"{SP}$"
)
_AHEAD_OF_ACT = re.compile(rf"提前{SP}{_LENGTH}")


def find_ahead(norm: str, taken: list[Deadline]) -> list[Deadline]:
    """Time limits counted back from an event (see ``_AHEAD_LENGTH``), except where a deadline
    already stands; the event is ``counted_from``, None for 提前."""
    titles = title_ranges(norm)
    out = []
    for length in _lengths(norm, "前", _AHEAD_LENGTH):
        if not (amount := _amount(length)):
            continue
        limit = None
        if m := _AHEAD_EVENT.search(norm, max(0, length.start() - _REACH), length.start()):
            group = "event" if m.group("event") is not None else "expiry"
            cut, event = _event(m.group(group))
            if event and "之日" not in event:
                start = m.start(group) + cut if group == "expiry" else m.start()
                limit = _limit(start, length, amount, event, True)
        if limit is not None and not inside(limit.start, titles) and _free(limit, taken):
            out.append(limit)
    if "提前" in norm:
        for m in _AHEAD_OF_ACT.finditer(norm):
            amount = _amount(m)
            if amount and not inside(m.start(), titles):
                limit = replace(_limit(m.start(), m, amount, None, True), end=m.end())
                if _free(limit, taken + out):
                    out.append(limit)
    return sorted(out, key=lambda d: d.start)


# A duty to act within a length, its event told in the clause before (事故发生后，学校应当在
# 24小时内报告) or left to the context (收到信访事项的，应当予以登记，并在十五日内…): the
# event is the clause's before 后, else not named. A ban's span has no duty word before its 在
# (禁止其在五年内).
_DUTY = re.compile(rf"(?:应当|应|并且|并|须|必须)(?P<at>[在于]){SP}$")
# …or no 在 at all (节约用水管理机构应当十日内予以办理)
_DUTY_BARE = re.compile(rf"(?:应当|必须)(?P<at>){SP}$")
# …or the modal earlier in the clause, its object between (应当将处理情况在十个工作日内告知)
_DUTY_OBJECT = re.compile(
    rf"(?:应当|应|须|必须)[将把对向][^，,；;。：:]{{1,20}}?(?P<at>[在于]){SP}$"
)
# …or the limit opens a clause of a duty's sentence with the authority's act after it (…应当对申请
# 材料进行审查，材料齐全的，当场登记，七个工作日内发放登记证)
_CLAUSE_OPEN = re.compile(rf"[，,；;]{SP}(?P<at>)$")
_ACT_AFTER = re.compile(r"予以|作出|发放|核发|颁发|办理|告知|通知|答复|书面|报送|送达|提交|完成")
_MODAL = re.compile(r"应当|必须")
_EVENT_BEFORE = re.compile(rf"(?P<event>{_EVENT}{{2,24}}?)之?后的?{SP}[，,]{SP}{_EVENT}{{0,30}}?$")


def _duty_limit(norm: str, length: re.Match[str], amount: tuple[int, str]) -> Deadline | None:
    """The time limit of a duty (应当在十日内): its event from the clause before, if it says."""
    at = length.start()
    duty = _DUTY.search(norm, max(0, at - 8), at) or _DUTY_BARE.search(norm, max(0, at - 4), at)
    if duty is None:
        duty = _DUTY_OBJECT.search(norm, max(0, at - 30), at)
    if duty is None and _ACT_AFTER.match(norm, length.end() + 1):
        opened = _CLAUSE_OPEN.search(norm, max(0, at - 3), at)
        if opened and _MODAL.search(norm, sentence_start(norm, opened.start()), opened.start()):
            duty = opened
    if duty is None:
        return None
    before = _EVENT_BEFORE.search(norm, max(0, duty.start() - _REACH), duty.start())
    event = (_event(before.group("event"))[1] or None) if before is not None else None
    return _limit(duty.start("at"), length, amount, event)


# What makes a span a ban, not a time to act within: 竣工后五年内不得挖掘, and the same after a
# second span (公路竣工后五年内或者大修的公路竣工后三年内，不得挖掘)
_BAN_AFTER = re.compile(
    rf"{SP}(?:(?:[、和或]|或者){SP}[^，,；;。]{{0,16}}?内{SP})?[，,]?{SP}(?:不得|禁止|不准|严禁)"
)


def find_time_limits(norm: str, taken: list[Deadline]) -> list[Deadline]:
    """The time limits of ``norm`` (see the module), except where a deadline already stands."""
    if "内" not in norm:
        return []
    titles = title_ranges(norm)
    out: list[Deadline] = []
    for length in _lengths(norm, "内", _LENGTH_RE):
        limit = _time_limit(norm, length) or _alternative_limit(norm, length, out)
        if limit is None or inside(limit.start, titles) or not _free(limit, taken):
            continue
        if _BAN_AFTER.match(norm, length.end() + 1):
            continue
        out.append(limit)
    return out


# A second limit joined to a first in its sentence, counted from the same event: 可以自收到处罚决定
# 书之日起六十日内申请行政复议，或者在六个月内向人民法院提起行政诉讼
_ALTERNATIVE = re.compile(rf"[，,]?{SP}(?:或者|或|也可以)(?P<at>[在于]){SP}$")


def _alternative_limit(
    norm: str, length: re.Match[str], earlier: list[Deadline]
) -> Deadline | None:
    """The limit ``length`` ends when it is joined to an earlier one of its sentence (see
    ``_ALTERNATIVE``), with that one's event."""
    amount = _amount(length)
    joined = amount and _ALTERNATIVE.search(norm, max(0, length.start() - 8), length.start())
    if not joined or not earlier:
        return None
    first = earlier[-1]
    if first.counted_from is None or first.start < sentence_start(norm, joined.start()):
        return None
    return _limit(joined.start("at"), length, amount, first.counted_from)


def _lengths(norm: str, mark: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Each length ``pattern`` finds right before a ``mark`` (内, 前): the marks are found at C
    speed, and numerals are everywhere while the marks are not."""
    for at in _occurrences(norm, mark):
        length = pattern.search(norm, max(0, at - _LENGTH_REACH), at)
        if length is not None:
            yield length


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Every offset of ``word`` in ``text``, found at C speed."""
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)


def _free(new: Deadline, taken: list[Deadline]) -> bool:
    """Whether ``new`` overlaps none of the deadlines already ``taken``."""
    return not any(d.start < new.end and new.start < d.end for d in taken)


# A date every year or month: 每年3月31日前, 每年6月底前, 每年年底前, 每月10日前 (found from each 每)
_MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_DAY = r"3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_RECURRING_RE = re.compile(
    rf"(?:[每当]|本(?={SP}年)){SP}年{SP}度?{SP}(?:的{SP})?(?:(?P<m>{_MONTH}){SP}月{SP}(?:(?P<d>{_DAY}){SP}[日号]|(?P<mend>[底末]))"
    rf"|(?P<yend>年{SP}[底末]|[底末])){SP}(?:以前|之前|前)"
    rf"|每{SP}月{SP}(?P<md>{_DAY}){SP}[日号]{SP}(?:以前|之前|前)"
)


_RECURRING_START = re.compile(r"每|当(?=年)|本(?=年)")


def _month_day(month: int, day: str | None) -> tuple[int, int] | None:
    """(month, day) when that day exists; without a day, the month's last in a common year (月底:
    2月底 is --02-28, while 2月29日 is a day)."""
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(2001, month)[1]
    n = (to_int(day) or 0) if day else last
    return (month, n) if 1 <= n <= calendar.monthrange(2000, month)[1] else None


def find_recurring(norm: str, taken: list[Deadline], standing: bool = False) -> list[Deadline]:
    """The dates of ``norm`` that come back every year or month (see the module); 当年十月三十一日
    前 (by 31 October of the year in question) is every year's too, and so is 本年度十二月三十一日
    之前 in a ``standing`` rule (a text in force until repealed), where 本年度 is each year."""
    out = []
    for opening in _RECURRING_START.finditer(norm):
        if opening.group() == "本" and not standing:
            continue
        m = _RECURRING_RE.match(norm, opening.start())
        if m is None:
            continue
        if m.group("md"):
            day = to_int(m.group("md")) or 0
            if not 1 <= day <= 31:
                continue
            recurs = f"---{day:02d}"
        else:
            month = (to_int(m.group("m")) or 0) if m.group("m") else 12
            if (month_day := _month_day(month, m.group("d"))) is None:
                continue
            recurs = "--{:02d}-{:02d}".format(*month_day)
        found = Deadline(m.start(), m.end(), "", "recurring", None, None, EVERY, recurs=recurs)
        if _free(found, taken):
            out.append(found)
    return out


# A month without its year: 10月底前, 12月31日前, 到6月底 (a year's work plan, or the steps
# after 2019年9月底前 in one provision), read from each 月 (the numerals before it, the day and
# 前 after it). Not after a year or 每/度 (2019年10月, 每年3月, 本年度十二月: found above), nor
# 月前 of a length (3个月前) or before 前三季度.
_MONTH_HEAD = re.compile(
    rf"(?<![年度每\d〇零一二两三四五六七八九十])(?:(?P<pre>到|至){SP})?(?P<m>{_MONTH}){SP}$"
)
_MONTH_TAIL = re.compile(
    rf"月{SP}(?:(?P<d>{_DAY}){SP}[日号]{SP}|(?P<end>[底末]){SP})?"
    rf"(?P<suf>以前|之前|前(?![一二三四五六七八九十\d]))?"
)


def find_month_dates(
    norm: str,
    taken: list[Deadline],
    years: list[tuple[int, int, int | None]],
    base_year: int | None,
    standing: bool = False,
) -> list[Deadline]:
    """The dates of ``norm`` that give a month but no year, by which something is due. Their
    year is the one the text gave last before them (2019年9月底前…；10月底前…); else, in a
    ``standing`` rule (in force until repealed), the date comes back every year (主管部门应当在
    4月30日前将年度报告报送); else it is the document's year (``base_year``: a year's plan).
    ``years`` lists (start, year, month or None) of the dates the text writes, in order; a
    month before the last one written is in the year after it (2018年12月前…，6月前…)."""
    out = []
    for i in _occurrences(norm, "月"):
        head = _MONTH_HEAD.search(norm, max(0, i - 6), i)
        tail = _MONTH_TAIL.match(norm, i) if head else None
        if head is None or tail is None:
            continue
        if not (
            tail.group("suf") or (head.group("pre") and (tail.group("d") or tail.group("end")))
        ):
            continue
        if (month_day := _month_day(to_int(head.group("m")) or 0, tail.group("d"))) is None:
            continue
        month, day = month_day
        start, end = head.start(), tail.end()
        said = next(((y, mo) for at, y, mo in reversed(years) if at < start), None)
        year = None
        if said is not None:  # a month before the one the year came with is the next year's
            year = said[0] + (said[1] is not None and month < said[1])
        if year is None and standing:
            found = Deadline(start, end, "", "recurring", None, None, EVERY,
                             recurs=f"--{month:02d}-{day:02d}")  # fmt: skip
        else:
            year = year if year is not None else base_year
            date = None
            if year is not None:
                date = f"{year}-{month:02d}-{min(day, calendar.monthrange(year, month)[1]):02d}"
            found = Deadline(start, end, "", "instant", date, None, BY)
        if _free(found, taken):
            out.append(found)
    return out


# A plan's span of years counted from its own: 经过3年努力 in a plan of 2018 is by the end of
# 2020 (the year of issue is the first of the three), 用五年左右时间 about 2022; 再用十年时间
# counts from the date before it (到2020年…，再用十年时间: 2030). A review's span is what was
# done (经过五年努力，…取得了…), not a deadline.
_EFFORT_RE = re.compile(
    rf"(?P<again>再)?(?:经过|通过|用){SP}(?P<n>\d{{1,2}}|[一二两三四五六七八九十]{{1,3}}){SP}年{SP}"
    rf"(?P<about>左右{SP})?(?:的{SP})?(?:不懈{SP})?$"
)  # read back from each 努力, 时间 or 奋斗
_EFFORT_WORDS = ("努力", "时间", "奋斗")
_DONE = re.compile(r"了|已|取得|圆满|超额")
_SENTENCE_STOP = re.compile(rf"[{re.escape(SENTENCE_END)}；;]")


def find_efforts(norm: str, taken: list[Deadline], base_year: int | None) -> list[Deadline]:
    """The spans of years a plan gives itself (经过3年努力), by the end of the last of them,
    counted from the document's year (``base_year``: undated without one) or, after 再, from
    the date before it."""
    out = []
    for i, word in sorted((i, w) for w in _EFFORT_WORDS for i in _occurrences(norm, w)):
        m = _EFFORT_RE.search(norm, max(0, i - 16), i)
        if m is None:
            continue
        n = to_int(m.group("n")) or 0
        stop = _SENTENCE_STOP.search(norm, i)
        if not 1 <= n <= 50 or _DONE.search(norm, i, stop.start() if stop else len(norm)):
            continue
        if m.group("again"):
            before = [d for d in taken if d.end <= m.start() and d.date and d.certainty == BY]
            last = max(before, key=lambda d: d.end, default=None)
            if last is None:
                continue  # 再用十年时间 with no date before it counts from nothing said
            year: int | None = int(str(last.date)[:4]) + n
        else:
            year = None if base_year is None else base_year + n - 1
        date = None if year is None else f"{year}-12-31"
        certainty = ABOUT if m.group("about") else BY
        found = Deadline(m.start(), i + len(word), "", "instant", date, None, certainty)
        if _free(found, taken):
            out.append(found)
    return out


# the document's own entry into force: 本条例施行, 本办法实施, 本规定生效
_ENTRY_INTO_FORCE = re.compile(
    r"^本(?:条例|办法|规定|决定|细则|实施细则|规则|法|方案)(?:施行|实施|生效)$"
)


def _from_entry_into_force(limit: Deadline, effective: str | None) -> Deadline:
    """A time limit counted from the document's entry into force, dated when the document says
    when that is: 自本条例施行之日起六个月内 of a regulation in force from 2019-01-01 runs to
    2019-07-01 (the first day is not counted, and a period of months or years ends on the
    corresponding day, or the month's last: 民法典 articles 201 and 202). Working days need a
    holiday calendar and stay undated."""
    if (
        not effective
        or limit.working_days
        or limit.certainty != WITHIN
        or not _ENTRY_INTO_FORCE.match(limit.counted_from or "")
    ):
        return limit
    try:
        start = datetime.date.fromisoformat(effective)
    except ValueError:
        return limit
    if "T" in str(limit.duration):  # hours or minutes: the day is not told
        return limit
    n, unit = int(str(limit.duration)[1:-1]), str(limit.duration)[-1]
    if unit in "DW":
        end = start + datetime.timedelta(days=n * (7 if unit == "W" else 1))
    else:
        months = start.month - 1 + n * (12 if unit == "Y" else 1)
        year, month = start.year + months // 12, months % 12 + 1
        end = datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    return replace(limit, kind="interval", date=end.isoformat(), date_from=start.isoformat())


def plan_years(n: int) -> tuple[int, int]:
    """First and last year of the n-th five-year plan (十三五 -> 2016, 2020).

    Plans ran back to back from 1953 (一五 1953-1957, 二五 1958-1962), then paused for the
    1963-1965 readjustment, so from the third plan on the n-th starts in 1966 + 5(n - 3).
    """
    if n < 1:
        raise ValueError(f"no five-year plan number {n}")
    first = 1953 + 5 * (n - 1) if n <= 2 else 1966 + 5 * (n - 3)
    return first, first + 4


@lru_cache(maxsize=4096)
def _jio_bounds(expr: str, base_year: int) -> tuple[str, str] | None:
    """(start, end) ISO dates jionlp gives for a compact expression, or None when it fails."""
    try:
        parsed = jionlp.parse_time(expr, time_base={"year": base_year})
    except Exception:  # jionlp raises bare ValueError and others on what it cannot read
        log.debug("jionlp cannot parse %r", expr)
        return None
    start, end = parsed["time"][0], parsed["time"][1]
    if not isinstance(start, str) or not isinstance(end, str):
        return None
    return start[:10], end[:10]


# The text itself taking effect (本条例自2016年1月1日起施行, 本办法自…起实施): a date of the
# document, like its history, not a time by which anything is to be done.
_IN_FORCE_BEFORE = re.compile(
    r"本(?:条例|法|办法|规定|细则|实施细则|实施办法|决定|规则|规划|方案|意见|通知|准则|标准"
    r"|修正案|修正|修订)\s*$"
)
_IN_FORCE_AFTER = re.compile(r"\s*(?:起\s*)?(?:施行|实施|生效|执行)")


def _point(m: re.Match[str], text: str) -> tuple[str, str | None, str | None, str] | None:
    """(kind, date, date_from, certainty) for 到2020年 / 2018年6月底前 / 自…起; None to skip."""
    pre, suf = m.group("pre"), m.group("suf")
    y, mo, d = m.group("y"), m.group("m"), m.group("d")
    if suf in _BY_SUFFIXES or suf in _END_SUFFIXES or (suf is None and pre in _BY_PREFIXES):
        certainty = BY
    elif suf == "前后":
        certainty = ABOUT
    elif suf == "起" or pre in ("自", "从"):
        if _IN_FORCE_BEFORE.search(text, 0, m.start()) and _IN_FORCE_AFTER.match(text, m.end()):
            return None  # 本条例自2016年1月1日起施行: the document's entry into force
        certainty = FROM
    elif m.group("half") or m.group("quarter"):
        # 2025年上半年完成, 2026年第一季度完成验收: done within that part; 2025年上半年，… is
        # a span like a bare year before a comma
        certainty = DURING if text[m.end() :].lstrip(" \t\u3000")[:1] in ("，", ",") else BY
    elif suf is not None or d is not None:
        return None  # 2015年以来, 2020年后; a calendar date such as a history or signature line
    else:
        # A bare year opening its clause and closed by a comma: 2017年，完成… (during 2017).
        before = text[: m.start()].rstrip(" \t\u3000")
        after = text[m.end() :].lstrip(" \t\u3000")
        if (before and before[-1] not in CLAUSE_END) or after[:1] not in ("，", ","):
            return None
        certainty = DURING
    bounds = _calendar_part(int(y), mo, d, m.group("half"), m.group("quarter"))
    if bounds is None or not bounds[0].startswith(y) or not bounds[1].startswith(y):
        return None
    return _dated(certainty, *bounds)


def _calendar_part(
    year: int, month: str | None, day: str | None, half: str | None, quarter: str | None
) -> tuple[str, str] | None:
    """First and last day of a year's half, quarter, month or day (of the year itself)."""
    expr = f"{year}年" + (f"{int(month)}月" if month else "") + (f"{int(day)}日" if day else "")
    return _part_of_year(year, half, quarter) or _jio_bounds(expr, year)


def _dated(certainty: str, first: str, last: str) -> tuple[str, str | None, str | None, str]:
    """(kind, date, date_from, certainty) of a span read with ``certainty``: during it, from
    its first day, else by (or about) its last."""
    if certainty == DURING:
        return "interval", last, first, DURING
    if certainty == FROM:
        return "instant", first, None, FROM
    return "instant", last, None, certainty


def _past_status(
    m: re.Match[str], meaning: tuple[str, str | None, str | None, str] | None, base_year: int | None
) -> bool:
    """Whether a year point dates what was, not what is due: a year before the document's own
    that 截至 marks (截至2015年底，全国森林覆盖率达到21.66%: as of then) or that opens a clause
    (2015年，全国…平均浓度为50微克/立方米: a plan's review of the years before it)."""
    return (
        meaning is not None
        and base_year is not None
        and int(m.group("y")) < base_year
        and (m.group("pre") in _AS_OF or meaning[3] == DURING)
    )


def find_statuses(
    norm: str, base_year: int | None, start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    """Where ``norm`` (normalised text) dates a state of things in a year gone between
    ``start`` and ``end`` (see ``_past_status``): no deadline, and the figures after it in its
    sentence are what was, not targets."""
    if base_year is None:
        return []
    out = []
    for m in DEADLINE_RE.finditer(norm, start, len(norm) if end is None else end):
        if m.lastgroup == "point" and _past_status(m, _point(m, norm), base_year):
            out.append((m.start(), m.end()))
    return out


_QUARTER_ENDS = ("03-31", "06-30", "09-30", "12-31")


def _part_of_year(year: int, half: str | None, quarter: str | None) -> tuple[str, str] | None:
    """First and last day of a half year (上半年, 下半年) or a quarter (第一季度, 4季度)."""
    if half:
        first, last = ("01-01", "06-30") if half == "上半年" else ("07-01", "12-31")
    elif quarter:
        n = int(quarter) if quarter.isdigit() else "一二三四".index(quarter) + 1
        first, last = f"{3 * n - 2:02d}-01", _QUARTER_ENDS[n - 1]
    else:
        return None
    return f"{year}-{first}", f"{year}-{last}"


def _range(m: re.Match[str]) -> tuple[str, str | None, str | None, str] | None:
    y1, y2 = m.group("y1"), m.group("y2")
    if int(y1) >= int(y2):
        return None
    bounds = _jio_bounds(f"{y1}年至{y2}年", int(y1))
    if bounds is None or not bounds[0].startswith(y1) or not bounds[1].startswith(y2):
        return None
    return "interval", bounds[1], bounds[0], DURING


def _plan(m: re.Match[str]) -> tuple[str, str | None, str | None, str] | None:
    n = cn_number(m.group("n"))
    if n is None or n < 1 or n != int(n):
        return None
    first, last = plan_years(int(n))
    if m.group("psuf") in ("末", "末期") or m.group("ppre"):
        return "instant", f"{last}-12-31", None, BY
    return "interval", f"{last}-12-31", f"{first}-01-01", DURING


def _relative(
    m: re.Match[str], text: str, base_year: int | None
) -> tuple[str, str | None, str | None, str] | None:
    year = None if base_year is None else base_year + (m.group("rel") == "明年")
    month, half, quarter = m.group("rm"), m.group("rhalf"), m.group("rquarter")
    if month or half or quarter:  # 明年6月底前: that part of the year
        return _part_of(m, text, year, month, half, quarter)
    if m.group("relsuf") == "起":  # 明年起实施: from the start of next year
        return "instant", None if year is None else f"{year}-01-01", None, FROM
    if m.group("bare") or m.group("relsuf") or m.group("rpre"):
        return "instant", None if year is None else f"{year}-12-31", None, BY
    if year is None:
        return "interval", None, None, DURING
    return "interval", f"{year}-12-31", f"{year}-01-01", DURING


def _part_of(
    m: re.Match[str],
    text: str,
    year: int | None,
    month: str | None,
    half: str | None,
    quarter: str | None,
) -> tuple[str, str | None, str | None, str] | None:
    """A month, day, half or quarter of 今年 or 明年, read as ``_point`` reads one of a year
    written out: by its end (明年6月底前, 到今年9月, 今年下半年完成), from its start (今年7月起),
    during it when a comma follows (今年下半年，…); a bare day is a calendar date, no deadline."""
    suffix = m.group("relsuf")
    day = m.group("rd")
    comma = text[m.end() :].lstrip(" \t\u3000")[:1] in ("，", ",")
    if suffix == "起":
        certainty = FROM
    elif suffix or m.group("rpre"):
        certainty = BY
    elif half or quarter:
        certainty = DURING if comma else BY
    elif day is None and comma:
        certainty = DURING
    else:
        return None
    if year is None:
        return "instant", None, None, certainty
    bounds = _calendar_part(year, month, day, half, quarter)
    return None if bounds is None else _dated(certainty, *bounds)


def _century(
    m: re.Match[str], base_year: int | None
) -> tuple[str, str | None, str | None, str] | None:
    certainty = BY if m.group("cpre") else ABOUT
    if base_year is None:
        return "instant", None, None, certainty
    first = (base_year - 1) // 100 * 100 + 1  # 2016 -> 2001: centuries start in year 1
    year = first + (49 if m.group("part") in ("中叶", "中期") else 99)
    return "instant", f"{year}-12-31", None, certainty


def find_deadlines(
    text: str, base_year: int | None = None, effective: str | None = None
) -> list[Deadline]:
    """Every deadline or time span in ``text``, in order, with exact offsets.

    text (str): the layout-repaired text, spaces and full-width digits as written.
    base_year (int | None): the document's year, for 今年 / 年内 / 本世纪; None leaves them
        undated.
    effective (str | None): the ISO date the document enters into force, for a time limit
        counted from it (自本条例施行之日起六个月内); None leaves them undated.
    RETURNS (list[Deadline]): non-overlapping expressions in text order.
    """
    norm = normalise(text)
    titles = title_ranges(norm)
    baselines = [(b.start, b.end) for b in find_baselines(norm)]
    found: list[Deadline] = []
    years: list[tuple[int, int, int | None]] = []  # (start, year, month) of each date written
    for m in DEADLINE_RE.finditer(norm):
        if inside(m.start(), titles):
            continue
        if m.lastgroup == "range":
            meaning = _range(m)
        elif m.lastgroup == "plan":
            meaning = _plan(m)
        elif m.lastgroup == "century":
            meaning = _century(m, base_year)
        elif m.lastgroup == "relative":
            if effective and m.group("rel")[:2] == "本年" and _RECURRING_RE.match(norm, m.start()):
                continue  # 本年度十二月三十一日之前 in a standing rule: every year's (below)
            meaning = _relative(m, norm, base_year)
        else:
            if inside(m.start("y"), baselines):
                continue
            month = int(m.group("m")) if m.group("m") else None
            years.append((m.start(), int(m.group("y")), month))
            meaning = _point(m, norm)
            if _past_status(m, meaning, base_year):
                continue
        if meaning is None:
            continue
        kind, date, date_from, certainty = meaning
        start, end = m.start(), m.end()
        found.append(Deadline(start, end, text[start:end], kind, date, date_from, certainty))
    limits = [
        _from_entry_into_force(replace(d, text=text[d.start : d.end]), effective)
        for d in find_time_limits(norm, found)
    ]
    if "每" in norm or "当年" in norm or (effective and "本年" in norm):
        recurring = find_recurring(norm, found, standing=bool(effective))
        limits += [replace(d, text=text[d.start : d.end]) for d in recurring]
    if "月" in norm:
        months = find_month_dates(norm, found + limits, years, base_year, bool(effective))
        limits += [
            replace(d, text=text[d.start : d.end]) for d in months if not inside(d.start, titles)
        ]
    if "年" in norm:
        efforts = find_efforts(norm, found + limits, base_year)
        limits += [replace(d, text=text[d.start : d.end]) for d in efforts]
    if "前" in norm:
        limits += [replace(d, text=text[d.start : d.end]) for d in find_ahead(norm, found + limits)]
    return sorted(found + limits, key=lambda d: d.start) if limits else found


@Language.factory(
    "policykg_deadlines",
    assigns=["doc.spans"],
    default_config={"spans_key": "deadlines", "base_year": None},
)
def make_deadlines(
    nlp: Language, name: str, spans_key: str, base_year: int | None
) -> DeadlineFinder:
    """Build the deadline component (spaCy factory)."""
    return DeadlineFinder(spans_key=spans_key, base_year=base_year)


class DeadlineFinder:
    """Record deadlines under ``doc.spans[spans_key]`` with label "deadline".

    ``doc.user_data["base_year"]``, when set, overrides the configured ``base_year`` for that
    document, since one pipeline reads documents of many years; ``doc.user_data["effective"]``
    dates the time limits counted from the document's entry into force.
    """

    def __init__(self, spans_key: str = "deadlines", base_year: int | None = None) -> None:
        self.spans_key = spans_key
        self.base_year = base_year

    def __call__(self, doc: Doc) -> Doc:
        """Find the deadlines in ``doc`` and add them to its span group.

        doc (Doc): the document.
        RETURNS (Doc): the same document, annotated.
        """
        base_year = doc.user_data.get("base_year", self.base_year)
        if self.spans_key not in doc.spans:
            doc.spans[self.spans_key] = []
        deadlines = find_deadlines(doc_text(doc), base_year, doc.user_data.get("effective"))
        add_spans(
            doc, self.spans_key, "deadline", [(d.start, d.end, "", d.attrs()) for d in deadlines]
        )
        return doc
