"""The dated acts under a legislative title: who passed, approved, amended, published and when.

Chinese laws, regulations and rules print their history under the title, one act per clause:

    2011年9月28日 济南市第十四届人民代表大会常务委员会第三十三次会议通过
    2011年11月25日 山东省第十一届人民代表大会常务委员会第二十七次会议批准
    （2019年X月X日北京市人民政府令第289号公布　根据2021年X月X日…决定修正　自…起施行）

A clause is a date, the acting body (a meeting of it, an order of it, or a decision it made),
and a closing verb. The body is rebuilt from a place and an organ (济南市 + 人民代表大会常务委员会,
dropping 第十四届 and 第三十三次会议), so every congress and government of every place in the
gazetteer is recognised without a list of them. The entry into force (施行) also comes from the
closing article (本条例自2017年1月1日起施行) when the header does not state it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal, TypedDict

from policykg.extract.admin_divisions import leading_division
from policykg.extract.dates import DATE, iso
from policykg.extract.headings import match_heading

Event = Literal["passed", "approved", "promulgated", "amended", "revised", "effective"]
ACTS: tuple[Event, ...] = ("passed", "approved", "promulgated", "amended", "revised")
"""Events that are acts of a body: the document's date is the latest of them."""


class HistoryEvent(TypedDict, total=False):
    date: str
    event: Event
    body: str
    text: str


# The verb that closes a clause, longest first; 修订通过 is a revision, not a first passing.
_VERBS: dict[str, Event] = {
    "修订通过": "revised",
    "修正通过": "amended",
    "通过": "passed",
    "批准": "approved",
    "修正": "amended",
    "修改": "amended",
    "修订": "revised",
    "公布": "promulgated",
    "发布": "promulgated",
    "颁布": "promulgated",
    "施行": "effective",
    "实施": "effective",
    "生效": "effective",
}
_VERB = re.compile("|".join(sorted(_VERBS, key=len, reverse=True)))
# The organs that pass or approve local legislation and rules (Legislation Law art. 72-93),
# canonical form first; a place in front of them names the body.
_ORGANS: dict[str, str] = {
    "全国人民代表大会常务委员会": "全国人民代表大会常务委员会",
    "全国人大常委会": "全国人民代表大会常务委员会",
    "全国人民代表大会": "全国人民代表大会",
    "人民代表大会常务委员会": "人民代表大会常务委员会",
    "人大常委会": "人民代表大会常务委员会",
    "人民代表大会": "人民代表大会",
    "人民政府": "人民政府",
    "国务院": "国务院",
    "主席": "主席",  # 中华人民共和国主席令: the head of state promulgates laws
}
_ORGAN = re.compile("|".join(sorted(_ORGANS, key=len, reverse=True)))
_NATIONAL_PREFIX = "中华人民共和国"
_SESSION = re.compile(r"第[一二三四五六七八九十百零〇\d]+届")
# Bodies that are no congress or government: a ministry's order or meeting (生态环境部令第1号,
# 生态环境部部务会议), a government office's.
_OTHER_BODY = re.compile(
    r"(?P<body>[\u4e00-\u9fff]{2,30}?)(?:令\s*第|第[^，。；\s]{1,8}次(?:[部委局署]务|常务|主任|全体)?会议"
    r"|(?:[部委局署]务|常务|主任)会议)"
)
_BODY_END = set("部委局署院厅办府会室心组处所庭社联央军")
# the order (国务院令第588号) or the standing committee's notice (…常务委员会公告第85号) that
# promulgated the text: its number is the document's
_ORDER = re.compile(
    r"(?P<body>[\u4e00-\u9fff]{2,30}?)(?P<kind>令|公告)\s*[（(]?\s*"
    r"(?P<n>第\s*[\d一二三四五六七八九十百零〇]+\s*号)"
)
_QUOTED = re.compile(r"《[^《》]*》")
_GAP = re.compile(r"\u3000+|\s{2,}|\n")  # between two acts printed on one line
_PLACE_END = tuple("省市县区州旗盟")
# What may come before a clause's date: a bracket, 根据 (amended "according to" a decision),
# 自 (in force "from" a date).
_OPENERS = "（(　 \t根据自"
_CLOSERS = "）)　 \t，,。；;"
_MAX_ACT_LINE = 400  # a header line records acts; a longer paragraph is body text
_IN_FORCE = re.compile(
    rf"本[\u4e00-\u9fff]{{1,8}}?自\s*(?:(?P<date>{DATE.pattern})|(?P<on>公布|发布|印发|颁布)之日)"
    r"\s*起\s*(?:施行|实施|生效|执行)"
)


