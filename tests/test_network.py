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
    coo = a.tocoo()
    assert net.bridges == (nbhd[coo.row] != nbhd[coo.col]).sum() / 2
    if kind == "small_world":
        assert net.bridges == 0  # no bridges asked, none made


def test_connectors_hold_the_bridging_ties():
    n = 3000
    nbhd = np.repeat(np.arange(3), n // 3)
    conn = np.arange(n) % 30 == 0
    net = build_network(nbhd, conn, NetworkSettings(), np.random.default_rng(2))
    bridges = np.bincount(np.concatenate(net.bridge_ends), minlength=n)
    assert bridges[conn].mean() > 5 * bridges[~conn].mean()


def test_fully_mixed_contacts_are_everyone_else():
    nbhd = np.zeros(5, dtype=np.int32)
    net = build_network(nbhd, np.zeros(5, bool), NetworkSettings(type="fully_mixed"),
                        np.random.default_rng(0))
    x = np.array([1.0, 0, 0, 1, 1])
    np.testing.assert_allclose(net.neighbour_sum(x), [2, 3, 3, 2, 2])
    np.testing.assert_allclose(net.neighbour_mean(x), np.array([2, 3, 3, 2, 2]) / 4)


def small_world(n=900, seed=2):
    nbhd = np.repeat(np.arange(3), n // 3)
    conn = np.arange(n) % 30 == 0
    return build_network(nbhd, conn, NetworkSettings(), np.random.default_rng(seed)), nbhd


def test_ties_among_members_counts_bonding_and_bridging_ties_by_hand():
    net, nbhd = small_world()
    members = np.random.default_rng(3).random(nbhd.size) < 0.4
    coo = net.adjacency.tocoo()
    both = members[coo.row] & members[coo.col]
    same = nbhd[coo.row] == nbhd[coo.col]
    assert net.ties_among(members) == ((both & same).sum() / 2, (both & ~same).sum() / 2)


def test_many_columns_summed_in_one_pass_equal_each_column_summed_alone():
    net, nbhd = small_world()
    values = np.random.default_rng(6).random((nbhd.size, 3))
    together = net.neighbour_sum(values)
    for j in range(3):
        assert np.array_equal(together[:, j], net.neighbour_sum(values[:, j].copy()))


def test_updated_sum_equals_the_sum_of_the_new_flags():
    rng = np.random.default_rng(7)
    for net, nbhd in (small_world(), (build_network(
            np.zeros(50, dtype=np.int32), np.zeros(50, bool),
            NetworkSettings(type="fully_mixed"), rng), np.zeros(50))):
        old = rng.random(nbhd.size) < 0.3
        new = old ^ (rng.random(nbhd.size) < 0.05)
        total = net.neighbour_sum(old.astype(float))
        assert np.array_equal(net.updated_sum(total, old, new), net.neighbour_sum(new * 1.0))


def test_without_bridges_cuts_exactly_the_bridging_ties_of_who_leaves():
    net, nbhd = small_world()
    who = np.flatnonzero(np.arange(nbhd.size) % 30 == 0)[:5]
    after = net.without_bridges(who)
    coo, kept = net.adjacency.tocoo(), after.adjacency
    cut = np.isin(coo.row, who) | np.isin(coo.col, who)
    cut &= nbhd[coo.row] != nbhd[coo.col]
    expected = net.adjacency.toarray()
    expected[coo.row[cut], coo.col[cut]] = 0
    assert np.array_equal(kept.toarray(), expected) and kept.has_canonical_format
    assert after.bridges == net.bridges - cut.sum() / 2 < net.bridges


def test_neighbour_sum_and_mean_match_the_definition_including_all_zero_values():
    net, nbhd = small_world()
    values = np.random.default_rng(4).random(nbhd.size)
    dense = net.adjacency.toarray()
    assert np.allclose(net.neighbour_sum(values), dense @ values)
    assert np.allclose(net.neighbour_mean(values), dense @ values / net.degree)
    zeros = net.neighbour_sum(np.zeros(nbhd.size))
    assert zeros.shape == (nbhd.size,) and not zeros.any()


def test_contacts_among_counts_ties_and_in_the_mean_field_only_the_others_one_meets():
    net, nbhd = small_world()
    flags = np.random.default_rng(5).random(nbhd.size) < 0.1
    assert np.array_equal(net.contacts_among(flags), net.adjacency @ flags.astype(float))
    n = 1001
    mixed = build_network(np.zeros(n, dtype=np.int32), np.zeros(n, bool),
                          NetworkSettings(type="fully_mixed", mean_degree=8),
                          np.random.default_rng(0))
    flags = np.arange(n) < 100  # 100 trained connectors in a city of 1,001
    count = mixed.contacts_among(flags)
    # A resident meets 8 others a week; 99 or 100 of the 1,000 others are flagged.
    np.testing.assert_allclose(count[flags], 8 * 99 / 1000)
    np.testing.assert_allclose(count[~flags], 8 * 100 / 1000)
