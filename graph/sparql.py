"""SPARQL the same way everywhere: one protocol for the embedded store and remote servers, and
the stored queries of ``graph/queries`` run with bound values, never formatted text.

A backend answers queries over the union of its named graphs with the prefixes of
``graph.namespaces`` declared, lists and reads its graphs, and writes through a ``Writer`` that
replaces one named graph at a time. ``graph.store.EmbeddedStore`` and
``graph.remote.RemoteBackend`` are the two; ``connect`` is the one place that picks between them,
so export, the writer, user queries and every query command work on either without asking which.

Values from users reach SPARQL only as RDF terms: pyoxigraph ``substitutions`` (SEP-0007) in the
embedded store; for a server, which cannot take substitutions, each bound variable is replaced
by the term's own N-Triples form, written (and escaped) by pyoxigraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple, Protocol, TypeVar

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, Triple

from policykg import data_path
from policykg.errors import QueryError
from policykg.graph.namespaces import PREFIXES

QUERY_DIR = data_path("graph", "queries")
Term = NamedNode | Literal | BlankNode
T = TypeVar("T")
# what a query gives: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE)
Answer = QuerySolutions | QueryBoolean | Iterable[Triple]


class Texts(NamedTuple):
    """What a writer that keeps a full-text index takes of a document: (unit id, text) of its
    units, and (division id, title) of its headings."""

    units: Sequence[tuple[str, str]]
    headings: Sequence[tuple[str, str]] = ()


class Writer(Protocol):
    """Writes to a backend; the embedded store keeps them apart until the build succeeds."""

    def signature(self, doc_id: str) -> str | None:
        """The build signature document ``doc_id`` was stored with, if it is stored."""
        ...

    def replace_graph(self, graph: NamedNode, ntriples: bytes, texts: Texts | None = None) -> None:
        """The named graph ``graph`` holds exactly these N-Triples afterwards. ``texts`` spare
        a writer that keeps a full-text index reading them back from the graph."""
        ...

    def load_ontology(self) -> None:
        """Replace the ontology graph with the vocabularies of ``ontology/``."""
        ...

    def update(self, update: str) -> None:
        """Run a SPARQL 1.1 Update (``SyntaxError`` if it does not parse)."""
        ...


class Backend(Protocol):
    """A graph to read: the default graph is the union of the named graphs."""

    def query(self, query: str, bindings: Mapping[str, Term] | None = None) -> Answer:
        """Any query form with ``bindings`` substituted; the union default graph unless the
        query names its own dataset (``FROM``). ``SyntaxError`` if it does not parse."""
        ...

    def graphs(self) -> list[NamedNode]:
        """The named graphs, sorted by IRI."""
        ...

    def triples(self, graph: NamedNode) -> Iterable[Triple]:
        """Every triple of one named graph."""
        ...

    def ntriples(self, graph: NamedNode) -> bytes:
        """Every triple of one named graph as N-Triples, a line each, in no order: what an
        export sorts, without making a Python object of every term."""
        ...

    def writing(self) -> AbstractContextManager[Writer]:
        """A writer; for the embedded store its writes land together when the block ends."""
        ...

    def snapshot(self) -> AbstractContextManager[None]:
        """Reads inside the block see one state of the store, even if a build lands meanwhile
        (a listing read in many queries is then never half old, half new)."""
        ...


def connect(
    where: str | Path,
    *,
    update_endpoint: str | None = None,
    gsp: str | None = None,
    union: str = "graphs",
    timeout: float = 30,
    batch: int = 5000,
) -> Backend:
    """The backend at ``where``: an ``http(s)://`` SPARQL query endpoint, else a store folder.

    The other options are for servers: where updates and Graph Store Protocol PUTs go, how
    the union of the named graphs is asked for, and how many triples an update may carry (see
    docs/servers.md).
    """
    text = str(where)
    if text.startswith(("http://", "https://")):
        from policykg.graph.remote import RemoteBackend

        return RemoteBackend(text, update_endpoint, timeout, union, gsp, batch)  # type: ignore[arg-type]
    from policykg.graph.store import EmbeddedStore

    return EmbeddedStore(Path(where))


# Tokens a variable may hide in (strings, IRIs, comments) are matched first and kept as they are.
TOKENS = re.compile(
    r'''(?P<skip>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
    r"""|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>|\#[^\n\r]*)"""
    r"|(?P<var>[?$][\w\u00b7\u0300-\u036f\u203f\u2040]+)"
    r"|(?P<word>(?<![\w:])[A-Za-z][\w-]*)"
    r"|(?P<punct>[(){}])",
    re.DOTALL,
)


