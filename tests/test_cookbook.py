"""Every query of docs/queries.md runs on the bundled corpus and returns rows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

COOKBOOK = Path(__file__).resolve().parent.parent / "docs" / "queries.md"
QUERIES = re.findall(
    r"^## (.+?)\n.*?```sparql\n(.*?)```", COOKBOOK.read_text(encoding="utf-8"), re.S | re.M
)


def test_the_cookbook_has_at_least_ten_queries():
    assert len(QUERIES) >= 10


@pytest.mark.parametrize(("title", "query"), QUERIES, ids=[t for t, _ in QUERIES])
def test_cookbook_query_returns_rows(plan_kg, title, query):
    assert plan_kg.sparql(query), title
