"""An order of rows that puts similar rows side by side, for heatmaps that can be read.

Average-linkage agglomerative clustering on the cosine distance of the rows' count profiles
(square roots first, so one article-heavy row does not dwarf the rest), read off as the leaf
order of its tree; each merge turns its two halves so that their touching ends are the most
alike (a cheap form of optimal leaf ordering). Deterministic: ties go to the lower index, so
the input order (the natural one) decides. scipy is not a dependency; numpy is.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MAX_ROWS = 1500  # above this (O(n³) time), callers order by totals instead


def cluster_order(vectors: Sequence[Sequence[float]]) -> list[int]:
    """Indices of ``vectors`` in leaf order of their average-linkage tree.

    Rows without any count are kept after the others, in input order. With more than
    ``MAX_ROWS`` rows the input order is returned unchanged.
    """
    n = len(vectors)
    if n > MAX_ROWS:
        return list(range(n))
    x = np.sqrt(np.asarray(vectors, dtype=float).reshape(n, -1))
    norms = np.linalg.norm(x, axis=1)
    live = [i for i in range(n) if norms[i] > 0]
    empty = [i for i in range(n) if norms[i] == 0]
    if len(live) <= 2:
        return live + empty
    unit = x[live] / norms[live][:, None]
    base = np.clip(1.0 - unit @ unit.T, 0.0, 2.0)
    dist = base.copy()
    np.fill_diagonal(dist, np.inf)
    members: list[list[int]] = [[i] for i in range(len(live))]
    sizes = np.ones(len(live))
    for _ in range(len(live) - 1):
        i, j = divmod(int(np.argmin(dist)), len(live))
        i, j = min(i, j), max(i, j)
        members[i] = _joined(members[i], members[j], base)
        merged = (sizes[i] * dist[i] + sizes[j] * dist[j]) / (sizes[i] + sizes[j])
        dist[i, :] = merged
        dist[:, i] = merged
        dist[i, i] = np.inf
        dist[j, :] = np.inf
        dist[:, j] = np.inf
        sizes[i] += sizes[j]
        members[j] = []
    order = next(m for m in members if m)
    return [live[k] for k in order] + empty


def _joined(a: list[int], b: list[int], base: np.ndarray) -> list[int]:
    """``a`` then ``b``, each possibly reversed, so that the rows where they meet are closest."""
    options = (
        (a, b),
        (a, b[::-1]),
        (a[::-1], b),
        (a[::-1], b[::-1]),
    )
    best = min(range(4), key=lambda k: (base[options[k][0][-1], options[k][1][0]], k))
    left, right = options[best]
    return left + right
