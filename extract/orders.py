"""The order (令) that publishes a government rule or an administrative regulation over its text.

A rule (规章) is printed under the order of the government or ministry that makes it (GB/T 9704
命令（令）格式): 济南市人民政府令 / 第268号 / 《济南市扬尘污染防治管理办法》已经2019年12月16日
市政府第78次常务会议通过，现予公布，自2020年3月1日起施行。/ 市长　孙述涛 / 2020年1月10日,
then the rule's title and text. A law comes so too, under the head of state's order (中华人民共和国
主席令 / 第四十三号 / 《…》已由…全国人民代表大会常务委员会…于…修订通过…). The order names the
issuer (or the body its sentence says passed the text), the number, the title, the acts and
the date of effect; its head, number, signer and date lines, and the title printed again under
them, are metadata, not text units. Its sentence stays a unit: it is the text of the order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from policykg.extract.dates import DATE, iso
from policykg.extract.history import Event, HistoryEvent, event_of, organ_body

_NUMERAL = r"[0-9０-９一二三四五六七八九十百千零〇]+"
_HEAD = re.compile(
    r"^(?P<body>[\u4e00-\u9fff（）()]{2,30}?)[\s\u3000]*令"
    rf"(?:[\s\u3000]*(?P<seq>第[\s\u3000]*{_NUMERAL}[\s\u3000]*号))?$"
)
_SEQ = re.compile(rf"^[（(]?(?P<seq>第[\s\u3000]*{_NUMERAL}[\s\u3000]*号)[）)]?$")
# 《…》已经2019年12月16日市政府第78次常务会议通过，现予公布; a law: 《…》已由…会议于…修订通过
_PUBLISHED = re.compile(
    r"^《(?P<title>[^《》]{2,80})》(?:已经|已于|已由|经)(?P<how>[^。；]{0,80}?)"
    r"(?:审议|讨论)?(?P<verb>修订通过|修正通过|通过|修改|修订)"
)
# the head of government or minister who signs it: 市长　孙述涛, 部长 黄润秋, 代理省长 …, and
# the head of state who signs a law's order: 中华人民共和国主席　…
_SIGNER = re.compile(
    r"^(?:中华人民共和国)?(?:代理|代)?(?:省长|市长|州长|县长|区长|旗长|盟长|主席|总理|部长|主任|局长|署长|行长|"
    r"委员长|院长|总干事)[\s\u3000]*[\u4e00-\u9fff·]{2,6}$"
)
_IN_FORCE = re.compile(rf"(?<=自){DATE.pattern}(?=起(?:施行|实施|生效))")
_NATIONAL = "中华人民共和国"
_LOOK = 8  # lines after the head that may hold the number, the sentence, the signer and date


@dataclass(frozen=True)
class Order:
    body: str  # 济南市人民政府; 国务院 for 中华人民共和国国务院令; 中华人民共和国主席 for 主席令
    number: str  # 济南市人民政府令第268号, 国务院令第736号, 主席令第四十三号
    title: str | None  # the rule it publishes
    passed: str | None  # ISO date the sentence says it was passed (or revised, amended)
    passed_text: str | None  # the sentence's words for it: 2019年12月16日市政府第78次常务会议通过
    signed: str | None  # ISO date under the signer: the day the order publishes the rule
    lines: tuple[int, ...]  # of the lines given: head, number, signer, date, title again
    act: Event = "passed"  # what the sentence says was done: passed, revised (修订通过), amended
    passer: str | None = None  # who did it, when the sentence names another body (a law's NPCSC)
    effective: str | None = None  # ISO date of 自2020年3月1日起施行 in the sentence

    def events(self) -> list[HistoryEvent]:
        """The rule's acts the order states: passed (its sentence), promulgated (its date)."""
        out: list[HistoryEvent] = []
        if self.passed:
            out.append(
                {
                    "date": self.passed,
                    "event": self.act,
                    "body": self.passer or self.body,
                    "text": self.passed_text or "",
                }
            )
        if self.signed:
            out.append(
                {
                    "date": self.signed,
                    "event": "promulgated",
                    "body": self.body,
                    "text": self.number,
                }
            )
        return out


def publication_order(lines: Sequence[str]) -> Order | None:
    """The order that ``lines`` (the text's first non-empty lines, stripped) open with, also
    under a web page's heading that prints the title of the rule it publishes (济南市扬尘污染防治
    管理规定 / 济南市人民政府令 / 第266号 / 《济南市扬尘污染防治管理规定》已经…): the heading is
    then one of the order's lines."""
    order = _order_at(lines)
    if order is None and (under := _order_at(lines[1:])) is not None:
        if under.title and _same(lines[0], under.title):
            order = replace(under, lines=(0, *(k + 1 for k in under.lines)))
    return order


def _order_at(lines: Sequence[str]) -> Order | None:
    """The order whose head is the first of ``lines``."""
    if not lines:
        return None
    head = _HEAD.match(_squeezed_spaces(lines[0]))
    if head is None:
        return None
    used = [0]
    seq = head.group("seq")
    k = 1
    if seq is None and k < len(lines) and (m := _SEQ.match(lines[k].strip())):
        seq, k = m.group("seq"), k + 1
        used.append(1)
    if seq is None:
        return None  # 令 alone on a line, with no number under it, is no order's head
    printed = head.group("body")
    body = printed.removeprefix(_NATIONAL) if len(printed) > len(_NATIONAL) + 1 else printed
    number = f"{body}令{''.join(seq.split())}".replace("\u3000", "")
    body = organ_body(printed) or body  # 中华人民共和国主席 keeps its country
    title = passed = passed_text = signed = passer = effective = None
    act: Event = "passed"
    for j in range(k, min(len(lines), k + _LOOK)):
        text = lines[j].strip()
        if title is None and (m := _PUBLISHED.match(text)):
            title = m.group("title").strip()
            how = m.group("how")
            act = event_of(m.group("verb")) or "passed"
            if d := DATE.search(how):
                passed = iso(d)
                passed_text = m.group()[m.start("how") - m.start() + d.start() :]
                # 已由…全国人民代表大会常务委员会…会议于…修订通过: the body that passed it
                passer = organ_body(how[: d.start()]) or organ_body(how[d.end() :])
            if start := _IN_FORCE.search(text):
                effective = iso(start)
        elif _SIGNER.match(_squeezed_spaces(text)):
            used.append(j)
            if j + 1 < len(lines) and (d := DATE.fullmatch(lines[j + 1].strip())):
                used.append(j + 1)
                signed = iso(d)
            after = used[-1] + 1
            if title and after < len(lines) and _same(lines[after], title):
                used.append(after)
            break
    return Order(
        body, number, title, passed, passed_text, signed, tuple(used), act, passer, effective
    )


def _squeezed_spaces(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text.strip())


def _same(line: str, title: str) -> bool:
    squeeze = str.maketrans("", "", " \u3000《》")
    return line.translate(squeeze) == title.translate(squeeze)
