"""One unit as a researcher cites it: its text with the entities marked, its place, a citation."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pyoxigraph import Literal, NamedNode

from policykg.errors import LookupFailed
from policykg.graph import measures
from policykg.graph.headings import place
from policykg.graph.namespaces import DOC, FAMILIES, short_id
from policykg.graph.sparql import Backend, run
from policykg.graph.targets import describe
from policykg.graph.wording import evidence_words, fine_words, is_fine

_TITLE_ROWS = 20  # the LIMIT of unit_by_title.rq

# a highlight colour per entity family (its plural key); OTHER for a family added later
OTHER_COLOUR = "#dddddd"
COLOURS = {
    "pollutants": "#f4a582",
    "regions": "#a6dba0",
    "actors": "#e7b6d9",
    "deadlines": "#fdd49e",
    "targets": "#fff2a8",
    "instruments": "#c6dbef",
    "fines": "#fcbba1",
}


def find_unit(backend: Backend, key: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The unit named by id or title (exact, else the shortest title containing ``key``), or
    by its document and article number (土壤污染防治法第二十条)."""
    key = key.strip()
    try:
        rows = run(backend, "unit_by_iri", unit=NamedNode(DOC + key))
    except ValueError:  # not an IRI: a title
        rows = []
    if not rows:
        rows = run(backend, "unit_by_title", needle=Literal(key))
    if rows:
        _one_document(rows, key)
        unit_id, doc_id = short_id(rows[0]["unit"].value), short_id(rows[0]["doc"].value)
        items = measures.items(backend, measures.Filters(doc=doc_id), [doc_id])
        item = next(i for i in items if i["id"] == unit_id)
    else:  # 土壤污染防治法第二十条: a document named as a question names it, and its article
        from policykg.graph.ask import is_numbered, named_article

        named = named_article(backend, key)
        if named is None:
            raise LookupFailed("unit", key)
        doc_id, numeral = named
        items = measures.items(backend, measures.Filters(doc=doc_id), [doc_id])
        articles = [i for i in items if i["kind"] == "article" and i["number"] is not None]
        item = next((i for i in articles if is_numbered(numeral, i["number"])), None)
        if item is None:
            raise LookupFailed("unit", key)
    summaries = measures.documents(backend)
    doc = next((d for d in summaries if d["id"] == doc_id), {"id": doc_id})
    return item, doc


def _one_document(rows: list[dict[str, Any]], key: str) -> None:
    """Refuse a title that the best-matching units of several documents share (第20条,
    加强组织领导): showing the first would answer for one document as if it were the only one."""
    title = rows[0].get("title")
    if title is None:  # found by id
        return

    def rank(r: dict[str, Any]) -> tuple[bool, int]:
        return r["title"].value == key, len(r["title"].value)

    best = [r for r in rows if rank(r) == rank(rows[0])]
    docs = list(dict.fromkeys(r["doc"].value for r in best))
    if len(docs) > 1:
        ids = [short_id(next(r for r in best if r["doc"].value == d)["unit"].value) for d in docs]
        cut = len(rows) == _TITLE_ROWS  # the query's limit: there may be more documents
        more = " …" if len(ids) > 3 or cut else ""
        raise LookupFailed(
            "single unit",
            key,
            f"units of {len(docs)}{'+' if cut else ''} documents have that title "
            f"({', '.join(ids[:3])}{more}); give a unit id, or the document as well "
            "(土壤污染防治法第二十条)",
        )


def detail(backend: Backend, key: str) -> dict[str, Any]:
    """What ``policykg show`` prints of the unit ``key`` names: the item, its document, its
    place, a citation line, and its entities as spans of its text."""
    item, doc = find_unit(backend, key)
    entities = [
        {"start": start, "end": end, "family": family, "label": label}
        for start, end, family, label in entity_spans(item)
    ]
    return {
        "item": item,
        "document": doc,
        "place": place(item["parents"]),
        "citation": citation(item, doc),
        "entities": entities,
    }


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
        f"{title}{number}，{page}{place(item['parents']) or '正文'}，“{quote}”，"
        f"{doc['id']} 字符 {src['start']}–{src['end']}"
    )


def entity_spans(item: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """Entities as (start, end, key, label) in the unit's repaired text, found by surface form.

    Mentions carry offsets into the original file; the repaired text differs by line breaks
    and spaces, so each surface is located again in order within the unit text.
    """
    text = item["text"]
    spans = []
    for key in FAMILIES.values():
        cursor: dict[str, int] = {}
        for m in item[key]:
            surface = "".join(m["text"].split())
            i = text.find(surface, cursor.get(surface, 0))
            if i < 0:
                continue
            cursor[surface] = i + 1
            spans.append((i, i + len(surface), key, mention_label(m)))
    return sorted(spans)


def mention_label(m: Mapping[str, Any]) -> str:
    """What to call a mention: an instrument by its category and itself (环境型/法规管制), a
    target in a line (聚氯乙烯行业 单位产品用汞量 下降50%（2010→2020）), a fine by its words
    and whom it fines (二百元以上二千元以下罚款（个人）), any other by its label, date or words."""
    if "direction" in m:
        return describe(m)
    if m.get("category_zh") and m.get("label_zh"):
        return f"{m['category_zh']}/{m['label_zh']}"
    if is_fine(m):  # its amount as written, and whom it fines
        return fine_words(m)
    return str(m.get("label") or m.get("date") or m.get("text"))


def mention_summary(mentions: Iterable[Mapping[str, Any]]) -> str:
    """A family's mentions in a line, each label once: 镉、铅; an instrument with the words
    behind it: 环境型/法规管制（禁止、淘汰）."""
    words: dict[str, dict[str, None]] = {}
    for m in mentions:
        label = mention_label(m)
        words.setdefault(label, {})
        if m.get("category_zh"):
            words[label].update(dict.fromkeys(evidence_words(m)))
    return "、".join(f"{k}（{'、'.join(w)}）" if w else k for k, w in words.items())
