"""Every query of docs/queries.md runs on the bundled corpus and returns rows (on the plan,
or on the whole corpus for what only the regulations hold)."""

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


_REGULATIONS_ONLY = (
    "19. Time limits of regulations, by the event they run from",
    "20. The highest fine each document sets, and whom it fines",
)


@pytest.mark.parametrize(("title", "query"), QUERIES, ids=[t for t, _ in QUERIES])
def test_cookbook_query_returns_rows(request, title, query):
    kg = request.getfixturevalue("corpus_kg" if title in _REGULATIONS_ONLY else "plan_kg")
    assert kg.sparql(query), title


def test_time_limits_are_listed_longest_first(corpus_kg):
    (query,) = [q for t, q in QUERIES if t == _REGULATIONS_ONLY[0]]
    rows = corpus_kg.sparql(query)
    # two years to build after the rural planning permit (a road's five years after it is
    # built in which no one may dig it up are a ban, no limit)
    assert str(rows[0]["phrase"]) == "自乡村建设规划许可证核发之日起二年内"
    # a minute to dispatch an ambulance after a call is taken: the shortest, in minutes
    assert str(rows[-1]["event"]) == "紧急医疗救援机构受理呼救信息"
    assert str(rows[-1]["unitType"]).endswith("#unitMinute")
    assert "受理异议申请" in [str(r["event"]) for r in rows]  # one working day


def test_the_highest_fines_come_first_and_name_whom_they_fine(corpus_kg):
    (query,) = [q for t, q in QUERIES if t == _REGULATIONS_ONLY[1]]
    rows = corpus_kg.sparql(query)
    highest = [float(r["highest"]) for r in rows]
    assert highest == sorted(highest, reverse=True)
    # the air law's top fine is a million yuan; 石柱 fines units and individuals apart
    top = {str(r["title"]): float(r["highest"]) for r in rows}
    assert top["中华人民共和国大气污染防治法"] == 1_000_000
    parties = {str(r["title"]): str(r.get("parties") or "") for r in rows}
    shizhu = next(t for t in parties if t.startswith("石柱土家族自治县"))
    assert {"个人", "单位"} <= set(parties[shizhu].split("、"))
