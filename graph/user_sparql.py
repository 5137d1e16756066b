"""SPARQL that a user wrote (not our stored queries), on any backend, answered in W3C formats.

The engine of ``policykg sparql`` and ``KnowledgeGraph.sparql_text``. Reading is kept apart from
writing. A query goes to the backend's query API, which cannot write; an update is only ever
handed to a backend's writer when ``allow_update`` is set, so the store stays untouched
otherwise whatever the text says.
Whether a text is an update is decided by parsers (pyoxigraph's query parser, then rdflib's
update grammar for the message), never by looking for keywords.

pyoxigraph has no query timeout, so with a timeout the query runs in a forked worker that is
killed when time is up (a few ms per query; measured in tests/test_userquery.py). Updates run
in this process, without the timeout: killing a writer half way is worse than waiting.
"""

from __future__ import annotations

import os
import pickle
import re
import select
import shutil
import signal
import time
from collections.abc import Callable
from io import StringIO
from typing import Any

from pyoxigraph import (
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    serialize,
)

from policykg.errors import (
    FormatMismatch,
    PolicyKGError,
    QueryError,
    QueryTimeout,
    StoreError,
    UpdateRefused,
)
from policykg.graph.namespaces import PREFIXES
from policykg.graph.sparql import Answer, Backend

TABULAR_FORMATS = ("table", "json", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "ntriples")
FORMATS = TABULAR_FORMATS + GRAPH_FORMATS
DEFAULT_TIMEOUT = 30.0

_RESULTS_FORMATS = {
    "json": QueryResultsFormat.JSON,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
}
# "table" is the command's default; for triples the readable form of a graph is Turtle.
_RDF_FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "table": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
}
_POSITION = re.compile(r"^error at (\d+):(\d+): ")
_PARSER = Store()  # empty: parses queries so that every backend reports syntax errors alike


class _NotAQuery(Exception):
    """The query parser refused the text: an update, or a syntax error."""


