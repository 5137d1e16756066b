"""Benchmarks of policykg, each goal beside an anchor measured in the same run on the same data.

Why ratios: absolute seconds depend on the machine; "the whole build is a third as fast as jieba
alone" or "writing through graph/store.py is half as fast as pyoxigraph's bulk loader" do not,
and they say where there is room. Every number comes from a fresh process on a fresh store.

    .venv/bin/python bench/run.py --sizes 1,10,100 [--sizes 1000]

The plot goes to bench/out/benchmarks.png; ``--plot docs/benchmarks.png`` redraws the page's,
for the run whose tables the page quotes.

Corpora come from bench/corpus.py (document i depends only on the seed and i, so sizes nest).
Results accumulate by size in bench/out/results.json, so a long size can be run on its own
later; the tables always show every size measured. Helper modes (``_jieba``, ``_probe``,
``_bulk``, ``_query``; ``_analysis`` on its own) are this script re-run in a fresh process;
they print one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
STORES = OUT / "stores"
RESULTS = OUT / "results.json"
# a run draws its own plot; docs/benchmarks.png is redrawn only when asked (``--plot``), by the
# run whose tables the page quotes
PLOT = OUT / "benchmarks.png"
PAGE_PLOT = ROOT / "docs" / "benchmarks.png"
PYTHON = Path(sys.executable)
POLICYKG = PYTHON.parent / "policykg"
FILTERS: dict[str, list[str]] = {
    "pollutant 镉": ["--pollutant", "镉"],
    "region 湖南": ["--region", "湖南"],
    "before 2018": ["--before", "2018"],
}
ENGLISH = {
    "pollutant 镉": "pollutant cadmium",
    "region 湖南": "region Hunan",
    "before 2018": "before 2018",
}
PAGE = os.sysconf("SC_PAGE_SIZE")
HZ = os.sysconf("SC_CLK_TCK")

# the code measured: a `git archive` snapshot (others commit while a long run goes on), which
# every child process imports first through PYTHONPATH; the installed (editable) tree when run
# directly. The repository root is the package, so the snapshot goes in a folder named policykg.
if os.environ.get("POLICYKG_BENCH_SRC"):
    sys.path.insert(0, os.environ["POLICYKG_BENCH_SRC"])
sys.path.insert(0, str(BENCH))


def snapshot(rev: str) -> tuple[Path, str]:
    """Export ``rev`` of the repository to bench/out/src-<sha>/policykg/ and import from there."""
    sha = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", rev],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    src = OUT / f"src-{sha}"
    package = src / "policykg"
    if not (package / "cli.py").is_file():
        package.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", sha], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(package)], input=archive, check=True)
    # compiled once, as pip compiles a wheel it installs: a child process reads the bytecode
    # even where PYTHONDONTWRITEBYTECODE is set (this sandbox), and a cold query then measures
    # the query, not the compiling of the project's modules (about 0.05 s a process)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    os.environ["PYTHONPATH"] = str(src)
    os.environ["POLICYKG_BENCH_SRC"] = str(src)
    return src, sha


# --- measuring child processes -------------------------------------------------------------


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants (workers of ``--jobs 2`` included)."""
    parent: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            parent[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parent.items() if pp == p and c not in tree]
        tree.update(kids)
        frontier.extend(kids)
    total = 0
    for pid in tree:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        except (OSError, ValueError, IndexError):
            continue
    return total


