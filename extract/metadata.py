"""Document metadata as the text itself states it: title, number, issuers, dates, genre, history.

Chinese official documents put this in a few fixed places: a title line at the top, a
``国发〔2016〕65号`` number line, a signature block (issuing bodies, then a date line) at the end,
a legislative history under a law's or regulation's title (see ``extract.history``), and, in
scraped corpora, a ``【文号】…`` field block. Only the first and last ``EDGE_LINES`` lines are
read, so any input, however large, is cheap, and nothing in the body can be mistaken for
metadata. Keys appear only when found: a missing key means "the text does not say", which the
caller may fill from a manifest.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TypedDict

from policykg.extract.dates import DATE, iso, valid
from policykg.extract.headings import match_heading
from policykg.extract.history import (
    HistoryEvent,
    bodies,
    history,
    in_force,
    order_number,
    repealed,
)
from policykg.extract.jurisdiction import Jurisdiction, jurisdiction_of
from policykg.extract.orders import publication_order

EDGE_LINES = 40
"""Lines read at each end of the text."""

_EDGE_CHARS = 20_000
"""Characters cut from each end before splitting, so a huge single-line text stays cheap."""

_MAX_LINE = 300
"""Longer lines are prose (or garbage), never a title, number, signature or history line."""


class DocumentMetadata(TypedDict, total=False):
    title: str
    number: str
    issuers: list[str]
    date: str
    effective: str
    repeals: list[str]
    genre: str
    history: list[HistoryEvent]
    jurisdiction: Jurisdiction


# Closed genre set, keyed by the title's final word; longest suffix wins (办法 before 法).
GENRES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "行动计划": "action-plan",
            "行动方案": "action-plan",
            "规划": "plan",
            "纲要": "plan",
            "计划": "plan",
            "方案": "plan",
            "预案": "plan",  # 应急预案: an emergency plan
            "法": "law",
            "法典": "law",
            "条例": "regulation",
            "规定": "regulation",
            "指导意见": "guideline",
            "实施意见": "guideline",
            "意见": "guideline",
            "通知": "notice",
            "通告": "notice",
            "公告": "notice",
            "办法": "measures",
            "细则": "measures",
            "决定": "decision",
            "决议": "resolution",
        }.items(),
        key=lambda kv: -len(kv[0]),
    )
)

_NUMBER = re.compile(
    r"(?P<agency>[\u4e00-\u9fff]{1,12})\s*[(（\[［〔【]\s*(?P<year>(?:19|20)\d{2})"
    r"\s*[)）\]］〕】]\s*(?P<seq>\d{1,5})\s*号"
)
_FIELD = re.compile(r"^\s*【(?P<key>[^】]{1,10})】\s*(?P<value>.*?)\s*$")
_LABEL_PREFIX = re.compile(r"^(?:\s*【[^】]{1,20}】)+\s*")
# What a web page prints above its text, kept when it is printed to PDF or copied out:
# the breadcrumb (当前位置：首页 > 地方性法规) and the source and date line (来源：… 发布时间：…)
_INFO_LABEL = r"(?:信息来源|来源|发布时间|发布日期|更新时间|时间|日期|作者|浏览次数|点击数|阅读次数|访问量|字号)"
_FURNITURE = re.compile(
    r"^\s*(?:(?:当前位置|您的位置|你的位置|您现在的位置|所在位置)\s*[：:]"
    r"|首页\s*[>＞›»/]"
    rf"|{_INFO_LABEL}\s*[：:][^：:]{{0,40}}{_INFO_LABEL}\s*[：:]"
    # and a news agency's dateline over the text it carries, alone on its line, with its
    # reporters (新华社北京11月7日电（记者王立彬）)
    r"|(?:新华社|中新社|本报)[\u4e00-\u9fff]{1,12}?\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯)\s*"
    r"(?:[（(][^（）()]{1,30}[）)])?\s*$)"
)
# and what it prints below: the copyright and the site's registration numbers
_FOOTER = re.compile(
    r"^\s*(?:版权所有|Copyright|©|网站标识码|(?:主办|承办|技术支持)(?:单位)?\s*[：:])"
    r"|(?:ICP备|ICP证|公网安备)\s*\d",
    re.I,
)
# and the short lines of its tools, above or below the text or inside it: print, close, share,
# font size, the editor, the links to other pages
FURNITURE_LINE = re.compile(
    r"^[\s【\[（(]*(?:责任编辑|编辑|来源|作者|审核|校对|打印|打印本页|关闭|关闭窗口|分享|分享到|纠错|"
    r"我要纠错|字号|字体|扫一扫|收藏|浏览次数|点击数|阅读次数|返回顶部|上一篇|下一篇|相关链接|相关阅读"
    r"|相关文章)(?:[\s：:】\]）)]|$)"
)
# The metadata table a government site prints over a document (信息公开 索引号, 发文机关, 成文日期
# …; in a table on the page, label and value beside each other or on two lines once copied out):
# the labels that give a field metadata reads (keyed like a 【…】 field block) ...
INFO_FIELDS = {
    "标题": "标题",
    "名称": "标题",
    "信息名称": "标题",
    "文件名称": "标题",
    "发文字号": "文号",
    "文号": "文号",
    "发文机关": "颁布单位",
    "发文单位": "颁布单位",
    "发布机构": "颁布单位",
    "发布机关": "颁布单位",
    "成文日期": "颁布时间",
    "发文日期": "颁布时间",
    "实施日期": "实施时间",
    "施行日期": "实施时间",
    "生效日期": "实施时间",
}
# ... and the others such a table holds, which tell it from a paragraph opening 标题：
_INFO_OTHERS = (
    "索引号 主题分类 主题词 发布日期 公开日期 生成日期 体裁分类 组配分类 内容分类 信息分类 "
    "有效性 效力状态 时效性 公开方式 公开范围 公开形式 公开时限 统一编号 登记号 有效期 "
    "所属机构 服务对象 废止日期 失效日期 文种"
).split()
_TABLE_LABEL = re.compile(
    r"(?:^|(?<=[\s\u3000]))(?P<label>"
    + "|".join(
        "[\\s\u3000]*".join(label)
        for label in sorted([*INFO_FIELDS, *_INFO_OTHERS], key=len, reverse=True)
    )
    + r")[\s\u3000]*[：:]"
)
_TABLE_MIN = 2  # labels in a block: one 标题： line may open a paragraph
_TABLE_VALUE = 100  # characters of a value on a line of its own: a long title, at most
_FURNITURE_SHORT = 40  # a tool line is short; a paragraph that opens with 编辑 is text
_SIGNER = re.compile(r"^签\s*发\s*人\s*[：:]")  # a report's signer, beside its number line
_TITLE_IN_QUOTES = re.compile(r"《(?P<title>[^《》]{2,100})》")
_SENTENCE_MARKS = re.compile(r"[。；;！!？?：:]|[，、,]$")
_BODY = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}$")
_BODY_END = set("部委局署院行厅办府会室心组处所庭社联央军")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SEPARATED_DATE = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})")
_SEPARATORS = re.compile(r"[\s\u3000、,，;；]+")
_SEPARATORS_WIDE = re.compile(r"[\s\u3000]+")
_ABOUT_CLOSED = re.compile(r"关于.+的[\u4e00-\u9fff]{1,6}(?:[（(][^（）()]{1,20}[）)])?$")
_TRAILING_NOTE = re.compile(r"\s*[（(][^（）()]{1,20}[）)]\s*$")


def extract_metadata(text: str, fields: Mapping[str, str] | None = None) -> DocumentMetadata:
    """What ``text`` says about itself; never raises, reads only both ends of the text (and
    the end of its body when annexes, 附件, follow the signature).

    Sources in order of trust: ``fields`` a reader found in the file (a web page's metadata
    table, keyed like a 【…】 field block), the 【…】 field block of the text (machine-made),
    then the legislative
    history under the title (its bodies are the issuers, in the order they acted, and its
    latest act dates the text, since that is the version the text is), then the document's
    own title, number line and signature block.
    """
    head, tail = _edges(text)
    block = _fields(head + tail)
    # a copied web page's breadcrumb, tool lines and footer stand around the text, not in it
    head, tail = _unfurnished(head), _unfurnished(tail)
    # and so does its metadata table: its fields are the page's, its lines no title
    lines = [line for line in head if line.strip()]
    table, used = info_table(lines)
    if used:
        head = lines = lines[used:]
    fields = {**block, **table, **(fields or {})}
    meta: DocumentMetadata = {}

    # a rule printed under the order that publishes it: 济南市人民政府令 / 第268号 / 《…》已经…
    order = publication_order([line.strip() for line in lines])
    title, title_date = _title(head, fields)
    if order is not None and order.title and not any(fields.get(k) for k in _TITLE_FIELDS):
        title, title_date = order.title, None
    if title:
        meta["title"] = title
        genre = genre_of(title)
        if genre:
            meta["genre"] = genre

    number = (
        _normalise_number(fields.get("文号", ""))
        or (order.number if order is not None else None)
        or _number_line(head + tail)
        or order_number(head)
    )
    if number:
        meta["number"] = number

    events = history(head) or (order.events() if order is not None else [])
    # annexes after the signature (a task table, a list): the text before them ends as any does
    annex = _FIRST_ANNEX.search(text)
    body = text[: annex.start()] if annex else text
    signature_issuers, signature_date = _signature(_unfurnished(_edges(body)[1]) if annex else tail)
    if annex and not signature_date:
        signature_issuers, signature_date = _signature(tail)
    issuers = (
        _bodies(fields.get("颁布单位", ""))
        or bodies(events)
        or signature_issuers
        or _mark_issuers(head)
        or _title_issuers(title or "")
    )
    if issuers:
        meta["issuers"] = issuers

    if events:
        meta["history"] = events
    acts = [e["date"] for e in events if e["event"] != "effective"]
    issued = (
        max(acts)
        if acts
        else _field_date(fields.get("颁布时间", "")) or signature_date or title_date
    )
    if issued:
        meta["date"] = issued
    effective = (
        in_force(body[-_EDGE_CHARS:], events, issued)
        or _field_date(fields.get("实施时间", ""))
        or (order.effective if order is not None else None)  # the order's 自…起施行
    )
    if effective:
        meta["effective"] = effective
    repeals = repealed(body[-_EDGE_CHARS:])
    if repeals:
        meta["repeals"] = repeals
    jurisdiction = jurisdiction_of(title, issuers)
    if jurisdiction:
        meta["jurisdiction"] = jurisdiction
    return meta


def _edges(text: str) -> tuple[list[str], list[str]]:
    """The first and last ``EDGE_LINES`` lines, each cut to ``_MAX_LINE`` characters."""
    head = text[:_EDGE_CHARS].splitlines()[:EDGE_LINES]
    tail = text[-_EDGE_CHARS:].splitlines()[-EDGE_LINES:]
    return [line[:_MAX_LINE] for line in head], [line[:_MAX_LINE] for line in tail]


def _unfurnished(lines: list[str]) -> list[str]:
    """``lines`` without a web page's furniture (``is_furniture``)."""
    return [line for line in lines if not is_furniture(line)]


