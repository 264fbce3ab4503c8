"""Means of state arrays for the weekly measures, the same bits as `np.mean`, fewer calls.

`x.mean()` spends a few microseconds a call in numpy's Python-level bookkeeping (axes, counts,
dtype checks): at the default scenario's 2,000 residents that is most of its cost, and a week
takes about twenty means. `mean` sums as `np.mean` does (float64 pairwise summation; a count
for flags, exact), then divides by the size, so every measure keeps its value to the last bit.
"""

from __future__ import annotations

import numpy as np


def mean(x: np.ndarray) -> float:
    """`float(x.mean())` of a 1-D array, bit for bit."""
    if x.dtype == np.bool_:
        return np.count_nonzero(x) / x.size
    return float(np.add.reduce(x, dtype=np.float64)) / x.size