def cpu_busy() -> float:
    """CPU-seconds all processes of the machine have used since boot (from /proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(fields) - fields[3] - fields[4]) / HZ


QUIET_WAIT = [600.0]


def wait_quiet(threshold: float = 1.2) -> float:
    """Wait until other work on the machine uses less than ``threshold`` cores; the load seen.

    The machine is shared (other people run test suites on it). A one-process measurement
    needs one idle core (``threshold`` 1.2 of 2), ``--jobs 2`` needs both (0.3): started while
    they are taken, a benchmark measures the contention, not the code. After ``--quiet-wait`` seconds it goes
    on anyway, and the background load is recorded beside the number.
    """
    deadline = time.monotonic() + QUIET_WAIT[0]
    while True:
        b0 = cpu_busy()
        time.sleep(2)
        load = (cpu_busy() - b0) / 2
        if load < threshold or time.monotonic() > deadline:
            return load
        time.sleep(10)


def measure(cmd: list[str], timeout: float | None = None, capture: bool = False) -> dict[str, Any]:
    """Wall time, max RSS of the largest process (wait4) and peak RSS of the whole process tree.

    ``wait4``'s ``ru_maxrss`` is the largest single process of the tree, never a sum, so the
    tree is also sampled every 0.2 s from /proc: that is what ``--jobs 2`` really holds.
    ``background_cores`` is the CPU other processes used meanwhile, per second of wall time.
    """
    peak = [0]
    done = threading.Event()
    out_f, err_f = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    busy0 = cpu_busy()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=out_f if capture else subprocess.DEVNULL, stderr=err_f, cwd=ROOT
    )

    def sample() -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], _tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    timer = threading.Timer(timeout, proc.kill) if timeout else None
    if timer:
        timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    foreign = cpu_busy() - busy0 - usage.ru_utime - usage.ru_stime
    done.set()
    if timer:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    out_f.seek(0)
    err_f.seek(0)
    out = out_f.read().decode("utf-8", "replace")
    err = err_f.read().decode("utf-8", "replace")
    out_f.close()
    err_f.close()
    timed_out = bool(timeout) and proc.returncode == -9
    if proc.returncode != 0 and not timed_out:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{err[-2000:]}")
    return {
        "wall": wall,
        "maxrss_mb": usage.ru_maxrss / 1024,
        "tree_peak_mb": peak[0] / 2**20,
        "timed_out": timed_out,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "background_cores": max(0.0, foreign / wall),
        "stdout": out,
    }


def helper(mode: str, *args: str, timeout: float | None = None) -> dict[str, Any]:
    """Run this script in ``mode`` in a fresh process; its JSON answer plus the process numbers."""
    m = measure([str(PYTHON), str(Path(__file__)), mode, *args], timeout=timeout, capture=True)
    if m["timed_out"]:
        return {"timed_out": True, "wall": m["wall"]}
    keep = ("wall", "maxrss_mb", "background_cores")
    return {**json.loads(m["stdout"]), **{k: m[k] for k in keep}}


# --- helper modes (each in its own fresh process) ------------------------------------------


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.txt"))


def mode_jieba(folder: str) -> dict[str, Any]:
    """The anchor of build throughput: jieba.lcut (default HMM, as spaCy's segmenter calls it).

    Dictionary load and tokenization are timed apart; reading the files is not timed. The
    build itself cuts the same words with jieba-rs (round 29), so the anchor measures the
    machine's pace in Python, as the goal (issue #17) defines it.
    """
    import logging

    t0 = time.perf_counter()
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    init = time.perf_counter() - t0
    tok, chars, tokens = 0.0, 0, 0
    for path in _files(Path(folder)):
        text = path.read_text(encoding="utf-8")
        t = time.perf_counter()
        tokens += len(jieba.lcut(text))
        tok += time.perf_counter() - t
        chars += len(text)
    return {"init_s": init, "tokenize_s": tok, "chars": chars, "tokens": tokens}


def mode_analysis(folder: str) -> dict[str, Any]:
    """The build without a store: set-up as a worker does it (``batch._init``), then each
    document analysed and serialised as a ``--jobs 1`` build does it, with the seconds the
    garbage collector took, and ``jieba.lcut`` of the same files in the same process, so that
    the part of the build the store cannot hide has its own ratio. Not part of a run:
    ``bench/run.py _analysis FOLDER``."""
    import gc

    from policykg.extract import batch
    from policykg.extract.pipeline import VOCABULARIES, analyse_file
    from policykg.graph.rdf import document_payload
    from policykg.graph.vocabularies import load_vocabularies

    t = time.perf_counter()
    batch._init(load_vocabularies(VOCABULARIES), None)
    nlp = batch._NLP
    nlp.make_doc("预热")  # jieba loads its dictionary on first use
    out = {"setup_s": time.perf_counter() - t, "analyse_s": 0.0, "serialise_s": 0.0, "gc_s": 0.0}
    began = [0.0]

    def collecting(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            out["gc_s"] += time.perf_counter() - began[0]

    gc.callbacks.append(collecting)
    for path in _files(Path(folder)):
        t = time.perf_counter()
        doc = analyse_file(path, nlp, {"id": path.stem})
        out["analyse_s"] += time.perf_counter() - t
        t = time.perf_counter()
        document_payload(doc)
        out["serialise_s"] += time.perf_counter() - t
    gc.callbacks.remove(collecting)
    out["jieba"] = mode_jieba(folder)
    out["ratio"] = out["jieba"]["tokenize_s"] / (out["analyse_s"] + out["serialise_s"])
    return out


def mode_probe(folder: str, store: str) -> dict[str, Any]:
    """The project's store path alone, timed like the anchor: open a new generation and load
    the vocabularies, serialise each document as the build does (``document_payload``: its
    N-Triples, and its unit texts for the full-text index), load it into its graph
    (``Writer.replace_graph``: ``bulk_load``, the text index), then flush, compact and swap.

    Each document is analysed first, untimed; the writes run in this thread, one after the
    other, so nothing else competes for the cores (a real build overlaps them with analysis).
    """
    from policykg.extract.batch import analyse_many
    from policykg.extract.pipeline import VOCABULARIES
    from policykg.graph.namespaces import graph_iri
    from policykg.graph.rdf import document_payload
    from policykg.graph.sparql import connect
    from policykg.graph.vocabularies import load_vocabularies

    acc = {"open": 0.0, "serialise": 0.0, "write": 0.0, "close": 0.0}
    triples = 0
    vocabularies = load_vocabularies(VOCABULARIES)
    jobs = [(p, {"id": p.stem}, None) for p in _files(Path(folder))]
    t0 = time.perf_counter()
    cm = connect(store).writing()
    writer = cm.__enter__()
    writer.load_ontology()
    acc["open"] = time.perf_counter() - t0
    for result in analyse_many(jobs, vocabularies, 1):
        t = time.perf_counter()
        data, texts = document_payload(result.payload)
        acc["serialise"] += time.perf_counter() - t
        t = time.perf_counter()
        writer.replace_graph(graph_iri(result.doc_id), data, texts)
        acc["write"] += time.perf_counter() - t
        triples += data.count(b"\n")
    t = time.perf_counter()
    cm.__exit__(None, None, None)
    acc["close"] = time.perf_counter() - t
    return {**acc, "store_s": sum(acc.values()), "doc_quads": triples}


def mode_bulk(nq: str, store: str) -> dict[str, Any]:
    """The anchor of store load: pyoxigraph's own ``Store.bulk_load`` of the exported N-Quads."""
    from pyoxigraph import RdfFormat, Store

    t = time.perf_counter()
    st = Store(store)
    st.bulk_load(path=nq, format=RdfFormat.N_QUADS)
    st.flush()
    load = time.perf_counter() - t
    return {"load_s": load, "quads": len(st)}


def mode_query(store: str, flag: str, value: str, repeat: int = 3) -> dict[str, Any]:
    """One filter in-process: ``KnowledgeGraph.measures`` (the API a notebook and the CLI
    call: stored queries, JSON records, typed items) vs the same SPARQL run straight on
    pyoxigraph.

    "The same SPARQL" is every stored query ``measures`` ran, with the same bindings passed the
    same way (pyoxigraph substitutions, union default graph), recorded by ``graph.sparql.Tracing``
    in a first, untimed run (which also warms the caches for both sides) and replayed; the
    replay only iterates the solutions, it builds no dicts and no JSON items. Both are then
    timed ``repeat`` times, interleaved, and the fastest run of each is kept. (Cold start is
    what ``cold_s``, a fresh process, measures.)
    """
    from pyoxigraph import Store, Variable

    import policykg
    from policykg.graph.namespaces import PREFIXES
    from policykg.graph.sparql import Tracing

    kg = policykg.open(Path(store))
    tracing = Tracing(kg.backend)
    filters = {flag.removeprefix("--"): value}
    rows = policykg.KnowledgeGraph(tracing).measures(**filters)
    log = list(tracing.log)
    st = Store.read_only(str(Path(store) / "current"))  # the same generation, for the replay

    def ours() -> None:
        kg.measures(**filters)

    per_query: dict[str, float] = {}

    def raw() -> None:
        for query, bindings in log:
            tq = time.perf_counter()
            result = st.query(
                query,
                prefixes=PREFIXES,
                substitutions={Variable(k): v for k, v in bindings.items()},
                use_default_graph_as_union=True,
            )
            for sol in result:  # type: ignore[union-attr]
                tuple(sol)
            name = query.lstrip("# ").split("\n", 1)[0][:60]
            per_query[name] = per_query.get(name, 0.0) + time.perf_counter() - tq

    items_runs, raw_runs = [], []
    for _ in range(int(repeat)):
        per_query.clear()
        t = time.perf_counter()
        ours()
        items_runs.append(time.perf_counter() - t)
        t = time.perf_counter()
        raw()
        raw_runs.append(time.perf_counter() - t)
    return {
        "items_s": min(items_runs),
        "raw_s": min(raw_runs),
        "items_runs": items_runs,
        "raw_runs": raw_runs,
        "queries": len(log),
        "rows": len(rows),
        "per_query": per_query,
    }


def mode_dump(store: str, nq: str) -> dict[str, Any]:
    """N-Quads straight from pyoxigraph, for when ``policykg export`` would not fit in memory."""
    from pyoxigraph import RdfFormat, Store

    Store.read_only(str(Path(store) / "current")).dump(nq, format=RdfFormat.N_QUADS)
    return {}


def mode_count(store: str) -> dict[str, Any]:
    """What a store holds: ``quads``, ``ontology_quads``, ``mentions`` and ``mention_quads``,
    the quads whose subject is a mention or, in the model before issue #17, a node of its
    annotation (target, selectors: their IRIs extend the mention's, ``…/u-…/m-…``)."""
    from pyoxigraph import Store

    from policykg.graph.namespaces import ONTOLOGY_GRAPH

    st = Store.read_only(store)
    onto = sum(1 for _ in st.quads_for_pattern(None, None, None, ONTOLOGY_GRAPH))

    def count(where: str) -> int:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {where} }} }}"
        return int(next(iter(st.query(query)))["n"].value)  # type: ignore[index, arg-type]

    mentions = "CONTAINS(STR(?s), '/m-')"
    return {
        "quads": len(st),
        "ontology_quads": onto,
        "mentions": count(f"?s <{PKG_IN_UNIT}> ?u FILTER ({mentions})"),
        "mention_quads": count(f"?s ?p ?o FILTER ({mentions})"),
    }


