"""Static figures for papers, drawn without a browser: the heatmap and small graphs.

matplotlib draws them (its object API, no pyplot state), in a Chinese font that matplotlib's
font manager finds on the machine; without one the labels would be empty boxes, so the figure
is refused with the name of the package to install. The format follows the file's suffix
(.png, .svg, .pdf).
"""

from __future__ import annotations

import math
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from policykg.errors import PolicyKGError
from policykg.graph.headings import shorten
from policykg.graph.matrix import Matrix
from policykg.graph.view import TYPE_STYLES, display_type, style_for

# Families that hold Simplified Chinese glyphs, best first; any other font that does is the
# fallback (checked glyph by glyph).
PREFERRED_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
    "Noto Serif CJK SC",
)
PROBE = "污染物防治"
FORMATS = (".png", ".svg", ".pdf")
MAX_GRAPH_NODES = 400  # a spring layout beyond this is neither quick nor legible on paper
EMPTY_CELL = "#f8fafc"
# vis-network shape -> matplotlib marker, so the figure looks like the page
_MARKERS = {
    "box": "s",
    "hexagon": "h",
    "square": "s",
    "dot": "o",
    "diamond": "D",
    "triangle": "^",
    "triangleDown": "v",
    "star": "*",
}


class MissingFont(PolicyKGError):
    """No installed font can draw Chinese labels."""


