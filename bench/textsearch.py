"""Full-text search and the filters that follow what documents govern, measured.

Two parts, each on synthetic corpora of bench/corpus.py (real paragraphs reshuffled):

* ``--docs N`` (default 200): the whole path. Build N documents through the CLI (the text index
  is written with the store), then time ``measures`` with filters and ``--text`` words, in a
  fresh process (what a user waits for) and in process after a warm-up (the query alone).
* ``--index-docs N`` (default 10,000): the index alone at scale, fed with the documents'
  paragraphs as units (no RDF build, which would take hours at this size): build time, size
  and search time for words of one to four characters, common and rare, beside an FTS5
  trigram index of the same units (which cannot find two-character words: for those it can
  only scan, timed as LIKE) to show why the index holds bigrams.

    .venv/bin/python bench/textsearch.py --docs 200 --index-docs 10000

Results go to bench/out/textsearch.json and a Markdown summary to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
PYTHON = Path(sys.executable)
POLICYKG = PYTHON.parent / "policykg"
sys.path.insert(0, str(BENCH))

# words of one to four characters, common and rare in the corpus family
WORDS = ["镉", "罚款", "农用地", "排污许可", "机动车", "电解锰", "重点区域", "排污许可 罚款"]
FILTERS: dict[str, list[str]] = {
    "pollutant 镉": ["--pollutant", "镉"],
    "pollutant 油烟": ["--pollutant", "油烟"],
    "region 湖南": ["--region", "湖南"],
    "applies-in 长沙市": ["--applies-in", "长沙市"],
    "text 罚款": ["--text", "罚款"],
    "text 农用地": ["--text", "农用地"],
    "text 排污许可 罚款": ["--text", "排污许可 罚款"],
    "text 罚款 + region 湖南": ["--text", "罚款", "--region", "湖南"],
    "text 镉 + pollutant 重金属": ["--text", "镉", "--pollutant", "重金属"],
}


def _best(fn: Any, repeat: int = 3) -> tuple[float, Any]:
    from viz import best  # bench/viz.py: the fastest of ``repeat`` runs, and the last result

    return best(fn, repeat)


# --- the whole path ----------------------------------------------------------------------------


def whole_path(n: int, seed: int, mean: int) -> dict[str, Any]:
    from corpus import generate
    from policykg.graph import measures
    from policykg.graph.sparql import connect
    from policykg.graph.store import current_generation
    from policykg.graph.textindex import FILE

    folder, chars = generate(n, seed, OUT / "corpus", mean)
    store = OUT / "stores" / f"textsearch-{n}"
    subprocess.run(["rm", "-rf", str(store)], check=True)
    t = time.perf_counter()
    subprocess.run(
        [str(POLICYKG), "build", str(folder), "--store", str(store)],
        check=True,
        capture_output=True,
    )
    build_s = time.perf_counter() - t
    gen = current_generation(store)
    assert gen is not None
    out: dict[str, Any] = {
        "documents": n,
        "characters": chars,
        "build_s": round(build_s, 2),
        "index_mb": round((gen / FILE).stat().st_size / 1e6, 2),
        "store_mb": round(sum(p.stat().st_size for p in gen.iterdir()) / 1e6, 2),
        "queries": {},
    }
    backend = connect(store)
    docs = [d["id"] for d in measures.documents(backend)]
    for name, args in FILTERS.items():
        kw: dict[str, Any] = {}
        for flag, value in zip(args[::2], args[1::2], strict=True):
            key = flag.lstrip("-").replace("-", "_")
            kw[key] = value
        f = measures.Filters(**kw)
        measures.items(backend, f, docs)  # warm-up
        warm, rows = _best(lambda f=f: measures.items(backend, f, docs))
        t = time.perf_counter()
        cli = subprocess.run(
            [str(POLICYKG), "measures", "--store", str(store), "--format", "json", *args],
            check=True,
            capture_output=True,
        )
        cold = time.perf_counter() - t
        assert len(json.loads(cli.stdout)) == len(rows)
        out["queries"][name] = {"units": len(rows), "warm_s": warm, "process_s": cold}
    return out


# --- the index alone at scale ------------------------------------------------------------------

_PARAGRAPH = re.compile(r"\n\s*\n")


def _units(text: str) -> list[str]:
    """A document's paragraphs with their wrapped lines joined: unit-sized pieces of text."""
    return [re.sub(r"\s+", "", p) for p in _PARAGRAPH.split(text) if p.strip()]


