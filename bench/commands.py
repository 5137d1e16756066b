"""Every read command on one store, each in a fresh process: what a user waits for.

The bench of ``run.py`` times ``measures`` filters; this one times the other commands a
researcher runs on a grown store (the inventories, targets, instruments, matrix, ask), so that
a query that joins before it counts (``regions`` took 30 s at 1.2M quads) shows up here.

    .venv/bin/python bench/commands.py --store /tmp/bstore [--repeat 3]

Build the store first, e.g. ``policykg build bench/out/corpus/s7-m20000-n100 --store
/tmp/bstore`` (make the corpus with bench/corpus.py). Prints a Markdown table: median wall
time and peak memory of each command.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

POLICYKG = Path(sys.executable).parent / "policykg"

COMMANDS: list[list[str]] = [
    ["docs"],
    ["pollutants"],
    ["regions"],
    ["actors"],
    ["targets"],
    ["instruments"],
    ["matrix", "--rows", "jurisdiction", "--cols", "pollutant"],
    ["measures", "--has", "targets"],
    ["measures", "--role", "lead"],
    ["ask", "list all documents"],
    ["ask", "哪些约束性指标"],
    ["ask", "哪些部门牵头"],
    ["ask", "which measures target cadmium before 2018"],
]


def run(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit status of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True, type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print("| command | median wall | peak RSS | exit |")
    print("| --- | --- | --- | --- |")
    for command in COMMANDS:
        cmd = [str(POLICYKG), *command, "--store", str(args.store)]
        runs = [run(cmd) for _ in range(args.repeat)]
        wall = statistics.median(r[0] for r in runs)
        rss = max(r[1] for r in runs)
        shown = " ".join(f'"{c}"' if " " in c else c for c in command)
        print(f"| `policykg {shown}` | {wall:.2f} s | {rss:.0f} MB | {runs[-1][2]} |")


if __name__ == "__main__":
    main()