def header_lines(lines: list[str]) -> list[str]:
    """The clauses of the history block: after the title, every line that opens with a date.

    Text pulled from a print wraps what the file had on one line: a title over two or three
    lines is passed over, and a line that goes on a clause not yet closed by its verb
    (…常务委员会第 / 五次会议通过) is joined back to it.
    """
    rest = [stripped for line in lines if (stripped := line.strip())]
    k = 1  # the title's first line
    while k < min(len(rest), 1 + _TITLE_LINES) and _title_goes_on(rest[k], rest[k + 1 : k + 2]):
        k += 1
    out: list[str] = []
    for n in range(k, len(rest)):
        line = rest[n]
        if not line.lstrip(_OPENERS) and n + 1 < len(rest):
            continue  # 根据 or （ alone, where a print wrapped the line: the next clause's
        if _opens_with_date(line, rest[n + 1 : n + 2]):
            out.append(line)
        elif (
            out
            and (_unfinished(out[-1]) or line[0] in GOES_ON)
            and len(out[-1]) + len(line) <= _MAX_ACT_LINE
            and match_heading(line) is None
        ):
            out[-1] += line
        else:
            break
    return out


_TITLE_LINES = 2  # lines a title may take after its first
# what opens a line that goes on the clause before it even after its verb: …会议批准 / 的《…决定》
# 修正, …决定》修正 / ）
GOES_ON = "的之）)】〕」』》，,。；;"
_CUT_DATE = re.compile(r"[0-9０-９〇零一二三四五六七八九十年月]$")


def _opens_with_date(line: str, following: list[str]) -> bool:
    """A line that opens with a date, maybe one cut at the line's end (（1993年10 / 月22日…)."""
    line = line.lstrip(_OPENERS)
    if DATE.match(line):
        return True
    return (
        bool(following)
        and _CUT_DATE.search(line) is not None
        and len(line) <= 12
        and bool(DATE.match(line + following[0]))
    )


def _title_goes_on(line: str, following: list[str]) -> bool:
    """A line that goes on a title printed over several lines: short, no sentence in it, and
    a date or another such line after it."""
    return (
        len(line) <= 40
        and not _opens_with_date(line, following)
        and not any(c in line for c in "。；;：:，,")
        and bool(following)
        and (_opens_with_date(following[0], []) or len(following[0]) <= 40)
    )


def _unfinished(clause: str) -> bool:
    """A header clause that a wrapped line goes on: a bracket or a title is still open, or it
    does not end on the verb that closes an act (…常务委员会第 / 五次会议通过, …批准的《…决定》
    / 修正, a date cut in two)."""
    opened = sum(clause.count(c) for c in "（(《") > sum(clause.count(c) for c in "）)》")
    return opened or _ENDS_ACT.search(clause) is None


_ENDS_ACT = re.compile(rf"(?:{_VERB.pattern})[{_CLOSERS}]*$")


def ends_act(line: str) -> bool:
    """Whether ``line`` ends on the verb that closes a dated act (…会议通过, …决定》修正）),
    not inside a title it cites (…会议《关于修改)."""
    return not _unfinished(line.rstrip())