def index_at_scale(n: int, seed: int, mean: int) -> dict[str, Any]:
    from corpus import generate
    from policykg.graph.textindex import TextIndex, fold, match_expression, terms

    folder, chars = generate(n, seed, OUT / "corpus", mean)
    work = OUT / "stores" / f"textindex-{n}"
    work.mkdir(parents=True, exist_ok=True)
    bigram_path, trigram_path = work / "bigram.sqlite", work / "trigram.sqlite"
    for p in (bigram_path, trigram_path):
        p.unlink(missing_ok=True)
    files = sorted(folder.glob("*.txt"))
    units = 0

    index = TextIndex(bigram_path, writable=True)
    t = time.perf_counter()
    for path in files:
        pieces = _units(path.read_text(encoding="utf-8"))
        units += len(pieces)
        index.replace(path.stem, ((f"{path.stem}/u{i}", u) for i, u in enumerate(pieces)))
    index.close()
    bigram_build = time.perf_counter() - t

    tri = sqlite3.connect(trigram_path, isolation_level=None)
    tri.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
        "CREATE TABLE units(id INTEGER PRIMARY KEY, text TEXT);"
        "CREATE VIRTUAL TABLE grams USING fts5(g, content='', columnsize=0, tokenize='trigram');"
        "BEGIN;"
    )
    t = time.perf_counter()
    for path in files:
        for u in _units(path.read_text(encoding="utf-8")):
            folded = fold(u)[0]
            rowid = tri.execute("INSERT INTO units(text) VALUES (?)", (folded,)).lastrowid
            tri.execute("INSERT INTO grams(rowid, g) VALUES (?, ?)", (rowid, folded))
    tri.execute("COMMIT")
    trigram_build = time.perf_counter() - t

    out: dict[str, Any] = {
        "documents": n,
        "characters": chars,
        "units": units,
        "bigram": {
            "build_s": round(bigram_build, 1),
            "mb": round(bigram_path.stat().st_size / 1e6, 1),
        },
        "trigram": {
            "build_s": round(trigram_build, 1),
            "mb": round(trigram_path.stat().st_size / 1e6, 1),
        },
        "words": {},
    }
    reader = TextIndex(bigram_path)
    for word in WORDS:
        words = terms(word)
        first = time.perf_counter()
        hits = reader.search(words)
        cold = time.perf_counter() - first
        warm, _ = _best(lambda words=words: reader.search(words))
        row: dict[str, Any] = {
            "units": len(hits),
            "bigram_cold_s": cold,
            "bigram_s": warm,
            "expression": match_expression(words),
        }
        needles = [fold(w)[0] for w in words]
        if all(len(x) >= 3 for x in needles):
            expr = " AND ".join('"' + x.replace('"', '""') + '"' for x in needles)
            sql = "SELECT rowid FROM grams WHERE grams MATCH ?"
            row["trigram_s"], found = _best(
                lambda expr=expr, sql=sql: tri.execute(sql, (expr,)).fetchall()
            )
            row["trigram_units"] = len(found)
        else:  # below three characters the trigram index cannot help: a scan of the text
            sql = "SELECT id FROM units WHERE " + " AND ".join(
                ["instr(text, ?) > 0"] * len(needles)
            )
            row["scan_s"], found = _best(
                lambda sql=sql, needles=needles: tri.execute(sql, needles).fetchall(), repeat=1
            )
            row["scan_units"] = len(found)
        out["words"][word] = row
    return out


def summary(results: dict[str, Any]) -> str:
    lines = []
    if "whole" in results:
        w = results["whole"]
        lines += [
            f"### Whole path, {w['documents']} documents ({w['characters']:,} characters)",
            "",
            f"Build {w['build_s']} s; store {w['store_mb']} MB of which text index {w['index_mb']} MB.",
            "",
            "| query | units | in process (warm) | fresh process |",
            "| --- | ---: | ---: | ---: |",
        ]
        for name, q in w["queries"].items():
            lines.append(
                f"| `{name}` | {q['units']} | {q['warm_s'] * 1000:.0f} ms | {q['process_s']:.2f} s |"
            )
        lines.append("")
    if "index" in results:
        x = results["index"]
        lines += [
            f"### Text index alone, {x['documents']:,} documents ({x['characters']:,} characters,"
            f" {x['units']:,} units)",
            "",
            f"Bigram index (chosen): built in {x['bigram']['build_s']} s, {x['bigram']['mb']} MB. "
            f"Trigram index: {x['trigram']['build_s']} s, {x['trigram']['mb']} MB.",
            "",
            "| words | units | bigram (cold) | bigram (warm) | trigram | trigram can only scan |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for word, r in x["words"].items():
            tri = f"{r['trigram_s'] * 1000:.1f} ms" if "trigram_s" in r else "—"
            scan = f"{r['scan_s'] * 1000:.0f} ms" if "scan_s" in r else "—"
            lines.append(
                f"| {word} | {r['units']:,} | {r['bigram_cold_s'] * 1000:.1f} ms |"
                f" {r['bigram_s'] * 1000:.1f} ms | {tri} | {scan} |"
            )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=200, help="documents for the whole path (0: skip)")
    ap.add_argument("--index-docs", type=int, default=10_000, help="documents for the index alone")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--mean-chars", type=int, default=20_000)
    args = ap.parse_args()
    results: dict[str, Any] = {
        "machine": f"{os.cpu_count()} cores",
        "python": sys.version.split()[0],
    }
    results["sqlite"] = sqlite3.sqlite_version
    if args.docs:
        results["whole"] = whole_path(args.docs, args.seed, args.mean_chars)
    if args.index_docs:
        results["index"] = index_at_scale(args.index_docs, args.seed, args.mean_chars)
    OUT.mkdir(exist_ok=True)
    (OUT / "textsearch.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(summary(results))


if __name__ == "__main__":
    main()
