"""``policykg.build``: files into the graph, in worker processes, skipping what has not changed.

A document's graph is stored with a signature of everything that decides it: the file's bytes,
its manifest entry, the vocabularies, and ``GRAPH_VERSION``. A rebuild skips a document whose
signature is unchanged and replaces the named graph of any other, so the store always holds what
this version of policykg makes of the files it was given.

``GRAPH_VERSION`` stands for the code. Bump it in the commit that changes what a build makes of
any file: extraction (``extract/``), the document model, the RDF mapping or the stored records
(``graph/rdf.py``, ``graph/record.py``, the IRIs of ``graph/namespaces.py``). Refactoring,
comments and speed-ups that leave every graph the same do not bump it; when unsure, bump (the
cost is one full rebuild). ``tests/test_graph_version.py`` fails when the bundled plan's graph
changes while the version stays the same.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policykg import DEFAULT_STORE, data_path
from policykg.errors import InputError, PolicyKGError

GRAPH_VERSION = 146
DEFAULT_CORPUS = data_path("corpus")

# called after each document is analysed: its file, how many are done, how many there are
Progress = Callable[[Path, int, int], None]


@dataclass(frozen=True)
class BuiltDocument:
    """A document written to the store, with how much it holds."""

    id: str
    units: int
    divisions: int
    kinds: dict[str, int]
    mentions: dict[str, int]
    title: str | None = None  # the id of a file named in Chinese is a hash: the title says which


@dataclass
class BuildReport:
    """What a build did: documents written, ids skipped as unchanged, files that failed (each
    a ``PolicyKGError`` whose message names the file)."""

    built: list[BuiltDocument] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failures: list[PolicyKGError] = field(default_factory=list)

    @property
    def files(self) -> int:
        """How many files the build was given (each is built, unchanged or failed)."""
        return len(self.built) + len(self.unchanged) + len(self.failures)

    def kinds(self) -> Counter[str]:
        """Units of each kind in the documents built."""
        return sum((Counter(d.kinds) for d in self.built), Counter())

    def mentions(self) -> Counter[str]:
        """Mentions of each entity family in the documents built."""
        return sum((Counter(d.mentions) for d in self.built), Counter())


def build(
    paths: Iterable[str | Path] = (),
    store: str | Path = DEFAULT_STORE,
    *,
    jobs: int | None = None,
    force: bool = False,
    encoding: str | None = None,
    progress: Progress | None = None,
    **options: Any,
) -> BuildReport:
    """Extract files, and the documents below folders (txt, md, html, docx, pdf), into the
    graph at ``store``.

    ``paths`` default to the bundled corpus; ``store`` is a folder (default ``.policykg``) or a
    SPARQL query endpoint, with the server ``options`` of ``policykg.open`` (``update_endpoint``
    is needed to write). ``jobs`` worker processes analyse the files (default: the usable
    cores); ``force`` rebuilds unchanged documents; ``encoding`` forces the files' encoding.
    A file that fails is reported in ``failures`` and the others still land; on the embedded
    store the new graph becomes visible only when the build ends.
    """
    from policykg.extract.batch import analyse_many
    from policykg.extract.pipeline import VOCABULARIES, document_id, iter_files
    from policykg.graph.rdf import document_payload
    from policykg.graph.sink import open_sink
    from policykg.graph.sparql import connect
    from policykg.graph.vocabularies import load_vocabularies

    roots = [Path(p) for p in paths]
    for p in roots:
        if not p.exists():
            raise InputError(str(p), "no such file or folder")
    roots = roots or [DEFAULT_CORPUS]
    files = iter_files(roots)
    if not files:
        raise PolicyKGError(
            f"no documents to build in {', '.join(map(str, roots))} "
            "(.txt, .md, .html, .docx or .pdf)"
        )
    manifest = read_manifests(files)
    vocabularies = load_vocabularies(VOCABULARIES)
    code = code_signature(vocabularies)
    report = BuildReport()
    with open_sink(connect(store, **options)) as sink:
        todo: list[tuple[Path, dict[str, Any], str | None]] = []
        taken: dict[str, Path] = {}
        for path in files:
            meta = dict(manifest.get(path.resolve(), {}))
            doc_id = meta.get("id") or document_id(path)
            if doc_id in taken:  # plan.pdf beside plan.docx: one would silently replace the other
                report.failures.append(
                    InputError(
                        str(path),
                        f"has the document id {doc_id!r} of {taken[doc_id]}; rename one, "
                        "or give each an id in manifest.json",
                    )
                )
                continue
            taken[doc_id] = path
            try:
                sig = signature(path, meta, code)
            except OSError as e:
                report.failures.append(InputError(str(path), e.strerror or str(e)))
                continue
            if not force and sink.signature(doc_id) == sig:
                report.unchanged.append(doc_id)
                continue
            todo.append((path, {**meta, "id": doc_id, "signature": sig}, encoding))
        workers = jobs or usable_cores()
        results = analyse_many(todo, vocabularies, workers, finish=document_payload)
        for done, result in enumerate(results, start=1):
            if progress is not None:
                progress(result.path, done, len(todo))
            if result.error is not None or result.doc_id is None:
                report.failures.append(result.error or InputError(str(result.path), "failed"))
                continue
            sink.write(result.doc_id, *result.payload)
            report.built.append(BuiltDocument(result.doc_id, **result.stats))
    return report


def code_signature(vocabularies: Mapping[str, Sequence[dict[str, Any]]]) -> str:
    """What, besides a file and its manifest entry, decides its graph: ``GRAPH_VERSION`` and
    the vocabularies the components match against."""
    h = hashlib.sha256(f"policykg graph version {GRAPH_VERSION}".encode())
    for name in sorted(vocabularies):
        h.update(name.encode())
        h.update(repr(vocabularies[name]).encode())
    return h.hexdigest()[:16]


def signature(path: Path, meta: Mapping[str, Any], code: str) -> str:
    """The build signature of one file: its bytes, its manifest entry and ``code_signature``.

    The file is hashed as it streams (a 200 MB page costs no memory here)."""
    with path.open("rb") as fh:
        content = hashlib.file_digest(fh, "sha256").hexdigest()
    data = content + code + json.dumps(meta, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()


def read_manifests(files: Iterable[Path]) -> dict[Path, dict[str, Any]]:
    """Metadata from ``manifest.json`` files beside the inputs, keyed by resolved file path."""
    out: dict[Path, dict[str, Any]] = {}
    for folder in sorted({f.resolve().parent for f in files}):
        mf = folder / "manifest.json"
        if not mf.is_file():
            continue
        try:
            entries = json.loads(mf.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise InputError(str(mf), f"not a valid manifest ({e})") from None
        for entry in entries:
            meta = {k: v for k, v in entry.items() if k != "file"}
            out[(folder / entry["file"]).resolve()] = meta
    return out


def usable_cores() -> int:
    """The cores this process may run on (a container's CPU set, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
