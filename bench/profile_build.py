"""Where one build spends its time: py-spy samples of a real ``policykg build`` process.

Why py-spy rather than cProfile or pyinstrument: both of those hook every Python call, and
spaCy creates a Cython ``Token`` per token visited, so under pyinstrument a 7 s build took
17 s, with 40% of the samples in detached Cython frames that could not be charged to anyone.
py-spy samples from outside at 200 Hz with no overhead; time spent in Cython or Rust (spaCy's
``Doc``, pyoxigraph) is charged to the Python frame that called it, which is what we want.

Each sample goes to one cost centre: the innermost frame of its stack that has one (jieba
inside spaCy's tokenizer counts as jieba, the rest of the tokenizer as spaCy Doc creation),
except that set-up (imports, pipeline and vocabulary loading) keeps everything below it. The
build runs ``--jobs 1``: analysis in the main thread, store writes in the writer thread; both
threads are sampled while on the CPU, so the centres add up to the process's CPU time (more
than its wall time when the two overlap).

    .venv/bin/pip install py-spy   # bench only, not a project dependency
    .venv/bin/python bench/profile_build.py --docs 10
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from policykg.extract.model import FAMILIES

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

RATE = 200
COMPONENTS = tuple(FAMILIES.values())  # the pipeline's components, one per family
# (file fragment, function or None for any, cost centre)
SETUP: list[tuple[str, str | None, str]] = [
    ("importlib", "_find_and_load", "set-up: imports"),
    ("extract/pipeline.py", "make_nlp", "set-up: spaCy pipeline, jieba dictionary, matchers"),
    ("graph/vocabularies.py", "load_terms", "set-up: vocabularies from ontology/*.ttl"),
    ("graph/store.py", "load_ontology", "set-up: ontology into the store"),
    ("builder.py", "code_signature", "set-up: code and vocabulary signature"),
]
RULES: list[tuple[str, str | None, str]] = [
    ("jieba/", None, "jieba segmentation"),
    ("extract/tokenizer.py", "segment", "jieba segmentation"),
    ("extract/tokenizer.py", None, "spaCy tokenizer: Doc creation (jieba excluded)"),
    *[(f"extract/{c}.py", "__call__", f"component: {c}") for c in COMPONENTS],
    ("spacy/", None, "spaCy pipeline overhead (Language.pipe)"),
    ("pydantic", None, "pydantic models (validation, copies)"),
    ("extract/layout.py", "repair", "layout repair"),
    ("extract/structure.py", "build_tree", "structure (tree, sentences)"),
    ("extract/metadata.py", "extract_metadata", "document metadata"),
    ("extract/decoding.py", "read_text", "reading files"),
    ("extract/pipeline.py", "_with_mentions", "mentions back to source offsets"),
    ("graph/rdf.py", "document_ntriples", "RDF: document_ntriples (terms, N-Triples)"),
    ("graph/store.py", "replace_graph", "store: bulk_load per document (writer thread)"),
    ("graph/textindex.py", None, "store: full-text index of unit texts (writer thread)"),
    ("threading.py", "wait", "writer thread idle, waiting for the next document (not CPU)"),
    ("graph/store.py", "writing", "store: open, flush, swap"),
    ("graph/store.py", "signature", "store: signature look-ups"),
]
_FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*?)(?::\d+)?\)$")


def _match(function: str, file: str, rules: list[tuple[str, str | None, str]]) -> str | None:
    for fragment, wanted, centre in rules:
        if fragment in file and (wanted is None or function.split(".")[-1] == wanted):
            return centre
    return None


def centre_of(stack: list[str]) -> str:
    """The cost centre of one sampled stack, root first."""
    if not stack:
        return "interpreter start-up and exit"
    centre = "other (click, cli.py, Python)"
    for frame in stack:
        m = _FRAME.match(frame)
        function, file = (m.group("function"), m.group("file")) if m else (frame, "")
        setup = _match(function, file, SETUP)
        if setup:
            return setup
        centre = _match(function, file, RULES) or centre
    return centre


def attribute(raw: str) -> Counter[str]:
    """Samples per cost centre from py-spy's ``--format raw`` (collapsed stacks and counts)."""
    out: Counter[str] = Counter()
    for line in raw.splitlines():
        stacks, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = [f for f in stacks.strip().split(";") if f]
        out[centre_of(frames)] += int(count)
    return out


def profile(folder: Path, raw_out: Path) -> Counter[str]:
    """Run ``policykg build folder --jobs 1`` on a fresh store under py-spy."""
    spy = Path(sys.executable).parent / "py-spy"
    policykg = Path(sys.executable).parent / "policykg"
    store = Path(tempfile.mkdtemp(prefix="policykg-profile-"))
    try:
        subprocess.run(
            [str(spy), "record", "-r", str(RATE), "-f", "raw", "-o", str(raw_out), "--",
             str(policykg), "build", str(folder), "--store", str(store / "kg"), "--jobs", "1"],
            check=True, capture_output=True, cwd=ROOT,
        )  # fmt: skip
    finally:
        shutil.rmtree(store, ignore_errors=True)
    return attribute(raw_out.read_text(encoding="utf-8"))


def main() -> None:
    from corpus import DEFAULT_OUT, MEAN_CHARS, generate

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=10)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--raw", type=Path, default=BENCH / "out" / "profile.raw")
    args = ap.parse_args()
    folder, chars = generate(args.docs, args.seed, DEFAULT_OUT, MEAN_CHARS)
    args.raw.parent.mkdir(parents=True, exist_ok=True)
    samples = profile(folder, args.raw)
    total = sum(samples.values())
    print(f"`policykg build` of {args.docs} documents, {chars:,} characters: ", end="")
    print(f"{total} samples at {RATE} Hz = {total / RATE:.2f} CPU-s\n")
    print("| cost centre | s | share |")
    print("| --- | --- | --- |")
    for centre, n in samples.most_common():
        print(f"| {centre} | {n / RATE:.2f} | {n / total:.0%} |")
    print(f"\ncollapsed stacks (flamegraph.pl or speedscope input): {args.raw}")


if __name__ == "__main__":
    main()
