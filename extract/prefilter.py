"""Where in a text a match may start, found at C speed.

The matchers look names up position by position in Python, but most positions start no name:
a regex class of the characters names start with, followed by a lookahead class of the
characters they continue with, skips those positions without a Python step each. Long regex
alternations gain the same way from a class of their first characters. Where only the
leftmost-longest name matters, ``longest_first`` does the whole scan in one regex.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


def head_width(names: Iterable[str]) -> int:
    """How many first characters the heads of ``names`` keep: two, or one if a name is shorter."""
    return min([2, *map(len, names)])


def may_start(names: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching where one of ``names`` may start: at a one-character name, or at the
    first character of a longer one when the second follows."""
    names = set(names)
    singles = {n for n in names if len(n) == 1}
    pairs = {n[:2] for n in names if len(n) > 1}
    alternatives = []
    if singles:
        alternatives.append(_class(singles))
    if pairs:
        alternatives.append(f"{_class(p[0] for p in pairs)}(?={_class(p[1] for p in pairs)})")
    return re.compile("|".join(alternatives) or "(?!)")


def starting_with(first_chars: str, pattern: str) -> re.Pattern[str]:
    """``pattern`` behind a lookahead on ``first_chars``, a class of every character a match can
    start with (a year starts with 1 or 2).

    ``finditer`` tries each alternative of a pattern at each position of the text; the one-class
    lookahead rules out, at far less cost, the many positions where no match can start.
    """
    return re.compile(f"(?=[{first_chars}])(?:{pattern})")


def longest_first(names: Iterable[str]) -> re.Pattern[str]:
    """A pattern whose ``finditer`` yields the leftmost-longest occurrences of ``names``, one
    after the other without overlap.

    The names are laid out as a trie of nested groups with greedy optional tails, so at each
    position the engine tries the longer name first and backtracks to a shorter one: the whole
    scan runs in C, with no Python step per candidate position. ``may_start`` goes first, so
    that the positions where no name's first two characters stand are passed over at once.
    """
    names = set(names)
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here
    body = _trie_pattern(trie)
    return re.compile(f"(?={may_start(names).pattern})(?:{body})" if body else "(?!)")


def _trie_pattern(node: dict[str, Any]) -> str:
    branches = [re.escape(c) + _trie_pattern(node[c]) for c in sorted(node) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


def _class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"