PKG_IN_UNIT = "https://w3id.org/policykg/ontology#inUnit"


MODES: dict[str, Callable[..., dict[str, Any]]] = {
    "_count": mode_count,
    "_dump": mode_dump,
    "_jieba": mode_jieba,
    "_probe": mode_probe,
    "_analysis": mode_analysis,
    "_bulk": mode_bulk,
    "_query": mode_query,
}


# --- one corpus size ----------------------------------------------------------------------


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def build(folder: Path, store: Path, jobs: int, repeat: int = 1) -> dict[str, Any]:
    """``policykg build`` in a fresh process on a fresh store; the fastest of ``repeat`` runs.

    The fastest run is the least disturbed one; memory is the largest seen in any run.
    """
    runs = []
    for _ in range(repeat):
        wait_quiet(0.3 if jobs > 1 else 1.2)
        cmd = [str(POLICYKG), "build", str(folder), "--store", str(fresh(store))]
        runs.append(measure([*cmd, "--jobs", str(jobs)], capture=True))
    best = min(runs, key=lambda m: m["wall"])
    return {
        "wall": best["wall"],
        "walls": [m["wall"] for m in runs],
        "background_cores": best["background_cores"],
        "cpu_s": best["cpu_s"],
        "maxrss_mb": max(m["maxrss_mb"] for m in runs),
        "tree_peak_mb": max(m["tree_peak_mb"] for m in runs),
    }


