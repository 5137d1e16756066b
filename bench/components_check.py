"""Dump every mention the analysis finds, so that a speed change can be shown not to change
output: ``python bench/components_check.py OUT.json`` (the corpus/ documents and the first 30
bench documents), then compare two dumps with ``cmp``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from policykg.errors import InputError
from policykg.extract.pipeline import VOCABULARIES, analyse_file, iter_files, make_nlp
from policykg.graph.vocabularies import load_vocabularies

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
BENCH = ROOT / "bench" / "out" / "corpus" / "s7-m20000-n100"  # bench/run.py --sizes 100 makes it


def main(out: str) -> None:
    nlp = make_nlp(load_vocabularies(VOCABULARIES))
    files = iter_files([CORPUS]) + sorted(BENCH.glob("*.txt"))[:30]
    dump, mentions = {}, 0
    for path in files:
        try:
            doc = analyse_file(path, nlp)
        except (InputError, ValueError) as e:
            print("skip", path, type(e).__name__, file=sys.stderr)
            continue
        rows = sorted(
            json.dumps(
                [u.id, m.type, m.start, m.end, m.text, m.concept, m.label, m.sentence, m.id,
                 m.attrs],
                ensure_ascii=False,
                sort_keys=True,
            )
            for u in doc.units
            for m in u.mentions
        )  # fmt: skip
        dump[str(path)] = rows
        mentions += len(rows)
    Path(out).write_text(json.dumps(dump, ensure_ascii=False, indent=0, sort_keys=True))
    print(f"{len(dump)} files, {mentions} mentions", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
