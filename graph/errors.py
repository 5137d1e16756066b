"""Errors of the graph side: stores, queries and user values that name nothing."""

from __future__ import annotations

from policykg.extract.errors import PolicyKGError


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