def _fields(lines: list[str]) -> dict[str, str]:
    """The 【key】 value block scraped corpora append; first occurrence of a key wins."""
    fields: dict[str, str] = {}
    for line in lines:
        m = _FIELD.match(line)
        if m and m.group("value"):
            fields.setdefault(m.group("key").strip(), m.group("value"))
    return fields


def info_table(lines: Sequence[str]) -> tuple[dict[str, str], int]:
    """The fields of the government site's metadata table that ``lines`` open with, and how
    many lines it takes; ({}, 0) when they do not open with one (fewer than two of its labels).

    A line holds one or more ``label：value`` pairs (索 引 号：…　主题分类：…, a row of the table
    copied out), or a label alone with its value on the next line. The first value of a label
    wins, as in a 【…】 block.
    """
    fields: dict[str, str] = {}
    labels = k = 0
    while k < len(lines):
        line = lines[k].strip()
        found = list(_TABLE_LABEL.finditer(line))
        if not found or found[0].start() != 0:
            break
        k += 1
        for m, after in zip(found, [*found[1:], None], strict=True):
            value = line[m.end() : after.start() if after else len(line)].strip()
            if not value and after is None and k < len(lines):
                following = lines[k].strip()
                if _table_value(following):
                    value, k = following, k + 1
            labels += 1
            key = INFO_FIELDS.get(_squeezed(m.group("label")))
            if key and value:
                fields.setdefault(key, _SEPARATORS_WIDE.sub(" ", value))
    return (fields, k) if labels >= _TABLE_MIN else ({}, 0)


