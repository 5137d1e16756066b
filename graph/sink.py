"""Where a build writes: the embedded store (one generation per build) or a SPARQL server.

Both replace a document's named graph as a whole and remember its build signature, so a
rebuild skips unchanged documents and leaves the same quads either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from policykg.graph.namespaces import doc_iri, graph_iri


class Sink(Protocol):
    def signature(self, doc_id: str) -> str | None: ...
    def write(self, doc_id: str, ntriples: bytes) -> None: ...


class _Embedded:
    def __init__(self, store: object) -> None:
        self.store = store

    def signature(self, doc_id: str) -> str | None:
        from policykg.graph.store import stored_signature

        return stored_signature(self.store, graph_iri(doc_id), doc_iri(doc_id))  # type: ignore[arg-type]

    def write(self, doc_id: str, ntriples: bytes) -> None:
        from pyoxigraph import RdfFormat

        g = graph_iri(doc_id)
        if self.store.contains_named_graph(g):  # type: ignore[attr-defined]
            self.store.remove_graph(g)  # type: ignore[attr-defined]
        self.store.bulk_load(ntriples, format=RdfFormat.N_TRIPLES, to_graph=g)  # type: ignore[attr-defined]


class _Remote:
    def __init__(self, endpoint: str, update_endpoint: str, union: str, gsp: str | None) -> None:
        from policykg.graph.remote import RemoteBackend

        self.backend = RemoteBackend(endpoint, update_endpoint, union=union)  # type: ignore[arg-type]
        self.update_endpoint = update_endpoint
        self.gsp = gsp

    def signature(self, doc_id: str) -> str | None:
        from policykg.graph.remote import stored_signature_remote

        return stored_signature_remote(self.backend, graph_iri(doc_id), doc_iri(doc_id))

    def write(self, doc_id: str, ntriples: bytes) -> None:
        from pyoxigraph import Quad, RdfFormat, parse

        from policykg.graph.remote import replace_document_remote

        g = graph_iri(doc_id)
        quads = (
            Quad(t.subject, t.predicate, t.object, g)
            for t in parse(ntriples, format=RdfFormat.N_TRIPLES)
        )
        replace_document_remote(self.update_endpoint, g, quads, gsp=self.gsp)


class _Background:
    """Writes in a thread, a few documents behind the caller, so that the next document is
    analysed while this one is stored: pyoxigraph's loaders and HTTP calls release the GIL.

    The queue is short, so a slow store holds back the analysis instead of filling memory;
    a failed write is raised in the caller at its next ``write`` or when the block ends.
    """

    def __init__(self, sink: Sink, depth: int = 2) -> None:
        import queue
        import threading

        self.sink = sink
        self._queue: queue.Queue[tuple[str, bytes] | None] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._cancelled = False
        # started at the first write, after any worker processes have been forked
        self._thread = threading.Thread(target=self._run, name="policykg-writer", daemon=True)

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is None and not self._cancelled:  # else drain without writing
                try:
                    self.sink.write(*item)
                except BaseException as e:  # raised again in the caller's thread
                    self._error = e

    def signature(self, doc_id: str) -> str | None:
        return self.sink.signature(doc_id)

    def write(self, doc_id: str, ntriples: bytes) -> None:
        self.check()
        if self._thread.ident is None:
            self._thread.start()
        self._queue.put((doc_id, ntriples))

    def stop(self, cancel: bool = False) -> None:
        """Let the thread finish the queued writes (or drop them, with ``cancel``)."""
        self._cancelled = self._cancelled or cancel
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()

    def check(self) -> None:
        """Raise the failed write's error (once failed, the writer writes nothing more)."""
        if self._error is not None:
            raise self._error


@contextmanager
def _in_background(sink: Sink) -> Iterator[Sink]:
    writer = _Background(sink)
    try:
        yield writer
    except BaseException:
        writer.stop(cancel=True)
        raise
    writer.stop()
    writer.check()


@contextmanager
def open_sink(
    path: Path,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    union: str = "graphs",
    gsp: str | None = None,
) -> Iterator[Sink]:
    """A sink with the vocabularies loaded, writing in the background; for the embedded store
    the new generation becomes current only when the block and every write succeed."""
    if endpoint or update_endpoint:
        from policykg.errors import StoreError
        from policykg.graph.remote import load_ontology_remote

        if not (endpoint and update_endpoint):
            raise StoreError("a remote build needs both --endpoint and --update-endpoint")
        load_ontology_remote(update_endpoint, gsp=gsp)
        with _in_background(_Remote(endpoint, update_endpoint, union, gsp)) as sink:
            yield sink
        return
    from policykg.graph.store import load_ontology, writing

    with writing(path) as store:
        load_ontology(store)
        with _in_background(_Embedded(store)) as sink:
            yield sink
