"""Network types: simple symmetric graphs with the right mean degree and split."""

from __future__ import annotations

import numpy as np
import pytest

from zelflerendestad.config.schema import NetworkSettings
from zelflerendestad.network import build_network


@pytest.mark.parametrize("kind", ["small_world", "ring", "random"])
def test_networks_are_simple_symmetric_and_have_the_asked_degree(kind):
    n = 3000
    nbhd = np.repeat(np.arange(3), n // 3)
    conn = np.zeros(n, dtype=bool)
    net = build_network(nbhd, conn, NetworkSettings(type=kind, mean_degree=8, bridge_degree=0.0),
                        np.random.default_rng(1))
    a = net.adjacency
    assert (a != a.T).nnz == 0 and a.diagonal().sum() == 0 and a.max() == 1
    assert abs(net.degree.mean() - 8) < 0.3
    assert net.within.nnz + net.across.nnz == a.nnz
    if kind == "small_world":
        assert net.across.nnz == 0  # no bridges asked, none made


def test_connectors_hold_the_bridging_ties():
    n = 3000
    nbhd = np.repeat(np.arange(3), n // 3)
    conn = np.arange(n) % 30 == 0
    net = build_network(nbhd, conn, NetworkSettings(), np.random.default_rng(2))
    bridges = np.diff(net.across.indptr)
    assert bridges[conn].mean() > 5 * bridges[~conn].mean()


def test_fully_mixed_contacts_are_everyone_else():
    nbhd = np.zeros(5, dtype=np.int32)
    net = build_network(nbhd, np.zeros(5, bool), NetworkSettings(type="fully_mixed"),
                        np.random.default_rng(0))
    x = np.array([1.0, 0, 0, 1, 1])
    np.testing.assert_allclose(net.neighbour_sum(x), [2, 3, 3, 2, 2])
    np.testing.assert_allclose(net.neighbour_mean(x), np.array([2, 3, 3, 2, 2]) / 4)