def _squeezed(label: str) -> str:
    return "".join(label.split())


def _table_value(line: str) -> bool:
    """Whether ``line`` may be the value of the label on the line above: a short line, no
    label, heading or sentence of the text (a label left empty, 主题词：, is the table's last)."""
    return (
        0 < len(line) <= _TABLE_VALUE
        and not _TABLE_LABEL.match(line)
        and not line.endswith(("。", "；", "：", ":"))
        and match_heading(line) is None
    )


_TITLE_FIELDS = ("标题", "名称", "题名")


def _title(head: list[str], fields: dict[str, str]) -> tuple[str | None, str | None]:
    """Title and any date printed with it, from the first non-empty line (or a 【标题】 field)."""
    for key in _TITLE_FIELDS:
        if fields.get(key) and _looks_like_title(fields[key]):
            return fields[key], None
    lines = [line.strip() for line in head if line.strip() and not is_furniture(line)]
    while lines and (
        is_issuer_mark(lines[0])
        and not _title_begins(lines[0], lines[1:3])
        or _NUMBER.fullmatch(lines[0])
        or _SIGNER.match(lines[0])
    ):
        lines = lines[1:]  # the red-letter head over an official document's title
    first = _LABEL_PREFIX.sub("", lines[0] if lines else "").lstrip("#").strip()
    first = _title_continued(first, lines[1:3])
    # a quoted title the line leaves open: 2018年6月27日 《国务院关于印发…三年行 / 动计划的通知》
    if first.rfind("《") > first.rfind("》"):
        for n, line in enumerate(lines[1:3], 1):
            if "》" in line:
                first = first + "".join(lines[1 : n + 1])
                break
    quoted = _TITLE_IN_QUOTES.search(first)
    leading = DATE.match(first)
    if quoted and (leading or quoted.start() == 0):
        # `2018年6月27日 《…的通知》`: the quoted name is the title, the date its issue date.
        return quoted.group("title").strip(), iso(leading) if leading else None
    return (first if _looks_like_title(first) else None), None


