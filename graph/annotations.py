"""The W3C Web Annotation of mentions, made on demand from the compact form the store keeps.

A mention is stored in a handful of quads (``pkg:denotes``, ``pkg:inUnit``, ``pkg:start``,
``pkg:end``, ``pkg:surface``): stored as a full annotation it took three times as many, and
writing them was most of a build. Tools that speak Web Annotation get the standard shape from
``graph/queries/web_annotations.rq``, one CONSTRUCT that ``export --annotations oa`` runs on each
document graph and that docs/queries.md prints for anyone with a SPARQL endpoint.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import DefaultGraph, Quad, RdfFormat, Store, Triple

from policykg.graph.namespaces import PKG, PREFIXES
from policykg.graph.sparql import load_query

ANNOTATION_FORMATS = ("oa",)
# what the CONSTRUCT reads: a document graph's other triples need not be copied
_READ = frozenset((PKG.denotes, PKG.inUnit, PKG.start, PKG.end, PKG.surface, PKG.partOf))


def web_annotations(triples: Iterable[Triple] | bytes) -> list[Triple]:
    """The Web Annotation triples of the mentions among ``triples`` (one document's graph, as
    terms or as N-Triples).

    The query runs on an in-memory store, so it works the same on the triples of an embedded
    store and on those fetched from a server.
    """
    scratch = Store()
    if isinstance(triples, bytes):  # as the store writes them: read natively, whole
        scratch.load(triples, format=RdfFormat.N_TRIPLES)
    else:  # only what the query reads
        scratch.extend(
            Quad(t.subject, t.predicate, t.object, DefaultGraph())
            for t in triples
            if t.predicate in _READ
        )
    return list(scratch.query(load_query("web_annotations"), prefixes=PREFIXES))  # type: ignore[arg-type]
