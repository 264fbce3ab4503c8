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


@dataclass
class Network:
    """Ties plus the split into bonding (within) and bridging (across neighbourhoods) ties."""

    adjacency: sp.csr_matrix | None  # None means fully mixed
    within: sp.csr_matrix | None
    across: sp.csr_matrix | None
    degree: np.ndarray
    contacts_per_week: float = 0.0  # fully mixed: how many others one meets (the mean field)

    def __post_init__(self) -> None:
        self._isolated = self.degree == 0
        self._any_isolated = bool(self._isolated.any())
        self._divisor = np.maximum(self.degree, 1).astype(np.float64)

    @property
    def fully_mixed(self) -> bool:
        """True when there is no tie structure (mean field)."""
        return self.adjacency is None

    def neighbour_sum(self, values: np.ndarray) -> np.ndarray:
        """Sum of `values` over each resident's contacts (everyone else when fully mixed)."""
        if self.adjacency is None:
            return values.sum(axis=0) - values
        if not values.any():  # e.g. nobody in training yet: skip the product
            return np.zeros(values.shape)
        return self.adjacency @ values

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
        # No `x @ y` here: numpy hands float64 dot products to multi-threaded BLAS, which on a
        # busy machine costs 100x a plain masked sum (benchmarks/README.md).
        x = members.astype(np.float64)
        return (float(((self.within @ x) * x).sum()) / 2,
                float(((self.across @ x) * x).sum()) / 2)

    def without_bridges(self, who: np.ndarray) -> Network:
        """The network after residents `who` lose their ties to other neighbourhoods."""
        if self.adjacency is None or who.size == 0:
            return self
        keep = np.ones(self.adjacency.shape[0], dtype=np.float32)
        keep[who] = 0.0
        d = sp.diags(keep)
        across = (d @ self.across @ d).tocsr()
        across.eliminate_zeros()
        adjacency = (self.within + across).tocsr()
        return Network(adjacency, self.within, across, np.diff(adjacency.indptr).astype(np.int64))

    def neighbour_mean(self, values: np.ndarray) -> np.ndarray:
        """Mean of `values` over each resident's contacts (own value for the isolated)."""
        out = self.neighbour_sum(values) / self._divisor
        return np.where(self._isolated, values, out) if self._any_isolated else out


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


def symmetric(n: int, src: np.ndarray, dst: np.ndarray) -> sp.csr_matrix:
    """Undirected simple graph (no self-loops, no multi-ties) as a 0/1 CSR matrix."""
    keep = src != dst
    src, dst = src[keep], dst[keep]
    rows = np.concatenate([src, dst])
    cols = np.concatenate([dst, src])
    m = sp.csr_matrix((np.ones(rows.size), (rows, cols)), shape=(n, n))
    m.sum_duplicates()
    m.data[:] = 1.0
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
        return Network(None, None, None, np.full(n, n - 1, dtype=np.int64),
                       contacts_per_week=float(settings.mean_degree))
    k = settings.mean_degree
    if settings.type == "small_world":
        parts = []
        starts = np.flatnonzero(np.r_[True, neighbourhood[1:] != neighbourhood[:-1]])
        ends = np.r_[starts[1:], n]
        for lo, hi in zip(starts, ends, strict=True):
            s, d = ring_edges(hi - lo, k, lo)
            parts.append((s, rewire(s, d, settings.rewire, lo, hi, rng)))
        src = np.concatenate([p[0] for p in parts])
        dst = np.concatenate([p[1] for p in parts])
        bs, bd = bridging_ties(neighbourhood, is_connector, settings, rng)
        src, dst = np.concatenate([src, bs]), np.concatenate([dst, bd])
    elif settings.type == "ring":
        src, dst = ring_edges(n, k)
        dst = rewire(src, dst, settings.rewire, 0, n, rng)
    else:  # random, degree-matched to the ring lattice
        src, dst = random_pairs(n, n * k // 2, rng)
    adj = symmetric(n, src, dst)
    return split_network(adj, neighbourhood)


def split_network(adj: sp.csr_matrix, neighbourhood: np.ndarray) -> Network:
    """Attach the within/across split and degrees to an adjacency matrix."""
    coo = adj.tocoo()
    same = neighbourhood[coo.row] == neighbourhood[coo.col]
    n = adj.shape[0]
    within = sp.csr_matrix((coo.data[same], (coo.row[same], coo.col[same])), shape=(n, n))
    across = sp.csr_matrix((coo.data[~same], (coo.row[~same], coo.col[~same])), shape=(n, n))
    degree = np.diff(adj.indptr).astype(np.int64)
    return Network(adj, within, across, degree)
