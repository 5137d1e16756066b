"""The order (令) that publishes a government rule or an administrative regulation over its text.

A rule (规章) is printed under the order of the government or ministry that makes it (GB/T 9704
命令（令）格式): 济南市人民政府令 / 第268号 / 《济南市扬尘污染防治管理办法》已经2019年12月16日
市政府第78次常务会议通过，现予公布，自2020年3月1日起施行。/ 市长　孙述涛 / 2020年1月10日,
then the rule's title and text. The order names the issuer, the number, the title and the date
the rule was passed; its head, number, signer and date lines, and the title printed again under
them, are metadata, not text units. Its sentence stays a unit: it is the text of the order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from policykg.extract.dates import DATE, iso
from policykg.extract.history import HistoryEvent

_NUMERAL = r"[0-9０-９一二三四五六七八九十百千零〇]+"
_HEAD = re.compile(
    r"^(?P<body>[\u4e00-\u9fff（）()]{2,30}?)[\s\u3000]*令"
    rf"(?:[\s\u3000]*(?P<seq>第[\s\u3000]*{_NUMERAL}[\s\u3000]*号))?$"
)
_SEQ = re.compile(rf"^[（(]?(?P<seq>第[\s\u3000]*{_NUMERAL}[\s\u3000]*号)[）)]?$")
# 《…》已经2019年12月16日市政府第78次常务会议通过，现予公布
_PUBLISHED = re.compile(
    r"^《(?P<title>[^《》]{2,80})》(?:已经|已于|经)(?P<how>[^。；]{0,80}?)"
    r"(?:审议通过|讨论通过|修订通过|通过|决定修改)"
)
# the head of government or minister who signs it: 市长　孙述涛, 部长 黄润秋, 代理省长 …
_SIGNER = re.compile(
    r"^(?:代理|代)?(?:省长|市长|州长|县长|区长|旗长|盟长|主席|总理|部长|主任|局长|署长|行长|"
    r"委员长|院长|总干事)[\s\u3000]*[\u4e00-\u9fff·]{2,6}$"
)
_NATIONAL = "中华人民共和国"
_LOOK = 8  # lines after the head that may hold the number, the sentence, the signer and date


@dataclass(frozen=True)
class Order:
    body: str  # 济南市人民政府; 国务院 for 中华人民共和国国务院令
    number: str  # 济南市人民政府令第268号, 国务院令第736号
    title: str | None  # the rule it publishes
    passed: str | None  # ISO date the sentence says it was passed
    passed_text: str | None  # the sentence's words for it: 2019年12月16日市政府第78次常务会议通过
    signed: str | None  # ISO date under the signer: the day the order publishes the rule
    lines: tuple[int, ...]  # of the lines given: head, number, signer, date, title again

    def events(self) -> list[HistoryEvent]:
        """The rule's acts the order states: passed (its sentence), promulgated (its date)."""
        out: list[HistoryEvent] = []
        if self.passed:
            text = self.passed_text or ""
            out.append({"date": self.passed, "event": "passed", "body": self.body, "text": text})
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
    """The order that ``lines`` (the text's first non-empty lines, stripped) open with."""
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
    body = head.group("body")
    body = body.removeprefix(_NATIONAL) if len(body) > len(_NATIONAL) + 1 else body
    number = f"{body}令{''.join(seq.split())}".replace("\u3000", "")
    title = passed = passed_text = signed = None
    for j in range(k, min(len(lines), k + _LOOK)):
        text = lines[j].strip()
        if title is None and (m := _PUBLISHED.match(text)):
            title = m.group("title").strip()
            if d := DATE.search(m.group("how")):
                passed = iso(d)
                passed_text = m.group()[m.start("how") - m.start() + d.start() :]
        elif _SIGNER.match(_squeezed_spaces(text)):
            used.append(j)
            if j + 1 < len(lines) and (d := DATE.fullmatch(lines[j + 1].strip())):
                used.append(j + 1)
                signed = iso(d)
            after = used[-1] + 1
            if title and after < len(lines) and _same(lines[after], title):
                used.append(after)
            break
    return Order(body, number, title, passed, passed_text, signed, tuple(used))


def _squeezed_spaces(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text.strip())


def _same(line: str, title: str) -> bool:
    squeeze = str.maketrans("", "", " \u3000《》")
    return line.translate(squeeze) == title.translate(squeeze)
