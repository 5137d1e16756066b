"""Remote SPARQL servers through the standard protocols: the same graph as the embedded store.

Only the W3C SPARQL 1.1 Protocol (query and update over HTTP POST) and, if asked, the Graph
Store Protocol are used, so Oxigraph server, Fuseki, Virtuoso and GraphDB all work; nothing
here is specific to one server except the opt-in ``union="oxigraph"`` parameter.

Every term sent is written by pyoxigraph (``str(term)``, N-Triples with its escapes), never
formatted by us, so a value cannot change the shape of a query or an update.

The embedded store answers with the default graph as the union of all named graphs. A
remote server's default graph is often its own, empty, default graph, so ``union`` says how
to get the union (see docs/servers.md):

* ``"graphs"`` (default, portable): list the named graphs once and send them as the
  protocol's ``default-graph-uri`` and ``named-graph-uri`` parameters.
* ``"server"``: the server already answers with the union (Oxigraph ``--union-default-graph``,
  Fuseki ``tdb2:unionDefaultGraph``, Virtuoso and GraphDB by default).
* ``"oxigraph"``: Oxigraph's ``union-default-graph`` request parameter.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from typing import Literal as Choice

from pyoxigraph import (
    BlankNode,
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from policykg.errors import QueryError, StoreError
from policykg.graph.namespaces import ONTOLOGY_GRAPH
from policykg.graph.sparql import Term, prologue
from policykg.graph.vocabularies import ONTOLOGY_DIR

UnionMode = Choice["graphs", "server", "oxigraph"]
UNION_MODES: tuple[str, ...] = ("graphs", "server", "oxigraph")
RemoteResult = QuerySolutions | QueryBoolean | list[Triple]

_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "application/n-triples;q=0.8, text/turtle;q=0.7, application/rdf+xml;q=0.5"
)
_RESULT_TYPES = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}

# Tokens a variable may hide in (strings, IRIs, comments) are matched first and kept as they are.
_TOKENS = re.compile(
    r'''(?P<skip>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
    r"""|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>|\#[^\n\r]*)"""
    r"|(?P<var>[?$][\w\u00b7\u0300-\u036f\u203f\u2040]+)"
    r"|(?P<word>(?<![\w:])[A-Za-z][\w-]*)"
    r"|(?P<punct>[(){}])",
    re.DOTALL,
)


def substitute(query: str, bindings: dict[str, Term]) -> str:
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
            raise QueryError(f"?{name} is bound to a blank node, which a remote server cannot see")
    out: list[str] = []
    last = 0
    projection = modifiers = False
    depth = 0
    previous = ""
    for m in _TOKENS.finditer(query):
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


class RemoteBackend:
    """A SPARQL 1.1 Protocol endpoint answering like the embedded store (union default graph)."""

    def __init__(
        self,
        endpoint: str,
        update_endpoint: str | None = None,
        timeout: float = 30,
        union: UnionMode = "graphs",
    ) -> None:
        if union not in UNION_MODES:
            raise StoreError(f"unknown union mode {union!r} (one of {', '.join(UNION_MODES)})")
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint
        self.timeout = timeout
        self.union = union
        self._graphs: list[str] | None = None

    def select(self, query: str, bindings: dict[str, Term]) -> list[dict[str, Term]]:
        result = self.query(substitute(query, bindings))
        if not isinstance(result, QuerySolutions):
            raise QueryError(f"{self.endpoint} did not answer with SELECT results")
        names = [v.value for v in result.variables]
        # a solution iterates its values in variable order: one pass, no lookups by name
        return [{n: v for n, v in zip(names, sol, strict=True) if v is not None} for sol in result]

    def query(self, query: str, *, union: bool = True) -> RemoteResult:
        """Solutions, a boolean or triples; ``union=False`` keeps the query's own dataset."""
        text = _prologue() + query
        url = self.endpoint
        if union and self.union == "graphs":
            graphs = self.graphs()
            if graphs:
                fields = [("query", text)]
                fields += [("default-graph-uri", g) for g in graphs]
                fields += [("named-graph-uri", g) for g in graphs]
                body = urllib.parse.urlencode(fields).encode("ascii")
                ctype, data = _post(url, body, "application/x-www-form-urlencoded", self.timeout)
                return _results(url, ctype, data)
        elif union and self.union == "oxigraph":
            url += ("&" if "?" in url else "?") + "union-default-graph"
        ctype, data = _post(
            url, text.encode("utf-8"), "application/sparql-query; charset=utf-8", self.timeout
        )
        return _results(url, ctype, data)

    def update(self, update: str) -> None:
        if not self.update_endpoint:
            raise StoreError(f"no SPARQL update endpoint given for {self.endpoint}")
        sparql_update(self.update_endpoint, _prologue() + update, self.timeout)

    def graphs(self) -> list[str]:
        """The server's named graphs, asked once: the union the default graph stands for."""
        if self._graphs is None:
            result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", union=False)
            if not isinstance(result, QuerySolutions):
                raise QueryError(f"{self.endpoint} did not answer with SELECT results")
            found = {sol["g"].value for sol in result if isinstance(sol["g"], NamedNode)}
            self._graphs = sorted(found)
        return self._graphs


def stored_signature_remote(backend: RemoteBackend, graph: NamedNode, doc: NamedNode) -> str | None:
    """The build signature ``doc`` was stored with on the server, as ``store.stored_signature``."""
    from policykg.graph.namespaces import PKG

    query = f"SELECT ?sig WHERE {{ GRAPH {graph} {{ {doc} {PKG.signature} ?sig }} }} LIMIT 1"
    result = backend.query(query, union=False)
    if not isinstance(result, QuerySolutions):
        raise QueryError(f"{backend.endpoint} did not answer with SELECT results")
    for sol in result:
        return sol["sig"].value
    return None


