"""The social network: residents' ties as a symmetric `scipy.sparse` CSR matrix.

Types (MODEL.md, "Neighbourhoods"): clustered small world inside each neighbourhood with weak
ties across (default), one ring lattice over the city, a degree-matched random graph, and fully
mixed (no matrix; everybody's contacts are "everyone else"). Built with numpy so that a city of
a million residents takes seconds, not the minutes networkx needs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .config.schema import NetworkSettings
from .engagement import influence_weights
from .jit import flags as flags_of
from .jit import floats, kernel, literal_unroll, unsigned


@dataclass
class Network:
    """Ties, and the neighbourhood of each resident to tell bonding from bridging ties."""

    adjacency: sp.csr_matrix | None  # None means fully mixed
    neighbourhood: np.ndarray
    degree: np.ndarray
    contacts_per_week: float = 0.0  # fully mixed: how many others one meets (the mean field)

    def __post_init__(self) -> None:
        # The bridging ties, each once (row < column): a few per cent of all ties, kept as two
        # index arrays so that counting them among members costs nothing like a second matrix.
        self.bridge_ends = bridge_ends(self.adjacency, self.neighbourhood)

    @property
    def fully_mixed(self) -> bool:
        """True when there is no tie structure (mean field)."""
        return self.adjacency is None

    @property
    def bridges(self) -> int:
        """Number of bridging ties (between residents of different neighbourhoods)."""
        return int(self.bridge_ends[0].size)

    def neighbour_sum(self, values: np.ndarray) -> np.ndarray:
        """Sum of `values` over each resident's contacts (everyone else when fully mixed).

        `values` may be (n,) or (n, k): k columns are summed in one pass over the ties, which
        costs about 1.5x one column, not k times (benchmarks/README.md).
        """
        if self.adjacency is None:
            # Column by column, each contiguous, so that numpy's pairwise sums give the very
            # numbers of k single-column calls.
            total = values.sum() if values.ndim == 1 else np.array(
                [np.ascontiguousarray(c).sum() for c in values.T])
            return total - values
        if not values.any():  # e.g. nobody in training yet: skip the product
            return np.zeros(values.shape)
        a = self.adjacency
        if values.ndim == 1:
            return _tie_sum(a.indptr, a.indices, values)
        return np.column_stack(_tie_sums(a.indptr, a.indices, tuple(values.T)))

    def neighbour_sums(self, *columns: np.ndarray) -> list[np.ndarray]:
        """`neighbour_sum` of each of several (n,) arrays, summed in one traversal of the ties.

        The traversal reads the arrays as they are (flags stay bytes: no (n, k) float64 copy
        of the inputs) and gives one (n,) array per input, so that a caller frees each sum
        when its use ends and every array of a week has the same size, which keeps glibc's
        heap from fragmenting around an (n, k) block (benchmarks/README.md).
        """
        if self.adjacency is None or not any(c.any() for c in columns):
            return [self.neighbour_sum(np.asarray(c, dtype=np.float64)) for c in columns]
        a = self.adjacency
        return _tie_sums(a.indptr, a.indices, columns)

    def engagement_sums(self, engaged: np.ndarray, is_connector: np.ndarray, active: np.ndarray,
                        trust: np.ndarray, connector_weight: float) -> list[np.ndarray]:
        """Start-of-week inputs of step 3b summed over each resident's contacts, in one pass.

        (weighted engaged contacts, engaged contacts, active contacts, sum of their trust in
        government), the very numbers of `neighbour_sums` of engaged x weight, engaged, active
        and trust. The three flags travel as bits of one byte per resident, so a tie costs
        two random reads (the byte and the trust) instead of four (benchmarks/README.md, fifth
        round).
        """
        if self.adjacency is None:
            weights = influence_weights(is_connector, connector_weight)
            return self.neighbour_sums(engaged * weights, engaged, active, trust)
        a = self.adjacency
        return list(_engagement_sums(a.indptr, a.indices, _packed(flags_of(engaged),
                                     flags_of(is_connector), flags_of(active)),
                                     floats(trust), connector_weight))

    def updated_sum(self, total: np.ndarray, old: np.ndarray, new: np.ndarray) -> np.ndarray:
        """Neighbour sums of 0/1 `new` from `total`, those of `old`, through the ties that changed.

        A week flips the engaged flag of 1-2% of residents, so walking their ties costs a
        fraction of a full traversal; sums of 0/1 are whole numbers, so the result is exact.
        `total` is updated in place and returned.
        """
        if self.adjacency is None:
            return self.neighbour_sum(new.astype(np.float64))
        a = self.adjacency
        _add_flips(a.indptr, a.indices, np.asarray(old, dtype=np.bool_),
                   np.asarray(new, dtype=np.bool_), total)
        return total

    def contacts_among(self, flags: np.ndarray) -> np.ndarray:
        """How many of each resident's contacts carry `flags` (a count, not a share).

        Fully mixed, a resident meets `contacts_per_week` random others, not the whole city:
        counting everyone would let a handful of trained connectors reach every resident.
        """
        values = flags.astype(np.float64)
        if self.adjacency is None:
            return self.neighbour_sum(values) * (self.contacts_per_week / max(values.size - 1, 1))
        return self.neighbour_sum(values)

    def ties_among(self, members: np.ndarray) -> tuple[float, float]:
        """Ties between two members: (bonding, within a neighbourhood; bridging, across)."""
        if self.adjacency is None:
            return math.nan, math.nan
        a = self.adjacency
        both = _ties_within(a.indptr, a.indices, np.asarray(members, dtype=np.bool_)) / 2
        lo, hi = self.bridge_ends
        bridging = float(np.count_nonzero(members[lo] & members[hi]))
        return both - bridging, bridging

    def without_bridges(self, who: np.ndarray) -> Network:
        """The network after residents `who` lose their ties to other neighbourhoods."""
        if self.adjacency is None or who.size == 0:
            return self
        a = self.adjacency
        rows = np.repeat(np.arange(a.shape[0]), np.diff(a.indptr))
        gone = np.zeros(a.shape[0], dtype=bool)
        gone[who] = True
        cut = (gone[rows] | gone[a.indices]) & (self.neighbourhood[rows]
                                               != self.neighbourhood[a.indices])
        keep = ~cut
        indptr = np.r_[0, np.cumsum(np.bincount(rows[keep], minlength=a.shape[0]))]
        adjacency = sp.csr_matrix((ones(int(keep.sum())), a.indices[keep],
                                   indptr.astype(a.indptr.dtype)),
                                  shape=a.shape)
        adjacency.has_sorted_indices = True
        return Network(adjacency, self.neighbourhood, np.diff(adjacency.indptr).astype(np.int64))

    def with_tie(self, a: int, b: int) -> Network:
        """The network with a tie between `a` and `b` (itself if fully mixed or already tied)."""
        m = self.adjacency
        if m is None or a == b or m[a, b]:
            return self
        adjacency = m.tolil()
        adjacency[a, b] = adjacency[b, a] = 1.0
        adjacency = adjacency.tocsr()
        adjacency.sort_indices()
        return Network(adjacency, self.neighbourhood, np.diff(adjacency.indptr).astype(np.int64))

    def neighbour_mean(self, values: np.ndarray, sums: np.ndarray | None = None) -> np.ndarray:
        """Mean of `values` over each resident's contacts (own value for the isolated).

        `sums`, the neighbour sums of `values` if already computed (`neighbour_sum`).
        """
        return _mean_over(floats(self.neighbour_sum(values) if sums is None else sums),
                          np.asarray(self.degree, dtype=np.int64), floats(values))


@kernel
def mean_over(total, degree, own):  # noqa: ANN001, ANN201
    """One resident's sum over its contacts as a mean: its own value when it has no ties."""
    return own if degree == 0 else total / np.float64(max(degree, 1))