def run_user_query(
    backend: Backend,
    query: str,
    fmt: str = "table",
    allow_update: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> str:
    """The serialised answer to ``query``; ``""`` after an update.

    SELECT and ASK give ``table``, ``json`` (W3C SPARQL 1.1 Query Results JSON), ``csv`` or
    ``tsv``; CONSTRUCT and DESCRIBE give ``turtle`` (also for ``table``) or ``ntriples``. The
    default graph is the union of the named graphs and the prefixes of ``graph.namespaces`` are
    declared. ``timeout`` of ``None`` or 0 runs the query in this process, without a limit.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")

    def job() -> str:
        return _format(_evaluate(backend, query), fmt)

    try:
        return _in_worker(job, timeout) if timeout else job()
    except _NotAQuery as refused:
        query_error = str(refused)
    is_update = _parses_as_update(query)
    if not allow_update:
        if is_update:
            raise UpdateRefused()
        raise QueryError(syntax_message(query_error))
    try:
        with backend.writing() as writer:
            writer.update(query)
    except SyntaxError as e:
        # the parser that got further is the one the user was writing for
        further = str(e) if is_update or _where(str(e)) > _where(query_error) else query_error
        raise QueryError(syntax_message(further)) from None
    return ""


def _evaluate(backend: Backend, query: str) -> Answer:
    """The backend's answer to ``query``; raises _NotAQuery when it does not parse as a query."""
    try:
        _PARSER.query(query, prefixes=PREFIXES)
        return backend.query(query)
    except SyntaxError as e:
        raise _NotAQuery(str(e)) from None
    except OSError as e:
        raise QueryError(f"the query failed: {e}") from None


def _format(result: Any, fmt: str) -> str:
    if isinstance(result, QuerySolutions | QueryBoolean):
        if fmt == "table":
            return _table(result)
        if fmt in _RESULTS_FORMATS:
            return result.serialize(format=_RESULTS_FORMATS[fmt]).decode("utf-8")
        raise FormatMismatch(fmt, "SELECT and ASK", TABULAR_FORMATS)
    if isinstance(result, QueryTriples | list):
        if fmt in _RDF_FORMATS:
            return serialize(result, format=_RDF_FORMATS[fmt], prefixes=PREFIXES).decode("utf-8")
        raise FormatMismatch(fmt, "CONSTRUCT and DESCRIBE", GRAPH_FORMATS)
    raise QueryError(f"unexpected query result {type(result).__name__}")


def _table(result: QuerySolutions | QueryBoolean) -> str:
    """A plain-text table (no colours); IRIs as prefixed names where a prefix fits."""
    if isinstance(result, QueryBoolean):
        return f"{str(bool(result)).lower()}\n"
    from rich.console import Console
    from rich.table import Table

    names = [v.value for v in result.variables]
    table = Table(*names, show_lines=False)
    rows = 0
    for sol in result:
        table.add_row(*[_cell(sol[n]) for n in names])
        rows += 1
    buf = StringIO()
    width = max(100, shutil.get_terminal_size((120, 24)).columns)
    console = Console(file=buf, width=width, color_system=None, highlight=False, emoji=False)
    console.print(table)
    console.print(f"{rows} row{'' if rows == 1 else 's'}")
    return buf.getvalue()


def _cell(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        return term.value
    if isinstance(term, NamedNode):
        for prefix, base in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
            local = term.value[len(base) :]
            if term.value.startswith(base) and re.fullmatch(r"[\w.-]*", local):
                return f"{prefix}:{local}"
        return term.value
    return str(term)  # blank nodes and quoted triples in N-Triples form


def _parses_as_update(text: str) -> bool:
    """Whether rdflib's SPARQL 1.1 Update grammar takes ``text`` with at least one operation."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parsed = parseUpdate(text)
    except Exception:
        return False
    return "request" in parsed and len(parsed["request"]) > 0


def _where(message: str) -> tuple[int, int]:
    m = _POSITION.match(message)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def syntax_message(message: str) -> str:
    """pyoxigraph's ``error at 3:17: expected …`` as one line naming line and column."""
    m = _POSITION.match(message)
    rest = _readable(message[m.end() :] if m else message)
    if not m:
        return f"SPARQL syntax error: {rest}"
    return f"SPARQL syntax error at line {m.group(1)}, column {m.group(2)}: {rest}"


def _readable(expected: str) -> str:
    """One line; character classes (``['A' ..= 'Z' | …]``) left out of "expected one of"."""
    text = " ".join(expected.split())
    head, sep, items = text.partition("expected one of ")
    if not sep:
        return text
    found = re.findall(r'"(?:[^"\\]|\\.)*"|\[[^\]]*\]|[^,\s][^,]*', items)
    keep = [i for i in found if not i.startswith("[")][:20]
    if len(keep) < len(found):
        keep.append("…")
    return f"{head}expected one of {', '.join(keep)}"


def _in_worker(job: Callable[[], str], timeout: float) -> str:
    """``job()`` in a forked child, killed after ``timeout`` seconds."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        try:
            os.close(read_fd)
            try:
                payload = pickle.dumps(("ok", job()))
            except _NotAQuery as e:
                payload = pickle.dumps(("not-a-query", str(e)))
            except PolicyKGError as e:
                payload = pickle.dumps(("error", e))
            except Exception as e:
                payload = pickle.dumps(("error", StoreError(f"the query failed: {e}")))
            with os.fdopen(write_fd, "wb") as out:
                out.write(payload)
        finally:
            os._exit(0)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([read_fd], [], [], left)[0]:
                raise QueryTimeout(timeout)
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
    if not chunks:
        raise QueryError("the query worker died without an answer")
    kind, value = pickle.loads(b"".join(chunks))
    if kind == "ok":
        return value
    if kind == "not-a-query":
        raise _NotAQuery(value)
    raise value
