"""Targets over time as ONE self-contained chart page, under the rules of the graph page.

One panel per indicator and kind of quantity (``graph.targets.panels``), target year across,
the value up; one coloured series per place or scope, the same colour in every panel. A point
names on hover the plan that set it (title, number, date) and the words of the target; the
legend lists the plans behind each series. Nothing is fetched: the chart is SVG drawn by our
own inline script (no library), a Content-Security-Policy allows only that script by hash, and
every text travels as escaped JSON that the script puts into the page through ``textContent``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from policykg.graph.html import render_page
from policykg.graph.targets import UNSPECIFIED, on_what, panels, quantity, where_label

# Okabe & Ito's colour-blind-safe palette, then Tableau's: a series keeps its colour everywhere
PALETTE = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#e69f00",
    "#56b4e9",
    "#000000",
    "#332288",
    "#8c564b",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)


def render_targets_html(
    rows: Sequence[Mapping[str, Any]], documents: Sequence[Mapping[str, Any]], title: str
) -> str:
    """The chart page of ``rows`` (``policykg targets`` rows, in time order)."""
    return render_page("targets", title, chart_data(rows, documents, title))


def write_chart(
    rows: Sequence[Mapping[str, Any]],
    documents: Sequence[Mapping[str, Any]],
    path: Path,
    title: str,
) -> None:
    """The chart of ``rows`` at ``path``: the page for ``.html``, else the figure (``.png``,
    ``.svg``, ``.pdf``: ``graph.figures.targets_figure``)."""
    if path.suffix.lower() in (".html", ".htm"):
        path.write_text(render_targets_html(rows, documents, title), encoding="utf-8")
        return
    from policykg.graph.figures import targets_figure

    targets_figure(list(rows), list(documents), path, title)


def default_title(rows: Sequence[Mapping[str, Any]]) -> str:
    """``细颗粒物（PM2.5）浓度 目标 targets`` when the targets share one indicator."""
    labels = {(r.get("indicator") or {}).get("label") for r in rows}
    return (
        f"{labels.pop()} 目标 targets"
        if len(labels) == 1 and None not in labels
        else "目标 targets"
    )


def series_colours(groups: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """A colour per series label, in the order the labels first come, cycling the palette."""
    labels = dict.fromkeys(s["label"] for p in groups for s in p["series"])
    return {label: PALETTE[n % len(PALETTE)] for n, label in enumerate(labels)}


def chart_data(
    rows: Sequence[Mapping[str, Any]], documents: Sequence[Mapping[str, Any]], title: str
) -> dict[str, Any]:
    """The JSON the page runs on: panels with their series (indices into ``targets``), every
    target as the table and the tooltips show it, and the plans in time order."""
    docs = {d["id"]: d for d in documents}
    groups = panels(rows, documents)
    colours = series_colours(groups)
    drawn = {n for p in groups for s in p["series"] for n in s["points"]}
    plans = list(dict.fromkeys(r["document"] for r in rows))
    targets = []
    for n, r in enumerate(rows):
        doc = docs.get(r["document"], {})
        jurisdiction = (doc.get("jurisdiction") or {}).get("label")
        targets.append(
            {
                "plan": plans.index(r["document"]),
                "indicator": on_what(r),
                "where": where_label(r, jurisdiction) or UNSPECIFIED,
                "quantity": quantity(r),
                "value": r.get("value"),
                "year": r.get("year"),
                "baseline": r.get("baseline"),
                "binding": {True: "约束性 binding", False: "预期性 expected"}.get(r.get("binding")),
                "text": r.get("text") or "",
                "drawn": n in drawn,
            }
        )
    return {
        "title": title,
        "plans": [_plan(docs.get(d, {"id": d})) for d in plans],
        "targets": targets,
        "panels": [
            {
                "title": panel_title(p),
                "axis": p["axis"],
                "change": p["direction"] != "level",
                "series": [
                    {"label": s["label"], "colour": colours[s["label"]], "points": s["points"]}
                    for s in p["series"]
                ],
            }
            for p in groups
        ],
        "series": [{"label": label, "colour": c} for label, c in colours.items()],
    }


def _plan(doc: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": doc["id"],
        "title": doc.get("title") or doc["id"],
        "number": doc.get("number") or "",
        "date": doc.get("date") or "",
    }


def panel_title(panel: Mapping[str, Any]) -> str:
    indicator = panel["indicator"]
    en = f" · {indicator['label_en']}" if indicator.get("label_en") else ""
    return f"{indicator.get('label') or indicator['id']}{en}"