def count_quads(store: Path) -> dict[str, int]:
    """Quads of a built store (all, the ontology graph's), its mentions and their own quads."""
    return helper("_count", str(store / "current"))


def queries(store: Path, timeout: float, repeat: int = 3) -> dict[str, Any]:
    """Cold ``policykg measures`` per filter (median of ``repeat``), then the in-process pair."""
    out: dict[str, Any] = {}
    for name, args in FILTERS.items():
        cmd = [str(POLICYKG), "measures", "--store", str(store), *args, "--format", "json"]
        walls: list[float] = []
        timed_out = False
        wait_quiet()
        for _ in range(repeat):
            m = measure(cmd, timeout=timeout)
            if m["timed_out"]:
                timed_out = True
                break
            walls.append(m["wall"])
            if m["wall"] > timeout / repeat:
                break
        entry: dict[str, Any] = {
            "cold_s": statistics.median(walls) if walls else None,
            "background_cores": m["background_cores"],
        }
        if timed_out:
            entry["cold_timeout_s"] = timeout
        else:
            inproc = helper("_query", str(store), *args, timeout=timeout * 2)
            if inproc.get("timed_out"):
                entry["inproc_timeout_s"] = timeout * 2
            else:
                entry.update({k: inproc[k] for k in ("items_s", "raw_s", "queries", "rows")})
                entry["per_query"] = inproc["per_query"]
        out[name] = entry
        print(f"    measures {name}: {entry}", flush=True)
    return out


def export(store: Path, nq: Path, quads: int, results: dict[str, Any]) -> dict[str, Any]:
    """``policykg export --format nq``, unless the smaller sizes predict it would not fit.

    ``policykg export`` of a triple format holds every quad as Python objects at once, so its
    memory grows with the store; past 60% of the free memory the N-Quads for the anchor come
    from pyoxigraph's own ``Store.dump`` instead (same quads, unsorted), and the export's
    predicted size is recorded.
    """
    done = [r for r in results["sizes"].values() if r.get("export", {}).get("maxrss_mb")]
    if done:
        big = max(done, key=lambda r: r["quads"])
        predicted = big["export"]["maxrss_mb"] * quads / big["quads"]
        free = int(Path("/proc/meminfo").read_text().split("MemAvailable:")[1].split()[0]) / 1024
        if predicted > 0.6 * free:
            wait_quiet()
            m = helper("_dump", str(store), str(nq))
            return {"skipped": True, "predicted_mb": predicted, "dump_s": m["wall"],
                    "bytes": nq.stat().st_size}  # fmt: skip
    wait_quiet()
    m = measure([str(POLICYKG), "export", "--store", str(store), "--format", "nq", "-o", str(nq)])
    return {"wall": m["wall"], "maxrss_mb": m["maxrss_mb"], "bytes": nq.stat().st_size}


