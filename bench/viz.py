"""Pictures at corpus scale: how long `viz` pages and `matrix` heatmaps take, in Python and in
headless Chromium, on a store of 150 synthetic regulations (bench/corpus.py) and on the real
corpus (corpus/, corpus/local-regulations/).

    .venv/bin/python bench/viz.py [--docs 150] [--repeat 3]

Per selection: the measures items (store → JSON), the networkx view, the page (Python), its
size, and in the browser the seconds from navigation to "physics stopped" (the page sets
``window.policykgReady``), with the page's own marks (JSON parsed, network built, layout
done). Per matrix: the items path that `policykg matrix` takes against one aggregate SPARQL
query (the alternative the design weighed), the heatmap page and the PNG. Best of --repeat;
results go to bench/out/viz.json and print as Markdown for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
PYTHON = Path(sys.executable)
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))  # tests.test_viz holds the one-document graph the tests open

# name -> the filters of `policykg viz` (as graph.measures.Filters takes them)
SELECTIONS: dict[str, dict[str, Any]] = {
    "--pollutant 扬尘 --exact": {"pollutant": "扬尘", "exact": True},
    "--pollutant 大气污染物": {"pollutant": "大气污染物"},
    "every unit": {},
}
REAL_SELECTIONS: dict[str, dict[str, Any]] = {
    "--pollutant 挥发性有机物 --exact": {"pollutant": "挥发性有机物", "exact": True},
    "every unit": {},
}
# The alternative to reading items: one aggregate over the store (no user value in it).
AGGREGATE = """
SELECT ?doc ?concept (COUNT(DISTINCT ?unit) AS ?units) WHERE {
  ?unit pkg:partOf ?doc ; pkg:mentionsPollutant ?named .
  ?named skos:broader* ?concept .
}
GROUP BY ?doc ?concept
"""


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The fastest of ``repeat`` runs, and the last result."""
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def build_store(paths: list[Path], store: Path) -> None:
    if (store / "current").exists():
        return
    cmd = [str(PYTHON.parent / "policykg"), "build", *map(str, paths), "--store", str(store)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def browser() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    profile = tempfile.mkdtemp(prefix="policykg-bench-")
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--window-size=1600,1000",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.profile_dir = profile
    return driver


def in_browser(driver: Any, page: Path, repeat: int) -> dict[str, Any]:
    """Seconds to a settled, frozen layout (best of ``repeat``) and what the page drew."""
    runs = []
    for _ in range(repeat):
        driver.get("about:blank")
        driver.get_log("browser")
        started = time.monotonic()
        driver.get(page.as_uri())
        while not driver.execute_script("return window.policykgReady === true"):
            if time.monotonic() - started > 300:
                raise RuntimeError(f"{page} never got ready")
            time.sleep(0.02)
        runs.append((time.monotonic() - started, driver.execute_script(_DRAWN)))
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        if errors:
            raise RuntimeError(f"{page}: {errors}")
    seconds, drawn = min(runs, key=lambda r: r[0])
    return {"browser_s": round(seconds, 2), **drawn}


_DRAWN = """
var n = window.policykgNetwork, t = window.policykgTimings || {};
if (!n) return {};
return {drawn_nodes: n.body.nodeIndices.length, drawn_edges: n.body.edgeIndices.length,
        physics_on: n.physics.options.enabled, parse_ms: Math.round(t.parsed || 0),
        network_ms: Math.round(t.network || 0), ready_ms: Math.round(t.ready || 0)};
"""


def viz_rows(
    backend: Any, selections: dict[str, dict], driver: Any, repeat: int, tmp: Path
) -> list[dict[str, Any]]:
    from policykg.graph import measures
    from policykg.graph.html import graph_data, render_html
    from policykg.graph.view import build_view

    docs = measures.documents(backend)
    ids = [d["id"] for d in docs]
    out = []
    for name, kw in selections.items():
        f = measures.Filters(**kw)
        items_s, items = best(partial(measures.items, backend, f, ids), repeat)
        view_s, g = best(partial(build_view, items, docs), repeat)
        page_s, html = best(partial(render_html, g, name), repeat)
        page = tmp / f"viz-{len(out)}.html"
        page.write_text(html, encoding="utf-8")
        data = graph_data(g, name)
        row = {
            "selection": name,
            "documents": len({i["source"]["document"] for i in items}),
            "units": len(items),
            "nodes": g.number_of_nodes(),
            "edges": g.number_of_edges(),
            "folded": len(data["clusters"]),
            "items_s": round(items_s, 3),
            "view_s": round(view_s, 3),
            "page_s": round(page_s, 3),
            "page_mb": round(len(html.encode()) / 2**20, 1),
        }
        row.update(in_browser(driver, page, repeat))
        out.append(row)
        print(json.dumps(row, ensure_ascii=False), file=sys.stderr)
    return out


def single_document_row(driver: Any, repeat: int, tmp: Path) -> dict[str, Any]:
    """The 2,000-node graph of one document that tests/test_viz.py opens (never folded)."""
    from policykg.graph.html import render_html
    from policykg.graph.view import build_view
    from tests.test_viz import _synthetic_items

    g = build_view(_synthetic_items(1530), [{"id": "syn", "title": "合成 synthetic"}])
    page = tmp / "one-document.html"
    page.write_text(render_html(g, "synthetic"), encoding="utf-8")
    row = {"selection": "one document, 1,530 units", "nodes": g.number_of_nodes()}
    row.update(in_browser(driver, page, repeat))
    return row


def matrix_rows(backend: Any, driver: Any, repeat: int, tmp: Path, label: str) -> list[dict]:
    from policykg.graph import measures
    from policykg.graph.figures import heatmap_figure
    from policykg.graph.heatmap import render_matrix_html
    from policykg.graph.matrix import load_matrix

    out = []
    kinds = (
        ("jurisdiction", "pollutant", 1),
        ("document", "pollutant", None),
        ("region", "pollutant", 1),
    )
    for rows, cols, depth in kinds:
        load = partial(load_matrix, backend, measures.Filters(), rows, cols, depth=depth)
        load_s, (m, items, docs) = best(partial(load, level="province"), repeat)
        order_s, _ = best(m.orders, repeat)
        page_s, html = best(partial(render_matrix_html, m, items, docs, "bench"), repeat)
        page = tmp / f"matrix-{rows}.html"
        page.write_text(html, encoding="utf-8")
        png_s, _ = best(partial(heatmap_figure, m.reordered("cluster"), tmp / "m.png", "b"), 1)
        row = {
            "corpus": label,
            "matrix": f"{rows} × {cols}" + (f" --depth {depth}" if depth else ""),
            "rows": len(m.rows),
            "cols": len(m.cols),
            "units": len(m.unit_docs),
            "load_s": round(load_s, 3),
            "orders_s": round(order_s, 3),
            "page_s": round(page_s, 3),
            "page_mb": round(len(html.encode()) / 2**20, 1),
            "png_s": round(png_s, 2),
        }
        if rows == "document":  # the backend applies the prefixes and the union default graph
            sparql_s, _ = best(lambda: list(backend.query(AGGREGATE)), repeat)
            row["aggregate_sparql_s"] = round(sparql_s, 3)
        row.update(in_browser(driver, page, repeat))
        out.append(row)
        print(json.dumps(row, ensure_ascii=False), file=sys.stderr)
    return out


def table(rows: list[dict[str, Any]], keys: list[str]) -> str:
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for r in rows:
        lines.append("| " + " | ".join(str(r.get(k, "")) for k in keys) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=150)
    ap.add_argument("--mean-chars", type=int, default=12_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from corpus import generate
    from policykg.graph.sparql import connect

    folder, chars = generate(args.docs, 7, OUT / "corpus", args.mean_chars)
    synthetic = OUT / "stores" / f"viz-n{args.docs}-m{args.mean_chars}"
    real = OUT / "stores" / "viz-real"
    build_store([folder], synthetic)
    regulations = sorted((ROOT / "corpus" / "local-regulations").glob("*.md"))
    build_store([ROOT / "corpus", *regulations], real)

    driver = browser()
    results: dict[str, Any] = {"docs": args.docs, "chars": chars}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            t = Path(tmp)
            syn = connect(synthetic)
            results["viz"] = viz_rows(syn, SELECTIONS, driver, args.repeat, t)
            results["viz_real"] = viz_rows(connect(real), REAL_SELECTIONS, driver, args.repeat, t)
            results["viz_one_document"] = single_document_row(driver, args.repeat, t)
            results["matrix"] = matrix_rows(syn, driver, args.repeat, t, f"{args.docs} synthetic")
            results["matrix"] += matrix_rows(connect(real), driver, args.repeat, t, "real (49)")
    finally:
        driver.quit()
        shutil.rmtree(driver.profile_dir, ignore_errors=True)
    results["cpus"] = len(os.sched_getaffinity(0))
    (OUT / "viz.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")

    viz_keys = ["selection", "documents", "units", "nodes", "edges", "folded", "items_s",
                "view_s", "page_s", "page_mb", "drawn_nodes", "drawn_edges", "browser_s",
                "network_ms", "ready_ms"]  # fmt: skip
    print(f"### viz, {args.docs} synthetic documents ({chars:,} characters)\n")
    print(table(results["viz"], viz_keys))
    print("\n### viz, the real corpus\n")
    print(table(results["viz_real"], viz_keys))
    print("\n### viz, one document\n")
    print(table([results["viz_one_document"]], ["selection", "nodes", "browser_s", "ready_ms"]))
    print("\n### matrix\n")
    print(
        table(
            results["matrix"],
            [
                "corpus",
                "matrix",
                "rows",
                "cols",
                "units",
                "load_s",
                "aggregate_sparql_s",
                "orders_s",
                "page_s",
                "page_mb",
                "browser_s",
                "png_s",
            ],  # fmt: skip
        )
    )


if __name__ == "__main__":
    main()