def is_act_line(text: str) -> bool:
    """A paragraph of the header block: it opens with a date and records an act of a body
    (…会议通过, …令第N号公布, 根据…决定修正) or names the dated document it issues
    (2018年6月27日《国务院关于印发…的通知》). Such lines are metadata, never body text."""
    stripped = text.strip()
    if len(stripped) > _MAX_ACT_LINE or not DATE.match(stripped.lstrip(_OPENERS)):
        return False
    return bool(_VERB.search(_QUOTED.sub("", stripped))) or bool(_QUOTED.search(stripped))


def _clauses(lines: list[str]) -> Iterator[tuple[str, str, str]]:
    """Each clause of the header block: its ISO date, the text after the date with 《…》 titles
    blanked out (so a decision's name never gives the verb or the body), and the clause as
    printed, date included."""
    block = "\n".join(header_lines(lines))
    masked = _QUOTED.sub(lambda m: "《" + "□" * (len(m.group()) - 2) + "》", block)
    dates = list(DATE.finditer(block))
    for n, m in enumerate(dates):
        end = dates[n + 1].start() if n + 1 < len(dates) else len(block)
        clause = masked[m.end() : end].rstrip(_CLOSERS + "\n")
        clause = clause.removesuffix("根据").removesuffix("自").rstrip(_CLOSERS + "\n")
        date = iso(m)
        if date is not None:
            yield date, clause, block[m.start() : m.end() + len(clause)]


def history(lines: list[str]) -> list[HistoryEvent]:
    """Every dated act of the header block of ``lines`` (the document's first lines)."""
    events: list[HistoryEvent] = []
    for date, clause, printed in _clauses(lines):
        verb = _closing_verb(clause)
        if verb is None:
            continue
        event: HistoryEvent = {"date": date, "event": _VERBS[verb.group()]}
        offset = len(printed) - len(clause)  # the date's characters
        body = _body(clause[: verb.start()], printed[offset : offset + verb.start()])
        if body and event["event"] != "effective":
            event["body"] = body
        event["text"] = printed[: offset + verb.end()].strip()
        events.append(event)
    return events


def _closing_verb(clause: str) -> re.Match[str] | None:
    """The verb that closes the clause's first act: the last verb of the first stretch that
    has one. An undated act printed after it (…通过　…公告（第30号）公布) is no event of its
    date; a decision's verbs are blanked out (…批准的《…》修正 closes on 修正)."""
    start = 0
    for gap in [*_GAP.finditer(clause), None]:
        end = gap.start() if gap else len(clause)
        verbs = list(_VERB.finditer(clause, start, end))
        if verbs:
            return verbs[-1]
        start = gap.end() if gap else end
    return None


def _body(masked: str, original: str) -> str | None:
    """The body acting in a clause: an organ of a place, another body, or a decision's author."""
    body = organ_body(masked)
    if body:
        return body
    m = _OTHER_BODY.search(masked)
    if m and m.group("body")[-1] in _BODY_END:
        return m.group("body").removeprefix(_NATIONAL_PREFIX)
    # 根据《国务院关于修改部分行政法规的决定》修订: the decision names its author before 关于
    for quoted in _QUOTED.finditer(original):
        author, found, _ = quoted.group()[1:-1].partition("关于")
        if found and author:
            return organ_body(author) or (author if author[-1] in _BODY_END else None)
    return None


def organ_body(text: str) -> str | None:
    """济南市第十四届人民代表大会常务委员会第三十三次会议 → 济南市人民代表大会常务委员会."""
    for m in _ORGAN.finditer(text):
        organ = _ORGANS[m.group()]
        place = _SESSION.sub("", "".join(text[: m.start()].split())).lstrip("在由经")
        if organ == "主席":
            if place == _NATIONAL_PREFIX:
                return place + organ
            continue
        if organ.startswith("全国") or organ == "国务院":
            if place in ("", _NATIONAL_PREFIX):
                return organ
            continue
        if place and _is_place(place):
            return place + organ
    return None


