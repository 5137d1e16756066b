"""One unit as a researcher cites it: its text with the entities marked, its place, a citation."""

from __future__ import annotations

from typing import Any

from pyoxigraph import Literal, NamedNode

from policykg.errors import LookupFailed
from policykg.graph import measures
from policykg.graph.namespaces import DOC
from policykg.graph.sparql import Backend, run

ENTITY_KEYS = ("pollutants", "regions", "actors", "deadlines", "targets")
COLOURS = {
    "pollutants": "#f4a582",
    "regions": "#a6dba0",
    "actors": "#e7b6d9",
    "deadlines": "#fdd49e",
    "targets": "#fff2a8",
}


def find_unit(backend: Backend, key: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The unit named by id or title (exact, else the shortest title containing ``key``)."""
    key = key.strip()
    rows = run(backend, "unit_by_iri", unit=NamedNode(DOC + key)) if " " not in key else []
    if not rows:
        rows = run(backend, "unit_by_title", needle=Literal(key))
    if not rows:
        raise LookupFailed("unit", key, "give a unit id from `measures --format json` or a title")
    unit_iri, doc_iri = rows[0]["unit"].value, rows[0]["doc"].value
    doc_id = doc_iri[len(DOC) :]
    items = measures.items(backend, measures.Filters(doc=doc_id), [doc_id])
    item = next(i for i in items if DOC + i["id"] == unit_iri)
    doc = next((d for d in measures.documents(backend) if d["id"] == doc_id), {"id": doc_id})
    return item, doc


def place(item: dict[str, Any]) -> str:
    """第6章 / 第2节 加大重金属污染防治力度 / 专栏5 …"""
    parts = []
    for p in item["parents"]:
        n = p.get("number")
        head = {
            "chapter": f"第{n}章",
            "section": f"第{n}节",
            "part": f"第{n}部分",
            "box": f"专栏{n}",
        }.get(p["type"], f"（{n}）" if n is not None else "")
        parts.append(f"{head} {p['title']}".strip() if p.get("title") else head)
    return " / ".join(x for x in parts if x)


def citation(item: dict[str, Any], doc: dict[str, Any], sentence: int | None = None) -> str:
    """A line to paste: document, number, page (of a paged file), place, quoted title or
    sentence, character range."""
    title = f"《{doc['title']}》" if doc.get("title") else doc["id"]
    number = f"（{doc['number']}）" if doc.get("number") else ""
    first = item["text"].split("。", 1)[0]
    quote = first + ("。" if "。" in item["text"] else "")
    src = item["source"]
    pages = src.get("pages")
    page = ""
    if pages:  # a paged file (pdf, docx) is cited by its page, as in print
        page = f"第{pages[0]}页，" if pages[0] == pages[1] else f"第{pages[0]}–{pages[1]}页，"
    return (
        f"{title}{number}，{page}{place(item) or '正文'}，“{quote}”，"
        f"{doc['id']} 字符 {src['start']}–{src['end']}"
    )


def entity_spans(item: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """Entities as (start, end, key, label) in the unit's repaired text, found by surface form.

    Mentions carry offsets into the original file; the repaired text differs by line breaks
    and spaces, so each surface is located again in order within the unit text.
    """
    text = item["text"]
    spans = []
    for key in ENTITY_KEYS:
        cursor: dict[str, int] = {}
        for m in item[key]:
            surface = "".join(m["text"].split())
            i = text.find(surface, cursor.get(surface, 0))
            if i < 0:
                continue
            cursor[surface] = i + 1
            label = m.get("label") or m.get("date") or m.get("text")
            spans.append((i, i + len(surface), key, str(label)))
    return sorted(spans)
