"""numba's `njit` as the model's kernels use it: one loop per mechanism, compiled once.

A chain of numpy expressions over residents makes one pass over memory per operator and a
temporary array per step: about 140 passes a week for the element-wise updates of engagement,
ownership, energy, trust and crowding (benchmarks/README.md). A kernel does the same arithmetic
in one loop, in the same order, so its results are bit-identical to the numpy expressions it
replaced (`tests/test_jit.py` checks that against the formulas).

`cache=True` stores the machine code in the package's `__pycache__`, so a fresh clone compiles
each kernel once, in the first process that calls it, and every later process (tests, CLI
runs, sweep workers) loads it. `error_model="numpy"`: division by zero gives inf or nan as numpy
does, with no check in the loop; no `fastmath`, which would reorder the arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numba import literal_unroll, njit, uint64

__all__ = ["flags", "floats", "kernel", "literal_unroll", "per_resident", "unsigned"]


def kernel(fn: Callable) -> Callable:
    """Compile `fn` with numba (cached on disk, numpy's error model, no fast-math)."""
    return njit(cache=True, error_model="numpy")(fn)


def floats(x: object) -> np.ndarray:
    """`x` as a float64 array (no copy if it is one): one compiled signature per kernel."""
    return np.asarray(x, dtype=np.float64)


def per_resident(x: object, n: int) -> np.ndarray:
    """A parameter that is one number for the city or one per resident, as (n,) float64.

    A number is repeated by a zero stride, not copied.
    """
    return np.broadcast_to(np.asarray(x, dtype=np.float64), (n,))


def flags(x: object) -> np.ndarray:
    """`x` as a boolean array (no copy if it is one)."""
    return np.asarray(x, dtype=np.bool_)


# An index as numba's uint64, in a kernel: numba checks every signed index for a negative value
# to wrap around (numpy's a[-1]), an unsigned one not. In the random gather over the ties the
# checks cost a third of the time (37 -> 25 ms at 1,000,000; benchmarks/README.md, fifth
# round). Only for indices that are never negative.
unsigned = uint64
