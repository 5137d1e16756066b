"""Where a sentence ends: the one definition every stage of extract/ uses.

A Chinese sentence ends at 。！？ (or their half-width forms ! ?), and the closing quotes and
brackets right after the mark still belong to it (…达标。” ends after ”). A semicolon ends a
clause, not a sentence; stages that also stop at clauses or line breaks extend this set
(``SENTENCE_END + "；"``) rather than keep their own.
"""

from __future__ import annotations

import re

SENTENCE_END = "。！？!?"
"""Characters that end a sentence."""

CLOSERS = "”’」』）)"
"""Closing quotes and brackets that stay with the sentence they close."""

_END = f"[{re.escape(SENTENCE_END)}]"
_NOT_END = f"[^{re.escape(SENTENCE_END)}]"
_SENTENCE = re.compile(rf"{_NOT_END}*{_END}+[{re.escape(CLOSERS)}]*|{_NOT_END}+$")
# a note in brackets after the mark still ends the sentence: …改造。（责任单位：市生态环境局）,
# a plan's task note (four characters or more: no item number such as （一） that a wrap left)
_ENDS = re.compile(rf"{_END}[{re.escape(CLOSERS)}]*(?:[（(][^（）()]{{4,}}[）)])?$")


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends with a sentence end (closing quotes after it allowed, and a note
    in brackets: …改造。（责任单位：市生态环境局）)."""
    return _ENDS.search(text) is not None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences ``(i, j)`` of ``text``, leading white space left out."""
    spans = []
    for m in _SENTENCE.finditer(text):
        i, j = m.span()
        while i < j and text[i].isspace():
            i += 1
        if i < j:
            spans.append((i, j))
    return spans


def last_end(text: str, start: int, end: int) -> int:
    """Offset just after the last sentence end in ``text[start:end]``, or -1 when none."""
    cut = max(text.rfind(c, start, end) for c in SENTENCE_END)
    return cut + 1 if cut >= start else -1
