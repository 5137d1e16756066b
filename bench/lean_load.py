"""What a leaner graph would save the store: ``bulk_load`` of a build's quads against the same
quads without the sentence nodes and the mentions' ``pkg:surface``.

The two are the largest parts of the graph that a query could derive elsewhere (sentences from
the unit records, a surface from the unit text and the offsets), so they bound what a change of
model, not of tuning, would buy (#17). Each load is a fresh process on a fresh store, the two
files alternated; wall and process CPU (RocksDB's own threads included).

    .venv/bin/python bench/lean_load.py /tmp/kg100 --runs 2
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from pathlib import Path

_SURFACE = "<https://w3id.org/policykg/ontology#surface>"
_SENTENCE = re.compile(r"^<[^>]*/u-[0-9a-f]+/s\d+> ")  # a sentence node is its unit's /sN


def export(store: Path, out: Path) -> tuple[int, int]:
    """The store's quads as N-Quads to ``out`` and its lean copy beside it; the quad counts."""
    from alternate import dump_store

    dump_store(store, out)
    full = lean = 0
    with out.open(encoding="utf-8") as src, lean_path(out).open("w", encoding="utf-8") as dst:
        for line in src:
            full += 1
            if _SURFACE in line or _SENTENCE.match(line):
                continue
            dst.write(line)
            lean += 1
    return full, lean


def lean_path(out: Path) -> Path:
    return out.with_name(out.stem + "-lean.nq")


def one(path: str) -> dict[str, float]:
    """One ``bulk_load`` of ``path`` into a fresh store, flushed."""
    from pyoxigraph import RdfFormat, Store

    with tempfile.TemporaryDirectory() as tmp:
        wall, cpu = time.perf_counter(), time.process_time()
        st = Store(tmp)
        st.bulk_load(path=path, format=RdfFormat.N_QUADS)
        st.flush()
        return {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", nargs="?", help="a store policykg built (its current generation)")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--one", help=argparse.SUPPRESS)  # the child process: one load
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one)))
        return
    if not args.store:
        ap.error("give the store folder")
    from alternate import alternate, table

    with tempfile.TemporaryDirectory() as tmp:
        full_nq = Path(tmp) / "all.nq"
        full, lean = export(Path(args.store), full_nq)
        print(f"quads: {full:,} as built, {lean:,} lean ({1 - lean / full:.0%} fewer)")
        files = {"as built": full_nq, "lean": lean_path(full_nq)}
        for name, path in files.items():
            print(f"  {name}: {path.stat().st_size / 1e6:.0f} MB of N-Quads")
        runs = alternate(__file__, {n: ["--one", str(p)] for n, p in files.items()}, args.runs)
    print(table("graph", runs, [("wall_s", "bulk_load wall s"), ("cpu_s", "CPU-s")]))


if __name__ == "__main__":
    main()