@kernel
def _mean_over(sums, degree, values):  # noqa: ANN001
    """Each sum over max(degree, 1), or the own value without ties; no n-sized divisor kept."""
    out = np.empty(sums.size)
    for i in range(sums.size):
        out[i] = mean_over(sums[i], degree[i], values[i])
    return out


@kernel
def _packed(engaged, is_connector, active):  # noqa: ANN001
    """Bit 0 engaged, bit 1 connector, bit 2 active: one byte per resident."""
    out = np.empty(engaged.size, np.uint8)
    for i in range(engaged.size):
        out[i] = np.uint8(engaged[i]) | np.uint8(is_connector[i]) << 1 | np.uint8(active[i]) << 2
    return out


@kernel
def _engagement_sums(indptr, indices, packed, trust, connector_weight):  # noqa: ANN001
    """The four sums of `Network.engagement_sums`, each added in the CSR's order.

    The weight of a contact is looked up by its two low bits (no branch: half the contacts
    are engaged late in a run, and a branch on them is mispredicted as often); the counts
    are added as integers, exact like sums of 0/1 floats and without their latency. Indices
    are unsigned (`jit.unsigned`).
    """
    n = indptr.size - 1
    weight = np.array([0.0, 1.0, 0.0, connector_weight])  # by bits 0-1: engaged, connector
    weighted, engaged, active, trusting = np.empty(n), np.empty(n), np.empty(n), np.empty(n)
    one, three, two = unsigned(1), unsigned(3), unsigned(2)
    for i in range(n):
        w, t, e, a = 0.0, 0.0, unsigned(0), unsigned(0)
        for jj in range(unsigned(indptr[i]), unsigned(indptr[i + 1])):
            j = unsigned(indices[jj])
            bits = unsigned(packed[j])
            w += weight[bits & three]
            e += bits & one
            a += bits >> two
            t += trust[j]
        weighted[i], engaged[i], active[i], trusting[i] = w, e, a, t
    return weighted, engaged, active, trusting


