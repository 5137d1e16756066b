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

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Literal as Choice

from pyoxigraph import (
    BlankNode,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Triple,
    parse,
    parse_query_results,
    serialize,
)

from policykg.errors import QueryError, QueryTimeout, StoreError
from policykg.graph.namespaces import ONTOLOGY_GRAPH, doc_iri, graph_iri
from policykg.graph.sparql import TOKENS, Term, Texts, prologue, substitute
from policykg.graph.vocabularies import ontology_files

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


class RemoteBackend:
    """A SPARQL 1.1 Protocol endpoint answering like the embedded store (union default graph):
    a ``graph.sparql.Backend``. Writes need ``update_endpoint`` (and use ``gsp`` if given)."""

    def __init__(
        self,
        endpoint: str,
        update_endpoint: str | None = None,
        timeout: float = 30,
        union: UnionMode = "graphs",
        gsp: str | None = None,
        batch: int = 5000,
    ) -> None:
        if union not in UNION_MODES:
            raise StoreError(f"unknown union mode {union!r} (one of {', '.join(UNION_MODES)})")
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint
        self.timeout = timeout
        self.union = union
        self.gsp = gsp
        self.batch = batch
        self._graphs: list[NamedNode] | None = None

    def __str__(self) -> str:
        return self.endpoint

    def query(self, query: str, bindings: Mapping[str, Term] | None = None) -> RemoteResult:
        text = substitute(query, dict(bindings or {}))
        return self._send(text, union=not _names_dataset(text))

    def graphs(self) -> list[NamedNode]:
        """The server's named graphs, asked once (and again after this backend writes): the
        union the default graph stands for. Open the server again to see other writers' graphs."""
        if self._graphs is None:
            result = self._send("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", union=False)
            if not isinstance(result, QuerySolutions):
                raise QueryError(f"{self.endpoint} did not answer with SELECT results")
            found = {sol["g"] for sol in result if isinstance(sol["g"], NamedNode)}
            self._graphs = sorted(found, key=lambda g: g.value)
        return self._graphs

    def triples(self, graph: NamedNode) -> list[Triple]:
        query = substitute("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph})
        result = self._send(query, union=False)
        if not isinstance(result, list):
            raise QueryError(f"{self.endpoint} did not answer with triples")
        return result

    def ntriples(self, graph: NamedNode) -> bytes:
        return serialize(self.triples(graph), format=RdfFormat.N_TRIPLES) or b""

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """The SPARQL protocol has no read transaction: a server's reads follow its writes."""
        yield

    @contextmanager
    def writing(self) -> Iterator[RemoteWriter]:
        if not self.update_endpoint:
            raise StoreError(f"no SPARQL update endpoint given for {self.endpoint}")
        try:
            yield RemoteWriter(self, self.update_endpoint)
        finally:
            self._graphs = None

    def _send(self, query: str, *, union: bool = True) -> RemoteResult:
        """Solutions, a boolean or triples; ``union=False`` keeps the query's own dataset."""
        text = _prologue() + query
        url = self.endpoint
        if union and self.union == "graphs":
            graphs = [g.value for g in self.graphs()]
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


class RemoteWriter:
    """Writes to a server: a ``graph.sparql.Writer``. Each call is its own request(s); there is
    no transaction across documents, but a document is replaced as a whole (see replace_graph)."""

    def __init__(self, backend: RemoteBackend, update_endpoint: str) -> None:
        self.backend = backend
        self.update_endpoint = update_endpoint

    def signature(self, doc_id: str) -> str | None:
        query = substitute(
            "SELECT ?sig WHERE { GRAPH ?g { ?doc pkg:signature ?sig } } LIMIT 1",
            {"g": graph_iri(doc_id), "doc": doc_iri(doc_id)},
        )
        result = self.backend._send(query, union=False)
        if not isinstance(result, QuerySolutions):
            raise QueryError(f"{self.backend.endpoint} did not answer with SELECT results")
        for sol in result:
            return sol["sig"].value
        return None

    def replace_graph(self, graph: NamedNode, ntriples: bytes, texts: Texts | None = None) -> None:
        """With a Graph Store Protocol URL (``gsp``, e.g. Oxigraph's ``/store``) one PUT of the
        N-Triples replaces the graph atomically. Otherwise ``DROP SILENT GRAPH`` and the first
        batch of ``INSERT DATA`` share one request and later batches follow, so a document of up
        to ``batch`` triples is replaced atomically and a larger one is briefly seen half
        written. Triples with a blank node all go in the last request: a label names one node
        only within a request.
        """
        timeout = self.backend.timeout
        gsp = self.backend.gsp
        if gsp:
            url = (
                gsp + ("&" if "?" in gsp else "?") + urllib.parse.urlencode({"graph": graph.value})
            )
            _post(url, ntriples, "application/n-triples", timeout, query=False, method="PUT")
            return
        triples = [q.triple for q in parse(ntriples, format=RdfFormat.N_TRIPLES)]
        ground = [t for t in triples if not _has_blank(t)]
        blank = [t for t in triples if _has_blank(t)]
        size = self.backend.batch
        batches = [ground[i : i + size] for i in range(0, len(ground), size)]
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
            _update(self.update_endpoint, text, timeout)

    def load_ontology(self) -> None:
        triples = [
            q.triple
            for path in ontology_files()
            for q in parse(path=str(path), format=RdfFormat.TURTLE, rename_blank_nodes=True)
        ]
        data = serialize(triples, format=RdfFormat.N_TRIPLES)
        self.replace_graph(ONTOLOGY_GRAPH, data or b"")

    def update(self, update: str) -> None:
        _update(self.update_endpoint, _prologue() + update, self.backend.timeout)


def _update(update_endpoint: str, update: str, timeout: float) -> None:
    """Send one SPARQL 1.1 Update request (one transaction on Oxigraph and Fuseki)."""
    _post(
        update_endpoint,
        update.encode("utf-8"),
        "application/sparql-update; charset=utf-8",
        timeout,
        query=False,
    )


def _names_dataset(query: str) -> bool:
    """Whether the query has its own ``FROM`` clause (then the union must not override it):
    the keyword outside strings, IRIs and comments, and not a prefix (``from:x``)."""
    for m in TOKENS.finditer(query):
        if m.lastgroup == "word" and m.group().upper() == "FROM":
            if query[m.end() : m.end() + 1] != ":":
                return True
    return False


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
        return QueryTimeout(timeout)
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