def _title_begins(line: str, following: list[str]) -> bool:
    """A body's name that opens a title printed over two lines (北京市各级人民代表大会常务委员会
    / 检查法律法规实施情况办法), not the issuer mark over an official document's title, which
    names its subject after 关于 (…文件 / 江西省人民政府关于…的通知) and has no legislative
    history under it (…常务委员会 / 关于…的决议 / 2003年11月28日…)."""
    return (
        bool(following)
        and not line.endswith("文件")
        and _whole_title(line + following[0])
        and ("关于" not in following[0] or len(following) > 1 and opens_with_date(following[1]))
    )


def opens_with_date(line: str) -> bool:
    """Whether ``line`` opens with a date, maybe behind a bracket: a clause of the legislative
    history under a title (2011年4月29日…会议通过, （2019年…公布）)."""
    return DATE.match(line.lstrip("（(　 \t")) is not None


def _title_continued(first: str, following: list[str]) -> str:
    """``first`` with the one or two lines that finish it, when a long title is printed over
    several lines (…持续改善行动计划 / 实施方案的通知): the lines join only when the title they
    make ends in a genre word (方案, 通知 …) and ``first`` alone does not."""
    if not _looks_like_title(first) or _whole_title(first):
        return first
    title = first
    for line in following:
        # the last line may hold one character (…适用税额的决 / 定)
        if len(line) > 40 or not _looks_like_title(line, 1) or record_line(line) is not None:
            break
        title += line
        if _whole_title(title):
            return title
    return first


def _whole_title(title: str) -> bool:
    """A title that ends in a genre word, and, when it is about something (关于…), in the
    的 + genre word that closes what it is about (…行动计划 is not yet …行动计划实施方案的通知)."""
    return (
        genre_of(title) is not None
        and title.count("《") <= title.count("》")  # not …实施《中华人民共和国国防教育法 / 》办法
        and ("关于" not in title or _ABOUT_CLOSED.search(title) is not None)
    )


