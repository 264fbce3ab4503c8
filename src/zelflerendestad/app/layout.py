"""Where each resident sits in the network picture: computed once per city, never per step.

Neighbourhoods are placed on a circle and each neighbourhood's residents on a ring of their
own, in row order. Rows are the ring lattice's order (`network.build_network` builds each
neighbourhood's ring over its contiguous block of rows), so within-neighbourhood ties are short
chords, rewired ties cross the ring and bridging ties run between the rings.
"""

from __future__ import annotations

import numpy as np


def city_layout(neighbourhood: np.ndarray) -> np.ndarray:
    """(n, 2) positions in [-1, 1]² for residents labelled by neighbourhood."""
    n = neighbourhood.size
    k = int(neighbourhood.max()) + 1 if n else 0
    pos = np.zeros((n, 2))
    if n == 0:
        return pos
    angle_c = 2 * np.pi * np.arange(k) / k + np.pi / 2
    spread = 0.0 if k == 1 else 0.62
    centres = spread * np.column_stack([np.cos(angle_c), np.sin(angle_c)])
    radius = 0.9 if k == 1 else min(0.36, 0.9 * spread * np.sin(np.pi / k))
    order = np.argsort(neighbourhood, kind="stable")
    counts = np.bincount(neighbourhood, minlength=k)
    starts = np.r_[0, np.cumsum(counts)[:-1]]
    rank = np.arange(n) - np.repeat(starts, counts)
    size = np.repeat(counts, counts)
    theta = 2 * np.pi * rank / np.maximum(size, 1)
    wobble = 1 + 0.05 * ((rank % 3) - 1)  # three lanes, so neighbours on the ring don't overlap
    nb = neighbourhood[order]
    pos[order, 0] = centres[nb, 0] + radius * wobble * np.cos(theta)
    pos[order, 1] = centres[nb, 1] + radius * wobble * np.sin(theta)
    return pos


def edge_segments(adjacency: object, pos: np.ndarray,
                  neighbourhood: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Line segments of the ties, split into within-neighbourhood and bridging ties.

    `adjacency` is a scipy sparse matrix or None (fully mixed: no ties are drawn).
    """
    if adjacency is None:
        empty = np.zeros((0, 2, 2))
        return empty, empty
    coo = adjacency.tocoo()
    upper = coo.row < coo.col
    src, dst = coo.row[upper], coo.col[upper]
    segs = np.stack([pos[src], pos[dst]], axis=1)
    same = neighbourhood[src] == neighbourhood[dst]
    return segs[same], segs[~same]