@cache
def cjk_font() -> str:
    """The family name of an installed font with Chinese glyphs, as matplotlib knows it."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    fonts = {f.name: f.fname for f in font_manager.fontManager.ttflist}
    for name in PREFERRED_FONTS:
        if name in fonts:
            return name
    for name, path in sorted(fonts.items()):
        try:
            face = FT2Font(path)
        except (OSError, RuntimeError, ValueError):
            continue
        if all(face.get_char_index(ord(ch)) for ch in PROBE):
            return name
    raise MissingFont(
        "no font with Chinese characters for the figure: install fonts-noto-cjk "
        "(apt install fonts-noto-cjk), then remove matplotlib's font cache"
    )


def _check_suffix(path: Path) -> None:
    if path.suffix.lower() not in FORMATS:
        raise PolicyKGError(f"{path}: a figure is written as {', '.join(FORMATS)}")


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=150, layout="constrained")


def _context() -> Any:
    import matplotlib

    return matplotlib.rc_context(
        {"font.family": [cjk_font(), "DejaVu Sans"], "svg.fonttype": "none", "pdf.fonttype": 42}
    )


def heatmap_figure(m: Matrix, path: Path, title: str) -> None:
    """The matrix as a heatmap: log colour scale, blank cells for zero, counts written in."""
    import numpy as np
    from matplotlib.colors import LogNorm, Normalize

    _check_suffix(path)
    if not m.rows or not m.cols:
        raise PolicyKGError("nothing to draw: the selection fills no cell")
    counts = np.array(m.table(), dtype=float)
    top = counts.max()
    height = 1.8 + 0.26 * len(m.rows)
    with _context():
        fig = _figure(2.5 + 0.32 * len(m.cols), height)
        ax = fig.add_subplot()
        from matplotlib import colormaps

        cmap = colormaps["YlGnBu"].with_extremes(bad=EMPTY_CELL)
        norm = LogNorm(vmin=1, vmax=top) if top > 1 else Normalize(vmin=0, vmax=1)
        image = ax.imshow(
            np.ma.masked_equal(counts, 0), cmap=cmap, norm=norm, aspect="auto", interpolation="none"
        )
        ax.set_xticks(range(len(m.cols)), [c["label"] for c in m.cols], rotation=90, fontsize=8)
        ax.set_yticks(range(len(m.rows)), [shorten(r["label"], 24) for r in m.rows], fontsize=8)
        ax.xaxis.tick_top()
        ax.tick_params(length=0)
        for side in ax.spines.values():
            side.set_visible(False)
        if counts.size <= 2500:
            for (i, j), v in np.ndenumerate(counts):
                if v:
                    dark = top > 1 and math.log(v) / math.log(top) > 0.55
                    ax.text(
                        j, i, f"{int(v)}", ha="center", va="center", fontsize=6.5,
                        color="white" if dark else "#1f2937",
                    )  # fmt: skip
        bar = fig.colorbar(image, ax=ax, shrink=min(1.0, 3.0 / height), pad=0.02)
        bar.set_ticks(_ticks(top), labels=[str(t) for t in _ticks(top)])
        bar.minorticks_off()
        bar.set_label("条数 units")
        ax.set_title(title, fontsize=11)
        fig.savefig(path)


def graph_figure(g: nx.Graph, path: Path, title: str) -> None:
    """A small graph with a seeded spring layout, styled by node type like the HTML page."""
    _check_suffix(path)
    n = g.number_of_nodes()
    if n == 0:
        raise PolicyKGError("nothing to draw: the selection holds no units")
    if n > MAX_GRAPH_NODES:
        raise PolicyKGError(
            f"{n} nodes are too many for a static figure (at most {MAX_GRAPH_NODES}): narrow "
            "the selection (a document, a pollutant …) or open the HTML page"
        )
    from matplotlib.collections import LineCollection

    simple = nx.Graph(g.to_undirected())
    pos = nx.spring_layout(simple, seed=7, k=1.6 / math.sqrt(n), iterations=200)
    side = min(16.0, 6 + n / 25)
    with _context():
        fig = _figure(side, side * 0.8)
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.add_collection(
            LineCollection(
                [(pos[u], pos[v]) for u, v in simple.edges()],
                colors="#94a3b8",
                linewidths=0.6,
                alpha=0.7,
                zorder=1,
            )
        )
        by_type: dict[str, list[Any]] = defaultdict(list)
        for node, data in g.nodes(data=True):
            by_type[display_type(data)].append(node)
        order = list(TYPE_STYLES)
        for node_type, nodes in sorted(by_type.items(), key=lambda t: _rank(order, t[0])):
            legend, colour, shape, size = style_for(node_type)
            ax.scatter(
                [pos[v][0] for v in nodes],
                [pos[v][1] for v in nodes],
                s=[(size + 2 * math.sqrt(g.nodes[v].get("units", 1))) ** 2 / 2 for v in nodes],
                c=colour,
                marker=_MARKERS.get(shape, "o"),
                edgecolors="white",
                linewidths=0.6,
                label=f"{legend} ({len(nodes)})",
                zorder=2,
            )
        labelled = [v for v in g.nodes if n <= 80 or "kind" not in g.nodes[v]]
        for v in labelled:
            x, y = pos[v]
            label = shorten(str(g.nodes[v].get("label", v)), 14)
            ax.annotate(
                label, (x, y), xytext=(0, 6), textcoords="offset points", ha="center",
                fontsize=6.5, color="#1f2937", zorder=3,
            )  # fmt: skip
        ax.legend(loc="lower left", fontsize=7, frameon=False, markerscale=0.6)
        ax.set_title(title, fontsize=11)
        ax.autoscale_view()
        fig.savefig(path)


def _rank(order: list[str], node_type: str) -> tuple[int, str]:
    return (order.index(node_type) if node_type in order else len(order), node_type)


def _ticks(top: float) -> list[int]:
    """1, the maximum and about three round values between them on the log scale."""
    if top <= 1:
        return [1]
    values = {1, int(top)}
    for t in (0.25, 0.5, 0.75):
        v = top**t
        magnitude = 10 ** math.floor(math.log10(v))
        values.add(int(round(v / magnitude) * magnitude))
    return sorted(v for v in values if 1 <= v <= top)


PLAN_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h", "<", ">", "p")
LEGEND_LIMIT = 16  # places named in the figure's legend


def targets_figure(
    rows: list[dict[str, Any]], documents: list[dict[str, Any]], path: Path, title: str
) -> None:
    """Targets over time as small multiples, one panel per indicator and kind of quantity as
    on the chart page: colour is the place (series), the marker the plan that set the target,
    a dashed line runs from a change's baseline year (nil change) to its target."""
    from matplotlib.lines import Line2D

    from policykg.graph.target_chart import panel_title, series_colours
    from policykg.graph.targets import panels

    _check_suffix(path)
    groups = panels(rows, documents)
    if not groups:
        raise PolicyKGError(
            "nothing to draw: no target has an indicator, a value and a target year"
        )
    colours = series_colours(groups)
    titles = {d["id"]: d.get("title") or d["id"] for d in documents}
    dates = {d["id"]: d.get("date") or "" for d in documents}
    plans = list(
        dict.fromkeys(rows[n]["document"] for p in groups for s in p["series"] for n in s["points"])
    )
    # a marker per plan while the markers last; beyond that the legend would be the figure
    by_plan = len(plans) <= len(PLAN_MARKERS)
    marker = {d: PLAN_MARKERS[i] if by_plan else "o" for i, d in enumerate(plans)}
    places = [
        Line2D([], [], color=c, marker="o", linewidth=1.6, label=shorten(label, 24))
        for label, c in list(colours.items())[:LEGEND_LIMIT]
    ]
    if len(colours) > LEGEND_LIMIT:
        places.append(Line2D([], [], linestyle="none", label=f"… {len(colours)} 处 places"))
    sources = [
        Line2D([], [], color="#374151", marker=marker[d], linestyle="none",
               label=shorten(f"{titles.get(d, d)} {dates.get(d, '')[:4]}", 40))
        for d in plans
    ] if by_plan else [Line2D([], [], linestyle="none", label=f"{len(plans)} 份文件 plans")]  # fmt: skip
    handles = places + sources
    legend_height = 0.2 * math.ceil(len(handles) / 2) + 0.3
    with _context():
        fig = _figure(7.5, 0.6 + 2.6 * len(groups) + legend_height)
        axes = fig.subplots(len(groups), 1, sharex=True, squeeze=False)[:, 0]
        for ax, panel in zip(axes, groups, strict=True):
            change = panel["direction"] != "level"
            for s in panel["series"]:
                colour = colours[s["label"]]
                points = [rows[n] for n in s["points"]]
                ax.plot([r["year"] for r in points], [r["value"] for r in points], color=colour,
                        linewidth=1.6, zorder=2)  # fmt: skip
                for r in points:
                    if change and r.get("baseline"):
                        ax.plot([r["baseline"], r["year"]], [0, r["value"]], color=colour,
                                linestyle="--", linewidth=1, alpha=0.8, zorder=1)  # fmt: skip
                    ax.scatter([r["year"]], [r["value"]], color=colour, marker=marker[r["document"]],
                               s=42, edgecolors="white", linewidths=0.6, zorder=3)  # fmt: skip
                    ax.annotate(shorten(f"{r['value']:g}", 8), (r["year"], r["value"]),
                                xytext=(5, 4), textcoords="offset points", fontsize=7,
                                color=colour)  # fmt: skip
            ax.set_title(panel_title(panel), fontsize=9, loc="left")
            ax.set_ylabel(panel["axis"], fontsize=8)
            ax.set_ylim(bottom=min(0, ax.get_ylim()[0]))
            ax.grid(axis="y", color="#e5e7eb", linewidth=0.6)
            ax.tick_params(labelsize=7.5)
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
        axes[-1].set_xlabel("目标年 target year", fontsize=8)
        axes[-1].xaxis.get_major_locator().set_params(integer=True)
        fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize=7,
                   frameon=False)  # fmt: skip
        fig.suptitle(title, fontsize=11)
        fig.savefig(path)
