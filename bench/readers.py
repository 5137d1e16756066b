"""Speed and memory of the readers, beside the plain-text path, on one generated document.

Why beside the text path: the readers add work in front of the same structure recognition, so
"reading a PDF costs four times what reading its text costs" says what the reader adds, on any
machine. The document is ``tests/documents.py``'s plan with as many chapters as make ``--pages``
pages of a one-column A4 print in the type of official documents (GB/T 9704: body in 三号,
16 pt, about 600 characters a page); every format holds the same text. Each reader is timed in this
process (best of ``--repeat``), reading and structure only (no entity extraction: that is the
same for every format and measured in bench/run.py). Memory is the peak RSS of a whole
``policykg build`` in a fresh process: of a 100-page PDF (the goal: under 500 MB), and of a
folder of hostile files (a zip bomb, XML entities, 4,000 pages, a 200 MB page; under 1 GB).

    .venv/bin/python bench/readers.py [--pages 50] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out" / "readers"
sys.path.insert(0, str(ROOT))

from tests import documents  # noqa: E402  (the generators of the tests, not a copy)

PYTHON = Path(sys.executable)


BODY_SIZE = 16  # 三号, the body type of GB/T 9704 official documents


def chapters_for(pages: int, folder: Path) -> int:
    """The number of chapters that fills ``pages`` pages of a one-column print."""
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    n = 4
    while True:
        path = documents.to_pdf(documents.elements(n), folder / "probe.pdf", body_size=BODY_SIZE)
        with pdfplumber.open(path) as pdf:
            got = len(pdf.pages)
        if got >= pages:
            return n
        n = max(n + 1, int(n * pages / max(got, 1)))


def timed(path: Path, repeat: int) -> tuple[float, Any]:
    """Best wall time of reading ``path`` and building its tree, and the document."""
    from policykg.extract.pipeline import analyse_file

    best, doc = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        doc = analyse_file(path, None)
        best = min(best, time.perf_counter() - start)
    return best, doc


def peak_rss_mb(args: list[str]) -> tuple[float, int]:
    """Peak RSS of a ``policykg`` run in a fresh process, in MB, and its exit code."""
    script = (
        "import resource, sys\n"
        "from policykg.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit as e:\n"
        "    code = e.code or 0\n"
        "else:\n"
        "    code = 0\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, code)\n"
    )
    out = subprocess.run(
        [str(PYTHON), "-c", script], capture_output=True, text=True, check=False, cwd=ROOT
    )
    rss, code = out.stdout.strip().splitlines()[-1].split()
    return int(rss) / 1024, int(code)


def hostile(folder: Path) -> Path:
    """A folder of hostile files and one good text (see tests/test_hostile_formats.py)."""
    folder.mkdir(parents=True, exist_ok=True)
    docx = documents.to_docx(documents.elements(1), folder / "good.docx")
    with zipfile.ZipFile(docx, "a", zipfile.ZIP_DEFLATED) as z:
        with z.open("word/media/image9.png", "w") as f:
            for _ in range(100):
                f.write(bytes(1 << 20))
    docx.rename(folder / "bomb.docx")
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(folder / "pages.pdf"))
    for _ in range(4000):
        c.showPage()
    c.save()
    with (folder / "huge.html").open("wb") as f:
        f.write(b"<html><body><p>")
        f.truncate(200 * 2**20)
    (folder / "plan.txt").write_text(documents.to_txt(documents.elements(3)), encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    chapters = chapters_for(args.pages, OUT)
    paths = documents.write_all(OUT / "plan", documents.elements(chapters), body_size=BODY_SIZE)
    import pdfplumber

    with pdfplumber.open(paths["pdf"]) as pdf:
        pages = len(pdf.pages)
    rows = []
    for fmt, path in paths.items():
        seconds, doc = timed(path, args.repeat)
        chars = sum(len(u.text) for u in doc.units)
        rows.append(
            {
                "format": fmt,
                "bytes": path.stat().st_size,
                "seconds": round(seconds, 3),
                "pages_per_s": round(pages / seconds, 1),
                "chars_per_s": round(chars / seconds),
                "units": len(doc.units),
            }
        )
    text = next(r for r in rows if r["format"] == "txt")
    for r in rows:
        r["vs_text"] = round(r["seconds"] / text["seconds"], 1)
    with tempfile.TemporaryDirectory() as tmp:
        els = documents.elements(chapters_for(100, Path(tmp)))  # 100 pages, worked out once
        big = documents.to_pdf(els, Path(tmp) / "plan-100.pdf", body_size=BODY_SIZE)
        with pdfplumber.open(big) as pdf:
            big_pages = len(pdf.pages)
        build_mb, code = peak_rss_mb(["build", str(big), "--store", f"{tmp}/kg", "--jobs", "1"])
        assert code == 0, "the 100-page build failed"
        twin = Path(tmp) / "plan-100.txt"  # the same document as plain text: the anchor
        twin.write_text(documents.to_txt(els), "utf-8")
        twin_mb, code = peak_rss_mb(["build", str(twin), "--store", f"{tmp}/kg3", "--jobs", "1"])
        assert code == 0, "the plain-text build failed"
        bad = hostile(Path(tmp) / "hostile")
        hostile_mb, _ = peak_rss_mb(["build", str(bad), "--store", f"{tmp}/kg2", "--jobs", "1"])
    result = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
        ).stdout.strip(),
        "pages": pages,
        "chapters": chapters,
        "readers": rows,
        "build_100_pages": {
            "pages": big_pages,
            "peak_rss_mb": round(build_mb),
            "plain_text_twin_peak_rss_mb": round(twin_mb),
        },
        "hostile_build_peak_rss_mb": round(hostile_mb),
    }
    (OUT / "results.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"{pages}-page document ({chapters} chapters), best of {args.repeat}:\n")
    print("| format | file | read + structure s | pages/s | chars/s | × plain text | units |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(
            f"| {r['format']} | {r['bytes'] / 1024:,.0f} KB | {r['seconds']:.3f} | "
            f"{r['pages_per_s']:,.1f} | {r['chars_per_s']:,} | {r['vs_text']} | {r['units']} |"
        )
    print(
        f"\n`policykg build` of a {big_pages}-page PDF, peak RSS: {build_mb:,.0f} MB (goal < 500);"
        f" of the same document as plain text: {twin_mb:,.0f} MB"
        f"\n`policykg build` of the hostile folder, peak RSS: {hostile_mb:,.0f} MB (goal < 1024)"
    )


if __name__ == "__main__":
    main()
