"""A row × column matrix as ONE self-contained heatmap page, under the rules of the graph page.

Nothing is fetched (no library at all: the table is plain DOM), a Content-Security-Policy
allows only our inline script by hash, and every text travels as escaped JSON that the script
puts into the page through ``textContent``. Rows and columns come with three orders (natural,
by total, clustered: ``graph.seriation``) and every non-empty cell with its units, so that a
click lists them with a citation a researcher can paste.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from policykg.graph.headings import shorten
from policykg.graph.html import render_page
from policykg.graph.matrix import Matrix
from policykg.graph.show import citation, place

KIND_LABELS = {
    "jurisdiction": "管辖地 Jurisdiction",
    "region": "地区 Place named",
    "document": "文件 Document",
    "actor": "主体 Actor",
    "instrument": "政策工具 Instrument",
    "pollutant": "污染物 Pollutant",
    "indicator": "指标 Indicator",
}
QUOTE_LIMIT = 160  # characters of a unit's first sentence shown in the cell list


def render_matrix_html(
    m: Matrix,
    items: Sequence[Mapping[str, Any]],
    documents: Sequence[Mapping[str, Any]],
    title: str,
) -> str:
    """The heatmap page of ``m``; ``items`` and ``documents`` give the units' citations."""
    return render_page("matrix", title, matrix_data(m, items, documents, title))


def matrix_data(
    m: Matrix,
    items: Sequence[Mapping[str, Any]],
    documents: Sequence[Mapping[str, Any]],
    title: str,
) -> dict[str, Any]:
    """The JSON the page runs on: rows, columns, their orders, cells and the cited units."""
    docs = {d["id"]: d for d in documents}
    by_id = {i["id"]: i for i in items}
    position = {d["id"]: n for n, d in enumerate(documents)}

    def reading_order(u: str) -> tuple[int, int, str]:
        src = by_id[u]["source"]
        return (position.get(src["document"], len(position)), src["start"], u)

    wanted = sorted({u for units in m.cells.values() for u in units}, key=reading_order)
    index = {u: n for n, u in enumerate(wanted)}
    units = [_unit(by_id[u], docs) for u in wanted]
    row_pos = {r["id"]: n for n, r in enumerate(m.rows)}
    col_pos = {c["id"]: n for n, c in enumerate(m.cols)}
    cells = []
    for (row, col), members in sorted(m.cells.items()):
        if row in row_pos and col in col_pos:
            doc_count = m.documents(row, col)
            refs = sorted(index[u] for u in members)
            cells.append([row_pos[row], col_pos[col], len(members), doc_count, refs])
    return {
        "title": title,
        "rowKind": KIND_LABELS.get(m.row_kind, m.row_kind),
        "colKind": KIND_LABELS.get(m.col_kind, m.col_kind),
        "rows": [_axis(r) for r in m.rows],
        "cols": [_axis(c) for c in m.cols],
        "orders": m.orders(),
        "cells": cells,
        "units": units,
        "max": max((c[2] for c in cells), default=0),
    }


def _axis(entry: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: entry[k] for k in ("id", "label", "code", "label_en") if entry.get(k)}
    out["units"] = entry.get("units", 0)
    return out


def _unit(item: Mapping[str, Any], docs: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    doc_id = item["source"]["document"]
    doc = docs.get(doc_id, {"id": doc_id})
    first = item["text"].split("。", 1)[0] + ("。" if "。" in item["text"] else "")
    quote = shorten(first, QUOTE_LIMIT)
    return {
        "id": item["id"],
        "title": item.get("title") or quote,
        "kind": item.get("kind"),
        "document": doc.get("title") or doc_id,
        "place": place(item.get("parents") or []),
        "quote": quote,
        "citation": citation(dict(item), dict(doc)),
    }
