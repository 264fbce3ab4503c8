"""Exact Bernoulli draws over many cells at the cost of the few that come up.

When each of `size` cells (residents, or resident-dimensions of the belief matrix) flips a coin
with a small probability p, drawing `size` uniforms wastes most of the work: at 100,000
residents x 30 dimensions and p = 0.05 that is 3 million draws for 150,000 hits. The gaps
between successive hits of independent Bernoulli(p) trials are Geometric(p), so summing
geometric gaps visits exactly the cells that come up, with exactly the right distribution, in
time proportional to size x p (Devroye 1986, ch. X; the skip trick of Vitter's reservoir
sampling).
"""

from __future__ import annotations

import numpy as np

from .jit import kernel


def bernoulli_indices(size: int, p: float, rng: np.random.Generator) -> np.ndarray:
    """Sorted indices i in [0, size) for which an independent coin with chance `p` came up.

    Distributed exactly as `np.flatnonzero(rng.random(size) < p)`, but draws about size x p
    numbers instead of `size`.
    """
    if p <= 0 or size <= 0:
        return np.empty(0, dtype=np.int64)
    if p >= 1:
        return np.arange(size, dtype=np.int64)
    expected = size * p
    chunk = int(expected + 5.0 * np.sqrt(expected) + 16)
    parts, last = [], -1
    while last < size - 1:
        pos = last + np.cumsum(rng.geometric(p, chunk), dtype=np.int64)
        parts.append(pos)
        last = int(pos[-1])
        chunk = max(16, int((size - 1 - last) * p * 1.5) + 16)
    out = np.concatenate(parts) if len(parts) > 1 else parts[0]
    return out[: np.searchsorted(out, size)]


def chosen(u: np.ndarray, rate: float, chance: np.ndarray,
           among: np.ndarray | None = None) -> np.ndarray:
    """`np.flatnonzero(among & (u < rate * chance))` for drawn uniforms `u`, in one pass.

    No n-sized products or flags: at 1,000,000 residents the numpy expression makes three
    temporaries (24 MB) for a few thousand indices.
    """
    return _chosen(u, rate, chance, np.broadcast_to(np.True_, u.shape) if among is None
                   else np.asarray(among, dtype=np.bool_))


@kernel
def _chosen(u, rate, chance, among):  # noqa: ANN001
    out = np.empty(u.size, dtype=np.int64)  # only the pages written are touched
    count = 0
    for i in range(u.size):
        if among[i] and u[i] < rate * chance[i]:
            out[count] = i
            count += 1
    return out[:count].copy()