def _mark_issuers(head: list[str]) -> list[str]:
    """The bodies of the issuer mark over the title, if the document opens with one."""
    first = next((line for line in head if line.strip() and not is_furniture(line)), "")
    return _mark_bodies(first)


def is_issuer_mark(line: str) -> bool:
    """Whether ``line`` is the issuing body's mark over an official document (GB/T 9704-2012
    发文机关标志, printed in red): the body's name, or several, often followed by 文件 —
    江西省人民政府文件, 生态环境部 国家发展和改革委员会文件. It is no title."""
    return bool(_mark_bodies(line))


def _mark_bodies(line: str) -> list[str]:
    t = line.strip()
    t = t[:-2].strip() if t.endswith("文件") else t
    return _bodies(t) if len(t) <= _MAX_LINE else []


def is_furniture(line: str) -> bool:
    """Whether ``line`` is a web page's breadcrumb, source-and-date line, copyright footer or
    tool line (【打印本页】【关闭窗口】, 分享到：), not the document."""
    return len(line) <= 120 and (
        _FURNITURE.match(line) is not None
        or _FOOTER.search(line) is not None
        or (len(line) <= _FURNITURE_SHORT and FURNITURE_LINE.match(line) is not None)
    )


# The record block (版记) under an official document (GB/T 9704-2012): the bodies it is copied
# to (抄送：…), the office that printed it and the day (…办公厅 2021年5月20日印发), and a note on
# its publication ((此件公开发布), (信息公开选项：主动公开)).
_COPIED_TO = re.compile(r"^\s*抄\s*送\s*[：:]")
# and above the signature, the list of what it attaches (附件说明: 附件：1.任务分工表), whose
# entries go on over the lines under it (2.重点监管单位名录)
ANNEX_LIST = re.compile(r"^\s*附\s*件\s*[：:]\s*(?=\S)")
# an annex's heading line (附件, 附件2, 附件1：任务分工表), not the list of annexes
_FIRST_ANNEX = re.compile(
    r"^[ \t\u3000]*附[ \t\u3000]*件(?:[ \t\u3000]*[0-9０-９]{1,2}[ \t\u3000]*[：:]?[^。；：:\n]{0,40})?"
    r"[ \t\u3000]*$",
    re.M,
)
ANNEX_ENTRY = re.compile(r"^\s*[0-9０-９]{1,2}\s*[.．、]\s*\S")
_PUBLICATION_NOTE = re.compile(
    r"^[（(]\s*(?:此件|本件|信息公开|公开方式|公开属性)[^（）()]{0,30}[）)]$"
)
_NOTE_AFTER = re.compile(_PUBLICATION_NOTE.pattern.removeprefix("^"))
_PRINTED = re.compile(r"^(?P<office>.*?)\s*(?P<date>" + DATE.pattern + r")\s*印\s*发$")


def record_line(line: str) -> str | None:
    """What ``line`` is if it belongs to the record block closing an official document
    ("copied-to", "printed", "note"), is the document number alone ("number", such as
    鲁政办发〔2021〕12号) or opens the list of its annexes ("annex-list"): metadata, never a
    provision of the text. None otherwise."""
    stripped = line.strip()
    if len(stripped) > _MAX_LINE:
        return None
    if _COPIED_TO.match(stripped):
        return "copied-to"
    if _PUBLICATION_NOTE.match(stripped):
        return "note"
    if ANNEX_LIST.match(stripped):
        return "annex-list"
    if _NUMBER.fullmatch(stripped):
        return "number"
    m = _PRINTED.match(stripped)
    if m is not None and (not m.group("office") or _bodies(m.group("office"))):
        return "printed"
    return None


def _looks_like_title(line: str, least: int = 2) -> bool:
    """Short, no sentence punctuation, not a heading: a body line is never taken as a title;
    ``least`` ideographs in it."""
    cjk = sum("\u4e00" <= c <= "\u9fff" for c in line)
    return (
        least <= cjk
        and len(line) <= 80
        and not _SENTENCE_MARKS.search(line)
        and not DATE.match(line)
        and match_heading(line) is None
    )