def substitute(query: str, bindings: Mapping[str, Term]) -> str:
    """``query`` with each bound variable replaced by its term, as pyoxigraph's substitutions.

    The protocol has no substitutions, and a trailing ``VALUES`` block would join after the
    evaluation, too late for ``FILTER (?flag)`` in a ``UNION`` branch or an ``OPTIONAL`` on a
    bound subject. So the term takes the variable's place: ``(term AS ?var)`` in the
    projection (the column stays, as pyoxigraph keeps it), ``(term)`` after ``GROUP BY`` and
    ``ORDER BY``. ``SELECT *`` does not list bound variables; an ``AS ?var`` target is kept.
    """
    if not bindings:
        return query
    for name, term in bindings.items():
        if isinstance(term, BlankNode):
            raise QueryError(f"?{name} is bound to a blank node, which a query cannot name")
    out: list[str] = []
    last = 0
    projection = modifiers = False
    depth = 0
    previous = ""
    for m in TOKENS.finditer(query):
        kind, text = m.lastgroup, m.group()
        if kind == "word":
            word = text.upper()
            if word == "SELECT":
                projection, depth = True, 0
            elif word in ("WHERE", "FROM"):
                projection = False
            elif word == "BY":
                modifiers = True
        elif kind == "punct":
            if text in "{}":
                projection = modifiers = False
            elif projection:
                depth += 1 if text == "(" else -1
        elif kind == "var" and text[1:] in bindings:
            term = str(bindings[text[1:]])
            if previous == "AS":
                replacement = text
            elif projection and depth == 0:
                replacement = f"({term} AS ?{text[1:]})"
            elif modifiers:
                replacement = f"({term})"
            else:
                replacement = term
            out.append(query[last : m.start()])
            out.append(replacement)
            last = m.end()
        if kind != "skip":
            previous = text.upper()
    out.append(query[last:])
    return "".join(out)


@cache
def load_query(name: str) -> str:
    return (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")


def prologue() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in sorted(PREFIXES.items()))


def select(
    backend: Backend, query: str, bindings: Mapping[str, Term] | None = None
) -> list[dict[str, Term]]:
    """The solutions of a SELECT as dicts of the bound variables."""
    result = backend.query(query, bindings)
    if not isinstance(result, QuerySolutions):
        raise QueryError(f"expected SELECT results from {backend}")
    return solutions(result)


def solutions(result: QuerySolutions) -> list[dict[str, Term]]:
    """Each solution as a dict of its bound variables."""
    names = [v.value for v in result.variables]
    # a solution iterates its values in variable order: one pass, no lookups by name
    return [{n: v for n, v in zip(names, sol, strict=True) if v is not None} for sol in result]


def values(
    backend: Backend,
    query: str,
    names: tuple[str, ...],
    bindings: Mapping[str, Term] | None = None,
) -> list[tuple[Term, ...]]:
    """The solutions of a SELECT as tuples of the variables ``names``, in that order, each
    bound in every solution: for a loop over many rows, where a dict a row cost as much as
    reading the row (12 ms for the 978 records of 镉 at 100 documents)."""
    result = backend.query(query, bindings)
    if not isinstance(result, QuerySolutions):
        raise QueryError(f"expected SELECT results from {backend}")
    have = [v.value for v in result.variables]
    if have == list(names):
        return [tuple(sol) for sol in result]
    at = [have.index(n) for n in names]
    return [tuple(row[i] for i in at) for row in map(tuple, result)]