@kernel
def _add_flips(indptr, indices, old, new, total):  # noqa: ANN001
    """Add +-1 to the sums of the contacts of each resident whose flag flipped (in place)."""
    for i in range(old.size):
        if old[i] != new[i]:
            sign = 1.0 if new[i] else -1.0
            for jj in range(unsigned(indptr[i]), unsigned(indptr[i + 1])):
                total[unsigned(indices[jj])] += sign


@kernel
def _tie_sum(indptr, indices, x):  # noqa: ANN001
    """Sum of `x` over each resident's ties, in scipy's order (so the very same numbers)."""
    out = np.empty(indptr.size - 1)
    for i in range(indptr.size - 1):
        total = 0.0
        for jj in range(unsigned(indptr[i]), unsigned(indptr[i + 1])):
            total += x[unsigned(indices[jj])]
        out[i] = total
    return out


def _tie_sums(indptr: np.ndarray, indices: np.ndarray, columns: tuple) -> list[np.ndarray]:
    """`_tie_sum` of each of a tuple of (n,) arrays (each read in its own dtype), one pass."""
    out = tuple(np.zeros(indptr.size - 1) for _ in columns)
    _tie_sums_into(indptr, indices, columns, out)
    return list(out)


@kernel
def _tie_sums_into(indptr, indices, columns, out):  # noqa: ANN001
    for i in range(indptr.size - 1):
        for jj in range(indptr[i], indptr[i + 1]):
            j = indices[jj]
            c = 0
            for column in literal_unroll(columns):
                out[c][i] += column[j]
                c += 1


@kernel
def _ties_within(indptr, indices, members):  # noqa: ANN001
    """Ties of members to members, each counted from both ends: only members' rows are read."""
    count = 0
    for i in range(members.size):
        if members[i]:
            for jj in range(unsigned(indptr[i]), unsigned(indptr[i + 1])):
                count += members[unsigned(indices[jj])]
    return count