def sparql_update(update_endpoint: str, update: str, timeout: float = 30) -> None:
    """Send one SPARQL 1.1 Update request (one transaction on Oxigraph and Fuseki)."""
    _post(
        update_endpoint,
        update.encode("utf-8"),
        "application/sparql-update; charset=utf-8",
        timeout,
        query=False,
    )


def replace_document_remote(
    update_endpoint: str,
    graph: NamedNode,
    quads: Iterable[Quad],
    batch: int = 5000,
    *,
    gsp: str | None = None,
    timeout: float = 30,
) -> None:
    """The remote named graph ``graph`` holds exactly ``quads`` afterwards, as ``replace_graph``.

    With ``gsp`` (a Graph Store Protocol URL, e.g. Oxigraph's ``/store``) one PUT of N-Triples
    replaces the graph atomically. Otherwise ``DROP SILENT GRAPH`` and the first batch of
    ``INSERT DATA`` share one request and later batches follow, so a document of up to
    ``batch`` quads is replaced atomically and a larger one is briefly seen half written.
    Quads with a blank node all go in the last request: a label names one node only within
    a request.
    """
    triples: list[Triple] = []
    for q in quads:
        if q.graph_name != graph:
            raise StoreError(f"quad {q} is not in graph {graph}")
        triples.append(q.triple)
    if gsp:
        body = serialize(triples, format=RdfFormat.N_TRIPLES)
        url = gsp + ("&" if "?" in gsp else "?") + urllib.parse.urlencode({"graph": graph.value})
        _post(url, body, "application/n-triples", timeout, query=False, method="PUT")
        return
    ground = [t for t in triples if not _has_blank(t)]
    blank = [t for t in triples if _has_blank(t)]
    batches = [ground[i : i + batch] for i in range(0, len(ground), batch)]
    if blank:
        batches.append(blank)
    requests = [f"DROP SILENT GRAPH {graph} ;\n"]
    for i, part in enumerate(batches):
        lines = "".join(f"{t} .\n" for t in part)
        text = f"INSERT DATA {{ GRAPH {graph} {{\n{lines}}} }}\n"
        if i == 0:
            requests[0] += text
        else:
            requests.append(text)
    for text in requests:
        sparql_update(update_endpoint, text, timeout)


def load_ontology_remote(
    update_endpoint: str, *, gsp: str | None = None, timeout: float = 30, batch: int = 5000
) -> None:
    """Replace the remote ontology graph with ``ontology/*.ttl``, as ``store.load_ontology``."""
    quads: list[Quad] = []
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        if path.name == "shapes.ttl":
            continue
        for q in parse(path=str(path), format=RdfFormat.TURTLE, rename_blank_nodes=True):
            quads.append(Quad(q.subject, q.predicate, q.object, ONTOLOGY_GRAPH))
    replace_document_remote(update_endpoint, ONTOLOGY_GRAPH, quads, batch, gsp=gsp, timeout=timeout)


def _prologue() -> str:
    """The shared prefixes on one line ending in a space, so error lines still match the user's."""
    return prologue().replace("\n", " ")


def _has_blank(t: Triple) -> bool:
    return isinstance(t.subject, BlankNode) or isinstance(t.object, BlankNode)


def _post(
    url: str,
    body: bytes,
    content_type: str,
    timeout: float,
    *,
    query: bool = True,
    method: str = "POST",
) -> tuple[str, bytes]:
    """The answer's media type and body; every failure becomes one line."""
    headers = {"Content-Type": content_type}
    if query:
        headers["Accept"] = _ACCEPT
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            ctype = response.headers.get_content_type()
            return ctype, response.read()
    except urllib.error.HTTPError as e:
        detail = _first_line(e.read().decode("utf-8", "replace")) or e.reason
        what = "query" if query else "update"
        if e.code == 400:
            raise QueryError(f"SPARQL endpoint {url} rejected the {what}: {detail}") from None
        raise StoreError(
            f"SPARQL endpoint {url} refused the {what} (HTTP {e.code}): {detail}"
        ) from None
    except urllib.error.URLError as e:
        if isinstance(e.reason, TimeoutError):
            raise _timeout(url, timeout, query) from None
        raise StoreError(f"cannot reach SPARQL endpoint {url}: {e.reason}") from None
    except TimeoutError:
        raise _timeout(url, timeout, query) from None
    except OSError as e:
        raise StoreError(f"cannot reach SPARQL endpoint {url}: {e}") from None


def _timeout(url: str, timeout: float, query: bool) -> Exception:
    if query:
        return QueryError(f"query stopped after {timeout:g} s (--timeout)")
    return StoreError(f"SPARQL endpoint {url} did not answer within {timeout:g} s")


def _results(url: str, ctype: str, data: bytes) -> RemoteResult:
    try:
        if ctype in _RESULT_TYPES:
            return parse_query_results(data, _RESULT_TYPES[ctype])
        rdf = RdfFormat.from_media_type(ctype)
        if rdf is not None:
            return [q.triple for q in parse(data, rdf)]
    except (SyntaxError, ValueError) as e:
        raise QueryError(f"unreadable answer from {url} ({ctype}): {_first_line(str(e))}") from None
    raise QueryError(f"unexpected answer type {ctype!r} from {url}")


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0][:300] if lines else ""