def with_values(query: str, var: str, terms: Iterable[Term]) -> str:
    """``query`` with a ``VALUES ?var { … }`` block opening its WHERE group: ``?var`` takes each
    term in turn. The terms are written as N-Triples terms (IRIs and literals pyoxigraph has
    validated), as ``substitute`` writes bound values, never as text pasted from a user."""
    seen_where = False
    for m in TOKENS.finditer(query):  # comments and strings are skipped as tokens
        if m.lastgroup == "word" and m.group().upper() == "WHERE":
            seen_where = True
        elif seen_where and m.group() == "{":
            values = " ".join(str(t) for t in terms)
            return f"{query[: m.end()]}\n  VALUES ?{var} {{ {values} }}{query[m.end() :]}"
    raise QueryError("the query has no WHERE group to list values in")


def run(backend: Backend, name: str, **bindings: Term) -> list[dict[str, Any]]:
    """Rows of the stored query ``name`` with ``bindings`` substituted."""
    return select(backend, load_query(name), bindings)


def text(term: Any) -> str | None:
    return None if term is None else term.value


def number(term: Any) -> int | float | None:
    if term is None:
        return None
    v = float(term.value)
    return int(v) if v.is_integer() and "." not in term.value else v


class Tracing:
    """Wraps a backend and keeps every query it runs with its bound values, to show them."""

    def __init__(self, inner: Backend) -> None:
        self.inner = inner
        self.log: list[tuple[str, dict[str, Term]]] = []

    @property
    def text_index(self) -> Any:
        """The inner backend's full-text index, opened only when a query needs it."""
        return getattr(self.inner, "text_index", None)

    @property
    def generation(self) -> Any:
        """The inner backend's state, when it has one (``EmbeddedStore.generation``)."""
        return getattr(self.inner, "generation", None)

    def query(self, query: str, bindings: Mapping[str, Term] | None = None) -> Answer:
        self.log.append((query, dict(bindings or {})))
        return self.inner.query(query, bindings)

    def graphs(self) -> list[NamedNode]:
        return self.inner.graphs()

    def triples(self, graph: NamedNode) -> Iterable[Triple]:
        return self.inner.triples(graph)

    def ntriples(self, graph: NamedNode) -> bytes:
        return self.inner.ntriples(graph)

    def writing(self) -> AbstractContextManager[Writer]:
        return self.inner.writing()

    def snapshot(self) -> AbstractContextManager[None]:
        return self.inner.snapshot()

    def __str__(self) -> str:
        return str(self.inner)

    def render(self) -> str:
        """The queries with their bindings as comments: values are shown, never spliced in."""
        out = []
        for query, bindings in self.log:
            head = "".join(f"# ?{k} = {v}\n" for k, v in sorted(bindings.items()))
            out.append(head + query.strip())
        return "\n\n".join(out)


# what was derived from the last store generations read, by (what, generation): a generation
# never changes once current, so a notebook's calls after the first skip the queries
_MEMO: dict[tuple[str, Any], Any] = {}
_MEMO_SIZE = 8  # a few stores open at once, each with a few things kept


def remembered(backend: Backend, what: str, compute: Callable[[], T], traced: bool = True) -> T:
    """``compute()`` once per store generation (every time for a backend without one, a
    remote endpoint). With ``traced=False`` a ``Tracing`` backend computes it again, so that
    the SPARQL an answer shows holds the query its rows came from."""
    generation = getattr(backend, "generation", None)
    if generation is None or (not traced and isinstance(backend, Tracing)):
        return compute()
    key = (what, generation)
    if key not in _MEMO:
        if len(_MEMO) >= _MEMO_SIZE:
            del _MEMO[next(iter(_MEMO))]
        _MEMO[key] = compute()
    return _MEMO[key]
