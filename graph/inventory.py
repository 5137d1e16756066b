"""What the graph holds of each vocabulary: pollutants as a tree, places and bodies with counts."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from policykg.graph.namespaces import short_id
from policykg.graph.sparql import Backend, number, run, text


def pollutants(backend: Backend) -> list[dict[str, Any]]:
    """Every pollutant concept: labels, broader ids, direct unit count and count with narrower."""
    rows = run(backend, "pollutant_counts")
    concepts: dict[str, dict[str, Any]] = {}
    for r in rows:
        cid = short_id(r["concept"].value)
        c = concepts.setdefault(
            cid,
            {
                "id": cid,
                "label": r["label"].value,
                "label_en": text(r.get("labelEn")),
                "broader": [],
                "units": number(r.get("units")) or 0,
            },
        )
        if r.get("broader"):
            c["broader"].append(short_id(r["broader"].value))
    children: dict[str, list[str]] = defaultdict(list)
    for c in concepts.values():
        c["broader"] = sorted(set(c["broader"]))
        for b in c["broader"]:
            children[b].append(c["id"])

    branch = {
        short_id(r["concept"].value): number(r.get("units")) or 0
        for r in run(backend, "pollutant_branch_counts")
    }
    for c in concepts.values():
        c["with_narrower"] = branch.get(c["id"], 0)
        c["narrower"] = sorted(children.get(c["id"], []))
    return sorted(concepts.values(), key=lambda c: c["id"])


def pollutant_tree(concepts: list[dict[str, Any]], everything: bool = False) -> list[str]:
    """The hierarchy as indented lines; without ``everything`` only branches the documents name."""
    by_id = {c["id"]: c for c in concepts}
    lines: list[str] = []

    def walk(cid: str, depth: int, path: frozenset[str]) -> None:
        c = by_id[cid]
        if not everything and c["with_narrower"] == 0:
            return
        en = f" / {c['label_en']}" if c["label_en"] else ""
        lines.append(
            f"{'  ' * depth}{c['label']}{en}  [{c['units']} units name it, {c['with_narrower']} with narrower]"
        )
        for k in sorted(c["narrower"], key=lambda k: by_id[k]["label"] if k in by_id else k):
            if k in by_id and k not in path:
                walk(k, depth + 1, path | {k})

    roots = [c["id"] for c in concepts if not any(b in by_id for b in c["broader"])]
    for r in sorted(roots, key=lambda k: by_id[k]["label"]):
        walk(r, 0, frozenset({r}))
    return lines


def regions(backend: Backend) -> list[dict[str, Any]]:
    return [
        {
            "id": short_id(r["region"].value),
            "label": text(r.get("label")),
            "code": text(r.get("code")),
            "level": text(r.get("level")),
            "units": number(r.get("units")) or 0,
        }
        for r in run(backend, "region_counts")
    ]


def actors(backend: Backend) -> list[dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for r in run(backend, "actor_counts"):
        aid = short_id(r["actor"].value)
        a = merged.setdefault(
            aid,
            {
                "id": aid,
                "label": text(r.get("label")),
                "kind": text(r.get("kind")),
                "roles": {},
                "units": 0,
            },
        )
        n = number(r.get("units")) or 0
        a["roles"][r["role"].value] = n
        a["units"] += n
    return sorted(merged.values(), key=lambda a: (-a["units"], a["id"]))
