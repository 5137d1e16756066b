"""The embedded store: pyoxigraph on disk, written in generations so readers never see a half build.

pyoxigraph may not be opened read-only while another process writes the same database, so a
build never writes to the generation readers use. It copies the current generation (a RocksDB
checkpoint, cheap), writes the copy, and then swaps the ``current`` link atomically. A build
killed at any moment leaves ``current`` pointing at the previous, whole generation.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, Store

from policykg.errors import StoreError
from policykg.graph.namespaces import ONTOLOGY_GRAPH
from policykg.graph.vocabularies import ONTOLOGY_DIR

_GEN = re.compile(r"^gen-(\d{6})$")
DEFAULT_STORE = Path(".policykg")


def _generations(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if _GEN.match(p.name) and p.is_dir())


def current_generation(root: Path) -> Path | None:
    link = root / "current"
    if not link.is_symlink() and not link.exists():
        return None
    target = root / os.readlink(link)
    return target if target.is_dir() else None


def open_read_only(root: Path) -> Store:
    """The current generation, read-only: any number of readers, also while a build runs."""
    gen = current_generation(root)
    if gen is None:
        raise StoreError(f"no policykg store at {root} (run `policykg build --store {root}` first)")
    try:
        return Store.read_only(str(gen))
    except OSError as e:
        raise StoreError(f"cannot open the store at {root}: {e}") from None


class _Handle:
    """The build's only way to the writable store, so that the store can be closed for sure.

    pyoxigraph closes a store when its last reference goes; a caller's variable would keep it
    open (and RocksDB compacting) while readers already open the new generation.
    """

    def __init__(self, store: Store) -> None:
        self._store: Store | None = store

    def __getattr__(self, name: str) -> object:
        if self._store is None:
            raise StoreError("the build is over: this store handle is closed")
        return getattr(self._store, name)

    def close(self) -> None:
        if self._store is not None:
            self._store.flush()
            # a bulk load per document leaves many small overlapping files: compacted once
            # here, scans run 3-5x faster (100 documents: export 53 s -> 17 s, cold filter
            # queries 0.6 s -> 0.3 s) for ~2 s of build time
            self._store.optimize()
            self._store = None


@contextmanager
def writing(root: Path) -> Iterator[Store]:
    """A writable copy of the current generation; it becomes current when the block succeeds."""
    if root.exists() and not root.is_dir():
        raise StoreError(f"{root} is a file, not a store folder")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"cannot create the store folder {root}: {e.strerror or e}") from None
    if any(root.iterdir()) and current_generation(root) is None and not (root / ".lock").exists():
        raise StoreError(f"{root} exists and is not a policykg store")
    lock = open(root / ".lock", "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        raise StoreError(f"another build is writing to {root}") from None
    try:
        old = current_generation(root)
        gens = _generations(root)
        number = int(_GEN.match(gens[-1].name).group(1)) + 1 if gens else 1  # type: ignore[union-attr]
        new = root / f"gen-{number:06d}"
        shutil.rmtree(new, ignore_errors=True)
        if old is not None:
            Store.read_only(str(old)).backup(str(new))
        handle = _Handle(Store(str(new)))
        try:
            yield handle  # type: ignore[misc]
            handle.close()
        except BaseException:
            handle._store = None
            shutil.rmtree(new, ignore_errors=True)
            raise
        tmp = root / "current.tmp"
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        tmp.symlink_to(new.name)
        os.replace(tmp, root / "current")
        # keep the previous generation for readers that still have it open; drop older ones
        for gen in _generations(root):
            if gen not in (new, old):
                shutil.rmtree(gen, ignore_errors=True)
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()


def load_ontology(store: Store) -> None:
    """Replace the ontology graph with every Turtle file of ``ontology/``."""
    store.remove_graph(ONTOLOGY_GRAPH) if store.contains_named_graph(ONTOLOGY_GRAPH) else None
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        if path.name == "shapes.ttl":
            continue
        with path.open("rb") as fh:
            store.bulk_load(fh, format=RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)


def replace_graph(store: Store, graph: NamedNode, quads: Iterable[Quad]) -> None:
    """The named graph ``graph`` holds exactly ``quads`` afterwards."""
    if store.contains_named_graph(graph):
        store.remove_graph(graph)
    store.bulk_extend(quads)


def stored_signature(store: Store, graph: NamedNode, doc: NamedNode) -> str | None:
    """The build signature a document was stored with (text, code and vocabularies)."""
    from policykg.graph.namespaces import PKG

    for quad in store.quads_for_pattern(doc, PKG.signature, None, graph):
        return quad.object.value
    return None