def run_size(n: int, args: argparse.Namespace, results: dict[str, Any]) -> dict[str, Any]:
    """Every measurement for the corpus of ``n`` documents."""
    from corpus import generate

    folder, chars = generate(n, args.seed, OUT / "corpus", args.mean_chars)
    print(f"== {n} documents, {chars:,} characters ({folder})", flush=True)
    r: dict[str, Any] = {"docs": n, "chars": chars, "date": _now(), "code": args.code}
    base = STORES / f"n{n}"

    repeat = 3 if chars < 1_000_000 else 1
    r["build_j1"] = build(folder, base / "j1", 1, repeat)
    counts = count_quads(base / "j1")
    r.update({k: counts[k] for k in ("quads", "ontology_quads", "mentions", "mention_quads")})
    print(f"  build --jobs 1: {r['build_j1']}, {r['quads']:,} quads", flush=True)

    r["build_j2"] = build(folder, base / "j2", 2, repeat)
    shutil.rmtree(base / "j2", ignore_errors=True)
    print(f"  build --jobs 2: {r['build_j2']}", flush=True)

    wait_quiet()
    r["jieba"] = helper("_jieba", str(folder))
    print(f"  jieba: {r['jieba']}", flush=True)

    wait_quiet()
    r["probe"] = helper("_probe", str(folder), str(fresh(base / "probe")))
    shutil.rmtree(base / "probe", ignore_errors=True)
    print(f"  project store path: {r['probe']}", flush=True)

    nq = base / "export.nq"
    r["export"] = export(base / "j1", nq, r["quads"], results)
    wait_quiet()
    r["bulk"] = helper("_bulk", str(nq), str(fresh(base / "bulk")))
    shutil.rmtree(base / "bulk", ignore_errors=True)
    nq.unlink()
    print(f"  export nq: {r['export']}; bulk_load: {r['bulk']}", flush=True)

    r["queries"] = queries(base / "j1", args.timeout)
    if not args.keep_stores:
        shutil.rmtree(base, ignore_errors=True)
    return r


def run_query_store(args: argparse.Namespace, results: dict[str, Any]) -> dict[str, Any]:
    """The filter goals hold at ~1M quads: the first K documents, K from the measured density."""
    from corpus import generate

    sized = [r for r in results["sizes"].values() if r["docs"] >= 10]
    if not sized:
        raise SystemExit("measure a size of 10 documents or more first")
    big = max(sized, key=lambda r: r["docs"])
    onto = big["ontology_quads"]
    per_doc = (big["quads"] - onto) / big["docs"]
    k = max(1, round((args.query_quads - onto) / per_doc))
    folder, chars = generate(k, args.seed, OUT / "corpus", args.mean_chars)
    store = STORES / f"q{k}"
    print(f"== query store: {k} documents, {chars:,} characters", flush=True)
    m = build(folder, store, 2)
    r: dict[str, Any] = {
        "docs": k,
        "chars": chars,
        "quads": count_quads(store)["quads"],
        "build_j2_s": m["wall"],
    }
    r["queries"] = queries(store, args.timeout)
    r["date"] = _now()
    if not args.keep_stores:
        shutil.rmtree(store, ignore_errors=True)
    return r


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


# --- reporting ------------------------------------------------------------------------------


def _fmt(x: float | None, unit: str = "", digits: int = 2) -> str:
    if x is None:
        return "—"
    if abs(x) >= 1000:
        return f"{x:,.0f}{unit}"
    return f"{x:.{digits}f}{unit}"


def _check(ok: bool | None) -> str:
    return "—" if ok is None else ("pass" if ok else "**FAIL**")


