"""How a build writes: through a backend's writer, in a thread a few documents behind.

Whatever the backend (embedded store or server), a document's named graph is replaced as a
whole and keeps its build signature, so a rebuild skips unchanged documents and leaves the
same quads either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from policykg.graph.namespaces import graph_iri
from policykg.graph.sparql import Backend, Texts, Writer


class Sink(Protocol):
    def signature(self, doc_id: str) -> str | None: ...
    def write(self, doc_id: str, ntriples: bytes, texts: Texts | None = None) -> None: ...


class _Background:
    """Writes in a thread, a few documents behind the caller, so that the next document is
    analysed while this one is stored: pyoxigraph's loaders and HTTP calls release the GIL.

    The queue is short, so a slow store holds back the analysis instead of filling memory;
    a failed write is raised in the caller at its next ``write`` or when the block ends.
    """

    def __init__(self, writer: Writer, depth: int = 2) -> None:
        import queue
        import threading

        self.writer = writer
        self._queue: queue.Queue[tuple[str, bytes, Texts | None] | None] = queue.Queue(
            maxsize=depth
        )
        self._error: BaseException | None = None
        self._cancelled = False
        # started at the first write, after any worker processes have been forked
        self._thread = threading.Thread(target=self._run, name="policykg-writer", daemon=True)

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is None and not self._cancelled:  # else drain without writing
                doc_id, ntriples, texts = item
                try:
                    self.writer.replace_graph(graph_iri(doc_id), ntriples, texts)
                except BaseException as e:  # raised again in the caller's thread
                    self._error = e

    def signature(self, doc_id: str) -> str | None:
        return self.writer.signature(doc_id)

    def write(self, doc_id: str, ntriples: bytes, texts: Texts | None = None) -> None:
        self.check()
        if self._thread.ident is None:
            self._thread.start()
        self._queue.put((doc_id, ntriples, texts))

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
def open_sink(backend: Backend) -> Iterator[Sink]:
    """A sink with the vocabularies loaded, writing in the background; for the embedded store
    the new generation becomes current only when the block and every write succeed."""
    with backend.writing() as writer:
        writer.load_ontology()
        sink = _Background(writer)
        try:
            yield sink
        except BaseException:
            sink.stop(cancel=True)
            raise
        sink.stop()
        sink.check()
