"""What each part of a ``--jobs 1`` build costs: the same build with one part left out.

``profile_build.py`` says where samples fall and ``build_timers.py`` where the build waits; this
answers "how fast would it be without X", which neither can: each variant runs in a fresh
process with one part stubbed, the variants alternated so that the machine's drift spreads over
all of them (docs/benchmarks.md, ninth round).

    .venv/bin/python bench/build_parts.py bench/out/corpus/s7-m20000-n100 --runs 3

Variants: ``full`` (as built), ``no-store`` (every ``replace_graph`` a no-op: analysis and
serialising only), ``no-index`` (the full-text index not written), ``deferred`` (every write
held until the analysis is done, then made one after the other), ``lean`` (the leaner graph
``lean_load.py`` loads: no sentence nodes, no mention's ``pkg:surface``; the surfaces are
filtered out of the text after it is made, which the variant pays for).
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

VARIANTS = ("full", "no-store", "no-index", "deferred", "lean")


def _stub(variant: str) -> None:
    """Leave out the variant's part, in this process only."""
    from policykg.graph import rdf, sink, store, textindex

    if variant == "lean":
        mentions = rdf._mention_ntriples

        def without_surfaces(u: Any, found: Any) -> tuple[str, Any]:
            text, bodies = mentions(u, found)
            lines = text.splitlines(keepends=True)
            return "".join(line for line in lines if rdf._NT_SURFACE not in line), bodies

        rdf._sentence_ntriples = lambda u, unit: ""
        rdf._mention_ntriples = without_surfaces
    elif variant == "no-store":
        store.GenerationWriter.replace_graph = lambda self, graph, nt, texts=None: None
    elif variant == "no-index":
        textindex.TextIndex.replace = lambda self, *args, **kwargs: None
    elif variant == "deferred":
        held: list[tuple[str, bytes, object]] = []

        def write(self: Any, doc_id: str, ntriples: bytes, texts: object = None) -> None:
            held.append((doc_id, ntriples, texts))

        def stop(self: Any, cancel: bool = False) -> None:
            for doc_id, ntriples, texts in [] if cancel else held:
                self.writer.replace_graph(sink.graph_iri(doc_id), ntriples, texts)

        sink._Background.write = write
        sink._Background.stop = stop


def _time_jieba(spent: dict[str, float]) -> None:
    """Add the thread CPU of every segmentation of the tokenizer to ``spent["jieba_s"]``: jieba
    alone, and jieba beside the store's threads, say whether the two sides slow each other."""
    from policykg.extract import tokenizer

    segment = tokenizer.segment

    def timed(text: str) -> list[str]:
        cpu = time.thread_time()
        try:
            return segment(text)
        finally:
            spent["jieba_s"] += time.thread_time() - cpu

    tokenizer.segment = timed


def one(variant: str, corpus: str) -> dict[str, float]:
    """Build ``corpus`` into a fresh store with ``variant``'s part left out; wall and CPU."""
    start = time.perf_counter()
    _stub(variant)
    spent = {"jieba_s": 0.0}
    _time_jieba(spent)
    from policykg.builder import build

    with tempfile.TemporaryDirectory() as tmp:
        build([corpus], Path(tmp) / "kg", jobs=1)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "wall_s": time.perf_counter() - start,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "maxrss_mb": usage.ru_maxrss / 1024,
        **spent,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", help="a folder of documents (bench/corpus.py makes one)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--one", help=argparse.SUPPRESS)  # the child process: one variant
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.corpus)))
        return
    variants = args.variants.split(",")
    unknown = set(variants) - set(VARIANTS)
    if unknown:
        ap.error(f"unknown variants: {', '.join(sorted(unknown))} (one of {', '.join(VARIANTS)})")
    from alternate import alternate, table

    runs = alternate(__file__, {v: [args.corpus, "--one", v] for v in variants}, args.runs)
    columns = [("wall_s", "wall s"), ("cpu_s", "CPU-s"), ("jieba_s", "jieba CPU-s")]
    print(table("variant", runs, [*columns, ("maxrss_mb", "max RSS MB")]))


if __name__ == "__main__":
    main()
