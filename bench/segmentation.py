"""Two ways to spend less on jieba that were measured and not taken (docs/benchmarks.md).

jieba segments each run of Han characters, letters and digits (its "block") on its own, so a
block's words do not depend on the text around it. That allows two shortcuts:

* **a cache of segmented blocks** pays off when blocks recur. ``repetition`` reports the share
  of block characters that recur within a folder. The synthetic corpora of ``bench/corpus.py``
  reuse real paragraphs and recur far more than real documents do, so a cache would flatter the
  benchmark and not help a researcher;
* **segmenting only where a word boundary is asked**: only the regions and actors components
  read token boundaries, at a few positions. ``need`` runs the pipeline on a folder, records
  every position they ask about, and reports the share of block characters whose block holds
  one: the part of jieba's work that lazy segmentation would still have to do.

    .venv/bin/python bench/segmentation.py corpus bench/out/corpus/s7-m20000-n10
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

SUFFIXES = (".txt", ".md")


def _blocks(text: str) -> list[tuple[int, int]]:
    import jieba

    return [m.span() for m in jieba.re_han_default.finditer(text)]


def repetition(folder: Path) -> dict[str, Any]:
    """Characters in jieba blocks, and the share of them in a block seen before in the folder."""
    seen: set[str] = set()
    total = repeated = 0
    for path in sorted(p for p in folder.rglob("*") if p.suffix in SUFFIXES):
        text = path.read_text(encoding="utf-8")
        for start, end in _blocks(text):
            block = text[start:end]
            total += end - start
            if block in seen:
                repeated += end - start
            seen.add(block)
    return {"block_chars": total, "repeated_share": round(repeated / max(total, 1), 3)}


def need(folder: Path) -> dict[str, Any]:
    """The share of block characters in blocks where a component asks for a word boundary."""
    import policykg.extract.actors as actors
    import policykg.extract.regions as regions
    from policykg.extract.pipeline import VOCABULARIES, analyse_file, iter_files, make_nlp
    from policykg.graph.vocabularies import load_vocabularies

    asked: dict[str, set[int]] = defaultdict(set)

    class Asked(set):  # a token-boundary set that records every position looked up
        def __init__(self, items: Any, text: str) -> None:
            super().__init__(items)
            self.text = text

        def __contains__(self, pos: object) -> bool:
            asked[self.text].add(int(pos))  # type: ignore[call-overload]
            return super().__contains__(pos)

    find, governed = regions.RegionRecognizer.find, regions.RegionRecognizer.governed

    def _find(self: Any, text: str, starts: Any = None, ends: Any = None) -> Any:
        return find(self, text, *(s if s is None else Asked(s, text) for s in (starts, ends)))

    def _governed(self: Any, text: str, area: Any, starts: Any = None, ends: Any = None) -> Any:
        wrapped = (s if s is None else Asked(s, text) for s in (starts, ends))
        return governed(self, text, area, *wrapped)

    regions.RegionRecognizer.find = _find  # type: ignore[method-assign]
    regions.RegionRecognizer.governed = _governed  # type: ignore[method-assign]
    words_init, words_at = actors._Words.__init__, actors._Words.at

    def init(self: Any, text: str, spans: Any, starts: Any) -> None:
        words_init(self, text, spans, starts)
        self.start_set = Asked(self.start_set, text)

    def at(self: Any, pos: int) -> Any:
        asked[self.text].add(pos)
        return words_at(self, pos)

    actors._Words.__init__ = init  # type: ignore[method-assign]
    actors._Words.at = at  # type: ignore[method-assign]

    nlp = make_nlp(load_vocabularies(VOCABULARIES))
    total = needed = 0
    for path in iter_files([folder]):
        for unit in analyse_file(path, nlp).units:
            positions = asked.get(unit.text, set())
            for start, end in _blocks(unit.text):
                total += end - start
                if any(start <= p <= end for p in positions):
                    needed += end - start
    return {"block_chars_of_units": total, "needed_share": round(needed / max(total, 1), 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="+", type=Path)
    args = ap.parse_args()
    for folder in args.folders:
        print(json.dumps({"folder": str(folder), **repetition(folder), **need(folder)}))


if __name__ == "__main__":
    main()
