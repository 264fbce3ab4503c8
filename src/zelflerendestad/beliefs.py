"""Residents' beliefs as bit-planes: two machine words per resident instead of m bytes.

A belief is -1, 0 or +1 on each of m dimensions (`learning.py`). Bit d of `plus` is set where
a resident believes +1 on dimension d, bit d of `minus` where they believe -1; neither means no
view. Thirty dimensions fit one 64-bit word per plane, so comparing a resident's beliefs with
reality or the code is a few bitwise operations and one popcount per resident instead of a
pass over m cells (benchmarks/README.md). Up to 1,000 dimensions take up to 16 words per
plane; the code is the same. Packing and counting are numba kernels (`jit.py`), so that a
short vector (reality, the code) costs one call, not ten.

`Beliefs[rows]` and `np.asarray(beliefs)` give the familiar int8 (-1, 0, +1) matrix, so modules
that read a few residents' beliefs (initiatives' rules, the agent views) need not know.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .jit import kernel

WORD = np.dtype("<u8")  # little-endian, so that a word's bytes hold its bits in order
BITS = 64

def words(m: int) -> int:
    """Words per plane for m dimensions."""
    return max(1, -(-m // BITS))


def pack(flags: np.ndarray) -> np.ndarray:
    """Boolean (k, m) or (m,) flags as (k, w) or (w,) words, bit d for dimension d."""
    m = flags.shape[-1]
    packed = _pack_rows(np.asarray(flags, dtype=np.bool_).reshape(-1, m), words(m))
    return packed.reshape(*flags.shape[:-1], packed.shape[1])


@kernel
def _pack_rows(flags, w):  # noqa: ANN001
    """(k, m) flags as (k, w) words: one loop, so packing a short vector costs one call."""
    out = np.zeros((flags.shape[0], w), dtype=np.uint64)
    for i in range(flags.shape[0]):
        for d in range(flags.shape[1]):
            if flags[i, d]:
                out[i, d >> 6] |= ONE << np.uint64(d & 63)
    return out


def unpack(w: np.ndarray, m: int) -> np.ndarray:
    """(k, w) or (w,) words back to uint8 (k, m) or (m,) bits."""
    return np.unpackbits(np.ascontiguousarray(w).view(np.uint8), axis=-1, count=m,
                         bitorder="little")


_M1, _M2, _M4 = np.uint64(0x5555555555555555), np.uint64(0x3333333333333333), np.uint64(
    0x0F0F0F0F0F0F0F0F)
_H01, ONE = np.uint64(0x0101010101010101), np.uint64(1)


@kernel
def popcount64(x):  # noqa: ANN001
    """Set bits of one uint64 word, inside numba kernels (numba has no np.bitwise_count)."""
    x = x - ((x >> ONE) & _M1)
    x = (x & _M2) + ((x >> np.uint64(2)) & _M2)
    x = (x + (x >> np.uint64(4))) & _M4
    return np.int64((x * _H01) >> np.uint64(56))


@kernel
def select64(x, j):  # noqa: ANN001
    """The word with only the j-th (from 0) set bit of uint64 `x` kept; that bit must exist."""
    for _ in range(j):
        x &= x - ONE  # clear the lowest set bit
    return x & (~x + ONE)  # the lowest set bit left


def vector(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The (plus, minus) words of one -1/0/+1 vector (reality or the code), each (w,)."""
    return _vector(values, words(values.shape[-1]))


@kernel
def _vector(values, w):  # noqa: ANN001
    """`pack(values > 0), pack(values < 0)` in one call (reality and the code, several a week)."""
    plus, minus = np.zeros(w, dtype=np.uint64), np.zeros(w, dtype=np.uint64)
    for d in range(values.size):
        bit = ONE << np.uint64(d & 63)
        if values[d] > 0:
            plus[d >> 6] |= bit
        elif values[d] < 0:
            minus[d >> 6] |= bit
    return plus, minus


@kernel
def matches(plus, minus, up, down):  # noqa: ANN001
    """Per row of the planes, the set bits shared with the words (up, down) (int16)."""
    out = np.empty(plus.shape[0], dtype=np.int16)
    for i in range(plus.shape[0]):
        count = 0
        for w in range(plus.shape[1]):
            count += popcount64(plus[i, w] & up[w]) + popcount64(minus[i, w] & down[w])
        out[i] = count
    return out


@dataclass
class Beliefs:
    """Beliefs of n residents over m dimensions, as two (n, w) planes of words."""

    plus: np.ndarray
    minus: np.ndarray
    m: int

    @classmethod
    def from_values(cls, values: np.ndarray) -> Beliefs:
        """From an int8 (n, m) matrix of -1, 0, +1."""
        values = np.atleast_2d(values)
        return cls(pack(values > 0), pack(values < 0), values.shape[1])

    @property
    def n(self) -> int:
        """Number of residents."""
        return self.plus.shape[0]

    @property
    def shape(self) -> tuple[int, int]:
        """(n, m), as the int8 matrix would have."""
        return self.n, self.m

    def rows(self, idx: np.ndarray) -> Beliefs:
        """The beliefs of residents `idx` (a copy)."""
        return Beliefs(self.plus[idx], self.minus[idx], self.m)

    def copy(self) -> Beliefs:
        """An independent copy."""
        return Beliefs(self.plus.copy(), self.minus.copy(), self.m)

    def values(self) -> np.ndarray:
        """The int8 (n, m) matrix of -1, 0, +1."""
        return (unpack(self.plus, self.m).view(np.int8) - unpack(self.minus, self.m).view(np.int8))

    def __getitem__(self, idx: int | np.ndarray | slice) -> np.ndarray:
        """Rows as int8 -1/0/+1 values: (m,) for one resident, (k, m) for several."""
        if np.ndim(idx) == 0 and not isinstance(idx, slice):
            return self.rows(np.array([idx])).values()[0]
        return self.rows(idx).values()

    def __setitem__(self, idx: np.ndarray | slice, values: np.ndarray) -> None:
        """Overwrite rows with int8 -1/0/+1 values (turnover's newcomers)."""
        new = Beliefs.from_values(values)
        self.plus[idx], self.minus[idx] = new.plus, new.minus

    def __array__(self, dtype: np.dtype | None = None, copy: bool | None = None) -> np.ndarray:
        out = self.values()
        return out if dtype is None else out.astype(dtype)
