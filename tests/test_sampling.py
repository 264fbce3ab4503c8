"""Sparse Bernoulli draws: the right cells, the right distribution, no waste."""

from __future__ import annotations

import numpy as np
from scipy import stats

from zelflerendestad.sampling import bernoulli_indices


def test_indices_are_sorted_unique_and_inside_the_range():
    idx = bernoulli_indices(10_000, 0.3, np.random.default_rng(1))
    assert idx.dtype == np.int64 and np.all(np.diff(idx) > 0)
    assert idx.min() >= 0 and idx.max() < 10_000


def test_edge_probabilities():
    rng = np.random.default_rng(2)
    assert bernoulli_indices(50, 0.0, rng).size == 0
    assert bernoulli_indices(50, 1.0, rng).tolist() == list(range(50))
    assert bernoulli_indices(0, 0.5, rng).size == 0


def test_every_cell_comes_up_with_chance_p_independently():
    rng, size, p, reps = np.random.default_rng(3), 40, 0.1, 4000
    hits = np.zeros(size)
    counts = []
    for _ in range(reps):
        idx = bernoulli_indices(size, p, rng)
        hits[idx] += 1
        counts.append(idx.size)
    # per-cell frequency: a chi-square test against p for every cell at once
    chi2 = np.sum((hits - reps * p) ** 2 / (reps * p * (1 - p)))
    assert stats.chi2.sf(chi2, size) > 1e-3
    # the number of hits per draw is Binomial(size, p): mean and variance
    counts = np.array(counts)
    assert abs(counts.mean() - size * p) < 4 * np.sqrt(size * p * (1 - p) / reps)
    assert 0.85 < counts.var() / (size * p * (1 - p)) < 1.15


def test_long_ranges_are_covered_to_the_end():
    idx = bernoulli_indices(1_000_000, 0.001, np.random.default_rng(4))
    assert idx[-1] > 990_000 and 900 < idx.size < 1100
