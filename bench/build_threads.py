"""CPU time of each thread of one ``policykg build --jobs 1``, read from the kernel.

py-spy (``profile_build.py``) sees only Python's threads, and ``build_timers.py`` only the calls
it wraps; RocksDB's compaction threads and pyoxigraph's short-lived loader threads escape both.
The kernel counts them all: this polls ``/proc/PID/task/*/stat`` while the build runs and keeps
each thread's last reading. A thread that starts and ends between two polls is not seen; its
CPU is the process's total (``getrusage`` of the child) minus what was seen.

    .venv/bin/python bench/build_threads.py bench/out/corpus/s7-m20000-n100 --runs 2

Linux only.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

POLICYKG = Path(sys.executable).parent / "policykg"
_POLL = 0.05  # s between readings


def _threads(pid: int) -> dict[int, tuple[str, float]]:
    """(name, CPU-s) of each live thread of ``pid``."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:  # the process has ended
        return out
    for tid in tids:
        try:
            stat = Path(f"/proc/{pid}/task/{tid}/stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()  # from the state on: utime is the 12th
        out[int(tid)] = (name, (int(fields[11]) + int(fields[12])) / tick)
    return out


def one(folder: Path) -> dict[str, float]:
    """CPU-s per kind of thread of one build of ``folder`` into a fresh store."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "kg"
        start = time.perf_counter()
        build = subprocess.Popen(
            [str(POLICYKG), "build", str(folder), "--store", str(store), "--jobs", "1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        seen: dict[int, tuple[str, float]] = {}
        while build.poll() is None:
            seen.update(_threads(build.pid))
            time.sleep(_POLL)
        wall = time.perf_counter() - start
    if build.returncode:
        raise SystemExit(f"the build of {folder} failed (exit {build.returncode})")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    others = [
        t for t, (name, _) in seen.items() if t != build.pid and not name.startswith("rocksdb")
    ]
    # the writer is the one Python thread besides the main one, and lives as long as the build;
    # the loader's threads live for one document each
    writer = max(others, key=lambda t: seen[t][1], default=None)
    kinds: dict[str, float] = defaultdict(float)
    for tid, (name, cpu) in seen.items():
        if tid == build.pid:
            kind = "analysis (main thread)"
        elif name.startswith("rocksdb"):
            kind = f"RocksDB ({name})"
        elif tid == writer:
            kind = "writer thread"
        else:
            kind = "pyoxigraph's loader threads, seen"
        kinds[kind] += cpu
    kinds["threads too short to be seen"] = total - sum(kinds.values())
    return {"wall s": wall, "process CPU-s": total, **kinds}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    runs = [one(args.folder) for _ in range(args.runs)]
    rows = sorted({k for r in runs for k in r}, key=lambda k: -runs[0].get(k, 0.0))
    print("| | " + " | ".join(f"run {i + 1}" for i in range(len(runs))) + " |")
    print("| --- |" + " --- |" * len(runs))
    for row in rows:
        print(f"| {row} | " + " | ".join(f"{r.get(row, 0.0):.2f}" for r in runs) + " |")


if __name__ == "__main__":
    main()
