"""Where a build writes: the embedded store (one generation per build) or a SPARQL server.

Both replace a document's named graph as a whole and remember its build signature, so a
rebuild skips unchanged documents and leaves the same quads either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from graph.vocab import doc_iri, graph_iri


class Sink(Protocol):
    def signature(self, doc_id: str) -> str | None: ...
    def write(self, doc_id: str, nquads: bytes) -> None: ...


class _Embedded:
    def __init__(self, store: object) -> None:
        self.store = store

    def signature(self, doc_id: str) -> str | None:
        from graph.store import stored_signature

        return stored_signature(self.store, graph_iri(doc_id), doc_iri(doc_id))  # type: ignore[arg-type]

    def write(self, doc_id: str, nquads: bytes) -> None:
        from pyoxigraph import RdfFormat

        g = graph_iri(doc_id)
        if self.store.contains_named_graph(g):  # type: ignore[attr-defined]
            self.store.remove_graph(g)  # type: ignore[attr-defined]
        self.store.bulk_load(nquads, format=RdfFormat.N_QUADS)  # type: ignore[attr-defined]


class _Remote:
    def __init__(self, endpoint: str, update_endpoint: str, union: str, gsp: str | None) -> None:
        from graph.remote import RemoteBackend

        self.backend = RemoteBackend(endpoint, update_endpoint, union=union)  # type: ignore[arg-type]
        self.update_endpoint = update_endpoint
        self.gsp = gsp

    def signature(self, doc_id: str) -> str | None:
        from graph.remote import stored_signature_remote

        return stored_signature_remote(self.backend, graph_iri(doc_id), doc_iri(doc_id))

    def write(self, doc_id: str, nquads: bytes) -> None:
        from pyoxigraph import RdfFormat, parse

        from graph.remote import replace_document_remote

        quads = parse(nquads, format=RdfFormat.N_QUADS)
        replace_document_remote(self.update_endpoint, graph_iri(doc_id), quads, gsp=self.gsp)


@contextmanager
def open_sink(
    path: Path,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    union: str = "graphs",
    gsp: str | None = None,
) -> Iterator[Sink]:
    """A sink with the vocabularies loaded; for the embedded store the new generation becomes
    current only when the block succeeds."""
    if endpoint or update_endpoint:
        from graph.errors import StoreError
        from graph.remote import load_ontology_remote

        if not (endpoint and update_endpoint):
            raise StoreError("a remote build needs both --endpoint and --update-endpoint")
        load_ontology_remote(update_endpoint, gsp=gsp)
        yield _Remote(endpoint, update_endpoint, union, gsp)
        return
    from graph.store import load_ontology, writing

    with writing(path) as store:
        load_ontology(store)
        yield _Embedded(store)