# 国务院关于印发打赢蓝天保卫战三年行动计划的通知: the notice carries the plan it promulgates
_PROMULGATES = re.compile(r"(?:印发|转发|颁布|发布)(?P<inner>.+)的通知$")


def issued_document(title: str) -> str | None:
    """The document a notice issues or forwards (关于印发打赢蓝天保卫战三年行动计划的通知:
    打赢蓝天保卫战三年行动计划), when its title says so; None otherwise."""
    m = _PROMULGATES.search(_TRAILING_NOTE.sub("", title.strip()))
    inner = m.group("inner").strip("《》 ") if m else ""
    return inner if genre_of(inner) else None


def genre_of(title: str) -> str | None:
    """Genre from the title's final word, ignoring a trailing note such as （试行）; a notice
    that promulgates or forwards a document (关于印发…计划的通知) has that document's genre,
    which is what a researcher asks for ("which plans")."""
    stem = _TRAILING_NOTE.sub("", title.strip()).rstrip("》”\"' ")
    if (m := _PROMULGATES.search(stem)) and (inner := genre_of(m.group("inner"))):
        return inner
    for suffix, genre in GENRES:
        if stem.endswith(suffix):
            return genre
    return None


def _normalise_number(raw: str) -> str | None:
    """`国发[2016]65号`, `国发(2016) 65号` → `国发〔2016〕65号`."""
    m = _NUMBER.search(raw)
    if not m:
        return None
    return f"{m.group('agency')}〔{m.group('year')}〕{m.group('seq')}号"


def _number_line(lines: list[str]) -> str | None:
    """A line that is nothing but a document number; numbers cited in prose are ignored."""
    for line in lines:
        stripped = line.strip()
        m = _NUMBER.fullmatch(stripped)
        if m:
            return _normalise_number(stripped)
    return None


def _signature(tail: list[str]) -> tuple[list[str], str | None]:
    """Issuing bodies and date from the closing `bodies` lines followed by a date-only line;
    a document of several bodies may sign on several lines (two or three names a line)."""
    for i in range(len(tail) - 1, -1, -1):
        date = _date_only(tail[i])
        if not date:
            continue
        lines: list[list[str]] = []
        for line in reversed(tail[:i]):
            if not line.strip():
                continue
            names = _bodies(line)
            if not names:
                break
            lines.append(names)
        return list(dict.fromkeys(n for names in reversed(lines) for n in names)), date
    return [], None


def is_signature_line(line: str) -> bool:
    """A closing line that signs the document: issuing bodies alone, or a date alone."""
    return _date_only(line) is not None or bool(_bodies(line))


def is_date_line(line: str) -> bool:
    """A line that is a date and nothing else: the line a signature block ends with."""
    return _date_only(line) is not None


def _date_only(line: str) -> str | None:
    """ISO date when the line holds a date and nothing else (brackets allowed; and the note on
    its publication a print may run on after it: 2024年5月20日（此件主动公开）)."""
    stripped = _NOTE_AFTER.sub("", line.strip()).strip().strip("（）()")
    m = DATE.fullmatch(stripped.strip())
    return iso(m) if m else None


def _bodies(line: str) -> list[str]:
    """Body names on a separator-delimited line; empty unless every token looks like a body."""
    tokens = [t for t in _SEPARATORS.split(line.strip()) if t]
    if not tokens or not all(_BODY.match(t) and t[-1] in _BODY_END for t in tokens):
        return []
    return list(dict.fromkeys(tokens))


def _title_issuers(title: str) -> list[str]:
    """`国务院关于印发…的通知` names its issuer before 关于."""
    prefix, found, _ = title.partition("关于")
    return _bodies(prefix) if found and prefix else []


def _field_date(raw: str) -> str | None:
    """`20210517`, `2021-05-17`, `2021.5.17` or `2021年5月17日` → ISO."""
    m = DATE.search(raw)
    if m:
        return iso(m)
    m = _COMPACT_DATE.fullmatch(raw.strip()) or _SEPARATED_DATE.fullmatch(raw.strip())
    return valid(*(int(g) for g in m.groups())) if m else None