def goals_table(results: dict[str, Any]) -> str:
    """One row per goal: our number, the anchor measured in the same run, the ratio, the verdict."""
    sizes = sorted(results["sizes"].values(), key=lambda r: r["docs"])
    big = sizes[-1]
    n = big["docs"]
    rows = [
        "| goal | ours | anchor (same run) | ratio | goal | verdict |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    jieba_cps = big["jieba"]["chars"] / big["jieba"]["tokenize_s"]
    for key, how in (("build_j1", "`--jobs 1`"), ("build_j2", "`--jobs 2`, the default here")):
        build_cps = big["chars"] / big[key]["wall"]
        ratio = build_cps / jieba_cps
        rows.append(
            f"| build throughput, {n} docs, {how} | {_fmt(build_cps, ' chars/s')} (`policykg "
            f"build`, whole process) | {_fmt(jieba_cps, ' chars/s')} (`jieba.lcut`, tokenizing "
            f"only) | {ratio:.2f} | ≥ 0.33 | {_check(ratio >= 0.33)} |"
        )
    p, b = big["probe"], big["bulk"]
    ratio = b["load_s"] / p["store_s"]
    rows.append(
        f"| store load, {n} docs, {b['quads']:,} quads | {_fmt(p['store_s'], ' s')} "
        f"(`Writer.replace_graph`, `document_payload`, `bulk_load` per graph, compact) | "
        f"{_fmt(b['load_s'], ' s')} "
        f"(`Store.bulk_load` of the N-Quads export) | {ratio:.2f} | ≥ 0.5 | "
        f"{_check(ratio >= 0.5)} |"
    )
    q = results.get("query_store")
    if q:
        where = f"{q['docs']} docs, {q['quads']:,} quads"
        for name, e in q["queries"].items():
            cold = e.get("cold_s")
            shown = _fmt(cold, " s") if cold is not None else f"> {e['cold_timeout_s']:.0f} s"
            rows.append(
                f"| cold `policykg measures --{name.replace(' ', ' ')}`, {where} | {shown} | — | "
                f"— | < 0.5 s | {_check(cold is not None and cold < 0.5)} |"
            )
        for name, e in q["queries"].items():
            if "items_s" not in e:
                rows.append(f"| in-process `items` {name} | timed out | — | — | ≤ 1.5× | — |")
                continue
            ratio = e["items_s"] / e["raw_s"]
            rows.append(
                f"| in-process `measures.items` {name}, {where} | {_fmt(e['items_s'], ' s')} | "
                f"{_fmt(e['raw_s'], ' s')} (same {e['queries']} queries and bindings, straight "
                f"on pyoxigraph) | {ratio:.2f}× | ≤ 1.5× | {_check(ratio <= 1.5)} |"
            )
    thousand = results["sizes"].get("1000")
    if thousand:
        rss = thousand["build_j1"]["maxrss_mb"]
        rows.append(
            f"| peak memory, 1000-doc build (`--jobs 1`, max RSS) | {_fmt(rss, ' MB', 0)} | — | "
            f"— | < 1536 MB | {_check(rss < 1536)} |"
        )
    speed = big["build_j1"]["wall"] / big["build_j2"]["wall"]
    rows.append(
        f"| `--jobs 2` vs `--jobs 1`, {n} docs | {_fmt(big['build_j2']['wall'], ' s')} | "
        f"{_fmt(big['build_j1']['wall'], ' s')} (`--jobs 1`) | {speed:.2f}× | ≥ 1.7× (2 cores) |"
        f" {_check(speed >= 1.7)} |"
    )
    return "\n".join(rows)


Getter = Callable[[dict[str, Any]], "float | str | None"]


def _query_cell(key: str, name: str) -> Getter:
    """A query time, or "> T" when the process was killed at the timeout T."""

    def get(r: dict[str, Any]) -> float | str | None:
        e = r["queries"][name]
        if key in e:
            return e[key]
        t = e.get("cold_timeout_s") or e.get("inproc_timeout_s")
        return f"> {t:.0f}" if t else None

    return get


def growth_table(results: dict[str, Any]) -> str:
    """Every size side by side, and the log-log slope of each measure from the last two sizes."""
    sizes = sorted(results["sizes"].values(), key=lambda r: r["docs"])
    rows_spec: list[tuple[str, Getter, int]] = [
        ("characters", lambda r: r["chars"], 0),
        ("quads (ontology included)", lambda r: r["quads"], 0),
        ("quads per character (documents)", _per_char, 3),
        ("mentions", lambda r: r["mentions"], 0),
        ("quads per mention (the mention's own)", lambda r: r["mention_quads"] / r["mentions"], 2),
        ("build `--jobs 1` s", lambda r: r["build_j1"]["wall"], 2),
        ("build `--jobs 2` s", lambda r: r["build_j2"]["wall"], 2),
        ("speed-up jobs 2 / jobs 1", lambda r: r["build_j1"]["wall"] / r["build_j2"]["wall"], 2),
        ("build chars/s (jobs 1, whole process)", lambda r: r["chars"] / r["build_j1"]["wall"], 0),
        ("build chars/s (jobs 2, whole process)", lambda r: r["chars"] / r["build_j2"]["wall"], 0),
        ("jieba.lcut chars/s (tokenizing)", lambda r: r["chars"] / r["jieba"]["tokenize_s"], 0),
        ("jieba dictionary load s", lambda r: r["jieba"]["init_s"], 2),
        ("throughput ratio build jobs 1 / jieba", _throughput_ratio("build_j1"), 2),
        ("throughput ratio build jobs 2 / jieba", _throughput_ratio("build_j2"), 2),
        ("store path s (project)", lambda r: r["probe"]["store_s"], 2),
        ("  of which serialise (document_payload) s", lambda r: r["probe"]["serialise"], 2),
        ("  of which write (bulk_load per graph) s", lambda r: r["probe"]["write"], 2),
        ("  of which open + vocabularies s", lambda r: r["probe"]["open"], 2),
        ("  of which flush + compact + swap s", lambda r: r["probe"]["close"], 2),
        ("`Store.bulk_load` s (anchor)", lambda r: r["bulk"]["load_s"], 2),
        ("store-load ratio bulk_load / project", _store_ratio, 2),
        ("`export --format nq` s", _export_cell("wall"), 2),
        ("`export --format nq` max RSS MB", _export_cell("maxrss_mb"), 0),
        ("build jobs 1 max RSS MB", lambda r: r["build_j1"]["maxrss_mb"], 0),
        ("build jobs 2 peak RSS, all processes MB", lambda r: r["build_j2"]["tree_peak_mb"], 0),
        ("CPU-seconds build jobs 1", lambda r: r["build_j1"]["cpu_s"], 2),
        ("CPU-seconds build jobs 2, all processes", lambda r: r["build_j2"]["cpu_s"], 2),
        ("background load, build jobs 1 (cores)", lambda r: r["build_j1"]["background_cores"], 2),
        ("background load, build jobs 2 (cores)", lambda r: r["build_j2"]["background_cores"], 2),
    ]
    for name in FILTERS:
        rows_spec.append((f"cold `measures` {name} s", _query_cell("cold_s", name), 2))
    for name in FILTERS:
        rows_spec.append((f"in-process `items` {name} s", _query_cell("items_s", name), 2))
    for name in FILTERS:
        rows_spec.append((f"same SPARQL on pyoxigraph {name} s", _query_cell("raw_s", name), 2))
    head = "| measure | " + " | ".join(f"{r['docs']} docs" for r in sizes) + " | slope |"
    rows = [head, "|---" * (len(sizes) + 2) + "|"]
    for label, get, digits in rows_spec:
        values: list[float | str | None] = []
        for r in sizes:
            try:
                values.append(get(r))
            except (KeyError, ZeroDivisionError):
                values.append(None)
        cells = [v if isinstance(v, str) else _fmt(v, "", digits) for v in values]
        nums = [v if isinstance(v, int | float) else None for v in values]
        slope = _slope([r["chars"] for r in sizes], nums)
        rows.append(f"| {label} | " + " | ".join(cells) + f" | {_fmt(slope)} |")
    return "\n".join(rows)


def _export_cell(key: str) -> Getter:
    def get(r: dict[str, Any]) -> float | str | None:
        e = r["export"]
        if e.get("skipped"):
            return (
                f"not run (≈ {e['predicted_mb']:,.0f} MB predicted)" if key == "maxrss_mb" else "—"
            )
        return e[key]

    return get


def _per_char(r: dict[str, Any]) -> float:
    return (r["quads"] - r["ontology_quads"]) / r["chars"]


def _store_ratio(r: dict[str, Any]) -> float:
    return r["bulk"]["load_s"] / r["probe"]["store_s"]


def _throughput_ratio(build: str) -> Getter:
    """Build throughput over jieba's, both over the same characters: jieba's time / the build's."""
    return lambda r: r["jieba"]["tokenize_s"] / r[build]["wall"]


def _slope(xs: list[float], ys: list[float | None]) -> float | None:
    """d log y / d log x between the two largest sizes that have a value (1 = linear)."""
    import math

    pts = [(x, y) for x, y in zip(xs, ys, strict=True) if y is not None and y > 0]
    if len(pts) < 2:
        return None
    (x0, y0), (x1, y1) = pts[-2], pts[-1]
    if x1 == x0:
        return None
    return math.log(y1 / y0) / math.log(x1 / x0)


def plot(results: dict[str, Any], path: Path = PLOT) -> None:
    """Log-log time and memory against corpus size (characters); matplotlib only here."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = sorted(results["sizes"].values(), key=lambda r: r["docs"])
    x = [r["chars"] for r in sizes]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.8))
    series: list[tuple[str, Callable[[dict[str, Any]], float | None]]] = [
        ("build --jobs 1", lambda r: r["build_j1"]["wall"]),
        ("build --jobs 2", lambda r: r["build_j2"]["wall"]),
        ("jieba.lcut (tokenize)", lambda r: r["jieba"]["tokenize_s"]),
        ("store path (project)", lambda r: r["probe"]["store_s"]),
        ("Store.bulk_load", lambda r: r["bulk"]["load_s"]),
        ("export --format nq", lambda r: r["export"].get("wall")),
    ]
    for name in FILTERS:
        label = f"measures {ENGLISH[name]} (cold)"
        series.append((label, lambda r, n=name: r["queries"][n].get("cold_s")))
    for label, get in series:
        pts = [(xi, get(r)) for xi, r in zip(x, sizes, strict=True)]
        pts = [(a, b) for a, b in pts if b]
        if pts:
            ax1.plot(*zip(*pts, strict=True), marker="o", label=label)
    ax1.set(xscale="log", yscale="log", xlabel="corpus characters", ylabel="seconds")
    ax1.set_title("time vs corpus size")
    ax1.grid(True, which="both", alpha=0.3)
    ax1.legend(fontsize=7)
    for label, get in [
        ("build --jobs 1 (max RSS)", lambda r: r["build_j1"]["maxrss_mb"]),
        ("build --jobs 2 (all processes)", lambda r: r["build_j2"]["tree_peak_mb"]),
        ("export --format nq (max RSS)", lambda r: r["export"].get("maxrss_mb")),
    ]:
        pts = [(xi, get(r)) for xi, r in zip(x, sizes, strict=True)]
        pts = [(a, b) for a, b in pts if b]
        ax2.plot(*zip(*pts, strict=True), marker="o", label=label)
    ax2.axhline(1536, color="red", linestyle="--", linewidth=1, label="goal 1.5 GB")
    ax2.set(xscale="log", yscale="log", xlabel="corpus characters", ylabel="MB")
    ax2.set_title("memory vs corpus size")
    ax2.grid(True, which="both", alpha=0.3)
    ax2.legend(fontsize=7)
    for ax in (ax1, ax2):
        for xi, r in zip(x, sizes, strict=True):
            ax.annotate(f"{r['docs']} docs", (xi, ax.get_ylim()[0]), fontsize=6, ha="center")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown",
    )
    mem = int(Path("/proc/meminfo").read_text().split()[1]) / 2**20
    return (
        f"{os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable), {cpu}, {mem:.1f} GiB RAM"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", action="append", default=[], help="comma list, e.g. 1,10,100")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--mean-chars", type=int, default=20_000)
    ap.add_argument("--timeout", type=float, default=300, help="per cold query process, s")
    ap.add_argument("--query-quads", type=int, default=1_000_000, help="0: no ~1M-quad store")
    ap.add_argument("--keep-stores", action="store_true")
    ap.add_argument("--quiet-wait", type=float, default=600, help="max wait for an idle machine")
    ap.add_argument("--report-only", action="store_true", help="tables and plot from results")
    ap.add_argument("--rev", default="HEAD", help="commit to measure (exported with git archive)")
    ap.add_argument("--working-tree", action="store_true", help="measure the tree as it is")
    ap.add_argument(
        "--plot", type=Path, default=PLOT, help=f"where to draw the plot (the page's: {PAGE_PLOT})"
    )
    args = ap.parse_args()
    sizes = [int(s) for group in args.sizes for s in group.split(",") if s]
    QUIET_WAIT[0] = args.quiet_wait
    if args.working_tree:
        args.code = "working tree"
    else:
        src, sha = snapshot(args.rev)
        args.code = f"commit {sha}"
        print(f"measuring commit {sha} from {src}", flush=True)
    results: dict[str, Any] = {"sizes": {}}
    if RESULTS.is_file():
        results = json.loads(RESULTS.read_text())
    key = f"seed{args.seed}-mean{args.mean_chars}"
    if not args.report_only and results.get("corpus") not in (None, f"{key}, {args.code}"):
        results = {"sizes": {}}  # another corpus or other code: start again
    if not args.report_only:
        results["corpus"] = f"{key}, {args.code}"
    results["machine"] = machine()
    for n in sizes if not args.report_only else []:
        results["sizes"][str(n)] = run_size(n, args, results)
        OUT.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    if args.query_quads and not args.report_only and sizes:
        results["query_store"] = run_query_store(args, results)
        RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    if not results["sizes"]:
        raise SystemExit("nothing measured yet: give --sizes")
    print(f"\nmachine: {results['machine']}\n")
    print(goals_table(results))
    print()
    print(growth_table(results))
    args.plot.parent.mkdir(parents=True, exist_ok=True)
    plot(results, args.plot)
    print(f"\nplot: {args.plot}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in MODES:
        print(json.dumps(MODES[sys.argv[1]](*sys.argv[2:]), ensure_ascii=False))
    else:
        main()
