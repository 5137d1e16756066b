"""Whether loading several documents' graphs in one ``bulk_load`` would cost the store less CPU
than the build's one load per document (#17): on two cores, the store's CPU is taken from the
analysis, so CPU-seconds matter as much as the wall.

A built store's quads are grouped by named graph (one per document) and loaded into a fresh
store in batches of N documents, N-Quads in memory, then compacted (``optimize``) as the build
does at its end. Each batch size runs in a fresh process, the sizes alternated; the CPU is the
process's, RocksDB's own threads included.

    .venv/bin/python bench/batch_load.py /tmp/kg100 --batches 1,10,100 --runs 2
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import defaultdict
from pathlib import Path


def graphs(nq: Path) -> list[bytes]:
    """The N-Quads of each document's named graph, in the order of the graphs' names (the
    vocabularies' graphs left out)."""
    from policykg.graph.namespaces import GRAPH, ONTOLOGY_GRAPH

    prefix, ontology = f" <{GRAPH}".encode(), f" {ONTOLOGY_GRAPH}".encode()
    by: dict[bytes, list[bytes]] = defaultdict(list)
    with nq.open("rb") as src:
        for line in src:
            body = line.rstrip()[:-2]  # without the closing " ."
            graph = body[body.rindex(b" <") :]
            if graph.startswith(prefix) and graph != ontology:
                by[graph].append(line)
    return [b"".join(by[g]) for g in sorted(by)]


def one(nq: str, batch: int) -> dict[str, float]:
    """Load ``nq`` into a fresh store ``batch`` graphs at a time, then compact it."""
    from pyoxigraph import RdfFormat, Store

    parts = graphs(Path(nq))
    with tempfile.TemporaryDirectory() as tmp:
        st = Store(tmp)
        wall, cpu = time.perf_counter(), time.process_time()
        for i in range(0, len(parts), batch):
            st.bulk_load(b"".join(parts[i : i + batch]), format=RdfFormat.N_QUADS)
        load_wall, load_cpu = time.perf_counter() - wall, time.process_time() - cpu
        st.optimize()
        return {
            "graphs": len(parts),
            "load_s": load_wall,
            "load_cpu_s": load_cpu,
            "wall_s": time.perf_counter() - wall,
            "cpu_s": time.process_time() - cpu,
        }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", nargs="?", help="a store policykg built (its current generation)")
    ap.add_argument(
        "--batches", default="1,10,100", help="documents per bulk_load, comma-separated"
    )
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--one", nargs=2, help=argparse.SUPPRESS)  # the child: N-Quads file, batch
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], int(args.one[1]))))
        return
    if not args.store:
        ap.error("give the store folder")
    from alternate import alternate, dump_store, table

    with tempfile.TemporaryDirectory() as tmp:
        nq = Path(tmp) / "documents.nq"
        dump_store(Path(args.store), nq)
        sizes = {b: ["--one", str(nq), b] for b in args.batches.split(",")}
        runs = alternate(__file__, sizes, args.runs)
    print(f"{next(iter(runs.values()))[0]['graphs']} document graphs")
    columns = [("load_s", "load s"), ("load_cpu_s", "load CPU-s")]
    columns += [("wall_s", "with compaction s"), ("cpu_s", "CPU-s")]
    print(table("documents per load", runs, columns))


if __name__ == "__main__":
    main()
