"""The QUDT unit of the words a target's unit is written with (``ontology/units.ttl``)."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from policykg.graph.vocabularies import load_terms


@cache
def _by_label() -> dict[str, str]:
    table: dict[str, str] = {}
    for rec in load_terms("units.ttl"):
        for label in [*rec["pref"].values(), *rec["alt"]]:
            table.setdefault(label, rec["iri"])
    return table


def qudt_unit(words: str) -> str | None:
    """The QUDT unit IRI for a unit as written without its magnitude (公顷, 微克/立方米)."""
    return _by_label().get(words)


def in_unit(value: float, scale: float) -> Decimal:
    """``value`` × ``scale`` exactly as written (1400 万 -> 14000000), not as a float product."""
    return (Decimal(repr(value)) * Decimal(repr(scale))).normalize()
