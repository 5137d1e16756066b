"""Repaired text that remembers where each of its characters stood in the original file.

Layout repair drops line breaks, page markers and stray spaces, and moves whole blocks; every
later stage still has to cite ``original[start:end]``. A ``MappedText`` keeps the map as runs of
contiguous characters (a few per line), not one integer per character, so a 30M-character
corpus costs little memory.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MappedText:
    text: str
    # (start in self.text, start in the original, length): contiguous runs, sorted by the first
    runs: tuple[tuple[int, int, int], ...]

    @staticmethod
    def from_original(original: str, start: int, end: int) -> MappedText:
        """The original characters ``start:end``, unchanged."""
        return MappedText(original[start:end], ((0, start, end - start),) if end > start else ())

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
        k = bisect_right(self.runs, (i, float("inf"), 0)) - 1
        r_start, o_start, _ = self.runs[k]
        return o_start + (i - r_start)

    def source(self, i: int = 0, j: int | None = None) -> tuple[int, int]:
        """The original range ``[start, end)`` covering characters ``i:j`` of this text.

        When repair moved blocks, the range covers every run the characters came from.
        """
        j = len(self.text) if j is None else j
        if not 0 <= i < j <= len(self.text):
            raise IndexError((i, j))
        lo, hi = None, None
        for r_start, o_start, length in self.runs:
            a, b = max(i, r_start), min(j, r_start + length)
            if a < b:
                s, e = o_start + (a - r_start), o_start + (b - r_start)
                lo = s if lo is None else min(lo, s)
                hi = e if hi is None else max(hi, e)
        assert lo is not None and hi is not None
        return lo, hi

    def slice(self, i: int, j: int) -> MappedText:
        """Characters ``i:j``, still mapped to the original."""
        i, j = max(0, i), min(len(self.text), j)
        if j <= i:
            return MappedText("", ())
        runs = []
        for r_start, o_start, length in self.runs:
            a, b = max(i, r_start), min(j, r_start + length)
            if a < b:
                runs.append((a - i, o_start + (a - r_start), b - a))
        return MappedText(self.text[i:j], tuple(runs))

    def strip(self, chars: str | None = None) -> MappedText:
        """Without leading and trailing ``chars`` (white space by default)."""
        stripped_left = self.text.lstrip(chars)
        i = len(self.text) - len(stripped_left)
        j = i + len(stripped_left.rstrip(chars))
        return self.slice(i, j)

    def drop(self, keep: list[bool]) -> MappedText:
        """Only the characters whose ``keep`` flag is set."""
        parts = []
        i = 0
        n = len(self.text)
        while i < n:
            if not keep[i]:
                i += 1
                continue
            j = i
            while j < n and keep[j]:
                j += 1
            parts.append(self.slice(i, j))
            i = j
        return MappedText.join(parts)
