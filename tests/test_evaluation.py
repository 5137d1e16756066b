"""Precision and recall per entity type against a hand-made gold annotation of the plan.

The gold file (tests/gold/) was written by reading the text, not from the extractors' output.
Matching is per unit, on what a mention denotes (concept label, ISO date, region code), as a
multiset: two mentions of 汞 in a unit are two mentions to find.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parent / "gold" / "plan-2016-eco-env-protection.json"
BARS = {  # type: (recall, precision)
    "pollutants": (0.95, 0.90),
    "deadlines": (0.95, 0.90),
    "regions": (0.90, 0.85),
}


def _key(kind: str, m: dict) -> str:
    if kind == "pollutants":
        return m["label"]
    if kind == "deadlines":
        return m["date"]
    return m.get("code") or m["label"]


def _score(plan_items) -> dict[str, tuple[float, float, int, int, int]]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    by_title = {}
    for item in plan_items:
        by_title.setdefault(item["title"], item)
    scores = {}
    for kind in BARS:
        tp = n_gold = n_sys = 0
        for unit in gold["units"]:
            item = by_title.get(unit["title"])
            g = Counter(_key(kind, m) for m in unit[kind])
            s = Counter(_key(kind, m) for m in item[kind]) if item else Counter()
            tp += sum((g & s).values())
            n_gold += sum(g.values())
            n_sys += sum(s.values())
        recall = tp / n_gold if n_gold else 1.0
        precision = tp / n_sys if n_sys else 1.0
        scores[kind] = (recall, precision, tp, n_gold, n_sys)
    return scores


def test_every_gold_unit_is_found_by_title(plan_items):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    titles = {i["title"] for i in plan_items}
    missing = [u["title"] for u in gold["units"] if u["title"] not in titles]
    assert missing == []


@pytest.mark.parametrize("kind", sorted(BARS))
def test_extraction_meets_its_bar_on_the_plan(plan_items, kind, capsys):
    recall, precision, tp, n_gold, n_sys = _score(plan_items)[kind]
    with capsys.disabled():
        print(
            f"\n{kind}: recall {recall:.3f} precision {precision:.3f} ({tp} of {n_gold} gold, {n_sys} found)"
        )
    min_recall, min_precision = BARS[kind]
    assert recall >= min_recall
    assert precision >= min_precision