def event_of(verb: str) -> Event | None:
    """The act a verb of legislation names: 修订通过 revised, 通过 passed, 公布 promulgated."""
    return _VERBS.get(verb)


def _is_place(name: str) -> bool:
    """A whole chain of gazetteer names, or a name shaped like one (a division newer than it)."""
    found = leading_division(name)
    if found is not None:
        return found[1] == len(name)
    return 2 <= len(name) <= 20 and name.endswith(_PLACE_END) and name.isalpha()


def order_number(lines: list[str]) -> str | None:
    """The order that promulgated a rule or an administrative regulation (国务院令第588号), or the
    notice that promulgated a local regulation (浙江省人民代表大会常务委员会公告第85号)."""
    for _, clause, _ in _clauses(lines):
        m = _ORDER.search(clause)
        if m:
            body = organ_body(m.group("body")) or m.group("body").removeprefix(_NATIONAL_PREFIX)
            return f"{body}{m.group('kind')}{''.join(m.group('n').split())}"
    return None


def enters_into_force(text: str) -> bool:
    """Whether ``text`` opens with the text's own entry into force: 本决定自2019年9月1日起施行."""
    return _IN_FORCE.match(text.strip()) is not None


def in_force(tail: str, events: list[HistoryEvent], signed: str | None = None) -> str | None:
    """The date the text enters into force: the header's 施行 line, else the closing article's
    本条例自…起施行 (自公布之日起施行: the promulgation date, when the header gives it; for a
    text with no history, the date it is ``signed``: 本办法自印发之日起施行 under a government's
    signature takes effect that day)."""
    stated = [e["date"] for e in events if e["event"] == "effective"]
    if stated:
        return max(stated)
    found = list(_IN_FORCE.finditer(_unwrapped(tail)))
    if not found:
        return None
    m = found[-1]
    if m.group("date"):
        return iso(m)
    published = [e["date"] for e in events if e["event"] == "promulgated"]
    return max(published) if published else None if events else signed


# a line break inside a sentence, as text pulled from a print has them (《广州市募捐条例》同 /
# 时废止): closing articles are read across it
_WRAP = re.compile(r"(?<![。；;！？!?：:\n])[ \t\u3000]*\n(?!\n)[ \t\u3000]*")


def _unwrapped(tail: str) -> str:
    """``tail`` with its lines joined where a sentence goes on over the break."""
    return _WRAP.sub("", tail)


# the closing article's 《…》同时废止 (also 同时停止执行, 予以废止): the acts this text replaces
_REPEAL = re.compile(r"(?:同时|予以|一并)(?:废止|停止执行)")
_REPEALED_TITLE = re.compile(r"《([^《》\n]{2,80})》")


def repealed(tail: str) -> list[str]:
    """The titles of the acts that this text repeals when it enters into force, as its closing
    article names them: ……起施行，2001年…通过的《北京市国防教育条例》同时废止."""
    out: list[str] = []
    tail = _unwrapped(tail)
    for m in _REPEAL.finditer(tail):
        clause_start = max(tail.rfind(c, 0, m.start()) for c in "。；;，,\n") + 1
        clause = tail[clause_start : m.start()]
        out.extend(t.strip() for t in _REPEALED_TITLE.findall(clause))
    return list(dict.fromkeys(out))


def bodies(events: list[HistoryEvent]) -> list[str]:
    """The bodies that made the text, in the order they first acted (by date, then text order).

    Promulgation counts only when no body passed the text (a rule or an administrative
    regulation published by order): a law's 主席令 or a congress's 公告 publishes what others made.
    """
    made = {"passed", "approved", "amended", "revised"}
    if not any(e["event"] in made and e.get("body") for e in events):
        made.add("promulgated")
    acts = sorted(
        (e for e in events if e["event"] in made and e.get("body")), key=lambda e: e["date"]
    )
    return list(dict.fromkeys(e["body"] for e in acts))