def bridge_ends(adj: sp.csr_matrix | None, neighbourhood: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """Both ends of every tie between neighbourhoods, each tie once (lower index first)."""
    lo, hi = [np.empty(0, dtype=np.int32)], [np.empty(0, dtype=np.int32)]
    if adj is None:
        return lo[0], hi[0]
    block = 1 << 16  # rows at a time, so that no tie-sized temporary is made (1M: 8M ties)
    for start in range(0, adj.shape[0], block):
        stop = min(start + block, adj.shape[0])
        ptr = adj.indptr[start:stop + 1]
        rows = np.repeat(np.arange(start, stop, dtype=np.int32), np.diff(ptr))
        cols = adj.indices[ptr[0]:ptr[-1]]
        take = (rows < cols) & (neighbourhood[rows] != neighbourhood[cols])
        lo.append(rows[take])
        hi.append(cols[take].astype(np.int32))
    return np.concatenate(lo), np.concatenate(hi)


def ring_edges(n: int, k: int, offset: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Edges of a ring lattice on nodes offset..offset+n-1, each tied to its k nearest."""
    half = min(k // 2, (n - 1) // 2)
    src = np.repeat(np.arange(n), half)
    step = np.tile(np.arange(1, half + 1), n)
    return src + offset, (src + step) % n + offset


def rewire(src: np.ndarray, dst: np.ndarray, p: float, lo: int, hi: int,
           rng: np.random.Generator) -> np.ndarray:
    """Watts-Strogatz rewiring: each tie's far end moves to a random node in [lo, hi) with p."""
    moved = rng.random(dst.size) < p
    dst = dst.copy()
    dst[moved] = rng.integers(lo, hi, moved.sum())
    return dst


def random_pairs(n: int, m: int, rng: np.random.Generator,
                 group: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """M random pairs; with `group`, only pairs whose members are in different groups."""
    a = rng.integers(0, n, m)
    b = rng.integers(0, n, m)
    if group is not None:
        keep = group[a] != group[b]
        a, b = a[keep], b[keep]
    return a, b


def tie_keys(n: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """Each undirected tie as one number, lower end x n + higher end; self-loops dropped."""
    lo, hi = np.minimum(src, dst).astype(np.int64), np.maximum(src, dst)
    keep = lo != hi
    lo *= n
    lo += hi
    return lo[keep]


def ones(size: int) -> np.ndarray:
    """A tie's weight, 1, for `size` ties as one read-only number repeated (8 bytes, not 8 a tie).

    The model's neighbour sums read only the pattern (`_tie_sum`, `_tie_sums_into`); scipy still
    needs a data array for its own products (verification, the app), and accepts this one.
    """
    return np.broadcast_to(np.float64(1.0), size)


def symmetric(n: int, keys: np.ndarray) -> sp.csr_matrix:
    """Undirected simple graph (no self-loops, no multi-ties) as a 0/1 CSR matrix.

    Built straight from the tie keys (`tie_keys`, sorted in place): one sort of the ties both ways
    gives the rows and, within a row, the sorted columns, so no coordinate copies are made
    (scipy's COO route held about 700 bytes per resident at its peak at 1,000,000).
    """
    keys.sort()  # in place, and not np.unique: numpy 2.5's hashing unique is 5x slower
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]]
    both = np.empty(2 * keys.size, dtype=np.int64)
    both[: keys.size] = keys
    np.divmod(keys, n, out=(keys, both[keys.size:]))  # keys now hold the lower ends
    both[keys.size:] *= n
    both[keys.size:] += keys
    del keys
    both.sort()
    index = np.int32 if both.size < 2**31 else np.int64
    indptr = np.searchsorted(both, np.arange(n + 1, dtype=np.int64) * n).astype(index)
    np.remainder(both, n, out=both)
    indices = both.astype(index)
    del both
    m = sp.csr_matrix((ones(indices.size), indices, indptr), shape=(n, n))
    m.has_sorted_indices = True
    return m


def bridging_ties(neighbourhood: np.ndarray, is_connector: np.ndarray,
                  settings: NetworkSettings, rng: np.random.Generator
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Cross-neighbourhood ties; connectors hold many, ordinary residents few (weak ties)."""
    n = neighbourhood.size
    per = np.where(is_connector, settings.connector_bridge_degree, settings.bridge_degree)
    count = rng.poisson(per / 2.0)  # each tie has two ends
    src = np.repeat(np.arange(n), count)
    dst = rng.integers(0, n, src.size)
    ok = neighbourhood[src] != neighbourhood[dst]
    return src[ok], dst[ok]


def build_network(neighbourhood: np.ndarray, is_connector: np.ndarray,
                  settings: NetworkSettings, rng: np.random.Generator) -> Network:
    """Build the network of the configured type for residents grouped by neighbourhood."""
    n = neighbourhood.size
    if settings.type == "fully_mixed":
        return Network(None, neighbourhood, np.full(n, n - 1, dtype=np.int64),
                       contacts_per_week=float(settings.mean_degree))
    k = settings.mean_degree
    if settings.type == "small_world":
        parts = []
        starts = np.flatnonzero(np.r_[True, neighbourhood[1:] != neighbourhood[:-1]])
        ends = np.r_[starts[1:], n]
        for lo, hi in zip(starts, ends, strict=True):
            s, d = ring_edges(hi - lo, k, lo)
            parts.append(tie_keys(n, s, rewire(s, d, settings.rewire, lo, hi, rng)))
        parts.append(tie_keys(n, *bridging_ties(neighbourhood, is_connector, settings, rng)))
        keys = np.concatenate(parts)
        del parts
    elif settings.type == "ring":
        src, dst = ring_edges(n, k)
        keys = tie_keys(n, src, rewire(src, dst, settings.rewire, 0, n, rng))
    else:  # random, degree-matched to the ring lattice
        keys = tie_keys(n, *random_pairs(n, n * k // 2, rng))
    adj = symmetric(n, keys)
    return Network(adj, neighbourhood, np.diff(adj.indptr).astype(np.int64))
