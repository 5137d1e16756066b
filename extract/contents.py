"""The table of contents (目录) a plan, a code or an emergency plan prints before its text.

Its lines are the headings of the text (第一章 总则……1, 1.1编制目的) and would otherwise be read
as the text's divisions, each empty, and number the real ones a second time. A contents is a
目录 (目次) line, alone or after the document's name, then heading lines, each maybe with dot
leaders and a page number, up to where the text begins: the first heading printed again, or a
line that is no heading. Without the first heading printed again, only a list whose lines end
in page numbers is a contents.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policykg.extract.headings import match_heading, match_point

_CONTENTS = re.compile(
    r"^(?:.{0,60}?[^\s\u3000])?[\s\u3000]*(?:目[\s\u3000]*录|目[\s\u3000]*次|CONTENTS|Contents)$"
)
# dot leaders and a page number after an entry: ……12, ....... 3, ·····5, — 7 —, or a page number
_LEADERS = re.compile(
    r"(?:[\s\u3000]*[.．。·•…‥_⋯—-]{2,}[\s\u3000]*|[\s\u3000]+)[－—-]?\s*\d{1,4}\s*[－—-]?$"
)
_PAGE = re.compile(
    r"(?<=[\u4e00-\u9fff）)])\d{1,4}$"
)  # 总体要求12: a page after a title's last word
# a printed entry's end: dot leaders run to its page number (一、总体要求……………3)
LEADERED = re.compile(r"[.．。·•…‥⋯_]{4,}[\s\u3000]*\d{1,4}[\s\u3000]*$")
_ENTRY_MAX = 60  # characters of an entry without its leaders: a heading, never a paragraph
_SENTENCE = re.compile(r"[。；！？]")
_SPACES = re.compile(r"[\s\u3000]+")
_REACH = 0.3  # the contents stands in the first third of the paragraphs


def contents_lines(texts: Sequence[str]) -> range:
    """The paragraphs of ``texts`` that are a table of contents, its 目录 line included; an
    empty range when there is none."""
    reach = max(40, int(len(texts) * _REACH))
    for k, text in enumerate(texts[:reach]):
        t = text.strip()
        numbered = match_heading(t) or match_point(t)  # （三）环境准入目录: a heading of the text
        if len(t) <= 70 and not numbered and _CONTENTS.match(t):
            end = _entries_end(texts, k + 1)
            if end is not None:
                return range(k, end)
    return range(0)


def _entries_end(texts: Sequence[str], start: int) -> int | None:
    """Where the entries from ``start`` end (the text's first paragraph), if they make a
    contents: two entries or more, and the first printed again after them or pages after
    each."""
    entries: list[str] = []
    paged = 0
    j = start
    while j < len(texts):
        raw = texts[j].strip()
        entry = _LEADERS.sub("", raw)
        if not _is_entry(entry):
            break
        # a page number the reader set against the entry (a Word contents' tab taken out:
        # 第一章总体要求1) is still a page number
        key = _PAGE.sub("", _squeezed(entry))
        if entries and key == entries[0]:
            return j if len(entries) >= 2 else None  # the text begins with the first again
        paged += entry != raw or key != _squeezed(entry)
        entries.append(key)
        j += 1
    if len(entries) >= 2 and paged == len(entries):
        return j  # every entry has its page: the contents ends where its pages do
    return None


def _is_entry(text: str) -> bool:
    """A heading line (第一章 总则, 一、, 1.1编制目的, 附件): short, and no sentence in it."""
    return 0 < len(text) <= _ENTRY_MAX and not _SENTENCE.search(text)


def _squeezed(text: str) -> str:
    return _SPACES.sub("", text)
