"""Where a ``--jobs 1`` build waits: wall and thread CPU time of the writer's calls, and how long
the analysis waited for room in the writer's queue.

py-spy (``profile_build.py``) samples what runs; this times what waits. Each call below is
wrapped with a timer in this process, then ``policykg build`` runs as the command line does:

    .venv/bin/python bench/build_timers.py bench/out/corpus/s7-m20000-n100 /tmp/kg

A wall time far above its CPU time is a thread waiting: for the GIL, or for the other thread.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from policykg.graph import sink, store, textindex

TIMED = [
    (store.GenerationWriter, "replace_graph", "writer: replace_graph (bulk_load and index)"),
    (textindex.TextIndex, "replace", "writer: full-text index"),
    (store._Handle, "close", "store: flush and compact at the end"),
    (sink._Background, "write", "analysis: handing a document to the writer (queue wait)"),
]


def _timed(totals: Counter[str], name: str, f: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            return f(*args, **kwargs)
        finally:
            totals[f"{name}, wall s"] += time.perf_counter() - wall
            totals[f"{name}, thread CPU s"] += time.thread_time() - cpu

    return wrapper


def main(folder: str, store_path: str) -> None:
    from policykg.builder import build

    totals: Counter[str] = Counter()
    for owner, attr, name in TIMED:
        setattr(owner, attr, _timed(totals, name, getattr(owner, attr)))
    shutil.rmtree(store_path, ignore_errors=True)
    t = time.perf_counter()
    report = build([folder], store_path, jobs=1)
    totals["build, wall s"] = time.perf_counter() - t
    out = {k: round(v, 2) for k, v in sorted(totals.items())}
    print(json.dumps({"documents": len(report.built), **out}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main(*sys.argv[1:3])
