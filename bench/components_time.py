"""Thread time of each pipeline component over the first N bench documents, set-up excluded:
``python bench/components_time.py [N]``; prints one JSON line of seconds per component. Run it
alternately against two trees (PYTHONPATH) for an A/B comparison."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from policykg.extract.pipeline import VOCABULARIES, analyse_file, make_nlp
from policykg.graph.vocabularies import load_vocabularies

BENCH = Path("/work/main/bench/out/corpus/s7-m20000-n100")


class _Timed:
    def __init__(self, proc: Callable[[Any], Any], acc: dict[str, float], name: str) -> None:
        self.proc, self.acc, self.name = proc, acc, name

    def __call__(self, doc: Any) -> Any:
        t = time.thread_time()
        doc = self.proc(doc)
        self.acc[self.name] += time.thread_time() - t
        return doc


def main(n: int) -> None:
    nlp = make_nlp(load_vocabularies(VOCABULARIES))
    acc = dict.fromkeys(nlp.pipe_names, 0.0)
    nlp._components = [(name, _Timed(p, acc, name)) for name, p in nlp._components]
    files = sorted(BENCH.glob("*.txt"))[:n]
    analyse_file(files[0], nlp)  # warm-up: jieba's dictionary, regex caches
    for k in acc:
        acc[k] = 0.0
    t = time.thread_time()
    for path in files:
        analyse_file(path, nlp)
    acc["total"] = time.thread_time() - t
    print(json.dumps({k.removeprefix("policykg_"): round(v, 3) for k, v in acc.items()}))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
