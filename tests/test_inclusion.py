"""Inclusion measures: parities and concentration computed by hand on a few residents."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import rankdata

from zelflerendestad import inclusion
from zelflerendestad.model import CityModel
from zelflerendestad.run.runner import run_one

from .conftest import small_config


def test_parity_is_lowest_over_highest_rate_of_the_non_empty_groups():
    assert inclusion.parity(np.array([1, 2, 0]), np.array([4, 4, 0])) == pytest.approx(0.5)
    assert inclusion.parity(np.array([0, 3]), np.array([5, 5])) == 0.0
    assert math.isnan(inclusion.parity(np.array([3, 0]), np.array([5, 0])))  # one group
    assert math.isnan(inclusion.parity(np.array([0, 0]), np.array([5, 5])))  # nobody


def test_concentration_index_by_hand():
    # four residents of rank 1/4..4/4; only the best connected takes part: CI = 2(1 - 5/8)
    counts = np.ones(4)
    rank = np.arange(1, 5) / 4
    assert inclusion.concentration(np.array([0, 0, 0, 1]), counts, rank) == pytest.approx(0.75)
    assert inclusion.concentration(np.ones(4), counts, rank) == pytest.approx(0.0)
    assert inclusion.concentration(np.array([1, 0, 0, 0]), counts, rank) < 0
    assert math.isnan(inclusion.concentration(np.zeros(4), counts, rank))


def _groups(n=400, seed=0):
    rng = np.random.default_rng(seed)
    degree = rng.integers(2, 12, n)
    return inclusion.Groups.create(degree, rng.integers(0, 3, n), rng.integers(0, 3, n), 3,
                                   rng.random(n), rng.random(n)), degree, rng


def test_measures_equal_the_direct_per_resident_computation():
    groups, degree, rng = _groups()
    outcomes = {o: rng.random(degree.size) < p for o, p in zip(inclusion.OUTCOMES,
                                                               (0.6, 0.3, 0.05), strict=True)}
    got = inclusion.measures(groups, outcomes)
    assert set(got) == set(inclusion.measure_names())
    for g in inclusion.GROUPINGS:
        code = groups.group_of(g)
        for o, flags in outcomes.items():
            rates = [flags[code == k].mean() for k in np.unique(code)]
            assert got[f"parity_{o}_{g}"] == pytest.approx(min(rates) / max(rates))
    rank = rankdata(degree) / degree.size
    for o, flags in outcomes.items():
        y = flags.astype(float)
        direct = 2 * np.mean(y * (rank - rank.mean())) / y.mean()
        assert got[f"concentration_{o}_degree"] == pytest.approx(direct)


def test_cell_counts_and_degree_ranks_equal_the_numpy_and_scipy_code_they_replaced():
    # The oracles are the code of commit 1b5c1ba: one bincount over int32 cells plus outcome
    # bits, and scipy's average ranks summed per distinct degree. Equality is exact.
    groups, degree, rng = _groups(n=3000, seed=4)
    assert groups.cells.dtype == np.uint16
    outcomes = [rng.random(degree.size) < p for p in (0.6, 0.3, 0.05)]
    bits = np.zeros(degree.size, dtype=np.int32)
    for k, flags in enumerate(outcomes):
        bits |= flags.view(np.uint8).astype(np.int32) << k
    size = sum(groups.sizes.values()) * inclusion.COMBOS
    want = np.bincount((groups.cells.astype(np.int32) + bits).ravel(), minlength=size)
    np.testing.assert_array_equal(inclusion._count_cells(groups.cells, *outcomes, size), want)
    distinct, which = np.unique(degree, return_inverse=True)
    rank = np.bincount(which, weights=rankdata(degree)) / np.bincount(which) / degree.size
    np.testing.assert_array_equal(groups.degree_rank, rank)
    assert distinct.size == rank.size


def test_cells_widen_when_the_groups_do_not_fit_two_bytes():
    n = 20_000
    rng = np.random.default_rng(1)
    wide = inclusion.Groups.create(rng.integers(2, 12, n), None, np.arange(n) % 9000, 9000,
                                   rng.random(n), rng.random(n))
    assert wide.cells.dtype == np.int32
    assert wide.group_of("nbhd").max() == 8999


def test_newcomers_take_the_prior_group_of_their_arrival():
    groups, degree, _ = _groups()
    groups.arrive(np.array([0, 1]), trust=np.array([0.0, 1.0]), motivation=np.array([1.0, 0.0]))
    assert groups.group_of("trust")[:2].tolist() == [0, 3]
    assert groups.group_of("motivation")[:2].tolist() == [3, 0]


def test_one_neighbourhood_left_out_shows_as_parity_zero_and_fully_mixed_cannot_tell():
    quiet = {"broadcast_rate": 0.0, "word_of_mouth_rate": 0.0, "lapse_rate": 0.0}
    model = CityModel(small_config(engagement=quiet), seed=3)
    r = model.residents
    r.engaged = r.neighbourhood == 0
    model.record()
    row = model.recorder.columns
    assert row["parity_engaged_nbhd"][-1] == 0.0
    assert row["parity_engaged_trust"][-1] > 0.4  # trust at arrival is not the neighbourhood
    mixed = run_one(small_config(network={"type": "fully_mixed"}, run={"weeks": 3}))
    assert mixed.summary["parity_engaged_degree_last_year"] is None  # one degree: no groups
    assert mixed.summary["parity_engaged_ties_last_year"] is None
