"""Variants of one measurement, each in a fresh process, alternated: what ``build_parts``,
``lean_load`` and ``batch_load`` share, with the dump of a built store that the two loaders
start from. A fresh process per run keeps one variant's caches and heap out of the next;
alternating spreads the machine's drift over all of them."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

Runs = dict[str, list[dict[str, Any]]]


def alternate(script: str, variants: Mapping[str, Sequence[str]], runs: int) -> Runs:
    """Run ``script`` with each variant's arguments ``runs`` times, the variants in turn; each
    child prints its result as JSON on its last line."""
    results: Runs = {name: [] for name in variants}
    for _ in range(runs):
        for name, args in variants.items():
            out = subprocess.run(
                [sys.executable, script, *args], check=True, capture_output=True, text=True
            ).stdout
            results[name].append(json.loads(out.splitlines()[-1]))
    return results


def table(first: str, results: Runs, columns: Sequence[tuple[str, str]]) -> str:
    """A Markdown table: a row per variant, a column per ``(key, header)``, each cell the
    runs' values."""
    lines = [
        f"| {first} | {' | '.join(header for _, header in columns)} |",
        "|" + " --- |" * (len(columns) + 1),
    ]
    for name, runs in results.items():
        cells = [", ".join(f"{r[key]:.1f}" for r in runs) for key, _ in columns]
        lines.append(f"| {name} | {' | '.join(cells)} |")
    return "\n".join(lines)


def dump_store(store: Path, out: Path) -> None:
    """The quads of a store folder's current generation (or of a bare pyoxigraph store) as
    N-Quads in ``out``."""
    from pyoxigraph import RdfFormat, Store

    from policykg.graph.store import current_generation

    live = current_generation(store) or store
    Store.read_only(str(live)).dump(output=str(out), format=RdfFormat.N_QUADS)
