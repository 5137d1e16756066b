"""The errors policykg raises on purpose: each names the file, store, query or value at fault.

One module for every stage, so that callers catch one base class; the CLI prints the message
on one line and exits non-zero, a notebook sees an ordinary exception. Messages speak of the
library's own terms; where a command-line option would help, the CLI adds it (the subclasses
below exist so that it can tell which hint fits).
"""

from __future__ import annotations

from typing import Any


class PolicyKGError(Exception):
    """Base class of every error a user can cause (bad file, missing store, unknown value)."""

    def __reduce__(self) -> tuple[Any, ...]:
        # rebuilt without calling __init__ (whose parameters differ per class), so that a
        # build worker can send any of them back to the parent process
        return (_rebuilt, (type(self), self.args, self.__dict__))


def _rebuilt(cls: type[PolicyKGError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class InputError(PolicyKGError):
    """A file that cannot be read as a policy text."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class Undecodable(InputError):
    """A file whose encoding could not be told; forcing one (``encoding=``) may read it."""


class StoreError(PolicyKGError):
    """A store that is missing, locked, or not a policykg store."""


class StoreMissing(StoreError):
    """No graph has been built at this folder yet."""

    def __init__(self, root: object) -> None:
        super().__init__(f"no policykg store at {root}")
        self.root = root


class NoData(StoreError):
    """The store holds no data of the kind asked for: a policykg that did not record it built
    it, and a forced rebuild (``build(..., force=True)``) records it."""


class QueryError(PolicyKGError):
    """A SPARQL query that does not parse, times out, or tries to write."""


class UpdateRefused(QueryError):
    """A SPARQL update sent where only queries are allowed."""

    def __init__(self) -> None:
        super().__init__("this is a SPARQL update and was not run")


class QueryTimeout(QueryError):
    """A query that ran longer than its time limit and was stopped."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"query stopped after {seconds:g} s")
        self.seconds = seconds


class FormatMismatch(QueryError):
    """An output format that does not fit the query form (a table for CONSTRUCT, Turtle for SELECT)."""

    def __init__(self, fmt: str, form: str, fitting: tuple[str, ...]) -> None:
        super().__init__(
            f"{form} results cannot be written as {fmt}; they give {', '.join(fitting)}"
        )
        self.fmt = fmt
        self.form = form
        self.fitting = fitting


class LookupFailed(PolicyKGError):
    """A filter value (pollutant, region, actor, document) that matches nothing in the graph."""

    def __init__(self, kind: str, value: str, hint: str = "") -> None:
        super().__init__(f"no {kind} matches {value!r}" + (f"; {hint}" if hint else ""))
        self.kind = kind
        self.value = value
        self.hint = hint
