"""Hypothesis strategies shared by the property tests: hostile text, and the plan mangled.

``policy_like_text`` mixes the pieces layout repair and structure react to (headings, markers,
box titles, full-width digits and spaces, every kind of line break) with arbitrary Unicode.
``mangled_plan`` takes the real plan and inserts, at random line positions, the damage a PDF
extraction does: extra line wraps inside prose lines, blank lines, page-continuation markers.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

from policykg.extract.headings import match_heading

# Everything ``str.splitlines`` breaks at, and the spaces repair strips or removes.
LINE_BREAKS = ["\n", "\r\n", "\r", "\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
SPACES = [" ", "\t", "\u3000", "\u00a0", "  "]
MARKERS = [
    "上接六版",
    "下转八版",
    "接第3版",
    "转第 12 版",
    "（上接第二版）",
    "(下转 8 版)",
    "接第３版",
]
HEADINGS = [
    "第一章 总则",
    "第六章",
    "第三节 提高危险废物处置水平",
    "第２节　",
    "第十二条",
    "第1条　",
    "一、总体要求",
    "二十、",
    "（一）",
    "（二十一）加强汞污染控制。",
    "(3)",
    "专栏5 重金属综合整治示范",
    "专栏",
    "【文号】",
]
FRAGMENTS = [
    "加强汞污染控制。",
    "到2020年，",
    "到２０２０年，",
    "2020 年",
    "比2015年下降18%以上",
    "１８％",
    "PM2.5",
    "PM 2 . 5",
    "镉、铅、汞",
    "湖南省",
    "生态环境部牵头",
    "。",
    "，",
    "、",
    "；",
    "：",
    "“十三五”",
    "（16个）",
    "）",
    "（",
    "《",
    "》",
    "!?",
    "2017 年底前",
]
# Characters that are plain content: CJK, ASCII, full-width forms, a few symbols.
CONTENT = st.characters(
    codec="utf-8",
    categories=("Lo", "Nd", "Lu", "Ll", "Po", "Ps", "Pe", "Sm", "So", "Zs"),
)


def _piece() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(FRAGMENTS),
        st.sampled_from(HEADINGS),
        st.sampled_from(MARKERS),
        st.sampled_from(LINE_BREAKS),
        st.sampled_from(SPACES),
        st.text(CONTENT, min_size=1, max_size=12),
        st.text(min_size=1, max_size=4),  # anything, control characters included
    )


@st.composite
def policy_like_text(draw: st.DrawFn, max_pieces: int = 60) -> str:
    """Random text made of policy-text pieces, line breaks and arbitrary Unicode."""
    pieces = draw(st.lists(_piece(), max_size=max_pieces))
    return "".join(pieces)


@st.composite
def policy_lines(draw: st.DrawFn, max_lines: int = 30) -> str:
    """Random text shaped like lines of a print: each line a heading, a marker or prose."""
    lines = draw(
        st.lists(
            st.one_of(
                st.sampled_from(HEADINGS),
                st.sampled_from(MARKERS),
                st.just(""),
                st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8).map("".join),
                st.text(CONTENT, max_size=40),
            ),
            max_size=max_lines,
        )
    )
    breaks = draw(st.lists(st.sampled_from(LINE_BREAKS), min_size=len(lines), max_size=len(lines)))
    return "".join(line + br for line, br in zip(lines, breaks, strict=True))


_MARKER_LINE = re.compile(r"^[（(]?\s*(上接|下转|接|转).{0,8}版\s*[）)]?$")


def _is_prose(line: str) -> bool:
    body = line.strip(" \t\u3000\r\n")
    return (
        len(body) > 2
        and match_heading(body) is None
        and not body.startswith("专栏")
        and not _MARKER_LINE.match(body)
    )


@st.composite
def mangled_plan(draw: st.DrawFn, original: str, markers: bool = True) -> str:
    """``original`` with random wraps inside prose lines, blank lines and (optionally) markers.

    Headings and markers are never cut: split in two they are no longer headings or markers in
    any print, and the point here is what repair makes of damaged flow, not of damaged headings.
    """
    lines = original.splitlines(keepends=True)
    edits = draw(
        st.lists(
            st.tuples(
                st.integers(0, len(lines)),
                st.sampled_from(["wrap", "blank", "marker"] if markers else ["wrap", "blank"]),
                st.integers(1, 60),
                st.sampled_from(MARKERS),
            ),
            max_size=12,
        )
    )
    for at, kind, cut, marker in sorted(edits, reverse=True):
        if kind == "blank":
            lines.insert(at, "\n")
        elif kind == "marker":
            lines.insert(at, f"\n{marker}\n\n")
        elif at < len(lines) and _is_prose(lines[at]):
            line = lines[at]
            body = line.rstrip("\r\n")
            cut = min(cut, len(body) - 1)
            lines[at : at + 1] = [body[:cut] + "\n", line[cut:]]
    return "".join(lines)
