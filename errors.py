"""The errors policykg raises on purpose: each names the file, store, query or value at fault.

One module for every stage, so that callers catch one base class; the CLI prints the message
on one line and exits non-zero, a notebook sees an ordinary exception.
"""

from __future__ import annotations


class PolicyKGError(Exception):
    """Base class of every error a user can cause (bad file, missing store, unknown value)."""


class InputError(PolicyKGError):
    """A file that cannot be read as a policy text."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StoreError(PolicyKGError):
    """A store that is missing, locked, or not a policykg store."""


class QueryError(PolicyKGError):
    """A SPARQL query that does not parse, times out, or tries to write."""


class LookupFailed(PolicyKGError):
    """A filter value (pollutant, region, actor, document) that matches nothing in the graph."""

    def __init__(self, kind: str, value: str, hint: str = "") -> None:
        super().__init__(f"no {kind} matches {value!r}" + (f"; {hint}" if hint else ""))
        self.kind = kind
        self.value = value
