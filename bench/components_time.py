"""Thread time of each pipeline component over the first N bench documents, set-up and jieba
excluded: ``python bench/components_time.py [N] [REPEATS] [FOLDER]``; prints one JSON line of seconds per
component, the fastest of REPEATS passes over the same Docs (a machine shared with other work
only ever adds time). Run it alternately against two trees (PYTHONPATH) for an A/B comparison.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from pathlib import Path
from typing import Any

from policykg.extract.pipeline import VOCABULARIES, analyse_file, iter_files, make_nlp
from policykg.graph.vocabularies import load_vocabularies

BENCH = Path(__file__).resolve().parent / "out" / "corpus" / "s7-m20000-n100"  # from bench/run.py


def main(n: int, repeats: int, folder: Path) -> None:
    nlp = make_nlp(load_vocabularies(VOCABULARIES))
    made: list[Any] = []  # the Docs as the first component receives them
    first_name, first = nlp._components[0]

    def capture(doc: Any) -> Any:
        made.append(doc.copy())
        return first(doc)

    nlp._components[0] = (first_name, capture)
    for path in iter_files([folder])[:n]:
        analyse_file(path, nlp)
    nlp._components[0] = (first_name, first)
    gc.freeze()  # the kept Docs are no work of the components: no collection walks them
    best: dict[str, float] = {}
    for _ in range(repeats):
        acc = dict.fromkeys(nlp.pipe_names, 0.0)
        for doc in made:
            doc = doc.copy()
            for name, proc in nlp.pipeline:
                t = time.thread_time()
                doc = proc(doc)
                acc[name] += time.thread_time() - t
        best = {k: min(v, best.get(k, v)) for k, v in acc.items()}
    print(json.dumps({k.removeprefix("policykg_"): round(v, 4) for k, v in best.items()}))


if __name__ == "__main__":
    args = sys.argv[1:] + ["30", "5", str(BENCH)][len(sys.argv) - 1 :]
    main(int(args[0]), int(args[1]), Path(args[2]))
