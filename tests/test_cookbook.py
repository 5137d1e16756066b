"""Every query of docs/queries.md runs on the bundled corpus and returns rows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policykg.graph.namespaces import PREFIXES
from policykg.graph.store import open_read_only

COOKBOOK = Path(__file__).resolve().parent.parent / "docs" / "queries.md"
QUERIES = re.findall(
    r"^## (.+?)\n.*?```sparql\n(.*?)```", COOKBOOK.read_text(encoding="utf-8"), re.S | re.M
)


def test_the_cookbook_has_at_least_ten_queries():
    assert len(QUERIES) >= 10


@pytest.mark.parametrize(("title", "query"), QUERIES, ids=[t for t, _ in QUERIES])
def test_cookbook_query_returns_rows(built_store, title, query):
    store = open_read_only(built_store)
    rows = list(store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True))
    assert rows, title
