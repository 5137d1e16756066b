"""Running the stored queries of ``graph/queries`` with bound values, never formatted text.

Values from users reach SPARQL only as RDF terms in pyoxigraph ``substitutions`` (SEP-0007);
for a remote endpoint, which cannot take substitutions, they become a ``VALUES`` block written
from the terms' own N-Triples serialisation, which pyoxigraph escapes.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Protocol

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions, Store, Variable

from policykg import data_path
from policykg.graph.namespaces import PREFIXES

QUERY_DIR = data_path("graph", "queries")
Term = NamedNode | Literal | BlankNode


@cache
def load_query(name: str) -> str:
    return (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")


def prologue() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in sorted(PREFIXES.items()))


class Backend(Protocol):
    def select(self, query: str, bindings: dict[str, Term]) -> list[dict[str, Any]]: ...


class EmbeddedBackend:
    """A pyoxigraph store; the default graph is the union of all document graphs."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def select(self, query: str, bindings: dict[str, Term]) -> list[dict[str, Any]]:
        result = self.store.query(
            query,
            prefixes=PREFIXES,
            substitutions={Variable(k): v for k, v in bindings.items()},
            use_default_graph_as_union=True,
        )
        assert isinstance(result, QuerySolutions)
        names = [v.value for v in result.variables]
        # a solution iterates its values in variable order: one pass, no lookups by name
        return [{n: v for n, v in zip(names, sol, strict=True) if v is not None} for sol in result]


def values_block(bindings: dict[str, Term]) -> str:
    """``VALUES (?a ?b) { (t1 t2) }`` from terms serialised by pyoxigraph (escaped there)."""
    if not bindings:
        return ""
    names = sorted(bindings)
    head = " ".join(f"?{n}" for n in names)
    row = " ".join(str(bindings[n]) for n in names)
    return f"VALUES ({head}) {{ ({row}) }}\n"


def run(backend: Backend, name: str, **bindings: Term) -> list[dict[str, Any]]:
    """Rows of the stored query ``name`` with ``bindings`` substituted."""
    return backend.select(load_query(name), bindings)


def text(term: Any) -> str | None:
    return None if term is None else term.value


def number(term: Any) -> int | float | None:
    if term is None:
        return None
    v = float(term.value)
    return int(v) if v.is_integer() and "." not in term.value else v


class Tracing:
    """Wraps a backend and keeps every query it runs with its bound values (for --show-sparql)."""

    def __init__(self, inner: Backend) -> None:
        self.inner = inner
        self.log: list[tuple[str, dict[str, Term]]] = []

    def select(self, query: str, bindings: dict[str, Term]) -> list[dict[str, Any]]:
        self.log.append((query, dict(bindings)))
        return self.inner.select(query, bindings)

    def render(self) -> str:
        """The queries with their bindings as comments: values are shown, never spliced in."""
        out = []
        for query, bindings in self.log:
            head = "".join(f"# ?{k} = {v}\n" for k, v in sorted(bindings.items()))
            out.append(head + query.strip())
        return "\n\n".join(out)
