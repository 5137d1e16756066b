"""Repaired text that remembers where each of its characters stood in the original file.

Layout repair drops line breaks, page markers and stray spaces, and moves whole blocks; every
later stage still has to cite ``original[start:end]``. A ``MappedText`` keeps the map as runs of
contiguous characters (a few per line), not one integer per character, so a 30M-character
corpus costs little memory.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import compress, pairwise

_AFTER = float("inf")  # sorts after every original offset: (i, _AFTER) follows all runs at i


@dataclass(frozen=True, slots=True)
class MappedText:
    text: str
    # (start in self.text, start in the original, length): contiguous runs, sorted by the first
    runs: tuple[tuple[int, int, int], ...]
    # the runs stand in the original in the order of the text (no block was moved)
    in_order: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        runs = self.runs
        in_order = len(runs) < 2 or all(a[1] + a[2] <= b[1] for a, b in pairwise(runs))
        object.__setattr__(self, "in_order", in_order)

    @staticmethod
    def from_original(original: str, start: int, end: int) -> MappedText:
        """The original characters ``start:end``, unchanged."""
        return MappedText(original[start:end], ((0, start, end - start),) if end > start else ())

    @staticmethod
    def standing_on(text: str, at: int) -> MappedText:
        """``text`` the file does not hold (a cell separator, a column's label), every character
        of it mapped to the original character at ``at``."""
        return MappedText(text, tuple((k, at, 1) for k in range(len(text))))

    @staticmethod
    def join(parts: Iterable[MappedText]) -> MappedText:
        """Concatenate, keeping every character's origin."""
        texts: list[str] = []
        runs: list[tuple[int, int, int]] = []
        pos = 0
        for part in parts:
            texts.append(part.text)
            for r_start, o_start, length in part.runs:
                prev = runs[-1] if runs else None
                if prev and prev[0] + prev[2] == pos + r_start and prev[1] + prev[2] == o_start:
                    runs[-1] = (prev[0], prev[1], prev[2] + length)
                else:
                    runs.append((pos + r_start, o_start, length))
            pos += len(part.text)
        return MappedText("".join(texts), tuple(runs))

    def __len__(self) -> int:
        return len(self.text)

    def origin(self, i: int) -> int:
        """Original offset of character ``i`` of this text."""
        if not 0 <= i < len(self.text):
            raise IndexError(i)
        k = bisect_right(self.runs, (i, _AFTER, 0)) - 1
        r_start, o_start, _ = self.runs[k]
        return o_start + (i - r_start)

    def _first_run(self, i: int) -> int:
        """Index of the run holding character ``i`` (runs cover the text without gaps)."""
        return max(0, bisect_right(self.runs, (i, _AFTER, 0)) - 1)

    def _runs_within(self, i: int, j: int) -> Iterator[tuple[int, int, int]]:
        """``(a, original start, length)`` of the parts of runs that overlap ``i:j``."""
        runs = self.runs
        for k in range(self._first_run(i), len(runs)):
            r_start, o_start, length = runs[k]
            if r_start >= j:
                break
            a, b = max(i, r_start), min(j, r_start + length)
            if a < b:
                yield a, o_start + (a - r_start), b - a

    def source(self, i: int = 0, j: int | None = None) -> tuple[int, int]:
        """The original range ``[start, end)`` covering characters ``i:j`` of this text.

        When repair moved blocks, the range covers every run the characters came from.
        """
        j = len(self.text) if j is None else j
        if not 0 <= i < j <= len(self.text):
            raise IndexError((i, j))
        if self.in_order:
            return self.origin(i), self.origin(j - 1) + 1
        lo, hi = None, None
        for _, s, length in self._runs_within(i, j):
            lo = s if lo is None else min(lo, s)
            hi = s + length if hi is None else max(hi, s + length)
        assert lo is not None and hi is not None
        return lo, hi

    def slice(self, i: int, j: int) -> MappedText:
        """Characters ``i:j``, still mapped to the original."""
        i, j = max(0, i), min(len(self.text), j)
        if j <= i:
            return MappedText("", ())
        runs = tuple((a - i, s, length) for a, s, length in self._runs_within(i, j))
        return MappedText(self.text[i:j], runs)

    def strip(self, chars: str | None = None) -> MappedText:
        """Without leading and trailing ``chars`` (white space by default)."""
        stripped_left = self.text.lstrip(chars)
        i = len(self.text) - len(stripped_left)
        j = i + len(stripped_left.rstrip(chars))
        return self.slice(i, j)

    def drop(self, keep: list[bool]) -> MappedText:
        """Only the characters whose ``keep`` flag is set (one flag per character)."""
        if len(keep) != len(self.text):
            raise ValueError(f"{len(keep)} flags for {len(self.text)} characters")
        runs: list[tuple[int, int, int]] = []
        pos = 0
        for r_start, o_start, length in self.runs:
            i, end = r_start, r_start + length
            while i < end:
                if not keep[i]:
                    i += 1
                    continue
                j = i + 1
                while j < end and keep[j]:
                    j += 1
                origin = o_start + (i - r_start)
                prev = runs[-1] if runs else None
                if prev and prev[0] + prev[2] == pos and prev[1] + prev[2] == origin:
                    runs[-1] = (prev[0], prev[1], prev[2] + j - i)
                else:
                    runs.append((pos, origin, j - i))
                pos += j - i
                i = j
        return MappedText("".join(compress(self.text, keep)), tuple(runs))
